//! *Data & backup → Sync*: the server, database, user name and password, the
//! *Connect* and *Disconnect* buttons, and what sync is doing now.

use leptos::ev;
use leptos::prelude::*;

use crate::domain::sync::settings::{SyncSettings, SyncSettingsError};
use crate::i18n::{sync_settings_error, text, Key, Lang};
use crate::ui::context::{Backend, Shell, SyncState, SyncView};
use crate::ui::widgets::field::{TextField, TextKind};
use crate::web::intl;

/// One error line per field, and one for the form (what the server said).
#[derive(Debug, Clone, Default, PartialEq)]
struct Errors {
    url: Option<String>,
    database: Option<String>,
    user: Option<String>,
    password: Option<String>,
    form: Option<String>,
}

fn errors_of(lang: Lang, error: &SyncSettingsError) -> Errors {
    let message = Some(sync_settings_error(lang, error).to_owned());
    match error {
        SyncSettingsError::EmptyUrl | SyncSettingsError::NotHttp | SyncSettingsError::NoHost => {
            Errors {
                url: message,
                ..Errors::default()
            }
        }
        SyncSettingsError::EmptyDatabase | SyncSettingsError::BadDatabase => Errors {
            database: message,
            ..Errors::default()
        },
        SyncSettingsError::EmptyUserName => Errors {
            user: message,
            ..Errors::default()
        },
    }
}

/// The status line: what sync is doing, and when it last finished.
pub fn sync_status_text(lang: Lang, sync: SyncView) -> String {
    match sync.state.get() {
        SyncState::Off if sync.on.get() => text(lang, Key::SyncRunning).into(),
        SyncState::Off => text(lang, Key::SyncOff).into(),
        SyncState::Connecting => text(lang, Key::SyncConnecting).into(),
        SyncState::Running => text(lang, Key::SyncRunning).into(),
        SyncState::UpToDate => match sync.last_sync.get() {
            Some(at) => format!(
                "{} · {} {}",
                text(lang, Key::SyncUpToDate),
                text(lang, Key::SyncLastSynced),
                intl::format_instant(at, lang.code())
            ),
            None => text(lang, Key::SyncUpToDate).into(),
        },
        SyncState::Offline => text(lang, Key::SyncOffline).into(),
        SyncState::SignInAgain => text(lang, Key::SyncSignInAgain).into(),
        SyncState::NoAccess => text(lang, Key::SyncNoAccess).into(),
        SyncState::Failed(message) => message,
    }
}

#[component]
pub fn SyncSection() -> impl IntoView {
    let backend = expect_context::<Backend>();
    let shell = expect_context::<Shell>();
    let sync = expect_context::<SyncView>();
    let saved = sync.settings.get_untracked();
    let url = RwSignal::new(
        saved
            .as_ref()
            .map(|s| s.server_url.clone())
            .unwrap_or_default(),
    );
    let database = RwSignal::new(
        saved
            .as_ref()
            .map(|s| s.database.clone())
            .unwrap_or_default(),
    );
    let user = RwSignal::new(saved.map(|s| s.user_name).unwrap_or_default());
    let password = RwSignal::new(String::new());
    let errors = RwSignal::new(Errors::default());
    let connect = Action::new_local(move |(settings, secret): &(SyncSettings, String)| {
        let (settings, secret) = (settings.clone(), secret.clone());
        async move {
            match backend.sync_connect(settings, secret).await {
                Ok(()) => {
                    password.set(String::new());
                    errors.set(Errors::default());
                }
                Err(message) => errors.set(Errors {
                    form: Some(message),
                    ..Errors::default()
                }),
            }
        }
    });
    let disconnect = Action::new_local(move |_: &()| async move {
        if let Err(e) = backend.sync_disconnect().await {
            shell.notify_error(&e);
        }
    });
    let submit = move |ev: ev::SubmitEvent| {
        ev.prevent_default();
        let lang = shell.lang.get_untracked();
        let checked = SyncSettings::check(
            &url.get_untracked(),
            &database.get_untracked(),
            &user.get_untracked(),
        );
        match checked {
            Err(e) => errors.set(errors_of(lang, &e)),
            Ok(_) if password.with_untracked(String::is_empty) => errors.set(Errors {
                password: Some(text(lang, Key::SyncPasswordEmpty).into()),
                ..Errors::default()
            }),
            Ok(settings) => {
                errors.set(Errors::default());
                connect.dispatch((settings, password.get_untracked()));
            }
        }
    };
    let field_error =
        move |pick: fn(&Errors) -> Option<String>| Signal::derive(move || errors.with(pick));
    view! {
        <section aria-labelledby="sync-title" class="sync-section">
            <h3 id="sync-title">{shell.tr(Key::SyncTitle)}</h3>
            <p class="muted">{shell.tr(Key::SyncHelp)}</p>
            <p role="status" data-testid="sync-status">{move || sync_status_text(shell.lang.get(), sync)}</p>
            <form class="stage-form" on:submit=submit novalidate=true>
                <TextField id="sync-url".into() label=Signal::derive(move || shell.t(Key::ServerUrl).to_owned())
                    value=url on_input=Callback::new(move |v| url.set(v)) error=field_error(|e| e.url.clone())
                    kind=TextKind::Input("url") required=true placeholder=Some("https://couch.example.com")/>
                <TextField id="sync-database".into() label=Signal::derive(move || shell.t(Key::DatabaseName).to_owned())
                    value=database on_input=Callback::new(move |v| database.set(v)) error=field_error(|e| e.database.clone())
                    required=true/>
                <TextField id="sync-user".into() label=Signal::derive(move || shell.t(Key::UserName).to_owned())
                    value=user on_input=Callback::new(move |v| user.set(v)) error=field_error(|e| e.user.clone())
                    required=true/>
                <TextField id="sync-password".into() label=Signal::derive(move || shell.t(Key::Password).to_owned())
                    value=password on_input=Callback::new(move |v| password.set(v)) error=field_error(|e| e.password.clone())
                    kind=TextKind::Input("password") required=true/>
                <p class="form-error" role="alert">{move || errors.with(|e| e.form.clone())}</p>
                <div class="actions">
                    <button type="submit" class="primary" disabled=move || connect.pending().get()
                        aria-busy=move || connect.pending().get().to_string()>{shell.tr(Key::Connect)}</button>
                    <button type="button" disabled=move || !sync.on.get() || disconnect.pending().get()
                        on:click=move |_| { disconnect.dispatch(()); }>{shell.tr(Key::Disconnect)}</button>
                </div>
            </form>
        </section>
    }
}
