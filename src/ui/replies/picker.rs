//! Choosing a scenario: a search box that filters by name or shortcut (Enter takes
//! the first match) over radio buttons grouped by phase, the suggested one marked.

use leptos::html;
use leptos::prelude::*;

use crate::domain::replies::{Phase, ReplyLibrary, ScenarioView};
use crate::i18n::{phase_name, ui_text, Key, Lang};
use crate::ui::context::Shell;

/// Whether `filter` matches the scenario's name (in the UI language), its
/// shortcut or its code.
fn matches(view: &ScenarioView, lang: Lang, filter: &str) -> bool {
    let filter = filter.trim().to_lowercase();
    filter.is_empty()
        || ui_text(lang, &view.scenario.name)
            .to_lowercase()
            .contains(&filter)
        || view.scenario.shortcut.starts_with(&filter)
        || view.scenario.id.contains(&filter)
}

#[component]
pub fn ScenarioPicker(
    library: Memo<Option<Result<ReplyLibrary, String>>>,
    #[prop(into)] selected: Signal<Option<String>>,
    #[prop(into)] suggested: Signal<Option<String>>,
    on_pick: Callback<String>,
    /// Put the cursor in the search box on opening (the record's panel), not where
    /// the picker is part of a longer form (the complaint wizard).
    autofocus: bool,
) -> impl IntoView {
    let shell = expect_context::<Shell>();
    let filter = RwSignal::new(String::new());
    let search = NodeRef::<html::Input>::new();
    // The panel opens with the cursor in the search box: typing filters at once.
    Effect::new(move |_| {
        if let Some(input) = search.get().filter(|_| autofocus) {
            let _ = input.focus();
        }
    });
    let visible = Memo::new(move |_| {
        let lang = shell.lang.get();
        let filter = filter.get();
        library.with(|l| match l {
            Some(Ok(library)) => library
                .scenarios()
                .into_iter()
                .filter(|v| v.enabled && matches(v, lang, &filter))
                .collect::<Vec<_>>(),
            _ => Vec::new(),
        })
    });
    let on_keydown = move |ev: web_sys::KeyboardEvent| {
        if ev.key() == "Enter" {
            ev.prevent_default();
            if let Some(first) =
                visible.with_untracked(|v| v.first().map(|s| s.scenario.id.clone()))
            {
                on_pick.run(first);
            }
        }
    };
    let groups = move || {
        let lang = shell.lang.get();
        let all = visible.get();
        if all.is_empty() && library.with(|l| matches!(l, Some(Ok(_)))) {
            return view! { <p class="muted">{shell.t(Key::NoScenarioMatches)}</p> }.into_any();
        }
        Phase::ALL
            .into_iter()
            .filter_map(|phase| {
                let in_phase: Vec<ScenarioView> =
                    all.iter().filter(|v| v.scenario.phase == phase).cloned().collect();
                (!in_phase.is_empty()).then(|| view! {
                    <p class="reply-phase">{phase_name(lang, phase)}</p>
                    {in_phase.into_iter().map(|v| {
                        let id = v.scenario.id.clone();
                        let input_id = format!("reply-scenario-{id}");
                        let is_selected = { let id = id.clone(); move || selected.get().as_deref() == Some(id.as_str()) };
                        let is_suggested = { let id = id.clone(); move || suggested.get().as_deref() == Some(id.as_str()) };
                        let pick = id.clone();
                        view! {
                            <div class="reply-scenario">
                                <input type="radio" name="reply-scenario" id=input_id.clone() value=id.clone()
                                    prop:checked=is_selected
                                    on:change=move |_| on_pick.run(pick.clone())/>
                                <label for=input_id>
                                    {ui_text(lang, &v.scenario.name).to_owned()}
                                    " "<kbd class="muted" lang="en" translate="no">{v.scenario.shortcut.clone()}</kbd>
                                    <Show when=is_suggested>
                                        " "<span class="badge">{shell.tr(Key::ReplySuggested)}</span>
                                    </Show>
                                </label>
                            </div>
                        }
                    }).collect_view()}
                })
            })
            .collect_view()
            .into_any()
    };
    view! {
        <div class="reply-picker">
            <label for="reply-filter">{shell.tr(Key::FindScenario)}</label>
            <input id="reply-filter" type="search" node_ref=search autocomplete="off"
                prop:value=filter on:input=move |ev| filter.set(event_target_value(&ev))
                on:keydown=on_keydown/>
            <fieldset class="reply-scenarios">
                <legend>{shell.tr(Key::ReplyScenario)}</legend>
                {groups}
            </fieldset>
        </div>
    }
}
