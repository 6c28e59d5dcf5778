//! A4P201 `forecast-category-status`: forecastCategory does not fit the status.
use crate::lint::Checker;

crate::declare_rule! {
    /// TODO: docs (What it checks / Why it matters / Example / Use instead).
    pub static FORECAST_CATEGORY_STATUS = {
        code: "A4P201",
        name: "forecast-category-status",
        category: Consistency,
        severity: Error,
        summary: "forecastCategory does not fit the status",
    };
}

/// Runs the rule.
pub(crate) fn check(_cx: &mut Checker<'_>) {}
