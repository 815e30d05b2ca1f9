//! Change logs and plans → CSV for spreadsheets: UTF-8 with a byte-order mark (Excel needs it
//! to read Japanese), RFC 4180 quoting, CRLF line ends.
//!
//! - [`write_changes`]: one row per event;
//! - [`write_budgets`]: one row per project and fiscal year (printed cards only);
//! - [`write_participation`]: one row per project and partner (matrix ○ or card), with the
//!   municipality code.

use crate::diff::{ChangeDetail, ChangeLog, TextValue};
use crate::records::{Plan, ThousandYen};
use std::io::{self, Write};

const BOM: &[u8] = "\u{feff}".as_bytes();

/// One field, quoted when it holds a comma, a quote or a line break (RFC 4180 §2.6–2.7).
fn field(s: &str) -> String {
    if s.contains([',', '"', '\r', '\n']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}

fn row(w: &mut impl Write, fields: &[String]) -> io::Result<()> {
    let line: Vec<String> = fields.iter().map(|f| field(f)).collect();
    w.write_all(line.join(",").as_bytes())?;
    w.write_all(b"\r\n")
}

fn amount(a: Option<ThousandYen>) -> String {
    a.map(|a| a.0.to_string()).unwrap_or_default()
}

fn text(v: &TextValue) -> String {
    v.lines().join("\n")
}

/// The events of a change log.
///
/// Columns: `kind,project,field,side,fy,partner,indicator,from_name,from,to,added,removed,
/// base_page,revised_page,notes`. Amounts are plain integers in 千円; list items are joined by
/// line breaks inside the quoted field.
pub fn write_changes(w: &mut impl Write, log: &ChangeLog) -> io::Result<()> {
    w.write_all(BOM)?;
    let header = [
        "kind",
        "project",
        "field",
        "side",
        "fy",
        "partner",
        "indicator",
        "from_name",
        "from",
        "to",
        "added",
        "removed",
        "base_page",
        "revised_page",
        "notes",
    ];
    row(w, &header.map(String::from))?;
    for c in &log.changes {
        let mut f: [String; 15] = Default::default();
        f[0] = c.detail.kind().to_string();
        f[1] = c.project.clone();
        match &c.detail {
            ChangeDetail::ProjectAdded {
                role,
                initiative,
                partners,
                total,
            } => {
                f[2] = format!("{role} / {initiative}");
                f[5] = partners.join("、");
                f[9] = amount(*total);
            }
            ChangeDetail::ProjectRemoved {
                role,
                initiative,
                partners,
            } => {
                f[2] = format!("{role} / {initiative}");
                f[5] = partners.join("、");
            }
            ChangeDetail::ProjectRenamed { from_name, .. } => f[7] = from_name.clone(),
            ChangeDetail::PartnerAdded { partner, .. }
            | ChangeDetail::PartnerRemoved { partner, .. } => {
                f[5] = partner.clone();
            }
            ChangeDetail::BudgetChanged { fy, from, to } => {
                f[4] = fy.to_string();
                f[8] = amount(*from);
                f[9] = amount(*to);
            }
            ChangeDetail::TotalChanged { from, to } => {
                f[8] = amount(*from);
                f[9] = amount(*to);
            }
            ChangeDetail::PhaseChanged { fy, from, to } => {
                f[4] = fy.to_string();
                f[8] = from.clone().unwrap_or_default();
                f[9] = to.clone().unwrap_or_default();
            }
            ChangeDetail::KpiChanged {
                indicator,
                field: kf,
                from,
                to,
            } => {
                f[2] = kf.as_str().to_string();
                f[6] = indicator.clone();
                f[8] = from.clone().unwrap_or_default();
                f[9] = to.clone().unwrap_or_default();
            }
            ChangeDetail::TextChanged {
                field: tf,
                side,
                from,
                to,
                added,
                removed,
                ..
            } => {
                f[2] = tf.as_str().to_string();
                f[3] = side.clone().unwrap_or_default();
                f[8] = text(from);
                f[9] = text(to);
                f[10] = added.as_ref().map(|v| v.join("\n")).unwrap_or_default();
                f[11] = removed.as_ref().map(|v| v.join("\n")).unwrap_or_default();
            }
        }
        f[12] = c
            .evidence
            .base
            .map(|p| p.page.to_string())
            .unwrap_or_default();
        f[13] = c
            .evidence
            .revised
            .map(|p| p.page.to_string())
            .unwrap_or_default();
        f[14] = c.evidence.notes.join("\n");
        row(w, &f)?;
    }
    Ok(())
}

/// Budgets of a plan: `version,project,fy,phase,amount,total` (amounts in 千円, empty for
/// none); projects whose card is not printed have no rows.
pub fn write_budgets(w: &mut impl Write, plan: &Plan) -> io::Result<()> {
    w.write_all(BOM)?;
    row(
        w,
        &["version", "project", "fy", "phase", "amount", "total"].map(String::from),
    )?;
    for p in &plan.projects {
        let Some(card) = &p.card else { continue };
        for e in &card.schedule {
            row(
                w,
                &[
                    plan.version.clone(),
                    p.name.clone(),
                    e.fy.to_string(),
                    e.phase.clone().unwrap_or_default(),
                    amount(e.amount),
                    amount(card.total),
                ],
            )?;
        }
    }
    Ok(())
}

/// Participation of a plan: `version,project,partner,code,matrix,card` — one row per partner in
/// header order that the matrix marks ○ or the card lists; `matrix`/`card` are 1 or 0, `card`
/// empty when the card is not printed.
pub fn write_participation(w: &mut impl Write, plan: &Plan) -> io::Result<()> {
    w.write_all(BOM)?;
    row(
        w,
        &["version", "project", "partner", "code", "matrix", "card"].map(String::from),
    )?;
    for p in &plan.projects {
        let mut names: Vec<&str> = plan
            .partner_names()
            .filter(|n| {
                p.matrix_partners.iter().any(|m| m == n)
                    || p.card
                        .as_ref()
                        .is_some_and(|c| c.partners.iter().any(|m| m == n))
            })
            .collect();
        // Names missing from the header (a misread partner) still get a row, after the others.
        for n in p
            .matrix_partners
            .iter()
            .chain(p.card.iter().flat_map(|c| c.partners.iter()))
        {
            if !names.contains(&n.as_str()) {
                names.push(n);
            }
        }
        for n in names {
            let in_matrix = p.matrix_partners.iter().any(|m| m == n);
            let in_card = p.card.as_ref().map(|c| c.partners.iter().any(|m| m == n));
            row(
                w,
                &[
                    plan.version.clone(),
                    p.name.clone(),
                    n.to_string(),
                    plan.partner_code(n).unwrap_or_default().to_string(),
                    u8::from(in_matrix).to_string(),
                    in_card.map(|b| u8::from(b).to_string()).unwrap_or_default(),
                ],
            )?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diff::align::tests::project;
    use crate::records::{FiscalYear, Municipality, ScheduleEntry};

    #[test]
    fn quoting_follows_rfc4180() {
        assert_eq!(field("a"), "a");
        assert_eq!(field("a,b"), "\"a,b\"");
        assert_eq!(field("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(field("x\ny"), "\"x\ny\"");
    }

    fn plan() -> Plan {
        let mut p = project("A,事業", "i", "p", &[]);
        p.matrix_partners = vec!["玉野市".into(), "総社市".into()];
        if let Some(c) = p.card.as_mut() {
            c.partners = vec!["玉野市".into()];
            c.schedule = vec![
                ScheduleEntry {
                    fy: FiscalYear("R4".into()),
                    phase: Some("実施".into()),
                    amount: Some(ThousandYen(100)),
                },
                ScheduleEntry {
                    fy: FiscalYear("R5".into()),
                    phase: None,
                    amount: None,
                },
            ];
            c.total = Some(ThousandYen(100));
        }
        Plan {
            version: "v".into(),
            excerpt: false,
            partners: vec![
                Municipality {
                    name: "玉野市".into(),
                    code: Some("332046".into()),
                },
                Municipality::named("総社市"),
            ],
            projects: vec![p],
            ..Plan::empty("")
        }
    }

    #[test]
    fn budgets_one_row_per_fiscal_year() {
        let mut out = Vec::new();
        write_budgets(&mut out, &plan()).expect("writes");
        let s = String::from_utf8(out).expect("utf-8");
        assert_eq!(
            s,
            "\u{feff}version,project,fy,phase,amount,total\r\nv,\"A,事業\",R4,実施,100,100\r\nv,\"A,事業\",R5,,,100\r\n"
        );
    }

    #[test]
    fn participation_with_codes() {
        let mut out = Vec::new();
        write_participation(&mut out, &plan()).expect("writes");
        let s = String::from_utf8(out).expect("utf-8");
        assert_eq!(
            s,
            "\u{feff}version,project,partner,code,matrix,card\r\nv,\"A,事業\",玉野市,332046,1,1\r\nv,\"A,事業\",総社市,,1,0\r\n"
        );
    }
}
