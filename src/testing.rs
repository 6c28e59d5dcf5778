//! Assertions for partners' own test suites: one line in a test that fails with the same
//! code frame the command line shows.
//!
//! ```
//! use api4p_lint::{assert_findings, assert_valid, PayloadKind};
//!
//! let payload = r#"{"leadOpportunity": {"partnerLeadOpportunityId": "CRM-1", "status": "QUALIFIED"}}"#;
//! assert_valid!(payload, PayloadKind::UpdateRequest);
//!
//! let typo = r#"{"leadOpportunity": {"partnerLeadOpportunityId": "CRM-1", "status": "WONN"}}"#;
//! assert_findings!(typo, PayloadKind::UpdateRequest, [("A4P101", "/leadOpportunity/status")]);
//! ```
//!
//! The payload may be text (`&str`, `String`), a `serde_json::Value`, or any `Serialize`
//! value (a CRM record, one of [`crate::model`]'s types): values are pretty-printed, and the
//! failure shows the spans in that text. Without a kind, the kind is detected from the shape;
//! an ambiguous shape (create vs update request) fails with finding A4P004.
//!
//! The function form returns `Result` for `?`: [`Expect::validate`], with the rendered report
//! as the error ([`LintFailure`]); the production entry points it builds on are in
//! [`crate::validate`].

use std::borrow::Cow;

use serde::Serialize;

use crate::config::{Config, Level};
use crate::diagnostic::Diagnostic;
use crate::kind::PayloadKind;
use crate::lint::Linter;
use crate::rule::Severity;
use crate::source::Source;
use crate::validate::{to_text, LintFailure};

/// What a validation tolerates: mirrors the configuration (`[rules]` levels) for tests.
#[derive(Debug, Clone, Default)]
pub struct Expect {
    config: Config,
    deny_warnings: bool,
    today: Option<jiff::civil::Date>,
}

impl Expect {
    /// Errors fail; warnings and infos pass.
    pub fn new() -> Self {
        Self::default()
    }

    /// Starts from a configuration (e.g. the project's `api4p-lint.toml`).
    pub fn with_config(config: Config) -> Self {
        Self {
            config,
            ..Self::default()
        }
    }

    /// Warnings fail too.
    pub fn deny_warnings(mut self) -> Self {
        self.deny_warnings = true;
        self
    }

    /// These rules (codes or names) do not run. Panics on an unknown rule: a typo here would
    /// silently test less.
    #[track_caller]
    pub fn ignore<'a>(mut self, rules: impl IntoIterator<Item = &'a str>) -> Self {
        for rule in rules {
            let found = crate::rules::find(rule)
                .unwrap_or_else(|| panic!("api4p-lint: no rule `{rule}` to ignore"));
            self.config.set_level(found, Level::Off);
        }
        self
    }

    /// Fixes "today" for the date rules.
    pub fn today(mut self, today: jiff::civil::Date) -> Self {
        self.today = Some(today);
        self
    }

    fn linter(&self) -> Linter {
        let linter = Linter::with_config(self.config.clone());
        match self.today {
            Some(today) => linter.with_today(today),
            None => linter,
        }
    }

    fn fails(&self, d: &Diagnostic) -> bool {
        d.severity == Severity::Error || (self.deny_warnings && d.severity == Severity::Warning)
    }

    /// Checks text; `Err` when a finding is an error (or a warning, with
    /// [`Expect::deny_warnings`]).
    pub fn validate(&self, text: &str, kind: Option<PayloadKind>) -> Result<(), LintFailure> {
        let (failure, failed) = self.run(text, kind);
        if failed {
            Err(failure)
        } else {
            Ok(())
        }
    }

    /// Checks `text` and returns every finding with its rendering, and whether they fail.
    fn run(&self, text: &str, kind: Option<PayloadKind>) -> (LintFailure, bool) {
        let report = self.linter().check(Source::new("payload", text), kind);
        let failed = report.diagnostics().iter().any(|d| self.fails(d));
        (LintFailure::new(report), failed)
    }

    /// The findings of `text`, for [`assert_findings!`](crate::assert_findings).
    pub fn findings(&self, text: &str, kind: Option<PayloadKind>) -> LintFailure {
        self.run(text, kind).0
    }
}

