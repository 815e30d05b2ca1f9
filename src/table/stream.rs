//! The glyphs outside ruled tables → unruled ("stream") tables: tables drawn with only
//! horizontal rules, with rules only around the header (booktabs), or with none.
//!
//! The entry reads as the pipeline, per reading direction (a table printed turned is read in
//! its own frame, like a turned ruled table):
//! [`regions`] (page columns of two-column prose split apart at their gutter) →
//! [`blocks`] (runs of lines whose segments line up in columns, with the header above and
//! continuation lines below) → [`columns::find`] (column gaps) → [`build`] (a row per text
//! line, or per band between rules when every row is ruled; a line crossing a column gap is
//! a cell spanning columns).
//!
//! Prose does not make tables: a prose line is one segment of many words, and two prose
//! lines in a row end a table; two columns of prose are split at their gutter before tables
//! are looked for. Nor do the labels of a figure: text aligned among curves and polygons.

use super::assign::{self, Frame, from_frame, to_frame};
use super::columns;
use super::layout::{self, Line, Rule, median};
use super::{Cell, Mode, Table, TableOptions};
use crate::geom::{Rect, approx_eq};
use crate::pdf::{Glyph, PageContent, ShapeKind};
use std::ops::Range;

/// Fewer glyphs than this in a direction make no table.
const MIN_GLYPHS: usize = 4;
/// A vertical gap of this many ems between lines ends a run of lines (tables are looked for
/// within runs). Tables set rows 4 em apart (a fund report's key figures between groups).
const RUN_GAP: f64 = 6.0;
/// A segment of this many words is prose (in a gutter test: a prose column).
const PROSE_SEG_WORDS: usize = 5;
/// A single-segment line of this many words is prose.
const PROSE_LINE_WORDS: usize = 6;
/// Lines of a table's header or continuation lines follow each other at most this many ems
/// apart, or at most this share of the table's row pitch.
const LEADING: f64 = 1.6;
const PITCH: f64 = 1.2;
/// A rule across this share of a table's width separates rows.
const RULE_SPAN: f64 = 0.5;
/// Tables side by side share text lines on fewer than this share of either side's lines.
const SHARED: f64 = 0.6;
/// A table's box holding this many curves and polygons is a figure's.
const FIGURE_SHAPES: usize = 4;
/// Words on one baseline have centres this close (em): the em boxes of one font size are
/// alike.
const BASELINE: f64 = 0.15;

/// A run of lines read as one table.
struct Block {
    /// Indices into the region's lines, top to bottom.
    lines: Vec<usize>,
    /// The column gaps found on its candidate body rows and header.
    gaps: Vec<(f64, f64)>,
    /// Where each gap is cut ([`columns::cut`]) among the block's lines, when already known.
    cuts: Option<Vec<f64>>,
}

/// Whether a glyph's text is blank (`char::is_whitespace` throughout). No white space lies
/// above U+3000: CJK text is told apart by one comparison, not by Unicode's table, whose
/// branches alternate between kana and ideographs.
fn is_blank(s: &str) -> bool {
    s.chars().all(|c| c <= '\u{3000}' && c.is_whitespace())
}

/// Whether a line is prose: one segment of many words.
fn is_prose(l: &Line) -> bool {
    l.segs().len() == 1 && l.word_count() >= PROSE_LINE_WORDS
}

/// Whether a table whose rows fall in bands of these line counts (between rules) rules every
/// row: three bands at least, most of them one line, and no more lines in the other bands
/// than in those. Then a band is a row and its lines one cell's wrapped text; otherwise rows
/// are text lines (rules around the header, under a spanning head or every fifth row do not
/// join lines).
pub(crate) fn row_ruled(counts: &[usize]) -> bool {
    let single = counts.iter().filter(|&&c| c == 1).count();
    let multi_lines: usize = counts.iter().filter(|&&c| c > 1).sum();
    counts.len() >= 3 && single * 5 >= counts.len() * 3 && multi_lines <= single
}

/// Runs of consecutive lines that no word crosses at `x`.
fn runs_beside(lines: &[Line], x: f64) -> Vec<Vec<&Line>> {
    let mut out: Vec<Vec<&Line>> = vec![Vec::new()];
    for l in lines {
        if l.covers(x) {
            out.push(Vec::new());
        } else if let Some(run) = out.last_mut() {
            run.push(l);
        }
    }
    out.retain(|r| !r.is_empty());
    out
}

