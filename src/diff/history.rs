//! Several versions of one document → each project's history across them.
//!
//! Input: plans in version order (the caller orders them, e.g. by edition date) → a
//! [`History`]: per project, the version it first appears in, its renames, and per version its
//! name, partners (matrix ○ set) and schedule. Consecutive versions are linked with
//! [`super::align()`], so a renamed project keeps one history.
//!
//! An excerpt draft that does not print a card carries the previous version's schedule forward
//! (the overlay rule of [`super::compare`]), flagged `card_inferred`.

use super::align::align;
use super::change::DocRef;
use super::doc_ref;
use crate::records::{FiscalYear, Plan, ScheduleEntry, ThousandYen};
use serde::{Deserialize, Serialize};

/// The projects of several versions, linked across them.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct History {
    /// The versions, in the order given.
    pub versions: Vec<DocRef>,
    /// Projects in the last version's order, then the ones that disappeared (by last version
    /// seen, then document order).
    pub projects: Vec<ProjectHistory>,
}

/// One project across versions.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
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

/// A rename between two consecutive versions.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Rename {
    /// The version that has the new name.
    pub version: String,
    /// Old name.
    pub from: String,
    /// New name.
    pub to: String,
}

/// A project in one version.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProjectState {
    /// Name in that version.
    pub name: String,
    /// Matrix ○ set.
    pub partners: Vec<String>,
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
                    out.push(e.fy.clone());
                }
            }
        }
        out
    }

    /// The amount of a fiscal year in version `v`.
    pub fn amount(&self, v: usize, fy: &FiscalYear) -> Option<ThousandYen> {
        self.by_version
            .get(v)?
            .as_ref()?
            .schedule
            .iter()
            .find(|e| &e.fy == fy)
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
                .any(|w| self.amount(w[0], fy) != self.amount(w[1], fy))
        })
    }
}

/// Link the projects of `plans` (in version order) into histories.
pub fn history(plans: &[Plan]) -> History {
    let n = plans.len();
    let mut projects: Vec<ProjectHistory> = Vec::new();
    // Per version, project index in that plan → history index.
    let mut prev_ids: Vec<usize> = Vec::new();
    for (v, plan) in plans.iter().enumerate() {
        let mut ids = Vec::with_capacity(plan.projects.len());
        let alignment = if v > 0 {
            Some(align(&plans[v - 1].projects, &plan.projects))
        } else {
            None
        };
        for (r, p) in plan.projects.iter().enumerate() {
            let paired = alignment
                .as_ref()
                .and_then(|a| a.pairs[r].as_ref())
                .map(|(b, _)| *b);
            let id = match paired {
                Some(b) => {
                    let id = prev_ids[b];
                    let old = &plans[v - 1].projects[b].name;
                    if old != &p.name {
                        projects[id].renames.push(Rename {
                            version: plan.version.clone(),
                            from: old.clone(),
                            to: p.name.clone(),
                        });
                    }
                    id
                }
                None => {
                    projects.push(ProjectHistory {
                        name: p.name.clone(),
                        first_seen: plan.version.clone(),
                        removed_after: None,
                        renames: vec![],
                        by_version: vec![None; n],
                    });
                    projects.len() - 1
                }
            };
            let (schedule, total, card_inferred) = match &p.card {
                Some(c) => (c.schedule.clone(), c.total, false),
                None => {
                    // Overlay: the last known card of this project stands.
                    let prev = projects[id].by_version[..v].iter().rev().flatten().next();
                    match prev {
                        Some(s) => (s.schedule.clone(), s.total, true),
                        None => (vec![], None, true),
                    }
                }
            };
            let h = &mut projects[id];
            h.name = p.name.clone();
            h.by_version[v] = Some(ProjectState {
                name: p.name.clone(),
                partners: p.matrix_partners.clone(),
                schedule,
                total,
                card_inferred,
            });
            ids.push(id);
        }
        prev_ids = ids;
    }
    for h in &mut projects {
        if let Some(last) = h.by_version.iter().rposition(Option::is_some)
            && last + 1 < n
        {
            h.removed_after = Some(plans[last].version.clone());
        }
    }
    // Order: the last version's document order, then removed projects by when they left.
    let mut order: Vec<(usize, usize, usize)> = Vec::new();
    for (i, h) in projects.iter().enumerate() {
        let last = h.by_version.iter().rposition(Option::is_some).unwrap_or(0);
        let pos = if last + 1 == n {
            prev_ids.iter().position(|&id| id == i).unwrap_or(i)
        } else {
            i
        };
        order.push((
            usize::from(last + 1 != n),
            if last + 1 == n { pos } else { n - last },
            pos,
        ));
    }
    let mut idx: Vec<usize> = (0..projects.len()).collect();
    idx.sort_by_key(|&i| order[i]);
    let mut slots: Vec<Option<ProjectHistory>> = projects.into_iter().map(Some).collect();
    let projects = idx.into_iter().filter_map(|i| slots[i].take()).collect();
    History {
        versions: plans.iter().map(doc_ref).collect(),
        projects,
    }
}

#[cfg(test)]
mod tests {
    use super::super::align::tests::project;
    use super::*;
    use crate::records::Municipality;

    fn plan(version: &str, excerpt: bool, projects: Vec<crate::records::Project>) -> Plan {
        Plan {
            version: version.into(),
            excerpt,
            partners: vec![Municipality::named("玉野市")],
            projects,
            ..Plan::empty("")
        }
    }

    fn with_amount(mut p: crate::records::Project, a: i64) -> crate::records::Project {
        if let Some(c) = p.card.as_mut() {
            c.schedule = vec![ScheduleEntry {
                fy: FiscalYear("R4".into()),
                phase: None,
                amount: Some(ThousandYen(a)),
            }];
        }
        p
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
        let h = history(&[v1, v2, v3]);
        let names: Vec<&str> = h.projects.iter().map(|p| p.name.as_str()).collect();
        assert_eq!(
            names,
            vec!["夜間中学設置の検討・準備・運営", "新事業", "消える事業"]
        );
        let a = &h.projects[0];
        assert_eq!(a.first_seen, "v1");
        assert_eq!(a.renames.len(), 1);
        assert_eq!(a.renames[0].version, "v2");
        let fy = FiscalYear("R4".into());
        assert_eq!(
            (0..3).map(|v| a.amount(v, &fy)).collect::<Vec<_>>(),
            vec![
                Some(ThousandYen(100)),
                Some(ThousandYen(200)),
                Some(ThousandYen(200))
            ]
        );
        assert!(a.by_version[2].as_ref().is_some_and(|s| s.card_inferred));
        assert_eq!(a.by_version[1].as_ref().map(|s| s.partners.len()), Some(2));
        assert!(a.budget_changes());
        assert_eq!(h.projects[1].first_seen, "v2");
        assert!(h.projects[1].by_version[0].is_none());
        assert_eq!(h.projects[2].removed_after.as_deref(), Some("v1"));
        assert!(!h.projects[1].budget_changes());
    }
}
