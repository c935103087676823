//! The customer list: search as you type, filters, sort, paging.

use leptos::html;
use leptos::prelude::*;

use crate::ui::widgets::shortcuts::on_window_keydown;

use crate::domain::customers::RelationshipStage;
use crate::domain::customers::SortKey;
use crate::domain::customers::{CustomerKind, CustomerSummary};
use crate::domain::value::ValueTier;
use crate::i18n::{demo_loaded_message, kind_name, page_of, sort_name, stage_name, tier_name, Key};
use crate::ui::context::{
    Backend, CustomersView, ServiceDesk, Shell, ToastKind, PAGE_SIZE, SEARCH_INPUT_ID,
};
use crate::ui::route::Route;
use crate::ui::value::badge::ValueBadges;
use crate::web::intl;

/// Local time in the buyer's zone, or a dash when the zone is unknown.
pub fn local_time_text(zone: &str, locale: &str, now: f64) -> String {
    intl::local_clock(zone, locale, now)
        .map(|c| c.text)
        .unwrap_or_else(|| "—".into())
}

#[component]
pub fn CustomerList() -> impl IntoView {
    let backend = expect_context::<Backend>();
    let desk = expect_context::<ServiceDesk>();
    let customers_view = expect_context::<CustomersView>();
    let shell = expect_context::<Shell>();
    let query = customers_view.query;
    let page = customers_view.page;
    let search_input = NodeRef::<html::Input>::new();
    // Adds the demo set; loading twice adds nothing.
    let load_demo = Action::new_local(move |_: &()| async move {
        match backend.load_demo().await {
            Ok(added) => shell.notify(
                ToastKind::Info,
                demo_loaded_message(shell.lang.get_untracked(), added),
                None,
            ),
            Err(e) => shell.notify_error(&e),
        }
    });
    let demo_loading = load_demo.pending();
    let sync_on = expect_context::<crate::ui::context::SyncView>().on;

    // Taking over from the preview while the rep types there: the keystrokes
    // continue here, after the text already typed.
    Effect::new(move |_| {
        if let Some(input) = search_input.get() {
            if customers_view.refocus_search.get_untracked() {
                customers_view.refocus_search.set(false);
                let end = input.value().encode_utf16().count() as u32;
                let _ = input.focus();
                let _ = input.set_selection_range(end, end);
            }
        }
    });

    // "/" jumps to the search box, as in most list-heavy tools.
    on_window_keydown(move |ev| {
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

    let hits = Memo::new(move |_| {
        customers_view.directory.with(|d| {
            query.with(|q| {
                // Tiers are only read when a tier filter is set.
                if q.tier.is_some() {
                    customers_view
                        .tiers
                        .with(|t| d.query_valued(q, &|id| t.get(id).copied()))
                } else {
                    d.query(q)
                }
            })
        })
    });
    let total = move || hits.with(Vec::len);
    let page_count = move || total().div_ceil(PAGE_SIZE).max(1);
    let on_last_page = move || page.get() + 1 >= page_count();
    let rows = move || {
        let start = page.get() * PAGE_SIZE;
        hits.with(|h| {
            customers_view.directory.with(|d| {
                h.iter()
                    .skip(start)
                    .take(PAGE_SIZE)
                    .filter_map(|&i| d.at(i).map(CustomerSummary::of))
                    .collect::<Vec<CustomerSummary>>()
            })
        })
    };
    let countries = Memo::new(move |_| customers_view.directory.with(|d| d.countries()));
    let filtered = move || {
        query.with(|q| {
            !q.text.is_empty()
                || q.stage.is_some()
                || q.country.is_some()
                || q.kind.is_some()
                || q.tier.is_some()
                || q.owner.is_some()
        })
    };

    let set_query = move |f: &dyn Fn(&mut crate::domain::customers::ListQuery)| {
        query.update(|q| f(q));
        page.set(0);
    };

    view! {
        <section class="customer-list" aria-labelledby="list-title">
            <div class="list-head">
                <h2 id="list-title">{shell.tr(Key::Customers)}</h2>
                <button type="button" disabled=move || total() == 0 on:click=move |_| {
                    let lang = shell.lang.get_untracked();
                    let csv = hits.with_untracked(|h| {
                        customers_view.directory.with_untracked(|d| crate::services::exchange::csv_export::customers_csv(h.iter().filter_map(|&i| d.at(i)), lang))
                    });
                    if let Err(e) = crate::ui::widgets::download::download_text("customers.csv", "text/csv;charset=utf-8", &csv) {
                        shell.notify_browser_failure(Key::DownloadFailed, &e);
                    }
                }>{shell.tr(Key::ExportCsv)}</button>
                <button type="button" class="secondary" disabled=move || demo_loading.get() || sync_on.get()
                    title=move || sync_on.get().then(|| shell.t(Key::SyncBlocksRestore))
                    aria-busy=move || demo_loading.get().to_string()
                    on:click=move |_| { load_demo.dispatch(()); }>
                    {move || if demo_loading.get() { shell.t(Key::LoadingDemo) } else { shell.t(Key::LoadDemo) }}
                </button>
            </div>
            <div class="filters" role="search">
                <div class="filter search">
                    <label for=SEARCH_INPUT_ID>{shell.tr(Key::Search)}</label>
                    <input id=SEARCH_INPUT_ID type="search" node_ref=search_input
                        placeholder=move || shell.t(Key::SearchPlaceholder)
                        prop:value=move || query.with(|q| q.text.clone())
                        on:input=move |ev| { let v = event_target_value(&ev); set_query(&|q| q.text = v.clone()); } />
                </div>
                <div class="filter">
                    <label for="filter-stage">{shell.tr(Key::FilterStage)}</label>
                    <select id="filter-stage" on:change=move |ev| { let v = event_target_value(&ev); set_query(&|q| q.stage = RelationshipStage::from_code(&v)); }
                        prop:value=move || query.with(|q| q.stage.map(|s| s.code()).unwrap_or_default())>
                        <option value="">{shell.tr(Key::AnyOption)}</option>
                        {RelationshipStage::ALL.into_iter().map(|s| view! {
                            <option value=s.code()>{move || stage_name(shell.lang.get(), s)}</option>
                        }).collect_view()}
                    </select>
                </div>
                <div class="filter">
                    <label for="filter-country">{shell.tr(Key::FilterCountry)}</label>
                    <select id="filter-country" on:change=move |ev| { let v = event_target_value(&ev); set_query(&|q| q.country = (!v.is_empty()).then(|| v.clone())); }
                        prop:value=move || query.with(|q| q.country.clone().unwrap_or_default())>
                        <option value="">{shell.tr(Key::AnyOption)}</option>
                        {move || countries.get().into_iter().map(|c| view! { <option value=c.clone()>{c.clone()}</option> }).collect_view()}
                    </select>
                </div>
                <div class="filter">
                    <label for="filter-kind">{shell.tr(Key::FilterKind)}</label>
                    <select id="filter-kind" on:change=move |ev| { let v = event_target_value(&ev); set_query(&|q| q.kind = CustomerKind::from_code(&v)); }
                        prop:value=move || query.with(|q| q.kind.map(|k| k.code()).unwrap_or_default())>
                        <option value="">{shell.tr(Key::AnyOption)}</option>
                        {CustomerKind::ALL.into_iter().map(|k| view! {
                            <option value=k.code()>{move || kind_name(shell.lang.get(), k)}</option>
                        }).collect_view()}
                    </select>
                </div>
                <div class="filter">
                    <label for="filter-tier">{shell.tr(Key::TierLabel)}</label>
                    <select id="filter-tier" on:change=move |ev| { let v = event_target_value(&ev); set_query(&|q| q.tier = ValueTier::from_code(&v)); }
                        prop:value=move || query.with(|q| q.tier.map(|t| t.code()).unwrap_or_default())>
                        <option value="">{shell.tr(Key::AnyOption)}</option>
                        {ValueTier::ALL.into_iter().map(|t| view! {
                            <option value=t.code()>{move || tier_name(shell.lang.get(), t)}</option>
                        }).collect_view()}
                    </select>
                </div>
                <div class="filter inline">
                    <input id="filter-mine" type="checkbox"
                        disabled=move || desk.rep_name.with(|n| n.trim().is_empty())
                        prop:checked=move || query.with(|q| q.owner.is_some())
                        on:change=move |ev| {
                            let on = event_target_checked(&ev);
                            let me = desk.rep_name.get_untracked();
                            set_query(&|q| q.owner = on.then(|| me.clone()));
                        } />
                    <label for="filter-mine">{shell.tr(Key::MyCustomers)}</label>
                </div>
                <div class="filter">
                    <label for="filter-sort">{shell.tr(Key::SortBy)}</label>
                    <select id="filter-sort" on:change=move |ev| { let v = event_target_value(&ev); set_query(&|q| q.sort = SortKey::from_code(&v).unwrap_or_default()); }
                        prop:value=move || query.with(|q| q.sort.code())>
                        {SortKey::ALL.into_iter().map(|k| view! {
                            <option value=k.code()>{move || sort_name(shell.lang.get(), k)}</option>
                        }).collect_view()}
                    </select>
                </div>
                <div class="filter inline">
                    <input id="filter-descending" type="checkbox" prop:checked=move || query.with(|q| q.descending)
                        on:change=move |ev| { let on = event_target_checked(&ev); set_query(&|q| q.descending = on); } />
                    <label for="filter-descending">{shell.tr(Key::Descending)}</label>
                </div>
            </div>
            {move || query.with(|q| q.subset.as_ref().map(|s| s.label.clone())).map(|label| view! {
                <p class="subset-chip">
                    <span>{label}</span>
                    <button type="button" class="ghost" on:click=move |_| set_query(&|q| q.subset = None)>{shell.t(Key::ClearFilters)}</button>
                </p>
            })}
            <p class="result-count" role="status" aria-live="polite">
                {move || crate::i18n::result_count(shell.lang.get(), total())}
            </p>
            {move || {
                if customers_view.directory.with(|d| d.is_empty()) {
                    view! {
                        <div class="empty-state">
                            <h3>{shell.t(Key::EmptyTitle)}</h3>
                            <p>{shell.t(Key::EmptyBody)}</p>
                            <button type="button" class="primary" on:click=move |_| shell.navigate(Route::New(CustomerKind::Individual))>
                                {shell.t(Key::NewCustomer)}
                            </button>
                        </div>
                    }.into_any()
                } else if total() == 0 {
                    view! {
                        <div class="empty-state">
                            <p>{shell.t(Key::NoMatches)}</p>
                            <Show when=filtered>
                                <button type="button" on:click=move |_| { query.set(Default::default()); page.set(0); }>
                                    {shell.t(Key::ClearFilters)}
                                </button>
                            </Show>
                        </div>
                    }.into_any()
                } else {
                    view! { <CustomerTable rows=Signal::derive(rows)/> }.into_any()
                }
            }}
            <nav class="pager" aria-label=shell.tr(Key::PageOf) hidden=move || total() == 0>
                <button type="button" disabled=move || page.get() == 0 on:click=move |_| page.update(|p| *p = p.saturating_sub(1))>
                    {shell.tr(Key::PreviousPage)}
                </button>
                <span>{move || page_of(shell.lang.get(), page.get() + 1, page_count())}</span>
                <button type="button" disabled=on_last_page on:click=move |_| page.update(|p| *p += 1)>
                    {shell.tr(Key::NextPage)}
                </button>
            </nav>
        </section>
    }
}

/// The list while every customer is still being read at start (a large customer
/// base takes seconds): the first page at once, then search over the stored
/// summaries, so the rep can already find and open a record. Filters, sorting and
/// paging come with the full list, which opens with the text typed here.
#[component]
pub fn FirstPage() -> impl IntoView {
    let shell = expect_context::<Shell>();
    let customers_view = expect_context::<CustomersView>();
    let query = customers_view.query;
    let searchable = move || customers_view.preview.with(Option::is_some);
    let hits = Memo::new(move |_| {
        customers_view.preview.with(|preview| {
            preview.as_ref().map(|index| {
                let text = query.with(|q| q.text.clone());
                let found = index.search(&text);
                let total = found.len();
                let rows: Vec<CustomerSummary> =
                    found.into_iter().take(PAGE_SIZE).cloned().collect();
                (rows, total)
            })
        })
    });
    let rows = Signal::derive(move || match hits.get() {
        Some((rows, _)) => rows,
        None => customers_view.first_page.with(|page| {
            page.iter()
                .flat_map(|p| p.iter())
                .map(CustomerSummary::of)
                .collect()
        }),
    });
    let total = move || hits.with(|h| h.as_ref().map_or(0, |(_, total)| *total));
    view! {
        <section class="customer-list" aria-labelledby="list-title">
            <div class="list-head">
                <h2 id="list-title">{shell.tr(Key::Customers)}</h2>
            </div>
            <div class="filters" role="search">
                <div class="filter search">
                    <label for=SEARCH_INPUT_ID>{shell.tr(Key::Search)}</label>
                    <input id=SEARCH_INPUT_ID type="search" disabled=move || !searchable()
                        placeholder=move || shell.t(Key::SearchPlaceholder)
                        prop:value=move || query.with(|q| q.text.clone())
                        on:input=move |ev| {
                            let v = event_target_value(&ev);
                            query.update(|q| q.text = v);
                            customers_view.page.set(0);
                        } />
                </div>
            </div>
            <p class="loading" role="status">
                {move || if searchable() { shell.t(Key::SearchReadyFiltersFollow) } else { shell.t(Key::LoadingAllCustomers) }}
            </p>
            <Show when=searchable>
                <p class="result-count" role="status" aria-live="polite">
                    {move || crate::i18n::result_count(shell.lang.get(), total())}
                </p>
            </Show>
            <CustomerTable rows/>
        </section>
    }
}

#[component]
fn CustomerTable(rows: Signal<Vec<CustomerSummary>>) -> impl IntoView {
    let shell = expect_context::<Shell>();
    view! {
        <table class="customers">
            <thead>
                <tr>
                    <th scope="col">{shell.tr(Key::Name)}</th>
                    <th scope="col">{shell.tr(Key::KindColumn)}</th>
                    <th scope="col">{shell.tr(Key::CountryColumn)}</th>
                    <th scope="col">{shell.tr(Key::StageColumn)}</th>
                    <th scope="col">{shell.tr(Key::ValueColumn)}</th>
                    <th scope="col">{shell.tr(Key::LocalTime)}</th>
                    <th scope="col">{shell.tr(Key::LastContact)}</th>
                </tr>
            </thead>
            <tbody>
                {move || rows.get().into_iter().map(|c| {
                    let id = c.id.clone();
                    let href = Route::Customer(c.id.clone()).to_hash();
                    let zone = c.time_zone.clone();
                    let kind = c.kind;
                    let stage = c.stage;
                    let last_contact = c.last_contact_at;
                    view! {
                        <tr>
                            <td>
                                <a href=href on:click=move |ev| { ev.prevent_default(); shell.navigate(Route::Customer(id.clone())); }>
                                    {c.name.clone()}
                                </a>
                                <div class="sub">{c.email.clone()}</div>
                            </td>
                            <td>{move || kind_name(shell.lang.get(), kind)}</td>
                            <td>{c.country.clone()}</td>
                            <td><span class=format!("stage stage-{}", stage.code())>{move || stage_name(shell.lang.get(), stage)}</span></td>
                            <td><ValueBadges id=c.id.clone()/></td>
                            <td class="local-time">{move || local_time_text(&zone, shell.locale(), shell.now.get())}</td>
                            <td>{move || last_contact.map(|at| intl::format_instant(at, shell.locale())).unwrap_or_else(|| shell.t(Key::NeverContacted).to_owned())}</td>
                        </tr>
                    }
                }).collect_view()}
            </tbody>
        </table>
    }
}
