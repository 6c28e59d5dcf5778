//! The configured level of a format rule (A4P204 `offer-line`, A4P302 `currency-code`,
//! A4P303 `email-format`, A4P304 `id-format`, A4P305 `open-vocabulary`) applies to every
//! finding of that rule: `off` silences it, and `info`, `warning` or `error` becomes the
//! severity of each of its findings, whatever severity the rule gives that finding itself
//! (A4P204 is an error rule whose missing-member findings are warnings).
//!
//! The payloads are the invalid cases of each rule's folder under `tests/specs/` (the
//! folder's own cases, read with the default configuration; the cases of configured
//! sub-folders are left out), so every wording branch pinned there is also checked here.

use std::fs;
use std::path::{Path, PathBuf};

use api4p_lint::{Config, Diagnostic, Level, Linter, PayloadKind, Severity, Source};

/// The rule folders under `tests/specs/`, by code.
const FOLDERS: [(&str, &str); 5] = [
    ("A4P204", "A4P204-offer-line"),
    ("A4P302", "A4P302-currency-code"),
    ("A4P303", "A4P303-email-format"),
    ("A4P304", "A4P304-id-format"),
    ("A4P305", "A4P305-open-vocabulary"),
];

/// The date `tests/specs.rs` checks its cases on.
const TODAY: jiff::civil::Date = jiff::civil::Date::constant(2025, 1, 15);

/// The invalid payload cases directly in a rule folder, with their kinds
/// (`invalid-<what>.<kind>.json`).
fn invalid_cases(folder: &str) -> Vec<(PathBuf, Option<PayloadKind>)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/specs")
        .join(folder);
    assert!(
        !dir.join("api4p-lint.toml").exists(),
        "{}: the folder's own cases use the default configuration",
        dir.display()
    );
    let mut cases: Vec<(PathBuf, Option<PayloadKind>)> = fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|entry| entry.unwrap().path())
        .filter_map(|path| {
            let file = path.file_name()?.to_str()?;
            let stem = file.strip_prefix("invalid-")?.strip_suffix(".json")?;
            let (_, kind) = stem.rsplit_once('.')?;
            let kind = match kind {
                "auto" => None,
                kind => Some(
                    kind.parse()
                        .unwrap_or_else(|e| panic!("{}: {e}", path.display())),
                ),
            };
            Some((path, kind))
        })
        .collect();
    cases.sort();
    assert!(!cases.is_empty(), "{}: no invalid case", dir.display());
    cases
}

/// The findings of `code` in a case, with `level` configured for `code` (or none).
fn findings(
    case: &Path,
    kind: Option<PayloadKind>,
    code: &str,
    level: Option<Level>,
) -> Vec<Diagnostic> {
    let mut config = Config::default();
    if let Some(level) = level {
        config.set_level(
            api4p_lint::rules::find(code).unwrap_or_else(|| panic!("{code} is a rule")),
            level,
        );
    }
    let bytes = fs::read(case).unwrap();
    let name = case.display().to_string();
    Linter::with_config(config)
        .with_today(TODAY)
        .check(Source::from_bytes(&name, &bytes), kind)
        .diagnostics()
        .iter()
        .filter(|d| d.code() == code)
        .cloned()
        .collect()
}

#[test]
fn config_turns_each_rule_off_and_sets_the_severity_of_each_finding() {
    let mut checked = 0;
    for (code, folder) in FOLDERS {
        for (case, kind) in invalid_cases(folder) {
            let by_default = findings(&case, kind, code, None);
            assert!(
                !by_default.is_empty(),
                "{}: an invalid case fires {code}",
                case.display()
            );
            assert!(
                findings(&case, kind, code, Some(Level::Off)).is_empty(),
                "{}: {code} still fires when off",
                case.display()
            );
            for severity in [Severity::Info, Severity::Warning, Severity::Error] {
                let configured = findings(&case, kind, code, Some(Level::On(severity)));
                assert_eq!(
                    configured.len(),
                    by_default.len(),
                    "{}: {code} at {severity:?} finds what it finds by default",
                    case.display()
                );
                for d in &configured {
                    assert_eq!(
                        d.severity,
                        severity,
                        "{}: {code} configured at {severity:?}, found {:?} at {}",
                        case.display(),
                        d.severity,
                        d.pointer
                    );
                }
            }
            checked += 1;
        }
    }
    assert!(checked >= FOLDERS.len(), "only {checked} cases");
}
