//! A change log → a 変更箇所 summary in Japanese Markdown, grouped the way a city officer reports
//! a revision: 追加事業, 削除事業, 名称変更, 連携市町の追加・削除, 事業費の変更, 工程の変更, KPIの変更,
//! 文言修正, then 確認事項 (the warnings). Projects keep the revised document order inside each
//! group; a group without events says 該当なし, so a reader knows it was checked.
//!
//! In 文言修正, inserted text is **bold** and deleted text ~~struck through~~.

use super::spans::{changed, lines, opt, yen, yen_delta};
use super::taisho::text_field_ja;
use crate::diff::{Change, ChangeDetail, ChangeLog, KpiField, Series, Span, SpanOp};
use std::io::{self, Write};

/// Escape Markdown's inline syntax characters (`*`, `_`, `~`, `|`, `` ` ``, `\`, `[`, `]`, `<`).
fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if matches!(c, '\\' | '*' | '_' | '~' | '|' | '`' | '[' | ']' | '<') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

fn inline(line: &[Span]) -> String {
    line.iter()
        .map(|s| match s.op {
            SpanOp::Equal => esc(&s.text),
            SpanOp::Insert => format!("**{}**", esc(&s.text)),
            SpanOp::Delete => format!("~~{}~~", esc(&s.text)),
        })
        .collect()
}

fn kpi_field(f: KpiField) -> &'static str {
    match f {
        KpiField::Indicator => "指標",
        KpiField::Baseline => "基準値",
        KpiField::Target => "目標値",
        KpiField::Added => "指標の追加",
        KpiField::Removed => "指標の削除",
    }
}

/// Group events by project, keeping the log's order, for groups listed per project.
fn by_project<'a>(events: &[&'a Change]) -> Vec<(&'a str, Vec<&'a Change>)> {
    let mut out: Vec<(&str, Vec<&Change>)> = Vec::new();
    for e in events {
        match out.last_mut() {
            Some((p, v)) if *p == e.project => v.push(e),
            _ => out.push((e.project.as_str(), vec![e])),
        }
    }
    out
}

fn section(w: &mut impl Write, title: &str, body: &[String]) -> io::Result<()> {
    writeln!(w, "## {title}\n")?;
    if body.is_empty() {
        writeln!(w, "該当なし\n")?;
    } else {
        for line in body {
            writeln!(w, "{line}")?;
        }
        writeln!(w)?;
    }
    Ok(())
}

/// An added or removed project: its name with role and initiative, then its partners.
fn project_lines(name: &str, role: &str, initiative: &str, partners: &[String]) -> [String; 2] {
    [
        format!("- **{}**({} / {})", esc(name), esc(role), esc(initiative)),
        format!("  - 連携市町: {}", esc(&partners.join("、"))),
    ]
}

/// The events of the log that `pick` selects, in log order.
fn of(log: &ChangeLog, pick: fn(&ChangeDetail) -> bool) -> Vec<&Change> {
    log.changes.iter().filter(|c| pick(&c.detail)).collect()
}

/// Which versions are compared and how many events there are.
fn header(w: &mut impl Write, log: &ChangeLog) -> io::Result<()> {
    writeln!(w, "# 変更箇所一覧\n")?;
    writeln!(w, "{}\n", esc(&log.revised.title))?;
    writeln!(
        w,
        "- 変更前: {} ({})",
        esc(&log.base.edition),
        esc(&log.base.version)
    )?;
    let draft = if log.revised.excerpt {
        " 改訂案・変更箇所のみ抜粋"
    } else {
        ""
    };
    writeln!(
        w,
        "- 変更後: {} ({}){draft}",
        esc(&log.revised.edition),
        esc(&log.revised.version)
    )?;
    writeln!(w, "- 変更件数: {}件\n", log.changes.len())
}

fn added_projects(log: &ChangeLog) -> Vec<String> {
    let mut body = Vec::new();
    for c in &log.changes {
        if let ChangeDetail::ProjectAdded {
            role,
            initiative,
            partners,
            total,
        } = &c.detail
        {
            body.extend(project_lines(&c.project, role, initiative, partners));
            if total.is_some() {
                body.push(format!("  - 事業費(計): {}", yen(*total)));
            }
        }
    }
    body
}

fn removed_projects(log: &ChangeLog) -> Vec<String> {
    let mut body = Vec::new();
    for c in &log.changes {
        if let ChangeDetail::ProjectRemoved {
            role,
            initiative,
            partners,
        } = &c.detail
        {
            body.extend(project_lines(&c.project, role, initiative, partners));
        }
    }
    body
}

fn renames(log: &ChangeLog) -> Vec<String> {
    log.changes
        .iter()
        .filter_map(|c| match &c.detail {
            ChangeDetail::ProjectRenamed { from_name, .. } => {
                Some(format!("- {} → **{}**", esc(from_name), esc(&c.project)))
            }
            _ => None,
        })
        .collect()
}

