//! The one CSV file picker both imports use: refuses what is not a readable table
//! before any mapping screen is built, finds the file's encoding and lets the rep
//! change it, and hands the parsed table to the import.

use std::sync::Arc;

use leptos::ev;
use leptos::prelude::*;

use crate::domain::shared::csv::{FileError, ParsedFile};
use crate::domain::shared::text_file::{
    decode_as, decode_detected, DecodedText, TextEncoding, TextFileError, MAX_IMPORT_BYTES,
};
use crate::i18n::{csv_file_error_message, encoding_note, text, text_file_error_message, Key};
use crate::services::exchange::in_steps::read_table;
use crate::ui::context::Shell;
use crate::ui::latest::Latest;
use crate::ui::widgets::file_picker::FilePicker;
use crate::web::files::{BrowserDecoder, ChosenFile, ReadError};
use crate::web::next_task;

/// Why the chosen file gives no table; kept typed so a language switch re-translates it.
#[derive(Debug, Clone, PartialEq)]
enum Problem {
    Unreadable,
    NotText(TextFileError),
    NotATable(FileError),
}

/// A parsed file with the name it was chosen under.
#[derive(Debug, Clone)]
pub struct ChosenTable {
    pub name: String,
    pub table: Arc<ParsedFile>,
}

/// `on_table` gets the parsed file, or `None` whenever the current choice gives no
/// table (a new file is being read, or it was refused).
#[component]
pub fn CsvFileInput(
    /// The input's id (its label points at it).
    id: &'static str,
    on_table: Callback<Option<ChosenTable>>,
) -> impl IntoView {
    let shell = expect_context::<Shell>();
    let bytes: StoredValue<Option<(String, Arc<Vec<u8>>)>> = StoredValue::new(None);
    // The decoding without its text: what the encoding line shows.
    let decoding: RwSignal<Option<DecodedText>> = RwSignal::new(None);
    let problem: RwSignal<Option<Problem>> = RwSignal::new(None);

    // (bytes read, bytes in all) while a file is being read.
    let reading: RwSignal<Option<(usize, usize)>> = RwSignal::new(None);
    // Each read gets a number; a read overtaken by a newer choice drops its result.
    let latest_read = Latest::new();

    let accept = move |name: String, decoded: Result<DecodedText, TextFileError>| {
        let turn = latest_read.next();
        let decoded = match decoded {
            Ok(decoded) => decoded,
            Err(e) => {
                reading.set(None);
                decoding.set(None);
                problem.set(Some(Problem::NotText(e)));
                on_table.run(None);
                return;
            }
        };
        let mut decoded = decoded;
        let text = std::mem::take(&mut decoded.text);
        decoding.set(Some(decoded));
        problem.set(None);
        reading.set(Some((0, text.len())));
        leptos::task::spawn_local(async move {
            let parsed = read_table(&text, next_task, &|done, total| {
                if turn.is_current() {
                    reading.set(Some((done, total)));
                }
            })
            .await;
            if !turn.is_current() {
                return;
            }
            reading.set(None);
            match parsed {
                Ok(table) => {
                    problem.set(None);
                    on_table.run(Some(ChosenTable {
                        name,
                        table: Arc::new(table),
                    }));
                }
                Err(e) => {
                    problem.set(Some(Problem::NotATable(e)));
                    on_table.run(None);
                }
            }
        });
    };

    let on_choose = Callback::new(move |()| {
        latest_read.cancel();
        reading.set(None);
        on_table.run(None);
        decoding.set(None);
        problem.set(None);
    });
    let on_file = Callback::new(move |read: Result<ChosenFile, ReadError>| match read {
        Err(ReadError::Unreadable) => problem.set(Some(Problem::Unreadable)),
        Err(ReadError::Refused(e)) => problem.set(Some(Problem::NotText(e))),
        Ok(file) => {
            let decoded = decode_detected(&file.bytes, &BrowserDecoder);
            bytes.set_value(Some((file.name.clone(), Arc::new(file.bytes))));
            accept(file.name, decoded);
        }
    });

    let on_encoding = move |ev: ev::Event| {
        let Some(encoding) = TextEncoding::from_label(&event_target_value(&ev)) else {
            return;
        };
        if let Some((name, contents)) = bytes.get_value() {
            accept(name, decode_as(&contents, encoding, &BrowserDecoder));
        }
    };

    let select_id = format!("{id}-encoding");
    let select_for = select_id.clone();
    view! {
        <FilePicker id=id label=Key::ImportChooseFile accept=".csv,.tsv,.txt,text/csv,text/plain"
            max_bytes=MAX_IMPORT_BYTES on_choose=on_choose on_file=on_file/>
        <p class="form-error" role="alert">
            {move || {
                let lang = shell.lang.get();
                problem.get().map(|p| match p {
                    Problem::Unreadable => text(lang, Key::ImportUnreadableFile).to_owned(),
                    Problem::NotText(e) => text_file_error_message(lang, &e),
                    Problem::NotATable(e) => csv_file_error_message(lang, &e),
                })
            }}
        </p>
        {move || reading.get().map(|(done, total)| view! {
            <div class="progress">
                <label for=format!("{id}-reading")>{shell.t(Key::ReadingFile)}</label>
                <progress id=format!("{id}-reading") max=total.max(1).to_string() value=done.to_string()></progress>
            </div>
        })}
        <Show when=move || decoding.with(Option::is_some)>
            <div class="field encoding">
                <p class="muted" role="status">
                    {move || decoding.with(|d| d.as_ref().map(|d| encoding_note(shell.lang.get(), d)))}
                </p>
                <label for=select_for.clone()>{shell.tr(Key::FileEncoding)}</label>
                <select id=select_id.clone()
                    prop:value=move || decoding.with(|d| d.as_ref().map(|d| d.encoding.label()).unwrap_or_default())
                    on:change=on_encoding>
                    {TextEncoding::ALL.into_iter().map(|e| view! {
                        <option value=e.label()>{e.display_name()}</option>
                    }).collect_view()}
                </select>
            </div>
        </Show>
    }
}
