//! Successful response bodies DS returns: get (200), create (201), update (200), search (200).

use serde::{Deserialize, Serialize};

use schemars::JsonSchema;

use super::errors::ErrorDetail;
use super::lead_opportunity::LeadOpportunityDetails;
use super::nullable::Nullable;

/// Status block (`info`) of the GET and PATCH 200 responses (`timeStamp` spelling; `traceId` is
/// always `null` there). No member is required.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct ResponseInfo {
    /// Status of the operation.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(with = "bool")]
    pub success: Option<bool>,
    /// HTTP status code.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(with = "i64")]
    pub status_code: Option<i64>,
    /// Timestamp of the operation.
    #[serde(default, skip_serializing_if = "Nullable::is_absent")]
    pub time_stamp: Nullable<String>,
    /// Trace id to be provided for technical investigations (`null` in successful responses).
    #[serde(default, skip_serializing_if = "Nullable::is_absent")]
    #[schemars(schema_with = "super::schema_support::null_only")]
    pub trace_id: Nullable<String>,
    /// Members the spec does not list, kept verbatim so that a payload serializes back
    /// unchanged; the schema leaves them out, so the linter still reports them (see
    /// [`crate::model`]).
    #[serde(flatten)]
    #[schemars(skip)]
    pub extra: serde_json::Map<String, serde_json::Value>,
}

/// Status block (`info`) of the 201 create response (`timestamp` spelling). `success` and
/// `statusCode` are required.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct CreateResponseInfo {
    /// Indicator whether request is successful or not.
    pub success: bool,
    /// HTTP Code of the response.
    pub status_code: i64,
    /// Timestamp of the query.
    #[serde(default, skip_serializing_if = "Nullable::is_absent")]
    pub timestamp: Nullable<String>,
    /// Identifier to be communicated to 3DS Support in case support/investigation is required.
    #[serde(default, skip_serializing_if = "Nullable::is_absent")]
    pub trace_id: Nullable<String>,
    /// Members the spec does not list, kept verbatim so that a payload serializes back
    /// unchanged; the schema leaves them out, so the linter still reports them (see
    /// [`crate::model`]).
    #[serde(flatten)]
    #[schemars(skip)]
    pub extra: serde_json::Map<String, serde_json::Value>,
}

/// Status block (`info`) of the 200 search response (`timeStamp` spelling, not nullable). No
/// member is required.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct SearchResponseInfo {
    /// Status of the operation.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(with = "bool")]
    pub success: Option<bool>,
    /// HTTP status code.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(with = "i64")]
    pub status_code: Option<i64>,
    /// Timestamp of the operation.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(with = "String")]
    pub time_stamp: Option<String>,
    /// Trace id to be provided for technical investigations.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(with = "String")]
    pub trace_id: Option<String>,
    /// Members the spec does not list, kept verbatim so that a payload serializes back
    /// unchanged; the schema leaves them out, so the linter still reports them (see
    /// [`crate::model`]).
    #[serde(flatten)]
    #[schemars(skip)]
    pub extra: serde_json::Map<String, serde_json::Value>,
}

/// Response in case of a successful get operation on leadsOpportunities
/// (`GET /sales/api4partners/v0/leads-opportunities/{id}`, 200, spec component
/// `200_get_leads-opportunities`).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct GetLeadOpportunityResponse {
    /// The lead-opportunity.
    pub data: GetLeadOpportunityData,
    /// Status of the operation.
    pub info: ResponseInfo,
    /// No error in case of success (`null`).
    #[serde(default, skip_serializing_if = "Nullable::is_absent")]
    #[schemars(schema_with = "super::schema_support::null_only")]
    pub error: Nullable<ErrorDetail>,
    /// Members the spec does not list, kept verbatim so that a payload serializes back
    /// unchanged; the schema leaves them out, so the linter still reports them (see
    /// [`crate::model`]).
    #[serde(flatten)]
    #[schemars(skip)]
    pub extra: serde_json::Map<String, serde_json::Value>,
}

/// The `data` member of the GET response.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct GetLeadOpportunityData {
    /// The lead-opportunity's details.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(with = "LeadOpportunityDetails")]
    pub lead_opportunity: Option<LeadOpportunityDetails>,
    /// Members the spec does not list, kept verbatim so that a payload serializes back
    /// unchanged; the schema leaves them out, so the linter still reports them (see
    /// [`crate::model`]).
    #[serde(flatten)]
    #[schemars(skip)]
    pub extra: serde_json::Map<String, serde_json::Value>,
}

