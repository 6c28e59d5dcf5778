//! A4P305 `open-vocabulary`: A code field with an open vocabulary holds an unknown value.
use crate::lint::Checker;

crate::declare_rule! {
    /// TODO: docs (What it checks / Why it matters / Example / Use instead).
    pub static OPEN_VOCABULARY = {
        code: "A4P305",
        name: "open-vocabulary",
        category: Format,
        severity: Warning,
        summary: "A code field with an open vocabulary holds an unknown value",
    };
}

/// Runs the rule.
pub(crate) fn check(_cx: &mut Checker<'_>) {}
