//! Normalization: printed strings → normalized text, amounts, marks and fiscal years.
//!
//! Every rule of the corpus README ("Normalization rules") and of issue 4 point 3 lives here,
//! one sub-module each, pure and without I/O:
//!
//! | module | input → output |
//! |---|---|
//! | [`radicals`] | a glyph's text → the ordinary ideograph for Kangxi / CJK Supplement radicals |
//! | [`text`](mod@text) | a printed string → NFKC text with radicals repaired, wave dashes as `~`, spaces kept; keys without white space; cell lines joined |
//! | [`amount`](mod@amount) | a money cell → thousand yen (`None` for `—` or empty; △ negative); phase + amount cells |
//! | [`marks`] | a matrix cell → whether it is a participation mark |
//! | [`era`] | `R4` / `令和4年度` / `2022年度` → [`FiscalYear`]; edition lines → [`EditionDate`] |
//!
//! Table and record stages call these; nothing here knows about tables or pages. The types
//! that are part of the records model ([`FiscalYear`], [`EditionDate`], [`ThousandYen`]) are
//! public through [`crate::records`].

pub mod amount;
pub mod era;
pub mod marks;
pub mod radicals;
pub mod text;

pub use amount::{MoneyForms, ThousandYen, Unit, group_digits};
pub use era::{EditionDate, FiscalYear};
pub use marks::is_mark;
pub use radicals::repair_radicals;
pub use text::{
    JoinMode, is_variation_selector, join_lines, key, squash, strip_bom, text, unspaced,
};

#[cfg(test)]
mod tests {
    use super::*;

    /// The rules working together, as the record stage uses them.
    #[test]
    fn printed_strings_to_values() {
        assert_eq!(text("瀬⼾内市（令和４～８年度）"), "瀬戸内市(令和4~8年度)");
        let money = MoneyForms::new(
            vec![("千円".into(), Unit::THOUSAND_YEN)],
            vec!['—'],
            Vec::new(),
        );
        assert_eq!(
            money
                .amount_in("9,700 千円", Unit::THOUSAND_YEN)
                .expect("amount")
                .map(|a| a.value.0),
            Some(9700)
        );
        assert_eq!(
            money.amount_in("—", Unit::THOUSAND_YEN).expect("none"),
            None
        );
        assert_eq!(FiscalYear::parse("令和元年度"), Some(FiscalYear(2019)));
        assert_eq!(
            join_lines(&["1,800人", "(令和2年度)"], JoinMode::Kpi),
            "1,800人 (令和2年度)"
        );
    }
}
