use super::*;
use crate::domain::shared::test_futures::block_on;
use chrono::{TimeZone, Utc};

fn person(id: &str, name: &str, country: &str, day: u32) -> Customer {
    let at = Utc.with_ymd_and_hms(2026, 1, day, 0, 0, 0).unwrap();
    let mut c = Customer::minimal(CustomerId(id.into()), name, country, at);
    c.email = format!("{id}@example.com");
    c.phone = "+34 612 345 678".into();
    c.tags = vec!["wholesale".into()];
    c
}

fn names(dir: &Directory, hits: &[usize]) -> Vec<String> {
    hits.iter()
        .map(|&i| dir.at(i).unwrap().name.clone())
        .collect()
}

/// The country filter offers each country once, sorted, and follows removals.
#[test]
fn countries_are_distinct_and_sorted() {
    let mut dir = Directory::new(vec![
        person("a", "Ana", "ES", 1),
        person("b", "Ben", "DE", 2),
        person("c", "Carla", "ES", 3),
    ]);
    assert_eq!(dir.countries(), ["DE", "ES"]);
    dir.remove(&CustomerId("b".into()));
    assert_eq!(dir.countries(), ["ES"]);
    assert_eq!(Directory::new(vec![]).countries(), Vec::<String>::new());
}

#[test]
fn search_matches_every_token_case_insensitively() {
    let dir = Directory::new(vec![
        person("a", "Lucía García", "ES", 1),
        person("b", "Lucas Martin", "FR", 2),
    ]);
    let q = ListQuery {
        text: "LUC gar".into(),
        ..Default::default()
    };
    assert_eq!(names(&dir, &dir.query(&q)), ["Lucía García"]);
    let q = ListQuery {
        text: "garcia".into(),
        ..Default::default()
    };
    assert_eq!(
        names(&dir, &dir.query(&q)),
        ["Lucía García"],
        "accents are folded"
    );
}

#[test]
fn phone_search_ignores_formatting() {
    let dir = Directory::new(vec![person("a", "Ana", "ES", 1)]);
    let q = ListQuery {
        text: "612345".into(),
        ..Default::default()
    };
    assert_eq!(dir.query(&q).len(), 1);
}

#[test]
fn filters_combine() {
    let mut b = person("b", "Bea", "ES", 2);
    b.stage = RelationshipStage::Loyal;
    let dir = Directory::new(vec![
        person("a", "Ana", "ES", 1),
        b,
        person("c", "Cy", "FR", 3),
    ]);
    let q = ListQuery {
        country: Some("ES".into()),
        stage: Some(RelationshipStage::Loyal),
        ..Default::default()
    };
    assert_eq!(names(&dir, &dir.query(&q)), ["Bea"]);
    let q = ListQuery {
        kind: Some(CustomerKind::Company),
        ..Default::default()
    };
    assert!(dir.query(&q).is_empty());
}

#[test]
fn sorts_by_name_created_and_descending() {
    let dir = Directory::new(vec![
        person("a", "carla", "ES", 3),
        person("b", "Álvaro", "ES", 1),
        person("c", "Bruno", "ES", 2),
    ]);
    let by_name = ListQuery::default();
    assert_eq!(
        names(&dir, &dir.query(&by_name)),
        ["Álvaro", "Bruno", "carla"]
    );
    let newest_first = ListQuery {
        sort: SortKey::Created,
        descending: true,
        ..Default::default()
    };
    assert_eq!(
        names(&dir, &dir.query(&newest_first)),
        ["carla", "Bruno", "Álvaro"]
    );
}

#[test]
fn upsert_replaces_and_remove_keeps_positions_consistent() {
    let mut dir = Directory::new(vec![
        person("a", "Ana", "ES", 1),
        person("b", "Bea", "ES", 2),
        person("c", "Cy", "ES", 3),
    ]);
    let mut renamed = person("b", "Beatriz", "ES", 2);
    renamed.revision = 1;
    dir.upsert(renamed);
    assert_eq!(dir.len(), 3);
    assert_eq!(
        dir.remove(&CustomerId("a".into())).map(|c| c.name),
        Some("Ana".into())
    );
    assert_eq!(
        dir.get(&CustomerId("c".into())).map(|c| c.name.as_str()),
        Some("Cy")
    );
    assert_eq!(
        dir.get(&CustomerId("b".into())).map(|c| c.name.as_str()),
        Some("Beatriz")
    );
    assert!(dir.remove(&CustomerId("a".into())).is_none());
    let q = ListQuery {
        text: "beatriz".into(),
        ..Default::default()
    };
    assert_eq!(dir.query(&q).len(), 1);
}

#[test]
fn building_in_steps_equals_building_at_once() {
    let customers: Vec<Customer> = (0..12_001u32)
        .map(|i| {
            person(
                &format!("c{i:05}"),
                &format!("N{}", i % 97),
                "ES",
                1 + i % 27,
            )
        })
        .collect();
    let pauses = std::cell::Cell::new(0);
    let mut stepped = Directory::default();
    block_on(stepped.extend_in_steps(customers.clone(), || {
        pauses.set(pauses.get() + 1);
        std::future::ready(())
    }));
    assert_eq!(pauses.get(), 2, "three slices, a pause between each");
    let at_once = Directory::new(customers);
    assert_eq!(stepped.len(), at_once.len());
    for text in ["", "n1", "c0000", "n96 es"] {
        let q = ListQuery {
            text: text.into(),
            ..ListQuery::default()
        };
        let ids = |d: &Directory| -> Vec<CustomerId> {
            d.query(&q)
                .into_iter()
                .map(|i| d.at(i).unwrap().id.clone())
                .collect()
        };
        assert_eq!(ids(&stepped), ids(&at_once), "{text}");
    }
}

