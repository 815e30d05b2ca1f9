//! The page layer: PDF bytes → per page its size, rotation, glyphs (Unicode text, box, font,
//! size, writing mode, underline), ruling segments and drawn shapes, all in the coordinates of
//! the page as displayed (y up, origin bottom-left, `/Rotate` applied).
//!
//! Pages are interpreted by `hayro-interpret` behind our own recording device (`device`);
//! `classify` sorts what was drawn. Nothing outside this module sees hayro types.
//! The document level (opening, passwords — `crypt` opens files encrypted only for their
//! attachments —, diagnostics of damaged files) is [`Document`].
//!
//! A glyph's text is hayro's mapping where it has one; where not, or where it is known wrong,
//! `font` reads the font dictionary and program (tolerant ToUnicode, Unicode CMaps, the
//! program's cmap and glyph names, CID orderings, CJK code pages of simple fonts), `walk` links
//! each glyph run to its font dictionary, and `text` applies the chain and counts what stays
//! unmapped or was guessed, for the page's warnings.
//!
//! Text comes out as a reader sees it: where a font's ToUnicode map gives a Kangxi Radical or
//! CJK Radicals Supplement code point for an ordinary kanji (a Chromium/Skia fault), the glyph's
//! text is the ideograph and the mapped code point stays in [`Glyph::raw`].

mod classify;
mod crypt;
mod device;
mod font;
mod limits;
mod text;
mod walk;

use crate::error::{Error, Result, Warned, Warning, WarningKind};
use crate::geom::Rect;
use hayro_interpret::hayro_syntax::Pdf;
use hayro_interpret::hayro_syntax::page::Rotation;
use hayro_interpret::{Context, InterpreterCache, InterpreterSettings, interpret_page};
use serde::Serialize;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// Documents with more pages than this are refused (a real plan has a few hundred at most).
pub const MAX_PAGES: usize = 20_000;

/// A page whose interpretation takes longer than this is abandoned with a warning. hayro has no
/// cancellation; the recording device checks the clock on every drawing call and stops
/// recording once it has passed (see [`device::Recorder::deadline`]).
pub const PAGE_TIME_LIMIT: std::time::Duration = std::time::Duration::from_secs(20);

/// The direction of a glyph's baseline on the page, to the nearest quarter turn. Serialized as
/// 0 (right), 1 (up), 2 (left), 3 (down).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Direction {
    /// Baseline runs right (upright text).
    #[default]
    Right,
    /// Baseline runs up (text turned 90° anticlockwise).
    Up,
    /// Baseline runs left (upside down).
    Left,
    /// Baseline runs down (text turned 90° clockwise).
    Down,
}

impl Direction {
    /// The direction nearest to a baseline angle in degrees (anticlockwise from +x).
    pub fn from_angle(deg: f64) -> Direction {
        match ((deg.rem_euclid(360.0) + 45.0) / 90.0) as u32 % 4 {
            0 => Direction::Right,
            1 => Direction::Up,
            2 => Direction::Left,
            _ => Direction::Down,
        }
    }

    /// 0 right, 1 up, 2 left, 3 down.
    pub fn index(self) -> usize {
        match self {
            Direction::Right => 0,
            Direction::Up => 1,
            Direction::Left => 2,
            Direction::Down => 3,
        }
    }
}

impl Serialize for Direction {
    fn serialize<S: serde::Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        s.serialize_u8(self.index() as u8)
    }
}

fn is_right_angle(deg: &f64) -> bool {
    deg.rem_euclid(90.0) == 0.0
}

/// One glyph on a page.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Glyph {
    /// Text as a reader sees it (radical code points repaired).
    pub text: String,
    /// Text as the font maps it, where it differs from `text`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub raw: Option<String>,
    /// Em box in page space.
    pub bbox: Rect,
    /// Font size in points.
    pub size: f64,
    /// Direction of the glyph's baseline, to the nearest quarter turn.
    pub dir: Direction,
    /// Angle of the baseline in degrees, anticlockwise from +x (serialized only for text set
    /// on a slant, where it is not a multiple of 90).
    #[serde(skip_serializing_if = "is_right_angle")]
    pub angle: f64,
    /// Set in vertical writing mode (WMode 1): glyphs advance downwards.
    pub vertical: bool,
    /// Invisible text (rendering mode 3), e.g. an OCR layer.
    pub invisible: bool,
    /// Index into [`PageContent::fonts`].
    pub font: u32,
    /// A drawn rule underlines this glyph.
    pub underlined: bool,
}

