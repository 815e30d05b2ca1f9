//! `kaitei tables FILE.pdf [--pages 1-3,7] [--format json|csv]`

use crate::args::{TablesArgs, TablesFormat};
use anyhow::{Result, anyhow};
use kaitei::pipeline::{self, PageSet};
use kaitei::table::export as out;

pub fn run(a: &TablesArgs) -> Result<bool> {
    let set = match &a.pages {
        Some(s) => PageSet::parse(s).ok_or_else(|| anyhow!("--pages {s:?}: expected page numbers and ranges like 1-3,7"))?,
        None => PageSet::all(),
    };
    let opts = pipeline::TableRun { pages: set, password: a.password.clone(), raw: a.raw };
    let res = pipeline::tables(&a.file, &opts)?;
    for w in &res.warnings {
        eprintln!("{}: warning: {}", a.file.display(), w.message);
    }
    let bytes = match a.format {
        TablesFormat::Json => out::json(&a.file, &res.output, &res.warnings),
        TablesFormat::Csv => out::csv(&res.output),
    };
    super::emit(a.output.as_deref(), &bytes)?;
    Ok(res.warnings.is_empty())
}
