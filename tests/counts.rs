//! No spurious tables: every fixture gives exactly the tables its sidecar lists, page by page,
//! and every vision exactly its matrix pages, printed cards (and card continuations) and
//! 【参考】 projects. (The content of each table is checked in `tables.rs` and `records.rs`.)

use crate::util::{data, input};
use kaitei::{Document, PageSet};
use serde_json::Value;
use std::collections::BTreeMap;
use std::path::Path;

fn tables_per_page(pdf: &Path) -> BTreeMap<usize, usize> {
    let doc = Document::open(pdf, None).unwrap_or_else(|e| panic!("{e}"));
    let mut per = BTreeMap::new();
    for t in doc
        .tables(&PageSet::all(), false, &Default::default())
        .expect("reads")
        .output
    {
        *per.entry(t.page).or_default() += 1;
    }
    per
}

#[test]
fn fixtures_have_exactly_the_tables_of_their_sidecars() {
    let mut checked = 0;
    for e in std::fs::read_dir(data("fixtures")).expect("fixtures") {
        let path = e.expect("entry").path();
        let Some(name) = path
            .file_name()
            .and_then(|n| n.to_str())
            .and_then(|n| n.strip_suffix(".expected.json"))
        else {
            continue;
        };
        let sidecar: Value =
            serde_json::from_str(&std::fs::read_to_string(&path).expect("sidecar")).expect("json");
        let mut want: BTreeMap<usize, usize> = BTreeMap::new();
        for t in sidecar["tables"].as_array().expect("tables") {
            *want
                .entry(t["page"].as_u64().expect("page") as usize)
                .or_default() += 1;
        }
        let got = tables_per_page(&data(&format!("fixtures/{name}.pdf")));
        assert_eq!(got, want, "{name}: tables per page");
        checked += 1;
    }
    assert!(checked >= 12, "{checked} fixtures");
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
        let got: usize = tables_per_page(&pdf).values().sum();
        assert_eq!(
            got,
            matrix_pages + cards + continuations + references,
            "{}: tables",
            pdf.display()
        );
    }
}
