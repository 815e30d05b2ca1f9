//! A font dictionary (read with hayro-syntax) → what kaitei needs to turn its glyphs into text
//! where hayro's own mapping is missing or wrong, and the chain of fallbacks that does it.
//!
//! hayro maps a glyph with the font's ToUnicode, then (simple fonts) the glyph names of its
//! encoding. The chain here takes over, in the order pdf.js, pdfium and MuPDF try them:
//!
//! 1. the ToUnicode CMap read tolerantly ([`tounicode`]) where hayro's strict reader failed;
//! 2. the character code itself under a Unicode-based predefined CMap (UniJIS-UCS2-H,
//!    UniGB-UTF16-H …), never a round trip through CIDs;
//! 3. the embedded font program's own tables ([`program`]: `cmap` inverted, glyph names);
//! 4. the CID → Unicode of the font's Adobe-Japan1/GB1/CNS1/Korea1 collection ([`ordering`]);
//! 5. for a simple font whose name or program declares a CJK code page, the bytes decoded in
//!    it ([`charset`]); for one whose glyph names only number the codes (TeX's Type 3 bitmap
//!    fonts), the codes read in TeX's T1 or OT1 layout, else Latin-1 — both guesses, reported.
//!
//! What is left is U+FFFD, counted for the page's `unmapped_glyphs` warning.

pub mod charset;
pub mod ordering;
pub mod program;
pub mod tounicode;

use charset::Charset;
use hayro_interpret::hayro_cmap::{CMap, CMapName, load_embedded};
use hayro_interpret::hayro_syntax::object::{Array, Dict, Name, Object, Stream};
use ordering::Ordering;
use program::Program;
use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;
use tounicode::ToUnicode;

/// How a glyph's text was found, for the page's warnings.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Source {
    /// hayro's mapping (ToUnicode, glyph names of the encoding).
    Hayro,
    /// One of the fallbacks that read what the file declares.
    Fallback,
    /// A code page or code layout chosen by the font's name or glyph names: a guess.
    Guessed,
    /// Nothing: U+FFFD.
    Unmapped,
}

/// How the codes of a Unicode-based predefined CMap are written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum UniForm {
    Ucs2,
    Utf16,
    Utf32,
    Utf8,
}

impl UniForm {
    fn from_cmap_name(name: &str) -> Option<UniForm> {
        if !name.starts_with("Uni") {
            return None;
        }
        if name.contains("UCS2") {
            Some(UniForm::Ucs2)
        } else if name.contains("UTF16") {
            Some(UniForm::Utf16)
        } else if name.contains("UTF32") {
            Some(UniForm::Utf32)
        } else if name.contains("UTF8") {
            Some(UniForm::Utf8)
        } else {
            None
        }
    }

    fn text(self, code: u32) -> Option<String> {
        let c = match self {
            UniForm::Ucs2 | UniForm::Utf32 => char::from_u32(code)?,
            UniForm::Utf16 if code > 0xFFFF => {
                let units = [(code >> 16) as u16, code as u16];
                let mut it = char::decode_utf16(units);
                let c = it.next()?.ok()?;
                if it.next().is_some() {
                    return None;
                }
                c
            }
            UniForm::Utf16 => char::from_u32(code)?,
            UniForm::Utf8 => {
                let bytes = code.to_be_bytes();
                let start = bytes.iter().position(|&b| b != 0).unwrap_or(3);
                let s = std::str::from_utf8(&bytes[start..]).ok()?;
                let mut it = s.chars();
                let c = it.next()?;
                if it.next().is_some() {
                    return None;
                }
                c
            }
        };
        (!c.is_control()).then(|| c.to_string())
    }
}

/// TeX's code layouts, for fonts whose glyph names only number the codes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CodeGuess {
    /// Codes are Latin-1 (ASCII below 0x80).
    Latin1,
    /// TeX's T1 (Cork) layout: ligatures at 0x1B–0x1F, Latin-1 letters above 0xC0.
    TexT1,
    /// TeX's OT1 layout (Computer Modern): ligatures at 0x0B–0x0F, dashes at 0x7B–0x7C.
    TexOt1,
}

