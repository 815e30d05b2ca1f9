//! The text lines of a table → its column boundaries, from alignment alone.
//!
//! A column boundary is a *valley*: an x-interval that no word of the body rows covers
//! (tabula's `columnPositions` merges the rows' text chunks the same way; camelot's stream
//! flavour takes the chunks of the rows with the modal chunk count). Lines that cross the
//! valleys most rows leave open are spanning rows — titles, group heads — and are read as
//! cells spanning columns instead of closing the valley.
//!
//! A valley is a column gap when it is clearly wider than the space between words. A narrow
//! one (a right-aligned number column beside a left-aligned code column can leave a third of
//! an em) is kept only with more evidence and when no header word crosses it: a header word
//! starts right after it, or the rows that close in on it from both sides hold different text
//! on each side (`648765 AAA`, `509462 BAW`), not one fixed phrase (`OKLAHOMA CITY`).
//! A gap no wider than the space between words is never a column: fixed-format text
//! (`(405) 680-3701`, `8 €`) would be cut apart at its spaces.

use super::layout::{self, Line, Word, median};
use crate::geom::EPS;
use crate::pdf::Glyph;

/// A valley this many times the word space (and at least [`WIDE_MIN`] em) is a column gap.
const WIDE: f64 = 2.5;
/// Smallest valley (em) taken as a column gap on its width alone.
const WIDE_MIN: f64 = 0.6;
/// A valley no wider than this many word spaces is a space between words.
const SPACE: f64 = 1.1;
/// Share of the candidate rows that may cross a valley and still leave it open (spanning rows).
const SPAN_SHARE: f64 = 0.1;
/// Header lines follow each other at most this many ems apart.
const HEADER_LEADING: f64 = 1.6;
/// Alignment tolerance (points) of segment edges in the same column.
const ALIGN: f64 = 2.0;
/// From this many x positions on, they are sorted by buckets ([`sort_xs`]).
const X_BUCKETS: usize = 32;
/// A word extending this far (points) past a boundary crosses it.
pub(crate) const CROSS_TOL: f64 = 1.0;

/// x-intervals inside `[x0, x1]` that words of at most `tol` of the lines cover.
pub(crate) fn valleys(lines: &[&Line], x0: f64, x1: f64, tol: usize) -> Vec<(f64, f64)> {
    sweep(&Edges::of(lines), x0, x1, tol)
}

/// The words' starts and ends, each sorted: a sweep over both in x order counts the words
/// covering each interval between two of them.
struct Edges {
    starts: Vec<f64>,
    ends: Vec<f64>,
}

impl Edges {
    fn of(lines: &[&Line]) -> Edges {
        let n: usize = lines.iter().map(|l| l.words().len()).sum();
        let (mut starts, mut ends) = (Vec::with_capacity(n), Vec::with_capacity(n));
        for w in lines.iter().flat_map(|l| l.words().iter()) {
            starts.push(w.x0);
            ends.push(w.x1);
        }
        sort_xs(&mut starts);
        sort_xs(&mut ends);
        Edges { starts, ends }
    }
}

/// [`valleys`] from the words' edges.
fn sweep(edges: &Edges, x0: f64, x1: f64, tol: usize) -> Vec<(f64, f64)> {
    let Edges { starts, ends } = edges;
    let mut out: Vec<(f64, f64)> = Vec::new();
    let push = |a: f64, b: f64, n: i32, out: &mut Vec<(f64, f64)>| {
        let (a, b) = (a.max(x0), b.min(x1));
        if n as usize <= tol && b > a {
            match out.last_mut() {
                Some(last) if (last.1 - a).abs() < 1e-9 => last.1 = b,
                _ => out.push((a, b)),
            }
        }
    };
    let (mut pos, mut n) = (x0, 0i32);
    let (mut i, mut j) = (0, 0);
    // Events at one x are all counted before the next interval: their order does not matter.
    // Which list comes next is chosen by a select the compiler is asked not to make a branch:
    // starts and ends interleave as the words fall, which no branch predictor can guess.
    while i < starts.len() || j < ends.len() {
        let (s, e) = (
            starts.get(i).copied().unwrap_or(f64::INFINITY),
            ends.get(j).copied().unwrap_or(f64::INFINITY),
        );
        let start_first = (j == ends.len()) | ((i < starts.len()) & s.total_cmp(&e).is_le());
        let x = std::hint::select_unpredictable(start_first, s, e);
        i += usize::from(start_first);
        j += usize::from(!start_first);
        if x > pos {
            push(pos, x, n, &mut out);
            pos = x;
        }
        n += 2 * i32::from(start_first) - 1;
    }
    push(pos, x1, n, &mut out);
    out
}

