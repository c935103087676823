//! Customers CSV import (客户导入): a rep uploads a customer list (a spreadsheet, a
//! marketplace or another CRM's export, or our own export), maps its columns to our
//! fields, previews every rejected row and every likely duplicate, decides what to do
//! with each duplicate, then imports.
//!
//! Parsing is shared with the orders import ([`parse_csv`](crate::domain::shared::csv::parse_csv));
//! a mapping can be remembered per [`header_signature`](crate::domain::shared::csv::header_signature).
//! Each row goes through the same [`validate_draft`] as the customer form, so an
//! imported record obeys exactly the rules of a typed one.
//!
//! Row numbers are spreadsheet rows: the header is row 1, the first data row is row 2.

use std::collections::{BTreeMap, HashMap};

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::domain::customers::fold_for_matching;
use crate::domain::customers::RelationshipStage;
use crate::domain::customers::{validate_draft, CustomerDraft, FieldError, TimeZoneCheck};
use crate::domain::customers::{Customer, CustomerId, CustomerKind, LeadSource, Profile};
use crate::domain::shared::csv::{match_header_aliases, ParsedFile};

// ---------------------------------------------------------------------------
// Fields and mapping
// ---------------------------------------------------------------------------

coded_enum! {
    /// Customer fields a CSV column can fill.
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
    #[serde(rename_all = "snake_case")]
    pub enum CustomerColumn {
        Name = "name",
        /// "individual"/"company", "个人"/"公司"/"企业"…; an empty cell means individual.
        Kind = "kind",
        Email = "email",
        Phone = "phone",
        Messaging = "messaging",
        Country = "country",
        Language = "language",
        TimeZone = "time_zone",
        Address = "address",
        Tags = "tags",
        Notes = "notes",
        LeadSource = "lead_source",
        Stage = "stage",
    }
}

impl CustomerColumn {
    /// Fields every customer needs, so a file without them cannot be imported.
    pub fn is_required(self) -> bool {
        matches!(self, Self::Name | Self::Country)
    }

    /// Position in [`Self::ALL`] (the declaration order).
    fn index(self) -> usize {
        self as usize
    }
}

/// Which file column feeds each of our fields. Serializable: the UI remembers it per
/// header signature.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CustomerMapping {
    /// column index (0-based) for each field that is mapped
    pub columns: Vec<(CustomerColumn, usize)>,
}

impl CustomerMapping {
    /// The column feeding `field`. A hand-edited or remembered mapping may list a
    /// field twice (reported by [`customer_mapping_problems`]); the first entry counts.
    pub fn column(&self, field: CustomerColumn) -> Option<usize> {
        self.columns
            .iter()
            .find(|(mapped, _)| *mapped == field)
            .map(|&(_, column)| column)
    }

    /// Points `field` at `column`, or unmaps it with `None` (what a mapping
    /// drop-down does). Entries stay in field order so equal mappings compare equal.
    pub fn set(&mut self, field: CustomerColumn, column: Option<usize>) {
        self.columns.retain(|(mapped, _)| *mapped != field);
        if let Some(column) = column {
            self.columns.push((field, column));
            self.columns.sort_by_key(|(mapped, _)| mapped.index());
        }
    }
}

/// Why a mapping cannot produce a meaningful preview yet.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CustomerMappingProblem {
    NameNotMapped,
    CountryNotMapped,
    /// The same file column feeds two of our fields.
    ColumnUsedTwice(usize),
    /// The mapping points past the file's last column (a remembered mapping applied
    /// to a narrower file).
    ColumnOutOfRange(usize),
    /// One of our fields is listed twice; only the first column would be read.
    FieldMappedTwice(CustomerColumn),
}

/// What is wrong with a mapping, in a stable order: unmapped required fields,
/// columns out of range, columns used twice, fields mapped twice.
pub fn customer_mapping_problems(
    m: &CustomerMapping,
    column_count: usize,
) -> Vec<CustomerMappingProblem> {
    let mut problems = Vec::new();
    if m.column(CustomerColumn::Name).is_none() {
        problems.push(CustomerMappingProblem::NameNotMapped);
    }
    if m.column(CustomerColumn::Country).is_none() {
        problems.push(CustomerMappingProblem::CountryNotMapped);
    }
    let mut fields_per_column: BTreeMap<usize, Vec<CustomerColumn>> = BTreeMap::new();
    let mut entries_per_field = [0usize; CustomerColumn::ALL.len()];
    for &(field, column) in &m.columns {
        let fields = fields_per_column.entry(column).or_default();
        if !fields.contains(&field) {
            fields.push(field);
        }
        entries_per_field[field.index()] += 1;
    }
    for &column in fields_per_column.keys() {
        if column >= column_count {
            problems.push(CustomerMappingProblem::ColumnOutOfRange(column));
        }
    }
    for (&column, fields) in &fields_per_column {
        if fields.len() > 1 {
            problems.push(CustomerMappingProblem::ColumnUsedTwice(column));
        }
    }
    for field in CustomerColumn::ALL {
        if entries_per_field[field.index()] > 1 {
            problems.push(CustomerMappingProblem::FieldMappedTwice(field));
        }
    }
    problems
}

// ---------------------------------------------------------------------------
// Guessing a mapping
// ---------------------------------------------------------------------------

/// Header names per field, normalised (see [`normalize`]), best first. A leading `=`
/// means "whole header only": too generic to be searched for inside longer headers.
/// Bare "status"/"状态" is deliberately absent: in customer lists it usually means
/// active/inactive, which would reject every row as an unknown stage.
const ALIASES: [(CustomerColumn, &[&str]); 13] = [
    (
        CustomerColumn::Name,
        &[
            "=name",
            "fullname",
            "customername",
            "=customer",
            "clientname",
            "=client",
            "buyername",
            "=buyer",
            "companyname",
            "姓名",
            "客户名称",
            "客户姓名",
            "=名称",
            "=名字",
            "=客户",
            "买家姓名",
            "买家名称",
            "公司名称",
        ],
    ),
    (
        CustomerColumn::Kind,
        &[
            "=kind",
            "=type",
            "customerkind",
            "customertype",
            "clienttype",
            "类型",
            "客户类型",
            "客户类别",
            "=类别",
        ],
    ),
    (
        CustomerColumn::Email,
        &[
            "email",
            "emailaddress",
            "=mail",
            "=emails",
            "邮箱",
            "电子邮件",
            "电子邮箱",
            "邮件",
            "邮箱地址",
            "邮件地址",
        ],
    ),
    (
        CustomerColumn::Phone,
        &[
            "phone",
            "telephone",
            "=tel",
            "mobile",
            "=cell",
            "cellphone",
            "phonenumber",
            "contactnumber",
            "电话",
            "手机",
            "手机号",
            "联系电话",
            "电话号码",
            "手机号码",
        ],
    ),
    (
        CustomerColumn::Messaging,
        &[
            "messaging",
            "messenger",
            "whatsapp",
            "wechat",
            "telegram",
            "=skype",
            "=line",
            "=im",
            "=chat",
            "微信",
            "即时通讯",
            "聊天账号",
            "社交账号",
            "=旺旺",
        ],
    ),
    (
        CustomerColumn::Country,
        &[
            "country",
            "=nation",
            "国家",
            "国家地区",
            "国家代码",
            "=国别",
        ],
    ),
    (
        CustomerColumn::Language,
        &["language", "=lang", "=locale", "语言", "语种", "首选语言"],
    ),
    (CustomerColumn::TimeZone, &["timezone", "=tz", "时区"]),
    (
        CustomerColumn::Address,
        &[
            "address",
            "=addr",
            "=street",
            "地址",
            "收货地址",
            "详细地址",
            "联系地址",
        ],
    ),
    (
        CustomerColumn::Tags,
        &["tags", "=tag", "=labels", "=label", "标签", "客户标签"],
    ),
    (
        CustomerColumn::Notes,
        &[
            "notes", "=note", "remarks", "=remark", "comments", "=comment", "=memo", "备注",
            "=说明", "=留言",
        ],
    ),
    (
        CustomerColumn::LeadSource,
        &[
            "leadsource",
            "=source",
            "customersource",
            "acquisitionchannel",
            "来源",
            "客户来源",
            "获客渠道",
            "=渠道",
        ],
    ),
    (
        CustomerColumn::Stage,
        &[
            "=stage",
            "customerstage",
            "relationshipstage",
            "lifecyclestage",
            "customerstatus",
            "阶段",
            "客户阶段",
            "客户状态",
        ],
    ),
];

/// Lower case, Latin accents folded, letters and digits only: "E-mail" and "email",
/// "Teléfono" and "telefono", "时区（IANA）" and "时区iana" compare equal.
fn normalize(text: &str) -> String {
    fold_for_matching(text)
        .chars()
        .filter(|c| c.is_alphanumeric())
        .collect()
}

