use serde_json::json;

use super::*;

fn customer(data: &Value) -> RevContent<'_> {
    RevContent {
        doc_type: "customer",
        schema: 4,
        data,
        deleted: false,
    }
}

fn sample() -> Value {
    json!({"total": 12.5, "name": "Ana", "tags": ["vip", null]})
}

#[test]
fn the_first_revision_is_generation_one_and_a_digest_of_the_canonical_body() {
    let data = sample();
    let rev = next_rev(None, &customer(&data)).expect("first");
    // printf %s '{"data":{"name":"Ana","tags":["vip",null],"total":12.5},"deleted":false,
    // "schema":4,"type":"customer"}' | sha256sum (one line), first 32 hex digits.
    assert_eq!(rev.to_string(), "1-c8024d11ebac344ae3c7e91b2b13730b");
}

#[test]
fn an_edit_hashes_its_parent_revision_first() {
    let data = sample();
    let parent: Rev = "1-c8024d11ebac344ae3c7e91b2b13730b".parse().expect("valid");
    let rev = next_rev(Some(&parent), &customer(&data)).expect("child");
    // The same body, prefixed by the parent's text.
    assert_eq!(rev.to_string(), "2-129e5fb793730622526260894befe309");
}

#[test]
fn the_same_edit_on_the_same_parent_is_the_same_revision() {
    let parent: Rev = "7-abc".parse().expect("valid");
    let first = sample();
    let second: Value =
        serde_json::from_str(r#"{"tags":["vip",null],"name":"Ana","total":12.5}"#).expect("json");
    let a = next_rev(Some(&parent), &customer(&first)).expect("rev");
    let b = next_rev(Some(&parent), &customer(&second)).expect("rev");
    assert_eq!(a, b);
    assert_eq!(a.pos(), 8);
    assert_eq!(a.hash().len(), 32);
    assert!(a
        .hash()
        .bytes()
        .all(|byte| matches!(byte, b'0'..=b'9' | b'a'..=b'f')));
    assert_eq!(a.to_string().parse::<Rev>().expect("parses back"), a);
}

#[test]
fn parent_type_schema_data_and_deletion_all_change_the_revision() {
    let data = sample();
    let parent: Rev = "1-a".parse().expect("valid");
    let other_parent: Rev = "1-b".parse().expect("valid");
    let base = next_rev(Some(&parent), &customer(&data)).expect("rev");
    let other_data = json!({"total": 12.5, "name": "Ben", "tags": ["vip", null]});
    let variants = [
        next_rev(Some(&other_parent), &customer(&data)),
        next_rev(None, &customer(&data)),
        next_rev(
            Some(&parent),
            &RevContent {
                doc_type: "order",
                ..customer(&data)
            },
        ),
        next_rev(
            Some(&parent),
            &RevContent {
                schema: 5,
                ..customer(&data)
            },
        ),
        next_rev(
            Some(&parent),
            &RevContent {
                deleted: true,
                ..customer(&data)
            },
        ),
        next_rev(Some(&parent), &customer(&other_data)),
    ];
    for variant in variants {
        assert_ne!(variant.expect("rev").hash(), base.hash());
    }
}

#[test]
fn the_last_generation_has_no_child() {
    let data = sample();
    let last = Rev::new(u64::MAX, "a").expect("valid");
    assert_eq!(
        next_rev(Some(&last), &customer(&data)),
        Err(RevIdError::GenerationOverflow(last))
    );
}

#[test]
fn canonical_json_sorts_keys_recursively_and_writes_compactly() {
    let value = json!({"b": 1, "a": {"d": [{"z": 1, "y": 2.5}], "c": "é\n\"", "B": null}});
    assert_eq!(
        canonical_json(&value),
        r#"{"a":{"B":null,"c":"é\n\"","d":[{"y":2.5,"z":1}]},"b":1}"#
    );
    assert_eq!(canonical_json(&json!([])), "[]");
    assert_eq!(canonical_json(&json!({})), "{}");
}

#[test]
fn canonical_json_is_the_backup_checksums_form() {
    // The data of an empty backup and its checksum, from `exchange::backup`'s tests.
    let data = json!({"tier_changes": [], "settings": [], "reply_edits": [], "orders": [],
        "follow_ups": [], "customers": [], "costs": [], "contacts": [], "complaints": [],
        "complaint_drafts": []});
    let digest: String = Sha256::digest(canonical_json(&data).as_bytes())
        .iter()
        .map(|byte| format!("{byte:02x}"))
        .collect();
    assert_eq!(
        digest,
        "1f68cf91da6510f52b4eb9ae634435bcbbcea4b60c3b0ae02e93dada6b67ecc5"
    );
}
