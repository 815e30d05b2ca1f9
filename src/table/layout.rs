//! Glyphs of one reading direction → text lines → words → segments: the units that stream
//! detection ([`super::stream`]) and the refinement of ruled tables ([`super::hybrid`]) read.
//! The clustering of glyphs into lines ([`cluster`]) is the one every reader of text uses: a
//! cell's text ([`super::assign`]) and the page's reading order ([`crate::layout`]).
//!
//! Everything here is in a reading frame ([`Frame`]): baselines run along +x and lines follow
//! each other along −y, so a table printed turned on the page is read like an upright one.
//! A *word* is a run of glyphs without a gap; a *segment* is a run of words whose gaps are
//! narrower than a column gap can be (pdfminer's text line with `char_margin`, which camelot's
//! stream flavour splits into cells).

use super::assign::{self, Frame, to_frame};
use crate::geom::{Rect, approx_eq};
use crate::pdf::Glyph;
use std::ops::Range;
use std::rc::Rc;

/// Glyphs closer than this (em) are one word. Advance boxes of neighbouring letters touch; an
/// inter-word space is 0.2–0.4 em in the fonts of the peers' cases (Arial 0.28, Calibri 0.22,
/// Verdana 0.35).
const WORD_GAP: f64 = 0.12;
/// Words closer than this (em) are one segment. Column gaps of the peers' unruled tables are
/// 1.2 em and more, except between a right-aligned and a left-aligned column (0.3 em in a
/// licence listing), which the column finder reads from alignment instead; the gutter of a
/// two-column paper is 1.5 em (pdf.js tracemonkey.pdf), justified word gaps stay below 1.
pub(crate) const SEG_GAP: f64 = 1.0;
/// Equal gaps (as a share) between single kana or ideographs spread over a cell (均等割付).
const SPREAD_EVEN: f64 = 1.25;
/// Widest gap (em) between spread characters still read as one word.
const SPREAD_MAX: f64 = 4.0;

/// Items clustered on one baseline, in a reading frame.
pub(crate) struct Cluster<T> {
    /// Largest item size.
    pub(crate) size: f64,
    /// The items, left to right.
    pub(crate) items: Vec<T>,
}

/// Items of a reading frame → lines, top to bottom, each left to right: an item joins the line
/// above it where their centres lie within half the larger size of each other. `place` gives an
/// item's box in the frame, `size` its size.
pub(crate) fn cluster<T: Copy>(
    mut items: Vec<T>,
    place: impl Fn(&T) -> Rect,
    size: impl Fn(&T) -> f64,
) -> Vec<Cluster<T>> {
    let heads = line_heads(&mut items, &place, size);
    split_lines(items, &heads, place)
}

/// From this many items on, [`line_heads`] sorts by buckets ([`bucket_sort`]): fewer, a cell's,
/// are sorted as fast by comparisons alone.
const LINE_BUCKETS: usize = 256;

