//! The typed records of one document version: a [`Plan`] with its projects, cards, schedules,
//! roles and KPIs.
//!
//! Input → output: nothing is computed here; this module only defines the data that the
//! extraction stage fills in and that [`crate::diff`] and [`crate::report`] read.
//!
//! The wire format is documented on [`crate::records`].

use super::path::{FieldPath, KpiPart};
use crate::error::{Provenance, Warning};
use crate::gazetteer::Code;
use serde::de::{self, MapAccess, Visitor};
use serde::ser::SerializeMap;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::collections::BTreeMap;
use std::fmt;

/// The `schema` value of records JSON written by this crate.
pub const RECORDS_SCHEMA: &str = "kaitei.records/1";

fn records_schema() -> String {
    RECORDS_SCHEMA.to_string()
}

/// One version of a vision document (a full edition or an excerpt draft).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Plan {
    /// Always [`RECORDS_SCHEMA`] in our output; defaulted when reading truth files.
    #[serde(default = "records_schema")]
    pub schema: String,
    /// Version id, e.g. `region-2023-draft` (the truth's `version`).
    pub version: String,
    /// Document title.
    pub title: String,
    /// Edition line as printed (normalized), e.g. `令和5年(2023年)3月`.
    pub edition: String,
    /// The edition's year and month (`YYYY-MM`) where it could be read. Truth-format records
    /// lack it: [`Plan::from_json`] derives it from `edition`, and [`Plan::edition_key`] does
    /// wherever the plan comes from.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub edition_date: Option<EditionDate>,
    /// True for a draft that prints only the changed pages (改訂案 / 変更箇所のみ抜粋).
    pub excerpt: bool,
    /// The project count printed in the matrix header (e.g. 12 for `12事務事業`).
    pub declared_project_count: Option<u32>,
    /// Partner municipalities in matrix header order.
    pub partners: Vec<Municipality>,
    /// Every matrix row, in document order.
    pub projects: Vec<Project>,
    /// The 【参考】 projects (圏域間連携事業).
    #[serde(default)]
    pub reference_projects: Vec<ReferenceProject>,
    /// Validation and extraction warnings.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub warnings: Vec<Warning>,
}

impl Plan {
    /// A plan with nothing in it yet.
    pub fn empty(version: &str) -> Plan {
        Plan {
            schema: RECORDS_SCHEMA.to_string(),
            version: version.to_string(),
            title: String::new(),
            edition: String::new(),
            edition_date: None,
            excerpt: false,
            declared_project_count: None,
            partners: Vec::new(),
            projects: Vec::new(),
            reference_projects: Vec::new(),
            warnings: Vec::new(),
        }
    }

    /// The partner names in header order.
    pub fn partner_names(&self) -> impl Iterator<Item = &str> {
        self.partners.iter().map(|m| m.name.as_str())
    }

    /// The municipality code of a partner of this plan, where the gazetteer gave one.
    pub fn partner_code(&self, name: &str) -> Option<Code> {
        self.partners
            .iter()
            .find(|m| m.name == name)
            .and_then(|m| m.code)
    }

    /// The edition date that orders versions: `edition_date` if set, else read from the
    /// printed `edition` (a truth-format file has only the latter).
    pub fn edition_key(&self) -> Option<EditionDate> {
        self.edition_date
            .or_else(|| EditionDate::parse(&self.edition))
    }

    /// Reads records JSON (`kaitei.records/1` or the corpus truth format; a UTF-8 byte-order
    /// mark is skipped) and fills what the truth format leaves out but the text gives:
    /// `edition_date` from `edition`.
    ///
    /// ```
    /// let json = r#"{"version": "v", "title": "t", "edition": "令和5年(2023年)3月",
    ///   "excerpt": false, "declared_project_count": null, "partners": ["三原市"],
    ///   "projects": []}"#;
    /// let plan = kaitei::records::Plan::from_json(json.as_bytes()).unwrap();
    /// assert_eq!(plan.edition_date.unwrap().to_string(), "2023-03");
    /// ```
    pub fn from_json(bytes: &[u8]) -> Result<Plan, serde_json::Error> {
        let mut plan: Plan = serde_json::from_slice(crate::normalize::strip_bom(bytes))?;
        plan.edition_date = plan.edition_key();
        Ok(plan)
    }
}

