//! Attributes shared by the lead-opportunity payloads: the lead-opportunity itself (as created,
//! updated and returned), offer lines, the customer legal entity and the contacts.

use std::borrow::Cow;

use schemars::{json_schema, JsonSchema, Schema, SchemaGenerator};
use serde::{Deserialize, Serialize};

use super::amount::Amount;
use super::enums::{ForecastCategory, LeadOpportunityStatus, ReasonLost, ReasonWon, RevenueType};
use super::nullable::Nullable;
use super::vocabulary::{
    ApprovalStatus, EngagementType, GrowthType, LeadPriority, LevelOfInterest, PartnerImportMode,
    Salutation, SboIndicator,
};

/// Three-letter ISO 4217 currency code (spec component `currency`): exactly 3 uppercase letters
/// such as `USD`, `EUR` or `INR`.
///
/// The model keeps any string (so that a wrong payload still deserializes); the schema enforces
/// `pattern: ^[A-Z]{3}$`, `minLength: 3` and `maxLength: 3`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Currency(pub String);

impl Currency {
    /// The code as written in the payload.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl From<&str> for Currency {
    fn from(code: &str) -> Self {
        Currency(code.to_owned())
    }
}

impl From<String> for Currency {
    fn from(code: String) -> Self {
        Currency(code)
    }
}

impl std::fmt::Display for Currency {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl JsonSchema for Currency {
    fn inline_schema() -> bool {
        true
    }

    fn schema_name() -> Cow<'static, str> {
        "Currency".into()
    }

    fn schema_id() -> Cow<'static, str> {
        "api4p_lint::model::Currency".into()
    }

    fn json_schema(_generator: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "type": "string",
            "description": "Three-letter ISO 4217 currency code representing the transaction currency.\n\nMust be exactly 3 uppercase alphabetic characters (e.g., `USD` for US Dollar, `EUR` for Euro, `INR` for Indian Ruppee).",
            "minLength": 3,
            "maxLength": 3,
            "pattern": "^[A-Z]{3}$",
        })
    }
}

/// One of the items within an offer (spec component `offerLine`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct OfferLine {
    /// Amount of the offer in the designated currency.
    ///
    /// A JSON number, kept as written (`13800` stays an integer, `13800.5` a decimal).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(with = "Amount")]
    pub amount: Option<Amount>,
    /// Identification of the Offer.
    ///
    /// Note: in current state of the API, the list of valid values will be communicated directly to 3DS Partners via email or within 3DS Partner Swym Community.
    pub offer_name_id: String,
    /// The type of revenue.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(with = "RevenueType")]
    pub revenue_type: Option<RevenueType>,
    /// Members the spec does not list, kept verbatim so that a payload serializes back
    /// unchanged; the schema leaves them out, so the linter still reports them (see
    /// [`crate::model`]).
    #[serde(flatten)]
    #[schemars(skip)]
    pub extra: serde_json::Map<String, serde_json::Value>,
}

/// Identification of the target Customer Legal Entity (spec component `customerLegalEntity`).
///
/// `name`, `city` and `country` are required but may be `null`; every other member is optional
/// and nullable.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct CustomerLegalEntity {
    /// 3DS site identifier.
    #[serde(default, skip_serializing_if = "Nullable::is_absent")]
    pub id: Nullable<String>,
    /// Duns & Bradstreet identification.
    #[serde(default, skip_serializing_if = "Nullable::is_absent")]
    pub duns_number: Nullable<String>,
    /// VAT (Value Added Tax) identification number.
    #[serde(default, skip_serializing_if = "Nullable::is_absent")]
    pub vat_number: Nullable<String>,
    /// Registration id of the company in the country.
    #[serde(default, skip_serializing_if = "Nullable::is_absent")]
    pub registration_id: Nullable<String>,
    /// The targeted name.
    #[schemars(required, schema_with = "super::schema_support::nullable_string")]
    pub name: Option<String>,
    /// City Location.
    #[schemars(required, schema_with = "super::schema_support::nullable_string")]
    pub city: Option<String>,
    /// Country Location.
    #[schemars(required, schema_with = "super::schema_support::nullable_string")]
    pub country: Option<String>,
    /// 1st line of the address.
    #[serde(default, skip_serializing_if = "Nullable::is_absent")]
    pub address_line1: Nullable<String>,
    /// State / Prefecture.
    #[serde(default, skip_serializing_if = "Nullable::is_absent")]
    pub state_prefecture: Nullable<String>,
    /// 2nd line of the address (if needed).
    #[serde(default, skip_serializing_if = "Nullable::is_absent")]
    pub address_line2: Nullable<String>,
    /// ZIP Postal code.
    #[serde(default, skip_serializing_if = "Nullable::is_absent")]
    pub zip_code: Nullable<String>,
    /// Website URL of the company.
    #[serde(default, skip_serializing_if = "Nullable::is_absent")]
    pub website_url: Nullable<String>,
    /// Members the spec does not list, kept verbatim so that a payload serializes back
    /// unchanged; the schema leaves them out, so the linter still reports them (see
    /// [`crate::model`]).
    #[serde(flatten)]
    #[schemars(skip)]
    pub extra: serde_json::Map<String, serde_json::Value>,
}

