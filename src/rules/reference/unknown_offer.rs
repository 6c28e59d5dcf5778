//! A4P601 `unknown-offer`: An offerNameId is not in the partner's portfolio.
use serde_json::Value;

use crate::diagnostic::Diagnostic;
use crate::rule::Severity;
use crate::pointer::display_path;
use crate::rules::Checker;
use crate::suggest::nearest;

crate::declare_rule! {
    /// ## What it checks
    /// When the partner supplies its portfolio (`[reference] portfolio = [...]` or
    /// `portfolio-file = "portfolio.json"`, a saved response of
    /// `GET /sales/api4partners/v0/portfolio-items/search`), that every offer line of a create
    /// or update request names a portfolio item: `offerNameId` must be one of the portfolio's
    /// `salesPortfolioId`s (error, with the nearest id), and an item whose
    /// `salesPortfolioisOrderable` is `false` gets a warning. Without a portfolio the rule
    /// does nothing.
    ///
    /// ## Why it matters
    /// The spec's `offerLine.offerNameId`: "the list of valid values will be communicated
    /// directly to 3DS Partners"; the portfolio-items search returns that list. An offer
    /// outside it cannot be booked: the lead-opportunity is rejected or stalls in DS's
    /// pipeline.
    ///
    /// ## Example
    /// With `portfolio = ["MDMIND00022_PUBL_ISE00002687_IPE00021337"]`:
    /// ```json update-request pointer=/offerLines/0/offerNameId span="MDMIND00022_PUBL_ISE00002687_IPE00021338"
    /// {"leadOpportunity": {"partnerLeadOpportunityId": "CRM-LEAD-1234"}, "offerLines": [{"offerNameId": "MDMIND00022_PUBL_ISE00002687_IPE00021338", "amount": 10000, "revenueType": "UPFRONT"}]}
    /// ```
    ///
    /// ## Use instead
    /// ```json update-request
    /// {"leadOpportunity": {"partnerLeadOpportunityId": "CRM-LEAD-1234"}, "offerLines": [{"offerNameId": "MDMIND00022_PUBL_ISE00002687_IPE00021337", "amount": 10000, "revenueType": "UPFRONT"}]}
    /// ```
    pub static UNKNOWN_OFFER = {
        code: "A4P601",
        name: "unknown-offer",
        category: Reference,
        severity: Error,
        summary: "An offerNameId is not in the partner's portfolio",
    };
}

/// The portfolio the rule's documented example is checked against.
pub const EXAMPLE_PORTFOLIO: &[&str] = &["MDMIND00022_PUBL_ISE00002687_IPE00021337"];

/// At most this many distinct unknown ids per payload get a did-you-mean.
pub const MAX_SUGGESTED: usize = 100;

/// Runs the rule.
pub(crate) fn check(cx: &mut Checker<'_>) {
    let Some(portfolio) = cx.config().reference().portfolio.as_ref() else {
        return;
    };
    if !cx.kind().is_request() {
        return;
    }
    let Some(base) = cx.member_pointer("offerLines") else {
        return;
    };
    let Some(lines) = cx.at(&base).and_then(Value::as_array) else {
        return;
    };
    // Did-you-mean costs a pass over the portfolio: once per distinct id, and for at most
    // `MAX_SUGGESTED` ids per payload (a generated payload with thousands of unknown ids
    // still gets one finding each, quickly).
    let mut suggested: std::collections::HashMap<&str, Option<&str>> =
        std::collections::HashMap::new();
    for (i, line) in lines.iter().enumerate() {
        let Some(id) = line.get("offerNameId").and_then(Value::as_str) else {
            continue;
        };
        let pointer = format!("{base}/{i}/offerNameId");
        match portfolio.get(id) {
            Some(true) => {}
            Some(false) => {
                let d = Diagnostic::new(&UNKNOWN_OFFER, pointer.clone(), cx.value_span(&pointer))
                    .with_message(format!("`{}` is not orderable", display_path(&pointer)))
                    .with_label("salesPortfolioisOrderable is false")
                    .with_severity(Severity::Warning)
                    .with_note(
                        "the portfolio marks this item as not orderable: DS may refuse to book it",
                    );
                cx.report(d);
            }
            None => {
                let closest = match suggested.get(id) {
                    Some(known) => *known,
                    None if suggested.len() < MAX_SUGGESTED => {
                        let orderable = portfolio
                            .iter()
                            .filter(|(_, o)| **o)
                            .map(|(id, _)| id.as_str());
                        let closest = nearest(id, orderable);
                        suggested.insert(id, closest);
                        closest
                    }
                    None => None,
                };
                let mut d = Diagnostic::new(&UNKNOWN_OFFER, pointer.clone(), cx.value_span(&pointer))
                    .with_message(format!(
                        "`{}` is not in the partner's portfolio",
                        display_path(&pointer)
                    ))
                    .with_label("unknown portfolio item")
                    .with_note("offerNameId must be a salesPortfolioId of the partner's portfolio");
                d = match closest {
                    Some(c) => d
                        .with_help(format!("did you mean \"{c}\"?"))
                        .with_suggestion(format!("\"{c}\"")),
                    None => d.with_help(format!(
                        "the portfolio has {} items; refresh it with the portfolio-items search",
                        portfolio.len()
                    )),
                };
                cx.report(d);
            }
        }
    }
}
