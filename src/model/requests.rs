//! Request bodies the partner sends: create, update and search.

use std::borrow::Cow;

use schemars::{json_schema, JsonSchema, Schema, SchemaGenerator};
use serde::{Deserialize, Serialize};

use super::lead_opportunity::{
    CustomerContact, CustomerLegalEntity, LeadOpportunityCreate, LeadOpportunityUpdate, OfferLine,
    PartnerContact,
};

/// Request body for creating a new lead-opportunity object
/// (`POST /sales/api4partners/v0/leads-opportunities`, spec component
/// `post_leads-opportunities_data`).
///
/// Requires `partnerId`, `leadOpportunity`, at least one offer line and the customer legal
/// entity. Contacts are optional.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct CreateLeadOpportunityRequest {
    /// Identification of partner LegalEntity in 3DS system.
    pub partner_id: String,
    /// Core attributes of the lead-opportunity in case of creation.
    pub lead_opportunity: LeadOpportunityCreate,
    /// Array of the various Offer Lines (at least one).
    #[schemars(length(min = 1))]
    pub offer_lines: Vec<OfferLine>,
    /// Identification of the target Customer Legal Entity.
    pub customer_legal_entity: CustomerLegalEntity,
    /// Customer Contact(s) informations.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(with = "Vec<CustomerContact>")]
    pub customer_contacts: Option<Vec<CustomerContact>>,
    /// Partner Contact(s) informations.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(with = "Vec<PartnerContact>")]
    pub partner_contacts: Option<Vec<PartnerContact>>,
    /// Members the spec does not list, kept verbatim so that a payload serializes back
    /// unchanged; the schema leaves them out, so the linter still reports them (see
    /// [`crate::model`]).
    #[serde(flatten)]
    #[schemars(skip)]
    pub extra: serde_json::Map<String, serde_json::Value>,
}

/// Request body for updating a lead-opportunity object
/// (`PATCH /sales/api4partners/v0/leads-opportunities/{id}`, spec component
/// `patch_leads-opportunities_data`).
///
/// Only `leadOpportunity.partnerLeadOpportunityId` is required: partial updates are
/// recommended.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct UpdateLeadOpportunityRequest {
    /// Identification of partner LegalEntity in 3DS system.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(with = "String")]
    pub partner_id: Option<String>,
    /// Specific attributes of the lead-opportunity in case of update.
    pub lead_opportunity: LeadOpportunityUpdate,
    /// Array of the various Offer Lines.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(with = "Vec<OfferLine>")]
    pub offer_lines: Option<Vec<OfferLine>>,
    /// Identification of the target Customer Legal Entity.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(with = "CustomerLegalEntity")]
    pub customer_legal_entity: Option<CustomerLegalEntity>,
    /// Customer Contact(s) informations.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(with = "Vec<CustomerContact>")]
    pub customer_contacts: Option<Vec<CustomerContact>>,
    /// Partner Contact(s) informations.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(with = "Vec<PartnerContact>")]
    pub partner_contacts: Option<Vec<PartnerContact>>,
    /// Members the spec does not list, kept verbatim so that a payload serializes back
    /// unchanged; the schema leaves them out, so the linter still reports them (see
    /// [`crate::model`]).
    #[serde(flatten)]
    #[schemars(skip)]
    pub extra: serde_json::Map<String, serde_json::Value>,
}

/// Request body for searching leads-opportunities
/// (`POST /sales/api4partners/v0/leads-opportunities/search`, spec component
/// `post_leads-opportunities_search`).
///
/// Each criterion must include at least one of `modifiedDate` and `partnerLeadOpportunityId`;
/// criteria are combined using an AND operator if more than one is provided.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct SearchLeadOpportunitiesRequest {
    /// The search criteria.
    pub data: Vec<SearchCriterion>,
    /// Members the spec does not list, kept verbatim so that a payload serializes back
    /// unchanged; the schema leaves them out, so the linter still reports them (see
    /// [`crate::model`]).
    #[serde(flatten)]
    #[schemars(skip)]
    pub extra: serde_json::Map<String, serde_json::Value>,
}

/// One search criterion: `modifiedDate`, `partnerLeadOpportunityId`, or both (at least one is
/// required).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
#[schemars(extend("anyOf" = [
    { "required": ["modifiedDate"] },
    { "required": ["partnerLeadOpportunityId"] },
]))]
pub struct SearchCriterion {
    /// Search criterion on the last modification date/time of the leads-opportunities.
    ///
    /// The maximum time window allowed for the search is **1 week / 7 days** (between `fromDate` and `toDate`, calculated time to time). Both lower (`fromDate`) and upper (`toDate`) bounds need to be provided as no implicit range calculation is done. Lower and upper bounds need to be consistent: `fromDate` has to be anterior to `toDate`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(with = "ModifiedDateRange")]
    pub modified_date: Option<ModifiedDateRange>,
    /// Search criterion on the id of the leads-opportunities as defined in partner CRM System.
    ///
    /// Two main use cases: exact search for particular lead-opportunity ids from the partner CRM system (e.g. `"PARTNER-ID-1234"` or a list of ids); retrieval of all leads-opportunities that have no partnerLeadOpportunityId defined in 3DS CRM application (MySalesPipeline), typically marketing leads on which an update by the partner could be required: set an empty string (`""`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(with = "PartnerLeadOpportunityIdCriterion")]
    pub partner_lead_opportunity_id: Option<PartnerLeadOpportunityIdCriterion>,
    /// Members the spec does not list, kept verbatim so that a payload serializes back
    /// unchanged; the schema leaves them out, so the linter still reports them (see
    /// [`crate::model`]).
    #[serde(flatten)]
    #[schemars(skip)]
    pub extra: serde_json::Map<String, serde_json::Value>,
}

