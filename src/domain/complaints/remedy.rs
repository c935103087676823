//! A remedy's cost to serve: what a refund, replacement or discount costs, booked
//! against the customer's value.

use super::*;
use crate::domain::orders::{CostEntry, CostKind};
use chrono::NaiveDate;

/// Cost to serve booked for the remedy: None without a remedy amount (Apology, or none given).
/// The id is derived from the complaint so booking again replaces rather than duplicates.
pub fn remedy_cost(c: &Complaint, on: NaiveDate) -> Option<CostEntry> {
    let remedy = c.remedy.as_ref()?;
    let amount = remedy.amount.filter(|money| money.minor > 0)?;
    if !remedy.kind.allows_amount() {
        return None;
    }
    let kind = match remedy.kind {
        RemedyKind::Compensation | RemedyKind::Coupon => CostKind::Compensation,
        _ => CostKind::ComplaintHandling,
    };
    let note = if c.order_ref.is_empty() {
        format!("complaint remedy: {}", remedy.kind.code())
    } else {
        format!(
            "complaint remedy: {} (order {})",
            remedy.kind.code(),
            c.order_ref
        )
    };
    Some(CostEntry {
        id: format!("complaint:{}", c.id),
        customer_id: c.customer_id.clone(),
        on,
        kind,
        amount,
        note,
    })
}
