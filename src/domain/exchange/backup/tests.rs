use super::*;
use chrono::{DateTime, Utc};

use serde_json::Value;
use sha2::{Digest, Sha256};

use crate::domain::complaints::{Complaint, ComplaintDraft};
use crate::domain::complaints::{
    ComplaintCause, ComplaintState, ComplaintStateChange, Remedy, RemedyKind, WizardStep,
};
use crate::domain::contacts::{Contact, FollowUp};
use crate::domain::contacts::{ContactChannel, Direction};
use crate::domain::customers::Customer;
use crate::domain::customers::{
    CompanyProfile, ContactPerson, ContactRole, CustomerId, LeadSource, Profile,
};
use crate::domain::customers::{RelationshipStage, StageChange};
use crate::domain::exchange::record_migrations::CURRENT_RECORDS_VERSION;
use crate::domain::orders::{CostEntry, Order};
use crate::domain::orders::{CostKind, CurrencyCode, Money, OrderStatus};
use crate::domain::value::TierChange;
use crate::domain::value::{RankBy, ValueTier};
use chrono::{Duration, NaiveDate};
use serde_json::json;

const XSS: &str = "<img src=x onerror=alert(1)>";

#[cfg(not(target_arch = "wasm32"))]
mod fuzz;

fn at(text: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(text)
        .expect("test time")
        .with_timezone(&Utc)
}

fn day(text: &str) -> NaiveDate {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").expect("test date")
}

fn currency(code: &str) -> CurrencyCode {
    CurrencyCode::parse(code).expect("test currency")
}

fn customer_id(id: &str) -> CustomerId {
    CustomerId(id.to_owned())
}

fn order(id: &str, customer: &str, minor: i64) -> Order {
    Order {
        id: id.to_owned(),
        customer_id: customer_id(customer),
        number: id.rsplit(':').next().unwrap_or_default().to_owned(),
        channel: "amazon".to_owned(),
        placed_on: day("2026-01-02"),
        total: Money::new(minor, currency("EUR")),
        status: OrderStatus::Delivered,
        cost_of_goods: i64::MIN,
        shipping_cost: 0,
        discount: 1,
        refunded: i64::MAX,
        details: Default::default(),
    }
}

/// Records in every store, with unicode, HTML payloads and extreme amounts.
fn sample_data() -> BackupData {
    let created = at("2025-03-04T05:06:07Z");
    let mut ana = Customer::minimal(customer_id("c-ana"), "Ana Núñez 王小明 🚀", "ES", created);
    ana.notes = XSS.to_owned();
    ana.tags = vec!["vip".to_owned(), "\"quoted\" & <b>bold</b>".to_owned()];
    ana.stage = RelationshipStage::FirstTime;
    ana.stage_history = vec![StageChange {
        from: RelationshipStage::Potential,
        to: RelationshipStage::FirstTime,
        at: at("2025-04-01T10:00:00.123456789Z"),
        reason: "first order ✓\n\u{0}\u{1f}".to_owned(),
        loss_cause: None,
    }];
    ana.last_contact_at = Some(at("2026-01-05T08:00:00Z"));
    ana.revision = u32::MAX;

    let mut nova = Customer::minimal(customer_id("c-nova"), "Nova Trading GmbH", "DE", created);
    nova.profile = Profile::Company(CompanyProfile {
        founded_year: Some(1999),
        founded_on: None,
        employees: Some(40),
        contacts: vec![ContactPerson {
            name: "Anna Weber".to_owned(),
            role: ContactRole::Purchaser,
            email: "a@nova.example".to_owned(),
            phone: String::new(),
        }],
        ..CompanyProfile::default()
    });
    nova.lead_source = Some(LeadSource::MeetingsAndFairs);
    nova.stage = RelationshipStage::Repeat;

    let mut complaint = Complaint::open("cmp-1".to_owned(), customer_id("c-ana"), created);
    complaint.state = ComplaintState::InProgress;
    complaint.history = vec![ComplaintStateChange {
        from: ComplaintState::Open,
        to: ComplaintState::InProgress,
        at: at("2025-03-05T00:00:00Z"),
    }];
    complaint.customer_words = format!("<script>alert('x')</script> ¡Llegó roto! {XSS}");
    complaint.cause = Some(ComplaintCause::Logistics);
    complaint.remedy = Some(Remedy {
        kind: RemedyKind::PartialRefund,
        amount: Some(Money::new(1250, currency("EUR"))),
        note: "半额退款".to_owned(),
    });
    complaint.satisfaction = Some(5);

    BackupData {
        customers: vec![nova, ana],
        orders: vec![
            order("amazon:1", "c-ana", i64::MAX),
            // An orphan: its customer is not in the backup.
            order("ebay:2", "c-gone", i64::MIN),
        ],
        costs: vec![CostEntry {
            id: "cost-1".to_owned(),
            customer_id: customer_id("c-ana"),
            on: day("2026-01-03"),
            kind: CostKind::Compensation,
            amount: Money::new(9_007_199_254_740_993, currency("JPY")),
            note: format!("送料 {XSS}"),
        }],
        tier_changes: vec![TierChange {
            id: "c-ana@1".to_owned(),
            customer_id: customer_id("c-ana"),
            at: at("2026-01-01T00:00:00Z"),
            period: "2025-01-01 – 2025-12-31".to_owned(),
            from: Some(ValueTier::Major),
            to: ValueTier::Vip,
            rank: 1,
            rank_by: RankBy::Profit,
        }],
        settings: vec![
            SettingRecord {
                key: "locale".to_owned(),
                json: "\"pt-BR\"".to_owned(),
            },
            SettingRecord {
                key: "backup.last".to_owned(),
                json: "{\"at\":\"2026-01-01T00:00:00Z\",\"note\":\"<b>\"}".to_owned(),
            },
        ],
        complaints: vec![complaint],
        contacts: vec![Contact {
            id: "ct-1".to_owned(),
            customer_id: customer_id("c-ana"),
            at: at("2026-01-04T12:00:00Z"),
            channel: ContactChannel::PlatformMessage,
            direction: Direction::Inbound,
            rep: "Lía".to_owned(),
            summary: XSS.to_owned(),
            outcome: String::new(),
            next_step: "call back ☎".to_owned(),
            complaint_id: Some("cmp-1".to_owned()),
            satisfaction: None,
            follow_up_id: None,
            review: None,
            occasion: None,
        }],
        follow_ups: vec![FollowUp {
            id: "fu-1".to_owned(),
            customer_id: customer_id("c-ana"),
            rep: "Lía".to_owned(),
            due_at: at("2026-01-10T09:30:00Z"),
            duration_minutes: 30,
            purpose: "Check the refund arrived 💶".to_owned(),
            complaint_id: Some("cmp-1".to_owned()),
            done_at: None,
            created_at: created,
            talking_points: String::new(),
            materials: String::new(),
            kind: crate::domain::contacts::FollowUpKind::General,
        }],
        complaint_drafts: vec![ComplaintDraft {
            complaint_id: "cmp-1".to_owned(),
            step: WizardStep::Remedy,
            customer_words: XSS.to_owned(),
            remedy_amount: "12,50".to_owned(),
            ..ComplaintDraft::default()
        }],
        reply_edits: vec![crate::domain::replies::ReplyEdit {
            id: "re-1".to_owned(),
            at: created,
            change: crate::domain::replies::ReplyChange::Text {
                scenario: "win_back".to_owned(),
                language: "de".to_owned(),
                text: format!("Hallo {{buyer_name}} {XSS}"),
            },
        }],
    }
}

