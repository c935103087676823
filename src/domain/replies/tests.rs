use std::collections::BTreeMap;

use chrono::{NaiveDate, TimeZone, Utc};

use super::*;
use crate::domain::complaints::Temperament;
use crate::domain::customers::{Customer, CustomerId, RelationshipStage};
use crate::domain::orders::{CurrencyCode, Money, Order, OrderDetails, OrderStatus};

fn shipped_file(name: &str) -> String {
    let path = format!("{}/static/replies/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn catalog() -> Catalog {
    Catalog::parse(&shipped_file("catalog.json")).expect("the shipped catalog reads")
}

fn packs() -> Vec<LanguagePack> {
    catalog()
        .languages
        .iter()
        .map(|lang| {
            let file = format!("{lang}.json");
            LanguagePack::parse(&shipped_file(&file), &file).expect("a shipped pack reads")
        })
        .collect()
}

fn pack(lang: &str) -> LanguagePack {
    packs()
        .into_iter()
        .find(|p| p.language == lang)
        .expect("shipped language")
}

fn at(day: u32) -> chrono::DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, day, 9, 0, 0)
        .single()
        .expect("valid test time")
}

fn edit(id: &str, day: u32, change: ReplyChange) -> ReplyEdit {
    ReplyEdit {
        id: id.into(),
        at: at(day),
        change,
    }
}

fn text_edit(id: &str, day: u32, scenario: &str, language: &str, text: &str) -> ReplyEdit {
    edit(
        id,
        day,
        ReplyChange::Text {
            scenario: scenario.into(),
            language: language.into(),
            text: text.into(),
        },
    )
}

// --- The shipped library -------------------------------------------------------

/// Every language the catalog lists has a file, the file says which language it
/// is, and it has a text for every scenario of the catalog and no other.
#[test]
fn every_shipped_language_covers_every_scenario() {
    let catalog = catalog();
    let ids: Vec<&str> = catalog.scenarios.iter().map(|s| s.id.as_str()).collect();
    assert!(catalog.languages.len() >= 14, "{:?}", catalog.languages);
    for required in [
        "en", "es", "fr", "de", "it", "pt", "ru", "ja", "ko", "ar", "pl", "tr", "nl", "zh",
    ] {
        assert!(
            catalog.languages.iter().any(|l| l == required),
            "{required} missing"
        );
    }
    for pack in packs() {
        let mut have: Vec<&str> = pack.templates.keys().map(String::as_str).collect();
        let mut want = ids.clone();
        have.sort_unstable();
        want.sort_unstable();
        assert_eq!(have, want, "{}", pack.language);
    }
}

/// A scenario says the same things in every language: the same placeholders, so a
/// buyer never misses a tracking number just because of their language.
#[test]
fn every_language_variant_has_the_placeholders_of_english() {
    let english = pack("en");
    for pack in packs() {
        for (scenario, text) in &pack.templates {
            let mut used = Template::parse(text)
                .expect("shipped text parses")
                .placeholders();
            let mut expected = Template::parse(&english.templates[scenario])
                .expect("English parses")
                .placeholders();
            used.sort();
            expected.sort();
            assert_eq!(used, expected, "{} / {scenario}", pack.language);
        }
    }
}

/// Each automatic situation preselects exactly one shipped scenario, and every
/// scenario has a shortcut, a purpose and a hint in both interface languages.
#[test]
fn the_catalog_suggests_one_scenario_per_situation() {
    let catalog = catalog();
    for situation in Suggestion::ALL {
        let count = catalog
            .scenarios
            .iter()
            .filter(|s| s.suggest == situation)
            .count();
        if situation == Suggestion::Manual {
            assert!(count > 0);
        } else {
            assert_eq!(count, 1, "{situation:?}");
        }
    }
    let mut shortcuts = BTreeMap::new();
    for s in &catalog.scenarios {
        assert!(valid_code(&s.id), "{}", s.id);
        for text in [&s.name, &s.purpose, &s.when] {
            assert!(
                !text.en.trim().is_empty() && !text.zh.trim().is_empty(),
                "{}",
                s.id
            );
        }
        assert!(
            shortcuts.insert(s.shortcut.clone(), s.id.clone()).is_none(),
            "{}",
            s.shortcut
        );
    }
    for phase in Phase::ALL {
        assert!(
            catalog.scenarios.iter().any(|s| s.phase == phase),
            "{phase:?}"
        );
    }
}

