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
    /// ## Fix
    /// None: the constraints it reports (a bound, a `const`, `not`) say what is wrong, not what was
    /// meant.
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
    if keyword == "maxItems" {
        if let Some(diagnostic) = not_empty(pointer, message, cx) {
            return diagnostic;
        }
    }
    Diagnostic::new(&SCHEMA_VIOLATION, pointer, cx.locate.value(pointer))
        .with_message(format!("{}: {message}", code_path(pointer)))
        .with_label(format!("breaks `{keyword}`"))
}

/// `maxItems: 0`, the schemas' only `maxItems`: the `data` of the order family's error bodies,
/// "Always an empty array in case of error responses." Said in those words rather than
/// jsonschema's "value has more than 0 items".
fn not_empty(pointer: &str, message: &str, cx: &Context<'_>) -> Option<Diagnostic> {
    if !message.ends_with("more than 0 items") {
        return None;
    }
    let items = crate::pointer::lookup(cx.instance, pointer)?
        .as_array()?
        .len();
    let path = code_path(pointer);
    Some(
        Diagnostic::new(&SCHEMA_VIOLATION, pointer, cx.locate.value(pointer))
            .with_message(format!(
                "{path} must be empty in an error body, and holds {} item{}",
                crate::text::payload(items),
                if items == 1 { "" } else { "s" }
            ))
            .with_label("not empty")
            .with_help(
                "an error body of the order family has `\"data\": []` and says why in `error`",
            )
            .with_note(
                "the spec's 400 and 404 bodies of the order family: `data` is \"Always an empty \
                 array in case of error responses.\" (`maxItems: 0`)",
            ),
    )
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
        .standing_for_unexamined()
}
