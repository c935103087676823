//! Attention from the buyer's own rhythm: the bank clerk who calls because a
//! customer who pays in every month has gone quiet. Each buyer is measured against
//! their own history, not against other buyers (RFM's quintiles say who is relatively
//! recent; they cannot say "this buyer is late by their own standard").
//!
//! Four signals, each with the numbers that raised it, so the UI can say why in one
//! sentence: a silence much longer than the buyer's usual gap between orders, a
//! recent order far above or below their usual amount, complaints rising, and a low
//! satisfaction score.

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

use crate::domain::complaints::Complaint;
use crate::domain::customers::{CustomerId, RelationshipStage};
use crate::domain::orders::{CurrencyCode, CustomerOrders, Money, OrderFacts, OrderStatus};
use crate::domain::shared::sort::sort_stable_by;

/// The thresholds, editable by the team. Factors are in tenths (15 = 1.5×) so the
/// settings stay integers and compare exactly.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct RhythmSettings {
    /// Silent when the days since the last order exceed this many tenths of the
    /// buyer's median gap between orders.
    pub silence_factor_tenths: u32,
    /// Fewest orders (on different days) before a buyer has a rhythm at all.
    pub min_orders: u32,
    /// A recent order at least this many tenths of the usual amount, or at most its
    /// inverse, is unusual (30: three times as much, or a third).
    pub unusual_factor_tenths: u32,
    /// Only an order of the last this many days is judged unusual.
    pub recent_order_days: u32,
    /// Complaints of the last this many days are compared with the same span before.
    pub complaint_window_days: u32,
    /// Fewest complaints in the recent span for a rise to count.
    pub complaints_rising_min: u32,
    /// A satisfaction score (1–5) at or below this is low…
    pub low_satisfaction: u8,
    /// …when given within the last this many days.
    pub satisfaction_days: u32,
}

impl Default for RhythmSettings {
    fn default() -> Self {
        Self {
            silence_factor_tenths: 15,
            min_orders: 3,
            unusual_factor_tenths: 30,
            recent_order_days: 30,
            complaint_window_days: 90,
            complaints_rising_min: 2,
            low_satisfaction: 2,
            satisfaction_days: 180,
        }
    }
}

coded_enum! {
    /// One editable threshold.
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
    #[serde(rename_all = "snake_case")]
    pub enum RhythmField {
        SilenceFactor = "silence_factor",
        MinOrders = "min_orders",
        UnusualFactor = "unusual_factor",
        RecentOrderDays = "recent_order_days",
        ComplaintWindowDays = "complaint_window_days",
        ComplaintsRisingMin = "complaints_rising_min",
        LowSatisfaction = "low_satisfaction",
        SatisfactionDays = "satisfaction_days",
    }
}

impl RhythmField {
    /// The accepted range, in the field's own unit (tenths for factors).
    pub fn range(self) -> (u32, u32) {
        match self {
            // Below 1.0× every buyer would be "silent" the day after an order.
            Self::SilenceFactor => (11, 100),
            // Two orders give one gap: a rhythm needs at least two gaps.
            Self::MinOrders => (3, 100),
            Self::UnusualFactor => (11, 100),
            Self::RecentOrderDays => (1, 365),
            Self::ComplaintWindowDays => (7, 730),
            Self::ComplaintsRisingMin => (1, 100),
            Self::LowSatisfaction => (1, 4),
            Self::SatisfactionDays => (1, 730),
        }
    }
}

/// A threshold out of its range.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("{field:?} must be between {min} and {max}")]
pub struct RhythmSettingProblem {
    pub field: RhythmField,
    pub min: u32,
    pub max: u32,
}

