//! PDFs written in the test with `pdf-writer`: a ruled table in a standard font, and a small
//! vision in a non-embedded CJK font (UniJIS-UCS2-H) whose cards carry their names as headings
//! above the table instead of a 事業名 row. Each asserts exact cells or records.

use kaitei::pipeline::{self, ExtractRun, TableRun};
use pdf_writer::types::{CidFontType, FontFlags, SystemInfo};
use pdf_writer::{Content, Finish, Name, Pdf, Rect, Ref, Str};
use std::path::PathBuf;

/// What a synthesized page draws: rules and text.
#[derive(Default)]
struct Page {
    /// (x0, y0, x1, y1) stroked lines.
    lines: Vec<(f32, f32, f32, f32)>,
    /// (x, y, size, text); CJK text uses the CID font, ASCII-only text Helvetica.
    text: Vec<(f32, f32, f32, String)>,
}

impl Page {
    /// A grid: horizontal rules at `ys` from `xs[0]` to the last x, vertical rules at `xs`.
    /// `skip` lists vertical rule pieces left out to merge cells: (x index, row index).
    fn grid(&mut self, xs: &[f32], ys: &[f32], skip: &[(usize, usize)]) {
        let (l, r) = (xs[0], xs[xs.len() - 1]);
        for &y in ys {
            self.lines.push((l, y, r, y));
        }
        for (i, &x) in xs.iter().enumerate() {
            for (j, w) in ys.windows(2).enumerate() {
                if !skip.contains(&(i, j)) {
                    self.lines.push((x, w[0], x, w[1]));
                }
            }
        }
    }

    fn put(&mut self, x: f32, y: f32, size: f32, s: &str) {
        self.text.push((x, y, size, s.to_string()));
    }
}

fn write_pdf(pages: &[Page], name: &str) -> PathBuf {
    let mut pdf = Pdf::new();
    let (catalog, tree, helv, cjk, cid, desc) = (
        Ref::new(1),
        Ref::new(2),
        Ref::new(3),
        Ref::new(4),
        Ref::new(5),
        Ref::new(6),
    );
    pdf.catalog(catalog).pages(tree);
    let ids: Vec<(Ref, Ref)> = (0..pages.len())
        .map(|i| (Ref::new(10 + 2 * i as i32), Ref::new(11 + 2 * i as i32)))
        .collect();
    pdf.pages(tree)
        .kids(ids.iter().map(|p| p.0))
        .count(pages.len() as i32);
    for (p, (page_id, content_id)) in pages.iter().zip(&ids) {
        let mut page = pdf.page(*page_id);
        page.media_box(Rect::new(0.0, 0.0, 595.0, 842.0))
            .parent(tree)
            .contents(*content_id);
        let mut res = page.resources();
        let mut fonts = res.fonts();
        fonts.pair(Name(b"F1"), helv).pair(Name(b"F2"), cjk);
        fonts.finish();
        res.finish();
        page.finish();
        let mut c = Content::new();
        c.set_line_width(0.5);
        for &(x0, y0, x1, y1) in &p.lines {
            c.move_to(x0, y0).line_to(x1, y1).stroke();
        }
        for (x, y, size, s) in &p.text {
            c.begin_text();
            if s.is_ascii() {
                c.set_font(Name(b"F1"), *size)
                    .next_line(*x, *y)
                    .show(Str(s.as_bytes()));
            } else {
                let bytes: Vec<u8> = s.encode_utf16().flat_map(u16::to_be_bytes).collect();
                c.set_font(Name(b"F2"), *size)
                    .next_line(*x, *y)
                    .show(Str(&bytes));
            }
            c.end_text();
        }
        pdf.stream(*content_id, &c.finish());
    }
    pdf.type1_font(helv).base_font(Name(b"Helvetica"));
    // 9.7.5.2: a non-embedded CIDFont with a predefined CMap; readers map the UCS-2 codes
    // through UniJIS-UCS2-H to Adobe-Japan1 CIDs and back to Unicode.
    pdf.type0_font(cjk)
        .base_font(Name(b"HeiseiMin-W3"))
        .encoding_predefined(Name(b"UniJIS-UCS2-H"))
        .descendant_font(cid);
    pdf.cid_font(cid)
        .subtype(CidFontType::Type0)
        .base_font(Name(b"HeiseiMin-W3"))
        .system_info(SystemInfo {
            registry: Str(b"Adobe"),
            ordering: Str(b"Japan1"),
            supplement: 5,
        })
        .font_descriptor(desc)
        .default_width(1000.0);
    pdf.font_descriptor(desc)
        .name(Name(b"HeiseiMin-W3"))
        .flags(FontFlags::SYMBOLIC)
        .bbox(Rect::new(-100.0, -200.0, 1100.0, 900.0))
        .italic_angle(0.0)
        .ascent(880.0)
        .descent(-120.0)
        .cap_height(700.0)
        .stem_v(80.0);
    let path = std::env::temp_dir().join(format!("kaitei-synth-{}-{name}.pdf", std::process::id()));
    std::fs::write(&path, pdf.finish()).expect("write pdf");
    path
}

