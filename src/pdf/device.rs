//! The only place that implements hayro's `Device`: interpreted drawing operations in, plain
//! recorded data out ([`RawGlyph`]s, stroked and filled path pieces). Nothing here interprets
//! what was drawn; [`super::classify`] turns the pieces into rulings and shapes.
//!
//! hayro-interpret is pinned to one version in Cargo.toml because this trait has changed shape
//! between releases (`fill_glyph` → `draw_glyph` → `draw_glyph_run`).

use crate::geom::Rect;
use hayro_interpret::font::{Glyph as HGlyph, GlyphRun};
use hayro_interpret::hayro_cmap::{BfString, WritingMode};
use hayro_interpret::kurbo::{Affine, BezPath, PathEl, Point};
use hayro_interpret::{
    BlendMode, ClipPath, Device, DrawMode, DrawProps, Image, ImageDrawProps, SoftMask,
};

/// Glyph-space ascent and descent (in 1/1000 em) used for the box of every glyph. Fonts' own
/// values differ a little; one em-high box with the baseline at 12% keeps neighbouring lines
/// from overlapping and is what PDF text extractors conventionally use.
const ASCENT: f64 = 880.0;
const DESCENT: f64 = -120.0;

/// One glyph as drawn, in page space (y up, origin bottom-left of the displayed page).
#[derive(Debug, Clone)]
pub struct RawGlyph {
    /// The text the font maps the glyph to (ToUnicode, predefined CMap, glyph name); U+FFFD if
    /// none.
    pub text: String,
    /// Em box of the glyph.
    pub bbox: Rect,
    /// Font size in page space (length of the em vector).
    pub size: f64,
    /// Direction of the text-space x axis in page space: 0 = right, 1 = up, 2 = left, 3 = down.
    pub dir: u8,
    /// The font's writing mode was vertical (WMode 1).
    pub vertical: bool,
    /// Drawn with rendering mode 3 (invisible), e.g. an OCR layer.
    pub invisible: bool,
    /// Index into the font name table.
    pub font: u32,
}

/// A piece of a path as drawn: a polygonal subpath or a curve, with its paint mode.
#[derive(Debug, Clone)]
pub struct RawPath {
    /// Points of the subpath in page space (curves flattened to their control polygon).
    pub points: Vec<Point>,
    /// The subpath was closed (`h`, or a `re`).
    pub closed: bool,
    /// The subpath contains curve segments.
    pub curved: bool,
    /// Filled.
    pub fill: bool,
    /// Stroked, with this line width in page space.
    pub stroke: Option<f64>,
    /// Fill or stroke colour as 8-bit grey level (0 black .. 255 white), a rough luminance.
    pub grey: u8,
}

/// Records everything a page draws.
#[derive(Default)]
pub struct Recorder {
    /// Glyphs in content-stream order.
    pub glyphs: Vec<RawGlyph>,
    /// Path pieces in content-stream order.
    pub paths: Vec<RawPath>,
    /// Font names, indexed by [`RawGlyph::font`].
    pub fonts: Vec<String>,
    /// Boxes of the images drawn (small ones are bullets; a page with images and no glyphs is
    /// probably a scan).
    pub images: Vec<Rect>,
    /// Glyphs whose font gave no Unicode at all.
    pub unmapped: usize,
    /// When set, the first drawing call after this instant sets [`Recorder::timed_out`] and
    /// every later call records nothing (hayro has no cancellation of its own: it reads the rest
    /// of the content stream, whose size `limits` bounds, but nothing costly is done with it).
    pub deadline: Option<std::time::Instant>,
    /// The deadline passed: what was recorded is incomplete and the page is given up.
    pub timed_out: bool,
}

impl Recorder {
    /// Whether the page's time is up (checked cooperatively on every drawing call).
    fn over_time(&mut self) -> bool {
        if !self.timed_out && self.deadline.is_some_and(|d| std::time::Instant::now() > d) {
            self.timed_out = true;
        }
        self.timed_out
    }

    fn font_index(&mut self, name: &str) -> u32 {
        if let Some(i) = self.fonts.iter().position(|f| f == name) {
            return i as u32;
        }
        self.fonts.push(name.to_string());
        (self.fonts.len() - 1) as u32
    }
}

fn font_name(g: &HGlyph<'_>) -> String {
    match g {
        HGlyph::Outline(o) => o
            .font_data()
            .and_then(|d| d.postscript_name)
            .unwrap_or_else(|| "(non-embedded)".to_string()),
        HGlyph::Type3(_) => "(Type3)".to_string(),
    }
}

fn advance(g: &HGlyph<'_>, text: &str) -> f64 {
    let w = match g {
        HGlyph::Outline(o) => o.advance_width(),
        HGlyph::Type3(t) => t.advance_width(),
    };
    match w {
        Some(w) if w.is_finite() && w > 1.0 => w as f64,
        // No width known: full width for CJK, half for the rest.
        _ => {
            if text.chars().next().is_some_and(|c| c as u32 >= 0x2E80) {
                1000.0
            } else {
                500.0
            }
        }
    }
}

fn grey_of(props: &DrawProps<'_>) -> u8 {
    match &props.paint {
        hayro_interpret::Paint::Color(c) => {
            let [r, g, b, _] = c.to_rgba().to_rgba8();
            ((r as u32 * 299 + g as u32 * 587 + b as u32 * 114) / 1000) as u8
        }
        hayro_interpret::Paint::Pattern(_) => 128,
    }
}

