//! Demo follow-ups: planned ones at the customer's waking hours without conflicts,
//! and done ones in the past.

use super::*;
use crate::domain::complaints::ComplaintState;
use crate::domain::contacts::{conflicts, FollowUp};
use crate::domain::customers::RelationshipStage;
use crate::domain::customers::{Customer, Profile};
use crate::domain::demo::DemoRng;
use chrono::{DateTime, Days, NaiveDate, Utc};

/// Where an open follow-up sits on the board.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Due {
    /// Up to three days late.
    Overdue,
    /// Later today.
    Today,
    /// Within the next ten days.
    Ahead,
}

/// About 40 open follow-ups (overdue, due today, coming), some done ones, and two
/// pairs that overlap for the same rep so the demo shows the conflict warning.
pub(super) fn planned_follow_ups(
    people: &[&Customer],
    handled: &[HandledComplaint<'_>],
    seed: u64,
    clock: DateTime<Utc>,
    numbers: &mut PerCustomerNumbers,
) -> Vec<FollowUp> {
    let mut rng = DemoRng::new(seed ^ FOLLOW_UP_STREAM);
    let mut order: Vec<&Customer> = people.to_vec();
    shuffle(&mut rng, &mut order);
    let open_target = (people.len() / 15).clamp(people.len().min(4), MAX_OPEN_FOLLOW_UPS);
    let mut open: Vec<FollowUp> = Vec::new();

    if open_target >= 4 {
        open.extend(overlapping_pairs(&mut rng, &order, clock, numbers));
    }

    for item in handled {
        if open.len() >= open_target {
            break;
        }
        let c = &item.complaint;
        let (due, purpose) = match c.state {
            ComplaintState::InProgress => (
                Due::Today,
                format!("Call back with a remedy: {}", item.story.headline),
            ),
            ComplaintState::AwaitingCustomer => (
                Due::Ahead,
                format!("Remind the buyer to send {}", item.story.asked_for),
            ),
            ComplaintState::Reopened => (
                Due::Overdue,
                format!("Call about the reopened complaint: {}", item.story.headline),
            ),
            _ => continue,
        };
        let created_at = c.updated_at.min(clock);
        let due_at = due_time(&mut rng, due, item.customer, later(created_at, 30), clock);
        let candidate = FollowUp {
            id: numbers.id("follow-up", &c.customer_id),
            customer_id: c.customer_id.clone(),
            rep: item.rep.to_owned(),
            due_at,
            duration_minutes: duration(&mut rng),
            purpose,
            complaint_id: Some(c.id.clone()),
            done_at: None,
            created_at,
            talking_points: String::new(),
            materials: String::new(),
            kind: crate::domain::contacts::FollowUpKind::General,
        };
        open.push(without_conflict(
            candidate,
            &open,
            item.customer.created_at,
            clock,
        ));
    }

    let mut routine = 0usize;
    while open.len() < open_target {
        let Some(customer) = order.get(routine % order.len().max(1)).copied() else {
            break;
        };
        let due = match routine % 5 {
            0 => Due::Overdue,
            1 => Due::Today,
            _ => Due::Ahead,
        };
        routine += 1;
        let due_at = due_time(&mut rng, due, customer, customer.created_at, clock);
        let candidate = FollowUp {
            id: numbers.id("follow-up", &customer.id),
            customer_id: customer.id.clone(),
            rep: account_rep(customer).to_owned(),
            due_at,
            duration_minutes: duration(&mut rng),
            purpose: purpose_for(&mut rng, customer).to_owned(),
            complaint_id: None,
            done_at: None,
            created_at: booked_at(&mut rng, customer, due_at, clock),
            talking_points: String::new(),
            materials: String::new(),
            kind: crate::domain::contacts::FollowUpKind::General,
        };
        open.push(without_conflict(
            candidate,
            &open,
            customer.created_at,
            clock,
        ));
    }

    let done = done_follow_ups(&mut rng, &order, open_target / 2, clock, numbers);
    open.into_iter().chain(done).collect()
}

/// Two pairs booked on top of each other (same rep, overlapping slots): the
/// follow-up form's conflict warning has something to show in the demo.
fn overlapping_pairs(
    rng: &mut DemoRng,
    order: &[&Customer],
    clock: DateTime<Utc>,
    numbers: &mut PerCustomerNumbers,
) -> Vec<FollowUp> {
    const PAIRS: [(&str, u64, [&str; 2]); 2] = [
        (
            "Mei",
            1,
            [
                "Call the purchaser about the wholesale quote",
                "Confirm the sample order details",
            ],
        ),
        (
            "Lukas",
            3,
            [
                "Present the holiday catalogue",
                "Check the replacement arrived in good shape",
            ],
        ),
    ];
    let mut pairs = Vec::new();
    for (pair_index, (rep, days_ahead, purposes)) in PAIRS.into_iter().enumerate() {
        let first = order.get((pair_index * 2) % order.len().max(1)).copied();
        let second = order
            .get((pair_index * 2 + 1) % order.len().max(1))
            .copied();
        let (Some(first), Some(second)) = (first, second) else {
            continue;
        };
        let starts_at =
            customer_local_time(first, days_after(clock.date_naive(), days_ahead), 10, 0);
        for (slot, (customer, purpose)) in [(first, purposes[0]), (second, purposes[1])]
            .into_iter()
            .enumerate()
        {
            let due_at = later(starts_at, 15 * slot as i64);
            pairs.push(FollowUp {
                id: numbers.id("follow-up", &customer.id),
                customer_id: customer.id.clone(),
                rep: rep.to_owned(),
                due_at,
                duration_minutes: if slot == 0 { 30 } else { 45 },
                purpose: purpose.to_owned(),
                complaint_id: None,
                done_at: None,
                created_at: booked_at(rng, customer, due_at, clock),
                talking_points: String::new(),
                materials: String::new(),
                kind: crate::domain::contacts::FollowUpKind::General,
            });
        }
    }
    pairs
}

/// Follow-ups already made in the last two months.
fn done_follow_ups(
    rng: &mut DemoRng,
    order: &[&Customer],
    count: usize,
    clock: DateTime<Utc>,
    numbers: &mut PerCustomerNumbers,
) -> Vec<FollowUp> {
    let mut done = Vec::new();
    // From the end of the shuffled list, so they mostly land on other customers than
    // the open ones.
    for customer in order.iter().rev().take(count) {
        let from = later(customer.created_at, DAY).max(earlier(clock, 60 * DAY));
        let Some(due_at) = random_between(rng, from, earlier(clock, DAY)) else {
            continue;
        };
        let due_at = floor_to_quarter(due_at).max(customer.created_at);
        let done_at = later(due_at, rng.below(120) as i64).min(clock);
        done.push(FollowUp {
            id: numbers.id("follow-up", &customer.id),
            customer_id: customer.id.clone(),
            rep: account_rep(customer).to_owned(),
            due_at,
            duration_minutes: duration(rng),
            purpose: purpose_for(rng, customer).to_owned(),
            complaint_id: None,
            done_at: Some(done_at),
            created_at: booked_at(rng, customer, due_at, clock),
            talking_points: String::new(),
            materials: String::new(),
            kind: crate::domain::contacts::FollowUpKind::General,
        });
    }
    done
}

fn purpose_for(rng: &mut DemoRng, customer: &Customer) -> &'static str {
    if matches!(customer.profile, Profile::Company(_)) && rng.chance(50) {
        return one_of(
            rng,
            &[
                "Quarterly call with the purchaser about the next bulk order",
                "Send the updated wholesale price list",
            ],
        );
    }
    match customer.stage {
        RelationshipStage::Lost => {
            "Win-back call: ask why orders stopped, offer free express shipping"
        }
        RelationshipStage::NonCustomer
        | RelationshipStage::Potential
        | RelationshipStage::Target => one_of(
            rng,
            &[
                "Answer the price question and send the catalogue",
                "Follow up on the shipping-cost question",
            ],
        ),
        RelationshipStage::FirstTime => one_of(
            rng,
            &[
                "Ask how the first order went and request a review",
                "Confirm the parcel cleared customs",
            ],
        ),
        RelationshipStage::Repeat => one_of(
            rng,
            &[
                "Suggest the new season's bundle",
                "Send the tracking update for the latest order",
            ],
        ),
        RelationshipStage::Loyal => one_of(
            rng,
            &[
                "Thank-you call; offer early access to the holiday sale",
                "Ask for feedback on the new product line",
            ],
        ),
    }
}

