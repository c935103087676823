//! The sentences of the customer, contact and exchange screens that carry data
//! (counts, names, dates): each language's exact output for a sample, so the word
//! order and punctuation of both are pinned. `chinese_samples` feeds the Chinese
//! outputs to the punctuation and glossary checks of `glossary_tests.rs`.

use super::test_support::ends_with_next_step;
use super::*;
use crate::domain::contacts::{ContactError, ContactField, ContactProblem, FollowUpBucket};
use crate::domain::customers::{Field, FieldError, Problem};
use crate::domain::exchange::customers_import::{DuplicateReason, RowIssue};
use crate::domain::exchange::orders_import::DateOrder;

fn pairs(items: &[(&str, &str)]) -> Vec<(String, String)> {
    items
        .iter()
        .map(|(a, b)| ((*a).to_owned(), (*b).to_owned()))
        .collect()
}

fn contact_errors() -> Vec<ContactError> {
    vec![
        ContactError {
            field: ContactField::Summary,
            problem: ContactProblem::Required,
        },
        ContactError {
            field: ContactField::At,
            problem: ContactProblem::DateTimeShape,
        },
    ]
}

fn row_issues() -> Vec<RowIssue> {
    vec![
        RowIssue::Field(FieldError {
            field: Field::Name,
            problem: Problem::Required,
        }),
        RowIssue::UnknownKind("firma".into()),
        RowIssue::DuplicateInFile { first_row: 3 },
    ]
}

/// Each new message function, in Chinese, over the samples of the tests below.
pub(super) fn chinese_samples() -> Vec<(String, String)> {
    let zh = Lang::Zh;
    let mut all = vec![
        ("demo_loaded_message".into(), demo_loaded_message(zh, 120)),
        ("page_of".into(), page_of(zh, 1, 3)),
        ("copy_label".into(), copy_label(zh, "邮箱")),
        ("imported_tag".into(), imported_tag(zh).to_owned()),
        ("unnamed_customer".into(), unnamed_customer(zh, "b-7")),
        ("created_by_import".into(), created_by_import(zh, 3)),
        (
            "unconverted_total".into(),
            unconverted_total(zh, &["XAU".into(), "BTC".into()]),
        ),
        ("customer_deleted".into(), customer_deleted(zh, "张三")),
        ("customer_restored".into(), customer_restored(zh, "张三")),
        (
            "family_dates_text".into(),
            family_dates_text(
                zh,
                &pairs(&[("结婚纪念日", "2010-05-01"), ("生日", "1990-07-24")]),
            ),
        ),
        ("remove_row_label".into(), remove_row_label(zh, 0)),
        (
            "tier_change_line".into(),
            tier_change_line(
                zh,
                Some(crate::domain::value::ValueTier::Major),
                crate::domain::value::ValueTier::Vip,
                3,
                "2025-12-01 – 2026-11-30",
            ),
        ),
        (
            "contact_form_error".into(),
            contact_form_error(zh, &contact_errors()),
        ),
        (
            "bucket_heading".into(),
            bucket_heading(zh, FollowUpBucket::Overdue, 3),
        ),
        (
            "mark_follow_up_done_label".into(),
            mark_follow_up_done_label(zh, "张三"),
        ),
        (
            "follow_up_clash_warning".into(),
            follow_up_clash_warning(
                zh,
                &pairs(&[("张三", "3月4日 10:00"), ("Lucía García", "3月4日 10:30")]),
            ),
        ),
        ("row_issues_text".into(), row_issues_text(zh, &row_issues())),
        (
            "customer_import_summary".into(),
            customer_import_summary(zh, 5, 1, 2),
        ),
        (
            "duplicate_decision_label".into(),
            duplicate_decision_label(zh, 2),
        ),
        ("merge_into_option".into(), merge_into_option(zh, "张三")),
        (
            "customers_imported_message".into(),
            customers_imported_message(zh, 5, 2, 3),
        ),
        (
            "backup_saved_message".into(),
            backup_saved_message(zh, "crm-backup-2025-03-01-1000.json", 120, 35),
        ),
        (
            "last_backup_text".into(),
            last_backup_text(zh, Some(("3 天前", "2025年3月1日 10:00"))),
        ),
        ("last_backup_text(None)".into(), last_backup_text(zh, None)),
        (
            "backup_reminder_text".into(),
            backup_reminder_text(zh, Some(("3 天前", "2025年3月1日 10:00"))),
        ),
        (
            "backup_reminder_text(None)".into(),
            backup_reminder_text(zh, None),
        ),
        (
            "backup_restored_message".into(),
            backup_restored_message(zh, 120),
        ),
        (
            "restore_preview_line".into(),
            restore_preview_line(zh, "2025年3月1日 10:00", 3, 12),
        ),
        ("file_rows_line".into(), file_rows_line(zh, "orders.csv", 3)),
        (
            "file_column_option".into(),
            file_column_option(zh, "订单号", 0),
        ),
    ];
    all.push((
        "import_error_message(RowsRejected)".into(),
        crate::services::exchange::orders_import::import_error_message(
            zh,
            &crate::services::exchange::orders_import::ImportError::RowsRejected(3),
        ),
    ));
    for reason in duplicate_reasons() {
        all.push((
            format!("duplicate_match_text({reason:?})"),
            duplicate_match_text(zh, Some("张三"), None, reason),
        ));
    }
    for order in [DateOrder::DayFirst, DateOrder::MonthFirst] {
        all.push((
            format!("date_order_option({order:?})"),
            date_order_option(zh, order).to_owned(),
        ));
    }
    for field in [
        Field::FamilyDateLabel(0),
        Field::FamilyDate(0),
        Field::ContactName(0),
        Field::ContactRole(0),
        Field::ContactEmail(0),
        Field::ContactPhone(0),
    ] {
        all.push((format!("field_label({field:?})"), field_label(zh, field)));
    }
    all
}

