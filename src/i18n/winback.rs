//! Loss and win-back: loss causes, the effort a tier deserves, the words of each
//! win-back step (written into the follow-up in the rep's language), the value
//! page's won-back rate.

use super::*;
use crate::domain::customers::{LossCause, StepWords, WinBackEffort, WinBackStep};

pub fn loss_cause_name(lang: Lang, cause: LossCause) -> &'static str {
    use LossCause::*;
    match (lang, cause) {
        (Lang::En, Natural) => "Natural (moved, closed, no longer needs it)",
        (Lang::En, Competitor) => "Lured by a competitor",
        (Lang::En, ProductFault) => "Our fault: product",
        (Lang::En, ServiceFault) => "Our fault: service",
        (Lang::En, LogisticsFault) => "Our fault: logistics",
        (Lang::En, LetGo) => "We let them go (fraud, bad debt)",
        (Lang::En, Unknown) => "Unknown",
        (Lang::Zh, Natural) => "自然流失（搬迁、停业、不再需要）",
        (Lang::Zh, Competitor) => "被竞争对手吸引",
        (Lang::Zh, ProductFault) => "我方原因：商品",
        (Lang::Zh, ServiceFault) => "我方原因：服务",
        (Lang::Zh, LogisticsFault) => "我方原因：物流",
        (Lang::Zh, LetGo) => "主动放弃（欺诈、坏账）",
        (Lang::Zh, Unknown) => "原因不明",
    }
}

/// The effort, as a short phrase.
pub fn win_back_effort_name(lang: Lang, effort: WinBackEffort) -> &'static str {
    use WinBackEffort::*;
    match (lang, effort) {
        (Lang::En, AllOut) => "All-out",
        (Lang::En, TryHard) => "Try hard",
        (Lang::En, LowCost) => "Low cost, as it fits",
        (Lang::En, LetGo) => "Let go",
        (Lang::Zh, AllOut) => "全力挽回",
        (Lang::Zh, TryHard) => "尽力挽回",
        (Lang::Zh, LowCost) => "低成本，视情况挽回",
        (Lang::Zh, LetGo) => "放弃挽回",
    }
}

/// Why this effort, in one sentence.
pub fn win_back_effort_why(lang: Lang, effort: WinBackEffort) -> &'static str {
    use WinBackEffort::*;
    match (lang, effort) {
        (Lang::En, AllOut) => {
            "A key customer (VIP or major): do everything it takes to win them back."
        }
        (Lang::En, TryHard) => "An ordinary customer: try hard to win them back.",
        (Lang::En, LowCost) => "A small customer (or one without a tier): one low-cost attempt.",
        (Lang::En, LetGo) => "We let this customer go on purpose: no win-back is planned.",
        (Lang::Zh, AllOut) => "关键客户（VIP 客户或主要客户）：不惜代价全力挽回。",
        (Lang::Zh, TryHard) => "普通客户：尽力挽回。",
        (Lang::Zh, LowCost) => "小客户（或尚无等级的客户）：做一次低成本的尝试。",
        (Lang::Zh, LetGo) => "这是我方主动放弃的客户：不安排挽回。",
    }
}

/// The purpose (channel and aim) and talking points of a step; the talking points
/// start from the recorded cause.
pub fn win_back_step_words(lang: Lang, step: WinBackStep, cause: LossCause) -> StepWords {
    use WinBackStep::*;
    let (purpose, points) = match (lang, step) {
        (Lang::En, FindCause) => ("Win-back: call to find out why they left", "Listen first; ask what went wrong and what would bring them back; note it on the timeline."),
        (Lang::En, RemedyOffer) => ("Win-back: email a remedy offer", "Own our part; offer a fix for what went wrong (replacement, refund, discount on the next order)."),
        (Lang::En, VisitOrGift) => ("Win-back: a personal visit or a gift", "Show they matter: visit, or send a gift with a personal note."),
        (Lang::En, CheckIn) => ("Win-back: check in a month later", "Ask whether the remedy worked and whether they will order again."),
        (Lang::En, AskWhy) => ("Win-back: email to ask why they stopped", "Ask politely what made them leave; thank them for past orders."),
        (Lang::En, ComeBackOffer) => ("Win-back: email an offer to come back", "Offer a reason to return (a discount or a bundle) that answers their reason for leaving."),
        (Lang::En, LowCostMessage) => ("Win-back: one short message", "One friendly message with a small incentive; no further effort if there is no answer."),
        (Lang::Zh, FindCause) => ("客户挽回：致电了解流失原因", "先倾听；询问问题出在哪里、怎样才能让客户回来；记在时间线上。"),
        (Lang::Zh, RemedyOffer) => ("客户挽回：发邮件提出补救方案", "承认我方责任；针对问题提出补救（换货、退款、下次订单折扣）。"),
        (Lang::Zh, VisitOrGift) => ("客户挽回：登门拜访或赠送礼品", "让客户感到被重视：拜访，或寄送附亲笔卡片的礼品。"),
        (Lang::Zh, CheckIn) => ("客户挽回：一个月后回访", "询问补救是否有效、客户是否会再次下单。"),
        (Lang::Zh, AskWhy) => ("客户挽回：发邮件询问不再购买的原因", "礼貌地询问客户离开的原因；感谢客户以往的订单。"),
        (Lang::Zh, ComeBackOffer) => ("客户挽回：发邮件提供回购优惠", "针对客户离开的原因，提供回来的理由（折扣或组合优惠）。"),
        (Lang::Zh, LowCostMessage) => ("客户挽回：发送一条简短消息", "发一条友好的消息并附小额优惠；如无回复，不再投入。"),
    };
    let cause_line = match lang {
        Lang::En => format!("Loss cause: {}. ", loss_cause_name(lang, cause)),
        Lang::Zh => format!("流失原因：{}。", loss_cause_name(lang, cause)),
    };
    StepWords {
        purpose: purpose.to_owned(),
        talking_points: format!("{cause_line}{points}"),
    }
}

