//! The customer flow model: where a customer stands in relation to the company and
//! which moves between stages are legitimate.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use thiserror::Error;

coded_enum! {
    /// Relationship stage, ordered by distance from the company.
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
    #[serde(rename_all = "snake_case")]
    pub enum RelationshipStage {
        NonCustomer = "non_customer",
        Potential = "potential",
        Target = "target",
        FirstTime = "first_time",
        Repeat = "repeat",
        Loyal = "loyal",
        Lost = "lost",
    }
}

impl RelationshipStage {
    /// An "actual" customer has bought from us and has not been lost.
    pub fn is_actual(self) -> bool {
        matches!(self, Self::FirstTime | Self::Repeat | Self::Loyal)
    }

    /// The moves the flow model permits from this stage.
    ///
    /// Besides the moves the model names (first purchase, continued buying, loss,
    /// win-back, giving up), a non-customer may become potential and a potential
    /// customer may be qualified as a target: otherwise nobody could ever enter the
    /// funnel from the outside.
    pub fn allowed_moves(self) -> &'static [RelationshipStage] {
        use RelationshipStage::*;
        match self {
            NonCustomer => &[Potential],
            Potential => &[Target, FirstTime, NonCustomer],
            Target => &[FirstTime, NonCustomer],
            FirstTime => &[Repeat, Lost],
            Repeat => &[Loyal, Lost],
            Loyal => &[Lost],
            Lost => &[Repeat, Loyal, NonCustomer],
        }
    }

    pub fn can_move_to(self, to: RelationshipStage) -> bool {
        self.allowed_moves().contains(&to)
    }
}

coded_enum! {
    /// Why a customer was lost (domain: natural, competition, our own fault, or we
    /// let them go), asked when a customer moves to Lost.
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
    #[serde(rename_all = "snake_case")]
    pub enum LossCause {
        /// Moved, closed the business, no longer needs the product.
        Natural = "natural",
        /// Lured away by a competitor.
        Competitor = "competitor",
        /// Our fault: the product.
        ProductFault = "product_fault",
        /// Our fault: service or attitude.
        ServiceFault = "service_fault",
        /// Our fault: late, lost or damaged deliveries.
        LogisticsFault = "logistics_fault",
        /// We let them go on purpose (fraud, bad debt).
        LetGo = "let_go",
        Unknown = "unknown",
    }
}

/// One recorded move between stages. The history is append-only.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StageChange {
    pub from: RelationshipStage,
    pub to: RelationshipStage,
    pub at: DateTime<Utc>,
    pub reason: String,
    /// Set on moves to Lost; older records have none.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub loss_cause: Option<LossCause>,
}

#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum StageMoveError {
    #[error("a customer cannot move from {from:?} to {to:?}")]
    NotAllowed {
        from: RelationshipStage,
        to: RelationshipStage,
    },
    #[error("a stage change needs a reason")]
    MissingReason,
    /// A move to Lost must say why the customer was lost.
    #[error("a move to Lost needs a loss cause")]
    MissingLossCause,
    /// Only a move to Lost has a loss cause.
    #[error("only a move to Lost has a loss cause")]
    LossCauseNotAllowed,
}

/// Validates a proposed move and returns the history entry to append. A move to
/// Lost needs a `loss_cause`; any other move must not have one.
pub fn plan_stage_move(
    from: RelationshipStage,
    to: RelationshipStage,
    reason: &str,
    loss_cause: Option<LossCause>,
    at: DateTime<Utc>,
) -> Result<StageChange, StageMoveError> {
    if !from.can_move_to(to) {
        return Err(StageMoveError::NotAllowed { from, to });
    }
    match (to, loss_cause) {
        (RelationshipStage::Lost, None) => return Err(StageMoveError::MissingLossCause),
        (to, Some(_)) if to != RelationshipStage::Lost => {
            return Err(StageMoveError::LossCauseNotAllowed)
        }
        _ => {}
    }
    let reason = reason.trim();
    if reason.is_empty() {
        return Err(StageMoveError::MissingReason);
    }
    Ok(StageChange {
        from,
        to,
        at,
        reason: reason.to_owned(),
        loss_cause,
    })
}

/// Whether this change won a lost customer back (Lost → repeat or loyal).
pub fn is_win_back(change: &StageChange) -> bool {
    change.from == RelationshipStage::Lost
        && matches!(
            change.to,
            RelationshipStage::Repeat | RelationshipStage::Loyal
        )
}

#[cfg(test)]
mod tests {
    use super::RelationshipStage::*;
    use super::*;
    use chrono::TimeZone;

