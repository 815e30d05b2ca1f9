//! The seeded variants of `tests/data/variants/` (`scripts/make-variants`, issue 11): short visions
//! of regions drawn from the gazetteer, each rendered by LibreOffice, Chromium and ReportLab with
//! non-embedded CID fonts, with their truth. Every rendering must read as its truth by the field
//! rules of `score.py records`, and the renderings of one variant must agree (an empty change log).
//! Some variants have a revision draft (`vNNN-draft`, an excerpt with underlined changes) whose
//! change log from its base, per producer, must equal the truth change log. Also the one-class
//! fixtures of issue 11 (`tests/data/fixtures/class-*.pdf`).

use crate::util::{Miss, Score, data, event_key, extract_json, score_records, truth_change_keys};
use kaitei::diff::{DiffOptions, compare};
use kaitei::pipeline::{self, ExtractRun};
use rayon::prelude::*;
use serde_json::Value;
use std::collections::BTreeMap;
use std::path::PathBuf;

/// At least this many variants (issue 11, Deliver 3).
const MIN_VARIANTS: usize = 150;

/// The producers every variant is rendered by.
const PRODUCERS: [&str; 3] = ["chromium", "lo", "reportlab"];

fn read_json(path: &PathBuf) -> Value {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// The variants of the manifest: id → (truth, renderings by producer).
fn variants() -> BTreeMap<String, (PathBuf, Vec<(String, PathBuf)>)> {
    let manifest = read_json(&data("variants/manifest.json"));
    manifest
        .as_object()
        .expect("the manifest is an object")
        .iter()
        .map(|(id, v)| {
            let renderings = v["producers"]
                .as_array()
                .expect("producers")
                .iter()
                .map(|p| {
                    let p = p.as_str().expect("producer name").to_string();
                    let pdf = data(&format!("variants/{id}.{p}.pdf"));
                    (p, pdf)
                })
                .collect();
            (
                id.clone(),
                (data(&format!("variants/{id}.truth.json")), renderings),
            )
        })
        .collect()
}

/// The drafts of the manifest: (draft id, base id).
fn drafts() -> Vec<(String, String)> {
    let manifest = read_json(&data("variants/manifest.json"));
    manifest
        .as_object()
        .expect("the manifest is an object")
        .iter()
        .filter_map(|(id, v)| Some((id.clone(), v["draft_of"].as_str()?.to_string())))
        .collect()
}

#[test]
fn the_variant_set_has_every_rendering_and_truth() {
    let vs = variants();
    let full = vs.keys().filter(|id| !id.ends_with("-draft")).count();
    assert!(full >= MIN_VARIANTS, "{full} variants");
    let ds = drafts();
    assert!(!ds.is_empty(), "no drafts");
    for (draft, base) in &ds {
        assert!(vs.contains_key(base), "{draft}: no base {base}");
        let log = data(&format!("variants/{base}__{draft}.changes.json"));
        assert!(log.is_file(), "{}", log.display());
    }
    for (id, (truth, renderings)) in &vs {
        assert!(truth.is_file(), "{id}: no truth");
        let producers: Vec<&str> = renderings.iter().map(|(p, _)| p.as_str()).collect();
        assert_eq!(producers, PRODUCERS, "{id}");
        for (_, pdf) in renderings {
            assert!(pdf.is_file(), "{}", pdf.display());
        }
    }
}

#[test]
fn the_scorer_port_follows_score_py() {
    // A truth scores 1.0 against itself, also with partners reordered and lines rewrapped; a
    // changed phase, amount and KPI row are three misses at score.py's field names.
    let (truth, _) = variants().into_values().next().expect("a variant");
    let want = read_json(&truth);
    let same = score_records(&want, &want);
    assert!(same.misses.is_empty(), "{:?}", same.misses);
    let mut got = want.clone();
    let card = got["projects"][0]["card"].as_object_mut().expect("a card");
    card["partners"].as_array_mut().expect("partners").reverse();
    let purpose = card["purpose"].as_str().expect("purpose").to_string();
    card["purpose"] = Value::from(purpose.replacen('、', "、\n ", 1));
    assert!(score_records(&want, &got).misses.is_empty());
    let card = got["projects"][0]["card"].as_object_mut().expect("a card");
    card["schedule"][0]["phase"] = Value::from("検討中");
    card["schedule"][0]["amount"] = Value::from(-1);
    card["kpis"].as_array_mut().expect("kpis").push(Value::Null);
    let name = want["projects"][0]["name"].as_str().expect("name");
    let fy = want["projects"][0]["card"]["schedule"][0]["fy"]
        .as_str()
        .expect("fy");
    let fields: Vec<String> = score_records(&want, &got)
        .misses
        .into_iter()
        .map(|m| m.field)
        .collect();
    assert_eq!(
        fields,
        [
            format!("project[{name}].schedule[{fy}].phase"),
            format!("project[{name}].schedule[{fy}].amount"),
            format!("project[{name}].kpis.len"),
        ]
    );
}

/// Reads every rendering (in parallel): variant id → producer → records JSON or error.
fn extract_all() -> BTreeMap<String, Vec<(String, Result<Value, String>)>> {
    let jobs: Vec<(String, String, PathBuf)> = variants()
        .into_iter()
        .flat_map(|(id, (_, rs))| rs.into_iter().map(move |(p, pdf)| (id.clone(), p, pdf)))
        .collect();
    let done: Vec<(String, String, Result<Value, String>)> = jobs
        .into_par_iter()
        .map(|(id, p, pdf)| {
            let got = extract_json(&pdf);
            (id, p, got)
        })
        .collect();
    let mut out: BTreeMap<String, Vec<_>> = BTreeMap::new();
    for (id, p, got) in done {
        out.entry(id).or_default().push((p, got));
    }
    out
}

#[test]
fn every_variant_reads_as_its_truth() {
    let vs = variants();
    let mut failed: Vec<String> = Vec::new();
    let mut by_producer: BTreeMap<String, (usize, usize)> = BTreeMap::new();
    for (id, results) in extract_all() {
        let truth = read_json(&vs[&id].0);
        for (producer, got) in results {
            let tally = by_producer.entry(producer.clone()).or_default();
            tally.1 += 1;
            let score = match got {
                Ok(got) => score_records(&truth, &got),
                Err(e) => Score {
                    total: 1,
                    misses: vec![Miss {
                        field: "extract".into(),
                        want: "records".into(),
                        got: e.into(),
                    }],
                },
            };
            if score.misses.is_empty() {
                tally.0 += 1;
                continue;
            }
            let lines: Vec<String> = score.misses.iter().map(|m| format!("    {m}")).collect();
            failed.push(format!(
                "{id}.{producer}: {:.4} ({} of {} fields wrong)\n{}",
                score.ratio(),
                score.misses.len(),
                score.total,
                lines.join("\n")
            ));
        }
    }
    let rates: Vec<String> = by_producer
        .iter()
        .map(|(p, (ok, n))| format!("{p} {ok}/{n}"))
        .collect();
    assert!(
        failed.is_empty(),
        "{}\n{} renderings differ from their truth (exact: {})",
        failed.join("\n"),
        failed.len(),
        rates.join(", ")
    );
}

/// The change log between two renderings of one document, as `score.py changes` keys.
fn phantom_changes(a: &Value, b: &Value) -> Result<Vec<String>, String> {
    let plan = |v: &Value| serde_json::from_value(v.clone()).map_err(|e| e.to_string());
    let log = compare(&plan(a)?, &plan(b)?, &DiffOptions::default());
    let v = serde_json::to_value(&log).map_err(|e| e.to_string())?;
    Ok(v["changes"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|e| {
            let key: Vec<String> = event_key(e).iter().map(|k| k.to_string()).collect();
            key.join(" ")
        })
        .collect())
}

#[test]
fn renderings_of_one_variant_agree() {
    let mut failed = Vec::new();
    let mut pairs = 0;
    for (id, results) in extract_all() {
        for (i, (pa, a)) in results.iter().enumerate() {
            for (pb, b) in &results[i + 1..] {
                pairs += 1;
                let changes = match (a, b) {
                    (Ok(a), Ok(b)) => phantom_changes(a, b).unwrap_or_else(|e| vec![e]),
                    _ => vec!["a rendering could not be read".into()],
                };
                if !changes.is_empty() {
                    failed.push(format!(
                        "{id} {pa} -> {pb}: {} changes\n    {}",
                        changes.len(),
                        changes.join("\n    ")
                    ));
                }
            }
        }
    }
    assert!(
        failed.is_empty(),
        "{}\n{} of {pairs} pairs report changes",
        failed.join("\n"),
        failed.len()
    );
}

#[test]
fn drafts_change_logs_equal_their_truth() {
    // score.py changes matches events as a multiset: its score is 1.0 when the sorted keys agree.
    let sorted = |mut keys: Vec<Vec<Value>>| {
        keys.sort_by_key(|k| Value::Array(k.clone()).to_string());
        keys
    };
    let vs = variants();
    let mut failed = Vec::new();
    let mut n = 0;
    for (draft, base) in drafts() {
        let want = sorted(truth_change_keys(&data(&format!(
            "variants/{base}__{draft}.changes.json"
        ))));
        for (producer, pdf) in &vs[&draft].1 {
            n += 1;
            let base_pdf = data(&format!("variants/{base}.{producer}.pdf"));
            let read =
                |p: &PathBuf| pipeline::extract(p, &ExtractRun::default()).map(|plan| plan.output);
            let got = match (read(&base_pdf), read(pdf)) {
                (Ok(b), Ok(r)) => {
                    let log = compare(&b, &r, &DiffOptions::default());
                    let v = serde_json::to_value(&log).expect("change log serializes");
                    sorted(
                        v["changes"]
                            .as_array()
                            .into_iter()
                            .flatten()
                            .map(event_key)
                            .collect(),
                    )
                }
                (b, r) => {
                    failed.push(format!(
                        "{draft}.{producer}: not read ({:?} {:?})",
                        b.err().map(|e| e.to_string()),
                        r.err().map(|e| e.to_string())
                    ));
                    continue;
                }
            };
            if got != want {
                let show = |ks: &[Vec<Value>]| {
                    ks.iter()
                        .map(|k| format!("    {}", Value::Array(k.clone())))
                        .collect::<Vec<_>>()
                        .join("\n")
                };
                let missed: Vec<Vec<Value>> =
                    want.iter().filter(|k| !got.contains(k)).cloned().collect();
                let extra: Vec<Vec<Value>> =
                    got.iter().filter(|k| !want.contains(k)).cloned().collect();
                failed.push(format!(
                    "{base} -> {draft} ({producer}):\n  missed\n{}\n  extra\n{}",
                    show(&missed),
                    show(&extra)
                ));
            }
        }
    }
    assert!(
        failed.is_empty(),
        "{}\n{} of {n} draft change logs differ from their truth",
        failed.join("\n"),
        failed.len()
    );
}

/// A one-class fixture of issue 11 reads as its truth.
fn class_fixture(name: &str) {
    let pdf = data(&format!("fixtures/{name}.pdf"));
    let truth = read_json(&data(&format!("fixtures/{name}.truth.json")));
    let plan = pipeline::extract(&pdf, &ExtractRun::default()).unwrap_or_else(|e| panic!("{e}"));
    let got = serde_json::to_value(&plan.output).expect("records serialize");
    let score = score_records(&truth, &got);
    let lines: Vec<String> = score.misses.iter().map(|m| m.to_string()).collect();
    assert!(score.misses.is_empty(), "{name}:\n{}", lines.join("\n"));
}

#[test]
fn a_card_cut_inside_its_role_block_keeps_the_partners_roles() {
    class_fixture("class-cut-role-block");
}

#[test]
fn a_minus_sign_is_none_and_a_merged_phase_covers_every_year() {
    class_fixture("class-dash-merged-phase");
}

#[test]
fn a_comma_hanging_past_the_line_end_stays_in_the_purpose() {
    class_fixture("class-hanging-punctuation");
}

#[test]
fn the_edition_is_the_date_line_beside_a_revision_note() {
    class_fixture("class-revision-note");
}

#[test]
fn variation_selectors_are_dropped_from_names() {
    class_fixture("class-variation-selectors");
}