impl RhythmSettings {
    pub fn get(&self, field: RhythmField) -> u32 {
        match field {
            RhythmField::SilenceFactor => self.silence_factor_tenths,
            RhythmField::MinOrders => self.min_orders,
            RhythmField::UnusualFactor => self.unusual_factor_tenths,
            RhythmField::RecentOrderDays => self.recent_order_days,
            RhythmField::ComplaintWindowDays => self.complaint_window_days,
            RhythmField::ComplaintsRisingMin => self.complaints_rising_min,
            RhythmField::LowSatisfaction => u32::from(self.low_satisfaction),
            RhythmField::SatisfactionDays => self.satisfaction_days,
        }
    }

    /// These settings with `field` set to `value`, if it is in range.
    pub fn with(mut self, field: RhythmField, value: u32) -> Result<Self, RhythmSettingProblem> {
        let (min, max) = field.range();
        if !(min..=max).contains(&value) {
            return Err(RhythmSettingProblem { field, min, max });
        }
        match field {
            RhythmField::SilenceFactor => self.silence_factor_tenths = value,
            RhythmField::MinOrders => self.min_orders = value,
            RhythmField::UnusualFactor => self.unusual_factor_tenths = value,
            RhythmField::RecentOrderDays => self.recent_order_days = value,
            RhythmField::ComplaintWindowDays => self.complaint_window_days = value,
            RhythmField::ComplaintsRisingMin => self.complaints_rising_min = value,
            RhythmField::LowSatisfaction => self.low_satisfaction = value as u8,
            RhythmField::SatisfactionDays => self.satisfaction_days = value,
        }
        Ok(self)
    }

    /// Every field in range (stored settings are user input from an older version,
    /// another tab or a restored backup).
    pub fn validate(&self) -> Result<(), RhythmSettingProblem> {
        RhythmField::ALL
            .into_iter()
            .try_fold(*self, |settings, field| {
                settings.with(field, settings.get(field))
            })
            .map(|_| ())
    }
}

/// Why a buyer needs attention, with the numbers behind it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Attention {
    /// No order for `silent_days`, against a usual gap of `usual_gap_days` (median).
    Silent {
        usual_gap_days: u32,
        silent_days: u32,
    },
    /// An order on `placed_on` of `amount`, against a usual `usual` (median of the
    /// buyer's earlier orders in that currency); `larger` says which way.
    UnusualOrder {
        placed_on: NaiveDate,
        amount: Money,
        usual: Money,
        larger: bool,
    },
    /// `recent` complaints in the last `window_days`, `before` in the span before.
    ComplaintsRising {
        recent: u32,
        before: u32,
        window_days: u32,
    },
    /// The latest satisfaction score, given on `on`.
    LowSatisfaction { score: u8, on: NaiveDate },
}

/// A satisfaction score from somewhere other than a complaint (a revisit report).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Score {
    pub customer: CustomerId,
    pub on: NaiveDate,
    pub score: u8,
}

/// A buyer with at least one reason for attention.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Flagged {
    pub customer: CustomerId,
    pub flags: Vec<Attention>,
}

/// Median of sorted values; the lower of the two middle ones when even, so the
/// "usual" is an amount or gap that actually happened.
fn median_sorted(sorted: &[i64]) -> Option<i64> {
    if sorted.is_empty() {
        return None;
    }
    Some(sorted[(sorted.len() - 1) / 2])
}

/// Buffers reused across buyers: a million orders, no allocation per buyer.
#[derive(Default)]
struct Scratch {
    /// Distinct order days (days from CE), oldest first.
    days: Vec<i32>,
    gaps: Vec<i64>,
    /// Per-day totals in the latest day's currency, oldest first.
    amounts: Vec<(i32, i64)>,
}

/// The rhythm signals of one buyer's orders (oldest first, as grouped facts are).
/// Cancelled orders are not purchases; refunded ones were, and count.
pub fn rhythm_flags(
    orders: &CustomerOrders<'_>,
    today: NaiveDate,
    settings: &RhythmSettings,
    out: &mut Vec<Attention>,
) {
    rhythm_flags_with(orders, today, settings, out, &mut Scratch::default());
}

