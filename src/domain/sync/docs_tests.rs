use chrono::{TimeZone, Utc};
use proptest::prelude::*;
use serde_json::json;

use super::*;
use crate::domain::customers::CustomerId;

fn at() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 30, 9, 12, 0)
        .single()
        .expect("valid")
}

fn rev(text: &str) -> Rev {
    text.parse().expect("valid rev")
}

fn customer() -> Customer {
    let mut customer = Customer::minimal(CustomerId("6f1c".into()), "Ana", "ES", at());
    customer.phone = "+34 600 000 000".into();
    customer.revision = 7;
    customer.last_contact_at = Some(at());
    customer
}

fn live_doc(data: Value) -> SyncDoc {
    SyncDoc {
        id: "customer:6f1c".into(),
        rev: rev("3-9b2e41aa"),
        kind: DocKind::Customer,
        by: "Ana".into(),
        at: at(),
        body: Some(LiveBody {
            schema: CURRENT_RECORDS_VERSION,
            fr: [("phone".to_owned(), "3-9b2e41aa".to_owned())].into(),
            data,
        }),
        revisions: None,
    }
}

#[test]
fn every_kind_round_trips_through_its_id() {
    let mut names = std::collections::BTreeSet::new();
    for kind in DocKind::ALL {
        assert!(
            names.insert(kind.type_name()),
            "{kind:?} has its own prefix"
        );
        assert_eq!(DocKind::from_type_name(kind.type_name()), Some(kind));
        let record = if kind == DocKind::Setting {
            "value_settings"
        } else {
            "r-1"
        };
        let id = kind.doc_id(record);
        assert_eq!(parse_doc_id(&id), Ok((kind, record)));
    }
    assert_eq!(
        DocKind::ALL.map(DocKind::type_name),
        [
            "customer",
            "order",
            "cost",
            "tier",
            "complaint",
            "contact",
            "followup",
            "setting"
        ]
    );
}

#[test]
fn an_order_id_keeps_its_own_colons() {
    assert_eq!(
        parse_doc_id("order:amazon:112-1"),
        Ok((DocKind::Order, "amazon:112-1"))
    );
}

#[test]
fn bad_ids_are_typed_errors() {
    assert_eq!(parse_doc_id(""), Err(DocError::EmptyId));
    for reserved in ["_design/crm", "_local/crm-1", "_customer:x"] {
        assert_eq!(
            parse_doc_id(reserved),
            Err(DocError::ReservedId(reserved.into()))
        );
    }
    assert_eq!(
        parse_doc_id("customer"),
        Err(DocError::UnknownPrefix("customer".into()))
    );
    assert_eq!(
        parse_doc_id("config:schema"),
        Err(DocError::UnknownPrefix("config:schema".into()))
    );
    assert_eq!(
        parse_doc_id("customer:"),
        Err(DocError::EmptyRecordId("customer:".into()))
    );
    assert_eq!(
        parse_doc_id("setting:rhythm_settings"),
        Err(DocError::NotReplicatedSetting(
            "setting:rhythm_settings".into()
        ))
    );
    let long = format!("customer:{}", "x".repeat(MAX_DOC_ID_LEN));
    assert!(matches!(parse_doc_id(&long), Err(DocError::IdTooLong(_))));
}

#[test]
fn a_live_doc_serialises_as_the_design_shows() {
    let doc = live_doc(json!({"id": "6f1c"}));
    assert_eq!(
        doc.to_json(),
        json!({"_id": "customer:6f1c", "_rev": "3-9b2e41aa", "type": "customer",
               "schema": CURRENT_RECORDS_VERSION, "by": "Ana", "at": "2026-11-30T09:12:00Z",
               "fr": {"phone": "3-9b2e41aa"}, "data": {"id": "6f1c"}})
    );
    let text = doc.to_json().to_string();
    assert_eq!(SyncDoc::from_json(&text), Ok(doc));
}

