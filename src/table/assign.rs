//! Glyphs and drawn marks → cells, and a cell's glyphs → text in reading order.
//!
//! Reading order is found in a "reading frame": the glyph boxes are turned so that the text's
//! baseline runs along +x and lines follow each other along −y, then lines are clustered and
//! sorted ([`super::layout::cluster`]). Upright glyphs stacked one per line in columns
//! (vertical writing drawn with a horizontal font, as LibreOffice does, or a WMode 1 font) are
//! read in the frame of vertical writing: columns right to left, each top to bottom.

use super::lattice::Grid;
use super::layout::{cluster_glyphs, glyph_box, stacked_columns};
use super::{LineSpan, Table};
use crate::geom::Rect;
use crate::pdf::{Direction, Glyph, PageContent, ShapeKind};

/// A run of glyphs read in order.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Reading {
    /// The lines joined: CJK without a space, Latin words with one.
    pub text: String,
    /// Glyph indices in reading order.
    pub order: Vec<usize>,
    /// Where each line lies in `text` and `order`, for two lines or more (as in [`super::Cell`]).
    pub line_spans: Vec<LineSpan>,
    /// Read as vertical writing.
    pub vertical: bool,
}

impl Reading {
    /// The lines of the text, as [`super::Cell::lines`] reads a cell's.
    pub fn lines(&self) -> impl Iterator<Item = &str> + '_ {
        super::lines_of(&self.text, &self.order, &self.line_spans).map(|l| l.0)
    }
}

/// Orientation of a reading frame.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Frame {
    /// Baseline right (ordinary text).
    Right,
    /// Baseline up (text rotated 90° anticlockwise).
    Up,
    /// Baseline left (upside down).
    Left,
    /// Baseline down: text rotated 90° clockwise, and vertical writing.
    Down,
}

/// A page box seen in a reading frame.
pub(crate) fn to_frame(b: &Rect, f: Frame) -> Rect {
    match f {
        Frame::Right => *b,
        Frame::Up => Rect::new(b.y0, -b.x1, b.y1, -b.x0),
        Frame::Left => Rect::new(-b.x1, -b.y1, -b.x0, -b.y0),
        Frame::Down => Rect::new(-b.y1, b.x0, -b.y0, b.x1),
    }
}

/// A box of a reading frame back on the page (the inverse of [`to_frame`]).
pub(crate) fn from_frame(r: &Rect, f: Frame) -> Rect {
    match f {
        Frame::Right => *r,
        Frame::Up => Rect::new(-r.y1, r.x0, -r.y0, r.x1),
        Frame::Left => Rect::new(-r.x1, -r.y1, -r.x0, -r.y0),
        Frame::Down => Rect::new(r.y0, -r.x1, r.y1, -r.x0),
    }
}

impl Frame {
    /// The frame in which text of this baseline direction (0 right, 1 up, 2 left, 3 down)
    /// reads left to right.
    pub(crate) fn of_dir(dir: u8) -> Frame {
        match dir & 3 {
            1 => Frame::Up,
            2 => Frame::Left,
            3 => Frame::Down,
            _ => Frame::Right,
        }
    }
}

/// Whether a character is set full width (CJK, kana, full-width forms): such text is joined
/// without spaces.
pub fn is_wide(c: char) -> bool {
    let u = c as u32;
    // Below U+1100 (Latin, Greek, Cyrillic, ...) nothing is wide: most text ends here.
    if u < 0x1100 {
        return false;
    }
    // Kana, CJK symbols and ideographs, most of the rest, in one test: U+3040 to U+9FFF but
    // the Yijing hexagrams.
    if (0x3040..=0x9FFF).contains(&u) {
        return !(0x4DC0..=0x4DFF).contains(&u);
    }
    matches!(u,
        0x1100..=0x11FF | 0x2E80..=0x303F | 0xAC00..=0xD7AF | 0xF900..=0xFAFF | 0xFE30..=0xFE4F
        | 0xFF00..=0xFF60 | 0xFFE0..=0xFFE6 | 0x20000..=0x3FFFF)
        || matches!(
            c,
            '○' | '◯' | '●' | '◎' | '■' | '□' | '◆' | '◇' | '△' | '▲' | '※' | '→'
        )
}

fn dominant_frame(glyphs: &[Glyph], idx: &[usize]) -> Frame {
    let mut counts = [0usize; 4];
    let mut vertical = 0usize;
    for &i in idx {
        counts[glyphs[i].dir.index()] += 1;
        vertical += glyphs[i].vertical as usize;
    }
    let best = (0..4).max_by_key(|&d| (counts[d], 4 - d)).unwrap_or(0);
    match best {
        1 => Frame::Up,
        2 => Frame::Left,
        3 => Frame::Down,
        _ if vertical * 2 > idx.len() => Frame::Down,
        _ => Frame::Right,
    }
}

