//! The change-log types and their JSON wire format (`"kaitei.changes/1"`).
//!
//! Each [`Change`] serializes flat, with the field names of the corpus change-log table
//! (`kind`, `project`, `fy`, `from`, `to`, ...) so that `score.py changes` reads it, plus
//! `evidence` (page/bbox on each side, inference notes) and, for text changes, `spans`.

use crate::error::{Provenance, Warning};
use crate::gazetteer::Code;
use crate::records::{FiscalYear, KpiPart, ThousandYen};
use serde::{Deserialize, Serialize};

/// The `schema` value of change logs written by this crate.
pub const CHANGES_SCHEMA: &str = "kaitei.changes/1";

fn changes_schema() -> String {
    CHANGES_SCHEMA.to_string()
}

/// The semantic difference between two versions of a document.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct ChangeLog {
    /// Always [`CHANGES_SCHEMA`].
    #[serde(default = "changes_schema")]
    pub schema: String,
    /// The older version.
    pub base: DocRef,
    /// The newer version (a full edition or an excerpt draft).
    pub revised: DocRef,
    /// Events in the order of the corpus README (see [`crate::diff`]).
    pub changes: Vec<Change>,
    /// Marking mismatches, missing cards and other things a reader should check.
    #[serde(default)]
    pub warnings: Vec<Warning>,
}

/// Which document a change log side is.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct DocRef {
    /// Version id.
    pub version: String,
    /// Title.
    pub title: String,
    /// Edition as printed.
    pub edition: String,
    /// Whether it is an excerpt draft.
    pub excerpt: bool,
}

/// One event.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Change {
    /// The project's name in the revised version (in the base for a removed project).
    pub project: String,
    /// What changed.
    #[serde(flatten)]
    pub detail: ChangeDetail,
    /// Where it is on each side and what was inferred.
    #[serde(default, skip_serializing_if = "Evidence::is_empty")]
    pub evidence: Evidence,
}

/// The kind of an event with its fields.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum ChangeDetail {
    /// A project that has no counterpart in the base.
    ProjectAdded {
        /// 役割 of the matrix row.
        role: String,
        /// 取組 of the matrix row.
        initiative: String,
        /// The matrix ○ set.
        partners: Vec<String>,
        /// 計 of the card, if the card is printed.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        total: Option<ThousandYen>,
    },
    /// A base project that has no counterpart in the revised version.
    ProjectRemoved {
        /// 役割 in the base.
        role: String,
        /// 取組 in the base.
        initiative: String,
        /// The base's ○ set.
        partners: Vec<String>,
    },
    /// The project was aligned with a base project of another name.
    ProjectRenamed {
        /// The base name.
        from_name: String,
        /// Character spans from the old name to the new one.
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        spans: Vec<Span>,
    },
    /// A municipality joined (matrix ○ set).
    PartnerAdded {
        /// Its name.
        partner: String,
        /// Its code, where the revised plan has one.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        code: Option<Code>,
    },
    /// A municipality left (matrix ○ set).
    PartnerRemoved {
        /// Its name.
        partner: String,
        /// Its code, where the base plan has one.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        code: Option<Code>,
    },
    /// The amount of one fiscal year changed.
    BudgetChanged {
        /// The fiscal year.
        fy: FiscalYear,
        /// Base amount (千円), null for none.
        from: Option<ThousandYen>,
        /// Revised amount (千円), null for none.
        to: Option<ThousandYen>,
    },
    /// 計 changed.
    TotalChanged {
        /// Base 計.
        from: Option<ThousandYen>,
        /// Revised 計.
        to: Option<ThousandYen>,
    },
    /// The phase label of one fiscal year changed.
    PhaseChanged {
        /// The fiscal year.
        fy: FiscalYear,
        /// Base label.
        from: Option<String>,
        /// Revised label.
        to: Option<String>,
    },
    /// A KPI row changed, was added or removed.
    KpiChanged {
        /// The indicator in the revised version (the base one for a removed row).
        indicator: String,
        /// What changed.
        field: KpiField,
        /// Base value (the indicator for a removed row).
        from: Option<String>,
        /// Revised value (the indicator for an added row).
        to: Option<String>,
        /// Character spans from `from` to `to` when both exist.
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        spans: Vec<Span>,
    },
    /// 事業目的, 事業内容 or one side of 役割・費用負担 changed.
    TextChanged {
        /// Which text.
        field: TextField,
        /// For roles: the side's label in the revised version.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        side: Option<String>,
        /// Base text.
        from: TextValue,
        /// Revised text.
        to: TextValue,
        /// For lists: revised items not in the base.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        added: Option<Vec<String>>,
        /// For lists: base items not in the revised version.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        removed: Option<Vec<String>>,
        /// Character spans from `from` to `to`; list items are separated by `\n`.
        #[serde(default)]
        spans: Vec<Span>,
    },
}

