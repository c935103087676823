//! UI language and every user-visible string, in English and Simplified Chinese.
//!
//! Keys are an enum so a missing translation is a compile error, not a blank label.

use serde::{Deserialize, Serialize};

use crate::domain::complaints::{
    ComplaintCause, ComplaintError, ComplaintState, RemedyKind, StepProblem, Temperament, Validity,
    WizardStep,
};
use crate::domain::contacts::{
    ContactChannel, ContactProblem, Direction, FollowUpBucket, TimelineKind,
};
use crate::domain::customers::SortKey;
use crate::domain::customers::{ContactRole, CustomerKind, LeadSource};
use crate::domain::customers::{Field, Problem};
use crate::domain::customers::{RelationshipStage, StageMoveError};
use crate::domain::exchange::backup::{BackupError, FilePart, NotABackupReason, RecordProblem};
use crate::domain::exchange::customers_import::{
    ChoiceNames, CustomerColumn, CustomerMappingProblem, RowIssue,
};
use crate::domain::exchange::orders_import::{OrderField, RowProblem};
use crate::domain::orders::{CostKind, OrderStatus};
use crate::domain::shared::coded_enum::coded_enum;
use crate::domain::shared::csv::FileError;
use crate::domain::shared::text_file::{BinaryKind, DecodedText, Detection, TextFileError};
use crate::domain::value::{
    AbcClass, RateProblem, RfmSegment, SharesProblem, ValueError, ValueTier,
};
use crate::domain::value::{RateSource, ReferenceRate};

coded_enum! {
    /// The UI language. The saved preference is its code; serde uses the variant name
    /// ("En"/"Zh"), which is not the code.
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
    pub enum Lang {
        #[default]
        En = "en",
        Zh = "zh-CN",
    }
}

impl Lang {
    /// Picks the UI language from a browser language tag ("zh-TW" → Chinese, "de" → English).
    pub fn from_browser_tag(tag: &str) -> Self {
        if tag.trim().to_ascii_lowercase().starts_with("zh") {
            Self::Zh
        } else {
            Self::En
        }
    }
}

macro_rules! texts {
    ($($key:ident => $en:literal, $zh:literal;)+) => {
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum Key { $($key),+ }

        impl Key {
            pub const ALL: &'static [Key] = &[$(Key::$key),+];
        }

        pub fn text(lang: Lang, key: Key) -> &'static str {
            match (lang, key) {
                $((Lang::En, Key::$key) => $en, (Lang::Zh, Key::$key) => $zh,)+
            }
        }
    };
}

