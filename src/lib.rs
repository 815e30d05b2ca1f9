//! # kaitei (改訂)
//!
//! Japanese municipal plan PDFs (連携中枢都市圏ビジョン and the like) and their yearly revision
//! drafts, turned into structured records and a semantic change log.
//!
//! ```no_run
//! use kaitei::diff::{DiffOptions, compare_series};
//! # fn main() -> Result<(), Box<dyn std::error::Error>> {
//! // A PDF → its ruled tables, and (for a vision) its records.
//! let doc = kaitei::Document::open("okayama-2023-draft.pdf", None)?;
//! let tables = doc.tables(&kaitei::PageSet::all(), false, &Default::default())?.output;
//! let plan = doc.extract()?.output;
//!
//! // Versions (PDFs or records JSON) → change logs and history, then the reports.
//! let older = kaitei::load("okayama-2022-full.json".as_ref(), None)?.output;
//! let series = compare_series(vec![older, plan], &DiffOptions::default());
//! let mut md = Vec::new();
//! kaitei::report::markdown::write_series(&mut md, &series)?;
//! # let _ = tables;
//! # Ok(())
//! # }
//! ```
//!
//! ## The public surface
//!
//! | item | what |
//! |---|---|
//! | [`Document`] | a PDF opened from a path or bytes: [`Document::tables`], [`Document::text`], [`Document::pages`], [`Document::extract`] |
//! | [`load`], [`extract`], [`tables`] | the same for a file path (`load` also reads records JSON) |
//! | [`table`] | the table model: [`table::Table`], [`table::Cell`] |
//! | [`page`] | the page model: glyphs, rulings, shapes, text lines |
//! | [`records`] | the records model: [`records::Plan`] and its parts, fiscal years, amounts |
//! | [`diff`] | [`diff::compare`], [`diff::compare_series`], the change-log model |
//! | [`report`] | writers: JSON, Markdown, HTML, CSV |
//! | [`gazetteer`] | municipality names → 全国地方公共団体コード |
//! | [`run`] | the yearly run over a folder |
//! | [`Error`], [`Warning`], [`WarningKind`] | fatal errors at the door; located, typed warnings after it |
//!
//! ## The stages, in order (internal)
//!
//! | stage | input → output |
//! |---|---|
//! | `pdf` | PDF bytes → per page: glyphs with Unicode text and boxes, ruling segments, shapes |
//! | `table` | a page's content → tables, ruled or not (cells with spans, text in reading order) |
//! | `layout` | a page's content and tables → its text as lines in reading order (`kaitei text`) |
//! | `normalize` | printed strings → normalized text, amounts, fiscal years |
//! | [`gazetteer`] | municipality names → 全国地方公共団体コード |
//! | [`records`] | tables and page text → a typed [`records::Plan`], with validation warnings |
//! | [`diff`] | two or more plans → a semantic [`diff::ChangeLog`] / [`diff::Series`] |
//! | [`report`] | change logs → Markdown, HTML, CSV, JSON |
//!
//! [`pipeline`] composes them for a file, [`run`] for a folder of versions; the `kaitei` binary
//! only parses arguments and calls them.
#![deny(missing_docs)]

/// Serde for a type that travels as a string: serialized as its `Display`, read back through
/// `$parse` (`fn(&str) -> Option<Self>`); an unreadable string is an error naming `$what`. With
/// a description (and a pattern), also its JSON Schema: a string.
macro_rules! serde_via_str {
    ($t:ty, $parse:expr, $what:literal) => {
        impl serde::Serialize for $t {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.collect_str(self)
            }
        }

        impl<'de> serde::Deserialize<'de> for $t {
            fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                let s = <std::borrow::Cow<'de, str>>::deserialize(d)?;
                ($parse)(&s).ok_or_else(|| {
                    serde::de::Error::custom(format!(concat!("not ", $what, ": {:?}"), s))
                })
            }
        }
    };
    ($t:ty, $parse:expr, $what:literal, schema: $desc:literal $(, pattern: $pat:literal)?) => {
        serde_via_str!($t, $parse, $what);

        impl schemars::JsonSchema for $t {
            fn schema_name() -> std::borrow::Cow<'static, str> {
                stringify!($t).into()
            }

            fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
                schemars::json_schema!({
                    "description": $desc,
                    "type": "string",
                    $("pattern": $pat,)?
                })
            }
        }
    };
}

pub mod diff;
mod error;
pub mod gazetteer;
mod geom;
pub(crate) mod layout;
pub(crate) mod normalize;
pub(crate) mod pdf;
pub mod pipeline;
pub mod records;
pub mod report;
pub mod run;
pub mod table;

/// The page model: what the page layer reads from each page (`kaitei text --json`).
pub mod page {
    pub use crate::layout::Line;
    pub use crate::pdf::{Direction, Glyph, PageContent, Ruling, Shape, ShapeKind};
    pub use crate::pipeline::PageText;
}

pub use error::{
    Error, NotAVision, Provenance, Result, UnknownWarningKind, Warned, Warning, WarningKind,
};
pub use geom::Rect;
pub use pipeline::{Document, PageSet, Reading, extract, load, tables};
