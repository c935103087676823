//! Today: the screen reps open first. Who to contact today and why: overdue and
//! today's follow-ups, care occasions, buyers breaking their own rhythm, win-back
//! steps due and key customers without an account owner. Every line opens the
//! record and shows the buyer's local time.

pub mod occasions;
mod thresholds;

use std::sync::Arc;

use chrono::{DateTime, Utc};
use leptos::prelude::*;

use crate::domain::care::attention::Flagged;
use crate::domain::care::today::{today, Whose};
use crate::domain::contacts::{is_night_hour, FollowUp};
use crate::domain::customers::{Customer, CustomerId};
use crate::i18n::{attention_reason, labelled, nav_count_words, text, Key};
use crate::ui::context::{Backend, CustomersView, Insight, ServiceDesk, Shell, ToastKind};
use crate::ui::route::Route;
use crate::ui::value::badge::ValueBadges;
use crate::web::intl;

/// Lines shown per section before "Show all": at 100,000 customers thousands may be
/// silent, and a rep works the top of the list.
const FIRST_LINES: usize = 25;

/// The Today lists, owned, for the page and the navigation's count.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct TodayLists {
    pub follow_ups: Vec<FollowUp>,
    pub win_back: Vec<FollowUp>,
    pub attention: Vec<Flagged>,
    pub unowned_vips: Vec<CustomerId>,
}

impl TodayLists {
    pub fn count(&self) -> usize {
        self.follow_ups.len() + self.win_back.len() + self.attention.len() + self.unowned_vips.len()
    }
}

/// Today's lists, shared by the navigation and the page.
#[derive(Clone, Copy)]
pub struct TodayState {
    /// Only the rep's own follow-ups and customers.
    pub mine: RwSignal<bool>,
    pub lists: Memo<Arc<TodayLists>>,
    /// Occasions listed for the next 14 days.
    pub occasions: Signal<usize>,
}

/// Creates the shared state; call once, in the app shell.
pub fn provide_today() -> TodayState {
    let customers = expect_context::<CustomersView>();
    let desk = expect_context::<ServiceDesk>();
    let insight = expect_context::<Insight>();
    let shell = expect_context::<Shell>();
    let mine = RwSignal::new(false);
    let lists = Memo::new(move |_| {
        // The clock ticks every minute: follow-ups become due without a reload.
        let now = DateTime::from_timestamp_millis(shell.now.get() as i64).unwrap_or_else(Utc::now);
        let me = desk.rep_name.get();
        let whose = if mine.get() && !me.trim().is_empty() {
            Whose::Rep(&me)
        } else {
            Whose::Team
        };
        let flagged = insight.attention.get();
        let badges = customers.badges.get();
        let lists = desk.follow_ups.with(|follow_ups| {
            customers.directory.with(|directory| {
                customers.tiers.with(|tiers| {
                    let day = today(
                        follow_ups,
                        &flagged.0,
                        directory,
                        tiers,
                        &|id| badges.get(id).map_or(u32::MAX, |b| b.rank),
                        whose,
                        now,
                        intl::rep_offset_at(""),
                    );
                    TodayLists {
                        follow_ups: day.follow_ups.into_iter().cloned().collect(),
                        win_back: day.win_back.into_iter().cloned().collect(),
                        attention: day.attention.into_iter().cloned().collect(),
                        unowned_vips: day.unowned_vips.iter().map(|c| c.id.clone()).collect(),
                    }
                })
            })
        });
        Arc::new(lists)
    });
    let occasions = occasions::provide_occasions();
    let state = TodayState {
        mine,
        lists,
        occasions: Signal::derive(move || {
            occasions.listed.with(|l| l.as_ref().map_or(0, Vec::len))
        }),
    };
    provide_context(state);
    state
}

/// The navigation link with the day's count.
#[component]
pub fn TodayNavLink(on_navigate: Callback<()>) -> impl IntoView {
    let shell = expect_context::<Shell>();
    let state = expect_context::<TodayState>();
    let count = move || state.lists.with(|l| l.count()) + state.occasions.get();
    view! {
        <a class="nav-link" href="#/today"
            on:click=move |ev| { ev.prevent_default(); on_navigate.run(()); shell.navigate(Route::Today); }>
            {shell.tr(Key::NavToday)}
            {move || (count() > 0).then(|| {
                let (before, after) = nav_count_words(shell.lang.get());
                view! {
                    <span class="visually-hidden">{before}</span>
                    <span class="nav-count">{count()}</span>
                    <span class="visually-hidden">{after}</span>
                }
            })}
        </a>
    }
}

/// The buyer's wall clock now, with the night warning.
fn buyer_clock(shell: Shell, zone: String) -> impl IntoView {
    move || {
        let lang = shell.lang.get();
        match intl::local_clock(&zone, lang.code(), shell.now.get()) {
            Some(clock) => {
                let night = is_night_hour(clock.hour);
                view! {
                    <span class="sub">{labelled(lang, text(lang, Key::LocalTime), &clock.text)}</span>
                    {night.then(|| view! { " "<span class="night" role="note">"☾ "{text(lang, Key::NightThere)}</span> })}
                }
                .into_any()
            }
            None => {
                view! { <span class="sub muted">{text(lang, Key::NoTimeZone)}</span> }.into_any()
            }
        }
    }
}

/// The customer's name as a link to their record, their badges and local time.
fn who(shell: Shell, customer: &Customer) -> impl IntoView {
    let route = Route::Customer(customer.id.clone());
    let href = route.to_hash();
    view! {
        <a href=href on:click=move |ev| { ev.prevent_default(); shell.navigate(route.clone()); }>{customer.name.clone()}</a>
        " "<ValueBadges id=customer.id.clone()/>
        " "{buyer_clock(shell, customer.time_zone.clone())}
    }
}

