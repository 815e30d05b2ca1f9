//! A series (versions, change logs, history) → one Excel workbook for the people who act on a
//! revision, written with `rust_xlsxwriter`. Sheets, in order:
//!
//! | sheet | rows |
//! |---|---|
//! | `変更一覧` | one per event: 比較, 種別 (the kind in Japanese), 事業名, 項目, 年度, 連携市町, 市町コード, 変更前, 変更後, 増減 (amounts), 新/旧 頁, 注記; autofilter, frozen header |
//! | `新旧対照表` | per change log a block: 事業名, 項目, 新 and 旧 in the order of [`ReportOptions`], 頁, 注記; inserted text red and underlined, deleted text struck through, as rich text in the cell |
//! | `事業費` | per project and version (cards printed in that version): the amount of each fiscal year as a number (`#,##0`, 千円), 計 as a `SUM` formula whose cached value is the printed 計; a 計 that differs from the sum is highlighted and listed in `警告`; amounts changed by the version's change log are highlighted |
//! | `連携市町` | the participation matrix: projects × municipalities with ○, a header row of 全国地方公共団体コード, joins green and departures red (as the change logs found them) |
//! | `警告` | every warning with its version and page: the Japanese sentence of its kind, the kind code and the English message |
//!
//! A single plan ([`write_plan`], `kaitei extract --format xlsx`) has `事業費`, `連携市町` and
//! `警告`. The bytes are deterministic: the document properties are fixed (creation time
//! 2000-01-01T00:00:00Z) and `rust_xlsxwriter` stamps its zip entries with a fixed time, so a
//! rerun writes an identical file.

use super::ReportOptions;
use super::event::{EventCells, Field, Value};
use super::taisho::{self, Mark, Side, kind_ja, kpi_field_ja, text_field_ja};
use crate::diff::{
    self, Change, ChangeDetail, ChangeKind, ChangeLog, DiffOptions, History, ProjectState, Series,
};
use crate::error::{Warning, WarningKind};
use crate::records::{FiscalYear, Plan, group_digits};
use rust_xlsxwriter::{
    Color, DocProperties, ExcelDateTime, Format, FormatAlign, FormatBorder, FormatUnderline,
    Formula, Url, Workbook, Worksheet, XlsxError, utility::row_col_to_cell as cell_name,
};
use std::borrow::Cow;
use std::io::{self, Write};
use unicode_width::UnicodeWidthStr;

/// Writes the workbook of a series (all five sheets).
///
/// ```
/// use kaitei::diff::{DiffOptions, compare_series};
/// use kaitei::records::Plan;
/// let series = compare_series(vec![Plan::empty("v1"), Plan::empty("v2")], &DiffOptions::default());
/// let mut out = Vec::new();
/// kaitei::report::xlsx::write(&mut out, &series, &Default::default()).unwrap();
/// assert!(out.starts_with(b"PK")); // a zip archive
/// ```
pub fn write(w: &mut impl Write, series: &Series, opts: &ReportOptions) -> io::Result<()> {
    let bytes = workbook(series, opts, true).map_err(io::Error::other)?;
    w.write_all(&bytes)
}

/// Writes the workbook of one plan: `事業費`, `連携市町`, `警告`.
pub fn write_plan(w: &mut impl Write, plan: &Plan) -> io::Result<()> {
    let series = diff::compare_in_order(vec![plan.clone()], &DiffOptions::default());
    let bytes = workbook(&series, &ReportOptions::default(), false).map_err(io::Error::other)?;
    w.write_all(&bytes)
}

type Result<T> = std::result::Result<T, XlsxError>;

/// Excel's limit on the characters of one cell.
const CELL_LIMIT: usize = 32_767;

/// The font of every cell: the Japanese default of Excel for Windows before 2016, which
/// LibreOffice substitutes with a metric-compatible Japanese font; the row height and column
/// width are the ones `rust_xlsxwriter` documents for it.
fn base() -> Format {
    Format::new()
        .set_font_name("ＭＳ Ｐゴシック")
        .set_font_size(11)
        .set_font_charset(128)
}

const HEADER_FILL: u32 = 0xDCE6F0;
const CHANGED_FILL: u32 = 0xFFF2B3;
const MISMATCH_FILL: u32 = 0xF8CBAD;
const JOIN_FILL: u32 = 0xC9EFD6;
const LEAVE_FILL: u32 = 0xF6CCCC;

