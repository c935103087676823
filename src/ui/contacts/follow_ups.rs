//! Follow-ups: the "overdue / today / this week" board across customers, and the
//! form that plans one on a customer, warning of night-time in the buyer's zone and
//! of clashes with the same rep's other follow-ups.

use chrono::{DateTime, Utc};
use leptos::prelude::*;

use crate::domain::contacts::{
    conflicts, follow_up_board, is_night_hour, validate_follow_up, FollowUp, FollowUpDraft,
    FollowUpKind,
};
use crate::domain::customers::CustomerId;
use crate::i18n::{
    bucket_heading, contact_problem_message, follow_up_clash_warning, labelled,
    mark_follow_up_done_label, text, Key, Lang,
};
use crate::ui::context::{Backend, CustomersView, ServiceDesk, Shell};
use crate::ui::route::Route;
use crate::ui::widgets::field::{TextField, TextKind};
use crate::web::intl;

/// The buyer's wall clock at `at`, and whether that falls in their night.
fn buyer_time(zone: &str, lang: Lang, at: DateTime<Utc>) -> Option<(String, bool)> {
    let clock = intl::local_clock(zone, lang.code(), at.timestamp_millis() as f64)?;
    Some((clock.text, is_night_hour(clock.hour)))
}

/// One line on a follow-up: when, for whom, the buyer's local time and warnings.
fn warnings(
    customers_view: CustomersView,
    lang: Lang,
    f: &FollowUp,
    all: &[FollowUp],
) -> impl IntoView {
    let zone = customers_view
        .directory
        .with_untracked(|d| d.get(&f.customer_id).map(|c| c.time_zone.clone()))
        .unwrap_or_default();
    let local = buyer_time(&zone, lang, f.due_at);
    let clashes: Vec<(String, String)> = conflicts(f, all)
        .into_iter()
        .map(|other| {
            let name = customers_view
                .directory
                .with_untracked(|d| d.get(&other.customer_id).map(|c| c.name.clone()))
                .unwrap_or_default();
            (name, intl::format_instant(other.due_at, lang.code()))
        })
        .collect();
    view! {
        {match local {
            Some((clock, night)) => view! {
                <span class="sub">{labelled(lang, text(lang, Key::BuyerLocalTime), &clock)}</span>
                {night.then(|| view! { <strong class="warning" role="note">{" ⚠ "}{text(lang, Key::NightWarning)}</strong> })}
            }.into_any(),
            None => view! { <span class="sub muted">{text(lang, Key::NoTimeZone)}</span> }.into_any(),
        }}
        {(!clashes.is_empty()).then(|| view! {
            <strong class="warning" role="note">{" ⚠ "}{follow_up_clash_warning(lang, &clashes)}</strong>
        })}
    }
}

#[component]
pub fn FollowUpBoard() -> impl IntoView {
    let backend = expect_context::<Backend>();
    let customers_view = expect_context::<CustomersView>();
    let desk = expect_context::<ServiceDesk>();
    let shell = expect_context::<Shell>();
    let complete = Action::new_local(move |f: &FollowUp| {
        let f = f.clone();
        async move {
            match backend.complete_follow_up(&f).await {
                Ok(()) => shell.confirm(Key::FollowUpDone),
                Err(e) => shell.notify_error(&e),
            }
        }
    });
    let mark_done = move |f: FollowUp| {
        complete.dispatch(f);
    };
    move || {
        let lang = shell.lang.get();
        let now = DateTime::from_timestamp_millis(shell.now.get() as i64).unwrap_or_else(Utc::now);
        let all = desk.follow_ups.get();
        let board = follow_up_board(&all, now, intl::rep_offset_at(""));
        let groups: Vec<(crate::domain::contacts::FollowUpBucket, Vec<FollowUp>)> = board
            .into_iter()
            .map(|(bucket, items)| (bucket, items.into_iter().cloned().collect()))
            .collect();
        let empty = groups.iter().all(|(_, items)| items.is_empty());
        view! {
            <section class="follow-up-board" aria-labelledby="board-title">
                <div class="list-head"><h2 id="board-title">{text(lang, Key::FollowUps)}</h2></div>
                {empty.then(|| view! { <p class="empty-state">{text(lang, Key::NoFollowUpsDue)}</p> })}
                {groups.into_iter().filter(|(_, items)| !items.is_empty()).map(|(bucket, items)| {
                    let heading_id = format!("bucket-{}", bucket.code());
                    let all = all.clone();
                    view! {
                        <section aria-labelledby=heading_id.clone() class=format!("bucket bucket-{}", bucket.code())>
                            <h3 id=heading_id.clone()>{bucket_heading(lang, bucket, items.len())}</h3>
                            <ul class="follow-ups">
                                {items.into_iter().map(|f| {
                                    let name = customers_view.directory.with_untracked(|d| d.get(&f.customer_id).map(|c| c.name.clone())).unwrap_or_default();
                                    let route = Route::Customer(f.customer_id.clone());
                                    let href = route.to_hash();
                                    let done_item = f.clone();
                                    let label = mark_follow_up_done_label(lang, &name);
                                    view! {
                                        <li>
                                            <time datetime=f.due_at.to_rfc3339()>{intl::format_instant(f.due_at, lang.code())}</time>
                                            " · "<a href=href on:click=move |ev| { ev.prevent_default(); shell.navigate(route.clone()); }>{name}</a>
                                            " · "{(f.kind == FollowUpKind::WinBack).then(|| view! { <span class="badge win-back-badge">{text(lang, Key::WinBack)}</span>" " })}
                                            {f.purpose.clone()}" · "{f.rep.clone()}" "
                                            {warnings(customers_view, lang, &f, &all)}
                                            " "<button type="button" aria-label=label on:click=move |_| mark_done(done_item.clone())>{text(lang, Key::MarkDone)}</button>
                                        </li>
                                    }
                                }).collect_view()}
                            </ul>
                        </section>
                    }
                }).collect_view()}
            </section>
        }
    }
}

