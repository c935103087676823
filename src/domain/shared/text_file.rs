//! Reading a file the rep chose as text, before any CSV parsing: refuse files that are
//! too large or not text at all, and find the encoding the spreadsheet saved it in.
//!
//! Excel writes "CSV" in the legacy code page of the Windows it runs on: GBK/GB18030
//! on Chinese Windows, Shift_JIS on Japanese, Windows-1252 in Western Europe; its
//! "Unicode text" is UTF-16 with a byte-order mark. The order of evidence is: a BOM,
//! else valid UTF-8, else the legacy encoding whose byte patterns look most like real
//! text. The decoding itself is injected ([`Decode`]): the browser's `TextDecoder` in
//! the app, `encoding_rs` (the same WHATWG Encoding Standard) in native tests, so the
//! wasm carries no code-page tables.

use serde::{Deserialize, Serialize};
use thiserror::Error;

/// Largest file an import reads. A million orders exported as CSV are about 150 MB;
/// anything larger would not fit the browser's memory beside the parsed rows.
pub const MAX_IMPORT_BYTES: u64 = 200 * 1024 * 1024;

/// How many bytes at the start are inspected for binary signatures and NULs.
const SNIFF_BYTES: usize = 8 * 1024;

/// The encodings a rep can choose. Auto-detection picks among UTF-8, UTF-16, GB18030,
/// Shift_JIS and Windows-1252; Big5 and EUC-KR byte patterns overlap GB18030's too
/// much to be told apart reliably, so they are offered only as a choice.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum TextEncoding {
    Utf8,
    Utf16Le,
    Utf16Be,
    Gb18030,
    Big5,
    ShiftJis,
    EucKr,
    Windows1252,
}

impl TextEncoding {
    pub const ALL: [TextEncoding; 8] = [
        Self::Utf8,
        Self::Utf16Le,
        Self::Utf16Be,
        Self::Gb18030,
        Self::Big5,
        Self::ShiftJis,
        Self::EucKr,
        Self::Windows1252,
    ];

    /// The WHATWG label, as `TextDecoder` and `encoding_rs` take it.
    pub fn label(self) -> &'static str {
        match self {
            Self::Utf8 => "utf-8",
            Self::Utf16Le => "utf-16le",
            Self::Utf16Be => "utf-16be",
            Self::Gb18030 => "gb18030",
            Self::Big5 => "big5",
            Self::ShiftJis => "shift_jis",
            Self::EucKr => "euc-kr",
            Self::Windows1252 => "windows-1252",
        }
    }

    pub fn from_label(label: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|e| e.label() == label)
    }

    /// The name a rep recognises (the same in every UI language: these are the names
    /// spreadsheet programs show).
    pub fn display_name(self) -> &'static str {
        match self {
            Self::Utf8 => "UTF-8",
            Self::Utf16Le => "UTF-16 LE",
            Self::Utf16Be => "UTF-16 BE",
            Self::Gb18030 => "GBK / GB18030",
            Self::Big5 => "Big5",
            Self::ShiftJis => "Shift_JIS",
            Self::EucKr => "EUC-KR",
            Self::Windows1252 => "Windows-1252",
        }
    }
}

/// Decodes bytes (without a BOM) in an encoding. With `fatal`, malformed input gives
/// `None`; without it, malformed sequences become U+FFFD.
pub trait Decode {
    fn decode(&self, encoding: TextEncoding, bytes: &[u8], fatal: bool) -> Option<String>;
}

/// What a file that is not text turned out to be, by its first bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BinaryKind {
    /// A ZIP container: .xlsx, .docx, .zip.
    ZipOrXlsx,
    /// The old binary Excel (.xls) and Word formats.
    OldOffice,
    Pdf,
    Image,
    Compressed,
    /// NUL bytes or other control bytes that text never has.
    Other,
}

#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum TextFileError {
    #[error("the file is empty")]
    Empty,
    #[error("the file has {bytes} bytes; the limit is {limit}")]
    TooLarge { bytes: u64, limit: u64 },
    #[error("the file is not a text file ({0:?})")]
    NotText(BinaryKind),
}

/// How the encoding was found; shown beside it so the rep knows whether to check.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Detection {
    ByteOrderMark,
    ValidUtf8,
    /// The legacy encoding whose byte patterns fit best.
    Guessed,
    /// The rep chose it.
    Chosen,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DecodedText {
    pub text: String,
    pub encoding: TextEncoding,
    pub detection: Detection,
    /// Characters that could not be read in the chosen encoding (shown as U+FFFD).
    pub unreadable: usize,
}

/// Refuses a file by its size before it is read at all.
pub fn check_size(bytes: u64, limit: u64) -> Result<(), TextFileError> {
    match bytes {
        0 => Err(TextFileError::Empty),
        n if n > limit => Err(TextFileError::TooLarge { bytes: n, limit }),
        _ => Ok(()),
    }
}

