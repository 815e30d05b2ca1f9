//! Resource limits checked before a page is interpreted: a page's streams → the first limit
//! it breaks (the page is then refused with a warning naming it) and notes about form XObjects
//! that hayro will cut short (the page is still read).
//!
//! hayro-syntax decodes a stream in one go into memory (`Stream::decoded`), with no cap, so a
//! FlateDecode "compression bomb" (1 MB that inflates to gigabytes) would take that much
//! memory. Here every stream a page will decode (its contents, the form XObjects, Type 3 glyph
//! procedures and tiling patterns in its resources, and embedded font files) is first inflated
//! *streaming* into a counter, stopping as soon as the decoded size passes
//! [`MAX_DECODED_BYTES`]. The counts are cached per object, so a content stream shared by
//! thousands of pages is measured once.
//!
//! What is not bounded here: LZW and RunLength stages cannot be streamed without our own
//! decoders (a chain stops being measured at the first of them), and image XObjects are not
//! measured because the recording device never decodes images.
//!
//! Nesting: hayro-interpret stops interpreting form XObjects, patterns and Type 3 glyphs
//! nested deeper than [`HAYRO_MAX_NESTING`] levels (`MAX_NESTED_INTERPRETATION_DEPTH` in its
//! `context.rs`), which also ends a form that draws itself. It does so silently; the walk here
//! finds such forms so that the page gets a warning saying content may be missing.

use hayro_interpret::hayro_syntax::Filter;
use hayro_interpret::hayro_syntax::object::{Array, Dict, Name, ObjectIdentifier, Stream};
use hayro_interpret::hayro_syntax::page::Page;
use std::collections::{HashMap, HashSet};
use std::io::Read;
use std::sync::Mutex;

/// The most bytes a single stream may decode to: 256 MiB. Real content streams are a few
/// hundred KB; embedded CJK fonts reach a few tens of MB.
pub const MAX_DECODED_BYTES: u64 = 256 << 20;

/// How deep hayro-interpret 0.9.0 nests form XObjects, patterns and Type 3 glyphs before it
/// stops (its `MAX_NESTED_INTERPRETATION_DEPTH`).
pub const HAYRO_MAX_NESTING: usize = 50;

/// The most resource objects walked for one page (a guard against pathological resource
/// graphs; far beyond any real page).
const MAX_WALKED: usize = 100_000;

/// A limit a page breaks; the page is not interpreted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Exceeded {
    /// A stream inflates beyond [`MAX_DECODED_BYTES`]; `what` says which kind of stream.
    Decoded {
        /// "content stream", "form XObject", "font file", ...
        what: &'static str,
    },
    /// The page's resources hold more than [`MAX_WALKED`] objects.
    Resources,
}

impl std::fmt::Display for Exceeded {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Exceeded::Decoded { what } => {
                write!(
                    f,
                    "{what} inflates beyond the {} MiB limit",
                    MAX_DECODED_BYTES >> 20
                )
            }
            Exceeded::Resources => write!(f, "more than {MAX_WALKED} resource objects"),
        }
    }
}

/// Notes about a page that passed the limits.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Report {
    /// A form XObject draws itself, directly or through others.
    pub recursive_form: bool,
    /// Form XObjects are nested deeper than [`HAYRO_MAX_NESTING`] levels.
    pub too_deep: bool,
}

/// Decoded sizes already measured in a document, by object (shared across pages and threads).
#[derive(Debug, Default)]
pub struct SizeCache {
    sizes: Mutex<HashMap<ObjectIdentifier, u64>>,
    /// Font dictionaries (not Type 3) whose programs an earlier page found within the limits:
    /// resolving a font and its descriptor again on every page that uses it cost about 5% of
    /// reading a 23-page plan, for an answer that cannot change.
    fonts_within: Mutex<HashSet<ObjectIdentifier>>,
    /// XObjects that are not forms (images): nothing of theirs is walked, so they need not be
    /// resolved again on the next page that names them.
    not_forms: Mutex<HashSet<ObjectIdentifier>>,
}

impl SizeCache {
    fn font_within(&self, id: ObjectIdentifier) -> bool {
        self.fonts_within.lock().is_ok_and(|m| m.contains(&id))
    }

    fn mark_font_within(&self, id: ObjectIdentifier) {
        if let Ok(mut m) = self.fonts_within.lock() {
            m.insert(id);
        }
    }

