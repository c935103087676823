//! Value analysis: tier and segment names, care policies, rate notes and value-page errors.

use super::*;
use crate::domain::value::{
    AbcClass, RateProblem, RfmSegment, SharesProblem, ValueError, ValueTier,
};
use crate::domain::value::{RateSource, ReferenceRate};

pub fn tier_name(lang: Lang, tier: ValueTier) -> &'static str {
    match (lang, tier) {
        (Lang::En, ValueTier::Vip) => "VIP",
        (Lang::En, ValueTier::Major) => "Major",
        (Lang::En, ValueTier::Ordinary) => "Ordinary",
        (Lang::En, ValueTier::Small) => "Small",
        (Lang::Zh, ValueTier::Vip) => "VIP 客户",
        (Lang::Zh, ValueTier::Major) => "主要客户",
        (Lang::Zh, ValueTier::Ordinary) => "普通客户",
        (Lang::Zh, ValueTier::Small) => "小客户",
    }
}

/// What each tier gets (tiered management of customers).
pub fn care_policy(lang: Lang, tier: ValueTier) -> &'static str {
    match (lang, tier) {
        (Lang::En, ValueTier::Vip) => "Dedicated account manager, priority supply and service, VIP channel, planned contact every 30 days, yearly feedback meeting, fastest complaint handling, milestone congratulations, loyalty discounts or credit terms.",
        (Lang::En, ValueTier::Major) => "Named contact, priority complaint handling, planned contact every 60 days, holiday gifts, frequent-buyer rewards.",
        (Lang::En, ValueTier::Ordinary) => "Where there is upgrade potential: bundles, frequent-buyer rewards, upsell. Otherwise cheaper channels and fewer free services. Contact every 120 days.",
        (Lang::En, ValueTier::Small) => "Watch for upgrade potential over time; lower the cost to serve; no planned contact. Part politely but firmly with bad-debt customers.",
        (Lang::Zh, ValueTier::Vip) => "专属客户经理；优先供货与服务；VIP 专属通道；每 30 天主动联系一次；每年一次客户座谈会；投诉最快处理；重要节日及纪念日致贺；给予忠诚折扣或赊账优惠。",
        (Lang::Zh, ValueTier::Major) => "指定专人对接；投诉优先处理；每 60 天主动联系一次；节日赠礼；复购奖励。",
        (Lang::Zh, ValueTier::Ordinary) => "有升级潜力的：搭配销售、复购奖励、追加销售；无潜力的：改用低成本服务渠道，减少免费服务。每 120 天联系一次。",
        (Lang::Zh, ValueTier::Small) => "持续观察升级潜力；降低服务成本；不安排定期联系。对有坏账的客户，礼貌而坚决地终止合作。",
    }
}

pub fn rfm_segment_name(lang: Lang, segment: RfmSegment) -> &'static str {
    use RfmSegment::*;
    match (lang, segment) {
        (Lang::En, Champions) => "Champions",
        (Lang::En, LoyalCustomers) => "Loyal customers",
        (Lang::En, PotentialLoyalists) => "Potential loyalists",
        (Lang::En, NewCustomers) => "New customers",
        (Lang::En, Promising) => "Promising",
        (Lang::En, NeedAttention) => "Need attention",
        (Lang::En, AboutToSleep) => "About to sleep",
        (Lang::En, AtRisk) => "At risk",
        (Lang::En, CannotLoseThem) => "Cannot lose them",
        (Lang::En, Hibernating) => "Hibernating",
        (Lang::En, Lost) => "Lost",
        (Lang::Zh, Champions) => "冠军客户",
        (Lang::Zh, LoyalCustomers) => "忠诚客户",
        (Lang::Zh, PotentialLoyalists) => "潜在忠诚客户",
        (Lang::Zh, NewCustomers) => "新客户",
        (Lang::Zh, Promising) => "有潜力客户",
        (Lang::Zh, NeedAttention) => "需要关注客户",
        (Lang::Zh, AboutToSleep) => "即将沉睡客户",
        (Lang::Zh, AtRisk) => "有流失风险客户",
        (Lang::Zh, CannotLoseThem) => "重要挽留客户",
        (Lang::Zh, Hibernating) => "沉睡客户",
        (Lang::Zh, Lost) => "已流失客户",
    }
}

pub fn abc_name(class: AbcClass) -> &'static str {
    match class {
        AbcClass::A => "A",
        AbcClass::B => "B",
        AbcClass::C => "C",
    }
}

