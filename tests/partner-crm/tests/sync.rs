//! The sync client end to end against a local HTTP server on 127.0.0.1 standing in for DS:
//! the server counts what reaches it, so a request the middleware stops is seen not to.

use std::convert::Infallible;
use std::sync::{Arc, Mutex};

use api4p_lint::endpoint::Operation;
use api4p_lint::middleware::{into_lint_error, lint_error, Direction, Findings, LintMiddleware};
use api4p_lint::model::ErrorResponse;
use api4p_lint::Error;
use api4p_lint::{Config, Linter, PayloadKind, Severity};
use bytes::Bytes;
use http_body_util::{BodyExt, Full};
use hyper::body::Incoming;
use hyper::service::service_fn;
use hyper_util::rt::TokioIo;
use partner_crm::sample;
use partner_crm::sync::{DsClient, SyncError};

const PARTNER: &str = "200000000014442";
const SEED: &str = include_str!("../../fixtures/spec/get-response/seed.json");
const CREATED: &str =
    include_str!("../../fixtures/spec/create-response/200_leadsOpportunitiesCreateResponse.json");
const UPDATED: &str =
    include_str!("../../fixtures/spec/update-response/200_leadsOpportunitiesCreateResponse.json");
const NOT_ACCEPTABLE: &str = include_str!(
    "../../fixtures/spec/error-response/update-406_IncorrectCloseDateNextMilestoneFormat.json"
);

/// A request as the server received it.
#[derive(Debug, Clone)]
struct Received {
    method: String,
    path: String,
    api_key: Option<String>,
    body: Bytes,
}

/// DS's stand-in: answers every request with one status and body, and records the requests.
struct FakeDs {
    url: String,
    received: Arc<Mutex<Vec<Received>>>,
}

impl FakeDs {
    async fn answering(status: u16, body: &'static str) -> FakeDs {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let url = format!("http://{}", listener.local_addr().unwrap());
        let received = Arc::new(Mutex::new(Vec::new()));
        let log = Arc::clone(&received);
        // The test's runtime drops this task, and the server with it, when the test ends.
        tokio::spawn(async move {
            while let Ok((stream, _)) = listener.accept().await {
                let log = Arc::clone(&log);
                let service = service_fn(move |request: hyper::Request<Incoming>| {
                    let log = Arc::clone(&log);
                    async move {
                        let method = request.method().to_string();
                        let path = request.uri().to_string();
                        let api_key = request
                            .headers()
                            .get("x-api-key")
                            .map(|v| v.to_str().unwrap().to_owned());
                        let sent = request.into_body().collect().await.unwrap().to_bytes();
                        log.lock().unwrap().push(Received {
                            method,
                            path,
                            api_key,
                            body: sent,
                        });
                        let response = hyper::Response::builder()
                            .status(status)
                            .header("content-type", "application/json")
                            .header("x-trace-id", "4e58705b1c7d40b7")
                            .body(Full::new(Bytes::from_static(body.as_bytes())))
                            .unwrap();
                        Ok::<_, Infallible>(response)
                    }
                });
                tokio::spawn(
                    hyper::server::conn::http1::Builder::new()
                        .serve_connection(TokioIo::new(stream), service),
                );
            }
        });
        FakeDs { url, received }
    }

    fn received(&self) -> Vec<Received> {
        self.received.lock().unwrap().clone()
    }
}

/// The middleware with the partner's settings: "today" fixed, so that the sample's close
/// date stays in the future.
fn partner_lint() -> LintMiddleware {
    let config = Config::parse("api4p-lint.toml", "today = \"2026-01-15\"\n", None).unwrap();
    LintMiddleware::new().with_linter(Linter::with_config(config))
}

/// A middleware whose callback keeps every `Findings`.
fn recording(lint: LintMiddleware) -> (LintMiddleware, Arc<Mutex<Vec<Findings>>>) {
    let seen = Arc::new(Mutex::new(Vec::new()));
    let log = Arc::clone(&seen);
    let lint = lint.on_findings(move |findings| log.lock().unwrap().push(findings.clone()));
    (lint, seen)
}

