//! The promises of the fast path: a valid payload does no span work, and validators are
//! compiled once per process and shared by every thread.

mod common;

use api4p_lint::source::span_index::builds_on_this_thread;
use api4p_lint::{schema, Linter, PayloadKind};

use common::SEED;

#[test]
fn a_valid_payload_never_builds_the_span_index() {
    let linter = Linter::new();
    let before = builds_on_this_thread();
    for _ in 0..10 {
        assert!(linter.check_str(SEED, PayloadKind::GetResponse).is_clean());
    }
    assert_eq!(builds_on_this_thread(), before);

    let bad = SEED.replacen(r#""status": "WON""#, r#""status": "WONN""#, 1);
    assert!(linter
        .check_str(&bad, PayloadKind::GetResponse)
        .has_errors());
    assert_eq!(
        builds_on_this_thread(),
        before + 1,
        "one index per payload with findings"
    );
}

#[test]
fn validators_are_compiled_once_and_shared_across_threads() {
    let here = schema::compiled(PayloadKind::GetResponse) as *const _ as usize;
    let there = std::thread::spawn(|| {
        let report = Linter::new().check_str(SEED, PayloadKind::GetResponse);
        assert!(report.is_clean());
        schema::compiled(PayloadKind::GetResponse) as *const _ as usize
    })
    .join()
    .unwrap();
    assert_eq!(here, there);
}
