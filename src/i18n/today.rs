//! The Today screen and the value badges: why a buyer needs attention, in one
//! sentence with the numbers, and the badges' texts.

use super::{Key, Lang};
use crate::domain::care::attention::{Attention, RhythmField, RhythmSettingProblem};
use crate::domain::value::{AbcClass, RfmScore};

/// "ABC A" / "A 类客户".
pub fn abc_badge_text(lang: Lang, class: AbcClass) -> String {
    let letter = super::abc_name(class);
    match lang {
        Lang::En => format!("ABC {letter}"),
        Lang::Zh => format!("{letter} 类客户"),
    }
}

/// "Champions · R5 F4 M5".
pub fn rfm_badge_text(lang: Lang, score: RfmScore) -> String {
    format!(
        "{} · R{} F{} M{}",
        super::rfm_segment_name(lang, score.segment),
        score.r,
        score.f,
        score.m
    )
}

/// "1234.50 USD": exact, in the currency's own decimals.
fn amount(money: crate::domain::orders::Money) -> String {
    money.format_plain()
}

/// One sentence saying why, with the numbers.
pub fn attention_reason(lang: Lang, flag: &Attention) -> String {
    match (*flag, lang) {
        (
            Attention::Silent {
                usual_gap_days,
                silent_days,
            },
            Lang::En,
        ) => format!(
            "Usually orders every {usual_gap_days} days; nothing for {silent_days} days."
        ),
        (
            Attention::Silent {
                usual_gap_days,
                silent_days,
            },
            Lang::Zh,
        ) => format!("通常每 {usual_gap_days} 天下单一次，已有 {silent_days} 天没有下单。"),
        (
            Attention::UnusualOrder {
                placed_on,
                amount: a,
                usual,
                larger,
            },
            Lang::En,
        ) => format!(
            "Ordered {} on {placed_on}, far {} their usual {}.",
            amount(a),
            if larger { "above" } else { "below" },
            amount(usual)
        ),
        (
            Attention::UnusualOrder {
                placed_on,
                amount: a,
                usual,
                larger,
            },
            Lang::Zh,
        ) => format!(
            "{placed_on} 下单 {}，远{}平时的 {}。",
            amount(a),
            if larger { "高于" } else { "低于" },
            amount(usual)
        ),
        (
            Attention::ComplaintsRising {
                recent,
                before,
                window_days,
            },
            Lang::En,
        ) => format!(
            "{recent} complaints in the last {window_days} days, {before} in the {window_days} days before."
        ),
        (
            Attention::ComplaintsRising {
                recent,
                before,
                window_days,
            },
            Lang::Zh,
        ) => format!("近 {window_days} 天投诉 {recent} 次，之前 {window_days} 天为 {before} 次。"),
        (Attention::LowSatisfaction { score, on }, Lang::En) => {
            format!("Rated us {score}/5 on {on}.")
        }
        (Attention::LowSatisfaction { score, on }, Lang::Zh) => {
            format!("{on} 的满意度评分为 {score}/5。")
        }
    }
}

/// The label of one threshold, with its unit.
pub fn rhythm_field_label(lang: Lang, field: RhythmField) -> &'static str {
    use RhythmField::*;
    match (lang, field) {
        (Lang::En, SilenceFactor) => "Silent after (tenths of the usual gap; 15 = 1.5×)",
        (Lang::Zh, SilenceFactor) => "沉默判定（平时间隔的十分之几；15 即 1.5 倍）",
        (Lang::En, MinOrders) => "Orders needed for a rhythm",
        (Lang::Zh, MinOrders) => "形成规律所需订单数",
        (Lang::En, UnusualFactor) => "Unusual order (tenths of the usual amount; 30 = 3×)",
        (Lang::Zh, UnusualFactor) => "异常订单（平时金额的十分之几；30 即 3 倍）",
        (Lang::En, RecentOrderDays) => "Recent order within (days)",
        (Lang::Zh, RecentOrderDays) => "近期订单范围（天）",
        (Lang::En, ComplaintWindowDays) => "Complaint comparison span (days)",
        (Lang::Zh, ComplaintWindowDays) => "投诉对比周期（天）",
        (Lang::En, ComplaintsRisingMin) => "Complaints needed for a rise",
        (Lang::Zh, ComplaintsRisingMin) => "投诉上升的最少次数",
        (Lang::En, LowSatisfaction) => "Low satisfaction at or below (1–5)",
        (Lang::Zh, LowSatisfaction) => "满意度偏低的分数线（1–5）",
        (Lang::En, SatisfactionDays) => "Satisfaction scores within (days)",
        (Lang::Zh, SatisfactionDays) => "满意度评分有效期（天）",
    }
}

