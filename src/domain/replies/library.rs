//! The reply library: the shipped catalog of scenarios, the shipped texts per
//! language, and the team's edits on top of them.
//!
//! Shipped texts are data files (one per language, fetched on first use); this
//! module only reads them. Edits are append-only records ([`ReplyEdit`]): the
//! current text of a scenario in a language is its latest edit, every earlier
//! version stays, and two tabs (or, later, two teammates) editing at once each add
//! a record instead of overwriting each other's.

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use thiserror::Error;

use super::template::{Template, TemplateProblem};
use crate::domain::shared::sort::sort_stable_by;

coded_enum! {
    /// Where in the sale a scenario belongs (domain §7), plus complaint handling.
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
    #[serde(rename_all = "snake_case")]
    pub enum Phase {
        PreSale = "pre_sale",
        InSale = "in_sale",
        AfterSale = "after_sale",
        Complaint = "complaint",
    }
}

coded_enum! {
    /// The situation in which the reply panel preselects a scenario.
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
    #[serde(rename_all = "snake_case")]
    pub enum Suggestion {
        NoOrders = "no_orders",
        OrderPaid = "order_paid",
        OrderShipped = "order_shipped",
        OrderLate = "order_late",
        OrderDelivered = "order_delivered",
        ComplaintEmotional = "complaint_emotional",
        ComplaintStubborn = "complaint_stubborn",
        ComplaintPrepared = "complaint_prepared",
        StageLost = "stage_lost",
        /// Never preselected: the rep picks it.
        Manual = "manual",
    }
}

coded_enum! {
    /// Which part of the buyer's name a language's greeting uses: the full name
    /// (German "Guten Tag Anna Schmidt"), the given name (English "Hi Anna") or the
    /// family name (Japanese "Schmidt様").
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
    #[serde(rename_all = "snake_case")]
    pub enum NameForm {
        #[default]
        Full = "full",
        Given = "given",
        Family = "family",
    }
}

/// The language every scenario has a shipped text in; the fallback.
pub const FALLBACK_LANGUAGE: &str = "en";

/// A scenario's name, purpose and hint in the rep's interface languages.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct UiText {
    pub en: String,
    pub zh: String,
}

impl UiText {
    /// The same words for both interface languages (what a team lead typed).
    pub fn same(text: &str) -> Self {
        Self {
            en: text.to_owned(),
            zh: text.to_owned(),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Scenario {
    pub id: String,
    pub phase: Phase,
    /// Typed in the panel's filter to jump to the scenario ("track").
    pub shortcut: String,
    pub suggest: Suggestion,
    pub name: UiText,
    pub purpose: UiText,
    pub when: UiText,
    /// Added by the team, not shipped.
    #[serde(skip)]
    pub custom: bool,
}

/// `catalog.json`: the shipped scenarios and the languages that have a text file.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct Catalog {
    pub languages: Vec<String>,
    pub scenarios: Vec<Scenario>,
}

/// `<language>.json`: the shipped texts of one language.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct LanguagePack {
    pub language: String,
    pub name_form: NameForm,
    pub templates: BTreeMap<String, String>,
}

/// Why a shipped data file cannot be used (a broken deploy, not a user mistake).
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum ShippedFileProblem {
    #[error("{file}: not the expected JSON ({detail})")]
    Shape { file: String, detail: String },
    #[error("{file}: template {scenario}: {problem}")]
    Template {
        file: String,
        scenario: String,
        problem: TemplateProblem,
    },
}

const CATALOG_FORMAT: &str = "crm-reply-catalog";
const PACK_FORMAT: &str = "crm-replies";

#[derive(Deserialize)]
struct Versioned {
    format: String,
    version: u32,
}

fn check_format(json: &str, file: &str, format: &str) -> Result<(), ShippedFileProblem> {
    let shape = |detail: String| ShippedFileProblem::Shape {
        file: file.to_owned(),
        detail,
    };
    let head: Versioned = serde_json::from_str(json).map_err(|e| shape(e.to_string()))?;
    if head.format != format || head.version != 1 {
        return Err(shape(format!(
            "format {} version {}, expected {format} version 1",
            head.format, head.version
        )));
    }
    Ok(())
}

impl Catalog {
    pub fn parse(json: &str) -> Result<Self, ShippedFileProblem> {
        check_format(json, "catalog.json", CATALOG_FORMAT)?;
        serde_json::from_str(json).map_err(|e| ShippedFileProblem::Shape {
            file: "catalog.json".into(),
            detail: e.to_string(),
        })
    }
}

impl LanguagePack {
    /// Reads a language file; every template in it must parse.
    pub fn parse(json: &str, file: &str) -> Result<Self, ShippedFileProblem> {
        check_format(json, file, PACK_FORMAT)?;
        let pack: Self = serde_json::from_str(json).map_err(|e| ShippedFileProblem::Shape {
            file: file.to_owned(),
            detail: e.to_string(),
        })?;
        for (scenario, text) in &pack.templates {
            Template::parse(text).map_err(|problem| ShippedFileProblem::Template {
                file: file.to_owned(),
                scenario: scenario.clone(),
                problem,
            })?;
        }
        Ok(pack)
    }
}

/// One change to the library, kept forever (the history of every text).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReplyEdit {
    pub id: String,
    pub at: DateTime<Utc>,
    pub change: ReplyChange,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum ReplyChange {
    /// The team's own text for a scenario in a language.
    Text {
        scenario: String,
        language: String,
        text: String,
    },
    /// Back to the shipped text.
    Reset { scenario: String, language: String },
    /// A scenario the team added (or renamed).
    Scenario {
        scenario: String,
        phase: Phase,
        name: String,
        purpose: String,
        shortcut: String,
    },
    /// Shown in the reply panel or not.
    Enabled { scenario: String, enabled: bool },
}

/// Where the text a rep sees came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Origin {
    Shipped,
    /// Edited by the team on this date.
    Custom(DateTime<Utc>),
}

