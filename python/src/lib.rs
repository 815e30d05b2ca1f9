//! The native part of the `kaitei` Python package (`kaitei._kaitei`): the library's public API
//! behind PyO3. Python in → plain Rust calls with the GIL released → Python objects out (rows
//! as lists of strings, everything structured as the JSON or CSV the command line writes, so
//! that Python and the command line can never disagree). The DataFrames are built in
//! `kaitei/__init__.py`; pandas is not touched here.
//!
//! Errors are `kaitei.Error` subclasses whose message is the command line's one-line error.

use kaitei::diff::{DiffOptions, Series, compare_in_order};
use kaitei::records::Plan as RPlan;
use kaitei::report::{self, MarkStyle, NewSide, ReportOptions};
use kaitei::{PageSet, Warning};
use pyo3::create_exception;
use pyo3::exceptions::{PyException, PyValueError};
use pyo3::prelude::*;
use pyo3::types::PyBytes;
use std::path::PathBuf;

create_exception!(
    kaitei,
    Error,
    PyException,
    "kaitei could not do the job on a file; the message is one line naming the file, as on the command line."
);
create_exception!(kaitei, FileError, Error, "The file could not be read, or it is empty.");
create_exception!(kaitei, NotPdfError, Error, "The file is not a PDF.");
create_exception!(kaitei, DamagedError, Error, "The PDF is damaged beyond repair.");
create_exception!(
    kaitei,
    EncryptedError,
    Error,
    "The PDF is encrypted and the user password was not given or is wrong."
);
create_exception!(kaitei, LimitError, Error, "A resource limit was exceeded.");
create_exception!(
    kaitei,
    NotAVisionError,
    Error,
    "The document was read but is not a vision (no participation matrix)."
);
create_exception!(kaitei, JsonError, Error, "A records JSON file could not be parsed.");
create_exception!(
    kaitei,
    NoSuchPageError,
    Error,
    "A page outside the document was asked for."
);

/// The Python exception of a library error, with the command line's message.
fn py_err(e: kaitei::Error) -> PyErr {
    let msg = e.to_string();
    match e {
        kaitei::Error::Io { .. } | kaitei::Error::Empty { .. } => FileError::new_err(msg),
        kaitei::Error::NotPdf { .. } => NotPdfError::new_err(msg),
        kaitei::Error::Damaged { .. } => DamagedError::new_err(msg),
        kaitei::Error::Encrypted { .. } => EncryptedError::new_err(msg),
        kaitei::Error::Limit { .. } => LimitError::new_err(msg),
        kaitei::Error::NotAVision { .. } => NotAVisionError::new_err(msg),
        kaitei::Error::Json { .. } => JsonError::new_err(msg),
        kaitei::Error::NoSuchPage { .. } => NoSuchPageError::new_err(msg),
        _ => Error::new_err(msg),
    }
}

fn io_err(e: std::io::Error) -> PyErr {
    Error::new_err(e.to_string())
}

fn json_err(e: serde_json::Error) -> PyErr {
    Error::new_err(e.to_string())
}

/// Warnings as JSON: `[{"kind", "message", "message_ja", "page", "bbox"}]`.
fn warnings_json(ws: &[Warning]) -> PyResult<String> {
    let v: Vec<serde_json::Value> = ws
        .iter()
        .map(|w| {
            serde_json::json!({
                "kind": w.kind.as_str(),
                "message": w.message,
                "message_ja": w.kind.message_ja(),
                "page": w.page,
                "bbox": w.bbox,
            })
        })
        .collect();
    serde_json::to_string(&v).map_err(json_err)
}

/// Bytes written by a report writer.
fn render(f: impl FnOnce(&mut Vec<u8>) -> std::io::Result<()>) -> PyResult<Vec<u8>> {
    let mut v = Vec::new();
    f(&mut v).map_err(io_err)?;
    Ok(v)
}

fn text(bytes: Vec<u8>) -> PyResult<String> {
    String::from_utf8(bytes).map_err(|e| Error::new_err(e.to_string()))
}

/// One table: its grid as rows of strings and its attributes as JSON (everything the table
/// serializes except the cells, `bbox` as `[x0, y0, x1, y1]`).
type TableOut = (Vec<Vec<String>>, String);

fn table_out(t: &kaitei::table::Table) -> PyResult<TableOut> {
    let mut attrs = serde_json::to_value(t).map_err(json_err)?;
    if let Some(m) = attrs.as_object_mut() {
        m.remove("cells");
        m.insert(
            "bbox".into(),
            serde_json::json!([t.bbox.x0, t.bbox.y0, t.bbox.x1, t.bbox.y1]),
        );
    }
    Ok((t.rows(), attrs.to_string()))
}

