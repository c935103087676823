//! What the orders say about each customer, kept for every screen: the order facts
//! (read once at start, again when orders or costs change), the value page's
//! settings, and the classification computed from them. The badges in the record
//! header, the list, the complaint queue, the follow-ups and Today all read it, and
//! the value page draws from the same classification instead of reading the orders
//! again.

use std::collections::HashMap;
use std::sync::Arc;

use chrono::Utc;
use leptos::prelude::*;

use super::{Backend, CustomersView, ServiceDesk, Shell};
use crate::domain::care::attention::{needing_attention, Flagged, RhythmSettings, Score};
use crate::domain::customers::{CustomerId, RelationshipStage};
use crate::domain::value::{Classification, ValueError, ValueSettings};
use crate::services::value::{classify_in_steps, ValueInputs, FACTS_PER_STEP};
use crate::storage::StoreError;
use crate::ui::latest::Latest;

/// Pointer-equality wrapper so large results can live in signals and memos without
/// deep compares.
#[derive(Debug)]
pub struct Shared<T>(pub Arc<T>);

impl<T> Clone for Shared<T> {
    fn clone(&self) -> Self {
        Self(Arc::clone(&self.0))
    }
}

impl<T> PartialEq for Shared<T> {
    fn eq(&self, other: &Self) -> bool {
        Arc::ptr_eq(&self.0, &other.0)
    }
}

#[derive(Clone, Copy)]
pub struct Insight {
    /// Order facts (grouped by customer, oldest first) and costs; `None` until read.
    pub inputs: RwSignal<Option<Shared<ValueInputs>>>,
    /// Counts the reads that finished: a screen waiting for the facts that include
    /// its own write waits for a larger number than when it wrote.
    pub generation: RwSignal<u64>,
    /// Orders read so far while a read is under way.
    pub loading: RwSignal<Option<usize>>,
    pub load_error: RwSignal<Option<StoreError>>,
    /// The value page's choices; the badges everywhere follow them.
    pub value_settings: RwSignal<ValueSettings>,
    /// Whether `value_settings` holds what was saved (so a default is never saved
    /// over it before the read finished).
    pub settings_loaded: RwSignal<bool>,
    /// Every customer classified; `None` until the facts are read.
    pub classification: RwSignal<Option<Result<Shared<Classification>, ValueError>>>,
    /// Milliseconds the last classification took.
    pub classify_ms: RwSignal<f64>,
    /// The thresholds of the attention flags.
    pub rhythm: RwSignal<RhythmSettings>,
    /// Buyers breaking their own rhythm, from the facts, complaints and thresholds.
    pub attention: RwSignal<Shared<Vec<Flagged>>>,
    /// Satisfaction scores of recent revisit reports.
    pub report_scores: RwSignal<Arc<Vec<Score>>>,
}

impl Insight {
    pub fn new() -> Self {
        Self {
            inputs: RwSignal::new(None),
            generation: RwSignal::new(0),
            loading: RwSignal::new(Some(0)),
            load_error: RwSignal::new(None),
            value_settings: RwSignal::new(ValueSettings::default_for(Utc::now().date_naive())),
            settings_loaded: RwSignal::new(false),
            classification: RwSignal::new(None),
            classify_ms: RwSignal::new(0.0),
            rhythm: RwSignal::new(RhythmSettings::default()),
            attention: RwSignal::new(Shared(Arc::new(Vec::new()))),
            report_scores: RwSignal::new(Arc::new(Vec::new())),
        }
    }
}

impl Default for Insight {
    fn default() -> Self {
        Self::new()
    }
}

