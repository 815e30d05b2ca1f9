//! A [`Plan`] (and its pages) → validation warnings. Nothing is fixed here: every anomaly is
//! reported with where it is, and the records keep what the document prints.

use super::model::{Card, Plan, Project};
use super::path::{FieldPath, KpiPart, SchedulePart};
use super::vocab::Vocab;
use crate::error::{Warning, WarningKind};
use crate::pdf::PageContent;

/// Variant (異体字) forms that usually stand for a common character in administrative text; a
/// document may print them on purpose, so they are reported, not replaced.
const VARIANTS: &[(char, char)] = &[
    ('搜', '捜'),
    ('插', '挿'),
    ('叱', '𠮟'),
    ('剝', '剥'),
    ('頰', '頬'),
    ('塡', '填'),
    ('姬', '姫'),
    ('德', '徳'),
    ('卽', '即'),
    ('髙', '高'),
    ('﨑', '崎'),
    ('邊', '辺'),
    ('邉', '辺'),
];

fn variants(texts: &[String]) -> Vec<(char, char)> {
    let mut out: Vec<(char, char)> = Vec::new();
    for t in texts {
        for c in t.chars() {
            if let Some(&(v, usual)) = VARIANTS.iter().find(|(v, _)| *v == c)
                && !out.contains(&(v, usual))
            {
                out.push((v, usual));
            }
        }
    }
    out
}

/// Whether a box lies in a card table of the plan.
fn in_card(plan: &Plan, page: usize, b: &crate::geom::Rect) -> bool {
    plan.projects
        .iter()
        .filter_map(|p| p.card.as_ref()?.source)
        .any(|s| {
            s.page == page
                && b.cx() >= s.bbox[0]
                && b.cx() <= s.bbox[2]
                && b.cy() >= s.bbox[1]
                && b.cy() <= s.bbox[3]
        })
}

/// Checks a plan against itself and its pages: the declared count, each printed card (totals,
/// partners, cross references, variant characters), a full edition's missing cards, and each
/// page's marks and characters.
pub fn check(plan: &Plan, pages: &[PageContent], vocab: &Vocab) -> Vec<Warning> {
    let mut w = Vec::new();
    if let Some(n) = plan.declared_project_count
        && n as usize != plan.projects.len()
    {
        w.push(Warning::new(
            WarningKind::DeclaredCountMismatch,
            format!(
                "the matrix header declares {n} projects but lists {}",
                plan.projects.len()
            ),
        ));
    }
    for p in &plan.projects {
        let at = |x: Warning| match p.card.as_ref().and_then(|c| c.source).or(p.source) {
            Some(s) => x.at(s),
            None => x,
        };
        let Some(c) = &p.card else {
            if !plan.excerpt
                && let Some(pr) = p.page_ref
            {
                w.push(at(Warning::new(
                    WarningKind::CardMissing,
                    format!(
                        "{}: 掲載ページ {pr} but no card with this name is printed",
                        p.name
                    ),
                )));
            }
            continue;
        };
        let mut found = Vec::new();
        amounts(p, c, &mut found);
        partners(plan, p, c, &mut found);
        cross_references(plan, p, c, vocab, &mut found);
        variant_characters(p, c, &mut found);
        w.extend(found.into_iter().map(at));
        suspect_characters(p, c, &mut w);
    }
    for page in pages {
        page_marks_and_characters(plan, page, &mut w);
    }
    w
}