/// Customer Contact Information (spec component `customerContact`).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct CustomerContact {
    /// Phone number of the Customer Contact.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(with = "String")]
    pub phone_number: Option<String>,
    /// Salutation of the person: Mr., Ms., Dr., etc.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(with = "Salutation")]
    pub salutation: Option<Salutation>,
    /// Job title of the customer Contact.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(with = "String")]
    pub job_title: Option<String>,
    /// Email of the customer Contact.
    pub email: String,
    /// First name of the customer Contact.
    pub first_name: String,
    /// Last name of the customer Contact.
    pub last_name: String,
    /// Members the spec does not list, kept verbatim so that a payload serializes back
    /// unchanged; the schema leaves them out, so the linter still reports them (see
    /// [`crate::model`]).
    #[serde(flatten)]
    #[schemars(skip)]
    pub extra: serde_json::Map<String, serde_json::Value>,
}

/// Partner contact information (spec component `partnerContact`): the partner's sales rep.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct PartnerContact {
    /// Email of the partner contact.
    pub sales_rep_email: String,
    /// First Name of the partner Contact.
    pub sales_rep_first_name: String,
    /// Last name of the partner contact.
    pub sales_rep_last_name: String,
    /// Members the spec does not list, kept verbatim so that a payload serializes back
    /// unchanged; the schema leaves them out, so the linter still reports them (see
    /// [`crate::model`]).
    #[serde(flatten)]
    #[schemars(skip)]
    pub extra: serde_json::Map<String, serde_json::Value>,
}