/// One line's glyphs (indices, left to right; `rect(k, i)` is the frame box of the k-th, glyph
/// `i`) → its text (Latin words spaced by their gaps, CJK joined). The glyphs it keeps, a
/// subsequence, are written over `lg` in place.
fn line_text(glyphs: &[Glyph], lg: &mut Vec<usize>, rect: impl Fn(usize, usize) -> Rect) -> String {
    let mut s = String::with_capacity(lg.len() * 3);
    let mut kept = 0;
    let mut prev: Option<(char, f64)> = None; // last char and its right edge
    for k in 0..lg.len() {
        let i = lg[k];
        let t = &glyphs[i].text;
        let Some(first) = t.chars().next() else {
            continue;
        };
        let r = rect(k, i);
        if let Some((pc, right)) = prev {
            let gap = r.x0 - right;
            let latin = !is_wide(pc) && !is_wide(first) && pc != ' ' && first != ' ';
            if latin && gap > 0.2 * glyphs[i].size {
                s.push(' ');
            }
        }
        if first == ' ' && (s.is_empty() || s.ends_with(' ')) {
            continue;
        }
        s.push_str(t);
        lg[kept] = i;
        kept += 1;
        // Most glyphs are one character: the first is then the last.
        let last = if t.len() == first.len_utf8() {
            Some(first)
        } else {
            t.chars().next_back()
        };
        prev = last.map(|c| (c, r.x1));
    }
    lg.truncate(kept);
    let trimmed = s.trim();
    if trimmed.len() != s.len() {
        s = trimmed.to_string();
    }
    s
}

/// Reads glyphs already known to form one line of horizontal text in `frame`, left to right
/// (the words of a stream table's row), without clustering them again.
/// `idx` is taken over as the list of glyphs kept.
pub(crate) fn read_line(glyphs: &[Glyph], idx: Vec<usize>, frame: Frame) -> Reading {
    let mut lg = idx;
    let text = line_text(glyphs, &mut lg, |_, i| to_frame(&glyphs[i].bbox, frame));
    if text.is_empty() {
        return Reading::default();
    }
    Reading {
        text,
        order: lg,
        line_spans: Vec::new(),
        vertical: false,
    }
}

/// Reads the given glyphs (indices into `glyphs`) as text.
pub fn read(glyphs: &[Glyph], idx: &[usize]) -> Reading {
    let idx: Vec<usize> = idx
        .iter()
        .copied()
        .filter(|&i| !glyphs[i].text.trim().is_empty() || glyphs[i].text == " ")
        .collect();
    if idx.is_empty() {
        return Reading::default();
    }
    let dominant = dominant_frame(glyphs, &idx);
    let mut frame = dominant;
    let mut lines = cluster_glyphs(glyphs, &idx, frame);
    if frame == Frame::Right
        && let Some(columns) = stacked_columns(glyphs, &idx, lines.len())
    {
        frame = Frame::Down;
        lines = columns;
    }
    // Vertical writing: stacked upright glyphs, or a WMode 1 font (not text merely rotated).
    let wmode1 = idx.iter().filter(|&&i| glyphs[i].vertical).count() * 2 > idx.len();
    let mut out = Reading {
        vertical: frame == Frame::Down && (dominant == Frame::Right || wmode1),
        order: Vec::with_capacity(idx.len()),
        ..Reading::default()
    };
    let mut lg: Vec<usize> = Vec::new();
    for l in &lines {
        lg.clear();
        lg.extend(l.items.iter().map(|&(i, _)| i));
        let s = line_text(glyphs, &mut lg, |k, _| l.items[k].1);
        if !s.is_empty() {
            let start = out.order.len();
            out.order.extend_from_slice(&lg);
            out.line_spans.push(LineSpan {
                text: join_line(&mut out.text, &s),
                glyphs: start..out.order.len(),
            });
        }
    }
    // One line is all of the text: it needs no span.
    if out.line_spans.len() < 2 {
        out.line_spans.clear();
    }
    out
}

/// A line of text on a page: of free text outside tables, or of the page in reading order
/// (`kaitei text`).
#[derive(Debug, Clone, PartialEq)]
pub struct TextLine {
    /// The text.
    pub text: String,
    /// Its box on the page.
    pub bbox: Rect,
    /// Indices into [`PageContent::glyphs`], in reading order.
    pub glyphs: Vec<usize>,
}

