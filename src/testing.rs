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
//! failure shows the spans in that text. A model's kind is its type's ([`Payload::KIND`]): a
//! model given with another kind panics, naming both, rather than checking a payload the code
//! never sends. For anything else without a kind, the kind is detected from the shape, and an
//! ambiguous shape (create vs update request) fails with finding A4P004, whose help names the
//! argument to add.
//!
//! The function forms return `Result` for `?`: [`Expect::validate`] and [`Expect::check`],
//! with [`Error`] (the findings and their code frames) as the error; the production entry
//! points they build on are in [`crate::validate`].
//!
//! A rule named in an expectation or in [`Expect::ignore`] must exist: a typo panics, naming
//! the nearest rule, rather than silently testing less.

use std::borrow::Cow;

use serde::Serialize;

use crate::config::{Config, Level};
use crate::diagnostic::{Applicability, Diagnostic, Report};
use crate::fix::Fixed;
use crate::kind::PayloadKind;
use crate::lint::Linter;
use crate::rule::{Rule, Severity};
use crate::source::Source;
use crate::validate::{advise_kind, to_text, Error, Payload, Validator};

/// What a validation tolerates: mirrors the configuration (`[rules]` levels) for tests.
///
/// ```
/// use api4p_lint::testing::Expect;
/// use api4p_lint::PayloadKind;
///
/// // `customerContact` is the GET response's spelling: DS ignores it in a request (warning).
/// let body = r#"{"leadOpportunity": {"partnerLeadOpportunityId": "CRM-1"}, "customerContact": []}"#;
/// let strict = Expect::new().deny_warnings();
/// assert!(strict.validate(body, Some(PayloadKind::UpdateRequest)).is_err());
/// assert!(strict.ignore(["unknown-property"]).validate(body, Some(PayloadKind::UpdateRequest)).is_ok());
/// ```
#[derive(Debug, Clone, Default)]
pub struct Expect {
    config: Config,
    deny_warnings: bool,
    now: Option<jiff::Timestamp>,
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

