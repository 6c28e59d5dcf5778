//! A4P501 `response-envelope`: A response's info, error and data contradict each other.
use serde_json::{Map, Value};

use crate::kind::PayloadKind;
use crate::rules::Checker;
use crate::text::payload;

crate::declare_rule! {
    /// ## What it checks
    /// That the parts of a response envelope tell the same story, in every response kind
    /// with an `info` object: the leads' get, create, update and search responses, the order
    /// family's (orders search and GET, price lists, accreditations), the portfolio items
    /// search, and the error bodies of all of them:
    ///
    /// - `info.success` agrees with `info.statusCode`: `true` exactly when the status is
    ///   2xx. The finding is at `info.success`, with `info.statusCode` labelled. (The spec's
    ///   own 201 example answers `statusCode: 200` with `success: true`: consistent.)
    /// - A failed response (`success: false`) has an error status, 4xx or 5xx: a 1xx or 3xx
    ///   status is a finding at `info.statusCode`. (The spec's order GET 404 example says
    ///   `statusCode: 400`: a failure with an error status, nothing contradictory in the
    ///   body itself.)
    /// - A successful response (`success: true`) has no error: `error` (or `errors`) is
    ///   `null` or absent in the leads' responses, an empty array `[]` or absent in the order
    ///   family's, absent in the portfolio's (its 200 has no `error` member at all). The
    ///   finding is at the `error` value.
    /// - A failed response says why: an `error` object in the leads' bodies (or `errors`,
    ///   the spelling of the 400 answer to `PATCH`) and in the portfolio's 400
    ///   (`{code, message}`), a non-empty `error` array in the order family's
    ///   (`[{type, title, errors}]`). The finding is at `error` when it is there but `null`,
    ///   empty or not an object or array, else at the envelope's opening brace.
    /// - A failed response of the order family has an empty `data`. In a body checked as
    ///   `error-response` the schema says so (A4P107 on `maxItems: 0`); in a body checked as
    ///   a success kind, this rule's finding is at the first result.
    /// - A successful response has its `data` (not `null`), except the create response,
    ///   whose ids are top-level members per the spec's 201 schema. The finding is at the
    ///   `null`, or at the envelope's opening brace when `data` is missing.
    /// - In the leads GET response, `data.leadOpportunity.modifiedDate` is not before
    ///   `createdDate` (both read as RFC 3339 timestamps; a value that does not parse is left
    ///   alone). The finding is at `modifiedDate`, with `createdDate` labelled.
    ///
    /// When `info.success` is not a boolean, "success" is read from a 2xx `info.statusCode`;
    /// a body without an `info` object (the gateway's `{"message": ...}`, the API key
    /// response) is not checked.
    ///
    /// ## Why it matters
    /// The spec's response schemas: `info.success` is the "indicator whether request is
    /// successful or not" ("Indicates whether the API request was executed successfully" in
    /// the order family), `statusCode` the "HTTP Code of the response". The leads' `error` is
    /// "no error in case of succees" (`type: 'null'`) and their 400/406/500/503 bodies carry
    /// an `error` with a `code` such as ERR805 or ERROR_048. The order family's `error` is
    /// "An array containing one or more error objects identified during the request
    /// processing", required in its 400 and 404 bodies, whose `data` is "Always an empty
    /// array in case of error responses." The portfolio's 400 requires `error {code,
    /// message}`. Client code branches on one of these; when they disagree it mistakes a
    /// failure for a success (or the reverse), and a fixture or mock with a contradictory
    /// envelope tests the wrong branch.
    ///
    /// ## Fix
    /// None: which of `info`, `error` and `data` is right is unknown.
    ///
    /// ## Example
    /// ```json update-response pointer=/info/success span=true
    /// {"info": {"success": true, "statusCode": 500, "timeStamp": null, "traceId": null}, "error": null, "data": {"partnerLeadOpportunityId": "OPPY-12345", "dsLeadOpportunityId": "XJSR-DZMFFT", "action": "update"}}
    /// ```
    ///
    /// An order-family error body whose `error` array is empty:
    ///
    /// ```json error-response pointer=/error span=[]
    /// {"data": [], "info": {"success": false, "statusCode": 400, "estimatedSearchCount": 0}, "error": []}
    /// ```
    ///
    /// ## Use instead
    /// ```json update-response
    /// {"info": {"success": true, "statusCode": 200, "timeStamp": null, "traceId": null}, "error": null, "data": {"partnerLeadOpportunityId": "OPPY-12345", "dsLeadOpportunityId": "XJSR-DZMFFT", "action": "update"}}
    /// ```
    ///
    /// ```json error-response
    /// {"data": [], "info": {"success": false, "statusCode": 400, "estimatedSearchCount": 0}, "error": [{"type": "errors:3dx:invalidRequest", "title": "Bad Request", "errors": [{"detail": "A required parameter is missing.", "pointer": "#/transactionId"}]}]}
    /// ```
    pub static RESPONSE_ENVELOPE = {
        code: "A4P501",
        name: "response-envelope",
        category: Consistency,
        severity: Warning,
        summary: "A response's info, error and data contradict each other",
    };
}

