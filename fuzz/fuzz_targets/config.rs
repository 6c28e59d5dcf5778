//! Bytes in, as `api4p-lint.toml`: see `api4p_lint::fuzzing::config`.
#![no_main]

libfuzzer_sys::fuzz_target!(|bytes: &[u8]| api4p_lint::fuzzing::config(bytes));
