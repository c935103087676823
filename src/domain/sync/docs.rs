//! The replicated document model (design `team-sync.md` §1, §5, §6): which stores
//! replicate under which `_id`, the CouchDB envelope around a record, the record's
//! `data` without its local-only fields, and the checks a teammate's document passes
//! before anything reads it.
//!
//! Teammates' documents are untrusted, like an imported file: every problem is a
//! typed [`DocError`] naming the document, never a panic, and a document from a newer
//! build is kept byte for byte instead of being parsed into a shape it does not fit.

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use serde_json::value::RawValue;
use serde_json::Value;
use thiserror::Error;

use super::rev::Rev;
use super::rev_tree::Revisions;
use crate::domain::complaints::{Complaint, ResponseTargets};
use crate::domain::contacts::{Contact, FollowUp};
use crate::domain::customers::Customer;
use crate::domain::exchange::backup::SettingRecord;
use crate::domain::exchange::record_migrations::{
    upgrade_customer_record, CURRENT_RECORDS_VERSION,
};
use crate::domain::orders::{CostEntry, Order};
use crate::domain::value::{TierChange, ValueSettings};

/// Longest `_id` accepted from a teammate: record ids are UUIDs or marketplace order
/// numbers; the cap keeps a hostile peer from handing us megabyte keys.
pub const MAX_DOC_ID_LEN: usize = 512;

/// The settings that are team settings (design §1); every other key stays per device.
pub const REPLICATED_SETTINGS: [&str; 2] = ["value_settings", "response_targets"];

#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum DocError {
    #[error("document id is empty")]
    EmptyId,
    #[error("document id {0:?} is longer than {MAX_DOC_ID_LEN} bytes")]
    IdTooLong(String),
    #[error("document id {0:?} starts with '_', which CouchDB reserves")]
    ReservedId(String),
    #[error("document id {0:?} has no known type prefix")]
    UnknownPrefix(String),
    #[error("document id {0:?} names no record after its prefix")]
    EmptyRecordId(String),
    #[error("document {0:?} is a setting that is kept per device, not replicated")]
    NotReplicatedSetting(String),
    #[error("document {id:?} says type {found:?}, its id says {expected:?}")]
    TypeMismatch {
        id: String,
        expected: &'static str,
        found: String,
    },
    #[error("document {id:?} holds the record {found:?}")]
    RecordIdMismatch { id: String, found: String },
    #[error("document {id:?}: {message}")]
    Envelope { id: String, message: String },
    #[error("document {id:?} has schema 0, which no build writes")]
    ZeroSchema { id: String },
    #[error("document {id:?} cannot be upgraded from schema {schema}: {message}")]
    Upgrade {
        id: String,
        schema: u32,
        message: String,
    },
    #[error("document {id:?} does not read as its record: {message}")]
    Data { id: String, message: String },
}

/// What a replicated document holds. The `type` field and the id prefix are
/// [`DocKind::type_name`]; a match on this enum is exhaustive everywhere, so a new
/// store cannot be half wired.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum DocKind {
    Customer,
    Order,
    Cost,
    TierChange,
    Complaint,
    Contact,
    FollowUp,
    Setting,
}

impl DocKind {
    pub const ALL: [DocKind; 8] = [
        DocKind::Customer,
        DocKind::Order,
        DocKind::Cost,
        DocKind::TierChange,
        DocKind::Complaint,
        DocKind::Contact,
        DocKind::FollowUp,
        DocKind::Setting,
    ];

