//! Tables → the `kaitei tables` output formats.
//!
//! JSON: `{"file", "tables": [{"page", "bbox", "mode", "confidence": {"accuracy",
//! "whitespace"}, "rows", "cells": [{"row", "col", "rowspan", "colspan", "text", "bbox"}]}],
//! "warnings"}`, boxes in PDF points with the origin bottom-left of the page as displayed.
//!
//! CSV (UTF-8, RFC 4180 quoting by the `csv` crate, CRLF): each table is introduced by a
//! record `page=N,table=K` and followed by one empty line; a merged cell's text stands once,
//! at its top-left position.

use crate::error::Warning;
use crate::table::{Confidence, Mode, Table};
use serde::Serialize;
use std::io::{self, Write};
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
    mode: Mode,
    confidence: Confidence,
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
                mode: t.mode,
                confidence: t.confidence,
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

/// The record that introduces a table in the CSV.
#[derive(Serialize)]
struct Marker {
    page: String,
    table: String,
}

/// Writes the tables as CSV.
pub fn write_csv(w: &mut impl Write, tables: &[Table]) -> io::Result<()> {
    for (k, t) in tables.iter().enumerate() {
        let mut out = csv::WriterBuilder::new()
            .has_headers(false)
            .flexible(true)
            .terminator(csv::Terminator::CRLF)
            .from_writer(&mut *w);
        out.serialize(Marker {
            page: format!("page={}", t.page),
            table: format!("table={}", k + 1),
        })?;
        for row in t.rows() {
            out.serialize(&row)?;
        }
        out.flush()?;
        drop(out);
        w.write_all(b"\r\n")?;
    }
    Ok(())
}

/// The CSV bytes of a file's tables.
pub fn csv(tables: &[Table]) -> Vec<u8> {
    let mut v = Vec::new();
    // Writing to a Vec cannot fail.
    let _ = write_csv(&mut v, tables);
    v
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::geom::Rect;
    use crate::table::Cell;

    fn cell(row: usize, col: usize, text: &str) -> Cell {
        Cell {
            row,
            col,
            rowspan: 1,
            colspan: 1,
            text: text.into(),
            ..Cell::default()
        }
    }

    #[test]
    fn csv_quotes_only_when_needed_and_separates_tables() {
        let t = Table {
            page: 3,
            bbox: Rect::default(),
            nrows: 2,
            ncols: 2,
            cells: vec![
                cell(0, 0, "abc"),
                cell(0, 1, "a,b"),
                cell(1, 0, "say \"hi\"\n"),
                cell(1, 1, ""),
            ],
            turned: None,
            inferred_sides: Vec::new(),
            mode: Mode::Stream,
            confidence: Confidence::default(),
            columns_guessed: true,
        };
        let got = String::from_utf8(csv(&[t.clone(), t])).unwrap();
        let one = "abc,\"a,b\"\r\n\"say \"\"hi\"\"\n\",\r\n\r\n";
        assert_eq!(
            got,
            format!("page=3,table=1\r\n{one}page=3,table=2\r\n{one}")
        );
    }
}