/// A table of the projects whose partners changed: who joined, who left.
fn partners(log: &ChangeLog) -> Vec<String> {
    let events = of(log, |d| {
        matches!(
            d,
            ChangeDetail::PartnerAdded { .. } | ChangeDetail::PartnerRemoved { .. }
        )
    });
    if events.is_empty() {
        return Vec::new();
    }
    let mut body = vec![
        "| 事業名 | 追加 | 削除 |".to_string(),
        "|---|---|---|".to_string(),
    ];
    for (project, events) in by_project(&events) {
        let names = |added: bool| -> String {
            let names: Vec<String> = events
                .iter()
                .filter_map(|e| match &e.detail {
                    ChangeDetail::PartnerAdded { partner, .. } if added => Some(esc(partner)),
                    ChangeDetail::PartnerRemoved { partner, .. } if !added => Some(esc(partner)),
                    _ => None,
                })
                .collect();
            names.join("、")
        };
        body.push(format!(
            "| {} | {} | {} |",
            esc(project),
            names(true),
            names(false)
        ));
    }
    body
}

fn budgets(log: &ChangeLog) -> Vec<String> {
    let money = of(log, |d| {
        matches!(
            d,
            ChangeDetail::BudgetChanged { .. } | ChangeDetail::TotalChanged { .. }
        )
    });
    let mut body = Vec::new();
    for (project, events) in by_project(&money) {
        body.push(format!("- **{}**(単位:千円)", esc(project)));
        for e in events {
            let (label, from, to) = match &e.detail {
                ChangeDetail::BudgetChanged { fy, from, to } => (fy.to_string(), from, to),
                ChangeDetail::TotalChanged { from, to } => ("計".to_string(), from, to),
                _ => continue,
            };
            body.push(format!(
                "  - {label}: {} → {}{}",
                yen(*from),
                yen(*to),
                yen_delta(*from, *to)
            ));
        }
    }
    body
}

fn phases(log: &ChangeLog) -> Vec<String> {
    let mut body = Vec::new();
    for (project, events) in
        by_project(&of(log, |d| matches!(d, ChangeDetail::PhaseChanged { .. })))
    {
        body.push(format!("- **{}**", esc(project)));
        for e in events {
            if let ChangeDetail::PhaseChanged { fy, from, to } = &e.detail {
                body.push(format!(
                    "  - {fy}: {} → {}",
                    esc(opt(from.as_deref())),
                    esc(opt(to.as_deref()))
                ));
            }
        }
    }
    body
}

fn kpis(log: &ChangeLog) -> Vec<String> {
    let mut body = Vec::new();
    for (project, events) in by_project(&of(log, |d| matches!(d, ChangeDetail::KpiChanged { .. })))
    {
        body.push(format!("- **{}**", esc(project)));
        for e in events {
            if let ChangeDetail::KpiChanged {
                indicator,
                field,
                from,
                to,
                ..
            } = &e.detail
            {
                body.push(match field {
                    KpiField::Added => format!("  - 指標の追加: {}", esc(indicator)),
                    KpiField::Removed => format!("  - 指標の削除: {}", esc(indicator)),
                    f => format!(
                        "  - 「{}」{}: {} → {}",
                        esc(indicator),
                        kpi_field(*f),
                        esc(opt(from.as_deref())),
                        esc(opt(to.as_deref()))
                    ),
                });
            }
        }
    }
    body
}

/// Wording changes, each changed line with its insertions in bold and deletions struck.
fn texts(log: &ChangeLog) -> Vec<String> {
    let mut body = Vec::new();
    for (project, events) in by_project(&of(log, |d| matches!(d, ChangeDetail::TextChanged { .. })))
    {
        body.push(format!("- **{}**", esc(project)));
        for e in events {
            if let ChangeDetail::TextChanged {
                field, side, spans, ..
            } = &e.detail
            {
                body.push(format!("  - {}", text_field_ja(*field, side.as_deref())));
                for line in lines(spans).iter().filter(|l| changed(l)) {
                    body.push(format!("    - {}", inline(line)));
                }
            }
        }
    }
    body
}

/// The warnings in Japanese (the sentence of their kind), each with the original message
/// (which names the project and the text) beneath it.
fn checks(log: &ChangeLog) -> Vec<String> {
    log.warnings
        .iter()
        .flat_map(|x| {
            let page = x.page.map(|p| format!(" (p.{p})")).unwrap_or_default();
            [
                format!("- {}{page}", x.kind.message_ja()),
                format!("  - 詳細(原文): {}", esc(&x.message)),
            ]
        })
        .collect()
}

/// A section's lines of a change log.
type Body = fn(&ChangeLog) -> Vec<String>;

/// The sections of a summary, in the order a city officer reports a revision.
const SECTIONS: [(&str, Body); 9] = [
    ("追加事業", added_projects),
    ("削除事業", removed_projects),
    ("名称変更", renames),
    ("連携市町の追加・削除", partners),
    ("事業費の変更", budgets),
    ("工程の変更", phases),
    ("KPIの変更", kpis),
    ("文言修正", texts),
    ("確認事項", checks),
];

