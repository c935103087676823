use proptest::prelude::*;

use super::*;
use crate::domain::shared::csv::parse_csv;

/// Rows with every kind of outcome: good, bad date, bad amount, duplicate, blank,
/// missing buyer, unknown status.
fn sample() -> ParsedFile {
    let mut text = String::from("Order ID,Buyer ID,Order Date,Currency,Order Amount,Status\n");
    for i in 0..120 {
        let line = match i % 7 {
            0 => format!(
                "A-{i},b{},2026-03-{:02},EUR,{}.50,delivered\n",
                i % 9,
                1 + i % 28,
                i
            ),
            1 => format!("A-{i},b{},2026-02-30,EUR,1.00,shipped\n", i % 9),
            2 => format!("A-{i},b{},2026-03-01,EUR,1.005,paid\n", i % 9),
            3 => format!("A-{},b1,2026-03-01,USD,2.00,paid\n", i - 3),
            4 => "\n".to_owned(),
            5 => format!("A-{i},,2026-03-01,JPY,200,paid\n"),
            _ => format!("A-{i},b{},2026-03-01,GBP,3.00,lost\n", i % 9),
        };
        text.push_str(&line);
    }
    parse_csv(&text).unwrap()
}

fn in_steps(file: &ParsedFile, mapping: &ColumnMapping, step: usize) -> ImportPlan {
    let mut planner = ImportPlanner::new(file, mapping);
    let mut last = planner.progress();
    while !planner.plan_rows(step) {
        let now = planner.progress();
        assert!(
            now.0 > last.0 && now.1 == file.rows.len(),
            "{last:?} then {now:?}"
        );
        last = now;
    }
    assert_eq!(planner.progress(), (file.rows.len(), file.rows.len()));
    planner.finish()
}

#[test]
fn planning_in_steps_gives_the_same_plan() {
    let file = sample();
    let mapping = guess_mapping(&file.headers);
    let whole = plan_import(&file, &mapping);
    assert!(!whole.orders.is_empty() && !whole.rejected.is_empty());
    assert!(whole
        .rejected
        .iter()
        .any(|e| matches!(e.problem, RowProblem::DuplicateInFile { .. })));
    for step in [1, 2, 5, 16, 1_000] {
        assert_eq!(in_steps(&file, &mapping, step), whole, "steps of {step}");
    }
}

proptest! {
    #[test]
    fn any_step_size_gives_the_same_plan(step in 1usize..40) {
        let file = sample();
        let mapping = guess_mapping(&file.headers);
        prop_assert_eq!(in_steps(&file, &mapping, step), plan_import(&file, &mapping));
    }
}
