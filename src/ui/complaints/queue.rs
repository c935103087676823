//! The complaint queue across customers (key customers and overdue ones on top),
//! the response targets, and the complaint statistics.

use crate::ui::value::badge::ValueBadges;
use chrono::Utc;
use leptos::prelude::*;

use crate::domain::complaints::{
    complaint_queue, complaint_stats, ComplaintCause, ComplaintState, QueueFilter, ResponseTargets,
    TargetsFormError,
};
use crate::domain::value::ValueTier;
use crate::i18n::{
    cause_name, complaint_count, complaint_state_name, duration_text, text, tier_name,
    tier_target_hours_label, Key,
};
use crate::ui::complaints::clock::clock_text;
use crate::ui::context::{Backend, CustomersView, ServiceDesk, Shell};
use crate::ui::route::Route;

const TIERS: [ValueTier; 4] = [
    ValueTier::Vip,
    ValueTier::Major,
    ValueTier::Ordinary,
    ValueTier::Small,
];

#[component]
pub fn ComplaintsPage() -> impl IntoView {
    view! {
        <ComplaintQueue/>
        <ComplaintStatistics/>
        <TargetsForm/>
    }
}

#[component]
fn ComplaintQueue() -> impl IntoView {
    let customers_view = expect_context::<CustomersView>();
    let desk = expect_context::<ServiceDesk>();
    let shell = expect_context::<Shell>();
    let filter_state = RwSignal::new(String::new());
    let filter_cause = RwSignal::new(String::new());
    let filter_tier = RwSignal::new(String::new());
    let overdue_only = RwSignal::new(false);
    let active_only = RwSignal::new(true);

    let rows = Memo::new(move |_| {
        let filter = QueueFilter {
            state: ComplaintState::from_code(&filter_state.get()),
            cause: ComplaintCause::from_code(&filter_cause.get()),
            tier: ValueTier::from_code(&filter_tier.get()),
            overdue_only: overdue_only.get(),
            active_only: active_only.get(),
        };
        let now = chrono::DateTime::from_timestamp_millis(shell.now.get() as i64)
            .unwrap_or_else(Utc::now);
        let tiers = customers_view.tiers.get();
        let targets = desk.response_targets.get();
        desk.complaints.with(|all| {
            complaint_queue(all, &|id| tiers.get(id).copied(), &targets, &filter, now)
                .into_iter()
                .map(|entry| (entry.complaint.clone(), entry.tier, entry.clock.overdue))
                .collect::<Vec<_>>()
        })
    });

    let select = move |id: &'static str,
                       label: Key,
                       value: RwSignal<String>,
                       options: Vec<(&'static str, String)>| {
        view! {
            <div class="filter">
                <label for=id>{move || shell.t(label)}</label>
                <select id=id prop:value=move || value.get() on:change=move |ev| value.set(event_target_value(&ev))>
                    <option value="">{shell.tr(Key::AnyOption)}</option>
                    {options.into_iter().map(|(code, name)| view! { <option value=code>{name}</option> }).collect_view()}
                </select>
            </div>
        }
    };

    move || {
        let lang = shell.lang.get();
        let list = rows.get();
        view! {
            <section class="complaint-queue" aria-labelledby="queue-title">
                <div class="list-head"><h2 id="queue-title">{text(lang, Key::ComplaintQueue)}</h2></div>
                <div class="filters" role="search">
                    {select("queue-state", Key::ComplaintStateLabel, filter_state,
                        ComplaintState::ALL.iter().map(|s| (s.code(), complaint_state_name(lang, *s).to_owned())).collect())}
                    {select("queue-cause", Key::ComplaintCauseLabel, filter_cause,
                        ComplaintCause::ALL.iter().map(|c| (c.code(), cause_name(lang, *c).to_owned())).collect())}
                    {select("queue-tier", Key::TierLabel, filter_tier,
                        TIERS.iter().map(|t| (t.code(), tier_name(lang, *t).to_owned())).collect())}
                    <label class="inline"><input type="checkbox" prop:checked=move || overdue_only.get()
                        on:change=move |ev| overdue_only.set(event_target_checked(&ev))/>{text(lang, Key::OverdueOnly)}</label>
                    <label class="inline"><input type="checkbox" prop:checked=move || active_only.get()
                        on:change=move |ev| active_only.set(event_target_checked(&ev))/>{text(lang, Key::ActiveOnly)}</label>
                </div>
                <p class="result-count" role="status">{complaint_count(lang, list.len())}</p>
                {if list.is_empty() {
                    view! { <p class="empty-state">{text(lang, Key::NoComplaints)}</p> }.into_any()
                } else {
                    view! {
                        <table>
                            <thead><tr>
                                <th scope="col">{text(lang, Key::Name)}</th>
                                <th scope="col">{text(lang, Key::TierLabel)}</th>
                                <th scope="col">{text(lang, Key::ComplaintCauseLabel)}</th>
                                <th scope="col">{text(lang, Key::ComplaintStateLabel)}</th>
                                <th scope="col">{text(lang, Key::ResponseClock)}</th>
                            </tr></thead>
                            <tbody>
                                {list.into_iter().map(|(c, tier, overdue)| {
                                    let name = customers_view.directory.with_untracked(|d| d.get(&c.customer_id).map(|x| x.name.clone())).unwrap_or_else(|| c.customer_id.to_string());
                                    let route = Route::Complaint(c.id.clone());
                                    let href = route.to_hash();
                                    let clock_complaint = c.clone();
                                    view! {
                                        <tr class:overdue=overdue>
                                            <td><a href=href on:click=move |ev| { ev.prevent_default(); shell.navigate(route.clone()); }>{name}</a></td>
                                            <td>{match tier {
                                                Some(_) => view! { <ValueBadges id=c.customer_id.clone()/> }.into_any(),
                                                None => "—".into_any(),
                                            }}</td>
                                            <td>{c.cause.map(|x| cause_name(lang, x)).unwrap_or("—")}</td>
                                            <td>{complaint_state_name(lang, c.state)}</td>
                                            <td>
                                                {overdue.then(|| view! { <strong class="overdue-mark">{text(lang, Key::Overdue)}{" · "}</strong> })}
                                                {move || clock_text(shell.lang.get(), &clock_complaint, shell.now.get())}
                                            </td>
                                        </tr>
                                    }
                                }).collect_view()}
                            </tbody>
                        </table>
                    }.into_any()
                }}
            </section>
        }
    }
}

