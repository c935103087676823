//! Create and edit form for individuals and companies.
//!
//! Every keystroke lands in a [`CustomerDraft`] that is also kept in localStorage,
//! so a reload or a crash never loses what the rep typed; the draft is forgotten on
//! save or explicit cancel.

use chrono::Utc;
use leptos::ev;
use leptos::prelude::*;

use crate::domain::customers::RelationshipStage;
use crate::domain::customers::{
    rebase_draft, validate_draft, ContactPersonDraft, CustomerDraft, FamilyDateDraft, Field,
    FieldError,
};
use crate::domain::customers::{ContactRole, Customer, CustomerId, CustomerKind, LeadSource};
use crate::i18n::{
    field_label, kind_name, lead_source_name, problem_message, remove_row_label, role_name,
    stage_name, text, Key,
};
use crate::storage::StoreError;
use crate::ui::context::{Backend, Shell};
use crate::ui::route::Route;
use crate::ui::widgets::field::{TextField as SharedTextField, TextKind};
use crate::web::{intl, prefs};

type Getter = fn(&CustomerDraft) -> &String;
type Setter = fn(&mut CustomerDraft) -> &mut String;

fn draft_key(existing: Option<&Customer>) -> String {
    match existing {
        Some(c) => format!("crm.draft.edit.{}", c.id),
        None => "crm.draft.new".to_owned(),
    }
}

fn field_dom_id(field: Field) -> String {
    format!("{field:?}").to_lowercase().replace(['(', ')'], "-")
}

/// Error text for one field, in the UI language, if the last save attempt found one.
fn error_for(shell: Shell, errors: RwSignal<Vec<FieldError>>, field: Field) -> Option<String> {
    errors.with(|list| {
        list.iter()
            .find(|e| e.field == field)
            .map(|e| problem_message(shell.lang.get(), e.problem))
    })
}

#[component]
fn TextField(
    label: Key,
    field: Field,
    draft: RwSignal<CustomerDraft>,
    errors: RwSignal<Vec<FieldError>>,
    get: Getter,
    set: Setter,
    #[prop(optional)] input_type: Option<&'static str>,
    #[prop(optional)] multiline: bool,
    #[prop(optional)] list: Option<&'static str>,
    #[prop(optional)] required: bool,
    #[prop(optional)] placeholder: Option<&'static str>,
) -> impl IntoView {
    let shell = expect_context::<Shell>();
    let kind = if multiline {
        TextKind::Area(3)
    } else {
        TextKind::Input(input_type.unwrap_or("text"))
    };
    view! {
        <SharedTextField id=field_dom_id(field) kind=kind required=required list=list placeholder=placeholder
            label=Signal::derive(move || shell.t(label).to_owned())
            value=Signal::derive(move || draft.with(|d| get(d).clone()))
            on_input=Callback::new(move |v| draft.update(|d| *set(d) = v))
            error=Signal::derive(move || error_for(shell, errors, field))/>
    }
}