    /// These rules (codes or names) do not run. Panics on an unknown rule, naming the nearest
    /// one: a typo here would silently test less. Panics too on a rule that says a payload
    /// was not checked (`invalid-json`, `invalid-encoding`, `payload-too-large`,
    /// `unknown-kind`): ignored, anything (`[1]`, `{}`) would pass (see
    /// [`Config::set_level`]).
    ///
    /// ```should_panic
    /// # use api4p_lint::testing::Expect;
    /// // panics: "no rule `unknown-propery` ... did you mean `unknown-property` (A4P103)?"
    /// Expect::new().ignore(["unknown-propery"]);
    /// ```
    #[track_caller]
    pub fn ignore<'a>(mut self, rules: impl IntoIterator<Item = &'a str>) -> Self {
        for rule in rules {
            match crate::rules::find(rule) {
                Some(found) => {
                    if let Err(refused) = self.config.set_level(found, Level::Off) {
                        panic!("api4p-lint: `Expect::ignore` cannot ignore it: {refused}");
                    }
                }
                None => panic!("{}", no_rule("`Expect::ignore` names", rule)),
            }
        }
        self
    }

    /// Fixes "today" for the date rules: the clock stands at midnight UTC at the start of
    /// that day, so a date-time later that day is in the future ([`Linter::with_today`]).
    pub fn today(mut self, today: jiff::civil::Date) -> Self {
        self.now = Some(crate::config::midnight_utc(today));
        self
    }

    /// Fixes "now" for the date rules, and "today" with it ([`Linter::with_now`]): for an
    /// order search whose `from` is later today.
    pub fn now(mut self, now: jiff::Timestamp) -> Self {
        self.now = Some(now);
        self
    }

    fn linter(&self) -> Linter {
        let linter = Linter::with_config(self.config.clone());
        match self.now {
            Some(now) => linter.with_now(now),
            None => linter,
        }
    }

    fn fail_at(&self) -> Severity {
        if self.deny_warnings {
            Severity::Warning
        } else {
            Severity::Error
        }
    }

    /// The production entry points with these settings.
    pub fn validator(&self) -> Validator {
        Validator::with_linter(self.linter()).fail_at(self.fail_at())
    }

    /// Checks text; `Err` when a finding is an error (or a warning, with
    /// [`Expect::deny_warnings`]).
    pub fn validate(&self, text: &str, kind: Option<PayloadKind>) -> Result<(), Error> {
        let mut report = self.findings(text, kind);
        if kind.is_none() {
            advise_kind(&mut report, text.as_bytes(), |k| {
                format!("`Expect::validate(text, Some(PayloadKind::{k}))`")
            });
        }
        match Error::from_report_at(report, self.fail_at()) {
            Some(error) => Err(error),
            None => Ok(()),
        }
    }

    /// Checks a model as its type's kind; `Err` as [`Expect::validate`].
    pub fn check<T: Payload>(&self, payload: &T) -> Result<(), Error> {
        self.validator().check(payload)
    }

    /// Every finding of `text`, whatever its severity: what
    /// [`assert_findings!`](crate::assert_findings) compares.
    pub fn findings<'a>(&self, text: &'a str, kind: Option<PayloadKind>) -> Report<'a> {
        self.linter()
            .check(Source::new(crate::source::PAYLOAD_NAME, text), kind)
    }

    /// What [`assert_valid!`](crate::assert_valid) runs: panics with the rendered report.
    /// `call` is how the macro is written with a kind (`"assert_valid!(payload, "`), for the
    /// advice of an unknown kind. Not for direct use.
    #[doc(hidden)]
    #[track_caller]
    pub fn assert_valid(&self, text: &str, kind: Option<PayloadKind>, call: &str) {
        let mut report = self.findings(text, kind);
        if kind.is_none() {
            advise_kind(&mut report, text.as_bytes(), |k| {
                format!("`{call}PayloadKind::{k})`")
            });
        }
        // The advice, on a line of its own: the code frame's help is wrapped at 80 columns.
        let advice = unknown_kind_advice(&report);
        if let Some(error) = Error::from_report_at(report, self.fail_at()) {
            panic!(
                "api4p-lint: the payload is not valid{advice}\n\n{}",
                error.rendered()
            );
        }
    }

    /// `text` fixed at `applicability` (see [`crate::fix`]): the fixed text, what was applied,
    /// what was refused and what remains.
    pub fn fix(
        &self,
        text: &str,
        kind: Option<PayloadKind>,
        applicability: Applicability,
    ) -> Fixed {
        self.linter().fix(
            Source::new(crate::source::PAYLOAD_NAME, text),
            kind,
            applicability,
        )
    }

    /// What [`assert_fixes!`](crate::assert_fixes) runs: panics unless `text` fixes to
    /// `expected` at `applicability`, and fixing `expected` again changes nothing. Not for
    /// direct use.
    #[doc(hidden)]
    #[track_caller]
    pub fn assert_fixes(
        &self,
        text: &str,
        kind: Option<PayloadKind>,
        applicability: Applicability,
        expected: &str,
    ) {
        let fixed = self.fix(text, kind, applicability);
        if fixed.text != expected {
            panic!(
                "api4p-lint: the payload does not fix ({applicability} fixes) to the expected text\n\
                 {}\n--- expected\n{expected}\n--- fixed\n{}\n",
                fix_story(&fixed),
                fixed.text
            );
        }
        let again = self.fix(expected, kind, applicability);
        if again.changed() {
            panic!(
                "api4p-lint: fixing the fixed text ({applicability} fixes) changes it again\n{}\n\
                 --- fixed once\n{expected}\n--- fixed twice\n{}\n",
                fix_story(&again),
                again.text
            );
        }
    }

    /// What [`assert_findings!`](crate::assert_findings) runs: panics unless the findings are
    /// the expected ones. Not for direct use.
    #[doc(hidden)]
    #[track_caller]
    pub fn assert_findings(
        &self,
        text: &str,
        kind: Option<PayloadKind>,
        expected: &[Expected],
        call: &str,
    ) {
        let mut report = self.findings(text, kind);
        if kind.is_none() {
            advise_kind(&mut report, text.as_bytes(), |k| {
                format!("`{call}PayloadKind::{k}, [..])`")
            });
        }
        let advice = unknown_kind_advice(&report);
        if let Err(message) = compare_findings(&report, expected) {
            match message.split_once('\n') {
                Some((first, rest)) if !advice.is_empty() => panic!("{first}{advice}\n{rest}"),
                _ => panic!("{message}"),
            }
        }
    }
}