/// Guesses a mapping from header names in English and Chinese. Matching ignores
/// case, spaces and punctuation; whole-header matches win over headers that merely
/// contain a known name, longer names win over shorter ones ("Email address" is an
/// email, not an address), and each column is used at most once.
pub fn guess_customer_mapping(headers: &[String]) -> CustomerMapping {
    let normalized: Vec<String> = headers.iter().map(|h| normalize(h)).collect();
    let mut mapping = CustomerMapping {
        columns: match_header_aliases(&normalized, &ALIASES, |_, _| true),
    };
    mapping.columns.sort_by_key(|(field, _)| field.index());
    mapping
}

// ---------------------------------------------------------------------------
// Reading choice cells
// ---------------------------------------------------------------------------

/// What each choice is called in every UI language, as the i18n layer writes it: a
/// file exported by this app, or typed by a rep, names stages, kinds and lead sources
/// that way. Passed in (like [`TimeZoneCheck`]) so the domain stays below the i18n
/// layer; `crate::i18n::choice_names` builds it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ChoiceNames {
    pub kinds: Vec<(String, CustomerKind)>,
    pub stages: Vec<(String, RelationshipStage)>,
    pub lead_sources: Vec<(String, LeadSource)>,
}

/// Kind words beyond our own codes and labels, as other systems write them.
const INDIVIDUAL_WORDS: [&str; 9] = [
    "person",
    "personal",
    "private",
    "consumer",
    "b2c",
    "个人客户",
    "私人",
    "消费者",
    "个人买家",
];
const COMPANY_WORDS: [&str; 13] = [
    "business",
    "corporate",
    "corporation",
    "organisation",
    "organization",
    "enterprise",
    "b2b",
    "公司",
    "企业客户",
    "公司客户",
    "机构",
    "商家",
    "批发商",
];

fn parse_kind(text: &str, names: &ChoiceNames) -> Option<CustomerKind> {
    let key = normalize(text);
    CustomerKind::ALL.into_iter().find(|&kind| {
        let extra: &[&str] = match kind {
            CustomerKind::Individual => &INDIVIDUAL_WORDS,
            CustomerKind::Company => &COMPANY_WORDS,
        };
        normalize(kind.code()) == key
            || names
                .kinds
                .iter()
                .any(|(name, named)| *named == kind && normalize(name) == key)
            || extra.iter().any(|word| normalize(word) == key)
    })
}

/// Short Chinese stage names that people type without the "客户" suffix.
const STAGE_WORDS: [(&str, RelationshipStage); 8] = [
    ("prospect", RelationshipStage::Potential),
    ("潜在", RelationshipStage::Potential),
    ("目标", RelationshipStage::Target),
    ("初次购买", RelationshipStage::FirstTime),
    ("重复购买", RelationshipStage::Repeat),
    ("忠诚", RelationshipStage::Loyal),
    ("流失", RelationshipStage::Lost),
    ("非客户", RelationshipStage::NonCustomer),
];

/// A choice typed as its code, its name in either UI language, or one of the
/// `extra` words other systems use for it.
fn parse_labelled<T: Copy + PartialEq>(
    text: &str,
    all: &[T],
    code: fn(T) -> &'static str,
    names: &[(String, T)],
    extra: &[(&str, T)],
) -> Option<T> {
    let key = normalize(text);
    all.iter()
        .copied()
        .find(|&choice| {
            normalize(code(choice)) == key
                || names
                    .iter()
                    .any(|(name, named)| *named == choice && normalize(name) == key)
        })
        .or_else(|| {
            extra
                .iter()
                .find(|(word, _)| normalize(word) == key)
                .map(|&(_, choice)| choice)
        })
}

fn parse_stage(text: &str, names: &ChoiceNames) -> Option<RelationshipStage> {
    parse_labelled(
        text,
        &RelationshipStage::ALL,
        RelationshipStage::code,
        &names.stages,
        &STAGE_WORDS,
    )
}

/// Lead-source words other systems use for the same methods.
const LEAD_SOURCE_WORDS: [(&str, LeadSource); 10] = [
    ("internet", LeadSource::InternetPlatform),
    ("online", LeadSource::InternetPlatform),
    ("marketplace", LeadSource::InternetPlatform),
    ("网络", LeadSource::InternetPlatform),
    ("平台", LeadSource::InternetPlatform),
    ("referral", LeadSource::CustomerReferral),
    ("转介绍", LeadSource::CustomerReferral),
    ("展会", LeadSource::MeetingsAndFairs),
    ("tradefair", LeadSource::MeetingsAndFairs),
    ("email", LeadSource::LetterOrMail),
];

fn parse_lead_source(text: &str, names: &ChoiceNames) -> Option<LeadSource> {
    parse_labelled(
        text,
        &LeadSource::ALL,
        LeadSource::code,
        &names.lead_sources,
        &LEAD_SOURCE_WORDS,
    )
}

// ---------------------------------------------------------------------------
// Preview
// ---------------------------------------------------------------------------

/// One reason a row cannot be imported.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RowIssue {
    /// A field the customer form would refuse (including unknown stage and lead
    /// source text, as [`Problem::UnknownChoice`](crate::domain::customers::Problem::UnknownChoice)).
    Field(FieldError),
    /// The kind cell is neither individual nor company; the cell as found.
    UnknownKind(String),
    /// Same email or phone as an earlier accepted row of this file.
    DuplicateInFile { first_row: usize },
}

/// Why a row is rejected: the spreadsheet row number (header = row 1) and every
/// problem of the row, so the UI can say "row 7, Email: …".
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RejectedCustomerRow {
    pub row: usize,
    pub issues: Vec<RowIssue>,
    /// The row as found in the file, for the rep to correct.
    pub cells: Vec<String>,
}

/// Why an imported row looks like an existing customer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "reason", rename_all = "snake_case")]
pub enum DuplicateReason {
    /// Same email, ignoring case.
    SameEmail,
    /// Same digits (ignoring +, spaces, dashes…), at least [`MIN_PHONE_DIGITS`].
    SamePhone,
    /// Same country and Jaro-Winkler similarity of the accent-folded names of at
    /// least [`SIMILAR_NAME_THRESHOLD`].
    SimilarName { similarity_percent: u8 },
}

