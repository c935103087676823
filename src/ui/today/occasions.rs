//! Occasions on Today: birthdays, family dates, company anniversaries and the
//! buyers' holidays of the next 14 days, each with the tier's action, the buyer's
//! local time and a greeting in the buyer's language to copy; *Done* logs the
//! contact (with Undo). Beside them, shipping cut-offs before holidays for buyers
//! with open orders, and the team's care action per tier.

use std::collections::HashSet;
use std::sync::Arc;

use chrono::{DateTime, Utc};
use leptos::prelude::*;

use crate::domain::care::greetings::{base_language, Greeting};
use crate::domain::care::occasions::{
    cut_offs, may_have_done_occasions, occasions, CareAction, CareInput, CareSettings, CutOff,
    Occasion, OccasionKind,
};
use crate::domain::contacts::is_night_hour;
use crate::domain::customers::{Customer, CustomerId};
use crate::domain::shared::sort::sort_stable_by;
use crate::domain::value::ValueTier;
use crate::i18n::{
    care_action_name, care_file_problem_message, copy_greeting_label, cut_off_line,
    days_until_text, labelled, occasion_contact_summary, occasion_done_label, occasion_title, text,
    tier_action_label, Key, Lang,
};
use crate::services::care::OccasionDone;
use crate::ui::context::{Backend, CustomersView, LoadState, ServiceDesk, Shell, ToastKind};
use crate::ui::route::Route;
use crate::web::care::{care_files, CareFiles, CareFilesError};
use crate::web::intl;

/// `dir` for text in `language`.
fn direction(language: &str) -> &'static str {
    match base_language(language).as_str() {
        "ar" | "he" | "fa" | "ur" => "rtl",
        _ => "ltr",
    }
}

/// The greeting for one occasion: in the buyer's language, else the language of
/// their country, else English; a holiday is named locally when the greeting is
/// in the country's language.
fn greeting_for(files: &CareFiles, customer: &Customer, occasion: &Occasion) -> Greeting {
    let country_language = files
        .holidays
        .countries
        .get(&customer.country.trim().to_ascii_uppercase())
        .map(|c| c.language.clone())
        .unwrap_or_default();
    let language = if customer.language.trim().is_empty() {
        country_language.clone()
    } else {
        customer.language.clone()
    };
    let occasion_name = match &occasion.kind {
        OccasionKind::Holiday(h)
            if base_language(&language) == base_language(&country_language) =>
        {
            h.local_name.clone()
        }
        OccasionKind::Holiday(h) => h.name.clone(),
        OccasionKind::FamilyDate { label } => label.clone(),
        OccasionKind::Birthday | OccasionKind::CompanyAnniversary { .. } => String::new(),
    };
    files.greetings.greeting(
        &language,
        occasion.kind.greeting(),
        &customer.name,
        &occasion_name,
    )
}

fn files_error_message(lang: Lang, e: &CareFilesError) -> String {
    match e {
        CareFilesError::Unavailable { .. } => text(lang, Key::CareFilesMissing).to_owned(),
        CareFilesError::Damaged(problem) => care_file_problem_message(lang, problem),
    }
}

/// The buyer's wall clock now and the night warning.
fn buyer_clock(lang: Lang, zone: &str, now: DateTime<Utc>) -> impl IntoView {
    match intl::local_clock(zone, lang.code(), now.timestamp_millis() as f64) {
        Some(clock) => {
            let night = is_night_hour(clock.hour);
            view! {
                <span class="sub">{labelled(lang, text(lang, Key::BuyerLocalTime), &clock.text)}</span>
                {night.then(|| view! { <strong class="warning" role="note">{" ⚠ "}{text(lang, Key::NightWarning)}</strong> })}
            }
            .into_any()
        }
        None => view! { <span class="sub muted">{text(lang, Key::NoTimeZone)}</span> }.into_any(),
    }
}