/// The cell formats of the workbook.
struct Styles {
    header: Format,
    vertical_header: Format,
    title: Format,
    text: Format,
    center: Format,
    amount: Format,
    amount_yen: Format,
    delta: Format,
    changed: Format,
    total: Format,
    total_changed: Format,
    mismatch: Format,
    join: Format,
    leave: Format,
    new_project: Format,
    gone_project: Format,
    small: Format,
    link: Format,
    // Runs of rich text: only their font differs.
    run_plain: Format,
    run_ins: Format,
    run_del: Format,
    run_marker: Format,
}

impl Styles {
    fn new() -> Styles {
        let cell = || {
            base()
                .set_align(FormatAlign::Top)
                .set_border(FormatBorder::Thin)
                .set_border_color(Color::RGB(0xA6A6A6))
        };
        let text = cell().set_text_wrap();
        let amount = cell().set_num_format("#,##0");
        let fill = |f: Format, rgb: u32| f.set_background_color(Color::RGB(rgb));
        let header = cell()
            .set_bold()
            .set_text_wrap()
            .set_align(FormatAlign::VerticalCenter)
            .set_background_color(Color::RGB(HEADER_FILL));
        let center = cell().set_align(FormatAlign::Center);
        Styles {
            vertical_header: header
                .clone()
                .set_rotation(270)
                .set_align(FormatAlign::Center),
            header,
            title: base().set_bold().set_font_size(12),
            amount_yen: cell().set_num_format("#,##0\"千円\""),
            // △ is how Japanese budget documents print a decrease.
            delta: cell().set_num_format("+#,##0\"千円\";\"△\"#,##0\"千円\";\"±0\""),
            changed: fill(amount.clone(), CHANGED_FILL),
            total: amount.clone().set_bold(),
            total_changed: fill(amount.clone().set_bold(), CHANGED_FILL),
            mismatch: fill(amount.clone().set_bold(), MISMATCH_FILL)
                .set_font_color(Color::RGB(0x9C0006)),
            join: fill(center.clone().set_bold(), JOIN_FILL),
            leave: fill(center.clone().set_bold(), LEAVE_FILL),
            new_project: fill(text.clone(), JOIN_FILL),
            gone_project: fill(text.clone(), LEAVE_FILL).set_font_strikethrough(),
            small: cell().set_font_size(8).set_align(FormatAlign::Center),
            link: text
                .clone()
                .set_font_color(Color::RGB(0x0563C1))
                .set_underline(FormatUnderline::Single),
            run_plain: base(),
            run_ins: base()
                .set_font_color(Color::RGB(0xC00000))
                .set_underline(FormatUnderline::Single),
            run_del: base().set_font_strikethrough(),
            run_marker: base().set_font_color(Color::RGB(0x7F7F7F)),
            amount,
            center,
            text,
        }
    }

    fn run(&self, m: Mark) -> &Format {
        match m {
            Mark::Plain => &self.run_plain,
            Mark::Insert => &self.run_ins,
            Mark::Delete => &self.run_del,
            Mark::Marker => &self.run_marker,
        }
    }
}

fn workbook(series: &Series, opts: &ReportOptions, with_changes: bool) -> Result<Vec<u8>> {
    let mut book = Workbook::new();
    book.set_default_format(&base(), 18, 72)?;
    let title = series.plans.last().map_or("kaitei", |p| p.title.as_str());
    book.set_properties(
        &DocProperties::new()
            .set_title(title)
            .set_author("kaitei")
            .set_comment("kaitei (改訂) が作成した変更箇所の一覧")
            .set_creation_datetime(&ExcelDateTime::from_ymd(2000, 1, 1)?),
    );
    let st = Styles::new();
    if with_changes {
        changes_sheet(book.add_worksheet(), series, &st)?;
        taisho_sheet(book.add_worksheet(), series, opts, &st)?;
    }
    let mismatches = budgets_sheet(book.add_worksheet(), series, &st)?;
    participation_sheet(book.add_worksheet(), series, &st)?;
    warnings_sheet(book.add_worksheet(), series, &mismatches, &st)?;
    book.save_to_buffer()
}

