//! Importing customers from a CSV file: map the columns (remembered per header
//! layout), see every rejected row and every look-alike before anything is written,
//! decide merge / skip / create per look-alike, then write in one transaction.

use std::collections::HashMap;
use std::sync::Arc;

use chrono::Utc;
use leptos::prelude::*;

use crate::domain::customers::{Customer, CustomerId};
use crate::domain::exchange::customers_import::{
    customer_mapping_problems, guess_customer_mapping, plan_customer_import,
    preview_customer_import, CustomerColumn, CustomerImportPlan, CustomerImportPreview,
    CustomerMapping, DuplicateChoice,
};
use crate::domain::shared::csv::ParsedFile;
use crate::i18n::{
    clauses, customer_column_name, customer_import_summary, customer_mapping_problem_message,
    customers_imported_message, duplicate_decision_label, duplicate_match_text, merge_into_option,
    row_issues_text, text, Key,
};
use crate::ui::context::{Backend, CustomersView, Shell, ToastKind};
use crate::ui::exchange::csv_file::{ChosenTable, CsvFileInput};
use crate::web::intl::BrowserZones;

#[component]
pub fn CustomerImport() -> impl IntoView {
    let backend = expect_context::<Backend>();
    let customers_view = expect_context::<CustomersView>();
    let shell = expect_context::<Shell>();
    let file: RwSignal<Option<Arc<ParsedFile>>> = RwSignal::new(None);
    let mapping: RwSignal<CustomerMapping> = RwSignal::new(CustomerMapping::default());
    let error: RwSignal<Option<String>> = RwSignal::new(None);
    let choices: RwSignal<HashMap<usize, String>> = RwSignal::new(HashMap::new());

    // A new table opens with the mapping used last time for the same headers, or
    // with the best guess.
    let open_table = Action::new_local(move |table: &Arc<ParsedFile>| {
        let table = Arc::clone(table);
        async move {
            let remembered = match backend
                .remembered_customer_mapping(table.headers.clone())
                .await
            {
                Ok(found) => found,
                Err(e) => {
                    error.set(Some(shell.store_message(&e)));
                    None
                }
            };
            mapping.set(remembered.unwrap_or_else(|| guess_customer_mapping(&table.headers)));
            file.set(Some(table));
        }
    });
    let on_table = Callback::new(move |chosen: Option<ChosenTable>| {
        file.set(None);
        error.set(None);
        choices.set(HashMap::new());
        if let Some(ChosenTable { table, .. }) = chosen {
            open_table.dispatch(table);
        }
    });

    let problems = Memo::new(move |_| {
        let columns = file.with(|f| f.as_ref().map_or(0, |f| f.headers.len()));
        mapping.with(|m| customer_mapping_problems(m, columns))
    });
    // Everything below is computed before any write: the rep sees it all first.
    let preview: Memo<Option<Arc<CustomerImportPreview>>> = Memo::new(move |_| {
        let parsed = file.get()?;
        if !problems.with(|p| p.is_empty()) {
            return None;
        }
        let existing: Vec<Customer> = customers_view
            .directory
            .with_untracked(|d| d.iter().cloned().collect());
        let m = mapping.get();
        Some(Arc::new(preview_customer_import(
            &parsed,
            &m,
            &existing,
            Utc::now(),
            &BrowserZones,
            &crate::i18n::choice_names(),
            &mut |_| CustomerId::new_random(),
        )))
    });

    let import = Action::new_local(
        move |(plan, headers, used_mapping): &(
            CustomerImportPlan,
            Vec<String>,
            CustomerMapping,
        )| {
            let (plan, headers, used_mapping) =
                (plan.clone(), headers.clone(), used_mapping.clone());
            async move {
                let lang = shell.lang.get_untracked();
                match backend.import_customers(&plan).await {
                    Ok(()) => {
                        if let Err(e) = backend
                            .remember_customer_mapping(&headers, &used_mapping)
                            .await
                        {
                            shell.notify_error(&e);
                        }
                        file.set(None);
                        shell.notify(
                            ToastKind::Info,
                            customers_imported_message(
                                lang,
                                plan.create.len(),
                                plan.merge.len(),
                                plan.skipped_rows.len(),
                            ),
                            None,
                        );
                    }
                    Err(e) => error.set(Some(shell.store_message(&e))),
                }
            }
        },
    );
    let busy = import.pending();

    let run_import = move |_| {
        let Some(checked) = preview.get_untracked() else {
            return;
        };
        let decided = choices.get_untracked();
        let existing: Vec<Customer> = customers_view
            .directory
            .with_untracked(|d| d.iter().cloned().collect());
        let plan = plan_customer_import(
            &checked,
            &existing,
            &|row| match decided.get(&row).map(String::as_str) {
                Some("create") => Some(DuplicateChoice::Create),
                Some(id) if id.starts_with("merge:") => Some(DuplicateChoice::MergeInto(
                    CustomerId(id["merge:".len()..].to_owned()),
                )),
                _ => Some(DuplicateChoice::Skip),
            },
            Utc::now(),
        );
        let headers =
            file.with_untracked(|f| f.as_ref().map(|f| f.headers.clone()).unwrap_or_default());
        let used_mapping = mapping.get_untracked();
        import.dispatch((plan, headers, used_mapping));
    };

    view! {
        <section class="customer-import" aria-labelledby="customer-import-title">
            <h3 id="customer-import-title">{shell.tr(Key::ImportCustomers)}</h3>
            <p class="muted">{shell.tr(Key::ImportCustomersHelp)}</p>
            <CsvFileInput id="customer-import-file" on_table/>
            <p class="form-error" role="alert">{move || error.get()}</p>
            {move || file.get().map(|parsed| {
                let lang = shell.lang.get();
                let headers = parsed.headers.clone();
                view! {
                    <fieldset class="mapping">
                        <legend>{text(lang, Key::ColumnMapping)}</legend>
                        {CustomerColumn::ALL.into_iter().map(|field| {
                            let id = format!("customer-map-{}", field.code());
                            let headers = headers.clone();
                            view! {
                                <div class="field">
                                    <label for=id.clone()>{customer_column_name(lang, field)}{field.is_required().then_some(" *")}</label>
                                    <select id=id prop:value=move || mapping.with(|m| m.column(field).map(|c| c.to_string()).unwrap_or_default())
                                        on:change=move |ev| {
                                            let chosen = event_target_value(&ev).parse::<usize>().ok();
                                            mapping.update(|m| m.set(field, chosen));
                                        }>
                                        <option value="">{text(lang, Key::NotInFile)}</option>
                                        {headers.iter().enumerate().map(|(i, h)| view! { <option value=i.to_string()>{h.clone()}</option> }).collect_view()}
                                    </select>
                                </div>
                            }
                        }).collect_view()}
                    </fieldset>
                    <ul class="mapping-problems" role="alert">
                        {move || problems.get().into_iter().map(|p| view! { <li>{customer_mapping_problem_message(shell.lang.get(), &p)}</li> }).collect_view()}
                    </ul>
                }
            })}
            {move || preview.get().map(|p| {
                let lang = shell.lang.get();
                let names = move |id: &CustomerId| customers_view.directory.with_untracked(|d| d.get(id).map(|c| c.name.clone()));
                let need_choice: Vec<_> = p.valid.iter().filter(|r| r.needs_choice()).cloned().collect();
                view! {
                    <div class="import-preview" data-testid="customer-import-preview">
                        <p role="status">{customer_import_summary(lang, p.valid.len(), p.rejected.len(), need_choice.len())}</p>
                        {(!p.rejected.is_empty()).then(|| view! {
                            <table>
                                <caption>{text(lang, Key::RejectedRows)}</caption>
                                <thead><tr><th scope="col">{text(lang, Key::Row)}</th><th scope="col">{text(lang, Key::Problems)}</th></tr></thead>
                                <tbody>
                                    {p.rejected.iter().map(|r| view! {
                                        <tr><td>{r.row}</td><td>{row_issues_text(lang, &r.issues)}</td></tr>
                                    }).collect_view()}
                                </tbody>
                            </table>
                        })}
                        {(!need_choice.is_empty()).then(|| view! {
                            <table>
                                <caption>{text(lang, Key::PossibleDuplicates)}</caption>
                                <thead><tr><th scope="col">{text(lang, Key::Row)}</th><th scope="col">{text(lang, Key::Name)}</th><th scope="col">{text(lang, Key::LooksLike)}</th><th scope="col">{text(lang, Key::Decision)}</th></tr></thead>
                                <tbody>
                                    {need_choice.into_iter().map(|r| {
                                        let row = r.row;
                                        let label = duplicate_decision_label(lang, row);
                                        let options: Vec<(String, String)> = r.duplicates.iter().filter(|d| d.earlier_row.is_none()).map(|d| {
                                            let name = names(&d.existing).unwrap_or_default();
                                            (format!("merge:{}", d.existing), merge_into_option(lang, &name))
                                        }).collect();
                                        let looks_like: Vec<String> = r.duplicates.iter().map(|d| {
                                            let name = names(&d.existing);
                                            duplicate_match_text(lang, name.as_deref(), d.earlier_row, d.reason)
                                        }).collect();
                                        let looks_like = clauses(lang, &looks_like);
                                        view! {
                                            <tr>
                                                <td>{row}</td>
                                                <td>{r.customer.name.clone()}</td>
                                                <td>{looks_like}</td>
                                                <td>
                                                    <select aria-label=label prop:value=move || choices.with(|c| c.get(&row).cloned().unwrap_or_else(|| "skip".into()))
                                                        on:change=move |ev| { let v = event_target_value(&ev); choices.update(|c| { c.insert(row, v); }); }>
                                                        <option value="skip">{text(lang, Key::SkipRow)}</option>
                                                        <option value="create">{text(lang, Key::CreateNew)}</option>
                                                        {options.into_iter().map(|(value, name)| view! { <option value=value>{name}</option> }).collect_view()}
                                                    </select>
                                                </td>
                                            </tr>
                                        }
                                    }).collect_view()}
                                </tbody>
                            </table>
                        })}
                        <button type="button" class="primary" disabled=move || busy.get() on:click=run_import>{text(lang, Key::ImportCustomersButton)}</button>
                    </div>
                }
            })}
        </section>
    }
}
