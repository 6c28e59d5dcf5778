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
//! // No redirects: a 307 would re-send the body wherever it points, unchecked as that endpoint's kind.
//! let http = reqwest::Client::builder()
//!     .redirect(reqwest::redirect::Policy::none())
//!     .build()
//!     .unwrap();
//! let client = reqwest_middleware::ClientBuilder::new(http).with(lint).build();
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
//!   `reqwest_middleware::Error::Middleware` holding a [`Error`]: [`lint_error`] borrows
//!   it, [`into_lint_error`] takes it out (for `miette::Report::new`). Findings below it go
//!   to the callback and the log, and the request goes on.
//! - A **response** is never altered or held back: the caller gets it as soon as its
//!   headers arrive (same status, version, headers, extensions and URL; `content_length()`
//!   as without the middleware), and its body streams through to the caller chunk by chunk,
//!   unchanged. The middleware keeps a copy of the body up to
//!   [`LintMiddleware::max_response_bytes`] (2 MiB, or the linter's `max-payload-bytes` if
//!   smaller) as it passes, and lints it once the caller has read the body to its end
//!   (`bytes()`, `text()`, `json()`, the last `chunk()`).
//! - **Response lints run off the caller's task**: on tokio's blocking pool
//!   (`spawn_blocking`) when a tokio runtime is current, so the last poll of a body returns
//!   at once however long its lint takes (10 MiB of one-key objects nested 120 deep: the
//!   longest poll went from 3.2 s to 9 ms in release); without a runtime, on the thread that
//!   read the body's end. The findings then go to the callback and the log from that
//!   thread, after the caller's read has returned: [`LintMiddleware::responses_linted`]
//!   waits for them. At most [`LintMiddleware::max_concurrent_response_lints`] (2) bodies are
//!   linted at once; a body finished while they all run is not queued but left unlinted,
//!   logged at `WARN` (`response not checked: …`), its copy freed. Linting costs memory
//!   while it runs: up to about 170 times the body's size for the worst shapes of JSON
//!   (measured in release, the process's peak: 10 MiB of those nested objects 1.3 GB, about
//!   125 bytes a byte; 10 MiB of tiny values 480 MB, about 46; 2 MiB of nested objects
//!   268 MB), so the response limit and the bound together cap what a hostile server can
//!   make the process hold (2 MiB × 170 × 2, some 700 MB, by default).
//! - A body over the limit is not copied further nor linted: it is reported once as
//!   finding A4P005 (payload too large). A body the caller drops before its end, or whose
//!   reading fails, is not linted (logged at debug level). The copies held at once, of
//!   bodies being read and being linted, are bounded too
//!   ([`LintMiddleware::max_held_response_bytes`], 16 MiB): a body that would go beyond is
//!   not linted, its copy freed, logged at `WARN`.
//! - A **streamed request body** (`reqwest::Body::wrap_stream`, a multipart form) of an
//!   operation with a payload cannot be read before it is sent: it is reported like an
//!   unknown endpoint ([`NotLinted::StreamedBody`] to `on_unlinted`, `WARN`), and refused
//!   with [`LintMiddleware::refuse_unknown_endpoints`].
//! - Everything else passes through untouched: paths outside the API, operations without a
//!   body or kind, undocumented statuses (see [`crate::endpoint::NotLinted`]), and a
//!   response with a content coding other than `identity` (logged at debug level, as it
//!   cannot be checked without decoding it). Every
//!   `Content-Encoding` header counts, and every coding in each one's list
//!   (`identity, gzip`): a body is linted only when each is `identity` (in any case).
//! - The API's root is found after any base path (a proxy's `/proxy/sales/api4partners/v0/…`).
//!   Under it, a path or method that is no operation of the spec
//!   ([`NotLinted::UnknownPath`], [`NotLinted::UndocumentedMethod`]), a path that only a
//!   lenient server's normalisation makes the API's (`/sales/api4partners;v=1/v0/…`, see
//!   [`crate::endpoint`]), and a `POST` whose method override headers disagree
//!   ([`NotLinted::ConflictingMethodOverrides`]) are sent unlinted but reported: logged at
//!   `WARN` and given to [`LintMiddleware::on_unlinted`]'s callback;
//!   [`LintMiddleware::refuse_unknown_endpoints`] stops them with an [`UnknownEndpoint`].
//! - **Method overrides** (`X-HTTP-Method-Override`, `X-HTTP-Method`, `X-Method-Override`)
//!   count on a `POST` only, as servers honour them: the method they name is the one linted.
//!   On any other method they are ignored. Several of them (or one repeated) naming different
//!   methods make the endpoint unknown, as above.
//! - **Redirects happen below the middleware**: reqwest follows them inside the client, so a
//!   307 or 308 re-sends the linted body to wherever it points, and the final response is
//!   linted as the first URL's operation. Build the client with
//!   `redirect(reqwest::redirect::Policy::none())` unless every redirect target is trusted.
//!
//! The payload leaves the process only in the [`Error`] the caller receives. The log
//! (`tracing` events of target `api4p_lint::middleware`: one per finding at the finding's
//! severity, `ERROR`, `WARN` or `INFO`, for the first [`MAX_LOGGED_FINDINGS`] of a body, then
//! one `WARN` event counting the rest) and the callback
//! get the operation's path template, the kind, the status and the findings; with
//! [`LintMiddleware::redact`] their wording and code frames mask the payload's data
//! ([`crate::redact`]) and the URL (ids, query) is left out. The call is named by its masked
//! path either way ([`Findings::path`], [`Unlinted::path`]: `…/leads-opportunities/{id}`;
//! the log's `path` field for what went unlinted, with a `url` field only when not
//! redacting).

use std::fmt;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;

use http::Extensions;
use reqwest::{Request, Response, ResponseBuilderExt};
use reqwest_middleware::{Middleware, Next};

use crate::diagnostic::{Diagnostic, Report};
use crate::endpoint::{NotLinted, Operation};
use crate::kind::PayloadKind;
use crate::lint::Linter;
use crate::render::human::RenderOptions;
use crate::rule::Severity;
use crate::source::Source;
use crate::validate::Error;

type Callback = Arc<dyn Fn(&Findings) + Send + Sync>;
type UnlintedCallback = Arc<dyn Fn(&Unlinted) + Send + Sync>;

/// A `reqwest_middleware::Middleware` that lints API4Partners bodies (see the
/// [module](self)). Cheap to clone.
#[derive(Clone)]
pub struct LintMiddleware {
    linter: Linter,
    stop_at: Option<Severity>,
    redact: bool,
    on_findings: Option<Callback>,
    on_unlinted: Option<UnlintedCallback>,
    refuse_unknown: bool,
    max_response_bytes: usize,
    max_response_lints: usize,
    max_held_response_bytes: usize,
    /// Shared by every clone: the bound holds for the middleware, not for one client.
    responses: Arc<ResponseLints>,
}

/// The response bodies of a middleware and its clones on their way to their findings.
#[derive(Debug, Default)]
struct ResponseLints {
    /// Bodies being linted now (the bound).
    linting: AtomicUsize,
    /// Bodies read to their end whose findings are not reported yet.
    pending: AtomicUsize,
    /// Bytes of response copies held now: bodies being read, and bodies being linted.
    held: AtomicUsize,
    /// Told when `pending` comes back to 0.
    settled: tokio::sync::Notify,
}

