//! Winning back a lost customer (客户挽回): the effort the customer's tier deserves
//! (key customers all-out, ordinary customers try hard, small customers at low cost,
//! customers we let go: none) and the plan of follow-ups made from the effort's
//! template, each due in the buyer's daytime.

use chrono::{DateTime, DurationRound, TimeDelta, Utc};
use serde::{Deserialize, Serialize};

use super::{Customer, CustomerId, LossCause};
use crate::domain::contacts::{complete, is_night_hour, ContactChannel, FollowUp, FollowUpKind};
use crate::domain::value::ValueTier;

coded_enum! {
    /// How hard to try to win a lost customer back (domain §6).
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
    #[serde(rename_all = "snake_case")]
    pub enum WinBackEffort {
        /// Key customers (VIP, major): everything it takes.
        AllOut = "all_out",
        /// Ordinary customers: try hard.
        TryHard = "try_hard",
        /// Small customers: as it fits, at low cost.
        LowCost = "low_cost",
        /// Customers we let go on purpose: no win-back.
        LetGo = "let_go",
    }
}

/// The effort a lost customer deserves: `LetGo` when we let them go, whatever their
/// tier; otherwise by tier, and a customer without a tier counts as small.
pub fn win_back_effort(tier: Option<ValueTier>, cause: LossCause) -> WinBackEffort {
    if cause == LossCause::LetGo {
        return WinBackEffort::LetGo;
    }
    match tier {
        Some(ValueTier::Vip | ValueTier::Major) => WinBackEffort::AllOut,
        Some(ValueTier::Ordinary) => WinBackEffort::TryHard,
        Some(ValueTier::Small) | None => WinBackEffort::LowCost,
    }
}

coded_enum! {
    /// One step of a win-back template; its purpose and talking points are words
    /// (i18n), written in the rep's language when the plan is made.
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
    #[serde(rename_all = "snake_case")]
    pub enum WinBackStep {
        /// Call to find out why they left.
        FindCause = "find_cause",
        /// Offer a remedy for what went wrong.
        RemedyOffer = "remedy_offer",
        /// A personal visit or a gift.
        VisitOrGift = "visit_or_gift",
        /// A month later: did it work?
        CheckIn = "check_in",
        /// Email to ask why.
        AskWhy = "ask_why",
        /// An offer to come back.
        ComeBackOffer = "come_back_offer",
        /// One low-cost message.
        LowCostMessage = "low_cost_message",
    }
}

/// A template step: when (days after the loss), how, and how long to book.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TemplateStep {
    pub step: WinBackStep,
    /// Whole days after the loss; 0 = as soon as the buyer's day allows.
    pub days_after: u32,
    pub channel: ContactChannel,
    pub duration_minutes: u32,
}

const fn step(
    step: WinBackStep,
    days_after: u32,
    channel: ContactChannel,
    duration_minutes: u32,
) -> TemplateStep {
    TemplateStep {
        step,
        days_after,
        channel,
        duration_minutes,
    }
}

const ALL_OUT: [TemplateStep; 4] = [
    step(WinBackStep::FindCause, 0, ContactChannel::Phone, 30),
    step(WinBackStep::RemedyOffer, 3, ContactChannel::Email, 30),
    step(WinBackStep::VisitOrGift, 10, ContactChannel::Gift, 60),
    step(WinBackStep::CheckIn, 30, ContactChannel::Phone, 15),
];
const TRY_HARD: [TemplateStep; 2] = [
    step(WinBackStep::AskWhy, 1, ContactChannel::Email, 15),
    step(WinBackStep::ComeBackOffer, 7, ContactChannel::Email, 15),
];
const LOW_COST: [TemplateStep; 1] = [step(
    WinBackStep::LowCostMessage,
    3,
    ContactChannel::PlatformMessage,
    10,
)];

/// The template of each effort; letting go has no steps.
pub fn win_back_template(effort: WinBackEffort) -> &'static [TemplateStep] {
    match effort {
        WinBackEffort::AllOut => &ALL_OUT,
        WinBackEffort::TryHard => &TRY_HARD,
        WinBackEffort::LowCost => &LOW_COST,
        WinBackEffort::LetGo => &[],
    }
}

