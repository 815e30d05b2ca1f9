//! One aligned pair of projects → its events, in the order of the corpus README: rename,
//! partners, budgets by fiscal year, total, phases, KPIs, texts. Also the events of an added
//! and of a removed project.
//!
//! Each event carries its [`Evidence`]: the provenance of the field on both sides (by
//! [`FieldPath`]) and the extraction notes that cover that field.

use super::align::Basis;
use super::change::{Change, ChangeDetail, Evidence, KpiField, Span, TextField, TextValue};
use super::text;
use crate::error::{Warning, WarningKind};
use crate::records::{
    Card, ExtractionNote, FieldPath, FiscalYear, KpiPart, Plan, Project, SchedulePart,
};

/// The event of a revised project without a base counterpart.
pub(crate) fn added(revised: &Plan, rp: &Project) -> Change {
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

/// The event of a base project without a revised counterpart.
pub(crate) fn removed(bp: &Project) -> Change {
    Change {
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
    }
}

/// A base project and its revised counterpart.
pub(crate) struct Pair<'a> {
    pub(crate) base: &'a Plan,
    pub(crate) revised: &'a Plan,
    pub(crate) bp: &'a Project,
    pub(crate) rp: &'a Project,
}

/// The notes of one side that concern `path`, prefixed with the side.
fn notes_for(notes: &[ExtractionNote], path: &FieldPath, side: &str, out: &mut Vec<String>) {
    for n in notes.iter().filter(|n| n.field.covers(path)) {
        out.push(format!("{side}: {}", n.note));
    }
}