#[component]
pub fn CustomerForm(existing: Option<Customer>, new_kind: CustomerKind) -> impl IntoView {
    let backend = expect_context::<Backend>();
    let shell = expect_context::<Shell>();
    let key = draft_key(existing.as_ref());
    let fresh = match &existing {
        Some(c) => CustomerDraft::from_customer(c),
        None => CustomerDraft::empty(new_kind),
    };
    let restored: Option<CustomerDraft> =
        prefs::load_draft(&key).filter(|d: &CustomerDraft| *d != fresh);
    let was_restored = restored.is_some();
    // What the form showed before any edit: the base of the three-way merge that
    // "Reload record" performs after a stale save.
    let original = StoredValue::new(fresh.clone());
    let draft = RwSignal::new(restored.unwrap_or(fresh));
    // The record the edit is based on; replaced by "Reload record" after a stale save.
    let base = RwSignal::new(existing.clone());
    let errors: RwSignal<Vec<FieldError>> = RwSignal::new(Vec::new());
    let form_error: RwSignal<Option<String>> = RwSignal::new(None);
    let stale = RwSignal::new(false);
    let is_new = existing.is_none();
    let zones = StoredValue::new(intl::supported_time_zones());

    // Autosave the draft: an effect, because localStorage is the outside world.
    let autosave_key = key.clone();
    Effect::new(move |_| {
        let current = draft.get();
        if let Err(e) = prefs::store_draft(&autosave_key, &current) {
            leptos::logging::warn!("{e}");
            form_error.set(Some(
                text(shell.lang.get_untracked(), Key::LocalSaveFailed).to_owned(),
            ));
        }
    });

    let submit_key = key.clone();
    let save = Action::new_local(move |(customer, existing): &(Customer, bool)| {
        let (customer, existing) = (customer.clone(), *existing);
        let key = submit_key.clone();
        async move {
            let result = if existing {
                backend.save_customer(customer).await
            } else {
                backend.create_customer(customer).await
            };
            match result {
                Ok(saved) => {
                    prefs::forget_draft(&key);
                    shell.confirm(Key::Saved);
                    shell.navigate(Route::Customer(saved.id));
                }
                Err(e) => {
                    stale.set(matches!(e, StoreError::StaleRevision { .. }));
                    form_error.set(Some(shell.store_message(&e)));
                }
            }
        }
    });
    let busy = save.pending();
    let submit = move |ev: ev::SubmitEvent| {
        ev.prevent_default();
        let lang = shell.lang.get_untracked();
        let current = draft.get_untracked();
        let based_on = base.get_untracked();
        match validate_draft(&current, based_on.as_ref(), Utc::now(), &intl::BrowserZones) {
            Err(found) => {
                let first = found.first().map(|e| e.field);
                errors.set(found);
                form_error.set(Some(text(lang, Key::FixErrors).to_owned()));
                if let Some(field) = first {
                    if let Some(el) = document().get_element_by_id(&field_dom_id(field)) {
                        if let Ok(el) = wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(el) {
                            let _ = el.focus();
                        }
                    }
                }
            }
            Ok(customer) => {
                errors.set(Vec::new());
                form_error.set(None);
                save.dispatch((customer, based_on.is_some()));
            }
        }
    };

    let reload_record = Action::new_local(move |id: &CustomerId| {
        let id = id.clone();
        async move {
            match backend.reload_customer(&id).await {
                Ok(Some(fresh)) => {
                    let fresh_draft = CustomerDraft::from_customer(&fresh);
                    draft.update(|d| *d = rebase_draft(&original.get_value(), d, &fresh_draft));
                    original.set_value(fresh_draft);
                    base.set(Some(fresh));
                    stale.set(false);
                    form_error.set(None);
                }
                Ok(None) => form_error.set(Some(shell.t(Key::NotFound).to_owned())),
                Err(e) => form_error.set(Some(shell.store_message(&e))),
            }
        }
    });
    let reload = move |_| {
        if let Some(id) = base.get_untracked().map(|c| c.id) {
            reload_record.dispatch(id);
        }
    };

    let cancel_key = key.clone();
    let cancel_target = existing.as_ref().map(|c| c.id.clone());
    let cancel = move |_| {
        prefs::forget_draft(&cancel_key);
        match cancel_target.clone() {
            Some(id) => shell.navigate(Route::Customer(id)),
            None => shell.navigate(Route::List),
        }
    };
    let is_company = move || draft.with(|d| d.kind == CustomerKind::Company);
    let title = move || match &existing {
        Some(c) => format!("{} · {}", shell.t(Key::Edit), c.name),
        None => shell.t(Key::NewCustomer).to_owned(),
    };

    view! {
        <section class="customer-form" aria-labelledby="form-title">
            <h2 id="form-title">{title}</h2>
            <Show when=move || was_restored>
                <p class="notice" role="status">{shell.tr(Key::DraftRestored)}</p>
            </Show>
            <form novalidate on:submit=submit>
                <Show when=move || is_new>
                    <fieldset class="kind-choice">
                        <legend>{shell.tr(Key::Kind)}</legend>
                        {CustomerKind::ALL.into_iter().map(|k| view! {
                            <label class="inline">
                                <input type="radio" name="kind" value=k.code()
                                    prop:checked=move || draft.with(|d| d.kind == k)
                                    on:change=move |_| draft.update(|d| d.kind = k) />
                                <span>{move || kind_name(shell.lang.get(), k)}</span>
                            </label>
                        }).collect_view()}
                    </fieldset>
                </Show>
                <fieldset>
                    <legend>{shell.tr(Key::BasicInfo)}</legend>
                    <Show when=is_company fallback=move || view! {
                        <TextField label=Key::Name field=Field::Name draft errors get=|d| &d.name set=|d| &mut d.name required=true/>
                    }>
                        <TextField label=Key::CompanyName field=Field::Name draft errors get=|d| &d.name set=|d| &mut d.name required=true/>
                    </Show>
                    <TextField label=Key::Email field=Field::Email draft errors get=|d| &d.email set=|d| &mut d.email input_type="email"/>
                    <TextField label=Key::Phone field=Field::Phone draft errors get=|d| &d.phone set=|d| &mut d.phone input_type="tel"/>
                    <TextField label=Key::Messaging field=Field::Messaging draft errors get=|d| &d.messaging set=|d| &mut d.messaging/>
                    <TextField label=Key::AccountOwner field=Field::Owner draft errors get=|d| &d.owner set=|d| &mut d.owner/>
                    <TextField label=Key::Country field=Field::Country draft errors get=|d| &d.country set=|d| &mut d.country required=true placeholder="ES"/>
                    <TextField label=Key::BuyerLanguage field=Field::Language draft errors get=|d| &d.language set=|d| &mut d.language placeholder="es"/>
                    <TextField label=Key::TimeZone field=Field::TimeZone draft errors get=|d| &d.time_zone set=|d| &mut d.time_zone list="time-zones" placeholder="Europe/Madrid"/>
                    <datalist id="time-zones">
                        {zones.get_value().into_iter().map(|z| view! { <option value=z></option> }).collect_view()}
                    </datalist>
                    <TextField label=Key::Address field=Field::Address draft errors get=|d| &d.address set=|d| &mut d.address multiline=true/>
                    <TextField label=Key::Tags field=Field::Tags draft errors get=|d| &d.tags set=|d| &mut d.tags/>
                    <div class="field">
                        <label for="lead-source">{shell.tr(Key::LeadSourceLabel)}</label>
                        <select id="lead-source" prop:value=move || draft.with(|d| d.lead_source.clone())
                            on:change=move |ev| { let v = event_target_value(&ev); draft.update(|d| d.lead_source = v); }>
                            <option value="">"—"</option>
                            {LeadSource::ALL.into_iter().map(|s| view! {
                                <option value=s.code()>{move || lead_source_name(shell.lang.get(), s)}</option>
                            }).collect_view()}
                        </select>
                    </div>
                    <Show when=move || is_new>
                        <div class="field">
                            <label for="initial-stage">{shell.tr(Key::InitialStage)}</label>
                            <select id="initial-stage" prop:value=move || draft.with(|d| d.stage.clone())
                                on:change=move |ev| { let v = event_target_value(&ev); draft.update(|d| d.stage = v); }>
                                {RelationshipStage::ALL.into_iter().map(|s| view! {
                                    <option value=s.code()>{move || stage_name(shell.lang.get(), s)}</option>
                                }).collect_view()}
                            </select>
                        </div>
                    </Show>
                    <TextField label=Key::Notes field=Field::Notes draft errors get=|d| &d.notes set=|d| &mut d.notes multiline=true/>
                </fieldset>
                <Show when=is_company fallback=move || view! { <IndividualFields draft errors/> }>
                    <CompanyFields draft errors/>
                </Show>
                <p class="form-error" role="alert">{move || form_error.get()}</p>
                <div class="form-actions">
                    <button type="submit" class="primary" disabled=move || busy.get()>{shell.tr(Key::Save)}</button>
                    <button type="button" on:click=cancel.clone()>{shell.tr(Key::Cancel)}</button>
                    <Show when=move || stale.get()>
                        <button type="button" on:click=reload>{shell.tr(Key::ReloadRecord)}</button>
                    </Show>
                </div>
            </form>
        </section>
    }
}

