//! The complaint-handling wizard: listen, record and judge, remedy, follow up.
//!
//! The form text lives in a [`ComplaintDraft`] that is written to IndexedDB on every
//! keystroke, so a reload or a crash loses nothing; a step is written into the
//! complaint itself only when it validates.

use chrono::Utc;
use leptos::prelude::*;
use leptos::task::spawn_local;

use super::complaint_labels::{
    cause_fn, field_label, remedy_fn, sat_1, sat_2, sat_3, sat_4, sat_5, temperament_fn,
    validity_fn,
};
use super::route::Route;
use super::state::{store_error_message, AppState, ToastKind};
use crate::domain::complaints::{
    acknowledgement, apply_step, customer_wrote, move_state, remedy_cost, response_clock,
    Complaint, ComplaintCause, ComplaintDraft, ComplaintField, ComplaintState, RemedyKind,
    StepError, Temperament, Validity, WizardStep,
};
use crate::domain::contacts::FollowUp;
use crate::i18n::{
    complaint_error_message, complaint_state_name, duration_text, stance_text, step_name,
    step_problem_message, text, Key, Lang,
};
use crate::storage::StoreError;
use crate::web::intl;

/// A select option: its code and its name in a UI language.
type ChoiceOption = (&'static str, fn(Lang) -> &'static str);

