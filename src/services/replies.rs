//! Replies: the team's library edits, the translators' file, and sending a reply
//! (log the contact; undo takes it back).

use chrono::{DateTime, Utc};
use thiserror::Error;

use crate::domain::contacts::{Contact, ContactChannel, Direction};
use crate::domain::customers::Customer;
use crate::domain::replies::{
    read_library_file, valid_code, Catalog, LanguagePack, LibraryFileProblem, Phase, ReplyChange,
    ReplyEdit, ReplyLibrary, Template, TemplateProblem,
};
use crate::i18n::{library_file_problem_message, template_problem_message, Lang};
use crate::storage::{store_error_message, ContactStore, ReplyStore, StoreError};

/// Why a library change was not saved.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum ReplyActionError {
    #[error("the text cannot be used: {0}")]
    Template(#[from] TemplateProblem),
    #[error("{0:?} is not a usable language code")]
    BadLanguage(String),
    #[error("there is no scenario {0:?}")]
    UnknownScenario(String),
    #[error("a scenario needs a name")]
    MissingName,
    #[error("the shortcut {0:?} is taken or not a usable code")]
    BadShortcut(String),
    #[error("the library file cannot be read: {0}")]
    File(#[from] LibraryFileProblem),
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// The library with every edit the team has saved.
pub async fn load_reply_library<S: ReplyStore>(
    store: &S,
    catalog: Catalog,
) -> Result<ReplyLibrary, StoreError> {
    Ok(ReplyLibrary::new(catalog, store.load_reply_edits().await?))
}

fn new_edit(change: ReplyChange, now: DateTime<Utc>) -> ReplyEdit {
    ReplyEdit {
        id: uuid::Uuid::new_v4().to_string(),
        at: now,
        change,
    }
}

fn known_scenario(library: &ReplyLibrary, scenario: &str) -> Result<(), ReplyActionError> {
    match library.scenario(scenario) {
        Some(_) => Ok(()),
        None => Err(ReplyActionError::UnknownScenario(scenario.to_owned())),
    }
}

/// Saves the team's text for a scenario in a language. The earlier text stays in
/// the history. A text with a placeholder problem is refused, with its position.
pub async fn save_reply_text<S: ReplyStore>(
    store: &S,
    library: &ReplyLibrary,
    scenario: &str,
    language: &str,
    text: &str,
    now: DateTime<Utc>,
) -> Result<ReplyEdit, ReplyActionError> {
    known_scenario(library, scenario)?;
    let language = crate::domain::replies::normalise_language(language);
    if !valid_code(&language) {
        return Err(ReplyActionError::BadLanguage(language));
    }
    Template::parse(text)?;
    let edit = new_edit(
        ReplyChange::Text {
            scenario: scenario.to_owned(),
            language,
            text: text.to_owned(),
        },
        now,
    );
    store.add_reply_edits(std::slice::from_ref(&edit)).await?;
    Ok(edit)
}

/// Goes back to the shipped text (the team's versions stay in the history).
pub async fn reset_reply_text<S: ReplyStore>(
    store: &S,
    library: &ReplyLibrary,
    scenario: &str,
    language: &str,
    now: DateTime<Utc>,
) -> Result<ReplyEdit, ReplyActionError> {
    known_scenario(library, scenario)?;
    let edit = new_edit(
        ReplyChange::Reset {
            scenario: scenario.to_owned(),
            language: language.to_owned(),
        },
        now,
    );
    store.add_reply_edits(std::slice::from_ref(&edit)).await?;
    Ok(edit)
}

/// Shows or hides a scenario in the reply panel.
pub async fn set_scenario_enabled<S: ReplyStore>(
    store: &S,
    library: &ReplyLibrary,
    scenario: &str,
    enabled: bool,
    now: DateTime<Utc>,
) -> Result<ReplyEdit, ReplyActionError> {
    known_scenario(library, scenario)?;
    let edit = new_edit(
        ReplyChange::Enabled {
            scenario: scenario.to_owned(),
            enabled,
        },
        now,
    );
    store.add_reply_edits(std::slice::from_ref(&edit)).await?;
    Ok(edit)
}

/// A scenario the team adds, as typed in the library form.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewScenario {
    pub phase: Phase,
    pub name: String,
    pub purpose: String,
    pub shortcut: String,
}

/// `name` as a scenario code: lower-case ASCII letters and digits joined by `_`
/// ("Wholesale terms" → "team_wholesale_terms"); names in other scripts get a
/// numbered code. The `team_` prefix keeps the team's codes apart from any
/// scenario a later version ships.
fn scenario_code(name: &str, taken: impl Fn(&str) -> bool) -> String {
    let slug: String = name
        .to_lowercase()
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|part| !part.is_empty())
        .collect::<Vec<_>>()
        .join("_");
    let base: String = format!("team_{slug}").chars().take(34).collect();
    let base = base.trim_end_matches('_').to_owned();
    if !taken(&base) && base != "team" {
        return base;
    }
    (2..)
        .map(|n| format!("{base}_{n}"))
        .find(|code| !taken(code))
        .unwrap_or(base)
}

