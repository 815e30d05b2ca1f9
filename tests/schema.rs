//! The published JSON Schemas of the records, change-log and series wire formats (issue 6 point
//! 4, issue 12 point 3).
//!
//! `schemas/records.schema.json`, `schemas/changes.schema.json` and `schemas/series.schema.json`
//! are generated with schemars from [`kaitei::records::Plan`], [`kaitei::diff::ChangeLog`] and
//! [`kaitei::diff::Series`] (the serialization contract: a field skipped when empty is not
//! required). The test fails when the committed files differ
//! from the generated ones; `KAITEI_REGEN_SCHEMAS=1 cargo test schema` rewrites them.
//! The truth records and the change logs computed from them are validated against the schemas.

use kaitei::diff::{ChangeLog, DiffOptions, Series, compare, compare_series};
use kaitei::records::Plan;
use schemars::generate::SchemaSettings;
use serde_json::Value;
use std::path::{Path, PathBuf};

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn generated<T: schemars::JsonSchema>() -> String {
    let generator = SchemaSettings::draft2020_12()
        .for_serialize()
        .into_generator();
    let schema = generator.into_root_schema_for::<T>();
    let mut s = serde_json::to_string_pretty(&schema).unwrap();
    s.push('\n');
    s
}

fn check_committed(name: &str, text: &str) {
    let path = root().join("schemas").join(name);
    if std::env::var_os("KAITEI_REGEN_SCHEMAS").is_some() {
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        kaitei::pipeline::write_atomic(&path, text.as_bytes()).unwrap();
        return;
    }
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        committed == text,
        "{} is out of date: run `KAITEI_REGEN_SCHEMAS=1 cargo test schema` and commit it",
        path.display()
    );
}

#[test]
fn committed_schemas_are_the_generated_ones() {
    check_committed("records.schema.json", &generated::<Plan>());
    check_committed("changes.schema.json", &generated::<ChangeLog>());
    check_committed("series.schema.json", &generated::<Series>());
}

/// A series of the truth records validates, and its keys come in the documented order.
#[test]
fn series_matches_its_schema_with_stable_key_order() {
    let plans: Vec<Plan> = truth_files()
        .iter()
        .filter(|p| p.to_string_lossy().contains("okayama-"))
        .map(|p| plan(p))
        .collect();
    assert_eq!(plans.len(), 3);
    let series = compare_series(plans, &DiffOptions::default());
    let mut out = Vec::new();
    kaitei::report::json::write_series(&mut out, &series).unwrap();
    let text = String::from_utf8(out).unwrap();
    let keys: Vec<&str> = text
        .lines()
        .filter(|l| l.starts_with("  \"") && !l.starts_with("   "))
        .filter_map(|l| l.trim().split('"').nth(1))
        .collect();
    assert_eq!(keys, ["schema", "logs", "history"]);
    let v = validator(&generated::<Series>());
    assert_valid(&v, &serde_json::from_str(&text).unwrap(), "series");
}

fn validator(text: &str) -> jsonschema::Validator {
    let schema: Value = serde_json::from_str(text).unwrap();
    jsonschema::validator_for(&schema).unwrap()
}

fn assert_valid(v: &jsonschema::Validator, instance: &Value, what: &str) {
    let errors: Vec<String> = v
        .iter_errors(instance)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect();
    assert!(
        errors.is_empty(),
        "{what} does not match its schema:\n{}",
        errors.join("\n")
    );
}

fn truth_files() -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = std::fs::read_dir(root().join("tests/data"))
        .unwrap()
        .filter_map(|e| Some(e.ok()?.path()))
        .filter(|p| {
            let n = p.file_name().and_then(|n| n.to_str()).unwrap_or("");
            n.starts_with("okayama-") && n.ends_with(".json") && !n.ends_with(".changes.json")
        })
        .collect();
    v.push(root().join("tests/data/fixtures/vision-bihoku.truth.json"));
    v.sort();
    v
}

