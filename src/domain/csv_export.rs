//! Writing CSV that spreadsheets open safely: UTF-8 with BOM (so Excel shows Chinese
//! correctly), every cell quoted, and cells that a spreadsheet would run as a formula
//! neutralised.

use super::customer::Customer;
use super::i18n::{
    kind_name, lead_source_name, order_field_name, row_problem_message, stage_name, text, Key, Lang,
};
use super::order_import::ImportPlan;

/// One quoted cell. Text starting with `=`, `+`, `-`, `@`, tab or carriage return is
/// prefixed with `'`, so it shows as text instead of running as a formula.
pub fn csv_cell(value: &str) -> String {
    let inert = if value.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{value}")
    } else {
        value.to_owned()
    };
    format!("\"{}\"", inert.replace('"', "\"\""))
}

fn push_row(out: &mut String, cells: &[&str]) {
    let row: Vec<String> = cells.iter().map(|c| csv_cell(c)).collect();
    out.push_str(&row.join(","));
    out.push_str("\r\n");
}

/// Every rejected import row (line, field, reason, value) for the rep to fix.
pub fn rejected_rows_csv(plan: &ImportPlan, lang: Lang) -> String {
    let mut out = String::from("\u{feff}");
    push_row(
        &mut out,
        &[
            text(lang, Key::ImportRow),
            text(lang, Key::ImportField),
            text(lang, Key::ImportProblem),
            text(lang, Key::ImportValue),
        ],
    );
    for e in &plan.rejected {
        let line = e.row.to_string();
        let reason = row_problem_message(lang, &e.problem);
        push_row(
            &mut out,
            &[&line, order_field_name(lang, e.field), &reason, &e.value],
        );
    }
    out
}

/// Customers as a spreadsheet: one row each, in the given order.
pub fn customers_csv<'a>(customers: impl IntoIterator<Item = &'a Customer>, lang: Lang) -> String {
    let mut out = String::from("\u{feff}");
    push_row(
        &mut out,
        &[
            "id",
            text(lang, Key::Name),
            text(lang, Key::KindColumn),
            text(lang, Key::Email),
            text(lang, Key::Phone),
            text(lang, Key::CountryColumn),
            text(lang, Key::BuyerLanguage),
            text(lang, Key::TimeZone),
            text(lang, Key::StageColumn),
            text(lang, Key::Tags),
            text(lang, Key::LeadSourceLabel),
            text(lang, Key::Created),
            text(lang, Key::LastContact),
        ],
    );
    for c in customers {
        let tags = c.tags.join(", ");
        let created = c.created_at.to_rfc3339();
        let last_contact = c
            .last_contact_at
            .map(|at| at.to_rfc3339())
            .unwrap_or_default();
        push_row(
            &mut out,
            &[
                c.id.as_str(),
                &c.name,
                kind_name(lang, c.kind()),
                &c.email,
                &c.phone,
                &c.country,
                &c.language,
                &c.time_zone,
                stage_name(lang, c.stage),
                &tags,
                c.lead_source
                    .map(|s| lead_source_name(lang, s))
                    .unwrap_or_default(),
                &created,
                &last_contact,
            ],
        );
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::order_import::{OrderField, RowError, RowProblem};

    #[test]
    fn formulas_are_neutralised_and_quotes_doubled() {
        assert_eq!(csv_cell("=HYPERLINK(\"x\")"), "\"'=HYPERLINK(\"\"x\"\")\"");
        assert_eq!(csv_cell("+34 612"), "\"'+34 612\"");
        assert_eq!(csv_cell("-5"), "\"'-5\"");
        assert_eq!(csv_cell("@SUM(A1)"), "\"'@SUM(A1)\"");
        // TAB and CR also start formulas in some spreadsheets.
        assert_eq!(csv_cell("\t=1+1"), "\"'\t=1+1\"");
        assert_eq!(csv_cell("\r=1+1"), "\"'\r=1+1\"");
        // Only a leading character counts.
        assert_eq!(csv_cell("a=b"), "\"a=b\"");
        assert_eq!(csv_cell("plain, with comma"), "\"plain, with comma\"");
        assert_eq!(csv_cell("李雷"), "\"李雷\"");
        assert_eq!(csv_cell(""), "\"\"");
    }

    #[test]
    fn customers_export_keeps_chinese_and_defuses_formulas() {
        let at = chrono::DateTime::parse_from_rfc3339("2026-01-02T03:04:05Z")
            .unwrap()
            .with_timezone(&chrono::Utc);
        let mut a = Customer::minimal(
            crate::domain::customer::CustomerId("a".into()),
            "李雷",
            "CN",
            at,
        );
        a.tags = vec!["vip".into(), "电子".into()];
        let b = Customer::minimal(
            crate::domain::customer::CustomerId("b".into()),
            "=HYPERLINK(\"http://x\")",
            "DE",
            at,
        );
        let csv = customers_csv([&a, &b], Lang::Zh);
        assert!(csv.starts_with("\u{feff}\"id\",\"姓名\""));
        let lines: Vec<&str> = csv.trim_end().split("\r\n").collect();
        assert_eq!(lines.len(), 3);
        assert!(
            lines[1].starts_with("\"a\",\"李雷\",\"个人\""),
            "{}",
            lines[1]
        );
        assert!(lines[1].contains("\"vip, 电子\""));
        assert!(
            lines[2].starts_with("\"b\",\"'=HYPERLINK(\"\"http://x\"\")\""),
            "{}",
            lines[2]
        );
        assert!(lines[1].contains("\"2026-01-02T03:04:05+00:00\""));
    }

    #[test]
    fn rejected_rows_file_has_bom_header_and_one_line_per_problem() {
        let plan = ImportPlan {
            orders: vec![],
            rejected: vec![
                RowError {
                    row: 4,
                    field: OrderField::OrderDate,
                    problem: RowProblem::DateDoesNotExist,
                    value: "2023-02-29".into(),
                },
                RowError {
                    row: 9,
                    field: OrderField::Total,
                    problem: RowProblem::BadAmount,
                    value: "=1+1".into(),
                },
            ],
            customers: vec![],
            rows_total: 10,
        };
        let csv = rejected_rows_csv(&plan, Lang::En);
        assert!(csv.starts_with("\u{feff}\"Line\",\"Field\""));
        let lines: Vec<&str> = csv.trim_end().split("\r\n").collect();
        assert_eq!(lines.len(), 3);
        assert!(lines[1].starts_with("\"4\",\"Order date\""));
        assert!(lines[2].ends_with(",\"'=1+1\""), "{}", lines[2]);
        assert!(rejected_rows_csv(&plan, Lang::Zh).contains("下单日期"));
    }
}
