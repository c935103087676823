//! Orders import: choose a CSV, map its columns, preview every rejected row, import
//! in one transaction with a progress bar.

use std::collections::HashSet;
use std::sync::Arc;

use crate::ui::exchange::csv_file::{ChosenTable, CsvFileInput};
use chrono::Utc;
use leptos::prelude::*;

use crate::domain::customers::CustomerId;
use crate::domain::exchange::orders_import::{
    guess_mapping, mapping_problems, ColumnMapping, DateOrder, DecimalStyle, ImportPlan, OrderField,
};
use crate::domain::shared::csv::{header_signature, ParsedFile};
use crate::i18n::{
    date_order_option, file_column_option, file_rows_line, order_field_name, order_status_name,
    row_problem_message, text, Key, Lang,
};
use crate::services::exchange::in_steps::plan_orders_import;
use crate::services::exchange::orders_import::ImportMode;
use crate::ui::context::{Backend, Insight, Shell};
use crate::ui::exchange::stage_offers::StageOfferReview;
use crate::ui::latest::Latest;
use crate::web::{next_task, prefs};

const PREVIEW_ROWS: usize = 10;
const REJECTED_SHOWN: usize = 500;

fn mapping_key(headers: &[String]) -> String {
    // Headers can be long; a short stable digest keeps localStorage keys tidy.
    let signature = header_signature(headers);
    let digest = signature.bytes().fold(0xcbf2_9ce4_8422_2325_u64, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x100_0000_01b3)
    });
    format!("crm.import-mapping.{digest:016x}")
}

