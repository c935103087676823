//! The customer columns, the column mapping and guessing it from the header names.

use crate::domain::customers::fold_for_matching;
use crate::domain::shared::csv::match_header_aliases;
use crate::domain::shared::sort::sort_stable_by_key;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

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
    pub(super) fn index(self) -> usize {
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
            sort_stable_by_key(&mut self.columns, |(mapped, _)| mapped.index());
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
pub(super) const ALIASES: [(CustomerColumn, &[&str]); 13] = [
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
pub(super) fn normalize(text: &str) -> String {
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
    sort_stable_by_key(&mut mapping.columns, |(field, _)| field.index());
    mapping
}