texts! {
    AppTitle => "Cross-border CRM", "跨境客户管理";
    Customers => "Customers", "客户";
    NewCustomer => "New customer", "新建客户";
    LanguageSwitch => "中文", "English";
    LanguageSwitchLabel => "Switch interface language to Chinese", "切换界面语言为英文";
    Search => "Search", "搜索";
    SearchPlaceholder => "Name, company, email, phone, country, tag…", "姓名、公司、邮箱、电话、国家、标签…";
    FilterStage => "Stage", "客户阶段";
    FilterCountry => "Country", "国家";
    FilterKind => "Customer kind", "客户类型";
    SortBy => "Sort by", "排序";
    Descending => "Descending", "降序";
    AnyOption => "Any", "全部";
    Results => "customers", "位客户";
    PreviousPage => "Previous page", "上一页";
    NextPage => "Next page", "下一页";
    PageOf => "Page", "页码";
    LocalTime => "Local time", "当地时间";
    LastContact => "Last contact", "最近联系";
    Never => "never", "从未";
    EmptyTitle => "No customers yet", "还没有客户";
    EmptyBody => "Add your first customer, or load the demo data to look around.", "添加第一位客户，或载入演示数据先看看。";
    NoMatches => "No customer matches these filters.", "没有符合条件的客户。";
    ClearFilters => "Clear filters", "清除筛选";
    LoadDemo => "Load demo data", "载入演示数据";
    ExportCsv => "Export list as CSV", "导出列表为 CSV";
    LoadingDemo => "Loading demo data…", "正在载入演示数据…";
    DemoLoaded => "Demo data loaded", "演示数据已载入";
    Loading => "Loading…", "加载中…";
    Save => "Save", "保存";
    Cancel => "Cancel", "取消";
    Edit => "Edit", "编辑";
    Delete => "Delete", "删除";
    Back => "Back to list", "返回列表";
    ConfirmDeleteTitle => "Delete this customer?", "删除该客户？";
    ConfirmDeleteBody => "The record and its orders are removed. You can undo right after.", "客户档案及其订单将被删除，删除后可立即撤销。";
    ConfirmDelete => "Delete customer", "确认删除";
    Deleted => "Customer deleted", "客户已删除";
    Undo => "Undo", "撤销";
    Restored => "Customer restored", "客户已恢复";
    Saved => "Saved", "已保存";
    Dismiss => "Dismiss", "关闭";
    FixErrors => "Please correct the highlighted fields.", "请修改标出的字段。";
    Kind => "Customer kind", "客户类型";
    BasicInfo => "Basic information", "基本信息";
    Name => "Name", "姓名";
    CompanyName => "Company name", "公司名称";
    Email => "Email", "邮箱";
    Phone => "Phone", "电话";
    Messaging => "Other channels (WhatsApp, WeChat, buyer ID)", "其他渠道（WhatsApp、微信、买家ID）";
    Country => "Country (ISO code, e.g. ES)", "国家（ISO代码，如 ES）";
    BuyerLanguage => "Buyer's language (e.g. es, pt-BR)", "买家语言（如 es、pt-BR）";
    TimeZone => "Time zone (IANA, e.g. Europe/Madrid)", "时区（IANA，如 Europe/Madrid）";
    Address => "Address", "地址";
    Tags => "Tags (comma separated)", "标签（逗号分隔）";
    Notes => "Notes", "备注";
    LeadSourceLabel => "Lead source", "客户来源";
    InitialStage => "Relationship stage", "客户阶段";
    PersonalDetails => "Personal details", "个人资料";
    Birthday => "Birthday", "生日";
    Employer => "Employer", "工作单位";
    Position => "Position", "职位";
    Preferences => "Preferences and communication style", "偏好与沟通风格";
    FamilyDates => "Family dates", "家庭纪念日";
    FamilyDateLabel => "Occasion", "事由";
    FamilyDateValue => "Date", "日期";
    AddFamilyDate => "Add family date", "添加纪念日";
    RemoveRow => "Remove", "移除";
    CompanyDetails => "Company details", "公司资料";
    FoundedYear => "Founded (year)", "成立年份";
    Employees => "Employees", "员工人数";
    BusinessType => "Business type", "业务类型";
    ServiceArea => "Service area", "服务区域";
    BusinessStatus => "Business status", "经营状况";
    PaymentTerms => "Payment terms", "付款条件";
    CreditStatus => "Credit status", "信用状况";
    ContactPersons => "Contact persons", "联系人";
    ContactName => "Contact name", "联系人姓名";
    ContactRoleLabel => "Role", "角色";
    AddContact => "Add contact person", "添加联系人";
    StageSection => "Relationship stage", "客户阶段";
    CurrentStage => "Current stage", "当前阶段";
    MoveTo => "Move to", "转为";
    Reason => "Reason", "原因";
    MoveStage => "Move stage", "变更阶段";
    NoMovesAllowed => "No moves are allowed from this stage.", "该阶段不允许变更。";
    StageHistory => "Stage history", "阶段历史";
    NoStageHistory => "No stage changes yet.", "暂无阶段变更。";
    StageMoved => "Stage changed", "阶段已变更";
    ReasonRequired => "Give a reason for the move.", "请填写变更原因。";
    Orders => "Orders", "订单";
    NoOrders => "No orders yet.", "暂无订单。";
    OrderNumber => "Order", "订单号";
    OrderDate => "Date", "日期";
    Channel => "Channel", "渠道";
    Amount => "Amount", "金额";
    Status => "Status", "状态";
    Created => "Created", "创建时间";
    Updated => "Updated", "更新时间";
    Revision => "Revision", "版本";
    NotFound => "This customer does not exist (it may have been deleted).", "该客户不存在（可能已被删除）。";
    UnreadableRecords => "records could not be read and were left untouched in storage.", "条记录无法读取，已原样保留在存储中。";
    StaleSave => "Someone else (another tab?) changed this customer after you opened it. Your edits are still in the form: reload the record, then apply them again.", "打开后该客户已被他人（或其他标签页）修改。您的修改仍保留在表单中：请重新加载记录后再次应用。";
    ReloadRecord => "Reload record", "重新加载记录";
    Unknown => "unknown", "未知";
    DemoDone => "customers added", "位客户已添加";
    SkipToContent => "Skip to content", "跳到主要内容";
    CountryColumn => "Country", "国家";
    StageColumn => "Stage", "阶段";
    KindColumn => "Kind", "类型";
    Actions => "Actions", "操作";
    Open => "Open", "打开";
    Required => "required", "必填";
    ImportOrders => "Import orders", "导入订单";
    ImportIntro => "Upload your marketplace's order export (CSV). Map its columns to ours, check every rejected row, then import in one step. Importing the same file again updates orders instead of duplicating them.", "上传平台导出的订单文件（CSV），将其各列对应到本系统字段，检查所有被拒绝的行后一次性导入。重复导入同一文件只会更新订单，不会重复。";
    ImportChooseFile => "CSV file", "CSV 文件";
    ImportUnreadableFile => "The browser could not read this file.", "浏览器无法读取该文件。";
    ImportBadFile => "This file cannot be imported", "该文件无法导入";
    FileEncoding => "Encoding", "文字编码";
    ImportRows => "data rows", "行数据";
    ImportMapping => "Column mapping", "列映射";
    ImportNotInFile => "— not in file —", "— 文件中没有 —";
    ImportDateOrder => "Dates like 01/02/2024 are", "01/02/2024 这类日期的格式";
    ImportDecimal => "Number format", "数字格式";
    ImportDecimalAuto => "Detect automatically", "自动识别";
    ImportDefaultChannel => "Marketplace when the file has no column", "文件无平台列时使用的平台";
    ImportDefaultCurrency => "Currency when the file has no column", "文件无币种列时使用的币种";
    ImportPreview => "Check rows", "检查数据";
    ImportPreviewTitle => "Preview", "预览";
    ImportFirstRows => "First rows as they will be imported", "将导入的前几行";
    ImportCustomer => "Customer ID", "客户ID";
    ImportRejected => "Rejected rows (line numbers as in the file)", "被拒绝的行（行号与文件一致）";
    ImportRow => "Line", "行号";
    ImportField => "Field", "字段";
    ImportProblem => "Problem", "问题";
    ImportValue => "Value in file", "文件中的值";
    ImportMode => "If some rows are rejected", "若有行被拒绝";
    ImportDownloadRejected => "Download all rejected rows (CSV)", "下载全部被拒绝的行（CSV）";
    ImportSkipBad => "Import the good rows, skip the rejected ones", "导入正确的行，跳过被拒绝的行";
    ImportAllOrNothing => "Import nothing (all or nothing)", "全部不导入（全有或全无）";
    ImportRun => "Import", "开始导入";
    ImportWriting => "Writing orders", "正在写入订单";
    Analysis => "Customer value", "客户价值";
    ShowTable => "Show data table", "显示数据表";
    HideTable => "Hide data table", "隐藏数据表";
    PyramidTitle => "Customer pyramid: customers vs. profit", "客户金字塔：客户数与利润";
    ShareOfCustomers => "Share of customers", "客户占比";
    ShareOfProfit => "Share of profit", "利润占比";
    Tier => "Tier", "层级";
    Profit => "Profit", "利润";
    Revenue => "Revenue", "收入";
    ParetoTitle => "ABC analysis (Pareto): sales by customer", "ABC 分析（帕累托）：各客户销售额";
    Thresholds => "thresholds", "阈值";
    AbcClassLabel => "Class", "类别";
    WhaleTitle => "Whale curve: cumulative profit by customer rank", "鲸鱼曲线：按客户排名的累计利润";
    WhalePeak => "Cumulative profit peaks at", "累计利润峰值位于";
    CumulativeProfit => "Cumulative profit", "累计利润";
    LoadingOrders => "Loading orders…", "正在载入订单…";
    AnalysisSettings => "Period and rules", "期间与规则";
    PeriodFrom => "From", "起始日期";
    PeriodTo => "To", "结束日期";
    RankBy => "Rank by", "排名依据";
    ShareVip => "VIP top %", "重要客户前 %";
    ShareMajor => "Major next %", "主要客户 %";
    ShareOrdinary => "Ordinary next %", "普通客户 %";
    AbcA => "A up to cumulative %", "A 类累计 %";
    AbcB => "B up to cumulative %", "B 类累计 %";
    ReportingCurrency => "Reporting currency", "报告币种";
    BadCurrency => "Use a three-letter currency code such as USD.", "请使用三个字母的币种代码，如 USD。";
    ExchangeRates => "Exchange rates into the reporting currency", "折算为报告币种的汇率";
    ReferenceRatesHelp => "Rates you leave empty come from the shipped reference rates (dated beside each). A rate you type is kept and always used instead.", "未填写的汇率取自内置参考汇率（日期见各汇率旁）。您填写的汇率会被保存，并始终优先使用。";
    CareTitle => "Tiered care: what each tier gets, and who is due", "分级关怀：各层级待遇及待联系客户";
    CarePolicy => "Care policy", "关怀政策";
    DueForContact => "Due for contact", "待联系";
    RfmTitle => "RFM segments", "RFM 分群";
    RfmSegmentLabel => "Segment", "分群";
    TierMovesTitle => "Tier movements", "层级变动";
    TierMovesHelp => "Record this period's tiers to keep a dated history of promotions and demotions.", "记录本期层级，以保留升级与降级的日期历史。";
    RecordTiers => "Record this period's tiers", "记录本期层级";
    TiersRecorded => "Tier changes recorded", "已记录层级变动";
    NoTierMoves => "No promotions or demotions recorded for this period yet.", "本期尚无升级或降级记录。";
    TierMove => "Movement", "变动";
    Rank => "Rank", "排名";
    TierHistory => "Tier history", "层级历史";
    CostsTitle => "Cost to serve", "服务成本";
    CostKindLabel => "Kind of cost", "成本类型";
    CostCurrency => "Currency", "币种";
    AddCost => "Add cost", "添加成本";
    CostAdded => "Cost to serve added", "已添加服务成本";
    NoCosts => "No cost-to-serve entries.", "暂无服务成本记录。";
    CostMustBePositive => "Enter an amount above zero.", "请输入大于零的金额。";
    DataStaysLocal => "All data stays in this browser (IndexedDB). Nothing is sent anywhere.", "所有数据仅保存在本浏览器（IndexedDB）中，不会发送到任何地方。";
    DataAndBackup => "Data & backup", "数据与备份";
    BackupTitle => "Backup", "备份";
    BackupHelp => "One file with every record of this browser: customers, orders, costs, complaints, contacts, follow-ups and settings. Keep it somewhere safe; it restores here or in another browser.", "一个文件包含本浏览器中的全部记录：客户、订单、成本、投诉、联系、跟进和设置。请妥善保存；可在此处或其他浏览器中恢复。";
    ExportBackup => "Export a full backup", "导出完整备份";
    BackupSaved => "Backup saved as", "备份已保存为";
    LastBackup => "Last backup", "上次备份";
    ReminderDays => "Remind me after (days, 0 = never)", "提醒间隔（天，0 表示不提醒）";
    ReminderDaysInvalid => "Enter whole days from 0 to 365.", "请输入 0 至 365 的整数天数。";
    SaveReminder => "Save reminder", "保存提醒";
    BackupDue => "It is time to export a backup: this browser is the only place your records live.", "该导出备份了：您的记录只保存在本浏览器中。";
    GoToBackup => "Export a backup now", "立即导出备份";
    RestoreTitle => "Restore a backup", "恢复备份";
    RestoreHelp => "The whole file is checked first (format, version, checksum, every record); nothing changes until you confirm. Older backups are upgraded.", "先检查整个文件（格式、版本、校验和、每条记录）；确认前不会更改任何内容。旧版本的备份会自动升级。";
    RestoreChooseFile => "Backup file (.json)", "备份文件（.json）";
    BackupMadeOn => "Backup made", "备份时间";
    SchemaVersion => "database version", "数据库版本";
    RecordsUpgraded => "records upgraded to the current format", "条记录已升级为当前格式";
    InBackup => "In the backup", "备份中";
    StoredNow => "Stored now", "当前存储";
    RestoreReplaces => "Restoring replaces ALL data in this browser with the backup's. Export a backup of the current data first if you may need it.", "恢复会用备份中的数据替换本浏览器中的全部数据。如果以后可能需要当前数据，请先导出备份。";
    RestoreButton => "Restore this backup…", "恢复此备份…";
    RestoreConfirmTitle => "Replace all data?", "替换全部数据？";
    RestoreConfirm => "Replace everything", "全部替换";
    RestoreDone => "Backup restored; customers:", "备份已恢复；客户数：";
    SettingsLabel => "Settings", "设置";
    ImportCustomers => "Import customers (CSV)", "导入客户（CSV）";
    ImportCustomersHelp => "Map the columns, then check every rejected row and every possible duplicate before anything is written. Rows that look like an existing customer are skipped unless you choose otherwise.", "先对应列，再在写入前检查每条被拒绝的行和每个可能的重复客户。与现有客户相似的行默认跳过，除非您另行选择。";
    ColumnMapping => "Which column holds what", "列对应关系";
    NotInFile => "— not in the file —", "— 文件中没有 —";
    RowsReady => "rows ready", "行可导入";
    RowsRejected => "rows rejected", "行被拒绝";
    RowsNeedChoice => "need your decision", "行需要您决定";
    RejectedRows => "Rejected rows (not imported): fix them in the file and import it again", "被拒绝的行（不会导入）：请在文件中修正后重新导入";
    Row => "Row", "行";
    Problems => "Problems", "问题";
    PossibleDuplicates => "Possible duplicates", "可能重复";
    LooksLike => "Looks like", "相似于";
    Decision => "Decision", "处理方式";
    SkipRow => "Skip this row", "跳过此行";
    CreateNew => "Create a new customer", "新建客户";
    MergeInto => "Merge into", "合并到";
    SameEmail => "same email", "邮箱相同";
    SamePhone => "same phone", "电话相同";
    SimilarName => "similar name, same country:", "姓名相似、国家相同：";
    ImportCustomersButton => "Import customers", "导入客户";
    CustomersImported => "Customers imported", "客户已导入";
    CreatedCount => "created", "新建";
    Merged => "merged", "合并";
    Skipped => "skipped", "跳过";
    ComplaintsNav => "Complaints", "投诉";
    FollowUps => "Follow-ups", "跟进";
    ComplaintTitle => "Complaint", "投诉处理";
    ComplaintCard => "Complaint card", "投诉卡";
    OpenComplaint => "Open a complaint", "新建投诉";
    NoComplaints => "No complaints.", "暂无投诉。";
    Opened => "Opened", "受理时间";
    ComplaintCauseLabel => "Cause", "投诉原因";
    ComplaintStateLabel => "Complaint state", "投诉状态";
    ComplaintStateActions => "Change the complaint's state", "更改投诉状态";
    CustomerWroteAgain => "Customer wrote again", "客户再次来信";
    MarkAs => "Mark as", "标记为";
    WizardSteps => "Complaint handling steps", "投诉处理步骤";
    DraftSaved => "Draft saved in this browser", "草稿已保存在本浏览器";
    DraftNotSaved => "Draft NOT saved: see the message below", "草稿未保存：请查看下方提示";
    CustomerWords => "Customer's own words (paste their message)", "客户原话（粘贴客户消息）";
    Marketplace => "Channel or marketplace", "渠道或平台";
    OrderReference => "Order reference", "订单号";
    Temperament => "Customer temperament", "客户类型";
    Stance => "How to respond", "应对方式";
    AcknowledgementReply => "Acknowledgement reply (in the buyer's language)", "确认回复（买家语言）";
    CopyReply => "Copy reply", "复制回复";
    Copied => "Reply copied to the clipboard", "回复已复制到剪贴板";
    CopyFailed => "The browser did not allow copying: select the text and copy it by hand", "浏览器不允许复制：请手动选中文本复制";
    Complainant => "Who is complaining", "投诉人";
    WhatHappened => "What happened", "事情经过";
    HappenedOn => "When it happened", "发生日期";
    Product => "Product", "产品";
    PurchasedOn => "Purchase date", "购买日期";
    Usage => "How it was used", "使用情况";
    WantedOutcome => "What the customer wants", "客户诉求";
    WantedHow => "How they want it solved", "期望的解决方式";
    ValidityLabel => "Is the complaint valid?", "投诉是否成立？";
    ValidityReason => "Reason for the judgement", "判断理由";
    RemedyLabel => "Remedy", "补救措施";
    RemedyNote => "Remedy details", "补救说明";
    RemedyCostNote => "A remedy with an amount is booked as cost to serve on this customer; the value analysis counts it.", "有金额的补救措施会记入该客户的服务成本，并计入价值分析。";
    FollowUpAt => "Follow-up contact at (your time)", "跟进时间（您的时间）";
    Outcome => "Outcome", "处理结果";
    Satisfaction => "Satisfaction", "满意度";
    Satisfaction1 => "1 — very dissatisfied", "1 — 非常不满意";
    Satisfaction2 => "2 — dissatisfied", "2 — 不满意";
    Satisfaction3 => "3 — neutral", "3 — 一般";
    Satisfaction4 => "4 — satisfied", "4 — 满意";
    Satisfaction5 => "5 — very satisfied", "5 — 非常满意";
    ChooseOne => "Choose…", "请选择…";
    PreviousStep => "Previous step", "上一步";
    SaveAndContinue => "Save and continue", "保存并继续";
    SaveFollowUp => "Save follow-up", "保存跟进";
    ResolveComplaint => "Resolve complaint", "结案";
    ComplaintResolved => "Complaint resolved", "投诉已解决";
    ReloadComplaint => "Reload the complaint", "重新加载投诉";
    ComplaintFollowUpPurpose => "Complaint follow-up: confirm the customer is satisfied", "投诉回访：确认客户满意";
    PrivateWindowWarning => "This looks like a private window: everything you enter is deleted when the window closes. Use a normal window, or export a backup before closing.", "这似乎是无痕/隐私窗口：关闭窗口后，您输入的所有数据都会被删除。请使用普通窗口，或在关闭前导出备份。";
    StoragePersistent => "Storage: kept until you delete it.", "存储：会一直保留，直到您删除。";
    StorageBestEffort => "Storage: best effort — the browser may clear it when disk space runs low. Export backups regularly.", "存储：尽力保留——磁盘空间不足时浏览器可能清除数据。请定期导出备份。";
    StoragePersistenceUnknown => "Storage: this browser does not say whether it keeps the data.", "存储：该浏览器未说明是否会保留数据。";
    AskToKeepData => "Ask the browser to keep the data", "请求浏览器保留数据";
    PersistenceRefused => "The browser did not promise to keep the data (it decides by how often you use the site; installing the app helps). It is still saved, but may be cleared when disk space runs low: export backups regularly.", "浏览器未承诺永久保留数据（取决于您使用本网站的频率；安装本应用有帮助）。数据仍已保存，但磁盘空间不足时可能被清除：请定期导出备份。";
    OfflineReady => "Works offline.", "可离线使用。";
    SyncFailed => "Other open tabs of this app could not be told about the change. Reload them.", "无法通知本应用的其他标签页。请重新加载它们。";
    LocalSaveFailed => "The browser would not keep this in its local storage (it may be full or turned off), so it is lost when the tab closes. Free some disk space or allow this site to store data, then try again.", "浏览器未能将其保存在本地存储中（存储可能已满或被关闭），关闭标签页后将会丢失。请释放磁盘空间或允许本网站存储数据后重试。";
    DownloadFailed => "The browser would not start the download. Allow downloads for this site, then try again.", "浏览器未能开始下载。请允许本网站下载文件后重试。";
    OfflineFailed => "The offline copy could not be set up, so the app needs the network to open. Reload the page while online to try again.", "无法设置离线副本，因此本应用需要联网才能打开。请在联网时重新加载页面重试。";
    NewVersionReady => "A new version is ready.", "新版本已就绪。";
    ReloadToUpdate => "Reload", "重新加载";
    NewerVersionOpened => "A newer version of this app was opened in another tab. This tab let go of the database so the upgrade could finish; reload to continue (everything saved is kept).", "另一个标签页打开了本应用的新版本。本标签页已释放数据库以便完成升级；请重新加载后继续（已保存的内容都会保留）。";
    DatabaseDeleted => "The browser deleted this app's data (site data was cleared). Reload to start again; restore a backup to get your records back.", "浏览器删除了本应用的数据（网站数据已被清除）。请重新加载；恢复备份即可找回记录。";
    ReloadApp => "Reload the app", "重新加载应用";
    Planned => "planned", "已安排";
    OpenedAgo => "open for", "已受理";
    SinceCustomerMessage => "since the customer's last message", "自客户最后一条消息起";
    ResponseTarget => "target", "目标";
    ClockPaused => "clock paused while waiting for the customer", "等待客户期间暂停计时";
    ClockStopped => "clock stopped: handled", "已处理，停止计时";
    OverdueBy => "overdue by", "已超时";
    Left => "left", "剩余";
    ComplaintQueue => "Complaint queue", "投诉队列";
    TierLabel => "Value tier", "价值层级";
    OverdueOnly => "Overdue only", "仅显示超时";
    ActiveOnly => "Open complaints only", "仅显示未结投诉";
    ComplaintsCount => "complaints", "件投诉";
    ResponseClock => "Response clock", "响应计时";
    Overdue => "Overdue", "已超时";
    ComplaintStatistics => "Complaint statistics", "投诉统计";
    ComplaintsTotal => "Complaints in all", "投诉总数";
    ResolvedCount => "Resolved", "已解决";
    MedianTimeToResolve => "Median time to resolve", "解决用时中位数";
    FirstContactShare => "Resolved at first contact", "首次接触即解决";
    AverageSatisfaction => "Average satisfaction after resolution", "解决后平均满意度";
    ByCause => "Complaints by cause", "按原因统计";
    ByMonth => "Complaints by month", "按月统计";
    Month => "Month", "月份";
    ResponseTargets => "Response targets", "响应时限";
    ResponseTargetsHelp => "Hours within which a customer's message gets an answer. The shorter of the marketplace and the tier target applies, so key customers are answered first.", "客户消息须在多少小时内得到答复。平台时限与层级时限取较短者，因此关键客户优先得到答复。";
    DefaultTargetHours => "Default target (hours)", "默认时限（小时）";
    TierTargetHours => "customers (hours, empty = none)", "响应时限（小时，留空表示不设）";
    StateHistory => "State history", "状态记录";
    MarketplaceTargets => "Per marketplace (name=hours, …)", "按平台（名称=小时，…）";
    SaveTargets => "Save targets", "保存时限";
    TargetHoursInvalid => "Enter whole hours from 1 to 720; leave a tier empty for no tier target.", "请输入 1 至 720 的整数小时；层级留空表示不设层级时限。";
    MarketplaceTargetsInvalid => "Write marketplaces as name=hours separated by commas, each name once and hours from 1 to 720, e.g. Amazon=12, eBay=24.", "平台时限请写成 名称=小时，用逗号分隔，如 Amazon=12, eBay=24。";
    BuyerLocalTime => "buyer's time", "买家当地时间";
    NightWarning => "night-time for the buyer", "买家当地为夜间";
    NoTimeZone => "buyer's time zone unknown", "买家时区未知";
    ConflictWarning => "clashes with", "时间冲突";
    NoFollowUpsDue => "No follow-ups overdue, due today or this week.", "没有超时、今天或本周到期的跟进。";
    MarkDone => "Done", "完成";
    FollowUpDone => "Follow-up done", "跟进已完成";
    PlanFollowUp => "Plan a follow-up", "安排跟进";
    FollowUpPlanned => "Follow-up planned", "已安排跟进";
    DurationMinutes => "Duration (minutes)", "时长（分钟）";
    Rep => "Rep", "客服";
    Purpose => "Purpose", "目的";
    Timeline => "Timeline", "往来记录";
    LogContact => "Log a contact", "记录联系";
    LogContactButton => "Log", "记录";
    QuickLogPlaceholder => "e> asked for tracking number", "e> 询问物流单号";
    QuickLogHelp => "Press L to jump here. Start with a channel letter and > (outgoing) or < (incoming): e email, p phone, s SMS, m platform message, c chat, l letter, v visit, g gift, o other. Without it, the choices beside are used.", "按 L 跳到此处。以渠道字母加 >（发出）或 <（收到）开头：e 邮件、p 电话、s 短信、m 平台消息、c 聊天、l 信件、v 拜访、g 礼品、o 其他。不写时使用旁边的选项。";
    ContactLogged => "Contact logged", "已记录联系";
    DirectionLabel => "Direction", "方向";
    NextStep => "Next step", "下一步";
    When => "When", "时间";
    NothingYet => "Nothing recorded yet.", "暂无记录。";
}