/// Sorts a page's worth of items stably by `cmp`, an order whose first key is `key`: a counting
/// sort into as many buckets as items, of equal width between the least and greatest key (the
/// bucket grows with the key, so sorting each bucket by `cmp` sorts the whole), in a fraction
/// of the comparisons — and of the branches a comparison sort mispredicts on coordinates.
/// `then` is `cmp` after its first key, for a bucket whose keys are all the same. Returns
/// false, leaving `items` as they were, where a key is not finite (or the items are more than
/// `u32` numbers buckets by).
pub(crate) fn bucket_sort<T: Copy>(
    items: &mut [T],
    key: impl Fn(&T) -> f64,
    cmp: impl Fn(&T, &T) -> std::cmp::Ordering,
    then: impl Fn(&T, &T) -> std::cmp::Ordering,
) -> bool {
    let n = items.len();
    if n < 2 {
        return true;
    }
    // NaN and infinities have no bucket: `min` and `max` pass over NaN, `finite` does not.
    let (lo, hi, finite) = items
        .iter()
        .fold((f64::MAX, f64::MIN, true), |(a, b, f), it| {
            let k = key(it);
            (a.min(k), b.max(k), f && k.is_finite())
        });
    if !finite || !(hi - lo).is_finite() || u32::try_from(n).is_err() {
        return false;
    }
    // `(k - lo) * scale` grows with `k` and is never negative: truncating it is flooring.
    let scale = if hi > lo { n as f64 / (hi - lo) } else { 0.0 };
    let buckets: Vec<u32> = items
        .iter()
        .map(|it| (((key(it) - lo) * scale) as usize).min(n - 1) as u32)
        .collect();
    // ends[b]: where bucket b ends, once each item has been placed at its bucket's next slot.
    // Neighbouring items often fall in one bucket (a line's glyphs): a run is counted, and
    // placed, in a register rather than by adding to the same memory again and again.
    let mut ends = vec![0usize; n + 1];
    let (mut cur, mut run) = (usize::MAX, 0);
    for &b in &buckets {
        let b = b as usize;
        if b != cur {
            if run > 0 {
                ends[cur + 1] += run;
            }
            (cur, run) = (b, 0);
        }
        run += 1;
    }
    if run > 0 {
        ends[cur + 1] += run;
    }
    for b in 1..ends.len() {
        ends[b] += ends[b - 1];
    }
    let sorted = items.to_vec();
    let (mut cur, mut slot) = (usize::MAX, 0);
    for (it, &b) in sorted.iter().zip(&buckets) {
        let b = b as usize;
        if b != cur {
            if cur != usize::MAX {
                ends[cur] = slot;
            }
            (cur, slot) = (b, ends[b]);
        }
        items[slot] = *it;
        slot += 1;
    }
    if cur != usize::MAX {
        ends[cur] = slot;
    }
    let mut a = 0;
    for &b in &ends[..n] {
        if b - a >= 2 {
            // A bucket often holds one line's glyphs on one baseline: its order is `then`'s.
            let first = key(&items[a]).to_bits();
            if items[a + 1..b].iter().all(|it| key(it).to_bits() == first) {
                items[a..b].sort_by(&then);
            } else {
                items[a..b].sort_by(&cmp);
            }
        }
        a = b;
    }
    true
}

/// Sorts `items` top to bottom, then left to right, and finds where each line of [`cluster`]
/// starts, with its centre and size: the lines are known before any is built, so that each
/// line's items are then moved once into a vector of their number (pages make tens of
/// thousands of lines), and a caller that only counts lines builds none.
fn line_heads<T: Copy>(
    items: &mut [T],
    place: &impl Fn(&T) -> Rect,
    size: impl Fn(&T) -> f64,
) -> Vec<(usize, f64, f64)> {
    let top_left = |a: &T, b: &T| {
        let (ra, rb) = (place(a), place(b));
        rb.cy().total_cmp(&ra.cy()).then(ra.x0.total_cmp(&rb.x0))
    };
    let left = |a: &T, b: &T| place(a).x0.total_cmp(&place(b).x0);
    if items.len() <= LINE_BUCKETS || !bucket_sort(items, |a| -place(a).cy(), top_left, left) {
        items.sort_by(top_left);
    }
    let mut heads: Vec<(usize, f64, f64)> = Vec::new();
    for (k, it) in items.iter().enumerate() {
        let (yc, s) = (place(it).cy(), size(it));
        match heads.last_mut() {
            Some(h) if approx_eq(h.1, yc, 0.5 * h.2.max(s)) => {
                let n = (k - h.0) as f64;
                h.1 = (h.1 * n + yc) / (n + 1.0);
                h.2 = h.2.max(s);
            }
            _ => heads.push((k, yc, s)),
        }
    }
    heads
}