/// Chinese and Japanese texts use full-width punctuation; Arabic is written in
/// Arabic script (the panel sets `dir` from the language).
#[test]
fn script_conventions_hold_in_cjk_and_arabic() {
    for lang in ["zh", "ja"] {
        for (scenario, text) in &pack(lang).templates {
            for mark in [",", ";", "!", "?", "(", ")"] {
                assert!(
                    !text.contains(mark),
                    "{lang}/{scenario} has half-width {mark}"
                );
            }
        }
    }
    for (scenario, text) in &pack("ar").templates {
        let arabic = text
            .chars()
            .filter(|c| ('\u{0600}'..='\u{06FF}').contains(c))
            .count();
        assert!(
            arabic * 2 > text.chars().filter(|c| c.is_alphabetic()).count(),
            "{scenario}"
        );
    }
}

/// A file of the wrong kind or a later version is refused by name, not half-read.
#[test]
fn shipped_files_of_another_kind_or_version_are_refused() {
    let en = shipped_file("en.json");
    assert!(matches!(
        Catalog::parse(&en),
        Err(ShippedFileProblem::Shape { file, .. }) if file == "catalog.json"
    ));
    let catalog = shipped_file("catalog.json");
    assert!(LanguagePack::parse(&catalog, "de.json").is_err());
    let newer = en.replacen("\"version\": 1", "\"version\": 2", 1);
    assert_ne!(newer, en);
    assert!(matches!(
        LanguagePack::parse(&newer, "en.json"),
        Err(ShippedFileProblem::Shape { detail, .. }) if detail.contains("version 2")
    ));
    let broken = en.replacen("{buyer_name}", "{buyer}", 1);
    assert!(matches!(
        LanguagePack::parse(&broken, "en.json"),
        Err(ShippedFileProblem::Template {
            problem: TemplateProblem::UnknownPlaceholder { .. },
            ..
        })
    ));
}

// --- Templates -------------------------------------------------------------------

#[test]
fn a_template_lists_its_placeholders_once_in_order_of_use() {
    let t =
        Template::parse("{buyer_name}: {order_number} / {buyer_name} {{literal}}").expect("valid");
    assert_eq!(
        t.placeholders(),
        vec![Placeholder::BuyerName, Placeholder::OrderNumber]
    );
    let values = BTreeMap::from([
        (Placeholder::BuyerName, "Anna".to_owned()),
        (Placeholder::OrderNumber, "A-1".to_owned()),
    ]);
    let rendered = t.render(&values);
    assert_eq!(rendered.text, "Anna: A-1 / Anna {literal}");
    assert!(rendered.ready());
}

#[test]
fn rendering_lists_every_missing_value_and_marks_its_place() {
    let t =
        Template::parse("Hi {buyer_name}, {carrier} {tracking_number} {carrier}").expect("valid");
    let values = BTreeMap::from([
        (Placeholder::BuyerName, "Anna".to_owned()),
        (Placeholder::TrackingNumber, "  ".to_owned()),
    ]);
    let rendered = t.render(&values);
    assert_eq!(
        rendered.missing,
        vec![Placeholder::Carrier, Placeholder::TrackingNumber]
    );
    assert_eq!(
        rendered.text,
        "Hi Anna, {carrier} {tracking_number} {carrier}"
    );
    assert!(!rendered.ready());
}

