//! The library as a file for translators: every text of every language in one
//! JSON document, exported and read back.
//!
//! Reading is all or nothing: the whole file is checked before a single change is
//! returned, and a problem names the line of the file, the template (scenario and
//! language) and, for a placeholder, its place in the text.

use std::collections::BTreeSet;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use serde_json::value::RawValue;
use thiserror::Error;

use super::library::{normalise_language, LanguagePack, Phase, ReplyChange, ReplyLibrary};
use super::template::{Template, TemplateProblem};

pub const LIBRARY_FILE_FORMAT: &str = "crm-reply-library";

/// Scenario and language codes: short, lower-case ASCII, so they are safe as keys,
/// file names and `lang` attributes.
pub fn valid_code(code: &str) -> bool {
    (1..=40).contains(&code.len())
        && code
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_' || b == b'-')
}

#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum LibraryFileProblem {
    #[error("line {line}, column {column}: not valid JSON ({detail})")]
    NotJson {
        line: usize,
        column: usize,
        detail: String,
    },
    #[error("this is not a reply library file (format {found:?})")]
    NotALibraryFile { found: String },
    #[error(
        "line {line}: {what} {code:?} is not a valid code (lower-case letters, digits, - and _)"
    )]
    BadCode {
        line: usize,
        what: &'static str,
        code: String,
    },
    #[error("line {line}: template {scenario} / {language}: scenario {scenario:?} is neither shipped nor defined in the file")]
    UnknownScenario {
        line: usize,
        scenario: String,
        language: String,
    },
    #[error("line {line}: template {scenario} / {language} appears twice")]
    Repeated {
        line: usize,
        scenario: String,
        language: String,
    },
    #[error("line {line}: template {scenario} / {language}: {problem}")]
    Template {
        line: usize,
        scenario: String,
        language: String,
        problem: TemplateProblem,
    },
}

#[derive(Serialize, Deserialize)]
struct ScenarioEntry {
    id: String,
    phase: Phase,
    name: String,
    #[serde(default)]
    purpose: String,
    #[serde(default)]
    shortcut: String,
}

#[derive(Serialize)]
struct TextEntry<'a> {
    scenario: &'a str,
    language: &'a str,
    text: &'a str,
}

#[derive(Serialize)]
struct FileOut<'a> {
    format: &'static str,
    version: u32,
    exported_at: String,
    /// The team's own scenarios (shipped ones need no definition).
    scenarios: Vec<ScenarioEntry>,
    disabled: Vec<String>,
    texts: Vec<TextEntry<'a>>,
}

/// The file: every scenario's current text in every language that has one
/// (without English stand-ins, so a translator sees what is really missing).
pub fn export_library(
    library: &ReplyLibrary,
    packs: &[LanguagePack],
    now: DateTime<Utc>,
) -> String {
    let views = library.scenarios();
    let languages = library.languages();
    let texts: Vec<(String, String, String)> = views
        .iter()
        .flat_map(|view| {
            languages.iter().filter_map(|language| {
                let pack = packs.iter().find(|p| &p.language == language);
                library
                    .text_in(&view.scenario.id, language, pack)
                    .map(|(text, _, _)| (view.scenario.id.clone(), language.clone(), text))
            })
        })
        .collect();
    let file = FileOut {
        format: LIBRARY_FILE_FORMAT,
        version: 1,
        exported_at: now.to_rfc3339(),
        scenarios: views
            .iter()
            .filter(|v| v.scenario.custom)
            .map(|v| ScenarioEntry {
                id: v.scenario.id.clone(),
                phase: v.scenario.phase,
                name: v.scenario.name.en.clone(),
                purpose: v.scenario.purpose.en.clone(),
                shortcut: v.scenario.shortcut.clone(),
            })
            .collect(),
        disabled: views
            .iter()
            .filter(|v| !v.enabled)
            .map(|v| v.scenario.id.clone())
            .collect(),
        texts: texts
            .iter()
            .map(|(scenario, language, text)| TextEntry {
                scenario,
                language,
                text,
            })
            .collect(),
    };
    // Serialising plain strings and enums cannot fail.
    serde_json::to_string_pretty(&file).unwrap_or_default()
}

#[derive(Deserialize)]
struct Head {
    #[serde(default)]
    format: String,
}

#[derive(Deserialize)]
struct FileIn<'a> {
    #[serde(borrow, default)]
    scenarios: Vec<&'a RawValue>,
    #[serde(default)]
    disabled: Vec<String>,
    #[serde(borrow, default)]
    texts: Vec<TextIn<'a>>,
}

