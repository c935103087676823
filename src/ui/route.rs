//! Which screen is showing, kept in the URL hash so reload and the back button work.

use crate::domain::customers::{CustomerId, CustomerKind};

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Route {
    List,
    New(CustomerKind),
    Customer(CustomerId),
    Edit(CustomerId),
    Import,
    Value,
    Complaints,
    Complaint(String),
    FollowUps,
    Today,
    Replies,
    Data,
}

impl Route {
    pub fn parse(hash: &str) -> Route {
        let path = hash.trim_start_matches('#').trim_start_matches('/');
        let mut parts = path.splitn(2, '/');
        match (parts.next(), parts.next()) {
            (Some("new"), Some(kind)) => {
                Route::New(CustomerKind::from_code(kind).unwrap_or(CustomerKind::Individual))
            }
            (Some("new"), None) => Route::New(CustomerKind::Individual),
            (Some("customer"), Some(id)) if !id.is_empty() => {
                Route::Customer(CustomerId(decode(id)))
            }
            (Some("edit"), Some(id)) if !id.is_empty() => Route::Edit(CustomerId(decode(id))),
            (Some("import"), _) => Route::Import,
            (Some("value"), _) => Route::Value,
            (Some("complaints"), _) => Route::Complaints,
            (Some("complaint"), Some(id)) if !id.is_empty() => Route::Complaint(decode(id)),
            (Some("follow-ups"), _) => Route::FollowUps,
            (Some("today"), _) => Route::Today,
            (Some("replies"), _) => Route::Replies,
            (Some("data"), _) => Route::Data,
            _ => Route::List,
        }
    }

    pub fn to_hash(&self) -> String {
        match self {
            Route::List => "#/".into(),
            Route::New(kind) => format!("#/new/{}", kind.code()),
            Route::Customer(id) => format!("#/customer/{}", encode(id.as_str())),
            Route::Edit(id) => format!("#/edit/{}", encode(id.as_str())),
            Route::Import => "#/import".into(),
            Route::Value => "#/value".into(),
            Route::Complaints => "#/complaints".into(),
            Route::Complaint(id) => format!("#/complaint/{}", encode(id)),
            Route::FollowUps => "#/follow-ups".into(),
            Route::Today => "#/today".into(),
            Route::Replies => "#/replies".into(),
            Route::Data => "#/data".into(),
        }
    }
}

fn encode(s: &str) -> String {
    js_sys::encode_uri_component(s).into()
}

fn decode(s: &str) -> String {
    js_sys::decode_uri_component(s)
        .map(String::from)
        .unwrap_or_else(|_| s.to_owned())
}
