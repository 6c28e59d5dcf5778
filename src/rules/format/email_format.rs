//! A4P303 `email-format`: An email address is not well-formed.
use crate::lint::Checker;

crate::declare_rule! {
    /// TODO: docs (What it checks / Why it matters / Example / Use instead).
    pub static EMAIL_FORMAT = {
        code: "A4P303",
        name: "email-format",
        category: Format,
        severity: Warning,
        summary: "An email address is not well-formed",
    };
}

/// Runs the rule.
pub(crate) fn check(_cx: &mut Checker<'_>) {}