/// A worksheet being written: tracks the widest text of each column to size it at the end.
struct Sheet<'a> {
    ws: &'a mut Worksheet,
    widths: Vec<usize>,
    /// Per row, the line widths of its wrapped cells (by column), to size the row at the end.
    lines: std::collections::BTreeMap<u32, Vec<(u16, Vec<usize>)>>,
}

/// The height of one line of text in the default font (points).
const LINE_HEIGHT: f64 = 15.0;

/// The display width of a text: its widest line, East Asian wide characters counting two
/// columns (Excel's column unit is the width of a digit; a kanji is about two).
fn display_width(s: &str) -> usize {
    s.lines().map(UnicodeWidthStr::width).max().unwrap_or(0)
}

/// A text cut to Excel's cell limit.
fn clip(s: &str) -> Cow<'_, str> {
    if s.chars().count() <= CELL_LIMIT {
        return s.into();
    }
    let mut t: String = s.chars().take(CELL_LIMIT - 1).collect();
    t.push('…');
    t.into()
}

impl<'a> Sheet<'a> {
    fn new(ws: &'a mut Worksheet, name: &str) -> Result<Sheet<'a>> {
        ws.set_name(name)?;
        // Printed on A4 landscape, one page wide, the header on every page.
        ws.set_paper_size(9)
            .set_landscape()
            .set_print_fit_to_pages(1, 0);
        Ok(Sheet {
            ws,
            widths: Vec::new(),
            lines: Default::default(),
        })
    }

    /// Records the lines of a cell for the row height (cells that do not wrap hold short text:
    /// counting them is harmless).
    fn wrapped(&mut self, row: u32, col: u16, s: &str) {
        let widths = s.split('\n').map(UnicodeWidthStr::width).collect();
        self.lines.entry(row).or_default().push((col, widths));
    }

    fn seen(&mut self, col: u16, width: usize) {
        let c = usize::from(col);
        if self.widths.len() <= c {
            self.widths.resize(c + 1, 0);
        }
        self.widths[c] = self.widths[c].max(width);
    }

    fn text(&mut self, row: u32, col: u16, s: &str, f: &Format) -> Result<()> {
        if s.is_empty() {
            self.ws.write_blank(row, col, f)?;
        } else {
            self.ws.write_string_with_format(row, col, clip(s), f)?;
            self.seen(col, display_width(s));
            self.wrapped(row, col, s);
        }
        Ok(())
    }

    fn number(&mut self, row: u32, col: u16, n: i64, f: &Format) -> Result<()> {
        self.ws.write_number_with_format(row, col, n as f64, f)?;
        // Digits, group separators and a unit.
        let digits = n.unsigned_abs().to_string().len();
        self.seen(col, digits + digits / 3 + 5);
        Ok(())
    }

    fn page(&mut self, row: u32, col: u16, page: Option<usize>, f: &Format) -> Result<()> {
        match page {
            Some(p) => self.number(row, col, p as i64, f),
            None => self.text(row, col, "", f),
        }
    }

    /// A header row.
    fn header(&mut self, row: u32, names: &[&str], f: &Format) -> Result<()> {
        for (c, n) in names.iter().enumerate() {
            self.text(row, c as u16, n, f)?;
        }
        Ok(())
    }

    /// A side of the 新旧対照表 as rich text: lines joined by line breaks, each run in its
    /// format. A side without any mark is written as plain text.
    fn rich(&mut self, row: u32, col: u16, side: &Side, st: &Styles) -> Result<()> {
        let mut runs: Vec<(&Format, &str)> = Vec::new();
        let mut plain = String::new();
        for (i, line) in side.iter().enumerate() {
            if i > 0 {
                runs.push((&st.run_plain, "\n"));
                plain.push('\n');
            }
            for r in line.iter().filter(|r| !r.text.is_empty()) {
                runs.push((st.run(r.mark), &r.text));
                plain.push_str(&r.text);
            }
        }
        let marked = runs.iter().any(|(f, _)| *f != &st.run_plain);
        if !marked || plain.chars().count() > CELL_LIMIT || plain.trim().is_empty() {
            return self.text(row, col, plain.trim_end_matches('\n'), &st.text);
        }
        self.ws
            .write_rich_string_with_format(row, col, &runs, &st.text)?;
        self.seen(col, display_width(&plain));
        self.wrapped(row, col, &plain);
        Ok(())
    }

    /// Sets each column's width from its widest text, within `[min, max]` (wrapped beyond),
    /// and the height of each row from the lines its wrapped cells take at those widths.
    /// Excel and LibreOffice do not reliably size rows of a generated file themselves.
    fn fit(&mut self, min: usize, max: &[(u16, usize)], default_max: usize) -> Result<()> {
        let mut cols = Vec::with_capacity(self.widths.len());
        for (c, w) in self.widths.clone().into_iter().enumerate() {
            let cap = max
                .iter()
                .find(|(col, _)| usize::from(*col) == c)
                .map_or(default_max, |(_, m)| *m);
            let width = (w + 2).clamp(min, cap);
            self.ws.set_column_width(c as u16, width as f64)?;
            cols.push(width);
        }
        for (row, cells) in &self.lines {
            let n = cells
                .iter()
                .map(|(col, lines)| {
                    // A column holds its width less the cell's padding before it wraps.
                    let room = cols
                        .get(usize::from(*col))
                        .map_or(8, |w| w.saturating_sub(2).max(1));
                    lines.iter().map(|w| w.div_ceil(room).max(1)).sum::<usize>()
                })
                .max()
                .unwrap_or(1);
            if n > 1 {
                self.ws.set_row_height(*row, LINE_HEIGHT * n as f64 + 3.0)?;
            }
        }
        Ok(())
    }
}

/// `base → revised`.
fn compared(log: &ChangeLog) -> String {
    format!("{} → {}", log.base.version, log.revised.version)
}

/// 項目 of 変更一覧: the matrix row of an added or removed project, the field of a KPI or
/// text change, else what the kind of event is about.
fn item(c: &Change, e: &EventCells) -> String {
    if let Some(h) = &e.heading {
        return h.clone();
    }
    match e.field {
        Some(Field::Kpi(f)) => kpi_field_ja(f, e.indicator),
        Some(Field::Text(f)) => text_field_ja(f, e.side),
        None => match c.detail.kind() {
            ChangeKind::ProjectRenamed => "事業名",
            ChangeKind::PartnerAdded | ChangeKind::PartnerRemoved => "連携市町",
            ChangeKind::BudgetChanged => "事業費",
            ChangeKind::TotalChanged => "事業費(計)",
            ChangeKind::PhaseChanged => "工程",
            _ => "",
        }
        .into(),
    }
}

const CHANGE_COLUMNS: [&str; 13] = [
    "比較",
    "種別",
    "事業名",
    "項目",
    "年度",
    "連携市町",
    "市町コード",
    "変更前",
    "変更後",
    "増減",
    "新 頁",
    "旧 頁",
    "注記",
];

fn value(sheet: &mut Sheet, row: u32, col: u16, v: &Value, st: &Styles) -> Result<()> {
    match v {
        Value::None => sheet.text(row, col, "", &st.text),
        Value::Missing => sheet.text(row, col, "—", &st.text),
        Value::Text(s) => sheet.text(row, col, s, &st.text),
        Value::Amount(Some(a)) => sheet.number(row, col, a.0, &st.amount_yen),
        Value::Amount(None) => sheet.text(row, col, "—", &st.center),
    }
}

fn changes_sheet(ws: &mut Worksheet, series: &Series, st: &Styles) -> Result<()> {
    let mut sheet = Sheet::new(ws, "変更一覧")?;
    sheet.header(0, &CHANGE_COLUMNS, &st.header)?;
    let mut row = 0u32;
    for log in &series.logs {
        let cmp = compared(log);
        for c in &log.changes {
            row += 1;
            let mut e = EventCells::of(c);
            if let Some(f) = e.renamed_from {
                (e.from, e.to) = (
                    Value::Text(f.into()),
                    Value::Text(c.project.as_str().into()),
                );
            }
            let fy = e.fy.map(|f| f.to_string()).unwrap_or_default();
            let code = e.code.map(|c| c.to_string()).unwrap_or_default();
            let delta = match (&e.from, &e.to) {
                (Value::Amount(Some(f)), Value::Amount(Some(t))) => Some(t.0 - f.0),
                _ => None,
            };
            sheet.text(row, 0, &cmp, &st.text)?;
            sheet.text(row, 1, kind_ja(c.detail.kind()), &st.text)?;
            sheet.text(row, 2, &c.project, &st.text)?;
            sheet.text(row, 3, &item(c, &e), &st.text)?;
            sheet.text(row, 4, &fy, &st.center)?;
            sheet.text(row, 5, &e.partner, &st.text)?;
            sheet.text(row, 6, &code, &st.center)?;
            value(&mut sheet, row, 7, &e.from, st)?;
            value(&mut sheet, row, 8, &e.to, st)?;
            match delta {
                Some(d) => sheet.number(row, 9, d, &st.delta)?,
                None => sheet.text(row, 9, "", &st.text)?,
            }
            sheet.page(row, 10, c.evidence.revised.map(|p| p.page), &st.center)?;
            sheet.page(row, 11, c.evidence.base.map(|p| p.page), &st.center)?;
            sheet.text(row, 12, &c.evidence.notes.join("\n"), &st.text)?;
        }
    }
    sheet
        .ws
        .autofilter(0, 0, row, CHANGE_COLUMNS.len() as u16 - 1)?;
    sheet.ws.set_freeze_panes(1, 0)?;
    sheet.ws.set_repeat_rows(0, 0)?;
    sheet.fit(6, &[(0, 48), (2, 36), (7, 50), (8, 50), (12, 40)], 24)
}

fn taisho_sheet(
    ws: &mut Worksheet,
    series: &Series,
    opts: &ReportOptions,
    st: &Styles,
) -> Result<()> {
    let mut sheet = Sheet::new(ws, "新旧対照表")?;
    let mut row = 0u32;
    for (k, log) in series.logs.iter().enumerate() {
        if k > 0 {
            row += 2;
        }
        sheet.ws.write_string_with_format(
            row,
            0,
            format!("新旧対照表 {}", compared(log)),
            &st.title,
        )?;
        row += 1;
        let new_h = format!("新({})", log.revised.edition);
        let old_h = format!("旧({})", log.base.edition);
        let new_right = opts.new_side == super::NewSide::Right;
        let (left_h, right_h) = if new_right {
            (&old_h, &new_h)
        } else {
            (&new_h, &old_h)
        };
        sheet.header(
            row,
            &["事業名", "項目", left_h, right_h, "頁", "注記"],
            &st.header,
        )?;
        if k == 0 {
            sheet.ws.set_freeze_panes(row + 1, 0)?;
        }
        let mut i = 0;
        while i < log.changes.len() {
            // Rows of one project share one 事業名 cell (events of a project are consecutive).
            let project = &log.changes[i].project;
            let n = log.changes[i..]
                .iter()
                .take_while(|c| &c.project == project)
                .count();
            let first = row + 1;
            for c in &log.changes[i..i + n] {
                row += 1;
                let r = taisho::row(c, opts.marks);
                let (left, right) = if new_right {
                    (&r.old, &r.new)
                } else {
                    (&r.new, &r.old)
                };
                sheet.text(row, 1, &r.item, &st.text)?;
                sheet.rich(row, 2, left, st)?;
                sheet.rich(row, 3, right, st)?;
                let mut pages = Vec::new();
                if let Some(p) = c.evidence.revised {
                    pages.push(format!("新 p.{}", p.page));
                }
                if let Some(p) = c.evidence.base {
                    pages.push(format!("旧 p.{}", p.page));
                }
                sheet.text(row, 4, &pages.join(" / "), &st.text)?;
                sheet.text(row, 5, &c.evidence.notes.join("\n"), &st.text)?;
            }
            if n > 1 {
                sheet
                    .ws
                    .merge_range(first, 0, row, 0, clip(project).as_ref(), &st.text)?;
                sheet.seen(0, display_width(project));
            } else {
                sheet.text(row, 0, project, &st.text)?;
            }
            i += n;
        }
    }
    sheet.fit(6, &[(0, 30), (2, 60), (3, 60), (5, 40)], 24)
}

/// A 計 that differs from the sum of its fiscal years, found while writing `事業費`.
struct Mismatch {
    version: String,
    project: String,
    page: Option<usize>,
    sum: i64,
    total: i64,
    /// The 計 cell, e.g. `I7`.
    cell: String,
}

/// The fiscal years of every project of the history, in order.
fn all_fiscal_years(h: &History) -> Vec<FiscalYear> {
    let mut fys: Vec<FiscalYear> = h.projects.iter().flat_map(|p| p.fiscal_years()).collect();
    fys.sort();
    fys.dedup();
    fys
}

/// The change log whose revised version is `version`.
fn log_of<'a>(series: &'a Series, version: &str) -> Option<&'a ChangeLog> {
    series.logs.iter().find(|l| l.revised.version == version)
}

