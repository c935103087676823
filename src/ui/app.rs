//! The application shell: header, language switch, routing and the toast region.

use leptos::ev;
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::domain::customers::CustomerKind;
use crate::i18n::{sentence_gap, Key, Lang};
use crate::storage::idb::ConnectionLost;
use crate::storage::store_error_message;
use crate::ui::context::Undoable;
use crate::ui::context::{
    provide_app_contexts, Backend, CustomersView, Device, LoadState, Shell, ToastKind,
};
use crate::ui::customers::form::CustomerForm;
use crate::ui::customers::list::CustomerList;
use crate::ui::customers::record::CustomerRecord;
use crate::ui::route::Route;
use crate::web::pwa::Persistence;
use crate::web::{intl, prefs};

#[component]
pub fn App() -> impl IntoView {
    let backend = provide_app_contexts();
    crate::ui::today::provide_today();
    let shell = expect_context::<Shell>();
    let device = expect_context::<Device>();
    let customers_view = expect_context::<CustomersView>();
    spawn_local(backend.start());
    // Whether the list can be previewed while every customer loads (a memo, so the
    // preview is not rebuilt when its search arrives after its first page).
    let previewing = Memo::new(move |_| {
        customers_view.first_page.with(Option::is_some)
            || customers_view.preview.with(Option::is_some)
    });
    spawn_local(device.check_storage());

    // Keep the route in step with the URL (back/forward buttons, edited hash).
    let _hash = window_event_listener(ev::hashchange, move |_| {
        if let Ok(hash) = window().location().hash() {
            let route = Route::parse(&hash);
            if shell.route.get_untracked() != route {
                shell.route.set(route);
            }
        }
    });
    set_interval(
        move || shell.now.set(intl::now_millis()),
        std::time::Duration::from_secs(30),
    );
    // The document language follows the UI language (screen readers, fonts).
    Effect::new(move |_| {
        let lang = shell.lang.get();
        if let Some(root) = document().document_element() {
            let _ = root.set_attribute("lang", lang.code());
        }
        document().set_title(shell.t(Key::AppTitle));
    });

    // The sections' menu (narrow windows) and the shortcuts list; Escape closes both.
    let menu_open = RwSignal::new(false);
    let shortcuts_open = RwSignal::new(false);
    let _escape = window_event_listener(ev::keydown, move |ev| {
        if ev.key() == "Escape" && menu_open.get_untracked() {
            menu_open.set(false);
        }
    });

    let switch_language = move |_| {
        let next = match shell.lang.get_untracked() {
            Lang::En => Lang::Zh,
            Lang::Zh => Lang::En,
        };
        shell.lang.set(next);
        if let Err(e) = prefs::remember_language(next) {
            shell.notify_browser_failure(Key::LocalSaveFailed, &e);
        }
    };

    view! {
        <a class="skip-link" href="#main">{shell.tr(Key::SkipToContent)}</a>
        <header class="app-header">
            <h1>
                <a href="#/" on:click=move |ev| { ev.prevent_default(); shell.navigate(Route::List); }>
                    {shell.tr(Key::AppTitle)}
                </a>
            </h1>
            <button type="button" class="menu-button ghost" aria-controls="main-nav"
                aria-expanded=move || menu_open.get().to_string()
                on:click=move |_| menu_open.update(|o| *o = !*o)>
                "☰ "{shell.tr(Key::Menu)}
            </button>
            <nav id="main-nav" class="main-nav" class:open=move || menu_open.get() aria-label=shell.tr(Key::MainSections)>
                <crate::ui::today::TodayNavLink on_navigate=Callback::new(move |_| menu_open.set(false))/>
                <a class="nav-link" href="#/" on:click=move |ev| { ev.prevent_default(); menu_open.set(false); shell.navigate(Route::List); }>{shell.tr(Key::Customers)}</a>
                <a class="nav-link" href="#/value" on:click=move |ev| { ev.prevent_default(); menu_open.set(false); shell.navigate(Route::Value); }>{shell.tr(Key::Analysis)}</a>
                <a class="nav-link" href="#/complaints" on:click=move |ev| { ev.prevent_default(); menu_open.set(false); shell.navigate(Route::Complaints); }>{shell.tr(Key::ComplaintsNav)}</a>
                <a class="nav-link" href="#/follow-ups" on:click=move |ev| { ev.prevent_default(); menu_open.set(false); shell.navigate(Route::FollowUps); }>{shell.tr(Key::FollowUps)}</a>
                <a class="nav-link" href="#/replies" on:click=move |ev| { ev.prevent_default(); menu_open.set(false); shell.navigate(Route::Replies); }>{shell.tr(Key::NavReplies)}</a>
                <a class="nav-link" href="#/data" on:click=move |ev| { ev.prevent_default(); menu_open.set(false); shell.navigate(Route::Data); }>{shell.tr(Key::DataAndBackup)}</a>
                <a class="nav-link" href="#/import" on:click=move |ev| { ev.prevent_default(); menu_open.set(false); shell.navigate(Route::Import); }>{shell.tr(Key::ImportOrders)}</a>
            </nav>
            <div class="header-tools">
                <button type="button" class="primary" on:click=move |_| shell.navigate(Route::New(CustomerKind::Individual))>
                    {shell.tr(Key::NewCustomer)}
                </button>
                // The accessible name is the visible language name (WCAG 2.5.3: speech
                // users say what they see); the longer explanation is only a description.
                // The span's `lang` makes screen readers pronounce "中文" as Chinese.
                <button type="button"
                    title=move || shell.t(Key::LanguageSwitchLabel)
                    on:click=switch_language>
                    <span lang=move || match shell.lang.get() { Lang::En => "zh-CN", Lang::Zh => "en" }>
                        {shell.tr(Key::LanguageSwitch)}
                    </span>
                </button>
                <button type="button" class="ghost shortcuts-button" aria-label=move || format!("{} ?", shell.t(Key::KeyboardShortcuts))
                    aria-keyshortcuts="?" on:click=move |_| shortcuts_open.set(true)>"?"</button>
            </div>
        </header>
        <crate::ui::widgets::shortcuts::ShortcutsHelp open=shortcuts_open/>
        <main id="main" tabindex="-1">
            <UpdateNotice/>
            {move || match backend.load.get() {
                LoadState::Opening => {
                    if previewing.get() && shell.route.get() == Route::List {
                        view! { <crate::ui::customers::list::FirstPage/> }.into_any()
                    } else {
                        view! { <p class="loading" role="status">{shell.t(Key::Loading)}</p> }.into_any()
                    }
                }
                LoadState::Blocked => view! {
                    <p class="error-panel" role="alert">{store_error_message(shell.lang.get(), &crate::storage::StoreError::Blocked)}</p>
                }.into_any(),
                LoadState::Lost(why) => view! {
                    <div class="error-panel" role="alert">
                        <p>{shell.t(match why {
                            ConnectionLost::NewerVersionOpened => Key::NewerVersionOpened,
                            ConnectionLost::Deleted => Key::DatabaseDeleted,
                        })}</p>
                        <button type="button" on:click=move |_| reload_at_list()>{shell.t(Key::ReloadApp)}</button>
                    </div>
                }.into_any(),
                LoadState::Failed(e) => view! {
                    <p class="error-panel" role="alert">{store_error_message(shell.lang.get(), &e)}</p>
                }.into_any(),
                LoadState::Ready => view! { <crate::ui::context::InsightKeeper/><crate::ui::exchange::backup::BackupReminder/><Screen/> }.into_any(),
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
    let customers_view = expect_context::<CustomersView>();
    let shell = expect_context::<Shell>();
    move || match shell.route.get() {
        Route::List => view! { <CustomerList/> }.into_any(),
        Route::New(kind) => view! { <CustomerForm existing=None new_kind=kind/> }.into_any(),
        Route::Customer(id) => view! { <CustomerRecord id=id/> }.into_any(),
        Route::Import => view! { <crate::ui::exchange::orders_import::OrdersImport/> }.into_any(),
        Route::Value => view! { <crate::ui::value::analysis::ValueAnalysis/> }.into_any(),
        Route::Complaints => view! { <crate::ui::complaints::queue::ComplaintsPage/> }.into_any(),
        Route::Complaint(id) => {
            view! { <crate::ui::complaints::wizard::ComplaintWizard id=id/> }.into_any()
        }
        Route::FollowUps => view! { <crate::ui::contacts::follow_ups::FollowUpBoard/> }.into_any(),
        Route::Today => view! { <crate::ui::today::TodayPage/> }.into_any(),
        Route::Replies => view! { <crate::ui::replies::library::ReplyLibraryPage/> }.into_any(),
        Route::Data => view! { <crate::ui::exchange::backup::DataPage/> }.into_any(),
        Route::Edit(id) => match customers_view
            .directory
            .with_untracked(|d| d.get(&id).cloned())
        {
            Some(customer) => {
                view! { <CustomerForm existing=Some(customer) new_kind=CustomerKind::Individual/> }
                    .into_any()
            }
            None => view! { <p class="error-panel" role="alert">{shell.t(Key::NotFound)}</p> }
                .into_any(),
        },
    }
}

/// Offered when a new build has been installed behind this page. Everything saved is
/// in IndexedDB and form drafts are kept keystroke by keystroke, so the reload loses
/// nothing.
#[component]
fn UpdateNotice() -> impl IntoView {
    let device = expect_context::<Device>();
    let shell = expect_context::<Shell>();
    view! {
        // The live region is there from the start, so screen readers announce the
        // notice when it appears.
        <div role="status" data-testid="update-ready">
            <Show when=move || device.update_ready.get()>
                <p class="notice update-notice">
                    {shell.tr(Key::NewVersionReady)}" "
                    <button type="button" class="primary" on:click=move |_| { let _ = window().location().reload(); }>{shell.tr(Key::ReloadToUpdate)}</button>
                </p>
            </Show>
        </div>
    }
}

/// Where the data lives and how safe it is there: persistence, offline copy, and a
/// warning in private windows.
#[component]
fn StorageStatus() -> impl IntoView {
    let device = expect_context::<Device>();
    let shell = expect_context::<Shell>();
    let sync = expect_context::<crate::ui::context::SyncView>();
    view! {
        <Show when=move || device.private_window.get()>
            <p class="error-panel" role="alert" data-testid="private-window-warning">{shell.tr(Key::PrivateWindowWarning)}</p>
        </Show>
        <Show when=move || device.persistence_refused.get()>
            <div class="notice" role="status" data-testid="persistence-refused">
                {shell.tr(Key::PersistenceRefused)}" "
                <button type="button" class="ghost" on:click=move |_| device.persistence_refused.set(false)>{shell.tr(Key::Dismiss)}</button>
            </div>
        </Show>
        <footer class="footnote" data-testid="storage-status">
            <span>{move || shell.t(if sync.on.get() { Key::DataSharedWithTeam } else { Key::DataStaysLocal })}</span>
            {move || sentence_gap(shell.lang.get())}
            <span>{move || match device.persistence.get() {
                Persistence::Persistent => shell.t(Key::StoragePersistent),
                Persistence::BestEffort => shell.t(Key::StorageBestEffort),
                Persistence::Unknown => shell.t(Key::Loading),
                Persistence::Unsupported => shell.t(Key::StoragePersistenceUnknown),
            }}</span>
            <Show when=move || device.persistence.get() == Persistence::BestEffort>
                " "<button type="button" class="ghost" on:click=move |_| device.request_persistence()>{shell.tr(Key::AskToKeepData)}</button>
            </Show>
            {move || sentence_gap(shell.lang.get())}
            <span>{move || match device.offline_ready.get() {
                None => String::new(),
                Some(Ok(())) => shell.t(Key::OfflineReady).to_owned(),
                Some(Err(_)) => shell.t(Key::OfflineFailed).to_owned(),
            }}</span>
            <Show when=move || sync.on.get()>
                {move || sentence_gap(shell.lang.get())}
                <span data-testid="sync-footer">{move || {
                    let lang = shell.lang.get();
                    let parts: Vec<String> = [
                        format!("{}{} {}", shell.t(Key::SyncStatusLabel), if lang == crate::i18n::Lang::Zh { "：" } else { ":" },
                            crate::ui::exchange::sync::sync_status_text(lang, sync)),
                        crate::i18n::sync_unsynced(lang, sync.unsynced.get()),
                        crate::i18n::sync_conflicts(lang, sync.conflicts.get()),
                    ].into_iter().filter(|p| !p.is_empty()).collect();
                    parts.join(if lang == crate::i18n::Lang::Zh { "；" } else { " · " })
                }}</span>
            </Show>
        </footer>
    }
}

#[component]
fn ToastRegion() -> impl IntoView {
    let backend = expect_context::<Backend>();
    let shell = expect_context::<Shell>();
    let take_back = Action::new_local(move |undo: &Undoable| {
        let undo = undo.clone();
        async move {
            let done = match undo {
                Undoable::Deletion(deleted) => backend.undo_delete(deleted).await,
                Undoable::Reply(sent) => backend.undo_reply(&sent).await,
                Undoable::Occasion(logged) => backend.undo_occasion(&logged).await,
            };
            if let Err(e) = done {
                shell.notify_error(&e);
            }
        }
    });
    let undo = move |_| {
        if let Some(undo) = shell.toast.get_untracked().and_then(|t| t.undo) {
            shell.toast.set(None);
            take_back.dispatch(undo);
        }
    };
    view! {
        <div class="toast-region" role="status" aria-live="polite">
            {move || shell.toast.get().map(|toast| {
                let has_undo = toast.undo.is_some();
                view! {
                    <div class="toast" class:toast-error=toast.kind == ToastKind::Error>
                        <span class="toast-message">{toast.message}</span>
                        <Show when=move || has_undo>
                            <button type="button" on:click=undo>{shell.t(Key::Undo)}</button>
                        </Show>
                        <button type="button" class="ghost" on:click=move |_| shell.toast.set(None)>{shell.t(Key::Dismiss)}</button>
                    </div>
                }
            })}
        </div>
    }
}
