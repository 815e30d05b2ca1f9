//! The one fatal error type of the library, and the located warnings that every stage may add.
//!
//! Fatal errors happen only at the door (the file cannot be read, parsed or decrypted, or it is
//! not the kind of document asked for). Everything after that is recoverable: a page that fails
//! becomes a [`Warning`] and the other pages still come out.

use serde::{Deserialize, Serialize};
use std::path::PathBuf;

/// A fatal error: the job on this file could not be done. Its message is one line naming the
/// file.
///
/// ```
/// let err = kaitei::Document::from_bytes(b"<html></html>".to_vec(), "page.pdf", None).unwrap_err();
/// assert!(matches!(err, kaitei::Error::NotPdf { .. }));
/// assert_eq!(err.to_string(), "page.pdf: not a PDF (HTML document)");
/// ```
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The file could not be read from disk.
    #[error("{file}: cannot read file: {source}")]
    Io {
        /// The file.
        file: PathBuf,
        /// The cause.
        #[source]
        source: std::io::Error,
    },
    /// The file is empty.
    #[error("{file}: empty file (0 bytes)")]
    Empty {
        /// The file.
        file: PathBuf,
    },
    /// The file does not start like a PDF (`%PDF-`); `looks_like` says what it seems to be.
    #[error("{file}: not a PDF ({looks_like})")]
    NotPdf {
        /// The file.
        file: PathBuf,
        /// What the first bytes look like ("HTML document", "plain text", ...).
        looks_like: String,
    },
    /// The PDF structure could not be parsed, even after xref repair.
    #[error("{file}: damaged PDF: {reason}")]
    Damaged {
        /// The file.
        file: PathBuf,
        /// What was found wrong.
        reason: String,
    },
    /// The PDF is encrypted with a user password that was not given or is wrong.
    #[error("{file}: encrypted PDF: {reason} (give the user password with --password)")]
    Encrypted {
        /// The file.
        file: PathBuf,
        /// Whether no password or a wrong one was given.
        reason: String,
    },
    /// A resource limit was hit (pages, decoded bytes, time).
    #[error("{file}: limit exceeded: {limit}")]
    Limit {
        /// The file.
        file: PathBuf,
        /// Which limit, with its value.
        limit: String,
    },
    /// The document was read but is not a vision.
    #[error("{file}: not a vision: {reason}")]
    NotAVision {
        /// The file.
        file: PathBuf,
        /// What is missing.
        reason: NotAVision,
    },
    /// A records or change-log JSON file could not be parsed.
    #[error("{file}: invalid JSON: {reason}")]
    Json {
        /// The file.
        file: PathBuf,
        /// The parser's message.
        reason: String,
    },
    /// A page number outside the document was asked for.
    #[error("{file}: page {page} does not exist (the document has {count} pages)")]
    NoSuchPage {
        /// The file.
        file: PathBuf,
        /// The page asked for (1-based).
        page: usize,
        /// How many pages there are.
        count: usize,
    },
}

/// Why a document that was read is not a vision.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum NotAVision {
    /// No table has a header row of municipality names.
    #[error("no participation matrix found")]
    NoParticipationMatrix,
}

/// Shorthand for results of this library.
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// Where something was found: a 1-based page number and a bounding box in PDF points
/// (origin bottom-left of the unrotated page).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Provenance {
    /// 1-based page number.
    pub page: usize,
    /// `[x0, y0, x1, y1]` in PDF points.
    pub bbox: [f64; 4],
}

