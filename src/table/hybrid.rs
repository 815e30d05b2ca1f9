//! A ruled table whose rules do not close every cell → the same table with the rows and
//! columns its text shows: camelot's "hybrid" idea, rules where they exist and text alignment
//! where they do not.
//!
//! Three things are read from the text inside the grid:
//! - columns inside a ruled column: a table drawn with only its outer frame and row rules
//!   (one grid column) or with rules around groups of columns; found by
//!   [`columns::find`] on the lines of that column, in the cells that do not span columns;
//! - rows inside a band: a band holding several text lines that are rows of their own
//!   (a rule every fifth row, or none between the header and the total). A band is split only
//!   when two columns of it hold a number on two lines or more — numbers do not wrap, so these
//!   are rows, not a cell's wrapped text — and never in a table that rules every row
//!   ([`stream::row_ruled`]);
//! - columns of a merged band: in a band split into rows, a cell spanning columns whose text
//!   falls within the columns above is split along the grid's column lines.
//!
//! A cut is not applied to a cell that a word of it crosses; vertical writing and drawn
//! marks are left whole.

use super::assign::{self, Frame};
use super::columns;
use super::lattice::Grid;
use super::layout::{self, Line, Word};
use super::stream;
use super::{Cell, Mode, Table};
use crate::geom::Rect;
use crate::pdf::PageContent;

/// Share of a table's glyphs that must be upright for its text to be read for rows and columns.
const UPRIGHT: f64 = 0.9;

/// Whether the text is a number, a date or a dash: a value that does not wrap.
pub(crate) fn number_like(s: &str) -> bool {
    let s = s.trim();
    if matches!(s, "-" | "–" | "—" | "－" | "―") {
        return true;
    }
    let mut it = s.chars().peekable();
    if it.peek().is_some_and(|c| "(-–+$€£¥△▲￥（".contains(*c)) {
        it.next();
    }
    while it.peek() == Some(&' ') {
        it.next();
    }
    if !it.next().is_some_and(|c| c.is_numeric()) {
        return false;
    }
    let rest: String = it.collect();
    rest.trim_end_matches([')', '%', '）', '％'])
        .chars()
        .all(|c| c.is_numeric() || ".,/:- ，．／：－".contains(c))
}

/// Index of the interval of `edges` (ascending, or descending when `down`) holding `v`,
/// clamped to the intervals.
fn slot(edges: &[f64], v: f64, down: bool) -> usize {
    let n = edges.len().saturating_sub(1).max(1);
    let k = if down {
        edges.partition_point(|&e| e >= v)
    } else {
        edges.partition_point(|&e| e <= v)
    };
    k.clamp(1, n) - 1
}

fn round(v: f64) -> f64 {
    (v * 100.0).round() / 100.0
}

/// Whether a line of a cell (glyph indices in reading order) has a gap a column could pass
/// through (a segment break, see [`layout`]).
fn wide_gap(page: &PageContent, line: &[usize]) -> bool {
    let mut prev: Option<&crate::pdf::Glyph> = None;
    for &i in line {
        let g = &page.glyphs[i];
        if g.text.trim().is_empty() {
            continue;
        }
        if let Some(a) = prev
            && g.bbox.x0 - a.bbox.x1 >= layout::SEG_GAP * a.size.min(g.size)
        {
            return true;
        }
        prev = Some(g);
    }
    false
}

/// The words of some glyphs, read as upright text.
fn words(page: &PageContent, idx: &[usize]) -> Vec<Word> {
    layout::lines(&page.glyphs, idx, Frame::Right)
        .iter()
        .flat_map(|l| l.words().iter().cloned())
        .collect()
}