/// Vertical gaps between tables side by side: `(x, top, bottom)` over a run of lines that no
/// word crosses at `x`, where lines of two segments or more stand on each side alone (twice at
/// least) and fewer than [`SHARED`] of either side's lines hold text on both sides. The rows of
/// one table share their baselines across its columns; two tables with their own row heights
/// do not (tables set on the same baselines read as one).
fn separate_tables(lines: &[Line]) -> Vec<(f64, f64, f64)> {
    let multi: Vec<&Line> = lines.iter().filter(|l| l.is_multi()).collect();
    if multi.len() < 4 {
        return Vec::new();
    }
    let (x0, x1) = multi
        .iter()
        .fold((f64::MAX, f64::MIN), |(a, b), l| (a.min(l.x0), b.max(l.x1)));
    let size = median(multi.iter().map(|l| l.size).collect());
    let mut out = Vec::new();
    for (a, b) in columns::valleys(&multi, x0, x1, 0) {
        if a <= x0 || b >= x1 || b - a < size {
            continue;
        }
        let x = (a + b) / 2.0;
        for run in runs_beside(lines, x) {
            let (mut left, mut right, mut both, mut left_rows, mut right_rows) = (0, 0, 0, 0, 0);
            for l in &run {
                // Shared lines already too many: one table across the gap.
                if (both as f64) >= SHARED * run.len() as f64 {
                    break;
                }
                // Text on both sides shares the line only on one baseline: lines of two tables
                // a few points apart fall in one line cluster without sharing it.
                // Both sides in one pass, each summed in the order of its words.
                let (mut n, mut sum) = ([0usize; 2], [0.0f64; 2]);
                for w in l.words() {
                    let right = usize::from((w.x0 + w.x1) / 2.0 > x);
                    n[right] += 1;
                    sum[right] += (w.y0 + w.y1) / 2.0;
                }
                let side = |k: usize| (n[k] > 0).then(|| sum[k] / n[k] as f64);
                let (ly, ry) = (side(0), side(1));
                let (l_side, r_side) = (ly.is_some(), ry.is_some());
                left += l_side as usize;
                right += r_side as usize;
                both += matches!((ly, ry), (Some(a), Some(b)) if approx_eq(a, b, BASELINE * l.size))
                    as usize;
                left_rows += (l_side && !r_side && l.is_multi()) as usize;
                right_rows += (r_side && !l_side && l.is_multi()) as usize;
            }
            if left_rows >= 2
                && right_rows >= 2
                && (both as f64) < SHARED * left as f64
                && (both as f64) < SHARED * right as f64
                && let (Some(top), Some(bottom)) = (run.first(), run.last())
            {
                out.push((x, top.y1, bottom.y0));
            }
        }
    }
    out
}

/// Vertical gutters between columns of prose: `(x, top, bottom)` in the frame, each over a
/// run of consecutive lines that no word crosses at `x`, beside which prose segments stand on
/// both sides in three lines at least and a fifth of the run.
fn gutters(lines: &[Line]) -> Vec<(f64, f64, f64)> {
    let mut gaps: Vec<(f64, f64)> = Vec::new();
    for l in lines {
        for s in 1..l.segs().len() {
            if l.seg_words(s - 1) >= PROSE_SEG_WORDS && l.seg_words(s) >= PROSE_SEG_WORDS {
                gaps.push((l.seg_span(s - 1).1, l.seg_span(s).0));
            }
        }
    }
    // The x stabbing most gaps, then the next among the gaps left, ...
    let mut xs = Vec::new();
    while !gaps.is_empty() {
        let mut best: Option<(usize, f64)> = None;
        for &(a, _) in &gaps {
            let (holding, nearest) = gaps
                .iter()
                .filter(|g| g.0 <= a && a < g.1)
                .fold((0, f64::MAX), |(n, m), g| (n + 1, m.min(g.1)));
            if holding > best.map_or(0, |b| b.0) {
                best = Some((holding, (a + nearest) / 2.0));
            }
        }
        let Some((_, x)) = best.filter(|b| b.0 >= 3) else {
            break;
        };
        xs.push(x);
        gaps.retain(|g| !(g.0 <= x && x <= g.1));
    }
    let mut out = Vec::new();
    for x in xs {
        for run in runs_beside(lines, x) {
            let both = run
                .iter()
                .filter(|l| {
                    let left = (0..l.segs().len()).rev().find(|&s| l.seg_span(s).1 <= x);
                    let right = (0..l.segs().len()).find(|&s| l.seg_span(s).0 >= x);
                    matches!((left, right), (Some(a), Some(b))
                        if l.seg_words(a) >= PROSE_SEG_WORDS && l.seg_words(b) >= PROSE_SEG_WORDS)
                })
                .count();
            if both >= 3
                && both * 5 >= run.len()
                && let (Some(top), Some(bottom)) = (run.first(), run.last())
            {
                out.push((x, top.y1, bottom.y0));
            }
        }
    }
    out
}

