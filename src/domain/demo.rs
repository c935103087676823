//! A deterministic, realistic demo data set: the same seed and anchor date always
//! give the same customers and orders, so demos, screenshots and tests agree.

use chrono::{DateTime, Duration, NaiveDate, TimeZone, Utc};

use crate::domain::customers::{
    CompanyProfile, ContactPerson, ContactRole, Customer, CustomerId, FamilyDate,
    IndividualProfile, LeadSource, Profile,
};
use crate::domain::customers::{RelationshipStage, StageChange};
use crate::domain::orders::{CurrencyCode, Money, Order, OrderStatus};

/// SplitMix64: tiny, fast and good enough for sample data; no dependency needed.
pub struct DemoRng(u64);

impl DemoRng {
    pub fn new(seed: u64) -> Self {
        Self(seed)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in `0..n` (n > 0).
    pub fn below(&mut self, n: u64) -> u64 {
        self.next_u64() % n.max(1)
    }

    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len() as u64) as usize]
    }

    pub fn chance(&mut self, percent: u64) -> bool {
        self.below(100) < percent
    }
}

struct CountryProfile {
    code: &'static str,
    language: &'static str,
    time_zone: &'static str,
    currency: &'static str,
    phone_prefix: &'static str,
    city: &'static str,
    first_names: &'static [&'static str],
    last_names: &'static [&'static str],
}

