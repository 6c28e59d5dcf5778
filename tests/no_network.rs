//! No network: schemas never fetch a remote `$ref`, no HTTP client is compiled into
//! validation, and checking works in a network namespace without a network.

mod common;

use std::process::Command;

use common::CREATE;

// ---------------------------------------------------------------------------------------
// No network, no disk

#[test]
fn a_remote_ref_is_never_fetched() {
    // jsonschema is built without `resolve-http` and `resolve-file`: a schema pointing
    // elsewhere does not compile, at once, instead of being fetched.
    for reference in [
        "https://example.com/remote.json",
        "http://127.0.0.1:9/schema.json",
        "file:///etc/passwd",
    ] {
        let schema = serde_json::json!({
            "$schema": "https://json-schema.org/draft/2020-12/schema",
            "properties": {"leadOpportunity": {"$ref": reference}}
        });
        let err = api4p_lint::schema::validator_options()
            .build(&schema)
            .expect_err(reference);
        eprintln!("{reference}: {err}");
        let message = err.to_string();
        assert!(message.contains(reference), "{reference}: {message}");
        assert!(
            message.contains("feature or a custom resolver is required"),
            "{reference}: {message}"
        );
    }
    // No HTTP client is compiled into validation. The lock's only one is reqwest, for the
    // optional middleware (feature `reqwest-middleware`, off by default; `.ci/run` checks that
    // the library without features depends on no HTTP crate), and jsonschema's packages, which
    // could fetch, depend on none.
    let lock = include_str!("../Cargo.lock");
    for client in ["ureq", "curl", "isahc", "attohttpc"] {
        assert!(
            !lock.contains(&format!("name = \"{client}\"")),
            "{client} is in Cargo.lock"
        );
    }
    for package in lock.split("[[package]]") {
        if package.contains("name = \"jsonschema\"") || package.contains("name = \"referencing\"") {
            for client in ["reqwest", "hyper", "ureq"] {
                assert!(!package.contains(&format!("\"{client}")), "{package}");
            }
        }
    }
    let manifest = include_str!("../Cargo.toml");
    for dependency in ["reqwest", "reqwest-middleware", "http"] {
        let line = manifest
            .lines()
            .find(|l| l.starts_with(&format!("{dependency} = {{")))
            .unwrap_or_else(|| panic!("{dependency} is not a dependency"));
        assert!(line.contains("optional = true"), "{line}");
    }
    let feature = manifest
        .lines()
        .find(|l| l.starts_with("default = "))
        .unwrap();
    assert!(!feature.contains("reqwest"), "{feature}");
}

/// Set to 1 on a machine where `unshare` cannot make a network namespace (no util-linux, or
/// an unprivileged container without user namespaces): the test below then says it did not
/// run instead of failing. CI has `unshare` and does not set it.
const SKIP_UNSHARE: &str = "API4P_LINT_TEST_SKIP_UNSHARE";

#[test]
fn checking_works_without_a_network() {
    // A network namespace with no interface but loopback, and that one down: any fetch would
    // fail.
    let Some(unshare) = ["-rn", "-n"].into_iter().find(|flag| {
        Command::new("unshare")
            .args([flag, "true"])
            .status()
            .is_ok_and(|s| s.success())
    }) else {
        if std::env::var_os(SKIP_UNSHARE).is_some_and(|v| v == "1") {
            eprintln!(
                "not run: `unshare -rn` and `unshare -n` are not available here ({SKIP_UNSHARE}=1)"
            );
            return;
        }
        panic!(
            "`unshare -rn` and `unshare -n` fail here, so checking without a network cannot be \
             tested; install util-linux, or set {SKIP_UNSHARE}=1 to skip this test knowingly"
        );
    };
    // The namespace has no network indeed: its only interface is the loopback.
    let out = Command::new("unshare")
        .args([unshare, "cat", "/proc/net/dev"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let interfaces: Vec<String> = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .skip(2)
        .filter_map(|l| Some(l.split_once(':')?.0.trim().to_owned()))
        .collect();
    assert_eq!(interfaces, ["lo"]);
    let dir = tempfile::tempdir().unwrap();
    let payload = CREATE.replacen("\"OPPY_OPEN\"", "\"WONN\"", 1);
    std::fs::write(dir.path().join("lead.json"), &payload).unwrap();
    let bin = common::bin();
    let out = Command::new("unshare")
        .args([unshare, bin.to_str().unwrap()])
        .args(["check", "--format", "short", "--kind", "create-request"])
        .args(["--ignore", "close-date-past", "lead.json"])
        .current_dir(dir.path())
        .output()
        .unwrap();
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert_eq!(out.status.code(), Some(1), "{stdout}");
    assert_eq!(
        stdout,
        "lead.json:6:15: error[A4P101]: invalid value \"WONN\" for `leadOpportunity.status`\n"
    );
}
