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
    for format in crate::common::FORMATS {
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

/// Each leak an adversarial review found, checked with `--redact` in all six formats: what
/// must not appear, and what must (the finding still says what is wrong). Each payload is
/// also checked without `--redact`, where it does show the data: the test can fail.
#[test]
fn the_leaks_found_before_are_closed_in_every_format() {
    let cases: &[(&str, &str, &[&str], &[&str])] = &[
        // 1. Values over 40 characters: cut first, the cut start no longer matched the value.
        (
            "update-request",
            r#"{"leadOpportunity": {"partnerLeadOpportunityId": "SF-OPP-004817"},
 "customerContacts": [{"email": "roberta.johnstone@customer-corporation-international"}]}"#,
            &["roberta.johnstone", "customer-corporation"],
            &["A4P303", "/customerContacts/0/email"],
        ),
        (
            "update-request",
            r#"{"leadOpportunity": {"partnerLeadOpportunityId": "SF-OPP-004817",
 "status": "ZQX Robertina Johnstone from NEWCUSTCORP corporation"}}"#,
            &["ZQX", "Robertina", "Johnstone", "NEWCUSTCORP"],
            &["A4P101", "/leadOpportunity/status"],
        ),
        // 2. DEL and C1 characters: escaped in messages, not in the value.
        (
            "update-request",
            r#"{"leadOpportunity": {"partnerLeadOpportunityId": "SF-OPP-004817",
 "status": "ZQXSEC\u007fRET", "forecastCategory": "ZQXOTH\u0085ER"}}"#,
            &["ZQXSEC", "007fRET", "ZQXOTH", "0085ER"],
            &["A4P101"],
        ),
        // 3. Values computed from the payload: a date at midnight UTC, an instant in UTC,
        // an upper-cased currency.
        (
            "update-request",
            r#"{"leadOpportunity": {"partnerLeadOpportunityId": "SF-OPP-004817",
 "closeDate": "2031-02-17", "currency": "zqx"}}"#,
            &["2031", "02-17", "zqx", "ZQX"],
            &["A4P301", "A4P106"],
        ),
        (
            "search-request",
            r#"{"data": [{"modifiedDate": {"fromDate": "2025-03-04T10:30:00+05:30",
 "toDate": "2025-03-05T10:30:00Z"}}]}"#,
            &["2025-03-04", "05:00:00", "10:30", "+05:30"],
            &["A4P401", "/data/0/modifiedDate/fromDate"],
        ),
        // ... and a masked token (`00Z`) no longer rewrites the tool's own help text.
        (
            "update-request",
            r#"{"leadOpportunity": {"partnerLeadOpportunityId": "SF-OPP-004817",
 "name": "00Z", "closeDate": "someday"}}"#,
            &[],
            &["2025-12-31T00:00:00.000Z"],
        ),
        // ... even when the upper-cased letters make a real ISO 4217 code (a second review
        // found `usd` shown as `USD`).
        (
            "update-request",
            r#"{"leadOpportunity": {"partnerLeadOpportunityId": "SF-OPP-004817", "currency": "kzt"}}"#,
            &["KZT", "kzt"],
            &["A4P106"],
        ),
        // ... and a value spelled as another list writes it (a final review found
        // `<redacted> is a `transaction.status` (written "Pending Consent")`).
        (
            "order-search-response",
            r#"{"data": [{"transaction": {"id": "PO_1", "type": "PO", "status": "Sent to DSx.Finance"},
 "businessUnit": {"id": "BU001", "name": "Unit A", "localTimezone": "CET"},
 "billToSite": {"id": "100012345678901", "name": "A", "locationId": 1},
 "soldToSite": {"id": "200012345678901", "name": "B", "locationId": 2},
 "creationDateTime": "2024-05-21T14:30:00Z", "currency": "USD",
 "onlineConsentStatus": "pending-consent"}],
 "info": {"success": true, "statusCode": 200, "estimatedSearchCount": 1}}"#,
            &["Pending Consent", "pending-consent"],
            &["A4P101", "/data/0/onlineConsentStatus"],
        ),
        // 4. Text that is not JSON: a Python repr, a bare word, a value followed by a colon.
        (
            "update-request",
            "{'leadOpportunity': {'email': 'robert.johnson@customer.com'}}",
            &["robert", "customer.com"],
            &["A4P001"],
        ),
        (
            "update-request",
            r#"{"leadOpportunity": {"partnerLeadOpportunityId": ZQXBARE}}"#,
            &["ZQXBARE", "QXBA"],
            &["A4P001"],
        ),
        (
            "update-request",
            r#"{"leadOpportunity": {"name": "ZQX Hildegard" : 1}}"#,
            &["Hildegard", "ZQX"],
            &["A4P001"],
        ),
    ];
    let dir = tempfile::tempdir().unwrap();
    for (i, (kind, payload, secrets, kept)) in cases.iter().enumerate() {
        let name = format!("case{i}.json");
        std::fs::write(dir.path().join(&name), payload).unwrap();
        let mut shown = secrets.is_empty();
        for format in crate::common::FORMATS {
            let args = ["check", "--kind", kind, "--format", format, &name];
            let (_, plain, _) = common::run(dir.path(), &args, None);
            shown |= secrets.iter().any(|s| plain.contains(s));
            let (code, out, err) =
                common::run(dir.path(), &[&args[..], &["--redact"]].concat(), None);
            assert_eq!(code, 1, "case {i} {format}: {err}");
            for secret in *secrets {
                if let Some(at) = out.find(secret) {
                    let from = out.floor_char_boundary(at.saturating_sub(300));
                    let to = out.floor_char_boundary((at + 300).min(out.len()));
                    panic!("case {i} {format} shows {secret:?}: …{}…", &out[from..to]);
                }
            }
            for kept in *kept {
                // Codes in every format; pointers and help where the format has them all.
                if kept.starts_with("A4P") || format == "json" {
                    assert!(
                        out.contains(kept),
                        "case {i} {format} lost {kept:?}:\n{out}"
                    );
                }
            }
        }
        assert!(shown, "case {i}: the unredacted run shows the data");
        // The library's error, in each of its outputs.
        let kind: PayloadKind = kind.parse().unwrap();
        let error = api4p_lint::validate::Validator::new()
            .redacted()
            .validate(payload, kind)
            .unwrap_err();
        let mut miette = String::new();
        miette::GraphicalReportHandler::new_themed(miette::GraphicalTheme::unicode_nocolor())
            .render_report(&mut miette, &error)
            .unwrap();
        let shown = format!(
            "{error}\n{error:?}\n{}\n{}\n{:?}\n{miette}",
            error.rendered(),
            error.source_text(),
            error.diagnostics()
        );
        for secret in *secrets {
            assert!(
                !shown.contains(secret),
                "case {i}: the library's error shows {secret:?}:\n{shown}"
            );
        }
    }
}

