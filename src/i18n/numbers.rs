//! Numbers as a rep reads them.

use super::Lang;

/// "1,234,567": counts in messages, grouped the way both UI languages write them.
pub fn grouped(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, d) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(d);
    }
    out
}

/// How long ago a whole number of days was, as a short phrase ("today", "3 days ago").
pub fn days_ago(lang: Lang, days: i64) -> String {
    match (lang, days) {
        (Lang::En, 0) => "today".to_owned(),
        (Lang::En, 1) => "1 day ago".to_owned(),
        (Lang::En, n) => format!("{n} days ago"),
        (Lang::Zh, 0) => "今天".to_owned(),
        (Lang::Zh, n) => format!("{n} 天前"),
    }
}