/// Values equal up to white space; both absent counts as equal.
fn opt_same(a: Option<&str>, b: Option<&str>) -> bool {
    match (a, b) {
        (None, None) => true,
        (Some(x), Some(y)) => text::same(x, y),
        _ => false,
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
        let path = FieldPath::MatrixPartners;
        notes_for(&self.bp.notes, &path, "base", &mut ev.notes);
        notes_for(&self.rp.notes, &path, "revised", &mut ev.notes);
        if self.rp.card.is_none() && self.revised.excerpt {
            ev.notes.push(format!(
                "card not printed in {} (excerpt): matrix only, card taken as unchanged",
                self.revised.version
            ));
        }
        ev
    }

    /// Evidence for a card field: its location on each side and the notes covering it.
    fn card_evidence(&self, bc: &Card, rc: &Card, path: &FieldPath) -> Evidence {
        let mut ev = Evidence {
            base: bc.locate(path),
            revised: rc.locate(path),
            notes: vec![],
        };
        notes_for(&bc.notes, path, "base", &mut ev.notes);
        notes_for(&rc.notes, path, "revised", &mut ev.notes);
        ev
    }

    /// Every event of the pair, appended to `out` in README order.
    pub(crate) fn events(&self, basis: &Basis, out: &mut Vec<Change>, warnings: &mut Vec<Warning>) {
        self.rename(basis, out);
        self.partners(out);
        match (&self.bp.card, &self.rp.card) {
            (Some(bc), Some(rc)) => {
                self.budgets(bc, rc, out);
                self.total(bc, rc, out);
                self.phases(bc, rc, out);
                self.kpis(bc, rc, out);
                self.texts(bc, rc, out);
            }
            // An excerpt that does not print a card leaves it unchanged (overlay rule).
            (_, None) if self.revised.excerpt => {}
            (None, _) if self.base.excerpt => {}
            (bc, _) => warnings.push(self.missing_card(bc.is_none())),
        }
    }

    fn rename(&self, basis: &Basis, out: &mut Vec<Change>) {
        if *basis == Basis::SameName {
            return;
        }
        let mut ev = self.row_evidence();
        ev.notes.insert(0, basis.describe());
        out.push(self.change(
            ChangeDetail::ProjectRenamed {
                from_name: self.bp.name.clone(),
                spans: text::char_spans(&self.bp.name, &self.rp.name),
            },
            ev,
        ));
    }

    /// Partners added (revised header order), then removed (base order), from the ○ sets.
    fn partners(&self, out: &mut Vec<Change>) {
        let only = |xs: &'_ [String], ys: &[String]| -> Vec<String> {
            xs.iter()
                .filter(|p| !ys.iter().any(|q| text::same(p, q)))
                .cloned()
                .collect()
        };
        let (bp, rp) = (self.bp, self.rp);
        for partner in only(&rp.matrix_partners, &bp.matrix_partners) {
            let code = self.revised.partner_code(&partner);
            let detail = ChangeDetail::PartnerAdded { partner, code };
            out.push(self.change(detail, self.row_evidence()));
        }
        for partner in only(&bp.matrix_partners, &rp.matrix_partners) {
            let code = self.base.partner_code(&partner);
            let detail = ChangeDetail::PartnerRemoved { partner, code };
            out.push(self.change(detail, self.row_evidence()));
        }
    }

    fn missing_card(&self, base_missing: bool) -> Warning {
        let (which, plan, at) = if base_missing {
            ("base", self.base, self.bp.source)
        } else {
            ("revised", self.revised, self.rp.source)
        };
        let w = Warning::new(
            WarningKind::CardMissing,
            format!(
                "{}: no card in the {which} version {} (not an excerpt): card fields not compared",
                self.rp.name, plan.version
            ),
        );
        match at {
            Some(p) => w.at(p),
            None => w,
        }
    }

    /// Budgets and phases are compared over the revised schedule's years, then the years
    /// printed only in the base.
    fn fiscal_years(bc: &Card, rc: &Card) -> Vec<FiscalYear> {
        let mut fys: Vec<FiscalYear> = rc.schedule.iter().map(|e| e.fy).collect();
        for e in &bc.schedule {
            if !fys.contains(&e.fy) {
                fys.push(e.fy);
            }
        }
        fys
    }

    fn budgets(&self, bc: &Card, rc: &Card, out: &mut Vec<Change>) {
        for fy in Self::fiscal_years(bc, rc) {
            let from = bc.entry(fy).and_then(|e| e.amount);
            let to = rc.entry(fy).and_then(|e| e.amount);
            if from != to {
                let path = FieldPath::Schedule(fy, Some(SchedulePart::Amount));
                let ev = self.card_evidence(bc, rc, &path);
                out.push(self.change(ChangeDetail::BudgetChanged { fy, from, to }, ev));
            }
        }
    }

    fn total(&self, bc: &Card, rc: &Card, out: &mut Vec<Change>) {
        if bc.total != rc.total {
            let ev = self.card_evidence(bc, rc, &FieldPath::Total);
            let detail = ChangeDetail::TotalChanged {
                from: bc.total,
                to: rc.total,
            };
            out.push(self.change(detail, ev));
        }
    }

    fn phases(&self, bc: &Card, rc: &Card, out: &mut Vec<Change>) {
        for fy in Self::fiscal_years(bc, rc) {
            let from = bc.entry(fy).and_then(|e| e.phase.clone());
            let to = rc.entry(fy).and_then(|e| e.phase.clone());
            if !opt_same(from.as_deref(), to.as_deref()) {
                let path = FieldPath::Schedule(fy, Some(SchedulePart::Phase));
                let ev = self.card_evidence(bc, rc, &path);
                out.push(self.change(ChangeDetail::PhaseChanged { fy, from, to }, ev));
            }
        }
    }

    /// KPI rows are aligned by indicator wording; rows replaced in place are paired by
    /// position (an indicator reworded in place is a change of that row, not a new KPI).
    /// Revised rows in order (added rows where they stand), then removed base rows.
    fn kpis(&self, bc: &Card, rc: &Card, out: &mut Vec<Change>) {
        let a: Vec<String> = bc.kpis.iter().map(|k| text::squash(&k.indicator)).collect();
        let b: Vec<String> = rc.kpis.iter().map(|k| text::squash(&k.indicator)).collect();
        let mut pair_of: Vec<Option<usize>> = vec![None; rc.kpis.len()];
        let mut base_used = vec![false; bc.kpis.len()];
        for op in similar::capture_diff_slices(similar::Algorithm::Myers, &a, &b) {
            for (o, n) in op.old_range().zip(op.new_range()) {
                pair_of[n] = Some(o);
                base_used[o] = true;
            }
        }
        for (n, rk) in rc.kpis.iter().enumerate() {
            match pair_of[n] {
                None => {
                    let path = FieldPath::Kpi(n, Some(KpiPart::Indicator));
                    let detail = ChangeDetail::KpiChanged {
                        indicator: rk.indicator.clone(),
                        field: KpiField::Added,
                        from: None,
                        to: Some(rk.indicator.clone()),
                        spans: vec![],
                    };
                    out.push(self.change(detail, self.card_evidence(bc, rc, &path)));
                }
                Some(o) => self.kpi_row(bc, rc, o, n, out),
            }
        }
        for (o, bk) in bc.kpis.iter().enumerate().filter(|(o, _)| !base_used[*o]) {
            let ev = Evidence {
                base: bc.locate(&FieldPath::Kpi(o, Some(KpiPart::Indicator))),
                revised: rc.source,
                notes: vec![],
            };
            let detail = ChangeDetail::KpiChanged {
                indicator: bk.indicator.clone(),
                field: KpiField::Removed,
                from: Some(bk.indicator.clone()),
                to: None,
                spans: vec![],
            };
            out.push(self.change(detail, ev));
        }
    }

    /// The value changes of base row `o` paired with revised row `n`.
    fn kpi_row(&self, bc: &Card, rc: &Card, o: usize, n: usize, out: &mut Vec<Change>) {
        for field in [KpiField::Indicator, KpiField::Baseline, KpiField::Target] {
            let Some(part) = field.part() else { continue };
            let (from, to) = (bc.kpi_value(o, part), rc.kpi_value(n, part));
            if opt_same(from, to) {
                continue;
            }
            let mut ev = self.card_evidence(bc, rc, &FieldPath::Kpi(n, Some(part)));
            if let Some(p) = bc.provenance.get(&FieldPath::Kpi(o, Some(part))) {
                ev.base = Some(*p);
            }
            let spans: Vec<Span> = match (from, to) {
                (Some(f), Some(t)) => text::char_spans(f, t),
                _ => vec![],
            };
            let detail = ChangeDetail::KpiChanged {
                indicator: rc.kpis[n].indicator.clone(),
                field,
                from: from.map(str::to_string),
                to: to.map(str::to_string),
                spans,
            };
            out.push(self.change(detail, ev));
        }
    }

    /// 事業目的 as a paragraph; 事業内容 and each side of 役割・費用負担 as lists. Sides are
    /// paired by position (lead city first); the label is the revised one.
    fn texts(&self, bc: &Card, rc: &Card, out: &mut Vec<Change>) {
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
                self.card_evidence(bc, rc, &FieldPath::Purpose),
            ));
        }
        let mut lists = vec![(
            TextField::Content,
            None,
            &bc.content,
            &rc.content,
            FieldPath::Content(None),
        )];
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
            let path = FieldPath::Roles(label.clone(), None);
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
