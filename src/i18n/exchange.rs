//! Files in and out: backup, text-file and CSV errors, the encoding note, customer-import columns and row issues.

use super::*;
use crate::domain::exchange::backup::{BackupError, FilePart, NotABackupReason, RecordProblem};
use crate::domain::exchange::customers_import::{
    CustomerColumn, CustomerMappingProblem, DuplicateReason, RowIssue,
};
use crate::domain::shared::csv::FileError;
use crate::domain::shared::text_file::{BinaryKind, DecodedText, Detection, TextFileError};

/// What went wrong with a backup file and what to do next, entirely in `lang`: the
/// parser's own (English) text stays inside the error for logs.
pub fn backup_error_message(lang: Lang, error: &BackupError) -> String {
    use BackupError as E;
    match (lang, error) {
        (_, E::NotABackup(reason)) => not_a_backup_message(lang, reason),
        (Lang::En, E::NewerFormat { .. } | E::NewerSchema { .. }) => format!("{error}. Update the app (reload it while online), then restore again."),
        (Lang::En, E::ChecksumMismatch) => "This backup is damaged or incomplete (its checksum does not match), so nothing was restored. Use another copy of the file.".into(),
        (Lang::En, E::BadRecord { store, index, problem, .. }) => format!("The backup cannot be restored: record {} in “{store}” cannot be read ({}). Nothing was changed. Use another copy of the backup, made with “Export a full backup” and not edited.", index + 1, record_problem_text(lang, problem)),
        (Lang::En, E::DuplicateId { store, id }) => format!("The backup cannot be restored: “{store}” has two records with the id {id}. Nothing was changed. Use another copy of the backup."),
        (Lang::En, E::Serialise(_)) => "The backup could not be written. Reload the app and export again.".into(),
        (Lang::Zh, E::NewerFormat { found, supported }) => format!("该备份由更新版本的应用生成（格式 {found}，本应用最多支持 {supported}）。请联网后刷新页面以更新应用，然后再恢复。"),
        (Lang::Zh, E::NewerSchema { found, supported }) => format!("该备份来自更新的数据库版本（{found}，本应用最多支持 {supported}）。请联网后刷新页面以更新应用，然后再恢复。"),
        (Lang::Zh, E::ChecksumMismatch) => "该备份已损坏或不完整（校验和不符），未恢复任何内容。请使用该文件的其他副本。".into(),
        (Lang::Zh, E::BadRecord { store, index, problem, .. }) => format!("无法恢复该备份：{}中的第 {} 条记录已损坏（{}）。未做任何更改，请换用其他备份文件（需用“导出完整备份”生成且未经修改）。", store_name_zh(store), index + 1, record_problem_text(lang, problem)),
        (Lang::Zh, E::DuplicateId { store, id }) => format!("无法恢复该备份：{}中有两条 ID 为 {id} 的记录，文件可能被改动过。未做任何更改，请换用其他备份文件。", store_name_zh(store)),
        (Lang::Zh, E::Serialise(_)) => "无法写入备份。请刷新页面后再导出一次。".into(),
    }
}

/// A backed-up store as a Chinese rep reads it ("订单数据"); a name this app does not
/// know stays quoted as it is in the file.
fn store_name_zh(store: &str) -> String {
    let name = match store {
        "customers" => "客户",
        "orders" => "订单",
        "costs" => "服务成本",
        "tier_changes" => "等级变动",
        "settings" => "设置",
        "complaints" => "投诉",
        "contacts" => "联系记录",
        "follow_ups" => "跟进",
        "complaint_drafts" => "投诉草稿",
        "reply_edits" => "回复模板修改",
        other => return format!("“{other}”部分"),
    };
    format!("{name}数据")
}

fn file_part_name(lang: Lang, part: FilePart) -> &'static str {
    match (lang, part) {
        (Lang::En, FilePart::FormatVersion) => "format version",
        (Lang::En, FilePart::SchemaVersion) => "database version",
        (Lang::En, FilePart::ExportedAt) => "export date",
        (Lang::En, FilePart::Checksum) => "checksum",
        (Lang::En, FilePart::Data) => "data",
        (Lang::Zh, FilePart::FormatVersion) => "格式版本",
        (Lang::Zh, FilePart::SchemaVersion) => "数据库版本",
        (Lang::Zh, FilePart::ExportedAt) => "导出时间",
        (Lang::Zh, FilePart::Checksum) => "校验和",
        (Lang::Zh, FilePart::Data) => "数据",
    }
}

