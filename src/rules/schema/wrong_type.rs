//! A4P104 `wrong-type`: A value has the wrong JSON type.
use std::collections::BTreeSet;

use serde_json::Value;

use crate::diagnostic::{Applicability, Diagnostic};
use crate::pointer::code_path;
use crate::rules::helpers::show_value;
use crate::rules::schema_errors::{value_type_name, Context};
use crate::text::payload;

crate::declare_rule! {
    /// ## What it checks
    /// That each value has the JSON type the spec gives it: `amount` a number, ids and dates
    /// strings (`partnerId` is a string of digits, not a number), lists arrays, and `null` only
    /// where the spec allows it (the GET response allows it almost everywhere, requests almost
    /// nowhere).
    ///
    ///
    /// An integer member (`statusCode`, `estimateSearchCount`, a quantity) must also be
    /// written as an integer DS's backend reads as one (a Java `int`/`long`), as the models
    /// read it (`i64`): JSON Schema counts `200.0` and `2e2` as integers, and any integer
    /// however large; this rule does not, and reports a fraction, an exponent, or a number
    /// beyond -2^63..2^63-1 in an integer member. `-0` is one too: it equals `0` as JSON
    /// text, but parsers that keep the sign read a float, which an integer member refuses;
    /// the fix is `0`.
    ///
    /// The root is not this rule's: every payload kind is an object, and a root that is not
    /// one (`[]`, `42`, `null`) is `unknown-kind` (A4P004), whatever kind is given, so that
    /// lowering this rule never passes a value that is no payload.
    ///
    /// ## Why it matters
    /// DS answers HTTP 400 to a value of the wrong type; a number where a string id is
    /// expected can also lose leading zeros or precision on the way.
    ///
    /// ## Fix
    /// Safe, for the two slips whose meaning is in the text itself:
    ///
    /// - a number written as a string where the spec wants a number (`"13800"` → `13800`): the
    ///   quotes (and spaces inside them) go, the digits stay as written; only when the string is a
    ///   JSON number (`"+5"` or `"01"` get the help alone);
    /// - a number where the spec wants a string (an id written `12345` → `"12345"`): the digits as
    ///   written, quoted (never the parsed number, which may round a long id);
    /// - `-0` in an integer member → `0`: the same number without its sign.
    ///
    /// Other wrong types (an object for an array, `null` where it is not allowed, a fraction in an
    /// integer member) have no fix: what was meant is not in the text.
    ///
    /// ## Example
    /// ```json update-request pointer=/offerLines/0/amount span="13800"
    /// {"leadOpportunity": {"partnerLeadOpportunityId": "CRM-LEAD-1234"}, "offerLines": [{"offerNameId": "X", "amount": "13800"}]}
    /// ```
    ///
    /// ## Use instead
    /// ```json update-request
    /// {"leadOpportunity": {"partnerLeadOpportunityId": "CRM-LEAD-1234"}, "offerLines": [{"offerNameId": "X", "amount": 13800, "revenueType": "UPFRONT"}]}
    /// ```
    pub static WRONG_TYPE = {
        code: "A4P104",
        name: "wrong-type",
        category: Schema,
        severity: Error,
        summary: "A value has the wrong JSON type",
        fix: [Safe],
    };
}

