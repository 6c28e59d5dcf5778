//! The linter: bytes in, a report of diagnostics out.
//!
//! The pipeline stops early, one family of findings per stage: encoding, then syntax, then
//! kind, then schema. Duplicate keys are noticed during the one parse, located only if present.
//! A valid payload costs one parse and one `is_valid`: no span index, no error iteration.

use std::sync::Arc;

use crate::config::{Config, Level};
use crate::diagnostic::{BeyondCap, Collector, Diagnostic, Report};
use crate::kind::{detect, Detection, PayloadKind};
use crate::rules::schema_errors;
use crate::rules::{self, syntax, Checker};
use crate::source::Locator;
use crate::source::{parse, Source};

/// Checks payloads. Cheap to clone and to share between threads: the compiled schemas are
/// process-wide and the configuration is shared.
///
/// "Now" (for the date rules: a close date in the past, a search's `fromDate` or an orders
/// search's `from` in the future) is the system clock's at each check, so that a linter kept
/// for days (in a [`crate::validate::Validator`] or an HTTP middleware) never judges by the
/// time it was built; "today" is its date in UTC. Unless it is pinned: by the
/// configuration's `now` or [`Linter::with_now`] (an instant), or its `today` or
/// [`Linter::with_today`] (a day: the clock then stands at midnight UTC, the day's start).
#[derive(Debug, Clone)]
pub struct Linter {
    config: Arc<Config>,
    /// Pinned; `None`: the clock at each check.
    now: Option<jiff::Timestamp>,
    redact: bool,
    /// Findings kept past the per-rule cap: none for every linter a caller builds; fixing
    /// keeps more ([`crate::fix`]).
    kept_beyond_cap: Arc<BeyondCap>,
}

impl Default for Linter {
    fn default() -> Self {
        Self::with_config(Config::default())
    }
}

impl Linter {
    /// A linter with the default settings.
    pub fn new() -> Self {
        Self::default()
    }

    /// A linter with a configuration. "Today" is the configuration's, else the system
    /// clock's date in UTC at each check; reports are redacted when the configuration says
    /// `redact = true`.
    ///
    /// The configuration's `[[overrides]]` apply only to [`Linter::check_at`] with a file's
    /// path: [`Linter::check`], [`Linter::check_str`] and [`Linter::check_bytes`] check a
    /// payload, not a file, and take the levels of `[rules]` alone, whatever glob an override
    /// has (`files = ["**"]` too). So `unknown-kind`, which only an override may lower,
    /// stays an error for them.
    pub fn with_config(config: impl Into<Arc<Config>>) -> Self {
        let config = config.into();
        let now = config.now();
        Self {
            redact: config.redact(),
            config,
            now,
            kept_beyond_cap: Arc::default(),
        }
    }

    /// Masks the payload's data (string values and numbers) in every report (source text and
    /// findings' texts; see [`crate::redact`]): for CI logs of customer data. Keys, known
    /// or not, are never masked: an unknown member's name shows in its pointer and frame. A
    /// payload holding a live secret (an API key response) is always reported redacted,
    /// whatever this says.
    pub fn with_redaction(mut self, redact: bool) -> Self {
        self.redact = redact;
        self
    }

    /// Keeps the first `n` findings of each rule in a payload's report, and counts the rest in
    /// one finding of the rule (1,000 by default, and never fewer). A baseline run keeps more
    /// (`check` with a baseline: 50,000), so that each finding is known on its own and a fix
    /// of one does not bring another, counted before, into the report as new.
    pub fn with_findings_per_rule(mut self, n: usize) -> Self {
        self.kept_beyond_cap = Arc::new(BeyondCap {
            every_rule: n.saturating_sub(crate::diagnostic::MAX_FINDINGS_PER_RULE),
            per_rule: Default::default(),
        });
        self
    }

    /// How many findings of each rule a report keeps ([`Linter::with_findings_per_rule`]).
    pub fn findings_per_rule(&self) -> usize {
        crate::diagnostic::MAX_FINDINGS_PER_RULE + self.kept_beyond_cap.every_rule
    }

    /// This linter keeping more findings of a rule than the per-rule cap (fixing:
    /// [`crate::fix`]).
    pub(crate) fn keeping_beyond_cap(mut self, more: BeyondCap) -> Self {
        self.kept_beyond_cap = Arc::new(more);
        self
    }

    /// Whether reports are redacted ([`Linter::with_redaction`]).
    pub fn redacts(&self) -> bool {
        self.redact
    }