#[component]
fn IndividualFields(
    draft: RwSignal<CustomerDraft>,
    errors: RwSignal<Vec<FieldError>>,
) -> impl IntoView {
    let shell = expect_context::<Shell>();
    let rows = move || draft.with(|d| d.family_dates.len());
    view! {
        <fieldset>
            <legend>{shell.tr(Key::PersonalDetails)}</legend>
            <TextField label=Key::Birthday field=Field::Birthday draft errors get=|d| &d.birthday set=|d| &mut d.birthday placeholder="1990-07-24"/>
            <TextField label=Key::Employer field=Field::Employer draft errors get=|d| &d.employer set=|d| &mut d.employer/>
            <TextField label=Key::Position field=Field::Position draft errors get=|d| &d.position set=|d| &mut d.position/>
            <TextField label=Key::Preferences field=Field::Preferences draft errors get=|d| &d.preferences set=|d| &mut d.preferences multiline=true/>
        </fieldset>
        <fieldset>
            <legend>{shell.tr(Key::FamilyDates)}</legend>
            {move || (0..rows()).map(|i| view! {
                <div class="row-group">
                    <RowInput label=move || field_label(shell.lang.get(), Field::FamilyDateLabel(i)) field=Field::FamilyDateLabel(i) errors
                        value=Signal::derive(move || draft.with(|d| d.family_dates.get(i).map(|r| r.label.clone()).unwrap_or_default()))
                        on_change=move |v| draft.update(|d| if let Some(r) = d.family_dates.get_mut(i) { r.label = v })/>
                    <RowInput label=move || field_label(shell.lang.get(), Field::FamilyDate(i)) field=Field::FamilyDate(i) errors
                        value=Signal::derive(move || draft.with(|d| d.family_dates.get(i).map(|r| r.date.clone()).unwrap_or_default()))
                        on_change=move |v| draft.update(|d| if let Some(r) = d.family_dates.get_mut(i) { r.date = v })/>
                    <button type="button" class="ghost" on:click=move |_| draft.update(|d| { if i < d.family_dates.len() { d.family_dates.remove(i); } })>
                        {move || remove_row_label(shell.lang.get(), i)}
                    </button>
                </div>
            }).collect_view()}
            <button type="button" on:click=move |_| draft.update(|d| d.family_dates.push(FamilyDateDraft::default()))>
                {shell.tr(Key::AddFamilyDate)}
            </button>
        </fieldset>
    }
}