/// Response in case of successful creation of a lead-opportunity
/// (`POST /sales/api4partners/v0/leads-opportunities`, 201, spec component
/// `201_post_leads-opportunities`).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct CreateLeadOpportunityResponse {
    /// Unique Identifier of the lead-opportunity in the CRM system of the 3DS partner.
    pub partner_lead_opportunity_id: String,
    /// 3DS id of the lead-opportunity.
    pub ds_lead_opportunity_id: String,
    /// Action performed (e.g. `create`).
    pub action: String,
    /// Status of the request.
    pub info: CreateResponseInfo,
    /// Error, if any (`null` on success).
    #[serde(default, skip_serializing_if = "Nullable::is_absent")]
    pub error: Nullable<ErrorDetail>,
    /// Members the spec does not list, kept verbatim so that a payload serializes back
    /// unchanged; the schema leaves them out, so the linter still reports them (see
    /// [`crate::model`]).
    #[serde(flatten)]
    #[schemars(skip)]
    pub extra: serde_json::Map<String, serde_json::Value>,
}

/// Response in case of successful update operation on a lead-opportunity object
/// (`PATCH /sales/api4partners/v0/leads-opportunities/{id}`, 200, spec component
/// `200_patch_leads-opportunities`).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct UpdateLeadOpportunityResponse {
    /// Identification of the updated lead-opportunity.
    pub data: UpdateResponseData,
    /// Status of the operation.
    pub info: ResponseInfo,
    /// No error in case of success (`null`).
    #[serde(default, skip_serializing_if = "Nullable::is_absent")]
    #[schemars(schema_with = "super::schema_support::null_only")]
    pub error: Nullable<ErrorDetail>,
    /// Members the spec does not list, kept verbatim so that a payload serializes back
    /// unchanged; the schema leaves them out, so the linter still reports them (see
    /// [`crate::model`]).
    #[serde(flatten)]
    #[schemars(skip)]
    pub extra: serde_json::Map<String, serde_json::Value>,
}

/// The `data` member of the update response.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct UpdateResponseData {
    /// Identifier of the lead-opportunity in the CRM system of the 3DS partner.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(with = "String")]
    pub partner_lead_opportunity_id: Option<String>,
    /// 3DS id of the lead-opportunity.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(with = "String")]
    pub ds_lead_opportunity_id: Option<String>,
    /// Action performed (e.g. `update`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(with = "String")]
    pub action: Option<String>,
    /// Members the spec does not list, kept verbatim so that a payload serializes back
    /// unchanged; the schema leaves them out, so the linter still reports them (see
    /// [`crate::model`]).
    #[serde(flatten)]
    #[schemars(skip)]
    pub extra: serde_json::Map<String, serde_json::Value>,
}

/// Response body for searching leads-opportunities
/// (`POST /sales/api4partners/v0/leads-opportunities/search`, 200, spec component
/// `200_post_leads-opportunities_search`).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct SearchLeadOpportunitiesResponse {
    /// Status of the operation.
    pub info: SearchResponseInfo,
    /// No error in case of success (`null`).
    #[serde(default, skip_serializing_if = "Nullable::is_absent")]
    #[schemars(schema_with = "super::schema_support::null_only")]
    pub error: Nullable<ErrorDetail>,
    /// The results.
    pub data: Vec<SearchResult>,
    /// Members the spec does not list, kept verbatim so that a payload serializes back
    /// unchanged; the schema leaves them out, so the linter still reports them (see
    /// [`crate::model`]).
    #[serde(flatten)]
    #[schemars(skip)]
    pub extra: serde_json::Map<String, serde_json::Value>,
}

/// 3DS lead-opportunities list of ids corresponding to the search criteria.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct SearchResult {
    /// List of 3DS ids of the lead-opportunities found.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(with = "Vec<String>")]
    pub ds_lead_opportunity_id: Option<Vec<String>>,
    /// Members the spec does not list, kept verbatim so that a payload serializes back
    /// unchanged; the schema leaves them out, so the linter still reports them (see
    /// [`crate::model`]).
    #[serde(flatten)]
    #[schemars(skip)]
    pub extra: serde_json::Map<String, serde_json::Value>,
}
