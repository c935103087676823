//! Replies to buyers: the panel reps use on a record, an order row and in the
//! complaint wizard, and the library page where the team edits the texts.

pub mod library;
pub mod panel;
mod picker;

use leptos::prelude::*;

use crate::domain::replies::ReplyLibrary;
use crate::i18n::language_option;
use crate::ui::context::{Backend, Shell};
use crate::web::intl::{self, NameKind};

/// The reply library (catalog and the team's edits), re-read whenever it is
/// edited here or in another tab; errors in the rep's words.
fn use_reply_library() -> Memo<Option<Result<ReplyLibrary, String>>> {
    let shell = expect_context::<Shell>();
    let backend = expect_context::<Backend>();
    let read = LocalResource::new(move || {
        backend.changes.track_replies();
        async move { backend.reply_library().await }
    });
    Memo::new(move |_| {
        read.get()
            .map(|read| read.map_err(|e| e.message(shell.lang.get())))
    })
}

/// The `<option>`s of a reply-language select, named in the interface language.
fn language_options(languages: Vec<String>, selected: &str) -> impl IntoView {
    let shell = expect_context::<Shell>();
    let lang = shell.lang.get();
    languages
        .into_iter()
        .map(|code| {
            let name = language_option(
                lang,
                intl::display_name(NameKind::Language, &code, lang.code()).as_deref(),
                &code,
            );
            let is_selected = code == selected;
            view! { <option value=code selected=is_selected>{name}</option> }
        })
        .collect_view()
}

/// `dir` for text in `language`: right to left for the scripts that run so.
fn text_direction(language: &str) -> &'static str {
    match language.split('-').next().unwrap_or_default() {
        "ar" | "he" | "fa" | "ur" | "ps" | "yi" | "dv" => "rtl",
        _ => "ltr",
    }
}
