//! Terminal safety: control characters in keys, values, file names and the configuration
//! never reach the terminal or the CI log that shows a report; messages, pointers and file
//! names escape them (`\u001b`), code frames show them as `?` (`¿` for C1).

mod common;

use api4p_lint::render::{FileReport, Format, Summary};
use api4p_lint::{PayloadKind, RenderOptions};

use common::{assert_no_terminal_control, assert_sane, codes, lint, linter, only, CREATE};

#[test]
fn hostile_keys_do_not_reach_the_terminal_and_long_ones_are_cut() {
    let key = format!("\u{1b}]0;owned\u{7}\u{1b}[2J{}", "k".repeat(10_000));
    let text = format!(
        r#"{{"leadOpportunity": {{"partnerLeadOpportunityId": "CRM-1", "{0}": 1, "{0}": 2}}}}"#,
        key.replace('\u{1b}', "\\u001b").replace('\u{7}', "\\u0007")
    );
    let report = linter().check_str(&text, PayloadKind::UpdateRequest);
    assert_eq!(codes(&report), ["A4P002", "A4P103"]);
    assert_sane(&report);
    // The key's first 59 characters (14 of the escape sequences, 45 k) and "…", the control
    // characters escaped after the cut.
    let shown = format!("\\u001b]0;owned\\u0007\\u001b[2J{}…", "k".repeat(45));
    let messages: Vec<&str> = report
        .diagnostics()
        .iter()
        .map(|d| d.message.as_str())
        .collect();
    assert_eq!(
        messages,
        [
            format!("duplicate key `leadOpportunity.{shown}`"),
            format!("unknown property `{shown}` in `leadOpportunity`"),
        ]
    );
    // Invalid JSON may hold raw escape sequences: the code frame shows them harmlessly, with
    // its spans unchanged.
    let raw = "{\"a\": \"\u{1b}]0;owned\u{7}\u{1b}[2J\u{9b}31m\"}";
    let report = linter().check_str(raw, PayloadKind::UpdateRequest);
    assert_eq!(only(&report).span.offset, 7);
    let mut file = FileReport::new("raw.json");
    file.add(&report, 0, 1, Some(&RenderOptions::default()));
    let mut summary = Summary::default();
    summary.add(&file);
    for format in Format::ALL {
        let mut out = Vec::new();
        let mut emitter = format.emitter();
        emitter.begin(&mut out).unwrap();
        emitter.file(&mut out, &file).unwrap();
        emitter.end(&mut out, &summary).unwrap();
        let out = String::from_utf8(out).unwrap();
        assert!(
            !out.chars()
                .any(|c| c.is_control() && !matches!(c, '\n' | '\t' | '\r')),
            "{}: {out:?}",
            format.name()
        );
    }
    assert!(
        file.human.contains("{\"a\": \"?]0;owned??[2J¿31m\"}"),
        "{}",
        file.human
    );

    // Found by fuzzing: a DEL (or any control character) in a key reached the terminal
    // through the code frame's header, which names the JSON Pointer.
    let text = "{\"leadOpportunity\": {\"partnerLeadOpportunityId\": \"CRM-1\", \"st\u{7f}\u{9b}tus\": 1}}";
    let report = linter().check_str(text, PayloadKind::UpdateRequest);
    let rendered = report.render(&RenderOptions::default());
    assert!(
        rendered.contains("A4P103(unknown-property) at /leadOpportunity/st\\u007f\\u009btus"),
        "{rendered}"
    );
    assert_no_terminal_control(&rendered, "report");
}

#[test]
fn hostile_file_names_do_not_reach_the_terminal() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("lead\u{1b}[2J\u{7}.json"), "{").unwrap();
    for format in ["human", "short", "github"] {
        let out = lint(dir.path())
            .args(["check", "--format", format])
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(1));
        let stdout = String::from_utf8(out.stdout).unwrap();
        assert!(
            stdout.contains("lead\\u001b[2J\\u0007.json"),
            "{format}: {stdout}"
        );
        assert_no_terminal_control(&stdout, format);
    }
}