    fn not_form(&self, id: ObjectIdentifier) -> bool {
        self.not_forms.lock().is_ok_and(|m| m.contains(&id))
    }

    fn mark_not_form(&self, id: ObjectIdentifier) {
        if let Ok(mut m) = self.not_forms.lock() {
            m.insert(id);
        }
    }

    fn decoded_len(&self, s: &Stream<'_>) -> u64 {
        let id = s.obj_id();
        if let Ok(m) = self.sizes.lock()
            && let Some(&n) = m.get(&id)
        {
            return n;
        }
        let n = decoded_len(s, MAX_DECODED_BYTES);
        if let Ok(mut m) = self.sizes.lock() {
            m.insert(id, n);
        }
        n
    }
}

/// Checks a page's streams against the limits before it is interpreted.
pub fn check_page(page: &Page<'_>, cache: &SizeCache) -> Result<Report, Exceeded> {
    let mut w = Walk {
        cache,
        report: Report::default(),
        seen: HashSet::new(),
        stack: Vec::new(),
        walked: 0,
    };
    let raw = page.raw();
    if let Some(s) = raw.get::<Stream<'_>>(b"Contents") {
        w.stream(&s, "content stream")?;
    } else if let Some(a) = raw.get::<Array<'_>>(b"Contents") {
        for s in a.iter::<Stream<'_>>() {
            w.stream(&s, "content stream")?;
        }
    }
    let res = page.resources();
    w.xobjects(&res.x_objects, 1)?;
    w.fonts(&res.fonts, 1)?;
    w.patterns(&res.patterns, 1)?;
    Ok(w.report)
}

struct Walk<'c> {
    cache: &'c SizeCache,
    report: Report,
    /// Objects already walked on this page.
    seen: HashSet<ObjectIdentifier>,
    /// Forms being walked (to tell recursion from sharing).
    stack: Vec<ObjectIdentifier>,
    walked: usize,
}

