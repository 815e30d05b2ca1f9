//! The yearly run: a folder of PDFs (and records JSON) → per document its versions ordered by
//! edition, records, change logs against the previous full edition, a 変更箇所 summary, an HTML
//! report and CSVs, written atomically into an output folder.
//!
//! Versions are grouped by title: a folder may hold several regions' visions. A draft (excerpt)
//! is compared with the latest full edition before it, as is the next full edition, so that
//! `2022-full, 2023-draft, 2023-full` gives `2022→2023-draft` and `2022→2023-full`.

use crate::diff::{self, ChangeLog, DiffOptions};
use crate::error::{Error, Result, Warned};
use crate::pipeline::{self, ExtractRun};
use crate::records::Plan;
use crate::report::{self, ReportOptions};
use rayon::prelude::*;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// Options of a run.
#[derive(Debug, Clone, Default)]
pub struct RunOptions {
    /// HTML report house style.
    pub report: ReportOptions,
    /// Password for encrypted inputs.
    pub password: Option<String>,
}

/// What a run did.
#[derive(Debug, Clone, Default)]
pub struct RunSummary {
    /// Input files read.
    pub files: usize,
    /// Files that failed, with the error line.
    pub failed: Vec<String>,
    /// Documents (groups of versions).
    pub documents: usize,
    /// Change logs written, with their event counts.
    pub logs: Vec<(String, usize)>,
    /// Files written.
    pub written: Vec<PathBuf>,
    /// Warnings, counted.
    pub warnings: usize,
}

/// The inputs of a folder: PDFs and records JSON, sorted by name.
pub fn inputs(dir: &Path) -> Result<Vec<PathBuf>> {
    let rd = std::fs::read_dir(dir).map_err(|source| Error::Io {
        file: dir.to_path_buf(),
        source,
    })?;
    let mut v: Vec<PathBuf> = rd
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| {
            p.is_file()
                && p.extension().is_some_and(|e| {
                    e.eq_ignore_ascii_case("pdf") || e.eq_ignore_ascii_case("json")
                })
        })
        .collect();
    v.sort();
    Ok(v)
}

/// Reads a version: a PDF is extracted, a JSON file is read as records.
pub fn load(path: &Path, password: Option<&str>) -> Result<Warned<Plan>> {
    if path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("json"))
    {
        let text = std::fs::read_to_string(path).map_err(|source| Error::Io {
            file: path.to_path_buf(),
            source,
        })?;
        let plan: Plan = serde_json::from_str(&text).map_err(|e| Error::Json {
            file: path.to_path_buf(),
            reason: e.to_string(),
        })?;
        return Ok(Warned {
            output: plan,
            warnings: Vec::new(),
        });
    }
    pipeline::extract(
        path,
        &ExtractRun {
            password: password.map(str::to_string),
        },
    )
}

/// Orders versions by edition date; at the same date a draft comes before the full edition.
pub fn order(plans: &mut [Plan]) {
    plans.sort_by(|a, b| {
        let da = a.edition_date.clone().unwrap_or_default();
        let db = b.edition_date.clone().unwrap_or_default();
        da.cmp(&db)
            .then(b.excerpt.cmp(&a.excerpt))
            .then(a.version.cmp(&b.version))
    });
}

/// For each version after the first, the index of the version it is compared with: the latest
/// full edition before it (or simply the previous one when there is none).
pub fn bases(plans: &[Plan]) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    for i in 1..plans.len() {
        let base = (0..i).rev().find(|&j| !plans[j].excerpt).unwrap_or(i - 1);
        out.push((base, i));
    }
    out
}

/// Compares ordered versions: the change logs of [`bases`].
pub fn compare_versions(plans: &[Plan]) -> Vec<ChangeLog> {
    bases(plans)
        .into_par_iter()
        .map(|(b, r)| diff::compare(&plans[b], &plans[r], &DiffOptions::default()))
        .collect()
}

fn group_key(p: &Plan) -> String {
    crate::diff::text::squash(&p.title)
}

/// A folder name for a group: the longest common dash-separated prefix of its versions.
fn slug(plans: &[Plan], k: usize) -> String {
    let parts: Vec<Vec<&str>> = plans
        .iter()
        .map(|p| p.version.split('-').collect())
        .collect();
    let mut common = Vec::new();
    if let Some(first) = parts.first() {
        for (i, w) in first.iter().enumerate() {
            if parts.iter().all(|p| p.get(i) == Some(w)) {
                common.push(*w);
            } else {
                break;
            }
        }
    }
    if common.is_empty() {
        format!("document-{}", k + 1)
    } else {
        common.join("-")
    }
}

fn write(dir: &Path, name: &str, bytes: &[u8], summary: &mut RunSummary) -> Result<()> {
    let path = dir.join(name);
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).map_err(|source| Error::Io {
            file: parent.to_path_buf(),
            source,
        })?;
    }
    pipeline::write_atomic(&path, bytes).map_err(|source| Error::Io {
        file: path.clone(),
        source,
    })?;
    summary.written.push(path);
    Ok(())
}

fn bytes(f: impl FnOnce(&mut Vec<u8>) -> std::io::Result<()>) -> Vec<u8> {
    let mut v = Vec::new();
    // Writing into a Vec cannot fail.
    let _ = f(&mut v);
    v
}