fn input_id(field: ComplaintField) -> String {
    format!("complaint-{}", field.code())
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum DraftStatus {
    Loading,
    Saved,
    Failed,
}

/// How far the response clock has run, for a line of text.
pub fn clock_text(lang: Lang, complaint: &Complaint, state: &AppState, now_ms: f64) -> String {
    let now = chrono::DateTime::from_timestamp_millis(now_ms as i64).unwrap_or_else(Utc::now);
    let tier = state.tier_of(&complaint.customer_id);
    let clock = state
        .response_targets
        .with(|t| response_clock(complaint, tier, t, now));
    let waited = format!(
        "{} {} · {} {}",
        text(lang, Key::OpenedAgo),
        duration_text(lang, clock.since_opened),
        duration_text(lang, clock.since_customer_message),
        text(lang, Key::SinceCustomerMessage)
    );
    let target = format!(
        "{} {}",
        text(lang, Key::ResponseTarget),
        duration_text(lang, clock.target)
    );
    let remaining = match clock.remaining {
        None if complaint.state.is_active() => text(lang, Key::ClockPaused).to_owned(),
        None => text(lang, Key::ClockStopped).to_owned(),
        Some(left) if clock.overdue => format!(
            "{} {}",
            text(lang, Key::OverdueBy),
            duration_text(lang, -left)
        ),
        Some(left) => format!("{} {}", duration_text(lang, left), text(lang, Key::Left)),
    };
    format!("{waited} · {target} · {remaining}")
}

#[component]
pub fn ComplaintWizard(id: String) -> impl IntoView {
    let state = expect_context::<AppState>();
    let lookup = id.clone();
    let complaint = Memo::new(move |_| state.complaint(&lookup));
    let draft: RwSignal<Option<ComplaintDraft>> = RwSignal::new(None);
    let status = RwSignal::new(DraftStatus::Loading);
    let errors: RwSignal<Vec<StepError>> = RwSignal::new(Vec::new());
    let form_error: RwSignal<Option<String>> = RwSignal::new(None);
    let stale = RwSignal::new(false);
    let busy = RwSignal::new(false);

    // The saved draft wins over the complaint: it holds what was typed last.
    let load_id = id.clone();
    spawn_local(async move {
        let loaded = state.load_complaint_draft(&load_id).await;
        let Some(current) = state.complaint(&load_id) else {
            return;
        };
        match loaded {
            Ok(Some(saved)) => draft.set(Some(saved)),
            Ok(None) => {
                let step = current
                    .completed_step
                    .and_then(|s| s.next().or(Some(s)))
                    .unwrap_or(WizardStep::Listen);
                draft.set(Some(ComplaintDraft::from_complaint(
                    &current,
                    step,
                    intl::rep_offset_at(""),
                )))
            }
            Err(e) => {
                form_error.set(Some(store_error_message(state.lang.get_untracked(), &e)));
                draft.set(Some(ComplaintDraft::from_complaint(
                    &current,
                    WizardStep::Listen,
                    intl::rep_offset_at(""),
                )));
            }
        }
    });

    // Autosave: every change of the draft is written through.
    Effect::new(move |_| {
        let Some(current) = draft.get() else {
            return;
        };
        spawn_local(async move {
            match state.save_complaint_draft(&current).await {
                Ok(()) => status.set(DraftStatus::Saved),
                Err(e) => {
                    status.set(DraftStatus::Failed);
                    form_error.set(Some(store_error_message(state.lang.get_untracked(), &e)));
                }
            }
        });
    });

    let set_field = move |field: ComplaintField, value: String| {
        draft.update(|d| {
            if let Some(d) = d {
                *d.field_mut(field) = value;
            }
        });
    };
    let value_of = move |field: ComplaintField| {
        draft.with(|d| {
            d.as_ref()
                .map(|d| d.field(field).to_owned())
                .unwrap_or_default()
        })
    };
    let error_of = move |field: ComplaintField| {
        errors.with(|list| {
            list.iter()
                .find(|e| e.field == field)
                .map(|e| step_problem_message(state.lang.get(), e.problem))
        })
    };

    let text_input = move |field: ComplaintField, kind: &'static str| {
        let id = input_id(field);
        let error_id = format!("{id}-error");
        view! {
            <div class="field">
                <label for=id.clone()>{move || field_label(state.lang.get(), field)}</label>
                {if kind == "textarea" {
                    view! {
                        <textarea id=id.clone() rows="4" prop:value=move || value_of(field)
                            aria-invalid=move || error_of(field).is_some().to_string()
                            aria-describedby=error_id.clone()
                            on:input=move |ev| set_field(field, event_target_value(&ev))></textarea>
                    }.into_any()
                } else {
                    view! {
                        <input id=id.clone() type=kind prop:value=move || value_of(field)
                            aria-invalid=move || error_of(field).is_some().to_string()
                            aria-describedby=error_id.clone()
                            on:input=move |ev| set_field(field, event_target_value(&ev))/>
                    }.into_any()
                }}
                <p id=error_id.clone() class="field-error">{move || error_of(field)}</p>
            </div>
        }
    };
    let choice = move |field: ComplaintField, options: Vec<ChoiceOption>| {
        let id = input_id(field);
        let error_id = format!("{id}-error");
        view! {
            <div class="field">
                <label for=id.clone()>{move || field_label(state.lang.get(), field)}</label>
                <select id=id.clone() prop:value=move || value_of(field)
                    aria-invalid=move || error_of(field).is_some().to_string()
                    aria-describedby=error_id.clone()
                    on:change=move |ev| set_field(field, event_target_value(&ev))>
                    <option value="">{move || state.t(Key::ChooseOne)}</option>
                    {options.into_iter().map(|(code, name)| view! {
                        <option value=code>{move || name(state.lang.get())}</option>
                    }).collect_view()}
                </select>
                <p id=error_id.clone() class="field-error">{move || error_of(field)}</p>
            </div>
        }
    };

    let report_store_error = move |e: StoreError| {
        let lang = state.lang.get_untracked();
        if matches!(e, StoreError::StaleRevision { .. }) {
            stale.set(true);
        }
        form_error.set(Some(store_error_message(lang, &e)));
    };

    // Validates the step on screen, writes it into the complaint and moves on.
    let save_step = move |resolve: bool| {
        let (Some(current), Some(typed)) = (complaint.get_untracked(), draft.get_untracked())
        else {
            return;
        };
        let step = typed.step;
        let now = Utc::now();
        let offset = intl::rep_offset_at(&typed.follow_up_at);
        let updated = match apply_step(&current, &typed, step, now, offset) {
            Ok(updated) => updated,
            Err(found) => {
                if let Some(first) = found.first() {
                    focus_input(&input_id(first.field));
                }
                errors.set(found);
                return;
            }
        };
        errors.set(Vec::new());
        form_error.set(None);
        let updated = if resolve {
            match move_state(&updated, ComplaintState::Resolved, now) {
                Ok(resolved) => resolved,
                Err(e) => {
                    form_error.set(Some(complaint_error_message(
                        state.lang.get_untracked(),
                        &e,
                    )));
                    return;
                }
            }
        } else {
            updated
        };
        let cost = (step == WizardStep::Remedy)
            .then(|| remedy_cost(&updated, now.date_naive()))
            .flatten();
        busy.set(true);
        spawn_local(async move {
            let result = state.save_complaint(&updated, cost.as_ref()).await;
            busy.set(false);
            let saved = match result {
                Ok(saved) => saved,
                Err(e) => return report_store_error(e),
            };
            if step == WizardStep::FollowUp {
                if let Err(e) = plan_complaint_follow_up(state, &saved).await {
                    report_store_error(e);
                }
            }
            let lang = state.lang.get_untracked();
            if resolve {
                state.notify(
                    ToastKind::Info,
                    text(lang, Key::ComplaintResolved).into(),
                    None,
                );
            } else if let Some(next) = step.next() {
                draft.update(|d| {
                    if let Some(d) = d {
                        d.step = next;
                    }
                });
                focus_input("wizard-step-title");
            } else {
                state.notify(ToastKind::Info, text(lang, Key::Saved).into(), None);
            }
        });
    };

    let go_to = move |step: WizardStep| {
        errors.set(Vec::new());
        draft.update(|d| {
            if let Some(d) = d {
                d.step = step;
            }
        });
    };

    let change_state = move |to: Option<ComplaintState>| {
        let Some(current) = complaint.get_untracked() else {
            return;
        };
        let now = Utc::now();
        let moved = match to {
            Some(to) => move_state(&current, to, now),
            None => Ok(customer_wrote(&current, now)),
        };
        match moved {
            Err(e) => form_error.set(Some(complaint_error_message(
                state.lang.get_untracked(),
                &e,
            ))),
            Ok(moved) => spawn_local(async move {
                match state.save_complaint(&moved, None).await {
                    Ok(_) => form_error.set(None),
                    Err(e) => report_store_error(e),
                }
            }),
        }
    };

    let reload = move |_| {
        let id = id.clone();
        spawn_local(async move {
            match state.reload_complaint(&id).await {
                Ok(_) => {
                    stale.set(false);
                    form_error.set(None);
                }
                Err(e) => report_store_error(e),
            }
        });
    };

    move || {
        let reload = reload.clone();
        let Some(c) = complaint.get() else {
            return view! { <p class="error-panel" role="alert">{state.t(Key::NotFound)}</p> }
                .into_any();
        };
        let lang = state.lang.get();
        let customer = state.directory.with(|d| d.get(&c.customer_id).cloned());
        let customer_name = customer
            .as_ref()
            .map(|c| c.name.clone())
            .unwrap_or_default();
        let buyer_language = customer
            .as_ref()
            .map(|c| c.language.clone())
            .unwrap_or_default();
        let customer_id = c.customer_id.clone();
        let step = draft.with(|d| d.as_ref().map(|d| d.step));
        let moves: Vec<ComplaintState> = c
            .state
            .allowed_moves()
            .iter()
            .copied()
            .filter(|s| *s != ComplaintState::Resolved && *s != ComplaintState::InProgress)
            .collect();
        let completed = c.completed_step;
        let clock_complaint = c.clone();
        view! {
            <section class="record complaint-wizard" aria-labelledby="complaint-title">
                <div class="record-head">
                    <button type="button" class="ghost" on:click=move |_| state.navigate(Route::Customer(customer_id.clone()))>
                        {"← "}{customer_name.clone()}
                    </button>
                    <h2 id="complaint-title">{text(lang, Key::ComplaintTitle)}{" — "}{customer_name.clone()}</h2>
                    <span class=format!("stage complaint-state-{}", c.state.code()) data-testid="complaint-state">
                        {complaint_state_name(lang, c.state)}
                    </span>
                </div>
                <p class="local-clock" data-testid="response-clock">
                    {move || clock_text(state.lang.get(), &clock_complaint, &state, state.now.get())}
                </p>
                <div class="state-actions" role="group" aria-label=text(lang, Key::ComplaintStateActions)>
                    {c.state.is_active().then(|| view! {
                        <button type="button" on:click=move |_| change_state(None)>{text(lang, Key::CustomerWroteAgain)}</button>
                    })}
                    {moves.into_iter().map(|to| view! {
                        <button type="button" on:click=move |_| change_state(Some(to))>
                            {format!("{} {}", text(lang, Key::MarkAs), complaint_state_name(lang, to))}
                        </button>
                    }).collect_view()}
                </div>
                <nav aria-label=text(lang, Key::WizardSteps)>
                    <ol class="wizard-steps">
                        {[WizardStep::Listen, WizardStep::Record, WizardStep::Remedy, WizardStep::FollowUp].into_iter().map(|s| {
                            let reachable = s == WizardStep::Listen || completed.is_some_and(|done| done >= s || done.next() == Some(s));
                            let current = step == Some(s);
                            view! {
                                <li class:current=current class:done=completed.is_some_and(|done| done >= s)>
                                    <button type="button" class="ghost" disabled=!reachable
                                        aria-current=if current { "step" } else { "false" }
                                        on:click=move |_| go_to(s)>
                                        {format!("{}. {}", s.number(), step_name(lang, s))}
                                    </button>
                                </li>
                            }
                        }).collect_view()}
                    </ol>
                </nav>
                <p class="muted" role="status" data-testid="draft-status">{move || match status.get() {
                    DraftStatus::Loading => state.t(Key::Loading),
                    DraftStatus::Saved => state.t(Key::DraftSaved),
                    DraftStatus::Failed => state.t(Key::DraftNotSaved),
                }}</p>
                {(!c.history.is_empty()).then(|| view! {
                    <details class="state-history">
                        <summary>{text(lang, Key::StateHistory)}</summary>
                        <ol class="stage-history">
                            {c.history.iter().map(|change| view! {
                                <li>
                                    <time datetime=change.at.to_rfc3339()>{intl::format_instant(change.at, lang.code())}</time>
                                    {format!(" · {} → {}", complaint_state_name(lang, change.from), complaint_state_name(lang, change.to))}
                                </li>
                            }).collect_view()}
                        </ol>
                    </details>
                })}
                <form class="customer-form" on:submit=move |ev| { ev.prevent_default(); save_step(false); }>
                    <h3 id="wizard-step-title" tabindex="-1">{step.map(|s| format!("{}. {}", s.number(), step_name(lang, s)))}</h3>
                    {match step {
                        None => view! { <p class="loading">{text(lang, Key::Loading)}</p> }.into_any(),
                        Some(WizardStep::Listen) => view! {
                            {text_input(ComplaintField::CustomerWords, "textarea")}
                            {text_input(ComplaintField::Channel, "text")}
                            {text_input(ComplaintField::OrderRef, "text")}
                            {choice(ComplaintField::Temperament, Temperament::ALL.iter().map(|t| (t.code(), temperament_fn(*t))).collect())}
                            {move || {
                                let typed = value_of(ComplaintField::Temperament);
                                Temperament::from_code(&typed).map(|t| {
                                    let reply = acknowledgement(t, &buyer_language, &customer_name, &value_of(ComplaintField::OrderRef));
                                    let copy_text = reply.clone();
                                    view! {
                                        <div class="notice">
                                            <p><strong>{state.t(Key::Stance)}{": "}</strong>{stance_text(state.lang.get(), t)}</p>
                                            <label for="complaint-acknowledgement">{state.t(Key::AcknowledgementReply)}</label>
                                            <textarea id="complaint-acknowledgement" readonly rows="4" prop:value=reply></textarea>
                                            <button type="button" on:click=move |_| {
                                                let message = match intl::copy_to_clipboard(&copy_text) {
                                                    Ok(()) => state.t(Key::Copied),
                                                    Err(_) => state.t(Key::CopyFailed),
                                                };
                                                state.notify(ToastKind::Info, message.into(), None);
                                            }>{state.t(Key::CopyReply)}</button>
                                        </div>
                                    }
                                })
                            }}
                        }.into_any(),
                        Some(WizardStep::Record) => view! {
                            {text_input(ComplaintField::Complainant, "text")}
                            {choice(ComplaintField::Cause, ComplaintCause::ALL.iter().map(|c| (c.code(), cause_fn(*c))).collect())}
                            {text_input(ComplaintField::WhatHappened, "textarea")}
                            {text_input(ComplaintField::HappenedOn, "date")}
                            {text_input(ComplaintField::Product, "text")}
                            {text_input(ComplaintField::PurchasedOn, "date")}
                            {text_input(ComplaintField::Usage, "text")}
                            {text_input(ComplaintField::WantedOutcome, "text")}
                            {text_input(ComplaintField::WantedHow, "text")}
                            {choice(ComplaintField::Validity, Validity::ALL.iter().map(|v| (v.code(), validity_fn(*v))).collect())}
                            {text_input(ComplaintField::ValidityReason, "text")}
                        }.into_any(),
                        Some(WizardStep::Remedy) => view! {
                            {choice(ComplaintField::Remedy, RemedyKind::ALL.iter().map(|r| (r.code(), remedy_fn(*r))).collect())}
                            {text_input(ComplaintField::RemedyAmount, "text")}
                            {text_input(ComplaintField::RemedyCurrency, "text")}
                            {text_input(ComplaintField::RemedyNote, "text")}
                            <p class="muted">{text(lang, Key::RemedyCostNote)}</p>
                        }.into_any(),
                        Some(WizardStep::FollowUp) => view! {
                            {text_input(ComplaintField::FollowUpAt, "datetime-local")}
                            {text_input(ComplaintField::Outcome, "textarea")}
                            {choice(ComplaintField::Satisfaction, vec![("1", sat_1 as fn(Lang) -> &'static str), ("2", sat_2), ("3", sat_3), ("4", sat_4), ("5", sat_5)])}
                        }.into_any(),
                    }}
                    <p class="form-error" role="alert">{move || form_error.get()}</p>
                    <Show when=move || stale.get()>
                        <button type="button" on:click=reload.clone()>{move || state.t(Key::ReloadComplaint)}</button>
                    </Show>
                    <div class="form-actions">
                        {step.and_then(|s| s.previous()).map(|prev| view! {
                            <button type="button" on:click=move |_| go_to(prev)>{text(lang, Key::PreviousStep)}</button>
                        })}
                        <button type="submit" class="primary" disabled=move || busy.get()>
                            {if step == Some(WizardStep::FollowUp) { text(lang, Key::SaveFollowUp) } else { text(lang, Key::SaveAndContinue) }}
                        </button>
                        {(step == Some(WizardStep::FollowUp) && c.state.is_active()).then(|| view! {
                            <button type="button" disabled=move || busy.get() on:click=move |_| save_step(true)>{text(lang, Key::ResolveComplaint)}</button>
                        })}
                    </div>
                </form>
            </section>
        }
        .into_any()
    }
}

/// The follow-up contact the wizard planned, on the follow-up board (one per
/// complaint: planning again moves it).
async fn plan_complaint_follow_up(
    state: AppState,
    complaint: &Complaint,
) -> Result<(), StoreError> {
    let Some(due_at) = complaint.follow_up_at else {
        return Ok(());
    };
    let id = format!("complaint-follow-up:{}", complaint.id);
    let existing = state
        .follow_ups
        .with_untracked(|all| all.iter().find(|f| f.id == id).cloned());
    let follow_up = FollowUp {
        id,
        customer_id: complaint.customer_id.clone(),
        rep: state.rep_name.get_untracked(),
        due_at,
        duration_minutes: 30,
        purpose: text(state.lang.get_untracked(), Key::ComplaintFollowUpPurpose).to_owned(),
        complaint_id: Some(complaint.id.clone()),
        done_at: existing.as_ref().and_then(|f| f.done_at),
        created_at: existing.map_or_else(Utc::now, |f| f.created_at),
    };
    state.save_follow_up(&follow_up).await
}

/// Moves keyboard focus to an element by id (the first invalid field, the new step).
pub fn focus_input(id: &str) {
    let id = id.to_owned();
    // After the next render, when the element exists.
    request_animation_frame(move || {
        if let Some(el) = document().get_element_by_id(&id) {
            use wasm_bindgen::JsCast;
            if let Ok(el) = el.dyn_into::<web_sys::HtmlElement>() {
                let _ = el.focus();
            }
        }
    });
}