    /// Pins "today" for date rules (deterministic runs and tests): the clock stands at
    /// midnight UTC at the start of that day (a date-time later that day is in the future);
    /// otherwise it is the system clock at each check.
    pub fn with_today(mut self, today: jiff::civil::Date) -> Self {
        self.now = Some(crate::config::midnight_utc(today));
        self
    }

    /// Pins "now" for date rules, and "today" with it (its date in UTC).
    pub fn with_now(mut self, now: jiff::Timestamp) -> Self {
        self.now = Some(now);
        self
    }

    /// The date the date rules take for today in a check made now: the pinned one, else
    /// the system clock's date in UTC.
    pub fn today(&self) -> jiff::civil::Date {
        jiff::tz::Offset::UTC.to_datetime(self.now()).date()
    }

    /// The instant the date rules take for now in a check made now: the pinned one, else
    /// the system clock's.
    pub fn now(&self) -> jiff::Timestamp {
        self.now.unwrap_or_else(clock_now)
    }

    /// The configuration.
    pub fn config(&self) -> &Config {
        &self.config
    }

    /// Checks a source as `kind`, or as the kind its shape shows when `kind` is `None`. No
    /// `[[overrides]]` table applies, whatever the source's name: a library call checks a
    /// payload, not a file (its name, `payload` for the entry points that name it, is only
    /// shown). [`Linter::check_at`] gives the file's path that overrides match.
    pub fn check<'a>(&self, source: Source<'a>, kind: Option<PayloadKind>) -> Report<'a> {
        self.check_at(source, kind, None)
    }

    /// Checks a source as [`Linter::check`] does, with the configuration's `[[overrides]]`
    /// globs matched against `path`: the file's path relative to the configuration's folder
    /// (which the source's name, the path as typed relative to the working directory, may
    /// not be). `None`: no override applies (a library call, standard input without a file
    /// name).
    pub fn check_at<'a>(
        &self,
        mut source: Source<'a>,
        kind: Option<PayloadKind>,
        path: Option<&str>,
    ) -> Report<'a> {
        let given = kind.is_some();
        let (kind, mut diagnostics, parsed) = self.diagnose(&source, kind, path);
        self.apply_levels(&mut diagnostics, path);
        diagnostics.sort_by(|a, b| (a.span.offset, a.code()).cmp(&(b.span.offset, b.code())));
        if self.redact || holds_secrets(&source, kind, &diagnostics) {
            for d in &mut diagnostics {
                d.redact();
            }
            let masked = crate::redact::mask(source.text(), parsed);
            source.replace_text(masked.text, masked.wide);
        }
        Report::new(source, kind, diagnostics).with_kind_detected(!given && kind.is_some())
    }

    /// Checks text (named `payload` in reports, as the production entry points and the test helpers name it).
    pub fn check_str<'a>(&self, text: &'a str, kind: impl Into<Option<PayloadKind>>) -> Report<'a> {
        self.check(Source::new(crate::source::PAYLOAD_NAME, text), kind.into())
    }

    /// Checks bytes (named `payload` in reports); bytes that are not UTF-8 are a finding.
    pub fn check_bytes<'a>(
        &self,
        bytes: &'a [u8],
        kind: impl Into<Option<PayloadKind>>,
    ) -> Report<'a> {
        self.check(
            Source::from_bytes(crate::source::PAYLOAD_NAME, bytes),
            kind.into(),
        )
    }

    /// The findings, before configured levels apply, and whether the text parsed as JSON.
    /// The pipeline stops at the first stage that fails: encoding, syntax, kind.
    fn diagnose(
        &self,
        source: &Source<'_>,
        kind: Option<PayloadKind>,
        path: Option<&str>,
    ) -> (Option<PayloadKind>, Vec<Diagnostic>, bool) {
        let limit = self.config.max_payload_bytes();
        if source.text().len() > limit {
            let size = source.text().len() as u64;
            return (
                kind,
                vec![syntax::payload_too_large::diagnostic(size, limit)],
                false,
            );
        }
        if let Some(problem) = source.encoding_problem() {
            return (
                kind,
                vec![syntax::invalid_encoding::diagnostic(source, problem)],
                false,
            );
        }
        let mut parsed = match parse(source.json()) {
            Ok(parsed) => parsed,
            Err(err) => {
                return (
                    kind,
                    vec![syntax::invalid_json::diagnostic(source, &err)],
                    false,
                )
            }
        };
        let locate = Locator::new(source);
        let mut diagnostics = Collector::keeping_beyond_cap(Arc::clone(&self.kept_beyond_cap));
        if parsed.has_duplicates {
            diagnostics.extend(syntax::duplicate_key::diagnostics(
                locate.index().duplicates(),
                source.text(),
            ));
        }
        // Every kind is an object: anything else is no payload, even checked as a kind, and
        // is reported by a rule that no level of `[rules]` or of the library lowers.
        if let Some(finding) =
            syntax::unknown_kind::not_an_object(|| locate.root_start(), &parsed.value, kind)
        {
            diagnostics.push(finding);
            return (kind, diagnostics.into_vec(), true);
        }
        let kind = match kind.map_or_else(|| detect(&parsed.value), Detection::Known) {
            Detection::Known(kind) => kind,
            Detection::Ambiguous(candidates) => {
                diagnostics.push(syntax::unknown_kind::diagnostic(
                    locate.root_start(),
                    candidates,
                    &parsed.value,
                ));
                return (None, diagnostics.into_vec(), true);
            }
            Detection::Unknown => {
                diagnostics.push(syntax::unknown_kind::diagnostic(
                    locate.root_start(),
                    &[],
                    &parsed.value,
                ));
                return (None, diagnostics.into_vec(), true);
            }
        };
        schema_errors::check(kind, &mut parsed.value, &locate, &mut diagnostics);
        let now = self.now();
        for (rule, check) in rules::CHECKS {
            if self.config.level(rule, path) == Level::Off {
                continue;
            }
            let mut checker = Checker::new(
                rule,
                kind,
                &parsed.value,
                &self.config,
                now,
                &locate,
                &mut diagnostics,
            );
            check(&mut checker);
        }
        (Some(kind), diagnostics.into_vec(), true)
    }
}