/// A municipality as a document names it, with its 全国地方公共団体コード where the
/// [`crate::gazetteer`] knows the name.
///
/// Serialized as `{"name": ..., "code": ...}`; deserialized from that or from a plain string.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, schemars::JsonSchema)]
pub struct Municipality {
    /// Name as printed (normalized).
    pub name: String,
    /// 6-digit code with check digit.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub code: Option<Code>,
}

impl Municipality {
    /// A municipality without a known code.
    pub fn named(name: impl Into<String>) -> Self {
        Municipality {
            name: name.into(),
            code: None,
        }
    }
}

impl<'de> Deserialize<'de> for Municipality {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        // Truth files list partners as strings, our output as objects: accept both.
        #[derive(Deserialize)]
        #[serde(untagged)]
        enum Repr {
            Name(String),
            Full { name: String, code: Option<Code> },
        }
        Ok(match Repr::deserialize(d)? {
            Repr::Name(name) => Municipality { name, code: None },
            Repr::Full { name, code } => Municipality { name, code },
        })
    }
}

/// One matrix row and, where printed, its card.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Project {
    /// 事業名.
    pub name: String,
    /// The merged 役割 cell of the matrix.
    pub role: String,
    /// The 取組 (initiative) cell of the matrix.
    pub initiative: String,
    /// 掲載ページ: the printed page number of the card.
    pub page_ref: Option<u32>,
    /// The ○ set of the matrix row, in header order.
    pub matrix_partners: Vec<String>,
    /// The card, `None` where the document does not print it (drafts).
    pub card: Option<Card>,
    /// Where the matrix row is.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<Provenance>,
    /// What extraction inferred on the matrix row.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub notes: Vec<ExtractionNote>,
}

/// A project card (事業シート).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Card {
    /// 連携市町 as printed (printed order), 全市町 expanded.
    pub partners: Vec<String>,
    /// True where the card prints 全市町.
    pub all_partners: bool,
    /// 事業目的.
    pub purpose: String,
    /// 事業内容 bullets (marker removed; nested items keep a leading ・).
    pub content: Vec<String>,
    /// Schedule per fiscal year.
    pub schedule: Vec<ScheduleEntry>,
    /// 計 as printed (may disagree with the sum).
    pub total: Option<ThousandYen>,
    /// 役割・費用負担 (absent: no sides).
    #[serde(default)]
    pub roles: Roles,
    /// 成果指標 (KPI) rows.
    pub kpis: Vec<Kpi>,
    /// Underlined spans in a draft, in reading order; empty otherwise.
    #[serde(default)]
    pub marked_changes: Vec<String>,
    /// Where the card table is.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<Provenance>,
    /// Field path → where the value is.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub provenance: BTreeMap<FieldPath, Provenance>,
    /// What extraction inferred on the card.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub notes: Vec<ExtractionNote>,
}

impl Card {
    /// The schedule entry of a fiscal year.
    pub fn entry(&self, fy: FiscalYear) -> Option<&ScheduleEntry> {
        self.schedule.iter().find(|e| e.fy == fy)
    }

    /// Where a field is, falling back to the whole card.
    pub fn locate(&self, path: &FieldPath) -> Option<Provenance> {
        self.provenance.get(path).copied().or(self.source)
    }

    /// The value of a KPI row's column.
    pub fn kpi_value(&self, i: usize, part: KpiPart) -> Option<&str> {
        let k = self.kpis.get(i)?;
        match part {
            KpiPart::Indicator => Some(&k.indicator),
            KpiPart::Baseline => k.baseline.as_deref(),
            KpiPart::Target => k.target.as_deref(),
        }
    }
}

