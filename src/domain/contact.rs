//! Keeping the relationship: the contact log ("visit history card"), planned
//! follow-ups with conflict warnings and a due board, and the customer's timeline.
//!
//! Times are stored in UTC. Reps type local times in *their* zone (`rep_offset`),
//! while quiet hours are judged in the *customer's* zone, so both offsets appear here
//! and must not be mixed up.

use chrono::{
    DateTime, Days, FixedOffset, NaiveDate, NaiveDateTime, NaiveTime, TimeDelta, TimeZone, Utc,
};
use serde::{Deserialize, Serialize};

use crate::domain::customers::CustomerId;
use crate::domain::customers::StageChange;
use crate::domain::orders::Order;

pub const MAX_REP_CHARS: usize = 100;
pub const MAX_SUMMARY_CHARS: usize = 2_000;
pub const MAX_NOTE_CHARS: usize = 1_000;
pub const MAX_PURPOSE_CHARS: usize = 500;
pub const DEFAULT_DURATION_MINUTES: u32 = 30;
pub const MIN_DURATION_MINUTES: u32 = 5;
pub const MAX_DURATION_MINUTES: u32 = 480;
/// Clocks on reps' machines drift, and a rep may type the minute a call ends; a
/// little slack keeps honest logs from being rejected as "in the future".
pub const FUTURE_TOLERANCE_MINUTES: i64 = 5;

coded_enum! {
    /// How we reached the customer (or they reached us).
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
    #[serde(rename_all = "snake_case")]
    pub enum ContactChannel {
        Email = "email",
        Phone = "phone",
        Sms = "sms",
        PlatformMessage = "platform_message",
        Chat = "chat",
        Letter = "letter",
        Visit = "visit",
        Gift = "gift",
        Other = "other",
    }
}

impl ContactChannel {
    /// The first character of a quick-log line (see [`parse_quick_log`]).
    pub fn quick_key(self) -> char {
        match self {
            Self::Email => 'e',
            Self::Phone => 'p',
            Self::Sms => 's',
            Self::PlatformMessage => 'm',
            Self::Chat => 'c',
            Self::Letter => 'l',
            Self::Visit => 'v',
            Self::Gift => 'g',
            Self::Other => 'o',
        }
    }

    /// Case-insensitive, so a stray Caps Lock does not lose the line.
    pub fn from_quick_key(key: char) -> Option<Self> {
        let key = key.to_ascii_lowercase();
        Self::ALL.into_iter().find(|c| c.quick_key() == key)
    }
}

coded_enum! {
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
    #[serde(rename_all = "snake_case")]
    pub enum Direction {
        /// The customer reached us.
        Inbound = "inbound",
        /// We reached the customer.
        Outbound = "outbound",
    }
}

impl Direction {
    /// The second character of a quick-log line: `<` in, `>` out.
    pub fn quick_mark(self) -> char {
        match self {
            Self::Inbound => '<',
            Self::Outbound => '>',
        }
    }

    pub fn from_quick_mark(mark: char) -> Option<Self> {
        Self::ALL.into_iter().find(|d| d.quick_mark() == mark)
    }
}

/// One entry of the contact log: what happened, not what is planned.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Contact {
    pub id: String,
    pub customer_id: CustomerId,
    pub at: DateTime<Utc>,
    pub channel: ContactChannel,
    pub direction: Direction,
    /// Who handled it.
    pub rep: String,
    pub summary: String,
    #[serde(default)]
    pub outcome: String,
    #[serde(default)]
    pub next_step: String,
    #[serde(default)]
    pub complaint_id: Option<String>,
}

/// A planned contact on a rep's calendar.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FollowUp {
    pub id: String,
    pub customer_id: CustomerId,
    pub rep: String,
    pub due_at: DateTime<Utc>,
    pub duration_minutes: u32,
    pub purpose: String,
    #[serde(default)]
    pub complaint_id: Option<String>,
    #[serde(default)]
    pub done_at: Option<DateTime<Utc>>,
    pub created_at: DateTime<Utc>,
}

impl FollowUp {
    /// End of the booked slot. Saturates at the end of representable time rather
    /// than panicking on a corrupt stored `due_at`.
    pub fn ends_at(&self) -> DateTime<Utc> {
        TimeDelta::try_minutes(i64::from(self.duration_minutes))
            .and_then(|length| self.due_at.checked_add_signed(length))
            .unwrap_or(DateTime::<Utc>::MAX_UTC)
    }

    pub fn is_open(&self) -> bool {
        self.done_at.is_none()
    }
}

/// The contact form's state: text exactly as typed, so nothing is lost while invalid.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct ContactDraft {
    /// A [`ContactChannel::code`].
    pub channel: String,
    /// A [`Direction::code`]; empty means outbound, the common case for a rep.
    pub direction: String,
    pub rep: String,
    pub summary: String,
    pub outcome: String,
    pub next_step: String,
    /// HTML datetime-local in the REP's local time, or "" for "now".
    pub at: String,
}

/// The follow-up form's state, text as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct FollowUpDraft {
    pub rep: String,
    /// HTML datetime-local in the rep's local time.
    pub due_at: String,
    /// Whole minutes; "" means [`DEFAULT_DURATION_MINUTES`].
    pub duration_minutes: String,
    pub purpose: String,
}

coded_enum! {
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
    #[serde(rename_all = "snake_case")]
    pub enum ContactField {
        Channel = "channel",
        Direction = "direction",
        Rep = "rep",
        Summary = "summary",
        Outcome = "outcome",
        NextStep = "next_step",
        At = "at",
        DueAt = "due_at",
        Duration = "duration",
        Purpose = "purpose",
    }
}

/// What is wrong with a field. `TooLong` carries its limit, so unlike the other
/// enums here there is no `ALL`/`from_code`; `code()` names the kind for i18n keys.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ContactProblem {
    Required,
    TooLong { max: usize },
    UnknownChoice,
    DateTimeShape,
    InFuture,
    DurationRange,
}

