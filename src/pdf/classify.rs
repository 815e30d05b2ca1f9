//! Recorded drawing pieces → what they are on the page: ruling segments (from stroked lines and
//! thin filled rectangles, collinear fragments merged), shapes (drawn marks, bullet squares,
//! arrows, background fills) and underlines (attached to the glyphs they underline).

use super::device::{RawGlyph, RawPath};
use super::{Glyph, Ruling, Shape, ShapeKind};
use crate::geom::Rect;
use hayro_interpret::kurbo::Point;

/// A filled rectangle at most this thick (points) is a rule, not an area.
const THIN: f64 = 2.0;
/// Rulings whose offsets differ by less than this lie on one line.
const SAME_LINE: f64 = 1.0;
/// Collinear rulings separated by a gap up to this are one ruling (LibreOffice draws a row's
/// border as one segment per cell, with joins that do not quite meet; Chromium draws the cells
/// of a `border-collapse: separate` table as boxes 2px apart, their borders' ends 2.25 pt apart).
const JOIN_GAP: f64 = 2.5;
/// A filled square of at most this side is a bullet, not a background.
const BULLET_MAX: f64 = 10.0;

/// Sorts drawn paths into rulings and shapes.
pub fn paths(raw: &[RawPath]) -> (Vec<Ruling>, Vec<Shape>) {
    let mut rulings = Vec::new();
    let mut shapes = Vec::new();
    for p in raw {
        let bbox = bbox_of(&p.points);
        if p.curved {
            let kind = if (bbox.width() - bbox.height()).abs()
                <= 0.25 * bbox.width().max(bbox.height())
                && bbox.width() > 1.0
            {
                ShapeKind::Circle
            } else {
                ShapeKind::Curve
            };
            shapes.push(Shape {
                kind,
                bbox,
                filled: p.fill,
                grey: p.grey,
            });
            continue;
        }
        let axis_rect = is_axis_rect(&p.points);
        if let Some(w) = p.stroke {
            let mut pts = p.points.clone();
            if p.closed && pts.first() != pts.last() {
                pts.push(pts[0]);
            }
            let mut oblique = false;
            for pair in pts.windows(2) {
                match axis_segment(pair[0], pair[1], w) {
                    Some(r) => rulings.push(r),
                    None => oblique |= (pair[0] - pair[1]).hypot() > 0.5,
                }
            }
            if oblique {
                shapes.push(Shape {
                    kind: ShapeKind::Polygon,
                    bbox,
                    filled: p.fill,
                    grey: p.grey,
                });
            }
            continue;
        }
        if !p.fill {
            continue;
        }
        if axis_rect {
            let (w, h) = (bbox.width(), bbox.height());
            if w.min(h) <= THIN && w.max(h) > 2.0 * w.min(h) {
                rulings.push(if w >= h {
                    Ruling {
                        x0: bbox.x0,
                        y0: bbox.cy(),
                        x1: bbox.x1,
                        y1: bbox.cy(),
                        width: h,
                    }
                } else {
                    Ruling {
                        x0: bbox.cx(),
                        y0: bbox.y0,
                        x1: bbox.cx(),
                        y1: bbox.y1,
                        width: w,
                    }
                });
            } else if w.max(h) <= BULLET_MAX && w.min(h) > 0.5 {
                shapes.push(Shape {
                    kind: ShapeKind::Square,
                    bbox,
                    filled: true,
                    grey: p.grey,
                });
            } else if w > 0.5 && h > 0.5 {
                shapes.push(Shape {
                    kind: ShapeKind::Area,
                    bbox,
                    filled: true,
                    grey: p.grey,
                });
            }
        } else {
            shapes.push(Shape {
                kind: ShapeKind::Polygon,
                bbox,
                filled: true,
                grey: p.grey,
            });
        }
    }
    let mut rulings = merge(rulings);
    arrow_shafts(&mut rulings, &mut shapes);
    (rulings, shapes)
}

/// An arrow head is at most this big (points); a larger polygon is not one.
const HEAD_MAX: f64 = 20.0;

