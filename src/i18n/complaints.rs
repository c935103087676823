//! Complaint handling: states, causes, temperaments, remedies, wizard steps and their problems.

use super::*;
use crate::domain::complaints::{
    ComplaintCause, ComplaintError, ComplaintState, RemedyKind, ResponseClock, StepProblem,
    Temperament, Validity, WizardStep,
};
use crate::domain::value::ValueTier;

pub fn complaint_state_name(lang: Lang, state: ComplaintState) -> &'static str {
    use ComplaintState as S;
    match (lang, state) {
        (Lang::En, S::Open) => "Open",
        (Lang::En, S::InProgress) => "In progress",
        (Lang::En, S::AwaitingCustomer) => "Awaiting customer",
        (Lang::En, S::Resolved) => "Resolved",
        (Lang::En, S::Closed) => "Closed",
        (Lang::En, S::Reopened) => "Reopened",
        (Lang::Zh, S::Open) => "待处理",
        (Lang::Zh, S::InProgress) => "处理中",
        (Lang::Zh, S::AwaitingCustomer) => "等待客户回复",
        (Lang::Zh, S::Resolved) => "已解决",
        (Lang::Zh, S::Closed) => "已关闭",
        (Lang::Zh, S::Reopened) => "已重新打开",
    }
}

pub fn cause_name(lang: Lang, cause: ComplaintCause) -> &'static str {
    use ComplaintCause as C;
    match (lang, cause) {
        (Lang::En, C::ProductQuality) => "Product quality",
        (Lang::En, C::ServiceAttitude) => "Service attitude",
        (Lang::En, C::Misleading) => "Misleading description",
        (Lang::En, C::Logistics) => "Logistics",
        (Lang::En, C::PriceBilling) => "Price or billing",
        (Lang::En, C::AfterSale) => "After-sale service",
        (Lang::Zh, C::ProductQuality) => "商品质量",
        (Lang::Zh, C::ServiceAttitude) => "服务态度",
        (Lang::Zh, C::Misleading) => "与描述不符",
        (Lang::Zh, C::Logistics) => "物流",
        (Lang::Zh, C::PriceBilling) => "价格或账单",
        (Lang::Zh, C::AfterSale) => "售后服务",
    }
}

pub fn temperament_name(lang: Lang, temperament: Temperament) -> &'static str {
    use Temperament as T;
    match (lang, temperament) {
        (Lang::En, T::Emotional) => "Emotional",
        (Lang::En, T::Stubborn) => "Stubborn",
        (Lang::En, T::Prepared) => "Prepared (may go to law)",
        (Lang::Zh, T::Emotional) => "情绪激动型",
        (Lang::Zh, T::Stubborn) => "固执型",
        (Lang::Zh, T::Prepared) => "有备而来型（可能走法律途径）",
    }
}

/// The stance the complaint chapter recommends for each difficult customer type.
pub fn stance_text(lang: Lang, temperament: Temperament) -> &'static str {
    use Temperament as T;
    match (lang, temperament) {
        (Lang::En, T::Emotional) => "Stay calm and let them vent without interrupting. Acknowledge the feeling, promise a solution that will satisfy them, and stay polite but keep to the rules.",
        (Lang::En, T::Stubborn) => "Show that you understand their view, then explain the solution on offer patiently and more than once if needed; do not argue.",
        (Lang::En, T::Prepared) => "Choose every word with care and put no loose promise in writing. Be confident about the facts and show sincerity in fixing the problem.",
        (Lang::Zh, T::Emotional) => "保持冷静，让客户充分发泄，不要打断。认同其感受，承诺给出令其满意的解决方案，礼貌但坚持原则。",
        (Lang::Zh, T::Stubborn) => "先表示理解客户的看法，再耐心解释所提供的方案，必要时反复说明，不要争辩。",
        (Lang::Zh, T::Prepared) => "措辞谨慎，不要轻易做出书面承诺。陈述事实要有把握，同时表现出解决问题的诚意。",
    }
}

pub fn validity_name(lang: Lang, validity: Validity) -> &'static str {
    match (lang, validity) {
        (Lang::En, Validity::Valid) => "Valid",
        (Lang::En, Validity::Partly) => "Partly valid",
        (Lang::En, Validity::NotValid) => "Not valid",
        (Lang::Zh, Validity::Valid) => "成立",
        (Lang::Zh, Validity::Partly) => "部分成立",
        (Lang::Zh, Validity::NotValid) => "不成立",
    }
}

