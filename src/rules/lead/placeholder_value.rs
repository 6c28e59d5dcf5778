//! A4P205 `placeholder-value`: A request carries a value copied from a documentation template.
use serde_json::Value;

use crate::pointer::escape_segment;
use crate::rules::helpers::show_value;
use crate::rules::Checker;
use crate::text::payload;

crate::declare_rule! {
    /// ## What it checks
    /// Requests (create, update, search) for string values that are placeholders rather
    /// than data:
    ///
    /// - **Template type names**, anywhere in the request: a string that is exactly
    ///   `string`, `date`, `double`, `integer`, `boolean` or `number`, in any letter case.
    /// - **Test records**, in the name fields only (`leadOpportunity.name`,
    ///   `customerLegalEntity.name`, `customerContacts[].firstName`/`lastName`,
    ///   `partnerContacts[].salesRepFirstName`/`salesRepLastName`). Letter case is ignored,
    ///   and the value is cut into words at every character that is not a letter or a
    ///   digit. It is a test record when:
    ///   - the whole value is `N/A` or `TBD`, or every word is `xxx` (three or more `x`),
    ///     or the value starts with the words `lorem ipsum`; or
    ///   - the first word is `test`, `dummy`, `foo` or `foobar`, optionally followed by
    ///     digits (`TEST`, `test123`), and every other word is an identifier (has a digit:
    ///     `Test-0813C`, `Test 2`) or one of `test`, `dummy`, `foo`, `bar`, `lead`,
    ///     `opportunity`, `oppy`, `company`, `customer`, `account`, `contact`, `user`,
    ///     `name`, `record`, `entry`, `sample` (`Test Company`, `Dummy Lead 3`).
    ///
    ///   So `Testa GmbH`, `Contest Corp`, `Test & Measurement Ltd` and `ACME Test Lab` are
    ///   not flagged. In person names (the contacts) `foo`/`foobar` do not count, Foo being
    ///   a real family name.
    ///
    /// The walk goes at most 128 levels deep (serde_json's own limit).
    ///
    /// ## Why it matters
    /// The spec's examples are templates: the create example has
    /// `customerLegalEntity.name: "string"`, the 400 response echoes `"closeDate": "date"`
    /// and `"amount": "double"`. DS stores text as sent, so a request built from a template
    /// creates lead-opportunities named `string`; a test record sent to DS becomes a real
    /// lead-opportunity in the partner's pipeline and DS's reports.
    ///
    /// ## Fix
    /// None: the real value is data only the partner has.
    ///
    /// ## Example
    /// ```json update-request pointer=/leadOpportunity/description span="string"
    /// {"leadOpportunity": {"partnerLeadOpportunityId": "CRM-LEAD-1234", "description": "string"}}
    /// ```
    ///
    /// ## Use instead
    /// ```json update-request
    /// {"leadOpportunity": {"partnerLeadOpportunityId": "CRM-LEAD-1234", "description": "Pilot project for the design office"}}
    /// ```
    pub static PLACEHOLDER_VALUE = {
        code: "A4P205",
        name: "placeholder-value",
        category: Consistency,
        severity: Warning,
        summary: "A request carries a value copied from a documentation template",
    };
}

/// The type names the spec's templates put where a value goes.
const TEMPLATE_WORDS: &[&str] = &["string", "date", "double", "integer", "boolean", "number"];

/// Words that start a test record's name (optionally followed by digits).
const TEST_WORDS: &[&str] = &["test", "dummy", "foo", "foobar"];

/// Test words that are also real family names: not held against person names.
const REAL_SURNAMES: &[&str] = &["foo", "foobar"];

/// Words that may follow a test word in a test record's name.
const FILLER_WORDS: &[&str] = &[
    "test",
    "dummy",
    "foo",
    "bar",
    "lead",
    "opportunity",
    "oppy",
    "company",
    "customer",
    "account",
    "contact",
    "user",
    "name",
    "record",
    "entry",
    "sample",
];

/// How deep the walk goes (serde_json's own nesting limit).
const MAX_DEPTH: usize = 128;

/// One step of a JSON Pointer.
#[derive(Clone, Copy)]
enum Segment<'a> {
    Key(&'a str),
    Index(usize),
}

/// What a name field names.
#[derive(Clone, Copy, PartialEq, Eq)]
enum NameField {
    /// The lead-opportunity or the customer's legal entity.
    Organisation,
    /// A contact's first or last name.
    Person,
}

