//! The customer's stage in the flow model: the moves allowed from here, with a
//! reason, and the stage history. A move to Lost asks for the loss cause, shows the
//! effort the customer's tier deserves and the win-back plan (each step can be
//! unticked) before the move; a move out of Lost closes the open win-back steps.

use std::collections::BTreeSet;

use leptos::ev;
use leptos::prelude::*;

use crate::domain::customers::{Customer, LossCause, RelationshipStage};
use crate::i18n::{
    channel_name, labelled, loss_cause_name, stage_move_error_message, stage_moved_message,
    stage_name, text, win_back_effort_name, win_back_effort_why, win_back_step_words, Key,
};
use crate::services::customers::StageActionError;
use crate::storage::store_error_message;
use crate::ui::context::{Backend, Shell, ToastKind};
use crate::web::intl;

#[component]
pub(super) fn StageSection(customer: Customer) -> impl IntoView {
    let backend = expect_context::<Backend>();
    let shell = expect_context::<Shell>();
    let moves = customer.stage.allowed_moves();
    let leaving_lost = customer.stage == RelationshipStage::Lost;
    let target = RwSignal::new(
        moves
            .first()
            .map(|s| s.code().to_owned())
            .unwrap_or_default(),
    );
    let reason = RwSignal::new(String::new());
    let cause_code = RwSignal::new(String::new());
    // Indices of the plan's steps the rep unticked (reset when the cause changes).
    let unticked: RwSignal<BTreeSet<usize>> = RwSignal::new(BTreeSet::new());
    let error: RwSignal<Option<String>> = RwSignal::new(None);
    let to_lost = Memo::new(move |_| {
        RelationshipStage::from_code(&target.get()) == Some(RelationshipStage::Lost)
    });
    let cause = Memo::new(move |_| {
        to_lost
            .get()
            .then(|| LossCause::from_code(&cause_code.get()))
            .flatten()
    });
    let previewed = customer.clone();
    let preview = Memo::new(move |_| {
        cause
            .get()
            .map(|cause| (cause, backend.win_back_preview(&previewed, cause)))
    });
    let id = customer.id.clone();
    let move_stage = Action::new_local(move |to: &RelationshipStage| {
        let (id, to) = (id.clone(), *to);
        let loss_cause = cause.get_untracked();
        let skipped = unticked.get_untracked();
        let steps: Vec<_> = preview
            .get_untracked()
            .map(|(_, (_, steps, _))| steps)
            .unwrap_or_default()
            .into_iter()
            .enumerate()
            .filter(|(i, _)| !skipped.contains(i))
            .map(|(_, step)| step)
            .collect();
        async move {
            let result = backend
                .move_stage(&id, to, &reason.get_untracked(), loss_cause, steps)
                .await;
            let lang = shell.lang.get_untracked();
            match result {
                Ok(moved) => {
                    error.set(None);
                    reason.set(String::new());
                    let message =
                        stage_moved_message(lang, moved.planned.len(), moved.closed.len());
                    shell.notify(ToastKind::Info, message, None);
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
    let cause_field = move || {
        to_lost.get().then(|| {
            view! {
                <div class="field">
                    <label for="stage-loss-cause">{shell.tr(Key::LossCause)}</label>
                    <select id="stage-loss-cause" aria-required="true" prop:value=move || cause_code.get()
                        aria-invalid=move || (error.get().is_some() && cause.get().is_none()).to_string()
                        aria-describedby="stage-error"
                        on:change=move |ev| {
                            unticked.set(BTreeSet::new());
                            error.set(None);
                            cause_code.set(event_target_value(&ev));
                        }>
                        <option value="">{shell.tr(Key::ChooseLossCause)}</option>
                        {LossCause::ALL.into_iter().map(|c| view! {
                            <option value=c.code()>{move || loss_cause_name(shell.lang.get(), c)}</option>
                        }).collect_view()}
                    </select>
                </div>
            }
        })
    };
    let plan_view = move || {
        preview.get().map(|(cause, (effort, steps, rep))| {
            let lang = shell.lang.get();
            view! {
                <div class="win-back-preview">
                    <p>
                        <strong>{labelled(lang, text(lang, Key::WinBackEffort), win_back_effort_name(lang, effort))}</strong>
                        " "{win_back_effort_why(lang, effort)}
                    </p>
                    {if steps.is_empty() {
                        view! { <p class="muted">{text(lang, Key::WinBackNoSteps)}</p> }.into_any()
                    } else {
                        view! {
                            <fieldset class="win-back-plan">
                                <legend>{text(lang, Key::WinBackPlan)}</legend>
                                <p class="muted">{text(lang, Key::WinBackPlanIntro)}</p>
                                <ul>
                                    {steps.into_iter().enumerate().map(|(i, step)| {
                                        let words = win_back_step_words(lang, step.step, cause);
                                        let box_id = format!("win-back-step-{i}");
                                        view! {
                                            <li>
                                                <input type="checkbox" id=box_id.clone()
                                                    prop:checked=move || !unticked.with(|u| u.contains(&i))
                                                    on:change=move |ev| {
                                                        let keep = event_target_checked(&ev);
                                                        unticked.update(|u| { if keep { u.remove(&i); } else { u.insert(i); } });
                                                    }/>
                                                <label for=box_id>
                                                    <time datetime=step.due_at.to_rfc3339()>{intl::format_instant(step.due_at, lang.code())}</time>
                                                    " · "{words.purpose}
                                                    " · "{channel_name(lang, step.channel)}
                                                    " · "{crate::i18n::duration_text(lang, chrono::Duration::minutes(i64::from(step.duration_minutes)))}
                                                </label>
                                                <p class="sub muted">{words.talking_points}</p>
                                            </li>
                                        }
                                    }).collect_view()}
                                </ul>
                                <p class="muted">{labelled(lang, text(lang, Key::WinBackPlanFor), &rep)}</p>
                            </fieldset>
                        }.into_any()
                    }}
                </div>
            }
        })
    };
    let history = customer.stage_history.clone();
    view! {
        <section class="stage-section" aria-labelledby="stage-title">
            <h3 id="stage-title">{shell.tr(Key::StageSection)}</h3>
            {if moves.is_empty() {
                view! { <p>{shell.tr(Key::NoMovesAllowed)}</p> }.into_any()
            } else {
                view! {
                    <form class="stage-form" on:submit=submit>
                        <div class="field">
                            <label for="stage-target">{shell.tr(Key::MoveTo)}</label>
                            <select id="stage-target" prop:value=move || target.get() on:change=move |ev| { error.set(None); target.set(event_target_value(&ev)); }>
                                {moves.iter().map(|&s| view! {
                                    <option value=s.code()>{move || stage_name(shell.lang.get(), s)}</option>
                                }).collect_view()}
                            </select>
                        </div>
                        {cause_field}
                        <div class="field">
                            <label for="stage-reason">{shell.tr(Key::Reason)}</label>
                            <input id="stage-reason" type="text" prop:value=move || reason.get()
                                aria-invalid=move || error.get().is_some().to_string()
                                aria-describedby="stage-error"
                                on:input=move |ev| reason.set(event_target_value(&ev))/>
                        </div>
                        {plan_view}
                        {leaving_lost.then(|| view! { <p class="muted">{shell.tr(Key::WinBackClosesSteps)}</p> })}
                        <button type="submit" disabled=move || busy.get()>{shell.tr(Key::MoveStage)}</button>
                    </form>
                }.into_any()
            }}
            <p id="stage-error" class="field-error" role="alert">{move || error.get()}</p>
            <h4>{shell.tr(Key::StageHistory)}</h4>
            {if history.is_empty() {
                view! { <p class="muted">{shell.tr(Key::NoStageHistory)}</p> }.into_any()
            } else {
                view! {
                    <ol class="stage-history" reversed>
                        {history.into_iter().rev().map(|change| view! {
                            <li>
                                <time datetime=change.at.to_rfc3339()>{move || intl::format_instant(change.at, shell.locale())}</time>
                                " · "{move || stage_name(shell.lang.get(), change.from)}" → "{move || stage_name(shell.lang.get(), change.to)}
                                " · "{change.reason.clone()}
                                {change.loss_cause.map(|cause| view! {
                                    " · "{move || { let lang = shell.lang.get(); labelled(lang, text(lang, Key::LossCause), loss_cause_name(lang, cause)) }}
                                })}
                            </li>
                        }).collect_view()}
                    </ol>
                }.into_any()
            }}
        </section>
    }
}