pub fn remedy_name(lang: Lang, remedy: RemedyKind) -> &'static str {
    use RemedyKind as R;
    match (lang, remedy) {
        (Lang::En, R::Refund) => "Refund",
        (Lang::En, R::PartialRefund) => "Partial refund",
        (Lang::En, R::Replacement) => "Replacement",
        (Lang::En, R::Resend) => "Resend",
        (Lang::En, R::Repair) => "Repair",
        (Lang::En, R::Coupon) => "Coupon or discount",
        (Lang::En, R::Apology) => "Apology",
        (Lang::En, R::Compensation) => "Compensation",
        (Lang::Zh, R::Refund) => "退款",
        (Lang::Zh, R::PartialRefund) => "部分退款",
        (Lang::Zh, R::Replacement) => "换货",
        (Lang::Zh, R::Resend) => "补发",
        (Lang::Zh, R::Repair) => "维修",
        (Lang::Zh, R::Coupon) => "优惠券或折扣",
        (Lang::Zh, R::Apology) => "道歉",
        (Lang::Zh, R::Compensation) => "赔偿",
    }
}

pub fn step_name(lang: Lang, step: WizardStep) -> &'static str {
    use WizardStep as W;
    match (lang, step) {
        (Lang::En, W::Listen) => "Listen",
        (Lang::En, W::Record) => "Record and judge",
        (Lang::En, W::Remedy) => "Remedy",
        (Lang::En, W::FollowUp) => "Follow up",
        (Lang::Zh, W::Listen) => "倾听",
        (Lang::Zh, W::Record) => "记录与判断",
        (Lang::Zh, W::Remedy) => "提出补救",
        (Lang::Zh, W::FollowUp) => "跟踪回访",
    }
}

pub fn step_problem_message(lang: Lang, problem: StepProblem) -> String {
    use StepProblem as P;
    match (lang, problem) {
        (Lang::En, P::Required) => "This field is required: enter a value.".into(),
        (Lang::En, P::TooLong { max }) => format!("Too long: use at most {max} characters."),
        (Lang::En, P::DateShape) => "Use a date like 2026-11-24.".into(),
        (Lang::En, P::DateInFuture) => {
            "This date lies in the future. Enter today's date or an earlier one.".into()
        }
        (Lang::En, P::PurchaseAfterIncident) => {
            "The purchase date is after the date it happened: check both.".into()
        }
        (Lang::En, P::AmountShape) => "Enter an amount like 12.50 or 12,50.".into(),
        (Lang::En, P::AmountNotPositive) => "Enter an amount above zero.".into(),
        (Lang::En, P::CurrencyCode) => {
            "Use a three-letter currency code, such as EUR, USD or JPY.".into()
        }
        (Lang::En, P::AmountNotAllowed) => {
            "This remedy has no amount: clear the amount or choose another remedy.".into()
        }
        (Lang::En, P::DateTimeShape) => "Pick a date and time.".into(),
        (Lang::En, P::SatisfactionRange) => {
            "Choose 1 (very dissatisfied) to 5 (very satisfied).".into()
        }
        (Lang::En, P::UnknownChoice) => "Choose one of the options.".into(),
        (Lang::Zh, P::Required) => "此项为必填。".into(),
        (Lang::Zh, P::TooLong { max }) => format!("内容过长：最多 {max} 个字。"),
        (Lang::Zh, P::DateShape) => "请按 2026-11-24 的格式填写日期。".into(),
        (Lang::Zh, P::DateInFuture) => "日期不能晚于今天。".into(),
        (Lang::Zh, P::PurchaseAfterIncident) => {
            "购买日期不能晚于问题发生日期，请检查这两个日期。".into()
        }
        (Lang::Zh, P::AmountShape) => "请输入金额，如 12.50 或 12,50。".into(),
        (Lang::Zh, P::AmountNotPositive) => "请输入大于零的金额。".into(),
        (Lang::Zh, P::CurrencyCode) => "请使用三个字母的币种代码，如 EUR、USD、JPY。".into(),
        (Lang::Zh, P::AmountNotAllowed) => "该补救措施没有金额：请清空金额或选择其他措施。".into(),
        (Lang::Zh, P::DateTimeShape) => "请选择日期和时间。".into(),
        (Lang::Zh, P::SatisfactionRange) => "请选择 1（非常不满意）至 5（非常满意）。".into(),
        (Lang::Zh, P::UnknownChoice) => "请从给出的选项中选择。".into(),
    }
}