fn direction(t: &Affine) -> u8 {
    let [a, b, ..] = t.as_coeffs();
    if a.abs() >= b.abs() {
        if a >= 0.0 { 0 } else { 2 }
    } else if b > 0.0 {
        1
    } else {
        3
    }
}

impl<'a> Device<'a> for Recorder {
    fn draw_path(&mut self, path: &BezPath, props: DrawProps<'a>, draw_mode: &DrawMode) {
        if self.over_time() {
            return;
        }
        let (fill, stroke) = match draw_mode {
            DrawMode::Fill(_) => (true, None),
            DrawMode::Stroke(s) => (false, Some(s.line_width as f64)),
            DrawMode::FillAndStroke(_, s) => (true, Some(s.line_width as f64)),
            DrawMode::Invisible => return,
        };
        let t = props.transform;
        // Line width is in user space; scale it by the transform's mean scale.
        let [a, b, c, d, ..] = t.as_coeffs();
        let scale = ((a * d - b * c).abs()).sqrt();
        let stroke = stroke.map(|w| (w * scale).max(0.0));
        let grey = grey_of(&props);
        let mut cur: Option<RawPath> = None;
        let flush = |cur: &mut Option<RawPath>, paths: &mut Vec<RawPath>| {
            if let Some(p) = cur.take()
                && p.points.len() >= 2
            {
                paths.push(p);
            }
        };
        for el in path.elements() {
            match *el {
                PathEl::MoveTo(p) => {
                    flush(&mut cur, &mut self.paths);
                    cur = Some(RawPath {
                        points: vec![t * p],
                        closed: false,
                        curved: false,
                        fill,
                        stroke,
                        grey,
                    });
                }
                PathEl::LineTo(p) => {
                    if let Some(c) = cur.as_mut() {
                        c.points.push(t * p);
                    }
                }
                PathEl::QuadTo(p1, p2) => {
                    if let Some(c) = cur.as_mut() {
                        c.points.extend([t * p1, t * p2]);
                        c.curved = true;
                    }
                }
                PathEl::CurveTo(p1, p2, p3) => {
                    if let Some(c) = cur.as_mut() {
                        c.points.extend([t * p1, t * p2, t * p3]);
                        c.curved = true;
                    }
                }
                PathEl::ClosePath => {
                    if let Some(c) = cur.as_mut() {
                        c.closed = true;
                    }
                }
            }
        }
        flush(&mut cur, &mut self.paths);
    }

    fn push_clip_path(&mut self, _clip_path: &ClipPath) {
        self.over_time();
    }

    fn push_transparency_group(&mut self, _: f32, _: Option<SoftMask<'a>>, _: BlendMode) {}

    fn draw_glyph_run(
        &mut self,
        glyph_run: &GlyphRun<'_, 'a>,
        props: DrawProps<'a>,
        draw_mode: &DrawMode,
    ) {
        if self.over_time() {
            return;
        }
        let vertical = matches!(glyph_run.writing_mode(), WritingMode::Vertical);
        let invisible = matches!(draw_mode, DrawMode::Invisible);
        let Some(first) = glyph_run.glyphs().first() else {
            return;
        };
        let name = font_name(first);
        let font = self.font_index(&name);
        for pg in glyph_run.glyphs() {
            let text = match pg.as_unicode() {
                Some(BfString::Char(c)) => c.to_string(),
                Some(BfString::String(s)) => s,
                None => {
                    self.unmapped += 1;
                    "\u{FFFD}".to_string()
                }
            };
            let t = props.transform * pg.transform();
            let adv = advance(pg, &text);
            let bbox =
                t.transform_rect_bbox(hayro_interpret::kurbo::Rect::new(0.0, DESCENT, adv, ASCENT));
            let em = t * Point::new(0.0, 1000.0) - t * Point::new(0.0, 0.0);
            self.glyphs.push(RawGlyph {
                text,
                bbox: Rect::new(bbox.x0, bbox.y0, bbox.x1, bbox.y1),
                size: em.hypot(),
                dir: direction(&t),
                vertical,
                invisible,
                font,
            });
        }
    }

    fn draw_image(&mut self, _image: Image<'a, '_>, props: ImageDrawProps<'a>) {
        if self.over_time() {
            return;
        }
        // 8.9.4: an image occupies the unit square of its user space.
        let b = props
            .transform
            .transform_rect_bbox(hayro_interpret::kurbo::Rect::new(0.0, 0.0, 1.0, 1.0));
        self.images.push(Rect::new(b.x0, b.y0, b.x1, b.y1));
    }

    fn pop_clip(&mut self) {}

    fn pop_transparency_group(&mut self) {}
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_passed_deadline_stops_recording_without_unwinding() {
        let mut rec = Recorder {
            deadline: Some(std::time::Instant::now() - std::time::Duration::from_secs(1)),
            ..Default::default()
        };
        assert!(rec.over_time());
        assert!(rec.timed_out);
        let mut free = Recorder::default();
        assert!(!free.over_time());
        assert!(!free.timed_out);
    }

    #[test]
    fn direction_of_rotations() {
        assert_eq!(direction(&Affine::IDENTITY), 0);
        assert_eq!(direction(&Affine::rotate(std::f64::consts::FRAC_PI_2)), 1);
        assert_eq!(direction(&Affine::rotate(std::f64::consts::PI)), 2);
        assert_eq!(direction(&Affine::rotate(-std::f64::consts::FRAC_PI_2)), 3);
    }
}
