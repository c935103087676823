//! Value analysis: tier and segment names, care policies, rate notes and value-page errors.

use super::*;
use crate::domain::value::{
    AbcClass, AbcCounts, RateProblem, RfmSegment, SharesProblem, TierSummary, ValueError,
    ValueSettings, ValueTier,
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
        (Lang::En, ValueError::BadRate(problem)) => {
            let (why, next) = rate_problem_text(lang, *problem);
            format!("This exchange rate cannot be used: {why}. {next}")
        }
        (Lang::En, ValueError::BadShares(S::VipBelowOne)) => format!("The {vip} share must be at least 1%. Raise it to 1 or more."),
        (Lang::En, ValueError::BadShares(S::TierSharesOver100 { sum })) => format!("The {vip}, {major} and {ordinary} shares add up to {sum}%, more than 100%. Lower one of them."),
        (Lang::En, ValueError::BadShares(S::AThresholdBelowOne)) => "The A threshold must be at least 1%. Raise it to 1 or more.".into(),
        (Lang::En, ValueError::BadShares(S::AThresholdNotBelowB { a, b })) => format!("The A threshold ({a}%) must be below the B threshold ({b}%). Lower A or raise B."),
        (Lang::En, ValueError::BadShares(S::BThresholdOver100 { b })) => format!("The B threshold ({b}%) cannot exceed 100%. Lower it to 100 or less."),
        (Lang::Zh, ValueError::MissingRate(code)) => format!("请在下方填写 {} 的汇率。", code.as_str()),
        (Lang::Zh, ValueError::Overflow) => "有金额过大，无法计算。请检查导入的订单中是否有位数错误的金额，或选择更短的时间段。".into(),
        (Lang::Zh, ValueError::BadRate(problem)) => {
            let (why, next) = rate_problem_text(lang, *problem);
            format!("该汇率无法使用：{why}。{next}")
        }
        (Lang::Zh, ValueError::BadShares(S::VipBelowOne)) => format!("{vip}占比至少为 1%。请改为 1 或以上。"),
        (Lang::Zh, ValueError::BadShares(S::TierSharesOver100 { sum })) => format!("{vip}、{major}和{ordinary}占比合计 {sum}%，超过 100%。请调低其中一项。"),
        (Lang::Zh, ValueError::BadShares(S::AThresholdBelowOne)) => "A 类阈值至少为 1%。请改为 1 或以上。".into(),
        (Lang::Zh, ValueError::BadShares(S::AThresholdNotBelowB { a, b })) => format!("A 类阈值（{a}%）必须低于 B 类阈值（{b}%）。请调低 A 或调高 B。"),
        (Lang::Zh, ValueError::BadShares(S::BThresholdOver100 { b })) => format!("B 类阈值（{b}%）不能超过 100%。请改为 100 或以下。"),
    }
}

/// Why a typed rate was refused, and what to type instead.
fn rate_problem_text(lang: Lang, problem: RateProblem) -> (String, String) {
    use RateProblem as R;
    let (why, next) = match (lang, problem) {
        (Lang::En, R::Empty) => ("it is empty".into(), "Type a rate such as 1.0832.".into()),
        (Lang::En, R::NotPositive) => (
            "it must be greater than zero".into(),
            "Type a rate above zero, such as 1.0832.".into(),
        ),
        (Lang::En, R::NotPlainDecimal) => (
            "it is not a plain decimal number".into(),
            "Type digits only, with a dot before the decimals, such as 1.0832.".into(),
        ),
        (Lang::En, R::TooManyFractionDigits { max }) => (
            format!("at most {max} digits are allowed after the decimal point"),
            format!("Type at most {max} decimal places, such as 1.0832."),
        ),
        (Lang::En, R::TooManyDigits) => (
            "it has too many digits".into(),
            "Check the rate and type it again, such as 1.0832.".into(),
        ),
        (Lang::Zh, R::Empty) => ("未填写".into(), "请填写汇率，如 1.0832。".into()),
        (Lang::Zh, R::NotPositive) => (
            "汇率必须大于零".into(),
            "请填写大于零的数字，如 1.0832。".into(),
        ),
        (Lang::Zh, R::NotPlainDecimal) => (
            "格式有误".into(),
            "请只填写数字，小数部分用小数点（.）分隔，如 1.0832。".into(),
        ),
        (Lang::Zh, R::TooManyFractionDigits { max }) => (
            format!("小数点后最多 {max} 位"),
            "请删去多余的小数位，如 1.0832。".into(),
        ),
        (Lang::Zh, R::TooManyDigits) => (
            "位数太多".into(),
            "请检查汇率后重新填写，如 1.0832。".into(),
        ),
    };
    (why, next)
}

