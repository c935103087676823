//! Versioned upgrades of stored records, one pure step per schema version.
//!
//! Storage adapters keep the version their records are at and run
//! [`upgrade_customer_record`] on every record in one transaction, so a crash in the
//! middle leaves the old records and the old version number, and the upgrade simply
//! runs again on the next start.
//!
//! Version history:
//! - v1 (first build): flat customer `{id, name, email, phone, country, stage, tags,
//!   is_company, company_contact, notes, created_at, updated_at}`, tags as one comma
//!   string, stages `prospect | customer | regular | lost`.
//! - v2: the current [`Customer`](crate::domain::customers::Customer): profile per kind, the
//!   seven flow-model stages with history, revision counter, time zone and language.
//! - v3: new stores only (cost-to-serve entries, tier changes, settings); customer
//!   records are unchanged, so no record step runs.
//! - v4: new stores only (complaints, contacts, follow-ups, complaint drafts).
//! - v5: a new store only (`reply_edits`, the team's reply texts).
//! - v6: new stores only (`order_facts`, the orders' compact facts kept beside them,
//!   and the list's order).
//! - v7: a store replaced (`first_page` for `customer_order`); records unchanged.
//! - v8: a new store only (`customer_summaries`, what search needs at start, kept
//!   beside the customers); records unchanged.

use serde_json::{json, Map, Value};
use thiserror::Error;

use crate::domain::customers::Customer;

/// The record version this build writes.
pub const CURRENT_RECORDS_VERSION: u32 = 9;

#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum RecordMigrationError {
    #[error("record is not a JSON object")]
    NotAnObject,
    #[error("record has no usable {0}")]
    MissingField(&'static str),
    #[error("cannot upgrade from version {0}: this build only knows versions 1 to {CURRENT_RECORDS_VERSION}")]
    UnknownVersion(u32),
    #[error("record does not fit the current format: {0}")]
    Shape(String),
}

type Step = fn(Map<String, Value>) -> Result<Map<String, Value>, RecordMigrationError>;

/// `STEPS[i]` upgrades a record from version `i + 1` to `i + 2`; `None` where that
/// version changed no customer record.
const STEPS: &[Option<Step>] = &[
    Some(customer_v1_to_v2),
    None,
    None,
    None,
    None,
    None,
    None,
    None,
];

/// Whether records stored at `from_version` need rewriting to reach the current version.
pub fn records_need_rewrite(from_version: u32) -> bool {
    from_version >= 1
        && STEPS
            .iter()
            .skip(from_version as usize - 1)
            .any(Option::is_some)
}

/// Upgrades one stored customer record from `from_version` to the current version.
pub fn upgrade_customer_record(
    record: Value,
    from_version: u32,
) -> Result<Value, RecordMigrationError> {
    if from_version == 0 || from_version > CURRENT_RECORDS_VERSION {
        return Err(RecordMigrationError::UnknownVersion(from_version));
    }
    let Value::Object(mut map) = record else {
        return Err(RecordMigrationError::NotAnObject);
    };
    for step in STEPS[(from_version as usize - 1)..].iter().flatten() {
        map = step(map)?;
    }
    Ok(Value::Object(map))
}

/// Reads a stored record of the current version into a [`Customer`].
pub fn restore_customer(record: Value) -> Result<Customer, RecordMigrationError> {
    serde_json::from_value(record).map_err(|e| RecordMigrationError::Shape(e.to_string()))
}

fn text(map: &Map<String, Value>, key: &str) -> String {
    map.get(key)
        .and_then(Value::as_str)
        .unwrap_or_default()
        .trim()
        .to_owned()
}

