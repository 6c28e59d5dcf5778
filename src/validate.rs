//! Validate, then use: the entry points for production code, without the command line. A
//! payload about to be sent is checked first (a model with [`check`], text with [`validate`],
//! a `serde_json::Value` with [`validate_value`]); a response is read through the typed models
//! with [`from_str`], [`from_slice`] or [`from_value`]. The typed calls take the payload kind
//! from the type ([`Payload::KIND`]). A failure is an [`Error`]: the findings with the text
//! they point into, for `?` in any error-handling style, and a `miette::Diagnostic` whose
//! report shows the code frame of every finding.
//!
//! ```
//! use api4p_lint::model::GetLeadOpportunityResponse;
//! use api4p_lint::validate;
//!
//! # fn main() -> Result<(), api4p_lint::Error> {
//! let text = include_str!("../tests/fixtures/spec/get-response/seed.json");
//! let response: GetLeadOpportunityResponse = validate::from_str(text)?;
//! validate::check(&response)?;
//! # Ok(())
//! # }
//! ```
//!
//! The free functions use the default settings: errors fail, warnings and infos pass, "today"
//! is the system clock's. A [`Validator`] sets them (a configuration with the partner's
//! reference data, warnings failing, redaction for logs).

use std::fmt;
use std::sync::Arc;

use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::Value;

use crate::diagnostic::{Diagnostic, Report};
use crate::kind::{detect, Detection, PayloadKind};
use crate::lint::Linter;
use crate::model;
use crate::render::human::{frames, render_findings, RenderOptions};
use crate::rule::{Severity, Silencing};
use crate::source::{MaskedWidths, Source};

use crate::render::human::Finding;

/// A payload that failed validation: every finding with the text it points into (its
/// warnings and infos too), and the kind it was checked as. Owned (`'static`, `Send`,
/// `Sync`), so `?` takes it into `Box<dyn std::error::Error + Send + Sync>`, `anyhow` or
/// `miette::Result`.
///
/// - `Display` is one line for logs: the kind, how many findings fail, the first three with
///   their places (`A4P102 at the root, A4P101 at /leadOpportunity/status`).
/// - `Debug` (what `unwrap()` and a `main` returning `Err` print) is the command line's report:
///   a code frame per finding, errors first (then warnings, then infos), for the first 50
///   (then how many more).
/// - As a [`miette::Diagnostic`], each finding is a related diagnostic with its own code
///   frame, labels and help: `miette::Report::new(error)` shows them all, errors first.
///
/// ```
/// use api4p_lint::{validate, PayloadKind};
///
/// let payload = r#"{"leadOpportunity": {"partnerLeadOpportunityId": "CRM-1", "status": "WONN"}}"#;
/// let error = validate::validate(payload, PayloadKind::UpdateRequest).unwrap_err();
/// assert_eq!(
///     error.to_string(),
///     "invalid update-request payload: 1 error (A4P101 at /leadOpportunity/status)"
/// );
/// assert_eq!(error.findings()[0].diagnostic().code(), "A4P101");
/// assert!(error.rendered().contains(r#"did you mean "WON""#));
///
/// let report = miette::Report::new(error);
/// # let _ = report;
/// ```
///
/// [`miette::Diagnostic`]: https://docs.rs/miette/7/miette/trait.Diagnostic.html
#[derive(Clone)]
pub struct Error(Box<Inner>);

#[derive(Clone)]
struct Inner {
    name: Arc<str>,
    text: Arc<str>,
    /// A masked text's wide characters, so that columns stay the payload's.
    widths: MaskedWidths,
    kind: Option<PayloadKind>,
    findings: Vec<Finding>,
    fail_at: Severity,
    redacted: bool,
    /// The payload passed, but a model did not read it.
    deserialize: Option<Deserialize>,
}

impl Inner {
    /// The text the findings point into, as a source to frame them in.
    fn source(&self) -> Source<'_> {
        Source::new(&*self.name, &*self.text).with_masked_widths(self.widths.clone())
    }
}

#[derive(Clone)]
struct Deserialize {
    type_name: &'static str,
    error: Arc<serde_json::Error>,
}

impl Error {
    /// The error of a checked payload, if any of its findings is an error: what another
    /// module (an HTTP client's middleware, a queue consumer) returns for a payload that
    /// fails, with the same wording and code frames as [`validate`]. `None` when nothing
    /// fails. The error keeps every finding of the report; a report made by a linter
    /// [with redaction](Linter::with_redaction) gives a redacted error.
    ///
    /// ```
    /// use api4p_lint::{validate::Error, Linter, PayloadKind};
    ///
    /// let linter = Linter::new().with_redaction(true);
    /// let body = br#"{"leadOpportunity": {"partnerLeadOpportunityId": "CRM-1", "currency": "euro"}}"#;
    /// let error = Error::from_report(linter.check_bytes(body, PayloadKind::UpdateRequest))
    ///     .expect("`euro` is not a currency code");
    /// assert!(!error.rendered().contains("euro"));
    /// assert!(error.is_redacted());
    ///
    /// let fine = br#"{"leadOpportunity": {"partnerLeadOpportunityId": "CRM-1"}}"#;
    /// assert!(Error::from_report(linter.check_bytes(fine, PayloadKind::UpdateRequest)).is_none());
    /// ```
    pub fn from_report(report: Report<'_>) -> Option<Error> {
        Self::from_report_at(report, Severity::Error)
    }

    /// [`Error::from_report`], failing on findings of `fail_at` or above (`Severity::Warning`:
    /// warnings fail too).
    pub fn from_report_at(report: Report<'_>, fail_at: Severity) -> Option<Error> {
        if !report.diagnostics().iter().any(|d| d.severity >= fail_at) {
            return None;
        }
        Some(Self::build(report, fail_at))
    }