/// A slot among the response lints that may run at once, given back when dropped.
struct LintSlot(Arc<ResponseLints>);

impl LintSlot {
    fn take(responses: &Arc<ResponseLints>, max: usize) -> Option<LintSlot> {
        responses
            .linting
            .fetch_update(Ordering::AcqRel, Ordering::Acquire, |running| {
                (running < max).then_some(running + 1)
            })
            .ok()
            .map(|_| LintSlot(Arc::clone(responses)))
    }
}

impl Drop for LintSlot {
    fn drop(&mut self) {
        self.0.linting.fetch_sub(1, Ordering::AcqRel);
    }
}

/// Bytes of a body's copy counted in [`ResponseLints::held`], given back when dropped: after
/// its lint, when its copy is freed.
struct Held(Arc<ResponseLints>, usize);

impl Drop for Held {
    fn drop(&mut self) {
        self.0.held.fetch_sub(self.1, Ordering::AcqRel);
    }
}

/// A body whose findings are on their way, counted until they are reported (or the task
/// reporting them is dropped: a runtime shutting down).
struct Pending(Arc<ResponseLints>);

impl Pending {
    fn new(responses: &Arc<ResponseLints>) -> Pending {
        responses.pending.fetch_add(1, Ordering::AcqRel);
        Pending(Arc::clone(responses))
    }
}

impl Drop for Pending {
    fn drop(&mut self) {
        if self.0.pending.fetch_sub(1, Ordering::AcqRel) == 1 {
            self.0.settled.notify_waiters();
        }
    }
}

/// The largest response body the middleware lints by default: 2 MiB, below the linter's
/// 10 MiB `max-payload-bytes` (see [`LintMiddleware::max_response_bytes`]).
pub const DEFAULT_MAX_RESPONSE_BYTES: usize = 2 << 20;

/// How many bytes of response copies the middleware holds at once by default (see
/// [`LintMiddleware::max_held_response_bytes`]): 16 MiB, eight bodies at the default limit.
pub const DEFAULT_MAX_HELD_RESPONSE_BYTES: usize = 16 << 20;

/// How many response bodies the middleware lints at once by default (see
/// [`LintMiddleware::max_concurrent_response_lints`]).
pub const DEFAULT_MAX_CONCURRENT_RESPONSE_LINTS: usize = 2;

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
            .field("on_unlinted", &self.on_unlinted.is_some())
            .field("refuse_unknown_endpoints", &self.refuse_unknown)
            .field("max_response_bytes", &self.max_response_bytes)
            .field("max_held_response_bytes", &self.max_held_response_bytes)
            .field("max_concurrent_response_lints", &self.max_response_lints)
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
    /// The request's path with everything but the spec's own segments masked
    /// ([`crate::endpoint::masked_path`]): `/sales/api4partners/v0/leads-opportunities/{id}`.
    /// There with or without redaction, as [`Unlinted::path`]: it names the call without its
    /// ids or query.
    pub path: String,
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
            on_unlinted: None,
            refuse_unknown: false,
            max_response_bytes: DEFAULT_MAX_RESPONSE_BYTES,
            max_response_lints: DEFAULT_MAX_CONCURRENT_RESPONSE_LINTS,
            max_held_response_bytes: DEFAULT_MAX_HELD_RESPONSE_BYTES,
            responses: Arc::default(),
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

    /// Masks the payload's data in what the callback and the log receive, and leaves the URL
    /// out. Keys are never masked ([`crate::redact`]): an unknown member's name shows in its
    /// pointer.
    pub fn redact(mut self, redact: bool) -> Self {
        self.redact = redact;
        self
    }

    /// Calls `callback` with the findings of every body that has some and was not stopped.
    /// A request's findings come on the request's task, before it is sent; a response's on
    /// tokio's blocking pool (the thread that read the body's end when no tokio runtime is
    /// current), after the caller has read the body, so they may come after the caller's
    /// `bytes().await` returns: [`LintMiddleware::responses_linted`] waits for them. Keep
    /// it short: it holds a slot among [`LintMiddleware::max_concurrent_response_lints`]. A
    /// panic in it on the blocking pool ends that task alone, and its findings are lost.
    pub fn on_findings(mut self, callback: impl Fn(&Findings) + Send + Sync + 'static) -> Self {
        self.on_findings = Some(Arc::new(callback));
        self
    }

    /// Calls `callback` for every request under the API's prefixes whose bodies the
    /// middleware lets through without linting them, because its path or method is no
    /// operation of the spec ([`NotLinted::UnknownPath`], [`NotLinted::UndocumentedMethod`]:
    /// a typo in a path, `…;jsessionid=1`, `patch` in lower case), its method override
    /// headers disagree ([`NotLinted::ConflictingMethodOverrides`]), or its payload is a
    /// streamed body ([`NotLinted::StreamedBody`]: `reqwest::Body::wrap_stream`, multipart).
    /// They are logged at `WARN` too. It is called as well, after the response arrived, for
    /// a response whose status the spec does not document for its operation
    /// ([`NotLinted::UndocumentedStatus`]: a lead GET's 404), logged at `INFO`. It runs on
    /// the request's task, before the request is sent: keep it short. With
    /// [`LintMiddleware::redact`], [`Unlinted::url`] is `None` and [`Unlinted::path`] names
    /// the call, its ids and query masked.
    pub fn on_unlinted(mut self, callback: impl Fn(&Unlinted) + Send + Sync + 'static) -> Self {
        self.on_unlinted = Some(Arc::new(callback));
        self
    }

    /// Stops every request under the API's prefixes that is no operation of the spec, or
    /// whose payload cannot be checked (a streamed body; see [`LintMiddleware::on_unlinted`]),
    /// with an [`UnknownEndpoint`] error, rather than sending it unlinted. Off by default: a
    /// path DS adds before this crate knows it still works, reported.
    pub fn refuse_unknown_endpoints(mut self, refuse: bool) -> Self {
        self.refuse_unknown = refuse;
        self
    }

    /// Lints response bodies up to `bytes`, or up to the linter's `max-payload-bytes` if that
    /// is smaller; [`DEFAULT_MAX_RESPONSE_BYTES`] (2 MiB) by default. A larger body streams
    /// through to the caller, is not copied further and is reported as A4P005. Linting a
    /// body costs a multiple of its size in memory while it runs (up to 170× for the worst
    /// shapes, see the README's limits), so this bounds what a hostile server can make the
    /// process hold: about `bytes` × 170 × [`LintMiddleware::max_concurrent_response_lints`]
    /// at worst. Request bodies are the caller's own: they keep the linter's limit.
    pub fn max_response_bytes(mut self, bytes: usize) -> Self {
        self.max_response_bytes = bytes;
        self
    }

    /// Lints at most `lints` response bodies at once, over this middleware and its clones
    /// ([`DEFAULT_MAX_CONCURRENT_RESPONSE_LINTS`], 2, by default). A body read to its end
    /// while that many are being linted is not queued: it is not linted, its copy is freed
    /// and it is logged at `WARN` ("response not checked: …"), so that a burst of large
    /// responses costs neither unbounded memory nor blocking threads. `0` lints no response.
    pub fn max_concurrent_response_lints(mut self, lints: usize) -> Self {
        self.max_response_lints = lints;
        self
    }

    /// Holds at most `bytes` of response copies at once, over this middleware and its clones
    /// ([`DEFAULT_MAX_HELD_RESPONSE_BYTES`], 16 MiB, by default): the copies of the bodies
    /// being read and of those being linted. Each body is copied as it streams, from its
    /// first byte, so without this a thousand large downloads in flight would hold a thousand
    /// copies. A body whose next chunk would go beyond it is not linted: its copy is freed at
    /// once, it streams on to the caller untouched, and it is logged at `WARN` ("response not
    /// checked: …").
    pub fn max_held_response_bytes(mut self, bytes: usize) -> Self {
        self.max_held_response_bytes = bytes;
        self
    }

    /// Completes once every response body read to its end so far has been linted and its
    /// findings reported (the callback has returned): for tests, and for a shutdown that
    /// wants every finding. Findings of bodies read later are not waited for.
    pub async fn responses_linted(&self) {
        loop {
            let settled = self.responses.settled.notified();
            let mut settled = std::pin::pin!(settled);
            // Registered before the count is read: a report ending in between still wakes it.
            settled.as_mut().enable();
            if self.responses.pending.load(Ordering::Acquire) == 0 {
                return;
            }
            settled.await;
        }
    }

    /// The size up to which a response body is copied and linted.
    fn response_limit(&self) -> usize {
        self.max_response_bytes
            .min(self.linter.config().max_payload_bytes())
    }

    /// Reports (or refuses) a request the endpoint table does not know.
    fn unlinted(&self, method: &str, url: &str, why: NotLinted) -> Result<(), UnknownEndpoint> {
        let unlinted = self.record_unlinted(method, url, why);
        // The masked path names the call always; the URL (ids, query) only without redaction,
        // as the callback's `url`: a field left out, never the path under the URL's name.
        tracing::warn!(
            target: "api4p_lint::middleware",
            method = unlinted.method.as_str(),
            path = unlinted.path.as_str(),
            url = unlinted.url.as_deref(),
            refused = self.refuse_unknown,
            "request under the API4Partners prefixes not linted: {why}"
        );
        self.call_unlinted(&unlinted);
        if self.refuse_unknown {
            return Err(UnknownEndpoint(unlinted));
        }
        Ok(())
    }

    /// Reports a response the spec documents no body for (a status it does not list for the
    /// operation: a lead GET's 404): delivered as it is, never silently. `INFO`, not `WARN`:
    /// a sync meets such statuses in its normal course.
    fn response_unlinted(&self, method: &str, url: &str, why: NotLinted) {
        let unlinted = self.record_unlinted(method, url, why);
        tracing::info!(
            target: "api4p_lint::middleware",
            method = unlinted.method.as_str(),
            path = unlinted.path.as_str(),
            url = unlinted.url.as_deref(),
            "response not linted: {why}"
        );
        self.call_unlinted(&unlinted);
    }

    /// What `on_unlinted` receives: without the URL when redacting, its masked path always;
    /// a method as [`shown_method`] shows it.
    fn record_unlinted(&self, method: &str, url: &str, why: NotLinted) -> Unlinted {
        Unlinted {
            method: shown_method(method, self.redact),
            url: (!self.redact).then(|| url.to_owned()),
            path: crate::endpoint::masked_path(url),
            why,
        }
    }

    fn call_unlinted(&self, unlinted: &Unlinted) {
        if let Some(callback) = &self.on_unlinted {
            callback(unlinted);
        }
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

    /// Lints a response body of `status` to `method` on `url`, as the middleware does once
    /// the caller has read it: the findings go to the callback and the log. Here that
    /// happens on the calling thread, before this returns, whatever the runtime, with no
    /// bound and no response limit but the linter's; call it off any async task. A response
    /// without a payload kind is not checked.
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
        // An empty body (an unread one too large to lint) has no data to mask.
        let report = if self.redact && !body.is_empty() {
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
        log_findings(operation, kind, status, report.diagnostics());
        if let Some(callback) = &self.on_findings {
            let rendered = report.render(&RenderOptions::default());
            callback(&Findings {
                operation,
                kind,
                direction,
                url: (!self.redact).then(|| url.to_owned()),
                path: crate::endpoint::masked_path(url),
                diagnostics: report.into_diagnostics(),
                rendered,
            });
        }
    }
}