/// 15 to 45 minutes in steps of five.
fn duration(rng: &mut DemoRng) -> u32 {
    15 + 5 * rng.below(7) as u32
}

/// When the rep booked the follow-up: a few days before it is due, never before the
/// customer existed, never after `clock`.
fn booked_at(
    rng: &mut DemoRng,
    customer: &Customer,
    due_at: DateTime<Utc>,
    clock: DateTime<Utc>,
) -> DateTime<Utc> {
    let booked = earlier(due_at.min(clock), DAY + rng.below(6 * DAY as u64) as i64);
    floor_to_quarter(booked).max(customer.created_at).min(clock)
}

fn due_time(
    rng: &mut DemoRng,
    due: Due,
    customer: &Customer,
    not_before: DateTime<Utc>,
    clock: DateTime<Utc>,
) -> DateTime<Utc> {
    let due_at = match due {
        Due::Overdue => floor_to_quarter(earlier(clock, HOUR + rng.below(71 * 60) as i64)),
        Due::Today => {
            let midnight = later(start_of(clock.date_naive()), DAY);
            let room = (midnight - clock).num_minutes();
            let ahead = if room >= 2 * HOUR {
                15 + rng.below((room - 45) as u64) as i64
            } else {
                15 + rng.below(105) as i64
            };
            // Rounding down to the quarter keeps it at least `clock`.
            floor_to_quarter(later(clock, ahead))
        }
        Due::Ahead => {
            let day = days_after(clock.date_naive(), 1 + rng.below(9));
            let hour = 9 + rng.below(9) as u32;
            let minute = 15 * rng.below(4) as u32;
            customer_local_time(customer, day, hour, minute)
        }
    };
    due_at.max(not_before).max(customer.created_at)
}

