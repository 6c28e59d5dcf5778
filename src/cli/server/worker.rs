//! The lint thread: jobs in, findings out. Jobs that wait are replaced by a newer version of
//! the same document, so a burst of edits to a large document costs one lint, not one per
//! edit, and the main loop keeps answering the editor meanwhile.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::thread;

use api4p_lint::rule::Severity;
use api4p_lint::rules::syntax::invalid_encoding::INVALID_ENCODING;
use api4p_lint::rules::syntax::invalid_json::INVALID_JSON;
use api4p_lint::rules::syntax::payload_too_large::PAYLOAD_TOO_LARGE;
use api4p_lint::rules::syntax::unknown_kind::UNKNOWN_KIND;
use api4p_lint::{Applicability, Detection, Report, Source};
use crossbeam_channel::{unbounded, Receiver, Sender};
use lsp_types::{
    CodeDescription, DiagnosticRelatedInformation, DiagnosticSeverity, Location, NumberOrString,
    Uri,
};

use super::document::{Done, FixedAll, Found, Job, Linted, Settings};
use super::position::LineIndex;

pub(crate) struct Worker {
    jobs: Sender<Job>,
    results: Receiver<Done>,
    /// The opening (generation) of each open document: a job of another opening, or of a
    /// closed document, is dropped unlinted.
    open: Openings,
}

type Openings = Arc<Mutex<HashMap<Uri, u64>>>;

impl Worker {
    pub(crate) fn start() -> Self {
        let (jobs, incoming) = unbounded::<Job>();
        let (done, results) = unbounded();
        let open = Openings::default();
        let wanted = Arc::clone(&open);
        thread::Builder::new()
            .name("api4p-lint lint".to_owned())
            .spawn(move || run(&incoming, &done, &wanted))
            .expect("a thread for the lints");
        Self {
            jobs,
            results,
            open,
        }
    }

    pub(crate) fn lint(&self, job: Job) {
        // The worker ends only when this sender is dropped.
        let _ = self.jobs.send(job);
    }

    pub(crate) fn results(&self) -> Receiver<Done> {
        self.results.clone()
    }

    /// A document opened: its jobs of this opening are linted from now on.
    pub(crate) fn opened(&self, uri: &Uri, generation: u64) {
        openings(&self.open).insert(uri.clone(), generation);
    }

    /// A document closed: its jobs still waiting are dropped (one being linted finishes, and
    /// its findings are dropped by [`super::document::Documents::linted`]).
    pub(crate) fn closed(&self, uri: &Uri) {
        openings(&self.open).remove(uri);
    }
}

fn openings(open: &Openings) -> std::sync::MutexGuard<'_, HashMap<Uri, u64>> {
    // The map is never left half-changed: a panic elsewhere does not spoil it.
    open.lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
}

fn run(incoming: &Receiver<Job>, done: &Sender<Done>, open: &Openings) {
    while let Ok(first) = incoming.recv() {
        // Everything waiting, the latest version of each document only, in the order the
        // documents first asked.
        let mut waiting: Vec<Job> = Vec::new();
        for job in std::iter::once(first).chain(incoming.try_iter()) {
            match waiting.iter_mut().find(|w| w.uri == job.uri) {
                // An older opening, or an older version of this one, gives way.
                Some(w) if (w.generation, w.version) > (job.generation, job.version) => {}
                Some(w) => *w = job,
                None => waiting.push(job),
            }
        }
        let mut to_fix = Vec::new();
        for job in waiting {
            // Asked just before the lint: a document closed meanwhile costs nothing more.
            if openings(open).get(&job.uri) != Some(&job.generation) {
                continue;
            }
            let mut linted = lint(&job);
            let fixable = job.broken.is_none()
                && linted.findings.iter().any(|f| {
                    f.diagnostic
                        .fix
                        .as_ref()
                        .is_some_and(|fix| fix.applicability == Applicability::Safe)
                });
            linted.fixing = fixable;
            if fixable {
                to_fix.push((job, linted.detected));
            }
            if done.send(Done::Linted(linted)).is_err() {
                return;
            }
        }
        // "Fix all" of each version linted, once every finding is out: fixing checks the text
        // again, round after round, so it is done here, not when the editor asks (on the
        // main loop, it would hold up hovers and diagnostics).
        for (job, detected) in to_fix {
            if openings(open).get(&job.uri) != Some(&job.generation) {
                continue;
            }
            let settings = Settings {
                linter: job.linter,
                kind: job.kind,
                config_path: job.config_path,
            };
            let fixed = FixedAll {
                text: super::actions::fix_all_safe(&job.text, job.ndjson, &settings, detected),
                uri: job.uri,
                version: job.version,
                generation: job.generation,
            };
            if done.send(Done::FixedAll(fixed)).is_err() {
                return;
            }
        }
    }
}

