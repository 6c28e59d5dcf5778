//! Helpers shared by the integration tests. Each file under `tests/` is its own crate and
//! takes what it needs with `mod common;`; what one crate leaves unused is not dead code.
#![allow(dead_code)]

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::SystemTime;

use api4p_lint::{Diagnostic, Linter, Report};

/// The spec's seed GET response: lints with no finding at all.
pub const SEED: &str = include_str!("../fixtures/spec/get-response/seed.json");

/// A minimal create request: the required members only (no trailing newline: spans count).
pub const CREATE: &str = include_str!("../fixtures/payloads/create-minimal.json");

/// The README's create request with mistakes.
pub const MISTAKES: &str =
    include_str!("../../examples/payloads/create-request-with-mistakes.json");

/// Every `--format`, in the order the README lists them.
pub const FORMATS: [&str; 6] = ["human", "short", "json", "sarif", "github", "junit"];

/// The crate's folder.
pub fn manifest_dir() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// `tests/fixtures`.
pub fn fixtures() -> PathBuf {
    manifest_dir().join("tests/fixtures")
}

/// Every rule's cases under `tests/specs` as (kind, text), read once: random payloads built
/// from them reach every rule's wording.
pub fn spec_cases() -> &'static [(api4p_lint::PayloadKind, String)] {
    static CASES: std::sync::OnceLock<Vec<(api4p_lint::PayloadKind, String)>> =
        std::sync::OnceLock::new();
    CASES.get_or_init(|| {
        let mut out = Vec::new();
        for folder in sorted_entries(&manifest_dir().join("tests/specs")) {
            for file in sorted_entries(&folder) {
                let name = file.file_name().unwrap().to_string_lossy().into_owned();
                let Some(stem) = name.strip_suffix(".json") else {
                    continue;
                };
                let Some(kind) = stem.rsplit('.').next().and_then(|k| k.parse().ok()) else {
                    continue;
                };
                if let Ok(text) = std::fs::read_to_string(&file) {
                    out.push((kind, text));
                }
            }
        }
        assert!(out.len() > 300, "{}", out.len());
        out
    })
}

/// Renders one file's report in every format: (format name, output).
pub fn render_all(file: &api4p_lint::render::FileReport) -> Vec<(&'static str, String)> {
    use api4p_lint::render::{Format, Summary};
    let mut summary = Summary::default();
    summary.add(file);
    Format::ALL
        .into_iter()
        .map(|format| {
            let mut bytes = Vec::new();
            let mut emitter = format.emitter();
            emitter.begin(&mut bytes).unwrap();
            emitter.file(&mut bytes, file).unwrap();
            emitter.end(&mut bytes, &summary).unwrap();
            (format.name(), String::from_utf8(bytes).unwrap())
        })
        .collect()
}

/// The files (and folders) directly in `dir`, sorted.
pub fn sorted_entries(dir: &Path) -> Vec<PathBuf> {
    let mut paths: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("cannot list {}: {e}", dir.display()))
        .map(|entry| entry.expect("a directory entry").path())
        .collect();
    paths.sort();
    paths
}

/// The linter of the library-level tests: default configuration, "today" fixed.
pub fn linter() -> Linter {
    Linter::new().with_today(jiff::civil::Date::constant(2025, 6, 1))
}

/// The codes of a report's findings, in order.
pub fn codes(report: &Report<'_>) -> Vec<&'static str> {
    report.diagnostics().iter().map(Diagnostic::code).collect()
}

/// The one finding of a report.
pub fn only<'r>(report: &'r Report<'_>) -> &'r Diagnostic {
    match report.diagnostics() {
        [one] => one,
        all => panic!("expected one finding, got {all:#?}"),
    }
}

/// The text a finding's span covers.
pub fn at<'t>(text: &'t str, d: &Diagnostic) -> &'t str {
    &text[d.span.offset..d.span.end()]
}

/// Output for a terminal holds no control character but line feeds.
pub fn assert_no_terminal_control(output: &str, what: &str) {
    assert!(
        !output.chars().any(|c| c.is_control() && c != '\n'),
        "{what}: {output:?}"
    );
}

/// The first span of a report's findings (primary or secondary) that lies outside the
/// source or not on character boundaries, described; `None` when every span is sound.
pub fn misplaced_span(report: &Report<'_>) -> Option<String> {
    let text = report.source().text();
    report.diagnostics().iter().find_map(|d| {
        std::iter::once(d.span)
            .chain(d.secondary.iter().map(|l| l.span))
            .find_map(|span| {
                if span.end() > text.len() {
                    Some(format!("{} {span:?} past {}", d.code(), text.len()))
                } else if !text.is_char_boundary(span.offset) || !text.is_char_boundary(span.end())
                {
                    Some(format!("{} {span:?} not on character boundaries", d.code()))
                } else {
                    None
                }
            })
    })
}

/// Every span of every finding lies inside the source, on character boundaries; every
/// message and help stays short whatever the payload holds.
pub fn assert_sane(report: &Report<'_>) {
    if let Some(why) = misplaced_span(report) {
        panic!("{why}");
    }
    for d in report.diagnostics() {
        assert!(
            d.message.len() < 500,
            "{} message: {} bytes",
            d.code(),
            d.message.len()
        );
        let help = d.help.as_deref().unwrap_or_default();
        assert!(help.len() < 2000, "{} help: {} bytes", d.code(), help.len());
    }
}

