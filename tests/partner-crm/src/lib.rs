//! A partner's CRM sync: its own opportunity record, the API4Partners payloads built from it
//! and checked before they are sent, and the client that sends them ([`sync`], with
//! api4p-lint's middleware). The tests use api4p-lint's helpers exactly as a partner's test
//! suite would, and run the client against a local server.

pub mod sync;

use api4p_lint::model::CreateLeadOpportunityRequest;
use api4p_lint::validate;
use serde::Serialize;
use serde_json::{json, Value};

/// An opportunity as the partner's CRM stores it.
#[derive(Debug, Clone)]
pub struct CrmOpportunity {
    pub crm_id: String,
    pub title: String,
    /// The CRM's own stage names.
    pub stage: String,
    pub close_date: String,
    pub currency: String,
    pub amount: f64,
    pub offer: String,
    pub customer: String,
    pub city: String,
    pub country: String,
}

/// Maps the CRM's stages to DS's lead-opportunity status codes.
fn status(stage: &str) -> &str {
    match stage {
        "Prospect" => "LEAD_OPEN",
        "Qualified" => "QUALIFIED",
        "Proposal" => "OPPY_OPEN",
        "Closed Won" => "WON",
        "Closed Lost" => "LOST",
        // A bug on purpose, for the tests: unknown stages pass through.
        other => other,
    }
}

impl CrmOpportunity {
    /// The body of `POST /sales/api4partners/v0/leads-opportunities`.
    pub fn create_request(&self, partner_id: &str) -> Value {
        json!({
            "partnerId": partner_id,
            "leadOpportunity": {
                "partnerLeadOpportunityId": self.crm_id,
                "name": self.title,
                "status": status(&self.stage),
                "closeDate": self.close_date,
                "currency": self.currency,
            },
            "offerLines": [{
                "amount": self.amount,
                "offerNameId": self.offer,
                "revenueType": "UPFRONT",
            }],
            "customerLegalEntity": {
                "name": self.customer,
                "city": self.city,
                "country": self.country,
            },
        })
    }

    /// The create request, checked and typed: what the sync sends. A record the API would
    /// reject is an error with the code frame of every finding.
    pub fn checked_create_request(
        &self,
        partner_id: &str,
    ) -> Result<CreateLeadOpportunityRequest, api4p_lint::Error> {
        validate::from_value(self.create_request(partner_id))
    }

    /// The body of a status update, as a typed struct of the partner's own.
    pub fn status_update(&self) -> StatusUpdate<'_> {
        StatusUpdate {
            lead_opportunity: StatusUpdateFields {
                partner_lead_opportunity_id: &self.crm_id,
                status: status(&self.stage),
            },
        }
    }
}

/// The partner's own serializable update body.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct StatusUpdate<'a> {
    pub lead_opportunity: StatusUpdateFields<'a>,
}

/// The fields of [`StatusUpdate`].
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct StatusUpdateFields<'a> {
    pub partner_lead_opportunity_id: &'a str,
    pub status: &'a str,
}

/// A sample record.
pub fn sample() -> CrmOpportunity {
    CrmOpportunity {
        crm_id: "CRM-OPPY-20931".into(),
        title: "Digital twin for the Lyon plant".into(),
        stage: "Proposal".into(),
        close_date: "2026-03-31T00:00:00.000Z".into(),
        currency: "EUR".into(),
        amount: 48_500.0,
        offer: "3DEXPERIENCE_Design/Engineering_On_Premise".into(),
        customer: "Fonderies Lyonnaises SA".into(),
        city: "Lyon".into(),
        country: "France".into(),
    }
}
