//! Checks shared by the message tests of every layer.

use super::Lang;

/// Runs of three or more ASCII letters that are not in `allowed` (ids, store
/// names, currency codes, exception names: data the rep may need to quote). In a
/// Chinese message anything else is untranslated English.
pub fn foreign_words(message: &str, allowed: &[&str]) -> Vec<String> {
    let has_letter_run = |word: &str| {
        word.split(|c: char| !c.is_ascii_alphabetic())
            .any(|run| run.len() >= 3)
    };
    message
        .split(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
        .filter(|word| has_letter_run(word) && !allowed.contains(word))
        .map(str::to_owned)
        .collect()
}

/// The message is a finished sentence whose last sentence tells the rep what to
/// do: in Chinese it asks (请…), in English it starts with an imperative verb.
pub fn ends_with_next_step(lang: Lang, message: &str) -> bool {
    const VERBS: &[&str] = &[
        "Choose",
        "Use",
        "Update",
        "Reload",
        "Try",
        "Copy",
        "Enter",
        "Type",
        "Raise",
        "Lower",
        "Go",
        "Close",
        "Free",
        "Check",
        "Open",
        "Restore",
        "Allow",
        "Give",
        "Correct",
        "Pick",
        "Plan",
        "Fill",
        "Shorten",
        "Clear",
        "Remove",
        "Write",
        "Disconnect",
    ];
    let message = message.trim();
    match lang {
        Lang::Zh => {
            let body = message.split("（技术信息").next().unwrap_or(message);
            let body = body.trim_end_matches(['。', '）', ')']);
            let last = body.rsplit(['。']).next().unwrap_or(body);
            message.ends_with(['。', '）']) && last.contains('请')
        }
        Lang::En => {
            let body = message.trim_end_matches(['.', ')']);
            // The last sentence, or the one before a trailing "(Technical detail: …)".
            let body = body.split(" (Technical detail").next().unwrap_or(body);
            let last = body.rsplit(". ").next().unwrap_or(body);
            let starts_with_verb = |clause: &str| {
                let clause = clause.trim_start().to_lowercase();
                VERBS
                    .iter()
                    .any(|verb| clause.starts_with(&verb.to_lowercase()))
            };
            message.ends_with(['.', ')']) && last.split([':', ';']).any(starts_with_verb)
        }
    }
}
