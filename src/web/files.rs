//! Reading the file a rep chose, as bytes, and decoding legacy encodings with the
//! browser's own `TextDecoder` (the WHATWG Encoding Standard, so no code-page tables
//! travel in the wasm).

use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

use crate::domain::shared::text_file::{check_size, Decode, TextEncoding, TextFileError};

/// A chosen file's name and contents.
pub struct ChosenFile {
    pub name: String,
    pub bytes: Vec<u8>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ReadError {
    /// Refused before reading: empty or over the limit.
    Refused(TextFileError),
    /// The browser could not read it (moved, deleted, no permission).
    Unreadable,
}

/// The file chosen in the `<input type="file">` that fired `ev`; `None` when the
/// rep cancelled the dialog. The size is checked before a byte is read, so an
/// oversized file never reaches memory.
pub async fn read_chosen_file(
    ev: &web_sys::Event,
    limit: u64,
) -> Option<Result<ChosenFile, ReadError>> {
    let input = ev
        .target()
        .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())?;
    let file = input.files().and_then(|list| list.get(0))?;
    Some(read_file(&file, limit).await)
}

async fn read_file(file: &web_sys::File, limit: u64) -> Result<ChosenFile, ReadError> {
    // `size` is a whole number of bytes held in an f64; saturating is right for
    // anything beyond u64, which is over every limit anyway.
    let size = file.size().max(0.0) as u64;
    check_size(size, limit).map_err(ReadError::Refused)?;
    let buffer = JsFuture::from(file.array_buffer())
        .await
        .map_err(|_| ReadError::Unreadable)?;
    Ok(ChosenFile {
        name: file.name(),
        bytes: js_sys::Uint8Array::new(&buffer).to_vec(),
    })
}

/// `TextDecoder`, with BOM handling left to the domain (it strips the BOM it found).
pub struct BrowserDecoder;

impl Decode for BrowserDecoder {
    fn decode(&self, encoding: TextEncoding, bytes: &[u8], fatal: bool) -> Option<String> {
        let options = web_sys::TextDecoderOptions::new();
        options.set_fatal(fatal);
        // Not in web-sys's generated setters; part of the same options dictionary.
        js_sys::Reflect::set(&options, &JsValue::from_str("ignoreBOM"), &JsValue::TRUE).ok()?;
        let decoder =
            web_sys::TextDecoder::new_with_label_and_options(encoding.label(), &options).ok()?;
        decoder.decode_with_u8_array(bytes).ok()
    }
}
