//! A participation-matrix table → its partner columns and rows (role, initiative, project name,
//! ○ set, page reference).
//!
//! A table is a matrix when a header row holds at least three names the gazetteer knows. The
//! other header columns are told apart by the vocabulary (役割, 事業名, 掲載ページ); a row
//! whose name cell reaches into the partner columns, or that has neither a mark nor a page
//! number, names an initiative (連携取組名) for the rows below it. A matrix broken over two
//! pages without its header rows repeated goes on in a table of the same columns at the top of
//! the next page ([`read_continued`]).

use super::vocab::{MatrixColumn, Vocab};
use crate::error::Provenance;
use crate::gazetteer::Gazetteer;
use crate::geom::approx_eq;
use crate::normalize;
use crate::table::{Cell, Table};

/// One matrix row that names a project.
#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    /// Role (the merged 役割 cell), inherited from above when the cell is empty.
    pub role: String,
    /// Initiative (連携取組名) that heads this group of rows.
    pub initiative: String,
    /// Project name.
    pub name: String,
    /// Marked partners, in header order.
    pub partners: Vec<String>,
    /// 掲載ページ.
    pub page_ref: Option<u32>,
    /// Where the row is.
    pub at: Provenance,
    /// The role was read from vertical writing.
    pub vertical_role: bool,
}

/// What one matrix table holds.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Matrix {
    /// Partner names in header order.
    pub partners: Vec<String>,
    /// Declared project count printed in the header (`12事務事業`).
    pub declared: Option<u32>,
    /// Rows.
    pub rows: Vec<Row>,
}

/// The header of a matrix: the row with the most municipality names and the rows it spans.
struct Header {
    /// First row after the header.
    end: usize,
    /// (grid column, partner name), left to right.
    partners: Vec<(usize, String)>,
}

/// Whether a header cell's key names a municipality. A misprinted name (世罗町) still counts; the
/// edit-distance search is only worth running on cells that end like a municipality name. A
/// name two prefectures share (府中市: 東京都 and 広島県) is ambiguous to `lookup` but is still
/// a municipality name; the prefecture is settled later from the other partners.
fn is_municipality(n: &str) -> bool {
    let gaz = Gazetteer::get();
    let len = n.chars().count();
    len >= 2
        && (!gaz.candidates(n, None, None).is_empty()
            || (n.ends_with(['市', '町', '村', '区'])
                && len >= 3
                && gaz.nearest(n).is_some_and(|(_, d)| d == 1)))
}

/// Longest printed cell that can hold one municipality name: the longest name with its
/// prefecture is 11 characters (鹿児島県いちき串木野市), justified spacing can double it. Longer
/// cells (a card's paragraphs) are not normalized and looked up at all.
const MAX_NAME_CELL: usize = 40;

/// The header row with the most municipality names (at least three) among the first six.
fn header(t: &Table) -> Option<Header> {
    let mut best: Option<(usize, Vec<(usize, String)>)> = None;
    for r in 0..t.nrows.min(6) {
        // A row of fewer than three cells (a card's label and value) cannot be the header.
        if t.cells.iter().filter(|c| c.row == r).nth(2).is_none() {
            continue;
        }
        let names: Vec<(usize, String)> = t
            .cells
            .iter()
            .filter(|c| c.row == r && c.text.chars().nth(MAX_NAME_CELL).is_none())
            .map(|c| (c.col, normalize::key(&c.text)))
            .filter(|(_, n)| is_municipality(n))
            .collect();
        if names.len() >= 3 && best.as_ref().is_none_or(|b| names.len() > b.1.len()) {
            best = Some((r, names));
        }
    }
    let (row, partners) = best?;
    let end = t
        .cells
        .iter()
        .filter(|c| c.row <= row)
        .map(|c| c.row + c.rowspan)
        .max()
        .unwrap_or(row + 1);
    Some(Header { end, partners })
}

/// The columns of a matrix besides the partners.
#[derive(Debug, Clone)]
struct Columns {
    /// 役割 (left of the partners).
    role: Option<usize>,
    /// 事業名 (left of the partners; else the last non-role column before them).
    name: usize,
    /// 掲載ページ.
    page: Option<usize>,
    /// The first partner column.
    first_partner: usize,
}

fn columns(header_cells: &[&Cell], h: &Header, vocab: &Vocab) -> Option<Columns> {
    let find_col = |which: MatrixColumn| {
        header_cells
            .iter()
            .find(|c| vocab.is_matrix_column(&super::vocab::label_key(&c.text), which))
            .map(|c| c.col)
    };
    let first_partner = h.partners.iter().map(|p| p.0).min().unwrap_or(0);
    let role = find_col(MatrixColumn::Role).filter(|&c| c < first_partner);
    let page = find_col(MatrixColumn::Page).filter(|&c| !h.partners.iter().any(|p| p.0 == c));
    let name = find_col(MatrixColumn::Name)
        .filter(|&c| c < first_partner)
        .or_else(|| (0..first_partner).rev().find(|&c| Some(c) != role))?;
    Some(Columns {
        role,
        name,
        page,
        first_partner,
    })
}

