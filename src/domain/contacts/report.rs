//! The revisit report (domain.md §6: visit → write the record → lead reviews):
//! *Done* on a follow-up records what came of it as a contact, optionally plans the
//! next follow-up, and a team lead reviews the week's reports. Also editing and
//! reassigning a planned follow-up.

use super::*;
use crate::domain::shared::sort::sort_stable_by;
use chrono::{DateTime, Datelike, Days, FixedOffset, TimeZone, Utc};
use serde::{Deserialize, Serialize};

/// Satisfaction is asked on the domain's 1–5 scale (very dissatisfied … very satisfied).
pub const SATISFACTION_SCALE: std::ops::RangeInclusive<u8> = 1..=5;

/// The report dialog's state, text as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct ReportDraft {
    /// A [`ContactChannel::code`]: how the follow-up was carried out.
    pub channel: String,
    pub outcome: String,
    pub next_step: String,
    /// "1"…"5", or "" when the buyer was not asked.
    pub satisfaction: String,
    /// HTML datetime-local in the rep's zone; "" plans no next follow-up.
    pub next_at: String,
    /// The next follow-up's purpose; "" takes the next step.
    pub next_purpose: String,
}

/// What one submitted report writes, all in one storage transaction.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RevisitReport {
    /// The follow-up, marked done.
    pub done: FollowUp,
    /// The contact the report becomes on the timeline.
    pub contact: Contact,
    /// The next follow-up, if one was planned.
    pub next: Option<FollowUp>,
}

/// Ids for the records a report creates (the caller makes them, so tests can fix them).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReportIds {
    pub contact: String,
    pub next_follow_up: String,
}

fn parse_satisfaction(text: &str) -> Result<Option<u8>, ContactProblem> {
    let text = text.trim();
    if text.is_empty() {
        return Ok(None);
    }
    text.parse::<u8>()
        .ok()
        .filter(|score| SATISFACTION_SCALE.contains(score))
        .map(Some)
        .ok_or(ContactProblem::UnknownChoice)
}

/// Validates the report on `follow_up`, reporting all problems at once.
///
/// channel required (a valid code), outcome required (max 1000), next step optional
/// (max 1000), satisfaction "" (not asked) or 1–5, next_at "" (no next follow-up) or
/// a datetime-local in `rep_offset` later than `now` (NotInFuture otherwise). The
/// next follow-up's purpose is `next_purpose`, else the next step; one of them is
/// then required (max 500). The contact: summary = the follow-up's purpose, at
/// `now`, outbound, the follow-up's rep and complaint; the next follow-up keeps the
/// rep, duration and complaint.
pub fn validate_report(
    draft: &ReportDraft,
    follow_up: &FollowUp,
    ids: ReportIds,
    now: DateTime<Utc>,
    rep_offset: FixedOffset,
) -> Result<RevisitReport, Vec<ContactError>> {
    let mut check = Checker { errors: Vec::new() };

    let channel_code = draft.channel.trim();
    let channel = ContactChannel::from_code(channel_code);
    if channel_code.is_empty() {
        check.fail(ContactField::Channel, ContactProblem::Required);
    } else if channel.is_none() {
        check.fail(ContactField::Channel, ContactProblem::UnknownChoice);
    }
    let outcome = check.required_text(ContactField::Outcome, &draft.outcome, MAX_NOTE_CHARS);
    let next_step = check.optional_text(ContactField::NextStep, &draft.next_step, MAX_NOTE_CHARS);
    let satisfaction = match parse_satisfaction(&draft.satisfaction) {
        Ok(score) => score,
        Err(problem) => {
            check.fail(ContactField::Satisfaction, problem);
            None
        }
    };

    let next = if draft.next_at.trim().is_empty() {
        None
    } else {
        let due_at = match parse_datetime_local(&draft.next_at, rep_offset) {
            Ok(due_at) if due_at <= now => {
                check.fail(ContactField::NextAt, ContactProblem::NotInFuture);
                None
            }
            Ok(due_at) => Some(due_at),
            Err(problem) => {
                check.fail(ContactField::NextAt, problem);
                None
            }
        };
        let typed = draft.next_purpose.trim();
        let purpose = check.required_text(
            ContactField::NextPurpose,
            if typed.is_empty() { &next_step } else { typed },
            MAX_PURPOSE_CHARS,
        );
        Some((due_at, purpose))
    };

    check.finish(|| {
        let next = match next {
            None => None,
            Some((due_at, purpose)) => Some(FollowUp {
                id: ids.next_follow_up,
                customer_id: follow_up.customer_id.clone(),
                rep: follow_up.rep.clone(),
                due_at: due_at?,
                duration_minutes: follow_up.duration_minutes,
                purpose,
                complaint_id: follow_up.complaint_id.clone(),
                done_at: None,
                created_at: now,
                talking_points: String::new(),
                materials: String::new(),
                kind: FollowUpKind::General,
            }),
        };
        Some(RevisitReport {
            done: complete(follow_up, now),
            contact: Contact {
                id: ids.contact,
                customer_id: follow_up.customer_id.clone(),
                at: now,
                channel: channel?,
                direction: Direction::Outbound,
                rep: follow_up.rep.clone(),
                summary: follow_up.purpose.trim().to_owned(),
                outcome,
                next_step,
                complaint_id: non_blank(follow_up.complaint_id.clone()),
                satisfaction,
                follow_up_id: Some(follow_up.id.clone()),
                review: None,
                occasion: None,
            },
            next,
        })
    })
}

