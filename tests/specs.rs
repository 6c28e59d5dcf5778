//! One folder of cases per rule: `tests/specs/<CODE>-<name>/`.
//!
//! Each case is a payload file named `<valid|invalid>-<what it shows>.<kind>.json` (`auto` as
//! the kind lets the linter detect it), or, for the configuration rules, a configuration file
//! `<valid|invalid>-<what it shows>.toml`. Every finding of every case is snapshotted next to
//! it (`<case>.snap`) as the JSON output carries it, plus what only the human output shows:
//! code, severity, pointer, line:column, the span's bytes and text, message, label,
//! secondary labels, help, note and suggestion. A wording change is a reviewed diff under
//! the rule's own folder.
//!
//! An `invalid-` case must fire its folder's rule, a `valid-` case must not. A folder's
//! `api4p-lint.toml` (the nearest one between the case and the rule folder) configures the
//! cases under it, as it would configure the command line; "today" is [`TODAY`] unless it
//! sets one. Payload files are read as bytes, so a case may hold bytes that are not UTF-8.
//!
//! To accept new or changed snapshots: `INSTA_UPDATE=always cargo test --test specs`, then
//! review the `.snap` diffs.

use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};

use api4p_lint::config::Level;
use api4p_lint::rule::Silencing;
use api4p_lint::rules::{self, RULES};
use api4p_lint::{Config, Diagnostic, Linter, PayloadKind, Severity, Source};

/// "Today" for cases whose folder does not fix it: the benchmark corpus's date.
const TODAY: jiff::civil::Date = jiff::civil::Date::constant(2025, 1, 15);

/// The configuration file a folder may hold.
const CONFIG_FILE: &str = "api4p-lint.toml";

fn specs() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/specs")
}

/// A rule's folder: its code and name, and where it is.
struct RuleFolder {
    code: String,
    name: String,
    path: PathBuf,
}

fn rule_folders() -> Vec<RuleFolder> {
    let mut folders: Vec<RuleFolder> = fs::read_dir(specs())
        .expect("tests/specs exists")
        .map(|entry| entry.expect("readable entry").path())
        .filter(|path| path.is_dir())
        .map(|path| {
            let folder = path.file_name().unwrap().to_str().unwrap().to_owned();
            let (code, name) = folder
                .split_once('-')
                .unwrap_or_else(|| panic!("{folder}: a rule folder is named <CODE>-<name>"));
            RuleFolder {
                code: code.to_owned(),
                name: name.to_owned(),
                path,
            }
        })
        .collect();
    folders.sort_by(|a, b| a.code.cmp(&b.code));
    folders
}

/// The case files under `dir`, recursively, sorted.
fn cases(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut entries: Vec<PathBuf> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    entries.sort();
    for path in entries {
        let file = path.file_name().unwrap().to_str().unwrap();
        if path.is_dir() {
            out.extend(cases(&path));
        } else if file == CONFIG_FILE || file.ends_with(".snap") || file.ends_with(".snap.new") {
            continue;
        } else if file.starts_with("valid-") || file.starts_with("invalid-") {
            out.push(path);
        } else {
            panic!(
                "{}: a case file is named valid-<what>.<kind>.json or invalid-<what>.<kind>.json \
                 (or .toml for configuration cases)",
                path.display()
            );
        }
    }
    out
}

/// The configuration for a case: the nearest `api4p-lint.toml` from the case's folder up to
/// its rule folder.
fn config_for(case: &Path, rule_folder: &Path) -> Config {
    let mut dir = case.parent();
    while let Some(d) = dir {
        let candidate = d.join(CONFIG_FILE);
        if candidate.is_file() {
            return Config::load(&candidate)
                .unwrap_or_else(|e| panic!("{}: {e}", candidate.display()));
        }
        if d == rule_folder {
            break;
        }
        dir = d.parent();
    }
    Config::default()
}

/// A payload case's kind, from its file name: `<valid|invalid>-<what>.<kind>.json`.
fn kind_of(case: &Path) -> Option<PayloadKind> {
    let stem = case.file_stem().unwrap().to_str().unwrap();
    let (_, kind) = stem.rsplit_once('.').unwrap_or_else(|| {
        panic!(
            "{}: the file name must end with .<kind>.json (or .auto.json)",
            case.display()
        )
    });
    match kind {
        "auto" => None,
        kind => Some(
            kind.parse()
                .unwrap_or_else(|e| panic!("{}: {e}", case.display())),
        ),
    }
}

/// The findings of one case, and the text their spans point into.
fn findings(case: &Path, rule_folder: &Path, name: &str) -> (String, Vec<Diagnostic>) {
    findings_with(case, rule_folder, name, |_| {})
}

