//! The value analysis, its charts, and the costs to serve on a record.

pub mod analysis;
pub mod badge;
pub mod charts;
pub mod classification;
pub mod costs;
mod tables;
