//! The price lists search response (`GET /order/api4partners/v0/price-lists/search`).

use serde::{Deserialize, Serialize};

use schemars::JsonSchema;

use super::lead_opportunity::Currency;
use super::nullable::Nullable;
use super::orders::{OrderError, OrderInfo};

/// Response body of a successful price lists search
/// (`GET /order/api4partners/v0/price-lists/search`, 200, spec component
/// `200_price-lists_search`).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct SearchPriceListsResponse {
    /// The price lists, by country.
    pub data: Vec<CountryPriceLists>,
    /// Metadata section of the response providing execution status and result summary.
    pub info: OrderInfo,
    /// An array containing one or more error objects identified during the request processing (empty on success).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(with = "Vec<OrderError>")]
    pub error: Option<Vec<OrderError>>,
    /// Members the spec does not list, kept verbatim so that a payload serializes back
    /// unchanged; the schema leaves them out, so the linter still reports them (see
    /// [`crate::model`]).
    #[serde(flatten)]
    #[schemars(skip)]
    pub extra: serde_json::Map<String, serde_json::Value>,
}

/// The price lists of one country (an item of spec component `price-lists_search_data`). No
/// member is required.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct CountryPriceLists {
    /// ISO3 Code (3 capital letters code) of the country.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(with = "String")]
    pub country_code: Option<String>,
    /// Country Location.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(with = "String")]
    pub country_name: Option<String>,
    /// The country's price lists.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(with = "Vec<PriceList>")]
    pub price_lists: Option<Vec<PriceList>>,
    /// Members the spec does not list, kept verbatim so that a payload serializes back
    /// unchanged; the schema leaves them out, so the linter still reports them (see
    /// [`crate::model`]).
    #[serde(flatten)]
    #[schemars(skip)]
    pub extra: serde_json::Map<String, serde_json::Value>,
}

/// A predefined set of product prices applicable to a specific country and currency. No member
/// is required.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct PriceList {
    /// The price list's identifier.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(with = "i64")]
    pub id: Option<i64>,
    /// The price list's name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(with = "String")]
    pub name: Option<String>,
    /// Three-letter ISO 4217 currency code.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(with = "Currency")]
    pub currency: Option<Currency>,
    /// Indicates whether a future version of the price list has been declared (`true`: a future-dated price list exists; `false`: no future price list has been declared).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(with = "bool")]
    pub has_future_price_list: Option<bool>,
    /// The date when the future price list takes effect. If 'null', it indicates that no future price list version has been declared.
    ///
    /// The spec types it as a `date` string and shows both `null` and the string `"null"`
    /// (which DS sends); the model and the schema accept both.
    #[serde(default, skip_serializing_if = "Nullable::is_absent")]
    #[schemars(schema_with = "super::schema_support::nullable_date")]
    pub effective_date: Nullable<String>,
    /// Members the spec does not list, kept verbatim so that a payload serializes back
    /// unchanged; the schema leaves them out, so the linter still reports them (see
    /// [`crate::model`]).
    #[serde(flatten)]
    #[schemars(skip)]
    pub extra: serde_json::Map<String, serde_json::Value>,
}
