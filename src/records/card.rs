//! A project-card table (and its continuation on the next page) → a [`Card`] and its name.
//!
//! Rows are recognised by the label in the first column ([`Vocab::card_field`]; an unknown label
//! is reported and, where it holds a keyword of a field, read as that field); a label cell
//! merged over several rows applies to all of them. A card cut by a page break goes on in the
//! next table: its first rows, unlabelled or labelled like the last field read, continue that
//! field, and a schedule or KPI block without its header row takes the columns of the part
//! before (by position across the table, as printed). Bullets are split at bullet characters
//! and at drawn bullet squares; phases come from the label printed on a drawn arrow (or in a
//! cell) over the fiscal-year columns; underlined glyphs become `marked_changes`.

use super::model::{Card, ExtractionNote, FiscalYear, Kpi, RoleSide, ScheduleEntry, ThousandYen};
use super::path::{FieldPath, KpiPart, SchedulePart};
use super::vocab::{CardField, Column, Vocab};
use crate::error::{Provenance, Warning, WarningKind};
use crate::geom::{Rect, approx_eq};
use crate::normalize::{self, JoinMode, MoneyForms, Unit};
use crate::pdf::{PageContent, ShapeKind};
use crate::table::{Cell, Table, assign};

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
    /// The last field read: a continuation's first rows without a label belong to it.
    pub last_field: Option<CardField>,
    /// Every field read so far.
    pub fields: Vec<CardField>,
    /// The page of the last table read.
    pub last_page: usize,
    /// The left and right edges of the card's first table: a part printed without labels on
    /// the next page continues it only in the same frame.
    pub frame: Option<(f64, f64)>,
    /// The unit of the card's bare amounts (a continuation on a page without a unit note keeps
    /// it).
    pub unit: Unit,
    /// The schedule header, kept for a continuation that does not repeat it.
    head: Option<ScheduleHeader>,
    /// The KPI columns (x-centres relative to the table's left edge), kept likewise.
    kpi_cols: Option<[Option<f64>; 3]>,
    /// Schedule values read so far, by fiscal year in header order.
    years: Vec<(FiscalYear, YearCell)>,
    /// Each labelled field once: where its label is, and whether its value cell printed a
    /// none-mark (then an empty value is what the card says).
    labelled: Vec<(CardField, Provenance, bool)>,
}

/// A first-column cell of a card table: its row, span, text and the field it names.
#[derive(Debug, Clone)]
pub struct RowLabel {
    /// Grid row.
    pub row: usize,
    /// Rows the label covers.
    pub span: usize,
    /// The field: from the vocabulary, or guessed from a keyword (`keyword` is then set).
    pub field: Option<CardField>,
    /// The keyword a field was guessed from (the label is not in the vocabulary).
    pub keyword: Option<String>,
    /// The label as printed (normalized).
    pub text: String,
    /// Where it is.
    pub bbox: Rect,
}

impl RowLabel {
    /// A label that is not in the vocabulary (read by keyword, or not read at all).
    pub fn unknown(&self) -> bool {
        self.field.is_none() || self.keyword.is_some()
    }
}

/// The labels of a table's first column, top to bottom. Empty cells, none-marks and
/// continuation notes (（続き）) are no labels.
pub fn row_labels(t: &Table, vocab: &Vocab) -> Vec<RowLabel> {
    let mut out: Vec<RowLabel> = t
        .cells
        .iter()
        .filter(|c| c.col == 0)
        .filter_map(|c| {
            let text = normalize::squash(&clean(&c.text));
            if text.is_empty() || vocab.is_none(&text) || vocab.is_continuation_note(&text) {
                return None;
            }
            let (field, keyword) = match vocab.card_field(&text) {
                Some(f) => (Some(f), None),
                None => match vocab.card_field_by_keyword(&text) {
                    Some((f, w)) => (Some(f), Some(w.to_string())),
                    None => (None, None),
                },
            };
            Some(RowLabel {
                row: c.row,
                span: c.rowspan,
                field,
                keyword,
                text,
                bbox: c.bbox,
            })
        })
        .collect();
    out.sort_by_key(|l| l.row);
    out
}

