//! Orders: status and cost names, order-import fields and row problems.

use super::*;
use crate::domain::exchange::orders_import::{DateOrder, MappingProblem, OrderField, RowProblem};
use crate::domain::orders::{CostKind, OrderStatus};

pub fn order_status_name(lang: Lang, status: OrderStatus) -> &'static str {
    match (lang, status) {
        (Lang::En, OrderStatus::Paid) => "Paid",
        (Lang::En, OrderStatus::Shipped) => "Shipped",
        (Lang::En, OrderStatus::Delivered) => "Delivered",
        (Lang::En, OrderStatus::Refunded) => "Refunded",
        (Lang::En, OrderStatus::Cancelled) => "Cancelled",
        (Lang::Zh, OrderStatus::Paid) => "已付款",
        (Lang::Zh, OrderStatus::Shipped) => "已发货",
        (Lang::Zh, OrderStatus::Delivered) => "已送达",
        (Lang::Zh, OrderStatus::Refunded) => "已退款",
        (Lang::Zh, OrderStatus::Cancelled) => "已取消",
    }
}

pub fn cost_kind_name(lang: Lang, kind: CostKind) -> &'static str {
    match (lang, kind) {
        (Lang::En, CostKind::ComplaintHandling) => "Complaint handling",
        (Lang::En, CostKind::ServiceContact) => "Service contact",
        (Lang::En, CostKind::Compensation) => "Compensation",
        (Lang::En, CostKind::Other) => "Other",
        (Lang::Zh, CostKind::ComplaintHandling) => "投诉处理",
        (Lang::Zh, CostKind::ServiceContact) => "服务沟通",
        (Lang::Zh, CostKind::Compensation) => "赔偿",
        (Lang::Zh, CostKind::Other) => "其他",
    }
}

pub fn order_field_name(lang: Lang, field: OrderField) -> &'static str {
    use OrderField::*;
    match (lang, field) {
        (Lang::En, OrderNumber) => "Order number",
        (Lang::En, CustomerId) => "Customer ID",
        (Lang::En, OrderDate) => "Order date",
        (Lang::En, Channel) => "Marketplace",
        (Lang::En, Currency) => "Currency",
        (Lang::En, Total) => "Order total",
        (Lang::En, CostOfGoods) => "Cost of goods",
        (Lang::En, ShippingCost) => "Shipping paid by us",
        (Lang::En, Discount) => "Discount",
        (Lang::En, Refunded) => "Refunded",
        (Lang::En, Status) => "Status",
        (Lang::En, CustomerName) => "Customer name",
        (Lang::En, CustomerCountry) => "Customer country",
        (Lang::En, Product) => "Product",
        (Lang::En, Quantity) => "Quantity",
        (Lang::En, Carrier) => "Carrier",
        (Lang::En, TrackingNumber) => "Tracking number",
        (Lang::En, PromisedDate) => "Promised delivery date",
        (Lang::Zh, OrderNumber) => "订单号",
        (Lang::Zh, CustomerId) => "客户 ID",
        (Lang::Zh, OrderDate) => "下单日期",
        (Lang::Zh, Channel) => "平台",
        (Lang::Zh, Currency) => "币种",
        (Lang::Zh, Total) => "订单金额",
        (Lang::Zh, CostOfGoods) => "商品成本",
        (Lang::Zh, ShippingCost) => "我方承担运费",
        (Lang::Zh, Discount) => "折扣",
        (Lang::Zh, Refunded) => "退款",
        (Lang::Zh, Status) => "状态",
        (Lang::Zh, CustomerName) => "客户姓名",
        (Lang::Zh, CustomerCountry) => "客户国家/地区",
        (Lang::Zh, Product) => "商品",
        (Lang::Zh, Quantity) => "数量",
        (Lang::Zh, Carrier) => "物流公司",
        (Lang::Zh, TrackingNumber) => "物流单号",
        (Lang::Zh, PromisedDate) => "承诺送达日期",
    }
}

