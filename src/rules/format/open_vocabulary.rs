//! A4P305 `open-vocabulary`: A code field with an open vocabulary holds an unknown value.
use serde_json::Value;

use crate::kind::PayloadKind;
use crate::model::vocabulary::OPEN_VOCABULARIES;
use crate::rule::Severity;
use crate::rules::helpers::show_value;
use crate::rules::Checker;
use crate::suggest::nearest;
use crate::text::payload;

crate::declare_rule! {
    /// ## What it checks
    /// That members the spec types as free strings but DS fills with codes hold a code we
    /// know: `approvalStatus`, `engagementType`, `sboIndicator`, `growthType`, `leadPriority`,
    /// `levelOfInterest` and `partnerImportMode` in the GET response's
    /// `data.leadOpportunity`, and each customer contact's `salutation` (`customerContacts[N]`
    /// in create and update requests, `customerContact[N]` in the GET response). The known
    /// codes are those of the spec's examples and of real DS payloads (`PRE_APPROVED`,
    /// `EXTEND`, `EMPTY`; `MR`, `Mr`, `M.`, `Mr.`, `Ms.`, `Dr.`).
    ///
    /// `""` and `null` are not findings (DS writes "not set" both as `EMPTY` and as `""`);
    /// non-strings are the schema's business. The help names the known values and the
    /// nearest one; a suggestion replaces the value when the nearest is unambiguous. For
    /// `salutation` only a spelling of the same word counts as near (`ms` → `Ms.`), because
    /// real salutations are one letter apart (`Mrs.` is not a typo of `Mr.`).
    ///
    /// The lead-opportunity members are not checked in requests: the request schema does not
    /// have them, so A4P103 `unknown-property` already says DS ignores them whatever their
    /// value.
    ///
    /// `api4p-lint.toml` extends or closes a vocabulary: values under `extra` are accepted,
    /// and `closed = true` makes an unknown value an error instead of a warning.
    ///
    /// ```toml
    /// [vocabularies.salutation]
    /// extra = ["Mrs.", "Prof."]
    /// closed = true
    /// ```
    ///
    /// ## Why it matters
    /// The spec gives these members no list: `approvalStatus` and its siblings are
    /// `type: [string, 'null']` in the GET response, and `customerContact.salutation` is
    /// "Salution of the person : Mr., Ms., Dr., etc..". Code that branches on them (a
    /// dashboard of approval statuses, a salutation mapped to a CRM picklist) breaks
    /// silently on a value it has never seen; a warning shows the new value before it does,
    /// and `extra` records it once it is known to be real.
    ///
    /// ## Fix
    /// The nearest known value (or value the configuration accepts) replaces the value. Safe when
    /// they differ only in case, spacing or punctuation and no other value does so (`ms` → `Ms.`,
    /// `direct` → `DIRECT`): the same word. Unsafe otherwise (a typo's nearest value is a
    /// judgement; a salutation is only ever offered as a re-spelling of the same word).
    ///
    /// ## Example
    /// ```json update-request pointer=/customerContacts/0/salutation span="ms"
    /// {
    ///   "leadOpportunity": {"partnerLeadOpportunityId": "SF-OPP-004817"},
    ///   "customerContacts": [
    ///     {"salutation": "ms", "firstName": "Katrin", "lastName": "Brandt", "email": "k.brandt@kessler-antrieb.de"}
    ///   ]
    /// }
    /// ```
    ///
    /// ## Use instead
    /// ```json update-request
    /// {
    ///   "leadOpportunity": {"partnerLeadOpportunityId": "SF-OPP-004817"},
    ///   "customerContacts": [
    ///     {"salutation": "Ms.", "firstName": "Katrin", "lastName": "Brandt", "email": "k.brandt@kessler-antrieb.de"}
    ///   ]
    /// }
    /// ```
    pub static OPEN_VOCABULARY = {
        code: "A4P305",
        name: "open-vocabulary",
        category: Format,
        severity: Warning,
        summary: "A code field with an open vocabulary holds an unknown value",
        fix: [Safe, Unsafe],
    };
}

/// The member of contacts that holds a salutation.
const SALUTATION: &str = "salutation";

