//! The demo generator: customers with profiles, lifecycle stages and orders, from the
//! seed and the anchor date only.

use super::*;
use crate::domain::customers::{
    CompanyProfile, ContactPerson, ContactRole, Customer, CustomerId, FamilyDate,
    IndividualProfile, LeadSource, Profile,
};
use crate::domain::customers::{RelationshipStage, StageChange};
use crate::domain::orders::{CurrencyCode, Money, Order, OrderDetails, OrderStatus};
use chrono::{DateTime, Duration, NaiveDate, TimeZone, Utc};

/// How many demo customers the one-click demo loads.
pub const DEMO_CUSTOMERS: usize = 600;
pub const DEMO_SEED: u64 = 0x00C0_FFEE_2026;
/// Mixed into the seed for the order details' own draws: they came after the rest of
/// the demo, and a stream of their own leaves every earlier value as it was.
const DETAILS_STREAM: u64 = 0xD37A_1150_0D37_A115;

pub struct DemoData {
    pub customers: Vec<Customer>,
    pub orders: Vec<Order>,
}

fn demo_id(rng: &mut DemoRng) -> CustomerId {
    let mut bytes = [0u8; 16];
    bytes[..8].copy_from_slice(&rng.next_u64().to_le_bytes());
    bytes[8..].copy_from_slice(&rng.next_u64().to_le_bytes());
    CustomerId(
        uuid::Builder::from_random_bytes(bytes)
            .into_uuid()
            .to_string(),
    )
}

fn ascii_slug(s: &str) -> String {
    let slug: String = s
        .chars()
        .filter_map(|c| {
            let folded = crate::domain::customers::fold_for_matching(&c.to_string());
            folded.chars().next().filter(|f| f.is_ascii_alphanumeric())
        })
        .collect();
    if slug.is_empty() {
        "buyer".to_owned()
    } else {
        slug
    }
}

fn phone_number(rng: &mut DemoRng, prefix: &str) -> String {
    format!(
        "{prefix} {:03} {:03} {:04}",
        rng.below(900) + 100,
        rng.below(1000),
        rng.below(10_000)
    )
}

pub(super) fn at_noon(date: NaiveDate) -> DateTime<Utc> {
    Utc.from_utc_datetime(&date.and_hms_opt(12, 0, 0).unwrap_or_default())
}

/// Generates `count` customers and their orders over the two years before `anchor`.
pub fn generate(count: usize, seed: u64, anchor: NaiveDate) -> DemoData {
    generate_keeping(count, seed, anchor, true)
}

/// The customers of [`generate`] without their orders. The orders are still drawn
/// (they decide each stage, and the draws after them), but each customer's are
/// dropped at once: the 400,000 orders of 100,000 customers, details and all, were
/// the benchmark page's high-water mark of wasm memory, which never shrinks.
pub fn generate_customers(count: usize, seed: u64, anchor: NaiveDate) -> Vec<Customer> {
    generate_keeping(count, seed, anchor, false).customers
}

