use super::*;

use std::collections::BTreeMap;

use chrono::NaiveDate;

use crate::domain::customers::CustomerId;
use crate::domain::orders::{OrderDetails, OrderStatus};
use crate::domain::shared::csv::ParsedFile;
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
    let old: ColumnMapping = serde_json::from_str(r#"{"columns":{"total":2}}"#).expect("defaults");
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
    // A time needs a minute after the colon.
    assert_eq!(parse_date("2024-01-02 13:", day), Err(RowProblem::BadDate));
    assert_eq!(parse_date("2024-01-02 1:", day), Err(RowProblem::BadDate));
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
    let semicolons = parse_csv("Pedido;Importe;Fecha\n1;1.234,56;01/02/2024\r\n").expect("parses");
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
    // Only the header line decides: commas in later cells do not outvote it.
    let notes = parse_csv(
        "Pedido;Nota
1;uno, dos, tres
2;a, b
",
    )
    .expect("parses");
    assert_eq!(notes.headers, strings(&["Pedido", "Nota"]));
    assert_eq!(notes.rows[0], strings(&["1", "uno, dos, tres"]));
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
    // "Product Total" is an amount, not the product; the tracking number is found.
    assert_eq!(at(OrderField::Product), None);
    assert_eq!(at(OrderField::TrackingNumber), Some(15));
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
fn guess_knows_the_order_details_in_english_and_chinese() {
    use OrderField as F;
    for (header, field) in [
        ("Product", F::Product),
        ("Product Name", F::Product),
        ("Item Title", F::Product),
        ("item-name", F::Product),
        ("Lineitem name", F::Product),
        ("SKU Title", F::Product),
        ("商品名称", F::Product),
        ("产品名称", F::Product),
        ("宝贝标题", F::Product),
        ("Quantity", F::Quantity),
        ("Qty", F::Quantity),
        ("quantity-purchased", F::Quantity),
        ("Lineitem quantity", F::Quantity),
        ("数量", F::Quantity),
        ("购买数量", F::Quantity),
        ("Carrier", F::Carrier),
        ("Shipping Carrier", F::Carrier),
        ("Logistics Company", F::Carrier),
        ("Courier", F::Carrier),
        ("物流公司", F::Carrier),
        ("快递公司", F::Carrier),
        ("承运商", F::Carrier),
        ("Tracking Number", F::TrackingNumber),
        ("Tracking No.", F::TrackingNumber),
        ("tracking_id", F::TrackingNumber),
        ("Waybill", F::TrackingNumber),
        ("AWB", F::TrackingNumber),
        ("运单号", F::TrackingNumber),
        ("物流单号", F::TrackingNumber),
        ("快递单号", F::TrackingNumber),
        ("跟踪号", F::TrackingNumber),
        ("Promised Date", F::PromisedDate),
        ("promise-date", F::PromisedDate),
        ("Estimated Delivery Date", F::PromisedDate),
        ("Deliver By", F::PromisedDate),
        ("latest-delivery-date", F::PromisedDate),
        ("预计送达时间", F::PromisedDate),
        ("承诺送达日期", F::PromisedDate),
        ("预计到达时间", F::PromisedDate),
    ] {
        let guessed = guess_mapping(&strings(&["something else", header]));
        assert_eq!(guessed.columns, BTreeMap::from([(field, 1)]), "{header:?}");
    }
    for field in [
        F::Product,
        F::Quantity,
        F::Carrier,
        F::TrackingNumber,
        F::PromisedDate,
    ] {
        assert!(!field.is_required(), "{field:?}");
    }
}

/// The details sit beside the columns they resemble: the shipping cost beside the
/// carrier, the order date beside the promised one, the amount beside the quantity,
/// the item cost beside the item name. Each keeps its own.
#[test]
fn guessed_details_take_no_column_from_the_other_fields() {
    use OrderField as F;
    let english = strings(&[
        "Order No",
        "Buyer",
        "Order Date",
        "Promised Date",
        "Amount",
        "Quantity",
        "Shipping Cost",
        "Shipping Carrier",
        "Tracking Number",
        "Item Cost",
        "Item Name",
    ]);
    let expected = [
        (F::OrderNumber, 0),
        (F::CustomerId, 1),
        (F::OrderDate, 2),
        (F::PromisedDate, 3),
        (F::Total, 4),
        (F::Quantity, 5),
        (F::ShippingCost, 6),
        (F::Carrier, 7),
        (F::TrackingNumber, 8),
        (F::CostOfGoods, 9),
        (F::Product, 10),
    ];
    assert_eq!(
        guess_mapping(&english).columns,
        expected.into_iter().collect::<BTreeMap<_, _>>()
    );

    let chinese = strings(&[
        "订单号",
        "买家ID",
        "下单时间",
        "币种",
        "订单金额",
        "运费",
        "商品名称",
        "购买数量",
        "物流公司",
        "运单号",
        "预计送达时间",
        "物流费",
    ]);
    let expected = [
        (F::OrderNumber, 0),
        (F::CustomerId, 1),
        (F::OrderDate, 2),
        (F::Currency, 3),
        (F::Total, 4),
        (F::ShippingCost, 5),
        (F::Product, 6),
        (F::Quantity, 7),
        (F::Carrier, 8),
        (F::TrackingNumber, 9),
        (F::PromisedDate, 10),
    ];
    assert_eq!(
        guess_mapping(&chinese).columns,
        expected.into_iter().collect::<BTreeMap<_, _>>()
    );
    assert!(mapping_problems(&guess_mapping(&chinese), chinese.len()).is_empty());
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

const SIX_ROWS: &str =
    "Order ID,Buyer ID,Order Date,Currency,Order Amount,Product Cost,Status,Buyer Name,Country\n\
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
    // A file without detail columns gives orders without details.
    assert!(plan.orders.iter().all(|o| o.details.is_empty()));
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

const WITH_DETAILS: &str =
    "Order ID,Buyer ID,Order Date,Currency,Order Amount,Product Name,Quantity,Carrier,Tracking Number,Promised Date\n\
        A1,b1,05/01/2024,USD,12.50,  LED Desk Lamp  ,\" 2 \",DHL,JD014600003828,20/01/2024\n\
        A2,b2,2024-01-06,USD,3,,,,,\n\
        A3,b3,2024-01-07,EUR,9,真丝围巾,1000000,顺丰速运,SF1234567890,2024年1月20日\n";

#[test]
fn plan_fills_the_order_details_from_their_columns() {
    let file = parse_csv(WITH_DETAILS).expect("parses");
    let mapping = guess_mapping(&file.headers);
    let plan = plan_import(&file, &mapping);
    assert!(plan.rejected.is_empty(), "{:?}", plan.rejected);
    let details: Vec<&OrderDetails> = plan.orders.iter().map(|o| &o.details).collect();
    assert_eq!(
        details[0],
        &OrderDetails {
            product: "LED Desk Lamp".into(),
            quantity: Some(2),
            carrier: "DHL".into(),
            tracking_number: "JD014600003828".into(),
            promised_on: Some(ymd(2024, 1, 20)),
        }
    );
    // Empty cells are empty details, not problems.
    assert_eq!(details[1], &OrderDetails::default());
    assert_eq!(details[2].product, "真丝围巾");
    assert_eq!(details[2].quantity, Some(MAX_QUANTITY));
    assert_eq!(details[2].carrier, "顺丰速运");
    assert_eq!(details[2].promised_on, Some(ymd(2024, 1, 20)));

    // The promised date reads in the order date's day and month order.
    let file =
        parse_csv("id,buyer,date,cur,total,promised date\n1,b,02/03/2024,USD,1,02/04/2024\n")
            .expect("parses");
    let mut mapping = guess_mapping(&file.headers);
    assert_eq!(mapping.columns.get(&OrderField::PromisedDate), Some(&5));
    let plan = plan_import(&file, &mapping);
    assert_eq!(plan.orders[0].details.promised_on, Some(ymd(2024, 4, 2)));
    mapping.date_order = DateOrder::MonthFirst;
    let plan = plan_import(&file, &mapping);
    assert_eq!(plan.orders[0].placed_on, ymd(2024, 2, 3));
    assert_eq!(plan.orders[0].details.promised_on, Some(ymd(2024, 2, 4)));
}

#[test]
fn quantities_are_whole_numbers_from_one_to_a_million() {
    for (text, quantity) in [
        ("1", 1),
        ("2", 2),
        ("03", 3),
        ("1000000", MAX_QUANTITY),
        ("0001000000", MAX_QUANTITY),
    ] {
        assert_eq!(parse_quantity(text), Some(quantity), "{text:?}");
    }
    for text in [
        "",
        "0",
        "000",
        "-1",
        "+1",
        "2.0",
        "1.5",
        "1,000",
        "1 000",
        "two",
        "２",
        "1000001",
        "4294967297",
        "99999999999999999999",
        "1e3",
        "2x",
    ] {
        assert_eq!(parse_quantity(text), None, "{text:?}");
    }
}

#[test]
fn plan_rejects_bad_details_by_row_and_field() {
    let long_product = "商".repeat(MAX_PRODUCT_CHARS + 1);
    let longest_product = "商".repeat(MAX_PRODUCT_CHARS);
    let long_tracking = "1".repeat(MAX_TRACKING_CHARS + 1);
    let long_carrier = "c".repeat(MAX_CARRIER_CHARS + 1);
    let text = format!(
        "id,buyer,date,cur,total,product,qty,carrier,tracking,deliver by\n\
         1,b,2024-01-01,USD,1,Lamp,two,,,\n\
         2,b,2024-01-01,USD,1,Lamp,0,,,\n\
         3,b,2024-01-01,USD,1,Lamp,-1,,,\n\
         4,b,2024-01-01,USD,1,Lamp,2.0,,,\n\
         5,b,2024-01-01,USD,1,Lamp,1000001,,,\n\
         6,b,2024-01-01,USD,1,Lamp,1,,,soon\n\
         7,b,2024-01-01,USD,1,Lamp,1,,,2024-02-30\n\
         8,b,2024-01-01,USD,1,{long_product},1,{long_carrier},{long_tracking},\n\
         9,b,2024-01-01,USD,1,{longest_product},1,DHL,1234,2024-01-09\n\
         10,b,someday,USD,1,Lamp,none,,,\n"
    );
    let file = parse_csv(&text).expect("parses");
    let mapping = guess_mapping(&file.headers);
    assert!(mapping_problems(&mapping, file.headers.len()).is_empty());
    let plan = plan_import(&file, &mapping);
    let got: Vec<(usize, OrderField, RowProblem, &str)> = plan
        .rejected
        .iter()
        .map(|e| (e.row, e.field, e.problem.clone(), e.value.as_str()))
        .collect();
    use OrderField as F;
    use RowProblem as P;
    assert_eq!(
        got,
        vec![
            (2, F::Quantity, P::BadQuantity, "two"),
            (3, F::Quantity, P::BadQuantity, "0"),
            (4, F::Quantity, P::BadQuantity, "-1"),
            (5, F::Quantity, P::BadQuantity, "2.0"),
            (6, F::Quantity, P::BadQuantity, "1000001"),
            (7, F::PromisedDate, P::BadDate, "soon"),
            (8, F::PromisedDate, P::DateDoesNotExist, "2024-02-30"),
            (
                9,
                F::Product,
                P::TooLong {
                    max: MAX_PRODUCT_CHARS
                },
                long_product.as_str()
            ),
            (
                9,
                F::Carrier,
                P::TooLong {
                    max: MAX_CARRIER_CHARS
                },
                long_carrier.as_str()
            ),
            (
                9,
                F::TrackingNumber,
                P::TooLong {
                    max: MAX_TRACKING_CHARS
                },
                long_tracking.as_str()
            ),
            // A row's detail problems are listed with its other problems.
            (11, F::OrderDate, P::BadDate, "someday"),
            (11, F::Quantity, P::BadQuantity, "none"),
        ]
    );
    // Row 10: a title of exactly the limit, counted in characters, not bytes.
    let numbers: Vec<&str> = plan.orders.iter().map(|o| o.number.as_str()).collect();
    assert_eq!(numbers, ["9"]);
    assert_eq!(plan.orders[0].details.product, longest_product);
    assert_eq!(plan.orders[0].details.promised_on, Some(ymd(2024, 1, 9)));
    assert_eq!(plan.rows_total, 10);
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
    use chrono::NaiveDate;
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
            proptest::collection::vec(proptest::option::of(0usize..8), OrderField::ALL.len()),
            date_order(),
            style(),
            "[a-zA-Z€]{0,4}",
            "[a-zA-Z:]{0,4}",
        )
            .prop_map(
                |(columns, date_order, decimal, currency, channel)| ColumnMapping {
                    columns: OrderField::ALL
                        .into_iter()
                        .zip(columns)
                        .filter_map(|(f, c)| c.map(|c| (f, c)))
                        .collect(),
                    date_order,
                    decimal,
                    default_channel: channel,
                    default_currency: currency,
                },
            )
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
                    let customers = crate::domain::exchange::customers_import::guess_customer_mapping(&file.headers);
                    let _ = crate::domain::exchange::customers_import::customer_mapping_problems(&customers, file.headers.len());
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
