//! What a storage failure means for the rep, in their language, with what to do next.
//!
//! The browser's own text (DOMException messages, serde errors) is English and often
//! cryptic; it stays inside [`StoreError`] for the console. Only the exception's name
//! (e.g. `UnknownError`) is shown, in parentheses, as a detail to quote in a bug report.

use super::StoreError;
use crate::i18n::{text, Key, Lang};

/// A user-facing message for a storage error, in the UI language.
pub fn store_error_message(lang: Lang, e: &StoreError) -> String {
    let sentence = match (lang, e) {
        (_, StoreError::StaleRevision { .. }) => text(lang, Key::StaleSave).to_owned(),
        (Lang::En, StoreError::NotFound(_)) => format!("{} Go back to the list and search for it.", text(lang, Key::NotFound)),
        (Lang::En, StoreError::AlreadyExists(_)) => "This customer already exists (it may have been restored in another tab). Reload the app to see it.".into(),
        (Lang::En, StoreError::ComplaintNotFound(_)) => "This complaint no longer exists (it may have been deleted with its customer). Go back to the complaints list.".into(),
        (Lang::En, StoreError::FollowUpNotOpen(_)) => "This follow-up was already marked done or deleted (perhaps in another tab), so the report was not saved. Reload the page and check the customer's timeline.".into(),
        (Lang::En, StoreError::ContactNotFound(_)) => "This report no longer exists (it may have been deleted with its customer). Reload the page to see the current reports.".into(),
        (Lang::En, StoreError::Open(_)) => "The browser would not open this app's database, so nothing can be shown or saved. Reload the page; if that does not help, allow this site to store data in the browser's settings (private windows may not allow it).".into(),
        (Lang::En, StoreError::Blocked) => "Another tab holds an older version of the database open. Close the other tabs of this app and reload.".into(),
        (Lang::En, StoreError::QuotaExceeded) => "The browser's storage is full, so this change was not saved. Free disk space or delete old data, then try again.".into(),
        (Lang::En, StoreError::Backend(_)) => "The browser's storage failed, so this change was not saved. Try again; if it keeps failing, reload the app.".into(),
        (_, StoreError::SyncIsOn) => text(lang, Key::SyncBlocksRestore).to_owned(),
        (Lang::En, StoreError::Corrupt(_)) => "Some stored data could not be read, so it was left untouched. Reload the app; if this keeps happening, restore your latest backup under Data & backup.".into(),
        (Lang::Zh, StoreError::NotFound(_)) => format!("{}请返回列表重新查找。", text(lang, Key::NotFound)),
        (Lang::Zh, StoreError::AlreadyExists(_)) => "该客户已存在（可能已在其他标签页恢复）。请刷新页面查看。".into(),
        (Lang::Zh, StoreError::ComplaintNotFound(_)) => "该投诉已不存在（可能已随客户一起删除）。请返回投诉列表。".into(),
        (Lang::Zh, StoreError::FollowUpNotOpen(_)) => "该跟进已标记完成或已删除（可能是在其他标签页中），报告未保存。请刷新页面，并查看客户的时间线。".into(),
        (Lang::Zh, StoreError::ContactNotFound(_)) => "该报告已不存在（可能已随客户一起删除）。请刷新页面查看当前的报告。".into(),
        (Lang::Zh, StoreError::Open(_)) => "浏览器无法打开本应用的数据库，因此无法显示或保存任何内容。请刷新页面；如果仍然不行，请在浏览器设置中允许本网站存储数据（无痕窗口可能不允许）。".into(),
        (Lang::Zh, StoreError::Blocked) => "本应用的其他标签页仍在使用旧版数据库。请关闭这些标签页，然后刷新本页。".into(),
        (Lang::Zh, StoreError::QuotaExceeded) => "浏览器存储空间已满，此次更改未保存。请释放磁盘空间或删除旧数据后重试。".into(),
        (Lang::Zh, StoreError::Backend(_)) => "浏览器存储出错，此次更改未保存。请重试；如果一直失败，请刷新页面。".into(),
        (Lang::Zh, StoreError::Corrupt(_)) => "部分已存数据无法读取，已保持原样未动。请刷新页面；如果反复出现，请在“数据与备份”中恢复最近的备份。".into(),
    };
    match (lang, technical_detail(e)) {
        (_, None) => sentence,
        (Lang::En, Some(name)) => format!("{sentence} (Technical detail: {name}.)"),
        (Lang::Zh, Some(name)) => format!("{sentence}（技术信息：{name}）"),
    }
}

