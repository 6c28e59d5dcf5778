//! `api4p_lint::endpoint` against the spec's operations, copied into
//! `tests/fixtures/spec/endpoints.txt`: every path × method × documented status, under each
//! of the five servers, with ids, query strings, fragments and trailing slashes.

use api4p_lint::endpoint::{self, NotLinted, Operation, SERVERS};
use api4p_lint::PayloadKind;

const ENDPOINTS: &str = include_str!("fixtures/spec/endpoints.txt");

const METHODS: [&str; 11] = [
    "GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS", "TRACE", "CONNECT", "get", "post",
];

/// One operation line of the fixture.
struct SpecOperation {
    method: &'static str,
    path: &'static str,
    operation_id: &'static str,
    has_body: bool,
    statuses: Vec<u16>,
}

fn spec() -> (Vec<&'static str>, Vec<SpecOperation>) {
    let mut servers = Vec::new();
    let mut operations = Vec::new();
    for line in ENDPOINTS.lines().filter(|l| !l.starts_with('#')) {
        let words: Vec<&str> = line.split(' ').collect();
        match words.as_slice() {
            ["server", url] => servers.push(*url),
            [method, path, operation_id, body, statuses @ ..] => operations.push(SpecOperation {
                method,
                path,
                operation_id,
                has_body: *body == "body",
                statuses: statuses.iter().map(|s| s.parse().unwrap()).collect(),
            }),
            _ => panic!("unexpected fixture line {line:?}"),
        }
    }
    (servers, operations)
}

fn operation(id: &str) -> Operation {
    Operation::ALL
        .into_iter()
        .find(|op| op.operation_id() == id)
        .unwrap_or_else(|| panic!("no Operation for the spec's {id}"))
}

/// What the lead-opportunity operations' bodies are; every other operation has no kind yet.
fn kinds(op: Operation) -> (Result<PayloadKind, NotLinted>, PayloadKind) {
    use PayloadKind::*;
    match op {
        Operation::CreateLeadOpportunity => (Ok(CreateRequest), CreateResponse),
        Operation::UpdateLeadOpportunity => (Ok(UpdateRequest), UpdateResponse),
        Operation::GetLeadOpportunity => (Err(NotLinted::NoBody), GetResponse),
        Operation::SearchLeadOpportunities => (Ok(SearchRequest), SearchResponse),
        Operation::SearchOrders => (Ok(OrderSearchRequest), OrderSearchResponse),
        Operation::GetOrderDetails => (Err(NotLinted::NoBody), OrderGetResponse),
        Operation::SearchPriceList => (Err(NotLinted::NoBody), PriceListSearchResponse),
        Operation::SearchAccreditations => (Err(NotLinted::NoBody), AccreditationSearchResponse),
        Operation::SearchPortfolioItems => (Err(NotLinted::NoBody), PortfolioSearchResponse),
        Operation::GenerateApiKey => (Err(NotLinted::NoBody), ApikeyResponse),
        other => panic!("{other:?} is new: give it its kinds here"),
    }
}

/// The URLs a client may send for a path template: ids plain and percent-encoded (an encoded
/// `/` stays in the id), each server, a bare path, a trailing slash, queries and fragments.
fn urls(template: &str, servers: &[&str]) -> Vec<String> {
    let ids = ["9YEL-Y3W56Q", "CRM%2F42", "caf%C3%A9%20x", "%73earch-not"];
    let paths: Vec<String> = if template.contains("{id}") {
        ids.iter().map(|id| template.replace("{id}", id)).collect()
    } else {
        vec![template.to_owned()]
    };
    let mut urls = Vec::new();
    for path in &paths {
        for base in
            servers
                .iter()
                .copied()
                .chain(["", "http://127.0.0.1:8080", "//apigw-prd.3ds.com"])
        {
            for suffix in [
                "",
                "/",
                "?",
                "?modifiedSince=2025-01-01&next=/a/b",
                "#top",
                "/?a=1#b",
            ] {
                urls.push(format!("{base}{path}{suffix}"));
            }
        }
    }
    urls
}

#[test]
fn the_fixture_is_the_operations_table() {
    let (servers, operations) = spec();
    assert_eq!(servers, SERVERS);
    assert_eq!(operations.len(), Operation::ALL.len());
    for (spec, op) in operations.iter().zip(Operation::ALL) {
        assert_eq!(spec.operation_id, op.operation_id());
        assert_eq!(spec.method, op.method(), "{op:?}");
        assert_eq!(spec.path, op.path(), "{op:?}");
        assert_eq!(spec.statuses, op.documented_statuses(), "{op:?}");
        assert_eq!(op.to_string(), format!("{} {}", spec.method, spec.path));
    }
}