    /// The error of a report with a finding at `fail_at` or above.
    fn build(report: Report<'_>, fail_at: Severity) -> Error {
        let name: Arc<str> = Arc::from(report.source().name());
        let text: Arc<str> = Arc::from(kept_text(&report));
        let widths = report.source().masked_widths().clone();
        let kind = report.kind();
        let findings = frames(
            report.source(),
            1,
            most_severe_first(report.diagnostics()),
            &RenderOptions::default(),
        );
        Error(Box::new(Inner {
            name,
            text,
            widths,
            kind,
            findings,
            fail_at,
            redacted: report.source().is_redacted(),
            deserialize: None,
        }))
    }

    /// Every finding with its code frame, those below the failing severity too: the errors
    /// first, then the warnings, then the infos, each in source order. The order of every
    /// rendering of the error (`Debug`, [`Error::rendered`], the related diagnostics of a
    /// miette report, the places named by `Display`): what failed comes before advice.
    ///
    /// ```
    /// use api4p_lint::{validate, PayloadKind, Severity};
    ///
    /// // A warning (`customerContact` belongs to the GET response) before an error.
    /// let payload = r#"{"customerContact": [], "leadOpportunity": {"partnerLeadOpportunityId": "CRM-1", "status": "WONN"}}"#;
    /// let error = validate::validate(payload, PayloadKind::UpdateRequest).unwrap_err();
    /// let severities: Vec<_> = error.findings().iter().map(|f| f.diagnostic().severity).collect();
    /// assert_eq!(severities, [Severity::Error, Severity::Warning]);
    /// ```
    pub fn findings(&self) -> &[Finding] {
        &self.0.findings
    }

    /// Every finding, without its code frame: [`Error::findings`]' diagnostics.
    ///
    /// ```
    /// use api4p_lint::{validate, PayloadKind};
    ///
    /// let payload = r#"{"leadOpportunity": {"partnerLeadOpportunityId": "CRM-1", "status": "WONN"}}"#;
    /// let error = validate::validate(payload, PayloadKind::UpdateRequest).unwrap_err();
    /// assert_eq!(error.diagnostics()[0].pointer, "/leadOpportunity/status");
    /// ```
    pub fn diagnostics(&self) -> Vec<&Diagnostic> {
        self.0.findings.iter().map(Finding::diagnostic).collect()
    }

    /// The findings that made the payload fail.
    pub fn failing(&self) -> impl Iterator<Item = &Diagnostic> + '_ {
        self.0
            .findings
            .iter()
            .map(Finding::diagnostic)
            .filter(|d| d.severity >= self.0.fail_at)
    }

    /// The kind the payload was checked as (`None` when it could not be known).
    pub fn kind(&self) -> Option<PayloadKind> {
        self.0.kind
    }

    /// The text the findings point into: the payload as given, or as serialized (pretty
    /// printed) for a value; masked when the error is redacted.
    pub fn source_text(&self) -> &str {
        &self.0.text
    }

    /// Whether payload data is masked ([`Error::redact`]).
    pub fn is_redacted(&self) -> bool {
        self.0.redacted
    }

    /// Masks the payload's data, for logs: the source text keeps its structure (keys,
    /// punctuation, layout) and loses its values, every finding's texts lose their quotes of
    /// payload data, as the command line's `--redact` does. Spans, lines and columns stay.
    /// Keys are never masked, known or not ([`crate::redact`]): an unknown member's name
    /// shows in its pointer, in `Display` too.
    ///
    /// ```
    /// use api4p_lint::{validate, PayloadKind};
    ///
    /// let payload = r#"{"leadOpportunity": {"partnerLeadOpportunityId": "CRM-1", "status": "WONN"}}"#;
    /// let error = validate::validate(payload, PayloadKind::UpdateRequest).unwrap_err().redacted();
    /// assert!(!error.rendered().contains("WONN"));
    /// assert!(!error.source_text().contains("CRM-1"));
    /// assert_eq!(error.findings()[0].diagnostic().code(), "A4P101");
    /// ```
    pub fn redact(&mut self) {
        let inner = &mut *self.0;
        if inner.redacted {
            return;
        }
        inner.redacted = true;
        // The rules that say the text could not be read at all are those whose findings can
        // never be silenced; otherwise it parsed, and only its values are masked.
        let parsed = !inner
            .findings
            .iter()
            .any(|f| f.diagnostic().rule.silencing == Silencing::Never);
        let masked = crate::redact::mask(&inner.text, parsed);
        inner.text = Arc::from(masked.text);
        inner.widths = MaskedWidths::new(masked.wide);
        let diagnostics = std::mem::take(&mut inner.findings).into_iter().map(|f| {
            let mut d = f.into_diagnostic();
            d.redact();
            d
        });
        inner.findings = frames(&inner.source(), 1, diagnostics, &RenderOptions::default());
    }

    /// The error, [redacted](Error::redact).
    #[must_use]
    pub fn redacted(mut self) -> Self {
        self.redact();
        self
    }

    /// The report as the command line renders it (80 columns, no colour): a code frame per
    /// finding, every one, in [`Error::findings`]' order (errors first). `Debug` prints the
    /// first 50 of it.
    pub fn rendered(&self) -> String {
        self.render(&RenderOptions::default())
    }

    /// The report, rendered with `options`.
    pub fn render(&self, options: &RenderOptions) -> String {
        if let Some(failure) = &self.0.deserialize {
            let message = DeserializeMessage(failure, self.explanation(), self.0.redacted);
            if self.0.findings.is_empty() {
                return format!("{message}\n");
            }
            return format!(
                "{message}\n\n{}",
                render_findings(&self.0.findings, options)
            );
        }
        if *options == RenderOptions::default() {
            return render_findings(&self.0.findings, options);
        }
        let diagnostics = self.0.findings.iter().map(|f| f.diagnostic().clone());
        let findings = frames(&self.0.source(), 1, diagnostics, options);
        render_findings(&findings, options)
    }

    /// The error of a payload that passed but that the model `T` does not read.
    fn deserialize<T>(text: &str, error: serde_json::Error) -> Self {
        Error(Box::new(Inner {
            name: Arc::from(SOURCE_NAME),
            text: Arc::from(text),
            widths: MaskedWidths::default(),
            kind: None,
            findings: Vec::new(),
            fail_at: Severity::Error,
            redacted: false,
            deserialize: Some(Deserialize {
                type_name: std::any::type_name::<T>(),
                error: Arc::new(error),
            }),
        }))
    }
}

