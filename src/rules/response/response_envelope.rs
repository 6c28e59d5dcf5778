//! A4P501 `response-envelope`: A response's info, error and data contradict each other.
use serde_json::{Map, Value};

use crate::kind::PayloadKind;
use crate::rules::Checker;
use crate::text::payload;

crate::declare_rule! {
    /// ## What it checks
    /// That the parts of a response envelope (get, create, update, search and error
    /// responses) tell the same story:
    ///
    /// - `info.success` agrees with `info.statusCode`: `true` exactly when the status is
    ///   2xx. The finding is at `info.success`, with `info.statusCode` labelled. (The spec's
    ///   own 201 example answers `statusCode: 200` with `success: true`: consistent.)
    /// - A successful response (`success: true`) has no `error` (nor `errors`): it is `null`
    ///   or absent. The finding is at the `error` value.
    /// - A failed response (`success: false`) says why: an `error` object (or `errors`, the
    ///   spelling of the 400 answer to `PATCH`). The finding is at `error` when it is there
    ///   but not an object (e.g. `null`), else at the envelope's opening brace.
    /// - A successful response has its `data` (not `null`), except the create response,
    ///   whose ids are top-level members per the spec's 201 schema. The finding is at the
    ///   `null`, or at the envelope's opening brace when `data` is missing.
    /// - In the GET response, `data.leadOpportunity.modifiedDate` is not before `createdDate`
    ///   (both read as RFC 3339 timestamps; a value that does not parse is left alone). The
    ///   finding is at `modifiedDate`, with `createdDate` labelled.
    ///
    /// When `info.success` is not a boolean, "success" is read from a 2xx `info.statusCode`;
    /// a body without an `info` object (the gateway's `{"message": ...}`) is not checked.
    ///
    /// ## Why it matters
    /// The spec's response schemas: `info.success` is the "indicator whether request is
    /// successful or not", `statusCode` the "HTTP Code of the response", `error` is "no
    /// error in case of succees" (`type: 'null'`) and the 400/406/500/503 bodies carry an
    /// `error` with a `code` such as ERR805 or ERROR_048. Client code branches on one of
    /// these; when they disagree it mistakes a failure for a success (or the reverse), and
    /// a fixture or mock with a contradictory envelope tests the wrong branch.
    ///
    /// ## Example
    /// ```json update-response pointer=/info/success span=true
    /// {"info": {"success": true, "statusCode": 500, "timeStamp": null, "traceId": null}, "error": null, "data": {"partnerLeadOpportunityId": "OPPY-12345", "dsLeadOpportunityId": "XJSR-DZMFFT", "action": "update"}}
    /// ```
    ///
    /// ## Use instead
    /// ```json update-response
    /// {"info": {"success": true, "statusCode": 200, "timeStamp": null, "traceId": null}, "error": null, "data": {"partnerLeadOpportunityId": "OPPY-12345", "dsLeadOpportunityId": "XJSR-DZMFFT", "action": "update"}}
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
    if outcome.ok {
        check_success(cx, root, kind, &outcome);
    } else {
        check_failure(cx, root, &outcome);
    }
}

fn check_success(
    cx: &mut Checker<'_>,
    root: &Map<String, Value>,
    kind: PayloadKind,
    outcome: &Outcome,
) {
    for member in ["error", "errors"] {
        // The order family says "no error" with an empty array.
        let no_error = |v: &Value| v.is_null() || v.as_array().is_some_and(Vec::is_empty);
        if root.get(member).is_some_and(|v| !no_error(v)) {
            error_on_success(cx, member, outcome);
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

fn check_failure(cx: &mut Checker<'_>, root: &Map<String, Value>, outcome: &Outcome) {
    // An object (the leads' and the portfolio's), or the order family's non-empty array.
    let says_why = |v: &Value| v.is_object() || v.as_array().is_some_and(|a| !a.is_empty());
    let present = ["error", "errors"]
        .iter()
        .any(|m| root.get(*m).is_some_and(says_why));
    if present {
        return;
    }
    let lack = match root.get("error") {
        Some(_) => Lack::Unusable,
        None => Lack::Absent,
    };
    no_error(cx, lack, outcome);
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
fn error_on_success(cx: &mut Checker<'_>, member: &str, outcome: &Outcome) {
    cx.at_value(format!("/{member}"))
        .message(format!("a successful response carries an `{member}`"))
        .label("an error in a successful response")
        .secondary(outcome.pointer(), outcome.label())
        .help(format!(
            "a successful response has `\"{member}\": null`; if the request failed, \
             `info.success` is false and `info.statusCode` is not 2xx"
        ))
        .note("the spec's 200 responses: `error` is \"no error in case of succees\"")
        .report();
}

/// A successful response without its result.
fn no_data(cx: &mut Checker<'_>, lack: Lack, outcome: &Outcome) {
    let finding = match lack {
        Lack::Unusable => cx.at_value("/data").label("no data"),
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
fn no_error(cx: &mut Checker<'_>, lack: Lack, outcome: &Outcome) {
    let finding = match lack {
        Lack::Unusable => cx.at_value("/error").label("not an error object"),
        Lack::Absent => cx
            .at_object("")
            .label("this failed response has no `error`"),
    };
    finding
        .message("a failed response does not say why: no `error` object")
        .secondary(outcome.pointer(), outcome.label())
        .help(
            "a failed response carries `\"error\": {\"code\": ..., \"message\": ...}` (`errors` \
             in the 400 answer to PATCH)",
        )
        .note(
            "the spec's 400, 406, 500 and 503 responses carry an `error` whose `code` (ERR805, \
             ERROR_048, ...) says what went wrong",
        )
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
