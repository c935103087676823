//! `?` anywhere (outside a text field) lists the keyboard shortcuts; so does the
//! header's `?` button. Escape or Close dismisses the list.

use leptos::ev;
use leptos::html;
use leptos::prelude::*;

use crate::i18n::Key;
use crate::ui::context::Shell;

/// Whether the key went to a text field (then it is typing, not a shortcut).
pub fn typing_in_a_field() -> bool {
    document()
        .active_element()
        .is_some_and(|el| matches!(el.tag_name().as_str(), "INPUT" | "TEXTAREA" | "SELECT"))
}

const SHORTCUTS: [(&str, Key); 5] = [
    ("/", Key::ShortcutSearch),
    ("L", Key::ShortcutLog),
    ("R", Key::ShortcutReply),
    ("?", Key::ShortcutHelp),
    ("Esc", Key::ShortcutEscape),
];

#[component]
pub fn ShortcutsHelp(open: RwSignal<bool>) -> impl IntoView {
    let shell = expect_context::<Shell>();
    on_window_keydown(move |ev| {
        if ev.key() == "?" && !ev.ctrl_key() && !ev.meta_key() && !typing_in_a_field() {
            ev.prevent_default();
            open.set(true);
        } else if ev.key() == "Escape" && open.get_untracked() {
            open.set(false);
        }
    });
    let close_button = NodeRef::<html::Button>::new();
    Effect::new(move |_| {
        if let Some(button) = close_button.get() {
            let _ = button.focus();
        }
    });
    view! {
        <Show when=move || open.get()>
            <div class="modal-backdrop" on:click=move |_| open.set(false)>
                <div class="modal shortcuts" role="dialog" aria-modal="true" aria-labelledby="shortcuts-title"
                    on:click=|ev| ev.stop_propagation()>
                    <h3 id="shortcuts-title">{shell.tr(Key::KeyboardShortcuts)}</h3>
                    <dl>
                        {SHORTCUTS.into_iter().map(|(keys, what)| view! {
                            <dt><kbd>{keys}</kbd></dt>
                            <dd>{move || shell.t(what)}</dd>
                        }).collect_view()}
                    </dl>
                    <div class="modal-actions">
                        <button type="button" node_ref=close_button on:click=move |_| open.set(false)>{shell.tr(Key::Close)}</button>
                    </div>
                </div>
            </div>
        </Show>
    }
}

/// Listens for key presses anywhere in the window for as long as the calling
/// component lives. The listener is removed when the component goes (a language
/// switch re-renders most screens), so no handler outlives the signals it uses.
pub fn on_window_keydown(handler: impl Fn(web_sys::KeyboardEvent) + 'static) {
    let handle = window_event_listener(ev::keydown, handler);
    on_cleanup(move || handle.remove());
}
