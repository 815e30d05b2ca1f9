//! Project alignment: which base project each revised project continues.
//!
//! Input: the project lists of two versions → for each revised project its base counterpart
//! (or none: added), and why. Names alone are not identity: a project can be renamed
//! (夜間中学設置の検討・準備 → …・運営), and two projects can have near-identical names.
//!
//! 1. **Same name** (white space ignored): paired first, in document order. These are anchors.
//! 2. **The rest** are paired by evidence, best candidate first (greedy on a score, ties broken
//!    by document order so the result is deterministic). A pair needs the same *place* —
//!    the same 役割+取組 of the matrix, or the same *slot* (both rows follow the same anchor
//!    pair in matrix order) — and one of:
//!    - cards nearly identical: card similarity ≥ [`CARD_SAME`] (a new name on the same card);
//!    - cards and names similar: card similarity ≥ [`CARD_SIMILAR`] and name similarity ≥
//!      [`NAME_SIMILAR`];
//!    - no card on one side (excerpt draft): name similarity ≥ [`NAME_ALONE`] and both the same
//!      place and the same slot.
//!
//! Card similarity compares 事業目的 + 事業内容 (roles are boilerplate shared by many cards and
//! would make unrelated cards look alike). Similarities are `similar`'s character ratio. The
//! printed page reference only breaks ties: it shifts whenever a card is inserted before it.

use super::text::{ratio, squash};
use crate::records::{Card, Project};

/// Card similarity above which two cards are the same project whatever their names.
pub const CARD_SAME: f64 = 0.9;
/// Card similarity needed together with [`NAME_SIMILAR`].
pub const CARD_SIMILAR: f64 = 0.6;
/// Name similarity needed together with [`CARD_SIMILAR`].
pub const NAME_SIMILAR: f64 = 0.6;
/// Name similarity needed when a card is missing on one side.
pub const NAME_ALONE: f64 = 0.8;

/// How a revised project was paired with its base counterpart.
#[derive(Debug, Clone, PartialEq)]
pub enum Basis {
    /// Same name.
    SameName,
    /// Paired by similarity (a rename).
    Aligned {
        /// Name similarity, 0..=1.
        name: f64,
        /// Card similarity, if both cards are printed.
        card: Option<f64>,
        /// Same 役割 and 取組.
        same_place: bool,
        /// Between the same anchors in matrix order.
        same_slot: bool,
    },
}

impl Basis {
    /// One sentence for the evidence of a rename.
    pub fn describe(&self) -> String {
        match self {
            Basis::SameName => "same name".to_string(),
            Basis::Aligned {
                name,
                card,
                same_place,
                same_slot,
            } => {
                let mut parts = vec![format!("name similarity {name:.2}")];
                match card {
                    Some(c) => parts.push(format!("card similarity {c:.2}")),
                    None => parts.push("card not printed on one side".to_string()),
                }
                if *same_place {
                    parts.push("same 役割/取組".to_string());
                }
                if *same_slot {
                    parts.push("same matrix position".to_string());
                }
                format!("aligned by {}", parts.join(", "))
            }
        }
    }
}

/// The result: `pairs[r]` is the base index and basis of revised project `r`.
#[derive(Debug, Clone, PartialEq)]
pub struct Alignment {
    /// Per revised project, its base counterpart.
    pub pairs: Vec<Option<(usize, Basis)>>,
    /// Per base project, whether it has a counterpart.
    pub base_matched: Vec<bool>,
}

fn card_text(c: &Card) -> String {
    let mut s = c.purpose.clone();
    for line in &c.content {
        s.push('\n');
        s.push_str(line);
    }
    s
}

/// A possible pairing of revised project `r` with base project `b`.
struct Candidate {
    score: f64,
    r: usize,
    b: usize,
    basis: Basis,
}

/// Align two project lists (see the module docs): same names first, then the rest by evidence,
/// best candidate first.
pub fn align(base: &[Project], rev: &[Project]) -> Alignment {
    let mut a = same_names(base, rev);
    let mut candidates = candidates(base, rev, &a);
    candidates.sort_by(|x, y| {
        y.score
            .total_cmp(&x.score)
            .then(x.r.cmp(&y.r))
            .then(x.b.cmp(&y.b))
    });
    for c in candidates {
        if a.pairs[c.r].is_none() && !a.base_matched[c.b] {
            a.base_matched[c.b] = true;
            a.pairs[c.r] = Some((c.b, c.basis));
        }
    }
    a
}

