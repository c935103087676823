//! Follow-ups: the "overdue / today / this week" board across customers, and the
//! form that plans one on a customer, warning of night-time in the buyer's zone and
//! of clashes with the same rep's other follow-ups.

use crate::domain::customers::owner_key;
use crate::domain::shared::sort::sort_stable_by;
use crate::ui::value::badge::ValueBadges;
use chrono::{DateTime, Utc};
use leptos::prelude::*;

use super::follow_up_dialogs::{follow_up_fields, EditFollowUpDialog, ReportDialog};
use super::follow_up_warnings::warnings;
use crate::domain::contacts::{
    follow_up_board, validate_follow_up, FollowUp, FollowUpDraft, FollowUpKind,
};
use crate::domain::customers::CustomerId;
use crate::i18n::{
    bucket_heading, edit_follow_up_label, labelled, mark_follow_up_done_label, text, Key, Lang,
};
use crate::ui::context::{Backend, CustomersView, ServiceDesk, Shell};
use crate::ui::route::Route;
use crate::web::intl;

/// One follow-up on a list: when, for whom, why, the plan's talking points and
/// materials, the warnings, and its *Edit* and *Done* buttons (which open the edit
/// and report dialogs through `editing` and `reporting`).
#[allow(clippy::too_many_arguments)]
fn follow_up_line(
    customers_view: CustomersView,
    shell: Shell,
    lang: Lang,
    f: FollowUp,
    all: &[FollowUp],
    show_customer: bool,
    editing: RwSignal<Option<FollowUp>>,
    reporting: RwSignal<Option<FollowUp>>,
) -> impl IntoView {
    let name = customers_view
        .directory
        .with_untracked(|d| d.get(&f.customer_id).map(|c| c.name.clone()))
        .unwrap_or_default();
    let route = Route::Customer(f.customer_id.clone());
    let href = route.to_hash();
    let edit_item = f.clone();
    let done_item = f.clone();
    let done_label = mark_follow_up_done_label(lang, &name);
    let edit_label = edit_follow_up_label(lang, &name);
    let plan: Vec<String> = [
        (Key::TalkingPoints, &f.talking_points),
        (Key::Materials, &f.materials),
    ]
    .into_iter()
    .filter(|(_, value)| !value.trim().is_empty())
    .map(|(key, value)| labelled(lang, text(lang, key), value))
    .collect();
    view! {
        <li>
            <time datetime=f.due_at.to_rfc3339()>{intl::format_instant(f.due_at, lang.code())}</time>
            {show_customer.then(|| view! {
                " · "<a href=href on:click=move |ev| { ev.prevent_default(); shell.navigate(route.clone()); }>{name}</a>
                " "<ValueBadges id=f.customer_id.clone()/>
            })}
            " · "{(f.kind == FollowUpKind::WinBack).then(|| view! { <span class="badge win-back-badge">{text(lang, Key::WinBack)}</span>" " })}
            {f.purpose.clone()}" · "{f.rep.clone()}" "
            {warnings(customers_view, lang, &f, all)}
            {(!plan.is_empty()).then(|| view! { <span class="sub follow-up-plan">{plan.join(" · ")}</span> })}
            " "<button type="button" aria-label=edit_label on:click=move |_| editing.set(Some(edit_item.clone()))>{text(lang, Key::Edit)}</button>
            " "<button type="button" aria-label=done_label on:click=move |_| reporting.set(Some(done_item.clone()))>{text(lang, Key::MarkDone)}</button>
        </li>
    }
}

/// The edit and report dialogs of a list of follow-ups, shown while one is chosen.
fn follow_up_dialogs(
    editing: RwSignal<Option<FollowUp>>,
    reporting: RwSignal<Option<FollowUp>>,
) -> impl IntoView {
    view! {
        {move || editing.get().map(|f| view! { <EditFollowUpDialog follow_up=f open=editing/> })}
        {move || reporting.get().map(|f| view! { <ReportDialog follow_up=f open=reporting/> })}
    }
}