pub(crate) fn diagnostic(
    pointer: &str,
    expected: &BTreeSet<&'static str>,
    cx: &Context<'_>,
) -> Diagnostic {
    let instance = crate::pointer::lookup(cx.instance, pointer).unwrap_or(&Value::Null);
    let found = value_type_name(instance);
    // "integer" is a kind of "number"; naming both would read oddly.
    let mut names: Vec<&str> = expected
        .iter()
        .copied()
        .filter(|t| !(*t == "integer" && expected.contains("number")))
        .collect();
    names.sort_by_key(|t| *t == "null");
    let wanted = match names.as_slice() {
        [] => "another type".to_owned(),
        [one] => article(one),
        [init @ .., last] => format!(
            "{} or {}",
            init.iter()
                .map(|t| article(t))
                .collect::<Vec<_>>()
                .join(", "),
            article(last)
        ),
    };
    let mut diagnostic = Diagnostic::new(&WRONG_TYPE, pointer, cx.locate.value(pointer))
        .with_message(format!(
            "{} must be {wanted}, not {}",
            code_path(pointer),
            article(found)
        ))
        // `null` names its type and its value at once.
        .with_label(match instance {
            Value::Null => "null".to_owned(),
            _ => format!("{found} {}", show_value(instance)),
        });
    // The two slips people make: quoting a number, and leaving a string id unquoted.
    match instance {
        Value::String(s) if expected.contains("number") || expected.contains("integer") => {
            let number = s.trim();
            // Unquoted, the text must be a JSON number as written (`1000`, `-3.5`, `1e6`):
            // `+5`, `01` or `1.` read as numbers elsewhere, and their fix would not parse.
            let fits =
                |n: serde_json::Number| expected.contains("number") || n.is_i64() || n.is_u64();
            if serde_json::from_str::<serde_json::Number>(number).is_ok_and(fits) {
                diagnostic = diagnostic
                    .with_help("write the number without quotes")
                    .with_suggestion(payload(number))
                    .with_applicability(Applicability::Safe);
            } else if number.parse::<f64>().is_ok_and(f64::is_finite) {
                diagnostic =
                    diagnostic.with_help("write the number without quotes, in JSON's form");
            }
        }
        Value::Number(n) if expected.contains("string") => {
            // The digits as written: the parsed number may have rounded a long id.
            let written = cx.locate.written(pointer).map(str::to_owned);
            diagnostic = diagnostic
                .with_help("write the value as a string, in quotes")
                .with_string_suggestion(payload(written.unwrap_or_else(|| n.to_string())))
                .with_applicability(Applicability::Safe);
        }
        _ => {}
    }
    diagnostic
}

fn article(type_name: &str) -> String {
    match type_name {
        "null" => "null".to_owned(),
        "integer" | "array" | "object" => format!("an {type_name}"),
        _ => format!("a {type_name}"),
    }
}

/// The second half of the rule, after the schema: an integer member (`statusCode`,
/// `estimateSearchCount`, a quantity) holding a number that JSON Schema counts as an integer
/// but DS's backend (Java, reading an `int`/`long`) and the models (`i64`) do not: written
/// with a fraction or an exponent (`200.0`, `2e2`), or beyond the 64-bit integers. A
/// fraction that is not zero (`200.5`) is the schema's own finding. A payload without such a
/// number costs one walk over its values; the schema is consulted only for those numbers.
pub(crate) fn check(cx: &mut crate::rules::Checker<'_>) {
    if !has_suspect_number(cx.root()) {
        return;
    }
    // The values with their parent and their segment, built only now.
    let mut nodes: Vec<(usize, Segment<'_>)> = vec![(usize::MAX, Segment::Index(0))];
    let mut stack: Vec<(&Value, usize)> = vec![(cx.root(), 0)];
    let mut found: Vec<(String, bool)> = Vec::new();
    let document = &crate::schema::compiled(cx.kind()).document;
    while let Some((value, node)) = stack.pop() {
        match value {
            Value::Number(n) if is_suspect(n) => {
                let path = path_of(&nodes, node);
                if expects_integer(document, document, &path, 0) {
                    found.push((pointer_of(&path), n.is_f64()));
                }
            }
            Value::Array(items) => {
                for (i, item) in items.iter().enumerate().rev() {
                    nodes.push((node, Segment::Index(i)));
                    stack.push((item, nodes.len() - 1));
                }
            }
            Value::Object(members) => {
                for (key, member) in members.iter().rev() {
                    nodes.push((node, Segment::Key(key)));
                    stack.push((member, nodes.len() - 1));
                }
            }
            _ => {}
        }
    }
    for (pointer, fraction) in found {
        let shown = cx.at(&pointer).map(show_value).unwrap_or_default();
        // `-0` has no fraction and no exponent: its sign alone makes serde_json read a float.
        let minus_zero = fraction && cx.written(&pointer) == Some("-0");
        let finding = cx.at_value(pointer);
        if minus_zero {
            finding
                .field_message(
                    "is written `-0`, a negative zero: JSON parsers that keep the sign (serde_json, \
                     the models' `i64`) read it as the float -0.0, not as an integer",
                )
                .label("negative zero")
                .help("write `0`: zero has no sign")
                .suggest("0")
                .safe_fix()
                .report();
        } else if fraction {
            finding
                .field_message("must be an integer, written without a fraction or an exponent")
                .label(format!("read as {shown}"))
                .help("write the integer in digits alone: DS reads this member as a Java integer")
                .report();
        } else {
            finding
                .field_message("must be an integer DS can read, from -2^63 to 2^63-1")
                .label("beyond the 64-bit integers")
                .help("DS reads this member as a Java `long`: a larger number is refused")
                .report();
        }
    }
}

/// An integral number serde_json did not read as an `i64`: `200.0`, `2e2`, `2^63`.
fn is_suspect(n: &serde_json::Number) -> bool {
    !n.is_i64()
        && n.as_f64()
            .is_some_and(|f| f.is_finite() && f.fract() == 0.0)
}

fn has_suspect_number(root: &Value) -> bool {
    let mut stack = vec![root];
    while let Some(value) = stack.pop() {
        match value {
            Value::Number(n) if is_suspect(n) => return true,
            Value::Array(items) => stack.extend(items),
            Value::Object(members) => stack.extend(members.values()),
            _ => {}
        }
    }
    false
}

/// One step of a path: a member's name or an item's index.
#[derive(Clone, Copy)]
enum Segment<'a> {
    Key(&'a str),
    Index(usize),
}

fn path_of<'a>(nodes: &[(usize, Segment<'a>)], mut node: usize) -> Vec<Segment<'a>> {
    let mut path = Vec::new();
    while node != 0 {
        let (parent, segment) = nodes[node];
        path.push(segment);
        node = parent;
    }
    path.reverse();
    path
}

