//! Several versions of one document → each project's history across them.
//!
//! Input: plans in version order, the `(base, revised)` pairs of their change logs with the
//! alignments and logs computed for them ([`super::series`]) → a [`History`]: per project, the
//! version it first appears in, its renames, and per version its name, partners (matrix ○ set),
//! the partners that joined or left in that version's change log, and its schedule. A project
//! keeps one history across a rename because the history links each version to its base with
//! the very alignment its change log used; a project that is new against the base in a draft
//! and again in the full edition after it (both compared with the same base) is linked by name.
//!
//! An excerpt draft that does not print a card carries its base's schedule forward (the overlay
//! rule of [`super::compare`]), flagged `card_inferred`.

use super::align::Alignment;
use super::change::{ChangeDetail, ChangeLog, DocRef};
use super::doc_ref;
use super::text::squash;
use crate::records::{FiscalYear, Plan, ScheduleEntry, ThousandYen};
use serde::{Deserialize, Serialize};

/// The projects of several versions, linked across them.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct History {
    /// The versions, in order.
    pub versions: Vec<VersionRef>,
    /// Projects in the last version's order, then the ones that disappeared (by last version
    /// seen, then document order).
    pub projects: Vec<ProjectHistory>,
}

/// One version of a [`History`]: which document it is and which version its change log
/// compared it with.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct VersionRef {
    /// The document.
    #[serde(flatten)]
    pub doc: DocRef,
    /// The version id it was compared with (none for the first).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub compared_with: Option<String>,
}

/// One project across versions.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct ProjectHistory {
    /// Its latest name.
    pub name: String,
    /// Version id where it first appears.
    pub first_seen: String,
    /// Version id of the last version it appears in, if that is not the last version.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub removed_after: Option<String>,
    /// Renames, in order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub renames: Vec<Rename>,
    /// Per version (same index as [`History::versions`]), its state; `null` where absent.
    pub by_version: Vec<Option<ProjectState>>,
}

/// A rename found by a change log.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Rename {
    /// The version that has the new name.
    pub version: String,
    /// Old name.
    pub from: String,
    /// New name.
    pub to: String,
}

/// A project in one version.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct ProjectState {
    /// Name in that version.
    pub name: String,
    /// Matrix ○ set.
    pub partners: Vec<String>,
    /// Partners that joined, by this version's change log (`partner_added`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub joined: Vec<String>,
    /// Partners that left, by this version's change log (`partner_removed`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub left: Vec<String>,
    /// Schedule (amounts in 千円) as printed, or carried forward.
    pub schedule: Vec<ScheduleEntry>,
    /// 計.
    pub total: Option<ThousandYen>,
    /// True when the card is not printed (excerpt) and the schedule was carried forward.
    #[serde(default)]
    pub card_inferred: bool,
}

impl ProjectHistory {
    /// All fiscal years of the project across versions, in first-seen order.
    pub fn fiscal_years(&self) -> Vec<FiscalYear> {
        let mut out: Vec<FiscalYear> = Vec::new();
        for s in self.by_version.iter().flatten() {
            for e in &s.schedule {
                if !out.contains(&e.fy) {
                    out.push(e.fy);
                }
            }
        }
        out
    }

    /// The amount of a fiscal year in version `v`.
    pub fn amount(&self, v: usize, fy: FiscalYear) -> Option<ThousandYen> {
        self.by_version
            .get(v)?
            .as_ref()?
            .schedule
            .iter()
            .find(|e| e.fy == fy)
            .and_then(|e| e.amount)
    }

    /// Whether any fiscal year's amount differs between versions where the project exists.
    pub fn budget_changes(&self) -> bool {
        let present: Vec<usize> = (0..self.by_version.len())
            .filter(|&v| self.by_version[v].is_some())
            .collect();
        self.fiscal_years().iter().any(|fy| {
            present
                .windows(2)
                .any(|w| self.amount(w[0], *fy) != self.amount(w[1], *fy))
        })
    }
}