/// The table with the rows and columns its text adds, or `None` when the text adds none.
pub(crate) fn refine(page: &PageContent, table: &Table, grid: &Grid) -> Option<Table> {
    let glyphs: Vec<usize> = table
        .cells
        .iter()
        .flat_map(|c| c.glyphs.iter().copied())
        .filter(|&i| !page.glyphs[i].text.trim().is_empty())
        .collect();
    let upright = glyphs
        .iter()
        .filter(|&&i| {
            page.glyphs[i].dir == crate::pdf::Direction::Right && !page.glyphs[i].vertical
        })
        .count();
    if glyphs.is_empty() || (upright as f64) < UPRIGHT * glyphs.len() as f64 {
        return None;
    }
    let (xs, ys) = (&grid.xs, &grid.ys);
    let (nb, nc) = (ys.len().checked_sub(1)?, xs.len().checked_sub(1)?);
    if nb == 0 || nc == 0 {
        return None;
    }
    // A first look at the cells as read: most ruled tables have nothing to refine, and this
    // costs no more than their reading did.
    let plain = |c: &Cell| !c.vertical && !c.drawn_mark;
    let mut gap_lines = vec![0usize; nc];
    let mut band_lines = vec![0usize; nb];
    let mut stacked = vec![false; nb];
    for c in table.cells.iter().filter(|c| plain(c)) {
        if c.colspan == 1 {
            gap_lines[c.col] += c.line_glyphs().filter(|lg| wide_gap(page, lg)).count();
        }
        if c.rowspan == 1 {
            band_lines[c.row] = band_lines[c.row].max(c.line_count());
            stacked[c.row] |= c.line_count() >= 2;
        }
    }
    let counts: Vec<usize> = band_lines.iter().copied().filter(|&n| n > 0).collect();
    let ruled = stream::row_ruled(&counts);
    if gap_lines.iter().all(|&n| n < 3) && (ruled || !stacked.contains(&true)) {
        return None;
    }
    // Band and column of each glyph of the table.
    let slots: Vec<(usize, usize)> = glyphs
        .iter()
        .map(|&i| {
            let b = &page.glyphs[i].bbox;
            (slot(ys, b.cy(), true), slot(xs, b.cx(), false))
        })
        .collect();
    // Columns inside each ruled column, from the rows where it is a column of its own.
    let mut col_cuts: Vec<Vec<f64>> = vec![Vec::new(); nc];
    for (c, cuts) in col_cuts.iter_mut().enumerate() {
        if gap_lines[c] < 3 {
            continue;
        }
        let own: Vec<bool> = (0..nb)
            .map(|r| {
                table
                    .cell_at(r, c)
                    .is_some_and(|x| x.colspan == 1 && plain(x))
            })
            .collect();
        let idx: Vec<usize> = glyphs
            .iter()
            .zip(&slots)
            .filter(|(_, (r, cc))| *cc == c && own[*r])
            .map(|(&i, _)| i)
            .collect();
        let ls = layout::lines(&page.glyphs, &idx, Frame::Right);
        let refs: Vec<&Line> = ls.iter().collect();
        let multi: Vec<&Line> = refs.iter().copied().filter(|l| l.is_multi()).collect();
        if multi.len() < 3 {
            continue;
        }
        let rows: Vec<&Line> = columns::aligned(&multi)
            .into_iter()
            .map(|j| multi[j])
            .collect();
        if rows.len() < 3 {
            continue;
        }
        *cuts = columns::find(&page.glyphs, &refs, &rows)
            .into_iter()
            .map(|(a, b)| columns::cut(&refs, a, b))
            .collect();
    }
    // Rows inside bands, unless every row is ruled.
    let mut row_cuts: Vec<Vec<f64>> = vec![Vec::new(); nb];
    if !ruled {
        let mut allx: Vec<f64> = xs.clone();
        allx.extend(col_cuts.iter().flatten());
        allx.sort_by(f64::total_cmp);
        for r in (0..nb).filter(|&r| stacked[r]) {
            let idx: Vec<usize> = glyphs
                .iter()
                .zip(&slots)
                .filter(|(_, s)| s.0 == r)
                .map(|(&i, _)| i)
                .collect();
            let ls = layout::lines(&page.glyphs, &idx, Frame::Right);
            if ls.len() < 2 {
                continue;
            }
            let numeric = allx
                .windows(2)
                .filter(|w| {
                    ls.iter()
                        .filter(|l| {
                            // The words in the window, joined by a space.
                            let mut t = String::new();
                            let inside = l.words().iter().filter(|x| {
                                (x.x0 + x.x1) / 2.0 >= w[0] && (x.x0 + x.x1) / 2.0 < w[1]
                            });
                            for (k, x) in inside.enumerate() {
                                if k > 0 {
                                    t.push(' ');
                                }
                                for &i in l.glyphs_of(x) {
                                    t.push_str(&page.glyphs[i].text);
                                }
                            }
                            !t.is_empty() && number_like(&t)
                        })
                        .count()
                        >= 2
                })
                .count();
            if numeric >= 2 {
                row_cuts[r] = ls
                    .windows(2)
                    .map(|p| {
                        if p[0].y0 > p[1].y1 {
                            (p[0].y0 + p[1].y1) / 2.0
                        } else {
                            (p[0].yc + p[1].yc) / 2.0
                        }
                    })
                    .collect();
            }
        }
    }
    if col_cuts.iter().all(Vec::is_empty) && row_cuts.iter().all(Vec::is_empty) {
        return None;
    }
    // Each cell split by the cuts that apply to it.
    struct Part {
        bbox: Rect,
        glyphs: Vec<usize>,
        /// The original cell, when not split.
        whole: Option<usize>,
        /// One text line: a band split at every line, or a cell of one line.
        one_line: bool,
    }
    let mut parts: Vec<Part> = Vec::new();
    let mut new_columns = false;
    for (ci, cell) in table.cells.iter().enumerate() {
        let fixed = cell.vertical || cell.drawn_mark;
        let split_rows = !fixed && cell.rowspan == 1 && !row_cuts[cell.row].is_empty();
        let mut vx: Vec<f64> = Vec::new();
        if !fixed {
            vx.extend(
                (cell.col..cell.col + cell.colspan).flat_map(|c| col_cuts[c].iter().copied()),
            );
        }
        let own_columns = vx.len();
        if split_rows && cell.colspan > 1 {
            vx.extend_from_slice(&xs[cell.col + 1..cell.col + cell.colspan]);
        }
        let ws = if vx.is_empty() {
            Vec::new()
        } else {
            words(page, &cell.glyphs)
        };
        let mut vx_kept: Vec<(f64, bool)> = vx
            .iter()
            .enumerate()
            .filter(|(_, x)| !ws.iter().any(|w| columns::crosses(w, **x)))
            .map(|(k, &x)| (x, k < own_columns))
            .collect();
        vx_kept.sort_by(|a, b| a.0.total_cmp(&b.0));
        let hy: Vec<f64> = if split_rows {
            row_cuts[cell.row].clone()
        } else {
            Vec::new()
        };
        if vx_kept.is_empty() && hy.is_empty() {
            parts.push(Part {
                bbox: cell.bbox,
                glyphs: Vec::new(),
                whole: Some(ci),
                one_line: false,
            });
            continue;
        }
        new_columns |= vx_kept.iter().any(|v| v.1);
        let vx: Vec<f64> = vx_kept.into_iter().map(|v| v.0).collect();
        let mut xb = vec![cell.bbox.x0];
        xb.extend_from_slice(&vx);
        xb.push(cell.bbox.x1);
        let mut yb = vec![cell.bbox.y1];
        yb.extend_from_slice(&hy);
        yb.push(cell.bbox.y0);
        let first = parts.len();
        for i in 0..yb.len() - 1 {
            for j in 0..xb.len() - 1 {
                parts.push(Part {
                    bbox: Rect::new(xb[j], yb[i + 1], xb[j + 1], yb[i]),
                    glyphs: Vec::new(),
                    whole: None,
                    one_line: !hy.is_empty() || cell.line_glyphs().nth(1).is_none(),
                });
            }
        }
        for &g in &cell.glyphs {
            let b = &page.glyphs[g].bbox;
            let i = slot(&yb, b.cy(), true);
            let j = slot(&xb, b.cx(), false);
            parts[first + i * (xb.len() - 1) + j].glyphs.push(g);
        }
    }
    // The refined grid.
    let mut nx: Vec<f64> = parts
        .iter()
        .flat_map(|p| [round(p.bbox.x0), round(p.bbox.x1)])
        .collect();
    let mut ny: Vec<f64> = parts
        .iter()
        .flat_map(|p| [round(p.bbox.y0), round(p.bbox.y1)])
        .collect();
    nx.sort_by(f64::total_cmp);
    nx.dedup();
    ny.sort_by(|a, b| b.total_cmp(a));
    ny.dedup();
    let find_x = |x: f64| nx.partition_point(|&e| e < round(x));
    let find_y = |y: f64| ny.partition_point(|&e| e > round(y));
    let mut cells: Vec<Cell> = parts
        .into_iter()
        .map(|p| {
            let (col, row) = (find_x(p.bbox.x0), find_y(p.bbox.y1));
            let colspan = find_x(p.bbox.x1).saturating_sub(col).max(1);
            let rowspan = find_y(p.bbox.y0).saturating_sub(row).max(1);
            match p.whole {
                Some(ci) => Cell {
                    row,
                    col,
                    rowspan,
                    colspan,
                    ..table.cells[ci].clone()
                },
                None => {
                    let r = if p.one_line {
                        assign::read_line(&page.glyphs, p.glyphs, Frame::Right)
                    } else {
                        assign::read(&page.glyphs, &p.glyphs)
                    };
                    Cell {
                        row,
                        col,
                        rowspan,
                        colspan,
                        text: r.text,
                        glyphs: r.order,
                        line_spans: r.line_spans,
                        vertical: r.vertical,
                        drawn_mark: false,
                        bbox: p.bbox,
                    }
                }
            }
        })
        .collect();
    cells.sort_by_key(|c| (c.row, c.col));
    Some(Table {
        nrows: ny.len().saturating_sub(1),
        ncols: nx.len().saturating_sub(1),
        cells,
        mode: Mode::Hybrid,
        columns_guessed: new_columns,
        ..table.clone()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_dates_and_dashes_do_not_wrap() {
        for s in [
            "1,234",
            "(0.21)",
            "-0.05",
            "05/03/2019",
            "$ 71.15",
            "12.5%",
            "－",
            "１，２００",
            "△300",
        ] {
            assert!(number_like(s), "{s}");
        }
        for s in ["DHAW20190001", "Total", "1 child", "R5年度", ""] {
            assert!(!number_like(s), "{s}");
        }
    }
}
