//! Two plans → a semantic [`ChangeLog`]; several plans → a per-project [`History`].
//!
//! The pipeline of [`compare`]: [`align()`] the projects (renames by evidence, not by name) →
//! emit events per revised project → append removed projects → [`marks`] checks a draft's
//! underlined spans against the events.
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
//! white space ignored ([`text::same`]).
//!
//! The diff is infallible: odd input (a card missing from a full edition) becomes a warning.

pub mod align;
pub mod change;
pub mod history;
pub mod marks;
pub mod text;

pub use align::{Alignment, Basis, align};
pub use change::*;
pub use history::{History, ProjectHistory, ProjectState, history};

use crate::error::Warning;
use crate::records::{Card, ExtractionNote, FiscalYear, Kpi, Plan, Project};

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
pub fn compare(base: &Plan, revised: &Plan, opts: &DiffOptions) -> ChangeLog {
    let alignment = align(&base.projects, &revised.projects);
    let mut changes = Vec::new();
    let mut warnings = Vec::new();

    for (r, rp) in revised.projects.iter().enumerate() {
        match &alignment.pairs[r] {
            None => changes.push(added(revised, rp)),
            Some((b, basis)) => {
                let ctx = Pair {
                    base,
                    revised,
                    bp: &base.projects[*b],
                    rp,
                };
                ctx.events(basis, &mut changes, &mut warnings);
            }
        }
    }
    for (b, bp) in base.projects.iter().enumerate() {
        if !alignment.base_matched[b] {
            changes.push(Change {
                project: bp.name.clone(),
                detail: ChangeDetail::ProjectRemoved {
                    role: bp.role.clone(),
                    initiative: bp.initiative.clone(),
                    partners: bp.matrix_partners.clone(),
                },
                evidence: Evidence {
                    base: bp.source,
                    ..Evidence::default()
                },
            });
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

fn added(revised: &Plan, rp: &Project) -> Change {
    let mut evidence = Evidence {
        revised: rp.source,
        ..Evidence::default()
    };
    if rp.card.is_none() {
        evidence
            .notes
            .push(format!("card not printed in {}", revised.version));
    }
    Change {
        project: rp.name.clone(),
        detail: ChangeDetail::ProjectAdded {
            role: rp.role.clone(),
            initiative: rp.initiative.clone(),
            partners: rp.matrix_partners.clone(),
            total: rp.card.as_ref().and_then(|c| c.total),
        },
        evidence,
    }
}

/// A base project and its revised counterpart.
struct Pair<'a> {
    base: &'a Plan,
    revised: &'a Plan,
    bp: &'a Project,
    rp: &'a Project,
}

fn notes_for(notes: &[ExtractionNote], path: &str, side: &str, out: &mut Vec<String>) {
    for n in notes {
        if n.field.is_empty()
            || n.field == path
            || path.starts_with(&format!("{}[", n.field))
            || path.starts_with(&format!("{}.", n.field))
        {
            out.push(format!("{side}: {}", n.note));
        }
    }
}

impl Pair<'_> {
    fn change(&self, detail: ChangeDetail, evidence: Evidence) -> Change {
        Change {
            project: self.rp.name.clone(),
            detail,
            evidence,
        }
    }

    /// Evidence for a matrix-level event.
    fn row_evidence(&self) -> Evidence {
        let mut ev = Evidence {
            base: self.bp.source,
            revised: self.rp.source,
            notes: vec![],
        };
        notes_for(&self.bp.notes, "matrix_partners", "base", &mut ev.notes);
        notes_for(&self.rp.notes, "matrix_partners", "revised", &mut ev.notes);
        if self.rp.card.is_none() && self.revised.excerpt {
            ev.notes.push(format!(
                "card not printed in {} (excerpt): matrix only, card taken as unchanged",
                self.revised.version
            ));
        }
        ev
    }

    fn events(&self, basis: &Basis, out: &mut Vec<Change>, warnings: &mut Vec<Warning>) {
        let (bp, rp) = (self.bp, self.rp);
        if *basis != Basis::SameName {
            let mut ev = self.row_evidence();
            ev.notes.insert(0, basis.describe());
            out.push(self.change(
                ChangeDetail::ProjectRenamed {
                    from_name: bp.name.clone(),
                    spans: text::char_spans(&bp.name, &rp.name),
                },
                ev,
            ));
        }
        for p in &rp.matrix_partners {
            if !bp.matrix_partners.iter().any(|q| text::same(p, q)) {
                let code = self.revised.partner_code(p).map(str::to_string);
                let detail = ChangeDetail::PartnerAdded {
                    partner: p.clone(),
                    code,
                };
                out.push(self.change(detail, self.row_evidence()));
            }
        }
        for p in &bp.matrix_partners {
            if !rp.matrix_partners.iter().any(|q| text::same(p, q)) {
                let code = self.base.partner_code(p).map(str::to_string);
                let detail = ChangeDetail::PartnerRemoved {
                    partner: p.clone(),
                    code,
                };
                out.push(self.change(detail, self.row_evidence()));
            }
        }
        match (&bp.card, &rp.card) {
            (Some(bc), Some(rc)) => self.card_events(bc, rc, out),
            (_, None) if self.revised.excerpt => {}
            (None, _) if self.base.excerpt => {}
            (bc, _) => {
                let base_missing = bc.is_none();
                let (which, plan, at) = if base_missing {
                    ("base", self.base, bp.source)
                } else {
                    ("revised", self.revised, rp.source)
                };
                let mut w = Warning::new(
                    "card_missing",
                    format!(
                        "{}: no card in the {which} version {} (not an excerpt): card fields not compared",
                        rp.name, plan.version
                    ),
                );
                if let Some(p) = at {
                    w = w.at(p);
                }
                warnings.push(w);
            }
        }
    }

    fn card_evidence(&self, bc: &Card, rc: &Card, path: &str) -> Evidence {
        let mut ev = Evidence {
            base: bc.locate(path),
            revised: rc.locate(path),
            notes: vec![],
        };
        notes_for(&bc.notes, path, "base", &mut ev.notes);
        notes_for(&rc.notes, path, "revised", &mut ev.notes);
        ev
    }

    fn card_events(&self, bc: &Card, rc: &Card, out: &mut Vec<Change>) {
        // Fiscal years: revised schedule order, then years printed only in the base.
        let mut fys: Vec<&FiscalYear> = rc.schedule.iter().map(|e| &e.fy).collect();
        for e in &bc.schedule {
            if !fys.contains(&&e.fy) {
                fys.push(&e.fy);
            }
        }
        for fy in &fys {
            let from = bc.entry(fy).and_then(|e| e.amount);
            let to = rc.entry(fy).and_then(|e| e.amount);
            if from != to {
                let ev = self.card_evidence(bc, rc, &format!("schedule[{fy}].amount"));
                let detail = ChangeDetail::BudgetChanged {
                    fy: (*fy).clone(),
                    from,
                    to,
                };
                out.push(self.change(detail, ev));
            }
        }
        if bc.total != rc.total {
            let ev = self.card_evidence(bc, rc, "total");
            let detail = ChangeDetail::TotalChanged {
                from: bc.total,
                to: rc.total,
            };
            out.push(self.change(detail, ev));
        }
        for fy in &fys {
            let from = bc.entry(fy).and_then(|e| e.phase.clone());
            let to = rc.entry(fy).and_then(|e| e.phase.clone());
            if !opt_same(from.as_deref(), to.as_deref()) {
                let ev = self.card_evidence(bc, rc, &format!("schedule[{fy}].phase"));
                out.push(self.change(
                    ChangeDetail::PhaseChanged {
                        fy: (*fy).clone(),
                        from,
                        to,
                    },
                    ev,
                ));
            }
        }
        self.kpi_events(bc, rc, out);
        self.text_events(bc, rc, out);
    }

    fn kpi_events(&self, bc: &Card, rc: &Card, out: &mut Vec<Change>) {
        // Rows are aligned by indicator wording; rows replaced in place are paired by position
        // (an indicator reworded in place is a change of that row, not a new KPI).
        let a: Vec<String> = bc.kpis.iter().map(|k| text::squash(&k.indicator)).collect();
        let b: Vec<String> = rc.kpis.iter().map(|k| text::squash(&k.indicator)).collect();
        let mut pair_of: Vec<Option<usize>> = vec![None; rc.kpis.len()];
        let mut base_used = vec![false; bc.kpis.len()];
        for op in similar::capture_diff_slices(similar::Algorithm::Myers, &a, &b) {
            let (old, new) = (op.old_range(), op.new_range());
            for (o, n) in old.zip(new) {
                pair_of[n] = Some(o);
                base_used[o] = true;
            }
        }
        for (n, rk) in rc.kpis.iter().enumerate() {
            let path = |f: &str| format!("kpis[{n}].{f}");
            match pair_of[n] {
                None => out.push(self.change(
                    ChangeDetail::KpiChanged {
                        indicator: rk.indicator.clone(),
                        field: KpiField::Added,
                        from: None,
                        to: Some(rk.indicator.clone()),
                    },
                    self.card_evidence(bc, rc, &path("indicator")),
                )),
                Some(o) => {
                    let bk: &Kpi = &bc.kpis[o];
                    let fields = [
                        (
                            KpiField::Indicator,
                            Some(&bk.indicator),
                            Some(&rk.indicator),
                        ),
                        (
                            KpiField::Baseline,
                            bk.baseline.as_ref(),
                            rk.baseline.as_ref(),
                        ),
                        (KpiField::Target, bk.target.as_ref(), rk.target.as_ref()),
                    ];
                    for (field, from, to) in fields {
                        if !opt_same(from.map(String::as_str), to.map(String::as_str)) {
                            let mut ev = self.card_evidence(bc, rc, &path(field.as_str()));
                            if let Some(p) =
                                bc.provenance.get(&format!("kpis[{o}].{}", field.as_str()))
                            {
                                ev.base = Some(*p);
                            }
                            out.push(self.change(
                                ChangeDetail::KpiChanged {
                                    indicator: rk.indicator.clone(),
                                    field,
                                    from: from.cloned(),
                                    to: to.cloned(),
                                },
                                ev,
                            ));
                        }
                    }
                }
            }
        }
        for (o, bk) in bc.kpis.iter().enumerate() {
            if !base_used[o] {
                let ev = Evidence {
                    base: bc.locate(&format!("kpis[{o}].indicator")),
                    revised: rc.source,
                    notes: vec![],
                };
                out.push(self.change(
                    ChangeDetail::KpiChanged {
                        indicator: bk.indicator.clone(),
                        field: KpiField::Removed,
                        from: Some(bk.indicator.clone()),
                        to: None,
                    },
                    ev,
                ));
            }
        }
    }

    fn text_events(&self, bc: &Card, rc: &Card, out: &mut Vec<Change>) {
        if !text::same(&bc.purpose, &rc.purpose) {
            out.push(self.change(
                ChangeDetail::TextChanged {
                    field: TextField::Purpose,
                    side: None,
                    from: TextValue::Text(bc.purpose.clone()),
                    to: TextValue::Text(rc.purpose.clone()),
                    added: None,
                    removed: None,
                    spans: text::char_spans(&bc.purpose, &rc.purpose),
                },
                self.card_evidence(bc, rc, "purpose"),
            ));
        }
        let mut lists = vec![(
            TextField::Content,
            None,
            &bc.content,
            &rc.content,
            "content".to_string(),
        )];
        // Sides are paired by position (lead city first); the label is the revised one.
        let sides = [
            (&bc.roles.lead, &rc.roles.lead),
            (&bc.roles.partners, &rc.roles.partners),
        ];
        for (bs, rs) in sides {
            if bs.label.is_empty() && rs.label.is_empty() {
                continue;
            }
            let label = if rs.label.is_empty() {
                &bs.label
            } else {
                &rs.label
            };
            let path = format!("roles[{label}]");
            lists.push((
                TextField::Roles,
                Some(label.clone()),
                &bs.bullets,
                &rs.bullets,
                path,
            ));
        }
        for (field, side, from, to, path) in lists {
            if text::same_lines(from, to) {
                continue;
            }
            let (added, removed) = text::added_removed(from, to);
            out.push(self.change(
                ChangeDetail::TextChanged {
                    field,
                    side,
                    from: TextValue::Lines(from.clone()),
                    to: TextValue::Lines(to.clone()),
                    added: Some(added),
                    removed: Some(removed),
                    spans: text::list_spans(from, to),
                },
                self.card_evidence(bc, rc, &path),
            ));
        }
    }
}

fn opt_same(a: Option<&str>, b: Option<&str>) -> bool {
    match (a, b) {
        (None, None) => true,
        (Some(x), Some(y)) => text::same(x, y),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::align::tests::project;
    use super::*;
    use crate::error::Provenance;
    use crate::records::{Municipality, RoleSide, ScheduleEntry, ThousandYen};

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
                fy: FiscalYear(fy.to_string()),
                phase: ph.map(str::to_string),
                amount: a.map(ThousandYen),
            })
            .collect()
    }

    fn kinds(log: &ChangeLog) -> Vec<&'static str> {
        log.changes.iter().map(|c| c.detail.kind()).collect()
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
                    (fy.as_str(), *from, *to),
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
        assert_eq!(log.warnings[0].kind, "card_missing");
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
            .insert("purpose".into(), pb);
        r.card.as_mut().expect("card").source = Some(pr);
        r.card.as_mut().expect("card").notes.push(ExtractionNote {
            field: "purpose".into(),
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