/// The rows that carry a field: (row, field, span), top to bottom.
pub fn row_fields(labels: &[RowLabel]) -> Vec<(usize, CardField, usize)> {
    labels
        .iter()
        .filter_map(|l| Some((l.row, l.field?, l.span)))
        .collect()
}

/// The project name a table prints in its name row.
pub fn name_in(t: &Table, fields: &[(usize, CardField, usize)]) -> Option<String> {
    let &(row, _, _) = fields.iter().find(|f| f.1 == CardField::Name)?;
    first_value(t, row).map(|c| normalize::squash(&cell_text(c)))
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

/// The small shapes in a cell that are drawn bullets: squares, circles, little images, and
/// small filled polygons about as wide as high (LibreOffice draws a square bullet anchored as a
/// character as a closed path the page layer sees as a polygon; an arrow is far wider).
fn drawn_bullets<'p>(page: &'p PageContent, cell: &Cell) -> Vec<&'p Rect> {
    page.shapes
        .iter()
        .filter(|s| {
            let (w, h) = (s.bbox.width(), s.bbox.height());
            let squarish = s.filled && approx_eq(w, h, 0.25 * w.max(h));
            (matches!(
                s.kind,
                ShapeKind::Square | ShapeKind::Circle | ShapeKind::Image
            ) || (s.kind == ShapeKind::Polygon && squarish))
                && w < 10.0
                && h < 10.0
                && cell.bbox.contains_point(s.bbox.cx(), s.bbox.cy(), 0.0)
        })
        .map(|s| &s.bbox)
        .collect()
}

/// Splits a cell into items at bullet characters, drawn bullet squares and `・` items.
///
/// `keep_sub` (事業内容) keeps the leading `・` of a nested item, as the corpus README writes
/// it ("a nested ・ item keeps its leading ・"); roles remove it. A `・` is nested only under a
/// top-level item: where no line of the cell starts with another marker (a bullet character or
/// a drawn square), `・` is the cell's top-level bullet and is removed like ● (a list printed
/// with ・ alone has no nesting to show).
pub fn items(page: &PageContent, cell: &Cell, keep_sub: bool, vocab: &Vocab) -> Vec<String> {
    let bullets = drawn_bullets(page, cell);
    let nested = vocab.nested();
    let top = vocab.bullets();
    let mut lines: Vec<(bool, bool, bool, &str)> = Vec::new();
    for (line, glyphs) in cell.lines().zip(cell.line_glyphs()) {
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
        lines.push((drawn, t.starts_with(top), t.starts_with(nested), t));
    }
    let sub_is_top = !lines.iter().any(|l| l.0 || l.1);
    let mut out: Vec<Vec<String>> = Vec::new();
    for &(drawn, starts_bullet, starts_sub, t) in &lines {
        if drawn || starts_bullet || starts_sub || out.is_empty() {
            let mut s = t.to_string();
            if starts_bullet {
                s = t.trim_start_matches(top).trim_start().to_string();
            } else if starts_sub && (!keep_sub || sub_is_top) {
                s = t.trim_start_matches(nested).trim_start().to_string();
            }
            out.push(vec![s]);
        } else if let Some(last) = out.last_mut() {
            last.push(t.to_string());
        }
    }
    out.iter()
        .map(|l| clean(&normalize::join_lines(l, JoinMode::Cell)))
        .filter(|s| !s.is_empty())
        .collect()
}

/// The lines of a cell, to be joined.
fn cell_lines(c: &Cell) -> Vec<&str> {
    c.lines().collect()
}

