//! The stages composed for whole files: the entry points of the library.
//!
//! A [`Document`] is opened from a path or from bytes; its pages are interpreted in parallel
//! (rayon) into [`PageContent`]s, which give [`Table`]s, text lines and, for a vision, the
//! records ([`Plan`]). [`load`] reads a version from a PDF or a records JSON file. Results come
//! back in page order, so output is the same whatever the thread count.
//!
//! ```no_run
//! # fn main() -> kaitei::Result<()> {
//! let doc = kaitei::Document::open("vision.pdf", None)?;
//! let tables = doc.tables(&kaitei::PageSet::all(), false, &Default::default())?;
//! println!("{} tables", tables.output.len());
//! let plan = doc.extract()?.output;
//! println!("{}: {} projects", plan.title, plan.projects.len());
//! # Ok(())
//! # }
//! ```

use crate::error::{Error, Result, Warned, Warning};
use crate::pdf::{self, PageContent};
use crate::records::{Plan, Vocab};
use crate::table::{Table, TableOptions, find_tables};
use rayon::prelude::*;
use std::path::{Path, PathBuf};
use std::sync::Arc;

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

/// An opened PDF.
///
/// ```
/// let bytes = std::fs::read(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/fixtures/two-tables.pdf")).unwrap();
/// let doc = kaitei::Document::from_bytes(bytes, "two-tables.pdf", None).unwrap();
/// assert_eq!(doc.page_count(), 1);
/// let tables = doc.tables(&kaitei::PageSet::all(), false, &Default::default()).unwrap().output;
/// assert_eq!(tables.len(), 2);
/// ```
#[derive(Debug)]
pub struct Document {
    pdf: pdf::Document,
}

/// A document's pages and the tables on each, read once for everything that follows.
#[derive(Debug, Clone)]
pub struct Reading {
    /// The version id of the document (its file name without the extension).
    pub version: String,
    /// Every page read, in page order (failed pages are left out, with a warning).
    pub pages: Vec<PageContent>,
    /// The tables of each page of `pages`.
    pub tables: Vec<Vec<Table>>,
}

impl Reading {
    /// The records of the document, if it is a vision, read with the built-in vocabulary.
    pub fn plan(&self) -> std::result::Result<Plan, crate::error::NotAVision> {
        self.plan_with(&Vocab::builtin())
    }

    /// The records of the document, if it is a vision, read with `vocab` (the built-in
    /// vocabulary with a user's file laid over it: [`Vocab::with_file`]).
    pub fn plan_with(&self, vocab: &Vocab) -> std::result::Result<Plan, crate::error::NotAVision> {
        crate::records::extract(&self.version, &self.pages, &self.tables, vocab)
    }
}

/// The version id of a file: its name without the last extension (`2023-draft.pdf` →
/// `2023-draft`), as given; nothing else is trimmed.
fn version_of(path: &Path) -> String {
    path.file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default()
}

impl Document {
    /// Opens a PDF file; `password` is the user password of an encrypted file.
    pub fn open(path: impl AsRef<Path>, password: Option<&str>) -> Result<Document> {
        Ok(Document {
            pdf: pdf::Document::open(path.as_ref(), password)?,
        })
    }

    /// Opens PDF bytes; `name` names the document in errors and gives its version id.
    pub fn from_bytes(
        bytes: Vec<u8>,
        name: impl AsRef<Path>,
        password: Option<&str>,
    ) -> Result<Document> {
        Ok(Document {
            pdf: pdf::Document::from_bytes(name.as_ref(), bytes, password)?,
        })
    }

    /// The file name the document was opened from.
    pub fn path(&self) -> &Path {
        self.pdf.path()
    }

    /// Number of pages.
    pub fn page_count(&self) -> usize {
        self.pdf.page_count()
    }

    /// The selected pages, interpreted. `raw` keeps glyph text as the fonts map it (no repair
    /// of radical code points).
    pub fn pages(&self, set: &PageSet, raw: bool) -> Result<Warned<Vec<PageContent>>> {
        map_pages(&self.pdf, set, raw, |p| p)
    }