/// The follow-up form filled with `f`, to edit it.
pub fn follow_up_draft(f: &FollowUp, rep_offset: FixedOffset) -> FollowUpDraft {
    FollowUpDraft {
        rep: f.rep.clone(),
        due_at: to_datetime_local(f.due_at, rep_offset),
        duration_minutes: f.duration_minutes.to_string(),
        purpose: f.purpose.clone(),
        talking_points: f.talking_points.clone(),
        materials: f.materials.clone(),
    }
}

/// `original` edited (rescheduled, reassigned, re-described) as in `draft`, checked
/// like planning; the id, customer, complaint, kind, creation and done times stay.
pub fn edit_follow_up(
    original: &FollowUp,
    draft: &FollowUpDraft,
    now: DateTime<Utc>,
    rep_offset: FixedOffset,
) -> Result<FollowUp, Vec<ContactError>> {
    let edited = validate_follow_up(
        draft,
        original.id.clone(),
        original.customer_id.clone(),
        original.complaint_id.clone(),
        now,
        rep_offset,
    )?;
    Ok(FollowUp {
        created_at: original.created_at,
        done_at: original.done_at,
        kind: original.kind,
        complaint_id: original.complaint_id.clone(),
        ..edited
    })
}

/// The rep's current local week, Monday 00:00 to the next Monday 00:00 in
/// `rep_offset`, as UTC instants. `None` only at the edges of representable time.
pub fn report_week(
    now: DateTime<Utc>,
    rep_offset: FixedOffset,
) -> Option<(DateTime<Utc>, DateTime<Utc>)> {
    let today = local_date(now, rep_offset)?;
    let monday =
        today.checked_sub_days(Days::new(u64::from(today.weekday().num_days_from_monday())))?;
    let next_monday = monday.checked_add_days(Days::new(7))?;
    let start = rep_offset
        .from_local_datetime(&monday.and_hms_opt(0, 0, 0)?)
        .single()?;
    let end = rep_offset
        .from_local_datetime(&next_monday.and_hms_opt(0, 0, 0)?)
        .single()?;
    Some((start.with_timezone(&Utc), end.with_timezone(&Utc)))
}

/// The reports (contacts answering a follow-up) of the rep's current local week,
/// newest first (ties by id).
pub fn reports_in_week(
    contacts: &[Contact],
    now: DateTime<Utc>,
    rep_offset: FixedOffset,
) -> Vec<Contact> {
    let Some((start, end)) = report_week(now, rep_offset) else {
        return Vec::new();
    };
    let mut found: Vec<Contact> = contacts
        .iter()
        .filter(|c| c.follow_up_id.is_some() && start <= c.at && c.at < end)
        .cloned()
        .collect();
    sort_stable_by(&mut found, |a, b| {
        b.at.cmp(&a.at).then_with(|| a.id.cmp(&b.id))
    });
    found
}

/// Validates a team lead's review: reviewer required (max 100), comment optional
/// (max 1000).
pub fn validate_review(
    by: &str,
    comment: &str,
    now: DateTime<Utc>,
) -> Result<ReportReview, Vec<ContactError>> {
    let mut check = Checker { errors: Vec::new() };
    let by = check.required_text(ContactField::Reviewer, by, MAX_REP_CHARS);
    let comment = check.optional_text(ContactField::Comment, comment, MAX_NOTE_CHARS);
    check.finish(|| {
        Some(ReportReview {
            by,
            at: now,
            comment,
        })
    })
}
