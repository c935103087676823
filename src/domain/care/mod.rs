//! Keeping the relationship day by day (客户保持): who to contact today and why.
//! Buyers breaking their own buying rhythm ([`attention`]), the rep's day
//! ([`today`]) and the care calendar: birthdays, family dates, company anniversaries
//! and the buyer's country's holidays as occasions to greet, with the action the
//! customer's tier deserves, and shipping cut-offs before holidays ([`occasions`],
//! from the shipped [`calendar`] and [`greetings`]).

pub mod attention;
pub mod calendar;
pub mod greetings;
pub mod occasions;
pub mod today;

#[cfg(test)]
mod file_tests;
#[cfg(test)]
mod occasion_tests;
#[cfg(test)]
mod tests;
