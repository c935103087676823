//! Row validation and the import plan: each row becomes an order or a list of
//! problems, and the customers the file references are collected.

use super::*;
use crate::domain::customers::CustomerId;
use crate::domain::orders::{CurrencyCode, Order, OrderDetails, OrderStatus};
use chrono::NaiveDate;

/// Why one row cannot be imported. `row` is the spreadsheet row of the file (the
/// header is row 1, the first data row is row 2), so the rep can find it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RowError {
    pub row: usize,
    pub field: OrderField,
    pub problem: RowProblem,
    /// The cell as found in the file (trimmed); empty for `Missing`.
    pub value: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RowProblem {
    Missing,
    /// Not a date shape we know.
    BadDate,
    /// A date shape with numbers that are no date (2023-02-29, 31/04/2024).
    DateDoesNotExist,
    BadAmount,
    TooManyDecimals {
        allowed: u32,
    },
    NegativeAmount,
    UnknownCurrency,
    UnknownStatus,
    /// Not a whole number from 1 to [`MAX_QUANTITY`] ("two", "0", "-1", "1.5").
    BadQuantity,
    /// Longer than the field allows (in characters): product titles, carriers and
    /// tracking numbers are quoted in replies, so a cell holding a whole description
    /// or a pasted page is a wrong column, not a detail.
    TooLong {
        max: usize,
    },
    /// Same order (channel and number) as an earlier accepted row.
    DuplicateInFile {
        first_row: usize,
    },
}

impl From<AmountProblem> for RowProblem {
    fn from(problem: AmountProblem) -> Self {
        match problem {
            AmountProblem::Unreadable => Self::BadAmount,
            AmountProblem::TooManyDecimals { allowed } => Self::TooManyDecimals { allowed },
        }
    }
}

/// A customer referenced by the file, with what the file says about them (used to
/// create customers that don't exist yet).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReferencedCustomer {
    pub id: CustomerId,
    /// First non-empty name the file gives; may be empty.
    pub name: String,
    /// Upper-cased ISO 3166-1 alpha-2, or "" when the file has none (or not 2 letters).
    pub country: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ImportPlan {
    pub orders: Vec<Order>,
    /// Every problem of every bad row, in row order.
    pub rejected: Vec<RowError>,
    /// Distinct, in first-seen order, only from accepted rows.
    pub customers: Vec<ReferencedCustomer>,
    /// Data rows considered: completely blank rows are not counted, so
    /// `rows_total - orders.len()` is the number of rejected rows.
    pub rows_total: usize,
}

/// Channel used when neither the row nor the mapping names one.
pub(super) const FALLBACK_CHANNEL: &str = "import";

/// Most items one order line may count; more is a wrong column (an amount, an id).
pub const MAX_QUANTITY: u32 = 1_000_000;
/// Longest product title, in characters (marketplace titles stop at 200–255).
pub const MAX_PRODUCT_CHARS: usize = 300;
/// Longest carrier name, in characters.
pub const MAX_CARRIER_CHARS: usize = 80;
/// Longest tracking number, in characters (real ones have 10–40).
pub const MAX_TRACKING_CHARS: usize = 80;

/// Mapping resolved once: field index → column.
pub(super) struct Columns([Option<usize>; OrderField::ALL.len()]);

impl Columns {
    pub(super) fn new(mapping: &ColumnMapping) -> Self {
        let mut columns = [None; OrderField::ALL.len()];
        for (&field, &column) in &mapping.columns {
            columns[field.index()] = Some(column);
        }
        Self(columns)
    }

    /// (channel, order number) of a row: what makes an order unique.
    #[inline]
    pub(super) fn order_key<'r>(
        &self,
        row: &'r [String],
        default_channel: &'r str,
    ) -> (&'r str, &'r str) {
        let channel = match self.cell(row, OrderField::Channel) {
            "" => default_channel,
            channel => channel,
        };
        (channel, self.cell(row, OrderField::OrderNumber))
    }

    #[inline]
    pub(super) fn cell<'r>(&self, row: &'r [String], field: OrderField) -> &'r str {
        match self.0[field.index()] {
            Some(column) => row.get(column).map_or("", |cell| cell.trim()),
            None => "",
        }
    }
}

pub(super) fn reject(
    rejected: &mut Vec<RowError>,
    row: usize,
    field: OrderField,
    problem: RowProblem,
    value: &str,
) {
    rejected.push(RowError {
        row,
        field,
        problem,
        value: value.to_owned(),
    });
}

