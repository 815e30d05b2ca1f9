//! Command-line flags (clap). The commands map these onto the library's option structs; the
//! library never sees clap.

use clap::{Parser, Subcommand, ValueEnum};
use std::path::PathBuf;

/// Japanese municipal plan PDFs and their revisions as records and change logs.
///
/// Without a command: the yearly run over `inputs/` into `outputs/`.
#[derive(Parser, Debug)]
#[command(name = "kaitei", version, about)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,
    /// The yearly run's options; they belong to the run alone, so no subcommand's `--help`
    /// lists them.
    #[command(flatten)]
    pub run: RunArgs,
}

/// Options of the yearly run (no command).
#[derive(clap::Args, Debug)]
pub struct RunArgs {
    /// Folder of PDFs (and records JSON) for the yearly run.
    #[arg(long, default_value = "inputs")]
    pub inputs: PathBuf,
    /// Folder the yearly run writes to.
    #[arg(long, default_value = "outputs")]
    pub outputs: PathBuf,
    /// Hide the progress bar.
    #[arg(long, short)]
    pub quiet: bool,
    /// Also print one line per change log written (the summary line gives counts only).
    #[arg(long, short)]
    pub verbose: bool,
    /// A vocabulary file (TOML) laid over the built-in one: a region's own labels, units,
    /// none-marks and date forms (see the README).
    #[arg(long, value_name = "FILE")]
    pub vocab: Option<PathBuf>,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Print the tables of a PDF: ruled, and unruled ones read from text alignment.
    Tables(TablesArgs),
    /// Print the text of a PDF line by line, as kaitei reads it.
    Text(TextArgs),
    /// Extract the structured records of a vision PDF.
    Extract(ExtractArgs),
    /// Compare versions: a semantic change log.
    Diff(DiffArgs),
}

#[derive(clap::Args, Debug)]
pub struct TablesArgs {
    /// Print no progress bar (only the yearly run draws one; every command takes the flag so
    /// that scripts can pass it alike). Warnings still go to standard error.
    #[arg(long, short)]
    pub quiet: bool,
    /// The PDF.
    pub file: PathBuf,
    /// Pages, e.g. 1-3,7 (default: all).
    #[arg(long)]
    pub pages: Option<String>,
    /// Output format.
    #[arg(long, value_enum, default_value = "json")]
    pub format: TablesFormat,
    /// Which tables: ruled ones as drawn (lattice), unruled ones from text alignment (stream),
    /// or both, with rows and columns that rules leave open read from the text (auto).
    #[arg(long, value_enum, default_value = "auto")]
    pub mode: TablesMode,
    /// Read only this area: x0,y0,x1,y1 in PDF points, origin bottom-left of the page as
    /// displayed (the boxes of the JSON output). Without a ruled table in it, its text is
    /// read as one table.
    #[arg(long, value_name = "X0,Y0,X1,Y1")]
    pub area: Option<String>,
    /// Column boundaries of unruled tables: x positions in PDF points, e.g. 72,95,209.
    #[arg(long, value_name = "X1,X2,...")]
    pub columns: Option<String>,
    /// User password of an encrypted PDF.
    #[arg(long)]
    pub password: Option<String>,
    /// Keep the text as the fonts map it (no repair of radical code points).
    #[arg(long)]
    pub raw: bool,
    /// Write here instead of standard output.
    #[arg(long, short)]
    pub output: Option<PathBuf>,
}

#[derive(clap::Args, Debug)]
pub struct TextArgs {
    /// Print no progress bar (only the yearly run draws one; every command takes the flag so
    /// that scripts can pass it alike). Warnings still go to standard error.
    #[arg(long, short)]
    pub quiet: bool,
    /// The PDF.
    pub file: PathBuf,
    /// Print each page's glyphs, rulings and shapes as JSON instead.
    #[arg(long)]
    pub json: bool,
    /// Pages, e.g. 1-3,7 (default: all).
    #[arg(long)]
    pub pages: Option<String>,
    /// User password of an encrypted PDF.
    #[arg(long)]
    pub password: Option<String>,
    /// Keep the text as the fonts map it (no repair of radical code points).
    #[arg(long)]
    pub raw: bool,
}

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum TablesMode {
    Auto,
    Lattice,
    Stream,
}

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum TablesFormat {
    Json,
    Csv,
}

#[derive(clap::Args, Debug)]
pub struct ExtractArgs {
    /// Print no progress bar (only the yearly run draws one; every command takes the flag so
    /// that scripts can pass it alike). Warnings still go to standard error.
    #[arg(long, short)]
    pub quiet: bool,
    /// The PDF(s).
    #[arg(required = true)]
    pub files: Vec<PathBuf>,
    /// Write here (a file for one input, a folder for several) instead of standard output.
    #[arg(long, short)]
    pub output: Option<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value = "json")]
    pub format: ExtractFormat,
    /// User password of an encrypted PDF.
    #[arg(long)]
    pub password: Option<String>,
    /// A vocabulary file (TOML) laid over the built-in one: a region's own labels, units,
    /// none-marks and date forms (see the README).
    #[arg(long, value_name = "FILE")]
    pub vocab: Option<PathBuf>,
}

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum ExtractFormat {
    Json,
    Csv,
    /// Excel workbook: 事業費, 連携市町, 警告 (binary: give -o or redirect).
    Xlsx,
}

#[derive(clap::Args, Debug)]
pub struct DiffArgs {
    /// Print no progress bar (only the yearly run draws one; every command takes the flag so
    /// that scripts can pass it alike). Warnings still go to standard error.
    #[arg(long, short)]
    pub quiet: bool,
    /// Versions in order (PDF or records JSON), or one folder.
    #[arg(required = true)]
    pub files: Vec<PathBuf>,
    /// Write here instead of standard output.
    #[arg(long, short)]
    pub output: Option<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value = "json")]
    pub format: DiffFormat,
    /// In the HTML and Excel 新旧対照表, put the new version on the right (default: left).
    #[arg(long)]
    pub new_right: bool,
    /// In the HTML and Excel 新旧対照表, mark changes with (新設)/(削る) as well as underlines.
    #[arg(long)]
    pub markers: bool,
    /// A vocabulary file (TOML) laid over the built-in one: a region's own labels, units,
    /// none-marks and date forms (see the README).
    #[arg(long, value_name = "FILE")]
    pub vocab: Option<PathBuf>,
}

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum DiffFormat {
    Json,
    Md,
    Html,
    Csv,
    /// Excel workbook: 変更一覧, 新旧対照表, 事業費, 連携市町, 警告 (binary: give -o or redirect).
    Xlsx,
}
