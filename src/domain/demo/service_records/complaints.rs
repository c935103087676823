//! Demo complaints: each story played through the wizard's states, with its remedy,
//! its contacts and its follow-up.

use super::*;
use crate::domain::complaints::{
    customer_wrote, move_state, Complaint, ComplaintCause, ComplaintState, Remedy, RemedyKind,
    Temperament, Validity, WizardStep,
};
use crate::domain::contacts::{Contact, ContactChannel, Direction, FollowUp};
use crate::domain::customers::{Customer, CustomerId, Profile};
use crate::domain::demo::DemoRng;
use crate::domain::orders::{Money, Order};
use chrono::{DateTime, Days, Utc};
use std::collections::BTreeMap;

/// A generated complaint with what the contact log and follow-ups need to tell it.
pub(super) struct HandledComplaint<'a> {
    pub(super) complaint: Complaint,
    pub(super) customer: &'a Customer,
    pub(super) story: &'static Story,
    pub(super) rep: &'static str,
}

pub(super) fn generate_complaints<'a>(
    people: &[&'a Customer],
    orders_of: &BTreeMap<CustomerId, Vec<&Order>>,
    seed: u64,
    clock: DateTime<Utc>,
) -> Vec<HandledComplaint<'a>> {
    let mut rng = DemoRng::new(seed ^ COMPLAINT_STREAM);
    let old_enough = earlier(clock, COMPLAINT_MIN_CUSTOMER_AGE);
    // Complaints are nearly always about an order, so buyers come first.
    let (mut buyers, mut others): (Vec<&Customer>, Vec<&Customer>) = people
        .iter()
        .copied()
        .filter(|c| c.created_at <= old_enough)
        .partition(|c| !orders_for(orders_of, c).is_empty());
    shuffle(&mut rng, &mut buyers);
    shuffle(&mut rng, &mut others);
    let wanted = (people.len() + 4) / 8;
    let chosen: Vec<&Customer> = buyers.into_iter().chain(others).take(wanted).collect();
    let active = ACTIVE_SCENARIOS.len().min(chosen.len() / 8);
    let causes = cause_deck(&mut rng);

    let mut handled = Vec::with_capacity(chosen.len());
    for (index, customer) in chosen.into_iter().enumerate() {
        let settled_index = index.saturating_sub(active);
        let scenario = match ACTIVE_SCENARIOS.get(index).filter(|_| index < active) {
            Some(scenario) => *scenario,
            // Three in five settled at the first contact, the others after waiting on
            // the buyer: the statistics show a believable first-contact rate.
            None => Scenario::Settled {
                first_contact: matches!(settled_index % 5, 0 | 2 | 4),
                close: rng.chance(55),
            },
        };
        let cause = causes
            .get(index % causes.len().max(1))
            .copied()
            .unwrap_or(ComplaintCause::Logistics);
        let story = pick_story(&mut rng, cause);
        let orders = orders_for(orders_of, customer);
        if let Some(complaint) =
            build_complaint(&mut rng, customer, &orders, story, scenario, clock)
        {
            handled.push(HandledComplaint {
                complaint,
                customer,
                story,
                rep: account_rep(customer),
            });
        }
    }
    handled
}

/// The causes in shuffled order, each as often as its weight: every run of twenty
/// complaints covers every cause.
fn cause_deck(rng: &mut DemoRng) -> Vec<ComplaintCause> {
    let mut deck: Vec<ComplaintCause> = CAUSE_DECK
        .iter()
        .flat_map(|&(cause, weight)| std::iter::repeat_n(cause, weight))
        .collect();
    shuffle(rng, &mut deck);
    deck
}

fn pick_story(rng: &mut DemoRng, cause: ComplaintCause) -> &'static Story {
    let matching: Vec<&'static Story> = STORIES.iter().filter(|s| s.cause == cause).collect();
    pick_from(rng, &matching).unwrap_or(&STORIES[0])
}