/// An expected finding: a rule (code or name), optionally at a pointer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Expected {
    /// Code (`A4P101`) or name (`enum-value`).
    pub rule: String,
    /// JSON Pointer, when the place matters.
    pub pointer: Option<String>,
}

impl From<&str> for Expected {
    fn from(rule: &str) -> Self {
        Expected {
            rule: rule.to_owned(),
            pointer: None,
        }
    }
}

impl From<(&str, &str)> for Expected {
    fn from((rule, pointer): (&str, &str)) -> Self {
        Expected {
            rule: rule.to_owned(),
            pointer: Some(pointer.to_owned()),
        }
    }
}

impl Expected {
    fn matches(&self, d: &Diagnostic) -> bool {
        (d.code().eq_ignore_ascii_case(&self.rule) || d.rule_name() == self.rule)
            && self.pointer.as_deref().is_none_or(|p| p == d.pointer)
    }
}

/// Compares findings with expectations, each expectation consuming one finding; returns the
/// failure message, if any.
pub fn compare_findings(found: &LintFailure, expected: &[Expected]) -> Result<(), String> {
    let mut left: Vec<&Diagnostic> = found.diagnostics().iter().collect();
    let mut missing = Vec::new();
    for e in expected {
        match left.iter().position(|d| e.matches(d)) {
            Some(i) => {
                left.remove(i);
            }
            None => missing.push(match &e.pointer {
                Some(p) => format!("{} at {p}", e.rule),
                None => e.rule.clone(),
            }),
        }
    }
    if missing.is_empty() && left.is_empty() {
        return Ok(());
    }
    let mut message = String::from("api4p-lint: the findings differ from the expected ones\n");
    if !missing.is_empty() {
        message.push_str(&format!("expected but not found: {}\n", missing.join(", ")));
    }
    if !left.is_empty() {
        let extra: Vec<_> = left
            .iter()
            .map(|d| format!("{} ({}) at {}", d.code(), d.rule_name(), d.pointer))
            .collect();
        message.push_str(&format!("found but not expected: {}\n", extra.join(", ")));
    }
    message.push('\n');
    message.push_str(found.rendered());
    Err(message)
}

/// The text of any payload the macros accept; text is taken as is, anything else
/// pretty-printed. Not for direct use.
#[doc(hidden)]
pub mod probe {
    use super::*;

    pub struct Probe<'a, T: ?Sized>(pub &'a T);

    pub trait ViaText<'a> {
        fn payload_text(&self) -> Cow<'a, str>;
    }

    impl<'a> ViaText<'a> for Probe<'a, str> {
        fn payload_text(&self) -> Cow<'a, str> {
            Cow::Borrowed(self.0)
        }
    }

    impl<'a> ViaText<'a> for Probe<'a, &str> {
        fn payload_text(&self) -> Cow<'a, str> {
            Cow::Borrowed(*self.0)
        }
    }

    impl<'a> ViaText<'a> for Probe<'a, String> {
        fn payload_text(&self) -> Cow<'a, str> {
            Cow::Borrowed(self.0.as_str())
        }
    }

    pub trait ViaSerialize<'a> {
        fn payload_text(&self) -> Cow<'a, str>;
    }

    impl<'a, T: Serialize + ?Sized> ViaSerialize<'a> for &Probe<'a, T> {
        fn payload_text(&self) -> Cow<'a, str> {
            Cow::Owned(to_text(self.0))
        }
    }
}

