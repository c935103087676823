//! UI language and every user-visible string and sentence, in English and
//! Simplified Chinese. Above the domain: it names domain types, the domain never
//! imports it. One file per bounded context, plus the key table.
//!
//! Keys are an enum so a missing translation is a compile error, not a blank label.

use serde::{Deserialize, Serialize};

use crate::domain::shared::coded_enum::coded_enum;

coded_enum! {
    /// The UI language. The saved preference is its code; serde uses the variant name
    /// ("En"/"Zh"), which is not the code.
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
    pub enum Lang {
        #[default]
        En = "en",
        Zh = "zh-CN",
    }
}

impl Lang {
    /// Picks the UI language from a browser language tag ("zh-TW" → Chinese, "de" → English).
    pub fn from_browser_tag(tag: &str) -> Self {
        if tag.trim().to_ascii_lowercase().starts_with("zh") {
            Self::Zh
        } else {
            Self::En
        }
    }
}

/// What stands between two sentences shown side by side (separate elements that
/// `compose::sentences` cannot join): a space in English, nothing after a Chinese 。.
pub fn sentence_gap(lang: Lang) -> &'static str {
    match lang {
        Lang::En => " ",
        Lang::Zh => "",
    }
}

/// Declares `Key` and `text`: one line per key, both languages required.
macro_rules! texts {
    ($($key:ident => $en:literal, $zh:literal;)+) => {
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum Key { $($key),+ }

        impl Key {
            pub const ALL: &'static [Key] = &[$(Key::$key),+];
        }

        pub fn text(lang: Lang, key: Key) -> &'static str {
            match (lang, key) {
                $((Lang::En, Key::$key) => $en, (Lang::Zh, Key::$key) => $zh,)+
            }
        }
    };
}

mod care;
mod complaints;
mod compose;
mod contacts;
mod customers;
mod exchange;
mod keys;
mod numbers;
mod orders;
mod replies;
mod reports;
mod sync;
mod today;
mod value;
mod winback;

pub use care::*;
pub use complaints::*;
pub use compose::*;
pub use contacts::*;
pub use customers::*;
pub use exchange::*;
pub use keys::{text, Key};
pub use numbers::*;
pub use orders::*;
pub use replies::*;
pub use reports::*;
pub use sync::*;
pub use today::*;
pub use value::*;
pub use winback::*;

/// Checks shared by the message tests of every layer.
#[cfg(test)]
pub mod test_support;

#[cfg(test)]
mod tests;

#[cfg(test)]
mod glossary_tests;

#[cfg(test)]
mod sentence_tests;

#[cfg(test)]
mod today_tests;
