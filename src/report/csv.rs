//! Change logs and plans → CSV for spreadsheets: UTF-8 with a byte-order mark (Excel needs it
//! to read Japanese), RFC 4180 quoting by the `csv` crate, CRLF line ends. Each table is a
//! serde row struct; a file always starts with the header, even without rows.
//!
//! - [`write_changes`]: one row per event (several logs: one table per log, an empty line
//!   between them);
//! - [`write_budgets`]: one row per project and fiscal year (printed cards only), with the
//!   western year and the unit of the amounts;
//! - [`write_participation`]: one row per project and partner (matrix ○ or card), with the
//!   municipality code;
//! - [`write_plan`]: the budgets table, an empty line, the participation table.

use super::event::{EventCells, Field, Value};
use crate::diff::ChangeLog;
use crate::records::{Plan, Project, ThousandYen};
use serde::Serialize;
use std::io::{self, Write};

/// The UTF-8 byte-order mark, written once at the start of a file.
const BOM: &[u8] = "\u{feff}".as_bytes();

/// One event. Amounts are plain integers in 千円; list items are joined by line breaks inside
/// the quoted field.
#[derive(Serialize)]
struct ChangeRow<'a> {
    kind: &'static str,
    project: &'a str,
    field: String,
    side: &'a str,
    fy: String,
    partner: String,
    indicator: &'a str,
    from_name: &'a str,
    from: String,
    to: String,
    added: String,
    removed: String,
    base_page: Option<usize>,
    revised_page: Option<usize>,
    notes: String,
}

const CHANGE_HEADER: [&str; 15] = [
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

/// One fiscal year of a printed card. `fy` is the label (`R4`), `fiscal_year` the western year
/// the fiscal year starts in (2022), and `unit` says what the amounts count, so that tables of
/// several regions join without guessing.
#[derive(Serialize)]
struct BudgetRow<'a> {
    version: &'a str,
    project: &'a str,
    fy: String,
    fiscal_year: i32,
    phase: &'a str,
    amount: Option<i64>,
    total: Option<i64>,
    unit: &'static str,
}

const BUDGET_HEADER: [&str; 8] = [
    "version",
    "project",
    "fy",
    "fiscal_year",
    "phase",
    "amount",
    "total",
    "unit",
];

/// The unit of every amount of the records ([`ThousandYen`]).
const AMOUNT_UNIT: &str = "千円";

/// One partner of a project: marked in the matrix (1/0) and listed on the card (1/0, empty when
/// the card is not printed).
#[derive(Serialize)]
struct ParticipationRow<'a> {
    version: &'a str,
    project: &'a str,
    partner: &'a str,
    code: Option<String>,
    matrix: u8,
    card: Option<u8>,
}

const PARTICIPATION_HEADER: [&str; 6] = ["version", "project", "partner", "code", "matrix", "card"];

fn amount(a: Option<ThousandYen>) -> String {
    a.map(|a| a.0.to_string()).unwrap_or_default()
}

/// A value of an event as a CSV field: amounts as plain integers, none as empty.
fn value(v: Value) -> String {
    match v {
        Value::None | Value::Missing => String::new(),
        Value::Text(s) => s.into_owned(),
        Value::Amount(a) => amount(a),
    }
}

