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

/// Renders `file` in every format, then, with `failed`, the reason the run stopped.
fn render_all_then(file: &FileReport, failed: Option<&str>) {
    let mut summary = Summary::default();
    summary.add(file);
    for format in Format::ALL {
        let mut out = Vec::new();
        let mut emitter = format.emitter();
        emitter.begin(&mut out).expect("writing to a Vec");
        emitter.file(&mut out, file).expect("writing to a Vec");
        if let Some(why) = failed {
            emitter.run_failed(&mut out, why).expect("writing to a Vec");
        }
        emitter.end(&mut out, &summary).expect("writing to a Vec");
        // Whatever the payload holds, no output drives a terminal: no control character but
        // tab and line breaks (colours are off). JSON and SARIF carry the payload's member
        // names exactly, as JSON does: C0 controls escaped, DEL and C1 as they are.
        let out = String::from_utf8(out).expect("output is UTF-8");
        let machine = matches!(format, Format::Json | Format::Sarif);
        if let Some(c) = out.chars().find(|&c| {
            c.is_control() && !matches!(c, '\t' | '\n' | '\r') && (!machine || c < '\u{7f}')
        }) {
            panic!("{} output holds the control character {c:?}", format.name());
        }
    }
}
