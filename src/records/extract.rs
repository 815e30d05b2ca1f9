//! Pages and their tables → a [`Plan`]: the document facts from the title page, the
//! participation matrix ([`super::matrix`]), the cards ([`super::card`]) matched to matrix rows
//! by name, the 【参考】 projects, then the validation warnings ([`super::validate`]).

use super::card::{self, Draft};
use super::matrix;
use super::model::{
    Card, ExtractionNote, Municipality, Plan, Project, RECORDS_SCHEMA, ReferenceProject,
};
use super::path::FieldPath;
use super::vocab::{CardField, Vocab};
use crate::error::{NotAVision, Provenance, Warning, WarningKind};
use crate::gazetteer::Gazetteer;
use crate::geom::approx_eq;
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

/// Title, edition and excerpt flag from the first pages' free text. The edition is the first
/// date line as printed (both calendars kept); a revision note beside it (令和6年3月改訂) is
/// not the edition, and stands in for it only where no date line is printed.
fn document_facts(pages: &[PageContent], lines: &[Vec<TextLine>], vocab: &Vocab) -> Facts {
    let mut facts = Facts {
        title: String::new(),
        edition: String::new(),
        excerpt: false,
    };
    let mut note: Option<String> = None;
    for (page, lines) in pages.iter().zip(lines).take(2) {
        for l in lines {
            let t = normalize::text(&l.text);
            let sq = squash(&t);
            if vocab.has_excerpt_word(&sq) {
                facts.excerpt = true;
            }
            for (date, is_note) in vocab.dates_in(&t) {
                if is_note {
                    note.get_or_insert_with(|| squash(date));
                } else if facts.edition.is_empty() {
                    facts.edition = squash(date);
                }
            }
        }
        if facts.title.is_empty() {
            facts.title = title(page, lines, vocab).unwrap_or_default();
        }
    }
    if facts.edition.is_empty() {
        facts.edition = note.unwrap_or_default();
    }
    facts
}

/// The title: the line with a title word, with the neighbouring lines printed at (about) the
/// same size, e.g. 第2期 / ○○連携中枢都市圏ビジョン / 《別冊》.
fn title(page: &PageContent, lines: &[TextLine], vocab: &Vocab) -> Option<String> {
    let size = |l: &TextLine| {
        l.glyphs
            .iter()
            .map(|&i| page.glyphs[i].size)
            .fold(0.0, f64::max)
    };
    let k = lines.iter().position(|l| {
        let s = squash(&l.text);
        vocab.has_title_word(&s) && !vocab.has_excerpt_word(&s)
    })?;
    let big = size(&lines[k]);
    // A neighbour belongs to the title when it is printed at about the same size, close above
    // or below (a title set on one line at 16 pt has the 13 pt edition and lead city far below
    // it: Chromium/HTML title pages), and is not the edition date.
    let is_date = |l: &TextLine| vocab.has_date(&normalize::text(&l.text));
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
fn reference_section(lines: &[Vec<TextLine>], vocab: &Vocab) -> Option<(usize, f64)> {
    lines.iter().enumerate().find_map(|(k, lines)| {
        lines
            .iter()
            .find(|l| vocab.is_reference_heading(&squash(&l.text)))
            .map(|l| (k, l.bbox.y1))
    })
}

/// The unit of bare amounts: from a `(単位:千円)` label anywhere on the page.
fn page_unit(tables: &[Table], lines: &[TextLine], vocab: &Vocab) -> Option<Unit> {
    let texts = lines.iter().map(|l| l.text.as_str()).chain(
        tables
            .iter()
            .flat_map(|t| t.cells.iter().map(|c| c.text.as_str())),
    );
    for t in texts {
        if let Some(u) = vocab.money().unit_label(&normalize::text(t)) {
            return Some(u);
        }
    }
    None
}

/// The heading printed just above a table (within two lines' height), without its numbering
/// (`(1)`, `1.`, `①`, `No.1`): the name of a card that has no name row.
fn heading_above(lines: &[TextLine], t: &Table, vocab: &Vocab) -> Option<String> {
    let line = lines
        .iter()
        .filter(|l| {
            l.bbox.y0 >= t.bbox.y1 - 1.0 && l.bbox.y0 - t.bbox.y1 < 2.5 * l.bbox.height().max(8.0)
        })
        .filter(|l| l.bbox.x1 > t.bbox.x0 && l.bbox.x0 < t.bbox.x1)
        .min_by(|a, b| a.bbox.y0.total_cmp(&b.bbox.y0))?;
    let re = vocab.heading_number();
    let text = squash(&line.text);
    let name = re.replace(&text, "").trim_end_matches('】').to_string();
    (!name.is_empty()).then_some(name)
}

/// What the tables of a document are, read in document order.
struct Found<'v> {
    vocab: &'v Vocab,
    /// Partner names of the (first) matrix header.
    partners: Vec<String>,
    /// The project count the matrix header declares.
    declared: Option<u32>,
    /// Matrix rows, in document order.
    rows: Vec<matrix::Row>,
    /// The last matrix table's layout, while the next table may continue it.
    open_matrix: Option<matrix::Layout>,
    /// Cards, in document order.
    drafts: Vec<Draft>,
    /// The last card may continue on the next table.
    card_open: bool,
    /// The last card is only the first row or two of a card, at the foot of its page: it is a
    /// card only if the next table continues it.
    tentative: bool,
    /// 【参考】 projects.
    references: Vec<ReferenceProject>,
    warnings: Vec<Warning>,
    /// Carried from one matrix page to the next (a merged cell prints its text once).
    role: String,
    initiative: String,
}