impl<'a> ChangeRow<'a> {
    fn of(c: &'a crate::diff::Change) -> ChangeRow<'a> {
        let e = EventCells::of(c);
        let join = |v: Option<&[String]>| v.map(|v| v.join("\n")).unwrap_or_default();
        ChangeRow {
            kind: c.detail.kind().as_str(),
            project: &c.project,
            field: e
                .heading
                .unwrap_or_else(|| e.field.map(Field::as_str).unwrap_or_default().to_string()),
            side: e.side.unwrap_or_default(),
            fy: e.fy.map(|f| f.to_string()).unwrap_or_default(),
            partner: e.partner,
            indicator: e.indicator,
            from_name: e.renamed_from.unwrap_or_default(),
            from: value(e.from),
            to: value(e.to),
            added: join(e.added),
            removed: join(e.removed),
            base_page: c.evidence.base.map(|p| p.page),
            revised_page: c.evidence.revised.map(|p| p.page),
            notes: c.evidence.notes.join("\n"),
        }
    }
}

/// Writes one table: its header, then its rows.
fn table<W: Write, R: Serialize>(
    w: &mut W,
    header: &[&str],
    rows: impl IntoIterator<Item = R>,
) -> io::Result<()> {
    let mut out = ::csv::WriterBuilder::new()
        .has_headers(false)
        .terminator(::csv::Terminator::CRLF)
        .from_writer(w);
    out.write_record(header)?;
    for r in rows {
        out.serialize(r).map_err(io::Error::other)?;
    }
    out.flush()
}

/// The events of one or more change logs: one table per log, an empty line between them.
///
/// Columns: `kind,project,field,side,fy,partner,indicator,from_name,from,to,added,removed,
/// base_page,revised_page,notes`.
///
/// ```
/// # let log: kaitei::diff::ChangeLog = serde_json::from_str(r#"{"base": {"version": "a",
/// #   "title": "t", "edition": "", "excerpt": false}, "revised": {"version": "b", "title": "t",
/// #   "edition": "", "excerpt": false}, "changes": [{"kind": "total_changed", "project": "P",
/// #   "from": 1, "to": 2}]}"#).unwrap();
/// let mut out = Vec::new();
/// kaitei::report::csv::write_changes(&mut out, std::slice::from_ref(&log)).unwrap();
/// let text = String::from_utf8(out).unwrap();
/// assert!(text.ends_with("\r\ntotal_changed,P,,,,,,,1,2,,,,,\r\n"));
/// ```
pub fn write_changes(w: &mut impl Write, logs: &[ChangeLog]) -> io::Result<()> {
    w.write_all(BOM)?;
    for (i, log) in logs.iter().enumerate() {
        if i > 0 {
            w.write_all(b"\r\n")?;
        }
        table(w, &CHANGE_HEADER, log.changes.iter().map(ChangeRow::of))?;
    }
    Ok(())
}

fn budget_rows(plan: &Plan) -> impl Iterator<Item = BudgetRow<'_>> {
    plan.projects.iter().flat_map(move |p| {
        p.card.iter().flat_map(move |card| {
            card.schedule.iter().map(move |e| BudgetRow {
                version: &plan.version,
                project: &p.name,
                fy: e.fy.to_string(),
                fiscal_year: e.fy.0,
                phase: e.phase.as_deref().unwrap_or_default(),
                amount: e.amount.map(|a| a.0),
                total: card.total.map(|a| a.0),
                unit: AMOUNT_UNIT,
            })
        })
    })
}

/// The partners of a project: those in header order that the matrix marks ○ or the card lists,
/// then names missing from the header (a misread partner), so that none is dropped.
fn partners_of<'a>(plan: &'a Plan, p: &'a Project) -> Vec<&'a str> {
    let on_card = |n: &str| {
        p.card
            .as_ref()
            .is_some_and(|c| c.partners.iter().any(|m| m == n))
    };
    let mut names: Vec<&str> = plan
        .partner_names()
        .filter(|n| p.matrix_partners.iter().any(|m| m == n) || on_card(n))
        .collect();
    for n in p
        .matrix_partners
        .iter()
        .chain(p.card.iter().flat_map(|c| c.partners.iter()))
    {
        if !names.contains(&n.as_str()) {
            names.push(n);
        }
    }
    names
}

fn participation_rows(plan: &Plan) -> impl Iterator<Item = ParticipationRow<'_>> {
    plan.projects.iter().flat_map(move |p| {
        partners_of(plan, p)
            .into_iter()
            .map(move |n| ParticipationRow {
                version: &plan.version,
                project: &p.name,
                partner: n,
                code: plan.partner_code(n).map(|c| c.to_string()),
                matrix: u8::from(p.matrix_partners.iter().any(|m| m == n)),
                card: p
                    .card
                    .as_ref()
                    .map(|c| u8::from(c.partners.iter().any(|m| m == n))),
            })
    })
}

/// Budgets of a plan: `version,project,fy,fiscal_year,phase,amount,total,unit` (`fy` the
/// printed label, `fiscal_year` its western starting year, amounts in `unit` = 千円, empty for
/// none); projects whose card is not printed have no rows.
pub fn write_budgets(w: &mut impl Write, plan: &Plan) -> io::Result<()> {
    w.write_all(BOM)?;
    table(w, &BUDGET_HEADER, budget_rows(plan))
}

