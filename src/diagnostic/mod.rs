//! The one finding type every check produces ([`Diagnostic`], a plain owned struct, cheap to
//! move), the [`Report`] of one payload, and where findings are collected while a payload is
//! checked. A `Diagnostic` holds no text of the payload and knows nothing of miette: a
//! finding with its code frame, a `miette::Diagnostic`, is a [`Finding`](crate::Finding)
//! ([`Report::findings`], [`Error::findings`](crate::Error::findings)), and a report becomes
//! text with [`Report::render`].

use std::borrow::Cow;

use crate::rule::{Rule, Severity};
use crate::source::Span;
use crate::text::{escape_controls, unmark};

mod collector;
mod fix;
mod report;

pub(crate) use collector::{BeyondCap, Collector, MAX_FINDINGS_PER_RULE};
pub use fix::{apply_edits, Applicability, Edit, Fix};
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
    /// The edits that fix the finding and how sure they are: the suggestion as an edit of
    /// `span`, or edits elsewhere (a trailing comma removed, a duplicate member deleted).
    pub fix: Option<Fix>,
    /// The redacted wording of the texts above that quote payload data
    /// ([`crate::text::payload`]); `None` when none does.
    redacted: Option<Box<Redacted>>,
    /// For the finding that stands for those of its rule past the per-rule cap
    /// ([`Collector`]): how many it stands for; 0 for any other finding. Fixing reads it: a
    /// finding not kept before a fix is not one the fix added.
    not_kept: usize,
    /// It stands for the schema errors past those examined (an A4P107 at the root): fixing
    /// reads it, since a finding the schema's examination did not reach before a fix is not
    /// one the fix added.
    unexamined: bool,
    /// Once redacted, the [`fingerprint`] of the message as it was worded before: a
    /// finding's identity in a baseline, the same whether or not a run redacts, without
    /// keeping the payload data the plain message quotes.
    plain_message: Option<u64>,
}

/// FNV-1a, 64 bits: a hash that is the same on every platform, run and release (a baseline
/// file stores what is derived from it). The digits of an array index (`offerLines[3]`) are
/// left out: a finding whose item moved (an offer line inserted before it) is worded the
/// same but for its index, and is the same finding.
fn fingerprint(text: &str) -> u64 {
    let bytes = text.as_bytes();
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    let mut i = 0;
    while let Some(&byte) = bytes.get(i) {
        hash = (hash ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3);
        i += 1;
        if byte == b'[' {
            let digits = bytes[i..].iter().take_while(|b| b.is_ascii_digit()).count();
            if digits > 0 && bytes.get(i + digits) == Some(&b']') {
                i += digits;
            }
        }
    }
    hash
}

/// A finding's texts with every quote of payload data replaced by
/// [`crate::text::REDACTED`]: written alongside the plain texts, by the same steps, so that
/// redacting never searches finished sentences for values (which a cut, an escape or a
/// rewritten value would defeat).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
struct Redacted {
    message: Option<String>,
    label: Option<String>,
    /// By index in `secondary`.
    secondary: Vec<(usize, String)>,
    help: Option<String>,
    note: Option<String>,
    /// The suggestion is payload data (a fixed address, a rewritten date): dropped, with
    /// the fix that writes it.
    suggestion: bool,
}

