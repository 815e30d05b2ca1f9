//! Replays files or folders of inputs (a cargo-fuzz corpus, crash artifacts, `tests/data/bad`)
//! through the fuzzed pipeline on stable Rust, each under `catch_unwind` and timed:
//!
//! ```text
//! cargo run --release --manifest-path fuzz/Cargo.toml --bin replay -- fuzz/corpus/pipeline tests/data/bad
//! ```
//!
//! With no arguments it replays `tests/data/regress`, `tests/data/bad`, `tests/data/fixtures`
//! and `inputs`. Exit status 1 when any input panicked.

use std::path::{Path, PathBuf};
use std::time::Instant;

fn collect(p: &Path, out: &mut Vec<PathBuf>) {
    if p.is_dir() {
        let mut entries: Vec<PathBuf> = std::fs::read_dir(p)
            .map(|r| r.filter_map(|e| Some(e.ok()?.path())).collect())
            .unwrap_or_default();
        entries.sort();
        for e in entries {
            collect(&e, out);
        }
    } else if p.is_file() {
        out.push(p.to_path_buf());
    }
}

fn main() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let mut args: Vec<PathBuf> = std::env::args_os().skip(1).map(PathBuf::from).collect();
    if args.is_empty() {
        args = [
            "tests/data/regress",
            "tests/data/bad",
            "tests/data/fixtures",
            "inputs",
        ]
        .iter()
        .map(|d| root.join(d))
        .collect();
    }
    let mut files = Vec::new();
    for a in &args {
        collect(a, &mut files);
    }
    // Quiet panics: they are reported below, one line each.
    std::panic::set_hook(Box::new(|_| {}));
    let (mut panics, mut slowest) = (0, (0.0f64, PathBuf::new()));
    let started = Instant::now();
    for f in &files {
        let Ok(data) = std::fs::read(f) else { continue };
        let t = Instant::now();
        let r = std::panic::catch_unwind(|| kaitei_fuzz::run(&data));
        let secs = t.elapsed().as_secs_f64();
        if secs > slowest.0 {
            slowest = (secs, f.clone());
        }
        match r {
            Ok(o) => println!(
                "{}: {:.3} s, {} pages, {} tables, {} warnings{}",
                f.display(),
                secs,
                o.pages,
                o.tables,
                o.warnings,
                o.error.map(|e| format!(", error: {e}")).unwrap_or_default()
            ),
            Err(e) => {
                panics += 1;
                let msg = e
                    .downcast_ref::<&str>()
                    .map(|s| s.to_string())
                    .or_else(|| e.downcast_ref::<String>().cloned())
                    .unwrap_or_default();
                println!("{}: PANIC {msg}", f.display());
            }
        }
    }
    println!(
        "replayed {} files in {:.1} s, {panics} panics, slowest {:.3} s ({})",
        files.len(),
        started.elapsed().as_secs_f64(),
        slowest.0,
        slowest.1.display()
    );
    if panics > 0 {
        std::process::exit(1);
    }
}