/// Item 5 of the review: a raw line break inside a string (not JSON) stays a line break in
/// the masked text, so that a code frame's line 3 is the file's line 3; masking keeps every
/// byte offset.
#[test]
fn masked_frames_keep_the_files_lines() {
    let text = "{\n  \"name\": \"Robert\nJohnson\",\n  \"x\": 1\n}";
    let report = Linter::new()
        .with_redaction(true)
        .check_str(text, PayloadKind::UpdateRequest);
    let masked = report.source().text();
    assert_eq!(masked.len(), text.len());
    assert_eq!(
        masked.lines().collect::<Vec<_>>(),
        ["{", "  \"****\": \"******", "*******\",", "  \"*\": *", "}"]
    );
    let rendered = report.render(&RenderOptions::default());
    assert!(rendered.contains(" 3 │ *******\","), "{rendered}");
    assert!(!rendered.contains("Johnson"), "{rendered}");
}

/// The new user's review: masks told an accented letter (`¤`), a CJK character (`■`) and an
/// emoji (`𝍖`) apart from ASCII (`*`). One `*` per byte now; lines and columns stay those of
/// the unredacted run in every format, the human header's (whole line or excerpt) included.
#[test]
fn masks_hide_what_kind_of_character_they_stand_for_and_columns_stay() {
    let dir = tempfile::tempdir().unwrap();
    let lead = r#""partnerLeadOpportunityId": "SF-1", "name": "José Müller 山田 🙂""#;
    let files = [
        (
            "pretty.json",
            format!("{{\"leadOpportunity\": {{{lead},\n  \"description\": \"Zoé 😀\", \"status\": \"WONN\"}}}}"),
        ),
        // One long line: the human frame shows an excerpt of it.
        (
            "long.json",
            format!(
                "{{\"leadOpportunity\": {{{lead}, \"description\": \"{}\", \"status\": \"WONN\"}}}}",
                "é山😀".repeat(60)
            ),
        ),
    ];
    let location =
        regex::Regex::new(r#"\b(\d+):(\d+)\b|"line":\d+,"column":\d+|"startColumn":\d+|,col=\d+"#)
            .unwrap();
    for (name, text) in &files {
        std::fs::write(dir.path().join(name), text).unwrap();
        for format in common::FORMATS {
            let args = [
                "check",
                "--kind",
                "update-request",
                "--format",
                format,
                name,
            ];
            let (code, plain, _) = common::run(dir.path(), &args, None);
            let (redacted_code, redacted, _) =
                common::run(dir.path(), &[&args[..], &["--redact"]].concat(), None);
            assert_eq!((code, redacted_code), (1, 1), "{name} {format}");
            let places = |out: &str| -> Vec<String> {
                location
                    .find_iter(out)
                    .map(|m| m.as_str().to_owned())
                    .collect()
            };
            assert!(!places(&plain).is_empty(), "{name} {format}: {plain}");
            assert_eq!(
                places(&redacted),
                places(&plain),
                "{name} {format}:\n{redacted}"
            );
            for mask in ['¤', '■', '𝍖'] {
                assert!(
                    !redacted.contains(mask),
                    "{name} {format}: {mask}\n{redacted}"
                );
            }
            for data in ["José", "Müller", "山田", "🙂", "Zoé", "😀"] {
                assert!(
                    !redacted.contains(data),
                    "{name} {format}: {data}\n{redacted}"
                );
            }
        }
    }
}

/// `redact = true` in the configuration redacts every run, whatever the command line says,
/// and a library linter built with that configuration.
#[test]
fn the_configuration_can_redact_every_run() {
    let dir = tempfile::tempdir().unwrap();
    let text = r#"{"leadOpportunity": {"partnerLeadOpportunityId": "SF-1", "name": "Zofia Kowalczyk", "status": "WONQQ"}}"#;
    std::fs::write(dir.path().join("lead.json"), text).unwrap();
    std::fs::write(dir.path().join("api4p-lint.toml"), "redact = true\n").unwrap();
    for format in common::FORMATS {
        let (code, out, _) = common::run(
            dir.path(),
            &[
                "check",
                "--kind",
                "update-request",
                "--format",
                format,
                "lead.json",
            ],
            None,
        );
        assert_eq!(code, 1, "{format}");
        assert!(out.contains("A4P101"), "{format}: {out}");
        assert!(
            !out.contains("Zofia") && !out.contains("WONQQ"),
            "{format}: {out}"
        );
    }
    let config = api4p_lint::Config::parse("api4p-lint.toml", "redact = true\n", None).unwrap();
    let report = Linter::with_config(config).check_str(text, PayloadKind::UpdateRequest);
    let rendered = report.render(&RenderOptions::default());
    assert!(
        rendered.contains("A4P101") && !rendered.contains("Zofia"),
        "{rendered}"
    );
    // Not a boolean: a configuration error, not a silent "no".
    std::fs::write(dir.path().join("api4p-lint.toml"), "redact = \"yes\"\n").unwrap();
    let (code, out, _) = common::run(
        dir.path(),
        &[
            "check",
            "--kind",
            "update-request",
            "--format",
            "short",
            "lead.json",
        ],
        None,
    );
    assert_eq!(code, 2, "{out}");
    assert!(out.contains("A4P901"), "{out}");
}

/// The new user's review: the email label quoted the address's top-level domain ("7") or a
/// character from it.
#[test]
fn the_email_labels_quote_nothing_of_the_address() {
    let text = r#"{"leadOpportunity": {"partnerLeadOpportunityId": "X"}, "customerContacts": [{"email": "zofia@kowalczyk.kz.7", "firstName": "a", "lastName": "b"}, {"email": "zo(fia@kowalczyk.kz", "firstName": "a", "lastName": "b"}]}"#;
    let report = Linter::new()
        .with_redaction(true)
        .check_str(text, PayloadKind::UpdateRequest);
    let rendered = report.render(&RenderOptions::default());
    assert!(
        rendered.contains("<redacted> is not a top-level domain")
            && rendered.contains("<redacted> is not allowed before the @"),
        "{rendered}"
    );
    assert!(
        !rendered.contains("\"7\"") && !rendered.contains("'('"),
        "{rendered}"
    );
}

// ---------------------------------------------------------------------------------------
// The property: whatever the payload, no marker placed in its data reaches any output.

mod property {
    use api4p_lint::fuzzing::MARKER_LETTERS;
    use api4p_lint::PayloadKind;
    use proptest::prelude::*;
    use serde_json::Value;

    fn cases() -> &'static [(PayloadKind, String)] {
        crate::common::spec_cases()
    }

    fn letters() -> Vec<char> {
        MARKER_LETTERS.chars().collect()
    }

    /// Decorations that have defeated redaction before: DEL and C1 controls (escaped in
    /// messages), an escaped line break, a quote, multi-byte characters, surrounding spaces.
    const DECORATIONS: &[&str] = &[
        "\u{7f}", "\u{85}", "\n", "\"", "é", "😀", " ", "\t", "@", "-",
    ];

    #[derive(Debug, Clone)]
    enum Damage {
        /// Valid JSON, as generated.
        None,
        /// Every double quote made single (a Python repr).
        SingleQuotes,
        /// A marker as a bare word after the payload.
        BareWord,
        /// A marker value followed by a colon, where a key would be.
        ValueAsKey,
        /// A raw line break inside the first marker.
        RawLineBreak,
    }

    #[derive(Debug, Clone)]
    struct Case {
        case: usize,
        /// Per string value: the marker's letters (by index into the marker letters), a decoration
        /// spliced in, and whether the value is kept (codes keep rules firing).
        markers: Vec<(Vec<usize>, Option<usize>, bool)>,
        pretty: bool,
        damage: Damage,
    }

    fn case() -> impl Strategy<Value = Case> {
        let marker = (
            proptest::collection::vec(0..MARKER_LETTERS.len(), 6..70),
            proptest::option::of(0..DECORATIONS.len()),
            proptest::bool::weighted(0.3),
        );
        (
            0..cases().len(),
            proptest::collection::vec(marker, 64),
            any::<bool>(),
            prop_oneof![
                6 => Just(Damage::None),
                1 => Just(Damage::SingleQuotes),
                1 => Just(Damage::BareWord),
                1 => Just(Damage::ValueAsKey),
                1 => Just(Damage::RawLineBreak),
            ],
        )
            .prop_map(|(case, markers, pretty, damage)| Case {
                case,
                markers,
                pretty,
                damage,
            })
    }

    /// The payload with its string values replaced by markers, and the markers.
    fn build(case: &Case) -> (PayloadKind, String, Vec<String>) {
        let (kind, text) = &cases()[case.case];
        let mut markers = Vec::new();
        let Ok(mut value) = serde_json::from_str::<Value>(text) else {
            // A case that is not JSON (A4P001's): a marker appended as a bare word.
            let marker = word(&case.markers[0].0);
            let text = format!("{text} {marker}");
            return (*kind, text, vec![marker]);
        };
        let mut next = case.markers.iter().cycle();
        let mut stack = vec![&mut value];
        while let Some(v) = stack.pop() {
            match v {
                Value::String(s) => {
                    let (letters, decoration, keep) = next.next().unwrap();
                    if *keep {
                        continue;
                    }
                    let marker = word(letters);
                    let mut written = marker.clone();
                    if let Some(d) = decoration {
                        written.insert_str(written.len() / 2, DECORATIONS[*d]);
                    }
                    // Both halves around a decoration are markers of their own.
                    let half = marker.len() / 2;
                    markers.push(marker[..half].to_owned());
                    markers.push(marker[half..].to_owned());
                    *s = written;
                }
                Value::Array(items) => stack.extend(items.iter_mut()),
                Value::Object(members) => stack.extend(members.values_mut()),
                _ => {}
            }
        }
        let mut text = if case.pretty {
            serde_json::to_string_pretty(&value).unwrap()
        } else {
            serde_json::to_string(&value).unwrap()
        };
        let first = markers.first().cloned();
        match (&case.damage, first) {
            (Damage::None, _) | (_, None) => {}
            (Damage::SingleQuotes, _) => text = text.replace('"', "'"),
            (Damage::BareWord, _) => {
                let marker = word(&case.markers[1].0);
                text.push_str(&format!(" {marker}"));
                markers.push(marker);
            }
            (Damage::ValueAsKey, Some(first)) => {
                if let Some(at) = text.find(&first) {
                    let end = at + text[at..].find('"').unwrap_or(0) + 1;
                    text.insert_str(end, " : 1");
                }
            }
            (Damage::RawLineBreak, Some(first)) => {
                if let Some(at) = text.find(&first) {
                    text.insert(at + 2, '\n');
                }
            }
        }
        (*kind, text, markers)
    }

    fn word(indexes: &[usize]) -> String {
        let letters = letters();
        indexes.iter().map(|&i| letters[i]).collect()
    }

    proptest! {
        // Each case renders every format twice (some half a second in a debug build): 48 of
        // them keep the suite short, and the fuzz target `redact` runs the same oracle unbounded.
        #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

        /// The fuzz target's oracle (`fuzzing::redact`) on payloads built from every rule's
        /// cases: no run of four marker letters from the data in any redacted output, and the
        /// findings where the unredacted run has them.
        #[test]
        fn no_marker_reaches_any_output(case in case()) {
            let (_, text, markers) = build(&case);
            prop_assume!(!markers.is_empty());
            api4p_lint::fuzzing::redact(text.as_bytes());
        }
    }
}