const COUNTRIES: &[CountryProfile] = &[
    CountryProfile {
        code: "US",
        language: "en",
        time_zone: "America/New_York",
        currency: "USD",
        phone_prefix: "+1",
        city: "Chicago",
        first_names: &["Emily", "James", "Olivia", "Michael", "Ava"],
        last_names: &["Johnson", "Smith", "Brown", "Miller", "Davis"],
    },
    CountryProfile {
        code: "GB",
        language: "en",
        time_zone: "Europe/London",
        currency: "GBP",
        phone_prefix: "+44",
        city: "Manchester",
        first_names: &["Oliver", "Amelia", "Harry", "Isla", "George"],
        last_names: &["Taylor", "Wilson", "Evans", "Thomas", "Roberts"],
    },
    CountryProfile {
        code: "DE",
        language: "de",
        time_zone: "Europe/Berlin",
        currency: "EUR",
        phone_prefix: "+49",
        city: "Hamburg",
        first_names: &["Lukas", "Anna", "Jonas", "Lea", "Felix"],
        last_names: &["Müller", "Schmidt", "Schneider", "Fischer", "Weber"],
    },
    CountryProfile {
        code: "FR",
        language: "fr",
        time_zone: "Europe/Paris",
        currency: "EUR",
        phone_prefix: "+33",
        city: "Lyon",
        first_names: &["Camille", "Louis", "Chloé", "Hugo", "Léa"],
        last_names: &["Martin", "Bernard", "Dubois", "Lefèvre", "Moreau"],
    },
    CountryProfile {
        code: "ES",
        language: "es",
        time_zone: "Europe/Madrid",
        currency: "EUR",
        phone_prefix: "+34",
        city: "Valencia",
        first_names: &["Lucía", "Hugo", "Martina", "Álvaro", "Sofía"],
        last_names: &["García", "Fernández", "López", "Martínez", "Sánchez"],
    },
    CountryProfile {
        code: "IT",
        language: "it",
        time_zone: "Europe/Rome",
        currency: "EUR",
        phone_prefix: "+39",
        city: "Milano",
        first_names: &["Giulia", "Marco", "Chiara", "Luca", "Francesca"],
        last_names: &["Rossi", "Russo", "Ferrari", "Esposito", "Bianchi"],
    },
    CountryProfile {
        code: "BR",
        language: "pt-BR",
        time_zone: "America/Sao_Paulo",
        currency: "BRL",
        phone_prefix: "+55",
        city: "Curitiba",
        first_names: &["João", "Ana", "Pedro", "Mariana", "Gabriel"],
        last_names: &["Silva", "Santos", "Oliveira", "Souza", "Pereira"],
    },
    CountryProfile {
        code: "MX",
        language: "es-MX",
        time_zone: "America/Mexico_City",
        currency: "MXN",
        phone_prefix: "+52",
        city: "Guadalajara",
        first_names: &["Valeria", "Diego", "Ximena", "Santiago", "Regina"],
        last_names: &["Hernández", "González", "Ramírez", "Torres", "Flores"],
    },
    CountryProfile {
        code: "RU",
        language: "ru",
        time_zone: "Europe/Moscow",
        currency: "RUB",
        phone_prefix: "+7",
        city: "Kazan",
        first_names: &["Анна", "Дмитрий", "Мария", "Иван", "Ольга"],
        last_names: &["Иванова", "Смирнов", "Кузнецова", "Попов", "Волкова"],
    },
    CountryProfile {
        code: "JP",
        language: "ja",
        time_zone: "Asia/Tokyo",
        currency: "JPY",
        phone_prefix: "+81",
        city: "Osaka",
        first_names: &["陽翔", "結衣", "蓮", "葵", "湊"],
        last_names: &["佐藤", "鈴木", "高橋", "田中", "伊藤"],
    },
    CountryProfile {
        code: "SA",
        language: "ar",
        time_zone: "Asia/Riyadh",
        currency: "SAR",
        phone_prefix: "+966",
        city: "Jeddah",
        first_names: &["Mohammed", "Fatimah", "Abdullah", "Noura", "Khalid"],
        last_names: &[
            "Al-Harbi",
            "Al-Qahtani",
            "Al-Otaibi",
            "Al-Zahrani",
            "Al-Ghamdi",
        ],
    },
    CountryProfile {
        code: "AE",
        language: "ar",
        time_zone: "Asia/Dubai",
        currency: "AED",
        phone_prefix: "+971",
        city: "Dubai",
        first_names: &["Omar", "Mariam", "Saeed", "Aisha", "Hamdan"],
        last_names: &[
            "Al-Maktoum",
            "Al-Nuaimi",
            "Al-Shamsi",
            "Al-Mansoori",
            "Al-Ketbi",
        ],
    },
    CountryProfile {
        code: "AU",
        language: "en",
        time_zone: "Australia/Sydney",
        currency: "AUD",
        phone_prefix: "+61",
        city: "Brisbane",
        first_names: &["Charlotte", "Jack", "Mia", "William", "Grace"],
        last_names: &["Wilson", "Nguyen", "Kelly", "Walker", "Harris"],
    },
    CountryProfile {
        code: "CA",
        language: "en",
        time_zone: "America/Toronto",
        currency: "CAD",
        phone_prefix: "+1",
        city: "Ottawa",
        first_names: &["Liam", "Emma", "Noah", "Chloe", "Ethan"],
        last_names: &["Tremblay", "Roy", "Campbell", "Anderson", "Leblanc"],
    },
    CountryProfile {
        code: "PL",
        language: "pl",
        time_zone: "Europe/Warsaw",
        currency: "PLN",
        phone_prefix: "+48",
        city: "Kraków",
        first_names: &["Zofia", "Jakub", "Maja", "Kacper", "Hanna"],
        last_names: &["Nowak", "Kowalska", "Wiśniewski", "Wójcik", "Kamińska"],
    },
    CountryProfile {
        code: "NL",
        language: "nl",
        time_zone: "Europe/Amsterdam",
        currency: "EUR",
        phone_prefix: "+31",
        city: "Utrecht",
        first_names: &["Daan", "Emma", "Sem", "Julia", "Lucas"],
        last_names: &["de Jong", "Jansen", "de Vries", "van Dijk", "Bakker"],
    },
    CountryProfile {
        code: "KR",
        language: "ko",
        time_zone: "Asia/Seoul",
        currency: "KRW",
        phone_prefix: "+82",
        city: "Busan",
        first_names: &["민준", "서연", "도윤", "하은", "지호"],
        last_names: &["김", "이", "박", "최", "정"],
    },
    CountryProfile {
        code: "TR",
        language: "tr",
        time_zone: "Europe/Istanbul",
        currency: "TRY",
        phone_prefix: "+90",
        city: "İzmir",
        first_names: &["Elif", "Mehmet", "Zeynep", "Mustafa", "Ayşe"],
        last_names: &["Yılmaz", "Kaya", "Demir", "Şahin", "Çelik"],
    },
    CountryProfile {
        code: "CL",
        language: "es-CL",
        time_zone: "America/Santiago",
        // Priced in US dollars, as many cross-border shops sell to Chile: the shipped
        // reference rates (ECB) have no peso, and the demo's value page must draw.
        currency: "USD",
        phone_prefix: "+56",
        city: "Valparaíso",
        first_names: &["Florencia", "Benjamín", "Isidora", "Vicente", "Josefa"],
        last_names: &["Muñoz", "Rojas", "Díaz", "Soto", "Contreras"],
    },
    CountryProfile {
        code: "SE",
        language: "sv",
        time_zone: "Europe/Stockholm",
        currency: "SEK",
        phone_prefix: "+46",
        city: "Göteborg",
        first_names: &["Alice", "Elias", "Maja", "William", "Ebba"],
        last_names: &["Andersson", "Johansson", "Karlsson", "Nilsson", "Eriksson"],
    },
];

const COMPANY_WORDS: &[&str] = &[
    "Trading",
    "Import",
    "Distribution",
    "Retail",
    "Supplies",
    "Group",
    "Handels",
    "Commerce",
];
const COMPANY_ROOTS: &[&str] = &[
    "Nova",
    "Atlas",
    "Blue Harbor",
    "Sol",
    "Nordic",
    "Andes",
    "Sakura",
    "Oasis",
    "Maple",
    "Vista",
    "Orion",
    "Delta",
];
const BUSINESS_TYPES: &[&str] = &[
    "Distributor",
    "Online retailer",
    "Wholesaler",
    "Brick-and-mortar chain",
    "Drop-shipper",
];
const CHANNELS: &[&str] = &["AliExpress", "Amazon", "eBay", "Shopify", "Temu"];
const TAGS: &[&str] = &[
    "electronics",
    "home",
    "fashion",
    "toys",
    "outdoor",
    "wholesale",
    "gift-buyer",
    "price-sensitive",
    "fast-shipping",
    "reviews",
];
const PAYMENT_TERMS: &[&str] = &["Prepayment", "Net 30", "Net 60", "50% deposit"];
const CREDIT: &[&str] = &["Good", "Good", "Watch: one late payment", "Excellent"];

