//! Reading and checking a large file in steps, with a pause between steps in which
//! the page paints, moves its progress bar and takes input (a 100,000-row export
//! takes seconds to read and seconds to check).
//!
//! The pause is injected: the browser waits for its next task (`web::next_task`,
//! a zero timeout), tests count the pauses.

use std::future::Future;

use crate::domain::exchange::orders_import::{ColumnMapping, ImportPlan, ImportPlanner};
use crate::domain::shared::csv::{CsvParser, FileError, ParsedFile};

/// Records read, or rows checked, between two pauses: a few tens of milliseconds
/// of work on a mid-range laptop, under the 50 ms after which a page feels stuck.
pub const ROWS_PER_STEP: usize = 2_000;

/// [`parse_csv`](crate::domain::shared::csv::parse_csv) in steps;
/// `progress(bytes read, bytes in all)` before each pause.
pub async fn read_table<P: Future<Output = ()>>(
    text: &str,
    pause: impl Fn() -> P,
    progress: &dyn Fn(usize, usize),
) -> Result<ParsedFile, FileError> {
    let mut parser = CsvParser::new(text)?;
    while !parser.read_rows(ROWS_PER_STEP)? {
        let (done, total) = parser.progress();
        progress(done, total);
        pause().await;
    }
    parser.finish()
}

/// [`plan_import`](crate::domain::exchange::orders_import::plan_import) in steps;
/// `progress(rows checked, rows in all)` before each pause.
pub async fn plan_orders_import<P: Future<Output = ()>>(
    file: &ParsedFile,
    mapping: &ColumnMapping,
    pause: impl Fn() -> P,
    progress: &dyn Fn(usize, usize),
) -> ImportPlan {
    let mut planner = ImportPlanner::new(file, mapping);
    while !planner.plan_rows(ROWS_PER_STEP) {
        let (done, total) = planner.progress();
        progress(done, total);
        pause().await;
    }
    planner.finish()
}
