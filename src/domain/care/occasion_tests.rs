//! Occasions and shipping cut-offs (the shipped holiday table as data).

use std::collections::{HashMap, HashSet};

use chrono::{NaiveDate, TimeZone, Utc};

use super::calendar::{GreetingKind, HolidayTable};
use super::occasions::*;
use crate::domain::contacts::ContactChannel;
use crate::domain::customers::{
    CompanyProfile, Customer, CustomerId, FamilyDate, IndividualProfile, Profile, RelationshipStage,
};
use crate::domain::value::ValueTier;

const HOLIDAYS: &str = include_str!("../../../static/care/holidays.json");

fn table() -> HolidayTable {
    HolidayTable::parse(HOLIDAYS, "holidays.json").unwrap()
}

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

// ---- occasions ----

fn person(id: &str, country: &str, birthday: Option<NaiveDate>) -> Customer {
    let mut c = Customer::minimal(
        CustomerId(id.into()),
        id,
        country,
        Utc.with_ymd_and_hms(2020, 1, 1, 0, 0, 0).unwrap(),
    );
    c.stage = RelationshipStage::Repeat;
    c.profile = Profile::Individual(IndividualProfile {
        birthday,
        ..IndividualProfile::default()
    });
    c
}

fn company(id: &str, founded_on: Option<NaiveDate>) -> Customer {
    let mut c = person(id, "XX", None);
    c.profile = Profile::Company(CompanyProfile {
        founded_on,
        ..CompanyProfile::default()
    });
    c
}

struct World {
    customers: Vec<Customer>,
    tiers: HashMap<CustomerId, ValueTier>,
    done: HashSet<String>,
    table: HolidayTable,
    settings: CareSettings,
}

impl World {
    fn new(customers: Vec<Customer>) -> Self {
        let tiers = customers
            .iter()
            .map(|c| (c.id.clone(), ValueTier::Vip))
            .collect();
        Self {
            customers,
            tiers,
            done: HashSet::new(),
            table: table(),
            settings: CareSettings::default(),
        }
    }

    fn input(&self, today: NaiveDate) -> CareInput<'_> {
        CareInput {
            tiers: &self.tiers,
            done: &self.done,
            table: &self.table,
            settings: &self.settings,
            today,
        }
    }

    fn keys(&self, today: NaiveDate) -> Vec<String> {
        occasions(&self.customers, &self.input(today))
            .into_iter()
            .map(|o| o.key)
            .collect()
    }
}

#[test]
fn the_window_is_today_through_fourteen_days_ahead() {
    let today = d(2026, 6, 1);
    let w = World::new(vec![
        person("yesterday", "XX", Some(d(1990, 5, 31))),
        person("today", "XX", Some(d(1990, 6, 1))),
        person("day14", "XX", Some(d(1990, 6, 15))),
        person("day15", "XX", Some(d(1990, 6, 16))),
    ]);
    let found = occasions(&w.customers, &w.input(today));
    let seen: Vec<(&str, i64)> = found
        .iter()
        .map(|o| (o.customer_id.as_str(), o.days_until))
        .collect();
    assert_eq!(seen, [("today", 0), ("day14", 14)]);
    assert_eq!(found[0].key, "2026-06-01:birthday:today");
    assert_eq!(found[0].kind, OccasionKind::Birthday);
    // Across the new year: a birthday on 3 January is 5 days from 29 December.
    let w = World::new(vec![person("jan", "XX", Some(d(1980, 1, 3)))]);
    assert_eq!(w.keys(d(2026, 12, 29)), ["2027-01-03:birthday:jan"]);
}

#[test]
fn a_29_february_birthday_falls_on_28_february_in_other_years() {
    let w = World::new(vec![person("leap", "XX", Some(d(2000, 2, 29)))]);
    assert_eq!(w.keys(d(2027, 2, 20)), ["2027-02-28:birthday:leap"]);
    assert_eq!(w.keys(d(2028, 2, 20)), ["2028-02-29:birthday:leap"]);
    assert_eq!(
        next_anniversary(d(2000, 2, 29), d(2027, 3, 1)),
        Some(d(2028, 2, 29))
    );
}

