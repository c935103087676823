//! The one revision rule both adapters share, so they cannot drift apart: a save
//! must be based on the revision stored right now, and bumps it by one.

use super::StoreError;
use crate::domain::complaints::Complaint;
use crate::domain::customers::Customer;

/// The revision a save will be stored under, or why it must be refused.
pub fn next_revision(stored: Option<&Customer>, incoming: &Customer) -> Result<u32, StoreError> {
    match stored {
        None => Err(StoreError::NotFound(incoming.id.clone())),
        Some(stored) if stored.revision != incoming.revision => Err(StoreError::StaleRevision {
            stored: stored.revision,
            yours: incoming.revision,
        }),
        Some(stored) => Ok(stored.revision.wrapping_add(1)),
    }
}

/// The same rule for complaints: a save must be based on the stored revision.
pub fn next_complaint_revision(
    stored: Option<&Complaint>,
    incoming: &Complaint,
) -> Result<u32, StoreError> {
    match stored {
        None => Err(StoreError::ComplaintNotFound(incoming.id.clone())),
        Some(stored) if stored.revision != incoming.revision => Err(StoreError::StaleRevision {
            stored: stored.revision,
            yours: incoming.revision,
        }),
        Some(stored) => Ok(stored.revision.wrapping_add(1)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::customers::CustomerId;
    use chrono::{TimeZone, Utc};

    fn customer(revision: u32) -> Customer {
        let at = Utc.with_ymd_and_hms(2026, 1, 1, 0, 0, 0).unwrap();
        let mut c = Customer::minimal(CustomerId("a".into()), "Ana", "ES", at);
        c.revision = revision;
        c
    }

    fn complaint(revision: u32) -> Complaint {
        let at = Utc.with_ymd_and_hms(2026, 1, 1, 0, 0, 0).unwrap();
        let mut c = Complaint::open("k".into(), CustomerId("a".into()), at);
        c.revision = revision;
        c
    }

    #[test]
    fn a_save_on_the_stored_revision_bumps_it() {
        assert_eq!(next_revision(Some(&customer(3)), &customer(3)), Ok(4));
        assert_eq!(
            next_complaint_revision(Some(&complaint(3)), &complaint(3)),
            Ok(4)
        );
    }

    #[test]
    fn the_revision_wraps_instead_of_overflowing() {
        assert_eq!(
            next_revision(Some(&customer(u32::MAX)), &customer(u32::MAX)),
            Ok(0)
        );
        assert_eq!(
            next_complaint_revision(Some(&complaint(u32::MAX)), &complaint(u32::MAX)),
            Ok(0)
        );
    }

    #[test]
    fn a_stale_save_is_refused_with_both_revisions() {
        assert_eq!(
            next_revision(Some(&customer(2)), &customer(1)),
            Err(StoreError::StaleRevision {
                stored: 2,
                yours: 1
            })
        );
        assert_eq!(
            next_complaint_revision(Some(&complaint(2)), &complaint(5)),
            Err(StoreError::StaleRevision {
                stored: 2,
                yours: 5
            })
        );
    }

    #[test]
    fn saving_a_missing_record_reports_not_found() {
        assert_eq!(
            next_revision(None, &customer(0)),
            Err(StoreError::NotFound(CustomerId("a".into())))
        );
        assert_eq!(
            next_complaint_revision(None, &complaint(0)),
            Err(StoreError::ComplaintNotFound("k".into()))
        );
    }
}