/// Participation of a plan: `version,project,partner,code,matrix,card` — one row per partner in
/// header order that the matrix marks ○ or the card lists; `matrix`/`card` are 1 or 0, `card`
/// empty when the card is not printed.
pub fn write_participation(w: &mut impl Write, plan: &Plan) -> io::Result<()> {
    w.write_all(BOM)?;
    table(w, &PARTICIPATION_HEADER, participation_rows(plan))
}

/// The records of a plan as one CSV file (`kaitei extract --format csv`): the budgets table, an
/// empty line, the participation table.
pub fn write_plan(w: &mut impl Write, plan: &Plan) -> io::Result<()> {
    w.write_all(BOM)?;
    table(w, &BUDGET_HEADER, budget_rows(plan))?;
    w.write_all(b"\r\n")?;
    table(w, &PARTICIPATION_HEADER, participation_rows(plan))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diff::align::tests::project;
    use crate::gazetteer::Code;
    use crate::records::{FiscalYear, Municipality, ScheduleEntry};

    fn plan() -> Plan {
        let mut p = project("A,事業", "i", "p", &[]);
        p.matrix_partners = vec!["玉野市".into(), "総社市".into()];
        if let Some(c) = p.card.as_mut() {
            c.partners = vec!["玉野市".into()];
            c.schedule = vec![
                ScheduleEntry {
                    fy: FiscalYear(2022),
                    phase: Some("実施".into()),
                    amount: Some(ThousandYen(100)),
                },
                ScheduleEntry {
                    fy: FiscalYear(2023),
                    phase: None,
                    amount: None,
                },
            ];
            c.total = Some(ThousandYen(100));
        }
        Plan {
            partners: vec![
                Municipality {
                    name: "玉野市".into(),
                    code: Code::parse("332046"),
                },
                Municipality::named("総社市"),
            ],
            projects: vec![p],
            ..Plan::empty("v")
        }
    }

    const BUDGETS: &str = "version,project,fy,fiscal_year,phase,amount,total,unit\r\nv,\"A,事業\",R4,2022,実施,100,100,千円\r\nv,\"A,事業\",R5,2023,,,100,千円\r\n";
    const PARTICIPATION: &str = "version,project,partner,code,matrix,card\r\nv,\"A,事業\",玉野市,332046,1,1\r\nv,\"A,事業\",総社市,,1,0\r\n";

    fn text(f: impl FnOnce(&mut Vec<u8>) -> io::Result<()>) -> String {
        let mut out = Vec::new();
        f(&mut out).expect("writes");
        String::from_utf8(out).expect("utf-8")
    }

    #[test]
    fn budgets_one_row_per_fiscal_year() {
        assert_eq!(
            text(|w| write_budgets(w, &plan())),
            format!("\u{feff}{BUDGETS}")
        );
    }

    #[test]
    fn participation_with_codes() {
        assert_eq!(
            text(|w| write_participation(w, &plan())),
            format!("\u{feff}{PARTICIPATION}")
        );
    }

    #[test]
    fn plan_file_has_one_bom_and_both_tables() {
        assert_eq!(
            text(|w| write_plan(w, &plan())),
            format!("\u{feff}{BUDGETS}\r\n{PARTICIPATION}")
        );
    }

    #[test]
    fn quoting_follows_rfc4180_and_empty_logs_keep_their_header() {
        let mut p = plan();
        p.projects[0].name = "say \"hi\"\nthere".into();
        let s = text(|w| write_budgets(w, &p));
        assert!(s.contains("v,\"say \"\"hi\"\"\nthere\",R4,2022,"), "{s}");
        let log: ChangeLog = serde_json::from_str(
            r#"{"base": {"version": "a", "title": "", "edition": "", "excerpt": false},
                "revised": {"version": "b", "title": "", "edition": "", "excerpt": false},
                "changes": []}"#,
        )
        .expect("log");
        let s = text(|w| write_changes(w, &[log.clone(), log]));
        let header = CHANGE_HEADER.join(",");
        assert_eq!(s, format!("\u{feff}{header}\r\n\r\n{header}\r\n"));
    }
}