/// The page of a project's card in a plan.
fn card_page(plan: Option<&Plan>, name: &str) -> Option<usize> {
    let p = plan?.projects.iter().find(|p| p.name == name)?;
    p.card
        .as_ref()
        .and_then(|c| c.source)
        .or(p.source)
        .map(|s| s.page)
}

/// One row of `事業費`: a project in one version, with the events of that version's change log
/// about it.
struct BudgetRow<'a> {
    version: &'a str,
    state: &'a ProjectState,
    events: Vec<&'a Change>,
}

impl BudgetRow<'_> {
    fn has(&self, pick: impl Fn(&ChangeDetail) -> bool) -> bool {
        self.events.iter().any(|c| pick(&c.detail))
    }
}

/// The rows of `事業費`: per project (history order) each version whose card prints amounts
/// or a 計 (an excerpt's card carried forward from its base is not a row).
fn budget_rows(series: &Series) -> Vec<BudgetRow<'_>> {
    let h = &series.history;
    let mut rows = Vec::new();
    for p in &h.projects {
        for (state, v) in p.by_version.iter().zip(&h.versions) {
            let Some(s) = state else { continue };
            let printed = s.schedule.iter().any(|e| e.amount.is_some()) || s.total.is_some();
            if s.card_inferred || !printed {
                continue;
            }
            let version = v.doc.version.as_str();
            let events = log_of(series, version)
                .map(|l| l.changes.iter().filter(|c| c.project == s.name).collect())
                .unwrap_or_default();
            rows.push(BudgetRow {
                version,
                state: s,
                events,
            });
        }
    }
    rows
}

