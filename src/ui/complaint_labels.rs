//! The complaint wizard's labels: each field's name and each choice's name as a
//! function of the UI language (a select takes `fn(Lang) -> &str` per option).

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
            F::FollowUpAt => Key::FollowUpAt,
            F::Outcome => Key::Outcome,
            F::Satisfaction => Key::Satisfaction,
        },
    )
}

pub(super) fn temperament_fn(t: Temperament) -> fn(Lang) -> &'static str {
    match t {
        Temperament::Emotional => |l| temperament_name(l, Temperament::Emotional),
        Temperament::Stubborn => |l| temperament_name(l, Temperament::Stubborn),
        Temperament::Prepared => |l| temperament_name(l, Temperament::Prepared),
    }
}

pub(super) fn cause_fn(c: ComplaintCause) -> fn(Lang) -> &'static str {
    use ComplaintCause as C;
    match c {
        C::ProductQuality => |l| cause_name(l, C::ProductQuality),
        C::ServiceAttitude => |l| cause_name(l, C::ServiceAttitude),
        C::Misleading => |l| cause_name(l, C::Misleading),
        C::Logistics => |l| cause_name(l, C::Logistics),
        C::PriceBilling => |l| cause_name(l, C::PriceBilling),
        C::AfterSale => |l| cause_name(l, C::AfterSale),
    }
}

pub(super) fn validity_fn(v: Validity) -> fn(Lang) -> &'static str {
    match v {
        Validity::Valid => |l| validity_name(l, Validity::Valid),
        Validity::Partly => |l| validity_name(l, Validity::Partly),
        Validity::NotValid => |l| validity_name(l, Validity::NotValid),
    }
}

pub(super) fn remedy_fn(r: RemedyKind) -> fn(Lang) -> &'static str {
    use RemedyKind as R;
    match r {
        R::Refund => |l| remedy_name(l, R::Refund),
        R::PartialRefund => |l| remedy_name(l, R::PartialRefund),
        R::Replacement => |l| remedy_name(l, R::Replacement),
        R::Resend => |l| remedy_name(l, R::Resend),
        R::Repair => |l| remedy_name(l, R::Repair),
        R::Coupon => |l| remedy_name(l, R::Coupon),
        R::Apology => |l| remedy_name(l, R::Apology),
        R::Compensation => |l| remedy_name(l, R::Compensation),
    }
}

pub(super) fn sat_1(l: Lang) -> &'static str {
    text(l, Key::Satisfaction1)
}
pub(super) fn sat_2(l: Lang) -> &'static str {
    text(l, Key::Satisfaction2)
}
pub(super) fn sat_3(l: Lang) -> &'static str {
    text(l, Key::Satisfaction3)
}
pub(super) fn sat_4(l: Lang) -> &'static str {
    text(l, Key::Satisfaction4)
}
pub(super) fn sat_5(l: Lang) -> &'static str {
    text(l, Key::Satisfaction5)
}
