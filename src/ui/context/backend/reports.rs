//! Glue for the revisit report: editing a follow-up, filing a report, the week's
//! reports and the lead's review.

use chrono::Utc;
use leptos::prelude::*;

use super::Backend;
use crate::domain::contacts::{Contact, FollowUp, FollowUpDraft, ReportDraft, ReportIds};
use crate::services::contacts::{self as contacts, ContactActionError};
use crate::storage::StoreError;
use crate::web::intl;
use crate::web::sync::Change;

impl Backend {
    /// Saves an edited (rescheduled or reassigned) follow-up.
    pub async fn edit_follow_up(
        &self,
        original: &FollowUp,
        draft: &FollowUpDraft,
    ) -> Result<FollowUp, ContactActionError> {
        let store = self.store()?;
        let saved = contacts::edit_follow_up(
            &*store,
            original,
            draft,
            Utc::now(),
            intl::rep_offset_at(&draft.due_at),
        )
        .await?;
        self.desk.upsert_follow_up(&saved);
        self.device.after_user_save();
        self.publish(Change::FollowUps);
        Ok(saved)
    }

    /// Files the report on `follow_up`: done, logged, and the next one planned.
    pub async fn file_report(
        &self,
        follow_up: &FollowUp,
        draft: &ReportDraft,
    ) -> Result<(), ContactActionError> {
        let store = self.store()?;
        let ids = ReportIds {
            contact: uuid::Uuid::new_v4().to_string(),
            next_follow_up: uuid::Uuid::new_v4().to_string(),
        };
        let filed = contacts::file_report(
            &*store,
            follow_up,
            draft,
            ids,
            Utc::now(),
            intl::rep_offset_at(&draft.next_at),
        )
        .await?;
        self.desk.upsert_follow_up(&filed.report.done);
        if let Some(next) = &filed.report.next {
            self.desk.upsert_follow_up(next);
        }
        self.customers
            .directory
            .update(|d| d.upsert(filed.customer));
        self.device.after_user_save();
        self.publish(Change::FollowUps);
        self.publish(Change::Contacts {
            id: follow_up.customer_id.clone(),
        });
        Ok(())
    }

    /// The satisfaction scores of the revisit reports of the last `days` days (what
    /// the attention flags read besides complaints).
    pub async fn recent_report_scores(
        &self,
        days: u32,
    ) -> Result<Vec<crate::domain::care::attention::Score>, StoreError> {
        let since = Utc::now() - chrono::Duration::days(i64::from(days));
        contacts::report_scores_since(&*self.store()?, since).await
    }

    /// The reports of the rep's current local week, newest first.
    pub async fn reports_this_week(&self) -> Result<Vec<Contact>, StoreError> {
        contacts::reports_this_week(&*self.store()?, Utc::now(), intl::rep_offset_at("")).await
    }

    /// Marks a report reviewed by `by` (remembered as this browser's rep).
    pub async fn review_report(
        &self,
        report: &Contact,
        by: &str,
        comment: &str,
    ) -> Result<Contact, ContactActionError> {
        let store = self.store()?;
        let reviewed =
            contacts::review_report(&*store, &report.id, by, comment, Utc::now()).await?;
        self.remember_rep(by);
        self.device.after_user_save();
        self.publish(Change::Contacts {
            id: report.customer_id.clone(),
        });
        Ok(reviewed)
    }
}
