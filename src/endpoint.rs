//! Endpoints: which payload kind an HTTP body is, from the request's method and URL and, for a
//! response, its status code. A client or a proxy never names a kind by hand.
//!
//! ```
//! use api4p_lint::endpoint::{self, NotLinted, Operation};
//! use api4p_lint::PayloadKind;
//!
//! let url = "https://apigw-prd.3ds.com/sales/api4partners/v0/leads-opportunities/9YEL-Y3W56Q";
//! assert_eq!(endpoint::request_kind("PATCH", url), Ok(PayloadKind::UpdateRequest));
//! assert_eq!(endpoint::response_kind("PATCH", url, 200), Ok(PayloadKind::UpdateResponse));
//! assert_eq!(endpoint::response_kind("PATCH", url, 406), Ok(PayloadKind::ErrorResponse));
//!
//! let order = "https://apigw-prd.3ds.com/order/api4partners/v0/orders/PO_000123456789?x=1";
//! assert_eq!(endpoint::response_kind("GET", order, 200), Ok(PayloadKind::OrderGetResponse));
//! assert_eq!(endpoint::response_kind("GET", order, 404), Ok(PayloadKind::ErrorResponse));
//! // A GET has no request body: no answer rather than a wrong one.
//! assert_eq!(endpoint::request_kind("GET", order), Err(NotLinted::NoBody));
//! assert_eq!(Operation::from_request("GET", order), Ok(Operation::GetOrderDetails));
//! ```
//!
//! Only the path decides, so that a test server, a proxy or any of the spec's [`SERVERS`]
//! gives the same answer; the query string and the fragment are ignored. The API's root
//! (`/sales/api4partners/v0/` or `/order/api4partners/v0/`) may follow a base path (a proxy's
//! `http://localhost:8080/proxy/sales/api4partners/v0/leads-opportunities`): the first
//! `sales|order/api4partners/v0` in the path is the root. Under it, a path that is no
//! operation of the spec (`…/leads-opportunities;jsessionid=1`, an empty segment, an encoded
//! `/` at the end) is [`NotLinted::UnknownPath`], a method the spec does not give the path
//! (`patch` in lower case too) [`NotLinted::UndocumentedMethod`]: a middleware reports both
//! rather than passing them silently.
//!
//! The path is matched segment by segment after percent-decoding each one, which is how
//! every server reads it: an encoded unreserved character is that character (RFC 3986
//! §6.2.2.2), so `/sales/%61pi4partners/v0/leads%2Dopportunities` is the create operation,
//! and an id with an encoded `/` is still one segment. One trailing slash is tolerated, and a
//! literal segment wins over a `{id}` as OpenAPI says: `PATCH …/leads-opportunities/search`
//! is not an update. Methods are case-sensitive, as HTTP's are.
//!
//! Some servers normalise a path further and others do not: they drop path parameters
//! (`;v=1`), split a segment at an encoded `/` (`%2F`) or at a `\`, merge empty segments,
//! resolve `.` and `..`, match without case. A path that names the API's root only once
//! those are applied (`/sales/api4partners;v=1/v0/…`, `/sales/api4partners%2Fv0/…`,
//! `/sales//api4partners/v0/…`, `/sales/x/../api4partners/v0/…`, `/SALES/API4PARTNERS/V0/…`)
//! might reach the API or might not: it is never linted as an operation, and never
//! [`NotLinted::NotApi4Partners`] either, but [`NotLinted::UnknownPath`], which a middleware
//! reports or refuses. So is a path whose base path, read that way, already holds the
//! root (`/sales;x=1/api4partners/v0/proxy/sales/api4partners/v0/…`): the first root counts.

use std::fmt;

use percent_encoding::percent_decode_str;

use crate::kind::PayloadKind;