#[component]
fn CompanyFields(
    draft: RwSignal<CustomerDraft>,
    errors: RwSignal<Vec<FieldError>>,
) -> impl IntoView {
    let shell = expect_context::<Shell>();
    let rows = move || draft.with(|d| d.contacts.len());
    view! {
        <fieldset>
            <legend>{shell.tr(Key::CompanyDetails)}</legend>
            <TextField label=Key::FoundedYear field=Field::FoundedYear draft errors get=|d| &d.founded_year set=|d| &mut d.founded_year input_type="text"/>
            <TextField label=Key::FoundedOn field=Field::FoundedOn draft errors get=|d| &d.founded_on set=|d| &mut d.founded_on placeholder="2005-03-14"/>
            <TextField label=Key::Employees field=Field::Employees draft errors get=|d| &d.employees set=|d| &mut d.employees/>
            <TextField label=Key::BusinessType field=Field::BusinessType draft errors get=|d| &d.business_type set=|d| &mut d.business_type/>
            <TextField label=Key::ServiceArea field=Field::ServiceArea draft errors get=|d| &d.service_area set=|d| &mut d.service_area/>
            <TextField label=Key::BusinessStatus field=Field::BusinessStatus draft errors get=|d| &d.business_status set=|d| &mut d.business_status multiline=true/>
            <TextField label=Key::PaymentTerms field=Field::PaymentTerms draft errors get=|d| &d.payment_terms set=|d| &mut d.payment_terms/>
            <TextField label=Key::CreditStatus field=Field::CreditStatus draft errors get=|d| &d.credit_status set=|d| &mut d.credit_status/>
        </fieldset>
        <fieldset>
            <legend>{shell.tr(Key::ContactPersons)}</legend>
            {move || (0..rows()).map(|i| view! {
                <div class="row-group">
                    <RowInput label=move || field_label(shell.lang.get(), Field::ContactName(i)) field=Field::ContactName(i) errors
                        value=Signal::derive(move || draft.with(|d| d.contacts.get(i).map(|r| r.name.clone()).unwrap_or_default()))
                        on_change=move |v| draft.update(|d| if let Some(r) = d.contacts.get_mut(i) { r.name = v })/>
                    <div class="field">
                        <label for=format!("contact-role-{i}")>{move || field_label(shell.lang.get(), Field::ContactRole(i))}</label>
                        <select id=format!("contact-role-{i}")
                            prop:value=move || draft.with(|d| d.contacts.get(i).map(|r| r.role.clone()).unwrap_or_default())
                            on:change=move |ev| { let v = event_target_value(&ev); draft.update(|d| if let Some(r) = d.contacts.get_mut(i) { r.role = v }); }>
                            {ContactRole::ALL.into_iter().map(|r| view! {
                                <option value=r.code()>{move || role_name(shell.lang.get(), r)}</option>
                            }).collect_view()}
                        </select>
                    </div>
                    <RowInput label=move || field_label(shell.lang.get(), Field::ContactEmail(i)) field=Field::ContactEmail(i) errors
                        value=Signal::derive(move || draft.with(|d| d.contacts.get(i).map(|r| r.email.clone()).unwrap_or_default()))
                        on_change=move |v| draft.update(|d| if let Some(r) = d.contacts.get_mut(i) { r.email = v })/>
                    <RowInput label=move || field_label(shell.lang.get(), Field::ContactPhone(i)) field=Field::ContactPhone(i) errors
                        value=Signal::derive(move || draft.with(|d| d.contacts.get(i).map(|r| r.phone.clone()).unwrap_or_default()))
                        on_change=move |v| draft.update(|d| if let Some(r) = d.contacts.get_mut(i) { r.phone = v })/>
                    <button type="button" class="ghost" on:click=move |_| draft.update(|d| { if i < d.contacts.len() { d.contacts.remove(i); } })>
                        {move || remove_row_label(shell.lang.get(), i)}
                    </button>
                </div>
            }).collect_view()}
            <button type="button" on:click=move |_| draft.update(|d| d.contacts.push(ContactPersonDraft::default()))>
                {shell.tr(Key::AddContact)}
            </button>
        </fieldset>
    }
}

/// An input inside a repeated row (family dates, contact persons).
#[component]
fn RowInput<L>(
    label: L,
    field: Field,
    errors: RwSignal<Vec<FieldError>>,
    value: Signal<String>,
    on_change: impl Fn(String) + Send + Sync + 'static,
) -> impl IntoView
where
    L: Fn() -> String + Send + Sync + 'static,
{
    let shell = expect_context::<Shell>();
    view! {
        <SharedTextField id=field_dom_id(field)
            label=Signal::derive(label)
            value=value
            on_input=Callback::new(on_change)
            error=Signal::derive(move || error_for(shell, errors, field))/>
    }
}