pub fn complaint_error_message(lang: Lang, error: &ComplaintError) -> String {
    match (lang, error) {
        (Lang::En, ComplaintError::IllegalMove { from, to }) => format!(
            "A complaint that is \"{}\" cannot become \"{}\". Reload the complaint to see its current state.",
            complaint_state_name(lang, *from),
            complaint_state_name(lang, *to)
        ),
        (Lang::En, ComplaintError::StepsIncomplete) => {
            "Go back and complete the first three steps (listen, record and judge, remedy) before marking the complaint resolved.".into()
        }
        (Lang::En, ComplaintError::OutcomeMissing) => {
            "Enter the outcome before marking the complaint resolved.".into()
        }
        (Lang::Zh, ComplaintError::IllegalMove { from, to }) => format!(
            "处于“{}”的投诉不能改为“{}”。请刷新投诉记录，查看其当前状态。",
            complaint_state_name(lang, *from),
            complaint_state_name(lang, *to)
        ),
        (Lang::Zh, ComplaintError::StepsIncomplete) => {
            "请先完成前三步（倾听、记录与判断、提出补救），再标记为已解决。".into()
        }
        (Lang::Zh, ComplaintError::OutcomeMissing) => "标记为已解决前，请填写处理结果。".into(),
    }
}

/// A wizard step's title: "2. Record and judge" / "第 2 步：记录与判断".
pub fn step_title(lang: Lang, step: WizardStep) -> String {
    let (n, name) = (step.number(), step_name(lang, step));
    match lang {
        Lang::En => format!("{n}. {name}"),
        Lang::Zh => format!("第 {n} 步：{name}"),
    }
}

/// The complaint page's heading: "Complaint — Lucía García" / "投诉处理：张三".
pub fn complaint_heading(lang: Lang, customer_name: &str) -> String {
    let title = text(lang, Key::ComplaintTitle);
    match lang {
        Lang::En => format!("{title} — {customer_name}"),
        Lang::Zh => labelled(lang, title, customer_name),
    }
}

/// The response clock as one line: how long the complaint has been open, how long
/// since the customer last wrote, the response limit and what is left of it.
/// `active` tells a paused clock (waiting for the customer) from a stopped one
/// (handled); the clock alone does not say which.
pub fn response_clock_text(lang: Lang, clock: &ResponseClock, active: bool) -> String {
    let opened = duration_text(lang, clock.since_opened);
    let waited = duration_text(lang, clock.since_customer_message);
    let target = duration_text(lang, clock.target);
    let remaining = match (lang, clock.remaining) {
        (Lang::En, None) if active => "clock paused while waiting for the customer".to_owned(),
        (Lang::En, None) => "clock stopped: handled".to_owned(),
        (Lang::Zh, None) if active => "等待客户期间暂停计时".to_owned(),
        (Lang::Zh, None) => "已处理，停止计时".to_owned(),
        (Lang::En, Some(left)) if clock.overdue => {
            format!("overdue by {}", duration_text(lang, -left))
        }
        (Lang::Zh, Some(left)) if clock.overdue => {
            format!("已超时 {}", duration_text(lang, -left))
        }
        (Lang::En, Some(left)) => format!("{} left", duration_text(lang, left)),
        (Lang::Zh, Some(left)) => format!("剩余 {}", duration_text(lang, left)),
    };
    match lang {
        Lang::En => format!(
            "open for {opened} · {waited} since the customer's last message · target {target} · {remaining}"
        ),
        Lang::Zh => format!(
            "已受理 {opened} · 距客户上条消息 {waited} · 响应时限 {target} · {remaining}"
        ),
    }
}

/// The button that moves a complaint to `state`: "Mark as Resolved" / "标记为已解决".
pub fn mark_as_label(lang: Lang, state: ComplaintState) -> String {
    let name = complaint_state_name(lang, state);
    match lang {
        Lang::En => format!("Mark as {name}"),
        Lang::Zh => format!("标记为{name}"),
    }
}

/// How many complaints the queue lists: "3 complaints" / "共 3 件投诉".
pub fn complaint_count(lang: Lang, count: usize) -> String {
    match (lang, count) {
        (Lang::En, 1) => "1 complaint".to_owned(),
        (Lang::En, n) => format!("{n} complaints"),
        (Lang::Zh, n) => format!("共 {n} 件投诉"),
    }
}