/// The text to use for a scenario in a language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Resolved {
    pub text: String,
    /// The language of `text`: the one asked for, or [`FALLBACK_LANGUAGE`].
    pub language: String,
    /// True when the asked-for language has no text and English stands in; the
    /// panel says so (never silently).
    pub fell_back: bool,
    pub origin: Origin,
    pub name_form: NameForm,
}

/// A scenario as the team has it now.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ScenarioView {
    pub scenario: Scenario,
    pub enabled: bool,
}

/// The catalog with the team's edits applied. Shipped texts are looked up in the
/// language packs the caller has loaded so far.
#[derive(Debug, Clone, PartialEq)]
pub struct ReplyLibrary {
    catalog: Catalog,
    /// Oldest first; ties broken by id, so every replica orders them alike.
    edits: Vec<ReplyEdit>,
}

/// Lower case, `_` as `-`: the form language codes are compared in.
pub fn normalise_language(tag: &str) -> String {
    tag.trim().replace('_', "-").to_ascii_lowercase()
}

impl ReplyLibrary {
    pub fn new(catalog: Catalog, mut edits: Vec<ReplyEdit>) -> Self {
        sort_stable_by(&mut edits, |a, b| (a.at, &a.id).cmp(&(b.at, &b.id)));
        Self { catalog, edits }
    }

    pub fn catalog(&self) -> &Catalog {
        &self.catalog
    }

    /// Every scenario, shipped ones in catalog order then the team's own, with
    /// renames and the enabled flag applied.
    pub fn scenarios(&self) -> Vec<ScenarioView> {
        let mut views: Vec<ScenarioView> = self
            .catalog
            .scenarios
            .iter()
            .map(|s| ScenarioView {
                scenario: s.clone(),
                enabled: true,
            })
            .collect();
        for edit in &self.edits {
            match &edit.change {
                ReplyChange::Scenario {
                    scenario,
                    phase,
                    name,
                    purpose,
                    shortcut,
                } => {
                    let defined = Scenario {
                        id: scenario.clone(),
                        phase: *phase,
                        shortcut: shortcut.clone(),
                        suggest: Suggestion::Manual,
                        name: UiText::same(name),
                        purpose: UiText::same(purpose),
                        when: UiText::same(""),
                        custom: true,
                    };
                    match views.iter_mut().find(|v| v.scenario.id == *scenario) {
                        // A shipped scenario keeps its suggestion and hint; only the
                        // team's own ones are redefined wholesale.
                        Some(view) if !view.scenario.custom => {
                            view.scenario.name = defined.name;
                            view.scenario.purpose = defined.purpose;
                            view.scenario.shortcut = defined.shortcut;
                        }
                        Some(view) => view.scenario = defined,
                        None => views.push(ScenarioView {
                            scenario: defined,
                            enabled: true,
                        }),
                    }
                }
                ReplyChange::Enabled { scenario, enabled } => {
                    if let Some(view) = views.iter_mut().find(|v| v.scenario.id == *scenario) {
                        view.enabled = *enabled;
                    }
                }
                ReplyChange::Text { .. } | ReplyChange::Reset { .. } => {}
            }
        }
        views
    }