/// Keeps [`Insight`] current; mounted once while the database is open. Renders nothing.
#[component]
pub fn InsightKeeper() -> impl IntoView {
    let backend = expect_context::<Backend>();
    let insight = expect_context::<Insight>();
    let customers = expect_context::<CustomersView>();
    let shell = expect_context::<Shell>();
    let desk = expect_context::<ServiceDesk>();

    // Settings are user input: read once, then the value page saves every change.
    leptos::task::spawn_local(async move {
        match backend.value_settings().await {
            Ok(Some(saved)) => insight.value_settings.set(saved),
            Ok(None) => {}
            Err(e) => shell.notify_error(&e),
        }
        insight.settings_loaded.set(true);
        match backend.rhythm_settings().await {
            Ok(Some(saved)) if saved.validate().is_ok() => insight.rhythm.set(saved),
            // Out of range (edited in an older version, or a damaged backup): the
            // defaults serve until the team saves new thresholds.
            Ok(_) => {}
            Err(e) => shell.notify_error(&e),
        }
    });

    // Orders stream in pages into compact facts, read again whenever orders or
    // costs change. Each read is numbered: an older read that finishes later never
    // overwrites a newer one, nor shows its progress.
    let latest_read = Latest::new();
    Effect::new(move |_| {
        backend.changes.track_orders();
        backend.changes.track_costs();
        let turn = latest_read.next();
        let current = move || turn.is_current();
        insight.loading.set(Some(0));
        leptos::task::spawn_local(async move {
            let read = backend
                .value_inputs(&move |n| {
                    if current() {
                        insight.loading.set(Some(n));
                    }
                })
                .await;
            if !current() {
                return;
            }
            insight.loading.set(None);
            match read {
                Ok(inputs) => {
                    customers
                        .open_orders
                        .set(Arc::new(inputs.facts.open_orders()));
                    insight.load_error.set(None);
                    insight.inputs.set(Some(Shared(Arc::new(inputs))));
                    insight.generation.update(|g| *g += 1);
                }
                Err(e) => insight.load_error.set(Some(e)),
            }
        });
    });

    // Only a change of WHO is in the directory re-classifies, not every edit.
    let ids: Memo<Vec<CustomerId>> = Memo::new(move |_| {
        customers
            .directory
            .with(|d| d.iter().map(|c| c.id.clone()).collect())
    });
    // A million orders take a few hundred milliseconds to sum: it runs in steps
    // with the page painting between them. Numbered like the reads: a run
    // overtaken by newer inputs or settings is dropped, never shown.
    let latest_classification = Latest::new();
    Effect::new(move |_| {
        let Some(inputs) = insight.inputs.get() else {
            return;
        };
        let ids = ids.get();
        let settings = insight.value_settings.get();
        let turn = latest_classification.next();
        let today = Utc::now().date_naive();
        leptos::task::spawn_local(async move {
            let started = js_sys::Date::now();
            let result = classify_in_steps(
                ids,
                &inputs.0,
                &settings,
                today,
                FACTS_PER_STEP,
                crate::web::next_task,
            )
            .await;
            if !turn.is_current() {
                return;
            }
            insight.classify_ms.set(js_sys::Date::now() - started);
            if let Ok(classification) = &result {
                let badges = classification.badges();
                customers.tiers.set(badges.tiers());
                customers.badges.set(Arc::new(badges));
            }
            insight
                .classification
                .set(Some(result.map(|c| Shared(Arc::new(c)))));
        });
    });

    // Revisit reports' scores, read again when a contact is logged or the
    // satisfaction span changes.
    Effect::new(move |_| {
        backend.changes.track_contacts();
        let days = insight.rhythm.with(|r| r.satisfaction_days);
        leptos::task::spawn_local(async move {
            match backend.recent_report_scores(days).await {
                Ok(scores) => insight.report_scores.set(Arc::new(scores)),
                Err(e) => shell.notify_error(&e),
            }
        });
    });

    // Attention: each buyer against their own rhythm. Recomputed when the facts,
    // complaints or thresholds change, or a stage does (it decides who is
    // followed); other edits to a customer leave the stage map equal.
    let stages: Memo<Arc<HashMap<CustomerId, RelationshipStage>>> = Memo::new(move |_| {
        Arc::new(
            customers
                .directory
                .with(|d| d.iter().map(|c| (c.id.clone(), c.stage)).collect()),
        )
    });
    Effect::new(move |_| {
        let Some(inputs) = insight.inputs.get() else {
            return;
        };
        let stages = stages.get();
        let settings = insight.rhythm.get();
        let scores = insight.report_scores.get();
        let today = Utc::now()
            .with_timezone(&crate::web::intl::rep_offset_at(""))
            .date_naive();
        let flagged = desk.complaints.with(|complaints| {
            needing_attention(
                &inputs.0.facts,
                complaints,
                &scores,
                &|id| stages.get(id).copied(),
                today,
                &settings,
            )
        });
        insight.attention.set(Shared(Arc::new(flagged)));
    });
}