/// The glyphs (indices) of a direction as the text lines of regions: the page, with each
/// column of a two-column prose section and each of two tables side by side apart.
fn regions(page: &PageContent, idx: &[usize], frame: Frame, rules: &[Rule]) -> Vec<Vec<Line>> {
    let lines = layout::lines_ruled(&page.glyphs, idx, frame, rules);
    // Without two lines of two segments there is no table, and no gutter worth looking for.
    if lines.iter().filter(|l| l.is_multi()).count() < 2 {
        return Vec::new();
    }
    let mut gut = gutters(&lines);
    gut.extend(separate_tables(&lines));
    if gut.is_empty() {
        return vec![lines];
    }
    gut.sort_by(|a, b| (b.1 - b.2).total_cmp(&(a.1 - a.2)));
    let mut rects = vec![Rect::new(f64::MIN, f64::MIN, f64::MAX, f64::MAX)];
    for (x, top, bottom) in gut {
        let mid = (top + bottom) / 2.0;
        let mut next = Vec::new();
        for r in rects {
            if r.x0 < x && x < r.x1 && r.y0 <= mid && mid <= r.y1 {
                let (t, b) = (top.clamp(r.y0, r.y1), bottom.clamp(r.y0, r.y1));
                next.push(Rect::new(r.x0, t, r.x1, r.y1));
                next.push(Rect::new(r.x0, b, x, t));
                next.push(Rect::new(x, b, r.x1, t));
                next.push(Rect::new(r.x0, r.y0, r.x1, b));
            } else {
                next.push(r);
            }
        }
        rects = next
            .into_iter()
            .filter(|r| r.width() > 0.0 && r.height() > 0.0)
            .collect();
    }
    let mut out: Vec<Vec<usize>> = vec![Vec::new(); rects.len()];
    for &i in idx {
        let b = to_frame(&page.glyphs[i].bbox, frame);
        let (cx, cy) = (b.cx(), b.cy());
        if let Some(k) = rects
            .iter()
            .position(|r| cx >= r.x0 && cx < r.x1 && cy >= r.y0 && cy < r.y1)
        {
            out[k].push(i);
        }
    }
    out.retain(|v| !v.is_empty());
    out.into_iter()
        .map(|part| layout::lines_ruled(&page.glyphs, &part, frame, rules))
        .collect()
}

