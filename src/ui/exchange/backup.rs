//! "Data & backup": export a full backup, restore one (checked whole, confirmed,
//! written in one transaction), the backup reminder, and importing customers.

use chrono::Utc;
use leptos::ev;
use leptos::prelude::*;

use crate::domain::exchange::backup::{
    backup_reminder, BackupCounts, RestorePlan, MAX_BACKUP_BYTES,
};
use crate::i18n::{
    backup_error_message, backup_reminder_text, backup_restored_message, backup_saved_message,
    restore_preview_line, text, text_file_error_message, Key, Lang,
};
use crate::services::exchange::backup::{plan_restore, BackupServiceError};
use crate::ui::context::{Backend, CustomersView, Device, Shell, SyncView, ToastKind};
use crate::ui::widgets::confirm::ConfirmDialog;
use crate::ui::widgets::download::download_text;
use crate::ui::widgets::file_picker::FilePicker;
use crate::web::files::{ChosenFile, ReadError};
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
            <h2 id="data-title">{move || expect_context::<Shell>().t(Key::DataAndBackup)}</h2>
            <BackupSection/>
            <RestoreSection/>
            <crate::ui::exchange::sync::SyncSection/>
            <crate::ui::exchange::customers_import::CustomerImport/>
        </section>
    }
}

#[component]
fn BackupSection() -> impl IntoView {
    let backend = expect_context::<Backend>();
    let device = expect_context::<Device>();
    let shell = expect_context::<Shell>();
    let days = RwSignal::new(device.reminder_days.get_untracked().to_string());
    let days_error: RwSignal<Option<String>> = RwSignal::new(None);
    let export = Action::new_local(move |_: &()| async move {
        let lang = shell.lang.get_untracked();
        match backend.create_backup().await {
            Ok((file, counts)) => {
                let name = format!("crm-backup-{}.json", Utc::now().format("%Y-%m-%d-%H%M"));
                match download_text(&name, "application/json", &file) {
                    Ok(()) => shell.notify(
                        ToastKind::Info,
                        backup_saved_message(lang, &name, counts.customers, file.len() / 1024),
                        None,
                    ),
                    Err(e) => shell.notify_browser_failure(Key::DownloadFailed, &e),
                }
            }
            Err(BackupServiceError::Store(e)) => shell.notify_error(&e),
            Err(BackupServiceError::Backup(e)) => {
                shell.notify(ToastKind::Error, backup_error_message(lang, &e), None)
            }
        }
    });
    let busy = export.pending();
    let save_reminder = Action::new_local(move |n: &u32| {
        let n = *n;
        async move {
            match backend.save_reminder_days(n).await {
                Ok(()) => shell.confirm(Key::Saved),
                Err(e) => days_error.set(Some(shell.store_message(&e))),
            }
        }
    });
    let save_days = move |ev: ev::SubmitEvent| {
        ev.prevent_default();
        let lang = shell.lang.get_untracked();
        match days.get_untracked().trim().parse::<u32>() {
            Ok(n) if n <= 365 => {
                days_error.set(None);
                save_reminder.dispatch(n);
            }
            _ => days_error.set(Some(text(lang, Key::ReminderDaysInvalid).into())),
        }
    };
    view! {
        <section aria-labelledby="backup-title">
            <h3 id="backup-title">{shell.tr(Key::BackupTitle)}</h3>
            <p class="muted">{shell.tr(Key::BackupHelp)}</p>
            <p data-testid="last-backup">{move || last_backup_text(shell, device)}</p>
            <button type="button" class="primary" disabled=move || busy.get() on:click=move |_| { export.dispatch(()); }>{shell.tr(Key::ExportBackup)}</button>
            <form class="stage-form" on:submit=save_days>
                <div class="field">
                    <label for="reminder-days">{shell.tr(Key::ReminderDays)}</label>
                    <input id="reminder-days" type="number" min="0" max="365" prop:value=move || days.get()
                        aria-describedby="reminder-days-error" on:input=move |ev| days.set(event_target_value(&ev))/>
                    <p id="reminder-days-error" class="field-error" role="alert">{move || days_error.get()}</p>
                </div>
                <button type="submit" disabled=move || save_reminder.pending().get()>{shell.tr(Key::SaveReminder)}</button>
            </form>
        </section>
    }
}

/// When the last backup was made, as (how long ago, date and time); `None` if never.
fn last_backup(shell: Shell, device: Device) -> Option<(String, String)> {
    let lang = shell.lang.get();
    let now =
        chrono::DateTime::from_timestamp_millis(shell.now.get() as i64).unwrap_or_else(Utc::now);
    let reminder = backup_reminder(
        device.last_backup.get(),
        now,
        device.reminder_days.get(),
        true,
    );
    match (reminder.days_since, device.last_backup.get()) {
        (Some(days), Some(at)) => Some((
            crate::i18n::days_ago(lang, days),
            intl::format_instant(at, lang.code()),
        )),
        _ => None,
    }
}

