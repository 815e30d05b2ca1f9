//! The bad-input set of `tests/data/bad/` (see its README): for each file the exact error or
//! warnings, through the library (`pipeline::tables`) and, for a few, through the binary (exit
//! status 2, one stderr line naming the file, no panic message).

use kaitei::pipeline::{self, TableRun};
use kaitei::{Error, Warning};
use std::path::{Path, PathBuf};
use std::process::Command;

fn bad(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data/bad")
        .join(name)
}

fn run(
    name: &str,
    password: Option<&str>,
) -> kaitei::Result<kaitei::Warned<Vec<kaitei::table::Table>>> {
    let opts = TableRun {
        password: password.map(str::to_string),
        ..TableRun::default()
    };
    pipeline::tables(&bad(name), &opts)
}

fn error(name: &str, password: Option<&str>) -> String {
    match run(name, password) {
        Ok(_) => panic!("{name}: expected an error"),
        Err(e) => e.to_string(),
    }
}

fn kinds(ws: &[Warning]) -> Vec<(&str, &str)> {
    ws.iter()
        .map(|w| (w.kind.as_str(), w.message.as_str()))
        .collect()
}

/// The good 2×2 table of the generated multi-page files.
fn good_rows() -> Vec<Vec<String>> {
    vec![
        vec!["Name".into(), "Amount".into()],
        vec!["Wake".into(), "15,000".into()],
    ]
}

/// The rows of `tests/data/fixtures/two-tables.expected.json`.
fn two_tables_expected() -> Vec<Vec<Vec<String>>> {
    let path =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/fixtures/two-tables.expected.json");
    let v: serde_json::Value = serde_json::from_slice(&std::fs::read(path).unwrap()).unwrap();
    v["tables"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| serde_json::from_value(t["rows"].clone()).unwrap())
        .collect()
}

#[test]
fn file_level_errors_name_the_file() {
    let p = |n: &str| bad(n).display().to_string();
    assert_eq!(
        error("empty.pdf", None),
        format!("{}: empty file (0 bytes)", p("empty.pdf"))
    );
    assert_eq!(
        error("not-a-pdf.pdf", None),
        format!("{}: not a PDF (plain text)", p("not-a-pdf.pdf"))
    );
    assert_eq!(
        error("html-saved-as.pdf", None),
        format!("{}: not a PDF (HTML document)", p("html-saved-as.pdf"))
    );
    assert_eq!(
        error("truncated.pdf", None),
        format!(
            "{}: damaged PDF: truncated: no %%EOF marker in the last 2 KiB of 253597 bytes, and no readable page tree",
            p("truncated.pdf")
        )
    );
    let missing = bad("no-such-file.pdf");
    let e = pipeline::tables(&missing, &TableRun::default()).unwrap_err();
    assert!(matches!(e, Error::Io { .. }), "{e}");
    assert!(
        e.to_string()
            .starts_with(&format!("{}: cannot read file: ", missing.display())),
        "{e}"
    );
}

#[test]
fn user_password_files_need_the_password() {
    for name in ["encrypted-user.pdf", "encrypted-rc4-40.pdf"] {
        let p = bad(name).display().to_string();
        assert_eq!(
            error(name, None),
            format!(
                "{p}: encrypted PDF: a user password is required (give the user password with --password)"
            )
        );
        assert_eq!(
            error(name, Some("nope")),
            format!("{p}: encrypted PDF: wrong password (give the user password with --password)")
        );
        let res = run(name, Some("kaitei")).unwrap();
        let rows: Vec<_> = res.output.iter().map(|t| t.rows()).collect();
        assert_eq!(rows, two_tables_expected(), "{name}");
        assert!(res.warnings.is_empty(), "{name}: {:?}", res.warnings);
        assert!(res.output.iter().all(|t| t.page == 1));
    }
}

#[test]
fn owner_password_only_opens_without_a_password() {
    let res = run("encrypted-owner-only.pdf", None).unwrap();
    let rows: Vec<_> = res.output.iter().map(|t| t.rows()).collect();
    assert_eq!(rows, two_tables_expected());
    assert!(res.warnings.is_empty(), "{:?}", res.warnings);
}

#[test]
fn a_scanned_page_says_it_has_no_text_layer() {
    let res = run("scanned.pdf", None).unwrap();
    assert!(res.output.is_empty());
    assert_eq!(
        kinds(&res.warnings),
        [("no_text_layer", "page 1: no text layer (image-only page)")]
    );
    assert_eq!(res.warnings[0].page, Some(1));
}