impl ContactProblem {
    pub fn code(self) -> &'static str {
        match self {
            Self::Required => "required",
            Self::TooLong { .. } => "too_long",
            Self::UnknownChoice => "unknown_choice",
            Self::DateTimeShape => "date_time_shape",
            Self::InFuture => "in_future",
            Self::DurationRange => "duration_range",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct ContactError {
    pub field: ContactField,
    pub problem: ContactProblem,
}

struct Checker {
    errors: Vec<ContactError>,
}

impl Checker {
    fn fail(&mut self, field: ContactField, problem: ContactProblem) {
        self.errors.push(ContactError { field, problem });
    }

    fn optional_text(&mut self, field: ContactField, value: &str, max: usize) -> String {
        let value = value.trim();
        if value.chars().count() > max {
            self.fail(field, ContactProblem::TooLong { max });
        }
        value.to_owned()
    }

    fn required_text(&mut self, field: ContactField, value: &str, max: usize) -> String {
        let value = value.trim();
        if value.is_empty() {
            self.fail(field, ContactProblem::Required);
        }
        self.optional_text(field, value, max)
    }

    fn finish<T>(self, record: impl FnOnce() -> Option<T>) -> Result<T, Vec<ContactError>> {
        if !self.errors.is_empty() {
            return Err(self.errors);
        }
        // Every `None` a builder can meet has already been recorded as an error.
        record().ok_or(self.errors)
    }
}

/// Parses an HTML datetime-local value typed in the rep's zone into UTC.
///
/// Accepts minutes, seconds and fractional seconds (browsers add them when the
/// input's `step` is below a minute), and a space instead of `T` as typed into
/// browsers that fall back to a text box.
/// Each customer's latest contact in the log: the one truth "last contact" is derived
/// from (a customer with no logged contact has none).
pub fn last_contact_times(
    contacts: &[Contact],
) -> std::collections::HashMap<CustomerId, DateTime<Utc>> {
    let mut latest: std::collections::HashMap<CustomerId, DateTime<Utc>> =
        std::collections::HashMap::new();
    for contact in contacts {
        latest
            .entry(contact.customer_id.clone())
            .and_modify(|at| *at = (*at).max(contact.at))
            .or_insert(contact.at);
    }
    latest
}

pub fn parse_datetime_local(
    text: &str,
    rep_offset: FixedOffset,
) -> Result<DateTime<Utc>, ContactProblem> {
    let text = text.trim();
    let naive = [
        "%Y-%m-%dT%H:%M",
        "%Y-%m-%dT%H:%M:%S%.f",
        "%Y-%m-%d %H:%M",
        "%Y-%m-%d %H:%M:%S%.f",
    ]
    .iter()
    .find_map(|format| NaiveDateTime::parse_from_str(text, format).ok())
    .ok_or(ContactProblem::DateTimeShape)?;
    rep_offset
        .from_local_datetime(&naive)
        .single()
        .map(|local| local.with_timezone(&Utc))
        .ok_or(ContactProblem::DateTimeShape)
}

/// The datetime-local value ("%Y-%m-%dT%H:%M") showing `at` in the rep's zone, to
/// pre-fill a form.
pub fn to_datetime_local(at: DateTime<Utc>, rep_offset: FixedOffset) -> String {
    local_naive(at, rep_offset)
        .unwrap_or_else(|| at.naive_utc())
        .format("%Y-%m-%dT%H:%M")
        .to_string()
}

/// `DateTime::naive_local` panics at the edges of representable time; stored data
/// may be anything, so this checks instead.
fn local_naive(at: DateTime<Utc>, offset: FixedOffset) -> Option<NaiveDateTime> {
    at.naive_utc().checked_add_offset(offset)
}

fn local_date(at: DateTime<Utc>, offset: FixedOffset) -> Option<NaiveDate> {
    local_naive(at, offset).map(|local| local.date())
}

fn non_blank(id: Option<String>) -> Option<String> {
    id.filter(|id| !id.trim().is_empty())
}

/// Validates the contact form, reporting all problems at once.
///
/// channel/direction must be valid codes (direction "" defaults to Outbound, channel
/// "" is Required), rep required (max 100), summary required (max 2000),
/// outcome/next_step optional (max 1000), at "" = now, else parsed "%Y-%m-%dT%H:%M"
/// (also ":%S") in rep_offset; a time more than 5 minutes in the future is InFuture
/// (a log is of what happened).
pub fn validate_contact(
    draft: &ContactDraft,
    id: String,
    customer_id: CustomerId,
    complaint_id: Option<String>,
    now: DateTime<Utc>,
    rep_offset: FixedOffset,
) -> Result<Contact, Vec<ContactError>> {
    let mut check = Checker { errors: Vec::new() };

    let channel_code = draft.channel.trim();
    let channel = ContactChannel::from_code(channel_code);
    if channel_code.is_empty() {
        check.fail(ContactField::Channel, ContactProblem::Required);
    } else if channel.is_none() {
        check.fail(ContactField::Channel, ContactProblem::UnknownChoice);
    }

    let direction_code = draft.direction.trim();
    let direction = if direction_code.is_empty() {
        Some(Direction::Outbound)
    } else {
        Direction::from_code(direction_code)
    };
    if direction.is_none() {
        check.fail(ContactField::Direction, ContactProblem::UnknownChoice);
    }

    let rep = check.required_text(ContactField::Rep, &draft.rep, MAX_REP_CHARS);
    let summary = check.required_text(ContactField::Summary, &draft.summary, MAX_SUMMARY_CHARS);
    let outcome = check.optional_text(ContactField::Outcome, &draft.outcome, MAX_NOTE_CHARS);
    let next_step = check.optional_text(ContactField::NextStep, &draft.next_step, MAX_NOTE_CHARS);

    let at = if draft.at.trim().is_empty() {
        Some(now)
    } else {
        match parse_datetime_local(&draft.at, rep_offset) {
            Ok(at) if is_beyond_tolerance(at, now) => {
                check.fail(ContactField::At, ContactProblem::InFuture);
                None
            }
            Ok(at) => Some(at),
            Err(problem) => {
                check.fail(ContactField::At, problem);
                None
            }
        }
    };

    check.finish(|| {
        Some(Contact {
            id,
            customer_id,
            at: at?,
            channel: channel?,
            direction: direction?,
            rep,
            summary,
            outcome,
            next_step,
            complaint_id: non_blank(complaint_id),
        })
    })
}

fn is_beyond_tolerance(at: DateTime<Utc>, now: DateTime<Utc>) -> bool {
    TimeDelta::try_minutes(FUTURE_TOLERANCE_MINUTES)
        .and_then(|slack| now.checked_add_signed(slack))
        // At the very end of time nothing can be later than "now plus slack".
        .is_some_and(|latest| at > latest)
}

/// Validates the follow-up form, reporting all problems at once.
///
/// rep required, due_at required and parsed like [`validate_contact`]'s `at` (past
/// allowed: reps log overdue plans too), duration "" = 30, else whole minutes
/// 5..=480 (DurationRange), purpose required (max 500).
pub fn validate_follow_up(
    draft: &FollowUpDraft,
    id: String,
    customer_id: CustomerId,
    complaint_id: Option<String>,
    now: DateTime<Utc>,
    rep_offset: FixedOffset,
) -> Result<FollowUp, Vec<ContactError>> {
    let mut check = Checker { errors: Vec::new() };

    let rep = check.required_text(ContactField::Rep, &draft.rep, MAX_REP_CHARS);

    let due_at = if draft.due_at.trim().is_empty() {
        check.fail(ContactField::DueAt, ContactProblem::Required);
        None
    } else {
        match parse_datetime_local(&draft.due_at, rep_offset) {
            Ok(due_at) => Some(due_at),
            Err(problem) => {
                check.fail(ContactField::DueAt, problem);
                None
            }
        }
    };

    let duration_text = draft.duration_minutes.trim();
    let duration_minutes = if duration_text.is_empty() {
        Some(DEFAULT_DURATION_MINUTES)
    } else {
        duration_text
            .parse::<u32>()
            .ok()
            .filter(|minutes| (MIN_DURATION_MINUTES..=MAX_DURATION_MINUTES).contains(minutes))
    };
    if duration_minutes.is_none() {
        check.fail(ContactField::Duration, ContactProblem::DurationRange);
    }

    let purpose = check.required_text(ContactField::Purpose, &draft.purpose, MAX_PURPOSE_CHARS);

    check.finish(|| {
        Some(FollowUp {
            id,
            customer_id,
            rep,
            due_at: due_at?,
            duration_minutes: duration_minutes?,
            purpose,
            complaint_id: non_blank(complaint_id),
            done_at: None,
            created_at: now,
        })
    })
}

/// Quiet hours in the CUSTOMER's zone: 21:00 to 07:59 local. The local hour comes
/// from the browser (Intl), so this takes the hour. Hours past 23 wrap around, as
/// some formatters report midnight as 24.
pub fn is_night_hour(local_hour: u32) -> bool {
    !CUSTOMER_WAKING_HOURS.contains(&(local_hour % 24))
}

/// Local hours in which a customer may be contacted; everything else is quiet.
pub const CUSTOMER_WAKING_HOURS: std::ops::Range<u32> = 8..21;

fn same_rep(a: &str, b: &str) -> bool {
    a.trim().to_lowercase() == b.trim().to_lowercase()
}

/// Open follow-ups of the same rep (trimmed, case-insensitive) whose
/// [due_at, ends_at) overlaps the candidate's; never the candidate itself (same id),
/// never done ones. Sorted by due_at (ties by id).
pub fn conflicts<'a>(candidate: &FollowUp, existing: &'a [FollowUp]) -> Vec<&'a FollowUp> {
    let candidate_end = candidate.ends_at();
    let mut found: Vec<&FollowUp> = existing
        .iter()
        .filter(|other| other.id != candidate.id)
        .filter(|other| other.is_open())
        .filter(|other| same_rep(&other.rep, &candidate.rep))
        .filter(|other| other.due_at < candidate_end && candidate.due_at < other.ends_at())
        .collect();
    found.sort_by(|a, b| a.due_at.cmp(&b.due_at).then_with(|| a.id.cmp(&b.id)));
    found
}

