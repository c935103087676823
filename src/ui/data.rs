//! "Data & backup": export a full backup, restore one (checked whole, confirmed,
//! written in one transaction), the backup reminder, and importing customers.

use chrono::Utc;
use leptos::ev;
use leptos::prelude::*;
use leptos::task::spawn_local;

use super::confirm::ConfirmDialog;
use super::download::download_text;
use super::state::{store_error_message, AppState, ToastKind};
use crate::domain::exchange::backup::{
    backup_reminder, BackupCounts, RestorePlan, MAX_BACKUP_BYTES,
};
use crate::i18n::{backup_error_message, text, text_file_error_message, Key, Lang};
use crate::web::files::{read_chosen_file, ReadError};
use crate::web::intl;

fn counts_rows(lang: Lang, backup: BackupCounts, now: Option<BackupCounts>) -> impl IntoView {
    let rows = [
        (Key::Customers, backup.customers, now.map(|n| n.customers)),
        (Key::Orders, backup.orders, now.map(|n| n.orders)),
        (Key::CostsTitle, backup.costs, now.map(|n| n.costs)),
        (
            Key::TierHistory,
            backup.tier_changes,
            now.map(|n| n.tier_changes),
        ),
        (
            Key::ComplaintsNav,
            backup.complaints,
            now.map(|n| n.complaints),
        ),
        (Key::Timeline, backup.contacts, now.map(|n| n.contacts)),
        (Key::FollowUps, backup.follow_ups, now.map(|n| n.follow_ups)),
        (Key::SettingsLabel, backup.settings, now.map(|n| n.settings)),
    ];
    rows.into_iter()
        .map(|(key, in_backup, stored)| {
            view! {
                <tr>
                    <th scope="row">{text(lang, key)}</th>
                    <td class="num">{in_backup}</td>
                    <td class="num">{stored.map(|n| n.to_string()).unwrap_or_else(|| "…".into())}</td>
                </tr>
            }
        })
        .collect_view()
}

#[component]
pub fn DataPage() -> impl IntoView {
    view! {
        <section class="record data-page" aria-labelledby="data-title">
            <h2 id="data-title">{move || expect_context::<AppState>().t(Key::DataAndBackup)}</h2>
            <BackupSection/>
            <RestoreSection/>
            <super::customer_import::CustomerImport/>
        </section>
    }
}

#[component]
fn BackupSection() -> impl IntoView {
    let state = expect_context::<AppState>();
    let busy = RwSignal::new(false);
    let days = RwSignal::new(state.reminder_days.get_untracked().to_string());
    let days_error: RwSignal<Option<String>> = RwSignal::new(None);
    let export = move |_| {
        busy.set(true);
        spawn_local(async move {
            let lang = state.lang.get_untracked();
            let result = state.create_backup().await;
            busy.set(false);
            match result {
                Ok((file, counts)) => {
                    let name = format!("crm-backup-{}.json", Utc::now().format("%Y-%m-%d-%H%M"));
                    match download_text(&name, "application/json", &file) {
                        Ok(()) => state.notify(
                            ToastKind::Info,
                            format!(
                                "{} {name} ({} {}, {} KB)",
                                text(lang, Key::BackupSaved),
                                counts.customers,
                                text(lang, Key::Results),
                                file.len() / 1024
                            ),
                            None,
                        ),
                        Err(e) => state.notify_browser_failure(Key::DownloadFailed, &e),
                    }
                }
                Err(crate::services::backup::BackupServiceError::Store(e)) => {
                    state.notify_error(&e)
                }
                Err(crate::services::backup::BackupServiceError::Backup(e)) => {
                    state.notify(ToastKind::Error, backup_error_message(lang, &e), None)
                }
            }
        });
    };
    let save_days = move |ev: ev::SubmitEvent| {
        ev.prevent_default();
        let lang = state.lang.get_untracked();
        match days.get_untracked().trim().parse::<u32>() {
            Ok(n) if n <= 365 => {
                days_error.set(None);
                spawn_local(async move {
                    match state.save_reminder_days(n).await {
                        Ok(()) => {
                            state.notify(ToastKind::Info, text(lang, Key::Saved).into(), None)
                        }
                        Err(e) => days_error.set(Some(store_error_message(lang, &e))),
                    }
                });
            }
            _ => days_error.set(Some(text(lang, Key::ReminderDaysInvalid).into())),
        }
    };
    view! {
        <section aria-labelledby="backup-title">
            <h3 id="backup-title">{move || state.t(Key::BackupTitle)}</h3>
            <p class="muted">{move || state.t(Key::BackupHelp)}</p>
            <p data-testid="last-backup">{move || last_backup_text(state)}</p>
            <button type="button" class="primary" disabled=move || busy.get() on:click=export>{move || state.t(Key::ExportBackup)}</button>
            <form class="stage-form" on:submit=save_days>
                <div class="field">
                    <label for="reminder-days">{move || state.t(Key::ReminderDays)}</label>
                    <input id="reminder-days" type="number" min="0" max="365" prop:value=move || days.get()
                        aria-describedby="reminder-days-error" on:input=move |ev| days.set(event_target_value(&ev))/>
                    <p id="reminder-days-error" class="field-error" role="alert">{move || days_error.get()}</p>
                </div>
                <button type="submit">{move || state.t(Key::SaveReminder)}</button>
            </form>
        </section>
    }
}

