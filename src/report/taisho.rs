//! Events → the rows of a 新旧対照表 in a neutral form: per event its item label (事業名, 事業費
//! R5, KPI 目標値(…), 役割・費用負担(…)) and the new and old sides as lines of marked runs
//! (inserted, deleted, plain, a (新設)/(削る) marker). A writer only decides how a run looks:
//! [`super::xlsx`] makes rich text of them, [`super::html`] `<ins>`, `<del>` and marker spans.
//!
//! Also the Japanese names of the event kinds, for the readers of the reports.

use super::MarkStyle;
use super::spans::{lines, only, opt, yen, yen_delta};
use crate::diff::{Change, ChangeDetail, ChangeKind, KpiField, Span, SpanOp, TextField};

/// How a run of text is shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Mark {
    /// Unchanged text.
    Plain,
    /// Text only in the new version.
    Insert,
    /// Text only in the old version.
    Delete,
    /// (新設) or (削る): where a whole line exists on the other side only.
    Marker,
}

/// A run of text with its mark.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Run {
    pub mark: Mark,
    pub text: String,
}

/// One side of a row: its lines, each a list of runs.
pub(crate) type Side = Vec<Vec<Run>>;

/// One row of the 新旧対照表.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Row {
    /// 項目: what the event is about.
    pub item: String,
    /// The new (revised) side.
    pub new: Side,
    /// The old (base) side.
    pub old: Side,
}

/// The Japanese name of an event kind, as the reports show it.
///
/// ```
/// use kaitei::diff::ChangeKind;
/// assert_eq!(kaitei::report::kind_ja(ChangeKind::BudgetChanged), "事業費の変更");
/// ```
pub fn kind_ja(k: ChangeKind) -> &'static str {
    match k {
        ChangeKind::ProjectAdded => "事業の追加",
        ChangeKind::ProjectRemoved => "事業の削除",
        ChangeKind::ProjectRenamed => "事業名の変更",
        ChangeKind::PartnerAdded => "連携市町の追加",
        ChangeKind::PartnerRemoved => "連携市町の削除",
        ChangeKind::BudgetChanged => "事業費の変更",
        ChangeKind::TotalChanged => "事業費(計)の変更",
        ChangeKind::PhaseChanged => "工程の変更",
        ChangeKind::KpiChanged => "KPIの変更",
        ChangeKind::TextChanged => "文言の修正",
    }
}

/// The label of a text field (`side`: the printed label of a 役割 side).
pub(crate) fn text_field_ja(f: TextField, side: Option<&str>) -> String {
    match (f, side) {
        (TextField::Purpose, _) => "事業目的".into(),
        (TextField::Content, _) => "事業内容".into(),
        (TextField::Roles, Some(s)) => format!("役割・費用負担({s})"),
        (TextField::Roles, None) => "役割・費用負担".into(),
    }
}

/// The label of a KPI change.
pub(crate) fn kpi_field_ja(f: KpiField, indicator: &str) -> String {
    match f {
        KpiField::Indicator => "KPI 指標".into(),
        KpiField::Baseline => format!("KPI 基準値({indicator})"),
        KpiField::Target => format!("KPI 目標値({indicator})"),
        KpiField::Added => "KPI 追加".into(),
        KpiField::Removed => "KPI 削除".into(),
    }
}

fn run(mark: Mark, text: impl Into<String>) -> Run {
    Run {
        mark,
        text: text.into(),
    }
}

/// A marker line, or nothing when markers are not wanted.
fn marker(text: &str, style: MarkStyle) -> Vec<Run> {
    match style {
        MarkStyle::Markers => vec![run(Mark::Marker, text)],
        MarkStyle::Underline => Vec::new(),
    }
}

/// The runs of one side of a line: equal runs and the runs of that side.
fn keep(line: &[Span], side: SpanOp) -> Vec<Run> {
    line.iter()
        .filter(|s| s.op == SpanOp::Equal || s.op == side)
        .map(|s| {
            let mark = match s.op {
                SpanOp::Equal => Mark::Plain,
                SpanOp::Insert => Mark::Insert,
                SpanOp::Delete => Mark::Delete,
            };
            run(mark, s.text.as_str())
        })
        .collect()
}

/// Both sides of a text change, line by line: a line only on one side gets a marker on the
/// other.
fn text_sides(spans: &[Span], style: MarkStyle) -> (Side, Side) {
    let (mut new, mut old) = (Vec::new(), Vec::new());
    for l in lines(spans) {
        if only(&l, SpanOp::Insert) {
            new.push(keep(&l, SpanOp::Insert));
            old.push(marker("(新設)", style));
        } else if only(&l, SpanOp::Delete) {
            new.push(marker("(削る)", style));
            old.push(keep(&l, SpanOp::Delete));
        } else {
            new.push(keep(&l, SpanOp::Insert));
            old.push(keep(&l, SpanOp::Delete));
        }
    }
    (new, old)
}

fn one(runs: Vec<Run>) -> Side {
    vec![runs]
}

/// An amount change: the new amount inserted with its difference, the old one deleted.
fn amounts(
    from: Option<crate::records::ThousandYen>,
    to: Option<crate::records::ThousandYen>,
) -> (Side, Side) {
    let mut new = vec![run(Mark::Insert, yen(to))];
    let delta = yen_delta(from, to);
    if !delta.is_empty() {
        new.push(run(Mark::Plain, delta));
    }
    (one(new), one(vec![run(Mark::Delete, yen(from))]))
}

fn scalar(new: Vec<Run>, old: Vec<Run>) -> (Side, Side) {
    (one(new), one(old))
}