fn build_complaint(
    rng: &mut DemoRng,
    customer: &Customer,
    orders: &[&Order],
    story: &'static Story,
    scenario: Scenario,
    clock: DateTime<Utc>,
) -> Option<Complaint> {
    let (opened_at, order) = match scenario {
        Scenario::Settled { .. } => settled_opening(rng, customer, orders, clock)?,
        Scenario::Reopened { days_ago, .. } => {
            let opened_at = earlier(clock, days_ago * DAY + rng.below(6 * 60) as i64);
            (opened_at, recent_order(orders, opened_at))
        }
        Scenario::Untouched { hours_ago }
        | Scenario::Handling { hours_ago, .. }
        | Scenario::AwaitingAnswer { hours_ago, .. }
        | Scenario::Answered { hours_ago, .. } => {
            let opened_at = earlier(clock, hours_ago * HOUR + rng.below(50) as i64);
            (opened_at, recent_order(orders, opened_at))
        }
    };
    if opened_at < customer.created_at || opened_at > clock {
        return None;
    }
    let facts = ComplaintFacts {
        customer,
        order,
        story,
    };
    let id = format!("demo-complaint-{}", customer.id.as_str());
    let complaint = facts.received(Complaint::open(id, customer.id.clone(), opened_at));
    let complaint = match scenario {
        Scenario::Untouched { .. } => complaint,
        Scenario::Handling { recorded, .. } => {
            let listened_at = later(opened_at, 10 + rng.below(80) as i64);
            let complaint = facts.listened(rng, complaint, listened_at);
            if recorded {
                facts.recorded(rng, complaint)
            } else {
                complaint
            }
        }
        Scenario::AwaitingAnswer {
            asked_hours_ago, ..
        } => {
            let listened_at = later(opened_at, 15 + rng.below(90) as i64);
            let complaint = facts.listened(rng, complaint, listened_at);
            let complaint = facts.recorded(rng, complaint);
            let complaint = facts.proposed(rng, complaint);
            let asked_at = earlier(clock, asked_hours_ago * HOUR + rng.below(40) as i64);
            moved(complaint, ComplaintState::AwaitingCustomer, asked_at)
        }
        Scenario::Answered {
            answered_hours_ago, ..
        } => {
            let listened_at = later(opened_at, 15 + rng.below(60) as i64);
            let complaint = facts.listened(rng, complaint, listened_at);
            let complaint = facts.recorded(rng, complaint);
            let asked_at = later(listened_at, 2 * HOUR + rng.below(120) as i64);
            let complaint = moved(complaint, ComplaintState::AwaitingCustomer, asked_at);
            let answered_at = earlier(clock, answered_hours_ago * HOUR + rng.below(40) as i64);
            customer_wrote(&complaint, answered_at)
        }
        Scenario::Reopened {
            wrote_hours_ago,
            was_closed,
            ..
        } => {
            let wrote_at = earlier(clock, wrote_hours_ago * HOUR + rng.below(40) as i64);
            let settled = facts.settle(rng, complaint, true, was_closed, earlier(wrote_at, HOUR));
            customer_wrote(&settled, wrote_at)
        }
        Scenario::Settled {
            first_contact,
            close,
        } => facts.settle(rng, complaint, first_contact, close, clock),
    };
    Some(complaint)
}

/// When a settled complaint opened, and about which order: a few days to three weeks
/// after an order of the last year where there is one, so "by month" spreads.
fn settled_opening<'o>(
    rng: &mut DemoRng,
    customer: &Customer,
    orders: &[&'o Order],
    clock: DateTime<Utc>,
) -> Option<(DateTime<Utc>, Option<&'o Order>)> {
    let earliest = later(customer.created_at, DAY).max(earlier(clock, COMPLAINT_HISTORY));
    let latest = earlier(clock, SETTLED_LATEST_OPENING);
    if earliest > latest {
        return None;
    }
    let fitting: Vec<&'o Order> = orders
        .iter()
        .copied()
        .filter(|o| {
            let placed = noon(o.placed_on);
            placed >= earlier(earliest, 20 * DAY) && placed <= earlier(latest, 3 * DAY)
        })
        .collect();
    if let Some(order) = pick_from(rng, &fitting) {
        let delay = 3 * DAY + rng.below(17 * DAY as u64) as i64;
        let opened = later(noon(order.placed_on), delay).clamp(earliest, latest);
        return Some((opened, Some(order)));
    }
    let opened = random_between(rng, earliest, latest)?;
    Some((opened, recent_order(orders, opened)))
}

/// A complaint without a chosen order is about the latest one placed at least two
/// days before it: time enough to ship and for something to go wrong.
pub(super) fn recent_order<'o>(
    orders: &[&'o Order],
    opened_at: DateTime<Utc>,
) -> Option<&'o Order> {
    let at = earlier(opened_at, 2 * DAY);
    orders
        .iter()
        .copied()
        .filter(|o| noon(o.placed_on) <= at)
        .max_by(|a, b| a.placed_on.cmp(&b.placed_on).then_with(|| a.id.cmp(&b.id)))
}

