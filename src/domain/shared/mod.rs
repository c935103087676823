//! Building blocks several contexts use: the `coded_enum!` macro, exact amounts
//! (`parse_amount`, `DecimalStyle`), canonical JSON (for checksums and revision ids), a fast hasher, one stable sort for the whole app, reading CSV exports and text files of unknown encoding and (test-only) fuzzing helpers.

#[macro_use]
pub mod coded_enum;

pub mod amounts;

pub mod canonical_json;

pub mod csv;
pub mod fast_hash;
#[cfg(all(test, not(target_arch = "wasm32")))]
pub(crate) mod fuzz_support;
pub mod sort;
#[cfg(all(test, not(target_arch = "wasm32")))]
pub(crate) mod test_futures;
pub mod text_file;
