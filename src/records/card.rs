//! A project-card table (and its continuation on the next page) → a [`Card`] and its name.
//!
//! Rows are recognised by the label in the first column ([`vocab::card_field`]); a label cell
//! merged over several rows applies to all of them. Bullets are split at bullet characters and
//! at drawn bullet squares; phases come from the label printed on a drawn arrow (or in a cell)
//! over the fiscal-year columns; underlined glyphs become `marked_changes`.

use super::model::{Card, ExtractionNote, FiscalYear, Kpi, RoleSide, ScheduleEntry, ThousandYen};
use super::path::{FieldPath, KpiPart, SchedulePart};
use super::vocab::{self, CardField};
use crate::error::{Provenance, Warning, WarningKind};
use crate::geom::Rect;
use crate::normalize::{self, JoinMode, Unit};
use crate::pdf::{PageContent, ShapeKind};
use crate::table::{Cell, Table, assign};
use std::collections::BTreeMap;

/// A card being read, possibly over several tables.
#[derive(Debug, Clone, Default)]
pub struct Draft {
    /// The project name printed on the card.
    pub name: String,
    /// The card.
    pub card: Card,
    /// Raw partner text (before splitting).
    pub partner_text: String,
    /// Warnings.
    pub warnings: Vec<Warning>,
    /// Fiscal-year columns of the schedule (grid column → FY label), kept for continuations.
    fy_cols: Vec<(usize, FiscalYear)>,
}

/// Whether a table is a card (three or more card labels in its first column), and which rows
/// carry which field.
pub fn row_fields(t: &Table) -> Vec<(usize, CardField, usize)> {
    let mut out = Vec::new();
    for c in t.cells.iter().filter(|c| c.col == 0) {
        if let Some(f) = vocab::card_field(&c.text) {
            out.push((c.row, f, c.rowspan));
        }
    }
    out.sort();
    out
}

/// Cells of a row to the right of the label column, left to right, each once.
fn value_cells(t: &Table, r: usize) -> Vec<&Cell> {
    let mut v: Vec<&Cell> = t
        .cells
        .iter()
        .filter(|c| c.col > 0 && c.row <= r && r < c.row + c.rowspan)
        .collect();
    v.sort_by_key(|c| c.col);
    v
}

/// The value of a single-valued row: its leftmost cell with text (a cell beside it may hold a
/// logo or an SDGs icon).
fn first_value(t: &Table, r: usize) -> Option<&Cell> {
    value_cells(t, r)
        .into_iter()
        .find(|c| !c.text.trim().is_empty())
}

fn clean(s: &str) -> String {
    normalize::text(s).trim().to_string()
}

/// Splits a cell into items at bullet characters, drawn bullet squares and `・` items.
/// `keep_sub` keeps the leading `・` of nested items (事業内容) instead of removing it (roles).
pub fn items(page: &PageContent, cell: &Cell, keep_sub: bool) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let bullets: Vec<&Rect> = page
        .shapes
        .iter()
        .filter(|s| {
            matches!(
                s.kind,
                ShapeKind::Square | ShapeKind::Circle | ShapeKind::Image
            ) && s.bbox.width() < 10.0
                && s.bbox.height() < 10.0
                && cell.bbox.contains_point(s.bbox.cx(), s.bbox.cy(), 0.0)
        })
        .map(|s| &s.bbox)
        .collect();
    let mut lines: Vec<Vec<String>> = Vec::new();
    for (line, glyphs) in cell.lines.iter().zip(&cell.line_glyphs) {
        let first = glyphs.first().map(|&i| &page.glyphs[i]);
        let drawn = first.is_some_and(|g| {
            bullets.iter().any(|b| {
                b.x1 <= g.bbox.x0 + 1.0
                    && b.x1 >= g.bbox.x0 - 2.0 * g.size
                    && b.cy() > g.bbox.y0
                    && b.cy() < g.bbox.y1
            })
        });
        let t = line.trim();
        let starts_bullet = t.starts_with(vocab::BULLETS);
        let starts_sub = t.starts_with(vocab::SUB_BULLET);
        if drawn || starts_bullet || starts_sub || lines.is_empty() {
            let mut s = t.to_string();
            if starts_bullet {
                s = t
                    .trim_start_matches(vocab::BULLETS)
                    .trim_start()
                    .to_string();
            } else if starts_sub && !keep_sub {
                s = t
                    .trim_start_matches(vocab::SUB_BULLET)
                    .trim_start()
                    .to_string();
            }
            lines.push(vec![s]);
        } else if let Some(last) = lines.last_mut() {
            last.push(t.to_string());
        }
    }
    for l in lines {
        let s = clean(&normalize::join_lines(&l, JoinMode::Cell));
        if !s.is_empty() {
            out.push(s);
        }
    }
    out
}

