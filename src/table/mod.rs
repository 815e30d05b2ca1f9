//! Ruled-table reconstruction: a page's [`PageContent`] → the ruled [`Table`]s on it, each a
//! grid of cells with row and column spans and their text in reading order.
//!
//! The entry reads as the pipeline:
//! `collect` (rulings → connected groups, one per table, open sides closed) →
//! `lattice` (a group → grid lines → cells, merged where no rule separates them) →
//! `assign` (glyphs and drawn marks → cells → text in reading order).
//!
//! What a table *means* is left to [`crate::records`].

pub(crate) mod assign;
pub(crate) mod collect;
pub mod export;
pub(crate) mod lattice;

use crate::geom::Rect;
use crate::pdf::PageContent;
use serde::Serialize;

/// One cell of a table.
#[derive(Debug, Clone, PartialEq, Serialize)]
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
    /// The text's lines before joining.
    #[serde(skip)]
    pub lines: Vec<String>,
    /// Indices into [`PageContent::glyphs`], in reading order.
    #[serde(skip)]
    pub glyphs: Vec<usize>,
    /// The glyph indices of each line (parallel to `lines`).
    #[serde(skip)]
    pub line_glyphs: Vec<Vec<usize>>,
    /// The cell's text was read as vertical writing (columns right to left).
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub vertical: bool,
    /// The text is a drawn mark (a circle or square shape), not glyphs.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub drawn_mark: bool,
    /// The cell's box in page space.
    pub bbox: Rect,
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
}

impl Default for TableOptions {
    fn default() -> Self {
        TableOptions { min_cells: 2 }
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

/// A page's text as lines: free text lines and the text of each table cell, top to bottom,
/// then left to right.
pub fn page_lines(page: &PageContent, tables: &[Table]) -> Vec<assign::TextLine> {
    let mut lines = free_lines(page, tables);
    for t in tables {
        for c in t.cells.iter().filter(|c| !c.text.is_empty()) {
            lines.push(assign::TextLine {
                text: c.text.clone(),
                bbox: c.bbox,
                glyphs: c.glyphs.clone(),
            });
        }
    }
    lines.sort_by(|a, b| {
        b.bbox
            .y1
            .total_cmp(&a.bbox.y1)
            .then(a.bbox.x0.total_cmp(&b.bbox.x0))
    });
    lines
}

/// Finds the ruled tables on a page, top to bottom, then left to right.
pub fn find_tables(page: &PageContent, opts: &TableOptions) -> Vec<Table> {
    let groups = collect::groups(&page.rulings);
    let mut built: Vec<(Table, lattice::Grid)> = groups
        .into_iter()
        .filter_map(|g| lattice::build(page.number, &g))
        .filter(|(t, _)| t.cells.len() >= opts.min_cells)
        .collect();
    // Innermost first, so that a table drawn inside a cell of a layout table takes its glyphs.
    built.sort_by(|a, b| a.0.bbox.area().total_cmp(&b.0.bbox.area()));
    assign::fill(page, &mut built);
    let mut tables: Vec<Table> = built.into_iter().map(|(t, _)| t).collect();
    for t in &mut tables {
        let mut dirs = [0usize; 4];
        for c in t.cells.iter().filter(|c| !c.vertical) {
            for &i in &c.glyphs {
                dirs[page.glyphs[i].dir as usize & 3] += 1;
            }
        }
        let total: usize = dirs.iter().sum();
        if dirs[1] * 2 > total {
            t.turn(true);
        } else if dirs[3] * 2 > total {
            t.turn(false);
        }
    }
    tables.sort_by(|a, b| {
        b.bbox
            .y1
            .total_cmp(&a.bbox.y1)
            .then(a.bbox.x0.total_cmp(&b.bbox.x0))
    });
    tables
}
