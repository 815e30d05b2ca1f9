//! The `kaitei` command: parses flags and calls the library.

mod args;
mod cmd;

use clap::Parser;
use std::process::ExitCode;

/// Exit statuses (documented in the README).
mod exit {
    /// Done; for `diff`: no changes.
    pub const OK: u8 = 0;
    /// `diff`: changes found. Elsewhere: done, but some pages or files failed ("partly failed").
    pub const PARTIAL: u8 = 1;
    /// Nothing usable: bad arguments or every input failed.
    pub const ERROR: u8 = 2;
}

fn main() -> ExitCode {
    let cli = args::Cli::parse();
    let result = match &cli.command {
        Some(args::Command::Tables(a)) => cmd::tables::run(a),
        Some(args::Command::Text(a)) => cmd::tables::run_text(a),
        Some(args::Command::Extract(a)) => cmd::extract::run(a),
        Some(args::Command::Diff(a)) => cmd::diff::run(a),
        None => cmd::run::run(&cli.run),
    };
    match result {
        Ok(true) => ExitCode::from(exit::OK),
        Ok(false) => ExitCode::from(exit::PARTIAL),
        Err(e) => {
            if let Some(io) = e.downcast_ref::<std::io::Error>()
                && io.kind() == std::io::ErrorKind::BrokenPipe
            {
                return ExitCode::from(exit::OK);
            }
            eprintln!("kaitei: {e:#}");
            ExitCode::from(exit::ERROR)
        }
    }
}