/// A request under the API's prefixes that is no operation of the spec, or a response whose
/// status the spec does not document for its operation: its bodies were not linted (see
/// [`LintMiddleware::on_unlinted`]).
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct Unlinted {
    /// The method, as the server would read it: on a `POST`, the one its method override
    /// headers name; the request's own when they disagree. A header's value that is no HTTP
    /// method (`GET`, `POST`, `PUT`, `PATCH`, `DELETE`, `HEAD`, `OPTIONS`, `TRACE`,
    /// `CONNECT`, in any case) is `{…}` when redacting, else escaped and cut at 40
    /// characters: the header is the caller's to fill with anything.
    pub method: String,
    /// The request's URL; `None` when redacting.
    pub url: Option<String>,
    /// The request's path with everything but the spec's own segments masked
    /// ([`crate::endpoint::masked_path`]): `/sales/api4partners/v0/leads-opportunities/{id}`,
    /// `/{…}/order/api4partners/v0/orders/search?{…}` behind a proxy. There with or without
    /// redaction: it names the call without its ids or query.
    pub path: String,
    /// Why it has no kind: [`NotLinted::UnknownPath`], [`NotLinted::UndocumentedMethod`]
    /// or [`NotLinted::ConflictingMethodOverrides`].
    pub why: NotLinted,
}

/// The error of a request stopped by [`LintMiddleware::refuse_unknown_endpoints`]; the
/// caller finds it with `error.downcast_ref::<UnknownEndpoint>()` on the middleware error.
#[derive(Debug, Clone)]
pub struct UnknownEndpoint(pub Unlinted);

impl fmt::Display for UnknownEndpoint {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let method = crate::text::escape_controls(&self.0.method, |_| false);
        match self.0.why {
            NotLinted::StreamedBody => write!(
                f,
                "not sent: the {method} request's body is a stream, which the lint middleware \
                 cannot check before sending, and it refuses what it cannot check"
            ),
            why => write!(
                f,
                "not sent: {method} on this path is no operation of the API4Partners spec \
                 ({why}), and the lint middleware refuses unknown endpoints"
            ),
        }
    }
}

impl std::error::Error for UnknownEndpoint {}

/// The headers by which a `POST` names the method a server should read instead.
const METHOD_OVERRIDES: [&str; 3] = [
    "x-http-method-override",
    "x-http-method",
    "x-method-override",
];

/// The method a server reads: on a `POST`, the one its method override headers name, else
/// the request's. `Err` with the request's method when the overrides disagree: which one a
/// server takes depends on the server.
fn effective_method(request: &Request) -> Result<String, String> {
    let method = request.method().as_str();
    if request.method() != reqwest::Method::POST {
        return Ok(method.to_owned());
    }
    let mut named = METHOD_OVERRIDES
        .iter()
        .flat_map(|name| request.headers().get_all(*name))
        .map(|value| value.as_bytes().trim_ascii());
    let Some(first) = named.next() else {
        return Ok(method.to_owned());
    };
    if named.any(|other| other != first) {
        return Err(method.to_owned());
    }
    // Bytes that are no text name no method of the spec: the path's methods will not match.
    Ok(String::from_utf8_lossy(first).into_owned())
}