impl Diagnostic {
    // Hidden: how rules word a finding. Public for the binary (`src/cli/check/`: a line or
    // file that cannot be read becomes a finding) and `tests/formats.rs`.
    #[doc(hidden)]
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
            fix: None,
            redacted: None,
            not_kept: 0,
            unexamined: false,
            plain_message: None,
        }
    }

    /// This finding, standing for the schema errors past those examined.
    pub(crate) fn standing_for_unexamined(mut self) -> Self {
        self.unexamined = true;
        self
    }

    /// Whether it stands for the schema errors past those examined.
    pub(crate) fn is_unexamined(&self) -> bool {
        self.unexamined
    }

    /// How many findings of its rule this one stands for, not kept past the per-rule cap; 0
    /// for a finding of its own.
    pub(crate) fn not_kept(&self) -> usize {
        self.not_kept
    }

    // Hidden: the baseline's identity of a finding (`src/cli/check/baseline.rs`).
    #[doc(hidden)]
    /// A hash of the message as worded before redaction (the same for a redacted finding
    /// and its plain self): two findings whose messages differ are different findings.
    pub fn plain_message_fingerprint(&self) -> u64 {
        self.plain_message
            .unwrap_or_else(|| fingerprint(&self.message))
    }

    fn redacted_texts(&mut self) -> &mut Redacted {
        self.redacted.get_or_insert_with(Box::default)
    }

    fn suggestion_is_payload(&mut self, payload: bool) {
        if payload {
            self.redacted_texts().suggestion = true;
        } else if let Some(redacted) = self.redacted.as_mut() {
            redacted.suggestion = false;
        }
    }

    /// Replaces every quote of payload data in the texts by `<redacted>`, and
    /// drops a suggestion made of payload data and its fix (suggested codes stay): what
    /// [`Linter::with_redaction`](crate::Linter::with_redaction) does to every finding.
    pub fn redact(&mut self) {
        let Some(redacted) = self.redacted.take() else {
            return;
        };
        let Redacted {
            message,
            label,
            secondary,
            help,
            note,
            suggestion,
        } = *redacted;
        if let Some(message) = message {
            self.plain_message = Some(fingerprint(&self.message));
            self.message = message;
        }
        if let Some(label) = label {
            self.label = label;
        }
        for (index, message) in secondary {
            self.secondary[index].message = message;
        }
        if help.is_some() {
            self.help = help;
        }
        if note.is_some() {
            self.note = note;
        }
        if suggestion {
            self.suggestion = None;
            self.fix = None;
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

    // Hidden as `Diagnostic::new`.
    #[doc(hidden)]
    /// Sets what is wrong, naming the field.
    pub fn with_message(mut self, message: impl Into<String>) -> Self {
        let (message, redacted) = shown(message);
        self.message = message;
        if redacted.is_some() {
            self.redacted_texts().message = redacted;
        }
        self
    }

    // Hidden as `Diagnostic::new`.
    #[doc(hidden)]
    /// Sets the short text shown under the span.
    pub fn with_label(mut self, label: impl Into<String>) -> Self {
        let (label, redacted) = shown(label);
        self.label = label;
        if redacted.is_some() {
            self.redacted_texts().label = redacted;
        }
        self
    }

    // Hidden as `Diagnostic::new`.
    #[doc(hidden)]
    /// Sets the help text.
    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        let (help, redacted) = shown(help);
        self.help = Some(help);
        if redacted.is_some() {
            self.redacted_texts().help = redacted;
        }
        self
    }

    /// Sets the note.
    pub(crate) fn with_note(mut self, note: impl Into<String>) -> Self {
        let (note, redacted) = shown(note);
        self.note = Some(note);
        if redacted.is_some() {
            self.redacted_texts().note = redacted;
        }
        self
    }

    /// Sets the replacement text for the primary span, and the fix that writes it, a hint
    /// only ([`Applicability::DisplayOnly`]) until [`with_applicability`](Self::with_applicability)
    /// says how sure it is. Payload data in it (marked as such where a rule writes it) makes
    /// a redacted report drop both.
    pub(crate) fn with_suggestion(mut self, suggestion: impl Into<String>) -> Self {
        let (suggestion, redacted) = unmark(suggestion.into());
        self.set_suggestion(suggestion, redacted.is_some());
        self
    }

    /// Sets a JSON string as the replacement for the primary span, encoded (quotes,
    /// escapes) as JSON so that the fixed payload still parses.
    pub(crate) fn with_string_suggestion(mut self, text: impl std::fmt::Display) -> Self {
        let (text, redacted) = unmark(text.to_string());
        self.set_suggestion(
            serde_json::Value::from(text).to_string(),
            redacted.is_some(),
        );
        self
    }

    fn set_suggestion(&mut self, suggestion: String, payload: bool) {
        let applicability = self
            .fix
            .as_ref()
            .map_or(Applicability::DisplayOnly, |f| f.applicability);
        self.fix = Some(Fix::new(
            applicability,
            Edit::replace(self.span, suggestion.clone()),
        ));
        self.suggestion = Some(suggestion);
        self.suggestion_is_payload(payload);
    }

    /// Sets how sure the fix is (the suggestion's, or one set by [`with_fix`](Self::with_fix)).
    pub(crate) fn with_applicability(mut self, applicability: Applicability) -> Self {
        if let Some(fix) = self.fix.as_mut() {
            fix.applicability = applicability;
        }
        self
    }

    /// Sets a fix whose edits are not the primary span's replacement (a trailing comma
    /// removed, a duplicate member deleted). `payload`: its edits write payload data (a
    /// redacted report drops it).
    pub(crate) fn with_fix(mut self, fix: Fix, payload: bool) -> Self {
        self.fix = Some(fix);
        if payload {
            self.suggestion_is_payload(true);
        }
        self
    }

    /// Adds a secondary label.
    pub(crate) fn with_secondary(mut self, span: Span, message: impl Into<String>) -> Self {
        let (message, redacted) = shown(message);
        if let Some(redacted) = redacted {
            let index = self.secondary.len();
            self.redacted_texts().secondary.push((index, redacted));
        }
        self.secondary.push(Label { span, message });
        self
    }
}

/// Text for people, as a finding holds it: messages, labels, help and notes quote values
/// from the payload and the configuration, which may hold control characters (a TOML `\e`,
/// a JSON `\u001b`). They are escaped as JSON escapes them, so that no input can drive the
/// terminal or the CI log that shows the finding; line breaks and tabs stay. Returns the
/// plain text and, when it quotes payload data, its redacted wording ([`unmark`]).
fn shown(text: impl Into<String>) -> (String, Option<String>) {
    let escape = |text: String| match escape_controls(&text, |c| c == '\n' || c == '\t') {
        Cow::Borrowed(_) => text,
        Cow::Owned(escaped) => escaped,
    };
    let (plain, redacted) = unmark(text.into());
    (escape(plain), redacted.map(escape))
}

#[cfg(test)]
mod tests {
    use super::fingerprint;

    #[test]
    fn a_fingerprint_leaves_out_array_indices_only() {
        let at =
            |i: &str| fingerprint(&format!("invalid value \"x\" for `offerLines[{i}].amount`"));
        assert_eq!(at("0"), at("1207"));
        assert_ne!(at("0"), at("a"));
        assert_ne!(fingerprint("[1"), fingerprint("[2"));
        assert_ne!(fingerprint("a1]"), fingerprint("a2]"));
        assert_ne!(fingerprint("x 1"), fingerprint("x 2"));
        // FNV-1a of the bytes as they are, otherwise: baselines store what derives from it.
        assert_eq!(fingerprint(""), 0xcbf2_9ce4_8422_2325);
        assert_eq!(fingerprint("a"), 0xaf63_dc4c_8601_ec8c);
    }
}
