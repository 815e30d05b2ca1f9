//! The cost of each way of finding tables on pages already interpreted: `scripts/bench` runs
//! this to show that reading unruled tables costs no more than the ruled-table path on the same
//! pages. PDF interpretation is left out; one thread, so the figures are CPU time.
//!
//! Usage: `table_stages FILE.pdf...` → one JSON line per file with the median over
//! `STAGE_RUNS` (default 5) of the milliseconds that `find_tables` takes on all its pages with
//! `--mode lattice`, `stream` and `auto` (`STAGE_MODES=lattice,stream` for some only).

use kaitei::pdf::Document;
use kaitei::pipeline::{self, PageSet};
use kaitei::table::{Search, TableOptions, find_tables};
use std::time::Instant;

fn main() {
    let runs: usize = std::env::var("STAGE_RUNS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(5);
    let modes = std::env::var("STAGE_MODES").unwrap_or_else(|_| "lattice,stream,auto".into());
    for path in std::env::args().skip(1) {
        let pages = match Document::open(path.as_ref(), None)
            .and_then(|d| pipeline::pages(&d, &PageSet::all()))
        {
            Ok(p) => p.output,
            Err(e) => {
                eprintln!("{path}: {e}");
                continue;
            }
        };
        let mut line = format!("{{\"file\": {path:?}, \"pages\": {}", pages.len());
        for (name, search) in [
            ("lattice", Search::Lattice),
            ("stream", Search::Stream),
            ("auto", Search::Auto),
        ] {
            if !modes.split(',').any(|m| m == name) {
                continue;
            }
            let opts = TableOptions {
                search,
                ..TableOptions::default()
            };
            let mut ms: Vec<f64> = (0..runs.max(1))
                .map(|_| {
                    let t0 = Instant::now();
                    let n: usize = pages.iter().map(|p| find_tables(p, &opts).len()).sum();
                    std::hint::black_box(n);
                    t0.elapsed().as_secs_f64() * 1000.0
                })
                .collect();
            ms.sort_by(f64::total_cmp);
            line.push_str(&format!(", \"{name}_ms\": {:.3}", ms[ms.len() / 2]));
        }
        println!("{line}}}");
    }
}