    /// The tables of the selected pages, in page order, found as `opts` says (ruled, unruled or
    /// both; hints), with a warning for each table whose columns were guessed.
    pub fn tables(
        &self,
        set: &PageSet,
        raw: bool,
        opts: &TableOptions,
    ) -> Result<Warned<Vec<Table>>> {
        let Warned {
            output,
            mut warnings,
        } = map_pages(&self.pdf, set, raw, |p| find_tables(&p, opts))?;
        let output: Vec<Table> = output.into_iter().flatten().collect();
        warnings.extend(crate::table::warnings(&output));
        Ok(Warned { output, warnings })
    }

    /// The text lines of the selected pages in reading order ([`crate::page::Line`]: columns,
    /// vertical writing, table cells at their place), with the page warnings (among them the
    /// glyphs that could not be mapped to text or were guessed).
    pub fn text(&self, set: &PageSet, raw: bool) -> Result<Warned<Vec<PageText>>> {
        // Cells of ruled tables are read in place; unruled text is ordered by `layout` itself.
        let opts = TableOptions::lattice();
        map_pages(&self.pdf, set, raw, |p| {
            (
                p.number,
                crate::layout::page_lines(&p, &find_tables(&p, &opts)),
            )
        })
    }

    /// Every page and its tables, each page interpreted once.
    pub fn read(&self) -> Result<Warned<Reading>> {
        // Records read ruled tables as drawn (a vision's tables are ruled).
        let opts = TableOptions::lattice();
        let Warned { output, warnings } = map_pages(&self.pdf, &PageSet::all(), false, |p| {
            let t = find_tables(&p, &opts);
            (p, t)
        })?;
        let (pages, tables) = output.into_iter().unzip();
        Ok(Warned {
            output: Reading {
                version: version_of(self.path()),
                pages,
                tables,
            },
            warnings,
        })
    }

    /// The records of a vision. Fails with [`Error::NotAVision`] when the document has no
    /// participation matrix. The plan's `warnings` hold the page warnings and the validation
    /// warnings; [`Warned::warnings`] is the same list.
    ///
    /// ```
    /// let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/fixtures");
    /// let doc = kaitei::Document::open(format!("{dir}/vision-bihoku.pdf"), None).unwrap();
    /// let plan = doc.extract().unwrap().output;
    /// assert_eq!(plan.version, "vision-bihoku");
    /// assert_eq!(plan.projects.len(), 3);
    /// let tables = kaitei::Document::open(format!("{dir}/two-tables.pdf"), None).unwrap();
    /// let err = tables.extract().unwrap_err();
    /// assert!(matches!(err, kaitei::Error::NotAVision { .. }));
    /// ```
    pub fn extract(&self) -> Result<Warned<Plan>> {
        self.extract_with(&Vocab::builtin())
    }

    /// [`Document::extract`] with another vocabulary ([`Vocab::with_file`]).
    pub fn extract_with(&self, vocab: &Vocab) -> Result<Warned<Plan>> {
        let Warned {
            output: reading,
            mut warnings,
        } = self.read()?;
        let mut plan = reading
            .plan_with(vocab)
            .map_err(|reason| Error::NotAVision {
                file: self.path().to_path_buf(),
                reason,
            })?;
        warnings.append(&mut plan.warnings);
        plan.warnings = warnings.clone();
        Ok(Warned {
            output: plan,
            warnings,
        })
    }
}

