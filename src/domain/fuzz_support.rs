//! Reach measurement for the domain's fuzzers.
//!
//! A fuzzer whose inputs are all refused at the door (the CSV does not parse, the
//! checksum does not match, the draft does not validate) passes whatever the code
//! behind the door does: the test review found five planted panics that survived
//! every fuzzer for that reason. So each fuzzer here says, per input, whether it
//! reached the code under test, and the test fails when too few did.
//!
//! The run is deterministic (fixed seed, no persistence file) so a share measured
//! once is the share measured on every machine, and the floor can sit close to it
//! without flaking.

use std::cell::Cell;
use std::fmt::Debug;

use proptest::strategy::Strategy;
use proptest::test_runner::{Config, TestCaseError, TestError, TestRng, TestRunner};

/// Runs `check` on `cases` inputs drawn from `strategy` with a fixed seed. `check`
/// returns `Ok(true)` when the input reached the code under test, `Ok(false)` when
/// it was (rightly) refused before, and an error when a property is broken; a panic
/// inside counts as a broken property. Panics with the minimal failing input on
/// any failure, and when fewer than `floor_percent` % of the inputs reached the
/// subject. Returns the reached share in percent.
pub(crate) fn fuzz_reach<S>(
    name: &str,
    cases: u32,
    floor_percent: u32,
    strategy: S,
    check: impl Fn(S::Value) -> Result<bool, TestCaseError>,
) -> u32
where
    S: Strategy,
    S::Value: Debug,
{
    let config = Config {
        cases,
        failure_persistence: None,
        ..Config::default()
    };
    let rng = TestRng::deterministic_rng(config.rng_algorithm);
    let mut runner = TestRunner::new_with_rng(config, rng);
    // Shrinking calls `check` again, but only after a failure, when the counts no
    // longer matter; on success there is exactly one call per case.
    let (calls, reached) = (Cell::new(0u32), Cell::new(0u32));
    let result = runner.run(&strategy, |value| {
        calls.set(calls.get() + 1);
        let hit = check(value)?;
        reached.set(reached.get() + u32::from(hit));
        Ok(())
    });
    match result {
        Ok(()) => {}
        Err(TestError::Fail(reason, minimal)) => {
            panic!("{name}: {reason}\nminimal input: {minimal:#?}")
        }
        Err(TestError::Abort(reason)) => panic!("{name}: aborted: {reason}"),
    }
    let (calls, reached) = (calls.get(), reached.get());
    let percent = reached * 100 / calls.max(1);
    println!("{name}: reached {reached} of {calls} ({percent} %), floor {floor_percent} %");
    assert!(
        percent >= floor_percent,
        "{name}: only {reached} of {calls} inputs ({percent} %) reached the code under test; floor {floor_percent} %"
    );
    percent
}

/// Text as reps and customers type it: emoji (with joiners, skin tones and flags),
/// right-to-left scripts and direction marks, CJK, combining accents, line breaks.
/// Never blank after trimming and at most `max_chars` characters, so a required
/// field with that limit accepts it: the point is to get past validation.
pub(crate) fn human_text(max_chars: usize) -> impl Strategy<Value = String> {
    const PIECES: [&str; 16] = [
        "Call back",
        "😀",
        "👨‍👩‍👧",
        "👍🏽",
        "🇪🇸",
        "مرحبا بك",
        "שלום",
        "\u{200F}\u{202E}reversed\u{202C}",
        "王小明 退款",
        "e\u{301}",
        "Ñandú",
        " ",
        "\n",
        "☎ 12:30",
        "<b>&amp;</b>",
        "𝔘𝔫𝔦𝔠𝔬𝔡𝔢",
    ];
    proptest::collection::vec(proptest::sample::select(PIECES.to_vec()), 1..8).prop_map(
        move |pieces| {
            let text: String = pieces.concat().chars().take(max_chars).collect();
            if text.trim().is_empty() {
                "🙂".to_owned()
            } else {
                text
            }
        },
    )
}