/// A template step with its due time worked out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PlannedStep {
    pub step: WinBackStep,
    pub channel: ContactChannel,
    pub due_at: DateTime<Utc>,
    pub duration_minutes: u32,
}

/// The earliest whole hour at or after `at` that is daytime for the buyer.
/// `buyer_hour` gives the buyer's local hour at an instant (the browser knows their
/// zone), or `None` when their zone is unknown: then `at`'s next whole hour is kept.
pub fn in_buyer_daytime(
    at: DateTime<Utc>,
    buyer_hour: &dyn Fn(DateTime<Utc>) -> Option<u32>,
) -> DateTime<Utc> {
    let hour = TimeDelta::hours(1);
    let mut candidate = match at.duration_trunc(hour) {
        Ok(start) if start == at => at,
        Ok(start) => start.checked_add_signed(hour).unwrap_or(at),
        Err(_) => at,
    };
    // A day has 24 hours, so the buyer's morning is at most 24 steps away.
    for _ in 0..24 {
        match buyer_hour(candidate) {
            Some(local) if is_night_hour(local) => {}
            _ => return candidate,
        }
        match candidate.checked_add_signed(hour) {
            Some(next) => candidate = next,
            None => return candidate,
        }
    }
    candidate
}

/// The plan for a loss at `lost_at`: the effort's template, each step due
/// `days_after` days later (a same-day step one hour later, so the rep can prepare),
/// moved into the buyer's daytime.
pub fn plan_win_back(
    effort: WinBackEffort,
    lost_at: DateTime<Utc>,
    buyer_hour: &dyn Fn(DateTime<Utc>) -> Option<u32>,
) -> Vec<PlannedStep> {
    win_back_template(effort)
        .iter()
        .map(|t| {
            let wait = if t.days_after == 0 {
                TimeDelta::hours(1)
            } else {
                TimeDelta::days(i64::from(t.days_after))
            };
            let base = lost_at.checked_add_signed(wait).unwrap_or(lost_at);
            PlannedStep {
                step: t.step,
                channel: t.channel,
                due_at: in_buyer_daytime(base, buyer_hour),
                duration_minutes: t.duration_minutes,
            }
        })
        .collect()
}

/// Who does the win-back: the customer's account owner when set, else the rep
/// making the move.
pub fn win_back_rep(customer: &Customer, current_rep: &str) -> String {
    let owner = customer.owner.trim();
    if owner.is_empty() {
        current_rep.trim().to_owned()
    } else {
        owner.to_owned()
    }
}

/// The words of one step, in the rep's language.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct StepWords {
    pub purpose: String,
    pub talking_points: String,
}

/// The follow-ups for the chosen steps: win-back kind, for the owner (else the
/// current rep), with the words `words` gives and ids from `new_id`.
pub fn win_back_follow_ups(
    customer: &Customer,
    steps: &[PlannedStep],
    current_rep: &str,
    now: DateTime<Utc>,
    new_id: &mut dyn FnMut() -> String,
    words: &dyn Fn(WinBackStep) -> StepWords,
) -> Vec<FollowUp> {
    let rep = win_back_rep(customer, current_rep);
    steps
        .iter()
        .map(|planned| {
            let StepWords {
                purpose,
                talking_points,
            } = words(planned.step);
            FollowUp {
                id: new_id(),
                customer_id: customer.id.clone(),
                rep: rep.clone(),
                due_at: planned.due_at,
                duration_minutes: planned.duration_minutes,
                purpose,
                complaint_id: None,
                done_at: None,
                created_at: now,
                talking_points,
                materials: String::new(),
                kind: FollowUpKind::WinBack,
            }
        })
        .collect()
}

/// The customer's still-open win-back steps, marked done at `now` (the customer
/// was won back or given up, so the plan is over).
pub fn close_win_back_steps(
    all: &[FollowUp],
    customer: &CustomerId,
    now: DateTime<Utc>,
) -> Vec<FollowUp> {
    all.iter()
        .filter(|f| &f.customer_id == customer && f.kind == FollowUpKind::WinBack && f.is_open())
        .map(|f| complete(f, now))
        .collect()
}

#[cfg(test)]
mod tests;
