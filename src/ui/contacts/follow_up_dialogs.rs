//! The follow-up's fields (shared by planning and editing), the dialog that edits
//! or reassigns a follow-up, and the revisit report dialog that *Done* opens.

use chrono::Utc;
use leptos::html;
use leptos::prelude::*;

use crate::domain::contacts::{
    edit_follow_up, follow_up_draft, ContactChannel, ContactError, ContactField, FollowUp,
    FollowUpDraft, ReportDraft, SATISFACTION_SCALE,
};
use crate::i18n::{
    channel_name, contact_problem_message, report_form_error, satisfaction_choice, text, Key,
};
use crate::services::contacts::ContactActionError;
use crate::ui::context::{Backend, CustomersView, ServiceDesk, Shell};
use crate::ui::widgets::field::{TextField, TextKind};
use crate::ui::widgets::shortcuts::on_window_keydown;
use crate::web::intl;

/// The message of `field`'s first problem in `errors`, in the UI language.
pub(super) fn field_error(
    shell: Shell,
    errors: RwSignal<Vec<ContactError>>,
    field: ContactField,
) -> Option<String> {
    errors.with(|list| {
        list.iter()
            .find(|e| e.field == field)
            .map(|e| contact_problem_message(shell.lang.get(), e.problem))
    })
}

/// A text field bound to one part of a draft signal.
pub(super) fn bound<T: Send + Sync + 'static>(
    shell: Shell,
    draft: RwSignal<T>,
    errors: RwSignal<Vec<ContactError>>,
    (id, field, label, kind): (String, ContactField, Key, TextKind),
    get: fn(&T) -> String,
    set: fn(&mut T, String),
) -> impl IntoView {
    view! {
        <TextField id=id kind=kind
            label=Signal::derive(move || shell.t(label).to_owned())
            value=Signal::derive(move || draft.with(get))
            on_input=Callback::new(move |v| {
                draft.update(|d| set(d, v));
                // A corrected field stops showing its old problem.
                if errors.with_untracked(|list| list.iter().any(|e| e.field == field)) {
                    errors.update(|list| list.retain(|e| e.field != field));
                }
            })
            error=Signal::derive(move || field_error(shell, errors, field))/>
    }
}

/// The fields of a follow-up: when, how long, who, why, what to raise and prepare.
/// `prefix` keeps the ids unique when the record's form and a dialog are both shown.
pub(super) fn follow_up_fields(
    shell: Shell,
    prefix: &'static str,
    draft: RwSignal<FollowUpDraft>,
    errors: RwSignal<Vec<ContactError>>,
) -> impl IntoView {
    use ContactField as F;
    let id = |name: &str| format!("{prefix}-{name}");
    view! {
        {bound(shell, draft, errors, (id("due"), F::DueAt, Key::FollowUpAt, TextKind::Input("datetime-local")), |d| d.due_at.clone(), |d, v| d.due_at = v)}
        {bound(shell, draft, errors, (id("duration"), F::Duration, Key::DurationMinutes, TextKind::Input("number")), |d| d.duration_minutes.clone(), |d, v| d.duration_minutes = v)}
        {bound(shell, draft, errors, (id("rep"), F::Rep, Key::Rep, TextKind::Input("text")), |d| d.rep.clone(), |d, v| d.rep = v)}
        {bound(shell, draft, errors, (id("purpose"), F::Purpose, Key::Purpose, TextKind::Input("text")), |d| d.purpose.clone(), |d, v| d.purpose = v)}
        {bound(shell, draft, errors, (id("talking-points"), F::TalkingPoints, Key::TalkingPoints, TextKind::Area(2)), |d| d.talking_points.clone(), |d, v| d.talking_points = v)}
        {bound(shell, draft, errors, (id("materials"), F::Materials, Key::Materials, TextKind::Area(2)), |d| d.materials.clone(), |d, v| d.materials = v)}
    }
}

