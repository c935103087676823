//! Cost-to-serve entries on a customer (complaint handling, service time,
//! compensation): what serving them cost outside their orders.

use chrono::Utc;
use leptos::prelude::*;

use crate::domain::customers::CustomerId;
use crate::domain::orders::{
    validate_cost, CostDraft, CostEntry, CostField, CostKind, CostProblem,
};
use crate::i18n::{cost_kind_name, cost_problem_message, text, Key};
use crate::ui::context::{Backend, Shell};
use crate::ui::widgets::field::{TextField, TextKind};

/// The DOM id of a cost form field (its error line is `{id}-error`).
fn field_id(field: CostField) -> &'static str {
    match field {
        CostField::On => "cost-date",
        CostField::Amount => "cost-amount",
        CostField::Currency => "cost-currency",
    }
}

#[component]
pub fn CostsSection(customer: CustomerId, default_currency: Signal<String>) -> impl IntoView {
    let backend = expect_context::<Backend>();
    let shell = expect_context::<Shell>();
    // This customer's costs, read again whenever costs change (here, in a
    // complaint's remedy, or in another tab).
    let load_id = customer.clone();
    let entries = LocalResource::new(move || {
        backend.changes.track_costs();
        let id = load_id.clone();
        async move { backend.costs_of(id).await }
    });
    let date = RwSignal::new(Utc::now().date_naive().to_string());
    let kind = RwSignal::new(CostKind::ComplaintHandling.code().to_owned());
    let amount = RwSignal::new(String::new());
    // Follows the customer's order currency until the rep types one.
    let typed_currency: RwSignal<Option<String>> = RwSignal::new(None);
    let currency = Signal::derive(move || {
        typed_currency
            .get()
            .unwrap_or_else(|| default_currency.get())
    });
    let note = RwSignal::new(String::new());
    let errors: RwSignal<Vec<(CostField, CostProblem)>> = RwSignal::new(Vec::new());
    let store_error: RwSignal<Option<String>> = RwSignal::new(None);
    let error_for = move |field: CostField| {
        errors.with(|e| {
            e.iter()
                .find(|(f, _)| *f == field)
                .map(|(_, p)| cost_problem_message(shell.lang.get(), p))
        })
    };
    let add = Action::new_local(move |entry: &CostEntry| {
        let entry = entry.clone();
        async move {
            match backend.add_cost(&entry).await {
                Ok(()) => {
                    store_error.set(None);
                    amount.set(String::new());
                    note.set(String::new());
                    shell.confirm(Key::CostAdded);
                }
                Err(e) => store_error.set(Some(shell.store_message(&e))),
            }
        }
    });

    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let typed = CostDraft {
            on: date.get_untracked(),
            kind: kind.get_untracked(),
            amount: amount.get_untracked(),
            currency: currency.get_untracked(),
            note: note.get_untracked(),
        };
        let id = uuid::Uuid::new_v4().to_string();
        match validate_cost(&typed, id, &customer, Utc::now().date_naive()) {
            Err(found) => errors.set(found),
            Ok(entry) => {
                errors.set(Vec::new());
                add.dispatch(entry);
            }
        }
    };

    let field =
        move |field: CostField, label: Key, value: RwSignal<String>, input_type: &'static str| {
            view! {
                <TextField id=field_id(field).to_owned() kind=TextKind::Input(input_type)
                    label=Signal::derive(move || shell.t(label).to_owned())
                    value=value
                    on_input=Callback::new(move |v| value.set(v))
                    error=Signal::derive(move || error_for(field))/>
            }
        };

    view! {
        <section class="costs" aria-labelledby="costs-title">
            <h3 id="costs-title">{shell.tr(Key::CostsTitle)}</h3>
            <form class="stage-form" on:submit=submit>
                {field(CostField::On, Key::OrderDate, date, "date")}
                <div class="field">
                    <label for="cost-kind">{shell.tr(Key::CostKindLabel)}</label>
                    <select id="cost-kind" prop:value=move || kind.get() on:change=move |ev| kind.set(event_target_value(&ev))>
                        {CostKind::ALL.into_iter().map(|k| view! { <option value=k.code()>{move || cost_kind_name(shell.lang.get(), k)}</option> }).collect_view()}
                    </select>
                </div>
                {field(CostField::Amount, Key::Amount, amount, "text")}
                <div class="field">
                    <label for="cost-currency">{shell.tr(Key::CostCurrency)}</label>
                    <input id="cost-currency" type="text" maxlength="3" prop:value=move || currency.get()
                        aria-invalid=move || error_for(CostField::Currency).is_some().to_string() aria-describedby="cost-currency-error"
                        on:input=move |ev| typed_currency.set(Some(event_target_value(&ev)))/>
                    <p id="cost-currency-error" class="field-error">{move || error_for(CostField::Currency)}</p>
                </div>
                <TextField id="cost-note".to_owned()
                    label=Signal::derive(move || shell.t(Key::Notes).to_owned())
                    value=note
                    on_input=Callback::new(move |v| note.set(v))
                    error=Signal::derive(|| None::<String>)/>
                <button type="submit" disabled=move || add.pending().get()>{shell.tr(Key::AddCost)}</button>
            </form>
            <p class="form-error" role="alert">{move || store_error.get()}</p>
            {move || {
                let lang = shell.lang.get();
                let list = match entries.get() {
                    None => return view! { <p class="muted">{text(lang, Key::Loading)}</p> }.into_any(),
                    Some(Err(e)) => return view! { <p class="error-panel" role="alert">{shell.store_message(&e)}</p> }.into_any(),
                    Some(Ok(list)) => list,
                };
                if list.is_empty() {
                    return view! { <p class="muted">{text(lang, Key::NoCosts)}</p> }.into_any();
                }
                view! {
                    <table>
                        <thead><tr>
                            <th scope="col">{text(lang, Key::OrderDate)}</th><th scope="col">{text(lang, Key::CostKindLabel)}</th>
                            <th scope="col" class="num">{text(lang, Key::Amount)}</th><th scope="col">{text(lang, Key::Notes)}</th>
                        </tr></thead>
                        <tbody>
                            {list.into_iter().map(|c| view! {
                                <tr><td>{c.on.to_string()}</td><td>{cost_kind_name(lang, c.kind)}</td>
                                <td class="num">{c.amount.format_plain()}</td><td>{c.note}</td></tr>
                            }).collect_view()}
                        </tbody>
                    </table>
                }.into_any()
            }}
        </section>
    }
}