/// The occasions and cut-offs of the rep's next 14 days, shared by the Today page
/// and the navigation's count.
#[derive(Clone, Copy)]
pub struct OccasionState {
    loaded: Memo<Option<Result<Arc<CareFiles>, CareFilesError>>>,
    settings: RwSignal<CareSettings>,
    now: Memo<DateTime<Utc>>,
    /// `None` until the files and the done occasions are read.
    pub listed: Memo<Option<Vec<Occasion>>>,
    cut_off_list: Memo<Vec<CutOff>>,
}

/// Creates the shared occasion state; call once, in the app shell. Storage is read
/// once the database is open.
pub fn provide_occasions() -> OccasionState {
    let backend = expect_context::<Backend>();
    let customers_view = expect_context::<CustomersView>();
    let shell = expect_context::<Shell>();
    let ready = move || backend.load.with(|l| *l == LoadState::Ready);

    let files = LocalResource::new(|| async { care_files().await });
    let settings = RwSignal::new(CareSettings::default());
    let settings_read = LocalResource::new(move || {
        let ready = ready();
        async move {
            if ready {
                backend.care_settings().await.map(Some)
            } else {
                Ok(None)
            }
        }
    });
    Effect::new(move |_| match settings_read.get() {
        Some(Ok(Some(saved))) => settings.set(saved),
        Some(Err(e)) => shell.notify_error(&e),
        Some(Ok(None)) | None => {}
    });
    let now = Memo::new(move |_| {
        DateTime::from_timestamp_millis(shell.now.get() as i64).unwrap_or_else(Utc::now)
    });
    // The rep's calendar day: the list changes at the rep's midnight.
    let today = Memo::new(move |_| (now.get() + intl::rep_offset_at("")).date_naive());
    let loaded: Memo<Option<Result<Arc<CareFiles>, CareFilesError>>> =
        Memo::new(move |_| files.get());

    let compute = move |done: &HashSet<String>| -> Vec<Occasion> {
        let Some(Ok(files)) = loaded.get() else {
            return Vec::new();
        };
        let settings = settings.get();
        let tiers = customers_view.tiers.get();
        let input = CareInput {
            tiers: &tiers,
            done,
            table: &files.holidays,
            settings: &settings,
            today: today.get(),
        };
        customers_view
            .directory
            .with(|d| occasions(d.iter(), &input))
    };
    // Whose contacts to read for the keys already done.
    let candidates = Memo::new(move |_| {
        let today = today.get();
        let listed = compute(&HashSet::new());
        let mut ids: Vec<CustomerId> = customers_view.directory.with(|d| {
            listed
                .into_iter()
                .filter(|o| {
                    d.get(&o.customer_id)
                        .is_some_and(|c| may_have_done_occasions(c.last_contact_at, today))
                })
                .map(|o| o.customer_id)
                .collect()
        });
        sort_stable_by(&mut ids, |a, b| a.cmp(b));
        ids.dedup();
        ids
    });
    let done_read = LocalResource::new(move || {
        backend.changes.track_contacts();
        let ids = candidates.get();
        let ready = ready();
        async move {
            if ready {
                backend.done_occasions(&ids).await
            } else {
                Ok(HashSet::new())
            }
        }
    });
    let listed = Memo::new(move |_| {
        let done = match done_read.get() {
            Some(Ok(done)) => done,
            Some(Err(_)) | None => return None,
        };
        Some(compute(&done))
    });
    let cut_off_list = Memo::new(move |_| {
        let Some(Ok(files)) = loaded.get() else {
            return Vec::new();
        };
        let settings = settings.get();
        let tiers = customers_view.tiers.get();
        let open = customers_view.open_orders.get();
        let none = HashSet::new();
        let input = CareInput {
            tiers: &tiers,
            done: &none,
            table: &files.holidays,
            settings: &settings,
            today: today.get(),
        };
        customers_view
            .directory
            .with(|d| cut_offs(d.iter(), &input, &open))
    });
    let state = OccasionState {
        loaded,
        settings,
        now,
        listed,
        cut_off_list,
    };
    provide_context(state);
    state
}