#[component]
pub fn OrdersImport() -> impl IntoView {
    let backend = expect_context::<Backend>();
    let shell = expect_context::<Shell>();
    let file: RwSignal<Option<Arc<ParsedFile>>> = RwSignal::new(None);
    let file_name = RwSignal::new(String::new());
    let mapping = RwSignal::new(ColumnMapping::default());
    let plan: RwSignal<Option<Arc<ImportPlan>>> = RwSignal::new(None);
    let mode = RwSignal::new(ImportMode::SkipBadRows);
    let progress: RwSignal<Option<(usize, usize)>> = RwSignal::new(None);
    let result: RwSignal<Option<Result<String, String>>> = RwSignal::new(None);
    let insight = expect_context::<Insight>();
    // The customers the last import wrote orders for (with the facts generation at
    // that moment), whose stages are then offered for review.
    let touched: RwSignal<Option<(u64, Arc<HashSet<CustomerId>>)>> = RwSignal::new(None);

    let headers = move || file.with(|f| f.as_ref().map(|f| f.headers.clone()).unwrap_or_default());
    let problems = move || {
        file.with(|f| match f {
            Some(f) => mapping.with(|m| mapping_problems(m, f.headers.len())),
            None => Vec::new(),
        })
    };

    // (rows checked, rows in all) while the rows are being checked; a check
    // overtaken by a new file or mapping drops its result.
    let checking: RwSignal<Option<(usize, usize)>> = RwSignal::new(None);
    let latest_check = Latest::new();
    let drop_check = move || {
        latest_check.cancel();
        checking.set(None);
    };

    // Any change of the mapping invalidates the preview, and is remembered for the
    // next export with the same headers.
    let set_mapping = move |change: &dyn Fn(&mut ColumnMapping)| {
        mapping.update(|m| change(m));
        drop_check();
        plan.set(None);
        result.set(None);
        if let Some(f) = file.get_untracked() {
            if let Err(e) = prefs::store_draft(&mapping_key(&f.headers), &mapping.get_untracked()) {
                shell.notify_browser_failure(Key::LocalSaveFailed, &e);
            }
        }
    };

    // Whatever the picker reads (or refuses) replaces the file, its preview and result.
    let on_table = Callback::new(move |chosen: Option<ChosenTable>| {
        drop_check();
        plan.set(None);
        result.set(None);
        match chosen {
            Some(ChosenTable { name, table }) => {
                let remembered: Option<ColumnMapping> =
                    prefs::load_draft(&mapping_key(&table.headers));
                mapping.set(remembered.unwrap_or_else(|| guess_mapping(&table.headers)));
                file_name.set(name);
                file.set(Some(table));
            }
            None => file.set(None),
        }
    });

    let preview = move |_| {
        let Some(f) = file.get_untracked() else {
            return;
        };
        let turn = latest_check.next();
        let current_mapping = mapping.get_untracked();
        checking.set(Some((0, f.rows.len())));
        leptos::task::spawn_local(async move {
            let computed = plan_orders_import(&f, &current_mapping, next_task, &|done, total| {
                if turn.is_current() {
                    checking.set(Some((done, total)));
                }
            })
            .await;
            if turn.is_current() {
                checking.set(None);
                plan.set(Some(Arc::new(computed)));
            }
        });
    };

    let import = Action::new_local(
        move |(current, chosen_mode): &(Arc<ImportPlan>, ImportMode)| {
            let (current, chosen_mode) = (Arc::clone(current), *chosen_mode);
            async move {
                let lang = shell.lang.get_untracked();
                let generation = insight.generation.get_untracked();
                let outcome = backend
                    .import_orders(&current, chosen_mode, Utc::now(), &move |done, total| {
                        progress.set(Some((done, total)))
                    })
                    .await;
                progress.set(None);
                if outcome.is_ok() {
                    let ids: HashSet<CustomerId> = current
                        .orders
                        .iter()
                        .map(|o| o.customer_id.clone())
                        .collect();
                    touched.set(Some((generation, Arc::new(ids))));
                }
                result.set(Some(match outcome {
                    Ok(o) => Ok(crate::i18n::orders_imported_message(
                        lang,
                        o.orders_written,
                        o.created.len(),
                        o.rows_skipped,
                    )),
                    Err(message) => Err(message),
                }));
            }
        },
    );
    let run = move |_| {
        let Some(current) = plan.get_untracked() else {
            return;
        };
        progress.set(Some((0, current.orders.len())));
        result.set(None);
        import.dispatch((current, mode.get_untracked()));
    };

    view! {
        <section class="import" aria-labelledby="import-title">
            <h2 id="import-title">{shell.tr(Key::ImportOrders)}</h2>
            <p class="muted">{shell.tr(Key::ImportIntro)}</p>
            <CsvFileInput id="import-file" on_table/>
            <Show when=move || file.with(Option::is_some)>
                <p>{move || file_rows_line(shell.lang.get(), &file_name.get(), file.with(|f| f.as_ref().map_or(0, |f| f.rows.len())))}</p>
                <fieldset class="mapping">
                    <legend>{shell.tr(Key::ImportMapping)}</legend>
                    {OrderField::ALL.into_iter().map(|field| {
                        let id = format!("map-{}", field.code());
                        view! {
                            <div class="field">
                                <div class="label-row">
                                    <label for=id.clone()>{move || order_field_name(shell.lang.get(), field)}</label>
                                    {field.is_required().then(|| view! { <span class="required-mark" aria-hidden="true">"*"</span> })}
                                </div>
                                <select id=id
                                    prop:value=move || mapping.with(|m| m.columns.get(&field).map(|i| i.to_string()).unwrap_or_default())
                                    on:change=move |ev| {
                                        let v = event_target_value(&ev);
                                        set_mapping(&|m| match v.parse::<usize>() {
                                            Ok(i) => { m.columns.insert(field, i); }
                                            Err(_) => { m.columns.remove(&field); }
                                        });
                                    }>
                                    <option value="">{shell.tr(Key::ImportNotInFile)}</option>
                                    {move || headers().into_iter().enumerate().map(|(i, h)| view! {
                                        <option value=i.to_string()>{file_column_option(shell.lang.get(), &h, i)}</option>
                                    }).collect_view()}
                                </select>
                            </div>
                        }
                    }).collect_view()}
                    <div class="field">
                        <label for="map-date-order">{shell.tr(Key::ImportDateOrder)}</label>
                        <select id="map-date-order"
                            prop:value=move || mapping.with(|m| if m.date_order == DateOrder::MonthFirst { "month" } else { "day" })
                            on:change=move |ev| { let v = event_target_value(&ev); set_mapping(&|m| m.date_order = if v == "month" { DateOrder::MonthFirst } else { DateOrder::DayFirst }); }>
                            <option value="day">{move || date_order_option(shell.lang.get(), DateOrder::DayFirst)}</option>
                            <option value="month">{move || date_order_option(shell.lang.get(), DateOrder::MonthFirst)}</option>
                        </select>
                    </div>
                    <div class="field">
                        <label for="map-decimal">{shell.tr(Key::ImportDecimal)}</label>
                        <select id="map-decimal"
                            prop:value=move || mapping.with(|m| match m.decimal { DecimalStyle::Auto => "auto", DecimalStyle::Point => "point", DecimalStyle::Comma => "comma" })
                            on:change=move |ev| { let v = event_target_value(&ev); set_mapping(&|m| m.decimal = match v.as_str() { "point" => DecimalStyle::Point, "comma" => DecimalStyle::Comma, _ => DecimalStyle::Auto }); }>
                            <option value="auto">{shell.tr(Key::ImportDecimalAuto)}</option>
                            <option value="point">"1,234.56"</option>
                            <option value="comma">"1.234,56"</option>
                        </select>
                    </div>
                    <div class="field">
                        <label for="map-default-channel">{shell.tr(Key::ImportDefaultChannel)}</label>
                        <input id="map-default-channel" type="text" prop:value=move || mapping.with(|m| m.default_channel.clone())
                            on:change=move |ev| { let v = event_target_value(&ev); set_mapping(&|m| m.default_channel = v.trim().to_owned()); }/>
                    </div>
                    <div class="field">
                        <label for="map-default-currency">{shell.tr(Key::ImportDefaultCurrency)}</label>
                        <input id="map-default-currency" type="text" placeholder="USD" prop:value=move || mapping.with(|m| m.default_currency.clone())
                            on:change=move |ev| { let v = event_target_value(&ev); set_mapping(&|m| m.default_currency = v.trim().to_ascii_uppercase()); }/>
                    </div>
                </fieldset>
                <ul class="mapping-problems" role="alert">
                    {move || { let hs = headers(); problems().iter().map(|p| view! { <li>{crate::i18n::mapping_problem_message(shell.lang.get(), p, &hs)}</li> }).collect_view() }}
                </ul>
                <button type="button" class="primary" disabled=move || !problems().is_empty() || checking.get().is_some() on:click=preview>{shell.tr(Key::ImportPreview)}</button>
                {move || checking.get().map(|(done, total)| view! {
                    <div class="progress">
                        <label for="import-checking">{shell.t(Key::CheckingRows)}</label>
                        <progress id="import-checking" max=total.max(1).to_string() value=done.to_string()></progress>
                    </div>
                })}
            </Show>
            {move || plan.get().map(|p| view! { <ImportPreview plan=p mode progress result run=run/> })}
            {move || touched.get().map(|t| view! { <StageOfferReview touched=t/> })}
        </section>
    }
}

