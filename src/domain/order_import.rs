//! Orders CSV import (订单导入): a rep uploads a marketplace export, maps its columns
//! to ours, previews every rejected row, then imports.
//!
//! Everything here is pure and allocation-conscious: [`plan_import`] resolves the
//! mapping once and validates a million rows without per-row allocations beyond the
//! [`Order`] it produces. Amounts are parsed exactly into minor units (no floats).
//!
//! Row numbers reported to the rep are spreadsheet rows: the header is row 1, the
//! first data row is row 2, blank lines count as rows, and a quoted field spanning
//! several lines stays one row (as in Excel / WPS / Google Sheets).

use std::collections::hash_map::Entry;
use std::collections::{BTreeMap, HashMap};
use std::hash::{BuildHasherDefault, Hasher};

use crate::domain::shared::fast_hash::FastHasher;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::domain::customers::CustomerId;
use crate::domain::orders::{CurrencyCode, Money, Order, OrderStatus};
use crate::domain::shared::csv::{match_header_aliases, ParsedFile};

// ---------------------------------------------------------------------------
// Fields and mapping
// ---------------------------------------------------------------------------

coded_enum! {
    /// Our fields a file column can be mapped to.
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
    #[serde(rename_all = "snake_case")]
    pub enum OrderField {
        OrderNumber = "order_number",
        CustomerId = "customer_id",
        OrderDate = "order_date",
        Channel = "channel",
        Currency = "currency",
        Total = "total",
        CostOfGoods = "cost_of_goods",
        ShippingCost = "shipping_cost",
        Discount = "discount",
        Refunded = "refunded",
        Status = "status",
        CustomerName = "customer_name",
        CustomerCountry = "customer_country",
    }
}

impl OrderField {
    /// Fields without which an order cannot be built. `Currency` may instead come
    /// from [`ColumnMapping::default_currency`].
    pub fn is_required(self) -> bool {
        matches!(
            self,
            Self::OrderNumber | Self::CustomerId | Self::OrderDate | Self::Currency | Self::Total
        )
    }

    fn is_amount(self) -> bool {
        matches!(
            self,
            Self::Total | Self::CostOfGoods | Self::ShippingCost | Self::Discount | Self::Refunded
        )
    }

    /// Position in [`Self::ALL`] (the declaration order).
    fn index(self) -> usize {
        self as usize
    }
}

/// How to read an all-numeric date such as `01/02/2024`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum DateOrder {
    /// 01/02/2024 is 1 February (Europe, Latin America, most of the world).
    #[default]
    DayFirst,
    /// 01/02/2024 is 2 January (United States).
    MonthFirst,
}

/// Which character separates the decimals in amounts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum DecimalStyle {
    /// Decide per value, see [`parse_amount`].
    #[default]
    Auto,
    /// `1,234.56`
    Point,
    /// `1.234,56`
    Comma,
}

/// Which file column (0-based index) feeds each of our fields, plus parsing options.
/// Serializable: the UI remembers it per [`header_signature`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(default)]
pub struct ColumnMapping {
    pub columns: BTreeMap<OrderField, usize>,
    pub date_order: DateOrder,
    pub decimal: DecimalStyle,
    /// Channel for rows without one (or when no column is mapped); empty means "import".
    pub default_channel: String,
    /// ISO 4217 code for rows without one (or when no column is mapped).
    pub default_currency: String,
}

/// Why a mapping cannot produce a meaningful preview yet.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MappingProblem {
    /// A required field has no column (for `Currency`: and no valid default either).
    Unmapped(OrderField),
    /// The same file column feeds two of our fields.
    ColumnUsedTwice(usize),
    /// The mapping points past the file's last column (a remembered mapping applied
    /// to a narrower file).
    ColumnOutOfRange(OrderField, usize),
    /// `default_currency` is set but is not a three-letter code.
    BadDefaultCurrency(String),
}

/// What is missing before a preview makes sense. Problems come in a stable order:
/// unmapped fields, columns out of range, columns used twice, then the default
/// currency.
pub fn mapping_problems(mapping: &ColumnMapping, column_count: usize) -> Vec<MappingProblem> {
    let mut problems = Vec::new();
    let default_currency = mapping.default_currency.trim();
    let default_ok = parse_currency(default_currency).is_some();
    for field in OrderField::ALL {
        if !field.is_required() || mapping.columns.contains_key(&field) {
            continue;
        }
        if field == OrderField::Currency && default_ok {
            continue;
        }
        // An unmapped currency with a bad default is reported as the bad default.
        if field == OrderField::Currency && !default_currency.is_empty() {
            continue;
        }
        problems.push(MappingProblem::Unmapped(field));
    }
    for (&field, &column) in &mapping.columns {
        if column >= column_count {
            problems.push(MappingProblem::ColumnOutOfRange(field, column));
        }
    }
    let mut used: BTreeMap<usize, usize> = BTreeMap::new();
    for &column in mapping.columns.values() {
        *used.entry(column).or_default() += 1;
    }
    for (column, count) in used {
        if count > 1 {
            problems.push(MappingProblem::ColumnUsedTwice(column));
        }
    }
    if !default_currency.is_empty() && !default_ok {
        problems.push(MappingProblem::BadDefaultCurrency(
            mapping.default_currency.clone(),
        ));
    }
    problems
}

// ---------------------------------------------------------------------------
// Guessing a mapping
// ---------------------------------------------------------------------------

/// Header names per field, normalised (lower case, letters and digits only), best
/// first. A leading `=` means "whole header only": too generic to be searched for
/// inside longer headers.
const ALIASES: [(OrderField, &[&str]); 13] = [
    (
        OrderField::OrderNumber,
        &[
            "orderid",
            "ordernumber",
            "orderno",
            "ordernum",
            "=order",
            "=id",
            "=number",
            "=no",
            "amazonorderid",
            "订单号",
            "订单编号",
            "订单id",
            "订单号码",
        ],
    ),
    (
        OrderField::CustomerId,
        &[
            "buyerid",
            "customerid",
            "=buyer",
            "=customer",
            "buyerloginid",
            "buyeraccount",
            "buyerusername",
            "clientid",
            "memberid",
            "=buyeremail",
            "=customeremail",
            "=email",
            "买家id",
            "=买家",
            "=客户",
            "客户id",
            "客户编号",
            "买家账号",
            "买家会员名",
            "买家用户名",
        ],
    ),
    (
        OrderField::OrderDate,
        &[
            "orderdate",
            "ordertime",
            "=date",
            "orderedat",
            "orderplaced",
            "placedon",
            "purchasedate",
            "createdat",
            "=created",
            "creationdate",
            "paymenttime",
            "paymentdate",
            "paidtime",
            "下单时间",
            "订单日期",
            "下单日期",
            "创建时间",
            "=日期",
            "付款时间",
            "支付时间",
            "=时间",
        ],
    ),
    (
        OrderField::Channel,
        &[
            "=platform",
            "=channel",
            "=marketplace",
            "saleschannel",
            "salechannel",
            "=source",
            "平台",
            "渠道",
            "销售平台",
            "销售渠道",
        ],
    ),
    (
        OrderField::Currency,
        &[
            "currency",
            "currencycode",
            "=curr",
            "=cur",
            "=ccy",
            "币种",
            "货币",
            "币别",
            "结算币种",
        ],
    ),
    (
        OrderField::Total,
        &[
            "orderamount",
            "ordertotal",
            "=total",
            "=amount",
            "totalamount",
            "grandtotal",
            "=totalprice",
            "paidamount",
            "amountpaid",
            "paymentamount",
            "ordervalue",
            "saleamount",
            "订单金额",
            "订单总额",
            "订单总金额",
            "实付金额",
            "总金额",
            "支付金额",
            "付款金额",
            "实收金额",
            "=金额",
        ],
    ),
    (
        OrderField::CostOfGoods,
        &[
            "productcost",
            "=cogs",
            "costofgoods",
            "costofgoodssold",
            "=cost",
            "itemcost",
            "purchasecost",
            "=成本",
            "商品成本",
            "采购成本",
            "进货成本",
            "货品成本",
        ],
    ),
    (
        OrderField::ShippingCost,
        &[
            "=shipping",
            "shippingcost",
            "shippingfee",
            "shippingcharge",
            "shippingamount",
            "=freight",
            "freightcost",
            "logisticscost",
            "deliveryfee",
            "=postage",
            "运费",
            "运费成本",
            "物流费",
            "物流成本",
            "邮费",
        ],
    ),
    (
        OrderField::Discount,
        &[
            "discount",
            "=discounts",
            "couponamount",
            "=coupon",
            "=promotion",
            "sellerdiscount",
            "storediscount",
            "折扣",
            "优惠",
            "优惠金额",
            "折扣金额",
            "店铺优惠",
        ],
    ),
    (
        OrderField::Refunded,
        &[
            "=refund",
            "refunded",
            "refundamount",
            "refundedamount",
            "amountrefunded",
            "退款",
            "退款金额",
            "已退款金额",
        ],
    ),
    (
        OrderField::Status,
        &[
            "=status",
            "orderstatus",
            "=state",
            "=orderstate",
            "状态",
            "订单状态",
            "交易状态",
        ],
    ),
    (
        OrderField::CustomerName,
        &[
            "buyername",
            "customername",
            "=name",
            "=fullname",
            "recipientname",
            "receivername",
            "shiptoname",
            "contactname",
            "买家姓名",
            "收货人",
            "收件人",
            "=姓名",
            "客户名称",
            "客户姓名",
            "买家名称",
        ],
    ),
    (
        OrderField::CustomerCountry,
        &[
            "country",
            "buyercountry",
            "shiptocountry",
            "shippingcountry",
            "countrycode",
            "=destination",
            "国家",
            "收货国家",
            "国家地区",
            "目的国",
            "买家国家",
        ],
    ),
];

/// Words that, inside a longer header, mean the column is not an amount
/// ("Refund Status", "Shipping Address", "Discount Code"…).
const NOT_AN_AMOUNT: [&str; 24] = [
    "status", "date", "time", "reason", "method", "type", "code", "rate", "percent", "address",
    "name", "country", "carrier", "tracking", "状态", "时间", "日期", "原因", "方式", "类型", "率",
    "地址", "国家", "单号",
];

