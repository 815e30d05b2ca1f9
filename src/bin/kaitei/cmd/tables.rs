//! `kaitei tables FILE.pdf [--pages 1-3,7] [--format json|csv] [--mode auto|lattice|stream]
//! [--area x0,y0,x1,y1] [--columns x1,x2,...]`

use crate::args::{TablesArgs, TablesFormat, TablesMode, TextArgs};
use anyhow::{Result, anyhow, bail};
use kaitei::Rect;
use kaitei::WarningKind;
use kaitei::pipeline::{self, PageSet};
use kaitei::report::tables as out;
use kaitei::table::{Search, TableOptions};

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
        ..Default::default()
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

/// Numbers separated by commas, as given to `--area` and `--columns`.
fn numbers(flag: &str, s: &str) -> Result<Vec<f64>> {
    s.split(',')
        .map(|p| {
            p.trim()
                .parse::<f64>()
                .ok()
                .filter(|v| v.is_finite())
                .ok_or_else(|| anyhow!("{flag} {s:?}: expected numbers separated by commas"))
        })
        .collect()
}

/// The table options of the flags.
fn options(a: &TablesArgs) -> Result<TableOptions> {
    let area = match &a.area {
        Some(s) => match numbers("--area", s)?.as_slice() {
            &[x0, y0, x1, y1] => Some(Rect::new(x0, y0, x1, y1)),
            _ => bail!("--area {s:?}: expected four numbers x0,y0,x1,y1"),
        },
        None => None,
    };
    let columns = a
        .columns
        .as_deref()
        .map(|s| numbers("--columns", s))
        .transpose()?;
    Ok(TableOptions {
        search: match a.mode {
            TablesMode::Auto => Search::Auto,
            TablesMode::Lattice => Search::Lattice,
            TablesMode::Stream => Search::Stream,
        },
        area,
        columns,
        ..TableOptions::default()
    })
}

pub fn run(a: &TablesArgs) -> Result<bool> {
    let set = page_set(&a.pages)?;
    let opts = pipeline::TableRun {
        pages: set,
        password: a.password.clone(),
        raw: a.raw,
        options: options(a)?,
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
    // Guessed columns are worth a warning, not a partial failure.
    Ok(res
        .warnings
        .iter()
        .all(|w| w.kind == WarningKind::StreamColumnsGuessed))
}
