//! A CouchDB database in memory, for the replicator's native tests: revision
//! trees, winners and `_revisions` from the same `domain::sync::rev_tree` the
//! app uses (itself checked against CouchDB's rules by property tests and
//! against pouchdb-server in `tests/e2e/sync_server.test.mjs`), a sequence
//! number per write, `_local` documents. Requests are counted, and the next one
//! can be made to fail, as a network or a server would.

use std::cell::{Cell, RefCell};
use std::collections::BTreeMap;

use crm::domain::sync::checkpoint::Seq;
use crm::domain::sync::docs::SyncDoc;
use crm::domain::sync::peer::{ChangeRow, ChangesBatch, CouchPeer, DocWriteError, PeerError};
use crm::domain::sync::rev::Rev;
use crm::domain::sync::rev_tree::{RevPath, RevTree, Revisions, DEFAULT_REVS_LIMIT};
use serde_json::Value;

#[derive(Default)]
struct Doc {
    tree: RevTree,
    /// Each revision's JSON as stored (without `_revisions`).
    bodies: BTreeMap<String, Value>,
    seq: u64,
}

#[derive(Default)]
pub struct CouchDouble {
    docs: RefCell<BTreeMap<String, Doc>>,
    seq: Cell<u64>,
    locals: RefCell<BTreeMap<String, Value>>,
    /// The next request fails with this, once.
    pub fail_next: RefCell<Option<PeerError>>,
    /// `_bulk_docs` with more documents than this answers 413.
    pub max_bulk_docs: Cell<Option<usize>>,
    pub requests: Cell<usize>,
    pub bulk_docs_sent: Cell<usize>,
}

impl CouchDouble {
    fn request(&self) -> Result<(), PeerError> {
        self.requests.set(self.requests.get() + 1);
        match self.fail_next.borrow_mut().take() {
            Some(error) => Err(error),
            None => Ok(()),
        }
    }

    /// The winning revision of `id`, as CouchDB would answer `GET /db/id`.
    pub fn winner(&self, id: &str) -> Option<Rev> {
        self.docs.borrow().get(id)?.tree.winning_rev()
    }

    pub fn leaves(&self, id: &str) -> usize {
        self.docs
            .borrow()
            .get(id)
            .map_or(0, |d| d.tree.leaves().len())
    }
}

fn seq_number(seq: &Seq) -> u64 {
    seq.0.as_u64().unwrap_or(0)
}

impl CouchPeer for CouchDouble {
    async fn server_uuid(&self) -> Result<String, PeerError> {
        self.request()?;
        Ok("double-0000".into())
    }

    async fn changes(&self, since: &Seq, limit: u32) -> Result<ChangesBatch, PeerError> {
        self.request()?;
        let since = seq_number(since);
        let docs = self.docs.borrow();
        let mut rows: Vec<ChangeRow> = docs
            .iter()
            .filter(|(_, d)| d.seq > since)
            .map(|(id, d)| ChangeRow {
                id: id.clone(),
                seq: Seq(Value::from(d.seq)),
                revs: d.tree.leaves().into_iter().map(|l| l.rev).collect(),
                deleted: d.tree.winner().is_some_and(|w| w.deleted),
            })
            .collect();
        rows.sort_by_key(|r| seq_number(&r.seq));
        rows.truncate(limit as usize);
        let last_seq = rows
            .last()
            .map_or(Seq(Value::from(since)), |r| r.seq.clone());
        Ok(ChangesBatch { rows, last_seq })
    }

    async fn wait_for_changes(&self, since: &Seq, limit: u32) -> Result<ChangesBatch, PeerError> {
        self.changes(since, limit).await
    }

    async fn revs_diff(
        &self,
        revs: &BTreeMap<String, Vec<Rev>>,
    ) -> Result<BTreeMap<String, Vec<Rev>>, PeerError> {
        self.request()?;
        let docs = self.docs.borrow();
        Ok(revs
            .iter()
            .filter_map(|(id, revs)| {
                let missing = match docs.get(id) {
                    Some(doc) => doc.tree.revs_diff(revs).missing,
                    None => revs.clone(),
                };
                (!missing.is_empty()).then(|| (id.clone(), missing))
            })
            .collect())
    }

    async fn bulk_get(&self, wanted: &[(String, Rev)]) -> Result<Vec<String>, PeerError> {
        self.request()?;
        let docs = self.docs.borrow();
        Ok(wanted
            .iter()
            .filter_map(|(id, rev)| {
                let doc = docs.get(id)?;
                let mut body = doc.bodies.get(&rev.to_string())?.clone();
                let revisions: Revisions = doc.tree.revisions(rev)?;
                body["_revisions"] = serde_json::json!({
                    "start": revisions.start,
                    "ids": revisions.ids,
                });
                Some(body.to_string())
            })
            .collect())
    }

    async fn bulk_docs(&self, docs: &[Value]) -> Result<Vec<DocWriteError>, PeerError> {
        self.request()?;
        if self.max_bulk_docs.get().is_some_and(|max| docs.len() > max) {
            return Err(PeerError::TooLarge);
        }
        self.bulk_docs_sent
            .set(self.bulk_docs_sent.get() + docs.len());
        let mut stored = self.docs.borrow_mut();
        for json in docs {
            let doc = SyncDoc::from_json(&json.to_string())
                .map_err(|e| PeerError::BadResponse(e.to_string()))?;
            let revisions = doc.revisions.clone().unwrap_or_else(|| Revisions {
                start: doc.rev.pos(),
                ids: vec![doc.rev.hash().to_owned()],
            });
            let path = RevPath::from_revisions(&revisions, doc.is_deleted())
                .map_err(|e| PeerError::BadResponse(e.to_string()))?;
            let entry = stored.entry(doc.id.clone()).or_default();
            entry.tree.merge(&path, DEFAULT_REVS_LIMIT);
            let mut body = json.clone();
            if let Some(object) = body.as_object_mut() {
                object.remove("_revisions");
            }
            entry.bodies.insert(doc.rev.to_string(), body);
            self.seq.set(self.seq.get() + 1);
            entry.seq = self.seq.get();
        }
        Ok(Vec::new())
    }

    async fn get_local(&self, id: &str) -> Result<Option<Value>, PeerError> {
        self.request()?;
        Ok(self.locals.borrow().get(id).cloned())
    }

    async fn put_local(&self, id: &str, body: &Value) -> Result<(), PeerError> {
        self.request()?;
        self.locals.borrow_mut().insert(id.to_owned(), body.clone());
        Ok(())
    }
}
