//! A simple font's name or program → the CJK code page its bytes are in, and such bytes → text.
//!
//! Word and other Windows producers write a non-embedded ＭＳ 明朝 or 宋体 as a simple TrueType
//! font under WinAnsiEncoding (or none) and show Shift-JIS or GBK bytes with it, one glyph per
//! byte. Read as the encoding says, they come out as Latin-1 mojibake (目录 → Ä¿Â¼). pdfium
//! (`CPDF_Font::Create`: a TrueType font whose BaseFont is 宋体/楷体/黑体/仿宋/新宋 in GBK is
//! read as a CID font with GBK-EUC-H) and pdf.js decide by the font's name; so does this module,
//! for the Japanese, Chinese and Korean system fonts, and by the code page an embedded program's
//! OS/2 table or `cmap` declares.

use encoding_rs::{BIG5, EUC_KR, Encoding, GBK, SHIFT_JIS};

/// A CJK code page.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Charset {
    /// Shift-JIS (Windows code page 932).
    ShiftJis,
    /// GBK (code page 936; GB 2312 is a subset).
    Gbk,
    /// Big5 (code page 950).
    Big5,
    /// EUC-KR / Unified Hangul Code (code page 949).
    EucKr,
}

impl Charset {
    /// The name shown in warnings.
    pub fn name(self) -> &'static str {
        match self {
            Charset::ShiftJis => "Shift-JIS",
            Charset::Gbk => "GBK",
            Charset::Big5 => "Big5",
            Charset::EucKr => "EUC-KR",
        }
    }

    fn encoding(self) -> &'static Encoding {
        match self {
            Charset::ShiftJis => SHIFT_JIS,
            Charset::Gbk => GBK,
            Charset::Big5 => BIG5,
            Charset::EucKr => EUC_KR,
        }
    }

    /// Whether `b` starts a double-byte character.
    pub fn is_lead(self, b: u8) -> bool {
        match self {
            Charset::ShiftJis => matches!(b, 0x81..=0x9F | 0xE0..=0xFC),
            Charset::Gbk | Charset::Big5 | Charset::EucKr => matches!(b, 0x81..=0xFE),
        }
    }

    /// Decodes one character of one or two bytes; `None` when the bytes are not one.
    pub fn decode(self, bytes: &[u8]) -> Option<String> {
        let (s, had_errors) = self.encoding().decode_without_bom_handling(bytes);
        let mut chars = s.chars();
        let c = chars.next()?;
        (!had_errors && chars.next().is_none() && c != '\u{FFFD}').then(|| c.to_string())
    }

    /// Decodes a whole byte string; `None` when it has errors or no CJK letter.
    pub fn decode_all(self, bytes: &[u8]) -> Option<String> {
        let (s, bad) = self.encoding().decode_without_bom_handling(bytes);
        (!bad && s.chars().any(is_cjk_letter)).then(|| s.into_owned())
    }

    /// The code page a font name declares: the name's own bytes when they are a CJK code page
    /// (宋体 written in GBK), else the Windows and Mac CJK font families it names.
    pub fn from_name(name: &[u8]) -> Option<Charset> {
        // "ABCDEF+SimSun,Bold": without the subset prefix and the style suffix.
        let base = match name.iter().position(|&b| b == b'+') {
            Some(6) => &name[7..],
            _ => name,
        };
        let base = base.split(|&b| b == b',').next().unwrap_or(base);
        if !base.is_ascii() {
            // A name written in a code page: the code page under which it names a known CJK
            // family (ＭＳ 明朝 is valid GBK too, as other letters), else the first that reads
            // it as CJK letters.
            let all = [
                Charset::Gbk,
                Charset::ShiftJis,
                Charset::Big5,
                Charset::EucKr,
            ];
            let decoded: Vec<(Charset, String)> = all
                .iter()
                .filter_map(|&cs| cs.decode_all(base).map(|s| (cs, s)))
                .collect();
            return decoded
                .iter()
                .find(|(cs, s)| family(s) == Some(*cs))
                .or(decoded.first())
                .map(|(cs, _)| *cs);
        }
        family(&String::from_utf8_lossy(base))
    }
}

fn is_cjk_letter(c: char) -> bool {
    matches!(c as u32, 0x3040..=0x30FF | 0x3400..=0x9FFF | 0xAC00..=0xD7AF | 0xFF21..=0xFF5A)
}

