//! The one fatal error type of the library, and the located warnings that every stage may add.
//!
//! Fatal errors happen only at the door (the file cannot be read, parsed or decrypted, or it is
//! not the kind of document asked for). Everything after that is recoverable: a page that fails
//! becomes a [`Warning`] and the other pages still come out.

use serde::{Deserialize, Serialize};
use std::path::PathBuf;

/// A fatal error: the job on this file could not be done.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The file could not be read from disk.
    #[error("{file}: cannot read file: {source}")]
    Io {
        /// The file.
        file: PathBuf,
        /// The cause.
        #[source]
        source: std::io::Error,
    },
    /// The file is empty.
    #[error("{file}: empty file (0 bytes)")]
    Empty {
        /// The file.
        file: PathBuf,
    },
    /// The file does not start like a PDF (`%PDF-`); `looks_like` says what it seems to be.
    #[error("{file}: not a PDF ({looks_like})")]
    NotPdf {
        /// The file.
        file: PathBuf,
        /// What the first bytes look like ("HTML document", "plain text", ...).
        looks_like: String,
    },
    /// The PDF structure could not be parsed, even after xref repair.
    #[error("{file}: damaged PDF: {reason}")]
    Damaged {
        /// The file.
        file: PathBuf,
        /// What was found wrong.
        reason: String,
    },
    /// The PDF is encrypted with a user password that was not given or is wrong.
    #[error("{file}: encrypted PDF: {reason} (give the user password with --password)")]
    Encrypted {
        /// The file.
        file: PathBuf,
        /// Whether no password or a wrong one was given.
        reason: String,
    },
    /// A resource limit was hit (pages, decoded bytes, time).
    #[error("{file}: limit exceeded: {limit}")]
    Limit {
        /// The file.
        file: PathBuf,
        /// Which limit, with its value.
        limit: String,
    },
    /// The document was read but is not a vision: it has no participation matrix.
    #[error("{file}: not a vision: {reason}")]
    NotAVision {
        /// The file.
        file: PathBuf,
        /// What is missing, e.g. "no participation matrix found".
        reason: String,
    },
    /// A records or change-log JSON file could not be parsed.
    #[error("{file}: invalid JSON: {reason}")]
    Json {
        /// The file.
        file: PathBuf,
        /// The parser's message.
        reason: String,
    },
    /// A page number outside the document was asked for.
    #[error("{file}: page {page} does not exist (the document has {count} pages)")]
    NoSuchPage {
        /// The file.
        file: PathBuf,
        /// The page asked for (1-based).
        page: usize,
        /// How many pages there are.
        count: usize,
    },
}

/// Shorthand for results of this library.
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// Where something was found: a 1-based page number and a bounding box in PDF points
/// (origin bottom-left of the unrotated page).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Provenance {
    /// 1-based page number.
    pub page: usize,
    /// `[x0, y0, x1, y1]` in PDF points.
    pub bbox: [f64; 4],
}

/// A recoverable problem, located where possible.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Warning {
    /// Machine-readable kind, snake_case (e.g. `total_mismatch`, `page_failed`).
    pub kind: String,
    /// One human-readable sentence.
    pub message: String,
    /// 1-based page, when known.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub page: Option<usize>,
    /// Bounding box on that page, when known.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub bbox: Option<[f64; 4]>,
}

impl Warning {
    /// A warning without a location.
    pub fn new(kind: impl Into<String>, message: impl Into<String>) -> Self {
        Warning {
            kind: kind.into(),
            message: message.into(),
            page: None,
            bbox: None,
        }
    }

    /// The same warning located on a page.
    pub fn at_page(mut self, page: usize) -> Self {
        self.page = Some(page);
        self
    }

    /// The same warning located at a page and box.
    pub fn at(mut self, p: Provenance) -> Self {
        self.page = Some(p.page);
        self.bbox = Some(p.bbox);
        self
    }
}

/// A value with the warnings produced while computing it.
#[derive(Debug, Clone)]
pub struct Warned<T> {
    /// The value.
    pub output: T,
    /// What went wrong on the way, in order.
    pub warnings: Vec<Warning>,
}
