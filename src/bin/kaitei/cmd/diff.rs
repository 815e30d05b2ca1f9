//! `kaitei diff OLD NEW... [-o OUT] [--format json|md|html|csv]`: each side a PDF or a records
//! JSON; a folder stands for the versions in it.

use crate::args::{DiffArgs, DiffFormat};
use anyhow::{Result, anyhow};
use kaitei::diff;
use kaitei::records::Plan;
use kaitei::report::{self, MarkStyle, NewSide, ReportOptions};
use kaitei::run;
use std::path::PathBuf;

/// Returns whether there were no changes (exit 0) or changes (exit 1).
pub fn run(a: &DiffArgs) -> Result<bool> {
    let mut files: Vec<PathBuf> = Vec::new();
    for f in &a.files {
        if f.is_dir() {
            files.extend(run::inputs(f)?);
        } else {
            files.push(f.clone());
        }
    }
    if files.len() < 2 {
        return Err(anyhow!(
            "diff needs at least two versions (PDF or records JSON), got {}",
            files.len()
        ));
    }
    let mut plans: Vec<Plan> = Vec::new();
    for f in &files {
        let w = run::load(f, None)?;
        for x in &w.warnings {
            eprintln!("{}: warning: {}", f.display(), x.message);
        }
        plans.push(w.output);
    }
    // Two files are compared in the order given; more are ordered by edition.
    let logs = if plans.len() == 2 {
        vec![diff::compare(
            &plans[0],
            &plans[1],
            &diff::DiffOptions::default(),
        )]
    } else {
        run::order(&mut plans);
        run::compare_versions(&plans)
    };
    for log in &logs {
        for w in &log.warnings {
            eprintln!(
                "{} → {}: warning: {}",
                log.base.version, log.revised.version, w.message
            );
        }
    }
    let opts = ReportOptions {
        new_side: if a.new_right {
            NewSide::Right
        } else {
            NewSide::Left
        },
        marks: if a.markers {
            MarkStyle::Markers
        } else {
            MarkStyle::Underline
        },
    };
    let mut out = Vec::new();
    match a.format {
        DiffFormat::Json if logs.len() == 1 => report::json::write_changes(&mut out, &logs[0])?,
        DiffFormat::Json => {
            let hist = diff::history(&plans);
            let v =
                serde_json::json!({ "schema": "kaitei.series/1", "logs": logs, "history": hist });
            out = serde_json::to_vec_pretty(&v)?;
            out.push(b'\n');
        }
        DiffFormat::Md => {
            for (i, log) in logs.iter().enumerate() {
                if i > 0 {
                    out.push(b'\n');
                }
                report::markdown::write(&mut out, log)?;
            }
        }
        DiffFormat::Html => {
            let hist = diff::history(&plans);
            let input = report::html::ReportInput {
                plans: &plans,
                logs: &logs,
                history: &hist,
            };
            report::html::write(&mut out, &input, &opts)?;
        }
        DiffFormat::Csv => {
            for (i, log) in logs.iter().enumerate() {
                let mut one = Vec::new();
                report::csv::write_changes(&mut one, log)?;
                let body = if i == 0 {
                    &one[..]
                } else {
                    one.strip_prefix("\u{feff}".as_bytes()).unwrap_or(&one)
                };
                out.extend_from_slice(body);
            }
        }
    }
    super::emit(a.output.as_deref(), &out)?;
    Ok(logs.iter().all(|l| l.changes.is_empty()))
}
