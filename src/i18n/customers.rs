//! Names of the customer record's choices (stage, kind, role, lead source, sort), form field labels and form problems.

use super::*;
use crate::domain::customers::SortKey;
use crate::domain::customers::{ContactRole, CustomerKind, LeadSource};
use crate::domain::customers::{Field, Problem};
use crate::domain::customers::{RelationshipStage, StageMoveError};
use crate::domain::exchange::customers_import::ChoiceNames;

pub fn stage_name(lang: Lang, stage: RelationshipStage) -> &'static str {
    use RelationshipStage::*;
    match (lang, stage) {
        (Lang::En, NonCustomer) => "Non-customer",
        (Lang::En, Potential) => "Potential",
        (Lang::En, Target) => "Target",
        (Lang::En, FirstTime) => "First-time buyer",
        (Lang::En, Repeat) => "Repeat buyer",
        (Lang::En, Loyal) => "Loyal",
        (Lang::En, Lost) => "Lost",
        (Lang::Zh, NonCustomer) => "非客户",
        (Lang::Zh, Potential) => "潜在客户",
        (Lang::Zh, Target) => "目标客户",
        (Lang::Zh, FirstTime) => "初次购买客户",
        (Lang::Zh, Repeat) => "重复购买客户",
        (Lang::Zh, Loyal) => "忠诚客户",
        (Lang::Zh, Lost) => "流失客户",
    }
}

pub fn kind_name(lang: Lang, kind: CustomerKind) -> &'static str {
    match (lang, kind) {
        (Lang::En, CustomerKind::Individual) => "Individual",
        (Lang::En, CustomerKind::Company) => "Company",
        (Lang::Zh, CustomerKind::Individual) => "个人",
        (Lang::Zh, CustomerKind::Company) => "企业",
    }
}

/// Every kind, stage and lead-source name in every language, for the customer import
/// to recognise (a file exported by this app in either language imports back).
pub fn choice_names() -> ChoiceNames {
    let mut names = ChoiceNames::default();
    for lang in Lang::ALL {
        for kind in CustomerKind::ALL {
            names.kinds.push((kind_name(lang, kind).to_owned(), kind));
        }
        for stage in RelationshipStage::ALL {
            names
                .stages
                .push((stage_name(lang, stage).to_owned(), stage));
        }
        for source in LeadSource::ALL {
            names
                .lead_sources
                .push((lead_source_name(lang, source).to_owned(), source));
        }
    }
    names
}

pub fn role_name(lang: Lang, role: ContactRole) -> &'static str {
    match (lang, role) {
        (Lang::En, ContactRole::DecisionMaker) => "Decision maker",
        (Lang::En, ContactRole::Purchaser) => "Purchaser",
        (Lang::En, ContactRole::Finance) => "Finance contact",
        (Lang::En, ContactRole::Other) => "Other",
        (Lang::Zh, ContactRole::DecisionMaker) => "决策人",
        (Lang::Zh, ContactRole::Purchaser) => "采购人",
        (Lang::Zh, ContactRole::Finance) => "财务联系人",
        (Lang::Zh, ContactRole::Other) => "其他",
    }
}

pub fn sort_name(lang: Lang, key: SortKey) -> &'static str {
    match (lang, key) {
        (Lang::En, SortKey::Name) => "Name",
        (Lang::En, SortKey::LastContact) => "Last contact",
        (Lang::En, SortKey::Created) => "Created",
        (Lang::Zh, SortKey::Name) => "姓名",
        (Lang::Zh, SortKey::LastContact) => "最近联系时间",
        (Lang::Zh, SortKey::Created) => "创建时间",
    }
}