fn generate_keeping(count: usize, seed: u64, anchor: NaiveDate, keep_orders: bool) -> DemoData {
    let mut rng = DemoRng::new(seed);
    let mut details_rng = DemoRng::new(seed ^ DETAILS_STREAM);
    let mut customers = Vec::with_capacity(count);
    let mut orders = Vec::with_capacity(if keep_orders { count * 4 } else { 0 });
    let span_days = 730;
    for n in 0..count {
        let country = &COUNTRIES[n % COUNTRIES.len()];
        let id = demo_id(&mut rng);
        let is_company = rng.chance(25);
        let first = *rng.pick(country.first_names);
        let last = *rng.pick(country.last_names);
        let person_name = if matches!(country.code, "JP" | "KR") {
            format!("{last}{first}")
        } else {
            format!("{first} {last}")
        };
        let name = if is_company {
            format!(
                "{} {} {}",
                rng.pick(COMPANY_ROOTS),
                rng.pick(COMPANY_WORDS),
                n
            )
        } else {
            person_name.clone()
        };
        let created = anchor - Duration::days(rng.below(span_days) as i64 + 30);
        // Order count drives the stage, as in the customer flow model.
        let order_count = match rng.below(10) {
            0..=1 => 0,
            2..=3 => 1,
            4..=6 => 2 + rng.below(3) as usize,
            _ => 5 + rng.below(if is_company { 20 } else { 8 }) as usize,
        };
        let order_dates = demo_orders(
            &mut rng,
            &mut details_rng,
            &mut orders,
            DemoBuyer {
                n,
                country,
                id: &id,
                is_company,
                created,
            },
            order_count,
            anchor,
        );
        if !keep_orders {
            orders.clear();
        }
        let last_order = order_dates.last().copied();
        let silent_days = last_order.map(|d| (anchor - d).num_days()).unwrap_or(0);
        let stage = match order_count {
            0 => *rng.pick(&[
                RelationshipStage::NonCustomer,
                RelationshipStage::Potential,
                RelationshipStage::Potential,
                RelationshipStage::Target,
            ]),
            _ if silent_days > 300 => RelationshipStage::Lost,
            1 => RelationshipStage::FirstTime,
            2..=4 => RelationshipStage::Repeat,
            _ => RelationshipStage::Loyal,
        };
        let stage_history = stage_path(stage, &order_dates, silent_days, anchor);
        let last_contact_at = if rng.chance(85) {
            Some(
                at_noon(anchor - Duration::days(rng.below(120) as i64))
                    + Duration::minutes(rng.below(600) as i64),
            )
        } else {
            None
        };
        let slug = ascii_slug(&name).to_ascii_lowercase();
        let email = if is_company {
            format!("sales@{slug}.example")
        } else {
            format!("{slug}{}@mail.example", n % 97)
        };
        let mut tags: Vec<String> = Vec::new();
        for _ in 0..rng.below(3) {
            let tag = (*rng.pick(TAGS)).to_owned();
            if !tags.contains(&tag) {
                tags.push(tag);
            }
        }
        let profile = if is_company {
            company_profile(&mut rng, country, &person_name, first, &slug)
        } else {
            individual_profile(&mut rng)
        };
        customers.push(Customer {
            id,
            name,
            email,
            phone: phone_number(&mut rng, country.phone_prefix),
            messaging: String::new(),
            country: country.code.to_owned(),
            language: country.language.to_owned(),
            time_zone: country.time_zone.to_owned(),
            address: format!("{} {}, {}", 1 + rng.below(200), country.city, country.code),
            tags,
            notes: String::new(),
            lead_source: Some(*rng.pick(&LeadSource::ALL)),
            profile,
            stage,
            stage_history,
            created_at: at_noon(created),
            updated_at: at_noon(created),
            last_contact_at,
            revision: 0,
            owner: String::new(),
        });
    }
    DemoData { customers, orders }
}

/// Who the orders are for, as far as the orders need to know.
struct DemoBuyer<'a> {
    n: usize,
    country: &'a CountryProfile,
    id: &'a CustomerId,
    is_company: bool,
    created: NaiveDate,
}

/// The customer's orders, pushed to `orders`; returns their dates in order. Amounts
/// are in the country's currency, scaled so prices look local. The details draw from
/// `details_rng` only.
fn demo_orders(
    rng: &mut DemoRng,
    details_rng: &mut DemoRng,
    orders: &mut Vec<Order>,
    buyer: DemoBuyer<'_>,
    order_count: usize,
    anchor: NaiveDate,
) -> Vec<NaiveDate> {
    let DemoBuyer {
        n,
        country,
        id,
        is_company,
        created,
    } = buyer;
    let currency = CurrencyCode::parse(country.currency).unwrap_or(CurrencyCode::USD);
    let scale: i64 = match currency.minor_digits() {
        0 => 1,
        _ => 100,
    };
    let local_factor: i64 = match country.currency {
        "JPY" => 150,
        "KRW" => 1_300,
        "RUB" => 90,
        "MXN" | "TRY" => 18,
        "SEK" => 10,
        "BRL" | "PLN" | "SAR" | "AED" => 4,
        _ => 1,
    };
    let days_since_created = (anchor - created).num_days().max(1) as u64;
    let mut order_dates: Vec<NaiveDate> = (0..order_count)
        .map(|_| created + Duration::days(rng.below(days_since_created) as i64))
        .collect();
    order_dates.sort_unstable();
    let channel = *rng.pick(CHANNELS);
    for (k, date) in order_dates.iter().enumerate() {
        let base = if is_company {
            400 + rng.below(4_000)
        } else {
            15 + rng.below(220)
        } as i64;
        let number = format!("{}{:06}{:02}", &channel[..2].to_ascii_uppercase(), n, k);
        let status = match rng.below(20) {
            0 => OrderStatus::Refunded,
            1 => OrderStatus::Cancelled,
            2..=3 if (anchor - *date).num_days() < 20 => OrderStatus::Shipped,
            _ => OrderStatus::Delivered,
        };
        let total = Money::new(
            base * local_factor * scale + rng.below(scale as u64) as i64,
            currency,
        );
        // Margins of 25–60 %, free shipping on a third of orders, refunds in full.
        let cost_of_goods = total.minor * (40 + rng.below(36) as i64) / 100;
        let shipping_cost = if rng.chance(33) {
            total.minor * (3 + rng.below(8) as i64) / 100
        } else {
            0
        };
        let discount = if rng.chance(15) {
            total.minor * (5 + rng.below(11) as i64) / 100
        } else {
            0
        };
        let refunded = if status == OrderStatus::Refunded {
            total.minor
        } else {
            0
        };
        orders.push(Order {
            id: Order::key_for(channel, &number),
            customer_id: id.clone(),
            number,
            channel: channel.to_owned(),
            placed_on: *date,
            total,
            status,
            cost_of_goods,
            shipping_cost,
            discount,
            refunded,
            details: demo_details(details_rng, country, status, *date),
        });
    }
    order_dates
}

