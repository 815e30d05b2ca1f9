//! `kaitei diff OLD NEW... [-o OUT] [--format json|md|html|csv|xlsx]`: each side a PDF or a records
//! JSON; a folder stands for the versions in it.

use crate::args::{DiffArgs, DiffFormat};
use anyhow::{Result, anyhow};
use kaitei::diff::{self, DiffOptions, Series};
use kaitei::pipeline;
use kaitei::records::Plan;
use kaitei::report::{self, MarkStyle, NewSide, ReportOptions};
use std::path::PathBuf;

/// The versions named on the command line, folders expanded.
fn versions(a: &DiffArgs) -> Result<Vec<PathBuf>> {
    let mut files: Vec<PathBuf> = Vec::new();
    for f in &a.files {
        if f.is_dir() {
            files.extend(pipeline::inputs(f)?);
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
    Ok(files)
}

fn report_options(a: &DiffArgs) -> ReportOptions {
    ReportOptions {
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
    }
}

fn render(series: &Series, a: &DiffArgs) -> Result<Vec<u8>> {
    let mut out = Vec::new();
    match a.format {
        DiffFormat::Json if series.logs.len() == 1 => {
            report::json::write_changes(&mut out, &series.logs[0])?
        }
        DiffFormat::Json => report::json::write_series(&mut out, series)?,
        DiffFormat::Md => report::markdown::write_series(&mut out, series)?,
        DiffFormat::Html => report::html::write(&mut out, series, &report_options(a))?,
        DiffFormat::Csv => report::csv::write_changes(&mut out, &series.logs)?,
        DiffFormat::Xlsx => report::xlsx::write(&mut out, series, &report_options(a))?,
    }
    Ok(out)
}

/// Returns whether there were no changes (exit 0) or changes (exit 1).
pub fn run(a: &DiffArgs) -> Result<bool> {
    if a.format == DiffFormat::Xlsx {
        super::binary_destination(a.output.as_deref())?;
    }
    let vocab = super::vocab(a.vocab.as_deref())?;
    let mut plans: Vec<Plan> = Vec::new();
    for f in versions(a)? {
        let w = pipeline::load_with(&f, None, &vocab)?;
        for x in &w.warnings {
            eprintln!("{}: warning: {}", f.display(), x.message);
        }
        plans.push(w.output);
    }
    // Two files are compared in the order given; more are ordered by edition.
    let opts = DiffOptions::default();
    let series = if plans.len() == 2 {
        diff::compare_in_order(plans, &opts)
    } else {
        diff::compare_series(plans, &opts)
    };
    for log in &series.logs {
        for w in &log.warnings {
            eprintln!(
                "{} → {}: warning: {}",
                log.base.version, log.revised.version, w.message
            );
        }
    }
    super::emit(a.output.as_deref(), &render(&series, a)?)?;
    Ok(series.logs.iter().all(|l| l.changes.is_empty()))
}
