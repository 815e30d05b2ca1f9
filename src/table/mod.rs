//! Table reconstruction: a page's [`PageContent`] → the [`Table`]s on it, each a grid of cells
//! with row and column spans and their text in reading order.
//!
//! The entry, `find_tables`, reads as the pipeline:
//! `collect` (rulings → connected groups, one per table, open sides closed) →
//! `lattice` (a group → grid lines → cells, merged where no rule separates them) →
//! `assign` (glyphs and drawn marks → cells → text in reading order) →
//! `hybrid` (rows and columns that a ruled table's rules leave open, read from its text) →
//! `stream` (unruled tables among the remaining text, from `layout` lines and
//! `columns` found by alignment) → a confidence per table.
//!
//! [`Mode`] chooses the stages: `lattice` stops after `assign`, `stream` reads text only,
//! `auto` (the default) does both. What a table *means* is left to [`crate::records`].

pub(crate) mod assign;
pub(crate) mod collect;
mod columns;
mod hybrid;
pub(crate) mod lattice;
pub(crate) mod layout;
mod stream;

use crate::error::{Warning, WarningKind};
use crate::geom::Rect;
use crate::pdf::{Glyph, PageContent};
use serde::Serialize;
use std::ops::Range;

/// How a table was read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Mode {
    /// Rules close every cell.
    #[default]
    Lattice,
    /// Ruled, with rows or columns the rules leave open read from the text's alignment.
    Hybrid,
    /// No rules close the cells: rows are text lines, columns come from alignment.
    Stream,
}

/// Which tables [`find_tables`] looks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Search {
    /// Ruled tables, refined by their text, and unruled tables in the remaining text.
    #[default]
    Auto,
    /// Ruled tables only, read cell by cell as drawn.
    Lattice,
    /// Unruled tables only: rulings are ignored.
    Stream,
}

/// How sure kaitei is of a table, after camelot's parsing report.
#[derive(Debug, Clone, Copy, PartialEq, Default, Serialize)]
pub struct Confidence {
    /// Share of the table's characters (0–1) that sit inside the cell they were read into
    /// without crossing its borders; in an unruled table, text spanning columns counts as not
    /// placed (camelot's accuracy, 100 − positional error).
    pub accuracy: f64,
    /// Share of grid positions (0–1) without text (camelot's whitespace).
    pub whitespace: f64,
}

/// One cell of a table.
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
pub struct Cell {
    /// Top row of the cell (0-based, top to bottom).
    pub row: usize,
    /// Left column (0-based, left to right).
    pub col: usize,
    /// Rows covered.
    pub rowspan: usize,
    /// Columns covered.
    pub colspan: usize,
    /// Text in reading order: lines joined (CJK without a space, Latin words with one).
    pub text: String,
    /// Indices into [`PageContent::glyphs`], in reading order.
    #[serde(skip)]
    pub glyphs: Vec<usize>,
    /// Where each line lies in `text` and `glyphs`, for a cell of two lines or more; empty for
    /// one line (all of them) or none. [`Cell::lines`] and [`Cell::line_glyphs`] read them.
    #[serde(skip)]
    pub line_spans: Vec<LineSpan>,
    /// The cell's text was read as vertical writing (columns right to left).
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub vertical: bool,
    /// The text is a drawn mark (a circle or square shape), not glyphs.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub drawn_mark: bool,
    /// The cell's box in page space.
    pub bbox: Rect,
}

/// One line of a cell's text of two lines or more: its bytes of [`Cell::text`] and its
/// positions in [`Cell::glyphs`]. The text is kept once, with where its lines are, rather than
/// once joined and once per line: a page has thousands of cells.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct LineSpan {
    /// Byte range of the line in the text.
    pub text: Range<usize>,
    /// Range of the line's glyphs in the reading order.
    pub glyphs: Range<usize>,
}

/// The lines of a text read in lines ([`LineSpan`]): each line's text and glyphs. A range that
/// the text or glyphs no longer hold (after an edit) reads as empty, not as a panic.
fn lines_of<'a>(
    text: &'a str,
    glyphs: &'a [usize],
    spans: &'a [LineSpan],
) -> impl Iterator<Item = (&'a str, &'a [usize])> + 'a {
    let whole = (spans.is_empty() && !text.is_empty()).then_some((text, glyphs));
    whole.into_iter().chain(spans.iter().map(move |s| {
        let clamp = |r: &Range<usize>, n: usize| r.start.min(n)..r.end.min(n);
        (
            text.get(s.text.clone()).unwrap_or(""),
            &glyphs[clamp(&s.glyphs, glyphs.len())],
        )
    }))
}

