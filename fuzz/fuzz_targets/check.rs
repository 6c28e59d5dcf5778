//! Bytes in, as every payload kind and with the kind detected: see `api4p_lint::fuzzing::check`.
#![no_main]

libfuzzer_sys::fuzz_target!(|bytes: &[u8]| api4p_lint::fuzzing::check(bytes));