/// The error under the rates when the rep's typed rate for `code` is refused:
/// "The EUR rate cannot be used: … Type …" / "EUR 汇率无法使用：格式有误。请…".
pub fn rate_input_error(lang: Lang, code: &str, error: &ValueError) -> String {
    match (lang, error) {
        (Lang::En, ValueError::BadRate(problem)) => {
            let (why, next) = rate_problem_text(lang, *problem);
            format!("The {code} rate cannot be used: {why}. {next}")
        }
        (Lang::Zh, ValueError::BadRate(problem)) => {
            let (why, next) = rate_problem_text(lang, *problem);
            format!("{code} 汇率无法使用：{why}。{next}")
        }
        (_, other) => labelled(lang, code, &value_error_message(lang, other)),
    }
}

/// The analysed period: "2024-05-01 – 2025-04-30" / "2024-05-01 至 2025-04-30".
pub fn value_period(lang: Lang, settings: &ValueSettings) -> String {
    let (from, to) = (settings.from, settings.to);
    match lang {
        Lang::En => format!("{from} – {to}"),
        Lang::Zh => format!("{from} 至 {to}"),
    }
}

/// The customer list's title after a click on a tier of the pyramid:
/// "Tier: VIP (period)" / "VIP 客户（period）".
pub fn tier_subset_label(lang: Lang, tier: ValueTier, period: &str) -> String {
    let tier = tier_name(lang, tier);
    match lang {
        Lang::En => format!("Tier: {tier} ({period})"),
        Lang::Zh => format!("{tier}（{period}）"),
    }
}

/// The customer list's title after a click on an ABC class:
/// "Class A (period)" / "A 类客户（period）".
pub fn class_subset_label(lang: Lang, class: AbcClass, period: &str) -> String {
    let class = abc_name(class);
    match lang {
        Lang::En => format!("Class {class} ({period})"),
        Lang::Zh => format!("{class} 类客户（{period}）"),
    }
}

/// A class button under the Pareto chart: "Class A: 12" / "A 类：12".
pub fn abc_class_button(lang: Lang, class: AbcClass, customers: usize) -> String {
    let class = abc_name(class);
    match lang {
        Lang::En => format!("Class {class}: {customers}"),
        Lang::Zh => format!("{class} 类：{customers}"),
    }
}

/// The customer list's title after a click on an RFM segment:
/// "RFM: Champions" / "RFM 分群：冠军客户".
pub fn rfm_subset_label(lang: Lang, segment: RfmSegment) -> String {
    let segment = rfm_segment_name(lang, segment);
    match lang {
        Lang::En => format!("RFM: {segment}"),
        Lang::Zh => format!("RFM 分群：{segment}"),
    }
}

/// After "record this period's tiers": how many customers changed tier.
pub fn tiers_recorded_message(lang: Lang, customers: usize) -> String {
    match (lang, customers) {
        (Lang::En, 0) => "No tier has changed since the last record.".into(),
        (Lang::En, 1) => "Recorded tier changes for 1 customer.".into(),
        (Lang::En, n) => format!("Recorded tier changes for {} customers.", grouped(n as u64)),
        (Lang::Zh, 0) => "自上次保存以来，客户等级没有变动。".into(),
        (Lang::Zh, n) => format!("已保存等级变动：{} 位客户", grouped(n as u64)),
    }
}

/// While orders stream in: "Loading orders… 1,200 read" / "正在加载订单…已读取 1,200 条".
pub fn loading_orders_text(lang: Lang, read: usize) -> String {
    let read = grouped(read as u64);
    match lang {
        Lang::En => format!("Loading orders… {read} read"),
        Lang::Zh => format!("正在加载订单…已读取 {read} 条"),
    }
}