/// The README's promise is the one these tests check, word for word where it matters.
#[test]
fn the_readme_states_what_is_promised() {
    let readme = std::fs::read_to_string(common::manifest_dir().join("README.md")).unwrap();
    let readme = readme.split_whitespace().collect::<Vec<_>>().join(" ");
    for promise in [
        "shows the payloads' structure and none of their data, in every format",
        "Code frames mask every string value and number with one `*` per byte",
        "same length, same line breaks, so lines, columns and spans do not move",
        "a mask does not tell an accented letter, a CJK character or an emoji from a plain one",
        "put `redact = true` in `api4p-lint.toml` (the command line cannot turn it off)",
        "text that is not JSON keeps only its layout and JSON punctuation",
        "say `<redacted>` wherever they would quote a value or anything computed from one",
        "a suggested fix made from a value is dropped",
        "a hint that would tell what the value is even masked (A4P101's \"is a `transaction.status`\" for a code of another list) is left out whole",
        "Keys, `true`/`false`/`null`, codes, JSON pointers, spans and suggested codes from the spec's lists stay",
        "`Linter::with_redaction(true)`",
        "`api_key`, `API_KEY`, `apiKey`, `api-key`, `x-api-key`, `X-API-Key`, `\"\\u0061pi_key\"`, `hashedKey` are all found",
    ] {
        assert!(readme.contains(promise), "README lost: {promise}");
    }
}

