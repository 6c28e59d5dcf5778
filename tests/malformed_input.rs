//! Malformed input: too deep, broken encodings, a byte order mark, odd numbers, NUL bytes,
//! empty files, a top-level array or scalar. The tool reports each at the exact bytes, with
//! the finding the README's "Limits and hostile input" table promises, and through the
//! command line with exit code 1.

mod common;

use api4p_lint::source::span_index::{SpanIndex, MAX_DEPTH};
use api4p_lint::{PayloadKind, RenderOptions};

use common::{
    assert_no_terminal_control, assert_sane, at, check_file, codes, linter, only, span_of, CREATE,
};

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
                    assert_eq!(d.message, "invalid JSON: nested 128 levels deep or more");
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
        "invalid JSON: nested 128 levels deep or more"
    );
    assert_eq!(span_of(&diagnostics[0]), (127, 1));
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
    assert_eq!(d.message, "invalid JSON: a number too large to hold");
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
        "invalid JSON: a number too large to hold"
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
        // Where is the span's (line and column): no offset in the message, which in NDJSON
        // would count from the line's start while `span.offset` counts from the file's.
        assert_eq!(d.message, "the payload holds bytes that are not UTF-8");
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

#[test]
fn bad_bytes_are_shown_as_question_marks_in_code_frames() {
    // The README: "Code frames show each bad byte as `?`, so offsets stay the file's".
    let at_name = CREATE.find("NEW CUSTOMER").unwrap();
    // A Latin-1 "é", a UTF-8 sequence cut short (one finding over both bytes), and three bad
    // bytes in a row (the finding is at the first; each is shown).
    for (bad, shown, underline) in [
        (&b"\xe9"[..], "?", "┬"),
        (b"\xe2\x82", "??", "─┬"),
        (b"\xff\xfe\xfd", "???", "┬"),
    ] {
        let mut bytes = CREATE.as_bytes()[..at_name].to_vec();
        bytes.extend_from_slice(bad);
        bytes.extend_from_slice(&CREATE.as_bytes()[at_name..]);
        let line = format!(" 18 │     \"name\": \"{shown}NEW CUSTOMER CORPORATION\",\n");
        // The underline starts under the first `?`.
        let underline = format!("\n    ·              {underline}\n");

        let report = linter().check_bytes(&bytes, PayloadKind::CreateRequest);
        assert_eq!(codes(&report), ["A4P003"]);
        assert_eq!(&report.source().text()[at_name..at_name + bad.len()], shown);
        let rendered = report.render(&RenderOptions::default());
        assert!(rendered.contains(&line), "{rendered}");
        assert!(rendered.contains(&underline), "{rendered}");
        assert!(!rendered.contains('\u{fffd}'), "{rendered}");

        // The command line's human report, from the file's bytes.
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("latin1.json"), &bytes).unwrap();
        let out = common::lint(dir.path())
            .args(["check", "--format", "human", "--kind", "create-request"])
            .arg("latin1.json")
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(1));
        let stdout = String::from_utf8(out.stdout).expect("the report is UTF-8");
        assert!(stdout.contains(&line), "{stdout}");
        assert!(stdout.contains("╭─[latin1.json:18:14]"), "{stdout}");
        assert!(!stdout.contains('\u{fffd}'), "{stdout}");
    }
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
            "invalid JSON: a control character inside a string",
            8,
        ),
        // After the payload.
        ("{}\0", "invalid JSON: more text after the end of the JSON value", 2),
        // Before it.
        ("\0{}", "invalid JSON: expected a value: an object, an array, a \"string\", a number, true, false or null", 0),
        // In place of a value.
        ("{\"a\": \0}", "invalid JSON: expected a value: an object, an array, a \"string\", a number, true, false or null", 6),
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
    // In NDJSON, blank lines are no payloads: a file of nothing else holds none, and fails
    // like an empty `.json` file (tests/never_passes_silently.rs has every way in).
    let (code, diagnostics) = check_file("empty.ndjson", b"\n\n  \n", &[]);
    assert_eq!((code, diagnostics.len()), (1, 1));
    assert_eq!(diagnostics[0]["code"], "A4P001");
    assert_eq!(
        diagnostics[0]["message"],
        "invalid JSON: the NDJSON file holds no payload: its lines are blank"
    );
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

        // With a kind, too: no kind is anything but an object, and A4P004, unlike the
        // schema's A4P104 at the root, cannot be lowered for every payload.
        let report = linter().check_str(text, PayloadKind::GetResponse);
        let d = only(&report);
        assert_eq!(d.code(), "A4P004");
        assert_eq!(d.pointer, "");
        assert_eq!(
            d.message,
            format!(
                "the payload is {what}, not an object: every API4Partners payload is a JSON \
                 object, get-response too"
            )
        );
        assert_eq!((d.span.offset, d.span.len), (0, 1));
        assert_eq!(report.kind(), Some(PayloadKind::GetResponse));
        let (code, diagnostics) =
            check_file("top.json", text.as_bytes(), &["--kind", "get-response"]);
        assert_eq!(code, 1);
        assert_eq!(diagnostics[0]["code"], "A4P004");
        assert_eq!(span_of(&diagnostics[0]), (0, 1));
    }
}
