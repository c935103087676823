//! The customer's stage in the flow model: the moves allowed from here, with a
//! reason, and the stage history.

use leptos::ev;
use leptos::prelude::*;

use crate::domain::customers::{Customer, RelationshipStage};
use crate::i18n::{stage_move_error_message, stage_name, Key};
use crate::services::customers::StageActionError;
use crate::storage::store_error_message;
use crate::ui::context::{Backend, Shell};
use crate::web::intl;

#[component]
pub(super) fn StageSection(customer: Customer) -> impl IntoView {
    let backend = expect_context::<Backend>();
    let shell = expect_context::<Shell>();
    let moves = customer.stage.allowed_moves();
    let target = RwSignal::new(
        moves
            .first()
            .map(|s| s.code().to_owned())
            .unwrap_or_default(),
    );
    let reason = RwSignal::new(String::new());
    let error: RwSignal<Option<String>> = RwSignal::new(None);
    let id = customer.id.clone();
    let move_stage = Action::new_local(move |to: &RelationshipStage| {
        let (id, to) = (id.clone(), *to);
        async move {
            let result = backend.move_stage(&id, to, &reason.get_untracked()).await;
            let lang = shell.lang.get_untracked();
            match result {
                Ok(_) => {
                    error.set(None);
                    reason.set(String::new());
                    shell.confirm(Key::StageMoved);
                }
                Err(StageActionError::Rule(e)) => {
                    error.set(Some(stage_move_error_message(lang, &e)))
                }
                Err(StageActionError::Store(e)) => error.set(Some(store_error_message(lang, &e))),
            }
        }
    });
    let busy = move_stage.pending();
    let submit = move |ev: ev::SubmitEvent| {
        ev.prevent_default();
        if let Some(to) = RelationshipStage::from_code(&target.get_untracked()) {
            move_stage.dispatch(to);
        }
    };
    let history = customer.stage_history.clone();
    view! {
        <section class="stage-section" aria-labelledby="stage-title">
            <h3 id="stage-title">{move || shell.t(Key::StageSection)}</h3>
            {if moves.is_empty() {
                view! { <p>{move || shell.t(Key::NoMovesAllowed)}</p> }.into_any()
            } else {
                view! {
                    <form class="stage-form" on:submit=submit>
                        <div class="field">
                            <label for="stage-target">{move || shell.t(Key::MoveTo)}</label>
                            <select id="stage-target" prop:value=move || target.get() on:change=move |ev| target.set(event_target_value(&ev))>
                                {moves.iter().map(|&s| view! {
                                    <option value=s.code()>{move || stage_name(shell.lang.get(), s)}</option>
                                }).collect_view()}
                            </select>
                        </div>
                        <div class="field">
                            <label for="stage-reason">{move || shell.t(Key::Reason)}</label>
                            <input id="stage-reason" type="text" prop:value=move || reason.get()
                                aria-invalid=move || error.get().is_some().to_string()
                                aria-describedby="stage-error"
                                on:input=move |ev| reason.set(event_target_value(&ev))/>
                        </div>
                        <button type="submit" disabled=move || busy.get()>{move || shell.t(Key::MoveStage)}</button>
                    </form>
                }.into_any()
            }}
            <p id="stage-error" class="field-error" role="alert">{move || error.get()}</p>
            <h4>{move || shell.t(Key::StageHistory)}</h4>
            {if history.is_empty() {
                view! { <p class="muted">{move || shell.t(Key::NoStageHistory)}</p> }.into_any()
            } else {
                view! {
                    <ol class="stage-history" reversed>
                        {history.into_iter().rev().map(|change| view! {
                            <li>
                                <time datetime=change.at.to_rfc3339()>{move || intl::format_instant(change.at, shell.locale())}</time>
                                " · "{move || stage_name(shell.lang.get(), change.from)}" → "{move || stage_name(shell.lang.get(), change.to)}
                                " · "{change.reason.clone()}
                            </li>
                        }).collect_view()}
                    </ol>
                }.into_any()
            }}
        </section>
    }
}