/// The text of a cell with its lines joined and normalized.
fn cell_text(c: &Cell) -> String {
    clean(&normalize::join_lines(&c.lines, JoinMode::Cell))
}

/// Underlined spans of a table, in reading order (row-major cells, reading order in a cell).
pub fn marked_spans(page: &PageContent, t: &Table) -> Vec<(String, Rect)> {
    let mut out = Vec::new();
    for c in &t.cells {
        let mut cur = String::new();
        let mut bbox: Option<Rect> = None;
        for &i in &c.glyphs {
            let g = &page.glyphs[i];
            if g.underlined {
                cur.push_str(&g.text);
                bbox = Some(bbox.map_or(g.bbox, |b| b.union(&g.bbox)));
            } else if !cur.is_empty() {
                out.push((clean(&cur), bbox.unwrap_or_default()));
                cur.clear();
                bbox = None;
            }
        }
        if !cur.is_empty() {
            out.push((clean(&cur), bbox.unwrap_or_default()));
        }
    }
    out
}

fn prov(page: usize, r: &Rect) -> Provenance {
    Provenance {
        page,
        bbox: r.to_array(),
    }
}

impl Draft {
    /// Reads the rows of a card table into the draft (a continuation adds to it).
    pub fn read(&mut self, page: &PageContent, t: &Table, unit: Unit) {
        let fields = row_fields(t);
        if self.card.source.is_none() {
            self.card.source = Some(prov(t.page, &t.bbox));
        }
        for (k, &(row, field, span)) in fields.iter().enumerate() {
            // A field's rows run to the next labelled row (or its label's span).
            let end = fields
                .get(k + 1)
                .map(|f| f.0)
                .unwrap_or(t.nrows)
                .max(row + span);
            match field {
                CardField::Schedule => self.schedule(page, t, row, end, unit),
                CardField::Roles => self.roles(page, t, row, end),
                CardField::Kpi => self.kpis(t, row, end),
                single => {
                    if let Some(c) = first_value(t, row) {
                        self.single(page, t.page, single, c);
                    }
                }
            }
        }
        self.note_repaired(page, t);
        for (text, bbox) in marked_spans(page, t) {
            self.card.provenance.insert(
                FieldPath::MarkedChange(self.card.marked_changes.len()),
                prov(t.page, &bbox),
            );
            self.card.marked_changes.push(text);
        }
    }

    /// A one-cell field: name, partners, purpose, content bullets.
    fn single(&mut self, page: &PageContent, pg: usize, field: CardField, c: &Cell) {
        let at = prov(pg, &c.bbox);
        match field {
            CardField::Name => self.name = normalize::squash(&cell_text(c)),
            CardField::Partners => {
                self.partner_text = cell_text(c);
                self.card.provenance.insert(FieldPath::Partners, at);
            }
            CardField::Purpose => {
                self.card.purpose = cell_text(c);
                self.card.provenance.insert(FieldPath::Purpose, at);
            }
            CardField::Content => {
                for it in items(page, c, true) {
                    let path = FieldPath::Content(Some(self.card.content.len()));
                    self.card.provenance.insert(path, at);
                    self.card.content.push(it);
                }
            }
            CardField::Schedule | CardField::Roles | CardField::Kpi => {}
        }
    }

    /// 役割・費用負担: each row a side label and its bullets; the first side is the lead city's.
    fn roles(&mut self, page: &PageContent, t: &Table, row: usize, end: usize) {
        for r in row..end {
            let cells = value_cells(t, r);
            let (Some(label), Some(body)) = (cells.first(), cells.get(1)) else {
                continue;
            };
            if label.row != r {
                continue;
            }
            let side = RoleSide {
                label: cell_text(label),
                bullets: items(page, body, false),
            };
            for i in 0..side.bullets.len() {
                self.card.provenance.insert(
                    FieldPath::Roles(side.label.clone(), Some(i)),
                    prov(t.page, &body.bbox),
                );
            }
            if self.card.roles.lead.label.is_empty() {
                self.card.roles.lead = side;
            } else {
                self.card.roles.partners = side;
            }
        }
    }