/// A4P302 names what an ISO 4217 code that is no money means (gold, a fund): the message
/// still quotes the payload's value, so a redacted one says `<redacted>`.
#[test]
fn a_code_quoted_from_the_payload_is_payload_data() {
    let text = r#"{"leadOpportunity": {"partnerLeadOpportunityId": "SF-1", "currency": "XAU"}}"#;
    let plain = Linter::new().check_str(text, PayloadKind::UpdateRequest);
    let redacted = Linter::new()
        .with_redaction(true)
        .check_str(text, PayloadKind::UpdateRequest);
    let message = |r: &api4p_lint::Report<'_>| r.diagnostics()[0].message.clone();
    assert_eq!(
        message(&plain),
        "`leadOpportunity.currency` is \"XAU\", ISO 4217's code for gold, not a currency"
    );
    assert_eq!(
        message(&redacted),
        // What the code means names it (an attacker's review: "gold", "the US dollar next
        // day"): payload data too.
        "`leadOpportunity.currency` is \"<redacted>\", ISO 4217's code for <redacted>, not a \
         currency"
    );
}

/// A new user's review: redacted, A4P101's hint that the value is another list's code read
/// `<redacted> is a `transaction.status` (written "<redacted>"); a lead-opportunity's
/// `status` is one of the values below`: nothing useful, and it still tells what the value
/// is. Redacted, the hint is left out whole; the allowed values stay.
#[test]
fn a_code_of_another_list_is_not_hinted_at_when_redacting() {
    let text = r#"{"leadOpportunity": {"partnerLeadOpportunityId": "SF-1", "status": "ON_HOLD"}}"#;
    let help = |redact: bool| {
        let report = Linter::new()
            .with_redaction(redact)
            .check_str(text, PayloadKind::UpdateRequest);
        let finding = &report.diagnostics()[0];
        assert_eq!(finding.code(), "A4P101");
        finding.help.clone().unwrap()
    };
    let plain = help(false);
    assert!(
        plain.starts_with(
            "\"ON_HOLD\" is a `transaction.status` (written \"On Hold\"); a lead-opportunity's \
             `status` is one of the values below\n"
        ),
        "{plain}"
    );
    let redacted = help(true);
    for hint in ["transaction", "written", "is a", "<redacted>"] {
        assert!(!redacted.contains(hint), "{hint} in {redacted}");
    }
    assert!(
        redacted.starts_with("allowed values: LEAD_OPEN, QUALIFIED"),
        "{redacted}"
    );
}

