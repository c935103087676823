//! Keeping the relationship: the contact log ("visit history card"), planned
//! follow-ups with conflict warnings and a due board, and the customer's timeline.
//!
//! Times are stored in UTC. Reps type local times in *their* zone (`rep_offset`),
//! while quiet hours are judged in the *customer's* zone, so both offsets appear here
//! and must not be mixed up.

mod follow_ups;
mod log;
mod quick_log;
mod report;
mod timeline;

pub use follow_ups::*;
pub use log::*;
pub use quick_log::*;
pub use report::*;
pub use timeline::*;

pub const MAX_REP_CHARS: usize = 100;
pub const MAX_SUMMARY_CHARS: usize = 2_000;
pub const MAX_NOTE_CHARS: usize = 1_000;
pub const MAX_PURPOSE_CHARS: usize = 500;
pub const DEFAULT_DURATION_MINUTES: u32 = 30;
pub const MIN_DURATION_MINUTES: u32 = 5;
pub const MAX_DURATION_MINUTES: u32 = 480;
/// Clocks on reps' machines drift, and a rep may type the minute a call ends; a
/// little slack keeps honest logs from being rejected as "in the future".
pub const FUTURE_TOLERANCE_MINUTES: i64 = 5;

#[cfg(test)]
mod tests;

#[cfg(test)]
mod report_tests;

#[cfg(all(test, not(target_arch = "wasm32")))]
mod fuzz;