impl CodeGuess {
    /// The name shown in warnings.
    pub fn name(self) -> &'static str {
        match self {
            CodeGuess::Latin1 => "Latin-1",
            CodeGuess::TexT1 => "TeX T1",
            CodeGuess::TexOt1 => "TeX OT1",
        }
    }

    /// The text of a code.
    pub fn text(self, code: u32) -> Option<String> {
        let code = u8::try_from(code).ok()?;
        let s: &str = match (self, code) {
            (CodeGuess::TexT1, 0x10) | (CodeGuess::TexOt1, 0x5C) => "“",
            (CodeGuess::TexT1, 0x11) => "”",
            (CodeGuess::TexT1, 0x12) => "„",
            (CodeGuess::TexT1, 0x13) => "«",
            (CodeGuess::TexT1, 0x14) => "»",
            (CodeGuess::TexT1, 0x15) | (CodeGuess::TexOt1, 0x7B) => "–",
            (CodeGuess::TexT1, 0x16) | (CodeGuess::TexOt1, 0x7C) => "—",
            (CodeGuess::TexT1, 0x19) | (CodeGuess::TexOt1, 0x10) => "ı",
            (CodeGuess::TexT1, 0x1A) | (CodeGuess::TexOt1, 0x11) => "ȷ",
            (CodeGuess::TexT1, 0x1B) | (CodeGuess::TexOt1, 0x0B) => "ff",
            (CodeGuess::TexT1, 0x1C) | (CodeGuess::TexOt1, 0x0C) => "fi",
            (CodeGuess::TexT1, 0x1D) | (CodeGuess::TexOt1, 0x0D) => "fl",
            (CodeGuess::TexT1, 0x1E) | (CodeGuess::TexOt1, 0x0E) => "ffi",
            (CodeGuess::TexT1, 0x1F) | (CodeGuess::TexOt1, 0x0F) => "ffl",
            (CodeGuess::TexT1, 0x7F) => "-",
            (CodeGuess::TexT1, 0xD7) => "Œ",
            (CodeGuess::TexT1, 0xDF) => "SS",
            (CodeGuess::TexT1, 0xF7) => "œ",
            (CodeGuess::TexT1, 0xFF) => "ß",
            (CodeGuess::TexT1 | CodeGuess::TexOt1, 0x80..=0xBF) => return None,
            (_, 0x20..=0x7E | 0xA0..=0xFF) => return Some((code as char).to_string()),
            _ => return None,
        };
        Some(s.to_string())
    }
}

