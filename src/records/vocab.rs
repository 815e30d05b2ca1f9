//! The vocabulary: every printed label, word, unit, none-mark and date form the record stage
//! recognises, read from data (`vocab.toml`, compiled in) and, optionally, a user's file laid
//! over it (`--vocab FILE`). Nothing else in `records` names a label.
//!
//! Input → output: TOML text → a [`Vocab`] that answers "which card field is this label?",
//! "is this cell a none-mark?", "where is the edition date line?".
//!
//! Labels are compared after [`label_key`]: NFKC, radicals repaired, white space removed, and a
//! trailing parenthesised note dropped (`工程及び事業費（見込額）` → `工程及び事業費`,
//! `成果指標(KPI)` → `成果指標`). A label matches a key equal to it or, for labels of three or
//! more characters, a key starting with it; equal keys are tried before prefixes, and the
//! user's entries before the built-in ones.

use crate::normalize::{self, MoneyForms, Unit};
use regex::Regex;
use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::Path;
use std::sync::{Arc, LazyLock};

/// The built-in vocabulary data.
const BUILTIN: &str = include_str!("vocab.toml");

/// The rows of a project card.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum CardField {
    /// The project's name.
    Name,
    /// Partner municipalities.
    Partners,
    /// 事業目的.
    Purpose,
    /// 事業内容.
    Content,
    /// 工程及び事業費: fiscal-year columns, phases, amounts.
    Schedule,
    /// 役割・費用負担: lead city and partners.
    Roles,
    /// KPI rows.
    Kpi,
}

impl CardField {
    /// Every field, with its key in the data file.
    const ALL: [(CardField, &'static str); 7] = [
        (CardField::Name, "name"),
        (CardField::Partners, "partners"),
        (CardField::Purpose, "purpose"),
        (CardField::Content, "content"),
        (CardField::Schedule, "schedule"),
        (CardField::Roles, "roles"),
        (CardField::Kpi, "kpi"),
    ];

    /// The field's key in the data file (`purpose`).
    pub(crate) fn key(self) -> &'static str {
        CardField::ALL
            .iter()
            .find(|(f, _)| *f == self)
            .map_or("", |(_, k)| k)
    }

    fn from_key(k: &str) -> Option<CardField> {
        CardField::ALL
            .iter()
            .find(|(_, n)| *n == k)
            .map(|(f, _)| *f)
    }
}

/// The order in which the keywords of an unknown card label are tried: a label naming a role
/// or a cost (各市町の役割) is a roles label before a partners one, a 取組名 a name before a
/// content label.
const KEYWORD_ORDER: [CardField; 7] = [
    CardField::Name,
    CardField::Roles,
    CardField::Schedule,
    CardField::Kpi,
    CardField::Purpose,
    CardField::Partners,
    CardField::Content,
];

/// Column headers of a card's KPI rows and schedule.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Column {
    /// The KPI's indicator.
    KpiIndicator,
    /// The KPI's baseline value.
    KpiBaseline,
    /// The KPI's target value.
    KpiTarget,
    /// The schedule's 計.
    Total,
}

/// Matrix header columns besides the partners.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MatrixColumn {
    /// 役割.
    Role,
    /// 事業名 (the initiative shares it).
    Name,
    /// 掲載ページ.
    Page,
}

/// Why a vocabulary file could not be used.
#[derive(Debug, thiserror::Error)]
pub enum VocabError {
    /// The file could not be read.
    #[error("{file}: cannot read vocabulary")]
    Io {
        /// The file.
        file: String,
        /// The cause.
        source: std::io::Error,
    },
    /// The file is not TOML of the vocabulary's layout.
    #[error("{file}: not a vocabulary file: {reason}")]
    Syntax {
        /// The file.
        file: String,
        /// The parser's message (it names the line).
        reason: String,
    },
    /// A pattern is not a valid regular expression.
    #[error("{file}: pattern {pattern:?} is not a regular expression: {reason}")]
    Pattern {
        /// The file.
        file: String,
        /// The pattern.
        pattern: String,
        /// The regex parser's message.
        reason: String,
    },
}

