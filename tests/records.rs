//! `extract` on the corpus PDFs and on another region's generated vision equals the truth,
//! compared field by field as `score.py records` does.

use crate::util::{change_keys, data, input, norm, truth_change_keys};
use kaitei::diff::{DiffOptions, compare};
use kaitei::pipeline::{self, ExtractRun};
use serde_json::Value;
use std::path::Path;

/// A value in the scorer's normal form: strings without white space (NFKC), partner lists as
/// sorted names, provenance and other additions dropped.
fn normal(v: &Value) -> Value {
    match v {
        Value::String(s) => Value::String(norm(s)),
        Value::Array(a) => Value::Array(a.iter().map(normal).collect()),
        Value::Object(o) => {
            let mut out = serde_json::Map::new();
            for (k, x) in o {
                if matches!(
                    k.as_str(),
                    "schema"
                        | "source"
                        | "provenance"
                        | "notes"
                        | "warnings"
                        | "edition_date"
                        | "version"
                        | "lead_city"
                ) {
                    continue;
                }
                let mut x = normal(x);
                if matches!(
                    k.as_str(),
                    "partners" | "matrix_partners" | "marked_changes"
                ) {
                    let mut names: Vec<String> = x
                        .as_array()
                        .into_iter()
                        .flatten()
                        .map(|p| {
                            p.get("name")
                                .unwrap_or(p)
                                .as_str()
                                .unwrap_or("")
                                .to_string()
                        })
                        .collect();
                    if k != "partners" || o.contains_key("purpose") {
                        names.sort();
                    }
                    x = Value::from(names);
                }
                if k == "card" && x.get("marked_changes").is_none() && !x.is_null() {
                    x["marked_changes"] = Value::from(Vec::<String>::new());
                }
                out.insert(k.clone(), x);
            }
            Value::Object(out)
        }
        other => other.clone(),
    }
}

fn check(pdf: &Path, truth: &str) -> Vec<String> {
    let plan = pipeline::extract(pdf, &ExtractRun::default()).unwrap_or_else(|e| panic!("{e}"));
    let got = normal(&serde_json::to_value(&plan.output).expect("serializes"));
    let want = normal(
        &serde_json::from_str::<Value>(&std::fs::read_to_string(data(truth)).expect("truth"))
            .expect("json"),
    );
    for k in [
        "title",
        "edition",
        "excerpt",
        "declared_project_count",
        "partners",
        "reference_projects",
    ] {
        assert_eq!(want[k], got[k], "{truth}: {k}");
    }
    let (wp, gp) = (
        want["projects"].as_array().expect("projects"),
        got["projects"].as_array().expect("projects"),
    );
    assert_eq!(wp.len(), gp.len(), "{truth}: project count");
    for (w, g) in wp.iter().zip(gp) {
        for k in ["name", "role", "initiative", "page_ref", "matrix_partners"] {
            assert_eq!(w[k], g[k], "{truth}: {} {k}", w["name"]);
        }
        if w["card"].is_null() {
            assert!(
                g["card"].is_null(),
                "{truth}: {} has a card that is not printed",
                w["name"]
            );
            continue;
        }
        for (k, wv) in w["card"].as_object().expect("card") {
            assert_eq!(wv, &g["card"][k], "{truth}: {} card.{k}", w["name"]);
        }
    }
    plan.warnings
        .iter()
        .map(|w| w.kind.as_str().to_string())
        .collect()
}

#[test]
fn okayama_2022_full_equals_truth() {
    let kinds = check(&input("okayama-2022-full.lo.pdf"), "okayama-2022-full.json");
    assert!(!kinds.contains(&"declared_count_mismatch".to_string()));
}

