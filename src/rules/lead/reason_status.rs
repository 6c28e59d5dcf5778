//! A4P202 `reason-status`: reasonWon/reasonLost codes do not fit the status, or mix EMPTY with codes.
use crate::lint::Checker;

crate::declare_rule! {
    /// TODO: docs (What it checks / Why it matters / Example / Use instead).
    pub static REASON_STATUS = {
        code: "A4P202",
        name: "reason-status",
        category: Consistency,
        severity: Warning,
        summary: "reasonWon/reasonLost codes do not fit the status, or mix EMPTY with codes",
    };
}

/// Runs the rule.
pub(crate) fn check(_cx: &mut Checker<'_>) {}