/// Runs of lines that read as tables: candidate rows (lines whose segments line up with
/// other lines') with the prose between them no more than one line, extended upward by the
/// header (lines following each other closely) and downward by continuation lines that stay
/// within one column.
fn blocks(glyphs: &[Glyph], lines: &[Line]) -> Vec<Block> {
    let mut runs: Vec<Vec<usize>> = Vec::new();
    for (i, l) in lines.iter().enumerate() {
        match runs.last_mut() {
            Some(run)
                if run.last().is_some_and(|&p| {
                    lines[p].yc - l.yc <= RUN_GAP * lines[p].size.max(l.size)
                }) =>
            {
                run.push(i)
            }
            _ => runs.push(vec![i]),
        }
    }
    let mut out = Vec::new();
    for run in runs {
        let multi: Vec<usize> = (0..run.len())
            .filter(|&k| lines[run[k]].is_multi())
            .collect();
        let refs: Vec<&Line> = multi.iter().map(|&k| &lines[run[k]]).collect();
        let rows: Vec<usize> = columns::aligned(&refs)
            .into_iter()
            .map(|j| multi[j])
            .collect();
        if rows.len() < 2 {
            continue;
        }
        // Two prose lines in a row between candidate rows separate tables.
        let mut groups: Vec<Vec<usize>> = vec![vec![rows[0]]];
        for w in rows.windows(2) {
            let (mut streak, mut longest) = (0, 0);
            for k in w[0] + 1..w[1] {
                streak = if is_prose(&lines[run[k]]) {
                    streak + 1
                } else {
                    0
                };
                longest = longest.max(streak);
            }
            match groups.last_mut() {
                Some(g) if longest < 2 => g.push(w[1]),
                _ => groups.push(vec![w[1]]),
            }
        }
        for g in groups.into_iter().filter(|g| g.len() >= 2) {
            let (lo, hi) = (g[0], g[g.len() - 1]);
            let pitch = median(
                g.windows(2)
                    .map(|p| lines[run[p[0]]].yc - lines[run[p[1]]].yc)
                    .collect(),
            );
            let close = |a: usize, b: usize| {
                let (a, b) = (&lines[run[a]], &lines[run[b]]);
                a.yc - b.yc <= (LEADING * a.size.max(b.size)).max(PITCH * pitch)
            };
            let mut k = lo;
            while k > 0 && close(k - 1, k) && !is_prose(&lines[run[k - 1]]) {
                k -= 1;
            }
            let head: Vec<&Line> = (k..=hi).map(|j| &lines[run[j]]).collect();
            let body: Vec<&Line> = g.iter().map(|&j| &lines[run[j]]).collect();
            let gaps = columns::find(glyphs, &head, &body);
            let cuts: Vec<f64> = gaps
                .iter()
                .map(|&(a, b)| columns::cut(&head, a, b))
                .collect();
            let fits =
                |l: &Line| l.segs().len() == 1 && !cuts.iter().any(|&c| l.x0 < c && c < l.x1);
            let mut e = hi;
            while e + 1 < run.len() && close(e, e + 1) && fits(&lines[run[e + 1]]) {
                e += 1;
            }
            out.push(Block {
                lines: (k..=e).map(|j| run[j]).collect(),
                gaps,
                // Without continuation lines, the header and rows are all the block's lines.
                cuts: (e == hi).then_some(cuts),
            });
        }
    }
    out
}

/// Groups the table's lines (top to bottom) into rows: bands between rules when every row is
/// ruled ([`row_ruled`]), otherwise one row per line.
fn rows_of(page: &PageContent, frame: Frame, ls: &[&Line], x0: f64, x1: f64) -> Vec<Range<usize>> {
    let rules: Vec<f64> = page
        .rulings
        .iter()
        .map(|r| to_frame(&Rect::new(r.x0, r.y0, r.x1, r.y1), frame))
        .filter(|r| r.width() >= r.height() && r.x1.min(x1) - r.x0.max(x0) >= RULE_SPAN * (x1 - x0))
        .map(|r| r.cy())
        .collect();
    // Bands are runs of consecutive lines: ranges, not a vector each (a row is often a line).
    let mut bands: Vec<Range<usize>> = Vec::new();
    for i in 0..ls.len() {
        let ruled = i > 0 && rules.iter().any(|&y| y < ls[i - 1].yc && y > ls[i].yc);
        match bands.last_mut() {
            Some(b) if !ruled => b.end = i + 1,
            _ => bands.push(i..i + 1),
        }
    }
    if row_ruled(&bands.iter().map(ExactSizeIterator::len).collect::<Vec<_>>()) {
        bands
    } else {
        (0..ls.len()).map(|i| i..i + 1).collect()
    }
}

