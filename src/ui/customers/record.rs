//! One customer's record: who they are, their local time, stage and its history,
//! orders; edit and delete (confirmed, undoable).

use leptos::prelude::*;

use crate::domain::customers::{Customer, CustomerId, Profile};
use crate::domain::orders::Order;
use crate::domain::value::TierChange;
use crate::i18n::{
    enumeration, family_dates_text, labelled, lead_source_name, order_status_name, role_name, text,
    tier_change_line, Key, Lang,
};
use crate::storage::store_error_message;
use crate::ui::context::{Backend, CustomersView, Shell};
use crate::ui::customers::header::{KeyFacts, RecordHeader};
use crate::ui::customers::panels::{RecordActions, RecordPanel};
use crate::ui::route::Route;
use crate::ui::widgets::confirm::ConfirmDialog;
use crate::web::intl::{self, NameKind};

fn detail(label: &'static str, value: String) -> impl IntoView {
    (!value.trim().is_empty()).then(|| {
        view! {
            <div class="detail"><dt>{label}</dt><dd>{value}</dd></div>
        }
    })
}

#[component]
pub fn CustomerRecord(id: CustomerId) -> impl IntoView {
    let backend = expect_context::<Backend>();
    let customers_view = expect_context::<CustomersView>();
    let shell = expect_context::<Shell>();
    let lookup_id = id.clone();
    let customer = Memo::new(move |_| {
        customers_view
            .directory
            .with(|d| d.get(&lookup_id).cloned())
    });
    // Orders and tier movements live only in storage: read when the record opens,
    // and again when an import or a tier recording changes them.
    let orders_id = id.clone();
    let order_list = LocalResource::new(move || {
        backend.changes.track_orders();
        let id = orders_id.clone();
        async move { backend.orders_for(id).await }
    });
    let orders: Signal<Option<Result<Vec<Order>, String>>> = Signal::derive(move || {
        order_list
            .get()
            .map(|read| read.map_err(|e| store_error_message(shell.lang.get(), &e)))
    });
    let history_id = id.clone();
    let tier_changes = LocalResource::new(move || {
        backend.changes.track_tiers();
        let id = history_id.clone();
        async move { backend.tier_history(id).await }
    });
    let tier_history: Signal<Option<Result<Vec<TierChange>, String>>> = Signal::derive(move || {
        tier_changes
            .get()
            .map(|read| read.map_err(|e| store_error_message(shell.lang.get(), &e)))
    });
    let confirming = RwSignal::new(false);
    let open_panel: RwSignal<Option<RecordPanel>> = RwSignal::new(None);
    let reply_order: RwSignal<Option<String>> = RwSignal::new(None);
    let reply_typed = RwSignal::new(std::collections::BTreeMap::new());

    move || {
        match customer.get() {
        None => view! {
            <section class="record">
                <p class="error-panel" role="alert">{shell.t(Key::NotFound)}</p>
                <button type="button" on:click=move |_| shell.navigate(Route::List)>{shell.t(Key::Back)}</button>
            </section>
        }
        .into_any(),
        Some(c) => {
            let lang = shell.lang.get();
            let t = move |k| text(lang, k);
            let details = details_view(&c, lang);
            let default_currency = Signal::derive(move || {
                orders
                    .with(|o| {
                        o.as_ref()
                            .and_then(|o| o.as_ref().ok())
                            .and_then(|list| list.first())
                            .map(|first| first.total.currency.as_str().to_owned())
                    })
                    .unwrap_or_else(|| "USD".to_owned())
            });
            view! {
                <section class="record" aria-labelledby="record-title">
                    <button type="button" class="ghost" on:click=move |_| shell.navigate(Route::List)>{"← "}{t(Key::Back)}</button>
                    <RecordHeader customer=c.clone()/>
                    <KeyFacts customer=c.clone() orders=orders/>
                    <div class="record-layout">
                        <div class="record-main">
                            <RecordActions customer=c.clone() default_currency=default_currency confirm_delete=confirming open=open_panel orders=orders reply_order=reply_order reply_typed=reply_typed/>
                            <crate::ui::contacts::timeline::ContactTimeline customer=c.clone() orders=orders/>
                        </div>
                        <div class="record-side">
                            <h3>{t(Key::Profile)}</h3>
                            {(!c.time_zone.is_empty()).then(|| view! {
                                <p class="muted">{labelled(lang, t(Key::ExportTimeZone), &c.time_zone)}</p>
                            })}
                            {details}
                            <OrdersSection orders=orders open_panel=open_panel reply_order=reply_order/>
                            <TierHistory changes=tier_history/>
                        </div>
                    </div>
                    <Show when=move || confirming.get()>
                        <ConfirmDelete id=c.id.clone() name=c.name.clone() open=confirming/>
                    </Show>
                </section>
            }
            .into_any()
        }
    }
    }
}