impl ChangeDetail {
    /// The kind of the event (the `kind` of the wire format).
    pub fn kind(&self) -> ChangeKind {
        match self {
            ChangeDetail::ProjectAdded { .. } => ChangeKind::ProjectAdded,
            ChangeDetail::ProjectRemoved { .. } => ChangeKind::ProjectRemoved,
            ChangeDetail::ProjectRenamed { .. } => ChangeKind::ProjectRenamed,
            ChangeDetail::PartnerAdded { .. } => ChangeKind::PartnerAdded,
            ChangeDetail::PartnerRemoved { .. } => ChangeKind::PartnerRemoved,
            ChangeDetail::BudgetChanged { .. } => ChangeKind::BudgetChanged,
            ChangeDetail::TotalChanged { .. } => ChangeKind::TotalChanged,
            ChangeDetail::PhaseChanged { .. } => ChangeKind::PhaseChanged,
            ChangeDetail::KpiChanged { .. } => ChangeKind::KpiChanged,
            ChangeDetail::TextChanged { .. } => ChangeKind::TextChanged,
        }
    }
}

/// The kind of a [`Change`], without its fields; serialized as the `kind` of the wire format.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Hash,
    Serialize,
    Deserialize,
    schemars::JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum ChangeKind {
    /// See [`ChangeDetail::ProjectAdded`].
    ProjectAdded,
    /// See [`ChangeDetail::ProjectRemoved`].
    ProjectRemoved,
    /// See [`ChangeDetail::ProjectRenamed`].
    ProjectRenamed,
    /// See [`ChangeDetail::PartnerAdded`].
    PartnerAdded,
    /// See [`ChangeDetail::PartnerRemoved`].
    PartnerRemoved,
    /// See [`ChangeDetail::BudgetChanged`].
    BudgetChanged,
    /// See [`ChangeDetail::TotalChanged`].
    TotalChanged,
    /// See [`ChangeDetail::PhaseChanged`].
    PhaseChanged,
    /// See [`ChangeDetail::KpiChanged`].
    KpiChanged,
    /// See [`ChangeDetail::TextChanged`].
    TextChanged,
}

impl ChangeKind {
    /// Every kind, in the order of the corpus README's table.
    pub const ALL: [ChangeKind; 10] = [
        ChangeKind::ProjectAdded,
        ChangeKind::ProjectRemoved,
        ChangeKind::ProjectRenamed,
        ChangeKind::PartnerAdded,
        ChangeKind::PartnerRemoved,
        ChangeKind::BudgetChanged,
        ChangeKind::TotalChanged,
        ChangeKind::PhaseChanged,
        ChangeKind::KpiChanged,
        ChangeKind::TextChanged,
    ];

    /// The wire name, e.g. `budget_changed`.
    pub fn as_str(self) -> &'static str {
        match self {
            ChangeKind::ProjectAdded => "project_added",
            ChangeKind::ProjectRemoved => "project_removed",
            ChangeKind::ProjectRenamed => "project_renamed",
            ChangeKind::PartnerAdded => "partner_added",
            ChangeKind::PartnerRemoved => "partner_removed",
            ChangeKind::BudgetChanged => "budget_changed",
            ChangeKind::TotalChanged => "total_changed",
            ChangeKind::PhaseChanged => "phase_changed",
            ChangeKind::KpiChanged => "kpi_changed",
            ChangeKind::TextChanged => "text_changed",
        }
    }
}

impl std::fmt::Display for ChangeKind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl ChangeLog {
    /// How many events of a kind the log has.
    pub fn count(&self, kind: ChangeKind) -> usize {
        self.changes
            .iter()
            .filter(|c| c.detail.kind() == kind)
            .count()
    }
}

/// The KPI part that changed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum KpiField {
    /// The indicator wording.
    Indicator,
    /// 基準値.
    Baseline,
    /// 目標値.
    Target,
    /// A new KPI row.
    Added,
    /// A KPI row that is gone.
    Removed,
}

