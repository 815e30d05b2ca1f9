//! The stages composed for whole files: a PDF path → its tables; a PDF or records JSON path →
//! a [`Plan`](crate::records::Plan); a folder of versions → change logs and reports.
//!
//! Pages are interpreted in parallel (rayon); results are put back in page order, so output is
//! the same whatever the thread count.

use crate::error::{Error, Result, Warned, Warning};
use crate::pdf::{Document, PageContent};
use crate::table::assign::TextLine;
use crate::table::{Table, TableOptions, find_tables};
use rayon::prelude::*;
use std::path::Path;

/// A set of 1-based page numbers, parsed from `1-3,7`.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct PageSet {
    ranges: Vec<(usize, usize)>,
}

impl PageSet {
    /// Every page.
    pub fn all() -> Self {
        PageSet::default()
    }

    /// Parses `1-3,7,10-`; `None` when malformed.
    pub fn parse(s: &str) -> Option<Self> {
        let mut ranges = Vec::new();
        for part in s.split(',').map(str::trim).filter(|p| !p.is_empty()) {
            let (a, b) = match part.split_once('-') {
                Some((a, b)) => {
                    let a: usize = a.trim().parse().ok()?;
                    let b: usize = if b.trim().is_empty() {
                        usize::MAX
                    } else {
                        b.trim().parse().ok()?
                    };
                    (a, b)
                }
                None => {
                    let a: usize = part.parse().ok()?;
                    (a, a)
                }
            };
            if a == 0 || b < a {
                return None;
            }
            ranges.push((a, b));
        }
        if ranges.is_empty() {
            None
        } else {
            Some(PageSet { ranges })
        }
    }

    /// Whether page `n` is in the set.
    pub fn contains(&self, n: usize) -> bool {
        self.ranges.is_empty() || self.ranges.iter().any(|&(a, b)| n >= a && n <= b)
    }

    /// The pages of a document of `count` pages in the set, in order.
    pub fn pages(&self, count: usize) -> Vec<usize> {
        (1..=count).filter(|&n| self.contains(n)).collect()
    }

    /// The first page asked for beyond `count`, if any (for an error).
    pub fn beyond(&self, count: usize) -> Option<usize> {
        self.ranges.iter().map(|&(a, _)| a).find(|&a| a > count)
    }
}

/// Interprets the selected pages of a document in parallel; failed pages become warnings.
pub fn pages(doc: &Document, set: &PageSet) -> Result<Warned<Vec<PageContent>>> {
    map_pages(doc, set, false, |p| p)
}

/// Interprets the selected pages in parallel and maps each page as soon as it is read, so that
/// only the mapped results are kept (5,000 pages of tables need not hold 5,000 pages of glyphs).
/// `raw` keeps glyph text as the fonts map it. Results come back in page order.
pub fn map_pages<T: Send>(
    doc: &Document,
    set: &PageSet,
    raw: bool,
    f: impl Fn(PageContent) -> T + Sync,
) -> Result<Warned<Vec<T>>> {
    let count = doc.page_count();
    if let Some(p) = set.beyond(count) {
        return Err(Error::NoSuchPage {
            file: doc.path().to_path_buf(),
            page: p,
            count,
        });
    }
    // One contiguous run of pages per thread, each with its own font cache: fonts are shared
    // across pages, and parsing a font program costs more than interpreting a page.
    let numbers = set.pages(count);
    let per = numbers
        .len()
        .div_ceil(rayon::current_num_threads().max(1))
        .max(1);
    let results: Vec<std::result::Result<Warned<T>, Warning>> = numbers
        .par_chunks(per)
        .flat_map_iter(|chunk| {
            let cache = crate::pdf::PageCache::default();
            chunk
                .iter()
                .map(|&n| {
                    doc.page_warned(n, &cache).map(|mut w| {
                        if raw {
                            for g in &mut w.output.glyphs {
                                if let Some(r) = g.raw.take() {
                                    g.text = r;
                                }
                            }
                        }
                        Warned {
                            output: f(w.output),
                            warnings: w.warnings,
                        }
                    })
                })
                .collect::<Vec<_>>()
        })
        .collect();
    let mut output = Vec::new();
    let mut warnings = Vec::new();
    for r in results {
        match r {
            Ok(mut p) => {
                output.push(p.output);
                warnings.append(&mut p.warnings);
            }
            Err(w) => warnings.push(w),
        }
    }
    Ok(Warned { output, warnings })
}

