//! A4P602 `unknown-competitor`: A competitor is not in the list DS accepts.
use std::collections::HashSet;

use serde_json::Value;

use crate::rules::helpers::only_fold_equal;
use crate::rules::Checker;
use crate::suggest::nearest;

crate::declare_rule! {
    /// ## What it checks
    /// When the partner supplies the competitor names DS accepts
    /// (`[reference] competitors = [...]`), that every entry of a request's
    /// `leadOpportunity.competitors` is one of them (exact spelling; the help names the
    /// nearest). Without a list the rule does nothing.
    ///
    /// ## Why it matters
    /// The spec's `lead-opportunity_attributes.competitors`: "the list of valid values will
    /// be provided through direct communication with partners". A name outside the list is
    /// not a competitor DS can report on.
    ///
    /// ## Fix
    /// The nearest accepted name replaces the name: safe when they differ only in case, spacing or
    /// punctuation and no other accepted name does so (`siemens` → `Siemens`); unsafe otherwise
    /// (`Siemen` → `Siemens` is a judgement, and the list may lack a competitor the partner meant).
    ///
    /// ## Example
    /// With `competitors = ["Siemens", "PTC", "Autodesk"]`:
    /// ```json update-request pointer=/leadOpportunity/competitors/0 span="Siemen"
    /// {"leadOpportunity": {"partnerLeadOpportunityId": "CRM-LEAD-1234", "competitors": ["Siemen"]}}
    /// ```
    ///
    /// ## Use instead
    /// ```json update-request
    /// {"leadOpportunity": {"partnerLeadOpportunityId": "CRM-LEAD-1234", "competitors": ["Siemens"]}}
    /// ```
    pub static UNKNOWN_COMPETITOR = {
        code: "A4P602",
        name: "unknown-competitor",
        category: Reference,
        severity: Error,
        summary: "A competitor is not in the list DS accepts",
        fix: [Safe, Unsafe],
    };
}

/// The competitor list the rule's documented example is checked against.
// Public for `tests/rules.rs`, which runs the documented examples with it.
#[doc(hidden)]
pub const EXAMPLE_COMPETITORS: &[&str] = &["Siemens", "PTC", "Autodesk"];

/// At most this many distinct unknown names per payload get a did-you-mean.
pub(crate) const MAX_SUGGESTED: usize = 100;

/// Runs the rule.
pub(crate) fn check(cx: &mut Checker<'_>) {
    let Some(known) = cx.config().reference().competitors.as_ref() else {
        return;
    };
    if !cx.kind().is_request() {
        return;
    }
    let Some((lead, object)) = cx.lead_opportunity() else {
        return;
    };
    let Some(names) = object.get("competitors").and_then(Value::as_array) else {
        return;
    };
    // Once per distinct name, for at most `MAX_SUGGESTED` names per payload (the list may be
    // long, and so may a generated payload's).
    let mut suggested: std::collections::HashMap<&str, Option<&str>> =
        std::collections::HashMap::new();
    let mut listed: Option<String> = None;
    for (i, name) in names.iter().enumerate() {
        let Some(name) = name.as_str() else { continue };
        if known.contains(name) {
            continue;
        }
        let closest = match suggested.get(name) {
            Some(known) => *known,
            None if suggested.len() < MAX_SUGGESTED => {
                let closest = nearest(name, known.iter().map(String::as_str));
                suggested.insert(name, closest);
                closest
            }
            None => None,
        };
        not_accepted(cx, lead, i, name, closest, known, &mut listed);
    }
}

/// A name outside the list; the nearest name, when there is one, is the fix, else the help
/// lists the accepted names (written once per payload, in `listed`).
fn not_accepted(
    cx: &mut Checker<'_>,
    lead: &str,
    index: usize,
    name: &str,
    closest: Option<&str>,
    known: &HashSet<String>,
    listed: &mut Option<String>,
) {
    let finding = cx
        .at_value(format!("{lead}/competitors/{index}"))
        .field_message("is not a competitor DS accepts")
        .label("not in the competitor list");
    match closest {
        // The same name but for case, spacing or punctuation, and no other so: sure.
        Some(c) if only_fold_equal(name, c, known.iter().map(String::as_str)) => finding
            .help(format!("did you mean \"{c}\"?"))
            .suggest_string(c)
            .safe_fix(),
        Some(c) => finding
            .help(format!("did you mean \"{c}\"?"))
            .suggest_string(c)
            .unsafe_fix(),
        None => {
            let listed = listed.get_or_insert_with(|| {
                let mut all: Vec<&str> = known.iter().map(String::as_str).collect();
                all.sort_unstable();
                crate::suggest::list(all.iter().copied())
            });
            finding.help(format!("accepted competitors: {listed}"))
        }
    }
    .report();
}
