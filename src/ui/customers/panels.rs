//! The record's actions: each opens one compact panel above the timeline (plan a
//! follow-up, move the stage, book a cost, the complaints), one at a time; the
//! same button or Escape closes it. Edit and delete sit beside them.

use leptos::prelude::*;

use crate::ui::widgets::shortcuts::on_window_keydown;

use crate::domain::customers::Customer;
use crate::i18n::Key;
use crate::ui::context::Shell;
use crate::ui::route::Route;

/// Which panel is open. Kept by the record page, outside what re-renders when the
/// customer is saved, so a panel stays open after the action it holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum RecordPanel {
    FollowUp,
    Stage,
    Cost,
    Complaints,
}

impl RecordPanel {
    const ALL: [Self; 4] = [Self::FollowUp, Self::Stage, Self::Cost, Self::Complaints];

    fn label(self) -> Key {
        match self {
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
) -> impl IntoView {
    let shell = expect_context::<Shell>();
    on_window_keydown(move |ev| {
        if ev.key() == "Escape" && open.get_untracked().is_some() {
            open.set(None);
        }
    });
    let edit_id = customer.id.clone();
    let panel = move || {
        open.get().map(|which| {
            let customer = customer.clone();
            let body = match which {
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
                        <button type="button" class="ghost" on:click=move |_| open.set(None)>{move || shell.t(Key::Close)}</button>
                    </div>
                    {body}
                </div>
            }
        })
    };
    view! {
        <div class="record-actions-bar" role="group" aria-label=move || shell.t(Key::RecordActions)>
            {RecordPanel::ALL.into_iter().map(|which| view! {
                <button type="button"
                    aria-expanded=move || (open.get() == Some(which)).to_string()
                    aria-controls="record-panel"
                    on:click=move |_| open.update(|o| *o = if *o == Some(which) { None } else { Some(which) })>
                    {move || shell.t(which.label())}
                </button>
            }).collect_view()}
            <button type="button" on:click=move |_| shell.navigate(Route::Edit(edit_id.clone()))>{move || shell.t(Key::Edit)}</button>
            <button type="button" class="danger" on:click=move |_| confirm_delete.set(true)>{move || shell.t(Key::Delete)}</button>
        </div>
        {panel}
    }
}
