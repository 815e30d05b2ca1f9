//! `kaitei tables` on generated fixtures (one per producer and layout case), on corpus pages,
//! and on the peers' public lattice cases.

use crate::util::{data, input, norm};
use kaitei::pipeline::{self, PageSet, TableRun};
use kaitei::table::Table;
use serde_json::Value;
use std::collections::BTreeMap;
use std::path::Path;

fn tables(path: &Path, pages: Option<&str>, raw: bool) -> Vec<Table> {
    let run = TableRun {
        pages: pages.and_then(PageSet::parse).unwrap_or_default(),
        raw,
        ..TableRun::default()
    };
    let res = pipeline::tables(path, &run).unwrap_or_else(|e| panic!("{e}"));
    assert!(res.warnings.is_empty(), "{:?}", res.warnings);
    res.output
}

pub fn grid(t: &Table) -> Vec<Vec<String>> {
    t.rows()
        .iter()
        .map(|r| r.iter().map(|c| norm(c)).collect())
        .collect()
}

/// The rows of a sidecar table, normalized as the scorers do.
pub fn json_rows(rows: &Value) -> Vec<Vec<String>> {
    rows.as_array()
        .expect("rows")
        .iter()
        .map(|r| {
            r.as_array()
                .expect("row")
                .iter()
                .map(|c| norm(c.as_str().unwrap_or("")))
                .collect()
        })
        .collect()
}

/// The text of every page, as `kaitei text` prints it.
fn all_text(path: &Path, raw: bool) -> String {
    let run = TableRun {
        raw,
        ..TableRun::default()
    };
    let res = pipeline::text(path, &run).unwrap_or_else(|e| panic!("{e}"));
    res.output
        .iter()
        .flat_map(|(_, ls)| ls.iter().map(|l| l.text.clone()))
        .collect::<Vec<_>>()
        .join("|")
}

/// The tables of `<name>.expected.json`, page by page in reading order: the tables of each page
/// are exactly the sidecar's (after NFKC and white-space removal), no more and no fewer; and the
/// listed text is present or absent.
fn check_fixture(name: &str) {
    let pdf = data(&format!("fixtures/{name}.pdf"));
    let expected: Value = serde_json::from_str(
        &std::fs::read_to_string(data(&format!("fixtures/{name}.expected.json"))).expect("sidecar"),
    )
    .expect("json");
    let mut want: BTreeMap<usize, Vec<Vec<Vec<String>>>> = BTreeMap::new();
    for t in expected["tables"].as_array().expect("tables") {
        let page = t["page"].as_u64().expect("page") as usize;
        want.entry(page).or_default().push(json_rows(&t["rows"]));
    }
    let mut got: BTreeMap<usize, Vec<Vec<Vec<String>>>> = BTreeMap::new();
    for t in tables(&pdf, None, false) {
        got.entry(t.page).or_default().push(grid(&t));
    }
    crate::eqnice!(want, got, "{name}: tables per page");
    let text = all_text(&pdf, false);
    for s in expected["text_contains"].as_array().into_iter().flatten() {
        let s = norm(s.as_str().unwrap_or(""));
        assert!(norm(&text).contains(&s), "{name}: text lacks {s:?}: {text}");
    }
    for s in expected["text_not_contains"]
        .as_array()
        .into_iter()
        .flatten()
    {
        let s = s.as_str().unwrap_or("");
        assert!(!text.contains(s), "{name}: text contains {s:?}");
    }
    if let Some(raws) = expected["raw_text_contains"].as_array() {
        let raw = norm(&all_text(&pdf, true));
        for s in raws {
            let s = norm(s.as_str().unwrap_or(""));
            assert!(raw.contains(&s), "{name}: --raw text lacks {s:?}");
        }
    }
}

/// Every fixture with a sidecar, one per producer and layout case (cid fonts horizontal and
/// vertical, predefined CMaps, rotated pages, Type3 fonts, open sides, merged cells, two tables
/// on a page, Kangxi radicals, a LibreOffice page break, a vision): exactly its tables, page by
/// page. Stream fixtures (sidecars with `modes`) are read by `stream.rs` with their modes and
/// warnings.
#[test]
fn fixtures_have_exactly_the_tables_of_their_sidecars() {
    let mut names = Vec::new();
    for e in std::fs::read_dir(data("fixtures")).expect("fixtures") {
        let path = e.expect("entry").path();
        if let Some(name) = path
            .file_name()
            .and_then(|n| n.to_str())
            .and_then(|n| n.strip_suffix(".expected.json"))
        {
            let sidecar: Value =
                serde_json::from_str(&std::fs::read_to_string(&path).expect("sidecar"))
                    .expect("json");
            if sidecar.get("modes").is_none() {
                names.push(name.to_string());
            }
        }
    }
    names.sort();
    for name in &names {
        check_fixture(name);
    }
    assert!(names.len() >= 12, "{names:?}");
}

#[test]
fn reportlab_vertical_writing_unijis_ucs2_v() {
    let got = tables(&data("fixtures/cid-unijis-v.pdf"), None, false);
    let role = got
        .iter()
        .flat_map(|t| &t.cells)
        .find(|c| norm(&c.text) == "圏域全体の経済成長のけん引")
        .expect("role cell");
    assert!(role.vertical);
}

#[test]
fn open_sides_are_closed() {
    let got = tables(&data("fixtures/open-sides.pdf"), None, false);
    let sides: Vec<Vec<&str>> = got.iter().map(|t| t.inferred_sides.clone()).collect();
    assert_eq!(sides, vec![vec!["left", "right"], vec!["top", "bottom"]]);
}