fn duplicate_reasons() -> [DuplicateReason; 3] {
    [
        DuplicateReason::SameEmail,
        DuplicateReason::SamePhone,
        DuplicateReason::SimilarName {
            similarity_percent: 87,
        },
    ]
}

#[test]
fn customer_list_and_record_sentences() {
    use Lang::{En, Zh};
    assert_eq!(
        demo_loaded_message(En, 120),
        "Demo data loaded: 120 customers added"
    );
    assert_eq!(
        demo_loaded_message(Zh, 120),
        "演示数据已加载：新增 120 位客户"
    );
    assert_eq!(page_of(En, 1, 3), "Page 1 / 3");
    assert_eq!(page_of(Zh, 1, 3), "第 1 / 3 页");
    assert_eq!(customer_deleted(En, "Ana"), "Customer deleted: Ana");
    assert_eq!(customer_deleted(Zh, "张三"), "已删除客户：张三");
    assert_eq!(customer_restored(En, "Ana"), "Customer restored: Ana");
    assert_eq!(customer_restored(Zh, "张三"), "已恢复客户：张三");
    assert_eq!(
        family_dates_text(
            En,
            &pairs(&[("Wedding", "2010-05-01"), ("Birthday", "1990-07-24")])
        ),
        "Wedding: 2010-05-01; Birthday: 1990-07-24"
    );
    assert_eq!(
        family_dates_text(
            Zh,
            &pairs(&[("结婚纪念日", "2010-05-01"), ("生日", "1990-07-24")])
        ),
        "结婚纪念日：2010-05-01；生日：1990-07-24"
    );
    use crate::domain::value::ValueTier;
    let period = "2025-12-01 – 2026-11-30";
    assert_eq!(
        tier_change_line(En, None, ValueTier::Vip, 3, period),
        " · — → VIP · #3 · 2025-12-01 – 2026-11-30"
    );
    assert_eq!(
        tier_change_line(Zh, None, ValueTier::Vip, 3, period),
        " · — → VIP 客户 · 第 3 名 · 2025-12-01 – 2026-11-30"
    );
    assert_eq!(remove_row_label(En, 0), "Remove row 1");
    assert_eq!(remove_row_label(Zh, 0), "删除第 1 条");
}

