//! The complaint-handling wizard: listen, record and judge, remedy, follow up.
//!
//! The form text lives in a [`ComplaintDraft`] that is written to IndexedDB on every
//! keystroke, so a reload or a crash loses nothing; a step is written into the
//! complaint itself only when it validates (`services::complaints`). Each step is a
//! component of its own over the same draft.

use leptos::prelude::*;

use crate::domain::complaints::{
    Complaint, ComplaintDraft, ComplaintField, ComplaintState, StepError, Temperament, WizardStep,
};
use crate::domain::customers::Customer;
use crate::i18n::{
    complaint_error_message, complaint_heading, complaint_state_name, labelled, mark_as_label,
    stance_text, step_problem_message, step_title, text, Key, Lang,
};
use crate::services::complaints::{ComplaintActionError, FollowUpPlanned};
use crate::storage::StoreError;
use crate::ui::complaints::clock::clock_text;
use crate::ui::complaints::labels::{field_choices, field_label};
use crate::ui::context::{Backend, CustomersView, ServiceDesk, Shell};
use crate::ui::replies::panel::{ComplaintReply, ReplyPanel};
use crate::ui::route::Route;
use crate::ui::widgets::field::{SelectField, TextField, TextKind};
use crate::web::intl;

fn input_id(field: ComplaintField) -> String {
    format!("complaint-{}", field.code())
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum DraftStatus {
    Loading,
    Saved,
    Failed,
}

/// The draft being typed and the problems of the last save attempt: what every
/// step's component reads and writes.
#[derive(Clone, Copy)]
struct StepFields {
    draft: RwSignal<Option<ComplaintDraft>>,
    errors: RwSignal<Vec<StepError>>,
}

impl StepFields {
    fn value(&self, field: ComplaintField) -> String {
        self.draft.with(|d| {
            d.as_ref()
                .map(|d| d.field(field).to_owned())
                .unwrap_or_default()
        })
    }

    fn set(&self, field: ComplaintField, value: String) {
        self.draft.update(|d| {
            if let Some(d) = d {
                *d.field_mut(field) = value;
            }
        });
    }

    /// The field's problem from the last save attempt, in `lang`.
    fn error(&self, field: ComplaintField, lang: Lang) -> Option<String> {
        self.errors.with(|list| {
            list.iter()
                .find(|e| e.field == field)
                .map(|e| step_problem_message(lang, e.problem))
        })
    }

    fn go_to(&self, step: WizardStep) {
        self.errors.set(Vec::new());
        self.draft.update(|d| {
            if let Some(d) = d {
                d.step = step;
            }
        });
    }
}

/// A text field of the draft.
#[component]
fn DraftText(
    fields: StepFields,
    field: ComplaintField,
    #[prop(default = TextKind::Input("text"))] kind: TextKind,
) -> impl IntoView {
    let shell = expect_context::<Shell>();
    let error = Signal::derive(move || fields.error(field, shell.lang.get()));
    view! {
        <TextField id=input_id(field) kind=kind
            label=Signal::derive(move || field_label(shell.lang.get(), field).to_owned())
            value=Signal::derive(move || fields.value(field))
            on_input=Callback::new(move |v| fields.set(field, v))
            error=error/>
    }
}

/// A select field of the draft, with "Choose…" first.
#[component]
fn DraftChoice(fields: StepFields, field: ComplaintField) -> impl IntoView {
    let shell = expect_context::<Shell>();
    let error = Signal::derive(move || fields.error(field, shell.lang.get()));
    let options = field_choices(shell.lang.get_untracked(), field)
        .into_iter()
        .enumerate()
        .map(|(i, (code, _))| {
            let name = Signal::derive(move || {
                field_choices(shell.lang.get(), field)
                    .get(i)
                    .map(|(_, name)| (*name).to_owned())
                    .unwrap_or_default()
            });
            (code.to_owned(), name)
        })
        .collect();
    view! {
        <SelectField id=input_id(field)
            label=Signal::derive(move || field_label(shell.lang.get(), field).to_owned())
            value=Signal::derive(move || fields.value(field))
            on_change=Callback::new(move |v| fields.set(field, v))
            error=error
            placeholder=Signal::derive(move || shell.t(Key::ChooseOne).to_owned())
            options=options/>
    }
}

/// Step 1: the customer's own words, and the acknowledgement that fits their
/// temperament: the reply panel with the acknowledgement preselected, in the
/// buyer's language, following the temperament as it is chosen.
#[component]
fn ListenStep(
    fields: StepFields,
    customer: Option<Customer>,
    complaint_id: String,
) -> impl IntoView {
    let shell = expect_context::<Shell>();
    let backend = expect_context::<Backend>();
    let temperament =
        Signal::derive(move || Temperament::from_code(&fields.value(ComplaintField::Temperament)));
    let stance = move || {
        temperament.get().map(|t| view! {
            <p class="notice"><strong>{move || labelled(shell.lang.get(), shell.t(Key::Stance), "")}</strong>{stance_text(shell.lang.get(), t)}</p>
        })
    };
    let reply = customer.map(|customer| {
        let customer_id = customer.id.clone();
        let orders_read = LocalResource::new(move || {
            backend.changes.track_orders();
            let id = customer_id.clone();
            async move { backend.orders_for(id).await }
        });
        let orders = Signal::derive(move || {
            orders_read
                .get()
                .map(|read| read.map_err(|e| crate::storage::store_error_message(shell.lang.get(), &e)))
        });
        let context = ComplaintReply {
            complaint_id: StoredValue::new(complaint_id),
            temperament,
            order_ref: Signal::derive(move || fields.value(ComplaintField::OrderRef)),
        };
        view! {
            <section class="wizard-reply" aria-labelledby="wizard-reply-title">
                <h4 id="wizard-reply-title">{shell.tr(Key::AcknowledgementReply)}</h4>
                <ReplyPanel customer=customer orders=orders order_id=Signal::derive(|| None::<String>) complaint=context/>
            </section>
        }
    });
    view! {
        <DraftText fields field=ComplaintField::CustomerWords kind=TextKind::Area(4)/>
        <DraftText fields field=ComplaintField::Channel/>
        <DraftText fields field=ComplaintField::OrderRef/>
        <DraftChoice fields field=ComplaintField::Temperament/>
        {stance}
        {reply}
    }
}

/// Step 2: what happened, and whether the complaint is justified.
#[component]
fn RecordStep(fields: StepFields) -> impl IntoView {
    view! {
        <DraftText fields field=ComplaintField::Complainant/>
        <DraftChoice fields field=ComplaintField::Cause/>
        <DraftText fields field=ComplaintField::WhatHappened kind=TextKind::Area(4)/>
        <DraftText fields field=ComplaintField::HappenedOn kind=TextKind::Input("date")/>
        <DraftText fields field=ComplaintField::Product/>
        <DraftText fields field=ComplaintField::PurchasedOn kind=TextKind::Input("date")/>
        <DraftText fields field=ComplaintField::Usage/>
        <DraftText fields field=ComplaintField::WantedOutcome/>
        <DraftText fields field=ComplaintField::WantedHow/>
        <DraftChoice fields field=ComplaintField::Validity/>
        <DraftText fields field=ComplaintField::ValidityReason/>
    }
}

/// Step 3: the remedy, booked as a cost to serve when saved.
#[component]
fn RemedyStep(fields: StepFields) -> impl IntoView {
    let shell = expect_context::<Shell>();
    view! {
        <DraftChoice fields field=ComplaintField::Remedy/>
        <DraftText fields field=ComplaintField::RemedyAmount/>
        <DraftText fields field=ComplaintField::RemedyCurrency/>
        <DraftText fields field=ComplaintField::RemedyNote/>
        <p class="muted">{shell.tr(Key::RemedyCostNote)}</p>
    }
}

/// Step 4: when to check back, and how it ended.
#[component]
fn FollowUpStep(fields: StepFields) -> impl IntoView {
    view! {
        <DraftText fields field=ComplaintField::FollowUpAt kind=TextKind::Input("datetime-local")/>
        <DraftText fields field=ComplaintField::Outcome kind=TextKind::Area(4)/>
        <DraftChoice fields field=ComplaintField::Satisfaction/>
    }
}

#[component]
pub fn ComplaintWizard(id: String) -> impl IntoView {
    let backend = expect_context::<Backend>();
    let customers_view = expect_context::<CustomersView>();
    let desk = expect_context::<ServiceDesk>();
    let shell = expect_context::<Shell>();
    let lookup = id.clone();
    let complaint = Memo::new(move |_| desk.complaint(&lookup));
    let fields = StepFields {
        draft: RwSignal::new(None),
        errors: RwSignal::new(Vec::new()),
    };
    let draft = fields.draft;
    let errors = fields.errors;
    let status = RwSignal::new(DraftStatus::Loading);
    let form_error: RwSignal<Option<String>> = RwSignal::new(None);
    let stale = RwSignal::new(false);

    // The draft to resume, read once the complaint is known (it may arrive after
    // the page opened). Only "is it there" is tracked: saving the complaint must
    // not read the draft again over what the rep is typing.
    let known = Memo::new(move |_| complaint.with(Option::is_some));
    let resumed = LocalResource::new(move || {
        let current = known.get().then(|| complaint.get_untracked()).flatten();
        async move {
            match current {
                Some(c) => Some(backend.resume_draft(c).await),
                None => None,
            }
        }
    });
    Effect::new(move |_| {
        let Some(Some(read)) = resumed.get() else {
            return;
        };
        if draft.with_untracked(Option::is_some) {
            return;
        }
        match read {
            Ok(read) => {
                if let Some(e) = &read.error {
                    form_error.set(Some(shell.store_message(e)));
                }
                draft.set(Some(read.draft));
            }
            Err(e) => form_error.set(Some(shell.store_message(&e))),
        }
    });

    // Autosave: every change of the draft is written through.
    Effect::new(move |_| {
        let Some(current) = draft.get() else {
            return;
        };
        leptos::task::spawn_local(async move {
            match backend.save_complaint_draft(&current).await {
                Ok(()) => status.set(DraftStatus::Saved),
                Err(e) => {
                    status.set(DraftStatus::Failed);
                    form_error.set(Some(shell.store_message(&e)));
                }
            }
        });
    });

    let report = move |e: ComplaintActionError| match e {
        ComplaintActionError::Invalid(found) => {
            if let Some(first) = found.first() {
                focus_input(&input_id(first.field));
            }
            errors.set(found);
        }
        ComplaintActionError::Rule(e) => {
            errors.set(Vec::new());
            form_error.set(Some(complaint_error_message(
                shell.lang.get_untracked(),
                &e,
            )));
        }
        ComplaintActionError::Store(e) => {
            if matches!(e, StoreError::StaleRevision { .. }) {
                stale.set(true);
            }
            form_error.set(Some(shell.store_message(&e)));
        }
    };

    // Validates the step on screen, writes it into the complaint and moves on.
    let save_step = Action::new_local(move |resolve: &bool| {
        let resolve = *resolve;
        let current = complaint.get_untracked();
        let typed = draft.get_untracked();
        async move {
            let (Some(current), Some(typed)) = (current, typed) else {
                return;
            };
            let step = typed.step;
            let saved = match backend.save_wizard_step(&current, &typed, resolve).await {
                Ok(saved) => saved,
                Err(e) => return report(e),
            };
            errors.set(Vec::new());
            form_error.set(None);
            if let FollowUpPlanned::Failed(e) = saved.follow_up {
                report(ComplaintActionError::Store(e));
            }
            if resolve {
                shell.confirm(Key::ComplaintResolved);
            } else if let Some(next) = step.next() {
                draft.update(|d| {
                    if let Some(d) = d {
                        d.step = next;
                    }
                });
                focus_input("wizard-step-title");
            } else {
                shell.confirm(Key::Saved);
            }
        }
    });
    let busy = save_step.pending();

    let change_state = Action::new_local(move |to: &Option<ComplaintState>| {
        let to = *to;
        let current = complaint.get_untracked();
        async move {
            let Some(current) = current else {
                return;
            };
            match backend.change_complaint_state(&current, to).await {
                Ok(_) => form_error.set(None),
                Err(e) => report(e),
            }
        }
    });

    let reload = Action::new_local(move |id: &String| {
        let id = id.clone();
        async move {
            match backend.reload_complaint(&id).await {
                Ok(_) => {
                    stale.set(false);
                    form_error.set(None);
                }
                Err(e) => report(ComplaintActionError::Store(e)),
            }
        }
    });

    move || {
        let reload_id = id.clone();
        let Some(c) = complaint.get() else {
            return view! { <p class="error-panel" role="alert">{shell.t(Key::NotFound)}</p> }
                .into_any();
        };
        let lang = shell.lang.get();
        let customer = customers_view
            .directory
            .with(|d| d.get(&c.customer_id).cloned());
        let customer_name = customer
            .as_ref()
            .map(|c| c.name.clone())
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
                    <button type="button" class="ghost" on:click=move |_| shell.navigate(Route::Customer(customer_id.clone()))>
                        {"← "}{customer_name.clone()}
                    </button>
                    <h2 id="complaint-title">{complaint_heading(lang, &customer_name)}</h2>
                    <span class=format!("stage complaint-state-{}", c.state.code()) data-testid="complaint-state">
                        {complaint_state_name(lang, c.state)}
                    </span>
                </div>
                <p class="local-clock" data-testid="response-clock">
                    {move || clock_text(shell.lang.get(), &clock_complaint, shell.now.get())}
                </p>
                <div class="state-actions" role="group" aria-label=text(lang, Key::ComplaintStateActions)>
                    {c.state.is_active().then(|| view! {
                        <button type="button" on:click=move |_| { change_state.dispatch(None); }>{text(lang, Key::CustomerWroteAgain)}</button>
                    })}
                    {moves.into_iter().map(|to| view! {
                        <button type="button" on:click=move |_| { change_state.dispatch(Some(to)); }>
                            {mark_as_label(lang, to)}
                        </button>
                    }).collect_view()}
                </div>
                <nav aria-label=text(lang, Key::WizardSteps)>
                    <ol class="wizard-steps">
                        {WizardStep::ALL.into_iter().map(|s| {
                            let reachable = s == WizardStep::Listen || completed.is_some_and(|done| done >= s || done.next() == Some(s));
                            let current = step == Some(s);
                            view! {
                                <li class:current=current class:done=completed.is_some_and(|done| done >= s)>
                                    <button type="button" class="ghost" disabled=!reachable
                                        aria-current=if current { "step" } else { "false" }
                                        on:click=move |_| fields.go_to(s)>
                                        {step_title(lang, s)}
                                    </button>
                                </li>
                            }
                        }).collect_view()}
                    </ol>
                </nav>
                <p class="muted" role="status" data-testid="draft-status">{move || match status.get() {
                    DraftStatus::Loading => shell.t(Key::Loading),
                    DraftStatus::Saved => shell.t(Key::DraftSaved),
                    DraftStatus::Failed => shell.t(Key::DraftNotSaved),
                }}</p>
                <StateHistory complaint=c.clone()/>
                <form class="customer-form" on:submit=move |ev| { ev.prevent_default(); save_step.dispatch(false); }>
                    <h3 id="wizard-step-title" tabindex="-1">{step.map(|s| step_title(lang, s))}</h3>
                    {match step {
                        None => view! { <p class="loading">{text(lang, Key::Loading)}</p> }.into_any(),
                        Some(WizardStep::Listen) => view! {
                            <ListenStep fields customer=customer.clone() complaint_id=c.id.clone()/>
                        }.into_any(),
                        Some(WizardStep::Record) => view! { <RecordStep fields/> }.into_any(),
                        Some(WizardStep::Remedy) => view! { <RemedyStep fields/> }.into_any(),
                        Some(WizardStep::FollowUp) => view! { <FollowUpStep fields/> }.into_any(),
                    }}
                    <p class="form-error" role="alert">{move || form_error.get()}</p>
                    <Show when=move || stale.get()>
                        {
                            let reload_id = reload_id.clone();
                            view! {
                                <button type="button" on:click=move |_| { reload.dispatch(reload_id.clone()); }>{shell.tr(Key::ReloadComplaint)}</button>
                            }
                        }
                    </Show>
                    <div class="form-actions">
                        {step.and_then(|s| s.previous()).map(|prev| view! {
                            <button type="button" on:click=move |_| fields.go_to(prev)>{text(lang, Key::PreviousStep)}</button>
                        })}
                        <button type="submit" class="primary" disabled=move || busy.get()>
                            {if step == Some(WizardStep::FollowUp) { text(lang, Key::SaveFollowUp) } else { text(lang, Key::SaveAndContinue) }}
                        </button>
                        {(step == Some(WizardStep::FollowUp) && c.state.is_active()).then(|| view! {
                            <button type="button" disabled=move || busy.get() on:click=move |_| { save_step.dispatch(true); }>{text(lang, Key::ResolveComplaint)}</button>
                        })}
                    </div>
                </form>
            </section>
        }
        .into_any()
    }
}

/// Every state move so far, folded away.
#[component]
fn StateHistory(complaint: Complaint) -> impl IntoView {
    let shell = expect_context::<Shell>();
    let lang = shell.lang.get_untracked();
    (!complaint.history.is_empty()).then(|| {
        view! {
            <details class="state-history">
                <summary>{text(lang, Key::StateHistory)}</summary>
                <ol class="stage-history">
                    {complaint.history.iter().map(|change| view! {
                        <li>
                            <time datetime=change.at.to_rfc3339()>{intl::format_instant(change.at, lang.code())}</time>
                            {format!(" · {} → {}", complaint_state_name(lang, change.from), complaint_state_name(lang, change.to))}
                        </li>
                    }).collect_view()}
                </ol>
            </details>
        }
    })
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