fn details_view(c: &Customer, lang: Lang) -> impl IntoView {
    let t = move |k| text(lang, k);
    let profile = match &c.profile {
        Profile::Individual(p) => {
            let empty = p.birthday.is_none()
                && p.employer.is_empty()
                && p.position.is_empty()
                && p.preferences.is_empty()
                && p.family_dates.is_empty();
            view! {
            <Show when=move || !empty>
                <h3>{t(Key::PersonalDetails)}</h3>
            </Show>
            <dl class="details">
                {detail(t(Key::Birthday), p.birthday.map(|b| b.to_string()).unwrap_or_default())}
                {detail(t(Key::Employer), p.employer.clone())}
                {detail(t(Key::Position), p.position.clone())}
                {detail(t(Key::Preferences), p.preferences.clone())}
                {detail(t(Key::FamilyDates), family_dates_text(lang, &p.family_dates.iter().map(|f| (f.label.clone(), f.date.to_string())).collect::<Vec<_>>()))}
            </dl>
            }
            .into_any()
        }
        Profile::Company(p) => view! {
            <h3>{t(Key::CompanyDetails)}</h3>
            <dl class="details">
                {detail(t(Key::FoundedYear), p.founded_year.map(|y| y.to_string()).unwrap_or_default())}
                {detail(t(Key::FoundedOn), p.founded_on.map(|d| d.to_string()).unwrap_or_default())}
                {detail(t(Key::Employees), p.employees.map(|n| n.to_string()).unwrap_or_default())}
                {detail(t(Key::BusinessType), p.business_type.clone())}
                {detail(t(Key::ServiceArea), p.service_area.clone())}
                {detail(t(Key::BusinessStatus), p.business_status.clone())}
                {detail(t(Key::PaymentTerms), p.payment_terms.clone())}
                {detail(t(Key::CreditStatus), p.credit_status.clone())}
            </dl>
            <h3>{t(Key::ContactPersons)}</h3>
            <ul class="contacts">
                {p.contacts.iter().map(|person| view! {
                    <li>
                        <strong>{person.name.clone()}</strong>" · "{role_name(lang, person.role)}
                        {(!person.email.is_empty()).then(|| format!(" · {}", person.email))}
                        {(!person.phone.is_empty()).then(|| format!(" · {}", person.phone))}
                    </li>
                }).collect_view()}
            </ul>
        }
        .into_any(),
    };
    view! {
        <h3>{t(Key::BasicInfo)}</h3>
        <dl class="details">
            {detail(t(Key::CountryOrRegion), intl::display_name(NameKind::Region, &c.country, lang.code()).unwrap_or_else(|| c.country.clone()))}
            {detail(t(Key::BuyerLanguageName), intl::display_name(NameKind::Language, &c.language, lang.code()).unwrap_or_else(|| c.language.clone()))}
            {detail(t(Key::Address), c.address.clone())}
            {detail(t(Key::Tags), enumeration(lang, &c.tags))}
            {detail(t(Key::LeadSourceLabel), c.lead_source.map(|s| lead_source_name(lang, s).to_owned()).unwrap_or_default())}
            {detail(t(Key::Notes), c.notes.clone())}
            {detail(t(Key::Created), intl::format_instant(c.created_at, lang.code()))}
            {detail(t(Key::Updated), intl::format_instant(c.updated_at, lang.code()))}
            {detail(t(Key::LastContact), c.last_contact_at.map(|at| intl::format_instant(at, lang.code())).unwrap_or_else(|| t(Key::NeverContacted).to_owned()))}
        </dl>
        {profile}
    }
}

