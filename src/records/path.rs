//! Field paths: where in a project or card a value sits (`schedule[R4].amount`, `kpis[0].target`,
//! `roles[三原市][1]`). They key a card's provenance map, name the field an extraction note is
//! about, and tell the diff which provenance and notes belong to an event.
//!
//! Serialized as the strings above (the `provenance` keys and note `field`s of
//! `kaitei.records/1`); [`FieldPath::covers`] says whether a note on one path concerns another
//! (a note on `schedule[R6]` concerns `schedule[R6].amount`).

use crate::normalize::FiscalYear;
use std::fmt;

/// A cell of a card's schedule row.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum SchedulePart {
    /// The phase label (`実施`).
    Phase,
    /// The amount (千円).
    Amount,
}

/// A column of a KPI row.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum KpiPart {
    /// 指標.
    Indicator,
    /// 基準値 / 現状値.
    Baseline,
    /// 目標値.
    Target,
}

impl KpiPart {
    /// The path segment: `indicator`, `baseline`, `target`.
    pub fn as_str(self) -> &'static str {
        match self {
            KpiPart::Indicator => "indicator",
            KpiPart::Baseline => "baseline",
            KpiPart::Target => "target",
        }
    }
}

/// A field of a project (matrix row) or of its card. Ordered as the card reads.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum FieldPath {
    /// The whole row or card (`""`).
    Whole,
    /// The project's name (`name`).
    Name,
    /// The matrix 役割 cell (`role`).
    Role,
    /// The matrix ○ set (`matrix_partners`).
    MatrixPartners,
    /// The card's partner row (`partners`).
    Partners,
    /// 事業目的 (`purpose`).
    Purpose,
    /// 事業内容 as a whole (`content`) or one bullet (`content[i]`).
    Content(Option<usize>),
    /// One fiscal year of the schedule (`schedule[R4]`) or one of its cells
    /// (`schedule[R4].amount`).
    Schedule(FiscalYear, Option<SchedulePart>),
    /// 計 (`total`).
    Total,
    /// One side of 役割・費用負担 by its printed label (`roles[三原市]`) or one bullet
    /// (`roles[三原市][0]`).
    Roles(String, Option<usize>),
    /// A KPI row (`kpis[i]`) or one of its columns (`kpis[i].target`).
    Kpi(usize, Option<KpiPart>),
    /// One underlined span of a draft (`marked_changes[i]`).
    MarkedChange(usize),
}

impl FieldPath {
    /// Whether a note or location on `self` concerns `other`: the same path, or `other` lies
    /// inside `self` (the whole card covers every field; `schedule[R6]` covers its cells).
    pub fn covers(&self, other: &FieldPath) -> bool {
        use FieldPath::*;
        match (self, other) {
            (Whole, _) => true,
            (Content(None), Content(_)) => true,
            (Schedule(a, None), Schedule(b, _)) => a == b,
            (Roles(a, None), Roles(b, _)) => a == b,
            (Kpi(a, None), Kpi(b, _)) => a == b,
            (a, b) => a == b,
        }
    }

    /// Reads the string form; `None` for anything else.
    pub fn parse(s: &str) -> Option<FieldPath> {
        use FieldPath::*;
        let simple = match s {
            "" => Some(Whole),
            "name" => Some(Name),
            "role" => Some(Role),
            "matrix_partners" => Some(MatrixPartners),
            "partners" => Some(Partners),
            "purpose" => Some(Purpose),
            "content" => Some(Content(None)),
            "total" => Some(Total),
            _ => None,
        };
        if simple.is_some() {
            return simple;
        }
        let index = |t: &str| -> Option<usize> { t.strip_suffix(']')?.parse().ok() };
        if let Some(rest) = s.strip_prefix("content[") {
            return Some(Content(Some(index(rest)?)));
        }
        if let Some(rest) = s.strip_prefix("marked_changes[") {
            return Some(MarkedChange(index(rest)?));
        }
        if let Some(rest) = s.strip_prefix("schedule[") {
            let (fy, part) = rest.split_once(']')?;
            let fy = FiscalYear::parse(fy)?;
            let part = match part {
                "" => None,
                ".phase" => Some(SchedulePart::Phase),
                ".amount" => Some(SchedulePart::Amount),
                _ => return None,
            };
            return Some(Schedule(fy, part));
        }
        if let Some(rest) = s.strip_prefix("kpis[") {
            let (i, part) = rest.split_once(']')?;
            let i = i.parse().ok()?;
            let part = match part {
                "" => None,
                ".indicator" => Some(KpiPart::Indicator),
                ".baseline" => Some(KpiPart::Baseline),
                ".target" => Some(KpiPart::Target),
                _ => return None,
            };
            return Some(Kpi(i, part));
        }
        if let Some(rest) = s.strip_prefix("roles[") {
            let rest = rest.strip_suffix(']')?;
            // `SIDE][i` or `SIDE`: a side label never ends in `][digits`.
            if let Some((side, i)) = rest.rsplit_once("][")
                && let Ok(i) = i.parse()
            {
                return Some(Roles(side.to_string(), Some(i)));
            }
            return Some(Roles(rest.to_string(), None));
        }
        None
    }
}

