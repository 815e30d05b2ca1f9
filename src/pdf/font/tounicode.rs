//! A ToUnicode CMap's bytes → a map from character codes to text, read tolerantly.
//!
//! PDF 32000-1:2008 9.10.3 defines the ToUnicode CMap; producers write it with faults that a
//! strict PostScript reader rejects whole (pdf.js issue 11651: a `>` inside the CMap name). As
//! pdf.js (`src/core/cmap.js`) and MuPDF do, each section is read token by token and a malformed
//! token only loses its own entry. Supported: `bfchar`, `bfrange` with a destination string or
//! an array of strings, `cidchar`/`cidrange` (some producers write them in a ToUnicode; the CID
//! is then the code point, as pdf.js reads it), UTF-16 surrogate pairs and multi-character
//! destinations (ligatures).

use std::collections::HashMap;

/// One token of a CMap.
#[derive(Debug, Clone, PartialEq)]
enum Token {
    /// `<...>` or `(...)`: bytes.
    Bytes(Vec<u8>),
    /// An integer.
    Int(i64),
    /// `/Name`.
    Name(String),
    /// A keyword such as `beginbfchar`.
    Word(String),
    /// `[`.
    Open,
    /// `]`.
    Close,
}

fn tokens(data: &[u8]) -> Vec<Token> {
    let mut out = Vec::new();
    let mut i = 0;
    let n = data.len();
    let delim = |c: u8| c.is_ascii_whitespace() || b"<>[]()/%{}".contains(&c);
    while i < n {
        let c = data[i];
        match c {
            b'%' => {
                while i < n && data[i] != b'\n' && data[i] != b'\r' {
                    i += 1;
                }
            }
            b'<' if data.get(i + 1) == Some(&b'<') => i += 2,
            b'>' if data.get(i + 1) == Some(&b'>') => i += 2,
            b'<' => {
                let mut hex = Vec::new();
                i += 1;
                while i < n && data[i] != b'>' {
                    if data[i].is_ascii_hexdigit() {
                        hex.push(data[i]);
                    }
                    i += 1;
                }
                i += 1;
                if hex.len() % 2 == 1 {
                    // 7.3.4.3: a final odd digit is followed by an assumed 0.
                    hex.push(b'0');
                }
                let bytes = hex
                    .chunks(2)
                    .map(|p| {
                        let v = |d: u8| (d as char).to_digit(16).unwrap_or(0) as u8;
                        v(p[0]) << 4 | v(p[1])
                    })
                    .collect();
                out.push(Token::Bytes(bytes));
            }
            b'(' => {
                let mut depth = 1;
                let mut s = Vec::new();
                i += 1;
                while i < n {
                    let b = data[i];
                    if b == b'\\' && i + 1 < n {
                        i += 1;
                        let e = data[i];
                        match e {
                            b'n' => s.push(b'\n'),
                            b'r' => s.push(b'\r'),
                            b't' => s.push(b'\t'),
                            b'b' => s.push(8),
                            b'f' => s.push(12),
                            b'0'..=b'7' => {
                                let mut v = 0u32;
                                let mut k = 0;
                                while k < 3 && i < n && (b'0'..=b'7').contains(&data[i]) {
                                    v = v * 8 + (data[i] - b'0') as u32;
                                    i += 1;
                                    k += 1;
                                }
                                s.push(v as u8);
                                continue;
                            }
                            b'\n' | b'\r' => {}
                            other => s.push(other),
                        }
                        i += 1;
                        continue;
                    }
                    if b == b'(' {
                        depth += 1;
                    } else if b == b')' {
                        depth -= 1;
                        if depth == 0 {
                            i += 1;
                            break;
                        }
                    }
                    s.push(b);
                    i += 1;
                }
                out.push(Token::Bytes(s));
            }
            b'[' => {
                out.push(Token::Open);
                i += 1;
            }
            b']' => {
                out.push(Token::Close);
                i += 1;
            }
            b'/' => {
                let start = i + 1;
                i += 1;
                while i < n && !delim(data[i]) {
                    i += 1;
                }
                out.push(Token::Name(
                    String::from_utf8_lossy(&data[start..i]).into_owned(),
                ));
            }
            _ if c.is_ascii_whitespace() || b">){}".contains(&c) => i += 1,
            _ => {
                let start = i;
                while i < n && !delim(data[i]) {
                    i += 1;
                }
                let w = &data[start..i];
                match std::str::from_utf8(w)
                    .ok()
                    .and_then(|s| s.parse::<i64>().ok())
                {
                    Some(v) => out.push(Token::Int(v)),
                    None => out.push(Token::Word(String::from_utf8_lossy(w).into_owned())),
                }
            }
        }
    }
    out
}

