//! Typed models of every API4Partners payload (spec 0.10.0), named after the API's own
//! vocabulary.
//!
//! Every payload kind has one root type:
//!
//! | kind | type |
//! | --- | --- |
//! | `create-request` | [`CreateLeadOpportunityRequest`] |
//! | `update-request` | [`UpdateLeadOpportunityRequest`] |
//! | `search-request` | [`SearchLeadOpportunitiesRequest`] |
//! | `get-response` | [`GetLeadOpportunityResponse`] |
//! | `create-response` | [`CreateLeadOpportunityResponse`] |
//! | `update-response` | [`UpdateLeadOpportunityResponse`] |
//! | `search-response` | [`SearchLeadOpportunitiesResponse`] |
//! | `order-search-request` | [`SearchOrdersRequest`] |
//! | `order-search-response` | [`SearchOrdersResponse`] |
//! | `order-get-response` | [`GetOrderResponse`] |
//! | `price-list-search-response` | [`SearchPriceListsResponse`] |
//! | `accreditation-search-response` | [`SearchAccreditationsResponse`] |
//! | `portfolio-search-response` | [`SearchPortfolioItemsResponse`] |
//! | `apikey-response` | [`CreateApiKeyResponse`] |
//! | `error-response` | [`ErrorResponse`] |
//!
//! The JSON Schemas in `schemas/` are generated from these types (see
//! [`crate::schema::generate`]). Conventions:
//!
//! * members follow the spec per payload, including its spelling differences (`customerContacts`
//!   in requests vs `customerContact` in the GET response, `timeStamp` vs `timestamp`);
//! * a member the spec makes nullable is a [`Nullable`] (absent, `null` or a value), so that a
//!   payload round-trips exactly; an optional member that may not be `null` is an `Option`
//!   whose schema does not accept `null`;
//! * money amounts are an [`Amount`], never an `f64` of the model's making: no rounding is
//!   added on the way through (see its documentation);
//! * requests have constructors taking exactly their required members
//!   ([`CreateLeadOpportunityRequest::new`], [`LeadOpportunityCreate::new`],
//!   [`OfferLine::new`], [`CustomerLegalEntity::new`], ...), and types whose members are all
//!   optional or nullable implement `Default`: set the rest with struct update syntax.
//!
//! # The model reads it; the linter accepts it
//!
//! The two answer different questions, on purpose:
//!
//! * **the models read everything DS may send**, so that a sync never stops, nor loses data,
//!   because DS added something before the spec says so. Every object keeps the members it does
//!   not know in its `extra` map (`#[serde(flatten)]`) and writes them back; every closed enum
//!   (the leads' [`LeadOpportunityStatus`], [`ForecastCategory`], [`ReasonWon`],
//!   [`ReasonLost`], [`RevenueType`]; the order domain's in [`order_enums`]; the
//!   accreditations' [`AccreditationType`], [`DeploymentType`]) keeps a code it does not know in its `Other(String)` variant, as the open
//!   vocabularies ([`ApprovalStatus`], [`Salutation`], ...) do. **The round trip is exact for
//!   every payload the linter accepts as its kind** (no error with the default levels), and
//!   stays exact with members and codes added as above: deserializing then serializing it
//!   gives back the same JSON value (`serde_json::Value` equality: key order, whitespace and a
//!   number's spelling such as `1234.50` are not kept). Outside that promise, where the linter
//!   reports the payload: a `null` in a member that may not be null (`Option`, A4P104) is
//!   read as absent and dropped (in an update request, "clear" would become "leave
//!   unchanged"); a required but nullable member left out (A4P102) comes back as `null`; a
//!   duplicate key (A4P002) is refused by the model; an integer written `200.0` (A4P104) is
//!   refused by an `i64` member;
//! * **the linter accepts only the spec**: the schemas are generated from the same types but
//!   leave `extra` and `Other` out, so every object has `"additionalProperties": false` and
//!   every closed enum lists the spec's codes alone. A new member is `A4P103`
//!   (`unknown-property`), a new code `A4P101` (`enum-value`), at the severity the
//!   configuration gives them.
//!
//! So [`crate::validate::from_str`] (lint, then deserialize) refuses a response with a new
//! status code while `serde_json::from_str` reads it; lower `enum-value` in the configuration
//! (or deserialize without linting) to accept what the model reads.
//!
//! ```
//! use api4p_lint::model::{GetLeadOpportunityResponse, LeadOpportunityStatus};
//!
//! let seed = include_str!("../../tests/fixtures/spec/get-response/seed.json");
//! let text = seed
//!     .replacen(r#""status": "WON""#, r#""status": "ON_HOLD""#, 1)
//!     .replacen(r#""name":"#, r#""renewalDate": "2027-01-01", "name":"#, 1);
//! let response: GetLeadOpportunityResponse = serde_json::from_str(&text)?;
//! let lead = response.data.lead_opportunity.as_ref().expect("a lead-opportunity");
//! assert_eq!(lead.status, Some(LeadOpportunityStatus::Other("ON_HOLD".into())));
//! assert_eq!(lead.extra["renewalDate"], "2027-01-01");
//! // Written back as read.
//! let read: serde_json::Value = serde_json::from_str(&text)?;
//! assert_eq!(serde_json::to_value(&response)?, read);
//! // The linter still reports both.
//! let failure = api4p_lint::validate::validate(&text, api4p_lint::PayloadKind::GetResponse)
//!     .unwrap_err();
//! assert!(failure.to_string().contains("A4P101"), "{failure}");
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

