//! The confirmation dialog for destructive actions: the safe choice has focus,
//! Escape backs out, the confirm button waits while the action runs.

use leptos::ev;
use leptos::html;
use leptos::prelude::*;

use crate::ui::widgets::shortcuts::on_window_keydown;

use crate::i18n::Key;
use crate::ui::context::Shell;

#[component]
pub fn ConfirmDialog(
    /// Prefix of the element ids (`{id}-title`, `{id}-body`).
    id: &'static str,
    title: Key,
    confirm: Key,
    open: RwSignal<bool>,
    /// True while the confirmed action runs (an `Action`'s `pending`).
    #[prop(into)]
    busy: Signal<bool>,
    on_confirm: impl Fn(ev::MouseEvent) + 'static,
    children: Children,
) -> impl IntoView {
    let shell = expect_context::<Shell>();
    let cancel_button = NodeRef::<html::Button>::new();
    Effect::new(move |_| {
        if let Some(button) = cancel_button.get() {
            let _ = button.focus();
        }
    });
    on_window_keydown(move |ev| {
        if ev.key() == "Escape" {
            open.set(false);
        }
    });
    let title_id = format!("{id}-title");
    let body_id = format!("{id}-body");
    view! {
        <div class="modal-backdrop">
            <div class="modal" role="alertdialog" aria-modal="true" aria-labelledby=title_id.clone() aria-describedby=body_id.clone()>
                <h3 id=title_id.clone()>{move || shell.t(title)}</h3>
                <p id=body_id.clone()>{children()}</p>
                <div class="modal-actions">
                    <button type="button" node_ref=cancel_button on:click=move |_| open.set(false)>{shell.tr(Key::Cancel)}</button>
                    <button type="button" class="danger" disabled=move || busy.get() on:click=on_confirm>{move || shell.t(confirm)}</button>
                </div>
            </div>
        </div>
    }
}