/// Writes the summary of one change log.
///
/// ```
/// # let log: kaitei::diff::ChangeLog = serde_json::from_str(r#"{"base": {"version": "a",
/// #   "title": "t", "edition": "令和4年3月", "excerpt": false}, "revised": {"version": "b",
/// #   "title": "t", "edition": "令和5年3月", "excerpt": false}, "changes": [{"kind":
/// #   "total_changed", "project": "P", "from": 1000, "to": 1500}]}"#).unwrap();
/// let mut out = Vec::new();
/// kaitei::report::markdown::write(&mut out, &log).unwrap();
/// let md = String::from_utf8(out).unwrap();
/// assert!(md.contains("- **P**(単位:千円)\n  - 計: 1,000千円 → 1,500千円 (+500千円)\n"));
/// ```
pub fn write(w: &mut impl Write, log: &ChangeLog) -> io::Result<()> {
    header(w, log)?;
    for (title, body) in SECTIONS {
        section(w, title, &body(log))?;
    }
    Ok(())
}

/// Writes the summary of every change log of a series, an empty line between them; a series of
/// one version says there is nothing to compare.
pub fn write_series(w: &mut impl Write, series: &Series) -> io::Result<()> {
    for (i, log) in series.logs.iter().enumerate() {
        if i > 0 {
            writeln!(w)?;
        }
        write(w, log)?;
    }
    if series.logs.is_empty()
        && let Some(v) = series.history.versions.first()
    {
        writeln!(w, "# 変更箇所一覧\n")?;
        writeln!(w, "{}\n", esc(&v.doc.title))?;
        writeln!(
            w,
            "比較する版がありません({} の1版のみ)。",
            esc(&v.doc.version)
        )?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diff::{DocRef, Evidence, TextField};
    use crate::records::{FiscalYear, ThousandYen};

    fn log(changes: Vec<Change>) -> ChangeLog {
        let d = DocRef {
            version: "v1".into(),
            title: "T".into(),
            edition: "令和4年3月".into(),
            excerpt: false,
        };
        ChangeLog {
            schema: crate::diff::CHANGES_SCHEMA.into(),
            base: d.clone(),
            revised: DocRef {
                version: "v2".into(),
                edition: "令和5年3月".into(),
                ..d
            },
            changes,
            warnings: vec![],
        }
    }

    fn ch(project: &str, detail: ChangeDetail) -> Change {
        Change {
            project: project.into(),
            detail,
            evidence: Evidence::default(),
        }
    }

    #[test]
    fn budgets_with_difference_and_texts_with_marks() {
        let l = log(vec![
            ch(
                "スタートアップ企業支援",
                ChangeDetail::BudgetChanged {
                    fy: FiscalYear(2022),
                    from: Some(ThousandYen(12000)),
                    to: Some(ThousandYen(15000)),
                },
            ),
            ch(
                "スタートアップ企業支援",
                ChangeDetail::TotalChanged {
                    from: Some(ThousandYen(60000)),
                    to: Some(ThousandYen(75000)),
                },
            ),
            ch(
                "中小企業",
                ChangeDetail::TextChanged {
                    field: TextField::Purpose,
                    side: None,
                    from: crate::diff::TextValue::Text("人材確保".into()),
                    to: crate::diff::TextValue::Text("人材や後継者確保".into()),
                    added: None,
                    removed: None,
                    spans: crate::diff::text::char_spans("人材確保", "人材や後継者確保"),
                },
            ),
        ]);
        let mut out = Vec::new();
        write(&mut out, &l).expect("writes");
        let s = String::from_utf8(out).expect("utf-8");
        assert!(s.contains("- **スタートアップ企業支援**(単位:千円)\n  - R4: 12,000千円 → 15,000千円 (+3,000千円)\n  - 計: 60,000千円 → 75,000千円 (+15,000千円)\n"), "{s}");
        assert!(
            s.contains("  - 事業目的\n    - 人材**や後継者**確保\n"),
            "{s}"
        );
        assert!(s.contains("## 追加事業\n\n該当なし\n"));
        assert!(s.contains("- 変更件数: 3件"));
    }

    #[test]
    fn partner_table_groups_per_project() {
        let l = log(vec![
            ch(
                "A",
                ChangeDetail::PartnerAdded {
                    partner: "玉野市".into(),
                    code: None,
                },
            ),
            ch(
                "A",
                ChangeDetail::PartnerAdded {
                    partner: "総社市".into(),
                    code: None,
                },
            ),
            ch(
                "B",
                ChangeDetail::PartnerRemoved {
                    partner: "赤磐市".into(),
                    code: None,
                },
            ),
        ]);
        let mut out = Vec::new();
        write(&mut out, &l).expect("writes");
        let s = String::from_utf8(out).expect("utf-8");
        assert!(
            s.contains("| A | 玉野市、総社市 |  |\n| B |  | 赤磐市 |\n"),
            "{s}"
        );
    }

    #[test]
    fn markdown_syntax_is_escaped() {
        assert_eq!(esc("a*b_c|d"), "a\\*b\\_c\\|d");
    }
}