/// An axis-parallel ruling segment (`y0 == y1` for horizontal, `x0 == x1` for vertical).
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Ruling {
    /// Start x.
    pub x0: f64,
    /// Start y.
    pub y0: f64,
    /// End x.
    pub x1: f64,
    /// End y.
    pub y1: f64,
    /// Stroke width (or the thickness of the filled rectangle).
    pub width: f64,
}

impl Ruling {
    /// A horizontal ruling from `x0` to `x1` at `y`, half a point wide.
    pub fn horizontal(x0: f64, x1: f64, y: f64) -> Ruling {
        Ruling {
            x0,
            y0: y,
            x1,
            y1: y,
            width: 0.5,
        }
    }
    /// A vertical ruling at `x` from `y0` to `y1`, half a point wide.
    pub fn vertical(x: f64, y0: f64, y1: f64) -> Ruling {
        Ruling {
            x0: x,
            y0,
            x1: x,
            y1,
            width: 0.5,
        }
    }
    /// Whether the ruling is horizontal.
    pub fn is_horizontal(&self) -> bool {
        (self.y1 - self.y0).abs() <= (self.x1 - self.x0).abs()
    }
    /// Length.
    pub fn len(&self) -> f64 {
        (self.x1 - self.x0).abs().max((self.y1 - self.y0).abs())
    }
    /// Whether the ruling has no length.
    pub fn is_empty(&self) -> bool {
        self.len() == 0.0
    }
}

/// What a drawn shape is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ShapeKind {
    /// A closed curve about as wide as high: a drawn ○ or ● mark.
    Circle,
    /// Another curve.
    Curve,
    /// A small filled square: a drawn bullet.
    Square,
    /// A larger filled rectangle: cell shading, a band.
    Area,
    /// A polygon with oblique edges: an arrow, a triangle.
    Polygon,
    /// An image (a small one is a bullet or an icon).
    Image,
}

/// A drawn shape that is not a ruling.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Shape {
    /// What it is.
    pub kind: ShapeKind,
    /// Its box.
    pub bbox: Rect,
    /// Filled (otherwise only stroked).
    pub filled: bool,
    /// Paint luminance, 0 black .. 255 white.
    pub grey: u8,
}

/// Everything a page draws that kaitei uses.
#[derive(Debug, Clone, Serialize)]
pub struct PageContent {
    /// 1-based page number.
    pub number: usize,
    /// Displayed width in points.
    pub width: f64,
    /// Displayed height in points.
    pub height: f64,
    /// `/Rotate` of the page (0, 90, 180, 270).
    pub rotation: u16,
    /// Glyphs in content-stream order.
    pub glyphs: Vec<Glyph>,
    /// Ruling segments, merged.
    pub rulings: Vec<Ruling>,
    /// Underline rules (attached to glyphs via [`Glyph::underlined`]).
    pub underlines: Vec<Rect>,
    /// Shapes that are not rulings.
    pub shapes: Vec<Shape>,
    /// Font names.
    pub fonts: Vec<String>,
    /// Images drawn.
    pub images: usize,
    /// Glyphs without any Unicode mapping (their text is U+FFFD).
    pub unmapped: usize,
}

impl PageContent {
    /// Whether the page is landscape as displayed.
    pub fn is_landscape(&self) -> bool {
        self.width > self.height
    }
}

/// Fonts and resources parsed while interpreting pages, reused by later pages.
#[derive(Default)]
pub struct PageCache<'a> {
    interpreter: InterpreterCache<'a>,
    fonts: font::FontTable,
}

/// An opened PDF.
pub struct Document {
    path: PathBuf,
    pdf: Pdf,
    /// Decoded stream sizes measured by the page limits.
    sizes: limits::SizeCache,
    /// Written by Chromium/Skia (`/Producer` "Skia/PDF"), whose ToUnicode maps some glyphs to
    /// the wrong one of two code points sharing them (see [`shared_glyph_alias`]).
    skia: bool,
}

impl std::fmt::Debug for Document {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Document")
            .field("path", &self.path)
            .field("pages", &self.page_count())
            .finish()
    }
}

