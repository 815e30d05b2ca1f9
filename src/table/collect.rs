//! Rulings → groups of rulings that touch each other, one group per table candidate.

use crate::pdf::Ruling;

/// How far apart (points) a horizontal and a vertical ruling may be and still meet: producers
/// end rules at the centre or at the outer edge of the crossing rule, and an HTML table with
/// `border-collapse: separate` (the CSS default; Chromium) draws every cell's own box
/// `border-spacing` (2px = 1.5 pt) apart, so the centre lines of neighbouring 1px borders are
/// 2.25 pt apart.
pub const TOUCH: f64 = 2.5;
/// Rulings shorter than this are decoration (ticks, glyph parts), not table rules.
const MIN_LEN: f64 = 3.0;
/// Pages with more rulings than this are drawings, not tables; only this many are looked at.
const MAX_RULINGS: usize = 6000;

/// A group of rulings that are connected through their crossings.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Group {
    /// Horizontal rulings.
    pub horizontal: Vec<Ruling>,
    /// Vertical rulings.
    pub vertical: Vec<Ruling>,
}

fn find(parent: &mut [usize], mut i: usize) -> usize {
    while parent[i] != i {
        parent[i] = parent[parent[i]];
        i = parent[i];
    }
    i
}

/// Whether a horizontal and a vertical ruling meet (cross or touch).
pub fn touches(h: &Ruling, v: &Ruling) -> bool {
    v.x0 >= h.x0 - TOUCH && v.x0 <= h.x1 + TOUCH && h.y0 >= v.y0 - TOUCH && h.y0 <= v.y1 + TOUCH
}

/// Splits the rulings of a page into connected groups with at least one horizontal and one
/// vertical ruling each.
pub fn groups(rulings: &[Ruling]) -> Vec<Group> {
    let rs: Vec<&Ruling> = rulings
        .iter()
        .filter(|r| r.len() >= MIN_LEN)
        .take(MAX_RULINGS)
        .collect();
    let hs: Vec<usize> = (0..rs.len()).filter(|&i| rs[i].is_horizontal()).collect();
    let vs: Vec<usize> = (0..rs.len()).filter(|&i| !rs[i].is_horizontal()).collect();
    let mut parent: Vec<usize> = (0..rs.len()).collect();
    for &h in &hs {
        for &v in &vs {
            if touches(rs[h], rs[v]) {
                let (a, b) = (find(&mut parent, h), find(&mut parent, v));
                if a != b {
                    parent[a] = b;
                }
            }
        }
    }
    let mut by_root: Vec<(usize, Group)> = Vec::new();
    for i in 0..rs.len() {
        let root = find(&mut parent, i);
        let slot = match by_root.iter().position(|(r, _)| *r == root) {
            Some(s) => s,
            None => {
                by_root.push((root, Group::default()));
                by_root.len() - 1
            }
        };
        if rs[i].is_horizontal() {
            by_root[slot].1.horizontal.push(*rs[i]);
        } else {
            by_root[slot].1.vertical.push(*rs[i]);
        }
    }
    by_root
        .into_iter()
        .map(|(_, g)| g)
        .filter(|g| !g.horizontal.is_empty() && !g.vertical.is_empty())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    // Rules of the test grids, half a point wide.
    use crate::pdf::Ruling as R;
    const H: fn(f64, f64, f64) -> R = R::horizontal;
    const V: fn(f64, f64, f64) -> R = R::vertical;

    #[test]
    fn two_separate_grids_make_two_groups_and_a_lone_rule_none() {
        let rs = vec![
            H(0.0, 100.0, 100.0),
            H(0.0, 100.0, 50.0),
            V(0.0, 50.0, 100.0),
            V(100.0, 50.0, 100.0),
            H(0.0, 100.0, 20.0),
            H(0.0, 100.0, 0.0),
            V(0.0, 0.0, 20.0),
            V(100.0, 0.0, 20.0),
            H(200.0, 300.0, 500.0),
        ];
        let g = groups(&rs);
        assert_eq!(g.len(), 2);
        assert!(
            g.iter()
                .all(|g| g.horizontal.len() == 2 && g.vertical.len() == 2)
        );
    }
}
