//! The reply library page: the team lead edits the texts per scenario and
//! language, adds scenarios and languages, hides scenarios, restores earlier
//! versions or the shipped text, and exchanges the whole library with translators
//! as one file.

use std::sync::Arc;

use leptos::prelude::*;

use crate::domain::replies::{
    normalise_language, valid_code, LanguagePack, Phase, Placeholder, ReplyChange, ReplyLibrary,
};
use crate::domain::shared::text_file::decode_detected;
use crate::i18n::{
    phase_name, placeholder_name, team_text_since, text, text_file_error_message, ui_text, Key,
};
use crate::services::replies::{reply_action_error_message, NewScenario};
use crate::ui::context::{Backend, LibraryLoadError, Shell, ToastKind};
use crate::ui::replies::{language_options, text_direction, use_reply_library};
use crate::ui::widgets::confirm::ConfirmDialog;
use crate::ui::widgets::download::download_text;
use crate::ui::widgets::file_picker::FilePicker;
use crate::web::files::{BrowserDecoder, ChosenFile, ReadError};
use crate::web::intl;

/// A translators' file is a few hundred kilobytes at most.
const MAX_LIBRARY_FILE_BYTES: u64 = 8 * 1024 * 1024;

#[derive(Debug, Clone, PartialEq)]
enum Shown {
    Loading,
    Failed(String),
    Ready,
}

/// The editor's text and what was last loaded into it (scenario, language, text),
/// to tell the lead's typing from a stored text.
#[derive(Clone, Copy)]
struct EditorDraft {
    text: RwSignal<String>,
    loaded: StoredValue<(Option<String>, String, String)>,
}

