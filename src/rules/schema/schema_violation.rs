//! A4P107 `schema-violation`: Any other schema constraint is broken.
use crate::diagnostic::Diagnostic;
use crate::pointer::code_path;
use crate::rules::schema_errors::{Context, MAX_SCHEMA_ERRORS};
use crate::source::Span;

crate::declare_rule! {
    /// ## What it checks
    /// Every schema constraint that has no rule of its own (`const`, `maximum`, `maxItems`,
    /// `uniqueItems`, `not`, ...). The message is the schema validator's, with the payload's
    /// value masked.
    ///
    /// ## Why it matters
    /// The schemas are generated from the spec; breaking any of their constraints means DS
    /// would read the payload differently from what the partner meant.
    ///
    /// ## Example
    /// A payload breaking a constraint not covered by A4P101-A4P106.
    ///
    /// ## Use instead
    /// A payload that satisfies the schema of its kind (`api4p-lint schema <kind>`).
    pub static SCHEMA_VIOLATION = {
        code: "A4P107",
        name: "schema-violation",
        category: Schema,
        severity: Error,
        summary: "Any other schema constraint is broken",
    };
}

pub(crate) fn diagnostic(
    pointer: &str,
    keyword: &str,
    message: &str,
    cx: &Context<'_>,
) -> Diagnostic {
    Diagnostic::new(&SCHEMA_VIOLATION, pointer, cx.locate.value(pointer))
        .with_message(format!("{}: {message}", code_path(pointer)))
        .with_label(format!("breaks `{keyword}`"))
}

/// The payload had more schema errors than are examined ([`MAX_SCHEMA_ERRORS`]): say how many
/// were left, at the payload as a whole.
pub(crate) fn not_examined(more: usize, root: Span) -> Diagnostic {
    Diagnostic::new(&SCHEMA_VIOLATION, "", root)
        .with_message(format!(
            "{more} more schema error{} in this payload, past the first {MAX_SCHEMA_ERRORS}, \
             not examined",
            if more == 1 { "" } else { "s" }
        ))
        .with_label("in this payload")
        .with_help("fix how the payload is generated, then check it again")
}
