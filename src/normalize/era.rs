//! Japanese eras → fiscal years and edition dates.
//!
//! A fiscal year (年度) runs April–March and is named by the Gregorian year it starts in:
//! 令和4年度 = `R4` = FY2022 (April 2022 – March 2023). Eras: 令和 (R) year n = 2018 + n,
//! 平成 (H) = 1988 + n, 昭和 (S) = 1925 + n, 大正 (T) = 1911 + n; 元年 is year 1, so
//! 平成31年度 and 令和元年度 are both FY2019 (the era changed on 2019-05-01, inside the fiscal
//! year, which keeps the name it started with in documents of the time).

use std::fmt;
use std::str::FromStr;

/// The eras, newest first.
const ERAS: [(&str, char, i32); 4] = [
    ("令和", 'R', 2018),
    ("平成", 'H', 1988),
    ("昭和", 'S', 1925),
    ("大正", 'T', 1911),
];

/// A fiscal year, as the Gregorian year in which it starts (April).
///
/// Serialized as its era label (`"R4"`, the `fy` of the truth format); deserialized from any
/// form [`FiscalYear::parse`] reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct FiscalYear(pub i32);

serde_via_str!(
    FiscalYear,
    FiscalYear::parse,
    "a fiscal year",
    schema: "A fiscal year as its era label (R4 = 令和4年度 = April 2022 – March 2023); reading also accepts 令和4年度, 2022年度, FY2022."
);

/// A fiscal year string that could not be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("not a fiscal year: {0:?}")]
pub struct FiscalYearError(pub String);

impl FiscalYear {
    /// Read `R4`, `Ｒ４`, `R元`, `令和4年度`, `令和元年度`, `平成31年度`, `H30`, `昭和63年度`,
    /// `2022年度`, `FY2022`, `2022`, and the same without `年度`/`度`.
    pub fn parse(s: &str) -> Option<FiscalYear> {
        let t = super::text::key(s);
        // A schedule header may print both calendars, `R6年度(2024年度)` or `令和6年度\n(2024)`:
        // the year is read when the two halves agree.
        if let Some((head, inner)) = t.strip_suffix(')').and_then(|u| u.split_once('('))
            && !head.is_empty()
        {
            let (a, b) = (FiscalYear::parse(head)?, FiscalYear::parse(inner)?);
            return (a == b).then_some(a);
        }
        let t = t
            .strip_suffix("年度")
            .or_else(|| t.strip_suffix('年'))
            .or_else(|| t.strip_suffix("度"))
            .unwrap_or(&t);
        if let Some(g) = t.strip_prefix("FY").or_else(|| t.strip_prefix("fy")) {
            return gregorian(g);
        }
        if let Some(y) = gregorian(t) {
            return Some(y);
        }
        let (base, n) = era_year(t)?;
        Some(FiscalYear(base + n))
    }

    /// The era label used by the records: `R4`, `R1` for FY2019, `H30` for FY2018, `S63`.
    pub fn label_reiwa(self) -> String {
        let (_, letter, n) = self.era();
        format!("{letter}{n}")
    }

    /// The long label: `令和4年度`, `令和元年度`, `平成30年度`.
    pub fn label_japanese(self) -> String {
        let (name, _, n) = self.era();
        if n == 1 {
            format!("{name}元年度")
        } else {
            format!("{name}{n}年度")
        }
    }

    /// (era name, letter, year in era). FY2019 is 令和元年度 (the name later documents use).
    fn era(self) -> (&'static str, char, i32) {
        for (name, letter, base) in ERAS {
            if self.0 > base {
                return (name, letter, self.0 - base);
            }
        }
        let (name, letter, base) = ERAS[ERAS.len() - 1];
        (name, letter, self.0 - base)
    }
}

impl fmt::Display for FiscalYear {
    /// `R4`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.label_reiwa())
    }
}

impl FromStr for FiscalYear {
    type Err = FiscalYearError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        FiscalYear::parse(s).ok_or_else(|| FiscalYearError(s.to_string()))
    }
}

