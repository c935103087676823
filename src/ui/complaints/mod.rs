//! The complaint wizard (one component per step), the queue and their labels.

mod clock;
mod labels;
pub mod queue;
pub mod wizard;
