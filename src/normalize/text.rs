//! Text rules: NFKC, the full normalizer [`text`], keys without white space ([`key`]) and the
//! line-join rules of a cell ([`join_lines`]). (Justified spread-out text is undone by the
//! table stage, which sees the glyph gaps.)
//!
//! Input is a printed string (one line or a cell's lines); output is the text as the truth files
//! write it (corpus README, "Normalization rules").

use unicode_normalization::{IsNormalized, UnicodeNormalization};

use super::radicals::repair_radicals;

/// Plain Unicode NFKC: full-width ASCII → ASCII, `～` → `~`, ideographic space → space,
/// half-width katakana → full-width.
pub fn nfkc(s: &str) -> String {
    s.nfkc().collect()
}

/// The full normalizer for one printed string.
///
/// In order: radicals repaired (before NFKC, which would turn `⼾` into 戶), NFKC, `〜` (U+301C
/// WAVE DASH, which NFKC keeps) → `~`, variation selectors dropped ([`is_variation_selector`];
/// the glyph's raw text keeps them and the record stage warns), then whitespace: each line is trimmed and runs of spaces
/// or tabs inside a line become one space (`13 者` keeps its space). Line breaks are kept; join
/// them with [`join_lines`].
pub fn text(s: &str) -> String {
    if is_plain(s) {
        return s.to_string();
    }
    let repaired = repair_radicals(s);
    // Most printed strings are NFKC already (NFKC's quick check says so without allocating).
    let n: std::borrow::Cow<'_, str> =
        if unicode_normalization::is_nfkc_quick(repaired.chars()) == IsNormalized::Yes {
            repaired
        } else {
            std::borrow::Cow::Owned(nfkc(&repaired))
        };
    let mut out = String::with_capacity(n.len());
    for (i, line) in n.split('\n').enumerate() {
        if i > 0 {
            out.push('\n');
        }
        let mut pending_space = false;
        for c in line.trim().chars() {
            let c = match c {
                '\u{301C}' | '\u{2053}' => '~', // WAVE DASH, SWUNG DASH
                '\r' => ' ',
                c if is_variation_selector(c) => continue,
                c => c,
            };
            if c.is_whitespace() {
                pending_space = true;
                continue;
            }
            if pending_space {
                out.push(' ');
                pending_space = false;
            }
            out.push(c);
        }
    }
    out
}

/// Whether `c` is a variation selector: VS1–16 (U+FE00–FE0F) or an Ideographic Variation
/// Selector (VS17–256, U+E0100–E01EF). An Ideographic Variation Sequence (灘 + U+E0100) picks a
/// glyph shape, not a character (Unicode IVD, UTS #37): values compare without it. Producers
/// keep them in ToUnicode maps, and a CID font's Adobe-Japan1 → Unicode round trip can add one
/// the source never had.
pub fn is_variation_selector(c: char) -> bool {
    matches!(c, '\u{FE00}'..='\u{FE0F}' | '\u{E0100}'..='\u{E01EF}')
}

/// Characters that every step of [`text`] leaves as they are: printable ASCII, the CJK Unified
/// Ideographs, hiragana and katakana (NFKC recomposes their voiced forms to themselves), the
/// Japanese punctuation 、。々〆〇「」『』【】・ー and the geometric shapes (○●◆■). Radicals,
/// full-width forms, the ideographic space and wave dashes are not among them.
fn is_plain_char(c: char) -> bool {
    matches!(c as u32,
        0x21..=0x7E | 0x3001..=0x3002 | 0x3005..=0x3007 | 0x300C..=0x3011 | 0x3041..=0x3096
        | 0x30A1..=0x30FC | 0x4E00..=0x9FFF | 0x25A0..=0x25FF)
}

/// Whether [`text`] would return `s` unchanged: plain characters only, lines separated by `\n`,
/// single spaces inside lines and none at their ends. Most printed strings are, and the scan
/// costs far less than NFKC's tables.
fn is_plain(s: &str) -> bool {
    let mut prev = '\n';
    for c in s.chars() {
        let ok = match c {
            ' ' => prev != ' ' && prev != '\n',
            '\n' => prev != ' ',
            c => is_plain_char(c),
        };
        if !ok {
            return false;
        }
        prev = c;
    }
    prev != ' '
}

/// The string without white space: spacing that is layout, not wording (justified cells,
/// `13 者` vs `13者` across renderings), compared away.
pub fn squash(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    out.extend(unspaced(s));
    out
}

/// The characters of `s` that are not white space (what [`squash`] keeps), without allocating.
pub fn unspaced(s: &str) -> impl Iterator<Item = char> + '_ {
    s.chars().filter(|c| !c.is_whitespace())
}

/// The comparable key of a printed string: [`text`] (NFKC, radicals repaired) without white
/// space. Labels, names and municipality lookups compare keys.
pub fn key(s: &str) -> String {
    // In place: collecting chars grows a new string a few bytes at a time.
    let mut t = text(s);
    t.retain(|c| !c.is_whitespace());
    t
}

/// Bytes without a leading UTF-8 byte-order mark (Windows tools write one before JSON and CSV).
pub fn strip_bom(bytes: &[u8]) -> &[u8] {
    bytes.strip_prefix("\u{feff}".as_bytes()).unwrap_or(bytes)
}

/// How the lines of one cell are joined.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum JoinMode {
    /// Ordinary cell: CJK lines are joined without a space; a space only between a line ending
    /// in an ASCII letter or digit and one starting with one (`Wi-Fi` + `spot` → `Wi-Fi spot`).
    Cell,
    /// A KPI baseline or target: like [`JoinMode::Cell`], and the period printed on its own
    /// line (starting with `(`) is joined with one space: `1,800人` + `(令和2年度)` →
    /// `1,800人 (令和2年度)`.
    Kpi,
}