#[test]
fn every_operation_under_every_server_and_url_shape() {
    let (servers, operations) = spec();
    let mut checked = 0;
    for spec in &operations {
        let op = operation(spec.operation_id);
        for url in urls(spec.path, &servers) {
            assert_eq!(Operation::from_request(spec.method, &url), Ok(op), "{url}");
            let request = endpoint::request_kind(spec.method, &url);
            assert_eq!(request, kinds(op).0, "{url}");
            checked += 1;
        }
        // The spec documents a request body exactly where an operation's request has a kind.
        assert_eq!(spec.has_body, kinds(op).0.is_ok(), "{op:?}");
    }
    // 19 paths (4 ids for each of the 3 with an id) × 8 bases × 6 suffixes.
    assert_eq!(checked, 19 * 8 * 6);
}

#[test]
fn every_documented_status_of_every_operation() {
    let (_, operations) = spec();
    for spec in &operations {
        let op = operation(spec.operation_id);
        let url = format!("{}{}", SERVERS[0], spec.path.replace("{id}", "HCRQ-F1LLDE"));
        for &status in &spec.statuses {
            let kind = endpoint::response_kind(spec.method, &url, status);
            if status < 300 {
                assert_eq!(kind, Ok(kinds(op).1), "{op:?} {status}");
            } else {
                assert_eq!(kind, Ok(PayloadKind::ErrorResponse), "{op:?} {status}");
            }
        }
        // Every other status: no body, or undocumented, never a guess.
        for status in 100..=599 {
            if spec.statuses.contains(&status) {
                continue;
            }
            let expected = if matches!(status, 100..=199 | 204 | 205 | 304) {
                Err(NotLinted::NoBody)
            } else {
                Err(NotLinted::UndocumentedStatus(status))
            };
            assert_eq!(op.response_kind(status), expected, "{op:?} {status}");
        }
    }
}

#[test]
fn the_documented_success_statuses() {
    use PayloadKind::*;
    let url = "https://apigw-qal.3ds.com/sales/api4partners/v0/leads-opportunities";
    assert_eq!(
        endpoint::response_kind("POST", url, 201),
        Ok(CreateResponse)
    );
    // The create answers 201, never 200: a 200 is undocumented.
    assert_eq!(
        endpoint::response_kind("POST", url, 200),
        Err(NotLinted::UndocumentedStatus(200))
    );
    let search = format!("{url}/search");
    assert_eq!(
        endpoint::response_kind("POST", &search, 200),
        Ok(SearchResponse)
    );
    assert_eq!(
        endpoint::response_kind("POST", &search, 204),
        Err(NotLinted::NoBody)
    );
    let one = format!("{url}/9YEL-Y3W56Q");
    assert_eq!(endpoint::response_kind("GET", &one, 200), Ok(GetResponse));
    assert_eq!(endpoint::response_kind("GET", &one, 500), Ok(ErrorResponse));
    // 500 is documented for the GET only.
    assert_eq!(
        endpoint::response_kind("PATCH", &one, 500),
        Err(NotLinted::UndocumentedStatus(500))
    );
    assert_eq!(
        endpoint::response_kind("PATCH", &one, 406),
        Ok(ErrorResponse)
    );
    assert_eq!(
        endpoint::response_kind("HEAD", &one, 200),
        Err(NotLinted::UndocumentedMethod)
    );
}

#[test]
fn undocumented_methods_on_every_path() {
    let (servers, operations) = spec();
    for spec in &operations {
        let documented: Vec<&str> = operations
            .iter()
            .filter(|o| o.path == spec.path)
            .map(|o| o.method)
            .collect();
        for url in urls(spec.path, &servers[..1]) {
            for method in METHODS.iter().filter(|m| !documented.contains(m)) {
                assert_eq!(
                    Operation::from_request(method, &url),
                    Err(NotLinted::UndocumentedMethod),
                    "{method} {url}"
                );
                assert_eq!(
                    endpoint::response_kind(method, &url, 200),
                    Err(NotLinted::UndocumentedMethod)
                );
            }
        }
    }
}