#[test]
fn template_problems_say_where_they_are() {
    let unknown = Template::parse("Hello\nyour {trackng_number} is").unwrap_err();
    assert_eq!(
        unknown,
        TemplateProblem::UnknownPlaceholder {
            name: "trackng_number".into(),
            line: 2,
            column: 6
        }
    );
    assert_eq!(unknown.position(), Some((2, 6)));
    assert_eq!(
        Template::parse("ab {carrier").unwrap_err(),
        TemplateProblem::Unclosed { line: 1, column: 4 }
    );
    assert_eq!(
        Template::parse("x\n{carrier\n}").unwrap_err(),
        TemplateProblem::Unclosed { line: 2, column: 1 }
    );
    assert_eq!(
        Template::parse("a {{b}} c }").unwrap_err(),
        TemplateProblem::StrayClose {
            line: 1,
            column: 11
        }
    );
    // Columns keep counting after a placeholder and after an escaped brace.
    assert_eq!(
        Template::parse("Hi {buyer_name} {bad}")
            .unwrap_err()
            .position(),
        Some((1, 17))
    );
    assert_eq!(
        Template::parse("{carrier}{{x}} }").unwrap_err(),
        TemplateProblem::StrayClose {
            line: 1,
            column: 16
        }
    );
    // Columns count characters: the ü before the slot is one column.
    assert_eq!(
        Template::parse("Grüße {x}").unwrap_err().position(),
        Some((1, 7))
    );
    assert_eq!(Template::parse(" \n ").unwrap_err(), TemplateProblem::Empty);
    let long = "a".repeat(MAX_TEMPLATE_CHARS + 1);
    assert_eq!(
        Template::parse(&long).unwrap_err(),
        TemplateProblem::TooLong {
            chars: MAX_TEMPLATE_CHARS + 1
        }
    );
    assert!(Template::parse(&"a".repeat(MAX_TEMPLATE_CHARS)).is_ok());
}

// --- The team's edits --------------------------------------------------------------

#[test]
fn a_team_text_replaces_the_shipped_one_until_reset() {
    let de = pack("de");
    let shipped = de.templates["shipped_tracking"].clone();
    let packs = [de];
    let find = |l: &str| packs.iter().find(|p| p.language == l);
    let mut edits = vec![text_edit(
        "e1",
        2,
        "shipped_tracking",
        "de",
        "Hallo {buyer_name}",
    )];
    let library = ReplyLibrary::new(catalog(), edits.clone());
    let resolved = library
        .resolve("shipped_tracking", "de", find)
        .expect("text");
    assert_eq!(resolved.text, "Hallo {buyer_name}");
    assert_eq!(resolved.origin, Origin::Custom(at(2)));
    assert!(!resolved.fell_back);
    assert_eq!(resolved.name_form, NameForm::Full);

    edits.push(edit(
        "e2",
        3,
        ReplyChange::Reset {
            scenario: "shipped_tracking".into(),
            language: "de".into(),
        },
    ));
    let library = ReplyLibrary::new(catalog(), edits);
    let resolved = library
        .resolve("shipped_tracking", "de", find)
        .expect("text");
    assert_eq!(resolved.text, shipped);
    assert_eq!(resolved.origin, Origin::Shipped);
    // Both versions stay in the history, newest first.
    let history: Vec<&str> = library
        .history("shipped_tracking", "de")
        .iter()
        .map(|e| e.id.as_str())
        .collect();
    assert_eq!(history, ["e2", "e1"]);
}

#[test]
fn edits_apply_in_time_order_whatever_order_they_are_read_in() {
    let edits = vec![
        text_edit("b", 5, "win_back", "en", "newer {buyer_name}"),
        text_edit("a", 4, "win_back", "en", "older {buyer_name}"),
    ];
    let library = ReplyLibrary::new(catalog(), edits);
    assert_eq!(
        library.custom_text("win_back", "en").map(|(t, _)| t),
        Some("newer {buyer_name}")
    );
    // Same instant: the id decides, the same way on every device.
    let tie = vec![
        text_edit("z", 4, "win_back", "en", "z {buyer_name}"),
        text_edit("y", 4, "win_back", "en", "y {buyer_name}"),
    ];
    let library = ReplyLibrary::new(catalog(), tie);
    assert_eq!(
        library.custom_text("win_back", "en").map(|(t, _)| t),
        Some("z {buyer_name}")
    );
}