impl Cell {
    /// The lines of the cell's text, top to bottom (columns right to left in vertical writing).
    pub fn lines(&self) -> impl Iterator<Item = &str> + '_ {
        lines_of(&self.text, &self.glyphs, &self.line_spans).map(|l| l.0)
    }

    /// Number of lines of the cell's text.
    pub fn line_count(&self) -> usize {
        if self.line_spans.is_empty() {
            usize::from(!self.text.is_empty())
        } else {
            self.line_spans.len()
        }
    }

    /// The glyph indices of each line, parallel to [`Cell::lines`]; none where the cell has no
    /// glyphs (a drawn mark).
    pub fn line_glyphs(&self) -> impl Iterator<Item = &[usize]> + '_ {
        lines_of(&self.text, &self.glyphs, &self.line_spans)
            .filter(|_| !self.glyphs.is_empty())
            .map(|l| l.1)
    }

    /// Puts a reading's text, glyphs and lines into the cell.
    pub(crate) fn set_reading(&mut self, r: assign::Reading) {
        self.text = r.text;
        self.glyphs = r.order;
        self.line_spans = r.line_spans;
        self.vertical = r.vertical;
    }

    /// Replaces the text of the cell's lines, joined as a reading joins them; each line keeps
    /// its glyphs. Given fewer lines than the cell has, the glyphs of those left out go with the
    /// last; given more, the lines added have no glyphs. For correcting a cell's text, or
    /// testing how records read an altered one.
    pub fn set_lines<S: AsRef<str>>(&mut self, lines: &[S]) {
        let ends: Vec<usize> = self.line_spans.iter().map(|s| s.glyphs.end).collect();
        let mut text = String::new();
        let mut spans = Vec::with_capacity(lines.len());
        let mut start = 0;
        for (k, l) in lines.iter().enumerate() {
            let end = if k + 1 == lines.len() {
                self.glyphs.len()
            } else {
                ends.get(k).copied().unwrap_or(self.glyphs.len())
            };
            spans.push(LineSpan {
                text: assign::join_line(&mut text, l.as_ref()),
                glyphs: start.min(end)..end,
            });
            start = end;
        }
        if spans.len() < 2 {
            spans.clear();
        }
        self.text = text;
        self.line_spans = spans;
    }
}

/// A ruled table found on a page.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Table {
    /// 1-based page number.
    pub page: usize,
    /// The table's outer box.
    pub bbox: Rect,
    /// Number of rows of the grid.
    pub nrows: usize,
    /// Number of columns of the grid.
    pub ncols: usize,
    /// Cells, in row-major order of their top-left position.
    pub cells: Vec<Cell>,
    /// The table is printed turned on the page (text running up or down): the grid is given in
    /// its reading orientation, turned by this many degrees clockwise (90 or 270).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub turned: Option<u16>,
    /// Sides that had no rule and were closed by inference ("left", "right", "top", "bottom").
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub inferred_sides: Vec<&'static str>,
    /// How the table was read.
    pub mode: Mode,
    /// How sure kaitei is of it.
    pub confidence: Confidence,
    /// Some columns were inferred from text alignment (not drawn, not given).
    #[serde(skip)]
    pub columns_guessed: bool,
}

impl Table {
    /// The grid as rows of strings: a merged cell's text once at its top-left position, "" at
    /// the other positions it covers.
    pub fn rows(&self) -> Vec<Vec<String>> {
        let mut g = vec![vec![String::new(); self.ncols]; self.nrows];
        for c in &self.cells {
            if c.row < self.nrows && c.col < self.ncols {
                g[c.row][c.col] = c.text.clone();
            }
        }
        g
    }

    /// Turns the grid so that rows run along the text of a table printed turned on the page.
    /// `clockwise` turns the page view clockwise (for text whose baseline runs up).
    fn turn(&mut self, clockwise: bool) {
        let (nr, nc) = (self.nrows, self.ncols);
        for c in &mut self.cells {
            let (r, col, rs, cs) = (c.row, c.col, c.rowspan, c.colspan);
            if clockwise {
                c.row = col;
                c.col = nr - (r + rs);
            } else {
                c.row = nc - (col + cs);
                c.col = r;
            }
            c.rowspan = cs;
            c.colspan = rs;
        }
        self.nrows = nc;
        self.ncols = nr;
        self.cells.sort_by_key(|c| (c.row, c.col));
        self.turned = Some(if clockwise { 90 } else { 270 });
    }

    /// The cell covering grid position (row, col).
    pub fn cell_at(&self, row: usize, col: usize) -> Option<&Cell> {
        self.cells.iter().find(|c| {
            row >= c.row && row < c.row + c.rowspan && col >= c.col && col < c.col + c.colspan
        })
    }
}

/// Options for table finding.
#[derive(Debug, Clone)]
pub struct TableOptions {
    /// Smallest number of cells a table must have.
    pub min_cells: usize,
    /// Which tables to look for.
    pub search: Search,
    /// Only this part of the page (PDF points, origin bottom-left of the page as displayed):
    /// ruled tables inside it, or else its text read as one unruled table.
    pub area: Option<Rect>,
    /// Column boundaries (x in PDF points) of the unruled tables of upright text, instead of
    /// boundaries guessed from alignment.
    pub columns: Option<Vec<f64>>,
}

impl Default for TableOptions {
    fn default() -> Self {
        TableOptions {
            min_cells: 2,
            search: Search::Auto,
            area: None,
            columns: None,
        }
    }
}

