//! `kaitei tables` on tables that are not fully ruled: generated fixtures for each layout
//! (`scripts/fixtures/gen_stream.py`), every listed table read exactly with its mode and no
//! other table (prose, captions and notes are not tables); the hints `--area` and `--columns`;
//! the peers' fourteen public stream cases (`tests/data/peers-stream/`).

use crate::tables::{json_rows, reads_case};
use crate::util::{data, norm};
use kaitei::WarningKind;
use kaitei::pipeline::{self, TableRun};
use kaitei::table::{Mode, Search, Table, TableOptions};
use serde_json::Value;

fn read(name: &str, options: TableOptions) -> (Vec<Table>, Vec<kaitei::Warning>) {
    let run = TableRun {
        options,
        ..TableRun::default()
    };
    let res = pipeline::tables(&data(&format!("fixtures/{name}.pdf")), &run)
        .unwrap_or_else(|e| panic!("{e}"));
    (res.output, res.warnings)
}

fn grid(t: &Table) -> Vec<Vec<String>> {
    t.rows()
        .iter()
        .map(|r| r.iter().map(|c| norm(c)).collect())
        .collect()
}

/// Every table of the sidecar, in order, with its mode; nothing else; a warning per table
/// whose columns were guessed, and no other warning.
fn check(name: &str) {
    let want: Value = serde_json::from_str(
        &std::fs::read_to_string(data(&format!("fixtures/{name}.expected.json"))).expect("sidecar"),
    )
    .expect("json");
    let (got, warnings) = read(name, TableOptions::default());
    let count = want["table_count"].as_u64().expect("table_count") as usize;
    let grids: Vec<Vec<Vec<String>>> = got.iter().map(grid).collect();
    assert_eq!(got.len(), count, "{name}: tables {grids:#?}");
    let modes = want["modes"].as_array().expect("modes");
    for (i, t) in want["tables"]
        .as_array()
        .expect("tables")
        .iter()
        .enumerate()
    {
        let rows = json_rows(&t["rows"]);
        crate::eqnice!(rows, grids[i], "{name}: table {i}");
        let mode = serde_json::to_value(got[i].mode).expect("mode");
        assert_eq!(mode, modes[i], "{name}: table {i}");
        assert_eq!(got[i].page, t["page"].as_u64().expect("page") as usize);
    }
    let guessed = got.iter().filter(|t| t.columns_guessed).count();
    assert_eq!(
        warnings
            .iter()
            .filter(|w| w.kind == WarningKind::StreamColumnsGuessed)
            .count(),
        guessed,
        "{name}: {warnings:?}"
    );
    assert!(
        warnings
            .iter()
            .all(|w| w.kind == WarningKind::StreamColumnsGuessed
                && w.page.is_some()
                && w.bbox.is_some()),
        "{name}: {warnings:?}"
    );
}

#[test]
fn no_rules_japanese_listing_with_title_and_note() {
    check("stream-plain");
}

#[test]
fn rules_only_around_the_header_with_a_spanning_head() {
    check("stream-booktabs");
}

#[test]
fn a_rule_between_every_row_keeps_a_wrapped_cell_whole() {
    check("stream-hrules");
}

#[test]
fn rules_between_columns_only_separate_text_set_close_to_them() {
    check("stream-vrules");
}

#[test]
fn the_labels_of_a_figure_are_not_a_table() {
    check("stream-figure");
}

#[test]
fn two_tables_side_by_side() {
    check("stream-side-by-side");
}

#[test]
fn a_table_between_paragraphs_of_two_column_prose() {
    check("stream-prose");
}

#[test]
fn lattice_mode_reads_no_unruled_table_and_stream_mode_no_ruled_one() {
    let opts = |search| TableOptions {
        search,
        ..TableOptions::default()
    };
    assert!(read("stream-plain", opts(Search::Lattice)).0.is_empty());
    let (ts, _) = read("two-tables", opts(Search::Stream));
    assert!(ts.iter().all(|t| t.mode == Mode::Stream), "{ts:#?}");
    let (ts, _) = read("two-tables", opts(Search::Auto));
    assert!(ts.iter().all(|t| t.mode == Mode::Lattice));
}

#[test]
fn columns_given_are_used_and_not_warned_about() {
    // Only the boundary between the names and the amounts: the amount and the 担当課 columns
    // stay one.
    let (ts, warnings) = read(
        "stream-plain",
        TableOptions {
            columns: Some(vec![130.0, 300.0]),
            ..TableOptions::default()
        },
    );
    assert_eq!(ts.len(), 1);
    assert!(warnings.is_empty(), "{warnings:?}");
    let g = grid(&ts[0]);
    assert_eq!(
        g[1],
        ["岡山市", "スタートアップ企業支援", "15,000産業振興課"]
    );
    assert!(!ts[0].columns_guessed);
}

#[test]
fn an_area_is_read_as_one_table() {
    // The amounts and 担当課 of the first three body rows only.
    let (ts, _) = read(
        "stream-plain",
        TableOptions {
            area: Some(kaitei::Rect::new(350.0, 690.0, 520.0, 740.0)),
            ..TableOptions::default()
        },
    );
    assert_eq!(ts.len(), 1);
    assert_eq!(
        grid(&ts[0]),
        [
            ["15,000", "産業振興課"],
            ["1,200", "観光振興課"],
            ["300", "企画課"]
        ]
    );
}

#[test]
fn confidence_is_high_for_an_aligned_table_and_counts_empty_positions() {
    let (ts, _) = read("stream-booktabs", TableOptions::default());
    let c = ts[0].confidence;
    // Every character sits in its column; 2 of the 18 positions are empty.
    assert_eq!(c.accuracy, 1.0);
    assert_eq!(c.whitespace, 0.111);
}

/// The peers' fourteen stream cases (camelot's and pdfplumber's test suites), read with no
/// hints: every expected cell, at some alignment, in the table's reading orientation.
#[test]
fn peers_stream_cases_are_read_without_hints() {
    let cases: Value = serde_json::from_str(
        &std::fs::read_to_string(data("peers-stream/cases.json")).expect("cases"),
    )
    .expect("json");
    let mut failures = Vec::new();
    for case in cases.as_array().expect("list") {
        let id = case["id"].as_str().unwrap_or("?");
        let run = TableRun {
            pages: kaitei::pipeline::PageSet::parse(&case["page"].to_string()).expect("page"),
            ..TableRun::default()
        };
        let pdf = data(&format!(
            "peers-stream/{}",
            case["pdf"].as_str().unwrap_or("")
        ));
        let got = pipeline::tables(&pdf, &run).unwrap_or_else(|e| panic!("{id}: {e}"));
        if !reads_case(&got.output, case) {
            failures.push(id.to_string());
        }
    }
    assert!(failures.is_empty(), "cases not read: {failures:?}");
}
