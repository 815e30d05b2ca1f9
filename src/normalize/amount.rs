//! Money cells → thousand-yen integers (千円), the unit of the truth files.
//!
//! Accepts `15,000`, `9,700 千円`, `15,000千円`, `１５,０００`, `13,628,000千円`, `1.5百万円`,
//! `△500` in the units of a [`MoneyForms`] (the record stage's vocabulary data: 千円 ×1, 円
//! ÷1000 flagged when not whole, 万円 ×10, 百万円 ×1000, 億円 ×100000). A bare number takes the
//! unit the caller read from the table (a `(単位:千円)` label; [`Unit::THOUSAND_YEN`] by
//! default). An empty cell, dashes (`— － - ― ‐ − ─ ー`) and none-words (`なし`, `該当なし`) are
//! `None`; `△`/`▲` (or a leading `-`) make the amount negative.
//!
//! [`MoneyForms::phase_and_amount`] splits a schedule cell that prints a phase label and an
//! amount together (`実施 3,000千円`).

use std::fmt;

use super::text::text;

/// A printed money unit, as the number of yen one of it is (千円 = 1,000).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Unit {
    /// How many yen one of this unit is.
    pub yen: i128,
}

impl Unit {
    /// 千円: the unit of the records, and of a bare amount where no `(単位:…)` note says other.
    pub const THOUSAND_YEN: Unit = Unit { yen: 1_000 };
}

impl Default for Unit {
    /// [`Unit::THOUSAND_YEN`].
    fn default() -> Unit {
        Unit::THOUSAND_YEN
    }
}

/// How money is printed: the unit suffixes and the "none" marks of amount cells. The record
/// stage builds it from its vocabulary data (`src/records/vocab.toml`), so a region's own unit
/// or none-word is read without recompiling.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct MoneyForms {
    /// Unit suffixes with their unit, longest first (百万円 before 万円 before 円).
    units: Vec<(String, Unit)>,
    /// Characters a none cell is made of (`—`, `－`, `−`...).
    dashes: Vec<char>,
    /// Whole-cell words meaning none (`なし`, `該当なし`).
    words: Vec<String>,
}

impl MoneyForms {
    /// The forms from their lists; units are sorted longest suffix first so that `百万円` is not
    /// read as `円`.
    pub fn new(units: Vec<(String, Unit)>, dashes: Vec<char>, words: Vec<String>) -> MoneyForms {
        let mut units = units;
        units.sort_by(|a, b| {
            b.0.chars()
                .count()
                .cmp(&a.0.chars().count())
                .then(a.0.cmp(&b.0))
        });
        MoneyForms {
            units,
            dashes,
            words,
        }
    }

    /// The unit printed as a suffix, longest match first, and the text before it.
    pub fn suffix<'s>(&self, s: &'s str) -> Option<(Unit, &'s str)> {
        self.units
            .iter()
            .find_map(|(suf, unit)| s.strip_suffix(suf.as_str()).map(|rest| (*unit, rest)))
    }

    /// The unit of a label such as `(単位:千円)` or `単位：百万円`.
    pub fn unit_label(&self, label: &str) -> Option<Unit> {
        // NFKC leaves 単位 as it is: a string without it is no label (most page text is not).
        if !label.contains("単位") {
            return None;
        }
        let t = text(label);
        let after = t.split("単位").nth(1)?;
        let inner = after
            .trim_start_matches([':', ' '])
            .trim_end_matches([')', ' ', ']']);
        match self.suffix(inner) {
            Some((unit, "")) => Some(unit),
            _ => None,
        }
    }

    /// Whether a whole cell means "none": empty, made only of dashes (and spaces), or one of
    /// the none-words (after NFKC, spaces ignored).
    pub fn is_none(&self, s: &str) -> bool {
        let t = s.trim();
        if t.chars()
            .all(|c| c.is_whitespace() || self.dashes.contains(&c))
        {
            return true;
        }
        // A cell far longer than every none-word cannot be one, and is not normalized (most
        // cells are a card's sentences): NFKC composes at most four characters into one (a
        // letter and three marks), and of the rest only white space and variation selectors
        // leave a key.
        let longest = self
            .words
            .iter()
            .map(|w| w.chars().count())
            .max()
            .unwrap_or(0);
        let kept = t
            .chars()
            .filter(|&c| !c.is_whitespace() && !super::text::is_variation_selector(c))
            .take(4 * longest + 1)
            .count();
        if kept > 4 * longest {
            return false;
        }
        let k = super::text::key(t);
        self.words.iter().any(|w| *w == k)
    }
}