/// An attacker's review: a salutation is offered only as a re-spelling of the value (`ms` →
/// `Ms.`), which tells the contact's gender: under redaction, no help quotes it and no
/// suggestion is made.
#[test]
fn a_salutation_spelled_again_is_payload_data() {
    let text = r#"{"leadOpportunity": {"partnerLeadOpportunityId": "SF-1"}, "customerContacts": [{"firstName": "a", "lastName": "b", "salutation": "ms"}]}"#;
    let plain = Linter::new().check_str(text, PayloadKind::UpdateRequest);
    let redacted = Linter::new()
        .with_redaction(true)
        .check_str(text, PayloadKind::UpdateRequest);
    let finding = |r: &api4p_lint::Report<'_>| {
        r.diagnostics()
            .iter()
            .find(|d| d.code() == "A4P305")
            .cloned()
            .unwrap()
    };
    assert!(finding(&plain)
        .help
        .unwrap()
        .starts_with("did you mean \"Ms.\"?"));
    assert_eq!(finding(&plain).suggestion.as_deref(), Some("\"Ms.\""));
    let redacted = finding(&redacted);
    assert!(redacted
        .help
        .as_deref()
        .unwrap()
        .starts_with("did you mean \"<redacted>\"?"));
    assert_eq!(redacted.suggestion, None);
}

