//! Replies to buyers: the panel reps use on a record, an order row and in the
//! complaint wizard, and the library page where the team edits the texts.

pub mod library;
pub mod panel;
mod picker;