const SUCCESS: &str = "/info/success";
const STATUS_CODE: &str = "/info/statusCode";
const CREATED: &str = "/data/leadOpportunity/createdDate";
const MODIFIED: &str = "/data/leadOpportunity/modifiedDate";

/// Whether the response says it succeeded, and which member says so.
struct Outcome {
    ok: bool,
    /// The status code, when it is what says so (`success` is not a boolean).
    by_status: Option<i64>,
}

impl Outcome {
    /// `/info/success`, or `/info/statusCode` when `success` is not a boolean.
    fn pointer(&self) -> &'static str {
        if self.by_status.is_some() {
            STATUS_CODE
        } else {
            SUCCESS
        }
    }

    /// The label on that member.
    fn label(&self) -> String {
        match self.by_status {
            Some(status) => format!("statusCode is {} here", payload(status)),
            None => format!("success is {} here", self.ok),
        }
    }
}

/// How a member the response needs is missing.
#[derive(Clone, Copy)]
enum Lack {
    /// Not there: the finding is at the whole response.
    Absent,
    /// There, but `null` or not an object: the finding is at its value.
    Unusable,
    /// An empty array: the finding is at its value.
    Empty,
}

/// Which envelope a response has: the error shapes and what "no error" is differ.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Family {
    /// The leads operations: `error` is an object, `null` on success.
    Leads,
    /// The order family (orders search and GET, price lists, accreditations): `data` is an
    /// array, `error` an array of `{type, title, errors}`, empty or absent on success.
    Orders,
    /// The portfolio items search: no `error` on success, `error {code, message}` in its 400.
    Portfolio,
}

impl Family {
    fn of(kind: PayloadKind, root: &Map<String, Value>) -> Family {
        match kind {
            PayloadKind::OrderSearchResponse
            | PayloadKind::OrderGetResponse
            | PayloadKind::PriceListSearchResponse
            | PayloadKind::AccreditationSearchResponse => Family::Orders,
            PayloadKind::PortfolioSearchResponse => Family::Portfolio,
            PayloadKind::ErrorResponse => {
                if root.get("error").is_some_and(Value::is_array)
                    || root.get("data").is_some_and(Value::is_array)
                {
                    Family::Orders
                } else if !root.contains_key("data")
                    && root
                        .get("info")
                        .is_some_and(|i| i.get("estimatedSearchCount").is_some())
                {
                    Family::Portfolio
                } else {
                    Family::Leads
                }
            }
            _ => Family::Leads,
        }
    }
}

/// Runs the rule.
pub(crate) fn check(cx: &mut Checker<'_>) {
    let kind = cx.kind();
    if kind.is_request() {
        return;
    }
    let Some(root) = cx.root().as_object() else {
        return;
    };
    if kind == PayloadKind::GetResponse {
        check_dates(cx);
    }
    let Some(info) = root.get("info").and_then(Value::as_object) else {
        return;
    };
    let success = info.get("success").and_then(Value::as_bool);
    let status = info.get("statusCode").and_then(Value::as_i64);
    let two_xx = status.map(|s| (200..300).contains(&s));
    let outcome = match (success, status, two_xx) {
        (Some(success), Some(status), Some(two_xx)) if success != two_xx => {
            // Which side is wrong is anyone's guess: say that, and nothing built on either.
            success_contradicts_status(cx, success, status);
            return;
        }
        (Some(ok), ..) => Outcome {
            ok,
            by_status: None,
        },
        (None, Some(status), Some(ok)) => Outcome {
            ok,
            by_status: Some(status),
        },
        _ => return,
    };
    let family = Family::of(kind, root);
    if outcome.ok {
        check_success(cx, root, kind, family, &outcome);
    } else {
        if outcome.by_status.is_none() {
            if let Some(status) = status.filter(|s| !(400..600).contains(s)) {
                not_an_error_status(cx, status);
            }
        }
        check_failure(cx, root, kind, family, &outcome);
    }
}

