//! Plans, change logs and the history → one self-contained HTML report (inline CSS and SVG, no
//! script, no network, no external assets).
//!
//! Sections: a summary per change log, the 新旧対照表 (one row per event, 新 and 旧 side by
//! side, changed spans marked; column order and marker style from [`ReportOptions`]), the
//! participation matrix across versions (joins and departures highlighted), the budget per
//! fiscal year per version as inline SVG bar charts (projects whose budget changed), and the
//! warnings. All text is escaped.

use super::taisho::{self, Mark, Side};
use super::{NewSide, ReportOptions};
use crate::diff::{ChangeKind, ChangeLog, History, ProjectHistory, Series};
use crate::records::group_digits;
use std::io::{self, Write};

/// Escape text for HTML element content and attribute values.
pub(crate) fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

const STYLE: &str = r#"
body{font-family:"Noto Sans CJK JP","IPAexGothic","Hiragino Sans","Yu Gothic",sans-serif;margin:1.5em;color:#222;line-height:1.5}
h1{font-size:1.4em}h2{font-size:1.2em;border-bottom:2px solid #456;margin-top:2em}h3{font-size:1.05em}
table{border-collapse:collapse;margin:.5em 0}th,td{border:1px solid #999;padding:.25em .5em;vertical-align:top}
th{background:#e8edf2}
table.taisho td.side{width:36%}table.taisho td.project{min-width:9em;font-weight:bold}
.line{min-height:1.2em}
ins{text-decoration:underline;text-decoration-thickness:2px;color:#0a5;background:#e8f7ee}
del{text-decoration:underline;text-decoration-thickness:2px;color:#b22;background:#fbeaea}
.marker{color:#666}
table.matrix td{text-align:center;min-width:1.6em}table.matrix td.name{text-align:left}tr.new-project td.name{background:#c9efd6}tr.gone td.name{background:#f6cccc;text-decoration:line-through}
td.join{background:#c9efd6;font-weight:bold}td.leave{background:#f6cccc;font-weight:bold}
.chart{display:inline-block;margin:.5em 1em .5em 0;vertical-align:top}
.warnings li{color:#8a5a00}
.note{color:#666;font-size:.9em}
"#;

/// Writes the report of a series.
///
/// ```
/// use kaitei::diff::{DiffOptions, compare_series};
/// use kaitei::records::Plan;
/// let series = compare_series(vec![Plan::empty("v1"), Plan::empty("v2")], &DiffOptions::default());
/// let mut out = Vec::new();
/// kaitei::report::html::write(&mut out, &series, &Default::default()).unwrap();
/// let html = String::from_utf8(out).unwrap();
/// assert!(html.starts_with("<!DOCTYPE html>"));
/// assert!(html.contains("<h2>新旧対照表 v1 → v2</h2>"));
/// ```
pub fn write(w: &mut impl Write, input: &Series, opts: &ReportOptions) -> io::Result<()> {
    let title = input.plans.last().map_or("kaitei", |p| p.title.as_str());
    writeln!(w, "<!DOCTYPE html>")?;
    writeln!(w, "<html lang=\"ja\"><head><meta charset=\"utf-8\">")?;
    // The report must work offline and never fetch anything: forbid every external load.
    writeln!(
        w,
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; img-src data:\">"
    )?;
    writeln!(
        w,
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
    )?;
    writeln!(w, "<title>変更箇所: {}</title>", escape(title))?;
    writeln!(w, "<style>{STYLE}</style></head><body>")?;
    writeln!(w, "<h1>{} 変更箇所</h1>", escape(title))?;
    summary(w, input)?;
    for log in &input.logs {
        taisho(w, log, opts)?;
    }
    matrix(w, input)?;
    budgets(w, input)?;
    warnings(w, input)?;
    writeln!(w, "</body></html>")
}

fn summary(w: &mut impl Write, input: &Series) -> io::Result<()> {
    writeln!(
        w,
        "<section id=\"summary\"><h2>概要</h2><table><tr><th>版</th><th>発行</th><th>種別</th><th>事業数</th></tr>"
    )?;
    for p in &input.plans {
        let kind = if p.excerpt {
            "改訂案(抜粋)"
        } else {
            "全体"
        };
        writeln!(
            w,
            "<tr><td>{}</td><td>{}</td><td>{kind}</td><td>{}</td></tr>",
            escape(&p.version),
            escape(&p.edition),
            p.projects.len()
        )?;
    }
    writeln!(w, "</table>")?;
    for log in &input.logs {
        let count = |k: ChangeKind| log.count(k);
        writeln!(
            w,
            "<p>{} → {}: 変更 {}件(追加 {}、削除 {}、名称変更 {}、連携市町 {}、事業費 {}、工程 {}、KPI {}、文言 {})</p>",
            escape(&log.base.version),
            escape(&log.revised.version),
            log.changes.len(),
            count(ChangeKind::ProjectAdded),
            count(ChangeKind::ProjectRemoved),
            count(ChangeKind::ProjectRenamed),
            count(ChangeKind::PartnerAdded) + count(ChangeKind::PartnerRemoved),
            count(ChangeKind::BudgetChanged) + count(ChangeKind::TotalChanged),
            count(ChangeKind::PhaseChanged),
            count(ChangeKind::KpiChanged),
            count(ChangeKind::TextChanged),
        )?;
    }
    writeln!(w, "</section>")
}

/// A side of a 新旧対照表 row ([`taisho::row`]) as HTML, one string per line: inserted text
/// in `<ins>`, deleted text in `<del>`, markers in a `marker` span.
fn side_html(side: &Side) -> Vec<String> {
    side.iter()
        .map(|line| {
            line.iter()
                .map(|r| match r.mark {
                    Mark::Plain => escape(&r.text),
                    Mark::Insert => format!("<ins>{}</ins>", escape(&r.text)),
                    Mark::Delete => format!("<del>{}</del>", escape(&r.text)),
                    Mark::Marker => format!("<span class=\"marker\">{}</span>", escape(&r.text)),
                })
                .collect()
        })
        .collect()
}

fn cell(lines: &[String]) -> String {
    lines
        .iter()
        .map(|l| format!("<div class=\"line\">{l}</div>"))
        .collect()
}

fn taisho(w: &mut impl Write, log: &ChangeLog, opts: &ReportOptions) -> io::Result<()> {
    writeln!(
        w,
        "<section class=\"taisho-section\"><h2>新旧対照表 {} → {}</h2>",
        escape(&log.base.version),
        escape(&log.revised.version)
    )?;
    let new_h = format!("新({})", escape(&log.revised.edition));
    let old_h = format!("旧({})", escape(&log.base.edition));
    let (left_h, right_h) = match opts.new_side {
        NewSide::Left => (&new_h, &old_h),
        NewSide::Right => (&old_h, &new_h),
    };
    writeln!(
        w,
        "<table class=\"taisho\"><thead><tr><th>事業名</th><th>項目</th><th>{left_h}</th><th>{right_h}</th><th>根拠</th></tr></thead><tbody>"
    )?;
    // Rows of one project share one 事業名 cell (events of a project are consecutive).
    for (i, c) in log.changes.iter().enumerate() {
        let row = taisho::row(c, opts.marks);
        let label = escape(&row.item);
        let (new, old) = (side_html(&row.new), side_html(&row.old));
        let (left, right) = match opts.new_side {
            NewSide::Left => (&new, &old),
            NewSide::Right => (&old, &new),
        };
        let mut ev = Vec::new();
        if let Some(p) = c.evidence.revised {
            ev.push(format!("新 p.{}", p.page));
        }
        if let Some(p) = c.evidence.base {
            ev.push(format!("旧 p.{}", p.page));
        }
        ev.extend(c.evidence.notes.iter().map(|n| escape(n)));
        let first = i == 0 || log.changes[i - 1].project != c.project;
        let name_cell = if first {
            let n = log.changes[i..]
                .iter()
                .take_while(|x| x.project == c.project)
                .count();
            format!(
                "<td class=\"project\" rowspan=\"{n}\">{}</td>",
                escape(&c.project)
            )
        } else {
            String::new()
        };
        writeln!(
            w,
            "<tr class=\"change {}\">{name_cell}<td>{label}</td><td class=\"side\">{}</td><td class=\"side\">{}</td><td class=\"note\">{}</td></tr>",
            c.detail.kind(),
            cell(left),
            cell(right),
            ev.join("<br>")
        )?;
    }
    writeln!(w, "</tbody></table></section>")
}

/// The participation matrix across versions: a row per project, a column per partner.
fn matrix(w: &mut impl Write, input: &Series) -> io::Result<()> {
    let h = &input.history;
    let cols = super::partner_columns(input);
    writeln!(
        w,
        "<section id=\"matrix\"><h2>連携市町の参加状況(版ごと)</h2>"
    )?;
    writeln!(
        w,
        "<p class=\"note\">○ 参加 / 緑: 参加追加・新規事業 / 赤 ×: 参加取りやめ・廃止事業(いずれも各版の変更箇所一覧による)</p>"
    )?;
    write!(w, "<table class=\"matrix\"><thead><tr><th>事業名</th>")?;
    for c in &cols {
        write!(w, "<th>{}</th>", escape(c))?;
    }
    writeln!(w, "</tr></thead><tbody>")?;
    for p in &h.projects {
        // A project new since the first version, or gone by the last one, is marked as a whole.
        let extra = if p.by_version.last().is_some_and(Option::is_none) {
            " gone"
        } else if p.by_version.first().is_some_and(Option::is_none) {
            " new-project"
        } else {
            ""
        };
        write!(
            w,
            "<tr class=\"project{extra}\"><td class=\"name\" title=\"{}から\">{}</td>",
            escape(&p.first_seen),
            escape(&p.name)
        )?;
        for c in &cols {
            matrix_cell(w, h, p, c)?;
        }
        writeln!(w, "</tr>")?;
    }
    writeln!(w, "</tbody></table></section>")
}

/// One partner of one project: ○ while it takes part in the last version; the latest join or
/// departure the change logs found, highlighted; its state per version in the tooltip.
fn matrix_cell(
    w: &mut impl Write,
    h: &History,
    p: &ProjectHistory,
    partner: &str,
) -> io::Result<()> {
    let member: Vec<Option<bool>> = p
        .by_version
        .iter()
        .map(|s| s.as_ref().map(|s| s.partners.iter().any(|x| x == partner)))
        .collect();
    let mut class = "";
    let mut changed_in = "";
    for (s, v) in p.by_version.iter().zip(&h.versions) {
        let Some(s) = s else { continue };
        if s.joined.iter().any(|x| x == partner) {
            (class, changed_in) = ("join", &v.doc.version);
        } else if s.left.iter().any(|x| x == partner) {
            (class, changed_in) = ("leave", &v.doc.version);
        }
    }
    let text = match (member.last().copied().flatten(), class) {
        (Some(true), _) => "○",
        (_, "leave") => "×",
        _ => "",
    };
    let hist: Vec<String> = member
        .iter()
        .zip(&h.versions)
        .map(|(m, v)| {
            let state = match m {
                Some(true) => "○",
                Some(false) => "-",
                None => "(なし)",
            };
            format!("{}: {state}", v.doc.version)
        })
        .collect();
    let title = escape(&hist.join(" / "));
    if class.is_empty() {
        write!(w, "<td title=\"{title}\">{text}</td>")
    } else {
        write!(
            w,
            "<td class=\"{class}\" title=\"{title}\" data-version=\"{}\">{text}</td>",
            escape(changed_in)
        )
    }
}

const COLORS: [&str; 6] = [
    "#8fa8c8", "#2f6fb0", "#e08a2c", "#3a9a5a", "#9a4ab0", "#b03a3a",
];

fn budgets(w: &mut impl Write, input: &Series) -> io::Result<()> {
    let h = &input.history;
    writeln!(
        w,
        "<section id=\"budgets\"><h2>事業費の推移(年度別・版別、千円)</h2>"
    )?;
    write!(w, "<p class=\"legend\">")?;
    for (v, d) in h.versions.iter().enumerate() {
        write!(
            w,
            "<svg width=\"12\" height=\"12\" aria-hidden=\"true\"><rect width=\"12\" height=\"12\" fill=\"{}\"/></svg> {} &nbsp; ",
            COLORS[v % COLORS.len()],
            escape(&d.doc.version)
        )?;
    }
    writeln!(w, "</p>")?;
    let mut any = false;
    for p in h.projects.iter().filter(|p| p.budget_changes()) {
        any = true;
        chart(w, p, h)?;
    }
    if !any {
        writeln!(w, "<p>事業費の変更はありません。</p>")?;
    }
    writeln!(w, "</section>")
}

fn chart(w: &mut impl Write, p: &ProjectHistory, h: &History) -> io::Result<()> {
    let fys = p.fiscal_years();
    let nv = h.versions.len().max(1);
    let max = fys
        .iter()
        .flat_map(|fy| (0..nv).filter_map(move |v| p.amount(v, *fy)))
        .map(|a| a.0)
        .max()
        .unwrap_or(0)
        .max(1);
    let (width, height, top, bottom, left) = (440.0_f64, 170.0_f64, 14.0_f64, 24.0_f64, 8.0_f64);
    let group = (width - left * 2.0) / fys.len().max(1) as f64;
    let bar = (group * 0.8) / nv as f64;
    let plot = height - top - bottom;
    writeln!(
        w,
        "<figure class=\"chart\"><figcaption>{}</figcaption>",
        escape(&p.name)
    )?;
    writeln!(
        w,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{width}\" height=\"{height}\" viewBox=\"0 0 {width} {height}\" role=\"img\" aria-label=\"{}\">",
        escape(&p.name)
    )?;
    writeln!(
        w,
        "<line x1=\"{left}\" y1=\"{0}\" x2=\"{1}\" y2=\"{0}\" stroke=\"#444\"/>",
        height - bottom,
        width - left
    )?;
    for (i, fy) in fys.iter().enumerate() {
        let x0 = left + group * i as f64 + group * 0.1;
        for v in 0..nv {
            let Some(a) = p.amount(v, *fy) else { continue };
            let bh = plot * (a.0.max(0) as f64) / max as f64;
            let x = x0 + bar * v as f64;
            let y = height - bottom - bh;
            writeln!(
                w,
                "<rect class=\"bar\" x=\"{x:.1}\" y=\"{y:.1}\" width=\"{:.1}\" height=\"{bh:.1}\" fill=\"{}\"><title>{} {}: {}千円</title></rect>",
                (bar - 1.0).max(1.0),
                COLORS[v % COLORS.len()],
                escape(&h.versions[v].doc.version),
                fy,
                group_digits(a.0)
            )?;
        }
        writeln!(
            w,
            "<text x=\"{:.1}\" y=\"{:.1}\" font-size=\"11\" text-anchor=\"middle\">{}</text>",
            x0 + group * 0.4,
            height - bottom + 15.0,
            fy
        )?;
    }
    writeln!(
        w,
        "<text x=\"{left}\" y=\"10\" font-size=\"10\" fill=\"#555\">最大 {}千円</text>",
        group_digits(max)
    )?;
    writeln!(w, "</svg></figure>")
}

fn warnings(w: &mut impl Write, input: &Series) -> io::Result<()> {
    writeln!(w, "<section id=\"warnings\"><h2>確認事項(警告)</h2>")?;
    let mut items = Vec::new();
    for p in &input.plans {
        for x in &p.warnings {
            items.push((p.version.as_str(), x));
        }
    }
    for l in &input.logs {
        for x in &l.warnings {
            items.push((l.revised.version.as_str(), x));
        }
    }
    if items.is_empty() {
        writeln!(w, "<p>警告はありません。</p>")?;
    } else {
        writeln!(w, "<ul class=\"warnings\">")?;
        for (v, x) in items {
            let page = x.page.map(|p| format!(" (p.{p})")).unwrap_or_default();
            // The sentence of the kind in Japanese; the kind code and the original message
            // (naming the project and the text) in small print.
            writeln!(
                w,
                "<li>[{}] {}{} <span class=\"note\">{}: {}</span></li>",
                escape(v),
                x.kind.message_ja(),
                page,
                x.kind,
                escape(&x.message)
            )?;
        }
        writeln!(w, "</ul>")?;
    }
    writeln!(w, "</section>")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::MarkStyle;

    #[test]
    fn escapes_markup() {
        assert_eq!(
            escape("<a href=\"x\">&'"),
            "&lt;a href=&quot;x&quot;&gt;&amp;&#39;"
        );
    }

    #[test]
    fn sides_with_markers_and_underlines() {
        let c = taisho::tests::list_change(&["a", "gone"], &["a", "<new>"]);
        let r = taisho::row(&c, MarkStyle::Markers);
        assert_eq!(
            side_html(&r.new),
            vec![
                "a".to_string(),
                "<span class=\"marker\">(削る)</span>".into(),
                "<ins>&lt;new&gt;</ins>".into()
            ]
        );
        assert_eq!(
            side_html(&r.old),
            vec![
                "a".to_string(),
                "<del>gone</del>".into(),
                "<span class=\"marker\">(新設)</span>".into()
            ]
        );
        let r = taisho::row(&c, MarkStyle::Underline);
        assert_eq!(side_html(&r.old)[2], "");
    }
}