fn normalised(mut data: BackupData) -> BackupData {
    data.normalise();
    data
}

fn export_time() -> DateTime<Utc> {
    at("2026-02-03T04:05:06.789Z")
}

fn sample_export() -> String {
    export_backup(&sample_data(), export_time()).expect("sample exports")
}

fn document(text: &str) -> Value {
    serde_json::from_str(text).expect("test JSON")
}

/// Edits a parsed file and recomputes its checksum, as a careful forger would:
/// to reach the checks that come after the checksum.
fn resealed(mut file: Value, edit: impl FnOnce(&mut Value)) -> String {
    edit(&mut file["data"]);
    let checksum = match &file["data"] {
        Value::Object(data) => data_checksum(data).expect("checksum"),
        _ => panic!("data must stay an object"),
    };
    file["checksum"] = json!(checksum);
    file.to_string()
}

fn sealed(schema_version: u32, data: Value) -> String {
    let file = json!({
        "format": BACKUP_FORMAT,
        "format_version": 1,
        "schema_version": schema_version,
        "exported_at": "2024-05-06T07:08:09Z",
        "checksum": "",
        "data": {},
    });
    resealed(file, |slot| *slot = data)
}

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

fn v1_individual() -> Value {
    json!({"id": "p", "name": "Ana", "country": "es", "created_at": "2025-01-02T03:04:05Z"})
}

fn current_customer_record(id: &str) -> Value {
    serde_json::to_value(Customer::minimal(
        customer_id(id),
        "Zoë",
        "FR",
        at("2025-01-01T00:00:00Z"),
    ))
    .expect("customer value")
}

#[test]
fn round_trip_keeps_data_checksum_and_bytes() {
    let first = sample_export();
    let plan = parse_backup(&first).expect("own export parses");
    assert_eq!(plan.data, normalised(sample_data()));
    assert_eq!(plan.exported_at, export_time());
    assert_eq!(plan.schema_version, CURRENT_RECORDS_VERSION);
    assert_eq!(plan.migrated_customers, 0);
    assert_eq!(plan.counts, sample_data().counts());

    let second = export_backup(&plan.data, plan.exported_at).expect("re-export");
    let (first_file, second_file) = (document(&first), document(&second));
    assert_eq!(first_file["data"], second_file["data"]);
    assert_eq!(first_file["checksum"], second_file["checksum"]);
    assert_eq!(first, second);
}