/// The methods RFC 9110 defines and PATCH: the only ones shown as a request names them.
const HTTP_METHODS: [&str; 9] = [
    "GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS", "TRACE", "CONNECT",
];

/// Longest method shown, escaped, when not redacting.
const MAX_SHOWN_METHOD: usize = 40;

/// A method as the log and [`Unlinted`] show it. A method override header is the caller's
/// to fill, with anything (a token, a value pasted into the wrong header): only an HTTP
/// method is shown as it is; anything else is `{…}` when redacting, else escaped and cut
/// at [`MAX_SHOWN_METHOD`] characters.
fn shown_method(method: &str, redact: bool) -> String {
    if HTTP_METHODS.iter().any(|m| m.eq_ignore_ascii_case(method)) {
        return method.to_owned();
    }
    if redact {
        return "{…}".to_owned();
    }
    let mut shown: String = method.chars().take(MAX_SHOWN_METHOD).collect();
    if shown.len() < method.len() {
        shown.push('…');
    }
    crate::text::escape_controls(&shown, |_| false).into_owned()
}

/// Whether every content coding of `headers` (every `Content-Encoding` header, each a list)
/// is `identity`, in any case: a body is linted only then.
fn identity_encoded(headers: &http::HeaderMap) -> bool {
    headers
        .get_all(http::header::CONTENT_ENCODING)
        .iter()
        .flat_map(|value| value.as_bytes().split(|&b| b == b','))
        .map(<[u8]>::trim_ascii)
        // A list's empty elements are no coding (RFC 9110 §5.6.1).
        .filter(|coding| !coding.is_empty())
        .all(|coding| coding.eq_ignore_ascii_case(b"identity"))
}

/// What a body is called in its rendered report: the operation, never the URL's ids.
fn source(operation: Operation, direction: Direction, body: &[u8]) -> Source<'_> {
    let name = match direction {
        Direction::Request => format!("request to {operation}"),
        Direction::Response(status) => format!("{status} response to {operation}"),
    };
    Source::from_bytes(name, body)
}

/// The [`Error`] that stopped a request, if that is what `error` is: borrowed, for a look at
/// its findings.
///
/// reqwest-middleware gives it as `reqwest_middleware::Error::Middleware(anyhow::Error)`,
/// and that variant shows nothing of what it holds to an error chain (its `source()` is the
/// held error's source, not the held error). So once the error is in an `anyhow::Error` (a
/// `?` in a function returning `anyhow::Result`), `downcast_ref::<api4p_lint::Error>()` on
/// it, or on any error of its `chain()`, finds nothing. Take the middleware's error back out
/// first, and then this:
///
/// ```
/// use api4p_lint::middleware::{lint_error, LintMiddleware};
///
/// async fn push(client: &reqwest_middleware::ClientWithMiddleware) -> anyhow::Result<()> {
///     client
///         .patch("http://127.0.0.1:9/sales/api4partners/v0/leads-opportunities/9YEL-Y3W56Q")
///         .body(r#"{"leadOpportunity": {"partnerLeadOpportunityId": "CRM-1", "status": "WONN"}}"#)
///         .send()
///         .await?;
///     Ok(())
/// }
///
/// let client = reqwest_middleware::ClientBuilder::new(reqwest::Client::new())
///     .with(LintMiddleware::new())
///     .build();
/// # let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
/// let error: anyhow::Error = runtime.block_on(push(&client)).unwrap_err();
///
/// assert!(error.downcast_ref::<api4p_lint::Error>().is_none()); // hidden from anyhow
/// let failure = error
///     .downcast_ref::<reqwest_middleware::Error>()
///     .and_then(lint_error)
///     .expect("the middleware refused the payload");
/// assert_eq!(failure.diagnostics()[0].code(), "A4P101");
/// ```
///
/// To own it (for `miette::Report::new`, or to keep it in an error type of one's own), see
/// [`into_lint_error`].
pub fn lint_error(error: &reqwest_middleware::Error) -> Option<&Error> {
    match error {
        reqwest_middleware::Error::Middleware(error) => error.downcast_ref(),
        _ => None,
    }
}

/// The [`Error`] that stopped a request, owned; any other error given back as it came. For
/// an error type of one's own with a variant for the payloads the middleware refused, and for
/// `miette::Report::new(error)`, which shows the code frame of every finding (a
/// `reqwest_middleware::Error` made a miette report by `into_diagnostic()` shows only its
/// one-line message).
///
/// ```
/// use api4p_lint::middleware::{into_lint_error, LintMiddleware};
///
/// let client = reqwest_middleware::ClientBuilder::new(reqwest::Client::new())
///     .with(LintMiddleware::new())
///     .build();
/// let sent = client
///     .patch("http://127.0.0.1:9/sales/api4partners/v0/leads-opportunities/9YEL-Y3W56Q")
///     .body(r#"{"leadOpportunity": {"partnerLeadOpportunityId": "CRM-1", "status": "WONN"}}"#)
///     .send();
/// # let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
/// let error = runtime.block_on(sent).unwrap_err();
///
/// let failure = into_lint_error(error).expect("the middleware refused the payload");
/// let report = miette::Report::new(failure);
/// let shown = format!("{report:?}");
/// assert!(shown.contains(r#"did you mean "WON""#), "{shown}");
/// ```
pub fn into_lint_error(
    error: reqwest_middleware::Error,
) -> Result<Error, reqwest_middleware::Error> {
    match error {
        reqwest_middleware::Error::Middleware(error) => error
            .downcast::<Error>()
            .map_err(reqwest_middleware::Error::Middleware),
        other => Err(other),
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
        let url = request.url().to_string();
        let path = request.url().path();
        let (method, found) = match effective_method(&request) {
            Ok(method) => {
                let found = Operation::from_request(&method, path);
                (method, found)
            }
            Err(method) => {
                let found = match Operation::from_request(&method, path) {
                    // Outside the API, the overrides are none of the middleware's business.
                    Err(NotLinted::NotApi4Partners) => Err(NotLinted::NotApi4Partners),
                    _ => Err(NotLinted::ConflictingMethodOverrides),
                };
                (method, found)
            }
        };
        let operation = match found {
            Ok(operation) => operation,
            Err(
                why @ (NotLinted::UnknownPath
                | NotLinted::UndocumentedMethod
                | NotLinted::ConflictingMethodOverrides),
            ) => {
                self.unlinted(&method, &url, why)
                    .map_err(reqwest_middleware::Error::middleware)?;
                return next.run(request, extensions).await;
            }
            Err(_) => return next.run(request, extensions).await,
        };
        if operation.request_kind().is_ok() {
            match request.body().map(reqwest::Body::as_bytes) {
                Some(Some(bytes)) => self.check_request(&method, &url, Some(bytes)),
                None => self.check_request(&method, &url, None),
                // Never silent: a bad payload would reach DS unchecked.
                Some(None) => {
                    self.unlinted(&method, &url, NotLinted::StreamedBody)
                        .map_err(reqwest_middleware::Error::middleware)?;
                    Ok(())
                }
            }
            .map_err(reqwest_middleware::Error::middleware)?;
        }
        let response = next.run(request, extensions).await?;
        let status = response.status().as_u16();
        let kind = match operation.response_kind(status) {
            Ok(kind) => kind,
            Err(why @ NotLinted::UndocumentedStatus(_)) => {
                self.response_unlinted(&method, &url, why);
                return Ok(response);
            }
            Err(_) => return Ok(response),
        };
        if !identity_encoded(response.headers()) {
            let codings: Vec<_> = response
                .headers()
                .get_all(http::header::CONTENT_ENCODING)
                .iter()
                .map(|value| String::from_utf8_lossy(value.as_bytes()))
                .collect();
            let why = format!(
                "its content codings are not all identity ({})",
                crate::text::escape_controls(&codings.join(", "), |_| false)
            );
            unchecked(operation, "response", &why);
            return Ok(response);
        }
        let tap = Tap {
            lint: self.clone(),
            method,
            url,
            operation,
            kind,
            status,
            limit: self.response_limit(),
            copy: Vec::new(),
            held: 0,
            size: 0,
            done: false,
            inner: reqwest::Body::from(Vec::new()),
        };
        tapped(response, tap)
    }
}

