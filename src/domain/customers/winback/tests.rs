use super::*;
use crate::domain::customers::CustomerId;
use chrono::{TimeZone, Timelike};

fn at(d: u32, h: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 3, d, h, 0, 0).unwrap()
}

fn customer(owner: &str) -> Customer {
    let mut c = Customer::minimal(CustomerId("c1".into()), "Ana", "ES", at(1, 0));
    c.owner = owner.into();
    c
}

#[test]
fn key_customers_get_all_out_and_the_rest_less() {
    use ValueTier::*;
    let cause = LossCause::Competitor;
    assert_eq!(win_back_effort(Some(Vip), cause), WinBackEffort::AllOut);
    assert_eq!(win_back_effort(Some(Major), cause), WinBackEffort::AllOut);
    assert_eq!(
        win_back_effort(Some(Ordinary), cause),
        WinBackEffort::TryHard
    );
    assert_eq!(win_back_effort(Some(Small), cause), WinBackEffort::LowCost);
    assert_eq!(
        win_back_effort(None, cause),
        WinBackEffort::LowCost,
        "no tier counts as small"
    );
}

#[test]
fn letting_go_means_no_effort_whatever_the_tier() {
    for tier in ValueTier::ALL.map(Some).into_iter().chain([None]) {
        assert_eq!(
            win_back_effort(tier, LossCause::LetGo),
            WinBackEffort::LetGo,
            "{tier:?}"
        );
        assert!(plan_win_back(WinBackEffort::LetGo, at(2, 12), &|_| None).is_empty());
    }
    // Every other cause follows the tier.
    for cause in LossCause::ALL
        .into_iter()
        .filter(|c| *c != LossCause::LetGo)
    {
        assert_eq!(
            win_back_effort(Some(ValueTier::Vip), cause),
            WinBackEffort::AllOut
        );
    }
}

#[test]
fn templates_shrink_with_the_effort() {
    use WinBackStep::*;
    let steps = |e| -> Vec<WinBackStep> { win_back_template(e).iter().map(|t| t.step).collect() };
    assert_eq!(
        steps(WinBackEffort::AllOut),
        [FindCause, RemedyOffer, VisitOrGift, CheckIn]
    );
    assert_eq!(steps(WinBackEffort::TryHard), [AskWhy, ComeBackOffer]);
    assert_eq!(steps(WinBackEffort::LowCost), [LowCostMessage]);
    assert!(steps(WinBackEffort::LetGo).is_empty());
    let all_out = win_back_template(WinBackEffort::AllOut);
    assert_eq!(all_out[0].channel, ContactChannel::Phone, "call first");
    assert_eq!(all_out[0].days_after, 0, "within a day");
    assert_eq!(all_out[3].days_after, 30, "a check-in a month later");
    for effort in WinBackEffort::ALL {
        for t in win_back_template(effort) {
            assert!(
                (5..=480).contains(&t.duration_minutes),
                "{effort:?} {t:?} fits the follow-up form's range"
            );
        }
        let days: Vec<u32> = win_back_template(effort)
            .iter()
            .map(|t| t.days_after)
            .collect();
        assert!(days.windows(2).all(|w| w[0] < w[1]), "{effort:?} in order");
    }
}

#[test]
fn steps_fall_days_after_the_loss_when_the_buyer_is_awake() {
    // A buyer always awake (unknown zone behaves the same): due = loss + days.
    let plan = plan_win_back(WinBackEffort::AllOut, at(2, 12), &|_| Some(12));
    let dues: Vec<DateTime<Utc>> = plan.iter().map(|p| p.due_at).collect();
    assert_eq!(
        dues,
        [
            at(2, 13),
            at(5, 12),
            at(12, 12),
            Utc.with_ymd_and_hms(2026, 4, 1, 12, 0, 0).unwrap()
        ]
    );
    let unknown = plan_win_back(WinBackEffort::AllOut, at(2, 12), &|_| None);
    assert_eq!(unknown.iter().map(|p| p.due_at).collect::<Vec<_>>(), dues);
}

