//! What the app reads when it opens (and re-reads after a restore or another tab's
//! bulk change): the customers, and what the service screens need besides them.

use std::collections::HashMap;

use chrono::{DateTime, Utc};

use crate::domain::complaints::{Complaint, ResponseTargets};
use crate::domain::contacts::FollowUp;
use crate::domain::customers::CustomerId;
use crate::domain::value::{latest_tiers, ValueTier};
use crate::services::exchange::backup::{last_backup, DEFAULT_REMINDER_DAYS};
use crate::services::settings::{load_setting, BACKUP_REMINDER_DAYS, RESPONSE_TARGETS};
use crate::storage::{ComplaintStore, ContactStore, SettingsStore, StoreError, ValueStore};

/// Complaints, follow-ups, tiers and the service settings.
#[derive(Debug, Clone, PartialEq)]
pub struct ServiceData {
    /// Every complaint (few enough to keep in memory for the queue and statistics).
    pub complaints: Vec<Complaint>,
    pub follow_ups: Vec<FollowUp>,
    /// Each customer's latest value tier, from the recorded tier movements.
    pub tiers: HashMap<CustomerId, ValueTier>,
    pub response_targets: ResponseTargets,
    pub last_backup: Option<DateTime<Utc>>,
    pub reminder_days: u32,
}

/// Reads the service data; a setting never saved takes its default.
pub async fn load_service_data<S>(store: &S) -> Result<ServiceData, StoreError>
where
    S: ComplaintStore + ContactStore + ValueStore + SettingsStore,
{
    Ok(ServiceData {
        complaints: store.load_complaints().await?,
        follow_ups: store.load_follow_ups().await?,
        tiers: latest_tiers(&store.load_tier_changes().await?),
        response_targets: load_setting(store, &RESPONSE_TARGETS)
            .await?
            .unwrap_or_default(),
        last_backup: last_backup(store).await?,
        reminder_days: load_setting(store, &BACKUP_REMINDER_DAYS)
            .await?
            .unwrap_or(DEFAULT_REMINDER_DAYS),
    })
}