/// Sorts x positions: a page's worth by buckets of a point ([`layout::bucket_sort`]), where a
/// comparison sort would guess wrong at every other branch.
fn sort_xs(xs: &mut [f64]) {
    if xs.len() <= X_BUCKETS || !layout::bucket_sort(xs, |&x| x, f64::total_cmp, f64::total_cmp) {
        xs.sort_unstable_by(f64::total_cmp);
    }
}

/// Median gap between the words of a segment, in em (0.3 when there is none).
pub(crate) fn word_space(lines: &[&Line]) -> f64 {
    let gaps: Vec<f64> = lines
        .iter()
        .flat_map(|l| {
            l.segs().iter().flat_map(move |s| {
                l.words()[s.clone()]
                    .windows(2)
                    .map(move |p| (p[1].x0 - p[0].x1) / l.size)
            })
        })
        .collect();
    if gaps.is_empty() { 0.3 } else { median(gaps) }
}

/// Whether the word runs across the whole interval `[a, b]`.
fn spans(w: &Word, a: f64, b: f64) -> bool {
    w.x0 < a + EPS && w.x1 > b - EPS
}

/// Whether the word runs across `x` by more than [`CROSS_TOL`].
pub(crate) fn crosses(w: &Word, x: f64) -> bool {
    w.x0 < x - CROSS_TOL && w.x1 > x + CROSS_TOL
}

/// The lines (indices into `lines`) of two segments or more whose segments line up — left,
/// right or centre within [`ALIGN`] — with segments of two other lines, twice at least: rows
/// of a table rather than a title or a running header that happens to have a wide gap
/// (the "text edges" of Nurminen's detection, which camelot and tabula use).
pub(crate) fn aligned(lines: &[&Line]) -> Vec<usize> {
    // (position, line, segment) of every segment's left edge, right edge and centre, each
    // sorted; segments are numbered in line order.
    let n: usize = lines.iter().map(|l| l.segs().len()).sum();
    let mut keys: [Vec<(f64, usize, usize)>; 3] = [
        Vec::with_capacity(n),
        Vec::with_capacity(n),
        Vec::with_capacity(n),
    ];
    let mut first_seg = Vec::with_capacity(lines.len());
    for (li, l) in lines.iter().enumerate() {
        first_seg.push(keys[0].len());
        for s in 0..l.segs().len() {
            let (a, b) = l.seg_span(s);
            let sg = keys[0].len();
            keys[0].push((a, li, sg));
            keys[1].push((b, li, sg));
            keys[2].push(((a + b) / 2.0, li, sg));
        }
    }
    // Only whether two other lines fall within the window counts: ties may come in any order.
    let by_x = |p: &(f64, usize, usize), q: &(f64, usize, usize)| p.0.total_cmp(&q.0);
    for k in &mut keys {
        if k.len() <= X_BUCKETS || !layout::bucket_sort(k, |p| p.0, by_x, by_x) {
            k.sort_unstable_by(by_x);
        }
    }
    // Where each segment's window starts in each list: the first entry less than ALIGN below the
    // segment's own entry. The entries come in the order of their positions, so the start only
    // moves forward — a sweep, not a binary search whose branches cannot be predicted.
    let finite = keys.iter().flatten().all(|p| p.0.is_finite());
    let mut starts = [vec![0usize; n], vec![0usize; n], vec![0usize; n]];
    for (k, st) in keys.iter().zip(&mut starts) {
        let mut from = 0;
        for &(v, _, sg) in k {
            st[sg] = if finite {
                while from < k.len() && k[from].0 < v - ALIGN {
                    from += 1;
                }
                from
            } else {
                k.partition_point(|p| p.0 < v - ALIGN)
            };
        }
    }
    let mut out = Vec::new();
    for (li, l) in lines.iter().enumerate() {
        if !l.is_multi() {
            continue;
        }
        let mut n_aligned = 0;
        for s in 0..l.segs().len() {
            let (a, b) = l.seg_span(s);
            let sg = first_seg[li] + s;
            // The first other line found, and whether a second one was.
            let (mut first, mut two) = (None, false);
            'keys: for ((k, st), v) in keys.iter().zip(&starts).zip([a, b, (a + b) / 2.0]) {
                for &(x, lj, _) in &k[st[sg]..] {
                    if x > v + ALIGN {
                        break;
                    }
                    if lj != li {
                        match first {
                            None => first = Some(lj),
                            Some(f) if f != lj => {
                                two = true;
                                break 'keys;
                            }
                            Some(_) => {}
                        }
                    }
                }
            }
            if two {
                n_aligned += 1;
            }
        }
        if n_aligned >= 2 {
            out.push(li);
        }
    }
    out
}