/// A report's findings (in source order) as an error keeps them: errors first, then warnings,
/// then infos, each in source order. Whoever reads the error top-down (a miette report, a
/// panic's `Debug`) meets what failed before a page of advice.
fn most_severe_first(diagnostics: &[Diagnostic]) -> Vec<Diagnostic> {
    let mut ordered = diagnostics.to_vec();
    ordered.sort_by_key(|d| std::cmp::Reverse(d.severity));
    ordered
}

/// The text an error keeps: all of it, except for a payload over the size limit (A4P005),
/// which was not read and whose finding's frame shows its first line: at most that line's
/// first [`KEPT_OF_TOO_LARGE`] bytes, never the megabytes behind.
fn kept_text<'r>(report: &'r Report<'_>) -> &'r str {
    let text = report.source().text();
    let too_large = report.diagnostics().iter().any(|d| {
        std::ptr::eq(
            d.rule,
            &crate::rules::syntax::payload_too_large::PAYLOAD_TOO_LARGE,
        )
    });
    if !too_large {
        return text;
    }
    let line = text.find(['\n', '\r']).unwrap_or(text.len());
    let mut end = line.min(KEPT_OF_TOO_LARGE);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    &text[..end]
}

/// What an error keeps of a payload over the size limit.
const KEPT_OF_TOO_LARGE: usize = 1024;

/// At most this many findings are rendered with their code frames in `Debug`. Public for
/// `tests/production.rs`, which counts the findings left out.
#[doc(hidden)]
pub const MAX_DEBUG_FINDINGS: usize = 50;

/// At most this many failing findings are named in the one-line message.
const NAMED_IN_MESSAGE: usize = 3;

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(failure) = &self.0.deserialize {
            return DeserializeMessage(failure, self.explanation(), self.0.redacted).fmt(f);
        }
        match self.0.kind {
            Some(kind) => write!(f, "invalid {kind} payload: ")?,
            None => f.write_str("invalid payload: ")?,
        }
        let counts = [Severity::Error, Severity::Warning, Severity::Info]
            .into_iter()
            .filter(|&s| s >= self.0.fail_at)
            .filter_map(|s| {
                let n = self.failing().filter(|d| d.severity == s).count();
                (n > 0).then(|| crate::render::plural(n, s.as_str()))
            })
            .collect::<Vec<_>>();
        f.write_str(&counts.join(", "))?;
        let named: Vec<String> = self
            .failing()
            .take(NAMED_IN_MESSAGE)
            // Every finding with its own place: a bare code beside `A4P102 at /leadOpportunity`
            // would read as sharing that place.
            .map(|d| match d.pointer.as_str() {
                "" => format!("{} at the root", d.code()),
                pointer => format!("{} at {}", d.code(), crate::pointer::show_pointer(pointer)),
            })
            .collect();
        let more = self.failing().count().saturating_sub(NAMED_IN_MESSAGE);
        write!(f, " ({}", named.join(", "))?;
        if more > 0 {
            write!(f, ", and {more} more")?;
        }
        f.write_str(")")
    }
}

impl Error {
    /// Of a payload that passed but that the model did not read: the finding that explains
    /// it, one the configuration lowered below the failing severity (an unknown code, a
    /// member of the wrong type), preferring one on the line serde_json stopped at.
    fn explanation(&self) -> Option<&Diagnostic> {
        let failure = self.0.deserialize.as_ref()?;
        let source = self.0.source();
        let lowered = |d: &&Diagnostic| d.rule.default_severity > d.severity;
        let diagnostics = || self.0.findings.iter().map(Finding::diagnostic);
        diagnostics()
            .filter(lowered)
            .find(|d| source.line_col(d.span.offset).0 == failure.error.line())
            .or_else(|| diagnostics().find(lowered))
            .or_else(|| diagnostics().next())
    }
}

/// serde_json's message may quote the payload's data: redacted, only its place is shown.
struct DeserializeMessage<'a>(&'a Deserialize, Option<&'a Diagnostic>, bool);

impl fmt::Display for DeserializeMessage<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let Self(Deserialize { type_name, error }, explained, redacted) = self;
        write!(
            f,
            "the payload passed validation but does not deserialize as `{type_name}`: "
        )?;
        if *redacted {
            write!(f, "at line {} column {}", error.line(), error.column())?;
        } else {
            error.fmt(f)?;
        }
        if let Some(d) = explained {
            write!(
                f,
                "; {} ({}) at {} explains it: the configuration makes it {} {}, so the payload \
                 passed, but the model cannot read what it reports",
                d.code(),
                d.rule_name(),
                match d.pointer.as_str() {
                    "" => "the payload's root".into(),
                    pointer => crate::pointer::show_pointer(pointer),
                },
                if d.severity == Severity::Info {
                    "an"
                } else {
                    "a"
                },
                d.severity.as_str()
            )?;
        }
        Ok(())
    }
}