/// One section: heading with its count, the first lines, "Show all", or the empty note.
fn section<T: Clone + Send + Sync + 'static, V: IntoView + 'static>(
    shell: Shell,
    id: &'static str,
    heading: Key,
    empty: Key,
    items: Signal<Vec<T>>,
    line: impl Fn(T) -> V + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let show_all = RwSignal::new(false);
    let heading_id = format!("today-{id}");
    let labelled_by = heading_id.clone();
    view! {
        <section class=format!("today-section today-{id}") aria-labelledby=labelled_by>
            <h3 id=heading_id>{move || format!("{} ({})", shell.t(heading), items.with(Vec::len))}</h3>
            {move || {
                let all = items.get();
                if all.is_empty() {
                    return view! { <p class="empty-state">{shell.t(empty)}</p> }.into_any();
                }
                let total = all.len();
                let shown = if show_all.get() { total } else { total.min(FIRST_LINES) };
                view! {
                    <ul class="today-lines">
                        {all.into_iter().take(shown).map(|item| view! { <li>{line(item)}</li> }).collect_view()}
                    </ul>
                    {(shown < total).then(|| view! {
                        <button type="button" class="ghost" on:click=move |_| show_all.set(true)>
                            {move || crate::i18n::show_all_label(shell.lang.get(), total)}
                        </button>
                    })}
                }
                .into_any()
            }}
        </section>
    }
}

#[component]
pub fn TodayPage() -> impl IntoView {
    let shell = expect_context::<Shell>();
    let backend = expect_context::<Backend>();
    let customers = expect_context::<CustomersView>();
    let desk = expect_context::<ServiceDesk>();
    let insight = expect_context::<Insight>();
    let state = expect_context::<TodayState>();
    let customer =
        move |id: &CustomerId| customers.directory.with_untracked(|d| d.get(id).cloned());

    let follow_up_line = move |f: FollowUp| {
        let lang = shell.lang.get_untracked();
        customer(&f.customer_id).map(|c| {
            let overdue = f.due_at < Utc::now();
            view! {
                <time datetime=f.due_at.to_rfc3339() class:overdue=overdue>{intl::format_instant(f.due_at, lang.code())}</time>
                {overdue.then(|| view! { " "<strong class="warning">{text(lang, Key::TodayOverdue)}</strong> })}
                " · "{who(shell, &c)}
                <div class="sub">{f.purpose.clone()}" · "{f.rep.clone()}</div>
            }
        })
    };
    let attention_line = move |flagged: Flagged| {
        let lang = shell.lang.get_untracked();
        customer(&flagged.customer).map(|c| {
            view! {
                {who(shell, &c)}
                <ul class="reasons">
                    {flagged.flags.iter().map(|f| view! { <li>{attention_reason(lang, f)}</li> }).collect_view()}
                </ul>
            }
        })
    };
    let take = Action::new_local(move |id: &CustomerId| {
        let id = id.clone();
        async move {
            let me = desk.rep_name.get_untracked();
            let Some(mut c) = customer(&id) else { return };
            c.owner = me.trim().to_owned();
            match backend.save_customer(c).await {
                Ok(saved) => shell.notify(
                    ToastKind::Info,
                    crate::i18n::owner_taken_message(shell.lang.get_untracked(), &saved.name),
                    None,
                ),
                Err(e) => shell.notify_error(&e),
            }
        }
    });
    let vip_line = move |id: CustomerId| {
        let lang = shell.lang.get_untracked();
        customer(&id).map(|c| {
            let label = crate::i18n::take_ownership_label(lang, &c.name);
            let no_name = desk.rep_name.with_untracked(|n| n.trim().is_empty());
            view! {
                {who(shell, &c)}
                " "<button type="button" aria-label=label disabled=no_name on:click=move |_| { take.dispatch(id.clone()); }>
                    {text(lang, Key::TakeOwnership)}
                </button>
            }
        })
    };

    let follow_ups = Signal::derive(move || state.lists.with(|l| l.follow_ups.clone()));
    let win_back = Signal::derive(move || state.lists.with(|l| l.win_back.clone()));
    let attention = Signal::derive(move || state.lists.with(|l| l.attention.clone()));
    let vips = Signal::derive(move || state.lists.with(|l| l.unowned_vips.clone()));
    let no_name = move || desk.rep_name.with(|n| n.trim().is_empty());

    view! {
        <section class="today" aria-labelledby="today-title">
            <div class="list-head">
                <h2 id="today-title">{shell.tr(Key::TodayTitle)}</h2>
                <div class="filter inline">
                    <input id="today-mine" type="checkbox" disabled=no_name
                        prop:checked=move || state.mine.get()
                        on:change=move |ev| state.mine.set(event_target_checked(&ev)) />
                    <label for="today-mine">{shell.tr(Key::MyDayOnly)}</label>
                </div>
            </div>
            {move || no_name().then(|| view! { <p class="muted">{shell.t(Key::RepNameForMine)}</p> })}
            {move || insight.loading.get().map(|n| view! {
                <p role="status" class="loading">{crate::i18n::loading_orders_text(shell.lang.get(), n)}</p>
            })}
            {section(shell, "follow-ups", Key::TodayFollowUps, Key::TodayNoFollowUps, follow_ups, follow_up_line)}
            <occasions::Occasions/>
            {section(shell, "win-back", Key::TodayWinBack, Key::TodayNoWinBack, win_back, follow_up_line)}
            {section(shell, "attention", Key::TodayAttention, Key::TodayNoAttention, attention, attention_line)}
            {section(shell, "unowned", Key::TodayUnownedVips, Key::TodayNoUnownedVips, vips, vip_line)}
            <thresholds::Thresholds/>
        </section>
    }
}
