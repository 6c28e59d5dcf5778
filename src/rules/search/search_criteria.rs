//! A4P401 `search-criteria`: A search request's criteria are missing, incomplete or out of range.
use crate::lint::Checker;

crate::declare_rule! {
    /// TODO: docs (What it checks / Why it matters / Example / Use instead).
    pub static SEARCH_CRITERIA = {
        code: "A4P401",
        name: "search-criteria",
        category: Consistency,
        severity: Error,
        summary: "A search request's criteria are missing, incomplete or out of range",
    };
}

/// Runs the rule.
pub(crate) fn check(_cx: &mut Checker<'_>) {}