/// The tables of a PDF: `(tables, warnings_json)`. The PDF is read with the GIL released.
#[pyfunction]
#[pyo3(signature = (path, pages=None, password=None, raw=false, mode="auto", area=None, columns=None))]
#[allow(clippy::too_many_arguments)]
fn read_tables(
    py: Python<'_>,
    path: PathBuf,
    pages: Option<String>,
    password: Option<String>,
    raw: bool,
    mode: &str,
    area: Option<(f64, f64, f64, f64)>,
    columns: Option<Vec<f64>>,
) -> PyResult<(Vec<TableOut>, String)> {
    let search = match mode {
        "auto" => kaitei::table::Search::Auto,
        "lattice" => kaitei::table::Search::Lattice,
        "stream" => kaitei::table::Search::Stream,
        other => {
            return Err(PyValueError::new_err(format!(
                "mode {other:?}: expected \"auto\", \"lattice\" or \"stream\""
            )));
        }
    };
    let options = kaitei::table::TableOptions {
        search,
        area: area.map(|(x0, y0, x1, y1)| kaitei::Rect::new(x0, y0, x1, y1)),
        columns,
        ..Default::default()
    };
    let pages = match pages {
        Some(s) => PageSet::parse(&s).ok_or_else(|| {
            PyValueError::new_err(format!(
                "pages {s:?}: expected page numbers and ranges like 1-3,7"
            ))
        })?,
        None => PageSet::all(),
    };
    let run = kaitei::pipeline::TableRun {
        pages,
        password,
        raw,
        options,
    };
    let res = py
        .detach(|| kaitei::tables(&path, &run))
        .map_err(py_err)?;
    let tables = res.output.iter().map(table_out).collect::<PyResult<_>>()?;
    Ok((tables, warnings_json(&res.warnings)?))
}

/// The records of one version of a vision.
#[pyclass(module = "kaitei._kaitei", frozen)]
struct Plan {
    inner: RPlan,
}

#[pymethods]
impl Plan {
    /// Version id (the file name without its extension).
    #[getter]
    fn version(&self) -> &str {
        &self.inner.version
    }

    /// Document title.
    #[getter]
    fn title(&self) -> &str {
        &self.inner.title
    }

    /// Edition as printed.
    #[getter]
    fn edition(&self) -> &str {
        &self.inner.edition
    }

    /// Whether the version is an excerpt draft.
    #[getter]
    fn excerpt(&self) -> bool {
        self.inner.excerpt
    }

    /// The records JSON (`kaitei.records/1`), as `kaitei extract` writes it.
    fn to_json(&self) -> PyResult<String> {
        text(render(|w| report::json::write_records(w, &self.inner))?)
    }

    /// The budgets CSV (UTF-8 with BOM).
    fn budgets_csv<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyBytes>> {
        let v = render(|w| report::csv::write_budgets(w, &self.inner))?;
        Ok(PyBytes::new(py, &v))
    }

    /// The participation CSV (UTF-8 with BOM).
    fn participation_csv<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyBytes>> {
        let v = render(|w| report::csv::write_participation(w, &self.inner))?;
        Ok(PyBytes::new(py, &v))
    }

    /// The warnings as JSON, with the Japanese sentence of each kind.
    fn warnings_json(&self) -> PyResult<String> {
        warnings_json(&self.inner.warnings)
    }

    /// The Excel workbook of the plan (事業費, 連携市町, 警告).
    fn to_xlsx<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyBytes>> {
        let v = render(|w| report::xlsx::write_plan(w, &self.inner))?;
        Ok(PyBytes::new(py, &v))
    }
}

/// A PDF (extracted) or a records JSON (read), with the GIL released.
fn load(py: Python<'_>, path: PathBuf, password: Option<String>) -> PyResult<RPlan> {
    py.detach(|| kaitei::load(&path, password.as_deref()))
        .map(|w| w.output)
        .map_err(py_err)
}

/// The records of a vision PDF (or a records JSON file).
#[pyfunction]
#[pyo3(signature = (path, password=None))]
fn extract(py: Python<'_>, path: PathBuf, password: Option<String>) -> PyResult<Plan> {
    Ok(Plan {
        inner: load(py, path, password)?,
    })
}

/// The change log from one version to another.
#[pyclass(module = "kaitei._kaitei", frozen)]
struct ChangeLog {
    series: Series,
}

fn options(new_right: bool, markers: bool) -> ReportOptions {
    ReportOptions {
        new_side: if new_right {
            NewSide::Right
        } else {
            NewSide::Left
        },
        marks: if markers {
            MarkStyle::Markers
        } else {
            MarkStyle::Underline
        },
    }
}

impl ChangeLog {
    fn log(&self) -> PyResult<&kaitei::diff::ChangeLog> {
        self.series
            .logs
            .first()
            .ok_or_else(|| Error::new_err("no change log"))
    }
}