pub fn stage_name(lang: Lang, stage: RelationshipStage) -> &'static str {
    use RelationshipStage::*;
    match (lang, stage) {
        (Lang::En, NonCustomer) => "Non-customer",
        (Lang::En, Potential) => "Potential",
        (Lang::En, Target) => "Target",
        (Lang::En, FirstTime) => "First-time buyer",
        (Lang::En, Repeat) => "Repeat buyer",
        (Lang::En, Loyal) => "Loyal",
        (Lang::En, Lost) => "Lost",
        (Lang::Zh, NonCustomer) => "非客户",
        (Lang::Zh, Potential) => "潜在客户",
        (Lang::Zh, Target) => "目标客户",
        (Lang::Zh, FirstTime) => "初次购买客户",
        (Lang::Zh, Repeat) => "重复购买客户",
        (Lang::Zh, Loyal) => "忠诚客户",
        (Lang::Zh, Lost) => "流失客户",
    }
}

pub fn kind_name(lang: Lang, kind: CustomerKind) -> &'static str {
    match (lang, kind) {
        (Lang::En, CustomerKind::Individual) => "Individual",
        (Lang::En, CustomerKind::Company) => "Company",
        (Lang::Zh, CustomerKind::Individual) => "个人",
        (Lang::Zh, CustomerKind::Company) => "企业",
    }
}