#[component]
fn TierHistory(changes: Signal<Option<Result<Vec<TierChange>, String>>>) -> impl IntoView {
    let shell = expect_context::<Shell>();
    move || {
        let list = match changes.get() {
            Some(Ok(list)) => list,
            Some(Err(message)) => {
                return Some(view! { <p class="error-panel" role="alert">{message}</p> }.into_any())
            }
            None => Vec::new(),
        };
        let lang = shell.lang.get();
        (!list.is_empty()).then(|| view! {
            <section aria-labelledby="tier-history-title">
                <h3 id="tier-history-title">{text(lang, Key::TierHistory)}</h3>
                <ol class="stage-history">
                    {list.into_iter().map(|c| view! {
                        <li>
                            <time datetime=c.at.to_rfc3339()>{intl::format_instant(c.at, lang.code())}</time>
                            {tier_change_line(lang, c.from, c.to, c.rank, &c.period)}
                        </li>
                    }).collect_view()}
                </ol>
            </section>
        }.into_any())
    }
}

#[component]
fn OrdersSection(
    orders: Signal<Option<Result<Vec<Order>, String>>>,
    open_panel: RwSignal<Option<RecordPanel>>,
    reply_order: RwSignal<Option<String>>,
) -> impl IntoView {
    let shell = expect_context::<Shell>();
    view! {
        <section class="orders" aria-labelledby="orders-title">
            <h3 id="orders-title">{shell.tr(Key::Orders)}</h3>
            {move || match orders.get() {
                None => view! { <p class="muted">{shell.t(Key::Loading)}</p> }.into_any(),
                Some(Err(message)) => view! { <p class="error-panel" role="alert">{message}</p> }.into_any(),
                Some(Ok(list)) if list.is_empty() => view! { <p class="muted">{shell.t(Key::NoOrders)}</p> }.into_any(),
                Some(Ok(list)) => view! {
                    <table>
                        <thead><tr>
                            <th scope="col">{shell.t(Key::OrderNumber)}</th>
                            <th scope="col">{shell.t(Key::OrderDate)}</th>
                            <th scope="col">{shell.t(Key::OrderChannel)}</th>
                            <th scope="col" class="num">{shell.t(Key::Amount)}</th>
                            <th scope="col">{shell.t(Key::Status)}</th>
                            <th scope="col"><span class="visually-hidden">{shell.t(Key::PanelReply)}</span></th>
                        </tr></thead>
                        <tbody>
                            {list.into_iter().map(|o| {
                                let id = o.id.clone();
                                let reply_label = crate::i18n::reply_to_order_label(shell.lang.get_untracked(), &o.number);
                                view! {
                                    <tr>
                                        <td>{o.number}</td>
                                        <td>{o.placed_on.to_string()}</td>
                                        <td>{o.channel}</td>
                                        <td class="num">{o.total.format_plain()}</td>
                                        <td>{order_status_name(shell.lang.get_untracked(), o.status)}</td>
                                        <td>
                                            <button type="button" class="ghost" aria-label=reply_label
                                                aria-controls="record-panel"
                                                on:click=move |_| {
                                                    reply_order.set(Some(id.clone()));
                                                    open_panel.set(Some(RecordPanel::Reply));
                                                    // The panel opens beside the timeline, above this table.
                                                    request_animation_frame(|| {
                                                        if let Some(panel) = document().get_element_by_id("record-panel") {
                                                            panel.scroll_into_view();
                                                        }
                                                    });
                                                }>{shell.t(Key::PanelReply)}</button>
                                        </td>
                                    </tr>
                                }
                            }).collect_view()}
                        </tbody>
                    </table>
                }.into_any(),
            }}
        </section>
    }
}

#[component]
fn ConfirmDelete(id: CustomerId, name: String, open: RwSignal<bool>) -> impl IntoView {
    let backend = expect_context::<Backend>();
    let shell = expect_context::<Shell>();
    let delete = Action::new_local(move |id: &CustomerId| {
        let id = id.clone();
        async move {
            let result = backend.delete_customer(&id).await;
            open.set(false);
            match result {
                Ok(()) => shell.navigate(Route::List),
                Err(e) => shell.notify_error(&e),
            }
        }
    });
    let confirm = move |_| {
        delete.dispatch(id.clone());
    };
    view! {
        <ConfirmDialog id="confirm" title=Key::ConfirmDeleteTitle confirm=Key::ConfirmDelete open=open busy=delete.pending() on_confirm=confirm>
            <strong>{name}</strong>" — "{shell.tr(Key::ConfirmDeleteBody)}
        </ConfirmDialog>
    }
}
