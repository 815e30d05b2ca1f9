//! A draft's underlined spans (`marked_changes`) checked against the computed changes.
//!
//! Input: the revised plan and the events of [`super::compare`] → warnings
//! `changed_not_marked` and `marked_unchanged`. Runs only when the revised plan marks anything
//! (a full edition underlines nothing, so there is nothing to check).
//!
//! A mark *matches* an event when:
//! - the event is an amount (`budget_changed`, `total_changed`): the mark is a number (digits,
//!   commas, 千円/円) equal to the new amount (`15,000千円` ↔ 15000);
//! - the event is a text (`text_changed`, a rename, a KPI value): the mark, white space
//!   removed, occurs in the new text at a place that overlaps inserted characters (so `実施`
//!   underlined in an unchanged part of a changed paragraph does not count);
//! - the event is a partner or phase: the mark occurs in the new value;
//! - the project is new: the mark occurs anywhere on its card or in its name.
//!
//! Drafts do not show deletions (no strike-through), so an event with nothing new on the
//! revised side (a partner or a bullet removed, an amount blanked) needs no mark.

use super::change::{Change, ChangeDetail, SpanOp};
use super::text::{char_spans, revised_chars, squash};
use crate::error::{Warning, WarningKind};
use crate::records::{Card, FieldPath, Plan, Project};

/// What of an event can be underlined on the revised side.
enum Target {
    /// An amount in 千円.
    Amount(i64),
    /// New text with its inserted characters flagged (white space removed).
    Text(Vec<(char, bool)>),
}

fn whole(s: &str) -> Target {
    Target::Text(squash(s).chars().map(|c| (c, true)).collect())
}

fn edited(from: Option<&str>, to: &str) -> Target {
    match from {
        Some(f) => Target::Text(revised_chars(&char_spans(f, to))),
        None => whole(to),
    }
}

fn targets(event: &Change, project: &Project) -> Vec<Target> {
    match &event.detail {
        ChangeDetail::ProjectAdded { .. } => {
            let mut t = vec![whole(&project.name)];
            if let Some(c) = &project.card {
                t.extend(card_strings(c).iter().map(|s| whole(s)));
                t.extend(
                    c.schedule
                        .iter()
                        .filter_map(|e| e.amount)
                        .map(|a| Target::Amount(a.0)),
                );
                t.extend(c.total.map(|a| Target::Amount(a.0)));
            }
            t
        }
        ChangeDetail::ProjectRenamed { from_name, .. } => {
            vec![edited(Some(from_name), &project.name)]
        }
        ChangeDetail::PartnerAdded { partner, .. } => vec![whole(partner)],
        ChangeDetail::BudgetChanged { to: Some(a), .. }
        | ChangeDetail::TotalChanged { to: Some(a), .. } => {
            vec![Target::Amount(a.0)]
        }
        ChangeDetail::PhaseChanged { to: Some(p), .. } => vec![whole(p)],
        ChangeDetail::KpiChanged {
            to: Some(to),
            spans,
            ..
        } => {
            if spans.is_empty() {
                vec![whole(to)]
            } else {
                vec![Target::Text(revised_chars(spans))]
            }
        }
        ChangeDetail::TextChanged { spans, .. } if spans.iter().any(|s| s.op == SpanOp::Insert) => {
            vec![Target::Text(revised_chars(spans))]
        }
        // Removals, blanked values: nothing to underline.
        _ => vec![],
    }
}

fn card_strings(c: &Card) -> Vec<&str> {
    let mut v: Vec<&str> = vec![c.purpose.as_str()];
    v.extend(c.partners.iter().map(String::as_str));
    v.extend(c.content.iter().map(String::as_str));
    for side in c.roles.sides() {
        v.push(side.label.as_str());
        v.extend(side.bullets.iter().map(String::as_str));
    }
    for k in &c.kpis {
        v.push(k.indicator.as_str());
        v.extend(k.baseline.as_deref());
        v.extend(k.target.as_deref());
    }
    v.extend(c.schedule.iter().filter_map(|e| e.phase.as_deref()));
    v
}

/// The amount a mark reads as, if it is only a number with an optional yen unit.
fn mark_amount(mark: &str) -> Option<i64> {
    let m = squash(mark);
    let m = m
        .strip_suffix("千円")
        .or_else(|| m.strip_suffix('円'))
        .unwrap_or(&m);
    if m.is_empty() || !m.chars().all(|c| c.is_ascii_digit() || c == ',') {
        return None;
    }
    m.replace(',', "").parse().ok()
}

fn matches(mark: &str, target: &Target) -> bool {
    match target {
        Target::Amount(a) => mark_amount(mark) == Some(*a),
        Target::Text(chars) => {
            let m: Vec<char> = squash(mark).chars().collect();
            if m.is_empty() || m.len() > chars.len() {
                return false;
            }
            chars.windows(m.len()).any(|w| {
                w.iter().map(|(c, _)| *c).eq(m.iter().copied()) && w.iter().any(|(_, ins)| *ins)
            })
        }
    }
}

