//! In-memory [`CrmStore`] for tests and native tools. Same rules as IndexedDB.

use std::cell::RefCell;
use std::collections::BTreeMap;

use super::{
    next_complaint_revision, next_revision, with_contact_logged, CrmStore, DeletedCustomer,
    LoadedCustomers, StoreError,
};
use crate::domain::complaints::{Complaint, ComplaintDraft};
use crate::domain::contacts::{Contact, FollowUp};
use crate::domain::customers::{Customer, CustomerId};
use crate::domain::exchange::backup::{BackupData, SettingRecord};
use crate::domain::orders::{CostEntry, Order};
use crate::domain::value::TierChange;

#[derive(Debug, Default)]
pub struct MemoryStore {
    customers: RefCell<BTreeMap<CustomerId, Customer>>,
    orders: RefCell<BTreeMap<String, Order>>,
    costs: RefCell<BTreeMap<String, CostEntry>>,
    tier_changes: RefCell<BTreeMap<String, TierChange>>,
    settings: RefCell<BTreeMap<String, String>>,
    complaints: RefCell<BTreeMap<String, Complaint>>,
    complaint_drafts: RefCell<BTreeMap<String, ComplaintDraft>>,
    contacts: RefCell<BTreeMap<String, Contact>>,
    follow_ups: RefCell<BTreeMap<String, FollowUp>>,
    /// Test hook: fail the next import after this many orders, as a crash would.
    pub fail_import_after: std::cell::Cell<Option<usize>>,
}

impl MemoryStore {
    pub fn new() -> Self {
        Self::default()
    }
}

/// Removes and returns every value of `map` that belongs to customer `id`.
fn take_customer_records<T: Clone>(
    map: &RefCell<BTreeMap<String, T>>,
    owner: impl Fn(&T) -> &CustomerId,
    id: &CustomerId,
) -> Vec<T> {
    let mut map = map.borrow_mut();
    let keys: Vec<String> = map
        .iter()
        .filter(|(_, v)| owner(v) == id)
        .map(|(k, _)| k.clone())
        .collect();
    keys.iter().filter_map(|k| map.remove(k)).collect()
}

fn customer_records<T: Clone>(
    map: &RefCell<BTreeMap<String, T>>,
    owner: impl Fn(&T) -> &CustomerId,
    id: &CustomerId,
) -> Vec<T> {
    map.borrow()
        .values()
        .filter(|v| owner(v) == id)
        .cloned()
        .collect()
}

impl CrmStore for MemoryStore {
    async fn load_customers(&self) -> Result<LoadedCustomers, StoreError> {
        Ok(LoadedCustomers {
            customers: self.customers.borrow().values().cloned().collect(),
            unreadable: 0,
        })
    }

    async fn get_customer(&self, id: &CustomerId) -> Result<Option<Customer>, StoreError> {
        Ok(self.customers.borrow().get(id).cloned())
    }

    async fn insert_customer(&self, customer: &Customer) -> Result<(), StoreError> {
        let mut customers = self.customers.borrow_mut();
        if customers.contains_key(&customer.id) {
            return Err(StoreError::AlreadyExists(customer.id.clone()));
        }
        customers.insert(customer.id.clone(), customer.clone());
        Ok(())
    }

    async fn save_customer(&self, customer: &Customer) -> Result<Customer, StoreError> {
        let mut customers = self.customers.borrow_mut();
        let revision = next_revision(customers.get(&customer.id), customer)?;
        let stored = Customer {
            revision,
            ..customer.clone()
        };
        customers.insert(stored.id.clone(), stored.clone());
        Ok(stored)
    }

