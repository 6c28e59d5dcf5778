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
