//! Every input a fuzzer crashed on (`tests/fixtures/fuzz/<target>/`), replayed through the
//! same checks the fuzz target makes (`api4p_lint::fuzzing`). A new crash: copy the artifact
//! from `fuzz/artifacts/<target>/` into that folder under a name saying what broke, fix it,
//! and this test keeps it fixed.

use std::path::Path;

fn replay(target: &str, run: fn(&[u8])) {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/fuzz")
        .join(target);
    let mut inputs: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    inputs.sort();
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
