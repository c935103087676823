//! The in-memory customer directory behind the list: search as you type, filters,
//! sorting and paging, fast enough for 100,000 records on every keystroke.
//!
//! Search and sort keys are computed once per record when it enters the directory,
//! not per keystroke.

use std::cmp::Ordering;
use std::collections::HashMap;

use crate::domain::customers::RelationshipStage;
use crate::domain::customers::{Customer, CustomerId, CustomerKind};
use crate::domain::value::ValueTier;

coded_enum! {
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
    pub enum SortKey {
        #[default]
        Name = "name",
        LastContact = "last_contact",
        Created = "created",
    }
}

/// A named set of customers the list is narrowed to (a pyramid tier, an ABC class…).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Subset {
    pub label: String,
    pub ids: std::sync::Arc<std::collections::HashSet<CustomerId>>,
}

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ListQuery {
    pub subset: Option<Subset>,
    pub text: String,
    pub stage: Option<RelationshipStage>,
    pub country: Option<String>,
    pub kind: Option<CustomerKind>,
    /// The customer's current value tier (see [`Directory::query_valued`]).
    pub tier: Option<ValueTier>,
    /// The account owner's name, compared trimmed and case-insensitively ("my
    /// customers" is the rep's own name here).
    pub owner: Option<String>,
    pub sort: SortKey,
    pub descending: bool,
}

/// Customers indexed per step by [`Directory::extend_in_steps`]: about 20 ms each.
const INDEX_STEP: usize = 5_000;

#[derive(Debug, Clone, Default)]
pub struct Directory {
    customers: Vec<Customer>,
    search_keys: Vec<String>,
    name_keys: Vec<String>,
    position: HashMap<CustomerId, usize>,
}

/// How owner names compare: trimmed, case-insensitive (as rep names do elsewhere).
pub fn owner_key(name: &str) -> String {
    name.trim().to_lowercase()
}

/// Lower-cases and strips the accents of Latin letters, so "garcia" finds "García"
/// and "Álvaro" sorts among the A's. Other scripts pass through lower-cased.
pub fn fold_for_matching(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for ch in text.chars().flat_map(char::to_lowercase) {
        let base = match ch {
            'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'ą' | 'ă' | 'ā' => 'a',
            'ç' | 'ć' | 'č' => 'c',
            'ď' | 'đ' => 'd',
            'è' | 'é' | 'ê' | 'ë' | 'ę' | 'ě' | 'ē' => 'e',
            'ğ' => 'g',
            'ì' | 'í' | 'î' | 'ï' | 'ı' | 'ī' => 'i',
            'ł' => 'l',
            'ñ' | 'ń' | 'ň' => 'n',
            'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' | 'ő' | 'ō' => 'o',
            'ř' => 'r',
            'ś' | 'š' | 'ş' | 'ș' => 's',
            'ť' | 'ţ' | 'ț' => 't',
            'ù' | 'ú' | 'û' | 'ü' | 'ů' | 'ű' | 'ū' => 'u',
            'ý' | 'ÿ' => 'y',
            'ź' | 'ż' | 'ž' => 'z',
            'ß' => {
                out.push_str("ss");
                continue;
            }
            other => other,
        };
        out.push(base);
    }
    out
}

/// A customer's place in the list's default order (by name, then id) as one string
/// that sorts the same way when compared by UTF-16 code units, as IndexedDB
/// compares keys: the folded name's UTF-8 bytes in hex, a dot, the id's in hex.
/// Hex keeps byte order (IndexedDB alone would put some CJK-compatibility and
/// emoji names differently), and the dot, below every hex digit, puts "Ana"
/// before "Anabel" as Rust does.
pub fn list_order_key(c: &Customer) -> String {
    let name = fold_for_matching(&c.name);
    let mut key = String::with_capacity(2 * (name.len() + c.id.as_str().len()) + 1);
    let hex = |key: &mut String, bytes: &[u8]| {
        const DIGITS: &[u8; 16] = b"0123456789abcdef";
        for &b in bytes {
            key.push(char::from(DIGITS[usize::from(b >> 4)]));
            key.push(char::from(DIGITS[usize::from(b & 15)]));
        }
    };
    hex(&mut key, name.as_bytes());
    key.push('.');
    hex(&mut key, c.id.as_str().as_bytes());
    key
}