#[test]
fn a_literal_segment_wins_over_an_id() {
    let search = "/sales/api4partners/v0/leads-opportunities/search";
    assert_eq!(
        endpoint::request_kind("POST", search),
        Ok(PayloadKind::SearchRequest)
    );
    for method in ["PATCH", "GET"] {
        assert_eq!(
            endpoint::request_kind(method, search),
            Err(NotLinted::UndocumentedMethod),
            "{method}"
        );
    }
    // Segments compare decoded: `%73earch` is `search`, `leads%2Dopportunities` the path.
    let encoded = "/sales/api4partners/v0/leads%2Dopportunities/%73earch";
    assert_eq!(
        endpoint::request_kind("POST", encoded),
        Ok(PayloadKind::SearchRequest)
    );
    assert_eq!(
        endpoint::request_kind("POST", "/sales/api4partners/%76%30/leads-opportunities"),
        Ok(PayloadKind::CreateRequest)
    );
    assert_eq!(
        Operation::from_request("GET", "/order/api4partners/v0/orders/search"),
        Err(NotLinted::UndocumentedMethod)
    );
    // An id that is `search` once decoded only because of an encoded slash is an id.
    assert_eq!(
        endpoint::request_kind(
            "PATCH",
            "/sales/api4partners/v0/leads-opportunities/search%2F"
        ),
        Ok(PayloadKind::UpdateRequest)
    );
}

#[test]
fn paths_outside_the_api() {
    for url in [
        "",
        "/",
        "*",
        "leads-opportunities",
        "sales/api4partners/v0/leads-opportunities",
        "/leads-opportunities",
        "/api4partners/v0/leads-opportunities",
        "/proxy/sales/api4partners/v1/leads-opportunities",
        "/sales/api4partners/v1/leads-opportunities",
        "https://apigw-prd.3ds.com",
        "https://apigw-prd.3ds.com/?/sales/api4partners/v0/leads-opportunities",
        "https://apigw-prd.3ds.com#/sales/api4partners/v0/leads-opportunities",
        "mailto:x@example.com",
        "1https://h/sales/api4partners/v0/leads-opportunities",
    ] {
        assert_eq!(
            endpoint::request_kind("POST", url),
            Err(NotLinted::NotApi4Partners),
            "{url:?}"
        );
    }
}

/// The API's root after a base path (a proxy's) is the API; under the root in another case,
/// a path no operation is (reported by the middleware, never passed silently).
#[test]
fn a_base_path_before_the_api_root() {
    for url in [
        "/proxy/sales/api4partners/v0/leads-opportunities",
        "http://localhost:8080/proxy/sales/api4partners/v0/leads-opportunities",
        "https://gw.example.com/a/b/sales/api4partners/v0/leads-opportunities?x=1",
    ] {
        assert_eq!(
            endpoint::request_kind("POST", url),
            Ok(PayloadKind::CreateRequest),
            "{url:?}"
        );
    }
    for url in [
        "/sales/API4Partners/v0/leads-opportunities",
        "/Sales/api4partners/v0/leads-opportunities",
        "/proxy/SALES/api4partners/v0/leads-opportunities",
        // The root only as a server that merges slashes or decodes `%2F` reads it: some
        // route it to the API, so it is reported, not passed as foreign.
        "/sales//api4partners/v0/leads-opportunities",
        "/sales/api4partners%2Fv0/leads-opportunities",
    ] {
        assert_eq!(
            endpoint::request_kind("POST", url),
            Err(NotLinted::UnknownPath),
            "{url:?}"
        );
    }
}

#[test]
fn unknown_paths_under_the_api() {
    for url in [
        "/sales/api4partners/v0",
        "/sales/api4partners/v0/",
        "/sales/api4partners/v0/leads-opportunity",
        "/sales/api4partners/v0/Leads-Opportunities",
        "/sales/api4partners/v0/leads-opportunities//",
        "/sales/api4partners/v0/leads-opportunities/9YEL-Y3W56Q/extra",
        "/sales/api4partners/v0/leads-opportunities/9YEL-Y3W56Q//",
        "/sales/api4partners/v0/leads-opportunities/..",
        "/sales/api4partners/v0/leads-opportunities/.",
        "/sales/api4partners/v0/leads-opportunities/%2E%2e",
        "/sales/api4partners/v0/x/../leads-opportunities",
        "/sales/api4partners/v0/orders/search",
        "/order/api4partners/v0/leads-opportunities",
        "/order/api4partners/v0/orders",
    ] {
        for method in ["POST", "PATCH", "GET"] {
            assert_eq!(
                Operation::from_request(method, url),
                Err(NotLinted::UnknownPath),
                "{method} {url:?}"
            );
        }
    }
}

#[test]
fn the_reasons_read_as_sentences() {
    assert_eq!(
        NotLinted::UndocumentedStatus(418).to_string(),
        "status 418 is not documented for this operation"
    );
    assert_eq!(
        NotLinted::NotApi4Partners.to_string(),
        "not an API4Partners path"
    );
}
