//! The import plan, row by row: [`plan_import`] at once, or [`ImportPlanner`] a few
//! thousand rows at a time so the page can paint and show progress in between
//! (a 100,000-row export takes seconds to check).

use super::*;
use crate::domain::customers::CustomerId;
use crate::domain::orders::{CurrencyCode, Money, Order};
use crate::domain::shared::csv::ParsedFile;

/// Validates every row. A row with any problem is rejected as a whole (all its
/// problems listed) and contributes nothing. Order id = `Order::key_for(channel,
/// number)` where channel = the mapped cell, else `default_channel`, else "import".
/// A later row with the same channel and number as an accepted row is rejected
/// with `DuplicateInFile`. Empty status means Delivered; empty cost cells mean 0;
/// empty detail cells (product, quantity, carrier, tracking number, promised date)
/// leave that detail empty.
/// Completely blank rows are skipped silently.
pub fn plan_import(file: &ParsedFile, mapping: &ColumnMapping) -> ImportPlan {
    let mut planner = ImportPlanner::new(file, mapping);
    while !planner.plan_rows(usize::MAX) {}
    planner.finish()
}

/// [`plan_import`] in steps; the same plan whatever the step size.
pub struct ImportPlanner<'f> {
    file: &'f ParsedFile,
    columns: Columns,
    style: DecimalStyle,
    date_order: DateOrder,
    default_currency: Option<CurrencyCode>,
    default_channel: &'f str,
    /// Accepted (channel, number) → index in `file.rows`.
    seen: HashIndex<(&'f str, &'f str)>,
    /// Customer id → index in `plan.customers`.
    customer_index: HashIndex<&'f str>,
    plan: ImportPlan,
    next_row: usize,
}

impl<'f> ImportPlanner<'f> {
    pub fn new(file: &'f ParsedFile, mapping: &'f ColumnMapping) -> Self {
        Self {
            file,
            columns: Columns::new(mapping),
            style: mapping.decimal,
            date_order: mapping.date_order,
            default_currency: parse_currency(mapping.default_currency.trim()),
            default_channel: match mapping.default_channel.trim() {
                "" => FALLBACK_CHANNEL,
                channel => channel,
            },
            seen: HashIndex::default(),
            customer_index: HashIndex::default(),
            plan: ImportPlan {
                orders: Vec::with_capacity(file.rows.len()),
                ..ImportPlan::default()
            },
            next_row: 0,
        }
    }

    /// (rows checked, rows in the file): for a progress bar.
    pub fn progress(&self) -> (usize, usize) {
        (self.next_row, self.file.rows.len())
    }

    /// Checks up to `max_rows` more rows; `true` once every row is checked.
    pub fn plan_rows(&mut self, max_rows: usize) -> bool {
        let end = self
            .next_row
            .saturating_add(max_rows)
            .min(self.file.rows.len());
        for i in self.next_row..end {
            self.plan_row(i);
        }
        self.next_row = end;
        end == self.file.rows.len()
    }

    pub fn finish(self) -> ImportPlan {
        self.plan
    }

    fn plan_row(&mut self, i: usize) {
        use OrderField as F;
        let file = self.file;
        let row = &file.rows[i];
        if row.iter().all(|cell| cell.trim().is_empty()) {
            return;
        }
        let columns = &self.columns;
        let default_channel = self.default_channel;
        let order_key = |row| columns.order_key(row, default_channel);
        let plan = &mut self.plan;
        plan.rows_total += 1;
        let line = i + 2;
        let errors_before = plan.rejected.len();
        let rejected = &mut plan.rejected;

        let (channel, number) = order_key(row);
        if number.is_empty() {
            reject(rejected, line, F::OrderNumber, RowProblem::Missing, number);
        }
        let customer = columns.cell(row, F::CustomerId);
        if customer.is_empty() {
            reject(rejected, line, F::CustomerId, RowProblem::Missing, customer);
        }
        let date = read_date(
            rejected,
            line,
            columns.cell(row, F::OrderDate),
            self.date_order,
        );
        let currency_cell = columns.cell(row, F::Currency);
        let currency = read_currency(rejected, line, currency_cell, self.default_currency);
        let digits = currency.map(|c| c.minor_digits());
        let style = self.style;
        let amount = |rejected: &mut Vec<RowError>, field: OrderField| {
            check_amount(
                rejected,
                line,
                field,
                columns.cell(row, field),
                style,
                digits,
            )
        };
        let total = amount(rejected, F::Total);
        let cost_of_goods = amount(rejected, F::CostOfGoods);
        let shipping_cost = amount(rejected, F::ShippingCost);
        let discount = amount(rejected, F::Discount);
        let refunded = amount(rejected, F::Refunded);

        let status = read_status(rejected, line, columns.cell(row, F::Status));
        let details = read_details(
            rejected,
            line,
            |field| columns.cell(row, field),
            self.date_order,
        );

        // Last check: a row otherwise fine claims its (channel, number) with a
        // single lookup; a row already rejected only looks.
        let first = if number.is_empty() {
            None
        } else {
            let key = (channel, number);
            let hash = hash_strs(&[channel, number]);
            let same = |first: usize| order_key(&file.rows[first]) == key;
            if rejected.len() == errors_before {
                self.seen.get_or_insert(hash, key, i, same)
            } else {
                self.seen.get(hash, &key, same)
            }
        };
        if let Some(first) = first {
            let first_row = first + 2;
            reject(
                rejected,
                line,
                F::OrderNumber,
                RowProblem::DuplicateInFile { first_row },
                number,
            );
        }

        if plan.rejected.len() != errors_before {
            return;
        }
        let (Some(placed_on), Some(currency), Some(status)) = (date, currency, status) else {
            return; // unreachable: each None above recorded a problem
        };

        let name = columns.cell(row, F::CustomerName);
        let country = columns.cell(row, F::CustomerCountry);
        remember_customer(
            &mut plan.customers,
            &mut self.customer_index,
            customer,
            name,
            country,
        );

        plan.orders.push(Order {
            id: Order::key_for(channel, number),
            customer_id: CustomerId(customer.to_owned()),
            number: number.to_owned(),
            channel: channel.to_owned(),
            placed_on,
            total: Money::new(total, currency),
            status,
            cost_of_goods,
            shipping_cost,
            discount,
            refunded,
            details: details.to_details(),
        });
    }
}

#[cfg(test)]
#[path = "planner_tests.rs"]
mod tests;