/// Links the projects of `plans` into histories along the change logs' alignments:
/// `pairs[k] = (base, revised)` was compared with `alignments[k]` into `logs[k]`.
pub(crate) fn build(
    plans: &[Plan],
    pairs: &[(usize, usize)],
    alignments: &[Alignment],
    logs: &[ChangeLog],
) -> History {
    let n = plans.len();
    let mut projects: Vec<ProjectHistory> = Vec::new();
    // Per version: project index in that plan → history index.
    let mut ids: Vec<Vec<usize>> = Vec::with_capacity(n);
    for (v, plan) in plans.iter().enumerate() {
        let compared = pairs.iter().position(|&(_, r)| r == v);
        let mut id_of: Vec<Option<usize>> = vec![None; plan.projects.len()];
        let mut base = None;
        if let Some(k) = compared {
            let b = pairs[k].0;
            base = Some(b);
            link_to_base(plans, v, b, &alignments[k], &ids, &mut id_of, &mut projects);
            link_new_to_drafts(plans, v, b, &ids, &mut id_of);
        }
        for (r, p) in plan.projects.iter().enumerate() {
            let id = *id_of[r].get_or_insert_with(|| {
                projects.push(ProjectHistory {
                    name: p.name.clone(),
                    first_seen: plan.version.clone(),
                    removed_after: None,
                    renames: vec![],
                    by_version: vec![None; n],
                });
                projects.len() - 1
            });
            let carried = base.and_then(|b| projects[id].by_version[b].clone());
            let mut state = state_of(p, carried);
            if let Some(k) = compared {
                partner_events(&logs[k], &p.name, &mut state);
            }
            projects[id].name = p.name.clone();
            projects[id].by_version[v] = Some(state);
        }
        ids.push(id_of.into_iter().map(|id| id.unwrap_or(0)).collect());
    }
    for h in &mut projects {
        if let Some(last) = h.by_version.iter().rposition(Option::is_some)
            && last + 1 < n
        {
            h.removed_after = Some(plans[last].version.clone());
        }
    }
    let last_ids = ids.last().cloned().unwrap_or_default();
    History {
        versions: plans
            .iter()
            .enumerate()
            .map(|(v, p)| VersionRef {
                doc: doc_ref(p),
                compared_with: pairs
                    .iter()
                    .find(|&&(_, r)| r == v)
                    .map(|&(b, _)| plans[b].version.clone()),
            })
            .collect(),
        projects: in_document_order(projects, &last_ids, n),
    }
}

/// Revised projects paired with a base project continue its history; a pair under another name
/// is a rename.
fn link_to_base(
    plans: &[Plan],
    v: usize,
    b: usize,
    alignment: &Alignment,
    ids: &[Vec<usize>],
    id_of: &mut [Option<usize>],
    projects: &mut [ProjectHistory],
) {
    for (r, pair) in alignment.pairs.iter().enumerate() {
        let Some((bi, _)) = pair else { continue };
        let id = ids[b][*bi];
        id_of[r] = Some(id);
        let (old, new) = (&plans[b].projects[*bi].name, &plans[v].projects[r].name);
        if old != new {
            projects[id].renames.push(Rename {
                version: plans[v].version.clone(),
                from: old.clone(),
                to: new.clone(),
            });
        }
    }
}

/// A project new against the base that a version between the base and this one (a draft of the
/// same revision) already has under the same name is that project.
fn link_new_to_drafts(
    plans: &[Plan],
    v: usize,
    b: usize,
    ids: &[Vec<usize>],
    id_of: &mut [Option<usize>],
) {
    for r in 0..id_of.len() {
        if id_of[r].is_some() {
            continue;
        }
        let key = squash(&plans[v].projects[r].name);
        let found = (b + 1..v).rev().find_map(|j| {
            plans[j]
                .projects
                .iter()
                .position(|q| squash(&q.name) == key)
                .map(|q| ids[j][q])
        });
        if let Some(id) = found
            && !id_of.contains(&Some(id))
        {
            id_of[r] = Some(id);
        }
    }
}

/// A project's state in its version; without a printed card (an excerpt), the state at its
/// base carries the schedule forward.
fn state_of(p: &crate::records::Project, carried: Option<ProjectState>) -> ProjectState {
    let (schedule, total, card_inferred) = match (&p.card, carried) {
        (Some(c), _) => (c.schedule.clone(), c.total, false),
        (None, Some(s)) => (s.schedule, s.total, true),
        (None, None) => (vec![], None, true),
    };
    ProjectState {
        name: p.name.clone(),
        partners: p.matrix_partners.clone(),
        joined: vec![],
        left: vec![],
        schedule,
        total,
        card_inferred,
    }
}

/// The partner events the change log gives for the project.
fn partner_events(log: &ChangeLog, name: &str, state: &mut ProjectState) {
    for c in log.changes.iter().filter(|c| c.project == name) {
        match &c.detail {
            ChangeDetail::PartnerAdded { partner, .. } => state.joined.push(partner.clone()),
            ChangeDetail::PartnerRemoved { partner, .. } => state.left.push(partner.clone()),
            _ => {}
        }
    }
}

/// Projects in the last version's document order, then the ones that disappeared, the most
/// recently gone first, each group in order of appearance.
fn in_document_order(
    projects: Vec<ProjectHistory>,
    last_ids: &[usize],
    n: usize,
) -> Vec<ProjectHistory> {
    let mut keys: Vec<(usize, usize, usize)> = Vec::with_capacity(projects.len());
    for (i, h) in projects.iter().enumerate() {
        let last = h.by_version.iter().rposition(Option::is_some).unwrap_or(0);
        let key = if last + 1 == n {
            (0, last_ids.iter().position(|&id| id == i).unwrap_or(i), i)
        } else {
            (1, n - last, i)
        };
        keys.push(key);
    }
    let mut idx: Vec<usize> = (0..projects.len()).collect();
    idx.sort_by_key(|&i| keys[i]);
    let mut slots: Vec<Option<ProjectHistory>> = projects.into_iter().map(Some).collect();
    idx.into_iter().filter_map(|i| slots[i].take()).collect()
}

