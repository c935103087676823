//! The profile parts of the customer form: an individual's birthday, family dates,
//! employer and preferences; a company's founding, size, terms and contact people.

use super::*;

/// The individual's part of the form: birthday, family dates, employer and
/// preferences. Errors are recorded in `c`, in the order the form shows the fields.
pub(super) fn individual_profile(
    c: &mut Checker,
    draft: &CustomerDraft,
    today: NaiveDate,
) -> Profile {
    let birthday = c.optional_date(Field::Birthday, &draft.birthday, today);
    let mut family_dates = Vec::new();
    for (i, row) in draft.family_dates.iter().enumerate() {
        let label = row.label.trim();
        let date_text = row.date.trim();
        if label.is_empty() && date_text.is_empty() {
            continue; // an untouched spare row
        }
        if label.is_empty() {
            c.fail(Field::FamilyDateLabel(i), Problem::Required);
        }
        if date_text.is_empty() {
            c.fail(Field::FamilyDate(i), Problem::Required);
            continue;
        }
        // Anniversaries may lie in the future (a planned wedding), so no future check.
        match parse_iso_date(date_text) {
            Ok(date) => family_dates.push(FamilyDate {
                label: label.to_owned(),
                date,
            }),
            Err(problem) => c.fail(Field::FamilyDate(i), problem),
        }
    }
    Profile::Individual(IndividualProfile {
        birthday,
        employer: c.text(Field::Employer, &draft.employer, MAX_NAME),
        position: c.text(Field::Position, &draft.position, MAX_NAME),
        family_dates,
        preferences: c.text(Field::Preferences, &draft.preferences, MAX_TEXT),
    })
}

/// The company's part of the form: founding year, size, contact people and terms.
/// Errors are recorded in `c`, in the order the form shows the fields.
pub(super) fn company_profile(c: &mut Checker, draft: &CustomerDraft, today: NaiveDate) -> Profile {
    let founded_year = match draft.founded_year.trim() {
        "" => None,
        text => match text.parse::<i32>() {
            Ok(year) if (1800..=today.year()).contains(&year) => Some(year),
            Ok(_) => {
                c.fail(Field::FoundedYear, Problem::YearOutOfRange);
                None
            }
            Err(_) => {
                c.fail(Field::FoundedYear, Problem::WholeNumber);
                None
            }
        },
    };
    let founded_on = c.optional_date(Field::FoundedOn, &draft.founded_on, today);
    let founded_year = match (founded_year, founded_on) {
        (None, Some(day)) if draft.founded_year.trim().is_empty() => Some(day.year()),
        (Some(year), Some(day)) if year != day.year() => {
            c.fail(Field::FoundedOn, Problem::YearDiffersFromDate);
            Some(year)
        }
        (year, _) => year,
    };
    let employees = match draft.employees.trim() {
        "" => None,
        text => match text.parse::<u32>() {
            Ok(n) => Some(n),
            Err(_) => {
                c.fail(Field::Employees, Problem::WholeNumber);
                None
            }
        },
    };
    let contacts = contact_people(c, &draft.contacts);
    Profile::Company(CompanyProfile {
        founded_year,
        founded_on,
        employees,
        business_type: c.text(Field::BusinessType, &draft.business_type, MAX_NAME),
        service_area: c.text(Field::ServiceArea, &draft.service_area, MAX_NAME),
        business_status: c.text(Field::BusinessStatus, &draft.business_status, MAX_TEXT),
        payment_terms: c.text(Field::PaymentTerms, &draft.payment_terms, MAX_NAME),
        credit_status: c.text(Field::CreditStatus, &draft.credit_status, MAX_NAME),
        contacts,
    })
}

/// The company's contact people; completely empty rows are spare rows and skipped.
fn contact_people(c: &mut Checker, rows: &[ContactPersonDraft]) -> Vec<ContactPerson> {
    let mut contacts = Vec::new();
    for (i, row) in rows.iter().enumerate() {
        let name = row.name.trim();
        let email = row.email.trim();
        let phone = row.phone.trim();
        if name.is_empty() && email.is_empty() && phone.is_empty() {
            continue;
        }
        if name.is_empty() {
            c.fail(Field::ContactName(i), Problem::Required);
        }
        if !email.is_empty() && !is_email_shaped(email) {
            c.fail(Field::ContactEmail(i), Problem::EmailShape);
        }
        if !phone.is_empty() && !is_phone_shaped(phone) {
            c.fail(Field::ContactPhone(i), Problem::PhoneShape);
        }
        let role = ContactRole::from_code(row.role.trim()).unwrap_or_else(|| {
            c.fail(Field::ContactRole(i), Problem::UnknownChoice);
            ContactRole::Other
        });
        contacts.push(ContactPerson {
            name: name.to_owned(),
            role,
            email: email.to_owned(),
            phone: phone.to_owned(),
        });
    }
    contacts
}
