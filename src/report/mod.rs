//! Change logs, plans and histories → JSON, Markdown, HTML and CSV.
//!
//! Every writer takes `&mut impl std::io::Write` and writes deterministic bytes (no hash-map
//! order, no timestamps), so a rerun produces identical files. Options are the plain
//! [`ReportOptions`] struct; the binary maps its flags onto it.
//!
//! | writer | input → output |
//! |---|---|
//! | [`json`] | change log / plan / series → pretty JSON (`kaitei.changes/1`, `kaitei.records/1`, `kaitei.series/1`) |
//! | [`markdown`] | change log (or a series' logs) → 変更箇所 summary in Japanese, grouped by kind |
//! | [`html`] | a series (versions, change logs, history) → one self-contained report |
//! | [`csv`] | change logs → events CSV; plan → budgets and participation CSVs (UTF-8 with BOM) |
//! | [`xlsx`] | a series (or one plan) → an Excel workbook: 変更一覧, 新旧対照表, 事業費, 連携市町, 警告 |
//!
//! Writers render what [`crate::diff`] computed (events, spans, partner joins); none compares
//! versions itself.

pub mod csv;
mod event;
pub mod html;
pub mod json;
pub mod markdown;
mod spans;
pub mod tables;
mod taisho;
pub mod xlsx;

pub use taisho::kind_ja;

use crate::diff::Series;

/// The partners of all versions of a series, in header order of the latest version first: the
/// columns of a participation matrix.
pub(crate) fn partner_columns(series: &Series) -> Vec<&str> {
    let mut cols: Vec<&str> = Vec::new();
    for p in series.plans.iter().rev() {
        for n in p.partner_names() {
            if !cols.contains(&n) {
                cols.push(n);
            }
        }
    }
    cols
}

/// Which column of the 新旧対照表 holds the new (revised) text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum NewSide {
    /// 新 on the left, 旧 on the right (the usual 新旧対照表 layout).
    #[default]
    Left,
    /// 旧 on the left, 新 on the right.
    Right,
}

/// How changed text is shown in the 新旧対照表.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum MarkStyle {
    /// Changed spans underlined only.
    #[default]
    Underline,
    /// Underlined, and a wholly new or wholly removed line is shown as (新設) / (削る) on the
    /// side where it does not exist.
    Markers,
}

/// Options of the reports.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ReportOptions {
    /// Column of the new text in the HTML 新旧対照表.
    pub new_side: NewSide,
    /// How changes are marked in the HTML 新旧対照表.
    pub marks: MarkStyle,
}