/// The spec's `servers`: production first, then the four non-production ones.
pub const SERVERS: [&str; 5] = [
    "https://apigw-prd.3ds.com",
    "https://apigw-ppt.3ds.com",
    "https://apigw-qal.3ds.com",
    "https://apigw-ptd.3ds.com",
    "https://apigw-ppd.3ds.com",
];

/// One operation of the spec: a method on a path.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Operation {
    /// `POST /order/api4partners/v0/orders/search`.
    SearchOrders,
    /// `GET /order/api4partners/v0/orders/{id}`.
    GetOrderDetails,
    /// `GET /order/api4partners/v0/price-lists/search`.
    SearchPriceList,
    /// `GET /order/api4partners/v0/accreditations/search`.
    SearchAccreditations,
    /// `POST /order/api4partners/v0/apikeys`: its response carries a new API key.
    GenerateApiKey,
    /// `POST /sales/api4partners/v0/leads-opportunities`.
    CreateLeadOpportunity,
    /// `PATCH /sales/api4partners/v0/leads-opportunities/{id}`.
    UpdateLeadOpportunity,
    /// `GET /sales/api4partners/v0/leads-opportunities/{id}`.
    GetLeadOpportunity,
    /// `POST /sales/api4partners/v0/leads-opportunities/search`.
    SearchLeadOpportunities,
    /// `GET /sales/api4partners/v0/portfolio-items/search`.
    SearchPortfolioItems,
}

impl Operation {
    /// Every operation, in the spec's order.
    pub const ALL: [Operation; 10] = [
        Operation::SearchOrders,
        Operation::GetOrderDetails,
        Operation::SearchPriceList,
        Operation::SearchAccreditations,
        Operation::GenerateApiKey,
        Operation::CreateLeadOpportunity,
        Operation::UpdateLeadOpportunity,
        Operation::GetLeadOpportunity,
        Operation::SearchLeadOpportunities,
        Operation::SearchPortfolioItems,
    ];

