//! Bytes in, checked with and without `--redact`: no marker-letter run of the payload's data in
//! any redacted output, findings where the unredacted run has them. See
//! `api4p_lint::fuzzing::redact`; seeds carry values made of its marker letters.
#![no_main]

libfuzzer_sys::fuzz_target!(|bytes: &[u8]| api4p_lint::fuzzing::redact(bytes));
