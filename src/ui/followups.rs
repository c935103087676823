//! Follow-ups: the "overdue / today / this week" board across customers, and the
//! form that plans one on a customer, warning of night-time in the buyer's zone and
//! of clashes with the same rep's other follow-ups.

use chrono::{DateTime, Utc};
use leptos::prelude::*;
use leptos::task::spawn_local;

use super::route::Route;
use super::state::{store_error_message, AppState, ToastKind};
use crate::domain::contacts::{
    complete, conflicts, follow_up_board, is_night_hour, validate_follow_up, FollowUp,
    FollowUpDraft,
};
use crate::domain::customers::CustomerId;
use crate::i18n::{bucket_name, contact_problem_message, text, Key, Lang};
use crate::web::intl;

/// The buyer's wall clock at `at`, and whether that falls in their night.
fn buyer_time(zone: &str, lang: Lang, at: DateTime<Utc>) -> Option<(String, bool)> {
    let clock = intl::local_clock(zone, lang.code(), at.timestamp_millis() as f64)?;
    Some((clock.text, is_night_hour(clock.hour)))
}

/// One line on a follow-up: when, for whom, the buyer's local time and warnings.
fn warnings(state: AppState, lang: Lang, f: &FollowUp, all: &[FollowUp]) -> impl IntoView {
    let zone = state
        .directory
        .with_untracked(|d| d.get(&f.customer_id).map(|c| c.time_zone.clone()))
        .unwrap_or_default();
    let local = buyer_time(&zone, lang, f.due_at);
    let clashes: Vec<String> = conflicts(f, all)
        .into_iter()
        .map(|other| {
            let name = state
                .directory
                .with_untracked(|d| d.get(&other.customer_id).map(|c| c.name.clone()))
                .unwrap_or_default();
            format!(
                "{name} ({})",
                intl::format_instant(other.due_at, lang.code())
            )
        })
        .collect();
    view! {
        {match local {
            Some((clock, night)) => view! {
                <span class="sub">{format!("{}: {clock}", text(lang, Key::BuyerLocalTime))}</span>
                {night.then(|| view! { <strong class="warning" role="note">{" ⚠ "}{text(lang, Key::NightWarning)}</strong> })}
            }.into_any(),
            None => view! { <span class="sub muted">{text(lang, Key::NoTimeZone)}</span> }.into_any(),
        }}
        {(!clashes.is_empty()).then(|| view! {
            <strong class="warning" role="note">{format!(" ⚠ {}: {}", text(lang, Key::ConflictWarning), clashes.join("; "))}</strong>
        })}
    }
}

#[component]
pub fn FollowUpBoard() -> impl IntoView {
    let state = expect_context::<AppState>();
    let mark_done = move |f: FollowUp| {
        let done = complete(&f, Utc::now());
        spawn_local(async move {
            match state.save_follow_up(&done).await {
                Ok(()) => state.notify(ToastKind::Info, state.t(Key::FollowUpDone).into(), None),
                Err(e) => state.notify_error(&e),
            }
        });
    };
    move || {
        let lang = state.lang.get();
        let now = DateTime::from_timestamp_millis(state.now.get() as i64).unwrap_or_else(Utc::now);
        let all = state.follow_ups.get();
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
                            <h3 id=heading_id.clone()>{format!("{} ({})", bucket_name(lang, bucket), items.len())}</h3>
                            <ul class="follow-ups">
                                {items.into_iter().map(|f| {
                                    let name = state.directory.with_untracked(|d| d.get(&f.customer_id).map(|c| c.name.clone())).unwrap_or_default();
                                    let route = Route::Customer(f.customer_id.clone());
                                    let href = route.to_hash();
                                    let done_item = f.clone();
                                    let label = format!("{} {name}", text(lang, Key::MarkDone));
                                    view! {
                                        <li>
                                            <time datetime=f.due_at.to_rfc3339()>{intl::format_instant(f.due_at, lang.code())}</time>
                                            " · "<a href=href on:click=move |ev| { ev.prevent_default(); state.navigate(route.clone()); }>{name}</a>
                                            " · "{f.purpose.clone()}" · "{f.rep.clone()}" "
                                            {warnings(state, lang, &f, &all)}
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
    let state = expect_context::<AppState>();
    let tomorrow_ten = {
        let tomorrow = Utc::now() + chrono::Duration::days(1);
        let local = intl::to_local_input(tomorrow);
        format!("{}T10:00", &local[..10.min(local.len())])
    };
    let draft = RwSignal::new(FollowUpDraft {
        rep: state.rep_name.get_untracked(),
        due_at: tomorrow_ten,
        duration_minutes: "30".into(),
        purpose: String::new(),
    });
    // Once the rep's name becomes known (first contact logged), it fills an empty field.
    Effect::new(move |_| {
        let name = state.rep_name.get();
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
                d.rep = state.rep_name.get();
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
                .map(|e| contact_problem_message(state.lang.get(), e.problem))
        })
    };
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let mut d = draft.get_untracked();
        if d.rep.trim().is_empty() {
            d.rep = state.rep_name.get_untracked();
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
                spawn_local(async move {
                    match state.save_follow_up(&follow_up).await {
                        Ok(()) => {
                            store_error.set(None);
                            planned_id.set(uuid::Uuid::new_v4().to_string());
                            draft.update(|d| d.purpose.clear());
                            state.notify(
                                ToastKind::Info,
                                state.t(Key::FollowUpPlanned).into(),
                                None,
                            );
                        }
                        Err(e) => store_error
                            .set(Some(store_error_message(state.lang.get_untracked(), &e))),
                    }
                });
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
            <div class="field">
                <label for=id>{move || state.t(label)}</label>
                <input id=id type=kind prop:value=move || draft.with(get)
                    aria-invalid=move || error_of(field).is_some().to_string()
                    aria-describedby=format!("{id}-error")
                    on:input=move |ev| draft.update(|d| set(d, event_target_value(&ev)))/>
                <p id=format!("{id}-error") class="field-error">{move || error_of(field)}</p>
            </div>
        }
    };
    view! {
        <section class="plan-follow-up" aria-labelledby="plan-title">
            <h3 id="plan-title">{move || state.t(Key::PlanFollowUp)}</h3>
            <form class="stage-form" on:submit=submit>
                {input("follow-up-due", F::DueAt, Key::FollowUpAt, "datetime-local", |d| d.due_at.clone(), |d, v| d.due_at = v)}
                {input("follow-up-duration", F::Duration, Key::DurationMinutes, "number", |d| d.duration_minutes.clone(), |d, v| d.duration_minutes = v)}
                {input("follow-up-rep", F::Rep, Key::Rep, "text", |d| d.rep.clone(), |d, v| d.rep = v)}
                {input("follow-up-purpose", F::Purpose, Key::Purpose, "text", |d| d.purpose.clone(), |d, v| d.purpose = v)}
                <button type="submit">{move || state.t(Key::PlanFollowUp)}</button>
            </form>
            <p class="notice" role="status" data-testid="follow-up-warnings">
                {move || candidate.get().map(|f| {
                    let all = state.follow_ups.get();
                    warnings(state, state.lang.get(), &f, &all)
                })}
            </p>
            <p class="form-error" role="alert">{move || store_error.get()}</p>
        </section>
    }
}
