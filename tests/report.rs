//! Reports of the corpus change log: the HTML opens in headless Chromium with the expected rows
//! and no console errors; Markdown and CSV carry the expected lines; output is deterministic.

use crate::diff::load_plan;
use kaitei::diff::{DiffOptions, Series, compare_series};
use kaitei::report::{MarkStyle, NewSide, ReportOptions, csv, html, markdown};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

const CHROMIUM: &str = "/usr/bin/chromium";

/// The two full editions of the corpus (truth records), compared.
fn corpus() -> Series {
    compare_series(
        vec![
            load_plan("okayama-2023-full.json"),
            load_plan("okayama-2022-full.json"),
        ],
        &DiffOptions::default(),
    )
}

fn html_bytes(opts: &ReportOptions) -> Vec<u8> {
    let mut out = Vec::new();
    html::write(&mut out, &corpus(), opts).expect("writes");
    out
}

struct TempDir(PathBuf);

impl TempDir {
    fn new(tag: &str) -> TempDir {
        let p = std::env::temp_dir().join(format!("kaitei-{tag}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&p);
        std::fs::create_dir_all(&p).expect("temp dir");
        TempDir(p)
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// Run headless Chromium on a file: (dumped DOM, stderr log).
fn chromium_dump(file: &Path, profile: &Path) -> (String, String) {
    assert!(
        Path::new(CHROMIUM).exists(),
        "{CHROMIUM} not found: install Debian's `chromium` package (apt-get install -y chromium) to run the HTML rendering test"
    );
    let mut child = Command::new(CHROMIUM)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--enable-logging=stderr",
            "--v=0",
        ])
        .arg(format!("--user-data-dir={}", profile.display()))
        .arg("--dump-dom")
        .arg(format!("file://{}", file.display()))
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("chromium starts");
    let out_pipe = child.stdout.take().expect("stdout");
    let err_pipe = child.stderr.take().expect("stderr");
    let out_t = std::thread::spawn(move || std::io::read_to_string(out_pipe).unwrap_or_default());
    let err_t = std::thread::spawn(move || std::io::read_to_string(err_pipe).unwrap_or_default());
    let start = Instant::now();
    loop {
        if child.try_wait().expect("wait").is_some() {
            break;
        }
        if start.elapsed() > Duration::from_secs(90) {
            let _ = child.kill();
            panic!("chromium did not finish within 90 s");
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    (
        out_t.join().unwrap_or_default(),
        err_t.join().unwrap_or_default(),
    )
}

#[test]
fn html_renders_in_chromium_with_rows_and_no_console_errors() {
    let dir = TempDir::new("html");
    let file = dir.0.join("report.html");
    std::fs::write(&file, html_bytes(&ReportOptions::default())).expect("written");
    let profile = dir.0.join("profile");
    let (dom, log) = chromium_dump(&file, &profile);
    assert!(
        dom.contains("<table class=\"taisho\">"),
        "no 新旧対照表 in the rendered DOM:\n{log}"
    );
    assert_eq!(
        dom.matches("<tr class=\"change ").count(),
        56,
        "one 新旧対照表 row per event"
    );
    assert_eq!(
        dom.matches("<tr class=\"change budget_changed\"").count(),
        13
    );
    assert_eq!(
        dom.matches("<tr class=\"project").count(),
        42,
        "participation matrix rows"
    );
    // 文学によるまちづくり推進事業 is new in 2023.
    assert_eq!(dom.matches("<tr class=\"project new-project\"").count(), 1);
    // Joins (9) and departures (3) of 2022 → 2023 are highlighted.
    assert_eq!(dom.matches("<td class=\"join\"").count(), 9);
    assert_eq!(dom.matches("<td class=\"leave\"").count(), 3);
    // Six projects changed a fiscal year's amount: one chart each.
    assert_eq!(dom.matches("<figure class=\"chart\">").count(), 6);
    assert!(dom.contains("<svg"));
    let console: Vec<&str> = log
        .lines()
        .filter(|l| l.contains("CONSOLE") || l.contains("Uncaught") || l.contains("Refused to"))
        .collect();
    assert!(console.is_empty(), "console errors: {console:#?}");
}

/// The console check above is not vacuous: Chromium does report script errors this way.
#[test]
fn chromium_console_errors_are_detected() {
    let dir = TempDir::new("console");
    let file = dir.0.join("broken.html");
    std::fs::write(
        &file,
        "<html><body><script>console.error(\"boom\"); undefinedFn();</script></body></html>",
    )
    .expect("written");
    let (_, log) = chromium_dump(&file, &dir.0.join("profile"));
    let console: Vec<&str> = log.lines().filter(|l| l.contains("CONSOLE")).collect();
    assert_eq!(console.len(), 2, "{log}");
    assert!(console[1].contains("Uncaught ReferenceError"));
}

#[test]
fn html_is_deterministic_and_options_switch_columns_and_markers() {
    let a = html_bytes(&ReportOptions::default());
    assert_eq!(a, html_bytes(&ReportOptions::default()));
    let s = String::from_utf8(a).expect("utf-8");
    let new_left = s
        .find("<th>新(令和5年(2023年)3月)</th>")
        .expect("new header");
    let old = s
        .find("<th>旧(令和4年(2022年)3月)</th>")
        .expect("old header");
    assert!(new_left < old);
    assert!(!s.contains("(新設)"));
    let r = String::from_utf8(html_bytes(&ReportOptions {
        new_side: NewSide::Right,
        marks: MarkStyle::Markers,
    }))
    .expect("utf-8");
    assert!(r.find("<th>旧(").expect("old") < r.find("<th>新(").expect("new"));
    assert!(r.contains("<span class=\"marker\">(新設)</span>"));
    // Self-contained: nothing that loads a resource (URLs in the document's text are text).
    for load in ["src=", "href=", "url(", "@import", "<link", "<script"] {
        assert!(!s.contains(load), "{load} in the report");
    }
}

#[test]
fn markdown_summary_of_the_corpus() {
    let series = corpus();
    let mut out = Vec::new();
    markdown::write(&mut out, &series.logs[0]).expect("writes");
    let s = String::from_utf8(out).expect("utf-8");
    assert!(s.contains("- 変更件数: 56件"));
    assert!(s.contains("## 追加事業\n\n- **文学によるまちづくり推進事業**"));
    assert!(s.contains("## 削除事業\n\n該当なし"));
    assert!(s.contains("- 夜間中学設置の検討・準備 → **夜間中学設置の検討・準備・運営**"));
    assert!(s.contains("| 外部専門人材の活用 | 玉野市、総社市、早島町、美咲町 |  |"));
    assert!(s.contains("  - R4: 12,000千円 → 15,000千円 (+3,000千円)"));
    assert!(s.contains("  - R5: 0千円 → 150千円 (+150千円)"));
    assert!(s.contains("  - R4: 協議 → 方針の決定"));
    assert!(s.contains("  - 「移住定住支援により圏域内に移住した人数」目標値: 500 人 (令和8年度) → 600 人 (令和8年度)"));
    assert!(s.contains("    - 人材**や後継者**確保支援など"));
    assert!(s.contains("## 確認事項\n\n該当なし"));
}

#[test]
fn events_csv_of_the_corpus() {
    let series = corpus();
    let (plans, logs) = (&series.plans, &series.logs);
    let mut out = Vec::new();
    csv::write_changes(&mut out, &logs[..1]).expect("writes");
    let s = String::from_utf8(out).expect("utf-8");
    assert!(s.starts_with("\u{feff}kind,project,field,side,fy,partner,indicator,from_name,from,to,added,removed,base_page,revised_page,notes\r\n"));
    assert!(s.contains("\r\nbudget_changed,スタートアップ企業支援,,,R4,,,,12000,15000,,,,,\r\n"));
    let mut b = Vec::new();
    csv::write_budgets(&mut b, &plans[1]).expect("writes");
    let b = String::from_utf8(b).expect("utf-8");
    assert_eq!(b.matches("\r\n").count(), 1 + 42 * 5);
    assert!(b.contains(
        "\r\nokayama-2023-full,外国人コミュニケーション支援,R5,2023,方針の決定,150,0,千円\r\n"
    ));
}

/// The corpus truth records in any order, as a series: ordered by the printed edition (the
/// truth format has no `edition_date`), the draft and the 2023 edition each compared with the
/// 2022 edition, 56 events each, and one history across the three.
#[test]
fn truth_records_form_a_series_in_edition_order() {
    let series = compare_series(
        vec![
            load_plan("okayama-2023-draft.json"),
            load_plan("okayama-2023-full.json"),
            load_plan("okayama-2022-full.json"),
        ],
        &DiffOptions::default(),
    );
    let order: Vec<&str> = series.plans.iter().map(|p| p.version.as_str()).collect();
    assert_eq!(
        order,
        [
            "okayama-2022-full",
            "okayama-2023-draft",
            "okayama-2023-full"
        ]
    );
    let logs: Vec<(&str, &str, usize)> = series
        .logs
        .iter()
        .map(|l| {
            (
                l.base.version.as_str(),
                l.revised.version.as_str(),
                l.changes.len(),
            )
        })
        .collect();
    assert_eq!(
        logs,
        [
            ("okayama-2022-full", "okayama-2023-draft", 56),
            ("okayama-2022-full", "okayama-2023-full", 56)
        ]
    );
    // 42 projects: the one added in 2023 is one history from the draft on, the renamed one
    // keeps its history.
    assert_eq!(series.history.projects.len(), 42);
    let added: Vec<&str> = series
        .history
        .projects
        .iter()
        .filter(|p| p.first_seen != "okayama-2022-full")
        .map(|p| p.name.as_str())
        .collect();
    assert_eq!(added, ["文学によるまちづくり推進事業"]);
    let renamed = series
        .history
        .projects
        .iter()
        .find(|p| p.name == "夜間中学設置の検討・準備・運営")
        .expect("renamed project");
    assert_eq!(renamed.renames.len(), 2);
}

/// The Japanese reports give each warning the Japanese sentence of its kind, with the page and
/// the original message beneath it; JSON keeps the kind code and the English message.
#[test]
fn warnings_speak_japanese_in_the_reports() {
    let mut series = corpus();
    let w = kaitei::Warning::new(
        kaitei::WarningKind::MarkedUnchanged,
        "中小企業の経営健全化・人材確保等支援: 「人材」 is underlined but no change was found there",
    )
    .at_page(6);
    series.logs[0].warnings.push(w.clone());
    series.plans[1].warnings.push(w);
    let mut md = Vec::new();
    markdown::write_series(&mut md, &series).expect("writes");
    let md = String::from_utf8(md).expect("utf-8");
    assert!(
        md.contains("## 確認事項\n\n- 改訂案で下線が引かれていますが、対応する変更が見つかりません。 (p.6)\n  - 詳細(原文): 中小企業の経営健全化・人材確保等支援: 「人材」 is underlined but no change was found there\n"),
        "{md}"
    );
    let mut h = Vec::new();
    html::write(&mut h, &series, &ReportOptions::default()).expect("writes");
    let h = String::from_utf8(h).expect("utf-8");
    assert!(
        h.contains("<li>[okayama-2023-full] 改訂案で下線が引かれていますが、対応する変更が見つかりません。 (p.6) <span class=\"note\">marked_unchanged: 中小企業の経営健全化・人材確保等支援: 「人材」 is underlined but no change was found there</span></li>"),
        "{h}"
    );
    let json = serde_json::to_value(&series.logs[0]).expect("json");
    assert_eq!(json["warnings"][0]["kind"], "marked_unchanged");
}