/// One table from a block of lines and its column boundaries (`cuts`, left to right).
fn build(
    page: &PageContent,
    frame: Frame,
    ls: &[&Line],
    cuts: &[f64],
    guessed: bool,
    min_cells: usize,
) -> Option<Table> {
    if cuts.is_empty() || ls.len() < 2 {
        return None;
    }
    let Rect { x0, y0, x1, y1 } = layout::bbox(ls);
    let rows = rows_of(page, frame, ls, x0, x1);
    let ncols = cuts.len() + 1;
    let nrows = rows.len();
    let mut edges = vec![x0];
    edges.extend_from_slice(cuts);
    edges.push(x1);
    let col_of = |x: f64| cuts.partition_point(|&c| c < x);
    // Row edges: halfway between the bands' boxes.
    let top = |r: &Range<usize>| ls[r.clone()].iter().map(|l| l.y1).fold(f64::MIN, f64::max);
    let bottom = |r: &Range<usize>| ls[r.clone()].iter().map(|l| l.y0).fold(f64::MAX, f64::min);
    let mut ys = vec![y1];
    for w in rows.windows(2) {
        ys.push((bottom(&w[0]) + top(&w[1])) / 2.0);
    }
    ys.push(y0);
    let mut cells = Vec::with_capacity(nrows * ncols);
    // Pieces of segments between the cuts: (first column, last column, glyphs), row by row.
    let mut pieces: Vec<(usize, usize, Vec<usize>)> = Vec::with_capacity(ncols);
    for (r, band) in rows.iter().enumerate() {
        for li in band.clone() {
            let l = ls[li];
            for s in l.segs() {
                let mut start = s.start;
                for k in s.clone() {
                    let last = k + 1 == s.end;
                    let split = !last
                        && cuts
                            .iter()
                            .any(|&c| l.words()[k].x1 <= c && c <= l.words()[k + 1].x0);
                    if split || last {
                        let ws = &l.words()[start..=k];
                        let px0 = ws[0].x0;
                        let px1 = ws.iter().map(|w| w.x1).fold(f64::MIN, f64::max);
                        let c0 = col_of(px0 + columns::CROSS_TOL.min((px1 - px0) / 2.0));
                        let c1 = col_of(px1 - columns::CROSS_TOL).max(c0);
                        let g = ws.iter().flat_map(|w| l.glyphs_of(w).iter().copied());
                        match pieces.iter_mut().find(|p| p.0 == c0) {
                            Some(p) => {
                                p.1 = p.1.max(c1);
                                p.2.extend(g);
                            }
                            None => pieces.push((c0, c1, g.collect())),
                        }
                        start = k + 1;
                    }
                }
            }
        }
        // Pieces of one column were merged above: the keys are distinct.
        pieces.sort_unstable_by_key(|p| p.0);
        // A piece spans only the empty columns after it.
        for i in 0..pieces.len() {
            if let Some(next) = pieces.get(i + 1).map(|p| p.0) {
                pieces[i].1 = pieces[i].1.min(next - 1);
            }
        }
        let mut c = 0;
        let mut it = pieces.drain(..).peekable();
        while c < ncols {
            let (c1, glyphs) = match it.next_if(|p| p.0 == c) {
                Some((_, c1, g)) => (c1.min(ncols - 1), g),
                None => (c, Vec::new()),
            };
            // A row of one line is read as that line; a band of lines as a cell's lines.
            let read = if band.len() == 1 {
                assign::read_line(&page.glyphs, glyphs, frame)
            } else {
                assign::read(&page.glyphs, &glyphs)
            };
            cells.push(Cell {
                row: r,
                col: c,
                rowspan: 1,
                colspan: c1 + 1 - c,
                text: read.text,
                glyphs: read.order,
                line_spans: read.line_spans,
                vertical: false,
                drawn_mark: false,
                bbox: from_frame(&Rect::new(edges[c], ys[r + 1], edges[c1 + 1], ys[r]), frame),
            });
            c = c1 + 1;
        }
    }
    if nrows < 2 || cells.len() < min_cells.max(4) {
        return None;
    }
    Some(Table {
        page: page.number,
        bbox: from_frame(&Rect::new(x0, y0, x1, y1), frame),
        nrows,
        ncols,
        cells,
        turned: match frame {
            Frame::Right => None,
            Frame::Up => Some(90),
            Frame::Left => Some(180),
            Frame::Down => Some(270),
        },
        inferred_sides: Vec::new(),
        mode: Mode::Stream,
        confidence: Default::default(),
        columns_guessed: guessed,
    })
}

/// Whether a box holds the curves and polygons of a drawing (arrows, boxes with rounded
/// corners, plotted lines): text aligned there is a figure's labels, not a table. Tables draw
/// rules, shading, bullets and ○ marks, which are other shapes.
/// `drawing` holds the centres of the page's curves and polygons ([`drawing_points`]).
fn in_figure(drawing: &[(f64, f64)], bbox: &Rect) -> bool {
    drawing
        .iter()
        .filter(|&&(x, y)| bbox.contains_point(x, y, 0.0))
        .count()
        >= FIGURE_SHAPES
}

/// The centres of a page's curves and polygons, the shapes [`in_figure`] counts: gathered once
/// per page, as a page of drawings holds thousands of shapes of other kinds.
fn drawing_points(page: &PageContent) -> Vec<(f64, f64)> {
    page.shapes
        .iter()
        .filter(|s| matches!(s.kind, ShapeKind::Curve | ShapeKind::Polygon))
        .map(|s| (s.bbox.cx(), s.bbox.cy()))
        .collect()
}

