//! Payload kinds: which API4Partners payload a text is meant to be.

use std::fmt;
use std::str::FromStr;

/// One payload of the API4Partners spec, by its kebab-case name (used by `--kind`, the config
/// and every output format).
///
/// Kinds are added as the API grows (a match on it needs a `_` arm outside this crate);
/// [`PayloadKind::ALL`] lists them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum PayloadKind {
    /// `POST /sales/api4partners/v0/leads-opportunities` request body.
    CreateRequest,
    /// `PATCH /sales/api4partners/v0/leads-opportunities/{id}` request body.
    UpdateRequest,
    /// `POST /sales/api4partners/v0/leads-opportunities/search` request body.
    SearchRequest,
    /// `GET /sales/api4partners/v0/leads-opportunities/{id}` 200 response body.
    GetResponse,
    /// `POST /sales/api4partners/v0/leads-opportunities` 201 response body.
    CreateResponse,
    /// `PATCH /sales/api4partners/v0/leads-opportunities/{id}` 200 response body.
    UpdateResponse,
    /// `POST /sales/api4partners/v0/leads-opportunities/search` 200 response body.
    SearchResponse,
    /// `POST /order/api4partners/v0/orders/search` request body.
    OrderSearchRequest,
    /// `POST /order/api4partners/v0/orders/search` 200 response body.
    OrderSearchResponse,
    /// `GET /order/api4partners/v0/orders/{id}` 200 response body.
    OrderGetResponse,
    /// `GET /order/api4partners/v0/price-lists/search` 200 response body.
    PriceListSearchResponse,
    /// `GET /order/api4partners/v0/accreditations/search` 200 response body.
    AccreditationSearchResponse,
    /// `GET /sales/api4partners/v0/portfolio-items/search` 200 response body (also the
    /// configuration's `portfolio-file`).
    PortfolioSearchResponse,
    /// `POST /order/api4partners/v0/apikeys` 200 response body (the request has no body).
    ApikeyResponse,
    /// Error bodies: DS's leads envelopes `{info, error, data}` (400, 406, 500, 503), the order
    /// family's `{data: [], info, error: [...]}` (400, 404), the portfolio-items 400
    /// `{info, error}` and the gateway's `{message}` bodies (401, 403, 429).
    ErrorResponse,
}

impl PayloadKind {
    /// The indefinite article before the kind's name: "an update-request", "a get-response".
    pub fn article(self) -> &'static str {
        if self.name().starts_with(['a', 'e', 'i', 'o', 'u']) {
            "an"
        } else {
            "a"
        }
    }

    /// Every kind, in a stable order.
    pub const ALL: [PayloadKind; 15] = [
        PayloadKind::CreateRequest,
        PayloadKind::UpdateRequest,
        PayloadKind::SearchRequest,
        PayloadKind::GetResponse,
        PayloadKind::CreateResponse,
        PayloadKind::UpdateResponse,
        PayloadKind::SearchResponse,
        PayloadKind::OrderSearchRequest,
        PayloadKind::OrderSearchResponse,
        PayloadKind::OrderGetResponse,
        PayloadKind::PriceListSearchResponse,
        PayloadKind::AccreditationSearchResponse,
        PayloadKind::PortfolioSearchResponse,
        PayloadKind::ApikeyResponse,
        PayloadKind::ErrorResponse,
    ];

    /// The kebab-case name.
    pub const fn name(self) -> &'static str {
        match self {
            PayloadKind::CreateRequest => "create-request",
            PayloadKind::UpdateRequest => "update-request",
            PayloadKind::SearchRequest => "search-request",
            PayloadKind::GetResponse => "get-response",
            PayloadKind::CreateResponse => "create-response",
            PayloadKind::UpdateResponse => "update-response",
            PayloadKind::SearchResponse => "search-response",
            PayloadKind::OrderSearchRequest => "order-search-request",
            PayloadKind::OrderSearchResponse => "order-search-response",
            PayloadKind::OrderGetResponse => "order-get-response",
            PayloadKind::PriceListSearchResponse => "price-list-search-response",
            PayloadKind::AccreditationSearchResponse => "accreditation-search-response",
            PayloadKind::PortfolioSearchResponse => "portfolio-search-response",
            PayloadKind::ApikeyResponse => "apikey-response",
            PayloadKind::ErrorResponse => "error-response",
        }
    }

    /// Whether the partner sends this payload to DS (as opposed to receiving it).
    pub const fn is_request(self) -> bool {
        matches!(
            self,
            PayloadKind::CreateRequest
                | PayloadKind::UpdateRequest
                | PayloadKind::SearchRequest
                | PayloadKind::OrderSearchRequest
        )
    }

    /// Index into [`PayloadKind::ALL`].
    pub const fn index(self) -> usize {
        self as usize
    }
}