/// An attacker's review: text that is not JSON, masked whole, masked its BOM too, which then
/// counted as three characters: the column moved by one under `--redact`.
#[test]
fn a_bom_before_text_that_is_not_json_is_not_masked() {
    let dir = tempfile::tempdir().unwrap();
    let text = "\u{feff}{\"leadOpportunity\": {\"partnerLeadOpportunityId\": \"CRM-LEAD-1234\",}}";
    std::fs::write(dir.path().join("bom.json"), text).unwrap();
    let place = regex::Regex::new(r#"1:65\b|"column":65\b|"startColumn":65\b|,col=65\b"#).unwrap();
    for format in common::FORMATS {
        let args = [
            "check",
            "--kind",
            "update-request",
            "--format",
            format,
            "bom.json",
        ];
        let (_, plain, _) = common::run(dir.path(), &args, None);
        let (_, redacted, _) = common::run(dir.path(), &[&args[..], &["--redact"]].concat(), None);
        assert!(place.is_match(&plain), "{format}: {plain}");
        assert!(place.is_match(&redacted), "{format}: {redacted}");
    }
}

/// An API key response's `api_key` is a live secret (and `hashed_key` its hash): whatever the
/// finding (a wrong length or type, an extra member, the key twice, text that stops parsing
/// after it, a kind given or detected, NDJSON), no format shows the key or a recognisable
/// piece of it, with or without `--redact`; the findings are still there, by code and pointer.
#[test]
fn an_api_key_appears_in_no_output_even_without_redact() {
    const KEY: &str = "5839bcfabb9e0d20f889f366dbfbbe2973c152cfbe91fae728a9f7e662ce1a2d";
    const HASH: &str = "$2b$12$8tcF4MTIDcup3WEo8fFSieGIYEnp/DTLHSTivUCcW2II/VVwRI9Qm";
    let short = &KEY[..63];
    let cases: Vec<(Option<&str>, String, &[&str])> = vec![
        // One character short: A4P106, which says the length, never the key.
        (
            Some("apikey-response"),
            format!("{{\n  \"hashed_key\": \"{HASH}\",\n  \"api_key\": \"{short}\"\n}}\n"),
            &["A4P106", "/api_key"],
        ),
        // Detected, not given.
        (
            None,
            format!("{{\"hashed_key\": \"{HASH}x\", \"api_key\": \"{KEY}x\"}}"),
            &["A4P106", "/hashed_key"],
        ),
        // A number where the key goes, beside the real key under a misspelled member.
        (
            Some("apikey-response"),
            format!("{{\"hashed_key\": \"{HASH}\", \"api_key\": 5839, \"apiKey\": \"{KEY}\"}}"),
            &["A4P104", "A4P103", "/apiKey"],
        ),
        // The key twice.
        (
            Some("apikey-response"),
            format!(
                "{{\"hashed_key\": \"{HASH}\",\n \"api_key\": \"{KEY}\",\n \"api_key\": \"{KEY}\"}}"
            ),
            &["A4P002"],
        ),
        // Text that does not parse after the key, kind given and not.
        (
            Some("apikey-response"),
            format!("{{\"hashed_key\": \"{HASH}\", \"api_key\": \"{KEY}\" \"x\": 1}}"),
            &["A4P001"],
        ),
        (
            None,
            format!("{{\"hashed_key\": \"{HASH}\", \"api_key\": \"{KEY}\",}}"),
            &["A4P001"],
        ),
        // A key pasted into another payload.
        (
            Some("update-request"),
            format!(
                "{{\"leadOpportunity\": {{\"partnerLeadOpportunityId\": \"CRM-1\"}}, \"api_key\": \"{KEY}\"}}"
            ),
            &["A4P103", "/api_key"],
        ),
    ];
    // The key, its hash and recognisable pieces of both.
    let pieces = [
        KEY,
        short,
        &KEY[..12],
        &KEY[20..32],
        &KEY[52..],
        HASH,
        &HASH[7..19],
        &HASH[40..],
    ];
    let dir = tempfile::tempdir().unwrap();
    for (i, (kind, payload, kept)) in cases.iter().enumerate() {
        for (name, text) in [
            (format!("case{i}.json"), payload.clone()),
            (
                format!("case{i}.ndjson"),
                format!("{}\n", payload.replace('\n', " ")),
            ),
        ] {
            std::fs::write(dir.path().join(&name), &text).unwrap();
            for format in crate::common::FORMATS {
                for redact in [false, true] {
                    let mut args = vec!["check", "--format", format, &name];
                    if let Some(kind) = kind {
                        args.extend(["--kind", kind]);
                    }
                    if redact {
                        args.push("--redact");
                    }
                    let (code, out, err) = common::run(dir.path(), &args, None);
                    // Findings (an unknown property in a request is a warning: exit 0), and
                    // no failure of the run itself.
                    assert!(code < 2, "case {i} {name} {format} {redact}: {err}\n{out}");
                    assert!(out.contains("A4P"), "case {i} {name} {format}: {out}");
                    for piece in pieces {
                        for (stream, text) in [("stdout", &out), ("stderr", &err)] {
                            if let Some(at) = text.find(piece) {
                                let from = text.floor_char_boundary(at.saturating_sub(200));
                                let to = text.floor_char_boundary((at + 200).min(text.len()));
                                panic!(
                                    "case {i} {name} {format} redact={redact}: {stream} shows \
                                     {piece:?}: …{}…",
                                    &text[from..to]
                                );
                            }
                        }
                    }
                    for kept in *kept {
                        if kept.starts_with("A4P") || format == "json" {
                            assert!(out.contains(kept), "case {i} {format} lost {kept}:\n{out}");
                        }
                    }
                }
            }
        }
    }
}

/// The library's entry points say as little of an API key: the error's `Display`, its
/// rendering, its source text and its findings; the model's `Debug`.
#[test]
fn the_library_never_shows_an_api_key() {
    const KEY: &str = "5839bcfabb9e0d20f889f366dbfbbe2973c152cfbe91fae728a9f7e662ce1a2d";
    let text = format!(
        "{{\"hashed_key\": \"ZQXHASH\", \"api_key\": \"{}\"}}",
        &KEY[..63]
    );
    let error = api4p_lint::validate::validate(&text, PayloadKind::ApikeyResponse).unwrap_err();
    let shown = format!(
        "{error}\n{error:?}\n{}\n{}\n{:?}",
        error.rendered(),
        error.source_text(),
        error.diagnostics()
    );
    assert!(!shown.contains(&KEY[..12]), "{shown}");
    assert!(!shown.contains("ZQXHASH"), "{shown}");
    let message = &error.diagnostics()[1].message;
    assert_eq!(message, "`api_key` has 63 characters; the spec says 64");
    let model = api4p_lint::model::CreateApiKeyResponse::new("h".repeat(60), KEY);
    assert!(!format!("{model:?}").contains(&KEY[..12]));
    // Checking the model itself (serialized, then linted) shows none of it either.
    let serialized =
        serde_json::to_string(&serde_json::json!({"hashed_key": "h", "api_key": KEY})).unwrap();
    let report = Linter::new().check_str(&serialized, PayloadKind::ApikeyResponse);
    assert!(!report.source().text().contains(&KEY[..12]));
}

/// The spellings of the secret members that a client may write instead of the spec's (an
/// escape anywhere in the name, camelCase, the spec's header name `x-api-key` pasted into a
/// body, upper case) and an API key response saved as UTF-16: no format shows the key, with
/// or without `--redact`, nor does the library's `Error` (`Display`, `Debug`, miette's
/// rendering). Each payload has findings: an unknown kind, or an unknown property beside an
/// order search's criteria.
#[test]
fn an_api_key_under_another_spelling_appears_in_no_output() {
    const KEY: &str = "5839bcfabb9e0d20f889f366dbfbbe2973c152cfbe91fae728a9f7e662ce1a2d";
    let names = [
        r"\u0061pi_key",
        r"api_\u006bey",
        r"\u0068ashed_key",
        "apiKey",
        "hashedKey",
        "x-api-key",
        "X-API-Key",
        "API-KEY",
    ];
    let mut payloads: Vec<(String, Vec<u8>)> = Vec::new();
    for (i, name) in names.iter().enumerate() {
        payloads.push((
            format!("alone{i}.json"),
            format!("{{\"hashedKey\": \"h\", \"{name}\": \"{KEY}\"}}").into_bytes(),
        ));
        payloads.push((
            format!("order{i}.json"),
            format!(
                "{{\"creationDateTime\": {{\"from\": \"2025-04-01T01:30:00Z\"}}, \"{name}\": \"{KEY}\"}}"
            )
            .into_bytes(),
        ));
    }
    // Misspelled names, which no normalisation recognises: the key's shape gives it away.
    for (i, name) in ["api_kye", "apikay", "api_token"].iter().enumerate() {
        payloads.push((
            format!("typo{i}.json"),
            format!("{{\"{name}\": \"{KEY}\", \"hashed_kye\": \"h\"}}").into_bytes(),
        ));
    }
    // An NDJSON file whose line break falls between the name and the key, or inside the
    // key: the lines after the name's do not name it.
    payloads.push((
        "split.jsonl".to_owned(),
        format!("{{\"hashed_key\": \"h\", \"api_key\":\n\"{KEY}\"}}\n").into_bytes(),
    ));
    payloads.push((
        "fold.ndjson".to_owned(),
        format!(
            "{{\"a\":1}}\n{{\"hashed_key\": \"h\", \"api_key\": \"{}\n{}\"}}\n",
            &KEY[..30],
            &KEY[30..]
        )
        .into_bytes(),
    ));
    // UTF-16 (little-endian, with its byte order mark), as `iconv -t UTF-16` writes it.
    let utf16 = |text: &str| -> Vec<u8> {
        let mut bytes = vec![0xFF, 0xFE];
        bytes.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
        bytes
    };
    payloads.push((
        "utf16.json".to_owned(),
        utf16(&format!(
            "{{\"api_key\":\"{KEY}\",\"hashed_key\":\"x\"}}\r\n"
        )),
    ));
    // The key, and pieces of it, also with whatever a renderer puts between its characters
    // (UTF-16's NULs shown as `?`) left out.
    let pieces = [KEY, &KEY[..12], &KEY[20..32], &KEY[52..]];
    let shows_the_key = |text: &str| {
        let squeezed: String = text.chars().filter(char::is_ascii_alphanumeric).collect();
        pieces
            .iter()
            .find(|piece| text.contains(**piece) || squeezed.contains(**piece))
            .copied()
    };
    let dir = tempfile::tempdir().unwrap();
    for (name, bytes) in &payloads {
        std::fs::write(dir.path().join(name), bytes).unwrap();
        for format in common::FORMATS {
            for redact in [false, true] {
                let mut args = vec!["check", "--format", format, "--color", "never", name];
                if redact {
                    args.push("--redact");
                }
                let (code, out, err) = common::run(dir.path(), &args, None);
                assert!(code < 2, "{name} {format} {redact}: {err}\n{out}");
                assert!(out.contains("A4P"), "{name} {format}: {out}");
                for (stream, text) in [("stdout", &out), ("stderr", &err)] {
                    if let Some(piece) = shows_the_key(text) {
                        panic!(
                            "{name} {format} redact={redact}: {stream} shows {piece:?}:\n{text}"
                        );
                    }
                }
            }
        }
        let error = api4p_lint::validate::Validator::new()
            .fail_at(api4p_lint::Severity::Info)
            .validate_slice(bytes, None)
            .unwrap_err();
        let shown = format!(
            "{error}\n{error:?}\n{}\n{}\n{:?}",
            error.rendered(),
            error.source_text(),
            error.diagnostics()
        );
        let mut miette = String::new();
        miette::GraphicalReportHandler::new_themed(miette::GraphicalTheme::unicode_nocolor())
            .render_report(&mut miette, &error)
            .unwrap();
        for text in [&shown, &miette] {
            if let Some(piece) = shows_the_key(text) {
                panic!("{name}: the library's error shows {piece:?}:\n{text}");
            }
        }
    }
}
