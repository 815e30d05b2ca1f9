//! Tables and page text → a typed [`Plan`] (the data model lives in [`model`]).

pub mod model;
pub use model::*;
pub mod card;
pub mod extract;
pub mod matrix;
pub mod validate;
pub mod vocab;

pub use extract::extract;