// `Debug` is what `unwrap()`, `expect()` and a `main` or test returning `Err` print: show the
// code frames.
impl fmt::Debug for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let findings = &self.0.findings;
        if self.0.deserialize.is_some() || findings.len() <= MAX_DEBUG_FINDINGS {
            return write!(f, "{self}\n\n{}", self.rendered());
        }
        let shown = render_findings(&findings[..MAX_DEBUG_FINDINGS], &RenderOptions::default());
        write!(
            f,
            "{self}\n\n{shown}and {} more findings (`Error::findings` has them all)\n",
            findings.len() - MAX_DEBUG_FINDINGS
        )
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        // serde_json's message may quote the payload's data.
        if self.0.redacted {
            return None;
        }
        self.0
            .deserialize
            .as_ref()
            .map(|d| &*d.error as &(dyn std::error::Error + 'static))
    }
}

// No code of its own: the header of `miette::Report::new(error)` is the one-line message (what
// failed and where), each finding below it with its rule's code; a code naming the tool alone
// would open the report with a bare `api4p-lint` line.
impl miette::Diagnostic for Error {
    fn help<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        self.0.deserialize.as_ref().map(|_| {
            let help = if self.explanation().is_some() {
                "keep that rule an error for the payloads you read into models, or read them with \
                 `serde_json` alone"
            } else {
                "the model is stricter than the JSON Schema here: please report it, with the payload"
            };
            Box::new(help) as Box<dyn fmt::Display>
        })
    }

    fn related<'a>(&'a self) -> Option<Box<dyn Iterator<Item = &'a dyn miette::Diagnostic> + 'a>> {
        Some(Box::new(
            self.0.findings.iter().map(|f| f as &dyn miette::Diagnostic),
        ))
    }
}