#[test]
fn five_thousand_pages_give_five_thousand_tables() {
    let res = run("many-pages.pdf", None).unwrap();
    assert_eq!(res.output.len(), 5000);
    let good = good_rows();
    for (i, t) in res.output.iter().enumerate() {
        assert_eq!(t.page, i + 1);
        assert_eq!(t.rows(), good, "page {}", i + 1);
    }
    assert!(res.warnings.is_empty());
}

#[test]
fn nested_forms_are_cut_at_hayros_depth_with_a_warning() {
    let res = run("nested-xobject.pdf", None).unwrap();
    assert_eq!(res.output.len(), 1);
    assert_eq!(res.output[0].page, 1);
    assert_eq!(res.output[0].rows(), good_rows());
    assert_eq!(
        kinds(&res.warnings),
        [(
            "form_nesting_limit",
            "page 2: form XObject nesting deeper than 50 levels; the deeper forms are not drawn"
        )]
    );
}

#[test]
fn self_drawing_forms_are_skipped_with_a_warning() {
    let res = run("self-ref-xobject.pdf", None).unwrap();
    assert_eq!(res.output.len(), 1);
    assert_eq!(res.output[0].rows(), good_rows());
    let msg = |n| {
        format!(
            "page {n}: recursive form XObject (a form draws itself); the recursive draw is skipped"
        )
    };
    let got: Vec<_> = res
        .warnings
        .iter()
        .map(|w| (w.kind.as_str(), w.message.clone(), w.page))
        .collect();
    assert_eq!(
        got,
        [
            ("form_recursion", msg(2), Some(2)),
            ("form_recursion", msg(3), Some(3))
        ]
    );
}

#[test]
fn a_compression_bomb_is_refused_per_page() {
    let res = run("compression-bomb.pdf", None).unwrap();
    assert_eq!(res.output.len(), 1);
    assert_eq!(res.output[0].rows(), good_rows());
    assert_eq!(
        kinds(&res.warnings),
        [
            (
                "limit_exceeded",
                "page 2: content stream inflates beyond the 256 MiB limit"
            ),
            (
                "limit_exceeded",
                "page 3: content stream inflates beyond the 256 MiB limit"
            ),
        ]
    );
}

/// Batch isolation at the library level: every bad file in turn, each under `catch_unwind`;
/// each one gives its own result and none takes the loop down.
#[test]
fn every_bad_file_gives_ok_or_its_own_error() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/bad");
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .filter_map(|e| e.ok()?.file_name().into_string().ok())
        .filter(|n| n.ends_with(".pdf"))
        .collect();
    names.sort();
    let mut got = Vec::new();
    for name in &names {
        let path = dir.join(name);
        let r = std::panic::catch_unwind(|| pipeline::tables(&path, &TableRun::default()));
        let summary = match r {
            Err(_) => panic!("{name}: panicked"),
            Ok(Ok(w)) => format!("ok {} tables {} warnings", w.output.len(), w.warnings.len()),
            Ok(Err(e)) => {
                let s = e.to_string();
                assert!(s.starts_with(&path.display().to_string()), "{s}");
                let kind = match e {
                    Error::Empty { .. } => "empty",
                    Error::NotPdf { .. } => "not_pdf",
                    Error::Damaged { .. } => "damaged",
                    Error::Encrypted { .. } => "encrypted",
                    _ => "other",
                };
                format!("err {kind}")
            }
        };
        got.push(format!("{name}: {summary}"));
    }
    assert_eq!(
        got,
        [
            "compression-bomb.pdf: ok 1 tables 2 warnings",
            "empty.pdf: err empty",
            "encrypted-owner-only.pdf: ok 2 tables 0 warnings",
            "encrypted-rc4-40.pdf: err encrypted",
            "encrypted-user.pdf: err encrypted",
            "html-saved-as.pdf: err not_pdf",
            "many-pages.pdf: ok 5000 tables 0 warnings",
            "nested-xobject.pdf: ok 1 tables 1 warnings",
            "not-a-pdf.pdf: err not_pdf",
            "scanned.pdf: ok 0 tables 1 warnings",
            "self-ref-xobject.pdf: ok 1 tables 2 warnings",
            "truncated.pdf: err damaged",
        ]
    );
}