#[test]
fn a_tombstone_carries_no_personal_data() {
    let mut doc = live_doc(json!({"id": "6f1c", "phone": "+34"}));
    doc.body = None;
    let json = doc.to_json();
    let keys: Vec<&str> = json
        .as_object()
        .expect("object")
        .keys()
        .map(String::as_str)
        .collect();
    let mut expected = vec!["_id", "_rev", "_deleted", "type", "by", "at"];
    expected.sort_unstable();
    assert_eq!(keys, expected);
    assert_eq!(json["_deleted"], json!(true));
    // A peer's tombstone with a body: the body is dropped on read.
    let peer = json!({"_id": "customer:6f1c", "_rev": "4-aa", "_deleted": true,
        "type": "customer", "by": "Ben", "at": "2026-11-30T09:12:00Z",
        "schema": 7, "data": {"phone": "+34"}});
    let read = SyncDoc::from_json(&peer.to_string()).expect("valid tombstone");
    assert!(read.is_deleted());
    assert!(!read.to_json().to_string().contains("+34"));
}

#[test]
fn revisions_travel_with_the_doc() {
    let mut doc = live_doc(json!({}));
    doc.revisions = Some(Revisions {
        start: 3,
        ids: vec!["9b2e41aa".into(), "41aa07c3".into()],
    });
    let json = doc.to_json();
    assert_eq!(
        json["_revisions"],
        json!({"start": 3, "ids": ["9b2e41aa", "41aa07c3"]})
    );
    assert_eq!(SyncDoc::from_json(&json.to_string()), Ok(doc));
}

#[test]
fn customer_data_leaves_local_fields_out_and_gets_them_back() {
    let local = customer();
    let data = local.to_data().expect("serialises");
    let fields = data.as_object().expect("object");
    assert!(!fields.contains_key("revision"));
    assert!(!fields.contains_key("last_contact_at"));
    assert_eq!(data["phone"], json!("+34 600 000 000"));

    let back = Customer::from_data("customer:6f1c", data.clone(), Some(&local)).expect("reads");
    assert_eq!(back, local);
    let fresh = Customer::from_data("customer:6f1c", data, None).expect("reads");
    assert_eq!((fresh.revision, fresh.last_contact_at), (0, None));
}

#[test]
fn a_peer_cannot_set_local_fields() {
    let local = customer();
    let mut data = local.to_data().expect("serialises");
    data["revision"] = json!(999);
    data["last_contact_at"] = json!("2000-01-01T00:00:00Z");
    let back = Customer::from_data("customer:6f1c", data.clone(), Some(&local)).expect("reads");
    assert_eq!(back.revision, 7);
    assert_eq!(back.last_contact_at, Some(at()));
    let fresh = Customer::from_data("customer:6f1c", data, None).expect("reads");
    assert_eq!((fresh.revision, fresh.last_contact_at), (0, None));
}

#[test]
fn a_complaint_keeps_its_revision_local() {
    let mut complaint = Complaint::open("k1".into(), CustomerId("6f1c".into()), at());
    complaint.revision = 3;
    let data = complaint.to_data().expect("serialises");
    assert!(data.get("revision").is_none());
    assert_eq!(complaint.doc_id(), "complaint:k1");
    let back = Complaint::from_data("complaint:k1", data, Some(&complaint)).expect("reads");
    assert_eq!(back, complaint);
}

#[test]
fn data_naming_another_record_is_refused() {
    let data = customer().to_data().expect("serialises");
    assert_eq!(
        Customer::from_data("customer:other", data, None),
        Err(DocError::RecordIdMismatch {
            id: "customer:other".into(),
            found: "6f1c".into()
        })
    );
}

fn wire(doc_type: &str, schema: u32, data: Value) -> String {
    json!({"_id": "customer:6f1c", "_rev": "2-ab", "type": doc_type, "schema": schema,
           "by": "Ben", "at": "2026-11-30T09:12:00Z", "fr": {}, "data": data})
    .to_string()
}

#[test]
fn validate_accepts_a_current_customer() {
    let data = customer().to_data().expect("serialises");
    let Ok(Validated::Live {
        doc,
        data: read,
        record,
    }) = validate(&wire("customer", CURRENT_RECORDS_VERSION, data.clone()))
    else {
        panic!("a current customer validates");
    };
    assert_eq!(doc.rev, rev("2-ab"));
    assert_eq!(read, data);
    let Record::Customer(read) = *record else {
        panic!("a customer record");
    };
    assert_eq!(read.phone, "+34 600 000 000");
    assert_eq!(read.revision, 0, "local fields are the caller's");
}

#[test]
fn validate_refuses_a_type_that_mismatches_the_id() {
    let data = customer().to_data().expect("serialises");
    assert_eq!(
        validate(&wire("order", CURRENT_RECORDS_VERSION, data)).err(),
        Some(DocError::TypeMismatch {
            id: "customer:6f1c".into(),
            expected: "customer",
            found: "order".into()
        })
    );
}