/// The legend of the rates fieldset, naming the reporting currency.
pub fn exchange_rates_legend(lang: Lang, reporting: &str) -> String {
    match lang {
        Lang::En => format!("Exchange rates into the reporting currency ({reporting})"),
        Lang::Zh => format!("汇率（折算为 {reporting}）"),
    }
}

fn percent_of(value: f64) -> String {
    format!("{value:.1}%")
}

/// The pyramid's description for screen readers, one clause per tier:
/// "VIP: 12 customers (5.0% of customers, 40.0% of profit); …" /
/// "VIP 客户：12 位（客户占比 5.0%，利润占比 40.0%）；…".
pub fn pyramid_description(lang: Lang, summary: &[TierSummary]) -> String {
    let tiers: Vec<String> = summary
        .iter()
        .map(|s| {
            let (tier, n) = (tier_name(lang, s.tier), s.customers);
            let (customers, profit) = (percent_of(s.customer_share), percent_of(s.profit_share));
            match (lang, n) {
                (Lang::En, 1) => {
                    format!("{tier}: 1 customer ({customers} of customers, {profit} of profit)")
                }
                (Lang::En, _) => {
                    format!("{tier}: {n} customers ({customers} of customers, {profit} of profit)")
                }
                (Lang::Zh, _) => {
                    format!("{tier}：{n} 位（客户占比 {customers}，利润占比 {profit}）")
                }
            }
        })
        .collect();
    clauses(lang, &tiers)
}

/// The Pareto chart's description: customers per class and the thresholds.
pub fn pareto_description(
    lang: Lang,
    counts: &AbcCounts,
    a_percent: u32,
    b_percent: u32,
) -> String {
    let (a, b, c) = (counts.a, counts.b, counts.c);
    match lang {
        Lang::En => format!(
            "Class A: {a}, class B: {b}, class C: {c} customers; thresholds {a_percent}%/{b_percent}%"
        ),
        Lang::Zh => format!(
            "A 类 {a} 位，B 类 {b} 位，C 类 {c} 位；阈值 {a_percent}%/{b_percent}%"
        ),
    }
}