/// Join a cell's lines (each trimmed; empty lines dropped) by the rules of `mode`.
pub fn join_lines<S: AsRef<str>>(lines: &[S], mode: JoinMode) -> String {
    let mut out = String::new();
    for line in lines
        .iter()
        .map(|l| l.as_ref().trim())
        .filter(|l| !l.is_empty())
    {
        if let (Some(prev), Some(next)) = (out.chars().next_back(), line.chars().next()) {
            let latin = prev.is_ascii_alphanumeric() && next.is_ascii_alphanumeric();
            let period = mode == JoinMode::Kpi && matches!(next, '(' | '（');
            if latin || period {
                out.push(' ');
            }
        }
        out.push_str(line);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nfkc_full_width() {
        assert_eq!(nfkc("（令和４～８年度）"), "(令和4~8年度)");
        assert_eq!(nfkc("１５，０００千円"), "15,000千円");
        assert_eq!(nfkc("ｶﾞｲﾄﾞ"), "ガイド");
        // NFKC alone gives the wrong form for ⼾ and leaves ⻑ alone: why text() repairs first.
        assert_eq!(nfkc("⼾"), "戶");
        assert_eq!(nfkc("⻑"), "⻑");
    }

    #[test]
    fn text_repairs_radicals_before_nfkc() {
        assert_eq!(text("瀬⼾内市"), "瀬戸内市");
        assert_eq!(text("⻑期的な⾒守り"), "長期的な見守り");
        assert_eq!(text("⼤学と⼯業⾼校の⽤地"), "大学と工業高校の用地");
    }

    #[test]
    fn text_wave_dashes() {
        assert_eq!(text("令和4〜8年度"), "令和4~8年度");
        assert_eq!(text("令和4～8年度"), "令和4~8年度");
        assert_eq!(text("(平成29〜令和2年度)"), "(平成29~令和2年度)");
    }

    #[test]
    fn text_drops_variation_selectors() {
        assert_eq!(text("播磨灘\u{E0100}の海"), "播磨灘の海");
        assert_eq!(text("進捗\u{E0101}管理"), "進捗管理");
        assert_eq!(text("葛\u{FE00}城"), "葛城");
        assert_eq!(key("灘\u{E0100} 捗"), "灘捗");
    }

    #[test]
    fn text_spaces() {
        assert_eq!(text("  13 者  "), "13 者");
        assert_eq!(text("制作\u{3000}など"), "制作 など");
        assert_eq!(text("24,612  人/日"), "24,612 人/日");
        assert_eq!(text("(P.2324 事業再掲)"), "(P.2324 事業再掲)");
        assert_eq!(text("一行目 \n 二行目"), "一行目\n二行目");
    }

    #[test]
    fn plain_strings_take_the_fast_path_and_agree_with_the_full_one() {
        for s in [
            "圏域内の中小企業の経営健全化を図る",
            "13 者",
            "ガイドブックを作成する。",
            "【参考】圏域間連携事業",
            "○",
            "R4 実施\n15,000千円",
        ] {
            assert!(is_plain(s), "{s}");
            assert_eq!(text(s), s);
        }
        for s in [
            " 13 者",
            "13  者",
            "13 者 ",
            "瀬⼾内市",
            "（令和４年度）",
            "令和4〜8年度",
            "制作\u{3000}など",
            "a \nb",
        ] {
            assert!(!is_plain(s), "{s}");
        }
        assert_eq!(text("a \n b"), "a\nb");
    }

    #[test]
    fn keys_and_boms() {
        assert_eq!(squash(" 13 者\n"), "13者");
        assert_eq!(key("掲 載 ペ ー ジ（Ｐ）"), "掲載ページ(P)");
        assert_eq!(strip_bom("\u{feff}{}".as_bytes()), b"{}");
        assert_eq!(strip_bom(b"{}"), b"{}");
    }

    #[test]
    fn join_cjk_and_latin() {
        assert_eq!(
            join_lines(&["圏域内の中小企業の", "経営健全化を図る"], JoinMode::Cell),
            "圏域内の中小企業の経営健全化を図る"
        );
        assert_eq!(
            join_lines(&["Free Wi-Fi", "spot の整備"], JoinMode::Cell),
            "Free Wi-Fi spot の整備"
        );
        assert_eq!(
            join_lines(&["特産農産物 PR", "イベント"], JoinMode::Cell),
            "特産農産物 PRイベント"
        );
        assert_eq!(
            join_lines(&["1,800人", "(令和2年度)"], JoinMode::Cell),
            "1,800人(令和2年度)"
        );
        assert_eq!(join_lines(&[" a ", "", "b"], JoinMode::Cell), "a b");
        assert_eq!(join_lines::<&str>(&[], JoinMode::Cell), "");
    }

    #[test]
    fn join_kpi() {
        assert_eq!(
            join_lines(&["1,800人", "(令和2年度)"], JoinMode::Kpi),
            "1,800人 (令和2年度)"
        );
        assert_eq!(
            join_lines(&["24,612 人/日", "(令和2年度)"], JoinMode::Kpi),
            "24,612 人/日 (令和2年度)"
        );
        assert_eq!(
            join_lines(&["10回以上/", "年", "(令和4~8年度)"], JoinMode::Kpi),
            "10回以上/年 (令和4~8年度)"
        );
        assert_eq!(
            join_lines(&["1,452万t-", "CO2", "(平成25年度)"], JoinMode::Kpi),
            "1,452万t-CO2 (平成25年度)"
        );
    }
}