fn rhythm_flags_with(
    orders: &CustomerOrders<'_>,
    today: NaiveDate,
    settings: &RhythmSettings,
    out: &mut Vec<Attention>,
    scratch: &mut Scratch,
) {
    let today_day = today.num_days_from_ce();
    scratch.days.clear();
    let mut latest: Option<(i32, CurrencyCode)> = None;
    for order in orders.iter().filter(|o| o.status != OrderStatus::Cancelled) {
        let day = order.placed_on.num_days_from_ce();
        if day > today_day {
            // An order dated in the future is a typo or a clock problem, not a rhythm.
            continue;
        }
        if scratch.days.last() != Some(&day) {
            scratch.days.push(day);
        }
        // Same day, several currencies: the smallest code, so the choice is stable.
        latest = match latest {
            Some((d, c)) if d == day && c <= order.total.currency => Some((d, c)),
            _ => Some((day, order.total.currency)),
        };
    }
    let (Some(&last_day), Some((_, currency))) = (scratch.days.last(), latest) else {
        return;
    };
    if scratch.days.len() < settings.min_orders as usize {
        return;
    }

    scratch.gaps.clear();
    scratch
        .gaps
        .extend(scratch.days.windows(2).map(|w| i64::from(w[1] - w[0])));
    scratch.gaps.sort_unstable();
    if let Some(usual_gap) = median_sorted(&scratch.gaps) {
        let silent = i64::from(today_day - last_day);
        if silent * 10 > usual_gap * i64::from(settings.silence_factor_tenths) {
            out.push(Attention::Silent {
                usual_gap_days: usual_gap as u32,
                silent_days: silent as u32,
            });
        }
    }

    if i64::from(today_day - last_day) > i64::from(settings.recent_order_days) {
        return;
    }
    // Orders of one day are one purchase: sum them per day, in the latest currency.
    scratch.amounts.clear();
    for order in orders.iter().filter(|o| {
        o.status != OrderStatus::Cancelled
            && o.total.currency == currency
            && o.placed_on.num_days_from_ce() <= today_day
    }) {
        let day = order.placed_on.num_days_from_ce();
        match scratch.amounts.last_mut() {
            Some((d, sum)) if *d == day => *sum = sum.saturating_add(order.total.minor),
            _ => scratch.amounts.push((day, order.total.minor)),
        }
    }
    let Some(&(_, amount)) = scratch.amounts.last() else {
        return;
    };
    let earlier = scratch.amounts.len() - 1;
    if earlier + 1 < settings.min_orders as usize {
        return;
    }
    scratch.gaps.clear();
    scratch
        .gaps
        .extend(scratch.amounts[..earlier].iter().map(|&(_, a)| a));
    scratch.gaps.sort_unstable();
    let Some(usual) = median_sorted(&scratch.gaps).filter(|&u| u > 0) else {
        return;
    };
    let factor = i128::from(settings.unusual_factor_tenths);
    let (amount_w, usual_w) = (i128::from(amount), i128::from(usual));
    let larger = amount_w * 10 >= usual_w * factor;
    let smaller = amount_w * factor <= usual_w * 10;
    if larger || smaller {
        let placed_on = NaiveDate::from_num_days_from_ce_opt(last_day).unwrap_or(today);
        out.push(Attention::UnusualOrder {
            placed_on,
            amount: Money {
                minor: amount,
                currency,
            },
            usual: Money {
                minor: usual,
                currency,
            },
            larger,
        });
    }
}