/// Bounds of the `modifiedDate` search criterion; both are required.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct ModifiedDateRange {
    /// Lower bound to be considered for the last modification date/time of the leads-opportunities: a timestamp in UTC, following the ISO 8601 standard (e.g. `2024-08-01T14:30:00Z`).
    #[schemars(extend("format" = "date-time"))]
    pub from_date: String,
    /// Upper bound to be considered for the last modification date/time of the leads-opportunities: a timestamp in UTC, following the ISO 8601 standard (e.g. `2024-08-08T08:30:00Z`).
    #[schemars(extend("format" = "date-time"))]
    pub to_date: String,
    /// Members the spec does not list, kept verbatim so that a payload serializes back
    /// unchanged; the schema leaves them out, so the linter still reports them (see
    /// [`crate::model`]).
    #[serde(flatten)]
    #[schemars(skip)]
    pub extra: serde_json::Map<String, serde_json::Value>,
}

/// The `partnerLeadOpportunityId` search criterion: a list of ids, or a single id (the empty
/// string selects leads-opportunities without a partner id).
///
/// Schema: `{"type": ["array", "string"], "items": {"type": "string"}}`, which accepts the same
/// values as an `anyOf` of the two but reports a wrong value with a single `type` error.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum PartnerLeadOpportunityIdCriterion {
    /// Several partner ids.
    Many(Vec<String>),
    /// One partner id, or `""` for the leads-opportunities that have none.
    One(String),
}

impl JsonSchema for PartnerLeadOpportunityIdCriterion {
    fn inline_schema() -> bool {
        true
    }

    fn schema_name() -> Cow<'static, str> {
        "PartnerLeadOpportunityIdCriterion".into()
    }

    fn schema_id() -> Cow<'static, str> {
        "api4p_lint::model::PartnerLeadOpportunityIdCriterion".into()
    }

    fn json_schema(_generator: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "type": ["array", "string"],
            "items": { "type": "string" },
        })
    }
}

impl CreateLeadOpportunityRequest {
    /// A create request with its required members: `partnerId`, the lead-opportunity, the
    /// offer lines (the spec wants at least one: the linter reports an empty list) and the
    /// customer legal entity. Contacts are optional (struct update syntax).
    pub fn new(
        partner_id: impl Into<String>,
        lead_opportunity: LeadOpportunityCreate,
        offer_lines: Vec<OfferLine>,
        customer_legal_entity: CustomerLegalEntity,
    ) -> Self {
        CreateLeadOpportunityRequest {
            partner_id: partner_id.into(),
            lead_opportunity,
            offer_lines,
            customer_legal_entity,
            customer_contacts: None,
            partner_contacts: None,
            extra: serde_json::Map::new(),
        }
    }
}

impl UpdateLeadOpportunityRequest {
    /// An update request with its one required member, the lead-opportunity (itself
    /// identified by `partnerLeadOpportunityId`).
    pub fn new(lead_opportunity: LeadOpportunityUpdate) -> Self {
        UpdateLeadOpportunityRequest {
            lead_opportunity,
            ..UpdateLeadOpportunityRequest::default()
        }
    }
}

impl SearchLeadOpportunitiesRequest {
    /// A search request of these criteria (combined with AND).
    pub fn new(criteria: Vec<SearchCriterion>) -> Self {
        SearchLeadOpportunitiesRequest {
            data: criteria,
            extra: serde_json::Map::new(),
        }
    }
}

impl SearchCriterion {
    /// The criterion of the leads-opportunities modified between two date-times (ISO 8601,
    /// UTC; at most 7 days apart).
    pub fn modified_between(from_date: impl Into<String>, to_date: impl Into<String>) -> Self {
        SearchCriterion {
            modified_date: Some(ModifiedDateRange::new(from_date, to_date)),
            ..SearchCriterion::default()
        }
    }

    /// The criterion of these partner ids (`""` alone selects the leads-opportunities that
    /// have none).
    pub fn partner_lead_opportunity_ids<I, S>(ids: I) -> Self
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        SearchCriterion {
            partner_lead_opportunity_id: Some(PartnerLeadOpportunityIdCriterion::Many(
                ids.into_iter().map(Into::into).collect(),
            )),
            ..SearchCriterion::default()
        }
    }
}

impl ModifiedDateRange {
    /// Both bounds, which the spec requires.
    pub fn new(from_date: impl Into<String>, to_date: impl Into<String>) -> Self {
        ModifiedDateRange {
            from_date: from_date.into(),
            to_date: to_date.into(),
            extra: serde_json::Map::new(),
        }
    }
}
