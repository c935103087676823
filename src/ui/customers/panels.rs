//! The record's actions: each opens one compact panel above the timeline (plan a
//! follow-up, move the stage, book a cost, the complaints), one at a time; the
//! same button or Escape closes it. Edit and delete sit beside them.

use leptos::prelude::*;

use crate::ui::widgets::shortcuts::{on_window_keydown, typing_in_a_field};

use crate::domain::customers::Customer;
use crate::domain::orders::Order;
use crate::i18n::Key;
use crate::ui::context::Shell;
use crate::ui::route::Route;

/// Which panel is open. Kept by the record page, outside what re-renders when the
/// customer is saved, so a panel stays open after the action it holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum RecordPanel {
    Reply,
    FollowUp,
    Stage,
    Cost,
    Complaints,
}

impl RecordPanel {
    const ALL: [Self; 5] = [
        Self::Reply,
        Self::FollowUp,
        Self::Stage,
        Self::Cost,
        Self::Complaints,
    ];

    fn label(self) -> Key {
        match self {
            Self::Reply => Key::PanelReply,
            Self::FollowUp => Key::PanelFollowUp,
            Self::Stage => Key::PanelStage,
            Self::Cost => Key::PanelCost,
            Self::Complaints => Key::PanelComplaints,
        }
    }
}

#[component]
pub fn RecordActions(
    customer: Customer,
    /// The currency a new cost starts in (the customer's latest order's).
    default_currency: Signal<String>,
    /// Opens the delete confirmation.
    confirm_delete: RwSignal<bool>,
    /// The open panel, if any.
    open: RwSignal<Option<RecordPanel>>,
    orders: Signal<Option<Result<Vec<Order>, String>>>,
    /// The order a reply is about (set by an order row's Reply button).
    reply_order: RwSignal<Option<String>>,
    /// What the rep typed into the reply's fields (kept by the page).
    reply_typed: RwSignal<
        std::collections::BTreeMap<crate::domain::replies::Placeholder, String>,
    >,
) -> impl IntoView {
    let shell = expect_context::<Shell>();
    on_window_keydown(move |ev| {
        if ev.key() == "Escape" && open.get_untracked().is_some() {
            open.set(None);
        } else if ev.key() == "r"
            && !(ev.ctrl_key() || ev.meta_key() || ev.alt_key())
            && !typing_in_a_field()
        {
            ev.prevent_default();
            reply_order.set(None);
            open.set(Some(RecordPanel::Reply));
        }
    });
    let edit_id = customer.id.clone();
    let panel = move || {
        open.get().map(|which| {
            let customer = customer.clone();
            let body = match which {
                RecordPanel::Reply => view! {
                    <crate::ui::replies::panel::ReplyPanel customer=customer orders=orders order_id=reply_order typed=reply_typed/>
                }
                .into_any(),
                RecordPanel::FollowUp => view! {
                    <crate::ui::contacts::follow_ups::PlanFollowUp customer=customer.id.clone()/>
                }
                .into_any(),
                RecordPanel::Stage => view! { <super::stage::StageSection customer=customer/> }.into_any(),
                RecordPanel::Cost => view! {
                    <crate::ui::value::costs::CostsSection customer=customer.id.clone() default_currency=default_currency/>
                }
                .into_any(),
                RecordPanel::Complaints => view! {
                    <crate::ui::contacts::timeline::ComplaintCard customer=customer.id.clone()/>
                }
                .into_any(),
            };
            view! {
                <div id="record-panel" class="record-panel" role="region" aria-label=move || shell.t(which.label())>
                    <div class="panel-head">
                        <button type="button" class="ghost" on:click=move |_| open.set(None)>{shell.tr(Key::Close)}</button>
                    </div>
                    {body}
                </div>
            }
        })
    };
    view! {
        <div class="record-actions-bar" role="group" aria-label=shell.tr(Key::RecordActions)>
            {RecordPanel::ALL.into_iter().map(|which| view! {
                <button type="button"
                    aria-expanded=move || (open.get() == Some(which)).to_string()
                    aria-controls="record-panel"
                    aria-keyshortcuts=(which == RecordPanel::Reply).then_some("r")
                    on:click=move |_| {
                        if which == RecordPanel::Reply {
                            reply_order.set(None);
                        }
                        open.update(|o| *o = if *o == Some(which) { None } else { Some(which) })
                    }>
                    {move || shell.t(which.label())}
                </button>
            }).collect_view()}
            <button type="button" on:click=move |_| shell.navigate(Route::Edit(edit_id.clone()))>{shell.tr(Key::Edit)}</button>
            <button type="button" class="danger" on:click=move |_| confirm_delete.set(true)>{shell.tr(Key::Delete)}</button>
        </div>
        {panel}
    }
}
