use chrono::{TimeZone, Utc};

use super::*;
use crate::domain::customers::{Customer, CustomerId};
use crate::domain::exchange::backup::SettingRecord;

fn customer(id: &str, name: &str) -> Customer {
    let at = Utc
        .with_ymd_and_hms(2026, 11, 30, 9, 0, 0)
        .single()
        .expect("valid");
    Customer::minimal(CustomerId(id.into()), name, "ES", at)
}

fn setting(key: &str, json: &str) -> SettingRecord {
    SettingRecord {
        key: key.into(),
        json: json.into(),
    }
}

fn docs(data: &BackupData) -> BTreeMap<String, Value> {
    replicated_docs(data).expect("replicable")
}

#[test]
fn per_device_settings_and_drafts_do_not_replicate() {
    let data = BackupData {
        customers: vec![customer("a", "Ana")],
        settings: vec![
            setting("response_targets", r#"{"first_reply_hours":24}"#),
            setting("ui_language", r#""zh""#),
        ],
        ..BackupData::default()
    };
    let ids: Vec<String> = docs(&data).into_keys().collect();
    assert_eq!(ids, ["customer:a", "setting:response_targets"]);
    assert!(is_team_setting("value_settings"));
    assert!(!is_team_setting("ui_language"));
}

#[test]
fn a_change_to_a_local_field_is_no_change() {
    let before = BackupData {
        customers: vec![customer("a", "Ana"), customer("b", "Ben")],
        ..BackupData::default()
    };
    let mut after = before.clone();
    // The tab lock and the last contact stay on this device.
    after.customers[0].revision += 1;
    after.customers[0].last_contact_at = Some(after.customers[0].created_at);
    assert!(changed_docs(&docs(&before), &docs(&after)).is_empty());
    after.customers[1].name = "Benedikt".into();
    assert_eq!(
        changed_docs(&docs(&before), &docs(&after)),
        BTreeSet::from(["customer:b".to_owned()])
    );
}

#[test]
fn added_and_removed_documents_are_changes() {
    let before = BackupData {
        customers: vec![customer("a", "Ana"), customer("b", "Ben")],
        ..BackupData::default()
    };
    let after = BackupData {
        customers: vec![customer("b", "Ben"), customer("c", "Carla")],
        ..BackupData::default()
    };
    assert_eq!(
        changed_docs(&docs(&before), &docs(&after)),
        BTreeSet::from(["customer:a".to_owned(), "customer:c".to_owned()])
    );
}

#[test]
fn a_team_setting_that_is_not_json_is_an_error_naming_it() {
    let data = BackupData {
        settings: vec![setting("value_settings", "{not json")],
        ..BackupData::default()
    };
    let error = replicated_docs(&data).expect_err("not JSON");
    assert!(
        error.to_string().contains("setting:value_settings"),
        "{error}"
    );
}
