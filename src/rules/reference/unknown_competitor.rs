//! A4P602 `unknown-competitor`: A competitor is not in the list DS accepts.
use crate::lint::Checker;

crate::declare_rule! {
    /// TODO: docs (What it checks / Why it matters / Example / Use instead).
    pub static UNKNOWN_COMPETITOR = {
        code: "A4P602",
        name: "unknown-competitor",
        category: Reference,
        severity: Error,
        summary: "A competitor is not in the list DS accepts",
    };
}

/// Runs the rule.
pub(crate) fn check(_cx: &mut Checker<'_>) {}
