//! On a customer's record: the complaint card, the contact log with its quick-entry
//! line, and the timeline of everything that happened with the customer.

use chrono::Utc;
use leptos::ev;
use leptos::html;
use leptos::prelude::*;

use crate::domain::shared::sort::sort_stable_by;
use crate::ui::widgets::shortcuts::on_window_keydown;

use crate::domain::complaints::Complaint;
use crate::domain::contacts::{
    parse_quick_log, stage_change_ref, timeline, ComplaintMark, Contact, ContactChannel,
    ContactDraft, Direction, FollowUp, TimelineItem, TimelineKind,
};
use crate::domain::customers::StageChange;
use crate::domain::customers::{Customer, CustomerId};
use crate::domain::orders::Order;
use crate::i18n::{
    cause_name, channel_name, complaint_state_name, contact_form_error, direction_name, labelled,
    order_status_name, remedy_name, reviewed_mark, satisfaction_score, stage_name, text,
    timeline_kind_name, Key, Lang,
};
use crate::ui::context::{Backend, ServiceDesk, Shell};
use crate::ui::route::Route;
use crate::web::intl;

fn complaint_mark(lang: Lang, c: &Complaint) -> ComplaintMark {
    let cause = c.cause.map(|x| cause_name(lang, x)).unwrap_or("—");
    let mut detail = complaint_state_name(lang, c.state).to_owned();
    if let Some(remedy) = &c.remedy {
        detail.push_str(" · ");
        detail.push_str(remedy_name(lang, remedy.kind));
    }
    if !c.outcome.is_empty() {
        detail.push_str(" · ");
        detail.push_str(&c.outcome);
    }
    ComplaintMark {
        id: c.id.clone(),
        at: c.opened_at,
        title: cause.to_owned(),
        detail,
    }
}