impl fmt::Display for FieldPath {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        use FieldPath::*;
        match self {
            Whole => Ok(()),
            Name => f.write_str("name"),
            Role => f.write_str("role"),
            MatrixPartners => f.write_str("matrix_partners"),
            Partners => f.write_str("partners"),
            Purpose => f.write_str("purpose"),
            Content(None) => f.write_str("content"),
            Content(Some(i)) => write!(f, "content[{i}]"),
            Schedule(fy, None) => write!(f, "schedule[{fy}]"),
            Schedule(fy, Some(SchedulePart::Phase)) => write!(f, "schedule[{fy}].phase"),
            Schedule(fy, Some(SchedulePart::Amount)) => write!(f, "schedule[{fy}].amount"),
            Total => f.write_str("total"),
            Roles(side, None) => write!(f, "roles[{side}]"),
            Roles(side, Some(i)) => write!(f, "roles[{side}][{i}]"),
            Kpi(i, None) => write!(f, "kpis[{i}]"),
            Kpi(i, Some(p)) => write!(f, "kpis[{i}].{}", p.as_str()),
            MarkedChange(i) => write!(f, "marked_changes[{i}]"),
        }
    }
}

serde_via_str!(
    FieldPath,
    FieldPath::parse,
    "a field path",
    schema: "A field of a project or card: \"\" (whole), name, role, matrix_partners, partners, purpose, content[i], schedule[FY].amount|phase, total, roles[SIDE][i], kpis[i].indicator|baseline|target, marked_changes[i]."
);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_round_trip_through_their_strings() {
        for s in [
            "",
            "name",
            "role",
            "matrix_partners",
            "partners",
            "purpose",
            "content",
            "content[3]",
            "schedule[R4]",
            "schedule[R4].amount",
            "schedule[R10].phase",
            "total",
            "roles[三原市]",
            "roles[連携市町][2]",
            "kpis[0]",
            "kpis[1].target",
            "marked_changes[7]",
        ] {
            let p = FieldPath::parse(s).unwrap_or_else(|| panic!("{s:?} parses"));
            assert_eq!(p.to_string(), s);
        }
        for s in [
            "x",
            "content[a]",
            "schedule[実施].amount",
            "kpis[0].x",
            "roles",
        ] {
            assert_eq!(FieldPath::parse(s), None, "{s}");
        }
    }

    #[test]
    fn coverage_of_notes() {
        let fy = FiscalYear(2024);
        let merged = FieldPath::Schedule(fy, None);
        assert!(merged.covers(&FieldPath::Schedule(fy, Some(SchedulePart::Amount))));
        assert!(!merged.covers(&FieldPath::Schedule(FiscalYear(2025), None)));
        assert!(FieldPath::Whole.covers(&FieldPath::Purpose));
        assert!(!FieldPath::Purpose.covers(&FieldPath::Whole));
        assert!(FieldPath::Content(None).covers(&FieldPath::Content(Some(2))));
        assert!(!FieldPath::Content(Some(1)).covers(&FieldPath::Content(Some(2))));
    }

    #[test]
    fn serializes_as_a_map_key() {
        let mut m = std::collections::BTreeMap::new();
        m.insert(FieldPath::Total, 1);
        m.insert(FieldPath::Purpose, 2);
        let s = serde_json::to_string(&m).expect("json");
        assert_eq!(s, r#"{"purpose":2,"total":1}"#);
        let back: std::collections::BTreeMap<FieldPath, i32> =
            serde_json::from_str(&s).expect("parses");
        assert_eq!(back, m);
    }
}
