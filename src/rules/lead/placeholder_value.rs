//! A4P205 `placeholder-value`: A request carries a value copied from a documentation template.
use crate::lint::Checker;

crate::declare_rule! {
    /// TODO: docs (What it checks / Why it matters / Example / Use instead).
    pub static PLACEHOLDER_VALUE = {
        code: "A4P205",
        name: "placeholder-value",
        category: Consistency,
        severity: Warning,
        summary: "A request carries a value copied from a documentation template",
    };
}

/// Runs the rule.
pub(crate) fn check(_cx: &mut Checker<'_>) {}
