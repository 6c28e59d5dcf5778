//! Generation of the JSON Schema (draft 2020-12) of each payload kind from the models.

use schemars::generate::SchemaSettings;
use schemars::transform::{RecursiveTransform, RestrictFormats};
use schemars::{JsonSchema, Schema};
use serde_json::Value;

use crate::kind::PayloadKind;
use crate::model::schema_support::{close_objects, plain_string_enum, unwrap_description};
use crate::model::{
    CreateApiKeyResponse, CreateLeadOpportunityRequest, CreateLeadOpportunityResponse,
    ErrorResponse, GetLeadOpportunityResponse, GetOrderResponse, SearchAccreditationsResponse,
    SearchLeadOpportunitiesRequest, SearchLeadOpportunitiesResponse, SearchOrdersRequest,
    SearchOrdersResponse, SearchPortfolioItemsResponse, SearchPriceListsResponse,
    UpdateLeadOpportunityRequest, UpdateLeadOpportunityResponse,
};

/// Version of the API4Partners spec the schemas follow.
const SPEC_VERSION: &str = "0.10.0";

/// Base of the schemas' `$id`.
const ID_BASE: &str = "https://schemas.api4p-lint.dev";

/// The root JSON Schema (draft 2020-12) of a payload kind, with its `$id`
/// (`https://schemas.api4p-lint.dev/0.10.0/<kind>.schema.json`) and a human title.
///
/// Deterministic: the same kind always gives the same value. This is what `schemas/` holds.
#[must_use]
pub fn generate(kind: PayloadKind) -> Value {
    let mut schema = match kind {
        PayloadKind::CreateRequest => root::<CreateLeadOpportunityRequest>(),
        PayloadKind::UpdateRequest => root::<UpdateLeadOpportunityRequest>(),
        PayloadKind::SearchRequest => root::<SearchLeadOpportunitiesRequest>(),
        PayloadKind::GetResponse => root::<GetLeadOpportunityResponse>(),
        PayloadKind::CreateResponse => root::<CreateLeadOpportunityResponse>(),
        PayloadKind::UpdateResponse => root::<UpdateLeadOpportunityResponse>(),
        PayloadKind::SearchResponse => root::<SearchLeadOpportunitiesResponse>(),
        PayloadKind::OrderSearchRequest => root::<SearchOrdersRequest>(),
        PayloadKind::OrderSearchResponse => root::<SearchOrdersResponse>(),
        PayloadKind::OrderGetResponse => root::<GetOrderResponse>(),
        PayloadKind::PriceListSearchResponse => root::<SearchPriceListsResponse>(),
        PayloadKind::AccreditationSearchResponse => root::<SearchAccreditationsResponse>(),
        PayloadKind::PortfolioSearchResponse => root::<SearchPortfolioItemsResponse>(),
        PayloadKind::ApikeyResponse => root::<CreateApiKeyResponse>(),
        PayloadKind::ErrorResponse => root::<ErrorResponse>(),
    };
    schema.insert(
        "$id".to_owned(),
        format!("{ID_BASE}/{SPEC_VERSION}/{}", schema_file_name(kind)).into(),
    );
    schema.insert("title".to_owned(), title(kind).into());
    schema.to_value()
}

/// The file name of a kind's schema: `<kind-name>.schema.json`.
#[must_use]
pub fn schema_file_name(kind: PayloadKind) -> String {
    format!("{}.schema.json", kind.name())
}

/// The human title of a kind's schema.
fn title(kind: PayloadKind) -> &'static str {
    match kind {
        PayloadKind::CreateRequest => {
            "API4Partners lead-opportunity create request (POST /sales/api4partners/v0/leads-opportunities)"
        }
        PayloadKind::UpdateRequest => {
            "API4Partners lead-opportunity update request (PATCH /sales/api4partners/v0/leads-opportunities/{id})"
        }
        PayloadKind::SearchRequest => {
            "API4Partners lead-opportunity search request (POST /sales/api4partners/v0/leads-opportunities/search)"
        }
        PayloadKind::GetResponse => {
            "API4Partners lead-opportunity get response (200, GET /sales/api4partners/v0/leads-opportunities/{id})"
        }
        PayloadKind::CreateResponse => {
            "API4Partners lead-opportunity create response (201, POST /sales/api4partners/v0/leads-opportunities)"
        }
        PayloadKind::UpdateResponse => {
            "API4Partners lead-opportunity update response (200, PATCH /sales/api4partners/v0/leads-opportunities/{id})"
        }
        PayloadKind::SearchResponse => {
            "API4Partners lead-opportunity search response (200, POST /sales/api4partners/v0/leads-opportunities/search)"
        }
        PayloadKind::OrderSearchRequest => {
            "API4Partners orders search request (POST /order/api4partners/v0/orders/search)"
        }
        PayloadKind::OrderSearchResponse => {
            "API4Partners orders search response (200, POST /order/api4partners/v0/orders/search)"
        }
        PayloadKind::OrderGetResponse => {
            "API4Partners order get response (200, GET /order/api4partners/v0/orders/{id})"
        }
        PayloadKind::PriceListSearchResponse => {
            "API4Partners price lists search response (200, GET /order/api4partners/v0/price-lists/search)"
        }
        PayloadKind::AccreditationSearchResponse => {
            "API4Partners accreditations search response (200, GET /order/api4partners/v0/accreditations/search)"
        }
        PayloadKind::PortfolioSearchResponse => {
            "API4Partners portfolio-items search response (200, GET /sales/api4partners/v0/portfolio-items/search)"
        }
        PayloadKind::ApikeyResponse => {
            "API4Partners API key creation response (200, POST /order/api4partners/v0/apikeys)"
        }
        PayloadKind::ErrorResponse => {
            "API4Partners error response (the leads operations' 400, 406, 500, 503; the order family's 400, 404; the portfolio-items 400; the gateway's 401, 403, 429)"
        }
    }
}

/// The root schema of `T` with the project's settings: draft 2020-12, formats limited to the
/// standard ones (no `int64`, `double`...), closed enums as plain `enum`, closed objects,
/// descriptions unwrapped.
fn root<T: JsonSchema>() -> Schema {
    SchemaSettings::draft2020_12()
        .with_transform(RecursiveTransform(plain_string_enum))
        .with_transform(RecursiveTransform(close_objects))
        .with_transform(RecursiveTransform(unwrap_description))
        .with_transform(RestrictFormats::default())
        .into_generator()
        .into_root_schema_for::<T>()
}