#[test]
fn okayama_2023_full_equals_truth_and_warns_on_the_known_anomalies() {
    let kinds = check(&input("okayama-2023-full.lo.pdf"), "okayama-2023-full.json");
    // 41事務事業 printed over 42 rows; 外国人コミュニケーション支援's 計 disagrees with the sum;
    // empty amount cells (森林機能の維持増進に関する研究 R4).
    // Also: 計 printed as — (高齢者見守り), the P.2324 cross reference, 搜 for 捜, and
    // トップスポーツチームの支援 naming all twelve partners instead of 全市町.
    for k in [
        "declared_count_mismatch",
        "total_mismatch",
        "amount_missing",
        "total_missing",
        "cross_reference",
        "variant_character",
        "all_partners_listed",
    ] {
        assert!(
            kinds.contains(&k.to_string()),
            "no {k} warning in {kinds:?}"
        );
    }
}

#[test]
fn okayama_2023_draft_equals_truth_with_marked_changes() {
    let kinds = check(
        &input("okayama-2023-draft.lo.pdf"),
        "okayama-2023-draft.json",
    );
    // The ※ note under 公共施設の質・量 has an underlined "24" outside the card table.
    for k in ["declared_count_mismatch", "marked_outside_card"] {
        assert!(
            kinds.contains(&k.to_string()),
            "no {k} warning in {kinds:?}"
        );
    }
}

#[test]
fn another_region_with_other_labels_years_and_units_equals_truth() {
    // Fictional 備北 vision: 事業名/目的/役割分担/成果指標(KPI)/指標名/現状値/合計, R5–R9, bare
    // amounts under (単位:千円), ◆ ■ and drawn bullets, a card continued over a page break.
    let kinds = check(
        &data("fixtures/vision-bihoku.pdf"),
        "fixtures/vision-bihoku.truth.json",
    );
    assert!(kinds.contains(&"total_mismatch".to_string()), "{kinds:?}");
}

#[test]
fn chromium_vision_with_css_vertical_text_arrows_and_borders_equals_truth() {
    // Chromium (Skia): filled-rectangle borders, `writing-mode: vertical-rl` role and partner
    // cells, arrows as a CSS bar + border triangle (two in one merged cell) and as an inline
    // SVG without a label, a merged "—" amount cell, 府中市 (a name two prefectures share),
    // "—" that Skia's ToUnicode gives as U+0336.
    let kinds = check(
        &data("fixtures/vision-chromium.pdf"),
        "fixtures/vision-chromium.truth.json",
    );
    assert!(
        !kinds.contains(&"unknown_municipality".to_string()),
        "{kinds:?}"
    );
    assert!(!kinds.contains(&"unknown_partner".to_string()), "{kinds:?}");
    assert!(!kinds.contains(&"partners_differ".to_string()), "{kinds:?}");
}

#[test]
fn chromium_revision_draft_equals_truth_with_css_underlines() {
    // 改訂案 with only the changed cards; changes underlined with `text-decoration: underline`.
    check(
        &data("fixtures/vision-chromium-draft.pdf"),
        "fixtures/vision-chromium-draft.truth.json",
    );
}

#[test]
fn chromium_draft_change_log_equals_truth() {
    let read = |name: &str| {
        pipeline::extract(
            &data(&format!("fixtures/{name}.pdf")),
            &ExtractRun::default(),
        )
        .unwrap_or_else(|e| panic!("{e}"))
        .output
    };
    let log = compare(
        &read("vision-chromium"),
        &read("vision-chromium-draft"),
        &DiffOptions::default(),
    );
    let want = truth_change_keys(&data(
        "fixtures/vision-chromium__vision-chromium-draft.changes.json",
    ));
    assert_eq!(want, change_keys(&log));
    // Every underline matches a change and every visible change is underlined.
    assert!(log.warnings.is_empty(), "{:#?}", log.warnings);
}

#[test]
fn reportlab_vision_in_non_embedded_cid_fonts_equals_truth() {
    // HeiseiMin-W3 without a font program or ToUnicode: UniJIS-UCS2-H text, the matrix role
    // column in UniJIS-UCS2-V (WMode 1); fiscal years printed 令和5年度.
    check(
        &data("fixtures/vision-reportlab-cid.pdf"),
        "fixtures/vision-reportlab-cid.truth.json",
    );
}

