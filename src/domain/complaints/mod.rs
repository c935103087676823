//! Complaint handling: the complaint card, its state machine, the four-step handling
//! wizard (listen, record and judge, remedy, follow up), response-time targets, the
//! prioritised queue, statistics by cause and ready-to-copy acknowledgements.

mod acknowledgement;
mod clock;
mod queue;
mod remedy;
mod state;
mod stats;
mod wizard;

pub use acknowledgement::*;
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
