//! Glue for the bulk work: backups, imports, the demo set, and the value analysis
//! with its settings, costs and tier movements.

use chrono::{DateTime, Utc};
use leptos::prelude::*;

use super::Backend;
use crate::domain::care::attention::RhythmSettings;
use crate::domain::customers::{Customer, CustomerId, StageOffer};
use crate::domain::exchange::backup::{BackupCounts, RestorePlan};
use crate::domain::exchange::customers_import::{CustomerImportPlan, CustomerMapping};
use crate::domain::exchange::orders_import::ImportPlan;
use crate::domain::orders::CostEntry;
use crate::domain::value::{TierChange, ValueSettings};
use crate::services::exchange::backup::{self as backup, BackupServiceError};
use crate::services::exchange::customers_import;
use crate::services::exchange::orders_import::{self as orders_import, ImportMode, ImportOutcome};
use crate::services::settings::{
    load_setting, save_setting, BACKUP_REMINDER_DAYS, RHYTHM_SETTINGS, VALUE_SETTINGS,
};
use crate::services::value::{self as value, ValueInputs};
use crate::storage::prelude::*;
use crate::storage::{store_error_message, StoreError};
use crate::web::sync::Change;

impl Backend {
    /// Writes the whole database into a backup file's text.
    pub async fn create_backup(&self) -> Result<(String, BackupCounts), BackupServiceError> {
        let now = Utc::now();
        let made = backup::create_backup(&*self.store()?, now).await?;
        self.device.last_backup.set(Some(now));
        Ok(made)
    }

    /// What is stored now, to show beside what a restore would bring.
    pub async fn current_counts(&self) -> Result<BackupCounts, StoreError> {
        Ok(self.store()?.export_all().await?.counts())
    }

    /// Replaces everything with a validated backup, then shows it in every tab.
    pub async fn restore_backup(&self, plan: &RestorePlan) -> Result<(), StoreError> {
        backup::restore_backup(&*self.store()?, plan).await?;
        self.reload_everything().await?;
        self.publish(Change::Everything);
        Ok(())
    }

    pub async fn save_reminder_days(&self, days: u32) -> Result<(), StoreError> {
        save_setting(&*self.store()?, &BACKUP_REMINDER_DAYS, &days).await?;
        self.device.reminder_days.set(days);
        self.publish(Change::Settings);
        Ok(())
    }

    /// Creates and merges the planned customers in one transaction.
    pub async fn import_customers(&self, plan: &CustomerImportPlan) -> Result<(), StoreError> {
        let stored = customers_import::import_customers(&*self.store()?, plan).await?;
        self.customers.directory.update(|d| {
            for c in stored {
                d.upsert(c);
            }
        });
        self.device.after_user_save();
        self.publish(Change::Everything);
        Ok(())
    }

    pub async fn remembered_customer_mapping(
        &self,
        headers: Vec<String>,
    ) -> Result<Option<CustomerMapping>, StoreError> {
        customers_import::remembered_mapping(&*self.store()?, &headers).await
    }

    pub async fn remember_customer_mapping(
        &self,
        headers: &[String],
        mapping: &CustomerMapping,
    ) -> Result<(), StoreError> {
        customers_import::remember_mapping(&*self.store()?, headers, mapping).await?;
        self.publish(Change::Settings);
        Ok(())
    }

    /// Writes a checked orders import; new customers appear in the list at once.
    /// The error is already in the rep's words.
    pub async fn import_orders(
        &self,
        plan: &ImportPlan,
        mode: ImportMode,
        now: DateTime<Utc>,
        progress: &dyn Fn(usize, usize),
    ) -> Result<ImportOutcome, String> {
        let lang = self.shell.lang.get_untracked();
        let store = self.store().map_err(|e| store_error_message(lang, &e))?;
        let customers = self.customers;
        let exists = move |id: &CustomerId| customers.knows(id);
        let outcome =
            orders_import::run_order_import(&*store, plan, &exists, mode, now, lang, progress)
                .await
                .map_err(|e| orders_import::import_error_message(lang, &e))?;
        self.add_to_directory(&outcome.created).await;
        self.publish(Change::Everything);
        Ok(outcome)
    }

