use super::*;
use chrono::{DateTime, Utc};
use std::collections::HashMap;

use crate::domain::customers::FieldError;
use crate::domain::customers::RelationshipStage;
use crate::domain::customers::StageChange;
use crate::domain::customers::{Customer, CustomerId, CustomerKind, LeadSource, Profile};
use crate::domain::customers::{Field, Problem};
use crate::domain::shared::csv::parse_csv;
use crate::domain::shared::csv::ParsedFile;
use chrono::TimeZone;

fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 23, 10, 0, 0).unwrap()
}

fn last_year() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2025, 3, 1, 8, 0, 0).unwrap()
}

/// Knows a few zones only, like a browser's Intl would know all of them.
fn zones(name: &str) -> bool {
    matches!(
        name,
        "Europe/Madrid" | "Asia/Shanghai" | "America/New_York" | "Europe/Berlin"
    )
}

/// A few names as the i18n layer supplies them (the full set, and our own export
/// imported back with it, is tested in `services::exchange::csv_export`).
pub(super) fn names() -> ChoiceNames {
    fn owned<T: Copy>(pairs: &[(&str, T)]) -> Vec<(String, T)> {
        pairs.iter().map(|&(n, c)| (n.to_owned(), c)).collect()
    }
    ChoiceNames {
        kinds: owned(&[
            ("Individual", CustomerKind::Individual),
            ("个人", CustomerKind::Individual),
            ("Company", CustomerKind::Company),
            ("企业", CustomerKind::Company),
        ]),
        stages: owned(&[
            ("First-time buyer", RelationshipStage::FirstTime),
            ("Non-customer", RelationshipStage::NonCustomer),
            ("流失客户", RelationshipStage::Lost),
            ("忠诚客户", RelationshipStage::Loyal),
        ]),
        lead_sources: owned(&[
            ("Internet / marketplace", LeadSource::InternetPlatform),
            ("老客户介绍", LeadSource::CustomerReferral),
            ("Referred by a customer", LeadSource::CustomerReferral),
        ]),
    }
}

fn strings(items: &[&str]) -> Vec<String> {
    items.iter().map(|s| s.to_string()).collect()
}

fn id(text: &str) -> CustomerId {
    CustomerId(text.to_owned())
}

fn stored(key: &str, name: &str, country: &str) -> Customer {
    Customer::minimal(id(key), name, country, last_year())
}

fn preview_with(
    csv: &str,
    mapping: &CustomerMapping,
    existing: &[Customer],
) -> CustomerImportPreview {
    let file = parse_csv(csv).unwrap();
    preview_customer_import(
        &file,
        mapping,
        existing,
        now(),
        &zones,
        &names(),
        &mut |row| id(&format!("new-{row}")),
    )
}

fn preview(csv: &str, existing: &[Customer]) -> CustomerImportPreview {
    let file = parse_csv(csv).unwrap();
    let mapping = guess_customer_mapping(&file.headers);
    preview_with(csv, &mapping, existing)
}

fn field(field: Field, problem: Problem) -> RowIssue {
    RowIssue::Field(FieldError { field, problem })
}

fn valid_rows(p: &CustomerImportPreview) -> Vec<usize> {
    p.valid.iter().map(|v| v.row).collect()
}

fn rejected_rows(p: &CustomerImportPreview) -> Vec<usize> {
    p.rejected.iter().map(|r| r.row).collect()
}

fn row(p: &CustomerImportPreview, number: usize) -> &ValidCustomerRow {
    p.valid.iter().find(|v| v.row == number).unwrap()
}

fn mapping_of(pairs: &[(CustomerColumn, usize)]) -> CustomerMapping {
    CustomerMapping {
        columns: pairs.to_vec(),
    }
}

// -- fields and mapping --------------------------------------------------