/// Core attributes of the lead-opportunity in case of creation (spec component
/// `lead-opportunity_post`): `partnerLeadOpportunityId`, `name`, `status`, `closeDate` and
/// `currency` are required.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct LeadOpportunityCreate {
    /// Unique Identifier of the lead-opportunity in the CRM system of the 3DS partner.
    pub partner_lead_opportunity_id: String,
    /// Name assigned to the lead-opportunity.
    pub name: String,
    /// Email of the 3DS Partner Sales Manager (PSM).
    ///
    /// Note: it is defaulted to the primary 3DS PSM if not provided at creation time.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(with = "String")]
    pub ds_owner_email: Option<String>,
    /// Status of the lead-opportunity (LEVERAGE Process).
    pub status: LeadOpportunityStatus,
    /// Forecast Category: the Sales Expert's level of confidence that the Opportunity will close on the Close Date with the revenue amounts defined.
    ///
    /// Value is ignored at creation if status is `LEAD_OPEN`, `QUALIFIED` or `ACCEPTED`; if not provided, it defaults to `UPSIDE` for `OPPY_OPEN`, `VALIDATED` and `ESTABLISHED`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(with = "ForecastCategory")]
    pub forecast_category: Option<ForecastCategory>,
    /// Expected date for the closing of the sale in ISO 8601 format (like YYYY-MM-DDThh:mm:ss.sssZ).
    #[schemars(extend("format" = "date-time"))]
    pub close_date: String,
    /// COMET Campaign code.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(with = "String")]
    pub comet_campaign_code: Option<String>,
    /// Identification of the reason a lead or an opportunity is won.
    ///
    /// Note: at creation time, if value is not provided, it will be defaulted to `STRNG_VAL_PROP` (Stronger value proposition).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(with = "Vec<ReasonWon>")]
    pub reason_won: Option<Vec<ReasonWon>>,
    /// A list of reason lost is used to identify the reason(s) for loss of an opportunity and for a Lead (which will give insight for the lessons learnt).
    ///
    /// Note: at creation time, if value is not provided, it will be defaulted to `NO_PROJECT`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(with = "Vec<ReasonLost>")]
    pub reason_lost: Option<Vec<ReasonLost>>,
    /// List of the competitors.
    ///
    /// In current state of the API, the list of valid values will be provided through direct communication with partners (mail or 3DSwym discussion).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(with = "Vec<String>")]
    pub competitors: Option<Vec<String>>,
    /// Comment associated to WON or LOST reasons.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(with = "String")]
    pub reason_won_lost_comment: Option<String>,
    /// Identification of GoToMarket.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(with = "String")]
    pub gtm_tactic_id: Option<String>,
    /// Description associated to the lead-opportunity.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(with = "String")]
    pub description: Option<String>,
    /// Description of the next activity to be done.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(with = "String")]
    pub next_milestone: Option<String>,
    /// Next Milestone date in ISO 8601 format (like YYYY-MM-DDThh:mm:ss.sssZ).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(with = "String", extend("format" = "date-time"))]
    pub next_milestone_date: Option<String>,
    /// Three-letter ISO 4217 currency code representing the transaction currency (e.g. `USD`, `EUR`, `INR`).
    pub currency: Currency,
    /// Members the spec does not list, kept verbatim so that a payload serializes back
    /// unchanged; the schema leaves them out, so the linter still reports them (see
    /// [`crate::model`]).
    #[serde(flatten)]
    #[schemars(skip)]
    pub extra: serde_json::Map<String, serde_json::Value>,
}

/// Core attributes of the lead-opportunity in case of update (spec component
/// `lead-opportunity_patch`): only `partnerLeadOpportunityId` is required; send the
/// identification plus the modified attributes.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct LeadOpportunityUpdate {
    /// Unique Identifier of the lead-opportunity in the CRM system of the 3DS partner.
    pub partner_lead_opportunity_id: String,
    /// Name assigned to the lead-opportunity.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(with = "String")]
    pub name: Option<String>,
    /// Email of the 3DS Partner Sales Manager (PSM).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(with = "String")]
    pub ds_owner_email: Option<String>,
    /// Status of the lead-opportunity (LEVERAGE Process).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(with = "LeadOpportunityStatus")]
    pub status: Option<LeadOpportunityStatus>,
    /// Forecast Category: the Sales Expert's level of confidence that the Opportunity will close on the Close Date with the revenue amounts defined.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(with = "ForecastCategory")]
    pub forecast_category: Option<ForecastCategory>,
    /// Expected date for the closing of the sale in ISO 8601 format (like YYYY-MM-DDThh:mm:ss.sssZ).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(with = "String", extend("format" = "date-time"))]
    pub close_date: Option<String>,
    /// COMET Campaign code.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(with = "String")]
    pub comet_campaign_code: Option<String>,
    /// Identification of the reason a lead or an opportunity is won.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(with = "Vec<ReasonWon>")]
    pub reason_won: Option<Vec<ReasonWon>>,
    /// A list of reason lost is used to identify the reason(s) for loss of an opportunity and for a Lead (which will give insight for the lessons learnt).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(with = "Vec<ReasonLost>")]
    pub reason_lost: Option<Vec<ReasonLost>>,
    /// List of the competitors.
    ///
    /// In current state of the API, the list of valid values will be provided through direct communication with partners (mail or 3DSwym discussion).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(with = "Vec<String>")]
    pub competitors: Option<Vec<String>>,
    /// Comment associated to WON or LOST reasons.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(with = "String")]
    pub reason_won_lost_comment: Option<String>,
    /// Identification of GoToMarket.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(with = "String")]
    pub gtm_tactic_id: Option<String>,
    /// Description associated to the lead-opportunity.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(with = "String")]
    pub description: Option<String>,
    /// Description of the next activity to be done.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(with = "String")]
    pub next_milestone: Option<String>,
    /// Next Milestone date in ISO 8601 format (like YYYY-MM-DDThh:mm:ss.sssZ).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(with = "String", extend("format" = "date-time"))]
    pub next_milestone_date: Option<String>,
    /// Three-letter ISO 4217 currency code representing the transaction currency (e.g. `USD`, `EUR`, `INR`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(with = "Currency")]
    pub currency: Option<Currency>,
    /// Members the spec does not list, kept verbatim so that a payload serializes back
    /// unchanged; the schema leaves them out, so the linter still reports them (see
    /// [`crate::model`]).
    #[serde(flatten)]
    #[schemars(skip)]
    pub extra: serde_json::Map<String, serde_json::Value>,
}

