//! A page's content (glyphs, and the ruled tables found on it) → its text as lines in reading
//! order, for `kaitei text`.
//!
//! Glyphs are read in *frames*: the page turned so that the text's reading direction runs along
//! +x and lines follow each other along −y. Text on a baseline at any angle has its own frame
//! (a slanted paragraph stays whole); vertical writing (WMode 1) is read in the frame turned a
//! quarter, so that its columns, right to left, become lines, top to bottom.
//!
//! In a frame, glyphs are clustered into lines (as the table reader clusters them,
//! [`crate::table::layout::cluster`]; upright glyphs stacked in columns are read as vertical
//! writing where the table reader would), lines cut into segments at wide gaps, and the
//! segments ordered by recursive XY-cut (Nagy & Seth 1984, as pdfminer's and pdfplumber's
//! layout analysis and Tesseract's page layout do): the widest whitespace gap across the
//! region splits it, columns left to right, bands top to bottom. A vertical cut between two
//! columns is taken only where the content stream, too, draws one side after the other (a
//! table drawn row by row is read row by row, as pdfium reads it), not between the fields of
//! rows (short lines pairing up on shared baselines a few ems apart: a form's labels and values,
//! an unruled table's cells, however they are drawn), and not before a band gap that one side
//! does not reach across (a heading over one of two address boxes is read before both). Ruled
//! tables and text of other frames take part in the main frame's cut as whole blocks; a ruled
//! table's row of one-line cells is one line.
//!
//! Within a line, a space glyph (U+0020, U+00A0, U+2000–U+200A) gives a space and U+3000 stays;
//! between Latin glyphs, a gap wider than the line's usual letter gap by 0.15 em gives a space
//! (pdfminer's `word_margin` is 0.1 em), so that letter-spaced text (Tc) and tightly justified
//! lines both come out with their words. CJK glyphs join without spaces however far apart
//! (均等割付 headings).

use crate::geom::Rect;
use crate::pdf::{Glyph, PageContent};
use crate::table::assign::is_wide;
use crate::table::layout::{SEG_GAP, cluster, glyph_box, median, stacked_columns};
use crate::table::{Cell, Table};

/// A line of text in reading order.
pub use crate::table::assign::TextLine as Line;

/// A column gutter must be at least this wide (in ems of the region's median size).
const GUTTER: f64 = 0.9;
/// A gap between short fields on shared baselines narrower than this (in ems) parts the cells of
/// rows, not blocks: an invoice's address boxes stand 26 em apart, a form's label and value 1–4.
const FIELD_GAP: f64 = 8.0;
/// Lines whose median length reaches this (in ems) are prose: a two-column paper's columns are
/// 25 em wide.
const PROSE: f64 = 12.0;
/// A band gap taken before a column cut is at least this high (in ems): a blank line.
const BAND: f64 = 1.0;
/// Glyph baselines within this angle (degrees) are one frame.
const ANGLE_TOLERANCE: f64 = 3.0;

/// A glyph in a frame.
#[derive(Debug, Clone, Copy)]
struct Item {
    /// Index into the page's glyphs.
    idx: usize,
    /// Box in frame coordinates.
    r: Rect,
    size: f64,
    space: bool,
    wide: bool,
}

/// A frame: rotation of the reading direction, anticlockwise degrees.
#[derive(Debug, Clone, Copy)]
struct Frame {
    angle: f64,
}

impl Frame {
    fn point(&self, x: f64, y: f64) -> (f64, f64) {
        let (s, c) = self.angle.to_radians().sin_cos();
        (x * c + y * s, -x * s + y * c)
    }

    /// A page rectangle in this frame (the box of its turned corners).
    fn rect(&self, r: &Rect) -> Rect {
        let pts = [
            self.point(r.x0, r.y0),
            self.point(r.x1, r.y0),
            self.point(r.x0, r.y1),
            self.point(r.x1, r.y1),
        ];
        let (mut x0, mut y0, mut x1, mut y1) = (f64::MAX, f64::MAX, f64::MIN, f64::MIN);
        for (x, y) in pts {
            x0 = x0.min(x);
            x1 = x1.max(x);
            y0 = y0.min(y);
            y1 = y1.max(y);
        }
        Rect { x0, y0, x1, y1 }
    }

