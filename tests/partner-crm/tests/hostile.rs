//! A hostile server's response bodies against the middleware: what reading one costs the
//! caller's task. Measurements, run in release on their own (one at a time, so that
//! `/usr/bin/time -v` gives each its peak):
//!
//! ```text
//! cargo test --release -p partner-crm --test hostile -- --ignored --exact nested_objects
//! ```

use std::convert::Infallible;
use std::time::{Duration, Instant};

use api4p_lint::middleware::{Findings, LintMiddleware};
use api4p_lint::{Config, Linter};
use bytes::Bytes;
use http_body_util::Full;
use hyper::body::Incoming;
use hyper::service::service_fn;
use hyper_util::rt::TokioIo;
use tokio::sync::mpsc;

const GET: &str = "/sales/api4partners/v0/leads-opportunities/HCRQ-F1LLDE";
const TEN_MIB: usize = 10 << 20;

/// A server answering its one request with 200 and `body`.
async fn serving(body: Bytes) -> String {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    tokio::spawn(async move {
        let (stream, _) = listener.accept().await.unwrap();
        let service = service_fn(move |_: hyper::Request<Incoming>| {
            let body = body.clone();
            async move {
                let response = hyper::Response::builder()
                    .status(200)
                    .header("content-type", "application/json")
                    .body(Full::new(body))
                    .unwrap();
                Ok::<_, Infallible>(response)
            }
        });
        let _ = hyper::server::conn::http1::Builder::new()
            .serve_connection(TokioIo::new(stream), service)
            .await;
    });
    url
}

/// `{"data": [item, item, …]}` of about `size` bytes.
fn repeated(item: &str, size: usize) -> Bytes {
    let mut body = String::with_capacity(size + item.len() + 16);
    body.push_str(r#"{"data": ["#);
    while body.len() + item.len() + 3 < size {
        body.push_str(item);
        body.push(',');
    }
    body.push_str(item);
    body.push_str("]}");
    Bytes::from(body)
}

/// Reads `body` through the middleware, chunk by chunk, on the test's current-thread
/// runtime; prints the longest poll and how long the findings took to come.
async fn read_through(name: &str, body: Bytes, lint: LintMiddleware) {
    let size = body.len();
    let url = serving(body).await;
    let (found, mut findings) = mpsc::unbounded_channel::<usize>();
    let lint = lint.on_findings(move |f: &Findings| {
        let _ = found.send(f.diagnostics.len());
    });
    let client = reqwest_middleware::ClientBuilder::new(reqwest::Client::new())
        .with(lint)
        .build();
    let started = Instant::now();
    let mut response = client.get(format!("{url}{GET}")).send().await.unwrap();
    let (mut read, mut longest) = (0, Duration::ZERO);
    loop {
        let polled = Instant::now();
        let chunk = response.chunk().await.unwrap();
        longest = longest.max(polled.elapsed());
        match chunk {
            Some(chunk) => read += chunk.len(),
            None => break,
        }
    }
    let body_read = started.elapsed();
    assert_eq!(read, size);
    let count = tokio::time::timeout(Duration::from_secs(120), findings.recv())
        .await
        .expect("findings within two minutes")
        .expect("findings");
    println!(
        "{name}: {size} bytes read in {body_read:?}, longest poll {longest:?}, \
         {count} findings after {:?}",
        started.elapsed()
    );
}

fn linting_ten_mib() -> LintMiddleware {
    let config = Config::parse(
        "api4p-lint.toml",
        &format!("[limits]\nmax-payload-bytes = {}\n", TEN_MIB + 1024),
        None,
    )
    .unwrap();
    LintMiddleware::new()
        .with_linter(Linter::with_config(config))
        .max_response_bytes(TEN_MIB + 1024)
}

/// One-key objects nested 120 deep, side by side: serde_json's costliest shape.
#[tokio::test]
#[ignore = "a measurement: run in release"]
async fn nested_objects() {
    let item =
        format!("{}{}", r#"{"a":"#.repeat(120), "}".repeat(120)).replacen(r#"{"a":}"#, "{}", 1);
    read_through(
        "nested objects",
        repeated(&item, TEN_MIB),
        linting_ten_mib(),
    )
    .await;
}

/// Millions of tiny values.
#[tokio::test]
#[ignore = "a measurement: run in release"]
async fn tiny_values() {
    read_through("tiny values", repeated("0", TEN_MIB), linting_ten_mib()).await;
}

/// The same body under the middleware's default limit: reported as too large, never linted.
#[tokio::test]
#[ignore = "a measurement: run in release"]
async fn nested_objects_default_limit() {
    let item =
        format!("{}{}", r#"{"a":"#.repeat(120), "}".repeat(120)).replacen(r#"{"a":}"#, "{}", 1);
    read_through(
        "nested objects, default limit",
        repeated(&item, TEN_MIB),
        LintMiddleware::new(),
    )
    .await;
}

/// The largest body linted by default, of the costliest shape.
#[tokio::test]
#[ignore = "a measurement: run in release"]
async fn nested_objects_two_mib() {
    let item =
        format!("{}{}", r#"{"a":"#.repeat(120), "}".repeat(120)).replacen(r#"{"a":}"#, "{}", 1);
    read_through(
        "nested objects, 2 MiB",
        repeated(&item, (2 << 20) - 2048),
        LintMiddleware::new(),
    )
    .await;
}
