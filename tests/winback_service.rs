//! Loss and win-back through the stage-move use case, natively over the in-memory
//! adapter: a move to Lost needs a cause and saves its win-back plan with the
//! customer; a move out of Lost closes the open steps; a refused move writes nothing.
#![cfg(not(target_arch = "wasm32"))]

mod common;

use chrono::{DateTime, Utc};
use common::block_on;
use common::contract::{at, buyer, follow_up, id};
use crm::domain::contacts::FollowUpKind;
use crm::domain::customers::{
    plan_win_back, win_back_effort, win_back_follow_ups, Customer, LossCause, RelationshipStage,
    StageMoveError, WinBackEffort,
};
use crm::domain::value::ValueTier;
use crm::i18n::{win_back_step_words, Lang};
use crm::services::customers::{move_stage, StageActionError, StageMove};
use crm::storage::memory::MemoryStore;
use crm::storage::prelude::*;
use crm::storage::StoreError;

use RelationshipStage::*;

fn store_with_repeat_buyer(owner: &str) -> (MemoryStore, Customer) {
    let store = MemoryStore::new();
    let mut c = buyer("a");
    c.stage = Repeat;
    c.owner = owner.into();
    block_on(store.insert_customer(&c)).unwrap();
    let seen = block_on(store.get_customer(&id("a"))).unwrap().unwrap();
    (store, seen)
}

fn plan_for(
    customer: &Customer,
    tier: Option<ValueTier>,
    cause: LossCause,
    now: DateTime<Utc>,
    lang: Lang,
) -> Vec<crm::domain::contacts::FollowUp> {
    let steps = plan_win_back(win_back_effort(tier, cause), now, &|_| None);
    let mut n = 0;
    win_back_follow_ups(
        customer,
        &steps,
        "Me",
        now,
        &mut || {
            n += 1;
            format!("wb{n}")
        },
        &|step| win_back_step_words(lang, step, cause),
    )
}

fn to_lost(cause: Option<LossCause>, win_back: Vec<crm::domain::contacts::FollowUp>) -> StageMove {
    StageMove {
        to: Lost,
        reason: "no orders since spring".into(),
        loss_cause: cause,
        win_back,
    }
}

fn back_to(to: RelationshipStage) -> StageMove {
    StageMove {
        to,
        reason: "ordered again".into(),
        loss_cause: None,
        win_back: Vec::new(),
    }
}

#[test]
fn a_key_customer_lost_to_a_competitor_gets_the_all_out_plan_with_the_move() {
    let (store, seen) = store_with_repeat_buyer("Li Wei");
    let now = at(20, 9);
    let plan = plan_for(
        &seen,
        Some(ValueTier::Vip),
        LossCause::Competitor,
        now,
        Lang::En,
    );
    assert_eq!(plan.len(), 4);
    let moved = block_on(move_stage(
        &store,
        &seen,
        &to_lost(Some(LossCause::Competitor), plan.clone()),
        now,
    ))
    .unwrap();
    assert_eq!(moved.customer.stage, Lost);
    let last = moved.customer.stage_history.last().unwrap();
    assert_eq!(last.loss_cause, Some(LossCause::Competitor));
    assert_eq!(moved.planned, plan);
    assert!(moved.closed.is_empty());
    let mut stored = block_on(store.load_follow_ups()).unwrap();
    stored.sort_by(|a, b| a.id.cmp(&b.id));
    assert_eq!(stored, plan);
    assert!(stored
        .iter()
        .all(|f| f.kind == FollowUpKind::WinBack && f.rep == "Li Wei"));
    assert!(stored[0].purpose.starts_with("Win-back: call"));
    assert!(stored[0].talking_points.contains("Lured by a competitor"));
}

#[test]
fn the_plan_is_written_in_the_reps_language() {
    let (_, seen) = store_with_repeat_buyer("");
    let plan = plan_for(
        &seen,
        Some(ValueTier::Ordinary),
        LossCause::ServiceFault,
        at(20, 9),
        Lang::Zh,
    );
    assert_eq!(plan.len(), 2);
    assert!(
        plan[0].purpose.starts_with("客户挽回"),
        "{}",
        plan[0].purpose
    );
    assert!(
        plan.iter().all(|f| f.rep == "Me"),
        "no owner: the current rep"
    );
}

#[test]
fn a_move_to_lost_without_a_cause_is_refused_and_writes_nothing() {
    let (store, seen) = store_with_repeat_buyer("");
    let plan = plan_for(&seen, None, LossCause::Natural, at(20, 9), Lang::En);
    let refused = block_on(move_stage(&store, &seen, &to_lost(None, plan), at(20, 9)));
    assert_eq!(
        refused,
        Err(StageActionError::Rule(StageMoveError::MissingLossCause))
    );
    assert_eq!(block_on(store.get_customer(&id("a"))).unwrap(), Some(seen));
    assert!(block_on(store.load_follow_ups()).unwrap().is_empty());
}

#[test]
fn a_stale_move_to_lost_writes_no_follow_up() {
    let (store, seen) = store_with_repeat_buyer("");
    let mut other_tab = seen.clone();
    other_tab.notes = "edited elsewhere".into();
    block_on(store.save_customer(&other_tab)).unwrap();
    let plan = plan_for(
        &seen,
        Some(ValueTier::Major),
        LossCause::ProductFault,
        at(20, 9),
        Lang::En,
    );
    let stale = block_on(move_stage(
        &store,
        &seen,
        &to_lost(Some(LossCause::ProductFault), plan),
        at(20, 9),
    ));
    assert!(matches!(
        stale,
        Err(StageActionError::Store(StoreError::StaleRevision { .. }))
    ));
    assert!(block_on(store.load_follow_ups()).unwrap().is_empty());
}