    /// A glyph's box in this frame: its em box along and across the reading direction.
    fn item(&self, idx: usize, g: &Glyph) -> Item {
        let (cx, cy) = self.point(g.bbox.cx(), g.bbox.cy());
        let h = g.size.max(0.1);
        // The page box of an em box w × h turned by θ is W = w|cos| + h|sin|, H = w|sin| + h|cos|.
        let (s, c) = g.angle.to_radians().sin_cos();
        let (s, c) = (s.abs(), c.abs());
        let w = if c >= s {
            (g.bbox.width() - h * s) / c
        } else {
            (g.bbox.height() - h * c) / s
        };
        let w = if w.is_finite() && w > 0.05 * h {
            w
        } else {
            0.5 * h
        };
        // Vertical writing advances down the em box: along the reading direction it is h.
        let (along, across) = if g.vertical { (h, w) } else { (w, h) };
        let text = g.text.as_str();
        Item {
            idx,
            r: Rect {
                x0: cx - along / 2.0,
                y0: cy - across / 2.0,
                x1: cx + along / 2.0,
                y1: cy + across / 2.0,
            },
            size: h,
            space: is_space(text),
            wide: text.chars().next().is_some_and(is_wide),
        }
    }
}

fn is_space(t: &str) -> bool {
    !t.is_empty() && t.chars().all(char::is_whitespace)
}

/// The reading direction of a glyph: its baseline, or a quarter turn clockwise of it for
/// vertical writing.
fn reading_angle(g: &Glyph) -> f64 {
    let a = if g.vertical { g.angle - 90.0 } else { g.angle };
    a.rem_euclid(360.0)
}

fn angle_diff(a: f64, b: f64) -> f64 {
    let d = (a - b).rem_euclid(360.0);
    d.min(360.0 - d)
}

/// Items sorted into lines, top to bottom, each left to right; lines of spaces only left out.
fn lines_of(items: Vec<Item>) -> Vec<Vec<Item>> {
    cluster(items, |i| i.r, |i| i.size)
        .into_iter()
        .map(|l| l.items)
        .filter(|l| l.iter().any(|i| !i.space))
        .collect()
}

/// What the main frame's XY-cut orders: a run of glyphs on one line, or a block read on its
/// own (a table, text of another frame), kept whole; with its box in the frame, the first glyph
/// the content stream draws of it, and its median glyph size.
#[derive(Debug, Clone)]
struct Unit {
    r: Rect,
    first: usize,
    size: f64,
    kind: UnitKind,
}

#[derive(Debug, Clone)]
enum UnitKind {
    Segment(Vec<Item>),
    Block(Vec<Line>),
}

impl Unit {
    fn segment(items: Vec<Item>) -> Unit {
        let r = frame_box(&items);
        let first = items.iter().map(|i| i.idx).min().unwrap_or(0);
        let size = items.iter().map(|i| i.size).fold(0.0, f64::max);
        Unit {
            r,
            first,
            size,
            kind: UnitKind::Segment(items),
        }
    }

    fn block(r: Rect, lines: Vec<Line>) -> Unit {
        let first = lines
            .iter()
            .flat_map(|l| l.glyphs.iter().copied())
            .min()
            .unwrap_or(usize::MAX);
        Unit {
            r,
            first,
            size: 0.0,
            kind: UnitKind::Block(lines),
        }
    }
}

fn segments(line: Vec<Item>) -> Vec<Unit> {
    let base = letter_gap(&line);
    let mut out = Vec::new();
    let mut cur: Vec<Item> = Vec::new();
    let mut right = f64::MIN;
    for it in line {
        if !cur.is_empty() && it.r.x0 - right > (base + SEG_GAP) * it.size.max(cur[0].size) {
            out.push(Unit::segment(std::mem::take(&mut cur)));
            right = f64::MIN;
        }
        if it.space && cur.is_empty() {
            continue;
        }
        // A space glyph fills its gap.
        right = right.max(it.r.x1);
        cur.push(it);
    }
    if !cur.is_empty() {
        out.push(Unit::segment(cur));
    }
    out
}