/// Whether the body rows that close in on gap `[a, b]` from both sides (within half an em)
/// hold different words on each side: two columns meeting, not one phrase repeated.
fn varies(glyphs: &[Glyph], body: &[&Line], a: f64, b: f64, size: f64) -> bool {
    let near = 0.5 * size;
    let (mut left, mut right): (Vec<String>, Vec<String>) = (Vec::new(), Vec::new());
    for l in body {
        let lw = l.words().iter().rev().find(|w| w.x1 <= a + EPS);
        let rw = l.words().iter().find(|w| w.x0 >= b - EPS);
        if let (Some(lw), Some(rw)) = (lw, rw)
            && a - lw.x1 <= near
            && rw.x0 - b <= near
        {
            left.push(l.text_of(glyphs, lw));
            right.push(l.text_of(glyphs, rw));
        }
    }
    let distinct = |v: &mut Vec<String>| {
        v.sort_unstable();
        v.dedup();
        v.len()
    };
    left.len() >= 2 && distinct(&mut left) >= 2 && distinct(&mut right) >= 2
}

/// The header lines of a table: lines above its first body line, each within
/// [`HEADER_LEADING`] em of the next.
fn header<'a>(lines: &[&'a Line], first_body_yc: f64) -> Vec<&'a Line> {
    let mut above: Vec<&Line> = lines
        .iter()
        .copied()
        .filter(|l| l.yc > first_body_yc + EPS)
        .collect();
    above.sort_by(|a, b| a.yc.total_cmp(&b.yc));
    let mut out: Vec<&Line> = Vec::new();
    let mut prev_yc = first_body_yc;
    let mut prev_size = above.first().map(|l| l.size).unwrap_or(0.0);
    for l in above {
        if l.yc - prev_yc > HEADER_LEADING * l.size.max(prev_size) {
            break;
        }
        prev_yc = l.yc;
        prev_size = l.size;
        out.push(l);
    }
    out
}

fn extent(lines: &[&Line]) -> (f64, f64) {
    lines
        .iter()
        .fold((f64::MAX, f64::MIN), |(a, b), l| (a.min(l.x0), b.max(l.x1)))
}