/// What was bought, one to three of it, and for an order on its way or delivered,
/// the carrier, its tracking number and the delivery promised 7–20 days after the
/// order. Three allocations at most (the details hold `String`s).
fn demo_details(
    rng: &mut DemoRng,
    country: &CountryProfile,
    status: OrderStatus,
    placed_on: NaiveDate,
) -> OrderDetails {
    let product = (*rng.pick(PRODUCTS)).to_owned();
    let quantity = Some(match rng.below(10) {
        0..=6 => 1,
        7..=8 => 2,
        _ => 3,
    });
    if !matches!(status, OrderStatus::Shipped | OrderStatus::Delivered) {
        return OrderDetails {
            product,
            quantity,
            ..OrderDetails::default()
        };
    }
    // The national post for two parcels in five where there is one, else a
    // cross-border carrier.
    let carrier = match local_carrier(country.code) {
        Some(local) if rng.chance(40) => local,
        _ => rng.pick(CARRIERS),
    };
    OrderDetails {
        product,
        quantity,
        carrier: carrier.name.to_owned(),
        tracking_number: tracking_number(rng, &carrier.tracking),
        promised_on: Some(placed_on + Duration::days(7 + rng.below(14) as i64)),
    }
}

/// A tracking number in the carrier's shape, built in one allocation.
pub(super) fn tracking_number(rng: &mut DemoRng, shape: &TrackingShape) -> String {
    let mut out = String::with_capacity(24);
    match *shape {
        TrackingShape::Digits {
            prefix,
            digits,
            suffix,
        } => {
            out.push_str(prefix);
            push_digits(&mut out, rng.next_u64(), digits);
            out.push_str(suffix);
        }
        TrackingShape::Ups => {
            const SHIPPER: &[u8; 36] = b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";
            out.push_str("1Z");
            let mut shipper = rng.next_u64();
            for _ in 0..6 {
                out.push(char::from(SHIPPER[(shipper % 36) as usize]));
                shipper /= 36;
            }
            const SERVICES: [&str; 4] = ["01", "02", "03", "12"];
            let service = *rng.pick(&SERVICES);
            out.push_str(service);
            push_digits(&mut out, rng.next_u64(), 8);
        }
        TrackingShape::S10 { service, country } => {
            out.push_str(service);
            let serial = rng.below(100_000_000) as u32;
            push_s10_serial(&mut out, serial);
            out.push_str(country);
        }
    }
    out
}

/// `count` decimal digits (at most 18) of `random`.
fn push_digits(out: &mut String, mut random: u64, count: usize) {
    debug_assert!(
        count <= 18,
        "one u64 holds 19 digits, the last one not uniform"
    );
    for _ in 0..count {
        out.push(char::from(b'0' + (random % 10) as u8));
        random /= 10;
    }
}

/// An S10 serial: eight digits (zero-padded) and the UPU check digit (weights
/// 8 6 4 2 3 5 9 7; 11 − sum mod 11, where 10 is written 0 and 11 is written 5).
pub(super) fn push_s10_serial(out: &mut String, serial: u32) {
    const WEIGHTS: [u32; 8] = [8, 6, 4, 2, 3, 5, 9, 7];
    let mut digits = [0u32; 8];
    let mut rest = serial % 100_000_000;
    for digit in digits.iter_mut().rev() {
        *digit = rest % 10;
        rest /= 10;
    }
    let sum: u32 = digits.iter().zip(WEIGHTS).map(|(d, w)| d * w).sum();
    let check = match 11 - sum % 11 {
        10 => 0,
        11 => 5,
        check => check,
    };
    for digit in digits.into_iter().chain([check]) {
        out.push(char::from(b'0' + digit as u8));
    }
}