    /// The spec's `operationId`.
    pub const fn operation_id(self) -> &'static str {
        match self {
            Operation::SearchOrders => "searchOrders",
            Operation::GetOrderDetails => "getOrderDetails",
            Operation::SearchPriceList => "searchPriceList",
            Operation::SearchAccreditations => "searchAccreditations",
            Operation::GenerateApiKey => "generateApiKey",
            Operation::CreateLeadOpportunity => "createLeadsOpportunities",
            Operation::UpdateLeadOpportunity => "updateLeadOpportunitiesDetails",
            Operation::GetLeadOpportunity => "getLeadsOpportunities",
            Operation::SearchLeadOpportunities => "searchLeadsOpportunities",
            Operation::SearchPortfolioItems => "searchPortfolioItems",
        }
    }

    /// The HTTP method, upper-case.
    pub const fn method(self) -> &'static str {
        match self {
            Operation::SearchOrders
            | Operation::GenerateApiKey
            | Operation::CreateLeadOpportunity
            | Operation::SearchLeadOpportunities => "POST",
            Operation::UpdateLeadOpportunity => "PATCH",
            Operation::GetOrderDetails
            | Operation::SearchPriceList
            | Operation::SearchAccreditations
            | Operation::GetLeadOpportunity
            | Operation::SearchPortfolioItems => "GET",
        }
    }

    /// The spec's path template: no id, so it can be logged where the URL may not.
    pub const fn path(self) -> &'static str {
        match self {
            Operation::SearchOrders => "/order/api4partners/v0/orders/search",
            Operation::GetOrderDetails => "/order/api4partners/v0/orders/{id}",
            Operation::SearchPriceList => "/order/api4partners/v0/price-lists/search",
            Operation::SearchAccreditations => "/order/api4partners/v0/accreditations/search",
            Operation::GenerateApiKey => "/order/api4partners/v0/apikeys",
            Operation::CreateLeadOpportunity => "/sales/api4partners/v0/leads-opportunities",
            Operation::UpdateLeadOpportunity | Operation::GetLeadOpportunity => {
                "/sales/api4partners/v0/leads-opportunities/{id}"
            }
            Operation::SearchLeadOpportunities => {
                "/sales/api4partners/v0/leads-opportunities/search"
            }
            Operation::SearchPortfolioItems => "/sales/api4partners/v0/portfolio-items/search",
        }
    }

    /// The response statuses the spec documents for the operation.
    pub const fn documented_statuses(self) -> &'static [u16] {
        match self {
            Operation::SearchOrders | Operation::SearchAccreditations => &[200, 400, 401, 403, 429],
            Operation::GetOrderDetails => &[200, 400, 401, 403, 404, 429],
            Operation::SearchPriceList | Operation::GenerateApiKey => &[200, 401, 403, 429],
            Operation::CreateLeadOpportunity => &[201, 400, 401, 403, 406, 429, 503],
            Operation::UpdateLeadOpportunity => &[200, 400, 401, 403, 406, 429, 503],
            Operation::GetLeadOpportunity => &[200, 401, 403, 429, 500, 503],
            Operation::SearchLeadOpportunities => &[200, 400, 401, 403, 429, 503],
            Operation::SearchPortfolioItems => &[200, 400, 401, 403, 429],
        }
    }

    /// The operation a request is: `method` as HTTP sends it (`"POST"`), `url` a full URL or
    /// a path, with or without a query string.
    ///
    /// ```
    /// use api4p_lint::endpoint::{NotLinted, Operation};
    ///
    /// let path = "/sales/api4partners/v0/leads-opportunities/search?trace=1";
    /// assert_eq!(Operation::from_request("POST", path), Ok(Operation::SearchLeadOpportunities));
    /// assert_eq!(Operation::from_request("HEAD", path), Err(NotLinted::UndocumentedMethod));
    /// assert_eq!(Operation::from_request("GET", "/healthz"), Err(NotLinted::NotApi4Partners));
    /// ```
    pub fn from_request(method: &str, url: &str) -> Result<Operation, NotLinted> {
        let path = path_of(url).ok_or(NotLinted::NotApi4Partners)?;
        let mut segments: Vec<&str> = path[1..].split('/').collect();
        if segments.len() > 1 && segments.last() == Some(&"") {
            segments.pop();
        }
        let decoded: Vec<_> = segments
            .iter()
            .map(|s| percent_decode_str(s).collect::<Vec<u8>>())
            .collect();
        // The API's root, after any segments of a base path (a proxy's `/proxy/sales/…`):
        // the first `sales|order/api4partners/v0` in any case. Only its exact spelling is the
        // spec's; another case is a path under the API that no operation is.
        let root = (0..decoded.len().saturating_sub(2)).find(|&i| {
            matches!(
                decoded[i].to_ascii_lowercase().as_slice(),
                b"sales" | b"order"
            ) && decoded[i + 1].eq_ignore_ascii_case(b"api4partners")
                && decoded[i + 2].eq_ignore_ascii_case(b"v0")
        });
        // A root that only a server's further normalisation makes (see the module's docs),
        // before the one found or instead of it: under the API, maybe, but no operation.
        let normalised_root = has_root(&normalised(&segments[..root.unwrap_or(segments.len())]));
        let root = match root {
            Some(_) if normalised_root => return Err(NotLinted::UnknownPath),
            Some(root) => root,
            None if normalised_root => return Err(NotLinted::UnknownPath),
            None => return Err(NotLinted::NotApi4Partners),
        };
        let (domain, rest) = match &decoded[root..] {
            [domain, api, version, rest @ ..]
                if matches!(domain.as_slice(), b"sales" | b"order")
                    && api == b"api4partners"
                    && version == b"v0" =>
            {
                (domain.as_slice(), rest)
            }
            _ => return Err(NotLinted::UnknownPath),
        };
        // An empty or dot segment is a path no server routes as the spec's: never guess.
        if rest.iter().any(|s| s.is_empty() || s == b"." || s == b"..") {
            return Err(NotLinted::UnknownPath);
        }
        let rest: Vec<&[u8]> = rest.iter().map(Vec::as_slice).collect();
        // Each path's operations, literal segments before `{id}` (OpenAPI's matching order).
        let candidates: &[Operation] = match (domain, rest.as_slice()) {
            (b"order", [b"orders", b"search"]) => &[Operation::SearchOrders],
            (b"order", [b"orders", _]) => &[Operation::GetOrderDetails],
            (b"order", [b"price-lists", b"search"]) => &[Operation::SearchPriceList],
            (b"order", [b"accreditations", b"search"]) => &[Operation::SearchAccreditations],
            (b"order", [b"apikeys"]) => &[Operation::GenerateApiKey],
            (b"sales", [b"leads-opportunities"]) => &[Operation::CreateLeadOpportunity],
            (b"sales", [b"leads-opportunities", b"search"]) => {
                &[Operation::SearchLeadOpportunities]
            }
            (b"sales", [b"leads-opportunities", _]) => &[
                Operation::UpdateLeadOpportunity,
                Operation::GetLeadOpportunity,
            ],
            (b"sales", [b"portfolio-items", b"search"]) => &[Operation::SearchPortfolioItems],
            _ => return Err(NotLinted::UnknownPath),
        };
        candidates
            .iter()
            .copied()
            .find(|op| op.method() == method)
            .ok_or(NotLinted::UndocumentedMethod)
    }

    /// The kind of the operation's request body.
    ///
    /// ```
    /// use api4p_lint::endpoint::{NotLinted, Operation};
    /// use api4p_lint::PayloadKind;
    ///
    /// assert_eq!(Operation::CreateLeadOpportunity.request_kind(), Ok(PayloadKind::CreateRequest));
    /// assert_eq!(Operation::GetLeadOpportunity.request_kind(), Err(NotLinted::NoBody));
    /// ```
    pub fn request_kind(self) -> Result<PayloadKind, NotLinted> {
        match self {
            Operation::CreateLeadOpportunity => Ok(PayloadKind::CreateRequest),
            Operation::UpdateLeadOpportunity => Ok(PayloadKind::UpdateRequest),
            Operation::SearchLeadOpportunities => Ok(PayloadKind::SearchRequest),
            Operation::SearchOrders => Ok(PayloadKind::OrderSearchRequest),
            // GETs, and `POST /apikeys`, which the spec gives no request body.
            Operation::GetLeadOpportunity
            | Operation::GetOrderDetails
            | Operation::SearchPriceList
            | Operation::SearchAccreditations
            | Operation::SearchPortfolioItems
            | Operation::GenerateApiKey => Err(NotLinted::NoBody),
        }
    }

    /// The kind of the operation's response body with `status`: the success payload for the
    /// documented success status, `error-response` for the documented error statuses.
    ///
    /// ```
    /// use api4p_lint::endpoint::{NotLinted, Operation};
    /// use api4p_lint::PayloadKind;
    ///
    /// let create = Operation::CreateLeadOpportunity;
    /// assert_eq!(create.response_kind(201), Ok(PayloadKind::CreateResponse));
    /// assert_eq!(create.response_kind(429), Ok(PayloadKind::ErrorResponse));
    /// assert_eq!(create.response_kind(200), Err(NotLinted::UndocumentedStatus(200)));
    /// assert_eq!(create.response_kind(204), Err(NotLinted::NoBody));
    /// ```
    pub fn response_kind(self, status: u16) -> Result<PayloadKind, NotLinted> {
        let success = match self {
            Operation::CreateLeadOpportunity => PayloadKind::CreateResponse,
            Operation::UpdateLeadOpportunity => PayloadKind::UpdateResponse,
            Operation::GetLeadOpportunity => PayloadKind::GetResponse,
            Operation::SearchLeadOpportunities => PayloadKind::SearchResponse,
            Operation::SearchOrders => PayloadKind::OrderSearchResponse,
            Operation::GetOrderDetails => PayloadKind::OrderGetResponse,
            Operation::SearchPriceList => PayloadKind::PriceListSearchResponse,
            Operation::SearchAccreditations => PayloadKind::AccreditationSearchResponse,
            Operation::SearchPortfolioItems => PayloadKind::PortfolioSearchResponse,
            Operation::GenerateApiKey => PayloadKind::ApikeyResponse,
        };
        // RFC 9110: informational, 204 No Content, 205 Reset Content and 304 Not Modified
        // responses carry no content.
        if matches!(status, 100..=199 | 204 | 205 | 304) {
            return Err(NotLinted::NoBody);
        }
        if !self.documented_statuses().contains(&status) {
            return Err(NotLinted::UndocumentedStatus(status));
        }
        Ok(if status < 300 {
            success
        } else {
            PayloadKind::ErrorResponse
        })
    }
}