impl fmt::Display for PayloadKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// The text was not the name of a payload kind.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownKind(pub String);

impl fmt::Display for UnknownKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "unknown payload kind `{}`; expected one of: ", self.0)?;
        let names: Vec<_> = PayloadKind::ALL.iter().map(|k| k.name()).collect();
        f.write_str(&names.join(", "))
    }
}

impl std::error::Error for UnknownKind {}

impl FromStr for PayloadKind {
    type Err = UnknownKind;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        PayloadKind::ALL
            .into_iter()
            .find(|k| k.name() == s)
            .ok_or_else(|| UnknownKind(s.to_owned()))
    }
}

/// What the shape of a payload says about its kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Detection {
    /// Exactly one kind fits.
    Known(PayloadKind),
    /// Several kinds fit equally well; the caller must choose.
    Ambiguous(&'static [PayloadKind]),
    /// No kind fits.
    Unknown,
}

/// Recognises a payload's kind from its shape, where the shape says it unambiguously.
///
/// A create request and an update request look alike (an update may carry every field of a
/// create), so a body with a top-level `leadOpportunity` is [`Detection::Ambiguous`]: we never
/// guess between them. Nor between the search responses whose `data` is empty (the order
/// family's, the price lists' and the accreditations' look alike then), nor between an order
/// search item and an order GET item that has none of the GET's own members.
pub fn detect(value: &serde_json::Value) -> Detection {
    use serde_json::Value;
    const REQUESTS: &[PayloadKind] = &[PayloadKind::CreateRequest, PayloadKind::UpdateRequest];
    let Some(root) = value.as_object() else {
        return Detection::Unknown;
    };
    if root.len() == 1 && root.get("message").is_some_and(Value::is_string) {
        return Detection::Known(PayloadKind::ErrorResponse);
    }
    if !root.contains_key("info")
        && (root.contains_key("hashed_key") || root.contains_key("api_key"))
    {
        return Detection::Known(PayloadKind::ApikeyResponse);
    }
    if let Some(info) = root.get("info") {
        return detect_response(root, info);
    }
    if ORDER_SEARCH_CRITERIA
        .iter()
        .any(|key| root.contains_key(*key))
    {
        return Detection::Known(PayloadKind::OrderSearchRequest);
    }
    if root.contains_key("leadOpportunity") {
        return Detection::Ambiguous(REQUESTS);
    }
    if root.get("data").is_some_and(Value::is_array) {
        return Detection::Known(PayloadKind::SearchRequest);
    }
    Detection::Unknown
}

/// The members of an orders search request (`orders_search_req`); none is a member of a leads
/// payload's root.
const ORDER_SEARCH_CRITERIA: &[&str] = &[
    "creationDateTime",
    "bookingDateTime",
    "lastUpdateDateTime",
    "installedBaseNumber",
    "onlineInstanceSeatId",
    "billToPoReferences",
    "transactionType",
];

/// Members an order GET item has and an order search item does not.
const ORDER_GET_ONLY: &[&str] = &[
    "agreement",
    "licenseChargeConditions",
    "dsReceivedPoDate",
    "billToContact",
    "sboNumber",
    "customerRequestedArrivalDate",
    "dsSalesRepresentative",
    "isMultiYear",
    "hasExitClause",
    "recurringChargeBillingCycle",
    "opportunity",
    "paymentTerms",
];

/// The kinds an order item without any GET-only member may be.
const ORDERS: &[PayloadKind] = &[
    PayloadKind::OrderSearchResponse,
    PayloadKind::OrderGetResponse,
];

/// The successful responses whose `data` may be an empty array with nothing else to tell them
/// apart.
const EMPTY_SEARCHES: &[PayloadKind] = &[
    PayloadKind::OrderSearchResponse,
    PayloadKind::OrderGetResponse,
    PayloadKind::PriceListSearchResponse,
    PayloadKind::AccreditationSearchResponse,
];

/// The kind of a body with an `info` member: an error body, or a response told apart by its
/// `data`.
fn detect_response(
    root: &serde_json::Map<String, serde_json::Value>,
    info: &serde_json::Value,
) -> Detection {
    use serde_json::Value;
    // An order-family success carries `"error": []`: an empty array is no error.
    let has_error = match root.get("error") {
        None | Some(Value::Null) => false,
        Some(Value::Array(errors)) => !errors.is_empty(),
        Some(_) => true,
    };
    let failed = info.get("success") == Some(&Value::Bool(false))
        || info
            .get("statusCode")
            .and_then(Value::as_u64)
            .is_some_and(|code| code >= 400)
        || has_error
        || root.contains_key("errors");
    if failed {
        return Detection::Known(PayloadKind::ErrorResponse);
    }
    let data = root.get("data");
    if root.contains_key("action") {
        return Detection::Known(PayloadKind::CreateResponse);
    }
    if data.and_then(|d| d.get("leadOpportunity")).is_some() {
        return Detection::Known(PayloadKind::GetResponse);
    }
    if data.and_then(|d| d.get("action")).is_some() {
        return Detection::Known(PayloadKind::UpdateResponse);
    }
    let Some(items) = data.and_then(Value::as_array) else {
        return Detection::Unknown;
    };
    match items.first() {
        Some(Value::Object(item)) => detect_search_item(item),
        Some(_) => Detection::Unknown,
        None => detect_empty_search(root, info),
    }
}

