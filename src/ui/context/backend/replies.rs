//! Glue for replies: the library (shipped files plus the team's edits), its edits
//! and the translators' file, and logging a copied reply with its undo.

use std::sync::Arc;

use chrono::Utc;
use leptos::prelude::*;

use super::Backend;
use crate::domain::replies::{export_library, LanguagePack, ReplyLibrary};
use crate::i18n::{library_imported, shipped_file_message, text, Key, Lang};
use crate::services::replies::{
    self as replies, NewScenario, ReplyActionError, ReplySent, SentReply,
};
use crate::services::settings::{load_setting, save_setting, SHOP_NAME};
use crate::storage::{store_error_message, StoreError};
use crate::ui::context::{ToastKind, Undoable};
use crate::web::replies::{self as shipped, ShippedFileError};
use crate::web::sync::Change;

/// Why the library could not be shown.
#[derive(Debug, Clone, PartialEq)]
pub enum LibraryLoadError {
    Shipped(ShippedFileError),
    Store(StoreError),
}

impl LibraryLoadError {
    pub fn message(&self, lang: Lang) -> String {
        match self {
            Self::Shipped(e @ ShippedFileError::Unavailable { .. }) => {
                shipped_file_message(lang, e.file(), None)
            }
            Self::Shipped(e @ ShippedFileError::Damaged(problem)) => {
                shipped_file_message(lang, e.file(), Some(problem))
            }
            Self::Store(e) => store_error_message(lang, e),
        }
    }
}

impl From<ShippedFileError> for LibraryLoadError {
    fn from(e: ShippedFileError) -> Self {
        Self::Shipped(e)
    }
}

impl From<StoreError> for LibraryLoadError {
    fn from(e: StoreError) -> Self {
        Self::Store(e)
    }
}

impl Backend {
    /// The catalog with every edit the team saved.
    pub async fn reply_library(&self) -> Result<ReplyLibrary, LibraryLoadError> {
        let catalog = shipped::catalog().await?;
        let store = self.store()?;
        Ok(replies::load_reply_library(&*store, (*catalog).clone()).await?)
    }

    /// The shipped texts of one language (fetched once per session).
    pub async fn reply_pack(
        &self,
        language: &str,
    ) -> Result<Option<Arc<LanguagePack>>, LibraryLoadError> {
        Ok(shipped::pack(language).await?)
    }

    fn library_changed(&self) {
        self.publish(Change::Replies);
    }

    pub async fn save_reply_text(
        &self,
        library: &ReplyLibrary,
        scenario: &str,
        language: &str,
        text: &str,
    ) -> Result<(), ReplyActionError> {
        let store = self.store()?;
        replies::save_reply_text(&*store, library, scenario, language, text, Utc::now()).await?;
        self.library_changed();
        Ok(())
    }

    pub async fn reset_reply_text(
        &self,
        library: &ReplyLibrary,
        scenario: &str,
        language: &str,
    ) -> Result<(), ReplyActionError> {
        let store = self.store()?;
        replies::reset_reply_text(&*store, library, scenario, language, Utc::now()).await?;
        self.library_changed();
        Ok(())
    }

    pub async fn set_scenario_enabled(
        &self,
        library: &ReplyLibrary,
        scenario: &str,
        enabled: bool,
    ) -> Result<(), ReplyActionError> {
        let store = self.store()?;
        replies::set_scenario_enabled(&*store, library, scenario, enabled, Utc::now()).await?;
        self.library_changed();
        Ok(())
    }

    pub async fn add_scenario(
        &self,
        library: &ReplyLibrary,
        scenario: &NewScenario,
    ) -> Result<String, ReplyActionError> {
        let store = self.store()?;
        let code = replies::add_scenario(&*store, library, scenario, Utc::now()).await?;
        self.library_changed();
        Ok(code)
    }

    /// The translators' file with every current text of every language.
    pub async fn export_reply_library(
        &self,
        library: &ReplyLibrary,
    ) -> Result<String, LibraryLoadError> {
        let packs = shipped::all_packs().await?;
        Ok(export_library(library, &packs, Utc::now()))
    }

    /// Imports a translators' file (all or nothing); returns the message to show.
    pub async fn import_reply_library(
        &self,
        library: &ReplyLibrary,
        content: &str,
    ) -> Result<String, String> {
        let lang = self.shell.lang.get_untracked();
        let packs = shipped::all_packs()
            .await
            .map_err(|e| LibraryLoadError::from(e).message(lang))?;
        let store = self.store().map_err(|e| store_error_message(lang, &e))?;
        let saved = replies::import_library_file(&*store, library, &packs, content, Utc::now())
            .await
            .map_err(|e| crate::services::replies::reply_action_error_message(lang, &e))?;
        if saved > 0 {
            self.library_changed();
        }
        Ok(library_imported(lang, saved))
    }

    /// Logs a copied reply on the timeline; the toast offers Undo.
    pub async fn log_reply(&self, sent: &ReplySent<'_>) -> Result<(), StoreError> {
        let logged = replies::log_reply(&*self.store()?, sent, Utc::now()).await?;
        self.remember_rep(sent.rep);
        let id = logged.customer.id.clone();
        self.customers
            .directory
            .update(|d| d.upsert(logged.customer.clone()));
        self.device.after_user_save();
        self.publish(Change::Contacts { id });
        let message = text(self.shell.lang.get_untracked(), Key::ReplyCopiedLogged).to_owned();
        self.shell
            .notify(ToastKind::Info, message, Some(Undoable::Reply(logged)));
        Ok(())
    }

    pub async fn undo_reply(&self, sent: &SentReply) -> Result<(), StoreError> {
        let customer = replies::undo_reply(&*self.store()?, sent).await?;
        let id = customer.id.clone();
        self.customers.directory.update(|d| d.upsert(customer));
        self.publish(Change::Contacts { id });
        let message = text(self.shell.lang.get_untracked(), Key::ReplyLogUndone).to_owned();
        self.shell.notify(ToastKind::Info, message, None);
        Ok(())
    }

    /// The shop's name that signs replies ("" until someone types it).
    pub async fn shop_name(&self) -> Result<String, StoreError> {
        Ok(load_setting(&*self.store()?, &SHOP_NAME)
            .await?
            .unwrap_or_default())
    }

    pub async fn save_shop_name(&self, name: &str) -> Result<(), StoreError> {
        save_setting(&*self.store()?, &SHOP_NAME, &name.trim().to_owned()).await?;
        self.publish(Change::Settings);
        Ok(())
    }
}
