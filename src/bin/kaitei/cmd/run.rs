//! `kaitei` without a command: the yearly run over `--inputs` into `--outputs`.

use crate::args::RunArgs;
use anyhow::{Result, anyhow};
use indicatif::{ProgressBar, ProgressStyle};
use kaitei::run::{self, RunOptions};
use std::io::IsTerminal;

/// Returns whether every file was read.
pub fn run(cli: &RunArgs) -> Result<bool> {
    let vocab = super::vocab(cli.vocab.as_deref())?;
    let bar = if !cli.quiet && std::io::stderr().is_terminal() {
        let b = ProgressBar::new(0);
        b.set_style(
            ProgressStyle::with_template("{bar:30} {pos}/{len} {wide_msg}")
                .unwrap_or_else(|_| ProgressStyle::default_bar()),
        );
        Some(b)
    } else {
        None
    };
    let progress = |done: usize, total: usize, file: &std::path::Path| {
        if let Some(b) = &bar {
            b.set_length(total as u64);
            b.set_position(done as u64);
            b.set_message(file.display().to_string());
        }
    };
    let opts = RunOptions {
        vocab: Some(vocab),
        ..RunOptions::default()
    };
    let summary = run::run(&cli.inputs, &cli.outputs, &opts, &progress)?;
    if let Some(b) = &bar {
        b.finish_and_clear();
    }
    for f in &summary.failed {
        eprintln!("kaitei: {f}");
    }
    if cli.verbose {
        for (name, n) in &summary.logs {
            eprintln!("kaitei: {name}: {n} changes");
        }
    }
    eprintln!("kaitei: {}", run::describe(&summary, &cli.outputs));
    if summary.files > 0 && summary.failed.len() == summary.files {
        return Err(anyhow!("no input could be read"));
    }
    Ok(summary.failed.is_empty())
}
