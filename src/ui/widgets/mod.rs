//! Small pieces every screen shares: labelled fields, the file picker, the confirm
//! dialog, downloads.

pub mod confirm;
pub mod download;
pub mod field;
pub mod file_picker;
pub mod shortcuts;