/// `hour:minute` on `date` in the customer's zone, so a call falls in the
/// customer's day rather than their night.
pub(super) fn customer_local_time(
    customer: &Customer,
    date: NaiveDate,
    hour: u32,
    minute: u32,
) -> DateTime<Utc> {
    let local = later(start_of(date), i64::from(hour) * HOUR + i64::from(minute));
    earlier(local, standard_offset_minutes(&customer.time_zone))
}

pub(super) fn days_after(date: NaiveDate, days: u64) -> NaiveDate {
    date.checked_add_days(Days::new(days)).unwrap_or(date)
}

/// Standard-time UTC offsets of the demo's zones; summer time is ignored, as an
/// hour's shift still lands in the customer's day. Unknown zones count as UTC.
fn standard_offset_minutes(time_zone: &str) -> i64 {
    match time_zone {
        "America/New_York" | "America/Toronto" => -5 * HOUR,
        "America/Mexico_City" => -6 * HOUR,
        "America/Sao_Paulo" => -3 * HOUR,
        "America/Santiago" => -4 * HOUR,
        "Europe/Berlin" | "Europe/Paris" | "Europe/Madrid" | "Europe/Rome" | "Europe/Warsaw"
        | "Europe/Amsterdam" | "Europe/Stockholm" => HOUR,
        "Europe/Moscow" | "Europe/Istanbul" | "Asia/Riyadh" => 3 * HOUR,
        "Asia/Dubai" => 4 * HOUR,
        "Asia/Tokyo" | "Asia/Seoul" => 9 * HOUR,
        "Australia/Sydney" => 10 * HOUR,
        _ => 0,
    }
}

/// Moves a follow-up off booked slots: first to another rep, then by 50 minutes
/// (earlier while overdue, so it stays overdue; later otherwise). Only the two
/// deliberate pairs should trip the conflict warning.
pub(super) fn without_conflict(
    mut candidate: FollowUp,
    booked: &[FollowUp],
    not_before: DateTime<Utc>,
    clock: DateTime<Utc>,
) -> FollowUp {
    let first_rep = DEMO_REPS
        .iter()
        .position(|rep| *rep == candidate.rep)
        .unwrap_or(0);
    for attempt in 1..=DEMO_REPS.len() * 8 {
        if conflicts(&candidate, booked).is_empty() {
            break;
        }
        let rep = (first_rep + attempt) % DEMO_REPS.len();
        candidate.rep = DEMO_REPS[rep].to_owned();
        if rep == first_rep {
            let sooner = earlier(candidate.due_at, 50);
            candidate.due_at = if candidate.due_at < clock && sooner >= not_before {
                sooner
            } else {
                later(candidate.due_at, 50)
            };
        }
    }
    candidate
}
