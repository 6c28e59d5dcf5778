//! A4P103 `unknown-property`: A property the spec does not describe here; DS silently ignores it.
use serde_json::Value;

use crate::diagnostic::{Applicability, Collector, Diagnostic};
use crate::kind::PayloadKind;
use crate::pointer::{display_path, escape_segment, show_name};
use crate::rule::Severity;
use crate::rules::schema_errors::Context;
use crate::suggest::{nearest, search, Budget};

crate::declare_rule! {
    /// ## What it checks
    /// That every property is one the spec describes for this payload kind and place. The
    /// spellings differ between payloads: a request carries `customerContacts` and
    /// `partnerContacts`, the GET response `customerContact` and `partnerContact`; an order
    /// search response's items carry `dsRecievedPoDate` (*sic*), an order GET response's
    /// `dsReceivedPoDate`. The help names the nearest known property, and says when the other
    /// kind spells it the other way.
    ///
    /// In requests the finding is a warning, in responses an info (DS may add fields before
    /// the spec describes them).
    ///
    /// ## Why it matters
    /// DS ignores properties it does not know, without an error: a misspelled
    /// `customerContact` in a create request means the contacts are silently never created.
    ///
    /// ## Fix
    /// In a request, the key is renamed to the nearest property (`customerContact` →
    /// `customerContacts`), value and layout kept, when that property is the only one as near and
    /// the object does not hold it already (a rename would then make a duplicate key): unsafe, a
    /// misspelling's meaning is a judgement. Otherwise, and in responses, the nearest property is a
    /// hint only: DS may return fields this version of the spec does not describe, and renaming one
    /// in a recorded answer rewrites what DS said.
    ///
    /// ## Example
    /// ```json update-request pointer=/customerContact span="customerContact"
    /// {"leadOpportunity": {"partnerLeadOpportunityId": "CRM-LEAD-1234"}, "customerContact": []}
    /// ```
    ///
    /// ## Use instead
    /// ```json update-request
    /// {"leadOpportunity": {"partnerLeadOpportunityId": "CRM-LEAD-1234"}, "customerContacts": []}
    /// ```
    pub static UNKNOWN_PROPERTY = {
        code: "A4P103",
        name: "unknown-property",
        category: Schema,
        severity: Warning,
        summary: "A property the spec does not describe here; DS silently ignores it",
        fix: [Unsafe, DisplayOnly],
    };
}

pub(crate) fn report(
    pointer: &str,
    names: &[String],
    schema_path: &str,
    cx: &Context<'_>,
    out: &mut Collector,
) {
    let known: Vec<&'static str> = cx
        .subschema_of_keyword(schema_path)
        .and_then(|s| s.get("properties"))
        .and_then(Value::as_object)
        .map(|p| p.keys().map(String::as_str).collect())
        .unwrap_or_default();
    let severity = if cx.kind.is_request() {
        Severity::Warning
    } else {
        Severity::Info
    };
    let object = crate::pointer::lookup(cx.instance, pointer).and_then(Value::as_object);
    // jsonschema sorts the names; report them in the payload's order (where the first
    // thousand kept by the per-rule cap are the first thousand written).
    let mut names: Vec<(usize, &String)> = names
        .iter()
        .map(|name| {
            let member = format!("{pointer}/{}", escape_segment(name));
            (cx.locate.key(&member).offset, name)
        })
        .collect();
    names.sort();
    for (_, name) in names {
        if !out.wants(UNKNOWN_PROPERTY.code) {
            out.count(UNKNOWN_PROPERTY.code);
            continue;
        }
        let member = format!("{pointer}/{}", escape_segment(name));
        let closest = nearest(name, known.iter().copied());
        let help = match closest {
            Some(k) => match spelled_elsewhere(cx.kind, name) {
                Some(why) => format!("did you mean `{k}`? {why}"),
                None => format!("did you mean `{k}`?"),
            },
            None if known.is_empty() => "this object takes no properties".to_owned(),
            None => format!("known properties here: {}", known.join(", ")),
        };
        let place = if pointer.is_empty() {
            format!("{} {}", cx.kind.article(), cx.kind)
        } else {
            format!("`{}`", display_path(pointer))
        };
        let mut diagnostic =
            Diagnostic::new(&UNKNOWN_PROPERTY, member.clone(), cx.locate.key(&member))
                .with_message(format!("unknown property `{}` in {place}", show_name(name)))
                .with_label("not described by the spec here")
                .with_severity(severity)
                .with_help(help)
                .with_note(if cx.kind.is_request() {
                    "DS ignores properties it does not know: this data would be silently lost"
                } else {
                    "DS may return fields this version of the spec (0.10.0) does not describe"
                });
        if let Some(k) = closest {
            // A rename when the nearest property is the only one as near and not written yet.
            let sure = cx.kind.is_request()
                && search(name, known.iter().copied(), &mut Budget::unlimited()).unique()
                    == Some(k)
                && !object.is_some_and(|o| o.contains_key(k));
            diagnostic = diagnostic.with_string_suggestion(k);
            if sure {
                diagnostic = diagnostic.with_applicability(Applicability::Unsafe);
            }
        }
        out.push(diagnostic);
    }
}

/// Members two kinds spell two ways: the kind, the member as the other kind spells it, and
/// what to tell the partner whose code writes one payload as the other.
const OTHER_SPELLINGS: &[(PayloadKind, &str, &str)] = &[
    (
        PayloadKind::OrderSearchResponse,
        "dsReceivedPoDate",
        "the orders search response spells it `dsRecievedPoDate` (sic, spec line 2338); the \
         order GET response spells it `dsReceivedPoDate` (spec line 3315)",
    ),
    (
        PayloadKind::OrderGetResponse,
        "dsRecievedPoDate",
        "the order GET response spells it `dsReceivedPoDate` (spec line 3315); only the orders \
         search response spells it `dsRecievedPoDate` (sic, spec line 2338)",
    ),
];

/// What to say of `name` in `kind` when another kind spells that member so.
fn spelled_elsewhere(kind: PayloadKind, name: &str) -> Option<&'static str> {
    OTHER_SPELLINGS
        .iter()
        .find(|(k, other, _)| *k == kind && *other == name)
        .map(|(_, _, why)| *why)
}