/// Plans a follow-up on one customer.
#[component]
pub fn PlanFollowUp(customer: CustomerId) -> impl IntoView {
    let backend = expect_context::<Backend>();
    let customers_view = expect_context::<CustomersView>();
    let desk = expect_context::<ServiceDesk>();
    let shell = expect_context::<Shell>();
    let tomorrow_ten = {
        let tomorrow = Utc::now() + chrono::Duration::days(1);
        let local = intl::to_local_input(tomorrow);
        format!("{}T10:00", &local[..10.min(local.len())])
    };
    let draft = RwSignal::new(FollowUpDraft {
        rep: desk.rep_name.get_untracked(),
        due_at: tomorrow_ten,
        duration_minutes: "30".into(),
        purpose: String::new(),
    });
    // Once the rep's name becomes known (first contact logged), it fills an empty field.
    Effect::new(move |_| {
        let name = desk.rep_name.get();
        if draft.with_untracked(|d| d.rep.trim().is_empty()) && !name.is_empty() {
            draft.update(|d| d.rep = name);
        }
    });
    let errors: RwSignal<Vec<crate::domain::contacts::ContactError>> = RwSignal::new(Vec::new());
    let store_error: RwSignal<Option<String>> = RwSignal::new(None);
    let planned_id = RwSignal::new(uuid::Uuid::new_v4().to_string());
    // Warnings show as soon as a time is typed, before the purpose is written.
    let build = {
        let customer = customer.clone();
        move || {
            let mut d = draft.get();
            if d.purpose.trim().is_empty() {
                d.purpose = "…".into();
            }
            if d.rep.trim().is_empty() {
                d.rep = desk.rep_name.get();
            }
            validate_follow_up(
                &d,
                planned_id.get(),
                customer.clone(),
                None,
                Utc::now(),
                intl::rep_offset_at(&d.due_at),
            )
        }
    };
    let candidate = Memo::new(move |_| build().ok());
    let error_of = move |field: crate::domain::contacts::ContactField| {
        errors.with(|list| {
            list.iter()
                .find(|e| e.field == field)
                .map(|e| contact_problem_message(shell.lang.get(), e.problem))
        })
    };
    let plan = Action::new_local(move |follow_up: &FollowUp| {
        let follow_up = follow_up.clone();
        async move {
            match backend.save_follow_up(&follow_up).await {
                Ok(()) => {
                    store_error.set(None);
                    planned_id.set(uuid::Uuid::new_v4().to_string());
                    draft.update(|d| d.purpose.clear());
                    shell.confirm(Key::FollowUpPlanned);
                }
                Err(e) => store_error.set(Some(shell.store_message(&e))),
            }
        }
    });
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let mut d = draft.get_untracked();
        if d.rep.trim().is_empty() {
            d.rep = desk.rep_name.get_untracked();
        }
        let built = validate_follow_up(
            &d,
            planned_id.get_untracked(),
            customer.clone(),
            None,
            Utc::now(),
            intl::rep_offset_at(&d.due_at),
        );
        match built {
            Err(found) => errors.set(found),
            Ok(follow_up) => {
                errors.set(Vec::new());
                plan.dispatch(follow_up);
            }
        }
    };
    use crate::domain::contacts::ContactField as F;
    let input = move |id: &'static str,
                      field: F,
                      label: Key,
                      kind: &'static str,
                      get: fn(&FollowUpDraft) -> String,
                      set: fn(&mut FollowUpDraft, String)| {
        view! {
            <TextField id=id.to_owned() kind=TextKind::Input(kind)
                label=Signal::derive(move || shell.t(label).to_owned())
                value=Signal::derive(move || draft.with(get))
                on_input=Callback::new(move |v| draft.update(|d| set(d, v)))
                error=Signal::derive(move || error_of(field))/>
        }
    };
    view! {
        <section class="plan-follow-up" aria-labelledby="plan-title">
            <h3 id="plan-title">{move || shell.t(Key::PlanFollowUp)}</h3>
            <form class="stage-form" on:submit=submit>
                {input("follow-up-due", F::DueAt, Key::FollowUpAt, "datetime-local", |d| d.due_at.clone(), |d, v| d.due_at = v)}
                {input("follow-up-duration", F::Duration, Key::DurationMinutes, "number", |d| d.duration_minutes.clone(), |d, v| d.duration_minutes = v)}
                {input("follow-up-rep", F::Rep, Key::Rep, "text", |d| d.rep.clone(), |d, v| d.rep = v)}
                {input("follow-up-purpose", F::Purpose, Key::Purpose, "text", |d| d.purpose.clone(), |d, v| d.purpose = v)}
                <button type="submit" disabled=move || plan.pending().get()>{move || shell.t(Key::PlanFollowUp)}</button>
            </form>
            <p class="notice" role="status" data-testid="follow-up-warnings">
                {move || candidate.get().map(|f| {
                    let all = desk.follow_ups.get();
                    warnings(customers_view, shell.lang.get(), &f, &all)
                })}
            </p>
            <p class="form-error" role="alert">{move || store_error.get()}</p>
        </section>
    }
}
