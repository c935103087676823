//! A won revision's `data` as the record this device stores: the typed record,
//! with this device's local-only fields kept and the tab lock moved on.

use serde_json::Value;

use super::docs::{parse_doc_id, DocError, DocKind, Record, Replicated};
use crate::domain::complaints::Complaint;
use crate::domain::contacts::{with_contact_logged, Contact};
use crate::domain::customers::Customer;

/// The record `data` of document `doc_id` becomes here, given this device's
/// copy `local`. Customers and complaints keep their last contact and get the
/// next `revision`, so a form open on the old record is refused as stale and
/// offers to reload, as when another tab saved.
pub fn record_to_apply(
    doc_id: &str,
    data: Value,
    local: Option<&Record>,
) -> Result<Record, DocError> {
    let (kind, _) = parse_doc_id(doc_id)?;
    Ok(match kind {
        DocKind::Customer => {
            let local = match local {
                Some(Record::Customer(c)) => Some(c),
                _ => None,
            };
            let mut customer = Customer::from_data(doc_id, data, local)?;
            customer.revision = local.map_or(0, |l| l.revision.saturating_add(1));
            Record::Customer(customer)
        }
        DocKind::Complaint => {
            let local = match local {
                Some(Record::Complaint(c)) => Some(c),
                _ => None,
            };
            let mut complaint = Complaint::from_data(doc_id, data, local)?;
            complaint.revision = local.map_or(0, |l| l.revision.saturating_add(1));
            Record::Complaint(complaint)
        }
        DocKind::Order
        | DocKind::Cost
        | DocKind::TierChange
        | DocKind::Contact
        | DocKind::FollowUp
        | DocKind::Setting => Record::from_data(doc_id, data)?,
    })
}

/// `customer` with its last contact moved forward to the latest of `contacts`
/// (its contacts as held here), or `None` when it already is at least that.
/// Never moves it back: an import may have set a later one.
pub fn with_latest_contact(customer: Customer, contacts: &[Contact]) -> Option<Customer> {
    let latest = contacts.iter().max_by_key(|c| c.at)?;
    customer
        .last_contact_at
        .is_none_or(|last| last < latest.at)
        .then(|| with_contact_logged(customer, latest))
}

#[cfg(test)]
mod tests {
    use chrono::TimeZone;

    use super::*;
    use crate::domain::customers::CustomerId;

    #[test]
    fn a_customer_keeps_its_last_contact_and_moves_its_revision_on() {
        let at = chrono::Utc
            .with_ymd_and_hms(2026, 12, 2, 9, 0, 0)
            .single()
            .expect("valid");
        let mut local = Customer::minimal(CustomerId("a".into()), "Ana", "ES", at);
        local.revision = 4;
        local.last_contact_at = Some(at);
        let mut theirs = local.clone();
        theirs.name = "Ana Gómez".into();
        theirs.revision = 99;
        theirs.last_contact_at = None;
        let data = theirs.to_data().expect("data");
        let applied = record_to_apply("customer:a", data.clone(), Some(&Record::Customer(local)))
            .expect("applies");
        let Record::Customer(applied) = applied else {
            panic!("a customer");
        };
        assert_eq!(applied.name, "Ana Gómez");
        assert_eq!(applied.revision, 5);
        assert_eq!(applied.last_contact_at, Some(at));
        let Record::Customer(new) = record_to_apply("customer:a", data, None).expect("applies")
        else {
            panic!("a customer");
        };
        assert_eq!(new.revision, 0);
    }

    #[test]
    fn the_last_contact_only_moves_forward() {
        let day = |d| {
            chrono::Utc
                .with_ymd_and_hms(2026, 12, d, 9, 0, 0)
                .single()
                .expect("valid")
        };
        let mut customer = Customer::minimal(CustomerId("a".into()), "Ana", "ES", day(1));
        let contact = |id: &str, d| Contact {
            id: id.into(),
            customer_id: CustomerId("a".into()),
            at: day(d),
            channel: crate::domain::contacts::ContactChannel::Phone,
            direction: crate::domain::contacts::Direction::Outbound,
            rep: "Ben".into(),
            summary: "called".into(),
            outcome: String::new(),
            next_step: String::new(),
            complaint_id: None,
            satisfaction: None,
            follow_up_id: None,
            review: None,
            occasion: None,
        };
        assert_eq!(with_latest_contact(customer.clone(), &[]), None);
        let moved = with_latest_contact(customer.clone(), &[contact("k1", 3), contact("k2", 5)])
            .expect("moves");
        assert_eq!(moved.last_contact_at, Some(day(5)));
        customer.last_contact_at = Some(day(9));
        assert_eq!(with_latest_contact(customer, &[contact("k1", 3)]), None);
    }

    #[test]
    fn data_of_the_wrong_shape_is_an_error_naming_the_document() {
        let error = record_to_apply("order:o1", serde_json::json!({"id": 3}), None)
            .expect_err("not an order");
        assert!(error.to_string().contains("order:o1"), "{error}");
    }
}