#[test]
fn extreme_values_survive_exactly() {
    let plan = parse_backup(&sample_export()).expect("parses");
    let amounts: Vec<i64> = plan.data.orders.iter().map(|o| o.total.minor).collect();
    assert_eq!(amounts, [i64::MAX, i64::MIN]);
    assert_eq!(plan.data.costs[0].amount.minor, 9_007_199_254_740_993);
    assert_eq!(plan.data.customers[0].notes, XSS);
    assert_eq!(plan.data.customers[0].name, "Ana Núñez 王小明 🚀");
    assert_eq!(plan.data.customers[0].revision, u32::MAX);
}

#[test]
fn file_has_the_documented_envelope() {
    let file = document(&sample_export());
    assert_eq!(file["format"], json!(BACKUP_FORMAT));
    assert_eq!(file["format_version"], json!(1));
    assert_eq!(file["schema_version"], json!(9));
    assert_eq!(file["exported_at"], json!("2026-02-03T04:05:06.789Z"));
    let checksum = file["checksum"].as_str().expect("checksum text");
    let hex = checksum.strip_prefix("sha256:").expect("prefix");
    assert_eq!(hex.len(), 64);
    assert!(hex
        .chars()
        .all(|c| c.is_ascii_digit() || ('a'..='f').contains(&c)));
    assert_eq!(file["counts"]["customers"], json!(2));
    assert_eq!(file["counts"]["complaint_drafts"], json!(1));
    let stores: Vec<&str> = file["data"]
        .as_object()
        .expect("data object")
        .keys()
        .map(String::as_str)
        .collect();
    let mut expected: Vec<&str> = Store::ALL.into_iter().map(Store::name).collect();
    expected.sort_unstable();
    assert_eq!(stores, expected, "data keys must be the store names");
}

#[test]
fn checksum_is_sha256_of_compact_sorted_data() {
    let empty = export_backup(&BackupData::default(), export_time()).expect("exports");
    let file = document(&empty);
    // `printf %s '<data below>' | sha256sum`
    assert_eq!(
        serde_json::to_string(&file["data"]).expect("data text"),
        r#"{"complaint_drafts":[],"complaints":[],"contacts":[],"costs":[],"customers":[],"follow_ups":[],"orders":[],"reply_edits":[],"settings":[],"tier_changes":[]}"#
    );
    assert_eq!(
        file["checksum"],
        json!("sha256:1f68cf91da6510f52b4eb9ae634435bcbbcea4b60c3b0ae02e93dada6b67ecc5")
    );
}

#[test]
fn input_order_does_not_change_the_bytes() {
    let mut reordered = sample_data();
    reordered.customers.reverse();
    reordered.orders.reverse();
    reordered.settings.reverse();
    assert_ne!(reordered, sample_data());
    assert_eq!(
        export_backup(&reordered, export_time()).expect("exports"),
        sample_export()
    );
}

#[test]
fn truncated_file_is_reported_as_cut_off() {
    let text = sample_export();
    let data_start = text.find("\"data\"").expect("data key");
    for cut in [
        0,
        1,
        text.len() / 3,
        data_start,
        data_start + 20,
        text.len() - 1,
    ] {
        let cut_text = text.get(..cut).expect("ASCII cut point");
        match parse_backup(cut_text) {
            Err(BackupError::NotABackup(NotABackupReason::CutOff)) => {}
            other => panic!("cut at {cut}: {other:?}"),
        }
    }
}

#[test]
fn changed_character_inside_data_is_a_checksum_mismatch() {
    let text = sample_export();
    for (from, to) in [
        ("Nova Trading GmbH", "Nova Trading GmbX"),
        ("9007199254740993", "9007199254740992"),
        (" onerror=", " Onerror="),
        ("\"stage\":\"repeat\"", "\"stage\":\"loyal\""),
    ] {
        assert!(text.contains(from), "{from}");
        let damaged = text.replacen(from, to, 1);
        assert_eq!(
            parse_backup(&damaged),
            Err(BackupError::ChecksumMismatch),
            "{from}"
        );
    }
}

#[test]
fn changes_outside_data_do_not_touch_the_checksum() {
    let mut file = document(&sample_export());
    file["counts"] = json!({"customers": 999});
    file["exported_at"] = json!("2030-01-01T00:00:00+02:00");
    let plan = parse_backup(&file.to_string()).expect("parses");
    assert_eq!(plan.counts.customers, 2, "counts come from the data");
    assert_eq!(plan.exported_at, at("2029-12-31T22:00:00Z"));
}