    /// The envelope's `type` and the id prefix without its colon.
    pub fn type_name(self) -> &'static str {
        match self {
            DocKind::Customer => "customer",
            DocKind::Order => "order",
            DocKind::Cost => "cost",
            DocKind::TierChange => "tier",
            DocKind::Complaint => "complaint",
            DocKind::Contact => "contact",
            DocKind::FollowUp => "followup",
            DocKind::Setting => "setting",
        }
    }

    pub fn from_type_name(name: &str) -> Option<DocKind> {
        DocKind::ALL
            .into_iter()
            .find(|kind| kind.type_name() == name)
    }

    /// `customer:<id>` and so on: ids unique across stores and never starting with
    /// CouchDB's reserved `_`.
    pub fn doc_id(self, record_id: &str) -> String {
        format!("{}:{record_id}", self.type_name())
    }

    /// Fields of `data` that stay on this device (design §1, §2): the tab lock
    /// `revision`, and `last_contact_at`, which each replica derives from contacts.
    pub fn local_fields(self) -> &'static [&'static str] {
        match self {
            DocKind::Customer => &["revision", "last_contact_at"],
            DocKind::Complaint => &["revision"],
            DocKind::Order
            | DocKind::Cost
            | DocKind::TierChange
            | DocKind::Contact
            | DocKind::FollowUp
            | DocKind::Setting => &[],
        }
    }
}

/// Splits a document id into its kind and record id. The record id is everything
/// after the first colon, so `order:amazon:112-1` is the order `amazon:112-1`.
pub fn parse_doc_id(id: &str) -> Result<(DocKind, &str), DocError> {
    if id.is_empty() {
        return Err(DocError::EmptyId);
    }
    if id.len() > MAX_DOC_ID_LEN {
        // Only a prefix goes into the error: the id itself is the oversized part.
        let shown: String = id.chars().take(40).collect();
        return Err(DocError::IdTooLong(shown));
    }
    if id.starts_with('_') {
        return Err(DocError::ReservedId(id.to_owned()));
    }
    let (prefix, record_id) = id
        .split_once(':')
        .ok_or_else(|| DocError::UnknownPrefix(id.to_owned()))?;
    let kind =
        DocKind::from_type_name(prefix).ok_or_else(|| DocError::UnknownPrefix(id.to_owned()))?;
    if record_id.is_empty() {
        return Err(DocError::EmptyRecordId(id.to_owned()));
    }
    if kind == DocKind::Setting && !REPLICATED_SETTINGS.contains(&record_id) {
        return Err(DocError::NotReplicatedSetting(id.to_owned()));
    }
    Ok((kind, record_id))
}

/// A live document's content. Only live documents have one: a tombstone carrying
/// personal data is unrepresentable (design §5).
#[derive(Debug, Clone, PartialEq)]
pub struct LiveBody {
    /// The writer's `CURRENT_RECORDS_VERSION`.
    pub schema: u32,
    /// Field → short revision that last changed it (design §1, used by §4).
    pub fr: BTreeMap<String, String>,
    pub data: Value,
}

/// One revision of a replicated document, as CouchDB stores it.
#[derive(Debug, Clone, PartialEq)]
pub struct SyncDoc {
    pub id: String,
    pub rev: Rev,
    pub kind: DocKind,
    /// Display only: the rep who wrote this revision.
    pub by: String,
    pub at: DateTime<Utc>,
    /// `None` for a tombstone.
    pub body: Option<LiveBody>,
    /// `_revisions`, when the document travels with its history.
    pub revisions: Option<Revisions>,
}

impl SyncDoc {
    pub fn is_deleted(&self) -> bool {
        self.body.is_none()
    }

    pub fn data(&self) -> Option<&Value> {
        self.body.as_ref().map(|body| &body.data)
    }

    /// The document as CouchDB's JSON (`_id`, `_rev`, ...).
    pub fn to_json(&self) -> Value {
        // A wire struct of strings, numbers and maps always serialises.
        serde_json::to_value(Wire::from(self)).unwrap_or(Value::Null)
    }

    /// Reads CouchDB's JSON. The envelope must be well formed and its `type` match
    /// the id; `data` is not looked at (see [`validate`]). A tombstone's body, if a
    /// peer sent one, is dropped.
    pub fn from_json(json: &str) -> Result<SyncDoc, DocError> {
        let wire: Wire = serde_json::from_str(json).map_err(|error| DocError::Envelope {
            id: peek_id(json),
            message: error.to_string(),
        })?;
        wire.into_doc()
    }
}

fn is_false(flag: &bool) -> bool {
    !*flag
}