    /// Characters whose font mapped them to radical code points, read as the ideographs drawn:
    /// a note on the card, so that a reader can judge the text.
    fn note_repaired(&mut self, page: &PageContent, t: &Table) {
        let mut repaired: Vec<String> = t
            .cells
            .iter()
            .flat_map(|c| &c.glyphs)
            .filter_map(|&i| {
                let g = &page.glyphs[i];
                g.raw.as_ref().map(|r| format!("{r}→{}", g.text))
            })
            .collect();
        if repaired.is_empty() {
            return;
        }
        repaired.sort();
        repaired.dedup();
        self.card.notes.push(ExtractionNote {
            field: FieldPath::Whole,
            note: format!(
                "repaired characters on page {}: {}",
                t.page,
                repaired.join(" ")
            ),
        });
    }

    fn kpis(&mut self, t: &Table, row: usize, end: usize) {
        // The header row names the columns; later rows (and continuation tables without a
        // header) follow the same columns.
        let mut cols: Option<(usize, Option<usize>, Option<usize>)> = None;
        for r in row..end {
            let cells: Vec<&Cell> = value_cells(t, r)
                .into_iter()
                .filter(|c| c.row == r)
                .collect();
            if cells.is_empty() {
                continue;
            }
            let keys: Vec<String> = cells.iter().map(|c| vocab::label_key(&c.text)).collect();
            let is_header = keys.iter().any(|k| {
                vocab::matches(k, vocab::KPI_BASELINE) || vocab::matches(k, vocab::KPI_TARGET)
            });
            if is_header {
                let find = |ls: &[&str]| {
                    cells
                        .iter()
                        .zip(&keys)
                        .find(|(_, k)| vocab::matches(k, ls))
                        .map(|(c, _)| c.col)
                };
                cols = Some((
                    find(vocab::KPI_INDICATOR).unwrap_or(cells[0].col),
                    find(vocab::KPI_BASELINE),
                    find(vocab::KPI_TARGET),
                ));
                continue;
            }
            let (ci, cb, ct) = cols.unwrap_or((
                cells[0].col,
                cells.get(1).map(|c| c.col),
                cells.get(2).map(|c| c.col),
            ));
            let at = |col: Option<usize>| {
                col.and_then(|c| cells.iter().find(|x| x.col <= c && c < x.col + x.colspan))
            };
            let value = |col: Option<usize>| {
                at(col).and_then(|c| {
                    let s = clean(&normalize::join_lines(&c.lines, JoinMode::Kpi));
                    (!s.is_empty() && !normalize::is_none_mark(&s)).then_some(s)
                })
            };
            let indicator = at(Some(ci)).map(|c| cell_text(c)).unwrap_or_default();
            if indicator.is_empty() && value(cb).is_none() && value(ct).is_none() {
                continue;
            }
            let i = self.card.kpis.len();
            for (part, col) in [
                (KpiPart::Indicator, Some(ci)),
                (KpiPart::Baseline, cb),
                (KpiPart::Target, ct),
            ] {
                if let Some(c) = at(col) {
                    self.card
                        .provenance
                        .insert(FieldPath::Kpi(i, Some(part)), prov(t.page, &c.bbox));
                }
            }
            self.card.kpis.push(Kpi {
                indicator,
                baseline: value(cb),
                target: value(ct),
            });
        }
    }

    /// The schedule rows `row..end`: the header of fiscal years, then per row each cell's
    /// phase and amount (a cell split by drawn arrows into the years each arrow covers), the
    /// 計 cell, notes on merged cells and where each value is.
    fn schedule(&mut self, page: &PageContent, t: &Table, row: usize, end: usize, unit: Unit) {
        let Some(head) = ScheduleHeader::find(t, row, end) else {
            self.warnings.push(
                Warning::new(
                    WarningKind::ScheduleUnread,
                    format!("page {}: the schedule has no fiscal-year header", t.page),
                )
                .at_page(t.page),
            );
            return;
        };
        self.fy_cols = head.fy_cols.clone();
        let mut years: BTreeMap<usize, YearCell> = head
            .fy_cols
            .iter()
            .map(|(c, _)| (*c, YearCell::default()))
            .collect();
        let mut total: Option<i64> = None;
        let arrows: Vec<&Rect> = page
            .shapes
            .iter()
            .filter(|s| s.kind == ShapeKind::Polygon)
            .map(|s| &s.bbox)
            .collect();
        // With two rows under the header, the first holds the phases.
        let phase_row = (end > head.row + 2).then_some(head.row + 1);
        for r in head.row + 1..end {
            for c in value_cells(t, r).into_iter().filter(|c| c.row == r) {
                let covered = head.covered(c);
                if head.is_total(c, &covered) {
                    let (_, amount) = split_phase_amount(&clean(&c.lines.join("\n")), unit);
                    total = amount.or(total);
                    self.card
                        .provenance
                        .insert(FieldPath::Total, prov(t.page, &c.bbox));
                    continue;
                }
                for piece in split_by_arrows(page, t, head.row, c, &covered, &arrows) {
                    self.fill_years(page, t, c, &piece, unit, &mut years);
                }
                self.note_merged(&head, &covered);
                let part = if phase_row == Some(r) {
                    SchedulePart::Phase
                } else {
                    SchedulePart::Amount
                };
                for fy in head.years_of(&covered) {
                    self.card
                        .provenance
                        .entry(FieldPath::Schedule(fy, Some(part)))
                        .or_insert(prov(t.page, &c.bbox));
                }
            }
        }
        self.card.schedule = head
            .fy_cols
            .iter()
            .map(|(c, fy)| {
                let y = years.remove(c).unwrap_or_default();
                ScheduleEntry {
                    fy: *fy,
                    phase: y.phase,
                    amount: y.amount.map(ThousandYen),
                }
            })
            .collect();
        self.card.total = total.map(ThousandYen);
    }