fn plan(path: &Path) -> Plan {
    let text = std::fs::read_to_string(path).unwrap();
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

#[test]
fn truth_records_match_the_records_schema() {
    let v = validator(&generated::<Plan>());
    let files = truth_files();
    assert!(files.len() >= 4, "{files:?}");
    for path in &files {
        let out = serde_json::to_value(plan(path)).unwrap();
        assert_valid(&v, &out, &path.display().to_string());
    }
}

#[test]
fn computed_and_committed_change_logs_match_the_changes_schema() {
    let v = validator(&generated::<ChangeLog>());
    let plans: Vec<(PathBuf, Plan)> = truth_files()
        .into_iter()
        .map(|p| (p.clone(), plan(&p)))
        .collect();
    let mut checked = 0;
    for (a, pa) in &plans {
        for (b, pb) in &plans {
            if a == b {
                continue;
            }
            let log = compare(pa, pb, &DiffOptions::default());
            let out = serde_json::to_value(&log).unwrap();
            assert_valid(&v, &out, &format!("{} → {}", a.display(), b.display()));
            checked += 1;
        }
    }
    // The corpus truth change lists (`BASE__REVISED.changes.json`, a bare array of changes) in
    // the change log of their pair of truth records.
    for e in std::fs::read_dir(root().join("tests/data")).unwrap() {
        let p = e.unwrap().path();
        let name = p.file_name().unwrap().to_string_lossy().into_owned();
        let Some(pair) = name.strip_suffix(".changes.json") else {
            continue;
        };
        let (a, b) = pair.split_once("__").unwrap();
        let pa = plan(&root().join(format!("tests/data/{a}.json")));
        let pb = plan(&root().join(format!("tests/data/{b}.json")));
        let mut log = compare(&pa, &pb, &DiffOptions::default());
        log.changes = serde_json::from_str(&std::fs::read_to_string(&p).unwrap()).unwrap();
        assert_valid(
            &v,
            &serde_json::to_value(&log).unwrap(),
            &p.display().to_string(),
        );
        checked += 1;
    }
    assert!(checked >= 12, "{checked}");
}

#[test]
fn the_schemas_reject_what_is_not_a_record() {
    let v = validator(&generated::<Plan>());
    assert!(!v.is_valid(&serde_json::json!({"projects": "none"})));
    let c = validator(&generated::<ChangeLog>());
    assert!(
        !c.is_valid(&serde_json::json!({"changes": [{"kind": "no_such_kind", "project": "x"}]}))
    );
}

/// Checks a CSV table against a Frictionless Table Schema: the header names the fields in
/// order, and every value has its field's type and constraints (required, enum, pattern).
fn check_table(csv_text: &str, schema: &str) -> usize {
    let schema: Value = serde_json::from_str(
        &std::fs::read_to_string(root().join("schemas").join(schema)).unwrap(),
    )
    .unwrap();
    let fields = schema["fields"].as_array().unwrap();
    let mut r = csv::Reader::from_reader(csv_text.trim_start_matches('\u{feff}').as_bytes());
    let header: Vec<String> = r.headers().unwrap().iter().map(String::from).collect();
    let names: Vec<&str> = fields.iter().map(|f| f["name"].as_str().unwrap()).collect();
    assert_eq!(header, names);
    let mut n = 0;
    for rec in r.records() {
        let rec = rec.unwrap();
        for (v, f) in rec.iter().zip(fields) {
            let c = &f["constraints"];
            let name = f["name"].as_str().unwrap();
            if v.is_empty() {
                assert!(c["required"] != true, "{name} empty in {rec:?}");
                continue;
            }
            let typed = match f["type"].as_str().unwrap() {
                "integer" => {
                    Value::from(v.parse::<i64>().unwrap_or_else(|_| panic!("{name}: {v:?}")))
                }
                _ => Value::from(v),
            };
            if let Some(e) = c["enum"].as_array() {
                assert!(e.contains(&typed), "{name}: {v:?} not in {e:?}");
            }
            if let Some(p) = c["pattern"].as_str() {
                let re = regex::Regex::new(&format!("^(?:{p})$")).unwrap();
                assert!(re.is_match(v), "{name}: {v:?} !~ {p}");
            }
        }
        n += 1;
    }
    n
}

/// The budgets and participation CSVs follow their table schemas (`schemas/*.tableschema.json`):
/// the unit and the western fiscal year are explicit.
#[test]
fn csv_tables_follow_their_table_schemas() {
    let plan = kaitei::load(&root().join("inputs/okayama-2023-full.lo.pdf"), None)
        .unwrap()
        .output;
    let mut b = Vec::new();
    kaitei::report::csv::write_budgets(&mut b, &plan).unwrap();
    let b = String::from_utf8(b).unwrap();
    assert!(
        b.contains("\r\nokayama-2023-full.lo,スタートアップ企業支援,R4,2022,,15000,75000,千円\r\n"),
        "{b}"
    );
    assert!(check_table(&b, "budgets.tableschema.json") > 100);
    let mut p = Vec::new();
    kaitei::report::csv::write_participation(&mut p, &plan).unwrap();
    assert!(
        check_table(
            &String::from_utf8(p).unwrap(),
            "participation.tableschema.json"
        ) > 100
    );
}
