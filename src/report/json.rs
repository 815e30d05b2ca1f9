//! Change logs, plans and histories → pretty-printed JSON (UTF-8, trailing newline).
//!
//! Field order is the declaration order of the types and every map is ordered, so the bytes
//! are the same on every run.

use crate::diff::{ChangeLog, History, Series};
use crate::records::Plan;
use serde::Serialize;
use std::io::{self, Write};

fn write_value(w: &mut impl Write, v: &impl Serialize) -> io::Result<()> {
    serde_json::to_writer_pretty(&mut *w, v).map_err(io::Error::other)?;
    w.write_all(b"\n")
}

/// A change log as `kaitei.changes/1`.
pub fn write_changes(w: &mut impl Write, log: &ChangeLog) -> io::Result<()> {
    write_value(w, log)
}

/// A plan as `kaitei.records/1`.
pub fn write_records(w: &mut impl Write, plan: &Plan) -> io::Result<()> {
    write_value(w, plan)
}

/// A multi-version history (the `history` of a series).
pub fn write_history(w: &mut impl Write, history: &History) -> io::Result<()> {
    write_value(w, history)
}

/// A series as `kaitei.series/1`: `{"schema", "logs", "history"}`.
///
/// ```
/// use kaitei::diff::{DiffOptions, compare_series};
/// use kaitei::records::Plan;
/// let series = compare_series(vec![Plan::empty("a"), Plan::empty("b")], &DiffOptions::default());
/// let mut out = Vec::new();
/// kaitei::report::json::write_series(&mut out, &series).unwrap();
/// let text = String::from_utf8(out).unwrap();
/// assert!(text.starts_with("{\n  \"schema\": \"kaitei.series/1\",\n  \"logs\": ["));
/// ```
pub fn write_series(w: &mut impl Write, series: &Series) -> io::Result<()> {
    write_value(w, series)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diff::{Change, ChangeDetail, DocRef, Evidence};

    #[test]
    fn changes_json_has_schema_and_flat_events() {
        let d = DocRef {
            version: "a".into(),
            title: "t".into(),
            edition: "e".into(),
            excerpt: false,
        };
        let log = ChangeLog {
            schema: crate::diff::CHANGES_SCHEMA.into(),
            base: d.clone(),
            revised: DocRef {
                version: "b".into(),
                ..d
            },
            changes: vec![Change {
                project: "P".into(),
                detail: ChangeDetail::PartnerAdded {
                    partner: "和気町".into(),
                    code: crate::gazetteer::Code::parse("336637"),
                },
                evidence: Evidence::default(),
            }],
            warnings: vec![],
        };
        let mut out = Vec::new();
        write_changes(&mut out, &log).expect("writes");
        let text = String::from_utf8(out).expect("utf-8");
        assert!(text.starts_with("{\n  \"schema\": \"kaitei.changes/1\",\n  \"base\": {"));
        assert!(text.contains("\"kind\": \"partner_added\""));
        assert!(text.ends_with("}\n"));
        let v: serde_json::Value = serde_json::from_str(&text).expect("valid JSON");
        assert_eq!(v["changes"][0]["partner"], "和気町");
    }
}