/// Fails the test unless the payload has no error (warnings and infos pass). The panic
/// message is the rendered report: codes, pointers, the payload's lines with labels under
/// the offending text, help.
///
/// ```
/// use api4p_lint::{assert_valid, PayloadKind};
/// let seed = include_str!("../tests/fixtures/spec/get-response/seed.json");
/// assert_valid!(seed);                                  // kind detected: get-response
/// assert_valid!(seed, PayloadKind::GetResponse);
/// let value: serde_json::Value = serde_json::from_str(seed).unwrap();
/// assert_valid!(value, PayloadKind::GetResponse);      // any Serialize value
/// ```
#[macro_export]
macro_rules! assert_valid {
    ($payload:expr $(,)?) => {
        $crate::assert_valid!(@with $crate::testing::Expect::new(), $payload, ::core::option::Option::None)
    };
    ($payload:expr, $kind:expr $(,)?) => {
        $crate::assert_valid!(@with $crate::testing::Expect::new(), $payload, ::core::option::Option::Some($kind))
    };
    (@with $expect:expr, $payload:expr, $kind:expr) => {
        // `match` keeps the payload's temporaries alive for the whole check.
        match &$payload {
            payload => {
                #[allow(unused_imports)]
                use $crate::testing::probe::{ViaSerialize as _, ViaText as _};
                let text = (&$crate::testing::probe::Probe(payload)).payload_text();
                if let ::core::result::Result::Err(failure) = $expect.validate(&text, $kind) {
                    ::core::panic!("api4p-lint: the payload is not valid\n\n{}", failure);
                }
            }
        }
    };
}

/// Like [`assert_valid!`](crate::assert_valid), but warnings fail too.
///
/// ```should_panic
/// use api4p_lint::{assert_valid_strict, PayloadKind};
/// // `customerContact` is the GET response's spelling: in a request DS ignores it (warning).
/// assert_valid_strict!(
///     r#"{"leadOpportunity": {"partnerLeadOpportunityId": "CRM-1"}, "customerContact": []}"#,
///     PayloadKind::UpdateRequest
/// );
/// ```
#[macro_export]
macro_rules! assert_valid_strict {
    ($payload:expr $(,)?) => {
        $crate::assert_valid!(@with $crate::testing::Expect::new().deny_warnings(), $payload, ::core::option::Option::None)
    };
    ($payload:expr, $kind:expr $(,)?) => {
        $crate::assert_valid!(@with $crate::testing::Expect::new().deny_warnings(), $payload, ::core::option::Option::Some($kind))
    };
}

/// Fails the test unless the payload has exactly the expected findings (any severity): each
/// expectation is a rule code or name, or a `(rule, pointer)` pair.
///
/// ```
/// use api4p_lint::{assert_findings, PayloadKind};
/// let payload = r#"{"leadOpportunity": {"partnerLeadOpportunityId": "CRM-1", "status": "WONN"}, "customerContact": []}"#;
/// assert_findings!(payload, PayloadKind::UpdateRequest, ["enum-value", ("A4P103", "/customerContact")]);
/// ```
#[macro_export]
macro_rules! assert_findings {
    ($payload:expr, $kind:expr, [$($expected:expr),* $(,)?] $(,)?) => {
        match &$payload {
            payload => {
                #[allow(unused_imports)]
                use $crate::testing::probe::{ViaSerialize as _, ViaText as _};
                let text = (&$crate::testing::probe::Probe(payload)).payload_text();
                let kind: ::core::option::Option<$crate::PayloadKind> =
                    ::core::convert::Into::into($kind);
                let found = $crate::testing::Expect::new().findings(&text, kind);
                let expected: ::std::vec::Vec<$crate::testing::Expected> =
                    ::std::vec![$(::core::convert::Into::into($expected)),*];
                if let ::core::result::Result::Err(message) =
                    $crate::testing::compare_findings(&found, &expected)
                {
                    ::core::panic!("{}", message);
                }
            }
        }
    };
}
