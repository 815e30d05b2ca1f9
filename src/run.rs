//! The yearly run: a folder of PDFs (and records JSON) → per document a [`Series`] (versions
//! ordered by edition, each compared with the latest full edition before it, the history), and
//! its records, change logs, 変更箇所 summary, HTML and Excel reports and CSVs, written atomically into an
//! output folder.
//!
//! Versions are grouped by title: a folder may hold several regions' visions. The comparing is
//! [`diff::compare_series`]'s; the writing is [`report`]'s; this module only reads the folder,
//! groups and names the files.

use crate::diff::{self, DiffOptions, Series};
use crate::error::{Error, Result, Warned};
use crate::pipeline;
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
    /// The vocabulary PDFs are read with (`None`: the built-in one).
    pub vocab: Option<std::sync::Arc<crate::records::Vocab>>,
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

fn group_key(p: &Plan) -> String {
    crate::normalize::squash(&p.title)
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

/// Writes one output file (atomically), creating its folder.
fn write(
    dir: &Path,
    name: &str,
    render: impl FnOnce(&mut Vec<u8>) -> std::io::Result<()>,
    summary: &mut RunSummary,
) -> Result<()> {
    let path = dir.join(name);
    let io = |source| Error::Io {
        file: path.clone(),
        source,
    };
    let mut bytes = Vec::new();
    render(&mut bytes).map_err(io)?;
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).map_err(io)?;
    }
    pipeline::write_atomic(&path, &bytes).map_err(io)?;
    summary.written.push(path);
    Ok(())
}

/// Reads every input in parallel, reporting progress as files finish.
fn load_all(
    files: &[PathBuf],
    opts: &RunOptions,
    progress: &(dyn Fn(usize, usize, &Path) + Sync),
) -> Vec<Result<Warned<Plan>>> {
    let done = std::sync::atomic::AtomicUsize::new(0);
    files
        .par_iter()
        .map(|f| {
            let vocab = opts
                .vocab
                .clone()
                .unwrap_or_else(crate::records::Vocab::builtin);
            let r = pipeline::load_with(f, opts.password.as_deref(), &vocab);
            let n = done.fetch_add(1, std::sync::atomic::Ordering::Relaxed) + 1;
            progress(n, files.len(), f);
            r
        })
        .collect()
}

/// The versions read, grouped by document (title); failures go to the summary.
fn group(loaded: Vec<Result<Warned<Plan>>>, summary: &mut RunSummary) -> Vec<Vec<Plan>> {
    let mut groups: BTreeMap<String, Vec<Plan>> = BTreeMap::new();
    for r in loaded {
        match r {
            Ok(w) => {
                summary.warnings += w.warnings.len();
                groups
                    .entry(group_key(&w.output))
                    .or_default()
                    .push(w.output);
            }
            Err(e) => summary.failed.push(e.to_string()),
        }
    }
    groups.into_values().collect()
}

/// The outputs of one document: records and CSVs per version, change logs, summary, history,
/// report.
fn write_document(
    dir: &Path,
    series: &Series,
    opts: &RunOptions,
    summary: &mut RunSummary,
) -> Result<()> {
    for p in &series.plans {
        let v = &p.version;
        write(
            dir,
            &format!("records/{v}.json"),
            |w| report::json::write_records(w, p),
            summary,
        )?;
        write(
            dir,
            &format!("records/{v}.budgets.csv"),
            |w| report::csv::write_budgets(w, p),
            summary,
        )?;
        write(
            dir,
            &format!("records/{v}.participation.csv"),
            |w| report::csv::write_participation(w, p),
            summary,
        )?;
    }
    for log in &series.logs {
        let name = format!("{}__{}", log.base.version, log.revised.version);
        let one = std::slice::from_ref(log);
        write(
            dir,
            &format!("changes/{name}.json"),
            |w| report::json::write_changes(w, log),
            summary,
        )?;
        write(
            dir,
            &format!("changes/{name}.csv"),
            |w| report::csv::write_changes(w, one),
            summary,
        )?;
        write(
            dir,
            &format!("changes/{name}.md"),
            |w| report::markdown::write(w, log),
            summary,
        )?;
        summary.logs.push((name, log.changes.len()));
        summary.warnings += log.warnings.len();
    }
    write(
        dir,
        "summary.md",
        |w| report::markdown::write_series(w, series),
        summary,
    )?;
    write(
        dir,
        "history.json",
        |w| report::json::write_history(w, &series.history),
        summary,
    )?;
    write(
        dir,
        "report.html",
        |w| report::html::write(w, series, &opts.report),
        summary,
    )?;
    write(
        dir,
        "report.xlsx",
        |w| report::xlsx::write(w, series, &opts.report),
        summary,
    )
}

/// Runs over `inputs`, writing into `outputs`. `progress(done, total, file)` is called as files
/// are read. One bad file never stops the others: it is listed in [`RunSummary::failed`].
pub fn run(
    inputs_dir: &Path,
    outputs: &Path,
    opts: &RunOptions,
    progress: &(dyn Fn(usize, usize, &Path) + Sync),
) -> Result<RunSummary> {
    let files = pipeline::inputs(inputs_dir)?;
    let mut summary = RunSummary {
        files: files.len(),
        ..RunSummary::default()
    };
    let loaded = load_all(&files, opts, progress);
    let groups = group(loaded, &mut summary);
    summary.documents = groups.len();
    let single = groups.len() == 1;
    for (k, plans) in groups.into_iter().enumerate() {
        let series = diff::compare_series(plans, &DiffOptions::default());
        let dir = if single {
            outputs.to_path_buf()
        } else {
            outputs.join(slug(&series.plans, k))
        };
        write_document(&dir, &series, opts, &mut summary)?;
    }
    Ok(summary)
}

/// A one-line account of a run: counts only, however many files (the per-log detail is in
/// the outputs' `summary.md`, and [`RunSummary::logs`] for a verbose caller).
pub fn describe(s: &RunSummary, outputs: &Path) -> String {
    if s.files == 0 {
        return format!(
            "no PDF or JSON files in the inputs folder; nothing written to {}",
            outputs.display()
        );
    }
    let plural =
        |n: usize, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
    let events: usize = s.logs.iter().map(|(_, n)| n).sum();
    format!(
        "{}, {}, {} ({}), {}, {} failed → {}",
        plural(s.files, "file", "files"),
        plural(s.documents, "document", "documents"),
        plural(s.logs.len(), "change log", "change logs"),
        plural(events, "change", "changes"),
        plural(s.warnings, "warning", "warnings"),
        s.failed.len(),
        outputs.display()
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_group_is_named_by_the_common_prefix_of_its_versions() {
        let ps = vec![Plan::empty("a-2022-full"), Plan::empty("a-2023-draft")];
        assert_eq!(slug(&ps, 0), "a");
        let ps = vec![Plan::empty("x"), Plan::empty("y")];
        assert_eq!(slug(&ps, 1), "document-2");
    }
}
