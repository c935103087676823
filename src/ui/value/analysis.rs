//! Customer value: the pyramid, ABC and RFM analysis, whale curve, tiered care and
//! tier movements, for a chosen period.

use std::collections::HashSet;
use std::sync::Arc;

use chrono::{NaiveDate, Utc};
use leptos::prelude::*;

use crate::domain::customers::CustomerId;
use crate::domain::customers::{ListQuery, Subset};
use crate::domain::orders::CurrencyCode;
use crate::domain::value::{latest_tiers, plan_tier_changes, TierChange};
use crate::domain::value::{reference_entry, reference_rate};
use crate::domain::value::{AbcClass, DecimalRate, RankBy, ValueSettings, ValueTier};
use crate::i18n::{
    class_subset_label, exchange_rates_legend, loading_orders_text, rate_input_error,
    rate_source_note, text, tier_subset_label, tiers_recorded_message, value_error_message,
    value_period, Key,
};
use crate::services::value::ValueInputs;
use crate::storage::store_error_message;
use crate::ui::context::{Backend, CustomersView, Insight, Shared, Shell, ToastKind};
use crate::ui::route::Route;
use crate::ui::value::charts::{ParetoChart, PyramidChart, WhaleChart};
use crate::ui::value::classification::{analyse, Analysis};
use crate::ui::value::tables::{CareTable, LossesTable, MovesTable, RfmTable};

#[component]
pub fn ValueAnalysis() -> impl IntoView {
    let backend = expect_context::<Backend>();
    let customers_view = expect_context::<CustomersView>();
    let shell = expect_context::<Shell>();
    let insight = expect_context::<Insight>();
    let settings = insight.value_settings;

    // Every change the rep makes here is saved (and re-classifies every screen).
    Effect::new(move |_| {
        let current = settings.get();
        if insight.settings_loaded.get_untracked() {
            leptos::task::spawn_local(async move {
                if let Err(e) = backend.save_value_settings(&current).await {
                    shell.notify_error(&e);
                }
            });
        }
    });

    let tier_changes = LocalResource::new(move || {
        backend.changes.track_tiers();
        async move { backend.tier_changes().await }
    });
    let loading = Signal::derive(move || insight.loading.get());
    let facts: Memo<Option<Shared<ValueInputs>>> = Memo::new(move |_| insight.inputs.get());
    let changes: Signal<Vec<TierChange>> =
        Signal::derive(move || tier_changes.get().and_then(Result::ok).unwrap_or_default());
    let load_error = Signal::derive(move || {
        let lang = shell.lang.get();
        insight
            .load_error
            .with(|e| e.as_ref().map(|e| store_error_message(lang, e)))
            .or_else(|| {
                tier_changes.with(|read| match read {
                    Some(Err(e)) => Some(store_error_message(lang, e)),
                    _ => None,
                })
            })
    });

    let analysis = Memo::new(move |_| {
        let classified = insight.classification.get()?;
        Some(
            classified
                .map(|c| Shared(Arc::new(analyse(&c.0, insight.classify_ms.get_untracked()))))
                .map_err(|e| value_error_message(shell.lang.get(), &e)),
        )
    });

    let open_subset = move |label: String, ids: HashSet<CustomerId>| {
        customers_view.query.set(ListQuery {
            subset: Some(Subset {
                label,
                ids: Arc::new(ids),
            }),
            ..ListQuery::default()
        });
        customers_view.page.set(0);
        shell.navigate(Route::List);
    };
    // The customers of the current analysis that satisfy `keep` (by position).
    let select = move |keep: &dyn Fn(&Analysis, usize) -> bool| -> HashSet<CustomerId> {
        match analysis.get_untracked() {
            Some(Ok(a)) => a.0.ids_where(|i| keep(&a.0, i)),
            _ => HashSet::new(),
        }
    };
    let on_tier = Callback::new(move |tier: ValueTier| {
        let lang = shell.lang.get_untracked();
        let period = settings.with_untracked(|s| value_period(lang, s));
        let label = tier_subset_label(lang, tier, &period);
        open_subset(label, select(&|a: &Analysis, i| a.tiers[i] == tier));
    });
    let on_class = Callback::new(move |class: AbcClass| {
        let lang = shell.lang.get_untracked();
        let period = settings.with_untracked(|s| value_period(lang, s));
        let label = class_subset_label(lang, class, &period);
        open_subset(label, select(&|a: &Analysis, i| a.abc[i] == class));
    });

    let record = Action::new_local(move |planned: &Vec<TierChange>| {
        let planned = planned.clone();
        async move {
            let lang = shell.lang.get_untracked();
            match backend.record_tier_changes(&planned).await {
                Ok(()) => shell.notify(
                    ToastKind::Info,
                    tiers_recorded_message(lang, planned.len()),
                    None,
                ),
                Err(e) => shell.notify_error(&e),
            }
        }
    });
    let record_tiers = move |_| {
        let Some(Ok(a)) = analysis.get_untracked() else {
            return;
        };
        let (label, rank_by) = settings.with_untracked(|s| (s.period_label(), s.rank_by));
        let recorded = changes.with_untracked(|c| latest_tiers(c));
        let ranked: Vec<(CustomerId, ValueTier, u32)> =
            a.0.ids
                .iter()
                .enumerate()
                .map(|(i, id)| (id.clone(), a.0.tiers[i], a.0.ranks[i]))
                .collect();
        record.dispatch(plan_tier_changes(
            &recorded,
            &ranked,
            &label,
            rank_by,
            Utc::now(),
        ));
    };

    view! {
        <section class="value" aria-labelledby="value-title">
            <h2 id="value-title">{shell.tr(Key::Analysis)}</h2>
            <SettingsPanel settings facts/>
            <p class="form-error" role="alert">{move || load_error.get()}</p>
            {move || loading.get().map(|n| view! {
                <p role="status" class="loading">{loading_orders_text(shell.lang.get(), n)}</p>
            })}
            {move || match analysis.get() {
                None => ().into_any(),
                Some(Err(message)) => view! { <p class="error-panel" role="alert">{message}</p> }.into_any(),
                Some(Ok(a)) => {
                    let a = a.0;
                    let lang = shell.lang.get();
                    view! {
                        <p class="muted" data-testid="analysis-timing">
                            {format!("{} {} · {:.0} ms", a.ids.len(), text(lang, Key::Results), a.elapsed_ms)}
                        </p>
                        <div class="charts">
                            <PyramidChart summary=a.summary.clone() on_tier=on_tier/>
                            <ParetoChart bars=a.pareto.clone() counts=a.abc_counts a_percent=settings.with_untracked(|s| s.abc.a) b_percent=settings.with_untracked(|s| s.abc.b) on_class=on_class/>
                            <WhaleChart points=a.whale.clone() peak_rank_percent=a.whale_peak.0 peak_percent=a.whale_peak.1/>
                        </div>
                        <CareTable analysis=a.clone() open_subset=open_subset/>
                        <RfmTable analysis=a.clone() open_subset=open_subset/>
                    }.into_any()
                }
            }}
            <section aria-labelledby="moves-title">
                <h3 id="moves-title">{shell.tr(Key::TierMovesTitle)}</h3>
                <p class="muted">{shell.tr(Key::TierMovesHelp)}</p>
                <button type="button" disabled=move || record.pending().get() || !matches!(analysis.get(), Some(Ok(_))) on:click=record_tiers>
                    {shell.tr(Key::RecordTiers)}
                </button>
                <MovesTable changes settings/>
            </section>
            <LossesTable settings/>
        </section>
    }
}