/// A four-digit Gregorian year 1868–2200.
fn gregorian(s: &str) -> Option<FiscalYear> {
    if s.len() != 4 || !s.chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    let y: i32 = s.parse().ok()?;
    (1868..=2200).contains(&y).then_some(FiscalYear(y))
}

/// `令和4` / `R4` / `令和元` / `R元` → (era base, n).
fn era_year(s: &str) -> Option<(i32, i32)> {
    let (base, rest) = ERAS.iter().find_map(|&(name, letter, base)| {
        s.strip_prefix(name)
            .or_else(|| s.strip_prefix(letter))
            .or_else(|| s.strip_prefix(letter.to_ascii_lowercase()))
            .map(|rest| (base, rest))
    })?;
    let n = if rest == "元" {
        1
    } else if !rest.is_empty() && rest.len() <= 2 && rest.chars().all(|c| c.is_ascii_digit()) {
        rest.parse().ok()?
    } else {
        return None;
    };
    (n >= 1).then_some((base, n))
}

/// The month an edition was published, for ordering versions: `令和5年(2023年)3月` →
/// 2023-03. Ordered by year, then month.
///
/// Serialized as `"YYYY-MM"` (the `edition_date` of `kaitei.records/1`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct EditionDate {
    /// Gregorian year.
    pub year: i32,
    /// Month, 1–12.
    pub month: u8,
}

impl EditionDate {
    /// The date of an edition line (`令和5年(2023年)3月`, `令和5年3月`, `2023年3月`,
    /// `令和元年5月`, also inside a longer line such as `改訂版 令和5年3月`). The Gregorian
    /// year in parentheses wins when both are printed.
    pub fn parse(s: &str) -> Option<EditionDate> {
        let t = super::text::key(s);
        if let Some(d) = EditionDate::parse_iso(&t) {
            return Some(d);
        }
        let (before_month, _) = t.split_once('月')?;
        let month_start = before_month
            .rfind(|c: char| !c.is_ascii_digit())
            .map_or(0, |i| {
                i + before_month[i..].chars().next().map_or(1, char::len_utf8)
            });
        let month: u8 = before_month[month_start..].parse().ok()?;
        if !(1..=12).contains(&month) {
            return None;
        }
        let head = &before_month[..month_start];
        // Gregorian year in parentheses, or as the whole head: "(2023年)" / "2023年".
        let gregorian_year = head.match_indices('年').find_map(|(i, _)| {
            let digits: String = head[..i]
                .chars()
                .rev()
                .take_while(|c| c.is_ascii_digit())
                .collect::<Vec<_>>()
                .into_iter()
                .rev()
                .collect();
            (digits.len() == 4)
                .then(|| digits.parse::<i32>().ok())
                .flatten()
        });
        if let Some(year) = gregorian_year {
            return Some(EditionDate { year, month });
        }
        let era_part = head.split('年').next()?;
        let start = ERAS.iter().find_map(|&(name, _, _)| era_part.find(name))?;
        let (base, n) = era_year(&era_part[start..])?;
        Some(EditionDate {
            year: base + n,
            month,
        })
    }

    /// `2023-03`.
    fn parse_iso(s: &str) -> Option<EditionDate> {
        let (y, m) = s.split_once('-')?;
        if y.len() != 4 || m.len() != 2 || !(y.bytes().chain(m.bytes())).all(|b| b.is_ascii_digit())
        {
            return None;
        }
        let month: u8 = m.parse().ok()?;
        (1..=12).contains(&month).then_some(EditionDate {
            year: y.parse().ok()?,
            month,
        })
    }
}

impl fmt::Display for EditionDate {
    /// `2023-03`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}", self.year, self.month)
    }
}

serde_via_str!(
    EditionDate,
    EditionDate::parse,
    "an edition date",
    schema: "Year and month of the edition, YYYY-MM.",
    pattern: "^[0-9]{4}-(0[1-9]|1[0-2])$"
);

#[cfg(test)]
mod tests {
    use super::*;

    fn fy(s: &str) -> Option<i32> {
        FiscalYear::parse(s).map(|f| f.0)
    }