    async fn delete_customer(&self, id: &CustomerId) -> Result<DeletedCustomer, StoreError> {
        let customer = self
            .customers
            .borrow_mut()
            .remove(id)
            .ok_or_else(|| StoreError::NotFound(id.clone()))?;
        let complaints = take_customer_records(&self.complaints, |c| &c.customer_id, id);
        let mut drafts = self.complaint_drafts.borrow_mut();
        for complaint in &complaints {
            drafts.remove(&complaint.id);
        }
        Ok(DeletedCustomer {
            customer,
            orders: take_customer_records(&self.orders, |o| &o.customer_id, id),
            complaints,
            contacts: take_customer_records(&self.contacts, |c| &c.customer_id, id),
            follow_ups: take_customer_records(&self.follow_ups, |f| &f.customer_id, id),
        })
    }

    async fn undo_delete(&self, deleted: &DeletedCustomer) -> Result<(), StoreError> {
        self.insert_customer(&deleted.customer).await?;
        for order in &deleted.orders {
            self.orders
                .borrow_mut()
                .insert(order.id.clone(), order.clone());
        }
        for complaint in &deleted.complaints {
            self.complaints
                .borrow_mut()
                .insert(complaint.id.clone(), complaint.clone());
        }
        for contact in &deleted.contacts {
            self.contacts
                .borrow_mut()
                .insert(contact.id.clone(), contact.clone());
        }
        for follow_up in &deleted.follow_ups {
            self.follow_ups
                .borrow_mut()
                .insert(follow_up.id.clone(), follow_up.clone());
        }
        Ok(())
    }

    async fn orders_for_customer(&self, id: &CustomerId) -> Result<Vec<Order>, StoreError> {
        Ok(customer_records(&self.orders, |o| &o.customer_id, id))
    }

    async fn customers_in_country(&self, country: &str) -> Result<Vec<Customer>, StoreError> {
        Ok(self
            .customers
            .borrow()
            .values()
            .filter(|c| c.country == country)
            .cloned()
            .collect())
    }

    async fn put_many(&self, customers: &[Customer], orders: &[Order]) -> Result<(), StoreError> {
        let mut stored = self.customers.borrow_mut();
        for c in customers {
            stored.insert(c.id.clone(), c.clone());
        }
        let mut stored_orders = self.orders.borrow_mut();
        for o in orders {
            stored_orders.insert(o.id.clone(), o.clone());
        }
        Ok(())
    }

    async fn count_customers(&self) -> Result<usize, StoreError> {
        Ok(self.customers.borrow().len())
    }

    async fn for_each_order_page(
        &self,
        page_size: u32,
        on_page: &mut dyn FnMut(Vec<Order>),
    ) -> Result<(), StoreError> {
        let all: Vec<Order> = self.orders.borrow().values().cloned().collect();
        for page in all.chunks(page_size.max(1) as usize) {
            on_page(page.to_vec());
        }
        Ok(())
    }

    async fn load_costs(&self) -> Result<Vec<CostEntry>, StoreError> {
        Ok(self.costs.borrow().values().cloned().collect())
    }

    async fn put_costs(&self, costs: &[CostEntry]) -> Result<(), StoreError> {
        let mut stored = self.costs.borrow_mut();
        for c in costs {
            stored.insert(c.id.clone(), c.clone());
        }
        Ok(())
    }

    async fn load_tier_changes(&self) -> Result<Vec<TierChange>, StoreError> {
        Ok(self.tier_changes.borrow().values().cloned().collect())
    }

    async fn put_tier_changes(&self, changes: &[TierChange]) -> Result<(), StoreError> {
        let mut stored = self.tier_changes.borrow_mut();
        for c in changes {
            stored.insert(c.id.clone(), c.clone());
        }
        Ok(())
    }

