//! Error bodies: DS's `{info, error, data}` envelopes of the leads operations (400, 406, 500,
//! 503), the order family's envelope with an `error` array (orders search 400, order GET
//! 400/404, accreditations 400), the portfolio-items 400 and the API gateway's `{message}`
//! bodies (401, 403, 429 of every operation).

use std::borrow::Cow;

use schemars::{json_schema, JsonSchema, Schema, SchemaGenerator};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use super::nullable::Nullable;
use super::orders::{OrderError, OrderInfo};
use super::portfolio::PortfolioInfo;

/// Any error body of the API (payload kind `error-response`).
///
/// The schema picks one branch by shape, with `if`/`then`/`else`, so that the errors come from
/// that one branch, at their own paths, with no `anyOf`/`oneOf` wrapper:
///
/// | the body has | it is checked as |
/// | --- | --- |
/// | a `message` member | [`GatewayError`] |
/// | an `error` array, or a `data` array | [`OrderErrorEnvelope`] |
/// | an `info` with `estimatedSearchCount`, and no `data` | [`PortfolioError`] |
/// | anything else | [`ErrorEnvelope`] (the leads operations') |
// The envelope is the common case; boxing it would cost an allocation per body for no gain.
#[allow(clippy::large_enum_variant)]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum ErrorResponse {
    /// The API gateway's body for 401 (missing API key), 403 (forbidden) and 429 (too many
    /// requests).
    Gateway(GatewayError),
    /// The order family's error envelope (orders search 400, order GET 400 and 404,
    /// accreditations 400): `{data: [], info, error: [...]}`.
    Orders(OrderErrorEnvelope),
    /// The portfolio-items search 400: `{info, error: {code, message}}`.
    Portfolio(PortfolioError),
    /// DS's error envelope of the leads operations (400, 406, 500 and 503).
    Envelope(ErrorEnvelope),
}

impl JsonSchema for ErrorResponse {
    fn schema_name() -> Cow<'static, str> {
        "ErrorResponse".into()
    }

    fn schema_id() -> Cow<'static, str> {
        "api4p_lint::model::ErrorResponse".into()
    }

    fn json_schema(generator: &mut SchemaGenerator) -> Schema {
        let gateway = generator.subschema_for::<GatewayError>();
        let orders = generator.subschema_for::<OrderErrorEnvelope>();
        let portfolio = generator.subschema_for::<PortfolioError>();
        let envelope = generator.subschema_for::<ErrorEnvelope>();
        json_schema!({
            "description": "An error body: the API gateway's `{message}` (401, 403, 429) when it has a `message` member; else the order family's envelope when its `error` or its `data` is an array (orders search 400, order GET 400/404, accreditations 400); else the portfolio-items 400 when its `info` has `estimatedSearchCount` and there is no `data`; else the leads operations' `{info, error, data}` envelope (400, 406, 500, 503).",
            "if": { "required": ["message"] },
            "then": gateway,
            "else": {
                // `additionalProperties: true` keeps `close_objects` from closing the
                // conditions: they look at one member each. A `data` array is the order
                // family's too (the leads' `data` is an object or `null`): a body that lacks
                // its `error` is still judged as the envelope it is.
                "if": {
                    "anyOf": [
                        {
                            "required": ["error"],
                            "properties": { "error": { "type": "array" } },
                            "additionalProperties": true,
                        },
                        {
                            "required": ["data"],
                            "properties": { "data": { "type": "array" } },
                            "additionalProperties": true,
                        },
                    ],
                },
                "then": orders,
                "else": {
                    "if": {
                        "required": ["info"],
                        "properties": { "info": { "required": ["estimatedSearchCount"] } },
                        "additionalProperties": true,
                        "not": { "required": ["data"] },
                    },
                    "then": portfolio,
                    "else": envelope,
                },
            },
        })
    }
}

/// The API gateway's error body (spec components `401_basic_unauthorized`,
/// `403_basic_forbidden`, `429_too_many_requests`), e.g. `{"message": "Missing API key in
/// request"}`.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct GatewayError {
    /// Human readable error message.
    pub message: String,
    /// Members the spec does not list, kept verbatim so that a payload serializes back
    /// unchanged; the schema leaves them out, so the linter still reports them (see
    /// [`crate::model`]).
    #[serde(flatten)]
    #[schemars(skip)]
    pub extra: serde_json::Map<String, serde_json::Value>,
}