#[component]
fn ComplaintStatistics() -> impl IntoView {
    let desk = expect_context::<ServiceDesk>();
    let shell = expect_context::<Shell>();
    let stats = Memo::new(move |_| desk.complaints.with(|all| complaint_stats(all)));
    move || {
        let lang = shell.lang.get();
        let s = stats.get();
        let most = s.by_cause.iter().map(|(_, n)| *n).max().unwrap_or(0).max(1);
        let bar_height = 22;
        let chart_height = bar_height * s.by_cause.len() + 4;
        let median = s
            .median_minutes_to_resolve
            .map(|m| duration_text(lang, chrono::Duration::minutes(m)))
            .unwrap_or_else(|| "—".into());
        let first_contact = s
            .first_contact_percent()
            .map(|p| format!("{p}%"))
            .unwrap_or_else(|| "—".into());
        let satisfaction = s
            .average_satisfaction_tenths()
            .map(|t| format!("{}.{} / 5", t / 10, t % 10))
            .unwrap_or_else(|| "—".into());
        view! {
            <section class="complaint-stats" aria-labelledby="stats-title">
                <h2 id="stats-title">{text(lang, Key::ComplaintStatistics)}</h2>
                <dl class="details" data-testid="complaint-figures">
                    <div class="detail"><dt>{text(lang, Key::ComplaintsTotal)}</dt><dd>{s.total}</dd></div>
                    <div class="detail"><dt>{text(lang, Key::ResolvedCount)}</dt><dd>{s.resolved}</dd></div>
                    <div class="detail"><dt>{text(lang, Key::MedianTimeToResolve)}</dt><dd>{median}</dd></div>
                    <div class="detail"><dt>{text(lang, Key::FirstContactShare)}</dt><dd>{first_contact}</dd></div>
                    <div class="detail"><dt>{text(lang, Key::AverageSatisfaction)}</dt><dd>{satisfaction}</dd></div>
                </dl>
                <div class="charts">
                    <figure class="chart">
                        <h3>{text(lang, Key::ByCause)}</h3>
                        <svg role="img" aria-labelledby="cause-chart-title" viewBox=format!("0 0 320 {chart_height}") width="320" height=chart_height>
                            <title id="cause-chart-title">{text(lang, Key::ByCause)}</title>
                            {s.by_cause.iter().enumerate().map(|(i, (cause, n))| {
                                let y = i * bar_height;
                                let width = 160 * n / most;
                                view! {
                                    <text x="0" y=y + 15 font-size="11">{cause_name(lang, *cause)}</text>
                                    <rect x="150" y=y + 4 width=width.max(1) height="14" class="tier-vip"></rect>
                                    <text x=155 + width y=y + 15 font-size="11">{n.to_string()}</text>
                                }
                            }).collect_view()}
                        </svg>
                        <table>
                            <thead><tr><th scope="col">{text(lang, Key::ComplaintCauseLabel)}</th><th scope="col" class="num">{text(lang, Key::ComplaintsColumn)}</th></tr></thead>
                            <tbody>
                                {s.by_cause.iter().map(|(cause, n)| view! {
                                    <tr><td>{cause_name(lang, *cause)}</td><td class="num">{*n}</td></tr>
                                }).collect_view()}
                            </tbody>
                        </table>
                    </figure>
                    <figure class="chart">
                        <h3>{text(lang, Key::ByMonth)}</h3>
                        <table>
                            <thead><tr><th scope="col">{text(lang, Key::Month)}</th><th scope="col" class="num">{text(lang, Key::ComplaintsColumn)}</th></tr></thead>
                            <tbody>
                                {s.by_month.iter().map(|(month, n)| view! {
                                    <tr><td>{month.clone()}</td><td class="num">{*n}</td></tr>
                                }).collect_view()}
                            </tbody>
                        </table>
                    </figure>
                </div>
            </section>
        }
    }
}