/// Gaps of the projection of `spans` on one axis: (gap width, cut position), widest first.
fn gaps(mut spans: Vec<(f64, f64)>) -> Vec<(f64, f64)> {
    spans.sort_by(|a, b| a.0.total_cmp(&b.0));
    let mut out = Vec::new();
    let mut reach = f64::MIN;
    for (a, b) in spans {
        if reach > f64::MIN && a > reach {
            out.push((a - reach, (a + reach) / 2.0));
        }
        reach = reach.max(b);
    }
    out.sort_by(|a, b| b.0.total_cmp(&a.0));
    out
}

/// The median size of the segments among `units` (10 where there are none).
fn median_size(units: &[Unit]) -> f64 {
    let sizes: Vec<f64> = units
        .iter()
        .filter(|u| matches!(u.kind, UnitKind::Segment(_)))
        .map(|u| u.size)
        .collect();
    if sizes.is_empty() {
        return 10.0;
    }
    median(sizes)
}

/// Whether the content stream draws the units left of `cut` and those right of it one side
/// after the other (a few alternations allowed for running heads and the like), rather than
/// interleaved line by line as a table's rows are.
fn drawn_apart(units: &[Unit], cut: f64) -> bool {
    let mut order: Vec<(usize, bool)> = units.iter().map(|u| (u.first, u.r.cx() > cut)).collect();
    order.sort_by_key(|o| o.0);
    let switches = order.windows(2).filter(|w| w[0].1 != w[1].1).count();
    switches <= 2.max(order.len() / 20)
}

/// Units on one side of a candidate column cut.
fn side<'a>(units: &'a [Unit], cut: f64, right: bool) -> Vec<&'a Unit> {
    units.iter().filter(|u| (u.r.cx() > cut) == right).collect()
}

/// Whether a gap between `left` and `right` is one between the fields of rows — a form's labels
/// and values, an unruled table's cells — rather than a gutter between blocks: neither side is
/// prose (lines a dozen ems long), the gap is narrower than a block's gutter, and the lines of the
/// two sides pair up on shared baselines. Such rows are read as lines however the stream draws
/// them.
fn between_fields(left: &[&Unit], right: &[&Unit], gap: f64, size: f64) -> bool {
    if gap >= FIELD_GAP * size {
        return false;
    }
    let prose = |v: &[&Unit]| {
        if v.iter().any(|u| matches!(u.kind, UnitKind::Block(_))) {
            return true;
        }
        let mut w: Vec<f64> = v.iter().map(|u| u.r.width() / u.size.max(0.1)).collect();
        w.sort_by(f64::total_cmp);
        w.get(w.len() / 2).is_some_and(|&m| m >= PROSE)
    };
    if prose(left) || prose(right) {
        return false;
    }
    let (few, many) = if left.len() <= right.len() {
        (left, right)
    } else {
        (right, left)
    };
    let paired = few
        .iter()
        .filter(|a| {
            many.iter()
                .any(|b| (a.r.cy() - b.r.cy()).abs() <= 0.3 * a.size.max(b.size))
        })
        .count();
    paired >= 2 && paired * 5 >= few.len() * 4
}

/// A band gap (a blank line or more) that one side of a column cut does not reach across: a
/// heading over one box, a footer under two, a title over two columns. Cutting there first keeps
/// the column cut to blocks side by side at the same height; where both sides run past every such
/// gap (two columns whose paragraph breaks happen to line up) the columns stand.
fn band_before_columns(
    yg: &[(f64, f64)],
    left: &[&Unit],
    right: &[&Unit],
    size: f64,
) -> Option<f64> {
    let clear = |v: &[&Unit], cut: f64| {
        v.iter().all(|u| u.r.cy() > cut) || v.iter().all(|u| u.r.cy() < cut)
    };
    yg.iter()
        .filter(|g| g.0 >= BAND * size)
        .find(|&&(_, cut)| clear(left, cut) || clear(right, cut))
        .map(|g| g.1)
}

