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

/// `score.py`'s `norm` of a JSON value: strings NFKC without white space, the rest as is.
fn score_norm(v: &Value) -> Value {
    match v {
        Value::String(s) => Value::String(norm(s)),
        other => other.clone(),
    }
}

/// `score.py`'s `norm_list`: a missing list is empty.
fn score_list(v: &Value) -> Value {
    Value::Array(v.as_array().into_iter().flatten().map(score_norm).collect())
}

fn sorted_list(v: &Value) -> Value {
    let mut xs = score_list(v).as_array().cloned().unwrap_or_default();
    xs.sort_by_key(|x| x.to_string());
    Value::Array(xs)
}

/// One field `score.py records` compares, with the expected and the extracted value.
#[derive(Debug, Clone, PartialEq)]
pub struct Miss {
    pub field: String,
    pub want: Value,
    pub got: Value,
}

impl std::fmt::Display for Miss {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: want {} got {}", self.field, self.want, self.got)
    }
}

/// The outcome of `score.py records` on one document: fields compared and the ones that differ.
#[derive(Debug, Default)]
pub struct Score {
    pub total: usize,
    pub misses: Vec<Miss>,
}

impl Score {
    fn check(&mut self, field: impl Into<String>, want: Value, got: Value) {
        self.total += 1;
        if want != got {
            self.misses.push(Miss {
                field: field.into(),
                want,
                got,
            });
        }
    }

    /// The fraction of fields right, as `score.py` prints it.
    pub fn ratio(&self) -> f64 {
        if self.total == 0 {
            return 0.0;
        }
        (self.total - self.misses.len()) as f64 / self.total as f64
    }
}

/// The names of a partner list, whether plain strings or `{"name", "code"}` records.
fn partner_names(v: &Value) -> Value {
    Value::Array(
        v.as_array()
            .into_iter()
            .flatten()
            .map(|p| p.get("name").unwrap_or(p).clone())
            .collect(),
    )
}

/// `score.py`'s `schedule_map`: fiscal year → (phase, amount).
fn schedule_map(card: &Value) -> std::collections::BTreeMap<String, (Value, Value)> {
    card["schedule"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|row| {
            let fy = norm(row["fy"].as_str().unwrap_or_default());
            (fy, (score_norm(&row["phase"]), row["amount"].clone()))
        })
        .collect()
}

fn score_card(t: &mut Score, at: &str, want: &Value, got: &Value) {
    if got.is_null() {
        t.check(format!("{at}.card"), "present".into(), Value::Null);
        return;
    }
    t.check(
        format!("{at}.partners"),
        sorted_list(&want["partners"]),
        sorted_list(&got["partners"]),
    );
    let flag = |v: &Value| Value::Bool(v.as_bool().unwrap_or(false));
    t.check(
        format!("{at}.all_partners"),
        flag(&want["all_partners"]),
        flag(&got["all_partners"]),
    );
    t.check(
        format!("{at}.purpose"),
        score_norm(&want["purpose"]),
        score_norm(&got["purpose"]),
    );
    t.check(
        format!("{at}.content"),
        score_list(&want["content"]),
        score_list(&got["content"]),
    );
    let (ws, gs) = (schedule_map(want), schedule_map(got));
    let none = (Value::Null, Value::Null);
    let years: std::collections::BTreeSet<&String> = ws.keys().chain(gs.keys()).collect();
    for fy in years {
        let (wp, wa) = ws.get(fy).unwrap_or(&none);
        let (gp, ga) = gs.get(fy).unwrap_or(&none);
        t.check(format!("{at}.schedule[{fy}].phase"), wp.clone(), gp.clone());
        t.check(
            format!("{at}.schedule[{fy}].amount"),
            wa.clone(),
            ga.clone(),
        );
    }
    t.check(
        format!("{at}.total"),
        want["total"].clone(),
        got["total"].clone(),
    );
    let roles = |v: &Value| v["roles"].as_object().cloned().unwrap_or_default();
    let (wr, gr) = (roles(want), roles(got));
    let sides: std::collections::BTreeSet<&String> = wr.keys().chain(gr.keys()).collect();
    for side in sides {
        let list =
            |m: &serde_json::Map<String, Value>| score_list(m.get(side).unwrap_or(&Value::Null));
        t.check(format!("{at}.roles[{side}]"), list(&wr), list(&gr));
    }
    let kpis = |v: &Value| v["kpis"].as_array().cloned().unwrap_or_default();
    let (wk, gk) = (kpis(want), kpis(got));
    t.check(format!("{at}.kpis.len"), wk.len().into(), gk.len().into());
    for (i, w) in wk.iter().enumerate() {
        let g = gk.get(i).cloned().unwrap_or(Value::Null);
        for f in ["indicator", "baseline", "target"] {
            t.check(
                format!("{at}.kpis[{i}].{f}"),
                score_norm(&w[f]),
                score_norm(&g[f]),
            );
        }
    }
    if want.get("marked_changes").is_some() {
        t.check(
            format!("{at}.marked_changes"),
            sorted_list(&want["marked_changes"]),
            sorted_list(&got["marked_changes"]),
        );
    }
}

