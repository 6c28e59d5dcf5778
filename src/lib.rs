//! # api4p-lint
//!
//! Checks the JSON payloads of Dassault Systèmes' partner API (API4Partners) before they are
//! sent and after they come back: typed models of every payload of the spec
//! (leads-opportunities, orders, price lists, accreditations, portfolio items, API keys:
//! [`model`]), JSON Schemas generated from them ([`schema`]), and findings that point at the
//! exact bytes at fault, with the rule, the JSON Pointer, a label and help.
//!
//! Four uses, one set of rules:
//!
//! - **Production code** ([`validate`]): check a request before sending it, read a response
//!   through the models. A failure is an [`Error`]: `?` takes it into any error type
//!   (`Box<dyn Error>`, `anyhow`, `miette`), and `miette::Report::new(error)` shows the code
//!   frame of every finding.
//! - **Before submitting**, the `api4p-lint` command line (feature `cli`, default) checks
//!   files, folders and NDJSON exports in CI and pre-commit hooks; see the README.
//! - **Tests** ([`testing`]): `assert_valid!(payload)` and `assert_findings!` fail with the same
//!   code frames.
//! - **HTTP clients and proxies** ([`endpoint`]): the kind of a body from its request's method
//!   and URL and the response's status, so that no code names a kind by hand; with the feature
//!   `reqwest-middleware`, [`middleware::LintMiddleware`] lints them in a `reqwest` client:
//!   every request body before it is sent, every response body as it arrives.
//!
//! ```
//! use api4p_lint::model::{GetLeadOpportunityResponse, UpdateLeadOpportunityRequest};
//! use api4p_lint::validate;
//!
//! fn sync(body: &[u8], update: &UpdateLeadOpportunityRequest) -> Result<(), Box<dyn std::error::Error>> {
//!     let response: GetLeadOpportunityResponse = validate::from_slice(body)?; // kind from the type
//!     let _ = response.data;
//!     validate::check(update)?;                                     // before sending it
//!     Ok(())
//! }
//!
//! let body = include_bytes!("../tests/fixtures/spec/get-response/seed.json");
//! let update = serde_json::from_str(r#"{"leadOpportunity": {"partnerLeadOpportunityId": "CRM-1", "currency": "euro"}}"#)?;
//! let error = sync(body, &update).unwrap_err();
//! assert_eq!(error.to_string(), "invalid update-request payload: 1 error (A4P106 at /leadOpportunity/currency)");
//! # Ok::<(), serde_json::Error>(())
//! ```
//!
//! Where only a URL tells what a body is:
//!
//! ```
//! use api4p_lint::{endpoint, validate, PayloadKind};
//!
//! let url = "https://apigw-prd.3ds.com/sales/api4partners/v0/leads-opportunities/9YEL-Y3W56Q";
//! let kind = endpoint::response_kind("GET", url, 200).expect("an operation of the spec");
//! assert_eq!(kind, PayloadKind::GetResponse);
//! let body = include_bytes!("../tests/fixtures/spec/get-response/seed.json");
//! validate::validate_slice(body, kind)?;
//! // For a log that must not show ids: the spec's path, the rest masked.
//! assert_eq!(endpoint::masked_path(url), "/sales/api4partners/v0/leads-opportunities/{id}");
//! # Ok::<(), api4p_lint::Error>(())
//! ```
//!
//! The [`Linter`] underneath gives the whole [`Report`] of a payload, whatever the severity of
//! its findings:
//!
//! ```
//! use api4p_lint::{Linter, PayloadKind, RenderOptions};
//!
//! let payload = r#"{"leadOpportunity": {"partnerLeadOpportunityId": "CRM-1", "status": "WONN"}}"#;
//! let report = Linter::new().check_str(payload, PayloadKind::UpdateRequest);
//!
//! let finding = &report.diagnostics()[0];
//! assert_eq!(finding.code(), "A4P101");
//! assert_eq!(finding.pointer, "/leadOpportunity/status");
//! assert_eq!(&payload[finding.span.offset..finding.span.end()], "\"WONN\"");
//! assert_eq!(finding.suggestion.as_deref(), Some("\"WON\""));
//!
//! // A code frame, as the command line prints it.
//! let text = report.render(&RenderOptions::default());
//! assert!(text.contains("did you mean \"WON\""));
//! ```
//!
//! See `ARCHITECTURE.md` for the data flow and the invariants.
//!
// The middleware's module exists with its feature only: without it, the link goes to docs.rs
// (built with every feature), so that `cargo doc` is clean either way.
#![cfg_attr(
    feature = "reqwest-middleware",
    doc = "[`middleware::LintMiddleware`]: middleware::LintMiddleware"
)]
#![cfg_attr(
    not(feature = "reqwest-middleware"),
    doc = "[`middleware::LintMiddleware`]: <https://docs.rs/api4p-lint/latest/api4p_lint/middleware/struct.LintMiddleware.html>"
)]
#![warn(missing_docs)]

pub mod config;
pub mod config_file;
pub mod diagnostic;
pub mod endpoint;
pub mod fix;
#[doc(hidden)]
pub mod fuzzing;
pub mod kind;
pub mod lint;
#[cfg(feature = "reqwest-middleware")]
pub mod middleware;
pub mod model;
pub(crate) mod pointer;
pub mod redact;
// Public for the binary (`src/cli/`: `FileReport`, `Summary`, `Format` and each format's
// emitter), the benches and the integration tests that render whole runs (`formats`, `limits`,
// `locations`, `terminal_safety`). A library user renders a report with `Report::render` and
// `RenderOptions`, and gets each finding's code frame as a `Finding`: both re-exported here.
#[doc(hidden)]
pub mod render;
pub mod rule;
pub mod rules;
pub mod schema;
pub mod source;
// Public for the binary (`src/cli/`: did-you-mean for `--kind`, rule names) and the benches.
#[doc(hidden)]
pub mod suggest;
pub mod testing;
// Public for the binary (`src/cli/`: file names and file kinds shown on the terminal).
#[doc(hidden)]
pub mod text;
pub mod validate;

pub use config::{Config, Level};
pub use diagnostic::{Applicability, Diagnostic, Edit, Fix, Label, Report};
pub use fix::{Fixed, NotApplied, Round};
pub use kind::{detect, Detection, PayloadKind};
pub use lint::Linter;
pub use render::human::{Finding, RenderOptions};
pub use rule::Severity;
pub use source::{Source, Span};
pub use validate::Error;

/// The date crate of the public API ([`Linter::with_today`], [`Config::today`],
/// `testing::Expect::today`): `api4p_lint::jiff::civil::date(2026, 1, 15)` without a
/// dependency of one's own.
pub use jiff;

/// The README's examples, compiled and run as doctests. They use every feature (the
/// middleware's example needs `reqwest-middleware`), so they run with `--all-features`, as the
/// README's test command and CI do; the README shows them without feature gates, as a user
/// copies them.
#[cfg(all(doctest, feature = "reqwest-middleware", feature = "cli"))]
#[doc = include_str!("../README.md")]
pub struct ReadmeDoctests;