/// Validates an amount cell; returns 0 after recording a problem. `digits` is
/// `None` when the row's currency is unknown (already reported): then only the
/// shape and sign are checked.
pub(super) fn check_amount(
    rejected: &mut Vec<RowError>,
    row: usize,
    field: OrderField,
    cell: &str,
    style: DecimalStyle,
    digits: Option<u32>,
) -> i64 {
    if cell.is_empty() {
        if field == OrderField::Total {
            reject(rejected, row, field, RowProblem::Missing, cell);
        }
        return 0;
    }
    match parse_amount(cell, style, digits.unwrap_or(2)) {
        Ok(minor) if minor < 0 => {
            reject(rejected, row, field, RowProblem::NegativeAmount, cell);
            0
        }
        Ok(minor) => minor,
        Err(AmountProblem::TooManyDecimals { .. }) if digits.is_none() => 0,
        Err(problem) => {
            reject(rejected, row, field, problem.into(), cell);
            0
        }
    }
}

/// The order date: required, in the mapped order of day, month and year.
pub(super) fn read_date(
    rejected: &mut Vec<RowError>,
    line: usize,
    cell: &str,
    order: DateOrder,
) -> Option<NaiveDate> {
    if cell.is_empty() {
        reject(
            rejected,
            line,
            OrderField::OrderDate,
            RowProblem::Missing,
            cell,
        );
        return None;
    }
    match parse_date(cell, order) {
        Ok(date) => Some(date),
        Err(problem) => {
            reject(rejected, line, OrderField::OrderDate, problem, cell);
            None
        }
    }
}

/// A row's details as checked, still borrowing the row's cells: only an accepted
/// row copies them into its order.
pub(super) struct DetailCells<'r> {
    product: &'r str,
    quantity: Option<u32>,
    carrier: &'r str,
    tracking_number: &'r str,
    promised_on: Option<NaiveDate>,
}

impl DetailCells<'_> {
    pub(super) fn to_details(&self) -> OrderDetails {
        OrderDetails {
            product: self.product.to_owned(),
            quantity: self.quantity,
            carrier: self.carrier.to_owned(),
            tracking_number: self.tracking_number.to_owned(),
            promised_on: self.promised_on,
        }
    }
}

/// The optional details a reply quotes. Every cell may be empty; a filled one must
/// make sense, since a reply would quote it to the buyer. Text cells are kept as
/// they are (trimmed) up to a length; the promised date reads like the order date.
pub(super) fn read_details<'r>(
    rejected: &mut Vec<RowError>,
    line: usize,
    cell: impl Fn(OrderField) -> &'r str,
    order: DateOrder,
) -> DetailCells<'r> {
    use OrderField as F;
    let text = |rejected: &mut Vec<RowError>, field: OrderField, max: usize| {
        let value = cell(field);
        // Bytes bound characters from above: short cells skip the count.
        if value.len() > max && value.chars().count() > max {
            reject(rejected, line, field, RowProblem::TooLong { max }, value);
        }
        value
    };
    let product = text(rejected, F::Product, MAX_PRODUCT_CHARS);
    let carrier = text(rejected, F::Carrier, MAX_CARRIER_CHARS);
    let tracking_number = text(rejected, F::TrackingNumber, MAX_TRACKING_CHARS);
    let quantity = match cell(F::Quantity) {
        "" => None,
        value => {
            let quantity = parse_quantity(value);
            if quantity.is_none() {
                reject(rejected, line, F::Quantity, RowProblem::BadQuantity, value);
            }
            quantity
        }
    };
    let promised_on = match cell(F::PromisedDate) {
        "" => None,
        value => match parse_date(value, order) {
            Ok(date) => Some(date),
            Err(problem) => {
                reject(rejected, line, F::PromisedDate, problem, value);
                None
            }
        },
    };
    DetailCells {
        product,
        quantity,
        carrier,
        tracking_number,
        promised_on,
    }
}

/// A quantity cell: ASCII digits only, 1 to [`MAX_QUANTITY`]. No sign, decimals
/// or separators: "2.0" or "1,000" are more likely another column than a count.
pub(super) fn parse_quantity(text: &str) -> Option<u32> {
    // Seven digits hold MAX_QUANTITY; longer digit runs (leading zeros aside) do not.
    let digits = text.trim_start_matches('0');
    if text.is_empty() || !text.bytes().all(|b| b.is_ascii_digit()) || digits.len() > 7 {
        return None;
    }
    let quantity: u32 = digits.parse().ok()?;
    (1..=MAX_QUANTITY).contains(&quantity).then_some(quantity)
}

/// The row's currency, or the mapping's default when the cell is empty; missing
/// only when there is neither.
pub(super) fn read_currency(
    rejected: &mut Vec<RowError>,
    line: usize,
    cell: &str,
    default: Option<CurrencyCode>,
) -> Option<CurrencyCode> {
    if cell.is_empty() {
        if default.is_none() {
            reject(
                rejected,
                line,
                OrderField::Currency,
                RowProblem::Missing,
                cell,
            );
        }
        return default;
    }
    let parsed = parse_currency(cell);
    if parsed.is_none() {
        let problem = RowProblem::UnknownCurrency;
        reject(rejected, line, OrderField::Currency, problem, cell);
    }
    parsed
}

