//! Grouping the facts by customer a slice at a time, so a million of them are
//! grouped without holding the page: the counting sort of
//! [`OrderFacts::group_by_customer`] cut into steps that each touch at most a given
//! number of facts, with the caller's pause between them.
//!
//! The one-shot grouping is these same steps run back to back, so there is one
//! implementation and a stepped result can never differ from the one-shot result.

use std::future::Future;

use super::{Fact, OrderFacts};
use crate::domain::shared::sort::sort_stable_by;

/// Facts handled between two pauses while grouping. In the browser the whole
/// grouping of a million facts was one task of about 220 ms over four passes, so a
/// tenth of them keeps each step near 10 ms, leaving room for slower machines.
pub const FACTS_PER_GROUPING_STEP: usize = 100_000;

/// A grouping under way ([`OrderFacts::grouping_steps`]).
#[derive(Debug)]
pub struct GroupingSteps {
    facts: OrderFacts,
    stage: Stage,
}

/// `starts[c]..starts[c + 1]` is customer `c`'s place in the grouped facts once
/// the counting is done; while counting, `starts[c + 1]` is customer `c`'s count.
#[derive(Debug)]
enum Stage {
    Count {
        starts: Vec<usize>,
        counted: usize,
    },
    /// The copy the facts are scattered into, filled a slice at a time beforehand
    /// (every slot is overwritten by the scatter; safe Rust needs a value in it).
    Fill {
        starts: Vec<usize>,
        grouped: Vec<Fact>,
    },
    /// `next[c]` is where customer `c`'s next fact goes.
    Scatter {
        starts: Vec<usize>,
        next: Vec<usize>,
        grouped: Vec<Fact>,
        copied: usize,
    },
    SortDays {
        starts: Vec<usize>,
        grouped: Vec<Fact>,
        customer: usize,
    },
    Done,
}

impl OrderFacts {
    /// Starts grouping the facts by customer; see [`GroupingSteps::step`].
    pub fn grouping_steps(self) -> GroupingSteps {
        let stage = if self.facts.is_empty() {
            Stage::Done
        } else {
            Stage::Count {
                starts: vec![0; self.customers.len() + 1],
                counted: 0,
            }
        };
        let mut steps = GroupingSteps { facts: self, stage };
        if matches!(steps.stage, Stage::Done) {
            steps.facts.grouped = true;
        }
        steps
    }
}

/// The end of the slice of `len` items that starts at `start`: at least one item,
/// at most `per_step`.
fn slice_end(start: usize, per_step: usize, len: usize) -> usize {
    start.saturating_add(per_step.max(1)).min(len)
}

impl GroupingSteps {
    /// Does the next slice of the grouping, touching at most `facts_per_step` facts
    /// (at least one); true once the facts are grouped. Facts numbering a customer
    /// outside the table cannot come from our own writers: they are then grouped by
    /// a comparison sort in the step that finds them, slower but still grouped.
    pub fn step(&mut self, facts_per_step: usize) -> bool {
        let facts = &self.facts.facts;
        self.stage = match std::mem::replace(&mut self.stage, Stage::Done) {
            Stage::Count {
                mut starts,
                counted,
            } => {
                let end = slice_end(counted, facts_per_step, facts.len());
                let mut in_table = true;
                for fact in &facts[counted..end] {
                    match starts.get_mut(fact.customer as usize + 1) {
                        Some(count) => *count += 1,
                        None => {
                            in_table = false;
                            break;
                        }
                    }
                }
                if !in_table {
                    sort_stable_by(&mut self.facts.facts, |a, b| {
                        (a.customer, a.placed_on).cmp(&(b.customer, b.placed_on))
                    });
                    Stage::Done
                } else if end < facts.len() {
                    Stage::Count {
                        starts,
                        counted: end,
                    }
                } else {
                    for c in 1..starts.len() {
                        starts[c] += starts[c - 1];
                    }
                    Stage::Fill {
                        starts,
                        grouped: Vec::with_capacity(facts.len()),
                    }
                }
            }
            Stage::Fill {
                starts,
                mut grouped,
            } => {
                let end = slice_end(grouped.len(), facts_per_step, facts.len());
                let filler = facts[0];
                grouped.resize(end, filler);
                if end < facts.len() {
                    Stage::Fill { starts, grouped }
                } else {
                    Stage::Scatter {
                        next: starts.clone(),
                        starts,
                        grouped,
                        copied: 0,
                    }
                }
            }
            Stage::Scatter {
                starts,
                mut next,
                mut grouped,
                copied,
            } => {
                let end = slice_end(copied, facts_per_step, facts.len());
                // Reading in order keeps each customer's facts in their stored order,
                // so the day sorts below (stable) keep equal days in that order too.
                for fact in &facts[copied..end] {
                    let slot = &mut next[fact.customer as usize];
                    grouped[*slot] = *fact;
                    *slot += 1;
                }
                if end < facts.len() {
                    Stage::Scatter {
                        starts,
                        next,
                        grouped,
                        copied: end,
                    }
                } else {
                    Stage::SortDays {
                        starts,
                        grouped,
                        customer: 0,
                    }
                }
            }
            Stage::SortDays {
                starts,
                mut grouped,
                mut customer,
            } => {
                let customers = starts.len() - 1;
                let mut touched = 0usize;
                // A customer without facts still costs a look: counted as one, so a
                // table of many deleted customers is also walked in slices.
                while customer < customers && touched < facts_per_step.max(1) {
                    let run = &mut grouped[starts[customer]..starts[customer + 1]];
                    run.sort_by_key(|f| f.placed_on);
                    touched += run.len().max(1);
                    customer += 1;
                }
                if customer < customers {
                    Stage::SortDays {
                        starts,
                        grouped,
                        customer,
                    }
                } else {
                    self.facts.facts = grouped;
                    Stage::Done
                }
            }
            Stage::Done => Stage::Done,
        };
        let done = matches!(self.stage, Stage::Done);
        if done {
            self.facts.grouped = true;
        }
        done
    }

    /// The grouped facts; whatever steps remain run now, at once.
    pub fn finish(mut self) -> OrderFacts {
        while !self.step(usize::MAX) {}
        self.facts
    }
}

/// The facts grouped by customer with a `pause` after every step of at most
/// `facts_per_step` facts (the page passes [`FACTS_PER_GROUPING_STEP`] and its
/// next task), the same result as [`OrderFacts::group_by_customer`].
pub async fn group_in_steps<P: Future<Output = ()>>(
    facts: OrderFacts,
    facts_per_step: usize,
    pause: impl Fn() -> P,
) -> OrderFacts {
    let mut steps = facts.grouping_steps();
    while !steps.step(facts_per_step) {
        pause().await;
    }
    steps.finish()
}

#[cfg(test)]
#[path = "grouping_tests.rs"]
mod tests;