fn not_a_backup_message(lang: Lang, reason: &NotABackupReason) -> String {
    use NotABackupReason as R;
    // Files that were never backups need a different file; backups that were cut
    // down or edited need an untouched copy; a cut-off one needs copying again.
    let (why, next) = match (lang, reason) {
        (Lang::En, R::CutOff) => return "This backup is damaged or incomplete: it ends too early, as if the download or copy was interrupted. Nothing was restored. Copy or download the file again, then restore it.".into(),
        (Lang::Zh, R::CutOff) => return "该备份已损坏或不完整：文件提前结束，像是下载或复制被中断。未恢复任何内容。请重新复制或下载该文件后再恢复。".into(),
        (Lang::En, R::NotJson { line, column }) => (format!("it cannot be read from line {line}, column {column} on"), "Choose the file made with “Export a full backup”."),
        (Lang::En, R::NotAnObject | R::NoFormatMarker) => ("it was not made with “Export a full backup”".to_owned(), "Choose the file made with “Export a full backup”."),
        (Lang::En, R::Missing(part)) => (format!("its {} is missing", file_part_name(lang, *part)), "Use an unedited copy of the backup."),
        (Lang::En, R::Malformed(part)) => (format!("its {} has the wrong form", file_part_name(lang, *part)), "Use an unedited copy of the backup."),
        (Lang::En, R::DataUncheckable) => ("its data is nested too deeply to be checked".to_owned(), "Use an unedited copy of the backup."),
        (Lang::En, R::UnknownStore { name }) => (format!("it holds a part “{name}” that this app does not know"), "Update the app (reload it while online), or choose a backup made by this app."),
        (Lang::En, R::StoreNotAList { store }) => (format!("its “{store}” part is not a list of records"), "Use an unedited copy of the backup."),
        (Lang::En, R::StoreMissing { store }) => (format!("its “{store}” part is missing"), "Use an unedited copy of the backup."),
        (Lang::En, R::StoreNewerThanBackup { store, schema_version }) => (format!("it has records in “{store}”, which version {schema_version} databases did not have"), "Use an unedited copy of the backup."),
        (Lang::Zh, R::NotJson { line, column }) => (format!("从第 {line} 行第 {column} 列起无法读取"), "请选择用“导出完整备份”生成的文件。"),
        (Lang::Zh, R::NotAnObject | R::NoFormatMarker) => ("它不是用“导出完整备份”生成的".to_owned(), "请选择用“导出完整备份”生成的文件。"),
        (Lang::Zh, R::Missing(part)) => (format!("缺少{}", file_part_name(lang, *part)), "请使用未经修改的备份副本。"),
        (Lang::Zh, R::Malformed(part)) => (format!("其{}格式不对", file_part_name(lang, *part)), "请使用未经修改的备份副本。"),
        (Lang::Zh, R::DataUncheckable) => ("其数据嵌套过深，无法校验".to_owned(), "请使用未经修改的备份副本。"),
        (Lang::Zh, R::UnknownStore { name }) => (format!("其中有本应用不认识的部分“{name}”"), "请联网后刷新页面以更新应用，或选择本应用生成的备份。"),
        (Lang::Zh, R::StoreNotAList { store }) => (format!("其中{}不是记录列表", store_name_zh(store)), "请使用未经修改的备份副本。"),
        (Lang::Zh, R::StoreMissing { store }) => (format!("缺少{}", store_name_zh(store)), "请使用未经修改的备份副本。"),
        (Lang::Zh, R::StoreNewerThanBackup { store, schema_version }) => (format!("其中{}有记录，而版本 {schema_version} 的数据库没有这一部分", store_name_zh(store)), "请使用未经修改的备份副本。"),
    };
    match lang {
        Lang::En => {
            format!("This file is not a backup of this app ({why}). Nothing was restored. {next}")
        }
        Lang::Zh => format!("该文件不是本应用的备份（{why}）。未恢复任何内容。{next}"),
    }
}

