//! The shipped greeting texts (`static/care/greetings.json`): one short text per
//! greeting kind in each reply language, with `{name}` and `{occasion}`.

use std::collections::BTreeMap;

use serde::Deserialize;

use super::calendar::{CareFileProblem, GreetingKind, CARE_FILE_VERSION, GREETINGS_FORMAT};

/// The placeholders a greeting may hold.
pub const GREETING_PLACEHOLDERS: [&str; 2] = ["name", "occasion"];
/// The language every other one falls back to.
pub const FALLBACK_LANGUAGE: &str = "en";

#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
struct GreetingsFile {
    format: String,
    version: u32,
    languages: Vec<String>,
    kinds: Vec<GreetingKind>,
    greetings: BTreeMap<String, BTreeMap<GreetingKind, String>>,
}

/// The parsed greetings, complete for every language and kind.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Greetings {
    pub languages: Vec<String>,
    texts: BTreeMap<String, BTreeMap<GreetingKind, String>>,
}

/// A greeting ready to copy.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Greeting {
    pub text: String,
    /// The language of `text` (a BCP 47 primary subtag).
    pub language: String,
    /// True when the buyer's language has no greetings and English is shown.
    pub fallback: bool,
}

/// The primary language subtag, lower case: "pt-BR" → "pt".
pub fn base_language(tag: &str) -> String {
    tag.trim()
        .split(['-', '_'])
        .next()
        .unwrap_or_default()
        .to_ascii_lowercase()
}

impl Greetings {
    pub fn parse(json: &str, file: &str) -> Result<Self, CareFileProblem> {
        let parsed: GreetingsFile =
            serde_json::from_str(json).map_err(|e| CareFileProblem::shape(file, &e))?;
        if parsed.format != GREETINGS_FORMAT || parsed.version != CARE_FILE_VERSION {
            return Err(CareFileProblem::Format {
                file: file.to_owned(),
                found: parsed.format,
                version: parsed.version,
                expected: GREETINGS_FORMAT.to_owned(),
            });
        }
        if !parsed.languages.iter().any(|l| l == FALLBACK_LANGUAGE) {
            return Err(CareFileProblem::content(
                file,
                "languages".into(),
                "English, the fallback, is missing",
            ));
        }
        for language in &parsed.languages {
            let Some(texts) = parsed.greetings.get(language) else {
                return Err(CareFileProblem::content(
                    file,
                    format!("greetings.{language}"),
                    "a listed language has no greetings",
                ));
            };
            for kind in GreetingKind::ALL {
                let place = format!("greetings.{language}.{}", kind.code());
                let Some(text) = texts.get(&kind) else {
                    return Err(CareFileProblem::content(file, place, "missing"));
                };
                if let Some(bad) = unknown_placeholder(text) {
                    return Err(CareFileProblem::content(
                        file,
                        place,
                        format!("unknown placeholder {{{bad}}}"),
                    ));
                }
                if !text.contains("{name}") {
                    return Err(CareFileProblem::content(
                        file,
                        place,
                        "no {name} in the text",
                    ));
                }
            }
        }
        Ok(Self {
            languages: parsed.languages,
            texts: parsed.greetings,
        })
    }

    /// The greeting of `kind` in the buyer's `language` (English when the app ships
    /// none in it), with the buyer's name and the occasion filled in.
    pub fn greeting(
        &self,
        language: &str,
        kind: GreetingKind,
        name: &str,
        occasion: &str,
    ) -> Greeting {
        let wanted = base_language(language);
        let (language, texts, fallback) = match self.texts.get(&wanted) {
            Some(texts) => (wanted, texts, false),
            None => match self.texts.get(FALLBACK_LANGUAGE) {
                Some(texts) => (FALLBACK_LANGUAGE.to_owned(), texts, true),
                None => {
                    return Greeting {
                        text: String::new(),
                        language: FALLBACK_LANGUAGE.to_owned(),
                        fallback: true,
                    }
                }
            },
        };
        let text = texts
            .get(&kind)
            .map(|t| {
                t.replace("{name}", name.trim())
                    .replace("{occasion}", occasion.trim())
            })
            .unwrap_or_default();
        Greeting {
            text,
            language,
            fallback,
        }
    }
}

/// The first `{…}` in `text` that is not a known placeholder.
fn unknown_placeholder(text: &str) -> Option<String> {
    let mut rest = text;
    while let Some(start) = rest.find('{') {
        let after = &rest[start + 1..];
        let end = after.find('}')?;
        let name = &after[..end];
        if !GREETING_PLACEHOLDERS.contains(&name) {
            return Some(name.to_owned());
        }
        rest = &after[end + 1..];
    }
    None
}
