//! Two plans → a semantic [`ChangeLog`]; several plans → a [`Series`] of change logs and a
//! per-project [`History`].
//!
//! The pipeline of [`compare`]: `align` the projects (renames by evidence, not by name, with
//! documented thresholds) → emit events per revised project (`events`) → append removed
//! projects → `marks` checks a draft's underlined spans against the events. [`compare_series`] orders versions by edition
//! and runs the same alignment once per compared pair, for the change log and the history.
//!
//! Order of events (corpus README): projects in revised document order, removed projects
//! last (base order); within a project: rename, partners (added in revised header order, then
//! removed in base order), budgets by fiscal year (revised schedule order, then years only in
//! the base), total, phases, KPIs (revised KPI order, removed rows last), texts (purpose,
//! content, roles by side).
//!
//! An excerpt draft is an overlay: its matrix is complete, so additions, removals, renames and
//! partner changes are computed from it, but a card it does not print is unchanged. Page
//! references are not compared (they shift when a card is inserted). Texts are compared with
//! white space ignored.
//!
//! The diff is infallible: odd input (a card missing from a full edition) becomes a warning.

pub(crate) mod align;
mod change;
mod events;
mod history;
mod marks;
mod series;
pub(crate) mod text;

use align::Alignment;
pub use change::*;
pub use history::{History, ProjectHistory, ProjectState, Rename, VersionRef};
pub use series::{SERIES_SCHEMA, Series, bases, compare_in_order, compare_series, order};

use crate::records::Plan;

/// Options of [`compare`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DiffOptions {
    /// Check a draft's underlined spans against the computed changes (warnings only).
    pub check_marks: bool,
}

impl Default for DiffOptions {
    fn default() -> Self {
        DiffOptions { check_marks: true }
    }
}

/// Which document a plan is, for the change log header.
pub fn doc_ref(p: &Plan) -> DocRef {
    DocRef {
        version: p.version.clone(),
        title: p.title.clone(),
        edition: p.edition.clone(),
        excerpt: p.excerpt,
    }
}

/// The semantic changes from `base` to `revised` (see the module docs for the rules).
///
/// ```
/// use kaitei::diff::{ChangeKind, DiffOptions, compare};
/// use kaitei::records::{Plan, Project};
/// let row = |name: &str, partners: &[&str]| Project {
///     name: name.into(),
///     role: "r".into(),
///     initiative: "i".into(),
///     page_ref: None,
///     matrix_partners: partners.iter().map(|s| s.to_string()).collect(),
///     card: None,
///     source: None,
///     notes: vec![],
/// };
/// let base = Plan { projects: vec![row("A", &["玉野市"])], ..Plan::empty("v1") };
/// let revised = Plan { projects: vec![row("A", &["玉野市", "総社市"])], ..Plan::empty("v2") };
/// let log = compare(&base, &revised, &DiffOptions::default());
/// assert_eq!(log.changes.len(), 1);
/// assert_eq!(log.changes[0].detail.kind(), ChangeKind::PartnerAdded);
/// ```
pub fn compare(base: &Plan, revised: &Plan, opts: &DiffOptions) -> ChangeLog {
    let alignment = align(&base.projects, &revised.projects);
    compare_aligned(base, revised, &alignment, opts)
}

/// [`compare`] with the projects already aligned (a series aligns once for the change log and
/// the history).
pub(crate) fn compare_aligned(
    base: &Plan,
    revised: &Plan,
    alignment: &Alignment,
    opts: &DiffOptions,
) -> ChangeLog {
    let mut changes = Vec::new();
    let mut warnings = Vec::new();
    for (rp, pair) in revised.projects.iter().zip(&alignment.pairs) {
        match pair {
            None => changes.push(events::added(revised, rp)),
            Some((b, basis)) => {
                let pair = events::Pair {
                    base,
                    revised,
                    bp: &base.projects[*b],
                    rp,
                };
                pair.events(basis, &mut changes, &mut warnings);
            }
        }
    }
    for (bp, matched) in base.projects.iter().zip(&alignment.base_matched) {
        if !matched {
            changes.push(events::removed(bp));
        }
    }
    if opts.check_marks {
        warnings.extend(marks::check(revised, &changes));
    }
    ChangeLog {
        schema: CHANGES_SCHEMA.to_string(),
        base: doc_ref(base),
        revised: doc_ref(revised),
        changes,
        warnings,
    }
}