#[test]
fn the_name_order_follows_every_change_after_a_query() {
    let ids = |d: &Directory, q: &ListQuery| -> Vec<String> {
        d.query(q)
            .into_iter()
            .map(|i| d.at(i).unwrap().id.to_string())
            .collect()
    };
    let by_name = ListQuery::default();
    let descending = ListQuery {
        descending: true,
        ..ListQuery::default()
    };
    let mut dir = Directory::new(vec![
        person("a", "Cy", "ES", 1),
        person("b", "Ana", "ES", 1),
        person("c", "ana", "FR", 1),
    ]);
    assert_eq!(ids(&dir, &by_name), ["b", "c", "a"]);
    assert_eq!(ids(&dir, &descending), ["a", "c", "b"]);
    dir.upsert(person("b", "Zoë", "ES", 1));
    assert_eq!(ids(&dir, &by_name), ["c", "a", "b"], "after a rename");
    dir.upsert(person("d", "Álvaro", "ES", 1));
    assert_eq!(ids(&dir, &by_name), ["d", "c", "a", "b"], "after an insert");
    dir.remove(&CustomerId("d".into()));
    dir.remove(&CustomerId("c".into()));
    assert_eq!(
        ids(&dir, &by_name),
        ["a", "b"],
        "after removals that move records"
    );
    let fresh = Directory::new(dir.iter().cloned().collect());
    let text = ListQuery {
        text: "es".into(),
        ..ListQuery::default()
    };
    assert_eq!(ids(&dir, &text), ids(&fresh, &text));
}

#[test]
fn building_in_steps_keeps_the_last_of_an_id_given_twice() {
    let mut second = person("a", "Zed", "ES", 2);
    second.email = "later@example.com".into();
    let customers = vec![
        person("a", "Ana", "ES", 1),
        person("b", "Bo", "FR", 1),
        second,
    ];
    let mut stepped = Directory::default();
    block_on(stepped.extend_in_steps(customers.clone(), || std::future::ready(())));
    assert_eq!(stepped.len(), 2);
    let a = stepped.get(&CustomerId("a".into())).unwrap();
    assert_eq!(a.email, "later@example.com");
    let found = stepped.query(&ListQuery {
        text: "zed".into(),
        ..ListQuery::default()
    });
    assert_eq!(found.len(), 1, "the keys are the later record's");
}

#[test]
fn tier_and_owner_filters_narrow_the_list() {
    let mut ana = person("a", "Ana", "ES", 1);
    ana.owner = " Mei ".into();
    let mut bea = person("b", "Bea", "ES", 2);
    bea.owner = "Tom".into();
    let cy = person("c", "Cy", "ES", 3);
    let dir = Directory::new(vec![ana, bea, cy]);
    let tier_of = |id: &CustomerId| match id.as_str() {
        "a" | "c" => Some(ValueTier::Vip),
        _ => Some(ValueTier::Small),
    };
    let vips = ListQuery {
        tier: Some(ValueTier::Vip),
        ..Default::default()
    };
    assert_eq!(
        names(&dir, &dir.query_valued(&vips, &tier_of)),
        ["Ana", "Cy"]
    );
    assert!(
        dir.query(&vips).is_empty(),
        "without tiers nobody is known to be VIP"
    );
    let meis = ListQuery {
        owner: Some("mei".into()),
        ..Default::default()
    };
    assert_eq!(names(&dir, &dir.query_valued(&meis, &tier_of)), ["Ana"]);
    let both = ListQuery {
        owner: Some("TOM".into()),
        tier: Some(ValueTier::Vip),
        ..Default::default()
    };
    assert!(dir.query_valued(&both, &tier_of).is_empty());
}

/// The stored list order (IndexedDB compares UTF-16 code units) is exactly the
/// directory's default order, emoji and full-width letters included.
#[test]
fn list_order_keys_sort_as_the_default_list_in_utf16() {
    let names = [
        "Ana",
        "Anabel",
        "ana",
        "Álvaro",
        "🚀 Rocket",
        "\u{ff21}rt",
        "王小明",
        "Zoë",
        "",
        "Ana",
    ];
    let customers: Vec<Customer> = names
        .iter()
        .enumerate()
        .map(|(i, name)| person(&format!("id-{}", 9 - i), name, "ES", 1))
        .collect();
    let dir = Directory::new(customers.clone());
    let listed: Vec<String> = dir
        .query(&ListQuery::default())
        .iter()
        .map(|&i| dir.at(i).unwrap().id.to_string())
        .collect();
    let mut by_key: Vec<(Vec<u16>, String)> = customers
        .iter()
        .map(|c| (list_order_key(c).encode_utf16().collect(), c.id.to_string()))
        .collect();
    by_key.sort();
    let stored: Vec<String> = by_key.into_iter().map(|(_, id)| id).collect();
    assert_eq!(stored, listed);
}