/// `: pass the kind: ...`, the help of an unknown kind's finding, or nothing.
fn unknown_kind_advice(report: &Report<'_>) -> String {
    report
        .diagnostics()
        .iter()
        .find(|d| d.code() == crate::rules::syntax::unknown_kind::UNKNOWN_KIND.code)
        .and_then(|d| d.help.as_deref())
        .map(|help| format!("; its kind is not known: {help}"))
        .unwrap_or_default()
}

/// The message for a rule that does not exist, with the nearest one.
fn no_rule(context: &str, rule: &str) -> String {
    let rules = || crate::rules::RULES.iter().copied();
    let candidates = rules().flat_map(|r: &'static Rule| [r.code, r.name]);
    let nearest = crate::suggest::nearest(rule, candidates).and_then(crate::rules::find);
    // A name from the test's code, cut as a payload's member names are in messages.
    let shown = crate::pointer::show_name(rule);
    // Answered in the form asked: a code for a code.
    let looks_like_code = rule.get(..3).is_some_and(|p| p.eq_ignore_ascii_case("A4P"));
    match nearest {
        Some(r) if looks_like_code => format!(
            "api4p-lint: {context} `{shown}`, which is no rule: did you mean `{}` ({})?",
            r.code, r.name
        ),
        Some(r) => format!(
            "api4p-lint: {context} `{shown}`, which is no rule: did you mean `{}` ({})?",
            r.name, r.code
        ),
        None => format!(
            "api4p-lint: {context} `{shown}`, which is no rule: rules are named by code \
             (`A4P101`) or name (`enum-value`), as `api4p_lint::rules::RULES` lists them"
        ),
    }
}

/// An expected finding: a rule (code or name), optionally at a pointer. Public because
/// [`assert_findings!`](crate::assert_findings) names it in the caller's crate; not for
/// direct use.
#[doc(hidden)]
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
        crate::rules::find(&self.rule).is_some_and(|rule| std::ptr::eq(rule, d.rule))
            && self.pointer.as_deref().is_none_or(|p| p == d.pointer)
    }
}