/// One event per finding at its severity's level, for the first [`MAX_LOGGED_FINDINGS`] of a
/// body; then one event counting the rest (the callback gets them all).
fn log_findings(
    operation: Operation,
    kind: PayloadKind,
    status: Option<u16>,
    findings: &[Diagnostic],
) {
    macro_rules! event {
        ($level:expr, $finding:expr) => {
            tracing::event!(
                target: "api4p_lint::middleware",
                $level,
                operation = operation.operation_id(),
                %kind,
                status,
                code = $finding.code(),
                severity = $finding.severity.as_str(),
                pointer = %$finding.pointer,
                "{}",
                $finding.message
            )
        };
    }
    for finding in findings.iter().take(MAX_LOGGED_FINDINGS) {
        match finding.severity {
            Severity::Error => event!(tracing::Level::ERROR, finding),
            Severity::Warning => event!(tracing::Level::WARN, finding),
            Severity::Info => event!(tracing::Level::INFO, finding),
        }
    }
    let more = findings.len().saturating_sub(MAX_LOGGED_FINDINGS);
    if more > 0 {
        tracing::warn!(
            target: "api4p_lint::middleware",
            operation = operation.operation_id(),
            %kind,
            status,
            more,
            "and {more} more findings in this body, not logged one by one"
        );
    }
}

/// At most this many findings of one body are logged one event each.
pub const MAX_LOGGED_FINDINGS: usize = 20;

fn unchecked(operation: Operation, what: &str, why: &str) {
    tracing::debug!(
        target: "api4p_lint::middleware",
        operation = operation.operation_id(),
        "{what} not checked: {why}"
    );
}

/// The response with its body streaming through `tap`: the same status, version, headers,
/// extensions and URL, and a body whose size hint (`content_length()`) is the original's.
fn tapped(response: Response, mut tap: Tap) -> reqwest_middleware::Result<Response> {
    let url = response.url().clone();
    let (parts, body) = http::Response::<reqwest::Body>::from(response).into_parts();
    tap.inner = body;
    // `url` is kept through reqwest's own extension, which only its builder can set.
    let mut rebuilt = http::Response::builder()
        .url(url)
        .body(reqwest::Body::wrap(tap))
        .map_err(reqwest_middleware::Error::middleware)?;
    *rebuilt.status_mut() = parts.status;
    *rebuilt.version_mut() = parts.version;
    *rebuilt.headers_mut() = parts.headers;
    rebuilt.extensions_mut().extend(parts.extensions);
    Ok(Response::from(rebuilt))
}

/// A response body passed through to the caller frame by frame, a copy kept up to the
/// linter's limit, linted once the caller has read it to its end.
struct Tap {
    lint: LintMiddleware,
    method: String,
    url: String,
    operation: Operation,
    kind: PayloadKind,
    status: u16,
    limit: usize,
    /// The body so far, while it is within `limit`; emptied (and freed) beyond it.
    copy: Vec<u8>,
    /// The bytes of `copy` counted in the middleware's [`ResponseLints::held`].
    held: usize,
    /// The body's size so far.
    size: u64,
    /// Linted, or given up on: nothing more to do.
    done: bool,
    inner: reqwest::Body,
}

impl Tap {
    fn keep(&mut self, data: &[u8]) {
        if self.done {
            return;
        }
        let within = self.size <= self.limit as u64;
        self.size = self.size.saturating_add(data.len() as u64);
        if self.size <= self.limit as u64 {
            if !self.hold(data.len()) {
                self.shed();
                return;
            }
            self.copy.extend_from_slice(data);
        } else if within {
            // Over the limit: never held, whatever the body's size.
            self.copy = Vec::new();
            self.release();
        }
    }

    /// Counts `bytes` more of copy among the middleware's held bytes, unless that would go
    /// beyond its bound.
    fn hold(&mut self, bytes: usize) -> bool {
        let max = self.lint.max_held_response_bytes;
        let taken = self
            .lint
            .responses
            .held
            .fetch_update(Ordering::AcqRel, Ordering::Acquire, |held| {
                held.checked_add(bytes).filter(|&total| total <= max)
            })
            .is_ok();
        if taken {
            self.held += bytes;
        }
        taken
    }

    fn release(&mut self) {
        let bytes = std::mem::take(&mut self.held);
        self.lint.responses.held.fetch_sub(bytes, Ordering::AcqRel);
    }

    /// Too many bytes held for linting already: this body is not linted, its copy freed.
    fn shed(&mut self) {
        self.done = true;
        self.copy = Vec::new();
        self.release();
        tracing::warn!(
            target: "api4p_lint::middleware",
            operation = self.operation.operation_id(),
            status = self.status,
            "response not checked: the responses being read and linted hold as many bytes \
             of copies as allowed already (max_held_response_bytes: {})",
            self.lint.max_held_response_bytes
        );
    }

    /// The body ended: lint it, or report that it is too large to be, off the caller's task
    /// when it can.
    fn finish(&mut self) {
        if std::mem::replace(&mut self.done, true) {
            return;
        }
        let job = if self.size > self.limit as u64 {
            Job::TooLarge(self.size)
        } else {
            let body = std::mem::take(&mut self.copy);
            // Counted until its lint is over, then given back.
            let held = Held(
                Arc::clone(&self.lint.responses),
                std::mem::take(&mut self.held),
            );
            let Some(slot) = LintSlot::take(&self.lint.responses, self.lint.max_response_lints)
            else {
                tracing::warn!(
                    target: "api4p_lint::middleware",
                    operation = self.operation.operation_id(),
                    status = self.status,
                    size = body.len(),
                    "response not checked: as many response lints as allowed are running \
                     already (max_concurrent_response_lints: {})",
                    self.lint.max_response_lints
                );
                return;
            };
            Job::Lint(body, slot, held)
        };
        let pending = Pending::new(&self.lint.responses);
        let lint = self.lint.clone();
        let (method, url) = (
            std::mem::take(&mut self.method),
            std::mem::take(&mut self.url),
        );
        let (operation, kind, status, limit) = (self.operation, self.kind, self.status, self.limit);
        let work = move || {
            let _pending = pending;
            match job {
                Job::Lint(body, _slot, _held) => lint.check_response(&method, &url, status, &body),
                Job::TooLarge(size) => {
                    let direction = Direction::Response(status);
                    let finding = crate::rules::syntax::payload_too_large::diagnostic(size, limit)
                        .with_label("not linted");
                    let report =
                        Report::new(source(operation, direction, b""), Some(kind), vec![finding]);
                    lint.report(report, operation, direction, &url, b"");
                }
            }
        };
        // A body of millions of tiny values takes seconds and a multiple of its size to lint:
        // never on the task polling it, which may be a current-thread runtime's only one.
        match tokio::runtime::Handle::try_current() {
            Ok(runtime) => drop(runtime.spawn_blocking(work)),
            Err(_) => work(),
        }
    }

