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
    /// Several kinds fit equally well, or (a single one) the closest kind to a shape that
    /// fits none exactly; the caller must choose.
    Ambiguous(&'static [PayloadKind]),
    /// No kind fits.
    Unknown,
}

/// Recognises a payload's kind from its shape, where the shape says it unambiguously.
///
/// A create request and an update request look alike (an update may carry every field of a
/// create), so a body with a top-level `leadOpportunity` is [`Detection::Ambiguous`]: we never
/// guess between them. Nor between the search responses whose `data` is empty (the order
/// family's, the price lists' and the accreditations' look alike then, their `info` too),
/// nor between an order search item and an order GET item that has none of the GET's own
/// members, nor between the kinds that the items of one `data` point to when they differ
/// (every item is looked at, by its top-level keys only). A single candidate is the closest
/// kind to a shape that fits none exactly (an empty portfolio answer whose `info` lacks
/// `estimatedSearchCount`).
pub fn detect(value: &serde_json::Value) -> Detection {
    detect_explained(value).0
}

/// Why detection gave [`Detection::Ambiguous`] for `value`: a sentence for A4P004's note.
pub(crate) fn why_ambiguous(value: &serde_json::Value) -> Option<&'static str> {
    Some(match detect_explained(value).1? {
        Why::Requests => {
            "a create request and an update request look alike: an update may carry every \
             field of a create"
        }
        Why::OrderWithoutOwnMembers => {
            "this order has no member only the order GET returns (`agreement`, \
             `licenseChargeConditions`…) nor the search's `dsRecievedPoDate`"
        }
        Why::OrderWithGetSpelling => {
            "this order has the order GET's spelling `dsReceivedPoDate` but no other member \
             only the GET returns (`agreement`, `licenseChargeConditions`…): the order search \
             spells it `dsRecievedPoDate`"
        }
        Why::EmptySearch => {
            "a search that found nothing: its empty `data` does not say which search answered, \
             nor does its `info` (`success`, `statusCode`, `estimatedSearchCount` in each)"
        }
        Why::MixedItems => {
            "the items of `data` have the shapes of different kinds: each kind's items share \
             one shape"
        }
        Why::PortfolioInfoWithoutCount => {
            "an empty `data` whose `info` has `timeStamp` (only the portfolio's has it) but not \
             `estimatedSearchCount`, which the portfolio's `info` requires; the order family's, \
             the price lists' and the accreditations' `info` have no `timeStamp`"
        }
    })
}

/// Why a shape fits several kinds (or, with one candidate, none exactly).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Why {
    Requests,
    OrderWithoutOwnMembers,
    OrderWithGetSpelling,
    EmptySearch,
    MixedItems,
    PortfolioInfoWithoutCount,
}