/// Says what a file that is not a PDF looks like, from its first bytes.
fn sniff(bytes: &[u8]) -> String {
    let head = String::from_utf8_lossy(&bytes[..bytes.len().min(512)]).to_ascii_lowercase();
    let t = head.trim_start_matches('\u{feff}').trim_start();
    if t.starts_with("<!doctype html") || t.starts_with("<html") || t.contains("<html") {
        "HTML document".into()
    } else if t.starts_with("<?xml") {
        "XML document".into()
    } else if t.starts_with('{') || t.starts_with('[') {
        "JSON or text".into()
    } else if bytes.starts_with(b"PK\x03\x04") {
        "ZIP archive (an Office document?)".into()
    } else if bytes.starts_with(b"\xff\xd8\xff") || bytes.starts_with(b"\x89PNG") {
        "an image".into()
    } else if std::str::from_utf8(&bytes[..bytes.len().min(512)]).is_ok() {
        "plain text".into()
    } else {
        "unknown binary data".into()
    }
}

impl Document {
    /// Opens a file; `password` is the user password of an encrypted file.
    pub fn open(path: &Path, password: Option<&str>) -> Result<Document> {
        let bytes = std::fs::read(path).map_err(|source| Error::Io {
            file: path.to_path_buf(),
            source,
        })?;
        Document::from_bytes(path, bytes, password)
    }

    /// Opens PDF bytes; `path` names them in errors.
    pub fn from_bytes(path: &Path, bytes: Vec<u8>, password: Option<&str>) -> Result<Document> {
        let file = path.to_path_buf();
        if bytes.is_empty() {
            return Err(Error::Empty { file });
        }
        // 7.5.2: the header may be preceded by junk; readers look in the first 1024 bytes.
        let window = &bytes[..bytes.len().min(1024)];
        if !window.windows(5).any(|w| w == b"%PDF-") {
            return Err(Error::NotPdf {
                looks_like: sniff(&bytes),
                file,
            });
        }
        let len = bytes.len();
        let has_eof = bytes[len.saturating_sub(2048)..]
            .windows(5)
            .any(|w| w == b"%%EOF");
        let data = Arc::new(bytes);
        let pdf = match Pdf::new_with_password(data.clone(), password.unwrap_or("")) {
            Ok(pdf) => pdf,
            Err(hayro_interpret::hayro_syntax::LoadPdfError::Decryption(_)) => {
                // Encrypted only for its attachments (/EFOpen): the document itself opens.
                match crypt::open_attachments_only(&data).and_then(|b| Pdf::new(Arc::new(b)).ok()) {
                    Some(pdf) => pdf,
                    None => {
                        let reason = if password.is_some() {
                            "wrong password"
                        } else {
                            "a user password is required"
                        }
                        .to_string();
                        return Err(Error::Encrypted { file, reason });
                    }
                }
            }
            Err(_) => {
                let reason = if has_eof {
                    "no readable page tree (xref and object scan both failed)".to_string()
                } else {
                    format!(
                        "truncated: no %%EOF marker in the last 2 KiB of {len} bytes, and no readable page tree"
                    )
                };
                return Err(Error::Damaged { file, reason });
            }
        };
        let n = pdf.pages().len();
        if n == 0 {
            let reason = if has_eof {
                "the page tree has no pages".to_string()
            } else {
                "truncated: no pages could be recovered".to_string()
            };
            return Err(Error::Damaged { file, reason });
        }
        if n > MAX_PAGES {
            return Err(Error::Limit {
                file,
                limit: format!("{n} pages (at most {MAX_PAGES} are read)"),
            });
        }
        let skia = pdf
            .metadata()
            .producer
            .as_deref()
            .is_some_and(|p| p.windows(8).any(|w| w == b"Skia/PDF"));
        Ok(Document {
            path: path.to_path_buf(),
            pdf,
            sizes: limits::SizeCache::default(),
            skia,
        })
    }

    /// The file name this document was opened from.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Number of pages.
    pub fn page_count(&self) -> usize {
        self.pdf.pages().len()
    }

