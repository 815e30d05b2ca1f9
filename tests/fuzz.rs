//! Mutation fuzzing on stable Rust, inside the test suite (issue 6 point 1).
//!
//! From the three corpus PDFs in `inputs/` and a few fixtures, a fixed-seed xorshift PRNG makes
//! [`cases`] damaged files (bit flips, overwritten byte runs, truncation, broken `startxref` and
//! xref-table offsets, corrupted stream bytes, streams swapped between objects, renumbered
//! objects; one to three of them per file). Each runs through the whole pipeline in-process,
//! by the public entry (`Document::from_bytes` → `Document::read`: every page and its tables →
//! `Reading::plan` → `diff::compare` against the unmutated plan) on a worker thread under
//! `catch_unwind`, with a time limit per file. The test asserts zero panics and zero timeouts and prints counts.
//!
//! `KAITEI_FUZZ_CASES=N` changes the number of files (default 5,000), `KAITEI_FUZZ_SEED=S` the
//! seed; a failure names the case's seed and mutations, and `KAITEI_FUZZ_DUMP=dir` writes every
//! failing input there for minimizing.

use kaitei::diff::{DiffOptions, compare};
use kaitei::records::Plan;
use kaitei::{Document, Error, Warned};
use rayon::prelude::*;
use std::collections::BTreeMap;
use std::path::Path;
use std::sync::Arc;
use std::sync::mpsc;
use std::time::{Duration, Instant};

/// Per-file time limit. A clean corpus file takes well under a second at opt-level 2.
const TIME_LIMIT: Duration = Duration::from_secs(60);

/// The files mutated, with their weight (how often each is picked). The 45-page corpus files
/// cost ~40 times a small fixture, so they are picked less often.
const SOURCES: &[(&str, u32)] = &[
    ("inputs/okayama-2022-full.lo.pdf", 2),
    ("inputs/okayama-2023-draft.lo.pdf", 2),
    ("inputs/okayama-2023-full.lo.pdf", 2),
    ("tests/data/fixtures/vision-bihoku.pdf", 6),
    ("tests/data/fixtures/two-tables.pdf", 8),
    ("tests/data/fixtures/merged-cells.pdf", 8),
    ("tests/data/fixtures/cid-unijis-v.pdf", 8),
    ("tests/data/fixtures/type3-font.pdf", 8),
    ("tests/data/fixtures/rotated.pdf", 8),
    ("tests/data/fixtures/kangxi-tounicode.pdf", 8),
];

/// xorshift64* — small, fast, and the same on every platform.
#[derive(Clone)]
pub struct Rng(u64);

impl Rng {
    /// A generator from a seed (0 is replaced, xorshift must not start at 0).
    pub fn new(seed: u64) -> Self {
        Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1)
    }
    /// The next 64 random bits.
    pub fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.0 = x;
        x.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    /// A number in `0..n` (`n > 0`).
    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

/// Every start offset of `needle` in `hay`.
fn find_all(hay: &[u8], needle: &[u8]) -> Vec<usize> {
    hay.windows(needle.len())
        .enumerate()
        .filter(|(_, w)| *w == needle)
        .map(|(i, _)| i)
        .collect()
}

/// The byte ranges of stream bodies (after `stream` + EOL, up to `endstream`).
fn stream_bodies(b: &[u8]) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let ends = find_all(b, b"endstream");
    for s in find_all(b, b"stream") {
        if s >= 3 && &b[s - 3..s] == b"end" {
            continue;
        }
        let mut start = s + 6;
        if b.get(start) == Some(&b'\r') {
            start += 1;
        }
        if b.get(start) == Some(&b'\n') {
            start += 1;
        }
        if let Some(&e) = ends.iter().find(|&&e| e >= start) {
            out.push((start, e));
        }
    }
    out
}

