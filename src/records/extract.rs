//! Pages and their tables → a [`Plan`]: the document facts from the title page, the
//! participation matrix ([`super::matrix`]), the cards ([`super::card`]) matched to matrix rows
//! by name, the 【参考】 projects, then the validation warnings ([`super::validate`]).

use super::card::{self, Draft};
use super::matrix;
use super::model::{
    Card, ExtractionNote, Municipality, Plan, Project, RECORDS_SCHEMA, ReferenceProject,
};
use super::path::FieldPath;
use super::vocab::{self, CardField};
use crate::error::{NotAVision, Provenance, Warning, WarningKind};
use crate::gazetteer::Gazetteer;
use crate::normalize::{self, EditionDate, Unit};
use crate::pdf::PageContent;
use crate::table::Table;
use crate::table::assign::TextLine;
use crate::table::free_lines;

use normalize::key as squash;

/// What the title page says about the document.
struct Facts {
    title: String,
    edition: String,
    excerpt: bool,
}

/// Title, edition and excerpt flag from the first pages' free text.
fn document_facts(pages: &[PageContent], lines: &[Vec<TextLine>]) -> Facts {
    let mut facts = Facts {
        title: String::new(),
        edition: String::new(),
        excerpt: false,
    };
    for (page, lines) in pages.iter().zip(lines).take(2) {
        for l in lines {
            let t = normalize::text(&l.text);
            let sq = squash(&t);
            if vocab::EXCERPT_WORDS.iter().any(|w| sq.contains(w)) {
                facts.excerpt = true;
            }
            if facts.edition.is_empty()
                && let Some(m) = vocab::EDITION.find(&t)
            {
                facts.edition = squash(m.as_str());
            }
        }
        if facts.title.is_empty() {
            facts.title = title(page, lines).unwrap_or_default();
        }
    }
    facts
}

/// The title: the line with a title word, with the neighbouring lines printed at (about) the
/// same size, e.g. 第2期 / 岡山連携中枢都市圏ビジョン / 《別冊》.
fn title(page: &PageContent, lines: &[TextLine]) -> Option<String> {
    let size = |l: &TextLine| {
        l.glyphs
            .iter()
            .map(|&i| page.glyphs[i].size)
            .fold(0.0, f64::max)
    };
    let k = lines.iter().position(|l| {
        let s = squash(&l.text);
        vocab::TITLE_WORDS.iter().any(|w| s.contains(w))
            && !vocab::EXCERPT_WORDS.iter().any(|w| s.contains(w))
    })?;
    let big = size(&lines[k]);
    // A neighbour belongs to the title when it is printed at about the same size, close above
    // or below (a title set on one line at 16 pt has the 13 pt edition and lead city far below
    // it: Chromium/HTML title pages), and is not the edition date.
    let is_date = |l: &TextLine| vocab::EDITION.is_match(&normalize::text(&l.text));
    let near = |upper: &TextLine, lower: &TextLine, l: &TextLine| {
        size(l) >= 0.7 * big && upper.bbox.y0 - lower.bbox.y1 <= 1.5 * big && !is_date(l)
    };
    let mut a = k;
    while a > 0 && near(&lines[a - 1], &lines[a], &lines[a - 1]) {
        a -= 1;
    }
    let mut b = k;
    while b + 1 < lines.len() && near(&lines[b], &lines[b + 1], &lines[b + 1]) {
        b += 1;
    }
    Some(lines[a..=b].iter().map(|l| squash(&l.text)).collect())
}

/// Where the 【参考】 section starts: (page index, y of its heading).
fn reference_section(lines: &[Vec<TextLine>]) -> Option<(usize, f64)> {
    lines.iter().enumerate().find_map(|(k, lines)| {
        lines
            .iter()
            .find(|l| {
                let s = squash(&l.text);
                vocab::REFERENCE_HEADINGS.iter().any(|h| s.starts_with(h))
            })
            .map(|l| (k, l.bbox.y1))
    })
}

/// The unit of bare amounts: from a `(単位:千円)` label anywhere on the page; 千円 otherwise.
fn page_unit(tables: &[Table], lines: &[TextLine]) -> Unit {
    let texts = lines.iter().map(|l| l.text.as_str()).chain(
        tables
            .iter()
            .flat_map(|t| t.cells.iter().map(|c| c.text.as_str())),
    );
    for t in texts {
        if let Some(u) = Unit::from_label(&normalize::text(t)) {
            return u;
        }
    }
    Unit::ThousandYen
}

/// The heading printed just above a table (within two lines' height), without its numbering
/// (`(1)`, `1.`, `①`, `No.1`): the name of a card that has no name row.
fn heading_above(lines: &[TextLine], t: &Table) -> Option<String> {
    let line = lines
        .iter()
        .filter(|l| {
            l.bbox.y0 >= t.bbox.y1 - 1.0 && l.bbox.y0 - t.bbox.y1 < 2.5 * l.bbox.height().max(8.0)
        })
        .filter(|l| l.bbox.x1 > t.bbox.x0 && l.bbox.x0 < t.bbox.x1)
        .min_by(|a, b| a.bbox.y0.total_cmp(&b.bbox.y0))?;
    let re = &*vocab::HEADING_NUMBER;
    let text = squash(&line.text);
    let name = re.replace(&text, "").trim_end_matches('】').to_string();
    (!name.is_empty()).then_some(name)
}

