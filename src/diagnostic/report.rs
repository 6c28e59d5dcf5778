//! The findings of one payload, with the source they point into.

use super::Diagnostic;
use crate::kind::PayloadKind;
use crate::rule::Severity;
use crate::source::Source;

/// The findings for one payload, with the source they point into.
#[derive(Debug, Clone)]
pub struct Report<'a> {
    source: Source<'a>,
    kind: Option<PayloadKind>,
    kind_detected: bool,
    diagnostics: Vec<Diagnostic>,
}

impl<'a> Report<'a> {
    /// A report of `diagnostics` over `source`.
    // Hidden: a report comes from a `Linter`. Public for the binary (`src/cli/check/`: files
    // that cannot be read, NDJSON lines), the benches and the tests that render whole runs
    // (`formats`, `limits`, `locations`, `terminal_safety`).
    #[doc(hidden)]
    pub fn new(
        source: Source<'a>,
        kind: Option<PayloadKind>,
        diagnostics: Vec<Diagnostic>,
    ) -> Self {
        Self {
            source,
            kind,
            kind_detected: false,
            diagnostics,
        }
    }

    /// Says whether the kind was detected from the payload's shape rather than given.
    pub fn with_kind_detected(mut self, detected: bool) -> Self {
        self.kind_detected = detected;
        self
    }

    /// Whether [`Report::kind`] was detected from the payload's shape (no kind was given: no
    /// `--kind`, no `[kinds]` glob, `None` to [`crate::Linter::check`]).
    pub fn kind_detected(&self) -> bool {
        self.kind_detected
    }

    /// The checked source.
    pub fn source(&self) -> &Source<'a> {
        &self.source
    }

    /// The kind the payload was checked as (`None` if it could not be known).
    pub fn kind(&self) -> Option<PayloadKind> {
        self.kind
    }

    /// The findings, in source order.
    pub fn diagnostics(&self) -> &[Diagnostic] {
        &self.diagnostics
    }

    /// The findings, to reword them (an entry point's advice, a test helper's).
    pub(crate) fn diagnostics_mut(&mut self) -> &mut [Diagnostic] {
        &mut self.diagnostics
    }

    /// Consumes the report, keeping the findings.
    pub fn into_diagnostics(self) -> Vec<Diagnostic> {
        self.diagnostics
    }

    /// How many findings have `severity`.
    pub fn count(&self, severity: Severity) -> usize {
        self.diagnostics
            .iter()
            .filter(|d| d.severity == severity)
            .count()
    }

    /// Whether any finding is an error.
    pub fn has_errors(&self) -> bool {
        self.count(Severity::Error) > 0
    }

    /// Whether there is no finding at all.
    pub fn is_clean(&self) -> bool {
        self.diagnostics.is_empty()
    }
}
