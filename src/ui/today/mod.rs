//! Today: the screen reps open first. Who to contact today and why: overdue and
//! today's follow-ups, care occasions, buyers breaking their own rhythm, win-back
//! steps due and key customers without an account owner. Every line opens the
//! record and shows the buyer's local time.

pub mod occasions;

use leptos::prelude::*;

use crate::i18n::Key;
use crate::ui::context::Shell;

#[component]
pub fn TodayPage() -> impl IntoView {
    let shell = expect_context::<Shell>();
    view! {
        <section class="today" aria-labelledby="today-title">
            <h2 id="today-title">{move || shell.t(Key::TodayTitle)}</h2>
            <occasions::Occasions/>
        </section>
    }
}