/// How many demo customers the one-click demo loads.
pub const DEMO_CUSTOMERS: usize = 600;
pub const DEMO_SEED: u64 = 0x00C0_FFEE_2026;

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

fn at_noon(date: NaiveDate) -> DateTime<Utc> {
    Utc.from_utc_datetime(&date.and_hms_opt(12, 0, 0).unwrap_or_default())
}

/// Generates `count` customers and their orders over the two years before `anchor`.
pub fn generate(count: usize, seed: u64, anchor: NaiveDate) -> DemoData {
    let mut rng = DemoRng::new(seed);
    let mut customers = Vec::with_capacity(count);
    let mut orders = Vec::with_capacity(count * 4);
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
            });
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
            let mut contacts = vec![ContactPerson {
                name: person_name.clone(),
                role: ContactRole::DecisionMaker,
                email: format!("{}@{slug}.example", ascii_slug(first).to_ascii_lowercase()),
                phone: phone_number(&mut rng, country.phone_prefix),
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
                employees: Some(5 + rng.below(400) as u32),
                business_type: (*rng.pick(BUSINESS_TYPES)).to_owned(),
                service_area: format!("{} and region", country.city),
                business_status: (*rng.pick(&[
                    "Growing",
                    "Stable",
                    "Expanding online",
                    "Under pressure",
                ]))
                .to_owned(),
                payment_terms: (*rng.pick(PAYMENT_TERMS)).to_owned(),
                credit_status: (*rng.pick(CREDIT)).to_owned(),
                contacts,
            })
        } else {
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
        });
    }
    DemoData { customers, orders }
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

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    fn anchor() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 1).unwrap()
    }

    #[test]
    fn same_seed_same_data() {
        let a = generate(50, 7, anchor());
        let b = generate(50, 7, anchor());
        assert_eq!(a.customers, b.customers);
        assert_eq!(a.orders, b.orders);
        let c = generate(50, 8, anchor());
        assert_ne!(a.customers, c.customers);
    }

    #[test]
    fn demo_set_is_big_and_varied_enough() {
        let data = generate(DEMO_CUSTOMERS, DEMO_SEED, anchor());
        assert!(data.customers.len() >= 500);
        let countries: HashSet<_> = data.customers.iter().map(|c| c.country.as_str()).collect();
        assert!(countries.len() >= 15, "{} countries", countries.len());
        let companies = data
            .customers
            .iter()
            .filter(|c| c.kind() == crate::domain::customers::CustomerKind::Company)
            .count();
        assert!(
            companies > 50 && companies < data.customers.len() - 50,
            "{companies} companies"
        );
        let ids: HashSet<_> = data.customers.iter().map(|c| &c.id).collect();
        assert_eq!(ids.len(), data.customers.len(), "ids are unique");
        let order_ids: HashSet<_> = data.orders.iter().map(|o| &o.id).collect();
        assert_eq!(order_ids.len(), data.orders.len(), "order ids are unique");
        let first = data.orders.iter().map(|o| o.placed_on).min().unwrap();
        let last = data.orders.iter().map(|o| o.placed_on).max().unwrap();
        assert!(
            (last - first).num_days() > 600,
            "orders span {} days",
            (last - first).num_days()
        );
        assert!(last <= anchor());
        for stage in RelationshipStage::ALL {
            assert!(
                data.customers.iter().any(|c| c.stage == stage),
                "no {stage:?} customer"
            );
        }
    }

    #[test]
    fn demo_records_pass_the_form_validation() {
        use crate::domain::customers::{validate_draft, CustomerDraft};
        let data = generate(200, DEMO_SEED, anchor());
        let zones = |z: &str| z.contains('/');
        let now = at_noon(anchor());
        for c in &data.customers {
            let draft = CustomerDraft::from_customer(c);
            let result = validate_draft(&draft, Some(c), now, &zones);
            assert!(result.is_ok(), "{}: {:?}", c.name, result.err());
        }
    }

    #[test]
    fn stage_history_ends_at_the_current_stage() {
        let data = generate(300, DEMO_SEED, anchor());
        for c in &data.customers {
            if let Some(last) = c.stage_history.last() {
                assert_eq!(last.to, c.stage, "{}", c.name);
                for change in &c.stage_history {
                    assert!(change.from.can_move_to(change.to), "{change:?}");
                }
            }
        }
    }
}