fn normalize_header(header: &str) -> String {
    header
        .chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// Guesses a mapping from header names (English and Chinese marketplace exports).
/// Matching ignores case, spaces and punctuation; whole-header matches win over
/// headers that merely contain a known name, longer names win over shorter ones,
/// and each column is used at most once. When no currency column exists but the
/// total's header names one ("Order Amount (USD)"), it becomes the default.
pub fn guess_mapping(headers: &[String]) -> ColumnMapping {
    let normalized: Vec<String> = headers.iter().map(|h| normalize_header(h)).collect();
    let mut mapping = ColumnMapping::default();
    // "Refund amount" or "Shipping fee" contain an amount word but are not the total.
    let matches = match_header_aliases(&normalized, &ALIASES, |field, header| {
        !(field.is_amount() && NOT_AN_AMOUNT.iter().any(|w| header.contains(w)))
    });
    mapping.columns.extend(matches);

    if !mapping.columns.contains_key(&OrderField::Currency) {
        if let Some(code) = mapping
            .columns
            .get(&OrderField::Total)
            .and_then(|&i| currency_in_header(&headers[i]))
        {
            mapping.default_currency = code.as_str().to_owned();
        }
    }
    mapping
}

/// "Order Amount (USD)", "订单金额（EUR）", "Total [gbp]" → the code in brackets.
fn currency_in_header(header: &str) -> Option<CurrencyCode> {
    let mut rest = header;
    while let Some(open) = rest.find(['(', '（', '[']) {
        let after = &rest[open..];
        let after = &after[after.chars().next().map_or(1, char::len_utf8)..];
        let close = after.find([')', '）', ']'])?;
        if let Some(code) = parse_currency(after[..close].trim()) {
            return Some(code);
        }
        rest = &after[close..];
    }
    None
}

// ---------------------------------------------------------------------------
// Row validation
// ---------------------------------------------------------------------------

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
    /// Same order (channel and number) as an earlier accepted row.
    DuplicateInFile {
        first_row: usize,
    },
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
const FALLBACK_CHANNEL: &str = "import";

/// Mapping resolved once: field index → column.
struct Columns([Option<usize>; 13]);

impl Columns {
    fn new(mapping: &ColumnMapping) -> Self {
        let mut columns = [None; 13];
        for (&field, &column) in &mapping.columns {
            columns[field.index()] = Some(column);
        }
        Self(columns)
    }

    /// (channel, order number) of a row: what makes an order unique.
    #[inline]
    fn order_key<'r>(&self, row: &'r [String], default_channel: &'r str) -> (&'r str, &'r str) {
        let channel = match self.cell(row, OrderField::Channel) {
            "" => default_channel,
            channel => channel,
        };
        (channel, self.cell(row, OrderField::OrderNumber))
    }

    #[inline]
    fn cell<'r>(&self, row: &'r [String], field: OrderField) -> &'r str {
        match self.0[field.index()] {
            Some(column) => row.get(column).map_or("", |cell| cell.trim()),
            None => "",
        }
    }
}

fn reject(
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
fn check_amount(
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
        Err(RowProblem::TooManyDecimals { .. }) if digits.is_none() => 0,
        Err(problem) => {
            reject(rejected, row, field, problem, cell);
            0
        }
    }
}

/// Validates every row. A row with any problem is rejected as a whole (all its
/// problems listed) and contributes nothing. Order id = `Order::key_for(channel,
/// number)` where channel = the mapped cell, else `default_channel`, else "import".
/// A later row with the same channel and number as an accepted row is rejected
/// with `DuplicateInFile`. Empty status means Delivered; empty cost cells mean 0.
/// Completely blank rows are skipped silently.
pub fn plan_import(file: &ParsedFile, mapping: &ColumnMapping) -> ImportPlan {
    use OrderField as F;

    let columns = Columns::new(mapping);
    let style = mapping.decimal;
    let date_order = mapping.date_order;
    let default_currency = parse_currency(mapping.default_currency.trim());
    let default_channel = match mapping.default_channel.trim() {
        "" => FALLBACK_CHANNEL,
        channel => channel,
    };

    let mut plan = ImportPlan {
        orders: Vec::with_capacity(file.rows.len()),
        ..ImportPlan::default()
    };
    let order_key = |row| columns.order_key(row, default_channel);
    // Accepted (channel, number) → index in `file.rows`.
    let mut seen: HashIndex<(&str, &str)> = HashIndex::default();
    // Customer id → index in `plan.customers`.
    let mut customer_index: HashIndex<&str> = HashIndex::default();

    for (i, row) in file.rows.iter().enumerate() {
        if row.iter().all(|cell| cell.trim().is_empty()) {
            continue;
        }
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
        let date_cell = columns.cell(row, F::OrderDate);
        let date = if date_cell.is_empty() {
            reject(rejected, line, F::OrderDate, RowProblem::Missing, date_cell);
            None
        } else {
            match parse_date(date_cell, date_order) {
                Ok(date) => Some(date),
                Err(problem) => {
                    reject(rejected, line, F::OrderDate, problem, date_cell);
                    None
                }
            }
        };
        let currency_cell = columns.cell(row, F::Currency);
        let currency = if currency_cell.is_empty() {
            if default_currency.is_none() {
                reject(
                    rejected,
                    line,
                    F::Currency,
                    RowProblem::Missing,
                    currency_cell,
                );
            }
            default_currency
        } else {
            let parsed = parse_currency(currency_cell);
            if parsed.is_none() {
                reject(
                    rejected,
                    line,
                    F::Currency,
                    RowProblem::UnknownCurrency,
                    currency_cell,
                );
            }
            parsed
        };
        let digits = currency.map(|c| c.minor_digits());
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

        let status_cell = columns.cell(row, F::Status);
        let status = if status_cell.is_empty() {
            Some(OrderStatus::Delivered)
        } else {
            let status = parse_status(status_cell);
            if status.is_none() {
                reject(
                    rejected,
                    line,
                    F::Status,
                    RowProblem::UnknownStatus,
                    status_cell,
                );
            }
            status
        };

        // Last check: a row otherwise fine claims its (channel, number) with a
        // single lookup; a row already rejected only looks.
        let first = if number.is_empty() {
            None
        } else {
            let key = (channel, number);
            let hash = hash_strs(&[channel, number]);
            let same = |first: usize| order_key(&file.rows[first]) == key;
            if rejected.len() == errors_before {
                seen.get_or_insert(hash, key, i, same)
            } else {
                seen.get(hash, &key, same)
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
            continue;
        }
        let (Some(placed_on), Some(currency), Some(status)) = (date, currency, status) else {
            continue; // unreachable: each None above recorded a problem
        };

        let name = columns.cell(row, F::CustomerName);
        let country = columns.cell(row, F::CustomerCountry);
        let hash = hash_strs(&[customer]);
        let next = plan.customers.len();
        let customers = &plan.customers;
        match customer_index.get_or_insert(hash, customer, next, |k| customers[k].id.0 == customer)
        {
            Some(k) => {
                let known = &mut plan.customers[k];
                if known.name.is_empty() && !name.is_empty() {
                    known.name = name.to_owned();
                }
                if known.country.is_empty() {
                    known.country = country_code(country);
                }
            }
            None => {
                plan.customers.push(ReferencedCustomer {
                    id: CustomerId(customer.to_owned()),
                    name: name.to_owned(),
                    country: country_code(country),
                });
            }
        }

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
        });
    }
    plan
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
fn parse_currency(text: &str) -> Option<CurrencyCode> {
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
fn parse_status(text: &str) -> Option<OrderStatus> {
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

// ---------------------------------------------------------------------------
// Dates
// ---------------------------------------------------------------------------

/// Parses "1997-01-01", "19970101", "01/02/2024" and "1/2/2024" (per `order`),
/// "01.02.2024" (always day first), "2024/01/02" and "2024.01.02" (year first),
/// "2024年1月2日", optionally followed by a time (" 13:45", "T13:45:00",
/// "T13:45:00Z", " 1:45 PM") that is ignored. Wrong shapes are `BadDate`; right
/// shapes naming no real day (2023-02-29) are `DateDoesNotExist`.
pub fn parse_date(text: &str, order: DateOrder) -> Result<NaiveDate, RowProblem> {
    let text = text.trim();
    let (date, time) = match text.find([' ', 'T']) {
        Some(i) => (&text[..i], Some(text[i + 1..].trim_start())),
        None => (text, None),
    };
    if time.is_some_and(|t| !looks_like_time(t)) {
        return Err(RowProblem::BadDate);
    }
    let (year, month, day) = date_numbers(date, order).ok_or(RowProblem::BadDate)?;
    let year = i32::try_from(year).map_err(|_| RowProblem::BadDate)?;
    NaiveDate::from_ymd_opt(year, month, day).ok_or(RowProblem::DateDoesNotExist)
}

/// `H:MM` or `HH:MM`, then seconds, fractions, zone or AM/PM.
fn looks_like_time(text: &str) -> bool {
    let bytes = text.as_bytes();
    let hour_len = bytes.iter().take_while(|b| b.is_ascii_digit()).count();
    (1..=2).contains(&hour_len)
        && bytes.get(hour_len) == Some(&b':')
        && bytes.get(hour_len + 1).is_some_and(u8::is_ascii_digit)
        && bytes[hour_len..].iter().all(|&b| {
            b.is_ascii_digit()
                || matches!(
                    b,
                    b':' | b'.'
                        | b'+'
                        | b'-'
                        | b' '
                        | b'Z'
                        | b'z'
                        | b'A'
                        | b'a'
                        | b'P'
                        | b'p'
                        | b'M'
                        | b'm'
                )
        })
}

/// Digits only, with a length in `min..=max`.
fn number(text: &str, min: usize, max: usize) -> Option<u32> {
    if !(min..=max).contains(&text.len()) || !text.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    text.parse().ok()
}

fn date_numbers(date: &str, order: DateOrder) -> Option<(u32, u32, u32)> {
    if let Some((year, rest)) = date.split_once('年') {
        let (month, rest) = rest.split_once('月')?;
        let day = rest.strip_suffix('日').unwrap_or(rest);
        return Some((
            number(year, 4, 4)?,
            number(month, 1, 2)?,
            number(day, 1, 2)?,
        ));
    }
    let separators = ['-', '/', '.'];
    let mut found = separators.iter().filter(|&&s| date.contains(s));
    let Some(&separator) = found.next() else {
        // 19970101
        if date.len() != 8 || !date.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        return Some((
            number(&date[..4], 4, 4)?,
            number(&date[4..6], 2, 2)?,
            number(&date[6..], 2, 2)?,
        ));
    };
    if found.next().is_some() {
        return None;
    }
    let mut parts = date.split(separator);
    let (a, b, c) = (parts.next()?, parts.next()?, parts.next()?);
    if parts.next().is_some() {
        return None;
    }
    if a.len() == 4 {
        return Some((number(a, 4, 4)?, number(b, 1, 2)?, number(c, 1, 2)?));
    }
    let (year, first, second) = (number(c, 4, 4)?, number(a, 1, 2)?, number(b, 1, 2)?);
    let month_first = separator != '.' && order == DateOrder::MonthFirst;
    Some(if month_first {
        (year, first, second)
    } else {
        (year, second, first)
    })
}

// ---------------------------------------------------------------------------
// Amounts
// ---------------------------------------------------------------------------

/// Parses a decimal amount into minor units of a currency with `digits` minor
/// digits, exactly. Accepts "1234.56", "1.234,56", "1,234.56", "1 234,56",
/// "1'234.56", "1234", "12,5"; currency symbols and codes around the number are
/// ignored ("€12,50", "12.50 USD", "US$ 3.10"); a leading '-' or parentheses mean
/// negative (the negative value is returned).
///
/// With [`DecimalStyle::Auto`]: if both '.' and ',' appear, the last one is the
/// decimal separator; if only one of them appears, once, followed by exactly three
/// digits and nothing else (and preceded by 1–3 digits not starting with 0), it
/// separates thousands ("1,234" is 1234); if it appears several times it separates
/// thousands ("1,234,567"); otherwise it is the decimal separator. Thousands groups
/// must have three digits. More fractional digits than `digits` give
/// `TooManyDecimals` unless the extra ones are zeros; anything else is `BadAmount`.
pub fn parse_amount(text: &str, style: DecimalStyle, digits: u32) -> Result<i64, RowProblem> {
    let text = text.trim();
    let first_digit = text
        .find(|c: char| c.is_ascii_digit())
        .ok_or(RowProblem::BadAmount)?;
    let last_digit = text
        .rfind(|c: char| c.is_ascii_digit())
        .ok_or(RowProblem::BadAmount)?;
    let mut start = first_digit;
    if start > 0 && matches!(text.as_bytes()[start - 1], b'.' | b',') {
        start -= 1; // ".5"
    }
    let negative = sign_from_affixes(&text[..start], &text[last_digit + 1..])?;
    let magnitude = parse_magnitude(&text[start..=last_digit], style, digits)?;
    let signed = if negative {
        -i128::try_from(magnitude).map_err(|_| RowProblem::BadAmount)?
    } else {
        i128::try_from(magnitude).map_err(|_| RowProblem::BadAmount)?
    };
    i64::try_from(signed).map_err(|_| RowProblem::BadAmount)
}

fn is_currency_symbol(c: char) -> bool {
    matches!(
        c,
        '$' | '€'
            | '£'
            | '¥'
            | '￥'
            | '₩'
            | '₹'
            | '₽'
            | '₺'
            | '₫'
            | '₱'
            | '₪'
            | '฿'
            | '₴'
            | '₦'
            | '¢'
            | '₡'
            | '₲'
            | '₵'
            | '₸'
            | '₼'
            | '₾'
            | '﷼'
            | '＄'
    )
}

/// Checks what surrounds the number (currency symbols or codes of up to three
/// letters, spaces, sign, parentheses) and tells whether it is negative.
fn sign_from_affixes(prefix: &str, suffix: &str) -> Result<bool, RowProblem> {
    let (mut minus, mut plus, mut open, mut close) = (0u32, 0u32, 0u32, 0u32);
    for (part, is_prefix) in [(prefix, true), (suffix, false)] {
        let mut letters = 0;
        for c in part.chars() {
            match c {
                '-' | '\u{2212}' if is_prefix => minus += 1,
                '+' if is_prefix => plus += 1,
                '(' if is_prefix => open += 1,
                ')' if !is_prefix => close += 1,
                c if c.is_whitespace() || is_currency_symbol(c) => {}
                c if c.is_alphabetic() => {
                    letters += 1;
                    if letters > 3 {
                        return Err(RowProblem::BadAmount);
                    }
                }
                _ => return Err(RowProblem::BadAmount),
            }
        }
    }
    if minus + plus > 1 || open != close || open > 1 || (open == 1 && minus + plus > 0) {
        return Err(RowProblem::BadAmount);
    }
    Ok(minus == 1 || open == 1)
}

fn is_group_only(c: char) -> bool {
    matches!(c, ' ' | '\u{a0}' | '\u{202f}' | '\u{2009}' | '\'' | '’')
}

/// The number itself (starts with a digit or a separator followed by one, ends with
/// a digit) in minor units.
fn parse_magnitude(core: &str, style: DecimalStyle, digits: u32) -> Result<u128, RowProblem> {
    let (mut dots, mut commas) = (0usize, 0usize);
    let (mut last_dot, mut last_comma) = (0usize, 0usize);
    let mut previous_was_separator = false;
    for (i, c) in core.char_indices() {
        let separator = match c {
            '0'..='9' => false,
            '.' => {
                dots += 1;
                last_dot = i;
                true
            }
            ',' => {
                commas += 1;
                last_comma = i;
                true
            }
            c if is_group_only(c) => true,
            _ => return Err(RowProblem::BadAmount),
        };
        if separator && previous_was_separator {
            return Err(RowProblem::BadAmount);
        }
        previous_was_separator = separator;
    }

    // Byte position of the decimal separator, if any.
    let decimal_at = match style {
        DecimalStyle::Point => match dots {
            0 => None,
            1 => Some(last_dot),
            _ => return Err(RowProblem::BadAmount),
        },
        DecimalStyle::Comma => match commas {
            0 => None,
            1 => Some(last_comma),
            _ => return Err(RowProblem::BadAmount),
        },
        DecimalStyle::Auto => match (dots, commas) {
            (0, 0) => None,
            (_, _) if dots > 0 && commas > 0 => {
                let (count, at) = if last_dot > last_comma {
                    (dots, last_dot)
                } else {
                    (commas, last_comma)
                };
                if count > 1 {
                    return Err(RowProblem::BadAmount);
                }
                Some(at)
            }
            (n, 0) | (0, n) if n > 1 => None,
            _ => {
                let at = if dots == 1 { last_dot } else { last_comma };
                (!looks_like_thousands(core, at)).then_some(at)
            }
        },
    };

    let mut integer: u128 = 0;
    let mut group_len = 0usize;
    let mut groups = 0usize;
    let mut fraction: u128 = 0;
    let mut fraction_len = 0u32;
    let mut extra_nonzero = false;
    let mut in_fraction = false;
    for (i, c) in core.char_indices() {
        if let Some(d) = c.to_digit(10) {
            if in_fraction {
                if fraction_len < digits {
                    fraction = fraction
                        .checked_mul(10)
                        .and_then(|f| f.checked_add(u128::from(d)))
                        .ok_or(RowProblem::BadAmount)?;
                    fraction_len += 1;
                } else if d != 0 {
                    extra_nonzero = true;
                }
            } else {
                integer = integer
                    .checked_mul(10)
                    .and_then(|n| n.checked_add(u128::from(d)))
                    .ok_or(RowProblem::BadAmount)?;
                group_len += 1;
            }
        } else if Some(i) == decimal_at {
            if groups > 0 && group_len != 3 {
                return Err(RowProblem::BadAmount);
            }
            in_fraction = true;
        } else {
            // A thousands separator.
            let well_placed = !in_fraction
                && if groups == 0 {
                    (1..=3).contains(&group_len)
                } else {
                    group_len == 3
                };
            if !well_placed {
                return Err(RowProblem::BadAmount);
            }
            groups += 1;
            group_len = 0;
        }
    }
    if !in_fraction && groups > 0 && group_len != 3 {
        return Err(RowProblem::BadAmount);
    }
    if extra_nonzero {
        return Err(RowProblem::TooManyDecimals { allowed: digits });
    }
    let scale = 10u128.checked_pow(digits).ok_or(RowProblem::BadAmount)?;
    let fraction_scale = 10u128
        .checked_pow(digits - fraction_len)
        .ok_or(RowProblem::BadAmount)?;
    integer
        .checked_mul(scale)
        .and_then(|n| n.checked_add(fraction.checked_mul(fraction_scale)?))
        .ok_or(RowProblem::BadAmount)
}

/// Auto style, a lone '.' or ',' at byte `at`: thousands when exactly three digits
/// follow and 1–3 digits not starting with 0 precede it (back to the previous
/// space/apostrophe group separator or the start).
fn looks_like_thousands(core: &str, at: usize) -> bool {
    let after = &core[at + 1..];
    if after.len() != 3 || !after.bytes().all(|b| b.is_ascii_digit()) {
        return false;
    }
    let before = &core[..at];
    let leading = before.rsplit(is_group_only).next().unwrap_or(before);
    (1..=3).contains(&leading.len())
        && leading.bytes().all(|b| b.is_ascii_digit())
        && !core.starts_with('0')
}

fn hash_strs(parts: &[&str]) -> u64 {
    let mut hasher = FastHasher::default();
    for part in parts {
        hasher.write(part.as_bytes());
        hasher.write_u8(0xff);
    }
    hasher.finish()
}

/// For keys that already are well-mixed 64-bit hashes.
#[derive(Default, Clone, Copy)]
struct PrehashedHasher(u64);

impl Hasher for PrehashedHasher {
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = self.0.rotate_left(8) ^ u64::from(b);
        }
    }

    #[inline]
    fn write_u64(&mut self, i: u64) {
        self.0 = i;
    }

    #[inline]
    fn finish(&self) -> u64 {
        self.0
    }
}