impl DuplicateReason {
    /// Smaller is stronger evidence: email, then phone, then the most similar name.
    fn strength_rank(self) -> (u8, u8) {
        match self {
            Self::SameEmail => (0, 0),
            Self::SamePhone => (1, 0),
            Self::SimilarName { similarity_percent } => {
                (2, 100u8.saturating_sub(similarity_percent))
            }
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DuplicateMatch {
    pub existing: CustomerId,
    pub reason: DuplicateReason,
    /// `Some(row)` when the look-alike is an earlier row of the same file rather
    /// than a stored customer; `existing` is then the id that row will be created
    /// with (it cannot be merged into: it does not exist yet).
    pub earlier_row: Option<usize>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValidCustomerRow {
    pub row: usize,
    pub customer: Customer,
    /// Best first, at most [`MAX_DUPLICATES_SHOWN`].
    pub duplicates: Vec<DuplicateMatch>,
}

impl ValidCustomerRow {
    /// Rows with look-alikes wait for the rep's [`DuplicateChoice`].
    pub fn needs_choice(&self) -> bool {
        !self.duplicates.is_empty()
    }
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CustomerImportPreview {
    pub valid: Vec<ValidCustomerRow>,
    pub rejected: Vec<RejectedCustomerRow>,
}

/// Fewer digits than this are an extension or a typo, not a number two customers
/// could meaningfully share.
pub const MIN_PHONE_DIGITS: usize = 6;
/// Jaro-Winkler similarity from which two names in one country are shown as a
/// possible duplicate.
pub const SIMILAR_NAME_THRESHOLD: f64 = 0.92;
/// More look-alikes than this would not help the rep decide.
pub const MAX_DUPLICATES_SHOWN: usize = 3;

/// Mapping resolved once: field index → column.
struct ResolvedColumns([Option<usize>; CustomerColumn::ALL.len()]);

impl ResolvedColumns {
    fn new(mapping: &CustomerMapping) -> Self {
        let mut columns = [None; CustomerColumn::ALL.len()];
        for field in CustomerColumn::ALL {
            columns[field.index()] = mapping.column(field);
        }
        Self(columns)
    }

    /// The trimmed cell for `field`; "" when unmapped or the row is short.
    fn cell<'r>(&self, row: &'r [String], field: CustomerColumn) -> &'r str {
        self.0[field.index()]
            .and_then(|column| row.get(column))
            .map_or("", |cell| without_formula_guard(cell.trim()))
    }
}

/// Our own export prefixes cells that a spreadsheet would run as a formula with `'`
/// (so "+34 612…" stays text); re-importing that file must give the phone back.
fn without_formula_guard(cell: &str) -> &str {
    match cell.strip_prefix('\'') {
        Some(rest) if rest.starts_with(['=', '+', '-', '@', '\t', '\r']) => rest.trim(),
        _ => cell,
    }
}

/// The draft the customer form would hold for this row, and the kind cell when it
/// names no kind we know (the row is then validated as an individual, so its other
/// problems are still listed).
fn draft_from_row(
    row: &[String],
    columns: &ResolvedColumns,
    names: &ChoiceNames,
) -> (CustomerDraft, Option<String>) {
    use CustomerColumn as C;
    let kind_text = columns.cell(row, C::Kind);
    let (kind, unknown_kind) = if kind_text.is_empty() {
        (CustomerKind::Individual, None)
    } else {
        match parse_kind(kind_text, names) {
            Some(kind) => (kind, None),
            None => (CustomerKind::Individual, Some(kind_text.to_owned())),
        }
    };
    let mut draft = CustomerDraft::empty(kind);
    draft.name = columns.cell(row, C::Name).to_owned();
    draft.email = columns.cell(row, C::Email).to_owned();
    draft.phone = columns.cell(row, C::Phone).to_owned();
    draft.messaging = columns.cell(row, C::Messaging).to_owned();
    draft.country = columns.cell(row, C::Country).to_owned();
    draft.language = columns.cell(row, C::Language).to_owned();
    draft.time_zone = columns.cell(row, C::TimeZone).to_owned();
    draft.address = columns.cell(row, C::Address).to_owned();
    // The form splits tags on commas only; other tools export lists with these.
    draft.tags = columns
        .cell(row, C::Tags)
        .replace([';', '；', '、', '|'], ",");
    draft.notes = columns.cell(row, C::Notes).to_owned();
    // Unrecognised text is passed on as typed: validate_draft then reports it as an
    // unknown choice on the right field, exactly as the form would.
    let lead_source = columns.cell(row, C::LeadSource);
    draft.lead_source = parse_lead_source(lead_source, names)
        .map_or_else(|| lead_source.to_owned(), |s| s.code().to_owned());
    let stage = columns.cell(row, C::Stage);
    if !stage.is_empty() {
        draft.stage =
            parse_stage(stage, names).map_or_else(|| stage.to_owned(), |s| s.code().to_owned());
    }
    (draft, unknown_kind)
}

fn email_key(email: &str) -> Option<String> {
    let email = email.trim();
    (!email.is_empty()).then(|| email.to_lowercase())
}

fn phone_key(phone: &str) -> Option<String> {
    let digits: String = phone.chars().filter(char::is_ascii_digit).collect();
    (digits.len() >= MIN_PHONE_DIGITS).then_some(digits)
}

/// Accent- and case-folded with single spaces, so "Lucía  García" and "lucia garcia"
/// are the same name.
fn name_key(name: &str) -> String {
    fold_for_matching(name)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

fn country_key(country: &str) -> String {
    country.trim().to_ascii_uppercase()
}

/// The similarity in percent when two folded names count as similar.
fn name_similarity_percent(a: &str, a_chars: usize, b: &str, b_chars: usize) -> Option<u8> {
    if a.is_empty() || b.is_empty() {
        return None;
    }
    if a == b {
        return Some(100);
    }
    // Jaro-Winkler ≤ 0.6 + 0.4·Jaro, and Jaro ≤ (2 + shorter/longer) / 3, so a
    // score of 0.92 needs shorter/longer ≥ 0.4: skipping the rest saves the costly
    // comparison against most of a large customer base without changing any result.
    let (shorter, longer) = (a_chars.min(b_chars), a_chars.max(b_chars));
    if shorter.saturating_mul(5) < longer.saturating_mul(2) {
        return None;
    }
    let similarity = strsim::jaro_winkler(a, b);
    (similarity >= SIMILAR_NAME_THRESHOLD)
        .then(|| (similarity * 100.0).round().clamp(0.0, 100.0) as u8)
}

/// Someone an imported row may duplicate: a stored customer or an earlier row.
struct Candidate {
    id: CustomerId,
    earlier_row: Option<usize>,
    name: String,
    name_chars: usize,
}

/// Look-ups built once per preview so each row costs a few hash look-ups plus name
/// comparisons within its own country only.
#[derive(Default)]
struct DuplicateIndex {
    candidates: Vec<Candidate>,
    existing_by_email: HashMap<String, Vec<usize>>,
    existing_by_phone: HashMap<String, Vec<usize>>,
    by_country: HashMap<String, Vec<usize>>,
    first_row_by_email: HashMap<String, usize>,
    first_row_by_phone: HashMap<String, usize>,
}

impl DuplicateIndex {
    fn new(existing: &[Customer]) -> Self {
        let mut index = Self::default();
        for customer in existing {
            let position = index.add_candidate(customer, None);
            if let Some(key) = email_key(&customer.email) {
                index
                    .existing_by_email
                    .entry(key)
                    .or_default()
                    .push(position);
            }
            if let Some(key) = phone_key(&customer.phone) {
                index
                    .existing_by_phone
                    .entry(key)
                    .or_default()
                    .push(position);
            }
        }
        index
    }

    fn add_candidate(&mut self, customer: &Customer, earlier_row: Option<usize>) -> usize {
        let position = self.candidates.len();
        let name = name_key(&customer.name);
        self.candidates.push(Candidate {
            id: customer.id.clone(),
            earlier_row,
            name_chars: name.chars().count(),
            name,
        });
        self.by_country
            .entry(country_key(&customer.country))
            .or_default()
            .push(position);
        position
    }

    /// Remembers an accepted row so later rows are checked against it.
    fn add_file_row(&mut self, row: usize, customer: &Customer) {
        self.add_candidate(customer, Some(row));
        if let Some(key) = email_key(&customer.email) {
            self.first_row_by_email.entry(key).or_insert(row);
        }
        if let Some(key) = phone_key(&customer.phone) {
            self.first_row_by_phone.entry(key).or_insert(row);
        }
    }

    /// The earliest accepted row sharing this email or phone.
    fn earlier_row_with(&self, email: &str, phone: &str) -> Option<usize> {
        let by_email = email_key(email).and_then(|k| self.first_row_by_email.get(&k).copied());
        let by_phone = phone_key(phone).and_then(|k| self.first_row_by_phone.get(&k).copied());
        match (by_email, by_phone) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a.or(b),
        }
    }

    fn duplicates_of(&self, customer: &Customer) -> Vec<DuplicateMatch> {
        let mut best: HashMap<usize, DuplicateReason> = HashMap::new();
        let mut offer = |position: usize, reason: DuplicateReason| {
            let slot = best.entry(position).or_insert(reason);
            if reason.strength_rank() < slot.strength_rank() {
                *slot = reason;
            }
        };
        if let Some(positions) =
            email_key(&customer.email).and_then(|k| self.existing_by_email.get(&k))
        {
            for &position in positions {
                offer(position, DuplicateReason::SameEmail);
            }
        }
        if let Some(positions) =
            phone_key(&customer.phone).and_then(|k| self.existing_by_phone.get(&k))
        {
            for &position in positions {
                offer(position, DuplicateReason::SamePhone);
            }
        }
        if let Some(positions) = self.by_country.get(&country_key(&customer.country)) {
            let name = name_key(&customer.name);
            let name_chars = name.chars().count();
            for &position in positions {
                let other = &self.candidates[position];
                if let Some(similarity_percent) =
                    name_similarity_percent(&name, name_chars, &other.name, other.name_chars)
                {
                    offer(
                        position,
                        DuplicateReason::SimilarName { similarity_percent },
                    );
                }
            }
        }
        let mut ranked: Vec<(usize, DuplicateReason)> = best.into_iter().collect();
        ranked.sort_by_key(|&(position, reason)| (reason.strength_rank(), position));
        ranked
            .into_iter()
            .take(MAX_DUPLICATES_SHOWN)
            .map(|(position, reason)| DuplicateMatch {
                existing: self.candidates[position].id.clone(),
                reason,
                earlier_row: self.candidates[position].earlier_row,
            })
            .collect()
    }
}

/// Builds every row into a new customer (ids from `new_id(row)`, called only for
/// accepted rows), validates it like the customer form, and finds look-alikes among
/// `existing` customers and earlier rows of the same file. A later row with the
/// same email or phone as an earlier accepted row is rejected
/// ([`RowIssue::DuplicateInFile`]): one file cannot hold the same buyer twice.
/// Completely blank rows are skipped silently.
pub fn preview_customer_import(
    file: &ParsedFile,
    mapping: &CustomerMapping,
    existing: &[Customer],
    now: DateTime<Utc>,
    zones: &dyn TimeZoneCheck,
    names: &ChoiceNames,
    new_id: &mut dyn FnMut(usize) -> CustomerId,
) -> CustomerImportPreview {
    let columns = ResolvedColumns::new(mapping);
    let mut index = DuplicateIndex::new(existing);
    let mut preview = CustomerImportPreview::default();
    for (offset, cells) in file.rows.iter().enumerate() {
        if cells.iter().all(|cell| cell.trim().is_empty()) {
            continue;
        }
        let row = offset.saturating_add(2);
        let (draft, unknown_kind) = draft_from_row(cells, &columns, names);
        let mut issues: Vec<RowIssue> = unknown_kind
            .map(RowIssue::UnknownKind)
            .into_iter()
            .collect();
        let validated = validate_draft(&draft, None, now, zones);
        if let Err(errors) = &validated {
            issues.extend(errors.iter().copied().map(RowIssue::Field));
        }
        if let Some(first_row) = index.earlier_row_with(&draft.email, &draft.phone) {
            issues.push(RowIssue::DuplicateInFile { first_row });
        }
        match validated {
            Ok(mut customer) if issues.is_empty() => {
                customer.id = new_id(row);
                let duplicates = index.duplicates_of(&customer);
                index.add_file_row(row, &customer);
                preview.valid.push(ValidCustomerRow {
                    row,
                    customer,
                    duplicates,
                });
            }
            _ => preview.rejected.push(RejectedCustomerRow {
                row,
                issues,
                cells: cells.clone(),
            }),
        }
    }
    preview
}

// ---------------------------------------------------------------------------
// Decisions, merge and plan
// ---------------------------------------------------------------------------

/// What the rep chose for one valid row that has duplicates (rows without
/// duplicates are always created).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "choice", content = "into", rename_all = "snake_case")]
pub enum DuplicateChoice {
    Create,
    Skip,
    MergeInto(CustomerId),
}

fn fill_blank(mine: &mut String, imported: &str) {
    if mine.trim().is_empty() && !imported.trim().is_empty() {
        *mine = imported.to_owned();
    }
}

fn unite_tags(mine: &mut Vec<String>, imported: &[String]) {
    for tag in imported {
        let lower = tag.to_lowercase();
        if !tag.trim().is_empty() && !mine.iter().any(|t| t.to_lowercase() == lower) {
            mine.push(tag.clone());
        }
    }
}

/// True when `block`'s lines appear, in order and adjacent, among `text`'s lines:
/// the same note imported twice is not appended twice.
fn contains_lines(text: &str, block: &str) -> bool {
    let lines: Vec<&str> = text.lines().map(str::trim).collect();
    let wanted: Vec<&str> = block.lines().map(str::trim).collect();
    !wanted.is_empty()
        && lines
            .windows(wanted.len())
            .any(|window| window == wanted.as_slice())
}

fn append_notes(mine: &mut String, imported: &str) {
    let imported = imported.trim();
    if imported.is_empty() || contains_lines(mine, imported) {
        return;
    }
    if mine.trim().is_empty() {
        *mine = imported.to_owned();
    } else {
        let kept = mine.trim_end().len();
        mine.truncate(kept);
        mine.push('\n');
        mine.push_str(imported);
    }
}

/// Details of another kind have nowhere to go, so only same-kind profiles are filled.
fn fill_profile(mine: &mut Profile, imported: &Profile) {
    match (mine, imported) {
        (Profile::Individual(mine), Profile::Individual(imported)) => {
            if mine.birthday.is_none() {
                mine.birthday = imported.birthday;
            }
            fill_blank(&mut mine.employer, &imported.employer);
            fill_blank(&mut mine.position, &imported.position);
            fill_blank(&mut mine.preferences, &imported.preferences);
            if mine.family_dates.is_empty() {
                mine.family_dates = imported.family_dates.clone();
            }
        }
        (Profile::Company(mine), Profile::Company(imported)) => {
            if mine.founded_year.is_none() {
                mine.founded_year = imported.founded_year;
            }
            if mine.employees.is_none() {
                mine.employees = imported.employees;
            }
            fill_blank(&mut mine.business_type, &imported.business_type);
            fill_blank(&mut mine.service_area, &imported.service_area);
            fill_blank(&mut mine.business_status, &imported.business_status);
            fill_blank(&mut mine.payment_terms, &imported.payment_terms);
            fill_blank(&mut mine.credit_status, &imported.credit_status);
            if mine.contacts.is_empty() {
                mine.contacts = imported.contacts.clone();
            }
        }
        _ => {}
    }
}

/// Merge rule: the existing record keeps every non-empty value it has; empty fields
/// are filled from the import; tags are united (case-insensitive, existing order
/// first); imported notes are appended on a new line unless already there;
/// `updated_at = now`. Identity, kind, stage, history, creation time, last contact
/// and revision are the existing record's (the store bumps the revision and refuses
/// a stale one; stages only change through recorded moves).
pub fn merge_customer(existing: &Customer, imported: &Customer, now: DateTime<Utc>) -> Customer {
    let mut merged = existing.clone();
    fill_blank(&mut merged.name, &imported.name);
    fill_blank(&mut merged.email, &imported.email);
    fill_blank(&mut merged.phone, &imported.phone);
    fill_blank(&mut merged.messaging, &imported.messaging);
    fill_blank(&mut merged.country, &imported.country);
    fill_blank(&mut merged.language, &imported.language);
    fill_blank(&mut merged.time_zone, &imported.time_zone);
    fill_blank(&mut merged.address, &imported.address);
    if merged.lead_source.is_none() {
        merged.lead_source = imported.lead_source;
    }
    unite_tags(&mut merged.tags, &imported.tags);
    append_notes(&mut merged.notes, &imported.notes);
    fill_profile(&mut merged.profile, &imported.profile);
    merged.updated_at = now;
    merged
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CustomerImportPlan {
    pub create: Vec<Customer>,
    /// Merged existing records, each once, in the order first merged into.
    pub merge: Vec<Customer>,
    /// Spreadsheet rows of valid rows that will not be imported.
    pub skipped_rows: Vec<usize>,
}

/// Turns the preview and the rep's decisions into records to save. `choice(row)`
/// gives the decision for rows with duplicates; without one the row is skipped (a
/// merge is never guessed). Merging into an id that is not in `existing` skips the
/// row; several rows merging into one customer are merged in row order.
pub fn plan_customer_import(
    preview: &CustomerImportPreview,
    existing: &[Customer],
    choice: &dyn Fn(usize) -> Option<DuplicateChoice>,
    now: DateTime<Utc>,
) -> CustomerImportPlan {
    let mut position_of: HashMap<&CustomerId, usize> = HashMap::with_capacity(existing.len());
    for (position, customer) in existing.iter().enumerate() {
        position_of.entry(&customer.id).or_insert(position);
    }
    let mut plan = CustomerImportPlan::default();
    let mut merged_slot: HashMap<CustomerId, usize> = HashMap::new();
    for valid in &preview.valid {
        if !valid.needs_choice() {
            plan.create.push(valid.customer.clone());
            continue;
        }
        match choice(valid.row).unwrap_or(DuplicateChoice::Skip) {
            DuplicateChoice::Create => plan.create.push(valid.customer.clone()),
            DuplicateChoice::Skip => plan.skipped_rows.push(valid.row),
            DuplicateChoice::MergeInto(id) => {
                if let Some(&slot) = merged_slot.get(&id) {
                    plan.merge[slot] = merge_customer(&plan.merge[slot], &valid.customer, now);
                } else if let Some(&position) = position_of.get(&id) {
                    merged_slot.insert(id, plan.merge.len());
                    plan.merge
                        .push(merge_customer(&existing[position], &valid.customer, now));
                } else {
                    plan.skipped_rows.push(valid.row);
                }
            }
        }
    }
    plan
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::customers::StageChange;
    use crate::domain::customers::{Field, Problem};
    use crate::domain::shared::csv::parse_csv;
    use chrono::TimeZone;

    fn now() -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 11, 23, 10, 0, 0).unwrap()
    }

    fn last_year() -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2025, 3, 1, 8, 0, 0).unwrap()
    }

