//! The care calendar: occasion titles, days until, care actions, shipping cut-offs
//! and problems with the shipped holiday and greeting files.

use super::*;
use crate::domain::care::calendar::CareFileProblem;
use crate::domain::care::occasions::{CareAction, OccasionKind};
use crate::domain::value::ValueTier;

pub fn care_action_name(lang: Lang, action: CareAction) -> &'static str {
    text(
        lang,
        match action {
            CareAction::GiftOrCall => Key::CareActionGiftOrCall,
            CareAction::HolidayGift => Key::CareActionHolidayGift,
            CareAction::Card => Key::CareActionCard,
            CareAction::Nothing => Key::CareActionNone,
        },
    )
}

/// "today", "tomorrow", "in 5 days".
pub fn days_until_text(lang: Lang, days: i64) -> String {
    match (lang, days) {
        (Lang::En, 0) => "today".into(),
        (Lang::En, 1) => "tomorrow".into(),
        (Lang::En, n) => format!("in {n} days"),
        (Lang::Zh, 0) => "今天".into(),
        (Lang::Zh, 1) => "明天".into(),
        (Lang::Zh, n) => format!("{n} 天后"),
    }
}

/// What the occasion is, in the rep's language (a holiday keeps its local name too).
pub fn occasion_title(lang: Lang, kind: &OccasionKind) -> String {
    match (lang, kind) {
        (_, OccasionKind::Birthday) => text(lang, Key::OccasionBirthday).to_owned(),
        (Lang::En, OccasionKind::FamilyDate { label }) => format!("Family date: {label}"),
        (Lang::Zh, OccasionKind::FamilyDate { label }) => format!("家庭纪念日：{label}"),
        (Lang::En, OccasionKind::CompanyAnniversary { years: 1 }) => {
            "Company anniversary: 1 year".into()
        }
        (Lang::En, OccasionKind::CompanyAnniversary { years }) => {
            format!("Company anniversary: {years} years")
        }
        (Lang::Zh, OccasionKind::CompanyAnniversary { years }) => format!("企业成立 {years} 周年"),
        (_, OccasionKind::Holiday(h)) if h.local_name == h.name => h.name.clone(),
        (Lang::En, OccasionKind::Holiday(h)) => format!("{} ({})", h.name, h.local_name),
        (Lang::Zh, OccasionKind::Holiday(h)) => format!("{}（{}）", h.name, h.local_name),
    }
}

/// The summary of the contact *Done* logs.
pub fn occasion_contact_summary(lang: Lang, title: &str, action: CareAction) -> String {
    let action = care_action_name(lang, action);
    match lang {
        Lang::En => format!("Care: {title} ({action})"),
        Lang::Zh => format!("客户关怀：{title}（{action}）"),
    }
}

/// The accessible name of an occasion's *Done* button.
pub fn occasion_done_label(lang: Lang, customer: &str, title: &str) -> String {
    match lang {
        Lang::En => format!("Done: {title} for {customer}"),
        Lang::Zh => format!("标记完成：{customer} 的{title}"),
    }
}

pub fn copy_greeting_label(lang: Lang, customer: &str) -> String {
    match lang {
        Lang::En => format!("Copy greeting for {customer}"),
        Lang::Zh => format!("复制祝福语（给 {customer}）"),
    }
}

/// The label of a tier's action select.
pub fn tier_action_label(lang: Lang, tier: ValueTier) -> String {
    let tier_name = tier_name(lang, tier);
    match lang {
        Lang::En => format!("Care action for {tier_name} customers"),
        Lang::Zh => format!("{tier_name}的关怀方式"),
    }
}

/// "Ship by 16 Nov to arrive before Thanksgiving (2 open orders)."
pub fn cut_off_line(
    lang: Lang,
    ship_by: &str,
    holiday: &str,
    open_orders: u32,
    late: bool,
) -> String {
    match (lang, late, open_orders) {
        (Lang::En, false, 1) => format!("Ship by {ship_by} to arrive before {holiday} (1 open order)."),
        (Lang::En, false, n) => format!("Ship by {ship_by} to arrive before {holiday} ({n} open orders)."),
        (Lang::En, true, n) => format!(
            "The ship-by day {ship_by} has passed: what ships now may arrive after {holiday} ({n} open). Tell the buyer."
        ),
        (Lang::Zh, false, n) => format!("请在 {ship_by} 前发货，才能在{holiday}前送达（{n} 个未完成订单）。"),
        (Lang::Zh, true, n) => format!(
            "发货截止日 {ship_by} 已过，现在发出的包裹可能在{holiday}后才送达（{n} 个未完成订单）。请告知客户。"
        ),
    }
}

/// A shipped care file that is damaged, naming the file and the place.
pub fn care_file_problem_message(lang: Lang, problem: &CareFileProblem) -> String {
    let file = problem.file();
    let place = match problem {
        CareFileProblem::Shape { place, .. } | CareFileProblem::Content { place, .. } => {
            place.clone()
        }
        CareFileProblem::Format { found, version, .. } => format!("format {found} {version}"),
    };
    match lang {
        Lang::En => format!(
            "The shipped file {file} is damaged ({place}), so occasions cannot be shown. Reload the page; if this stays, tell whoever installed the app."
        ),
        Lang::Zh => format!(
            "内置文件 {file} 已损坏（{place}），无法显示关怀日程。请刷新页面；若问题仍在，请联系应用的安装人员。"
        ),
    }
}