#[test]
fn names_typed_on_the_command_line_do_not_reach_the_terminal() {
    // A `--stdin-filename` or a path that names nothing (missing, a FIFO, a glob) is shown
    // as walked names are: a raw OSC sequence would retitle the terminal, a line feed forge a
    // line of the report.
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("f\u{1b}[31m.json");
    let made = std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .unwrap();
    assert!(made.success());
    let stdin_name = "e\u{1b}]0;x\u{7}\u{1b}[31mred\nfake.json:1:1: ok.json";
    let shown_stdin = "e\\u001b]0;x\\u0007\\u001b[31mred\\u000afake.json:1:1: ok.json";
    for format in ["human", "short", "github"] {
        let out = lint(dir.path())
            .args([
                "check",
                "--format",
                format,
                "--stdin-filename",
                stdin_name,
                "-",
            ])
            .args(["gone\u{1}.json", "mi\u{1b}[33mss*.json", "f\u{1b}[31m.json"])
            .args(["no\u{1b}x*.json", "cr\r.json"])
            .stdin(std::process::Stdio::piped())
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2), "{format}");
        let stdout = String::from_utf8(out.stdout).unwrap();
        assert_no_terminal_control(&stdout, format);
        // GitHub's file property escapes its own separators too.
        let stdin_shown = if format == "github" {
            shown_stdin.replace(':', "%3A")
        } else {
            shown_stdin.to_owned()
        };
        for shown in [
            stdin_shown.as_str(),
            "gone\\u0001.json",
            "mi\\u001b[33mss*.json",
            "f\\u001b[31m.json",
            "no\\u001bx*.json",
            "cr\\u000d.json",
        ] {
            assert!(stdout.contains(shown), "{format}: {shown} in {stdout}");
        }
        if format == "short" {
            assert_eq!(
                stdout,
                format!(
                    "{shown_stdin}:1:1: error[A4P001]: invalid JSON: the payload is empty\n\
                     gone\\u0001.json: error[io]: No such file or directory (os error 2)\n\
                     mi\\u001b[33mss*.json: error[io]: invalid glob: unclosed character \
                     class; missing ']'\n\
                     f\\u001b[31m.json: error[io]: not a file or folder\n\
                     no\\u001bx*.json: error[io]: no file matches this glob\n\
                     cr\\u000d.json: error[io]: No such file or directory (os error 2)\n"
                )
            );
        }
    }
    // What a usage problem quotes back, and `explain`'s unknown rule.
    let out = lint(dir.path())
        .args(["check", "--format", "short", "--select", "\u{1b}[2J", "-"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        String::from_utf8(out.stdout).unwrap(),
        "error: no rule matches `\\u001b[2J`; `api4p-lint rules` lists them\n"
    );
    let out = lint(dir.path())
        .args(["explain", "\u{1b}[2J"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        String::from_utf8(out.stderr).unwrap(),
        "error: no rule `\\u001b[2J`; `api4p-lint rules` lists them\n"
    );
}

#[test]
fn control_characters_in_the_configuration_do_not_reach_the_terminal() {
    // Found by fuzzing the configuration: a value echoed in a message ("unknown severity")
    // carried a raw form feed to the terminal.
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("api4p-lint.toml"),
        // TOML escapes: a form feed and an escape character.
        "[rules]\nplaceholder-value = \"o\\f\\u001b[2J\"\n",
    )
    .unwrap();
    std::fs::write(dir.path().join("lead.json"), CREATE).unwrap();
    let out = lint(dir.path())
        .args(["check", "lead.json"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    // The report of a run stopped by its configuration goes where any report goes.
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert!(
        stdout.contains("unknown severity `o\\u000c\\u001b[2J` for `placeholder-value`"),
        "{stdout}"
    );
    assert_no_terminal_control(&stdout, "stdout");
    assert_eq!(String::from_utf8(out.stderr).unwrap(), "");
}

/// The line and paragraph separators (U+2028, U+2029) and NEL (U+0085) end a line for many
/// viewers of a CI log: in a value, JSON-escaped or raw, every format shows them escaped
/// (`\u2028`), and a code frame as `⸮` (`¿` for NEL), same length in bytes.
#[test]
fn line_separators_in_payloads_do_not_reach_the_terminal() {
    let separators = ['\u{2028}', '\u{2029}', '\u{85}'];
    let dir = tempfile::tempdir().unwrap();
    for (text, shown) in [
        (r#"{"onlineInstanceSeatId": "a\u2028b"}"#, "\\u2028"),
        ("{\"onlineInstanceSeatId\": \"a\u{2029}b\"}", "\\u2029"),
        ("{\"onlineInstanceSeatId\": \"a\u{85}b\"}", "\\u0085"),
    ] {
        std::fs::write(dir.path().join("search.json"), text).unwrap();
        for format in common::FORMATS {
            let (code, stdout, stderr) = common::run(
                dir.path(),
                &[
                    "check",
                    "--kind",
                    "order-search-request",
                    "--format",
                    format,
                    "search.json",
                ],
                None,
            );
            // A warning: the run passes.
            assert_eq!(code, 0, "{format}: {stderr}");
            assert!(stdout.contains("A4P404"), "{format}: {stdout}");
            assert!(!stdout.contains(separators), "{format}: {text}: {stdout:?}");
            assert!(stdout.contains(shown), "{format}: {text}: {stdout}");
        }
    }
    let report = linter().check_str(
        "{\"onlineInstanceSeatId\": \"a\u{2028}b\u{2029}c\u{85}\"",
        PayloadKind::OrderSearchRequest,
    );
    let mut file = FileReport::new("raw.json");
    file.add(&report, 0, 1, Some(&RenderOptions::default()));
    assert!(!file.human.contains(separators), "{}", file.human);
    assert!(file.human.contains("\"a⸮b⸮c¿\""), "{}", file.human);
}

/// Bidirectional controls (U+202E and its kin) in a payload's values and keys, in the
/// configuration and in `--output`'s folder reorder how a report line reads: every format
/// escapes them as it escapes control characters (`\u202e`), code frames show `⸮` (same
/// length in bytes, same column).
#[test]
fn bidirectional_controls_in_payloads_and_configuration_do_not_reach_the_terminal() {
    let bidi = ['\u{202e}', '\u{2066}', '\u{200f}', '\u{061c}'];
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("bidi.json"),
        "{\"leadOpportunity\": {\"partnerLeadOpportunityId\": \"x\", \"status\": \"W\u{202e}ON\", \
         \"\u{2066}k\u{200f}\": 1, \"name\": \"\u{061c}\"}}",
    )
    .unwrap();
    for format in crate::common::FORMATS {
        let (code, stdout, stderr) = common::run(
            dir.path(),
            &[
                "check",
                "--kind",
                "update-request",
                "--format",
                format,
                "bidi.json",
            ],
            None,
        );
        assert_eq!(code, 1, "{format}: {stderr}");
        // JSON and SARIF keep a pointer exact, for the program that follows it: a key's
        // characters as they are; their text is escaped like the others'.
        let stdout = if matches!(format, "json" | "sarif") {
            stdout.replace("/leadOpportunity/\u{2066}k\u{200f}", "")
        } else {
            stdout
        };
        assert!(!stdout.contains(bidi), "{format}: {stdout}");
        assert!(stdout.contains("\\u202e"), "{format}: {stdout}");
    }
    let (_, human, _) = common::run(
        dir.path(),
        &[
            "check",
            "--kind",
            "update-request",
            "--format",
            "human",
            "bidi.json",
        ],
        None,
    );
    assert!(
        human.contains("\"status\": \"W⸮ON\", \"⸮k⸮\": 1, \"name\": \"¿\""),
        "{human}"
    );
    // The configuration's words, and a folder named in --output.
    std::fs::write(
        dir.path().join("api4p-lint.toml"),
        "[rules]\n\"k\u{202e}ey\" = \"off\"\n",
    )
    .unwrap();
    let (code, stdout, _) = common::run(
        dir.path(),
        &["check", "--format", "short", "bidi.json"],
        None,
    );
    assert_eq!(code, 2);
    assert!(
        !stdout.contains(bidi) && stdout.contains("k\\u202eey"),
        "{stdout}"
    );
    std::fs::remove_file(dir.path().join("api4p-lint.toml")).unwrap();
    let output = format!("no\u{202e}dir{}/o.json", '\u{1b}');
    let (code, _, stderr) = common::run(
        dir.path(),
        &[
            "check",
            "--kind",
            "update-request",
            "--output",
            &output,
            "bidi.json",
        ],
        None,
    );
    assert_eq!(code, 2);
    assert!(
        stderr.contains("its folder no\\u202edir\\u001b does not exist"),
        "{stderr}"
    );
}
