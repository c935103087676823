//! The order fields, the column mapping the rep confirms (date order, decimal style,
//! default currency) and guessing it from the header names.

use super::*;
use crate::domain::orders::CurrencyCode;
use crate::domain::shared::csv::match_header_aliases;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

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
        /// What was bought, for replies to quote (product title as listed).
        Product = "product",
        Quantity = "quantity",
        Carrier = "carrier",
        TrackingNumber = "tracking_number",
        /// The delivery date promised to the buyer.
        PromisedDate = "promised_date",
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
    pub(super) fn index(self) -> usize {
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
pub(super) const ALIASES: [(OrderField, &[&str]); OrderField::ALL.len()] = [
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
    // The order's details. Listed after the fields above, so a whole-header match
    // there wins; none of these names is inside a header the fields above know.
    (
        OrderField::Product,
        &[
            "producttitle",
            "productname",
            "itemtitle",
            "itemname",
            "=product",
            "=item",
            "=title",
            "=products",
            "=items",
            "skutitle",
            "skuname",
            "listingtitle",
            "商品名称",
            "产品名称",
            "商品标题",
            "宝贝标题",
            "宝贝名称",
            "=商品",
            "=产品",
            "=宝贝",
        ],
    ),
    (
        OrderField::Quantity,
        &[
            "quantity",
            "=qty",
            "qtyordered",
            "qtypurchased",
            "quantitypurchased",
            "=pcs",
            "=units",
            "购买数量",
            "商品数量",
            "=数量",
            "=件数",
        ],
    ),
    (
        OrderField::Carrier,
        &[
            "carrier",
            "shippingcarrier",
            "logisticscompany",
            "shippingcompany",
            "courier",
            "deliverycompany",
            "expresscompany",
            "物流公司",
            "快递公司",
            "承运商",
            "承运人",
            "物流商",
            "=快递",
            "=物流",
        ],
    ),
    (
        OrderField::TrackingNumber,
        &[
            "trackingnumber",
            "trackingno",
            "trackingid",
            "trackingcode",
            "=tracking",
            "waybill",
            "=awb",
            "awbnumber",
            "运单号",
            "物流单号",
            "快递单号",
            "跟踪号",
            "追踪号",
        ],
    ),
    (
        OrderField::PromisedDate,
        &[
            "promiseddate",
            "promisedate",
            "promiseddeliverydate",
            "estimateddelivery",
            "deliverby",
            "expecteddelivery",
            "latestdeliverydate",
            "预计送达",
            "承诺送达",
            "预计到达时间",
            "最晚送达",
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

pub(super) fn normalize_header(header: &str) -> String {
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
