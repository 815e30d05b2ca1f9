//! The `kaitei` binary as a user runs it: exit statuses, one-line errors, the yearly run.

use crate::util::{data, input};
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn kaitei(args: &[&str], dir: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_kaitei"))
        .args(args)
        .current_dir(dir)
        .output()
        .expect("kaitei runs")
}

/// A folder `inputs/` in `dir` holding copies of `files`.
fn inputs(dir: &Path, files: &[PathBuf]) {
    std::fs::create_dir_all(dir.join("inputs")).expect("inputs");
    for f in files {
        let name = f.file_name().expect("file name");
        std::fs::copy(f, dir.join("inputs").join(name)).expect("copy");
    }
}

fn tmp(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("kaitei-test-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).expect("temp dir");
    d
}

#[test]
fn tables_json_has_the_documented_shape() {
    let out = kaitei(
        &[
            "tables",
            data("fixtures/two-tables.pdf").to_str().unwrap_or(""),
            "--format",
            "json",
        ],
        Path::new("."),
    );
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    let t = &v["tables"][0];
    assert_eq!(t["page"], 1);
    assert_eq!(t["bbox"].as_array().map(Vec::len), Some(4));
    let c = &t["cells"][0];
    for k in ["row", "col", "rowspan", "colspan", "text", "bbox"] {
        assert!(c.get(k).is_some(), "cell lacks {k}");
    }
    assert_eq!(v["tables"].as_array().map(Vec::len), Some(2));
}

#[test]
fn bad_files_give_one_line_errors_and_status_2() {
    let dir = tmp("bad");
    std::fs::write(dir.join("empty.pdf"), b"").expect("write");
    std::fs::write(
        dir.join("page.pdf"),
        b"<!DOCTYPE html><html><body>404</body></html>",
    )
    .expect("write");
    for (file, msg) in [
        ("empty.pdf", "empty.pdf: empty file (0 bytes)"),
        ("page.pdf", "page.pdf: not a PDF (HTML document)"),
        ("missing.pdf", "missing.pdf: cannot read file"),
    ] {
        let out = kaitei(&["tables", file], &dir);
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{file}: {err}");
        assert_eq!(err.lines().count(), 1, "{err}");
        assert!(err.contains(msg), "{file}: {err}");
        assert!(!err.contains("panicked"));
    }
    let out = kaitei(&["extract", "page.pdf"], &dir);
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        err.trim_end(),
        "kaitei: page.pdf: not a PDF (HTML document)"
    );
}

#[test]
fn extract_batch_goes_on_after_a_bad_file_and_says_partly_failed() {
    let dir = tmp("batch");
    std::fs::write(dir.join("broken.pdf"), b"%PDF-1.7\n1 0 obj <<").expect("write");
    let good = data("fixtures/vision-bihoku.pdf");
    let out = kaitei(
        &[
            "extract",
            "broken.pdf",
            good.to_str().unwrap_or(""),
            "-o",
            "out",
        ],
        &dir,
    );
    assert_eq!(
        out.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: serde_json::Value = serde_json::from_slice(
        &std::fs::read(dir.join("out/vision-bihoku.json")).expect("written"),
    )
    .expect("json");
    assert_eq!(v["schema"], "kaitei.records/1");
    assert_eq!(v["projects"].as_array().map(Vec::len), Some(3));
    assert!(!dir.join("out/broken.json").exists());
}

#[test]
fn diff_exit_status_says_whether_anything_changed() {
    let a = input("okayama-2022-full.lo.pdf");
    let b = data("okayama-2022-full.json");
    let same = kaitei(
        &["diff", b.to_str().unwrap_or(""), b.to_str().unwrap_or("")],
        Path::new("."),
    );
    assert_eq!(
        same.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&same.stderr)
    );
    let out = kaitei(
        &[
            "diff",
            a.to_str().unwrap_or(""),
            input("okayama-2023-draft.lo.pdf").to_str().unwrap_or(""),
            "--format",
            "md",
        ],
        Path::new("."),
    );
    assert_eq!(out.status.code(), Some(1));
    let md = String::from_utf8_lossy(&out.stdout);
    assert!(
        md.contains("## 追加事業") && md.contains("文学によるまちづくり推進事業"),
        "{md}"
    );
}