#[test]
fn key_customers_come_first_on_the_same_day_and_sooner_days_before() {
    let birthday = Some(d(1985, 3, 10));
    let mut w = World::new(vec![
        person("a-ordinary", "XX", birthday),
        person("b-major", "XX", birthday),
        person("c-vip", "XX", birthday),
        person("d-ordinary-sooner", "XX", Some(d(1985, 3, 9))),
    ]);
    w.tiers
        .insert(CustomerId("a-ordinary".into()), ValueTier::Ordinary);
    w.tiers
        .insert(CustomerId("b-major".into()), ValueTier::Major);
    w.tiers
        .insert(CustomerId("d-ordinary-sooner".into()), ValueTier::Ordinary);
    let order: Vec<String> = occasions(&w.customers, &w.input(d(2026, 3, 1)))
        .into_iter()
        .map(|o| o.customer_id.0)
        .collect();
    assert_eq!(
        order,
        ["d-ordinary-sooner", "c-vip", "b-major", "a-ordinary"]
    );
}

#[test]
fn a_done_occasion_is_hidden_and_only_that_one() {
    let mut w = World::new(vec![person("p", "US", Some(d(1970, 11, 27)))]);
    let today = d(2026, 11, 20);
    assert_eq!(
        w.keys(today),
        ["2026-11-26:thanksgiving:p", "2026-11-27:birthday:p"]
    );
    w.done.insert("2026-11-26:thanksgiving:p".into());
    assert_eq!(w.keys(today), ["2026-11-27:birthday:p"]);
    // Last year's key does not hide this year's.
    w.done = HashSet::from(["2025-11-27:birthday:p".to_owned()]);
    assert_eq!(w.keys(today).len(), 2);
}

