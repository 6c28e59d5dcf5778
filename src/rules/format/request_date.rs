//! A4P301 `request-date`: A date is not in the ISO 8601 date-time form DS accepts.
use crate::lint::Checker;

crate::declare_rule! {
    /// TODO: docs (What it checks / Why it matters / Example / Use instead).
    pub static REQUEST_DATE = {
        code: "A4P301",
        name: "request-date",
        category: Format,
        severity: Error,
        summary: "A date is not in the ISO 8601 date-time form DS accepts",
    };
}

/// Runs the rule.
pub(crate) fn check(_cx: &mut Checker<'_>) {}