/// The label of a tier's response limit in the targets form:
/// "VIP customers (hours, empty = none)" / "VIP 客户响应时限（小时，留空则不设）".
pub fn tier_target_hours_label(lang: Lang, tier: ValueTier) -> String {
    let tier = tier_name(lang, tier);
    match lang {
        Lang::En => format!("{tier} customers (hours, empty = none)"),
        Lang::Zh => format!("{tier}响应时限（小时，留空则不设）"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::Duration;

    fn clock(remaining: Option<i64>, overdue: bool) -> ResponseClock {
        ResponseClock {
            since_opened: Duration::minutes(2 * 1440 + 180),
            since_customer_message: Duration::minutes(5 * 60 + 2),
            target: Duration::hours(24),
            remaining: remaining.map(Duration::minutes),
            overdue,
        }
    }

    #[test]
    fn the_response_clock_follows_each_languages_word_order() {
        let running = clock(Some(3 * 60 + 10), false);
        assert_eq!(
            response_clock_text(Lang::En, &running, true),
            "open for 2 d 3 h · 5 h 02 min since the customer's last message · target 1 d · 3 h 10 min left"
        );
        assert_eq!(
            response_clock_text(Lang::Zh, &running, true),
            "已受理 2 天 3 小时 · 距客户上条消息 5 小时 2 分钟 · 响应时限 1 天 · 剩余 3 小时 10 分钟"
        );
        let late = clock(Some(-190), true);
        assert!(response_clock_text(Lang::En, &late, true).ends_with(" · overdue by 3 h 10 min"));
        assert!(response_clock_text(Lang::Zh, &late, true).ends_with(" · 已超时 3 小时 10 分钟"));
        let paused = clock(None, false);
        assert!(response_clock_text(Lang::Zh, &paused, true).ends_with(" · 等待客户期间暂停计时"));
        assert!(
            response_clock_text(Lang::En, &paused, false).ends_with(" · clock stopped: handled")
        );
        assert!(response_clock_text(Lang::Zh, &paused, false).ends_with(" · 已处理，停止计时"));
    }

    #[test]
    fn step_titles_and_the_heading_read_naturally() {
        assert_eq!(
            step_title(Lang::En, WizardStep::Record),
            "2. Record and judge"
        );
        assert_eq!(
            step_title(Lang::Zh, WizardStep::Record),
            "第 2 步：记录与判断"
        );
        assert_eq!(
            complaint_heading(Lang::En, "Lucía García"),
            "Complaint — Lucía García"
        );
        assert_eq!(complaint_heading(Lang::Zh, "张三"), "投诉处理：张三");
    }

    #[test]
    fn complaint_errors_say_what_to_do() {
        use crate::i18n::test_support::ends_with_next_step;
        let errors = [
            ComplaintError::IllegalMove {
                from: ComplaintState::Closed,
                to: ComplaintState::InProgress,
            },
            ComplaintError::StepsIncomplete,
            ComplaintError::OutcomeMissing,
        ];
        for error in &errors {
            for lang in [Lang::En, Lang::Zh] {
                let message = complaint_error_message(lang, error);
                assert!(ends_with_next_step(lang, &message), "{lang:?}: {message}");
            }
        }
        assert_eq!(
            complaint_error_message(Lang::Zh, &errors[0]),
            "处于“已关闭”的投诉不能改为“处理中”。请刷新投诉记录，查看其当前状态。"
        );
        assert_eq!(
            complaint_error_message(Lang::En, &errors[0]),
            "A complaint that is \"Closed\" cannot become \"In progress\". Reload the complaint to see its current state."
        );
    }

    #[test]
    fn the_problems_of_the_targets_form_and_the_tabs_say_what_to_do() {
        use crate::i18n::test_support::ends_with_next_step;
        for key in [
            Key::TargetHoursInvalid,
            Key::MarketplaceTargetsInvalid,
            Key::SyncFailed,
            Key::OfflineFailed,
            Key::BadCurrency,
        ] {
            for lang in [Lang::En, Lang::Zh] {
                let message = text(lang, key);
                assert!(
                    ends_with_next_step(lang, message),
                    "{key:?} {lang:?}: {message}"
                );
            }
        }
    }

    #[test]
    fn labels_of_the_queue_and_the_targets_form() {
        assert_eq!(
            mark_as_label(Lang::En, ComplaintState::Resolved),
            "Mark as Resolved"
        );
        assert_eq!(
            mark_as_label(Lang::Zh, ComplaintState::Resolved),
            "标记为已解决"
        );
        assert_eq!(complaint_count(Lang::En, 1), "1 complaint");
        assert_eq!(complaint_count(Lang::En, 3), "3 complaints");
        assert_eq!(complaint_count(Lang::Zh, 3), "共 3 件投诉");
        assert_eq!(
            tier_target_hours_label(Lang::En, ValueTier::Vip),
            "VIP customers (hours, empty = none)"
        );
        assert_eq!(
            tier_target_hours_label(Lang::Zh, ValueTier::Vip),
            "VIP 客户响应时限（小时，留空则不设）"
        );
    }
}
