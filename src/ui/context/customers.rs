//! The customer directory as the screens show it: every record, the list's query
//! and page, and each customer's latest value tier.

use std::collections::HashMap;
use std::sync::Arc;

use leptos::prelude::*;

use crate::domain::customers::{Customer, CustomerId, Directory, ListQuery, SummaryIndex};
use crate::domain::value::{ValueBadge, ValueBadges, ValueTier};

pub const PAGE_SIZE: usize = 50;

/// The list's search box's id: the preview's and the full list's (one at a time),
/// so the full list can take the focus over from the preview.
pub const SEARCH_INPUT_ID: &str = "filter-search";

#[derive(Clone, Copy)]
pub struct CustomersView {
    pub directory: RwSignal<Directory>,
    pub query: RwSignal<ListQuery>,
    pub page: RwSignal<usize>,
    /// Each customer's current value tier: computed from the orders (see
    /// [`super::Insight`]) once they are read, the recorded tiers until then.
    pub tiers: RwSignal<HashMap<CustomerId, ValueTier>>,
    /// Tier, rank, ABC class and RFM scores of each customer, computed from the
    /// orders; empty until they are read.
    pub badges: RwSignal<Arc<ValueBadges>>,
    /// How many orders each customer has open (placed, not yet delivered or closed).
    pub open_orders: RwSignal<Arc<HashMap<CustomerId, u32>>>,
    /// The list's first page, read quickly at start while every customer is still
    /// being read; `None` once the directory holds them all (or when there is none).
    pub first_page: RwSignal<Option<Arc<Vec<Customer>>>>,
    /// Search over the stored summaries while every customer is still being read;
    /// `None` once the directory holds them all (or when the store has none built).
    pub preview: RwSignal<Option<Arc<SummaryIndex>>>,
    /// The rep was typing in the preview's search box when the full list replaced
    /// it: the full list's box takes the focus, so no keystroke goes astray.
    pub refocus_search: RwSignal<bool>,
}

impl CustomersView {
    pub fn new() -> Self {
        Self {
            directory: RwSignal::new(Directory::default()),
            query: RwSignal::new(ListQuery::default()),
            page: RwSignal::new(0),
            tiers: RwSignal::new(HashMap::new()),
            badges: RwSignal::new(Arc::new(ValueBadges::default())),
            open_orders: RwSignal::new(Arc::new(HashMap::new())),
            first_page: RwSignal::new(None),
            preview: RwSignal::new(None),
            refocus_search: RwSignal::new(false),
        }
    }

    pub fn tier_of(&self, id: &CustomerId) -> Option<ValueTier> {
        self.tiers.with_untracked(|t| t.get(id).copied())
    }

    pub fn badge_of(&self, id: &CustomerId) -> Option<ValueBadge> {
        self.badges.with(|b| b.get(id))
    }

    /// Whether the directory holds this id (the demo and imports skip those).
    pub fn knows(&self, id: &CustomerId) -> bool {
        self.directory.with_untracked(|d| d.get(id).is_some())
    }
}

impl Default for CustomersView {
    fn default() -> Self {
        Self::new()
    }
}