/// Declares [`WarningKind`]: one line per kind (doc, variant, wire name), so that adding a
/// kind is adding a line. The wire name is what JSON, the reports and the README show.
macro_rules! warning_kinds {
    ($( $(#[doc = $doc:literal])+ $variant:ident = $name:literal, )+) => {
        /// What a [`Warning`] is about. Serialized as its snake_case wire name
        /// ([`WarningKind::as_str`]); every kind is listed in the README's warning table.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        #[non_exhaustive]
        pub enum WarningKind {
            $( $(#[doc = $doc])+ $variant, )+
        }

        impl WarningKind {
            /// Every kind, in declaration order.
            pub const ALL: &'static [WarningKind] = &[$(WarningKind::$variant),+];

            /// The wire name, e.g. `total_mismatch`.
            pub fn as_str(self) -> &'static str {
                match self {
                    $(WarningKind::$variant => $name,)+
                }
            }

            /// What the kind means (its documentation), one or two sentences.
            pub fn description(self) -> &'static str {
                match self {
                    $(WarningKind::$variant => concat!($($doc),+).trim_ascii(),)+
                }
            }
        }
    };
}

warning_kinds! {
    // The page layer (src/pdf).
    /// A page number outside the document was asked for.
    NoSuchPage = "no_such_page",
    /// A page broke a resource limit (decoded bytes, time) and was skipped.
    LimitExceeded = "limit_exceeded",
    /// A page could not be interpreted at all and was skipped.
    PageFailed = "page_failed",
    /// A page has images but no text: probably a scan, nothing can be read from it.
    NoTextLayer = "no_text_layer",
    /// A form XObject draws itself; the recursive draw is skipped.
    FormRecursion = "form_recursion",
    /// Form XObjects nest deeper than the interpreter follows; the deeper ones are not drawn.
    FormNestingLimit = "form_nesting_limit",
    /// Glyphs that no mapping (ToUnicode, CMap, the font's own tables, code page) can read: they
    /// come out as U+FFFD; the message gives the count per font.
    UnmappedGlyphs = "unmapped_glyphs",
    /// A font the interpreter cannot load; its glyphs are read only through its own ToUnicode.
    FontNotLoaded = "font_not_loaded",
    /// Text decoded in a code page guessed from the font's name, descriptor or tables.
    CharsetGuessed = "charset_guessed",
    // Tables (src/table).
    /// The columns of a table without column rules were inferred from text alignment (give them
    /// with `--columns` if they are wrong).
    StreamColumnsGuessed = "stream_columns_guessed",
    // Records (src/records).
    /// A matrix page lists other partners than the first matrix page.
    MatrixHeaderDiffers = "matrix_header_differs",
    /// A matrix partner is not a known municipality (the nearest known name is given).
    UnknownMunicipality = "unknown_municipality",
    /// A card names a project that has no row in the participation matrix.
    CardWithoutMatrixRow = "card_without_matrix_row",
    /// A card's schedule has no fiscal-year header, so its amounts and phases are not read.
    ScheduleUnread = "schedule_unread",
    /// An amount printed in a cell merged over several fiscal years is given to the first.
    MergedAmount = "merged_amount",
    /// The project count declared in the matrix header differs from the rows listed.
    DeclaredCountMismatch = "declared_count_mismatch",
    /// A full edition lists a project with a page reference but prints no card for it (or, in
    /// a change log, a version lacks the card the other has).
    CardMissing = "card_missing",
    /// A card's fiscal-year amounts do not add up to its printed 計.
    TotalMismatch = "total_mismatch",
    /// A card prints amounts but no 計.
    TotalMissing = "total_missing",
    /// A card prints an amount for some fiscal years but not for others.
    AmountMissing = "amount_missing",
    /// A card's partners differ from the matrix ○ set of its row.
    PartnersDiffer = "partners_differ",
    /// A card names every partner one by one instead of 全市町.
    AllPartnersListed = "all_partners_listed",
    /// Card text refers to a page (P.23) on which no project is printed.
    CrossReference = "cross_reference",
    /// A variant character (異体字) is printed where a common one is usual.
    VariantCharacter = "variant_character",
    /// A card partner is not in the matrix header.
    UnknownPartner = "unknown_partner",
    /// A draft underlines characters outside the card tables (not in `marked_changes`).
    MarkedOutsideCard = "marked_outside_card",
    /// Glyphs without a Unicode mapping or in the private use area.
    UnmappedCharacters = "unmapped_characters",
    /// Radical code points read as the ideographs the font draws (a producer fault).
    RepairedCharacters = "repaired_characters",
    /// A card row label is not in the vocabulary: the row is read as the field a keyword of
    /// the label names, or not at all; the message says what to add to a `--vocab` file.
    UnknownLabel = "unknown_label",
    /// A card prints a label whose value came out empty or could not be read.
    EmptyValue = "empty_value",
    /// A card's 役割・費用負担 block lacks the partners' row (or the lead city's).
    RoleSideMissing = "role_side_missing",
    /// A fiscal year of a card's schedule has neither phase nor amount while other years have one.
    YearUnread = "year_unread",
    /// Characters inside a card's table are in no cell: their text is missing from the values.
    UnassignedGlyphs = "unassigned_glyphs",
    /// Variation selectors were dropped from a value (the glyphs' raw text keeps them).
    VariationSelector = "variation_selector",
    /// A value holds U+FFFD, a private-use character or a radical code point.
    SuspectCharacters = "suspect_characters",
    // Change logs (src/diff).
    /// A draft underlines text that no computed change explains.
    MarkedUnchanged = "marked_unchanged",
    /// A computed change with new text on the revised side is not underlined in the draft.
    ChangedNotMarked = "changed_not_marked",
}

impl WarningKind {
    /// The sentence the Japanese reports (`summary.md`, `report.html`, `report.xlsx`) show for
    /// the kind; the wire name and the English [`Warning::message`] stay in JSON and on
    /// standard error. A match without a wildcard, so that a new kind cannot be added without
    /// its Japanese sentence.
    ///
    /// ```
    /// use kaitei::WarningKind;
    /// assert_eq!(WarningKind::TotalMissing.message_ja(), "事業費は記載されていますが、計が記載されていません。");
    /// ```
    pub fn message_ja(self) -> &'static str {
        use WarningKind as K;
        match self {
            K::NoSuchPage => "指定されたページは文書にありません。",
            K::UnmappedGlyphs => "どの対応表でも読めない文字があり、U+FFFD(�)として出力しました。",
            K::FontNotLoaded => {
                "読み込めないフォントがあり、その文字はフォント自身のToUnicodeでしか読めません。"
            }
            K::CharsetGuessed => "フォント名などから推定した文字コードで文字を読み取りました。",
            K::StreamColumnsGuessed => "罫線のない表の列を、文字の並びから推定しました。",
            K::LimitExceeded => {
                "処理の上限(展開後のサイズ・処理時間)を超えたため、このページを読み飛ばしました。"
            }
            K::PageFailed => "このページを解釈できなかったため、読み飛ばしました。",
            K::NoTextLayer => {
                "このページには文字情報がありません(画像のみ。スキャンと思われます)。"
            }
            K::FormRecursion => "自分自身を描画するフォームXObjectがあり、その描画を省きました。",
            K::FormNestingLimit => {
                "フォームXObjectの入れ子が深すぎるため、深い部分を描画していません。"
            }
            K::MatrixHeaderDiffers => "参加表の見出しの市町が、参加表の最初のページと異なります。",
            K::UnknownMunicipality => {
                "参加表の市町名が既知の市町村名にありません(最も近い名称を詳細に示します)。"
            }
            K::CardWithoutMatrixRow => "事業シートの事業が参加表にありません。",
            K::ScheduleUnread => {
                "事業シートのスケジュールに年度の見出しがなく、事業費と工程を読み取れません。"
            }
            K::MergedAmount => "複数年度にまたがる結合セルの事業費を、最初の年度に計上しました。",
            K::DeclaredCountMismatch => {
                "参加表の見出しに記載された事業数と、実際の事業の行数が異なります。"
            }
            K::CardMissing => {
                "事業シートが掲載されていません(掲載ページの記載がある、または比較する版にはある)。"
            }
            K::TotalMismatch => "各年度の事業費の合計が、記載された計と一致しません。",
            K::TotalMissing => "事業費は記載されていますが、計が記載されていません。",
            K::AmountMissing => "一部の年度だけ事業費が記載されていません。",
            K::PartnersDiffer => "事業シートの連携市町が、参加表の○と異なります。",
            K::AllPartnersListed => {
                "事業シートが「全市町」とせず、すべての連携市町を列挙しています。"
            }
            K::CrossReference => "本文が参照するページ(P.23など)に事業が掲載されていません。",
            K::VariantCharacter => "通常の字体の代わりに異体字が使われています。",
            K::UnknownPartner => "事業シートの連携市町が、参加表の見出しにありません。",
            K::MarkedOutsideCard => "改訂案で、事業シートの表の外に下線が引かれています。",
            K::UnmappedCharacters => {
                "Unicodeに対応付けられない文字(または私用領域の文字)があります。"
            }
            K::RepairedCharacters => {
                "部首の符号位置で記録された文字を、フォントが描く漢字として読み替えました。"
            }
            K::UnknownLabel => {
                "事業シートの項目名が語彙にありません。語を手がかりに読んだか、読んでいません(`--vocab` ファイルに追加する内容は詳細を参照)。"
            }
            K::EmptyValue => {
                "事業シートの項目名はありますが、値を読み取れませんでした(または事業費として読めない数字があります)。"
            }
            K::RoleSideMissing => "役割・費用負担に連携市町(または中心市)の行がありません。",
            K::YearUnread => {
                "ほかの年度には記載がありますが、この年度には工程も事業費も記載されていません。"
            }
            K::UnassignedGlyphs => {
                "事業シートの表内の文字がどのセルにも入らず、値から抜けています。"
            }
            K::VariationSelector => {
                "異体字セレクタを値から取り除きました(元の文字には残っています)。"
            }
            K::SuspectCharacters => {
                "値に読めない文字・私用領域の文字・異体字セレクタ・部首の符号位置が残っています。"
            }
            K::MarkedUnchanged => "改訂案で下線が引かれていますが、対応する変更が見つかりません。",
            K::ChangedNotMarked => "変更がありますが、改訂案の該当箇所に下線が引かれていません。",
        }
    }
}

impl std::fmt::Display for WarningKind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A string that is not the wire name of a [`WarningKind`].
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown warning kind {0:?}")]
pub struct UnknownWarningKind(pub String);

impl std::str::FromStr for WarningKind {
    type Err = UnknownWarningKind;
    fn from_str(s: &str) -> std::result::Result<Self, Self::Err> {
        WarningKind::ALL
            .iter()
            .copied()
            .find(|k| k.as_str() == s)
            .ok_or_else(|| UnknownWarningKind(s.to_string()))
    }
}

serde_via_str!(WarningKind, |s: &str| s.parse().ok(), "a warning kind");

/// The schema lists every wire name with its description.
impl schemars::JsonSchema for WarningKind {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "WarningKind".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        let kinds: Vec<serde_json::Value> = WarningKind::ALL
            .iter()
            .map(|k| serde_json::json!({"const": k.as_str(), "description": k.description()}))
            .collect();
        schemars::json_schema!({
            "description": "What a warning is about (snake_case wire name).",
            "type": "string",
            "oneOf": kinds,
        })
    }
}