fn record_problem_text(lang: Lang, problem: &RecordProblem) -> String {
    use RecordProblem as P;
    match (lang, problem) {
        (Lang::En, P::NotAnObject) => "it is not a record".into(),
        (Lang::En, P::MissingField(field)) => format!("the field “{field}” is missing or unusable"),
        (Lang::En, P::WrongType) => {
            "a field holds the wrong kind of value, such as text where a number belongs".into()
        }
        (Lang::En, P::UnknownChoice) => "a field holds a choice this app does not know".into(),
        (Lang::En, P::InvalidValue) => "a field holds a value that is not allowed".into(),
        (Lang::En, P::SettingNotJson) => "a setting's saved value cannot be read".into(),
        (Lang::En, P::ReplyTemplate) => {
            "a reply text uses a placeholder this app does not know".into()
        }
        (Lang::Zh, P::NotAnObject) => "它不是一条记录".into(),
        (Lang::Zh, P::MissingField(field)) => format!("字段“{field}”缺失或无法使用"),
        (Lang::Zh, P::WrongType) => "某个字段的值类型不对，例如应为数字处却是文字".into(),
        (Lang::Zh, P::UnknownChoice) => "某个字段的选项本应用不认识".into(),
        (Lang::Zh, P::InvalidValue) => "某个字段的值不被允许".into(),
        (Lang::Zh, P::SettingNotJson) => "某项设置保存的值无法读取".into(),
        (Lang::Zh, P::ReplyTemplate) => "某条回复文本使用了本应用不认识的占位符".into(),
    }
}

/// Why a chosen file is not read at all, and what to do instead.
pub fn text_file_error_message(lang: Lang, error: &TextFileError) -> String {
    use TextFileError as E;
    match (lang, error) {
        (Lang::En, E::Empty) => "This file is empty. Choose the exported file again.".into(),
        (Lang::Zh, E::Empty) => "该文件为空。请重新选择导出的文件。".into(),
        (Lang::En, E::TooLarge { bytes, limit }) => format!(
            "This file is {} MB; files up to {} MB can be read. Export a shorter date range and import the parts one by one.",
            megabytes(*bytes),
            megabytes(*limit)
        ),
        (Lang::Zh, E::TooLarge { bytes, limit }) => format!(
            "该文件大小为 {} MB，最多可读取 {} MB。请按较短的日期范围分批导出，再逐个导入。",
            megabytes(*bytes),
            megabytes(*limit)
        ),
        (Lang::En, E::NotText(kind)) => format!(
            "This is not a text file: it looks like {}. Open it in your spreadsheet program, save it as CSV, and choose the CSV file.",
            match kind {
                BinaryKind::ZipOrXlsx => "an Excel workbook (.xlsx) or a ZIP archive",
                BinaryKind::OldOffice => "an old Excel file (.xls)",
                BinaryKind::Pdf => "a PDF document",
                BinaryKind::Image => "an image",
                BinaryKind::Compressed => "a compressed archive",
                BinaryKind::Other => "a program or data file",
            }
        ),
        (Lang::Zh, E::NotText(kind)) => format!(
            "这不是文本文件，看起来是{}。请用表格软件打开，另存为 CSV 格式，再选择该 CSV 文件。",
            match kind {
                BinaryKind::ZipOrXlsx => " Excel 工作簿（.xlsx）或 ZIP 压缩包",
                BinaryKind::OldOffice => "旧版 Excel 文件（.xls）",
                BinaryKind::Pdf => " PDF 文档",
                BinaryKind::Image => "图片",
                BinaryKind::Compressed => "压缩包",
                BinaryKind::Other => "程序或数据文件",
            }
        ),
    }
}

