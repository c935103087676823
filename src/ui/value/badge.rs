//! A customer's value at a glance: tier, ABC class and RFM segment with its scores,
//! as computed from the orders. The same badges on every screen a rep works in.

use leptos::prelude::*;

use crate::domain::customers::CustomerId;
use crate::i18n::{abc_badge_text, labelled, rfm_badge_text, text, tier_name, Key};
use crate::ui::context::{CustomersView, Shell};

#[component]
pub fn ValueBadges(id: CustomerId) -> impl IntoView {
    let customers = expect_context::<CustomersView>();
    let shell = expect_context::<Shell>();
    move || {
        let lang = shell.lang.get();
        let tier = customers.tiers.with(|t| t.get(&id).copied());
        let badge = customers.badge_of(&id);
        view! {
            <span class="value-badges" data-testid="value-badges">
                {tier.map(|t| view! {
                    <span class=format!("tier-badge tier-{}", t.code()) title=text(lang, Key::TierLabel)>
                        <span class="visually-hidden">{labelled(lang, text(lang, Key::TierLabel), "")}</span>
                        {tier_name(lang, t)}
                    </span>
                })}
                {badge.map(|b| view! {
                    <span class="abc-badge">{abc_badge_text(lang, b.abc)}</span>
                    <span class="rfm-badge">{rfm_badge_text(lang, b.rfm)}</span>
                })}
            </span>
        }
    }
}