/// A language without a text falls back to English and says so.
#[test]
fn a_missing_language_falls_back_to_english_visibly() {
    let en = pack("en");
    let packs = [en.clone()];
    let find = |l: &str| packs.iter().find(|p| p.language == l);
    let library = ReplyLibrary::new(catalog(), vec![]);
    assert_eq!(library.language_for("sv-SE"), "sv");
    let resolved = library
        .resolve("first_inquiry", "sv", find)
        .expect("English");
    assert!(resolved.fell_back);
    assert_eq!(resolved.language, "en");
    assert_eq!(resolved.text, en.templates["first_inquiry"]);
    // English itself never "falls back".
    assert!(
        !library
            .resolve("first_inquiry", "en", find)
            .expect("text")
            .fell_back
    );
    // A team text in Swedish is used as soon as it exists, and Swedish joins the list.
    let library = ReplyLibrary::new(
        catalog(),
        vec![text_edit("s", 1, "first_inquiry", "sv", "Hej {buyer_name}")],
    );
    assert!(library.languages().contains(&"sv".to_owned()));
    let resolved = library
        .resolve("first_inquiry", "sv", find)
        .expect("Swedish");
    assert!(!resolved.fell_back);
    assert_eq!(resolved.text, "Hej {buyer_name}");
}

#[test]
fn buyer_language_tags_map_to_library_languages() {
    let library = ReplyLibrary::new(catalog(), vec![]);
    assert_eq!(library.language_for("pt-BR"), "pt");
    assert_eq!(library.language_for("ar_AE"), "ar");
    assert_eq!(library.language_for("ZH-Hans"), "zh");
    assert_eq!(library.language_for(""), "en");
    let with_variant = ReplyLibrary::new(
        catalog(),
        vec![text_edit(
            "v",
            1,
            "first_inquiry",
            "pt-br",
            "Oi {buyer_name}",
        )],
    );
    assert_eq!(with_variant.language_for("pt-BR"), "pt-br");
}

#[test]
fn team_scenarios_renames_and_disabling() {
    let edits = vec![
        edit(
            "s1",
            1,
            ReplyChange::Scenario {
                scenario: "wholesale_terms".into(),
                phase: Phase::PreSale,
                name: "Wholesale terms".into(),
                purpose: "Explain bulk prices.".into(),
                shortcut: "bulk".into(),
            },
        ),
        edit(
            "s2",
            2,
            ReplyChange::Scenario {
                scenario: "first_inquiry".into(),
                phase: Phase::PreSale,
                name: "Hello".into(),
                purpose: "Greet.".into(),
                shortcut: "hello".into(),
            },
        ),
        edit(
            "s3",
            3,
            ReplyChange::Enabled {
                scenario: "first_inquiry".into(),
                enabled: false,
            },
        ),
    ];
    let library = ReplyLibrary::new(catalog(), edits.clone());
    let added = library.scenario("wholesale_terms").expect("added");
    // The team's own scenario is redefined whole by a later definition.
    let mut redefined = edits.clone();
    redefined.push(edit(
        "s9",
        9,
        ReplyChange::Scenario {
            scenario: "wholesale_terms".into(),
            phase: Phase::AfterSale,
            name: "Bulk reorder".into(),
            purpose: "".into(),
            shortcut: "reorder".into(),
        },
    ));
    let later = ReplyLibrary::new(catalog(), redefined)
        .scenario("wholesale_terms")
        .expect("still there");
    assert_eq!(later.scenario.phase, Phase::AfterSale);
    assert_eq!(later.scenario.name.en, "Bulk reorder");
    assert!(added.scenario.custom && added.enabled);
    assert_eq!(added.scenario.suggest, Suggestion::Manual);
    let renamed = library.scenario("first_inquiry").expect("shipped");
    assert_eq!(renamed.scenario.name.en, "Hello");
    assert_eq!(renamed.scenario.shortcut, "hello");
    // A rename keeps what the shipped scenario is suggested for.
    assert_eq!(renamed.scenario.suggest, Suggestion::NoOrders);
    assert!(!renamed.enabled);
    assert_eq!(library.suggested(Suggestion::NoOrders), None);
    let mut enabled_again = edits;
    enabled_again.push(edit(
        "s4",
        4,
        ReplyChange::Enabled {
            scenario: "first_inquiry".into(),
            enabled: true,
        },
    ));
    let library = ReplyLibrary::new(catalog(), enabled_again);
    assert_eq!(
        library.suggested(Suggestion::NoOrders).as_deref(),
        Some("first_inquiry")
    );
}

