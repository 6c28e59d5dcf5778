//! The accreditations search response (`GET /order/api4partners/v0/accreditations/search`).

use serde::{Deserialize, Serialize};

use schemars::JsonSchema;

use super::enums::closed_enum;
use super::orders::{OrderError, OrderInfo};

closed_enum! {
    /// The type of an accreditation (`accreditationType` of spec component
    /// `accreditations_search_data`).
    pub enum AccreditationType {
        IndustryProcessExperience = "Industry Process Experience" => "A Dassault Systèmes offering designed to correspond to the business process used by a team in the context of the solution. Delivered through the 3DEXPERIENCE platform, Industry Process Experiences (IPEs) are composed of Roles. When combined, they make up Industry Solution Experiences.",
        Portfolio = "Portfolio" => "The portfolio to which the product being ordered belongs. This field identifies the specific product family or category to which the ordered product belongs. For example, a product might belong to a portfolio such as \"CATIA\", \"ENOVIA\", or \"SIMULIA\".",
    }
}

closed_enum! {
    /// How an accredited offering is deployed (`deploymentType` of spec component
    /// `accreditations_search_data`).
    pub enum DeploymentType {
        OnPremise = "On Premise" => "On-premise refers to a computing infrastructure (either bare metal or virtual machines) that is deployed and maintained within the organization's own data centers or facilities. It is not shared with other organizations, providing the highest level of control and security.",
        PublicCloud = "Public Cloud" => "On-Cloud refers to products or solutions that are designed, developed, and delivered directly on cloud infrastructure rather than on traditional on-premises systems.",
    }
}

/// Response body of a successful accreditations search
/// (`GET /order/api4partners/v0/accreditations/search`, 200, spec component
/// `200_accreditations_search`).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct SearchAccreditationsResponse {
    /// List of accreditations retrieved during the search operation.
    pub data: Vec<Accreditation>,
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

/// One accreditation of the partner (an item of spec component `accreditations_search_data`):
/// a Portfolio (`PRTF…`) or an Industry Process Experience (`IPE…`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct Accreditation {
    /// The accreditation's identifier (e.g. `IPE00034863`, `PRTF119`).
    pub id: String,
    /// The accreditation's name (e.g. `04-Continuous Product Development`).
    pub name: String,
    /// The type of the accreditation.
    pub accreditation_type: AccreditationType,
    /// How the accredited offering is deployed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(with = "DeploymentType")]
    pub deployment_type: Option<DeploymentType>,
    /// A Dassault Systèmes industry-specific offering designed to help companies innovate and achieve their performance objectives by addressing specific business challenges; delivered through the 3DEXPERIENCE platform, an Industry Solution Experience is comprised of Industry Process Experiences.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(with = "AccreditationReference")]
    pub industry_solution_experience: Option<AccreditationReference>,
    /// A Release is a group of iterations that results in the completion of a valuable deliverable on the project.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(with = "AccreditationReference")]
    pub solution_release: Option<AccreditationReference>,
    /// Industry is a wide business industrial domain, marketed by Dassault Systèmes as an industry.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(with = "AccreditationReference")]
    pub industry: Option<AccreditationReference>,
    /// Members the spec does not list, kept verbatim so that a payload serializes back
    /// unchanged; the schema leaves them out, so the linter still reports them (see
    /// [`crate::model`]).
    #[serde(flatten)]
    #[schemars(skip)]
    pub extra: serde_json::Map<String, serde_json::Value>,
}

/// An industry solution experience, a solution release or an industry: `{id, name}`, both
/// optional (e.g. `{"id": "IND000005", "name": "Aerospace & Defense"}`).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct AccreditationReference {
    /// Its identifier (`ISE…`, `REL…`, `IND…`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(with = "String")]
    pub id: Option<String>,
    /// Its name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(with = "String")]
    pub name: Option<String>,
    /// Members the spec does not list, kept verbatim so that a payload serializes back
    /// unchanged; the schema leaves them out, so the linter still reports them (see
    /// [`crate::model`]).
    #[serde(flatten)]
    #[schemars(skip)]
    pub extra: serde_json::Map<String, serde_json::Value>,
}

impl Accreditation {
    /// An accreditation with its three required members.
    pub fn new(
        id: impl Into<String>,
        name: impl Into<String>,
        accreditation_type: AccreditationType,
    ) -> Self {
        Accreditation {
            id: id.into(),
            name: name.into(),
            accreditation_type,
            deployment_type: None,
            industry_solution_experience: None,
            solution_release: None,
            industry: None,
            extra: serde_json::Map::new(),
        }
    }
}
