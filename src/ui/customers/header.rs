//! The top of a customer record: who they are in the first second (name, kind,
//! stage, value tier, their local time with a night warning, country and language
//! by name, the channels to reach them, each copyable) and the key facts strip.

use chrono::{DateTime, Utc};
use leptos::prelude::*;

use crate::domain::complaints::Complaint;
use crate::domain::contacts::{is_night_hour, next_follow_up};
use crate::domain::customers::Customer;
use crate::domain::orders::Order;
use crate::domain::value::is_key_tier;
use crate::domain::value::{spending, ValueSettings};
use crate::i18n::{copy_label, kind_name, stage_name, unconverted_total, Key, Lang};
use crate::ui::context::{Backend, CustomersView, ServiceDesk, Shell, ToastKind};
use crate::ui::value::badge::ValueBadges;
use crate::web::intl::{self, display_name, NameKind};

/// A code named in the UI language, or the code itself where the browser cannot.
fn named(kind: NameKind, code: &str, lang: Lang) -> String {
    display_name(kind, code, lang.code()).unwrap_or_else(|| code.to_owned())
}

#[component]
pub fn RecordHeader(customer: Customer) -> impl IntoView {
    let shell = expect_context::<Shell>();
    let customers_view = expect_context::<CustomersView>();
    let id = customer.id.clone();
    let tier = move || customers_view.tiers.with(|t| t.get(&id).copied());
    let owner = customer.owner.clone();
    let zone = customer.time_zone.clone();
    let clock = Memo::new(move |_| intl::local_clock(&zone, shell.locale(), shell.now.get()));
    let channels: Vec<(Key, String)> = [
        (Key::Email, customer.email.clone()),
        (Key::Phone, customer.phone.clone()),
        (Key::Messaging, customer.messaging.clone()),
    ]
    .into_iter()
    .filter(|(_, value)| !value.trim().is_empty())
    .collect();
    let country = customer.country.clone();
    let language = customer.language.clone();
    let (kind, stage) = (customer.kind(), customer.stage);
    view! {
        <div class="record-card">
            <div class="identity">
                <h2 id="record-title">{customer.name.clone()}</h2>
                <span class="badge">{move || kind_name(shell.lang.get(), kind)}</span>
                <span class=format!("stage stage-{}", stage.code())>{move || stage_name(shell.lang.get(), stage)}</span>
                <ValueBadges id=customer.id.clone()/>
                {move || (is_key_tier(tier()) && owner.trim().is_empty()).then(|| view! {
                    <span class="warning no-owner" role="note">{shell.t(Key::KeyWithoutOwner)}</span>
                })}
                {(!customer.owner.trim().is_empty()).then(|| view! {
                    <span class="owner">{shell.tr(Key::AccountOwner)}": "<strong>{customer.owner.clone()}</strong></span>
                })}
            </div>
            <p class="where">
                <span>
                    {shell.tr(Key::LocalTime)}" "
                    <strong data-testid="record-local-time">{move || clock.get().map(|c| c.text).unwrap_or_else(|| shell.t(Key::NoTimeZone).to_owned())}</strong>
                    {move || clock.get().filter(|c| is_night_hour(c.hour)).map(|_| view! {
                        " "<span class="night" role="note">"☾ "{shell.t(Key::NightThere)}</span>
                    })}
                </span>
                <span>
                    {shell.tr(Key::CountryOrRegion)}" "
                    <strong data-testid="record-country">{move || named(NameKind::Region, &country, shell.lang.get())}</strong>
                </span>
                {(!language.trim().is_empty()).then(|| {
                    let language = language.clone();
                    view! {
                        <span>
                            {shell.tr(Key::BuyerLanguageName)}" "
                            <strong data-testid="record-language">{move || named(NameKind::Language, &language, shell.lang.get())}</strong>
                        </span>
                    }
                })}
            </p>
            {(!channels.is_empty()).then(|| view! {
                <ul class="channels" aria-label=shell.tr(Key::Channels)>
                    {channels.into_iter().map(|(key, value)| {
                        let copied = value.clone();
                        view! {
                            <li>
                                <span class="muted">{move || shell.t(key)}</span>" "
                                <span>{value}</span>
                                <button type="button" class="ghost"
                                    aria-label=move || copy_label(shell.lang.get(), shell.t(key))
                                    on:click=move |_| {
                                        let message = match intl::copy_to_clipboard(&copied) {
                                            Ok(()) => shell.t(Key::ValueCopied),
                                            Err(_) => shell.t(Key::CopyFailed),
                                        };
                                        shell.notify(ToastKind::Info, message.to_owned(), None);
                                    }>{shell.tr(Key::CopyShort)}</button>
                            </li>
                        }
                    }).collect_view()}
                </ul>
            })}
        </div>
    }
}