/// Waits for the findings of every response body read so far: they come from tokio's
/// blocking pool, after the caller's read has returned.
async fn linted(lint: &LintMiddleware) {
    tokio::time::timeout(std::time::Duration::from_secs(60), lint.responses_linted())
        .await
        .expect("the response lints end within a minute");
}

fn client(server: &FakeDs, lint: LintMiddleware) -> DsClient {
    DsClient::new(&server.url, "partner-key", lint).unwrap()
}

fn codes<'d>(
    diagnostics: impl IntoIterator<Item = &'d api4p_lint::Diagnostic>,
) -> Vec<(&'d str, &'d str)> {
    diagnostics
        .into_iter()
        .map(|d| (d.code(), d.pointer.as_str()))
        .collect()
}

#[tokio::test]
async fn a_bad_create_never_reaches_the_server() {
    let server = FakeDs::answering(201, CREATED).await;
    let (lint, seen) = recording(partner_lint());
    let client = client(&server, lint);

    // The CRM passes an unknown stage through: `WONN` as the status, untyped JSON.
    let mut record = sample();
    record.stage = "WONN".into();
    let error = client
        .http()
        .post(client.url(&[]))
        .header("content-type", "application/json")
        .body(record.create_request(PARTNER).to_string())
        .send()
        .await
        .unwrap_err();

    let failure = lint_error(&error).expect("the middleware's failure");
    assert_eq!(failure.kind(), Some(PayloadKind::CreateRequest));
    assert_eq!(
        codes(failure.diagnostics()),
        [("A4P101", "/leadOpportunity/status")]
    );
    assert!(
        failure.rendered().contains(r#"did you mean "WON""#),
        "{failure}"
    );
    // The way reqwest-middleware's own docs downcast reaches the same failure, owned.
    let reqwest_middleware::Error::Middleware(inner) = error else {
        panic!("not a middleware error");
    };
    let owned: Error = inner.downcast().expect("an Error");
    assert_eq!(owned.diagnostics()[0].code(), "A4P101");

    assert!(server.received().is_empty(), "{:?}", server.received());
    // A stopped request's findings are the caller's error, not the callback's.
    assert!(seen.lock().unwrap().is_empty());
}

/// A sync written with `anyhow`: `send().await?` puts the middleware's error in an
/// `anyhow::Error`, where `downcast_ref::<api4p_lint::Error>()` and its chain find nothing, and
/// the README's route (the `reqwest_middleware::Error`, then `lint_error`) finds the failure.
#[tokio::test]
async fn an_anyhow_sync_finds_the_refusal_by_the_middleware_error() {
    async fn push_stage(client: &DsClient, stage: &str) -> anyhow::Result<()> {
        let mut record = sample();
        record.stage = stage.into();
        client
            .http()
            .post(client.url(&[]))
            .header("content-type", "application/json")
            .body(record.create_request(PARTNER).to_string())
            .send()
            .await?;
        Ok(())
    }
    let server = FakeDs::answering(201, CREATED).await;
    let client = client(&server, partner_lint());
    let error = push_stage(&client, "WONN").await.unwrap_err();

    assert!(error.downcast_ref::<Error>().is_none());
    assert!(!error.chain().any(|e| e.downcast_ref::<Error>().is_some()));
    let failure = error
        .downcast_ref::<reqwest_middleware::Error>()
        .and_then(lint_error)
        .expect("the middleware's refusal");
    assert_eq!(
        codes(failure.diagnostics()),
        [("A4P101", "/leadOpportunity/status")]
    );
    assert!(server.received().is_empty());
}

/// A sync written with `miette`: the refusal taken out with `into_lint_error` shows every
/// finding's code frame, where the middleware's error shows one line.
#[tokio::test]
async fn a_miette_sync_shows_the_refusal_s_code_frames() {
    let server = FakeDs::answering(201, CREATED).await;
    let client = client(&server, partner_lint());
    let mut record = sample();
    record.stage = "WONN".into();
    let send = || {
        client
            .http()
            .post(client.url(&[]))
            .header("content-type", "application/json")
            .body(record.create_request(PARTNER).to_string())
            .send()
    };

    let error = send().await.unwrap_err();
    // What `miette::IntoDiagnostic::into_diagnostic()` makes of it: one line.
    let plain = format!("{:?}", miette::Report::from_err(error));
    assert!(!plain.contains("did you mean"), "{plain}");

    let error = send().await.unwrap_err();
    let failure = into_lint_error(error).expect("the middleware's refusal");
    let shown = format!("{:?}", miette::Report::new(failure));
    assert!(
        shown.contains("A4P101(enum-value) at /leadOpportunity/status"),
        "{shown}"
    );
    assert!(shown.contains(r#"did you mean "WON""#), "{shown}");

    // Any other error comes back as it was: here, no server listens.
    let nowhere = DsClient::new("http://127.0.0.1:9", "partner-key", partner_lint()).unwrap();
    let error = nowhere.get("9YEL-Y3W56Q").await.unwrap_err();
    let SyncError::Http(error) = error else {
        panic!("not a connection error: {error}");
    };
    assert!(matches!(
        into_lint_error(error),
        Err(reqwest_middleware::Error::Reqwest(_))
    ));
    assert!(server.received().is_empty());
}

#[tokio::test]
async fn a_bad_typed_create_is_a_rejection_the_sync_can_tell_apart() {
    let server = FakeDs::answering(201, CREATED).await;
    let client = client(&server, partner_lint());
    let mut record = sample();
    record.currency = "EURO".into();
    let request = serde_json::from_value(record.create_request(PARTNER)).unwrap();

    let Err(SyncError::Rejected(failure)) = client.create(&request).await else {
        panic!("the currency is not ISO 4217");
    };
    assert_eq!(
        failure
            .diagnostics()
            .iter()
            .map(|d| d.pointer.as_str())
            .collect::<Vec<_>>(),
        ["/leadOpportunity/currency"]
    );
    assert!(server.received().is_empty());
}

#[tokio::test]
async fn a_good_create_reaches_the_server_and_comes_back_typed() {
    let server = FakeDs::answering(201, CREATED).await;
    let (lint, seen) = recording(partner_lint());
    let client = client(&server, lint.clone());

    let ds_id = client.push(&sample(), PARTNER, None).await.unwrap();
    linted(&lint).await;

    assert_eq!(ds_id, "9YEL-Y3W56Q");
    let received = server.received();
    assert_eq!(received.len(), 1);
    assert_eq!(received[0].method, "POST");
    assert_eq!(
        received[0].path,
        "/sales/api4partners/v0/leads-opportunities"
    );
    assert_eq!(received[0].api_key.as_deref(), Some("partner-key"));
    let sent: serde_json::Value = serde_json::from_slice(&received[0].body).unwrap();
    assert_eq!(sent, sample().create_request(PARTNER));
    // The spec's 201 example is clean.
    assert!(
        seen.lock().unwrap().is_empty(),
        "{:?}",
        seen.lock().unwrap()
    );
}

#[tokio::test]
async fn an_unknown_status_in_a_response_is_delivered_unchanged_and_reported() {
    let body: &'static str = SEED
        .replacen(r#""status": "WON""#, r#""status": "ON_HOLD""#, 1)
        .leak();
    let server = FakeDs::answering(200, body).await;
    let (lint, seen) = recording(partner_lint());
    let client = client(&server, lint.clone());
    let url = client.url(&["HCRQ-F1LLDE"]);

    let response = client.http().get(url.clone()).send().await.unwrap();

    assert_eq!(response.status(), 200);
    assert_eq!(response.url(), &url);
    assert_eq!(response.headers()["x-trace-id"], "4e58705b1c7d40b7");
    assert_eq!(response.headers()["content-type"], "application/json");
    assert_eq!(
        response.headers()["content-length"],
        body.len().to_string().as_str()
    );
    assert_eq!(response.bytes().await.unwrap(), body.as_bytes());

    linted(&lint).await;
    let seen = seen.lock().unwrap();
    assert_eq!(seen.len(), 1, "{seen:?}");
    let findings = &seen[0];
    assert_eq!(findings.operation, Operation::GetLeadOpportunity);
    assert_eq!(findings.kind, PayloadKind::GetResponse);
    assert_eq!(findings.direction, Direction::Response(200));
    assert_eq!(findings.url.as_deref(), Some(url.as_str()));
    assert_eq!(
        codes(&findings.diagnostics),
        [("A4P101", "/data/leadOpportunity/status")]
    );
    assert!(
        findings.rendered.contains(r#""ON_HOLD""#),
        "{}",
        findings.rendered
    );
    assert!(
        findings
            .rendered
            .contains("200 response to GET /sales/api4partners/v0/leads-opportunities/{id}"),
        "{}",
        findings.rendered
    );
}

#[tokio::test]
async fn the_kind_comes_from_the_url() {
    let server = FakeDs::answering(200, UPDATED).await;
    let (lint, seen) = recording(partner_lint());
    let client = client(&server, lint);
    let update = serde_json::to_vec(&sample().status_update()).unwrap();
    let send = |url: reqwest::Url, method: reqwest::Method| {
        client
            .http()
            .request(method, url)
            .header("content-type", "application/json")
            .body(update.clone())
            .send()
    };

    // An update body is a good update…
    let response = send(client.url(&["XJSR-DZMFFT"]), reqwest::Method::PATCH).await;
    assert_eq!(response.unwrap().status(), 200);
    // …and a create missing most of its fields.
    let error = send(client.url(&[]), reqwest::Method::POST)
        .await
        .unwrap_err();
    let failure = lint_error(&error).unwrap();
    assert_eq!(failure.kind(), Some(PayloadKind::CreateRequest));
    assert!(
        failure.diagnostics().iter().all(|d| d.code() == "A4P102"),
        "{failure}"
    );
    // …and a search body that is not one.
    let error = send(client.url(&["search"]), reqwest::Method::POST)
        .await
        .unwrap_err();
    assert_eq!(
        lint_error(&error).unwrap().kind(),
        Some(PayloadKind::SearchRequest)
    );
    // …and an orders search body that is not one either (none of its criteria).
    let orders = format!("{}/order/api4partners/v0/orders/search", server.url);
    let error = send(orders.parse().unwrap(), reqwest::Method::POST)
        .await
        .unwrap_err();
    assert_eq!(
        lint_error(&error).unwrap().kind(),
        Some(PayloadKind::OrderSearchRequest)
    );

    let received = server.received();
    let paths: Vec<_> = received.iter().map(|r| r.path.as_str()).collect();
    assert_eq!(
        paths,
        ["/sales/api4partners/v0/leads-opportunities/XJSR-DZMFFT"]
    );
    assert!(
        seen.lock().unwrap().is_empty(),
        "{:?}",
        seen.lock().unwrap()
    );
}

#[tokio::test]
async fn an_id_is_encoded_into_one_segment() {
    let server = FakeDs::answering(200, UPDATED).await;
    let client = client(&server, partner_lint());
    let request =
        serde_json::from_value(serde_json::to_value(sample().status_update()).unwrap()).unwrap();
    client.update("CRM/42 é", &request).await.unwrap();
    assert_eq!(
        server.received()[0].path,
        "/sales/api4partners/v0/leads-opportunities/CRM%2F42%20%C3%A9"
    );
}

#[tokio::test]
async fn warnings_go_to_the_callback_unless_they_stop_the_request() {
    let server = FakeDs::answering(200, UPDATED).await;
    // `customerContact` is the GET response's spelling: DS would drop the contacts.
    let body =
        r#"{"leadOpportunity": {"partnerLeadOpportunityId": "CRM-1"}, "customerContact": []}"#;
    let send = |client: DsClient| async move {
        client
            .http()
            .patch(client.url(&["XJSR-DZMFFT"]))
            .header("content-type", "application/json")
            .body(body)
            .send()
            .await
    };

    let (lint, seen) = recording(partner_lint());
    assert_eq!(send(client(&server, lint)).await.unwrap().status(), 200);
    assert_eq!(server.received().len(), 1);
    {
        let seen = seen.lock().unwrap();
        assert_eq!(seen.len(), 1);
        assert_eq!(seen[0].direction, Direction::Request);
        assert_eq!(seen[0].kind, PayloadKind::UpdateRequest);
        assert_eq!(seen[0].diagnostics[0].severity, Severity::Warning);
        assert_eq!(seen[0].diagnostics[0].pointer, "/customerContact");
    }

    let (lint, seen) = recording(partner_lint().stop_at(Severity::Warning));
    let error = send(client(&server, lint)).await.unwrap_err();
    assert_eq!(
        lint_error(&error).unwrap().diagnostics()[0].pointer,
        "/customerContact"
    );
    assert_eq!(server.received().len(), 1);
    assert!(seen.lock().unwrap().is_empty());
}

#[tokio::test]
async fn redaction_keeps_the_payload_out_of_the_callback() {
    let server = FakeDs::answering(201, CREATED).await;
    let mut record = sample();
    record.stage = "WONN".into();
    // Pretty-printed, the id's line (keys are sorted) is in the status's code frame.
    record.crm_id = "CRM-QZXV-1".into();
    let body = serde_json::to_string_pretty(&record.create_request(PARTNER)).unwrap();

    for redact in [false, true] {
        let (lint, seen) = recording(partner_lint().stop_at(None).redact(redact));
        let client = client(&server, lint);
        let response = client
            .http()
            .post(client.url(&[]))
            .header("content-type", "application/json")
            .body(body.clone())
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), 201);

        let seen = seen.lock().unwrap();
        assert_eq!(seen.len(), 1);
        let findings = &seen[0];
        assert_eq!(
            codes(&findings.diagnostics),
            [("A4P101", "/leadOpportunity/status")]
        );
        // Everything the callback gets but the rules' own docs (which quote `WONN`).
        let mut shown = format!("{}{:?}", findings.rendered, findings.url);
        for d in &findings.diagnostics {
            shown += &format!(
                "{} {} {:?} {:?} {:?} {:?}",
                d.message, d.label, d.help, d.note, d.suggestion, d.secondary
            );
        }
        assert_eq!(shown.contains("WONN"), !redact, "{shown}");
        assert_eq!(shown.contains("QZXV"), !redact, "{shown}");
        assert_eq!(findings.url.is_some(), !redact);
    }
    // Not stopped: both reached the server.
    assert_eq!(server.received().len(), 2);
}

#[tokio::test]
async fn error_bodies_are_typed_and_checked() {
    let server = FakeDs::answering(406, NOT_ACCEPTABLE).await;
    let (lint, seen) = recording(partner_lint());
    let client = client(&server, lint.clone());
    let request =
        serde_json::from_value(serde_json::to_value(sample().status_update()).unwrap()).unwrap();

    let Err(SyncError::Ds { status, body }) = client.update("XJSR-DZMFFT", &request).await else {
        panic!("a 406");
    };
    assert_eq!(status, 406);
    let ErrorResponse::Envelope(envelope) = *body else {
        panic!("DS's envelope");
    };
    assert_eq!(
        serde_json::to_value(&envelope).unwrap()["error"]["code"],
        "ERR805"
    );
    linted(&lint).await;
    assert!(
        seen.lock().unwrap().is_empty(),
        "{:?}",
        seen.lock().unwrap()
    );
}

#[tokio::test]
async fn what_has_no_kind_passes_untouched() {
    // Not JSON at all: linted, it would be a finding.
    let server = FakeDs::answering(418, "<html>teapot</html>").await;
    let (lint, seen) = recording(partner_lint());
    let client = client(&server, lint.clone());
    let lead = client.url(&["HCRQ-F1LLDE"]);

    // An undocumented status, an undocumented method, another domain.
    let response = client.http().get(lead.clone()).send().await.unwrap();
    assert_eq!(response.status(), 418);
    assert_eq!(response.text().await.unwrap(), "<html>teapot</html>");
    let response = client
        .http()
        .request(reqwest::Method::OPTIONS, lead)
        .body("not json")
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 418);
    let apikeys = format!("{}/order/api4partners/v0/apikeys", server.url);
    let response = client.http().post(apikeys).send().await.unwrap();
    assert_eq!(response.text().await.unwrap(), "<html>teapot</html>");

    assert_eq!(server.received().len(), 3);
    assert_eq!(server.received()[1].body, "not json");
    linted(&lint).await;
    assert!(
        seen.lock().unwrap().is_empty(),
        "{:?}",
        seen.lock().unwrap()
    );
}