#[test]
fn checksum_is_required_and_must_match() {
    let mut file = document(&sample_export());
    file.as_object_mut().expect("object").remove("checksum");
    assert!(matches!(
        parse_backup(&file.to_string()),
        Err(BackupError::NotABackup(NotABackupReason::Missing(
            FilePart::Checksum
        )))
    ));
    file["checksum"] = json!(42);
    assert!(matches!(
        parse_backup(&file.to_string()),
        Err(BackupError::NotABackup(NotABackupReason::Malformed(
            FilePart::Checksum
        )))
    ));
    for wrong in [
        "",
        "sha256:",
        "sha256:0000000000000000000000000000000000000000000000000000000000000000",
    ] {
        file["checksum"] = json!(wrong);
        assert_eq!(
            parse_backup(&file.to_string()),
            Err(BackupError::ChecksumMismatch),
            "{wrong:?}"
        );
    }
    let good = document(&sample_export())["checksum"].clone();
    let upper = good.as_str().expect("text").to_uppercase();
    file["checksum"] = json!(upper);
    assert_eq!(
        parse_backup(&file.to_string()),
        Err(BackupError::ChecksumMismatch)
    );
}

#[test]
fn foreign_files_are_not_backups() {
    let mut file = document(&sample_export());
    file["format"] = json!("some-other-crm");
    for text in [
        file.to_string(),
        "[]".to_owned(),
        "42".to_owned(),
        "not json".to_owned(),
        "{}".to_owned(),
        String::new(),
    ] {
        assert!(
            matches!(parse_backup(&text), Err(BackupError::NotABackup(_))),
            "{text:.40}"
        );
    }
    let mut no_data = document(&sample_export());
    no_data.as_object_mut().expect("object").remove("data");
    assert!(matches!(
        parse_backup(&no_data.to_string()),
        Err(BackupError::NotABackup(NotABackupReason::Missing(
            FilePart::Data
        )))
    ));
    let mut bad_time = document(&sample_export());
    bad_time["exported_at"] = json!("yesterday");
    assert!(matches!(
        parse_backup(&bad_time.to_string()),
        Err(BackupError::NotABackup(NotABackupReason::Malformed(
            FilePart::ExportedAt
        )))
    ));
    assert_eq!(
        parse_backup("not json"),
        Err(BackupError::NotABackup(NotABackupReason::NotJson {
            line: 1,
            column: 2
        }))
    );
}

#[test]
fn newer_format_and_schema_are_named() {
    let mut file = document(&sample_export());
    file["format_version"] = json!(2);
    // A newer format may lack everything else; the version must still be reported.
    file.as_object_mut().expect("object").remove("checksum");
    assert_eq!(
        parse_backup(&file.to_string()),
        Err(BackupError::NewerFormat {
            found: 2,
            supported: 1
        })
    );
    file["format_version"] = json!(u64::MAX);
    assert_eq!(
        parse_backup(&file.to_string()),
        Err(BackupError::NewerFormat {
            found: u32::MAX,
            supported: 1
        })
    );

    let mut file = document(&sample_export());
    let newer = CURRENT_RECORDS_VERSION + 1;
    file["schema_version"] = json!(newer);
    assert_eq!(
        parse_backup(&file.to_string()),
        Err(BackupError::NewerSchema {
            found: newer,
            supported: CURRENT_RECORDS_VERSION
        })
    );
    for odd in [json!(0), json!(-1), json!(2.5), json!("4"), Value::Null] {
        file["schema_version"] = odd.clone();
        assert!(
            matches!(
                parse_backup(&file.to_string()),
                Err(BackupError::NotABackup(_))
            ),
            "{odd}"
        );
    }
}

#[test]
fn v1_backup_is_migrated_to_current_customers() {
    let text = sealed(1, json!({"customers": [v1_individual(), v1_company()]}));
    let plan = parse_backup(&text).expect("v1 backup parses");
    assert_eq!(plan.schema_version, 1);
    assert_eq!(plan.migrated_customers, 2);
    assert_eq!(plan.counts.customers, 2);
    assert_eq!(plan.counts.total(), 2);
    let company = &plan.data.customers[0];
    assert_eq!(company.id.as_str(), "c-1", "sorted by id");
    assert_eq!(company.stage, RelationshipStage::Repeat);
    assert_eq!(company.country, "DE");
    assert_eq!(company.tags, ["wholesale", "toys"]);
    assert!(matches!(&company.profile, Profile::Company(p) if p.contacts[0].name == "Anna Weber"));
    assert_eq!(plan.data.customers[1].stage, RelationshipStage::Potential);
    assert!(plan.data.orders.is_empty() && plan.data.complaints.is_empty());

    // The upgraded data exports as a current backup.
    let again = export_backup(&plan.data, plan.exported_at).expect("exports");
    assert_eq!(parse_backup(&again).expect("parses").data, plan.data);
}

#[test]
fn v1_backup_may_list_later_stores_only_empty() {
    let empty_later = sealed(
        1,
        json!({"customers": [v1_individual()], "orders": [], "complaints": []}),
    );
    assert!(parse_backup(&empty_later).is_ok());
    let with_orders = sealed(
        1,
        json!({"customers": [v1_individual()], "orders": [serde_json::to_value(order("a:1", "p", 1)).expect("order")]}),
    );
    assert_eq!(
        parse_backup(&with_orders),
        Err(BackupError::NotABackup(
            NotABackupReason::StoreNewerThanBackup {
                store: "orders".to_owned(),
                schema_version: 1
            }
        ))
    );
}