/// What the demo knows about one complaint, filled into the card step by step as the
/// wizard would.
struct ComplaintFacts<'a> {
    customer: &'a Customer,
    order: Option<&'a Order>,
    story: &'static Story,
}

impl ComplaintFacts<'_> {
    /// The buyer's message as it arrived, before anybody worked on it.
    fn received(&self, mut c: Complaint) -> Complaint {
        c.customer_words = self.words_in_buyer_language().to_owned();
        c.channel = self.marketplace();
        c.order_ref = self.order.map(|o| o.number.clone()).unwrap_or_default();
        c
    }

    /// Step 1 done: the state moves Open -> InProgress, as completing Listen does.
    fn listened(&self, rng: &mut DemoRng, c: Complaint, at: DateTime<Utc>) -> Complaint {
        let mut c = moved(c, ComplaintState::InProgress, at);
        c.temperament = Some(weighted(
            rng,
            &[
                (Temperament::Emotional, 45),
                (Temperament::Stubborn, 30),
                (Temperament::Prepared, 25),
            ],
            Temperament::Emotional,
        ));
        c.completed_step = c.completed_step.max(Some(WizardStep::Listen));
        c
    }

    /// Step 2 done: who, what, when, what they want, and whether it is justified.
    fn recorded(&self, rng: &mut DemoRng, mut c: Complaint) -> Complaint {
        let opened_on = c.opened_at.date_naive();
        let purchased_on = self.order.map(|o| o.placed_on).filter(|d| *d <= opened_on);
        let mut happened_on = opened_on
            .checked_sub_days(Days::new(rng.below(3)))
            .unwrap_or(opened_on);
        if let Some(purchased) = purchased_on {
            happened_on = happened_on.max(purchased);
        }
        c.complainant = self.complainant();
        c.cause = Some(self.story.cause);
        c.what_happened = self.story.what_happened.to_owned();
        c.happened_on = Some(happened_on);
        c.product = self.story.product.to_owned();
        c.purchased_on = purchased_on;
        c.usage = self.story.usage.to_owned();
        c.wanted_outcome = self.story.wanted_outcome.to_owned();
        c.wanted_how = self.story.wanted_how.to_owned();
        c.validity = Some(self.story.validity);
        c.validity_reason = self.story.validity_reason.to_owned();
        c.completed_step = c.completed_step.max(Some(WizardStep::Record));
        c
    }

    /// Step 3 done: the remedy, with its amount in the order currency where it is
    /// money. Without an order there is nothing to refund, so we apologise.
    fn proposed(&self, rng: &mut DemoRng, mut c: Complaint) -> Complaint {
        let remedy = match self.order {
            Some(order) => Remedy {
                kind: self.story.remedy,
                amount: remedy_amount(rng, self.story.remedy, order),
                note: self.story.remedy_note.to_owned(),
            },
            None => Remedy {
                kind: RemedyKind::Apology,
                amount: None,
                note: "Apologised; no order on file to refund.".to_owned(),
            },
        };
        c.remedy = Some(remedy);
        c.completed_step = c.completed_step.max(Some(WizardStep::Remedy));
        c
    }

    /// Listen, record, remedy, follow up and resolve (then maybe close), all before
    /// `latest`. Resolution comes 2 h to 6 days after opening.
    fn settle(
        &self,
        rng: &mut DemoRng,
        c: Complaint,
        first_contact: bool,
        close: bool,
        latest: DateTime<Utc>,
    ) -> Complaint {
        let opened_at = c.opened_at;
        let listened_at = later(opened_at, 10 + rng.below(230) as i64);
        let c = self.listened(rng, c, listened_at);
        let mut c = self.recorded(rng, c);
        let resolved_at = if first_contact {
            later(opened_at, 2 * HOUR + rng.below(46 * 60) as i64).max(later(listened_at, 15))
        } else {
            let asked_at = later(listened_at, 20 + rng.below(280) as i64);
            c = moved(c, ComplaintState::AwaitingCustomer, asked_at);
            let answered_at = later(asked_at, 2 * HOUR + rng.below(38 * 60) as i64);
            c = customer_wrote(&c, answered_at);
            later(answered_at, HOUR + rng.below(29 * 60) as i64)
        };
        let mut c = self.proposed(rng, c);
        // The satisfaction call: one to three days later, in the buyer's daytime.
        let call_day = days_after(resolved_at.date_naive(), 1 + rng.below(3));
        let follow_up_at = customer_local_time(
            self.customer,
            call_day,
            9 + rng.below(9) as u32,
            15 * rng.below(4) as u32,
        )
        .max(later(resolved_at, 2 * HOUR));
        c.follow_up_at = Some(follow_up_at);
        c.outcome = self.story.outcome.to_owned();
        c.satisfaction = Some(satisfaction(rng, self.story.validity));
        c.completed_step = Some(WizardStep::FollowUp);
        let c = moved(c, ComplaintState::Resolved, resolved_at);
        if !close {
            return c;
        }
        let closing_from = later(follow_up_at, HOUR);
        let closing_until = later(follow_up_at, 4 * DAY).min(latest);
        match random_between(rng, closing_from, closing_until) {
            Some(closed_at) => moved(c, ComplaintState::Closed, closed_at),
            None => c,
        }
    }

    fn words_in_buyer_language(&self) -> &'static str {
        let [english, spanish, french, german] = self.story.words;
        let language = self.customer.language.to_ascii_lowercase();
        match language.split(['-', '_']).next().unwrap_or_default() {
            "es" => spanish,
            "fr" => french,
            "de" => german,
            // Marketplace buyers of other languages mostly write in English.
            _ => english,
        }
    }

    fn marketplace(&self) -> String {
        match self.order {
            Some(order) if !order.channel.trim().is_empty() => order.channel.clone(),
            _ => "Own web shop".to_owned(),
        }
    }

    /// At a company the person who wrote, on behalf of the company.
    fn complainant(&self) -> String {
        match &self.customer.profile {
            Profile::Company(company) => match company.contacts.first() {
                Some(person) => format!("{} ({})", person.name, self.customer.name),
                None => self.customer.name.clone(),
            },
            Profile::Individual(_) => self.customer.name.clone(),
        }
    }
}