/// The customer's complaints with their outcomes, and a button to open a new one.
#[component]
pub fn ComplaintCard(customer: CustomerId) -> impl IntoView {
    let backend = expect_context::<Backend>();
    let desk = expect_context::<ServiceDesk>();
    let shell = expect_context::<Shell>();
    let open_complaint = Action::new_local(move |id: &CustomerId| {
        let id = id.clone();
        async move {
            match backend.open_complaint(&id).await {
                Ok(c) => shell.navigate(Route::Complaint(c.id)),
                Err(e) => shell.notify_error(&e),
            }
        }
    });
    let busy = open_complaint.pending();
    let open_id = customer.clone();
    let open = move |_| {
        open_complaint.dispatch(open_id.clone());
    };
    let mine = Memo::new(move |_| {
        let mut list: Vec<Complaint> = desk.complaints.with(|all| {
            all.iter()
                .filter(|c| c.customer_id == customer)
                .cloned()
                .collect()
        });
        sort_stable_by(&mut list, |a, b| {
            b.opened_at.cmp(&a.opened_at).then_with(|| a.id.cmp(&b.id))
        });
        list
    });
    view! {
        <section class="complaint-card" aria-labelledby="complaint-card-title">
            <h3 id="complaint-card-title">{shell.tr(Key::ComplaintCard)}</h3>
            <button type="button" class="primary" disabled=move || busy.get() on:click=open>{shell.tr(Key::OpenComplaint)}</button>
            {move || {
                let lang = shell.lang.get();
                let list = mine.get();
                if list.is_empty() {
                    return view! { <p class="muted">{text(lang, Key::NoComplaints)}</p> }.into_any();
                }
                view! {
                    <table>
                        <thead><tr>
                            <th scope="col">{text(lang, Key::Opened)}</th>
                            <th scope="col">{text(lang, Key::ComplaintCauseLabel)}</th>
                            <th scope="col">{text(lang, Key::ComplaintStateLabel)}</th>
                            <th scope="col">{text(lang, Key::RemedyLabel)}</th>
                            <th scope="col">{text(lang, Key::Outcome)}</th>
                            <th scope="col" class="num">{text(lang, Key::Satisfaction)}</th>
                        </tr></thead>
                        <tbody>
                            {list.into_iter().map(|c| {
                                let route = Route::Complaint(c.id.clone());
                                let href = route.to_hash();
                                view! {
                                    <tr>
                                        <td><a href=href on:click=move |ev| { ev.prevent_default(); shell.navigate(route.clone()); }>
                                            {intl::format_instant(c.opened_at, lang.code())}</a></td>
                                        <td>{c.cause.map(|x| cause_name(lang, x)).unwrap_or("—")}</td>
                                        <td>{complaint_state_name(lang, c.state)}</td>
                                        <td>{c.remedy.as_ref().map(|r| {
                                            let amount = r.amount.map(|m| format!(" {}", m.format_plain())).unwrap_or_default();
                                            format!("{}{amount}", remedy_name(lang, r.kind))
                                        }).unwrap_or_else(|| "—".into())}</td>
                                        <td>{c.outcome.clone()}</td>
                                        <td class="num">{c.satisfaction.map(|s| format!("{s}/5")).unwrap_or_else(|| "—".into())}</td>
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

/// The contact log entry line and the customer's timeline, newest first.
#[component]
pub fn ContactTimeline(
    customer: Customer,
    orders: Signal<Option<Result<Vec<Order>, String>>>,
) -> impl IntoView {
    let backend = expect_context::<Backend>();
    let desk = expect_context::<ServiceDesk>();
    let shell = expect_context::<Shell>();
    let id = customer.id.clone();
    // Re-read whenever a contact is logged, here or in another tab.
    let load_id = id.clone();
    let contacts = LocalResource::new(move || {
        backend.changes.track_contacts();
        let id = load_id.clone();
        async move { backend.contacts_for(id).await }
    });

    let quick = RwSignal::new(String::new());
    let channel = RwSignal::new(ContactChannel::PlatformMessage.code().to_owned());
    let direction = RwSignal::new(Direction::Outbound.code().to_owned());
    let rep = RwSignal::new(desk.rep_name.get_untracked());
    let outcome = RwSignal::new(String::new());
    let next_step = RwSignal::new(String::new());
    Effect::new(move |_| {
        let name = desk.rep_name.get();
        if rep.with_untracked(|r| r.trim().is_empty()) && !name.is_empty() {
            rep.set(name);
        }
    });
    let error: RwSignal<Option<String>> = RwSignal::new(None);
    let quick_input = NodeRef::<html::Input>::new();

    // "L" anywhere on the record (outside a text field) jumps to the log line:
    // with Enter, a contact takes two keystrokes plus its summary.
    on_window_keydown(move |ev| {
        if ev.key() != "l" || ev.ctrl_key() || ev.meta_key() || ev.alt_key() {
            return;
        }
        let typing = document()
            .active_element()
            .is_some_and(|el| matches!(el.tag_name().as_str(), "INPUT" | "TEXTAREA" | "SELECT"));
        if !typing {
            if let Some(input) = quick_input.get() {
                ev.prevent_default();
                let _ = input.focus();
            }
        }
    });

    let log = Action::new_local(move |contact: &Contact| {
        let contact = contact.clone();
        async move {
            match backend.log_contact(&contact).await {
                Ok(()) => {
                    error.set(None);
                    quick.set(String::new());
                    outcome.set(String::new());
                    next_step.set(String::new());
                    shell.confirm(Key::ContactLogged);
                }
                Err(e) => error.set(Some(shell.store_message(&e))),
            }
        }
    });
    let log_id = id.clone();
    let submit = move |ev: ev::SubmitEvent| {
        ev.prevent_default();
        let line = quick.get_untracked();
        let (channel_code, direction_code, summary) = match parse_quick_log(&line) {
            Some((c, d, summary)) => (c.code().to_owned(), d.code().to_owned(), summary),
            None => (
                channel.get_untracked(),
                direction.get_untracked(),
                line.trim().to_owned(),
            ),
        };
        let draft = ContactDraft {
            channel: channel_code,
            direction: direction_code,
            rep: rep.get_untracked(),
            summary,
            outcome: outcome.get_untracked(),
            next_step: next_step.get_untracked(),
            at: String::new(),
        };
        let lang = shell.lang.get_untracked();
        let built = crate::domain::contacts::validate_contact(
            &draft,
            uuid::Uuid::new_v4().to_string(),
            log_id.clone(),
            None,
            Utc::now(),
            intl::rep_offset_at(""),
        );
        match built {
            Err(found) => error.set(Some(contact_form_error(lang, &found))),
            Ok(contact) => {
                log.dispatch(contact);
            }
        }
    };

    let stages = customer.stage_history.clone();
    let items = Memo::new(move |_| {
        let lang = shell.lang.get();
        let marks: Vec<ComplaintMark> = desk.complaints.with(|all| {
            all.iter()
                .filter(|c| c.customer_id == id)
                .map(|c| complaint_mark(lang, c))
                .collect()
        });
        let follow_ups: Vec<FollowUp> = desk.follow_ups.with(|all| {
            all.iter()
                .filter(|f| f.customer_id == id)
                .cloned()
                .collect()
        });
        let order_list = orders.with(|o| {
            o.as_ref()
                .and_then(|o| o.as_ref().ok())
                .cloned()
                .unwrap_or_default()
        });
        let none = Vec::new();
        contacts.with(|read| {
            let c = match read {
                Some(Ok(list)) => list,
                _ => &none,
            };
            timeline(c, &marks, &stages, &order_list, &follow_ups)
                .into_iter()
                .map(|item| {
                    let (title, detail) =
                        describe(lang, &item, c, &stages, &order_list, &follow_ups);
                    (item.at, item.kind, title, detail)
                })
                .collect::<Vec<_>>()
        })
    });

    view! {
        <section class="timeline" aria-labelledby="timeline-title">
            <h3 id="timeline-title">{shell.tr(Key::Timeline)}</h3>
            <form class="stage-form quick-log" on:submit=submit>
                <div class="field">
                    <label for="quick-log">{shell.tr(Key::LogContact)}</label>
                    <input id="quick-log" type="text" node_ref=quick_input aria-keyshortcuts="l"
                        placeholder=move || shell.t(Key::QuickLogPlaceholder)
                        aria-describedby="quick-log-help quick-log-error"
                        prop:value=move || quick.get() on:input=move |ev| quick.set(event_target_value(&ev))/>
                </div>
                <div class="field">
                    <label for="contact-channel">{shell.tr(Key::Channel)}</label>
                    <select id="contact-channel" prop:value=move || channel.get() on:change=move |ev| channel.set(event_target_value(&ev))>
                        {ContactChannel::ALL.into_iter().map(|c| view! { <option value=c.code()>{move || channel_name(shell.lang.get(), c)}</option> }).collect_view()}
                    </select>
                </div>
                <div class="field">
                    <label for="contact-direction">{shell.tr(Key::DirectionLabel)}</label>
                    <select id="contact-direction" prop:value=move || direction.get() on:change=move |ev| direction.set(event_target_value(&ev))>
                        {Direction::ALL.into_iter().map(|d| view! { <option value=d.code()>{move || direction_name(shell.lang.get(), d)}</option> }).collect_view()}
                    </select>
                </div>
                <div class="field">
                    <label for="contact-rep">{shell.tr(Key::Rep)}</label>
                    <input id="contact-rep" type="text" prop:value=move || rep.get() on:input=move |ev| rep.set(event_target_value(&ev))/>
                </div>
                <div class="field">
                    <label for="contact-outcome">{shell.tr(Key::Outcome)}</label>
                    <input id="contact-outcome" type="text" prop:value=move || outcome.get() on:input=move |ev| outcome.set(event_target_value(&ev))/>
                </div>
                <div class="field">
                    <label for="contact-next-step">{shell.tr(Key::NextStep)}</label>
                    <input id="contact-next-step" type="text" prop:value=move || next_step.get() on:input=move |ev| next_step.set(event_target_value(&ev))/>
                </div>
                <button type="submit" disabled=move || log.pending().get()>{shell.tr(Key::LogContactButton)}</button>
            </form>
            <p id="quick-log-help" class="muted">{shell.tr(Key::QuickLogHelp)}</p>
            <p id="quick-log-error" class="form-error" role="alert">{move || error.get()}</p>
            {move || contacts.with(|read| match read {
                Some(Err(e)) => Some(view! { <p class="error-panel" role="alert">{shell.store_message(e)}</p> }),
                _ => None,
            })}
            {move || {
                let lang = shell.lang.get();
                let list = items.get();
                if list.is_empty() {
                    return view! { <p class="muted">{text(lang, Key::NothingYet)}</p> }.into_any();
                }
                view! {
                    <ol class="stage-history timeline-list" data-testid="timeline">
                        {list.into_iter().map(|(at, kind, title, detail)| view! {
                            <li class=format!("timeline-{}", kind.code())>
                                <time datetime=at.to_rfc3339()>{intl::format_instant(at, lang.code())}</time>
                                " · "<strong>{timeline_kind_name(lang, kind)}</strong>
                                " · "{title}
                                {(!detail.is_empty()).then(|| format!(" · {detail}"))}
                            </li>
                        }).collect_view()}
                    </ol>
                }.into_any()
            }}
        </section>
    }
}

/// The line's title and detail in the UI language, read from the record it stands
/// for (the domain's timeline carries language-neutral codes).
fn describe(
    lang: Lang,
    item: &TimelineItem,
    contacts: &[Contact],
    stages: &[StageChange],
    orders: &[Order],
    follow_ups: &[FollowUp],
) -> (String, String) {
    let join = |parts: &[&str]| {
        parts
            .iter()
            .filter(|p| !p.trim().is_empty())
            .copied()
            .collect::<Vec<_>>()
            .join(" · ")
    };
    let fallback = (item.title.clone(), item.detail.clone());
    match item.kind {
        TimelineKind::Contact => {
            contacts
                .iter()
                .find(|c| c.id == item.ref_id)
                .map_or(fallback, |c| {
                    let next = if c.next_step.trim().is_empty() {
                        String::new()
                    } else {
                        labelled(lang, text(lang, Key::NextStep), &c.next_step)
                    };
                    // A revisit report's satisfaction and the lead's review.
                    let satisfaction = c.satisfaction.map_or(String::new(), |score| {
                        labelled(
                            lang,
                            text(lang, Key::Satisfaction),
                            &satisfaction_score(score),
                        )
                    });
                    let review = c.review.as_ref().map_or(String::new(), |r| {
                        format!("✓ {}", reviewed_mark(lang, &r.by, &r.comment))
                    });
                    (
                        c.summary.clone(),
                        join(&[
                            channel_name(lang, c.channel),
                            direction_name(lang, c.direction),
                            &c.rep,
                            &c.outcome,
                            &next,
                            &satisfaction,
                            &review,
                        ]),
                    )
                })
        }
        TimelineKind::StageChange => (0..stages.len())
            .find(|&i| stage_change_ref(i) == item.ref_id)
            .map_or(fallback, |i| {
                let change = &stages[i];
                (
                    format!(
                        "{} → {}",
                        stage_name(lang, change.from),
                        stage_name(lang, change.to)
                    ),
                    match change.loss_cause {
                        Some(cause) => join(&[
                            &change.reason,
                            &crate::i18n::labelled(
                                lang,
                                text(lang, Key::LossCause),
                                crate::i18n::loss_cause_name(lang, cause),
                            ),
                        ]),
                        None => change.reason.clone(),
                    },
                )
            }),
        TimelineKind::Order => orders
            .iter()
            .find(|o| o.id == item.ref_id)
            .map_or(fallback, |o| {
                (
                    o.number.clone(),
                    join(&[
                        &o.channel,
                        &o.total.format_plain(),
                        order_status_name(lang, o.status),
                    ]),
                )
            }),
        TimelineKind::FollowUp => {
            follow_ups
                .iter()
                .find(|f| f.id == item.ref_id)
                .map_or(fallback, |f| {
                    let state = if f.is_open() {
                        text(lang, Key::Planned)
                    } else {
                        text(lang, Key::DoneState)
                    };
                    let kind = match f.kind {
                        crate::domain::contacts::FollowUpKind::WinBack => text(lang, Key::WinBack),
                        crate::domain::contacts::FollowUpKind::General => "",
                    };
                    (f.purpose.clone(), join(&[kind, &f.rep, state]))
                })
        }
        TimelineKind::Complaint => fallback,
    }
}
