//! Team sync, the pure part: what CouchDB-compatible replication decides without
//! touching the network or IndexedDB (design: `team-sync.md`, sections 1 to 6).
//!
//! - [`rev`]: revision ids `N-hash`, parsed strictly;
//! - [`rev_tree`]: a document's revision tree, a port of PouchDB's `pouchdb-merge`
//!   (merge, stemming, leaves, the deterministic winner, `_revisions`, `_revs_diff`);
//! - [`rev_id`]: the deterministic revision id of a local edit;
//! - [`checkpoint`]: replication ids and the checkpoint comparison of the
//!   replication protocol;
//! - [`docs`]: the replicated document model (ids, envelope, `data`, validation);
//! - [`doc_state`]: what this browser keeps per document, and a local write or
//!   a teammate's revision applied to it;
//! - [`field_merge`]: the deterministic per-field merge of conflicted leaves;
//! - [`outbox`]: which documents this browser changed and has not pushed yet;
//! - [`records`]: a won revision's data as the record this device stores;
//! - [`settings`]: the server, database and user name, checked;
//! - [`peer`]: the other side of replication, a CouchDB database, as a port
//!   (`web::couch` in the browser, a double in tests), and [`wire`]: its
//!   answers parsed, never trusted.
//!
//! Used by module path (`domain::sync::rev_tree::RevTree`), like `shared`.

pub mod checkpoint;
pub mod doc_state;
pub mod docs;
pub mod field_merge;
pub mod outbox;
pub mod peer;
pub mod records;
pub mod rev;
pub mod rev_id;
pub mod rev_tree;
pub mod settings;
pub mod wire;