/// Why an import row was rejected, with what to do about it.
pub fn row_problem_message(lang: Lang, problem: &RowProblem) -> String {
    match (lang, problem) {
        (Lang::En, RowProblem::Missing) => "Empty: this field is required.".into(),
        (Lang::En, RowProblem::BadDate) => {
            "Not a date we can read: use 2024-01-31, 20240131 or 31/01/2024.".into()
        }
        (Lang::En, RowProblem::DateDoesNotExist) => {
            "That date does not exist on the calendar.".into()
        }
        (Lang::En, RowProblem::BadAmount) => {
            "Not an amount: use digits with one decimal separator, e.g. 1234.56.".into()
        }
        (Lang::En, RowProblem::TooManyDecimals { allowed }) => {
            format!("Too many decimals for this currency (at most {allowed}).")
        }
        (Lang::En, RowProblem::NegativeAmount) => {
            "Negative amount: enter refunds in the refund column.".into()
        }
        (Lang::En, RowProblem::UnknownCurrency) => {
            "Unknown currency: use a three-letter code such as EUR.".into()
        }
        (Lang::En, RowProblem::UnknownStatus) => {
            "Unknown status: use paid, shipped, delivered, refunded or cancelled.".into()
        }
        (Lang::En, RowProblem::BadQuantity) => {
            "Not a quantity: use a whole number from 1 to 1,000,000, such as 2.".into()
        }
        (Lang::En, RowProblem::TooLong { max }) => format!(
            "Too long: at most {max} characters. Check that the right column is chosen for this field."
        ),
        (Lang::En, RowProblem::DuplicateInFile { first_row }) => {
            format!("The same order already appears on line {first_row}.")
        }
        (Lang::Zh, RowProblem::Missing) => "为空：此字段为必填。".into(),
        (Lang::Zh, RowProblem::BadDate) => {
            "无法识别的日期：请使用 2024-01-31、20240131 或 31/01/2024。".into()
        }
        (Lang::Zh, RowProblem::DateDoesNotExist) => "日期不存在（如 2 月 30 日），请检查日和月。".into(),
        (Lang::Zh, RowProblem::BadAmount) => {
            "金额格式有误：只能填数字和一个小数点，如 1234.56。".into()
        }
        (Lang::Zh, RowProblem::TooManyDecimals { allowed }) => {
            format!("小数位过多（该币种最多 {allowed} 位）。")
        }
        (Lang::Zh, RowProblem::NegativeAmount) => "金额为负：退款请填在退款列。".into(),
        (Lang::Zh, RowProblem::UnknownCurrency) => {
            "未知币种：请使用三个字母的代码，如 EUR。".into()
        }
        (Lang::Zh, RowProblem::UnknownStatus) => {
            "无法识别的订单状态：请填写 已付款、已发货、已送达、已退款、已取消（或 paid、shipped、delivered、refunded、cancelled）。".into()
        }
        (Lang::Zh, RowProblem::BadQuantity) => {
            "数量格式有误：请填写 1 到 1,000,000 之间的整数，如 2。".into()
        }
        (Lang::Zh, RowProblem::TooLong { max }) => {
            format!("内容过长：最多 {max} 个字。请确认此字段对应的列是否正确。")
        }
        (Lang::Zh, RowProblem::DuplicateInFile { first_row }) => {
            format!("同一订单已出现在第 {first_row} 行。")
        }
    }
}

/// What is wrong with the column mapping of an orders file, and what to choose.
pub fn mapping_problem_message(lang: Lang, problem: &MappingProblem, headers: &[String]) -> String {
    let column = |i: &usize| {
        headers
            .get(*i)
            .cloned()
            .unwrap_or_else(|| format!("#{}", i + 1))
    };
    match (lang, problem) {
        (Lang::En, MappingProblem::Unmapped(f)) => {
            format!("Choose the column for “{}”.", order_field_name(lang, *f))
        }
        (Lang::Zh, MappingProblem::Unmapped(f)) => {
            format!("请为“{}”选择对应的列。", order_field_name(lang, *f))
        }
        (Lang::En, MappingProblem::ColumnUsedTwice(i)) => {
            format!("Column “{}” is mapped to two fields.", column(i))
        }
        (Lang::Zh, MappingProblem::ColumnUsedTwice(i)) => {
            format!("列“{}”同时对应了两个字段，请只保留一个。", column(i))
        }
        (Lang::En, MappingProblem::ColumnOutOfRange(f, _)) => format!(
            "The column chosen for “{}” is not in this file.",
            order_field_name(lang, *f)
        ),
        (Lang::Zh, MappingProblem::ColumnOutOfRange(f, _)) => {
            format!("为“{}”选择的列不在此文件中。", order_field_name(lang, *f))
        }
        (Lang::En, MappingProblem::BadDefaultCurrency(c)) => {
            format!("“{c}” is not a currency code; use three letters such as EUR.")
        }
        (Lang::Zh, MappingProblem::BadDefaultCurrency(c)) => {
            format!("“{c}”不是币种代码，请使用三个字母，如 EUR。")
        }
    }
}

