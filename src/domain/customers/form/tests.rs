use super::*;
use chrono::TimeZone;

fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 23, 10, 0, 0).unwrap()
}

fn zones(name: &str) -> bool {
    matches!(name, "Europe/Madrid" | "Asia/Tokyo" | "America/Sao_Paulo")
}

fn valid_person() -> CustomerDraft {
    let mut d = CustomerDraft::empty(CustomerKind::Individual);
    d.name = "  Lucía García ".into();
    d.email = "lucia@example.es".into();
    d.phone = "+34 612-345-678".into();
    d.country = "es".into();
    d.language = "es".into();
    d.time_zone = "Europe/Madrid".into();
    d.tags = "vip, toys，VIP, ".into();
    d.birthday = "1990-07-24".into();
    d.lead_source = "customer_referral".into();
    d
}

fn problems(d: &CustomerDraft) -> Vec<(Field, Problem)> {
    match validate_draft(d, None, now(), &zones) {
        Ok(_) => vec![],
        Err(errors) => errors.into_iter().map(|e| (e.field, e.problem)).collect(),
    }
}

#[test]
fn a_valid_individual_is_normalised() {
    let c = validate_draft(&valid_person(), None, now(), &zones).unwrap();
    assert_eq!(c.name, "Lucía García");
    assert_eq!(c.country, "ES");
    assert_eq!(
        c.tags,
        ["vip", "toys"],
        "trimmed, split on both commas, case-insensitive dedup"
    );
    assert_eq!(c.stage, RelationshipStage::Potential);
    assert_eq!(c.lead_source, Some(LeadSource::CustomerReferral));
    assert_eq!(c.revision, 0);
    assert_eq!(c.created_at, now());
    let Profile::Individual(p) = &c.profile else {
        panic!("individual expected")
    };
    assert_eq!(p.birthday, NaiveDate::from_ymd_opt(1990, 7, 24));
}

#[test]
fn every_problem_is_reported_at_once_next_to_its_field() {
    let mut d = valid_person();
    d.name = "   ".into();
    d.email = "lucia@".into();
    d.phone = "call me".into();
    d.country = "Spain".into();
    d.time_zone = "Mars/Olympus".into();
    d.birthday = "2023-02-29".into();
    assert_eq!(
        problems(&d),
        vec![
            (Field::Name, Problem::Required),
            (Field::Email, Problem::EmailShape),
            (Field::Phone, Problem::PhoneShape),
            (Field::Country, Problem::CountryCode),
            (Field::TimeZone, Problem::UnknownTimeZone),
            (Field::Birthday, Problem::DateDoesNotExist),
        ]
    );
}

#[test]
fn email_shapes() {
    for ok in [
        "a@b.co",
        "first.last+tag@mail.example.com",
        "用户@例子.中国",
    ] {
        assert!(is_email_shaped(ok), "{ok}");
    }
    for bad in [
        "",
        "a",
        "a@b",
        "@b.com",
        "a@b..com",
        "a@.com",
        "a@b.com.",
        "a b@c.com",
        "a@b@c.com",
    ] {
        assert!(!is_email_shaped(bad), "{bad}");
    }
}

#[test]
fn phone_shapes() {
    for ok in [
        "+34 612 345 678",
        "(030) 1234-567",
        "+81.90.1234.5678",
        "123456",
    ] {
        assert!(is_phone_shaped(ok), "{ok}");
    }
    for bad in [
        "12345",
        "+1234567890123456",
        "phone",
        "++34612345678",
        "+34 612 ext 5",
    ] {
        assert!(!is_phone_shaped(bad), "{bad}");
    }
}

#[test]
fn dates_must_exist_and_be_well_formed() {
    assert_eq!(
        parse_iso_date("2024-02-29"),
        NaiveDate::from_ymd_opt(2024, 2, 29).ok_or(Problem::DateShape)
    );
    assert_eq!(parse_iso_date("2023-02-29"), Err(Problem::DateDoesNotExist));
    assert_eq!(parse_iso_date("2023-13-01"), Err(Problem::DateDoesNotExist));
    assert_eq!(parse_iso_date("24/07/1990"), Err(Problem::DateShape));
    assert_eq!(parse_iso_date("1990-7-24"), Err(Problem::DateShape));
    assert_eq!(parse_iso_date("+990-07-24"), Err(Problem::DateShape));
}