/// The column gaps of a table: `lines` are all its lines, `rows` the candidate body rows (lines
/// of two segments or more that line up with others). Gaps are returned left to right.
pub(crate) fn find(glyphs: &[Glyph], lines: &[&Line], rows: &[&Line]) -> Vec<(f64, f64)> {
    if rows.len() < 2 {
        return Vec::new();
    }
    let (x0, x1) = extent(lines);
    let size = median(rows.iter().map(|l| l.size).collect()).max(0.1);
    let ws = word_space(lines);
    let interior = |v: &(f64, f64), lo: f64, hi: f64| v.0 > lo + EPS && v.1 < hi - EPS;
    // Valleys that most rows leave open; rows crossing them are spanning rows, not body.
    let tol = ((SPAN_SHARE * rows.len() as f64).round() as usize).max(1);
    let row_edges = Edges::of(rows);
    let open: Vec<(f64, f64)> = sweep(&row_edges, x0, x1, tol)
        .into_iter()
        .filter(|v| interior(v, x0, x1))
        .collect();
    let mut body: Vec<&Line> = rows
        .iter()
        .copied()
        .filter(|l| {
            !open
                .iter()
                .any(|&(a, b)| l.words().iter().any(|w| spans(w, a, b)))
        })
        .collect();
    if body.len() < 2 {
        body = rows.to_vec();
    }
    let (bx0, bx1) = extent(&body);
    // Body rows are the candidate rows less the spanning ones: where there are none, their
    // edges are the rows'.
    let body_edges = (body.len() != rows.len()).then(|| Edges::of(&body));
    let gaps: Vec<(f64, f64)> = sweep(body_edges.as_ref().unwrap_or(&row_edges), bx0, bx1, 0)
        .into_iter()
        .filter(|v| interior(v, bx0, bx1))
        .collect();
    let first_yc = body.iter().map(|l| l.yc).fold(f64::MIN, f64::max);
    let head = header(lines, first_yc);
    let mut kept: Vec<(f64, f64, f64)> = Vec::new();
    for &(a, b) in &gaps {
        // A valley narrowed by one odd row keeps the width the other rows leave open.
        let mut w = b - a;
        if let Some(&(ca, cb)) = open.iter().find(|o| o.0 <= a + EPS && o.1 >= b - EPS) {
            let widest = gaps
                .iter()
                .filter(|g| g.0 >= ca - EPS && g.1 <= cb + EPS)
                .map(|g| g.1 - g.0)
                .fold(0.0, f64::max);
            if b - a >= widest - 1e-9 {
                w = w.max(cb - ca);
            }
        }
        let w = w / size;
        let ok = if w >= WIDE * ws && w >= WIDE_MIN {
            true
        } else if w > SPACE * ws {
            let words = || head.iter().flat_map(|l| l.words().iter());
            let starts = words().any(|h| h.x0 >= a - 1.0 && h.x0 <= b + 1.5);
            let crossed = words().any(|h| spans(h, a, b));
            !crossed && (starts || varies(glyphs, &body, a, b, size))
        } else {
            false
        };
        if ok {
            kept.push((a, b, w));
        }
    }
    // Every column holds words of two body rows at least; beside a thinner one the narrower
    // gap goes (a lone word's own spaces are not columns).
    loop {
        let mut edges = vec![bx0];
        for &(a, b, _) in &kept {
            edges.push(a);
            edges.push(b);
        }
        edges.push(bx1);
        let thin = (0..=kept.len()).find(|&i| {
            let (lo, hi) = (edges[2 * i], edges[2 * i + 1]);
            body.iter()
                .filter(|l| {
                    l.words()
                        .iter()
                        .any(|w| w.x0 >= lo - EPS && w.x1 <= hi + EPS)
                })
                .count()
                < 2
        });
        let Some(i) = thin else { break };
        let drop = [i.wrapping_sub(1), i]
            .into_iter()
            .filter(|&j| j < kept.len())
            .min_by(|&p, &q| kept[p].2.total_cmp(&kept[q].2));
        match drop {
            Some(j) => {
                kept.remove(j);
            }
            None => break,
        }
    }
    kept.into_iter().map(|(a, b, _)| (a, b)).collect()
}