impl Walk<'_> {
    fn stream(&mut self, s: &Stream<'_>, what: &'static str) -> Result<(), Exceeded> {
        self.walked += 1;
        if self.walked > MAX_WALKED {
            return Err(Exceeded::Resources);
        }
        if self.cache.decoded_len(s) > MAX_DECODED_BYTES {
            return Err(Exceeded::Decoded { what });
        }
        Ok(())
    }

    /// A form, pattern or glyph procedure with its own resources, at nesting `depth`.
    fn nested(&mut self, s: &Stream<'_>, what: &'static str, depth: usize) -> Result<(), Exceeded> {
        let id = s.obj_id();
        if self.stack.contains(&id) {
            self.report.recursive_form = true;
            return Ok(());
        }
        if depth > HAYRO_MAX_NESTING {
            self.report.too_deep = true;
            return Ok(());
        }
        if !self.seen.insert(id) {
            return Ok(());
        }
        self.stream(s, what)?;
        if let Some(res) = s.dict().get::<Dict<'_>>(b"Resources") {
            self.stack.push(id);
            let r = self.resources(&res, depth + 1);
            self.stack.pop();
            r?;
        }
        Ok(())
    }

    fn resources(&mut self, res: &Dict<'_>, depth: usize) -> Result<(), Exceeded> {
        if let Some(d) = res.get::<Dict<'_>>(b"XObject") {
            self.xobjects(&d, depth)?;
        }
        if let Some(d) = res.get::<Dict<'_>>(b"Font") {
            self.fonts(&d, depth)?;
        }
        if let Some(d) = res.get::<Dict<'_>>(b"Pattern") {
            self.patterns(&d, depth)?;
        }
        Ok(())
    }

    fn xobjects(&mut self, d: &Dict<'_>, depth: usize) -> Result<(), Exceeded> {
        for key in d.keys() {
            let id = d.get_ref(&*key).map(ObjectIdentifier::from);
            if id.is_some_and(|id| self.cache.not_form(id)) {
                continue;
            }
            let Some(s) = d.get::<Stream<'_>>(&*key) else {
                // hayro-syntax refuses to resolve a reference to an object it is already
                // inside of, so a form that draws itself is not found here: look at the ref.
                if let Some(r) = d.get_ref(&*key)
                    && self.stack.contains(&ObjectIdentifier::from(r))
                {
                    self.report.recursive_form = true;
                }
                continue;
            };
            let form = s
                .dict()
                .get::<Name<'_>>(b"Subtype")
                .is_some_and(|n| &*n == b"Form");
            if form {
                self.nested(&s, "form XObject", depth)?;
            } else if let Some(id) = id {
                self.cache.mark_not_form(id);
            }
        }
        Ok(())
    }

    fn patterns(&mut self, d: &Dict<'_>, depth: usize) -> Result<(), Exceeded> {
        for key in d.keys() {
            if let Some(s) = d.get::<Stream<'_>>(&*key) {
                self.nested(&s, "tiling pattern", depth)?;
            }
        }
        Ok(())
    }

    fn fonts(&mut self, d: &Dict<'_>, depth: usize) -> Result<(), Exceeded> {
        for key in d.keys() {
            let id = d.get_ref(&*key).map(ObjectIdentifier::from);
            if id.is_some_and(|id| self.cache.font_within(id)) {
                continue;
            }
            let Some(font) = d.get::<Dict<'_>>(&*key) else {
                continue;
            };
            self.font(&font, depth)?;
            if let Some(desc) = font.get::<Array<'_>>(b"DescendantFonts") {
                for f in desc.iter::<Dict<'_>>() {
                    self.font(&f, depth)?;
                }
            }
            // A Type 3 font is walked on every page: its glyph procedures' forms give the
            // page's notes about recursion and nesting.
            if let Some(id) = id
                && !font.contains_key(b"CharProcs")
            {
                self.cache.mark_font_within(id);
            }
        }
        Ok(())
    }

    fn font(&mut self, font: &Dict<'_>, depth: usize) -> Result<(), Exceeded> {
        if let Some(fd) = font.get::<Dict<'_>>(b"FontDescriptor") {
            for k in [&b"FontFile"[..], b"FontFile2", b"FontFile3"] {
                if let Some(s) = fd.get::<Stream<'_>>(k)
                    && self.seen.insert(s.obj_id())
                {
                    self.stream(&s, "embedded font file")?;
                }
            }
        }
        if let Some(procs) = font.get::<Dict<'_>>(b"CharProcs") {
            for key in procs.keys() {
                if let Some(s) = procs.get::<Stream<'_>>(&*key)
                    && self.seen.insert(s.obj_id())
                {
                    self.stream(&s, "Type 3 glyph procedure")?;
                }
            }
            if let Some(res) = font.get::<Dict<'_>>(b"Resources") {
                self.resources(&res, depth + 1)?;
            }
        }
        Ok(())
    }
}

/// The largest expansion of deflate: 1032 output bytes per input byte.
const MAX_DEFLATE_RATIO: u64 = 1032;

/// The decoded length of a stream, counting at most `cap + 1` bytes (so a result above `cap`
/// means "too big"), or an upper bound of it that is within `cap`. Only FlateDecode,
/// ASCIIHexDecode and ASCII85Decode stages are followed; at any other stage the count so far is
/// returned.
pub fn decoded_len(s: &Stream<'_>, cap: u64) -> u64 {
    let raw = s.raw_data();
    let filters: Vec<Filter> = s.filters().into_iter().collect();
    let filters = match filters.first() {
        Some(Filter::Crypt) => &filters[1..],
        _ => &filters[..],
    };
    // Deflate expands at most 1032:1 (a 258-byte match per 2-bit code, RFC 1951 §3.2.5), so a
    // single Flate stream too short to reach the cap need not be inflated to be measured: its
    // bound stands for its size (every such stream in an ordinary document; hayro decodes it
    // once, not twice).
    if let [Filter::FlateDecode] = filters {
        let bound = (raw.len() as u64).saturating_mul(MAX_DEFLATE_RATIO);
        if bound <= cap {
            return bound;
        }
    }
    // hayro tries zlib, then raw deflate, then its own lenient inflater; the largest count of
    // the first two stands in for all three.
    let zlib = chain_len(&raw, filters, cap, false);
    if zlib > cap || !matches!(filters.first(), Some(Filter::FlateDecode)) {
        return zlib;
    }
    zlib.max(chain_len(&raw, filters, cap, true))
}