#[test]
fn letting_go_plans_nothing() {
    let (store, seen) = store_with_repeat_buyer("");
    let plan = plan_for(
        &seen,
        Some(ValueTier::Vip),
        LossCause::LetGo,
        at(20, 9),
        Lang::En,
    );
    assert!(plan.is_empty());
    assert_eq!(
        win_back_effort(Some(ValueTier::Vip), LossCause::LetGo),
        WinBackEffort::LetGo
    );
    let moved = block_on(move_stage(
        &store,
        &seen,
        &to_lost(Some(LossCause::LetGo), plan),
        at(20, 9),
    ))
    .unwrap();
    assert!(moved.planned.is_empty());
    assert!(block_on(store.load_follow_ups()).unwrap().is_empty());
}

#[test]
fn follow_ups_of_another_customer_or_kind_are_not_planned_with_the_move() {
    let (store, seen) = store_with_repeat_buyer("");
    let mut plan = plan_for(
        &seen,
        Some(ValueTier::Small),
        LossCause::Natural,
        at(20, 9),
        Lang::En,
    );
    plan.push(follow_up("general", "a"));
    let mut foreign = plan[0].clone();
    foreign.id = "foreign".into();
    foreign.customer_id = id("b");
    plan.push(foreign);
    let moved = block_on(move_stage(
        &store,
        &seen,
        &to_lost(Some(LossCause::Natural), plan),
        at(20, 9),
    ))
    .unwrap();
    assert_eq!(moved.planned.len(), 1);
    assert_eq!(block_on(store.load_follow_ups()).unwrap().len(), 1);
}

fn lost_with_plan(store: &MemoryStore, seen: &Customer) -> Customer {
    let plan = plan_for(
        seen,
        Some(ValueTier::Vip),
        LossCause::Competitor,
        at(1, 9),
        Lang::En,
    );
    let moved = block_on(move_stage(
        store,
        seen,
        &to_lost(Some(LossCause::Competitor), plan),
        at(1, 9),
    ))
    .unwrap();
    // The rep already made the first call.
    let mut first = moved.planned[0].clone();
    first.done_at = Some(at(1, 15));
    block_on(store.put_follow_up(&first)).unwrap();
    // Another customer's win-back step and a general follow-up stay open.
    let mut elsewhere = moved.planned[1].clone();
    elsewhere.id = "elsewhere".into();
    elsewhere.customer_id = id("b");
    block_on(store.put_follow_up(&elsewhere)).unwrap();
    block_on(store.put_follow_up(&follow_up("general", "a"))).unwrap();
    moved.customer
}

#[test]
fn winning_back_closes_the_open_steps_in_the_same_save() {
    for to in [Repeat, Loyal, NonCustomer] {
        let (store, seen) = store_with_repeat_buyer("");
        let lost = lost_with_plan(&store, &seen);
        let won = block_on(move_stage(&store, &lost, &back_to(to), at(10, 9))).unwrap();
        assert_eq!(won.customer.stage, to);
        let mut closed: Vec<&str> = won.closed.iter().map(|f| f.id.as_str()).collect();
        closed.sort();
        assert_eq!(closed, ["wb2", "wb3", "wb4"], "{to:?}");
        let all = block_on(store.load_follow_ups()).unwrap();
        let open: Vec<&str> = {
            let mut v: Vec<&str> = all
                .iter()
                .filter(|f| f.is_open())
                .map(|f| f.id.as_str())
                .collect();
            v.sort();
            v
        };
        assert_eq!(open, ["elsewhere", "general"], "{to:?}");
        let first = all.iter().find(|f| f.id == "wb1").unwrap();
        assert_eq!(first.done_at, Some(at(1, 15)), "a done step keeps its time");
    }
}

#[test]
fn a_stale_win_back_closes_nothing() {
    let (store, seen) = store_with_repeat_buyer("");
    let lost = lost_with_plan(&store, &seen);
    let mut other_tab = lost.clone();
    other_tab.notes = "edited elsewhere".into();
    block_on(store.save_customer(&other_tab)).unwrap();
    let stale = block_on(move_stage(&store, &lost, &back_to(Repeat), at(10, 9)));
    assert!(matches!(
        stale,
        Err(StageActionError::Store(StoreError::StaleRevision { .. }))
    ));
    let open = block_on(store.load_follow_ups())
        .unwrap()
        .into_iter()
        .filter(|f| f.is_open())
        .count();
    assert_eq!(open, 5, "wb2, wb3, wb4, elsewhere, general");
}

#[test]
fn a_cause_on_a_win_back_is_refused() {
    let (store, seen) = store_with_repeat_buyer("");
    let lost = lost_with_plan(&store, &seen);
    let mut request = back_to(Repeat);
    request.loss_cause = Some(LossCause::Natural);
    assert_eq!(
        block_on(move_stage(&store, &lost, &request, at(10, 9))),
        Err(StageActionError::Rule(StageMoveError::LossCauseNotAllowed))
    );
}