// --- Filling -------------------------------------------------------------------------

struct PlainFormat;
impl BuyerFormat for PlainFormat {
    fn money(&self, amount: Money) -> String {
        amount.format_plain()
    }
    fn date(&self, date: NaiveDate) -> String {
        date.format("%d.%m.%Y").to_string()
    }
    fn number(&self, n: u64) -> String {
        n.to_string()
    }
}

fn day(d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, d).expect("valid date")
}

fn customer(name: &str) -> Customer {
    let mut c = Customer::minimal(CustomerId("c1".into()), name, "DE", at(1));
    c.language = "de-DE".into();
    c
}

fn shipped_order() -> Order {
    Order {
        id: "shop:A-17".into(),
        customer_id: CustomerId("c1".into()),
        number: "A-17".into(),
        channel: "shop".into(),
        placed_on: day(3),
        total: Money::new(4_990, CurrencyCode::parse("EUR").expect("code")),
        status: OrderStatus::Shipped,
        cost_of_goods: 0,
        shipping_cost: 0,
        discount: 0,
        refunded: 0,
        details: OrderDetails {
            product: "LED desk lamp".into(),
            quantity: Some(2),
            carrier: "DHL".into(),
            tracking_number: "JD 0146 0000 1234".into(),
            promised_on: Some(day(12)),
        },
    }
}

#[test]
fn names_take_the_form_the_language_expects() {
    assert_eq!(
        buyer_name("Anna Maria Schmidt", NameForm::Full),
        "Anna Maria Schmidt"
    );
    assert_eq!(buyer_name("Anna  Schmidt", NameForm::Given), "Anna");
    assert_eq!(buyer_name("Hiroshi Tanaka", NameForm::Family), "Tanaka");
    assert_eq!(buyer_name("王小明", NameForm::Given), "王小明");
    assert_eq!(buyer_name("王小明", NameForm::Family), "王小明");
    assert_eq!(buyer_name("Madonna", NameForm::Given), "Madonna");
    assert_eq!(buyer_name("   ", NameForm::Full), "");
}

#[test]
fn the_order_fills_its_placeholders_in_the_buyers_format() {
    let customer = customer("Anna Schmidt");
    let order = shipped_order();
    let signature = Signature {
        rep_name: "Lena".into(),
        shop_name: " ".into(),
    };
    let facts = ReplyFacts {
        customer: &customer,
        order: Some(&order),
        signature: &signature,
        buyer_today: day(15),
    };
    let values = known_values(&facts, NameForm::Given, &PlainFormat);
    let get = |p: Placeholder| values.get(&p).map(String::as_str);
    assert_eq!(get(Placeholder::BuyerName), Some("Anna"));
    assert_eq!(get(Placeholder::OrderNumber), Some("A-17"));
    assert_eq!(get(Placeholder::Amount), Some("49.90 EUR"));
    assert_eq!(get(Placeholder::OrderDate), Some("03.11.2026"));
    assert_eq!(get(Placeholder::PromisedDate), Some("12.11.2026"));
    assert_eq!(get(Placeholder::Quantity), Some("2"));
    assert_eq!(get(Placeholder::Carrier), Some("DHL"));
    assert_eq!(get(Placeholder::DelayDays), Some("3"));
    assert_eq!(
        get(Placeholder::TrackingLink),
        Some("https://www.dhl.com/global-en/home/tracking.html?tracking-id=JD014600001234")
    );
    assert_eq!(get(Placeholder::RepName), Some("Lena"));
    // Blank and rep-only values are left for the rep.
    for p in [
        Placeholder::ShopName,
        Placeholder::Answer,
        Placeholder::Alternative,
    ] {
        assert_eq!(get(p), None, "{p:?}");
    }
    // Without an order, nothing of an order is invented.
    let no_order = ReplyFacts {
        order: None,
        ..facts
    };
    let values = known_values(&no_order, NameForm::Full, &PlainFormat);
    assert!(
        values.keys().all(|p| p.source() != ValueSource::Order),
        "{values:?}"
    );
}