/// Every kind, stage and lead-source name in every language, for the customer import
/// to recognise (a file exported by this app in either language imports back).
pub fn choice_names() -> ChoiceNames {
    let mut names = ChoiceNames::default();
    for lang in Lang::ALL {
        for kind in CustomerKind::ALL {
            names.kinds.push((kind_name(lang, kind).to_owned(), kind));
        }
        for stage in RelationshipStage::ALL {
            names
                .stages
                .push((stage_name(lang, stage).to_owned(), stage));
        }
        for source in LeadSource::ALL {
            names
                .lead_sources
                .push((lead_source_name(lang, source).to_owned(), source));
        }
    }
    names
}

pub fn role_name(lang: Lang, role: ContactRole) -> &'static str {
    match (lang, role) {
        (Lang::En, ContactRole::DecisionMaker) => "Decision maker",
        (Lang::En, ContactRole::Purchaser) => "Purchaser",
        (Lang::En, ContactRole::Finance) => "Finance contact",
        (Lang::En, ContactRole::Other) => "Other",
        (Lang::Zh, ContactRole::DecisionMaker) => "决策人",
        (Lang::Zh, ContactRole::Purchaser) => "采购人",
        (Lang::Zh, ContactRole::Finance) => "财务联系人",
        (Lang::Zh, ContactRole::Other) => "其他",
    }
}

pub fn sort_name(lang: Lang, key: SortKey) -> &'static str {
    match (lang, key) {
        (Lang::En, SortKey::Name) => "Name",
        (Lang::En, SortKey::LastContact) => "Last contact",
        (Lang::En, SortKey::Created) => "Created",
        (Lang::Zh, SortKey::Name) => "姓名",
        (Lang::Zh, SortKey::LastContact) => "最近联系",
        (Lang::Zh, SortKey::Created) => "创建时间",
    }
}

pub fn lead_source_name(lang: Lang, source: LeadSource) -> &'static str {
    use LeadSource::*;
    match (lang, source) {
        (Lang::En, DoorToDoor) => "Door-to-door visit",
        (Lang::En, MeetingsAndFairs) => "Meeting or trade fair",
        (Lang::En, ClubsAndCircles) => "Club or circle",
        (Lang::En, RelativesAndFriends) => "Relatives and friends",
        (Lang::En, DirectoryLookup) => "Directory or data lookup",
        (Lang::En, PaidConsultancy) => "Paid consultancy",
        (Lang::En, AgentReferral) => "Agent referral (\"hound dog\")",
        (Lang::En, CustomerReferral) => "Referred by a customer",
        (Lang::En, CentreOfInfluence) => "Centre of influence",
        (Lang::En, Phone) => "Phone",
        (Lang::En, LetterOrMail) => "Letter or mail",
        (Lang::En, InternetPlatform) => "Internet / marketplace",
        (Lang::En, WonFromCompetitor) => "Won from a competitor",
        (Lang::Zh, DoorToDoor) => "上门拜访",
        (Lang::Zh, MeetingsAndFairs) => "会议与展会",
        (Lang::Zh, ClubsAndCircles) => "俱乐部与圈子",
        (Lang::Zh, RelativesAndFriends) => "亲友介绍",
        (Lang::Zh, DirectoryLookup) => "资料查阅",
        (Lang::Zh, PaidConsultancy) => "咨询机构",
        (Lang::Zh, AgentReferral) => "猎犬法（代理介绍）",
        (Lang::Zh, CustomerReferral) => "老客户介绍",
        (Lang::Zh, CentreOfInfluence) => "中心开花法",
        (Lang::Zh, Phone) => "电话",
        (Lang::Zh, LetterOrMail) => "信函",
        (Lang::Zh, InternetPlatform) => "网络/平台",
        (Lang::Zh, WonFromCompetitor) => "从竞争对手处争取",
    }
}

pub fn field_label(lang: Lang, field: Field) -> String {
    let key = match field {
        Field::Name => Key::Name,
        Field::Email => Key::Email,
        Field::Phone => Key::Phone,
        Field::Country => Key::CountryColumn,
        Field::Language => Key::BuyerLanguage,
        Field::TimeZone => Key::TimeZone,
        Field::LeadSource => Key::LeadSourceLabel,
        Field::Stage => Key::InitialStage,
        Field::Messaging => Key::Messaging,
        Field::Address => Key::Address,
        Field::Notes => Key::Notes,
        Field::Tags => Key::Tags,
        Field::Birthday => Key::Birthday,
        Field::Employer => Key::Employer,
        Field::Position => Key::Position,
        Field::Preferences => Key::Preferences,
        Field::FoundedYear => Key::FoundedYear,
        Field::Employees => Key::Employees,
        Field::BusinessType => Key::BusinessType,
        Field::ServiceArea => Key::ServiceArea,
        Field::BusinessStatus => Key::BusinessStatus,
        Field::PaymentTerms => Key::PaymentTerms,
        Field::CreditStatus => Key::CreditStatus,
        Field::FamilyDateLabel(i) => {
            return format!(
                "{} {} ({})",
                text(lang, Key::FamilyDateLabel),
                i + 1,
                text(lang, Key::FamilyDates)
            )
        }
        Field::FamilyDate(i) => {
            return format!(
                "{} {} ({})",
                text(lang, Key::FamilyDateValue),
                i + 1,
                text(lang, Key::FamilyDates)
            )
        }
        Field::ContactName(i) => return format!("{} {}", text(lang, Key::ContactName), i + 1),
        Field::ContactRole(i) => return format!("{} {}", text(lang, Key::ContactRoleLabel), i + 1),
        Field::ContactEmail(i) => {
            return format!(
                "{} {} ({})",
                text(lang, Key::Email),
                i + 1,
                text(lang, Key::ContactPersons)
            )
        }
        Field::ContactPhone(i) => {
            return format!(
                "{} {} ({})",
                text(lang, Key::Phone),
                i + 1,
                text(lang, Key::ContactPersons)
            )
        }
    };
    text(lang, key).to_owned()
}

pub fn tier_name(lang: Lang, tier: ValueTier) -> &'static str {
    match (lang, tier) {
        (Lang::En, ValueTier::Vip) => "VIP",
        (Lang::En, ValueTier::Major) => "Major",
        (Lang::En, ValueTier::Ordinary) => "Ordinary",
        (Lang::En, ValueTier::Small) => "Small",
        (Lang::Zh, ValueTier::Vip) => "重要客户",
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
        (Lang::Zh, ValueTier::Vip) => "专属客户经理，优先供货与服务，VIP 通道，每 30 天计划联系，年度意见交流会，最快处理投诉，重要日子致贺，以折扣或信用条件回馈忠诚。",
        (Lang::Zh, ValueTier::Major) => "指定联系人，优先处理投诉，每 60 天计划联系，节日礼品，常购奖励。",
        (Lang::Zh, ValueTier::Ordinary) => "有升级潜力的：组合销售、常购奖励、向上销售；无潜力的：使用低成本渠道、减少免费服务。每 120 天联系一次。",
        (Lang::Zh, ValueTier::Small) => "持续观察升级潜力；降低服务成本；不做计划联系。对坏账客户礼貌而坚决地终止合作。",
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
        (Lang::Zh, NeedAttention) => "需要关注",
        (Lang::Zh, AboutToSleep) => "即将沉睡",
        (Lang::Zh, AtRisk) => "流失风险",
        (Lang::Zh, CannotLoseThem) => "不能失去的客户",
        (Lang::Zh, Hibernating) => "沉睡客户",
        (Lang::Zh, Lost) => "已流失",
    }
}

pub fn order_status_name(lang: Lang, status: OrderStatus) -> &'static str {
    match (lang, status) {
        (Lang::En, OrderStatus::Paid) => "Paid",
        (Lang::En, OrderStatus::Shipped) => "Shipped",
        (Lang::En, OrderStatus::Delivered) => "Delivered",
        (Lang::En, OrderStatus::Refunded) => "Refunded",
        (Lang::En, OrderStatus::Cancelled) => "Cancelled",
        (Lang::Zh, OrderStatus::Paid) => "已付款",
        (Lang::Zh, OrderStatus::Shipped) => "已发货",
        (Lang::Zh, OrderStatus::Delivered) => "已送达",
        (Lang::Zh, OrderStatus::Refunded) => "已退款",
        (Lang::Zh, OrderStatus::Cancelled) => "已取消",
    }
}

pub fn cost_kind_name(lang: Lang, kind: CostKind) -> &'static str {
    match (lang, kind) {
        (Lang::En, CostKind::ComplaintHandling) => "Complaint handling",
        (Lang::En, CostKind::ServiceContact) => "Service contact",
        (Lang::En, CostKind::Compensation) => "Compensation",
        (Lang::En, CostKind::Other) => "Other",
        (Lang::Zh, CostKind::ComplaintHandling) => "投诉处理",
        (Lang::Zh, CostKind::ServiceContact) => "服务沟通",
        (Lang::Zh, CostKind::Compensation) => "赔偿",
        (Lang::Zh, CostKind::Other) => "其他",
    }
}

pub fn abc_name(class: AbcClass) -> &'static str {
    match class {
        AbcClass::A => "A",
        AbcClass::B => "B",
        AbcClass::C => "C",
    }
}