fn budgets_sheet(ws: &mut Worksheet, series: &Series, st: &Styles) -> Result<Vec<Mismatch>> {
    let fys = all_fiscal_years(&series.history);
    let mut sheet = Sheet::new(ws, "事業費")?;
    let fy_heads: Vec<String> = fys.iter().map(|fy| format!("{fy}(千円)")).collect();
    let mut heads: Vec<&str> = vec!["事業名", "版"];
    heads.extend(fy_heads.iter().map(String::as_str));
    heads.extend(["計(千円)", "備考"]);
    sheet.header(0, &heads, &st.header)?;
    let total_col = 2 + fys.len() as u16;
    let mut mismatches = Vec::new();
    let rows = budget_rows(series);
    for (i, r) in rows.iter().enumerate() {
        let row = i as u32 + 1;
        let plan = series.plans.iter().find(|p| p.version == r.version);
        mismatches.extend(budget_row(&mut sheet, row, r, &fys, plan, st)?);
    }
    let last = rows.len() as u32;
    sheet.ws.autofilter(0, 0, last, total_col + 1)?;
    sheet.ws.set_freeze_panes(1, 2)?;
    sheet.ws.set_repeat_rows(0, 0)?;
    sheet.fit(8, &[(0, 44), (total_col + 1, 40)], 24)?;
    Ok(mismatches)
}