coded_enum! {
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
    #[serde(rename_all = "snake_case")]
    pub enum FollowUpBucket {
        Overdue = "overdue",
        Today = "today",
        ThisWeek = "this_week",
        Later = "later",
        Done = "done",
    }
}

impl FollowUpBucket {
    /// The buckets shown on the board, in display order.
    pub const BOARD: [FollowUpBucket; 3] = [Self::Overdue, Self::Today, Self::ThisWeek];
}

/// Relative to the REP's local calendar (`rep_offset`): Done if done_at; Overdue if
/// due_at < now; Today if due on the rep's local today (and not overdue); ThisWeek
/// if due within the next 7 local days after today; Later otherwise.
pub fn bucket(f: &FollowUp, now: DateTime<Utc>, rep_offset: FixedOffset) -> FollowUpBucket {
    if !f.is_open() {
        return FollowUpBucket::Done;
    }
    if f.due_at < now {
        return FollowUpBucket::Overdue;
    }
    let (Some(today), Some(due_day)) = (
        local_date(now, rep_offset),
        local_date(f.due_at, rep_offset),
    ) else {
        // Only at the edges of representable time; nothing there is urgent.
        return FollowUpBucket::Later;
    };
    if due_day <= today {
        return FollowUpBucket::Today;
    }
    match today.checked_add_days(Days::new(7)) {
        Some(week_end) if due_day <= week_end => FollowUpBucket::ThisWeek,
        _ => FollowUpBucket::Later,
    }
}

/// The "due today / overdue / this week" board: open follow-ups grouped by bucket in
/// order Overdue, Today, ThisWeek, each sorted by due_at (ties by id); Later and
/// Done excluded. Empty groups are left out, so an empty board means nothing is due.
pub fn follow_up_board(
    all: &[FollowUp],
    now: DateTime<Utc>,
    rep_offset: FixedOffset,
) -> Vec<(FollowUpBucket, Vec<&FollowUp>)> {
    FollowUpBucket::BOARD
        .into_iter()
        .filter_map(|wanted| {
            let mut group: Vec<&FollowUp> = all
                .iter()
                .filter(|f| bucket(f, now, rep_offset) == wanted)
                .collect();
            group.sort_by(|a, b| a.due_at.cmp(&b.due_at).then_with(|| a.id.cmp(&b.id)));
            (!group.is_empty()).then_some((wanted, group))
        })
        .collect()
}

/// Marks done at `now` (idempotent: an already done follow-up keeps its first
/// done_at).
pub fn complete(f: &FollowUp, now: DateTime<Utc>) -> FollowUp {
    FollowUp {
        done_at: Some(f.done_at.unwrap_or(now)),
        ..f.clone()
    }
}

coded_enum! {
    /// What a line of the customer's contact timeline records. The declaration order
    /// (= `ALL`) is also the tie-break order of the timeline.
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
    #[serde(rename_all = "snake_case")]
    pub enum TimelineKind {
        Contact = "contact",
        Complaint = "complaint",
        StageChange = "stage_change",
        Order = "order",
        FollowUp = "follow_up",
    }
}

impl TimelineKind {
    fn tie_rank(self) -> usize {
        Self::ALL
            .iter()
            .position(|k| *k == self)
            .unwrap_or(Self::ALL.len())
    }
}

/// One line of the customer's contact timeline.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TimelineItem {
    pub at: DateTime<Utc>,
    pub kind: TimelineKind,
    /// Id of the underlying record (order id, contact id, complaint id…), for keys
    /// and links. Stage changes have no id of their own: theirs is
    /// [`stage_change_ref`] of their position in the append-only history.
    pub ref_id: String,
    pub title: String,
    pub detail: String,
}

/// A complaint reduced to what the timeline shows (the complaint module builds
/// these), so this module does not depend on it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ComplaintMark {
    pub id: String,
    pub at: DateTime<Utc>,
    pub title: String,
    pub detail: String,
}

/// The timeline `ref_id` of the stage change at `index` in a customer's history.
pub fn stage_change_ref(index: usize) -> String {
    format!("stage-{index}")
}

/// Separator between the data pieces of a timeline detail line; a symbol rather
/// than a word so the line needs no translation.
const DETAIL_SEPARATOR: &str = " · ";

fn join_present(parts: &[&str]) -> String {
    parts
        .iter()
        .map(|part| part.trim())
        .filter(|part| !part.is_empty())
        .collect::<Vec<_>>()
        .join(DETAIL_SEPARATOR)
}

fn contact_item(contact: &Contact) -> TimelineItem {
    let next_step = if contact.next_step.trim().is_empty() {
        String::new()
    } else {
        format!("→ {}", contact.next_step.trim())
    };
    TimelineItem {
        at: contact.at,
        kind: TimelineKind::Contact,
        ref_id: contact.id.clone(),
        title: contact.summary.clone(),
        detail: join_present(&[
            contact.channel.code(),
            contact.direction.code(),
            &contact.rep,
            &contact.outcome,
            &next_step,
        ]),
    }
}

