//! A4P601 `unknown-offer`: An offerNameId is not in the partner's portfolio.
use serde_json::Value;

use crate::rule::Severity;
use crate::rules::Checker;
use crate::suggest::Budget;

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
    /// ## Fix
    /// The nearest orderable item's id replaces the `offerNameId` when it is the only one as near:
    /// unsafe, even when only the case differs. An id picks the product DS books, and the portfolio
    /// file may be older than the id (a new item it lacks): a look-alike is a judgement. Tied items
    /// are named in the help, none offered.
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
        fix: [Unsafe],
    };
}

/// The portfolio the rule's documented example is checked against.
// Public for `tests/rules.rs`, which runs the documented examples with it.
#[doc(hidden)]
pub const EXAMPLE_PORTFOLIO: &[&str] = &["MDMIND00022_PUBL_ISE00002687_IPE00021337"];

/// At most this many distinct unknown ids per payload get a did-you-mean.
pub(crate) const MAX_SUGGESTED: usize = 100;

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
    // Did-you-mean costs a pass over the portfolio: once per distinct id, for at most
    // `MAX_SUGGESTED` ids per payload, and within one work budget per payload (a generated
    // payload with thousands of unknown ids, or a portfolio of look-alikes that defeat the
    // search's lower bounds, still gets one finding each, quickly).
    let mut suggested: std::collections::HashMap<&str, Lookup<'_>> =
        std::collections::HashMap::new();
    let mut budget = Budget::new(Budget::PER_PAYLOAD);
    for (i, line) in lines.iter().enumerate() {
        let Some(id) = line.get("offerNameId").and_then(Value::as_str) else {
            continue;
        };
        match portfolio.get(id) {
            Some(true) => {}
            Some(false) => not_orderable(cx, &base, i),
            None => {
                let closest = match suggested.get(id) {
                    Some(known) => known.clone(),
                    None if suggested.len() < MAX_SUGGESTED && !budget.is_spent() => {
                        let found = portfolio.nearest_orderable(id, &mut budget);
                        // Ties are guesses: an id one edit away from two items names neither.
                        let closest = match found.closest.as_slice() {
                            _ if found.gave_up => Lookup::GaveUp,
                            [] => Lookup::Nothing,
                            [one] => Lookup::Closest(one),
                            tied => Lookup::Tied(tied.to_vec()),
                        };
                        suggested.insert(id, closest.clone());
                        closest
                    }
                    None if budget.is_spent() => Lookup::GaveUp,
                    None => Lookup::Nothing,
                };
                not_in_portfolio(cx, &base, i, closest, portfolio.len());
            }
        }
    }
}

/// What did-you-mean gave for an unknown id.
#[derive(Clone)]
enum Lookup<'a> {
    Closest(&'a str),
    /// Several items at the same distance: named, none offered as the fix.
    Tied(Vec<&'a str>),
    Nothing,
    /// The payload's work budget ran out before the portfolio was searched through.
    GaveUp,
}

/// An item the portfolio has but marks as not orderable (a warning, where an unknown id is
/// an error).
fn not_orderable(cx: &mut Checker<'_>, lines: &str, index: usize) {
    cx.at_value(format!("{lines}/{index}/offerNameId"))
        .field_message("is not orderable")
        .label("salesPortfolioisOrderable is false")
        .severity(Severity::Warning)
        .note("the portfolio marks this item as not orderable: DS may refuse to book it")
        .report();
}

/// An id the portfolio does not have; the nearest orderable item, when there is one, is the
/// fix.
fn not_in_portfolio(
    cx: &mut Checker<'_>,
    lines: &str,
    index: usize,
    closest: Lookup<'_>,
    portfolio_size: usize,
) {
    let finding = cx
        .at_value(format!("{lines}/{index}/offerNameId"))
        .field_message("is not in the partner's portfolio")
        .label("unknown portfolio item")
        .note("offerNameId must be a salesPortfolioId of the partner's portfolio");
    let refresh = format!(
        "the portfolio has {portfolio_size} item{}; refresh it with the portfolio-items search",
        if portfolio_size == 1 { "" } else { "s" }
    );
    match closest {
        Lookup::Closest(c) => finding
            .help(format!("did you mean \"{c}\"?"))
            .suggest_string(c)
            .unsafe_fix(),
        Lookup::Tied(tied) => {
            let shown: Vec<String> = tied.iter().take(3).map(|c| format!("\"{c}\"")).collect();
            let more = tied.len().saturating_sub(3);
            let more = if more > 0 {
                format!(" (and {more} more as close)")
            } else {
                String::new()
            };
            finding.help(format!(
                "did you mean one of {}{more}? They are as close as each other: no fix is \
                 offered",
                shown.join(", ")
            ))
        }
        Lookup::Nothing => finding.help(refresh),
        Lookup::GaveUp => finding.help(format!(
            "{refresh} (did-you-mean stopped: this payload's search of the portfolio reached \
             its work budget)"
        )),
    }
    .report();
}