/// Writes one row of `事業費`; returns its 計 when it differs from the sum of the years.
fn budget_row(
    sheet: &mut Sheet,
    row: u32,
    r: &BudgetRow,
    fys: &[FiscalYear],
    plan: Option<&Plan>,
    st: &Styles,
) -> Result<Option<Mismatch>> {
    let s = r.state;
    sheet.text(row, 0, &s.name, &st.text)?;
    sheet.text(row, 1, r.version, &st.text)?;
    let amounts: Vec<i64> = s
        .schedule
        .iter()
        .filter_map(|e| e.amount.map(|a| a.0))
        .collect();
    let sum: i64 = amounts.iter().sum();
    for (i, fy) in fys.iter().enumerate() {
        let col = 2 + i as u16;
        match s
            .schedule
            .iter()
            .find(|e| e.fy == *fy)
            .and_then(|e| e.amount)
        {
            Some(a) => {
                let changed =
                    r.has(|d| matches!(d, ChangeDetail::BudgetChanged { fy: f, .. } if f == fy));
                sheet.number(
                    row,
                    col,
                    a.0,
                    if changed { &st.changed } else { &st.amount },
                )?;
            }
            None => sheet.text(row, col, "", &st.amount)?,
        }
    }
    // The records' validation rule: a printed 計 beside printed amounts that add up otherwise.
    let mismatch = s.total.filter(|t| !amounts.is_empty() && t.0 != sum);
    let total_col = 2 + fys.len() as u16;
    let format = if mismatch.is_some() {
        &st.mismatch
    } else if r.has(|d| matches!(d, ChangeDetail::TotalChanged { .. })) {
        &st.total_changed
    } else {
        &st.total
    };
    // 計 is the sum of the row's years, its cached value the printed 計: Excel recomputes the
    // sum when it opens the file, and a highlighted mismatch says they differ.
    let cached = s.total.map_or(sum, |t| t.0);
    if fys.is_empty() {
        sheet.number(row, total_col, cached, format)?;
    } else {
        let range = format!("{}:{}", cell_name(row, 2), cell_name(row, total_col - 1));
        let formula = Formula::new(format!("=SUM({range})")).set_result(cached.to_string());
        sheet
            .ws
            .write_formula_with_format(row, total_col, formula, format)?;
        sheet.seen(total_col, 12);
    }
    let mut notes = Vec::new();
    if r.has(|d| matches!(d, ChangeDetail::ProjectAdded { .. })) {
        notes.push("新規事業".to_string());
    }
    if let Some(t) = mismatch {
        notes.push(format!(
            "計 {}千円 ≠ 各年度の合計 {}千円",
            group_digits(t.0),
            group_digits(sum)
        ));
    } else if s.total.is_none() {
        notes.push("計の記載なし".into());
    }
    sheet.text(row, total_col + 1, &notes.join("\n"), &st.text)?;
    Ok(mismatch.map(|t| Mismatch {
        version: r.version.to_string(),
        project: s.name.clone(),
        page: card_page(plan, &s.name),
        sum,
        total: t.0,
        cell: cell_name(row, total_col),
    }))
}

