//! `--redact`: no string value of the payload appears in any format's output (codes,
//! pointers, spans and suggested codes stay), and spans are exactly those of an unredacted
//! run.

mod common;

use std::collections::BTreeSet;
use std::path::PathBuf;

use api4p_lint::{Linter, PayloadKind, RenderOptions};

use common::{fixtures, lint};

const FILE: &str = "lead.create.json";

fn dir() -> PathBuf {
    fixtures().join("redact")
}

/// The payload's string values that are personal or free text (codes such as `OPPY_OPEN`
/// legitimately stay).
fn secrets() -> BTreeSet<String> {
    let text = std::fs::read_to_string(dir().join(FILE)).unwrap();
    let value: serde_json::Value = serde_json::from_str(&text).unwrap();
    let mut out = BTreeSet::new();
    let mut stack = vec![&value];
    while let Some(v) = stack.pop() {
        match v {
            serde_json::Value::String(s) => {
                out.insert(s.trim().to_owned());
            }
            serde_json::Value::Array(items) => stack.extend(items),
            serde_json::Value::Object(members) => stack.extend(members.values()),
            _ => {}
        }
    }
    out.remove("OPPY_OPEN");
    // Values that also appear in the tool's own texts (the rules' documented examples, which
    // SARIF embeds) are not the payload's to leak.
    let docs: String = api4p_lint::rules::RULES.iter().map(|r| r.docs()).collect();
    out.retain(|s| !docs.contains(s.as_str()));
    out
}

fn run(format: &str, redact: bool) -> (i32, String) {
    let mut cmd = lint(&dir());
    cmd.args([
        "check",
        "--kind",
        "create-request",
        "--format",
        format,
        FILE,
    ]);
    if redact {
        cmd.arg("--redact");
    }
    let out = cmd.output().unwrap();
    (
        out.status.code().unwrap(),
        String::from_utf8(out.stdout).unwrap(),
    )
}

#[test]
fn no_payload_value_appears_in_any_format() {
    let secrets = secrets();
    assert!(secrets.len() >= 12, "{secrets:?}");
    for format in ["human", "short", "json", "sarif", "github", "junit"] {
        let (plain_code, plain) = run(format, false);
        let (code, redacted) = run(format, true);
        assert_eq!(
            code, plain_code,
            "{format}: redaction does not change the outcome"
        );
        let leaks: Vec<_> = secrets
            .iter()
            .filter(|s| redacted.contains(s.as_str()))
            .collect();
        assert!(leaks.is_empty(), "{format} leaks {leaks:?}:\n{redacted}");
        // The unredacted run does show them: the test would catch a leak.
        assert!(
            secrets.iter().any(|s| plain.contains(s.as_str())),
            "{format}"
        );
        // Codes stay, and suggested codes wherever the format shows the help.
        let kept: &[&str] = if format == "short" {
            &["A4P101", "A4P301", "A4P303"]
        } else {
            &["A4P101", "A4P301", "A4P303", "COMMIT"]
        };
        for kept in kept {
            assert!(redacted.contains(kept), "{format} lost {kept}:\n{redacted}");
        }
    }
}

#[test]
fn spans_pointers_and_codes_are_those_of_the_unredacted_run() {
    let strip = |json: &str| {
        let value: serde_json::Value = serde_json::from_str(json).unwrap();
        value["files"][0]["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .map(|d| {
                (
                    d["code"].clone(),
                    d["pointer"].clone(),
                    d["line"].clone(),
                    d["column"].clone(),
                    d["span"].clone(),
                )
            })
            .collect::<Vec<_>>()
    };
    let (_, plain) = run("json", false);
    let (_, redacted) = run("json", true);
    assert_eq!(strip(&plain), strip(&redacted));
    assert!(strip(&plain).len() >= 8);
}

#[test]
fn the_library_option_masks_the_code_frames() {
    let text = std::fs::read_to_string(dir().join(FILE)).unwrap();
    let report = Linter::new()
        .with_redaction(true)
        .check_str(&text, PayloadKind::CreateRequest);
    let rendered = report.render(&RenderOptions::default());
    assert!(
        !rendered.contains("Hildegard") && !rendered.contains("Brandt"),
        "{rendered}"
    );
    assert!(
        rendered.contains("\"firstName\""),
        "keys stay readable:\n{rendered}"
    );
    assert_eq!(report.source().text().len(), text.len());
}
