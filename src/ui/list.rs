//! The customer list: search as you type, filters, sort, paging.

use leptos::ev;
use leptos::html;
use leptos::prelude::*;
use leptos::task::spawn_local;

use super::route::Route;
use super::state::{AppState, ToastKind, PAGE_SIZE};
use crate::domain::customers::RelationshipStage;
use crate::domain::customers::SortKey;
use crate::domain::customers::{Customer, CustomerKind};
use crate::i18n::{kind_name, sort_name, stage_name, Key};
use crate::web::intl;

/// Local time in the buyer's zone, or a dash when the zone is unknown.
pub fn local_time_text(zone: &str, locale: &str, now: f64) -> String {
    intl::local_clock(zone, locale, now)
        .map(|c| c.text)
        .unwrap_or_else(|| "—".into())
}

pub fn load_demo_action(state: AppState) {
    spawn_local(async move {
        match state.load_demo().await {
            Ok(added) => state.notify(
                ToastKind::Info,
                format!(
                    "{}: {added} {}",
                    state.t(Key::DemoLoaded),
                    state.t(Key::DemoDone)
                ),
                None,
            ),
            Err(e) => state.notify_error(&e),
        }
    });
}

#[component]
pub fn CustomerList() -> impl IntoView {
    let state = expect_context::<AppState>();
    let query = state.query;
    let page = state.page;
    let search_input = NodeRef::<html::Input>::new();

    // "/" jumps to the search box, as in most list-heavy tools.
    let _slash = window_event_listener(ev::keydown, move |ev| {
        let typing = ev
            .target()
            .and_then(|t| wasm_bindgen::JsCast::dyn_into::<web_sys::Element>(t).ok())
            .is_some_and(|el| matches!(el.tag_name().as_str(), "INPUT" | "TEXTAREA" | "SELECT"));
        if ev.key() == "/" && !typing && !ev.ctrl_key() && !ev.meta_key() {
            if let Some(input) = search_input.get() {
                ev.prevent_default();
                let _ = input.focus();
            }
        }
    });

    let hits = Memo::new(move |_| state.directory.with(|d| query.with(|q| d.query(q))));
    let total = move || hits.with(Vec::len);
    let page_count = move || total().div_ceil(PAGE_SIZE).max(1);
    let on_last_page = move || page.get() + 1 >= page_count();
    let rows = move || {
        let start = page.get() * PAGE_SIZE;
        hits.with(|h| {
            state.directory.with(|d| {
                h.iter()
                    .skip(start)
                    .take(PAGE_SIZE)
                    .filter_map(|&i| d.at(i).cloned())
                    .collect::<Vec<Customer>>()
            })
        })
    };
    let countries = Memo::new(move |_| state.directory.with(|d| d.countries()));
    let filtered = move || {
        query.with(|q| {
            !q.text.is_empty() || q.stage.is_some() || q.country.is_some() || q.kind.is_some()
        })
    };

    let set_query = move |f: &dyn Fn(&mut crate::domain::customers::ListQuery)| {
        query.update(|q| f(q));
        page.set(0);
    };

    view! {
        <section class="customer-list" aria-labelledby="list-title">
            <div class="list-head">
                <h2 id="list-title">{move || state.t(Key::Customers)}</h2>
                <button type="button" disabled=move || total() == 0 on:click=move |_| {
                    let lang = state.lang.get_untracked();
                    let csv = hits.with_untracked(|h| {
                        state.directory.with_untracked(|d| crate::services::csv_export::customers_csv(h.iter().filter_map(|&i| d.at(i)), lang))
                    });
                    if let Err(e) = super::download::download_text("customers.csv", "text/csv;charset=utf-8", &csv) {
                        state.notify_browser_failure(Key::DownloadFailed, &e);
                    }
                }>{move || state.t(Key::ExportCsv)}</button>
                <button type="button" class="secondary" disabled=move || state.demo_loading.get()
                    aria-busy=move || state.demo_loading.get().to_string()
                    on:click=move |_| load_demo_action(state)>
                    {move || if state.demo_loading.get() { state.t(Key::LoadingDemo) } else { state.t(Key::LoadDemo) }}
                </button>
            </div>
            <div class="filters" role="search">
                <div class="filter search">
                    <label for="filter-search">{move || state.t(Key::Search)}</label>
                    <input id="filter-search" type="search" node_ref=search_input
                        placeholder=move || state.t(Key::SearchPlaceholder)
                        prop:value=move || query.with(|q| q.text.clone())
                        on:input=move |ev| { let v = event_target_value(&ev); set_query(&|q| q.text = v.clone()); } />
                </div>
                <div class="filter">
                    <label for="filter-stage">{move || state.t(Key::FilterStage)}</label>
                    <select id="filter-stage" on:change=move |ev| { let v = event_target_value(&ev); set_query(&|q| q.stage = RelationshipStage::from_code(&v)); }
                        prop:value=move || query.with(|q| q.stage.map(|s| s.code()).unwrap_or_default())>
                        <option value="">{move || state.t(Key::AnyOption)}</option>
                        {RelationshipStage::ALL.into_iter().map(|s| view! {
                            <option value=s.code()>{move || stage_name(state.lang.get(), s)}</option>
                        }).collect_view()}
                    </select>
                </div>
                <div class="filter">
                    <label for="filter-country">{move || state.t(Key::FilterCountry)}</label>
                    <select id="filter-country" on:change=move |ev| { let v = event_target_value(&ev); set_query(&|q| q.country = (!v.is_empty()).then(|| v.clone())); }
                        prop:value=move || query.with(|q| q.country.clone().unwrap_or_default())>
                        <option value="">{move || state.t(Key::AnyOption)}</option>
                        {move || countries.get().into_iter().map(|c| view! { <option value=c.clone()>{c.clone()}</option> }).collect_view()}
                    </select>
                </div>
                <div class="filter">
                    <label for="filter-kind">{move || state.t(Key::FilterKind)}</label>
                    <select id="filter-kind" on:change=move |ev| { let v = event_target_value(&ev); set_query(&|q| q.kind = CustomerKind::from_code(&v)); }
                        prop:value=move || query.with(|q| q.kind.map(|k| k.code()).unwrap_or_default())>
                        <option value="">{move || state.t(Key::AnyOption)}</option>
                        {CustomerKind::ALL.into_iter().map(|k| view! {
                            <option value=k.code()>{move || kind_name(state.lang.get(), k)}</option>
                        }).collect_view()}
                    </select>
                </div>
                <div class="filter">
                    <label for="filter-sort">{move || state.t(Key::SortBy)}</label>
                    <select id="filter-sort" on:change=move |ev| { let v = event_target_value(&ev); set_query(&|q| q.sort = SortKey::from_code(&v).unwrap_or_default()); }
                        prop:value=move || query.with(|q| q.sort.code())>
                        {SortKey::ALL.into_iter().map(|k| view! {
                            <option value=k.code()>{move || sort_name(state.lang.get(), k)}</option>
                        }).collect_view()}
                    </select>
                </div>
                <div class="filter inline">
                    <input id="filter-descending" type="checkbox" prop:checked=move || query.with(|q| q.descending)
                        on:change=move |ev| { let on = event_target_checked(&ev); set_query(&|q| q.descending = on); } />
                    <label for="filter-descending">{move || state.t(Key::Descending)}</label>
                </div>
            </div>
            {move || query.with(|q| q.subset.as_ref().map(|s| s.label.clone())).map(|label| view! {
                <p class="subset-chip">
                    <span>{label}</span>
                    <button type="button" class="ghost" on:click=move |_| set_query(&|q| q.subset = None)>{state.t(Key::ClearFilters)}</button>
                </p>
            })}
            <p class="result-count" role="status" aria-live="polite">
                {move || crate::i18n::result_count(state.lang.get(), total())}
            </p>
            {move || {
                if state.directory.with(|d| d.is_empty()) {
                    view! {
                        <div class="empty-state">
                            <h3>{state.t(Key::EmptyTitle)}</h3>
                            <p>{state.t(Key::EmptyBody)}</p>
                            <button type="button" class="primary" on:click=move |_| state.navigate(Route::New(CustomerKind::Individual))>
                                {state.t(Key::NewCustomer)}
                            </button>
                        </div>
                    }.into_any()
                } else if total() == 0 {
                    view! {
                        <div class="empty-state">
                            <p>{state.t(Key::NoMatches)}</p>
                            <Show when=filtered>
                                <button type="button" on:click=move |_| { query.set(Default::default()); page.set(0); }>
                                    {state.t(Key::ClearFilters)}
                                </button>
                            </Show>
                        </div>
                    }.into_any()
                } else {
                    view! { <CustomerTable rows=Signal::derive(rows)/> }.into_any()
                }
            }}
            <nav class="pager" aria-label=move || state.t(Key::PageOf) hidden=move || total() == 0>
                <button type="button" disabled=move || page.get() == 0 on:click=move |_| page.update(|p| *p = p.saturating_sub(1))>
                    {move || state.t(Key::PreviousPage)}
                </button>
                <span>{move || format!("{} {} / {}", state.t(Key::PageOf), page.get() + 1, page_count())}</span>
                <button type="button" disabled=on_last_page on:click=move |_| page.update(|p| *p += 1)>
                    {move || state.t(Key::NextPage)}
                </button>
            </nav>
        </section>
    }
}