pub fn order_field_name(lang: Lang, field: OrderField) -> &'static str {
    use OrderField::*;
    match (lang, field) {
        (Lang::En, OrderNumber) => "Order number",
        (Lang::En, CustomerId) => "Customer ID",
        (Lang::En, OrderDate) => "Order date",
        (Lang::En, Channel) => "Marketplace",
        (Lang::En, Currency) => "Currency",
        (Lang::En, Total) => "Order total",
        (Lang::En, CostOfGoods) => "Cost of goods",
        (Lang::En, ShippingCost) => "Shipping paid by us",
        (Lang::En, Discount) => "Discount",
        (Lang::En, Refunded) => "Refunded",
        (Lang::En, Status) => "Status",
        (Lang::En, CustomerName) => "Customer name",
        (Lang::En, CustomerCountry) => "Customer country",
        (Lang::Zh, OrderNumber) => "订单号",
        (Lang::Zh, CustomerId) => "客户ID",
        (Lang::Zh, OrderDate) => "下单日期",
        (Lang::Zh, Channel) => "平台",
        (Lang::Zh, Currency) => "币种",
        (Lang::Zh, Total) => "订单金额",
        (Lang::Zh, CostOfGoods) => "商品成本",
        (Lang::Zh, ShippingCost) => "我方承担运费",
        (Lang::Zh, Discount) => "折扣",
        (Lang::Zh, Refunded) => "退款",
        (Lang::Zh, Status) => "状态",
        (Lang::Zh, CustomerName) => "客户姓名",
        (Lang::Zh, CustomerCountry) => "客户国家",
    }
}

/// Why an import row was rejected, with what to do about it.
pub fn row_problem_message(lang: Lang, problem: &RowProblem) -> String {
    match (lang, problem) {
        (Lang::En, RowProblem::Missing) => "Empty: this field is required.".into(),
        (Lang::En, RowProblem::BadDate) => {
            "Not a date we can read: use 2024-01-31, 20240131 or 31/01/2024.".into()
        }
        (Lang::En, RowProblem::DateDoesNotExist) => {
            "That date does not exist on the calendar.".into()
        }
        (Lang::En, RowProblem::BadAmount) => {
            "Not an amount: use digits with one decimal separator, e.g. 1234.56.".into()
        }
        (Lang::En, RowProblem::TooManyDecimals { allowed }) => {
            format!("Too many decimals for this currency (at most {allowed}).")
        }
        (Lang::En, RowProblem::NegativeAmount) => {
            "Negative amount: enter refunds in the refund column.".into()
        }
        (Lang::En, RowProblem::UnknownCurrency) => {
            "Unknown currency: use a three-letter code such as EUR.".into()
        }
        (Lang::En, RowProblem::UnknownStatus) => {
            "Unknown status: use paid, shipped, delivered, refunded or cancelled.".into()
        }
        (Lang::En, RowProblem::DuplicateInFile { first_row }) => {
            format!("The same order already appears on line {first_row}.")
        }
        (Lang::Zh, RowProblem::Missing) => "为空：此字段为必填。".into(),
        (Lang::Zh, RowProblem::BadDate) => {
            "无法识别的日期：请使用 2024-01-31、20240131 或 31/01/2024。".into()
        }
        (Lang::Zh, RowProblem::DateDoesNotExist) => "日历上没有这一天。".into(),
        (Lang::Zh, RowProblem::BadAmount) => {
            "不是金额：请使用数字和一个小数点，如 1234.56。".into()
        }
        (Lang::Zh, RowProblem::TooManyDecimals { allowed }) => {
            format!("小数位过多（该币种最多 {allowed} 位）。")
        }
        (Lang::Zh, RowProblem::NegativeAmount) => "金额为负：退款请填在退款列。".into(),
        (Lang::Zh, RowProblem::UnknownCurrency) => {
            "未知币种：请使用三个字母的代码，如 EUR。".into()
        }
        (Lang::Zh, RowProblem::UnknownStatus) => {
            "未知状态：请使用 paid、shipped、delivered、refunded 或 cancelled。".into()
        }
        (Lang::Zh, RowProblem::DuplicateInFile { first_row }) => {
            format!("同一订单已出现在第 {first_row} 行。")
        }
    }
}

/// A message that says what is wrong and what to do about it.
pub fn problem_message(lang: Lang, problem: Problem) -> String {
    match (lang, problem) {
        (Lang::En, Problem::Required) => "This field is required.".into(),
        (Lang::En, Problem::TooLong { max }) => format!("Too long: keep it under {max} characters."),
        (Lang::En, Problem::EmailShape) => "Not an email address: it should look like name@example.com.".into(),
        (Lang::En, Problem::PhoneShape) => "Not a phone number: use digits with an optional leading + (6 to 15 digits), e.g. +34 612 345 678.".into(),
        (Lang::En, Problem::CountryCode) => "Use the two-letter ISO country code, e.g. ES, US, DE.".into(),
        (Lang::En, Problem::LanguageTag) => "Use a language code such as es, fr, pt-BR.".into(),
        (Lang::En, Problem::UnknownTimeZone) => "This browser does not know that time zone. Pick one from the list, e.g. Europe/Madrid.".into(),
        (Lang::En, Problem::DateShape) => "Write the date as YYYY-MM-DD, e.g. 1990-07-24.".into(),
        (Lang::En, Problem::DateDoesNotExist) => "That date does not exist on the calendar; check day and month.".into(),
        (Lang::En, Problem::DateInFuture) => "This date lies in the future.".into(),
        (Lang::En, Problem::YearOutOfRange) => "Enter a year between 1800 and this year.".into(),
        (Lang::En, Problem::WholeNumber) => "Enter a whole number, digits only.".into(),
        (Lang::En, Problem::UnknownChoice) => "Pick one of the offered choices.".into(),
        (Lang::Zh, Problem::Required) => "此项为必填。".into(),
        (Lang::Zh, Problem::TooLong { max }) => format!("内容过长：请少于 {max} 个字符。"),
        (Lang::Zh, Problem::EmailShape) => "邮箱格式不正确，应类似 name@example.com。".into(),
        (Lang::Zh, Problem::PhoneShape) => "电话格式不正确：请使用数字，可带开头的 +（6 至 15 位），如 +34 612 345 678。".into(),
        (Lang::Zh, Problem::CountryCode) => "请使用两位 ISO 国家代码，如 ES、US、DE。".into(),
        (Lang::Zh, Problem::LanguageTag) => "请使用语言代码，如 es、fr、pt-BR。".into(),
        (Lang::Zh, Problem::UnknownTimeZone) => "浏览器无法识别该时区，请从列表中选择，如 Europe/Madrid。".into(),
        (Lang::Zh, Problem::DateShape) => "日期格式应为 YYYY-MM-DD，如 1990-07-24。".into(),
        (Lang::Zh, Problem::DateDoesNotExist) => "日历上没有这一天，请检查月份和日期。".into(),
        (Lang::Zh, Problem::DateInFuture) => "该日期在未来。".into(),
        (Lang::Zh, Problem::YearOutOfRange) => "请输入 1800 年至今年之间的年份。".into(),
        (Lang::Zh, Problem::WholeNumber) => "请输入整数（仅数字）。".into(),
        (Lang::Zh, Problem::UnknownChoice) => "请从给出的选项中选择。".into(),
    }
}

pub fn complaint_state_name(lang: Lang, state: ComplaintState) -> &'static str {
    use ComplaintState as S;
    match (lang, state) {
        (Lang::En, S::Open) => "Open",
        (Lang::En, S::InProgress) => "In progress",
        (Lang::En, S::AwaitingCustomer) => "Awaiting customer",
        (Lang::En, S::Resolved) => "Resolved",
        (Lang::En, S::Closed) => "Closed",
        (Lang::En, S::Reopened) => "Reopened",
        (Lang::Zh, S::Open) => "待处理",
        (Lang::Zh, S::InProgress) => "处理中",
        (Lang::Zh, S::AwaitingCustomer) => "等待客户回复",
        (Lang::Zh, S::Resolved) => "已解决",
        (Lang::Zh, S::Closed) => "已关闭",
        (Lang::Zh, S::Reopened) => "已重新打开",
    }
}

pub fn cause_name(lang: Lang, cause: ComplaintCause) -> &'static str {
    use ComplaintCause as C;
    match (lang, cause) {
        (Lang::En, C::ProductQuality) => "Product quality",
        (Lang::En, C::ServiceAttitude) => "Service attitude",
        (Lang::En, C::Misleading) => "Misleading description",
        (Lang::En, C::Logistics) => "Logistics",
        (Lang::En, C::PriceBilling) => "Price or billing",
        (Lang::En, C::AfterSale) => "After-sale service",
        (Lang::Zh, C::ProductQuality) => "产品质量",
        (Lang::Zh, C::ServiceAttitude) => "服务态度",
        (Lang::Zh, C::Misleading) => "描述误导",
        (Lang::Zh, C::Logistics) => "物流",
        (Lang::Zh, C::PriceBilling) => "价格或账单",
        (Lang::Zh, C::AfterSale) => "售后服务",
    }
}

pub fn temperament_name(lang: Lang, temperament: Temperament) -> &'static str {
    use Temperament as T;
    match (lang, temperament) {
        (Lang::En, T::Emotional) => "Emotional",
        (Lang::En, T::Stubborn) => "Stubborn",
        (Lang::En, T::Prepared) => "Prepared (may go to law)",
        (Lang::Zh, T::Emotional) => "情绪型",
        (Lang::Zh, T::Stubborn) => "固执型",
        (Lang::Zh, T::Prepared) => "有备型（可能诉诸法律）",
    }
}

/// The stance the complaint chapter recommends for each difficult customer type.
pub fn stance_text(lang: Lang, temperament: Temperament) -> &'static str {
    use Temperament as T;
    match (lang, temperament) {
        (Lang::En, T::Emotional) => "Stay calm and let them vent without interrupting. Acknowledge the feeling, promise a solution that will satisfy them, and stay polite but keep to the rules.",
        (Lang::En, T::Stubborn) => "Show that you understand their view, then explain the solution on offer patiently and more than once if needed; do not argue.",
        (Lang::En, T::Prepared) => "Choose every word with care and put no loose promise in writing. Be confident about the facts and show sincerity in fixing the problem.",
        (Lang::Zh, T::Emotional) => "保持冷静，让客户充分发泄，不要打断。认同其感受，承诺给出令其满意的解决方案，礼貌但坚持原则。",
        (Lang::Zh, T::Stubborn) => "先表示理解客户的看法，再耐心解释所提供的方案，必要时反复说明，不要争辩。",
        (Lang::Zh, T::Prepared) => "措辞谨慎，不要随意做出书面承诺。对事实要有信心，并表现出解决问题的诚意。",
    }
}