/// An amount of money in thousand yen (千円).
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Hash,
    serde::Serialize,
    serde::Deserialize,
    schemars::JsonSchema,
)]
#[serde(transparent)]
pub struct ThousandYen(pub i64);

impl ThousandYen {
    /// Grouped with commas, as printed: `12,000`.
    pub fn grouped(self) -> String {
        group_digits(self.0)
    }
}

impl fmt::Display for ThousandYen {
    /// `15,000千円`, `-500千円`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}千円", self.grouped())
    }
}

/// `1234567` → `1,234,567`, `-3000` → `-3,000`.
pub fn group_digits(n: i64) -> String {
    let digits = n.unsigned_abs().to_string();
    let mut grouped = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            grouped.push(',');
        }
        grouped.push(c);
    }
    if n < 0 {
        format!("-{grouped}")
    } else {
        grouped
    }
}

/// A parsed money cell.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Amount {
    /// The value in thousand yen (rounded half away from zero when `exact` is false).
    pub value: ThousandYen,
    /// The unit printed in the cell; `None` for a bare number (the caller's unit was used).
    pub unit: Option<Unit>,
    /// False when the printed value is not a whole number of thousand yen (`1,500円`): the
    /// caller should warn.
    pub exact: bool,
}

/// Why a money cell could not be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("not an amount: {input:?} ({reason})")]
pub struct AmountError {
    /// The cell as given.
    pub input: String,
    /// What was wrong, lowercase.
    pub reason: &'static str,
}

impl MoneyForms {
    /// Parse a money cell; a bare number is in `bare_unit`.
    ///
    /// `Ok(None)` for an empty or none cell ([`MoneyForms::is_none`]), `Err` when the cell
    /// holds something else than one amount.
    pub fn amount_in(&self, s: &str, bare_unit: Unit) -> Result<Option<Amount>, AmountError> {
        if self.is_none(s) {
            return Ok(None);
        }
        let err = |reason| AmountError {
            input: s.to_string(),
            reason,
        };
        let t = super::text::key(s);
        let (negative, body) = match t.strip_prefix(['△', '▲', '-', '−']) {
            Some(rest) => (true, rest),
            None => (false, t.as_str()),
        };
        let (unit, number) = match self.suffix(body) {
            Some((unit, rest)) => (Some(unit), rest),
            None => (None, body),
        };
        if number.is_empty() {
            return Err(err("no digits"));
        }
        // Digits with thousands separators, an optional decimal part.
        let (int_part, frac_part) = match number.split_once('.') {
            Some((i, f)) => (i, f),
            None => (number, ""),
        };
        if int_part.is_empty() || !int_part.starts_with(|c: char| c.is_ascii_digit()) {
            return Err(err("does not start with a digit"));
        }
        if !int_part.chars().all(|c| c.is_ascii_digit() || c == ',')
            || !frac_part.chars().all(|c| c.is_ascii_digit())
        {
            return Err(err("unexpected character"));
        }
        let digits: String = int_part
            .chars()
            .filter(|c| *c != ',')
            .chain(frac_part.chars())
            .collect();
        if digits.len() > 30 {
            return Err(err("too many digits"));
        }
        let mantissa: i128 = digits.parse().map_err(|_| err("no digits"))?;
        let scale = 10i128.pow(frac_part.len() as u32);
        let yen_num = mantissa
            .checked_mul(unit.unwrap_or(bare_unit).yen)
            .ok_or_else(|| err("too large"))?; // yen × scale
        let denom = scale * 1_000;
        let exact = yen_num % denom == 0;
        let thousands = (yen_num + denom / 2) / denom; // half away from zero (value is positive)
        let value = i64::try_from(thousands).map_err(|_| err("too large"))?;
        Ok(Some(Amount {
            value: ThousandYen(if negative { -value } else { value }),
            unit,
            exact,
        }))
    }

