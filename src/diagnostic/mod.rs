//! The one finding type every check produces ([`Diagnostic`], a plain owned struct, cheap to
//! move), the [`Report`] of one payload, and where findings are collected while a payload is
//! checked. Turning findings into text is `render`'s job; miette appears only there.

use std::borrow::Cow;

use crate::rule::{Rule, Severity};
use crate::source::Span;
use crate::text::escape_controls;

mod collector;
mod report;

pub(crate) use collector::Collector;
pub use collector::MAX_FINDINGS_PER_RULE;
pub use report::Report;

/// A secondary place in the source that explains the finding (e.g. the `status` that makes
/// a `forecastCategory` wrong).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Label {
    /// Where.
    pub span: Span,
    /// What this place has to do with the finding.
    pub message: String,
}

/// One finding in one payload.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// The rule that produced it (code, name, docs).
    pub rule: &'static Rule,
    /// Severity after configuration.
    pub severity: Severity,
    /// What is wrong, naming the field.
    pub message: String,
    /// JSON Pointer (RFC 6901) of the offending place; `""` is the whole payload.
    pub pointer: String,
    /// The exact bytes at fault: a value, a key, an enclosing object's brace or key, or the
    /// character where the JSON syntax breaks.
    pub span: Span,
    /// Short text shown under the span.
    pub label: String,
    /// Other places that explain the finding.
    pub secondary: Vec<Label>,
    /// What to write instead (allowed values, nearest value).
    pub help: Option<String>,
    /// Why DS cares: the spec section or the server error this prevents.
    pub note: Option<String>,
    /// Replacement text for `span` that fixes the finding, when one can be derived.
    pub suggestion: Option<String>,
}

impl Diagnostic {
    /// A finding of `rule` at its default severity, about the place `pointer` names (`""`
    /// for the whole payload) whose bytes are `span`. The wording follows in named steps:
    /// [`with_message`](Self::with_message) (required), [`with_label`](Self::with_label),
    /// [`with_help`](Self::with_help), ...
    pub fn new(rule: &'static Rule, pointer: impl Into<String>, span: Span) -> Self {
        Self {
            rule,
            severity: rule.default_severity,
            message: String::new(),
            pointer: pointer.into(),
            span,
            label: String::new(),
            secondary: Vec::new(),
            help: None,
            note: None,
            suggestion: None,
        }
    }

    /// The rule's stable code, e.g. `A4P101`.
    pub fn code(&self) -> &'static str {
        self.rule.code
    }

    /// The rule's stable kebab-case name, e.g. `enum-value`.
    pub fn rule_name(&self) -> &'static str {
        self.rule.name
    }

    /// Sets the severity.
    pub fn with_severity(mut self, severity: Severity) -> Self {
        self.severity = severity;
        self
    }

    /// Sets what is wrong, naming the field.
    pub fn with_message(mut self, message: impl Into<String>) -> Self {
        self.message = shown(message);
        self
    }

    /// Sets the short text shown under the span.
    pub fn with_label(mut self, label: impl Into<String>) -> Self {
        self.label = shown(label);
        self
    }

    /// Sets the help text.
    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(shown(help));
        self
    }

    /// Sets the note.
    pub fn with_note(mut self, note: impl Into<String>) -> Self {
        self.note = Some(shown(note));
        self
    }

    /// Sets the replacement text for the primary span.
    pub fn with_suggestion(mut self, suggestion: impl Into<String>) -> Self {
        self.suggestion = Some(suggestion.into());
        self
    }

    /// Sets a JSON string as the replacement for the primary span, encoded (quotes,
    /// escapes) as JSON so that the fixed payload still parses.
    pub fn with_string_suggestion(self, text: impl std::fmt::Display) -> Self {
        self.with_suggestion(serde_json::Value::from(text.to_string()).to_string())
    }

    /// Adds a secondary label.
    pub fn with_secondary(mut self, span: Span, message: impl Into<String>) -> Self {
        self.secondary.push(Label {
            span,
            message: shown(message),
        });
        self
    }
}

/// Text for people, as a finding holds it: messages, labels, help and notes quote values
/// from the payload and the configuration, which may hold control characters (a TOML `\e`,
/// a JSON `\u001b`). They are escaped as JSON escapes them, so that no input can drive the
/// terminal or the CI log that shows the finding; line breaks and tabs stay.
fn shown(text: impl Into<String>) -> String {
    let text = text.into();
    match escape_controls(&text, |c| c == '\n' || c == '\t') {
        Cow::Borrowed(_) => text,
        Cow::Owned(escaped) => escaped,
    }
}
