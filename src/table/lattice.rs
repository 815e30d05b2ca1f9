//! A group of rulings → a grid: the distinct x of vertical rules and y of horizontal rules are
//! the grid lines; neighbouring grid cells not separated by a drawn rule form one merged cell.
//!
//! Open sides (a table drawn without its left border, say) are closed by a virtual line where
//! at least two rules of the other direction end together beyond the outermost rule.

use super::collect::{Group, TOUCH};
use super::{Cell, Table};
use crate::geom::{Rect, approx_eq};
use crate::pdf::Ruling;

/// Grid lines closer than this are one line (double borders, rounding, and the two borders of
/// neighbouring cells of a `border-collapse: separate` HTML table, 2.25 pt apart: see
/// [`TOUCH`]).
const SNAP: f64 = 2.5;
/// A grid edge counts as ruled when drawn rules cover this share of it.
const COVERED: f64 = 0.6;
/// Grids larger than this are drawings (charts, hatching), not tables.
const MAX_LINES: usize = 400;

/// Grid geometry kept with a table so glyphs can be located in O(log n).
#[derive(Debug, Clone, PartialEq)]
pub struct Grid {
    /// Column boundaries, left to right.
    pub xs: Vec<f64>,
    /// Row boundaries, top to bottom (decreasing y).
    pub ys: Vec<f64>,
    /// For each elementary cell (row-major), the index of the cell covering it.
    pub owner: Vec<usize>,
}

impl Grid {
    /// The index of the cell holding the point, if inside the grid.
    pub fn locate(&self, x: f64, y: f64) -> Option<usize> {
        let (n, m) = (self.xs.len(), self.ys.len());
        if n < 2
            || m < 2
            || x < self.xs[0]
            || x > self.xs[n - 1]
            || y > self.ys[0]
            || y < self.ys[m - 1]
        {
            return None;
        }
        let c = self.xs.partition_point(|&v| v <= x).clamp(1, n - 1) - 1;
        let r = self.ys.partition_point(|&v| v >= y).clamp(1, m - 1) - 1;
        self.owner.get(r * (n - 1) + c).copied()
    }
}

fn cluster(mut vals: Vec<f64>) -> Vec<f64> {
    vals.sort_by(f64::total_cmp);
    let mut out: Vec<(f64, usize)> = Vec::new();
    for v in vals {
        match out.last_mut() {
            Some((s, n)) if v - *s / *n as f64 <= SNAP => {
                *s += v;
                *n += 1;
            }
            _ => out.push((v, 1)),
        }
    }
    out.into_iter().map(|(s, n)| s / n as f64).collect()
}

/// Adds virtual rules on open sides of the group. Returns the sides closed.
fn close_open_sides(g: &mut Group) -> Vec<&'static str> {
    let mut sides = Vec::new();
    let vx_min = g.vertical.iter().map(|v| v.x0).fold(f64::MAX, f64::min);
    let vx_max = g.vertical.iter().map(|v| v.x0).fold(f64::MIN, f64::max);
    let hy_min = g.horizontal.iter().map(|h| h.y0).fold(f64::MAX, f64::min);
    let hy_max = g.horizontal.iter().map(|h| h.y0).fold(f64::MIN, f64::max);
    let (top, bottom) = (
        g.vertical
            .iter()
            .map(|v| v.y1)
            .fold(f64::MIN, f64::max)
            .max(hy_max),
        g.vertical
            .iter()
            .map(|v| v.y0)
            .fold(f64::MAX, f64::min)
            .min(hy_min),
    );
    let (left, right) = (
        g.horizontal
            .iter()
            .map(|h| h.x0)
            .fold(f64::MAX, f64::min)
            .min(vx_min),
        g.horizontal
            .iter()
            .map(|h| h.x1)
            .fold(f64::MIN, f64::max)
            .max(vx_max),
    );
    let ends_at =
        |vals: Vec<f64>, at: f64| vals.iter().filter(|&&v| approx_eq(v, at, SNAP)).count() >= 2;
    if left < vx_min - SNAP && ends_at(g.horizontal.iter().map(|h| h.x0).collect(), left) {
        g.vertical.push(Ruling {
            x0: left,
            y0: bottom,
            x1: left,
            y1: top,
            width: 0.0,
        });
        sides.push("left");
    }
    if right > vx_max + SNAP && ends_at(g.horizontal.iter().map(|h| h.x1).collect(), right) {
        g.vertical.push(Ruling {
            x0: right,
            y0: bottom,
            x1: right,
            y1: top,
            width: 0.0,
        });
        sides.push("right");
    }
    if top > hy_max + SNAP && ends_at(g.vertical.iter().map(|v| v.y1).collect(), top) {
        g.horizontal.push(Ruling {
            x0: left,
            y0: top,
            x1: right,
            y1: top,
            width: 0.0,
        });
        sides.push("top");
    }
    if bottom < hy_min - SNAP && ends_at(g.vertical.iter().map(|v| v.y0).collect(), bottom) {
        g.horizontal.push(Ruling {
            x0: left,
            y0: bottom,
            x1: right,
            y1: bottom,
            width: 0.0,
        });
        sides.push("bottom");
    }
    sides
}