/// Recognises a binary file by its signature, or by bytes text never contains.
/// UTF-16 text (full of NULs) is not binary: it is recognised by its BOM or by
/// its NUL pattern first.
pub fn binary_kind(bytes: &[u8]) -> Option<BinaryKind> {
    const SIGNATURES: [(&[u8], BinaryKind); 9] = [
        (b"PK\x03\x04", BinaryKind::ZipOrXlsx),
        (b"PK\x05\x06", BinaryKind::ZipOrXlsx),
        (b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", BinaryKind::OldOffice),
        (b"%PDF", BinaryKind::Pdf),
        (b"\x89PNG", BinaryKind::Image),
        (b"\xFF\xD8\xFF", BinaryKind::Image),
        (b"GIF8", BinaryKind::Image),
        (b"\x1F\x8B", BinaryKind::Compressed),
        (b"7z\xBC\xAF", BinaryKind::Compressed),
    ];
    if let Some((_, kind)) = SIGNATURES.iter().find(|(sig, _)| bytes.starts_with(sig)) {
        return Some(*kind);
    }
    if bom(bytes).is_some() || utf16_without_bom(bytes).is_some() {
        return None;
    }
    let head = &bytes[..bytes.len().min(SNIFF_BYTES)];
    // NUL never appears in text; other C0 controls (besides tab, line breaks, form
    // feed and the DOS end-of-file mark) only in small numbers.
    let controls = head
        .iter()
        .filter(|&&b| b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r' | 0x0C | 0x1A))
        .count();
    if head.contains(&0) || controls * 100 > head.len() {
        return Some(BinaryKind::Other);
    }
    None
}

fn bom(bytes: &[u8]) -> Option<(TextEncoding, usize)> {
    if bytes.starts_with(b"\xEF\xBB\xBF") {
        Some((TextEncoding::Utf8, 3))
    } else if bytes.starts_with(b"\xFF\xFE") {
        Some((TextEncoding::Utf16Le, 2))
    } else if bytes.starts_with(b"\xFE\xFF") {
        Some((TextEncoding::Utf16Be, 2))
    } else {
        None
    }
}

/// UTF-16 saved without a BOM: mostly-ASCII text has a NUL in every other byte.
fn utf16_without_bom(bytes: &[u8]) -> Option<TextEncoding> {
    let head = &bytes[..bytes.len().min(SNIFF_BYTES) & !1];
    let pairs = head.len() / 2;
    if pairs < 2 {
        return None;
    }
    let even_nul = head.iter().step_by(2).filter(|&&b| b == 0).count();
    let odd_nul = head.iter().skip(1).step_by(2).filter(|&&b| b == 0).count();
    // Two thirds of one side NUL and almost none of the other.
    if odd_nul * 3 >= pairs * 2 && even_nul * 20 <= pairs {
        Some(TextEncoding::Utf16Le)
    } else if even_nul * 3 >= pairs * 2 && odd_nul * 20 <= pairs {
        Some(TextEncoding::Utf16Be)
    } else {
        None
    }
}

/// Finds the encoding and decodes: a BOM, else UTF-16 by its NUL pattern, else valid
/// UTF-8, else the best-fitting legacy encoding (Windows-1252 decodes anything, so
/// there always is one).
pub fn decode_detected(bytes: &[u8], decoder: &dyn Decode) -> Result<DecodedText, TextFileError> {
    if bytes.is_empty() {
        return Err(TextFileError::Empty);
    }
    if let Some(kind) = binary_kind(bytes) {
        return Err(TextFileError::NotText(kind));
    }
    if let Some((encoding, skip)) = bom(bytes) {
        return Ok(decoded(
            &bytes[skip..],
            encoding,
            Detection::ByteOrderMark,
            decoder,
        ));
    }
    // Before UTF-8: ASCII in UTF-16 is NULs and letters, which is valid UTF-8 too.
    if let Some(encoding) = utf16_without_bom(bytes) {
        return Ok(decoded(bytes, encoding, Detection::Guessed, decoder));
    }
    if let Ok(text) = std::str::from_utf8(bytes) {
        return Ok(DecodedText {
            text: text.to_owned(),
            encoding: TextEncoding::Utf8,
            detection: Detection::ValidUtf8,
            unreadable: 0,
        });
    }
    // Candidates in order of preference on a tie: the commonest exports first.
    const CANDIDATES: [TextEncoding; 3] = [
        TextEncoding::Gb18030,
        TextEncoding::ShiftJis,
        TextEncoding::Windows1252,
    ];
    let mut best: Option<(i64, TextEncoding, String)> = None;
    for encoding in CANDIDATES {
        let Some(text) = decoder.decode(encoding, bytes, true) else {
            continue;
        };
        let score = fit(encoding, bytes);
        if best.as_ref().is_none_or(|(top, _, _)| score > *top) {
            best = Some((score, encoding, text));
        }
    }
    Ok(match best {
        Some((_, encoding, text)) => DecodedText {
            text,
            encoding,
            detection: Detection::Guessed,
            unreadable: 0,
        },
        None => decoded(
            bytes,
            TextEncoding::Windows1252,
            Detection::Guessed,
            decoder,
        ),
    })
}

/// Decodes in the encoding the rep chose, never failing: what cannot be read becomes
/// U+FFFD and is counted, so the preview can say the choice looks wrong.
pub fn decode_as(
    bytes: &[u8],
    encoding: TextEncoding,
    decoder: &dyn Decode,
) -> Result<DecodedText, TextFileError> {
    if bytes.is_empty() {
        return Err(TextFileError::Empty);
    }
    if let Some(kind) = binary_kind(bytes) {
        return Err(TextFileError::NotText(kind));
    }
    let body = match bom(bytes) {
        Some((bom_encoding, skip)) if bom_encoding == encoding => &bytes[skip..],
        _ => bytes,
    };
    Ok(decoded(body, encoding, Detection::Chosen, decoder))
}

fn decoded(
    bytes: &[u8],
    encoding: TextEncoding,
    detection: Detection,
    decoder: &dyn Decode,
) -> DecodedText {
    let text = decoder
        .decode(encoding, bytes, false)
        .unwrap_or_else(|| String::from_utf8_lossy(bytes).into_owned());
    let unreadable = text.chars().filter(|&c| c == '\u{FFFD}').count();
    DecodedText {
        text,
        encoding,
        detection,
        unreadable,
    }
}

/// How much `bytes` look like text in `encoding`: positive for the byte patterns of
/// that encoding's everyday characters, negative for rare or reserved ones. Counted
/// on bytes, not decoded text, because the everyday ranges are contiguous byte rows
/// (GB2312's hanzi rows, Shift_JIS's kana rows) while decoded text would need
/// frequency tables.
fn fit(encoding: TextEncoding, bytes: &[u8]) -> i64 {
    match encoding {
        TextEncoding::Gb18030 => fit_gb18030(bytes),
        TextEncoding::ShiftJis => fit_shift_jis(bytes),
        TextEncoding::Windows1252 => fit_windows_1252(bytes),
        _ => 0,
    }
}

fn fit_gb18030(bytes: &[u8]) -> i64 {
    let mut score = 0;
    let mut i = 0;
    while i < bytes.len() {
        let lead = bytes[i];
        if lead < 0x80 {
            i += 1;
            continue;
        }
        let trail = bytes.get(i + 1).copied().unwrap_or(0);
        if (0x30..=0x39).contains(&trail) {
            // Four-byte sequences encode what GBK lacks: rare in real text.
            i += 4;
            continue;
        }
        // GB2312's hanzi (rows B0–F7) and its symbols and full-width punctuation
        // (rows A1–A9) are what Chinese text is made of; the GBK extension rows hold
        // rare characters.
        let common = (0xA1..=0xFE).contains(&trail)
            && ((0xB0..=0xF7).contains(&lead) || (0xA1..=0xA9).contains(&lead));
        score += if common { 1 } else { -1 };
        i += 2;
    }
    score
}

fn fit_shift_jis(bytes: &[u8]) -> i64 {
    let mut score = 0;
    let mut i = 0;
    while i < bytes.len() {
        let lead = bytes[i];
        match lead {
            0x00..=0x7F => i += 1,
            // Half-width katakana: legal, but rare next to full-width text.
            0xA1..=0xDF => {
                score -= 1;
                i += 1;
            }
            0x81..=0x9F | 0xE0..=0xEF => {
                let trail = bytes.get(i + 1).copied().unwrap_or(0);
                score += match (lead, trail) {
                    // Hiragana and katakana rows: the surest sign of Japanese.
                    (0x82, 0x9F..=0xF1) | (0x83, 0x40..=0x96) => 2,
                    // Symbols and full-width punctuation; JIS level-1 kanji.
                    (0x81, _) | (0x88..=0x98, _) => 1,
                    _ => 0,
                };
                i += 2;
            }
            // User-defined rows and unassigned bytes.
            _ => {
                score -= 3;
                i += 1;
            }
        }
    }
    score
}

fn fit_windows_1252(bytes: &[u8]) -> i64 {
    let letter = |b: Option<&u8>| b.is_some_and(|b| b.is_ascii_alphabetic());
    let mut score = 0;
    for (i, &b) in bytes.iter().enumerate() {
        if b < 0x80 {
            continue;
        }
        let accented_letter = matches!(b, 0xC0..=0xFF if b != 0xD7 && b != 0xF7)
            || matches!(b, 0x8A | 0x8C | 0x8E | 0x9A | 0x9C | 0x9E | 0x9F);
        let unassigned = matches!(b, 0x81 | 0x8D | 0x8F | 0x90 | 0x9D);
        if unassigned {
            score -= 3;
        } else if accented_letter
            && (letter(i.checked_sub(1).and_then(|j| bytes.get(j))) || letter(bytes.get(i + 1)))
        {
            // "Müller", "Société": accents sit inside Latin words.
            score += 1;
        }
    }
    score
}

#[cfg(test)]
pub(crate) mod tests;
