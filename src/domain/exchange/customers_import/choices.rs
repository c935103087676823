//! Reading choice cells (kind, stage, lead source) in English, in the app's language
//! or as the app's own codes.

use super::*;
use crate::domain::customers::RelationshipStage;
use crate::domain::customers::{CustomerKind, LeadSource};

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

pub(super) fn parse_kind(text: &str, names: &ChoiceNames) -> Option<CustomerKind> {
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

pub(super) fn parse_stage(text: &str, names: &ChoiceNames) -> Option<RelationshipStage> {
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

pub(super) fn parse_lead_source(text: &str, names: &ChoiceNames) -> Option<LeadSource> {
    parse_labelled(
        text,
        &LeadSource::ALL,
        LeadSource::code,
        &names.lead_sources,
        &LEAD_SOURCE_WORDS,
    )
}