/// Projects of the same name (white space ignored), paired in document order: the anchors.
fn same_names(base: &[Project], rev: &[Project]) -> Alignment {
    let mut pairs: Vec<Option<(usize, Basis)>> = vec![None; rev.len()];
    let mut base_matched = vec![false; base.len()];
    let base_keys: Vec<String> = base.iter().map(|p| squash(&p.name)).collect();
    for (r, rp) in rev.iter().enumerate() {
        let key = squash(&rp.name);
        if let Some(b) = (0..base.len()).find(|&b| !base_matched[b] && base_keys[b] == key) {
            base_matched[b] = true;
            pairs[r] = Some((b, Basis::SameName));
        }
    }
    Alignment {
        pairs,
        base_matched,
    }
}

/// The acceptable pairings of the projects the anchors left, scored (see the module docs).
fn candidates(base: &[Project], rev: &[Project], anchors: &Alignment) -> Vec<Candidate> {
    // Slot of an unmatched row: the index (in the revised list) of the closest anchor above
    // it, or None at the top. A base row's slot is expressed through its anchor's revised
    // index.
    let mut base_to_rev = vec![None; base.len()];
    for (r, p) in anchors.pairs.iter().enumerate() {
        if let Some((b, _)) = p {
            base_to_rev[*b] = Some(r);
        }
    }
    let rev_slot = |r: usize| (0..r).rev().find(|&k| anchors.pairs[k].is_some());
    let base_slot = |b: usize| (0..b).rev().find_map(|k| base_to_rev[k]);
    let free_base: Vec<usize> = (0..base.len())
        .filter(|&b| !anchors.base_matched[b])
        .collect();
    let card_texts_base: Vec<Option<String>> = base
        .iter()
        .map(|p| p.card.as_ref().map(card_text))
        .collect();
    let mut out = Vec::new();
    for r in (0..rev.len()).filter(|&r| anchors.pairs[r].is_none()) {
        let rp = &rev[r];
        let rev_card = rp.card.as_ref().map(card_text);
        for &b in &free_base {
            let bp = &base[b];
            let same_place = squash(&bp.role) == squash(&rp.role)
                && squash(&bp.initiative) == squash(&rp.initiative);
            let same_slot = base_slot(b) == rev_slot(r);
            if !same_place && !same_slot {
                continue;
            }
            let name = ratio(&bp.name, &rp.name);
            let card = match (&card_texts_base[b], &rev_card) {
                (Some(x), Some(y)) => Some(ratio(x, y)),
                _ => None,
            };
            let accept = match card {
                Some(c) => c >= CARD_SAME || (c >= CARD_SIMILAR && name >= NAME_SIMILAR),
                None => name >= NAME_ALONE && same_place && same_slot,
            };
            if !accept {
                continue;
            }
            let mut score = name + card.unwrap_or(name);
            if same_place {
                score += 0.5;
            }
            if same_slot {
                score += 0.5;
            }
            if bp.page_ref.is_some() && bp.page_ref == rp.page_ref {
                score += 0.1;
            }
            out.push(Candidate {
                score,
                r,
                b,
                basis: Basis::Aligned {
                    name,
                    card,
                    same_place,
                    same_slot,
                },
            });
        }
    }
    out
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::records::{Roles, ThousandYen};

    pub(crate) fn project(
        name: &str,
        initiative: &str,
        purpose: &str,
        content: &[&str],
    ) -> Project {
        Project {
            name: name.into(),
            role: "役割A".into(),
            initiative: initiative.into(),
            page_ref: None,
            matrix_partners: vec!["玉野市".into()],
            card: Some(Card {
                partners: vec!["玉野市".into()],
                all_partners: false,
                purpose: purpose.into(),
                content: content.iter().map(|s| s.to_string()).collect(),
                schedule: vec![],
                total: Some(ThousandYen(0)),
                roles: Roles::default(),
                kpis: vec![],
                marked_changes: vec![],
                source: None,
                provenance: Default::default(),
                notes: vec![],
            }),
            source: None,
            notes: vec![],
        }
    }

    fn anchor(name: &str) -> Project {
        project(
            name,
            "取組X",
            &format!("{name}の目的を達成するための固有の文章"),
            &["固有の内容"],
        )
    }

    #[test]
    fn small_name_edit_with_same_card_is_a_rename() {
        let base = vec![
            anchor("交流学習"),
            project(
                "夜間中学設置の検討・準備",
                "教育",
                "義務教育を修了していない者等の学び直しの機会を確保する。",
                &["夜間中学設置の検討", "夜間中学の設置準備"],
            ),
            anchor("ESD実践"),
        ];
        let rev = vec![
            anchor("交流学習"),
            project(
                "夜間中学設置の検討・準備・運営",
                "教育",
                "義務教育を修了していない者等の学び直しの機会を確保する。",
                &["夜間中学設置の検討", "夜間中学の設置準備", "夜間中学の運営"],
            ),
            anchor("ESD実践"),
        ];
        let a = align(&base, &rev);
        match &a.pairs[1] {
            Some((
                1,
                Basis::Aligned {
                    name,
                    card: Some(card),
                    same_place: true,
                    same_slot: true,
                },
            )) => {
                assert!(*name > 0.85 && *name < 0.95, "name similarity {name}");
                assert!(*card > 0.85, "card similarity {card}");
            }
            other => panic!("not paired as a rename: {other:?}"),
        }
        assert_eq!(a.pairs[0].as_ref().map(|p| p.0), Some(0));
        assert_eq!(a.pairs[2].as_ref().map(|p| p.0), Some(2));
    }

    #[test]
    fn similar_names_with_different_cards_are_not_paired() {
        let base = vec![project(
            "市民協働事業の推進(災害ボランティア)",
            "共生",
            "災害時に被災地で活動するボランティアの育成と派遣の体制を整える。",
            &["災害ボランティアセンター運営研修"],
        )];
        let rev = vec![project(
            "市民協働事業の推進(防犯ボランティア)",
            "共生",
            "地域の見回りを担う防犯団体の広域的な交流で担い手を増やす。",
            &["防犯パトロール団体の交流会"],
        )];
        let a = align(&base, &rev);
        assert!(
            ratio(&base[0].name, &rev[0].name) > 0.7,
            "the names really are close"
        );
        assert_eq!(a.pairs, vec![None]);
        assert_eq!(a.base_matched, vec![false]);
    }

    #[test]
    fn removal_plus_addition_at_the_same_place_is_not_a_rename() {
        let base = vec![
            anchor("交流学習"),
            project(
                "気候変動対策",
                "環境",
                "共同で地球温暖化対策に取り組む。",
                &["好取組事例の研究"],
            ),
        ];
        let rev = vec![
            anchor("交流学習"),
            project(
                "水辺教室等環境教育の推進",
                "環境",
                "子どもが川に親しむ環境学習を広げる。",
                &["水辺教室の開催"],
            ),
        ];
        let a = align(&base, &rev);
        assert!(a.pairs[1].is_none());
        assert_eq!(a.base_matched, vec![true, false]);
    }

    #[test]
    fn new_name_on_an_identical_card_is_a_rename() {
        let base = vec![project(
            "新規需要創出・喚起促進",
            "産業",
            "消費を喚起し地域経済を活性化する。",
            &["共通商品券の発行"],
        )];
        let rev = vec![project(
            "地域商品券事業",
            "産業",
            "消費を喚起し地域経済を活性化する。",
            &["共通商品券の発行"],
        )];
        let a = align(&base, &rev);
        assert!(matches!(a.pairs[0], Some((0, Basis::Aligned { .. }))));
    }

    #[test]
    fn without_cards_only_a_close_name_at_the_same_place_and_slot_pairs() {
        let mut b = project("夜間中学設置の検討・準備", "教育", "", &[]);
        let mut r = project("夜間中学設置の検討・準備・運営", "教育", "", &[]);
        b.card = None;
        r.card = None;
        let a = align(&[b.clone()], &[r.clone()]);
        assert!(a.pairs[0].is_some());
        r.initiative = "別の取組".into();
        let a = align(&[b], &[r]);
        // Same slot (both at the top) but another 取組 and no card to compare: not enough.
        assert!(a.pairs[0].is_none());
    }
}