/// Something extraction had to infer for a field, kept so that a reader can judge a value.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct ExtractionNote {
    /// The field the note is about ([`FieldPath::Whole`], serialized `""`, for the whole row
    /// or card).
    pub field: FieldPath,
    /// One sentence, e.g. "vertical text read top to bottom", "merged cell R6–R8".
    pub note: String,
}

/// One fiscal year column of a card's schedule.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct ScheduleEntry {
    /// Fiscal year label, e.g. `R4`.
    pub fy: FiscalYear,
    /// Label of the arrow/cell covering that year (`協議`, `実施`), `None` if none printed.
    pub phase: Option<String>,
    /// Amount in 千円, `None` for an empty or dash cell.
    pub amount: Option<ThousandYen>,
}

pub(crate) use crate::normalize::group_digits;
pub use crate::normalize::{EditionDate, FiscalYear, ThousandYen};

/// One side of 役割・費用負担: its label as printed and its bullets.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct RoleSide {
    /// The label read from the document (`三原市`, `連携市町`).
    pub label: String,
    /// Bullets, marker removed.
    pub bullets: Vec<String>,
}

/// 役割・費用負担: the lead city's side and the partners' side.
///
/// Serialized as the map `{lead.label: lead.bullets, partners.label: partners.bullets}` in that
/// order; a side with an empty label is omitted. Reading takes the first key as the lead side.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Roles {
    /// The lead city (連携中枢都市).
    pub lead: RoleSide,
    /// The partner municipalities.
    pub partners: RoleSide,
}

impl Roles {
    /// The printed sides in document order.
    pub fn sides(&self) -> impl Iterator<Item = &RoleSide> {
        [&self.lead, &self.partners]
            .into_iter()
            .filter(|s| !s.label.is_empty())
    }
}

impl Serialize for Roles {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let sides: Vec<&RoleSide> = self.sides().collect();
        let mut m = s.serialize_map(Some(sides.len()))?;
        for side in sides {
            m.serialize_entry(&side.label, &side.bullets)?;
        }
        m.end()
    }
}

/// The schema of the serialized map: at most two sides, each a label → its bullets.
impl schemars::JsonSchema for Roles {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Roles".into()
    }

    fn json_schema(g: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "description": "役割・費用負担: {lead label: bullets, partners label: bullets}, lead side first; a side without a label is omitted.",
            "type": "object",
            "maxProperties": 2,
            "additionalProperties": g.subschema_for::<Vec<String>>(),
        })
    }
}

impl<'de> Deserialize<'de> for Roles {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct RolesVisitor;
        impl<'de> Visitor<'de> for RolesVisitor {
            type Value = Roles;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a map of at most two role sides (lead city first)")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Roles, A::Error> {
                // The map is read in document order (serde_json hands entries over as they
                // appear), which is what tells the lead side from the partners' side.
                let mut roles = Roles::default();
                let mut n = 0;
                while let Some((label, bullets)) = map.next_entry::<String, Vec<String>>()? {
                    let side = RoleSide { label, bullets };
                    match n {
                        0 => roles.lead = side,
                        1 => roles.partners = side,
                        _ => return Err(de::Error::invalid_length(n + 1, &self)),
                    }
                    n += 1;
                }
                Ok(roles)
            }
        }
        d.deserialize_map(RolesVisitor)
    }
}

/// One KPI row.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Kpi {
    /// 指標.
    pub indicator: String,
    /// 基準値 / 現状値 with its period (`1,800人 (令和2年度)`), `None` for a dash.
    pub baseline: Option<String>,
    /// 目標値 with its period, `None` for a dash.
    pub target: Option<String>,
}