#[test]
fn delay_counts_only_shipped_orders_past_their_promise() {
    let mut order = shipped_order();
    assert_eq!(delay_days(&order, day(12)), None);
    assert_eq!(delay_days(&order, day(13)), Some(1));
    order.status = OrderStatus::Delivered;
    assert_eq!(delay_days(&order, day(20)), None);
    order.status = OrderStatus::Shipped;
    order.details.promised_on = None;
    assert_eq!(delay_days(&order, day(20)), None);
}

/// Each known carrier gets its own tracking page, whatever the spelling of its name.
#[test]
fn every_known_carrier_links_to_its_own_page() {
    let carriers = [
        ("DHL Express", "https://www.dhl.com/"),
        ("UPS", "https://www.ups.com/"),
        ("FedEx", "https://www.fedex.com/"),
        ("USPS", "https://tools.usps.com/"),
        ("Royal Mail", "https://www.royalmail.com/"),
        ("Deutsche Post", "https://www.deutschepost.de/"),
        ("DHL Paket", "https://www.deutschepost.de/"),
        ("La Poste", "https://www.laposte.fr/"),
        ("Colissimo", "https://www.laposte.fr/"),
        ("Japan Post", "https://trackings.post.japanpost.jp/"),
        ("YunExpress", "https://www.yuntrack.com/"),
        ("4PX", "https://track.4px.com/"),
    ];
    for (carrier, page) in carriers {
        let link = tracking_link(carrier, "AB12").expect("a link");
        assert!(link.starts_with(page), "{carrier}: {link}");
        assert!(link.contains("AB12"), "{carrier}: {link}");
    }
}

#[test]
fn tracking_links_know_common_carriers_and_fall_back_to_a_tracker() {
    assert_eq!(
        tracking_link("Royal Mail", "AB 123 GB").as_deref(),
        Some("https://www.royalmail.com/track-your-item#/tracking-results/AB123GB")
    );
    assert_eq!(
        tracking_link("ups", "1Z999").as_deref(),
        Some("https://www.ups.com/track?tracknum=1Z999")
    );
    assert_eq!(
        tracking_link("Some Local Post", "RR1").as_deref(),
        Some("https://t.17track.net/en#nums=RR1")
    );
    // Nothing but punctuation is no number; nothing can be injected into the link.
    assert_eq!(tracking_link("DHL", " - "), None);
    assert_eq!(
        tracking_link("DHL", "1<script>").as_deref(),
        Some("https://www.dhl.com/global-en/home/tracking.html?tracking-id=1script")
    );
}