    /// The README's stage table, read from the README itself, so the documented rule
    /// and the code cannot drift apart: every one of the 7 × 7 pairs is checked.
    #[test]
    fn every_stage_pair_matches_the_readme_table() {
        let readme = include_str!("../../../README.md");
        let name = |text: &str| -> Option<RelationshipStage> {
            let text = text.trim();
            let text = text.split(" (").next().unwrap_or(text);
            match text {
                "non-customer" => Some(NonCustomer),
                "potential" => Some(Potential),
                "target" => Some(Target),
                "first-time buyer" => Some(FirstTime),
                "repeat buyer" => Some(Repeat),
                "loyal" => Some(Loyal),
                "lost" => Some(Lost),
                _ => None,
            }
        };
        let mut documented = std::collections::BTreeSet::new();
        let mut rows = 0;
        for line in readme
            .lines()
            .skip_while(|l| !l.starts_with("| from | allowed moves |"))
        {
            let cells: Vec<&str> = line.trim_matches('|').split('|').collect();
            if !line.starts_with('|') {
                break;
            }
            let (Some(from), Some(moves)) = (cells.first().and_then(|c| name(c)), cells.get(1))
            else {
                continue;
            };
            rows += 1;
            for to in moves.split(',') {
                let to = name(to).unwrap_or_else(|| panic!("unknown stage in README: {to}"));
                documented.insert((from, to));
            }
        }
        assert_eq!(rows, 7, "the README table has a row per stage");
        for from in RelationshipStage::ALL {
            for to in RelationshipStage::ALL {
                assert_eq!(
                    from.can_move_to(to),
                    documented.contains(&(from, to)),
                    "{from:?} -> {to:?}"
                );
                let cause = (to == Lost).then_some(LossCause::Natural);
                let planned = plan_stage_move(from, to, "because", cause, noon());
                assert_eq!(
                    planned.is_ok(),
                    documented.contains(&(from, to)),
                    "{from:?} -> {to:?}"
                );
            }
        }
    }

    fn noon() -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 3, 1, 12, 0, 0).unwrap()
    }

    #[test]
    fn first_purchase_moves_prospects_to_first_time() {
        assert!(Potential.can_move_to(FirstTime));
        assert!(Target.can_move_to(FirstTime));
    }

    #[test]
    fn continued_buying_climbs_one_step_at_a_time() {
        assert!(FirstTime.can_move_to(Repeat));
        assert!(Repeat.can_move_to(Loyal));
        assert!(
            !FirstTime.can_move_to(Loyal),
            "loyalty is earned through repeat purchases"
        );
    }

    #[test]
    fn any_actual_customer_can_be_lost_but_prospects_cannot() {
        for stage in RelationshipStage::ALL {
            assert_eq!(stage.can_move_to(Lost), stage.is_actual(), "{stage:?}");
        }
    }

    #[test]
    fn lost_customers_are_won_back_or_given_up() {
        assert_eq!(Lost.allowed_moves(), &[Repeat, Loyal, NonCustomer]);
        assert!(!Lost.can_move_to(FirstTime));
    }

    #[test]
    fn no_stage_moves_to_itself() {
        for stage in RelationshipStage::ALL {
            assert!(!stage.can_move_to(stage), "{stage:?}");
        }
    }

    #[test]
    fn illegal_move_is_rejected_with_both_stages_named() {
        assert_eq!(
            plan_stage_move(NonCustomer, Loyal, "big order", None, noon()),
            Err(StageMoveError::NotAllowed {
                from: NonCustomer,
                to: Loyal
            })
        );
    }

    #[test]
    fn move_without_reason_is_rejected() {
        assert_eq!(
            plan_stage_move(Repeat, Loyal, "   ", None, noon()),
            Err(StageMoveError::MissingReason)
        );
    }

    #[test]
    fn legal_move_records_date_and_trimmed_reason() {
        let change = plan_stage_move(Repeat, Loyal, " 5th order this year ", None, noon()).unwrap();
        assert_eq!(change.from, Repeat);
        assert_eq!(change.to, Loyal);
        assert_eq!(change.at, noon());
        assert_eq!(change.reason, "5th order this year");
    }

    #[test]
    fn a_move_to_lost_needs_a_cause_and_keeps_it() {
        assert_eq!(
            plan_stage_move(Repeat, Lost, "no orders", None, noon()),
            Err(StageMoveError::MissingLossCause)
        );
        let change = plan_stage_move(
            Repeat,
            Lost,
            "no orders",
            Some(LossCause::Competitor),
            noon(),
        )
        .unwrap();
        assert_eq!(change.loss_cause, Some(LossCause::Competitor));
    }

    #[test]
    fn only_a_move_to_lost_has_a_cause() {
        for to in [Repeat, Loyal, NonCustomer] {
            assert_eq!(
                plan_stage_move(Lost, to, "back", Some(LossCause::Natural), noon()),
                Err(StageMoveError::LossCauseNotAllowed),
                "{to:?}"
            );
            assert!(plan_stage_move(Lost, to, "back", None, noon()).is_ok());
        }
    }

    #[test]
    fn only_lost_to_repeat_or_loyal_is_a_win_back() {
        for from in RelationshipStage::ALL {
            for to in from.allowed_moves() {
                let cause = (*to == Lost).then_some(LossCause::Unknown);
                let change = plan_stage_move(from, *to, "x", cause, noon()).unwrap();
                assert_eq!(
                    is_win_back(&change),
                    from == Lost && matches!(to, Repeat | Loyal),
                    "{from:?} -> {to:?}"
                );
            }
        }
    }

    #[test]
    fn codes_round_trip() {
        for stage in RelationshipStage::ALL {
            assert_eq!(RelationshipStage::from_code(stage.code()), Some(stage));
        }
        assert_eq!(RelationshipStage::from_code("vip"), None);
    }
}