/// Runs the binary; returns (exit code, stdout, stderr).
fn kaitei(args: &[&str]) -> (Option<i32>, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_kaitei"))
        .args(args)
        .output()
        .unwrap();
    (
        out.status.code(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn the_binary_fails_with_one_line_naming_the_file() {
    for (name, msg) in [
        ("empty.pdf", "empty file (0 bytes)"),
        ("html-saved-as.pdf", "not a PDF (HTML document)"),
        (
            "encrypted-user.pdf",
            "encrypted PDF: a user password is required (give the user password with --password)",
        ),
    ] {
        let path = bad(name).display().to_string();
        let (code, stdout, stderr) = kaitei(&["tables", &path, "--format", "json"]);
        assert_eq!(code, Some(2), "{name}: {stderr}");
        assert_eq!(stdout, "", "{name}");
        assert_eq!(stderr, format!("kaitei: {path}: {msg}\n"), "{name}");
        assert!(!stderr.contains("panicked"));
    }
}

#[test]
fn the_binary_opens_a_user_password_file_with_password() {
    let path = bad("encrypted-user.pdf").display().to_string();
    let (code, stdout, stderr) =
        kaitei(&["tables", &path, "--format", "json", "--password", "kaitei"]);
    assert_eq!(code, Some(0), "{stderr}");
    let v: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    let rows: Vec<Vec<Vec<String>>> = v["tables"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| serde_json::from_value(t["rows"].clone()).unwrap())
        .collect();
    assert_eq!(rows, two_tables_expected());
}

#[test]
fn the_binary_reports_a_refused_page_and_keeps_the_others() {
    let path = bad("compression-bomb.pdf").display().to_string();
    let (code, stdout, stderr) = kaitei(&["tables", &path, "--format", "json"]);
    // 1: output written, with warnings (partly failed).
    assert_eq!(code, Some(1), "{stderr}");
    assert_eq!(
        stderr,
        format!(
            "{path}: warning: page 2: content stream inflates beyond the 256 MiB limit\n\
             {path}: warning: page 3: content stream inflates beyond the 256 MiB limit\n"
        )
    );
    let v: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    assert_eq!(v["tables"].as_array().unwrap().len(), 1);
}

// Issue 6 point 3: outputs are written atomically, and reruns give identical bytes.

/// A fresh scratch folder under the target directory.
fn scratch(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

#[test]
fn a_failed_atomic_write_leaves_the_old_file_intact() {
    let dir = scratch("atomic");
    let out = dir.join("tables.json");
    pipeline::write_atomic(&out, b"old good output\n").unwrap();
    // Make the temporary path a folder: creating the temporary file fails, as a full disk or
    // a killed process would leave it, before anything touches `out`.
    let tmp = dir.join(format!(".tables.json.{}.tmp", std::process::id()));
    std::fs::create_dir(&tmp).unwrap();
    assert!(pipeline::write_atomic(&out, b"new output that never lands").is_err());
    assert_eq!(std::fs::read(&out).unwrap(), b"old good output\n");
    std::fs::remove_dir(&tmp).unwrap();
    // And a successful write replaces the file whole, leaving no temporary file behind.
    pipeline::write_atomic(&out, b"new\n").unwrap();
    assert_eq!(std::fs::read(&out).unwrap(), b"new\n");
    let left: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(left, [std::ffi::OsString::from("tables.json")]);
}

#[test]
fn reruns_give_identical_bytes_with_rayon_on() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    for file in [
        "inputs/okayama-2022-full.lo.pdf",
        "tests/data/fixtures/vision-bihoku.pdf",
        "tests/data/bad/many-pages.pdf",
    ] {
        let path = root.join(file);
        let bytes = || {
            let res = pipeline::tables(&path, &TableRun::default()).unwrap();
            kaitei::report::tables::json(&path, &res.output, &res.warnings)
        };
        let first = bytes();
        for _ in 0..3 {
            assert!(first == bytes(), "{file}: a rerun gave different bytes");
        }
        // One thread gives the same bytes as the default pool.
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(1)
            .build()
            .unwrap();
        assert!(
            first == pool.install(bytes),
            "{file}: one thread gave different bytes"
        );
    }
}

/// `tests/data/regress/README.md`: hayro-font panics (integer overflow) on a huge
/// `/Differences` code where overflow checks are on. The page is then reported by number and
/// the run goes on; in release the code wraps and the page is read.
#[test]
fn regress_font_differences_overflow() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data/regress/hayro-font-encoding-differences-overflow.pdf");
    let res = pipeline::tables(&path, &TableRun::default()).unwrap();
    if cfg!(debug_assertions) {
        assert!(res.output.is_empty());
        assert_eq!(res.warnings.len(), 1, "{:?}", res.warnings);
        assert_eq!(res.warnings[0].kind, kaitei::WarningKind::PageFailed);
        assert!(
            res.warnings[0]
                .message
                .starts_with("page 1 could not be interpreted: attempt to add with overflow"),
            "{:?}",
            res.warnings
        );
    } else {
        assert_eq!(res.output.len(), 1);
    }
}
