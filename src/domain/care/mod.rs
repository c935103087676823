//! The care calendar (客户关怀): birthdays, family dates, company anniversaries and
//! the buyer's country's holidays as occasions to greet, with the action the
//! customer's tier deserves, and shipping cut-offs before holidays.

pub mod calendar;
pub mod greetings;
pub mod occasions;

#[cfg(test)]
mod file_tests;
#[cfg(test)]
mod occasion_tests;
