//! Turning what a rep typed into a valid record, with one message per bad field.
//!
//! The form keeps everything as text in a [`CustomerDraft`]; [`validate_draft`]
//! either yields a [`Customer`] or the full list of [`FieldError`]s so the form can
//! show every problem at once, next to its field.

use chrono::{DateTime, Datelike, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use crate::domain::customers::{
    CompanyProfile, ContactPerson, ContactRole, Customer, CustomerId, CustomerKind, FamilyDate,
    IndividualProfile, LeadSource, Profile, RelationshipStage,
};

/// The form's state: text exactly as typed, so nothing is lost while it is invalid.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CustomerDraft {
    pub kind: CustomerKind,
    pub name: String,
    pub email: String,
    pub phone: String,
    pub messaging: String,
    /// The account owner's name (a rep), or empty.
    #[serde(default)]
    pub owner: String,
    pub country: String,
    pub language: String,
    pub time_zone: String,
    pub address: String,
    /// Comma-separated.
    pub tags: String,
    pub notes: String,
    /// A [`LeadSource::code`], or empty.
    pub lead_source: String,
    /// A [`RelationshipStage::code`]; only used when creating.
    pub stage: String,
    // Individual
    pub birthday: String,
    pub employer: String,
    pub position: String,
    pub family_dates: Vec<FamilyDateDraft>,
    pub preferences: String,
    // Company
    pub founded_year: String,
    /// The founding day, YYYY-MM-DD, or empty.
    pub founded_on: String,
    pub employees: String,
    pub business_type: String,
    pub service_area: String,
    pub business_status: String,
    pub payment_terms: String,
    pub credit_status: String,
    pub contacts: Vec<ContactPersonDraft>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct FamilyDateDraft {
    pub label: String,
    pub date: String,
}

/// One contact person of the company as typed in the form. Not to be confused with
/// `contacts::ContactDraft`, a logged interaction with the customer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ContactPersonDraft {
    pub name: String,
    /// A [`ContactRole::code`].
    pub role: String,
    pub email: String,
    pub phone: String,
}

impl Default for ContactPersonDraft {
    fn default() -> Self {
        Self {
            name: String::new(),
            role: ContactRole::DecisionMaker.code().to_owned(),
            email: String::new(),
            phone: String::new(),
        }
    }
}

impl CustomerDraft {
    pub fn empty(kind: CustomerKind) -> Self {
        Self {
            kind,
            name: String::new(),
            email: String::new(),
            phone: String::new(),
            messaging: String::new(),
            owner: String::new(),
            country: String::new(),
            language: String::new(),
            time_zone: String::new(),
            address: String::new(),
            tags: String::new(),
            notes: String::new(),
            lead_source: String::new(),
            stage: RelationshipStage::Potential.code().to_owned(),
            birthday: String::new(),
            employer: String::new(),
            position: String::new(),
            family_dates: Vec::new(),
            preferences: String::new(),
            founded_year: String::new(),
            founded_on: String::new(),
            employees: String::new(),
            business_type: String::new(),
            service_area: String::new(),
            business_status: String::new(),
            payment_terms: String::new(),
            credit_status: String::new(),
            contacts: Vec::new(),
        }
    }

    /// The draft that edits an existing record.
    pub fn from_customer(c: &Customer) -> Self {
        let mut d = Self::empty(c.kind());
        d.name = c.name.clone();
        d.email = c.email.clone();
        d.phone = c.phone.clone();
        d.messaging = c.messaging.clone();
        d.owner = c.owner.clone();
        d.country = c.country.clone();
        d.language = c.language.clone();
        d.time_zone = c.time_zone.clone();
        d.address = c.address.clone();
        d.tags = c.tags.join(", ");
        d.notes = c.notes.clone();
        d.lead_source = c
            .lead_source
            .map(|s| s.code().to_owned())
            .unwrap_or_default();
        d.stage = c.stage.code().to_owned();
        match &c.profile {
            Profile::Individual(p) => {
                d.birthday = p.birthday.map(|b| b.to_string()).unwrap_or_default();
                d.employer = p.employer.clone();
                d.position = p.position.clone();
                d.preferences = p.preferences.clone();
                d.family_dates = p
                    .family_dates
                    .iter()
                    .map(|f| FamilyDateDraft {
                        label: f.label.clone(),
                        date: f.date.to_string(),
                    })
                    .collect();
            }
            Profile::Company(p) => {
                d.founded_year = p.founded_year.map(|y| y.to_string()).unwrap_or_default();
                d.founded_on = p.founded_on.map(|f| f.to_string()).unwrap_or_default();
                d.employees = p.employees.map(|n| n.to_string()).unwrap_or_default();
                d.business_type = p.business_type.clone();
                d.service_area = p.service_area.clone();
                d.business_status = p.business_status.clone();
                d.payment_terms = p.payment_terms.clone();
                d.credit_status = p.credit_status.clone();
                d.contacts = p
                    .contacts
                    .iter()
                    .map(|p| ContactPersonDraft {
                        name: p.name.clone(),
                        role: p.role.code().to_owned(),
                        email: p.email.clone(),
                        phone: p.phone.clone(),
                    })
                    .collect();
            }
        }
        d
    }
}