fn chain_len(raw: &[u8], filters: &[Filter], cap: u64, raw_deflate_first: bool) -> u64 {
    let mut reader: Box<dyn Read + '_> = Box::new(raw);
    for (i, f) in filters.iter().enumerate() {
        reader = match f {
            Filter::FlateDecode if i == 0 && raw_deflate_first => {
                Box::new(flate2::read::DeflateDecoder::new(reader))
            }
            Filter::FlateDecode => Box::new(flate2::read::ZlibDecoder::new(reader)),
            Filter::AsciiHexDecode | Filter::Ascii85Decode => {
                // These shrink (ASCII85's `z` at most 4:5), so decoding them whole is safe once
                // their input is bounded by the cap.
                let input = read_capped(reader, cap);
                let out = if *f == Filter::AsciiHexDecode {
                    ascii_hex(&input)
                } else {
                    ascii_85(&input)
                };
                Box::new(std::io::Cursor::new(out))
            }
            Filter::Crypt => reader,
            _ => return count(reader, cap),
        };
    }
    count(reader, cap)
}

/// Reads at most `cap + 1` bytes, keeping what came before an error.
fn read_capped(r: impl Read, cap: u64) -> Vec<u8> {
    let mut out = Vec::new();
    let mut r = r.take(cap.saturating_add(1));
    let mut buf = [0u8; 64 * 1024];
    loop {
        match r.read(&mut buf) {
            Ok(0) | Err(_) => return out,
            Ok(n) => out.extend_from_slice(&buf[..n]),
        }
    }
}

/// Counts at most `cap + 1` bytes, including those produced before an error.
fn count(r: impl Read, cap: u64) -> u64 {
    let mut r = r.take(cap.saturating_add(1));
    let mut buf = vec![0u8; 64 * 1024];
    let mut n = 0u64;
    loop {
        match r.read(&mut buf) {
            Ok(0) | Err(_) => return n,
            Ok(k) => n += k as u64,
        }
    }
}

/// 7.4.2 ASCIIHexDecode, leniently (odd final digit padded with 0, junk skipped).
fn ascii_hex(data: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(data.len() / 2);
    let mut hi: Option<u8> = None;
    for &b in data {
        if b == b'>' {
            break;
        }
        let Some(v) = (b as char).to_digit(16) else {
            continue;
        };
        match hi.take() {
            Some(h) => out.push(h << 4 | v as u8),
            None => hi = Some(v as u8),
        }
    }
    if let Some(h) = hi {
        out.push(h << 4);
    }
    out
}

/// 7.4.3 ASCII85Decode, leniently (junk skipped, a short final group padded).
fn ascii_85(data: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(data.len());
    let mut group = [0u32; 5];
    let mut n = 0;
    for &b in data {
        match b {
            b'~' => break,
            b'z' if n == 0 => out.extend_from_slice(&[0; 4]),
            b'!'..=b'u' => {
                group[n] = u32::from(b - b'!');
                n += 1;
                if n == 5 {
                    let v = group
                        .iter()
                        .fold(0u32, |acc, &d| acc.wrapping_mul(85).wrapping_add(d));
                    out.extend_from_slice(&v.to_be_bytes());
                    n = 0;
                }
            }
            _ => {}
        }
    }
    if n > 1 {
        for g in group.iter_mut().skip(n) {
            *g = 84;
        }
        let v = group
            .iter()
            .fold(0u32, |acc, &d| acc.wrapping_mul(85).wrapping_add(d));
        out.extend_from_slice(&v.to_be_bytes()[..n - 1]);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ascii_filters_decode() {
        assert_eq!(ascii_hex(b"48 65 6c6C6f7>"), b"Hello\x70");
        assert_eq!(ascii_85(b"87cURDZ~>"), b"Hello");
        assert_eq!(ascii_85(b"z~>"), [0, 0, 0, 0]);
    }

    #[test]
    fn counting_stops_past_the_cap() {
        let zeros = vec![0u8; 1 << 20];
        let mut z = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::default());
        std::io::Write::write_all(&mut z, &zeros).unwrap();
        let packed = z.finish().unwrap();
        assert_eq!(
            chain_len(&packed, &[Filter::FlateDecode], 1000, false),
            1001
        );
        assert_eq!(
            chain_len(&packed, &[Filter::FlateDecode], 2 << 20, false),
            1 << 20
        );
    }
}
