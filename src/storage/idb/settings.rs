//! Small JSON settings, one record per key.

use indexed_db_futures::prelude::*;
use indexed_db_futures::transaction::TransactionMode;
use serde::{Deserialize, Serialize};

use super::codec::{stored_record, to_js};
use super::schema::SETTINGS;
use super::IdbStore;
use crate::domain::sync::docs::DocKind;
use crate::domain::sync::outbox::is_team_setting;
use crate::storage::{SettingsStore, StoreError};

#[derive(Debug, Serialize, Deserialize)]
struct SettingEntry {
    key: String,
    json: String,
}

impl SettingsStore for IdbStore {
    async fn load_setting(&self, key: &str) -> Result<Option<String>, StoreError> {
        let tx = self.tx(&[SETTINGS], TransactionMode::Readonly)?;
        let entry: Option<SettingEntry> = stored_record(&tx.object_store(SETTINGS)?, key).await?;
        Ok(entry.map(|e| e.json))
    }

    async fn save_setting(&self, key: &str, json: &str) -> Result<(), StoreError> {
        let tx = self.write_tx(&[SETTINGS])?;
        tx.object_store(SETTINGS)?
            .put(to_js(&SettingEntry {
                key: key.to_owned(),
                json: json.to_owned(),
            })?)
            .primitive()?;
        if is_team_setting(key) {
            tx.mark_ids(DocKind::Setting, [key]).await?;
        }
        tx.commit().await?;
        Ok(())
    }
}