#[pymethods]
impl ChangeLog {
    /// The base version id.
    #[getter]
    fn base(&self) -> PyResult<String> {
        Ok(self.log()?.base.version.clone())
    }

    /// The revised version id.
    #[getter]
    fn revised(&self) -> PyResult<String> {
        Ok(self.log()?.revised.version.clone())
    }

    /// The number of events.
    fn __len__(&self) -> PyResult<usize> {
        Ok(self.log()?.changes.len())
    }

    /// The change log JSON (`kaitei.changes/1`).
    fn to_json(&self) -> PyResult<String> {
        let log = self.log()?;
        text(render(|w| report::json::write_changes(w, log))?)
    }

    /// The 変更箇所 summary in Markdown.
    fn to_markdown(&self) -> PyResult<String> {
        text(render(|w| report::markdown::write_series(w, &self.series))?)
    }

    /// The HTML report.
    #[pyo3(signature = (new_right=false, markers=false))]
    fn to_html(&self, new_right: bool, markers: bool) -> PyResult<String> {
        let opts = options(new_right, markers);
        text(render(|w| report::html::write(w, &self.series, &opts))?)
    }

    /// The Excel workbook.
    #[pyo3(signature = (new_right=false, markers=false))]
    fn to_xlsx<'py>(
        &self,
        py: Python<'py>,
        new_right: bool,
        markers: bool,
    ) -> PyResult<Bound<'py, PyBytes>> {
        let opts = options(new_right, markers);
        let v = render(|w| report::xlsx::write(w, &self.series, &opts))?;
        Ok(PyBytes::new(py, &v))
    }

    /// The events CSV (UTF-8 with BOM).
    fn events_csv<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyBytes>> {
        let v = render(|w| report::csv::write_changes(w, &self.series.logs))?;
        Ok(PyBytes::new(py, &v))
    }

    /// The warnings as JSON, with the Japanese sentence of each kind.
    fn warnings_json(&self) -> PyResult<String> {
        warnings_json(&self.log()?.warnings)
    }
}

/// A version given as a `Plan` or as a path.
fn version(py: Python<'_>, v: &Bound<'_, PyAny>, password: &Option<String>) -> PyResult<RPlan> {
    if let Ok(p) = v.cast::<Plan>() {
        return Ok(p.get().inner.clone());
    }
    load(py, v.extract::<PathBuf>()?, password.clone())
}

/// Compares two versions (each a PDF, a records JSON or a `Plan`) in the order given.
#[pyfunction]
#[pyo3(signature = (old, new, password=None))]
fn diff(
    py: Python<'_>,
    old: &Bound<'_, PyAny>,
    new: &Bound<'_, PyAny>,
    password: Option<String>,
) -> PyResult<ChangeLog> {
    let plans = vec![version(py, old, &password)?, version(py, new, &password)?];
    let series = py.detach(|| compare_in_order(plans, &DiffOptions::default()));
    Ok(ChangeLog { series })
}

/// Kind code → its Japanese label.
type Labels = Vec<(&'static str, &'static str)>;

/// The Japanese names of the event kinds and warning kinds, as the reports show them.
#[pyfunction]
fn labels_ja() -> (Labels, Labels) {
    let events = kaitei::diff::ChangeKind::ALL
        .iter()
        .map(|k| (k.as_str(), report::kind_ja(*k)))
        .collect();
    let warnings = kaitei::WarningKind::ALL
        .iter()
        .map(|k| (k.as_str(), k.message_ja()))
        .collect();
    (events, warnings)
}

/// The native module.
#[pymodule]
fn _kaitei(m: &Bound<'_, PyModule>) -> PyResult<()> {
    let py = m.py();
    m.add_function(wrap_pyfunction!(read_tables, m)?)?;
    m.add_function(wrap_pyfunction!(extract, m)?)?;
    m.add_function(wrap_pyfunction!(diff, m)?)?;
    m.add_function(wrap_pyfunction!(labels_ja, m)?)?;
    m.add_class::<Plan>()?;
    m.add_class::<ChangeLog>()?;
    m.add("Error", py.get_type::<Error>())?;
    m.add("FileError", py.get_type::<FileError>())?;
    m.add("NotPdfError", py.get_type::<NotPdfError>())?;
    m.add("DamagedError", py.get_type::<DamagedError>())?;
    m.add("EncryptedError", py.get_type::<EncryptedError>())?;
    m.add("LimitError", py.get_type::<LimitError>())?;
    m.add("NotAVisionError", py.get_type::<NotAVisionError>())?;
    m.add("JsonError", py.get_type::<JsonError>())?;
    m.add("NoSuchPageError", py.get_type::<NoSuchPageError>())?;
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    Ok(())
}