    async fn import_orders(
        &self,
        new_customers: &[Customer],
        orders: &[Order],
        progress: &dyn Fn(usize, usize),
    ) -> Result<(), StoreError> {
        // Stage everything first, commit at the end: the same all-or-nothing
        // behaviour as the IndexedDB transaction.
        let mut staged_customers = self.customers.borrow().clone();
        let mut staged_orders = self.orders.borrow().clone();
        for c in new_customers {
            if staged_customers.contains_key(&c.id) {
                return Err(StoreError::AlreadyExists(c.id.clone()));
            }
            staged_customers.insert(c.id.clone(), c.clone());
        }
        for (done, order) in orders.iter().enumerate() {
            if self.fail_import_after.get() == Some(done) {
                return Err(StoreError::Backend("simulated crash during import".into()));
            }
            staged_orders.insert(order.id.clone(), order.clone());
            if (done + 1) % 1000 == 0 {
                progress(done + 1, orders.len());
            }
        }
        progress(orders.len(), orders.len());
        *self.customers.borrow_mut() = staged_customers;
        *self.orders.borrow_mut() = staged_orders;
        Ok(())
    }

    async fn load_setting(&self, key: &str) -> Result<Option<String>, StoreError> {
        Ok(self.settings.borrow().get(key).cloned())
    }

    async fn save_setting(&self, key: &str, json: &str) -> Result<(), StoreError> {
        self.settings
            .borrow_mut()
            .insert(key.to_owned(), json.to_owned());
        Ok(())
    }

    async fn load_complaints(&self) -> Result<Vec<Complaint>, StoreError> {
        Ok(self.complaints.borrow().values().cloned().collect())
    }

    async fn get_complaint(&self, id: &str) -> Result<Option<Complaint>, StoreError> {
        Ok(self.complaints.borrow().get(id).cloned())
    }

    async fn insert_complaint(&self, complaint: &Complaint) -> Result<(), StoreError> {
        let mut complaints = self.complaints.borrow_mut();
        if complaints.contains_key(&complaint.id) {
            return Err(StoreError::Backend(format!(
                "a complaint with id {} already exists",
                complaint.id
            )));
        }
        complaints.insert(complaint.id.clone(), complaint.clone());
        Ok(())
    }

    async fn save_complaint(
        &self,
        complaint: &Complaint,
        cost: Option<&CostEntry>,
    ) -> Result<Complaint, StoreError> {
        let mut complaints = self.complaints.borrow_mut();
        let revision = next_complaint_revision(complaints.get(&complaint.id), complaint)?;
        let saved = Complaint {
            revision,
            ..complaint.clone()
        };
        complaints.insert(saved.id.clone(), saved.clone());
        if let Some(cost) = cost {
            self.costs
                .borrow_mut()
                .insert(cost.id.clone(), cost.clone());
        }
        Ok(saved)
    }

    async fn load_complaint_draft(
        &self,
        complaint_id: &str,
    ) -> Result<Option<ComplaintDraft>, StoreError> {
        Ok(self.complaint_drafts.borrow().get(complaint_id).cloned())
    }

    async fn save_complaint_draft(&self, draft: &ComplaintDraft) -> Result<(), StoreError> {
        self.complaint_drafts
            .borrow_mut()
            .insert(draft.complaint_id.clone(), draft.clone());
        Ok(())
    }

    async fn contacts_for_customer(&self, id: &CustomerId) -> Result<Vec<Contact>, StoreError> {
        Ok(customer_records(&self.contacts, |c| &c.customer_id, id))
    }

    async fn log_contact(&self, contact: &Contact) -> Result<Customer, StoreError> {
        let mut customers = self.customers.borrow_mut();
        let stored = customers
            .get(&contact.customer_id)
            .cloned()
            .ok_or_else(|| StoreError::NotFound(contact.customer_id.clone()))?;
        let updated = with_contact_logged(stored, contact);
        customers.insert(updated.id.clone(), updated.clone());
        self.contacts
            .borrow_mut()
            .insert(contact.id.clone(), contact.clone());
        Ok(updated)
    }

    async fn load_follow_ups(&self) -> Result<Vec<FollowUp>, StoreError> {
        Ok(self.follow_ups.borrow().values().cloned().collect())
    }

