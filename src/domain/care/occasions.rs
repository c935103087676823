//! Occasions for the next days: birthdays, family dates, company founding
//! anniversaries and the holidays of the buyer's country, each with the action the
//! customer's tier deserves; and shipping cut-offs before those holidays for buyers
//! with open orders.

use std::collections::{BTreeMap, HashMap, HashSet};

use chrono::{DateTime, Datelike, Duration, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use super::calendar::{GreetingKind, Holiday, HolidayTable};
use crate::domain::contacts::ContactChannel;
use crate::domain::customers::{Customer, CustomerId, Profile, RelationshipStage};
use crate::domain::shared::sort::sort_stable_by;
use crate::domain::value::ValueTier;

/// Occasions are listed from today through this many days ahead.
pub const HORIZON_DAYS: i64 = 14;

coded_enum! {
    /// What a rep does for an occasion (care plan by tier: A a gift or a call, B a
    /// holiday gift, C a greeting card).
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
    #[serde(rename_all = "snake_case")]
    pub enum CareAction {
        GiftOrCall = "gift_or_call",
        HolidayGift = "holiday_gift",
        Card = "card",
        Nothing = "none",
    }
}

impl CareAction {
    /// The channel of the contact that *Done* logs.
    pub fn channel(self) -> ContactChannel {
        match self {
            Self::GiftOrCall | Self::HolidayGift => ContactChannel::Gift,
            Self::Card => ContactChannel::Letter,
            Self::Nothing => ContactChannel::Email,
        }
    }
}

/// The action per tier, a team setting.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct TierActions {
    pub vip: CareAction,
    pub major: CareAction,
    pub ordinary: CareAction,
    /// Also for customers without a tier.
    pub small: CareAction,
}

impl Default for TierActions {
    fn default() -> Self {
        Self {
            vip: CareAction::GiftOrCall,
            major: CareAction::HolidayGift,
            ordinary: CareAction::Card,
            small: CareAction::Nothing,
        }
    }
}

impl TierActions {
    /// The action for a customer of `tier` (no tier counts as small).
    pub fn for_tier(&self, tier: Option<ValueTier>) -> CareAction {
        match tier.unwrap_or(ValueTier::Small) {
            ValueTier::Vip => self.vip,
            ValueTier::Major => self.major,
            ValueTier::Ordinary => self.ordinary,
            ValueTier::Small => self.small,
        }
    }

    pub fn set(&mut self, tier: ValueTier, action: CareAction) {
        match tier {
            ValueTier::Vip => self.vip = action,
            ValueTier::Major => self.major = action,
            ValueTier::Ordinary => self.ordinary = action,
            ValueTier::Small => self.small = action,
        }
    }
}

/// The care calendar's team settings.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct CareSettings {
    pub actions: TierActions,
    /// Shipping days by country code, overriding the holiday file's defaults.
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub shipping_days: BTreeMap<String, u32>,
}

impl CareSettings {
    pub fn shipping_days(&self, table: &HolidayTable, country: &str) -> Option<u32> {
        let code = country.trim().to_ascii_uppercase();
        self.shipping_days
            .get(&code)
            .copied()
            .or_else(|| table.shipping_days(&code))
    }
}

/// What the occasion is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum OccasionKind {
    Birthday,
    /// A family date, with the label the rep gave it.
    FamilyDate {
        label: String,
    },
    /// The company's founding day; `years` since founding.
    CompanyAnniversary {
        years: u32,
    },
    Holiday(Holiday),
}

impl OccasionKind {
    pub fn greeting(&self) -> GreetingKind {
        match self {
            Self::Birthday => GreetingKind::Birthday,
            Self::FamilyDate { .. } => GreetingKind::FamilyDate,
            Self::CompanyAnniversary { .. } => GreetingKind::CompanyAnniversary,
            Self::Holiday(h) => h.greeting,
        }
    }
}

/// One occasion to act on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Occasion {
    /// "2026-12-25:christmas:<customer id>": a contact with this `occasion` marks it done.
    pub key: String,
    pub customer_id: CustomerId,
    /// The day (the first day of a holiday).
    pub date: NaiveDate,
    /// 0 = today; a holiday that began earlier and still lasts counts as 0.
    pub days_until: i64,
    pub kind: OccasionKind,
    pub tier: Option<ValueTier>,
    pub action: CareAction,
}

/// The care calendar's inputs, all plain data.
#[derive(Debug, Clone, Copy)]
pub struct CareInput<'a> {
    pub tiers: &'a HashMap<CustomerId, ValueTier>,
    /// Occasion keys that a logged contact already answered.
    pub done: &'a HashSet<String>,
    pub table: &'a HolidayTable,
    pub settings: &'a CareSettings,
    /// The rep's local calendar day.
    pub today: NaiveDate,
}

/// Whether the care calendar looks after this customer at all.
fn cared_for(c: &Customer) -> bool {
    !matches!(
        c.stage,
        RelationshipStage::Lost | RelationshipStage::NonCustomer
    )
}

/// The next time `date`'s month and day come round, on or after `today` (29
/// February falls on 28 February in other years).
pub fn next_anniversary(date: NaiveDate, today: NaiveDate) -> Option<NaiveDate> {
    [today.year(), today.year() + 1]
        .into_iter()
        .filter_map(|year| {
            NaiveDate::from_ymd_opt(year, date.month(), date.day())
                .or_else(|| NaiveDate::from_ymd_opt(year, date.month(), date.day() - 1))
        })
        .find(|d| *d >= today)
}

fn within(days_until: i64) -> bool {
    (0..=HORIZON_DAYS).contains(&days_until)
}

