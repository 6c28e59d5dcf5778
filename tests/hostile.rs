//! Hostile and broken input: the tool keeps working, reports clearly and leaks nothing.
//!
//! Each case asserts the finding (code, message, exact span) and, through the command line,
//! the exit code. Nothing here is timed (speed is measured in `benches/`); the heavy cases are
//! sized to finish in seconds in a debug build. The 1 GB NDJSON stream runs in release from
//! `.ci/run` (`--ignored`); a 64 MB one runs here.

use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use api4p_lint::config::{Config, PortfolioItem};
use api4p_lint::render::{FileReport, Format, Summary};
use api4p_lint::source::span_index::{SpanIndex, MAX_DEPTH};
use api4p_lint::{Diagnostic, Linter, PayloadKind, RenderOptions, Report};

const SEED: &str = include_str!("fixtures/spec/get-response/seed.json");

/// A minimal create request: the required members only (no trailing newline: spans count).
const CREATE: &str = include_str!("fixtures/payloads/create-minimal.json");

/// Output for a terminal holds no control character but line feeds.
fn assert_no_terminal_control(output: &str, what: &str) {
    assert!(
        !output.chars().any(|c| c.is_control() && c != '\n'),
        "{what}: {output:?}"
    );
}

fn linter() -> Linter {
    Linter::new().with_today(jiff::civil::Date::constant(2025, 6, 1))
}

fn codes(report: &Report<'_>) -> Vec<&'static str> {
    report.diagnostics().iter().map(Diagnostic::code).collect()
}

/// The one finding of a report.
fn only<'r>(report: &'r Report<'_>) -> &'r Diagnostic {
    match report.diagnostics() {
        [one] => one,
        all => panic!("expected one finding, got {all:#?}"),
    }
}

/// The text a span covers.
fn at<'t>(text: &'t str, d: &Diagnostic) -> &'t str {
    &text[d.span.offset..d.span.end()]
}