// ---- The file layout (both the built-in data and a user's file) ----

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    #[serde(default)]
    card: BTreeMap<String, Vec<String>>,
    #[serde(default)]
    card_keywords: BTreeMap<String, Vec<String>>,
    #[serde(default)]
    columns: ColumnsFile,
    #[serde(default)]
    matrix: MatrixFile,
    #[serde(default)]
    words: WordsFile,
    #[serde(default)]
    bullets: BulletsFile,
    #[serde(default)]
    units: BTreeMap<String, i64>,
    #[serde(default)]
    patterns: PatternsFile,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct ColumnsFile {
    #[serde(default)]
    kpi_indicator: Vec<String>,
    #[serde(default)]
    kpi_baseline: Vec<String>,
    #[serde(default)]
    kpi_target: Vec<String>,
    #[serde(default)]
    total: Vec<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct MatrixFile {
    #[serde(default)]
    role: Vec<String>,
    #[serde(default)]
    name: Vec<String>,
    #[serde(default)]
    page: Vec<String>,
    #[serde(default)]
    count_words: Vec<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct WordsFile {
    #[serde(default)]
    all_partners: Vec<String>,
    #[serde(default)]
    partner_separators: Vec<String>,
    #[serde(default)]
    continued: Vec<String>,
    #[serde(default)]
    title: Vec<String>,
    #[serde(default)]
    excerpt: Vec<String>,
    #[serde(default)]
    reference_headings: Vec<String>,
    #[serde(default)]
    none_dashes: String,
    #[serde(default)]
    none_words: Vec<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct BulletsFile {
    #[serde(default)]
    top: String,
    #[serde(default)]
    nested: String,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct PatternsFile {
    #[serde(default)]
    edition: Vec<String>,
    #[serde(default)]
    revision: Vec<String>,
    #[serde(default)]
    heading_number: Option<String>,
    #[serde(default)]
    cross_reference: Option<String>,
}

// ---- Labels ----

/// One label of a table of labels.
#[derive(Debug, Clone)]
struct Entry<F> {
    field: F,
    /// The label as a key ([`label_key`]).
    key: String,
    /// From the user's file (tried first).
    user: bool,
}

/// The labels of one table (card rows, columns, matrix headers): which field each names.
#[derive(Debug, Clone)]
struct Labels<F>(Vec<Entry<F>>);

impl<F: Copy + PartialEq> Labels<F> {
    /// The built-in labels with the user's laid over them: a label the user lists under one
    /// field is taken out of every other field.
    fn layered(builtin: Vec<(F, Vec<String>)>, user: Vec<(F, Vec<String>)>) -> Labels<F> {
        let mut out: Vec<Entry<F>> = Vec::new();
        let tagged = |v: Vec<(F, Vec<String>)>, user: bool| {
            v.into_iter()
                .flat_map(move |(field, labels)| labels.into_iter().map(move |l| (field, l, user)))
        };
        for (field, l, user) in tagged(user, true).chain(tagged(builtin, false)) {
            let key = label_key(&l);
            if !key.is_empty() && !out.iter().any(|e| e.key == key) {
                out.push(Entry { field, key, user });
            }
        }
        Labels(out)
    }

    /// The field of a key: equal keys first (user's, then built-in), then prefixes.
    fn field_of(&self, key: &str) -> Option<F> {
        if key.is_empty() {
            return None;
        }
        let exact = |user: bool| {
            self.0
                .iter()
                .find(|e| e.user == user && e.key == key)
                .map(|e| e.field)
        };
        let prefix = |user: bool| {
            self.0
                .iter()
                .filter(|e| e.user == user && e.key.chars().count() >= 3 && key.starts_with(&e.key))
                .max_by_key(|e| e.key.len())
                .map(|e| e.field)
        };
        exact(true)
            .or_else(|| exact(false))
            .or_else(|| prefix(true))
            .or_else(|| prefix(false))
    }

    /// Whether a key names `field` (by [`Labels::field_of`]).
    fn is(&self, key: &str, field: F) -> bool {
        self.field_of(key) == Some(field)
    }

    /// Whether a key contains a label of `field` (matrix headers print more around the label:
    /// `【事務事業名】`, `掲載ページ(P)`).
    fn contained(&self, key: &str, field: F) -> bool {
        self.0
            .iter()
            .any(|e| e.field == field && key.contains(e.key.as_str()))
    }
}

/// Every word and form the record stage recognises. [`Vocab::builtin`] is the compiled-in data;
/// [`Vocab::with_file`] lays a user's file over it.
#[derive(Debug, Clone)]
pub struct Vocab {
    card: Labels<CardField>,
    keywords: Vec<(CardField, Vec<String>)>,
    columns: Labels<Column>,
    matrix: Labels<MatrixColumn>,
    declared_count: Regex,
    all_partners: Vec<String>,
    partner_separators: Vec<String>,
    continued: Vec<String>,
    title: Vec<String>,
    excerpt: Vec<String>,
    reference_headings: Vec<String>,
    money: MoneyForms,
    bullets: Vec<char>,
    nested: Vec<char>,
    edition: Vec<Regex>,
    revision: Vec<String>,
    heading_number: Regex,
    cross_reference: Regex,
}

static BUILTIN_VOCAB: LazyLock<Arc<Vocab>> = LazyLock::new(|| {
    // The data is compiled in and checked by the unit tests: it cannot fail here.
    #[allow(clippy::expect_used)]
    let v = Vocab::layered(BUILTIN, "", "vocab.toml").expect("the built-in vocabulary parses");
    Arc::new(v)
});

impl Default for Vocab {
    fn default() -> Vocab {
        Vocab::builtin().as_ref().clone()
    }
}

/// The user's entries first, then the built-in ones, each once.
fn union(user: Vec<String>, builtin: Vec<String>) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for w in user.into_iter().chain(builtin) {
        if !w.is_empty() && !out.contains(&w) {
            out.push(w);
        }
    }
    out
}

fn chars_union(user: &str, builtin: &str) -> Vec<char> {
    let mut out: Vec<char> = Vec::new();
    for c in user.chars().chain(builtin.chars()) {
        if !c.is_whitespace() && !out.contains(&c) {
            out.push(c);
        }
    }
    out
}

fn parse(text: &str, file: &str) -> Result<File, VocabError> {
    toml::from_str(text).map_err(|e| VocabError::Syntax {
        file: file.to_string(),
        reason: e.to_string().trim().replace('\n', " "),
    })
}

fn card_fields(
    m: BTreeMap<String, Vec<String>>,
    file: &str,
) -> Result<Vec<(CardField, Vec<String>)>, VocabError> {
    m.into_iter()
        .map(|(k, v)| match CardField::from_key(&k) {
            Some(f) => Ok((f, v)),
            None => Err(VocabError::Syntax {
                file: file.to_string(),
                reason: format!(
                    "unknown card field {k:?} (one of: name, partners, purpose, content, schedule, roles, kpi)"
                ),
            }),
        })
        .collect()
}

impl Vocab {
    /// The compiled-in vocabulary (`src/records/vocab.toml`).
    pub fn builtin() -> Arc<Vocab> {
        BUILTIN_VOCAB.clone()
    }

    /// The built-in vocabulary with a user's file laid over it (the file's path names it in
    /// errors).
    pub fn with_file(path: &Path) -> Result<Vocab, VocabError> {
        let file = path.display().to_string();
        let text = std::fs::read_to_string(path).map_err(|source| VocabError::Io {
            file: file.clone(),
            source,
        })?;
        Vocab::layered(BUILTIN, &text, &file)
    }

    /// The built-in vocabulary with the TOML text of a user's file laid over it.
    pub fn with_toml(text: &str) -> Result<Vocab, VocabError> {
        Vocab::layered(BUILTIN, text, "vocabulary")
    }

    fn layered(builtin: &str, user: &str, file: &str) -> Result<Vocab, VocabError> {
        let b = parse(builtin, "vocab.toml")?;
        let u = parse(user, file)?;
        let regex = |p: &str| {
            Regex::new(p).map_err(|e| VocabError::Pattern {
                file: file.to_string(),
                pattern: p.to_string(),
                reason: e.to_string().replace('\n', " "),
            })
        };
        let card = Labels::layered(
            card_fields(b.card, "vocab.toml")?,
            card_fields(u.card, file)?,
        );
        let mut kw_user = card_fields(u.card_keywords, file)?;
        let mut kw_builtin = card_fields(b.card_keywords, "vocab.toml")?;
        let keywords = KEYWORD_ORDER
            .iter()
            .map(|f| {
                let take = |v: &mut Vec<(CardField, Vec<String>)>| {
                    v.iter_mut()
                        .find(|(g, _)| g == f)
                        .map(|(_, w)| std::mem::take(w))
                        .unwrap_or_default()
                };
                (*f, union(take(&mut kw_user), take(&mut kw_builtin)))
            })
            .collect();
        let columns = Labels::layered(
            vec![
                (Column::KpiIndicator, b.columns.kpi_indicator),
                (Column::KpiBaseline, b.columns.kpi_baseline),
                (Column::KpiTarget, b.columns.kpi_target),
                (Column::Total, b.columns.total),
            ],
            vec![
                (Column::KpiIndicator, u.columns.kpi_indicator),
                (Column::KpiBaseline, u.columns.kpi_baseline),
                (Column::KpiTarget, u.columns.kpi_target),
                (Column::Total, u.columns.total),
            ],
        );
        let matrix = Labels::layered(
            vec![
                (MatrixColumn::Role, b.matrix.role),
                (MatrixColumn::Name, b.matrix.name),
                (MatrixColumn::Page, b.matrix.page),
            ],
            vec![
                (MatrixColumn::Role, u.matrix.role),
                (MatrixColumn::Name, u.matrix.name),
                (MatrixColumn::Page, u.matrix.page),
            ],
        );
        let count_words = union(u.matrix.count_words, b.matrix.count_words);
        // The longest count word first, so that 事務事業 is not read as 事業.
        let mut alternatives: Vec<String> = count_words.iter().map(|w| regex::escape(w)).collect();
        alternatives.sort_by_key(|w| std::cmp::Reverse(w.chars().count()));
        let declared_count = regex(&format!(r"(\d+)\s*(?:{})", alternatives.join("|")))?;
        let mut units: BTreeMap<String, i64> = b.units;
        units.extend(u.units);
        let money = MoneyForms::new(
            units
                .into_iter()
                .filter(|(_, yen)| *yen > 0)
                .map(|(s, yen)| (normalize::key(&s), Unit { yen: yen.into() }))
                .collect(),
            chars_union(&u.words.none_dashes, &b.words.none_dashes),
            union(u.words.none_words, b.words.none_words)
                .iter()
                .map(|w| normalize::key(w))
                .collect(),
        );
        let edition = union(u.patterns.edition, b.patterns.edition)
            .iter()
            .map(|p| regex(p))
            .collect::<Result<Vec<_>, _>>()?;
        let single = |user: Option<String>, builtin: Option<String>| {
            user.or(builtin).unwrap_or_else(|| "$^".to_string())
        };
        Ok(Vocab {
            card,
            keywords,
            columns,
            matrix,
            declared_count,
            all_partners: union(u.words.all_partners, b.words.all_partners)
                .iter()
                .map(|w| normalize::key(w))
                .collect(),
            partner_separators: union(u.words.partner_separators, b.words.partner_separators),
            continued: union(u.words.continued, b.words.continued),
            title: union(u.words.title, b.words.title),
            excerpt: union(u.words.excerpt, b.words.excerpt),
            reference_headings: union(u.words.reference_headings, b.words.reference_headings),
            money,
            bullets: chars_union(&u.bullets.top, &b.bullets.top),
            nested: chars_union(&u.bullets.nested, &b.bullets.nested),
            edition,
            revision: union(u.patterns.revision, b.patterns.revision),
            heading_number: regex(&single(
                u.patterns.heading_number,
                b.patterns.heading_number,
            ))?,
            cross_reference: regex(&single(
                u.patterns.cross_reference,
                b.patterns.cross_reference,
            ))?,
        })
    }

    /// The card field a row label stands for, by the label table.
    pub(crate) fn card_field(&self, label: &str) -> Option<CardField> {
        self.card.field_of(&label_key(label))
    }

    /// The card field an unknown row label probably stands for, by the keywords it holds
    /// (`事業の骨子` → none; `連携の趣旨` → purpose), with the keyword.
    pub(crate) fn card_field_by_keyword(&self, label: &str) -> Option<(CardField, &str)> {
        let key = label_key(label);
        self.keywords.iter().find_map(|(f, words)| {
            words
                .iter()
                .find(|w| key.contains(w.as_str()))
                .map(|w| (*f, w.as_str()))
        })
    }

    /// Whether a header key names a column.
    pub(crate) fn is_column(&self, key: &str, c: Column) -> bool {
        self.columns.is(key, c)
    }

    /// Whether a matrix header cell's key holds a label of that column.
    pub(crate) fn is_matrix_column(&self, key: &str, c: MatrixColumn) -> bool {
        self.matrix.contained(key, c)
    }

    /// The declared number of projects in a matrix header cell (`12事務事業`).
    pub(crate) fn declared_count(&self, text: &str) -> Option<u32> {
        self.declared_count
            .captures(text)
            .and_then(|m| m.get(1)?.as_str().parse().ok())
    }

    /// Whether a partner cell's key names every partner (`全市町`).
    pub(crate) fn is_all_partners(&self, key: &str) -> bool {
        self.all_partners
            .iter()
            .any(|w| key.starts_with(w.as_str()))
    }

    /// The separators between partner names in a card's partner cell.
    pub(crate) fn partner_separators(&self) -> &[String] {
        &self.partner_separators
    }

    /// Whether a label cell only says that the card goes on from the page before (`（続き）`).
    pub(crate) fn is_continuation_note(&self, key: &str) -> bool {
        let inner: String = key
            .chars()
            .filter(|c| {
                !matches!(
                    c,
                    '(' | ')' | '【' | '】' | '[' | ']' | '〔' | '〕' | '<' | '>'
                )
            })
            .collect();
        self.continued.iter().any(|w| *w == inner)
    }

    /// Whether a key holds a title word (`ビジョン`).
    pub(crate) fn has_title_word(&self, key: &str) -> bool {
        self.title.iter().any(|w| key.contains(w.as_str()))
    }

    /// Whether a key says the document is a draft excerpt (`改訂案`).
    pub(crate) fn has_excerpt_word(&self, key: &str) -> bool {
        self.excerpt.iter().any(|w| key.contains(w.as_str()))
    }

    /// Whether a key starts the 【参考】 section.
    pub(crate) fn is_reference_heading(&self, key: &str) -> bool {
        self.reference_headings
            .iter()
            .any(|h| key.starts_with(h.as_str()))
    }

    /// How money and none are printed.
    pub(crate) fn money(&self) -> &MoneyForms {
        &self.money
    }

    /// Whether a whole cell means "none" (`—`, `−`, `ー`, `なし`, `該当なし`, empty).
    pub(crate) fn is_none(&self, s: &str) -> bool {
        self.money.is_none(s)
    }

    /// The top-level bullet characters.
    pub(crate) fn bullets(&self) -> &[char] {
        &self.bullets
    }

    /// The nested item markers (`・`).
    pub(crate) fn nested(&self) -> &[char] {
        &self.nested
    }

    /// The dates of a title-page line, in order, each with whether it is a revision note
    /// (`令和6年3月改訂`, `令和6年3月 一部改訂`: a revision word follows the date) rather than the
    /// edition's date line.
    pub(crate) fn dates_in<'t>(&self, text: &'t str) -> Vec<(&'t str, bool)> {
        let mut found: Vec<regex::Match<'t>> = self
            .edition
            .iter()
            .flat_map(|re| re.find_iter(text))
            .collect();
        // Where patterns overlap, the earliest and then the longest match stands.
        found.sort_by_key(|m| (m.start(), std::cmp::Reverse(m.end())));
        let mut out = Vec::new();
        let mut end = 0;
        for m in found {
            if m.start() < end {
                continue;
            }
            end = m.end();
            let after: String = normalize::unspaced(&text[m.end()..]).take(8).collect();
            let after = after.strip_prefix("一部").unwrap_or(&after);
            let note = self.revision.iter().any(|w| after.starts_with(w.as_str()));
            out.push((m.as_str(), note));
        }
        out
    }

    /// Whether a text holds an edition date (a date line or a revision note).
    pub(crate) fn has_date(&self, text: &str) -> bool {
        self.edition.iter().any(|re| re.is_match(text))
    }

    /// Numbering before a card heading (`(1)`, `1.`, `①`, `■`, `【…】`).
    pub(crate) fn heading_number(&self) -> &Regex {
        &self.heading_number
    }

    /// A page cross reference in card text (`P.23`), the page in group 1.
    pub(crate) fn cross_reference(&self) -> &Regex {
        &self.cross_reference
    }

    /// What to write in a `--vocab` file so that `label` is read as `field`.
    pub(crate) fn suggestion(field: CardField, label: &str) -> String {
        format!("[card] {} = [\"{}\"]", field.key(), label_key(label))
    }
}

/// The comparable key of a printed label.
pub fn label_key(s: &str) -> String {
    let t = normalize::key(s);
    // Drop one trailing parenthesised note, unless that would leave nothing ("(KPI)" alone).
    if t.ends_with(')')
        && let Some(open) = t.rfind('(')
        && open > 0
    {
        return t[..open].to_string();
    }
    t
}

#[cfg(test)]
mod tests {
    use super::*;

    fn field(s: &str) -> Option<CardField> {
        Vocab::builtin().card_field(s)
    }

    #[test]
    fn labels_of_several_regions_map_to_one_field() {
        assert_eq!(field("事務事業名"), Some(CardField::Name));
        assert_eq!(field("事業名"), Some(CardField::Name));
        assert_eq!(field("事業の名称"), Some(CardField::Name));
        assert_eq!(field("工程及び事業費（見込額）"), Some(CardField::Schedule));
        assert_eq!(
            field("事業スケジュール及び事業費"),
            Some(CardField::Schedule)
        );
        assert_eq!(field("役割・費用負担"), Some(CardField::Roles));
        assert_eq!(field("役割分担"), Some(CardField::Roles));
        assert_eq!(field("役割分担・費用負担"), Some(CardField::Roles));
        assert_eq!(field("各市町の役割"), Some(CardField::Roles));
        assert_eq!(field("重要業績評価指標（KPI）"), Some(CardField::Kpi));
        assert_eq!(field("成果指標(KPI)"), Some(CardField::Kpi));
        assert_eq!(field("目標指標（KPI）"), Some(CardField::Kpi));
        assert_eq!(field("目 的"), Some(CardField::Purpose));
        assert_eq!(field("ねらい"), Some(CardField::Purpose));
        assert_eq!(field("連携する市町"), Some(CardField::Partners));
        assert_eq!(field("具体的な内容"), Some(CardField::Content));
        assert_eq!(field("SDGs"), None);
    }

    #[test]
    fn unknown_labels_by_keyword() {
        let v = Vocab::builtin();
        assert_eq!(
            v.card_field_by_keyword("連携の趣旨・背景"),
            Some((CardField::Purpose, "趣旨"))
        );
        assert_eq!(
            v.card_field_by_keyword("市町ごとの役割"),
            Some((CardField::Roles, "役割"))
        );
        assert_eq!(v.card_field_by_keyword("SDGs"), None);
    }

    #[test]
    fn label_key_drops_a_trailing_note_only() {
        assert_eq!(label_key("工程及び事業費（見込額）"), "工程及び事業費");
        assert_eq!(label_key("(KPI)"), "(KPI)");
        assert_eq!(label_key("掲 載 ペ ー ジ"), "掲載ページ");
    }

    #[test]
    fn columns_and_words() {
        let v = Vocab::builtin();
        assert!(v.is_column("策定時", Column::KpiBaseline));
        assert!(v.is_column(&label_key("目標値（最終年度）"), Column::KpiTarget));
        assert!(v.is_column("事業費計", Column::Total));
        assert!(!v.is_column("事業費計", Column::KpiTarget));
        assert_eq!(v.declared_count("12事務事業"), Some(12));
        assert_eq!(v.declared_count("6取組"), Some(6));
        assert!(v.is_none("該当なし"));
        assert!(v.is_none("−"));
        assert!(!v.is_none("実施"));
        assert!(v.is_all_partners("圏域内全市町"));
        assert!(v.is_matrix_column("【具体的取組】", MatrixColumn::Name));
        assert!(v.is_continuation_note("(続き)"));
        assert!(!v.is_continuation_note("事業目的"));
    }

    #[test]
    fn edition_lines_and_revision_notes() {
        let v = Vocab::builtin();
        assert_eq!(
            v.dates_in("令和6年(2024年)3月"),
            [("令和6年(2024年)3月", false)]
        );
        assert_eq!(
            v.dates_in("2024年(令和6年)3月"),
            [("2024年(令和6年)3月", false)]
        );
        assert_eq!(v.dates_in("令和6年3月改訂"), [("令和6年3月", true)]);
        assert_eq!(v.dates_in("(令和7年3月 一部改訂)"), [("令和7年3月", true)]);
        assert_eq!(
            v.dates_in("令和6年(2024年)3月 令和7年3月改定版"),
            [("令和6年(2024年)3月", false), ("令和7年3月", true)]
        );
        assert!(v.dates_in("第3期").is_empty());
    }

    #[test]
    fn a_users_file_adds_and_overrides() {
        let v = Vocab::with_toml(
            "[card]\npurpose = [\"事業の骨子\", \"内容\"]\n[words]\nnone_words = [\"皆減\"]\n[units]\n\"十万円\" = 100000\n",
        )
        .expect("parses");
        assert_eq!(v.card_field("事業の骨子"), Some(CardField::Purpose));
        // Overridden: 内容 is now a purpose label, no longer a content one.
        assert_eq!(v.card_field("内容"), Some(CardField::Purpose));
        assert_eq!(v.card_field("事業内容"), Some(CardField::Content));
        assert!(v.is_none("皆減"));
        assert!(v.is_none("なし"));
        let a = v
            .money()
            .amount_in("3十万円", Unit::THOUSAND_YEN)
            .expect("an amount")
            .map(|a| a.value.0);
        assert_eq!(a, Some(300));
        // The built-in vocabulary is unchanged.
        assert_eq!(field("内容"), Some(CardField::Content));
    }

    #[test]
    fn the_readme_example_file_reads() {
        let readme = include_str!("../../README.md");
        let start = readme.find("```toml\n").expect("a toml example") + "```toml\n".len();
        let end = start + readme[start..].find("```").expect("its end");
        let v = Vocab::with_toml(&readme[start..end]).expect("the example parses");
        assert_eq!(v.card_field("内容"), Some(CardField::Purpose));
        assert!(v.is_column("直近値", Column::KpiBaseline));
        assert!(v.is_none("皆減"));
        assert_eq!(v.dates_in("令和6年3月見直し"), [("令和6年3月", true)]);
    }

    #[test]
    fn a_bad_users_file_says_why() {
        let e = Vocab::with_toml("[card]\nsummary = [\"概要\"]\n").expect_err("unknown field");
        assert!(
            e.to_string().contains("unknown card field \"summary\""),
            "{e}"
        );
        let e = Vocab::with_toml("[cards]\n").expect_err("unknown table");
        assert!(e.to_string().contains("cards"), "{e}");
        let e = Vocab::with_toml("[patterns]\nedition = [\"(\"]\n").expect_err("bad regex");
        assert!(matches!(e, VocabError::Pattern { .. }), "{e}");
    }
}