pub fn validity_name(lang: Lang, validity: Validity) -> &'static str {
    match (lang, validity) {
        (Lang::En, Validity::Valid) => "Valid",
        (Lang::En, Validity::Partly) => "Partly valid",
        (Lang::En, Validity::NotValid) => "Not valid",
        (Lang::Zh, Validity::Valid) => "成立",
        (Lang::Zh, Validity::Partly) => "部分成立",
        (Lang::Zh, Validity::NotValid) => "不成立",
    }
}

pub fn remedy_name(lang: Lang, remedy: RemedyKind) -> &'static str {
    use RemedyKind as R;
    match (lang, remedy) {
        (Lang::En, R::Refund) => "Refund",
        (Lang::En, R::PartialRefund) => "Partial refund",
        (Lang::En, R::Replacement) => "Replacement",
        (Lang::En, R::Resend) => "Resend",
        (Lang::En, R::Repair) => "Repair",
        (Lang::En, R::Coupon) => "Coupon or discount",
        (Lang::En, R::Apology) => "Apology",
        (Lang::En, R::Compensation) => "Compensation",
        (Lang::Zh, R::Refund) => "退款",
        (Lang::Zh, R::PartialRefund) => "部分退款",
        (Lang::Zh, R::Replacement) => "换货",
        (Lang::Zh, R::Resend) => "补发",
        (Lang::Zh, R::Repair) => "维修",
        (Lang::Zh, R::Coupon) => "优惠券或折扣",
        (Lang::Zh, R::Apology) => "道歉",
        (Lang::Zh, R::Compensation) => "赔偿",
    }
}

pub fn step_name(lang: Lang, step: WizardStep) -> &'static str {
    use WizardStep as W;
    match (lang, step) {
        (Lang::En, W::Listen) => "Listen",
        (Lang::En, W::Record) => "Record and judge",
        (Lang::En, W::Remedy) => "Remedy",
        (Lang::En, W::FollowUp) => "Follow up",
        (Lang::Zh, W::Listen) => "倾听",
        (Lang::Zh, W::Record) => "记录与判断",
        (Lang::Zh, W::Remedy) => "提出补救",
        (Lang::Zh, W::FollowUp) => "跟踪回访",
    }
}

pub fn step_problem_message(lang: Lang, problem: StepProblem) -> String {
    use StepProblem as P;
    match (lang, problem) {
        (Lang::En, P::Required) => "Required.".into(),
        (Lang::En, P::TooLong { max }) => format!("Too long: at most {max} characters."),
        (Lang::En, P::DateShape) => "Use a date like 2026-11-24.".into(),
        (Lang::En, P::DateInFuture) => "This date is in the future.".into(),
        (Lang::En, P::PurchaseAfterIncident) => {
            "The purchase date is after the date it happened: check both.".into()
        }
        (Lang::En, P::AmountShape) => "Enter an amount like 12.50 or 12,50.".into(),
        (Lang::En, P::AmountNotPositive) => "Enter an amount above zero.".into(),
        (Lang::En, P::CurrencyCode) => {
            "Use a three-letter currency code, e.g. EUR, USD, JPY.".into()
        }
        (Lang::En, P::AmountNotAllowed) => {
            "This remedy has no amount: clear the amount or choose another remedy.".into()
        }
        (Lang::En, P::DateTimeShape) => "Pick a date and time.".into(),
        (Lang::En, P::SatisfactionRange) => {
            "Choose 1 (very dissatisfied) to 5 (very satisfied).".into()
        }
        (Lang::En, P::UnknownChoice) => "Choose one of the options.".into(),
        (Lang::Zh, P::Required) => "必填。".into(),
        (Lang::Zh, P::TooLong { max }) => format!("太长：最多 {max} 个字符。"),
        (Lang::Zh, P::DateShape) => "日期格式应为 2026-11-24。".into(),
        (Lang::Zh, P::DateInFuture) => "该日期在未来。".into(),
        (Lang::Zh, P::PurchaseAfterIncident) => "购买日期晚于发生日期：请检查两者。".into(),
        (Lang::Zh, P::AmountShape) => "请输入金额，如 12.50 或 12,50。".into(),
        (Lang::Zh, P::AmountNotPositive) => "请输入大于零的金额。".into(),
        (Lang::Zh, P::CurrencyCode) => "请使用三位币种代码，如 EUR、USD、JPY。".into(),
        (Lang::Zh, P::AmountNotAllowed) => "该补救措施没有金额：请清空金额或选择其他措施。".into(),
        (Lang::Zh, P::DateTimeShape) => "请选择日期和时间。".into(),
        (Lang::Zh, P::SatisfactionRange) => "请选择 1（非常不满意）至 5（非常满意）。".into(),
        (Lang::Zh, P::UnknownChoice) => "请从给出的选项中选择。".into(),
    }
}

pub fn complaint_error_message(lang: Lang, error: &ComplaintError) -> String {
    match (lang, error) {
        (Lang::En, ComplaintError::IllegalMove { from, to }) => format!(
            "A complaint that is \"{}\" cannot become \"{}\".",
            complaint_state_name(lang, *from),
            complaint_state_name(lang, *to)
        ),
        (Lang::En, ComplaintError::StepsIncomplete) => {
            "Finish the steps up to the remedy before resolving.".into()
        }
        (Lang::En, ComplaintError::OutcomeMissing) => {
            "Write down the outcome before resolving.".into()
        }
        (Lang::Zh, ComplaintError::IllegalMove { from, to }) => format!(
            "处于“{}”的投诉不能改为“{}”。",
            complaint_state_name(lang, *from),
            complaint_state_name(lang, *to)
        ),
        (Lang::Zh, ComplaintError::StepsIncomplete) => {
            "请先完成补救措施之前的步骤，再结案。".into()
        }
        (Lang::Zh, ComplaintError::OutcomeMissing) => "结案前请填写处理结果。".into(),
    }
}

pub fn channel_name(lang: Lang, channel: ContactChannel) -> &'static str {
    use ContactChannel as C;
    match (lang, channel) {
        (Lang::En, C::Email) => "Email",
        (Lang::En, C::Phone) => "Phone",
        (Lang::En, C::Sms) => "SMS",
        (Lang::En, C::PlatformMessage) => "Platform message",
        (Lang::En, C::Chat) => "Chat (WhatsApp, WeChat…)",
        (Lang::En, C::Letter) => "Letter or card",
        (Lang::En, C::Visit) => "Visit",
        (Lang::En, C::Gift) => "Gift",
        (Lang::En, C::Other) => "Other",
        (Lang::Zh, C::Email) => "邮件",
        (Lang::Zh, C::Phone) => "电话",
        (Lang::Zh, C::Sms) => "短信",
        (Lang::Zh, C::PlatformMessage) => "平台消息",
        (Lang::Zh, C::Chat) => "聊天（WhatsApp、微信…）",
        (Lang::Zh, C::Letter) => "信件或贺卡",
        (Lang::Zh, C::Visit) => "拜访",
        (Lang::Zh, C::Gift) => "礼品",
        (Lang::Zh, C::Other) => "其他",
    }
}

pub fn direction_name(lang: Lang, direction: Direction) -> &'static str {
    match (lang, direction) {
        (Lang::En, Direction::Inbound) => "From the customer",
        (Lang::En, Direction::Outbound) => "To the customer",
        (Lang::Zh, Direction::Inbound) => "客户来访",
        (Lang::Zh, Direction::Outbound) => "主动联系",
    }
}

pub fn bucket_name(lang: Lang, bucket: FollowUpBucket) -> &'static str {
    use FollowUpBucket as B;
    match (lang, bucket) {
        (Lang::En, B::Overdue) => "Overdue",
        (Lang::En, B::Today) => "Due today",
        (Lang::En, B::ThisWeek) => "This week",
        (Lang::En, B::Later) => "Later",
        (Lang::En, B::Done) => "Done",
        (Lang::Zh, B::Overdue) => "已逾期",
        (Lang::Zh, B::Today) => "今天到期",
        (Lang::Zh, B::ThisWeek) => "本周",
        (Lang::Zh, B::Later) => "以后",
        (Lang::Zh, B::Done) => "已完成",
    }
}

pub fn timeline_kind_name(lang: Lang, kind: TimelineKind) -> &'static str {
    use TimelineKind as K;
    match (lang, kind) {
        (Lang::En, K::Contact) => "Contact",
        (Lang::En, K::Complaint) => "Complaint",
        (Lang::En, K::StageChange) => "Stage change",
        (Lang::En, K::Order) => "Order",
        (Lang::En, K::FollowUp) => "Follow-up",
        (Lang::Zh, K::Contact) => "联系",
        (Lang::Zh, K::Complaint) => "投诉",
        (Lang::Zh, K::StageChange) => "阶段变更",
        (Lang::Zh, K::Order) => "订单",
        (Lang::Zh, K::FollowUp) => "跟进",
    }
}

pub fn contact_problem_message(lang: Lang, problem: ContactProblem) -> String {
    use ContactProblem as P;
    match (lang, problem) {
        (Lang::En, P::Required) => "Required.".into(),
        (Lang::En, P::TooLong { max }) => format!("Too long: at most {max} characters."),
        (Lang::En, P::UnknownChoice) => "Choose one of the options.".into(),
        (Lang::En, P::DateTimeShape) => "Pick a date and time.".into(),
        (Lang::En, P::InFuture) => {
            "A logged contact cannot be in the future; plan a follow-up instead.".into()
        }
        (Lang::En, P::DurationRange) => "Enter whole minutes from 5 to 480.".into(),
        (Lang::Zh, P::Required) => "必填。".into(),
        (Lang::Zh, P::TooLong { max }) => format!("太长：最多 {max} 个字符。"),
        (Lang::Zh, P::UnknownChoice) => "请从给出的选项中选择。".into(),
        (Lang::Zh, P::DateTimeShape) => "请选择日期和时间。".into(),
        (Lang::Zh, P::InFuture) => "已发生的联系不能在未来；请改为安排跟进。".into(),
        (Lang::Zh, P::DurationRange) => "请输入 5 至 480 的整数分钟。".into(),
    }
}