#[test]
fn ruled_latin_table_with_a_merged_header_cell() {
    let mut p = Page::default();
    // 3 rows x 3 columns; the header "Budget" spans columns 1 and 2 (no rule at x=250 in row 0).
    p.grid(
        &[50.0, 150.0, 250.0, 350.0],
        &[700.0, 680.0, 660.0, 640.0],
        &[(2, 0)],
    );
    p.put(55.0, 685.0, 10.0, "Project");
    p.put(155.0, 685.0, 10.0, "Budget");
    p.put(55.0, 665.0, 10.0, "Roads");
    p.put(155.0, 665.0, 10.0, "2022");
    p.put(255.0, 665.0, 10.0, "1,650");
    p.put(55.0, 645.0, 10.0, "Bus");
    p.put(155.0, 645.0, 10.0, "2023");
    p.put(255.0, 645.0, 10.0, "32,000");
    let path = write_pdf(&[p], "latin");
    let res = pipeline::tables(&path, &TableRun::default()).expect("reads");
    assert_eq!(res.output.len(), 1);
    let t = &res.output[0];
    assert_eq!(
        t.rows(),
        vec![
            vec!["Project", "Budget", ""],
            vec!["Roads", "2022", "1,650"],
            vec!["Bus", "2023", "32,000"]
        ]
    );
    assert_eq!((t.cells[1].colspan, t.cells[1].rowspan), (2, 1));
    assert_eq!(t.bbox.to_array(), [50.0, 640.0, 350.0, 700.0]);
}