/// The findings of one case, its folder's configuration changed by `configure` first.
fn findings_with(
    case: &Path,
    rule_folder: &Path,
    name: &str,
    configure: impl FnOnce(&mut Config),
) -> (String, Vec<Diagnostic>) {
    let bytes = fs::read(case).unwrap();
    if case.extension().is_some_and(|e| e == "toml") {
        let text = String::from_utf8(bytes).expect("configuration cases are UTF-8");
        return match Config::parse(name, &text, case.parent()) {
            Ok(_) => (text, Vec::new()),
            Err(error) => (
                error.report().source().text().to_owned(),
                error.report().diagnostics().to_vec(),
            ),
        };
    }
    let mut config = config_for(case, rule_folder);
    configure(&mut config);
    let today = config.today().unwrap_or(TODAY);
    let linter = Linter::with_config(config).with_today(today);
    let report = linter.check(Source::from_bytes(name, &bytes), kind_of(case));
    (
        report.source().text().to_owned(),
        report.diagnostics().to_vec(),
    )
}

/// ``4:15 bytes 88..93 `"WON"` ``: where a span starts (line:column), its bytes, and the text
/// it covers (control characters escaped).
fn place(text: &str, span: api4p_lint::Span) -> String {
    let source = Source::new("", text);
    let (line, column) = source.line_col(span.offset);
    let covered: String = match text.get(span.offset..span.end()) {
        Some(covered) => covered
            .chars()
            .map(|c| {
                if c.is_control() {
                    c.escape_default().to_string()
                } else {
                    c.to_string()
                }
            })
            .collect(),
        None => "<not on a character boundary>".to_owned(),
    };
    format!(
        "{line}:{column} bytes {}..{} `{covered}`",
        span.offset,
        span.end()
    )
}

/// One line per field; a multi-line text continues indented.
fn field(out: &mut String, name: &str, value: &str) {
    let mut lines = value.lines();
    let _ = writeln!(out, "  {name}: {}", lines.next().unwrap_or(""));
    for line in lines {
        let _ = writeln!(out, "  {:width$}  {line}", "", width = name.len());
    }
}

/// The snapshot of a case: every finding with every field people read.
fn describe(text: &str, findings: &[Diagnostic]) -> String {
    if findings.is_empty() {
        return "no findings\n".to_owned();
    }
    let mut out = String::new();
    for d in findings {
        let _ = writeln!(out, "{} {} {}", d.code(), d.rule_name(), d.severity);
        field(&mut out, "pointer", &d.pointer);
        field(&mut out, "span", &place(text, d.span));
        field(&mut out, "message", &d.message);
        field(&mut out, "label", &d.label);
        for label in &d.secondary {
            field(
                &mut out,
                "secondary",
                &format!("{}: {}", place(text, label.span), label.message),
            );
        }
        if let Some(help) = &d.help {
            field(&mut out, "help", help);
        }
        if let Some(note) = &d.note {
            field(&mut out, "note", note);
        }
        if let Some(suggestion) = &d.suggestion {
            field(&mut out, "suggestion", suggestion);
        }
        if let Some(fix) = &d.fix {
            // The suggestion's own edit is said by the suggestion: only its grade is new.
            let suggested = d.suggestion.as_deref().is_some_and(
                |s| matches!(fix.edits.as_slice(), [e] if e.span == d.span && e.replacement == s),
            );
            let mut shown = fix.applicability.to_string();
            if !suggested {
                for edit in &fix.edits {
                    let _ = write!(
                        shown,
                        "\n{} → {:?}",
                        place(text, edit.span),
                        edit.replacement
                    );
                }
            }
            field(&mut out, "fix", &shown);
        }
    }
    out
}

/// A finding's fix is one its rule declares (`Rule::fixes`): the `rules` column, the docs'
/// `## Fix` and the findings agree.
fn declared_fix(case: &Path, d: &Diagnostic) -> Result<(), String> {
    let Some(fix) = &d.fix else { return Ok(()) };
    let rule = rules::find(d.code()).expect("a finding's rule is registered");
    if rule.fixes.contains(&fix.applicability) {
        Ok(())
    } else {
        Err(format!(
            "{}: {} at {} carries a {} fix, but the rule declares {:?}",
            case.display(),
            d.code(),
            d.pointer,
            fix.applicability,
            rule.fixes
        ))
    }
}

