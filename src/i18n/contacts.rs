//! Contacts and follow-ups: channels, directions, buckets, timeline kinds, form problems, durations.

use super::*;
use crate::domain::contacts::{
    ContactChannel, ContactError, ContactField, ContactProblem, Direction, FollowUpBucket,
    TimelineKind,
};

pub fn channel_name(lang: Lang, channel: ContactChannel) -> &'static str {
    use ContactChannel as C;
    match (lang, channel) {
        (Lang::En, C::Email) => "Email",
        (Lang::En, C::Phone) => "Phone",
        (Lang::En, C::Sms) => "SMS",
        (Lang::En, C::PlatformMessage) => "Platform message",
        (Lang::En, C::Chat) => "Chat (WhatsApp, WeChat…)",
        (Lang::En, C::Letter) => "Letter or card",
        (Lang::En, C::Visit) => "Visit",
        (Lang::En, C::Gift) => "Gift",
        (Lang::En, C::Other) => "Other",
        (Lang::Zh, C::Email) => "邮件",
        (Lang::Zh, C::Phone) => "电话",
        (Lang::Zh, C::Sms) => "短信",
        (Lang::Zh, C::PlatformMessage) => "平台消息",
        (Lang::Zh, C::Chat) => "聊天（WhatsApp、微信…）",
        (Lang::Zh, C::Letter) => "信件或贺卡",
        (Lang::Zh, C::Visit) => "拜访",
        (Lang::Zh, C::Gift) => "礼品",
        (Lang::Zh, C::Other) => "其他",
    }
}

pub fn direction_name(lang: Lang, direction: Direction) -> &'static str {
    match (lang, direction) {
        (Lang::En, Direction::Inbound) => "From the customer",
        (Lang::En, Direction::Outbound) => "To the customer",
        (Lang::Zh, Direction::Inbound) => "收到（客户发起）",
        (Lang::Zh, Direction::Outbound) => "发出（我方发起）",
    }
}

pub fn bucket_name(lang: Lang, bucket: FollowUpBucket) -> &'static str {
    use FollowUpBucket as B;
    match (lang, bucket) {
        (Lang::En, B::Overdue) => "Overdue",
        (Lang::En, B::Today) => "Due today",
        (Lang::En, B::ThisWeek) => "This week",
        (Lang::En, B::Later) => "Later",
        (Lang::En, B::Done) => "Done",
        (Lang::Zh, B::Overdue) => "已逾期",
        (Lang::Zh, B::Today) => "今天到期",
        (Lang::Zh, B::ThisWeek) => "本周到期",
        (Lang::Zh, B::Later) => "稍后到期",
        (Lang::Zh, B::Done) => "已完成",
    }
}

pub fn timeline_kind_name(lang: Lang, kind: TimelineKind) -> &'static str {
    use TimelineKind as K;
    match (lang, kind) {
        (Lang::En, K::Contact) => "Contact",
        (Lang::En, K::Complaint) => "Complaint",
        (Lang::En, K::StageChange) => "Stage change",
        (Lang::En, K::Order) => "Order",
        (Lang::En, K::FollowUp) => "Follow-up",
        (Lang::Zh, K::Contact) => "联系",
        (Lang::Zh, K::Complaint) => "投诉",
        (Lang::Zh, K::StageChange) => "阶段变更",
        (Lang::Zh, K::Order) => "订单",
        (Lang::Zh, K::FollowUp) => "跟进",
    }
}

pub fn contact_problem_message(lang: Lang, problem: ContactProblem) -> String {
    use ContactProblem as P;
    match (lang, problem) {
        (Lang::En, P::Required) => "This field is required: enter a value.".into(),
        (Lang::En, P::TooLong { max }) => format!("Too long: use at most {max} characters."),
        (Lang::En, P::UnknownChoice) => "Choose one of the options.".into(),
        (Lang::En, P::DateTimeShape) => "Pick a date and time.".into(),
        (Lang::En, P::InFuture) => {
            "A logged contact cannot be in the future; plan a follow-up instead.".into()
        }
        (Lang::En, P::DurationRange) => "Enter whole minutes from 5 to 480.".into(),
        (Lang::En, P::NotInFuture) => "Pick a time later than now.".into(),
        (Lang::Zh, P::Required) => "此项为必填。".into(),
        (Lang::Zh, P::TooLong { max }) => format!("内容过长：最多 {max} 个字。"),
        (Lang::Zh, P::UnknownChoice) => "请从给出的选项中选择。".into(),
        (Lang::Zh, P::DateTimeShape) => "请选择日期和时间。".into(),
        (Lang::Zh, P::InFuture) => "联系时间不能晚于现在；如需以后联系，请使用“安排跟进”。".into(),
        (Lang::Zh, P::DurationRange) => "请输入 5 至 480 的整数分钟。".into(),
        (Lang::Zh, P::NotInFuture) => "请选择晚于现在的时间。".into(),
    }
}