    fn give_up(&mut self, why: &str) {
        if !std::mem::replace(&mut self.done, true) {
            self.copy = Vec::new();
            self.release();
            unchecked(self.operation, "response", why);
        }
    }
}

/// What a finished body's findings take.
enum Job {
    /// Lint the copy, in one of the slots, its bytes counted as held until then.
    Lint(Vec<u8>, LintSlot, Held),
    /// Report a body of this size over the limit.
    TooLarge(u64),
}

impl Drop for Tap {
    fn drop(&mut self) {
        self.give_up("the caller dropped its body before the end");
        self.release();
    }
}

impl http_body::Body for Tap {
    type Data = bytes::Bytes;
    type Error = reqwest::Error;

    fn poll_frame(
        mut self: std::pin::Pin<&mut Self>,
        cx: &mut std::task::Context<'_>,
    ) -> std::task::Poll<Option<Result<http_body::Frame<Self::Data>, Self::Error>>> {
        use std::task::Poll;
        let this = &mut *self;
        let polled = std::pin::Pin::new(&mut this.inner).poll_frame(cx);
        match &polled {
            Poll::Ready(Some(Ok(frame))) => {
                if let Some(data) = frame.data_ref() {
                    this.keep(data);
                }
                if this.inner.is_end_stream() {
                    this.finish();
                }
            }
            Poll::Ready(None) => this.finish(),
            Poll::Ready(Some(Err(_))) => this.give_up("reading its body failed"),
            Poll::Pending => {}
        }
        polled
    }

    fn is_end_stream(&self) -> bool {
        self.inner.is_end_stream()
    }

    fn size_hint(&self) -> http_body::SizeHint {
        self.inner.size_hint()
    }
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

    /// An API key response's key never reaches the callback, even without redaction: a new
    /// member beside it is a finding whose frame would show the key's line.
    #[test]
    fn an_api_keys_secret_never_reaches_the_callback() {
        const KEY: &str = "5839bcfabb9e0d20f889f366dbfbbe2973c152cfbe91fae728a9f7e662ce1a2d";
        const HASH: &str = "$2b$12$8tcF4MTIDcup3WEo8fFSieGIYEnp/DTLHSTivUCcW2II/VVwRI9Qm";
        let (lint, seen) = recording(LintMiddleware::new());
        let body = format!(
            "{{\n  \"hashed_key\": \"{HASH}\",\n  \"api_key\": \"{KEY}\",\n  \"expiresAt\": \"2027-01-01\"\n}}"
        );
        lint.check_response(
            "POST",
            "/order/api4partners/v0/apikeys",
            200,
            body.as_bytes(),
        );
        let seen = seen.lock().unwrap();
        assert_eq!(seen.len(), 1);
        let shown = format!("{:?} {}", seen[0], seen[0].rendered);
        assert!(shown.contains("expiresAt"), "{shown}");
        for secret in [KEY, &KEY[..16], &KEY[40..], HASH, &HASH[7..30]] {
            assert!(!shown.contains(secret), "{secret} in {shown}");
        }
    }

