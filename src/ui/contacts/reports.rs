//! "Reports this week" on the follow-ups page: the revisit reports of the rep's
//! current local week for the team lead, each marked reviewed with a comment.

use leptos::prelude::*;

use super::follow_up_dialogs::{bound, failure_text, show_failure, Dialog};
use crate::domain::contacts::{Contact, ContactError, ContactField};
use crate::i18n::{mark_reviewed_label, reviewed_mark, satisfaction_score, text, Key};
use crate::ui::context::{Backend, CustomersView, ServiceDesk, Shell};
use crate::ui::route::Route;
use crate::ui::widgets::field::TextKind;
use crate::web::intl;

/// What the review dialog edits.
#[derive(Debug, Clone, Default)]
struct ReviewDraft {
    by: String,
    comment: String,
}

#[component]
pub fn WeekReports() -> impl IntoView {
    let backend = expect_context::<Backend>();
    let customers_view = expect_context::<CustomersView>();
    let shell = expect_context::<Shell>();
    // Re-read whenever a contact is logged or reviewed, here or in another tab.
    let reports = LocalResource::new(move || {
        backend.changes.track_contacts();
        async move { backend.reports_this_week().await }
    });
    let reviewing: RwSignal<Option<Contact>> = RwSignal::new(None);
    let table = move || {
        let lang = shell.lang.get();
        reports.with(|read| match read {
            None => view! { <p class="muted" role="status">{text(lang, Key::LoadingReports)}</p> }.into_any(),
            Some(Err(e)) => view! { <p class="error-panel" role="alert">{shell.store_message(e)}</p> }.into_any(),
            Some(Ok(list)) if list.is_empty() => {
                view! { <p class="empty-state">{text(lang, Key::NoReportsThisWeek)}</p> }.into_any()
            }
            Some(Ok(list)) => view! {
                <table class="week-reports-table" data-testid="week-reports">
                    <thead><tr>
                        <th scope="col">{text(lang, Key::When)}</th>
                        <th scope="col">{text(lang, Key::ReportCustomer)}</th>
                        <th scope="col">{text(lang, Key::Rep)}</th>
                        <th scope="col">{text(lang, Key::ReportOutcome)}</th>
                        <th scope="col" class="num">{text(lang, Key::Satisfaction)}</th>
                        <th scope="col">{text(lang, Key::NextStep)}</th>
                        <th scope="col">{text(lang, Key::ReviewColumn)}</th>
                    </tr></thead>
                    <tbody>
                        {list.iter().map(|report| {
                            let name = customers_view
                                .directory
                                .with_untracked(|d| d.get(&report.customer_id).map(|c| c.name.clone()))
                                .unwrap_or_else(|| report.customer_id.as_str().to_owned());
                            let route = Route::Customer(report.customer_id.clone());
                            let href = route.to_hash();
                            let label = mark_reviewed_label(lang, &name);
                            let review = match &report.review {
                                Some(r) => view! { <span class="reviewed">{"✓ "}{reviewed_mark(lang, &r.by, &r.comment)}</span> }.into_any(),
                                None => {
                                    let chosen = report.clone();
                                    view! {
                                        <span class="muted">{text(lang, Key::NotReviewed)}</span>" "
                                        <button type="button" aria-label=label on:click=move |_| reviewing.set(Some(chosen.clone()))>{text(lang, Key::MarkReviewed)}</button>
                                    }.into_any()
                                }
                            };
                            view! {
                                <tr>
                                    <td><time datetime=report.at.to_rfc3339()>{intl::format_instant(report.at, lang.code())}</time></td>
                                    <td><a href=href on:click=move |ev| { ev.prevent_default(); shell.navigate(route.clone()); }>{name}</a></td>
                                    <td>{report.rep.clone()}</td>
                                    <td>{report.outcome.clone()}</td>
                                    <td class="num">{report.satisfaction.map(satisfaction_score).unwrap_or_else(|| "—".into())}</td>
                                    <td>{report.next_step.clone()}</td>
                                    <td>{review}</td>
                                </tr>
                            }
                        }).collect_view()}
                    </tbody>
                </table>
            }.into_any(),
        })
    };
    view! {
        <section class="week-reports" aria-labelledby="week-reports-title">
            <h2 id="week-reports-title">{shell.tr(Key::ReportsThisWeek)}</h2>
            {table}
        </section>
        {move || reviewing.get().map(|report| view! { <ReviewDialog report=report open=reviewing/> })}
    }
}

/// "Mark reviewed": who reviews (this browser's rep) and an optional comment.
#[component]
fn ReviewDialog(report: Contact, open: RwSignal<Option<Contact>>) -> impl IntoView {
    let backend = expect_context::<Backend>();
    let desk = expect_context::<ServiceDesk>();
    let shell = expect_context::<Shell>();
    let draft = RwSignal::new(ReviewDraft {
        by: desk.rep_name.get_untracked(),
        comment: String::new(),
    });
    let errors: RwSignal<Vec<ContactError>> = RwSignal::new(Vec::new());
    let failure: RwSignal<Option<String>> = RwSignal::new(None);
    let chosen = StoredValue::new(report);
    let save = Action::new_local(move |d: &ReviewDraft| {
        let d = d.clone();
        let report = chosen.get_value();
        async move {
            match backend.review_report(&report, &d.by, &d.comment).await {
                Ok(_) => {
                    open.set(None);
                    shell.confirm(Key::ReportReviewed);
                }
                Err(e) => show_failure(e, errors, failure, shell),
            }
        }
    });
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        save.dispatch(draft.get_untracked());
    };
    let summary = chosen.with_value(|r| {
        [r.summary.as_str(), r.outcome.as_str()]
            .into_iter()
            .filter(|s| !s.trim().is_empty())
            .collect::<Vec<_>>()
            .join(" · ")
    });
    view! {
        <Dialog id="review" title=Key::ReviewTitle on_close=Callback::new(move |()| open.set(None))>
            <form class="stage-form" on:submit=submit>
                <p class="muted">{summary}</p>
                {bound(shell, draft, errors, ("review-comment".into(), ContactField::Comment, Key::ReviewComment, TextKind::Area(3)), |d| d.comment.clone(), |d, v| d.comment = v)}
                {bound(shell, draft, errors, ("review-by".into(), ContactField::Reviewer, Key::Reviewer, TextKind::Input("text")), |d| d.by.clone(), |d, v| d.by = v)}
                <p class="form-error" role="alert">{move || failure_text(shell, errors, failure)}</p>
                <div class="modal-actions">
                    <button type="button" on:click=move |_| open.set(None)>{shell.tr(Key::Cancel)}</button>
                    <button type="submit" class="primary" disabled=move || save.pending().get()>{shell.tr(Key::MarkReviewed)}</button>
                </div>
            </form>
        </Dialog>
    }
}