fn complaint_item(mark: &ComplaintMark) -> TimelineItem {
    TimelineItem {
        at: mark.at,
        kind: TimelineKind::Complaint,
        ref_id: mark.id.clone(),
        title: mark.title.clone(),
        detail: mark.detail.clone(),
    }
}

fn stage_item(index: usize, change: &StageChange) -> TimelineItem {
    TimelineItem {
        at: change.at,
        kind: TimelineKind::StageChange,
        ref_id: stage_change_ref(index),
        title: format!("{} → {}", change.from.code(), change.to.code()),
        detail: change.reason.clone(),
    }
}

fn order_item(order: &Order) -> TimelineItem {
    TimelineItem {
        at: order.placed_on.and_time(NaiveTime::MIN).and_utc(),
        kind: TimelineKind::Order,
        ref_id: order.id.clone(),
        title: order.number.clone(),
        detail: join_present(&[
            &order.channel,
            &order.total.format_plain(),
            order.status.code(),
        ]),
    }
}

fn follow_up_item(follow_up: &FollowUp) -> TimelineItem {
    let state = if follow_up.is_open() { "open" } else { "done" };
    TimelineItem {
        at: follow_up.due_at,
        kind: TimelineKind::FollowUp,
        ref_id: follow_up.id.clone(),
        title: follow_up.purpose.clone(),
        detail: join_present(&[
            &follow_up.rep,
            &format!("{} min", follow_up.duration_minutes),
            state,
        ]),
    }
}

/// Every contact, complaint, stage change, order and follow-up, newest first; ties
/// broken deterministically (kind order as in [`TimelineKind::ALL`], then ref_id).
///
/// Orders are placed at 00:00 UTC of placed_on; follow-ups at their due time.
/// Titles/details are plain language-neutral data (codes, numbers, summary text):
/// the UI translates kind names.
pub fn timeline(
    contacts: &[Contact],
    complaints: &[ComplaintMark],
    stages: &[StageChange],
    orders: &[Order],
    follow_ups: &[FollowUp],
) -> Vec<TimelineItem> {
    let mut items: Vec<TimelineItem> = contacts
        .iter()
        .map(contact_item)
        .chain(complaints.iter().map(complaint_item))
        .chain(
            stages
                .iter()
                .enumerate()
                .map(|(index, change)| stage_item(index, change)),
        )
        .chain(orders.iter().map(order_item))
        .chain(follow_ups.iter().map(follow_up_item))
        .collect();
    items.sort_by(|a, b| {
        b.at.cmp(&a.at)
            .then_with(|| a.kind.tie_rank().cmp(&b.kind.tie_rank()))
            .then_with(|| a.ref_id.cmp(&b.ref_id))
    });
    items
}