fn check_success(
    cx: &mut Checker<'_>,
    root: &Map<String, Value>,
    kind: PayloadKind,
    family: Family,
    outcome: &Outcome,
) {
    for member in ["error", "errors"] {
        // The order family says "no error" with an empty array.
        let no_error = |v: &Value| v.is_null() || v.as_array().is_some_and(Vec::is_empty);
        if root.get(member).is_some_and(|v| !no_error(v)) {
            error_on_success(cx, member, family, outcome);
        }
    }
    if kind == PayloadKind::CreateResponse {
        return;
    }
    match root.get("data") {
        Some(Value::Null) => no_data(cx, Lack::Unusable, outcome),
        Some(_) => {}
        None => no_data(cx, Lack::Absent, outcome),
    }
}

fn check_failure(
    cx: &mut Checker<'_>,
    root: &Map<String, Value>,
    kind: PayloadKind,
    family: Family,
    outcome: &Outcome,
) {
    // The order family's error bodies have an empty `data`; the error-response schema says so
    // already (`maxItems: 0`), a success kind's schema does not.
    let results = root
        .get("data")
        .and_then(Value::as_array)
        .is_some_and(|d| !d.is_empty());
    if results && family == Family::Orders && kind != PayloadKind::ErrorResponse {
        data_on_failure(cx, outcome);
    }
    // An object (the leads' and the portfolio's), or the order family's non-empty array.
    let says_why = |v: &Value| v.is_object() || v.as_array().is_some_and(|a| !a.is_empty());
    let present = ["error", "errors"]
        .iter()
        .any(|m| root.get(*m).is_some_and(says_why));
    if present {
        return;
    }
    let lack = match root.get("error") {
        Some(Value::Array(_)) => Lack::Empty,
        Some(_) => Lack::Unusable,
        None => Lack::Absent,
    };
    no_error(cx, lack, family, outcome);
}

fn check_dates(cx: &mut Checker<'_>) {
    let timestamp = |pointer: &str| {
        cx.at(pointer)
            .and_then(Value::as_str)
            .and_then(|s| s.parse::<jiff::Timestamp>().ok())
    };
    let (Some(created), Some(modified)) = (timestamp(CREATED), timestamp(MODIFIED)) else {
        return;
    };
    if modified >= created {
        return;
    }
    modified_before_created(cx, created, modified);
}

/// `info.success` against `info.statusCode`; which one is wrong is anyone's guess.
fn success_contradicts_status(cx: &mut Checker<'_>, success: bool, status: i64) {
    let status = payload(status);
    let (message, help) = if success {
        (
            format!("`info.success` is true but `info.statusCode` {status} is not a 2xx status"),
            "a failed request has `\"success\": false` and an `error`",
        )
    } else {
        (
            format!("`info.success` is false but `info.statusCode` {status} is a 2xx status"),
            "a successful request has `\"success\": true` and no `error`",
        )
    };
    cx.at_value(SUCCESS)
        .message(message)
        .label(format!("contradicts the status code {status}"))
        .secondary(STATUS_CODE, format!("statusCode is {status} here"))
        .help(help)
        .note(
            "the spec's `info`: `success` is the \"indicator whether request is successful or \
             not\" and `statusCode` the \"HTTP Code of the response\"; success means 2xx",
        )
        .report();
}

/// A successful response carrying `error` or `errors`.
fn error_on_success(cx: &mut Checker<'_>, member: &str, family: Family, outcome: &Outcome) {
    let (no_error, note) = match family {
        Family::Leads => (
            format!("`\"{member}\": null`"),
            "the spec's 200 responses: `error` is \"no error in case of succees\"",
        ),
        Family::Orders => (
            format!("an empty `\"{member}\": []` or none"),
            "the spec's 200 responses of the order family: `error` is the array of the errors \
             \"identified during the request processing\", empty when it succeeded",
        ),
        Family::Portfolio => (
            format!("no `{member}`"),
            "the spec's portfolio items 200 response has `info` and `data`, no `error`",
        ),
    };
    cx.at_value(format!("/{member}"))
        .message(format!("a successful response carries an `{member}`"))
        .label("an error in a successful response")
        .secondary(outcome.pointer(), outcome.label())
        .help(format!(
            "a successful response has {no_error}; if the request failed, `info.success` is \
             false and `info.statusCode` is not 2xx"
        ))
        .note(note)
        .report();
}