/// A company's profile: contact people (decision maker, sometimes a purchaser and
/// finance), founding year, size, business and terms.
fn company_profile(
    rng: &mut DemoRng,
    country: &CountryProfile,
    person_name: &str,
    first: &str,
    slug: &str,
) -> Profile {
    let mut contacts = vec![ContactPerson {
        name: person_name.to_owned(),
        role: ContactRole::DecisionMaker,
        email: format!("{}@{slug}.example", ascii_slug(first).to_ascii_lowercase()),
        phone: phone_number(rng, country.phone_prefix),
    }];
    if rng.chance(60) {
        let buyer = format!(
            "{} {}",
            rng.pick(country.first_names),
            rng.pick(country.last_names)
        );
        contacts.push(ContactPerson {
            name: buyer,
            role: ContactRole::Purchaser,
            email: format!("purchasing@{slug}.example"),
            phone: String::new(),
        });
    }
    if rng.chance(30) {
        contacts.push(ContactPerson {
            name: format!(
                "{} {}",
                rng.pick(country.first_names),
                rng.pick(country.last_names)
            ),
            role: ContactRole::Finance,
            email: format!("accounts@{slug}.example"),
            phone: String::new(),
        });
    }
    Profile::Company(CompanyProfile {
        founded_year: Some(1975 + rng.below(48) as i32),
        founded_on: None,
        employees: Some(5 + rng.below(400) as u32),
        business_type: (*rng.pick(BUSINESS_TYPES)).to_owned(),
        service_area: format!("{} and region", country.city),
        business_status: (*rng.pick(&["Growing", "Stable", "Expanding online", "Under pressure"]))
            .to_owned(),
        payment_terms: (*rng.pick(PAYMENT_TERMS)).to_owned(),
        credit_status: (*rng.pick(CREDIT)).to_owned(),
        contacts,
    })
}

/// A private buyer's profile: sometimes a birthday or an anniversary, a preference.
fn individual_profile(rng: &mut DemoRng) -> Profile {
    let birthday = rng
        .chance(60)
        .then(|| {
            NaiveDate::from_ymd_opt(
                1960 + rng.below(45) as i32,
                1 + rng.below(12) as u32,
                1 + rng.below(28) as u32,
            )
        })
        .flatten();
    let family_dates = if rng.chance(20) {
        NaiveDate::from_ymd_opt(
            1990 + rng.below(30) as i32,
            1 + rng.below(12) as u32,
            1 + rng.below(28) as u32,
        )
        .map(|date| {
            vec![FamilyDate {
                label: "Wedding anniversary".into(),
                date,
            }]
        })
        .unwrap_or_default()
    } else {
        Vec::new()
    };
    Profile::Individual(IndividualProfile {
        birthday,
        employer: String::new(),
        position: String::new(),
        family_dates,
        preferences: (*rng.pick(&[
            "",
            "Prefers short messages",
            "Replies in the evening",
            "Asks for tracking daily",
            "Likes bundle offers",
        ]))
        .to_owned(),
    })
}

/// A plausible history that ends at `stage`, dated by the orders.
fn stage_path(
    stage: RelationshipStage,
    order_dates: &[NaiveDate],
    silent_days: i64,
    anchor: NaiveDate,
) -> Vec<StageChange> {
    use RelationshipStage::*;
    let mut history = Vec::new();
    let mut push = |from, to, date: NaiveDate, reason: &str| {
        history.push(StageChange {
            from,
            to,
            at: at_noon(date),
            reason: reason.to_owned(),
            loss_cause: None,
        });
    };
    let Some(&first) = order_dates.first() else {
        return history;
    };
    push(Potential, FirstTime, first, "First order");
    if let Some(&second) = order_dates.get(1) {
        push(FirstTime, Repeat, second, "Second order");
    }
    if let Some(&fifth) = order_dates.get(4) {
        push(Repeat, Loyal, fifth, "Fifth order");
    }
    if stage == Lost {
        let from = match order_dates.len() {
            1 => FirstTime,
            2..=4 => Repeat,
            _ => Loyal,
        };
        push(
            from,
            Lost,
            anchor - Duration::days(silent_days - 300),
            "No order for 300 days",
        );
    }
    history
}