#[test]
fn v1_customer_that_cannot_be_upgraded_is_a_bad_record() {
    let mut broken = v1_company();
    broken["stage"] = json!("vip");
    let text = sealed(1, json!({"customers": [v1_individual(), broken]}));
    assert!(matches!(
        parse_backup(&text),
        Err(BackupError::BadRecord { store, index: 1, problem: RecordProblem::MissingField(field), .. })
            if store == "customers" && field == "stage"
    ));
}

#[test]
fn v3_backup_keeps_its_stores_and_gains_empty_new_ones() {
    let data = sample_data();
    let text = sealed(
        3,
        json!({
            "customers": [current_customer_record("b"), current_customer_record("a")],
            "orders": data.orders,
            "costs": data.costs,
            "tier_changes": data.tier_changes,
            "settings": data.settings,
        }),
    );
    let plan = parse_backup(&text).expect("v3 backup parses");
    assert_eq!(plan.schema_version, 3);
    assert_eq!(
        plan.migrated_customers, 0,
        "v3 to v4 changed no customer record"
    );
    let ids: Vec<&str> = plan.data.customers.iter().map(|c| c.id.as_str()).collect();
    assert_eq!(ids, ["a", "b"]);
    assert_eq!(plan.data.orders, normalised(sample_data()).orders);
    assert_eq!(plan.counts.settings, 2);
    assert_eq!(plan.counts.complaints + plan.counts.follow_ups, 0);

    let with_contacts = sealed(
        3,
        json!({
            "customers": [], "orders": [], "costs": [], "tier_changes": [], "settings": [],
            "contacts": data.contacts,
        }),
    );
    assert_eq!(
        parse_backup(&with_contacts),
        Err(BackupError::NotABackup(
            NotABackupReason::StoreNewerThanBackup {
                store: "contacts".to_owned(),
                schema_version: 3
            }
        ))
    );
}

#[test]
fn v2_backup_migrates_nothing_but_is_accepted() {
    let text = sealed(
        2,
        json!({"customers": [current_customer_record("x")], "orders": []}),
    );
    let plan = parse_backup(&text).expect("v2 parses");
    assert_eq!((plan.schema_version, plan.migrated_customers), (2, 0));
    let missing_orders = sealed(2, json!({"customers": []}));
    assert_eq!(
        parse_backup(&missing_orders),
        Err(BackupError::NotABackup(NotABackupReason::StoreMissing {
            store: "orders".to_owned()
        }))
    );
}

#[test]
fn bad_record_names_store_and_index() {
    let file = document(&sample_export());
    let text = resealed(file.clone(), |data| {
        data["orders"][1]["total"]["currency"] = json!("euros");
    });
    assert!(matches!(
        parse_backup(&text),
        Err(BackupError::BadRecord { store, index: 1, problem: RecordProblem::InvalidValue, detail })
            if store == "orders" && detail.contains("currency")
    ));

    let text = resealed(file.clone(), |data| {
        data["follow_ups"][0]["due_at"] = json!("soon");
    });
    assert!(matches!(
        parse_backup(&text),
        Err(BackupError::BadRecord { store, index: 0, .. }) if store == "follow_ups"
    ));

    let text = resealed(file.clone(), |data| {
        data["settings"][1]["json"] = json!("{not json");
    });
    assert!(matches!(
        parse_backup(&text),
        Err(BackupError::BadRecord { store, index: 1, problem: RecordProblem::SettingNotJson, .. })
            if store == "settings"
    ));
    let text = resealed(document(&sample_export()), |data| {
        data["orders"][0]
            .as_object_mut()
            .expect("order object")
            .remove("id");
    });
    assert!(matches!(
        parse_backup(&text),
        Err(BackupError::BadRecord { store, index: 0, problem: RecordProblem::MissingField(field), .. })
            if store == "orders" && field == "id"
    ));

    let text = resealed(file, |data| data["costs"] = json!({"id": "x"}));
    assert_eq!(
        parse_backup(&text),
        Err(BackupError::NotABackup(NotABackupReason::StoreNotAList {
            store: "costs".to_owned()
        }))
    );
}

#[test]
fn bad_record_message_is_readable() {
    let error = BackupError::BadRecord {
        store: "orders".to_owned(),
        index: 3,
        problem: RecordProblem::MissingField("id".to_owned()),
        detail: "missing field `id`".to_owned(),
    };
    assert_eq!(
            error.to_string(),
            "record 3 in \"orders\" cannot be read: the field \"id\" is missing or unusable (missing field `id`)"
        );
}

#[test]
fn unknown_store_is_refused_rather_than_dropped() {
    let text = resealed(document(&sample_export()), |data| {
        data["notes"] = json!([{"id": "n-1"}]);
    });
    assert_eq!(
        parse_backup(&text),
        Err(BackupError::NotABackup(NotABackupReason::UnknownStore {
            name: "notes".to_owned()
        }))
    );
}

