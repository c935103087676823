//! Writing a validated orders import: all or nothing, or skipping bad rows.

use chrono::{DateTime, Utc};
use thiserror::Error;

use crate::domain::customer::{Customer, CustomerId, LeadSource};
use crate::domain::lifecycle::{RelationshipStage, StageChange};
use crate::domain::order_import::ImportPlan;
use crate::storage::{CrmStore, StoreError};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ImportMode {
    /// Import the good rows, leave the rejected ones out.
    #[default]
    SkipBadRows,
    /// Import only if every row is good.
    AllOrNothing,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportOutcome {
    pub orders_written: usize,
    /// Customers the import created, for the caller to show without reloading.
    pub created: Vec<Customer>,
    pub rows_skipped: usize,
}

#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum ImportError {
    #[error("{0} rows have problems, so nothing was imported (all-or-nothing mode)")]
    RowsRejected(usize),
    #[error("the file has no importable rows")]
    NothingToImport,
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// Country code used when the file does not say where a new customer lives
/// ("ZZ" is ISO's user-assigned "unknown").
pub const UNKNOWN_COUNTRY: &str = "ZZ";

/// The customer record created for a buyer the file mentions but the CRM lacks.
pub fn customer_from_import(
    id: &CustomerId,
    name: &str,
    country: &str,
    order_count: usize,
    now: DateTime<Utc>,
) -> Customer {
    let stage = if order_count >= 2 {
        RelationshipStage::Repeat
    } else {
        RelationshipStage::FirstTime
    };
    let name = if name.trim().is_empty() {
        format!("Buyer {id}")
    } else {
        name.trim().to_owned()
    };
    let country = if country.len() == 2 {
        country.to_ascii_uppercase()
    } else {
        UNKNOWN_COUNTRY.to_owned()
    };
    let mut customer = Customer::minimal(id.clone(), &name, &country, now);
    customer.tags = vec!["imported".to_owned()];
    customer.lead_source = Some(LeadSource::InternetPlatform);
    customer.stage = stage;
    customer.stage_history = vec![StageChange {
        from: RelationshipStage::Potential,
        to: stage,
        at: now,
        reason: format!("Created by an orders import with {order_count} orders"),
    }];
    customer
}

/// Writes the plan in one transaction. Customers the file references that do not
/// exist yet (per `exists`) are created in the same transaction.
pub async fn run_order_import<S: CrmStore>(
    store: &S,
    plan: &ImportPlan,
    exists: &dyn Fn(&CustomerId) -> bool,
    mode: ImportMode,
    now: DateTime<Utc>,
    progress: &dyn Fn(usize, usize),
) -> Result<ImportOutcome, ImportError> {
    let rows_skipped = plan.rows_total.saturating_sub(plan.orders.len());
    if mode == ImportMode::AllOrNothing && rows_skipped > 0 {
        return Err(ImportError::RowsRejected(rows_skipped));
    }
    if plan.orders.is_empty() {
        return Err(ImportError::NothingToImport);
    }
    let mut counts: std::collections::HashMap<&CustomerId, usize> =
        std::collections::HashMap::new();
    for order in &plan.orders {
        *counts.entry(&order.customer_id).or_default() += 1;
    }
    let new_customers: Vec<Customer> = plan
        .customers
        .iter()
        .filter(|c| !exists(&c.id))
        .map(|c| {
            customer_from_import(
                &c.id,
                &c.name,
                &c.country,
                counts.get(&c.id).copied().unwrap_or(0),
                now,
            )
        })
        .collect();
    store
        .import_orders(&new_customers, &plan.orders, progress)
        .await?;
    Ok(ImportOutcome {
        orders_written: plan.orders.len(),
        created: new_customers,
        rows_skipped,
    })
}
