//! Complaint handling: the complaint card, its state machine, the four-step handling
//! wizard (listen, record and judge, remedy, follow up), response-time targets, the
//! prioritised queue, and statistics by cause. The acknowledgement texts are reply
//! templates (`domain::replies`, scenarios `complaint_*`).

mod clock;
mod queue;
mod remedy;
mod state;
mod stats;
mod wizard;

pub use clock::*;
pub use queue::*;
pub use remedy::*;
pub use state::*;
pub use stats::*;
pub use wizard::*;

#[cfg(test)]
mod tests;

#[cfg(all(test, not(target_arch = "wasm32")))]
mod fuzz;