#[test]
fn merged_cells_multiline_and_drawn_marks() {
    let t = &tables(&data("fixtures/merged-cells.pdf"), None, false)[0];
    let spans: Vec<(usize, usize, usize, usize)> = t
        .cells
        .iter()
        .filter(|c| c.rowspan > 1 || c.colspan > 1)
        .map(|c| (c.row, c.col, c.rowspan, c.colspan))
        .collect();
    assert_eq!(
        spans,
        vec![
            (0, 0, 2, 1),
            (0, 1, 2, 1),
            (0, 2, 1, 3),
            (2, 0, 3, 1),
            (4, 2, 1, 3)
        ]
    );
    assert_eq!(t.cells.iter().filter(|c| c.drawn_mark).count(), 4);
}

#[test]
fn corpus_matrix_page_reads_vertical_roles_partners_and_marks() {
    let t = &tables(&input("okayama-2023-draft.lo.pdf"), Some("2"), false)[0];
    let g = grid(t);
    assert_eq!((t.nrows, t.ncols), (g.len(), 15));
    assert_eq!(
        g[1][2..14].join(","),
        "津山市,玉野市,総社市,備前市,瀬戸内市,赤磐市,真庭市,和気町,早島町,久米南町,美咲町,吉備中央町"
    );
    assert_eq!(g[2][0], "圏域全体の経済成長のけん引");
    assert!(t.cell_at(2, 0).expect("role").vertical);
    assert_eq!(
        g[3],
        [
            "",
            "スタートアップ企業支援",
            "",
            "○",
            "○",
            "○",
            "",
            "",
            "○",
            "",
            "",
            "",
            "",
            "○",
            "1"
        ]
    );
    // 高次の都市機能の集積・強化 is printed in two vertical columns, read right column first.
    assert!(g.iter().any(|r| r[0] == "高次の都市機能の集積・強化"));
}

#[test]
fn corpus_card_with_merged_phase_and_amount_cells() {
    // 高齢者見守りネットワーク連携 (2023 full, page 16): 協議 / 方針の決定 / 実施 merged R6–R8.
    let t = &tables(&input("okayama-2023-full.lo.pdf"), Some("16"), false)[0];
    let g = grid(t);
    assert_eq!(
        g[4][1..].to_vec(),
        ["R4年度", "R5年度", "R6年度", "R7年度", "R8年度", "計"]
    );
    assert_eq!(
        g[5][1..].to_vec(),
        ["協議0千円", "方針の決定0千円", "実施—", "", "", "—"]
    );
    let merged = t.cell_at(5, 4).expect("merged cell");
    assert_eq!((merged.col, merged.colspan), (3, 3));
}

#[test]
fn corpus_page_with_six_tables() {
    let ts = tables(&input("okayama-2023-full.lo.pdf"), Some("44"), false);
    let names: Vec<String> = ts.iter().map(|t| grid(t)[0][1].clone()).collect();
    assert_eq!(
        names,
        [
            "特産農産物PR",
            "圏域内周遊に向けた観光資源発信",
            "ESD実践",
            "気候変動対策",
            "市民協働事業の推進",
            "圏域データ等の活用"
        ]
    );
}

/// Whether some table of the page holds every expected cell (`null` is not scored) at one
/// offset, `alt_empty` positions also matching "". Offsets may be negative: the expected grid
/// may start with unscored rows above the table.
pub fn reads_case(got: &[Table], case: &Value) -> bool {
    let want: Vec<Vec<Option<String>>> = case["expected"]
        .as_array()
        .expect("expected")
        .iter()
        .map(|r| {
            r.as_array()
                .expect("row")
                .iter()
                .map(|c| c.as_str().map(norm))
                .collect()
        })
        .collect();
    let alt: Vec<(usize, usize)> = case["alt_empty"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|p| Some((p[0].as_u64()? as usize, p[1].as_u64()? as usize)))
        .collect();
    let width = want.iter().map(Vec::len).max().unwrap_or(0) as isize;
    got.iter().any(|t| {
        let g = grid(t);
        let cols = g.first().map_or(0, Vec::len) as isize;
        (-(want.len() as isize)..=g.len() as isize).any(|dr| {
            (-width..=cols).any(|dc| {
                want.iter().enumerate().all(|(r, row)| {
                    row.iter().enumerate().all(|(c, w)| match w {
                        None => true,
                        Some(w) => {
                            let (rr, cc) = (r as isize + dr, c as isize + dc);
                            let v = if rr < 0 || cc < 0 {
                                ""
                            } else {
                                g.get(rr as usize)
                                    .and_then(|x| x.get(cc as usize))
                                    .map(String::as_str)
                                    .unwrap_or("")
                            };
                            v == w || (v.is_empty() && alt.contains(&(r, c)))
                        }
                    })
                })
            })
        })
    })
}

/// The peers' twelve lattice cases (camelot and pdfplumber test suites): every expected cell,
/// at the best alignment, in the table's reading orientation.
#[test]
fn peers_lattice_cases_are_read_exactly() {
    let cases: Value =
        serde_json::from_str(&std::fs::read_to_string(data("peers/cases.json")).expect("cases"))
            .expect("json");
    let mut failures = Vec::new();
    for case in cases.as_array().expect("list") {
        let id = case["id"].as_str().unwrap_or("?");
        let pdf = data(&format!("peers/{}", case["pdf"].as_str().unwrap_or("")));
        let page = case["page"].as_u64().unwrap_or(0) as usize;
        let got = tables(&pdf, Some(&page.to_string()), false);
        if !reads_case(&got, case) {
            failures.push(id.to_string());
        }
    }
    assert!(failures.is_empty(), "cases not read exactly: {failures:?}");
}