/// "Add a contact in two keystrokes": a quick-log line such as
/// "e> asked about tracking" or "p< called about refund".
///
/// The first char picks the channel (e=email, p=phone, s=sms, m=platform message,
/// c=chat, l=letter, v=visit, g=gift, o=other; either case), the second the
/// direction (> outbound, < inbound), then the summary. Returns None when the line
/// does not have that shape or the summary is empty.
pub fn parse_quick_log(line: &str) -> Option<(ContactChannel, Direction, String)> {
    let mut chars = line.trim_start().chars();
    let channel = ContactChannel::from_quick_key(chars.next()?)?;
    let direction = Direction::from_quick_mark(chars.next()?)?;
    let summary = chars.as_str().trim();
    if summary.is_empty() {
        return None;
    }
    Some((channel, direction, summary.to_owned()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::customers::RelationshipStage;
    use crate::domain::orders::{CurrencyCode, Money, OrderStatus};
    use proptest::prelude::*;

    fn utc(y: i32, mo: u32, d: u32, h: u32, mi: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(y, mo, d, h, mi, 0).unwrap()
    }

    fn offset_hours(hours: i32) -> FixedOffset {
        FixedOffset::east_opt(hours * 3600).unwrap()
    }

    fn customer() -> CustomerId {
        CustomerId("cust-1".to_owned())
    }

    fn good_contact_draft() -> ContactDraft {
        ContactDraft {
            channel: "email".to_owned(),
            direction: "inbound".to_owned(),
            rep: "  Mei  ".to_owned(),
            summary: " asked about tracking ".to_owned(),
            outcome: "sent link".to_owned(),
            next_step: String::new(),
            at: String::new(),
        }
    }

    fn good_follow_up_draft() -> FollowUpDraft {
        FollowUpDraft {
            rep: "Mei".to_owned(),
            due_at: "2026-11-24T09:00".to_owned(),
            duration_minutes: String::new(),
            purpose: "check delivery".to_owned(),
        }
    }

    fn follow_up(id: &str, rep: &str, due_at: DateTime<Utc>, minutes: u32) -> FollowUp {
        FollowUp {
            id: id.to_owned(),
            customer_id: customer(),
            rep: rep.to_owned(),
            due_at,
            duration_minutes: minutes,
            purpose: format!("purpose {id}"),
            complaint_id: None,
            done_at: None,
            created_at: utc(2026, 1, 1, 0, 0),
        }
    }

    fn problems(errors: &[ContactError]) -> Vec<(ContactField, ContactProblem)> {
        errors.iter().map(|e| (e.field, e.problem)).collect()
    }

    #[test]
    fn enum_codes_round_trip_and_match_serde() {
        for c in ContactChannel::ALL {
            assert_eq!(ContactChannel::from_code(c.code()), Some(c));
            assert_eq!(
                serde_json::to_string(&c).unwrap(),
                format!("\"{}\"", c.code())
            );
            assert_eq!(ContactChannel::from_quick_key(c.quick_key()), Some(c));
        }
        for d in Direction::ALL {
            assert_eq!(Direction::from_code(d.code()), Some(d));
            assert_eq!(
                serde_json::to_string(&d).unwrap(),
                format!("\"{}\"", d.code())
            );
        }
        for f in ContactField::ALL {
            assert_eq!(ContactField::from_code(f.code()), Some(f));
            assert_eq!(
                serde_json::to_string(&f).unwrap(),
                format!("\"{}\"", f.code())
            );
        }
        for b in FollowUpBucket::ALL {
            assert_eq!(FollowUpBucket::from_code(b.code()), Some(b));
            assert_eq!(
                serde_json::to_string(&b).unwrap(),
                format!("\"{}\"", b.code())
            );
        }
        for k in TimelineKind::ALL {
            assert_eq!(TimelineKind::from_code(k.code()), Some(k));
            assert_eq!(
                serde_json::to_string(&k).unwrap(),
                format!("\"{}\"", k.code())
            );
        }
        assert_eq!(ContactChannel::from_code("fax"), None);
    }

    #[test]
    fn valid_contact_is_trimmed_and_defaults_to_now() {
        let now = utc(2026, 11, 24, 3, 0);
        let contact = validate_contact(
            &good_contact_draft(),
            "c1".to_owned(),
            customer(),
            Some("  ".to_owned()),
            now,
            offset_hours(8),
        )
        .unwrap();
        assert_eq!(contact.at, now);
        assert_eq!(contact.rep, "Mei");
        assert_eq!(contact.summary, "asked about tracking");
        assert_eq!(contact.channel, ContactChannel::Email);
        assert_eq!(contact.direction, Direction::Inbound);
        assert_eq!(
            contact.complaint_id, None,
            "a blank complaint id is no link"
        );
    }

    #[test]
    fn empty_direction_means_outbound() {
        let draft = ContactDraft {
            direction: String::new(),
            ..good_contact_draft()
        };
        let contact = validate_contact(
            &draft,
            "c1".to_owned(),
            customer(),
            Some("cmp-1".to_owned()),
            utc(2026, 1, 1, 0, 0),
            offset_hours(0),
        )
        .unwrap();
        assert_eq!(contact.direction, Direction::Outbound);
        assert_eq!(contact.complaint_id.as_deref(), Some("cmp-1"));
    }

    #[test]
    fn contact_validation_reports_all_problems_at_once() {
        let draft = ContactDraft {
            channel: String::new(),
            direction: "sideways".to_owned(),
            rep: "   ".to_owned(),
            summary: "x".repeat(MAX_SUMMARY_CHARS + 1),
            outcome: "é".repeat(MAX_NOTE_CHARS + 1),
            next_step: "y".repeat(MAX_NOTE_CHARS + 1),
            at: "24/11/2026 09:00".to_owned(),
        };
        let errors = validate_contact(
            &draft,
            "c1".to_owned(),
            customer(),
            None,
            utc(2026, 1, 1, 0, 0),
            offset_hours(0),
        )
        .unwrap_err();
        assert_eq!(
            problems(&errors),
            vec![
                (ContactField::Channel, ContactProblem::Required),
                (ContactField::Direction, ContactProblem::UnknownChoice),
                (ContactField::Rep, ContactProblem::Required),
                (ContactField::Summary, ContactProblem::TooLong { max: 2000 }),
                (ContactField::Outcome, ContactProblem::TooLong { max: 1000 }),
                (
                    ContactField::NextStep,
                    ContactProblem::TooLong { max: 1000 }
                ),
                (ContactField::At, ContactProblem::DateTimeShape),
            ]
        );
    }

    #[test]
    fn lengths_count_characters_not_bytes() {
        let draft = ContactDraft {
            summary: "客".repeat(MAX_SUMMARY_CHARS),
            ..good_contact_draft()
        };
        let result = validate_contact(
            &draft,
            "c1".to_owned(),
            customer(),
            None,
            utc(2026, 1, 1, 0, 0),
            offset_hours(0),
        );
        assert!(result.is_ok(), "{result:?}");
    }

    #[test]
    fn unknown_channel_is_an_unknown_choice() {
        let draft = ContactDraft {
            channel: "fax".to_owned(),
            ..good_contact_draft()
        };
        let errors = validate_contact(
            &draft,
            "c1".to_owned(),
            customer(),
            None,
            utc(2026, 1, 1, 0, 0),
            offset_hours(0),
        )
        .unwrap_err();
        assert_eq!(
            problems(&errors),
            vec![(ContactField::Channel, ContactProblem::UnknownChoice)]
        );
    }

    #[test]
    fn typed_time_is_read_in_the_reps_zone() {
        let draft = ContactDraft {
            at: "2026-11-24T09:00".to_owned(),
            ..good_contact_draft()
        };
        let contact = validate_contact(
            &draft,
            "c1".to_owned(),
            customer(),
            None,
            utc(2026, 11, 24, 6, 0),
            offset_hours(8),
        )
        .unwrap();
        assert_eq!(contact.at, utc(2026, 11, 24, 1, 0));
    }

    #[test]
    fn datetime_local_accepts_seconds_and_fractions_and_round_trips() {
        let plus8 = offset_hours(8);
        let expected = utc(2026, 11, 24, 1, 0);
        for text in [
            "2026-11-24T09:00",
            "2026-11-24T09:00:00",
            "2026-11-24T09:00:00.000",
            " 2026-11-24 09:00 ",
        ] {
            assert_eq!(parse_datetime_local(text, plus8), Ok(expected), "{text}");
        }
        assert_eq!(to_datetime_local(expected, plus8), "2026-11-24T09:00");
        for bad in [
            "2026-11-24",
            "2026-02-30T09:00",
            "09:00",
            "2026-11-24T25:00",
            "now",
        ] {
            assert_eq!(
                parse_datetime_local(bad, plus8),
                Err(ContactProblem::DateTimeShape),
                "{bad}"
            );
        }
    }

    #[test]
    fn a_log_more_than_five_minutes_ahead_is_in_the_future() {
        let now = utc(2026, 11, 24, 1, 0);
        let draft_at = |at: &str| ContactDraft {
            at: at.to_owned(),
            ..good_contact_draft()
        };
        let validate = |draft: &ContactDraft| {
            validate_contact(
                draft,
                "c1".to_owned(),
                customer(),
                None,
                now,
                offset_hours(8),
            )
        };
        assert!(
            validate(&draft_at("2026-11-24T09:05")).is_ok(),
            "within slack"
        );
        let errors = validate(&draft_at("2026-11-24T09:06")).unwrap_err();
        assert_eq!(
            problems(&errors),
            vec![(ContactField::At, ContactProblem::InFuture)]
        );
    }

    #[test]
    fn valid_follow_up_defaults_to_thirty_minutes_and_allows_the_past() {
        let now = utc(2026, 12, 1, 0, 0);
        let f = validate_follow_up(
            &good_follow_up_draft(),
            "f1".to_owned(),
            customer(),
            None,
            now,
            offset_hours(8),
        )
        .unwrap();
        assert_eq!(f.due_at, utc(2026, 11, 24, 1, 0));
        assert_eq!(f.duration_minutes, 30);
        assert_eq!(f.ends_at(), utc(2026, 11, 24, 1, 30));
        assert_eq!(f.created_at, now);
        assert!(f.is_open());
    }

    #[test]
    fn duration_bounds() {
        let validate = |minutes: &str| {
            let draft = FollowUpDraft {
                duration_minutes: minutes.to_owned(),
                ..good_follow_up_draft()
            };
            validate_follow_up(
                &draft,
                "f1".to_owned(),
                customer(),
                None,
                utc(2026, 1, 1, 0, 0),
                offset_hours(0),
            )
            .map(|f| f.duration_minutes)
        };
        assert_eq!(validate("5"), Ok(5));
        assert_eq!(validate(" 480 "), Ok(480));
        let out_of_range = vec![ContactError {
            field: ContactField::Duration,
            problem: ContactProblem::DurationRange,
        }];
        for bad in [
            "4",
            "481",
            "0",
            "-10",
            "30.5",
            "half an hour",
            "99999999999",
        ] {
            assert_eq!(validate(bad), Err(out_of_range.clone()), "{bad}");
        }
    }

    #[test]
    fn follow_up_validation_reports_all_problems_at_once() {
        let draft = FollowUpDraft {
            rep: String::new(),
            due_at: String::new(),
            duration_minutes: "1000".to_owned(),
            purpose: "p".repeat(MAX_PURPOSE_CHARS + 1),
        };
        let errors = validate_follow_up(
            &draft,
            "f1".to_owned(),
            customer(),
            None,
            utc(2026, 1, 1, 0, 0),
            offset_hours(0),
        )
        .unwrap_err();
        assert_eq!(
            problems(&errors),
            vec![
                (ContactField::Rep, ContactProblem::Required),
                (ContactField::DueAt, ContactProblem::Required),
                (ContactField::Duration, ContactProblem::DurationRange),
                (ContactField::Purpose, ContactProblem::TooLong { max: 500 }),
            ]
        );
        let bad_date = FollowUpDraft {
            due_at: "tomorrow".to_owned(),
            ..good_follow_up_draft()
        };
        let errors = validate_follow_up(
            &bad_date,
            "f1".to_owned(),
            customer(),
            None,
            utc(2026, 1, 1, 0, 0),
            offset_hours(0),
        )
        .unwrap_err();
        assert_eq!(
            problems(&errors),
            vec![(ContactField::DueAt, ContactProblem::DateTimeShape)]
        );
    }

    #[test]
    fn quiet_hours_run_from_nine_pm_to_eight_am() {
        let night: Vec<u32> = (0..24).filter(|h| is_night_hour(*h)).collect();
        assert_eq!(night, vec![0, 1, 2, 3, 4, 5, 6, 7, 21, 22, 23]);
        assert!(is_night_hour(24), "midnight reported as 24");
        assert!(!is_night_hour(u32::MAX), "no overflow on nonsense hours");
    }

    #[test]
    fn overlapping_slot_of_the_same_rep_conflicts() {
        let candidate = follow_up("new", "Mei", utc(2026, 11, 24, 1, 0), 30);
        let existing = vec![
            follow_up("late", "Mei", utc(2026, 11, 24, 1, 20), 30),
            follow_up("early", "Mei", utc(2026, 11, 24, 0, 45), 30),
        ];
        let ids: Vec<&str> = conflicts(&candidate, &existing)
            .iter()
            .map(|f| f.id.as_str())
            .collect();
        assert_eq!(ids, vec!["early", "late"], "sorted by due_at");
    }

    #[test]
    fn touching_slots_do_not_conflict() {
        let candidate = follow_up("new", "Mei", utc(2026, 11, 24, 1, 0), 30);
        let existing = vec![
            follow_up("before", "Mei", utc(2026, 11, 24, 0, 30), 30),
            follow_up("after", "Mei", utc(2026, 11, 24, 1, 30), 30),
        ];
        assert!(conflicts(&candidate, &existing).is_empty());
    }

    #[test]
    fn other_reps_done_ones_and_the_candidate_itself_do_not_conflict() {
        let at = utc(2026, 11, 24, 1, 0);
        let candidate = follow_up("new", "Mei", at, 30);
        let mut done = follow_up("done", "Mei", at, 30);
        done.done_at = Some(at);
        let existing = vec![
            follow_up("other", "Ana", at, 30),
            done,
            follow_up("new", "Mei", at, 30),
            follow_up("same", "  mEI ", at, 30),
        ];
        let ids: Vec<&str> = conflicts(&candidate, &existing)
            .iter()
            .map(|f| f.id.as_str())
            .collect();
        assert_eq!(
            ids,
            vec!["same"],
            "rep compared trimmed, case-insensitively"
        );
    }

    #[test]
    fn ends_at_saturates_instead_of_panicking() {
        let f = follow_up("f", "Mei", DateTime::<Utc>::MAX_UTC, u32::MAX);
        assert_eq!(f.ends_at(), DateTime::<Utc>::MAX_UTC);
    }

    fn local_time(offset: FixedOffset, mo: u32, d: u32, h: u32, mi: u32) -> DateTime<Utc> {
        offset
            .with_ymd_and_hms(2026, mo, d, h, mi, 0)
            .unwrap()
            .with_timezone(&Utc)
    }

    #[test]
    fn edges_of_representable_time_do_not_panic() {
        let far_east = offset_hours(14);
        let far_west = offset_hours(-12);
        assert_eq!(
            parse_datetime_local("+262142-12-31T23:59", far_west),
            Err(ContactProblem::DateTimeShape),
            "beyond the last instant once converted to UTC"
        );
        assert!(parse_datetime_local("+262142-12-31T23:59", far_east).is_ok());
        for at in [DateTime::<Utc>::MAX_UTC, DateTime::<Utc>::MIN_UTC] {
            for offset in [far_east, far_west] {
                let _ = to_datetime_local(at, offset);
                let f = follow_up("f", "Mei", at, MAX_DURATION_MINUTES);
                // Due right now is never overdue; where the local day cannot be
                // represented it falls back to Later.
                let now = bucket(&f, at, offset);
                assert!(
                    matches!(now, FollowUpBucket::Today | FollowUpBucket::Later),
                    "{now:?}"
                );
                let from_the_start = bucket(&f, DateTime::<Utc>::MIN_UTC, offset);
                if at == DateTime::<Utc>::MAX_UTC {
                    assert_eq!(from_the_start, FollowUpBucket::Later, "aeons away");
                } else {
                    assert!(matches!(
                        from_the_start,
                        FollowUpBucket::Today | FollowUpBucket::Later
                    ));
                }
                let ancient = follow_up("g", "Mei", DateTime::<Utc>::MIN_UTC, 15);
                assert_eq!(
                    bucket(&ancient, DateTime::<Utc>::MAX_UTC, offset),
                    FollowUpBucket::Overdue
                );
            }
        }
        let at_the_end = ContactDraft {
            at: "2026-01-01T00:00".to_owned(),
            ..good_contact_draft()
        };
        let result = validate_contact(
            &at_the_end,
            "c".to_owned(),
            customer(),
            None,
            DateTime::<Utc>::MAX_UTC,
            far_east,
        );
        assert!(result.is_ok(), "{result:?}");
    }

    #[test]
    fn buckets_follow_the_local_calendar_of_a_rep_east_of_utc() {
        let plus8 = offset_hours(8);
        let now = local_time(plus8, 11, 24, 10, 0);
        assert_eq!(now, utc(2026, 11, 24, 2, 0));
        let in_bucket = |mo: u32, d: u32, h: u32, mi: u32| {
            let f = follow_up("f", "Mei", local_time(plus8, mo, d, h, mi), 30);
            bucket(&f, now, plus8)
        };
        assert_eq!(in_bucket(11, 24, 0, 30), FollowUpBucket::Overdue);
        assert_eq!(
            in_bucket(11, 24, 23, 59),
            FollowUpBucket::Today,
            "already the 25th in UTC, still today for the rep"
        );
        assert_eq!(in_bucket(11, 25, 0, 0), FollowUpBucket::ThisWeek);
        assert_eq!(in_bucket(11, 25, 23, 30), FollowUpBucket::ThisWeek);
        assert_eq!(in_bucket(12, 1, 23, 59), FollowUpBucket::ThisWeek);
        assert_eq!(in_bucket(12, 2, 0, 0), FollowUpBucket::Later);

        let f = follow_up("f", "Mei", local_time(plus8, 11, 24, 0, 30), 30);
        let just_after_midnight = local_time(plus8, 11, 24, 0, 10);
        assert_eq!(
            bucket(&f, just_after_midnight, plus8),
            FollowUpBucket::Today
        );
        let before_midnight = local_time(plus8, 11, 23, 23, 50);
        assert_eq!(bucket(&f, before_midnight, plus8), FollowUpBucket::ThisWeek);
    }

    #[test]
    fn buckets_follow_the_local_calendar_of_a_rep_west_of_utc() {
        let minus5 = offset_hours(-5);
        let now = local_time(minus5, 11, 24, 22, 0);
        assert_eq!(now, utc(2026, 11, 25, 3, 0));
        let in_bucket = |mo: u32, d: u32, h: u32, mi: u32| {
            let f = follow_up("f", "Mei", local_time(minus5, mo, d, h, mi), 30);
            bucket(&f, now, minus5)
        };
        assert_eq!(in_bucket(11, 24, 0, 30), FollowUpBucket::Overdue);
        assert_eq!(
            in_bucket(11, 24, 23, 30),
            FollowUpBucket::Today,
            "already the 25th in UTC, still today for the rep"
        );
        assert_eq!(in_bucket(11, 25, 0, 30), FollowUpBucket::ThisWeek);
        assert_eq!(in_bucket(11, 25, 23, 30), FollowUpBucket::ThisWeek);
        assert_eq!(in_bucket(12, 1, 23, 59), FollowUpBucket::ThisWeek);
        assert_eq!(in_bucket(12, 2, 0, 0), FollowUpBucket::Later);

        let f = follow_up("f", "Mei", local_time(minus5, 11, 24, 0, 30), 30);
        let just_after_midnight = local_time(minus5, 11, 24, 0, 10);
        assert_eq!(
            bucket(&f, just_after_midnight, minus5),
            FollowUpBucket::Today
        );
        let later_that_morning = local_time(minus5, 11, 24, 0, 40);
        assert_eq!(
            bucket(&f, later_that_morning, minus5),
            FollowUpBucket::Overdue
        );
    }

    #[test]
    fn done_wins_over_every_other_bucket() {
        let now = utc(2026, 11, 24, 2, 0);
        let overdue = complete(&follow_up("f", "Mei", utc(2026, 1, 1, 0, 0), 30), now);
        assert_eq!(bucket(&overdue, now, offset_hours(0)), FollowUpBucket::Done);
    }

    #[test]
    fn board_groups_open_follow_ups_in_order_and_skips_later_and_done() {
        let utc0 = offset_hours(0);
        let now = utc(2026, 11, 24, 12, 0);
        let mut done = follow_up("done", "Mei", utc(2026, 11, 24, 15, 0), 30);
        done.done_at = Some(now);
        let all = vec![
            follow_up("week-b", "Mei", utc(2026, 11, 26, 9, 0), 30),
            follow_up("today", "Mei", utc(2026, 11, 24, 18, 0), 30),
            follow_up("later", "Mei", utc(2026, 12, 20, 9, 0), 30),
            follow_up("overdue-2", "Mei", utc(2026, 11, 23, 9, 0), 30),
            done,
            follow_up("week-a", "Mei", utc(2026, 11, 26, 9, 0), 30),
            follow_up("overdue-1", "Mei", utc(2026, 11, 20, 9, 0), 30),
        ];
        let board: Vec<(FollowUpBucket, Vec<&str>)> = follow_up_board(&all, now, utc0)
            .into_iter()
            .map(|(b, group)| (b, group.iter().map(|f| f.id.as_str()).collect()))
            .collect();
        assert_eq!(
            board,
            vec![
                (FollowUpBucket::Overdue, vec!["overdue-1", "overdue-2"]),
                (FollowUpBucket::Today, vec!["today"]),
                (FollowUpBucket::ThisWeek, vec!["week-a", "week-b"]),
            ]
        );
    }

    #[test]
    fn board_leaves_out_empty_groups() {
        let now = utc(2026, 11, 24, 12, 0);
        let all = vec![follow_up("week", "Mei", utc(2026, 11, 26, 9, 0), 30)];
        let board = follow_up_board(&all, now, offset_hours(0));
        assert_eq!(board.len(), 1);
        assert_eq!(board[0].0, FollowUpBucket::ThisWeek);
        assert!(follow_up_board(&[], now, offset_hours(0)).is_empty());
    }

    #[test]
    fn completing_keeps_the_first_done_time() {
        let f = follow_up("f", "Mei", utc(2026, 11, 24, 1, 0), 30);
        let first = complete(&f, utc(2026, 11, 24, 2, 0));
        assert_eq!(first.done_at, Some(utc(2026, 11, 24, 2, 0)));
        assert!(!first.is_open());
        let again = complete(&first, utc(2026, 11, 25, 2, 0));
        assert_eq!(again, first);
        assert!(f.is_open(), "the input is not modified");
    }

    fn contact_at(id: &str, at: DateTime<Utc>) -> Contact {
        Contact {
            id: id.to_owned(),
            customer_id: customer(),
            at,
            channel: ContactChannel::Phone,
            direction: Direction::Inbound,
            rep: "Mei".to_owned(),
            summary: "called about refund".to_owned(),
            outcome: "refund issued".to_owned(),
            next_step: "check in a week".to_owned(),
            complaint_id: None,
        }
    }

    fn order_on(id: &str, placed_on: NaiveDate) -> Order {
        Order {
            id: id.to_owned(),
            customer_id: customer(),
            number: "A-100".to_owned(),
            channel: "amazon".to_owned(),
            placed_on,
            total: Money::new(12_345, CurrencyCode::parse("EUR").unwrap()),
            status: OrderStatus::Delivered,
            cost_of_goods: 0,
            shipping_cost: 0,
            discount: 0,
            refunded: 0,
        }
    }

    #[test]
    fn timeline_is_newest_first_with_all_five_kinds() {
        let contacts = vec![contact_at("c1", utc(2026, 3, 5, 10, 0))];
        let complaints = vec![ComplaintMark {
            id: "cmp1".to_owned(),
            at: utc(2026, 3, 4, 10, 0),
            title: "quality".to_owned(),
            detail: "open".to_owned(),
        }];
        let stages = vec![StageChange {
            from: RelationshipStage::FirstTime,
            to: RelationshipStage::Repeat,
            at: utc(2026, 3, 3, 10, 0),
            reason: "second order".to_owned(),
        }];
        let orders = vec![order_on(
            "amazon:A-100",
            NaiveDate::from_ymd_opt(2026, 3, 2).unwrap(),
        )];
        let follow_ups = vec![follow_up("f1", "Mei", utc(2026, 3, 6, 10, 0), 45)];

        let items = timeline(&contacts, &complaints, &stages, &orders, &follow_ups);
        let kinds: Vec<TimelineKind> = items.iter().map(|i| i.kind).collect();
        assert_eq!(
            kinds,
            vec![
                TimelineKind::FollowUp,
                TimelineKind::Contact,
                TimelineKind::Complaint,
                TimelineKind::StageChange,
                TimelineKind::Order,
            ]
        );
        let refs: Vec<&str> = items.iter().map(|i| i.ref_id.as_str()).collect();
        assert_eq!(refs, vec!["f1", "c1", "cmp1", "stage-0", "amazon:A-100"]);

        let order = &items[4];
        assert_eq!(order.at, utc(2026, 3, 2, 0, 0), "orders sit at 00:00 UTC");
        assert_eq!(order.title, "A-100");
        assert_eq!(order.detail, "amazon · 123.45 EUR · delivered");
        assert_eq!(items[3].title, "first_time → repeat");
        assert_eq!(items[3].detail, "second order");
        assert_eq!(items[1].title, "called about refund");
        assert_eq!(
            items[1].detail,
            "phone · inbound · Mei · refund issued · → check in a week"
        );
        assert_eq!(items[0].title, "purpose f1");
        assert_eq!(items[0].detail, "Mei · 45 min · open");
    }

    #[test]
    fn timeline_ties_break_by_kind_then_ref_id() {
        let midnight = utc(2026, 3, 2, 0, 0);
        let contacts = vec![contact_at("c-b", midnight), contact_at("c-a", midnight)];
        let complaints = vec![ComplaintMark {
            id: "cmp".to_owned(),
            at: midnight,
            title: String::new(),
            detail: String::new(),
        }];
        let stages = vec![StageChange {
            from: RelationshipStage::Potential,
            to: RelationshipStage::FirstTime,
            at: midnight,
            reason: "first order".to_owned(),
        }];
        let orders = vec![
            order_on("z-order", midnight.date_naive()),
            order_on("a-order", midnight.date_naive()),
        ];
        let follow_ups = vec![follow_up("f", "Mei", midnight, 30)];

        let forward = timeline(&contacts, &complaints, &stages, &orders, &follow_ups);
        let refs: Vec<&str> = forward.iter().map(|i| i.ref_id.as_str()).collect();
        assert_eq!(
            refs,
            vec!["c-a", "c-b", "cmp", "stage-0", "a-order", "z-order", "f"]
        );

        let mut reversed_contacts = contacts.clone();
        reversed_contacts.reverse();
        let mut reversed_orders = orders.clone();
        reversed_orders.reverse();
        let backward = timeline(
            &reversed_contacts,
            &complaints,
            &stages,
            &reversed_orders,
            &follow_ups,
        );
        assert_eq!(forward, backward, "input order does not matter");
    }

    #[test]
    fn quick_log_lines_parse() {
        assert_eq!(
            parse_quick_log("e> asked about tracking"),
            Some((
                ContactChannel::Email,
                Direction::Outbound,
                "asked about tracking".to_owned()
            ))
        );
        assert_eq!(
            parse_quick_log("  p<called about refund  "),
            Some((
                ContactChannel::Phone,
                Direction::Inbound,
                "called about refund".to_owned()
            ))
        );
        assert_eq!(
            parse_quick_log("M< 询问物流"),
            Some((
                ContactChannel::PlatformMessage,
                Direction::Inbound,
                "询问物流".to_owned()
            ))
        );
        for key in ["s", "c", "l", "v", "g", "o"] {
            let parsed = parse_quick_log(&format!("{key}> x")).map(|(c, _, _)| c.quick_key());
            assert_eq!(parsed.map(String::from).as_deref(), Some(key));
        }
    }

    #[test]
    fn quick_log_rejects_garbage_without_panicking() {
        for line in [
            "",
            " ",
            "e",
            "e>",
            "e>   ",
            "x> hello",
            "e hello",
            "e=hello",
            ">e hello",
            "email> hello",
            "é> hello",
            "e\u{301}> hello",
            "客> 你好",
            "e》 你好",
            "🙂<🙂",
        ] {
            assert_eq!(parse_quick_log(line), None, "{line:?}");
        }
        assert_eq!(
            parse_quick_log("e>🙂"),
            Some((ContactChannel::Email, Direction::Outbound, "🙂".to_owned()))
        );
    }

    #[test]
    fn drafts_survive_missing_fields_in_storage() {
        let draft: ContactDraft = serde_json::from_str(r#"{"summary":"hi"}"#).unwrap();
        assert_eq!(draft.summary, "hi");
        assert_eq!(draft.channel, "");
        let contact: Contact = serde_json::from_str(
            r#"{"id":"c","customer_id":"x","at":"2026-01-01T00:00:00Z","channel":"gift",
                "direction":"outbound","rep":"Mei","summary":"sent tea"}"#,
        )
        .unwrap();
        assert_eq!(contact.channel, ContactChannel::Gift);
        assert_eq!(contact.complaint_id, None);
    }

    proptest! {
        #[test]
        fn validation_and_quick_log_never_panic(
            texts in proptest::collection::vec(any::<String>(), 11),
            now_secs in -8_000_000_000_000i64..8_000_000_000_000i64,
            offset_secs in -86_399i32..86_400i32,
        ) {
            let now = DateTime::<Utc>::from_timestamp(now_secs, 0).unwrap_or(DateTime::<Utc>::MAX_UTC);
            let offset = FixedOffset::east_opt(offset_secs).unwrap();
            let contact = ContactDraft {
                channel: texts[0].clone(),
                direction: texts[1].clone(),
                rep: texts[2].clone(),
                summary: texts[3].clone(),
                outcome: texts[4].clone(),
                next_step: texts[5].clone(),
                at: texts[6].clone(),
            };
            let _ = validate_contact(&contact, "c".to_owned(), customer(), None, now, offset);
            let follow = FollowUpDraft {
                rep: texts[2].clone(),
                due_at: texts[7].clone(),
                duration_minutes: texts[8].clone(),
                purpose: texts[9].clone(),
            };
            if let Ok(f) = validate_follow_up(&follow, "f".to_owned(), customer(), None, now, offset) {
                let _ = bucket(&f, now, offset);
                let _ = f.ends_at();
            }
            let _ = parse_quick_log(&texts[10]);
        }

        #[test]
        fn shaped_datetimes_never_panic(
            year in -300_000i32..300_000i32,
            rest in "-[0-9]{2}-[0-9]{2}[T ][0-9]{2}:[0-9]{2}(:[0-9]{2}(\\.[0-9]{1,9})?)?",
            offset_secs in -86_399i32..86_400i32,
        ) {
            let offset = FixedOffset::east_opt(offset_secs).unwrap();
            let text = format!("{year:+}{rest}");
            if let Ok(at) = parse_datetime_local(&text, offset) {
                let _ = to_datetime_local(at, offset);
                let f = follow_up("f", "Mei", at, MAX_DURATION_MINUTES);
                let _ = bucket(&f, at, offset);
                let _ = f.ends_at();
            }
        }

        #[test]
        fn quick_log_summary_is_the_trimmed_rest(key in "[epsmclvgo]", out in any::<bool>(), summary in "\\PC*") {
            let mark = if out { '>' } else { '<' };
            let parsed = parse_quick_log(&format!("{key}{mark}{summary}"));
            prop_assert_eq!(parsed.map(|(_, _, s)| s), Some(summary.trim().to_owned()).filter(|s| !s.is_empty()));
        }
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod fuzz;