impl fmt::Display for Operation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {}", self.method(), self.path())
    }
}

/// Why a body has no payload kind to be checked as.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum NotLinted {
    /// The path is not under `/sales/api4partners/v0/` or `/order/api4partners/v0/` (after
    /// any base path), in any case.
    NotApi4Partners,
    /// Under the API's prefixes, but no path of the spec.
    UnknownPath,
    /// A path of the spec, but not with this method (`HEAD`, `OPTIONS`, `PUT`, …).
    UndocumentedMethod,
    /// The operation has no body in this direction: a `GET` request, a 204 response.
    NoBody,
    /// A response status the spec does not document for the operation.
    UndocumentedStatus(u16),
    /// A `POST` under the API's prefixes whose method override headers
    /// (`X-HTTP-Method-Override`, `X-HTTP-Method`, `X-Method-Override`, or one of them
    /// repeated) name different methods: which one a server takes depends on the server.
    /// The middleware gives it; [`Operation::from_request`] never sees headers.
    ConflictingMethodOverrides,
    /// An operation whose request has a payload kind, sent with a streamed body
    /// (`reqwest::Body::wrap_stream`, a multipart form), which cannot be read before it is
    /// sent without consuming it. The middleware gives it; [`Operation::from_request`] never
    /// sees bodies.
    StreamedBody,
}