    /// Adds the demo set. Customers already present (same id) are left as they are,
    /// so loading twice never duplicates or overwrites anything. Returns how many
    /// customers were added.
    pub async fn load_demo(&self) -> Result<usize, StoreError> {
        let store = self.store()?;
        let customers = self.customers;
        let exists = move |id: &CustomerId| customers.knows(id);
        let records = crate::services::demo::load_demo(&*store, exists, Utc::now()).await?;
        if records.customers.is_empty() {
            return Ok(0);
        }
        let added = records.customers.len();
        self.add_to_directory(&records.customers).await;
        self.desk
            .complaints
            .update(|all| all.extend(records.complaints));
        self.desk
            .follow_ups
            .update(|all| all.extend(records.follow_ups));
        self.publish(Change::Everything);
        Ok(added)
    }

    /// Every order as compact facts, with costs and tier movements.
    /// `progress(orders_read)` runs after every page.
    pub async fn value_inputs(&self, progress: &dyn Fn(usize)) -> Result<ValueInputs, StoreError> {
        value::load_value_inputs(&*self.store()?, progress).await
    }

    pub async fn tier_changes(&self) -> Result<Vec<TierChange>, StoreError> {
        value::tier_changes(&*self.store()?).await
    }

    pub async fn value_settings(&self) -> Result<Option<ValueSettings>, StoreError> {
        load_setting(&*self.store()?, &VALUE_SETTINGS).await
    }

    pub async fn save_value_settings(&self, settings: &ValueSettings) -> Result<(), StoreError> {
        save_setting(&*self.store()?, &VALUE_SETTINGS, settings).await?;
        self.publish(Change::Settings);
        Ok(())
    }

    /// Moves the reviewed customers as the stage offers say, in one transaction.
    pub async fn apply_stage_offers(
        &self,
        offers: &[StageOffer],
    ) -> Result<usize, crate::services::customers::StageActionError> {
        use crate::services::customers::{apply_stage_offers, StageActionError};
        let lang = self.shell.lang.get_untracked();
        let current: Vec<Customer> = self.customers.directory.with_untracked(|d| {
            offers
                .iter()
                .filter_map(|o| d.get(&o.customer).cloned())
                .collect()
        });
        let store = self.store().map_err(StageActionError::Store)?;
        let reason = move |why| crate::i18n::offer_reason_text(lang, why);
        let stored = apply_stage_offers(&*store, &current, offers, &reason, Utc::now()).await?;
        let moved = stored.len();
        self.customers.directory.update(|d| {
            for c in stored {
                d.upsert(c);
            }
        });
        self.device.after_user_save();
        self.publish(Change::Everything);
        Ok(moved)
    }

    pub async fn rhythm_settings(&self) -> Result<Option<RhythmSettings>, StoreError> {
        load_setting(&*self.store()?, &RHYTHM_SETTINGS).await
    }

    pub async fn save_rhythm_settings(&self, settings: &RhythmSettings) -> Result<(), StoreError> {
        save_setting(&*self.store()?, &RHYTHM_SETTINGS, settings).await?;
        self.publish(Change::Settings);
        Ok(())
    }

    /// Books a cost to serve on a customer; the value analysis picks it up.
    pub async fn add_cost(&self, entry: &CostEntry) -> Result<(), StoreError> {
        value::add_cost(&*self.store()?, entry).await?;
        self.publish(Change::Costs);
        Ok(())
    }

    pub async fn costs_of(&self, id: CustomerId) -> Result<Vec<CostEntry>, StoreError> {
        value::costs_of(&*self.store()?, &id).await
    }

    /// Records tier movements; every screen's tier badges follow.
    pub async fn record_tier_changes(&self, changes: &[TierChange]) -> Result<(), StoreError> {
        let latest = value::record_tier_changes(&*self.store()?, changes).await?;
        self.customers.tiers.set(latest);
        self.publish(Change::Tiers);
        Ok(())
    }
}
