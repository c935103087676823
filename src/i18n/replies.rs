//! Replies: phases, placeholder names, the panel's notes and every problem of the
//! library, the translators' file and the shipped files.

use super::*;
use crate::domain::replies::{
    LibraryFileProblem, Phase, Placeholder, ShippedFileProblem, TemplateProblem, UiText,
};

pub fn phase_name(lang: Lang, phase: Phase) -> &'static str {
    match (lang, phase) {
        (Lang::En, Phase::PreSale) => "Pre-sale",
        (Lang::En, Phase::InSale) => "In-sale",
        (Lang::En, Phase::AfterSale) => "After-sale",
        (Lang::En, Phase::Complaint) => "Complaint",
        (Lang::Zh, Phase::PreSale) => "售前",
        (Lang::Zh, Phase::InSale) => "售中",
        (Lang::Zh, Phase::AfterSale) => "售后",
        (Lang::Zh, Phase::Complaint) => "投诉处理",
    }
}

pub fn placeholder_name(lang: Lang, placeholder: Placeholder) -> &'static str {
    use Placeholder as P;
    match (lang, placeholder) {
        (Lang::En, P::BuyerName) => "Buyer's name",
        (Lang::En, P::OrderNumber) => "Order number",
        (Lang::En, P::Product) => "Product",
        (Lang::En, P::Quantity) => "Quantity",
        (Lang::En, P::Amount) => "Amount",
        (Lang::En, P::OrderDate) => "Order date",
        (Lang::En, P::PromisedDate) => "Promised delivery date",
        (Lang::En, P::Carrier) => "Carrier",
        (Lang::En, P::TrackingNumber) => "Tracking number",
        (Lang::En, P::TrackingLink) => "Tracking link",
        (Lang::En, P::DelayDays) => "Days of delay",
        (Lang::En, P::RepName) => "Your name",
        (Lang::En, P::ShopName) => "Shop name",
        (Lang::En, P::Alternative) => "Alternative product",
        (Lang::En, P::Answer) => "Your answer",
        (Lang::En, P::ShippingCost) => "Shipping cost",
        (Lang::Zh, P::BuyerName) => "客户姓名",
        (Lang::Zh, P::OrderNumber) => "订单号",
        (Lang::Zh, P::Product) => "商品",
        (Lang::Zh, P::Quantity) => "数量",
        (Lang::Zh, P::Amount) => "金额",
        (Lang::Zh, P::OrderDate) => "下单日期",
        (Lang::Zh, P::PromisedDate) => "承诺送达日期",
        (Lang::Zh, P::Carrier) => "物流公司",
        (Lang::Zh, P::TrackingNumber) => "物流单号",
        (Lang::Zh, P::TrackingLink) => "物流跟踪链接",
        (Lang::Zh, P::DelayDays) => "延误天数",
        (Lang::Zh, P::RepName) => "您的姓名",
        (Lang::Zh, P::ShopName) => "店铺名称",
        (Lang::Zh, P::Alternative) => "替代商品",
        (Lang::Zh, P::Answer) => "您的答复",
        (Lang::Zh, P::ShippingCost) => "运费",
    }
}

/// A scenario's name, purpose or hint in the interface language.
pub fn ui_text(lang: Lang, text: &UiText) -> &str {
    match lang {
        Lang::En => &text.en,
        Lang::Zh => &text.zh,
    }
}

/// Shown above a reply whose language has no text: never a silent switch.
pub fn reply_fallback_note(lang: Lang, language_name: &str) -> String {
    match lang {
        Lang::En => format!("This scenario has no {language_name} text yet, so the English text is shown. Write one in the reply library."),
        Lang::Zh => format!("该场景还没有{language_name}文本，因此显示英文文本。请在回复模板库中编写。"),
    }
}

/// Why the copy button is off: the placeholders still empty, by name.
pub fn reply_missing(lang: Lang, placeholders: &[Placeholder]) -> String {
    let names: Vec<String> = placeholders
        .iter()
        .map(|p| placeholder_name(lang, *p).to_owned())
        .collect();
    match lang {
        Lang::En => {
            let listed = match names.split_last() {
                Some((last, rest)) if !rest.is_empty() => format!("{} and {last}", rest.join(", ")),
                _ => names.concat(),
            };
            format!("Fill in {listed} to copy this reply.")
        }
        Lang::Zh => format!("请先填写{}，才能复制这条回复。", enumeration(lang, &names)),
    }
}

/// The team's text and when it was saved, in the library editor.
pub fn team_text_since(lang: Lang, date: &str) -> String {
    match lang {
        Lang::En => format!("Team text, saved {date}"),
        Lang::Zh => format!("团队文本，保存于{date}"),
    }
}

pub fn library_imported(lang: Lang, changes: usize) -> String {
    match (lang, changes) {
        (Lang::En, 0) => "The file matches the library: nothing changed.".into(),
        (Lang::En, 1) => {
            "1 change imported. Earlier versions are kept in each text's history.".into()
        }
        (Lang::En, n) => {
            format!("{n} changes imported. Earlier versions are kept in each text's history.")
        }
        (Lang::Zh, 0) => "文件与模板库一致，没有任何改动。".into(),
        (Lang::Zh, n) => format!("已导入 {n} 处改动。每条文本之前的版本都保留在历史记录中。"),
    }
}

