//! Writing a validated orders import: all or nothing, or skipping bad rows.

use chrono::{DateTime, Utc};
use thiserror::Error;

use crate::domain::customers::{Customer, CustomerId, LeadSource};
use crate::domain::customers::{RelationshipStage, StageChange};
use crate::domain::exchange::orders_import::ImportPlan;
use crate::i18n::{created_by_import, imported_tag, text, unnamed_customer, Key, Lang};
use crate::storage::{store_error_message, OrderStore, StoreError};

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

/// Why an orders import wrote nothing, and what to do, in the rep's language.
pub fn import_error_message(lang: Lang, error: &ImportError) -> String {
    match (lang, error) {
        (_, ImportError::Store(e)) => store_error_message(lang, e),
        (Lang::En, ImportError::RowsRejected(rows)) => format!("{rows} rows have errors, so nothing was imported. Correct those rows in the file and import again, or choose “{}”.", text(lang, Key::ImportSkipBad)),
        (Lang::En, ImportError::NothingToImport) => "The file has no rows that can be imported, so nothing was written. Check that the columns are mapped to the right fields, then check the rows again.".into(),
        (Lang::Zh, ImportError::RowsRejected(rows)) => format!("有 {rows} 行有误，因此未导入任何内容。请在文件中修正错误行后重新导入，或选择“{}”。", text(lang, Key::ImportSkipBad)),
        (Lang::Zh, ImportError::NothingToImport) => "文件中没有可导入的行，因此未写入任何内容。请检查各列是否对应到正确的字段，然后重新检查数据行。".into(),
    }
}

/// Country code used when the file does not say where a new customer lives
/// ("ZZ" is ISO's user-assigned "unknown").
pub const UNKNOWN_COUNTRY: &str = "ZZ";

/// The customer record created for a buyer the file mentions but the CRM lacks.
///
/// Its default name, tag and stage reason are stored text, so they are written in
/// `lang`, the language of the rep who ran the import.
pub fn customer_from_import(
    id: &CustomerId,
    name: &str,
    country: &str,
    order_count: usize,
    now: DateTime<Utc>,
    lang: Lang,
) -> Customer {
    let stage = if order_count >= 2 {
        RelationshipStage::Repeat
    } else {
        RelationshipStage::FirstTime
    };
    let name = if name.trim().is_empty() {
        unnamed_customer(lang, id.as_str())
    } else {
        name.trim().to_owned()
    };
    let country = if country.len() == 2 {
        country.to_ascii_uppercase()
    } else {
        UNKNOWN_COUNTRY.to_owned()
    };
    let mut customer = Customer::minimal(id.clone(), &name, &country, now);
    customer.tags = vec![imported_tag(lang).to_owned()];
    customer.lead_source = Some(LeadSource::InternetPlatform);
    customer.stage = stage;
    customer.stage_history = vec![StageChange {
        from: RelationshipStage::Potential,
        to: stage,
        at: now,
        reason: created_by_import(lang, order_count),
        loss_cause: None,
    }];
    customer
}

/// Writes the plan in one transaction. Customers the file references that do not
/// exist yet (per `exists`) are created in the same transaction.
pub async fn run_order_import<S: OrderStore>(
    store: &S,
    plan: &ImportPlan,
    exists: &dyn Fn(&CustomerId) -> bool,
    mode: ImportMode,
    now: DateTime<Utc>,
    lang: Lang,
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
                lang,
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::test_support::{ends_with_next_step, foreign_words};

    #[test]
    fn rejected_rows_message_names_the_skip_choice() {
        let error = ImportError::RowsRejected(3);
        assert_eq!(
            import_error_message(Lang::En, &error),
            "3 rows have errors, so nothing was imported. Correct those rows in the file and import again, or choose “Import the good rows, skip the rejected ones”."
        );
        assert_eq!(
            import_error_message(Lang::Zh, &error),
            "有 3 行有误，因此未导入任何内容。请在文件中修正错误行后重新导入，或选择“只导入正确的行，跳过错误行”。"
        );
    }

    #[test]
    fn import_errors_are_translated_and_say_what_to_do() {
        for error in [
            ImportError::RowsRejected(2),
            ImportError::NothingToImport,
            ImportError::Store(StoreError::Backend("AbortError: aborted".into())),
        ] {
            let zh = import_error_message(Lang::Zh, &error);
            assert_eq!(
                foreign_words(&zh, &["AbortError"]),
                Vec::<String>::new(),
                "{zh}"
            );
            for lang in [Lang::En, Lang::Zh] {
                let message = import_error_message(lang, &error);
                assert!(ends_with_next_step(lang, &message), "{lang:?}: {message}");
            }
        }
    }
}