/// Joins an arrow's shaft to its head. Producers that have no arrow primitive draw an arrow as
/// two pieces: Chromium's CSS arrows are a filled bar (a thin rectangle: a ruling, or an area
/// when device-pixel rounding makes it thicker than [`THIN`]) plus a triangle painted by the
/// border code; an inline SVG `<line>` + `<polygon>` and reportlab's `line` + filled path are a
/// stroked segment plus a triangle. Left alone, the shaft is a ruling or a band inside a
/// schedule cell and the arrow is only its head, so the phase label printed along the shaft
/// belongs to no arrow (two arrows in one merged cell then share one label). A bar ending at
/// (or just inside) a small filled polygon, on the polygon's axis and narrower than it, is that
/// polygon's shaft: the bar is dropped and the polygon's box grows to cover it. A
/// table border is never taken: it meets perpendicular rules, so the far end is checked for a
/// crossing rule.
fn arrow_shafts(rulings: &mut Vec<Ruling>, shapes: &mut Vec<Shape>) {
    // Candidate shafts: (box, horizontal, thickness, index into rulings (true) or shapes).
    let mut bars: Vec<(Rect, bool, f64, bool, usize)> = Vec::new();
    for (k, r) in rulings.iter().enumerate() {
        if r.width <= THIN {
            let h = r.is_horizontal();
            let half = r.width / 2.0;
            let b = if h {
                Rect::new(r.x0, r.y0 - half, r.x1, r.y0 + half)
            } else {
                Rect::new(r.x0 - half, r.y0, r.x0 + half, r.y1)
            };
            bars.push((b, h, r.width, true, k));
        }
    }
    for (k, s) in shapes.iter().enumerate() {
        let (w, h) = (s.bbox.width(), s.bbox.height());
        if s.kind == ShapeKind::Area && w.max(h) >= 3.0 * w.min(h) {
            bars.push((s.bbox, w >= h, w.min(h), false, k));
        }
    }
    let crossed = |x: f64, y: f64, horizontal: bool| {
        rulings.iter().any(|o| {
            o.is_horizontal() != horizontal
                && if o.is_horizontal() {
                    (o.y0 - y).abs() < 1.0 && o.x0 - 1.0 <= x && x <= o.x1 + 1.0
                } else {
                    (o.x0 - x).abs() < 1.0 && o.y0 - 1.0 <= y && y <= o.y1 + 1.0
                }
        })
    };
    let mut used = vec![false; bars.len()];
    let mut grown: Vec<(usize, Rect)> = Vec::new();
    for (hk, head) in shapes.iter().enumerate() {
        let b = head.bbox;
        if head.kind != ShapeKind::Polygon || !head.filled || b.width().max(b.height()) > HEAD_MAX {
            continue;
        }
        let mut bbox = b;
        for (k, &(r, horizontal, thick, _, _)) in bars.iter().enumerate() {
            if used[k] {
                continue;
            }
            // Along the shaft: (shaft start, shaft end, head start, head centre, head end).
            let (s0, s1, h0, hc, h1, across, off, axis) = if horizontal {
                (r.x0, r.x1, b.x0, b.cx(), b.x1, b.height(), r.cy(), b.cy())
            } else {
                (r.y0, r.y1, b.y0, b.cy(), b.y1, b.width(), r.cx(), b.cx())
            };
            let far = if (s1 - h0).abs() <= 1.5 || (s1 > h0 && s1 <= hc) {
                s0
            } else if (s0 - h1).abs() <= 1.5 || (s0 < h1 && s0 >= hc) {
                s1
            } else {
                continue;
            };
            // The head is wider than the shaft; a shaft may be a tall band with the label printed
            // inside it (white on black), so only "narrower than the head" is asked.
            if (off - axis).abs() > 0.25 * across || thick > 0.9 * across {
                continue;
            }
            let (fx, fy) = if horizontal { (far, off) } else { (off, far) };
            if crossed(fx, fy, horizontal) {
                continue;
            }
            used[k] = true;
            bbox = bbox.union(&r);
        }
        grown.push((hk, bbox));
    }
    for (hk, bbox) in grown {
        shapes[hk].bbox = bbox;
    }
    let drop_r: Vec<usize> = bars
        .iter()
        .zip(&used)
        .filter(|(b, u)| **u && b.3)
        .map(|(b, _)| b.4)
        .collect();
    let drop_s: Vec<usize> = bars
        .iter()
        .zip(&used)
        .filter(|(b, u)| **u && !b.3)
        .map(|(b, _)| b.4)
        .collect();
    let mut k = 0;
    rulings.retain(|_| {
        k += 1;
        !drop_r.contains(&(k - 1))
    });
    let mut k = 0;
    shapes.retain(|_| {
        k += 1;
        !drop_s.contains(&(k - 1))
    });
}