/// The JSON shape, field order as in the design's examples.
#[derive(Serialize, Deserialize)]
struct Wire {
    #[serde(rename = "_id")]
    id: String,
    #[serde(rename = "_rev")]
    rev: Rev,
    #[serde(rename = "_deleted", default, skip_serializing_if = "is_false")]
    deleted: bool,
    #[serde(rename = "type")]
    doc_type: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    schema: Option<u32>,
    by: String,
    at: DateTime<Utc>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    fr: Option<BTreeMap<String, String>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    data: Option<Value>,
    #[serde(
        rename = "_revisions",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    revisions: Option<Revisions>,
}

impl From<&SyncDoc> for Wire {
    fn from(doc: &SyncDoc) -> Wire {
        Wire {
            id: doc.id.clone(),
            rev: doc.rev.clone(),
            deleted: doc.body.is_none(),
            doc_type: doc.kind.type_name().to_owned(),
            schema: doc.body.as_ref().map(|body| body.schema),
            by: doc.by.clone(),
            at: doc.at,
            fr: doc.body.as_ref().map(|body| body.fr.clone()),
            data: doc.body.as_ref().map(|body| body.data.clone()),
            revisions: doc.revisions.clone(),
        }
    }
}

impl Wire {
    fn into_doc(self) -> Result<SyncDoc, DocError> {
        let (kind, _) = parse_doc_id(&self.id)?;
        if self.doc_type != kind.type_name() {
            return Err(DocError::TypeMismatch {
                id: self.id,
                expected: kind.type_name(),
                found: self.doc_type,
            });
        }
        let body = if self.deleted {
            None
        } else {
            let missing = |what: &str| DocError::Envelope {
                id: self.id.clone(),
                message: format!("a live document needs `{what}`"),
            };
            let schema = self.schema.ok_or_else(|| missing("schema"))?;
            let data = self.data.ok_or_else(|| missing("data"))?;
            Some(LiveBody {
                schema,
                fr: self.fr.unwrap_or_default(),
                data,
            })
        };
        Ok(SyncDoc {
            id: self.id,
            rev: self.rev,
            kind,
            by: self.by,
            at: self.at,
            body,
            revisions: self.revisions,
        })
    }
}

/// The `_id` of a document that failed to parse, for the error message.
fn peek_id(json: &str) -> String {
    #[derive(Deserialize)]
    struct JustId {
        #[serde(rename = "_id")]
        id: String,
    }
    serde_json::from_str::<JustId>(json)
        .map(|just| just.id)
        .unwrap_or_default()
}

/// A record type that replicates: how it becomes `data` and back.
pub trait Replicated: Sized {
    const KIND: DocKind;

    /// The id after the type prefix.
    fn record_id(&self) -> &str;

    /// The record as serde writes it, without [`DocKind::local_fields`].
    fn to_data(&self) -> Result<Value, DocError>;

    /// Reads `data` of the document `doc_id`; local-only fields come from `local`
    /// (this device's copy) or their defaults, never from the peer.
    fn from_data(doc_id: &str, data: Value, local: Option<&Self>) -> Result<Self, DocError>;

    fn doc_id(&self) -> String {
        Self::KIND.doc_id(self.record_id())
    }
}

fn serde_to_data<R: Serialize>(record: &R, kind: DocKind, id: &str) -> Result<Value, DocError> {
    let mut value = serde_json::to_value(record).map_err(|error| DocError::Data {
        id: kind.doc_id(id),
        message: error.to_string(),
    })?;
    strip_local(kind, &mut value);
    Ok(value)
}

fn strip_local(kind: DocKind, value: &mut Value) {
    if let Value::Object(map) = value {
        for field in kind.local_fields() {
            map.remove(*field);
        }
    }
}

/// Parses `data` as `R` after dropping whatever local-only fields a peer put in, and
/// checks the record names the same record as the document id.
fn serde_from_data<R: DeserializeOwned + Replicated>(
    doc_id: &str,
    mut data: Value,
) -> Result<R, DocError> {
    let (kind, record_id) = parse_doc_id(doc_id)?;
    strip_local(kind, &mut data);
    let record: R = serde_json::from_value(data).map_err(|error| DocError::Data {
        id: doc_id.to_owned(),
        message: error.to_string(),
    })?;
    if record.record_id() != record_id {
        return Err(DocError::RecordIdMismatch {
            id: doc_id.to_owned(),
            found: record.record_id().to_owned(),
        });
    }
    Ok(record)
}