#[component]
pub fn ReplyLibraryPage() -> impl IntoView {
    let shell = expect_context::<Shell>();
    let backend = expect_context::<Backend>();
    let library = use_reply_library();
    // The page's frame re-renders only when the library's state changes (loading,
    // failed, ready), not on every edit, and the editor's text lives here: an edit
    // elsewhere never throws away what the lead is typing.
    let shown = Memo::new(move |_| match library.get() {
        None => Shown::Loading,
        Some(Err(message)) => Shown::Failed(message),
        Some(Ok(_)) => Shown::Ready,
    });
    let draft = EditorDraft {
        text: RwSignal::new(String::new()),
        loaded: StoredValue::new((None, String::new(), String::new())),
    };
    let scenario: RwSignal<Option<String>> = RwSignal::new(None);
    let language = RwSignal::new(if shell.lang.get_untracked() == crate::i18n::Lang::Zh {
        "zh".to_owned()
    } else {
        "en".to_owned()
    });
    let added_languages: RwSignal<Vec<String>> = RwSignal::new(Vec::new());
    let page_message: RwSignal<Option<(bool, String)>> = RwSignal::new(None);

    let current_scenario = Memo::new(move |_| {
        scenario.get().or_else(|| {
            library.with(|l| match l {
                Some(Ok(library)) => library.scenarios().first().map(|v| v.scenario.id.clone()),
                _ => None,
            })
        })
    });
    let pack_read = LocalResource::new(move || {
        let language = language.get();
        async move { backend.reply_pack(&language).await }
    });
    let pack: Memo<Option<Result<Option<Arc<LanguagePack>>, String>>> = Memo::new(move |_| {
        pack_read
            .get()
            .map(|read| read.map_err(|e: LibraryLoadError| e.message(shell.lang.get())))
    });

    let languages = move || {
        let mut all = library.with(|l| match l {
            Some(Ok(library)) => library.languages(),
            _ => Vec::new(),
        });
        for extra in added_languages.get() {
            if !all.contains(&extra) {
                all.push(extra);
            }
        }
        all
    };

    let export = Action::new_local(move |_: &()| async move {
        let Some(Ok(current)) = library.get_untracked() else {
            return;
        };
        let lang = shell.lang.get_untracked();
        match backend.export_reply_library(&current).await {
            Ok(file) => {
                let name = format!("{}.json", text(lang, Key::LibraryFileName));
                if let Err(e) = download_text(&name, "application/json", &file) {
                    shell.notify_browser_failure(Key::DownloadFailed, &e);
                }
            }
            Err(e) => page_message.set(Some((true, e.message(lang)))),
        }
    });
    let import = Action::new_local(move |content: &String| {
        let content = content.clone();
        async move {
            let Some(Ok(current)) = library.get_untracked() else {
                return;
            };
            match backend.import_reply_library(&current, &content).await {
                Ok(message) => {
                    page_message.set(None);
                    shell.notify(ToastKind::Info, message, None);
                }
                Err(message) => page_message.set(Some((true, message))),
            }
        }
    });
    let on_file = Callback::new(move |read: Result<ChosenFile, ReadError>| {
        let lang = shell.lang.get_untracked();
        match read
            .map_err(|e| match e {
                ReadError::Unreadable => text(lang, Key::ImportUnreadableFile).to_owned(),
                ReadError::Refused(e) => text_file_error_message(lang, &e),
            })
            .and_then(|file| {
                decode_detected(&file.bytes, &BrowserDecoder)
                    .map_err(|e| text_file_error_message(lang, &e))
            }) {
            Ok(decoded) => {
                import.dispatch(decoded.text);
            }
            Err(message) => page_message.set(Some((true, message))),
        }
    });

    let new_language = RwSignal::new(String::new());
    let add_language = move |_| {
        let code = normalise_language(&new_language.get_untracked());
        if !valid_code(&code) {
            let lang = shell.lang.get_untracked();
            let error = crate::services::replies::ReplyActionError::BadLanguage(code);
            page_message.set(Some((true, reply_action_error_message(lang, &error))));
            return;
        }
        added_languages.update(|l| {
            if !l.contains(&code) {
                l.push(code.clone());
            }
        });
        language.set(code);
        new_language.set(String::new());
        page_message.set(None);
    };

    let list = move || {
        let lang = shell.lang.get();
        let Some(Ok(current)) = library.get() else {
            return None;
        };
        let views = current.scenarios();
        Some(
            Phase::ALL
                .into_iter()
                .map(|phase| {
                    let current = current.clone();
                    let rows = views
                        .iter()
                        .filter(|v| v.scenario.phase == phase)
                        .map(move |v| {
                            let id = v.scenario.id.clone();
                            let name = ui_text(lang, &v.scenario.name).to_owned();
                            let toggle_label = format!("{}: {name}", text(lang, Key::ScenarioShown));
                            let pick = id.clone();
                            let is_current = {
                                let id = id.clone();
                                move || current_scenario.get().as_deref() == Some(id.as_str())
                            };
                            let library = current.clone();
                            let toggle = Action::new_local(move |enabled: &bool| {
                                let (library, id, enabled) = (library.clone(), id.clone(), *enabled);
                                async move {
                                    if let Err(e) = backend.set_scenario_enabled(&library, &id, enabled).await {
                                        page_message.set(Some((true, reply_action_error_message(shell.lang.get_untracked(), &e))));
                                    }
                                }
                            });
                            view! {
                                <li class="library-row">
                                    <input type="checkbox" aria-label=toggle_label prop:checked=v.enabled
                                        on:change=move |ev| { toggle.dispatch(event_target_checked(&ev)); }/>
                                    <button type="button" class="link" aria-pressed=move || is_current().to_string()
                                        on:click=move |_| scenario.set(Some(pick.clone()))>
                                        {name}
                                    </button>
                                    {v.scenario.custom.then(|| view! { <span class="badge">{text(lang, Key::TeamScenario)}</span> })}
                                </li>
                            }
                        })
                        .collect_view();
                    view! {
                        <h3 class="reply-phase">{phase_name(lang, phase)}</h3>
                        <ul class="plain">{rows}</ul>
                    }
                })
                .collect_view(),
        )
    };

    view! {
        <section class="library-page" aria-labelledby="library-title">
            <h2 id="library-title">{shell.tr(Key::ReplyLibraryTitle)}</h2>
            <p class="muted">{shell.tr(Key::ReplyLibraryIntro)}</p>
            {move || page_message.get().map(|(is_error, message)| view! {
                <p class=if is_error { "error-panel" } else { "notice" } role="alert">{message}</p>
            })}
            <div class="library-tools">
                <button type="button" disabled=move || export.pending().get() || !matches!(library.get(), Some(Ok(_)))
                    on:click=move |_| { export.dispatch(()); }>{shell.tr(Key::ExportLibrary)}</button>
                <FilePicker id="library-import" label=Key::ImportLibrary accept=".json,application/json"
                    max_bytes=MAX_LIBRARY_FILE_BYTES on_file=on_file/>
                <div class="field">
                    <label for="library-new-language">{shell.tr(Key::LanguageCode)}</label>
                    <input id="library-new-language" type="text" prop:value=new_language
                        on:input=move |ev| new_language.set(event_target_value(&ev))/>
                </div>
                <button type="button" on:click=add_language>{shell.tr(Key::AddLanguage)}</button>
            </div>
            {move || match shown.get() {
                Shown::Loading => view! { <p class="muted">{shell.t(Key::ReplyLoading)}</p> }.into_any(),
                Shown::Failed(message) => view! { <p class="error-panel" role="alert">{message}</p> }.into_any(),
                Shown::Ready => view! {
                    <div class="library-layout">
                        <nav aria-label=shell.tr(Key::ReplyScenario)>
                            {list}
                            <AddScenarioForm library=library scenario=scenario/>
                        </nav>
                        <TextEditor library=library pack=pack scenario=current_scenario language=language languages=Signal::derive(languages) draft=draft/>
                    </div>
                }.into_any(),
            }}
        </section>
    }
}