/// The lead-opportunity as DS returns it (`data.leadOpportunity` of the GET response).
///
/// Almost every member may be `null`; `partnerLeadOpportunityId`, `status`, `forecastCategory`,
/// `currency` and `customerLegalEntity` may not. No member is required. The contact arrays are
/// named `customerContact` and `partnerContact` (singular) here, unlike in the requests.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct LeadOpportunityDetails {
    /// Unique Identifier of the lead-opportunity in the CRM system of the 3DS partner.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(with = "String")]
    pub partner_lead_opportunity_id: Option<String>,
    /// 3DS id of the lead-opportunity.
    #[serde(default, skip_serializing_if = "Nullable::is_absent")]
    pub ds_lead_opportunity_id: Nullable<String>,
    /// Name assigned to the lead-opportunity.
    #[serde(default, skip_serializing_if = "Nullable::is_absent")]
    pub name: Nullable<String>,
    /// Email of the 3DS Partner Sales Manager (PSM).
    #[serde(default, skip_serializing_if = "Nullable::is_absent")]
    pub ds_owner_email: Nullable<String>,
    /// Status of the lead-opportunity (LEVERAGE Process).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(with = "LeadOpportunityStatus")]
    pub status: Option<LeadOpportunityStatus>,
    /// Forecast Category: the Sales Expert's level of confidence that the Opportunity will close on the Close Date with the revenue amounts defined.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(with = "ForecastCategory")]
    pub forecast_category: Option<ForecastCategory>,
    /// Expected date for the closing of the sale in ISO 8601 format.
    #[serde(default, skip_serializing_if = "Nullable::is_absent")]
    pub close_date: Nullable<String>,
    /// COMET Campaign code.
    #[serde(default, skip_serializing_if = "Nullable::is_absent")]
    pub comet_campaign_code: Nullable<String>,
    /// Identification of the reason(s) a lead or an opportunity is won.
    #[serde(default, skip_serializing_if = "Nullable::is_absent")]
    pub reason_won: Nullable<Vec<ReasonWon>>,
    /// Identification of the reason(s) for loss of an opportunity or a lead.
    #[serde(default, skip_serializing_if = "Nullable::is_absent")]
    pub reason_lost: Nullable<Vec<ReasonLost>>,
    /// List of the competitors.
    #[serde(default, skip_serializing_if = "Nullable::is_absent")]
    pub competitors: Nullable<Vec<String>>,
    /// Comment associated to WON or LOST reasons.
    #[serde(default, skip_serializing_if = "Nullable::is_absent")]
    pub reason_won_lost_comment: Nullable<String>,
    /// Identification of GoToMarket.
    #[serde(default, skip_serializing_if = "Nullable::is_absent")]
    pub gtm_tactic_id: Nullable<String>,
    /// Description associated to the lead-opportunity.
    #[serde(default, skip_serializing_if = "Nullable::is_absent")]
    pub description: Nullable<String>,
    /// Description of the next activity to be done.
    #[serde(default, skip_serializing_if = "Nullable::is_absent")]
    pub next_milestone: Nullable<String>,
    /// Next Milestone date in ISO 8601 format.
    #[serde(default, skip_serializing_if = "Nullable::is_absent")]
    pub next_milestone_date: Nullable<String>,
    /// Three-letter ISO 4217 currency code representing the transaction currency (e.g. `USD`, `EUR`, `INR`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(with = "Currency")]
    pub currency: Option<Currency>,
    /// Approval status, set by DS (e.g. `PRE_APPROVED`).
    #[serde(default, skip_serializing_if = "Nullable::is_absent")]
    pub approval_status: Nullable<ApprovalStatus>,
    /// Engagement type, set by DS (e.g. `EXTEND`).
    #[serde(default, skip_serializing_if = "Nullable::is_absent")]
    pub engagement_type: Nullable<EngagementType>,
    /// Purchase order information.
    #[serde(default, skip_serializing_if = "Nullable::is_absent")]
    pub po_information: Nullable<String>,
    /// Purchase order status.
    #[serde(default, skip_serializing_if = "Nullable::is_absent")]
    pub po_status: Nullable<String>,
    /// Purchase order number.
    #[serde(default, skip_serializing_if = "Nullable::is_absent")]
    pub po_number: Nullable<String>,
    /// SBO indicator, set by DS (e.g. `EMPTY`).
    #[serde(default, skip_serializing_if = "Nullable::is_absent")]
    pub sbo_indicator: Nullable<SboIndicator>,
    /// SBO status.
    #[serde(default, skip_serializing_if = "Nullable::is_absent")]
    pub sbo_status: Nullable<String>,
    /// SBO number.
    #[serde(default, skip_serializing_if = "Nullable::is_absent")]
    pub sbo_number: Nullable<String>,
    /// Growth type, set by DS (e.g. `EMPTY`).
    #[serde(default, skip_serializing_if = "Nullable::is_absent")]
    pub growth_type: Nullable<GrowthType>,
    /// Lead priority, set by DS (e.g. `EMPTY`).
    #[serde(default, skip_serializing_if = "Nullable::is_absent")]
    pub lead_priority: Nullable<LeadPriority>,
    /// Level of interest, set by DS (e.g. `EMPTY`).
    #[serde(default, skip_serializing_if = "Nullable::is_absent")]
    pub level_of_interest: Nullable<LevelOfInterest>,
    /// Comment from DS.
    #[serde(default, skip_serializing_if = "Nullable::is_absent")]
    pub ds_comment: Nullable<String>,
    /// Partner import mode, set by DS (e.g. `EMPTY`).
    #[serde(default, skip_serializing_if = "Nullable::is_absent")]
    pub partner_import_mode: Nullable<PartnerImportMode>,
    /// Creation date/time of the lead-opportunity in DS's system.
    #[serde(default, skip_serializing_if = "Nullable::is_absent")]
    pub created_date: Nullable<String>,
    /// Last modification date/time of the lead-opportunity in DS's system.
    #[serde(default, skip_serializing_if = "Nullable::is_absent")]
    pub modified_date: Nullable<String>,
    /// Array of the various Offer Lines.
    #[serde(default, skip_serializing_if = "Nullable::is_absent")]
    pub offer_lines: Nullable<Vec<OfferLine>>,
    /// Identification of the target Customer Legal Entity.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(with = "CustomerLegalEntity")]
    pub customer_legal_entity: Option<CustomerLegalEntity>,
    /// Customer Contact(s) informations (singular `customerContact` in the GET response).
    #[serde(default, skip_serializing_if = "Nullable::is_absent")]
    pub customer_contact: Nullable<Vec<CustomerContact>>,
    /// Partner Contact(s) informations (singular `partnerContact` in the GET response).
    #[serde(default, skip_serializing_if = "Nullable::is_absent")]
    pub partner_contact: Nullable<Vec<PartnerContact>>,
    /// Members the spec does not list, kept verbatim so that a payload serializes back
    /// unchanged; the schema leaves them out, so the linter still reports them (see
    /// [`crate::model`]).
    #[serde(flatten)]
    #[schemars(skip)]
    pub extra: serde_json::Map<String, serde_json::Value>,
}