/// The chosen orders file and how many data rows it has: "orders.csv · 3 data rows"
/// / "orders.csv · 3 行数据".
pub fn file_rows_line(lang: Lang, file_name: &str, rows: usize) -> String {
    match lang {
        Lang::En => format!("{file_name} · {rows} data rows"),
        Lang::Zh => format!("{file_name} · {rows} 行数据"),
    }
}

/// A column of the chosen file in the mapping lists: "Order no (column 1)" /
/// "订单号（第 1 列）" (`index` counts from 0).
pub fn file_column_option(lang: Lang, header: &str, index: usize) -> String {
    let n = index + 1;
    match lang {
        Lang::En => format!("{header} (column {n})"),
        Lang::Zh => format!("{header}（第 {n} 列）"),
    }
}

/// An option of the date-order choice, naming the order and showing an example:
/// "Day/month/year (31/12/2024)" / "日/月/年（31/12/2024）".
pub fn date_order_option(lang: Lang, order: DateOrder) -> &'static str {
    match (lang, order) {
        (Lang::En, DateOrder::DayFirst) => "Day/month/year (31/12/2024)",
        (Lang::En, DateOrder::MonthFirst) => "Month/day/year (12/31/2024)",
        (Lang::Zh, DateOrder::DayFirst) => "日/月/年（31/12/2024）",
        (Lang::Zh, DateOrder::MonthFirst) => "月/日/年（12/31/2024）",
    }
}

/// The orders-import preview's one-line summary.
pub fn orders_plan_summary(lang: Lang, rows: usize, ready: usize, rejected: usize) -> String {
    match lang {
        Lang::En => format!("{rows} rows: {ready} ready to import, {rejected} rejected."),
        Lang::Zh => format!("共 {rows} 行：{ready} 行可导入，{rejected} 行有误。"),
    }
}

/// What an orders import wrote.
pub fn orders_imported_message(
    lang: Lang,
    orders: usize,
    created: usize,
    skipped: usize,
) -> String {
    match lang {
        Lang::En => format!(
            "Imported {orders} orders; created {created} new customers; skipped {skipped} rows."
        ),
        Lang::Zh => format!("已导入 {orders} 个订单；新建 {created} 位客户；跳过 {skipped} 行。"),
    }
}

/// What is wrong with a field of the cost form, in the rep's language.
pub fn cost_problem_message(lang: Lang, problem: &crate::domain::orders::CostProblem) -> String {
    use crate::domain::orders::CostProblem as P;
    match problem {
        P::Date(p) => crate::i18n::problem_message(lang, *p),
        P::DateInFuture => {
            crate::i18n::problem_message(lang, crate::domain::customers::Problem::DateInFuture)
        }
        P::UnknownCurrency => text(lang, Key::BadCurrency).to_owned(),
        P::NotPositive => text(lang, Key::CostMustBePositive).to_owned(),
        P::Amount(p) => row_problem_message(lang, &RowProblem::from(*p)),
    }
}

/// The tag an orders import puts on the customers it creates.
pub fn imported_tag(lang: Lang) -> &'static str {
    match lang {
        Lang::En => "imported",
        Lang::Zh => "订单导入",
    }
}

/// The name of a created customer the file gives no name for.
pub fn unnamed_customer(lang: Lang, id: &str) -> String {
    match lang {
        Lang::En => format!("Buyer {id}"),
        Lang::Zh => format!("客户 {id}"),
    }
}

/// The stage history's reason on a customer an orders import created.
pub fn created_by_import(lang: Lang, orders: usize) -> String {
    match lang {
        Lang::En => format!("Created by an orders import with {orders} orders"),
        Lang::Zh => format!("由订单导入创建，共 {orders} 笔订单"),
    }
}
