//! The complaint wizard's labels: each field's name, and the choices of each select
//! field, in the UI language.

use crate::domain::complaints::{
    ComplaintCause, ComplaintField, RemedyKind, Temperament, Validity,
};
use crate::i18n::{cause_name, remedy_name, temperament_name, text, validity_name, Key, Lang};

pub(super) fn field_label(lang: Lang, field: ComplaintField) -> &'static str {
    use ComplaintField as F;
    text(
        lang,
        match field {
            F::CustomerWords => Key::CustomerWords,
            F::Channel => Key::Marketplace,
            F::OrderRef => Key::OrderReference,
            F::Temperament => Key::Temperament,
            F::Complainant => Key::Complainant,
            F::Cause => Key::ComplaintCauseLabel,
            F::WhatHappened => Key::WhatHappened,
            F::HappenedOn => Key::HappenedOn,
            F::Product => Key::Product,
            F::PurchasedOn => Key::PurchasedOn,
            F::Usage => Key::Usage,
            F::WantedOutcome => Key::WantedOutcome,
            F::WantedHow => Key::WantedHow,
            F::Validity => Key::ValidityLabel,
            F::ValidityReason => Key::ValidityReason,
            F::Remedy => Key::RemedyLabel,
            F::RemedyAmount => Key::Amount,
            F::RemedyCurrency => Key::CostCurrency,
            F::RemedyNote => Key::RemedyNote,
            F::FollowUpAt => Key::ComplaintFollowUpAt,
            F::Outcome => Key::Outcome,
            F::Satisfaction => Key::Satisfaction,
        },
    )
}

/// The choices of a select field as (stored code, name in `lang`); empty for the
/// text fields.
pub(super) fn field_choices(
    lang: Lang,
    field: ComplaintField,
) -> Vec<(&'static str, &'static str)> {
    use ComplaintField as F;
    match field {
        F::Temperament => Temperament::ALL
            .iter()
            .map(|t| (t.code(), temperament_name(lang, *t)))
            .collect(),
        F::Cause => ComplaintCause::ALL
            .iter()
            .map(|c| (c.code(), cause_name(lang, *c)))
            .collect(),
        F::Validity => Validity::ALL
            .iter()
            .map(|v| (v.code(), validity_name(lang, *v)))
            .collect(),
        F::Remedy => RemedyKind::ALL
            .iter()
            .map(|r| (r.code(), remedy_name(lang, *r)))
            .collect(),
        F::Satisfaction => [
            ("1", Key::Satisfaction1),
            ("2", Key::Satisfaction2),
            ("3", Key::Satisfaction3),
            ("4", Key::Satisfaction4),
            ("5", Key::Satisfaction5),
        ]
        .into_iter()
        .map(|(code, key)| (code, text(lang, key)))
        .collect(),
        F::CustomerWords
        | F::Channel
        | F::OrderRef
        | F::Complainant
        | F::WhatHappened
        | F::HappenedOn
        | F::Product
        | F::PurchasedOn
        | F::Usage
        | F::WantedOutcome
        | F::WantedHow
        | F::ValidityReason
        | F::RemedyAmount
        | F::RemedyCurrency
        | F::RemedyNote
        | F::FollowUpAt
        | F::Outcome => Vec::new(),
    }
}
