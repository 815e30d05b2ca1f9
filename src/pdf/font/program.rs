//! An embedded font program's bytes → what its own tables say about each glyph: the Unicode
//! of its `cmap` inverted, its glyph name (`post`, CFF charset, Type 1 charstrings) read with
//! the Adobe Glyph List, the CID of a CID-keyed CFF glyph, and the CJK code pages its OS/2
//! table and `cmap` subtables declare.
//!
//! These are the fallbacks pdf.js (`src/core/fonts.js`), pdfium (`CPDF_Font::GlyphFromCharCode`
//! in reverse) and MuPDF use for a glyph whose font has no usable ToUnicode: a font's own
//! `cmap` says which character a glyph draws, however the PDF's CIDs were assigned.

use super::charset::Charset;
use skrifa::Font;
use skrifa::raw::TableProvider;
use skrifa::raw::model::charmap::EncodingKind;
use std::cell::OnceCell;
use std::collections::HashMap;

/// The text of a glyph name by the Adobe Glyph List (with `uniXXXX`, `uXXXX[XX]` and `_`
/// ligature components), `None` for names that carry no character (`g12`, `glyph3`, `.notdef`).
pub fn agl_text(name: &str) -> Option<String> {
    let s: String = skrifa::raw::ps::agl::name_to_chars(name).collect();
    (!s.is_empty()).then_some(s)
}

/// Whether a character is in a Private Use Area: a font's cmap entry there says nothing about
/// the character printed (symbol fonts map F000+code).
pub fn is_private_use(c: char) -> bool {
    matches!(c as u32, 0xE000..=0xF8FF | 0xF0000..=0x10FFFF)
}

/// What a font program says about its glyphs. Each table is read on first use: a font is
/// asked only about the glyphs nothing else maps.
pub struct Program {
    font: Font,
    /// Glyph → text by the inverted Unicode `cmap` (or the names-derived map of a bare CFF or
    /// Type 1 font), Private Use Area entries left out.
    by_cmap: OnceCell<HashMap<u32, char>>,
    /// Glyph → CID of a CID-keyed CFF font.
    cids: OnceCell<HashMap<u32, u32>>,
}

impl Program {
    /// Reads a font program (TrueType/OpenType, bare CFF or Type 1); `None` when it cannot be
    /// parsed.
    pub fn read(data: std::sync::Arc<dyn AsRef<[u8]> + Send + Sync>) -> Option<Program> {
        Some(Program {
            font: Font::new(data, 0)?,
            by_cmap: OnceCell::new(),
            cids: OnceCell::new(),
        })
    }

    fn by_cmap(&self) -> &HashMap<u32, char> {
        self.by_cmap.get_or_init(|| {
            let mut map: HashMap<u32, char> = HashMap::new();
            for (u, gid) in self.font.charmap().unicodes() {
                let Some(c) = char::from_u32(u) else { continue };
                if is_private_use(c) {
                    continue;
                }
                // Several code points may share a glyph (Chromium's Kangxi radicals, U+00A0 and
                // U+0020): keep the lowest that is not a compatibility form, as pdf.js does.
                map.entry(gid.to_u32())
                    .and_modify(|old| {
                        if rank(c) < rank(*old) {
                            *old = c;
                        }
                    })
                    .or_insert(c);
            }
            map
        })
    }

    /// The text the font's own tables give a glyph: its `cmap` entry, else its name.
    pub fn text(&self, gid: u32) -> Option<String> {
        if gid == 0 {
            return None;
        }
        if let Some(c) = self.by_cmap().get(&gid) {
            return Some(c.to_string());
        }
        let name = self.font.glyph_name(skrifa::GlyphId::new(gid))?;
        if name.is_synthesized() {
            return None;
        }
        agl_text(name.as_str())
    }

    /// The CID of a glyph of a CID-keyed CFF font.
    pub fn cid(&self, gid: u32) -> Option<u32> {
        self.cids
            .get_or_init(|| {
                let mut cids = HashMap::new();
                if self.font.is_cid_keyed()
                    && let Some(max) = self.font.max_cid()
                {
                    for cid in 0..=max.min(0xFFFF) {
                        if let Some(g) = self.font.glyph_by_cid(cid) {
                            cids.entry(g.to_u32()).or_insert(cid);
                        }
                    }
                }
                cids
            })
            .get(&gid)
            .copied()
    }
}

/// The CJK code page a font program declares (OS/2 `ulCodePageRange1` or a `cmap` subtable for
/// Shift-JIS, PRC, Big5 or Wansung), if exactly one, without reading its glyphs (for a simple font
/// deciding how to read its bytes).
pub fn charset_of(data: std::sync::Arc<dyn AsRef<[u8]> + Send + Sync>) -> Option<Charset> {
    declared_charset(&Font::new(data, 0)?)
}

fn declared_charset(font: &Font) -> Option<Charset> {
    let mut pages = Vec::new();
    if let Ok(os2) = font.tables().os2()
        && let Some(range) = os2.ul_code_page_range_1()
    {
        // OpenType OS/2 ulCodePageRange1: bit 17 JIS/Japan (932), 18 Chinese Simplified
        // (936), 19 Korean Wansung (949), 20 Chinese Traditional (950).
        for (bit, cs) in [
            (17, Charset::ShiftJis),
            (18, Charset::Gbk),
            (19, Charset::EucKr),
            (20, Charset::Big5),
        ] {
            if range & (1 << bit) != 0 {
                pages.push(cs);
            }
        }
    }
    for e in font.charmap().encodings() {
        let cs = match e.kind() {
            EncodingKind::Sjis => Charset::ShiftJis,
            EncodingKind::Prc => Charset::Gbk,
            EncodingKind::Big5 => Charset::Big5,
            EncodingKind::Wansung => Charset::EucKr,
            _ => continue,
        };
        if !pages.contains(&cs) {
            pages.push(cs);
        }
    }
    (pages.len() == 1).then(|| pages[0])
}

/// Preference among code points that share a glyph: ordinary characters first, then
/// compatibility and presentation forms, radicals last.
fn rank(c: char) -> (u8, u32) {
    let u = c as u32;
    let class = match u {
        0x2E80..=0x2FDF
        | 0xF900..=0xFAFF
        | 0xFB00..=0xFDFF
        | 0xFE30..=0xFE4F
        | 0x2F800..=0x2FA1F => 2,
        0x00A0 | 0x00AD | 0x3000 => 1,
        _ => 0,
    };
    (class, u)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn glyph_names_by_the_adobe_glyph_list() {
        assert_eq!(agl_text("eacute").as_deref(), Some("é"));
        assert_eq!(agl_text("uni6F22").as_deref(), Some("漢"));
        assert_eq!(agl_text("f_i").as_deref(), Some("fi"));
        assert_eq!(agl_text("g123"), None);
    }

    #[test]
    fn shared_glyphs_prefer_the_ordinary_character() {
        assert!(rank('一') < rank('⼀'));
        assert!(rank(' ') < rank('\u{00A0}'));
    }
}
