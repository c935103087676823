//! The rep's settings, each under a typed key: the key names the stored record and
//! the type its JSON must read back as, so a caller cannot save one shape and load
//! another, and a key's spelling lives in one place.

use std::borrow::Cow;
use std::marker::PhantomData;

use serde::de::DeserializeOwned;
use serde::Serialize;

use crate::domain::care::attention::RhythmSettings;
use crate::domain::care::occasions::CareSettings;
use crate::domain::complaints::ResponseTargets;
use crate::domain::exchange::customers_import::CustomerMapping;
use crate::domain::shared::csv::header_signature;
use crate::domain::value::ValueSettings;
use crate::storage::{SettingsStore, StoreError};

/// A setting's stored name and value type.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SettingKey<T> {
    name: Cow<'static, str>,
    value: PhantomData<fn() -> T>,
}

impl<T> SettingKey<T> {
    pub const fn fixed(name: &'static str) -> Self {
        Self {
            name: Cow::Borrowed(name),
            value: PhantomData,
        }
    }

    fn derived(name: String) -> Self {
        Self {
            name: Cow::Owned(name),
            value: PhantomData,
        }
    }

    /// The stored record's key (what a backup file shows).
    pub fn name(&self) -> &str {
        &self.name
    }
}

/// When this browser last exported a backup (bookkeeping, left out of backups).
pub const LAST_BACKUP: SettingKey<chrono::DateTime<chrono::Utc>> =
    SettingKey::fixed("last_backup_at");
/// Days after which the app reminds the rep to export a backup (0 = never).
pub const BACKUP_REMINDER_DAYS: SettingKey<u32> = SettingKey::fixed("backup_reminder_days");
/// The complaint response time limits.
pub const RESPONSE_TARGETS: SettingKey<ResponseTargets> = SettingKey::fixed("response_targets");
/// The value page's period, ranking, shares, thresholds and rates.
pub const VALUE_SETTINGS: SettingKey<ValueSettings> = SettingKey::fixed("value_settings");
/// The thresholds of the attention flags (buyers breaking their own rhythm).
pub const RHYTHM_SETTINGS: SettingKey<RhythmSettings> = SettingKey::fixed("rhythm_settings");
/// The care calendar's action per tier and shipping days per country (a team setting).
pub const CARE_SETTINGS: SettingKey<CareSettings> = SettingKey::fixed("care_settings");
/// The shop's name that signs every reply (the rep's own name is kept per device).
pub const SHOP_NAME: SettingKey<String> = SettingKey::fixed("shop_name");

/// The column mapping last used for a customers file with these headers, so the
/// next export from the same shop opens already mapped.
pub fn customer_mapping(headers: &[String]) -> SettingKey<CustomerMapping> {
    SettingKey::derived(format!("customer_mapping:{}", header_signature(headers)))
}

/// The stored value, `None` if never saved. A stored value that no longer reads as
/// `T` is reported as corrupt, never silently replaced by a default.
pub async fn load_setting<T: DeserializeOwned, S: SettingsStore>(
    store: &S,
    key: &SettingKey<T>,
) -> Result<Option<T>, StoreError> {
    match store.load_setting(key.name()).await? {
        None => Ok(None),
        Some(json) => serde_json::from_str(&json)
            .map(Some)
            .map_err(|e| StoreError::Corrupt(format!("setting {}: {e}", key.name()))),
    }
}

pub async fn save_setting<T: Serialize, S: SettingsStore>(
    store: &S,
    key: &SettingKey<T>,
    value: &T,
) -> Result<(), StoreError> {
    let json = serde_json::to_string(value).map_err(|e| StoreError::Corrupt(e.to_string()))?;
    store.save_setting(key.name(), &json).await
}