/// A compact "seen" index: 64-bit hash → position (16 bytes per entry, so a
/// million rows stay cache- and memory-friendly). A hit is confirmed by the caller
/// comparing the real key at that position; different keys sharing a hash (about
/// one chance in 10^13 per file) go to an exact side table.
struct HashIndex<K> {
    by_hash: HashMap<u64, usize, BuildHasherDefault<PrehashedHasher>>,
    collisions: HashMap<K, usize>,
}

impl<K> Default for HashIndex<K> {
    fn default() -> Self {
        Self {
            by_hash: HashMap::default(),
            collisions: HashMap::new(),
        }
    }
}

impl<K: Eq + std::hash::Hash> HashIndex<K> {
    /// The position recorded for `key`, if any. `same(position)` tells whether the
    /// key stored at `position` is `key`.
    fn get(&self, hash: u64, key: &K, same: impl Fn(usize) -> bool) -> Option<usize> {
        match self.by_hash.get(&hash) {
            Some(&position) if same(position) => Some(position),
            Some(_) => self.collisions.get(key).copied(),
            None => None,
        }
    }

    /// The position recorded for `key`; if none, records `position` and returns `None`.
    fn get_or_insert(
        &mut self,
        hash: u64,
        key: K,
        position: usize,
        same: impl Fn(usize) -> bool,
    ) -> Option<usize> {
        match self.by_hash.entry(hash) {
            Entry::Vacant(slot) => {
                slot.insert(position);
                None
            }
            Entry::Occupied(slot) if same(*slot.get()) => Some(*slot.get()),
            Entry::Occupied(_) => match self.collisions.entry(key) {
                Entry::Occupied(slot) => Some(*slot.get()),
                Entry::Vacant(slot) => {
                    slot.insert(position);
                    None
                }
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    // The CSV reading moved to `shared::csv`; its tests stay here, on export shapes.
    use crate::domain::shared::csv::*;

    fn strings(items: &[&str]) -> Vec<String> {
        items.iter().map(|s| (*s).to_owned()).collect()
    }

    fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).expect("valid test date")
    }

    fn mapping_of(pairs: &[(OrderField, usize)]) -> ColumnMapping {
        ColumnMapping {
            columns: pairs.iter().copied().collect(),
            ..ColumnMapping::default()
        }
    }

    // ----- fields and mapping --------------------------------------------------

    #[test]
    fn order_field_codes_round_trip_and_required_fields() {
        for field in OrderField::ALL {
            assert_eq!(OrderField::from_code(field.code()), Some(field));
            assert_eq!(OrderField::ALL[field.index()], field);
        }
        assert_eq!(OrderField::from_code("nope"), None);
        assert_eq!(OrderField::CostOfGoods.code(), "cost_of_goods");
        let required: Vec<_> = OrderField::ALL
            .into_iter()
            .filter(|f| f.is_required())
            .collect();
        assert_eq!(
            required,
            [
                OrderField::OrderNumber,
                OrderField::CustomerId,
                OrderField::OrderDate,
                OrderField::Currency,
                OrderField::Total
            ]
        );
    }

    #[test]
    fn column_mapping_survives_json() {
        let mut mapping = mapping_of(&[(OrderField::OrderNumber, 0), (OrderField::Total, 3)]);
        mapping.date_order = DateOrder::MonthFirst;
        mapping.decimal = DecimalStyle::Comma;
        mapping.default_channel = "AliExpress".into();
        mapping.default_currency = "EUR".into();
        let json = serde_json::to_string(&mapping).expect("serializes");
        assert!(json.contains("\"order_number\":0"), "{json}");
        assert!(json.contains("\"month_first\""), "{json}");
        let back: ColumnMapping = serde_json::from_str(&json).expect("deserializes");
        assert_eq!(back, mapping);
        let old: ColumnMapping =
            serde_json::from_str(r#"{"columns":{"total":2}}"#).expect("defaults");
        assert_eq!(old.columns.get(&OrderField::Total), Some(&2));
        assert_eq!(old.decimal, DecimalStyle::Auto);
    }

    #[test]
    fn aliases_are_unique_across_fields() {
        let mut all: Vec<&str> = ALIASES
            .iter()
            .flat_map(|(_, aliases)| aliases.iter().map(|a| a.trim_start_matches('=')))
            .collect();
        for alias in &all {
            assert_eq!(normalize_header(alias), *alias, "alias must be normalised");
        }
        let count = all.len();
        all.sort_unstable();
        all.dedup();
        assert_eq!(all.len(), count, "an alias appears twice");
        for (i, (field, _)) in ALIASES.iter().enumerate() {
            assert_eq!(*field, OrderField::ALL[i]);
        }
    }

    // ----- dates ------------------------------------------------------------------

    #[test]
    fn dates_in_every_supported_shape() {
        let day = DateOrder::DayFirst;
        let month = DateOrder::MonthFirst;
        assert_eq!(parse_date("1997-01-01", day), Ok(ymd(1997, 1, 1)));
        assert_eq!(parse_date("2024-3-7", day), Ok(ymd(2024, 3, 7)));
        assert_eq!(parse_date("19970101", day), Ok(ymd(1997, 1, 1)));
        assert_eq!(parse_date("01/02/2024", day), Ok(ymd(2024, 2, 1)));
        assert_eq!(parse_date("01/02/2024", month), Ok(ymd(2024, 1, 2)));
        assert_eq!(parse_date("1/2/2024", day), Ok(ymd(2024, 2, 1)));
        assert_eq!(parse_date("1/2/2024", month), Ok(ymd(2024, 1, 2)));
        assert_eq!(parse_date("01-02-2024", month), Ok(ymd(2024, 1, 2)));
        // Dots are day-first whatever the setting.
        assert_eq!(parse_date("01.02.2024", day), Ok(ymd(2024, 2, 1)));
        assert_eq!(parse_date("01.02.2024", month), Ok(ymd(2024, 2, 1)));
        assert_eq!(parse_date("2024/01/02", day), Ok(ymd(2024, 1, 2)));
        assert_eq!(parse_date("2024/01/02", month), Ok(ymd(2024, 1, 2)));
        assert_eq!(parse_date("2024.01.02", day), Ok(ymd(2024, 1, 2)));
        assert_eq!(parse_date("2024年1月2日", day), Ok(ymd(2024, 1, 2)));
        assert_eq!(parse_date("  2024-02-29  ", day), Ok(ymd(2024, 2, 29)));
    }

    #[test]
    fn time_parts_are_ignored() {
        let day = DateOrder::DayFirst;
        assert_eq!(parse_date("2024-01-02 13:45", day), Ok(ymd(2024, 1, 2)));
        assert_eq!(parse_date("2024-01-02T13:45:00", day), Ok(ymd(2024, 1, 2)));
        assert_eq!(parse_date("2024-01-02T13:45:00Z", day), Ok(ymd(2024, 1, 2)));
        assert_eq!(
            parse_date("2024-01-02T13:45:00.123+08:00", day),
            Ok(ymd(2024, 1, 2))
        );
        assert_eq!(
            parse_date("1/2/2024 1:45 PM", DateOrder::MonthFirst),
            Ok(ymd(2024, 1, 2))
        );
        assert_eq!(
            parse_date("2024年1月2日 08:00:00", day),
            Ok(ymd(2024, 1, 2))
        );
        assert_eq!(
            parse_date("2024-01-02 lunch", day),
            Err(RowProblem::BadDate)
        );
        assert_eq!(parse_date("2024-01-02T", day), Err(RowProblem::BadDate));
        assert_eq!(parse_date("2024-01-02 1345", day), Err(RowProblem::BadDate));
    }

    #[test]
    fn bad_date_shapes_and_impossible_dates_are_told_apart() {
        let day = DateOrder::DayFirst;
        for bad in [
            "",
            "abc",
            "2024",
            "2024-01",
            "2024-01-02-03",
            "01/02/24",
            "2024-01/02",
            "2024-001-02",
            "1997011",
            "199701011",
            "2024/1/",
            "x2024-01-02",
            "２０２４-01-02",
            "2024年1月",
            "24年1月2日",
        ] {
            assert_eq!(parse_date(bad, day), Err(RowProblem::BadDate), "{bad:?}");
        }
        for impossible in [
            "2023-02-29",
            "20230229",
            "31/04/2024",
            "2024-13-01",
            "2024-00-10",
            "2024/01/32",
        ] {
            assert_eq!(
                parse_date(impossible, day),
                Err(RowProblem::DateDoesNotExist),
                "{impossible:?}"
            );
        }
        // Month 13 only when read month-first.
        assert_eq!(parse_date("13/01/2024", day), Ok(ymd(2024, 1, 13)));
        assert_eq!(
            parse_date("13/01/2024", DateOrder::MonthFirst),
            Err(RowProblem::DateDoesNotExist)
        );
        assert_eq!(
            parse_date("01.13.2024", DateOrder::MonthFirst),
            Err(RowProblem::DateDoesNotExist)
        );
    }

    // ----- amounts ----------------------------------------------------------------

    #[test]
    fn amounts_in_point_style() {
        let p = DecimalStyle::Point;
        assert_eq!(parse_amount("1234.56", p, 2), Ok(123_456));
        assert_eq!(parse_amount("1,234.56", p, 2), Ok(123_456));
        assert_eq!(parse_amount("1,234,567.8", p, 2), Ok(123_456_780));
        assert_eq!(parse_amount("1 234.56", p, 2), Ok(123_456));
        assert_eq!(parse_amount("1'234.56", p, 2), Ok(123_456));
        assert_eq!(parse_amount("1234", p, 2), Ok(123_400));
        assert_eq!(parse_amount("1.234", p, 3), Ok(1_234));
        assert_eq!(parse_amount(".5", p, 2), Ok(50));
        assert_eq!(parse_amount("0.05", p, 2), Ok(5));
        assert_eq!(parse_amount("12,5", p, 2), Err(RowProblem::BadAmount));
        assert_eq!(parse_amount("1.234,56", p, 2), Err(RowProblem::BadAmount));
        assert_eq!(parse_amount("1.2.3", p, 2), Err(RowProblem::BadAmount));
    }

    #[test]
    fn amounts_in_comma_style() {
        let c = DecimalStyle::Comma;
        assert_eq!(parse_amount("1.234,56", c, 2), Ok(123_456));
        assert_eq!(parse_amount("1 234,56", c, 2), Ok(123_456));
        assert_eq!(parse_amount("1\u{a0}234,56", c, 2), Ok(123_456));
        assert_eq!(parse_amount("12,5", c, 2), Ok(1_250));
        assert_eq!(parse_amount("1.234", c, 2), Ok(123_400));
        assert_eq!(parse_amount("1234", c, 2), Ok(123_400));
        assert_eq!(parse_amount("1,234.56", c, 2), Err(RowProblem::BadAmount));
    }

    #[test]
    fn amounts_in_auto_style() {
        let a = DecimalStyle::Auto;
        assert_eq!(parse_amount("1234.56", a, 2), Ok(123_456));
        assert_eq!(parse_amount("1.234,56", a, 2), Ok(123_456));
        assert_eq!(parse_amount("1,234.56", a, 2), Ok(123_456));
        assert_eq!(parse_amount("1 234,56", a, 2), Ok(123_456));
        assert_eq!(parse_amount("1234", a, 2), Ok(123_400));
        assert_eq!(parse_amount("12,5", a, 2), Ok(1_250));
        assert_eq!(parse_amount("12.5", a, 2), Ok(1_250));
        assert_eq!(parse_amount("12,50", a, 2), Ok(1_250));
        assert_eq!(parse_amount("1.234.567,89", a, 2), Ok(123_456_789));
        assert_eq!(parse_amount("1,234,567", a, 2), Ok(123_456_700));
        assert_eq!(parse_amount("1.234.567", a, 2), Ok(123_456_700));
        assert_eq!(parse_amount("1,23,456", a, 2), Err(RowProblem::BadAmount));
        assert_eq!(parse_amount("1,234.56.7", a, 2), Err(RowProblem::BadAmount));
        assert_eq!(parse_amount("12 34", a, 2), Err(RowProblem::BadAmount));
        assert_eq!(parse_amount("1,,234", a, 2), Err(RowProblem::BadAmount));
    }

    #[test]
    fn a_lone_separator_before_three_digits_means_thousands() {
        let a = DecimalStyle::Auto;
        assert_eq!(parse_amount("1,234", a, 2), Ok(123_400));
        assert_eq!(parse_amount("1.234", a, 2), Ok(123_400));
        assert_eq!(parse_amount("123,456", a, 2), Ok(12_345_600));
        assert_eq!(parse_amount("1 234,567", a, 2), Ok(123_456_700));
        // Not thousands: other digit counts, a leading zero, or a 4-digit head.
        assert_eq!(parse_amount("1,23", a, 2), Ok(123));
        assert_eq!(parse_amount("1,2345", a, 4), Ok(12_345));
        assert_eq!(parse_amount("0,125", a, 3), Ok(125));
        assert_eq!(parse_amount(".125", a, 3), Ok(125));
        assert_eq!(parse_amount("1234,567", a, 3), Ok(1_234_567));
        assert_eq!(
            parse_amount("1234,567", a, 2),
            Err(RowProblem::TooManyDecimals { allowed: 2 })
        );
        // Explicit styles remove the ambiguity.
        assert_eq!(parse_amount("1,234", DecimalStyle::Comma, 3), Ok(1_234));
        assert_eq!(parse_amount("1.234", DecimalStyle::Point, 3), Ok(1_234));
    }

    #[test]
    fn amounts_for_zero_and_three_digit_currencies() {
        let a = DecimalStyle::Auto;
        // JPY
        assert_eq!(parse_amount("1500", a, 0), Ok(1_500));
        assert_eq!(parse_amount("¥1,500", a, 0), Ok(1_500));
        assert_eq!(parse_amount("1500.00", a, 0), Ok(1_500));
        assert_eq!(
            parse_amount("1500.5", a, 0),
            Err(RowProblem::TooManyDecimals { allowed: 0 })
        );
        // KWD
        assert_eq!(parse_amount("1.234", DecimalStyle::Point, 3), Ok(1_234));
        assert_eq!(parse_amount("12.5", a, 3), Ok(12_500));
        assert_eq!(parse_amount("0.125", a, 3), Ok(125));
        assert_eq!(
            parse_amount("1.2345", a, 3),
            Err(RowProblem::TooManyDecimals { allowed: 3 })
        );
        assert_eq!(parse_amount("1.2340", a, 3), Ok(1_234));
        // Auto reads a lone "1.234" as thousands even for KWD: the mapping's style decides.
        assert_eq!(parse_amount("1.234", a, 3), Ok(1_234_000));
    }

    #[test]
    fn currency_symbols_and_codes_are_stripped() {
        let a = DecimalStyle::Auto;
        assert_eq!(parse_amount("€12,50", a, 2), Ok(1_250));
        assert_eq!(parse_amount("12,50 €", a, 2), Ok(1_250));
        assert_eq!(parse_amount("12.50 USD", a, 2), Ok(1_250));
        assert_eq!(parse_amount("US$ 3.10", a, 2), Ok(310));
        assert_eq!(parse_amount("R$ 1.234,56", a, 2), Ok(123_456));
        assert_eq!(parse_amount("£0.99", a, 2), Ok(99));
        assert_eq!(parse_amount("￥88.00", a, 2), Ok(8_800));
        assert_eq!(parse_amount("88元", a, 2), Ok(8_800));
        assert_eq!(parse_amount("CHF 1'234.50", a, 2), Ok(123_450));
        assert_eq!(parse_amount("  42  ", a, 2), Ok(4_200));
        assert_eq!(parse_amount("+5", a, 2), Ok(500));
    }

    #[test]
    fn negatives_by_sign_or_parentheses() {
        let a = DecimalStyle::Auto;
        assert_eq!(parse_amount("-12.50", a, 2), Ok(-1_250));
        assert_eq!(parse_amount("(12.50)", a, 2), Ok(-1_250));
        assert_eq!(parse_amount("-€12,50", a, 2), Ok(-1_250));
        assert_eq!(parse_amount("€-12,50", a, 2), Ok(-1_250));
        assert_eq!(parse_amount("(€1,234.00)", a, 2), Ok(-123_400));
        assert_eq!(parse_amount("USD (3)", a, 2), Ok(-300));
        assert_eq!(parse_amount("-0", a, 2), Ok(0));
        assert_eq!(parse_amount("--5", a, 2), Err(RowProblem::BadAmount));
        assert_eq!(parse_amount("(5", a, 2), Err(RowProblem::BadAmount));
        assert_eq!(parse_amount("-(5)", a, 2), Err(RowProblem::BadAmount));
        assert_eq!(parse_amount("5-", a, 2), Err(RowProblem::BadAmount));
    }

    #[test]
    fn too_many_decimals_unless_extra_zeros() {
        let a = DecimalStyle::Auto;
        assert_eq!(parse_amount("12.345", a, 2), Ok(1_234_500)); // thousands (Auto)
        assert_eq!(
            parse_amount("12.345", DecimalStyle::Point, 2),
            Err(RowProblem::TooManyDecimals { allowed: 2 })
        );
        assert_eq!(
            parse_amount("0.001", a, 2),
            Err(RowProblem::TooManyDecimals { allowed: 2 })
        );
        assert_eq!(parse_amount("1.5000", a, 2), Ok(150));
        assert_eq!(parse_amount("1,5000", a, 2), Ok(150));
    }

    #[test]
    fn garbage_is_a_bad_amount() {
        for garbage in [
            "",
            "   ",
            "abc",
            "-",
            "()",
            "12abc34",
            "1e5",
            "10%",
            "12 apples",
            "N/A",
            "1..2",
            "1,.2",
            "USD",
            "€",
            "12 3",
            "#12",
            "1/2",
            "99999999999999999999999",
        ] {
            assert_eq!(
                parse_amount(garbage, DecimalStyle::Auto, 2),
                Err(RowProblem::BadAmount),
                "{garbage:?}"
            );
        }
        assert_eq!(
            parse_amount("92233720368547758.07", DecimalStyle::Point, 2),
            Ok(i64::MAX)
        );
        assert_eq!(
            parse_amount("-92233720368547758.08", DecimalStyle::Point, 2),
            Ok(i64::MIN)
        );
        assert_eq!(
            parse_amount("92233720368547758.08", DecimalStyle::Point, 2),
            Err(RowProblem::BadAmount)
        );
        assert_eq!(
            parse_amount("1", DecimalStyle::Point, 60),
            Err(RowProblem::BadAmount)
        );
    }

    // ----- CSV --------------------------------------------------------------------

    #[test]
    fn csv_with_bom_and_commas() {
        let file = parse_csv("\u{feff}Order ID,Total\nA1,12.50\nA2,3\n").expect("parses");
        assert_eq!(file.headers, strings(&["Order ID", "Total"]));
        assert_eq!(
            file.rows,
            vec![strings(&["A1", "12.50"]), strings(&["A2", "3"])]
        );
    }

    #[test]
    fn csv_delimiter_is_detected_from_the_header() {
        let semicolons =
            parse_csv("Pedido;Importe;Fecha\n1;1.234,56;01/02/2024\r\n").expect("parses");
        assert_eq!(semicolons.headers.len(), 3);
        assert_eq!(
            semicolons.rows,
            vec![strings(&["1", "1.234,56", "01/02/2024"])]
        );
        let tabs = parse_csv("a\tb\tc\n1,5\t2\t3\n").expect("parses");
        assert_eq!(tabs.rows, vec![strings(&["1,5", "2", "3"])]);
        // Delimiters inside quoted header names do not count.
        let quoted = parse_csv("\"a;b;c\",d\n1,2\n").expect("parses");
        assert_eq!(quoted.headers, strings(&["a;b;c", "d"]));
    }

    #[test]
    fn csv_quoted_fields_with_delimiters_newlines_and_quotes() {
        let text = "id,note,amount\n1,\"Calle 5, piso 2\",\"1,234.50\"\n2,\"line one\nline two\",3\n3,\"say \"\"hi\"\"\",4\n";
        let file = parse_csv(text).expect("parses");
        assert_eq!(
            file.rows,
            vec![
                strings(&["1", "Calle 5, piso 2", "1,234.50"]),
                strings(&["2", "line one\nline two", "3"]),
                strings(&["3", "say \"hi\"", "4"]),
            ]
        );
    }

    #[test]
    fn csv_with_chinese_headers() {
        let file = parse_csv(
            "订单号,买家ID,下单时间,币种,订单金额\nCN1,买家甲,2024-05-01 10:00:00,CNY,88.00\n",
        )
        .expect("parses");
        assert_eq!(
            file.headers,
            strings(&["订单号", "买家ID", "下单时间", "币种", "订单金额"])
        );
        assert_eq!(file.rows[0][1], "买家甲");
    }

    #[test]
    fn csv_limits_refuse_a_broken_export_before_building_rows() {
        // The broken export that used to crash the page: 200,000 commas in the header.
        let text = format!("Order ID{}\n1,2\n", ",".repeat(200_000));
        assert_eq!(
            parse_csv(&text),
            Err(FileError::TooManyColumns {
                line: 1,
                found: 200_001,
                limit: MAX_COLUMNS
            })
        );
        let header = vec!["c"; MAX_COLUMNS].join(",");
        assert!(parse_csv(&format!("{header}\n1\n")).is_ok());
        let long = format!("Order ID,Note\n1,ok\n2,{}\n", "x".repeat(MAX_ROW_BYTES));
        assert_eq!(
            parse_csv(&long),
            Err(FileError::RowTooLong {
                line: 3,
                bytes: MAX_ROW_BYTES + 1,
                limit: MAX_ROW_BYTES
            })
        );
        let fits = format!("Order ID,Note\n1,{}\n", "x".repeat(MAX_ROW_BYTES - 1));
        assert!(parse_csv(&fits).is_ok());
        // A quoted line break does not hide the line number of the broken row after it.
        let quoted = format!(
            "Order ID,Note\n1,\"two\nlines\"\n{}\n",
            ",".repeat(MAX_COLUMNS)
        );
        assert!(matches!(
            parse_csv(&quoted),
            Err(FileError::TooManyColumns { line: 4, .. })
        ));
    }

    #[test]
    fn csv_empty_and_header_only_files() {
        assert_eq!(parse_csv(""), Err(FileError::Empty));
        assert_eq!(parse_csv("\u{feff}"), Err(FileError::Empty));
        assert_eq!(parse_csv(" \r\n\n "), Err(FileError::Empty));
        assert_eq!(parse_csv("Order ID,Total"), Err(FileError::NoRows));
        assert_eq!(parse_csv("Order ID,Total\n\n\n"), Err(FileError::NoRows));
        assert_eq!(
            parse_csv("Order ID,Total\n,\n , \n"),
            Err(FileError::NoRows)
        );
        assert_eq!(
            FileError::NoRows.to_string(),
            "the file has a header but no data rows"
        );
    }

    #[test]
    fn csv_keeps_inner_blank_lines_so_row_numbers_match_the_spreadsheet() {
        for text in [
            "h1,h2\na,b\n\n\nc,d\n\n",
            "h1,h2\r\na,b\r\n\r\n\r\nc,d\r\n\r\n",
            "h1,h2\ra,b\r\r\rc,d\r",
        ] {
            let file = parse_csv(text).expect("parses");
            assert_eq!(
                file.rows,
                vec![strings(&["a", "b"]), vec![], vec![], strings(&["c", "d"])],
                "{text:?}"
            );
        }
        // A quoted newline stays inside one row.
        let file = parse_csv("h1,h2\n\"a\nx\",b\n\nc,d").expect("parses");
        assert_eq!(
            file.rows,
            vec![strings(&["a\nx", "b"]), vec![], strings(&["c", "d"])]
        );
    }

    #[test]
    fn csv_ragged_rows_are_kept_as_they_are() {
        let file = parse_csv("a,b,c\n1\n1,2,3,4\n").expect("parses");
        assert_eq!(
            file.rows,
            vec![strings(&["1"]), strings(&["1", "2", "3", "4"])]
        );
    }

    #[test]
    fn header_signature_is_case_and_space_insensitive() {
        let a = header_signature(&strings(&[" Order ID", "TOTAL ", "订单号"]));
        let b = header_signature(&strings(&["order id", "total", "订单号"]));
        assert_eq!(a, b);
        assert_eq!(a, "order id\u{1f}total\u{1f}订单号");
        assert_ne!(
            a,
            header_signature(&strings(&["total", "order id", "订单号"]))
        );
    }

    // ----- guessing ---------------------------------------------------------------

    #[test]
    fn guess_an_aliexpress_like_english_header() {
        let headers = strings(&[
            "Order ID",
            "Order Status",
            "Buyer Name",
            "Buyer ID",
            "Buyer Country",
            "Order Time",
            "Payment Time",
            "Product Total",
            "Shipping Cost",
            "Order Amount",
            "Currency",
            "Store Discount",
            "Refund Status",
            "Refund Amount",
            "Shipping Address",
            "Tracking Number",
        ]);
        let m = guess_mapping(&headers);
        let at = |f| m.columns.get(&f).copied();
        assert_eq!(at(OrderField::OrderNumber), Some(0));
        assert_eq!(at(OrderField::Status), Some(1));
        assert_eq!(at(OrderField::CustomerName), Some(2));
        assert_eq!(at(OrderField::CustomerId), Some(3));
        assert_eq!(at(OrderField::CustomerCountry), Some(4));
        assert_eq!(at(OrderField::OrderDate), Some(5));
        assert_eq!(at(OrderField::ShippingCost), Some(8));
        assert_eq!(at(OrderField::Total), Some(9));
        assert_eq!(at(OrderField::Currency), Some(10));
        assert_eq!(at(OrderField::Discount), Some(11));
        assert_eq!(at(OrderField::Refunded), Some(13));
        assert_eq!(at(OrderField::CostOfGoods), None);
        assert_eq!(at(OrderField::Channel), None);
        assert!(mapping_problems(&m, headers.len()).is_empty());
    }

    #[test]
    fn guess_a_chinese_header() {
        let headers = strings(&[
            "订单号",
            "平台",
            "买家ID",
            "买家姓名",
            "国家/地区",
            "下单时间",
            "订单状态",
            "币种",
            "订单金额",
            "商品成本",
            "运费",
            "优惠金额",
            "退款金额",
            "收货地址",
        ]);
        let m = guess_mapping(&headers);
        let expected = [
            (OrderField::OrderNumber, 0),
            (OrderField::Channel, 1),
            (OrderField::CustomerId, 2),
            (OrderField::CustomerName, 3),
            (OrderField::CustomerCountry, 4),
            (OrderField::OrderDate, 5),
            (OrderField::Status, 6),
            (OrderField::Currency, 7),
            (OrderField::Total, 8),
            (OrderField::CostOfGoods, 9),
            (OrderField::ShippingCost, 10),
            (OrderField::Discount, 11),
            (OrderField::Refunded, 12),
        ];
        assert_eq!(m.columns, expected.into_iter().collect::<BTreeMap<_, _>>());
    }

    #[test]
    fn guess_knows_each_documented_header_name_on_its_own() {
        use OrderField as F;
        for (header, field) in [
            ("Order ID", F::OrderNumber),
            ("订单号", F::OrderNumber),
            ("Buyer ID", F::CustomerId),
            ("买家ID", F::CustomerId),
            ("Customer", F::CustomerId),
            ("Order Date", F::OrderDate),
            ("下单时间", F::OrderDate),
            ("Date", F::OrderDate),
            ("Currency", F::Currency),
            ("币种", F::Currency),
            ("Order Amount", F::Total),
            ("Total", F::Total),
            ("订单金额", F::Total),
            ("Product Cost", F::CostOfGoods),
            ("COGS", F::CostOfGoods),
            ("成本", F::CostOfGoods),
            ("Shipping", F::ShippingCost),
            ("运费", F::ShippingCost),
            ("Discount", F::Discount),
            ("折扣", F::Discount),
            ("Refund", F::Refunded),
            ("退款", F::Refunded),
            ("Status", F::Status),
            ("状态", F::Status),
            ("Buyer Name", F::CustomerName),
            ("买家姓名", F::CustomerName),
            ("Country", F::CustomerCountry),
            ("国家", F::CustomerCountry),
            ("Platform", F::Channel),
            ("Channel", F::Channel),
            ("Marketplace", F::Channel),
            ("平台", F::Channel),
            (" order-id ", F::OrderNumber),
            ("BUYER_NAME", F::CustomerName),
        ] {
            let guessed = guess_mapping(&strings(&["something else", header]));
            assert_eq!(guessed.columns, BTreeMap::from([(field, 1)]), "{header:?}");
        }
    }

    #[test]
    fn guess_matches_loosely_and_uses_each_column_once() {
        let headers = strings(&[
            "ORDER_NO",
            "customer",
            "date",
            "Total (EUR)",
            "COGS",
            "Platform",
            "Name",
            "Total",
        ]);
        let m = guess_mapping(&headers);
        assert_eq!(m.columns.get(&OrderField::OrderNumber), Some(&0));
        assert_eq!(m.columns.get(&OrderField::CustomerId), Some(&1));
        assert_eq!(m.columns.get(&OrderField::OrderDate), Some(&2));
        // The exact "Total" wins over "Total (EUR)"; nothing else claims column 3.
        assert_eq!(m.columns.get(&OrderField::Total), Some(&7));
        assert_eq!(m.columns.get(&OrderField::CostOfGoods), Some(&4));
        assert_eq!(m.columns.get(&OrderField::Channel), Some(&5));
        assert_eq!(m.columns.get(&OrderField::CustomerName), Some(&6));
        let mut columns: Vec<usize> = m.columns.values().copied().collect();
        columns.sort_unstable();
        columns.dedup();
        assert_eq!(columns.len(), m.columns.len());

        let with_code = guess_mapping(&strings(&[
            "Order ID",
            "Buyer",
            "Date",
            "Order Amount (USD)",
        ]));
        assert_eq!(with_code.columns.get(&OrderField::Total), Some(&3));
        assert_eq!(with_code.default_currency, "USD");
        assert!(mapping_problems(&with_code, 4).is_empty());

        assert_eq!(
            guess_mapping(&strings(&["foo", "bar"])),
            ColumnMapping::default()
        );
        assert_eq!(guess_mapping(&[]), ColumnMapping::default());
    }

    #[test]
    fn mapping_problems_lists_what_blocks_a_preview() {
        use MappingProblem as P;
        use OrderField as F;
        let complete = mapping_of(&[
            (F::OrderNumber, 0),
            (F::CustomerId, 1),
            (F::OrderDate, 2),
            (F::Currency, 3),
            (F::Total, 4),
        ]);
        assert!(mapping_problems(&complete, 5).is_empty());

        assert_eq!(
            mapping_problems(&ColumnMapping::default(), 5),
            vec![
                P::Unmapped(F::OrderNumber),
                P::Unmapped(F::CustomerId),
                P::Unmapped(F::OrderDate),
                P::Unmapped(F::Currency),
                P::Unmapped(F::Total),
            ]
        );

        let mut no_currency = complete.clone();
        no_currency.columns.remove(&F::Currency);
        assert_eq!(
            mapping_problems(&no_currency, 5),
            vec![P::Unmapped(F::Currency)]
        );
        no_currency.default_currency = "eur".into();
        assert!(mapping_problems(&no_currency, 5).is_empty());
        no_currency.default_currency = "euro".into();
        assert_eq!(
            mapping_problems(&no_currency, 5),
            vec![P::BadDefaultCurrency("euro".into())]
        );

        let mut twice = complete.clone();
        twice.columns.insert(F::Status, 4);
        twice.columns.insert(F::CustomerName, 1);
        assert_eq!(
            mapping_problems(&twice, 5),
            vec![P::ColumnUsedTwice(1), P::ColumnUsedTwice(4)]
        );

        assert_eq!(
            mapping_problems(&complete, 4),
            vec![P::ColumnOutOfRange(F::Total, 4)]
        );
    }

    // ----- plan -------------------------------------------------------------------

    const SIX_ROWS: &str = "Order ID,Buyer ID,Order Date,Currency,Order Amount,Product Cost,Status,Buyer Name,Country\n\
        A1,b1,2024-01-05,USD,12.50,5,Shipped,Ana,es\n\
        A2,b2,05/01/2024,EUR,\"1.234,56\",,已完成,Bo,DE\n\
        A3,b1,2024-02-30,USD,10,,Paid,,\n\
        A4,b3,2024-01-06,XXXX,-3,,lost,Cy,FR\n\
        A5,b2,2024-01-07,usd,7,,refunded,,de\n\
        A6,b4,2024-01-08,JPY,\"¥1,500\",,cancelled,Dee,Japan\n";

    #[test]
    fn plan_rejects_exactly_the_bad_rows_by_file_line() {
        let file = parse_csv(SIX_ROWS).expect("parses");
        let mapping = guess_mapping(&file.headers);
        assert!(mapping_problems(&mapping, file.headers.len()).is_empty());
        let plan = plan_import(&file, &mapping);

        assert_eq!(plan.rows_total, 6);
        let error = |row, field, problem, value: &str| RowError {
            row,
            field,
            problem,
            value: value.to_owned(),
        };
        assert_eq!(
            plan.rejected,
            vec![
                error(
                    4,
                    OrderField::OrderDate,
                    RowProblem::DateDoesNotExist,
                    "2024-02-30"
                ),
                error(5, OrderField::Currency, RowProblem::UnknownCurrency, "XXXX"),
                error(5, OrderField::Total, RowProblem::NegativeAmount, "-3"),
                error(5, OrderField::Status, RowProblem::UnknownStatus, "lost"),
            ]
        );

        let numbers: Vec<&str> = plan.orders.iter().map(|o| o.number.as_str()).collect();
        assert_eq!(numbers, ["A1", "A2", "A5", "A6"]);
        let a1 = &plan.orders[0];
        assert_eq!(a1.id, "import:A1");
        assert_eq!(a1.channel, "import");
        assert_eq!(a1.customer_id, CustomerId("b1".into()));
        assert_eq!(a1.placed_on, ymd(2024, 1, 5));
        assert_eq!(a1.total.format_plain(), "12.50 USD");
        assert_eq!(a1.cost_of_goods, 500);
        assert_eq!((a1.shipping_cost, a1.discount, a1.refunded), (0, 0, 0));
        assert_eq!(plan.orders[1].total.format_plain(), "1234.56 EUR");
        assert_eq!(plan.orders[1].placed_on, ymd(2024, 1, 5));
        assert_eq!(plan.orders[2].total.format_plain(), "7.00 USD");
        assert_eq!(plan.orders[3].total.format_plain(), "1500 JPY");
        let statuses: Vec<OrderStatus> = plan.orders.iter().map(|o| o.status).collect();
        assert_eq!(
            statuses,
            [
                OrderStatus::Shipped,
                OrderStatus::Delivered,
                OrderStatus::Refunded,
                OrderStatus::Cancelled
            ]
        );

        // b3 only appears on a rejected row; b2's name comes from its first row.
        assert_eq!(
            plan.customers,
            vec![
                ReferencedCustomer {
                    id: CustomerId("b1".into()),
                    name: "Ana".into(),
                    country: "ES".into()
                },
                ReferencedCustomer {
                    id: CustomerId("b2".into()),
                    name: "Bo".into(),
                    country: "DE".into()
                },
                ReferencedCustomer {
                    id: CustomerId("b4".into()),
                    name: "Dee".into(),
                    country: String::new()
                },
            ]
        );
    }

    #[test]
    fn plan_reports_missing_required_cells_and_every_problem_of_a_row() {
        let file =
            parse_csv("id,buyer,date,total,ship,disc,refund\n,,,,,,\n1,,someday,abc,-1,0.001,x\n")
                .expect("parses");
        let mut mapping = mapping_of(&[
            (OrderField::OrderNumber, 0),
            (OrderField::CustomerId, 1),
            (OrderField::OrderDate, 2),
            (OrderField::Total, 3),
            (OrderField::ShippingCost, 4),
            (OrderField::Discount, 5),
            (OrderField::Refunded, 6),
        ]);
        mapping.default_currency = "USD".into();
        let plan = plan_import(&file, &mapping);
        // Row 2 is all empty cells: skipped, not counted.
        assert_eq!(plan.rows_total, 1);
        let got: Vec<(usize, OrderField, RowProblem)> = plan
            .rejected
            .iter()
            .map(|e| (e.row, e.field, e.problem.clone()))
            .collect();
        assert_eq!(
            got,
            vec![
                (3, OrderField::CustomerId, RowProblem::Missing),
                (3, OrderField::OrderDate, RowProblem::BadDate),
                (3, OrderField::Total, RowProblem::BadAmount),
                (3, OrderField::ShippingCost, RowProblem::NegativeAmount),
                (
                    3,
                    OrderField::Discount,
                    RowProblem::TooManyDecimals { allowed: 2 }
                ),
                (3, OrderField::Refunded, RowProblem::BadAmount),
            ]
        );
        assert!(plan.orders.is_empty() && plan.customers.is_empty());

        let missing = parse_csv("id,buyer,date,total\n,b,2024-01-01,\n").expect("parses");
        let mut m = mapping_of(&[
            (OrderField::OrderNumber, 0),
            (OrderField::CustomerId, 1),
            (OrderField::OrderDate, 2),
            (OrderField::Total, 3),
        ]);
        let plan = plan_import(&missing, &m);
        let got: Vec<(OrderField, RowProblem)> = plan
            .rejected
            .iter()
            .map(|e| (e.field, e.problem.clone()))
            .collect();
        assert_eq!(
            got,
            vec![
                (OrderField::OrderNumber, RowProblem::Missing),
                (OrderField::Currency, RowProblem::Missing),
                (OrderField::Total, RowProblem::Missing),
            ]
        );
        m.default_currency = "KWD".into();
        let digits = parse_csv("id,buyer,date,total\n1,b,2024-01-01,1.2345\n").expect("parses");
        let plan = plan_import(&digits, &m);
        assert_eq!(
            plan.rejected[0].problem,
            RowProblem::TooManyDecimals { allowed: 3 }
        );
    }

    #[test]
    fn plan_rejects_duplicates_within_the_file() {
        let text = "no,channel,buyer,date,cur,total\n\
            1,amazon,b,2024-01-01,USD,1\n\
            1,ebay,b,2024-01-01,USD,1\n\
            1,amazon,b,2024-01-02,USD,2\n\
            \n\
            2,,b,2024-01-01,USD,1\n\
            2,,b,bad,USD,1\n\
            3,,b,bad,USD,1\n\
            3,,b,2024-01-03,USD,1\n\
            3,,b,2024-01-03,USD,1\n";
        let file = parse_csv(text).expect("parses");
        let mut mapping = mapping_of(&[
            (OrderField::OrderNumber, 0),
            (OrderField::Channel, 1),
            (OrderField::CustomerId, 2),
            (OrderField::OrderDate, 3),
            (OrderField::Currency, 4),
            (OrderField::Total, 5),
        ]);
        mapping.default_channel = " shopify ".into();
        let plan = plan_import(&file, &mapping);
        let ids: Vec<&str> = plan.orders.iter().map(|o| o.id.as_str()).collect();
        assert_eq!(ids, ["amazon:1", "ebay:1", "shopify:2", "shopify:3"]);
        let got: Vec<(usize, RowProblem)> = plan
            .rejected
            .iter()
            .map(|e| (e.row, e.problem.clone()))
            .collect();
        assert_eq!(
            got,
            vec![
                (4, RowProblem::DuplicateInFile { first_row: 2 }),
                // Row 5 is blank. Row 7: a bad date, and a duplicate of row 6.
                (7, RowProblem::BadDate),
                (7, RowProblem::DuplicateInFile { first_row: 6 }),
                // Row 8 was rejected, so row 9 is the first "3"; row 10 repeats it.
                (8, RowProblem::BadDate),
                (10, RowProblem::DuplicateInFile { first_row: 9 }),
            ]
        );
        assert_eq!(plan.rejected[0].field, OrderField::OrderNumber);
        assert_eq!(plan.rejected[0].value, "1");
        assert_eq!(plan.rows_total, 8);
        assert_eq!(plan.customers.len(), 1);
    }

    #[test]
    fn plan_uses_default_channel_and_currency() {
        let file = parse_csv(
            "Order ID;Buyer;Date;Total;Currency\nX1;b9;02/01/2024;12,5;\nX2;b9;02/01/2024;3;GBP\n",
        )
        .expect("parses");
        let mut mapping = guess_mapping(&file.headers);
        mapping.default_channel = "AliExpress".into();
        mapping.default_currency = "eur".into();
        mapping.date_order = DateOrder::MonthFirst;
        mapping.decimal = DecimalStyle::Comma;
        let plan = plan_import(&file, &mapping);
        assert!(plan.rejected.is_empty(), "{:?}", plan.rejected);
        assert_eq!(plan.orders[0].id, "AliExpress:X1");
        assert_eq!(plan.orders[0].channel, "AliExpress");
        assert_eq!(plan.orders[0].total.format_plain(), "12.50 EUR");
        assert_eq!(plan.orders[0].placed_on, ymd(2024, 2, 1));
        assert_eq!(plan.orders[0].status, OrderStatus::Delivered);
        assert_eq!(plan.orders[1].total.format_plain(), "3.00 GBP");
        assert_eq!(
            plan.customers,
            vec![ReferencedCustomer {
                id: CustomerId("b9".into()),
                name: String::new(),
                country: String::new()
            }]
        );

        // Without a currency column at all, the default applies to every row.
        let mut no_column = mapping.clone();
        no_column.columns.remove(&OrderField::Currency);
        no_column.default_currency = "JPY".into();
        no_column.decimal = DecimalStyle::Auto;
        let plan = plan_import(&file, &no_column);
        assert_eq!(plan.orders.len(), 1);
        assert_eq!(plan.orders[0].total.format_plain(), "3 JPY");
        assert_eq!(
            plan.rejected[0].problem,
            RowProblem::TooManyDecimals { allowed: 0 }
        );
    }

    #[test]
    fn plan_fills_customer_details_from_later_accepted_rows() {
        let file = parse_csv(
            "id,buyer,date,cur,total,name,country\n1,c1,2024-01-01,USD,1,,\n2,c2,2024-01-01,USD,1,Zoe,usa\n3,c1,2024-01-01,USD,1,Carl,mx\n4,c1,2024-01-01,USD,1,Other,FR\n",
        )
        .expect("parses");
        let plan = plan_import(&file, &guess_mapping(&file.headers));
        assert_eq!(
            plan.customers,
            vec![
                ReferencedCustomer {
                    id: CustomerId("c1".into()),
                    name: "Carl".into(),
                    country: "MX".into()
                },
                ReferencedCustomer {
                    id: CustomerId("c2".into()),
                    name: "Zoe".into(),
                    country: String::new()
                },
            ]
        );
    }

    #[test]
    fn statuses_in_several_languages() {
        use OrderStatus::*;
        for (text, status) in [
            ("paid", Paid),
            ("PAID", Paid),
            ("已付款", Paid),
            ("Pagado", Paid),
            ("WAIT_SELLER_SEND_GOODS", Paid),
            ("Shipped", Shipped),
            ("已发货", Shipped),
            ("Enviado", Shipped),
            ("In Transit", Shipped),
            ("delivered", Delivered),
            ("Completed", Delivered),
            ("FINISH", Delivered),
            ("finished", Delivered),
            ("已完成", Delivered),
            ("交易成功", Delivered),
            ("Entregado", Delivered),
            ("refunded", Refunded),
            ("退款", Refunded),
            ("Reembolsado", Refunded),
            ("cancelled", Cancelled),
            ("Canceled", Cancelled),
            ("已取消", Cancelled),
            ("交易关闭", Cancelled),
            ("Cancelado", Cancelled),
            ("IN_CANCEL", Cancelled),
        ] {
            assert_eq!(parse_status(text), Some(status), "{text:?}");
        }
        for unknown in ["lost", "awaiting payment?", "待付款", &"x".repeat(100)] {
            assert_eq!(parse_status(unknown), None, "{unknown:?}");
        }
    }

    #[test]
    fn plan_maps_statuses_and_defaults_empty_to_delivered() {
        let file = parse_csv(
            "id,buyer,date,cur,total,status\n1,b,2024-01-01,USD,1,\n2,b,2024-01-01,USD,1,已发货\n3,b,2024-01-01,USD,1,Cancelado\n4,b,2024-01-01,USD,1,???\n",
        )
        .expect("parses");
        let plan = plan_import(&file, &guess_mapping(&file.headers));
        let statuses: Vec<OrderStatus> = plan.orders.iter().map(|o| o.status).collect();
        assert_eq!(
            statuses,
            [
                OrderStatus::Delivered,
                OrderStatus::Shipped,
                OrderStatus::Cancelled
            ]
        );
        assert_eq!(
            plan.rejected,
            vec![RowError {
                row: 5,
                field: OrderField::Status,
                problem: RowProblem::UnknownStatus,
                value: "???".into()
            }]
        );
    }

    #[test]
    fn plan_with_a_multiline_cell_counts_spreadsheet_rows() {
        let file = parse_csv(
            "id,buyer,date,cur,total,name\n1,b,2024-01-01,USD,1,\"two\nlines\"\n2,b,nope,USD,1,x\n",
        )
        .expect("parses");
        let plan = plan_import(&file, &guess_mapping(&file.headers));
        assert_eq!(plan.rejected.len(), 1);
        assert_eq!(plan.rejected[0].row, 3);
    }

    #[test]
    fn plan_tolerates_short_rows_and_out_of_range_mappings() {
        let file = parse_csv("id,buyer,date,cur,total\n1,b\n").expect("parses");
        let mut mapping = guess_mapping(&file.headers);
        mapping.columns.insert(OrderField::Status, 99);
        let plan = plan_import(&file, &mapping);
        assert_eq!(plan.rows_total, 1);
        let fields: Vec<OrderField> = plan.rejected.iter().map(|e| e.field).collect();
        assert_eq!(
            fields,
            [
                OrderField::OrderDate,
                OrderField::Currency,
                OrderField::Total
            ]
        );
    }

    #[test]
    fn hash_index_keeps_different_keys_that_share_a_hash_apart() {
        let keys = ["a", "b", "a", "b", "c"];
        let mut index: HashIndex<&str> = HashIndex::default();
        let mut found = Vec::new();
        for (position, key) in keys.iter().enumerate() {
            // Every key gets the same hash, forcing the exact side table.
            found.push(index.get_or_insert(7, *key, position, |p| keys[p] == *key));
        }
        assert_eq!(found, [None, None, Some(0), Some(1), None]);
        assert_eq!(index.get(7, &"c", |p| keys[p] == "c"), Some(4));
        assert_eq!(index.get(7, &"d", |p| keys[p] == "d"), None);
        assert_eq!(index.get(8, &"a", |p| keys[p] == "a"), None);
        assert_ne!(hash_strs(&["ab", "c"]), hash_strs(&["a", "bc"]));
    }

    /// `cargo test --release --lib order_import::tests::a_million_rows -- --ignored --nocapture`
    #[test]
    #[ignore = "performance check, run by hand in release mode"]
    fn a_million_rows() {
        /// Wall time and, on Linux, this thread's CPU time (immune to a busy machine).
        fn timed<T>(label: &str, work: impl FnOnce() -> T) -> T {
            let cpu = || {
                std::fs::read_to_string("/proc/thread-self/schedstat")
                    .ok()
                    .and_then(|s| s.split_whitespace().next()?.parse::<u64>().ok())
            };
            let (wall, cpu_before) = (std::time::Instant::now(), cpu());
            let result = work();
            let cpu_ms = cpu().zip(cpu_before).map(|(a, b)| (a - b) / 1_000_000);
            eprintln!("{label}: {:?} wall, {cpu_ms:?} ms cpu", wall.elapsed());
            result
        }
        let rows: Vec<Vec<String>> = (0..1_000_000)
            .map(|i| {
                strings(&[
                    &format!("ORD-{i:08}"),
                    &format!("buyer-{}", i % 50_000),
                    "2024-03-15 10:22:00",
                    "USD",
                    "1,234.56",
                    "12.00",
                    "Completed",
                    "Ana",
                    "ES",
                ])
            })
            .collect();
        let file = ParsedFile {
            headers: strings(&[
                "Order ID",
                "Buyer ID",
                "Order Date",
                "Currency",
                "Order Amount",
                "COGS",
                "Status",
                "Buyer Name",
                "Country",
            ]),
            rows,
        };
        let mapping = guess_mapping(&file.headers);
        let plan = timed("plan_import 1M rows", || plan_import(&file, &mapping));
        assert_eq!(plan.orders.len(), 1_000_000);
        assert_eq!(plan.customers.len(), 50_000);
        drop(plan);
        let plan = timed("plan_import 1M rows, warm allocator", || {
            plan_import(&file, &mapping)
        });
        drop(plan);
        timed("baseline: cloning 4 strings per row", || {
            file.rows
                .iter()
                .map(|r| (r[0].clone(), r[1].clone(), r[2].clone(), r[3].clone()))
                .collect::<Vec<_>>()
        });

        let mut text = String::from("Order ID,Buyer ID,Order Date,Currency,Order Amount\n");
        for i in 0..1_000_000 {
            text.push_str(&format!(
                "ORD-{i:08},buyer-{},2024-03-15,USD,\"1,234.56\"\n",
                i % 50_000
            ));
        }
        let parsed = timed("parse_csv 1M rows", || parse_csv(&text).expect("parses"));
        assert_eq!(parsed.rows.len(), 1_000_000);
    }

    #[cfg(not(target_arch = "wasm32"))]
    mod properties {
        use super::super::*;
        use crate::domain::shared::csv::*;
        use proptest::prelude::*;

        fn format_minor(minor: i64, digits: u32) -> String {
            let sign = if minor < 0 { "-" } else { "" };
            let abs = minor.unsigned_abs();
            if digits == 0 {
                return format!("{sign}{abs}");
            }
            let scale = 10u64.pow(digits);
            format!(
                "{sign}{}.{:0width$}",
                abs / scale,
                abs % scale,
                width = digits as usize
            )
        }

        fn style() -> impl Strategy<Value = DecimalStyle> {
            prop_oneof![
                Just(DecimalStyle::Auto),
                Just(DecimalStyle::Point),
                Just(DecimalStyle::Comma)
            ]
        }

        fn date_order() -> impl Strategy<Value = DateOrder> {
            prop_oneof![Just(DateOrder::DayFirst), Just(DateOrder::MonthFirst)]
        }

        fn mapping() -> impl Strategy<Value = ColumnMapping> {
            (
                proptest::collection::vec(proptest::option::of(0usize..8), 13),
                date_order(),
                style(),
                "[a-zA-Z€]{0,4}",
                "[a-zA-Z:]{0,4}",
            )
                .prop_map(|(columns, date_order, decimal, currency, channel)| {
                    ColumnMapping {
                        columns: OrderField::ALL
                            .into_iter()
                            .zip(columns)
                            .filter_map(|(f, c)| c.map(|c| (f, c)))
                            .collect(),
                        date_order,
                        decimal,
                        default_channel: channel,
                        default_currency: currency,
                    }
                })
        }

        proptest! {
            #[test]
            fn parse_amount_never_panics(text in any::<String>(), style in style(), digits in 0u32..45) {
                let _ = parse_amount(&text, style, digits);
            }

            #[test]
            fn parse_amount_never_panics_on_number_like_text(
                text in "[-+() 0-9.,'$€¥A-Z\u{a0}]{0,24}", style in style(), digits in 0u32..5,
            ) {
                let _ = parse_amount(&text, style, digits);
            }

            #[test]
            fn point_formatted_amounts_round_trip(minor in any::<i64>(), digits in 0u32..=3) {
                let text = format_minor(minor, digits);
                prop_assert_eq!(parse_amount(&text, DecimalStyle::Point, digits), Ok(minor), "{}", text);
                let comma = text.replace('.', ",");
                prop_assert_eq!(parse_amount(&comma, DecimalStyle::Comma, digits), Ok(minor), "{}", comma);
            }

            #[test]
            fn parse_date_never_panics(text in any::<String>(), order in date_order()) {
                let _ = parse_date(&text, order);
            }

            #[test]
            fn valid_dates_round_trip(days in 0i64..200_000, order in date_order()) {
                let date = NaiveDate::from_ymd_opt(1900, 1, 1).unwrap() + chrono::Duration::days(days);
                prop_assert_eq!(parse_date(&date.format("%Y-%m-%d").to_string(), order), Ok(date));
                prop_assert_eq!(parse_date(&date.format("%Y%m%d").to_string(), order), Ok(date));
                prop_assert_eq!(parse_date(&date.format("%d.%m.%Y").to_string(), order), Ok(date));
                let slashed = match order {
                    DateOrder::DayFirst => date.format("%d/%m/%Y 13:45").to_string(),
                    DateOrder::MonthFirst => date.format("%-m/%-d/%Y").to_string(),
                };
                prop_assert_eq!(parse_date(&slashed, order), Ok(date));
            }

            /// A valid export with one line made very wide or very long (a broken
            /// export): over a limit it is refused naming that line, under it the
            /// file still parses and every other row still plans.
            #[test]
            fn wide_and_long_lines_are_refused_by_line_or_read(
                at in 0usize..7,
                columns in prop::sample::select(vec![1usize, 9, MAX_COLUMNS - 1, MAX_COLUMNS, MAX_COLUMNS + 1, 200_000]),
                cell_bytes in prop::sample::select(vec![1usize, 1000, MAX_ROW_BYTES / 2, MAX_ROW_BYTES + 1, 3 * MAX_ROW_BYTES]),
                crlf in any::<bool>(),
            ) {
                let mut lines: Vec<String> = super::SIX_ROWS.lines().map(str::to_owned).collect();
                let wide = format!("{}{}", "x".repeat(cell_bytes), ",".repeat(columns - 1));
                lines[at] = wide;
                let text = lines.join(if crlf { "\r\n" } else { "\n" });
                let line = at as u64 + 1;
                match parse_csv(&text) {
                    Err(FileError::TooManyColumns { line: l, found, limit }) => {
                        prop_assert!(columns > MAX_COLUMNS);
                        prop_assert_eq!((l, found, limit), (line, columns, MAX_COLUMNS));
                    }
                    Err(FileError::RowTooLong { line: l, bytes, limit }) => {
                        prop_assert!(columns <= MAX_COLUMNS && cell_bytes > MAX_ROW_BYTES);
                        prop_assert_eq!((l, bytes, limit), (line, cell_bytes, MAX_ROW_BYTES));
                    }
                    Ok(file) => {
                        prop_assert!(columns <= MAX_COLUMNS && cell_bytes <= MAX_ROW_BYTES);
                        prop_assert_eq!(file.rows.len(), 6);
                        let plan = plan_import(&file, &guess_mapping(&file.headers));
                        if at > 0 {
                            // Every untouched row plans as it did before.
                            let before = parse_csv(super::SIX_ROWS).map(|f| plan_import(&f, &guess_mapping(&f.headers)).orders.len());
                            prop_assert!(matches!(before, Ok(n) if plan.orders.len() + 1 >= n), "{} orders", plan.orders.len());
                        }
                        let customers = crate::domain::customer_import::guess_customer_mapping(&file.headers);
                        let _ = crate::domain::customer_import::customer_mapping_problems(&customers, file.headers.len());
                    }
                    Err(other) => prop_assert!(false, "{other}"),
                }
            }

            #[test]
            fn csv_and_plan_never_panic_on_arbitrary_text(text in any::<String>(), mapping in mapping()) {
                if let Ok(file) = parse_csv(&text) {
                    let guessed = guess_mapping(&file.headers);
                    let _ = mapping_problems(&guessed, file.headers.len());
                    let _ = plan_import(&file, &guessed);
                    let _ = plan_import(&file, &mapping);
                }
            }

            #[test]
            fn csv_and_plan_never_panic_on_csv_like_text(
                text in "[a-zA-Z0-9,;\t\"\r\n .:/()€¥年月日-]{0,400}", mapping in mapping(),
            ) {
                if let Ok(file) = parse_csv(&text) {
                    prop_assert!(!file.rows.is_empty());
                    let plan = plan_import(&file, &mapping);
                    prop_assert!(plan.orders.len() <= plan.rows_total);
                    prop_assert!(plan.rows_total <= file.rows.len());
                    let mut rejected_rows: Vec<usize> = plan.rejected.iter().map(|e| e.row).collect();
                    prop_assert!(rejected_rows.windows(2).all(|w| w[0] <= w[1]));
                    rejected_rows.dedup();
                    prop_assert_eq!(rejected_rows.len() + plan.orders.len(), plan.rows_total);
                    prop_assert!(rejected_rows.iter().all(|&r| r >= 2 && r < file.rows.len() + 2));
                }
            }
        }
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod fuzz;