fn bbox_of(points: &[Point]) -> Rect {
    let mut r = Rect {
        x0: f64::MAX,
        y0: f64::MAX,
        x1: f64::MIN,
        y1: f64::MIN,
    };
    for p in points {
        r.x0 = r.x0.min(p.x);
        r.y0 = r.y0.min(p.y);
        r.x1 = r.x1.max(p.x);
        r.y1 = r.y1.max(p.y);
    }
    r
}

fn is_axis_rect(points: &[Point]) -> bool {
    let mut pts: Vec<Point> = points.to_vec();
    if pts.len() >= 2 && (pts[0] - pts[pts.len() - 1]).hypot() < 0.01 {
        pts.pop();
    }
    if pts.len() != 4 {
        return false;
    }
    (0..4).all(|i| {
        let (a, b) = (pts[i], pts[(i + 1) % 4]);
        (a.x - b.x).abs() < 0.01 || (a.y - b.y).abs() < 0.01
    })
}

fn axis_segment(a: Point, b: Point, width: f64) -> Option<Ruling> {
    let (dx, dy) = ((a.x - b.x).abs(), (a.y - b.y).abs());
    if dy <= 0.1 && dx > 0.1 {
        let y = (a.y + b.y) / 2.0;
        Some(Ruling {
            x0: a.x.min(b.x),
            y0: y,
            x1: a.x.max(b.x),
            y1: y,
            width,
        })
    } else if dx <= 0.1 && dy > 0.1 {
        let x = (a.x + b.x) / 2.0;
        Some(Ruling {
            x0: x,
            y0: a.y.min(b.y),
            x1: x,
            y1: a.y.max(b.y),
            width,
        })
    } else {
        None
    }
}

/// Merges collinear, overlapping or nearly touching rulings into one.
pub fn merge(rulings: Vec<Ruling>) -> Vec<Ruling> {
    let (mut hs, mut vs): (Vec<Ruling>, Vec<Ruling>) =
        rulings.into_iter().partition(|r| r.is_horizontal());
    let mut out = merge_axis(&mut hs, true);
    out.extend(merge_axis(&mut vs, false));
    out
}

fn merge_axis(rs: &mut [Ruling], horizontal: bool) -> Vec<Ruling> {
    // (offset, start, end, width)
    let key = |r: &Ruling| {
        if horizontal {
            (r.y0, r.x0, r.x1)
        } else {
            (r.x0, r.y0, r.y1)
        }
    };
    rs.sort_by(|a, b| {
        let (ka, kb) = (key(a), key(b));
        ka.0.total_cmp(&kb.0).then(ka.1.total_cmp(&kb.1))
    });
    // Group by offset, then merge intervals within each group.
    let mut out = Vec::new();
    let mut i = 0;
    while i < rs.len() {
        let mut j = i + 1;
        while j < rs.len() && key(&rs[j]).0 - key(&rs[j - 1]).0 < SAME_LINE {
            j += 1;
        }
        let group = &mut rs[i..j];
        group.sort_by(|a, b| key(a).1.total_cmp(&key(b).1));
        let mut cur: Option<(f64, f64, f64, f64, usize)> = None; // off_sum, s, e, w, n
        for r in group.iter() {
            let (off, s, e) = key(r);
            match cur.as_mut() {
                Some(c) if s <= c.2 + JOIN_GAP => {
                    c.0 += off;
                    c.4 += 1;
                    c.2 = c.2.max(e);
                    c.3 = c.3.max(r.width);
                }
                _ => {
                    if let Some(c) = cur.take() {
                        out.push(make(c, horizontal));
                    }
                    cur = Some((off, s, e, r.width, 1));
                }
            }
        }
        if let Some(c) = cur {
            out.push(make(c, horizontal));
        }
        i = j;
    }
    out
}

fn make(c: (f64, f64, f64, f64, usize), horizontal: bool) -> Ruling {
    let off = c.0 / c.4 as f64;
    if horizontal {
        Ruling {
            x0: c.1,
            y0: off,
            x1: c.2,
            y1: off,
            width: c.3,
        }
    } else {
        Ruling {
            x0: off,
            y0: c.1,
            x1: off,
            y1: c.2,
            width: c.3,
        }
    }
}

