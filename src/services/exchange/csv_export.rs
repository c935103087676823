//! Spreadsheet files for the rep: the customer list and the rejected import rows,
//! with headers and choice names in the UI language. Every cell goes through
//! [`csv_cell`](crate::domain::exchange::csv_export::csv_cell), which neutralises formulas.

use crate::domain::customers::Customer;
use crate::domain::exchange::csv_export::push_row;
use crate::domain::exchange::customers_import::CustomerColumn;
use crate::domain::exchange::orders_import::ImportPlan;
use crate::i18n::{
    customer_csv_header, kind_name, lead_source_name, order_field_name, row_problem_message,
    stage_name, text, Key, Lang,
};

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
            customer_csv_header(lang, CustomerColumn::Language),
            customer_csv_header(lang, CustomerColumn::TimeZone),
            text(lang, Key::StageColumn),
            customer_csv_header(lang, CustomerColumn::Tags),
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
    use crate::domain::customers::LeadSource;
    use crate::domain::customers::RelationshipStage;
    use crate::domain::customers::{CustomerId, Profile};
    use crate::domain::exchange::customers_import::{
        customer_mapping_problems, guess_customer_mapping, preview_customer_import,
    };
    use crate::domain::exchange::orders_import::{OrderField, RowError, RowProblem};
    use crate::domain::shared::csv::parse_csv;
    use crate::i18n::choice_names;
    use chrono::TimeZone;

    fn last_year() -> chrono::DateTime<chrono::Utc> {
        chrono::Utc.with_ymd_and_hms(2025, 3, 1, 8, 0, 0).unwrap()
    }

    fn stored(key: &str, name: &str, country: &str) -> Customer {
        Customer::minimal(CustomerId(key.to_owned()), name, country, last_year())
    }

    fn strings(items: &[&str]) -> Vec<String> {
        items.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn our_own_export_imports_back_in_both_languages() {
        let mut lucia = stored("a", "Lucía García", "ES");
        lucia.email = "lucia@example.es".into();
        lucia.phone = "+34 612 345 678".into();
        lucia.language = "es".into();
        lucia.time_zone = "Europe/Madrid".into();
        lucia.tags = strings(&["vip", "电子"]);
        lucia.lead_source = Some(LeadSource::CustomerReferral);
        lucia.stage = RelationshipStage::Loyal;
        let mut nova = stored("b", "Nova Trading, GmbH", "DE");
        nova.profile = Profile::Company(Default::default());
        nova.stage = RelationshipStage::FirstTime;
        for lang in Lang::ALL {
            let csv = customers_csv([&lucia, &nova], lang);
            let file = parse_csv(&csv).unwrap();
            let mapping = guess_customer_mapping(&file.headers);
            assert_eq!(customer_mapping_problems(&mapping, file.headers.len()), []);
            let p = preview_customer_import(
                &file,
                &mapping,
                &[],
                last_year(),
                &|zone: &str| zone == "Europe/Madrid",
                &choice_names(),
                &mut |row| CustomerId(format!("new-{row}")),
            );
            assert_eq!(p.rejected, [], "{lang:?}");
            for (imported, original) in p.valid.iter().map(|v| &v.customer).zip([&lucia, &nova]) {
                assert_eq!(imported.name, original.name);
                assert_eq!(imported.kind(), original.kind());
                assert_eq!(imported.email, original.email);
                assert_eq!(imported.phone, original.phone);
                assert_eq!(imported.country, original.country);
                assert_eq!(imported.language, original.language);
                assert_eq!(imported.time_zone, original.time_zone);
                assert_eq!(imported.tags, original.tags);
                assert_eq!(imported.lead_source, original.lead_source);
                assert_eq!(imported.stage, original.stage, "{lang:?}");
            }
        }
    }

    #[test]
    fn customers_export_keeps_chinese_and_defuses_formulas() {
        let at = chrono::DateTime::parse_from_rfc3339("2026-01-02T03:04:05Z")
            .unwrap()
            .with_timezone(&chrono::Utc);
        let mut a = Customer::minimal(
            crate::domain::customers::CustomerId("a".into()),
            "李雷",
            "CN",
            at,
        );
        a.tags = vec!["vip".into(), "电子".into()];
        let b = Customer::minimal(
            crate::domain::customers::CustomerId("b".into()),
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