#[test]
fn the_situation_follows_complaint_stage_and_order() {
    use crate::domain::complaints::Complaint;
    let mut customer = customer("Anna Schmidt");
    let mut order = shipped_order();
    assert_eq!(
        situation(&customer, None, None, day(5)),
        Suggestion::NoOrders
    );
    assert_eq!(
        situation(&customer, Some(&order), None, day(5)),
        Suggestion::OrderShipped
    );
    assert_eq!(
        situation(&customer, Some(&order), None, day(20)),
        Suggestion::OrderLate
    );
    order.status = OrderStatus::Paid;
    assert_eq!(
        situation(&customer, Some(&order), None, day(5)),
        Suggestion::OrderPaid
    );
    order.status = OrderStatus::Delivered;
    assert_eq!(
        situation(&customer, Some(&order), None, day(5)),
        Suggestion::OrderDelivered
    );
    order.status = OrderStatus::Cancelled;
    assert_eq!(
        situation(&customer, Some(&order), None, day(5)),
        Suggestion::NoOrders
    );
    customer.stage = RelationshipStage::Lost;
    assert_eq!(
        situation(&customer, Some(&order), None, day(5)),
        Suggestion::StageLost
    );
    let mut complaint = Complaint::open("k1".into(), customer.id.clone(), at(4));
    assert_eq!(
        situation(&customer, Some(&order), Some(&complaint), day(5)),
        Suggestion::ComplaintEmotional
    );
    complaint.temperament = Some(Temperament::Prepared);
    assert_eq!(
        situation(&customer, None, Some(&complaint), day(5)),
        Suggestion::ComplaintPrepared
    );
    complaint.temperament = Some(Temperament::Stubborn);
    assert_eq!(
        situation(&customer, None, Some(&complaint), day(5)),
        Suggestion::ComplaintStubborn
    );
}

#[test]
fn the_latest_order_is_the_one_placed_last() {
    let mut a = shipped_order();
    let mut b = shipped_order();
    a.id = "a".into();
    b.id = "b".into();
    b.placed_on = day(9);
    let orders = [b.clone(), a];
    assert_eq!(latest_order(&orders).map(|o| o.id.as_str()), Some("b"));
    assert_eq!(latest_order(&[]), None);
}

// --- The translators' file --------------------------------------------------------------

#[test]
fn an_exported_library_reads_back_without_changes() {
    let packs = packs();
    let library = ReplyLibrary::new(
        catalog(),
        vec![
            text_edit(
                "e",
                1,
                "win_back",
                "de",
                "Hallo {buyer_name}, {rep_name} {shop_name}",
            ),
            edit(
                "d",
                2,
                ReplyChange::Enabled {
                    scenario: "samples".into(),
                    enabled: false,
                },
            ),
            edit(
                "n",
                3,
                ReplyChange::Scenario {
                    scenario: "bulk".into(),
                    phase: Phase::PreSale,
                    name: "Bulk".into(),
                    purpose: "".into(),
                    shortcut: "bulk".into(),
                },
            ),
            text_edit("t", 4, "bulk", "en", "Bulk {buyer_name}"),
        ],
    );
    let file = export_library(&library, &packs, at(5));
    assert!(file.contains("Hallo {buyer_name}"));
    // Shipped texts travel too, each in its own language.
    let exported: serde_json::Value = serde_json::from_str(&file).expect("json");
    let texts = exported["texts"].as_array().expect("texts");
    let shipped_ja = &packs
        .iter()
        .find(|p| p.language == "ja")
        .expect("ja")
        .templates["samples"];
    assert!(texts.iter().any(|t| t["language"] == "ja"
        && t["scenario"] == "samples"
        && t["text"] == shipped_ja.as_str()));
    // Every shipped text once (the edited German one in place of its shipped text),
    // and the team scenario's English text.
    assert_eq!(texts.len(), 14 * 28 + 1);
    // A scenario definition changed in any one field comes back as a change.
    for (field, value) in [
        ("phase", "after_sale"),
        ("name", "Bulk!"),
        ("purpose", "why"),
        ("shortcut", "bulk2"),
    ] {
        let mut changed = exported.clone();
        let scenario = changed["scenarios"]
            .as_array_mut()
            .and_then(|all| all.iter_mut().find(|s| s["id"] == "bulk"))
            .expect("the team scenario is exported");
        scenario[field] = value.into();
        let changes = read_library_file(&changed.to_string(), &library, &packs).expect("valid");
        assert!(
            matches!(changes.as_slice(), [ReplyChange::Scenario { scenario, .. }] if scenario == "bulk"),
            "{field}: {changes:?}"
        );
    }
    assert_eq!(read_library_file(&file, &library, &packs), Ok(vec![]));
    // Read into an unedited library, it brings every edit back.
    let fresh = ReplyLibrary::new(catalog(), vec![]);
    let changes = read_library_file(&file, &fresh, &packs).expect("valid file");
    assert!(changes.contains(&ReplyChange::Text {
        scenario: "win_back".into(),
        language: "de".into(),
        text: "Hallo {buyer_name}, {rep_name} {shop_name}".into()
    }));
    assert!(changes.contains(&ReplyChange::Enabled {
        scenario: "samples".into(),
        enabled: false
    }));
    assert!(changes
        .iter()
        .any(|c| matches!(c, ReplyChange::Scenario { scenario, .. } if scenario == "bulk")));
    assert_eq!(changes.len(), 4, "{changes:?}");
}

