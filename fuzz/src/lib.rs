//! The pipeline driven by the fuzz targets, by kaitei's public entry: bytes →
//! `Document::from_bytes` → `Document::read` (every page and its tables) → `Reading::plan` →
//! `diff::compare` (the plan against itself and an empty plan). Errors are fine; a panic or a
//! hang is the finding.

use kaitei::Document;
use kaitei::diff::{DiffOptions, compare};

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
    let doc = match Document::from_bytes(data.to_vec(), "fuzz.pdf", None) {
        Ok(d) => d,
        Err(e) => {
            out.error = Some(e.to_string());
            return out;
        }
    };
    let res = match doc.read() {
        Ok(r) => r,
        Err(e) => {
            out.error = Some(e.to_string());
            return out;
        }
    };
    out.pages = res.output.pages.len();
    out.warnings = res.warnings.len();
    out.tables = res.output.tables.iter().map(Vec::len).sum();
    if let Ok(plan) = res.output.plan() {
        out.records = true;
        let _ = compare(&plan, &plan, &DiffOptions::default());
        let mut empty = plan.clone();
        empty.projects.clear();
        let _ = compare(&empty, &plan, &DiffOptions::default());
        let _ = compare(&plan, &empty, &DiffOptions::default());
    }
    out
}
