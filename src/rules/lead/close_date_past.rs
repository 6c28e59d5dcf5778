//! A4P203 `close-date-past`: An open lead-opportunity's close date is in the past.
use crate::lint::Checker;

crate::declare_rule! {
    /// TODO: docs (What it checks / Why it matters / Example / Use instead).
    pub static CLOSE_DATE_PAST = {
        code: "A4P203",
        name: "close-date-past",
        category: Consistency,
        severity: Info,
        summary: "An open lead-opportunity's close date is in the past",
    };
}

/// Runs the rule.
pub(crate) fn check(_cx: &mut Checker<'_>) {}
