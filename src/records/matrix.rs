//! A participation-matrix table → its partner columns and rows (role, initiative, project name,
//! ○ set, page reference).
//!
//! A table is a matrix when a header row holds at least three names the gazetteer knows. The
//! other header columns are told apart by the vocabulary (役割, 事業名, 掲載ページ); a row
//! whose name cell reaches into the partner columns, or that has neither a mark nor a page
//! number, names an initiative (連携取組名) for the rows below it.

use super::vocab;
use crate::error::Provenance;
use crate::gazetteer::Gazetteer;
use crate::normalize;
use crate::table::Table;

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
    /// Declared project count printed in the header (`41事務事業`).
    pub declared: Option<u32>,
    /// Rows.
    pub rows: Vec<Row>,
}

/// Reads a table as a participation matrix. `role`/`initiative` carry over from the previous
/// matrix page (a merged role cell split by a page break prints its text once).
pub fn read(t: &Table, role: &mut String, initiative: &mut String) -> Option<Matrix> {
    let gaz = Gazetteer::get();
    let clean = normalize::key;
    // The header row with the most municipality names.
    let mut best: Option<(usize, Vec<(usize, String)>)> = None;
    for r in 0..t.nrows.min(6) {
        let names: Vec<(usize, String)> = t
            .cells
            .iter()
            .filter(|c| c.row == r)
            .filter_map(|c| {
                let n = clean(&c.text);
                // A misprinted name (和气町) still counts; the edit-distance search is only worth
                // running on cells that end like a municipality name.
                // A name two prefectures share (府中市: 東京都 and 広島県) is ambiguous to `lookup`
                // but is still a municipality name; the prefecture is settled later from the
                // other partners.
                let known = !gaz.candidates(&n, None, None).is_empty()
                    || (n.ends_with(['市', '町', '村', '区'])
                        && n.chars().count() >= 3
                        && gaz.nearest(&n).is_some_and(|(_, d)| d == 1));
                (known && n.chars().count() >= 2).then_some((c.col, n))
            })
            .collect();
        if names.len() >= 3 && best.as_ref().is_none_or(|b| names.len() > b.1.len()) {
            best = Some((r, names));
        }
    }
    let (hrow, partner_cols) = best?;
    let header_end = t
        .cells
        .iter()
        .filter(|c| c.row <= hrow)
        .map(|c| c.row + c.rowspan)
        .max()
        .unwrap_or(hrow + 1);
    let header_cells: Vec<_> = t.cells.iter().filter(|c| c.row < header_end).collect();
    let key_of = |c: &&crate::table::Cell| vocab::label_key(&c.text);
    let find_col = |labels: &[&str]| {
        header_cells
            .iter()
            .find(|c| {
                let k = key_of(c);
                labels.iter().any(|l| k.contains(l))
            })
            .map(|c| c.col)
    };
    let first_partner = partner_cols.iter().map(|p| p.0).min().unwrap_or(0);
    let role_col = find_col(vocab::MATRIX_ROLE).filter(|&c| c < first_partner);
    let page_col = find_col(vocab::MATRIX_PAGE).filter(|&c| !partner_cols.iter().any(|p| p.0 == c));
    let name_col = find_col(vocab::MATRIX_NAME)
        .filter(|&c| c < first_partner)
        .or_else(|| (0..first_partner).rev().find(|&c| Some(c) != role_col))?;
    let re = &*vocab::DECLARED_COUNT;
    let declared = header_cells.iter().find_map(|c| {
        re.captures(&normalize::text(&c.text))
            .and_then(|m| m.get(1)?.as_str().parse().ok())
    });
    let mut m = Matrix {
        partners: partner_cols.iter().map(|p| p.1.clone()).collect(),
        declared,
        rows: Vec::new(),
    };
    let mut vertical_role = false;
    for r in header_end..t.nrows {
        if let Some(rc) = role_col.and_then(|c| t.cell_at(r, c))
            && rc.row == r
            && !rc.text.trim().is_empty()
        {
            *role = clean(&rc.text);
            vertical_role = rc.vertical;
        }
        let Some(nc) = t.cell_at(r, name_col) else {
            continue;
        };
        if nc.row != r || nc.text.trim().is_empty() {
            continue;
        }
        let name = clean(&nc.text);
        let marks: Vec<String> = partner_cols
            .iter()
            .filter(|(c, _)| {
                t.cell_at(r, *c)
                    .is_some_and(|x| x.row == r && x.col == *c && normalize::is_mark(x.text.trim()))
            })
            .map(|(_, n)| n.clone())
            .collect();
        // `12`, `P.12`, `12-13`: the first number is the page of the card.
        let page_ref = page_col.and_then(|c| t.cell_at(r, c)).and_then(|c| {
            let t = normalize::text(&c.text);
            let digits: String = t
                .chars()
                .skip_while(|c| !c.is_ascii_digit())
                .take_while(|c| c.is_ascii_digit())
                .collect();
            digits.parse::<u32>().ok()
        });
        let spans_partners = nc.col + nc.colspan > first_partner;
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
    Some(m)
}