#[component]
fn SettingsPanel(
    settings: RwSignal<ValueSettings>,
    facts: Memo<Option<Shared<ValueInputs>>>,
) -> impl IntoView {
    let shell = expect_context::<Shell>();
    let rate_error: RwSignal<Option<String>> = RwSignal::new(None);
    let number = move |id: &'static str,
                       label: Key,
                       get: fn(&ValueSettings) -> u32,
                       set: fn(&mut ValueSettings, u32)| {
        view! {
            <div class="field">
                <label for=id>{move || shell.t(label)}</label>
                <input id=id type="number" min="0" max="100" step="1" prop:value=move || settings.with(|s| get(s).to_string())
                    on:change=move |ev| { if let Ok(v) = event_target_value(&ev).trim().parse::<u32>() { settings.update(|s| set(s, v)) } }/>
            </div>
        }
    };
    let currencies = move || {
        let reporting = settings.with(|s| s.rates.reporting);
        facts
            .with(|f| {
                f.as_ref()
                    .map(|f| f.0.facts.currencies())
                    .unwrap_or_default()
            })
            .into_iter()
            .filter(move |c| *c != reporting)
            .collect::<Vec<_>>()
    };
    view! {
        <fieldset class="value-controls">
            <legend>{shell.tr(Key::AnalysisSettings)}</legend>
            <div class="field">
                <label for="period-from">{shell.tr(Key::PeriodFrom)}</label>
                <input id="period-from" type="date" prop:value=move || settings.with(|s| s.from.to_string())
                    on:change=move |ev| { if let Ok(d) = event_target_value(&ev).parse::<NaiveDate>() { settings.update(|s| s.from = d) } }/>
            </div>
            <div class="field">
                <label for="period-to">{shell.tr(Key::PeriodTo)}</label>
                <input id="period-to" type="date" prop:value=move || settings.with(|s| s.to.to_string())
                    on:change=move |ev| { if let Ok(d) = event_target_value(&ev).parse::<NaiveDate>() { settings.update(|s| s.to = d) } }/>
            </div>
            <div class="field">
                <label for="rank-by">{shell.tr(Key::RankBy)}</label>
                <select id="rank-by" prop:value=move || settings.with(|s| s.rank_by.code())
                    on:change=move |ev| { let v = event_target_value(&ev); settings.update(|s| s.rank_by = RankBy::from_code(&v).unwrap_or_default()); }>
                    <option value="profit">{shell.tr(Key::Profit)}</option>
                    <option value="revenue">{shell.tr(Key::Revenue)}</option>
                </select>
            </div>
            {number("share-vip", Key::ShareVip, |s| s.shares.vip, |s, v| s.shares.vip = v)}
            {number("share-major", Key::ShareMajor, |s| s.shares.major, |s, v| s.shares.major = v)}
            {number("share-ordinary", Key::ShareOrdinary, |s| s.shares.ordinary, |s, v| s.shares.ordinary = v)}
            {number("abc-a", Key::AbcA, |s| s.abc.a, |s, v| s.abc.a = v)}
            {number("abc-b", Key::AbcB, |s| s.abc.b, |s, v| s.abc.b = v)}
            <div class="field">
                <label for="reporting-currency">{shell.tr(Key::ReportingCurrency)}</label>
                <input id="reporting-currency" type="text" maxlength="3" prop:value=move || settings.with(|s| s.rates.reporting.as_str().to_owned())
                    on:change=move |ev| {
                        match CurrencyCode::parse(&event_target_value(&ev)) {
                            Some(code) => { rate_error.set(None); settings.update(|s| s.rates.reporting = code); }
                            None => rate_error.set(Some(shell.t(Key::BadCurrency).to_owned())),
                        }
                    }/>
            </div>
        </fieldset>
        <fieldset class="value-controls">
            <legend>{move || settings.with(|s| exchange_rates_legend(shell.lang.get(), s.rates.reporting.as_str()))}</legend>
            {move || currencies().into_iter().map(|code| {
                let id = format!("rate-{}", code.as_str());
                view! {
                    <div class="field">
                        <label for=id.clone()>{move || format!("1 {} = ? {}", code.as_str(), settings.with(|s| s.rates.reporting.as_str().to_owned()))}</label>
                        <input id=id.clone() type="text" inputmode="decimal" aria-describedby=format!("{id}-source")
                            prop:value=move || settings.with(|s| s.rates.rates.get(&code).copied().or_else(|| reference_rate(code, s.rates.reporting)).map(|r| r.to_string_plain()).unwrap_or_default())
                            on:change=move |ev| {
                                let typed = event_target_value(&ev);
                                // Clearing the field goes back to the reference rate.
                                if typed.trim().is_empty() {
                                    rate_error.set(None);
                                    settings.update(|s| { s.rates.rates.remove(&code); });
                                    return;
                                }
                                match DecimalRate::parse(&typed) {
                                    Ok(rate) => { rate_error.set(None); settings.update(|s| { s.rates.rates.insert(code, rate); }); }
                                    Err(e) => rate_error.set(Some(rate_input_error(shell.lang.get_untracked(), code.as_str(), &e))),
                                }
                            }/>
                        <span class="muted rate-source" id=format!("{id}-source")>
                            {move || {
                                let lang = shell.lang.get();
                                let typed = settings.with(|s| s.rates.rates.contains_key(&code));
                                let reporting = settings.with(|s| s.rates.reporting);
                                // The euro is the table's base: its date is the other side's.
                                let entry = reference_rate(code, reporting)
                                    .and_then(|_| reference_entry(code).or_else(|| reference_entry(reporting)));
                                rate_source_note(lang, typed, entry)
                            }}
                        </span>
                    </div>
                }
            }).collect_view()}
            <p class="muted rates-help">{shell.tr(Key::ReferenceRatesHelp)}</p>
            <p class="field-error" role="alert">{move || rate_error.get()}</p>
        </fieldset>
    }
}