/// What a customer is found by: its searchable fields folded, then the phone's digits.
pub(super) fn search_key(c: &Customer) -> String {
    let mut key = fold_for_matching(&c.search_text());
    let digits: String = c.phone.chars().filter(char::is_ascii_digit).collect();
    if !digits.is_empty() {
        key.push('\u{1f}');
        key.push_str(&digits);
    }
    key
}

impl Directory {
    pub fn new(customers: Vec<Customer>) -> Self {
        let mut dir = Self::default();
        dir.customers.reserve(customers.len());
        for c in customers {
            dir.upsert(c);
        }
        dir
    }

    /// Adds `customers` (or replaces those with the same id) a slice at a time,
    /// awaiting `pause` between slices: 100,000 customers take about half a second
    /// to index, which would hold the page in one task. An empty directory takes
    /// the vector itself instead of moving each record into a second one (at
    /// 100,000 customers both would be held at once: 40 MB more at the peak).
    pub async fn extend_in_steps<P: std::future::Future<Output = ()>>(
        &mut self,
        customers: Vec<Customer>,
        pause: impl Fn() -> P,
    ) {
        if self.customers.is_empty() {
            self.adopt_in_steps(customers, &pause).await;
            return;
        }
        self.customers.reserve(customers.len());
        let mut customers = customers.into_iter().peekable();
        while customers.peek().is_some() {
            for c in customers.by_ref().take(INDEX_STEP) {
                self.upsert(c);
            }
            if customers.peek().is_some() {
                pause().await;
            }
        }
    }

    /// Indexes `customers` in place, as the directory's own records. An id given
    /// twice (no store returns that) falls back to inserting one by one, where
    /// the later record replaces the earlier.
    async fn adopt_in_steps<P: std::future::Future<Output = ()>>(
        &mut self,
        customers: Vec<Customer>,
        pause: &impl Fn() -> P,
    ) {
        *self = Self::default();
        self.search_keys.reserve(customers.len());
        self.name_keys.reserve(customers.len());
        self.position.reserve(customers.len());
        for (step, slice) in customers.chunks(INDEX_STEP).enumerate() {
            if step > 0 {
                pause().await;
            }
            for (i, c) in slice.iter().enumerate() {
                if self
                    .position
                    .insert(c.id.clone(), step * INDEX_STEP + i)
                    .is_some()
                {
                    *self = Self::new(customers);
                    return;
                }
                self.search_keys.push(search_key(c));
                self.name_keys.push(fold_for_matching(&c.name));
            }
        }
        self.customers = customers;
    }

    pub fn len(&self) -> usize {
        self.customers.len()
    }

    pub fn is_empty(&self) -> bool {
        self.customers.is_empty()
    }

    pub fn get(&self, id: &CustomerId) -> Option<&Customer> {
        self.position.get(id).map(|&i| &self.customers[i])
    }

    pub fn at(&self, index: usize) -> Option<&Customer> {
        self.customers.get(index)
    }

    pub fn iter(&self) -> impl Iterator<Item = &Customer> {
        self.customers.iter()
    }

    /// Inserts or replaces the record with the same id.
    pub fn upsert(&mut self, c: Customer) {
        let search = search_key(&c);
        let name = fold_for_matching(&c.name);
        match self.position.get(&c.id) {
            Some(&i) => {
                self.search_keys[i] = search;
                self.name_keys[i] = name;
                self.customers[i] = c;
            }
            None => {
                self.position.insert(c.id.clone(), self.customers.len());
                self.search_keys.push(search);
                self.name_keys.push(name);
                self.customers.push(c);
            }
        }
    }

