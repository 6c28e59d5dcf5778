//! A4P105 `too-few-items`: An array has fewer items than the spec requires.
use crate::diagnostic::Diagnostic;
use crate::pointer::code_path;
use crate::rules::schema_errors::Context;

crate::declare_rule! {
    /// ## What it checks
    /// That arrays with a minimum length have it: a create request's `offerLines` holds at
    /// least one offer line (`post_leads-opportunities_data.offerLines`, `minItems: 1`).
    ///
    /// ## Why it matters
    /// DS answers HTTP 400 to a create request without an offer line: a lead-opportunity
    /// always carries at least one offer.
    ///
    /// ## Fix
    /// None: the missing items are data only the partner has.
    ///
    /// ## Example
    /// ```json create-request pointer=/offerLines span=[]
    /// {"partnerId": "200000000014442", "leadOpportunity": {"partnerLeadOpportunityId": "CRM-1", "name": "Expansion", "status": "LEAD_OPEN", "closeDate": "2025-06-01T18:46:51.326Z", "currency": "EUR"}, "offerLines": [], "customerLegalEntity": {"name": "NEW CUSTOMER CORPORATION", "city": "Stockdorf", "country": "Germany"}}
    /// ```
    ///
    /// ## Use instead
    /// ```json create-request
    /// {"partnerId": "200000000014442", "leadOpportunity": {"partnerLeadOpportunityId": "CRM-1", "name": "Expansion", "status": "LEAD_OPEN", "closeDate": "2025-06-01T18:46:51.326Z", "currency": "EUR"}, "offerLines": [{"amount": 13800, "offerNameId": "3DEXPERIENCE_Design/Engineering_On_Premise", "revenueType": "UPFRONT"}], "customerLegalEntity": {"name": "NEW CUSTOMER CORPORATION", "city": "Stockdorf", "country": "Germany"}}
    /// ```
    pub static TOO_FEW_ITEMS = {
        code: "A4P105",
        name: "too-few-items",
        category: Schema,
        severity: Error,
        summary: "An array has fewer items than the spec requires",
    };
}

pub(crate) fn diagnostic(pointer: &str, limit: u64, cx: &Context<'_>) -> Diagnostic {
    let items = if limit == 1 { "item" } else { "items" };
    Diagnostic::new(&TOO_FEW_ITEMS, pointer, cx.locate.value(pointer))
        .with_message(format!(
            "{} needs at least {limit} {items}",
            code_path(pointer)
        ))
        .with_label("too few items")
        .with_note("DS rejects the request (HTTP 400)")
}
