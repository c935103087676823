//! Cost-to-serve entries on a customer (complaint handling, service time,
//! compensation): what serving them cost outside their orders.

use chrono::Utc;
use leptos::prelude::*;
use leptos::task::spawn_local;

use super::state::{store_error_message, AppState, ToastKind};
use crate::domain::customers::CustomerId;
use crate::domain::customers::{parse_iso_date, Problem};
use crate::domain::exchange::orders_import::{parse_amount, DecimalStyle};
use crate::domain::orders::{CostEntry, CostKind, CurrencyCode, Money};
use crate::i18n::{cost_kind_name, problem_message, row_problem_message, text, Key};

const KINDS: [CostKind; 4] = [
    CostKind::ComplaintHandling,
    CostKind::ServiceContact,
    CostKind::Compensation,
    CostKind::Other,
];

fn kind_code(kind: CostKind) -> &'static str {
    match kind {
        CostKind::ComplaintHandling => "complaint_handling",
        CostKind::ServiceContact => "service_contact",
        CostKind::Compensation => "compensation",
        CostKind::Other => "other",
    }
}

/// Validates the cost form: a real date not in the future, an amount that fits the
/// currency's minor units, a currency code. Errors are per field, in the UI language.
fn build_entry(
    state: AppState,
    customer: &CustomerId,
    date: &str,
    kind: &str,
    amount: &str,
    currency: &str,
    note: &str,
) -> Result<CostEntry, Vec<(&'static str, String)>> {
    let lang = state.lang.get_untracked();
    let mut errors = Vec::new();
    let today = Utc::now().date_naive();
    let on = match parse_iso_date(date.trim()) {
        Ok(d) if d > today => {
            errors.push(("cost-date", problem_message(lang, Problem::DateInFuture)));
            None
        }
        Ok(d) => Some(d),
        Err(p) => {
            errors.push(("cost-date", problem_message(lang, p)));
            None
        }
    };
    let currency = CurrencyCode::parse(currency);
    if currency.is_none() {
        errors.push(("cost-currency", text(lang, Key::BadCurrency).to_owned()));
    }
    let minor =
        currency.and_then(
            |c| match parse_amount(amount, DecimalStyle::Auto, c.minor_digits()) {
                Ok(m) if m > 0 => Some(m),
                Ok(_) => {
                    errors.push((
                        "cost-amount",
                        text(lang, Key::CostMustBePositive).to_owned(),
                    ));
                    None
                }
                Err(p) => {
                    errors.push(("cost-amount", row_problem_message(lang, &p)));
                    None
                }
            },
        );
    let kind = KINDS
        .into_iter()
        .find(|k| kind_code(*k) == kind)
        .unwrap_or(CostKind::Other);
    match (on, currency, minor) {
        (Some(on), Some(currency), Some(minor)) if errors.is_empty() => Ok(CostEntry {
            id: uuid::Uuid::new_v4().to_string(),
            customer_id: customer.clone(),
            on,
            kind,
            amount: Money::new(minor, currency),
            note: note.trim().to_owned(),
        }),
        _ => Err(errors),
    }
}

#[component]
pub fn CostsSection(customer: CustomerId, default_currency: Signal<String>) -> impl IntoView {
    let state = expect_context::<AppState>();
    let entries: RwSignal<Vec<CostEntry>> = RwSignal::new(Vec::new());
    let load_id = customer.clone();
    Effect::new(move |_| {
        state.data_version.track();
        let id = load_id.clone();
        spawn_local(async move {
            match state.load_costs().await {
                Ok(all) => {
                    let mut mine: Vec<CostEntry> =
                        all.into_iter().filter(|c| c.customer_id == id).collect();
                    mine.sort_by_key(|c| std::cmp::Reverse(c.on));
                    entries.set(mine);
                }
                Err(e) => state.notify_error(&e),
            }
        });
    });
    let date = RwSignal::new(Utc::now().date_naive().to_string());
    let kind = RwSignal::new(kind_code(CostKind::ComplaintHandling).to_owned());
    let amount = RwSignal::new(String::new());
    // Follows the customer's order currency until the rep types one.
    let typed_currency: RwSignal<Option<String>> = RwSignal::new(None);
    let currency = Signal::derive(move || {
        typed_currency
            .get()
            .unwrap_or_else(|| default_currency.get())
    });
    let note = RwSignal::new(String::new());
    let errors: RwSignal<Vec<(&'static str, String)>> = RwSignal::new(Vec::new());
    let error_for = move |id: &'static str| {
        errors.with(|e| e.iter().find(|(f, _)| *f == id).map(|(_, m)| m.clone()))
    };

    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let built = build_entry(
            state,
            &customer,
            &date.get_untracked(),
            &kind.get_untracked(),
            &amount.get_untracked(),
            &currency.get_untracked(),
            &note.get_untracked(),
        );
        match built {
            Err(found) => errors.set(found),
            Ok(entry) => {
                errors.set(Vec::new());
                spawn_local(async move {
                    match state.add_cost(entry).await {
                        Ok(()) => {
                            amount.set(String::new());
                            note.set(String::new());
                            state.notify(ToastKind::Info, state.t(Key::CostAdded).to_owned(), None);
                        }
                        Err(e) => errors.set(vec![(
                            "cost-amount",
                            store_error_message(state.lang.get_untracked(), &e),
                        )]),
                    }
                });
            }
        }
    };

    let field = move |id: &'static str,
                      label: Key,
                      value: RwSignal<String>,
                      input_type: &'static str| {
        view! {
            <div class="field">
                <label for=id>{move || state.t(label)}</label>
                <input id=id type=input_type prop:value=move || value.get() aria-invalid=move || error_for(id).is_some().to_string()
                    aria-describedby=format!("{id}-error") on:input=move |ev| value.set(event_target_value(&ev))/>
                <p id=format!("{id}-error") class="field-error">{move || error_for(id)}</p>
            </div>
        }
    };

    view! {
        <section class="costs" aria-labelledby="costs-title">
            <h3 id="costs-title">{move || state.t(Key::CostsTitle)}</h3>
            <form class="stage-form" on:submit=submit>
                {field("cost-date", Key::OrderDate, date, "date")}
                <div class="field">
                    <label for="cost-kind">{move || state.t(Key::CostKindLabel)}</label>
                    <select id="cost-kind" prop:value=move || kind.get() on:change=move |ev| kind.set(event_target_value(&ev))>
                        {KINDS.into_iter().map(|k| view! { <option value=kind_code(k)>{move || cost_kind_name(state.lang.get(), k)}</option> }).collect_view()}
                    </select>
                </div>
                {field("cost-amount", Key::Amount, amount, "text")}
                <div class="field">
                    <label for="cost-currency">{move || state.t(Key::CostCurrency)}</label>
                    <input id="cost-currency" type="text" maxlength="3" prop:value=move || currency.get()
                        aria-invalid=move || error_for("cost-currency").is_some().to_string() aria-describedby="cost-currency-error"
                        on:input=move |ev| typed_currency.set(Some(event_target_value(&ev)))/>
                    <p id="cost-currency-error" class="field-error">{move || error_for("cost-currency")}</p>
                </div>
                {field("cost-note", Key::Notes, note, "text")}
                <button type="submit">{move || state.t(Key::AddCost)}</button>
            </form>
            {move || {
                let list = entries.get();
                let lang = state.lang.get();
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