    #[test]
    fn parses_eras() {
        assert_eq!(fy("R4"), Some(2022));
        assert_eq!(fy("Ｒ４"), Some(2022));
        assert_eq!(fy("r8"), Some(2026));
        assert_eq!(fy("令和4年度"), Some(2022));
        assert_eq!(fy("令和元年度"), Some(2019));
        assert_eq!(fy("R元"), Some(2019));
        assert_eq!(fy("平成31年度"), Some(2019));
        assert_eq!(fy("H30"), Some(2018));
        assert_eq!(fy("平成30年度"), Some(2018));
        assert_eq!(fy("昭和63年度"), Some(1988));
        assert_eq!(fy("2022年度"), Some(2022));
        assert_eq!(fy("FY2022"), Some(2022));
        assert_eq!(fy("令和 5 年度"), Some(2023));
        assert_eq!(fy("令和４年"), Some(2022));
        assert_eq!(fy("R6年度（2024年度）"), Some(2024));
        assert_eq!(fy("令和6年度\n(2024)"), Some(2024));
        assert_eq!(fy("R6(2023)"), None);
    }

    #[test]
    fn rejects_non_years() {
        for s in [
            "",
            "R",
            "令和",
            "実施",
            "R0",
            "令和123年度",
            "22",
            "X4",
            "R4期",
        ] {
            assert_eq!(fy(s), None, "{s}");
        }
        assert!("実施".parse::<FiscalYear>().is_err());
    }

    #[test]
    fn labels() {
        assert_eq!(FiscalYear(2022).label_reiwa(), "R4");
        assert_eq!(FiscalYear(2019).label_reiwa(), "R1");
        assert_eq!(FiscalYear(2018).label_reiwa(), "H30");
        assert_eq!(FiscalYear(1988).label_reiwa(), "S63");
        assert_eq!(FiscalYear(2019).label_japanese(), "令和元年度");
        assert_eq!(FiscalYear(2026).label_japanese(), "令和8年度");
        assert_eq!(FiscalYear(2022).to_string(), "R4");
        for y in 1950..2050 {
            assert_eq!(fy(&FiscalYear(y).label_reiwa()), Some(y));
            assert_eq!(fy(&FiscalYear(y).label_japanese()), Some(y));
        }
    }

    #[test]
    fn serde_as_label() {
        assert_eq!(
            serde_json::to_string(&FiscalYear(2022)).expect("json"),
            "\"R4\""
        );
        let back: FiscalYear = serde_json::from_str("\"令和元年度\"").expect("json");
        assert_eq!(back, FiscalYear(2019));
        assert!(serde_json::from_str::<FiscalYear>("\"実施\"").is_err());
    }

    fn edition_date(s: &str) -> Option<(i32, u8)> {
        EditionDate::parse(s).map(|d| (d.year, d.month))
    }

    #[test]
    fn edition_dates() {
        assert_eq!(edition_date("令和5年(2023年)3月"), Some((2023, 3)));
        assert_eq!(edition_date("令和５年（２０２３年）３月"), Some((2023, 3)));
        assert_eq!(edition_date("令和4年(2022年)3月"), Some((2022, 3)));
        assert_eq!(edition_date("令和5年3月"), Some((2023, 3)));
        assert_eq!(edition_date("2023年3月"), Some((2023, 3)));
        assert_eq!(edition_date("令和元年12月"), Some((2019, 12)));
        assert_eq!(edition_date("平成31年3月"), Some((2019, 3)));
        assert_eq!(edition_date("改訂版 令和5年3月"), Some((2023, 3)));
        assert_eq!(edition_date("2023-03"), Some((2023, 3)));
        assert_eq!(edition_date("令和5年13月"), None);
        assert_eq!(edition_date("2023-13"), None);
        assert_eq!(edition_date("第2期"), None);
    }

    #[test]
    fn edition_dates_order_and_serialize() {
        let a = EditionDate::parse("令和4年(2022年)3月").expect("date");
        let b = EditionDate::parse("令和5年3月").expect("date");
        let c = EditionDate::parse("令和4年12月").expect("date");
        assert!(a < c && c < b);
        assert_eq!(serde_json::to_string(&a).expect("json"), "\"2022-03\"");
        let back: EditionDate = serde_json::from_str("\"2022-03\"").expect("json");
        assert_eq!(back, a);
    }
}