/// Glyphs drawn twice at the same place (fill then stroke, fake bold by overprinting, a shadow
/// or an annotation's appearance drawn over the page's own text) are kept once. Two glyphs of the
/// same text are "at the same place" when their boxes' corners lie within 3% of an em (plus
/// 0.2 pt) of each other, or when their sizes differ by at most a sixth and their boxes overlap
/// by at least 60% of the smaller one — the same character is never set that close on purpose.
/// Only the last 64 glyphs are looked at, since duplicates follow each other closely in the
/// content stream.
pub fn dedupe(glyphs: Vec<RawGlyph>) -> Vec<RawGlyph> {
    const WINDOW: usize = 64;
    let mut out: Vec<RawGlyph> = Vec::with_capacity(glyphs.len());
    // The left edges of `out`, side by side: the first test runs over them and touches a glyph
    // only when its edge is near (a page of 1,500 glyphs made 96,000 comparisons of 100-byte
    // records).
    let mut xs: Vec<f64> = Vec::with_capacity(glyphs.len());
    // And a fingerprint of each text beside them, the glyphs chained by a bucket of their
    // fingerprint (`heads` holds each bucket's latest glyph, `prev` the one before it): a glyph
    // walks only its bucket's chain back through the window, not all 64 glyphs, since most
    // have no text twin there.
    const NONE: usize = usize::MAX;
    let mut keys: Vec<u32> = Vec::with_capacity(glyphs.len());
    let mut prev: Vec<usize> = Vec::with_capacity(glyphs.len());
    let mut heads = [NONE; 256];
    for g in glyphs {
        // Cheap first test over the left edges: a glyph at the same place, or overlapping its
        // twin by 60%, starts within the glyph's width (its twin is at most a sixth larger).
        let near = (0.03 * g.size.max(1.0) + 0.2).max(1.25 * g.bbox.width().abs());
        let key = text_key(&g.text);
        let bucket = (key.wrapping_mul(0x9E37_79B1) >> 24) as usize;
        let from = out.len().saturating_sub(WINDOW);
        let mut k = heads[bucket];
        let mut dup = false;
        while k != NONE && k >= from {
            if keys[k] == key
                && (xs[k] - g.bbox.x0).abs() < near
                && out[k].text == g.text
                && same_place(&out[k], &g)
            {
                dup = true;
                break;
            }
            k = prev[k];
        }
        if !dup {
            xs.push(g.bbox.x0);
            keys.push(key);
            prev.push(heads[bucket]);
            heads[bucket] = out.len();
            out.push(g);
        }
    }
    out
}

/// The length and first three bytes (a whole kana or ideograph) of a text: equal texts have
/// equal keys.
fn text_key(text: &str) -> u32 {
    let b = text.as_bytes();
    let mut key = b.len() as u32 & 0xff;
    for (i, &c) in b.iter().take(3).enumerate() {
        key |= (c as u32) << (8 * (i + 1));
    }
    key
}

fn same_place(a: &RawGlyph, b: &RawGlyph) -> bool {
    let tol = 0.03 * b.size.max(1.0) + 0.2;
    if (a.bbox.x0 - b.bbox.x0).abs() < tol && (a.bbox.y0 - b.bbox.y0).abs() < tol {
        return true;
    }
    let (small, large) = if a.size < b.size {
        (a.size, b.size)
    } else {
        (b.size, a.size)
    };
    let smaller_area = a.bbox.area().min(b.bbox.area());
    small > 0.0
        && large <= small * 7.0 / 6.0
        && smaller_area > 0.0
        && a.bbox.overlap_area(&b.bbox) >= 0.6 * smaller_area
}

