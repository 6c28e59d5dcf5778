//! The middleware's edges. Response bodies that stream: a slow chunked body, a body over the
//! linter's limit, encodings; the response is handed on as soon as its headers arrive, its
//! body passes through chunk by chunk, and the findings come once the caller has read it,
//! from tokio's blocking pool (the tests wait for them with `responses_linted`, bounded by a
//! timeout). Endpoints: a proxy's base path, paths and methods under the API that no
//! operation is (reported, or refused when asked), method overrides.

use std::convert::Infallible;
use std::pin::Pin;
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll};
use std::time::Duration;

use api4p_lint::endpoint::NotLinted;
use api4p_lint::middleware::{
    lint_error, Direction, Findings, LintMiddleware, UnknownEndpoint, Unlinted,
};
use api4p_lint::{Config, Linter, PayloadKind};
use bytes::Bytes;
use hyper::body::{Frame, Incoming};
use hyper::service::service_fn;
use hyper_util::rt::TokioIo;
use tokio::sync::mpsc;

const SEED: &str = include_str!("../../fixtures/spec/get-response/seed.json");
const GET: &str = "/sales/api4partners/v0/leads-opportunities/HCRQ-F1LLDE";

/// A response body made of the chunks the test sends, as they come: chunked transfer
/// encoding unless the response names its length.
struct Chunks(mpsc::UnboundedReceiver<Bytes>);

impl hyper::body::Body for Chunks {
    type Data = Bytes;
    type Error = Infallible;

    fn poll_frame(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
    ) -> Poll<Option<Result<Frame<Bytes>, Infallible>>> {
        self.0
            .poll_recv(cx)
            .map(|chunk| chunk.map(|data| Ok(Frame::data(data))))
    }
}

