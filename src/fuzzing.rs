//! What the fuzz targets run (`fuzz/fuzz_targets/`), shared with the test suite that replays
//! every input the fuzzers ever crashed on (`tests/fuzz_regressions.rs`). Each function panics
//! when an invariant breaks; that is how a fuzzer notices.

use crate::render::{FileReport, Format, Summary};
use crate::rules::RULES;
use crate::{Config, Linter, PayloadKind, RenderOptions, Report};

/// Bytes as a payload of every kind and of the detected kind: no panic, every span inside the
/// text and on character boundaries, every format renders, and no output holds a control
/// character that could drive a terminal.
pub fn check(bytes: &[u8]) {
    static LINTER: std::sync::OnceLock<Linter> = std::sync::OnceLock::new();
    let linter =
        LINTER.get_or_init(|| Linter::new().with_today(jiff::civil::Date::constant(2025, 6, 30)));
    let options = RenderOptions::default();
    // Every report goes into one file report, as the lines of an NDJSON file would: each
    // format then renders them all at once (the SARIF preamble alone is 100 kB of rule docs).
    let mut file = FileReport::new("fuzz.ndjson");
    let kinds = std::iter::once(None).chain(PayloadKind::ALL.into_iter().map(Some));
    for (line, kind) in kinds.enumerate() {
        let report = linter.check_bytes(bytes, kind);
        assert_spans(&report);
        file.add(&report, line * (bytes.len() + 1), line + 1, Some(&options));
    }
    render_all(&file);
}

/// Letters of the markers a redaction input carries: no text of the tool writes four of them
/// in a row (not `x`: ids' shapes are written `XXXX-XXXXXX`, ISO 4217 has `XXX`).
pub const MARKER_LETTERS: &str = "qzjvkwQZJVKW";

/// Bytes as a payload of every kind, checked with and without redaction, every report
/// rendered in every format: no run of four marker letters ([`MARKER_LETTERS`]) that the
/// payload holds as data (in a string value; anywhere in text that is not JSON, which has no
/// keys to keep) appears in any redacted output, compared without case (an upper-cased
/// currency is data too); and the findings' codes, pointers and spans are those of the
/// unredacted run, their suggestions either dropped or kept as they are (a suggested code of
/// A4P101 always kept).
pub fn redact(bytes: &[u8]) {
    static LINTERS: std::sync::OnceLock<(Linter, Linter)> = std::sync::OnceLock::new();
    let (plain, redacting) = LINTERS.get_or_init(|| {
        let linter = Linter::new().with_today(jiff::civil::Date::constant(2025, 6, 30));
        (linter.clone(), linter.with_redaction(true))
    });
    let markers = markers(bytes);
    let options = RenderOptions::default();
    let mut file = FileReport::new("fuzz.ndjson");
    let kinds = std::iter::once(None).chain(PayloadKind::ALL.into_iter().map(Some));
    for (line, kind) in kinds.enumerate() {
        let shown = plain.check_bytes(bytes, kind);
        let hidden = redacting.check_bytes(bytes, kind);
        assert_eq!(shown.diagnostics().len(), hidden.diagnostics().len());
        for (p, h) in shown.diagnostics().iter().zip(hidden.diagnostics()) {
            assert_eq!(
                (p.code(), &p.pointer, p.span),
                (h.code(), &h.pointer, h.span),
                "redaction moved a finding"
            );
            if h.suggestion.is_some() || p.code() == "A4P101" {
                assert_eq!(p.suggestion, h.suggestion, "{} at {}", p.code(), p.pointer);
            }
        }
        assert_eq!(hidden.source().text().len(), shown.source().text().len());
        file.add(&hidden, line * (bytes.len() + 1), line + 1, Some(&options));
    }
    if markers.is_empty() {
        return;
    }
    for (format, output) in render(&file, None) {
        let output = output.to_lowercase();
        for marker in &markers {
            assert!(
                !output.contains(marker.as_str()),
                "{} shows {marker:?} of the payload's data",
                format.name()
            );
        }
    }
}

/// The runs of four marker letters (lower case) in the payload's data: in its string values
/// when it is JSON (not in its keys, which stay, nor in a run a key also holds), anywhere
/// when it is not.
fn markers(bytes: &[u8]) -> std::collections::BTreeSet<String> {
    let runs = |text: &str, out: &mut std::collections::BTreeSet<String>| {
        let chars: Vec<char> = text
            .chars()
            .map(|c| {
                if MARKER_LETTERS.contains(c) {
                    c.to_ascii_lowercase()
                } else {
                    ' '
                }
            })
            .collect();
        for window in chars.windows(4) {
            if !window.contains(&' ') {
                out.insert(window.iter().collect());
            }
        }
    };
    let text = String::from_utf8_lossy(bytes);
    let mut data = std::collections::BTreeSet::new();
    let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
    let Ok(value) = serde_json::from_str::<serde_json::Value>(text) else {
        runs(text, &mut data);
        return data;
    };
    let mut keys = std::collections::BTreeSet::new();
    let mut stack = vec![&value];
    while let Some(v) = stack.pop() {
        match v {
            serde_json::Value::String(s) => runs(s, &mut data),
            serde_json::Value::Array(items) => stack.extend(items),
            serde_json::Value::Object(members) => {
                for (key, value) in members {
                    runs(key, &mut keys);
                    stack.push(value);
                }
            }
            _ => {}
        }
    }
    data.retain(|run| !keys.contains(run));
    data
}