/// Overwrites the run of ASCII digits starting at or after `at` with a random number.
fn rewrite_digits(b: &mut Vec<u8>, at: usize, rng: &mut Rng) {
    let mut i = at;
    while i < b.len() && !b[i].is_ascii_digit() {
        i += 1;
        if i > at + 16 {
            return;
        }
    }
    let mut j = i;
    while j < b.len() && b[j].is_ascii_digit() {
        j += 1;
    }
    let n = match rng.below(4) {
        0 => 0,
        1 => rng.below(b.len() + 100) as u64,
        2 => rng.next() % 10_000_000_000,
        _ => {
            let old: u64 = std::str::from_utf8(&b[i..j])
                .ok()
                .and_then(|s| s.parse().ok())
                .unwrap_or(0);
            old.wrapping_add(rng.below(64) as u64).wrapping_sub(32)
        }
    };
    b.splice(i..j, n.to_string().into_bytes());
}

/// Applies one random mutation; returns its name.
fn mutate(b: &mut Vec<u8>, rng: &mut Rng) -> &'static str {
    if b.is_empty() {
        return "none (empty)";
    }
    match rng.below(8) {
        0 => {
            for _ in 0..1 + rng.below(16) {
                let i = rng.below(b.len());
                b[i] ^= 1 << rng.below(8);
            }
            "bit flips"
        }
        1 => {
            let i = rng.below(b.len());
            let n = (1 + rng.below(64)).min(b.len() - i);
            let fill = rng.below(3);
            for k in i..i + n {
                b[k] = match fill {
                    0 => rng.next() as u8,
                    1 => 0,
                    _ => b"0123456789 <>[]()/R"[rng.below(19)],
                };
            }
            "byte run overwritten"
        }
        2 => {
            b.truncate(rng.below(b.len()));
            "truncated"
        }
        3 => {
            match find_all(b, b"startxref").last() {
                Some(&at) => rewrite_digits(b, at + 9, rng),
                None => return "none (no startxref)",
            }
            "startxref offset rewritten"
        }
        4 => {
            // An entry of a classic xref table: `0000012345 00000 n`.
            let Some(&x) = find_all(b, b"xref")
                .iter()
                .find(|&&x| x == 0 || !b[x - 1].is_ascii_alphabetic())
            else {
                return "none (no xref table)";
            };
            let entries = find_all(&b[x..], b" n").len().max(1);
            let target = x + rng.below(entries.min(4096) * 20);
            if target < b.len() {
                rewrite_digits(b, target, rng);
            }
            "xref table entry rewritten"
        }
        5 => {
            let bodies = stream_bodies(b);
            if bodies.is_empty() {
                return "none (no stream)";
            }
            let (s, e) = bodies[rng.below(bodies.len())];
            if e > s {
                for _ in 0..1 + rng.below(8) {
                    let i = s + rng.below(e - s);
                    b[i] = rng.next() as u8;
                }
            }
            "stream bytes corrupted"
        }
        6 => {
            let bodies = stream_bodies(b);
            if bodies.len() < 2 {
                return "none (fewer than 2 streams)";
            }
            let i = rng.below(bodies.len());
            let mut j = rng.below(bodies.len());
            if i == j {
                j = (j + 1) % bodies.len();
            }
            let (a, c) = if bodies[i].0 < bodies[j].0 {
                (bodies[i], bodies[j])
            } else {
                (bodies[j], bodies[i])
            };
            let first = b[a.0..a.1].to_vec();
            let second = b[c.0..c.1].to_vec();
            b.splice(c.0..c.1, first);
            b.splice(a.0..a.1, second);
            "streams swapped"
        }
        _ => {
            let objs = find_all(b, b" 0 obj");
            if objs.is_empty() {
                return "none (no objects)";
            }
            let at = objs[rng.below(objs.len())];
            let mut i = at;
            while i > 0 && b[i - 1].is_ascii_digit() {
                i -= 1;
            }
            let n = 1 + rng.below(objs.len() + 8);
            b.splice(i..at, n.to_string().into_bytes());
            "object renumbered"
        }
    }
}

/// One damaged file: its source, seed and mutations.
struct Case {
    index: usize,
    source: usize,
    seed: u64,
    mutations: Vec<&'static str>,
    bytes: Vec<u8>,
}