/// 計 against the amounts, a missing 計, years without an amount.
fn amounts(p: &Project, c: &Card, w: &mut Vec<Warning>) {
    let amounts: Vec<i64> = c
        .schedule
        .iter()
        .filter_map(|e| e.amount.map(|a| a.0))
        .collect();
    if amounts.is_empty() {
        return;
    }
    match c.total {
        Some(t) => {
            let sum: i64 = amounts.iter().sum();
            if sum != t.0 {
                w.push(Warning::new(
                    WarningKind::TotalMismatch,
                    format!(
                        "{}: the amounts add up to {sum}千円 but 計 is {}千円",
                        p.name, t.0
                    ),
                ));
            }
        }
        None => w.push(Warning::new(
            WarningKind::TotalMissing,
            format!("{}: amounts are printed but 計 is not", p.name),
        )),
    }
    let empty: Vec<String> = c
        .schedule
        .iter()
        .filter(|e| e.amount.is_none())
        .map(|e| e.fy.to_string())
        .collect();
    if !empty.is_empty() {
        w.push(Warning::new(
            WarningKind::AmountMissing,
            format!(
                "{}: no amount for {} while other years have one",
                p.name,
                empty.join(", ")
            ),
        ));
    }
}

/// The card's partners against the matrix ○ set and the header.
fn partners(plan: &Plan, p: &Project, c: &Card, w: &mut Vec<Warning>) {
    let mut card: Vec<&str> = c.partners.iter().map(String::as_str).collect();
    let mut matrix: Vec<&str> = p.matrix_partners.iter().map(String::as_str).collect();
    card.sort();
    matrix.sort();
    if card != matrix {
        let only = |xs: &[&str], ys: &[&str]| -> String {
            let v: Vec<&str> = xs.iter().filter(|n| !ys.contains(n)).copied().collect();
            v.join("、")
        };
        w.push(Warning::new(
            WarningKind::PartnersDiffer,
            format!(
                "{}: card partners differ from the matrix ○ set (card only: {}; matrix only: {})",
                p.name,
                only(&card, &matrix),
                only(&matrix, &card)
            ),
        ));
    }
    if !c.all_partners && plan.partners.len() > 1 && c.partners.len() == plan.partners.len() {
        w.push(Warning::new(
            WarningKind::AllPartnersListed,
            format!(
                "{}: the card names every partner one by one instead of 全市町",
                p.name
            ),
        ));
    }
    for n in &c.partners {
        if !plan.partners.iter().any(|m| &m.name == n) {
            w.push(Warning::new(
                WarningKind::UnknownPartner,
                format!("{}: card partner {n:?} is not in the matrix header", p.name),
            ));
        }
    }
}

/// A cross reference (P.23) to a page no card is printed on, e.g. P.1516 where a revision
/// inserted "24" next to "23".
fn cross_references(plan: &Plan, p: &Project, c: &Card, vocab: &Vocab, w: &mut Vec<Warning>) {
    let cross_ref = vocab.cross_reference();
    let texts = std::iter::once(&c.purpose)
        .chain(&c.content)
        .chain(c.roles.sides().flat_map(|s| &s.bullets));
    let mut seen: Vec<u32> = Vec::new();
    for t in texts {
        for m in cross_ref.captures_iter(t) {
            let Some(n) = m.get(1).and_then(|n| n.as_str().parse::<u32>().ok()) else {
                continue;
            };
            if !seen.contains(&n) && !plan.projects.iter().any(|q| q.page_ref == Some(n)) {
                seen.push(n);
                w.push(Warning::new(
                    WarningKind::CrossReference,
                    format!(
                        "{}: refers to P.{n}, but no project is printed on page {n}",
                        p.name
                    ),
                ));
            }
        }
    }
}

fn variant_characters(p: &Project, c: &Card, w: &mut Vec<Warning>) {
    let texts: Vec<String> = std::iter::once(&c.purpose)
        .chain(&c.content)
        .cloned()
        .collect();
    for ch in variants(&texts) {
        w.push(Warning::new(
            WarningKind::VariantCharacter,
            format!("{}: {} is printed where {} is usual", p.name, ch.0, ch.1),
        ));
    }
}

/// Whether a character should not be in a value: U+FFFD (a glyph without a Unicode mapping),
/// a private-use code point, a variation selector (normalization drops them) or a radical code
/// point (normalization repairs them to ideographs).
fn suspect(c: char) -> bool {
    c == '\u{FFFD}'
        || ('\u{E000}'..='\u{F8FF}').contains(&c)
        || c >= '\u{F0000}'
        || crate::normalize::is_variation_selector(c)
        || ('\u{2E80}'..='\u{2FDF}').contains(&c)
}

