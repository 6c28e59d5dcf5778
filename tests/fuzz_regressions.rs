//! Every input a fuzzer crashed on (`tests/fixtures/fuzz/<target>/`), replayed through the
//! same checks the fuzz target makes (`api4p_lint::fuzzing`). A new crash: copy the artifact
//! from `fuzz/artifacts/<target>/` into that folder under a name saying what broke, fix it,
//! and this test keeps it fixed.

mod common;

use common::{fixtures, sorted_entries};

fn replay(target: &str, run: fn(&[u8])) {
    let dir = fixtures().join("fuzz").join(target);
    let inputs = sorted_entries(&dir);
    assert!(!inputs.is_empty(), "no inputs in {}", dir.display());
    for input in inputs {
        let bytes = std::fs::read(&input).unwrap();
        if let Err(panic) = std::panic::catch_unwind(|| run(&bytes)) {
            panic!("{} fails again: {panic:?}", input.display());
        }
    }
}

#[test]
fn check_target_crashes_stay_fixed() {
    replay("check", api4p_lint::fuzzing::check);
}

#[test]
fn config_target_crashes_stay_fixed() {
    replay("config", api4p_lint::fuzzing::config);
}

/// The redaction target's inputs: the leaks an adversarial review found, as seeds with
/// marker-letter data, and any crash of the target later.
#[test]
fn redact_target_leaks_stay_fixed() {
    replay("redact", api4p_lint::fuzzing::redact);
}