/// The vertical rules of a page in a reading frame.
fn vertical_rules(page: &PageContent, frame: Frame) -> Vec<Rule> {
    page.rulings
        .iter()
        .map(|r| to_frame(&Rect::new(r.x0, r.y0, r.x1, r.y1), frame))
        .filter(|r| r.height() > r.width())
        .map(|r| (r.cx(), r.y0, r.y1))
        .collect()
}

/// The column boundaries of a block: its vertical rules (a table ruled between columns only,
/// which no grid closes), and the middle of each gap found from alignment that no rule runs
/// through — placed to avoid the continuation lines too. Also whether any was guessed.
fn ruled_cuts(
    rules: &[Rule],
    ls: &[&Line],
    gaps: &[(f64, f64)],
    known: Option<&[f64]>,
) -> (Vec<f64>, bool) {
    let Rect { x0, y0, x1, y1 } = layout::bbox(ls);
    let size = median(ls.iter().map(|l| l.size).collect());
    let mut cuts: Vec<f64> = rules
        .iter()
        .filter(|&&(x, a, b)| {
            x > x0
                && x < x1
                && b.min(y1) - a.max(y0) >= RULE_SPAN * (y1 - y0)
                && !ls
                    .iter()
                    .any(|l| l.words().iter().any(|w| columns::crosses(w, x)))
        })
        .map(|r| r.0)
        .collect();
    let ruled = cuts.len();
    for (k, &(a, b)) in gaps.iter().enumerate() {
        if !cuts[..ruled]
            .iter()
            .any(|&x| x >= a - size && x <= b + size)
        {
            cuts.push(match known {
                Some(c) => c[k],
                None => columns::cut(ls, a, b),
            });
        }
    }
    let guessed = cuts.len() > ruled;
    cuts.sort_by(f64::total_cmp);
    cuts.dedup_by(|a, b| (*a - *b).abs() < 1.0);
    (cuts, guessed)
}