/// The kind of a successful search response from the members of its first item.
fn detect_search_item(item: &serde_json::Map<String, serde_json::Value>) -> Detection {
    let has = |keys: &[&str]| keys.iter().any(|key| item.contains_key(*key));
    Detection::Known(
        if has(&["transaction", "businessUnit", "billToSite", "soldToSite"]) {
            if has(ORDER_GET_ONLY) {
                PayloadKind::OrderGetResponse
            } else if item.contains_key("dsRecievedPoDate") {
                PayloadKind::OrderSearchResponse
            } else {
                return Detection::Ambiguous(ORDERS);
            }
        } else if has(&["countryCode", "countryName", "priceLists"]) {
            PayloadKind::PriceListSearchResponse
        } else if has(&[
            "accreditationType",
            "deploymentType",
            "industrySolutionExperience",
            "solutionRelease",
            "industry",
        ]) {
            PayloadKind::AccreditationSearchResponse
        } else if item.keys().any(|key| key.starts_with("salesPortfolio")) {
            PayloadKind::PortfolioSearchResponse
        } else if item.contains_key("dsLeadOpportunityId") {
            PayloadKind::SearchResponse
        } else {
            return Detection::Unknown;
        },
    )
}

/// The kind of a successful search response with no items: only its `info` and `error` can
/// tell.
fn detect_empty_search(
    root: &serde_json::Map<String, serde_json::Value>,
    info: &serde_json::Value,
) -> Detection {
    use serde_json::Value;
    if info.get("timeStamp").is_some() && info.get("estimatedSearchCount").is_some() {
        Detection::Known(PayloadKind::PortfolioSearchResponse)
    } else if info.get("traceId").is_some() || root.get("error") == Some(&Value::Null) {
        Detection::Known(PayloadKind::SearchResponse)
    } else {
        Detection::Ambiguous(EMPTY_SEARCHES)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn names_round_trip() {
        for kind in PayloadKind::ALL {
            assert_eq!(kind.name().parse::<PayloadKind>(), Ok(kind));
            assert_eq!(PayloadKind::ALL[kind.index()], kind);
        }
        assert!("get".parse::<PayloadKind>().is_err());
    }

    #[test]
    fn detects_by_shape_and_never_guesses_between_requests() {
        let known = |v| match detect(&v) {
            Detection::Known(k) => Some(k),
            _ => None,
        };
        assert_eq!(
            known(json!({"message": "API Consumer Not allowed"})),
            Some(PayloadKind::ErrorResponse)
        );
        assert_eq!(
            known(
                json!({"info": {"success": true, "statusCode": 200}, "error": null, "data": {"leadOpportunity": {}}})
            ),
            Some(PayloadKind::GetResponse)
        );
        assert_eq!(
            known(
                json!({"info": {"success": false, "statusCode": 406}, "error": {"code": "ERR805"}, "data": null})
            ),
            Some(PayloadKind::ErrorResponse)
        );
        assert_eq!(
            known(
                json!({"dsLeadOpportunityId": "9YEL-Y3W56Q", "action": "create", "info": {"success": true, "statusCode": 200}})
            ),
            Some(PayloadKind::CreateResponse)
        );
        assert_eq!(
            known(
                json!({"info": {"success": true, "statusCode": 200}, "data": {"action": "update"}})
            ),
            Some(PayloadKind::UpdateResponse)
        );
        // An empty `data` alone no longer says which search answered: the order family's,
        // the price lists' and the accreditations' look the same.
        assert_eq!(
            detect(&json!({"info": {"success": true, "statusCode": 200}, "data": []})),
            Detection::Ambiguous(EMPTY_SEARCHES)
        );
        assert_eq!(
            known(
                json!({"info": {"success": true, "statusCode": 200, "timeStamp": "x", "traceId": "t"}, "data": []})
            ),
            Some(PayloadKind::SearchResponse)
        );
        assert_eq!(
            known(json!({"data": [{"partnerLeadOpportunityId": ""}]})),
            Some(PayloadKind::SearchRequest)
        );
        assert!(
            matches!(detect(&json!({"leadOpportunity": {}})), Detection::Ambiguous(k) if k.len() == 2)
        );
        assert_eq!(detect(&json!([1])), Detection::Unknown);
        assert_eq!(detect(&json!({"foo": 1})), Detection::Unknown);
    }

    /// Every kind is recognised from a minimal shape of its own, and every ambiguity names
    /// exactly its candidates.
    #[test]
    fn detects_every_kind_of_the_other_domains() {
        use PayloadKind::*;
        let ok = json!({"success": true, "statusCode": 200});
        let order =
            json!({"transaction": {}, "businessUnit": {}, "billToSite": {}, "soldToSite": {}});
        let with = |extra: serde_json::Value| {
            let mut item = order.clone();
            item.as_object_mut()
                .unwrap()
                .extend(extra.as_object().unwrap().clone());
            json!({"info": ok, "data": [item], "error": []})
        };
        let cases = [
            (
                json!({"creationDateTime": {"from": "2025-05-21T14:30:00Z"}}),
                OrderSearchRequest,
            ),
            (json!({"transactionType": "PO"}), OrderSearchRequest),
            (
                json!({"billToPoReferences": ["390830"]}),
                OrderSearchRequest,
            ),
            (
                with(json!({"dsRecievedPoDate": "2025-05-21"})),
                OrderSearchResponse,
            ),
            (
                with(json!({"agreement": {"type": "GVA"}})),
                OrderGetResponse,
            ),
            (
                with(json!({"licenseChargeConditions": []})),
                OrderGetResponse,
            ),
            (
                with(json!({"dsReceivedPoDate": "2025-05-21"})),
                OrderGetResponse,
            ),
            (
                json!({"info": ok, "data": [{"countryCode": "FRA", "priceLists": []}]}),
                PriceListSearchResponse,
            ),
            (
                json!({"info": ok, "data": [{"id": "PRTF119", "name": "x", "accreditationType": "Portfolio"}]}),
                AccreditationSearchResponse,
            ),
            (
                json!({"info": ok, "data": [{"salesPortfolioId": "X"}]}),
                PortfolioSearchResponse,
            ),
            (
                json!({"info": {"success": true, "statusCode": 200, "timeStamp": "2025-08-14T07:45:59.000Z", "estimatedSearchCount": 0}, "data": []}),
                PortfolioSearchResponse,
            ),
            (json!({"hashed_key": "x", "api_key": "y"}), ApikeyResponse),
            (json!({"api_key": "y"}), ApikeyResponse),
            (
                json!({"data": [], "info": {"success": false, "statusCode": 400}, "error": [{"type": "errors:3dx:invalidRequest", "title": "Bad Request"}]}),
                ErrorResponse,
            ),
            (
                json!({"info": {"success": false, "statusCode": 400, "timeStamp": "t", "estimatedSearchCount": 3}, "error": {"code": "ERROR_004", "message": "m"}}),
                ErrorResponse,
            ),
            // An order-family success says "no error" with an empty array.
            (
                with(json!({"agreement": {"type": "GVA"}})),
                OrderGetResponse,
            ),
            (
                json!({"info": ok, "error": null, "data": [{"dsLeadOpportunityId": ["1FFC-7BQC5E"]}]}),
                SearchResponse,
            ),
            (
                json!({"info": {"success": true, "statusCode": 200, "timeStamp": "t", "traceId": "x"}, "error": null, "data": []}),
                SearchResponse,
            ),
        ];
        for (value, kind) in cases {
            assert_eq!(detect(&value), Detection::Known(kind), "{value}");
        }
        assert_eq!(
            detect(&json!({"info": ok, "data": [order]})),
            Detection::Ambiguous(&[OrderSearchResponse, OrderGetResponse])
        );
        for empty in [
            json!({"info": ok, "data": []}),
            json!({"info": {"success": true, "statusCode": 200, "estimatedSearchCount": 0}, "data": [], "error": []}),
        ] {
            assert_eq!(
                detect(&empty),
                Detection::Ambiguous(&[
                    OrderSearchResponse,
                    OrderGetResponse,
                    PriceListSearchResponse,
                    AccreditationSearchResponse
                ]),
                "{empty}"
            );
        }
        // A request body with an `info` is a response; a failed one an error body.
        assert_eq!(
            detect(
                &json!({"info": {"success": false, "statusCode": 404}, "data": [], "error": []})
            ),
            Detection::Known(ErrorResponse)
        );
        // Unknown item shapes are not guessed.
        assert_eq!(
            detect(&json!({"info": ok, "data": [{"x": 1}]})),
            Detection::Unknown
        );
        assert_eq!(
            detect(&json!({"info": ok, "data": [1]})),
            Detection::Unknown
        );
    }
}
