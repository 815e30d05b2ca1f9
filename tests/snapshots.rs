//! Snapshots (insta) of the reports of the corpus truth records as a series (2022 edition,
//! 2023 draft, 2023 edition): the Markdown summary, the HTML report and the CSVs. A change to
//! any writer shows as a reviewed diff of these files (`cargo insta review`, or
//! `INSTA_UPDATE=always cargo test --release snapshots` and read `git diff tests/snapshots`).

use crate::diff::load_plan;
use kaitei::diff::{DiffOptions, Series, compare_series};
use kaitei::report::{ReportOptions, csv, html, markdown};

fn series() -> Series {
    compare_series(
        vec![
            load_plan("okayama-2022-full.json"),
            load_plan("okayama-2023-draft.json"),
            load_plan("okayama-2023-full.json"),
        ],
        &DiffOptions::default(),
    )
}

fn text(f: impl FnOnce(&mut Vec<u8>) -> std::io::Result<()>) -> String {
    let mut out = Vec::new();
    f(&mut out).expect("writes");
    String::from_utf8(out).expect("utf-8")
}

#[test]
fn markdown_summary() {
    let s = series();
    insta::assert_snapshot!("summary.md", text(|w| markdown::write_series(w, &s)));
}

#[test]
fn html_report() {
    let s = series();
    insta::assert_snapshot!(
        "report.html",
        text(|w| html::write(w, &s, &ReportOptions::default()))
    );
}

#[test]
fn events_csv() {
    let s = series();
    insta::assert_snapshot!("changes.csv", text(|w| csv::write_changes(w, &s.logs)));
}

#[test]
fn records_csv_of_the_draft() {
    let s = series();
    let draft = &s.plans[1];
    assert_eq!(draft.version, "okayama-2023-draft");
    insta::assert_snapshot!("draft.csv", text(|w| csv::write_plan(w, draft)));
}