#[component]
fn AddScenarioForm(
    library: Memo<Option<Result<ReplyLibrary, String>>>,
    scenario: RwSignal<Option<String>>,
) -> impl IntoView {
    let shell = expect_context::<Shell>();
    let backend = expect_context::<Backend>();
    let phase = RwSignal::new(Phase::PreSale);
    let name = RwSignal::new(String::new());
    let purpose = RwSignal::new(String::new());
    let shortcut = RwSignal::new(String::new());
    let error: RwSignal<Option<String>> = RwSignal::new(None);
    let add = Action::new_local(move |_: &()| async move {
        let Some(Ok(current)) = library.get_untracked() else {
            return;
        };
        let new = NewScenario {
            phase: phase.get_untracked(),
            name: name.get_untracked(),
            purpose: purpose.get_untracked(),
            shortcut: shortcut.get_untracked(),
        };
        match backend.add_scenario(&current, &new).await {
            Ok(code) => {
                error.set(None);
                name.set(String::new());
                purpose.set(String::new());
                shortcut.set(String::new());
                scenario.set(Some(code));
                shell.notify(ToastKind::Info, shell.t(Key::ScenarioAdded).into(), None);
            }
            Err(e) => error.set(Some(reply_action_error_message(
                shell.lang.get_untracked(),
                &e,
            ))),
        }
    });
    let field = move |id: &'static str, label: Key, value: RwSignal<String>| {
        view! {
            <div class="field">
                <label for=id>{move || shell.t(label)}</label>
                <input id=id type="text" prop:value=value on:input=move |ev| value.set(event_target_value(&ev))/>
            </div>
        }
    };
    view! {
        <details class="add-scenario">
            <summary>{shell.tr(Key::AddScenario)}</summary>
            <div class="field">
                <label for="new-scenario-phase">{shell.tr(Key::ScenarioPhase)}</label>
                <select id="new-scenario-phase" on:change=move |ev| {
                    if let Some(p) = Phase::from_code(&event_target_value(&ev)) { phase.set(p); }
                }>
                    {move || Phase::ALL.into_iter().map(|p| view! {
                        <option value=p.code() selected=phase.get() == p>{phase_name(shell.lang.get(), p)}</option>
                    }).collect_view()}
                </select>
            </div>
            {field("new-scenario-name", Key::ScenarioName, name)}
            {field("new-scenario-purpose", Key::ScenarioPurpose, purpose)}
            {field("new-scenario-shortcut", Key::ScenarioShortcut, shortcut)}
            {move || error.get().map(|e| view! { <p class="field-error" role="alert">{e}</p> })}
            <button type="button" disabled=move || add.pending().get() on:click=move |_| { add.dispatch(()); }>
                {shell.tr(Key::AddScenario)}
            </button>
        </details>
    }
}