/// A recoverable problem, located where possible.
///
/// ```
/// use kaitei::{Warning, WarningKind};
/// let w = Warning::new(WarningKind::TotalMismatch, "計 is 0千円").at_page(12);
/// assert_eq!(
///     serde_json::to_string(&w).unwrap(),
///     r#"{"kind":"total_mismatch","message":"計 is 0千円","page":12}"#
/// );
/// assert_eq!("total_mismatch".parse::<WarningKind>().unwrap(), WarningKind::TotalMismatch);
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Warning {
    /// What the warning is about.
    pub kind: WarningKind,
    /// One human-readable sentence.
    pub message: String,
    /// 1-based page, when known.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub page: Option<usize>,
    /// Bounding box on that page, when known.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub bbox: Option<[f64; 4]>,
}

impl Warning {
    /// A warning without a location.
    pub fn new(kind: WarningKind, message: impl Into<String>) -> Self {
        Warning {
            kind,
            message: message.into(),
            page: None,
            bbox: None,
        }
    }

    /// The same warning located on a page.
    pub fn at_page(mut self, page: usize) -> Self {
        self.page = Some(page);
        self
    }

    /// The same warning located at a page and box.
    pub fn at(mut self, p: Provenance) -> Self {
        self.page = Some(p.page);
        self.bbox = Some(p.bbox);
        self
    }
}

/// A value with the warnings produced while computing it.
#[derive(Debug, Clone)]
pub struct Warned<T> {
    /// The value.
    pub output: T,
    /// What went wrong on the way, in order.
    pub warnings: Vec<Warning>,
}