#[test]
fn a_newer_schema_is_kept_raw_and_untouched() {
    let text = wire(
        "customer",
        CURRENT_RECORDS_VERSION + 1,
        json!({"shape": "new"}),
    );
    let spaced = text.replace(",", ", ");
    let Ok(Validated::NeedsNewerApp {
        id,
        rev: r,
        schema,
        raw,
    }) = validate(&spaced)
    else {
        panic!("newer schema");
    };
    assert_eq!(
        (id.as_str(), r, schema),
        ("customer:6f1c", rev("2-ab"), CURRENT_RECORDS_VERSION + 1)
    );
    assert_eq!(raw.get(), spaced, "byte for byte");
}

#[test]
fn an_older_customer_is_upgraded_on_read() {
    let v1 = json!({"id": "6f1c", "name": "Ana", "country": "es", "stage": "customer",
        "tags": "a, b", "created_at": "2025-01-02T03:04:05Z"});
    let Ok(Validated::Live { data, record, .. }) = validate(&wire("customer", 1, v1)) else {
        panic!("v1 upgrades");
    };
    assert!(data.get("revision").is_none());
    assert!(data.get("last_contact_at").is_none());
    let Record::Customer(customer) = *record else {
        panic!("customer");
    };
    assert_eq!(customer.country, "ES");
    assert_eq!(customer.tags, ["a", "b"]);
}

#[test]
fn unreadable_data_names_the_doc_and_the_problem() {
    match validate(&wire(
        "customer",
        CURRENT_RECORDS_VERSION,
        json!({"id": "6f1c"}),
    )) {
        Err(DocError::Data { id, message }) => {
            assert_eq!(id, "customer:6f1c");
            assert!(message.contains("missing field"), "{message}");
        }
        other => panic!("expected a data error, got {other:?}"),
    }
    assert!(matches!(
        validate(&wire("customer", 1, json!({"name": "no id"}))),
        Err(DocError::Upgrade { schema: 1, .. })
    ));
    assert_eq!(
        validate(&wire("customer", 0, json!({}))).err(),
        Some(DocError::ZeroSchema {
            id: "customer:6f1c".into()
        })
    );
    assert!(matches!(
        validate("{\"_id\": \"customer:6f1c\", \"_rev\": \"1-\"}"),
        Err(DocError::Envelope { id, .. }) if id == "customer:6f1c"
    ));
}

#[test]
fn team_settings_are_checked_against_their_type() {
    let good = json!({"_id": "setting:response_targets", "_rev": "1-a", "type": "setting",
        "schema": 7, "by": "Lead", "at": "2026-11-30T09:12:00Z",
        "data": serde_json::to_value(ResponseTargets::default()).expect("serialises")});
    let Ok(Validated::Live { record, .. }) = validate(&good.to_string()) else {
        panic!("valid setting");
    };
    let Record::Setting(setting) = *record else {
        panic!("setting");
    };
    assert_eq!(setting.key, "response_targets");
    let mut bad = good.clone();
    bad["data"] = json!({"default_hours": "soon"});
    assert!(matches!(
        validate(&bad.to_string()),
        Err(DocError::Data { .. })
    ));
}

#[test]
fn tombstones_validate_without_data() {
    let text = json!({"_id": "contact:c1", "_rev": "2-b", "_deleted": true,
        "type": "contact", "by": "Ben", "at": "2026-11-30T09:12:00Z"});
    assert!(matches!(
        validate(&text.to_string()),
        Ok(Validated::Deleted(doc)) if doc.kind == DocKind::Contact
    ));
}

proptest! {
    /// Untrusted ids and documents never panic the parser.
    #[test]
    fn garbage_never_panics(id in ".{0,40}", doc_type in "[a-z_]{0,10}", schema in 0u32..20,
                            data in prop_oneof![Just(json!(null)), Just(json!([])),
                                                Just(json!({"id": "x"})), Just(json!("s"))]) {
        let _ = parse_doc_id(&id);
        let text = json!({"_id": id, "_rev": "1-a", "type": doc_type, "schema": schema,
                          "by": "", "at": "2026-11-30T09:12:00Z", "data": data});
        let _ = validate(&text.to_string());
    }
}
