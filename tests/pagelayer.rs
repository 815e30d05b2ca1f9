//! The page layer on the `pl-*` fixtures (`scripts/fixtures/gen_pagelayer.py`): every class of
//! glyph-to-text fallback, spaces and reading order reads exactly as printed, and what cannot be
//! read or was guessed is said, with the page, in the warnings and the exit status.

use crate::util::data;
use kaitei::pipeline::{self, TableRun};
use std::process::Command;

/// The lines of every page as `kaitei text` prints them, and the warning kinds with their pages.
fn text(name: &str) -> (Vec<Vec<String>>, Vec<(String, usize)>) {
    let res = pipeline::text(&data(&format!("fixtures/{name}.pdf")), &TableRun::default())
        .unwrap_or_else(|e| panic!("{e}"));
    let pages = res
        .output
        .iter()
        .map(|(_, lines)| lines.iter().map(|l| l.text.clone()).collect())
        .collect();
    let warnings = res
        .warnings
        .iter()
        .map(|w| (w.kind.to_string(), w.page.unwrap_or(0)))
        .collect();
    (pages, warnings)
}

fn lines(v: &[&str]) -> Vec<String> {
    v.iter().map(|s| s.to_string()).collect()
}

#[test]
fn simple_fonts_with_cjk_code_pages_are_decoded_by_the_name_and_said_to_be_guessed() {
    let (pages, warnings) = text("pl-simple-codepage");
    assert_eq!(
        pages[0],
        lines(&["目录：关于红军", "明朝体の表", "Café déjà vu…"])
    );
    assert_eq!(
        warnings,
        vec![
            ("charset_guessed".to_string(), 1),
            ("charset_guessed".to_string(), 1)
        ]
    );
}

#[test]
fn embedded_japan1_cid_font_without_tounicode_reads_by_its_ordering() {
    let (pages, warnings) = text("pl-cid-japan1");
    assert_eq!(pages[0], lines(&["準会場で受験の方Test"]));
    assert!(warnings.is_empty(), "{warnings:?}");
}

#[test]
fn tounicode_that_is_only_a_name_falls_back_to_the_font_cmap() {
    let (pages, warnings) = text("pl-tounicode-name");
    assert_eq!(pages[0], lines(&["Faktura Łódź 請求書"]));
    assert!(warnings.is_empty(), "{warnings:?}");
}

#[test]
fn a_malformed_tounicode_is_read_tolerantly() {
    let (pages, warnings) = text("pl-tounicode-tolerant");
    assert_eq!(pages[0], lines(&["Hello 𠮷fi"]));
    assert!(warnings.is_empty(), "{warnings:?}");
}

#[test]
fn unicode_cmap_codes_are_the_characters() {
    let (pages, _) = text("pl-unicode-cmaps");
    assert_eq!(pages[0], lines(&["髙﨑市", "𠮷野家"]));
}

#[test]
fn type3_tex_fonts_read_by_code_layout_with_a_warning() {
    let (pages, warnings) = text("pl-type3-tex");
    assert_eq!(pages[0], lines(&["final café “ok”"]));
    assert_eq!(warnings, vec![("charset_guessed".to_string(), 1)]);
}

#[test]
fn spaces_survive_and_letter_spacing_does_not_split_words() {
    let (pages, warnings) = text("pl-spaces");
    assert_eq!(
        pages[0],
        lines(&[
            "In FY 2011, the center",
            "Double quote operator",
            "tightly justified words",
            "de-",
            "conflicted",
            "目次",
            "目\u{3000}録"
        ])
    );
    assert!(warnings.is_empty(), "{warnings:?}");
}

#[test]
fn columns_vertical_writing_and_slanted_lines_read_in_order() {
    let (pages, _) = text("pl-reading-order");
    assert_eq!(
        pages[0],
        lines(&[
            "A Title Across",
            "Left column one",
            "left column two",
            "left column three",
            "Right column one",
            "right column two",
            "right column three"
        ])
    );
    assert_eq!(
        pages[1],
        lines(&["縦書きの", "一行目と", "二行目", "label"])
    );
    assert_eq!(pages[2], lines(&["a slanted line of text", "stays whole"]));
}

#[test]
fn forms_and_invoices_read_row_by_row_and_box_by_box() {
    let (pages, warnings) = text("pl-forms");
    // The heading over the buyer's box comes first, the boxes left to right, each ruled row as one
    // line although its cells are drawn column by column; the footer, drawn first, where it is
    // printed: last.
    assert_eq!(
        pages[0],
        lines(&[
            "Invoice FV 7/2021",
            "Issue date: 2021-04-26 Sale date: 2021-04-26",
            "Due date: 2021-05-03 Payment: transfer",
            "Seller",
            "Test Ltd",
            "Kacza 11/2",
            "91-504 Lodz",
            "VAT ID: 5319419588",
            "Buyer",
            "Media Group Ltd",
            "Zwirki 16",
            "02-092 Warsaw",
            "VAT ID: 5272645593",
            "No Item Qty Net VAT Gross",
            "1 Tests 1 33,00 23% 40,59",
            "2 Documentation 2 88,00 23% 108,24",
            "3 Support 1 10,00 8% 10,80",
            "Total: 159,63 PLN",
            "Paid: 0,00 PLN",
            "Printed by the invoicing system 1.0"
        ])
    );
    // Label/value pairs drawn labels first, then values: rows, not columns.
    assert_eq!(
        pages[1],
        lines(&[
            "Application form",
            "Name: Jan Kowalski Date: 2021-04-26",
            "Street: Kacza 11/2 Phone: 42 123 45 67",
            "City: Lodz Email: jan@example.com"
        ])
    );
    assert!(warnings.is_empty(), "{warnings:?}");
}

#[test]
fn unmappable_glyphs_and_unloadable_fonts_are_warned_with_the_page() {
    let (pages, warnings) = text("pl-unreadable");
    assert_eq!(pages[0][0], "readable");
    assert!(pages[0][1].chars().all(|c| c == '\u{FFFD}'));
    assert_eq!(
        warnings,
        vec![
            ("font_not_loaded".to_string(), 1),
            ("unmapped_glyphs".to_string(), 1)
        ]
    );
    // The same warnings in `tables` (JSON) and the exit status "partly failed".
    let out = Command::new(env!("CARGO_BIN_EXE_kaitei"))
        .arg("tables")
        .arg(data("fixtures/pl-unreadable.pdf"))
        .output()
        .expect("kaitei runs");
    assert_eq!(out.status.code(), Some(1));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    let kinds: Vec<&str> = json["warnings"]
        .as_array()
        .expect("warnings")
        .iter()
        .map(|w| w["kind"].as_str().unwrap_or(""))
        .collect();
    assert_eq!(kinds, vec!["font_not_loaded", "unmapped_glyphs"]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("page 1: 8 glyphs could not be mapped"),
        "{stderr}"
    );
    // `text` too.
    let out = Command::new(env!("CARGO_BIN_EXE_kaitei"))
        .arg("text")
        .arg(data("fixtures/pl-unreadable.pdf"))
        .output()
        .expect("kaitei runs");
    assert_eq!(out.status.code(), Some(1));
}

#[test]
fn encrypted_only_for_attachments_opens_without_a_password() {
    let (pages, warnings) = text("pl-efopen");
    assert_eq!(pages[0], lines(&["Opens without a password"]));
    assert!(warnings.is_empty(), "{warnings:?}");
}