/// Every text value of a card with its field path.
fn card_texts(p: &Project, c: &Card) -> Vec<(FieldPath, String)> {
    let mut out = vec![
        (FieldPath::Name, p.name.clone()),
        (FieldPath::Purpose, c.purpose.clone()),
        (FieldPath::Partners, c.partners.join("、")),
    ];
    out.extend(
        c.content
            .iter()
            .enumerate()
            .map(|(i, t)| (FieldPath::Content(Some(i)), t.clone())),
    );
    for side in c.roles.sides() {
        out.extend(
            side.bullets
                .iter()
                .enumerate()
                .map(|(i, t)| (FieldPath::Roles(side.label.clone(), Some(i)), t.clone())),
        );
    }
    for (i, k) in c.kpis.iter().enumerate() {
        for (part, v) in [
            (KpiPart::Indicator, Some(&k.indicator)),
            (KpiPart::Baseline, k.baseline.as_ref()),
            (KpiPart::Target, k.target.as_ref()),
        ] {
            if let Some(v) = v {
                out.push((FieldPath::Kpi(i, Some(part)), v.clone()));
            }
        }
    }
    for e in &c.schedule {
        if let Some(ph) = &e.phase {
            out.push((
                FieldPath::Schedule(e.fy, Some(SchedulePart::Phase)),
                ph.clone(),
            ));
        }
    }
    out
}

/// Values that still hold a character no value should (see [`suspect`]), where they are.
fn suspect_characters(p: &Project, c: &Card, w: &mut Vec<Warning>) {
    for (path, text) in card_texts(p, c) {
        let odd: String = text.chars().filter(|&ch| suspect(ch)).collect();
        if odd.is_empty() {
            continue;
        }
        let codes: Vec<String> = odd
            .chars()
            .map(|ch| format!("U+{:04X}", ch as u32))
            .collect();
        let x = Warning::new(
            WarningKind::SuspectCharacters,
            format!(
                "{}: {path} holds {} (unmapped, private-use, variation-selector or radical code points)",
                p.name,
                codes.join(" ")
            ),
        );
        w.push(match c.locate(&path) {
            Some(at) => x.at(at),
            None => x,
        });
    }
}

/// Underlines outside the cards of a draft, unmapped and repaired characters of a page.
fn page_marks_and_characters(plan: &Plan, page: &PageContent, w: &mut Vec<Warning>) {
    let outside = page
        .glyphs
        .iter()
        .filter(|g| g.underlined)
        .filter(|g| !in_card(plan, page.number, &g.bbox))
        .count();
    if outside > 0 && plan.excerpt {
        w.push(
            Warning::new(
                WarningKind::MarkedOutsideCard,
                format!(
                    "page {}: {outside} underlined characters outside the card tables are not in marked_changes",
                    page.number
                ),
            )
            .at_page(page.number),
        );
    }
    let odd = page
        .glyphs
        .iter()
        .filter(|g| {
            g.text
                .chars()
                .any(|c| c == '\u{FFFD}' || ('\u{E000}'..='\u{F8FF}').contains(&c))
        })
        .count();
    if odd > 0 {
        w.push(
            Warning::new(
                WarningKind::UnmappedCharacters,
                format!(
                    "page {}: {odd} glyphs without a Unicode mapping or in the private use area",
                    page.number
                ),
            )
            .at_page(page.number),
        );
    }
    let repaired = page.glyphs.iter().filter(|g| g.raw.is_some()).count();
    if repaired > 0 {
        w.push(
            Warning::new(
                WarningKind::RepairedCharacters,
                format!(
                    "page {}: {repaired} radical code points read as the ideographs the font draws",
                    page.number
                ),
            )
            .at_page(page.number),
        );
    }
}