/// Runs the rule.
pub(crate) fn check(cx: &mut Checker<'_>) {
    // Pointers are written only for a finding: a valid payload allocates nothing here.
    if cx.kind() == PayloadKind::GetResponse {
        if let Some((lead, object)) = cx.lead_opportunity() {
            for (member, known) in OPEN_VOCABULARIES {
                if *member == SALUTATION {
                    continue;
                }
                if let Some(Value::String(value)) = object.get(*member) {
                    check_value(cx, value, member, known, || format!("{lead}/{member}"));
                }
            }
        }
    }
    if let (Some(base), Some((_, known))) = (
        cx.member_pointer("customerContacts"),
        OPEN_VOCABULARIES.iter().find(|(m, _)| *m == SALUTATION),
    ) {
        let contacts = cx.at(&base).and_then(Value::as_array);
        for (index, contact) in contacts.into_iter().flatten().enumerate() {
            if let Some(Value::String(value)) = contact.get(SALUTATION) {
                check_value(cx, value, SALUTATION, known, || {
                    format!("{base}/{index}/{SALUTATION}")
                });
            }
        }
    }
}

fn check_value(
    cx: &mut Checker<'_>,
    value: &str,
    member: &str,
    known: &[&str],
    pointer: impl FnOnce() -> String,
) {
    if value.is_empty() || known.contains(&value) {
        return;
    }
    let vocabulary = cx.config().vocabulary(member);
    let extra: &[String] = vocabulary.map_or(&[], |v| v.extra.as_slice());
    if extra.iter().any(|e| e == value) {
        return;
    }
    let closed = vocabulary.is_some_and(|v| v.closed);
    let accepted = Accepted {
        member,
        known,
        extra,
        closed,
    };
    unknown_value(cx, pointer(), value, &accepted);
}

/// What a member accepts in this run: the codes known to DS, plus the configuration's.
struct Accepted<'a> {
    member: &'a str,
    known: &'a [&'a str],
    extra: &'a [String],
    closed: bool,
}

/// A value outside the vocabulary: a warning, an error once the configuration closes it.
fn unknown_value(cx: &mut Checker<'_>, pointer: String, value: &str, accepted: &Accepted<'_>) {
    let Accepted {
        member,
        known,
        extra,
        closed,
    } = *accepted;
    let candidates = || {
        known
            .iter()
            .copied()
            .chain(extra.iter().map(String::as_str))
    };
    // A salutation is offered only as a re-spelling of the same word (`ms` → `Ms.`): the
    // value itself, so payload data (it tells a contact's gender), masked under redaction.
    let closest = nearest(value, candidates())
        .filter(|c| member != SALUTATION || same_word(c, value))
        .map(|c| match member {
            SALUTATION => payload(c),
            _ => c.to_owned(),
        });
    let mut help = String::new();
    if let Some(c) = &closest {
        help.push_str(&format!("did you mean \"{c}\"?\n"));
    }
    help.push_str(&format!("known values: {}", known.join(", ")));
    if !extra.is_empty() {
        help.push_str(&format!(
            "; accepted by api4p-lint.toml: {}",
            crate::suggest::list(extra.iter().map(String::as_str))
        ));
    }
    if !closed {
        help.push_str(&format!(
            "\nif DS really uses {}, add it to `extra` under [vocabularies.{member}] in \
             api4p-lint.toml",
            show_value(value)
        ));
    }
    let note = if member == SALUTATION {
        "the spec's `customerContact.salutation` is free text (\"Mr., Ms., Dr., etc..\"): \
         code that maps salutations to a picklist meets this value for the first time"
    } else {
        "the spec types this member as a free string, but DS fills it with codes: \
         a value outside the known ones is new in DS or was written by hand"
    };
    let finding = cx
        .at_value(pointer)
        .message_with(|path| format!("unknown value {} for `{path}`", show_value(value)))
        .label(if closed {
            "not an accepted value (closed vocabulary)"
        } else {
            "not a known value"
        })
        .help(help)
        .note(note);
    let finding = if closed {
        finding.severity(Severity::Error)
    } else {
        finding
    };
    match closest {
        // The same word but for case and punctuation, and no other value so: sure.
        Some(c) if crate::rules::helpers::only_fold_equal(value, &c, candidates()) => {
            finding.suggest_string(c).safe_fix()
        }
        Some(c) => finding.suggest_string(c).unsafe_fix(),
        None => finding,
    }
    .report();
}

/// Equal ignoring case and punctuation (`ms` and `Ms.`).
fn same_word(a: &str, b: &str) -> bool {
    crate::rules::helpers::fold_equal(a, b)
}