/// Re-applies a rep's edits onto a record someone else changed meanwhile: a
/// three-way merge per field. A field the rep changed (edited ≠ original) keeps the
/// rep's value; every other field takes the fresh value, so the other change is not
/// lost. Where both changed the same field, the rep's value wins: it is on screen.
pub fn rebase_draft(
    original: &CustomerDraft,
    edited: &CustomerDraft,
    fresh: &CustomerDraft,
) -> CustomerDraft {
    macro_rules! merge {
        ($($field:ident),+ $(,)?) => {
            CustomerDraft {
                $($field: if edited.$field != original.$field { edited.$field.clone() } else { fresh.$field.clone() },)+
            }
        };
    }
    merge!(
        kind,
        name,
        email,
        phone,
        messaging,
        owner,
        country,
        language,
        time_zone,
        address,
        tags,
        notes,
        lead_source,
        stage,
        birthday,
        employer,
        position,
        family_dates,
        preferences,
        founded_year,
        founded_on,
        employees,
        business_type,
        service_area,
        business_status,
        payment_terms,
        credit_status,
        contacts,
    )
}

/// Which input a problem belongs to; indexed variants point into repeated rows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Field {
    Name,
    Email,
    Phone,
    Country,
    Language,
    TimeZone,
    LeadSource,
    Stage,
    Messaging,
    Owner,
    Address,
    Tags,
    Notes,
    Birthday,
    Employer,
    Position,
    Preferences,
    FamilyDateLabel(usize),
    FamilyDate(usize),
    FoundedYear,
    FoundedOn,
    Employees,
    BusinessType,
    ServiceArea,
    BusinessStatus,
    PaymentTerms,
    CreditStatus,
    ContactName(usize),
    ContactRole(usize),
    ContactEmail(usize),
    ContactPhone(usize),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Problem {
    Required,
    TooLong {
        max: usize,
    },
    EmailShape,
    PhoneShape,
    CountryCode,
    LanguageTag,
    UnknownTimeZone,
    DateShape,
    DateDoesNotExist,
    DateInFuture,
    YearOutOfRange,
    /// The founding year and the founding day name different years.
    YearDiffersFromDate,
    WholeNumber,
    UnknownChoice,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FieldError {
    pub field: Field,
    pub problem: Problem,
}

/// Asks the environment whether an IANA zone name is known (the browser's Intl in
/// the app, a fixed list in tests), so this module stays free of web APIs.
pub trait TimeZoneCheck {
    fn is_known_time_zone(&self, name: &str) -> bool;
}

impl<F: Fn(&str) -> bool> TimeZoneCheck for F {
    fn is_known_time_zone(&self, name: &str) -> bool {
        self(name)
    }
}

const MAX_NAME: usize = 200;
const MAX_TEXT: usize = 5_000;

pub fn is_email_shaped(s: &str) -> bool {
    let Some((local, domain)) = s.split_once('@') else {
        return false;
    };
    !local.is_empty()
        && !domain.contains('@')
        && domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && !domain.contains("..")
        && !s.chars().any(|c| c.is_whitespace() || c.is_control())
}

/// International numbers as reps paste them: optional leading +, digits, spaces,
/// dashes, dots and parentheses; 6 to 15 digits (the E.164 maximum).
pub fn is_phone_shaped(s: &str) -> bool {
    let body = s.strip_prefix('+').unwrap_or(s);
    if !body
        .chars()
        .all(|c| c.is_ascii_digit() || matches!(c, ' ' | '-' | '.' | '(' | ')'))
    {
        return false;
    }
    let digits = body.chars().filter(char::is_ascii_digit).count();
    (6..=15).contains(&digits)
}

fn is_language_tag(s: &str) -> bool {
    let mut parts = s.split('-');
    let primary = parts.next().unwrap_or_default();
    (2..=3).contains(&primary.len())
        && primary.chars().all(|c| c.is_ascii_alphabetic())
        && parts.all(|p| (2..=8).contains(&p.len()) && p.chars().all(|c| c.is_ascii_alphanumeric()))
}

/// Parses an ISO date (YYYY-MM-DD), telling a malformed date from one that does not
/// exist on the calendar (2023-02-29).
pub fn parse_iso_date(s: &str) -> Result<NaiveDate, Problem> {
    let parts: Vec<&str> = s.split('-').collect();
    let [y, m, d] = parts.as_slice() else {
        return Err(Problem::DateShape);
    };
    let numeric = |p: &str, len: usize| p.len() == len && p.chars().all(|c| c.is_ascii_digit());
    if !(numeric(y, 4) && numeric(m, 2) && numeric(d, 2)) {
        return Err(Problem::DateShape);
    }
    let (Ok(y), Ok(m), Ok(d)) = (y.parse::<i32>(), m.parse::<u32>(), d.parse::<u32>()) else {
        return Err(Problem::DateShape);
    };
    NaiveDate::from_ymd_opt(y, m, d).ok_or(Problem::DateDoesNotExist)
}

struct Checker {
    errors: Vec<FieldError>,
}

impl Checker {
    fn fail(&mut self, field: Field, problem: Problem) {
        self.errors.push(FieldError { field, problem });
    }

    fn text(&mut self, field: Field, value: &str, max: usize) -> String {
        let value = value.trim();
        if value.chars().count() > max {
            self.fail(field, Problem::TooLong { max });
        }
        value.to_owned()
    }

    fn optional_date(&mut self, field: Field, value: &str, today: NaiveDate) -> Option<NaiveDate> {
        let value = value.trim();
        if value.is_empty() {
            return None;
        }
        match parse_iso_date(value) {
            Ok(date) if date > today => {
                self.fail(field, Problem::DateInFuture);
                None
            }
            Ok(date) => Some(date),
            Err(problem) => {
                self.fail(field, problem);
                None
            }
        }
    }
}

/// Validates a draft into a record. `existing` is the record being edited (keeps id,
/// stage, history, timestamps and revision); `None` creates a new customer.
pub fn validate_draft(
    draft: &CustomerDraft,
    existing: Option<&Customer>,
    now: DateTime<Utc>,
    zones: &dyn TimeZoneCheck,
) -> Result<Customer, Vec<FieldError>> {
    let today = now.date_naive();
    let mut c = Checker { errors: Vec::new() };

    let name = c.text(Field::Name, &draft.name, MAX_NAME);
    if name.is_empty() {
        c.fail(Field::Name, Problem::Required);
    }
    let email = c.text(Field::Email, &draft.email, MAX_NAME);
    if !email.is_empty() && !is_email_shaped(&email) {
        c.fail(Field::Email, Problem::EmailShape);
    }
    let phone = c.text(Field::Phone, &draft.phone, MAX_NAME);
    if !phone.is_empty() && !is_phone_shaped(&phone) {
        c.fail(Field::Phone, Problem::PhoneShape);
    }
    let country = draft.country.trim().to_ascii_uppercase();
    if country.is_empty() {
        c.fail(Field::Country, Problem::Required);
    } else if !(country.len() == 2 && country.chars().all(|ch| ch.is_ascii_uppercase())) {
        c.fail(Field::Country, Problem::CountryCode);
    }
    let language = draft.language.trim().to_owned();
    if !language.is_empty() && !is_language_tag(&language) {
        c.fail(Field::Language, Problem::LanguageTag);
    }
    let time_zone = draft.time_zone.trim().to_owned();
    if !time_zone.is_empty() && !zones.is_known_time_zone(&time_zone) {
        c.fail(Field::TimeZone, Problem::UnknownTimeZone);
    }
    let lead_source = match draft.lead_source.trim() {
        "" => None,
        code => {
            let parsed = LeadSource::from_code(code);
            if parsed.is_none() {
                c.fail(Field::LeadSource, Problem::UnknownChoice);
            }
            parsed
        }
    };
    let stage = match existing {
        Some(existing) => existing.stage,
        None => RelationshipStage::from_code(draft.stage.trim()).unwrap_or_else(|| {
            c.fail(Field::Stage, Problem::UnknownChoice);
            RelationshipStage::Potential
        }),
    };
    let address = c.text(Field::Address, &draft.address, MAX_TEXT);
    let notes = c.text(Field::Notes, &draft.notes, MAX_TEXT);
    let messaging = c.text(Field::Messaging, &draft.messaging, MAX_NAME);
    let owner = c.text(
        Field::Owner,
        &draft.owner,
        crate::domain::contacts::MAX_REP_CHARS,
    );
    let tags = parse_tags(&draft.tags);

    let profile = match draft.kind {
        CustomerKind::Individual => individual_profile(&mut c, draft, today),
        CustomerKind::Company => company_profile(&mut c, draft, today),
    };

    if !c.errors.is_empty() {
        return Err(c.errors);
    }
    // Editing keeps who the record is and its history; a new record starts both.
    let (id, stage_history, created_at, last_contact_at, revision) = match existing {
        Some(old) => (
            old.id.clone(),
            old.stage_history.clone(),
            old.created_at,
            old.last_contact_at,
            old.revision,
        ),
        None => (CustomerId::new_random(), Vec::new(), now, None, 0),
    };
    Ok(Customer {
        id,
        name,
        email,
        phone,
        messaging,
        country,
        language,
        time_zone,
        address,
        tags,
        notes,
        lead_source,
        profile,
        stage,
        stage_history,
        created_at,
        updated_at: now,
        last_contact_at,
        revision,
        owner,
    })
}

/// Tags typed as one comma-separated line (ASCII or full-width comma), trimmed, each
/// once ignoring ASCII case; the first spelling wins.
fn parse_tags(text: &str) -> Vec<String> {
    let mut tags: Vec<String> = Vec::new();
    for tag in text.split([',', '，']).map(str::trim) {
        if !tag.is_empty() && !tags.iter().any(|t| t.eq_ignore_ascii_case(tag)) {
            tags.push(tag.to_owned());
        }
    }
    tags
}

mod profiles;
use profiles::{company_profile, individual_profile};

#[cfg(test)]
mod form_bounds;

#[cfg(test)]
mod tests;