#[test]
fn duplicate_ids_are_detected_on_parse_and_export() {
    let file = document(&sample_export());
    let text = resealed(file.clone(), |data| {
        let first = data["orders"][0].clone();
        data["orders"]
            .as_array_mut()
            .expect("orders list")
            .push(first);
    });
    assert_eq!(
        parse_backup(&text),
        Err(BackupError::DuplicateId {
            store: "orders".to_owned(),
            id: "amazon:1".to_owned()
        })
    );

    let text = resealed(file, |data| {
        let mut draft = data["complaint_drafts"][0].clone();
        draft["step"] = json!("listen");
        data["complaint_drafts"]
            .as_array_mut()
            .expect("drafts list")
            .insert(0, draft);
    });
    assert_eq!(
        parse_backup(&text),
        Err(BackupError::DuplicateId {
            store: "complaint_drafts".to_owned(),
            id: "cmp-1".to_owned()
        })
    );

    let mut data = sample_data();
    let repeated = data.settings[0].clone();
    data.settings.push(repeated);
    assert_eq!(
        export_backup(&data, export_time()),
        Err(BackupError::DuplicateId {
            store: "settings".to_owned(),
            id: "locale".to_owned()
        })
    );
}

#[test]
fn normalise_sorts_every_store_by_its_key() {
    let mut data = sample_data();
    data.customers.push(Customer::minimal(
        customer_id("a-first"),
        "A",
        "US",
        export_time(),
    ));
    data.normalise();
    let ids: Vec<&str> = data.customers.iter().map(|c| c.id.as_str()).collect();
    assert_eq!(ids, ["a-first", "c-ana", "c-nova"]);
    let keys: Vec<&str> = data.settings.iter().map(|s| s.key.as_str()).collect();
    assert_eq!(keys, ["backup.last", "locale"]);
    assert_eq!(data.counts().total(), 14);
    assert!(!data.is_empty());
    assert!(BackupData::default().is_empty());
}

#[test]
fn reminder_counts_whole_days() {
    let now = at("2026-03-10T12:00:00Z");
    let days_ago =
        |days: i64, hours: i64| Some(now - Duration::days(days) - Duration::hours(hours));

    assert_eq!(
        backup_reminder(None, now, 7, true),
        BackupReminder {
            days_since: None,
            due: true
        }
    );
    assert_eq!(
        backup_reminder(None, now, 7, false),
        BackupReminder {
            days_since: None,
            due: false
        }
    );
    assert_eq!(
        backup_reminder(days_ago(0, 23), now, 7, true),
        BackupReminder {
            days_since: Some(0),
            due: false
        }
    );
    assert_eq!(
        backup_reminder(days_ago(6, 23), now, 7, true),
        BackupReminder {
            days_since: Some(6),
            due: false
        }
    );
    assert_eq!(
        backup_reminder(days_ago(7, 0), now, 7, true),
        BackupReminder {
            days_since: Some(7),
            due: true
        }
    );
    assert_eq!(
        backup_reminder(days_ago(400, 0), now, 7, false),
        BackupReminder {
            days_since: Some(400),
            due: true
        }
    );
}

#[test]
fn reminder_can_be_disabled_and_tolerates_clock_changes() {
    let now = at("2026-03-10T12:00:00Z");
    assert_eq!(
        backup_reminder(None, now, 0, true),
        BackupReminder {
            days_since: None,
            due: false
        }
    );
    assert_eq!(
        backup_reminder(Some(now - Duration::days(900)), now, 0, true),
        BackupReminder {
            days_since: Some(900),
            due: false
        }
    );
    assert_eq!(
        backup_reminder(Some(now + Duration::days(3)), now, 7, true),
        BackupReminder {
            days_since: Some(0),
            due: false
        }
    );
    let extreme = backup_reminder(
        Some(DateTime::<Utc>::MIN_UTC),
        DateTime::<Utc>::MAX_UTC,
        1,
        true,
    );
    assert!(extreme.due, "the widest span of time must not overflow");
}

/// Case counts (fixed with `ProptestConfig::with_cases`, no filtering, so each
/// property runs exactly this many inputs): `arbitrary_text_never_panics` 2048,
/// `replaced_byte_is_caught` 1024, `truncated_backup_is_refused` 512,
/// `spliced_json_value_is_caught` 1024; 4608 in all.
#[cfg(not(target_arch = "wasm32"))]
mod properties {
    use super::*;
    use proptest::prelude::*;
    use proptest::sample::Index;
    use proptest::test_runner::TestCaseError;
    use std::sync::OnceLock;

    /// Quiet: no regression files written, nothing printed.
    fn quiet(cases: u32) -> ProptestConfig {
        let mut config = ProptestConfig::with_cases(cases);
        config.failure_persistence = None;
        config.verbose = 0;
        config
    }

    struct Sample {
        text: String,
        data: BackupData,
        file: Value,
        pointers: Vec<String>,
    }

