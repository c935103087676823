//! The timeline with its contact composer, and the follow-up board.

pub mod follow_up_dialogs;
pub mod follow_up_warnings;
pub mod follow_ups;
pub mod reports;
pub mod timeline;