#[component]
pub fn Occasions() -> impl IntoView {
    let backend = expect_context::<Backend>();
    let customers_view = expect_context::<CustomersView>();
    let desk = expect_context::<ServiceDesk>();
    let shell = expect_context::<Shell>();
    let OccasionState {
        loaded,
        settings,
        now,
        listed,
        cut_off_list,
    } = expect_context::<OccasionState>();

    let mark_done = Action::new_local(move |occasion: &Occasion| {
        let occasion = occasion.clone();
        async move {
            let lang = shell.lang.get_untracked();
            let Some(customer) = customers_view
                .directory
                .with_untracked(|d| d.get(&occasion.customer_id).cloned())
            else {
                return;
            };
            let summary = occasion_contact_summary(
                lang,
                &occasion_title(lang, &occasion.kind),
                occasion.action,
            );
            let rep = desk.rep_name.get_untracked();
            let done = OccasionDone {
                customer: &customer,
                occasion_key: &occasion.key,
                action: occasion.action,
                rep: &rep,
                summary: &summary,
            };
            if let Err(e) = backend.log_occasion(&done).await {
                shell.notify_error(&e);
            }
        }
    });
    let copy = move |greeting: String| {
        let lang = shell.lang.get_untracked();
        if intl::copy_to_clipboard(&greeting).is_err() {
            shell.notify(ToastKind::Error, text(lang, Key::CopyFailed).into(), None);
        } else {
            shell.confirm(Key::GreetingCopied);
        }
    };

    let occasion_line = move |occasion: Occasion, files: Arc<CareFiles>| {
        let lang = shell.lang.get();
        let customer = customers_view
            .directory
            .with_untracked(|d| d.get(&occasion.customer_id).cloned())?;
        let title = occasion_title(lang, &occasion.kind);
        let greeting = greeting_for(&files, &customer, &occasion);
        let route = Route::Customer(customer.id.clone());
        let href = route.to_hash();
        let when = format!(
            "{} · {}",
            intl::format_date(occasion.date, lang.code()),
            days_until_text(lang, occasion.days_until)
        );
        let done_label = occasion_done_label(lang, &customer.name, &title);
        let copy_label = copy_greeting_label(lang, &customer.name);
        let copy_text = greeting.text.clone();
        let action = labelled(
            lang,
            text(lang, Key::CareActionLabel),
            care_action_name(lang, occasion.action),
        );
        let done_item = occasion.clone();
        let zone = customer.time_zone.clone();
        Some(view! {
            <li class="occasion" data-testid="occasion" data-key=occasion.key.clone()>
                <div class="occasion-head">
                    <a href=href on:click=move |ev| { ev.prevent_default(); shell.navigate(route.clone()); }>{customer.name.clone()}</a>
                    " · "<strong>{title}</strong>
                    " · "<time datetime=occasion.date.to_string()>{when}</time>
                    " · "<span class="care-action">{action}</span>
                </div>
                <div class="sub">{move || buyer_clock(lang, &zone, now.get())}</div>
                <p class="greeting" lang=greeting.language.clone() dir=direction(&greeting.language)>{greeting.text.clone()}</p>
                {greeting.fallback.then(|| view! { <p class="notice" role="note">{text(lang, Key::GreetingInEnglish)}</p> })}
                <div class="occasion-actions">
                    <button type="button" aria-label=copy_label on:click=move |_| copy(copy_text.clone())>{text(lang, Key::CopyGreeting)}</button>
                    " "<button type="button" aria-label=done_label on:click=move |_| { mark_done.dispatch(done_item.clone()); }>{text(lang, Key::OccasionDone)}</button>
                </div>
            </li>
        })
    };

    let cut_off_line_view = move |c: CutOff| {
        let lang = shell.lang.get();
        let name = customers_view
            .directory
            .with_untracked(|d| d.get(&c.customer_id).map(|x| x.name.clone()))?;
        let route = Route::Customer(c.customer_id.clone());
        let href = route.to_hash();
        let holiday = occasion_title(lang, &OccasionKind::Holiday(c.holiday.clone()));
        let line = cut_off_line(
            lang,
            &intl::format_date(c.ship_by, lang.code()),
            &holiday,
            c.open_orders,
            c.late,
        );
        Some(view! {
            <li class=if c.late { "cut-off late" } else { "cut-off" } data-testid="cut-off">
                <a href=href on:click=move |ev| { ev.prevent_default(); shell.navigate(route.clone()); }>{name}</a>
                " · "{line}
            </li>
        })
    };

    view! {
        <section class="occasions" aria-labelledby="occasions-title">
            <h3 id="occasions-title">{shell.tr(Key::Occasions)}</h3>
            <p class="muted">{shell.tr(Key::OccasionsIntro)}</p>
            {move || {
                let lang = shell.lang.get();
                match loaded.get() {
                    None => None,
                    Some(Err(e)) => Some(view! { <p class="notice error" role="alert">{files_error_message(lang, &e)}</p> }.into_any()),
                    Some(Ok(files)) => {
                        let list = listed.get()?;
                        if list.is_empty() {
                            return Some(view! { <p class="empty-state">{text(lang, Key::NoOccasions)}</p> }.into_any());
                        }
                        Some(view! {
                            <ul class="occasion-list">
                                {list.into_iter().filter_map(|o| occasion_line(o, files.clone())).collect_view()}
                            </ul>
                        }.into_any())
                    }
                }
            }}
            <section class="cut-offs" aria-labelledby="cut-offs-title">
                <h3 id="cut-offs-title">{shell.tr(Key::ShippingCutOffs)}</h3>
                {move || {
                    let list = cut_off_list.get();
                    if list.is_empty() {
                        view! { <p class="empty-state">{shell.t(Key::NoCutOffs)}</p> }.into_any()
                    } else {
                        view! { <ul class="cut-off-list">{list.into_iter().filter_map(cut_off_line_view).collect_view()}</ul> }.into_any()
                    }
                }}
            </section>
            <TierActionsForm settings/>
        </section>
    }
}