impl TableOptions {
    /// Ruled tables only, as drawn: what [`crate::records`] reads.
    pub fn lattice() -> Self {
        TableOptions {
            search: Search::Lattice,
            ..TableOptions::default()
        }
    }
}

/// The warnings that come with tables: one per table whose columns were guessed.
pub fn warnings(tables: &[Table]) -> Vec<Warning> {
    tables
        .iter()
        .filter(|t| t.columns_guessed)
        .map(|t| {
            Warning::new(
                WarningKind::StreamColumnsGuessed,
                format!(
                    "page {}: the columns of a {}×{} table without column rules were inferred \
                     from text alignment (give them with --columns if they are wrong)",
                    t.page, t.nrows, t.ncols
                ),
            )
            .at(crate::error::Provenance {
                page: t.page,
                bbox: t.bbox.to_array(),
            })
        })
        .collect()
}

/// The share of characters inside their cell and of empty grid positions.
fn confidence(page: &PageContent, t: &Table) -> Confidence {
    let (mut chars, mut placed) = (0usize, 0usize);
    let mut filled = 0usize;
    // A stream table's glyphs are never blank (`stream::tables` leaves blank ones out): their
    // text, cold in memory by now, need not be read again.
    let blank = |g: &Glyph| t.mode != Mode::Stream && g.text.trim().is_empty();
    for c in &t.cells {
        if !c.text.is_empty() {
            filled += c.rowspan * c.colspan;
        }
        for &i in &c.glyphs {
            let Some(g) = page.glyphs.get(i) else {
                continue;
            };
            if blank(g) {
                continue;
            }
            chars += 1;
            let tol = 1.0f64.max(0.25 * g.bbox.width().min(g.bbox.height()));
            let inside = g.bbox.x0 >= c.bbox.x0 - tol
                && g.bbox.x1 <= c.bbox.x1 + tol
                && g.bbox.y0 >= c.bbox.y0 - tol
                && g.bbox.y1 <= c.bbox.y1 + tol;
            let aligned = !(t.mode == Mode::Stream && c.colspan > 1);
            placed += (inside && aligned) as usize;
        }
    }
    let positions = (t.nrows * t.ncols).max(1);
    let r3 = |v: f64| (v * 1000.0).round() / 1000.0;
    Confidence {
        accuracy: r3(if chars == 0 {
            1.0
        } else {
            placed as f64 / chars as f64
        }),
        whitespace: r3(1.0 - (filled.min(positions) as f64 / positions as f64)),
    }
}

/// Free text lines of a page: the glyphs outside every table, top to bottom.
pub fn free_lines(page: &PageContent, tables: &[Table]) -> Vec<assign::TextLine> {
    let idx: Vec<usize> = (0..page.glyphs.len())
        .filter(|&i| {
            let b = &page.glyphs[i].bbox;
            !tables
                .iter()
                .any(|t| t.bbox.contains_point(b.cx(), b.cy(), 0.5))
        })
        .collect();
    assign::text_lines(&page.glyphs, &idx)
}

/// Finds the tables on a page, top to bottom, then left to right.
pub fn find_tables(page: &PageContent, opts: &TableOptions) -> Vec<Table> {
    let mut built: Vec<(Table, lattice::Grid)> = if opts.search == Search::Stream {
        Vec::new()
    } else {
        collect::groups(&page.rulings)
            .into_iter()
            .filter_map(|g| lattice::build(page.number, &g))
            .filter(|(t, _)| t.cells.len() >= opts.min_cells)
            .filter(|(t, _)| {
                opts.area
                    .is_none_or(|a| a.contains_point(t.bbox.cx(), t.bbox.cy(), 0.0))
            })
            .collect()
    };
    // Innermost first, so that a table drawn inside a cell of a layout table takes its glyphs.
    built.sort_by(|a, b| a.0.bbox.area().total_cmp(&b.0.bbox.area()));
    assign::fill(page, &mut built);
    let mut tables: Vec<Table> = built
        .into_iter()
        .map(|(t, grid)| match opts.search {
            Search::Auto => hybrid::refine(page, &t, &grid).unwrap_or(t),
            _ => t,
        })
        .collect();
    for t in &mut tables {
        let mut dirs = [0usize; 4];
        for c in t.cells.iter().filter(|c| !c.vertical) {
            for &i in &c.glyphs {
                dirs[page.glyphs[i].dir.index()] += 1;
            }
        }
        let total: usize = dirs.iter().sum();
        if dirs[1] * 2 > total {
            t.turn(true);
        } else if dirs[3] * 2 > total {
            t.turn(false);
        }
    }
    if opts.search != Search::Lattice {
        let taken: Vec<Rect> = tables.iter().map(|t| t.bbox).collect();
        // With an area holding a ruled table, the area's text is that table's.
        if opts.area.is_none() || taken.is_empty() {
            tables.extend(stream::tables(page, &taken, opts));
        }
    }
    for t in &mut tables {
        t.confidence = confidence(page, t);
    }
    tables.sort_by(|a, b| a.bbox.top_left_first(&b.bbox));
    tables
}