fn download_rejected(plan: &ImportPlan, lang: Lang) -> Result<(), String> {
    let csv = crate::services::exchange::csv_export::rejected_rows_csv(plan, lang);
    crate::ui::widgets::download::download_text("rejected-rows.csv", "text/csv;charset=utf-8", &csv)
}

#[component]
fn ImportPreview(
    plan: Arc<ImportPlan>,
    mode: RwSignal<ImportMode>,
    progress: RwSignal<Option<(usize, usize)>>,
    result: RwSignal<Option<Result<String, String>>>,
    run: impl Fn(leptos::ev::MouseEvent) + 'static,
) -> impl IntoView {
    let shell = expect_context::<Shell>();
    let lang = shell.lang.get_untracked();
    let rejected_rows = plan.rows_total.saturating_sub(plan.orders.len());
    let summary =
        crate::i18n::orders_plan_summary(lang, plan.rows_total, plan.orders.len(), rejected_rows);
    let sample: Vec<_> = plan.orders.iter().take(PREVIEW_ROWS).cloned().collect();
    let rejected: Vec<_> = plan.rejected.iter().take(REJECTED_SHOWN).cloned().collect();
    let more_rejected = plan.rejected.len().saturating_sub(REJECTED_SHOWN);
    let all_rejected = plan.clone();
    let t = move |k| text(lang, k);
    view! {
        <section class="import-preview" aria-labelledby="preview-title">
            <h3 id="preview-title">{t(Key::ImportPreviewTitle)}</h3>
            <p role="status">{summary}</p>
            <table>
                <caption>{t(Key::ImportFirstRows)}</caption>
                <thead><tr>
                    <th scope="col">{t(Key::OrderNumber)}</th><th scope="col">{t(Key::ImportCustomer)}</th>
                    <th scope="col">{t(Key::OrderDate)}</th><th scope="col">{t(Key::OrderChannel)}</th>
                    <th scope="col" class="num">{t(Key::Amount)}</th><th scope="col">{t(Key::Status)}</th>
                </tr></thead>
                <tbody>
                    {sample.into_iter().map(|o| view! {
                        <tr><td>{o.number}</td><td>{o.customer_id.to_string()}</td><td>{o.placed_on.to_string()}</td>
                        <td>{o.channel}</td><td class="num">{o.total.format_plain()}</td><td>{order_status_name(lang, o.status)}</td></tr>
                    }).collect_view()}
                </tbody>
            </table>
            {(!rejected.is_empty()).then(|| view! {
                <table class="rejected">
                    <caption>{t(Key::ImportRejected)}</caption>
                    <thead><tr>
                        <th scope="col">{t(Key::ImportRow)}</th><th scope="col">{t(Key::ImportField)}</th>
                        <th scope="col">{t(Key::ImportProblem)}</th><th scope="col">{t(Key::ImportValue)}</th>
                    </tr></thead>
                    <tbody>
                        {rejected.into_iter().map(|e| view! {
                            <tr><td>{e.row}</td><td>{order_field_name(lang, e.field)}</td>
                            <td>{row_problem_message(lang, &e.problem)}</td><td>{e.value}</td></tr>
                        }).collect_view()}
                    </tbody>
                </table>
                {(more_rejected > 0).then(|| view! { <p>{format!("… +{more_rejected}")}</p> })}
                <button type="button" on:click=move |_| {
                    if let Err(e) = download_rejected(&all_rejected, lang) {
                        shell.notify_browser_failure(Key::DownloadFailed, &e);
                    }
                }>{t(Key::ImportDownloadRejected)}</button>
            })}
            <fieldset class="kind-choice">
                <legend>{t(Key::ImportMode)}</legend>
                <label class="inline">
                    <input type="radio" name="import-mode" prop:checked=move || mode.get() == ImportMode::SkipBadRows
                        on:change=move |_| mode.set(ImportMode::SkipBadRows)/>
                    <span>{t(Key::ImportSkipBad)}</span>
                </label>
                <label class="inline">
                    <input type="radio" name="import-mode" prop:checked=move || mode.get() == ImportMode::AllOrNothing
                        on:change=move |_| mode.set(ImportMode::AllOrNothing)/>
                    <span>{t(Key::ImportAllOrNothing)}</span>
                </label>
            </fieldset>
            <button type="button" class="primary" disabled=move || progress.get().is_some() on:click=run>{t(Key::ImportRun)}</button>
            {move || progress.get().map(|(done, total)| view! {
                <div class="progress">
                    <label for="import-progress">{t(Key::ImportWriting)}</label>
                    <progress id="import-progress" max=total.max(1).to_string() value=done.to_string()>{format!("{done}/{total}")}</progress>
                    <span>{format!("{done} / {total}")}</span>
                </div>
            })}
            {move || result.get().map(|r| match r {
                Ok(message) => view! { <p class="notice" role="status">{message}</p> }.into_any(),
                Err(message) => view! { <p class="error-panel" role="alert">{message}</p> }.into_any(),
            })}
        </section>
    }
}
