//! A4P204 `offer-line`: An offer line's amount is negative or not finite, or its revenueType is missing.
use crate::lint::Checker;

crate::declare_rule! {
    /// TODO: docs (What it checks / Why it matters / Example / Use instead).
    pub static OFFER_LINE = {
        code: "A4P204",
        name: "offer-line",
        category: Consistency,
        severity: Error,
        summary: "An offer line's amount is negative or not finite, or its revenueType is missing",
    };
}

/// Runs the rule.
pub(crate) fn check(_cx: &mut Checker<'_>) {}
