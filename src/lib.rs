//! # api4p-lint
//!
//! Checks the JSON payloads of Dassault Systèmes' partner API (API4Partners) before they are
//! sent and after they come back: typed models of every lead-opportunity payload, JSON Schemas
//! generated from them, and findings that point at the exact bytes at fault.
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

#![warn(missing_docs)]

pub mod config;
pub mod config_file;
pub mod diagnostic;
pub mod endpoint;
#[doc(hidden)]
pub mod fuzzing;
pub mod kind;
pub mod lint;
#[cfg(feature = "reqwest-middleware")]
pub mod middleware;
pub mod model;
pub mod pointer;
pub mod redact;
pub mod render;
pub mod rule;
pub mod rules;
pub mod schema;
pub mod source;
pub mod suggest;
pub mod testing;
pub mod text;
pub mod validate;

pub use config::{Config, Level};
pub use diagnostic::{Diagnostic, Label, Report};
pub use kind::{detect, Detection, PayloadKind};
pub use lint::Linter;
pub use render::human::RenderOptions;
pub use rule::Severity;
pub use rules::Checker;
pub use source::{Source, Span};

/// The README's examples, compiled and run as doctests.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
pub struct ReadmeDoctests;