#[derive(Deserialize)]
struct TextIn<'a> {
    scenario: String,
    language: String,
    #[serde(borrow)]
    text: &'a RawValue,
}

/// The 1-based line of `part`, a slice of `whole`.
fn line_of(whole: &str, part: &str) -> usize {
    let offset = (part.as_ptr() as usize).saturating_sub(whole.as_ptr() as usize);
    whole
        .get(..offset.min(whole.len()))
        .map_or(1, |before| before.matches('\n').count() + 1)
}

/// The changes that make the library match the file: texts that differ from what
/// the team has now (a text equal to the shipped one becomes a reset), scenario
/// definitions, and the enabled flags. `packs` must hold every shipped language,
/// so an unchanged shipped text is not stored again as a copy.
pub fn read_library_file(
    content: &str,
    library: &ReplyLibrary,
    packs: &[LanguagePack],
) -> Result<Vec<ReplyChange>, LibraryFileProblem> {
    let content = content.strip_prefix('\u{feff}').unwrap_or(content);
    let not_json = |e: serde_json::Error| LibraryFileProblem::NotJson {
        line: e.line(),
        column: e.column(),
        detail: e.to_string(),
    };
    let head: Head = serde_json::from_str(content).map_err(not_json)?;
    if head.format != LIBRARY_FILE_FORMAT {
        return Err(LibraryFileProblem::NotALibraryFile { found: head.format });
    }
    let file: FileIn = serde_json::from_str(content).map_err(not_json)?;
    let mut changes = Vec::new();
    let views = library.scenarios();
    let mut known: BTreeSet<String> = views.iter().map(|v| v.scenario.id.clone()).collect();
    for raw in &file.scenarios {
        let line = line_of(content, raw.get());
        let entry: ScenarioEntry =
            serde_json::from_str(raw.get()).map_err(|e| LibraryFileProblem::NotJson {
                line,
                column: e.column(),
                detail: e.to_string(),
            })?;
        if !valid_code(&entry.id) {
            return Err(LibraryFileProblem::BadCode {
                line,
                what: "scenario",
                code: entry.id.clone(),
            });
        }
        known.insert(entry.id.clone());
        let current = views.iter().find(|v| v.scenario.id == entry.id);
        let unchanged = current.is_some_and(|v| {
            v.scenario.phase == entry.phase
                && v.scenario.name.en == entry.name
                && v.scenario.purpose.en == entry.purpose
                && v.scenario.shortcut == entry.shortcut
        });
        if !unchanged {
            changes.push(ReplyChange::Scenario {
                scenario: entry.id.clone(),
                phase: entry.phase,
                name: entry.name.clone(),
                purpose: entry.purpose.clone(),
                shortcut: entry.shortcut.clone(),
            });
        }
    }
    let mut seen = BTreeSet::new();
    for entry in &file.texts {
        let line = line_of(content, entry.text.get());
        let language = normalise_language(&entry.language);
        for (what, code) in [("scenario", &entry.scenario), ("language", &language)] {
            if !valid_code(code) {
                return Err(LibraryFileProblem::BadCode {
                    line,
                    what,
                    code: code.clone(),
                });
            }
        }
        let scenario = entry.scenario.clone();
        if !known.contains(&scenario) {
            return Err(LibraryFileProblem::UnknownScenario {
                line,
                scenario,
                language,
            });
        }
        if !seen.insert((scenario.clone(), language.clone())) {
            return Err(LibraryFileProblem::Repeated {
                line,
                scenario,
                language,
            });
        }
        let text: String = serde_json::from_str(entry.text.get()).map_err(not_json)?;
        let template_problem = |problem| LibraryFileProblem::Template {
            line,
            scenario: scenario.clone(),
            language: language.clone(),
            problem,
        };
        Template::parse(&text).map_err(template_problem)?;
        let pack = packs.iter().find(|p| p.language == language);
        let shipped = pack.and_then(|p| p.templates.get(&scenario));
        let current = library
            .text_in(&scenario, &language, pack)
            .map(|(t, _, _)| t);
        if current.as_deref() == Some(text.as_str()) {
            continue;
        }
        changes.push(if shipped == Some(&text) {
            ReplyChange::Reset { scenario, language }
        } else {
            ReplyChange::Text {
                scenario,
                language,
                text,
            }
        });
    }
    for view in &views {
        let disabled = file.disabled.contains(&view.scenario.id);
        if disabled == view.enabled {
            changes.push(ReplyChange::Enabled {
                scenario: view.scenario.id.clone(),
                enabled: !disabled,
            });
        }
    }
    Ok(changes)
}