fn customer_v1_to_v2(v1: Map<String, Value>) -> Result<Map<String, Value>, RecordMigrationError> {
    let id = text(&v1, "id");
    if id.is_empty() {
        return Err(RecordMigrationError::MissingField("id"));
    }
    let name = text(&v1, "name");
    if name.is_empty() {
        return Err(RecordMigrationError::MissingField("name"));
    }
    let created_at = v1
        .get("created_at")
        .and_then(Value::as_str)
        .ok_or(RecordMigrationError::MissingField("created_at"))?
        .to_owned();
    let updated_at = v1
        .get("updated_at")
        .and_then(Value::as_str)
        .map(str::to_owned)
        .unwrap_or_else(|| created_at.clone());
    // v1 knew four stages; map each to the nearest flow-model stage.
    let stage = match text(&v1, "stage").as_str() {
        "prospect" | "" => "potential",
        "customer" => "first_time",
        "regular" => "repeat",
        "lost" => "lost",
        _ => return Err(RecordMigrationError::MissingField("stage")),
    };
    let tags: Vec<String> = text(&v1, "tags")
        .split(',')
        .map(str::trim)
        .filter(|t| !t.is_empty())
        .map(str::to_owned)
        .collect();
    let is_company = v1
        .get("is_company")
        .and_then(Value::as_bool)
        .unwrap_or(false);
    let profile = if is_company {
        let contact = text(&v1, "company_contact");
        let contacts = if contact.is_empty() {
            json!([])
        } else {
            json!([{ "name": contact, "role": "other", "email": "", "phone": "" }])
        };
        json!({ "kind": "company", "contacts": contacts })
    } else {
        json!({ "kind": "individual" })
    };
    let v2 = json!({
        "id": id,
        "name": name,
        "email": text(&v1, "email"),
        "phone": text(&v1, "phone"),
        "messaging": "",
        "country": text(&v1, "country").to_ascii_uppercase(),
        "language": "",
        "time_zone": "",
        "address": "",
        "tags": tags,
        "notes": text(&v1, "notes"),
        "lead_source": null,
        "profile": profile,
        "stage": stage,
        "stage_history": [],
        "created_at": created_at,
        "updated_at": updated_at,
        "last_contact_at": null,
        "revision": 0,
    });
    match v2 {
        Value::Object(map) => Ok(map),
        _ => Err(RecordMigrationError::NotAnObject),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::customers::RelationshipStage;
    use crate::domain::customers::{CustomerKind, Profile};

    fn v1_company() -> Value {
        json!({
            "id": "c-1",
            "name": "Nova Trading",
            "email": "sales@nova.example",
            "phone": "+49 30 1234567",
            "country": "de",
            "stage": "regular",
            "tags": "wholesale, toys,,",
            "is_company": true,
            "company_contact": "Anna Weber",
            "notes": "Pays on time",
            "created_at": "2025-01-02T03:04:05Z",
            "updated_at": "2025-02-03T04:05:06Z"
        })
    }

    #[test]
    fn v1_company_upgrades_with_every_value_kept() {
        let upgraded = upgrade_customer_record(v1_company(), 1).unwrap();
        let c = restore_customer(upgraded).unwrap();
        assert_eq!(c.id.as_str(), "c-1");
        assert_eq!(c.name, "Nova Trading");
        assert_eq!(c.email, "sales@nova.example");
        assert_eq!(c.phone, "+49 30 1234567");
        assert_eq!(c.country, "DE");
        assert_eq!(c.stage, RelationshipStage::Repeat);
        assert_eq!(c.tags, ["wholesale", "toys"]);
        assert_eq!(c.notes, "Pays on time");
        assert_eq!(c.kind(), CustomerKind::Company);
        let Profile::Company(p) = &c.profile else {
            panic!("company expected")
        };
        assert_eq!(p.contacts.len(), 1);
        assert_eq!(p.contacts[0].name, "Anna Weber");
        assert_eq!(c.created_at.to_rfc3339(), "2025-01-02T03:04:05+00:00");
        assert_eq!(c.updated_at.to_rfc3339(), "2025-02-03T04:05:06+00:00");
        assert_eq!(c.revision, 0);
    }

    #[test]
    fn v1_individual_without_optional_fields_upgrades() {
        let record = json!({"id": "p", "name": "Ana", "country": "es", "created_at": "2025-01-02T03:04:05Z"});
        let c = restore_customer(upgrade_customer_record(record, 1).unwrap()).unwrap();
        assert_eq!(c.kind(), CustomerKind::Individual);
        assert_eq!(c.stage, RelationshipStage::Potential);
        assert_eq!(c.updated_at, c.created_at);
        assert!(c.tags.is_empty());
    }

    #[test]
    fn each_v1_stage_maps_to_a_flow_stage() {
        for (old, new) in [
            ("prospect", "potential"),
            ("customer", "first_time"),
            ("regular", "repeat"),
            ("lost", "lost"),
        ] {
            let mut record = v1_company();
            record["stage"] = json!(old);
            let up = upgrade_customer_record(record, 1).unwrap();
            assert_eq!(up["stage"], json!(new));
        }
    }

    #[test]
    fn broken_records_are_reported_not_guessed() {
        assert_eq!(
            upgrade_customer_record(json!([1, 2]), 1),
            Err(RecordMigrationError::NotAnObject)
        );
        let mut no_id = v1_company();
        no_id["id"] = json!("  ");
        assert_eq!(
            upgrade_customer_record(no_id, 1),
            Err(RecordMigrationError::MissingField("id"))
        );
        let mut odd_stage = v1_company();
        odd_stage["stage"] = json!("vip");
        assert_eq!(
            upgrade_customer_record(odd_stage, 1),
            Err(RecordMigrationError::MissingField("stage"))
        );
        assert_eq!(
            upgrade_customer_record(v1_company(), 0),
            Err(RecordMigrationError::UnknownVersion(0))
        );
        assert_eq!(
            upgrade_customer_record(v1_company(), CURRENT_RECORDS_VERSION + 1),
            Err(RecordMigrationError::UnknownVersion(
                CURRENT_RECORDS_VERSION + 1
            ))
        );
    }

    #[test]
    fn current_records_pass_through_unchanged() {
        let up = upgrade_customer_record(v1_company(), 1).unwrap();
        assert_eq!(
            upgrade_customer_record(up.clone(), CURRENT_RECORDS_VERSION).unwrap(),
            up
        );
    }

    #[test]
    fn only_versions_with_record_steps_need_a_rewrite() {
        assert!(records_need_rewrite(1));
        assert!(!records_need_rewrite(2), "v3 only added stores");
        assert!(!records_need_rewrite(CURRENT_RECORDS_VERSION));
        assert_eq!(
            STEPS.len() as u32,
            CURRENT_RECORDS_VERSION - 1,
            "one step per version"
        );
    }

    #[test]
    fn restore_reports_shape_problems() {
        assert!(matches!(
            restore_customer(json!({"id": "x"})),
            Err(RecordMigrationError::Shape(_))
        ));
    }
}