/// Runs the rule.
pub(crate) fn check(cx: &mut Checker<'_>) {
    if !cx.kind().is_request() {
        return;
    }
    let mut path = Vec::new();
    walk(cx, cx.root(), &mut path);
}

fn walk<'v>(cx: &mut Checker<'_>, value: &'v Value, path: &mut Vec<Segment<'v>>) {
    match value {
        Value::String(text) => check_string(cx, text, path),
        Value::Array(items) if path.len() < MAX_DEPTH => {
            for (index, item) in items.iter().enumerate() {
                path.push(Segment::Index(index));
                walk(cx, item, path);
                path.pop();
            }
        }
        Value::Object(members) if path.len() < MAX_DEPTH => {
            for (key, member) in members {
                path.push(Segment::Key(key));
                walk(cx, member, path);
                path.pop();
            }
        }
        _ => {}
    }
}

fn check_string(cx: &mut Checker<'_>, text: &str, path: &[Segment<'_>]) {
    if let Some(word) = TEMPLATE_WORDS.iter().find(|w| text.eq_ignore_ascii_case(w)) {
        template_word(cx, path, text, word);
        return;
    }
    let Some(field) = name_field(path) else {
        return;
    };
    if looks_like_test_record(text, field) {
        test_record(cx, path, text);
    }
}

/// Whether the path is one of the request's name fields.
fn name_field(path: &[Segment<'_>]) -> Option<NameField> {
    use Segment::{Index, Key};
    match path {
        [Key("leadOpportunity" | "customerLegalEntity"), Key("name")] => {
            Some(NameField::Organisation)
        }
        [Key("customerContacts"), Index(_), Key("firstName" | "lastName")]
        | [Key("partnerContacts"), Index(_), Key("salesRepFirstName" | "salesRepLastName")] => {
            Some(NameField::Person)
        }
        _ => None,
    }
}

/// The test-record patterns documented on the rule.
fn looks_like_test_record(text: &str, field: NameField) -> bool {
    let lower = text.trim().to_lowercase();
    if lower == "n/a" || lower == "tbd" {
        return true;
    }
    let words: Vec<&str> = lower
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    let Some((first, rest)) = words.split_first() else {
        return false;
    };
    if words
        .iter()
        .all(|w| w.len() >= 3 && w.bytes().all(|b| b == b'x'))
    {
        return true;
    }
    if matches!(words.as_slice(), ["lorem", "ipsum", ..]) {
        return true;
    }
    let stem = first.trim_end_matches(|c: char| c.is_ascii_digit());
    let test_word = TEST_WORDS.contains(&stem)
        && !(field == NameField::Person && REAL_SURNAMES.contains(&stem));
    test_word
        && rest
            .iter()
            .all(|w| w.bytes().any(|b| b.is_ascii_digit()) || FILLER_WORDS.contains(w))
}

/// The JSON Pointer of a path.
fn pointer(path: &[Segment<'_>]) -> String {
    let mut out = String::new();
    for segment in path {
        out.push('/');
        match segment {
            Segment::Key(key) => out.push_str(&escape_segment(key)),
            Segment::Index(index) => out.push_str(&index.to_string()),
        }
    }
    out
}

/// A type name where the value goes, as the spec's templates write it.
fn template_word(cx: &mut Checker<'_>, segments: &[Segment<'_>], text: &str, word: &str) {
    cx.at_value(pointer(segments))
        .field_message(format!(
            "is \"{}\", a type name from a documentation template",
            payload(text)
        ))
        .label("template placeholder")
        .help(format!(
            "replace \"{}\" with the real value, or leave the field out",
            payload(text)
        ))
        .note(format!(
            "the spec's examples write the type (`\"{word}\"`) where the value goes; DS \
             stores the text as sent"
        ))
        .report();
}

/// A name that reads like a test or placeholder record.
fn test_record(cx: &mut Checker<'_>, segments: &[Segment<'_>], text: &str) {
    cx.at_value(pointer(segments))
        .field_message(format!("{} looks like a test record", show_value(text)))
        .label("test or placeholder name")
        .help("send the real name")
        .note(
            "DS does not tell test records apart: this one becomes a real lead-opportunity in \
             the partner's pipeline and DS's reports",
        )
        .report();
}