pub fn lead_source_name(lang: Lang, source: LeadSource) -> &'static str {
    use LeadSource::*;
    match (lang, source) {
        (Lang::En, DoorToDoor) => "Door-to-door visit",
        (Lang::En, MeetingsAndFairs) => "Meeting or trade fair",
        (Lang::En, ClubsAndCircles) => "Club or circle",
        (Lang::En, RelativesAndFriends) => "Relatives and friends",
        (Lang::En, DirectoryLookup) => "Directory or data lookup",
        (Lang::En, PaidConsultancy) => "Paid consultancy",
        (Lang::En, AgentReferral) => "Agent referral (\"hound dog\")",
        (Lang::En, CustomerReferral) => "Referred by a customer",
        (Lang::En, CentreOfInfluence) => "Centre of influence",
        (Lang::En, Phone) => "Phone",
        (Lang::En, LetterOrMail) => "Letter or mail",
        (Lang::En, InternetPlatform) => "Internet / marketplace",
        (Lang::En, WonFromCompetitor) => "Won from a competitor",
        (Lang::Zh, DoorToDoor) => "上门拜访",
        (Lang::Zh, MeetingsAndFairs) => "会议与展会",
        (Lang::Zh, ClubsAndCircles) => "俱乐部与圈子",
        (Lang::Zh, RelativesAndFriends) => "亲友介绍",
        (Lang::Zh, DirectoryLookup) => "名录/资料查询",
        (Lang::Zh, PaidConsultancy) => "付费咨询机构",
        (Lang::Zh, AgentReferral) => "代理/中间人介绍（猎犬法）",
        (Lang::Zh, CustomerReferral) => "老客户介绍",
        (Lang::Zh, CentreOfInfluence) => "意见领袖介绍（中心开花法）",
        (Lang::Zh, Phone) => "电话",
        (Lang::Zh, LetterOrMail) => "信函",
        (Lang::Zh, InternetPlatform) => "网络/平台",
        (Lang::Zh, WonFromCompetitor) => "从竞争对手处争取",
    }
}

pub fn field_label(lang: Lang, field: Field) -> String {
    let key = match field {
        Field::Name => Key::Name,
        Field::Email => Key::Email,
        Field::Phone => Key::Phone,
        Field::Country => Key::CountryColumn,
        Field::Language => Key::BuyerLanguage,
        Field::TimeZone => Key::TimeZone,
        Field::LeadSource => Key::LeadSourceLabel,
        Field::Stage => Key::InitialStage,
        Field::Messaging => Key::Messaging,
        Field::Owner => Key::AccountOwner,
        Field::Address => Key::Address,
        Field::Notes => Key::Notes,
        Field::Tags => Key::Tags,
        Field::Birthday => Key::Birthday,
        Field::Employer => Key::Employer,
        Field::Position => Key::Position,
        Field::Preferences => Key::Preferences,
        Field::FoundedYear => Key::FoundedYear,
        Field::FoundedOn => Key::FoundedOn,
        Field::Employees => Key::Employees,
        Field::BusinessType => Key::BusinessType,
        Field::ServiceArea => Key::ServiceArea,
        Field::BusinessStatus => Key::BusinessStatus,
        Field::PaymentTerms => Key::PaymentTerms,
        Field::CreditStatus => Key::CreditStatus,
        Field::FamilyDateLabel(i) => return row_field_label(lang, RowGroup::FamilyDate, i, 0),
        Field::FamilyDate(i) => return row_field_label(lang, RowGroup::FamilyDate, i, 1),
        Field::ContactName(i) => return row_field_label(lang, RowGroup::Contact, i, 0),
        Field::ContactRole(i) => return row_field_label(lang, RowGroup::Contact, i, 1),
        Field::ContactEmail(i) => return row_field_label(lang, RowGroup::Contact, i, 2),
        Field::ContactPhone(i) => return row_field_label(lang, RowGroup::Contact, i, 3),
    };
    text(lang, key).to_owned()
}

#[derive(Clone, Copy)]
enum RowGroup {
    FamilyDate,
    Contact,
}

/// A field of a repeated row, the row first: "Contact 1: email" / "联系人 1：邮箱"
/// (`part` counts the row's fields in the order of the form).
fn row_field_label(lang: Lang, group: RowGroup, index: usize, part: usize) -> String {
    let n = index + 1;
    let (row, parts): (String, [&str; 4]) = match (lang, group) {
        (Lang::En, RowGroup::FamilyDate) => {
            (format!("Family date {n}"), ["occasion", "date", "", ""])
        }
        (Lang::En, RowGroup::Contact) => {
            (format!("Contact {n}"), ["name", "role", "email", "phone"])
        }
        (Lang::Zh, RowGroup::FamilyDate) => (format!("纪念日 {n}"), ["名称", "日期", "", ""]),
        (Lang::Zh, RowGroup::Contact) => (format!("联系人 {n}"), ["姓名", "角色", "邮箱", "电话"]),
    };
    labelled(lang, &row, parts[part])
}