/// The command line's binary: the one cargo built for this test run, or the one
/// `API4P_LINT_BIN` names (`.ci/run` runs the memory tests, built in debug, on the release
/// binary: building the tests in release too would compile every dev-dependency again).
pub fn bin() -> &'static Path {
    static BIN: std::sync::OnceLock<std::path::PathBuf> = std::sync::OnceLock::new();
    BIN.get_or_init(|| match std::env::var_os("API4P_LINT_BIN") {
        Some(path) if !path.is_empty() => std::path::PathBuf::from(path),
        _ => std::path::PathBuf::from(env!("CARGO_BIN_EXE_api4p-lint")),
    })
}

/// The command line, run in `dir` as in CI: no standard input, not a terminal, 80 columns,
/// and none of the caller's `NO_COLOR`.
pub fn lint(dir: &Path) -> Command {
    let mut cmd = Command::new(bin());
    cmd.current_dir(dir)
        .env_remove("NO_COLOR")
        .env("COLUMNS", "80")
        .stdin(Stdio::null());
    cmd
}

/// Runs the command line in `dir` with `args`, `stdin` (if any) as its standard input;
/// returns the exit code (-1 when a signal ended the run), stdout and stderr.
pub fn run(dir: &Path, args: &[&str], stdin: Option<&[u8]>) -> (i32, String, String) {
    let mut cmd = lint(dir);
    cmd.args(args).stdout(Stdio::piped()).stderr(Stdio::piped());
    if stdin.is_some() {
        cmd.stdin(Stdio::piped());
    }
    let mut child = cmd.spawn().unwrap();
    let writer = stdin.map(|bytes| {
        let mut pipe = child.stdin.take().unwrap();
        let bytes = bytes.to_vec();
        // The tool may stop reading early (a payload over the limit): the pipe may close.
        std::thread::spawn(move || {
            let _ = pipe.write_all(&bytes);
        })
    });
    let out = child.wait_with_output().unwrap();
    if let Some(writer) = writer {
        writer.join().unwrap();
    }
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

/// Runs `check --format json` on `file` (written into a fresh folder) with `args`; returns
/// the exit code and the file's diagnostics.
pub fn check_file(name: &str, bytes: &[u8], args: &[&str]) -> (i32, Vec<serde_json::Value>) {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join(name), bytes).unwrap();
    let out = lint(dir.path())
        .args(["check", "--format", "json"])
        .args(args)
        .arg(name)
        .output()
        .unwrap();
    let stdout = String::from_utf8(out.stdout).unwrap();
    let json: serde_json::Value = serde_json::from_str(&stdout)
        .unwrap_or_else(|e| panic!("{e}: {stdout}\n{}", String::from_utf8_lossy(&out.stderr)));
    let diagnostics = json["files"][0]["diagnostics"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    (out.status.code().unwrap_or(-1), diagnostics)
}

/// A JSON finding's span: (offset, length).
pub fn span_of(d: &serde_json::Value) -> (usize, usize) {
    (
        d["span"]["offset"].as_u64().unwrap() as usize,
        d["span"]["length"].as_u64().unwrap() as usize,
    )
}

/// The seed as one NDJSON line (a compact GET response, 1.5 kB).
pub fn seed_line() -> String {
    serde_json::to_string(&serde_json::from_str::<serde_json::Value>(SEED).unwrap()).unwrap() + "\n"
}

/// Every file below `dir`, with its bytes and modification time.
pub fn files_below(dir: &Path) -> Vec<(PathBuf, Vec<u8>, SystemTime)> {
    let mut files = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else {
                let modified = std::fs::metadata(&path).unwrap().modified().unwrap();
                files.push((path.clone(), std::fs::read(&path).unwrap(), modified));
            }
        }
    }
    files.sort();
    files
}

/// Copies the folder `from` (recursively) to `to`.
pub fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let path = entry.unwrap().path();
        let target = to.join(path.file_name().unwrap());
        if path.is_dir() {
            copy_dir(&path, &target);
        } else {
            std::fs::copy(&path, &target).unwrap();
        }
    }
}

/// Writes `text` to `name` in `dir`, creating the folders on its way.
pub fn write(dir: &Path, name: &str, text: &str) {
    let path = dir.join(name);
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).unwrap();
    }
    std::fs::write(path, text).unwrap();
}

/// The text of `name` in `dir`.
pub fn read(dir: &Path, name: &str) -> String {
    std::fs::read_to_string(dir.join(name)).unwrap_or_else(|e| panic!("cannot read {name}: {e}"))
}

/// A fresh folder holding `files` (path, text), their folders created.
pub fn folder_with(files: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for (name, text) in files {
        write(dir.path(), name, text);
    }
    dir
}

/// Runs the command line in `dir` with `args` (a JSON report asked for in them); returns
/// the exit code and the report, parsed (a panic shows stdout and stderr when it does not
/// parse).
pub fn run_json(dir: &Path, args: &[&str]) -> (i32, serde_json::Value) {
    let (code, stdout, stderr) = run(dir, args, None);
    let report = serde_json::from_str(&stdout).unwrap_or_else(|e| panic!("{e}: {stdout}{stderr}"));
    (code, report)
}

/// A lead-opportunity update request with the id `id` and `members` (JSON text) after it.
pub fn lead_update(id: &str, members: &str) -> String {
    format!("{{\"leadOpportunity\": {{\"partnerLeadOpportunityId\": \"{id}\", {members}}}}}")
}

/// Asserts that a SARIF log's invocation failed with, first, an error notification `text`
/// about the file `uri`.
#[track_caller]
pub fn assert_file_notification(sarif: &serde_json::Value, uri: &str, text: &str) {
    let invocation = &sarif["runs"][0]["invocations"][0];
    assert_eq!(invocation["executionSuccessful"], false);
    let notification = &invocation["toolExecutionNotifications"][0];
    assert_eq!(notification["level"], "error");
    assert_eq!(notification["message"]["text"], text);
    assert_eq!(
        notification["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
        uri
    );
}
