//! The service desk: complaints, follow-ups, response limits and the rep's name.

use leptos::prelude::*;

use crate::domain::complaints::{Complaint, ResponseTargets};
use crate::domain::contacts::FollowUp;
use crate::web::prefs;

#[derive(Clone, Copy)]
pub struct ServiceDesk {
    /// Every complaint (few enough to keep in memory for the queue and statistics).
    pub complaints: RwSignal<Vec<Complaint>>,
    pub follow_ups: RwSignal<Vec<FollowUp>>,
    pub response_targets: RwSignal<ResponseTargets>,
    /// The rep using this browser, remembered so contacts and follow-ups name them.
    pub rep_name: RwSignal<String>,
}

impl ServiceDesk {
    pub fn new() -> Self {
        Self {
            complaints: RwSignal::new(Vec::new()),
            follow_ups: RwSignal::new(Vec::new()),
            response_targets: RwSignal::new(ResponseTargets::default()),
            rep_name: RwSignal::new(prefs::rep_name()),
        }
    }

    pub fn complaint(&self, id: &str) -> Option<Complaint> {
        self.complaints
            .with(|all| all.iter().find(|c| c.id == id).cloned())
    }

    pub(super) fn upsert_complaint(&self, complaint: Complaint) {
        self.complaints
            .update(|all| match all.iter_mut().find(|c| c.id == complaint.id) {
                Some(slot) => *slot = complaint,
                None => all.push(complaint),
            });
    }

    pub(super) fn upsert_follow_up(&self, follow_up: &FollowUp) {
        self.follow_ups
            .update(|all| match all.iter_mut().find(|f| f.id == follow_up.id) {
                Some(slot) => *slot = follow_up.clone(),
                None => all.push(follow_up.clone()),
            });
    }
}

impl Default for ServiceDesk {
    fn default() -> Self {
        Self::new()
    }
}