/// What an entry point checks: text is read as text (never taken for UTF-16), bytes as bytes.
#[derive(Clone, Copy)]
enum Input<'a> {
    Text(&'a str),
    Bytes(&'a [u8]),
}

/// The name the entry points give the text in code frames.
const SOURCE_NAME: &str = crate::source::PAYLOAD_NAME;

/// How production code validates: the linter (configuration, reference data, "today",
/// redaction) and the severity that fails. The free functions of this module are
/// `Validator::new()`'s methods.
///
/// ```
/// use api4p_lint::validate::Validator;
/// use api4p_lint::{Config, PayloadKind};
///
/// let config = Config::parse("api4p-lint.toml", "[reference]\ncompetitors = [\"Siemens\"]\n", None)
///     .unwrap();
/// let validator = Validator::with_config(config).deny_warnings().redacted();
/// let body = r#"{"leadOpportunity": {"partnerLeadOpportunityId": "CRM-1", "competitors": ["Acme"]}}"#;
/// let error = validator.validate(body, PayloadKind::UpdateRequest).unwrap_err();
/// assert_eq!(error.findings()[0].diagnostic().code(), "A4P602");
/// assert!(error.is_redacted());
/// ```
#[derive(Debug, Clone)]
pub struct Validator {
    linter: Linter,
    fail_at: Severity,
}

impl Default for Validator {
    fn default() -> Self {
        Self::with_linter(Linter::new())
    }
}

impl Validator {
    /// The default settings: errors fail; warnings and infos pass.
    pub fn new() -> Self {
        Self::default()
    }

    /// Checks with a configuration (e.g. the project's `api4p-lint.toml`, its reference data).
    /// Its `[[overrides]]` never apply: their globs match the paths of the files the command
    /// line checks, and a payload checked here is no file (see [`Linter::with_config`]); the
    /// levels are those of its `[rules]` table.
    pub fn with_config(config: crate::Config) -> Self {
        Self::with_linter(Linter::with_config(config))
    }

    /// Checks with a linter of its own (its configuration, "today", redaction).
    pub fn with_linter(linter: Linter) -> Self {
        Self {
            linter,
            fail_at: Severity::Error,
        }
    }

    /// Warnings fail too.
    #[must_use]
    pub fn deny_warnings(self) -> Self {
        self.fail_at(Severity::Warning)
    }

    /// Findings of `severity` or above fail.
    #[must_use]
    pub fn fail_at(mut self, severity: Severity) -> Self {
        self.fail_at = severity;
        self
    }

    /// Errors are [redacted](Error::redact): for logs of customer data.
    #[must_use]
    pub fn redacted(mut self) -> Self {
        self.linter = self.linter.with_redaction(true);
        self
    }

    /// The linter.
    pub fn linter(&self) -> &Linter {
        &self.linter
    }

    /// `payload`: the text as given, which a redacted report no longer holds.
    fn finish(&self, report: Report<'_>, payload: &[u8], call: Option<&str>) -> Result<(), Error> {
        let mut report = report;
        if let Some(call) = call {
            advise_kind(&mut report, payload, |kind| {
                format!("`{call}(.., PayloadKind::{kind})`")
            });
        }
        match Error::from_report_at(report, self.fail_at) {
            None => Ok(()),
            Some(error) => Err(error),
        }
    }

    /// Checks `payload` as `kind`; `call` names the entry point in the advice of an unknown
    /// kind.
    fn check_source(
        &self,
        payload: Input<'_>,
        kind: Option<PayloadKind>,
        call: &str,
    ) -> Result<(), Error> {
        let (source, bytes) = match payload {
            Input::Text(text) => (Source::new(SOURCE_NAME, text), text.as_bytes()),
            Input::Bytes(bytes) => (Source::from_bytes(SOURCE_NAME, bytes), bytes),
        };
        let report = self.linter.check(source, kind);
        self.finish(report, bytes, kind.is_none().then_some(call))
    }

    /// Checks text as `kind`, or as the kind its shape shows when `kind` is `None`.
    pub fn validate(&self, text: &str, kind: impl Into<Option<PayloadKind>>) -> Result<(), Error> {
        self.check_source(Input::Text(text), kind.into(), "validate")
    }

    /// Checks bytes (an HTTP body): bytes that are not UTF-8 are a finding.
    pub fn validate_slice(
        &self,
        bytes: &[u8],
        kind: impl Into<Option<PayloadKind>>,
    ) -> Result<(), Error> {
        self.check_source(Input::Bytes(bytes), kind.into(), "validate_slice")
    }

    /// Checks any `Serialize` value (a `serde_json::Value`, a struct of the partner's own),
    /// pretty-printed first ([`to_text`]): the findings point into that text. A value nested
    /// 128 levels deep or more is refused with finding A4P001, as a text would be, without
    /// serializing it further.
    ///
    /// # Panics
    ///
    /// When `value` is a model of [`crate::model`] and `kind` is not its type's
    /// ([`Payload::KIND`]): that call would check a payload the code never sends, whatever
    /// the data, so it fails on its first run. [`Validator::check`] takes the kind from the
    /// type; given no kind, `validate_value` takes it from the type too.
    #[track_caller]
    pub fn validate_value<T: Serialize + ?Sized>(
        &self,
        value: &T,
        kind: impl Into<Option<PayloadKind>>,
    ) -> Result<(), Error> {
        let kind = kind.into();
        let model = model_kind::<T>();
        if let (Some(given), Some(model)) = (kind, model) {
            assert!(
                given == model,
                "api4p-lint: `validate_value` is given a model of {model} \
                 (`PayloadKind::{model:?}`) to check as {given}: a model is checked as its \
                 type's kind (`check`); pass text or a `serde_json::Value` to check it as \
                 another kind"
            );
        }
        let kind = kind.or(model);
        let (text, _) = self.serialize(value, kind)?;
        self.check_source(Input::Text(&text), kind, "validate_value")
    }

    /// Checks a model as its type's kind: before sending a request built in code.
    pub fn check<T: Payload>(&self, payload: &T) -> Result<(), Error> {
        let (text, _) = self.serialize(payload, Some(T::KIND))?;
        self.check_source(Input::Text(&text), Some(T::KIND), "check")
    }

    /// A value's text ([`to_text`]) and whether it was cut at [`MAX_DEPTH`]; a value whose
    /// text would exceed the configuration's `max-payload-bytes` is not serialized past it:
    /// finding A4P005, as a text that large would be.
    fn serialize<T: Serialize + ?Sized>(
        &self,
        value: &T,
        kind: Option<PayloadKind>,
    ) -> Result<(String, bool), Error> {
        self.serialize_or_report(value, kind).map_err(|report| {
            let mut error = Error::build(*report, self.fail_at);
            if self.linter.redacts() {
                error.redact();
            }
            error
        })
    }

    /// [`Validator::serialize`], the A4P005 finding as a report.
    fn serialize_or_report<T: Serialize + ?Sized>(
        &self,
        value: &T,
        kind: Option<PayloadKind>,
    ) -> Result<(String, bool), Box<Report<'static>>> {
        let limit = self.linter.config().max_payload_bytes();
        match serialize_within(value, limit) {
            Serialized::Text(text) => Ok((text, false)),
            Serialized::TooDeep(text) => Ok((text, true)),
            Serialized::TooLarge => {
                let finding =
                    crate::rules::syntax::payload_too_large::diagnostic(limit as u64 + 1, limit)
                        .with_message(format!(
                            "the value serializes to more than {limit} bytes, the limit; it was \
                             not serialized further"
                        ));
                Err(Box::new(Report::new(
                    Source::new(SOURCE_NAME, ""),
                    kind,
                    vec![finding],
                )))
            }
        }
    }

    /// Every finding of a model as its type's kind, whatever its severity: the warnings and
    /// infos of a request that [`Validator::check`] passes, to log them. The report's text is
    /// the model's pretty-printed JSON ([`to_text`]), redacted if the validator is.
    ///
    /// ```
    /// use api4p_lint::model::UpdateLeadOpportunityRequest;
    /// use api4p_lint::validate::Validator;
    ///
    /// // `customerContact` is the GET response's member: DS ignores it in a request.
    /// let update: UpdateLeadOpportunityRequest = serde_json::from_str(
    ///     r#"{"leadOpportunity": {"partnerLeadOpportunityId": "CRM-1"}, "customerContact": []}"#,
    /// ).unwrap();
    /// let validator = Validator::new();
    /// assert!(validator.check(&update).is_ok());
    /// let report = validator.lint(&update);
    /// assert_eq!(report.diagnostics()[0].code(), "A4P103");
    /// assert_eq!(report.count(api4p_lint::Severity::Warning), 1);
    /// ```
    pub fn lint<T: Payload>(&self, payload: &T) -> Report<'static> {
        match self.serialize_or_report(payload, Some(T::KIND)) {
            Ok((text, _)) => self
                .linter
                .check(Source::new(SOURCE_NAME, text), Some(T::KIND)),
            Err(report) => *report,
        }
    }

    /// Checks `text` as `T`'s kind, then deserializes it.
    pub fn from_str<T: Payload>(&self, text: &str) -> Result<T, Error> {
        self.check_source(Input::Text(text), Some(T::KIND), "from_str")?;
        self.read_json(text.as_bytes())
    }

    /// Checks `bytes` as `T`'s kind, then deserializes them.
    pub fn from_slice<T: Payload>(&self, bytes: &[u8]) -> Result<T, Error> {
        self.check_source(Input::Bytes(bytes), Some(T::KIND), "from_slice")?;
        self.read_json(bytes)
    }

    /// Checks a value as `T`'s kind, then converts it. A value nested 128 levels deep or
    /// more is refused (finding A4P001) and taken apart without recursion.
    pub fn from_value<T: Payload>(&self, value: Value) -> Result<T, Error> {
        let (text, too_deep) = match self.serialize(&value, Some(T::KIND)) {
            Ok(serialized) => serialized,
            Err(error) => {
                dismantle(value);
                return Err(error);
            }
        };
        let checked = self.check_source(Input::Text(&text), Some(T::KIND), "from_value");
        if too_deep {
            dismantle(value);
            checked?;
            // Not reached (a text that deep is not JSON, whatever the configuration), but
            // serde_json's parser refuses it without recursing, where its `from_value` would.
            return self.deserialize(text.as_bytes(), serde_json::from_str(&text));
        }
        checked?;
        self.deserialize(text.as_bytes(), serde_json::from_value(value))
    }

    /// Deserializes a payload that passed: JSON in UTF-8 (the linter has read it so), perhaps
    /// after a byte order mark, which serde_json does not skip.
    fn read_json<T: Payload>(&self, bytes: &[u8]) -> Result<T, Error> {
        let json = bytes.strip_prefix("\u{feff}".as_bytes()).unwrap_or(bytes);
        self.deserialize(json, serde_json::from_slice(json))
    }

    fn deserialize<T: Payload>(
        &self,
        text: &[u8],
        read: Result<T, serde_json::Error>,
    ) -> Result<T, Error> {
        read.map_err(|e| {
            let text = String::from_utf8_lossy(text);
            // The findings that did not fail (a rule the configuration lowered) may explain
            // it: the error keeps them all. Linting again costs only on this rare path.
            let report = self
                .linter
                .check(Source::new(SOURCE_NAME, &*text), Some(T::KIND));
            let mut error = if report.is_clean() {
                Error::deserialize::<T>(&text, e)
            } else {
                let mut error = Error::build(report, Severity::Info);
                error.0.deserialize = Some(Deserialize {
                    type_name: std::any::type_name::<T>(),
                    error: Arc::new(e),
                });
                error
            }
            .with_kind(T::KIND);
            if self.linter.redacts() {
                error.redact();
            }
            error
        })
    }
}