/// Free text lines of upright glyphs, top to bottom; a line is split where a gap wider than two
/// ems separates blocks side by side.
pub fn text_lines(glyphs: &[Glyph], idx: &[usize]) -> Vec<TextLine> {
    let idx: Vec<usize> = idx
        .iter()
        .copied()
        .filter(|&i| !glyphs[i].text.trim().is_empty())
        .collect();
    let mut out = Vec::new();
    for l in cluster_glyphs(glyphs, &idx, Frame::Right) {
        let mut cur: Vec<usize> = Vec::new();
        let mut right = f64::MIN;
        let flush = |cur: &mut Vec<usize>, out: &mut Vec<TextLine>| {
            if cur.is_empty() {
                return;
            }
            let r = read(glyphs, cur);
            out.push(TextLine {
                text: r.text,
                bbox: glyph_box(glyphs, cur),
                glyphs: r.order,
            });
            cur.clear();
        };
        for &(i, r) in &l.items {
            if !cur.is_empty() && r.x0 - right > 2.0 * l.size {
                flush(&mut cur, &mut out);
            }
            cur.push(i);
            right = right.max(r.x1);
        }
        flush(&mut cur, &mut out);
    }
    out
}

/// Appends a line to lines joined so far: CJK without a space, Latin words (ASCII letter or
/// digit on both sides) with one. Returns where the line lies in `text`.
pub(crate) fn join_line(text: &mut String, line: &str) -> std::ops::Range<usize> {
    if let (Some(a), Some(b)) = (text.chars().next_back(), line.chars().next())
        && !is_wide(a)
        && !is_wide(b)
        && (a.is_ascii_alphanumeric() || ",.;:)%".contains(a))
        && (b.is_ascii_alphanumeric() || "(".contains(b))
    {
        text.push(' ');
    }
    let start = text.len();
    text.push_str(line);
    start..text.len()
}

/// Punctuation that Japanese typesetting may hang past the end of a line (ぶら下げ組み, JIS X
/// 4051 and W3C JLReq 3.1.9 "hanging punctuation"): commas, full stops and closing brackets.
fn hangs(text: &str) -> bool {
    let mut cs = text.chars();
    matches!(
        (cs.next(), cs.next()),
        (
            Some(
                '、' | '。'
                    | '，'
                    | '．'
                    | ','
                    | '.'
                    | '」'
                    | '』'
                    | '）'
                    | ')'
                    | '〕'
                    | '】'
                    | '］'
            ),
            None
        )
    )
}

/// The point that places a glyph in a cell: its centre, except for upright punctuation that may
/// hang past the line end over the cell's padding or border, which is placed by where it
/// starts (a quarter into its box): it belongs to the line it ends, not to the cell or margin
/// its centre falls in.
fn anchor(g: &Glyph) -> (f64, f64) {
    if g.dir == Direction::Right && !g.vertical && hangs(&g.text) {
        (g.bbox.x0 + 0.25 * g.bbox.width(), g.bbox.cy())
    } else {
        (g.bbox.cx(), g.bbox.cy())
    }
}

