//! The only place that implements hayro's `Device`: interpreted drawing operations in, plain
//! recorded data out ([`RawGlyph`]s, stroked and filled path pieces). Nothing here interprets
//! what was drawn; [`super::classify`] turns the pieces into rulings and shapes.
//!
//! hayro-interpret is pinned to one version in Cargo.toml because this trait has changed shape
//! between releases (`fill_glyph` → `draw_glyph` → `draw_glyph_run`).

use crate::geom::Rect;
use hayro_interpret::font::{FontData, Glyph as HGlyph, GlyphRun};
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
    /// hayro found a mapping for the glyph (`text` is not a placeholder).
    pub mapped: bool,
    /// The character code that selected the glyph.
    pub code: u32,
    /// The glyph's index in its font program (outline fonts).
    pub gid: Option<u32>,
    /// Angle of the baseline in degrees, anticlockwise from the page's +x axis.
    pub angle: f64,
    /// Em box of the glyph.
    pub bbox: Rect,
    /// Font size in page space (length of the em vector).
    pub size: f64,
    /// Direction of the text-space x axis in page space, to the nearest quarter turn.
    pub dir: super::Direction,
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

/// One text-showing operation as hayro drew it: a range of [`Recorder::glyphs`].
#[derive(Debug, Clone)]
pub struct RawRun {
    /// First glyph.
    pub start: usize,
    /// One past the last glyph.
    pub end: usize,
    /// hayro's content hash of the font program the glyphs come from (an outline font whose
    /// bytes hayro exposes), a key into [`Recorder::programs`].
    pub program: Option<u128>,
}

/// Records everything a page draws.
#[derive(Default)]
pub struct Recorder {
    /// Glyphs in content-stream order.
    pub glyphs: Vec<RawGlyph>,
    /// The text-showing operations, in order.
    pub runs: Vec<RawRun>,
    /// The bytes of the font programs used, by hayro's content hash.
    pub programs: std::collections::HashMap<u128, FontData>,
    /// Path pieces in content-stream order.
    pub paths: Vec<RawPath>,
    /// Font names, indexed by [`RawGlyph::font`].
    pub fonts: Vec<String>,
    /// Boxes of the images drawn (small ones are bullets; a page with images and no glyphs is
    /// probably a scan).
    pub images: Vec<Rect>,
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

/// Whether program bytes are one of hayro's stand-ins for the 14 standard fonts (what hayro
/// draws a non-embedded or unreadable font with): their tables describe another font.
pub(crate) fn is_substitute(data: &[u8]) -> bool {
    use hayro_interpret::font::StandardFont as S;
    static PTRS: std::sync::OnceLock<Vec<usize>> = std::sync::OnceLock::new();
    let ptrs = PTRS.get_or_init(|| {
        [
            S::Helvetica,
            S::HelveticaBold,
            S::HelveticaOblique,
            S::HelveticaBoldOblique,
            S::Courier,
            S::CourierBold,
            S::CourierOblique,
            S::CourierBoldOblique,
            S::TimesRoman,
            S::TimesBold,
            S::TimesItalic,
            S::TimesBoldItalic,
            S::ZapfDingBats,
            S::Symbol,
        ]
        .iter()
        .map(|f| {
            let (d, _) = f.get_font_data();
            let bytes: &[u8] = (*d).as_ref();
            bytes.as_ptr() as usize
        })
        .collect()
    });
    ptrs.contains(&(data.as_ptr() as usize))
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

/// The angle of the text-space x axis in page space, in degrees anticlockwise.
fn angle(t: &Affine) -> f64 {
    let [a, b, ..] = t.as_coeffs();
    let deg = b.atan2(a).to_degrees();
    // Snap float noise so that upright text is exactly 0 (or 90, 180, 270).
    let snapped = (deg / 90.0).round() * 90.0;
    let deg = if (deg - snapped).abs() < 0.01 {
        snapped
    } else {
        deg
    };
    if deg < 0.0 { deg + 360.0 } else { deg }
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
        let data = match &**first {
            HGlyph::Outline(o) => o.font_data(),
            HGlyph::Type3(_) => None,
        };
        let name = match (&**first, &data) {
            (HGlyph::Type3(_), _) => "(Type3)",
            (_, Some(d)) => d.postscript_name.as_deref().unwrap_or("(non-embedded)"),
            (_, None) => "(non-embedded)",
        };
        let font = self.font_index(name);
        // hayro draws a font it has no program for with a stand-in, stretched to the widths
        // the PDF gives (`glyph_stretch`); the glyph's box must follow the PDF's advance, not
        // the stretched outline's.
        let stand_in = match &data {
            Some(d) => is_substitute((*d.data).as_ref()),
            None => matches!(&**first, HGlyph::Outline(_)),
        };
        let program = data.map(|d| {
            self.programs.entry(d.cache_key).or_insert(d.data);
            d.cache_key
        });
        let start = self.glyphs.len();
        for pg in glyph_run.glyphs() {
            let (text, mapped) = match pg.as_unicode() {
                Some(BfString::Char(c)) => (c.to_string(), true),
                Some(BfString::String(s)) => (s, true),
                None => ("\u{FFFD}".to_string(), false),
            };
            let gid = match &**pg {
                HGlyph::Outline(o) => Some(o.glyph_id().to_u32()),
                HGlyph::Type3(_) => None,
            };
            let t = props.transform * pg.transform();
            let adv = advance(pg, &text);
            let em = t * Point::new(0.0, 1000.0) - t * Point::new(0.0, 0.0);
            let bbox = if stand_in {
                // Undo the stretch: the baseline unit is the em's, turned a quarter.
                let o = t * Point::new(0.0, 0.0);
                let x = t * Point::new(1.0, 0.0) - o;
                let unit = x / x.hypot().max(1e-9) * (em.hypot() / 1000.0);
                let up = em / 1000.0;
                let corners = [
                    o + up * DESCENT,
                    o + up * ASCENT,
                    o + unit * adv + up * DESCENT,
                    o + unit * adv + up * ASCENT,
                ];
                let (mut x0, mut y0, mut x1, mut y1) = (f64::MAX, f64::MAX, f64::MIN, f64::MIN);
                for c in corners {
                    x0 = x0.min(c.x);
                    y0 = y0.min(c.y);
                    x1 = x1.max(c.x);
                    y1 = y1.max(c.y);
                }
                hayro_interpret::kurbo::Rect::new(x0, y0, x1, y1)
            } else {
                t.transform_rect_bbox(hayro_interpret::kurbo::Rect::new(0.0, DESCENT, adv, ASCENT))
            };
            let angle = angle(&t);
            self.glyphs.push(RawGlyph {
                text,
                mapped,
                code: pg.char_code(),
                gid,
                angle,
                bbox: Rect::new(bbox.x0, bbox.y0, bbox.x1, bbox.y1),
                size: em.hypot(),
                dir: super::Direction::from_angle(angle),
                vertical,
                invisible,
                font,
            });
        }
        self.runs.push(RawRun {
            start,
            end: self.glyphs.len(),
            program,
        });
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
    fn angle_of_rotations() {
        assert_eq!(angle(&Affine::IDENTITY), 0.0);
        assert_eq!(angle(&Affine::rotate(std::f64::consts::FRAC_PI_2)), 90.0);
        assert_eq!(angle(&Affine::rotate(std::f64::consts::PI)), 180.0);
        assert_eq!(angle(&Affine::rotate(-std::f64::consts::FRAC_PI_2)), 270.0);
        assert!((angle(&Affine::rotate(0.5)) - 28.6479).abs() < 1e-3);
    }
}