/// Recursive XY-cut: units → blocks in reading order.
fn xy_cut(units: Vec<Unit>, out: &mut Vec<Vec<Unit>>, depth: usize) {
    if units.len() <= 1 || depth > 64 {
        if !units.is_empty() {
            out.push(units);
        }
        return;
    }
    let rects: Vec<Rect> = units.iter().map(|u| u.r).collect();
    let size = median_size(&units);
    let xg = gaps(rects.iter().map(|r| (r.x0, r.x1)).collect());
    let yg = gaps(rects.iter().map(|r| (r.y0, r.y1)).collect());
    // A column cut where a gutter runs through the whole region and the stream agrees; not
    // within one line (its pieces are read as one line, words apart).
    let one_line = rects.iter().map(|r| r.y0).fold(f64::MIN, f64::max)
        < rects.iter().map(|r| r.y1).fold(f64::MAX, f64::min);
    let mut band = None;
    for &(w, cut) in xg.iter().take(4) {
        if one_line || w < GUTTER * size {
            break;
        }
        if !drawn_apart(&units, cut) {
            continue;
        }
        let (l, r) = (side(&units, cut, false), side(&units, cut, true));
        if between_fields(&l, &r, w, size) {
            continue;
        }
        if let Some(y) = band_before_columns(&yg, &l, &r, size) {
            band = Some(y);
            break;
        }
        // Side by side, the side the content stream draws first is read first (a totals box
        // drawn before the VAT table to its left, as pdfium reads it); columns of text and an
        // invoice's seller and buyer boxes are drawn left first.
        let first = |v: &[&Unit]| v.iter().map(|u| u.first).min().unwrap_or(usize::MAX);
        let right_first = first(&r) < first(&l);
        let (left, right): (Vec<Unit>, Vec<Unit>) = units.into_iter().partition(|u| u.r.cx() < cut);
        let (a, b) = if right_first {
            (right, left)
        } else {
            (left, right)
        };
        xy_cut(a, out, depth + 1);
        xy_cut(b, out, depth + 1);
        return;
    }
    // Else bands, top to bottom, at the widest gap between lines that is wider than the
    // ordinary leading, so that paragraphs (and the title above two columns) part; of gaps
    // equally wide (within 0.05 em) the topmost, as reading goes down the page.
    let band = band.or_else(|| {
        let w = yg.first().map(|g| g.0).filter(|&w| w > 0.3 * size)?;
        yg.iter()
            .filter(|g| g.0 >= w - 0.05 * size)
            .map(|g| g.1)
            .reduce(f64::max)
    });
    if let Some(cut) = band {
        let (top, bottom): (Vec<Unit>, Vec<Unit>) = units.into_iter().partition(|u| u.r.cy() > cut);
        if top.is_empty() || bottom.is_empty() {
            out.push(top.into_iter().chain(bottom).collect());
            return;
        }
        xy_cut(top, out, depth + 1);
        xy_cut(bottom, out, depth + 1);
        return;
    }
    out.push(units);
}

/// The line's usual gap between Latin letters, in ems, where the line spaces its words with
/// space glyphs: its lower quartile, so that letter-spaced text (Tc; every gap wide) is not
/// read as one word per letter. A line without space glyphs (TeX) spaces words by gaps alone,
/// measured from zero.
fn letter_gap(items: &[Item]) -> f64 {
    if !items.iter().any(|i| i.space) {
        return 0.0;
    }
    let mut gaps: Vec<f64> = items
        .windows(2)
        .filter(|w| !w[0].space && !w[1].space && !w[0].wide && !w[1].wide)
        .map(|w| (w[1].r.x0 - w[0].r.x1) / w[1].size.max(0.1))
        .collect();
    if gaps.len() < 2 {
        return 0.0;
    }
    gaps.sort_by(f64::total_cmp);
    gaps[gaps.len() / 4].max(0.0)
}

