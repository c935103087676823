//! The reply use cases natively over the in-memory adapter: library edits and
//! their history, the translators' file (all or nothing), and sending a reply
//! (the contact is logged; undo takes it back).
#![cfg(not(target_arch = "wasm32"))]

mod common;

use common::block_on;
use common::contract::{at, buyer, id};
use crm::domain::contacts::{ContactChannel, Direction};
use crm::domain::replies::{
    export_library, Catalog, LanguagePack, LibraryFileProblem, Origin, Phase, ReplyLibrary,
    TemplateProblem,
};
use crm::services::replies::{
    add_scenario, import_library_file, load_reply_library, log_reply, reset_reply_text,
    save_reply_text, set_scenario_enabled, undo_reply, NewScenario, ReplyActionError, ReplySent,
};
use crm::storage::memory::MemoryStore;
use crm::storage::prelude::*;

fn shipped(name: &str) -> String {
    std::fs::read_to_string(format!(
        "{}/static/replies/{name}",
        env!("CARGO_MANIFEST_DIR")
    ))
    .expect("shipped reply file")
}

fn catalog() -> Catalog {
    Catalog::parse(&shipped("catalog.json")).expect("catalog")
}

fn packs() -> Vec<LanguagePack> {
    ["en", "de"]
        .iter()
        .map(|l| {
            let name = format!("{l}.json");
            LanguagePack::parse(&shipped(&name), &name).expect("pack")
        })
        .collect()
}

fn library(store: &MemoryStore) -> ReplyLibrary {
    block_on(load_reply_library(store, catalog())).expect("loads")
}

fn resolve(library: &ReplyLibrary, scenario: &str, language: &str) -> (String, Origin) {
    let packs = packs();
    let r = library
        .resolve(scenario, language, |l| {
            packs.iter().find(|p| p.language == l)
        })
        .expect("a text");
    (r.text, r.origin)
}

#[test]
fn an_edited_text_is_used_keeps_its_history_and_resets_to_shipped() {
    let store = MemoryStore::new();
    let shipped_text = resolve(&library(&store), "shipped_tracking", "de").0;
    let edit = block_on(save_reply_text(
        &store,
        &library(&store),
        "shipped_tracking",
        "DE",
        "Hallo {buyer_name}, {tracking_link}",
        at(3, 9),
    ))
    .expect("saved");
    let lib = library(&store);
    assert_eq!(
        resolve(&lib, "shipped_tracking", "de"),
        (
            "Hallo {buyer_name}, {tracking_link}".to_owned(),
            Origin::Custom(edit.at)
        )
    );
    block_on(reset_reply_text(
        &store,
        &lib,
        "shipped_tracking",
        "de",
        at(4, 9),
    ))
    .expect("reset");
    let lib = library(&store);
    assert_eq!(
        resolve(&lib, "shipped_tracking", "de"),
        (shipped_text, Origin::Shipped)
    );
    assert_eq!(lib.history("shipped_tracking", "de").len(), 2);
}

#[test]
fn a_text_with_an_unknown_placeholder_is_refused_and_nothing_is_saved() {
    let store = MemoryStore::new();
    let refused = block_on(save_reply_text(
        &store,
        &library(&store),
        "win_back",
        "de",
        "Hallo {kunde}",
        at(3, 9),
    ));
    assert_eq!(
        refused,
        Err(ReplyActionError::Template(
            TemplateProblem::UnknownPlaceholder {
                name: "kunde".into(),
                line: 1,
                column: 7
            }
        ))
    );
    let unknown = block_on(save_reply_text(
        &store,
        &library(&store),
        "no_such_scenario",
        "de",
        "Hallo",
        at(3, 9),
    ));
    assert_eq!(
        unknown,
        Err(ReplyActionError::UnknownScenario("no_such_scenario".into()))
    );
    let bad_language = block_on(save_reply_text(
        &store,
        &library(&store),
        "win_back",
        "de DE",
        "Hallo",
        at(3, 9),
    ));
    assert!(matches!(
        bad_language,
        Err(ReplyActionError::BadLanguage(_))
    ));
    assert!(block_on(store.load_reply_edits())
        .expect("reads")
        .is_empty());
}

