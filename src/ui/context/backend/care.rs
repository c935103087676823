//! Glue for the care calendar: the team's care settings, which occasions are
//! already done, and *Done* with its Undo.

use std::collections::HashSet;

use chrono::Utc;
use leptos::prelude::*;

use super::Backend;
use crate::domain::care::occasions::CareSettings;
use crate::domain::customers::CustomerId;
use crate::i18n::{text, Key};
use crate::services::care::{self, OccasionDone};
use crate::services::replies::{undo_reply, SentReply};
use crate::services::settings::{load_setting, save_setting, CARE_SETTINGS};
use crate::storage::StoreError;
use crate::ui::context::{ToastKind, Undoable};
use crate::web::sync::Change;

impl Backend {
    /// The team's care settings (the defaults until someone saves them).
    pub async fn care_settings(&self) -> Result<CareSettings, StoreError> {
        Ok(load_setting(&*self.store()?, &CARE_SETTINGS)
            .await?
            .unwrap_or_default())
    }

    pub async fn save_care_settings(&self, settings: &CareSettings) -> Result<(), StoreError> {
        save_setting(&*self.store()?, &CARE_SETTINGS, settings).await?;
        self.publish(Change::Settings);
        Ok(())
    }

    /// The occasion keys these customers' logged contacts already answered.
    pub async fn done_occasions(&self, ids: &[CustomerId]) -> Result<HashSet<String>, StoreError> {
        care::done_occasions(&*self.store()?, ids).await
    }

    /// Logs the occasion on the timeline; the toast offers Undo.
    pub async fn log_occasion(&self, done: &OccasionDone<'_>) -> Result<(), StoreError> {
        let logged = care::log_occasion(&*self.store()?, done, Utc::now()).await?;
        self.remember_rep(done.rep);
        let id = logged.customer.id.clone();
        self.customers
            .directory
            .update(|d| d.upsert(logged.customer.clone()));
        self.device.after_user_save();
        self.publish(Change::Contacts { id });
        let message = text(self.shell.lang.get_untracked(), Key::OccasionLogged).to_owned();
        self.shell
            .notify(ToastKind::Info, message, Some(Undoable::Occasion(logged)));
        Ok(())
    }

    pub async fn undo_occasion(&self, logged: &SentReply) -> Result<(), StoreError> {
        let customer = undo_reply(&*self.store()?, logged).await?;
        let id = customer.id.clone();
        self.customers.directory.update(|d| d.upsert(customer));
        self.publish(Change::Contacts { id });
        let message = text(self.shell.lang.get_untracked(), Key::OccasionUndone).to_owned();
        self.shell.notify(ToastKind::Info, message, None);
        Ok(())
    }
}