impl Error {
    fn with_kind(mut self, kind: PayloadKind) -> Self {
        self.0.kind = Some(kind);
        self
    }
}

/// Rewrites the command line's advice of an unknown kind (A4P004: "`--kind ...`") as the
/// Rust call that gives it: `call("CreateRequest")` is the call with that kind.
pub(crate) fn advise_kind(report: &mut Report<'_>, payload: &[u8], call: impl Fn(&str) -> String) {
    if !report.diagnostics().iter().any(is_unknown_kind) {
        return;
    }
    let variant = |kind: &PayloadKind| format!("{kind:?}");
    let json = payload
        .strip_prefix("\u{feff}".as_bytes())
        .unwrap_or(payload);
    let help = match serde_json::from_slice::<Value>(json) {
        Ok(value @ Value::Object(_)) => match detect(&value) {
            Detection::Ambiguous(candidates) => format!(
                "pass the kind: {}",
                candidates
                    .iter()
                    .map(|k| call(&variant(k)))
                    .collect::<Vec<_>>()
                    .join(" or ")
            ),
            _ => format!(
                "pass the kind: {}, one of {}",
                call("…"),
                PayloadKind::ALL
                    .iter()
                    .map(variant)
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        },
        // A root that is no object: no kind makes it a payload, so none is advised.
        _ => "pass the payload object itself: every payload kind is a JSON object".to_owned(),
    };
    for d in report.diagnostics_mut() {
        if is_unknown_kind(d) {
            d.help = Some(help.clone());
        }
    }
}

fn is_unknown_kind(d: &Diagnostic) -> bool {
    std::ptr::eq(d.rule, &crate::rules::syntax::unknown_kind::UNKNOWN_KIND)
}

/// Checks text with the default settings: `Err` when a finding is an error (warnings and
/// infos pass). Without a kind, the kind is detected from the shape.
///
/// ```
/// use api4p_lint::{validate, PayloadKind};
///
/// let payload = r#"{"leadOpportunity": {"partnerLeadOpportunityId": "CRM-1", "status": "WON"}}"#;
/// validate::validate(payload, PayloadKind::UpdateRequest)?;
/// # Ok::<(), api4p_lint::Error>(())
/// ```
pub fn validate(text: &str, kind: impl Into<Option<PayloadKind>>) -> Result<(), Error> {
    Validator::new().validate(text, kind)
}

/// Checks bytes (an HTTP body) with the default settings; bytes that are not UTF-8 are a
/// finding.
pub fn validate_slice(bytes: &[u8], kind: impl Into<Option<PayloadKind>>) -> Result<(), Error> {
    Validator::new().validate_slice(bytes, kind)
}

/// Checks any `Serialize` value (a `serde_json::Value`, a struct of the partner's own) with the
/// default settings, pretty-printed first: see [`Validator::validate_value`] (which panics on
/// a model given another kind than its type's).
///
/// ```
/// use api4p_lint::{validate, PayloadKind};
/// use serde_json::json;
///
/// let body = json!({"leadOpportunity": {"partnerLeadOpportunityId": "CRM-1", "currency": "eur"}});
/// let error = validate::validate_value(&body, PayloadKind::UpdateRequest).unwrap_err();
/// assert_eq!(error.findings()[0].diagnostic().pointer, "/leadOpportunity/currency");
/// ```
#[track_caller]
pub fn validate_value<T: Serialize + ?Sized>(
    value: &T,
    kind: impl Into<Option<PayloadKind>>,
) -> Result<(), Error> {
    Validator::new().validate_value(value, kind)
}

/// Checks a model as its type's kind, with the default settings: a request built in code,
/// before it is sent.
///
/// ```
/// use api4p_lint::model::UpdateLeadOpportunityRequest;
/// use api4p_lint::validate;
///
/// let request: UpdateLeadOpportunityRequest = serde_json::from_str(
///     r#"{"leadOpportunity": {"partnerLeadOpportunityId": "CRM-1", "currency": "euro"}}"#,
/// ).unwrap();
/// let error = validate::check(&request).unwrap_err();
/// assert_eq!(error.kind(), Some(api4p_lint::PayloadKind::UpdateRequest));
/// ```
pub fn check<T: Payload>(payload: &T) -> Result<(), Error> {
    Validator::new().check(payload)
}

/// A model type that is the body of one payload kind: the typed entry points check against
/// its kind. Implemented by every root type of [`crate::model`], one per kind.
pub trait Payload: Serialize + DeserializeOwned {
    /// The kind this type is the body of.
    const KIND: PayloadKind;
}

macro_rules! payloads {
    ($($ty:ty => $kind:ident),+ $(,)?) => {
        $(impl Payload for $ty {
            const KIND: PayloadKind = PayloadKind::$kind;
        })+

        /// The kind of `T` when it is one of these models, also behind references, `Box`,
        /// `Arc` or `Rc`: a `Serialize` value given with a kind may be a model, which has its
        /// own. By name, because `T` need not be `'static` (no `TypeId`); the models' paths
        /// are unique, and both names come from the same compiler.
        fn model_kind<T: ?Sized>() -> Option<PayloadKind> {
            const POINTERS: [&str; 3] =
                ["alloc::boxed::Box<", "alloc::sync::Arc<", "alloc::rc::Rc<"];
            let mut name = std::any::type_name::<T>();
            loop {
                if let Some(inner) = name.strip_prefix('&') {
                    name = inner.strip_prefix("mut ").unwrap_or(inner);
                    continue;
                }
                let pointee = POINTERS
                    .iter()
                    .find_map(|p| name.strip_prefix(p)?.strip_suffix('>'));
                match pointee {
                    Some(inner) => name = inner,
                    None => break,
                }
            }
            $(if name == std::any::type_name::<$ty>() {
                return Some(PayloadKind::$kind);
            })+
            None
        }

        // Every kind has its type: a kind added without one does not compile, and one given
        // two types is an unreachable pattern.
        #[deny(unreachable_patterns)]
        const _: fn(PayloadKind) = |kind| match kind {
            $(PayloadKind::$kind => {})+
        };
    };
}

payloads! {
    model::CreateLeadOpportunityRequest => CreateRequest,
    model::UpdateLeadOpportunityRequest => UpdateRequest,
    model::SearchLeadOpportunitiesRequest => SearchRequest,
    model::GetLeadOpportunityResponse => GetResponse,
    model::CreateLeadOpportunityResponse => CreateResponse,
    model::UpdateLeadOpportunityResponse => UpdateResponse,
    model::SearchLeadOpportunitiesResponse => SearchResponse,
    model::SearchOrdersRequest => OrderSearchRequest,
    model::SearchOrdersResponse => OrderSearchResponse,
    model::GetOrderResponse => OrderGetResponse,
    model::SearchPriceListsResponse => PriceListSearchResponse,
    model::SearchAccreditationsResponse => AccreditationSearchResponse,
    model::SearchPortfolioItemsResponse => PortfolioSearchResponse,
    model::CreateApiKeyResponse => ApikeyResponse,
    model::ErrorResponse => ErrorResponse,
}

/// Checks `text` as `T`'s kind with the default settings, then deserializes it: the typed way
/// to read a response.
///
/// ```
/// use api4p_lint::model::GetLeadOpportunityResponse;
///
/// # fn main() -> Result<(), api4p_lint::Error> {
/// let text = include_str!("../tests/fixtures/spec/get-response/seed.json");
/// let response: GetLeadOpportunityResponse = api4p_lint::validate::from_str(text)?;
/// # let _ = response;
/// # Ok(())
/// # }
/// ```
pub fn from_str<T: Payload>(text: &str) -> Result<T, Error> {
    Validator::new().from_str(text)
}

/// Checks bytes (an HTTP body) as `T`'s kind with the default settings, then deserializes
/// them.
pub fn from_slice<T: Payload>(bytes: &[u8]) -> Result<T, Error> {
    Validator::new().from_slice(bytes)
}

/// Checks a value as `T`'s kind with the default settings, then converts it.
pub fn from_value<T: Payload>(value: Value) -> Result<T, Error> {
    Validator::new().from_value(value)
}

/// Pretty-printed JSON of a value: what an error's code frames point into. A value nested
/// 128 levels deep or more is written down to its 128th bracket only (which the linter
/// reports as A4P001, as it would in a file); a value that does not serialize is described
/// instead (which the linter reports as not JSON).
// Hidden: the test helpers' (`crate::testing`); public for `tests/production.rs`, which checks
// that a value nested too deep is written down to the linter's limit only.
#[doc(hidden)]
pub fn to_text<T: Serialize + ?Sized>(value: &T) -> String {
    serialize(value).0
}

/// serde_json's limit: a text nested this deep does not parse.
const MAX_DEPTH: usize = 128;

/// [`to_text`], and whether the value was cut at [`MAX_DEPTH`].
fn serialize<T: Serialize + ?Sized>(value: &T) -> (String, bool) {
    match serialize_within(value, usize::MAX) {
        Serialized::Text(text) => (text, false),
        Serialized::TooDeep(text) => (text, true),
        Serialized::TooLarge => unreachable!("no text is usize::MAX bytes long"),
    }
}

/// A value's pretty-printed text, as far as it goes.
enum Serialized {
    Text(String),
    /// Written down to the bracket that opens level [`MAX_DEPTH`].
    TooDeep(String),
    /// Longer than the limit: what was written is dropped.
    TooLarge,
}

/// A value's text, serialized into a buffer that refuses to grow past `limit` bytes.
fn serialize_within<T: Serialize + ?Sized>(value: &T, limit: usize) -> Serialized {
    let mut out = Bounded {
        bytes: Vec::with_capacity(256),
        limit,
        over: false,
    };
    let mut serializer = serde_json::Serializer::with_formatter(
        &mut out,
        DepthLimit {
            pretty: serde_json::ser::PrettyFormatter::new(),
            depth: 0,
        },
    );
    match value.serialize(&mut serializer) {
        Ok(()) => Serialized::Text(into_string(out.bytes)),
        Err(e) if e.is_io() && out.over => Serialized::TooLarge,
        Err(e) if e.is_io() => Serialized::TooDeep(into_string(out.bytes)),
        Err(e) => Serialized::Text(format!("<not serializable: {e}>")),
    }
}

/// A buffer that fails a write past `limit` bytes.
struct Bounded {
    bytes: Vec<u8>,
    limit: usize,
    over: bool,
}

impl std::io::Write for Bounded {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        if buf.len() > self.limit - self.bytes.len() {
            self.over = true;
            return Err(std::io::Error::other("over the size limit"));
        }
        self.bytes.extend_from_slice(buf);
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

fn into_string(bytes: Vec<u8>) -> String {
    String::from_utf8(bytes).unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned())
}

/// serde_json's serializer recurses once per level and has no limit of its own: this
/// formatter stops it at the bracket that opens level [`MAX_DEPTH`], so that a deep value
/// built in code cannot overflow the stack.
struct DepthLimit {
    pretty: serde_json::ser::PrettyFormatter<'static>,
    depth: usize,
}

impl DepthLimit {
    fn enter(&mut self) -> std::io::Result<()> {
        self.depth += 1;
        if self.depth >= MAX_DEPTH {
            return Err(std::io::Error::other("nested too deep"));
        }
        Ok(())
    }
}

impl serde_json::ser::Formatter for DepthLimit {
    fn begin_array<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.pretty.begin_array(w)?;
        self.enter()
    }

    fn end_array<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.depth -= 1;
        self.pretty.end_array(w)
    }

    fn begin_array_value<W: ?Sized + std::io::Write>(
        &mut self,
        w: &mut W,
        first: bool,
    ) -> std::io::Result<()> {
        self.pretty.begin_array_value(w, first)
    }

    fn end_array_value<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.pretty.end_array_value(w)
    }

    fn begin_object<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.pretty.begin_object(w)?;
        self.enter()
    }

    fn end_object<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.depth -= 1;
        self.pretty.end_object(w)
    }

    fn begin_object_key<W: ?Sized + std::io::Write>(
        &mut self,
        w: &mut W,
        first: bool,
    ) -> std::io::Result<()> {
        self.pretty.begin_object_key(w, first)
    }

    fn begin_object_value<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.pretty.begin_object_value(w)
    }

    fn end_object_value<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.pretty.end_object_value(w)
    }
}