impl fmt::Display for NotLinted {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            NotLinted::NotApi4Partners => f.write_str("not an API4Partners path"),
            NotLinted::UnknownPath => f.write_str("no API4Partners path of the spec"),
            NotLinted::UndocumentedMethod => {
                f.write_str("a method the spec does not document on this path")
            }
            NotLinted::NoBody => f.write_str("no body"),
            NotLinted::UndocumentedStatus(status) => {
                write!(f, "status {status} is not documented for this operation")
            }
            NotLinted::ConflictingMethodOverrides => {
                f.write_str("method override headers that name different methods")
            }
            NotLinted::StreamedBody => {
                f.write_str("a streamed body, which cannot be checked before it is sent")
            }
        }
    }
}

/// The kind of a request's body, from its method and URL (or path).
///
/// ```
/// use api4p_lint::endpoint::request_kind;
/// use api4p_lint::PayloadKind;
///
/// let url = "https://apigw-ppt.3ds.com/sales/api4partners/v0/leads-opportunities";
/// assert_eq!(request_kind("POST", url), Ok(PayloadKind::CreateRequest));
/// ```
pub fn request_kind(method: &str, url: &str) -> Result<PayloadKind, NotLinted> {
    Operation::from_request(method, url)?.request_kind()
}

/// The kind of a response's body, from its request's method and URL (or path) and the
/// response's status code.
///
/// ```
/// use api4p_lint::endpoint::response_kind;
/// use api4p_lint::PayloadKind;
///
/// let url = "/sales/api4partners/v0/leads-opportunities/HCRQ-F1LLDE";
/// assert_eq!(response_kind("GET", url, 200), Ok(PayloadKind::GetResponse));
/// assert_eq!(response_kind("GET", url, 500), Ok(PayloadKind::ErrorResponse));
/// ```
pub fn response_kind(method: &str, url: &str, status: u16) -> Result<PayloadKind, NotLinted> {
    Operation::from_request(method, url)?.response_kind(status)
}