/// A labelled modal dialog: focus moves to its first field, Escape closes it.
#[component]
pub(super) fn Dialog(
    id: &'static str,
    title: Key,
    #[prop(optional)] intro: Option<Key>,
    /// Closes the dialog (Escape, Cancel).
    on_close: Callback<()>,
    children: Children,
) -> impl IntoView {
    let shell = expect_context::<Shell>();
    let body = NodeRef::<html::Div>::new();
    Effect::new(move |_| {
        if let Some(body) = body.get() {
            if let Ok(Some(first)) = body.query_selector("input, select, textarea") {
                if let Ok(first) = wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(first) {
                    let _ = first.focus();
                }
            }
        }
    });
    on_window_keydown(move |ev| {
        if ev.key() == "Escape" {
            on_close.run(());
        }
    });
    let title_id = format!("{id}-title");
    let labelled_by = title_id.clone();
    view! {
        <div class="modal-backdrop">
            <div class="modal follow-up-dialog" role="dialog" aria-modal="true" aria-labelledby=labelled_by>
                <h3 id=title_id>{move || shell.t(title)}</h3>
                {intro.map(|key| view! { <p class="muted">{move || shell.t(key)}</p> })}
                <div node_ref=body>{children()}</div>
            </div>
        </div>
    }
}

/// Records what went wrong with a save: field errors go beside the fields (and the
/// sentence listing them, see [`failure_text`]), a storage failure into `failure`.
pub(super) fn show_failure(
    e: ContactActionError,
    errors: RwSignal<Vec<ContactError>>,
    failure: RwSignal<Option<String>>,
    shell: Shell,
) {
    match e {
        ContactActionError::Invalid(found) => {
            failure.set(None);
            errors.set(found);
        }
        ContactActionError::Store(e) => {
            errors.set(Vec::new());
            failure.set(Some(shell.store_message(&e)));
        }
    }
}

/// The dialog's alert line: the fields still wrong with what to do, else the
/// storage failure, else nothing.
pub(super) fn failure_text(
    shell: Shell,
    errors: RwSignal<Vec<ContactError>>,
    failure: RwSignal<Option<String>>,
) -> Option<String> {
    let lang = shell.lang.get();
    errors
        .with(|list| (!list.is_empty()).then(|| report_form_error(lang, list)))
        .or_else(|| failure.get())
}

/// Edits or reassigns `follow_up`, warning of night-time and clashes as planning does.
#[component]
pub fn EditFollowUpDialog(follow_up: FollowUp, open: RwSignal<Option<FollowUp>>) -> impl IntoView {
    let backend = expect_context::<Backend>();
    let customers_view = expect_context::<CustomersView>();
    let desk = expect_context::<ServiceDesk>();
    let shell = expect_context::<Shell>();
    let draft = RwSignal::new(follow_up_draft(&follow_up, intl::rep_offset_at("")));
    let errors: RwSignal<Vec<ContactError>> = RwSignal::new(Vec::new());
    let failure: RwSignal<Option<String>> = RwSignal::new(None);
    let original = StoredValue::new(follow_up);
    let candidate = Memo::new(move |_| {
        let mut d = draft.get();
        if d.purpose.trim().is_empty() {
            d.purpose = "…".into();
        }
        let offset = intl::rep_offset_at(&d.due_at);
        original.with_value(|f| edit_follow_up(f, &d, Utc::now(), offset).ok())
    });
    let save = Action::new_local(move |d: &FollowUpDraft| {
        let d = d.clone();
        let f = original.get_value();
        async move {
            match backend.edit_follow_up(&f, &d).await {
                Ok(_) => {
                    open.set(None);
                    shell.confirm(Key::FollowUpSaved);
                }
                Err(e) => show_failure(e, errors, failure, shell),
            }
        }
    });
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        save.dispatch(draft.get_untracked());
    };
    view! {
        <Dialog id="edit-follow-up" title=Key::EditFollowUpTitle on_close=Callback::new(move |()| open.set(None))>
            <form class="stage-form" on:submit=submit>
                {follow_up_fields(shell, "edit-follow-up", draft, errors)}
                <p class="notice" role="status" data-testid="edit-follow-up-warnings">
                    {move || candidate.get().map(|f| {
                        let all = desk.follow_ups.get();
                        super::follow_up_warnings::warnings(customers_view, shell.lang.get(), &f, &all)
                    })}
                </p>
                <p class="form-error" role="alert">{move || failure_text(shell, errors, failure)}</p>
                <div class="modal-actions">
                    <button type="button" on:click=move |_| open.set(None)>{shell.tr(Key::Cancel)}</button>
                    <button type="submit" class="primary" disabled=move || save.pending().get()>{shell.tr(Key::SaveFollowUpEdit)}</button>
                </div>
            </form>
        </Dialog>
    }
}

