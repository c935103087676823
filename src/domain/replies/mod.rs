//! Replies to buyers: the scenario catalog, typed templates, the team's edits,
//! filling a reply from the record and the order, and the translators' file.

mod fill;
mod library;
mod library_file;
mod template;

pub use fill::*;
pub use library::*;
pub use library_file::*;
pub use template::*;

#[cfg(test)]
mod tests;