#[test]
fn repeated_row_fields_name_the_row_first() {
    use Lang::{En, Zh};
    let expected = [
        (
            Field::FamilyDateLabel(0),
            "Family date 1: occasion",
            "纪念日 1：名称",
        ),
        (
            Field::FamilyDate(1),
            "Family date 2: date",
            "纪念日 2：日期",
        ),
        (Field::ContactName(0), "Contact 1: name", "联系人 1：姓名"),
        (Field::ContactRole(0), "Contact 1: role", "联系人 1：角色"),
        (Field::ContactEmail(0), "Contact 1: email", "联系人 1：邮箱"),
        (Field::ContactPhone(2), "Contact 3: phone", "联系人 3：电话"),
    ];
    for (field, en, zh) in expected {
        assert_eq!(field_label(En, field), en);
        assert_eq!(field_label(Zh, field), zh);
    }
    assert_eq!(field_label(Zh, Field::Name), "姓名");
}

#[test]
fn contact_and_follow_up_sentences() {
    use Lang::{En, Zh};
    assert_eq!(
        contact_form_error(En, &contact_errors()),
        "Summary: This field is required: enter a value. When: Pick a date and time. Correct these fields, then log the contact again."
    );
    assert_eq!(
        contact_form_error(Zh, &contact_errors()),
        "联系内容：此项为必填。时间：请选择日期和时间。请修改后再记录。"
    );
    for lang in Lang::ALL {
        let message = contact_form_error(lang, &contact_errors());
        assert!(ends_with_next_step(lang, &message), "{message}");
    }
    assert_eq!(
        bucket_heading(En, FollowUpBucket::Overdue, 3),
        "Overdue (3)"
    );
    assert_eq!(
        bucket_heading(Zh, FollowUpBucket::Overdue, 3),
        "已逾期（3）"
    );
    assert_eq!(
        mark_follow_up_done_label(En, "Ana"),
        "Mark the follow-up with Ana as done"
    );
    assert_eq!(
        mark_follow_up_done_label(Zh, "张三"),
        "将“张三”的跟进标记完成"
    );
    assert_eq!(
        follow_up_clash_warning(
            En,
            &pairs(&[("Ana", "4 Mar 2025, 10:00"), ("Bo", "4 Mar 2025, 10:30")])
        ),
        "clashes with: Ana (4 Mar 2025, 10:00); Bo (4 Mar 2025, 10:30)"
    );
    assert_eq!(
        follow_up_clash_warning(
            Zh,
            &pairs(&[("张三", "3月4日 10:00"), ("李四", "3月4日 10:30")])
        ),
        "时间冲突：张三（3月4日 10:00）；李四（3月4日 10:30）"
    );
    // The follow-up's button is a verb; its state on the timeline is a state.
    assert_eq!(text(Zh, Key::MarkDone), "标记完成");
    assert_eq!(text(Zh, Key::DoneState), "已完成");
}