#[test]
fn a_tabular_pdf_that_is_not_a_vision_is_refused() {
    let e = pipeline::extract(&data("fixtures/two-tables.pdf"), &ExtractRun::default())
        .expect_err("not a vision");
    assert!(
        e.to_string()
            .ends_with("not a vision: no participation matrix found"),
        "{e}"
    );
}

// ---- Completeness checks (issue 11): each corruption of a read fixture warns, located ----

use kaitei::pipeline::Reading;
use kaitei::records::Vocab;
use kaitei::{Warning, WarningKind};

/// The generated vision of another region (4 pages: the matrix, then three cards), read.
fn bihoku() -> Reading {
    let doc = kaitei::Document::open(data("fixtures/vision-bihoku.pdf"), None)
        .unwrap_or_else(|e| panic!("{e}"));
    doc.read().unwrap_or_else(|e| panic!("{e}")).output
}

/// The table of page `page` whose first column holds `label`, and that cell's index.
fn table_with(r: &Reading, page: usize, label: &str) -> (usize, usize) {
    let k = r.pages.iter().position(|p| p.number == page).expect("page");
    let t = r.tables[k]
        .iter()
        .position(|t| t.cells.iter().any(|c| c.col == 0 && c.text == label))
        .expect("table");
    (k, t)
}

/// Blanks a cell: no text, no glyphs, and its glyphs printed as nothing on the page.
fn blank(r: &mut Reading, k: usize, t: usize, row: usize, col: usize) -> [f64; 4] {
    let table = &mut r.tables[k][t];
    let cell = table
        .cells
        .iter_mut()
        .find(|c| c.row == row && c.col == col)
        .expect("cell");
    for &i in &cell.glyphs {
        r.pages[k].glyphs[i].text = String::new();
    }
    cell.text.clear();
    cell.glyphs.clear();
    cell.line_spans.clear();
    cell.bbox.to_array()
}

/// A cell of table `t` of page index `k`, to corrupt.
fn cell_mut(
    r: &mut Reading,
    k: usize,
    t: usize,
    row: usize,
    col: usize,
) -> &mut kaitei::table::Cell {
    r.tables[k][t]
        .cells
        .iter_mut()
        .find(|c| c.row == row && c.col == col)
        .expect("cell")
}

fn cell_box(r: &Reading, k: usize, t: usize, row: usize, col: usize) -> [f64; 4] {
    r.tables[k][t]
        .cell_at(row, col)
        .expect("cell")
        .bbox
        .to_array()
}

fn warnings(r: &Reading) -> Vec<Warning> {
    r.plan().unwrap_or_else(|e| panic!("{e}")).warnings
}

/// The one warning of `kind`, asserted to be located at `page` and `bbox`.
fn the_warning(ws: &[Warning], kind: WarningKind, page: usize, bbox: [f64; 4]) -> Warning {
    let of_kind: Vec<&Warning> = ws.iter().filter(|w| w.kind == kind).collect();
    assert_eq!(of_kind.len(), 1, "{kind}: {ws:#?}");
    assert_eq!(
        (of_kind[0].page, of_kind[0].bbox),
        (Some(page), Some(bbox)),
        "{kind}"
    );
    of_kind[0].clone()
}

#[test]
fn the_uncorrupted_fixture_has_none_of_these_warnings() {
    let ws = warnings(&bihoku());
    for kind in [
        WarningKind::EmptyValue,
        WarningKind::RoleSideMissing,
        WarningKind::YearUnread,
        WarningKind::UnassignedGlyphs,
        WarningKind::SuspectCharacters,
        WarningKind::UnknownLabel,
        WarningKind::VariationSelector,
        WarningKind::PartnersDiffer,
    ] {
        assert!(ws.iter().all(|w| w.kind != kind), "{kind}: {ws:#?}");
    }
}

#[test]
fn a_blanked_value_cell_warns_at_its_label() {
    let mut r = bihoku();
    let (k, t) = table_with(&r, 2, "目的");
    blank(&mut r, k, t, 2, 1);
    let w = the_warning(
        &warnings(&r),
        WarningKind::EmptyValue,
        2,
        cell_box(&r, k, t, 2, 0),
    );
    assert!(
        w.message.contains("purpose label is printed but no value"),
        "{}",
        w.message
    );
}