    fn sample() -> &'static Sample {
        static SAMPLE: OnceLock<Sample> = OnceLock::new();
        SAMPLE.get_or_init(|| {
            let text = sample_export();
            let file = document(&text);
            let mut pointers = Vec::new();
            collect_pointers(&file, String::new(), &mut pointers);
            Sample {
                data: normalised(sample_data()),
                text,
                file,
                pointers,
            }
        })
    }

    fn collect_pointers(value: &Value, here: String, out: &mut Vec<String>) {
        match value {
            Value::Object(map) => {
                for (key, child) in map {
                    let escaped = key.replace('~', "~0").replace('/', "~1");
                    collect_pointers(child, format!("{here}/{escaped}"), out);
                }
            }
            Value::Array(items) => {
                for (position, child) in items.iter().enumerate() {
                    collect_pointers(child, format!("{here}/{position}"), out);
                }
            }
            _ => {}
        }
        out.push(here);
    }

    /// The checksum is what the README documents: SHA-256 of the compact JSON of
    /// `data` with object keys sorted (serde_json's own map is sorted), so any
    /// other tool can verify a backup.
    #[test]
    fn the_checksum_is_the_documented_digest() {
        let data = sample().file["data"]
            .as_object()
            .cloned()
            .unwrap_or_default();
        let compact = serde_json::to_string(&Value::Object(data.clone())).unwrap_or_default();
        let digest: String = Sha256::digest(compact.as_bytes())
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect();
        assert_eq!(
            data_checksum(&data).ok(),
            Some(format!("{CHECKSUM_PREFIX}{digest}"))
        );
        assert_eq!(
            sample().file["checksum"].as_str(),
            Some(format!("{CHECKSUM_PREFIX}{digest}").as_str())
        );
    }

    /// Every store refuses two records with one id, naming that id, and accepts
    /// two records with different ids (so each record type's key is its id).
    #[test]
    fn every_store_refuses_a_repeated_id_and_names_it() {
        let key_field = |store: &str| match store {
            "settings" => "key",
            "complaint_drafts" => "complaint_id",
            _ => "id",
        };
        let reseal = |mut file: Value| -> String {
            let data = file
                .get("data")
                .and_then(Value::as_object)
                .cloned()
                .unwrap_or_default();
            let checksum = data_checksum(&data).unwrap_or_default();
            if let Some(slot) = file.get_mut("checksum") {
                *slot = Value::from(checksum);
            }
            serde_json::to_string(&file).unwrap_or_default()
        };
        let stores: Vec<String> = sample().file["data"]
            .as_object()
            .map(|m| m.keys().cloned().collect())
            .unwrap_or_default();
        let mut tried = 0;
        for store in stores {
            let field = key_field(&store);
            let Some(first) = sample().file["data"][&store].get(0).cloned() else {
                continue;
            };
            let Some(id) = first.get(field).and_then(Value::as_str).map(str::to_owned) else {
                continue;
            };
            tried += 1;
            let mut twice = sample().file.clone();
            if let Some(list) = twice["data"][&store].as_array_mut() {
                list.push(first.clone());
            }
            assert_eq!(
                parse_backup(&reseal(twice)).err(),
                Some(BackupError::DuplicateId {
                    store: store.clone(),
                    id: id.clone()
                }),
                "{store}"
            );
            let mut other = first.clone();
            other[field] = Value::from(format!("{id}-other"));
            let mut distinct = sample().file.clone();
            if let Some(list) = distinct["data"][&store].as_array_mut() {
                list.push(other);
            }
            let parsed = parse_backup(&reseal(distinct));
            assert!(parsed.is_ok(), "{store}: {:?}", parsed.err());
        }
        assert!(tried >= 8, "only {tried} stores had a record to repeat");
    }

    /// Every single value under `data` is covered by the checksum: changing any
    /// one leaf (or dropping any one field) without resealing is refused, every
    /// time, not by chance.
    #[test]
    fn the_checksum_covers_every_leaf_and_field_of_the_data() {
        let sample = sample();
        let mut checked = 0;
        for pointer in sample.pointers.iter().filter(|p| p.starts_with("/data/")) {
            let mut file = sample.file.clone();
            let Some(target) = file.pointer_mut(pointer) else {
                continue;
            };
            let changed = match target {
                Value::String(text) => Value::String(format!("{text}x")),
                Value::Number(n) => Value::from(n.as_i64().map_or(1, |n| n.wrapping_add(1))),
                Value::Bool(b) => Value::Bool(!*b),
                Value::Null => Value::from("x"),
                Value::Array(_) | Value::Object(_) => continue,
            };
            *target = changed;
            let text = serde_json::to_string(&file).unwrap_or_default();
            assert_eq!(
                parse_backup(&text).err(),
                Some(BackupError::ChecksumMismatch),
                "{pointer}"
            );
            checked += 1;
            // The field itself removed, where it is an object's field.
            if let Some((parent, key)) = pointer.rsplit_once('/') {
                let mut file = sample.file.clone();
                if let Some(Value::Object(map)) = file.pointer_mut(parent) {
                    map.remove(key);
                    let text = serde_json::to_string(&file).unwrap_or_default();
                    assert_eq!(
                        parse_backup(&text).err(),
                        Some(BackupError::ChecksumMismatch),
                        "{pointer} removed"
                    );
                }
            }
        }
        assert!(checked > 100, "only {checked} leaves under data");
    }

    /// A mutated file may still be accepted when the change missed `data` (time,
    /// counts, an equivalent escape), but then the data must be the original.
    fn accepted_only_unchanged(text: &str) -> Result<(), TestCaseError> {
        if let Ok(plan) = parse_backup(text) {
            prop_assert_eq!(&plan.data, &sample().data);
        }
        Ok(())
    }

    fn json_value() -> impl Strategy<Value = Value> {
        let leaf = prop_oneof![
            Just(Value::Null),
            any::<bool>().prop_map(Value::Bool),
            any::<i64>().prop_map(Value::from),
            any::<u64>().prop_map(Value::from),
            any::<f64>()
                .prop_map(|f| serde_json::Number::from_f64(f).map_or(Value::Null, Value::Number)),
            any::<String>().prop_map(Value::String),
            prop_oneof![
                Just("2026-01-01T00:00:00Z"),
                Just("EUR"),
                Just("c-ana"),
                Just("amazon:1"),
                Just(""),
            ]
            .prop_map(Value::from),
        ];
        leaf.prop_recursive(3, 24, 4, |inner| {
            prop_oneof![
                prop::collection::vec(inner.clone(), 0..4).prop_map(Value::Array),
                prop::collection::btree_map("[a-z_]{1,8}", inner, 0..4)
                    .prop_map(|map| Value::Object(map.into_iter().collect())),
            ]
        })
    }

    proptest! {
        #![proptest_config(quiet(2048))]
        #[test]
        fn arbitrary_text_never_panics(
            text in prop_oneof![any::<String>(), "[\\[\\]{}\":,0-9a-z_ .-]{0,200}"],
        ) {
            let _ = parse_backup(&text);
        }
    }

    proptest! {
        #![proptest_config(quiet(6))]
        /// A backup whose one line is very long (a note of megabytes) or very wide
        /// (tens of thousands of tags) is read back exactly; hostile shapes (an
        /// array of 200,000 elements, nesting 100,000 deep, a 5 MB string where an
        /// object belongs) are refused without a panic or a stack overflow.
        #[test]
        fn very_long_and_very_wide_backups_round_trip_or_are_refused(
            note_chars in prop::sample::select(vec![0usize, 70_000, 1_500_000]),
            tags in prop::sample::select(vec![0usize, 10, 50_000]),
            hostile in 0usize..4,
        ) {
            let mut data = sample_data();
            data.customers[0].notes = "长".repeat(note_chars);
            data.customers[0].tags = (0..tags).map(|i| format!("t{i}")).collect();
            let exported = export_backup(&data, at("2026-02-01T10:00:00Z"));
            prop_assert!(exported.is_ok());
            let text = exported.unwrap_or_default();
            let plan = parse_backup(&text);
            prop_assert!(plan.is_ok(), "{:?}", plan.err());
            if let Ok(plan) = plan {
                prop_assert_eq!(plan.data, normalised(data));
            }
            let refused = match hostile {
                0 => format!("[{}0]", "0,".repeat(200_000)),
                1 => "[".repeat(100_000),
                2 => text.replacen("\"data\":{", &format!("\"data\":\"{}\",\"x\":{{", "x".repeat(5_000_000)), 1),
                _ => format!("{{{}\"k\":1}}", (0..200_000).map(|i| format!("\"k{i}\":0,")).collect::<String>()),
            };
            prop_assert!(parse_backup(&refused).is_err());
        }
    }

    proptest! {
        #![proptest_config(quiet(1024))]
        #[test]
        fn replaced_byte_is_caught(position in any::<Index>(), byte in any::<u8>()) {
            let mut bytes = sample().text.clone().into_bytes();
            let position = position.index(bytes.len());
            bytes[position] = byte;
            accepted_only_unchanged(&String::from_utf8_lossy(&bytes))?;
        }
    }

    proptest! {
        #![proptest_config(quiet(512))]
        #[test]
        fn truncated_backup_is_refused(cut in any::<Index>()) {
            let text = &sample().text;
            let mut cut = cut.index(text.len());
            while !text.is_char_boundary(cut) {
                cut -= 1;
            }
            prop_assert!(parse_backup(&text[..cut]).is_err());
        }
    }

    proptest! {
        #![proptest_config(quiet(1024))]
        #[test]
        fn spliced_json_value_is_caught(target in any::<Index>(), replacement in json_value()) {
            let sample = sample();
            let pointer = &sample.pointers[target.index(sample.pointers.len())];
            let mut file = sample.file.clone();
            if let Some(slot) = file.pointer_mut(pointer) {
                *slot = replacement;
            }
            accepted_only_unchanged(&file.to_string())?;
        }
    }
}