/// `score.py records TRUTH GOT`, field for field: the same fields, normalizations and names.
pub fn score_records(truth: &Value, got: &Value) -> Score {
    let mut t = Score::default();
    for k in ["title", "edition"] {
        t.check(k, score_norm(&truth[k]), score_norm(&got[k]));
    }
    t.check(
        "excerpt",
        Value::Bool(truth["excerpt"].as_bool().unwrap_or(false)),
        Value::Bool(got["excerpt"].as_bool().unwrap_or(false)),
    );
    t.check(
        "declared_project_count",
        truth["declared_project_count"].clone(),
        got["declared_project_count"].clone(),
    );
    t.check(
        "partners",
        score_list(&truth["partners"]),
        score_list(&partner_names(&got["partners"])),
    );
    let projects = |v: &Value| v["projects"].as_array().cloned().unwrap_or_default();
    let (wp, gp) = (projects(truth), projects(got));
    let mut by_name = std::collections::HashMap::new();
    for p in &gp {
        by_name
            .entry(norm(p["name"].as_str().unwrap_or_default()))
            .or_insert(p);
    }
    t.check("projects.count", wp.len().into(), gp.len().into());
    for w in &wp {
        let name = w["name"].as_str().unwrap_or_default();
        let at = format!("project[{name}]");
        let Some(g) = by_name.get(&norm(name)) else {
            t.check(at, "present".into(), Value::Null);
            continue;
        };
        for f in ["role", "initiative"] {
            t.check(format!("{at}.{f}"), score_norm(&w[f]), score_norm(&g[f]));
        }
        t.check(
            format!("{at}.page_ref"),
            w["page_ref"].clone(),
            g["page_ref"].clone(),
        );
        t.check(
            format!("{at}.matrix_partners"),
            sorted_list(&w["matrix_partners"]),
            sorted_list(&g["matrix_partners"]),
        );
        if w["card"].is_null() {
            let printed = if g["card"].is_null() {
                Value::Null
            } else {
                "present".into()
            };
            t.check(format!("{at}.card"), Value::Null, printed);
        } else {
            score_card(&mut t, &at, &w["card"], &g["card"]);
        }
    }
    let refs = |v: &Value| {
        v["reference_projects"]
            .as_array()
            .cloned()
            .unwrap_or_default()
    };
    let got_refs: std::collections::HashMap<String, Value> = refs(got)
        .into_iter()
        .map(|r| (norm(r["name"].as_str().unwrap_or_default()), r))
        .collect();
    for w in refs(truth) {
        let name = w["name"].as_str().unwrap_or_default();
        let at = format!("reference[{name}]");
        let Some(g) = got_refs.get(&norm(name)) else {
            t.check(at, "present".into(), Value::Null);
            continue;
        };
        t.check(
            format!("{at}.purpose"),
            score_norm(&w["purpose"]),
            score_norm(&g["purpose"]),
        );
        t.check(
            format!("{at}.content"),
            score_list(&w["content"]),
            score_list(&g["content"]),
        );
    }
    t
}

/// `kaitei extract` of a PDF as the JSON it writes.
pub fn extract_json(pdf: &Path) -> Result<Value, String> {
    let plan = kaitei::pipeline::extract(pdf, &kaitei::pipeline::ExtractRun::default())
        .map_err(|e| e.to_string())?;
    serde_json::to_value(&plan.output).map_err(|e| e.to_string())
}