#[test]
fn a_step_due_in_the_buyers_night_moves_to_their_morning() {
    // The buyer is 8 hours ahead of UTC: 22:00 UTC is 06:00 for them.
    let buyer = |t: DateTime<Utc>| Some((t.hour() + 8) % 24);
    let plan = plan_win_back(WinBackEffort::TryHard, at(2, 21), &buyer);
    // 1 day later = 21:00 UTC = 05:00 there → 00:00 UTC = 08:00 there.
    assert_eq!(plan[0].due_at, at(4, 0));
    for p in &plan {
        assert!(!is_night_hour(buyer(p.due_at).unwrap()), "{p:?}");
    }
}

#[test]
fn a_due_time_is_rounded_up_to_the_whole_hour() {
    let odd = Utc.with_ymd_and_hms(2026, 3, 2, 12, 17, 5).unwrap();
    assert_eq!(in_buyer_daytime(odd, &|_| Some(12)), at(2, 13));
    assert_eq!(in_buyer_daytime(at(2, 12), &|_| Some(12)), at(2, 12));
    // A buyer who is never awake (a broken clock) does not loop forever.
    assert_eq!(in_buyer_daytime(at(2, 12), &|_| Some(3)), at(3, 12));
}

#[test]
fn follow_ups_go_to_the_owner_else_to_the_current_rep() {
    let plan = plan_win_back(WinBackEffort::TryHard, at(2, 12), &|_| None);
    let mut n = 0;
    let mut ids = || {
        n += 1;
        format!("f{n}")
    };
    let words = |s: WinBackStep| StepWords {
        purpose: format!("purpose {}", s.code()),
        talking_points: format!("points {}", s.code()),
    };
    let owned = win_back_follow_ups(
        &customer(" Li Wei "),
        &plan,
        "Me",
        at(2, 12),
        &mut ids,
        &words,
    );
    assert_eq!(owned.len(), 2);
    assert!(owned.iter().all(|f| f.rep == "Li Wei"));
    assert!(owned
        .iter()
        .all(|f| f.kind == FollowUpKind::WinBack && f.is_open()));
    assert_eq!(owned[0].id, "f1");
    assert_eq!(owned[0].purpose, "purpose ask_why");
    assert_eq!(owned[0].talking_points, "points ask_why");
    assert_eq!(owned[0].due_at, plan[0].due_at);
    assert_eq!(owned[0].duration_minutes, plan[0].duration_minutes);
    assert_eq!(owned[1].id, "f2");
    let unowned = win_back_follow_ups(&customer("  "), &plan, " Me ", at(2, 12), &mut ids, &words);
    assert!(unowned.iter().all(|f| f.rep == "Me"));
}

#[test]
fn closing_marks_only_this_customers_open_win_back_steps_done() {
    let c = customer("");
    let plan = plan_win_back(WinBackEffort::AllOut, at(2, 12), &|_| None);
    let mut n = 0;
    let mut ids = || {
        n += 1;
        format!("f{n}")
    };
    let mut all = win_back_follow_ups(&c, &plan, "Me", at(2, 12), &mut ids, &|_| {
        StepWords::default()
    });
    all[0].done_at = Some(at(3, 9));
    let mut general = all[1].clone();
    general.id = "general".into();
    general.kind = FollowUpKind::General;
    let mut other = all[1].clone();
    other.id = "other".into();
    other.customer_id = CustomerId("c2".into());
    all.extend([general, other]);
    let closed = close_win_back_steps(&all, &c.id, at(4, 10));
    let ids: Vec<&str> = closed.iter().map(|f| f.id.as_str()).collect();
    assert_eq!(ids, ["f2", "f3", "f4"]);
    assert!(closed.iter().all(|f| f.done_at == Some(at(4, 10))));
}