/// Drops a value level by level: dropping a deep `Value` the usual way recurses once per level.
fn dismantle(value: Value) {
    let mut stack = vec![value];
    while let Some(value) = stack.pop() {
        match value {
            Value::Array(items) => stack.extend(items),
            Value::Object(members) => stack.extend(members.into_iter().map(|(_, v)| v)),
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_kind_has_one_model_that_reads_its_spec_example() {
        fn reads<T: Payload>(dir: &str) {
            let path = format!(
                "{}/tests/fixtures/spec/{}/{dir}",
                env!("CARGO_MANIFEST_DIR"),
                T::KIND
            );
            let mut read = 0;
            for entry in std::fs::read_dir(&path).unwrap() {
                let path = entry.unwrap().path();
                if path.extension().is_some_and(|e| e == "json") {
                    let text = std::fs::read_to_string(&path).unwrap();
                    if let Err(e) = from_str::<T>(&text) {
                        panic!("{}: {e:?}", path.display());
                    }
                    read += 1;
                }
            }
            assert!(read > 0, "no example in {path}");
        }
        reads::<model::CreateLeadOpportunityRequest>("");
        reads::<model::UpdateLeadOpportunityRequest>("");
        reads::<model::SearchLeadOpportunitiesRequest>("");
        reads::<model::GetLeadOpportunityResponse>("");
        reads::<model::CreateLeadOpportunityResponse>("");
        reads::<model::UpdateLeadOpportunityResponse>("");
        reads::<model::SearchLeadOpportunitiesResponse>("");
        reads::<model::ErrorResponse>("");
    }

    #[test]
    fn the_depth_limit_stops_at_serde_jsons_limit() {
        fn nested(levels: usize) -> Value {
            let mut value = Value::Null;
            for _ in 0..levels {
                value = Value::Array(vec![value]);
            }
            value
        }
        let (text, cut) = serialize(&nested(MAX_DEPTH - 1));
        assert!(!cut);
        assert!(serde_json::from_str::<Value>(&text).is_ok());
        let (text, cut) = serialize(&nested(MAX_DEPTH));
        assert!(cut);
        assert_eq!(text.matches('[').count(), MAX_DEPTH);
        assert!(text.trim_end().ends_with('['), "{text}");
    }
}