pub mod accreditations;
pub mod amount;
pub mod api_keys;
pub mod enums;
pub mod errors;
pub mod lead_opportunity;
pub mod nullable;
pub mod order_enums;
pub mod orders;
pub mod portfolio;
pub mod price_lists;
pub mod requests;
pub mod responses;
pub(crate) mod schema_support;
pub mod vocabulary;

pub use accreditations::{
    Accreditation, AccreditationReference, AccreditationType, DeploymentType,
    SearchAccreditationsResponse,
};
pub use api_keys::CreateApiKeyResponse;

pub use amount::{Amount, InvalidAmount};
pub use enums::{
    ForecastCategory, LeadOpportunityStatus, ReasonLost, ReasonWon, RevenueType, UnknownCode,
};
pub use errors::{
    ErrorDetail, ErrorEnvelope, ErrorInfo, ErrorResponse, GatewayError, OrderErrorEnvelope,
    PortfolioError, PortfolioErrorDetail,
};
pub use lead_opportunity::{
    Currency, CustomerContact, CustomerLegalEntity, LeadOpportunityCreate, LeadOpportunityDetails,
    LeadOpportunityUpdate, OfferLine, PartnerContact,
};
pub use nullable::Nullable;
pub use order_enums::{
    DsOffering, InflationException, LocalTimeZone, OnlineConsentStatus, OrderErrorType,
    OrderProcessingStatus, OrderRevenueType, OrderType, ProductType, RecurringChargeBillingCycle,
    SubOrderType, TransactionType,
};
pub use orders::{
    Agreement, BusinessUnit, Coupon, DateTimeWindow, GetOrderResponse, Inflation, LegalEntity,
    LicenseChargeBreakdown, LicenseChargeCondition, OrderDetails, OrderError, OrderErrorItem,
    OrderInfo, OrderSummary, Product, Promotion, SearchOrdersRequest, SearchOrdersResponse,
    Transaction, Waiver,
};
pub use portfolio::{PortfolioInfo, PortfolioItem, SearchPortfolioItemsResponse};
pub use price_lists::{CountryPriceLists, PriceList, SearchPriceListsResponse};
pub use requests::{
    CreateLeadOpportunityRequest, ModifiedDateRange, PartnerLeadOpportunityIdCriterion,
    SearchCriterion, SearchLeadOpportunitiesRequest, UpdateLeadOpportunityRequest,
};
pub use responses::{
    CreateLeadOpportunityResponse, CreateResponseInfo, GetLeadOpportunityData,
    GetLeadOpportunityResponse, ResponseInfo, SearchLeadOpportunitiesResponse, SearchResponseInfo,
    SearchResult, UpdateLeadOpportunityResponse, UpdateResponseData,
};
pub use vocabulary::{
    ApprovalStatus, EngagementType, GrowthType, LeadPriority, LevelOfInterest, PartnerImportMode,
    Salutation, SboIndicator,
};