/// The team's care action per tier: four labelled selects and Save.
#[component]
fn TierActionsForm(settings: RwSignal<CareSettings>) -> impl IntoView {
    let backend = expect_context::<Backend>();
    let shell = expect_context::<Shell>();
    let draft = RwSignal::new(settings.get_untracked().actions);
    Effect::new(move |_| draft.set(settings.get().actions));
    let save = Action::new_local(move |_: &()| async move {
        let mut next = settings.get_untracked();
        next.actions = draft.get_untracked();
        match backend.save_care_settings(&next).await {
            Ok(()) => {
                settings.set(next);
                shell.confirm(Key::TierActionsSaved);
            }
            Err(e) => shell.notify_error(&e),
        }
    });
    view! {
        <details class="tier-actions">
            <summary>{shell.tr(Key::TierActionsTitle)}</summary>
            <form on:submit=move |ev| { ev.prevent_default(); save.dispatch(()); }>
                {ValueTier::ALL.into_iter().map(|tier| {
                    let id = format!("care-action-{}", tier.code());
                    view! {
                        <div class="field">
                            <label for=id.clone()>{move || tier_action_label(shell.lang.get(), tier)}</label>
                            <select id=id on:change=move |ev| {
                                if let Some(action) = CareAction::from_code(&event_target_value(&ev)) {
                                    draft.update(|d| d.set(tier, action));
                                }
                            }>
                                {move || {
                                    let lang = shell.lang.get();
                                    let current = draft.with(|d| d.for_tier(Some(tier)));
                                    CareAction::ALL.into_iter().map(|action| view! {
                                        <option value=action.code() selected=action == current>{care_action_name(lang, action)}</option>
                                    }).collect_view()
                                }}
                            </select>
                        </div>
                    }
                }).collect_view()}
                <button type="submit">{shell.tr(Key::SaveTierActions)}</button>
            </form>
        </details>
    }
}