/// Every span of every finding lies inside the source, on character boundaries; every
/// message and help stays short whatever the payload holds.
fn assert_sane(report: &Report<'_>) {
    let text = report.source().text();
    for d in report.diagnostics() {
        for span in std::iter::once(d.span).chain(d.secondary.iter().map(|l| l.span)) {
            assert!(
                span.end() <= text.len(),
                "{} {span:?} past the end",
                d.code()
            );
            assert!(
                text.is_char_boundary(span.offset) && text.is_char_boundary(span.end()),
                "{} {span:?} not on character boundaries",
                d.code()
            );
        }
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

/// The command line, run in `dir` without a configuration of ours around it.
fn lint(dir: &Path) -> Command {
    let mut cmd = Command::new(assert_cmd::cargo::cargo_bin("api4p-lint"));
    cmd.current_dir(dir)
        .env_remove("NO_COLOR")
        .env("COLUMNS", "80")
        .stdin(Stdio::null());
    cmd
}

/// Runs `check --format json` on `file` (written into a fresh folder) with `args`; returns
/// the exit code and the file's diagnostics.
fn check_file(name: &str, bytes: &[u8], args: &[&str]) -> (i32, Vec<serde_json::Value>) {
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

fn span_of(d: &serde_json::Value) -> (usize, usize) {
    (
        d["span"]["offset"].as_u64().unwrap() as usize,
        d["span"]["length"].as_u64().unwrap() as usize,
    )
}

// ---------------------------------------------------------------------------------------
// Depth

#[test]
fn a_hundred_thousand_nested_arrays_stop_at_the_depth_limit() {
    let n = 100_000;
    let deep = "[".repeat(n) + &"]".repeat(n);
    let objects = r#"{"a":"#.repeat(n) + "1" + &"}".repeat(n);
    // A small stack: nothing recurses past serde_json's 128 levels.
    std::thread::Builder::new()
        .stack_size(1 << 20)
        .spawn(move || {
            for (text, token) in [(&deep, "["), (&objects, "{")] {
                for kind in [None, Some(PayloadKind::GetResponse)] {
                    let report = linter().check_str(text, kind);
                    let d = only(&report);
                    assert_eq!(d.code(), "A4P001");
                    assert_eq!(d.message, "invalid JSON: recursion limit exceeded");
                    assert!(
                        d.help
                            .as_deref()
                            .unwrap()
                            .contains("JSON nested 128 levels deep or more is refused"),
                        "{:?}",
                        d.help
                    );
                    // At the container that is one level too deep: the 128th.
                    assert_eq!(at(text, d), token);
                    assert_eq!(text[..d.span.offset].matches(token).count(), 127);
                    assert_sane(&report);
                    assert!(report.render(&RenderOptions::default()).len() < 2000);
                }
                // The span index stops indexing at the same depth, without recursing.
                let index = SpanIndex::build(text, 0);
                assert!(index.depth_exceeded());
                assert_eq!(index.value("").map(|s| s.len), Some(text.len()));
                let pointer = if token == "[" { "/0" } else { "/a" }.repeat(MAX_DEPTH);
                assert!(index.value(&pointer).is_some());
                assert!(index
                    .value(&format!("{pointer}{}", &pointer[..2]))
                    .is_none());
            }
        })
        .unwrap()
        .join()
        .unwrap();

    let (code, diagnostics) = check_file("deep.json", "[".repeat(n).as_bytes(), &[]);
    assert_eq!(code, 1);
    assert_eq!(diagnostics.len(), 1);
    assert_eq!(
        diagnostics[0]["message"],
        "invalid JSON: recursion limit exceeded"
    );
    assert_eq!(span_of(&diagnostics[0]), (127, 1));
}

// ---------------------------------------------------------------------------------------
// Size

fn with_big_name(bytes: usize) -> String {
    CREATE.replacen(
        "\"Transformation Project at NewCustomer\"",
        &format!("\"{}\"", "x".repeat(bytes)),
        1,
    )
}

#[test]
fn a_50_mb_string_is_over_the_default_limit_and_handled_under_a_raised_one() {
    let text = with_big_name(50 << 20);
    let report = linter().check_str(&text, PayloadKind::CreateRequest);
    let d = only(&report);
    assert_eq!(d.code(), "A4P005");
    assert_eq!(
        d.message,
        format!(
            "the payload is {} bytes, over the limit of 10485760 bytes",
            text.len()
        )
    );

    // Raised: the payload is checked whole, the findings point at the string, and neither
    // messages nor the code frame copy it.
    let mut config = Config::default();
    config.set_max_payload_bytes(64 << 20);
    let raised = Linter::with_config(config).with_today(jiff::civil::Date::constant(2025, 6, 1));
    let report = raised.check_str(&text, PayloadKind::CreateRequest);
    assert_sane(&report);
    assert!(!codes(&report).contains(&"A4P005"), "{:?}", codes(&report));
    for d in report.diagnostics() {
        assert_eq!(d.pointer, "/leadOpportunity/name", "{d:#?}");
        assert_eq!(d.span.len, (50 << 20) + 2);
    }
    let rendered = report.render(&RenderOptions::default());
    assert!(rendered.len() < 10_000, "{} bytes rendered", rendered.len());

    // The command line: over the limit from a file and from stdin, exit 1, nothing parsed.
    let (code, diagnostics) =
        check_file("big.json", text.as_bytes(), &["--kind", "create-request"]);
    assert_eq!(code, 1);
    assert_eq!(diagnostics.len(), 1);
    assert_eq!(diagnostics[0]["code"], "A4P005");
    assert_eq!(span_of(&diagnostics[0]), (0, 0));
    let dir = tempfile::tempdir().unwrap();
    let mut child = lint(dir.path())
        .args([
            "check",
            "--format",
            "short",
            "--kind",
            "create-request",
            "-",
        ])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    let writer = std::thread::spawn(move || {
        // The tool stops reading after the limit: the pipe may close early.
        let _ = stdin.write_all(text.as_bytes());
    });
    let out = child.wait_with_output().unwrap();
    writer.join().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert!(
        stdout.contains("error[A4P005]: the payload is 10485761 bytes, over the limit"),
        "{stdout}"
    );
}

#[test]
fn the_payload_limit_is_configurable() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("api4p-lint.toml"),
        "[limits]\nmax-payload-bytes = 300\n",
    )
    .unwrap();
    std::fs::write(dir.path().join("lead.json"), CREATE).unwrap();
    let lines = [
        r#"{"message": "Too Many Requests"}"#.to_owned(),
        format!(r#"{{"message": "{}"}}"#, "x".repeat(400)),
        r#"{"message": 1}"#.to_owned(),
    ];
    std::fs::write(dir.path().join("errors.ndjson"), lines.join("\n")).unwrap();
    let out = lint(dir.path())
        .args([
            "check",
            "--format",
            "short",
            "--kind",
            "create-request",
            "lead.json",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        String::from_utf8(out.stdout).unwrap(),
        format!(
            "lead.json:1:1: error[A4P005]: the payload is {} bytes, over the limit of 300 bytes\n",
            CREATE.len()
        )
    );
    // NDJSON: the long line is reported at its line and the next one is still checked.
    let out = lint(dir.path())
        .args([
            "check",
            "--format",
            "short",
            "--kind",
            "error-response",
            "errors.ndjson",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let stdout = String::from_utf8(out.stdout).unwrap();
    let found: Vec<&str> = stdout.lines().collect();
    assert_eq!(found.len(), 2, "{stdout}");
    assert!(
        found[0].starts_with("errors.ndjson:2:1: error[A4P005]: the payload is 415 bytes"),
        "{stdout}"
    );
    assert!(found[1].starts_with("errors.ndjson:3:"), "{stdout}");
}

// ---------------------------------------------------------------------------------------
// Numbers

fn with_amount(amount: &str) -> String {
    CREATE.replacen("\"amount\": 5490", &format!("\"amount\": {amount}"), 1)
}

#[test]
fn extreme_numbers_in_amount() {
    // Out of an f64's range: serde_json refuses it, and says so at the number.
    let text = with_amount("1e400");
    let report = linter().check_str(&text, PayloadKind::CreateRequest);
    let d = only(&report);
    assert_eq!(d.code(), "A4P001");
    assert_eq!(d.message, "invalid JSON: number out of range");
    assert_eq!(
        d.help.as_deref(),
        Some("write the amount as a finite number (an f64)")
    );
    assert_eq!(at(&text, d), "1e400");

    // Minus zero, a number that underflows to zero, and 20-digit integers (within u64 and
    // past it, read as f64): all fine amounts, checked without a panic.
    for amount in [
        "-0",
        "-0.0",
        "1e-400",
        "12345678901234567890",
        "99999999999999999999",
        "123456789012345678901234567890",
    ] {
        let text = with_amount(amount);
        let report = linter().check_str(&text, PayloadKind::CreateRequest);
        assert!(report.is_clean(), "{amount}: {:#?}", report.diagnostics());
    }

    // Negative, 20 digits: the offer-line rule reports it, at the number.
    let text = with_amount("-99999999999999999999");
    let report = linter().check_str(&text, PayloadKind::CreateRequest);
    let d = only(&report);
    assert_eq!(d.code(), "A4P204");
    assert_eq!(at(&text, d), "-99999999999999999999");

    let (code, diagnostics) = check_file(
        "amount.json",
        with_amount("1e400").as_bytes(),
        &["--kind", "create-request"],
    );
    assert_eq!(code, 1);
    assert_eq!(
        diagnostics[0]["message"],
        "invalid JSON: number out of range"
    );
    let (code, diagnostics) = check_file(
        "amount.json",
        with_amount("-0").as_bytes(),
        &["--kind", "create-request", "--ignore", "close-date-past"],
    );
    assert_eq!((code, diagnostics.len()), (0, 0));
}

// ---------------------------------------------------------------------------------------
// Encodings

#[test]
fn invalid_utf8_is_reported_at_the_exact_bytes() {
    let at_name = CREATE.find("NEW CUSTOMER").unwrap();
    // A Latin-1 "é" (one byte), and a UTF-8 sequence cut short (two bytes of three).
    for (bad, len) in [(&b"\xe9"[..], 1), (b"\xe2\x82", 2)] {
        let mut bytes = CREATE.as_bytes()[..at_name].to_vec();
        bytes.extend_from_slice(bad);
        bytes.extend_from_slice(&CREATE.as_bytes()[at_name..]);
        let report = linter().check_bytes(&bytes, PayloadKind::CreateRequest);
        let d = only(&report);
        assert_eq!(d.code(), "A4P003");
        assert_eq!(
            d.message,
            format!("the payload is not valid UTF-8 from byte {at_name} on")
        );
        assert_eq!((d.span.offset, d.span.len), (at_name, len));
        // The text shown has one byte for each byte of the file.
        assert_eq!(report.source().text().len(), bytes.len());
        assert_sane(&report);

        let (code, diagnostics) = check_file("latin1.json", &bytes, &["--kind", "create-request"]);
        assert_eq!(code, 1);
        assert_eq!(diagnostics[0]["code"], "A4P003");
        assert_eq!(span_of(&diagnostics[0]), (at_name, len));
        assert_eq!(diagnostics[0]["line"], 18);
        assert_eq!(diagnostics[0]["column"], 14);
    }
    // Cut at the very end.
    let report = linter().check_bytes(b"{\"a\": \"\xf0\x9f\x98", None);
    assert_eq!((only(&report).span.offset, only(&report).span.len), (7, 3));
}

fn utf16(text: &str, big_endian: bool, bom: bool) -> Vec<u8> {
    let mut units: Vec<u16> = Vec::new();
    if bom {
        units.push(0xFEFF);
    }
    units.extend(text.encode_utf16());
    units
        .into_iter()
        .flat_map(|u| {
            if big_endian {
                u.to_be_bytes()
            } else {
                u.to_le_bytes()
            }
        })
        .collect()
}

#[test]
fn utf16_text_is_named_with_or_without_a_byte_order_mark() {
    for big_endian in [false, true] {
        for bom in [true, false] {
            let bytes = utf16(CREATE, big_endian, bom);
            for kind in [None, Some(PayloadKind::CreateRequest)] {
                let report = linter().check_bytes(&bytes, kind);
                let d = only(&report);
                assert_eq!(d.code(), "A4P003");
                let order = if big_endian { "big" } else { "little" };
                assert_eq!(
                    d.message,
                    format!("the payload is UTF-16 ({order}-endian) text, not UTF-8")
                );
                assert_eq!((d.span.offset, d.span.len), (0, 2));
                assert_eq!(
                    d.label,
                    if bom {
                        "UTF-16 byte order mark"
                    } else {
                        "a character of two bytes, one of them 0"
                    }
                );
                assert_sane(&report);
                // The code frame shows no raw NUL or other control character.
                let rendered = report.render(&RenderOptions::default());
                assert_no_terminal_control(&rendered, "code frame");
            }
            let (code, diagnostics) = check_file("utf16.json", &bytes, &[]);
            assert_eq!(code, 1);
            assert_eq!(diagnostics.len(), 1);
            assert_eq!(span_of(&diagnostics[0]), (0, 2));
        }
    }
}

#[test]
fn a_utf8_bom_keeps_every_span_exact() {
    // Schema findings (enum, unknown property, wrong type), semantic ones (forecast vs
    // status, negative amount) and a duplicate key.
    let text = CREATE
        .replacen(
            "\"status\": \"OPPY_OPEN\"",
            "\"status\": \"WONN\", \"status\": \"WON\", \"forecastCategory\": \"COMMIT\"",
            1,
        )
        .replacen("\"amount\": 5490", "\"amount\": -5490", 1)
        .replacen(
            "\"city\": \"PARIS\"",
            "\"city\": 75, \"customerContact\": []",
            1,
        );
    let plain = linter().check_str(&text, PayloadKind::CreateRequest);
    let with_bom = format!("\u{feff}{text}");
    let bom = linter().check_str(&with_bom, PayloadKind::CreateRequest);
    let found = codes(&plain);
    for code in ["A4P002", "A4P104", "A4P103", "A4P201", "A4P204"] {
        assert!(found.contains(&code), "{code} missing from {found:?}");
    }
    assert_eq!(codes(&bom), found);
    for (a, b) in plain.diagnostics().iter().zip(bom.diagnostics()) {
        assert_eq!(b.span.offset, a.span.offset + 3, "{}", a.code());
        assert_eq!(b.span.len, a.span.len);
        assert_eq!(at(&with_bom, b), at(&text, a));
        for (la, lb) in a.secondary.iter().zip(&b.secondary) {
            assert_eq!(lb.span.offset, la.span.offset + 3);
        }
    }
    assert_sane(&bom);

    // Syntax errors too, and the command line's columns do not count the BOM.
    let broken = "\u{feff}{\"leadOpportunity\": {,}}";
    let report = linter().check_str(broken, PayloadKind::UpdateRequest);
    let d = only(&report);
    assert_eq!(d.code(), "A4P001");
    assert_eq!(at(broken, d), ",");
    assert_eq!(d.span.offset, broken.find(',').unwrap());
    let (code, diagnostics) = check_file("bom.json", broken.as_bytes(), &[]);
    assert_eq!(code, 1);
    assert_eq!(span_of(&diagnostics[0]), (d.span.offset, 1));
    // `{"leadOpportunity": {` is 21 characters; the BOM is not one.
    assert_eq!(diagnostics[0]["column"], 22);
}

// ---------------------------------------------------------------------------------------
// Odd texts

#[test]
fn nul_bytes() {
    let cases = [
        // In a string: a raw control character.
        (
            "{\"a\": \"x\0y\"}",
            "invalid JSON: control character (\\u0000-\\u001F) found while parsing a string",
            8,
        ),
        // After the payload.
        ("{}\0", "invalid JSON: trailing characters", 2),
        // Before it.
        ("\0{}", "invalid JSON: expected value", 0),
        // In place of a value.
        ("{\"a\": \0}", "invalid JSON: expected value", 6),
    ];
    for (text, message, offset) in cases {
        let report = linter().check_str(text, PayloadKind::UpdateRequest);
        let d = only(&report);
        assert_eq!(
            (d.code(), d.message.as_str()),
            ("A4P001", message),
            "{text:?}"
        );
        assert_eq!((d.span.offset, d.span.len), (offset, 1), "{text:?}");
        let rendered = report.render(&RenderOptions::default());
        assert!(!rendered.contains('\0'), "{rendered}");
        let (code, diagnostics) = check_file("nul.json", text.as_bytes(), &[]);
        assert_eq!(code, 1);
        assert_eq!(diagnostics[0]["message"], message);
    }
}

#[test]
fn empty_and_whitespace_only_files() {
    for (text, message, end) in [
        ("", "invalid JSON: the payload is empty", 0),
        (
            " \n\t\r\n",
            "invalid JSON: the payload holds only whitespace",
            5,
        ),
        ("\u{feff}", "invalid JSON: the payload is empty", 3),
    ] {
        for kind in [None, Some(PayloadKind::GetResponse)] {
            let report = linter().check_str(text, kind);
            let d = only(&report);
            assert_eq!((d.code(), d.message.as_str()), ("A4P001", message));
            assert_eq!((d.span.offset, d.span.len), (end, 0));
            assert_sane(&report);
        }
        let (code, diagnostics) = check_file("empty.json", text.as_bytes(), &[]);
        assert_eq!(code, 1);
        assert_eq!(diagnostics[0]["message"], message);
    }
    // In NDJSON, blank lines are no payloads.
    let (code, diagnostics) = check_file("empty.ndjson", b"\n\n  \n", &[]);
    assert_eq!((code, diagnostics.len()), (0, 0));
}

#[test]
fn a_top_level_array_or_scalar() {
    for (text, what) in [
        ("[]", "an array"),
        ("[{\"leadOpportunity\": {}}]", "an array"),
        ("42", "a number"),
        ("\"lead\"", "a string"),
        ("true", "a boolean"),
        ("null", "null"),
    ] {
        let report = linter().check_str(text, None);
        let d = only(&report);
        assert_eq!(d.code(), "A4P004");
        assert_eq!(
            d.message,
            format!(
                "the payload is {what}, not an object: every API4Partners payload is a JSON object"
            )
        );
        assert_eq!((d.span.offset, d.span.len), (0, 1));
        let (code, diagnostics) = check_file("top.json", text.as_bytes(), &[]);
        assert_eq!(code, 1);
        assert_eq!(diagnostics[0]["code"], "A4P004");

        // With a kind, it is checked as that kind: the root has the wrong type.
        let report = linter().check_str(text, PayloadKind::GetResponse);
        let d = only(&report);
        assert_eq!(d.code(), "A4P104");
        assert_eq!(d.pointer, "");
        assert_eq!(at(text, d), text);
        let (code, diagnostics) =
            check_file("top.json", text.as_bytes(), &["--kind", "get-response"]);
        assert_eq!(code, 1);
        assert_eq!(diagnostics[0]["code"], "A4P104");
        assert_eq!(span_of(&diagnostics[0]), (0, text.len()));
    }
}

#[test]
fn thousands_of_duplicate_keys_give_a_bounded_report() {
    let n = 5_000;
    let members: Vec<String> = (0..n).map(|i| format!("\"status\": \"S{i}\"")).collect();
    let text = format!(
        "{{\"leadOpportunity\": {{\"partnerLeadOpportunityId\": \"CRM-1\", {}}}}}",
        members.join(", ")
    );
    let report = linter().check_str(&text, PayloadKind::UpdateRequest);
    assert_sane(&report);
    let dups: Vec<&Diagnostic> = report
        .diagnostics()
        .iter()
        .filter(|d| d.code() == "A4P002")
        .collect();
    assert_eq!(dups.len(), 101);
    for (i, d) in dups[..100].iter().enumerate() {
        assert_eq!(d.message, "duplicate key `leadOpportunity.status`");
        assert_eq!(at(&text, d), "\"status\"");
        let first = text.find("\"status\"").unwrap();
        assert_eq!(d.secondary[0].span.offset, first);
        assert_eq!(
            d.span.offset,
            text.find(&format!("\"S{}\"", i + 1)).unwrap() - 10
        );
    }
    let summary = dups[100];
    assert_eq!(
        summary.message,
        "4899 more duplicate keys from `leadOpportunity.status` on, not reported one by one"
    );
    assert_eq!(summary.span.offset, text.find("\"S101\"").unwrap() - 10);
    // The last value wins: one enum finding, for S4999.
    let enums: Vec<&Diagnostic> = report
        .diagnostics()
        .iter()
        .filter(|d| d.code() == "A4P101")
        .collect();
    assert_eq!(enums.len(), 1);
    assert_eq!(at(&text, enums[0]), format!("\"S{}\"", n - 1));

    // Thousands of different keys, each repeated once, in as many objects.
    let lines: Vec<String> = (0..n)
        .map(|i| format!(r#"{{"offerNameId": "O{i}", "offerNameId": "O{i}", "amount": 1, "revenueType": "UPFRONT"}}"#))
        .collect();
    let text = format!(
        r#"{{"leadOpportunity": {{"partnerLeadOpportunityId": "CRM-1"}}, "offerLines": [{}]}}"#,
        lines.join(",")
    );
    let report = linter().check_str(&text, PayloadKind::UpdateRequest);
    let dups = report
        .diagnostics()
        .iter()
        .filter(|d| d.code() == "A4P002")
        .count();
    assert_eq!(dups, 101);
    assert_eq!(
        report.diagnostics().last().unwrap().message,
        format!(
            "{} more duplicate keys from `offerLines[100].offerNameId` on, not reported one by one",
            n - 100
        )
    );

    // The command line's output stays small.
    let (code, diagnostics) =
        check_file("dups.json", text.as_bytes(), &["--kind", "update-request"]);
    assert_eq!(code, 1);
    assert_eq!(diagnostics.len(), 101);
}

#[test]
fn thousands_of_findings_are_capped_per_rule() {
    // 5,000 unknown properties on one line: a thousand findings, then one counting the rest.
    let members: Vec<String> = (0..5_000).map(|i| format!("\"extra{i}\": 1")).collect();
    let text = format!(
        r#"{{"leadOpportunity": {{"partnerLeadOpportunityId": "CRM-1", {}}}}}"#,
        members.join(", ")
    );
    let report = linter().check_str(&text, PayloadKind::UpdateRequest);
    assert_sane(&report);
    let found = report.diagnostics();
    assert_eq!(found.len(), 1001);
    assert!(found.iter().all(|d| d.code() == "A4P103"));
    let last = found.last().unwrap();
    assert_eq!(
        last.message,
        "4000 more `unknown-property` findings in this payload, from \
         `leadOpportunity.extra1000` on, not reported one by one"
    );
    assert_eq!(at(&text, last), "\"extra1000\"");

    // 60,000 offer lines of the wrong type, on one line: the schema's errors are examined up
    // to 50,000, the rest only counted.
    let text = format!(
        r#"{{"leadOpportunity": {{"partnerLeadOpportunityId": "CRM-1"}}, "offerLines": [{}]}}"#,
        vec!["1"; 60_000].join(",")
    );
    let report = linter().check_str(&text, PayloadKind::UpdateRequest);
    assert_sane(&report);
    let found = report.diagnostics();
    assert_eq!(found.len(), 1002);
    assert_eq!(
        (found[0].code(), found[0].message.as_str()),
        (
            "A4P107",
            "10000 more schema errors in this payload, past the first 50000, not examined"
        )
    );
    assert_eq!(
        found[1001].message,
        "49000 more `wrong-type` findings in this payload, from `offerLines[1000]` on, not \
         reported one by one"
    );
    // Columns on that one long line, and the code frames, come without a quadratic cost.
    let mut file = FileReport::new("lines.json");
    file.add(&report, 0, 1, Some(&RenderOptions::default()));
    let Ok(placed) = &file.outcome else { panic!() };
    assert_eq!(
        placed[1001].column,
        text.find("1,1").unwrap() + 1 + 2 * 1000
    );
    assert!(file.human.len() < 1_000_000, "{} bytes", file.human.len());
}

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
    for d in report.diagnostics() {
        assert!(
            d.message.contains("\\u001b]0;owned\\u0007\\u001b[2J"),
            "{}",
            d.message
        );
        assert!(d.message.contains("kkk…"), "{}", d.message);
    }
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
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(
        stderr.contains("unknown severity `o\\u000c\\u001b[2J` for `placeholder-value`"),
        "{stderr}"
    );
    assert_no_terminal_control(&stderr, "stderr");
}

#[test]
fn a_finding_about_a_huge_value_shows_its_start() {
    // A 200,000-element array where an object is expected, on one line and on many.
    let items: Vec<String> = (0..200_000).map(|i| i.to_string()).collect();
    for separator in [",", ",\n"] {
        let text = format!("[{}]", items.join(separator));
        let report = linter().check_str(&text, PayloadKind::GetResponse);
        let d = only(&report);
        assert_eq!((d.code(), d.span.len), ("A4P104", text.len()));
        let rendered = report.render(&RenderOptions::default());
        assert!(
            rendered.len() < 2_000,
            "{} bytes: {rendered}",
            rendered.len()
        );
        assert!(
            rendered.contains("(first 100 of") || rendered.contains("(continues to line 200000)"),
            "{rendered}"
        );
    }
}

#[test]
fn the_human_report_of_a_long_line_near_its_start() {
    // Found by fuzzing the configuration (the excerpt of a long line, cut 1 or 2 bytes after
    // the line's start, underflowed the column): any text rendered by the human report.
    let text = format!("[{}x{}]", "1,".repeat(25), "1".repeat(100));
    let report = linter().check_str(&text, PayloadKind::GetResponse);
    let d = only(&report);
    assert_eq!((d.code(), d.span.offset), ("A4P001", 51));
    let rendered = report.render(&RenderOptions::default());
    assert!(rendered.contains("<input>:1:52"), "{rendered}");
    // The configuration fuzzer's input itself is replayed by tests/fuzz_regressions.rs.
}

// ---------------------------------------------------------------------------------------
// Suggestions

fn portfolio(n: usize) -> Vec<String> {
    (0..n)
        .map(|i| format!("MDMIND{:05}_PUBL_ISE{:08}_IPE{:08}", i % 97, i * 7919, i))
        .collect()
}

#[test]
fn did_you_mean_against_a_10000_item_portfolio_is_deterministic() {
    let ids = portfolio(10_000);
    let typo = |i: usize| ids[i * 50].replacen("IPE", "IEP", 1);
    // 200 offer lines with 50 different unknown ids, each written four times.
    let request = |ids: &[String]| {
        let lines: Vec<String> = ids
            .iter()
            .map(|id| {
                format!(r#"{{"offerNameId": "{id}", "amount": 1, "revenueType": "UPFRONT"}}"#)
            })
            .collect();
        format!(
            r#"{{"leadOpportunity": {{"partnerLeadOpportunityId": "CRM-1"}}, "offerLines": [{}]}}"#,
            lines.join(", ")
        )
    };
    let written: Vec<String> = (0..200).map(|i| typo(i % 50)).collect();
    let text = request(&written);
    let run = |portfolio: Vec<String>, text: &str| {
        let mut config = Config::default();
        config
            .reference_mut()
            .add_portfolio(portfolio.into_iter().map(|id| PortfolioItem {
                id,
                orderable: true,
            }));
        Linter::with_config(config)
            .check_str(text, PayloadKind::UpdateRequest)
            .into_diagnostics()
    };
    let found = run(ids.clone(), &text);
    assert_eq!(found.len(), 200);
    for (i, d) in found.iter().enumerate() {
        assert_eq!(d.code(), "A4P601");
        let expected = format!("\"{}\"", ids[(i % 50) * 50]);
        assert_eq!(d.suggestion.as_deref(), Some(expected.as_str()));
    }
    // Another portfolio in another order, with a look-alike folding to the same word: the
    // same answers.
    let mut shuffled = ids.clone();
    shuffled.reverse();
    shuffled.push(ids[0].to_lowercase());
    assert_eq!(run(shuffled, &text), found);

    // 150 different unknown ids: the first 100 get a did-you-mean, the others a plain help.
    let written: Vec<String> = (0..150).map(typo).collect();
    let found = run(ids.clone(), &request(&written));
    assert_eq!(found.len(), 150);
    assert!(found[..100].iter().all(|d| d.suggestion.is_some()));
    assert!(found[100..].iter().all(|d| d.suggestion.is_none()
        && d.help.as_deref()
            == Some("the portfolio has 10000 items; refresh it with the portfolio-items search")));

    // Competitors: a long list is not copied into the help.
    let mut config = Config::default();
    config.reference_mut().competitors = Some(ids.iter().cloned().collect());
    let text =
        r#"{"leadOpportunity": {"partnerLeadOpportunityId": "CRM-1", "competitors": ["Nobody"]}}"#;
    let report = Linter::with_config(config).check_str(text, PayloadKind::UpdateRequest);
    assert_sane(&report);
    assert!(only(&report)
        .help
        .as_deref()
        .unwrap()
        .ends_with("and 9980 more"));
}

// ---------------------------------------------------------------------------------------
// NDJSON streams

/// The seed as one NDJSON line (a compact GET response, 1.5 kB).
fn seed_line() -> String {
    serde_json::to_string(&serde_json::from_str::<serde_json::Value>(SEED).unwrap()).unwrap() + "\n"
}

/// Streams `lines` lines of the seed (`bad` lines broken) into the command line's stdin
/// without holding them, and samples the child's peak memory. Returns the JSON output, the
/// peak resident set in kB (`None` where /proc is missing) and the bytes streamed.
fn stream(lines: usize, bad: &[usize]) -> (serde_json::Value, Option<u64>, u64) {
    let line = seed_line();
    let broken = line.replacen("\"status\":\"WON\"", "\"status\":\"WONN\"", 1);
    assert_ne!(broken, line);
    let dir = tempfile::tempdir().unwrap();
    let mut child = lint(dir.path())
        .args([
            "check",
            "--format",
            "json",
            "--stdin-filename",
            "export.ndjson",
            "-",
        ])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let pid = child.id();
    let mut stdin = child.stdin.take().unwrap();
    let bad = bad.to_vec();
    let writer = std::thread::spawn(move || {
        let mut written = 0u64;
        let mut chunk = String::new();
        for n in 1..=lines {
            chunk.push_str(if bad.contains(&n) { &broken } else { &line });
            if chunk.len() > 1 << 16 || n == lines {
                stdin.write_all(chunk.as_bytes()).unwrap();
                written += chunk.len() as u64;
                chunk.clear();
            }
        }
        written
    });
    let mut stdout = child.stdout.take().unwrap();
    let reader = std::thread::spawn(move || {
        let mut out = String::new();
        stdout.read_to_string(&mut out).unwrap();
        out
    });
    let mut peak = None;
    loop {
        if let Ok(status) = std::fs::read_to_string(format!("/proc/{pid}/status")) {
            if let Some(kb) = status
                .lines()
                .find_map(|l| l.strip_prefix("VmHWM:"))
                .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<u64>().ok())
            {
                peak = Some(kb);
            }
        }
        if child.try_wait().unwrap().is_some() {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    let written = writer.join().unwrap();
    let out = reader.join().unwrap();
    assert_eq!(child.wait().unwrap().code(), Some(1), "{out}");
    (serde_json::from_str(&out).unwrap(), peak, written)
}

/// Streams about `bytes` bytes of NDJSON with a bad line in the middle and another at the end.
fn assert_stream(bytes: usize, max_rss_mb: u64) {
    let lines = bytes.div_ceil(seed_line().len());
    let middle = lines / 2;
    let (json, peak, written) = stream(lines, &[middle, lines]);
    let file = &json["files"][0];
    assert_eq!(file["path"], "export.ndjson");
    let found: Vec<(u64, &str)> = file["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| (d["line"].as_u64().unwrap(), d["code"].as_str().unwrap()))
        .collect();
    // The bad line in the middle is reported at its line, and the rest is still checked (the
    // last line is bad too).
    assert_eq!(found, [(middle as u64, "A4P101"), (lines as u64, "A4P101")]);
    let per_line = written / lines as u64;
    let offset = file["diagnostics"][0]["span"]["offset"].as_u64().unwrap();
    assert_eq!(offset / per_line, middle as u64 - 1);
    eprintln!(
        "{} lines, {} MB streamed, peak RSS {:?} MB",
        lines,
        written >> 20,
        peak.map(|kb| kb / 1024)
    );
    if let Some(kb) = peak {
        assert!(
            kb < max_rss_mb * 1024,
            "peak RSS {} MB for a {} MB stream",
            kb / 1024,
            written >> 20
        );
    } else {
        eprintln!("no /proc: memory not measured");
    }
}

#[test]
fn a_64_mb_ndjson_stream_with_bad_lines_is_checked_in_bounded_memory() {
    // 64 MB of GET responses: the tool's peak memory stays far below the stream's size.
    assert_stream(64 << 20, 48);
}

#[test]
#[ignore = "1 GB through the command line: run in release by .ci/run (cargo test --release --test hostile -- --ignored)"]
fn a_1_gb_ndjson_stream_with_a_bad_line_is_checked_in_bounded_memory() {
    assert_stream(1 << 30, 48);
}

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
    // No HTTP client is compiled in at all.
    let lock = include_str!("../Cargo.lock");
    for client in ["reqwest", "ureq", "hyper", "curl", "isahc", "attohttpc"] {
        assert!(
            !lock.contains(&format!("name = \"{client}\"")),
            "{client} is in Cargo.lock"
        );
    }
}

#[test]
fn checking_works_without_a_network() {
    // A network namespace with no interface but loopback down: any fetch would fail. Skipped
    // where namespaces cannot be made (unprivileged containers without user namespaces).
    let Some(unshare) = ["-rn", "-n"].into_iter().find(|flag| {
        Command::new("unshare")
            .args([flag, "true"])
            .status()
            .is_ok_and(|s| s.success())
    }) else {
        eprintln!("skipped: `unshare -rn` and `unshare -n` are not available here");
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let payload = CREATE.replacen("\"OPPY_OPEN\"", "\"WONN\"", 1);
    std::fs::write(dir.path().join("lead.json"), &payload).unwrap();
    let bin = assert_cmd::cargo::cargo_bin("api4p-lint");
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

// ---------------------------------------------------------------------------------------
// Nothing lost

/// Every file below `dir`, with its bytes and modification time.
fn snapshot(dir: &Path) -> Vec<(PathBuf, Vec<u8>, std::time::SystemTime)> {
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

fn copy_dir(from: &Path, to: &Path) {
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

#[test]
fn checked_files_are_never_written() {
    let work = tempfile::tempdir().unwrap();
    let dir = work.path().join("payloads");
    copy_dir(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/cli/mixed"),
        &dir,
    );
    std::fs::write(dir.join("broken.json"), b"{\"a\": \xff, \"a\": [[[").unwrap();
    let before = snapshot(&dir);
    // Modification times have a coarse clock on some file systems: leave it time to tick.
    std::thread::sleep(std::time::Duration::from_millis(50));
    for format in ["human", "short", "json", "sarif", "github", "junit"] {
        let out = lint(&dir)
            .args(["check", "--format", format])
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(1), "{format}");
    }
    let report = work.path().join("report.sarif");
    let out = lint(&dir)
        .args(["check", "--format", "sarif", "--output"])
        .arg(&report)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(report.is_file());
    // `--output` naming a checked file is refused before anything is written.
    for output in ["get-response.json", "./requests/../get-response.json"] {
        let out = lint(&dir)
            .args(["check", "--output", output, "."])
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2));
        let stderr = String::from_utf8(out.stderr).unwrap();
        assert!(
            stderr.contains("is get-response.json, one of the files being checked"),
            "{stderr}"
        );
    }
    assert_eq!(snapshot(&dir), before, "a checked file changed");
}

/// Files in `dir` whose name marks an unfinished output.
fn leftovers(dir: &Path) -> Vec<String> {
    std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|name| name.starts_with(".api4p-lint-"))
        .collect()
}

#[test]
fn an_output_that_cannot_be_written_leaves_nothing_behind() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("lead.json"), CREATE).unwrap();
    // Its folder does not exist.
    let out = lint(dir.path())
        .args([
            "check",
            "--kind",
            "create-request",
            "--output",
            "missing/out.json",
            "lead.json",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(!dir.path().join("missing").exists());
    // It is a folder: the complete temporary file cannot replace it, and is deleted.
    std::fs::create_dir(dir.path().join("out.json")).unwrap();
    let out = lint(dir.path())
        .args([
            "check",
            "--kind",
            "create-request",
            "--output",
            "out.json",
            "lead.json",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(
        stderr.starts_with("error: cannot write the output: "),
        "{stderr}"
    );
    assert!(dir.path().join("out.json").is_dir());
    assert_eq!(leftovers(dir.path()), Vec::<String>::new());
}

#[test]
fn an_interrupted_run_leaves_no_partial_file() {
    // A run reading an NDJSON stream from stdin, stopped half-way by SIGTERM (what CI
    // runners send on cancel) and by Ctrl-C's SIGINT: exit 130, no output file, and no
    // temporary file either. SIGKILL cannot be caught: the target is still never partial.
    let line = serde_json::to_string(&serde_json::from_str::<serde_json::Value>(SEED).unwrap())
        .unwrap()
        + "\n";
    for signal in ["TERM", "INT", "KILL"] {
        let dir = tempfile::tempdir().unwrap();
        let mut child = lint(dir.path())
            .args(["check", "--format", "json", "--output", "out.json"])
            .args(["--stdin-filename", "export.ndjson", "-"])
            .stdin(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let mut stdin = child.stdin.take().unwrap();
        for _ in 0..3000 {
            stdin.write_all(line.as_bytes()).unwrap();
        }
        stdin.flush().unwrap();
        // The temporary file exists once the run has started writing.
        while leftovers(dir.path()).is_empty() {
            std::thread::sleep(std::time::Duration::from_millis(10));
        }
        let killed = Command::new("kill")
            .args([format!("-{signal}"), child.id().to_string()])
            .status()
            .unwrap();
        assert!(killed.success());
        let status = child.wait().unwrap();
        drop(stdin);
        assert!(!dir.path().join("out.json").exists(), "{signal}");
        if signal == "KILL" {
            assert_eq!(status.code(), None);
        } else {
            assert_eq!(status.code(), Some(130), "{signal}");
            assert_eq!(leftovers(dir.path()), Vec::<String>::new(), "{signal}");
        }
    }
}