/// Records without local-only fields.
macro_rules! replicated_plain {
    ($($ty:ty => $kind:expr),+ $(,)?) => {$(
        impl Replicated for $ty {
            const KIND: DocKind = $kind;
            fn record_id(&self) -> &str {
                &self.id
            }
            fn to_data(&self) -> Result<Value, DocError> {
                serde_to_data(self, Self::KIND, &self.id)
            }
            fn from_data(doc_id: &str, data: Value, _local: Option<&Self>) -> Result<Self, DocError> {
                serde_from_data(doc_id, data)
            }
        }
    )+};
}

replicated_plain!(
    Order => DocKind::Order,
    CostEntry => DocKind::Cost,
    TierChange => DocKind::TierChange,
    Contact => DocKind::Contact,
    FollowUp => DocKind::FollowUp,
);

impl Replicated for Customer {
    const KIND: DocKind = DocKind::Customer;
    fn record_id(&self) -> &str {
        self.id.as_str()
    }
    fn to_data(&self) -> Result<Value, DocError> {
        serde_to_data(self, Self::KIND, self.id.as_str())
    }
    fn from_data(doc_id: &str, data: Value, local: Option<&Self>) -> Result<Self, DocError> {
        let mut customer: Customer = serde_from_data(doc_id, data)?;
        if let Some(local) = local {
            customer.revision = local.revision;
            customer.last_contact_at = local.last_contact_at;
        }
        Ok(customer)
    }
}

impl Replicated for Complaint {
    const KIND: DocKind = DocKind::Complaint;
    fn record_id(&self) -> &str {
        &self.id
    }
    fn to_data(&self) -> Result<Value, DocError> {
        serde_to_data(self, Self::KIND, &self.id)
    }
    fn from_data(doc_id: &str, data: Value, local: Option<&Self>) -> Result<Self, DocError> {
        let mut complaint: Complaint = serde_from_data(doc_id, data)?;
        if let Some(local) = local {
            complaint.revision = local.revision;
        }
        Ok(complaint)
    }
}

/// A setting's `data` is its value itself; the key is the record id. The value is
/// checked against the setting's type, so a malformed team setting never reaches
/// the settings store (which would report it corrupt on every load).
impl Replicated for SettingRecord {
    const KIND: DocKind = DocKind::Setting;
    fn record_id(&self) -> &str {
        &self.key
    }
    fn to_data(&self) -> Result<Value, DocError> {
        serde_json::from_str(&self.json).map_err(|error| DocError::Data {
            id: self.doc_id(),
            message: error.to_string(),
        })
    }
    fn from_data(doc_id: &str, data: Value, _local: Option<&Self>) -> Result<Self, DocError> {
        let (_, key) = parse_doc_id(doc_id)?;
        let typed = match key {
            "value_settings" => serde_json::from_value::<ValueSettings>(data.clone()).map(|_| ()),
            "response_targets" => {
                serde_json::from_value::<ResponseTargets>(data.clone()).map(|_| ())
            }
            _ => return Err(DocError::NotReplicatedSetting(doc_id.to_owned())),
        };
        typed.map_err(|error| DocError::Data {
            id: doc_id.to_owned(),
            message: error.to_string(),
        })?;
        Ok(SettingRecord {
            key: key.to_owned(),
            json: data.to_string(),
        })
    }
}

/// A teammate's record, typed.
#[derive(Debug, Clone, PartialEq)]
pub enum Record {
    Customer(Customer),
    Order(Order),
    Cost(CostEntry),
    TierChange(TierChange),
    Complaint(Complaint),
    Contact(Contact),
    FollowUp(FollowUp),
    Setting(SettingRecord),
}