fn pointer_of(path: &[Segment<'_>]) -> String {
    let mut pointer = String::new();
    for segment in path {
        pointer.push('/');
        match segment {
            Segment::Key(key) => pointer.push_str(&crate::pointer::escape_segment(key)),
            Segment::Index(i) => pointer.push_str(&i.to_string()),
        }
    }
    pointer
}

/// How many steps (path segments, `$ref`s, combinators) the schema walk takes before giving
/// up: more than any payload's depth (128) and the committed schemas' nesting; a cycle must
/// not loop.
const MAX_SCHEMA_STEPS: usize = 256;

/// Whether the schema `node` (of `document`) says the value at `path` below it is an integer
/// (`"type": "integer"`, alone or with `null`), in any branch of `anyOf`/`oneOf`/`allOf` or
/// of `if`'s `then`/`else` (the error-response schema picks its body by shape that way).
fn expects_integer(document: &Value, node: &Value, path: &[Segment<'_>], steps: usize) -> bool {
    if steps > MAX_SCHEMA_STEPS {
        return false;
    }
    if let Some(target) = node.get("$ref").and_then(Value::as_str) {
        let Some(target) = target
            .strip_prefix('#')
            .and_then(|pointer| document.pointer(pointer))
        else {
            return false;
        };
        if expects_integer(document, target, path, steps + 1) {
            return true;
        }
    }
    for branch in ["then", "else"] {
        if let Some(branch) = node.get(branch).filter(|b| b.is_object()) {
            if expects_integer(document, branch, path, steps + 1) {
                return true;
            }
        }
    }
    for combinator in ["anyOf", "oneOf", "allOf"] {
        if let Some(branches) = node.get(combinator).and_then(Value::as_array) {
            if branches
                .iter()
                .any(|b| expects_integer(document, b, path, steps + 1))
            {
                return true;
            }
        }
    }
    let Some((first, rest)) = path.split_first() else {
        return match node.get("type") {
            Some(Value::String(t)) => t == "integer",
            Some(Value::Array(types)) => {
                types.iter().any(|t| t == "integer") && !types.iter().any(|t| t == "number")
            }
            _ => false,
        };
    };
    let child = match first {
        Segment::Key(key) => node
            .get("properties")
            .and_then(|p| p.get(*key))
            .or_else(|| node.get("additionalProperties").filter(|a| a.is_object())),
        Segment::Index(_) => node.get("items").filter(|i| i.is_object()),
    };
    child.is_some_and(|child| expects_integer(document, child, rest, steps + 1))
}
