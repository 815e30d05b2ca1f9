//! The cost of each way of finding tables on pages already interpreted: `scripts/bench` runs
//! this to show that reading unruled tables costs no more than the ruled-table path on the same
//! pages. PDF interpretation is left out; one thread, so the figures are CPU time.
//!
//! Usage: `table_stages FILE.pdf...` → one JSON line per file with the least, over `STAGE_RUNS`
//! (default 25) runs taking the modes in turn, each run starting with the next mode, of the
//! milliseconds that `find_tables` takes on all its pages with `--mode lattice`, `stream` and
//! `auto` (`STAGE_MODES=lattice,stream` for some only). The least time is the one other
//! processes on the machine disturbed least.

use kaitei::table::{Search, TableOptions, find_tables};
use kaitei::{Document, PageSet};
use std::time::Instant;

fn main() {
    let runs: usize = std::env::var("STAGE_RUNS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(25);
    let modes = std::env::var("STAGE_MODES").unwrap_or_else(|_| "lattice,stream,auto".into());
    for path in std::env::args().skip(1) {
        let pages = match Document::open(&path, None).and_then(|d| d.pages(&PageSet::all(), false))
        {
            Ok(p) => p.output,
            Err(e) => {
                eprintln!("{path}: {e}");
                continue;
            }
        };
        let mut line = format!("{{\"file\": {path:?}, \"pages\": {}", pages.len());
        let chosen: Vec<(&str, Search)> = [
            ("lattice", Search::Lattice),
            ("stream", Search::Stream),
            ("auto", Search::Auto),
        ]
        .into_iter()
        .filter(|(name, _)| modes.split(',').any(|m| m == *name))
        .collect();
        let mut best = vec![f64::MAX; chosen.len()];
        for run in 0..runs.max(1) {
            // Each run starts with the next mode, so that no mode always follows the same one
            // (whose data it would find in the caches, or not).
            for step in 0..chosen.len() {
                let k = (run + step) % chosen.len();
                let search = &chosen[k].1;
                let opts = TableOptions {
                    search: *search,
                    ..TableOptions::default()
                };
                let t0 = Instant::now();
                let n: usize = pages.iter().map(|p| find_tables(p, &opts).len()).sum();
                std::hint::black_box(n);
                best[k] = best[k].min(t0.elapsed().as_secs_f64() * 1000.0);
            }
        }
        for ((name, _), ms) in chosen.iter().zip(&best) {
            line.push_str(&format!(", \"{name}_ms\": {ms:.3}"));
        }
        println!("{line}}}");
    }
}