/// Where a range of codes maps to.
#[derive(Debug, Clone)]
enum Dest {
    /// UTF-16 units of the first code's text; each next code increments the last unit.
    Units(Vec<u16>),
    /// One text per code.
    Each(Vec<String>),
    /// A code point (cidrange in a ToUnicode): each next code adds one.
    Point(u32),
}

/// A parsed ToUnicode map.
#[derive(Debug, Clone, Default)]
pub struct ToUnicode {
    singles: HashMap<u32, String>,
    /// Ranges sorted by their first code.
    ranges: Vec<(u32, u32, Dest)>,
    /// Entries that were malformed and skipped.
    pub skipped: usize,
}

fn code_of(b: &[u8]) -> Option<u32> {
    if b.is_empty() || b.len() > 4 {
        return None;
    }
    Some(b.iter().fold(0u32, |a, &x| a << 8 | x as u32))
}

fn units_of(b: &[u8]) -> Vec<u16> {
    if b.len() == 1 {
        // A one-byte destination: producers mean the byte as a code point.
        return vec![b[0] as u16];
    }
    b.chunks(2)
        .map(|p| u16::from_be_bytes([p[0], *p.get(1).unwrap_or(&0)]))
        .collect()
}

fn text_of_units(units: &[u16]) -> Option<String> {
    let s: String = char::decode_utf16(units.iter().copied())
        .map(|r| r.unwrap_or('\u{FFFD}'))
        .collect();
    (!s.is_empty() && !s.contains('\u{FFFD}')).then_some(s)
}

fn dest_text(t: &Token) -> Option<String> {
    match t {
        Token::Bytes(b) => text_of_units(&units_of(b)),
        // A glyph name where a string belongs (seen in the wild): the Adobe Glyph List.
        Token::Name(n) => super::program::agl_text(n),
        Token::Int(v) => char::from_u32(u32::try_from(*v).ok()?).map(String::from),
        _ => None,
    }
}

impl ToUnicode {
    /// Reads a ToUnicode CMap; `None` when nothing at all could be read from it.
    pub fn parse(data: &[u8]) -> Option<ToUnicode> {
        let toks = tokens(data);
        let mut map = ToUnicode::default();
        let mut i = 0;
        while i < toks.len() {
            let section = match &toks[i] {
                Token::Word(w) => w.as_str(),
                _ => {
                    i += 1;
                    continue;
                }
            };
            i += 1;
            match section {
                "beginbfchar" | "begincidchar" => {
                    let cid = section == "begincidchar";
                    while i < toks.len()
                        && !matches!(&toks[i], Token::Word(w) if w.starts_with("end"))
                    {
                        let (Some(src), Some(dst)) = (toks.get(i), toks.get(i + 1)) else {
                            break;
                        };
                        match (src, dest_text(dst)) {
                            (Token::Bytes(b), Some(text)) if code_of(b).is_some() => {
                                let text = if cid {
                                    match dst {
                                        Token::Int(v) => u32::try_from(*v)
                                            .ok()
                                            .and_then(char::from_u32)
                                            .map(String::from),
                                        _ => Some(text),
                                    }
                                } else {
                                    Some(text)
                                };
                                if let (Some(code), Some(text)) = (code_of(b), text) {
                                    map.singles.insert(code, text);
                                }
                                i += 2;
                            }
                            _ => {
                                map.skipped += 1;
                                i += 1;
                            }
                        }
                    }
                }
                "beginbfrange" | "begincidrange" => {
                    while i < toks.len()
                        && !matches!(&toks[i], Token::Word(w) if w.starts_with("end"))
                    {
                        let (Some(Token::Bytes(lo)), Some(Token::Bytes(hi))) =
                            (toks.get(i), toks.get(i + 1))
                        else {
                            map.skipped += 1;
                            i += 1;
                            continue;
                        };
                        let (Some(lo), Some(hi)) = (code_of(lo), code_of(hi)) else {
                            map.skipped += 1;
                            i += 2;
                            continue;
                        };
                        i += 2;
                        let dest = match toks.get(i) {
                            Some(Token::Bytes(b)) if !b.is_empty() => {
                                i += 1;
                                Some(Dest::Units(units_of(b)))
                            }
                            Some(Token::Int(v)) => {
                                i += 1;
                                u32::try_from(*v).ok().map(Dest::Point)
                            }
                            Some(Token::Open) => {
                                i += 1;
                                let mut each = Vec::new();
                                while i < toks.len() && toks[i] != Token::Close {
                                    if matches!(&toks[i], Token::Word(w) if w.starts_with("end")) {
                                        break;
                                    }
                                    each.push(dest_text(&toks[i]).unwrap_or_default());
                                    i += 1;
                                }
                                if toks.get(i) == Some(&Token::Close) {
                                    i += 1;
                                }
                                Some(Dest::Each(each))
                            }
                            _ => None,
                        };
                        match dest {
                            // A reversed or absurdly long range is a fault, not a map.
                            Some(d) if hi >= lo && hi - lo <= 0xFFFF => {
                                map.ranges.push((lo, hi, d))
                            }
                            _ => map.skipped += 1,
                        }
                    }
                }
                _ => {}
            }
        }
        map.ranges.sort_by_key(|r| r.0);
        (!map.singles.is_empty() || !map.ranges.is_empty()).then_some(map)
    }