/// Runs over `inputs`, writing into `outputs`. `progress(done, total, file)` is called as files
/// are read. One bad file never stops the others: it is listed in [`RunSummary::failed`].
pub fn run(
    inputs_dir: &Path,
    outputs: &Path,
    opts: &RunOptions,
    progress: &(dyn Fn(usize, usize, &Path) + Sync),
) -> Result<RunSummary> {
    let files = inputs(inputs_dir)?;
    let total = files.len();
    let done = std::sync::atomic::AtomicUsize::new(0);
    let loaded: Vec<(PathBuf, Result<Warned<Plan>>)> = files
        .par_iter()
        .map(|f| {
            let r = load(f, opts.password.as_deref());
            let n = done.fetch_add(1, std::sync::atomic::Ordering::Relaxed) + 1;
            progress(n, total, f);
            (f.clone(), r)
        })
        .collect();
    let mut summary = RunSummary {
        files: total,
        ..RunSummary::default()
    };
    let mut groups: BTreeMap<String, Vec<Plan>> = BTreeMap::new();
    for (f, r) in loaded {
        match r {
            Ok(w) => {
                summary.warnings += w.warnings.len();
                let mut plan = w.output;
                if plan.version.is_empty() {
                    plan.version = f
                        .file_stem()
                        .map(|s| s.to_string_lossy().into_owned())
                        .unwrap_or_default();
                }
                groups.entry(group_key(&plan)).or_default().push(plan);
            }
            Err(e) => summary.failed.push(e.to_string()),
        }
    }
    summary.documents = groups.len();
    let single = groups.len() == 1;
    for (k, (_, mut plans)) in groups.into_iter().enumerate() {
        order(&mut plans);
        let dir = if single {
            outputs.to_path_buf()
        } else {
            outputs.join(slug(&plans, k))
        };
        for p in &plans {
            write(
                &dir,
                &format!("records/{}.json", p.version),
                &bytes(|w| report::json::write_records(w, p)),
                &mut summary,
            )?;
            write(
                &dir,
                &format!("records/{}.budgets.csv", p.version),
                &bytes(|w| report::csv::write_budgets(w, p)),
                &mut summary,
            )?;
            write(
                &dir,
                &format!("records/{}.participation.csv", p.version),
                &bytes(|w| report::csv::write_participation(w, p)),
                &mut summary,
            )?;
        }
        let logs = compare_versions(&plans);
        let mut md = Vec::new();
        for log in &logs {
            let name = format!("{}__{}", log.base.version, log.revised.version);
            write(
                &dir,
                &format!("changes/{name}.json"),
                &bytes(|w| report::json::write_changes(w, log)),
                &mut summary,
            )?;
            write(
                &dir,
                &format!("changes/{name}.csv"),
                &bytes(|w| report::csv::write_changes(w, log)),
                &mut summary,
            )?;
            let one = bytes(|w| report::markdown::write(w, log));
            write(&dir, &format!("changes/{name}.md"), &one, &mut summary)?;
            if !md.is_empty() {
                md.extend_from_slice(b"\n");
            }
            md.extend_from_slice(&one);
            summary.logs.push((name, log.changes.len()));
            summary.warnings += log.warnings.len();
        }
        if logs.is_empty() {
            // One version only: say so rather than leave an empty summary.
            let p = &plans[0];
            md = format!(
                "# 変更箇所一覧\n\n{}\n\n比較する版がありません({} の1版のみ)。\n",
                p.title, p.version
            )
            .into_bytes();
        }
        let hist = diff::history(&plans);
        write(&dir, "summary.md", &md, &mut summary)?;
        write(
            &dir,
            "history.json",
            &bytes(|w| report::json::write_history(w, &hist)),
            &mut summary,
        )?;
        let input = report::html::ReportInput {
            plans: &plans,
            logs: &logs,
            history: &hist,
        };
        write(
            &dir,
            "report.html",
            &bytes(|w| report::html::write(w, &input, &opts.report)),
            &mut summary,
        )?;
    }
    Ok(summary)
}

/// A one-line account of a run.
pub fn describe(s: &RunSummary, outputs: &Path) -> String {
    let events: Vec<String> = s
        .logs
        .iter()
        .map(|(n, c)| format!("{n}: {c} changes"))
        .collect();
    let mut line = format!(
        "{} files, {} {}, {} change {} ({}), {} warnings, {} failed → {}",
        s.files,
        s.documents,
        if s.documents == 1 {
            "document"
        } else {
            "documents"
        },
        s.logs.len(),
        if s.logs.len() == 1 { "log" } else { "logs" },
        if events.is_empty() {
            "none".into()
        } else {
            events.join("; ")
        },
        s.warnings,
        s.failed.len(),
        outputs.display()
    );
    if s.files == 0 {
        line = format!(
            "no PDF or JSON files in the inputs folder; nothing written to {}",
            outputs.display()
        );
    }
    line
}

#[cfg(test)]
mod tests {
    use super::*;

    fn plan(version: &str, date: &str, excerpt: bool) -> Plan {
        serde_json::from_value(serde_json::json!({
            "version": version, "title": "t", "edition": "", "edition_date": date, "excerpt": excerpt,
            "declared_project_count": null, "partners": [], "projects": []
        }))
        .unwrap()
    }

    #[test]
    fn drafts_are_compared_with_the_last_full_edition() {
        let mut ps = vec![
            plan("a-2023-full", "2023-03", false),
            plan("a-2022-full", "2022-03", false),
            plan("a-2023-draft", "2023-03", true),
        ];
        order(&mut ps);
        let names: Vec<&str> = ps.iter().map(|p| p.version.as_str()).collect();
        assert_eq!(names, vec!["a-2022-full", "a-2023-draft", "a-2023-full"]);
        assert_eq!(bases(&ps), vec![(0, 1), (0, 2)]);
        assert_eq!(slug(&ps, 0), "a");
    }
}
