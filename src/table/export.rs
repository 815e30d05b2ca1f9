//! Tables → the `kaitei tables` output formats. JSON:
//! `{"file": "...", "tables": [{"page", "bbox", "rows", "cells": [{"row", "col", "rowspan",
//! "colspan", "text", "bbox"}]}], "warnings": [...]}` with boxes in PDF points, origin
//! bottom-left of the page as displayed. CSV: UTF-8; each table is introduced by a record
//! `page=N,table=K` and followed by one empty line.

use super::Table;
use crate::error::Warning;
use serde::Serialize;
use std::path::Path;

#[derive(Serialize)]
struct JsonCell<'a> {
    row: usize,
    col: usize,
    rowspan: usize,
    colspan: usize,
    text: &'a str,
    bbox: [f64; 4],
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    vertical: bool,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    drawn_mark: bool,
}

#[derive(Serialize)]
struct JsonTable<'a> {
    page: usize,
    bbox: [f64; 4],
    rows: Vec<Vec<String>>,
    cells: Vec<JsonCell<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    turned: Option<u16>,
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    inferred_sides: &'a [&'static str],
}

#[derive(Serialize)]
struct JsonOut<'a> {
    file: String,
    tables: Vec<JsonTable<'a>>,
    warnings: &'a [Warning],
}

/// The JSON document for a file's tables.
pub fn json(file: &Path, tables: &[Table], warnings: &[Warning]) -> Vec<u8> {
    let out = JsonOut {
        file: file.display().to_string(),
        tables: tables
            .iter()
            .map(|t| JsonTable {
                page: t.page,
                bbox: t.bbox.to_array(),
                rows: t.rows(),
                cells: t
                    .cells
                    .iter()
                    .map(|c| JsonCell {
                        row: c.row,
                        col: c.col,
                        rowspan: c.rowspan,
                        colspan: c.colspan,
                        text: &c.text,
                        bbox: c.bbox.to_array(),
                        vertical: c.vertical,
                        drawn_mark: c.drawn_mark,
                    })
                    .collect(),
                turned: t.turned,
                inferred_sides: &t.inferred_sides,
            })
            .collect(),
        warnings,
    };
    let mut v = serde_json::to_vec_pretty(&out).unwrap_or_default();
    v.push(b'\n');
    v
}

/// Quotes a CSV field when needed (RFC 4180).
pub fn csv_field(s: &str) -> String {
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}

/// The CSV text for a file's tables.
pub fn csv(tables: &[Table]) -> Vec<u8> {
    let mut s = String::new();
    for (k, t) in tables.iter().enumerate() {
        s.push_str(&format!("page={},table={}\r\n", t.page, k + 1));
        for row in t.rows() {
            let fields: Vec<String> = row.iter().map(|c| csv_field(c)).collect();
            s.push_str(&fields.join(","));
            s.push_str("\r\n");
        }
        s.push_str("\r\n");
    }
    s.into_bytes()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_quotes_only_when_needed() {
        assert_eq!(csv_field("abc"), "abc");
        assert_eq!(csv_field("a,b"), "\"a,b\"");
        assert_eq!(csv_field("say \"hi\"\n"), "\"say \"\"hi\"\"\n\"");
    }
}
