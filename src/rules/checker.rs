//! What a semantic rule sees: the payload as parsed (a lenient view: whatever fields are
//! there, whatever their types), where things are, the configuration, and a way to report
//! what it found. Spans are looked up only when a rule reports something.
//!
//! A rule reports in named steps, starting from the place it found something at:
//!
//! ```ignore
//! cx.at_value(&pointer)
//!     .field_message(format!("{category} does not fit status {status}"))
//!     .label(format!("not allowed with status {status}"))
//!     .secondary(&status_pointer, format!("status is {status} here"))
//!     .help(help)
//!     .report();
//! ```

use std::borrow::Cow;

use serde_json::{Map, Value};

use crate::config::Config;
use crate::diagnostic::{Applicability, Collector, Diagnostic, Fix};
use crate::kind::PayloadKind;
use crate::pointer::display_path;
use crate::rule::{Rule, Severity};
use crate::source::{Locator, Span};

/// The context of one semantic rule run on one payload.
pub struct Checker<'a> {
    rule: &'static Rule,
    kind: PayloadKind,
    root: &'a Value,
    config: &'a Config,
    now: jiff::Timestamp,
    today: jiff::civil::Date,
    locate: &'a Locator<'a>,
    out: &'a mut Collector,
}

impl<'a> Checker<'a> {
    pub(crate) fn new(
        rule: &'static Rule,
        kind: PayloadKind,
        root: &'a Value,
        config: &'a Config,
        now: jiff::Timestamp,
        locate: &'a Locator<'a>,
        out: &'a mut Collector,
    ) -> Self {
        Self {
            rule,
            kind,
            root,
            config,
            now,
            today: jiff::tz::Offset::UTC.to_datetime(now).date(),
            locate,
            out,
        }
    }

    /// The kind the payload is checked as.
    pub fn kind(&self) -> PayloadKind {
        self.kind
    }

    /// The whole payload.
    pub fn root(&self) -> &'a Value {
        self.root
    }

    /// The value at a JSON Pointer, if there is one.
    pub fn at(&self, pointer: &str) -> Option<&'a Value> {
        crate::pointer::lookup(self.root, pointer)
    }

    /// The text of the value at `pointer` as the payload writes it (a number's every digit,
    /// which the parsed value may have rounded to an `f64`). Builds the span index: for a
    /// rule that has a finding, never on a valid payload's path.
    pub(crate) fn written(&self, pointer: &str) -> Option<&'a str> {
        self.locate.written(pointer)
    }

    /// The fix that removes the member at `pointer`, with the comma and whitespace that part
    /// it from its neighbours, graded `applicability`; `None` when `pointer` names no member.
    pub(crate) fn member_removal(
        &self,
        pointer: &str,
        applicability: Applicability,
    ) -> Option<Fix> {
        let span = self.locate.member(pointer)?;
        Some(Fix::new(
            applicability,
            crate::diagnostic::Edit::delete(span),
        ))
    }

    /// The configuration.
    pub fn config(&self) -> &'a Config {
        self.config
    }

    /// Today's date (UTC): the date of [`Checker::now`].
    pub fn today(&self) -> jiff::civil::Date {
        self.today
    }

    /// The current instant: the system clock's when the check began, or the one the
    /// configuration or the linter pins (midnight UTC of a pinned `today`).
    pub fn now(&self) -> jiff::Timestamp {
        self.now
    }

    /// The lead-opportunity object and its pointer: `/leadOpportunity` in requests,
    /// `/data/leadOpportunity` in the GET response.
    pub fn lead_opportunity(&self) -> Option<(&'static str, &'a Map<String, Value>)> {
        let pointer = match self.kind {
            PayloadKind::CreateRequest | PayloadKind::UpdateRequest => "/leadOpportunity",
            PayloadKind::GetResponse => "/data/leadOpportunity",
            _ => return None,
        };
        Some((pointer, self.at(pointer)?.as_object()?))
    }

    /// The pointer of a member of the lead-opportunity payload that requests and the GET
    /// response place differently: `offerLines`, `customerLegalEntity`, and the contacts
    /// (`customerContacts`/`partnerContacts` in requests, `customerContact`/`partnerContact`
    /// in the GET response). Pass the request spelling. Borrowed (no allocation) for those
    /// four members.
    pub fn member_pointer(&self, request_name: &str) -> Option<Cow<'static, str>> {
        let request = matches!(
            self.kind,
            PayloadKind::CreateRequest | PayloadKind::UpdateRequest
        );
        if !request && self.kind != PayloadKind::GetResponse {
            return None;
        }
        let known = match (request, request_name) {
            (true, "offerLines") => Some("/offerLines"),
            (true, "customerLegalEntity") => Some("/customerLegalEntity"),
            (true, "customerContacts") => Some("/customerContacts"),
            (true, "partnerContacts") => Some("/partnerContacts"),
            (false, "offerLines") => Some("/data/leadOpportunity/offerLines"),
            (false, "customerLegalEntity") => Some("/data/leadOpportunity/customerLegalEntity"),
            (false, "customerContacts") => Some("/data/leadOpportunity/customerContact"),
            (false, "partnerContacts") => Some("/data/leadOpportunity/partnerContact"),
            _ => None,
        };
        if let Some(pointer) = known {
            return Some(Cow::Borrowed(pointer));
        }
        Some(Cow::Owned(if request {
            format!("/{request_name}")
        } else {
            let name = request_name
                .strip_suffix("Contacts")
                .map_or_else(|| request_name.to_owned(), |stem| format!("{stem}Contact"));
            format!("/data/leadOpportunity/{name}")
        }))
    }

    /// Starts a finding of the running rule about the value at `pointer`.
    pub fn at_value(&mut self, pointer: impl Into<String>) -> NewFinding<'_, 'a> {
        let pointer = pointer.into();
        let span = self.locate.value(&pointer);
        self.start(pointer, span)
    }

    /// Starts a finding of the running rule about the key of the member at `pointer` (a
    /// member that should not be there, or is misspelled).
    pub fn at_key(&mut self, pointer: impl Into<String>) -> NewFinding<'_, 'a> {
        let pointer = pointer.into();
        let span = self.locate.key(&pointer);
        self.start(pointer, span)
    }

    /// Starts a finding of the running rule about the object at `pointer` as a whole
    /// ("this object lacks something"): its key when it is a member, else its opening brace.
    pub fn at_object(&mut self, pointer: impl Into<String>) -> NewFinding<'_, 'a> {
        let pointer = pointer.into();
        let span = self.locate.object(&pointer);
        self.start(pointer, span)
    }

    fn start(&mut self, pointer: String, span: Span) -> NewFinding<'_, 'a> {
        NewFinding {
            diagnostic: Diagnostic::new(self.rule, pointer, span),
            checker: self,
        }
    }
}

