//! After an orders import: the customers whose orders now imply a later stage,
//! offered as one batch. Every line is ticked; the rep unticks what they disagree
//! with and moves the rest in one step, each with its reason filled in.

use std::collections::HashSet;
use std::sync::Arc;

use leptos::prelude::*;

use crate::domain::customers::{stage_offers, CustomerId, StageOffer};
use crate::i18n::{
    apply_offers_label, offer_reason_text, offers_applied_message, stage_move_error_message,
    stage_name, Key,
};
use crate::services::customers::StageActionError;
use crate::storage::store_error_message;
use crate::ui::context::{Backend, CustomersView, Insight, Shell, ToastKind};

/// `touched`: the customers the import wrote orders for, and the facts generation
/// at the time, so the offers are computed from facts that include the import.
#[component]
pub fn StageOfferReview(touched: (u64, Arc<HashSet<CustomerId>>)) -> impl IntoView {
    let shell = expect_context::<Shell>();
    let backend = expect_context::<Backend>();
    let customers = expect_context::<CustomersView>();
    let insight = expect_context::<Insight>();
    let (written_at, touched) = touched;
    let declined: RwSignal<HashSet<CustomerId>> = RwSignal::new(HashSet::new());
    let applied = RwSignal::new(false);
    let problem: RwSignal<Option<String>> = RwSignal::new(None);
    let offers: Memo<Option<Vec<StageOffer>>> = Memo::new(move |_| {
        if insight.generation.get() <= written_at {
            return None;
        }
        let inputs = insight.inputs.get()?;
        let summaries = inputs.0.facts.order_summaries();
        Some(
            customers
                .directory
                .with(|d| stage_offers(d.iter().filter(|c| touched.contains(&c.id)), &summaries)),
        )
    });
    let chosen = move || -> Vec<StageOffer> {
        let declined = declined.get();
        offers
            .get()
            .unwrap_or_default()
            .into_iter()
            .filter(|o| !declined.contains(&o.customer))
            .collect()
    };
    let apply = Action::new_local(move |batch: &Vec<StageOffer>| {
        let batch = batch.clone();
        async move {
            let lang = shell.lang.get_untracked();
            match backend.apply_stage_offers(&batch).await {
                Ok(n) => {
                    applied.set(true);
                    problem.set(None);
                    shell.notify(ToastKind::Info, offers_applied_message(lang, n), None);
                }
                Err(StageActionError::Rule(e)) => {
                    problem.set(Some(stage_move_error_message(lang, &e)))
                }
                Err(StageActionError::Store(e)) => problem.set(Some(store_error_message(lang, &e))),
            }
        }
    });
    view! {
        {move || match offers.get() {
            _ if applied.get() => ().into_any(),
            None => view! { <p class="muted" role="status">{shell.t(Key::CheckingStages)}</p> }.into_any(),
            Some(list) if list.is_empty() => ().into_any(),
            Some(list) => {
                let lang = shell.lang.get();
                view! {
                    <section class="stage-offers" aria-labelledby="stage-offers-title">
                        <h3 id="stage-offers-title">{shell.t(Key::StageOffersTitle)}</h3>
                        <p class="muted">{shell.t(Key::StageOffersHelp)}</p>
                        <table>
                            <thead><tr>
                                <th scope="col">{shell.t(Key::StageOfferMove)}</th>
                                <th scope="col">{shell.t(Key::Name)}</th>
                                <th scope="col">{shell.t(Key::StageColumn)}</th>
                                <th scope="col">{shell.t(Key::StageReason)}</th>
                            </tr></thead>
                            <tbody>
                                {list.into_iter().map(|offer| {
                                    let id = offer.customer.clone();
                                    let name = customers.directory.with_untracked(|d| d.get(&id).map(|c| c.name.clone())).unwrap_or_default();
                                    let box_id = format!("offer-{}", id.as_str());
                                    let path = std::iter::once(offer.from).chain(offer.steps.iter().map(|s| s.0))
                                        .map(|s| stage_name(lang, s)).collect::<Vec<_>>().join(" → ");
                                    let reasons = offer.steps.iter().map(|s| offer_reason_text(lang, s.1)).collect::<Vec<_>>().join(" ");
                                    let (toggle_id, checked_id) = (id.clone(), id.clone());
                                    view! {
                                        <tr>
                                            <td><input type="checkbox" id=box_id.clone() aria-label=format!("{} {}", shell.t(Key::StageOfferMove), name)
                                                prop:checked=move || declined.with(|d| !d.contains(&checked_id))
                                                on:change=move |ev| {
                                                    let on = event_target_checked(&ev);
                                                    declined.update(|d| { if on { d.remove(&toggle_id); } else { d.insert(toggle_id.clone()); } });
                                                }/></td>
                                            <td><label for=box_id>{name.clone()}</label></td>
                                            <td>{path}</td>
                                            <td>{reasons}</td>
                                        </tr>
                                    }
                                }).collect_view()}
                            </tbody>
                        </table>
                        <button type="button" class="primary" disabled=move || apply.pending().get() || chosen().is_empty()
                            on:click=move |_| { apply.dispatch(chosen()); }>
                            {move || apply_offers_label(shell.lang.get(), chosen().len())}
                        </button>
                        <p class="field-error" role="alert">{move || problem.get()}</p>
                    </section>
                }.into_any()
            }
        }}
    }
}
