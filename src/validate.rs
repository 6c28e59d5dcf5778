//! Validate, then use: the entry points for production code that checks a payload before
//! sending it or reads a response through the typed models, with the rendered report as the
//! error.
//!
//! ```
//! use api4p_lint::model::GetLeadOpportunityResponse;
//! use api4p_lint::validate;
//!
//! # fn main() -> Result<(), validate::LintFailure> {
//! let text = include_str!("../tests/fixtures/spec/get-response/seed.json");
//! let response: GetLeadOpportunityResponse = validate::from_str(text)?;
//! # let _ = response;
//! # Ok(())
//! # }
//! ```

use std::fmt;

use serde::de::DeserializeOwned;
use serde::Serialize;

use crate::diagnostic::{Diagnostic, Report};
use crate::kind::PayloadKind;
use crate::lint::Linter;
use crate::model;
use crate::render::human::RenderOptions;
use crate::source::Source;

/// A payload that failed validation: the report as the command line renders it (80 columns,
/// no colour), and the findings.
#[derive(Clone, PartialEq, Eq)]
pub struct LintFailure {
    rendered: String,
    diagnostics: Vec<Diagnostic>,
    kind: Option<PayloadKind>,
}

impl LintFailure {
    /// The failure of a checked payload: every finding, and the report as the command line
    /// renders it.
    pub(crate) fn new(report: Report<'_>) -> Self {
        LintFailure {
            rendered: report.render(&RenderOptions::default()),
            kind: report.kind(),
            diagnostics: report.into_diagnostics(),
        }
    }

    /// Every finding of the payload (including those that did not cause the failure).
    pub fn diagnostics(&self) -> &[Diagnostic] {
        &self.diagnostics
    }

    /// The kind the payload was checked as.
    pub fn kind(&self) -> Option<PayloadKind> {
        self.kind
    }

    /// The rendered report.
    pub fn rendered(&self) -> &str {
        &self.rendered
    }
}

impl fmt::Display for LintFailure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.rendered)
    }
}

// `Debug` is what `unwrap()` and a test returning `Err` print: show the code frames.
impl fmt::Debug for LintFailure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "\n{}", self.rendered)
    }
}

impl std::error::Error for LintFailure {}

/// Checks text with the default settings: `Err` when a finding is an error (warnings and
/// infos pass). Without a kind, the kind is detected from the shape.
pub fn validate(text: &str, kind: impl Into<Option<PayloadKind>>) -> Result<(), LintFailure> {
    let report = Linter::new().check(Source::new("payload", text), kind.into());
    if report.has_errors() {
        Err(LintFailure::new(report))
    } else {
        Ok(())
    }
}

/// Checks any `Serialize` value (pretty-printed first).
pub fn validate_value<T: Serialize + ?Sized>(
    value: &T,
    kind: impl Into<Option<PayloadKind>>,
) -> Result<(), LintFailure> {
    validate(&to_text(value), kind)
}

/// A model type's payload kind: the typed entry points check against it.
pub trait Payload: DeserializeOwned {
    /// The kind this type is the body of.
    const KIND: PayloadKind;
}

macro_rules! payloads {
    ($($ty:ty => $kind:ident),+ $(,)?) => {
        $(impl Payload for $ty {
            const KIND: PayloadKind = PayloadKind::$kind;
        })+
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
    model::ErrorResponse => ErrorResponse,
}

/// Validates `text` as `T`'s kind, then deserializes it: the typed way to read a response.
///
/// ```
/// use api4p_lint::model::GetLeadOpportunityResponse;
///
/// # fn main() -> Result<(), api4p_lint::validate::LintFailure> {
/// let text = include_str!("../tests/fixtures/spec/get-response/seed.json");
/// let response: GetLeadOpportunityResponse = api4p_lint::validate::from_str(text)?;
/// # let _ = response;
/// # Ok(())
/// # }
/// ```
pub fn from_str<T: Payload>(text: &str) -> Result<T, LintFailure> {
    validate(text, T::KIND)?;
    serde_json::from_str(text).map_err(|e| LintFailure {
        rendered: format!("the payload is valid but does not deserialize: {e}\n"),
        diagnostics: Vec::new(),
        kind: Some(T::KIND),
    })
}

/// Validates a value (pretty-printed) as `T`'s kind, then converts it.
pub fn from_value<T: Payload>(value: serde_json::Value) -> Result<T, LintFailure> {
    from_str(&to_text(&value))
}

/// Pretty-printed JSON of a value: what a failure's code frames point into.
pub fn to_text<T: Serialize + ?Sized>(value: &T) -> String {
    serde_json::to_string_pretty(value).unwrap_or_else(|e| format!("<not serializable: {e}>"))
}