    /// Split a schedule cell into its phase label and its amount in thousand yen.
    ///
    /// `実施 3,000千円` and `実施\n3,000千円` → (`実施`, 3000); `実施` → (`実施`, none);
    /// `3,000千円` → (none, 3000); `—`, `なし` → (none, none). The amount is the longest tail of
    /// the cell (from the first digit or △/▲) that parses; what comes before it is the label,
    /// unless it is a none-mark. A cell that holds no amount is all label. Bare numbers are
    /// thousand yen.
    pub fn phase_and_amount(&self, s: &str) -> (Option<String>, Option<i64>) {
        let t = text(s).replace('\n', " ");
        let t = t.trim();
        if self.is_none(t) {
            return (None, None);
        }
        let starts = t.char_indices().filter(|&(i, c)| {
            c.is_ascii_digit()
                && !t[..i].ends_with(|p: char| p.is_ascii_digit() || p == ',' || p == '.')
                || matches!(c, '△' | '▲')
        });
        for (i, _) in starts {
            if let Ok(Some(a)) = self.amount_in(&t[i..], Unit::THOUSAND_YEN) {
                let label = t[..i].trim();
                let label = (!self.is_none(label)).then(|| label.to_string());
                return (label, Some(a.value.0));
            }
        }
        // No amount: a label, possibly followed by a none-mark ("実施 —").
        let mut tokens: Vec<&str> = t.split(' ').collect();
        while tokens.last().is_some_and(|tok| self.is_none(tok)) {
            tokens.pop();
        }
        let label = tokens.join(" ");
        (if label.is_empty() { None } else { Some(label) }, None)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const YEN: Unit = Unit { yen: 1 };
    const MILLION_YEN: Unit = Unit { yen: 1_000_000 };

    /// The forms of the vocabulary data, written out (normalize does not read records' data).
    fn forms() -> MoneyForms {
        let units = [
            ("円", 1),
            ("千円", 1_000),
            ("万円", 10_000),
            ("百万円", 1_000_000),
            ("億円", 100_000_000),
        ];
        MoneyForms::new(
            units
                .iter()
                .map(|&(s, yen)| (s.to_string(), Unit { yen }))
                .collect(),
            "—－-―‐–‒−─━ー".chars().collect(),
            vec!["なし".into(), "該当なし".into()],
        )
    }

    fn amount(s: &str) -> Result<Option<Amount>, AmountError> {
        forms().amount_in(s, Unit::THOUSAND_YEN)
    }

    fn phase_and_amount(s: &str) -> (Option<String>, Option<i64>) {
        forms().phase_and_amount(s)
    }

    fn k(s: &str) -> Option<i64> {
        amount(s).expect("parses").map(|a| a.value.0)
    }

    #[test]
    fn none_words_are_read_through_spacing_and_long_cells_are_not_none() {
        let f = forms();
        assert!(f.is_none("該 当 な し"));
        assert!(f.is_none("\u{3000}なし\u{FE00}\n"));
        assert!(f.is_none("－ ―"));
        assert!(!f.is_none("なしなし"));
        assert!(!f.is_none(&"該当なし".repeat(5)));
    }

    #[test]
    fn thousand_yen_forms() {
        assert_eq!(k("15,000"), Some(15_000));
        assert_eq!(k("9,700 千円"), Some(9_700));
        assert_eq!(k("15,000千円"), Some(15_000));
        assert_eq!(k("１５,０００"), Some(15_000));
        assert_eq!(k("１５，０００千円"), Some(15_000));
        assert_eq!(k("13,628,000千円"), Some(13_628_000));
        assert_eq!(k("0千円"), Some(0));
        assert_eq!(k(" 150 "), Some(150));
    }

    #[test]
    fn other_units() {
        assert_eq!(
            amount("3,000,000円").expect("ok"),
            Some(Amount {
                value: ThousandYen(3000),
                unit: Some(YEN),
                exact: true
            })
        );
        let inexact = amount("1,500円").expect("ok").expect("some");
        assert_eq!((inexact.value, inexact.exact), (ThousandYen(2), false));
        assert_eq!(k("12百万円"), Some(12_000));
        assert_eq!(k("1.5百万円"), Some(1_500));
        assert_eq!(k("350万円"), Some(3_500));
        assert_eq!(k("2億円"), Some(200_000));
        assert_eq!(
            forms()
                .amount_in("12", MILLION_YEN)
                .expect("ok")
                .map(|a| (a.value.0, a.unit)),
            Some((12_000, None))
        );
        assert_eq!(
            forms()
                .amount_in("12,000", YEN)
                .expect("ok")
                .map(|a| a.value.0),
            Some(12)
        );
    }

    #[test]
    fn none_marks() {
        for s in [
            "",
            "  ",
            "—",
            "－",
            "-",
            "―",
            "‐",
            "— ",
            "−",
            "─",
            "ー",
            "なし",
            "該当なし",
            "該 当 な し",
        ] {
            assert_eq!(amount(s), Ok(None), "{s:?}");
        }
        assert_eq!(phase_and_amount("なし"), (None, None));
        assert_eq!(phase_and_amount("−"), (None, None));
        assert_eq!(phase_and_amount("実施 なし"), (Some("実施".into()), None));
    }

    #[test]
    fn negatives() {
        assert_eq!(k("△500"), Some(-500));
        assert_eq!(k("▲1,200千円"), Some(-1_200));
        assert_eq!(k("-300"), Some(-300));
        assert_eq!(ThousandYen(-1_200).to_string(), "-1,200千円");
        assert_eq!(ThousandYen(13_628_000).to_string(), "13,628,000千円");
    }

    #[test]
    fn errors() {
        for s in ["実施", "約15,000千円", "15,000千円程度", "千円", "1,2a0"] {
            assert!(amount(s).is_err(), "{s}");
        }
    }

    #[test]
    fn unit_labels() {
        assert_eq!(forms().unit_label("(単位:千円)"), Some(Unit::THOUSAND_YEN));
        assert_eq!(forms().unit_label("（単位：百万円）"), Some(MILLION_YEN));
        assert_eq!(forms().unit_label("単位 円"), Some(YEN));
        assert_eq!(forms().unit_label("事業費"), None);
    }

    #[test]
    fn phase_and_amount_cells() {
        assert_eq!(
            phase_and_amount("実施 3,000千円"),
            (Some("実施".into()), Some(3000))
        );
        assert_eq!(
            phase_and_amount("実施\n3,000千円"),
            (Some("実施".into()), Some(3000))
        );
        assert_eq!(
            phase_and_amount("実施 9,700 千円"),
            (Some("実施".into()), Some(9700))
        );
        assert_eq!(
            phase_and_amount("方針の決定"),
            (Some("方針の決定".into()), None)
        );
        assert_eq!(phase_and_amount("15,000千円"), (None, Some(15000)));
        assert_eq!(phase_and_amount("—"), (None, None));
        assert_eq!(phase_and_amount(""), (None, None));
        assert_eq!(phase_and_amount("実施\n—"), (Some("実施".into()), None));
        assert_eq!(
            phase_and_amount("協議 △100"),
            (Some("協議".into()), Some(-100))
        );
    }
}