    pub fn scenario(&self, id: &str) -> Option<ScenarioView> {
        self.scenarios().into_iter().find(|v| v.scenario.id == id)
    }

    /// The shipped languages, then any language only the team has written texts in.
    pub fn languages(&self) -> Vec<String> {
        let mut languages = self.catalog.languages.clone();
        for edit in &self.edits {
            if let ReplyChange::Text { language, .. } = &edit.change {
                if !languages.contains(language) {
                    languages.push(language.clone());
                }
            }
        }
        languages
    }

    /// The library language for a buyer's language tag: the tag itself if the
    /// library has it ("pt-br"), else its primary subtag ("pt"); a language the
    /// library lacks comes back as its primary subtag, and resolving it falls back.
    pub fn language_for(&self, buyer_language: &str) -> String {
        let tag = normalise_language(buyer_language);
        let languages = self.languages();
        if languages.contains(&tag) {
            return tag;
        }
        let primary = tag.split('-').next().unwrap_or_default().to_owned();
        if primary.is_empty() {
            FALLBACK_LANGUAGE.to_owned()
        } else {
            primary
        }
    }

    /// Text and reset edits of one scenario in one language, newest first.
    pub fn history(&self, scenario: &str, language: &str) -> Vec<&ReplyEdit> {
        self.edits
            .iter()
            .rev()
            .filter(|edit| match &edit.change {
                ReplyChange::Text {
                    scenario: s,
                    language: l,
                    ..
                }
                | ReplyChange::Reset {
                    scenario: s,
                    language: l,
                } => s == scenario && l == language,
                _ => false,
            })
            .collect()
    }

    /// The team's current text, if its latest change is an edit (not a reset).
    pub fn custom_text(&self, scenario: &str, language: &str) -> Option<(&str, DateTime<Utc>)> {
        match self
            .history(scenario, language)
            .first()
            .map(|e| (&e.change, e.at))
        {
            Some((ReplyChange::Text { text, .. }, at)) => Some((text.as_str(), at)),
            _ => None,
        }
    }

    /// The text in exactly `language` (the team's, else the shipped one), without
    /// falling back.
    pub fn text_in(
        &self,
        scenario: &str,
        language: &str,
        pack: Option<&LanguagePack>,
    ) -> Option<(String, Origin, NameForm)> {
        let name_form = pack.map(|p| p.name_form).unwrap_or_default();
        if let Some((text, at)) = self.custom_text(scenario, language) {
            return Some((text.to_owned(), Origin::Custom(at), name_form));
        }
        pack.filter(|p| p.language == language)
            .and_then(|p| p.templates.get(scenario))
            .map(|text| (text.clone(), Origin::Shipped, name_form))
    }

    /// The text for `scenario` in `language`, or in English with `fell_back` set.
    /// `pack(language)` gives a loaded shipped file.
    pub fn resolve<'p>(
        &self,
        scenario: &str,
        language: &str,
        pack: impl Fn(&str) -> Option<&'p LanguagePack>,
    ) -> Option<Resolved> {
        let found = |lang: &str| self.text_in(scenario, lang, pack(lang));
        if let Some((text, origin, name_form)) = found(language) {
            return Some(Resolved {
                text,
                language: language.to_owned(),
                fell_back: false,
                origin,
                name_form,
            });
        }
        found(FALLBACK_LANGUAGE).map(|(text, origin, name_form)| Resolved {
            text,
            language: FALLBACK_LANGUAGE.to_owned(),
            fell_back: language != FALLBACK_LANGUAGE,
            origin,
            name_form,
        })
    }

    /// The first enabled scenario suggested for `situation`.
    pub fn suggested(&self, situation: Suggestion) -> Option<String> {
        self.scenarios()
            .into_iter()
            .find(|v| v.enabled && v.scenario.suggest == situation)
            .map(|v| v.scenario.id)
    }
}