#[test]
fn a_removed_partners_role_row_warns_at_the_role_block() {
    let mut r = bihoku();
    let (k, t) = table_with(&r, 2, "役割分担");
    blank(&mut r, k, t, 8, 1);
    blank(&mut r, k, t, 8, 2);
    r.tables[k][t].cells.retain(|c| !(c.row == 8 && c.col > 0));
    let w = the_warning(
        &warnings(&r),
        WarningKind::RoleSideMissing,
        2,
        cell_box(&r, k, t, 7, 0),
    );
    assert!(
        w.message.contains("has no row for the partners"),
        "{}",
        w.message
    );
}

#[test]
fn a_year_with_nothing_printed_warns_at_its_header() {
    let mut r = bihoku();
    let (k, t) = table_with(&r, 4, "役割分担");
    // 広域デマンド交通の運行 prints no phases; its R6 amount is blanked.
    blank(&mut r, k, t, 6, 2);
    let w = the_warning(
        &warnings(&r),
        WarningKind::YearUnread,
        4,
        cell_box(&r, k, t, 4, 2),
    );
    assert!(w.message.contains("R6"), "{}", w.message);
}

#[test]
fn an_unmapped_glyph_in_a_value_warns_where_the_value_is() {
    let mut r = bihoku();
    let (k, t) = table_with(&r, 2, "目的");
    let first = cell_mut(&mut r, k, t, 2, 1).glyphs[0];
    r.pages[k].glyphs[first].text = "\u{FFFD}".into();
    let cell = cell_mut(&mut r, k, t, 2, 1);
    let mut lines: Vec<String> = cell.lines().map(str::to_string).collect();
    lines[0] = format!("\u{FFFD}{}", lines[0].chars().skip(1).collect::<String>());
    cell.set_lines(&lines);
    let at = cell.bbox.to_array();
    let ws = warnings(&r);
    let w = the_warning(&ws, WarningKind::SuspectCharacters, 2, at);
    assert!(
        w.message.contains("U+FFFD") && w.message.contains("purpose"),
        "{}",
        w.message
    );
    assert!(
        ws.iter()
            .any(|w| w.kind == WarningKind::UnmappedCharacters && w.page == Some(2))
    );
}

#[test]
fn a_glyph_in_no_cell_warns_with_its_box() {
    let mut r = bihoku();
    let (k, t) = table_with(&r, 2, "目的");
    let cell = cell_mut(&mut r, k, t, 2, 1);
    let lost = cell.glyphs.pop().expect("a glyph");
    let g = &r.pages[k].glyphs[lost];
    let (text, at) = (g.text.clone(), g.bbox.to_array());
    let w = the_warning(&warnings(&r), WarningKind::UnassignedGlyphs, 2, at);
    assert!(w.message.contains(&text), "{}", w.message);
}

#[test]
fn a_partner_marked_in_the_matrix_but_not_on_the_card_warns_at_the_card() {
    let mut r = bihoku();
    let (k, t) = table_with(&r, 1, "役割");
    // 備北ブランド農産物の販路拡大's ○ for 世羅町 is added; the card does not name 世羅町.
    let mark = cell_mut(&mut r, k, t, 3, 4);
    mark.set_lines(&["○"]);
    let (kc, tc) = table_with(&r, 2, "目的");
    let card = r.tables[kc][tc].bbox.to_array();
    let w = the_warning(&warnings(&r), WarningKind::PartnersDiffer, 2, card);
    assert!(w.message.contains("matrix only: 世羅町"), "{}", w.message);
}

