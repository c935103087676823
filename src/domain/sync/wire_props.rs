//! No parser panics, whatever a server sends: every prefix of real answers,
//! deep nesting, arbitrary bytes and arbitrary JSON of the wrong shape.

use proptest::prelude::*;
use serde_json::Value;

use super::*;

fn every_parser(text: &str) {
    let _ = parse_changes(text);
    let _ = parse_revs_diff(text);
    let _ = parse_bulk_get(text);
    let _ = parse_bulk_docs(text);
    let _ = parse_local(text).map(|doc| local_rev(&doc));
    let _ = parse_server_uuid(text);
    let _ = parse_sign_in(text);
    let _ = parse_session(text);
    let _ = parse_error_body(text);
    let _ = not_found_is_no_database(text);
    for status in [0, 200, 401, 404, 409, 500, 999] {
        let _ = error_for_status(status, text, text, Target::Database);
    }
}

#[test]
fn every_prefix_of_a_real_answer_parses_or_is_refused() {
    let answers = [
        r#"{"results":[{"id":"k","changes":[{"rev":"2-c"},{"rev":"2-b"}],"seq":3,"deleted":true}],"last_seq":3}"#,
        r#"{"results":[{"id":"k","docs":[{"ok":{"_id":"k","_rev":"1-a"}}]},{"id":"m","docs":[{}]}]}"#,
        r#"{"a":{"missing":["1-zzz"],"possible_ancestors":["1-y"]}}"#,
        r#"[{"id":"x","error":"forbidden","reason":"no"}]"#,
        r#"{"ok":true,"userCtx":{"name":"ana","roles":["crm-team"]}}"#,
    ];
    for answer in answers {
        for end in 0..answer.len() {
            every_parser(&answer[..end]);
        }
        every_parser(answer);
    }
}

#[test]
fn deep_nesting_is_refused_without_overflowing_the_stack() {
    let deep = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
    every_parser(&deep);
    let deep_object = format!(
        r#"{{"results":[{{"id":"x","docs":[{{"ok":{}1{}}}]}}]}}"#,
        r#"{"a":"#.repeat(50_000),
        "}".repeat(50_000)
    );
    // Kept as text (a raw value is not built up), for validation to refuse.
    every_parser(&deep_object);
}

/// Any JSON value, nested a few levels, with the keys the parsers look for.
fn json_value() -> impl Strategy<Value = Value> {
    let key = prop_oneof![
        Just("results".to_owned()),
        Just("last_seq".to_owned()),
        Just("id".to_owned()),
        Just("changes".to_owned()),
        Just("rev".to_owned()),
        Just("docs".to_owned()),
        Just("ok".to_owned()),
        Just("missing".to_owned()),
        Just("error".to_owned()),
        Just("userCtx".to_owned()),
        Just("name".to_owned()),
        "[a-z_]{0,6}",
    ];
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::from),
        any::<f64>().prop_map(Value::from),
        "(1-a|2-bb|0-x|-|[ -~]{0,12})".prop_map(Value::String),
    ];
    leaf.prop_recursive(5, 48, 6, move |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
            prop::collection::btree_map(key.clone(), inner, 0..6)
                .prop_map(|map| Value::Object(map.into_iter().collect())),
        ]
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(1024))]

    /// Whatever bytes arrive (lossily decoded, as `Response.text()` does), no
    /// parser panics.
    #[test]
    fn arbitrary_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..512)) {
        every_parser(&String::from_utf8_lossy(&bytes));
    }

    /// Well-formed JSON of the wrong shape never panics either, and whatever
    /// `parse_changes` accepts keeps `last_seq` as it came.
    #[test]
    fn arbitrary_json_never_panics(value in json_value()) {
        let text = value.to_string();
        every_parser(&text);
        if let Ok(batch) = parse_changes(&text) {
            prop_assert_eq!(Some(&batch.last_seq.0), value.get("last_seq"));
        }
    }
}
