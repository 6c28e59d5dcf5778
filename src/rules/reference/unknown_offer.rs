//! A4P601 `unknown-offer`: An offerNameId is not in the partner's portfolio.
use crate::lint::Checker;

crate::declare_rule! {
    /// TODO: docs (What it checks / Why it matters / Example / Use instead).
    pub static UNKNOWN_OFFER = {
        code: "A4P601",
        name: "unknown-offer",
        category: Reference,
        severity: Error,
        summary: "An offerNameId is not in the partner's portfolio",
    };
}

/// Runs the rule.
pub(crate) fn check(_cx: &mut Checker<'_>) {}
