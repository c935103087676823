//! Team sync, the use cases (design `team-sync.md` §3): the replicator between
//! this browser's IndexedDB and a CouchDB database, written against two ports,
//! the app's store and `domain::sync::peer::CouchPeer`, so it runs natively in
//! tests; and what a failed round means for the rep.

pub mod message;
pub mod replicator;
pub mod session;