#[test]
fn a_birthday_in_the_future_is_refused() {
    let mut d = valid_person();
    d.birthday = "2030-01-01".into();
    assert_eq!(problems(&d), vec![(Field::Birthday, Problem::DateInFuture)]);
}

#[test]
fn half_filled_family_date_rows_point_at_the_row() {
    let mut d = valid_person();
    d.family_dates = vec![
        FamilyDateDraft {
            label: "Wedding".into(),
            date: "2015-06-20".into(),
        },
        FamilyDateDraft::default(),
        FamilyDateDraft {
            label: "".into(),
            date: "2015-02-30".into(),
        },
    ];
    assert_eq!(
        problems(&d),
        vec![
            (Field::FamilyDateLabel(2), Problem::Required),
            (Field::FamilyDate(2), Problem::DateDoesNotExist)
        ]
    );
}

#[test]
fn company_with_contacts_validates_each_row() {
    let mut d = CustomerDraft::empty(CustomerKind::Company);
    d.name = "Nova Trading".into();
    d.country = "DE".into();
    d.founded_year = "1999".into();
    d.employees = "about 40".into();
    d.contacts = vec![
        ContactPersonDraft {
            name: "Anna Weber".into(),
            role: "decision_maker".into(),
            email: "anna@nova.example".into(),
            phone: String::new(),
        },
        ContactPersonDraft {
            name: String::new(),
            role: "finance".into(),
            email: "not-an-email".into(),
            phone: String::new(),
        },
        ContactPersonDraft::default(),
    ];
    assert_eq!(
        problems(&d),
        vec![
            (Field::Employees, Problem::WholeNumber),
            (Field::ContactName(1), Problem::Required),
            (Field::ContactEmail(1), Problem::EmailShape),
        ]
    );
    d.employees = "40".into();
    d.contacts[1].name = "Jonas Fischer".into();
    d.contacts[1].email = "jonas@nova.example".into();
    let c = validate_draft(&d, None, now(), &zones).unwrap();
    let Profile::Company(p) = c.profile else {
        panic!("company expected")
    };
    assert_eq!(p.contacts.len(), 2, "the untouched spare row is dropped");
    assert_eq!(p.contacts[1].role, ContactRole::Finance);
    assert_eq!(p.founded_year, Some(1999));
}

#[test]
fn founded_year_must_be_plausible() {
    let mut d = CustomerDraft::empty(CustomerKind::Company);
    d.name = "X".into();
    d.country = "DE".into();
    d.founded_year = "2031".into();
    assert_eq!(
        problems(&d),
        vec![(Field::FoundedYear, Problem::YearOutOfRange)]
    );
}

#[test]
fn overlong_text_points_at_its_own_field() {
    let mut d = valid_person();
    d.notes = "x".repeat(MAX_TEXT + 1);
    d.employer = "y".repeat(MAX_NAME + 1);
    assert_eq!(
        problems(&d),
        vec![
            (Field::Notes, Problem::TooLong { max: MAX_TEXT }),
            (Field::Employer, Problem::TooLong { max: MAX_NAME })
        ]
    );
}

#[test]
fn editing_keeps_identity_history_and_revision() {
    let original = validate_draft(&valid_person(), None, now(), &zones).unwrap();
    let mut stored = original.clone();
    stored.revision = 7;
    stored.stage = RelationshipStage::Loyal;
    let mut d = CustomerDraft::from_customer(&stored);
    d.name = "Lucía García Pérez".into();
    d.stage = "lost".into(); // ignored: stages only change through recorded moves
    let later = now() + chrono::Duration::hours(2);
    let edited = validate_draft(&d, Some(&stored), later, &zones).unwrap();
    assert_eq!(edited.id, stored.id);
    assert_eq!(edited.revision, 7);
    assert_eq!(edited.stage, RelationshipStage::Loyal);
    assert_eq!(edited.created_at, now());
    assert_eq!(edited.updated_at, later);
    assert_eq!(edited.name, "Lucía García Pérez");
}