#[component]
pub fn FollowUpBoard() -> impl IntoView {
    let customers_view = expect_context::<CustomersView>();
    let desk = expect_context::<ServiceDesk>();
    let shell = expect_context::<Shell>();
    let editing: RwSignal<Option<FollowUp>> = RwSignal::new(None);
    let reporting: RwSignal<Option<FollowUp>> = RwSignal::new(None);
    let mine = RwSignal::new(false);
    let board = move || {
        let lang = shell.lang.get();
        let now = DateTime::from_timestamp_millis(shell.now.get() as i64).unwrap_or_else(Utc::now);
        let me = owner_key(&desk.rep_name.get());
        let only_mine = mine.get() && !me.is_empty();
        let all: Vec<FollowUp> = desk.follow_ups.with(|all| {
            all.iter()
                .filter(|f| !only_mine || owner_key(&f.rep) == me)
                .cloned()
                .collect()
        });
        let board = follow_up_board(&all, now, intl::rep_offset_at(""));
        let groups: Vec<(crate::domain::contacts::FollowUpBucket, Vec<FollowUp>)> = board
            .into_iter()
            .map(|(bucket, items)| (bucket, items.into_iter().cloned().collect()))
            .collect();
        let empty = groups.iter().all(|(_, items)| items.is_empty());
        view! {
            {empty.then(|| view! { <p class="empty-state">{text(lang, Key::NoFollowUpsDue)}</p> })}
            {groups.into_iter().filter(|(_, items)| !items.is_empty()).map(|(bucket, items)| {
                let heading_id = format!("bucket-{}", bucket.code());
                let all = all.clone();
                view! {
                    <section aria-labelledby=heading_id.clone() class=format!("bucket bucket-{}", bucket.code())>
                        <h3 id=heading_id.clone()>{bucket_heading(lang, bucket, items.len())}</h3>
                        <ul class="follow-ups">
                            {items.into_iter().map(|f| follow_up_line(customers_view, shell, lang, f, &all, true, editing, reporting)).collect_view()}
                        </ul>
                    </section>
                }
            }).collect_view()}
        }
    };
    view! {
        <section class="follow-up-board" aria-labelledby="board-title">
            <div class="list-head">
                <h2 id="board-title">{shell.tr(Key::FollowUps)}</h2>
                <div class="filter inline">
                    <input id="board-mine" type="checkbox"
                        disabled=move || desk.rep_name.with(|n| n.trim().is_empty())
                        prop:checked=move || mine.get()
                        on:change=move |ev| mine.set(event_target_checked(&ev)) />
                    <label for="board-mine">{shell.tr(Key::MyFollowUps)}</label>
                </div>
            </div>
            {board}
        </section>
        <super::reports::WeekReports/>
        {follow_up_dialogs(editing, reporting)}
    }
}

/// The customer's open follow-ups on the record, each with *Edit* and *Done*.
#[component]
fn CustomerFollowUps(customer: CustomerId) -> impl IntoView {
    let customers_view = expect_context::<CustomersView>();
    let desk = expect_context::<ServiceDesk>();
    let shell = expect_context::<Shell>();
    let editing: RwSignal<Option<FollowUp>> = RwSignal::new(None);
    let reporting: RwSignal<Option<FollowUp>> = RwSignal::new(None);
    let list = move || {
        let lang = shell.lang.get();
        let all = desk.follow_ups.get();
        let mut open: Vec<FollowUp> = all
            .iter()
            .filter(|f| f.customer_id == customer && f.is_open())
            .cloned()
            .collect();
        sort_stable_by(&mut open, |a, b| {
            a.due_at.cmp(&b.due_at).then_with(|| a.id.cmp(&b.id))
        });
        if open.is_empty() {
            return view! { <p class="muted">{text(lang, Key::NoOpenFollowUpsHere)}</p> }
                .into_any();
        }
        view! {
            <ul class="follow-ups" data-testid="customer-follow-ups">
                {open.into_iter().map(|f| follow_up_line(customers_view, shell, lang, f, &all, false, editing, reporting)).collect_view()}
            </ul>
        }
        .into_any()
    };
    view! {
        <section class="customer-follow-ups" aria-labelledby="customer-follow-ups-title">
            <h3 id="customer-follow-ups-title">{shell.tr(Key::OpenFollowUpsOfCustomer)}</h3>
            {list}
        </section>
        {follow_up_dialogs(editing, reporting)}
    }
}

/// Plans a follow-up on one customer.
#[component]
pub fn PlanFollowUp(customer: CustomerId) -> impl IntoView {
    let list_customer = customer.clone();
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
        talking_points: String::new(),
        materials: String::new(),
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
    let plan = Action::new_local(move |follow_up: &FollowUp| {
        let follow_up = follow_up.clone();
        async move {
            match backend.save_follow_up(&follow_up).await {
                Ok(()) => {
                    store_error.set(None);
                    planned_id.set(uuid::Uuid::new_v4().to_string());
                    draft.update(|d| {
                        d.purpose.clear();
                        d.talking_points.clear();
                        d.materials.clear();
                    });
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
    view! {
        <CustomerFollowUps customer=list_customer/>
        <section class="plan-follow-up" aria-labelledby="plan-title">
            <h3 id="plan-title">{shell.tr(Key::PlanFollowUp)}</h3>
            <form class="stage-form" on:submit=submit>
                {follow_up_fields(shell, "follow-up", draft, errors)}
                <button type="submit" disabled=move || plan.pending().get()>{shell.tr(Key::PlanFollowUp)}</button>
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
