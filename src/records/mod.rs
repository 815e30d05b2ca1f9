//! Tables and page text → a typed [`Plan`]: the records of one document version, with its
//! projects, cards, schedules, roles and KPIs, and the validation warnings.
//!
//! The data model is public; reading it from tables (the matrix, the cards, the label
//! vocabulary in `vocab.rs`, the checks) is internal: use [`crate::Document::extract`] or
//! [`crate::Reading::plan`].
//!
//! # JSON wire format (`"kaitei.records/1"`)
//!
//! The JSON has the field names of the corpus truth format (`shared/corpus/README.md`) at the
//! same paths, so that `score.py records` and `serde_json::from_str::<Plan>` on a truth file both
//! work. On top of it, and always optional (truth files lack them):
//!
//! - `schema`: `"kaitei.records/1"` (defaulted when reading a file without it);
//! - top-level `partners` are objects `{"name": "和気町", "code": "336637"}` (the code from
//!   [`crate::gazetteer`], omitted when unknown); a plain string is accepted when reading.
//!   `matrix_partners` and card `partners` stay plain names: they refer to this list;
//! - `source` on a project (its matrix row) and on a card (the card table): page + bbox;
//! - `provenance` on a card: a map from a field path to page + bbox. Paths are `purpose`,
//!   `partners`, `content[i]`, `schedule[FY].amount`, `schedule[FY].phase`, `total`,
//!   `roles[SIDE][i]`, `kpis[i].indicator|baseline|target`, `marked_changes[i]`;
//! - `notes` on a project or card: what extraction had to infer for a field (repaired
//!   characters, vertical text, merged cells), carried into the change log as evidence;
//! - `edition_date` (`YYYY-MM`) on the plan and `warnings`.
//!
//! Roles are serialized as the truth's map `{"岡山市": [...], "連携市町": [...]}` in document
//! order: the first key is the lead city's side, the second the partners' side; the labels are
//! read from the document, never assumed.

mod model;
pub use model::*;
mod path;
pub use path::{FieldPath, KpiPart, SchedulePart};
pub(crate) mod card;
pub(crate) mod extract;
pub(crate) mod matrix;
pub(crate) mod validate;
pub(crate) mod vocab;
pub use vocab::{Vocab, VocabError};

pub(crate) use extract::extract;