#[test]
fn vision_whose_cards_are_named_by_headings() {
    // Page 1: a matrix. Header: 役割 | 事業名 | 三次市 庄原市 安芸高田市 | 掲載ページ.
    let mut m = Page::default();
    let xs = [40.0, 100.0, 260.0, 320.0, 380.0, 440.0, 500.0];
    m.grid(
        &xs,
        &[800.0, 780.0, 760.0, 740.0, 720.0],
        &[(2, 1), (3, 1), (4, 1), (5, 1)],
    );
    m.put(45.0, 785.0, 9.0, "役割");
    m.put(105.0, 785.0, 9.0, "事業名");
    m.put(265.0, 785.0, 9.0, "三次市");
    m.put(325.0, 785.0, 9.0, "庄原市");
    m.put(385.0, 785.0, 9.0, "安芸高田市");
    m.put(445.0, 785.0, 9.0, "掲載ページ");
    m.put(45.0, 765.0, 9.0, "経済");
    m.put(105.0, 765.0, 9.0, "観光の推進");
    m.put(105.0, 745.0, 9.0, "広域観光");
    m.put(270.0, 745.0, 9.0, "○");
    m.put(390.0, 745.0, 9.0, "○");
    m.put(445.0, 745.0, 9.0, "2");
    m.put(105.0, 725.0, 9.0, "移住促進");
    m.put(330.0, 725.0, 9.0, "○");
    m.put(445.0, 725.0, 9.0, "2");
    // Page 2: two cards, each named by a heading "(n) name" above its table.
    let mut c = Page::default();
    let card = |c: &mut Page,
                top: f32,
                n: u32,
                name: &str,
                partners: &str,
                amounts: [&str; 3],
                total: &str| {
        c.put(40.0, top + 8.0, 11.0, &format!("({n}){name}"));
        let ys: Vec<f32> = (0..6).map(|i| top - 20.0 * i as f32).collect();
        c.grid(
            &[40.0, 120.0, 220.0, 320.0, 420.0, 520.0],
            &ys,
            &[
                (2, 0),
                (3, 0),
                (4, 0),
                (2, 1),
                (3, 1),
                (4, 1),
                (2, 4),
                (3, 4),
                (4, 4),
            ],
        );
        c.put(45.0, top - 15.0, 9.0, "連携市町");
        c.put(125.0, top - 15.0, 9.0, partners);
        c.put(45.0, top - 35.0, 9.0, "目的");
        c.put(125.0, top - 35.0, 9.0, "圏域の交流を増やす。");
        c.put(45.0, top - 55.0, 9.0, "事業費");
        for (k, fy) in ["R6年度", "R7年度", "R8年度", "合計"].iter().enumerate() {
            c.put(125.0 + 100.0 * k as f32, top - 55.0, 9.0, fy);
        }
        for (k, a) in amounts.iter().chain([&total]).enumerate() {
            c.put(125.0 + 100.0 * k as f32, top - 75.0, 9.0, a);
        }
        c.put(45.0, top - 95.0, 9.0, "内容");
        c.put(125.0, top - 95.0, 9.0, "◆共同でPRする");
    };
    card(
        &mut c,
        760.0,
        1,
        "広域観光",
        "三次市、安芸高田市",
        ["1,000千円", "1,000千円", "—"],
        "2,000千円",
    );
    card(
        &mut c,
        560.0,
        2,
        "移住促進",
        "庄原市",
        ["500千円", "500千円", "500千円"],
        "1,500千円",
    );
    c.put(40.0, 820.0, 14.0, "備北連携ビジョン");
    let path = write_pdf(&[m, c], "vision");
    let plan = pipeline::extract(&path, &ExtractRun::default())
        .unwrap_or_else(|e| panic!("{e}"))
        .output;
    let partners: Vec<(&str, Option<String>)> = plan
        .partners
        .iter()
        .map(|m| (m.name.as_str(), m.code.map(|c| c.to_string())))
        .collect();
    assert_eq!(
        partners,
        vec![
            ("三次市", Some("342092".to_string())),
            ("庄原市", Some("342106".to_string())),
            ("安芸高田市", Some("342149".to_string()))
        ]
    );
    let names: Vec<&str> = plan.projects.iter().map(|p| p.name.as_str()).collect();
    assert_eq!(names, ["広域観光", "移住促進"]);
    assert_eq!(plan.projects[0].initiative, "観光の推進");
    assert_eq!(plan.projects[0].matrix_partners, ["三次市", "安芸高田市"]);
    let card = plan.projects[0]
        .card
        .as_ref()
        .expect("card named by its heading");
    assert_eq!(card.partners, ["三次市", "安芸高田市"]);
    let amounts: Vec<(String, Option<i64>)> = card
        .schedule
        .iter()
        .map(|e| (e.fy.to_string(), e.amount.map(|a| a.0)))
        .collect();
    assert_eq!(
        amounts,
        vec![
            ("R6".into(), Some(1000)),
            ("R7".into(), Some(1000)),
            ("R8".into(), None)
        ]
    );
    assert_eq!(card.total.map(|t| t.0), Some(2000));
    assert_eq!(card.content, ["共同でPRする"]);
    let second = plan.projects[1].card.as_ref().expect("second card");
    assert_eq!(second.total.map(|t| t.0), Some(1500));
}