    /// Interprets one page (1-based), reusing parsed fonts and resources from earlier pages
    /// interpreted with the same cache (one cache per thread: it is not `Sync`), with notes
    /// about what may be missing from it: `no_text_layer` (images but no text: a scan),
    /// `form_recursion` and `form_nesting_limit` (form XObjects hayro cuts short),
    /// `unmapped_glyphs`, `font_not_loaded` and `charset_guessed` (text that could not be read
    /// or was guessed; the fallbacks are in `src/pdf/font`). A page that breaks a limit (decoded bytes, form nesting,
    /// [`PAGE_TIME_LIMIT`]) or fails yields a `limit_exceeded` or `page_failed` warning naming it.
    pub fn page_warned<'a>(
        &'a self,
        number: usize,
        cache: &PageCache<'a>,
    ) -> Result<Warned<PageContent>, Warning> {
        let count = self.page_count();
        let Some(page) = self.pdf.pages().get(number.wrapping_sub(1)) else {
            return Err(Warning::new(
                WarningKind::NoSuchPage,
                format!("page {number} does not exist ({count} pages)"),
            )
            .at_page(number));
        };
        let started = std::time::Instant::now();
        let run = || {
            let report = limits::check_page(page, &self.sizes).map_err(|e| {
                Warning::new(WarningKind::LimitExceeded, format!("page {number}: {e}"))
                    .at_page(number)
            })?;
            let interp = cache.interpreter.clone();
            let settings = InterpreterSettings::default();
            let (w, h) = page.render_dimensions();
            let initial =
                hayro_interpret::kurbo::Affine::new(page.initial_transform(false).as_coeffs());
            let bbox = hayro_interpret::kurbo::Rect::new(0.0, 0.0, w as f64, h as f64);
            let mut ctx = Context::new(initial, bbox, &interp, self.pdf.xref(), settings);
            let mut rec = device::Recorder {
                deadline: Some(started + PAGE_TIME_LIMIT),
                ..Default::default()
            };
            interpret_page(page, &mut ctx, &mut rec);
            if rec.timed_out {
                let secs = PAGE_TIME_LIMIT.as_secs();
                return Err(Warning::new(
                    WarningKind::LimitExceeded,
                    format!(
                        "page {number}: interpretation took longer than the {secs} s time limit"
                    ),
                )
                .at_page(number));
            }
            // Link runs to their font dictionaries where a font needs it (see `walk`), or where
            // hayro left glyphs unmapped: the dictionary may still map them, and a warning should
            // name the font.
            let links: Vec<Option<std::rc::Rc<font::FontInfo>>> =
                if rec.glyphs.iter().any(|g| !g.mapped)
                    || walk::page_needs_links(page, &cache.fonts)
                {
                    let ops = walk::show_ops(page, &cache.fonts);
                    let codes: Vec<Vec<u32>> = rec
                        .runs
                        .iter()
                        .map(|r| rec.glyphs[r.start..r.end].iter().map(|g| g.code).collect())
                        .collect();
                    walk::align(codes.iter().map(|c| c.as_slice()), &ops)
                        .into_iter()
                        .map(|k| k.and_then(|k| ops[k].font.clone()))
                        .collect()
                } else {
                    Vec::new()
                };
            let tally = text::resolve(&mut rec, &links, &cache.fonts);
            let rotation = match page.rotation() {
                Rotation::None => 0,
                Rotation::Horizontal => 90,
                Rotation::Flipped => 180,
                Rotation::FlippedHorizontal => 270,
            };
            Ok((
                report,
                build_page(number, w as f64, h as f64, rotation, rec, self.skia),
                tally,
            ))
        };
        // hayro is fuzzed and meant not to panic; a panic on one page must still not take the
        // other pages (or the batch) down with it.
        let (report, content, tally) =
            match std::panic::catch_unwind(std::panic::AssertUnwindSafe(run)) {
                Ok(r) => r?,
                Err(e) => {
                    let msg = e
                        .downcast_ref::<&str>()
                        .map(|s| s.to_string())
                        .or_else(|| e.downcast_ref::<String>().cloned())
                        .unwrap_or_else(|| "unknown panic".into());
                    return Err(Warning::new(
                        WarningKind::PageFailed,
                        format!("page {number} could not be interpreted: {msg}"),
                    )
                    .at_page(number));
                }
            };
        let mut warnings = Vec::new();
        if report.recursive_form {
            warnings.push(Warning::new(WarningKind::FormRecursion, format!("page {number}: recursive form XObject (a form draws itself); the recursive draw is skipped")).at_page(number));
        }
        if report.too_deep {
            warnings.push(Warning::new(WarningKind::FormNestingLimit, format!("page {number}: form XObject nesting deeper than {} levels; the deeper forms are not drawn", limits::HAYRO_MAX_NESTING)).at_page(number));
        }
        warnings.extend(tally.warnings(number));
        if content.images > 0 && content.glyphs.is_empty() {
            warnings.push(
                Warning::new(
                    WarningKind::NoTextLayer,
                    format!("page {number}: no text layer (image-only page)"),
                )
                .at_page(number),
            );
        }
        Ok(Warned {
            output: content,
            warnings,
        })
    }
}