impl KpiField {
    /// The column of the row, for a change of a value (not for an added or removed row).
    pub fn part(self) -> Option<KpiPart> {
        match self {
            KpiField::Indicator => Some(KpiPart::Indicator),
            KpiField::Baseline => Some(KpiPart::Baseline),
            KpiField::Target => Some(KpiPart::Target),
            KpiField::Added | KpiField::Removed => None,
        }
    }

    /// The wire name.
    pub fn as_str(self) -> &'static str {
        match self {
            KpiField::Indicator => "indicator",
            KpiField::Baseline => "baseline",
            KpiField::Target => "target",
            KpiField::Added => "added",
            KpiField::Removed => "removed",
        }
    }
}

/// The text field that changed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum TextField {
    /// 事業目的.
    Purpose,
    /// 事業内容.
    Content,
    /// 役割・費用負担 (one side).
    Roles,
}

impl TextField {
    /// The wire name.
    pub fn as_str(self) -> &'static str {
        match self {
            TextField::Purpose => "purpose",
            TextField::Content => "content",
            TextField::Roles => "roles",
        }
    }
}

/// A text value: one string or a list of bullets.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(untagged)]
pub enum TextValue {
    /// A paragraph.
    Text(String),
    /// Bullets.
    Lines(Vec<String>),
}

impl TextValue {
    /// The lines of the value (one for a paragraph).
    pub fn lines(&self) -> Vec<&str> {
        match self {
            TextValue::Text(s) => vec![s.as_str()],
            TextValue::Lines(v) => v.iter().map(String::as_str).collect(),
        }
    }
}

/// One run of a character-level diff.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Span {
    /// What happened to the run.
    pub op: SpanOp,
    /// The characters.
    pub text: String,
}

/// The operation of a [`Span`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum SpanOp {
    /// On both sides.
    Equal,
    /// Only in the revised version.
    Insert,
    /// Only in the base.
    Delete,
}

/// Why a reader can trust an event: where it is and what was inferred.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Evidence {
    /// Location in the base document, where the base plan has provenance.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub base: Option<Provenance>,
    /// Location in the revised document.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub revised: Option<Provenance>,
    /// Inferences: how a rename was aligned, a card missing from an excerpt, extraction notes.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub notes: Vec<String>,
}

impl Evidence {
    /// True when there is nothing to show.
    pub fn is_empty(&self) -> bool {
        self.base.is_none() && self.revised.is_none() && self.notes.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn events_serialize_flat_with_truth_names() {
        let c = Change {
            project: "P".into(),
            detail: ChangeDetail::BudgetChanged {
                fy: FiscalYear(2022),
                from: Some(ThousandYen(12000)),
                to: None,
            },
            evidence: Evidence::default(),
        };
        let v = serde_json::to_value(&c).expect("serializes");
        assert_eq!(
            v,
            serde_json::json!({"project": "P", "kind": "budget_changed", "fy": "R4", "from": 12000, "to": null})
        );
        let back: Change = serde_json::from_value(v).expect("parses back");
        assert_eq!(back, c);
    }

    #[test]
    fn kinds_serialize_as_the_tag() {
        for k in ChangeKind::ALL {
            assert_eq!(
                serde_json::to_value(k).expect("json"),
                serde_json::Value::String(k.as_str().into())
            );
        }
        let c: Change = serde_json::from_str(
            r#"{"kind": "partner_added", "project": "P", "partner": "和気町", "code": "336637"}"#,
        )
        .expect("parses");
        assert_eq!(c.detail.kind(), ChangeKind::PartnerAdded);
        assert_eq!(c.detail.kind().as_str(), "partner_added");
    }

    #[test]
    fn truth_text_event_parses() {
        let c: Change = serde_json::from_str(
            r#"{"kind": "text_changed", "project": "P", "field": "roles", "side": "岡山市",
                "from": ["a"], "to": ["a", "b"], "added": ["b"], "removed": []}"#,
        )
        .expect("parses");
        match c.detail {
            ChangeDetail::TextChanged {
                field,
                side,
                to,
                added,
                ..
            } => {
                assert_eq!(field, TextField::Roles);
                assert_eq!(side.as_deref(), Some("岡山市"));
                assert_eq!(to, TextValue::Lines(vec!["a".into(), "b".into()]));
                assert_eq!(added, Some(vec!["b".into()]));
            }
            other => panic!("wrong kind {other:?}"),
        }
    }
}
