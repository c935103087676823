//! Where this browser syncs: the server, the team's database and the rep's
//! user name, as typed into *Data & backup → Sync*, checked before anything is
//! sent. Kept on this device only (never in a backup); the password is never
//! kept at all: the server's session cookie stands for it.

use serde::{Deserialize, Serialize};
use thiserror::Error;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SyncSettings {
    /// Without a trailing slash: `https://couch.example.com` or a sub-path
    /// behind a reverse proxy (`https://crm.example.com/couch`).
    pub server_url: String,
    pub database: String,
    pub user_name: String,
}

/// Which field is wrong, for the message under it.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum SyncSettingsError {
    #[error("the server URL is empty")]
    EmptyUrl,
    #[error("the server URL must start with https:// (or http:// on this machine)")]
    NotHttp,
    #[error("the server URL has no host name")]
    NoHost,
    #[error("the database name is empty")]
    EmptyDatabase,
    #[error("the database name may hold only lower-case letters, digits and _$()+-/, starting with a letter")]
    BadDatabase,
    #[error("the user name is empty")]
    EmptyUserName,
}

/// CouchDB's rule for database names (`^[a-z][a-z0-9_$()+/-]*$`).
fn is_database_name(name: &str) -> bool {
    let mut chars = name.chars();
    chars.next().is_some_and(|c| c.is_ascii_lowercase())
        && chars.all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || "_$()+-/".contains(c))
}

impl SyncSettings {
    /// The settings as typed, trimmed and checked. Plain `http://` is allowed
    /// only for this machine (`localhost`, `127.0.0.1`): anywhere else the
    /// session cookie would cross the network in clear.
    pub fn check(
        server_url: &str,
        database: &str,
        user_name: &str,
    ) -> Result<SyncSettings, SyncSettingsError> {
        let typed = server_url.trim();
        if typed.is_empty() {
            return Err(SyncSettingsError::EmptyUrl);
        }
        let (scheme, rest) = if let Some(rest) = typed.strip_prefix("https://") {
            ("https://", rest)
        } else if let Some(rest) = typed.strip_prefix("http://") {
            let host = rest.split(['/', ':']).next().unwrap_or_default();
            if !matches!(host, "localhost" | "127.0.0.1" | "[::1]") {
                return Err(SyncSettingsError::NotHttp);
            }
            ("http://", rest)
        } else {
            return Err(SyncSettingsError::NotHttp);
        };
        let rest = rest.trim_end_matches('/');
        let host = rest.split(['/', ':', '?', '#']).next().unwrap_or_default();
        if host.is_empty() || rest.chars().any(char::is_whitespace) {
            return Err(SyncSettingsError::NoHost);
        }
        let url = format!("{scheme}{rest}");
        let database = database.trim();
        if database.is_empty() {
            return Err(SyncSettingsError::EmptyDatabase);
        }
        if !is_database_name(database) {
            return Err(SyncSettingsError::BadDatabase);
        }
        let user_name = user_name.trim();
        if user_name.is_empty() {
            return Err(SyncSettingsError::EmptyUserName);
        }
        Ok(SyncSettings {
            server_url: url,
            database: database.to_owned(),
            user_name: user_name.to_owned(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn settings_are_trimmed_and_checked_field_by_field() {
        let ok = SyncSettings::check(" https://couch.example.com/ ", " crm-team ", " ana ");
        assert_eq!(
            ok,
            Ok(SyncSettings {
                server_url: "https://couch.example.com".into(),
                database: "crm-team".into(),
                user_name: "ana".into(),
            })
        );
        assert!(SyncSettings::check("http://127.0.0.1:5984", "crm", "ana").is_ok());
        assert!(SyncSettings::check("https://crm.example.com/couch", "crm", "ana").is_ok());
        let error = |url: &str, db: &str, user: &str| SyncSettings::check(url, db, user).err();
        assert_eq!(error("", "crm", "ana"), Some(SyncSettingsError::EmptyUrl));
        assert_eq!(
            error("couch.example.com", "crm", "ana"),
            Some(SyncSettingsError::NotHttp)
        );
        assert_eq!(
            error("http://couch.example.com", "crm", "ana"),
            Some(SyncSettingsError::NotHttp),
            "no clear-text cookie across the network"
        );
        assert_eq!(
            error("https://", "crm", "ana"),
            Some(SyncSettingsError::NoHost)
        );
        assert_eq!(
            error("https://a b", "crm", "ana"),
            Some(SyncSettingsError::NoHost)
        );
        assert_eq!(
            error("https://x", " ", "ana"),
            Some(SyncSettingsError::EmptyDatabase)
        );
        assert_eq!(
            error("https://x", "CRM", "ana"),
            Some(SyncSettingsError::BadDatabase)
        );
        assert_eq!(
            error("https://x", "_users", "ana"),
            Some(SyncSettingsError::BadDatabase)
        );
        assert_eq!(
            error("https://x", "crm", " "),
            Some(SyncSettingsError::EmptyUserName)
        );
    }
}