/// Whether the report must be redacted whatever the configuration, because the payload holds
/// a live secret ([`crate::redact::SECRET_MEMBERS`]): an API key response, or any text with
/// findings that names one of its members (a payload whose kind could not be told, text that
/// did not parse, an API key pasted into another payload). Only a report with findings
/// searches its text: a valid payload of another kind pays nothing.
fn holds_secrets(
    source: &Source<'_>,
    kind: Option<PayloadKind>,
    diagnostics: &[Diagnostic],
) -> bool {
    kind == Some(PayloadKind::ApikeyResponse)
        || (!diagnostics.is_empty()
            && (crate::redact::names_a_secret(source.text())
                || crate::redact::holds_a_key_shaped_value(source.text())))
}

impl Linter {
    /// Applies the configured levels: drops findings of rules that are off, sets the
    /// severity of rules whose level is configured.
    fn apply_levels(&self, diagnostics: &mut Vec<Diagnostic>, path: Option<&str>) {
        diagnostics.retain_mut(|d| match self.config.configured_level(d.rule, path) {
            None => true,
            Some(Level::Off) => false,
            Some(Level::On(severity)) => {
                d.severity = severity;
                true
            }
        });
    }
}

/// The system clock to the second, as messages show it (in this crate's unit tests,
/// midnight UTC of a date they set).
fn clock_now() -> jiff::Timestamp {
    #[cfg(test)]
    if let Some(today) = tests::CLOCK.get() {
        return crate::config::midnight_utc(today);
    }
    let now = jiff::Timestamp::now();
    jiff::Timestamp::from_second(now.as_second()).unwrap_or(now)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::cell::Cell;

    thread_local! {
        /// The clock's date for this thread's checks.
        pub(super) static CLOCK: Cell<Option<jiff::civil::Date>> = const { Cell::new(None) };
    }

    const SEARCH: &str = r#"{"data": [{"modifiedDate": {"fromDate": "2026-01-11T08:00:00Z", "toDate": "2026-01-11T18:00:00Z"}}]}"#;

    #[test]
    fn today_is_the_clocks_at_each_check_not_at_construction() {
        CLOCK.set(Some(jiff::civil::date(2026, 1, 10)));
        let linter = Linter::new();
        let report = linter.check_str(SEARCH, PayloadKind::SearchRequest);
        let codes: Vec<&str> = report.diagnostics().iter().map(|d| d.code()).collect();
        assert_eq!(codes, ["A4P401"], "fromDate is in the future on the 10th");
        // Two days later, the same linter.
        CLOCK.set(Some(jiff::civil::date(2026, 1, 12)));
        let report = linter.check_str(SEARCH, PayloadKind::SearchRequest);
        assert!(report.is_clean(), "{:?}", report.diagnostics());
        // A pinned day stays.
        let pinned = linter.with_today(jiff::civil::date(2026, 1, 10));
        CLOCK.set(Some(jiff::civil::date(2026, 1, 20)));
        assert!(!pinned
            .check_str(SEARCH, PayloadKind::SearchRequest)
            .is_clean());
        CLOCK.set(None);
    }
}