    /// Knows a few zones only, like a browser's Intl would know all of them.
    fn zones(name: &str) -> bool {
        matches!(
            name,
            "Europe/Madrid" | "Asia/Shanghai" | "America/New_York" | "Europe/Berlin"
        )
    }

    /// A few names as the i18n layer supplies them (the full set, and our own export
    /// imported back with it, is tested in `services::csv_export`).
    pub(super) fn names() -> ChoiceNames {
        fn owned<T: Copy>(pairs: &[(&str, T)]) -> Vec<(String, T)> {
            pairs.iter().map(|&(n, c)| (n.to_owned(), c)).collect()
        }
        ChoiceNames {
            kinds: owned(&[
                ("Individual", CustomerKind::Individual),
                ("个人", CustomerKind::Individual),
                ("Company", CustomerKind::Company),
                ("企业", CustomerKind::Company),
            ]),
            stages: owned(&[
                ("First-time buyer", RelationshipStage::FirstTime),
                ("Non-customer", RelationshipStage::NonCustomer),
                ("流失客户", RelationshipStage::Lost),
                ("忠诚客户", RelationshipStage::Loyal),
            ]),
            lead_sources: owned(&[
                ("Internet / marketplace", LeadSource::InternetPlatform),
                ("老客户介绍", LeadSource::CustomerReferral),
                ("Referred by a customer", LeadSource::CustomerReferral),
            ]),
        }
    }

