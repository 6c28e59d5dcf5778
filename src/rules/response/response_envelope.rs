//! A4P501 `response-envelope`: A response's info, error and data contradict each other.
use crate::lint::Checker;

crate::declare_rule! {
    /// TODO: docs (What it checks / Why it matters / Example / Use instead).
    pub static RESPONSE_ENVELOPE = {
        code: "A4P501",
        name: "response-envelope",
        category: Consistency,
        severity: Warning,
        summary: "A response's info, error and data contradict each other",
    };
}

/// Runs the rule.
pub(crate) fn check(_cx: &mut Checker<'_>) {}