/// The unruled tables of a page among the glyphs outside `taken` (the ruled tables' boxes).
/// With `opts.area`, the text inside the area is read as one table; with `opts.columns`, the
/// tables of upright text take those column boundaries instead of guessed ones.
pub(crate) fn tables(page: &PageContent, taken: &[Rect], opts: &TableOptions) -> Vec<Table> {
    let mut by_dir: [Vec<usize>; 4] = Default::default();
    // Most glyphs are upright: one allocation instead of a dozen regrowths.
    by_dir[0].reserve(page.glyphs.len());
    for (i, g) in page.glyphs.iter().enumerate() {
        let (cx, cy) = (g.bbox.cx(), g.bbox.cy());
        // The text, behind a pointer, is looked at last: glyphs of ruled tables need not be.
        if g.vertical
            || taken.iter().any(|r| r.contains_point(cx, cy, 0.5))
            || opts.area.is_some_and(|a| !a.contains_point(cx, cy, 0.0))
            || is_blank(&g.text)
        {
            continue;
        }
        by_dir[g.dir.index()].push(i);
    }
    let mut out = Vec::new();
    let mut drawing: Option<Vec<(f64, f64)>> = None;
    for (dir, idx) in by_dir.iter().enumerate() {
        if idx.len() < MIN_GLYPHS {
            continue;
        }
        let frame = Frame::of_dir(dir as u8);
        // Column hints are page x positions: they apply to upright text only.
        let hint = opts.columns.as_deref().filter(|_| frame == Frame::Right);
        let found_before = out.len();
        let rules = vertical_rules(page, frame);
        let mut parts = if opts.area.is_some() {
            vec![layout::lines_ruled(&page.glyphs, idx, frame, &rules)]
        } else {
            regions(page, idx, frame, &rules)
        };
        if parts.is_empty() && hint.is_some() {
            parts.push(layout::lines_ruled(&page.glyphs, idx, frame, &rules));
        }
        for lines in parts {
            let mut found = if opts.area.is_some() {
                Vec::new()
            } else {
                blocks(&page.glyphs, &lines)
            };
            if found.is_empty()
                && (opts.area.is_some() || (hint.is_some() && out.len() == found_before))
            {
                // The whole area (or page, given columns) is the table.
                let multi: Vec<usize> = (0..lines.len()).filter(|&i| lines[i].is_multi()).collect();
                let refs: Vec<&Line> = multi.iter().map(|&i| &lines[i]).collect();
                let aligned: Vec<usize> = columns::aligned(&refs)
                    .into_iter()
                    .map(|j| multi[j])
                    .collect();
                let rows = if aligned.len() >= 2 { aligned } else { multi };
                let all: Vec<&Line> = lines.iter().collect();
                let body: Vec<&Line> = rows.iter().map(|&i| &lines[i]).collect();
                found.push(Block {
                    gaps: columns::find(&page.glyphs, &all, &body),
                    lines: (0..lines.len()).collect(),
                    cuts: None,
                });
            }
            for b in found {
                let ls: Vec<&Line> = b.lines.iter().map(|&i| &lines[i]).collect();
                let (x0, x1) = ls
                    .iter()
                    .fold((f64::MAX, f64::MIN), |(a, z), l| (a.min(l.x0), z.max(l.x1)));
                let (cuts, guessed) = match hint {
                    Some(xs) => {
                        let mut v: Vec<f64> =
                            xs.iter().copied().filter(|&c| c > x0 && c < x1).collect();
                        v.sort_by(f64::total_cmp);
                        v.dedup();
                        (v, false)
                    }
                    None => ruled_cuts(&rules, &ls, &b.gaps, b.cuts.as_deref()),
                };
                if let Some(t) = build(page, frame, &ls, &cuts, guessed, opts.min_cells)
                    && (opts.area.is_some()
                        || !in_figure(drawing.get_or_insert_with(|| drawing_points(page)), &t.bbox))
                {
                    out.push(t);
                }
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::table::assign::tests::page;
    use crate::table::layout::tests::text;

    #[test]
    fn an_unruled_listing_is_a_table_and_prose_is_not() {
        let mut g = Vec::new();
        text(
            &mut g,
            "This is a line of running prose that is long enough",
            0.0,
            500.0,
        );
        text(
            &mut g,
            "and here is another line of the same paragraph text",
            0.0,
            486.0,
        );
        for (k, (a, b, c)) in [
            ("Assam", "12", "x1"),
            ("Bihar", "345", "x2"),
            ("Goa", "6", "x3"),
        ]
        .iter()
        .enumerate()
        {
            let y = 440.0 - 14.0 * k as f64;
            text(&mut g, a, 0.0, y);
            text(&mut g, b, 100.0 - 5.0 * b.len() as f64, y);
            text(&mut g, c, 150.0, y);
            // Space glyphs, as some producers draw them, in each cell of the row.
            for x in [30.0, 102.0, 160.0] {
                g.push(crate::table::assign::tests::glyph(
                    " ",
                    Rect::new(x, y, x + 3.0, y + 10.0),
                    10.0,
                ));
            }
        }
        let p = page(g);
        let ts = tables(&p, &[], &TableOptions::default());
        assert_eq!(ts.len(), 1);
        assert_eq!(
            ts[0].rows(),
            vec![
                vec!["Assam", "12", "x1"],
                vec!["Bihar", "345", "x2"],
                vec!["Goa", "6", "x3"]
            ]
        );
        assert_eq!(ts[0].mode, Mode::Stream);
        assert!(ts[0].columns_guessed);
        // The confidence of a stream table counts every glyph of its cells: none is blank.
        let kept: Vec<usize> = ts[0].cells.iter().flat_map(|c| c.glyphs.clone()).collect();
        assert_eq!(kept.len(), 9 + 10 + 6);
        assert!(kept.iter().all(|&i| !p.glyphs[i].text.trim().is_empty()));
        let opts = TableOptions {
            search: super::super::Search::Stream,
            ..TableOptions::default()
        };
        let found = super::super::find_tables(&p, &opts);
        assert_eq!(found[0].confidence.accuracy, 1.0);
    }

    #[test]
    fn blank_is_white_space_throughout_on_every_scalar() {
        for c in (0..=0x10FFFFu32).filter_map(char::from_u32) {
            let s = c.to_string();
            assert_eq!(is_blank(&s), c.is_whitespace(), "{c:?}");
        }
        assert!(is_blank("") && is_blank(" \u{3000}") && !is_blank(" a"));
    }

    #[test]
    fn bands_between_rules_are_rows_only_when_every_row_is_ruled() {
        assert!(row_ruled(&[1, 1, 2, 1]));
        assert!(!row_ruled(&[1, 30, 1]));
        assert!(!row_ruled(&[1, 1, 4]));
        assert!(!row_ruled(&[5, 5, 5, 1]));
        assert!(!row_ruled(&[1, 1]));
    }
}