#[test]
fn customer_import_sentences() {
    use Lang::{En, Zh};
    assert_eq!(
        row_issues_text(En, &row_issues()),
        "Name: This field is required: enter a value. Kind: “firma” is neither individual nor company. Enter “Individual” or “Company”. Same email or phone as row 3 of this file. Correct or delete one of the two rows."
    );
    assert_eq!(
        row_issues_text(Zh, &row_issues()),
        "姓名：此项为必填。客户类型：“firma”无法识别，请填写“个人”或“企业”。与本文件第 3 行的邮箱或电话相同。请修改或删除其中一行。"
    );
    for lang in Lang::ALL {
        for issue in &row_issues()[1..] {
            let message = row_issue_message(lang, issue);
            assert!(ends_with_next_step(lang, &message), "{message}");
        }
    }
    assert_eq!(
        customer_import_summary(En, 5, 1, 2),
        "5 rows ready · 1 rows rejected · 2 need your decision"
    );
    assert_eq!(
        customer_import_summary(Zh, 5, 1, 2),
        "5 行可导入 · 1 行有误 · 2 行需要您决定"
    );
    assert_eq!(duplicate_decision_label(En, 2), "Decision for row 2");
    assert_eq!(duplicate_decision_label(Zh, 2), "第 2 行的处理方式");
    assert_eq!(merge_into_option(En, "Ana"), "Merge into Ana");
    assert_eq!(merge_into_option(Zh, "张三"), "合并到“张三”");
    let [email, _, similar] = duplicate_reasons();
    assert_eq!(
        duplicate_match_text(En, Some("Lucía García"), None, email),
        "Lucía García (same email)"
    );
    assert_eq!(
        duplicate_match_text(Zh, None, Some(3), email),
        "第 3 行（邮箱相同）"
    );
    assert_eq!(
        duplicate_match_text(En, None, Some(3), similar),
        "Row 3 (similar name, same country: 87%)"
    );
    assert_eq!(
        duplicate_match_text(Zh, Some("张三"), None, similar),
        "张三（国家/地区相同，姓名相似度 87%）"
    );
    assert_eq!(
        customers_imported_message(En, 2, 1, 0),
        "Customers imported: 2 created, 1 merged, 0 skipped"
    );
    assert_eq!(
        customers_imported_message(Zh, 5, 2, 3),
        "客户导入完成：新建 5 位，合并 2 位，跳过 3 行"
    );
}

#[test]
fn backup_sentences() {
    use Lang::{En, Zh};
    let file = "crm-backup-2025-03-01-1000.json";
    assert_eq!(
        backup_saved_message(En, file, 120, 35),
        "Backup saved as crm-backup-2025-03-01-1000.json (120 customers, 35 KB)"
    );
    assert_eq!(
        backup_saved_message(Zh, file, 120, 35),
        "备份已保存为 crm-backup-2025-03-01-1000.json（120 位客户，35 KB）"
    );
    assert_eq!(
        last_backup_text(En, Some(("3 days ago", "1 Mar 2025, 10:00"))),
        "Last backup: 3 days ago (1 Mar 2025, 10:00)"
    );
    assert_eq!(
        last_backup_text(Zh, Some(("3 天前", "2025年3月1日 10:00"))),
        "上次备份：3 天前（2025年3月1日 10:00）"
    );
    assert_eq!(last_backup_text(En, None), "Last backup: never");
    assert_eq!(last_backup_text(Zh, None), "尚未备份");
    assert_eq!(
        backup_reminder_text(En, None),
        "Last backup: never. It is time to export a backup: this browser is the only place your records live."
    );
    assert_eq!(
        backup_reminder_text(Zh, Some(("3 天前", "2025年3月1日 10:00"))),
        "上次备份：3 天前（2025年3月1日 10:00）。请及时导出备份：您的数据只保存在本浏览器中。"
    );
    assert_eq!(
        backup_restored_message(En, 120),
        "Backup restored: 120 customers"
    );
    assert_eq!(
        backup_restored_message(Zh, 120),
        "备份已恢复，共 120 位客户"
    );
    assert_eq!(
        restore_preview_line(En, "1 Mar 2025, 10:00", 3, 0),
        "Backup made 1 Mar 2025, 10:00 · database version 3"
    );
    assert_eq!(
        restore_preview_line(Zh, "2025年3月1日 10:00", 3, 12),
        "备份时间：2025年3月1日 10:00 · 数据库版本：3 · 12 条记录已升级为当前格式"
    );
}

#[test]
fn orders_import_sentences() {
    use Lang::{En, Zh};
    assert_eq!(file_column_option(En, "Order no", 0), "Order no (column 1)");
    assert_eq!(file_column_option(Zh, "订单号", 0), "订单号（第 1 列）");
    assert_eq!(
        file_rows_line(En, "orders-gbk.csv", 3),
        "orders-gbk.csv · 3 data rows"
    );
    assert_eq!(
        file_rows_line(Zh, "orders-gbk.csv", 3),
        "orders-gbk.csv · 3 行数据"
    );
    assert_eq!(
        date_order_option(En, DateOrder::DayFirst),
        "Day/month/year (31/12/2024)"
    );
    assert_eq!(
        date_order_option(Zh, DateOrder::MonthFirst),
        "月/日/年（12/31/2024）"
    );
    // The orders table and the import preview name the marketplace; the contact
    // form keeps the contact channel.
    assert_eq!(text(Zh, Key::OrderChannel), "平台");
    assert_eq!(text(Zh, Key::Channel), "渠道");
}