    async fn put_follow_up(&self, follow_up: &FollowUp) -> Result<(), StoreError> {
        self.follow_ups
            .borrow_mut()
            .insert(follow_up.id.clone(), follow_up.clone());
        Ok(())
    }

    async fn export_all(&self) -> Result<BackupData, StoreError> {
        Ok(BackupData {
            customers: self.customers.borrow().values().cloned().collect(),
            orders: self.orders.borrow().values().cloned().collect(),
            costs: self.costs.borrow().values().cloned().collect(),
            tier_changes: self.tier_changes.borrow().values().cloned().collect(),
            settings: self
                .settings
                .borrow()
                .iter()
                .map(|(key, json)| SettingRecord {
                    key: key.clone(),
                    json: json.clone(),
                })
                .collect(),
            complaints: self.complaints.borrow().values().cloned().collect(),
            contacts: self.contacts.borrow().values().cloned().collect(),
            follow_ups: self.follow_ups.borrow().values().cloned().collect(),
            complaint_drafts: self.complaint_drafts.borrow().values().cloned().collect(),
        })
    }

    async fn replace_all(&self, data: &BackupData) -> Result<(), StoreError> {
        *self.customers.borrow_mut() = BTreeMap::new();
        *self.orders.borrow_mut() = BTreeMap::new();
        *self.costs.borrow_mut() = BTreeMap::new();
        *self.tier_changes.borrow_mut() = BTreeMap::new();
        *self.settings.borrow_mut() = BTreeMap::new();
        *self.complaints.borrow_mut() = BTreeMap::new();
        *self.contacts.borrow_mut() = BTreeMap::new();
        *self.follow_ups.borrow_mut() = BTreeMap::new();
        *self.complaint_drafts.borrow_mut() = BTreeMap::new();
        self.put_records(data).await
    }

    async fn put_records(&self, data: &BackupData) -> Result<(), StoreError> {
        fn put<T: Clone>(
            map: &RefCell<BTreeMap<String, T>>,
            items: &[T],
            key: impl Fn(&T) -> String,
        ) {
            let mut map = map.borrow_mut();
            for item in items {
                map.insert(key(item), item.clone());
            }
        }
        let mut customers = self.customers.borrow_mut();
        for c in &data.customers {
            customers.insert(c.id.clone(), c.clone());
        }
        drop(customers);
        put(&self.orders, &data.orders, |o| o.id.clone());
        put(&self.costs, &data.costs, |c| c.id.clone());
        put(&self.tier_changes, &data.tier_changes, |t| t.id.clone());
        let mut settings = self.settings.borrow_mut();
        for s in &data.settings {
            settings.insert(s.key.clone(), s.json.clone());
        }
        drop(settings);
        put(&self.complaints, &data.complaints, |c| c.id.clone());
        put(&self.contacts, &data.contacts, |c| c.id.clone());
        put(&self.follow_ups, &data.follow_ups, |f| f.id.clone());
        put(&self.complaint_drafts, &data.complaint_drafts, |d| {
            d.complaint_id.clone()
        });
        Ok(())
    }

    async fn import_customers(
        &self,
        create: &[Customer],
        merge: &[Customer],
    ) -> Result<Vec<Customer>, StoreError> {
        // Check everything before changing anything: all or nothing.
        let mut staged = self.customers.borrow().clone();
        let mut merged = Vec::with_capacity(merge.len());
        for customer in merge {
            let revision = next_revision(staged.get(&customer.id), customer)?;
            let saved = Customer {
                revision,
                ..customer.clone()
            };
            staged.insert(saved.id.clone(), saved.clone());
            merged.push(saved);
        }
        for customer in create {
            if staged.contains_key(&customer.id) {
                return Err(StoreError::AlreadyExists(customer.id.clone()));
            }
            staged.insert(customer.id.clone(), customer.clone());
        }
        *self.customers.borrow_mut() = staged;
        Ok(merged)
    }
}