/// An update request whose every value a configuration can judge is slightly off.
const CONFIGURED_PAYLOAD: &str = r#"{"leadOpportunity": {"partnerLeadOpportunityId": "SF-OPP-4817",
 "status": "OPPY_OPEN", "closeDate": "2020-01-01T00:00:00Z", "competitors": ["Siemen", "PTC"]},
 "offerLines": [{"offerNameId": "OFFER-C", "amount": 10, "revenueType": "UPFRONT"}],
 "customerContacts": [{"salutation": "MRR", "lastName": "Doe"}]}"#;

/// Bytes as `api4p-lint.toml` (UTF-8 only, as files are read): no panic, errors point inside
/// the text on character boundaries and render, a parsed configuration answers questions.
/// No base folder is given, so a `portfolio-file` is an error and no file is ever read.
pub fn config(bytes: &[u8]) {
    let Ok(text) = std::str::from_utf8(bytes) else {
        return;
    };
    match Config::parse("api4p-lint.toml", text, None) {
        Ok(config) => {
            for path in ["a.json", "out/create/x.json", "legacy/a/b.ndjson", ""] {
                let _ = config.kind_for(path);
                for rule in RULES {
                    let _ = config.level(rule, Some(path));
                }
            }
            let _ = config.max_payload_bytes();
            // A payload that reaches every use of the configuration's data (levels,
            // vocabularies, portfolio, competitors, the id pattern), its report rendered in
            // every format: configured text must not drive a terminal either.
            let linter = Linter::with_config(config);
            let options = RenderOptions::default();
            let mut file = FileReport::new("lead.json");
            for (line, payload) in [CONFIGURED_PAYLOAD, "{}"].into_iter().enumerate() {
                let report = linter.check_str(payload, Some(PayloadKind::UpdateRequest));
                assert_spans(&report);
                file.add(&report, 0, line + 1, Some(&options));
            }
            render_all(&file);
        }
        Err(err) => {
            let report = err.report();
            assert_spans(report);
            let mut file = FileReport::new("api4p-lint.toml");
            file.add(report, 0, 1, Some(&RenderOptions::default()));
            // As the command line reports a run its configuration stopped.
            render_all_then(&file, Some(&err.to_string()));
        }
    }
}

fn assert_spans(report: &Report<'_>) {
    let text = report.source().text();
    for d in report.diagnostics() {
        let spans = std::iter::once(d.span).chain(d.secondary.iter().map(|l| l.span));
        for span in spans {
            assert!(
                span.end() <= text.len(),
                "{} span {span:?} past the end ({})",
                d.code(),
                text.len()
            );
            assert!(
                text.is_char_boundary(span.offset) && text.is_char_boundary(span.end()),
                "{} span {span:?} not on char boundaries",
                d.code()
            );
        }
    }
}

fn render_all(file: &FileReport) {
    render_all_then(file, None);
}

/// `file` in every format, then, with `failed`, the reason the run stopped.
fn render(file: &FileReport, failed: Option<&str>) -> Vec<(Format, String)> {
    let mut summary = Summary::default();
    summary.add(file);
    Format::ALL
        .into_iter()
        .map(|format| {
            let mut out = Vec::new();
            let mut emitter = format.emitter();
            emitter.begin(&mut out).expect("writing to a Vec");
            emitter.file(&mut out, file).expect("writing to a Vec");
            if let Some(why) = failed {
                emitter.run_failed(&mut out, why).expect("writing to a Vec");
            }
            emitter.end(&mut out, &summary).expect("writing to a Vec");
            (format, String::from_utf8(out).expect("output is UTF-8"))
        })
        .collect()
}

/// Renders `file` in every format, then, with `failed`, the reason the run stopped.
fn render_all_then(file: &FileReport, failed: Option<&str>) {
    for (format, out) in render(file, failed) {
        // Whatever the payload holds, no output drives a terminal: no control character but
        // tab and line breaks (colours are off). JSON and SARIF carry the payload's member
        // names exactly, as JSON does: C0 controls escaped, DEL and C1 as they are.
        let machine = matches!(format, Format::Json | Format::Sarif);
        if let Some(c) = out.chars().find(|&c| {
            c.is_control() && !matches!(c, '\t' | '\n' | '\r') && (!machine || c < '\u{7f}')
        }) {
            panic!("{} output holds the control character {c:?}", format.name());
        }
    }
}