pub fn template_problem_message(lang: Lang, problem: &TemplateProblem) -> String {
    use TemplateProblem as T;
    let known: Vec<String> = Placeholder::ALL
        .iter()
        .map(|p| format!("{{{}}}", p.code()))
        .collect();
    let known = enumeration(lang, &known);
    match (lang, problem) {
        (Lang::En, T::Empty) => "The text is empty. Type the reply first.".into(),
        (Lang::En, T::TooLong { chars }) => format!("The text has {chars} characters, more than the 4,000 a reply may have. Shorten it."),
        (Lang::En, T::UnknownPlaceholder { name, line, column }) => format!("Line {line}, column {column}: {{{name}}} is not a placeholder this app knows. Use one of {known}."),
        (Lang::En, T::Unclosed { line, column }) => format!("Line {line}, column {column}: a {{ is never closed. Close it with }} on the same line, or write {{{{ for a literal brace."),
        (Lang::En, T::StrayClose { line, column }) => format!("Line {line}, column {column}: a }} closes nothing. Remove it, or write }}}} for a literal brace."),
        (Lang::Zh, T::Empty) => "文本为空。请先输入回复内容。".into(),
        (Lang::Zh, T::TooLong { chars }) => format!("文本有 {chars} 个字符，超过回复上限 4000 个字符。请缩短文本。"),
        (Lang::Zh, T::UnknownPlaceholder { name, line, column }) => format!("第 {line} 行第 {column} 列：{{{name}}} 不是本应用认识的占位符。请使用以下之一：{known}。"),
        (Lang::Zh, T::Unclosed { line, column }) => format!("第 {line} 行第 {column} 列：{{ 没有闭合。请在同一行用 }} 闭合，或写成 {{{{ 表示普通括号。"),
        (Lang::Zh, T::StrayClose { line, column }) => format!("第 {line} 行第 {column} 列：多余的 }}。请删除它，或写成 }}}} 表示普通括号。"),
    }
}

pub fn library_file_problem_message(lang: Lang, problem: &LibraryFileProblem) -> String {
    use LibraryFileProblem as F;
    match (lang, problem) {
        (Lang::En, F::NotJson { line, column, .. }) => format!("Line {line}, column {column} of the file is not valid JSON, so nothing was imported. Correct the file there (a missing comma or quote is usual) and import it again."),
        (Lang::En, F::NotALibraryFile { .. }) => "This file is not a reply library export, so nothing was imported. Choose a file made with “Export for translators”.".into(),
        (Lang::En, F::BadCode { line, what, code }) => format!("Line {line}: the {what} code “{code}” may hold only lower-case letters, digits, - and _, so nothing was imported. Correct it and import the file again."),
        (Lang::En, F::UnknownScenario { line, scenario, language }) => format!("Line {line}: template {scenario} / {language} belongs to no scenario of this library, so nothing was imported. Correct the scenario code, or add the scenario first."),
        (Lang::En, F::Repeated { line, scenario, language }) => format!("Line {line}: template {scenario} / {language} appears twice, so nothing was imported. Remove one of them and import the file again."),
        (Lang::En, F::Template { line, scenario, language, problem }) => format!("Line {line} of the file, template {scenario} / {language}: nothing was imported. {}", template_problem_message(lang, problem)),
        (Lang::Zh, F::NotJson { line, column, .. }) => format!("文件第 {line} 行第 {column} 列不是有效的 JSON，因此没有导入任何内容。请修改该处（通常是缺少逗号或引号）后重新导入。"),
        (Lang::Zh, F::NotALibraryFile { .. }) => "该文件不是回复模板库的导出文件，因此没有导入任何内容。请选择用“导出给译者”生成的文件。".into(),
        (Lang::Zh, F::BadCode { line, what, code }) => {
            let what = if *what == "language" { "语言" } else { "场景" };
            format!("第 {line} 行：{what}代码“{code}”只能包含小写字母、数字、- 和 _，因此没有导入任何内容。请修改后重新导入。")
        }
        (Lang::Zh, F::UnknownScenario { line, scenario, language }) => format!("第 {line} 行：模板 {scenario} / {language} 不属于本模板库的任何场景，因此没有导入任何内容。请修改场景代码，或先添加该场景。"),
        (Lang::Zh, F::Repeated { line, scenario, language }) => format!("第 {line} 行：模板 {scenario} / {language} 出现了两次，因此没有导入任何内容。请删除其中一处后重新导入。"),
        (Lang::Zh, F::Template { line, scenario, language, problem }) => format!("文件第 {line} 行，模板 {scenario} / {language}：没有导入任何内容。{}", template_problem_message(lang, problem)),
    }
}

/// A shipped data file that could not be fetched or read.
pub fn shipped_file_message(
    lang: Lang,
    file: &str,
    problem: Option<&ShippedFileProblem>,
) -> String {
    match (lang, problem) {
        (Lang::En, None) => format!("The reply texts ({file}) could not be loaded. Check the connection once; after that they work offline."),
        (Lang::En, Some(_)) => format!("The reply texts ({file}) of this version are damaged. Reload the app; if it stays, restore the site's files."),
        (Lang::Zh, None) => format!("无法加载回复文本（{file}）。请检查网络连接，加载一次之后即可离线使用。"),
        (Lang::Zh, Some(_)) => format!("当前版本的回复文本（{file}）已损坏。请刷新应用；如果仍然如此，请恢复网站文件。"),
    }
}

/// The accessible name of an order row's Reply button.
pub fn reply_to_order_label(lang: Lang, order_number: &str) -> String {
    match lang {
        Lang::En => format!("Reply about order {order_number}"),
        Lang::Zh => format!("就订单 {order_number} 回复"),
    }
}

/// A language in the reply-language select: its name and code ("German (de)",
/// "德语（de）"); the code alone where the browser has no name for it.
pub fn language_option(lang: Lang, name: Option<&str>, code: &str) -> String {
    match (lang, name) {
        (_, None) => code.to_owned(),
        (Lang::En, Some(name)) => format!("{name} ({code})"),
        (Lang::Zh, Some(name)) => format!("{name}（{code}）"),
    }
}