fn detect_explained(value: &serde_json::Value) -> (Detection, Option<Why>) {
    use serde_json::Value;
    const REQUESTS: &[PayloadKind] = &[PayloadKind::CreateRequest, PayloadKind::UpdateRequest];
    let known = |kind| (Detection::Known(kind), None);
    let Some(root) = value.as_object() else {
        return (Detection::Unknown, None);
    };
    if root.len() == 1 && root.get("message").is_some_and(Value::is_string) {
        return known(PayloadKind::ErrorResponse);
    }
    if !root.contains_key("info")
        && (root.contains_key("hashed_key") || root.contains_key("api_key"))
    {
        return known(PayloadKind::ApikeyResponse);
    }
    if let Some(info) = root.get("info") {
        return detect_response(root, info);
    }
    if ORDER_SEARCH_CRITERIA
        .iter()
        .any(|key| root.contains_key(*key))
    {
        return known(PayloadKind::OrderSearchRequest);
    }
    if root.contains_key("leadOpportunity") {
        return (Detection::Ambiguous(REQUESTS), Some(Why::Requests));
    }
    if root.get("data").is_some_and(Value::is_array) {
        return known(PayloadKind::SearchRequest);
    }
    (Detection::Unknown, None)
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

/// Members an order GET item has and an order search item does not, but for the PO date:
/// the GET spells it `dsReceivedPoDate`, the search `dsRecievedPoDate`, and a search item
/// written with the GET's spelling is a misspelled search item as much as a GET item.
const ORDER_GET_ONLY: &[&str] = &[
    "agreement",
    "licenseChargeConditions",
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

/// The successful responses whose `data` may be an empty array with nothing else to tell them
/// apart.
const EMPTY_SEARCHES: &[PayloadKind] = &[
    PayloadKind::OrderSearchResponse,
    PayloadKind::OrderGetResponse,
    PayloadKind::PriceListSearchResponse,
    PayloadKind::AccreditationSearchResponse,
];

/// The kinds whose `data` is an array of items, in [`PayloadKind::ALL`]'s order: a set of
/// them is a bit mask over this list.
const ITEM_KINDS: [PayloadKind; 6] = [
    PayloadKind::SearchResponse,
    PayloadKind::OrderSearchResponse,
    PayloadKind::OrderGetResponse,
    PayloadKind::PriceListSearchResponse,
    PayloadKind::AccreditationSearchResponse,
    PayloadKind::PortfolioSearchResponse,
];

/// Every set of [`ITEM_KINDS`] as a `'static` list, indexed by its bit mask: what
/// [`Detection::Ambiguous`] holds for the items of one `data` that point to different kinds.
static ITEM_KIND_SETS: [([PayloadKind; 6], usize); 64] = {
    let mut sets = [([PayloadKind::SearchResponse; 6], 0); 64];
    let mut mask = 0;
    while mask < 64 {
        let mut i = 0;
        while i < ITEM_KINDS.len() {
            if mask & (1 << i) != 0 {
                sets[mask].0[sets[mask].1] = ITEM_KINDS[i];
                sets[mask].1 += 1;
            }
            i += 1;
        }
        mask += 1;
    }
    sets
};

/// The bit of `kind` in a mask over [`ITEM_KINDS`].
fn item_bit(kind: PayloadKind) -> u8 {
    let at = ITEM_KINDS.iter().position(|k| *k == kind);
    at.map_or(0, |at| 1 << at)
}

/// The kinds of a mask over [`ITEM_KINDS`].
fn item_kinds(mask: u8) -> &'static [PayloadKind] {
    let (kinds, len) = &ITEM_KIND_SETS[usize::from(mask)];
    &kinds[..*len]
}

/// The kind of a body with an `info` member: an error body, or a response told apart by its
/// `data`.
fn detect_response(
    root: &serde_json::Map<String, serde_json::Value>,
    info: &serde_json::Value,
) -> (Detection, Option<Why>) {
    use serde_json::Value;
    let known = |kind| (Detection::Known(kind), None);
    // An order-family success carries `"error": []`: an empty array is no error.
    let has_error = match root.get("error") {
        None | Some(Value::Null) => false,
        Some(Value::Array(errors)) => !errors.is_empty(),
        Some(_) => true,
    };
    let status = info.get("statusCode").and_then(Value::as_u64);
    let says_failed =
        info.get("success") == Some(&Value::Bool(false)) || status.is_some_and(|code| code >= 400);
    if says_failed {
        return known(PayloadKind::ErrorResponse);
    }
    let has_error = has_error || root.contains_key("errors");
    // A body whose `info` says it succeeded is the success it says, `error` or not: that it
    // carries one is the finding (A4P501), not a reason to read its `data` as an error
    // body's. Without such an `info`, an error is what tells.
    let says_succeeded = info.get("success") == Some(&Value::Bool(true))
        || status.is_some_and(|code| (200..300).contains(&code));
    if has_error && !says_succeeded {
        return known(PayloadKind::ErrorResponse);
    }
    let (detection, why) = detect_success(root, info);
    // An error next to a `data` no success has: the error body it looks like.
    if has_error && detection == Detection::Unknown {
        return known(PayloadKind::ErrorResponse);
    }
    (detection, why)
}

/// The kind of a response whose `info` says it succeeded, told apart by its `data`.
fn detect_success(
    root: &serde_json::Map<String, serde_json::Value>,
    info: &serde_json::Value,
) -> (Detection, Option<Why>) {
    use serde_json::Value;
    let known = |kind| (Detection::Known(kind), None);
    let data = root.get("data");
    if root.contains_key("action") {
        return known(PayloadKind::CreateResponse);
    }
    if data.and_then(|d| d.get("leadOpportunity")).is_some() {
        return known(PayloadKind::GetResponse);
    }
    if data.and_then(|d| d.get("action")).is_some() {
        return known(PayloadKind::UpdateResponse);
    }
    let Some(items) = data.and_then(Value::as_array) else {
        return (Detection::Unknown, None);
    };
    if items.is_empty() {
        return detect_empty_search(root, info);
    }
    detect_items(items)
}

/// The kind of a successful search response from its items: each item's top-level keys say
/// which kinds it may be; the kinds every item may be are the answer, and items that point
/// to different kinds make the body ambiguous between all the kinds they point to. An item
/// of no known shape (or not an object) says nothing; if no item says anything, no kind fits.
fn detect_items(items: &[serde_json::Value]) -> (Detection, Option<Why>) {
    let mut all = 0u8; // the kinds some item points to
    let mut common = u8::MAX; // the kinds every recognised item may be
    let mut why = None;
    for item in items {
        let Some(item) = item.as_object() else {
            continue;
        };
        let Some((mask, item_why)) = detect_search_item(item) else {
            continue;
        };
        all |= mask;
        common &= mask;
        why = why.or(item_why);
    }
    match (all, common.count_ones()) {
        (0, _) => (Detection::Unknown, None),
        (_, 0) => (Detection::Ambiguous(item_kinds(all)), Some(Why::MixedItems)),
        (_, 1) => (Detection::Known(item_kinds(common)[0]), None),
        _ => (Detection::Ambiguous(item_kinds(common)), why),
    }
}

/// The kinds a search response's item may be (a mask over [`ITEM_KINDS`]) from its top-level
/// keys, and why when it is more than one; `None` for a shape of no kind.
fn detect_search_item(
    item: &serde_json::Map<String, serde_json::Value>,
) -> Option<(u8, Option<Why>)> {
    let has = |keys: &[&str]| keys.iter().any(|key| item.contains_key(*key));
    let one = |kind| Some((item_bit(kind), None));
    let orders =
        item_bit(PayloadKind::OrderSearchResponse) | item_bit(PayloadKind::OrderGetResponse);
    if has(&["transaction", "businessUnit", "billToSite", "soldToSite"]) {
        if has(ORDER_GET_ONLY) {
            one(PayloadKind::OrderGetResponse)
        } else if item.contains_key("dsRecievedPoDate") {
            one(PayloadKind::OrderSearchResponse)
        } else if item.contains_key("dsReceivedPoDate") {
            Some((orders, Some(Why::OrderWithGetSpelling)))
        } else {
            Some((orders, Some(Why::OrderWithoutOwnMembers)))
        }
    } else if has(&["countryCode", "countryName", "priceLists"]) {
        one(PayloadKind::PriceListSearchResponse)
    } else if has(&[
        "accreditationType",
        "deploymentType",
        "industrySolutionExperience",
        "solutionRelease",
        "industry",
    ]) {
        one(PayloadKind::AccreditationSearchResponse)
    } else if item.keys().any(|key| key.starts_with("salesPortfolio")) {
        one(PayloadKind::PortfolioSearchResponse)
    } else if item.contains_key("dsLeadOpportunityId") {
        one(PayloadKind::SearchResponse)
    } else {
        None
    }
}

/// The kind of a successful search response with no items: only its `info` and `error` can
/// tell. The leads search's `info` carries `traceId` (null or not) and its `error` is null;
/// the portfolio's `info` requires `timeStamp` and `estimatedSearchCount`; the order
/// family's, the price lists' and the accreditations' (`info` of the orders schema) have
/// `success`, `statusCode` and an optional `estimatedSearchCount`, no `timeStamp`.
fn detect_empty_search(
    root: &serde_json::Map<String, serde_json::Value>,
    info: &serde_json::Value,
) -> (Detection, Option<Why>) {
    use serde_json::Value;
    let time_stamp = info.get("timeStamp").is_some();
    if time_stamp && info.get("estimatedSearchCount").is_some() {
        (Detection::Known(PayloadKind::PortfolioSearchResponse), None)
    } else if info.get("traceId").is_some() || root.get("error") == Some(&Value::Null) {
        (Detection::Known(PayloadKind::SearchResponse), None)
    } else if time_stamp {
        (
            Detection::Ambiguous(&[PayloadKind::PortfolioSearchResponse]),
            Some(Why::PortfolioInfoWithoutCount),
        )
    } else {
        (Detection::Ambiguous(EMPTY_SEARCHES), Some(Why::EmptySearch))
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
        // A body whose `info` says it succeeded is a success, even with an `error`: that it
        // carries one is A4P501's finding.
        let errors = json!([{"type": "errors:3dx:invalidRequest", "title": "Bad Request"}]);
        let mut one_result: serde_json::Value = serde_json::from_str(include_str!(
            "../tests/fixtures/spec/order-search-response/successful_ordersSearch_OneResult.json"
        ))
        .unwrap();
        one_result["error"] = errors.clone();
        assert_eq!(
            detect(&one_result),
            Detection::Known(OrderSearchResponse),
            "{one_result}"
        );
        for info in [json!({"success": true}), json!({"statusCode": 200})] {
            let body = json!({"info": info, "error": errors, "data": {"leadOpportunity": {}}});
            assert_eq!(detect(&body), Detection::Known(GetResponse), "{body}");
        }
        // What `info` does not say, an error tells; and an error next to a `data` no success
        // has is an error body.
        for body in [
            json!({"info": {}, "error": errors, "data": {"leadOpportunity": {}}}),
            json!({"info": {"success": true, "statusCode": 200}, "error": errors, "data": null}),
            json!({"info": {"success": true, "statusCode": 500}, "error": errors, "data": []}),
        ] {
            assert_eq!(detect(&body), Detection::Known(ErrorResponse), "{body}");
        }
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

    /// Detection looks at every item of `data` (its top-level keys): items that point to
    /// different kinds make the body ambiguous between all of them, whichever comes first.
    #[test]
    fn items_of_different_shapes_are_ambiguous() {
        use PayloadKind::*;
        let ok = json!({"success": true, "statusCode": 200, "estimatedSearchCount": 2});
        let order = json!({"transaction": {}, "businessUnit": {}, "billToSite": {}, "soldToSite": {}, "agreement": {}});
        let search_order = json!({"transaction": {}, "dsRecievedPoDate": "2025-05-21"});
        let plain_order = json!({"transaction": {}});
        let price_list = json!({"countryCode": "FRA"});
        let portfolio = json!({"salesPortfolioId": "X"});
        let body = |items: Vec<serde_json::Value>| json!({"info": ok, "data": items, "error": []});
        let cases: Vec<(Vec<serde_json::Value>, Detection)> = vec![
            (
                vec![price_list.clone(), order.clone()],
                Detection::Ambiguous(&[OrderGetResponse, PriceListSearchResponse]),
            ),
            (
                vec![order.clone(), price_list.clone()],
                Detection::Ambiguous(&[OrderGetResponse, PriceListSearchResponse]),
            ),
            (
                vec![portfolio.clone(), order.clone()],
                Detection::Ambiguous(&[OrderGetResponse, PortfolioSearchResponse]),
            ),
            (
                vec![
                    order.clone(),
                    order.clone(),
                    portfolio.clone(),
                    price_list.clone(),
                ],
                Detection::Ambiguous(&[
                    OrderGetResponse,
                    PriceListSearchResponse,
                    PortfolioSearchResponse,
                ]),
            ),
            (
                vec![search_order.clone(), order.clone()],
                Detection::Ambiguous(&[OrderSearchResponse, OrderGetResponse]),
            ),
            // An order without the GET's members fits both; another item settles it.
            (
                vec![plain_order.clone(), order.clone()],
                Detection::Known(OrderGetResponse),
            ),
            (
                vec![plain_order.clone(), search_order.clone()],
                Detection::Known(OrderSearchResponse),
            ),
            (
                vec![plain_order.clone(), plain_order.clone()],
                Detection::Ambiguous(&[OrderSearchResponse, OrderGetResponse]),
            ),
            // Items of no known shape say nothing.
            (
                vec![json!({"x": 1}), json!(1), order.clone()],
                Detection::Known(OrderGetResponse),
            ),
            (vec![json!({"x": 1}), json!(1)], Detection::Unknown),
        ];
        for (items, expected) in cases {
            let value = body(items);
            assert_eq!(detect(&value), expected, "{value}");
        }
        assert_eq!(
            why_ambiguous(&body(vec![price_list, order])),
            why_ambiguous(&body(vec![portfolio, search_order]))
        );
        assert!(why_ambiguous(&body(vec![plain_order.clone()]))
            .unwrap()
            .contains("nor the search's"));
    }

    /// An order item with the GET's spelling of the PO date but nothing else of the GET's may
    /// be a misspelled search item as much as a GET item.
    #[test]
    fn the_gets_po_date_alone_does_not_make_a_get() {
        use PayloadKind::*;
        let ok = json!({"success": true, "statusCode": 200});
        let item = json!({"transaction": {}, "businessUnit": {}, "dsReceivedPoDate": "2025-05-21"});
        let value = json!({"info": ok, "data": [item], "error": []});
        assert_eq!(
            detect(&value),
            Detection::Ambiguous(&[OrderSearchResponse, OrderGetResponse])
        );
        assert!(why_ambiguous(&value)
            .unwrap()
            .contains("`dsRecievedPoDate`"));
        let get = json!({"transaction": {}, "dsReceivedPoDate": "2025-05-21", "paymentTerms": {}});
        assert_eq!(
            detect(&json!({"info": ok, "data": [get]})),
            Detection::Known(OrderGetResponse)
        );
    }

    /// An empty search's candidates follow its `info`'s members: `timeStamp` is the
    /// portfolio's alone (with `estimatedSearchCount`, which it requires); without a
    /// `timeStamp` the order family, the price lists and the accreditations remain.
    #[test]
    fn an_empty_searchs_candidates_follow_its_info() {
        use PayloadKind::*;
        let empty = |info: serde_json::Value| json!({"data": [], "info": info});
        assert_eq!(
            detect(&empty(
                json!({"success": true, "statusCode": 200, "timeStamp": "2025-08-14T06:24:04.000Z"})
            )),
            Detection::Ambiguous(&[PortfolioSearchResponse])
        );
        assert!(why_ambiguous(&empty(json!({"timeStamp": "t"})))
            .unwrap()
            .contains("not `estimatedSearchCount`"));
        assert_eq!(
            detect(&empty(
                json!({"success": true, "statusCode": 200, "timeStamp": "t", "estimatedSearchCount": 0})
            )),
            Detection::Known(PortfolioSearchResponse)
        );
        assert_eq!(
            detect(&empty(
                json!({"success": true, "statusCode": 200, "estimatedSearchCount": 0})
            )),
            Detection::Ambiguous(EMPTY_SEARCHES)
        );
        assert_eq!(
            detect(&empty(
                json!({"success": true, "statusCode": 200, "timeStamp": "t", "traceId": null})
            )),
            Detection::Known(SearchResponse)
        );
    }
}