/// DS's error envelope, covering the spec components `400_post_leads-opportunities`,
/// `400_patch_leads-opportunities`, `406_leads-opportunities`, `500_get_leads-opportunities` and
/// `503_leads-opportunities`.
///
/// Strict where those agree (`info` with a boolean `success` and an integer `statusCode`),
/// lenient where they differ: `error` (400 create, 406, 500, 503) or `errors` (400 update),
/// `data` free-form or `null`, both `timeStamp` and `timestamp` (503) spellings.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct ErrorEnvelope {
    /// Status of the request.
    pub info: ErrorInfo,
    /// The error (`{}` in some 400 responses).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(with = "ErrorDetail")]
    pub error: Option<ErrorDetail>,
    /// Errors of an update request (400 on `PATCH`); free-form.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(with = "Map<String, Value>")]
    pub errors: Option<Map<String, Value>>,
    /// Free-form data: the echoed request body (400), `{partnerLeadOpportunityId, dsLeadOpportunityId, action}` all `null` (400, 406, 503), or `null` (500).
    #[serde(default, skip_serializing_if = "Nullable::is_absent")]
    pub data: Nullable<Map<String, Value>>,
    /// Always `null` (500 on `GET`).
    #[serde(default, skip_serializing_if = "Nullable::is_absent")]
    #[schemars(schema_with = "super::schema_support::null_only")]
    pub partner_id: Nullable<String>,
    /// Members the spec does not list, kept verbatim so that a payload serializes back
    /// unchanged; the schema leaves them out, so the linter still reports them (see
    /// [`crate::model`]).
    #[serde(flatten)]
    #[schemars(skip)]
    pub extra: serde_json::Map<String, serde_json::Value>,
}

/// Status block (`info`) of an error envelope.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct ErrorInfo {
    /// Indicator whether request is successful or not (`false`).
    pub success: bool,
    /// HTTP Code of the response.
    pub status_code: i64,
    /// Timestamp of the query (spelling of the 400, 406 and 500 responses).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(with = "String")]
    pub time_stamp: Option<String>,
    /// Timestamp of the query (spelling of the 503 response).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(with = "String", extend("format" = "date-time"))]
    pub timestamp: Option<String>,
    /// Identifier to be communicated to 3DS Support in case support/investigation is required.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(with = "String")]
    pub trace_id: Option<String>,
    /// Estimated number of results (400 on `PATCH`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(with = "i64")]
    pub estimate_search_count: Option<i64>,
    /// Members the spec does not list, kept verbatim so that a payload serializes back
    /// unchanged; the schema leaves them out, so the linter still reports them (see
    /// [`crate::model`]).
    #[serde(flatten)]
    #[schemars(skip)]
    pub extra: serde_json::Map<String, serde_json::Value>,
}

/// An error: code and message, e.g. `{"code": "ERR801", "message": "..."}`. Both members are
/// optional (some 400 responses send `{}`).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
#[schemars(inline)]
pub struct ErrorDetail {
    /// Identification of the error (e.g. `ERR801`, `ERROR_048`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(with = "String")]
    pub code: Option<String>,
    /// Description of the error.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(with = "String")]
    pub message: Option<String>,
    /// Members the spec does not list, kept verbatim so that a payload serializes back
    /// unchanged; the schema leaves them out, so the linter still reports them (see
    /// [`crate::model`]).
    #[serde(flatten)]
    #[schemars(skip)]
    pub extra: serde_json::Map<String, serde_json::Value>,
}

/// The order family's error envelope (spec components `400_post_orders_search`,
/// `4xx_get_orders`, `400_accreditations_search`): `data` is always an empty array, `error` an
/// array of typed errors whose `pointer`s name request parameters (never resolved against a
/// payload).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct OrderErrorEnvelope {
    /// Always an empty array in case of error responses.
    #[schemars(with = "EmptyArray")]
    pub data: Vec<Value>,
    /// Metadata section of the response providing execution status and result summary.
    pub info: OrderInfo,
    /// An array containing one or more error objects identified during the request processing.
    pub error: Vec<OrderError>,
    /// Members the spec does not list, kept verbatim so that a payload serializes back
    /// unchanged; the schema leaves them out, so the linter still reports them (see
    /// [`crate::model`]).
    #[serde(flatten)]
    #[schemars(skip)]
    pub extra: serde_json::Map<String, serde_json::Value>,
}

/// `data` of an error envelope: an array with no items (`maxItems: 0`).
struct EmptyArray;

impl JsonSchema for EmptyArray {
    fn inline_schema() -> bool {
        true
    }

    fn schema_name() -> Cow<'static, str> {
        "EmptyArray".into()
    }

    fn json_schema(_generator: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "type": "array",
            "description": "Always an empty array in case of error responses.",
            "maxItems": 0,
        })
    }
}

/// The portfolio-items search's 400 body (spec component `400_get_portfolio-items_search`),
/// e.g. `{"info": {...}, "error": {"code": "ERROR_004", "message": "#top should be a positive,
/// non zero integer"}}`.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct PortfolioError {
    /// Global information on the operation requested.
    pub info: PortfolioInfo,
    /// The error.
    pub error: PortfolioErrorDetail,
    /// Members the spec does not list, kept verbatim so that a payload serializes back
    /// unchanged; the schema leaves them out, so the linter still reports them (see
    /// [`crate::model`]).
    #[serde(flatten)]
    #[schemars(skip)]
    pub extra: serde_json::Map<String, serde_json::Value>,
}

/// The error of a portfolio-items 400: both members are required.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct PortfolioErrorDetail {
    /// Error code (e.g. `ERROR_004`).
    pub code: String,
    /// Human readable error message.
    pub message: String,
    /// Members the spec does not list, kept verbatim so that a payload serializes back
    /// unchanged; the schema leaves them out, so the linter still reports them (see
    /// [`crate::model`]).
    #[serde(flatten)]
    #[schemars(skip)]
    pub extra: serde_json::Map<String, serde_json::Value>,
}