/// A one-page PDF showing `codes` in a simple Type 1 font `base` (not embedded) whose
/// `/Differences` give `names` from code 1 on; its path in the temp folder.
fn simple_font_pdf(name: &str, base: &str, names: &[&str], codes: &[u8]) -> PathBuf {
    let mut pdf = Pdf::new();
    let (catalog, tree, page_id, content_id, font) = (
        Ref::new(1),
        Ref::new(2),
        Ref::new(3),
        Ref::new(4),
        Ref::new(5),
    );
    pdf.catalog(catalog).pages(tree);
    pdf.pages(tree).kids([page_id]).count(1);
    let mut page = pdf.page(page_id);
    page.media_box(Rect::new(0.0, 0.0, 300.0, 200.0))
        .parent(tree)
        .contents(content_id);
    page.resources().fonts().pair(Name(b"F1"), font);
    page.finish();
    let mut c = Content::new();
    c.begin_text()
        .set_font(Name(b"F1"), 12.0)
        .next_line(20.0, 100.0)
        .show(Str(codes))
        .end_text();
    pdf.stream(content_id, &c.finish());
    let mut f = pdf.type1_font(font);
    f.base_font(Name(base.as_bytes()))
        .first_char(1)
        .last_char(names.len() as u8)
        .widths(vec![600.0; names.len()]);
    f.encoding_custom()
        .differences()
        .consecutive(1, names.iter().map(|n| Name(n.as_bytes())));
    f.finish();
    let path = std::env::temp_dir().join(format!("kaitei-synth-{}-{name}.pdf", std::process::id()));
    std::fs::write(&path, pdf.finish()).expect("write pdf");
    path
}

/// The lines of the first page and the warnings (kind, page, message) of `kaitei text`.
fn text_of(path: &PathBuf) -> (Vec<String>, Vec<(String, Option<usize>, String)>) {
    let res = pipeline::text(path, &TableRun::default()).unwrap_or_else(|e| panic!("{e}"));
    let _ = std::fs::remove_file(path);
    let lines = res.output[0].1.iter().map(|l| l.text.clone()).collect();
    let warnings = res
        .warnings
        .iter()
        .map(|w| (w.kind.to_string(), w.page, w.message.clone()))
        .collect();
    (lines, warnings)
}

/// A simple font whose `/Differences` name every glyph by a letter prefix and a decimal Latin-1
/// code (`/MT72` = "H", as MathType and some Quark exports write them), with no ToUnicode and no
/// program to ask: read the poppler way, and said to be guessed.
#[test]
fn glyph_names_of_letters_and_decimal_codes_read_as_latin1_with_a_warning() {
    let path = simple_font_pdf(
        "mt",
        "Quorum",
        &["MT72", "MT105", "MT32", "MT51", "MT33"],
        &[1, 2, 3, 4, 5],
    );
    let (lines, warnings) = text_of(&path);
    assert_eq!(lines, ["Hi 3!"]);
    let kinds: Vec<_> = warnings.iter().map(|w| (w.0.as_str(), w.1)).collect();
    assert_eq!(kinds, [("charset_guessed", Some(1))]);
}

/// Glyphs no step can map are U+FFFD with a warning that names the font by its dictionary, not
/// by the stand-in hayro draws a non-embedded font with.
#[test]
fn unmapped_glyphs_are_counted_under_their_font_name() {
    let path = simple_font_pdf("odd", "Oddity", &["foo1x", "bar2y"], &[1, 2, 1]);
    let (lines, warnings) = text_of(&path);
    assert_eq!(lines, ["\u{FFFD}\u{FFFD}\u{FFFD}"]);
    assert_eq!(warnings.len(), 1, "{warnings:?}");
    assert_eq!(warnings[0].0, "unmapped_glyphs");
    assert_eq!(warnings[0].1, Some(1));
    assert!(
        warnings[0].2.ends_with("in font Oddity (3)"),
        "{}",
        warnings[0].2
    );
}