#[test]
fn every_case_of_every_rule() {
    let mut checked = 0;
    for folder in rule_folders() {
        let rule = rules::find(&folder.code)
            .unwrap_or_else(|| panic!("tests/specs/{}-{}: no such rule", folder.code, folder.name));
        assert_eq!(
            rule.name, folder.name,
            "tests/specs/{}-{}: the folder names the rule {}",
            folder.code, folder.name, rule.name
        );
        for case in cases(&folder.path) {
            let name = case
                .strip_prefix(&folder.path)
                .unwrap()
                .to_str()
                .unwrap()
                .to_owned();
            let (text, found) = findings(&case, &folder.path, &name);
            for d in &found {
                if let Err(why) = declared_fix(&case, d) {
                    panic!("{why}");
                }
            }
            let fires = found.iter().any(|d| d.code() == rule.code);
            let file = case.file_name().unwrap().to_str().unwrap();
            if file.starts_with("invalid-") {
                assert!(
                    fires,
                    "{}: an invalid case must fire {}; found {:?}",
                    case.display(),
                    rule.code,
                    found.iter().map(Diagnostic::code).collect::<Vec<_>>()
                );
            } else {
                assert!(
                    !fires,
                    "{}: a valid case must not fire {}:\n{}",
                    case.display(),
                    rule.code,
                    describe(&text, &found)
                );
            }
            let snapshot = case.file_stem().unwrap().to_str().unwrap().to_owned();
            insta::with_settings!({
                snapshot_path => case.parent().unwrap(),
                prepend_module_to_snapshot => false,
                input_file => &case,
                omit_expression => true,
            }, {
                insta::assert_snapshot!(snapshot, describe(&text, &found));
            });
            checked += 1;
        }
    }
    assert!(checked > 0, "no case under tests/specs");
}

/// A rule's configured level applies to every finding of every invalid case of its folder:
/// `off` silences the rule, and `info`, `warning` or `error` becomes the severity of each of
/// its findings, whatever severity the rule gives that finding itself (A4P204 is an error
/// rule whose missing-member findings are warnings). Configuration cases (A4P9xx) are about
/// the file that sets the levels, and cases over 64 KiB (A4P107's 50,001 errors) would only
/// repeat what the smaller ones show. The rules that say a payload was not checked (A4P001,
/// A4P003, A4P005: it could not be read; A4P004: its kind is unknown) refuse a lower level
/// from `Config::set_level` and stay errors.
#[test]
fn every_rule_obeys_its_configured_level() {
    let mut checked = 0;
    for folder in rule_folders() {
        let rule = rules::find(&folder.code).unwrap();
        for case in cases(&folder.path) {
            let file = case.file_name().unwrap().to_str().unwrap();
            if !file.starts_with("invalid-")
                || file.ends_with(".toml")
                || fs::metadata(&case).unwrap().len() > 64 << 10
            {
                continue;
            }
            let name = file.to_owned();
            for level in [
                Level::Off,
                Level::On(Severity::Info),
                Level::On(Severity::Warning),
                Level::On(Severity::Error),
            ] {
                // The rules that say a payload was not checked refuse to be lowered here
                // (A4P004 only for the files an override names): they stay errors.
                let (_, found) = findings_with(&case, &folder.path, &name, |c| {
                    let refused = c.set_level(rule, level).is_err();
                    assert_eq!(
                        refused,
                        rule.silencing != Silencing::Anywhere
                            && level != Level::On(Severity::Error),
                        "{}",
                        rule.code
                    );
                });
                let severities: Vec<Severity> = found
                    .iter()
                    .filter(|d| d.code() == rule.code)
                    .map(|d| d.severity)
                    .collect();
                // A rule that can never be silenced stays an error whatever is set.
                let level = if rule.silencing != Silencing::Anywhere {
                    Level::On(Severity::Error)
                } else {
                    level
                };
                match level {
                    Level::Off => assert!(
                        severities.is_empty(),
                        "{}: {} is off, yet reported",
                        case.display(),
                        rule.code
                    ),
                    Level::On(severity) => assert!(
                        !severities.is_empty() && severities.iter().all(|s| *s == severity),
                        "{}: {} set to {severity}, found {severities:?}",
                        case.display(),
                        rule.code
                    ),
                }
            }
            checked += 1;
        }
    }
    assert!(checked > 250, "only {checked} invalid cases checked");
}

/// Every rule has its folder, with at least one case that fires it and one that does not.
#[test]
fn every_rule_has_a_folder_of_cases() {
    let folders = rule_folders();
    let mut missing = Vec::new();
    for rule in RULES {
        let Some(folder) = folders.iter().find(|f| f.code == rule.code) else {
            missing.push(format!("{}-{}: no folder", rule.code, rule.name));
            continue;
        };
        let names: Vec<String> = cases(&folder.path)
            .iter()
            .map(|c| c.file_name().unwrap().to_str().unwrap().to_owned())
            .collect();
        for prefix in ["invalid-", "valid-"] {
            if !names.iter().any(|n| n.starts_with(prefix)) {
                missing.push(format!("{}-{}: no {prefix} case", rule.code, rule.name));
            }
        }
    }
    assert!(missing.is_empty(), "{}", missing.join("\n"));
}
