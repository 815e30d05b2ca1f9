//! `kaitei tables FILE.pdf [--pages 1-3,7] [--format json|csv]`

use crate::args::{TablesArgs, TablesFormat, TextArgs};
use anyhow::{Result, anyhow};
use kaitei::pipeline::{self, PageSet};
use kaitei::table::export as out;

fn page_set(pages: &Option<String>) -> Result<PageSet> {
    match pages {
        Some(s) => PageSet::parse(s)
            .ok_or_else(|| anyhow!("--pages {s:?}: expected page numbers and ranges like 1-3,7")),
        None => Ok(PageSet::all()),
    }
}

/// `kaitei text FILE.pdf`: each page's lines, as the table and records stages see them.
pub fn run_text(a: &TextArgs) -> Result<bool> {
    let opts = pipeline::TableRun {
        pages: page_set(&a.pages)?,
        password: a.password.clone(),
        raw: a.raw,
    };
    if a.json {
        let res = pipeline::page_contents(&a.file, &opts)?;
        let mut v = serde_json::to_vec_pretty(&res.output)?;
        v.push(b'\n');
        super::emit(None, &v)?;
        return Ok(res.warnings.is_empty());
    }
    let res = pipeline::text(&a.file, &opts)?;
    let mut s = String::new();
    for (page, lines) in &res.output {
        s.push_str(&format!("--- page {page} ---\n"));
        for l in lines {
            s.push_str(&l.text);
            s.push('\n');
        }
    }
    for w in &res.warnings {
        eprintln!("{}: warning: {}", a.file.display(), w.message);
    }
    super::emit(None, s.as_bytes())?;
    Ok(res.warnings.is_empty())
}

pub fn run(a: &TablesArgs) -> Result<bool> {
    let set = page_set(&a.pages)?;
    let opts = pipeline::TableRun {
        pages: set,
        password: a.password.clone(),
        raw: a.raw,
    };
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