/// Sorted items and their line heads ([`line_heads`]) → the lines, each left to right.
fn split_lines<T>(
    items: Vec<T>,
    heads: &[(usize, f64, f64)],
    place: impl Fn(&T) -> Rect,
) -> Vec<Cluster<T>> {
    let total = items.len();
    let mut rest = items.into_iter();
    let mut lines = Vec::with_capacity(heads.len());
    for (j, &(start, _, size)) in heads.iter().enumerate() {
        let end = heads.get(j + 1).map_or(total, |h| h.0);
        let mut items: Vec<T> = rest.by_ref().take(end - start).collect();
        items.sort_by(|a, b| place(a).x0.total_cmp(&place(b).x0));
        lines.push(Cluster { size, items });
    }
    lines
}

/// Glyphs (indices into `glyphs`) → lines of `frame`: each glyph index with its box in the
/// frame.
pub(crate) fn cluster_glyphs(
    glyphs: &[Glyph],
    idx: &[usize],
    frame: Frame,
) -> Vec<Cluster<(usize, Rect)>> {
    cluster(
        frame_items(glyphs, idx, frame),
        |&(_, r)| r,
        |&(i, _)| glyphs[i].size.max(0.1),
    )
}

fn frame_items(glyphs: &[Glyph], idx: &[usize], frame: Frame) -> Vec<(usize, Rect)> {
    idx.iter()
        .map(|&i| (i, to_frame(&glyphs[i].bbox, frame)))
        .collect()
}

/// Upright glyphs (indices into `glyphs`) that make `lines` lines of horizontal text, read as
/// vertical writing drawn with a horizontal font (LibreOffice): the columns (lines of frame
/// Down, right to left) where there are fewer columns than lines and the glyphs of each column
/// follow each other with (almost) no gap, as characters of vertical writing do; lines of
/// horizontal text are separated by their leading.
pub(crate) fn stacked_columns(
    glyphs: &[Glyph],
    idx: &[usize],
    lines: usize,
) -> Option<Vec<Cluster<(usize, Rect)>>> {
    if lines < 2 {
        return None;
    }
    let mut items = frame_items(glyphs, idx, Frame::Down);
    let place = |&(_, r): &(usize, Rect)| r;
    let heads = line_heads(&mut items, &place, |&(i, _)| glyphs[i].size.max(0.1));
    if heads.len() >= lines {
        return None;
    }
    let columns = split_lines(items, &heads, place);
    let (mut pairs, mut tight) = (0usize, 0usize);
    for col in &columns {
        for w in col.items.windows(2) {
            let size = glyphs[w[1].0].size.max(0.1);
            let gap = w[1].1.x0 - w[0].1.x1;
            pairs += 1;
            tight += (gap > -0.3 * size && gap < 0.08 * size) as usize;
        }
    }
    (pairs > 0 && tight * 5 >= pairs * 4).then_some(columns)
}

/// The page box of some glyphs.
pub(crate) fn glyph_box(glyphs: &[Glyph], idx: &[usize]) -> Rect {
    idx.iter()
        .map(|&i| glyphs[i].bbox)
        .reduce(|a, b| a.union(&b))
        .unwrap_or_default()
}

/// A word: glyphs without a gap, in a reading frame. Its glyphs are a range of its line's
/// ([`Line::glyphs_of`]), its text theirs ([`Line::text_of`]): a page has thousands of words.
#[derive(Debug, Clone)]
pub(crate) struct Word {
    /// Range of [`Line::glyphs`].
    g: Range<usize>,
    /// Full-width characters in the word.
    wide: usize,
    pub(crate) x0: f64,
    pub(crate) x1: f64,
    pub(crate) y0: f64,
    pub(crate) y1: f64,
}

impl Word {
    /// How many words this counts for: one, or a word per three characters of a run of CJK.
    pub(crate) fn weight(&self) -> usize {
        (self.wide / 3).max(1)
    }
}

/// The glyphs, words and segments of the lines built together ([`lines_ruled`]), which share
/// them: a page makes thousands of lines, which then need no vectors of their own.
#[derive(Debug)]
struct Store {
    glyphs: Vec<usize>,
    words: Vec<Word>,
    segs: Vec<Range<usize>>,
}