/// Where the cumulative profit curve peaks, as a sentence under the chart.
pub fn whale_peak_text(lang: Lang, rank_percent: f64, peak_percent: f64) -> String {
    let (rank, peak) = (percent_of(rank_percent), percent_of(peak_percent));
    match lang {
        Lang::En => format!("Cumulative profit peaks at {peak} with the top {rank} of customers."),
        Lang::Zh => format!("累计利润在前 {rank} 的客户处达到峰值 {peak}。"),
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::value::RateProblem;

    #[test]
    fn rate_errors_name_the_currency_and_say_what_to_type() {
        let bad = ValueError::BadRate(RateProblem::NotPlainDecimal);
        assert_eq!(
            rate_input_error(Lang::En, "EUR", &bad),
            "The EUR rate cannot be used: it is not a plain decimal number. Type digits only, with a dot before the decimals, such as 1.0832."
        );
        assert_eq!(
            rate_input_error(Lang::Zh, "EUR", &bad),
            "EUR 汇率无法使用：格式有误。请只填写数字，小数部分用小数点（.）分隔，如 1.0832。"
        );
    }

    #[test]
    fn value_page_labels_follow_each_languages_order() {
        let p = "2024-05-01 – 2025-04-30";
        assert_eq!(
            tier_subset_label(Lang::En, ValueTier::Vip, p),
            "Tier: VIP (2024-05-01 – 2025-04-30)"
        );
        assert_eq!(
            tier_subset_label(Lang::Zh, ValueTier::Vip, "2024-05-01 至 2025-04-30"),
            "VIP 客户（2024-05-01 至 2025-04-30）"
        );
        assert_eq!(
            class_subset_label(Lang::En, AbcClass::A, p),
            "Class A (2024-05-01 – 2025-04-30)"
        );
        assert_eq!(
            class_subset_label(Lang::Zh, AbcClass::A, "2024-05-01 至 2025-04-30"),
            "A 类客户（2024-05-01 至 2025-04-30）"
        );
        assert_eq!(abc_class_button(Lang::En, AbcClass::B, 5), "Class B: 5");
        assert_eq!(abc_class_button(Lang::Zh, AbcClass::B, 5), "B 类：5");
        assert_eq!(
            rfm_subset_label(Lang::En, RfmSegment::Champions),
            "RFM: Champions"
        );
        assert_eq!(
            rfm_subset_label(Lang::Zh, RfmSegment::Champions),
            "RFM 分群：冠军客户"
        );
        assert_eq!(
            tiers_recorded_message(Lang::En, 100),
            "Recorded tier changes for 100 customers."
        );
        assert_eq!(
            tiers_recorded_message(Lang::Zh, 12),
            "已保存等级变动：12 位客户"
        );
        assert_eq!(
            tiers_recorded_message(Lang::En, 0),
            "No tier has changed since the last record."
        );
        assert_eq!(
            tiers_recorded_message(Lang::Zh, 0),
            "自上次保存以来，客户等级没有变动。"
        );
        assert_eq!(
            loading_orders_text(Lang::En, 1200),
            "Loading orders… 1,200 read"
        );
        assert_eq!(
            loading_orders_text(Lang::Zh, 1200),
            "正在加载订单…已读取 1,200 条"
        );
        assert_eq!(
            exchange_rates_legend(Lang::En, "USD"),
            "Exchange rates into the reporting currency (USD)"
        );
        assert_eq!(exchange_rates_legend(Lang::Zh, "USD"), "汇率（折算为 USD）");
    }

    #[test]
    fn share_errors_read_naturally_and_say_what_to_change() {
        let over = ValueError::BadShares(SharesProblem::TierSharesOver100 { sum: 120 });
        assert_eq!(
            value_error_message(Lang::En, &over),
            "The VIP, Major and Ordinary shares add up to 120%, more than 100%. Lower one of them."
        );
        assert_eq!(
            value_error_message(Lang::Zh, &over),
            "VIP 客户、主要客户和普通客户占比合计 120%，超过 100%。请调低其中一项。"
        );
    }

    #[test]
    fn the_period_reads_from_to_in_each_language() {
        let today = chrono::NaiveDate::from_ymd_opt(2025, 4, 30).unwrap();
        let mut settings = ValueSettings::default_for(today);
        settings.from = chrono::NaiveDate::from_ymd_opt(2024, 5, 1).unwrap();
        settings.to = today;
        assert_eq!(value_period(Lang::En, &settings), "2024-05-01 – 2025-04-30");
        assert_eq!(
            value_period(Lang::Zh, &settings),
            "2024-05-01 至 2025-04-30"
        );
    }

    #[test]
    fn chart_descriptions_label_every_number() {
        let vip = TierSummary {
            tier: ValueTier::Vip,
            customers: 12,
            customer_share: 5.0,
            profit: 4000,
            profit_share: 40.0,
            revenue: 9000,
        };
        assert_eq!(
            pyramid_description(Lang::En, std::slice::from_ref(&vip)),
            "VIP: 12 customers (5.0% of customers, 40.0% of profit)"
        );
        assert_eq!(
            pyramid_description(Lang::Zh, &[vip, vip]),
            "VIP 客户：12 位（客户占比 5.0%，利润占比 40.0%）；VIP 客户：12 位（客户占比 5.0%，利润占比 40.0%）"
        );
        let counts = AbcCounts { a: 3, b: 5, c: 10 };
        assert_eq!(
            pareto_description(Lang::En, &counts, 80, 95),
            "Class A: 3, class B: 5, class C: 10 customers; thresholds 80%/95%"
        );
        assert_eq!(
            pareto_description(Lang::Zh, &counts, 80, 95),
            "A 类 3 位，B 类 5 位，C 类 10 位；阈值 80%/95%"
        );
        assert_eq!(
            whale_peak_text(Lang::En, 12.0, 130.0),
            "Cumulative profit peaks at 130.0% with the top 12.0% of customers."
        );
        assert_eq!(
            whale_peak_text(Lang::Zh, 12.0, 130.0),
            "累计利润在前 12.0% 的客户处达到峰值 130.0%。"
        );
    }
}