/// Why a text file is not a table this app can read, naming the line.
pub fn csv_file_error_message(lang: Lang, error: &FileError) -> String {
    use FileError as E;
    match (lang, error) {
        (_, E::Empty) => text_file_error_message(lang, &TextFileError::Empty),
        (Lang::En, E::NoRows) => "The file has a header line but no data rows. Export again with at least one row.".into(),
        (Lang::Zh, E::NoRows) => "该文件只有表头，没有数据行。请重新导出至少包含一行数据的文件。".into(),
        (Lang::En, E::Csv { line }) => format!(
            "Line {} is not valid CSV (often a quotation mark that is never closed). Correct that line in a spreadsheet or text editor and choose the file again.",
            grouped(*line)
        ),
        (Lang::Zh, E::Csv { line }) => format!(
            "第 {} 行不是有效的 CSV 格式（常见原因是引号没有闭合）。请在表格软件或文本编辑器中修正该行，再重新选择文件。",
            grouped(*line)
        ),
        (Lang::En, E::TooManyColumns { line, found, limit }) => format!(
            "Line {} has {} columns; at most {} can be read. The export is probably damaged: export it again, or delete the extra columns in a spreadsheet.",
            grouped(*line),
            grouped(*found as u64),
            grouped(*limit as u64)
        ),
        (Lang::Zh, E::TooManyColumns { line, found, limit }) => format!(
            "第 {} 行有 {} 列，最多可读取 {} 列。导出文件可能已损坏：请重新导出，或在表格软件中删除多余的列。",
            grouped(*line),
            grouped(*found as u64),
            grouped(*limit as u64)
        ),
        (Lang::En, E::RowTooLong { line, bytes, limit }) => format!(
            "Line {} is {} bytes long; at most {} bytes per line can be read. Check that this is a table export, or shorten that line.",
            grouped(*line),
            grouped(*bytes as u64),
            grouped(*limit as u64)
        ),
        (Lang::Zh, E::RowTooLong { line, bytes, limit }) => format!(
            "第 {} 行长 {} 字节，每行最多可读取 {} 字节。请确认这是表格导出文件，或缩短该行。",
            grouped(*line),
            grouped(*bytes as u64),
            grouped(*limit as u64)
        ),
    }
}

/// "Encoding: GBK / GB18030 (detected; check the preview)", plus a warning when the
/// chosen encoding could not read every character.
pub fn encoding_note(lang: Lang, decoded: &DecodedText) -> String {
    let how = match (lang, decoded.detection) {
        (Lang::En, Detection::ByteOrderMark) => "marked in the file",
        (Lang::En, Detection::ValidUtf8) => "the file is valid UTF-8",
        (Lang::En, Detection::Guessed) => "detected; check that the names below read correctly",
        (Lang::En, Detection::Chosen) => "chosen by you",
        (Lang::Zh, Detection::ByteOrderMark) => "文件中已标明",
        (Lang::Zh, Detection::ValidUtf8) => "文件是有效的 UTF-8",
        (Lang::Zh, Detection::Guessed) => "自动识别，请核对下方名称是否显示正常",
        (Lang::Zh, Detection::Chosen) => "手动选择",
    };
    let name = decoded.encoding.display_name();
    let mut note = match lang {
        Lang::En => format!("Encoding: {name} ({how})."),
        Lang::Zh => format!("文字编码：{name}（{how}）。"),
    };
    if decoded.unreadable > 0 {
        let n = grouped(decoded.unreadable as u64);
        note.push_str(&match lang {
            Lang::En => {
                format!(" {n} characters cannot be read in this encoding: choose another one.")
            }
            Lang::Zh => format!("有 {n} 个字符无法按此编码读取，请选择其他编码。"),
        });
    }
    note
}

pub fn customer_column_name(lang: Lang, column: CustomerColumn) -> &'static str {
    use CustomerColumn as C;
    text(
        lang,
        match column {
            C::Name => Key::Name,
            C::Kind => Key::FilterKind,
            C::Email => Key::Email,
            C::Phone => Key::Phone,
            C::Messaging => Key::Messaging,
            C::Country => Key::CountryColumn,
            C::Language => Key::BuyerLanguage,
            C::TimeZone => Key::TimeZone,
            C::Address => Key::Address,
            C::Tags => Key::Tags,
            C::Notes => Key::Notes,
            C::LeadSource => Key::LeadSourceLabel,
            C::Stage => Key::FilterStage,
        },
    )
}