/// A text line in a reading frame: words left to right, grouped in segments.
#[derive(Debug, Clone)]
pub(crate) struct Line {
    store: Rc<Store>,
    /// Range of the store's glyph indices: the line's, left to right.
    glyphs: Range<usize>,
    /// Range of the store's words: the line's.
    words: Range<usize>,
    /// Range of the store's segments: the line's, each a range of [`Line::words`], left to
    /// right, separated by gaps of at least [`SEG_GAP`] em.
    segs: Range<usize>,
    pub(crate) x0: f64,
    pub(crate) x1: f64,
    pub(crate) y0: f64,
    pub(crate) y1: f64,
    /// Centre of the baseline band.
    pub(crate) yc: f64,
    /// Median font size of the glyphs.
    pub(crate) size: f64,
}

impl Line {
    /// The words, left to right.
    pub(crate) fn words(&self) -> &[Word] {
        &self.store.words[self.words.clone()]
    }

    /// The segments: ranges of [`Line::words`], left to right.
    pub(crate) fn segs(&self) -> &[Range<usize>] {
        &self.store.segs[self.segs.clone()]
    }

    /// The glyph indices of a word of this line.
    pub(crate) fn glyphs_of(&self, w: &Word) -> &[usize] {
        &self.store.glyphs[self.glyphs.clone()][w.g.clone()]
    }

    /// The text of a word of this line: its glyphs' text. Only a few words are ever read
    /// as text, so a line keeps no string of its own.
    pub(crate) fn text_of(&self, glyphs: &[Glyph], w: &Word) -> String {
        self.glyphs_of(w)
            .iter()
            .map(|&i| glyphs[i].text.as_str())
            .collect()
    }

    /// Left and right edge of segment `s`.
    pub(crate) fn seg_span(&self, s: usize) -> (f64, f64) {
        let r = self.segs()[s].clone();
        let words = self.words();
        let x1 = words[r.clone()]
            .iter()
            .map(|w| w.x1)
            .fold(f64::MIN, f64::max);
        (words[r.start].x0, x1)
    }

    /// Number of words of segment `s`, a run of CJK text counting a word per three characters
    /// (Japanese is written without spaces).
    pub(crate) fn seg_words(&self, s: usize) -> usize {
        self.words()[self.segs()[s].clone()]
            .iter()
            .map(Word::weight)
            .sum()
    }

    /// Number of words of the line, counted as [`Line::seg_words`] does.
    pub(crate) fn word_count(&self) -> usize {
        self.words().iter().map(Word::weight).sum()
    }

    /// A line of two segments or more: a candidate table row.
    pub(crate) fn is_multi(&self) -> bool {
        self.segs.len() >= 2
    }

    /// Whether a word of the line covers `x`.
    pub(crate) fn covers(&self, x: f64) -> bool {
        self.words().iter().any(|w| w.x0 < x && w.x1 > x)
    }
}

/// The box of some lines (in their frame).
pub(crate) fn bbox(lines: &[&Line]) -> Rect {
    lines.iter().fold(Rect::EMPTY, |r, l| {
        r.union(&Rect {
            x0: l.x0,
            y0: l.y0,
            x1: l.x1,
            y1: l.y1,
        })
    })
}

/// Median of a non-empty list (0 for an empty one).
pub(crate) fn median(mut v: Vec<f64>) -> f64 {
    if v.is_empty() {
        return 0.0;
    }
    v.sort_by(f64::total_cmp);
    v[v.len() / 2]
}

/// Kana or an ideograph: the characters a justified cell spreads one by one.
fn spread_char(s: &str) -> bool {
    let mut it = s.chars();
    matches!((it.next(), it.next()), (Some(c), None)
        if matches!(c as u32, 0x3040..=0x30FF | 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF))
}