/// Warnings for a draft whose underlines disagree with the computed changes.
pub fn check(revised: &Plan, changes: &[Change]) -> Vec<Warning> {
    let marks_anything = revised.projects.iter().any(|p| {
        p.card
            .as_ref()
            .is_some_and(|c| !c.marked_changes.is_empty())
    });
    if !marks_anything {
        return vec![];
    }
    let mut warnings = Vec::new();
    for project in &revised.projects {
        let events: Vec<(&Change, Vec<Target>)> = changes
            .iter()
            .filter(|c| {
                c.project == project.name
                    && !matches!(c.detail, ChangeDetail::ProjectRemoved { .. })
            })
            .map(|c| (c, targets(c, project)))
            .collect();
        let marks: &[String] = project.card.as_ref().map_or(&[], |c| &c.marked_changes);
        for (i, mark) in marks.iter().enumerate() {
            if !events
                .iter()
                .any(|(_, ts)| ts.iter().any(|t| matches(mark, t)))
            {
                let mut w = Warning::new(
                    WarningKind::MarkedUnchanged,
                    format!(
                        "{}: 「{mark}」 is underlined but no change was found there",
                        project.name
                    ),
                );
                if let Some(p) = project
                    .card
                    .as_ref()
                    .and_then(|c| c.locate(&FieldPath::MarkedChange(i)))
                {
                    w = w.at(p);
                }
                warnings.push(w);
            }
        }
        for (event, ts) in &events {
            if ts.is_empty() || ts.iter().any(|t| marks.iter().any(|m| matches(m, t))) {
                continue;
            }
            let mut w = Warning::new(
                WarningKind::ChangedNotMarked,
                format!(
                    "{}: {} but nothing is underlined there{}",
                    project.name,
                    describe(event),
                    if project.card.is_none() {
                        " (card not printed)"
                    } else {
                        ""
                    }
                ),
            );
            if let Some(p) = event.evidence.revised {
                w = w.at(p);
            }
            warnings.push(w);
        }
    }
    warnings
}

fn describe(c: &Change) -> String {
    match &c.detail {
        ChangeDetail::BudgetChanged { fy, .. } => format!("budget of {fy} changed"),
        ChangeDetail::PhaseChanged { fy, .. } => format!("phase of {fy} changed"),
        ChangeDetail::KpiChanged { field, .. } => format!("KPI {} changed", field.as_str()),
        ChangeDetail::TextChanged { field, side, .. } => match side {
            Some(s) => format!("{} ({s}) changed", field.as_str()),
            None => format!("{} changed", field.as_str()),
        },
        ChangeDetail::PartnerAdded { partner, .. } => format!("{partner} joined"),
        other => other.kind().as_str().replace('_', " "),
    }
}

#[cfg(test)]
mod tests {
    use super::super::align::tests::project;
    use super::super::{DiffOptions, compare};
    use super::*;
    use crate::records::{FiscalYear, Municipality, ScheduleEntry, ThousandYen};

    fn plan(excerpt: bool, projects: Vec<Project>) -> Plan {
        Plan {
            version: "v".into(),
            excerpt,
            partners: vec![Municipality::named("玉野市")],
            projects,
            ..Plan::empty("")
        }
    }

    fn with_marks(mut p: Project, marks: &[&str]) -> Project {
        if let Some(c) = p.card.as_mut() {
            c.marked_changes = marks.iter().map(|s| s.to_string()).collect();
        }
        p
    }

    #[test]
    fn amounts_and_inserted_text_match_their_marks() {
        let mut b = project("A", "i", "人材確保支援など", &["x"]);
        b.card.as_mut().expect("card").schedule = vec![ScheduleEntry {
            fy: FiscalYear(2022),
            phase: None,
            amount: Some(ThousandYen(12000)),
        }];
        let mut r = project("A", "i", "人材や後継者確保支援など", &["x"]);
        r.card.as_mut().expect("card").schedule = vec![ScheduleEntry {
            fy: FiscalYear(2022),
            phase: None,
            amount: Some(ThousandYen(15000)),
        }];
        let r = with_marks(r, &["や後継者確保", "15,000 千円"]);
        let log = compare(
            &plan(false, vec![b]),
            &plan(true, vec![r]),
            &DiffOptions::default(),
        );
        assert_eq!(log.changes.len(), 2);
        assert!(log.warnings.is_empty(), "{:?}", log.warnings);
    }

    #[test]
    fn unmarked_change_and_mark_on_unchanged_text_are_reported() {
        let b = project("A", "i", "実施する目的", &["x"]);
        let r = with_marks(
            project("A", "i", "実施する新しい目的", &["x", "y"]),
            &["実施"],
        );
        let log = compare(
            &plan(false, vec![b]),
            &plan(true, vec![r]),
            &DiffOptions::default(),
        );
        let kinds: Vec<&str> = log.warnings.iter().map(|w| w.kind.as_str()).collect();
        // 実施 is in the changed purpose but not in its inserted part; both texts are unmarked.
        assert_eq!(
            kinds,
            vec![
                "marked_unchanged",
                "changed_not_marked",
                "changed_not_marked"
            ]
        );
        assert!(log.warnings[1].message.contains("purpose changed"));
    }

    #[test]
    fn deletions_need_no_mark_and_full_editions_are_not_checked() {
        let b = project("A", "i", "p", &["x", "gone"]);
        let mut r = with_marks(project("A", "i", "p", &["x"]), &[]);
        r.matrix_partners.clear();
        let other = with_marks(project("B", "i", "q", &[]), &["q"]);
        let log = compare(
            &plan(false, vec![b.clone()]),
            &plan(true, vec![r.clone(), other.clone()]),
            &DiffOptions::default(),
        );
        // B is new and its mark is on its card; A only lost things.
        assert!(log.warnings.is_empty(), "{:?}", log.warnings);
        let r2 = project("A", "i", "p2", &["x"]);
        let log = compare(
            &plan(false, vec![b]),
            &plan(false, vec![r2]),
            &DiffOptions::default(),
        );
        assert!(log.warnings.is_empty());
    }

    #[test]
    fn mark_amount_reads_numbers_only() {
        assert_eq!(mark_amount("1,761,037千円"), Some(1_761_037));
        assert_eq!(mark_amount("600"), Some(600));
        assert_eq!(mark_amount("令和2"), None);
        assert_eq!(mark_amount(""), None);
    }
}