/// The code page of a CJK font family named in `name` (ASCII or decoded), by the families that
/// Windows, macOS and Office ship; `None` for any other name.
fn family(name: &str) -> Option<Charset> {
    let n: String = name
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '-' && *c != '_')
        .flat_map(char::to_lowercase)
        .collect();
    // Japanese first: "ＭＳ明朝" and "MSMincho" must not fall to a Chinese "Ming".
    const JA: &[&str] = &[
        "msmincho",
        "mspmincho",
        "msgothic",
        "mspgothic",
        "msuigothic",
        "ｍｓ明朝",
        "ｍｓｐ明朝",
        "ｍｓゴシック",
        "ｍｓｐゴシック",
        "明朝",
        "ゴシック",
        "meiryo",
        "メイリオ",
        "yumincho",
        "yugothic",
        "游明朝",
        "游ゴシック",
        "mincho",
        "hggothic",
        "ryumin",
        "gothicbbb",
        "heiseimin",
        "heiseikaku",
        "osaka",
        "hiragino",
        "ヒラギノ",
        "kozmin",
        "kozgo",
        "小塚",
    ];
    const GB: &[&str] = &[
        "simsun",
        "nsimsun",
        "simhei",
        "simkai",
        "simfang",
        "kaiti",
        "fangsong",
        "宋体",
        "新宋",
        "黑体",
        "楷体",
        "仿宋",
        "gb2312",
        "microsoftyahei",
        "微软雅黑",
        "stsong",
        "stheiti",
        "stkaiti",
        "stfangsong",
        "stzhongsong",
        "华文",
        "方正",
        "fzxiaobiaosong",
        "fzsong",
        "dengxian",
        "等线",
        "隶书",
        "幼圆",
    ];
    const B5: &[&str] = &[
        "mingliu",
        "pmingliu",
        "細明體",
        "新細明體",
        "dfkaisb",
        "標楷體",
        "microsoftjhenghei",
        "微軟正黑體",
    ];
    const KO: &[&str] = &[
        "batang",
        "gulim",
        "dotum",
        "gungsuh",
        "malgungothic",
        "바탕",
        "굴림",
        "돋움",
        "궁서",
        "맑은고딕",
    ];
    for (list, cs) in [
        (JA, Charset::ShiftJis),
        (B5, Charset::Big5),
        (GB, Charset::Gbk),
        (KO, Charset::EucKr),
    ] {
        if list.iter().any(|f| n.contains(f)) {
            return Some(cs);
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_in_gbk_bytes_and_ascii_family_names() {
        assert_eq!(Charset::from_name(b"\xcb\xce\xcc\xe5"), Some(Charset::Gbk));
        assert_eq!(
            Charset::from_name(b"\xb7\xc2\xcb\xce_GB2312"),
            Some(Charset::Gbk)
        );
        // ＭＳ 明朝 in Shift-JIS.
        assert_eq!(
            Charset::from_name(b"\x82\x6c\x82\x72\x20\x96\xbe\x92\xa9"),
            Some(Charset::ShiftJis)
        );
        assert_eq!(Charset::from_name(b"MS-Mincho"), Some(Charset::ShiftJis));
        assert_eq!(
            Charset::from_name(b"ABCDEF+SimSun,Bold"),
            Some(Charset::Gbk)
        );
        assert_eq!(Charset::from_name(b"PMingLiU"), Some(Charset::Big5));
        assert_eq!(Charset::from_name(b"Batang"), Some(Charset::EucKr));
        assert_eq!(Charset::from_name(b"TimesNewRomanPSMT"), None);
        assert_eq!(Charset::from_name(b"Arial"), None);
    }

    #[test]
    fn decodes_double_byte_characters() {
        assert_eq!(Charset::Gbk.decode(b"\xc4\xbf").as_deref(), Some("目"));
        assert_eq!(Charset::ShiftJis.decode(b"\x96\xbe").as_deref(), Some("明"));
        assert_eq!(Charset::Gbk.decode(b"A").as_deref(), Some("A"));
        assert_eq!(Charset::Gbk.decode(b"\xc4"), None);
        assert!(Charset::ShiftJis.is_lead(0x82));
        assert!(!Charset::ShiftJis.is_lead(0xA1));
    }
}
