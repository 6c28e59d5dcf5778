//! A4P106 `invalid-string`: A string breaks the pattern, length or format the spec gives it.
use serde_json::Value;

use crate::diagnostic::{Applicability, Diagnostic};
use crate::pointer::display_path;
use crate::rules::helpers::show_value;
use crate::rules::schema_errors::Context;
use crate::text::payload;

crate::declare_rule! {
    /// ## What it checks
    /// That strings have the shape the spec gives them: `currency` is three uppercase letters
    /// (the spec's `currency` component: ISO 4217, `^[A-Z]{3}$`, length 3), and any other
    /// `pattern`, `minLength`, `maxLength` or asserted `format` in the schema.
    ///
    /// ## Why it matters
    /// DS answers HTTP 400 to a currency such as `"eur"` or `"Euro"`.
    ///
    /// ## Fix
    /// A string that breaks its pattern only by its case or by spaces around it (`"eur"` → `"EUR"`,
    /// `" usd"` → `"USD"`) is upper-cased and trimmed when the result matches the pattern: safe,
    /// the same letters say the same code. Unsafe when the string holds letters beyond ASCII
    /// that upper-case into ASCII ones (`"ſek"` → `"SEK"`): a guess that they meant the code.
    /// Lengths and other patterns have no fix (what to cut or add is unknown).
    ///
    /// ## Example
    /// ```json update-request pointer=/leadOpportunity/currency span="eur"
    /// {"leadOpportunity": {"partnerLeadOpportunityId": "CRM-LEAD-1234", "currency": "eur"}}
    /// ```
    ///
    /// ## Use instead
    /// ```json update-request
    /// {"leadOpportunity": {"partnerLeadOpportunityId": "CRM-LEAD-1234", "currency": "EUR"}}
    /// ```
    pub static INVALID_STRING = {
        code: "A4P106",
        name: "invalid-string",
        category: Schema,
        severity: Error,
        summary: "A string breaks the pattern, length or format the spec gives it",
        fix: [Safe, Unsafe],
    };
}

pub(crate) fn diagnostic(
    pointer: &str,
    keyword: &str,
    detail: &str,
    schema_path: &str,
    cx: &Context<'_>,
) -> Diagnostic {
    let instance = crate::pointer::lookup(cx.instance, pointer).unwrap_or(&Value::Null);
    let field = display_path(pointer);
    let (message, label) = match keyword {
        "pattern" => (
            format!("`{field}` does not match the pattern `{detail}`"),
            "does not match".to_owned(),
        ),
        "minLength" | "maxLength" => {
            // The length is said, never the value: it may be a secret (`api_key`).
            let length = instance.as_str().map_or(0, |s| s.chars().count());
            let bound = |k: &str| {
                cx.subschema_of_keyword(schema_path)
                    .and_then(|s| s.get(k))
                    .and_then(Value::as_u64)
            };
            let says = match (bound("minLength"), bound("maxLength")) {
                (Some(min), Some(max)) if min == max => format!("{min}"),
                _ if keyword == "minLength" => format!("at least {detail}"),
                _ => format!("at most {detail}"),
            };
            let short = if keyword == "minLength" {
                "too short"
            } else {
                "too long"
            };
            // The label says the lengths too: the value itself is not shown (redacted reports
            // would print `<redacted>` where a length says what is wrong).
            return Diagnostic::new(&INVALID_STRING, pointer, cx.locate.value(pointer))
                .with_message(format!(
                    "`{field}` has {length} character{}; the spec says {says}",
                    if length == 1 { "" } else { "s" }
                ))
                .with_label(format!("{short}: {length} of {says} characters"));
        }
        _ => (
            format!("`{field}` is not a valid {detail}"),
            format!("not a {detail}"),
        ),
    };
    let mut diagnostic = Diagnostic::new(&INVALID_STRING, pointer, cx.locate.value(pointer))
        .with_message(message)
        .with_label(format!("{label}: {}", show_value(instance)));
    // A currency in the wrong case is the common slip; offer the fix when it passes.
    if let (Some(text), "pattern") = (instance.as_str(), keyword) {
        let upper = text.trim().to_uppercase();
        let fits = regex::Regex::new(detail).is_ok_and(|re| re.is_match(&upper));
        if fits && upper != text {
            // Sure only for ASCII letters: Unicode upper-cases some other letters into ASCII
            // ones (`ſ` into `S`, `ı` into `I`), a guess at what was meant.
            let applicability = if text.is_ascii() {
                Applicability::Safe
            } else {
                Applicability::Unsafe
            };
            // The payload's letters, upper-cased: payload data, even when they make a code.
            let upper = payload(upper);
            diagnostic = diagnostic
                .with_help(format!("write it in upper case: \"{upper}\""))
                .with_string_suggestion(upper)
                .with_applicability(applicability);
        }
    }
    diagnostic
}