/// What `kaitei tables` reads.
#[derive(Debug, Clone, Default)]
pub struct TableRun {
    /// Pages to read.
    pub pages: PageSet,
    /// User password.
    pub password: Option<String>,
    /// Keep text as the fonts map it (no radical repair).
    pub raw: bool,
    /// Which tables to look for, and the user's hints.
    pub options: TableOptions,
}

/// The tables of a PDF, page by page, with a warning for each table whose columns were
/// guessed.
pub fn tables(path: &Path, run: &TableRun) -> Result<Warned<Vec<Table>>> {
    let doc = Document::open(path, run.password.as_deref())?;
    let Warned {
        output,
        mut warnings,
    } = map_pages(&doc, &run.pages, run.raw, |p| find_tables(&p, &run.options))?;
    let output: Vec<Table> = output.into_iter().flatten().collect();
    warnings.extend(crate::table::warnings(&output));
    Ok(Warned { output, warnings })
}

/// Opens a document and interprets the selected pages, applying `--raw`.
pub fn page_contents(path: &Path, run: &TableRun) -> Result<Warned<Vec<PageContent>>> {
    open_pages(path, run)
}

fn open_pages(path: &Path, run: &TableRun) -> Result<Warned<Vec<PageContent>>> {
    let doc = Document::open(path, run.password.as_deref())?;
    map_pages(&doc, &run.pages, run.raw, |p| p)
}

/// The text lines of one page: its 1-based number and lines top to bottom.
pub type PageText = (usize, Vec<TextLine>);

/// The text lines of each page.
pub fn text(path: &Path, run: &TableRun) -> Result<Warned<Vec<PageText>>> {
    let doc = Document::open(path, run.password.as_deref())?;
    map_pages(&doc, &run.pages, run.raw, |p| {
        (
            p.number,
            crate::table::page_lines(&p, &find_tables(&p, &TableOptions::lattice())),
        )
    })
}

/// What `kaitei extract` reads.
#[derive(Debug, Clone, Default)]
pub struct ExtractRun {
    /// User password.
    pub password: Option<String>,
}

/// The records of a vision PDF. Fails with [`Error::NotAVision`] when the document has no
/// participation matrix.
pub fn extract(path: &Path, run: &ExtractRun) -> Result<Warned<crate::records::Plan>> {
    let doc = Document::open(path, run.password.as_deref())?;
    let Warned {
        output: pages,
        mut warnings,
    } = pages(&doc, &PageSet::all())?;
    // Records read ruled tables as drawn (a vision's tables are ruled).
    let opts = TableOptions::lattice();
    let tables: Vec<Vec<Table>> = pages.par_iter().map(|p| find_tables(p, &opts)).collect();
    let version = path
        .file_stem()
        .map(|s| s.to_string_lossy().trim_end_matches(".lo").to_string())
        .unwrap_or_default();
    let mut plan =
        crate::records::extract(&version, &pages, &tables).map_err(|reason| Error::NotAVision {
            file: path.to_path_buf(),
            reason,
        })?;
    warnings.append(&mut plan.warnings);
    plan.warnings = warnings.clone();
    Ok(Warned {
        output: plan,
        warnings,
    })
}

/// Writes a file atomically: a temporary file in the same folder, then a rename, so that an
/// interrupted run never leaves a half-written file where a good one stood.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    use std::io::Write;
    let dir = path
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let tmp = dir.join(format!(".{name}.{}.tmp", std::process::id()));
    let result = (|| {
        let mut f = std::fs::File::create(&tmp)?;
        f.write_all(bytes)?;
        f.sync_all()?;
        std::fs::rename(&tmp, path)
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn page_sets_parse_ranges_and_refuse_nonsense() {
        let s = PageSet::parse("1-3, 7,10-").unwrap();
        assert_eq!(s.pages(12), vec![1, 2, 3, 7, 10, 11, 12]);
        assert!(PageSet::parse("0").is_none());
        assert!(PageSet::parse("3-1").is_none());
        assert!(PageSet::parse("a").is_none());
        assert_eq!(PageSet::parse("5").unwrap().beyond(3), Some(5));
    }
}
