//! The one file picker: a labelled `<input type="file">` that reads the chosen file
//! (size checked before a byte is read, in `web::files`) and hands over its bytes
//! or why it could not be read. The restore and both imports use it.

use leptos::ev;
use leptos::prelude::*;

use crate::i18n::Key;
use crate::ui::context::Shell;
use crate::web::files::{read_chosen_file, ChosenFile, ReadError};

#[component]
pub fn FilePicker(
    /// The input's id (its label points at it).
    id: &'static str,
    label: Key,
    /// The `accept` attribute: extensions and media types the dialog offers.
    accept: &'static str,
    /// Files over this many bytes are refused unread.
    max_bytes: u64,
    /// Called when a new choice starts being read, before `on_file`.
    #[prop(optional)]
    on_choose: Option<Callback<()>>,
    /// The chosen file, or why it could not be read. Not called when the rep
    /// cancels the dialog.
    on_file: Callback<Result<ChosenFile, ReadError>>,
) -> impl IntoView {
    let shell = expect_context::<Shell>();
    let on_change = move |ev: ev::Event| {
        if let Some(started) = on_choose {
            started.run(());
        }
        leptos::task::spawn_local(async move {
            if let Some(read) = read_chosen_file(&ev, max_bytes).await {
                on_file.run(read);
            }
        });
    };
    view! {
        <div class="field">
            <label for=id>{move || shell.t(label)}</label>
            <input id=id type="file" accept=accept on:change=on_change/>
        </div>
    }
}