/// What the tables of a document are, read in document order.
#[derive(Default)]
struct Found {
    /// Partner names of the (first) matrix header.
    partners: Vec<String>,
    /// The project count the matrix header declares.
    declared: Option<u32>,
    /// Matrix rows, in document order.
    rows: Vec<matrix::Row>,
    /// Cards, in document order.
    drafts: Vec<Draft>,
    /// 【参考】 projects.
    references: Vec<ReferenceProject>,
    warnings: Vec<Warning>,
    /// Carried from one matrix page to the next (a merged cell prints its text once).
    role: String,
    initiative: String,
    /// A card is open and may continue on the next table, after this field.
    open_card: Option<CardField>,
}

impl Found {
    /// Sorts one table: a matrix page, a card (or its continuation), a 【参考】 project, or
    /// none of these.
    fn table(
        &mut self,
        page: &PageContent,
        lines: &[TextLine],
        t: &Table,
        unit: Unit,
        in_reference: bool,
    ) {
        if let Some(m) = matrix::read(t, &mut self.role, &mut self.initiative) {
            self.matrix(t, m);
            return;
        }
        let fields = card::row_fields(t);
        let distinct: std::collections::BTreeSet<CardField> = fields.iter().map(|f| f.1).collect();
        let has_name = distinct.contains(&CardField::Name);
        if in_reference {
            if has_name {
                let mut d = Draft::default();
                d.read(page, t, unit);
                self.references.push(ReferenceProject {
                    name: d.name,
                    purpose: d.card.purpose,
                    content: d.card.content,
                });
            }
            return;
        }
        // A card prints its name in a 事業名 row, or (in some layouts) as a heading just above
        // the table; a table that starts further down the card's field order, after an open
        // card, is that card continued over a page break.
        let first = fields.first().map(|f| f.1);
        let last = fields.last().map(|f| f.1);
        let continues = !has_name
            && self
                .open_card
                .is_some_and(|open| first.is_some_and(|f| f > open));
        let heading = if !has_name && !continues && distinct.len() >= 3 {
            heading_above(lines, t)
        } else {
            None
        };
        if (has_name || heading.is_some()) && distinct.len() >= 3 {
            let mut d = Draft::default();
            d.read(page, t, unit);
            if let Some(h) = heading {
                d.name = h;
                d.card.notes.push(ExtractionNote {
                    field: FieldPath::Name,
                    note: "name read from the heading above the card".into(),
                });
            }
            self.drafts.push(d);
            self.open_card = Some(last.unwrap_or(CardField::Name));
        } else if continues {
            if let Some(d) = self.drafts.last_mut() {
                d.read(page, t, unit);
                d.card.notes.push(ExtractionNote {
                    field: FieldPath::Whole,
                    note: format!("card continued on page {}", t.page),
                });
            }
            self.open_card = last.or(self.open_card);
        } else {
            self.open_card = None;
        }
    }

    fn matrix(&mut self, t: &Table, m: matrix::Matrix) {
        if self.partners.is_empty() {
            self.partners = m.partners;
        } else if m.partners != self.partners {
            self.warnings.push(
                Warning::new(
                    WarningKind::MatrixHeaderDiffers,
                    format!(
                        "page {}: the matrix header lists other partners than page 1 of the matrix",
                        t.page
                    ),
                )
                .at_page(t.page),
            );
        }
        self.declared = self.declared.or(m.declared);
        self.rows.extend(m.rows);
        self.open_card = None;
    }
}

/// Sorts every table of the document ([`Found::table`]), page by page.
fn classify_tables(pages: &[PageContent], tables: &[Vec<Table>], lines: &[Vec<TextLine>]) -> Found {
    let reference_from = reference_section(lines);
    let in_reference = |k: usize, t: &Table| {
        reference_from.is_some_and(|(rk, y)| k > rk || (k == rk && t.bbox.y1 <= y))
    };
    let mut found = Found::default();
    for (k, ((page, ts), lines)) in pages.iter().zip(tables).zip(lines).enumerate() {
        let unit = page_unit(ts, lines);
        for t in ts {
            found.table(page, lines, t, unit, in_reference(k, t));
        }
    }
    found
}

/// The matrix partners with their codes; the prefecture most of them share settles names two
/// prefectures have.
fn resolve_partners(partners: &[String], warnings: &mut Vec<Warning>) -> Vec<Municipality> {
    let gaz = Gazetteer::get();
    let mut prefs: Vec<&str> = partners
        .iter()
        .filter_map(|n| gaz.lookup(n))
        .map(|m| m.prefecture)
        .collect();
    prefs.sort();
    let pref = prefs
        .iter()
        .max_by_key(|p| prefs.iter().filter(|q| q == p).count())
        .copied();
    partners
        .iter()
        .map(|n| {
            let m = pref
                .and_then(|p| gaz.lookup_in(n, p))
                .or_else(|| gaz.lookup(n));
            if m.is_none() {
                let near = gaz.nearest_in(n, pref).map(|(m, _)| m.name).unwrap_or("?");
                warnings.push(Warning::new(
                    WarningKind::UnknownMunicipality,
                    format!("partner {n:?} is not a known municipality (nearest: {near})"),
                ));
            }
            Municipality {
                name: n.clone(),
                code: m.map(|m| m.code),
            }
        })
        .collect()
}

