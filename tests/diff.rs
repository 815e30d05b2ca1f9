//! Change logs of the corpus truth files equal the truth change logs, by the scorer's key.

use crate::util::{change_keys as keys_of, truth_change_keys};
use kaitei::diff::{ChangeLog, DiffOptions, compare};
use kaitei::records::Plan;
use serde_json::Value;
use std::path::PathBuf;

fn data(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data")
        .join(name)
}

pub fn load_plan(name: &str) -> Plan {
    let text = std::fs::read_to_string(data(name)).expect("test data readable");
    serde_json::from_str(&text).expect("truth records parse as Plan")
}

fn truth_keys(name: &str) -> Vec<Vec<Value>> {
    truth_change_keys(&data(name))
}

fn check(base: &str, rev: &str) -> ChangeLog {
    let log = compare(
        &load_plan(&format!("{base}.json")),
        &load_plan(&format!("{rev}.json")),
        &DiffOptions::default(),
    );
    let want = truth_keys(&format!("{base}__{rev}.changes.json"));
    let got = keys_of(&log);
    if want != got {
        let missing: Vec<_> = want.iter().filter(|k| !got.contains(k)).collect();
        let extra: Vec<_> = got.iter().filter(|k| !want.contains(k)).collect();
        panic!(
            "change log differs\nmissing: {missing:#?}\nextra: {extra:#?}\n(order or count may differ too: {} vs {})",
            want.len(),
            got.len()
        );
    }
    log
}

#[test]
fn full_to_full_equals_truth_in_order() {
    let log = check("okayama-2022-full", "okayama-2023-full");
    assert_eq!(log.changes.len(), 56);
    assert!(log.warnings.is_empty(), "{:#?}", log.warnings);
}

#[test]
fn full_to_draft_equals_truth_and_marks_agree() {
    let log = check("okayama-2022-full", "okayama-2023-draft");
    assert_eq!(log.revised.version, "okayama-2023-draft");
    assert!(log.revised.excerpt);
    // Every underline of the draft matches a change and every visible change is underlined.
    assert!(log.warnings.is_empty(), "{:#?}", log.warnings);
}

/// Our records JSON keeps the truth format: re-serializing a truth file gives the same values
/// at the truth paths (partners become `{"name": ...}` objects; `schema` is added).
#[test]
fn records_json_keeps_the_truth_paths() {
    for name in [
        "okayama-2022-full.json",
        "okayama-2023-full.json",
        "okayama-2023-draft.json",
    ] {
        let text = std::fs::read_to_string(data(name)).expect("readable");
        let truth: Value = serde_json::from_str(&text).expect("parses");
        let mut ours = serde_json::to_value(load_plan(name)).expect("serializes");
        assert_eq!(ours["schema"], "kaitei.records/1");
        let obj = ours.as_object_mut().expect("object");
        obj.remove("schema");
        let partners: Vec<Value> = obj["partners"]
            .as_array()
            .expect("partners")
            .iter()
            .map(|p| p["name"].clone())
            .collect();
        obj.insert("partners".into(), Value::Array(partners));
        assert_eq!(ours, truth, "{name}");
    }
}
