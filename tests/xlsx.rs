//! The Excel workbook read back as a user's spreadsheet would: sheet names, values, amounts as
//! numbers, the 計 formulas and their cached values, the rich text of the 新旧対照表.

use crate::util::{data, input};
use calamine::{Data, Reader, Xlsx, open_workbook_from_rs};
use kaitei::diff::{DiffOptions, Series, compare_series};
use kaitei::report::{NewSide, ReportOptions};
use std::io::{Cursor, Read};
use std::sync::OnceLock;

/// The corpus series (the three PDFs), read once for all tests.
fn series() -> &'static Series {
    static S: OnceLock<Series> = OnceLock::new();
    S.get_or_init(|| {
        let plans = [
            "okayama-2022-full.lo.pdf",
            "okayama-2023-draft.lo.pdf",
            "okayama-2023-full.lo.pdf",
        ]
        .iter()
        .map(|f| kaitei::load(&input(f), None).expect("corpus PDF").output)
        .collect();
        compare_series(plans, &DiffOptions::default())
    })
}

fn workbook(opts: &ReportOptions) -> Vec<u8> {
    let mut out = Vec::new();
    kaitei::report::xlsx::write(&mut out, series(), opts).expect("workbook written");
    out
}

fn open(bytes: &[u8]) -> Xlsx<Cursor<Vec<u8>>> {
    open_workbook_from_rs(Cursor::new(bytes.to_vec())).expect("calamine opens the workbook")
}

fn text(d: Option<&Data>) -> String {
    match d {
        Some(Data::String(s)) => s.clone(),
        Some(Data::Empty) | None => String::new(),
        Some(other) => other.to_string(),
    }
}

/// The rows of a sheet as text (numbers in their plain form).
fn rows(book: &mut Xlsx<Cursor<Vec<u8>>>, sheet: &str) -> Vec<Vec<String>> {
    let r = book.worksheet_range(sheet).expect("sheet");
    r.rows()
        .map(|row| row.iter().map(|d| text(Some(d))).collect())
        .collect()
}

/// One file of the workbook's zip archive.
fn part(bytes: &[u8], name: &str) -> String {
    let mut z = zip::ZipArchive::new(Cursor::new(bytes)).expect("zip");
    let mut s = String::new();
    z.by_name(name)
        .expect("part")
        .read_to_string(&mut s)
        .expect("utf-8");
    s
}

#[test]
fn the_workbook_has_the_five_sheets_and_identical_bytes_on_rerun() {
    let a = workbook(&ReportOptions::default());
    assert_eq!(a, workbook(&ReportOptions::default()));
    assert_eq!(
        open(&a).sheet_names(),
        ["変更一覧", "新旧対照表", "事業費", "連携市町", "警告"]
    );
    let core = part(&a, "docProps/core.xml");
    assert!(
        core.contains(
            "<dcterms:created xsi:type=\"dcterms:W3CDTF\">2000-01-01T00:00:00Z</dcterms:created>"
        ),
        "{core}"
    );
}