/// Lints a document: a JSON file as one payload, an NDJSON file line by line. A payload
/// whose kind neither the configuration nor its shape tells is not reported (a JSON file
/// in the editor is not necessarily a payload), unless its text is not JSON: that is said
/// whatever the kind, as `check` says it, except in a file `check` leaves out.
pub(crate) fn lint(job: &Job) -> Linted {
    let text: &str = &job.text;
    let index = LineIndex::new(text, job.encoding);
    let mut findings = Vec::new();
    let mut detected = None;
    if let Some(why) = &job.broken {
        return Linted {
            uri: job.uri.clone(),
            version: job.version,
            generation: job.generation,
            findings: vec![configuration_problem(why)],
            detected: job.detected_before,
            fixing: false,
        };
    }
    let name = job.config_path.as_deref().unwrap_or("payload");
    let payloads: Vec<(usize, &str)> = if job.ndjson {
        let mut start = 0;
        text.split_inclusive('\n')
            .map(|line| {
                let at = start;
                start += line.len();
                (at, line.trim_end_matches(['\n', '\r']))
            })
            .filter(|(_, line)| !line.trim().is_empty())
            .collect()
    } else {
        vec![(0, text)]
    };
    for (base, payload) in payloads {
        let mut source = Source::new(name, payload);
        if job.ndjson {
            source = source.as_ndjson_line();
        }
        let mut report = job
            .linter
            .check_at(source.clone(), job.kind, job.config_path.as_deref());
        // A text being typed that no longer parses is still checked as what its shape showed
        // last (a syntax error is worth showing there); once it parses, its shape decides
        // again.
        if report.kind().is_none()
            && !job.mapped
            && job.detected_before.is_some()
            && report.diagnostics().iter().any(|d| d.code() == "A4P001")
        {
            report = job
                .linter
                .check_at(source, job.detected_before, job.config_path.as_deref());
            detected = job.detected_before;
        }
        if report.kind().is_none() && !job.mapped {
            // A payload of API4Partners whose kind its shape cannot tell (a create or an
            // update request) is said once, as information: the user maps it in `[kinds]`.
            // Anything else of no known kind (`package.json`) gets nothing.
            // A text that is not JSON (cut, a stray `,`) is said whatever its kind, as
            // `check` says it: unless `check` would leave the file out (`package.json`).
            if !job.left_out && not_json(&report) {
                let mut said = Vec::new();
                collect(&report, base, text, &index, &job.uri, &mut said);
                findings.extend(
                    said.into_iter()
                        .filter(|f| !std::ptr::eq(f.diagnostic.rule, &UNKNOWN_KIND)),
                );
                if findings.len() >= MAX_DIAGNOSTICS {
                    break;
                }
                continue;
            }
            if let Some(candidates) = ambiguous(payload) {
                let start = findings.len();
                collect(&report, base, text, &index, &job.uri, &mut findings);
                findings.truncate(start + 1);
                let name = job
                    .uri
                    .as_str()
                    .rsplit('/')
                    .next()
                    .unwrap_or("payload.json");
                let name = name.split(['?', '#']).next().unwrap_or(name);
                let hint = kinds_hint(name, candidates);
                for found in &mut findings[start..] {
                    found.lsp.severity = Some(DiagnosticSeverity::INFORMATION);
                    // The editor's way out, not the command line's `--kind`.
                    found.lsp.message = format!("{}\nhelp: {hint}", found.diagnostic.message);
                }
            }
            continue;
        }
        if !job.mapped && detected.is_none() {
            detected = report.kind();
        }
        collect(&report, base, text, &index, &job.uri, &mut findings);
        if findings.len() >= MAX_DIAGNOSTICS {
            break;
        }
    }
    findings.truncate(MAX_DIAGNOSTICS);
    Linted {
        uri: job.uri.clone(),
        version: job.version,
        generation: job.generation,
        findings,
        detected,
        fixing: false,
    }
}