#[test]
fn tier_actions_decide_who_is_listed_and_what_to_do() {
    let birthday = Some(d(1990, 4, 2));
    let mut w = World::new(vec![
        person("vip", "XX", birthday),
        person("major", "XX", birthday),
        person("ordinary", "XX", birthday),
        person("small", "XX", birthday),
        person("untiered", "XX", birthday),
    ]);
    w.tiers.insert(CustomerId("major".into()), ValueTier::Major);
    w.tiers
        .insert(CustomerId("ordinary".into()), ValueTier::Ordinary);
    w.tiers.insert(CustomerId("small".into()), ValueTier::Small);
    w.tiers.remove(&CustomerId("untiered".into()));
    let today = d(2026, 4, 1);
    let actions = |w: &World| -> Vec<(String, CareAction)> {
        occasions(&w.customers, &w.input(today))
            .into_iter()
            .map(|o| (o.customer_id.0, o.action))
            .collect()
    };
    assert_eq!(
        actions(&w),
        [
            ("vip".to_owned(), CareAction::GiftOrCall),
            ("major".to_owned(), CareAction::HolidayGift),
            ("ordinary".to_owned(), CareAction::Card),
        ]
    );
    w.settings.actions.set(ValueTier::Small, CareAction::Card);
    w.settings.actions.set(ValueTier::Vip, CareAction::Nothing);
    assert_eq!(
        actions(&w),
        [
            ("major".to_owned(), CareAction::HolidayGift),
            ("ordinary".to_owned(), CareAction::Card),
            ("small".to_owned(), CareAction::Card),
            ("untiered".to_owned(), CareAction::Card),
        ]
    );
    assert_eq!(CareAction::GiftOrCall.channel(), ContactChannel::Gift);
    assert_eq!(CareAction::HolidayGift.channel(), ContactChannel::Gift);
    assert_eq!(CareAction::Card.channel(), ContactChannel::Letter);
    assert_eq!(CareAction::Nothing.channel(), ContactChannel::Email);
    // The setting reads back from its JSON, and an older record without a field keeps the default.
    let json = serde_json::to_string(&w.settings).unwrap();
    assert_eq!(
        serde_json::from_str::<CareSettings>(&json).unwrap(),
        w.settings
    );
    let partial: CareSettings = serde_json::from_str(r#"{"actions":{"vip":"card"}}"#).unwrap();
    assert_eq!(partial.actions.vip, CareAction::Card);
    assert_eq!(partial.actions.major, CareAction::HolidayGift);
}

#[test]
fn lost_and_non_customers_are_left_out() {
    let birthday = Some(d(1990, 4, 2));
    let mut lost = person("lost", "XX", birthday);
    lost.stage = RelationshipStage::Lost;
    let mut non = person("non", "XX", birthday);
    non.stage = RelationshipStage::NonCustomer;
    let mut potential = person("potential", "XX", birthday);
    potential.stage = RelationshipStage::Potential;
    let w = World::new(vec![lost, non, potential]);
    assert_eq!(w.keys(d(2026, 4, 1)), ["2026-04-02:birthday:potential"]);
}

#[test]
fn family_dates_and_company_anniversaries_come_round_each_year() {
    let mut p = person("p", "XX", None);
    p.profile = Profile::Individual(IndividualProfile {
        family_dates: vec![
            FamilyDate {
                label: "Wedding anniversary".into(),
                date: d(2001, 9, 8),
            },
            FamilyDate {
                label: "Far away".into(),
                date: d(2001, 12, 8),
            },
        ],
        ..IndividualProfile::default()
    });
    let w = World::new(vec![
        p,
        company("old", Some(d(1999, 9, 5))),
        company("new", Some(d(2026, 9, 5))),
        company("unknown", None),
    ]);
    let found = occasions(&w.customers, &w.input(d(2026, 9, 1)));
    let summary: Vec<(String, OccasionKind)> = found.into_iter().map(|o| (o.key, o.kind)).collect();
    assert_eq!(
        summary,
        [
            (
                "2026-09-05:founded:old".to_owned(),
                OccasionKind::CompanyAnniversary { years: 27 }
            ),
            (
                "2026-09-08:family-0:p".to_owned(),
                OccasionKind::FamilyDate {
                    label: "Wedding anniversary".into()
                }
            ),
        ]
    );
}

#[test]
fn holidays_of_the_buyers_country_only_and_ongoing_ones_count_as_today() {
    let w = World::new(vec![person("ae", "ae", None), person("us", "US", None)]);
    let found = occasions(&w.customers, &w.input(d(2026, 12, 1)));
    let keys: Vec<&str> = found.iter().map(|o| o.key.as_str()).collect();
    assert_eq!(keys, ["2026-12-02:national_day:ae"]);
    assert_eq!(found[0].kind.greeting(), GreetingKind::NationalDay);
    // Golden Week began on 29 April and lasts into 2 May.
    let w = World::new(vec![person("jp", "JP", None)]);
    let found = occasions(&w.customers, &w.input(d(2027, 5, 2)));
    assert_eq!(found[0].key, "2027-04-29:golden_week:jp");
    assert_eq!(found[0].days_until, 0);
    assert!(occasions(&w.customers, &w.input(d(2027, 5, 6)))
        .iter()
        .all(|o| o.key != "2027-04-29:golden_week:jp"));
}

// ---- shipping cut-offs ----

#[test]
fn a_cut_off_is_the_holiday_less_the_shipping_days_for_buyers_with_open_orders() {
    let mut w = World::new(vec![person("us", "US", None), person("idle", "US", None)]);
    let open = HashMap::from([(CustomerId("us".into()), 2)]);
    // US: 10 shipping days, Thanksgiving on 26 November 2026 → ship by 16 November.
    let found = cut_offs(&w.customers, &w.input(d(2026, 11, 5)), &open);
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0].holiday.key, "thanksgiving");
    assert_eq!(
        (found[0].ship_by, found[0].open_orders, found[0].late),
        (d(2026, 11, 16), 2, false)
    );
    // 16 days before the ship-by day: not yet.
    assert!(cut_offs(&w.customers, &w.input(d(2026, 10, 31)), &open).is_empty());
    // After the ship-by day and before the holiday: still shown, as late.
    let late = cut_offs(&w.customers, &w.input(d(2026, 11, 20)), &open);
    assert!(late
        .iter()
        .any(|c| c.holiday.key == "thanksgiving" && c.late));
    // After the holiday: gone.
    assert!(cut_offs(&w.customers, &w.input(d(2026, 11, 27)), &open)
        .iter()
        .all(|c| c.holiday.key != "thanksgiving"));
    // The team's own shipping days for a country win over the file's.
    w.settings.shipping_days.insert("US".into(), 20);
    let found = cut_offs(&w.customers, &w.input(d(2026, 10, 31)), &open);
    assert_eq!(found[0].ship_by, d(2026, 11, 6));
    // Lost buyers get no reminder.
    w.customers[0].stage = RelationshipStage::Lost;
    assert!(cut_offs(&w.customers, &w.input(d(2026, 11, 5)), &open).is_empty());
}

#[test]
fn only_customers_contacted_lately_can_have_done_an_occasion() {
    let today = d(2026, 12, 1);
    let at = |y, m, day| Some(Utc.with_ymd_and_hms(y, m, day, 12, 0, 0).unwrap());
    assert!(!may_have_done_occasions(None, today));
    // 14 days of horizon and up to 31 days of a holiday before today, and one to spare.
    assert!(may_have_done_occasions(at(2026, 10, 16), today));
    assert!(!may_have_done_occasions(at(2026, 10, 15), today));
    assert!(may_have_done_occasions(at(2026, 12, 1), today));
}