/// *Done* on a follow-up: what came of it, satisfaction, and the next follow-up.
#[component]
pub fn ReportDialog(follow_up: FollowUp, open: RwSignal<Option<FollowUp>>) -> impl IntoView {
    let backend = expect_context::<Backend>();
    let shell = expect_context::<Shell>();
    let draft = RwSignal::new(ReportDraft {
        channel: ContactChannel::Phone.code().to_owned(),
        ..ReportDraft::default()
    });
    let errors: RwSignal<Vec<ContactError>> = RwSignal::new(Vec::new());
    let failure: RwSignal<Option<String>> = RwSignal::new(None);
    let planned = StoredValue::new(follow_up);
    let file = Action::new_local(move |d: &ReportDraft| {
        let d = d.clone();
        let f = planned.get_value();
        async move {
            match backend.file_report(&f, &d).await {
                Ok(()) => {
                    open.set(None);
                    shell.confirm(Key::ReportSaved);
                }
                Err(e) => show_failure(e, errors, failure, shell),
            }
        }
    });
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        file.dispatch(draft.get_untracked());
    };
    use ContactField as F;
    let has_next = Memo::new(move |_| draft.with(|d| !d.next_at.trim().is_empty()));
    let error_of = move |field: F| Signal::derive(move || field_error(shell, errors, field));
    let satisfaction = move |value: String, label: Signal<String>| {
        let checked_value = value.clone();
        let set_value = value.clone();
        view! {
            <label class="choice">
                <input type="radio" name="report-satisfaction" value=value
                    prop:checked=move || draft.with(|d| d.satisfaction == checked_value)
                    on:change=move |_| {
                        draft.update(|d| d.satisfaction = set_value.clone());
                        errors.update(|list| list.retain(|e| e.field != ContactField::Satisfaction));
                    }/>
                {label}
            </label>
        }
    };
    view! {
        <Dialog id="report" title=Key::ReportTitle intro=Key::ReportIntro on_close=Callback::new(move |()| open.set(None))>
            <form class="stage-form report-form" on:submit=submit>
                <p class="muted">{move || planned.with_value(|f| crate::i18n::labelled(shell.lang.get(), text(shell.lang.get(), Key::Purpose), &f.purpose))}</p>
                <div class="field">
                    <label for="report-channel">{shell.tr(Key::ReportChannel)}</label>
                    <select id="report-channel" prop:value=move || draft.with(|d| d.channel.clone())
                        on:change=move |ev| draft.update(|d| d.channel = event_target_value(&ev))>
                        {ContactChannel::ALL.into_iter().map(|c| view! { <option value=c.code()>{move || channel_name(shell.lang.get(), c)}</option> }).collect_view()}
                    </select>
                    <p class="field-error">{move || error_of(F::Channel).get()}</p>
                </div>
                {bound(shell, draft, errors, ("report-outcome".into(), F::Outcome, Key::ReportOutcome, TextKind::Area(2)), |d| d.outcome.clone(), |d, v| d.outcome = v)}
                {bound(shell, draft, errors, ("report-next-step".into(), F::NextStep, Key::NextStep, TextKind::Input("text")), |d| d.next_step.clone(), |d, v| d.next_step = v)}
                <fieldset class="satisfaction-scale" aria-describedby="report-satisfaction-error">
                    <legend>{shell.tr(Key::SatisfactionScale)}</legend>
                    {satisfaction(String::new(), Signal::derive(move || shell.t(Key::NotAsked).to_owned()))}
                    {SATISFACTION_SCALE.map(|score| satisfaction(score.to_string(), Signal::derive(move || satisfaction_choice(shell.lang.get(), score)))).collect_view()}
                    <p id="report-satisfaction-error" class="field-error">{move || error_of(F::Satisfaction).get()}</p>
                </fieldset>
                {bound(shell, draft, errors, ("report-next-at".into(), F::NextAt, Key::PlanNextAt, TextKind::Input("datetime-local")), |d| d.next_at.clone(), |d, v| d.next_at = v)}
                {move || has_next.get().then(|| bound(shell, draft, errors, ("report-next-purpose".into(), F::NextPurpose, Key::NextPurpose, TextKind::Input("text")), |d| d.next_purpose.clone(), |d, v| d.next_purpose = v))}
                <p class="form-error" role="alert">{move || failure_text(shell, errors, failure)}</p>
                <div class="modal-actions">
                    <button type="button" on:click=move |_| open.set(None)>{shell.tr(Key::Cancel)}</button>
                    <button type="submit" class="primary" disabled=move || file.pending().get()>{shell.tr(Key::SaveReport)}</button>
                </div>
            </form>
        </Dialog>
    }
}