/// The character meant by a glyph whose whole text is a code point that a producer wrote only
/// because the font draws it with the same glyph as the ordinary character. Applied only to
/// documents that Chromium/Skia wrote (their `/Producer` says so): elsewhere U+00AD is an
/// ordinary soft hyphen (printed as "-", see [`visible_text`]).
///
/// Why: Chromium/Skia writes ToUnicode by reverse cmap lookup and keeps the lowest code point
/// of a glyph (the same fault as the radicals, see [`crate::normalize::repair_radicals`]).
/// Measured with Debian's Chromium: IPAex draws — (U+2014) with the glyph of U+0336 COMBINING
/// LONG STROKE OVERLAY and − (U+2212 MINUS SIGN) with that of U+00AD SOFT HYPHEN; Noto Sans CJK
/// JP draws ・ (U+30FB) with that of U+2027 HYPHENATION POINT. A combining mark or a soft
/// hyphen standing alone as a visible glyph, or a hyphenation point in Japanese text, is never
/// what was printed; the none-mark "—" and the bullet "・" matter to the records.
fn shared_glyph_alias(text: &str) -> Option<&'static str> {
    match text {
        "\u{0336}" => Some("\u{2014}"),
        "\u{00AD}" => Some("\u{2212}"),
        "\u{2027}" => Some("\u{30FB}"),
        _ => None,
    }
}

/// The text of a glyph that is drawn but has no visible form as its code point: a soft hyphen
/// drawn at a line end is the hyphen printed there (PDF 32000-1:2008 14.8.2.2.3 gives U+00AD
/// for a hyphen added by line breaking).
fn visible_text(text: &str) -> Option<&'static str> {
    match text {
        "\u{00AD}" => Some("-"),
        _ => None,
    }
}

fn build_page(
    number: usize,
    width: f64,
    height: f64,
    rotation: u16,
    rec: device::Recorder,
    skia: bool,
) -> PageContent {
    let (mut rulings, mut shapes) = classify::paths(&rec.paths);
    shapes.extend(rec.images.iter().map(|&bbox| Shape {
        kind: ShapeKind::Image,
        bbox,
        filled: true,
        grey: 0,
    }));
    let raw = classify::dedupe(rec.glyphs);
    let unmapped = raw.iter().filter(|g| !g.mapped).count();
    let mut glyphs: Vec<Glyph> = raw
        .into_iter()
        .map(|g| {
            let alias = if skia {
                shared_glyph_alias(&g.text)
            } else {
                visible_text(&g.text)
            };
            let repaired = match alias {
                Some(meant) => std::borrow::Cow::Borrowed(meant),
                None => crate::normalize::repair_radicals(&g.text),
            };
            let (text, raw) = if repaired != g.text.as_str() {
                (repaired.into_owned(), Some(g.text))
            } else {
                (g.text, None)
            };
            Glyph {
                text,
                raw,
                bbox: g.bbox,
                size: g.size,
                dir: g.dir,
                angle: g.angle,
                vertical: g.vertical,
                invisible: g.invisible,
                font: g.font,
                underlined: false,
            }
        })
        .collect();
    let underlines = classify::underlines(&mut rulings, &mut glyphs);
    PageContent {
        number,
        width,
        height,
        rotation,
        glyphs,
        rulings,
        underlines,
        shapes,
        fonts: rec.fonts,
        images: rec.images.len(),
        unmapped,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sniffs_what_a_non_pdf_is() {
        assert_eq!(sniff(b"<!DOCTYPE html><html>"), "HTML document");
        assert_eq!(sniff(b"hello world"), "plain text");
        assert_eq!(
            sniff(b"PK\x03\x04rest"),
            "ZIP archive (an Office document?)"
        );
    }

    #[test]
    fn skia_shared_glyph_aliases_read_as_the_printed_character() {
        assert_eq!(shared_glyph_alias("\u{0336}"), Some("—"));
        assert_eq!(shared_glyph_alias("\u{2027}"), Some("・"));
        assert_eq!(shared_glyph_alias("・"), None);
        assert_eq!(shared_glyph_alias("a\u{0336}"), None);
    }

    #[test]
    fn empty_and_non_pdf_bytes_are_refused_with_the_file_name() {
        let e = Document::from_bytes(Path::new("a.pdf"), vec![], None).unwrap_err();
        assert_eq!(e.to_string(), "a.pdf: empty file (0 bytes)");
        let e =
            Document::from_bytes(Path::new("b.pdf"), b"<html></html>".to_vec(), None).unwrap_err();
        assert_eq!(e.to_string(), "b.pdf: not a PDF (HTML document)");
    }
}