    /// Reads one piece of a cell into the years it covers: a phase for every year, an amount for
    /// the first only (with a warning when the piece spans several years).
    fn fill_years(
        &mut self,
        page: &PageContent,
        t: &Table,
        c: &Cell,
        piece: &Piece,
        unit: Unit,
        years: &mut BTreeMap<usize, YearCell>,
    ) {
        let text = clean(&assign::read(&page.glyphs, &piece.glyphs).lines.join("\n"));
        let (phase, amount) = split_phase_amount(&text, unit);
        if piece.cols.len() > 1 && amount.is_some() {
            self.warnings.push(
                Warning::new(
                    WarningKind::MergedAmount,
                    format!(
                        "page {}: an amount in a cell merged over {} fiscal years is given to the first",
                        t.page,
                        piece.cols.len()
                    ),
                )
                .at(prov(t.page, &c.bbox)),
            );
        }
        for (k, col) in piece.cols.iter().enumerate() {
            let y = years.entry(*col).or_default();
            if phase.is_some() {
                y.phase = phase.clone();
            }
            if k == 0 && amount.is_some() {
                y.amount = amount;
            }
        }
    }

    /// A cell merged over several years gets a note on each of them.
    fn note_merged(&mut self, head: &ScheduleHeader, covered: &[usize]) {
        if covered.len() < 2 {
            return;
        }
        let labels = head.years_of(covered);
        let (Some(first), Some(last)) = (labels.first(), labels.last()) else {
            return;
        };
        let note = format!("merged cell over {first}–{last}");
        for l in &labels {
            self.card.notes.push(ExtractionNote {
                field: FieldPath::Schedule(*l, None),
                note: note.clone(),
            });
        }
    }
}

/// A fiscal year's schedule values as read so far.
#[derive(Debug, Clone, Default)]
struct YearCell {
    phase: Option<String>,
    amount: Option<i64>,
}

/// The header row of a schedule: its fiscal-year columns and the 計 column.
struct ScheduleHeader {
    row: usize,
    /// (grid column, fiscal year), left to right.
    fy_cols: Vec<(usize, FiscalYear)>,
    total_col: Option<usize>,
}

impl ScheduleHeader {
    /// The first row of `row..end` with at least two fiscal-year labels.
    fn find(t: &Table, row: usize, end: usize) -> Option<ScheduleHeader> {
        (row..end).find_map(|r| {
            let cells = value_cells(t, r);
            let fy_cols: Vec<(usize, FiscalYear)> = cells
                .iter()
                .filter(|c| c.row == r)
                .filter_map(|c| FiscalYear::parse(&clean(&c.text)).map(|fy| (c.col, fy)))
                .collect();
            (fy_cols.len() >= 2).then(|| ScheduleHeader {
                row: r,
                total_col: cells
                    .iter()
                    .find(|c| vocab::matches(&vocab::label_key(&c.text), vocab::TOTAL))
                    .map(|c| c.col),
                fy_cols,
            })
        })
    }

    /// The fiscal-year columns a cell spans.
    fn covered(&self, c: &Cell) -> Vec<usize> {
        self.fy_cols
            .iter()
            .map(|p| p.0)
            .filter(|&k| k >= c.col && k < c.col + c.colspan)
            .collect()
    }

    /// Whether a cell is the 計 cell (in the total column, or spanning it and no year).
    fn is_total(&self, c: &Cell, covered: &[usize]) -> bool {
        Some(c.col) == self.total_col
            || (covered.is_empty()
                && self
                    .total_col
                    .is_some_and(|tc| tc >= c.col && tc < c.col + c.colspan))
    }

    /// The fiscal years of some columns, left to right.
    fn years_of(&self, cols: &[usize]) -> Vec<FiscalYear> {
        self.fy_cols
            .iter()
            .filter(|p| cols.contains(&p.0))
            .map(|p| p.1)
            .collect()
    }
}

