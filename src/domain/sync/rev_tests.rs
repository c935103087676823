use super::*;

#[test]
fn parses_and_prints_the_same_text() {
    for text in [
        "1-a",
        "2-2_0",
        "1000-0123456789abcdef0123456789abcdef",
        "3-a-b",
    ] {
        let rev: Rev = text.parse().expect("valid");
        assert_eq!(rev.to_string(), text);
    }
    let rev: Rev = "12-abc".parse().expect("valid");
    assert_eq!((rev.pos(), rev.hash()), (12, "abc"));
}

#[test]
fn splits_at_the_first_dash_as_couchdb_does() {
    let rev: Rev = "3-a-b".parse().expect("valid");
    assert_eq!((rev.pos(), rev.hash()), (3, "a-b"));
}

type Expectation = fn(&RevError) -> bool;

#[test]
fn rejects_malformed_revisions_with_the_reason() {
    let cases: [(&str, Expectation); 11] = [
        ("", |e| matches!(e, RevError::NoDash(_))),
        ("abc", |e| matches!(e, RevError::NoDash(_))),
        ("-abc", |e| matches!(e, RevError::BadGeneration(_))),
        ("0-abc", |e| matches!(e, RevError::BadGeneration(_))),
        ("01-abc", |e| matches!(e, RevError::BadGeneration(_))),
        ("+1-abc", |e| matches!(e, RevError::BadGeneration(_))),
        ("x-abc", |e| matches!(e, RevError::BadGeneration(_))),
        ("99999999999999999999-abc", |e| {
            matches!(e, RevError::BadGeneration(_))
        }),
        ("1-", |e| matches!(e, RevError::BadHash(_))),
        ("1-a b", |e| matches!(e, RevError::BadHash(_))),
        ("1-é", |e| matches!(e, RevError::BadHash(_))),
    ];
    for (text, expected) in cases {
        let error = text.parse::<Rev>().expect_err(text);
        assert!(expected(&error), "{text:?} gave {error:?}");
    }
    let long = format!("1-{}", "a".repeat(MAX_HASH_LEN + 1));
    assert!(matches!(long.parse::<Rev>(), Err(RevError::BadHash(_))));
    let longest = format!("1-{}", "a".repeat(MAX_HASH_LEN));
    assert!(longest.parse::<Rev>().is_ok());
}

#[test]
fn new_checks_like_parse() {
    assert!(Rev::new(0, "a").is_err());
    assert!(Rev::new(1, "").is_err());
    assert_eq!(Rev::new(7, "ab").expect("valid").to_string(), "7-ab");
}

#[test]
fn orders_by_generation_then_hash_text() {
    let mut revs: Vec<Rev> = ["10-a", "9-z", "10-B", "2-b", "2-a"]
        .iter()
        .map(|text| text.parse().expect("valid"))
        .collect();
    revs.sort();
    let texts: Vec<String> = revs.iter().map(Rev::to_string).collect();
    assert_eq!(texts, ["2-a", "2-b", "9-z", "10-B", "10-a"]);
}

#[test]
fn serde_is_the_text_form_and_checks_it() {
    let rev: Rev = "3-abc".parse().expect("valid");
    assert_eq!(
        serde_json::to_string(&rev).expect("serializes"),
        r#""3-abc""#
    );
    let back: Rev = serde_json::from_str(r#""3-abc""#).expect("parses");
    assert_eq!(back, rev);
    assert!(serde_json::from_str::<Rev>(r#""03-abc""#).is_err());
    assert!(serde_json::from_str::<Rev>("3").is_err());
}