/// Adds a scenario of the team's own; returns its code.
pub async fn add_scenario<S: ReplyStore>(
    store: &S,
    library: &ReplyLibrary,
    scenario: &NewScenario,
    now: DateTime<Utc>,
) -> Result<String, ReplyActionError> {
    let name = scenario.name.trim();
    if name.is_empty() {
        return Err(ReplyActionError::MissingName);
    }
    let views = library.scenarios();
    let shortcut = scenario.shortcut.trim().to_lowercase();
    let shortcut_taken = views.iter().any(|v| v.scenario.shortcut == shortcut);
    if !shortcut.is_empty() && (!valid_code(&shortcut) || shortcut_taken) {
        return Err(ReplyActionError::BadShortcut(shortcut));
    }
    let code = scenario_code(name, |code| views.iter().any(|v| v.scenario.id == code));
    let edit = new_edit(
        ReplyChange::Scenario {
            scenario: code.clone(),
            phase: scenario.phase,
            name: name.to_owned(),
            purpose: scenario.purpose.trim().to_owned(),
            shortcut,
        },
        now,
    );
    store.add_reply_edits(std::slice::from_ref(&edit)).await?;
    Ok(code)
}

/// Reads a translators' file and saves every change it brings in ONE transaction;
/// a file with any problem saves nothing. Returns how many changes were saved.
pub async fn import_library_file<S: ReplyStore>(
    store: &S,
    library: &ReplyLibrary,
    packs: &[LanguagePack],
    content: &str,
    now: DateTime<Utc>,
) -> Result<usize, ReplyActionError> {
    let changes = read_library_file(content, library, packs)?;
    let edits: Vec<ReplyEdit> = changes.into_iter().map(|c| new_edit(c, now)).collect();
    if !edits.is_empty() {
        store.add_reply_edits(&edits).await?;
    }
    Ok(edits.len())
}

/// A reply that went out, as logged: what *Undo* needs to take it back.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SentReply {
    pub contact: Contact,
    pub previous_last_contact: Option<DateTime<Utc>>,
    pub customer: Customer,
}

/// How a reply was sent, for its contact log entry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReplySent<'a> {
    pub customer: &'a Customer,
    pub channel: ContactChannel,
    pub rep: &'a str,
    /// The scenario's name, as the summary.
    pub scenario_name: &'a str,
    pub complaint_id: Option<&'a str>,
}

/// Logs the copied reply as an outbound contact (one transaction with the
/// customer's last contact).
pub async fn log_reply<S: ContactStore>(
    store: &S,
    sent: &ReplySent<'_>,
    now: DateTime<Utc>,
) -> Result<SentReply, StoreError> {
    let contact = Contact {
        id: uuid::Uuid::new_v4().to_string(),
        customer_id: sent.customer.id.clone(),
        at: now,
        channel: sent.channel,
        direction: Direction::Outbound,
        rep: sent.rep.trim().to_owned(),
        summary: sent.scenario_name.to_owned(),
        outcome: String::new(),
        next_step: String::new(),
        complaint_id: sent.complaint_id.map(str::to_owned),
        satisfaction: None,
        follow_up_id: None,
        review: None,
        occasion: None,
    };
    let customer = store.log_contact(&contact).await?;
    Ok(SentReply {
        contact,
        previous_last_contact: sent.customer.last_contact_at,
        customer,
    })
}

/// Takes a logged reply back; returns the customer as stored now.
pub async fn undo_reply<S: ContactStore>(
    store: &S,
    sent: &SentReply,
) -> Result<Customer, StoreError> {
    store
        .remove_contact(&sent.contact, sent.previous_last_contact)
        .await
}

/// A refused library change in the rep's words, ending with the next step.
pub fn reply_action_error_message(lang: Lang, error: &ReplyActionError) -> String {
    use ReplyActionError as E;
    match (lang, error) {
        (_, E::Template(problem)) => template_problem_message(lang, problem),
        (_, E::File(problem)) => library_file_problem_message(lang, problem),
        (_, E::Store(e)) => store_error_message(lang, e),
        (Lang::En, E::BadLanguage(code)) => format!("“{code}” is not a language code. Type a code such as sv or pt-br."),
        (Lang::En, E::UnknownScenario(_)) => "This scenario no longer exists. Reload the app to see the current library.".into(),
        (Lang::En, E::MissingName) => "A scenario needs a name. Type one.".into(),
        (Lang::En, E::BadShortcut(code)) => format!("The shortcut “{code}” is taken or holds more than lower-case letters, digits, - and _. Choose another."),
        (Lang::Zh, E::BadLanguage(code)) => format!("“{code}”不是语言代码。请输入 sv、pt-br 这样的代码。"),
        (Lang::Zh, E::UnknownScenario(_)) => "该场景已不存在。请刷新应用查看最新的模板库。".into(),
        (Lang::Zh, E::MissingName) => "场景需要名称。请输入名称。".into(),
        (Lang::Zh, E::BadShortcut(code)) => format!("快捷词“{code}”已被占用，或包含小写字母、数字、- 和 _ 以外的字符。请换一个。"),
    }
}

#[cfg(test)]
mod tests {
    use super::scenario_code;

    #[test]
    fn scenario_codes_come_from_names_and_never_collide() {
        let none = |_: &str| false;
        assert_eq!(
            scenario_code("Wholesale terms!", none),
            "team_wholesale_terms"
        );
        assert_eq!(scenario_code("批发条款", none), "team_2");
        let taken = |code: &str| code == "team_vip_gift" || code == "team_vip_gift_2";
        assert_eq!(scenario_code("VIP gift", taken), "team_vip_gift_3");
        let long = scenario_code(&"a".repeat(100), none);
        assert!(long.len() <= 40 && long.starts_with("team_a"), "{long}");
    }
}