/// A finding being written: the place is known, the wording comes in named steps, and
/// [`NewFinding::report`] records it.
#[must_use = "a finding is recorded only by `report()`"]
pub struct NewFinding<'c, 'a> {
    checker: &'c mut Checker<'a>,
    diagnostic: Diagnostic,
}

impl NewFinding<'_, '_> {
    /// What is wrong with the field, said after its name: `field_message("is empty")`
    /// reads "`offerLines[0].amount` is empty".
    pub fn field_message(self, what: impl std::fmt::Display) -> Self {
        let text = format!(
            "{} {what}",
            crate::pointer::code_path(&self.diagnostic.pointer)
        );
        self.message(text)
    }

    /// What is wrong, written around the place as people read it (`offerLines[0].amount`)
    /// where the field does not come first: "negative amount -5 in `offerLines[0].amount`".
    pub fn message_with(self, message: impl FnOnce(&str) -> String) -> Self {
        let text = message(&display_path(&self.diagnostic.pointer));
        self.message(text)
    }

    /// What is wrong, naming the field.
    pub fn message(mut self, message: impl Into<String>) -> Self {
        self.diagnostic = self.diagnostic.with_message(message);
        self
    }

    /// The short text under the span.
    pub fn label(mut self, label: impl Into<String>) -> Self {
        self.diagnostic = self.diagnostic.with_label(label);
        self
    }

    /// A secondary label at the value at `pointer`: the other place that explains the
    /// finding (the `status` that makes a `forecastCategory` wrong).
    pub fn secondary(mut self, pointer: &str, message: impl Into<String>) -> Self {
        let span = self.checker.locate.value(pointer);
        self.diagnostic = self.diagnostic.with_secondary(span, message);
        self
    }

    /// What to write instead.
    pub fn help(mut self, help: impl Into<String>) -> Self {
        self.diagnostic = self.diagnostic.with_help(help);
        self
    }

    /// Why DS cares: the spec section or the server error this prevents.
    pub fn note(mut self, note: impl Into<String>) -> Self {
        self.diagnostic = self.diagnostic.with_note(note);
        self
    }

    /// The string to write in place of the span, when one can be derived: encoded (quotes,
    /// escapes) as JSON, so the fixed payload still parses.
    pub fn suggest_string(mut self, text: impl std::fmt::Display) -> Self {
        self.diagnostic = self.diagnostic.with_string_suggestion(text);
        self
    }

    /// The JSON text to write in place of the span (a number, `null`), as is.
    pub fn suggest(mut self, replacement: impl Into<String>) -> Self {
        self.diagnostic = self.diagnostic.with_suggestion(replacement);
        self
    }

    /// Marks the suggestion as a safe fix: the fixed payload surely says what its author
    /// meant (`upfront` → `UPFRONT`), so `--fix` applies it.
    pub fn safe_fix(mut self) -> Self {
        self.diagnostic = self.diagnostic.with_applicability(Applicability::Safe);
        self
    }

    /// Marks the suggestion as an unsafe fix: a judgement (`WONN` → `WON`), applied only with
    /// `--unsafe-fixes`.
    pub fn unsafe_fix(mut self) -> Self {
        self.diagnostic = self.diagnostic.with_applicability(Applicability::Unsafe);
        self
    }

    /// A fix whose edits are not the replacement of the finding's span; `payload`: its
    /// edits write payload data, which a redacted report drops. (Not `fix`: the layers test
    /// tells methods by name, and `Linter::fix` is a layer above the rules.)
    pub fn with_fix(mut self, fix: Fix, payload: bool) -> Self {
        self.diagnostic = self.diagnostic.with_fix(fix, payload);
        self
    }

    /// A severity other than the rule's default (a softer case of the same rule).
    pub fn severity(mut self, severity: Severity) -> Self {
        self.diagnostic = self.diagnostic.with_severity(severity);
        self
    }

    /// Records the finding.
    pub fn report(self) {
        self.checker.out.push(self.diagnostic);
    }
}