/// Compares findings with expectations, each expectation consuming one finding; returns the
/// failure message, if any: an expectation naming no rule, or a pointer that is not a JSON
/// Pointer, is a failure of its own (a typo would otherwise read as a missing finding).
pub(crate) fn compare_findings(found: &Report<'_>, expected: &[Expected]) -> Result<(), String> {
    for e in expected {
        if crate::rules::find(&e.rule).is_none() {
            return Err(no_rule("`assert_findings!` expects a finding of", &e.rule));
        }
        if let Some(pointer) = e
            .pointer
            .as_deref()
            .filter(|p| !p.is_empty() && !p.starts_with('/'))
        {
            return Err(format!(
                "api4p-lint: `assert_findings!` expects a finding at `{}`, which is not a JSON \
                 Pointer: did you mean `/{}`? (`\"\"` is the whole payload)",
                crate::text::escape_controls(pointer, |_| false),
                crate::text::escape_controls(&pointer.replace('.', "/"), |_| false)
            ));
        }
    }
    let mut left: Vec<&Diagnostic> = found.diagnostics().iter().collect();
    let mut missing = Vec::new();
    for e in expected {
        match left.iter().position(|d| e.matches(d)) {
            Some(i) => {
                left.remove(i);
            }
            None => missing.push(match &e.pointer {
                Some(p) => format!("{} {}", e.rule, at(p)),
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
            .map(|d| format!("{} ({}) {}", d.code(), d.rule_name(), at(&d.pointer)))
            .collect();
        message.push_str(&format!("found but not expected: {}\n", extra.join(", ")));
    }
    message.push('\n');
    message.push_str(&found.render(&crate::render::human::RenderOptions::default()));
    Err(message)
}

/// What a fix did, for a failure message: the findings fixed, the fixes refused and why,
/// and the findings that remain.
fn fix_story(fixed: &Fixed) -> String {
    let mut out = String::new();
    let list = |ds: &mut dyn Iterator<Item = &Diagnostic>| {
        let shown: Vec<String> = ds
            .map(|d| format!("{} {}", d.code(), at(&d.pointer)))
            .collect();
        if shown.is_empty() {
            "none".to_owned()
        } else {
            shown.join(", ")
        }
    };
    out.push_str(&format!("fixed: {}\n", list(&mut fixed.applied.iter())));
    for refused in &fixed.not_applied {
        out.push_str(&format!(
            "not applied: {} {}: {}\n",
            refused.diagnostic.code(),
            at(&refused.diagnostic.pointer),
            refused.reason
        ));
    }
    out.push_str(&format!(
        "remaining: {}",
        list(&mut fixed.remaining.diagnostics().iter())
    ));
    out
}

/// Where a finding is, in words: `at /leadOpportunity/status`, `at the payload's root`.
fn at(pointer: &str) -> String {
    if pointer.is_empty() {
        "at the payload's root".to_owned()
    } else {
        format!("at {}", crate::pointer::show_pointer(pointer))
    }
}

/// The text of any payload the macros accept, and its kind when its type knows it; text is
/// taken as is, anything else pretty-printed. Not for direct use.
#[doc(hidden)]
pub mod probe {
    use super::*;

    pub struct Probe<'a, T: ?Sized>(pub &'a T);

    /// How far the macros pass a payload's expression in an advice.
    const MAX_SHOWN_EXPR: usize = 40;

    /// `assert_valid!(<payload>, `: how the macro reads with a kind, the payload's expression
    /// if short.
    pub fn call(name: &str, expr: &str) -> String {
        let expr = if expr.chars().count() <= MAX_SHOWN_EXPR && !expr.contains('\n') {
            expr
        } else {
            "payload"
        };
        format!("{name}!({expr}, ")
    }

    /// The kind to check as: the one given, else the model's. A model given with another
    /// kind panics: checking an update request's model as a create request would test a
    /// payload the code never sends, and pass or fail for the wrong reasons.
    #[track_caller]
    pub fn kind(
        given: Option<PayloadKind>,
        typed: Option<PayloadKind>,
        call: &str,
    ) -> Option<PayloadKind> {
        let rest = if call.starts_with("assert_findings!") {
            ", [..])"
        } else {
            ")"
        };
        match (given, typed) {
            (Some(given), Some(typed)) if given != typed => panic!(
                "api4p-lint: `{call}PayloadKind::{given:?}{rest}` checks a model of {typed} \
                 (`PayloadKind::{typed:?}`) as {given}: a model is checked as its type's kind; \
                 drop the kind, or pass text or a `serde_json::Value` to check it as another kind"
            ),
            _ => given.or(typed),
        }
    }

    /// What the macros read without serializing: text as text, a model with its type's kind.
    pub trait Leaf {
        fn leaf(&self) -> (Cow<'_, str>, Option<PayloadKind>);
    }

    impl Leaf for str {
        fn leaf(&self) -> (Cow<'_, str>, Option<PayloadKind>) {
            (Cow::Borrowed(self), None)
        }
    }

    impl Leaf for String {
        fn leaf(&self) -> (Cow<'_, str>, Option<PayloadKind>) {
            (Cow::Borrowed(self.as_str()), None)
        }
    }

    impl Leaf for Cow<'_, str> {
        fn leaf(&self) -> (Cow<'_, str>, Option<PayloadKind>) {
            (Cow::Borrowed(self.as_ref()), None)
        }
    }

    impl<T: Payload> Leaf for T {
        fn leaf(&self) -> (Cow<'_, str>, Option<PayloadKind>) {
            (Cow::Owned(to_text(self)), Some(T::KIND))
        }
    }

    // Autoref specialization: the macros call `(&&&&Probe(payload)).payload()`, and the
    // method found first wins: a text or a model itself, then one behind a reference or a
    // pointer (`&T`, `Box<T>`, `Arc<T>`, `Rc<T>`), then behind two (`&&T`, `&Box<T>`), then
    // anything `Serialize`, pretty-printed with no kind.

    pub trait ViaLeaf<'a> {
        fn payload(&self) -> (Cow<'a, str>, Option<PayloadKind>);
    }

    impl<'a, T: Leaf + ?Sized> ViaLeaf<'a> for &&&Probe<'a, T> {
        fn payload(&self) -> (Cow<'a, str>, Option<PayloadKind>) {
            self.0.leaf()
        }
    }

    pub trait ViaDeref<'a> {
        fn payload(&self) -> (Cow<'a, str>, Option<PayloadKind>);
    }

    impl<'a, T> ViaDeref<'a> for &&Probe<'a, T>
    where
        T: std::ops::Deref + ?Sized,
        T::Target: Leaf,
    {
        fn payload(&self) -> (Cow<'a, str>, Option<PayloadKind>) {
            let inner: &'a T::Target = self.0;
            inner.leaf()
        }
    }

    pub trait ViaDeref2<'a> {
        fn payload(&self) -> (Cow<'a, str>, Option<PayloadKind>);
    }

    impl<'a, T> ViaDeref2<'a> for &Probe<'a, T>
    where
        T: std::ops::Deref + ?Sized,
        T::Target: std::ops::Deref,
        <T::Target as std::ops::Deref>::Target: Leaf,
    {
        fn payload(&self) -> (Cow<'a, str>, Option<PayloadKind>) {
            let inner: &'a <T::Target as std::ops::Deref>::Target = self.0;
            inner.leaf()
        }
    }

    pub trait ViaSerialize<'a> {
        fn payload(&self) -> (Cow<'a, str>, Option<PayloadKind>);
    }

    impl<'a, T: Serialize + ?Sized> ViaSerialize<'a> for Probe<'a, T> {
        fn payload(&self) -> (Cow<'a, str>, Option<PayloadKind>) {
            (Cow::Owned(to_text(self.0)), None)
        }
    }
}