/// Whether a customer's contacts can hold the key of an occasion listed today: *Done*
/// logs its contact while the occasion is listed, so no earlier than the horizon
/// before the occasion's first day (a holiday lasts at most 31 days), and that
/// contact moves the last contact to then or later. Customers last contacted before
/// need no read of their contacts.
pub fn may_have_done_occasions(last_contact_at: Option<DateTime<Utc>>, today: NaiveDate) -> bool {
    let earliest = today - Duration::days(HORIZON_DAYS + 31 + 1);
    last_contact_at.is_some_and(|at| at.date_naive() >= earliest)
}

/// The stable key of an occasion.
pub fn occasion_key(date: NaiveDate, what: &str, customer: &CustomerId) -> String {
    format!("{date}:{what}:{customer}")
}

/// Holidays of `country` that touch the window (start in it, or began before and last into today).
fn holidays_in_window<'t>(
    table: &'t HolidayTable,
    country: &str,
    today: NaiveDate,
) -> impl Iterator<Item = (&'t Holiday, i64)> {
    table.of(country).iter().filter_map(move |h| {
        let until = (h.date - today).num_days();
        let ongoing = until < 0 && until + i64::from(h.days) > 0;
        (within(until) || ongoing).then_some((h, until.max(0)))
    })
}

/// Every occasion of the next [`HORIZON_DAYS`] days that still needs doing, soonest
/// first, key customers first on the same day. Customers whose tier's action is
/// "none", lost customers and non-customers are left out.
pub fn occasions<'c>(
    customers: impl IntoIterator<Item = &'c Customer>,
    input: &CareInput,
) -> Vec<Occasion> {
    let today = input.today;
    let mut out = Vec::new();
    for c in customers.into_iter().filter(|c| cared_for(c)) {
        let tier = input.tiers.get(&c.id).copied();
        let action = input.settings.actions.for_tier(tier);
        if action == CareAction::Nothing {
            continue;
        }
        let mut push = |date: NaiveDate, what: &str, kind: OccasionKind| {
            let days_until = (date - today).num_days().max(0);
            let key = occasion_key(date, what, &c.id);
            if !input.done.contains(&key) {
                out.push(Occasion {
                    key,
                    customer_id: c.id.clone(),
                    date,
                    days_until,
                    kind,
                    tier,
                    action,
                });
            }
        };
        let annual = |date: NaiveDate| {
            next_anniversary(date, today).filter(|d| within((*d - today).num_days()))
        };
        match &c.profile {
            Profile::Individual(p) => {
                if let Some(date) = p.birthday.and_then(annual) {
                    push(date, "birthday", OccasionKind::Birthday);
                }
                for (i, f) in p.family_dates.iter().enumerate() {
                    if let Some(date) = annual(f.date) {
                        push(
                            date,
                            &format!("family-{i}"),
                            OccasionKind::FamilyDate {
                                label: f.label.clone(),
                            },
                        );
                    }
                }
            }
            Profile::Company(p) => {
                if let Some(founded) = p.founded_on {
                    if let Some(date) = annual(founded) {
                        let years = u32::try_from(date.year() - founded.year()).unwrap_or(0);
                        if years > 0 {
                            push(date, "founded", OccasionKind::CompanyAnniversary { years });
                        }
                    }
                }
            }
        }
        for (h, _) in holidays_in_window(input.table, &c.country, today) {
            push(h.date, &h.key, OccasionKind::Holiday(h.clone()));
        }
    }
    sort_stable_by(&mut out, |a, b| {
        a.days_until
            .cmp(&b.days_until)
            .then(rank(a.tier).cmp(&rank(b.tier)))
            .then(a.key.cmp(&b.key))
    });
    out
}

/// VIP first, no tier last (with small).
fn rank(tier: Option<ValueTier>) -> u8 {
    match tier {
        Some(ValueTier::Vip) => 0,
        Some(ValueTier::Major) => 1,
        Some(ValueTier::Ordinary) => 2,
        Some(ValueTier::Small) | None => 3,
    }
}

/// "Ship by `ship_by` to arrive before `holiday`" for a buyer with open orders.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CutOff {
    pub customer_id: CustomerId,
    pub holiday: Holiday,
    pub ship_by: NaiveDate,
    pub open_orders: u32,
    /// The ship-by day is already past: the parcel will likely arrive after the holiday.
    pub late: bool,
}

/// Shipping cut-offs: for each buyer with open orders, the holidays of their country
/// still ahead whose ship-by day (the holiday minus the country's shipping days) falls
/// within the next [`HORIZON_DAYS`] days or has just passed. Earliest ship-by first.
pub fn cut_offs<'c>(
    customers: impl IntoIterator<Item = &'c Customer>,
    input: &CareInput,
    open_orders: &HashMap<CustomerId, u32>,
) -> Vec<CutOff> {
    let today = input.today;
    let mut out = Vec::new();
    for c in customers.into_iter().filter(|c| cared_for(c)) {
        let Some(&open) = open_orders.get(&c.id).filter(|n| **n > 0) else {
            continue;
        };
        let Some(days) = input.settings.shipping_days(input.table, &c.country) else {
            continue;
        };
        for h in input.table.of(&c.country) {
            let ship_by = h.date - Duration::days(i64::from(days));
            if h.date >= today && (ship_by - today).num_days() <= HORIZON_DAYS {
                out.push(CutOff {
                    customer_id: c.id.clone(),
                    holiday: h.clone(),
                    ship_by,
                    open_orders: open,
                    late: ship_by < today,
                });
            }
        }
    }
    sort_stable_by(&mut out, |a, b| {
        a.ship_by
            .cmp(&b.ship_by)
            .then(a.customer_id.cmp(&b.customer_id))
            .then(a.holiday.key.cmp(&b.holiday.key))
    });
    out
}