/// Applies a move the scenario knows to be legal. Should the complaint rules ever
/// refuse it, the demo keeps the complaint as it was rather than invent history.
fn moved(c: Complaint, to: ComplaintState, at: DateTime<Utc>) -> Complaint {
    move_state(&c, to, at).unwrap_or(c)
}

fn remedy_amount(rng: &mut DemoRng, kind: RemedyKind, order: &Order) -> Option<Money> {
    let total = order.total.minor.max(0);
    let minor = match kind {
        RemedyKind::Refund => total,
        RemedyKind::PartialRefund => percent_of(total, 15 + rng.below(26)),
        RemedyKind::Compensation => percent_of(total, 8 + rng.below(13)),
        RemedyKind::Coupon => percent_of(total, 10),
        RemedyKind::Resend => percent_of(total, 6 + rng.below(6)),
        // What a replacement costs us is the goods, if we know them.
        RemedyKind::Replacement => order.cost_of_goods.max(0),
        RemedyKind::Repair | RemedyKind::Apology => 0,
    };
    if kind.requires_amount() {
        // A money remedy of nothing would be refused by the wizard.
        Some(Money::new(minor.max(1), order.total.currency))
    } else {
        (minor > 0 && kind.allows_amount()).then(|| Money::new(minor, order.total.currency))
    }
}

fn percent_of(minor: i64, percent: u64) -> i64 {
    let share = i128::from(minor) * i128::from(percent) / 100;
    i64::try_from(share).unwrap_or(i64::MAX)
}

/// Mostly satisfied (4-5), less so when we judged the complaint unfounded.
fn satisfaction(rng: &mut DemoRng, validity: Validity) -> u8 {
    let weights: &[(u8, u64)] = match validity {
        Validity::NotValid => &[(2, 15), (3, 35), (4, 35), (5, 15)],
        Validity::Valid | Validity::Partly => &[(1, 3), (2, 5), (3, 12), (4, 35), (5, 45)],
    };
    weighted(rng, weights, 4)
}