/// Fails the test unless the payload has no error (warnings and infos pass). The panic
/// message is the rendered report: codes, pointers, the payload's lines with labels under
/// the offending text, help. The kind is the second argument, else the payload's type's (a
/// model of [`crate::model`]), else detected from the shape. A model with a kind other than
/// its type's panics, naming both (see below).
///
/// ```
/// use api4p_lint::{assert_valid, PayloadKind};
/// use api4p_lint::model::GetLeadOpportunityResponse;
///
/// let seed = include_str!("../tests/fixtures/spec/get-response/seed.json");
/// assert_valid!(seed);                                  // kind detected: get-response
/// assert_valid!(seed, PayloadKind::GetResponse);
/// let value: serde_json::Value = serde_json::from_str(seed).unwrap();
/// assert_valid!(value, PayloadKind::GetResponse);      // any Serialize value
/// let typed: GetLeadOpportunityResponse = serde_json::from_str(seed).unwrap();
/// assert_valid!(typed);                                 // kind from the type
/// ```
///
/// ```should_panic
/// use api4p_lint::{assert_valid, PayloadKind};
/// use api4p_lint::model::UpdateLeadOpportunityRequest;
///
/// let update: UpdateLeadOpportunityRequest = serde_json::from_str(
///     r#"{"leadOpportunity": {"partnerLeadOpportunityId": "CRM-1"}}"#,
/// ).unwrap();
/// // panics: "... checks a model of update-request (`PayloadKind::UpdateRequest`) as
/// // create-request ..."
/// assert_valid!(update, PayloadKind::CreateRequest);
/// ```
#[macro_export]
macro_rules! assert_valid {
    ($payload:expr $(,)?) => {
        $crate::assert_valid!(@with $crate::testing::Expect::new(), "assert_valid", $payload, ::core::option::Option::None)
    };
    ($payload:expr, $kind:expr $(,)?) => {
        $crate::assert_valid!(@with $crate::testing::Expect::new(), "assert_valid", $payload, ::core::option::Option::Some($kind))
    };
    (@with $expect:expr, $name:literal, $payload:expr, $kind:expr) => {
        // `match` keeps the payload's temporaries alive for the whole check.
        match &$payload {
            payload => {
                #[allow(unused_imports)]
                use $crate::testing::probe::{ViaDeref as _, ViaDeref2 as _, ViaLeaf as _, ViaSerialize as _};
                let (text, typed) = (&&&&$crate::testing::probe::Probe(payload)).payload();
                let call = $crate::testing::probe::call($name, ::core::stringify!($payload));
                let kind = $crate::testing::probe::kind($kind, typed, &call);
                $expect.assert_valid(&text, kind, &call);
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
        $crate::assert_valid!(@with $crate::testing::Expect::new().deny_warnings(), "assert_valid_strict", $payload, ::core::option::Option::None)
    };
    ($payload:expr, $kind:expr $(,)?) => {
        $crate::assert_valid!(@with $crate::testing::Expect::new().deny_warnings(), "assert_valid_strict", $payload, ::core::option::Option::Some($kind))
    };
}

/// Fails the test unless the payload (text) fixes to the expected text: with the safe fixes,
/// or at the applicability given last ([`Applicability::Unsafe`](crate::Applicability::Unsafe)
/// adds the unsafe ones); and unless fixing the expected text again changes nothing. The
/// failure shows both texts, what was fixed, what was refused and why, and what remains.
///
/// ```
/// use api4p_lint::{assert_fixes, Applicability, PayloadKind};
/// let payload = "{\"leadOpportunity\": {\"partnerLeadOpportunityId\": \"CRM-1\", \"status\": \"won\"}}";
/// let fixed = "{\"leadOpportunity\": {\"partnerLeadOpportunityId\": \"CRM-1\", \"status\": \"WON\"}}";
/// assert_fixes!(payload, PayloadKind::UpdateRequest, fixed);
///
/// // A typo's nearest code is a judgement: an unsafe fix.
/// let typo = payload.replace("won", "WONN");
/// assert_fixes!(&typo, PayloadKind::UpdateRequest, &typo);
/// assert_fixes!(&typo, PayloadKind::UpdateRequest, fixed, Applicability::Unsafe);
/// ```
#[macro_export]
macro_rules! assert_fixes {
    ($payload:expr, $kind:expr, $expected:expr $(,)?) => {
        $crate::assert_fixes!($payload, $kind, $expected, $crate::Applicability::Safe)
    };
    ($payload:expr, $kind:expr, $expected:expr, $applicability:expr $(,)?) => {
        $crate::testing::Expect::new().assert_fixes(
            ::core::convert::AsRef::<str>::as_ref(&$payload),
            ::core::option::Option::Some($kind),
            $applicability,
            ::core::convert::AsRef::<str>::as_ref(&$expected),
        )
    };
}

/// Fails the test unless the payload has exactly the expected findings (any severity): each
/// expectation is a rule code or name, or a `(rule, pointer)` pair. The kind, when given, is
/// the second argument; without it, as in [`assert_valid!`](crate::assert_valid). A rule
/// that does not exist, or a pointer that is not a JSON Pointer, fails with the nearest
/// correct spelling.
///
/// ```
/// use api4p_lint::{assert_findings, PayloadKind};
/// let payload = r#"{"leadOpportunity": {"partnerLeadOpportunityId": "CRM-1", "status": "WONN"}, "customerContact": []}"#;
/// assert_findings!(payload, PayloadKind::UpdateRequest, ["enum-value", ("A4P103", "/customerContact")]);
///
/// let seed = include_str!("../tests/fixtures/spec/get-response/seed.json");
/// assert_findings!(seed, []);                            // kind detected: no finding at all
/// ```
#[macro_export]
macro_rules! assert_findings {
    ($payload:expr, [$($expected:expr),* $(,)?] $(,)?) => {
        $crate::assert_findings!(@with $payload, ::core::option::Option::None, [$($expected),*])
    };
    ($payload:expr, $kind:expr, [$($expected:expr),* $(,)?] $(,)?) => {
        $crate::assert_findings!(@with $payload, ::core::convert::Into::into($kind), [$($expected),*])
    };
    (@with $payload:expr, $kind:expr, [$($expected:expr),*]) => {
        match &$payload {
            payload => {
                #[allow(unused_imports)]
                use $crate::testing::probe::{ViaDeref as _, ViaDeref2 as _, ViaLeaf as _, ViaSerialize as _};
                let (text, typed) = (&&&&$crate::testing::probe::Probe(payload)).payload();
                let call = $crate::testing::probe::call("assert_findings", ::core::stringify!($payload));
                let kind = $crate::testing::probe::kind($kind, typed, &call);
                let expected: ::std::vec::Vec<$crate::testing::Expected> =
                    ::std::vec![$(::core::convert::Into::into($expected)),*];
                $crate::testing::Expect::new().assert_findings(&text, kind, &expected, &call);
            }
        }
    };
}
