//! The rep's day: what the Today screen lists, in the order a rep should work it.
//! Overdue and today's follow-ups, win-back steps due, buyers needing attention
//! (key customers first) and VIPs nobody owns. Occasions come from the care calendar.

use std::collections::HashMap;

use chrono::{DateTime, FixedOffset, Utc};

use super::attention::{Attention, Flagged};
use crate::domain::contacts::{bucket, FollowUp, FollowUpBucket, FollowUpKind};
use crate::domain::customers::{owner_key, Customer, CustomerId, Directory};
use crate::domain::shared::sort::sort_stable_by;
use crate::domain::value::{is_key_tier, ValueTier};

/// Whose day: everybody's, or one rep's (their follow-ups, the customers they own).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Whose<'a> {
    Team,
    Rep(&'a str),
}

impl Whose<'_> {
    fn follow_up(&self, f: &FollowUp) -> bool {
        match self {
            Self::Team => true,
            Self::Rep(me) => owner_key(&f.rep) == owner_key(me),
        }
    }

    fn customer(&self, c: &Customer) -> bool {
        match self {
            Self::Team => true,
            Self::Rep(me) => owner_key(&c.owner) == owner_key(me),
        }
    }
}

/// The Today lists, each already in working order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Today<'a> {
    /// Open follow-ups due by the end of the rep's day, overdue first.
    pub follow_ups: Vec<&'a FollowUp>,
    /// Open win-back steps due by the end of the rep's day.
    pub win_back: Vec<&'a FollowUp>,
    /// Buyers needing attention: key customers first, then the most reasons, then
    /// the longest silence relative to their rhythm.
    pub attention: Vec<&'a Flagged>,
    /// VIP customers without an account owner, best ranked first.
    pub unowned_vips: Vec<&'a Customer>,
}

impl Today<'_> {
    /// Lines on the screen (what the navigation counts).
    pub fn count(&self) -> usize {
        self.follow_ups.len() + self.win_back.len() + self.attention.len() + self.unowned_vips.len()
    }
}

/// How far past their rhythm a buyer is, in tenths (0 when not silent).
fn silence_ratio(flagged: &Flagged) -> u64 {
    flagged
        .flags
        .iter()
        .find_map(|f| match *f {
            Attention::Silent {
                usual_gap_days,
                silent_days,
            } => Some(u64::from(silent_days) * 10 / u64::from(usual_gap_days.max(1))),
            _ => None,
        })
        .unwrap_or(0)
}

/// Everything the Today screen lists (a follow-up or flag of a customer no longer in
/// the directory is left out); `rank` orders VIPs.
#[allow(clippy::too_many_arguments)]
pub fn today<'a>(
    follow_ups: &'a [FollowUp],
    flagged: &'a [Flagged],
    directory: &'a Directory,
    tiers: &HashMap<CustomerId, ValueTier>,
    rank: &dyn Fn(&CustomerId) -> u32,
    whose: Whose<'_>,
    now: DateTime<Utc>,
    rep_offset: FixedOffset,
) -> Today<'a> {
    let due = |f: &&FollowUp| {
        matches!(
            bucket(f, now, rep_offset),
            FollowUpBucket::Overdue | FollowUpBucket::Today
        ) && whose.follow_up(f)
            && directory.get(&f.customer_id).is_some()
    };
    let by_due =
        |a: &&FollowUp, b: &&FollowUp| a.due_at.cmp(&b.due_at).then_with(|| a.id.cmp(&b.id));
    let (mut win_back, mut general): (Vec<&FollowUp>, Vec<&FollowUp>) = follow_ups
        .iter()
        .filter(due)
        .partition(|f| f.kind == FollowUpKind::WinBack);
    sort_stable_by(&mut general, by_due);
    sort_stable_by(&mut win_back, by_due);

    let tier = |id: &CustomerId| tiers.get(id).copied();
    let mut attention: Vec<&Flagged> = flagged
        .iter()
        .filter(|f| {
            directory
                .get(&f.customer)
                .is_some_and(|c| whose.customer(c))
        })
        .collect();
    sort_stable_by(&mut attention, |a, b| {
        is_key_tier(tier(&b.customer))
            .cmp(&is_key_tier(tier(&a.customer)))
            .then_with(|| b.flags.len().cmp(&a.flags.len()))
            .then_with(|| silence_ratio(b).cmp(&silence_ratio(a)))
            .then_with(|| a.customer.cmp(&b.customer))
    });

    let mut unowned_vips: Vec<&Customer> = match whose {
        // An unowned customer is nobody's: only the team view lists them.
        Whose::Rep(_) => Vec::new(),
        Whose::Team => directory
            .iter()
            .filter(|c| tier(&c.id) == Some(ValueTier::Vip) && c.owner.trim().is_empty())
            .collect(),
    };
    sort_stable_by(&mut unowned_vips, |a, b| {
        rank(&a.id).cmp(&rank(&b.id)).then_with(|| a.id.cmp(&b.id))
    });

    Today {
        follow_ups: general,
        win_back,
        attention,
        unowned_vips,
    }
}