#[test]
fn yearly_run_writes_outputs_and_a_rerun_writes_the_same_bytes() {
    let dir = tmp("run");
    inputs(
        &dir,
        &[
            input("okayama-2022-full.lo.pdf"),
            input("okayama-2023-full.lo.pdf"),
            input("okayama-2023-draft.lo.pdf"),
        ],
    );
    std::fs::write(dir.join("inputs/notes.pdf"), b"not a pdf at all").expect("write");
    let out = kaitei(&[], &dir);
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(err.contains("notes.pdf: not a PDF"), "{err}");
    // One summary line of counts, however many logs were written.
    let last = err.lines().last().unwrap_or("");
    assert!(
        last.starts_with("kaitei: 4 files, 1 document, 2 change logs (112 changes), ")
            && last.ends_with(" warnings, 1 failed → outputs"),
        "{err}"
    );
    assert!(!err.contains("okayama-2022-full.lo__"), "{err}");
    let files = [
        "summary.md",
        "report.html",
        "report.xlsx",
        "history.json",
        "changes/okayama-2022-full.lo__okayama-2023-full.lo.json",
        "changes/okayama-2022-full.lo__okayama-2023-draft.lo.json",
        "records/okayama-2023-draft.lo.json",
        "records/okayama-2023-full.lo.budgets.csv",
    ];
    let first: Vec<Vec<u8>> = files
        .iter()
        .map(|f| std::fs::read(dir.join("outputs").join(f)).unwrap_or_else(|e| panic!("{f}: {e}")))
        .collect();
    let log: serde_json::Value = serde_json::from_slice(&first[4]).expect("json");
    assert_eq!(log["changes"].as_array().map(Vec::len), Some(56));
    let again = kaitei(&["-q"], &dir);
    assert_eq!(again.status.code(), Some(1));
    for (f, bytes) in files.iter().zip(&first) {
        assert_eq!(
            &std::fs::read(dir.join("outputs").join(f)).expect("reread"),
            bytes,
            "{f} differs on rerun"
        );
    }
}

/// Records in the corpus truth format carry `edition` only: the run orders them by the printed
/// edition and compares the draft and the 2023 edition with 2022, never the reverse.
#[test]
fn yearly_run_on_truth_records_orders_versions_by_the_printed_edition() {
    let dir = tmp("truth-run");
    inputs(
        &dir,
        &[
            data("okayama-2022-full.json"),
            data("okayama-2023-full.json"),
            data("okayama-2023-draft.json"),
        ],
    );
    let out = kaitei(&["-q"], &dir);
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{err}");
    let mut logs: Vec<String> = std::fs::read_dir(dir.join("outputs/changes"))
        .expect("changes written")
        .filter_map(|e| e.ok()?.file_name().into_string().ok())
        .filter(|n| n.ends_with(".json"))
        .collect();
    logs.sort();
    assert_eq!(
        logs,
        [
            "okayama-2022-full__okayama-2023-draft.json",
            "okayama-2022-full__okayama-2023-full.json"
        ]
    );
    for name in &logs {
        let log: serde_json::Value = serde_json::from_slice(
            &std::fs::read(dir.join("outputs/changes").join(name)).expect("read"),
        )
        .expect("json");
        assert_eq!(log["changes"].as_array().map(Vec::len), Some(56), "{name}");
    }
    // The records written back carry the edition date read from the printed edition.
    let rec: serde_json::Value = serde_json::from_slice(
        &std::fs::read(dir.join("outputs/records/okayama-2023-draft.json")).expect("read"),
    )
    .expect("json");
    assert_eq!(rec["edition_date"], "2023-03");
}

/// Each subcommand's help lists its own options only; the yearly run's are the top level's.
#[test]
fn help_lists_each_commands_own_options() {
    let help = |args: &[&str]| {
        let out = kaitei(args, Path::new("."));
        assert_eq!(out.status.code(), Some(0));
        String::from_utf8_lossy(&out.stdout).into_owned()
    };
    let top = help(&["--help"]);
    for opt in ["--inputs", "--outputs", "--quiet", "--verbose"] {
        assert!(top.contains(opt), "{opt}: {top}");
    }
    for cmd in ["diff", "extract", "tables", "text"] {
        let h = help(&[cmd, "--help"]);
        for opt in ["--inputs", "--outputs", "--verbose"] {
            assert!(!h.contains(opt), "{cmd} --help lists {opt}: {h}");
        }
    }
    assert!(help(&["diff", "--help"]).contains("xlsx"));
}

/// Scripts pass `-q` to every command alike (the realworld scorer runs `kaitei text FILE -q`).
#[test]
fn every_command_takes_quiet() {
    let pdf = data("fixtures/two-tables.pdf");
    let pdf = pdf.to_str().expect("utf-8 path");
    for args in [vec!["text", pdf, "-q"], vec!["tables", pdf, "--quiet"]] {
        let out = kaitei(&args, Path::new("."));
        assert_eq!(
            out.status.code(),
            Some(0),
            "{args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(
            String::from_utf8_lossy(&out.stdout).contains("吉備中央町"),
            "{args:?}"
        );
    }
    for args in [vec!["extract", "-q"], vec!["diff", "-q"]] {
        let out = kaitei(&args, Path::new("."));
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(!err.contains("unexpected argument"), "{args:?}: {err}");
    }
}

/// `-v` adds one line per change log before the summary line.
#[test]
fn verbose_run_names_each_change_log() {
    let dir = tmp("verbose");
    std::fs::create_dir_all(dir.join("inputs")).expect("inputs");
    for f in ["okayama-2022-full.json", "okayama-2023-full.json"] {
        std::fs::copy(data(f), dir.join("inputs").join(f)).expect("copy");
    }
    let out = kaitei(&["-v"], &dir);
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{err}");
    assert_eq!(
        err.lines().collect::<Vec<_>>(),
        [
            "kaitei: okayama-2022-full__okayama-2023-full: 56 changes",
            "kaitei: 2 files, 1 document, 1 change log (56 changes), 0 warnings, 0 failed → outputs"
        ]
    );
}