/// The segments of the spec's paths: a log may show them; any other segment may be an id.
const PATH_WORDS: [&str; 11] = [
    "sales",
    "order",
    "api4partners",
    "v0",
    "orders",
    "leads-opportunities",
    "search",
    "price-lists",
    "accreditations",
    "apikeys",
    "portfolio-items",
];

/// A request's path as a log may show it when ids and data must not appear: the spec's own
/// segments kept as written (in any case, percent-encoded or not), every other one masked,
/// `{id}` after `orders` or `leads-opportunities` and `{…}` elsewhere (a base path, a
/// segment no operation has), path parameters as `;{…}`, the query as `?{…}`; the scheme,
/// host and fragment left out. Empty and dot segments stay: they tell why a path is
/// unknown. A `url` that is neither a URL nor an absolute path is `{…}` whole.
///
/// ```
/// use api4p_lint::endpoint::masked_path;
///
/// let url = "https://apigw-prd.3ds.com/sales/api4partners/v0/leads-opportunities/9YEL-Y3W56Q?t=1";
/// assert_eq!(masked_path(url), "/sales/api4partners/v0/leads-opportunities/{id}?{…}");
/// assert_eq!(
///     masked_path("http://localhost:8080/proxy/sales/api4partners;v=1/v0/contacts/a@b.com"),
///     "/{…}/sales/api4partners;{…}/v0/{…}/{…}"
/// );
/// ```
pub fn masked_path(url: &str) -> String {
    const MASK: &str = "{…}";
    let Some(path) = path_of(url) else {
        return MASK.to_owned();
    };
    let mut out = String::with_capacity(path.len());
    let mut after_collection = false;
    for segment in path[1..].split('/') {
        out.push('/');
        let (name, parameters) = match segment.split_once(';') {
            Some((name, parameters)) => (name, Some(parameters)),
            None => (segment, None),
        };
        let decoded: Vec<u8> = percent_decode_str(name).collect();
        let word = PATH_WORDS
            .iter()
            .find(|w| w.as_bytes().eq_ignore_ascii_case(&decoded));
        match word {
            Some(_) => out.push_str(name),
            None if matches!(decoded.as_slice(), b"" | b"." | b"..") => out.push_str(name),
            None if after_collection => out.push_str("{id}"),
            None => out.push_str(MASK),
        }
        after_collection = word.is_some_and(|w| matches!(*w, "orders" | "leads-opportunities"));
        if parameters.is_some() {
            out.push(';');
            out.push_str(MASK);
        }
    }
    // `path_of` stops at the first `?` or `#`: a `?` there starts the query.
    let end = url.find(['?', '#']).unwrap_or(url.len());
    if let Some(query) = url[end..].strip_prefix('?') {
        if !query.split('#').next().unwrap_or_default().is_empty() {
            out.push('?');
            out.push_str(MASK);
        }
    }
    out
}

/// `segments` as the most lenient server reads them: percent-decoded, split at encoded `/`
/// and at `\\`, path parameters (`;…`) dropped, empty and `.` segments dropped, `..`
/// resolved, in lower case.
fn normalised(segments: &[&str]) -> Vec<Vec<u8>> {
    let mut names: Vec<Vec<u8>> = Vec::new();
    for segment in segments {
        let decoded: Vec<u8> = percent_decode_str(segment).collect();
        for piece in decoded.split(|&b| b == b'/' || b == b'\\') {
            let name = piece.split(|&b| b == b';').next().unwrap_or_default();
            match name {
                b"" | b"." => {}
                b".." => {
                    names.pop();
                }
                _ => names.push(name.to_ascii_lowercase()),
            }
        }
    }
    names
}