/// The 新旧対照表 row of an event.
pub(crate) fn row(c: &Change, style: MarkStyle) -> Row {
    let (item, (new, old)) = match &c.detail {
        ChangeDetail::ProjectAdded {
            partners, total, ..
        } => (
            "事業の追加".to_string(),
            (
                vec![
                    vec![run(Mark::Insert, c.project.as_str())],
                    vec![run(
                        Mark::Plain,
                        format!("連携市町: {}", partners.join("、")),
                    )],
                    vec![run(Mark::Plain, format!("計: {}", yen(*total)))],
                ],
                one(marker("(新設)", style)),
            ),
        ),
        ChangeDetail::ProjectRemoved { partners, .. } => (
            "事業の削除".to_string(),
            (
                one(marker("(削る)", style)),
                vec![
                    vec![run(Mark::Delete, c.project.as_str())],
                    vec![run(
                        Mark::Plain,
                        format!("連携市町: {}", partners.join("、")),
                    )],
                ],
            ),
        ),
        ChangeDetail::ProjectRenamed { from_name, spans } => (
            "事業名".to_string(),
            if spans.is_empty() {
                scalar(
                    vec![run(Mark::Insert, c.project.as_str())],
                    vec![run(Mark::Delete, from_name.as_str())],
                )
            } else {
                text_sides(spans, style)
            },
        ),
        ChangeDetail::PartnerAdded { partner, .. } => (
            "連携市町".to_string(),
            scalar(
                vec![run(Mark::Insert, partner.as_str())],
                marker("(新設)", style),
            ),
        ),
        ChangeDetail::PartnerRemoved { partner, .. } => (
            "連携市町".to_string(),
            scalar(
                marker("(削る)", style),
                vec![run(Mark::Delete, partner.as_str())],
            ),
        ),
        ChangeDetail::BudgetChanged { fy, from, to } => {
            (format!("事業費 {fy}"), amounts(*from, *to))
        }
        ChangeDetail::TotalChanged { from, to } => ("事業費 計".to_string(), amounts(*from, *to)),
        ChangeDetail::PhaseChanged { fy, from, to } => (
            format!("工程 {fy}"),
            scalar(
                vec![run(Mark::Insert, opt(to.as_deref()))],
                vec![run(Mark::Delete, opt(from.as_deref()))],
            ),
        ),
        ChangeDetail::KpiChanged {
            indicator,
            field,
            from,
            to,
            spans,
        } => (
            kpi_field_ja(*field, indicator),
            match (from, to) {
                (Some(_), Some(_)) => text_sides(spans, style),
                (None, Some(t)) => {
                    scalar(vec![run(Mark::Insert, t.as_str())], marker("(新設)", style))
                }
                (Some(f), None) => {
                    scalar(marker("(削る)", style), vec![run(Mark::Delete, f.as_str())])
                }
                (None, None) => scalar(Vec::new(), Vec::new()),
            },
        ),
        ChangeDetail::TextChanged {
            field, side, spans, ..
        } => (
            text_field_ja(*field, side.as_deref()),
            text_sides(spans, style),
        ),
    };
    Row { item, new, old }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::diff::text::list_spans;
    use crate::diff::{Evidence, TextValue};
    use crate::records::{FiscalYear, ThousandYen};

    fn change(detail: ChangeDetail) -> Change {
        Change {
            project: "P".into(),
            detail,
            evidence: Evidence::default(),
        }
    }

    fn texts(side: &Side) -> Vec<Vec<(Mark, &str)>> {
        side.iter()
            .map(|l| l.iter().map(|r| (r.mark, r.text.as_str())).collect())
            .collect()
    }

    /// A change of 事業内容 from one list of items to another.
    pub(crate) fn list_change(from: &[&str], to: &[&str]) -> Change {
        let v = |xs: &[&str]| xs.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        let (from, to) = (v(from), v(to));
        change(ChangeDetail::TextChanged {
            field: TextField::Content,
            side: None,
            spans: list_spans(&from, &to),
            from: TextValue::Lines(from),
            to: TextValue::Lines(to),
            added: None,
            removed: None,
        })
    }

    #[test]
    fn a_list_change_marks_lines_on_both_sides() {
        let c = list_change(&["a", "gone"], &["a", "追加"]);
        let r = row(&c, MarkStyle::Markers);
        assert_eq!(r.item, "事業内容");
        assert_eq!(
            texts(&r.new),
            vec![
                vec![(Mark::Plain, "a")],
                vec![(Mark::Marker, "(削る)")],
                vec![(Mark::Insert, "追加")]
            ]
        );
        assert_eq!(
            texts(&r.old),
            vec![
                vec![(Mark::Plain, "a")],
                vec![(Mark::Delete, "gone")],
                vec![(Mark::Marker, "(新設)")]
            ]
        );
        let r = row(&c, MarkStyle::Underline);
        assert_eq!(texts(&r.old)[2], vec![]);
    }

    #[test]
    fn an_amount_change_shows_the_difference_on_the_new_side() {
        let c = change(ChangeDetail::BudgetChanged {
            fy: FiscalYear(2023),
            from: Some(ThousandYen(5000)),
            to: Some(ThousandYen(3000)),
        });
        let r = row(&c, MarkStyle::Underline);
        assert_eq!(r.item, "事業費 R5");
        assert_eq!(
            texts(&r.new),
            vec![vec![
                (Mark::Insert, "3,000千円"),
                (Mark::Plain, " (△2,000千円)")
            ]]
        );
        assert_eq!(texts(&r.old), vec![vec![(Mark::Delete, "5,000千円")]]);
    }

    #[test]
    fn every_kind_has_a_japanese_name() {
        let names: std::collections::BTreeSet<&str> =
            ChangeKind::ALL.iter().map(|k| kind_ja(*k)).collect();
        assert_eq!(names.len(), ChangeKind::ALL.len());
    }
}