pub fn customer_mapping_problem_message(lang: Lang, problem: &CustomerMappingProblem) -> String {
    use CustomerMappingProblem as P;
    match (lang, problem) {
        (Lang::En, P::NameNotMapped) => "Choose the column that holds the name.".into(),
        (Lang::En, P::CountryNotMapped) => "Choose the column that holds the country.".into(),
        (Lang::En, P::ColumnUsedTwice(c)) => format!("Column {} is chosen for two fields.", c + 1),
        (Lang::En, P::ColumnOutOfRange(c)) => format!("Column {} is not in this file.", c + 1),
        (Lang::En, P::FieldMappedTwice(f)) => {
            format!("“{}” is mapped twice.", customer_column_name(lang, *f))
        }
        (Lang::Zh, P::NameNotMapped) => "请选择姓名所在的列。".into(),
        (Lang::Zh, P::CountryNotMapped) => "请选择“国家/地区”对应的列。".into(),
        (Lang::Zh, P::ColumnUsedTwice(c)) => {
            format!("第 {} 列同时对应了两个字段，请只保留一个。", c + 1)
        }
        (Lang::Zh, P::ColumnOutOfRange(c)) => format!("文件中没有第 {} 列。", c + 1),
        (Lang::Zh, P::FieldMappedTwice(f)) => {
            format!(
                "“{}”对应了两列，请只保留一列。",
                customer_column_name(lang, *f)
            )
        }
    }
}

/// One reason a customer row is rejected, naming the field and what to do.
pub fn row_issue_message(lang: Lang, issue: &RowIssue) -> String {
    match (lang, issue) {
        (_, RowIssue::Field(e)) => labelled(
            lang,
            &field_label(lang, e.field),
            &problem_message(lang, e.problem),
        ),
        (Lang::En, RowIssue::UnknownKind(cell)) => {
            format!("Kind: “{cell}” is neither individual nor company. Enter “Individual” or “Company”.")
        }
        (Lang::En, RowIssue::DuplicateInFile { first_row }) => {
            format!("Same email or phone as row {first_row} of this file. Correct or delete one of the two rows.")
        }
        (Lang::Zh, RowIssue::UnknownKind(cell)) => {
            format!("客户类型：“{cell}”无法识别，请填写“个人”或“企业”。")
        }
        (Lang::Zh, RowIssue::DuplicateInFile { first_row }) => {
            format!("与本文件第 {first_row} 行的邮箱或电话相同。请修改或删除其中一行。")
        }
    }
}

/// All reasons a customer row is rejected, one sentence after another.
pub fn row_issues_text(lang: Lang, issues: &[RowIssue]) -> String {
    let parts: Vec<String> = issues.iter().map(|i| row_issue_message(lang, i)).collect();
    sentences(lang, &parts)
}

/// The customer-import preview's counts.
pub fn customer_import_summary(
    lang: Lang,
    ready: usize,
    rejected: usize,
    to_decide: usize,
) -> String {
    match lang {
        Lang::En => format!(
            "{ready} rows ready · {rejected} rows rejected · {to_decide} need your decision"
        ),
        Lang::Zh => format!("{ready} 行可导入 · {rejected} 行有误 · {to_decide} 行需要您决定"),
    }
}

/// The accessible name of a possible duplicate's decision: "Decision for row 2" /
/// "第 2 行的处理方式".
pub fn duplicate_decision_label(lang: Lang, row: usize) -> String {
    match lang {
        Lang::En => format!("Decision for row {row}"),
        Lang::Zh => format!("第 {row} 行的处理方式"),
    }
}

/// The choice that merges an imported row into a stored customer.
pub fn merge_into_option(lang: Lang, name: &str) -> String {
    match lang {
        Lang::En => format!("Merge into {name}"),
        Lang::Zh => format!("合并到“{name}”"),
    }
}

/// Whom an imported row looks like and why: a stored customer by name, or an earlier
/// row of the same file. "Lucía García (same email)" / "第 3 行（邮箱相同）";
/// "张三（国家/地区相同，姓名相似度 87%）".
pub fn duplicate_match_text(
    lang: Lang,
    name: Option<&str>,
    earlier_row: Option<usize>,
    reason: DuplicateReason,
) -> String {
    let who = match (earlier_row, lang) {
        (Some(row), Lang::En) => format!("Row {row}"),
        (Some(row), Lang::Zh) => format!("第 {row} 行"),
        (None, _) => name.unwrap_or_default().to_owned(),
    };
    let why = match (reason, lang) {
        (DuplicateReason::SameEmail, _) => text(lang, Key::SameEmail).to_owned(),
        (DuplicateReason::SamePhone, _) => text(lang, Key::SamePhone).to_owned(),
        (DuplicateReason::SimilarName { similarity_percent }, Lang::En) => {
            format!("similar name, same country: {similarity_percent}%")
        }
        (DuplicateReason::SimilarName { similarity_percent }, Lang::Zh) => {
            format!("国家/地区相同，姓名相似度 {similarity_percent}%")
        }
    };
    with_remark(lang, &who, &why)
}