fn participation_sheet(ws: &mut Worksheet, series: &Series, st: &Styles) -> Result<()> {
    let h = &series.history;
    let cols = super::partner_columns(series);
    let code = |name: &str| {
        series
            .plans
            .iter()
            .rev()
            .find_map(|p| p.partner_code(name))
            .map(|c| c.to_string())
            .unwrap_or_default()
    };
    let mut sheet = Sheet::new(ws, "連携市町")?;
    sheet.text(0, 0, "事業名", &st.header)?;
    sheet.text(0, 1, "状態", &st.header)?;
    sheet.text(1, 0, "全国地方公共団体コード", &st.small)?;
    sheet.text(1, 1, "", &st.small)?;
    for (i, name) in cols.iter().enumerate() {
        let col = 2 + i as u16;
        sheet
            .ws
            .write_string_with_format(0, col, *name, &st.vertical_header)?;
        sheet
            .ws
            .write_string_with_format(1, col, code(name), &st.small)?;
        sheet.ws.set_column_width(col, 4.5)?;
    }
    sheet.ws.set_row_height(
        0,
        15.0 * cols
            .iter()
            .map(|c| c.chars().count())
            .max()
            .unwrap_or(2)
            .max(2) as f64,
    )?;
    let first = h.versions.first().map(|v| v.doc.version.as_str());
    let mut row = 1u32;
    for p in &h.projects {
        row += 1;
        let (status, name_format) = if let Some(after) = &p.removed_after {
            (format!("廃止({after}まで)"), &st.gone_project)
        } else if Some(p.first_seen.as_str()) != first {
            (format!("新規({})", p.first_seen), &st.new_project)
        } else {
            (String::new(), &st.text)
        };
        sheet.text(row, 0, &p.name, name_format)?;
        sheet.text(row, 1, &status, &st.text)?;
        let last = p.by_version.iter().rev().find_map(Option::as_ref);
        for (i, name) in cols.iter().enumerate() {
            let col = 2 + i as u16;
            // Joins and departures as the change logs found them; the last one counts.
            let mut event = None;
            for s in p.by_version.iter().flatten() {
                if s.joined.iter().any(|x| x == name) {
                    event = Some(true);
                } else if s.left.iter().any(|x| x == name) {
                    event = Some(false);
                }
            }
            let member = last.is_some_and(|s| s.partners.iter().any(|x| x == name));
            let (text, f) = match (member, event) {
                (true, Some(true)) => ("○", &st.join),
                (true, _) => ("○", &st.center),
                (false, Some(false)) => ("×", &st.leave),
                (false, _) => ("", &st.center),
            };
            sheet.ws.write_string_with_format(row, col, text, f)?;
        }
    }
    row += 2;
    sheet.ws.write_string(
        row,
        0,
        "○ 参加 / 緑: 参加の追加・新規事業 / 赤 ×: 参加の取りやめ・廃止事業(各版の変更一覧による)",
    )?;
    sheet.ws.set_freeze_panes(2, 2)?;
    sheet.ws.set_repeat_rows(0, 1)?;
    let widths = sheet.widths.clone();
    for (c, w) in widths.iter().enumerate().take(2) {
        sheet
            .ws
            .set_column_width(c as u16, ((w + 2).clamp(8, 40)) as f64)?;
    }
    Ok(())
}

