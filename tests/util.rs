//! Shared helpers of the integration tests.

use kaitei::diff::ChangeLog;
use serde_json::Value;
use std::path::{Path, PathBuf};
use unicode_normalization::UnicodeNormalization;

/// A file under `tests/data`.
pub fn data(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data")
        .join(name)
}

/// A corpus PDF (copied into `inputs/`).
pub fn input(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("inputs")
        .join(name)
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

/// `score.py changes`' normalization of a key value: no white space (the truth is already NFKC).
fn key_norm(v: &Value) -> Value {
    match v {
        Value::String(s) => Value::String(s.chars().filter(|c| !c.is_whitespace()).collect()),
        other => other.clone(),
    }
}

/// `score.py`'s `event_key`: kind, project and the identifying fields (`from`/`to` only for
/// amounts).
pub fn event_key(e: &Value) -> Vec<Value> {
    let kind = e["kind"].as_str().unwrap_or_default();
    let mut key = vec![key_norm(&e["kind"]), key_norm(&e["project"])];
    for k in ["partner", "fy", "field", "from_name", "from", "to"] {
        if (k == "from" || k == "to") && kind != "budget_changed" && kind != "total_changed" {
            continue;
        }
        match e.get(k) {
            Some(v) if !v.is_null() => {
                key.push(Value::Array(vec![Value::String(k.into()), key_norm(v)]))
            }
            _ => {}
        }
    }
    key
}

/// The scorer's keys of a change log, in order.
pub fn change_keys(log: &ChangeLog) -> Vec<Vec<Value>> {
    let v = serde_json::to_value(log).expect("change log serializes");
    v["changes"]
        .as_array()
        .expect("changes array")
        .iter()
        .map(event_key)
        .collect()
}

/// The scorer's keys of a truth change log (a JSON list of events), in order.
pub fn truth_change_keys(path: &Path) -> Vec<Vec<Value>> {
    let text = std::fs::read_to_string(path).expect("truth readable");
    let v: Value = serde_json::from_str(&text).expect("truth parses");
    v.as_array()
        .expect("truth is a list")
        .iter()
        .map(event_key)
        .collect()
}