/// What a customer import wrote.
pub fn customers_imported_message(
    lang: Lang,
    created: usize,
    merged: usize,
    skipped: usize,
) -> String {
    match lang {
        Lang::En => {
            format!("Customers imported: {created} created, {merged} merged, {skipped} skipped")
        }
        Lang::Zh => format!("客户导入完成：新建 {created} 位，合并 {merged} 位，跳过 {skipped} 行"),
    }
}

/// The toast after a backup was downloaded.
pub fn backup_saved_message(
    lang: Lang,
    file_name: &str,
    customers: usize,
    kilobytes: usize,
) -> String {
    match lang {
        Lang::En => format!("Backup saved as {file_name} ({customers} customers, {kilobytes} KB)"),
        Lang::Zh => format!("备份已保存为 {file_name}（{customers} 位客户，{kilobytes} KB）"),
    }
}

/// When the last backup was made, given as (how long ago, date and time): "Last
/// backup: 3 days ago (1 Mar 2025, 10:00)" / "上次备份：3 天前（2025年3月1日 10:00）";
/// none yet: "Last backup: never" / "尚未备份".
pub fn last_backup_text(lang: Lang, last: Option<(&str, &str)>) -> String {
    match (lang, last) {
        (_, Some((ago, at))) => labelled(
            lang,
            text(lang, Key::LastBackup),
            &with_remark(lang, ago, at),
        ),
        (Lang::En, None) => labelled(
            lang,
            text(lang, Key::LastBackup),
            text(lang, Key::NeverBackedUp),
        ),
        (Lang::Zh, None) => text(lang, Key::NeverBackedUp).to_owned(),
    }
}

/// The reminder above every screen: when the last backup was, then what to do.
/// "上次备份：3 天前（…）。请及时导出备份：…"
pub fn backup_reminder_text(lang: Lang, last: Option<(&str, &str)>) -> String {
    let stop = match lang {
        Lang::En => ".",
        Lang::Zh => "。",
    };
    sentences(
        lang,
        &[
            format!("{}{stop}", last_backup_text(lang, last)),
            text(lang, Key::BackupDue).to_owned(),
        ],
    )
}

/// The toast after a restore.
pub fn backup_restored_message(lang: Lang, customers: usize) -> String {
    match lang {
        Lang::En => format!("Backup restored: {customers} customers"),
        Lang::Zh => format!("备份已恢复，共 {customers} 位客户"),
    }
}

/// The restore preview's first line: when the backup was made, its database version
/// and how many records were upgraded on reading.
pub fn restore_preview_line(
    lang: Lang,
    made_at: &str,
    schema_version: u32,
    upgraded: usize,
) -> String {
    let mut line = match lang {
        Lang::En => format!("Backup made {made_at} · database version {schema_version}"),
        Lang::Zh => format!("备份时间：{made_at} · 数据库版本：{schema_version}"),
    };
    if upgraded > 0 {
        line.push_str(&match lang {
            Lang::En => format!(" · {upgraded} records upgraded to the current format"),
            Lang::Zh => format!(" · {upgraded} 条记录已升级为当前格式"),
        });
    }
    line
}

/// A column of the exported customer list, without the form's hints ("时区", not
/// "时区（IANA，如 Europe/Madrid）"); the customer import reads these back.
pub fn customer_csv_header(lang: Lang, column: CustomerColumn) -> &'static str {
    match column {
        CustomerColumn::Language => text(lang, Key::ExportLanguage),
        CustomerColumn::TimeZone => text(lang, Key::ExportTimeZone),
        CustomerColumn::Tags => text(lang, Key::ExportTags),
        other => customer_column_name(lang, other),
    }
}

fn megabytes(bytes: u64) -> String {
    // One decimal, rounded up, so a file just over the limit never reads as equal.
    let tenths = bytes.saturating_mul(10).div_ceil(1024 * 1024);
    format!("{}.{}", tenths / 10, tenths % 10)
}

/// Records the store upgraded to the current format when it opened.
pub fn records_upgraded_message(lang: Lang, records: usize) -> String {
    match lang {
        Lang::En => format!("Upgraded {records} records to the current format."),
        Lang::Zh => format!("已将 {records} 条记录升级为当前格式。"),
    }
}