/// A line's text from its items (left to right in the frame).
fn line_text(glyphs: &[Glyph], items: &[Item]) -> (String, Vec<usize>) {
    let base = letter_gap(items);
    let mut s = String::new();
    let mut order = Vec::new();
    let mut prev: Option<&Item> = None;
    for it in items {
        let t = glyphs[it.idx].text.as_str();
        if it.space {
            if !s.is_empty() && !s.ends_with([' ', '\u{3000}']) {
                s.push(if t.contains('\u{3000}') {
                    '\u{3000}'
                } else {
                    ' '
                });
            }
            continue;
        }
        if let Some(p) = prev
            && !p.wide
            && !it.wide
            && !s.ends_with([' ', '\u{3000}'])
        {
            let gap = (it.r.x0 - p.r.x1) / it.size.max(0.1);
            if gap - base > 0.15 {
                s.push(' ');
            }
        }
        s.push_str(t);
        order.push(it.idx);
        prev = Some(it);
    }
    (s.trim_end().to_string(), order)
}

/// Text lines of a set of items read in one frame.
fn read_lines(glyphs: &[Glyph], items: Vec<Item>, frame: Frame) -> Vec<(Rect, Line)> {
    let lines = lines_of(items.clone());
    // Upright glyphs stacked in columns, as the table reader finds them (vertical writing
    // drawn with a horizontal font): columns right to left.
    if angle_diff(frame.angle, 0.0) < ANGLE_TOLERANCE && lines.len() >= 2 && {
        let idx: Vec<usize> = items.iter().filter(|i| !i.space).map(|i| i.idx).collect();
        stacked_columns(glyphs, &idx, lines.len()).is_some()
    } {
        let down = Frame { angle: 270.0 };
        let turned: Vec<Item> = items
            .iter()
            .map(|i| {
                let mut t = down.item(i.idx, &glyphs[i.idx]);
                // Upright glyphs in columns: along the column the em box is h high.
                let (cx, cy) = (t.r.cx(), t.r.cy());
                let (a, c) = (t.size / 2.0, t.r.width() / 2.0);
                t.r = Rect {
                    x0: cx - a,
                    y0: cy - c,
                    x1: cx + a,
                    y1: cy + c,
                };
                t
            })
            .collect();
        return lines_of(turned)
            .into_iter()
            .map(|l| to_line(glyphs, &l))
            .collect();
    }
    lines.into_iter().map(|l| to_line(glyphs, &l)).collect()
}

/// The box of some items in their frame.
fn frame_box(items: &[Item]) -> Rect {
    items
        .iter()
        .map(|i| i.r)
        .reduce(|a, b| a.union(&b))
        .unwrap_or_default()
}

fn to_line(glyphs: &[Glyph], items: &[Item]) -> (Rect, Line) {
    let r = frame_box(items);
    let (text, order) = line_text(glyphs, items);
    let bbox = glyph_box(glyphs, &order);
    (
        r,
        Line {
            text,
            bbox,
            glyphs: order,
        },
    )
}

/// One frame's glyphs → units (segments), cut into blocks, each read into lines.
fn frame_blocks(
    glyphs: &[Glyph],
    items: Vec<Item>,
    frame: Frame,
    extra: Vec<Unit>,
) -> Vec<Vec<Line>> {
    let mut units: Vec<Unit> = lines_of(items).into_iter().flat_map(segments).collect();
    units.extend(extra);
    let mut blocks = Vec::new();
    xy_cut(units, &mut blocks, 0);
    blocks
        .into_iter()
        .map(|block| {
            let mut texts: Vec<Item> = Vec::new();
            let mut entries: Vec<(Rect, Vec<Line>)> = Vec::new();
            for u in block {
                match u.kind {
                    UnitKind::Segment(items) => texts.extend(items),
                    UnitKind::Block(lines) => entries.push((u.r, lines)),
                }
            }
            for (r, line) in read_lines(glyphs, texts, frame) {
                entries.push((r, vec![line]));
            }
            // Top to bottom in the frame; side by side, left to right.
            entries.sort_by(|a, b| {
                let overlap = a.0.y0.max(b.0.y0) < a.0.y1.min(b.0.y1)
                    && (a.0.cy() - b.0.cy()).abs() < 0.5 * a.0.height().min(b.0.height());
                if overlap {
                    a.0.x0.total_cmp(&b.0.x0)
                } else {
                    b.0.cy().total_cmp(&a.0.cy())
                }
            });
            entries
                .into_iter()
                .flat_map(|(_, l)| l)
                .filter(|l| !l.text.is_empty())
                .collect()
        })
        .collect()
}