/// A failed response (`success: false`) whose status is not 4xx or 5xx.
fn not_an_error_status(cx: &mut Checker<'_>, status: i64) {
    let status = payload(status);
    cx.at_value(STATUS_CODE)
        .message(format!(
            "a failed response has `info.statusCode` {status}, which is not an error status"
        ))
        .label("not a 4xx or 5xx status")
        .secondary(SUCCESS, "success is false here")
        .help(
            "a failed request is answered with a 4xx (the request) or 5xx (DS) status; a \
             successful one with 2xx and `\"success\": true`",
        )
        .note(
            "the spec's error bodies answer 400, 404, 406, 500 and 503; `statusCode` is the \
             \"HTTP Code of the response\"",
        )
        .report();
}

/// A failed order-family response with results in `data`.
fn data_on_failure(cx: &mut Checker<'_>, outcome: &Outcome) {
    cx.at_value("/data/0")
        .message("a failed response carries results in `data`")
        .label("a result in a failed response")
        .secondary(outcome.pointer(), outcome.label())
        .help("a failed response has `\"data\": []` and says why in `error`")
        .note(
            "the spec's error bodies of the order family: `data` is \"Always an empty array in \
             case of error responses.\"",
        )
        .report();
}

/// A successful response without its result.
fn no_data(cx: &mut Checker<'_>, lack: Lack, outcome: &Outcome) {
    let finding = match lack {
        Lack::Unusable | Lack::Empty => cx.at_value("/data").label("no data"),
        Lack::Absent => cx.at_object("").label("this response has no `data`"),
    };
    finding
        .message("a successful response has no `data`")
        .secondary(outcome.pointer(), outcome.label())
        .help("a successful response carries the result in `data`")
        .note("the spec's 200 responses require `data`")
        .report();
}

/// A failed response that does not say why.
fn no_error(cx: &mut Checker<'_>, lack: Lack, family: Family, outcome: &Outcome) {
    let finding = match lack {
        Lack::Unusable if family == Family::Orders => {
            cx.at_value("/error").label("not an array of errors")
        }
        Lack::Unusable => cx.at_value("/error").label("not an error object"),
        Lack::Empty => cx.at_value("/error").label("an empty array of errors"),
        Lack::Absent => cx
            .at_object("")
            .label("this failed response has no `error`"),
    };
    let (message, help, note) = match family {
        Family::Leads => (
            "a failed response does not say why: no `error` object",
            "a failed response carries `\"error\": {\"code\": ..., \"message\": ...}` (`errors` \
             in the 400 answer to PATCH)",
            "the spec's 400, 406, 500 and 503 responses carry an `error` whose `code` (ERR805, \
             ERROR_048, ...) says what went wrong",
        ),
        Family::Orders => (
            if matches!(lack, Lack::Absent) {
                "a failed response of the order family does not say why: no `error` array"
            } else {
                "a failed response of the order family does not say why: no error in `error`"
            },
            "a failed response carries `\"error\": [{\"type\": \"errors:3dx:invalidRequest\", \
             \"title\": ..., \"errors\": [{\"detail\": ..., \"pointer\": ...}]}]`",
            "the spec's 400 and 404 bodies of the order family require `error`, \"An array \
             containing one or more error objects\", each with a `type` and a `title`",
        ),
        Family::Portfolio => (
            "a failed response does not say why: no `error` object",
            "a failed response carries `\"error\": {\"code\": ..., \"message\": ...}`",
            "the spec's portfolio items 400 body requires an `error` whose `code` (ERROR_004) \
             and `message` say what went wrong",
        ),
    };
    finding
        .message(message)
        .secondary(outcome.pointer(), outcome.label())
        .help(help)
        .note(note)
        .report();
}

/// The GET response's lead-opportunity modified before it was created.
fn modified_before_created(
    cx: &mut Checker<'_>,
    created: jiff::Timestamp,
    modified: jiff::Timestamp,
) {
    cx.at_value(MODIFIED)
        .message(format!(
            "`data.leadOpportunity.modifiedDate` {} is before `createdDate` {}",
            payload(modified),
            payload(created)
        ))
        .label("before the creation")
        .secondary(CREATED, "created here")
        .note(
            "a lead-opportunity cannot be modified before it is created; clients that search by \
             `modifiedDate` would miss it",
        )
        .report();
}