/// The button that removes the n-th repeated row (family date, contact person).
pub fn remove_row_label(lang: Lang, index: usize) -> String {
    let n = index + 1;
    match lang {
        Lang::En => format!("Remove row {n}"),
        Lang::Zh => format!("删除第 {n} 条"),
    }
}

/// The family dates on the record: "Wedding: 2010-05-01; Birthday: …" /
/// "结婚纪念日：2010-05-01；生日：…".
pub fn family_dates_text(lang: Lang, dates: &[(String, String)]) -> String {
    let items: Vec<String> = dates
        .iter()
        .map(|(label, date)| labelled(lang, label, date))
        .collect();
    clauses(lang, &items)
}

/// A line of the record's tier history after its date: the move, the rank in that
/// period's ranking and the period. " · Major → VIP · #3 · …" / " · 主要客户 → VIP 客户 · 第 3 名 · …".
pub fn tier_change_line(
    lang: Lang,
    from: Option<crate::domain::value::ValueTier>,
    to: crate::domain::value::ValueTier,
    rank: u32,
    period: &str,
) -> String {
    let from = from.map_or("—", |t| tier_name(lang, t));
    let to = tier_name(lang, to);
    match lang {
        Lang::En => format!(" · {from} → {to} · #{rank} · {period}"),
        Lang::Zh => format!(" · {from} → {to} · 第 {rank} 名 · {period}"),
    }
}

/// The toast after loading the demo set.
pub fn demo_loaded_message(lang: Lang, added: usize) -> String {
    match lang {
        Lang::En => format!("Demo data loaded: {added} customers added"),
        Lang::Zh => format!("演示数据已加载：新增 {added} 位客户"),
    }
}

/// The pager: "Page 1 / 3" / "第 1 / 3 页" (`page` counts from 1).
pub fn page_of(lang: Lang, page: usize, pages: usize) -> String {
    match lang {
        Lang::En => format!("Page {page} / {pages}"),
        Lang::Zh => format!("第 {page} / {pages} 页"),
    }
}

/// The toast after deleting a customer (it offers to undo).
pub fn customer_deleted(lang: Lang, name: &str) -> String {
    match lang {
        Lang::En => format!("Customer deleted: {name}"),
        Lang::Zh => format!("已删除客户：{name}"),
    }
}

/// The toast after undoing a delete.
pub fn customer_restored(lang: Lang, name: &str) -> String {
    match lang {
        Lang::En => format!("Customer restored: {name}"),
        Lang::Zh => format!("已恢复客户：{name}"),
    }
}