/// Complaints opened in the recent span against the span before it, and the latest
/// satisfaction score. `complaints` and `scores` are one buyer's.
fn service_flags<'a>(
    complaints: impl Iterator<Item = &'a Complaint>,
    scores: impl Iterator<Item = (NaiveDate, u8)>,
    today: NaiveDate,
    settings: &RhythmSettings,
    out: &mut Vec<Attention>,
) {
    let window = i64::from(settings.complaint_window_days);
    let today_day = i64::from(today.num_days_from_ce());
    let (mut recent, mut before) = (0u32, 0u32);
    let mut latest: Option<(NaiveDate, u8)> = None;
    let mut consider = |on: NaiveDate, score: u8| {
        if latest.is_none_or(|(d, _)| on > d) {
            latest = Some((on, score));
        }
    };
    for complaint in complaints {
        // UTC dates: a day's difference at most, on spans of weeks.
        let age = today_day - i64::from(complaint.opened_at.date_naive().num_days_from_ce());
        if (0..window).contains(&age) {
            recent += 1;
        } else if (window..2 * window).contains(&age) {
            before += 1;
        }
        if let (Some(score), Some(at)) = (complaint.satisfaction, complaint.resolved_at) {
            consider(at.date_naive(), score);
        }
    }
    for (on, score) in scores {
        consider(on, score);
    }
    if recent >= settings.complaints_rising_min && recent > before {
        out.push(Attention::ComplaintsRising {
            recent,
            before,
            window_days: settings.complaint_window_days,
        });
    }
    if let Some((on, score)) = latest {
        let age = today_day - i64::from(on.num_days_from_ce());
        if (1..=5).contains(&score)
            && score <= settings.low_satisfaction
            && (0..=i64::from(settings.satisfaction_days)).contains(&age)
        {
            out.push(Attention::LowSatisfaction { score, on });
        }
    }
}

/// One buyer's complaints and dated satisfaction scores.
type ServiceRecord<'a> = (Vec<&'a Complaint>, Vec<(NaiveDate, u8)>);

/// Every buyer needing attention, in no particular order (the caller ranks them,
/// key customers first). `stage_of` leaves out buyers who are not (or no longer)
/// customers: a lost buyer has a win-back plan instead, a prospect has no rhythm.
/// `facts` must be grouped ([`OrderFacts::group_by_customer`]).
pub fn needing_attention(
    facts: &OrderFacts,
    complaints: &[Complaint],
    scores: &[Score],
    stage_of: &dyn Fn(&CustomerId) -> Option<RelationshipStage>,
    today: NaiveDate,
    settings: &RhythmSettings,
) -> Vec<Flagged> {
    use std::collections::HashMap;
    let followed = |id: &CustomerId| stage_of(id).is_some_and(RelationshipStage::is_actual);
    let mut service: HashMap<&CustomerId, ServiceRecord<'_>> = HashMap::new();
    for complaint in complaints.iter().filter(|c| followed(&c.customer_id)) {
        service
            .entry(&complaint.customer_id)
            .or_default()
            .0
            .push(complaint);
    }
    for score in scores.iter().filter(|s| followed(&s.customer)) {
        service
            .entry(&score.customer)
            .or_default()
            .1
            .push((score.on, score.score));
    }

    let mut flagged = Vec::new();
    let mut flags = Vec::new();
    let mut scratch = Scratch::default();
    for run in facts.grouped_runs() {
        if !followed(run.id) {
            continue;
        }
        rhythm_flags_with(&run, today, settings, &mut flags, &mut scratch);
        if let Some((complaints, scores)) = service.remove(run.id) {
            service_flags(
                complaints.into_iter(),
                scores.into_iter(),
                today,
                settings,
                &mut flags,
            );
        }
        if !flags.is_empty() {
            flagged.push(Flagged {
                customer: run.id.clone(),
                flags: std::mem::take(&mut flags),
            });
        }
    }
    // Buyers with complaints or scores but no orders on file.
    let mut rest: Vec<_> = service.into_iter().collect();
    sort_stable_by(&mut rest, |a, b| a.0.cmp(b.0));
    for (customer, (complaints, scores)) in rest {
        service_flags(
            complaints.into_iter(),
            scores.into_iter(),
            today,
            settings,
            &mut flags,
        );
        if !flags.is_empty() {
            flagged.push(Flagged {
                customer: customer.clone(),
                flags: std::mem::take(&mut flags),
            });
        }
    }
    flagged
}
