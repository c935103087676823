//! Complaint handling: states, causes, temperaments, remedies, wizard steps and their problems.

use super::*;
use crate::domain::complaints::{
    ComplaintCause, ComplaintError, ComplaintState, RemedyKind, StepProblem, Temperament, Validity,
    WizardStep,
};

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
        (Lang::En, P::Required) => "Required.".into(),
        (Lang::En, P::TooLong { max }) => format!("Too long: at most {max} characters."),
        (Lang::En, P::DateShape) => "Use a date like 2026-11-24.".into(),
        (Lang::En, P::DateInFuture) => "This date is in the future.".into(),
        (Lang::En, P::PurchaseAfterIncident) => {
            "The purchase date is after the date it happened: check both.".into()
        }
        (Lang::En, P::AmountShape) => "Enter an amount like 12.50 or 12,50.".into(),
        (Lang::En, P::AmountNotPositive) => "Enter an amount above zero.".into(),
        (Lang::En, P::CurrencyCode) => {
            "Use a three-letter currency code, e.g. EUR, USD, JPY.".into()
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
            "A complaint that is \"{}\" cannot become \"{}\".",
            complaint_state_name(lang, *from),
            complaint_state_name(lang, *to)
        ),
        (Lang::En, ComplaintError::StepsIncomplete) => {
            "Finish the steps up to the remedy before resolving.".into()
        }
        (Lang::En, ComplaintError::OutcomeMissing) => {
            "Write down the outcome before resolving.".into()
        }
        (Lang::Zh, ComplaintError::IllegalMove { from, to }) => format!(
            "处于“{}”的投诉不能改为“{}”。",
            complaint_state_name(lang, *from),
            complaint_state_name(lang, *to)
        ),
        (Lang::Zh, ComplaintError::StepsIncomplete) => {
            "请先完成前三步（倾听、记录与判断、提出补救），再标记为已解决。".into()
        }
        (Lang::Zh, ComplaintError::OutcomeMissing) => "标记为已解决前，请填写处理结果。".into(),
    }
}