fn make_case(index: usize, base_seed: u64, sources: &[Vec<u8>]) -> Case {
    let seed = base_seed ^ (index as u64).wrapping_mul(0xD1B5_4A32_D192_ED03);
    let mut rng = Rng::new(seed);
    let total: u32 = SOURCES.iter().map(|s| s.1).sum();
    let mut pick = rng.below(total as usize) as u32;
    let mut source = 0;
    while pick >= SOURCES[source].1 {
        pick -= SOURCES[source].1;
        source += 1;
    }
    let mut bytes = sources[source].clone();
    let n = 1 + rng.below(3);
    // A mutation that does not apply to this file ("none (...)") is retried a few times.
    let mutations = (0..n)
        .map(|_| {
            let mut m = mutate(&mut bytes, &mut rng);
            for _ in 0..4 {
                if !m.starts_with("none") {
                    break;
                }
                m = mutate(&mut bytes, &mut rng);
            }
            m
        })
        .collect();
    Case {
        index,
        source,
        seed,
        mutations,
        bytes,
    }
}

/// What one file gave.
#[derive(Debug, Default)]
pub struct Outcome {
    error: Option<&'static str>,
    pages: usize,
    tables: usize,
    warnings: Vec<String>,
    records: bool,
}

fn error_kind(e: &Error) -> &'static str {
    match e {
        Error::Io { .. } => "io",
        Error::Empty { .. } => "empty",
        Error::NotPdf { .. } => "not_pdf",
        Error::Damaged { .. } => "damaged",
        Error::Encrypted { .. } => "encrypted",
        Error::Limit { .. } => "limit",
        Error::NotAVision { .. } => "not_a_vision",
        _ => "other",
    }
}

/// The pipeline of `kaitei extract` + `diff`, in-process, on bytes.
pub fn pipeline(name: &str, bytes: Vec<u8>, base: Option<&Plan>) -> Outcome {
    let mut out = Outcome::default();
    let doc = match Document::from_bytes(bytes, name, None) {
        Ok(d) => d,
        Err(e) => {
            out.error = Some(error_kind(&e));
            return out;
        }
    };
    let Warned {
        output: reading,
        warnings,
    } = match doc.read() {
        Ok(p) => p,
        Err(e) => {
            out.error = Some(error_kind(&e));
            return out;
        }
    };
    out.warnings = warnings
        .into_iter()
        .map(|w| w.kind.as_str().to_string())
        .collect();
    out.pages = reading.pages.len();
    out.tables = reading.tables.iter().map(Vec::len).sum();
    if let Ok(plan) = reading.plan() {
        out.records = true;
        if let Some(base) = base {
            let _ = compare(base, &plan, &DiffOptions::default());
            let _ = compare(&plan, base, &DiffOptions::default());
        }
    }
    out
}

/// The plan of an unmutated source, if it is a vision.
fn plan_of(name: &str, bytes: &[u8]) -> Option<Plan> {
    let doc = Document::from_bytes(bytes.to_vec(), name, None).ok()?;
    Some(doc.extract().ok()?.output)
}

enum Verdict {
    Done(Outcome),
    Panicked(String),
    TimedOut,
}

fn run_case(case: &Case, base: Option<Arc<Plan>>) -> Verdict {
    let (tx, rx) = mpsc::channel();
    let bytes = case.bytes.clone();
    let name = format!("fuzz-{}.pdf", case.index);
    let spawned = std::thread::Builder::new()
        .name(name.clone())
        .spawn(move || {
            let r = std::panic::catch_unwind(|| pipeline(&name, bytes, base.as_deref()));
            let _ = tx.send(r.map_err(|e| {
                e.downcast_ref::<&str>()
                    .map(|s| s.to_string())
                    .or_else(|| e.downcast_ref::<String>().cloned())
                    .unwrap_or_else(|| "unknown panic".into())
            }));
        });
    if let Err(e) = spawned {
        return Verdict::Panicked(format!("could not spawn the worker: {e}"));
    }
    match rx.recv_timeout(TIME_LIMIT) {
        Ok(Ok(o)) => Verdict::Done(o),
        Ok(Err(msg)) => Verdict::Panicked(msg),
        Err(mpsc::RecvTimeoutError::Timeout) => Verdict::TimedOut,
        Err(mpsc::RecvTimeoutError::Disconnected) => Verdict::Panicked("worker vanished".into()),
    }
}

fn env_num(name: &str, default: u64) -> u64 {
    std::env::var(name)
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(default)
}