/// A matrix row as a project without its card.
fn project_of(r: &matrix::Row) -> Project {
    Project {
        name: r.name.clone(),
        role: r.role.clone(),
        initiative: r.initiative.clone(),
        page_ref: r.page_ref,
        matrix_partners: r.partners.clone(),
        card: None,
        source: Some(r.at),
        notes: if r.vertical_role {
            vec![ExtractionNote {
                field: FieldPath::Role,
                note: "vertical text read column by column, right to left".into(),
            }]
        } else {
            Vec::new()
        },
    }
}

/// Gives each card to the matrix row of its name (first unclaimed row; white space ignored).
fn attach_cards(
    projects: &mut [Project],
    drafts: Vec<Draft>,
    partners: &[String],
    warnings: &mut Vec<Warning>,
) {
    let keys: Vec<String> = projects.iter().map(|p| squash(&p.name)).collect();
    for d in drafts {
        let key = squash(&d.name);
        let Some(p) = projects
            .iter_mut()
            .zip(&keys)
            .find(|(p, k)| **k == key && p.card.is_none())
            .map(|(p, _)| p)
        else {
            let at = d.card.source.unwrap_or(Provenance {
                page: 0,
                bbox: [0.0; 4],
            });
            warnings.push(
                Warning::new(
                    WarningKind::CardWithoutMatrixRow,
                    format!(
                        "page {}: card {:?} has no row in the matrix",
                        at.page, d.name
                    ),
                )
                .at(at),
            );
            continue;
        };
        let mut c: Card = d.card;
        let (names, all) = split_partners(&d.partner_text, partners);
        c.partners = names;
        c.all_partners = all;
        warnings.extend(d.warnings);
        p.card = Some(c);
    }
}

/// Builds the records of a document; `Err` says why it is not a vision.
///
/// The steps: each page's free text → the document facts and where the 【参考】 section starts
/// → every table sorted (matrix page, card, continuation, reference project) → the matrix
/// partners resolved to municipalities → cards attached to their matrix rows → validation.
pub fn extract(
    version: &str,
    pages: &[PageContent],
    tables: &[Vec<Table>],
) -> Result<Plan, NotAVision> {
    let lines: Vec<Vec<TextLine>> = pages
        .iter()
        .zip(tables)
        .map(|(page, ts)| free_lines(page, ts))
        .collect();
    let facts = document_facts(pages, &lines);
    let Found {
        partners,
        declared,
        rows,
        drafts,
        references,
        mut warnings,
        ..
    } = classify_tables(pages, tables, &lines);
    if rows.is_empty() {
        return Err(NotAVision::NoParticipationMatrix);
    }
    let partner_records = resolve_partners(&partners, &mut warnings);
    let mut projects: Vec<Project> = rows.iter().map(project_of).collect();
    attach_cards(&mut projects, drafts, &partners, &mut warnings);
    let mut plan = Plan {
        schema: RECORDS_SCHEMA.to_string(),
        version: version.to_string(),
        edition_date: EditionDate::parse(&facts.edition),
        title: facts.title,
        edition: facts.edition,
        excerpt: facts.excerpt,
        declared_project_count: declared,
        partners: partner_records,
        projects,
        reference_projects: references,
        warnings,
    };
    let more = super::validate::check(&plan, pages);
    plan.warnings.extend(more);
    Ok(plan)
}

/// A card's partner cell → partner names in printed order (全市町 expanded to every partner).
pub fn split_partners(text: &str, all: &[String]) -> (Vec<String>, bool) {
    let t = squash(text);
    if vocab::ALL_PARTNERS.iter().any(|w| t.starts_with(w)) {
        return (all.to_vec(), true);
    }
    let names = t
        .split(['、', ',', '，', '・', '/', '／'])
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(|s| {
            // A name printed with a variant character (和气町) is the partner it nearly equals.
            if all.iter().any(|a| a == s) {
                return s.to_string();
            }
            all.iter()
                .find(|a| {
                    a.chars().count() == s.chars().count()
                        && a.chars().zip(s.chars()).filter(|(x, y)| x != y).count() <= 1
                })
                .cloned()
                .unwrap_or_else(|| s.to_string())
        })
        .collect();
    (names, false)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn card_partners_split_and_expand() {
        let all: Vec<String> = ["津山市", "玉野市", "和気町"]
            .iter()
            .map(|s| s.to_string())
            .collect();
        assert_eq!(
            split_partners("玉野市、和気町", &all),
            (vec!["玉野市".to_string(), "和気町".to_string()], false)
        );
        assert_eq!(split_partners("全市町", &all), (all.clone(), true));
        assert_eq!(split_partners("和气町", &all).0, vec!["和気町".to_string()]);
    }
}