/// What a font dictionary says, for mapping its glyphs to text.
#[derive(Debug)]
pub struct FontInfo {
    /// The font's name for messages (BaseFont without subset prefix, decoded).
    pub name: String,
    /// A Type0 (composite) font.
    pub composite: bool,
    /// ToUnicode is present (a stream or a name).
    has_to_unicode: bool,
    /// The ToUnicode stream as read here, where hayro's strict reader rejects it.
    own_to_unicode: Option<ToUnicode>,
    /// Codes → CIDs (Type0).
    encoding: Option<CMap>,
    /// The codes are Unicode (a Uni… predefined CMap).
    uni: Option<UniForm>,
    /// The CIDFont's character collection.
    pub ordering: Option<Ordering>,
    /// The code page of a simple font's bytes, and what declared it.
    pub charset: Option<(Charset, &'static str)>,
    /// The code layout of a simple font whose glyph names only number its codes.
    pub guess: Option<CodeGuess>,
    /// Glyph names that name a character by number the pdf.js way (`/C65`, `/G41`), or the
    /// poppler way (`/MT51`: letters, then a decimal Latin-1 code; see `numbered_guessed`).
    numbered: HashMap<u8, char>,
    /// `numbered` comes from poppler's letters-then-decimal rule, a guess at what the numbers
    /// mean, so the text it gives is reported as guessed.
    numbered_guessed: bool,
    /// Why hayro cannot use the font at all (it then draws with Helvetica).
    pub broken: Option<String>,
    /// Whether the page's glyphs must be linked to this font (see [`super::walk`]): a fallback
    /// needs the dictionary, or hayro's reading must be replaced.
    pub needy: bool,
}

fn name_bytes(d: &Dict<'_>, key: &[u8]) -> Option<Vec<u8>> {
    d.get::<Name<'_>>(key).map(|n| n.to_vec())
}

fn strip_subset(b: &[u8]) -> &[u8] {
    match b.iter().position(|&c| c == b'+') {
        Some(6) => &b[7..],
        _ => b,
    }
}

fn display_name(b: &[u8]) -> String {
    let b = strip_subset(b);
    if let Ok(s) = std::str::from_utf8(b) {
        return s.to_string();
    }
    // Legacy-encoded names (宋体 in GBK): shown decoded where a CJK code page reads them.
    for cs in [
        Charset::Gbk,
        Charset::ShiftJis,
        Charset::Big5,
        Charset::EucKr,
    ] {
        let s: String = b
            .split(|&c| c == b'_' || c == b',')
            .next()
            .and_then(|p| cs.decode_all(p))
            .unwrap_or_default();
        if !s.is_empty() {
            let rest = String::from_utf8_lossy(
                &b[b.iter()
                    .position(|&c| c == b'_' || c == b',')
                    .unwrap_or(b.len())..],
            );
            return format!("{s}{rest}");
        }
    }
    String::from_utf8_lossy(b).into_owned()
}

fn read_cmap(obj: &Object<'_>) -> Option<CMap> {
    match obj {
        Object::Name(n) => match CMapName::from_bytes(n.as_ref()) {
            CMapName::IdentityH => Some(CMap::identity_h()),
            CMapName::IdentityV => Some(CMap::identity_v()),
            name => CMap::parse(load_embedded(name)?, load_embedded),
        },
        Object::Stream(s) => CMap::parse(&s.decoded_data().ok()?, load_embedded),
        _ => None,
    }
}

/// The number in a glyph name of letters then digits (`a97`, `g12`, `C0041`).
fn numbered_name(name: &str) -> Option<(&str, &str)> {
    let split = name.find(|c: char| c.is_ascii_digit())?;
    let (prefix, digits) = name.split_at(split);
    (!prefix.is_empty()
        && prefix.len() <= 3
        && prefix.chars().all(|c| c.is_ascii_alphabetic())
        && digits.chars().all(|c| c.is_ascii_hexdigit()))
    .then_some((prefix, digits))
}

/// The Latin-1 character of a glyph name of one or two letters and two or three decimal digits
/// (poppler's `ABnn`, `Ann`), where the number is a printable code; `C`/`G` names are pdf.js's
/// (handled apart).
fn decimal_code(prefix: &str, digits: &str) -> Option<char> {
    if matches!(prefix, "C" | "c" | "G" | "g")
        || prefix.len() > 2
        || !(2..=3).contains(&digits.len())
        || !digits.bytes().all(|b| b.is_ascii_digit())
    {
        return None;
    }
    let n: u32 = digits.parse().ok()?;
    ((0x20..=0x7E).contains(&n) || (0xA0..=0xFF).contains(&n))
        .then(|| char::from_u32(n))
        .flatten()
}

impl FontInfo {
    /// Reads a font dictionary.
    pub fn read(dict: &Dict<'_>) -> FontInfo {
        let subtype = name_bytes(dict, b"Subtype").unwrap_or_default();
        let composite = subtype == b"Type0";
        let base = name_bytes(dict, b"BaseFont");
        let descendant = if composite {
            dict.get::<Array<'_>>(b"DescendantFonts")
                .and_then(|a| a.iter::<Dict<'_>>().next())
        } else {
            None
        };
        let descriptor = descendant
            .as_ref()
            .unwrap_or(dict)
            .get::<Dict<'_>>(b"FontDescriptor");
        let font_file = descriptor.as_ref().and_then(|d| {
            [b"FontFile2".as_slice(), b"FontFile3", b"FontFile"]
                .iter()
                .find_map(|k| d.get::<Stream<'_>>(*k))
        });
        let embedded = font_file.is_some();
        let mut broken = None;
        if !matches!(
            subtype.as_slice(),
            b"Type0" | b"Type1" | b"MMType1" | b"TrueType" | b"Type3" | b"OpenType"
        ) {
            broken = Some(format!(
                "unknown font type {:?}",
                String::from_utf8_lossy(&subtype)
            ));
        }
        let name = base
            .as_deref()
            .map(display_name)
            .unwrap_or_else(|| match subtype.as_slice() {
                b"Type3" => "(Type3)".to_string(),
                _ => "(unnamed)".to_string(),
            });

        // ToUnicode: hayro reads it strictly; where that fails, read it here.
        let tu_obj = dict.get::<Object<'_>>(b"ToUnicode");
        let has_to_unicode = matches!(tu_obj, Some(Object::Stream(_)) | Some(Object::Name(_)));
        let mut own_to_unicode = None;
        let mut to_unicode_usable = false;
        if let Some(Object::Stream(s)) = &tu_obj
            && let Ok(data) = s.decoded_data()
        {
            if CMap::parse(&data, load_embedded).is_some() {
                to_unicode_usable = true;
            } else if let Some(m) = ToUnicode::parse(&data) {
                own_to_unicode = Some(m);
            }
        }

        let mut encoding = None;
        let mut uni = None;
        let mut ordering = None;
        if composite {
            let enc = dict.get::<Object<'_>>(b"Encoding");
            if let Some(Object::Name(n)) = &enc {
                uni = UniForm::from_cmap_name(n.as_str());
            }
            encoding = enc.as_ref().and_then(read_cmap);
            if descendant.is_none() {
                broken = Some("a Type0 font without DescendantFonts".into());
            } else if encoding.is_none() {
                broken = Some("its Encoding CMap cannot be read".into());
            }
            ordering = descendant
                .as_ref()
                .and_then(|d| d.get::<Dict<'_>>(b"CIDSystemInfo"))
                .and_then(|csi| {
                    let r =
                        csi.get::<hayro_interpret::hayro_syntax::object::String<'_>>(b"Registry")?;
                    let o =
                        csi.get::<hayro_interpret::hayro_syntax::object::String<'_>>(b"Ordering")?;
                    Ordering::from_names(r.as_bytes(), o.as_bytes())
                });
        }

        // Simple fonts: a CJK code page declared by the name, the descriptor or the program.
        let mut charset = None;
        let mut guess = None;
        let mut numbered = HashMap::new();
        let mut numbered_guessed = false;
        if !composite && !to_unicode_usable && own_to_unicode.is_none() {
            let names = [
                base.clone(),
                descriptor.as_ref().and_then(|d| name_bytes(d, b"FontName")),
            ];
            charset = names
                .iter()
                .flatten()
                .find_map(|n| Charset::from_name(n))
                .map(|c| (c, "the font's name"));
            if charset.is_none()
                && let Some(fam) = descriptor.as_ref().and_then(|d| {
                    d.get::<hayro_interpret::hayro_syntax::object::String<'_>>(b"FontFamily")
                })
            {
                charset = Charset::from_name(fam.as_bytes()).map(|c| (c, "the font descriptor"));
            }
            if charset.is_none()
                && subtype == b"TrueType"
                && let Some(stream) = descriptor
                    .as_ref()
                    .and_then(|d| d.get::<Stream<'_>>(b"FontFile2"))
                && let Ok(data) = stream.decoded_data()
            {
                let data: std::sync::Arc<dyn AsRef<[u8]> + Send + Sync> =
                    std::sync::Arc::new(data.into_owned());
                charset = program::charset_of(data).map(|c| (c, "the font program's code pages"));
            }
            // Glyph names that only number the codes.
            if let Some(diffs) = dict
                .get::<Dict<'_>>(b"Encoding")
                .and_then(|e| e.get::<Array<'_>>(b"Differences"))
            {
                let mut code = 0i64;
                let (mut total, mut echo) = (0usize, 0usize);
                let mut used = Vec::new();
                // Names of one short prefix and a decimal Latin-1 code (`/MT51` for "3"), which
                // no glyph list knows: poppler's `ABnn` rule, kept apart until all are seen.
                let mut decimal: Vec<(u8, String, char)> = Vec::new();
                for o in diffs.iter::<Object<'_>>() {
                    match o {
                        Object::Number(n) => code = n.as_i64(),
                        Object::Name(n) => {
                            let s = n.as_str();
                            if s != ".notdef"
                                && let Ok(c) = u8::try_from(code)
                            {
                                total += 1;
                                if let Some((prefix, digits)) = numbered_name(s) {
                                    if let Some(ch) = decimal_code(prefix, digits)
                                        && program::agl_text(s).is_none()
                                    {
                                        decimal.push((c, prefix.to_string(), ch));
                                    }
                                    if digits.parse::<i64>().ok() == Some(code) {
                                        echo += 1;
                                        used.push(c);
                                    } else if matches!(prefix, "C" | "c")
                                        && let Some(ch) =
                                            digits.parse::<u32>().ok().and_then(char::from_u32)
                                    {
                                        // pdf.js `_simpleFontToUnicode`: /Cdd is code point dd.
                                        numbered.insert(c, ch);
                                    } else if matches!(prefix, "G" | "g")
                                        && let Some(ch) = u32::from_str_radix(digits, 16)
                                            .ok()
                                            .and_then(char::from_u32)
                                    {
                                        numbered.insert(c, ch);
                                    }
                                }
                            }
                            code += 1;
                        }
                        _ => {}
                    }
                }
                // Every numbered name of the font has the same prefix, the numbers are not the
                // codes themselves (that is the TeX layout below) and they are most names.
                if numbered.is_empty()
                    && echo == 0
                    && !decimal.is_empty()
                    && decimal.len() * 5 >= total * 4
                    && decimal.iter().all(|d| d.1 == decimal[0].1)
                {
                    numbered.extend(decimal.iter().map(|d| (d.0, d.2)));
                    numbered_guessed = true;
                }
                if echo > 0 && echo * 5 >= total * 4 {
                    let any = |r: std::ops::RangeInclusive<u8>| used.iter().any(|c| r.contains(c));
                    guess = Some(
                        if any(0x80..=0xFF) || (any(0x1B..=0x1F) && !any(0x0B..=0x0F)) {
                            CodeGuess::TexT1
                        } else if any(0x0B..=0x0F) {
                            CodeGuess::TexOt1
                        } else {
                            CodeGuess::Latin1
                        },
                    );
                }
            }
        }

        let needy = broken.is_some()
            || own_to_unicode.is_some()
            || (charset.is_some() && !has_to_unicode)
            || (composite && uni.is_some() && !to_unicode_usable)
            || (composite && embedded && ordering.is_some() && !to_unicode_usable)
            || guess.is_some()
            || !numbered.is_empty();
        FontInfo {
            name,
            composite,
            has_to_unicode,
            own_to_unicode,
            encoding,
            uni,
            ordering,
            charset,
            guess,
            numbered,
            numbered_guessed,
            broken,
            needy,
        }
    }

    /// Reads the next character code of a shown string at `offset`: its value and length, the
    /// way hayro reads it (one byte for simple fonts; the Encoding CMap's code lengths for
    /// Type0, a one-byte code where none matches).
    pub fn read_code(&self, bytes: &[u8], offset: usize) -> (u32, usize) {
        // A font hayro cannot load is drawn with Helvetica, one byte per code.
        let Some(cmap) = self
            .encoding
            .as_ref()
            .filter(|_| self.composite && self.broken.is_none())
        else {
            return (bytes[offset] as u32, 1);
        };
        let mut code = 0u32;
        for n in 0..4.min(bytes.len() - offset) {
            code = code << 8 | bytes[offset + n] as u32;
            if cmap.lookup_cid_code(code, (n + 1) as u8).is_some() {
                return (code, n + 1);
            }
        }
        (0, 1)
    }

    fn cid(&self, code: u32) -> Option<u32> {
        let cmap = self.encoding.as_ref()?;
        (1..=4u8).find_map(|n| cmap.lookup_cid_code(code, n))
    }

    /// The text of a glyph by the fallbacks that need this dictionary, before the program's
    /// own tables: a tolerantly read ToUnicode, a Unicode CMap's code.
    pub fn declared_text(&self, code: u32) -> Option<String> {
        if let Some(t) = self.own_to_unicode.as_ref().and_then(|m| m.get(code)) {
            return Some(t);
        }
        if !self.has_to_unicode
            && let Some(u) = self.uni
        {
            return u.text(code);
        }
        None
    }

    /// The text of a glyph by its CIDFont's character collection (`program_cid` is the CID a
    /// CID-keyed CFF program gives the glyph, where the Encoding gives none).
    pub fn ordering_text(&self, code: u32, program_cid: Option<u32>) -> Option<String> {
        let ordering = self.ordering?;
        let cid = self.cid(code).or(program_cid)?;
        ordering.text(cid)
    }

    /// The text of a glyph by its name's number (`/C65`, `/G41`), or by its code in the
    /// guessed layout; the second value tells a guess.
    pub fn numbered_text(&self, code: u32) -> Option<(String, bool)> {
        if let Some(c) = u8::try_from(code).ok().and_then(|c| self.numbered.get(&c)) {
            return Some((c.to_string(), self.numbered_guessed));
        }
        Some((self.guess?.text(code)?, true))
    }
}

/// A key for a font dictionary within one document: its object number, or where the
/// dictionary is direct, where its bytes lie in the file.
pub type FontKey = (u64, u64);

/// The key of a font dictionary.
pub fn key_of(dict: &Dict<'_>) -> FontKey {
    match dict.obj_id() {
        Some(id) => (id.obj_number as u64, id.gen_number as u64 | 1 << 40),
        None => (dict.data().as_ptr() as u64, dict.data().len() as u64),
    }
}

/// The key of a font dictionary by reference, as [`key_of`] gives it once read.
pub fn ref_key(r: hayro_interpret::hayro_syntax::object::ObjRef) -> FontKey {
    (r.obj_number as u64, r.gen_number as u64 | 1 << 40)
}

/// Fonts and programs read so far, per thread (pages of one chunk share it).
#[derive(Default)]
pub struct FontTable {
    fonts: RefCell<HashMap<FontKey, Rc<FontInfo>>>,
    programs: RefCell<HashMap<u128, Option<Rc<Program>>>>,
    /// Form XObjects (by object number) known to draw no needy font.
    pub(crate) plain_forms: RefCell<HashMap<u64, bool>>,
}

impl FontTable {
    /// The info of a font dictionary, read once.
    pub fn info(&self, dict: &Dict<'_>) -> Rc<FontInfo> {
        let key = key_of(dict);
        if let Some(f) = self.fonts.borrow().get(&key) {
            return f.clone();
        }
        let f = Rc::new(FontInfo::read(dict));
        self.fonts.borrow_mut().insert(key, f.clone());
        f
    }

    /// Whether a font already read needs linking (`None`: not read yet).
    pub fn known_needy(&self, key: FontKey) -> Option<bool> {
        self.fonts.borrow().get(&key).map(|f| f.needy)
    }

    /// The tables of an embedded program (hayro's bytes, keyed by hayro's content hash), read once.
    pub fn program(
        &self,
        key: u128,
        data: &std::sync::Arc<dyn AsRef<[u8]> + Send + Sync>,
    ) -> Option<Rc<Program>> {
        if let Some(p) = self.programs.borrow().get(&key) {
            return p.clone();
        }
        let p = Program::read(data.clone()).map(Rc::new);
        self.programs.borrow_mut().insert(key, p.clone());
        p
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unicode_cmap_codes_are_the_characters() {
        assert_eq!(
            UniForm::from_cmap_name("UniJIS-UCS2-H"),
            Some(UniForm::Ucs2)
        );
        assert_eq!(
            UniForm::from_cmap_name("UniJIS2004-UTF16-V"),
            Some(UniForm::Utf16)
        );
        assert_eq!(UniForm::from_cmap_name("90ms-RKSJ-H"), None);
        assert_eq!(UniForm::Ucs2.text(0x6F22).as_deref(), Some("漢"));
        assert_eq!(UniForm::Utf16.text(0xD840DC0B).as_deref(), Some("𠀋"));
        assert_eq!(UniForm::Utf8.text(0xE6BCA2).as_deref(), Some("漢"));
        assert_eq!(UniForm::Utf32.text(0x2000B).as_deref(), Some("𠀋"));
    }

    #[test]
    fn tex_code_layouts() {
        assert_eq!(CodeGuess::TexT1.text(0x1C).as_deref(), Some("fi"));
        assert_eq!(CodeGuess::TexOt1.text(0x0C).as_deref(), Some("fi"));
        assert_eq!(CodeGuess::TexT1.text(0xE1).as_deref(), Some("á"));
        assert_eq!(CodeGuess::Latin1.text(0x41).as_deref(), Some("A"));
        assert_eq!(CodeGuess::Latin1.text(0x05), None);
    }

    #[test]
    fn numbered_glyph_names() {
        assert_eq!(numbered_name("a97"), Some(("a", "97")));
        assert_eq!(numbered_name("C0041"), Some(("C", "0041")));
        assert_eq!(numbered_name("eacute"), None);
        assert_eq!(numbered_name("uni4E00x"), None);
    }

    #[test]
    fn letters_then_a_decimal_code_are_latin1_the_poppler_way() {
        assert_eq!(decimal_code("MT", "51"), Some('3'));
        assert_eq!(decimal_code("a", "101"), Some('e'));
        assert_eq!(decimal_code("MT", "5"), None);
        assert_eq!(decimal_code("MT", "31"), None);
        assert_eq!(decimal_code("C", "65"), None);
        assert_eq!(decimal_code("ABC", "65"), None);
        assert_eq!(decimal_code("MT", "4A"), None);
    }

    #[test]
    fn legacy_encoded_names_are_shown_decoded() {
        assert_eq!(display_name(b"\xb7\xc2\xcb\xce_GB2312"), "仿宋_GB2312");
        assert_eq!(display_name(b"ABCDEF+Arial"), "Arial");
    }
}
