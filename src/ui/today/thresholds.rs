//! The attention thresholds, editable by the team: each typed value is checked
//! against its range and saved as a team setting; the flags follow at once.

use leptos::prelude::*;

use crate::domain::care::attention::RhythmField;
use crate::i18n::{rhythm_field_label, rhythm_problem_message, Key};
use crate::ui::context::{Backend, Insight, Shell};

#[component]
pub fn Thresholds() -> impl IntoView {
    let shell = expect_context::<Shell>();
    let backend = expect_context::<Backend>();
    let insight = expect_context::<Insight>();
    let problem: RwSignal<Option<String>> = RwSignal::new(None);
    let save = Action::new_local(move |field_value: &(RhythmField, u32)| {
        let (field, value) = *field_value;
        async move {
            let lang = shell.lang.get_untracked();
            let next = match insight.rhythm.get_untracked().with(field, value) {
                Ok(next) => next,
                Err(p) => {
                    problem.set(Some(rhythm_problem_message(lang, &p)));
                    return;
                }
            };
            problem.set(None);
            match backend.save_rhythm_settings(&next).await {
                Ok(()) => {
                    insight.rhythm.set(next);
                    shell.confirm(Key::ThresholdsSaved);
                }
                Err(e) => shell.notify_error(&e),
            }
        }
    });
    view! {
        <details class="thresholds">
            <summary>{shell.tr(Key::AttentionThresholds)}</summary>
            <p class="muted">{shell.tr(Key::AttentionThresholdsHelp)}</p>
            <div class="threshold-fields">
                {RhythmField::ALL.into_iter().map(|field| {
                    let id = format!("threshold-{}", field.code());
                    let (min, max) = field.range();
                    view! {
                        <div class="field">
                            <label for=id.clone()>{move || rhythm_field_label(shell.lang.get(), field)}</label>
                            <input id=id type="number" min=min max=max step="1"
                                prop:value=move || insight.rhythm.with(|r| r.get(field).to_string())
                                on:change=move |ev| {
                                    let typed = event_target_value(&ev);
                                    match typed.trim().parse::<u32>() {
                                        Ok(value) => { save.dispatch((field, value)); }
                                        Err(_) => {
                                            let lang = shell.lang.get_untracked();
                                            let (min, max) = field.range();
                                            problem.set(Some(rhythm_problem_message(
                                                lang,
                                                &crate::domain::care::attention::RhythmSettingProblem { field, min, max },
                                            )));
                                        }
                                    }
                                }/>
                        </div>
                    }
                }).collect_view()}
            </div>
            <p class="field-error" role="alert">{move || problem.get()}</p>
        </details>
    }
}