impl OfferLine {
    /// An offer line with its one required member, `offerNameId`; set `amount` and
    /// `revenueType` with struct update syntax.
    ///
    /// ```
    /// use api4p_lint::model::{OfferLine, RevenueType};
    ///
    /// let line = OfferLine {
    ///     amount: Some("13800.50".parse()?),
    ///     revenue_type: Some(RevenueType::Upfront),
    ///     ..OfferLine::new("3DEXPERIENCE_Design/Engineering_On_Premise")
    /// };
    /// assert_eq!(
    ///     serde_json::to_value(&line)?,
    ///     serde_json::json!({
    ///         "amount": 13800.5,
    ///         "offerNameId": "3DEXPERIENCE_Design/Engineering_On_Premise",
    ///         "revenueType": "UPFRONT"
    ///     })
    /// );
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn new(offer_name_id: impl Into<String>) -> Self {
        OfferLine {
            amount: None,
            offer_name_id: offer_name_id.into(),
            revenue_type: None,
            extra: serde_json::Map::new(),
        }
    }
}

impl CustomerLegalEntity {
    /// A customer legal entity with its required members, `name`, `city` and `country` (the
    /// spec lets each be `null`: [`Default`] gives all three `null`).
    pub fn new(
        name: impl Into<String>,
        city: impl Into<String>,
        country: impl Into<String>,
    ) -> Self {
        CustomerLegalEntity {
            name: Some(name.into()),
            city: Some(city.into()),
            country: Some(country.into()),
            ..CustomerLegalEntity::default()
        }
    }
}

