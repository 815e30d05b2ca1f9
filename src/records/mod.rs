//! Tables and page text → a typed [`Plan`] (the data model lives in [`model`]).

pub mod model;
pub use model::*;
pub mod path;
pub use path::{FieldPath, KpiPart, SchedulePart};
pub(crate) mod card;
pub(crate) mod extract;
pub(crate) mod matrix;
pub(crate) mod validate;
pub(crate) mod vocab;
pub use vocab::{Vocab, VocabError};

pub(crate) use extract::extract;