/// "3 of 5 (60.0%)", or "no lost customers" when nobody was lost.
pub fn won_back_rate_text(lang: Lang, won_back: u32, lost: u32, percent: Option<f64>) -> String {
    match (lang, percent) {
        (Lang::En, Some(p)) => format!("{won_back} of {lost} lost customers ({p:.1}%)"),
        (Lang::Zh, Some(p)) => format!("{lost} 位流失客户中挽回 {won_back} 位（{p:.1}%）"),
        (Lang::En, None) => "No customer was lost in this period.".to_owned(),
        (Lang::Zh, None) => "本统计周期内没有流失客户。".to_owned(),
    }
}

/// What a stage move did: "Stage changed. Win-back plan created: 4 follow-up(s)."
pub fn stage_moved_message(lang: Lang, created: usize, closed: usize) -> String {
    let head = match lang {
        Lang::En => "Stage changed.",
        Lang::Zh => "阶段已变更。",
    };
    let outcome = win_back_outcome(lang, created, closed);
    if outcome.is_empty() {
        head.to_owned()
    } else {
        format!("{head}{}{outcome}", sentence_gap(lang))
    }
}

/// "Win-back plan created: 4 follow-up(s)." / "Open win-back steps marked done: 2."
pub fn win_back_outcome(lang: Lang, created: usize, closed: usize) -> String {
    match lang {
        Lang::En => {
            let mut parts = Vec::new();
            if created > 0 {
                parts.push(format!("Win-back plan created: {created} follow-up(s)."));
            }
            if closed > 0 {
                parts.push(format!("Open win-back steps marked done: {closed}."));
            }
            parts.join(" ")
        }
        Lang::Zh => {
            let mut text = String::new();
            if created > 0 {
                text.push_str(&format!("已创建客户挽回计划：{created} 项跟进。"));
            }
            if closed > 0 {
                text.push_str(&format!("未完成的挽回步骤已标记完成：{closed} 项。"));
            }
            text
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_step_has_words_in_both_languages_starting_from_the_cause() {
        for lang in Lang::ALL {
            for cause in LossCause::ALL {
                for step in WinBackStep::ALL {
                    let words = win_back_step_words(lang, step, cause);
                    assert!(!words.purpose.is_empty() && !words.talking_points.is_empty());
                    assert!(
                        words.talking_points.contains(loss_cause_name(lang, cause)),
                        "{lang:?} {step:?} {cause:?}"
                    );
                }
            }
        }
        let en = win_back_step_words(Lang::En, WinBackStep::FindCause, LossCause::Competitor);
        assert_eq!(en.purpose, "Win-back: call to find out why they left");
        let zh = win_back_step_words(Lang::Zh, WinBackStep::FindCause, LossCause::Competitor);
        assert!(zh.purpose.starts_with("客户挽回："), "{}", zh.purpose);
    }

    #[test]
    fn the_rate_says_how_many_of_how_many() {
        assert_eq!(
            won_back_rate_text(Lang::En, 1, 3, Some(100.0 / 3.0)),
            "1 of 3 lost customers (33.3%)"
        );
        assert_eq!(
            won_back_rate_text(Lang::Zh, 1, 3, Some(100.0 / 3.0)),
            "3 位流失客户中挽回 1 位（33.3%）"
        );
        assert_eq!(
            won_back_rate_text(Lang::En, 0, 0, None),
            "No customer was lost in this period."
        );
    }

    #[test]
    fn a_stage_move_message_says_what_the_plan_did() {
        assert_eq!(stage_moved_message(Lang::En, 0, 0), "Stage changed.");
        assert_eq!(
            stage_moved_message(Lang::En, 4, 0),
            "Stage changed. Win-back plan created: 4 follow-up(s)."
        );
        assert_eq!(
            stage_moved_message(Lang::En, 0, 2),
            "Stage changed. Open win-back steps marked done: 2."
        );
        assert_eq!(
            stage_moved_message(Lang::Zh, 4, 0),
            "阶段已变更。已创建客户挽回计划：4 项跟进。"
        );
    }
}