/// Assigns the page's glyphs and drawn marks to the cells of the tables and reads each cell.
/// `tables` must be ordered innermost first: a glyph goes to the first table that holds it.
pub fn fill(page: &PageContent, tables: &mut [(Table, Grid)]) {
    if tables.is_empty() {
        return;
    }
    // The cell of each glyph first, then each cell's glyphs in one vector of their number.
    let mut located: Vec<(usize, usize, usize)> = Vec::with_capacity(page.glyphs.len());
    let mut counts: Vec<Vec<usize>> = tables.iter().map(|(t, _)| vec![0; t.cells.len()]).collect();
    for (i, g) in page.glyphs.iter().enumerate() {
        let (x, y) = anchor(g);
        for (k, (_, grid)) in tables.iter().enumerate() {
            if let Some(c) = grid.locate(x, y) {
                located.push((k, c, i));
                counts[k][c] += 1;
                break;
            }
        }
    }
    let mut per_cell: Vec<Vec<Vec<usize>>> = counts
        .iter()
        .map(|t| t.iter().map(|&n| Vec::with_capacity(n)).collect())
        .collect();
    for (k, c, i) in located {
        per_cell[k][c].push(i);
    }
    for (k, (table, _)) in tables.iter_mut().enumerate() {
        for (c, cell) in table.cells.iter_mut().enumerate() {
            cell.set_reading(read(&page.glyphs, &per_cell[k][c]));
        }
    }
    // A cell holding only a drawn mark reports the mark.
    for s in &page.shapes {
        if !matches!(s.kind, ShapeKind::Circle | ShapeKind::Square) || s.bbox.width() < 2.0 {
            continue;
        }
        for (table, grid) in tables.iter_mut() {
            let Some(c) = grid.locate(s.bbox.cx(), s.bbox.cy()) else {
                continue;
            };
            let cell = &mut table.cells[c];
            if s.bbox.width() < 0.9 * cell.bbox.width()
                && s.bbox.height() < 0.9 * cell.bbox.height()
                && (cell.text.is_empty() || cell.drawn_mark)
            {
                let mark = match (s.kind, s.filled && s.grey < 128) {
                    (ShapeKind::Circle, false) => "○",
                    (ShapeKind::Circle, true) => "●",
                    _ => "■",
                };
                if cell.text.is_empty() {
                    cell.text = mark.to_string();
                    cell.drawn_mark = true;
                }
            }
            break;
        }
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    #[test]
    fn wide_characters_are_the_listed_ranges_and_marks() {
        // The ranges as first written, one by one: the fast tests must agree on every scalar.
        let listed = |c: char| {
            matches!(c as u32,
                0x1100..=0x11FF | 0x2E80..=0x303F | 0x3040..=0x33FF | 0x3400..=0x4DBF
                | 0x4E00..=0x9FFF | 0xAC00..=0xD7AF | 0xF900..=0xFAFF | 0xFE30..=0xFE4F
                | 0xFF00..=0xFF60 | 0xFFE0..=0xFFE6 | 0x20000..=0x3FFFF)
                || "○◯●◎■□◆◇△▲※→・".contains(c)
        };
        let mut wide = 0;
        for c in (0..=0x10FFFFu32).filter_map(char::from_u32) {
            assert_eq!(is_wide(c), listed(c), "U+{:04X}", c as u32);
            wide += is_wide(c) as usize;
        }
        assert!(is_wide('岡') && is_wide('・') && is_wide('○') && !is_wide('a') && !is_wide('䷀'));
        // The ranges hold 172,152 scalars; twelve marks lie outside them.
        assert_eq!(wide, 172_164);
    }

    /// An upright, visible glyph of `text` in a `size` pt font.
    pub(crate) fn glyph(text: &str, bbox: Rect, size: f64) -> Glyph {
        Glyph {
            text: text.into(),
            raw: None,
            bbox,
            size,
            dir: crate::pdf::Direction::Right,
            angle: 0.0,
            vertical: false,
            invisible: false,
            font: 0,
            underlined: false,
        }
    }

    /// A page of 600 × 800 pt holding only `glyphs`.
    pub(crate) fn page(glyphs: Vec<Glyph>) -> PageContent {
        PageContent {
            number: 1,
            width: 600.0,
            height: 800.0,
            rotation: 0,
            glyphs,
            rulings: vec![],
            underlines: vec![],
            shapes: vec![],
            fonts: vec![],
            images: 0,
            unmapped: 0,
        }
    }

    /// A glyph from `(x0, y0)`, half as wide as `size` for ASCII, as wide for other text.
    fn g(text: &str, x0: f64, y0: f64, size: f64) -> Glyph {
        let w = size * if text.is_ascii() { 0.5 } else { 1.0 };
        glyph(text, Rect::new(x0, y0, x0 + w, y0 + size), size)
    }

    #[test]
    fn hanging_punctuation_is_placed_by_where_it_starts() {
        // A full-width ） starting 3 pt before a border at x = 100 (hung over it): its centre
        // lies past the border, the point it is placed by does not.
        let mark = g("）", 97.0, 0.0, 9.0);
        assert!(mark.bbox.cx() > 100.0);
        assert!(anchor(&mark).0 < 100.0);
        for t in ["、", "。", "」"] {
            assert!(hangs(t), "{t}");
        }
        // Other glyphs, and the same mark in vertical writing, are placed by their centre.
        let letter = g("称", 99.0, 0.0, 9.0);
        assert_eq!(anchor(&letter), (letter.bbox.cx(), letter.bbox.cy()));
        let mut upright = g("、", 99.0, 0.0, 9.0);
        upright.vertical = true;
        assert_eq!(anchor(&upright).0, upright.bbox.cx());
        assert!(!hangs("「"));
    }

    /// Latin glyphs in two lines: `ab` above `c`.
    fn ab_c() -> Vec<Glyph> {
        vec![
            g("a", 0.0, 20.0, 10.0),
            g("b", 5.0, 20.0, 10.0),
            g("c", 0.0, 8.0, 10.0),
        ]
    }

    #[test]
    fn two_lines_of_cjk_join_without_space_and_latin_with_one() {
        let gs = vec![
            g("連", 0.0, 20.0, 10.0),
            g("携", 10.0, 20.0, 10.0),
            g("市", 0.0, 8.0, 10.0),
            g("町", 10.0, 8.0, 10.0),
        ];
        assert_eq!(read(&gs, &[3, 2, 1, 0]).text, "連携市町");
        let gs = ab_c();
        let r = read(&gs, &[0, 1, 2]);
        assert_eq!(r.lines().collect::<Vec<_>>(), vec!["ab", "c"]);
        assert_eq!(r.text, "ab c");
    }

    #[test]
    fn a_cell_keeps_its_lines_as_spans_of_its_text_and_glyphs() {
        let gs = ab_c();
        let mut cell = super::super::Cell::default();
        cell.set_reading(read(&gs, &[2, 1, 0]));
        assert_eq!(cell.text, "ab c");
        assert_eq!(cell.line_count(), 2);
        assert_eq!(cell.lines().collect::<Vec<_>>(), ["ab", "c"]);
        assert_eq!(cell.line_glyphs().collect::<Vec<_>>(), [&[0, 1][..], &[2]]);
        // An edited line keeps its glyphs; the lines are joined again.
        cell.set_lines(&["x", "c"]);
        assert_eq!(cell.text, "x c");
        assert_eq!(cell.line_glyphs().collect::<Vec<_>>(), [&[0, 1][..], &[2]]);
        // A line added has no glyphs; a line left out gives its glyphs to the last.
        cell.set_lines(&["x", "c", "d"]);
        assert_eq!(cell.lines().collect::<Vec<_>>(), ["x", "c", "d"]);
        assert_eq!(
            cell.line_glyphs().collect::<Vec<_>>(),
            [&[0, 1][..], &[2], &[]]
        );
        cell.set_lines(&["x y"]);
        assert_eq!((cell.text.as_str(), cell.line_count()), ("x y", 1));
        assert_eq!(cell.line_glyphs().collect::<Vec<_>>(), [&[0, 1, 2][..]]);
        cell.set_lines(&["x", "c"]);
        // A glyph taken away from the order leaves its line shorter, not a panic.
        cell.glyphs.pop();
        assert_eq!(cell.line_glyphs().collect::<Vec<_>>(), [&[0, 1][..], &[]]);
        // One line needs no span; a drawn mark has a line of text and no glyph lines.
        cell.set_reading(read(&gs, &[0, 1]));
        assert!(cell.line_spans.is_empty());
        assert_eq!(cell.lines().collect::<Vec<_>>(), ["ab"]);
        assert_eq!(cell.line_glyphs().collect::<Vec<_>>(), [&[0, 1][..]]);
        let mark = super::super::Cell {
            text: "○".into(),
            ..Default::default()
        };
        assert_eq!((mark.line_count(), mark.lines().count()), (1, 1));
        assert_eq!(mark.line_glyphs().count(), 0);
        assert_eq!(super::super::Cell::default().lines().count(), 0);
    }

    #[test]
    fn stacked_columns_read_right_to_left_top_to_bottom() {
        // Right column 高次の, left column 集積 shifted down by half a character.
        let gs = vec![
            g("高", 10.0, 30.0, 8.0),
            g("次", 10.0, 22.0, 8.0),
            g("の", 10.0, 14.0, 8.0),
            g("集", 1.0, 26.0, 8.0),
            g("積", 1.0, 18.0, 8.0),
        ];
        let r = read(&gs, &[3, 4, 0, 1, 2]);
        assert_eq!(r.text, "高次の集積");
        assert!(r.vertical);
    }

    #[test]
    fn latin_words_split_by_gaps_but_spread_cjk_is_not() {
        let gs = vec![
            g("A", 0.0, 0.0, 10.0),
            g("B", 9.0, 0.0, 10.0),
            g("瀬", 30.0, 0.0, 10.0),
            g("戸", 45.0, 0.0, 10.0),
        ];
        assert_eq!(read(&gs, &[0, 1, 2, 3]).text, "A B瀬戸");
    }

    #[test]
    fn rotated_text_reads_along_its_baseline() {
        // Baseline up: glyph boxes stacked bottom to top.
        let mut a = g("1", 0.0, 0.0, 10.0);
        let mut b = g("2", 0.0, 5.0, 10.0);
        a.dir = crate::pdf::Direction::Up;
        b.dir = crate::pdf::Direction::Up;
        a.bbox = Rect::new(0.0, 0.0, 10.0, 5.0);
        b.bbox = Rect::new(0.0, 5.0, 10.0, 10.0);
        assert_eq!(read(&[b.clone(), a.clone()], &[0, 1]).text, "12");
    }
}
