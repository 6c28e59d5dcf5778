//! A4P004 `unknown-kind`: The payload kind is ambiguous or unrecognisable; pass it explicitly.
use serde_json::Value;

use crate::diagnostic::Diagnostic;
use crate::kind::PayloadKind;
use crate::source::Span;

crate::declare_rule! {
    /// ## What it checks
    /// That the payload kind is known: given by the caller (`--kind`, the config's file
    /// mapping) or recognisable from the payload's shape. Where the shape fits several kinds
    /// the tool never guesses: it names the candidates and asks for the kind. That happens
    /// for a create request and an update request (an update may carry every field of a
    /// create); for a successful search that found nothing (an empty `data` fits the orders
    /// search, the order GET, the price lists and the accreditations, whose `info` is the
    /// same); for an order without any member only the GET returns (`agreement`,
    /// `licenseChargeConditions`…) nor the search's `dsRecievedPoDate`, or with the GET's
    /// spelling `dsReceivedPoDate` and nothing else of the GET's; and for a `data` whose
    /// items have the shapes of different kinds (every item's top-level keys are looked
    /// at). A shape that fits no kind exactly but comes close (an empty portfolio answer
    /// whose `info` lacks `estimatedSearchCount`) names the closest kind and what is missing.
    ///
    /// It also checks that the payload is a JSON object, as every API4Partners payload is: an
    /// array, a string, a number, a boolean or `null` at the root is this finding whatever
    /// kind is given (`--kind`, a file-glob mapping, a typed call of the library), not a
    /// schema finding at the root. `wrong-type` may be lowered; a value that is no payload
    /// must never pass as one because it was.
    ///
    /// ## Why it matters
    /// Each kind has its own required fields and spellings (`customerContacts` in requests,
    /// `customerContact` in the GET response); checking against the wrong one reports the
    /// wrong problems, or none.
    ///
    /// ## Turning it off
    /// `--select` and `--ignore` keep it: a payload of unknown kind was not checked. Nor can
    /// `[rules]` or the library (`Config::set_level`) lower it, and an `[[overrides]]` table
    /// never applies to a library call. For files that are not payloads, map them to a kind
    /// in `[kinds]`, exclude them, or set the rule's level for them in an `[[overrides]]`
    /// table of `api4p-lint.toml`.
    ///
    /// ## Fix
    /// None: the kind is passed on the command line (`--kind`) or in the configuration, not written
    /// in the payload.
    ///
    /// ## Example
    /// ```json auto pointer= span={
    /// {"leadOpportunity": {"partnerLeadOpportunityId": "CRM-LEAD-1234", "status": "QUALIFIED"}}
    /// ```
    ///
    /// `api4p-lint check --kind update-request payload.json`, on a list of one payload:
    /// ```json update-request pointer= span=[
    /// [{"leadOpportunity": {"partnerLeadOpportunityId": "CRM-LEAD-1234", "status": "QUALIFIED"}}]
    /// ```
    ///
    /// ## Use instead
    /// `api4p-lint check --kind update-request payload.json` (or a file-glob mapping in
    /// `api4p-lint.toml`), on the same payload:
    /// ```json update-request
    /// {"leadOpportunity": {"partnerLeadOpportunityId": "CRM-LEAD-1234", "status": "QUALIFIED"}}
    /// ```
    pub static UNKNOWN_KIND = {
        code: "A4P004",
        name: "unknown-kind",
        category: Syntax,
        severity: Error,
        summary: "The payload kind is ambiguous or unrecognisable; pass it explicitly",
        silencing: ConfigurationOnly,
    };
}

/// The finding for a payload whose root is not an object (`[]`, `42`, `null`): no payload
/// kind has that shape, so it is reported whatever kind was `given`, before the schema,
/// which would report the root's type under `wrong-type`, a rule any level may lower.
/// `None` for an object, without calling `root` (where the root value starts): locating it
/// builds the span index, which a valid payload never pays for.
pub(crate) fn not_an_object(
    root: impl FnOnce() -> Span,
    payload: &Value,
    given: Option<PayloadKind>,
) -> Option<Diagnostic> {
    let what = match payload {
        Value::Object(_) => return None,
        Value::Array(_) => "an array",
        Value::String(_) => "a string",
        Value::Number(_) => "a number",
        Value::Bool(_) => "a boolean",
        Value::Null => "null",
    };
    let message = match given {
        Some(kind) => format!(
            "the payload is {what}, not an object: every API4Partners payload is a JSON \
             object, {kind} too"
        ),
        None => format!(
            "the payload is {what}, not an object: every API4Partners payload is a JSON object"
        ),
    };
    Some(
        Diagnostic::new(&UNKNOWN_KIND, "", root())
            .with_message(message)
            .with_label("not an object")
            .with_help(
                "a .json file holds one payload object (an .ndjson file one per line); no kind \
                 makes anything else a payload",
            ),
    )
}

/// The finding for an object whose kind could be any of `candidates` (empty: none fits).
pub(crate) fn diagnostic(root: Span, candidates: &[PayloadKind], payload: &Value) -> Diagnostic {
    let names: Vec<_> = candidates.iter().map(|k| k.name()).collect();
    let flags: Vec<_> = names.iter().map(|n| format!("`--kind {n}`")).collect();
    let flags: Vec<_> = flags.iter().map(String::as_str).collect();
    let (message, help) = if candidates.is_empty() {
        let all: Vec<_> = PayloadKind::ALL.iter().map(|k| k.name()).collect();
        (
            "this payload matches the shape of no API4Partners payload kind".to_owned(),
            format!("give the kind explicitly; one of: {}", all.join(", ")),
        )
    } else if let [closest] = names[..] {
        (
            format!("the payload's shape fits no kind exactly; the closest is {closest}"),
            format!(
                "give the kind explicitly: {}, or a file-glob mapping in api4p-lint.toml",
                flags[0]
            ),
        )
    } else {
        (
            format!(
                "the payload kind is ambiguous: it could be {}",
                either(&names)
            ),
            format!(
                "give the kind explicitly: {}, or a file-glob mapping in api4p-lint.toml",
                either(&flags)
            ),
        )
    };
    let diagnostic = Diagnostic::new(&UNKNOWN_KIND, "", root)
        .with_message(message)
        .with_label("kind not known")
        .with_help(help);
    match crate::kind::why_ambiguous(payload).filter(|_| !candidates.is_empty()) {
        Some(note) => diagnostic.with_note(note),
        None => diagnostic,
    }
}

/// `a or b`, `a, b, c or d`.
fn either(names: &[&str]) -> String {
    match names {
        [] => String::new(),
        [one] => (*one).to_owned(),
        [rest @ .., last] => format!("{} or {last}", rest.join(", ")),
    }
}