/// Where to draw the boundary inside gap `[a, b]`: the middle of the widest stretch that the
/// fewest words of `lines` cross.
pub(crate) fn cut(lines: &[&Line], a: f64, b: f64) -> f64 {
    let words: Vec<&Word> = lines
        .iter()
        .flat_map(|l| l.words().iter())
        .filter(|w| w.x1 > a && w.x0 < b)
        .collect();
    let mut pts = vec![a, b];
    for w in &words {
        pts.push(w.x0.clamp(a, b));
        pts.push(w.x1.clamp(a, b));
    }
    pts.sort_by(f64::total_cmp);
    pts.dedup();
    let mut best: Option<((usize, f64), f64)> = None;
    for p in pts.windows(2) {
        let m = (p[0] + p[1]) / 2.0;
        let n = words.iter().filter(|w| w.x0 < m && w.x1 > m).count();
        let key = (n, -(p[1] - p[0]));
        if best.is_none_or(|(k, _)| key.0 < k.0 || (key.0 == k.0 && key.1 < k.1)) {
            best = Some((key, m));
        }
    }
    best.map(|(_, m)| m).unwrap_or((a + b) / 2.0)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pdf::Glyph;
    use crate::table::assign::Frame;
    use crate::table::layout::{lines as make_lines, tests::text};

    fn gaps_of(g: &[Glyph]) -> Vec<(f64, f64)> {
        let idx: Vec<usize> = (0..g.len()).collect();
        let ls = make_lines(g, &idx, Frame::Right);
        let refs: Vec<&Line> = ls.iter().collect();
        let rows: Vec<&Line> = aligned(&refs).into_iter().map(|i| refs[i]).collect();
        find(g, &refs, &rows)
    }

    #[test]
    fn wide_gaps_are_columns_and_spaces_are_not() {
        let mut g = Vec::new();
        for (k, (a, b)) in [("Assam", "14,874"), ("Bihar", "21,016"), ("Goa", "4,055")]
            .iter()
            .enumerate()
        {
            let y = 100.0 - 14.0 * k as f64;
            text(&mut g, a, 0.0, y);
            // right-aligned numbers ending at 150
            text(&mut g, b, 150.0 - 5.0 * b.chars().count() as f64, y);
            text(&mut g, "OK CITY", 200.0, y);
            text(&mut g, "x", 260.0, y);
        }
        let gaps = gaps_of(&g);
        // Assam | numbers | OK CITY | x: the space inside "OK CITY" is no column.
        assert_eq!(gaps.len(), 3, "{gaps:?}");
        assert!(gaps[0].0 >= 25.0 && gaps[0].1 <= 120.0);
    }

    #[test]
    fn a_narrow_gap_is_a_column_only_between_varying_text() {
        // Right-aligned codes ending at 29, a second column from 33 (0.4 em: a space is 0.3),
        // names from 100.
        let build = |second: [&str; 3]| {
            let mut g = Vec::new();
            for (k, code) in ["1234", "567", "89"].iter().enumerate() {
                let y = 100.0 - 14.0 * k as f64;
                text(&mut g, code, 29.0 - 5.0 * code.len() as f64, y);
                text(&mut g, second[k], 33.0, y);
                text(&mut g, "a b c", 100.0, y);
            }
            g
        };
        assert_eq!(gaps_of(&build(["AAA", "BAW", "AAA"])).len(), 2);
        assert_eq!(gaps_of(&build(["EUR", "EUR", "EUR"])).len(), 1);
    }

    #[test]
    fn cut_avoids_the_odd_long_word() {
        let mut g = Vec::new();
        text(&mut g, "abcdef", 0.0, 0.0); // 0..30
        let idx: Vec<usize> = (0..g.len()).collect();
        let ls = make_lines(&g, &idx, Frame::Right);
        let refs: Vec<&Line> = ls.iter().collect();
        let c = cut(&refs, 20.0, 40.0);
        assert!((c - 35.0).abs() < 1e-9, "{c}");
    }
}