/// Where a table stands on its page.
#[derive(Debug, Clone, Copy)]
struct Place {
    /// The first table of its page.
    first: bool,
    /// The last table of its page.
    last: bool,
    /// In the 【参考】 section.
    in_reference: bool,
}

impl<'v> Found<'v> {
    fn new(vocab: &'v Vocab) -> Found<'v> {
        Found {
            vocab,
            partners: Vec::new(),
            declared: None,
            rows: Vec::new(),
            open_matrix: None,
            drafts: Vec::new(),
            card_open: false,
            tentative: false,
            references: Vec::new(),
            warnings: Vec::new(),
            role: String::new(),
            initiative: String::new(),
        }
    }

    /// Sorts one table: a matrix page (or its continuation), a card (or its continuation), a
    /// 【参考】 project, or none of these.
    /// `unit`: the unit a `(単位:…)` note on the page gives bare amounts; a card's continuation
    /// on a page without one keeps the card's, and 千円 is the default.
    fn table(
        &mut self,
        page: &PageContent,
        lines: &[TextLine],
        t: &Table,
        unit: Option<Unit>,
        at: Place,
    ) {
        let vocab = self.vocab;
        if let Some((m, layout)) = matrix::read(t, vocab, &mut self.role, &mut self.initiative) {
            self.matrix(t, m);
            self.open_matrix = Some(layout);
            return;
        }
        if let Some(layout) = self.open_matrix.as_mut()
            && at.first
            && let Some(m) = matrix::read_continued(t, layout, &mut self.role, &mut self.initiative)
        {
            layout.page = t.page;
            self.rows.extend(m.rows);
            return;
        }
        self.open_matrix = None;
        let labels = card::row_labels(t, vocab);
        let fields = card::row_fields(&labels);
        let distinct: std::collections::BTreeSet<CardField> = fields.iter().map(|f| f.1).collect();
        let has_name = distinct.contains(&CardField::Name);
        let own_unit = unit.unwrap_or(Unit::THOUSAND_YEN);
        if at.in_reference {
            self.drop_tentative();
            if has_name {
                let mut d = Draft::default();
                d.read(page, t, own_unit, vocab, false);
                self.references.push(ReferenceProject {
                    name: d.name,
                    purpose: d.card.purpose,
                    content: d.card.content,
                });
            }
            return;
        }
        if self.continues(t, &labels, &fields, has_name, at) {
            self.tentative = false;
            if let Some(d) = self.drafts.last_mut() {
                let unit = unit.unwrap_or(d.unit);
                d.read(page, t, unit, vocab, true);
                d.card.notes.push(ExtractionNote {
                    field: FieldPath::Whole,
                    note: format!("card continued on page {}", t.page),
                });
            }
            return;
        }
        self.drop_tentative();
        // A card prints its name in a 事業名 row, or (in some layouts) as a heading just above
        // the table. A table of only its first row or two (name, partners) at the foot of a
        // page is a card cut by the page break, if the next table continues it.
        let heading = if !has_name && distinct.len() >= 3 {
            heading_above(lines, t, vocab)
        } else {
            None
        };
        let whole = (has_name || heading.is_some()) && distinct.len() >= 3;
        let cut_start = has_name && at.last && fields.len() == labels.len() && !whole;
        if whole || cut_start {
            let mut d = Draft::default();
            d.read(page, t, own_unit, vocab, false);
            if let Some(h) = heading {
                d.name = h;
                d.card.notes.push(ExtractionNote {
                    field: FieldPath::Name,
                    note: "name read from the heading above the card".into(),
                });
            }
            self.drafts.push(d);
            self.card_open = true;
            self.tentative = cut_start;
        } else {
            self.card_open = false;
        }
    }

    /// Whether a table goes on with the open card, cut by a page break: it repeats the card's
    /// name row, or it has no name row and starts with a field the card has not printed yet
    /// (cards print their rows in different orders) or with the field the card stopped at (the
    /// label of a block cut in two may be repeated, with or without （続き）), or — first table
    /// of a later page — starts with rows without a label.
    fn continues(
        &self,
        t: &Table,
        labels: &[card::RowLabel],
        fields: &[(usize, CardField, usize)],
        has_name: bool,
        at: Place,
    ) -> bool {
        let Some(d) = self.drafts.last().filter(|_| self.card_open) else {
            return false;
        };
        let Some(last) = d.last_field else {
            return false;
        };
        let later_page = t.page > d.last_page;
        if has_name {
            return later_page && card::name_in(t, fields).is_some_and(|n| n == d.name);
        }
        match fields.first() {
            Some(&(0, first, _)) => (first == last && later_page) || !d.fields.contains(&first),
            // Rows without a label before the first labelled one (or none at all): only the
            // first table of a later page, in the card's frame (the same ruled box across the
            // page, within 3 pt), is the card going on.
            _ => {
                const SAME_FRAME: f64 = 3.0;
                let same_frame = d.frame.is_some_and(|(x0, x1)| {
                    approx_eq(t.bbox.x0, x0, SAME_FRAME) && approx_eq(t.bbox.x1, x1, SAME_FRAME)
                });
                later_page && at.first && same_frame && labels.iter().all(|l| !l.unknown())
            }
        }
    }

    /// The last card was a tentative start that nothing continued: it was no card.
    fn drop_tentative(&mut self) {
        if self.tentative {
            self.drafts.pop();
            self.tentative = false;
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
        self.drop_tentative();
        self.card_open = false;
    }
}

/// Sorts every table of the document ([`Found::table`]), page by page.
fn classify_tables<'v>(
    pages: &[PageContent],
    tables: &[Vec<Table>],
    lines: &[Vec<TextLine>],
    vocab: &'v Vocab,
) -> Found<'v> {
    let reference_from = reference_section(lines, vocab);
    let in_reference = |k: usize, t: &Table| {
        reference_from.is_some_and(|(rk, y)| k > rk || (k == rk && t.bbox.y1 <= y))
    };
    let mut found = Found::new(vocab);
    for (k, ((page, ts), lines)) in pages.iter().zip(tables).zip(lines).enumerate() {
        let unit = page_unit(ts, lines, vocab);
        for (i, t) in ts.iter().enumerate() {
            let at = Place {
                first: i == 0,
                last: i + 1 == ts.len(),
                in_reference: in_reference(k, t),
            };
            found.table(page, lines, t, unit, at);
        }
    }
    found.drop_tentative();
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
    vocab: &Vocab,
    warnings: &mut Vec<Warning>,
) {
    let keys: Vec<String> = projects.iter().map(|p| squash(&p.name)).collect();
    for mut d in drafts {
        d.finish();
        warnings.append(&mut d.warnings);
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
        let (names, all) = split_partners(&d.partner_text, partners, vocab);
        c.partners = names;
        c.all_partners = all;
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
    vocab: &Vocab,
) -> Result<Plan, NotAVision> {
    let lines: Vec<Vec<TextLine>> = pages
        .iter()
        .zip(tables)
        .map(|(page, ts)| free_lines(page, ts))
        .collect();
    let facts = document_facts(pages, &lines, vocab);
    let Found {
        partners,
        declared,
        rows,
        drafts,
        references,
        mut warnings,
        ..
    } = classify_tables(pages, tables, &lines, vocab);
    if rows.is_empty() {
        return Err(NotAVision::NoParticipationMatrix);
    }
    let partner_records = resolve_partners(&partners, &mut warnings);
    let mut projects: Vec<Project> = rows.iter().map(project_of).collect();
    attach_cards(&mut projects, drafts, &partners, vocab, &mut warnings);
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
    let more = super::validate::check(&plan, pages, vocab);
    plan.warnings.extend(more);
    Ok(plan)
}

/// A card's partner cell → partner names in printed order (全市町 expanded to every partner).
///
/// Names are split at the vocabulary's separators (、 ・ / and a space, which is how NFKC
/// prints an ideographic space). A space may also be layout (a justified cell spreads
/// `瀬 戸 内 市`): a piece between spaces is a name of its own only where every piece is a
/// partner; otherwise the spaces are dropped.
pub fn split_partners(text: &str, all: &[String], vocab: &Vocab) -> (Vec<String>, bool) {
    let t = normalize::text(text);
    if vocab.is_all_partners(&squash(&t)) {
        return (all.to_vec(), true);
    }
    let seps: Vec<&str> = vocab
        .partner_separators()
        .iter()
        .map(String::as_str)
        .filter(|s| !s.trim().is_empty())
        .collect();
    let mut pieces: Vec<String> = vec![t.replace('\n', "")];
    for sep in seps {
        pieces = pieces
            .iter()
            .flat_map(|p| p.split(sep).map(str::to_string).collect::<Vec<_>>())
            .collect();
    }
    let known = |s: &str| all.iter().any(|a| a == s);
    let names = pieces
        .iter()
        .flat_map(|p| {
            let words: Vec<&str> = p.split_whitespace().collect();
            if words.len() > 1 && words.iter().all(|w| known(w)) {
                return words.into_iter().map(str::to_string).collect();
            }
            let name = squash(p);
            if known(&name) {
                return vec![name];
            }
            // Names run together where the separator was a space the page did not print as a
            // character (an ideographic space drawn as a gap): partners one after another.
            concatenated(&name, all).unwrap_or_else(|| vec![name])
        })
        .filter(|s| !s.is_empty())
        .map(|s| {
            // A name printed with a variant character (世罗町) is the partner it nearly equals.
            if known(&s) {
                return s;
            }
            all.iter()
                .find(|a| {
                    a.chars().count() == s.chars().count()
                        && a.chars().zip(s.chars()).filter(|(x, y)| x != y).count() <= 1
                })
                .cloned()
                .unwrap_or(s)
        })
        .collect();
    (names, false)
}

/// `s` as partner names one after another (`小坂町上小阿仁村` → 小坂町, 上小阿仁村), if it is
/// exactly such a run of two or more.
fn concatenated(s: &str, all: &[String]) -> Option<Vec<String>> {
    fn split(rest: &str, all: &[String], out: &mut Vec<String>) -> bool {
        if rest.is_empty() {
            return true;
        }
        for a in all
            .iter()
            .filter(|a| !a.is_empty() && rest.starts_with(a.as_str()))
        {
            out.push(a.clone());
            if split(&rest[a.len()..], all, out) {
                return true;
            }
            out.pop();
        }
        false
    }
    let mut out = Vec::new();
    (split(s, all, &mut out) && out.len() > 1).then_some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn card_partners_split_and_expand() {
        let all: Vec<String> = ["尾道市", "三原市", "世羅町"]
            .iter()
            .map(|s| s.to_string())
            .collect();
        let v = Vocab::builtin();
        let names = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        assert_eq!(
            split_partners("三原市、世羅町", &all, &v),
            (names(&["三原市", "世羅町"]), false)
        );
        assert_eq!(split_partners("全市町", &all, &v), (all.clone(), true));
        assert_eq!(split_partners("世罗町", &all, &v).0, names(&["世羅町"]));
        // An ideographic space between names separates them; spaces of a justified cell do not.
        assert_eq!(
            split_partners("三原市\u{3000}世羅町", &all, &v).0,
            names(&["三原市", "世羅町"])
        );
        assert_eq!(
            split_partners("尾 道 市、三 原 市", &all, &v).0,
            names(&["尾道市", "三原市"])
        );
        assert_eq!(
            split_partners("尾道市三原市、世羅町", &all, &v).0,
            names(&["尾道市", "三原市", "世羅町"])
        );
    }
}