/// After opening the database: records that could not be read (or upgraded) and
/// were left as they are, with what to do if something is missing.
pub fn unreadable_records_message(lang: Lang, records: usize) -> String {
    match (lang, records) {
        (Lang::En, 1) => "1 record could not be read and was left untouched in storage. Restore your latest backup under Data & backup if a customer is missing.".into(),
        (Lang::En, n) => format!("{n} records could not be read and were left untouched in storage. Restore your latest backup under Data & backup if a customer is missing."),
        (Lang::Zh, n) => format!("有 {n} 条记录无法读取，已原样保留在存储中。如有客户缺失，请在“数据与备份”中恢复最近的备份。"),
    }
}

/// The DOMException name inside the browser's text ("UnknownError: …" →
/// "UnknownError"): stable, language-independent and searchable, unlike the message.
pub fn technical_detail(e: &StoreError) -> Option<&str> {
    let raw = match e {
        StoreError::Open(raw) | StoreError::Backend(raw) | StoreError::Corrupt(raw) => raw,
        _ => return None,
    };
    raw.split(|c: char| !c.is_ascii_alphanumeric())
        .find(|word| {
            word.len() > "Error".len()
                && word.ends_with("Error")
                && word.starts_with(|c: char| c.is_ascii_uppercase())
        })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::customers::CustomerId;
    use crate::i18n::test_support::{ends_with_next_step, foreign_words};

    /// Every variant, with the kind of raw text the browser and serde really produce.
    fn every_error() -> Vec<StoreError> {
        vec![
            StoreError::StaleRevision { stored: 3, yours: 2 },
            StoreError::AlreadyExists(CustomerId("c-1".into())),
            StoreError::NotFound(CustomerId("c-1".into())),
            StoreError::ComplaintNotFound("k-1".into()),
            StoreError::FollowUpNotOpen("f-1".into()),
            StoreError::ContactNotFound("r-1".into()),
            StoreError::Open("the browser refused to open the database: UnknownError: Internal error opening backing store for indexedDB.open.".into()),
            StoreError::Blocked,
            StoreError::QuotaExceeded,
            StoreError::Backend("AbortError: The transaction was aborted, so the request cannot be fulfilled.".into()),
            StoreError::Backend("Unable to add key to index 'email': at least one key does not satisfy the uniqueness requirements.".into()),
            StoreError::Corrupt("invalid type: string \"x\", expected u32 at line 1 column 20".into()),
            StoreError::Corrupt("3 stored records could not be read".into()),
            StoreError::SyncIsOn,
        ]
    }

    #[test]
    fn chinese_store_messages_carry_no_english_text() {
        for e in every_error() {
            let zh = store_error_message(Lang::Zh, &e);
            let allowed: Vec<&str> = technical_detail(&e).into_iter().collect();
            assert_eq!(
                foreign_words(&zh, &allowed),
                Vec::<String>::new(),
                "{e:?}: {zh}"
            );
        }
    }

    #[test]
    fn every_store_message_is_a_sentence_ending_in_a_next_step() {
        for e in every_error() {
            for lang in [Lang::En, Lang::Zh] {
                let message = store_error_message(lang, &e);
                assert!(
                    ends_with_next_step(lang, &message),
                    "{lang:?} {e:?}: {message}"
                );
            }
        }
    }

    #[test]
    fn unreadable_records_say_what_to_do() {
        assert_eq!(
            unreadable_records_message(Lang::En, 3),
            "3 records could not be read and were left untouched in storage. Restore your latest backup under Data & backup if a customer is missing."
        );
        assert_eq!(
            unreadable_records_message(Lang::Zh, 3),
            "有 3 条记录无法读取，已原样保留在存储中。如有客户缺失，请在“数据与备份”中恢复最近的备份。"
        );
        for lang in [Lang::En, Lang::Zh] {
            for n in [1, 3] {
                let message = unreadable_records_message(lang, n);
                assert!(ends_with_next_step(lang, &message), "{message}");
            }
        }
    }

    #[test]
    fn only_the_exception_name_of_the_browser_text_is_shown() {
        let e = StoreError::Backend(
            "AbortError: The transaction was aborted, so the request cannot be fulfilled.".into(),
        );
        assert_eq!(technical_detail(&e), Some("AbortError"));
        for lang in [Lang::En, Lang::Zh] {
            let message = store_error_message(lang, &e);
            assert!(message.contains("AbortError"), "{message}");
            assert!(
                !message.contains("request cannot be fulfilled"),
                "{message}"
            );
        }
        let serde_text = StoreError::Corrupt("invalid type: string, expected u32".into());
        assert_eq!(technical_detail(&serde_text), None);
        assert!(!store_error_message(Lang::En, &serde_text).contains("invalid type"));
    }
}