/// The text of a cell with its lines joined and normalized.
fn cell_text(c: &Cell) -> String {
    clean(&normalize::join_lines(&cell_lines(c), JoinMode::Cell))
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
    /// Reads the rows of a card table into the draft. `continued`: the table goes on with the
    /// card read so far (a page break cut it), so its first rows without a label belong to the
    /// last field read.
    pub fn read(
        &mut self,
        page: &PageContent,
        t: &Table,
        unit: Unit,
        vocab: &Vocab,
        continued: bool,
    ) {
        let labels = row_labels(t, vocab);
        self.warn_unknown_labels(t.page, &labels);
        let mut fields = row_fields(&labels);
        if continued && let Some(last) = self.last_field {
            let first = fields.first().map_or(t.nrows, |f| f.0);
            if first > 0 {
                fields.insert(0, (0, last, first));
            }
        }
        if self.card.source.is_none() {
            self.card.source = Some(prov(t.page, &t.bbox));
            self.frame = Some((t.bbox.x0, t.bbox.x1));
        }
        for (k, &(row, field, span)) in fields.iter().enumerate() {
            // A field's rows run to the next labelled row (or its label's span).
            let end = fields
                .get(k + 1)
                .map(|f| f.0)
                .unwrap_or(t.nrows)
                .max(row + span);
            let label = labels
                .iter()
                .find(|l| l.row == row && l.field == Some(field));
            if let Some(l) = label
                && !self.labelled.iter().any(|x| x.0 == field)
            {
                self.labelled.push((field, prov(t.page, &l.bbox), false));
            }
            let none_printed = (row..end).any(|r| {
                value_cells(t, r)
                    .iter()
                    .any(|c| !c.text.trim().is_empty() && vocab.is_none(&c.text))
            });
            if none_printed && let Some(x) = self.labelled.iter_mut().find(|x| x.0 == field) {
                x.2 = true;
            }
            match field {
                CardField::Schedule => self.schedule(page, t, row, end, unit, vocab),
                CardField::Roles => self.roles(page, t, row, end, vocab),
                CardField::Kpi => self.kpis(t, row, end, vocab),
                single => {
                    if let Some(c) = first_value(t, row) {
                        self.single(page, t.page, single, c, vocab);
                    }
                }
            }
            self.last_field = Some(field);
            if !self.fields.contains(&field) {
                self.fields.push(field);
            }
        }
        self.last_page = t.page;
        self.unit = unit;
        self.note_repaired(page, t);
        self.warn_unassigned(page, t);
        self.warn_variation_selectors(page, t);
        for (text, bbox) in marked_spans(page, t) {
            self.card.provenance.insert(
                FieldPath::MarkedChange(self.card.marked_changes.len()),
                prov(t.page, &bbox),
            );
            self.card.marked_changes.push(text);
        }
    }

    /// A row label the vocabulary does not know: say so, where, what it was read as and what
    /// to add to a `--vocab` file.
    fn warn_unknown_labels(&mut self, page: usize, labels: &[RowLabel]) {
        for l in labels.iter().filter(|l| l.unknown()) {
            let message = match (l.field, &l.keyword) {
                (Some(f), Some(w)) => format!(
                    "page {page}: card row label {:?} is not in the vocabulary; read as {} by its word {w} (to confirm, add to a --vocab file: {})",
                    l.text,
                    f.key(),
                    Vocab::suggestion(f, &l.text)
                ),
                _ => format!(
                    "page {page}: card row label {:?} is not in the vocabulary; its row is not read (to read it, add to a --vocab file: [card] FIELD = [{:?}], FIELD one of name, partners, purpose, content, schedule, roles, kpi)",
                    l.text,
                    super::vocab::label_key(&l.text)
                ),
            };
            self.warnings
                .push(Warning::new(WarningKind::UnknownLabel, message).at(prov(page, &l.bbox)));
        }
    }

    /// Glyphs inside the card's table that no cell holds (printed over a border, outside every
    /// cell): their text is missing from the values. Up to one em beyond the table's left and
    /// right edges counts as inside: a mark hung past the last cell's border (ぶら下げ組み, JIS
    /// X 4051 / W3C JLReq 3.1.9) belongs to that cell's line.
    fn warn_unassigned(&mut self, page: &PageContent, t: &Table) {
        let mut held = vec![false; page.glyphs.len()];
        for c in &t.cells {
            for &i in &c.glyphs {
                if let Some(h) = held.get_mut(i) {
                    *h = true;
                }
            }
        }
        let stray: Vec<&crate::pdf::Glyph> = page
            .glyphs
            .iter()
            .zip(&held)
            .filter(|(g, h)| {
                !**h && !g.invisible
                    && !g.text.trim().is_empty()
                    && g.bbox.cy() >= t.bbox.y0
                    && g.bbox.cy() <= t.bbox.y1
                    && g.bbox.cx() >= t.bbox.x0 - g.size
                    && g.bbox.cx() <= t.bbox.x1 + g.size
            })
            .map(|(g, _)| g)
            .collect();
        let Some(first) = stray.first() else {
            return;
        };
        let bbox = stray.iter().fold(first.bbox, |b, g| b.union(&g.bbox));
        let text: String = stray.iter().map(|g| g.text.as_str()).collect();
        self.warnings.push(
            Warning::new(
                WarningKind::UnassignedGlyphs,
                format!(
                    "page {}: {} characters inside the card table are in no cell and missing from its values: {text:?}",
                    t.page,
                    stray.len()
                ),
            )
            .at(prov(t.page, &bbox)),
        );
    }

    /// Cells whose glyphs carry variation selectors (灘 + U+E0100): the values drop them
    /// ([`normalize::text`]), so that the same name compares equal in every rendering; the
    /// warning says where, since the printed shape was a chosen variant.
    fn warn_variation_selectors(&mut self, page: &PageContent, t: &Table) {
        for c in &t.cells {
            let marked: String = c
                .glyphs
                .iter()
                .filter_map(|&i| page.glyphs.get(i))
                .filter(|g| g.text.chars().any(normalize::is_variation_selector))
                .map(|g| {
                    g.text
                        .chars()
                        .filter(|&ch| !normalize::is_variation_selector(ch))
                        .collect::<String>()
                })
                .collect();
            if marked.is_empty() {
                continue;
            }
            self.warnings.push(
                Warning::new(
                    WarningKind::VariationSelector,
                    format!(
                        "page {}: variation selectors after {marked} dropped from the value (the glyphs keep them)",
                        t.page
                    ),
                )
                .at(prov(t.page, &c.bbox)),
            );
        }
    }

    /// Completeness checks once every part of the card is read: a label whose value came out
    /// empty, a role block with one side only, a fiscal year with nothing printed while others
    /// have values.
    pub fn finish(&mut self) {
        let mut found = Vec::new();
        for &(field, at, none_printed) in &self.labelled {
            let empty = match field {
                CardField::Name => self.name.is_empty(),
                CardField::Partners => self.partner_text.trim().is_empty(),
                CardField::Purpose => self.card.purpose.is_empty(),
                CardField::Content => self.card.content.is_empty(),
                CardField::Schedule => self.years.is_empty(),
                CardField::Roles => self.card.roles.sides().next().is_none(),
                CardField::Kpi => self.card.kpis.is_empty(),
            };
            if empty && !none_printed {
                found.push(
                    Warning::new(
                        WarningKind::EmptyValue,
                        format!(
                            "page {}: {:?}: the {} label is printed but no value was read",
                            at.page,
                            self.name,
                            field.key()
                        ),
                    )
                    .at(at),
                );
            }
            if field == CardField::Roles {
                let roles = &self.card.roles;
                let missing = match (roles.lead.label.is_empty(), roles.partners.label.is_empty()) {
                    (false, true) => Some("row for the partners"),
                    (true, false) => Some("row for the lead city"),
                    _ => None,
                };
                if let Some(m) = missing {
                    found.push(
                        Warning::new(
                            WarningKind::RoleSideMissing,
                            format!(
                                "page {}: {:?}: the role block has no {m}",
                                at.page, self.name
                            ),
                        )
                        .at(at),
                    );
                }
            }
        }
        let valued = |y: &YearCell| y.phase.is_some() || y.amount.is_some();
        if self.years.iter().any(|(_, y)| valued(y)) {
            for (fy, y) in self.years.iter().filter(|(_, y)| !valued(y) && !y.printed) {
                let at = y.header.or(self.card.source);
                let w = Warning::new(
                    WarningKind::YearUnread,
                    format!(
                        "{:?}: {fy} has neither a phase nor an amount, and nothing is printed under it, while other years have values",
                        self.name
                    ),
                );
                found.push(match at {
                    Some(at) => w.at(at),
                    None => w,
                });
            }
        }
        self.warnings.extend(found);
    }

    /// A one-cell field: name, partners, purpose, content bullets.
    fn single(&mut self, page: &PageContent, pg: usize, field: CardField, c: &Cell, vocab: &Vocab) {
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
                for it in items(page, c, true, vocab) {
                    let path = FieldPath::Content(Some(self.card.content.len()));
                    self.card.provenance.insert(path, at);
                    self.card.content.push(it);
                }
            }
            CardField::Schedule | CardField::Roles | CardField::Kpi => {}
        }
    }

    /// 役割・費用負担: each row a side label and its bullets; the first side is the lead city's.
    fn roles(&mut self, page: &PageContent, t: &Table, row: usize, end: usize, vocab: &Vocab) {
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
                bullets: items(page, body, false, vocab),
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

    /// KPI rows `row..end`: a header row names the columns (indicator, baseline, target); the
    /// rows under it, and a continuation's rows without a header, follow those columns.
    fn kpis(&mut self, t: &Table, row: usize, end: usize, vocab: &Vocab) {
        for r in row..end {
            let cells: Vec<&Cell> = value_cells(t, r)
                .into_iter()
                .filter(|c| c.row == r)
                .collect();
            if cells.is_empty() {
                continue;
            }
            let keys: Vec<String> = cells
                .iter()
                .map(|c| super::vocab::label_key(&c.text))
                .collect();
            let is_header = keys.iter().any(|k| {
                vocab.is_column(k, Column::KpiBaseline) || vocab.is_column(k, Column::KpiTarget)
            });
            let rel = |c: &Cell| c.bbox.cx() - t.bbox.x0;
            if is_header {
                let find = |col: Column| {
                    cells
                        .iter()
                        .zip(&keys)
                        .find(|(_, k)| vocab.is_column(k, col))
                        .map(|(c, _)| rel(c))
                };
                self.kpi_cols = Some([
                    find(Column::KpiIndicator).or(Some(rel(cells[0]))),
                    find(Column::KpiBaseline),
                    find(Column::KpiTarget),
                ]);
                continue;
            }
            let cols = self.kpi_cols.unwrap_or([
                Some(rel(cells[0])),
                cells.get(1).map(|c| rel(c)),
                cells.get(2).map(|c| rel(c)),
            ]);
            let at = |x: Option<f64>| {
                x.and_then(|x| {
                    let x = x + t.bbox.x0;
                    cells
                        .iter()
                        .copied()
                        .find(|c| c.bbox.x0 <= x && x <= c.bbox.x1)
                })
            };
            let value = |x: Option<f64>| {
                at(x).and_then(|c| {
                    let s = clean(&normalize::join_lines(&cell_lines(c), JoinMode::Kpi));
                    (!s.is_empty() && !vocab.is_none(&s)).then_some(s)
                })
            };
            let indicator = at(cols[0]).map(cell_text).unwrap_or_default();
            if indicator.is_empty() && value(cols[1]).is_none() && value(cols[2]).is_none() {
                continue;
            }
            let i = self.card.kpis.len();
            for (part, x) in [
                (KpiPart::Indicator, cols[0]),
                (KpiPart::Baseline, cols[1]),
                (KpiPart::Target, cols[2]),
            ] {
                if let Some(c) = at(x) {
                    self.card
                        .provenance
                        .insert(FieldPath::Kpi(i, Some(part)), prov(t.page, &c.bbox));
                }
            }
            self.card.kpis.push(Kpi {
                indicator,
                baseline: value(cols[1]),
                target: value(cols[2]),
            });
        }
    }

    /// The schedule rows `row..end`: the header of fiscal years (or, in a continuation that
    /// does not repeat it, the header of the part before), then per row each cell's phase and
    /// amount (a cell split by drawn arrows into the years each arrow covers), the 計 cell,
    /// notes on merged cells and where each value is.
    fn schedule(
        &mut self,
        page: &PageContent,
        t: &Table,
        row: usize,
        end: usize,
        unit: Unit,
        vocab: &Vocab,
    ) {
        let found = ScheduleHeader::find(t, row, end, vocab);
        let (head, first_row) = match (found, &self.head) {
            (Some((h, r)), _) => (h, r + 1),
            (None, Some(h)) => (h.clone(), row),
            (None, None) => {
                self.warnings.push(
                    Warning::new(
                        WarningKind::ScheduleUnread,
                        format!("page {}: the schedule has no fiscal-year header", t.page),
                    )
                    .at(prov(t.page, &t.bbox)),
                );
                return;
            }
        };
        for ((_, fy), at) in head.years.iter().zip(&head.boxes) {
            if !self.years.iter().any(|(y, _)| y == fy) {
                let cell = YearCell {
                    header: Some(*at),
                    ..YearCell::default()
                };
                self.years.push((*fy, cell));
            }
        }
        let arrows: Vec<&Rect> = page
            .shapes
            .iter()
            .filter(|s| s.kind == ShapeKind::Polygon)
            .map(|s| &s.bbox)
            .collect();
        // With two rows under the header, the first holds the phases.
        let phase_row = (end > first_row + 1).then_some(first_row);
        for r in first_row..end {
            for c in value_cells(t, r).into_iter().filter(|c| c.row == r) {
                let covered = head.covered(t, c);
                if head.is_total(t, c, &covered) {
                    let (_, amount) =
                        split_phase_amount(&clean(&cell_lines(c).join("\n")), unit, vocab.money());
                    if amount.is_some() {
                        self.card.total = amount.map(ThousandYen);
                    }
                    self.card
                        .provenance
                        .insert(FieldPath::Total, prov(t.page, &c.bbox));
                    continue;
                }
                if covered.is_empty() {
                    continue;
                }
                for piece in split_by_arrows(page, t, &head, c, &covered, &arrows) {
                    self.fill_years(page, t, c, &piece, unit, vocab.money());
                }
                self.note_merged(&covered);
                let part = if phase_row == Some(r) {
                    SchedulePart::Phase
                } else {
                    SchedulePart::Amount
                };
                for fy in &covered {
                    self.card
                        .provenance
                        .entry(FieldPath::Schedule(*fy, Some(part)))
                        .or_insert(prov(t.page, &c.bbox));
                }
            }
        }
        self.head = Some(head);
        self.card.schedule = self
            .years
            .iter()
            .map(|(fy, y)| ScheduleEntry {
                fy: *fy,
                phase: y.phase.clone(),
                amount: y.amount.map(ThousandYen),
            })
            .collect();
    }

    /// Reads one piece of a cell into the years it covers: a phase for every year (a phase
    /// cell merged over several years belongs to each), an amount for the first only (with a
    /// warning when the piece spans several years).
    fn fill_years(
        &mut self,
        page: &PageContent,
        t: &Table,
        c: &Cell,
        piece: &Piece,
        unit: Unit,
        money: &MoneyForms,
    ) {
        let text = clean(
            &assign::read(&page.glyphs, &piece.glyphs)
                .lines()
                .collect::<Vec<_>>()
                .join("\n"),
        );
        let (phase, amount) = split_phase_amount(&text, unit, money);
        if amount.is_none()
            && let Some(p) = &phase
            && p.chars().any(|ch| ch.is_ascii_digit())
        {
            // Digits that did not read as an amount (`15,000千円程度`): kept as the phase
            // text, but most likely a money cell kaitei cannot parse.
            self.warnings.push(
                Warning::new(
                    WarningKind::EmptyValue,
                    format!(
                        "page {}: {:?} in a schedule cell is not an amount kaitei can read; it is kept as the phase",
                        t.page, p
                    ),
                )
                .at(prov(t.page, &c.bbox)),
            );
        }
        if piece.years.len() > 1 && amount.is_some() {
            self.warnings.push(
                Warning::new(
                    WarningKind::MergedAmount,
                    format!(
                        "page {}: an amount in a cell merged over {} fiscal years is given to the first",
                        t.page,
                        piece.years.len()
                    ),
                )
                .at(prov(t.page, &c.bbox)),
            );
        }
        for (k, fy) in piece.years.iter().enumerate() {
            let Some((_, y)) = self.years.iter_mut().find(|(f, _)| f == fy) else {
                continue;
            };
            if phase.is_some() {
                y.phase = phase.clone();
            }
            if k == 0 && amount.is_some() {
                y.amount = amount;
            }
            y.printed |= !text.is_empty();
        }
    }

    /// A cell merged over several years gets a note on each of them.
    fn note_merged(&mut self, covered: &[FiscalYear]) {
        let (Some(first), Some(last)) = (covered.first(), covered.last()) else {
            return;
        };
        if covered.len() < 2 {
            return;
        }
        let note = format!("merged cell over {first}–{last}");
        for l in covered {
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
    /// Some cell over this year printed text (a none-mark counts).
    printed: bool,
    /// Where the year's header is.
    header: Option<Provenance>,
}

/// The header row of a schedule: where each fiscal year and the 計 column are across the table
/// (x-centres relative to the table's left edge, so that a continuation on the next page,
/// whose grid may be cut differently, finds the same columns).
#[derive(Debug, Clone)]
struct ScheduleHeader {
    /// (x-centre, fiscal year), left to right.
    years: Vec<(f64, FiscalYear)>,
    /// The x-centre of the 計 column.
    total: Option<f64>,
    /// Where each year's header cell is (aligned with `years`).
    boxes: Vec<Provenance>,
}

impl ScheduleHeader {
    /// The first row of `row..end` with at least two fiscal-year labels, and that row.
    fn find(t: &Table, row: usize, end: usize, vocab: &Vocab) -> Option<(ScheduleHeader, usize)> {
        (row..end).find_map(|r| {
            let cells: Vec<&Cell> = value_cells(t, r)
                .into_iter()
                .filter(|c| c.row == r)
                .collect();
            let rel = |c: &Cell| c.bbox.cx() - t.bbox.x0;
            let found: Vec<(f64, FiscalYear, Provenance)> = cells
                .iter()
                .filter_map(|c| {
                    FiscalYear::parse(&clean(&c.text)).map(|fy| (rel(c), fy, prov(t.page, &c.bbox)))
                })
                .collect();
            (found.len() >= 2).then(|| {
                let total = cells
                    .iter()
                    .find(|c| vocab.is_column(&super::vocab::label_key(&c.text), Column::Total))
                    .map(|c| rel(c));
                let head = ScheduleHeader {
                    years: found.iter().map(|f| (f.0, f.1)).collect(),
                    total,
                    boxes: found.iter().map(|f| f.2).collect(),
                };
                (head, r)
            })
        })
    }

    /// The fiscal years whose header lies over a cell of table `t`.
    fn covered(&self, t: &Table, c: &Cell) -> Vec<FiscalYear> {
        self.years
            .iter()
            .filter(|(x, _)| {
                let x = x + t.bbox.x0;
                c.bbox.x0 <= x && x <= c.bbox.x1
            })
            .map(|p| p.1)
            .collect()
    }

    /// Whether a cell is the 計 cell (under the 計 header, over no year).
    fn is_total(&self, t: &Table, c: &Cell, covered: &[FiscalYear]) -> bool {
        covered.is_empty()
            && self.total.is_some_and(|x| {
                let x = x + t.bbox.x0;
                c.bbox.x0 <= x && x <= c.bbox.x1
            })
    }
}

/// Part of a schedule cell: the fiscal years it stands for and the glyphs printed there.
struct Piece {
    years: Vec<FiscalYear>,
    glyphs: Vec<usize>,
}

/// Drawn arrows in a cell split it: each arrow's label is the text printed along it, for the
/// years whose header lies over the arrow; the years no arrow covers take the remaining text.
fn split_by_arrows(
    page: &PageContent,
    t: &Table,
    head: &ScheduleHeader,
    c: &Cell,
    covered: &[FiscalYear],
    arrows: &[&Rect],
) -> Vec<Piece> {
    let in_cell: Vec<&Rect> = arrows
        .iter()
        .copied()
        .filter(|a| c.bbox.contains_point(a.cx(), a.cy(), 0.0))
        .collect();
    if in_cell.is_empty() {
        return vec![Piece {
            years: covered.to_vec(),
            glyphs: c.glyphs.clone(),
        }];
    }
    let mut pieces = Vec::new();
    let mut used = vec![false; c.glyphs.len()];
    for a in &in_cell {
        let years: Vec<FiscalYear> = head
            .years
            .iter()
            .filter(|(x, fy)| {
                let x = x + t.bbox.x0;
                covered.contains(fy) && x >= a.x0 && x <= a.x1
            })
            .map(|p| p.1)
            .collect();
        let mut glyphs = Vec::new();
        for (k, &i) in c.glyphs.iter().enumerate() {
            let x = page.glyphs[i].bbox.cx();
            if !used[k] && x >= a.x0 && x <= a.x1 {
                used[k] = true;
                glyphs.push(i);
            }
        }
        pieces.push(Piece { years, glyphs });
    }
    let rest_years: Vec<FiscalYear> = covered
        .iter()
        .copied()
        .filter(|fy| !pieces.iter().any(|p| p.years.contains(fy)))
        .collect();
    let rest: Vec<usize> = c
        .glyphs
        .iter()
        .zip(&used)
        .filter(|(_, u)| !**u)
        .map(|(&i, _)| i)
        .collect();
    if !rest_years.is_empty() || !rest.is_empty() {
        pieces.push(Piece {
            years: rest_years,
            glyphs: rest,
        });
    }
    pieces
}

/// A schedule cell's phase label and amount: `実施`, `3,000千円`, `9,700 千円`, `協議\n0千円`,
/// `—`, `なし`.
fn split_phase_amount(text: &str, unit: Unit, money: &MoneyForms) -> (Option<String>, Option<i64>) {
    // An amount wrapped over two lines ("11,991,573" / "千円") is one amount.
    let joined: String = text.lines().map(str::trim).collect();
    if let Ok(a) = money.amount_in(&joined, unit) {
        return (None, a.map(|a| a.value.0));
    }
    let mut phase = String::new();
    let mut amount = None;
    for line in text.lines().map(str::trim).filter(|l| !l.is_empty()) {
        match money.amount_in(line, unit) {
            Ok(Some(a)) => amount = Some(a.value.0),
            Ok(None) => {}
            Err(_) => {
                // A label glued to an amount on one line ("協議0千円", "実施 —").
                let (p, a) = money.phase_and_amount(line);
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
    fn none_marks_are_no_phase() {
        let money = Vocab::builtin();
        for s in ["−", "なし", "該当なし", "ー", "－"] {
            assert_eq!(
                split_phase_amount(s, Unit::THOUSAND_YEN, money.money()),
                (None, None),
                "{s}"
            );
        }
        assert_eq!(
            split_phase_amount("準備\nなし", Unit::THOUSAND_YEN, money.money()),
            (Some("準備".into()), None)
        );
    }

    #[test]
    fn phase_and_amount_cells() {
        assert_eq!(
            split_phase_amount("実施", Unit::THOUSAND_YEN, Vocab::builtin().money()),
            (Some("実施".into()), None)
        );
        assert_eq!(
            split_phase_amount("15,000千円", Unit::THOUSAND_YEN, Vocab::builtin().money()),
            (None, Some(15000))
        );
        assert_eq!(
            split_phase_amount("協議\n0千円", Unit::THOUSAND_YEN, Vocab::builtin().money()),
            (Some("協議".into()), Some(0))
        );
        assert_eq!(
            split_phase_amount("実施\n—", Unit::THOUSAND_YEN, Vocab::builtin().money()),
            (Some("実施".into()), None)
        );
        assert_eq!(
            split_phase_amount("—", Unit::THOUSAND_YEN, Vocab::builtin().money()),
            (None, None)
        );
        assert_eq!(
            split_phase_amount("1,200", Unit::THOUSAND_YEN, Vocab::builtin().money()),
            (None, Some(1200))
        );
        assert_eq!(
            split_phase_amount("9,700 千円", Unit::THOUSAND_YEN, Vocab::builtin().money()),
            (None, Some(9700))
        );
        assert_eq!(
            split_phase_amount(
                "11,991,573\n千円",
                Unit::THOUSAND_YEN,
                Vocab::builtin().money()
            ),
            (None, Some(11991573))
        );
        assert_eq!(
            split_phase_amount("協議0千円", Unit::THOUSAND_YEN, Vocab::builtin().money()),
            (Some("協議".into()), Some(0))
        );
    }
}
