//! `kaitei extract FILE.pdf... [-o OUT] [--format json|csv|xlsx]`

use crate::args::{ExtractArgs, ExtractFormat};
use anyhow::{Result, anyhow};
use kaitei::pipeline::{self, ExtractRun};
use kaitei::records::Plan;
use kaitei::report;
use std::path::{Path, PathBuf};

/// The bytes of one plan in the chosen format. CSV is the budgets table followed by the
/// participation table, each with its own header, separated by an empty line.
pub fn render(plan: &Plan, format: ExtractFormat) -> Result<Vec<u8>> {
    let mut v = Vec::new();
    match format {
        ExtractFormat::Json => report::json::write_records(&mut v, plan)?,
        ExtractFormat::Csv => report::csv::write_plan(&mut v, plan)?,
        ExtractFormat::Xlsx => report::xlsx::write_plan(&mut v, plan)?,
    }
    Ok(v)
}

fn out_path(out: &Path, input: &Path, many: bool, format: ExtractFormat) -> PathBuf {
    if !many && !out.is_dir() {
        return out.to_path_buf();
    }
    let stem = input
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let ext = match format {
        ExtractFormat::Json => "json",
        ExtractFormat::Csv => "csv",
        ExtractFormat::Xlsx => "xlsx",
    };
    out.join(format!("{stem}.{ext}"))
}

pub fn run(a: &ExtractArgs) -> Result<bool> {
    if a.format == ExtractFormat::Xlsx {
        super::binary_destination(a.output.as_deref())?;
    }
    let vocab = super::vocab(a.vocab.as_deref())?;
    let many = a.files.len() > 1;
    if many && let Some(o) = &a.output {
        std::fs::create_dir_all(o)
            .map_err(|e| anyhow!("{}: cannot create folder: {e}", o.display()))?;
    }
    let run = ExtractRun {
        password: a.password.clone(),
        vocab: Some(vocab),
    };
    let mut failed = 0;
    // Files are read in parallel; results are reported and written in the order given.
    use rayon::prelude::*;
    let results: Vec<_> = a
        .files
        .par_iter()
        .map(|f| pipeline::extract(f, &run))
        .collect();
    for (f, result) in a.files.iter().zip(results) {
        match result {
            Ok(res) => {
                for w in &res.warnings {
                    eprintln!("{}: warning: {}", f.display(), w.message);
                }
                let bytes = render(&res.output, a.format)?;
                let dest = a.output.as_deref().map(|o| out_path(o, f, many, a.format));
                super::emit(dest.as_deref(), &bytes)?;
            }
            // One file: its error is the command's one-line error.
            Err(e) if !many => return Err(e.into()),
            Err(e) => {
                eprintln!("kaitei: {e}");
                failed += 1;
            }
        }
    }
    if failed == a.files.len() {
        return Err(anyhow!(
            "none of the {} files could be extracted",
            a.files.len()
        ));
    }
    Ok(failed == 0)
}
