//! Events → the columns of a table with one row per event, in a neutral form: what each kind of
//! event carries (the matrix row of an added or removed project, the field, the fiscal year,
//! the partners, the values before and after). A writer only decides how a column looks:
//! [`super::csv`] writes codes and plain numbers, the `変更一覧` sheet of [`super::xlsx`]
//! Japanese labels, formatted amounts and their difference.

use crate::diff::{Change, ChangeDetail, KpiField, TextField};
use crate::gazetteer::Code;
use crate::records::{FiscalYear, ThousandYen};
use std::borrow::Cow;

/// A value before or after the event.
pub(crate) enum Value<'a> {
    /// The event has no such value (a blank cell).
    None,
    /// A label the version does not print (a phase): `—` for people, empty in CSV.
    Missing,
    /// Text; list items joined by line breaks.
    Text(Cow<'a, str>),
    /// An amount, `None` where the version prints none.
    Amount(Option<ThousandYen>),
}

/// The field of a KPI or text change.
#[derive(Clone, Copy)]
pub(crate) enum Field {
    Kpi(KpiField),
    Text(TextField),
}

impl Field {
    /// The code of the wire format (`target`, `roles`).
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            Field::Kpi(f) => f.as_str(),
            Field::Text(f) => f.as_str(),
        }
    }
}

/// The columns of one event that depend on its kind.
pub(crate) struct EventCells<'a> {
    /// `役割 / 取組` of an added or removed project.
    pub heading: Option<String>,
    /// The field of a KPI or text change.
    pub field: Option<Field>,
    /// The printed label of a 役割 side.
    pub side: Option<&'a str>,
    /// The indicator of a KPI change.
    pub indicator: &'a str,
    pub fy: Option<FiscalYear>,
    /// The partner that joined or left, or the partners of an added or removed project (joined
    /// by 、).
    pub partner: String,
    pub code: Option<Code>,
    /// The base name of a renamed project.
    pub renamed_from: Option<&'a str>,
    pub from: Value<'a>,
    pub to: Value<'a>,
    /// List items added and removed by a text change.
    pub added: Option<&'a [String]>,
    pub removed: Option<&'a [String]>,
}

impl<'a> EventCells<'a> {
    pub(crate) fn of(c: &'a Change) -> EventCells<'a> {
        let mut e = EventCells {
            heading: None,
            field: None,
            side: None,
            indicator: "",
            fy: None,
            partner: String::new(),
            code: None,
            renamed_from: None,
            from: Value::None,
            to: Value::None,
            added: None,
            removed: None,
        };
        let text =
            |s: &'a Option<String>| s.as_deref().map_or(Value::None, |s| Value::Text(s.into()));
        match &c.detail {
            ChangeDetail::ProjectAdded {
                role,
                initiative,
                partners,
                total,
            } => {
                e.heading = Some(format!("{role} / {initiative}"));
                e.partner = partners.join("、");
                if total.is_some() {
                    e.to = Value::Amount(*total);
                }
            }
            ChangeDetail::ProjectRemoved {
                role,
                initiative,
                partners,
            } => {
                e.heading = Some(format!("{role} / {initiative}"));
                e.partner = partners.join("、");
            }
            ChangeDetail::ProjectRenamed { from_name, .. } => e.renamed_from = Some(from_name),
            ChangeDetail::PartnerAdded { partner, code }
            | ChangeDetail::PartnerRemoved { partner, code } => {
                e.partner = partner.clone();
                e.code = *code;
            }
            ChangeDetail::BudgetChanged { fy, from, to } => {
                e.fy = Some(*fy);
                (e.from, e.to) = (Value::Amount(*from), Value::Amount(*to));
            }
            ChangeDetail::TotalChanged { from, to } => {
                (e.from, e.to) = (Value::Amount(*from), Value::Amount(*to));
            }
            ChangeDetail::PhaseChanged { fy, from, to } => {
                e.fy = Some(*fy);
                let label = |s: &'a Option<String>| {
                    s.as_deref()
                        .map_or(Value::Missing, |s| Value::Text(s.into()))
                };
                (e.from, e.to) = (label(from), label(to));
            }
            ChangeDetail::KpiChanged {
                indicator,
                field,
                from,
                to,
                ..
            } => {
                e.field = Some(Field::Kpi(*field));
                e.indicator = indicator;
                (e.from, e.to) = (text(from), text(to));
            }
            ChangeDetail::TextChanged {
                field,
                side,
                from,
                to,
                added,
                removed,
                ..
            } => {
                e.field = Some(Field::Text(*field));
                e.side = side.as_deref();
                e.from = Value::Text(from.lines().join("\n").into());
                e.to = Value::Text(to.lines().join("\n").into());
                e.added = added.as_deref();
                e.removed = removed.as_deref();
            }
        }
        e
    }
}