#[test]
fn column_codes_round_trip_and_mapping_survives_json() {
    for column in CustomerColumn::ALL {
        assert_eq!(CustomerColumn::from_code(column.code()), Some(column));
        let json = serde_json::to_string(&column).unwrap();
        assert_eq!(json, format!("\"{}\"", column.code()));
    }
    assert_eq!(CustomerColumn::from_code("Name"), None);
    let required: Vec<_> = CustomerColumn::ALL
        .into_iter()
        .filter(|c| c.is_required())
        .collect();
    assert_eq!(required, [CustomerColumn::Name, CustomerColumn::Country]);
    let mapping = mapping_of(&[(CustomerColumn::Name, 0), (CustomerColumn::TimeZone, 4)]);
    let json = serde_json::to_string(&mapping).unwrap();
    assert_eq!(json, r#"{"columns":[["name",0],["time_zone",4]]}"#);
    assert_eq!(
        serde_json::from_str::<CustomerMapping>(&json).unwrap(),
        mapping
    );
}

#[test]
fn aliases_are_unique_across_fields() {
    let mut seen: HashMap<String, CustomerColumn> = HashMap::new();
    for (column, aliases) in ALIASES {
        for alias in aliases {
            let bare = alias.trim_start_matches('=');
            assert_eq!(
                normalize(bare),
                bare,
                "aliases are stored normalised: {alias}"
            );
            if let Some(other) = seen.insert(bare.to_owned(), column) {
                panic!("{bare} names both {other:?} and {column:?}");
            }
        }
    }
}

#[test]
fn mapping_set_replaces_unmaps_and_keeps_field_order() {
    let mut mapping = CustomerMapping::default();
    mapping.set(CustomerColumn::Country, Some(3));
    mapping.set(CustomerColumn::Name, Some(1));
    mapping.set(CustomerColumn::Country, Some(2));
    assert_eq!(
        mapping,
        mapping_of(&[(CustomerColumn::Name, 1), (CustomerColumn::Country, 2)])
    );
    mapping.set(CustomerColumn::Name, None);
    assert_eq!(mapping.column(CustomerColumn::Name), None);
    assert_eq!(mapping.column(CustomerColumn::Country), Some(2));
}

#[test]
fn guess_english_headers() {
    let headers = strings(&[
        "Customer Name",
        "Type",
        "E-mail",
        "Phone Number",
        "WhatsApp",
        "Country",
        "Language",
        "Time zone",
        "Shipping Address",
        "Tags",
        "Notes",
        "Lead source",
        "Stage",
        "Created",
    ]);
    let expected: Vec<(CustomerColumn, usize)> = CustomerColumn::ALL
        .into_iter()
        .enumerate()
        .map(|(i, c)| (c, i))
        .collect();
    assert_eq!(guess_customer_mapping(&headers).columns, expected);
}

#[test]
fn guess_chinese_headers() {
    let headers = strings(&[
        "客户名称",
        "客户类型",
        "邮箱",
        "手机",
        "微信",
        "国家",
        "语言",
        "时区",
        "地址",
        "标签",
        "备注",
        "客户来源",
        "客户阶段",
    ]);
    let expected: Vec<(CustomerColumn, usize)> = CustomerColumn::ALL
        .into_iter()
        .enumerate()
        .map(|(i, c)| (c, i))
        .collect();
    assert_eq!(guess_customer_mapping(&headers).columns, expected);

    let other_words = guess_customer_mapping(&strings(&["电话", "姓名", "电子邮件", "国家/地区"]));
    assert_eq!(
        other_words.columns,
        [
            (CustomerColumn::Name, 1),
            (CustomerColumn::Email, 2),
            (CustomerColumn::Phone, 0),
            (CustomerColumn::Country, 3),
        ]
    );
}

#[test]
fn guess_ignores_case_space_and_punctuation_and_uses_each_column_once() {
    let headers = strings(&[
        " EMAIL ADDRESS ",
        "  name",
        "Country / Region",
        "Buyer's language (e.g. es, pt-BR)",
        "Status",
        "Address",
        "Mobile",
        "Teléfono",
    ]);
    let mapping = guess_customer_mapping(&headers);
    assert_eq!(
        mapping.columns,
        [
            (CustomerColumn::Name, 1),
            (CustomerColumn::Email, 0),
            (CustomerColumn::Phone, 6),
            (CustomerColumn::Country, 2),
            (CustomerColumn::Language, 3),
            (CustomerColumn::Address, 5),
        ],
        "\"Status\" is not guessed as the stage; a second phone column stays free"
    );
    assert_eq!(guess_customer_mapping(&[]), CustomerMapping::default());
}

#[test]
fn mapping_problems_list_what_blocks_an_import() {
    use CustomerMappingProblem as P;
    assert_eq!(
        customer_mapping_problems(&CustomerMapping::default(), 3),
        [P::NameNotMapped, P::CountryNotMapped]
    );
    assert_eq!(
        customer_mapping_problems(
            &mapping_of(&[(CustomerColumn::Name, 0), (CustomerColumn::Email, 1)]),
            3
        ),
        [P::CountryNotMapped]
    );
    assert_eq!(
        customer_mapping_problems(
            &mapping_of(&[(CustomerColumn::Name, 0), (CustomerColumn::Country, 5)]),
            3
        ),
        [P::ColumnOutOfRange(5)]
    );
    assert_eq!(
        customer_mapping_problems(
            &mapping_of(&[
                (CustomerColumn::Name, 0),
                (CustomerColumn::Country, 0),
                (CustomerColumn::Email, 1),
                (CustomerColumn::Email, 2),
            ]),
            3
        ),
        [
            P::ColumnUsedTwice(0),
            P::FieldMappedTwice(CustomerColumn::Email)
        ]
    );
    let headers = strings(&["Name", "Country", "Email"]);
    assert_eq!(
        customer_mapping_problems(&guess_customer_mapping(&headers), headers.len()),
        []
    );
}

// -- rows ----------------------------------------------------------------

#[test]
fn row_numbers_match_the_spreadsheet_with_blank_lines_and_multiline_cells() {
    let csv = "Name,Country,Notes\r\nAna,ES,\r\n\r\n,,\r\nBad,Spain,\r\nBen,DE,\"two\nlines\"\r\nCai,CN,\r\n";
    let p = preview(csv, &[]);
    assert_eq!(
        valid_rows(&p),
        [2, 6, 7],
        "blank rows 3 and 4 are skipped silently"
    );
    assert_eq!(rejected_rows(&p), [5]);
    assert_eq!(row(&p, 6).customer.notes, "two\nlines");
    assert_eq!(
        row(&p, 7).customer.id,
        id("new-7"),
        "ids come from new_id(row)"
    );
}

#[test]
fn every_rejected_row_is_listed_with_all_its_problems() {
    let csv = "Name,Kind,Email,Country,Time zone,Stage,Lead source\n\
                   Ana,individual,ana@,ES,Europe/Madrid,,\n\
                   Ben,company,ben@x.de,Germany,,,\n\
                   Chen,个人,chen@x.cn,CN,Asia/Beijing,,\n\
                   Dora,robot,dora@x.fr,FR,,,\n\
                   Eve,,eve@x.es,ES,,vip,carrier pigeon\n\
                   ,公司,,,,,\n\
                   Fay,robot,fay@,es,,,\n\
                   Gil,公司,gil@x.es,es,Europe/Madrid,忠诚客户,Referred by a customer\n";
    let p = preview(csv, &[]);
    let found: Vec<(usize, Vec<RowIssue>)> = p
        .rejected
        .iter()
        .map(|r| (r.row, r.issues.clone()))
        .collect();
    assert_eq!(
        found,
        vec![
            (2, vec![field(Field::Email, Problem::EmailShape)]),
            (3, vec![field(Field::Country, Problem::CountryCode)]),
            (4, vec![field(Field::TimeZone, Problem::UnknownTimeZone)]),
            (5, vec![RowIssue::UnknownKind("robot".into())]),
            (
                6,
                vec![
                    field(Field::LeadSource, Problem::UnknownChoice),
                    field(Field::Stage, Problem::UnknownChoice),
                ]
            ),
            (
                7,
                vec![
                    field(Field::Name, Problem::Required),
                    field(Field::Country, Problem::Required),
                ]
            ),
            (
                8,
                vec![
                    RowIssue::UnknownKind("robot".into()),
                    field(Field::Email, Problem::EmailShape),
                ]
            ),
        ]
    );
    assert_eq!(
        p.rejected[3].cells,
        strings(&["Dora", "robot", "dora@x.fr", "FR", "", "", ""])
    );
    assert_eq!(valid_rows(&p), [9]);
    let gil = &row(&p, 9).customer;
    assert_eq!(gil.kind(), CustomerKind::Company);
    assert_eq!(gil.country, "ES");
    assert_eq!(gil.stage, RelationshipStage::Loyal);
    assert_eq!(gil.lead_source, Some(LeadSource::CustomerReferral));
    assert!(gil.stage_history.is_empty());
    assert_eq!((gil.created_at, gil.revision), (now(), 0));
}

#[test]
fn choices_in_codes_english_and_chinese_words() {
    assert_eq!(parse_kind("Company", &names()), Some(CustomerKind::Company));
    assert_eq!(parse_kind(" 企业 ", &names()), Some(CustomerKind::Company));
    assert_eq!(parse_kind("公司", &names()), Some(CustomerKind::Company));
    assert_eq!(parse_kind("B2B", &names()), Some(CustomerKind::Company));
    assert_eq!(parse_kind("个人", &names()), Some(CustomerKind::Individual));
    assert_eq!(
        parse_kind("INDIVIDUAL", &names()),
        Some(CustomerKind::Individual)
    );
    assert_eq!(parse_kind("robot", &names()), None);
    assert_eq!(
        parse_stage("first_time", &names()),
        Some(RelationshipStage::FirstTime)
    );
    assert_eq!(
        parse_stage("First-time buyer", &names()),
        Some(RelationshipStage::FirstTime)
    );
    assert_eq!(
        parse_stage("Non-customer", &names()),
        Some(RelationshipStage::NonCustomer)
    );
    assert_eq!(
        parse_stage("流失客户", &names()),
        Some(RelationshipStage::Lost)
    );
    assert_eq!(parse_stage("流失", &names()), Some(RelationshipStage::Lost));
    assert_eq!(parse_stage("vip", &names()), None);
    assert_eq!(
        parse_lead_source("won_from_competitor", &names()),
        Some(LeadSource::WonFromCompetitor)
    );
    assert_eq!(
        parse_lead_source("Internet / marketplace", &names()),
        Some(LeadSource::InternetPlatform)
    );
    assert_eq!(
        parse_lead_source("老客户介绍", &names()),
        Some(LeadSource::CustomerReferral)
    );
    assert_eq!(parse_lead_source("carrier pigeon", &names()), None);
}

#[test]
fn tags_split_on_common_list_separators_and_formula_guards_are_removed() {
    let csv = "Name,Country,Phone,Tags\nAna,ES,'+34 612 345 678,\"vip; toys、VIP|gifts\"\n";
    let p = preview(csv, &[]);
    let ana = &row(&p, 2).customer;
    assert_eq!(ana.phone, "+34 612 345 678");
    assert_eq!(ana.tags, ["vip", "toys", "gifts"]);
    assert_eq!(without_formula_guard("'=SUM(A1)"), "=SUM(A1)");
    assert_eq!(without_formula_guard("O'Brien"), "O'Brien");
    assert_eq!(without_formula_guard("'quoted'"), "'quoted'");
}

// -- duplicates ----------------------------------------------------------

#[test]
fn duplicate_by_email_ignores_case() {
    let mut known = stored("known", "Someone Else", "ES");
    known.email = "Lucia@Example.es".into();
    let p = preview(
        "Name,Email,Country\nMaría López,lucia@example.ES,ES\nPia Berg,pia@example.se,SE\n",
        &[known],
    );
    assert_eq!(
        row(&p, 2).duplicates,
        [DuplicateMatch {
            existing: id("known"),
            reason: DuplicateReason::SameEmail,
            earlier_row: None,
        }]
    );
    assert!(row(&p, 2).needs_choice());
    assert_eq!(row(&p, 3).duplicates, []);
}

#[test]
fn duplicate_by_phone_ignores_formatting() {
    let mut known = stored("known", "Someone Else", "FR");
    known.phone = "+34 612-345-678".into();
    let existing = [known];
    for phone in ["(34) 612.345.678", "34612345678", "+34 612 345 678"] {
        let p = preview(&format!("Name,Phone,Country\nA,{phone},ES\n"), &existing);
        assert_eq!(
            row(&p, 2).duplicates,
            [DuplicateMatch {
                existing: id("known"),
                reason: DuplicateReason::SamePhone,
                earlier_row: None,
            }],
            "{phone}"
        );
    }
    let p = preview("Name,Phone,Country\nC,+34 612 345 679,ES\n", &existing);
    assert_eq!(row(&p, 2).duplicates, []);
    assert_eq!(phone_key("12-345"), None, "too few digits to mean anything");
    assert_eq!(phone_key("+1 (234) 56"), Some("123456".into()));
}

#[test]
fn similar_names_match_only_within_the_same_country() {
    let existing = [
        stored("es-lucia", "Lucía García", "ES"),
        stored("mx-lucia", "Lucía García", "MX"),
        stored("es-marco", "Marco Rossi", "ES"),
    ];
    let p = preview(
            "Name,Country\nLucia  Garcia,es\nLucia Garsia,ES\nLuis Gómez,ES\nChen Wei,ES\nLucia Garcia,FR\n",
            &existing,
        );
    assert_eq!(
        row(&p, 2).duplicates,
        [DuplicateMatch {
            existing: id("es-lucia"),
            reason: DuplicateReason::SimilarName {
                similarity_percent: 100
            },
            earlier_row: None,
        }],
        "accents, case and spacing do not matter; Mexico's Lucía is someone else"
    );
    let typo = &row(&p, 3).duplicates;
    assert_eq!(typo.len(), 2, "the existing Lucía and row 2: {typo:?}");
    assert_eq!(typo[0].existing, id("es-lucia"));
    assert!(matches!(
        typo[0].reason,
        DuplicateReason::SimilarName { similarity_percent } if (92..100).contains(&similarity_percent)
    ));
    assert_eq!(row(&p, 4).duplicates, [], "clearly different names");
    assert_eq!(row(&p, 5).duplicates, []);
    assert_eq!(row(&p, 6).duplicates, [], "no Lucía García in France");
}

#[test]
fn duplicates_are_best_first_one_per_customer_and_at_most_three() {
    let mut by_email = stored("by-email", "Ana Ruiz", "ES");
    by_email.email = "ana@x.es".into();
    let mut by_phone = stored("by-phone", "Someone", "DE");
    by_phone.phone = "+34 600 111 222".into();
    let existing = [
        stored("close-name", "Ana Ruis", "ES"),
        stored("same-name", "Ana Ruiz", "ES"),
        by_phone,
        by_email,
        stored("other-close", "Ana Ruíz", "ES"),
    ];
    let p = preview(
        "Name,Email,Phone,Country\nAna Ruiz,ANA@x.es,(34) 600-111-222,ES\n",
        &existing,
    );
    let found: Vec<(&str, DuplicateReason)> = row(&p, 2)
        .duplicates
        .iter()
        .map(|d| (d.existing.as_str(), d.reason))
        .collect();
    assert_eq!(found.len(), MAX_DUPLICATES_SHOWN);
    assert_eq!(found[0], ("by-email", DuplicateReason::SameEmail));
    assert_eq!(found[1].1, DuplicateReason::SamePhone);
    assert_eq!(
        found[2],
        (
            "same-name",
            DuplicateReason::SimilarName {
                similarity_percent: 100
            }
        ),
        "the most similar name next, earliest stored on a tie"
    );
}

#[test]
fn duplicates_within_the_file() {
    let csv = "Name,Email,Phone,Country\n\
                   Ana Ruiz,ana@x.es,,ES\n\
                   Ana R.,ANA@x.es,,ES\n\
                   Bo Lind,bo@x.de,+49 30 1234567,DE\n\
                   Bob Lind,,49-30-1234567,DE\n\
                   Zoe,zoe@x.es,,Spain\n\
                   Zoe Vidal,zoe@x.es,,ES\n\
                   Carl Jensen,,,DK\n\
                   Karl Jensen,,,DK\n\
                   Dan,dan@x.de,+49 30 999999,DE\n\
                   Dan Berg,bo@x.de,+49 30 999999,DE\n";
    let p = preview(csv, &[]);
    let found: Vec<(usize, Vec<RowIssue>)> = p
        .rejected
        .iter()
        .map(|r| (r.row, r.issues.clone()))
        .collect();
    assert_eq!(
        found,
        vec![
            (3, vec![RowIssue::DuplicateInFile { first_row: 2 }]),
            (5, vec![RowIssue::DuplicateInFile { first_row: 4 }]),
            (6, vec![field(Field::Country, Problem::CountryCode)]),
            (11, vec![RowIssue::DuplicateInFile { first_row: 4 }]),
        ],
        "a rejected row does not block a later one; the earliest matching row is named"
    );
    assert_eq!(valid_rows(&p), [2, 4, 7, 8, 9, 10]);
    let karl = &row(&p, 9).duplicates;
    assert_eq!(karl.len(), 1);
    assert_eq!(karl[0].existing, id("new-8"));
    assert_eq!(karl[0].earlier_row, Some(8));
    assert!(matches!(
        karl[0].reason,
        DuplicateReason::SimilarName { .. }
    ));
}

// -- merge and plan ------------------------------------------------------

fn stored_lucia() -> Customer {
    let mut c = stored("lucia", "Lucía García", "ES");
    c.phone = "+34 600 000 111".into();
    c.language = "es".into();
    c.tags = strings(&["VIP", "toys"]);
    c.notes = "Prefers WhatsApp".into();
    c.stage = RelationshipStage::Loyal;
    c.stage_history = vec![StageChange {
        from: RelationshipStage::Repeat,
        to: RelationshipStage::Loyal,
        at: last_year(),
        reason: "third order".into(),
        loss_cause: None,
    }];
    c.revision = 7;
    c
}

fn imported_lucia() -> Customer {
    let mut c = stored("new-2", "Lucia Garcia", "ES");
    c.email = "lucia@x.es".into();
    c.phone = "+34 699 999 999".into();
    c.language = "en".into();
    c.time_zone = "Europe/Madrid".into();
    c.tags = strings(&["vip", "shoes"]);
    c.notes = "Met at the Madrid fair".into();
    c.lead_source = Some(LeadSource::MeetingsAndFairs);
    c.created_at = now();
    c
}

#[test]
fn merge_keeps_existing_values_and_fills_blanks() {
    let existing = stored_lucia();
    let merged = merge_customer(&existing, &imported_lucia(), now());
    assert_eq!(merged.id, existing.id);
    assert_eq!(merged.name, "Lucía García");
    assert_eq!(merged.phone, "+34 600 000 111");
    assert_eq!(merged.language, "es");
    assert_eq!(merged.email, "lucia@x.es");
    assert_eq!(merged.time_zone, "Europe/Madrid");
    assert_eq!(merged.lead_source, Some(LeadSource::MeetingsAndFairs));
    assert_eq!(merged.tags, ["VIP", "toys", "shoes"]);
    assert_eq!(merged.notes, "Prefers WhatsApp\nMet at the Madrid fair");
    assert_eq!(merged.revision, 7);
    assert_eq!(merged.stage, RelationshipStage::Loyal);
    assert_eq!(merged.stage_history, existing.stage_history);
    assert_eq!(merged.created_at, last_year());
    assert_eq!(merged.updated_at, now());
}

/// Every field the merge rule names, one at a time: a stored value is never
/// overwritten by a different imported one, and a blank is filled from the import.
#[test]
fn merge_rule_per_field_keeps_stored_values_and_fills_blanks() {
    type Field = (&'static str, fn(&mut Customer) -> &mut String);
    let fields: [Field; 8] = [
        ("name", |c| &mut c.name),
        ("email", |c| &mut c.email),
        ("phone", |c| &mut c.phone),
        ("messaging", |c| &mut c.messaging),
        ("country", |c| &mut c.country),
        ("language", |c| &mut c.language),
        ("time_zone", |c| &mut c.time_zone),
        ("address", |c| &mut c.address),
    ];
    for (name, field) in fields {
        let mut stored = stored_lucia();
        let mut imported = imported_lucia();
        *field(&mut stored) = "stored value".into();
        *field(&mut imported) = "imported value".into();
        let mut merged = merge_customer(&stored, &imported, now());
        assert_eq!(field(&mut merged), "stored value", "{name}: stored kept");
        field(&mut stored).clear();
        let mut merged = merge_customer(&stored, &imported, now());
        assert_eq!(field(&mut merged), "imported value", "{name}: blank filled");
    }
    let mut stored = stored_lucia();
    let mut imported = imported_lucia();
    stored.lead_source = Some(LeadSource::Phone);
    imported.lead_source = Some(LeadSource::WonFromCompetitor);
    assert_eq!(
        merge_customer(&stored, &imported, now()).lead_source,
        Some(LeadSource::Phone)
    );
    stored.lead_source = None;
    assert_eq!(
        merge_customer(&stored, &imported, now()).lead_source,
        Some(LeadSource::WonFromCompetitor)
    );
}

/// Names are flagged as look-alikes from 0.92 Jaro-Winkler, not below.
#[test]
fn similar_name_threshold_is_exact() {
    let score =
        |a: &str, b: &str| name_similarity_percent(a, a.chars().count(), b, b.chars().count());
    assert!((strsim::jaro_winkler("martha", "marhta") - 0.9611).abs() < 0.001);
    assert_eq!(score("martha", "marhta"), Some(96));
    let below = strsim::jaro_winkler("dwayne", "duane");
    assert!(below > 0.80 && below < SIMILAR_NAME_THRESHOLD, "{below}");
    assert_eq!(score("dwayne", "duane"), None);
    let pairs = [
        ("jones", "johnson"),
        ("dixon", "dicksonx"),
        ("martha", "marhta"),
        ("lucia garcia", "lucia garzia"),
    ];
    for (a, b) in pairs {
        let s = strsim::jaro_winkler(a, b);
        assert_eq!(
            score(a, b).is_some(),
            s >= SIMILAR_NAME_THRESHOLD,
            "{a} / {b}: {s}"
        );
    }
}

/// The length pre-filter skips exactly the pairs that cannot reach 0.92: a name of
/// 6 characters that starts a name of 10 is as similar as the bound allows and must
/// still be compared, 5 against 10 can never be similar.
#[test]
fn length_prefilter_skips_only_pairs_that_cannot_be_similar() {
    assert!(!lengths_rule_out_similarity(6, 10));
    assert!(!lengths_rule_out_similarity(10, 6));
    assert!(!lengths_rule_out_similarity(3, 5));
    assert!(lengths_rule_out_similarity(5, 10));
    assert!(lengths_rule_out_similarity(59, 100));
    assert!(!lengths_rule_out_similarity(60, 100));
    assert!(!lengths_rule_out_similarity(7, 7));
    // At the bound itself a pair can score 0.92, so it must not be skipped.
    let tight = strsim::jaro_winkler("abcdef", "abcdefghij");
    assert!(tight >= 0.8 + 0.2 * 0.6 - 1e-9, "{tight}");
    // One empty name is never similar to another; two empty names neither.
    assert!(lengths_rule_out_similarity(0, 1));
    assert_eq!(name_similarity_percent("", 0, "ana", 3), None);
    assert_eq!(name_similarity_percent("", 0, "", 0), None);
    assert_eq!(name_similarity_percent("ana", 3, "ana", 3), Some(100));
}

#[test]
fn merge_appends_notes_once() {
    let existing = stored_lucia();
    let once = merge_customer(&existing, &imported_lucia(), now());
    let twice = merge_customer(&once, &imported_lucia(), now());
    assert_eq!(twice.notes, once.notes);
    let mut same_note = imported_lucia();
    same_note.notes = "  Prefers WhatsApp ".into();
    assert_eq!(
        merge_customer(&existing, &same_note, now()).notes,
        "Prefers WhatsApp"
    );
    let mut part_of_a_line = imported_lucia();
    part_of_a_line.notes = "WhatsApp".into();
    assert_eq!(
        merge_customer(&existing, &part_of_a_line, now()).notes,
        "Prefers WhatsApp\nWhatsApp",
        "only whole lines count as already there"
    );
    let mut blank = existing.clone();
    blank.notes = String::new();
    assert_eq!(
        merge_customer(&blank, &imported_lucia(), now()).notes,
        "Met at the Madrid fair"
    );
}

#[test]
fn merge_fills_the_profile_only_for_the_same_kind() {
    let mut existing = stored_lucia();
    let mut imported = imported_lucia();
    imported.profile = Profile::Individual(crate::domain::customers::IndividualProfile {
        employer: "Acme".into(),
        ..Default::default()
    });
    let merged = merge_customer(&existing, &imported, now());
    let Profile::Individual(p) = &merged.profile else {
        panic!("individual expected")
    };
    assert_eq!(p.employer, "Acme");
    existing.profile = Profile::Company(Default::default());
    let merged = merge_customer(&existing, &imported, now());
    assert_eq!(
        merged.profile, existing.profile,
        "the kind is never changed"
    );
}

fn plan_fixture() -> (CustomerImportPreview, Vec<Customer>) {
    let mut anna = stored("anna", "Anna Schmidt", "DE");
    anna.email = "anna@a.de".into();
    anna.phone = "+49 30 111111".into();
    let mut nova = stored("nova", "Nova Trading GmbH", "DE");
    nova.profile = Profile::Company(Default::default());
    nova.email = "info@nova.de".into();
    let existing = vec![anna, nova];
    let csv = "Name,Kind,Email,Phone,Country,Notes,Tags\n\
                   Pia Berg,,pia@x.se,,SE,,\n\
                   Ana Schmidt,,,,DE,,\n\
                   A. Schmidt,,,+49 (30) 111-111,DE,from row 4,\n\
                   Anna Schmidt,,ANNA@a.de,,DE,from row 5,fair\n\
                   Nova Trading,company,sales@nova.de,,DE,,\n\
                   Nova Trading GmbH,company,x@nova.de,,DE,,\n";
    (preview(csv, &existing), existing)
}

#[test]
fn plan_creates_skips_and_merges_as_chosen() {
    let (p, existing) = plan_fixture();
    assert_eq!(p.rejected, []);
    assert!(!row(&p, 2).needs_choice());
    assert!((3..=7).all(|r| row(&p, r).needs_choice()));
    let choice = |row: usize| match row {
        4 | 5 => Some(DuplicateChoice::MergeInto(id("anna"))),
        6 => Some(DuplicateChoice::Create),
        7 => Some(DuplicateChoice::MergeInto(id("ghost"))),
        _ => None,
    };
    let plan = plan_customer_import(&p, &existing, &choice, now());
    let created: Vec<&str> = plan.create.iter().map(|c| c.id.as_str()).collect();
    assert_eq!(created, ["new-2", "new-6"]);
    assert_eq!(
        plan.skipped_rows,
        [3, 7],
        "no choice means skip; unknown ids are skipped"
    );
    assert_eq!(plan.merge.len(), 1, "two rows, one merged record");
    let anna = &plan.merge[0];
    assert_eq!(anna.id, id("anna"));
    assert_eq!(anna.notes, "from row 4\nfrom row 5", "merged in row order");
    assert_eq!(anna.tags, ["fair"]);
    assert_eq!(anna.phone, "+49 30 111111");
    assert_eq!((anna.revision, anna.updated_at), (0, now()));
}

#[test]
fn plan_without_any_choice_never_merges() {
    let (p, existing) = plan_fixture();
    let plan = plan_customer_import(&p, &existing, &|_| None, now());
    assert_eq!(plan.create.len(), 1);
    assert_eq!(plan.merge, []);
    assert_eq!(plan.skipped_rows, [3, 4, 5, 6, 7]);
    let skip_all = plan_customer_import(&p, &existing, &|_| Some(DuplicateChoice::Skip), now());
    assert_eq!(skip_all, plan);
}

#[cfg(not(target_arch = "wasm32"))]
mod properties {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        /// What the pre-filter skips could not have reached the threshold: the bound in
        /// its comment holds for real Jaro-Winkler scores, including shared prefixes.
        #[test]
        fn skipped_pairs_never_reach_the_threshold(
            prefix in "[a-c]{0,6}",
            a in "[a-c]{0,12}",
            b in "[a-c]{0,30}",
        ) {
            let (a, b) = (format!("{prefix}{a}"), format!("{prefix}{b}"));
            let (a_chars, b_chars) = (a.chars().count(), b.chars().count());
            if lengths_rule_out_similarity(a_chars, b_chars) {
                prop_assert!(strsim::jaro_winkler(&a, &b) < SIMILAR_NAME_THRESHOLD, "{a} / {b}");
            }
        }
    }

    fn mapping() -> impl Strategy<Value = CustomerMapping> {
        proptest::collection::vec((0..CustomerColumn::ALL.len(), 0usize..9), 0..16).prop_map(
            |pairs| CustomerMapping {
                columns: pairs
                    .into_iter()
                    .map(|(field, column)| (CustomerColumn::ALL[field], column))
                    .collect(),
            },
        )
    }

    fn existing() -> Vec<Customer> {
        let mut a = stored("a", "Lucía García", "ES");
        a.email = "a@x.es".into();
        a.phone = "+34 612 345 678".into();
        let mut b = stored("b", "王伟", "CN");
        b.phone = "12".into();
        let c = stored("c", "", "");
        vec![a, b, c]
    }

    /// Decides per row from a seed: none, create, skip, or merge into a known or
    /// an unknown id.
    fn chooser(seed: u64) -> impl Fn(usize) -> Option<DuplicateChoice> {
        move |row| match (row as u64 ^ seed) % 5 {
            0 => None,
            1 => Some(DuplicateChoice::Create),
            2 => Some(DuplicateChoice::Skip),
            3 => Some(DuplicateChoice::MergeInto(id("a"))),
            _ => Some(DuplicateChoice::MergeInto(id("ghost"))),
        }
    }

    /// What must hold for any file: each non-blank row is accounted for exactly
    /// once, in order, and planning never loses or invents a row.
    fn check(file: &ParsedFile, mapping: &CustomerMapping, seed: u64) -> Result<(), TestCaseError> {
        let existing = existing();
        let p = preview_customer_import(
            file,
            mapping,
            &existing,
            now(),
            &zones,
            &names(),
            &mut |row| id(&format!("new-{row}")),
        );
        let non_blank: Vec<usize> = file
            .rows
            .iter()
            .enumerate()
            .filter(|(_, cells)| cells.iter().any(|c| !c.trim().is_empty()))
            .map(|(i, _)| i + 2)
            .collect();
        let mut seen: Vec<usize> = valid_rows(&p)
            .into_iter()
            .chain(rejected_rows(&p))
            .collect();
        seen.sort_unstable();
        prop_assert_eq!(seen, non_blank);
        prop_assert!(p.rejected.iter().all(|r| !r.issues.is_empty()));
        for v in &p.valid {
            prop_assert!(v.duplicates.len() <= MAX_DUPLICATES_SHOWN);
            prop_assert_eq!(&v.customer.id, &id(&format!("new-{}", v.row)));
        }
        let plan = plan_customer_import(&p, &existing, &chooser(seed), now());
        prop_assert!(plan.create.len() + plan.skipped_rows.len() <= p.valid.len());
        prop_assert!(plan.merge.len() <= 1);
        Ok(())
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(1000))]

        #[test]
        fn preview_never_panics_on_arbitrary_text(
            text in any::<String>(), mapping in mapping(), seed in any::<u64>(),
        ) {
            if let Ok(file) = parse_csv(&text) {
                check(&file, &guess_customer_mapping(&file.headers), seed)?;
                check(&file, &mapping, seed)?;
            }
        }

        #[test]
        fn preview_never_panics_on_csv_like_text(
            text in "[a-zA-Z0-9,;\t\"\r\n .@+()'=/_-]{0,300}|[áéíñüß王伟李公司个人邮箱国家，、；ａ\u{feff}\u{0}\u{301} ,\"\n@.+0-9]{0,200}",
            mapping in mapping(),
            seed in any::<u64>(),
        ) {
            if let Ok(file) = parse_csv(&text) {
                check(&file, &guess_customer_mapping(&file.headers), seed)?;
                check(&file, &mapping, seed)?;
            }
        }
    }

    fn customer_line() -> impl Strategy<Value = String> {
        let name = prop::sample::select(vec![
            "Lucía García",
            "Lucia Garcia",
            "Lucia Garsia",
            "王伟",
            "",
            "A",
            "Marco Rossi",
        ]);
        let kind = prop::sample::select(vec!["", "company", "个人", "robot"]);
        let email = prop::sample::select(vec!["", "a@x.es", "A@X.ES", "b@y.de", "bad@"]);
        let phone = prop::sample::select(vec![
            "",
            "+34 612 345 678",
            "34-612-345-678",
            "12",
            "call me",
        ]);
        let country = prop::sample::select(vec!["ES", "es", "CN", "Spain", ""]);
        let zone = prop::sample::select(vec!["", "Europe/Madrid", "Mars/Base"]);
        let stage = prop::sample::select(vec!["", "loyal", "忠诚客户", "vip"]);
        (name, kind, email, phone, country, zone, stage)
            .prop_map(|(n, k, e, p, c, z, s)| format!("{n},{k},{e},{p},{c},{z},{s}"))
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(500))]

        #[test]
        fn preview_accounts_for_every_row_of_realistic_files(
            lines in proptest::collection::vec(customer_line(), 1..40), seed in any::<u64>(),
        ) {
            let text = format!("Name,Kind,Email,Phone,Country,Time zone,Stage\n{}\n", lines.join("\n"));
            let file = parse_csv(&text).unwrap();
            let mapping = guess_customer_mapping(&file.headers);
            prop_assert_eq!(customer_mapping_problems(&mapping, 7), vec![]);
            check(&file, &mapping, seed)?;
            let p = preview_customer_import(&file, &mapping, &existing(), now(), &zones, &names(), &mut |row| {
                id(&format!("new-{row}"))
            });
            let mut emails = std::collections::HashSet::new();
            for v in &p.valid {
                if let Some(key) = email_key(&v.customer.email) {
                    prop_assert!(emails.insert(key), "one accepted row per email");
                }
            }
        }
    }
}
