//! Keeping the relationship day by day (客户保持): who to contact today and why.
//! Buyers breaking their own buying rhythm ([`attention`]) and the rep's day
//! ([`today`]).

pub mod attention;
pub mod today;

#[cfg(test)]
mod tests;