/// Why a typed threshold is refused, and what to type.
pub fn rhythm_problem_message(lang: Lang, problem: &RhythmSettingProblem) -> String {
    let label = rhythm_field_label(lang, problem.field);
    match lang {
        Lang::En => format!(
            "“{label}” must be a whole number from {} to {}. Type a number in that range.",
            problem.min, problem.max
        ),
        Lang::Zh => format!(
            "“{label}”须为 {} 到 {} 之间的整数，请输入该范围内的数字。",
            problem.min, problem.max
        ),
    }
}

/// The words around the navigation's count, heard by screen readers but not
/// shown ("Today, 12 to do"): the visible text stays part of the accessible name.
pub fn nav_count_words(lang: Lang) -> (&'static str, &'static str) {
    match lang {
        Lang::En => (", ", " to do"),
        Lang::Zh => ("，待办 ", " 项"),
    }
}

/// The navigation link's full accessible name.
pub fn nav_today_label(lang: Lang, count: usize) -> String {
    let today = super::text(lang, Key::NavToday);
    if count == 0 {
        return today.to_owned();
    }
    let (before, after) = nav_count_words(lang);
    format!("{today}{before}{count}{after}")
}

/// "Show all 240".
pub fn show_all_label(lang: Lang, total: usize) -> String {
    match lang {
        Lang::En => format!("Show all {total}"),
        Lang::Zh => format!("显示全部 {total} 项"),
    }
}

/// The accessible name of "Take ownership" on one customer's line.
pub fn take_ownership_label(lang: Lang, name: &str) -> String {
    match lang {
        Lang::En => format!("Take ownership of {name}"),
        Lang::Zh => format!("由我负责 {name}"),
    }
}

pub fn owner_taken_message(lang: Lang, name: &str) -> String {
    match lang {
        Lang::En => format!("You are now the account owner of {name}."),
        Lang::Zh => format!("您现在是 {name} 的客户负责人。"),
    }
}

/// The reason recorded with an offered stage move (in the rep's language, as
/// every reason a rep types).
pub fn offer_reason_text(lang: Lang, why: crate::domain::customers::OfferReason) -> String {
    use crate::domain::customers::OfferReason::*;
    match (lang, why) {
        (Lang::En, FirstOrder { orders }) => {
            format!("First order: {orders} on file after an orders import.")
        }
        (Lang::Zh, FirstOrder { orders }) => format!("首次下单：导入订单后共有 {orders} 笔订单。"),
        (Lang::En, SecondOrder { orders }) => {
            format!("Ordered again: {orders} orders on file after an orders import.")
        }
        (Lang::Zh, SecondOrder { orders }) => {
            format!("再次下单：导入订单后共有 {orders} 笔订单。")
        }
        (Lang::En, OrderedAfterLoss { on }) => {
            format!("Ordered again on {on} after being recorded as lost.")
        }
        (Lang::Zh, OrderedAfterLoss { on }) => format!("记为流失后于 {on} 再次下单。"),
    }
}

/// "Move 3 customers".
pub fn apply_offers_label(lang: Lang, n: usize) -> String {
    match lang {
        Lang::En if n == 1 => "Move 1 customer".to_owned(),
        Lang::En => format!("Move {n} customers"),
        Lang::Zh => format!("调整 {n} 位客户的阶段"),
    }
}

pub fn offers_applied_message(lang: Lang, n: usize) -> String {
    match lang {
        Lang::En if n == 1 => "1 customer moved to the stage their orders show.".to_owned(),
        Lang::En => format!("{n} customers moved to the stage their orders show."),
        Lang::Zh => format!("已按订单情况调整 {n} 位客户的阶段。"),
    }
}
