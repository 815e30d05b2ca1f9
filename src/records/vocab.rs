//! The label vocabulary: every printed label kaitei recognises, in one table that is easy to
//! extend for another region's wording. Nothing else in `records` names a label.
