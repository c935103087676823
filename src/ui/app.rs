//! The application shell: header, language switch, routing and the toast region.

use leptos::ev;
use leptos::prelude::*;
use leptos::task::spawn_local;

use super::form::CustomerForm;
use super::list::CustomerList;
use super::record::CustomerRecord;
use super::route::Route;
use super::state::{store_error_message, AppState, LoadState, ToastKind};
use crate::domain::customers::CustomerKind;
use crate::i18n::{Key, Lang};
use crate::storage::idb::ConnectionLost;
use crate::web::pwa::Persistence;
use crate::web::{intl, prefs};

#[component]
pub fn App() -> impl IntoView {
    let state = AppState::new();
    provide_context(state);
    spawn_local(state.start());
    spawn_local(state.check_storage());

    // Keep the route in step with the URL (back/forward buttons, edited hash).
    let _hash = window_event_listener(ev::hashchange, move |_| {
        if let Ok(hash) = window().location().hash() {
            let route = Route::parse(&hash);
            if state.route.get_untracked() != route {
                state.route.set(route);
            }
        }
    });
    set_interval(
        move || state.now.set(intl::now_millis()),
        std::time::Duration::from_secs(30),
    );
    // The document language follows the UI language (screen readers, fonts).
    Effect::new(move |_| {
        let lang = state.lang.get();
        if let Some(root) = document().document_element() {
            let _ = root.set_attribute("lang", lang.code());
        }
        document().set_title(state.t(Key::AppTitle));
    });

    let switch_language = move |_| {
        let next = match state.lang.get_untracked() {
            Lang::En => Lang::Zh,
            Lang::Zh => Lang::En,
        };
        state.lang.set(next);
        if let Err(e) = prefs::remember_language(next) {
            state.notify_browser_failure(Key::LocalSaveFailed, &e);
        }
    };

    view! {
        <a class="skip-link" href="#main">{move || state.t(Key::SkipToContent)}</a>
        <header class="app-header">
            <h1>
                <a href="#/" on:click=move |ev| { ev.prevent_default(); state.navigate(Route::List); }>
                    {move || state.t(Key::AppTitle)}
                </a>
            </h1>
            <nav class="header-actions" aria-label=move || state.t(Key::AppTitle)>
                <a class="nav-link" href="#/" on:click=move |ev| { ev.prevent_default(); state.navigate(Route::List); }>{move || state.t(Key::Customers)}</a>
                <a class="nav-link" href="#/value" on:click=move |ev| { ev.prevent_default(); state.navigate(Route::Value); }>{move || state.t(Key::Analysis)}</a>
                <a class="nav-link" href="#/complaints" on:click=move |ev| { ev.prevent_default(); state.navigate(Route::Complaints); }>{move || state.t(Key::ComplaintsNav)}</a>
                <a class="nav-link" href="#/follow-ups" on:click=move |ev| { ev.prevent_default(); state.navigate(Route::FollowUps); }>{move || state.t(Key::FollowUps)}</a>
                <a class="nav-link" href="#/data" on:click=move |ev| { ev.prevent_default(); state.navigate(Route::Data); }>{move || state.t(Key::DataAndBackup)}</a>
                <a class="nav-link" href="#/import" on:click=move |ev| { ev.prevent_default(); state.navigate(Route::Import); }>{move || state.t(Key::ImportOrders)}</a>
                <button type="button" class="primary" on:click=move |_| state.navigate(Route::New(CustomerKind::Individual))>
                    {move || state.t(Key::NewCustomer)}
                </button>
                // The accessible name is the visible language name (WCAG 2.5.3: speech
                // users say what they see); the longer explanation is only a description.
                // The span's `lang` makes screen readers pronounce "中文" as Chinese.
                <button type="button"
                    title=move || state.t(Key::LanguageSwitchLabel)
                    on:click=switch_language>
                    <span lang=move || match state.lang.get() { Lang::En => "zh-CN", Lang::Zh => "en" }>
                        {move || state.t(Key::LanguageSwitch)}
                    </span>
                </button>
            </nav>
        </header>
        <main id="main" tabindex="-1">
            <UpdateNotice/>
            {move || match state.load.get() {
                LoadState::Opening => view! { <p class="loading" role="status">{state.t(Key::Loading)}</p> }.into_any(),
                LoadState::Blocked => view! {
                    <p class="error-panel" role="alert">{store_error_message(state.lang.get(), &crate::storage::StoreError::Blocked)}</p>
                }.into_any(),
                LoadState::Lost(why) => view! {
                    <div class="error-panel" role="alert">
                        <p>{state.t(match why {
                            ConnectionLost::NewerVersionOpened => Key::NewerVersionOpened,
                            ConnectionLost::Deleted => Key::DatabaseDeleted,
                        })}</p>
                        <button type="button" on:click=move |_| reload_at_list()>{state.t(Key::ReloadApp)}</button>
                    </div>
                }.into_any(),
                LoadState::Failed(e) => view! {
                    <p class="error-panel" role="alert">{store_error_message(state.lang.get(), &e)}</p>
                }.into_any(),
                LoadState::Ready => view! { <super::data::BackupReminder/><Screen/> }.into_any(),
            }}
            <StorageStatus/>
        </main>
        <ToastRegion/>
    }
}

