//! Several versions of one document → a [`Series`]: the versions in edition order, the change
//! log of each version against the latest full edition before it, and the history of every
//! project across them, built from the same alignments as the change logs.
//!
//! Order: by [`Plan::edition_key`] (the `edition_date`, or the date read from the printed
//! `edition`, so truth-format records order right); at the same date a draft (excerpt) comes
//! before the full edition; then by version id. A draft is compared with the latest full
//! edition before it, and so is the next full edition, so that `2022-full, 2023-draft,
//! 2023-full` gives `2022-full → 2023-draft` and `2022-full → 2023-full`.
//!
//! JSON (`kaitei.series/1`, `schemas/series.schema.json`): `{"schema", "logs", "history"}` in
//! that order.

use super::align::{Alignment, align};
use super::change::ChangeLog;
use super::history::{History, build as build_history};
use super::{DiffOptions, compare_aligned};
use crate::records::Plan;
use rayon::prelude::*;
use serde::Serialize;

/// The `schema` value of a series written by this crate.
pub const SERIES_SCHEMA: &str = "kaitei.series/1";

/// The versions of one document compared: change logs and history.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct Series {
    /// Always [`SERIES_SCHEMA`].
    pub schema: String,
    /// One change log per version after the first, against the latest full edition before it,
    /// in version order.
    pub logs: Vec<ChangeLog>,
    /// Each project across the versions.
    pub history: History,
    /// The versions, in the order compared (not serialized: the records are written apart).
    #[serde(skip)]
    pub plans: Vec<Plan>,
}

/// Orders versions by edition date (see the module docs).
pub fn order(plans: &mut [Plan]) {
    plans.sort_by(|a, b| {
        a.edition_key()
            .cmp(&b.edition_key())
            .then(b.excerpt.cmp(&a.excerpt))
            .then(a.version.cmp(&b.version))
    });
}

/// For each version after the first, `(base, revised)`: the index of the version it is compared
/// with (the latest full edition before it, or simply the previous one when there is none).
pub fn bases(plans: &[Plan]) -> Vec<(usize, usize)> {
    (1..plans.len())
        .map(|i| {
            let base = (0..i).rev().find(|&j| !plans[j].excerpt).unwrap_or(i - 1);
            (base, i)
        })
        .collect()
}

/// Orders `plans` by edition and compares them (see the module docs).
///
/// ```
/// use kaitei::diff::{DiffOptions, compare_series};
/// use kaitei::records::Plan;
/// let plan = |version: &str, edition: &str, excerpt: bool| Plan {
///     edition: edition.into(),
///     excerpt,
///     ..Plan::empty(version)
/// };
/// let series = compare_series(
///     vec![
///         plan("2023-full", "令和5年(2023年)3月", false),
///         plan("2023-draft", "令和5年(2023年)3月", true),
///         plan("2022-full", "令和4年(2022年)3月", false),
///     ],
///     &DiffOptions::default(),
/// );
/// let pairs: Vec<(&str, &str)> = series
///     .logs
///     .iter()
///     .map(|l| (l.base.version.as_str(), l.revised.version.as_str()))
///     .collect();
/// assert_eq!(pairs, [("2022-full", "2023-draft"), ("2022-full", "2023-full")]);
/// ```
pub fn compare_series(mut plans: Vec<Plan>, opts: &DiffOptions) -> Series {
    order(&mut plans);
    compare_in_order(plans, opts)
}

/// Compares versions in the order given (each against the latest full edition before it).
pub fn compare_in_order(plans: Vec<Plan>, opts: &DiffOptions) -> Series {
    let pairs = bases(&plans);
    let compared: Vec<(Alignment, ChangeLog)> = pairs
        .par_iter()
        .map(|&(b, r)| {
            let alignment = align(&plans[b].projects, &plans[r].projects);
            let log = compare_aligned(&plans[b], &plans[r], &alignment, opts);
            (alignment, log)
        })
        .collect();
    let (alignments, logs): (Vec<Alignment>, Vec<ChangeLog>) = compared.into_iter().unzip();
    let history = build_history(&plans, &pairs, &alignments, &logs);
    Series {
        schema: SERIES_SCHEMA.to_string(),
        logs,
        history,
        plans,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn plan(version: &str, edition: &str, date: Option<&str>, excerpt: bool) -> Plan {
        Plan {
            edition: edition.into(),
            edition_date: date.and_then(crate::records::EditionDate::parse),
            excerpt,
            ..Plan::empty(version)
        }
    }

    #[test]
    fn drafts_are_compared_with_the_last_full_edition() {
        let mut ps = vec![
            plan("a-2023-full", "", Some("2023-03"), false),
            plan("a-2022-full", "", Some("2022-03"), false),
            plan("a-2023-draft", "", Some("2023-03"), true),
        ];
        order(&mut ps);
        let names: Vec<&str> = ps.iter().map(|p| p.version.as_str()).collect();
        assert_eq!(names, vec!["a-2022-full", "a-2023-draft", "a-2023-full"]);
        assert_eq!(bases(&ps), vec![(0, 1), (0, 2)]);
    }

    #[test]
    fn the_printed_edition_orders_when_no_date_field_is_set() {
        // Truth-format records: `edition` only. Version ids would sort the other way.
        let mut ps = vec![
            plan("x-draft", "令和5年(2023年)3月", None, true),
            plan("y-full", "令和4年(2022年)3月", None, false),
            plan("w-full", "令和5年3月", None, false),
        ];
        order(&mut ps);
        let names: Vec<&str> = ps.iter().map(|p| p.version.as_str()).collect();
        assert_eq!(names, vec!["y-full", "x-draft", "w-full"]);
    }
}