#[test]
fn every_event_is_a_row_with_japanese_kind_and_amounts_as_numbers() {
    let bytes = workbook(&ReportOptions::default());
    let mut book = open(&bytes);
    let r = rows(&mut book, "変更一覧");
    assert_eq!(
        r[0],
        [
            "比較",
            "種別",
            "事業名",
            "項目",
            "年度",
            "連携市町",
            "市町コード",
            "変更前",
            "変更後",
            "増減",
            "新 頁",
            "旧 頁",
            "注記"
        ]
    );
    let events: usize = series().logs.iter().map(|l| l.changes.len()).sum();
    assert_eq!(r.len(), 1 + events);
    assert_eq!(events, 112);
    let cmp = "okayama-2022-full.lo → okayama-2023-draft.lo";
    assert_eq!(
        r[1][..7],
        [
            cmp,
            "連携市町の追加",
            "スタートアップ企業支援",
            "連携市町",
            "",
            "吉備中央町",
            "336815"
        ]
    );
    // The R4 budget of the same project: numbers, with the difference.
    let range = book.worksheet_range("変更一覧").expect("sheet");
    assert_eq!(text(range.get((2, 1))), "事業費の変更");
    assert_eq!(text(range.get((2, 4))), "R4");
    assert_eq!(range.get((2, 7)), Some(&Data::Float(12000.0)));
    assert_eq!(range.get((2, 8)), Some(&Data::Float(15000.0)));
    assert_eq!(range.get((2, 9)), Some(&Data::Float(3000.0)));
    assert_eq!(range.get((2, 10)), Some(&Data::Float(5.0)));
    let sheet1 = part(&bytes, "xl/worksheets/sheet1.xml");
    assert!(
        sheet1.contains("<autoFilter ref=\"A1:M113\"/>"),
        "autofilter"
    );
    assert!(sheet1.contains("state=\"frozen\""), "frozen header");
}

#[test]
fn budgets_are_numbers_and_each_total_a_sum_caching_the_printed_total() {
    let bytes = workbook(&ReportOptions::default());
    let mut book = open(&bytes);
    let values = book.worksheet_range("事業費").expect("sheet");
    let formulas = book.worksheet_formula("事業費").expect("formulas");
    let head: Vec<String> = values
        .rows()
        .next()
        .expect("header")
        .iter()
        .map(|d| text(Some(d)))
        .collect();
    assert_eq!(
        head,
        [
            "事業名",
            "版",
            "R4(千円)",
            "R5(千円)",
            "R6(千円)",
            "R7(千円)",
            "R8(千円)",
            "計(千円)",
            "備考"
        ]
    );
    let find = |name: &str, version: &str| {
        values
            .rows()
            .position(|r| text(r.first()) == name && text(r.get(1)) == version)
            .unwrap_or_else(|| panic!("no row {name} / {version}"))
    };
    let r = find("スタートアップ企業支援", "okayama-2023-full.lo");
    assert_eq!(values.get((r, 2)), Some(&Data::Float(15000.0)));
    assert_eq!(values.get((r, 7)), Some(&Data::Float(75000.0)));
    let n = r + 1;
    assert_eq!(
        formulas.get_value((r as u32, 7)).map(String::as_str),
        Some(format!("SUM(C{n}:G{n})").as_str())
    );
    // 計 printed 0 beside R5 150: the cached value is the printed 計, flagged and listed.
    let r = find("外国人コミュニケーション支援", "okayama-2023-full.lo");
    assert_eq!(values.get((r, 3)), Some(&Data::Float(150.0)));
    assert_eq!(values.get((r, 7)), Some(&Data::Float(0.0)));
    assert_eq!(text(values.get((r, 8))), "計 0千円 ≠ 各年度の合計 150千円");
    let cell = format!("H{}", r + 1);
    let warnings = rows(&mut book, "警告");
    assert_eq!(
        warnings[0],
        ["版", "頁", "内容", "種別", "詳細(原文)", "参照"]
    );
    let listed = warnings
        .iter()
        .find(|w| w[0] == "okayama-2023-full.lo" && w[3] == "total_mismatch")
        .expect("mismatch listed");
    assert_eq!(
        listed[2],
        "各年度の事業費の合計が、記載された計と一致しません。"
    );
    assert_eq!(listed[5], format!("事業費!{cell}"));
}