/// Whether `names` (in lower case) hold the API's root.
fn has_root(names: &[Vec<u8>]) -> bool {
    names.windows(3).any(|window| {
        matches!(window[0].as_slice(), b"sales" | b"order")
            && window[1] == b"api4partners"
            && window[2] == b"v0"
    })
}

/// The path of a URL (`scheme://authority/path`, `//authority/path`) or of an absolute path,
/// without its query string or fragment; `None` for anything else.
fn path_of(url: &str) -> Option<&str> {
    let end = url.find(['?', '#']).unwrap_or(url.len());
    let url = &url[..end];
    fn after_authority(rest: &str) -> &str {
        rest.find('/').map_or("/", |i| &rest[i..])
    }
    let path = if let Some(rest) = url.strip_prefix("//") {
        after_authority(rest)
    } else if let Some((scheme, rest)) = url.split_once("://") {
        let is_scheme = scheme.starts_with(|c: char| c.is_ascii_alphabetic())
            && scheme
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'));
        if !is_scheme {
            return None;
        }
        after_authority(rest)
    } else {
        url
    };
    path.starts_with('/').then_some(path)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_of_urls() {
        assert_eq!(path_of("https://h/a/b?q=1#f"), Some("/a/b"));
        assert_eq!(path_of("https://h"), Some("/"));
        assert_eq!(path_of("https://h?x=/a"), Some("/"));
        assert_eq!(path_of("//h/a"), Some("/a"));
        assert_eq!(path_of("/a#x"), Some("/a"));
        assert_eq!(path_of("a/b"), None);
        assert_eq!(path_of(""), None);
        assert_eq!(path_of("1http://h/a"), None);
        assert_eq!(path_of("/a/b?next=https://h/c"), Some("/a/b"));
    }

    #[test]
    fn masked_paths_keep_the_specs_words_only() {
        for (url, masked) in [
            (
                "https://h/order/api4partners/v0/orders/PO_000123456789?x=1#f",
                "/order/api4partners/v0/orders/{id}?{…}",
            ),
            (
                "/sales/api4partners/v0/leads-opportunities/search?",
                "/sales/api4partners/v0/leads-opportunities/search",
            ),
            ("/a/b#frag?x=1", "/{…}/{…}"),
            (
                "/SALES/%61pi4partners/v0//leads-opportunities;jsessionid=ab12/./%2E%2E",
                "/SALES/%61pi4partners/v0//leads-opportunities;{…}/./%2E%2E",
            ),
            (
                "/sales/api4partners%2Fv0/leads-opportunities/Jane%20Doe/x",
                "/sales/{…}/leads-opportunities/{id}/{…}",
            ),
            ("https://h", "/"),
            ("not a url", "{…}"),
        ] {
            assert_eq!(masked_path(url), masked, "{url}");
        }
    }

    #[test]
    fn the_api_root_may_follow_a_base_path() {
        let create = "/sales/api4partners/v0/leads-opportunities";
        for url in [
            format!("http://localhost:8080/proxy{create}"),
            format!("http://localhost:8080/a/b/c{create}?x=1"),
            format!("/proxy{create}/"),
        ] {
            assert_eq!(
                Operation::from_request("POST", &url),
                Ok(Operation::CreateLeadOpportunity),
                "{url}"
            );
        }
        assert_eq!(
            Operation::from_request("GET", "/proxy/order/api4partners/v0/orders/PO_1"),
            Ok(Operation::GetOrderDetails)
        );
        assert_eq!(
            Operation::from_request("POST", "/proxy/sales/api4partners/v1/leads-opportunities"),
            Err(NotLinted::NotApi4Partners)
        );
    }

    #[test]
    fn odd_paths_under_the_api_are_unknown_not_foreign() {
        for path in [
            "/sales/api4partners/v0//leads-opportunities",
            "/sales/api4partners/v0/leads-opportunities;jsessionid=1",
            "/sales/api4partners/v0/leads-opportunities%2F",
            "/Sales/api4partners/v0/leads-opportunities",
            "/SALES/API4PARTNERS/V0/leads-opportunities",
            "/proxy/sales/Api4Partners/v0/leads-opportunities",
        ] {
            assert_eq!(
                Operation::from_request("POST", path),
                Err(NotLinted::UnknownPath),
                "{path}"
            );
        }
        assert_eq!(
            Operation::from_request("patch", "/sales/api4partners/v0/leads-opportunities/X"),
            Err(NotLinted::UndocumentedMethod)
        );
    }

    #[test]
    fn encoded_unreserved_characters_are_the_characters() {
        for path in [
            "/sales/%61pi4partners/v0/leads-opportunities",
            "/%73ales/api4partners/v0/leads%2Dopportunities",
            "/sales/api4partners/%76%30/leads%2dopportunities",
            "/proxy/%73%61%6C%65%73/api4partners/v0/leads-opportunities/",
        ] {
            assert_eq!(
                Operation::from_request("POST", path),
                Ok(Operation::CreateLeadOpportunity),
                "{path}"
            );
        }
    }

    /// Forms that some servers route to the API and others do not: never linted as an
    /// operation, never passed as foreign.
    #[test]
    fn a_root_only_a_lenient_server_reads_is_unknown_not_foreign() {
        for path in [
            // Path parameters, raw or encoded, in any of the root's segments.
            "/sales/api4partners;v=1/v0/leads-opportunities",
            "/sales;v=1/api4partners/v0/leads-opportunities",
            "/sales/api4partners/v0;v=1/leads-opportunities",
            "/sales/api4partners%3Bv=1/v0/leads-opportunities",
            // An encoded slash or a backslash between the root's segments.
            "/sales/api4partners%2Fv0/leads-opportunities",
            "/sales/api4partners%2fv0/leads-opportunities",
            "/sales%2Fapi4partners%2Fv0%2Fleads-opportunities",
            "/sales/api4partners\\v0/leads-opportunities",
            "/sales/api4partners%5Cv0/leads-opportunities",
            // Empty and dot segments a server may merge or resolve.
            "/sales//api4partners/v0/leads-opportunities",
            "/sales/./api4partners/v0/leads-opportunities",
            "/sales/x/../api4partners/v0/leads-opportunities",
            "/sales/api4partners/x/%2E%2E/v0/leads-opportunities",
            // Case, spelled or encoded.
            "/sales/%41PI4PARTNERS/v0/leads-opportunities",
            "/order/api4partners/V0/orders/search",
            // A base path that a lenient server reads as the root already.
            "/sales;x=1/api4partners/v0/proxy/sales/api4partners/v0/leads-opportunities",
        ] {
            assert_eq!(
                Operation::from_request("POST", path),
                Err(NotLinted::UnknownPath),
                "{path}"
            );
        }
        for path in [
            "/sales/api4partners/v1/leads-opportunities",
            "/sales/api4partnersv0/leads-opportunities",
            "/sales/x/api4partners/v0/leads-opportunities",
            "/sales/api4partners/../v0/leads-opportunities",
            "/sales/api4partners;v0/leads-opportunities",
        ] {
            assert_eq!(
                Operation::from_request("POST", path),
                Err(NotLinted::NotApi4Partners),
                "{path}"
            );
        }
        // A base path's own parameters and dot segments are the proxy's business.
        for path in [
            "/proxy;v=1/sales/api4partners/v0/leads-opportunities",
            "/proxy/x/../sales/api4partners/v0/leads-opportunities",
        ] {
            assert_eq!(
                Operation::from_request("POST", path),
                Ok(Operation::CreateLeadOpportunity),
                "{path}"
            );
        }
    }
}