#[test]
fn the_team_adds_and_disables_scenarios() {
    let store = MemoryStore::new();
    let new = NewScenario {
        phase: Phase::PreSale,
        name: " Wholesale terms ".into(),
        purpose: "Bulk prices".into(),
        shortcut: "Bulk".into(),
    };
    let code = block_on(add_scenario(&store, &library(&store), &new, at(2, 9))).expect("added");
    assert_eq!(code, "team_wholesale_terms");
    let lib = library(&store);
    let view = lib.scenario(&code).expect("listed");
    assert_eq!(
        (
            view.scenario.name.en.as_str(),
            view.scenario.shortcut.as_str()
        ),
        ("Wholesale terms", "bulk")
    );
    // The same shortcut again, or a shortcut a shipped scenario has, is refused.
    for shortcut in ["bulk", "track"] {
        let again = NewScenario {
            shortcut: shortcut.into(),
            ..new.clone()
        };
        assert_eq!(
            block_on(add_scenario(&store, &lib, &again, at(2, 9))),
            Err(ReplyActionError::BadShortcut(shortcut.into()))
        );
    }
    let unnamed = NewScenario {
        name: "  ".into(),
        ..new
    };
    assert_eq!(
        block_on(add_scenario(&store, &lib, &unnamed, at(2, 9))),
        Err(ReplyActionError::MissingName)
    );
    block_on(set_scenario_enabled(
        &store,
        &lib,
        "samples",
        false,
        at(3, 9),
    ))
    .expect("saved");
    assert!(
        !library(&store)
            .scenario("samples")
            .expect("shipped")
            .enabled
    );
}

#[test]
fn a_translators_file_lands_whole_or_not_at_all() {
    let store = MemoryStore::new();
    let packs = packs();
    let lib = library(&store);
    let mut file: serde_json::Value =
        serde_json::from_str(&export_library(&lib, &packs, at(1, 9))).expect("json");
    let texts = file["texts"].as_array_mut().expect("texts");
    let de_win_back = texts
        .iter_mut()
        .find(|t| t["scenario"] == "win_back" && t["language"] == "de")
        .expect("exported");
    de_win_back["text"] = "Neu {buyer_name}".into();
    texts.push(
        serde_json::json!({"scenario": "win_back", "language": "sv", "text": "Hej {buyer_name}"}),
    );
    let good = serde_json::to_string_pretty(&file).expect("json");
    // The same file with one broken template further down saves nothing.
    file["texts"]
        .as_array_mut()
        .expect("texts")
        .push(serde_json::json!({"scenario": "samples", "language": "sv", "text": "Hej {namn}"}));
    let broken = serde_json::to_string_pretty(&file).expect("json");
    let refused = block_on(import_library_file(&store, &lib, &packs, &broken, at(2, 9)));
    assert!(
        matches!(
            &refused,
            Err(ReplyActionError::File(LibraryFileProblem::Template { scenario, language, .. }))
                if scenario == "samples" && language == "sv"
        ),
        "{refused:?}"
    );
    assert!(block_on(store.load_reply_edits())
        .expect("reads")
        .is_empty());

    let saved =
        block_on(import_library_file(&store, &lib, &packs, &good, at(2, 9))).expect("imports");
    assert_eq!(saved, 2);
    let lib = library(&store);
    assert_eq!(resolve(&lib, "win_back", "de").0, "Neu {buyer_name}");
    assert_eq!(resolve(&lib, "win_back", "sv").0, "Hej {buyer_name}");
    // Importing the same file again changes nothing.
    assert_eq!(
        block_on(import_library_file(&store, &lib, &packs, &good, at(3, 9))),
        Ok(0)
    );
}

#[test]
fn a_copied_reply_is_logged_and_undo_takes_it_back() {
    let store = MemoryStore::new();
    let mut customer = buyer("a");
    block_on(store.insert_customer(&customer)).expect("inserted");
    customer = block_on(store.get_customer(&id("a")))
        .expect("reads")
        .expect("stored");
    let sent = block_on(log_reply(
        &store,
        &ReplySent {
            customer: &customer,
            channel: ContactChannel::PlatformMessage,
            rep: " Lena ",
            scenario_name: "Shipped, with tracking",
            complaint_id: None,
        },
        at(5, 9),
    ))
    .expect("logged");
    let logged = block_on(store.contacts_for_customer(&id("a"))).expect("reads");
    assert_eq!(logged.len(), 1);
    assert_eq!(logged[0].summary, "Shipped, with tracking");
    assert_eq!(logged[0].direction, Direction::Outbound);
    assert_eq!(logged[0].channel, ContactChannel::PlatformMessage);
    assert_eq!(logged[0].rep, "Lena");
    assert_eq!(sent.customer.last_contact_at, Some(at(5, 9)));
    let after_undo = block_on(undo_reply(&store, &sent)).expect("undone");
    assert_eq!(after_undo.last_contact_at, customer.last_contact_at);
    assert!(block_on(store.contacts_for_customer(&id("a")))
        .expect("reads")
        .is_empty());
}
