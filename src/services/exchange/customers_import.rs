//! Writing a checked customers import, and remembering its column mapping.

use crate::domain::customers::Customer;
use crate::domain::exchange::customers_import::{CustomerImportPlan, CustomerMapping};
use crate::services::settings::{customer_mapping, load_setting, save_setting};
use crate::storage::{CustomerStore, SettingsStore, StoreError};

/// Creates and merges the planned customers in one transaction (all or nothing);
/// returns every record as stored now, created and merged, for the directory.
pub async fn import_customers<S: CustomerStore>(
    store: &S,
    plan: &CustomerImportPlan,
) -> Result<Vec<Customer>, StoreError> {
    let merged = store.import_customers(&plan.create, &plan.merge).await?;
    Ok(plan.create.iter().cloned().chain(merged).collect())
}

/// The mapping last saved for a file with these headers.
pub async fn remembered_mapping<S: SettingsStore>(
    store: &S,
    headers: &[String],
) -> Result<Option<CustomerMapping>, StoreError> {
    load_setting(store, &customer_mapping(headers)).await
}

pub async fn remember_mapping<S: SettingsStore>(
    store: &S,
    headers: &[String],
    mapping: &CustomerMapping,
) -> Result<(), StoreError> {
    save_setting(store, &customer_mapping(headers), mapping).await
}
