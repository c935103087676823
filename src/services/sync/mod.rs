//! Team sync, the use cases (design `team-sync.md` §3): the replicator between
//! this browser's IndexedDB and a CouchDB database, written against two ports,
//! the app's store and [`peer::CouchPeer`], so it runs natively in tests.

pub mod peer;
pub mod replicator;
pub mod session;
pub mod wire;
