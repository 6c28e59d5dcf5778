//! `api4p-lint server` in a real editor: headless Neovim (Debian's `neovim`, 0.7) with its
//! built-in LSP client opens a payload, shows the server's diagnostic at the exact place,
//! applies the quick fix, and the diagnostic goes; then a status typed `"W` is completed
//! through the omnifunc. Ignored by default (it needs `nvim`); `.ci/run` installs Neovim and
//! runs it.

mod common;

use std::process::Command;

use serde_json::Value;

#[test]
#[ignore = "needs nvim; .ci/run installs it and runs this test"]
fn neovim_shows_the_finding_and_applies_the_quick_fix() {
    let dir = tempfile::tempdir().unwrap();
    let payload = dir.path().join("seed.json");
    // `"status": "WONN"` after non-ASCII characters on its line.
    let text = common::SEED
        .replace("      \"name\": \"TEST-0813C\",\n", "")
        .replace(
            "      \"status\": \"WON\",",
            "      \"name\": \"Crème brûlée 😀\", \"status\": \"WONN\",",
        );
    std::fs::write(&payload, &text).unwrap();
    let result = dir.path().join("result.json");
    let script = common::manifest_dir().join("tests/editor/neovim.lua");
    let output = Command::new("nvim")
        .args(["--headless", "--clean", "-n", "-c"])
        .arg(format!("luafile {}", script.display()))
        .env("API4P_LINT_BIN", env!("CARGO_BIN_EXE_api4p-lint"))
        .env("PAYLOAD", &payload)
        .env("RESULT", &result)
        .output()
        .expect("nvim runs");
    let seen: Value = serde_json::from_str(&std::fs::read_to_string(&result).unwrap_or_else(|e| {
        panic!(
            "Neovim wrote no result ({e}): {}\n{}",
            String::from_utf8_lossy(&output.stdout),
            String::from_utf8_lossy(&output.stderr)
        )
    }))
    .unwrap();
    assert_eq!(seen["errors"], serde_json::json!([]), "{seen:#}");
    let diagnostics = seen["diagnostics"].as_array().unwrap();
    assert_eq!(diagnostics.len(), 1, "{seen:#}");
    let d = &diagnostics[0];
    // Neovim shows byte columns: 48 bytes before `"WONN"` on line 14 (0-based 13), which the
    // server sent as UTF-16 character 43.
    assert_eq!(
        (&d["lnum"], &d["col"], &d["end_lnum"], &d["end_col"]),
        (
            &Value::from(13),
            &Value::from(48),
            &Value::from(13),
            &Value::from(54)
        ),
        "{seen:#}"
    );
    assert_eq!(d["code"], "A4P101");
    assert_eq!(d["source"], "api4p-lint");
    assert_eq!(d["severity"], 1, "an error");
    assert!(d["message"]
        .as_str()
        .unwrap()
        .starts_with("invalid value \"WONN\" for `data.leadOpportunity.status`"));
    assert_eq!(
        seen["titles"],
        serde_json::json!(["Fix A4P101 (unsafe): replace with \"WON\""])
    );
    assert_eq!(seen["remaining"], 0);
    assert_eq!(seen["text"].as_str().unwrap(), text.replace("WONN", "WON"));
    // `"status": "W` completed through `vim.lsp.omnifunc`.
    assert_eq!(
        seen["completed"],
        "      \"name\": \"Crème brûlée 😀\", \"status\": \"WON\","
    );
}
