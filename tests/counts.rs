//! No spurious tables in a vision: exactly its matrix pages, printed cards (and card
//! continuations) and 【参考】 projects. (Fixtures with a sidecar are held to exactly its tables,
//! page by page, in `tables.rs` and, the stream ones, `stream.rs`; what the tables of a vision
//! say is checked in `records.rs`.)

use crate::util::{data, input};
use kaitei::{Document, PageSet};
use serde_json::Value;
use std::path::Path;

fn table_count(pdf: &Path) -> usize {
    let doc = Document::open(pdf, None).unwrap_or_else(|e| panic!("{e}"));
    doc.tables(&PageSet::all(), false, &Default::default())
        .expect("reads")
        .output
        .len()
}

/// Matrix pages and card continuations are facts of each document's layout; cards and 【参考】
/// projects come from its truth.
#[test]
fn visions_have_exactly_their_tables() {
    let fixtures = |n: &str| data(&format!("fixtures/{n}"));
    for (pdf, truth, matrix_pages, continuations) in [
        (
            input("okayama-2022-full.lo.pdf"),
            data("okayama-2022-full.json"),
            3,
            0,
        ),
        (
            input("okayama-2023-full.lo.pdf"),
            data("okayama-2023-full.json"),
            3,
            0,
        ),
        (
            input("okayama-2023-draft.lo.pdf"),
            data("okayama-2023-draft.json"),
            3,
            0,
        ),
        (
            fixtures("vision-bihoku.pdf"),
            fixtures("vision-bihoku.truth.json"),
            1,
            1,
        ),
        (
            fixtures("vision-chromium.pdf"),
            fixtures("vision-chromium.truth.json"),
            1,
            0,
        ),
        (
            fixtures("vision-chromium-draft.pdf"),
            fixtures("vision-chromium-draft.truth.json"),
            1,
            0,
        ),
        (
            fixtures("vision-reportlab-cid.pdf"),
            fixtures("vision-reportlab-cid.truth.json"),
            1,
            0,
        ),
    ] {
        let t: Value =
            serde_json::from_str(&std::fs::read_to_string(&truth).expect("truth")).expect("json");
        let cards = t["projects"]
            .as_array()
            .expect("projects")
            .iter()
            .filter(|p| !p["card"].is_null())
            .count();
        let references = t["reference_projects"].as_array().map_or(0, Vec::len);
        let got = table_count(&pdf);
        assert_eq!(
            got,
            matrix_pages + cards + continuations + references,
            "{}: tables",
            pdf.display()
        );
    }
}
