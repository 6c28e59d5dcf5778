//! HTTP middleware (feature `reqwest-middleware`): every API4Partners request body is linted
//! before it is sent and every response body after it arrives, as the kind its endpoint says
//! ([`crate::endpoint`]).
//!
//! ```
//! use api4p_lint::middleware::{lint_error, LintMiddleware};
//! use api4p_lint::Severity;
//!
//! let lint = LintMiddleware::new()
//!     .stop_at(Severity::Error)
//!     .redact(true)
//!     .on_findings(|findings| eprintln!("{}", findings.rendered));
//! let client = reqwest_middleware::ClientBuilder::new(reqwest::Client::new())
//!     .with(lint)
//!     .build();
//! // Only the path counts: https://apigw-prd.3ds.com in production.
//! let url = "http://127.0.0.1:9/sales/api4partners/v0/leads-opportunities/9YEL-Y3W56Q";
//! let sent = client
//!     .patch(url)
//!     .header("content-type", "application/json")
//!     .body(r#"{"leadOpportunity": {"partnerLeadOpportunityId": "CRM-1", "status": "WONN"}}"#)
//!     .send();
//! # let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
//! let error = runtime.block_on(sent).unwrap_err();
//!
//! // `WONN` is not a status: the request never left the process.
//! let failure = lint_error(&error).unwrap();
//! assert_eq!(failure.diagnostics()[0].code(), "A4P101");
//! assert_eq!(failure.diagnostics()[0].pointer, "/leadOpportunity/status");
//! ```
//!
//! - A **request** whose findings reach the chosen severity ([`LintMiddleware::stop_at`],
//!   errors by default) is not sent: the caller gets
//!   `reqwest_middleware::Error::Middleware` holding a [`Error`] (see
//!   [`lint_error`]). Findings below it go to the callback and the log, and the request
//!   goes on.
//! - A **response** is never altered or held back: its body is read once, linted, and the
//!   caller gets an equivalent `reqwest::Response` (status, version, headers, extensions,
//!   URL and the same bytes). Findings go to the callback and the log. An error reading the
//!   body is the caller's error, at `send` rather than at `bytes`.
//! - Everything else passes through untouched: paths outside the API, operations without a
//!   kind yet, undocumented methods and statuses (see [`crate::endpoint::NotLinted`]), a
//!   streamed request body and a response whose `Content-Encoding` reqwest did not decode
//!   (both logged at debug level, as nothing can be checked without consuming them).
//!
//! The payload leaves the process only in the [`Error`] the caller receives. The log
//! (`tracing` events of target `api4p_lint::middleware`, one per finding) and the callback
//! get the operation's path template, the kind, the status and the findings; with
//! [`LintMiddleware::redact`] their wording and code frames mask the payload's data
//! ([`crate::redact`]) and the URL (ids, query) is left out.

use std::fmt;
use std::sync::Arc;

use http::Extensions;
use reqwest::{Request, Response, ResponseBuilderExt};
use reqwest_middleware::{Middleware, Next};

use crate::diagnostic::{Diagnostic, Report};
use crate::endpoint::Operation;
use crate::kind::PayloadKind;
use crate::lint::Linter;
use crate::render::human::RenderOptions;
use crate::rule::Severity;
use crate::source::Source;
use crate::validate::Error;

type Callback = Arc<dyn Fn(&Findings) + Send + Sync>;

/// A `reqwest_middleware::Middleware` that lints API4Partners bodies (see the
/// [module](self)). Cheap to clone.
#[derive(Clone)]
pub struct LintMiddleware {
    linter: Linter,
    stop_at: Option<Severity>,
    redact: bool,
    on_findings: Option<Callback>,
}

impl Default for LintMiddleware {
    fn default() -> Self {
        Self::new()
    }
}

impl fmt::Debug for LintMiddleware {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("LintMiddleware")
            .field("linter", &self.linter)
            .field("stop_at", &self.stop_at)
            .field("redact", &self.redact)
            .field("on_findings", &self.on_findings.is_some())
            .finish()
    }
}

/// Where a body was going.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Direction {
    /// A request body, before it is sent.
    Request,
    /// A response body with its status code, after it arrived.
    Response(u16),
}

/// The findings of one body that was not stopped, as the callback receives them.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct Findings {
    /// The operation called.
    pub operation: Operation,
    /// The kind the body was checked as.
    pub kind: PayloadKind,
    /// A request's body, or a response's with its status.
    pub direction: Direction,
    /// The request's URL; `None` when redacting (its path holds ids, its query data).
    pub url: Option<String>,
    /// The findings, in source order, redacted when asked.
    pub diagnostics: Vec<Diagnostic>,
    /// The findings with their code frames, as the command line prints them (80 columns, no
    /// colour), the payload's data masked when redacting.
    pub rendered: String,
}

impl LintMiddleware {
    /// Lints with the default settings, stops requests with errors, reports without
    /// redaction, and has no callback (findings are logged through `tracing`).
    pub fn new() -> Self {
        LintMiddleware {
            linter: Linter::new(),
            stop_at: Some(Severity::Error),
            redact: false,
            on_findings: None,
        }
    }