/// A server answering its one request with 200, `headers` and the chunks sent on the
/// returned sender (the body ends when the sender is dropped).
async fn serving(headers: &[(&'static str, String)]) -> (String, mpsc::UnboundedSender<Bytes>) {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    let (send, receive) = mpsc::unbounded_channel();
    let body = Arc::new(Mutex::new(Some(receive)));
    let headers = headers.to_vec();
    tokio::spawn(async move {
        let (stream, _) = listener.accept().await.unwrap();
        let service = service_fn(move |_: hyper::Request<Incoming>| {
            let body = body.lock().unwrap().take().expect("one request");
            let mut response = hyper::Response::builder()
                .status(200)
                .header("content-type", "application/json");
            for (name, value) in &headers {
                response = response.header(*name, value);
            }
            async move { Ok::<_, Infallible>(response.body(Chunks(body)).unwrap()) }
        });
        let _ = hyper::server::conn::http1::Builder::new()
            .serve_connection(TokioIo::new(stream), service)
            .await;
    });
    (url, send)
}

fn recording(lint: LintMiddleware) -> (LintMiddleware, Arc<Mutex<Vec<Findings>>>) {
    let seen = Arc::new(Mutex::new(Vec::new()));
    let log = Arc::clone(&seen);
    let lint = lint.on_findings(move |findings| log.lock().unwrap().push(findings.clone()));
    (lint, seen)
}

/// Waits for the findings of every response body read so far: they come from tokio's
/// blocking pool, after the caller's read has returned.
async fn linted(lint: &LintMiddleware) {
    tokio::time::timeout(Duration::from_secs(60), lint.responses_linted())
        .await
        .expect("the response lints end within a minute");
}

fn client(lint: LintMiddleware) -> reqwest_middleware::ClientWithMiddleware {
    reqwest_middleware::ClientBuilder::new(reqwest::Client::new())
        .with(lint)
        .build()
}

fn limited(bytes: usize) -> LintMiddleware {
    let config = Config::parse(
        "api4p-lint.toml",
        &format!("[limits]\nmax-payload-bytes = {bytes}\n"),
        None,
    )
    .unwrap();
    LintMiddleware::new().with_linter(Linter::with_config(config))
}

fn codes(findings: &Findings) -> Vec<(&str, &str)> {
    findings
        .diagnostics
        .iter()
        .map(|d| (d.code(), d.pointer.as_str()))
        .collect()
}

#[tokio::test]
async fn a_slow_body_is_handed_on_at_once_and_linted_once_read() {
    let body = SEED.replacen(r#""status": "WON""#, r#""status": "ON_HOLD""#, 1);
    let (first, rest) = body.split_at(body.len() / 2);
    let (url, chunks) = serving(&[]).await;
    let (lint, seen) = recording(LintMiddleware::new());
    chunks.send(Bytes::from(first.to_owned())).unwrap();

    // The rest of the body is sent only once the caller has the response: a middleware
    // that held the response until its body ended would wait forever (here, until the
    // guard fails the test).
    let sent = client(lint.clone()).get(format!("{url}{GET}")).send();
    let mut response = tokio::time::timeout(Duration::from_secs(30), sent)
        .await
        .expect("the middleware held the response back until its body ended")
        .unwrap();
    assert_eq!(response.status(), 200);
    assert_eq!(
        response.content_length(),
        None,
        "a chunked body has no length"
    );
    assert!(
        seen.lock().unwrap().is_empty(),
        "linted before the body ended"
    );

    // The first chunk reaches the caller before the rest exists.
    let mut read = response
        .chunk()
        .await
        .unwrap()
        .expect("the first chunk")
        .to_vec();
    assert_eq!(read, first.as_bytes());
    chunks.send(Bytes::from(rest.to_owned())).unwrap();
    drop(chunks);
    while let Some(chunk) = response.chunk().await.unwrap() {
        read.extend_from_slice(&chunk);
    }
    assert_eq!(read, body.as_bytes());

    linted(&lint).await;
    let seen = seen.lock().unwrap();
    assert_eq!(seen.len(), 1, "{seen:?}");
    assert_eq!(seen[0].kind, PayloadKind::GetResponse);
    assert_eq!(seen[0].direction, Direction::Response(200));
    assert_eq!(
        codes(&seen[0]),
        [("A4P101", "/data/leadOpportunity/status")]
    );
}

#[tokio::test]
async fn a_body_over_the_limit_streams_through_unlinted_and_is_reported_once() {
    // 1 MiB in 64 KiB chunks, over a limit of 4 KiB.
    let chunk = Bytes::from(vec![b' '; 64 << 10]);
    let (url, chunks) = serving(&[]).await;
    let (lint, seen) = recording(limited(4096));
    for _ in 0..16 {
        chunks.send(chunk.clone()).unwrap();
    }
    drop(chunks);

    let response = client(lint.clone())
        .get(format!("{url}{GET}"))
        .send()
        .await
        .unwrap();
    let read = response.bytes().await.unwrap();
    assert_eq!(read.len(), 16 * chunk.len());
    assert!(read.iter().all(|&b| b == b' '));

    linted(&lint).await;
    let seen = seen.lock().unwrap();
    assert_eq!(seen.len(), 1, "{seen:?}");
    assert_eq!(codes(&seen[0]), [("A4P005", "")]);
    assert_eq!(
        seen[0].diagnostics[0].message,
        "the payload is 1048576 bytes, over the limit of 4096 bytes"
    );
}

#[tokio::test]
async fn a_body_of_known_length_keeps_its_length() {
    let (url, chunks) = serving(&[("content-length", SEED.len().to_string())]).await;
    let (lint, seen) = recording(LintMiddleware::new());
    chunks.send(Bytes::from_static(SEED.as_bytes())).unwrap();
    drop(chunks);

    let response = client(lint.clone())
        .get(format!("{url}{GET}"))
        .send()
        .await
        .unwrap();
    assert_eq!(response.content_length(), Some(SEED.len() as u64));
    assert_eq!(response.bytes().await.unwrap(), SEED.as_bytes());
    linted(&lint).await;
    assert!(seen.lock().unwrap().is_empty(), "the seed is valid");
}

/// The body with `content-encoding` headers of these values, read to its end: what the
/// callback received.
async fn encoded(encodings: &[&str]) -> Vec<Findings> {
    let body = SEED.replacen(r#""status": "WON""#, r#""status": "ON_HOLD""#, 1);
    let headers: Vec<_> = encodings
        .iter()
        .map(|coding| ("content-encoding", (*coding).to_owned()))
        .collect();
    let (url, chunks) = serving(&headers).await;
    let (lint, seen) = recording(LintMiddleware::new());
    chunks.send(Bytes::from(body.clone())).unwrap();
    drop(chunks);

    let response = client(lint.clone())
        .get(format!("{url}{GET}"))
        .send()
        .await
        .unwrap();
    assert_eq!(response.text().await.unwrap(), body, "{encodings:?}");
    linted(&lint).await;
    let seen = seen.lock().unwrap().clone();
    seen
}

#[tokio::test]
async fn an_identity_encoding_is_linted_whatever_its_case() {
    for encodings in [
        &["IDENTITY"][..],
        &[" Identity , identity,"],
        &["identity", "IDENTITY"],
    ] {
        let seen = encoded(encodings).await;
        assert_eq!(seen.len(), 1, "{encodings:?}: {seen:?}");
        assert_eq!(
            codes(&seen[0]),
            [("A4P101", "/data/leadOpportunity/status")]
        );
    }
}

/// Every `Content-Encoding` header counts, and every coding in each one's list: a body is
/// linted only when each is `identity`.
#[tokio::test]
async fn a_body_with_any_other_coding_is_not_linted() {
    for encodings in [
        &["gzip"][..],
        &["identity, gzip"],
        &["identity", "gzip"],
        &["IDENTITY", " br "],
        &["gzip", "identity"],
    ] {
        let seen = encoded(encodings).await;
        assert!(seen.is_empty(), "{encodings:?}: linted {seen:?}");
    }
}

/// The lint runs on tokio's blocking pool: the caller's last read returns while the
/// callback is still held (here until the test releases it), and the callback runs on
/// another thread than the caller's current-thread runtime.
#[tokio::test]
async fn a_response_is_linted_off_the_callers_task() {
    let body = SEED.replacen(r#""status": "WON""#, r#""status": "ON_HOLD""#, 1);
    let (url, chunks) = serving(&[]).await;
    chunks.send(Bytes::from(body.clone())).unwrap();
    drop(chunks);
    let (release, released) = std::sync::mpsc::channel::<()>();
    let released = Mutex::new(released);
    let seen = Arc::new(Mutex::new(Vec::new()));
    let log = Arc::clone(&seen);
    let lint = LintMiddleware::new().on_findings(move |findings| {
        let waited = released
            .lock()
            .unwrap()
            .recv_timeout(Duration::from_secs(30));
        log.lock().unwrap().push((
            std::thread::current().id(),
            waited.is_ok(),
            findings.diagnostics[0].code(),
        ));
    });

    let response = client(lint.clone())
        .get(format!("{url}{GET}"))
        .send()
        .await
        .unwrap();
    assert_eq!(response.text().await.unwrap(), body);
    // Only now may the callback return: had it run inside the read, it would have waited
    // 30 seconds for a release that comes too late.
    release.send(()).unwrap();
    linted(&lint).await;
    let seen = seen.lock().unwrap();
    assert_eq!(seen.len(), 1);
    let (thread, waited, code) = seen[0];
    assert!(waited, "the callback ran inside the caller's read");
    assert_ne!(thread, std::thread::current().id());
    assert_eq!(code, "A4P101");
}

/// The response limit is lower than the command line's: a body over 2 MiB is not linted,
/// whatever the linter's `max-payload-bytes` (10 MiB by default), unless asked.
#[tokio::test]
async fn responses_over_two_mib_are_reported_not_linted_by_default() {
    let size = (2 << 20) + 1;
    for (lint, linted_up_to) in [
        (LintMiddleware::new(), 2 << 20),
        (LintMiddleware::new().max_response_bytes(3 << 20), 0),
        (limited(1000).max_response_bytes(3 << 20), 1000),
    ] {
        let (url, chunks) = serving(&[]).await;
        let (lint, seen) = recording(lint);
        chunks.send(Bytes::from(vec![b' '; size])).unwrap();
        drop(chunks);
        let response = client(lint.clone())
            .get(format!("{url}{GET}"))
            .send()
            .await
            .unwrap();
        assert_eq!(response.bytes().await.unwrap().len(), size);
        linted(&lint).await;
        let seen = seen.lock().unwrap();
        assert_eq!(seen.len(), 1);
        if linted_up_to == 0 {
            // Linted: only whitespace.
            assert_eq!(codes(&seen[0]), [("A4P001", "")]);
        } else {
            assert_eq!(codes(&seen[0]), [("A4P005", "")]);
            assert_eq!(
                seen[0].diagnostics[0].message,
                format!("the payload is {size} bytes, over the limit of {linted_up_to} bytes")
            );
        }
    }
}

#[tokio::test]
async fn a_body_the_caller_drops_unread_is_not_linted() {
    let body = SEED.replacen(r#""status": "WON""#, r#""status": "ON_HOLD""#, 1);
    let (url, chunks) = serving(&[]).await;
    let (lint, seen) = recording(LintMiddleware::new());
    // The whole body is on its way; the caller reads only the headers.
    chunks.send(Bytes::from(body)).unwrap();
    drop(chunks);

    let response = client(lint.clone())
        .get(format!("{url}{GET}"))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200);
    drop(response);
    linted(&lint).await;
    assert!(seen.lock().unwrap().is_empty(), "linted a body nobody read");
}

const WONN: &str =
    r#"{"leadOpportunity": {"partnerLeadOpportunityId": "CRM-1", "status": "WONN"}}"#;

fn unlinted_recording(lint: LintMiddleware) -> (LintMiddleware, Arc<Mutex<Vec<Unlinted>>>) {
    let seen = Arc::new(Mutex::new(Vec::new()));
    let log = Arc::clone(&seen);
    let lint = lint.on_unlinted(move |unlinted| log.lock().unwrap().push(unlinted.clone()));
    (lint, seen)
}

/// The error of a `PATCH` of [`WONN`] to `path` on a test server, through the default
/// middleware (which must stop it).
async fn wonn_patched(path: &str) -> reqwest_middleware::Error {
    let (url, _chunks) = serving(&[]).await;
    client(LintMiddleware::new())
        .patch(format!("{url}{path}"))
        .body(WONN)
        .send()
        .await
        .unwrap_err()
}

#[tokio::test]
async fn a_proxys_base_path_is_linted() {
    let error = wonn_patched("/proxy/sales/api4partners/v0/leads-opportunities/9YEL-Y3W56Q").await;
    let failure = lint_error(&error).expect("stopped by the linter");
    assert_eq!(failure.diagnostics()[0].code(), "A4P101");
}

#[tokio::test]
async fn a_method_override_is_linted_as_the_method_it_names() {
    let (url, _chunks) = serving(&[]).await;
    let error = client(LintMiddleware::new())
        .post(format!(
            "{url}/sales/api4partners/v0/leads-opportunities/9YEL-Y3W56Q"
        ))
        .header("X-HTTP-Method-Override", "PATCH")
        .body(WONN)
        .send()
        .await
        .unwrap_err();
    let failure = lint_error(&error).expect("stopped by the linter");
    assert_eq!(failure.kind(), Some(PayloadKind::UpdateRequest));
}

#[tokio::test]
async fn the_same_override_twice_is_one_override() {
    let (url, _chunks) = serving(&[]).await;
    let error = client(LintMiddleware::new())
        .post(format!(
            "{url}/sales/api4partners/v0/leads-opportunities/9YEL-Y3W56Q"
        ))
        .header("X-HTTP-Method-Override", "PATCH")
        .header("X-HTTP-Method-Override", " PATCH")
        .header("X-Method-Override", "PATCH")
        .body(WONN)
        .send()
        .await
        .unwrap_err();
    let failure = lint_error(&error).expect("stopped by the linter");
    assert_eq!(failure.kind(), Some(PayloadKind::UpdateRequest));
}

/// Servers honour an override on a `POST` only: a `GET` that carries one is a `GET`, with no
/// body to lint, whatever it names.
#[tokio::test]
async fn an_override_on_another_method_is_ignored() {
    let (url, chunks) = serving(&[]).await;
    drop(chunks);
    let (lint, unlinted) = unlinted_recording(LintMiddleware::new().refuse_unknown_endpoints(true));
    let response = client(lint)
        .get(format!(
            "{url}/sales/api4partners/v0/leads-opportunities/9YEL-Y3W56Q"
        ))
        .header("X-HTTP-Method-Override", "PATCH")
        .body(WONN)
        .send()
        .await
        .expect("sent as the GET it is");
    assert_eq!(response.status(), 200);
    assert!(unlinted.lock().unwrap().is_empty());
}

/// Overrides that name different methods, across the three headers or in one repeated:
/// which one a server takes depends on the server, so the endpoint is unknown.
#[tokio::test]
async fn conflicting_overrides_make_the_endpoint_unknown() {
    let path = "/sales/api4partners/v0/leads-opportunities/9YEL-Y3W56Q";
    let cases: [&[(&str, &str)]; 3] = [
        &[
            ("X-HTTP-Method-Override", "PATCH"),
            ("X-HTTP-Method", "GET"),
        ],
        &[
            ("X-HTTP-Method-Override", "PATCH"),
            ("X-HTTP-Method-Override", "GET"),
        ],
        &[
            ("X-Method-Override", "GET"),
            ("X-HTTP-Method-Override", "PATCH"),
        ],
    ];
    for headers in cases {
        let (url, chunks) = serving(&[]).await;
        drop(chunks);
        let request = |lint: LintMiddleware| {
            let mut request = client(lint).post(format!("{url}{path}")).body(WONN);
            for (name, value) in headers {
                request = request.header(*name, *value);
            }
            request.send()
        };
        let (lint, unlinted) = unlinted_recording(LintMiddleware::new());
        let response = request(lint).await.expect("sent, reported");
        assert_eq!(response.status(), 200);
        {
            let unlinted = unlinted.lock().unwrap();
            assert_eq!(unlinted.len(), 1, "{headers:?}");
            assert_eq!(unlinted[0].why, NotLinted::ConflictingMethodOverrides);
            assert_eq!(unlinted[0].method, "POST");
        }

        let (lint, unlinted) =
            unlinted_recording(LintMiddleware::new().refuse_unknown_endpoints(true));
        let error = request(lint).await.unwrap_err();
        let reqwest_middleware::Error::Middleware(error) = error else {
            panic!("{error:?}");
        };
        let refused = error.downcast_ref::<UnknownEndpoint>().expect("refused");
        assert_eq!(refused.0.why, NotLinted::ConflictingMethodOverrides);
        assert_eq!(
            refused.to_string(),
            "not sent: POST on this path is no operation of the API4Partners spec (method \
             override headers that name different methods), and the lint middleware refuses \
             unknown endpoints"
        );
        assert_eq!(unlinted.lock().unwrap().len(), 1);
    }
}

/// An encoded unreserved character is that character to every server: linted.
#[tokio::test]
async fn an_encoded_root_is_linted() {
    let error = wonn_patched("/%73ales/%61pi4partners/v0/leads%2Dopportunities/9YEL-Y3W56Q").await;
    let failure = lint_error(&error).expect("stopped by the linter");
    assert_eq!(failure.kind(), Some(PayloadKind::UpdateRequest));
}

#[tokio::test]
async fn unknown_endpoints_under_the_api_are_reported_not_passed_silently() {
    let cases = [
        (
            "POST",
            "/sales/api4partners/v0/leads-opportunities;jsessionid=1",
            NotLinted::UnknownPath,
        ),
        (
            "POST",
            "/sales/api4partners/v0//leads-opportunities",
            NotLinted::UnknownPath,
        ),
        (
            "POST",
            "/sales/api4partners/v0/leads-opportunities%2F",
            NotLinted::UnknownPath,
        ),
        (
            "POST",
            "/Sales/api4partners/v0/leads-opportunities",
            NotLinted::UnknownPath,
        ),
        // A root that some servers read and others do not.
        (
            "POST",
            "/sales/api4partners;v=1/v0/leads-opportunities",
            NotLinted::UnknownPath,
        ),
        (
            "POST",
            "/sales/api4partners%2Fv0/leads-opportunities",
            NotLinted::UnknownPath,
        ),
        (
            "POST",
            "/sales/API4PARTNERS%2fV0/leads-opportunities",
            NotLinted::UnknownPath,
        ),
        (
            "POST",
            "/sales//api4partners/v0/leads-opportunities",
            NotLinted::UnknownPath,
        ),
        (
            "patch",
            "/sales/api4partners/v0/leads-opportunities/9YEL-Y3W56Q",
            NotLinted::UndocumentedMethod,
        ),
    ];
    for (method, path, why) in cases {
        let (url, chunks) = serving(&[]).await;
        drop(chunks);
        let (lint, unlinted) = unlinted_recording(LintMiddleware::new());
        let method = reqwest::Method::from_bytes(method.as_bytes()).unwrap();
        let response = client(lint)
            .request(method.clone(), format!("{url}{path}"))
            .body(WONN)
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), 200, "{path}: sent, as before");
        {
            let unlinted = unlinted.lock().unwrap();
            assert_eq!(unlinted.len(), 1, "{method} {path}");
            assert_eq!(unlinted[0].why, why, "{method} {path}");
            assert_eq!(unlinted[0].method, method.as_str());
            assert_eq!(
                unlinted[0].url.as_deref(),
                Some(format!("{url}{path}").as_str())
            );
        }

        // Refused when asked: the request never leaves.
        let (lint, unlinted) = unlinted_recording(
            LintMiddleware::new()
                .refuse_unknown_endpoints(true)
                .redact(true),
        );
        let error = client(lint)
            .request(method.clone(), format!("{url}{path}"))
            .body(WONN)
            .send()
            .await
            .unwrap_err();
        let reqwest_middleware::Error::Middleware(error) = error else {
            panic!("{error:?}");
        };
        let refused = error.downcast_ref::<UnknownEndpoint>().expect("refused");
        assert_eq!(refused.0.why, why);
        assert_eq!(refused.0.url, None, "redacted");
        // The call is still named, by its path with ids and query masked.
        assert_eq!(
            refused.0.path,
            api4p_lint::endpoint::masked_path(path),
            "{path}"
        );
        assert!(!refused.0.path.contains("9YEL"), "{}", refused.0.path);
        assert_eq!(unlinted.lock().unwrap().len(), 1);
    }
}

/// A streamed request body cannot be read before it is sent: a bad payload sent that way is
/// reported (the `on_unlinted` callback), or refused when asked, never sent silently.
#[tokio::test]
async fn a_streamed_request_body_is_reported_or_refused() {
    let path = "/sales/api4partners/v0/leads-opportunities";
    let streamed = || reqwest::Body::wrap(http_body_util::Full::new(Bytes::from(WONN)));

    let (url, chunks) = serving(&[]).await;
    drop(chunks);
    let (lint, unlinted) = unlinted_recording(LintMiddleware::new());
    let response = client(lint)
        .post(format!("{url}{path}"))
        .body(streamed())
        .send()
        .await
        .expect("sent, reported");
    assert_eq!(response.status(), 200);
    {
        // The request, then the test server's 200 (a create answers 201 in the spec).
        let unlinted = unlinted.lock().unwrap();
        let whys: Vec<_> = unlinted.iter().map(|u| u.why).collect();
        assert_eq!(
            whys,
            [NotLinted::StreamedBody, NotLinted::UndocumentedStatus(200)]
        );
        assert_eq!(unlinted[0].method, "POST");
    }

    let (url, chunks) = serving(&[]).await;
    drop(chunks);
    let (lint, unlinted) = unlinted_recording(LintMiddleware::new().refuse_unknown_endpoints(true));
    let error = client(lint)
        .post(format!("{url}{path}"))
        .body(streamed())
        .send()
        .await
        .unwrap_err();
    let reqwest_middleware::Error::Middleware(error) = error else {
        panic!("{error:?}");
    };
    let refused = error.downcast_ref::<UnknownEndpoint>().expect("refused");
    assert_eq!(refused.0.why, NotLinted::StreamedBody);
    assert_eq!(
        refused.to_string(),
        "not sent: the POST request's body is a stream, which the lint middleware cannot \
         check before sending, and it refuses what it cannot check"
    );
    assert_eq!(unlinted.lock().unwrap().len(), 1);
}

/// A response whose status the spec does not document for its operation (a create answered
/// 200 instead of 201) is delivered as it is, and reported: never silently unlinted.
#[tokio::test]
async fn a_response_with_an_undocumented_status_is_reported() {
    let (url, chunks) = serving(&[]).await;
    drop(chunks);
    let (lint, unlinted) = unlinted_recording(LintMiddleware::new().stop_at(None));
    let response = client(lint)
        .post(format!("{url}/sales/api4partners/v0/leads-opportunities"))
        .body(WONN)
        .send()
        .await
        .expect("sent");
    assert_eq!(response.status(), 200);
    let unlinted = unlinted.lock().unwrap();
    assert_eq!(unlinted.len(), 1);
    assert_eq!(unlinted[0].why, NotLinted::UndocumentedStatus(200));
    assert_eq!(unlinted[0].method, "POST");
}