    pub fn remove(&mut self, id: &CustomerId) -> Option<Customer> {
        let i = self.position.remove(id)?;
        self.search_keys.swap_remove(i);
        self.name_keys.swap_remove(i);
        let removed = self.customers.swap_remove(i);
        if let Some(moved) = self.customers.get(i) {
            self.position.insert(moved.id.clone(), i);
        }
        Some(removed)
    }

    /// Distinct country codes present, sorted, for the country filter.
    pub fn countries(&self) -> Vec<String> {
        let mut countries: Vec<String> = self.customers.iter().map(|c| c.country.clone()).collect();
        countries.sort_unstable();
        countries.dedup();
        countries
    }

    /// Indices of the matching records in display order. Without tiers: a query for
    /// a tier matches nobody, use [`Self::query_valued`].
    pub fn query(&self, q: &ListQuery) -> Vec<usize> {
        self.query_valued(q, &|_| None)
    }

    /// [`Self::query`], with each customer's current tier from `tier_of`.
    pub fn query_valued(
        &self,
        q: &ListQuery,
        tier_of: &dyn Fn(&CustomerId) -> Option<ValueTier>,
    ) -> Vec<usize> {
        let tokens: Vec<String> = q.text.split_whitespace().map(fold_for_matching).collect();
        let country = q.country.as_deref();
        let owner = q.owner.as_deref().map(owner_key);
        let mut hits: Vec<usize> = (0..self.customers.len())
            .filter(|&i| {
                let c = &self.customers[i];
                q.subset.as_ref().is_none_or(|s| s.ids.contains(&c.id))
                    && q.stage.is_none_or(|s| c.stage == s)
                    && q.kind.is_none_or(|k| c.kind() == k)
                    && country.is_none_or(|k| c.country == k)
                    && owner.as_deref().is_none_or(|o| owner_key(&c.owner) == o)
                    && q.tier.is_none_or(|t| tier_of(&c.id) == Some(t))
                    && tokens
                        .iter()
                        .all(|t| self.search_keys[i].contains(t.as_str()))
            })
            .collect();
        let by_id = |a: usize, b: usize| self.customers[a].id.cmp(&self.customers[b].id);
        let compare = |&a: &usize, &b: &usize| -> Ordering {
            let primary = match q.sort {
                SortKey::Name => self.name_keys[a].cmp(&self.name_keys[b]),
                // Never-contacted customers sort as the oldest contact.
                SortKey::LastContact => self.customers[a]
                    .last_contact_at
                    .cmp(&self.customers[b].last_contact_at),
                SortKey::Created => self.customers[a]
                    .created_at
                    .cmp(&self.customers[b].created_at),
            };
            let ordered = primary.then_with(|| by_id(a, b));
            if q.descending {
                ordered.reverse()
            } else {
                ordered
            }
        };
        hits.sort_unstable_by(compare);
        hits
    }
}

#[cfg(test)]
mod tests {
    use super::*;
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
        {
            let build = stepped.extend_in_steps(customers.clone(), || {
                pauses.set(pauses.get() + 1);
                std::future::ready(())
            });
            let mut build = std::pin::pin!(build);
            let mut cx = std::task::Context::from_waker(std::task::Waker::noop());
            assert!(std::future::Future::poll(build.as_mut(), &mut cx).is_ready());
        }
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
    fn building_in_steps_keeps_the_last_of_an_id_given_twice() {
        let mut second = person("a", "Zed", "ES", 2);
        second.email = "later@example.com".into();
        let customers = vec![
            person("a", "Ana", "ES", 1),
            person("b", "Bo", "FR", 1),
            second,
        ];
        let mut stepped = Directory::default();
        {
            let build = stepped.extend_in_steps(customers.clone(), || std::future::ready(()));
            let mut build = std::pin::pin!(build);
            let mut cx = std::task::Context::from_waker(std::task::Waker::noop());
            assert!(std::future::Future::poll(build.as_mut(), &mut cx).is_ready());
        }
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
}
