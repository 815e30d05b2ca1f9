//! Tables and page text → a typed [`Plan`] (the data model lives in [`model`]).

pub mod model;
pub use model::*;
pub mod extract;
pub mod vocab;

pub use extract::extract;
