//! The revisit report: the report dialog, the week's reports and their review.

use super::*;
use crate::domain::contacts::ContactError;

/// The accessible name of a follow-up's edit button, naming the customer.
pub fn edit_follow_up_label(lang: Lang, customer: &str) -> String {
    match lang {
        Lang::En => format!("Edit the follow-up with {customer}"),
        Lang::Zh => format!("编辑“{customer}”的跟进"),
    }
}

/// The accessible name of a report's review button, naming the customer.
pub fn mark_reviewed_label(lang: Lang, customer: &str) -> String {
    match lang {
        // Starts with the visible text, so speech users can say what they see.
        Lang::En => format!("Mark reviewed: the report on {customer}"),
        Lang::Zh => format!("标记已审阅：“{customer}”的报告"),
    }
}

/// One point of the satisfaction scale: "4 – satisfied" / "4 – 满意".
pub fn satisfaction_choice(lang: Lang, score: u8) -> String {
    let words = match (lang, score) {
        (Lang::En, 1) => "very dissatisfied",
        (Lang::En, 2) => "dissatisfied",
        (Lang::En, 3) => "neutral",
        (Lang::En, 4) => "satisfied",
        (Lang::En, _) => "very satisfied",
        (Lang::Zh, 1) => "非常不满意",
        (Lang::Zh, 2) => "不满意",
        (Lang::Zh, 3) => "一般",
        (Lang::Zh, 4) => "满意",
        (Lang::Zh, _) => "非常满意",
    };
    format!("{score} – {words}")
}

/// A satisfaction score as shown in lists and on the timeline: "4/5".
pub fn satisfaction_score(score: u8) -> String {
    format!("{score}/5")
}

/// The review mark of a report: "Reviewed by Ana: call again in May" /
/// "已审阅（Ana）：五月再联系". Without a comment, only who reviewed.
pub fn reviewed_mark(lang: Lang, by: &str, comment: &str) -> String {
    let head = match lang {
        Lang::En => format!("{} by {by}", text(lang, Key::ReviewedState)),
        Lang::Zh => format!("{}（{by}）", text(lang, Key::ReviewedState)),
    };
    if comment.trim().is_empty() {
        head
    } else {
        labelled(lang, &head, comment.trim())
    }
}

/// Why a report, a follow-up edit or a review was not saved: each field with its
/// problem, then what to do.
pub fn report_form_error(lang: Lang, errors: &[ContactError]) -> String {
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
            Lang::En => "Correct these fields, then save again.",
            Lang::Zh => "请修改后再保存。",
        }
        .to_owned(),
    );
    sentences(lang, &parts)
}