/// A span of time in the largest two units that matter: "2 d 3 h", "3 h 05 min", "12 min".
/// Negative spans are shown by their size (callers say "overdue by").
pub fn duration_text(lang: Lang, span: chrono::Duration) -> String {
    let minutes = span.num_minutes().unsigned_abs();
    let (days, hours, mins) = (minutes / 1440, (minutes % 1440) / 60, minutes % 60);
    let (d, h, m) = match lang {
        Lang::En => ("d", "h", "min"),
        Lang::Zh => ("天", "小时", "分钟"),
    };
    if days > 0 && hours == 0 {
        format!("{days} {d}")
    } else if days > 0 {
        format!("{days} {d} {hours} {h}")
    } else if hours > 0 {
        format!("{hours} {h} {mins:02} {m}")
    } else {
        format!("{mins} {m}")
    }
}

/// Why a stage move was refused, naming both stages, and what to do instead.
pub fn stage_move_error_message(lang: Lang, error: &StageMoveError) -> String {
    match (lang, error) {
        (_, StageMoveError::MissingReason) => text(lang, Key::ReasonRequired).to_owned(),
        (Lang::En, StageMoveError::NotAllowed { from, to }) => format!(
            "A customer cannot move from “{}” to “{}”. Choose one of the moves offered.",
            stage_name(lang, *from),
            stage_name(lang, *to)
        ),
        (Lang::Zh, StageMoveError::NotAllowed { from, to }) => format!(
            "客户不能从“{}”变更为“{}”。请选择列出的可用变更。",
            stage_name(lang, *from),
            stage_name(lang, *to)
        ),
    }
}

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
        (Lang::Zh, E::NewerFormat { found, supported }) => format!("该备份由更新版本的应用生成（格式 {found}，本应用最多支持 {supported}）。请在联网时重新加载以更新应用后再恢复。"),
        (Lang::Zh, E::NewerSchema { found, supported }) => format!("该备份来自更新的数据库版本（{found}，本应用最多支持 {supported}）。请在联网时重新加载以更新应用后再恢复。"),
        (Lang::Zh, E::ChecksumMismatch) => "该备份已损坏或不完整（校验和不符），未恢复任何内容。请使用该文件的其他副本。".into(),
        (Lang::Zh, E::BadRecord { store, index, problem, .. }) => format!("无法恢复该备份：“{store}”中的第 {} 条记录无法读取（{}）。未做任何更改。请使用用“导出完整备份”生成且未经修改的其他备份副本。", index + 1, record_problem_text(lang, problem)),
        (Lang::Zh, E::DuplicateId { store, id }) => format!("无法恢复该备份：“{store}”中有两条 id 为 {id} 的记录。未做任何更改。请使用该备份的其他副本。"),
        (Lang::Zh, E::Serialise(_)) => "无法写入备份。请重新加载本应用后再导出一次。".into(),
    }
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
        (Lang::Zh, R::UnknownStore { name }) => (format!("其中有本应用不认识的部分“{name}”"), "请在联网时重新加载以更新应用，或选择本应用生成的备份。"),
        (Lang::Zh, R::StoreNotAList { store }) => (format!("其中“{store}”部分不是记录列表"), "请使用未经修改的备份副本。"),
        (Lang::Zh, R::StoreMissing { store }) => (format!("缺少“{store}”部分"), "请使用未经修改的备份副本。"),
        (Lang::Zh, R::StoreNewerThanBackup { store, schema_version }) => (format!("其中“{store}”有记录，而版本 {schema_version} 的数据库没有这一部分"), "请使用未经修改的备份副本。"),
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
        (Lang::Zh, P::NotAnObject) => "它不是一条记录".into(),
        (Lang::Zh, P::MissingField(field)) => format!("字段“{field}”缺失或无法使用"),
        (Lang::Zh, P::WrongType) => "某个字段的值类型不对，例如应为数字处却是文字".into(),
        (Lang::Zh, P::UnknownChoice) => "某个字段的选项本应用不认识".into(),
        (Lang::Zh, P::InvalidValue) => "某个字段的值不被允许".into(),
        (Lang::Zh, P::SettingNotJson) => "某项设置保存的值无法读取".into(),
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

fn megabytes(bytes: u64) -> String {
    // One decimal, rounded up, so a file just over the limit never reads as equal.
    let tenths = bytes.saturating_mul(10).div_ceil(1024 * 1024);
    format!("{}.{}", tenths / 10, tenths % 10)
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
        (Lang::Zh, P::CountryNotMapped) => "请选择国家所在的列。".into(),
        (Lang::Zh, P::ColumnUsedTwice(c)) => format!("第 {} 列被选给了两个字段。", c + 1),
        (Lang::Zh, P::ColumnOutOfRange(c)) => format!("文件中没有第 {} 列。", c + 1),
        (Lang::Zh, P::FieldMappedTwice(f)) => {
            format!("“{}”被对应了两次。", customer_column_name(lang, *f))
        }
    }
}

/// One reason a customer row is rejected, naming the field and what to do.
pub fn row_issue_message(lang: Lang, issue: &RowIssue) -> String {
    match (lang, issue) {
        (_, RowIssue::Field(e)) => format!(
            "{}: {}",
            field_label(lang, e.field),
            problem_message(lang, e.problem)
        ),
        (Lang::En, RowIssue::UnknownKind(cell)) => {
            format!("Kind: “{cell}” is neither individual nor company.")
        }
        (Lang::En, RowIssue::DuplicateInFile { first_row }) => {
            format!("Same email or phone as row {first_row} of this file.")
        }
        (Lang::Zh, RowIssue::UnknownKind(cell)) => {
            format!("客户类型：“{cell}”既不是个人也不是公司。")
        }
        (Lang::Zh, RowIssue::DuplicateInFile { first_row }) => {
            format!("与本文件第 {first_row} 行的邮箱或电话相同。")
        }
    }
}

/// Checks shared by the message tests of every layer.
#[cfg(test)]
pub mod test_support {
    use super::Lang;

