//! A4P304 `id-format`: An identifier does not have the format DS uses.
use crate::lint::Checker;

crate::declare_rule! {
    /// TODO: docs (What it checks / Why it matters / Example / Use instead).
    pub static ID_FORMAT = {
        code: "A4P304",
        name: "id-format",
        category: Format,
        severity: Warning,
        summary: "An identifier does not have the format DS uses",
    };
}

/// Runs the rule.
pub(crate) fn check(_cx: &mut Checker<'_>) {}