/// A ruled table's text: each row whose cells hold one line each on a shared baseline (an item
/// table, a header row) as one line, its cells left to right, as the page shows it and pdfium
/// reads it; the cells of other rows (text wrapped in a cell, a table printed turned) one per line.
fn table_lines(glyphs: &[Glyph], t: &Table, frame: Frame) -> Vec<Line> {
    let cell_line = |c: &Cell| Line {
        text: c.text.clone(),
        bbox: c.bbox,
        glyphs: c.glyphs.clone(),
    };
    let mut out = Vec::new();
    for row in 0..t.nrows {
        let mut cells: Vec<&Cell> = t
            .cells
            .iter()
            .filter(|c| c.row == row && !c.text.is_empty())
            .collect();
        cells.sort_by_key(|c| c.col);
        // Each cell's line: its middle across the reading direction and its glyph size.
        let marks: Option<Vec<(f64, f64)>> = cells
            .iter()
            .map(|c| {
                if c.vertical || t.turned.is_some() || c.line_count() > 1 {
                    return None;
                }
                if c.glyphs.is_empty() {
                    // A drawn mark sits in the middle of its cell.
                    return Some((frame.rect(&c.bbox).cy(), 0.0));
                }
                let size = c.glyphs.iter().map(|&i| glyphs[i].size).fold(0.0, f64::max);
                Some((frame.rect(&glyph_box(glyphs, &c.glyphs)).cy(), size))
            })
            .collect();
        let one_line = marks.is_some_and(|m| {
            let size = m.iter().map(|x| x.1).fold(0.0, f64::max);
            let lo = m.iter().map(|x| x.0).fold(f64::MAX, f64::min);
            let hi = m.iter().map(|x| x.0).fold(f64::MIN, f64::max);
            size > 0.0 && hi - lo <= 0.5 * size
        });
        if !one_line || cells.len() < 2 {
            out.extend(cells.into_iter().map(cell_line));
            continue;
        }
        out.push(Line {
            text: cells
                .iter()
                .map(|c| c.text.as_str())
                .collect::<Vec<_>>()
                .join(" "),
            bbox: cells
                .iter()
                .map(|c| c.bbox)
                .reduce(|a, b| a.union(&b))
                .unwrap_or_default(),
            glyphs: cells
                .iter()
                .flat_map(|c| c.glyphs.iter().copied())
                .collect(),
        });
    }
    out
}