    fn strings(items: &[&str]) -> Vec<String> {
        items.iter().map(|s| s.to_string()).collect()
    }

    fn id(text: &str) -> CustomerId {
        CustomerId(text.to_owned())
    }

    fn stored(key: &str, name: &str, country: &str) -> Customer {
        Customer::minimal(id(key), name, country, last_year())
    }

    fn preview_with(
        csv: &str,
        mapping: &CustomerMapping,
        existing: &[Customer],
    ) -> CustomerImportPreview {
        let file = parse_csv(csv).unwrap();
        preview_customer_import(
            &file,
            mapping,
            existing,
            now(),
            &zones,
            &names(),
            &mut |row| id(&format!("new-{row}")),
        )
    }

    fn preview(csv: &str, existing: &[Customer]) -> CustomerImportPreview {
        let file = parse_csv(csv).unwrap();
        let mapping = guess_customer_mapping(&file.headers);
        preview_with(csv, &mapping, existing)
    }

    fn field(field: Field, problem: Problem) -> RowIssue {
        RowIssue::Field(FieldError { field, problem })
    }

    fn valid_rows(p: &CustomerImportPreview) -> Vec<usize> {
        p.valid.iter().map(|v| v.row).collect()
    }

    fn rejected_rows(p: &CustomerImportPreview) -> Vec<usize> {
        p.rejected.iter().map(|r| r.row).collect()
    }

    fn row(p: &CustomerImportPreview, number: usize) -> &ValidCustomerRow {
        p.valid.iter().find(|v| v.row == number).unwrap()
    }

    fn mapping_of(pairs: &[(CustomerColumn, usize)]) -> CustomerMapping {
        CustomerMapping {
            columns: pairs.to_vec(),
        }
    }

    // -- fields and mapping --------------------------------------------------