/// Merges single kana or ideographs spread at equal gaps into one word: LibreOffice and Word
/// justify short CJK labels (均等割付) by spacing their characters, `岡　　山　　市`.
fn join_spread(words: &mut Vec<Word>, glyphs: &[Glyph], ids: &[usize], size: f64) {
    // A spread character is one wide character: `wide` rules out most words without reading.
    let single = |w: &Word| {
        w.wide == 1
            && match &ids[w.g.clone()] {
                [i] => spread_char(&glyphs[*i].text),
                more => spread_char(
                    &more
                        .iter()
                        .map(|&i| glyphs[i].text.as_str())
                        .collect::<String>(),
                ),
            }
    };
    // In place: the words kept so far are `words[..kept]`, and `kept <= i`.
    let mut kept = 0;
    let mut i = 0;
    while i < words.len() {
        let mut j = i;
        while j + 1 < words.len() && single(&words[j]) && single(&words[j + 1]) {
            j += 1;
        }
        if j > i {
            let (lo, hi) = (i..j)
                .map(|k| words[k + 1].x0 - words[k].x1)
                .fold((f64::MAX, f64::MIN), |(a, b), g| (a.min(g), b.max(g)));
            if hi <= SPREAD_EVEN * lo + 0.05 * size && hi <= SPREAD_MAX * size {
                let mut w = words[i].clone();
                for k in &words[i + 1..=j] {
                    w.g.end = k.g.end;
                    w.wide += k.wide;
                    w.x1 = w.x1.max(k.x1);
                    w.y0 = w.y0.min(k.y0);
                    w.y1 = w.y1.max(k.y1);
                }
                words[kept] = w;
                kept += 1;
                i = j + 1;
                continue;
            }
        }
        words.swap(kept, i);
        kept += 1;
        i += 1;
    }
    words.truncate(kept);
}

/// A vertical rule in a reading frame: `(x, y0, y1)`.
pub(crate) type Rule = (f64, f64, f64);

/// The glyphs (indices into `glyphs`) as text lines of the frame, top to bottom. Blank glyphs
/// are left out by the caller.
pub(crate) fn lines(glyphs: &[Glyph], idx: &[usize], frame: Frame) -> Vec<Line> {
    lines_ruled(glyphs, idx, frame, &[])
}