/// Hours per marketplace as "Amazon=12, eBay=24".
fn marketplaces_text(targets: &ResponseTargets) -> String {
    targets
        .by_marketplace
        .iter()
        .map(|(name, hours)| format!("{name}={hours}"))
        .collect::<Vec<_>>()
        .join(", ")
}

#[component]
fn TargetsForm() -> impl IntoView {
    let backend = expect_context::<Backend>();
    let desk = expect_context::<ServiceDesk>();
    let shell = expect_context::<Shell>();
    let current = desk.response_targets.get_untracked();
    let default = RwSignal::new(current.default_hours.to_string());
    let tier_fields = TIERS.map(|tier| {
        RwSignal::new(
            current
                .tier_hours(tier)
                .map(|h| h.to_string())
                .unwrap_or_default(),
        )
    });
    let marketplaces = RwSignal::new(marketplaces_text(&current));
    let error: RwSignal<Option<String>> = RwSignal::new(None);
    let save = Action::new_local(move |targets: &ResponseTargets| {
        let targets = targets.clone();
        async move {
            match backend.save_response_targets(&targets).await {
                Ok(()) => shell.confirm(Key::Saved),
                Err(e) => error.set(Some(shell.store_message(&e))),
            }
        }
    });
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let lang = shell.lang.get_untracked();
        let tiers = tier_fields.map(|f| f.get_untracked());
        let parsed = ResponseTargets::from_form(
            &default.get_untracked(),
            [&tiers[0], &tiers[1], &tiers[2], &tiers[3]],
            &marketplaces.get_untracked(),
        );
        match parsed {
            Err(TargetsFormError::Hours) => {
                error.set(Some(text(lang, Key::TargetHoursInvalid).to_owned()))
            }
            Err(TargetsFormError::Marketplaces) => {
                error.set(Some(text(lang, Key::MarketplaceTargetsInvalid).to_owned()))
            }
            Ok(targets) => {
                error.set(None);
                save.dispatch(targets);
            }
        }
    };
    view! {
        <section class="targets" aria-labelledby="targets-title">
            <h2 id="targets-title">{shell.tr(Key::ResponseTargets)}</h2>
            <p class="muted">{shell.tr(Key::ResponseTargetsHelp)}</p>
            <form class="stage-form" on:submit=submit>
                <div class="field">
                    <label for="target-default">{shell.tr(Key::DefaultTargetHours)}</label>
                    <input id="target-default" type="text" inputmode="numeric" prop:value=move || default.get()
                        aria-describedby="targets-error" on:input=move |ev| default.set(event_target_value(&ev))/>
                </div>
                {TIERS.into_iter().zip(tier_fields).map(|(tier, value)| {
                    let id = format!("target-{}", tier.code());
                    view! {
                        <div class="field">
                            <label for=id.clone()>{move || tier_target_hours_label(shell.lang.get(), tier)}</label>
                            <input id=id type="text" inputmode="numeric" prop:value=move || value.get()
                                aria-describedby="targets-error" on:input=move |ev| value.set(event_target_value(&ev))/>
                        </div>
                    }
                }).collect_view()}
                <div class="field">
                    <label for="target-marketplaces">{shell.tr(Key::MarketplaceTargets)}</label>
                    <input id="target-marketplaces" type="text" placeholder="Amazon=12, eBay=24" prop:value=move || marketplaces.get()
                        aria-describedby="targets-error" on:input=move |ev| marketplaces.set(event_target_value(&ev))/>
                </div>
                <button type="submit">{shell.tr(Key::SaveTargets)}</button>
            </form>
            <p id="targets-error" class="form-error" role="alert">{move || error.get()}</p>
        </section>
    }
}