    /// Lints with this linter (its configuration: levels, vocabularies, reference data).
    /// The configuration's `[[overrides]]` do not apply: they match file paths.
    pub fn with_linter(mut self, linter: Linter) -> Self {
        self.linter = linter;
        self
    }

    /// Stops a request with a finding at `severity` or above; `None` never stops one.
    pub fn stop_at(mut self, severity: impl Into<Option<Severity>>) -> Self {
        self.stop_at = severity.into();
        self
    }

    /// Masks the payload's data in what the callback and the log receive.
    pub fn redact(mut self, redact: bool) -> Self {
        self.redact = redact;
        self
    }

    /// Calls `callback` with the findings of every body that has some and was not stopped.
    /// It runs on the request's task: keep it short.
    pub fn on_findings(mut self, callback: impl Fn(&Findings) + Send + Sync + 'static) -> Self {
        self.on_findings = Some(Arc::new(callback));
        self
    }

    /// Lints a request body as `method` on `url` would send it, as the middleware does
    /// before sending: `Err` when a finding reaches [`LintMiddleware::stop_at`], else the
    /// findings go to the callback and the log. `None`: no body. A request without a
    /// payload kind is not checked.
    pub fn check_request(&self, method: &str, url: &str, body: Option<&[u8]>) -> Result<(), Error> {
        let Ok(operation) = Operation::from_request(method, url) else {
            return Ok(());
        };
        let Ok(kind) = operation.request_kind() else {
            return Ok(());
        };
        let body = body.unwrap_or_default();
        let report = self.lint(operation, kind, Direction::Request, body);
        let stops = self.stop_at.filter(|&level| {
            report
                .diagnostics()
                .iter()
                .any(|finding| finding.severity >= level)
        });
        if let Some(level) = stops {
            // Some finding reaches `level`: the report is an error.
            return Error::from_report_at(report, level).map_or(Ok(()), Err);
        }
        self.report(report, operation, Direction::Request, url, body);
        Ok(())
    }

    /// Lints a response body of `status` to `method` on `url`, as the middleware does when
    /// it arrives: the findings go to the callback and the log. A response without a payload
    /// kind is not checked.
    pub fn check_response(&self, method: &str, url: &str, status: u16, body: &[u8]) {
        let Ok(operation) = Operation::from_request(method, url) else {
            return;
        };
        let Ok(kind) = operation.response_kind(status) else {
            return;
        };
        let direction = Direction::Response(status);
        let report = self.lint(operation, kind, direction, body);
        self.report(report, operation, direction, url, body);
    }

    fn lint<'a>(
        &self,
        operation: Operation,
        kind: PayloadKind,
        direction: Direction,
        body: &'a [u8],
    ) -> Report<'a> {
        self.linter
            .check_at(source(operation, direction, body), Some(kind), None)
    }

    /// Hands findings that did not stop anything to the log and the callback.
    fn report(
        &self,
        report: Report<'_>,
        operation: Operation,
        direction: Direction,
        url: &str,
        body: &[u8],
    ) {
        if report.is_clean() {
            return;
        }
        let Some(kind) = report.kind() else { return };
        // Findings are the exception: linting again with redaction costs only then.
        let report = if self.redact {
            self.linter.clone().with_redaction(true).check_at(
                source(operation, direction, body),
                Some(kind),
                None,
            )
        } else {
            report
        };
        let status = match direction {
            Direction::Request => None,
            Direction::Response(status) => Some(status),
        };
        for finding in report.diagnostics() {
            tracing::warn!(
                target: "api4p_lint::middleware",
                operation = operation.operation_id(),
                %kind,
                status,
                code = finding.code(),
                severity = finding.severity.as_str(),
                pointer = %finding.pointer,
                "{}",
                finding.message
            );
        }
        if let Some(callback) = &self.on_findings {
            let rendered = report.render(&RenderOptions::default());
            callback(&Findings {
                operation,
                kind,
                direction,
                url: (!self.redact).then(|| url.to_owned()),
                diagnostics: report.into_diagnostics(),
                rendered,
            });
        }
    }
}

/// What a body is called in its rendered report: the operation, never the URL's ids.
fn source(operation: Operation, direction: Direction, body: &[u8]) -> Source<'_> {
    let name = match direction {
        Direction::Request => format!("request to {operation}"),
        Direction::Response(status) => format!("{status} response to {operation}"),
    };
    Source::from_bytes(name, body)
}

/// The [`Error`] that stopped a request, if that is what `error` is.
///
/// `reqwest_middleware::Error::Middleware` holds it as an `anyhow::Error`:
/// `error.downcast_ref::<Error>()` on that finds it too.
pub fn lint_error(error: &reqwest_middleware::Error) -> Option<&Error> {
    match error {
        reqwest_middleware::Error::Middleware(error) => error.downcast_ref(),
        _ => None,
    }
}

