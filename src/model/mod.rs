//! Typed models of the API4Partners lead-opportunity payloads (spec 0.10.0), named after the
//! API's own vocabulary.
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
//! * closed enums ([`LeadOpportunityStatus`], [`ForecastCategory`], [`ReasonWon`],
//!   [`ReasonLost`], [`RevenueType`]) reject unknown codes; open vocabularies
//!   ([`ApprovalStatus`], [`Salutation`], ...) keep any string;
//! * the types accept unknown members (no `deny_unknown_fields`), while every object of the
//!   schemas has `"additionalProperties": false`, so the linter can report them.

pub mod enums;
pub mod errors;
pub mod lead_opportunity;
pub mod nullable;
pub mod requests;
pub mod responses;
pub mod schema_support;
pub mod vocabulary;

pub use enums::{
    ForecastCategory, LeadOpportunityStatus, ReasonLost, ReasonWon, RevenueType, UnknownCode,
};
pub use errors::{ErrorDetail, ErrorEnvelope, ErrorInfo, ErrorResponse, GatewayError};
pub use lead_opportunity::{
    Currency, CustomerContact, CustomerLegalEntity, LeadOpportunityCreate, LeadOpportunityDetails,
    LeadOpportunityUpdate, OfferLine, PartnerContact,
};
pub use nullable::Nullable;
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