/// A 【参考】 project (圏域間連携事業).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct ReferenceProject {
    /// Name.
    pub name: String,
    /// 事業目的.
    pub purpose: String,
    /// 事業内容 bullets.
    pub content: Vec<String>,
}

#[cfg(test)]
mod tests {
    use super::*;

    const CARD: &str = r#"{"name": "A", "role": "r", "initiative": "i", "page_ref": 3,
      "matrix_partners": ["三原市"],
      "card": {"partners": ["三原市"], "all_partners": false, "purpose": "p", "content": ["c"],
        "schedule": [{"fy": "R4", "phase": null, "amount": 15000}, {"fy": "R5", "phase": "実施", "amount": null}],
        "total": 15000, "roles": {"府中市": ["x"], "連携市町": ["y", "z"]},
        "kpis": [{"indicator": "k", "baseline": null, "target": "1 (令和8年度)"}],
        "marked_changes": []}}"#;

    #[test]
    fn reads_truth_project_and_keeps_role_order() {
        let p: Project = serde_json::from_str(CARD).expect("truth project parses");
        let card = p.card.as_ref().expect("card");
        assert_eq!(card.roles.lead.label, "府中市");
        assert_eq!(card.roles.partners.bullets, vec!["y", "z"]);
        assert_eq!(card.schedule[0].amount, Some(ThousandYen(15000)));
        assert_eq!(card.schedule[1].phase.as_deref(), Some("実施"));
        assert_eq!(p.source, None);
        let back = serde_json::to_string(&card.roles).expect("serializes");
        assert_eq!(back, r#"{"府中市":["x"],"連携市町":["y","z"]}"#);
    }

    #[test]
    fn partners_read_as_strings_or_objects_and_write_objects() {
        let ms: Vec<Municipality> =
            serde_json::from_str(r#"["尾道市", {"name": "世羅町", "code": "344621"}]"#)
                .expect("parses");
        assert_eq!(ms[0], Municipality::named("尾道市"));
        assert_eq!(ms[1].code.map(|c| c.to_string()).as_deref(), Some("344621"));
        assert_eq!(
            serde_json::to_string(&ms).expect("serializes"),
            r#"[{"name":"尾道市"},{"name":"世羅町","code":"344621"}]"#
        );
    }

    #[test]
    fn three_role_sides_are_rejected() {
        let r: Result<Roles, _> = serde_json::from_str(r#"{"a": [], "b": [], "c": []}"#);
        assert!(r.is_err());
    }

    #[test]
    fn fiscal_years_and_amounts() {
        let fy: FiscalYear = serde_json::from_str("\"H31\"").expect("fy");
        assert_eq!(fy, FiscalYear(2019));
        assert_eq!(serde_json::to_string(&fy).expect("json"), "\"R1\"");
        assert_eq!(group_digits(13_628_000), "13,628,000");
        assert_eq!(group_digits(-3000), "-3,000");
        assert_eq!(group_digits(150), "150");
        assert_eq!(ThousandYen(12000).to_string(), "12,000千円");
    }

    #[test]
    fn output_has_schema_and_truth_paths() {
        let plan = Plan {
            schema: RECORDS_SCHEMA.into(),
            version: "v".into(),
            title: "t".into(),
            edition: "e".into(),
            edition_date: None,
            excerpt: false,
            declared_project_count: Some(1),
            partners: vec![Municipality::named("三原市")],
            projects: vec![serde_json::from_str(CARD).expect("parses")],
            reference_projects: vec![],
            warnings: vec![],
        };
        let v: serde_json::Value = serde_json::to_value(&plan).expect("serializes");
        assert_eq!(v["schema"], "kaitei.records/1");
        assert_eq!(v["projects"][0]["card"]["schedule"][0]["amount"], 15000);
        assert_eq!(v["projects"][0]["card"]["roles"]["府中市"][0], "x");
        assert!(v["projects"][0].get("source").is_none());
    }
}