#[test]
fn a_text_back_at_its_shipped_wording_becomes_a_reset() {
    let packs = packs();
    let library = ReplyLibrary::new(
        catalog(),
        vec![text_edit("e", 1, "win_back", "de", "Hallo {buyer_name}")],
    );
    let shipped = packs
        .iter()
        .find(|p| p.language == "de")
        .expect("de")
        .templates["win_back"]
        .clone();
    let file = serde_json::json!({
        "format": LIBRARY_FILE_FORMAT, "version": 1,
        "texts": [{"scenario": "win_back", "language": "de", "text": shipped}]
    })
    .to_string();
    assert_eq!(
        read_library_file(&file, &library, &packs),
        Ok(vec![ReplyChange::Reset {
            scenario: "win_back".into(),
            language: "de".into()
        }])
    );
}

#[test]
fn a_broken_library_file_names_the_line_and_the_template() {
    let packs = packs();
    let library = ReplyLibrary::new(catalog(), vec![]);
    let file = "{\n \"format\": \"crm-reply-library\",\n \"texts\": [\n  {\"scenario\": \"win_back\", \"language\": \"fr\",\n   \"text\": \"ok {buyer_name}\"},\n  {\"scenario\": \"win_back\", \"language\": \"de\",\n   \"text\": \"Hallo\\n{käufer}\"}\n ]\n}";
    assert_eq!(
        read_library_file(file, &library, &packs),
        Err(LibraryFileProblem::Template {
            line: 7,
            scenario: "win_back".into(),
            language: "de".into(),
            problem: TemplateProblem::UnknownPlaceholder {
                name: "käufer".into(),
                line: 2,
                column: 1
            }
        })
    );
    let broken = "{\"format\": \"crm-reply-library\",\n\"texts\": [ {\"scenario\": 1 ";
    assert!(matches!(
        read_library_file(broken, &library, &packs),
        Err(LibraryFileProblem::NotJson { line: 2, .. })
    ));
    assert!(matches!(
        read_library_file("{\"format\": \"crm-backup\"}", &library, &packs),
        Err(LibraryFileProblem::NotALibraryFile { .. })
    ));
    let unknown = "{\"format\": \"crm-reply-library\", \"texts\": [{\"scenario\": \"nope\", \"language\": \"de\", \"text\": \"x\"}]}";
    assert!(matches!(
        read_library_file(unknown, &library, &packs),
        Err(LibraryFileProblem::UnknownScenario { line: 1, .. })
    ));
    let twice = "{\"format\": \"crm-reply-library\", \"texts\": [\n{\"scenario\": \"win_back\", \"language\": \"de\", \"text\": \"x\"},\n{\"scenario\": \"win_back\", \"language\": \"DE\", \"text\": \"y\"}]}";
    assert_eq!(
        read_library_file(twice, &library, &packs),
        Err(LibraryFileProblem::Repeated {
            line: 3,
            scenario: "win_back".into(),
            language: "de".into()
        })
    );
    let bad_code = "{\"format\": \"crm-reply-library\", \"scenarios\": [\n{\"id\": \"Bad Id\", \"phase\": \"pre_sale\", \"name\": \"x\"}]}";
    assert!(matches!(
        read_library_file(bad_code, &library, &packs),
        Err(LibraryFileProblem::BadCode {
            line: 2,
            what: "scenario",
            ..
        })
    ));
}