#[test]
fn draft_round_trips_through_a_record() {
    let c = validate_draft(&valid_person(), None, now(), &zones).unwrap();
    let again = validate_draft(&CustomerDraft::from_customer(&c), Some(&c), now(), &zones).unwrap();
    assert_eq!(again, c);
}

#[test]
fn rebase_keeps_both_changes_and_prefers_the_reps_on_conflict() {
    let original = valid_person();
    let mut edited = original.clone();
    edited.phone = "+34 600 000 222".into();
    edited.notes = "mine".into();
    let mut fresh = original.clone();
    fresh.notes = "theirs".into();
    fresh.employer = "Acme".into();
    let merged = rebase_draft(&original, &edited, &fresh);
    assert_eq!(merged.phone, "+34 600 000 222", "the rep's change is kept");
    assert_eq!(merged.employer, "Acme", "the other change is not lost");
    assert_eq!(merged.notes, "mine", "a conflict keeps what is on screen");
    assert_eq!(merged.name, original.name);
    assert_eq!(
        rebase_draft(&original, &original, &fresh),
        fresh,
        "no edits: the fresh record"
    );
}

#[test]
fn unknown_choices_are_refused() {
    let mut d = valid_person();
    d.lead_source = "carrier_pigeon".into();
    d.stage = "vip".into();
    assert_eq!(
        problems(&d),
        vec![
            (Field::LeadSource, Problem::UnknownChoice),
            (Field::Stage, Problem::UnknownChoice)
        ]
    );
}

#[test]
fn founding_day_fills_an_empty_year_and_must_agree_with_a_typed_one() {
    let mut d = CustomerDraft::empty(CustomerKind::Company);
    d.name = "Nova Trading".into();
    d.country = "DE".into();
    d.founded_on = "2004-03-14".into();
    let c = validate_draft(&d, None, now(), &zones).unwrap();
    let Profile::Company(p) = &c.profile else {
        panic!("company expected")
    };
    assert_eq!(p.founded_on, NaiveDate::from_ymd_opt(2004, 3, 14));
    assert_eq!(p.founded_year, Some(2004), "the year follows the day");
    assert_eq!(CustomerDraft::from_customer(&c).founded_on, "2004-03-14");

    d.founded_year = "2005".into();
    assert_eq!(
        problems(&d),
        vec![(Field::FoundedOn, Problem::YearDiffersFromDate)]
    );
    d.founded_year = "2004".into();
    assert_eq!(problems(&d), vec![]);
    d.founded_on = "2027-01-01".into();
    assert_eq!(
        problems(&d),
        vec![(Field::FoundedOn, Problem::DateInFuture)]
    );
    d.founded_on = String::new();
    let c = validate_draft(&d, None, now(), &zones).unwrap();
    let Profile::Company(p) = &c.profile else {
        panic!("company expected")
    };
    assert_eq!((p.founded_year, p.founded_on), (Some(2004), None));
}

#[test]
fn the_account_owner_is_trimmed_kept_on_edit_and_limited_in_length() {
    let mut d = valid_person();
    d.owner = "  Mei Chen ".into();
    let c = validate_draft(&d, None, now(), &zones).unwrap();
    assert_eq!(c.owner, "Mei Chen");
    assert_eq!(CustomerDraft::from_customer(&c).owner, "Mei Chen");
    d.owner = "x".repeat(crate::domain::contacts::MAX_REP_CHARS + 1);
    assert_eq!(
        problems(&d),
        [(
            Field::Owner,
            Problem::TooLong {
                max: crate::domain::contacts::MAX_REP_CHARS
            }
        )]
    );
}