/// Starts the app afresh on the customer list (the record on screen may be gone).
fn reload_at_list() {
    let location = window().location();
    // Without a hash change the reload would reopen the same, possibly vanished, record.
    let _ = location.set_hash("#/");
    let _ = location.reload();
}

#[component]
fn Screen() -> impl IntoView {
    let state = expect_context::<AppState>();
    move || match state.route.get() {
        Route::List => view! { <CustomerList/> }.into_any(),
        Route::New(kind) => view! { <CustomerForm existing=None new_kind=kind/> }.into_any(),
        Route::Customer(id) => view! { <CustomerRecord id=id/> }.into_any(),
        Route::Import => view! { <super::import::OrdersImport/> }.into_any(),
        Route::Value => view! { <super::value::ValueAnalysis/> }.into_any(),
        Route::Complaints => view! { <super::complaint_queue::ComplaintsPage/> }.into_any(),
        Route::Complaint(id) => view! { <super::complaints::ComplaintWizard id=id/> }.into_any(),
        Route::FollowUps => view! { <super::followups::FollowUpBoard/> }.into_any(),
        Route::Data => view! { <super::data::DataPage/> }.into_any(),
        Route::Edit(id) => match state.directory.with_untracked(|d| d.get(&id).cloned()) {
            Some(customer) => {
                view! { <CustomerForm existing=Some(customer) new_kind=CustomerKind::Individual/> }
                    .into_any()
            }
            None => view! { <p class="error-panel" role="alert">{state.t(Key::NotFound)}</p> }
                .into_any(),
        },
    }
}

/// Offered when a new build has been installed behind this page. Everything saved is
/// in IndexedDB and form drafts are kept keystroke by keystroke, so the reload loses
/// nothing.
#[component]
fn UpdateNotice() -> impl IntoView {
    let state = expect_context::<AppState>();
    view! {
        // The live region is there from the start, so screen readers announce the
        // notice when it appears.
        <div role="status" data-testid="update-ready">
            <Show when=move || state.update_ready.get()>
                <p class="notice update-notice">
                    {move || state.t(Key::NewVersionReady)}" "
                    <button type="button" class="primary" on:click=move |_| { let _ = window().location().reload(); }>{move || state.t(Key::ReloadToUpdate)}</button>
                </p>
            </Show>
        </div>
    }
}

/// Where the data lives and how safe it is there: persistence, offline copy, and a
/// warning in private windows.
#[component]
fn StorageStatus() -> impl IntoView {
    let state = expect_context::<AppState>();
    view! {
        <Show when=move || state.private_window.get()>
            <p class="error-panel" role="alert" data-testid="private-window-warning">{move || state.t(Key::PrivateWindowWarning)}</p>
        </Show>
        <Show when=move || state.persistence_refused.get()>
            <div class="notice" role="status" data-testid="persistence-refused">
                {move || state.t(Key::PersistenceRefused)}" "
                <button type="button" class="ghost" on:click=move |_| state.persistence_refused.set(false)>{move || state.t(Key::Dismiss)}</button>
            </div>
        </Show>
        <footer class="footnote" data-testid="storage-status">
            <span>{move || state.t(Key::DataStaysLocal)}</span>
            " "
            <span>{move || match state.persistence.get() {
                Persistence::Persistent => state.t(Key::StoragePersistent),
                Persistence::BestEffort => state.t(Key::StorageBestEffort),
                Persistence::Unknown => state.t(Key::Loading),
                Persistence::Unsupported => state.t(Key::StoragePersistenceUnknown),
            }}</span>
            <Show when=move || state.persistence.get() == Persistence::BestEffort>
                " "<button type="button" class="ghost" on:click=move |_| state.request_persistence()>{move || state.t(Key::AskToKeepData)}</button>
            </Show>
            " "
            <span>{move || match state.offline_ready.get() {
                None => String::new(),
                Some(Ok(())) => state.t(Key::OfflineReady).to_owned(),
                Some(Err(_)) => state.t(Key::OfflineFailed).to_owned(),
            }}</span>
        </footer>
    }
}

#[component]
fn ToastRegion() -> impl IntoView {
    let state = expect_context::<AppState>();
    let undo = move |_| {
        let Some(deleted) = state.toast.get_untracked().and_then(|t| t.undo) else {
            return;
        };
        state.toast.set(None);
        spawn_local(async move {
            if let Err(e) = state.undo_delete(deleted).await {
                state.notify_error(&e);
            }
        });
    };
    view! {
        <div class="toast-region" role="status" aria-live="polite">
            {move || state.toast.get().map(|toast| {
                let has_undo = toast.undo.is_some();
                view! {
                    <div class="toast" class:toast-error=toast.kind == ToastKind::Error>
                        <span class="toast-message">{toast.message}</span>
                        <Show when=move || has_undo>
                            <button type="button" on:click=undo>{state.t(Key::Undo)}</button>
                        </Show>
                        <button type="button" class="ghost" on:click=move |_| state.toast.set(None)>{state.t(Key::Dismiss)}</button>
                    </div>
                }
            })}
        </div>
    }
}