/// "Last backup: 3 days ago (…)" / "Last backup: never" ("尚未备份").
pub fn last_backup_text(shell: Shell, device: Device) -> String {
    let last = last_backup(shell, device);
    let last = last.as_ref().map(|(ago, at)| (ago.as_str(), at.as_str()));
    crate::i18n::last_backup_text(shell.lang.get(), last)
}

/// Shown above every screen when a backup is due.
#[component]
pub fn BackupReminder() -> impl IntoView {
    let customers_view = expect_context::<CustomersView>();
    let device = expect_context::<Device>();
    let shell = expect_context::<Shell>();
    let due = move || {
        let now = chrono::DateTime::from_timestamp_millis(shell.now.get() as i64)
            .unwrap_or_else(Utc::now);
        let has_data = customers_view.directory.with(|d| !d.is_empty());
        backup_reminder(
            device.last_backup.get(),
            now,
            device.reminder_days.get(),
            has_data,
        )
        .due
    };
    view! {
        <Show when=due>
            <p class="notice" role="status" data-testid="backup-reminder">
                {move || {
                    let last = last_backup(shell, device);
                    let last = last.as_ref().map(|(ago, at)| (ago.as_str(), at.as_str()));
                    backup_reminder_text(shell.lang.get(), last)
                }}" "
                <a href="#/data" on:click=move |ev| { ev.prevent_default(); shell.navigate(crate::ui::route::Route::Data); }>{shell.tr(Key::GoToBackup)}</a>
            </p>
        </Show>
    }
}

#[component]
fn RestoreSection() -> impl IntoView {
    let backend = expect_context::<Backend>();
    let shell = expect_context::<Shell>();
    let sync = expect_context::<SyncView>();
    let plan: RwSignal<Option<RestorePlan>> = RwSignal::new(None);
    let current: RwSignal<Option<BackupCounts>> = RwSignal::new(None);
    let error: RwSignal<Option<String>> = RwSignal::new(None);
    let confirming = RwSignal::new(false);
    let on_choose = Callback::new(move |()| {
        plan.set(None);
        error.set(None);
    });
    let read_counts = Action::new_local(move |_: &()| async move {
        match backend.current_counts().await {
            Ok(counts) => current.set(Some(counts)),
            Err(e) => error.set(Some(shell.store_message(&e))),
        }
    });
    let on_file = Callback::new(move |read: Result<ChosenFile, ReadError>| {
        let lang = shell.lang.get_untracked();
        let contents = match read {
            // Backups are written as UTF-8; anything else fails the JSON or
            // checksum check with its own message.
            Ok(file) => String::from_utf8_lossy(&file.bytes).into_owned(),
            Err(ReadError::Unreadable) => {
                error.set(Some(text(lang, Key::ImportUnreadableFile).into()));
                return;
            }
            Err(ReadError::Refused(e)) => {
                error.set(Some(text_file_error_message(lang, &e)));
                return;
            }
        };
        match plan_restore(&contents) {
            Ok(checked) => {
                plan.set(Some(checked));
                read_counts.dispatch(());
            }
            Err(e) => error.set(Some(backup_error_message(lang, &e))),
        }
    });
    let restore = Action::new_local(move |checked: &RestorePlan| {
        let checked = checked.clone();
        async move {
            let result = backend.restore_backup(&checked).await;
            confirming.set(false);
            match result {
                Ok(()) => {
                    plan.set(None);
                    let lang = shell.lang.get_untracked();
                    shell.notify(
                        ToastKind::Info,
                        backup_restored_message(lang, checked.counts.customers),
                        None,
                    );
                    shell.navigate(crate::ui::route::Route::List);
                }
                Err(e) => error.set(Some(shell.store_message(&e))),
            }
        }
    });
    let confirm_restore = move |_| {
        if let Some(checked) = plan.get_untracked() {
            restore.dispatch(checked);
        }
    };
    view! {
        <section aria-labelledby="restore-title">
            <h3 id="restore-title">{shell.tr(Key::RestoreTitle)}</h3>
            <p class="muted">{shell.tr(Key::RestoreHelp)}</p>
            <Show when=move || !sync.on.get()
                fallback=move || view! { <p class="notice" data-testid="restore-off">{shell.tr(Key::SyncBlocksRestore)}</p> }>
                <FilePicker id="restore-file" label=Key::RestoreChooseFile accept=".json,application/json"
                    max_bytes=MAX_BACKUP_BYTES on_choose=on_choose on_file=on_file/>
            </Show>
            <p class="form-error" role="alert">{move || error.get()}</p>
            {move || plan.get().map(|p| {
                let lang = shell.lang.get();
                view! {
                    <div class="restore-preview" data-testid="restore-preview">
                        <p>{restore_preview_line(lang, &intl::format_instant(p.exported_at, lang.code()), p.schema_version, p.migrated_customers)}</p>
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
                <ConfirmDialog id="restore-confirm" title=Key::RestoreConfirmTitle confirm=Key::RestoreConfirm open=confirming busy=restore.pending() on_confirm=confirm_restore>
                    {shell.tr(Key::RestoreReplaces)}
                </ConfirmDialog>
            </Show>
        </section>
    }
}