    #[test]
    fn column_codes_round_trip_and_mapping_survives_json() {
        for column in CustomerColumn::ALL {
            assert_eq!(CustomerColumn::from_code(column.code()), Some(column));
            let json = serde_json::to_string(&column).unwrap();
            assert_eq!(json, format!("\"{}\"", column.code()));
        }
        assert_eq!(CustomerColumn::from_code("Name"), None);
        let required: Vec<_> = CustomerColumn::ALL
            .into_iter()
            .filter(|c| c.is_required())
            .collect();
        assert_eq!(required, [CustomerColumn::Name, CustomerColumn::Country]);
        let mapping = mapping_of(&[(CustomerColumn::Name, 0), (CustomerColumn::TimeZone, 4)]);
        let json = serde_json::to_string(&mapping).unwrap();
        assert_eq!(json, r#"{"columns":[["name",0],["time_zone",4]]}"#);
        assert_eq!(
            serde_json::from_str::<CustomerMapping>(&json).unwrap(),
            mapping
        );
    }

    #[test]
    fn aliases_are_unique_across_fields() {
        let mut seen: HashMap<String, CustomerColumn> = HashMap::new();
        for (column, aliases) in ALIASES {
            for alias in aliases {
                let bare = alias.trim_start_matches('=');
                assert_eq!(
                    normalize(bare),
                    bare,
                    "aliases are stored normalised: {alias}"
                );
                if let Some(other) = seen.insert(bare.to_owned(), column) {
                    panic!("{bare} names both {other:?} and {column:?}");
                }
            }
        }
    }

    #[test]
    fn mapping_set_replaces_unmaps_and_keeps_field_order() {
        let mut mapping = CustomerMapping::default();
        mapping.set(CustomerColumn::Country, Some(3));
        mapping.set(CustomerColumn::Name, Some(1));
        mapping.set(CustomerColumn::Country, Some(2));
        assert_eq!(
            mapping,
            mapping_of(&[(CustomerColumn::Name, 1), (CustomerColumn::Country, 2)])
        );
        mapping.set(CustomerColumn::Name, None);
        assert_eq!(mapping.column(CustomerColumn::Name), None);
        assert_eq!(mapping.column(CustomerColumn::Country), Some(2));
    }

    #[test]
    fn guess_english_headers() {
        let headers = strings(&[
            "Customer Name",
            "Type",
            "E-mail",
            "Phone Number",
            "WhatsApp",
            "Country",
            "Language",
            "Time zone",
            "Shipping Address",
            "Tags",
            "Notes",
            "Lead source",
            "Stage",
            "Created",
        ]);
        let expected: Vec<(CustomerColumn, usize)> = CustomerColumn::ALL
            .into_iter()
            .enumerate()
            .map(|(i, c)| (c, i))
            .collect();
        assert_eq!(guess_customer_mapping(&headers).columns, expected);
    }

    #[test]
    fn guess_chinese_headers() {
        let headers = strings(&[
            "客户名称",
            "客户类型",
            "邮箱",
            "手机",
            "微信",
            "国家",
            "语言",
            "时区",
            "地址",
            "标签",
            "备注",
            "客户来源",
            "客户阶段",
        ]);
        let expected: Vec<(CustomerColumn, usize)> = CustomerColumn::ALL
            .into_iter()
            .enumerate()
            .map(|(i, c)| (c, i))
            .collect();
        assert_eq!(guess_customer_mapping(&headers).columns, expected);

        let other_words =
            guess_customer_mapping(&strings(&["电话", "姓名", "电子邮件", "国家/地区"]));
        assert_eq!(
            other_words.columns,
            [
                (CustomerColumn::Name, 1),
                (CustomerColumn::Email, 2),
                (CustomerColumn::Phone, 0),
                (CustomerColumn::Country, 3),
            ]
        );
    }

    #[test]
    fn guess_ignores_case_space_and_punctuation_and_uses_each_column_once() {
        let headers = strings(&[
            " EMAIL ADDRESS ",
            "  name",
            "Country / Region",
            "Buyer's language (e.g. es, pt-BR)",
            "Status",
            "Address",
            "Mobile",
            "Teléfono",
        ]);
        let mapping = guess_customer_mapping(&headers);
        assert_eq!(
            mapping.columns,
            [
                (CustomerColumn::Name, 1),
                (CustomerColumn::Email, 0),
                (CustomerColumn::Phone, 6),
                (CustomerColumn::Country, 2),
                (CustomerColumn::Language, 3),
                (CustomerColumn::Address, 5),
            ],
            "\"Status\" is not guessed as the stage; a second phone column stays free"
        );
        assert_eq!(guess_customer_mapping(&[]), CustomerMapping::default());
    }

    #[test]
    fn mapping_problems_list_what_blocks_an_import() {
        use CustomerMappingProblem as P;
        assert_eq!(
            customer_mapping_problems(&CustomerMapping::default(), 3),
            [P::NameNotMapped, P::CountryNotMapped]
        );
        assert_eq!(
            customer_mapping_problems(
                &mapping_of(&[(CustomerColumn::Name, 0), (CustomerColumn::Email, 1)]),
                3
            ),
            [P::CountryNotMapped]
        );
        assert_eq!(
            customer_mapping_problems(
                &mapping_of(&[(CustomerColumn::Name, 0), (CustomerColumn::Country, 5)]),
                3
            ),
            [P::ColumnOutOfRange(5)]
        );
        assert_eq!(
            customer_mapping_problems(
                &mapping_of(&[
                    (CustomerColumn::Name, 0),
                    (CustomerColumn::Country, 0),
                    (CustomerColumn::Email, 1),
                    (CustomerColumn::Email, 2),
                ]),
                3
            ),
            [
                P::ColumnUsedTwice(0),
                P::FieldMappedTwice(CustomerColumn::Email)
            ]
        );
        let headers = strings(&["Name", "Country", "Email"]);
        assert_eq!(
            customer_mapping_problems(&guess_customer_mapping(&headers), headers.len()),
            []
        );
    }

    // -- rows ----------------------------------------------------------------

    #[test]
    fn row_numbers_match_the_spreadsheet_with_blank_lines_and_multiline_cells() {
        let csv = "Name,Country,Notes\r\nAna,ES,\r\n\r\n,,\r\nBad,Spain,\r\nBen,DE,\"two\nlines\"\r\nCai,CN,\r\n";
        let p = preview(csv, &[]);
        assert_eq!(
            valid_rows(&p),
            [2, 6, 7],
            "blank rows 3 and 4 are skipped silently"
        );
        assert_eq!(rejected_rows(&p), [5]);
        assert_eq!(row(&p, 6).customer.notes, "two\nlines");
        assert_eq!(
            row(&p, 7).customer.id,
            id("new-7"),
            "ids come from new_id(row)"
        );
    }

    #[test]
    fn every_rejected_row_is_listed_with_all_its_problems() {
        let csv = "Name,Kind,Email,Country,Time zone,Stage,Lead source\n\
                   Ana,individual,ana@,ES,Europe/Madrid,,\n\
                   Ben,company,ben@x.de,Germany,,,\n\
                   Chen,个人,chen@x.cn,CN,Asia/Beijing,,\n\
                   Dora,robot,dora@x.fr,FR,,,\n\
                   Eve,,eve@x.es,ES,,vip,carrier pigeon\n\
                   ,公司,,,,,\n\
                   Fay,robot,fay@,es,,,\n\
                   Gil,公司,gil@x.es,es,Europe/Madrid,忠诚客户,Referred by a customer\n";
        let p = preview(csv, &[]);
        let found: Vec<(usize, Vec<RowIssue>)> = p
            .rejected
            .iter()
            .map(|r| (r.row, r.issues.clone()))
            .collect();
        assert_eq!(
            found,
            vec![
                (2, vec![field(Field::Email, Problem::EmailShape)]),
                (3, vec![field(Field::Country, Problem::CountryCode)]),
                (4, vec![field(Field::TimeZone, Problem::UnknownTimeZone)]),
                (5, vec![RowIssue::UnknownKind("robot".into())]),
                (
                    6,
                    vec![
                        field(Field::LeadSource, Problem::UnknownChoice),
                        field(Field::Stage, Problem::UnknownChoice),
                    ]
                ),
                (
                    7,
                    vec![
                        field(Field::Name, Problem::Required),
                        field(Field::Country, Problem::Required),
                    ]
                ),
                (
                    8,
                    vec![
                        RowIssue::UnknownKind("robot".into()),
                        field(Field::Email, Problem::EmailShape),
                    ]
                ),
            ]
        );
        assert_eq!(
            p.rejected[3].cells,
            strings(&["Dora", "robot", "dora@x.fr", "FR", "", "", ""])
        );
        assert_eq!(valid_rows(&p), [9]);
        let gil = &row(&p, 9).customer;
        assert_eq!(gil.kind(), CustomerKind::Company);
        assert_eq!(gil.country, "ES");
        assert_eq!(gil.stage, RelationshipStage::Loyal);
        assert_eq!(gil.lead_source, Some(LeadSource::CustomerReferral));
        assert!(gil.stage_history.is_empty());
        assert_eq!((gil.created_at, gil.revision), (now(), 0));
    }

    #[test]
    fn choices_in_codes_english_and_chinese_words() {
        assert_eq!(parse_kind("Company", &names()), Some(CustomerKind::Company));
        assert_eq!(parse_kind(" 企业 ", &names()), Some(CustomerKind::Company));
        assert_eq!(parse_kind("公司", &names()), Some(CustomerKind::Company));
        assert_eq!(parse_kind("B2B", &names()), Some(CustomerKind::Company));
        assert_eq!(parse_kind("个人", &names()), Some(CustomerKind::Individual));
        assert_eq!(
            parse_kind("INDIVIDUAL", &names()),
            Some(CustomerKind::Individual)
        );
        assert_eq!(parse_kind("robot", &names()), None);
        assert_eq!(
            parse_stage("first_time", &names()),
            Some(RelationshipStage::FirstTime)
        );
        assert_eq!(
            parse_stage("First-time buyer", &names()),
            Some(RelationshipStage::FirstTime)
        );
        assert_eq!(
            parse_stage("Non-customer", &names()),
            Some(RelationshipStage::NonCustomer)
        );
        assert_eq!(
            parse_stage("流失客户", &names()),
            Some(RelationshipStage::Lost)
        );
        assert_eq!(parse_stage("流失", &names()), Some(RelationshipStage::Lost));
        assert_eq!(parse_stage("vip", &names()), None);
        assert_eq!(
            parse_lead_source("won_from_competitor", &names()),
            Some(LeadSource::WonFromCompetitor)
        );
        assert_eq!(
            parse_lead_source("Internet / marketplace", &names()),
            Some(LeadSource::InternetPlatform)
        );
        assert_eq!(
            parse_lead_source("老客户介绍", &names()),
            Some(LeadSource::CustomerReferral)
        );
        assert_eq!(parse_lead_source("carrier pigeon", &names()), None);
    }

    #[test]
    fn tags_split_on_common_list_separators_and_formula_guards_are_removed() {
        let csv = "Name,Country,Phone,Tags\nAna,ES,'+34 612 345 678,\"vip; toys、VIP|gifts\"\n";
        let p = preview(csv, &[]);
        let ana = &row(&p, 2).customer;
        assert_eq!(ana.phone, "+34 612 345 678");
        assert_eq!(ana.tags, ["vip", "toys", "gifts"]);
        assert_eq!(without_formula_guard("'=SUM(A1)"), "=SUM(A1)");
        assert_eq!(without_formula_guard("O'Brien"), "O'Brien");
        assert_eq!(without_formula_guard("'quoted'"), "'quoted'");
    }

    // -- duplicates ----------------------------------------------------------

    #[test]
    fn duplicate_by_email_ignores_case() {
        let mut known = stored("known", "Someone Else", "ES");
        known.email = "Lucia@Example.es".into();
        let p = preview(
            "Name,Email,Country\nMaría López,lucia@example.ES,ES\nPia Berg,pia@example.se,SE\n",
            &[known],
        );
        assert_eq!(
            row(&p, 2).duplicates,
            [DuplicateMatch {
                existing: id("known"),
                reason: DuplicateReason::SameEmail,
                earlier_row: None,
            }]
        );
        assert!(row(&p, 2).needs_choice());
        assert_eq!(row(&p, 3).duplicates, []);
    }

    #[test]
    fn duplicate_by_phone_ignores_formatting() {
        let mut known = stored("known", "Someone Else", "FR");
        known.phone = "+34 612-345-678".into();
        let existing = [known];
        for phone in ["(34) 612.345.678", "34612345678", "+34 612 345 678"] {
            let p = preview(&format!("Name,Phone,Country\nA,{phone},ES\n"), &existing);
            assert_eq!(
                row(&p, 2).duplicates,
                [DuplicateMatch {
                    existing: id("known"),
                    reason: DuplicateReason::SamePhone,
                    earlier_row: None,
                }],
                "{phone}"
            );
        }
        let p = preview("Name,Phone,Country\nC,+34 612 345 679,ES\n", &existing);
        assert_eq!(row(&p, 2).duplicates, []);
        assert_eq!(phone_key("12-345"), None, "too few digits to mean anything");
        assert_eq!(phone_key("+1 (234) 56"), Some("123456".into()));
    }

    #[test]
    fn similar_names_match_only_within_the_same_country() {
        let existing = [
            stored("es-lucia", "Lucía García", "ES"),
            stored("mx-lucia", "Lucía García", "MX"),
            stored("es-marco", "Marco Rossi", "ES"),
        ];
        let p = preview(
            "Name,Country\nLucia  Garcia,es\nLucia Garsia,ES\nLuis Gómez,ES\nChen Wei,ES\nLucia Garcia,FR\n",
            &existing,
        );
        assert_eq!(
            row(&p, 2).duplicates,
            [DuplicateMatch {
                existing: id("es-lucia"),
                reason: DuplicateReason::SimilarName {
                    similarity_percent: 100
                },
                earlier_row: None,
            }],
            "accents, case and spacing do not matter; Mexico's Lucía is someone else"
        );
        let typo = &row(&p, 3).duplicates;
        assert_eq!(typo.len(), 2, "the existing Lucía and row 2: {typo:?}");
        assert_eq!(typo[0].existing, id("es-lucia"));
        assert!(matches!(
            typo[0].reason,
            DuplicateReason::SimilarName { similarity_percent } if (92..100).contains(&similarity_percent)
        ));
        assert_eq!(row(&p, 4).duplicates, [], "clearly different names");
        assert_eq!(row(&p, 5).duplicates, []);
        assert_eq!(row(&p, 6).duplicates, [], "no Lucía García in France");
    }

    #[test]
    fn duplicates_are_best_first_one_per_customer_and_at_most_three() {
        let mut by_email = stored("by-email", "Ana Ruiz", "ES");
        by_email.email = "ana@x.es".into();
        let mut by_phone = stored("by-phone", "Someone", "DE");
        by_phone.phone = "+34 600 111 222".into();
        let existing = [
            stored("close-name", "Ana Ruis", "ES"),
            stored("same-name", "Ana Ruiz", "ES"),
            by_phone,
            by_email,
            stored("other-close", "Ana Ruíz", "ES"),
        ];
        let p = preview(
            "Name,Email,Phone,Country\nAna Ruiz,ANA@x.es,(34) 600-111-222,ES\n",
            &existing,
        );
        let found: Vec<(&str, DuplicateReason)> = row(&p, 2)
            .duplicates
            .iter()
            .map(|d| (d.existing.as_str(), d.reason))
            .collect();
        assert_eq!(found.len(), MAX_DUPLICATES_SHOWN);
        assert_eq!(found[0], ("by-email", DuplicateReason::SameEmail));
        assert_eq!(found[1].1, DuplicateReason::SamePhone);
        assert_eq!(
            found[2],
            (
                "same-name",
                DuplicateReason::SimilarName {
                    similarity_percent: 100
                }
            ),
            "the most similar name next, earliest stored on a tie"
        );
    }

    #[test]
    fn duplicates_within_the_file() {
        let csv = "Name,Email,Phone,Country\n\
                   Ana Ruiz,ana@x.es,,ES\n\
                   Ana R.,ANA@x.es,,ES\n\
                   Bo Lind,bo@x.de,+49 30 1234567,DE\n\
                   Bob Lind,,49-30-1234567,DE\n\
                   Zoe,zoe@x.es,,Spain\n\
                   Zoe Vidal,zoe@x.es,,ES\n\
                   Carl Jensen,,,DK\n\
                   Karl Jensen,,,DK\n\
                   Dan,dan@x.de,+49 30 999999,DE\n\
                   Dan Berg,bo@x.de,+49 30 999999,DE\n";
        let p = preview(csv, &[]);
        let found: Vec<(usize, Vec<RowIssue>)> = p
            .rejected
            .iter()
            .map(|r| (r.row, r.issues.clone()))
            .collect();
        assert_eq!(
            found,
            vec![
                (3, vec![RowIssue::DuplicateInFile { first_row: 2 }]),
                (5, vec![RowIssue::DuplicateInFile { first_row: 4 }]),
                (6, vec![field(Field::Country, Problem::CountryCode)]),
                (11, vec![RowIssue::DuplicateInFile { first_row: 4 }]),
            ],
            "a rejected row does not block a later one; the earliest matching row is named"
        );
        assert_eq!(valid_rows(&p), [2, 4, 7, 8, 9, 10]);
        let karl = &row(&p, 9).duplicates;
        assert_eq!(karl.len(), 1);
        assert_eq!(karl[0].existing, id("new-8"));
        assert_eq!(karl[0].earlier_row, Some(8));
        assert!(matches!(
            karl[0].reason,
            DuplicateReason::SimilarName { .. }
        ));
    }

    // -- merge and plan ------------------------------------------------------

    fn stored_lucia() -> Customer {
        let mut c = stored("lucia", "Lucía García", "ES");
        c.phone = "+34 600 000 111".into();
        c.language = "es".into();
        c.tags = strings(&["VIP", "toys"]);
        c.notes = "Prefers WhatsApp".into();
        c.stage = RelationshipStage::Loyal;
        c.stage_history = vec![StageChange {
            from: RelationshipStage::Repeat,
            to: RelationshipStage::Loyal,
            at: last_year(),
            reason: "third order".into(),
        }];
        c.revision = 7;
        c
    }

    fn imported_lucia() -> Customer {
        let mut c = stored("new-2", "Lucia Garcia", "ES");
        c.email = "lucia@x.es".into();
        c.phone = "+34 699 999 999".into();
        c.language = "en".into();
        c.time_zone = "Europe/Madrid".into();
        c.tags = strings(&["vip", "shoes"]);
        c.notes = "Met at the Madrid fair".into();
        c.lead_source = Some(LeadSource::MeetingsAndFairs);
        c.created_at = now();
        c
    }

    #[test]
    fn merge_keeps_existing_values_and_fills_blanks() {
        let existing = stored_lucia();
        let merged = merge_customer(&existing, &imported_lucia(), now());
        assert_eq!(merged.id, existing.id);
        assert_eq!(merged.name, "Lucía García");
        assert_eq!(merged.phone, "+34 600 000 111");
        assert_eq!(merged.language, "es");
        assert_eq!(merged.email, "lucia@x.es");
        assert_eq!(merged.time_zone, "Europe/Madrid");
        assert_eq!(merged.lead_source, Some(LeadSource::MeetingsAndFairs));
        assert_eq!(merged.tags, ["VIP", "toys", "shoes"]);
        assert_eq!(merged.notes, "Prefers WhatsApp\nMet at the Madrid fair");
        assert_eq!(merged.revision, 7);
        assert_eq!(merged.stage, RelationshipStage::Loyal);
        assert_eq!(merged.stage_history, existing.stage_history);
        assert_eq!(merged.created_at, last_year());
        assert_eq!(merged.updated_at, now());
    }

    /// Every field the merge rule names, one at a time: a stored value is never
    /// overwritten by a different imported one, and a blank is filled from the import.
    #[test]
    fn merge_rule_per_field_keeps_stored_values_and_fills_blanks() {
        type Field = (&'static str, fn(&mut Customer) -> &mut String);
        let fields: [Field; 8] = [
            ("name", |c| &mut c.name),
            ("email", |c| &mut c.email),
            ("phone", |c| &mut c.phone),
            ("messaging", |c| &mut c.messaging),
            ("country", |c| &mut c.country),
            ("language", |c| &mut c.language),
            ("time_zone", |c| &mut c.time_zone),
            ("address", |c| &mut c.address),
        ];
        for (name, field) in fields {
            let mut stored = stored_lucia();
            let mut imported = imported_lucia();
            *field(&mut stored) = "stored value".into();
            *field(&mut imported) = "imported value".into();
            let mut merged = merge_customer(&stored, &imported, now());
            assert_eq!(field(&mut merged), "stored value", "{name}: stored kept");
            field(&mut stored).clear();
            let mut merged = merge_customer(&stored, &imported, now());
            assert_eq!(field(&mut merged), "imported value", "{name}: blank filled");
        }
        let mut stored = stored_lucia();
        let mut imported = imported_lucia();
        stored.lead_source = Some(LeadSource::Phone);
        imported.lead_source = Some(LeadSource::WonFromCompetitor);
        assert_eq!(
            merge_customer(&stored, &imported, now()).lead_source,
            Some(LeadSource::Phone)
        );
        stored.lead_source = None;
        assert_eq!(
            merge_customer(&stored, &imported, now()).lead_source,
            Some(LeadSource::WonFromCompetitor)
        );
    }

    /// Names are flagged as look-alikes from 0.92 Jaro-Winkler, not below.
    #[test]
    fn similar_name_threshold_is_exact() {
        let score =
            |a: &str, b: &str| name_similarity_percent(a, a.chars().count(), b, b.chars().count());
        assert!((strsim::jaro_winkler("martha", "marhta") - 0.9611).abs() < 0.001);
        assert_eq!(score("martha", "marhta"), Some(96));
        let below = strsim::jaro_winkler("dwayne", "duane");
        assert!(below > 0.80 && below < SIMILAR_NAME_THRESHOLD, "{below}");
        assert_eq!(score("dwayne", "duane"), None);
        let pairs = [
            ("jones", "johnson"),
            ("dixon", "dicksonx"),
            ("martha", "marhta"),
            ("lucia garcia", "lucia garzia"),
        ];
        for (a, b) in pairs {
            let s = strsim::jaro_winkler(a, b);
            assert_eq!(
                score(a, b).is_some(),
                s >= SIMILAR_NAME_THRESHOLD,
                "{a} / {b}: {s}"
            );
        }
    }

    #[test]
    fn merge_appends_notes_once() {
        let existing = stored_lucia();
        let once = merge_customer(&existing, &imported_lucia(), now());
        let twice = merge_customer(&once, &imported_lucia(), now());
        assert_eq!(twice.notes, once.notes);
        let mut same_note = imported_lucia();
        same_note.notes = "  Prefers WhatsApp ".into();
        assert_eq!(
            merge_customer(&existing, &same_note, now()).notes,
            "Prefers WhatsApp"
        );
        let mut part_of_a_line = imported_lucia();
        part_of_a_line.notes = "WhatsApp".into();
        assert_eq!(
            merge_customer(&existing, &part_of_a_line, now()).notes,
            "Prefers WhatsApp\nWhatsApp",
            "only whole lines count as already there"
        );
        let mut blank = existing.clone();
        blank.notes = String::new();
        assert_eq!(
            merge_customer(&blank, &imported_lucia(), now()).notes,
            "Met at the Madrid fair"
        );
    }

    #[test]
    fn merge_fills_the_profile_only_for_the_same_kind() {
        let mut existing = stored_lucia();
        let mut imported = imported_lucia();
        imported.profile = Profile::Individual(crate::domain::customers::IndividualProfile {
            employer: "Acme".into(),
            ..Default::default()
        });
        let merged = merge_customer(&existing, &imported, now());
        let Profile::Individual(p) = &merged.profile else {
            panic!("individual expected")
        };
        assert_eq!(p.employer, "Acme");
        existing.profile = Profile::Company(Default::default());
        let merged = merge_customer(&existing, &imported, now());
        assert_eq!(
            merged.profile, existing.profile,
            "the kind is never changed"
        );
    }

    fn plan_fixture() -> (CustomerImportPreview, Vec<Customer>) {
        let mut anna = stored("anna", "Anna Schmidt", "DE");
        anna.email = "anna@a.de".into();
        anna.phone = "+49 30 111111".into();
        let mut nova = stored("nova", "Nova Trading GmbH", "DE");
        nova.profile = Profile::Company(Default::default());
        nova.email = "info@nova.de".into();
        let existing = vec![anna, nova];
        let csv = "Name,Kind,Email,Phone,Country,Notes,Tags\n\
                   Pia Berg,,pia@x.se,,SE,,\n\
                   Ana Schmidt,,,,DE,,\n\
                   A. Schmidt,,,+49 (30) 111-111,DE,from row 4,\n\
                   Anna Schmidt,,ANNA@a.de,,DE,from row 5,fair\n\
                   Nova Trading,company,sales@nova.de,,DE,,\n\
                   Nova Trading GmbH,company,x@nova.de,,DE,,\n";
        (preview(csv, &existing), existing)
    }

    #[test]
    fn plan_creates_skips_and_merges_as_chosen() {
        let (p, existing) = plan_fixture();
        assert_eq!(p.rejected, []);
        assert!(!row(&p, 2).needs_choice());
        assert!((3..=7).all(|r| row(&p, r).needs_choice()));
        let choice = |row: usize| match row {
            4 | 5 => Some(DuplicateChoice::MergeInto(id("anna"))),
            6 => Some(DuplicateChoice::Create),
            7 => Some(DuplicateChoice::MergeInto(id("ghost"))),
            _ => None,
        };
        let plan = plan_customer_import(&p, &existing, &choice, now());
        let created: Vec<&str> = plan.create.iter().map(|c| c.id.as_str()).collect();
        assert_eq!(created, ["new-2", "new-6"]);
        assert_eq!(
            plan.skipped_rows,
            [3, 7],
            "no choice means skip; unknown ids are skipped"
        );
        assert_eq!(plan.merge.len(), 1, "two rows, one merged record");
        let anna = &plan.merge[0];
        assert_eq!(anna.id, id("anna"));
        assert_eq!(anna.notes, "from row 4\nfrom row 5", "merged in row order");
        assert_eq!(anna.tags, ["fair"]);
        assert_eq!(anna.phone, "+49 30 111111");
        assert_eq!((anna.revision, anna.updated_at), (0, now()));
    }

    #[test]
    fn plan_without_any_choice_never_merges() {
        let (p, existing) = plan_fixture();
        let plan = plan_customer_import(&p, &existing, &|_| None, now());
        assert_eq!(plan.create.len(), 1);
        assert_eq!(plan.merge, []);
        assert_eq!(plan.skipped_rows, [3, 4, 5, 6, 7]);
        let skip_all = plan_customer_import(&p, &existing, &|_| Some(DuplicateChoice::Skip), now());
        assert_eq!(skip_all, plan);
    }

    #[cfg(not(target_arch = "wasm32"))]
    mod properties {
        use super::*;
        use proptest::prelude::*;

        fn mapping() -> impl Strategy<Value = CustomerMapping> {
            proptest::collection::vec((0..CustomerColumn::ALL.len(), 0usize..9), 0..16).prop_map(
                |pairs| CustomerMapping {
                    columns: pairs
                        .into_iter()
                        .map(|(field, column)| (CustomerColumn::ALL[field], column))
                        .collect(),
                },
            )
        }

        fn existing() -> Vec<Customer> {
            let mut a = stored("a", "Lucía García", "ES");
            a.email = "a@x.es".into();
            a.phone = "+34 612 345 678".into();
            let mut b = stored("b", "王伟", "CN");
            b.phone = "12".into();
            let c = stored("c", "", "");
            vec![a, b, c]
        }

        /// Decides per row from a seed: none, create, skip, or merge into a known or
        /// an unknown id.
        fn chooser(seed: u64) -> impl Fn(usize) -> Option<DuplicateChoice> {
            move |row| match (row as u64 ^ seed) % 5 {
                0 => None,
                1 => Some(DuplicateChoice::Create),
                2 => Some(DuplicateChoice::Skip),
                3 => Some(DuplicateChoice::MergeInto(id("a"))),
                _ => Some(DuplicateChoice::MergeInto(id("ghost"))),
            }
        }

        /// What must hold for any file: each non-blank row is accounted for exactly
        /// once, in order, and planning never loses or invents a row.
        fn check(
            file: &ParsedFile,
            mapping: &CustomerMapping,
            seed: u64,
        ) -> Result<(), TestCaseError> {
            let existing = existing();
            let p = preview_customer_import(
                file,
                mapping,
                &existing,
                now(),
                &zones,
                &names(),
                &mut |row| id(&format!("new-{row}")),
            );
            let non_blank: Vec<usize> = file
                .rows
                .iter()
                .enumerate()
                .filter(|(_, cells)| cells.iter().any(|c| !c.trim().is_empty()))
                .map(|(i, _)| i + 2)
                .collect();
            let mut seen: Vec<usize> = valid_rows(&p)
                .into_iter()
                .chain(rejected_rows(&p))
                .collect();
            seen.sort_unstable();
            prop_assert_eq!(seen, non_blank);
            prop_assert!(p.rejected.iter().all(|r| !r.issues.is_empty()));
            for v in &p.valid {
                prop_assert!(v.duplicates.len() <= MAX_DUPLICATES_SHOWN);
                prop_assert_eq!(&v.customer.id, &id(&format!("new-{}", v.row)));
            }
            let plan = plan_customer_import(&p, &existing, &chooser(seed), now());
            prop_assert!(plan.create.len() + plan.skipped_rows.len() <= p.valid.len());
            prop_assert!(plan.merge.len() <= 1);
            Ok(())
        }

        proptest! {
            #![proptest_config(ProptestConfig::with_cases(1000))]

            #[test]
            fn preview_never_panics_on_arbitrary_text(
                text in any::<String>(), mapping in mapping(), seed in any::<u64>(),
            ) {
                if let Ok(file) = parse_csv(&text) {
                    check(&file, &guess_customer_mapping(&file.headers), seed)?;
                    check(&file, &mapping, seed)?;
                }
            }

            #[test]
            fn preview_never_panics_on_csv_like_text(
                text in "[a-zA-Z0-9,;\t\"\r\n .@+()'=/_-]{0,300}|[áéíñüß王伟李公司个人邮箱国家，、；ａ\u{feff}\u{0}\u{301} ,\"\n@.+0-9]{0,200}",
                mapping in mapping(),
                seed in any::<u64>(),
            ) {
                if let Ok(file) = parse_csv(&text) {
                    check(&file, &guess_customer_mapping(&file.headers), seed)?;
                    check(&file, &mapping, seed)?;
                }
            }
        }

        fn customer_line() -> impl Strategy<Value = String> {
            let name = prop::sample::select(vec![
                "Lucía García",
                "Lucia Garcia",
                "Lucia Garsia",
                "王伟",
                "",
                "A",
                "Marco Rossi",
            ]);
            let kind = prop::sample::select(vec!["", "company", "个人", "robot"]);
            let email = prop::sample::select(vec!["", "a@x.es", "A@X.ES", "b@y.de", "bad@"]);
            let phone = prop::sample::select(vec![
                "",
                "+34 612 345 678",
                "34-612-345-678",
                "12",
                "call me",
            ]);
            let country = prop::sample::select(vec!["ES", "es", "CN", "Spain", ""]);
            let zone = prop::sample::select(vec!["", "Europe/Madrid", "Mars/Base"]);
            let stage = prop::sample::select(vec!["", "loyal", "忠诚客户", "vip"]);
            (name, kind, email, phone, country, zone, stage)
                .prop_map(|(n, k, e, p, c, z, s)| format!("{n},{k},{e},{p},{c},{z},{s}"))
        }

        proptest! {
            #![proptest_config(ProptestConfig::with_cases(500))]

            #[test]
            fn preview_accounts_for_every_row_of_realistic_files(
                lines in proptest::collection::vec(customer_line(), 1..40), seed in any::<u64>(),
            ) {
                let text = format!("Name,Kind,Email,Phone,Country,Time zone,Stage\n{}\n", lines.join("\n"));
                let file = parse_csv(&text).unwrap();
                let mapping = guess_customer_mapping(&file.headers);
                prop_assert_eq!(customer_mapping_problems(&mapping, 7), vec![]);
                check(&file, &mapping, seed)?;
                let p = preview_customer_import(&file, &mapping, &existing(), now(), &zones, &names(), &mut |row| {
                    id(&format!("new-{row}"))
                });
                let mut emails = std::collections::HashSet::new();
                for v in &p.valid {
                    if let Some(key) = email_key(&v.customer.email) {
                        prop_assert!(emails.insert(key), "one accepted row per email");
                    }
                }
            }
        }
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod fuzz;