/// The order status; an empty cell (or no status column) counts as delivered.
pub(super) fn read_status(
    rejected: &mut Vec<RowError>,
    line: usize,
    cell: &str,
) -> Option<OrderStatus> {
    if cell.is_empty() {
        return Some(OrderStatus::Delivered);
    }
    let status = parse_status(cell);
    if status.is_none() {
        reject(
            rejected,
            line,
            OrderField::Status,
            RowProblem::UnknownStatus,
            cell,
        );
    }
    status
}

/// Adds an accepted row's customer to the referenced customers once; a later row
/// only fills a name or country the earlier rows left empty.
pub(super) fn remember_customer<'a>(
    customers: &mut Vec<ReferencedCustomer>,
    index: &mut HashIndex<&'a str>,
    customer: &'a str,
    name: &str,
    country: &str,
) {
    let hash = hash_strs(&[customer]);
    let next = customers.len();
    let known = index.get_or_insert(hash, customer, next, |k| customers[k].id.0 == customer);
    match known {
        Some(k) => {
            let known = &mut customers[k];
            if known.name.is_empty() && !name.is_empty() {
                known.name = name.to_owned();
            }
            if known.country.is_empty() {
                known.country = country_code(country);
            }
        }
        None => {
            customers.push(ReferencedCustomer {
                id: CustomerId(customer.to_owned()),
                name: name.to_owned(),
                country: country_code(country),
            });
        }
    }
}

/// Two ASCII letters, upper-cased; anything else is "unknown" (empty).
fn country_code(text: &str) -> String {
    let text = text.trim();
    if text.len() == 2 && text.bytes().all(|b| b.is_ascii_alphabetic()) {
        text.to_ascii_uppercase()
    } else {
        String::new()
    }
}

/// A currency cell: an ISO code in any case, or a few unambiguous names/symbols.
pub(super) fn parse_currency(text: &str) -> Option<CurrencyCode> {
    let alias = match text {
        "€" | "欧元" => Some("EUR"),
        "£" | "英镑" => Some("GBP"),
        "US$" | "美元" => Some("USD"),
        "人民币" => Some("CNY"),
        "日元" => Some("JPY"),
        _ if text.eq_ignore_ascii_case("rmb") => Some("CNY"),
        _ => None,
    };
    CurrencyCode::parse(alias.unwrap_or(text))
}

/// Marketplace status words (English, Chinese, Spanish, AliExpress codes), compared
/// without case, spaces, `_`, `-` or `.`.
pub(super) fn parse_status(text: &str) -> Option<OrderStatus> {
    let mut buffer = [0u8; 64];
    let mut len = 0;
    for &b in text.as_bytes() {
        if matches!(b, b' ' | b'_' | b'-' | b'.' | b'\t') {
            continue;
        }
        *buffer.get_mut(len)? = b.to_ascii_lowercase();
        len += 1;
    }
    // Only ASCII bytes were dropped or changed, so this is still UTF-8.
    let key = std::str::from_utf8(&buffer[..len]).ok()?;
    Some(match key {
        "" => OrderStatus::Delivered,
        "paid"
        | "payed"
        | "paymentreceived"
        | "awaitingshipment"
        | "awaitingfulfillment"
        | "pendingshipment"
        | "toship"
        | "readytoship"
        | "unshipped"
        | "processing"
        | "waitsellersendgoods"
        | "已付款"
        | "已支付"
        | "待发货"
        | "付款成功"
        | "买家已付款"
        | "等待卖家发货"
        | "pagado"
        | "pagada"
        | "pago" => OrderStatus::Paid,
        "shipped"
        | "intransit"
        | "sent"
        | "dispatched"
        | "fulfilled"
        | "partiallyshipped"
        | "waitbuyeracceptgoods"
        | "sellerpartsendgoods"
        | "awaitingdelivery"
        | "outfordelivery"
        | "已发货"
        | "运输中"
        | "待收货"
        | "卖家已发货"
        | "部分发货"
        | "等待买家收货"
        | "enviado"
        | "enviada"
        | "entransito"
        | "entránsito" => OrderStatus::Shipped,
        "delivered" | "completed" | "complete" | "finished" | "finish" | "done" | "received"
        | "tradesuccess" | "已完成" | "已签收" | "交易成功" | "已送达" | "已收货" | "交易完成"
        | "完成" | "entregado" | "entregada" | "completado" | "completada" | "finalizado"
        | "finalizada" => OrderStatus::Delivered,
        "refunded" | "refund" | "returned" | "已退款" | "退款" | "退款成功" | "退款完成"
        | "已退货" | "reembolsado" | "reembolsada" | "devuelto" | "devuelta" => {
            OrderStatus::Refunded
        }
        "cancelled" | "canceled" | "cancel" | "void" | "voided" | "incancel" | "已取消"
        | "取消" | "交易关闭" | "已关闭" | "订单关闭" | "cancelado" | "cancelada" | "anulado"
        | "anulada" => OrderStatus::Cancelled,
        _ => return None,
    })
}