/// At most this many findings are published for one document (an export of 100,000 bad
/// lines would otherwise send the editor tens of megabytes at each edit); `check` lists them
/// all.
const MAX_DIAGNOSTICS: usize = 1000;

/// The one diagnostic of a document whose configuration cannot be used, at its start.
fn configuration_problem(why: &str) -> Found {
    let rule = api4p_lint::rules::RULES
        .iter()
        .find(|r| r.code == "A4P901")
        .expect("A4P901 exists");
    let diagnostic = api4p_lint::Diagnostic::new(rule, "", api4p_lint::Span::new(0, 0))
        .with_message(why.to_owned());
    let lsp = lsp_types::Diagnostic {
        range: lsp_types::Range::default(),
        severity: Some(DiagnosticSeverity::ERROR),
        code: Some(NumberOrString::String(rule.code.to_owned())),
        code_description: docs_uri(rule).map(|href| CodeDescription { href }),
        source: Some("api4p-lint".to_owned()),
        message: why.to_owned(),
        related_information: None,
        tags: None,
        data: None,
    };
    Found {
        diagnostic,
        base: 0,
        lsp,
    }
}

fn collect(
    report: &Report<'_>,
    base: usize,
    text: &str,
    index: &LineIndex,
    uri: &Uri,
    out: &mut Vec<Found>,
) {
    for d in report.diagnostics() {
        let range = index.range(text, base + d.span.offset, d.span.len);
        let mut message = d.message.clone();
        if let Some(help) = &d.help {
            message.push_str("\nhelp: ");
            message.push_str(help);
        }
        let related: Vec<DiagnosticRelatedInformation> = d
            .secondary
            .iter()
            .map(|label| DiagnosticRelatedInformation {
                location: Location::new(
                    uri.clone(),
                    index.range(text, base + label.span.offset, label.span.len),
                ),
                message: label.message.clone(),
            })
            .collect();
        let lsp = lsp_types::Diagnostic {
            range,
            severity: Some(match d.severity {
                Severity::Error => DiagnosticSeverity::ERROR,
                Severity::Warning => DiagnosticSeverity::WARNING,
                Severity::Info => DiagnosticSeverity::INFORMATION,
            }),
            code: Some(NumberOrString::String(d.code().to_owned())),
            code_description: docs_uri(d.rule).map(|href| CodeDescription { href }),
            source: Some("api4p-lint".to_owned()),
            message,
            related_information: (!related.is_empty()).then_some(related),
            tags: None,
            data: None,
        };
        out.push(Found {
            diagnostic: d.clone(),
            base,
            lsp,
        });
    }
}

/// Whether the report says its text is not JSON, or cannot be read as any (too large): the
/// findings `check` gives a payload whatever its kind.
fn not_json(report: &Report<'_>) -> bool {
    report.diagnostics().iter().any(|d| {
        [&INVALID_JSON, &INVALID_ENCODING, &PAYLOAD_TOO_LARGE]
            .iter()
            .any(|rule| std::ptr::eq(d.rule, *rule))
    })
}

/// The way to map an ambiguous file, every candidate named as `check` names them (`a, b or
/// c`); those whose name the file's name shares most words with (`update` in
/// `update-lead.json`) first.
fn kinds_hint(name: &str, candidates: &[api4p_lint::PayloadKind]) -> String {
    let lower = name.to_ascii_lowercase();
    let shared = |kind: &str| kind.split('-').filter(|w| lower.contains(w)).count();
    let mut kinds: Vec<&str> = candidates.iter().map(|k| k.name()).collect();
    kinds.sort_by_key(|kind| std::cmp::Reverse(shared(kind)));
    let quoted: Vec<String> = kinds.iter().map(|k| format!("\"{k}\"")).collect();
    let either = match quoted.as_slice() {
        [rest @ .., last] if !rest.is_empty() => format!("{} or {last}", rest.join(", ")),
        _ => quoted.concat(),
    };
    format!(
        "map the file to its kind in the `[kinds]` table of an api4p-lint.toml in its folder \
         or a parent: `\"{name}\" = {either}`"
    )
}