/// `12`, `P.12`, `12-13`: the first number is the page of the card.
fn page_ref(c: &Cell) -> Option<u32> {
    let t = normalize::text(&c.text);
    let digits: String = t
        .chars()
        .skip_while(|c| !c.is_ascii_digit())
        .take_while(|c| c.is_ascii_digit())
        .collect();
    digits.parse().ok()
}

/// What a matrix page leaves for its continuation: the grid's columns and where it is across
/// the page.
#[derive(Debug, Clone)]
pub struct Layout {
    /// (grid column, partner name), left to right.
    partners: Vec<(usize, String)>,
    cols: Columns,
    ncols: usize,
    x0: f64,
    x1: f64,
    /// The page of the last table read with this layout.
    pub page: usize,
}

/// Reads a table as a participation matrix. `role`/`initiative` carry over from the previous
/// matrix page (a merged role cell split by a page break prints its text once).
///
/// The steps: the header row of municipality names → the other columns by their labels → the
/// declared project count → each row below: a new role, an initiative heading, or a project
/// with its ○ set and page reference.
pub fn read(
    t: &Table,
    vocab: &Vocab,
    role: &mut String,
    initiative: &mut String,
) -> Option<(Matrix, Layout)> {
    let h = header(t)?;
    let header_cells: Vec<&Cell> = t.cells.iter().filter(|c| c.row < h.end).collect();
    let cols = columns(&header_cells, &h, vocab)?;
    let declared = header_cells
        .iter()
        .find_map(|c| vocab.declared_count(&normalize::text(&c.text)));
    let layout = Layout {
        partners: h.partners,
        cols,
        ncols: t.ncols,
        x0: t.bbox.x0,
        x1: t.bbox.x1,
        page: t.page,
    };
    let mut m = rows(t, h.end, &layout, role, initiative);
    m.declared = declared;
    Some((m, layout))
}

/// Reads a table as the continuation of the matrix laid out as `layout`, printed without its
/// header rows: it is on a later page, has the same grid columns at the same place across the
/// page (within 3 pt: the same ruled frame), and marks some partner.
pub fn read_continued(
    t: &Table,
    layout: &Layout,
    role: &mut String,
    initiative: &mut String,
) -> Option<Matrix> {
    const SAME_FRAME: f64 = 3.0;
    if t.page <= layout.page
        || t.ncols != layout.ncols
        || !approx_eq(t.bbox.x0, layout.x0, SAME_FRAME)
        || !approx_eq(t.bbox.x1, layout.x1, SAME_FRAME)
    {
        return None;
    }
    let marked = t.cells.iter().any(|c| {
        layout.partners.iter().any(|(k, _)| *k == c.col) && normalize::is_mark(c.text.trim())
    });
    if !marked {
        return None;
    }
    Some(rows(t, 0, layout, role, initiative))
}

/// The rows of a matrix table from `start` down.
fn rows(
    t: &Table,
    start: usize,
    layout: &Layout,
    role: &mut String,
    initiative: &mut String,
) -> Matrix {
    let cols = &layout.cols;
    let mut m = Matrix {
        partners: layout.partners.iter().map(|p| p.1.clone()).collect(),
        declared: None,
        rows: Vec::new(),
    };
    let mut vertical_role = false;
    for r in start..t.nrows {
        if let Some(rc) = cols.role.and_then(|c| t.cell_at(r, c))
            && rc.row == r
            && !rc.text.trim().is_empty()
        {
            *role = normalize::key(&rc.text);
            vertical_role = rc.vertical;
        }
        let Some(nc) = t.cell_at(r, cols.name) else {
            continue;
        };
        if nc.row != r || nc.text.trim().is_empty() {
            continue;
        }
        let name = normalize::key(&nc.text);
        let marks: Vec<String> = layout
            .partners
            .iter()
            .filter(|(c, _)| {
                t.cell_at(r, *c)
                    .is_some_and(|x| x.row == r && x.col == *c && normalize::is_mark(x.text.trim()))
            })
            .map(|(_, n)| n.clone())
            .collect();
        let page_ref = cols.page.and_then(|c| t.cell_at(r, c)).and_then(page_ref);
        // A name cell reaching into the partner columns, or a row with neither a mark nor a
        // page, heads the rows below it: it names their initiative (連携取組名).
        let spans_partners = nc.col + nc.colspan > cols.first_partner;
        if spans_partners || (marks.is_empty() && page_ref.is_none()) {
            *initiative = name;
            continue;
        }
        m.rows.push(Row {
            role: role.clone(),
            initiative: initiative.clone(),
            name,
            partners: marks,
            page_ref,
            at: Provenance {
                page: t.page,
                bbox: nc.bbox.to_array(),
            },
            vertical_role,
        });
    }
    m
}