#[test]
fn mutated_pdfs_never_panic_or_hang() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let n = env_num("KAITEI_FUZZ_CASES", 5_000) as usize;
    let seed = env_num("KAITEI_FUZZ_SEED", 0x6B61_6974_6569);
    let sources: Vec<Vec<u8>> = SOURCES
        .iter()
        .map(|(p, _)| std::fs::read(root.join(p)).unwrap())
        .collect();
    let bases: Vec<Option<Arc<Plan>>> = SOURCES
        .iter()
        .zip(&sources)
        .map(|((p, _), b)| plan_of(p, b).map(Arc::new))
        .collect();

    let started = Instant::now();
    // Our own pool for the cases; each case's worker thread uses rayon's global pool for its
    // pages, so a case blocked in `recv_timeout` never holds up the work it waits for.
    let threads = std::thread::available_parallelism()
        .map(|n| n.get())
        .unwrap_or(2);
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .build()
        .unwrap();
    let results: Vec<(usize, u64, usize, Vec<&'static str>, Vec<u8>, Verdict)> =
        pool.install(|| {
            (0..n)
                .into_par_iter()
                .map(|i| {
                    let case = make_case(i, seed, &sources);
                    let verdict = run_case(&case, bases[case.source].clone());
                    (
                        case.index,
                        case.seed,
                        case.source,
                        case.mutations,
                        case.bytes,
                        verdict,
                    )
                })
                .collect()
        });
    let elapsed = started.elapsed();

    let mut pages = 0;
    let mut tables = 0;
    let mut records = 0;
    let mut errors: BTreeMap<&str, usize> = BTreeMap::new();
    let mut warnings: BTreeMap<String, usize> = BTreeMap::new();
    let mut mutations: BTreeMap<&str, usize> = BTreeMap::new();
    let mut failures = Vec::new();
    let dump = std::env::var_os("KAITEI_FUZZ_DUMP");
    for (index, case_seed, source, muts, bytes, verdict) in &results {
        for m in muts {
            *mutations.entry(m).or_default() += 1;
        }
        match verdict {
            Verdict::Done(o) => {
                pages += o.pages;
                tables += o.tables;
                records += usize::from(o.records);
                *errors.entry(o.error.unwrap_or("none")).or_default() += 1;
                for w in &o.warnings {
                    *warnings.entry(w.clone()).or_default() += 1;
                }
            }
            v => {
                let what = match v {
                    Verdict::Panicked(m) => format!("panic: {m}"),
                    _ => format!("timeout (over {TIME_LIMIT:?})"),
                };
                failures.push(format!(
                    "case {index} (seed {case_seed:#x}, source {}, mutations {muts:?}): {what}",
                    SOURCES[*source].0
                ));
                if let Some(dir) = &dump {
                    let _ = std::fs::create_dir_all(dir);
                    let _ = std::fs::write(Path::new(dir).join(format!("case-{index}.pdf")), bytes);
                }
            }
        }
    }
    let panics = failures.iter().filter(|f| f.contains(": panic: ")).count();
    let timeouts = failures.len() - panics;
    eprintln!(
        "fuzz: {n} files, {pages} pages, {tables} tables, {records} plans, panics={panics}, timeouts={timeouts}, {:.1} s on {threads} threads (seed {seed:#x})",
        elapsed.as_secs_f64()
    );
    eprintln!("fuzz: errors by kind {errors:?}");
    eprintln!("fuzz: page warnings by kind {warnings:?}");
    eprintln!("fuzz: mutations {mutations:?}");
    assert!(
        failures.is_empty(),
        "{} failing cases:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn mutations_are_deterministic() {
    let sources: Vec<Vec<u8>> = vec![b"%PDF-1.4\n1 0 obj\n<< /Length 3 >>\nstream\nabc\nendstream\nendobj\nxref\n0 1\n0000000000 65535 f \ntrailer\n<< >>\nstartxref\n42\n%%EOF\n".to_vec(); SOURCES.len()];
    for i in 0..50 {
        let a = make_case(i, 7, &sources);
        let b = make_case(i, 7, &sources);
        assert_eq!(a.bytes, b.bytes);
        assert_eq!(a.mutations, b.mutations);
    }
}
