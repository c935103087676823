//! The storage port's contract: what every adapter must do, written once, generic
//! over the store. `tests/memory_store.rs` runs every check natively against the
//! in-memory adapter, `tests/idb_store.rs` in the browser against IndexedDB, both
//! through [`contract_checks!`], so a check cannot be added for one and forgotten
//! for the other.
//!
//! Each check gets a new, empty store. Where the adapters report the same failure
//! in different words (a duplicate key is the browser's ConstraintError in
//! IndexedDB), a check asserts only that it failed and that nothing changed.

mod customers;
mod facts;
mod first_page;
mod fixtures;
mod records;
mod reports;
mod sync_docs;
mod sync_outbox;

// Not every test binary that includes `common` runs the contract.
#[allow(unused_imports)]
pub use customers::*;
#[allow(unused_imports)]
pub use facts::*;
#[allow(unused_imports)]
pub use first_page::*;
#[allow(unused_imports)]
pub use fixtures::*;
#[allow(unused_imports)]
pub use records::*;
#[allow(unused_imports)]
pub use reports::*;
#[allow(unused_imports)]
pub use sync_docs::*;
#[allow(unused_imports)]
pub use sync_outbox::*;

/// Calls `$run!(check)` for every check of the contract.
#[allow(unused_macros)]
macro_rules! contract_checks {
    ($run:ident) => {
        $run!(customer_round_trips_exactly);
        $run!(inserting_an_existing_id_is_refused);
        $run!(saves_bump_the_revision_and_stale_saves_are_refused);
        $run!(saving_a_missing_customer_reports_not_found);
        $run!(a_customer_saved_with_follow_ups_is_all_or_nothing);
        $run!(customers_saved_with_follow_ups_are_all_or_nothing);
        $run!(indices_find_orders_by_customer_and_customers_by_country);
        $run!(delete_removes_customer_and_orders_and_undo_restores_both);
        $run!(delete_and_undo_restore_a_demo_customer_and_orders);
        $run!(a_customer_import_merges_revision_checked_and_is_all_or_nothing);
        $run!(order_pages_hold_every_order_once);
        $run!(an_order_import_creates_customers_with_the_orders_all_or_nothing);
        $run!(costs_and_tier_changes_round_trip);
        $run!(complaint_saves_follow_the_revision_rule);
        $run!(a_stale_complaint_save_is_refused_and_books_no_cost);
        $run!(complaint_drafts_keep_the_last_save);
        $run!(contacts_advance_last_contact_and_leave_with_the_customer);
        $run!(logging_a_contact_moves_last_contact_forward_only);
        $run!(deleting_a_customer_takes_their_service_records_and_undo_restores_them);
        $run!(removing_a_logged_contact_puts_the_last_contact_back);
        $run!(reply_edits_accumulate);
        $run!(settings_round_trip);
        $run!(export_then_replace_all_round_trips_everything);
        $run!(put_records_adds_and_replaces_leaving_the_rest);
        // Issue 16: the revisit report.
        $run!(a_report_writes_done_contact_last_contact_and_next_together);
        $run!(a_refused_report_writes_nothing);
        $run!(reports_since_reads_report_contacts_across_customers);
        $run!(a_review_is_stored_on_the_one_contact);
        // Issue 17: the order facts kept beside the orders.
        $run!(order_facts_follow_every_order_write);
        $run!(the_first_page_follows_every_customer_write);
        // Issue 18: team sync's outbox.
        $run!(every_write_marks_what_it_changes);
        $run!(undoing_a_deletion_marks_what_comes_back);
        $run!(acknowledging_keeps_marks_made_since);
        $run!(marking_off_marks_nothing_and_keeps_marks);
        $run!(a_refused_write_marks_nothing);
        $run!(connecting_marks_everything_held);
        $run!(sync_states_and_values_round_trip);
        $run!(replicated_data_leaves_local_fields_out);
        $run!(a_teammates_records_apply_with_the_views_and_without_marks);
        $run!(a_pull_never_overwrites_a_marked_edit);
        $run!(a_teammates_contact_moves_the_last_contact_here);
    };
}
#[allow(unused_imports)]
pub(crate) use contract_checks;