/// The name of a field of the contact form, as its problems name it.
pub fn contact_field_label(lang: Lang, field: ContactField) -> &'static str {
    use ContactField as F;
    text(
        lang,
        match field {
            F::Channel => Key::Channel,
            F::Direction => Key::DirectionLabel,
            F::Rep => Key::Rep,
            F::Summary => Key::ContactSummary,
            F::Outcome => Key::Outcome,
            F::NextStep => Key::NextStep,
            F::At => Key::When,
            F::DueAt => Key::FollowUpAt,
            F::Duration => Key::DurationMinutes,
            F::Purpose => Key::Purpose,
            F::TalkingPoints => Key::TalkingPoints,
            F::Materials => Key::Materials,
            F::Satisfaction => Key::Satisfaction,
            F::NextAt => Key::PlanNextAt,
            F::NextPurpose => Key::NextPurpose,
            F::Reviewer => Key::Reviewer,
            F::Comment => Key::ReviewComment,
        },
    )
}

/// Why a contact was not logged: each field with its problem, then what to do.
/// "联系内容：此项为必填。时间：请选择日期和时间。请修改后再记录。"
pub fn contact_form_error(lang: Lang, errors: &[ContactError]) -> String {
    let mut parts: Vec<String> = errors
        .iter()
        .map(|e| {
            labelled(
                lang,
                contact_field_label(lang, e.field),
                &contact_problem_message(lang, e.problem),
            )
        })
        .collect();
    parts.push(
        match lang {
            Lang::En => "Correct these fields, then log the contact again.",
            Lang::Zh => "请修改后再记录。",
        }
        .to_owned(),
    );
    sentences(lang, &parts)
}

/// A bucket of the follow-up board with its size: "Overdue (3)" / "已逾期（3）".
pub fn bucket_heading(lang: Lang, bucket: FollowUpBucket, count: usize) -> String {
    with_remark(lang, bucket_name(lang, bucket), &count.to_string())
}

/// The accessible name of a follow-up's done button, naming the customer.
pub fn mark_follow_up_done_label(lang: Lang, customer: &str) -> String {
    match lang {
        Lang::En => format!("Mark the follow-up with {customer} as done"),
        // Contains the visible 标记完成, so speech users can say what they see.
        Lang::Zh => format!("将“{customer}”的跟进标记完成"),
    }
}

/// The warning on a follow-up that overlaps others of the same rep, each given as
/// (customer, when): "clashes with: Ana (4 Mar, 10:00); Bo (…)" /
/// "时间冲突：张三（3月4日 10:00）；李四（…）".
pub fn follow_up_clash_warning(lang: Lang, clashes: &[(String, String)]) -> String {
    let items: Vec<String> = clashes
        .iter()
        .map(|(name, when)| with_remark(lang, name, when))
        .collect();
    labelled(
        lang,
        text(lang, Key::ConflictWarning),
        &clauses(lang, &items),
    )
}

/// A span of time in the largest two units that matter: "2 d 3 h", "3 h 05 min", "12 min"
/// ("3 小时 5 分钟": Chinese minutes are not zero-padded).
/// Negative spans are shown by their size (callers say "overdue by").
pub fn duration_text(lang: Lang, span: chrono::Duration) -> String {
    let minutes = span.num_minutes().unsigned_abs();
    let (days, hours, mins) = (minutes / 1440, (minutes % 1440) / 60, minutes % 60);
    let (d, h, m) = match lang {
        Lang::En => ("d", "h", "min"),
        Lang::Zh => ("天", "小时", "分钟"),
    };
    if days > 0 && hours == 0 {
        format!("{days} {d}")
    } else if days > 0 {
        format!("{days} {d} {hours} {h}")
    } else if hours > 0 && lang == Lang::Zh {
        // Chinese does not pad minutes: 1 小时 1 分钟 (GLOSSARY.md).
        format!("{hours} {h} {mins} {m}")
    } else if hours > 0 {
        format!("{hours} {h} {mins:02} {m}")
    } else {
        format!("{mins} {m}")
    }
}
