//! A4P302 `currency-code`: currency is not an ISO 4217 code.
use crate::lint::Checker;

crate::declare_rule! {
    /// TODO: docs (What it checks / Why it matters / Example / Use instead).
    pub static CURRENCY_CODE = {
        code: "A4P302",
        name: "currency-code",
        category: Format,
        severity: Error,
        summary: "currency is not an ISO 4217 code",
    };
}

/// Runs the rule.
pub(crate) fn check(_cx: &mut Checker<'_>) {}