/// The lines of a page in reading order: free text by frames and XY-cut, each ruled table as
/// its cells' text row by row at its place.
pub fn page_lines(page: &PageContent, tables: &[Table]) -> Vec<Line> {
    let glyphs = &page.glyphs;
    let idx: Vec<usize> = (0..glyphs.len())
        .filter(|&i| {
            let g = &glyphs[i];
            !g.text.is_empty()
                && !tables
                    .iter()
                    .any(|t| t.bbox.contains_point(g.bbox.cx(), g.bbox.cy(), 0.5))
        })
        .collect();
    // Frames by reading angle, the most used first.
    let mut frames: Vec<(f64, Vec<usize>)> = Vec::new();
    for &i in &idx {
        let a = reading_angle(&glyphs[i]);
        match frames
            .iter_mut()
            .find(|(fa, _)| angle_diff(*fa, a) <= ANGLE_TOLERANCE)
        {
            Some((_, v)) => v.push(i),
            None => frames.push((a, vec![i])),
        }
    }
    frames.sort_by_key(|f| {
        std::cmp::Reverse(f.1.iter().filter(|&&i| !is_space(&glyphs[i].text)).count())
    });
    let main = Frame {
        angle: frames.first().map_or(0.0, |f| f.0),
    };
    // Text of other frames (a slanted caption, horizontal labels on a vertical page) is read
    // in its own frame and placed by where the content stream draws it, as pdfium orders text
    // objects.
    let mut others: Vec<Vec<Line>> = Vec::new();
    for (angle, members) in frames.iter().skip(1) {
        let frame = Frame { angle: *angle };
        let items = members.iter().map(|&i| frame.item(i, &glyphs[i])).collect();
        others.extend(frame_blocks(glyphs, items, frame, Vec::new()));
    }
    let mut extra: Vec<Unit> = Vec::new();
    for t in tables {
        let lines = table_lines(glyphs, t, main);
        if !lines.is_empty() {
            extra.push(Unit::block(main.rect(&t.bbox), lines));
        }
    }
    let items: Vec<Item> = frames
        .first()
        .map(|(_, m)| m.iter().map(|&i| main.item(i, &glyphs[i])).collect())
        .unwrap_or_default();
    let main_blocks = frame_blocks(glyphs, items, main, extra);
    let first = |b: &Vec<Line>| {
        b.iter()
            .flat_map(|l| l.glyphs.iter().copied())
            .min()
            .unwrap_or(usize::MAX)
    };
    others.sort_by_key(first);
    let mut out = Vec::new();
    let mut others = others.into_iter().peekable();
    for b in main_blocks {
        let f = first(&b);
        while let Some(o) = others.next_if(|o| first(o) < f) {
            out.extend(o);
        }
        out.extend(b);
    }
    out.extend(others.flatten());
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::table::assign::tests::{glyph, page};

    fn g(text: &str, x0: f64, y0: f64, size: f64, w: f64) -> Glyph {
        glyph(text, Rect::new(x0, y0, x0 + w, y0 + size), size)
    }

    fn word(out: &mut Vec<Glyph>, s: &str, x: f64, y: f64, size: f64, pitch: f64) {
        for (k, c) in s.chars().enumerate() {
            out.push(g(&c.to_string(), x + k as f64 * pitch, y, size, 0.5 * size));
        }
    }

    fn texts(p: &PageContent) -> Vec<String> {
        page_lines(p, &[]).into_iter().map(|l| l.text).collect()
    }

    #[test]
    fn two_columns_read_column_by_column() {
        let mut gs = Vec::new();
        // Left column drawn first, then the right; baselines aligned across a 2 em gutter;
        // lines of prose, 13 em long.
        let left = [
            "the left column, line one",
            "the left column, line two",
            "left column, line three..",
        ];
        let right = [
            "the right column line one",
            "the right column line two",
            "right column, line three.",
        ];
        for (k, w) in left.iter().enumerate() {
            word(&mut gs, w, 50.0, 700.0 - 12.0 * k as f64, 10.0, 5.0);
        }
        for (k, w) in right.iter().enumerate() {
            word(&mut gs, w, 195.0, 700.0 - 12.0 * k as f64, 10.0, 5.0);
        }
        let want: Vec<&str> = left.iter().chain(&right).copied().collect();
        assert_eq!(texts(&page(gs)), want);
    }

    #[test]
    fn short_fields_drawn_column_by_column_stay_rows() {
        let mut gs = Vec::new();
        // Labels drawn first, then values: a gap of 3.5 em, not a gutter between blocks.
        for (k, w) in ["left one", "left two", "left three"].iter().enumerate() {
            word(&mut gs, w, 50.0, 700.0 - 12.0 * k as f64, 10.0, 5.0);
        }
        for (k, w) in ["right one", "right two", "right three"].iter().enumerate() {
            word(&mut gs, w, 130.0, 700.0 - 12.0 * k as f64, 10.0, 5.0);
        }
        assert_eq!(
            texts(&page(gs)),
            vec![
                "left one right one",
                "left two right two",
                "left three right three"
            ]
        );
    }

    #[test]
    fn rows_drawn_across_stay_rows() {
        let mut gs = Vec::new();
        for k in 0..3 {
            let y = 700.0 - 12.0 * k as f64;
            word(&mut gs, &format!("key{k}"), 50.0, y, 10.0, 5.0);
            word(&mut gs, &format!("value{k}"), 130.0, y, 10.0, 5.0);
        }
        assert_eq!(
            texts(&page(gs)),
            vec!["key0 value0", "key1 value1", "key2 value2"]
        );
    }

    #[test]
    fn letter_spaced_text_and_space_glyphs() {
        let mut gs = Vec::new();
        // "Do it" letter-spaced: every letter 0.5 em apart, a space glyph between the words.
        word(&mut gs, "Do", 50.0, 700.0, 10.0, 10.0);
        gs.push(g(" ", 70.0, 700.0, 10.0, 2.5));
        word(&mut gs, "it", 82.5, 700.0, 10.0, 10.0);
        // CJK spread out with ideographic spaces: 目　　录.
        gs.push(g("目", 50.0, 600.0, 10.0, 10.0));
        gs.push(g("\u{3000}", 60.0, 600.0, 10.0, 10.0));
        gs.push(g("\u{3000}", 70.0, 600.0, 10.0, 10.0));
        gs.push(g("录", 80.0, 600.0, 10.0, 10.0));
        assert_eq!(texts(&page(gs)), vec!["Do it", "目\u{3000}录"]);
    }

    #[test]
    fn vertical_writing_reads_columns_right_to_left() {
        let mut gs = Vec::new();
        for (col, s) in ["あいう", "えお"].iter().enumerate() {
            for (k, c) in s.chars().enumerate() {
                let mut x = g(
                    &c.to_string(),
                    300.0 - 20.0 * col as f64,
                    700.0 - 10.0 * k as f64,
                    10.0,
                    10.0,
                );
                x.vertical = true;
                gs.push(x);
            }
        }
        assert_eq!(texts(&page(gs)), vec!["あいう", "えお"]);
    }

    #[test]
    fn upright_cjk_stacked_in_columns_reads_columns_right_to_left() {
        // Vertical writing drawn with a horizontal font: upright glyphs, one per line, each
        // column's glyphs touching.
        let mut gs = Vec::new();
        for (col, s) in ["縦書き", "です"].iter().enumerate() {
            for (k, c) in s.chars().enumerate() {
                let (x, y) = (300.0 - 12.0 * col as f64, 700.0 - 10.0 * k as f64);
                gs.push(g(&c.to_string(), x, y, 10.0, 10.0));
            }
        }
        assert_eq!(texts(&page(gs)), vec!["縦書き", "です"]);
    }

    #[test]
    fn a_slanted_line_stays_whole() {
        let mut gs = Vec::new();
        let a: f64 = 30.0;
        let (s, c) = a.to_radians().sin_cos();
        for (k, ch) in "slant".chars().enumerate() {
            // Em box 5 × 10 turned by 30°, origins along the baseline.
            let (ox, oy) = (100.0 + 5.0 * k as f64 * c, 300.0 + 5.0 * k as f64 * s);
            let corners = [(0.0, 0.0), (5.0, 0.0), (0.0, 10.0), (5.0, 10.0)]
                .map(|(u, v): (f64, f64)| (ox + u * c - v * s, oy + u * s + v * c));
            let xs = corners.map(|p| p.0);
            let ys = corners.map(|p| p.1);
            let mut x = g(&ch.to_string(), 0.0, 0.0, 10.0, 5.0);
            x.bbox = Rect::new(
                xs.iter().copied().fold(f64::MAX, f64::min),
                ys.iter().copied().fold(f64::MAX, f64::min),
                xs.iter().copied().fold(f64::MIN, f64::max),
                ys.iter().copied().fold(f64::MIN, f64::max),
            );
            x.angle = a;
            gs.push(x);
        }
        assert_eq!(texts(&page(gs)), vec!["slant"]);
    }
}