/// Share of the interval [a, b] covered by the given intervals.
fn coverage(a: f64, b: f64, ivs: &mut [(f64, f64)]) -> f64 {
    if b - a <= 0.0 {
        return 1.0;
    }
    ivs.sort_by(|p, q| p.0.total_cmp(&q.0));
    let (mut covered, mut cur) = (0.0, a);
    for &(s, e) in ivs.iter() {
        let (s, e) = (s.max(cur), e.min(b));
        if e > s {
            covered += e - s;
            cur = e;
        }
    }
    covered / (b - a)
}

fn find(parent: &mut [usize], mut i: usize) -> usize {
    while parent[i] != i {
        parent[i] = parent[parent[i]];
        i = parent[i];
    }
    i
}

/// Builds the table of a ruling group, or `None` when the group is not a grid.
pub fn build(page: usize, group: &Group) -> Option<(Table, Grid)> {
    let mut g = group.clone();
    let inferred_sides = close_open_sides(&mut g);
    let xs = cluster(g.vertical.iter().map(|v| v.x0).collect());
    let mut ys = cluster(g.horizontal.iter().map(|h| h.y0).collect());
    ys.reverse();
    if xs.len() < 2 || ys.len() < 2 || xs.len() > MAX_LINES || ys.len() > MAX_LINES {
        return None;
    }
    let (nc, nr) = (xs.len() - 1, ys.len() - 1);
    // Rules on each grid line, as intervals along the line.
    let on_x: Vec<Vec<(f64, f64)>> = xs
        .iter()
        .map(|&x| {
            g.vertical
                .iter()
                .filter(|v| approx_eq(v.x0, x, SNAP))
                .map(|v| (v.y0 - TOUCH, v.y1 + TOUCH))
                .collect()
        })
        .collect();
    let on_y: Vec<Vec<(f64, f64)>> = ys
        .iter()
        .map(|&y| {
            g.horizontal
                .iter()
                .filter(|h| approx_eq(h.y0, y, SNAP))
                .map(|h| (h.x0 - TOUCH, h.x1 + TOUCH))
                .collect()
        })
        .collect();
    let mut parent: Vec<usize> = (0..nr * nc).collect();
    let union = |parent: &mut Vec<usize>, a: usize, b: usize| {
        let (ra, rb) = (find(parent, a), find(parent, b));
        if ra != rb {
            parent[ra.max(rb)] = ra.min(rb);
        }
    };
    for r in 0..nr {
        for c in 0..nc {
            if c + 1 < nc && coverage(ys[r + 1], ys[r], &mut on_x[c + 1].clone()) < COVERED {
                union(&mut parent, r * nc + c, r * nc + c + 1);
            }
            if r + 1 < nr && coverage(xs[c], xs[c + 1], &mut on_y[r + 1].clone()) < COVERED {
                union(&mut parent, r * nc + c, (r + 1) * nc + c);
            }
        }
    }
    // Regions → cells, in row-major order of their top-left elementary cell.
    let mut bounds: Vec<(usize, usize, usize, usize)> =
        vec![(usize::MAX, usize::MAX, 0, 0); nr * nc];
    for i in 0..nr * nc {
        let root = find(&mut parent, i);
        let (r, c) = (i / nc, i % nc);
        let b = &mut bounds[root];
        *b = (b.0.min(r), b.1.min(c), b.2.max(r), b.3.max(c));
    }
    let mut cell_of_root = vec![usize::MAX; nr * nc];
    let mut cells: Vec<Cell> = Vec::new();
    let mut owner = vec![0usize; nr * nc];
    for i in 0..nr * nc {
        let root = find(&mut parent, i);
        if cell_of_root[root] == usize::MAX {
            let (r0, c0, r1, c1) = bounds[root];
            cell_of_root[root] = cells.len();
            cells.push(Cell {
                row: r0,
                col: c0,
                rowspan: r1 + 1 - r0,
                colspan: c1 + 1 - c0,
                ..Cell::default()
            });
        }
        owner[i] = cell_of_root[root];
    }
    for cell in &mut cells {
        cell.bbox = Rect::new(
            xs[cell.col],
            ys[cell.row + cell.rowspan],
            xs[cell.col + cell.colspan],
            ys[cell.row],
        );
    }
    let bbox = Rect::new(xs[0], ys[nr], xs[nc], ys[0]);
    let table = Table {
        page,
        bbox,
        nrows: nr,
        ncols: nc,
        cells,
        turned: None,
        inferred_sides,
        mode: super::Mode::Lattice,
        confidence: super::Confidence::default(),
        columns_guessed: false,
    };
    Some((table, Grid { xs, ys, owner }))
}

