//! The contact log ("visit history card"): channels and directions, logged contacts
//! and planned follow-ups as records, their drafts and validation, and the rep's local
//! times.

use super::*;
use crate::domain::customers::{Customer, CustomerId};
use chrono::{DateTime, FixedOffset, NaiveDate, NaiveDateTime, TimeDelta, TimeZone, Utc};
use serde::{Deserialize, Serialize};

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
    /// The buyer's satisfaction 1–5 as the rep judged it (revisit reports).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub satisfaction: Option<u8>,
    /// The follow-up this contact reports on (a revisit report).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub follow_up_id: Option<String>,
    /// The team lead's review of a revisit report.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub review: Option<ReportReview>,
    /// The care occasion this contact answered (see `domain::care`), so it is not
    /// offered again.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub occasion: Option<String>,
}

/// A team lead's review of a revisit report.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReportReview {
    pub by: String,
    pub at: DateTime<Utc>,
    #[serde(default)]
    pub comment: String,
}

coded_enum! {
    /// What a follow-up is for; plain planned contacts are `General`.
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
    #[serde(rename_all = "snake_case")]
    pub enum FollowUpKind {
        #[default]
        General = "general",
        /// A step of a win-back plan made when the customer was lost.
        WinBack = "win_back",
    }
}

impl FollowUpKind {
    fn is_general(&self) -> bool {
        *self == Self::General
    }
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
    /// What to raise in the contact (revisit plan).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub talking_points: String,
    /// What to prepare or send (catalogue, samples, quote…).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub materials: String,
    #[serde(default, skip_serializing_if = "FollowUpKind::is_general")]
    pub kind: FollowUpKind,
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
    /// What to raise in the contact; optional.
    pub talking_points: String,
    /// What to prepare or send; optional.
    pub materials: String,
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
        TalkingPoints = "talking_points",
        Materials = "materials",
        Satisfaction = "satisfaction",
        NextAt = "next_at",
        NextPurpose = "next_purpose",
        Reviewer = "reviewer",
        Comment = "comment",
    }
}

/// What is wrong with a field. `TooLong` carries its limit, so unlike the other
/// enums here there is no `ALL`/`from_code`; `code()` names the kind for i18n keys.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ContactProblem {
    Required,
    TooLong {
        max: usize,
    },
    UnknownChoice,
    DateTimeShape,
    InFuture,
    DurationRange,
    /// A time that must be later than now (the next follow-up of a report).
    NotInFuture,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct ContactError {
    pub field: ContactField,
    pub problem: ContactProblem,
}

pub(super) struct Checker {
    pub(super) errors: Vec<ContactError>,
}

impl Checker {
    pub(super) fn fail(&mut self, field: ContactField, problem: ContactProblem) {
        self.errors.push(ContactError { field, problem });
    }

    pub(super) fn optional_text(&mut self, field: ContactField, value: &str, max: usize) -> String {
        let value = value.trim();
        if value.chars().count() > max {
            self.fail(field, ContactProblem::TooLong { max });
        }
        value.to_owned()
    }

    pub(super) fn required_text(&mut self, field: ContactField, value: &str, max: usize) -> String {
        let value = value.trim();
        if value.is_empty() {
            self.fail(field, ContactProblem::Required);
        }
        self.optional_text(field, value, max)
    }

    pub(super) fn finish<T>(
        self,
        record: impl FnOnce() -> Option<T>,
    ) -> Result<T, Vec<ContactError>> {
        if !self.errors.is_empty() {
            return Err(self.errors);
        }
        // Every `None` a builder can meet has already been recorded as an error.
        record().ok_or(self.errors)
    }
}

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

/// The customer after `contact` was logged: the last contact only ever moves
/// forward (a back-dated entry must not make a customer look neglected), and the
/// revision counts the change so an open edit form elsewhere notices it. Both
/// storage adapters apply it in the same transaction as the contact.
pub fn with_contact_logged(mut customer: Customer, contact: &Contact) -> Customer {
    if customer
        .last_contact_at
        .is_none_or(|last| last < contact.at)
    {
        customer.last_contact_at = Some(contact.at);
    }
    customer.revision = customer.revision.wrapping_add(1);
    customer
}

/// The customer after a just-logged `contact` is taken back: if it was their last
/// contact, the last contact returns to what it was before (`previous`), so an
/// *Undo* leaves no trace. A later contact logged meanwhile stays the last.
pub fn with_contact_unlogged(
    mut customer: Customer,
    contact: &Contact,
    previous: Option<DateTime<Utc>>,
) -> Customer {
    if customer.last_contact_at == Some(contact.at) {
        customer.last_contact_at = previous;
    }
    customer.revision = customer.revision.wrapping_add(1);
    customer
}

/// Parses an HTML datetime-local value typed in the rep's zone into UTC.
///
/// Accepts minutes, seconds and fractional seconds (browsers add them when the
/// input's `step` is below a minute), and a space instead of `T` as typed into
/// browsers that fall back to a text box.
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

pub(super) fn local_date(at: DateTime<Utc>, offset: FixedOffset) -> Option<NaiveDate> {
    local_naive(at, offset).map(|local| local.date())
}

pub(super) fn non_blank(id: Option<String>) -> Option<String> {
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
            satisfaction: None,
            follow_up_id: None,
            review: None,
            occasion: None,
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
/// 5..=480 (DurationRange), purpose required (max 500), talking points and
/// materials optional (max 1000 each).
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
    let talking_points = check.optional_text(
        ContactField::TalkingPoints,
        &draft.talking_points,
        MAX_NOTE_CHARS,
    );
    let materials = check.optional_text(ContactField::Materials, &draft.materials, MAX_NOTE_CHARS);

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
            talking_points,
            materials,
            kind: crate::domain::contacts::FollowUpKind::General,
        })
    })
}