    /// The text of a character code.
    pub fn get(&self, code: u32) -> Option<String> {
        if let Some(s) = self.singles.get(&code) {
            return Some(s.clone());
        }
        // The last range starting at or before the code; overlaps are rare, so look back a few.
        let end = self.ranges.partition_point(|r| r.0 <= code);
        for (lo, hi, dest) in self.ranges[..end].iter().rev().take(8) {
            if code < *lo || code > *hi {
                continue;
            }
            let k = code - lo;
            return match dest {
                Dest::Units(u) => {
                    let mut u = u.clone();
                    let last = u.last_mut()?;
                    *last = last.checked_add(u16::try_from(k).ok()?)?;
                    text_of_units(&u)
                }
                Dest::Each(v) => v.get(k as usize).filter(|s| !s.is_empty()).cloned(),
                Dest::Point(p) => char::from_u32(p.checked_add(k)?).map(String::from),
            };
        }
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_malformed_header_token_does_not_discard_the_map() {
        let cmap = b"/CIDInit /ProcSet findresource begin 12 dict begin begincmap\n\
            /CIDSystemInfo <</Registry (Adobe) /Ordering (UC>) /Supplement 0 >> def\n\
            /CMapName /Adobe-Identity-UC> def /CMapType 2 def\n\
            1 begincodespacerange <0000> <FFFF> endcodespacerange\n\
            2 beginbfchar <002B> <0048> <0048> <0065> endbfchar endcmap";
        let m = ToUnicode::parse(cmap).unwrap();
        assert_eq!(m.get(0x2B).as_deref(), Some("H"));
        assert_eq!(m.get(0x48).as_deref(), Some("e"));
        assert_eq!(m.get(0x49), None);
    }

    #[test]
    fn ranges_arrays_surrogates_ligatures_and_cid_sections() {
        let cmap = b"3 beginbfrange <0001> <0003> <0041> <0010> <0011> [<0066006C> <D83DDE00>]\n\
            <0020> <0021> <00E9> endbfrange\n\
            1 begincidrange <0100> <0102> 12354 endcidrange\n\
            2 beginbfchar <05> zzz <06> <FB01> endbfchar";
        let m = ToUnicode::parse(cmap).unwrap();
        assert_eq!(m.get(2).as_deref(), Some("B"));
        assert_eq!(m.get(0x10).as_deref(), Some("fl"));
        assert_eq!(m.get(0x11).as_deref(), Some("😀"));
        assert_eq!(m.get(0x21).as_deref(), Some("ê"));
        assert_eq!(m.get(0x101).as_deref(), Some("ぃ"));
        assert_eq!(m.get(6).as_deref(), Some("ﬁ"));
        assert_eq!(m.get(5), None);
        assert!(m.skipped >= 1);
    }

    #[test]
    fn a_map_with_no_entries_is_none() {
        assert!(ToUnicode::parse(b"1 begincodespacerange <00> <ff> endcodespacerange").is_none());
    }
}
