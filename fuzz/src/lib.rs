//! The pipeline driven by the fuzz targets: bytes → `Document::from_bytes` → every page →
//! `find_tables` → `records::extract` → `diff::compare` (the plan against itself and an empty
//! plan). Errors are fine; a panic or a hang is the finding.

use kaitei::diff::{DiffOptions, compare};
use kaitei::pdf::Document;
use kaitei::pipeline::{PageSet, pages};
use kaitei::table::{Table, TableOptions, find_tables};
use std::path::Path;

/// What one input gave: pages read, tables found, whether records came out.
#[derive(Debug, Default)]
pub struct Outcome {
    /// The fatal error, if any.
    pub error: Option<String>,
    /// Pages interpreted.
    pub pages: usize,
    /// Tables found.
    pub tables: usize,
    /// Page warnings.
    pub warnings: usize,
    /// A plan was extracted.
    pub records: bool,
}

/// Runs the whole pipeline on `data`.
pub fn run(data: &[u8]) -> Outcome {
    let mut out = Outcome::default();
    let doc = match Document::from_bytes(Path::new("fuzz.pdf"), data.to_vec(), None) {
        Ok(d) => d,
        Err(e) => {
            out.error = Some(e.to_string());
            return out;
        }
    };
    let res = match pages(&doc, &PageSet::all()) {
        Ok(r) => r,
        Err(e) => {
            out.error = Some(e.to_string());
            return out;
        }
    };
    out.pages = res.output.len();
    out.warnings = res.warnings.len();
    let tables: Vec<Vec<Table>> = res
        .output
        .iter()
        .map(|p| find_tables(p, &TableOptions::default()))
        .collect();
    out.tables = tables.iter().map(Vec::len).sum();
    if let Ok(plan) = kaitei::records::extract("fuzz", &res.output, &tables) {
        out.records = true;
        let _ = compare(&plan, &plan, &DiffOptions::default());
        let mut empty = plan.clone();
        empty.projects.clear();
        let _ = compare(&empty, &plan, &DiffOptions::default());
        let _ = compare(&plan, &empty, &DiffOptions::default());
    }
    out
}