impl Record {
    /// Reads current-schema `data` as the record its id names (local fields at
    /// their defaults: the caller keeps this device's).
    pub fn from_data(doc_id: &str, data: Value) -> Result<Record, DocError> {
        let (kind, _) = parse_doc_id(doc_id)?;
        Ok(match kind {
            DocKind::Customer => Record::Customer(Replicated::from_data(doc_id, data, None)?),
            DocKind::Order => Record::Order(Replicated::from_data(doc_id, data, None)?),
            DocKind::Cost => Record::Cost(Replicated::from_data(doc_id, data, None)?),
            DocKind::TierChange => Record::TierChange(Replicated::from_data(doc_id, data, None)?),
            DocKind::Complaint => Record::Complaint(Replicated::from_data(doc_id, data, None)?),
            DocKind::Contact => Record::Contact(Replicated::from_data(doc_id, data, None)?),
            DocKind::FollowUp => Record::FollowUp(Replicated::from_data(doc_id, data, None)?),
            DocKind::Setting => Record::Setting(Replicated::from_data(doc_id, data, None)?),
        })
    }
}

/// What a teammate's document turned out to be. (No `PartialEq`: raw JSON has no
/// meaningful equality.)
#[derive(Debug, Clone)]
pub enum Validated {
    /// Readable by this build. `doc` is as received (its revision hashes that body);
    /// `data` is the body upgraded to this build's schema and normalised through the
    /// record type, which is what the field merge compares.
    Live {
        doc: SyncDoc,
        data: Value,
        record: Box<Record>,
    },
    Deleted(SyncDoc),
    /// Written by a newer build: kept raw, never applied or edited (design §6).
    NeedsNewerApp {
        id: String,
        rev: Rev,
        schema: u32,
        raw: Box<RawValue>,
    },
}

/// Checks a teammate's document (one element of `_bulk_get`'s answer): envelope,
/// type against id prefix, schema, and the record's shape.
pub fn validate(json: &str) -> Result<Validated, DocError> {
    let doc = SyncDoc::from_json(json)?;
    let Some(body) = &doc.body else {
        return Ok(Validated::Deleted(doc));
    };
    let schema = body.schema;
    if schema == 0 {
        return Err(DocError::ZeroSchema { id: doc.id });
    }
    if schema > CURRENT_RECORDS_VERSION {
        let raw = RawValue::from_string(json.to_owned()).map_err(|error| DocError::Envelope {
            id: doc.id.clone(),
            message: error.to_string(),
        })?;
        return Ok(Validated::NeedsNewerApp {
            id: doc.id,
            rev: doc.rev,
            schema,
            raw,
        });
    }
    let current = upgrade(&doc.id, doc.kind, body.data.clone(), schema)?;
    let record = Record::from_data(&doc.id, current)?;
    let data = record_data(&record)?;
    Ok(Validated::Live {
        doc,
        data,
        record: Box::new(record),
    })
}

/// Older customer bodies go through the stored-record migrations, on read only: no
/// revision is made (design §6). The other stores' records have not changed shape
/// since they were added, so their bodies pass through.
fn upgrade(id: &str, kind: DocKind, data: Value, schema: u32) -> Result<Value, DocError> {
    if kind != DocKind::Customer || schema == CURRENT_RECORDS_VERSION {
        return Ok(data);
    }
    let mut upgraded =
        upgrade_customer_record(data, schema).map_err(|error| DocError::Upgrade {
            id: id.to_owned(),
            schema,
            message: error.to_string(),
        })?;
    strip_local(kind, &mut upgraded);
    Ok(upgraded)
}

/// The record as `data`, without local fields.
pub fn record_data(record: &Record) -> Result<Value, DocError> {
    match record {
        Record::Customer(r) => r.to_data(),
        Record::Order(r) => r.to_data(),
        Record::Cost(r) => r.to_data(),
        Record::TierChange(r) => r.to_data(),
        Record::Complaint(r) => r.to_data(),
        Record::Contact(r) => r.to_data(),
        Record::FollowUp(r) => r.to_data(),
        Record::Setting(r) => r.to_data(),
    }
}

#[cfg(test)]
#[path = "docs_tests.rs"]
mod tests;