/// Moves horizontal rulings that underline text out of `rulings`, marks the glyphs they
/// underline, and returns the underline boxes.
///
/// A rule underlines text when it runs just under the baseline of upright glyphs (from a fifth of
/// an em below the bottom of their em box to 30% above it) and does not reach more than one em beyond the
/// underlined run on either side. A cell border under a full cell of text is told apart by the
/// cell padding: producers leave at least a point or two between descenders and the border,
/// and the border runs on past the text to the next column rule.
pub fn underlines(rulings: &mut Vec<Ruling>, glyphs: &mut [Glyph]) -> Vec<Rect> {
    let mut out = Vec::new();
    let verticals: Vec<Ruling> = rulings
        .iter()
        .filter(|r| !r.is_horizontal())
        .cloned()
        .collect();
    // Each upright glyph with the heights a rule under it may run at: below the em box by up
    // to a fifth of an em (CSS `text-underline-offset` is measured from the baseline in px, so
    // Chromium puts a 2px-offset underline 0.9 pt under the em box of 8 pt IPAex text, whose
    // descent is only 0.12 em), up to 30% of an em above it. Sorted by the lower end, so that
    // a rule looks only at the glyphs whose band can hold it, not at the whole page.
    let mut bands: Vec<(f64, f64, usize)> = Vec::new();
    if rulings.iter().any(|r| r.is_horizontal() && r.width <= 1.5) {
        bands = glyphs
            .iter()
            .enumerate()
            .filter(|(_, g)| g.dir == super::Direction::Right && !g.vertical)
            .map(|(i, g)| {
                let b = &g.bbox;
                (b.y0 - (0.2 * g.size).max(0.8), b.y0 + 0.3 * g.size, i)
            })
            // An empty band (or NaN) holds no rule.
            .filter(|&(lo, hi, _)| lo <= hi)
            .collect();
        bands.sort_by(|a, b| a.0.total_cmp(&b.0));
    }
    let span = bands.iter().map(|b| b.1 - b.0).fold(0.0f64, f64::max);
    rulings.retain(|r| {
        if !r.is_horizontal() || r.width > 1.5 {
            return true;
        }
        // Bands starting more than the widest band below the rule cannot reach it (with a
        // point to spare for rounding).
        let from = bands.partition_point(|b| b.0 < r.y0 - span - 1.0);
        let to = bands.partition_point(|b| b.0 <= r.y0);
        let mut hit: Vec<usize> = Vec::new();
        for &(lo, hi, i) in bands.get(from..to).unwrap_or(&[]) {
            let b = &glyphs[i].bbox;
            let inside_x = b.cx() > r.x0 && b.cx() < r.x1;
            if inside_x && r.y0 >= lo && r.y0 <= hi {
                hit.push(i);
            }
        }
        hit.sort_unstable();
        if hit.is_empty() {
            return true;
        }
        let (mut lo, mut hi, mut size) = (f64::MAX, f64::MIN, 0.0f64);
        for &i in &hit {
            lo = lo.min(glyphs[i].bbox.x0);
            hi = hi.max(glyphs[i].bbox.x1);
            size = size.max(glyphs[i].size);
        }
        if r.x0 < lo - size || r.x1 > hi + size {
            return true;
        }
        // A rule whose ends meet vertical rules is a border.
        let touches = |x: f64| {
            verticals
                .iter()
                .any(|v| (v.x0 - x).abs() < 1.0 && v.y0 - 1.0 <= r.y0 && v.y1 + 1.0 >= r.y0)
        };
        if touches(r.x0) && touches(r.x1) {
            return true;
        }
        for &i in &hit {
            glyphs[i].underlined = true;
        }
        out.push(Rect::new(
            r.x0,
            r.y0 - r.width / 2.0,
            r.x1,
            r.y0 + r.width / 2.0,
        ));
        false
    });
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn raw(points: &[(f64, f64)], fill: bool, stroke: Option<f64>, closed: bool) -> RawPath {
        RawPath {
            points: points.iter().map(|&(x, y)| Point::new(x, y)).collect(),
            closed,
            curved: false,
            fill,
            stroke,
            grey: 0,
        }
    }

    #[test]
    fn stroked_rectangle_gives_four_rulings() {
        let (r, s) = paths(&[raw(
            &[(0.0, 0.0), (100.0, 0.0), (100.0, 50.0), (0.0, 50.0)],
            false,
            Some(0.5),
            true,
        )]);
        assert_eq!(r.len(), 4);
        assert!(s.is_empty());
        assert_eq!(r.iter().filter(|r| r.is_horizontal()).count(), 2);
    }

    #[test]
    fn thin_filled_rectangle_is_a_ruling_and_small_square_a_bullet() {
        let thin = raw(
            &[(10.0, 10.0), (90.0, 10.0), (90.0, 10.5), (10.0, 10.5)],
            true,
            None,
            true,
        );
        let square = raw(
            &[(0.0, 0.0), (4.0, 0.0), (4.0, 4.0), (0.0, 4.0)],
            true,
            None,
            true,
        );
        let (r, s) = paths(&[thin, square]);
        assert_eq!(
            r,
            vec![Ruling {
                x0: 10.0,
                y0: 10.25,
                x1: 90.0,
                y1: 10.25,
                width: 0.5
            }]
        );
        assert_eq!(s.len(), 1);
        assert_eq!(s[0].kind, ShapeKind::Square);
    }

    #[test]
    fn a_bar_touching_a_triangle_is_one_arrow_but_a_border_is_not_a_shaft() {
        // Chromium's CSS arrow: a 1.5 pt filled bar (a ruling) and a border-drawn triangle.
        let bar = raw(
            &[(100.0, 50.0), (180.0, 50.0), (180.0, 51.5), (100.0, 51.5)],
            true,
            None,
            true,
        );
        let head = raw(
            &[(180.0, 47.0), (187.0, 50.75), (180.0, 54.5)],
            true,
            None,
            true,
        );
        // A table border at y = 20 that starts on a column rule and ends at a small triangle
        // on its axis: its far end meets a crossing rule, so it stays a border.
        let border = raw(&[(0.0, 20.0), (180.0, 20.0)], false, Some(0.5), false);
        let column = raw(&[(0.0, 0.0), (0.0, 100.0)], false, Some(0.5), false);
        let mark = raw(
            &[(180.0, 17.0), (187.0, 20.0), (180.0, 23.0)],
            true,
            None,
            true,
        );
        let (r, s) = paths(&[bar, head, border, column, mark]);
        assert_eq!(s.len(), 2);
        assert!(s.iter().all(|s| s.kind == ShapeKind::Polygon));
        assert!(
            (s[0].bbox.x0 - 100.0).abs() < 1e-9 && (s[0].bbox.x1 - 187.0).abs() < 1e-9,
            "{:?}",
            s[0].bbox
        );
        assert!((s[1].bbox.x0 - 180.0).abs() < 1e-9, "{:?}", s[1].bbox);
        assert_eq!(r.len(), 2, "{r:?}");
        assert!(r.iter().all(|r| r.width == 0.5));
    }

    #[test]
    fn collinear_fragments_merge_but_separate_lines_do_not() {
        let rs = vec![
            Ruling {
                x0: 0.0,
                y0: 10.0,
                x1: 50.0,
                y1: 10.0,
                width: 0.5,
            },
            Ruling {
                x0: 50.8,
                y0: 10.2,
                x1: 100.0,
                y1: 10.2,
                width: 0.5,
            },
            Ruling {
                x0: 120.0,
                y0: 10.0,
                x1: 130.0,
                y1: 10.0,
                width: 0.5,
            },
            Ruling {
                x0: 0.0,
                y0: 30.0,
                x1: 100.0,
                y1: 30.0,
                width: 0.5,
            },
        ];
        let m = merge(rs);
        assert_eq!(m.len(), 3);
        assert!((m[0].x1 - 100.0).abs() < 1e-9 && m[0].x0 == 0.0);
        assert_eq!(m[1].x0, 120.0);
    }

    fn glyph(text: &str, x: f64, y: f64, size: f64) -> RawGlyph {
        RawGlyph {
            text: text.into(),
            mapped: true,
            code: 0,
            gid: None,
            angle: 0.0,
            bbox: Rect::new(x, y, x + 0.6 * size, y + size),
            size,
            dir: super::super::Direction::Right,
            vertical: false,
            invisible: false,
            font: 0,
        }
    }

    fn texts(glyphs: &[RawGlyph]) -> String {
        glyphs.iter().map(|g| g.text.as_str()).collect()
    }

    #[test]
    fn dedupe_drops_overprints_shadows_and_appearances_over_text() {
        // "Sub" at 10 pt, then the same word again 1.3 pt off and 6% larger (a button's
        // appearance drawn over the page's label): read once.
        let mut g: Vec<RawGlyph> = ["S", "u", "b"]
            .iter()
            .enumerate()
            .map(|(i, t)| glyph(t, 100.0 + 6.0 * i as f64, 700.0, 10.0))
            .collect();
        g.extend(
            ["S", "u", "b"]
                .iter()
                .enumerate()
                .map(|(i, t)| glyph(t, 101.3 + 6.3 * i as f64, 699.0, 10.6)),
        );
        assert_eq!(texts(&dedupe(g)), "Sub");
    }

    #[test]
    fn dedupe_keeps_repeated_letters_and_text_of_other_sizes() {
        // "ll" set tight, a word repeated on the next line, and a big initial over its small copy.
        let g = vec![
            glyph("l", 100.0, 700.0, 10.0),
            glyph("l", 103.5, 700.0, 10.0),
            glyph("l", 100.0, 688.0, 10.0),
            glyph("A", 200.0, 700.0, 24.0),
            glyph("A", 201.0, 701.0, 10.0),
        ];
        assert_eq!(texts(&dedupe(g)), "lllAA");
    }
}