/// The contact log of a complaint, read from its history: the buyer's first message
/// on the opening day, our questions, their answers, the settlement and a relapse.
pub(super) fn complaint_contacts(
    item: &HandledComplaint<'_>,
    numbers: &mut PerCustomerNumbers,
) -> Vec<Contact> {
    let c = &item.complaint;
    let channel = if c.order_ref.is_empty() {
        ContactChannel::Email
    } else {
        ContactChannel::PlatformMessage
    };
    let answered = c.state != ComplaintState::Open;
    let mut contacts = vec![Contact {
        id: numbers.id("contact", &c.customer_id),
        customer_id: c.customer_id.clone(),
        at: c.opened_at,
        channel,
        direction: Direction::Inbound,
        rep: item.rep.to_owned(),
        summary: if c.order_ref.is_empty() {
            format!("Complaint: {}", item.story.headline)
        } else {
            format!(
                "Complaint about order {}: {}",
                c.order_ref, item.story.headline
            )
        },
        outcome: if answered {
            "Acknowledged and apologised; complaint card opened".to_owned()
        } else {
            String::new()
        },
        next_step: if answered {
            String::new()
        } else {
            "Answer within 24 hours".to_owned()
        },
        complaint_id: Some(c.id.clone()),
        satisfaction: None,
        follow_up_id: None,
        review: None,
        occasion: None,
    }];
    for change in &c.history {
        let (direction, summary, outcome) = match (change.from, change.to) {
            (_, ComplaintState::AwaitingCustomer) => (
                Direction::Outbound,
                format!("Asked the buyer for {}", item.story.asked_for),
                String::new(),
            ),
            (ComplaintState::AwaitingCustomer, ComplaintState::InProgress) => (
                Direction::Inbound,
                format!("The buyer sent {}", item.story.asked_for),
                "Enough to decide the remedy".to_owned(),
            ),
            (_, ComplaintState::Resolved) => (
                Direction::Outbound,
                format!("Settled: {}", remedy_summary(c.remedy.as_ref())),
                "The buyer accepted".to_owned(),
            ),
            (_, ComplaintState::Reopened) => (
                Direction::Inbound,
                "The buyer wrote again: the problem is not solved".to_owned(),
                "Complaint reopened".to_owned(),
            ),
            _ => continue,
        };
        contacts.push(Contact {
            id: numbers.id("contact", &c.customer_id),
            customer_id: c.customer_id.clone(),
            at: change.at,
            channel,
            direction,
            rep: item.rep.to_owned(),
            summary,
            outcome,
            next_step: String::new(),
            complaint_id: Some(c.id.clone()),
            satisfaction: None,
            follow_up_id: None,
            review: None,
            occasion: None,
        });
    }
    contacts
}

fn remedy_summary(remedy: Option<&Remedy>) -> String {
    let Some(remedy) = remedy else {
        return "remedy agreed".to_owned();
    };
    let kind = match remedy.kind {
        RemedyKind::Refund => "refund",
        RemedyKind::PartialRefund => "partial refund",
        RemedyKind::Replacement => "replacement",
        RemedyKind::Resend => "resend",
        RemedyKind::Repair => "repair",
        RemedyKind::Coupon => "coupon",
        RemedyKind::Apology => "apology",
        RemedyKind::Compensation => "compensation",
    };
    match remedy.amount {
        Some(amount) => format!("{kind} of {}", amount.format_plain()),
        None => kind.to_owned(),
    }
}

/// The satisfaction call of a settled complaint, already made. Its id is the one the
/// wizard uses for a complaint's follow-up, so editing step 4 of a demo complaint
/// updates this entry instead of adding a second one.
pub(super) fn complaint_follow_up_done(
    item: &HandledComplaint<'_>,
    clock: DateTime<Utc>,
) -> Option<FollowUp> {
    let c = &item.complaint;
    let due_at = c.follow_up_at.filter(|due| *due <= clock)?;
    let created_at = c
        .history
        .iter()
        .find(|change| change.to == ComplaintState::Resolved)
        .map_or(c.opened_at, |change| change.at);
    Some(FollowUp {
        id: format!("complaint-follow-up:{}", c.id),
        customer_id: c.customer_id.clone(),
        rep: item.rep.to_owned(),
        due_at,
        duration_minutes: 30,
        purpose: "Check the buyer is satisfied with the remedy".to_owned(),
        complaint_id: Some(c.id.clone()),
        // Done when the call ended.
        done_at: Some(later(due_at, 30).min(clock)),
        created_at: created_at.min(due_at),
        talking_points: String::new(),
        materials: String::new(),
        kind: crate::domain::contacts::FollowUpKind::General,
    })
}
