//! # kaitei (改訂)
//!
//! Japanese municipal plan PDFs (連携中枢都市圏ビジョン and the like) and their yearly revision
//! drafts, turned into structured records and a semantic change log.
//!
//! The modules are the pipeline stages, in order:
//!
//! | stage | input → output |
//! |---|---|
//! | [`pdf`] | PDF bytes → per page: glyphs with Unicode text and boxes, ruling segments, shapes |
//! | [`table`] | a page's content → tables, ruled or not (cells with spans, text in reading order) |
//! | [`normalize`] | printed strings → normalized text, amounts, fiscal years |
//! | [`gazetteer`] | municipality names → 全国地方公共団体コード |
//! | [`records`] | tables and page text → a typed [`records::Plan`], with validation warnings |
//! | [`diff`] | two or more plans → a semantic [`diff::ChangeLog`] |
//! | [`report`] | change logs → Markdown, HTML, CSV, JSON |
//!
//! [`pipeline`] composes them for a file, [`run`] for a folder of versions; the `kaitei` binary only parses arguments
//! and calls it.
#![deny(missing_docs)]

pub mod diff;
pub mod error;
pub mod gazetteer;
pub mod geom;
pub mod normalize;
pub mod pdf;
pub mod pipeline;
pub mod records;
pub mod report;
pub mod run;
pub mod table;

pub use error::{Error, Provenance, Result, Warned, Warning};