#[cfg(test)]
mod tests {
    use super::*;

    // Rules of the test grids, half a point wide.
    use crate::pdf::Ruling as R;
    const H: fn(f64, f64, f64) -> R = R::horizontal;
    const V: fn(f64, f64, f64) -> R = R::vertical;

    #[test]
    fn merged_header_cell_spans_two_columns() {
        // 2 rows x 2 cols; the top row has no middle rule.
        let g = Group {
            horizontal: vec![
                H(0.0, 100.0, 100.0),
                H(0.0, 100.0, 50.0),
                H(0.0, 100.0, 0.0),
            ],
            vertical: vec![V(0.0, 0.0, 100.0), V(100.0, 0.0, 100.0), V(50.0, 0.0, 50.0)],
        };
        let (t, grid) = build(1, &g).unwrap();
        assert_eq!((t.nrows, t.ncols), (2, 2));
        assert_eq!(t.cells.len(), 3);
        assert_eq!((t.cells[0].rowspan, t.cells[0].colspan), (1, 2));
        assert_eq!(grid.locate(75.0, 75.0), Some(0));
        assert_eq!(grid.locate(75.0, 25.0), Some(2));
        assert_eq!(grid.locate(150.0, 25.0), None);
    }

    #[test]
    fn open_left_and_right_sides_are_closed() {
        // Three horizontal rules from 0 to 100, one inner vertical rule at 50.
        let g = Group {
            horizontal: vec![
                H(0.0, 100.0, 100.0),
                H(0.0, 100.0, 50.0),
                H(0.0, 100.0, 0.0),
            ],
            vertical: vec![V(50.0, 0.0, 100.0)],
        };
        let (t, _) = build(1, &g).unwrap();
        assert_eq!((t.nrows, t.ncols), (2, 2));
        assert_eq!(t.inferred_sides, vec!["left", "right"]);
        assert_eq!(t.cells.len(), 4);
    }
}