/// Why the value analysis cannot be shown, and what to change.
pub fn value_error_message(lang: Lang, error: &ValueError) -> String {
    use SharesProblem as S;
    let (vip, major, ordinary) = (
        tier_name(lang, ValueTier::Vip),
        tier_name(lang, ValueTier::Major),
        tier_name(lang, ValueTier::Ordinary),
    );
    match (lang, error) {
        (Lang::En, ValueError::MissingRate(code)) => format!("Enter an exchange rate for {} below.", code.as_str()),
        (Lang::En, ValueError::Overflow) => "An amount is too large to calculate with. Check the imported orders for an amount with misplaced digits, or choose a shorter period.".into(),
        (Lang::En, ValueError::BadRate(problem)) => format!("This exchange rate cannot be used: {}. Type a plain decimal number with a dot, such as 1.0832.", rate_problem_text(lang, *problem)),
        (Lang::En, ValueError::BadShares(S::VipBelowOne)) => format!("The {vip} share must be at least 1%. Raise it to 1 or more."),
        (Lang::En, ValueError::BadShares(S::TierSharesOver100 { sum })) => format!("The {vip}, {major} and {ordinary} shares add up to {sum}%, more than 100%. Lower one of them."),
        (Lang::En, ValueError::BadShares(S::AThresholdBelowOne)) => "The A threshold must be at least 1%. Raise it to 1 or more.".into(),
        (Lang::En, ValueError::BadShares(S::AThresholdNotBelowB { a, b })) => format!("The A threshold ({a}%) must be below the B threshold ({b}%). Lower A or raise B."),
        (Lang::En, ValueError::BadShares(S::BThresholdOver100 { b })) => format!("The B threshold ({b}%) cannot exceed 100%. Lower it to 100 or less."),
        (Lang::Zh, ValueError::MissingRate(code)) => format!("请在下方填写 {} 的汇率。", code.as_str()),
        (Lang::Zh, ValueError::Overflow) => "有金额过大，无法计算。请检查导入的订单中是否有位数错误的金额，或选择更短的时间段。".into(),
        (Lang::Zh, ValueError::BadRate(problem)) => format!("该汇率无法使用：{}。请输入带小数点的普通数字，如 1.0832。", rate_problem_text(lang, *problem)),
        (Lang::Zh, ValueError::BadShares(S::VipBelowOne)) => format!("{vip}的比例至少为 1%。请改为 1 或以上。"),
        (Lang::Zh, ValueError::BadShares(S::TierSharesOver100 { sum })) => format!("{vip}、{major}和{ordinary}的比例合计 {sum}%，超过 100%。请调低其中之一。"),
        (Lang::Zh, ValueError::BadShares(S::AThresholdBelowOne)) => "A 类阈值至少为 1%。请改为 1 或以上。".into(),
        (Lang::Zh, ValueError::BadShares(S::AThresholdNotBelowB { a, b })) => format!("A 类阈值（{a}%）必须低于 B 类阈值（{b}%）。请调低 A 或调高 B。"),
        (Lang::Zh, ValueError::BadShares(S::BThresholdOver100 { b })) => format!("B 类阈值（{b}%）不能超过 100%。请改为 100 或以下。"),
    }
}

fn rate_problem_text(lang: Lang, problem: RateProblem) -> String {
    use RateProblem as R;
    match (lang, problem) {
        (Lang::En, R::Empty) => "it is empty".into(),
        (Lang::En, R::NotPositive) => "it must be greater than zero".into(),
        (Lang::En, R::NotPlainDecimal) => "it is not a plain decimal number".into(),
        (Lang::En, R::TooManyFractionDigits { max }) => {
            format!("at most {max} digits are allowed after the decimal point")
        }
        (Lang::En, R::TooManyDigits) => "it has too many digits".into(),
        (Lang::Zh, R::Empty) => "未填写".into(),
        (Lang::Zh, R::NotPositive) => "必须大于零".into(),
        (Lang::Zh, R::NotPlainDecimal) => "不是普通的小数".into(),
        (Lang::Zh, R::TooManyFractionDigits { max }) => format!("小数点后最多 {max} 位"),
        (Lang::Zh, R::TooManyDigits) => "位数太多".into(),
    }
}

/// Beside each rate: whose it is. A reference rate names its source and date, so a
/// rep knows how old it is; the fieldset's help says that typing replaces it.
pub fn rate_source_note(lang: Lang, typed: bool, reference: Option<&ReferenceRate>) -> String {
    match (lang, typed, reference) {
        (Lang::En, true, Some(_)) => "Your rate (clear it for the reference rate)".into(),
        (Lang::Zh, true, Some(_)) => "您填写的汇率（清空即用参考汇率）".into(),
        (Lang::En, true, None) => "Your rate".into(),
        (Lang::Zh, true, None) => "您填写的汇率".into(),
        (_, false, Some(r)) => {
            let date = r.date().map(|d| d.to_string()).unwrap_or_default();
            match (lang, r.source) {
                (Lang::En, RateSource::Ecb) => {
                    format!("Reference rate of {date} (European Central Bank)")
                }
                (Lang::En, RateSource::UsdPeg) => {
                    format!("Reference rate of {date} (US dollar peg)")
                }
                (Lang::En, RateSource::BankOfRussia) => {
                    format!("Reference rate of {date} (Bank of Russia)")
                }
                (Lang::Zh, RateSource::Ecb) => format!("{date} 参考汇率（欧洲央行）"),
                (Lang::Zh, RateSource::UsdPeg) => format!("{date} 参考汇率（美元联系汇率）"),
                (Lang::Zh, RateSource::BankOfRussia) => format!("{date} 参考汇率（俄罗斯央行）"),
            }
        }
        (Lang::En, false, None) => "No reference rate: type one".into(),
        (Lang::Zh, false, None) => "无参考汇率，请填写".into(),
    }
}
