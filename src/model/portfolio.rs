//! The portfolio-items search response (`GET /sales/api4partners/v0/portfolio-items/search`):
//! a lintable payload, and the partner's reference data (`portfolio-file` in the
//! configuration reads the same model).

use serde::{Deserialize, Serialize};

use schemars::JsonSchema;

/// Response body of a successful portfolio-items search
/// (`GET /sales/api4partners/v0/portfolio-items/search`, 200, spec component
/// `200_get_portfolio-items_search`).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct SearchPortfolioItemsResponse {
    /// The sales portfolio-items.
    pub data: Vec<PortfolioItem>,
    /// Global information on the operation requested.
    pub info: PortfolioInfo,
    /// Members the spec does not list, kept verbatim so that a payload serializes back
    /// unchanged; the schema leaves them out, so the linter still reports them (see
    /// [`crate::model`]).
    #[serde(flatten)]
    #[schemars(skip)]
    pub extra: serde_json::Map<String, serde_json::Value>,
}

/// Global information on a portfolio-items operation (spec component
/// `info_response_portfolio-items`): every member is required.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct PortfolioInfo {
    /// `true` if operation succeeded or `false` in case of error.
    pub success: bool,
    /// HTTP return code of the operation.
    pub status_code: i64,
    /// Timestamp of the operation.
    #[schemars(extend("format" = "date-time"))]
    pub time_stamp: String,
    /// Total number of Results.
    pub estimated_search_count: i64,
    /// Members the spec does not list, kept verbatim so that a payload serializes back
    /// unchanged; the schema leaves them out, so the linter still reports them (see
    /// [`crate::model`]).
    #[serde(flatten)]
    #[schemars(skip)]
    pub extra: serde_json::Map<String, serde_json::Value>,
}

/// A sales portfolio-item (spec component `portfolio-items_data`). No member is required; the
/// spec gives no code lists (`Brand`, `On Premise` are examples).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(expecting = "a portfolio item, an object such as {\"salesPortfolioId\": ...}")]
pub struct PortfolioItem {
    /// Type of portfolio item (e.g. `Brand`).
    #[serde(
        rename = "salesPortfolioType",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    #[schemars(with = "String")]
    pub sales_portfolio_type: Option<String>,
    /// Infrastructure type (e.g. `On Premise`).
    #[serde(
        rename = "salesPortfolioInfrastructure",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    #[schemars(with = "String")]
    pub sales_portfolio_infrastructure: Option<String>,
    /// Whether or not the item can be ordered.
    #[serde(
        rename = "salesPortfolioisOrderable",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    #[schemars(with = "bool")]
    pub sales_portfolio_is_orderable: Option<bool>,
    /// Level 1 of the description of the portfolio item (e.g. `3DEXPERIENCE`).
    #[serde(
        rename = "salesPortfolioLevel1",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    #[schemars(with = "String")]
    pub sales_portfolio_level1: Option<String>,
    /// Level 2 of the description of the portfolio item.
    #[serde(
        rename = "salesPortfolioLevel2",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    #[schemars(with = "String")]
    pub sales_portfolio_level2: Option<String>,
    /// Level 3 of the description of the portfolio item.
    #[serde(
        rename = "salesPortfolioLevel3",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    #[schemars(with = "String")]
    pub sales_portfolio_level3: Option<String>,
    /// The portfolio item's identifier, the `offerNameId` of a lead-opportunity's offer line (e.g. `CLASS00002_ONPR_PRTF077_SOL001277`).
    #[serde(
        rename = "salesPortfolioId",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    #[schemars(with = "String")]
    pub sales_portfolio_id: Option<String>,
    /// Members the spec does not list, kept verbatim so that a payload serializes back
    /// unchanged; the schema leaves them out, so the linter still reports them (see
    /// [`crate::model`]).
    #[serde(flatten)]
    #[schemars(skip)]
    pub extra: serde_json::Map<String, serde_json::Value>,
}