#[test]
fn exported_customer_headers_carry_no_form_hints() {
    use crate::domain::exchange::customers_import::CustomerColumn as C;
    use Lang::{En, Zh};
    assert_eq!(customer_csv_header(Zh, C::TimeZone), "时区");
    assert_eq!(customer_csv_header(Zh, C::Tags), "标签");
    assert_eq!(customer_csv_header(Zh, C::Language), "客户语言");
    assert_eq!(customer_csv_header(En, C::TimeZone), "Time zone");
    assert_eq!(customer_csv_header(En, C::Tags), "Tags");
    assert_eq!(customer_csv_header(En, C::Language), "Buyer's language");
    assert_eq!(customer_csv_header(Zh, C::Name), "姓名");
}

#[test]
fn field_problems_say_what_to_do() {
    let problems = super::tests::every_field_problem();
    // The review fixed these three Chinese wordings as they are (GLOSSARY.md: 此项为必填。,
    // 内容过长：最多 {max} 个字。, 日期不能晚于今天。, which states the rule to follow).
    let fixed_zh = [
        Problem::Required,
        Problem::TooLong { max: 200 },
        Problem::DateInFuture,
    ];
    for problem in problems {
        let en = problem_message(Lang::En, problem);
        assert!(ends_with_next_step(Lang::En, &en), "{en}");
        let zh = problem_message(Lang::Zh, problem);
        assert!(
            fixed_zh.contains(&problem) || ends_with_next_step(Lang::Zh, &zh),
            "{zh}"
        );
    }
    assert_eq!(
        problem_message(Lang::Zh, Problem::EmailShape),
        "邮箱格式不正确，请按 name@example.com 的格式填写。"
    );
    assert_eq!(
        problem_message(Lang::En, Problem::DateInFuture),
        "This date lies in the future. Enter today's date or an earlier one."
    );
}

/// Every problem of a complaint step or of the contact and follow-up forms tells
/// the rep what to do; in Chinese, the three wordings the review fixed state the
/// rule itself (此项为必填。, 内容过长：…, 日期不能晚于今天。).
#[test]
fn step_and_contact_problems_end_with_what_to_do() {
    let steps = super::tests::every_step_problem();
    let rule_stated = |zh: &str| {
        ["此项为必填。", "日期不能晚于今天。"].contains(&zh) || zh.starts_with("内容过长：最多")
    };
    for problem in steps {
        let en = step_problem_message(Lang::En, problem);
        assert!(ends_with_next_step(Lang::En, &en), "{en}");
        let zh = step_problem_message(Lang::Zh, problem);
        assert!(
            rule_stated(&zh) || ends_with_next_step(Lang::Zh, &zh),
            "{zh}"
        );
    }
    let contacts = super::tests::every_contact_problem();
    for problem in contacts {
        let en = contact_problem_message(Lang::En, problem);
        assert!(ends_with_next_step(Lang::En, &en), "{en}");
        let zh = contact_problem_message(Lang::Zh, problem);
        assert!(
            rule_stated(&zh) || ends_with_next_step(Lang::Zh, &zh),
            "{zh}"
        );
    }
}

#[test]
fn the_record_header_and_facts_sentences() {
    assert_eq!(copy_label(Lang::En, "Email"), "Copy Email");
    assert_eq!(copy_label(Lang::Zh, "邮箱"), "复制邮箱");
    let two = ["XAU".to_owned(), "BTC".to_owned()];
    assert_eq!(
        unconverted_total(Lang::En, &two),
        "needs a rate for XAU, BTC: add it on the value page"
    );
    assert_eq!(
        unconverted_total(Lang::Zh, &two),
        "缺少 XAU、BTC 的汇率，请在客户价值页面填写"
    );
}