/// "Last backup: 3 days ago" / "never".
pub fn last_backup_text(state: AppState) -> String {
    let lang = state.lang.get();
    let now =
        chrono::DateTime::from_timestamp_millis(state.now.get() as i64).unwrap_or_else(Utc::now);
    let reminder = backup_reminder(
        state.last_backup.get(),
        now,
        state.reminder_days.get(),
        true,
    );
    match (reminder.days_since, state.last_backup.get()) {
        (Some(days), Some(at)) => format!(
            "{}: {} ({})",
            text(lang, Key::LastBackup),
            crate::i18n::days_ago(lang, days),
            intl::format_instant(at, lang.code())
        ),
        _ => format!(
            "{}: {}",
            text(lang, Key::LastBackup),
            text(lang, Key::Never)
        ),
    }
}

/// Shown above every screen when a backup is due.
#[component]
pub fn BackupReminder() -> impl IntoView {
    let state = expect_context::<AppState>();
    let due = move || {
        let now = chrono::DateTime::from_timestamp_millis(state.now.get() as i64)
            .unwrap_or_else(Utc::now);
        let has_data = state.directory.with(|d| !d.is_empty());
        backup_reminder(
            state.last_backup.get(),
            now,
            state.reminder_days.get(),
            has_data,
        )
        .due
    };
    view! {
        <Show when=due>
            <p class="notice" role="status" data-testid="backup-reminder">
                {move || last_backup_text(state)}". "{move || state.t(Key::BackupDue)}" "
                <a href="#/data" on:click=move |ev| { ev.prevent_default(); state.navigate(super::route::Route::Data); }>{move || state.t(Key::GoToBackup)}</a>
            </p>
        </Show>
    }
}

#[component]
fn RestoreSection() -> impl IntoView {
    let state = expect_context::<AppState>();
    let plan: RwSignal<Option<RestorePlan>> = RwSignal::new(None);
    let current: RwSignal<Option<BackupCounts>> = RwSignal::new(None);
    let error: RwSignal<Option<String>> = RwSignal::new(None);
    let confirming = RwSignal::new(false);
    let busy = RwSignal::new(false);
    let on_file = move |ev: ev::Event| {
        plan.set(None);
        error.set(None);
        spawn_local(async move {
            let lang = state.lang.get_untracked();
            let contents = match read_chosen_file(&ev, MAX_BACKUP_BYTES).await {
                None => return,
                // Backups are written as UTF-8; anything else fails the JSON or
                // checksum check with its own message.
                Some(Ok(file)) => String::from_utf8_lossy(&file.bytes).into_owned(),
                Some(Err(ReadError::Unreadable)) => {
                    error.set(Some(text(lang, Key::ImportUnreadableFile).into()));
                    return;
                }
                Some(Err(ReadError::Refused(e))) => {
                    error.set(Some(text_file_error_message(lang, &e)));
                    return;
                }
            };
            match crate::services::backup::plan_restore(&contents) {
                Ok(checked) => {
                    plan.set(Some(checked));
                    match state.current_counts().await {
                        Ok(counts) => current.set(Some(counts)),
                        Err(e) => error.set(Some(store_error_message(lang, &e))),
                    }
                }
                Err(e) => error.set(Some(backup_error_message(lang, &e))),
            }
        });
    };
    let restore = move |_| {
        let Some(checked) = plan.get_untracked() else {
            return;
        };
        busy.set(true);
        spawn_local(async move {
            let lang = state.lang.get_untracked();
            let result = state.restore_backup(&checked).await;
            busy.set(false);
            confirming.set(false);
            match result {
                Ok(()) => {
                    plan.set(None);
                    state.notify(
                        ToastKind::Info,
                        format!(
                            "{} {}",
                            text(lang, Key::RestoreDone),
                            checked.counts.customers
                        ),
                        None,
                    );
                    state.navigate(super::route::Route::List);
                }
                Err(e) => error.set(Some(store_error_message(lang, &e))),
            }
        });
    };
    view! {
        <section aria-labelledby="restore-title">
            <h3 id="restore-title">{move || state.t(Key::RestoreTitle)}</h3>
            <p class="muted">{move || state.t(Key::RestoreHelp)}</p>
            <div class="field">
                <label for="restore-file">{move || state.t(Key::RestoreChooseFile)}</label>
                <input id="restore-file" type="file" accept=".json,application/json" on:change=on_file/>
            </div>
            <p class="form-error" role="alert">{move || error.get()}</p>
            {move || plan.get().map(|p| {
                let lang = state.lang.get();
                view! {
                    <div class="restore-preview" data-testid="restore-preview">
                        <p>{format!("{} {} · {} {}", text(lang, Key::BackupMadeOn), intl::format_instant(p.exported_at, lang.code()), text(lang, Key::SchemaVersion), p.schema_version)}
                        {(p.migrated_customers > 0).then(|| format!(" · {} {}", p.migrated_customers, text(lang, Key::RecordsUpgraded)))}</p>
                        <table>
                            <thead><tr><th scope="col"></th><th scope="col" class="num">{text(lang, Key::InBackup)}</th><th scope="col" class="num">{text(lang, Key::StoredNow)}</th></tr></thead>
                            <tbody>{counts_rows(lang, p.counts, current.get())}</tbody>
                        </table>
                        <p class="notice">{text(lang, Key::RestoreReplaces)}</p>
                        <button type="button" class="danger" on:click=move |_| confirming.set(true)>{text(lang, Key::RestoreButton)}</button>
                    </div>
                }
            })}
            <Show when=move || confirming.get()>
                <ConfirmDialog id="restore-confirm" title=Key::RestoreConfirmTitle confirm=Key::RestoreConfirm open=confirming busy=busy on_confirm=restore>
                    {move || state.t(Key::RestoreReplaces)}
                </ConfirmDialog>
            </Show>
        </section>
    }
}
