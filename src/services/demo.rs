//! Loading the demo set: customers, orders, complaints (remedies booked as cost to
//! serve), contacts and follow-ups, consistent with each other and written together.

use chrono::{DateTime, Utc};

use crate::domain::complaints::remedy_cost;
use crate::domain::contacts::last_contact_times;
use crate::domain::customers::CustomerId;
use crate::domain::demo;
use crate::domain::demo::generate_service_records;
use crate::domain::exchange::backup::BackupData;
use crate::storage::{SnapshotStore, StoreError, SyncOutboxStore};

/// The demo records for every demo customer `exists` does not know yet, so loading
/// twice never duplicates or overwrites anything. Each customer's last contact is
/// the latest entry of its own contact log (none without one), so "last contact"
/// and "due for contact" agree with the timeline.
pub fn demo_records(exists: impl Fn(&CustomerId) -> bool, now: DateTime<Utc>) -> BackupData {
    let data = demo::generate(demo::DEMO_CUSTOMERS, demo::DEMO_SEED, now.date_naive());
    let mut customers: Vec<_> = data
        .customers
        .into_iter()
        .filter(|c| !exists(&c.id))
        .collect();
    let fresh: std::collections::HashSet<CustomerId> =
        customers.iter().map(|c| c.id.clone()).collect();
    let orders: Vec<_> = data
        .orders
        .into_iter()
        .filter(|o| fresh.contains(&o.customer_id))
        .collect();
    let service = generate_service_records(&customers, &orders, demo::DEMO_SEED, now);
    let last_contacts = last_contact_times(&service.contacts);
    for customer in &mut customers {
        customer.last_contact_at = last_contacts.get(&customer.id).copied();
    }
    let costs = service
        .complaints
        .iter()
        .filter_map(|c| remedy_cost(c, c.opened_at.date_naive()))
        .collect();
    BackupData {
        customers,
        orders,
        costs,
        complaints: service.complaints,
        contacts: service.contacts,
        follow_ups: service.follow_ups,
        ..BackupData::default()
    }
}

/// Writes the demo records the store lacks in one transaction; returns what was
/// written (empty when the demo is already there).
pub async fn load_demo<S: SnapshotStore + SyncOutboxStore>(
    store: &S,
    exists: impl Fn(&CustomerId) -> bool,
    now: DateTime<Utc>,
) -> Result<BackupData, StoreError> {
    // Demo buyers must never reach a team's shared database.
    if store.sync_marking().await? {
        return Err(StoreError::SyncIsOn);
    }
    let records = demo_records(exists, now);
    if !records.customers.is_empty() {
        store.put_records(&records).await?;
    }
    Ok(records)
}