/// A message that says what is wrong and what to do about it.
pub fn problem_message(lang: Lang, problem: Problem) -> String {
    match (lang, problem) {
        (Lang::En, Problem::Required) => "This field is required: enter a value.".into(),
        (Lang::En, Problem::TooLong { max }) => format!("Too long: use at most {max} characters."),
        (Lang::En, Problem::EmailShape) => "Not an email address: enter it like name@example.com.".into(),
        (Lang::En, Problem::PhoneShape) => "Not a phone number: enter 6 to 15 digits, optionally starting with + and the country code, such as +34 612 345 678.".into(),
        (Lang::En, Problem::CountryCode) => "Use the two-letter ISO country code, such as ES, US or DE.".into(),
        (Lang::En, Problem::LanguageTag) => "Use a language code such as es, fr, pt-BR.".into(),
        (Lang::En, Problem::UnknownTimeZone) => "This browser does not know that time zone. Choose one from the list, such as Europe/Madrid.".into(),
        (Lang::En, Problem::DateShape) => "Enter the date as YYYY-MM-DD, such as 1990-07-24.".into(),
        (Lang::En, Problem::DateDoesNotExist) => "That date does not exist on the calendar; check day and month.".into(),
        (Lang::En, Problem::DateInFuture) => "This date lies in the future. Enter today's date or an earlier one.".into(),
        (Lang::En, Problem::YearOutOfRange) => "Enter a year between 1800 and this year.".into(),
        (Lang::En, Problem::YearDiffersFromDate) => "The founding day is in another year than the founding year. Correct one of them, or leave the year empty.".into(),
        (Lang::En, Problem::WholeNumber) => "Enter a whole number, digits only.".into(),
        (Lang::En, Problem::UnknownChoice) => "Choose one of the offered choices.".into(),
        (Lang::Zh, Problem::Required) => "此项为必填。".into(),
        (Lang::Zh, Problem::TooLong { max }) => format!("内容过长：最多 {max} 个字。"),
        (Lang::Zh, Problem::EmailShape) => "邮箱格式不正确，请按 name@example.com 的格式填写。".into(),
        (Lang::Zh, Problem::PhoneShape) => "电话格式不正确：请填写 6–15 位数字，可以“+”加国际区号开头，如 +34 612 345 678。".into(),
        (Lang::Zh, Problem::CountryCode) => "请填写两位字母的国家/地区代码，如 ES、US、DE。".into(),
        (Lang::Zh, Problem::LanguageTag) => "请使用语言代码，如 es、fr、pt-BR。".into(),
        (Lang::Zh, Problem::UnknownTimeZone) => "浏览器无法识别该时区，请从列表中选择，如 Europe/Madrid。".into(),
        (Lang::Zh, Problem::DateShape) => "请按 YYYY-MM-DD 的格式填写日期，如 1990-07-24。".into(),
        (Lang::Zh, Problem::DateDoesNotExist) => "日历上没有这一天，请检查月份和日期。".into(),
        (Lang::Zh, Problem::DateInFuture) => "日期不能晚于今天。".into(),
        (Lang::Zh, Problem::YearOutOfRange) => "请输入 1800 年至今年之间的年份。".into(),
        (Lang::Zh, Problem::YearDiffersFromDate) => "成立日期与成立年份不一致。请更正其中一项，或不填年份。".into(),
        (Lang::Zh, Problem::WholeNumber) => "请输入整数（仅数字）。".into(),
        (Lang::Zh, Problem::UnknownChoice) => "请从给出的选项中选择。".into(),
    }
}

/// Why a stage move was refused, naming both stages, and what to do instead.
pub fn stage_move_error_message(lang: Lang, error: &StageMoveError) -> String {
    match (lang, error) {
        (_, StageMoveError::MissingReason) => text(lang, Key::ReasonRequired).to_owned(),
        (_, StageMoveError::MissingLossCause) => text(lang, Key::LossCauseRequired).to_owned(),
        (_, StageMoveError::LossCauseNotAllowed) => {
            text(lang, Key::LossCauseOnlyForLost).to_owned()
        }
        (Lang::En, StageMoveError::NotAllowed { from, to }) => format!(
            "A customer cannot move from “{}” to “{}”. Choose one of the moves offered.",
            stage_name(lang, *from),
            stage_name(lang, *to)
        ),
        (Lang::Zh, StageMoveError::NotAllowed { from, to }) => format!(
            "客户不能从“{}”变更为“{}”。请选择列出的可用变更。",
            stage_name(lang, *from),
            stage_name(lang, *to)
        ),
    }
}

/// The customer list's result count.
pub fn result_count(lang: Lang, total: usize) -> String {
    match lang {
        Lang::En => format!("{total} {}", text(lang, Key::Results)),
        Lang::Zh => format!("共 {total} {}", text(lang, Key::Results)),
    }
}

/// The copy button's accessible name for a channel: "Copy Email" / "复制邮箱".
pub fn copy_label(lang: Lang, channel: &str) -> String {
    match lang {
        Lang::En => format!("Copy {channel}"),
        Lang::Zh => format!("复制{channel}"),
    }
}

/// Total spent when some orders are in a currency nothing converts: the converted
/// part cannot be trusted, so the currencies are named instead.
pub fn unconverted_total(lang: Lang, currencies: &[String]) -> String {
    match lang {
        Lang::En => format!(
            "needs a rate for {}: add it on the value page",
            currencies.join(", ")
        ),
        Lang::Zh => format!(
            "缺少 {} 的汇率，请在客户价值页面填写",
            currencies.join("、")
        ),
    }
}