#[async_trait::async_trait]
impl Middleware for LintMiddleware {
    async fn handle(
        &self,
        request: Request,
        extensions: &mut Extensions,
        next: Next<'_>,
    ) -> reqwest_middleware::Result<Response> {
        let method = request.method().clone();
        let Ok(operation) = Operation::from_request(method.as_str(), request.url().path()) else {
            return next.run(request, extensions).await;
        };
        let url = request.url().to_string();
        if operation.request_kind().is_ok() {
            match request.body() {
                Some(body) => match body.as_bytes() {
                    Some(bytes) => self.check_request(method.as_str(), &url, Some(bytes)),
                    None => {
                        unchecked(operation, "request", "its body is a stream");
                        Ok(())
                    }
                },
                None => self.check_request(method.as_str(), &url, None),
            }
            .map_err(reqwest_middleware::Error::middleware)?;
        }
        let response = next.run(request, extensions).await?;
        let status = response.status().as_u16();
        if operation.response_kind(status).is_err() {
            return Ok(response);
        }
        if let Some(encoding) = response.headers().get(http::header::CONTENT_ENCODING) {
            if encoding.as_bytes() != b"identity" {
                unchecked(operation, "response", "its body is content-encoded");
                return Ok(response);
            }
        }
        let (response, body) = buffered(response).await?;
        self.check_response(method.as_str(), &url, status, &body);
        Ok(response)
    }
}

fn unchecked(operation: Operation, what: &str, why: &str) {
    tracing::debug!(
        target: "api4p_lint::middleware",
        operation = operation.operation_id(),
        "{what} not checked: {why}"
    );
}

/// Reads the body, and gives back an equivalent response with the same bytes.
async fn buffered(response: Response) -> reqwest_middleware::Result<(Response, bytes::Bytes)> {
    let status = response.status();
    let version = response.version();
    let headers = response.headers().clone();
    let extensions = response.extensions().clone();
    let url = response.url().clone();
    let body = response.bytes().await?;
    // `url` is kept through reqwest's own extension, which only its builder can set.
    let mut rebuilt = http::Response::builder()
        .url(url)
        .body(body.clone())
        .map_err(reqwest_middleware::Error::middleware)?;
    *rebuilt.status_mut() = status;
    *rebuilt.version_mut() = version;
    *rebuilt.headers_mut() = headers;
    rebuilt.extensions_mut().extend(extensions);
    Ok((Response::from(rebuilt), body))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::Mutex;

    const CREATE: &str = "https://apigw-prd.3ds.com/sales/api4partners/v0/leads-opportunities";

    fn recording(lint: LintMiddleware) -> (LintMiddleware, Arc<Mutex<Vec<Findings>>>) {
        let seen = Arc::new(Mutex::new(Vec::new()));
        let log = Arc::clone(&seen);
        (
            lint.on_findings(move |f| log.lock().unwrap().push(f.clone())),
            seen,
        )
    }

    #[test]
    fn a_create_without_a_body_is_stopped() {
        let failure = LintMiddleware::new()
            .check_request("POST", CREATE, None)
            .unwrap_err();
        assert_eq!(failure.kind(), Some(PayloadKind::CreateRequest));
        assert_eq!(failure.diagnostics()[0].code(), "A4P001");
    }

    #[test]
    fn bodies_without_a_kind_are_not_checked() {
        let (lint, seen) = recording(LintMiddleware::new());
        let garbage = Some(&b"\xFF not json"[..]);
        assert!(lint.check_request("GET", CREATE, garbage).is_ok());
        assert!(lint.check_request("PUT", CREATE, garbage).is_ok());
        assert!(lint
            .check_request("GET", "/order/api4partners/v0/orders/PO_1", garbage)
            .is_ok());
        lint.check_response("POST", CREATE, 502, b"<html>");
        lint.check_response("POST", CREATE, 204, b"");
        assert!(seen.lock().unwrap().is_empty());
        // The same garbage as a documented response is reported.
        lint.check_response("POST", CREATE, 201, b"<html>");
        let seen = seen.lock().unwrap();
        assert_eq!(seen.len(), 1);
        assert_eq!(seen[0].direction, Direction::Response(201));
        assert_eq!(seen[0].kind, PayloadKind::CreateResponse);
        assert_eq!(seen[0].diagnostics[0].code(), "A4P001");
    }

    #[test]
    fn never_stopping_reports_errors_to_the_callback() {
        let (lint, seen) = recording(LintMiddleware::new().stop_at(None));
        let body =
            br#"{"leadOpportunity": {"partnerLeadOpportunityId": "CRM-1", "status": "WONN"}}"#;
        let url = format!("{CREATE}/9YEL-Y3W56Q");
        assert!(lint.check_request("PATCH", &url, Some(body)).is_ok());
        let seen = seen.lock().unwrap();
        assert_eq!(seen[0].operation, Operation::UpdateLeadOpportunity);
        assert_eq!(seen[0].url.as_deref(), Some(url.as_str()));
        assert!(seen[0]
            .rendered
            .contains("request to PATCH /sales/api4partners/v0/leads-opportunities/{id}"));
    }
}
