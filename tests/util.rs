//! Shared helpers of the integration tests.

use std::path::PathBuf;
use unicode_normalization::UnicodeNormalization;

/// A file under `tests/data`.
pub fn data(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/data").join(name)
}

/// A corpus PDF (copied into `inputs/`).
pub fn input(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("inputs").join(name)
}

/// The scorers' normalization: NFKC and no white space.
pub fn norm(s: &str) -> String {
    s.nfkc().filter(|c| !c.is_whitespace()).collect()
}

/// Prints expected and actual on failure, like ripgrep's `eqnice!`.
#[macro_export]
macro_rules! eqnice {
    ($want:expr, $got:expr, $($ctx:tt)+) => {{
        let (want, got) = (&$want, &$got);
        if want != got {
            panic!("\n{}\n--- expected ---\n{:#?}\n--- got ---\n{:#?}\n", format!($($ctx)+), want, got);
        }
    }};
}