/// The kinds `payload`'s shape fits, when it is JSON that fits several.
fn ambiguous(payload: &str) -> Option<&'static [api4p_lint::PayloadKind]> {
    let payload = payload.strip_prefix('\u{feff}').unwrap_or(payload);
    let value = serde_json::from_str::<serde_json::Value>(payload).ok()?;
    match api4p_lint::detect(&value) {
        Detection::Ambiguous(candidates) if candidates.len() > 1 => Some(candidates),
        _ => None,
    }
}

/// Where a rule's docs are read: its source file, whose doc comment is what `explain`
/// prints.
pub(crate) fn docs_uri(rule: &api4p_lint::rule::Rule) -> Option<Uri> {
    let group = match rule.code.get(3..4)? {
        "0" => "syntax",
        "1" => "schema",
        "2" => "lead",
        "3" => "format",
        "4" => "search",
        "5" => "response",
        "6" => "reference",
        "9" => "config",
        _ => return None,
    };
    format!(
        "https://github.com/api4p-lint/api4p-lint/blob/main/src/rules/{group}/{}.rs",
        rule.name.replace('-', "_")
    )
    .parse()
    .ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cli::server::position::Encoding;

    fn job(uri: &str, generation: u64) -> Job {
        Job {
            uri: uri.parse().unwrap(),
            version: 1,
            generation,
            detected_before: None,
            broken: None,
            text: "{}".into(),
            ndjson: false,
            linter: api4p_lint::Linter::new(),
            kind: None,
            mapped: false,
            config_path: None,
            left_out: false,
            encoding: Encoding::Utf16,
        }
    }

    #[test]
    fn the_lints_of_closed_documents_and_older_openings_are_dropped() {
        let worker = Worker::start();
        let results = worker.results();
        let (closed, reopened, open) = (
            job("file:///closed.json", 1),
            job("file:///reopened.json", 2),
            job("file:///open.json", 3),
        );
        for job in [&closed, &reopened, &open] {
            worker.opened(&job.uri, job.generation);
        }
        worker.closed(&closed.uri);
        worker.opened(&reopened.uri, 4);
        worker.lint(closed);
        worker.lint(reopened);
        worker.lint(open);
        // One at a time, in order: had the others been linted, they would come first.
        let linted = |done: Done| match done {
            Done::Linted(linted) => linted,
            Done::FixedAll(_) => panic!("nothing to fix in `{{}}`"),
        };
        assert_eq!(
            linted(results.recv().unwrap()).uri.as_str(),
            "file:///open.json"
        );
        worker.lint(job("file:///reopened.json", 4));
        assert_eq!(linted(results.recv().unwrap()).generation, 4);
    }

    #[test]
    fn the_kinds_hint_names_every_candidate_the_files_own_first() {
        use api4p_lint::PayloadKind::{CreateRequest, UpdateRequest};
        let both = [CreateRequest, UpdateRequest];
        assert_eq!(
            kinds_hint("update-request-status-typo.json", &both),
            "map the file to its kind in the `[kinds]` table of an api4p-lint.toml in its \
             folder or a parent: `\"update-request-status-typo.json\" = \"update-request\" \
             or \"create-request\"`"
        );
        assert!(kinds_hint("lead.json", &both)
            .ends_with("`\"lead.json\" = \"create-request\" or \"update-request\"`"));
        assert!(
            kinds_hint("Create-Lead.json", &[UpdateRequest, CreateRequest])
                .ends_with("= \"create-request\" or \"update-request\"`")
        );
    }

    #[test]
    fn every_rule_links_to_the_file_that_holds_its_docs() {
        for rule in api4p_lint::rules::RULES {
            let uri = docs_uri(rule).unwrap_or_else(|| panic!("{}", rule.code));
            let file = uri
                .as_str()
                .strip_prefix("https://github.com/api4p-lint/api4p-lint/blob/main/")
                .unwrap();
            let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(file);
            assert!(path.is_file(), "{} -> {}", rule.code, path.display());
        }
    }
}
