//! The value page's tables: tiered care (who is due for contact), RFM segments,
//! this period's tier movements, and losses and win-backs. Every count opens its customers as a list.

use std::collections::HashSet;
use std::sync::Arc;

use chrono::Utc;
use leptos::prelude::*;

use super::classification::Analysis;
use crate::domain::customers::{CustomerId, LossCause};
use crate::domain::shared::sort::sort_stable_by_key;
use crate::domain::value::{
    is_due_for_care, loss_report, Movement, RfmSegment, TierChange, ValueSettings, ValueTier,
};
use crate::i18n::{
    care_policy, labelled, loss_cause_name, rfm_segment_name, rfm_subset_label, text, tier_name,
    won_back_rate_text, Key, Lang,
};
use crate::ui::context::{CustomersView, Shell};
use crate::ui::route::Route;

#[component]
pub(super) fn CareTable(
    analysis: Arc<Analysis>,
    open_subset: impl Fn(String, HashSet<CustomerId>) + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let customers_view = expect_context::<CustomersView>();
    let shell = expect_context::<Shell>();
    let lang = shell.lang.get_untracked();
    let now = Utc::now();
    let due: Vec<(ValueTier, usize, HashSet<CustomerId>)> = ValueTier::ALL
        .into_iter()
        .map(|tier| {
            let ids: HashSet<CustomerId> = customers_view.directory.with_untracked(|d| {
                analysis.ids_where(|i| {
                    analysis.tiers[i] == tier
                        && d.get(&analysis.ids[i])
                            .is_some_and(|c| is_due_for_care(c, tier, now))
                })
            });
            let count = analysis.tiers.iter().filter(|t| **t == tier).count();
            (tier, count, ids)
        })
        .collect();
    view! {
        <section aria-labelledby="care-title">
            <h3 id="care-title">{text(lang, Key::CareTitle)}</h3>
            <table>
                <thead><tr>
                    <th scope="col">{text(lang, Key::Tier)}</th><th scope="col" class="num">{text(lang, Key::CustomerCount)}</th>
                    <th scope="col">{text(lang, Key::CarePolicy)}</th><th scope="col">{text(lang, Key::DueForContact)}</th>
                </tr></thead>
                <tbody>
                    {due.into_iter().map(|(tier, count, ids)| {
                        let label = format!("{} · {}", tier_name(lang, tier), text(lang, Key::DueForContact));
                        view! {
                            <tr>
                                <th scope="row">{tier_name(lang, tier)}</th>
                                <td class="num">{count}</td>
                                <td>{care_policy(lang, tier)}</td>
                                <td>{subset_button(lang, label, ids, open_subset)}</td>
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
        </section>
    }
}

/// How many customers a row holds, as a button that opens them as a list.
fn subset_button(
    lang: Lang,
    label: String,
    ids: HashSet<CustomerId>,
    open_subset: impl Fn(String, HashSet<CustomerId>) + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let n = ids.len();
    view! {
        <button type="button" disabled=n == 0 aria-label=labelled(lang, &label, &n.to_string())
            on:click=move |_| open_subset(label.clone(), ids.clone())>{n}</button>
    }
}

#[component]
pub(super) fn RfmTable(
    analysis: Arc<Analysis>,
    open_subset: impl Fn(String, HashSet<CustomerId>) + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let shell = expect_context::<Shell>();
    let lang = shell.lang.get_untracked();
    let rows: Vec<(RfmSegment, HashSet<CustomerId>)> = RfmSegment::ALL
        .into_iter()
        .map(|segment| {
            let ids = analysis.ids_where(|i| analysis.segments[i] == segment);
            (segment, ids)
        })
        .collect();
    view! {
        <section aria-labelledby="rfm-title">
            <h3 id="rfm-title">{text(lang, Key::RfmTitle)}</h3>
            <table>
                <thead><tr><th scope="col">{text(lang, Key::RfmSegmentLabel)}</th><th scope="col" class="num">{text(lang, Key::CustomerCount)}</th></tr></thead>
                <tbody>
                    {rows.into_iter().map(|(segment, ids)| {
                        let label = rfm_subset_label(lang, segment);
                        view! {
                            <tr>
                                <th scope="row">{rfm_segment_name(lang, segment)}</th>
                                <td class="num">{subset_button(lang, label, ids, open_subset)}</td>
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
        </section>
    }
}

#[component]
pub(super) fn MovesTable(
    changes: Signal<Vec<TierChange>>,
    settings: RwSignal<ValueSettings>,
) -> impl IntoView {
    let customers_view = expect_context::<CustomersView>();
    let shell = expect_context::<Shell>();
    let rows = move || {
        let label = settings.with(ValueSettings::period_label);
        let mut moved: Vec<TierChange> = changes.with(|c| {
            c.iter()
                .filter(|c| c.period == label && c.from.is_some())
                .cloned()
                .collect()
        });
        sort_stable_by_key(&mut moved, |c| c.rank);
        moved
    };
    view! {
        {move || {
            let lang = shell.lang.get();
            let list = rows();
            if list.is_empty() {
                return view! { <p class="muted">{text(lang, Key::NoTierMoves)}</p> }.into_any();
            }
            view! {
                <table>
                    <thead><tr>
                        <th scope="col">{text(lang, Key::Name)}</th><th scope="col">{text(lang, Key::TierMove)}</th>
                        <th scope="col" class="num">{text(lang, Key::Rank)}</th><th scope="col">{text(lang, Key::OrderDate)}</th>
                    </tr></thead>
                    <tbody>
                        {list.into_iter().map(|c| {
                            let name = customers_view.directory.with_untracked(|d| d.get(&c.customer_id).map(|x| x.name.clone())).unwrap_or_else(|| c.customer_id.to_string());
                            let arrow = match c.movement() { Movement::Promotion => "▲", Movement::Demotion => "▼", Movement::FirstPlacement => "•" };
                            let id = c.customer_id.clone();
                            view! {
                                <tr>
                                    <td><a href=Route::Customer(id.clone()).to_hash() on:click=move |ev| { ev.prevent_default(); shell.navigate(Route::Customer(id.clone())); }>{name}</a></td>
                                    <td>{format!("{arrow} {} → {}", c.from.map(|t| tier_name(lang, t)).unwrap_or("—"), tier_name(lang, c.to))}</td>
                                    <td class="num">{c.rank}</td>
                                    <td>{c.at.date_naive().to_string()}</td>
                                </tr>
                            }
                        }).collect_view()}
                    </tbody>
                </table>
            }.into_any()
        }}
    }
}

/// Losses in the period by loss cause and tier, and the won-back count and rate
/// (definitions in `domain::value::losses`).
#[component]
pub(super) fn LossesTable(settings: RwSignal<ValueSettings>) -> impl IntoView {
    let customers_view = expect_context::<CustomersView>();
    let shell = expect_context::<Shell>();
    let report = Memo::new(move |_| {
        let (from, to) = settings.with(|s| (s.from, s.to));
        customers_view.tiers.with(|tiers| {
            customers_view.directory.with(|d| {
                loss_report(
                    d.iter(),
                    &|id| tiers.get(id).copied(),
                    from,
                    to,
                    crate::web::intl::rep_offset_at(""),
                )
            })
        })
    });
    view! {
        <section aria-labelledby="losses-title" class="losses">
            <h3 id="losses-title">{shell.tr(Key::LossesTitle)}</h3>
            {move || {
                let lang = shell.lang.get();
                let r = report.get();
                let table = if r.losses() == 0 {
                    view! { <p class="muted">{text(lang, Key::LossesNone)}</p> }.into_any()
                } else {
                    view! {
                        <table class="losses-table">
                            <caption>{text(lang, Key::LossesByCause)}</caption>
                            <thead><tr>
                                <th scope="col">{text(lang, Key::LossCause)}</th>
                                {ValueTier::ALL.into_iter().map(|t| view! { <th scope="col" class="num">{tier_name(lang, t)}</th> }).collect_view()}
                                <th scope="col" class="num">{text(lang, Key::TotalColumn)}</th>
                            </tr></thead>
                            <tbody>
                                {LossCause::ALL.into_iter().map(|cause| view! {
                                    <tr>
                                        <th scope="row">{loss_cause_name(lang, cause)}</th>
                                        {ValueTier::ALL.into_iter().map(|t| view! { <td class="num">{r.count(cause, t)}</td> }).collect_view()}
                                        <td class="num">{r.cause_total(cause)}</td>
                                    </tr>
                                }).collect_view()}
                            </tbody>
                            <tfoot><tr>
                                <th scope="row">{text(lang, Key::TotalColumn)}</th>
                                {ValueTier::ALL.into_iter().map(|t| view! { <td class="num">{r.tier_total(t)}</td> }).collect_view()}
                                <td class="num">{r.losses()}</td>
                            </tr></tfoot>
                        </table>
                    }.into_any()
                };
                view! {
                    {table}
                    <dl class="won-back">
                        <dt>{text(lang, Key::WonBack)}</dt>
                        <dd data-testid="won-back-count">{r.won_back}</dd>
                        <dt>{text(lang, Key::WonBackRate)}</dt>
                        <dd>{won_back_rate_text(lang, r.won_back, r.lost_in_period, r.won_back_percent())}</dd>
                    </dl>
                    <p class="muted">{text(lang, Key::WonBackRateHelp)}</p>
                }
            }}
        </section>
    }
}