/// Interprets the selected pages in parallel and maps each page as soon as it is read, so that
/// only the mapped results are kept (5,000 pages of tables need not hold 5,000 pages of glyphs).
/// `raw` keeps glyph text as the fonts map it. Results come back in page order; failed pages
/// become warnings.
fn map_pages<T: Send>(
    doc: &pdf::Document,
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
    let run = |chunk: &[usize]| {
        let cache = pdf::PageCache::default();
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
    };
    // A single page is read on this thread: starting the thread pool for it would cost more
    // than the page (a typical one-page `kaitei text` takes 2–4 ms).
    let results: Vec<std::result::Result<Warned<T>, Warning>> = if numbers.len() <= 1 {
        run(&numbers)
    } else {
        let per = numbers
            .len()
            .div_ceil(rayon::current_num_threads().max(1))
            .max(1);
        numbers.par_chunks(per).flat_map_iter(run).collect()
    };
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

/// What `kaitei tables` and `kaitei text` read.
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

/// The ruled tables of a PDF file, page by page ([`Document::tables`]).
///
/// ```
/// use kaitei::pipeline::TableRun;
/// let path = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/fixtures/two-tables.pdf");
/// let run = TableRun { pages: kaitei::PageSet::parse("1").unwrap(), ..TableRun::default() };
/// let tables = kaitei::tables(path.as_ref(), &run).unwrap().output;
/// assert_eq!(tables.len(), 2);
/// assert_eq!(tables[0].page, 1);
/// ```
pub fn tables(path: &Path, run: &TableRun) -> Result<Warned<Vec<Table>>> {
    Document::open(path, run.password.as_deref())?.tables(&run.pages, run.raw, &run.options)
}

/// The interpreted pages of a PDF file ([`Document::pages`]).
pub fn page_contents(path: &Path, run: &TableRun) -> Result<Warned<Vec<PageContent>>> {
    Document::open(path, run.password.as_deref())?.pages(&run.pages, run.raw)
}

/// The text lines of one page: its 1-based number and lines in reading order.
pub type PageText = (usize, Vec<crate::layout::Line>);

/// The text lines of each page of a PDF file ([`Document::text`]).
pub fn text(path: &Path, run: &TableRun) -> Result<Warned<Vec<PageText>>> {
    Document::open(path, run.password.as_deref())?.text(&run.pages, run.raw)
}

/// What `kaitei extract` reads.
#[derive(Debug, Clone, Default)]
pub struct ExtractRun {
    /// User password.
    pub password: Option<String>,
    /// The vocabulary (`None`: the built-in one).
    pub vocab: Option<Arc<Vocab>>,
}

/// The records of a vision PDF file ([`Document::extract`]).
///
/// ```
/// let path = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/fixtures/vision-bihoku.pdf");
/// let plan = kaitei::extract(path.as_ref(), &Default::default()).unwrap().output;
/// assert_eq!(plan.partners.len(), 4);
/// ```
pub fn extract(path: &Path, run: &ExtractRun) -> Result<Warned<Plan>> {
    let vocab = run.vocab.clone().unwrap_or_else(Vocab::builtin);
    Document::open(path, run.password.as_deref())?.extract_with(&vocab)
}

/// Reads a version: a PDF is extracted, a `.json` file is read as records (ours or the corpus
/// truth format, [`Plan::from_json`]). A records file without a version id takes its file
/// name's.
///
/// ```
/// let path = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/okayama-2023-draft.json");
/// let plan = kaitei::load(path.as_ref(), None).unwrap().output;
/// assert!(plan.excerpt);
/// assert_eq!(plan.edition_key().unwrap().to_string(), "2023-03");
/// ```
pub fn load(path: &Path, password: Option<&str>) -> Result<Warned<Plan>> {
    load_with(path, password, &Vocab::builtin())
}

/// [`load`] with another vocabulary for a PDF ([`Vocab::with_file`]).
pub fn load_with(path: &Path, password: Option<&str>, vocab: &Vocab) -> Result<Warned<Plan>> {
    let is_json = path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("json"));
    if !is_json {
        return Document::open(path, password)?.extract_with(vocab);
    }
    let bytes = std::fs::read(path).map_err(|source| Error::Io {
        file: path.to_path_buf(),
        source,
    })?;
    let mut plan = Plan::from_json(&bytes).map_err(|e| Error::Json {
        file: path.to_path_buf(),
        reason: e.to_string(),
    })?;
    if plan.version.is_empty() {
        plan.version = version_of(path);
    }
    Ok(Warned {
        output: plan,
        warnings: Vec::new(),
    })
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

/// Writes a file atomically: a temporary file in the same folder, then a rename, so that an
/// interrupted run never leaves a half-written file where a good one stood (a rename within a
/// folder is atomic, POSIX `rename(2)`). The file is not `fsync`ed: that would only add
/// durability against a power cut, at the price of a disk flush per file (a yearly run writes
/// some twenty), and the outputs can always be written again from the inputs.
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
        drop(f);
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
