//! The label vocabulary: every printed label kaitei recognises, in one table that is easy to
//! extend for another region's wording. Nothing else in `records` names a label.
//!
//! Labels are compared after [`label_key`]: NFKC, radicals repaired, white space removed, and a
//! trailing parenthesised note dropped (`工程及び事業費（見込額）` → `工程及び事業費`,
//! `成果指標(KPI)` → `成果指標`).

use crate::normalize;

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

/// Card labels, most specific first within a field. A label matches when its key equals an
/// entry, or starts with one of at least three characters.
pub const CARD_LABELS: &[(CardField, &[&str])] = &[
    (CardField::Name, &["事務事業名", "事業名", "取組名", "名称"]),
    (
        CardField::Partners,
        &[
            "連携市町村",
            "連携市町",
            "連携町村",
            "連携自治体",
            "関係市町村",
            "関係市町",
            "参加市町村",
            "参加市町",
        ],
    ),
    (CardField::Purpose, &["事業目的", "目的", "事業の目的"]),
    (
        CardField::Content,
        &["事業内容", "事業概要", "内容", "取組内容", "具体的な取組"],
    ),
    (
        CardField::Schedule,
        &[
            "工程及び事業費",
            "工程・事業費",
            "工程と事業費",
            "事業費",
            "工程",
            "スケジュール",
        ],
    ),
    (
        CardField::Roles,
        &[
            "役割・費用負担",
            "役割分担",
            "役割及び費用負担",
            "役割と費用負担",
            "費用負担",
            "役割",
        ],
    ),
    (
        CardField::Kpi,
        &[
            "重要業績評価指標",
            "成果指標",
            "KPI",
            "評価指標",
            "数値目標",
        ],
    ),
];

/// Matrix header labels.
pub const MATRIX_ROLE: &[&str] = &["役割", "分野", "政策分野"];
/// Matrix header of the project-name column (the initiative shares it).
pub const MATRIX_NAME: &[&str] = &["事務事業名", "事業名", "連携取組名", "取組名", "連携事業"];
/// Matrix header of the page-reference column.
pub const MATRIX_PAGE: &[&str] = &["掲載ページ", "掲載頁", "ページ", "頁"];
/// Compiles a pattern of this table once.
macro_rules! pattern {
    ($(#[$doc:meta])* $name:ident = $re:expr) => {
        $(#[$doc])*
        pub static $name: std::sync::LazyLock<regex::Regex> =
            std::sync::LazyLock::new(|| regex::Regex::new($re).expect("a literal pattern compiles"));
    };
}

pattern!(
    /// The declared number of projects in the matrix header: `41事務事業`.
    DECLARED_COUNT = r"(\d+)\s*(?:事務事業|事業)"
);
pattern!(
    /// An edition line: `令和5年(2023年)3月`, `令和元年12月`, `2023年3月`.
    EDITION = r"(令和|平成|昭和)\s*(\d+|元)\s*年\s*(\(\s*\d{4}\s*年\s*\))?\s*\d{1,2}\s*月|\d{4}\s*年\s*\d{1,2}\s*月"
);
pattern!(
    /// Numbering before a card heading: `(1)`, `1.`, `①`, `No.1`, `■`, `【…】`.
    HEADING_NUMBER = r"^(?:[(（]\d+[)）]|\d+[.．、]|[①-⑳]|No\.?\d+|[■◆●□◇]|【|】)+"
);
pattern!(
    /// A page cross reference in card text: `P.23`.
    CROSS_REFERENCE = r"P\.\s*(\d+)"
);

/// KPI column headers.
pub const KPI_INDICATOR: &[&str] = &["指標名", "指標", "KPI", "成果指標"];
/// KPI baseline headers.
pub const KPI_BASELINE: &[&str] = &["基準値", "現状値", "現状", "基準"];
/// KPI target headers.
pub const KPI_TARGET: &[&str] = &["目標値", "目標"];
/// Schedule total column headers.
pub const TOTAL: &[&str] = &["計", "合計", "総額", "総計"];

/// Words that stand for every partner in a card's partner row.
pub const ALL_PARTNERS: &[&str] = &[
    "全市町村",
    "全市町",
    "全市町村で実施",
    "全市町で実施",
    "全構成市町村",
    "圏域全市町村",
    "圏域全市町",
];

/// Words of a title line.
pub const TITLE_WORDS: &[&str] = &["ビジョン", "計画", "戦略"];
/// Words saying the document is a draft excerpt (only the changed pages).
pub const EXCERPT_WORDS: &[&str] = &["変更箇所のみ抜粋", "改訂案", "改定案", "変更案", "抜粋"];
/// The heading that introduces reference projects.
pub const REFERENCE_HEADINGS: &[&str] = &["【参考】", "〔参考〕", "[参考]"];

/// Top-level bullet characters (removed from items).
pub const BULLETS: &[char] = &['●', '◆', '■', '◇', '□', '◎', '▶', '►', '➢', '❖', '○'];
/// Nested item marker (kept on 事業内容 items, removed from roles).
pub const SUB_BULLET: char = '・';

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

/// Whether `key` (a [`label_key`]) matches one of `labels`.
pub fn matches(key: &str, labels: &[&str]) -> bool {
    labels
        .iter()
        .any(|l| key == *l || (l.chars().count() >= 3 && key.starts_with(l)))
}

/// The card field a row label stands for.
pub fn card_field(label: &str) -> Option<CardField> {
    let key = label_key(label);
    if key.is_empty() {
        return None;
    }
    CARD_LABELS
        .iter()
        .find(|(_, ls)| matches(&key, ls))
        .map(|(f, _)| *f)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_of_two_regions_map_to_one_field() {
        assert_eq!(card_field("事務事業名"), Some(CardField::Name));
        assert_eq!(card_field("事業名"), Some(CardField::Name));
        assert_eq!(
            card_field("工程及び事業費（見込額）"),
            Some(CardField::Schedule)
        );
        assert_eq!(card_field("役割・費用負担"), Some(CardField::Roles));
        assert_eq!(card_field("役割分担"), Some(CardField::Roles));
        assert_eq!(card_field("重要業績評価指標（KPI）"), Some(CardField::Kpi));
        assert_eq!(card_field("成果指標(KPI)"), Some(CardField::Kpi));
        assert_eq!(card_field("目 的"), Some(CardField::Purpose));
        assert_eq!(card_field("SDGs"), None);
    }

    #[test]
    fn label_key_drops_a_trailing_note_only() {
        assert_eq!(label_key("工程及び事業費（見込額）"), "工程及び事業費");
        assert_eq!(label_key("(KPI)"), "(KPI)");
        assert_eq!(label_key("掲 載 ペ ー ジ"), "掲載ページ");
    }
}