impl CustomerContact {
    /// A customer contact with its required members, `email`, `firstName` and `lastName`.
    pub fn new(
        email: impl Into<String>,
        first_name: impl Into<String>,
        last_name: impl Into<String>,
    ) -> Self {
        CustomerContact {
            email: email.into(),
            first_name: first_name.into(),
            last_name: last_name.into(),
            ..CustomerContact::default()
        }
    }
}

impl PartnerContact {
    /// A partner contact with its required members, `salesRepEmail`, `salesRepFirstName` and
    /// `salesRepLastName`.
    pub fn new(
        sales_rep_email: impl Into<String>,
        sales_rep_first_name: impl Into<String>,
        sales_rep_last_name: impl Into<String>,
    ) -> Self {
        PartnerContact {
            sales_rep_email: sales_rep_email.into(),
            sales_rep_first_name: sales_rep_first_name.into(),
            sales_rep_last_name: sales_rep_last_name.into(),
            extra: serde_json::Map::new(),
        }
    }
}

impl LeadOpportunityCreate {
    /// The lead-opportunity of a create request with its required members:
    /// `partnerLeadOpportunityId`, `name`, `status`, `closeDate` and `currency`. Set the
    /// optional ones with struct update syntax (`LeadOpportunityCreate { description:
    /// Some(..), ..LeadOpportunityCreate::new(..) }`).
    pub fn new(
        partner_lead_opportunity_id: impl Into<String>,
        name: impl Into<String>,
        status: LeadOpportunityStatus,
        close_date: impl Into<String>,
        currency: impl Into<Currency>,
    ) -> Self {
        LeadOpportunityCreate {
            partner_lead_opportunity_id: partner_lead_opportunity_id.into(),
            name: name.into(),
            ds_owner_email: None,
            status,
            forecast_category: None,
            close_date: close_date.into(),
            comet_campaign_code: None,
            reason_won: None,
            reason_lost: None,
            competitors: None,
            reason_won_lost_comment: None,
            gtm_tactic_id: None,
            description: None,
            next_milestone: None,
            next_milestone_date: None,
            currency: currency.into(),
            extra: serde_json::Map::new(),
        }
    }
}

impl LeadOpportunityUpdate {
    /// The lead-opportunity of an update request with its one required member,
    /// `partnerLeadOpportunityId`; add the members that changed with struct update syntax.
    pub fn new(partner_lead_opportunity_id: impl Into<String>) -> Self {
        LeadOpportunityUpdate {
            partner_lead_opportunity_id: partner_lead_opportunity_id.into(),
            ..LeadOpportunityUpdate::default()
        }
    }
}
