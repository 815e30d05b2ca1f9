//! One module per subcommand.

pub mod diff;
pub mod extract;
pub mod run;
pub mod tables;

use kaitei::records::Vocab;
use std::io::Write;
use std::path::Path;
use std::sync::Arc;

/// The vocabulary of `--vocab FILE` (laid over the built-in one), or the built-in one.
pub fn vocab(file: Option<&Path>) -> anyhow::Result<Arc<Vocab>> {
    Ok(match file {
        Some(f) => Arc::new(Vocab::with_file(f)?),
        None => Vocab::builtin(),
    })
}

/// Writes `bytes` to `path` atomically (temporary file in the same folder, then rename), or to
/// standard output when `path` is `None`.
pub fn emit(path: Option<&Path>, bytes: &[u8]) -> anyhow::Result<()> {
    match path {
        Some(p) => kaitei::pipeline::write_atomic(p, bytes)
            .map_err(|e| anyhow::anyhow!("{}: cannot write: {e}", p.display())),
        None => {
            let mut out = std::io::stdout().lock();
            out.write_all(bytes)?;
            out.flush()?;
            Ok(())
        }
    }
}

/// A binary format (a workbook) goes to a file or a pipe, never to a terminal, where it would
/// only garble the screen.
pub fn binary_destination(path: Option<&Path>) -> anyhow::Result<()> {
    use std::io::IsTerminal;
    if path.is_none() && std::io::stdout().is_terminal() {
        return Err(anyhow::anyhow!(
            "an Excel workbook is binary: give -o FILE.xlsx (or redirect standard output)"
        ));
    }
    Ok(())
}