    /// Redacted, `on_unlinted` gets no URL but the path with its ids and query masked, for
    /// requests and responses alike: an operator still tells which call went unlinted.
    #[test]
    fn redacted_unlinted_calls_are_named_by_their_masked_path() {
        let seen = Arc::new(Mutex::new(Vec::new()));
        let log = Arc::clone(&seen);
        let lint = LintMiddleware::new()
            .redact(true)
            .on_unlinted(move |u| log.lock().unwrap().push(u.clone()));
        let lead =
            "https://apigw-prd.3ds.com/sales/api4partners/v0/leads-opportunities/9YEL-Y3W56Q";
        lint.unlinted(
            "PUT",
            &format!("{lead}?owner=jane.doe"),
            NotLinted::UndocumentedMethod,
        )
        .unwrap();
        lint.response_unlinted("GET", lead, NotLinted::UndocumentedStatus(404));
        let unknown = "http://proxy.local/crm-7/order/api4partners/v0/invoices/INV-42";
        lint.unlinted("POST", unknown, NotLinted::UnknownPath)
            .unwrap();
        let seen = seen.lock().unwrap();
        let shown: Vec<_> = seen
            .iter()
            .map(|u| (u.url.clone(), u.path.as_str()))
            .collect();
        assert_eq!(
            shown,
            [
                (None, "/sales/api4partners/v0/leads-opportunities/{id}?{…}"),
                (None, "/sales/api4partners/v0/leads-opportunities/{id}"),
                (None, "/{…}/order/api4partners/v0/{…}/{…}"),
            ]
        );
        // Unredacted, the URL too.
        let seen = Arc::new(Mutex::new(Vec::new()));
        let log = Arc::clone(&seen);
        let lint = LintMiddleware::new().on_unlinted(move |u| log.lock().unwrap().push(u.clone()));
        lint.response_unlinted("GET", lead, NotLinted::UndocumentedStatus(404));
        let seen = seen.lock().unwrap();
        assert_eq!(seen[0].url.as_deref(), Some(lead));
        assert_eq!(
            seen[0].path,
            "/sales/api4partners/v0/leads-opportunities/{id}"
        );
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

    /// The `tracing` events of the current thread: level and message; and every event's
    /// other fields, by name, as `Debug` shows their values.
    #[derive(Clone, Default)]
    #[allow(clippy::type_complexity)]
    struct Capture(
        Arc<Mutex<Vec<(tracing::Level, String)>>>,
        Arc<Mutex<Vec<Vec<(&'static str, String)>>>>,
    );

    impl tracing::Subscriber for Capture {
        fn enabled(&self, _: &tracing::Metadata<'_>) -> bool {
            true
        }
        fn new_span(&self, _: &tracing::span::Attributes<'_>) -> tracing::span::Id {
            tracing::span::Id::from_u64(1)
        }
        fn record(&self, _: &tracing::span::Id, _: &tracing::span::Record<'_>) {}
        fn record_follows_from(&self, _: &tracing::span::Id, _: &tracing::span::Id) {}
        fn event(&self, event: &tracing::Event<'_>) {
            #[derive(Default)]
            struct EventText(String, Vec<(&'static str, String)>);
            impl tracing::field::Visit for EventText {
                fn record_debug(&mut self, field: &tracing::field::Field, value: &dyn fmt::Debug) {
                    if field.name() == "message" {
                        self.0 = format!("{value:?}");
                    } else {
                        self.1.push((field.name(), format!("{value:?}")));
                    }
                }
            }
            let mut message = EventText::default();
            event.record(&mut message);
            self.0
                .lock()
                .unwrap()
                .push((*event.metadata().level(), message.0));
            self.1.lock().unwrap().push(message.1);
        }
        fn enter(&self, _: &tracing::span::Id) {}
        fn exit(&self, _: &tracing::span::Id) {}
    }

    fn logged(run: impl FnOnce()) -> Vec<(tracing::Level, String)> {
        let capture = Capture::default();
        tracing::subscriber::with_default(capture.clone(), run);
        let events = capture.0.lock().unwrap().clone();
        events
    }

    /// The fields of every event `run` logs, but the message.
    fn logged_fields(run: impl FnOnce()) -> Vec<Vec<(&'static str, String)>> {
        let capture = Capture::default();
        tracing::subscriber::with_default(capture.clone(), run);
        let fields = capture.1.lock().unwrap().clone();
        fields
    }

    /// The callback names the call by its masked path, redacted or not; the URL only when not
    /// redacting.
    #[test]
    fn findings_name_the_call_by_its_masked_path() {
        let body =
            br#"{"leadOpportunity": {"partnerLeadOpportunityId": "CRM-1", "status": "WONN"}}"#;
        let url = format!("{CREATE}/9YEL-Y3W56Q?owner=jane.doe");
        for redact in [false, true] {
            let (lint, seen) = recording(LintMiddleware::new().stop_at(None).redact(redact));
            lint.check_request("PATCH", &url, Some(body)).unwrap();
            lint.check_response("GET", &url, 200, b"{}");
            let seen = seen.lock().unwrap();
            let named: Vec<_> = seen
                .iter()
                .map(|f| (f.url.as_deref(), f.path.as_str()))
                .collect();
            let shown_url = (!redact).then_some(url.as_str());
            let path = "/sales/api4partners/v0/leads-opportunities/{id}?{…}";
            assert_eq!(
                named,
                [(shown_url, path), (shown_url, path)],
                "redact {redact}"
            );
        }
    }

    /// A method override header is the caller's to fill with anything: only an HTTP method
    /// reaches `Unlinted::method` and the log as it is; anything else is `{…}` when
    /// redacting, else escaped and cut.
    #[test]
    fn a_method_override_shows_only_an_http_method() {
        let url = "https://apigw-prd.3ds.com/sales/api4partners/v0/leads-opportunities";
        let long = format!("SECRET\u{202e}{}", "X".repeat(60));
        for (value, redacted, shown) in [
            ("SECRET-OVERRIDE-DATA", "{…}", "SECRET-OVERRIDE-DATA"),
            ("delete", "delete", "delete"),
            (
                long.as_str(),
                "{…}",
                &format!("SECRET\\u202e{}…", "X".repeat(33)),
            ),
        ] {
            let mut request = Request::new(reqwest::Method::POST, url.parse().unwrap());
            request.headers_mut().insert(
                "x-http-method-override",
                value.as_bytes().try_into().unwrap(),
            );
            let method = effective_method(&request).unwrap();
            for (redact, expected) in [(true, redacted), (false, shown)] {
                let seen = Arc::new(Mutex::new(Vec::new()));
                let lint = LintMiddleware::new().redact(redact).on_unlinted({
                    let seen = Arc::clone(&seen);
                    move |u: &Unlinted| seen.lock().unwrap().push(u.method.clone())
                });
                let events = logged_fields(|| {
                    lint.unlinted(&method, url, NotLinted::UndocumentedMethod)
                        .unwrap();
                });
                assert_eq!(*seen.lock().unwrap(), [expected], "{value} redact {redact}");
                let [fields] = &events[..] else {
                    panic!("{events:?}");
                };
                let logged = fields.iter().find(|(n, _)| *n == "method").map(|(_, v)| v);
                assert_eq!(logged, Some(&format!("{expected:?}")), "{fields:?}");
                if redact && expected == "{…}" {
                    assert!(!format!("{fields:?}").contains("SECRET"), "{fields:?}");
                }
            }
        }
    }

    /// What went unlinted is logged with its masked path as `path`, and its URL as `url`
    /// only when not redacting: never the path under the URL's name.
    #[test]
    fn unlinted_calls_are_logged_with_a_path_and_a_url_only_unredacted() {
        let lead =
            "https://apigw-prd.3ds.com/sales/api4partners/v0/leads-opportunities/9YEL-Y3W56Q";
        let path = "/sales/api4partners/v0/leads-opportunities/{id}";
        for redact in [false, true] {
            let lint = LintMiddleware::new().redact(redact);
            let events = logged_fields(|| {
                lint.unlinted("PUT", lead, NotLinted::UndocumentedMethod)
                    .unwrap();
                lint.response_unlinted("GET", lead, NotLinted::UndocumentedStatus(404));
            });
            assert_eq!(events.len(), 2);
            for fields in events {
                let named = |name| fields.iter().find(|(n, _)| *n == name).map(|(_, v)| v);
                assert_eq!(named("path"), Some(&format!("{path:?}")), "{fields:?}");
                let url = format!("{lead:?}");
                assert_eq!(named("url"), (!redact).then_some(&url), "{fields:?}");
            }
        }
    }

    #[test]
    fn each_finding_is_logged_at_its_severity() {
        let lint = LintMiddleware::new().stop_at(None);
        // An error (`WONN`) and a warning (`customerContact` is the GET response's member).
        let body = br#"{"leadOpportunity": {"partnerLeadOpportunityId": "CRM-1", "status": "WONN"}, "customerContact": []}"#;
        let url = format!("{CREATE}/9YEL-Y3W56Q");
        let events = logged(|| lint.check_request("PATCH", &url, Some(body)).unwrap());
        let levels: Vec<tracing::Level> = events.iter().map(|(level, _)| *level).collect();
        assert_eq!(
            levels,
            [tracing::Level::ERROR, tracing::Level::WARN],
            "{events:?}"
        );
    }

    #[test]
    fn a_body_with_thousands_of_findings_logs_a_bounded_number_of_events() {
        let (lint, seen) = recording(LintMiddleware::new().stop_at(None));
        let members: Vec<String> = (0..3000).map(|i| format!(r#""x{i}": 1"#)).collect();
        let body = format!(
            r#"{{"leadOpportunity": {{"partnerLeadOpportunityId": "CRM-1", {}}}}}"#,
            members.join(", ")
        );
        let url = format!("{CREATE}/9YEL-Y3W56Q");
        let events = logged(|| {
            lint.check_request("PATCH", &url, Some(body.as_bytes()))
                .unwrap()
        });
        let found = seen.lock().unwrap()[0].diagnostics.len();
        assert!(found > MAX_LOGGED_FINDINGS + 1, "{found} findings");
        assert_eq!(events.len(), MAX_LOGGED_FINDINGS + 1, "{events:?}");
        assert_eq!(
            events[MAX_LOGGED_FINDINGS].1,
            format!(
                "and {} more findings in this body, not logged one by one",
                found - MAX_LOGGED_FINDINGS
            )
        );
    }

    /// A body of `chunks` frames of `size` bytes each.
    struct Frames {
        left: usize,
        size: usize,
    }

    impl http_body::Body for Frames {
        type Data = bytes::Bytes;
        type Error = std::convert::Infallible;

        fn poll_frame(
            mut self: std::pin::Pin<&mut Self>,
            _: &mut std::task::Context<'_>,
        ) -> std::task::Poll<Option<Result<http_body::Frame<bytes::Bytes>, Self::Error>>> {
            if self.left == 0 {
                return std::task::Poll::Ready(None);
            }
            self.left -= 1;
            let frame = http_body::Frame::data(bytes::Bytes::from(vec![b' '; self.size]));
            std::task::Poll::Ready(Some(Ok(frame)))
        }
    }

    /// Copies are held from a body's first byte: the bytes they hold together are bounded,
    /// across bodies in flight, and a body that would go beyond is not linted (and says so);
    /// a body dropped gives its bytes back.
    #[test]
    fn copies_beyond_the_held_bytes_are_freed_and_logged() {
        let lint = LintMiddleware::new().max_held_response_bytes(1500);
        let streaming = |lint: &LintMiddleware| {
            let mut tap = tap(lint, b"");
            tap.inner = reqwest::Body::wrap(Frames {
                left: 3,
                size: 1000,
            });
            tap
        };
        let poll = |tap: &mut Tap| {
            let mut cx = std::task::Context::from_waker(std::task::Waker::noop());
            let polled = http_body::Body::poll_frame(std::pin::Pin::new(tap), &mut cx);
            assert!(matches!(polled, std::task::Poll::Ready(Some(Ok(_)))));
        };
        let held = |lint: &LintMiddleware| lint.responses.held.load(Ordering::Acquire);
        let mut first = streaming(&lint);
        poll(&mut first);
        assert_eq!((held(&lint), first.copy.len()), (1000, 1000));

        let mut second = streaming(&lint);
        let events = logged(|| poll(&mut second));
        assert_eq!(
            events,
            [(
                tracing::Level::WARN,
                "response not checked: the responses being read and linted hold as many bytes \
                 of copies as allowed already (max_held_response_bytes: 1500)"
                    .to_owned()
            )]
        );
        assert!(second.done && second.copy.capacity() == 0);
        // The shed body streams on, copying nothing more.
        poll(&mut second);
        assert_eq!((held(&lint), second.copy.capacity()), (1000, 0));

        drop(first);
        assert_eq!(held(&lint), 0);
        let mut third = streaming(&lint);
        poll(&mut third);
        assert_eq!(held(&lint), 1000);
        drop((second, third));
        assert_eq!(held(&lint), 0);
    }

    #[test]
    fn a_body_over_the_limit_is_never_held() {
        let mut config = crate::Config::default();
        config.set_max_payload_bytes(10_000);
        let (lint, seen) =
            recording(LintMiddleware::new().with_linter(Linter::with_config(config)));
        let mut tap = Tap {
            lint,
            method: "GET".into(),
            url: format!("{CREATE}/9YEL-Y3W56Q"),
            operation: Operation::GetLeadOpportunity,
            kind: PayloadKind::GetResponse,
            status: 200,
            limit: 10_000,
            copy: Vec::new(),
            held: 0,
            size: 0,
            done: false,
            inner: reqwest::Body::wrap(Frames {
                left: 1000,
                size: 1000,
            }),
        };
        let mut cx = std::task::Context::from_waker(std::task::Waker::noop());
        let mut passed = 0;
        loop {
            let polled = http_body::Body::poll_frame(std::pin::Pin::new(&mut tap), &mut cx);
            match polled {
                std::task::Poll::Ready(Some(Ok(frame))) => {
                    passed += frame.into_data().unwrap().len();
                }
                std::task::Poll::Ready(None) => break,
                other => panic!("{other:?}"),
            }
            assert!(
                tap.copy.capacity() <= 2 * 10_000,
                "{} held",
                tap.copy.capacity()
            );
        }
        assert_eq!(passed, 1_000_000);
        let seen = seen.lock().unwrap();
        assert_eq!(seen.len(), 1);
        assert_eq!(seen[0].diagnostics[0].code(), "A4P005");
        assert_eq!(
            seen[0].diagnostics[0].message,
            "the payload is 1000000 bytes, over the limit of 10000 bytes"
        );
    }

    /// A lead's GET response reading `body`, as the middleware taps it.
    fn tap(lint: &LintMiddleware, body: &'static [u8]) -> Tap {
        Tap {
            lint: lint.clone(),
            method: "GET".into(),
            url: format!("{CREATE}/9YEL-Y3W56Q"),
            operation: Operation::GetLeadOpportunity,
            kind: PayloadKind::GetResponse,
            status: 200,
            limit: 10_000,
            copy: Vec::new(),
            held: 0,
            size: 0,
            done: false,
            inner: reqwest::Body::from(body),
        }
    }

    /// Reads `tap` to its end, as the caller would.
    fn read_to_end(tap: &mut Tap) {
        let mut cx = std::task::Context::from_waker(std::task::Waker::noop());
        loop {
            match http_body::Body::poll_frame(std::pin::Pin::new(&mut *tap), &mut cx) {
                std::task::Poll::Ready(Some(Ok(_))) => {}
                std::task::Poll::Ready(None) => break,
                other => panic!("{other:?}"),
            }
        }
    }

    /// With the default bound, two lints at once: a body finished while two others are
    /// being linted is not linted, and says so; a slot is free again once a lint has
    /// reported.
    #[test]
    fn response_lints_beyond_the_bound_are_skipped_and_logged() {
        let runtime = tokio::runtime::Builder::new_current_thread()
            .build()
            .unwrap();
        let (started, starts) = std::sync::mpsc::channel();
        let (release, released) = std::sync::mpsc::channel::<()>();
        let released = Mutex::new(released);
        let lint = LintMiddleware::new().on_findings(move |findings| {
            started.send(findings.diagnostics[0].code()).unwrap();
            // Held until the test lets it go: the slot stays taken meanwhile.
            let waited = released
                .lock()
                .unwrap()
                .recv_timeout(std::time::Duration::from_secs(30));
            assert!(waited.is_ok(), "never released");
        });
        let wait = std::time::Duration::from_secs(30);
        runtime.block_on(async {
            let mut held: Vec<Tap> = (0..2).map(|_| tap(&lint, b"<html>")).collect();
            for tap in &mut held {
                read_to_end(tap);
                assert_eq!(starts.recv_timeout(wait), Ok("A4P001"));
            }

            let mut skipped = tap(&lint, b"{}");
            let events = logged(|| read_to_end(&mut skipped));
            assert_eq!(
                events,
                [(
                    tracing::Level::WARN,
                    "response not checked: as many response lints as allowed are running \
                     already (max_concurrent_response_lints: 2)"
                        .to_owned()
                )]
            );

            release.send(()).unwrap();
            release.send(()).unwrap();
            lint.responses_linted().await;
            let mut third = tap(&lint, b"{}");
            read_to_end(&mut third);
            assert_eq!(starts.recv_timeout(wait), Ok("A4P102"));
            release.send(()).unwrap();
            lint.responses_linted().await;
        });
        assert!(starts.try_recv().is_err(), "the skipped body was linted");
    }

    /// Bodies read to their end, linted on tokio's blocking pool: `responses_linted` waits
    /// for all of them, and the middleware never lints more than its bound at once.
    #[test]
    fn responses_linted_waits_for_every_finished_body() {
        let runtime = tokio::runtime::Builder::new_current_thread()
            .build()
            .unwrap();
        let (lint, seen) = recording(LintMiddleware::new().max_concurrent_response_lints(64));
        runtime.block_on(async {
            let mut taps: Vec<Tap> = (0..8).map(|_| tap(&lint, b"<html>")).collect();
            for tap in &mut taps {
                read_to_end(tap);
            }
            lint.responses_linted().await;
            assert_eq!(seen.lock().unwrap().len(), 8);
        });
        assert_eq!(lint.responses.linting.load(Ordering::Acquire), 0);
        assert_eq!(lint.responses.pending.load(Ordering::Acquire), 0);
    }
}