/// [`lines`], with a segment ending wherever a vertical rule runs between two words (tabula
/// splits its text chunks at vertical rulings the same way): text set close to a column rule
/// still falls in separate columns.
pub(crate) fn lines_ruled(
    glyphs: &[Glyph],
    idx: &[usize],
    frame: Frame,
    rules: &[Rule],
) -> Vec<Line> {
    // The clustering of [`cluster_glyphs`], each line read from its slice of the sorted items
    // rather than moved into a vector of its own: a page has thousands of lines.
    // Each item carries its glyph's size: the glyphs are visited in the order of the page, not
    // of memory, and are read once here.
    let mut items: Vec<(usize, Rect, f64)> = idx
        .iter()
        .map(|&i| (i, to_frame(&glyphs[i].bbox, frame), glyphs[i].size))
        .collect();
    let place = |&(_, r, _): &(usize, Rect, f64)| r;
    let heads = line_heads(&mut items, &place, |it| it.2.max(0.1));
    let mut store = Store {
        glyphs: Vec::with_capacity(items.len()),
        words: Vec::with_capacity(items.len()),
        segs: Vec::with_capacity(heads.len()),
    };
    // Each line as built, before the store is shared: (glyphs, words, segs, box, yc, size).
    type Built = (Range<usize>, Range<usize>, Range<usize>, Rect, f64, f64);
    let mut built: Vec<Built> = Vec::with_capacity(heads.len());
    let mut sizes: Vec<f64> = Vec::new();
    let mut words: Vec<Word> = Vec::new();
    for (j, &(start, yc, _)) in heads.iter().enumerate() {
        let end = heads.get(j + 1).map_or(items.len(), |h| h.0);
        let cl = &mut items[start..end];
        cl.sort_by(|a, b| a.1.x0.total_cmp(&b.1.x0));
        let cl = &*cl;
        let Some(&(_, first, first_size)) = cl.first() else {
            continue;
        };
        // The median size; a line is mostly set in one size, which then is the median.
        let one = first_size.to_bits();
        let size = if cl.iter().all(|it| it.2.to_bits() == one) {
            first_size
        } else {
            sizes.clear();
            sizes.extend(cl.iter().map(|it| it.2));
            sizes.sort_by(f64::total_cmp);
            sizes[sizes.len() / 2]
        }
        .max(0.1);
        let g0 = store.glyphs.len();
        words.clear();
        for &(i, r, gsize) in cl {
            let gsize = gsize.max(0.1);
            let t = &glyphs[i].text;
            let wide = t.chars().filter(|&c| assign::is_wide(c)).count();
            store.glyphs.push(i);
            let g_end = store.glyphs.len() - g0;
            match words.last_mut() {
                Some(w) if r.x0 - w.x1 <= WORD_GAP * gsize.max(0.5 * size) => {
                    w.g.end = g_end;
                    w.wide += wide;
                    w.x1 = w.x1.max(r.x1);
                    w.y0 = w.y0.min(r.y0);
                    w.y1 = w.y1.max(r.y1);
                }
                _ => words.push(Word {
                    g: g_end - 1..g_end,
                    wide,
                    x0: r.x0,
                    x1: r.x1,
                    y0: r.y0,
                    y1: r.y1,
                }),
            }
        }
        join_spread(&mut words, glyphs, &store.glyphs[g0..], size);
        let ruled = |a: f64, b: f64| {
            rules
                .iter()
                .any(|&(x, y0, y1)| x >= a - 0.5 && x <= b + 0.5 && y0 <= yc && yc <= y1)
        };
        let s0 = store.segs.len();
        for k in 0..words.len() {
            match store.segs[s0..].last_mut() {
                Some(s)
                    if words[k].x0 - words[k - 1].x1 < SEG_GAP * size
                        && !ruled(words[k - 1].x1, words[k].x0) =>
                {
                    s.end = k + 1
                }
                _ => store.segs.push(k..k + 1),
            }
        }
        let mut b = Rect {
            x0: first.x0,
            x1: first.x1,
            y0: first.y0,
            y1: first.y1,
        };
        for w in &words {
            b.x0 = b.x0.min(w.x0);
            b.x1 = b.x1.max(w.x1);
            b.y0 = b.y0.min(w.y0);
            b.y1 = b.y1.max(w.y1);
        }
        let w0 = store.words.len();
        store.words.extend_from_slice(&words);
        built.push((
            g0..store.glyphs.len(),
            w0..store.words.len(),
            s0..store.segs.len(),
            b,
            yc,
            size,
        ));
    }
    let store = Rc::new(store);
    built
        .into_iter()
        .map(|(glyphs, words, segs, b, yc, size)| Line {
            store: Rc::clone(&store),
            glyphs,
            words,
            segs,
            x0: b.x0,
            x1: b.x1,
            y0: b.y0,
            y1: b.y1,
            yc,
            size,
        })
        .collect()
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// Upright glyphs of a string set in a 10 pt font from `x` on baseline band `y`, each
    /// character 5 pt wide; a space leaves a 3 pt gap.
    pub(crate) fn text(out: &mut Vec<Glyph>, s: &str, x: f64, y: f64) {
        let mut x = x;
        for c in s.chars() {
            if c == ' ' {
                x += 3.0;
                continue;
            }
            let w = if assign::is_wide(c) { 10.0 } else { 5.0 };
            out.push(assign::tests::glyph(
                &c.to_string(),
                Rect::new(x, y, x + w, y + 10.0),
                10.0,
            ));
            x += w;
        }
    }

    #[test]
    fn words_split_at_spaces_and_segments_at_wide_gaps() {
        let mut g = Vec::new();
        text(&mut g, "Andhra Pradesh", 0.0, 100.0);
        text(&mut g, "47,824", 120.0, 100.0);
        text(&mut g, "next", 0.0, 80.0);
        let idx: Vec<usize> = (0..g.len()).collect();
        let ls = lines(&g, &idx, Frame::Right);
        assert_eq!(ls.len(), 2);
        let words: Vec<String> = ls[0].words().iter().map(|w| ls[0].text_of(&g, w)).collect();
        assert_eq!(words, vec!["Andhra", "Pradesh", "47,824"]);
        assert_eq!(ls[0].segs(), [0..2, 2..3]);
        assert!(ls[0].is_multi() && !ls[1].is_multi());
    }

    #[test]
    fn the_box_of_lines_holds_them_all() {
        let mut g = Vec::new();
        text(&mut g, "ab", 10.0, 100.0);
        text(&mut g, "cdef", 5.0, 80.0);
        let idx: Vec<usize> = (0..g.len()).collect();
        let ls = lines(&g, &idx, Frame::Right);
        let refs: Vec<&Line> = ls.iter().collect();
        assert_eq!(bbox(&refs), Rect::new(5.0, 80.0, 25.0, 110.0));
    }

    #[test]
    fn bucket_sort_gives_the_stable_order_of_a_full_sort() {
        // Items (key, x, original position) with many ties in both keys, fractional keys in
        // one bucket, negative zero, and a spread of keys that fits the buckets.
        let mut state = 0x2545_f491_4f6c_dd1du64;
        let mut next = || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state
        };
        let items: Vec<(f64, f64, usize)> = (0..600)
            .map(|k| {
                let y = match next() % 4 {
                    0 => -0.0,
                    1 => (next() % 40) as f64 * 0.25,
                    _ => (next() % 600) as f64 - 300.0,
                };
                (y, (next() % 7) as f64, k)
            })
            .collect();
        let cmp = |a: &(f64, f64, usize), b: &(f64, f64, usize)| {
            a.0.total_cmp(&b.0).then(a.1.total_cmp(&b.1))
        };
        let by_x = |a: &(f64, f64, usize), b: &(f64, f64, usize)| a.1.total_cmp(&b.1);
        let mut expected = items.clone();
        expected.sort_by(cmp);
        let mut got = items.clone();
        assert!(bucket_sort(&mut got, |a| a.0, cmp, by_x));
        assert_eq!(got, expected);
        // One key far from the rest crowds the others into few buckets: still sorted.
        let mut far = items.clone();
        far[0].0 = 1e9;
        let mut want = far.clone();
        want.sort_by(cmp);
        assert!(bucket_sort(&mut far, |a| a.0, cmp, by_x));
        assert_eq!(far, want);
        // A key that is not finite: left to the caller.
        let mut nan = items.clone();
        nan[3].0 = f64::NAN;
        assert!(!bucket_sort(&mut nan, |a| a.0, cmp, by_x));
        assert_eq!(nan[4..], items[4..]);
        // A few items close together are sorted too.
        let mut few: Vec<_> = items
            .iter()
            .filter(|a| a.0.abs() < 5.0)
            .take(12)
            .copied()
            .collect();
        let mut want = few.clone();
        want.sort_by(cmp);
        assert!(few.len() == 12 && bucket_sort(&mut few, |a| a.0, cmp, by_x));
        assert_eq!(few, want);
    }

    #[test]
    fn kanji_spread_over_a_cell_are_one_word() {
        let mut g = Vec::new();
        // 岡 山 市 at equal 20 pt gaps, then a word 30 pt further.
        for (k, c) in ["岡", "山", "市"].iter().enumerate() {
            text(&mut g, c, 30.0 * k as f64, 0.0);
        }
        text(&mut g, "事業", 100.0, 0.0);
        let idx: Vec<usize> = (0..g.len()).collect();
        let ls = lines(&g, &idx, Frame::Right);
        let words: Vec<String> = ls[0].words().iter().map(|w| ls[0].text_of(&g, w)).collect();
        assert_eq!(words, vec!["岡山市", "事業"]);
    }
}