/// Orders, total spent in the reporting currency, last order, open complaints, last
/// contact and the next follow-up, in one strip.
#[component]
pub fn KeyFacts(
    customer: Customer,
    orders: Signal<Option<Result<Vec<Order>, String>>>,
) -> impl IntoView {
    let shell = expect_context::<Shell>();
    let desk = expect_context::<ServiceDesk>();
    let backend = expect_context::<Backend>();
    // The reporting currency and rates the rep chose on the value page.
    let settings = LocalResource::new(move || async move { backend.value_settings().await });
    let rates = Memo::new(move |_| {
        let chosen = settings.get().and_then(Result::ok).flatten();
        chosen
            .unwrap_or_else(|| ValueSettings::default_for(Utc::now().date_naive()))
            .rates
    });
    let id = customer.id.clone();
    let complaint_id = id.clone();
    let open_complaints = move || {
        desk.complaints.with(|all| {
            all.iter()
                .filter(|c: &&Complaint| c.customer_id == complaint_id && c.state.is_active())
                .count()
        })
    };
    let next = Memo::new(move |_| {
        desk.follow_ups
            .with(|all| next_follow_up(all, &id).map(|f| f.due_at))
    });
    let last_contact = customer.last_contact_at;
    let fact = move |label: Key, value: Box<dyn Fn() -> String + Send + Sync>| {
        view! {
            <div>
                <dt>{move || shell.t(label)}</dt>
                <dd>{value}</dd>
            </div>
        }
    };
    let moment = move |at: DateTime<Utc>| intl::format_instant(at, shell.locale());
    // Summed once per change of the orders or rates; three facts read it.
    let spent = Memo::new(move |_| {
        orders.with(|read| match read {
            Some(Ok(list)) => Some(spending(list, &rates.get())),
            _ => None,
        })
    });
    view! {
        <dl class="key-facts" aria-label=shell.tr(Key::KeyFacts)>
            {fact(Key::OrdersCount, Box::new(move || spent.get().map_or_else(|| "…".to_owned(), |s| s.orders.to_string())))}
            {fact(Key::TotalSpent, Box::new(move || match spent.get() {
                None => "…".to_owned(),
                Some(s) => match s.total {
                    Some(total) => intl::format_money(&total, shell.locale()),
                    None => {
                        let codes: Vec<String> = s.unconverted.iter().map(|c| c.as_str().to_owned()).collect();
                        unconverted_total(shell.lang.get(), &codes)
                    }
                },
            }))}
            {fact(Key::LastOrder, Box::new(move || match spent.get() {
                None => "…".to_owned(),
                Some(s) => s.last_order.map_or_else(|| shell.t(Key::NoneYet).to_owned(), |d| intl::format_date(d, shell.locale())),
            }))}
            {fact(Key::OpenComplaints, Box::new(move || open_complaints().to_string()))}
            {fact(Key::LastContact, Box::new(move || last_contact.map_or_else(|| shell.t(Key::NeverContacted).to_owned(), moment)))}
            <div>
                <dt>{shell.tr(Key::NextFollowUp)}</dt>
                <dd class:overdue=move || next.get().is_some_and(|due| due < Utc::now())>
                    {move || next.get().map_or_else(|| shell.t(Key::NoneYet).to_owned(), moment)}
                </dd>
            </div>
        </dl>
    }
}