#[component]
fn TextEditor(
    library: Memo<Option<Result<ReplyLibrary, String>>>,
    pack: Memo<Option<Result<Option<Arc<LanguagePack>>, String>>>,
    scenario: Memo<Option<String>>,
    language: RwSignal<String>,
    #[prop(into)] languages: Signal<Vec<String>>,
    draft: EditorDraft,
) -> impl IntoView {
    let EditorDraft {
        text: draft,
        loaded,
    } = draft;
    let shell = expect_context::<Shell>();
    let backend = expect_context::<Backend>();
    let error: RwSignal<Option<String>> = RwSignal::new(None);
    let confirm_reset = RwSignal::new(false);
    // What the library holds for the chosen scenario and language, in exactly that
    // language: (text, team edit date), or None.
    let stored = Memo::new(move |_| {
        let id = scenario.get()?;
        let language = language.get();
        library.with(|l| {
            let Some(Ok(library)) = l else { return None };
            pack.with(|p| {
                let loaded = match p {
                    Some(Ok(pack)) => pack.as_deref(),
                    _ => None,
                };
                library
                    .text_in(&id, &language, loaded)
                    .map(|(text, origin, _)| (text, origin))
            })
        })
    });
    let shipped_exists = Memo::new(move |_| {
        let Some(id) = scenario.get() else {
            return false;
        };
        pack.with(|p| matches!(p, Some(Ok(Some(pack))) if pack.templates.contains_key(&id)))
    });
    // A new scenario or language puts its current text in the editor. A change
    // saved elsewhere (another tab, an import, a reset) replaces the editor's text
    // only while the lead has not typed over it: unsaved typing is never lost.
    Effect::new(move |_| {
        let key = (scenario.get(), language.get());
        let text = stored.get().map(|(text, _)| text).unwrap_or_default();
        let (loaded_scenario, loaded_language, loaded_text) = loaded.get_value();
        let same_place = (loaded_scenario, loaded_language) == key;
        let typed = draft.get_untracked();
        if !same_place || typed == loaded_text || typed == text {
            draft.set(text.clone());
            error.set(None);
            loaded.set_value((key.0, key.1, text));
        }
    });

    let save = Action::new_local(move |text: &String| {
        let text = text.clone();
        async move {
            let (Some(Ok(current)), Some(id)) = (library.get_untracked(), scenario.get_untracked())
            else {
                return;
            };
            match backend
                .save_reply_text(&current, &id, &language.get_untracked(), &text)
                .await
            {
                Ok(()) => {
                    error.set(None);
                    shell.notify(ToastKind::Info, shell.t(Key::TextSaved).into(), None);
                }
                Err(e) => error.set(Some(reply_action_error_message(
                    shell.lang.get_untracked(),
                    &e,
                ))),
            }
        }
    });
    let reset = Action::new_local(move |_: &()| async move {
        let (Some(Ok(current)), Some(id)) = (library.get_untracked(), scenario.get_untracked())
        else {
            return;
        };
        let result = backend
            .reset_reply_text(&current, &id, &language.get_untracked())
            .await;
        confirm_reset.set(false);
        match result {
            Ok(()) => shell.notify(ToastKind::Info, shell.t(Key::TextReset).into(), None),
            Err(e) => error.set(Some(reply_action_error_message(
                shell.lang.get_untracked(),
                &e,
            ))),
        }
    });

    let heading = move || {
        let lang = shell.lang.get();
        let id = scenario.get()?;
        library.with(|l| match l {
            Some(Ok(library)) => library.scenario(&id).map(|v| view! {
                <h3 id="library-editor-title">{ui_text(lang, &v.scenario.name).to_owned()}</h3>
                <p class="muted">{ui_text(lang, &v.scenario.purpose).to_owned()}" "{ui_text(lang, &v.scenario.when).to_owned()}</p>
            }),
            _ => None,
        })
    };
    let origin = move || {
        let lang = shell.lang.get();
        match stored.get() {
            None => text(lang, Key::NoTextInLanguage).to_owned(),
            Some((_, crate::domain::replies::Origin::Shipped)) => {
                text(lang, Key::ShippedTextLabel).to_owned()
            }
            Some((_, crate::domain::replies::Origin::Custom(at))) => {
                team_text_since(lang, &intl::format_instant(at, lang.code()))
            }
        }
    };
    let history = move || {
        let lang = shell.lang.get();
        let id = scenario.get()?;
        let language = language.get();
        let entries = library.with(|l| match l {
            Some(Ok(library)) => library
                .history(&id, &language)
                .into_iter()
                .cloned()
                .collect::<Vec<_>>(),
            _ => Vec::new(),
        });
        (entries.len() > 1 || entries.first().is_some_and(|e| !matches!(e.change, ReplyChange::Text { .. }))).then(|| view! {
            <h4>{text(lang, Key::TextHistory)}</h4>
            <ol class="library-history">
                {entries.into_iter().skip(1).map(|edit| {
                    let when = intl::format_instant(edit.at, lang.code());
                    match edit.change {
                        ReplyChange::Text { text: old, .. } => {
                            let restore = old.clone();
                            view! {
                                <li>
                                    <time datetime=edit.at.to_rfc3339()>{when}</time>
                                    <pre class="history-text">{old}</pre>
                                    <button type="button" on:click=move |_| draft.set(restore.clone())>{text(lang, Key::UseThisVersion)}</button>
                                </li>
                            }.into_any()
                        }
                        _ => view! {
                            <li><time datetime=edit.at.to_rfc3339()>{when}</time>" "{text(lang, Key::ResetEntry)}</li>
                        }.into_any(),
                    }
                }).collect_view()}
            </ol>
        })
    };
    let placeholders_help = move || {
        let lang = shell.lang.get();
        Placeholder::ALL.into_iter().map(|p| view! {
            <li><code>{format!("{{{}}}", p.code())}</code>" "{placeholder_name(lang, p)}</li>
        }).collect_view()
    };

    view! {
        <div class="library-editor" aria-labelledby="library-editor-title">
            {heading}
            <div class="field">
                <label for="library-language">{shell.tr(Key::ReplyLanguage)}</label>
                <select id="library-language" on:change=move |ev| language.set(event_target_value(&ev))>
                    {move || language_options(languages.get(), &language.get())}
                </select>
            </div>
            <p class="muted" data-testid="library-origin">{origin}</p>
            <div class="field">
                <label for="library-text">{shell.tr(Key::ReplyText)}</label>
                <textarea id="library-text" rows="12" prop:value=draft lang=move || language.get()
                    dir=move || text_direction(&language.get())
                    aria-invalid=move || error.with(Option::is_some).to_string()
                    aria-describedby="library-text-error"
                    on:input=move |ev| draft.set(event_target_value(&ev))></textarea>
                <p id="library-text-error" class="field-error" role="alert">{move || error.get()}</p>
            </div>
            <div class="actions">
                <button type="button" class="primary" disabled=move || save.pending().get()
                    on:click=move |_| { save.dispatch(draft.get_untracked()); }>{shell.tr(Key::SaveText)}</button>
                <Show when=move || shipped_exists.get() && matches!(stored.get(), Some((_, crate::domain::replies::Origin::Custom(_))))>
                    <button type="button" on:click=move |_| confirm_reset.set(true)>{shell.tr(Key::ResetToShipped)}</button>
                </Show>
            </div>
            <details>
                <summary>{shell.tr(Key::PlaceholdersHelp)}</summary>
                <ul class="plain">{placeholders_help}</ul>
            </details>
            {history}
            <Show when=move || confirm_reset.get()>
                <ConfirmDialog id="confirm-reset" title=Key::ResetConfirmTitle confirm=Key::ResetToShipped open=confirm_reset
                    busy=reset.pending() on_confirm=move |_| { reset.dispatch(()); }>
                    {shell.tr(Key::ResetConfirmBody)}
                </ConfirmDialog>
            </Show>
        </div>
    }
}