#[cfg(test)]
mod tests {
    use super::super::align::tests::project;
    use super::super::{DiffOptions, compare_in_order};
    use super::*;
    use crate::records::{Municipality, Project};

    fn plan(version: &str, excerpt: bool, projects: Vec<Project>) -> Plan {
        Plan {
            excerpt,
            partners: vec![Municipality::named("玉野市")],
            projects,
            ..Plan::empty(version)
        }
    }

    fn with_amount(mut p: Project, a: i64) -> Project {
        if let Some(c) = p.card.as_mut() {
            c.schedule = vec![ScheduleEntry {
                fy: FiscalYear(2022),
                phase: None,
                amount: Some(ThousandYen(a)),
            }];
        }
        p
    }

    fn history(plans: Vec<Plan>) -> History {
        compare_in_order(plans, &DiffOptions::default()).history
    }

    #[test]
    fn follows_renames_additions_removals_and_excerpt_overlay() {
        let a1 = with_amount(
            project("夜間中学設置の検討・準備", "i", "学び直しの機会", &["検討"]),
            100,
        );
        let gone = project("消える事業", "j", "固有", &["z"]);
        let v1 = plan("v1", false, vec![a1.clone(), gone]);
        let mut a2 = with_amount(
            project(
                "夜間中学設置の検討・準備・運営",
                "i",
                "学び直しの機会",
                &["検討"],
            ),
            200,
        );
        a2.matrix_partners.push("総社市".into());
        let newp = project("新事業", "k", "新しい", &["n"]);
        let v2 = plan("v2", false, vec![a2.clone(), newp.clone()]);
        let mut a3 = a2.clone();
        a3.card = None;
        let v3 = plan("v3", true, vec![a3, newp]);
        let h = history(vec![v1, v2, v3]);
        let names: Vec<&str> = h.projects.iter().map(|p| p.name.as_str()).collect();
        assert_eq!(
            names,
            vec!["夜間中学設置の検討・準備・運営", "新事業", "消える事業"]
        );
        let compared: Vec<Option<&str>> = h
            .versions
            .iter()
            .map(|v| v.compared_with.as_deref())
            .collect();
        assert_eq!(compared, vec![None, Some("v1"), Some("v2")]);
        let a = &h.projects[0];
        assert_eq!(a.first_seen, "v1");
        assert_eq!(
            a.renames,
            vec![Rename {
                version: "v2".into(),
                from: "夜間中学設置の検討・準備".into(),
                to: "夜間中学設置の検討・準備・運営".into()
            }]
        );
        let fy = FiscalYear(2022);
        assert_eq!(
            (0..3).map(|v| a.amount(v, fy)).collect::<Vec<_>>(),
            vec![
                Some(ThousandYen(100)),
                Some(ThousandYen(200)),
                Some(ThousandYen(200))
            ]
        );
        assert!(a.by_version[2].as_ref().is_some_and(|s| s.card_inferred));
        let v2_state = a.by_version[1].as_ref().expect("present in v2");
        assert_eq!(v2_state.partners, vec!["玉野市", "総社市"]);
        assert_eq!(v2_state.joined, vec!["総社市"]);
        assert!(a.budget_changes());
        assert_eq!(h.projects[1].first_seen, "v2");
        assert!(h.projects[1].by_version[0].is_none());
        assert_eq!(h.projects[2].removed_after.as_deref(), Some("v1"));
        assert!(!h.projects[1].budget_changes());
    }

    /// A draft and the full edition after it are both compared with the previous full edition:
    /// a project new in both is one history, renames are the logs' renames.
    #[test]
    fn draft_and_full_edition_share_the_base_and_the_new_project() {
        let old = project("夜間中学設置の検討・準備", "i", "学び直しの機会", &["検討"]);
        let mut renamed = old.clone();
        renamed.name = "夜間中学設置の検討・準備・運営".into();
        let newp = project("新事業", "k", "新しい", &["n"]);
        let mut draft_old = renamed.clone();
        draft_old.card = None;
        let h = history(vec![
            plan("2022-full", false, vec![old]),
            plan("2023-draft", true, vec![draft_old, newp.clone()]),
            plan("2023-full", false, vec![renamed, newp]),
        ]);
        let compared: Vec<Option<&str>> = h
            .versions
            .iter()
            .map(|v| v.compared_with.as_deref())
            .collect();
        assert_eq!(compared, vec![None, Some("2022-full"), Some("2022-full")]);
        assert_eq!(h.projects.len(), 2);
        let renamed = &h.projects[0];
        let versions: Vec<&str> = renamed.renames.iter().map(|r| r.version.as_str()).collect();
        assert_eq!(versions, vec!["2023-draft", "2023-full"]);
        let new = &h.projects[1];
        assert_eq!(new.first_seen, "2023-draft");
        assert!(new.by_version[1].is_some() && new.by_version[2].is_some());
    }
}