fn warning_row(
    sheet: &mut Sheet,
    row: u32,
    version: &str,
    w: &Warning,
    link: Option<&str>,
    st: &Styles,
) -> Result<()> {
    sheet.text(row, 0, version, &st.text)?;
    sheet.page(row, 1, w.page, &st.center)?;
    sheet.text(row, 2, w.kind.message_ja(), &st.text)?;
    sheet.text(row, 3, w.kind.as_str(), &st.text)?;
    sheet.text(row, 4, &w.message, &st.text)?;
    match link {
        Some(cell) => {
            let url =
                Url::new(format!("internal:'事業費'!{cell}")).set_text(format!("事業費!{cell}"));
            sheet.ws.write_url_with_format(row, 5, url, &st.link)?;
            sheet.seen(5, cell.len() + 5);
        }
        None => sheet.text(row, 5, "", &st.text)?,
    }
    Ok(())
}

fn warnings_sheet(
    ws: &mut Worksheet,
    series: &Series,
    mismatches: &[Mismatch],
    st: &Styles,
) -> Result<()> {
    let mut sheet = Sheet::new(ws, "警告")?;
    sheet.header(
        0,
        &["版", "頁", "内容", "種別", "詳細(原文)", "参照"],
        &st.header,
    )?;
    let mut used = vec![false; mismatches.len()];
    let mut row = 0u32;
    for p in &series.plans {
        for w in &p.warnings {
            row += 1;
            // A total_mismatch of the records points at its 事業費 cell.
            let m = (w.kind == WarningKind::TotalMismatch)
                .then(|| {
                    mismatches.iter().position(|m| {
                        m.version == p.version
                            && m.page == w.page
                            && w.message.starts_with(&m.project)
                    })
                })
                .flatten();
            if let Some(i) = m {
                used[i] = true;
            }
            warning_row(
                &mut sheet,
                row,
                &p.version,
                w,
                m.map(|i| mismatches[i].cell.as_str()),
                st,
            )?;
        }
    }
    for log in &series.logs {
        for w in &log.warnings {
            row += 1;
            warning_row(&mut sheet, row, &compared(log), w, None, st)?;
        }
    }
    // Mismatches the records did not list (records read from JSON carry no warnings).
    for (m, _) in mismatches.iter().zip(&used).filter(|(_, u)| !**u) {
        row += 1;
        let mut w = Warning::new(
            WarningKind::TotalMismatch,
            format!(
                "{}: the amounts add up to {}千円 but 計 is {}千円",
                m.project, m.sum, m.total
            ),
        );
        w.page = m.page;
        warning_row(&mut sheet, row, &m.version, &w, Some(&m.cell), st)?;
    }
    if row == 0 {
        sheet.ws.write_string(1, 0, "警告はありません。")?;
    }
    sheet.ws.autofilter(0, 0, row.max(1), 5)?;
    sheet.ws.set_freeze_panes(1, 0)?;
    sheet.ws.set_repeat_rows(0, 0)?;
    sheet.fit(6, &[(2, 60), (4, 60)], 28)
}