#[test]
fn the_participation_matrix_has_codes_and_marks() {
    let mut book = open(&workbook(&ReportOptions::default()));
    let r = rows(&mut book, "連携市町");
    assert_eq!(r[0][..4], ["事業名", "状態", "津山市", "玉野市"]);
    assert_eq!(
        r[1][..4],
        ["全国地方公共団体コード", "", "332038", "332046"]
    );
    let row = |name: &str| {
        r.iter()
            .find(|x| x[0] == name)
            .unwrap_or_else(|| panic!("{name}"))
    };
    let col = |name: &str| {
        r[0].iter()
            .position(|x| x == name)
            .unwrap_or_else(|| panic!("{name}"))
    };
    // 高齢者見守りネットワーク連携 lost 玉野市; スタートアップ企業支援 gained 吉備中央町.
    assert_eq!(row("高齢者見守りネットワーク連携")[col("玉野市")], "×");
    assert_eq!(row("スタートアップ企業支援")[col("吉備中央町")], "○");
    assert_eq!(
        row("文学によるまちづくり推進事業")[1],
        "新規(okayama-2023-draft.lo)"
    );
}

#[test]
fn the_comparison_table_is_rich_text_in_the_chosen_order() {
    let bytes = workbook(&ReportOptions::default());
    let mut book = open(&bytes);
    let r = rows(&mut book, "新旧対照表");
    assert_eq!(
        r[0][0],
        "新旧対照表 okayama-2022-full.lo → okayama-2023-draft.lo"
    );
    assert_eq!(
        r[1],
        [
            "事業名",
            "項目",
            "新(令和5年(2023年)3月)",
            "旧(令和4年(2022年)3月)",
            "頁",
            "注記"
        ]
    );
    let purpose = r
        .iter()
        .find(|x| x[1] == "事業目的" && x[2].starts_with("人材や後継者"))
        .expect("purpose row");
    assert!(purpose[3].starts_with("人材確保支援など"), "{purpose:?}");
    // Inserted text red and underlined, deleted text struck through, inside the cell.
    let strings = part(&bytes, "xl/sharedStrings.xml");
    assert!(strings.contains("<r><rPr><u/><sz val=\"11\"/><color rgb=\"FFC00000\"/><rFont val=\"ＭＳ Ｐゴシック\"/><family val=\"2\"/><charset val=\"128\"/></rPr><t>や後継者</t></r>"), "insert run");
    assert!(strings.contains("<r><rPr><strike/><sz val=\"11\"/><color theme=\"1\"/><rFont val=\"ＭＳ Ｐゴシック\"/><family val=\"2\"/><charset val=\"128\"/></rPr><t>12,000千円</t></r>"), "delete run");

    let swapped = workbook(&ReportOptions {
        new_side: NewSide::Right,
        ..ReportOptions::default()
    });
    let r = rows(&mut open(&swapped), "新旧対照表");
    assert_eq!(
        r[1][2..4],
        ["旧(令和4年(2022年)3月)", "新(令和5年(2023年)3月)"]
    );
}

#[test]
fn extract_and_diff_write_workbooks_from_the_command_line() {
    let dir = std::env::temp_dir().join(format!("kaitei-xlsx-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("dir");
    let out = dir.join("bihoku.xlsx");
    let st = std::process::Command::new(env!("CARGO_BIN_EXE_kaitei"))
        .args([
            "extract",
            data("fixtures/vision-bihoku.pdf").to_str().unwrap_or(""),
            "--format",
            "xlsx",
            "-o",
        ])
        .arg(&out)
        .status()
        .expect("runs");
    assert_eq!(st.code(), Some(0));
    let bytes = std::fs::read(&out).expect("written");
    let mut book = open(&bytes);
    assert_eq!(book.sheet_names(), ["事業費", "連携市町", "警告"]);
    assert_eq!(rows(&mut book, "連携市町").len(), 2 + 3 + 2);

    let out = dir.join("diff.xlsx");
    let st = std::process::Command::new(env!("CARGO_BIN_EXE_kaitei"))
        .arg("diff")
        .args([
            data("okayama-2022-full.json"),
            data("okayama-2023-full.json"),
        ])
        .args(["--format", "xlsx", "-o"])
        .arg(&out)
        .status()
        .expect("runs");
    assert_eq!(st.code(), Some(1), "changes found");
    let mut book = open(&std::fs::read(&out).expect("written"));
    assert_eq!(rows(&mut book, "変更一覧").len(), 1 + 56);
}