#[component]
fn CustomerTable(rows: Signal<Vec<Customer>>) -> impl IntoView {
    let state = expect_context::<AppState>();
    view! {
        <table class="customers">
            <thead>
                <tr>
                    <th scope="col">{move || state.t(Key::Name)}</th>
                    <th scope="col">{move || state.t(Key::KindColumn)}</th>
                    <th scope="col">{move || state.t(Key::CountryColumn)}</th>
                    <th scope="col">{move || state.t(Key::StageColumn)}</th>
                    <th scope="col">{move || state.t(Key::LocalTime)}</th>
                    <th scope="col">{move || state.t(Key::LastContact)}</th>
                </tr>
            </thead>
            <tbody>
                {move || rows.get().into_iter().map(|c| {
                    let id = c.id.clone();
                    let href = Route::Customer(c.id.clone()).to_hash();
                    let zone = c.time_zone.clone();
                    let kind = c.kind();
                    let stage = c.stage;
                    let last_contact = c.last_contact_at;
                    view! {
                        <tr>
                            <td>
                                <a href=href on:click=move |ev| { ev.prevent_default(); state.navigate(Route::Customer(id.clone())); }>
                                    {c.name.clone()}
                                </a>
                                <div class="sub">{c.email.clone()}</div>
                            </td>
                            <td>{move || kind_name(state.lang.get(), kind)}</td>
                            <td>{c.country.clone()}</td>
                            <td><span class=format!("stage stage-{}", stage.code())>{move || stage_name(state.lang.get(), stage)}</span></td>
                            <td class="local-time">{move || local_time_text(&zone, state.locale(), state.now.get())}</td>
                            <td>{move || last_contact.map(|at| intl::format_instant(at, state.locale())).unwrap_or_else(|| state.t(Key::Never).to_owned())}</td>
                        </tr>
                    }
                }).collect_view()}
            </tbody>
        </table>
    }
}