    /// Runs of three or more ASCII letters that are not in `allowed` (ids, store
    /// names, currency codes, exception names: data the rep may need to quote). In a
    /// Chinese message anything else is untranslated English.
    pub fn foreign_words(message: &str, allowed: &[&str]) -> Vec<String> {
        let has_letter_run = |word: &str| {
            word.split(|c: char| !c.is_ascii_alphabetic())
                .any(|run| run.len() >= 3)
        };
        message
            .split(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
            .filter(|word| has_letter_run(word) && !allowed.contains(word))
            .map(str::to_owned)
            .collect()
    }

    /// The message is a finished sentence whose last sentence tells the rep what to
    /// do: in Chinese it asks (请…), in English it starts with an imperative verb.
    pub fn ends_with_next_step(lang: Lang, message: &str) -> bool {
        const VERBS: &[&str] = &[
            "Choose", "Use", "Update", "Reload", "Try", "Copy", "Enter", "Type", "Raise", "Lower",
            "Go", "Close", "Free", "Check", "Open", "Restore", "Allow", "Give", "Correct",
        ];
        let message = message.trim();
        match lang {
            Lang::Zh => {
                let body = message.split("（技术信息").next().unwrap_or(message);
                let body = body.trim_end_matches(['。', '）', ')']);
                let last = body.rsplit(['。']).next().unwrap_or(body);
                message.ends_with(['。', '）']) && last.contains('请')
            }
            Lang::En => {
                let body = message.trim_end_matches(['.', ')']);
                // The last sentence, or the one before a trailing "(Technical detail: …)".
                let body = body.split(" (Technical detail").next().unwrap_or(body);
                let last = body.rsplit(". ").next().unwrap_or(body);
                let starts_with_verb = |clause: &str| {
                    let clause = clause.trim_start().to_lowercase();
                    VERBS
                        .iter()
                        .any(|verb| clause.starts_with(&verb.to_lowercase()))
                };
                message.ends_with(['.', ')']) && last.split([':', ';']).any(starts_with_verb)
            }
        }
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn lang_codes_round_trip_and_serde_uses_the_variant_name() {
        for lang in Lang::ALL {
            assert_eq!(Lang::from_code(lang.code()), Some(lang));
        }
        // Pinned as it is today. The stored preference uses the code (web/prefs.rs).
        assert_eq!(serde_json::to_string(&Lang::Zh).unwrap(), "\"Zh\"");
        assert_eq!(Lang::Zh.code(), "zh-CN");
        assert_eq!(Lang::ALL, [Lang::En, Lang::Zh]);
    }

    use super::*;

    use super::test_support::{ends_with_next_step, foreign_words};
    use crate::domain::exchange::backup::{BackupError, FilePart, NotABackupReason, RecordProblem};
    use crate::domain::orders::CurrencyCode;
    use crate::domain::value::{RateProblem, SharesProblem, ValueError};

    /// Store names, field names and ids are data the rep may need to quote.
    const BACKUP_DATA: &[&str] = &["orders", "follow_ups", "notes", "total", "abc"];

    fn every_backup_error() -> Vec<BackupError> {
        use NotABackupReason as R;
        let parts = [
            FilePart::FormatVersion,
            FilePart::SchemaVersion,
            FilePart::ExportedAt,
            FilePart::Checksum,
            FilePart::Data,
        ];
        let mut reasons = vec![
            R::NotJson { line: 1, column: 2 },
            R::CutOff,
            R::NotAnObject,
            R::NoFormatMarker,
            R::DataUncheckable,
            R::UnknownStore {
                name: "notes".into(),
            },
            R::StoreNotAList {
                store: "orders".into(),
            },
            R::StoreMissing {
                store: "orders".into(),
            },
            R::StoreNewerThanBackup {
                store: "follow_ups".into(),
                schema_version: 3,
            },
        ];
        reasons.extend(parts.map(R::Missing));
        reasons.extend(parts.map(R::Malformed));
        let mut errors: Vec<BackupError> =
            reasons.into_iter().map(BackupError::NotABackup).collect();
        for problem in [
            RecordProblem::NotAnObject,
            RecordProblem::MissingField("total".into()),
            RecordProblem::WrongType,
            RecordProblem::UnknownChoice,
            RecordProblem::InvalidValue,
            RecordProblem::SettingNotJson,
        ] {
            errors.push(BackupError::BadRecord {
                store: "orders".into(),
                index: 4,
                problem,
                detail: "invalid type: string \"abc\", expected u32".into(),
            });
        }
        errors.extend([
            BackupError::NewerFormat {
                found: 2,
                supported: 1,
            },
            BackupError::NewerSchema {
                found: 5,
                supported: 4,
            },
            BackupError::ChecksumMismatch,
            BackupError::DuplicateId {
                store: "orders".into(),
                id: "abc".into(),
            },
            BackupError::Serialise("key must be a string".into()),
        ]);
        errors
    }

    #[test]
    fn chinese_backup_messages_carry_no_english_text() {
        for error in every_backup_error() {
            let zh = backup_error_message(Lang::Zh, &error);
            assert_eq!(
                foreign_words(&zh, BACKUP_DATA),
                Vec::<String>::new(),
                "{error:?}: {zh}"
            );
        }
        // The parser's own words never reach the rep, in either language.
        let not_json = BackupError::NotABackup(NotABackupReason::NotJson { line: 1, column: 2 });
        for lang in [Lang::En, Lang::Zh] {
            let message = backup_error_message(lang, &not_json);
            assert!(
                !message.contains("JSON (") && !message.contains("not valid"),
                "{message}"
            );
        }
    }

    #[test]
    fn every_backup_message_ends_with_a_next_step() {
        for error in every_backup_error() {
            for lang in [Lang::En, Lang::Zh] {
                let message = backup_error_message(lang, &error);
                assert!(
                    ends_with_next_step(lang, &message),
                    "{lang:?} {error:?}: {message}"
                );
                assert!(!message.contains("expected u32"), "{message}");
            }
        }
    }

    #[test]
    fn bad_record_counts_from_one_in_both_languages() {
        let error = BackupError::BadRecord {
            store: "orders".into(),
            index: 4,
            problem: RecordProblem::MissingField("total".into()),
            detail: String::new(),
        };
        assert!(backup_error_message(Lang::En, &error).contains("record 5 in “orders”"));
        assert!(backup_error_message(Lang::Zh, &error).contains("第 5 条记录"));
        assert!(backup_error_message(Lang::Zh, &error).contains("“total”"));
    }

    #[test]
    fn refused_stage_moves_name_both_stages_in_the_ui_language() {
        let error = StageMoveError::NotAllowed {
            from: RelationshipStage::Potential,
            to: RelationshipStage::Loyal,
        };
        let zh = stage_move_error_message(Lang::Zh, &error);
        assert_eq!(foreign_words(&zh, &[]), Vec::<String>::new(), "{zh}");
        assert!(
            zh.contains(stage_name(Lang::Zh, RelationshipStage::Loyal)),
            "{zh}"
        );
        for lang in [Lang::En, Lang::Zh] {
            for error in [error.clone(), StageMoveError::MissingReason] {
                let message = stage_move_error_message(lang, &error);
                assert!(ends_with_next_step(lang, &message), "{lang:?}: {message}");
            }
        }
    }

    fn every_value_error() -> Vec<ValueError> {
        let mut errors = vec![
            ValueError::MissingRate(CurrencyCode::parse("EUR").expect("code")),
            ValueError::Overflow,
        ];
        errors.extend(
            [
                RateProblem::Empty,
                RateProblem::NotPositive,
                RateProblem::NotPlainDecimal,
                RateProblem::TooManyFractionDigits { max: 12 },
                RateProblem::TooManyDigits,
            ]
            .map(ValueError::BadRate),
        );
        errors.extend(
            [
                SharesProblem::VipBelowOne,
                SharesProblem::TierSharesOver100 { sum: 110 },
                SharesProblem::AThresholdBelowOne,
                SharesProblem::AThresholdNotBelowB { a: 60, b: 50 },
                SharesProblem::BThresholdOver100 { b: 101 },
            ]
            .map(ValueError::BadShares),
        );
        errors
    }

    #[test]
    fn value_messages_are_translated_and_say_what_to_do() {
        for error in every_value_error() {
            let zh = value_error_message(Lang::Zh, &error);
            assert_eq!(
                foreign_words(&zh, &["EUR"]),
                Vec::<String>::new(),
                "{error:?}: {zh}"
            );
            for lang in [Lang::En, Lang::Zh] {
                let message = value_error_message(lang, &error);
                assert!(
                    ends_with_next_step(lang, &message),
                    "{lang:?} {error:?}: {message}"
                );
            }
        }
        let over = ValueError::BadShares(SharesProblem::AThresholdNotBelowB { a: 60, b: 50 });
        assert!(value_error_message(Lang::Zh, &over).contains("（60%）"));
    }

    #[test]
    fn browser_language_picks_chinese_only_for_zh() {
        assert_eq!(Lang::from_browser_tag("zh-CN"), Lang::Zh);
        assert_eq!(Lang::from_browser_tag("ZH-tw"), Lang::Zh);
        assert_eq!(Lang::from_browser_tag("en-GB"), Lang::En);
        assert_eq!(Lang::from_browser_tag("de"), Lang::En);
        assert_eq!(Lang::from_browser_tag(""), Lang::En);
    }

    #[test]
    fn every_key_has_distinct_non_empty_texts_in_both_languages() {
        for &key in Key::ALL {
            let en = text(Lang::En, key);
            let zh = text(Lang::Zh, key);
            assert!(!en.trim().is_empty() && !zh.trim().is_empty(), "{key:?}");
            assert_ne!(en, zh, "{key:?} is not translated");
        }
    }

    #[test]
    fn chinese_texts_are_actually_chinese() {
        let has_han = |s: &str| s.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c));
        for &key in Key::ALL {
            if key == Key::LanguageSwitch {
                continue; // names the *other* language
            }
            assert!(has_han(text(Lang::Zh, key)), "{key:?}");
        }
        for stage in RelationshipStage::ALL {
            assert!(has_han(stage_name(Lang::Zh, stage)));
        }
        for source in LeadSource::ALL {
            assert!(has_han(lead_source_name(Lang::Zh, source)));
        }
    }

    #[test]
    fn durations_show_the_two_largest_units() {
        use chrono::Duration;
        assert_eq!(duration_text(Lang::En, Duration::minutes(12)), "12 min");
        assert_eq!(
            duration_text(Lang::En, Duration::minutes(185)),
            "3 h 05 min"
        );
        assert_eq!(
            duration_text(Lang::En, Duration::minutes(3 * 1440 + 125)),
            "3 d 2 h"
        );
        assert_eq!(
            duration_text(Lang::En, Duration::minutes(-90)),
            "1 h 30 min"
        );
        assert_eq!(
            duration_text(Lang::Zh, Duration::minutes(61)),
            "1 小时 01 分钟"
        );
    }

    #[test]
    fn file_messages_name_the_line_and_limit_in_both_languages() {
        assert_eq!(grouped(0), "0");
        assert_eq!(grouped(999), "999");
        assert_eq!(grouped(200_001), "200,001");
        assert_eq!(grouped(1_234_567), "1,234,567");
        let wide = FileError::TooManyColumns {
            line: 1,
            found: 200_001,
            limit: 500,
        };
        assert!(csv_file_error_message(Lang::En, &wide)
            .contains("Line 1 has 200,001 columns; at most 500"));
        assert!(csv_file_error_message(Lang::Zh, &wide)
            .contains("第 1 行有 200,001 列，最多可读取 500 列"));
        let big = TextFileError::TooLarge {
            bytes: 300 * 1024 * 1024 + 1,
            limit: 200 * 1024 * 1024,
        };
        assert!(text_file_error_message(Lang::En, &big).contains("300.1 MB; files up to 200.0 MB"));
        let xlsx = TextFileError::NotText(BinaryKind::ZipOrXlsx);
        assert!(text_file_error_message(Lang::En, &xlsx).contains("save it as CSV"));
        assert!(text_file_error_message(Lang::Zh, &xlsx).contains("另存为 CSV"));
        // Chinese messages carry no English words besides format names.
        let errors = [
            FileError::Empty,
            FileError::NoRows,
            FileError::Csv { line: 3 },
            wide,
            FileError::RowTooLong {
                line: 2,
                bytes: 300_000,
                limit: 262_144,
            },
        ];
        for e in &errors {
            let zh = csv_file_error_message(Lang::Zh, e);
            let english = zh
                .split(|c: char| !c.is_ascii_alphabetic())
                .filter(|w| w.len() > 3)
                .collect::<Vec<_>>();
            assert!(english.is_empty(), "{zh}");
            assert_ne!(zh, csv_file_error_message(Lang::En, e));
        }
    }

    #[test]
    fn service_names_are_distinct_and_chinese_is_chinese() {
        let has_han = |s: &str| s.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c));
        let mut seen = std::collections::HashSet::new();
        for state in ComplaintState::ALL {
            assert!(has_han(complaint_state_name(Lang::Zh, state)));
            assert!(seen.insert(complaint_state_name(Lang::En, state)));
        }
        for cause in ComplaintCause::ALL {
            assert!(has_han(cause_name(Lang::Zh, cause)));
            assert!(seen.insert(cause_name(Lang::En, cause)));
        }
        for remedy in RemedyKind::ALL {
            assert!(has_han(remedy_name(Lang::Zh, remedy)));
            assert!(seen.insert(remedy_name(Lang::En, remedy)));
        }
        for t in Temperament::ALL {
            assert_ne!(stance_text(Lang::En, t), stance_text(Lang::Zh, t));
        }
        for c in ContactChannel::ALL {
            assert!(has_han(channel_name(Lang::Zh, c)));
        }
    }
}