#[test]
fn an_unknown_label_says_what_to_add_and_a_vocab_file_reads_it() {
    let mut r = bihoku();
    let (k, t) = table_with(&r, 2, "目的");
    let label = cell_mut(&mut r, k, t, 2, 0);
    label.set_lines(&["事業の骨子"]);
    let at = label.bbox.to_array();
    let plan = r.plan().expect("a vision");
    let w = the_warning(&plan.warnings, WarningKind::UnknownLabel, 2, at);
    assert!(
        w.message.contains(r#"[card] FIELD = ["事業の骨子"]"#),
        "{}",
        w.message
    );
    let card = plan.projects[0].card.as_ref().expect("card");
    assert_eq!(card.purpose, "");
    // The same wording added with a vocabulary file is read, without a warning.
    let vocab = Vocab::with_toml("[card]\npurpose = [\"事業の骨子\"]\n").expect("vocab");
    let plan = r.plan_with(&vocab).expect("a vision");
    assert!(
        plan.warnings
            .iter()
            .all(|w| w.kind != WarningKind::UnknownLabel)
    );
    let purpose = &plan.projects[0].card.as_ref().expect("card").purpose;
    assert!(purpose.starts_with("圏域で生産される農産物を"), "{purpose}");
}

#[test]
fn an_unknown_label_with_a_fields_word_is_read_as_that_field_and_warns() {
    let mut r = bihoku();
    let (k, t) = table_with(&r, 2, "目的");
    let label = cell_mut(&mut r, k, t, 2, 0);
    label.text = "連携の趣旨".into();
    let at = label.bbox.to_array();
    let plan = r.plan().expect("a vision");
    let w = the_warning(&plan.warnings, WarningKind::UnknownLabel, 2, at);
    assert!(
        w.message.contains("read as purpose by its word 趣旨")
            && w.message.contains(r#"[card] purpose = ["連携の趣旨"]"#),
        "{}",
        w.message
    );
    let purpose = &plan.projects[0].card.as_ref().expect("card").purpose;
    assert!(purpose.starts_with("圏域で生産される農産物を"), "{purpose}");
}

#[test]
fn a_variation_selector_is_dropped_from_the_name_and_warned() {
    let mut r = bihoku();
    let (k, t) = table_with(&r, 2, "目的");
    let first = cell_mut(&mut r, k, t, 0, 1).glyphs[0];
    let g = &mut r.pages[k].glyphs[first];
    g.text.push('\u{E0100}');
    let base = g.text.chars().next().expect("a character");
    let cell = cell_mut(&mut r, k, t, 0, 1);
    let mut lines: Vec<String> = cell.lines().map(str::to_string).collect();
    lines[0] = lines[0].replacen(base, &format!("{base}\u{E0100}"), 1);
    cell.set_lines(&lines);
    let at = cell.bbox.to_array();
    let plan = r.plan().expect("a vision");
    let w = the_warning(&plan.warnings, WarningKind::VariationSelector, 2, at);
    assert!(w.message.contains(base), "{}", w.message);
    // The card still meets its matrix row: the name compares without the selector.
    assert!(plan.projects[0].card.is_some());
    assert!(
        plan.warnings
            .iter()
            .all(|w| w.kind != WarningKind::CardWithoutMatrixRow)
    );
}

#[test]
fn vocab_flag_overrides_a_label_and_a_bad_file_is_one_line() {
    let dir = std::env::temp_dir().join(format!("kaitei-vocab-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let file = dir.join("region.toml");
    // 目的 read as the content row instead: the purpose comes out empty and the content holds it.
    std::fs::write(&file, "[card]\ncontent = [\"目的\"]\n").expect("write");
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_kaitei"))
        .args(["extract", "--vocab"])
        .arg(&file)
        .arg(data("fixtures/vision-bihoku.pdf"))
        .output()
        .expect("runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: Value = serde_json::from_slice(&out.stdout).expect("json");
    let card = &v["projects"][0]["card"];
    assert_eq!(card["purpose"], "");
    assert!(
        card["content"][0]
            .as_str()
            .expect("content")
            .starts_with("圏域で生産される農産物を"),
        "{card}"
    );
    std::fs::write(&file, "[card]\nsummary = [\"概要\"]\n").expect("write");
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_kaitei"))
        .args(["extract", "--vocab"])
        .arg(&file)
        .arg(data("fixtures/vision-bihoku.pdf"))
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.contains("unknown card field \"summary\""), "{err}");
    let _ = std::fs::remove_dir_all(&dir);
}