/// Part of a schedule cell: the fiscal-year columns it stands for and the glyphs printed there.
struct Piece {
    cols: Vec<usize>,
    glyphs: Vec<usize>,
}

/// Drawn arrows in a cell split it: each arrow's label is the text printed along it, for the
/// years whose header lies over the arrow; the years no arrow covers take the remaining text.
fn split_by_arrows(
    page: &PageContent,
    t: &Table,
    header_row: usize,
    c: &Cell,
    covered: &[usize],
    arrows: &[&Rect],
) -> Vec<Piece> {
    let in_cell: Vec<&Rect> = arrows
        .iter()
        .copied()
        .filter(|a| c.bbox.contains_point(a.cx(), a.cy(), 0.0))
        .collect();
    if in_cell.is_empty() {
        return vec![Piece {
            cols: covered.to_vec(),
            glyphs: c.glyphs.clone(),
        }];
    }
    let mut pieces = Vec::new();
    let mut used = vec![false; c.glyphs.len()];
    for a in &in_cell {
        let cols: Vec<usize> = covered
            .iter()
            .copied()
            .filter(|col| {
                t.cell_at(header_row, *col)
                    .is_some_and(|hc| hc.bbox.cx() >= a.x0 && hc.bbox.cx() <= a.x1)
            })
            .collect();
        let mut glyphs = Vec::new();
        for (k, &i) in c.glyphs.iter().enumerate() {
            let x = page.glyphs[i].bbox.cx();
            if !used[k] && x >= a.x0 && x <= a.x1 {
                used[k] = true;
                glyphs.push(i);
            }
        }
        pieces.push(Piece { cols, glyphs });
    }
    let rest_cols: Vec<usize> = covered
        .iter()
        .copied()
        .filter(|col| !pieces.iter().any(|p| p.cols.contains(col)))
        .collect();
    let rest: Vec<usize> = c
        .glyphs
        .iter()
        .zip(&used)
        .filter(|(_, u)| !**u)
        .map(|(&i, _)| i)
        .collect();
    if !rest_cols.is_empty() || !rest.is_empty() {
        pieces.push(Piece {
            cols: rest_cols,
            glyphs: rest,
        });
    }
    pieces
}

/// A schedule cell's phase label and amount: `実施`, `3,000千円`, `9,700 千円`, `協議\n0千円`, `—`.
fn split_phase_amount(text: &str, unit: Unit) -> (Option<String>, Option<i64>) {
    // An amount wrapped over two lines ("11,991,573" / "千円") is one amount.
    let joined: String = text.lines().map(str::trim).collect();
    if let Ok(a) = normalize::amount_in(&joined, unit) {
        return (None, a.map(|a| a.value.0));
    }
    let mut phase = String::new();
    let mut amount = None;
    for line in text.lines().map(str::trim).filter(|l| !l.is_empty()) {
        match normalize::amount_in(line, unit) {
            Ok(Some(a)) => amount = Some(a.value.0),
            Ok(None) => {}
            Err(_) => {
                // A label glued to an amount on one line ("協議0千円", "実施 —").
                let (p, a) = normalize::phase_and_amount(line);
                if let Some(p) = p {
                    phase.push_str(&p);
                }
                if a.is_some() {
                    amount = a;
                }
            }
        }
    }
    ((!phase.is_empty()).then_some(phase), amount)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn phase_and_amount_cells() {
        assert_eq!(
            split_phase_amount("実施", Unit::ThousandYen),
            (Some("実施".into()), None)
        );
        assert_eq!(
            split_phase_amount("15,000千円", Unit::ThousandYen),
            (None, Some(15000))
        );
        assert_eq!(
            split_phase_amount("協議\n0千円", Unit::ThousandYen),
            (Some("協議".into()), Some(0))
        );
        assert_eq!(
            split_phase_amount("実施\n—", Unit::ThousandYen),
            (Some("実施".into()), None)
        );
        assert_eq!(split_phase_amount("—", Unit::ThousandYen), (None, None));
        assert_eq!(
            split_phase_amount("1,200", Unit::ThousandYen),
            (None, Some(1200))
        );
        assert_eq!(
            split_phase_amount("9,700 千円", Unit::ThousandYen),
            (None, Some(9700))
        );
        assert_eq!(
            split_phase_amount("11,991,573\n千円", Unit::ThousandYen),
            (None, Some(11991573))
        );
        assert_eq!(
            split_phase_amount("協議0千円", Unit::ThousandYen),
            (Some("協議".into()), Some(0))
        );
    }
}