pub(crate) use align::align;

#[cfg(test)]
mod tests {
    use super::align::tests::project;
    use super::*;
    use crate::error::{Provenance, WarningKind};
    use crate::records::{
        ExtractionNote, FieldPath, FiscalYear, Kpi, Municipality, Project, RoleSide, ScheduleEntry,
        ThousandYen,
    };

    fn plan(version: &str, excerpt: bool, projects: Vec<Project>) -> Plan {
        Plan {
            schema: crate::records::RECORDS_SCHEMA.into(),
            version: version.into(),
            title: "t".into(),
            edition: "e".into(),
            edition_date: None,
            excerpt,
            declared_project_count: None,
            partners: ["玉野市", "総社市", "備前市"]
                .iter()
                .map(|n| Municipality::named(*n))
                .collect(),
            projects,
            reference_projects: vec![],
            warnings: vec![],
        }
    }

    fn sched(amounts: &[(&str, Option<&str>, Option<i64>)]) -> Vec<ScheduleEntry> {
        amounts
            .iter()
            .map(|(fy, ph, a)| ScheduleEntry {
                fy: FiscalYear::parse(fy).expect("fiscal year"),
                phase: ph.map(str::to_string),
                amount: a.map(ThousandYen),
            })
            .collect()
    }

    fn kinds(log: &ChangeLog) -> Vec<&'static str> {
        log.changes
            .iter()
            .map(|c| c.detail.kind().as_str())
            .collect()
    }

    #[test]
    fn events_of_a_project_come_in_readme_order() {
        let mut b = project("A", "i", "目的", &["x"]);
        let mut r = project("A", "i", "目的です", &["x", "y"]);
        let (bc, rc) = (
            b.card.as_mut().expect("card"),
            r.card.as_mut().expect("card"),
        );
        bc.schedule = sched(&[("R4", Some("協議"), Some(100)), ("R5", None, None)]);
        rc.schedule = sched(&[("R4", Some("実施"), Some(150)), ("R5", None, Some(10))]);
        bc.total = Some(ThousandYen(100));
        rc.total = Some(ThousandYen(160));
        bc.kpis = vec![Kpi {
            indicator: "k".into(),
            baseline: None,
            target: Some("1".into()),
        }];
        rc.kpis = vec![Kpi {
            indicator: "k".into(),
            baseline: None,
            target: Some("2".into()),
        }];
        rc.roles.lead = RoleSide {
            label: "甲市".into(),
            bullets: vec!["新".into()],
        };
        bc.roles.lead = RoleSide {
            label: "甲市".into(),
            bullets: vec![],
        };
        r.matrix_partners = vec!["総社市".into()];
        let log = compare(
            &plan("v1", false, vec![b]),
            &plan("v2", false, vec![r]),
            &DiffOptions::default(),
        );
        assert_eq!(
            kinds(&log),
            vec![
                "partner_added",
                "partner_removed",
                "budget_changed",
                "budget_changed",
                "total_changed",
                "phase_changed",
                "kpi_changed",
                "text_changed",
                "text_changed",
                "text_changed"
            ]
        );
        match &log.changes[3].detail {
            ChangeDetail::BudgetChanged { fy, from, to } => {
                assert_eq!(
                    (fy.to_string().as_str(), *from, *to),
                    ("R5", None, Some(ThousandYen(10)))
                );
            }
            other => panic!("{other:?}"),
        }
        match &log.changes[9].detail {
            ChangeDetail::TextChanged { side, added, .. } => {
                assert_eq!(side.as_deref(), Some("甲市"));
                assert_eq!(added.as_deref(), Some(&["新".to_string()][..]));
            }
            other => panic!("{other:?}"),
        }
        assert!(log.warnings.is_empty());
    }

    #[test]
    fn excerpt_without_card_is_unchanged_but_matrix_counts() {
        let b = project("A", "i", "目的", &["x"]);
        let mut r = project("A", "i", "全く違う目的", &["y"]);
        r.card = None;
        r.matrix_partners.push("備前市".into());
        let log = compare(
            &plan("v1", false, vec![b]),
            &plan("v2", true, vec![r]),
            &DiffOptions::default(),
        );
        assert_eq!(kinds(&log), vec!["partner_added"]);
        assert!(log.changes[0].evidence.notes[0].contains("card not printed in v2 (excerpt)"));
    }

    #[test]
    fn missing_card_in_a_full_edition_warns() {
        let b = project("A", "i", "目的", &["x"]);
        let mut r = b.clone();
        r.card = None;
        let log = compare(
            &plan("v1", false, vec![b]),
            &plan("v2", false, vec![r]),
            &DiffOptions::default(),
        );
        assert!(log.changes.is_empty());
        assert_eq!(log.warnings[0].kind, WarningKind::CardMissing);
    }

    #[test]
    fn added_removed_and_renamed_projects() {
        let keep = project("残る事業", "i", "残る事業の目的", &["残る"]);
        let old = project("消える事業", "i", "消える事業の固有の目的", &["消える"]);
        let renamed_b = project(
            "夜間中学設置の検討・準備",
            "i",
            "学び直しの機会の確保",
            &["検討", "準備"],
        );
        let mut renamed_r = renamed_b.clone();
        renamed_r.name = "夜間中学設置の検討・準備・運営".into();
        let new = project("新しい事業", "j", "まったく新しい目的", &["新規"]);
        let base = plan("v1", false, vec![keep.clone(), old, renamed_b]);
        let rev = plan("v2", false, vec![keep, renamed_r, new]);
        let log = compare(&base, &rev, &DiffOptions::default());
        assert_eq!(
            kinds(&log),
            vec!["project_renamed", "project_added", "project_removed"]
        );
        assert_eq!(log.changes[0].project, "夜間中学設置の検討・準備・運営");
        assert!(log.changes[0].evidence.notes[0].starts_with("aligned by name similarity"));
        assert_eq!(log.changes[2].project, "消える事業");
        match &log.changes[1].detail {
            ChangeDetail::ProjectAdded {
                total, partners, ..
            } => {
                assert_eq!(*total, Some(ThousandYen(0)));
                assert_eq!(partners, &vec!["玉野市".to_string()]);
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn kpi_rows_are_aligned_by_indicator() {
        let mut b = project("A", "i", "p", &[]);
        let mut r = b.clone();
        let k = |i: &str, t: &str| Kpi {
            indicator: i.into(),
            baseline: None,
            target: Some(t.into()),
        };
        b.card.as_mut().expect("card").kpis = vec![k("a", "1"), k("b", "1")];
        r.card.as_mut().expect("card").kpis = vec![k("new", "5"), k("a", "1"), k("b", "2")];
        let log = compare(
            &plan("v1", false, vec![b]),
            &plan("v2", false, vec![r]),
            &DiffOptions::default(),
        );
        let got: Vec<(String, &str)> = log
            .changes
            .iter()
            .map(|c| match &c.detail {
                ChangeDetail::KpiChanged {
                    indicator, field, ..
                } => (indicator.clone(), field.as_str()),
                other => panic!("{other:?}"),
            })
            .collect();
        assert_eq!(
            got,
            vec![("new".to_string(), "added"), ("b".to_string(), "target")]
        );
    }

    #[test]
    fn provenance_becomes_evidence() {
        let mut b = project("A", "i", "目的", &[]);
        let mut r = project("A", "i", "目的2", &[]);
        let pb = Provenance {
            page: 3,
            bbox: [1.0, 2.0, 3.0, 4.0],
        };
        let pr = Provenance {
            page: 4,
            bbox: [5.0, 6.0, 7.0, 8.0],
        };
        b.card
            .as_mut()
            .expect("card")
            .provenance
            .insert(FieldPath::Purpose, pb);
        r.card.as_mut().expect("card").source = Some(pr);
        r.card.as_mut().expect("card").notes.push(ExtractionNote {
            field: FieldPath::Purpose,
            note: "repaired ⻑".into(),
        });
        let log = compare(
            &plan("v1", false, vec![b]),
            &plan("v2", false, vec![r]),
            &DiffOptions::default(),
        );
        let ev = &log.changes[0].evidence;
        assert_eq!(ev.base, Some(pb));
        assert_eq!(ev.revised, Some(pr));
        assert_eq!(ev.notes, vec!["revised: repaired ⻑".to_string()]);
    }
}
