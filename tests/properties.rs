//! Properties over random mutations of valid payloads: the linter never panics, every span
//! of every finding lies inside the source on character boundaries, the report renders, and
//! a value finding's span holds the value its pointer names.
//!
//! The fuzz targets (`fuzz/`) explore the same ground for hours; these run in the normal
//! suite on every change, a few hundred cases each.

mod common;

use api4p_lint::{Linter, PayloadKind, RenderOptions, Report};
use proptest::prelude::*;
use serde_json::Value;

/// Valid payloads of every kind, from the spec's examples.
const BASES: &[(&str, PayloadKind)] = &[
    (
        include_str!("fixtures/spec/get-response/seed.json"),
        PayloadKind::GetResponse,
    ),
    (
        include_str!("fixtures/spec/create-request/createOpportunityBasic.json"),
        PayloadKind::CreateRequest,
    ),
    (
        include_str!("fixtures/spec/update-request/updateLeadStatus.json"),
        PayloadKind::UpdateRequest,
    ),
    (
        include_str!("fixtures/spec/search-request/search_combined.json"),
        PayloadKind::SearchRequest,
    ),
    (
        include_str!("fixtures/spec/search-response/200_lead-opportunities_search.json"),
        PayloadKind::SearchResponse,
    ),
    (
        include_str!("fixtures/spec/create-response/200_leadsOpportunitiesCreateResponse.json"),
        PayloadKind::CreateResponse,
    ),
    (
        include_str!(
            "fixtures/spec/error-response/create-406_IncorrectCloseDateNextMilestoneFormat.json"
        ),
        PayloadKind::ErrorResponse,
    ),
];

/// Fragments a mutation may insert: JSON's punctuation, odd numbers, escapes, a BOM,
/// multi-byte characters, control characters, and the spec's own words.
const FRAGMENTS: &[&str] = &[
    "{",
    "}",
    "[",
    "]",
    ",",
    ":",
    "\"",
    "\\",
    "\\u",
    "\\ud83d",
    "\\u0000",
    "null",
    "true",
    "-0",
    "1e400",
    "1e-400",
    "99999999999999999999",
    "0.5",
    "\u{feff}",
    "é",
    "😀",
    "\u{0}",
    "\u{1b}[2J",
    "\r\n",
    "\t",
    "\"status\"",
    "\"WON\"",
    "\"WONN\"",
    "\"amount\": -1",
    "\"leadOpportunity\"",
    "\"offerLines\": []",
    "\"offerLines\"",
    "\"data\"",
    "\"info\"",
    "\"closeDate\": \"2025-13-45\"",
    "\"currency\": \"EUE\"",
    "\"string\"",
];

#[derive(Debug, Clone)]
enum Mutation {
    /// Insert a fragment at a fraction of the length.
    Insert(f64, usize),
    /// Delete up to n bytes at a fraction of the length.
    Delete(f64, usize),
    /// Replace one byte.
    Byte(f64, u8),
    /// Copy a slice elsewhere (duplicates keys, members, whole objects).
    Copy(f64, f64, usize),
    /// Cut the text there.
    Truncate(f64),
}

fn mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        (0.0..1.0, 0..FRAGMENTS.len()).prop_map(|(at, i)| Mutation::Insert(at, i)),
        (0.0..1.0, 1usize..40).prop_map(|(at, n)| Mutation::Delete(at, n)),
        (0.0..1.0, any::<u8>()).prop_map(|(at, b)| Mutation::Byte(at, b)),
        (0.0..1.0, 0.0..1.0, 1usize..200).prop_map(|(a, b, n)| Mutation::Copy(a, b, n)),
        (0.0..1.0).prop_map(Mutation::Truncate),
    ]
}

fn apply(bytes: &mut Vec<u8>, m: &Mutation) {
    let at = |f: f64, len: usize| ((f * len as f64) as usize).min(len);
    match *m {
        Mutation::Insert(f, i) => {
            let pos = at(f, bytes.len());
            bytes.splice(pos..pos, FRAGMENTS[i].bytes());
        }
        Mutation::Delete(f, n) => {
            let pos = at(f, bytes.len());
            let end = (pos + n).min(bytes.len());
            bytes.drain(pos..end);
        }
        Mutation::Byte(f, b) => {
            if !bytes.is_empty() {
                let pos = at(f, bytes.len() - 1);
                bytes[pos] = b;
            }
        }
        Mutation::Copy(from, to, n) => {
            let start = at(from, bytes.len());
            let end = (start + n).min(bytes.len());
            let slice = bytes[start..end].to_vec();
            let pos = at(to, bytes.len());
            bytes.splice(pos..pos, slice);
        }
        Mutation::Truncate(f) => {
            let pos = at(f, bytes.len());
            bytes.truncate(pos);
        }
    }
}

fn linter() -> Linter {
    Linter::new().with_today(jiff::civil::Date::constant(2025, 6, 30))
}

fn assert_spans(report: &Report<'_>) -> Result<(), TestCaseError> {
    match common::misplaced_span(report) {
        Some(why) => Err(TestCaseError::fail(why)),
        None => Ok(()),
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 1000, ..ProptestConfig::default() })]

    /// Byte-level mutations (broken syntax, broken encodings, BOMs, duplicates, truncation):
    /// no panic, spans inside the source on character boundaries, the report renders.
    #[test]
    fn mutated_bytes_never_panic_and_spans_stay_inside(
        base in 0..BASES.len(),
        mutations in prop::collection::vec(mutation(), 1..6),
    ) {
        let (text, kind) = BASES[base];
        let mut bytes = text.as_bytes().to_vec();
        for m in &mutations {
            apply(&mut bytes, m);
        }
        let linter = linter();
        for kind in [None, Some(kind)] {
            let report = linter.check_bytes(&bytes, kind);
            assert_spans(&report)?;
            let rendered = report.render(&RenderOptions::default());
            prop_assert_eq!(rendered.is_empty(), report.is_clean());
        }
    }

    /// Value-level mutations (a member replaced by a value of another type, a string or a
    /// number changed), serialized compact or pretty: still valid JSON, so every finding is
    /// a schema or semantic one, and a finding about a value at a pointer covers exactly the
    /// text of that value.
    #[test]
    fn mutated_values_are_found_where_they_are(
        base in 0..BASES.len(),
        picks in prop::collection::vec((any::<prop::sample::Index>(), 0usize..8), 1..4),
        pretty in any::<bool>(),
        bom in any::<bool>(),
    ) {
        let (text, kind) = BASES[base];
        let mut value: Value = serde_json::from_str(text).unwrap();
        for (index, replacement) in &picks {
            let pointers = pointers(&value);
            let pointer = index.get(&pointers);
            let new = match replacement {
                0 => Value::Null,
                1 => Value::from(-1.5),
                2 => Value::from("WONN"),
                3 => Value::from("😀 é \u{1b} \u{9b}"),
                4 => serde_json::json!([]),
                5 => serde_json::json!({"unexpected": 1}),
                6 => Value::from(u64::MAX),
                _ => Value::from(""),
            };
            if let Some(slot) = value.pointer_mut(pointer) {
                *slot = new;
            }
        }
        let mut text = if pretty {
            serde_json::to_string_pretty(&value).unwrap()
        } else {
            serde_json::to_string(&value).unwrap()
        };
        if bom {
            text.insert(0, '\u{feff}');
        }
        let report = linter().check_str(&text, kind);
        assert_spans(&report)?;
        for d in report.diagnostics() {
            prop_assert!(d.code() != "A4P001" && d.code() != "A4P003", "{:?}", d);
            // Value findings: the span parses to the value the pointer names.
            // (A "missing" finding points at the enclosing object's opening bracket instead.)
            let about_value = ["A4P101", "A4P104", "A4P106", "A4P302"].contains(&d.code())
                || d.message.starts_with("negative amount");
            if about_value {
                let Some(expected) = value.pointer(&d.pointer) else { continue };
                let shown = &text[d.span.offset..d.span.end()];
                let parsed: Value = serde_json::from_str(shown)
                    .map_err(|e| TestCaseError::fail(format!("{}: {shown:?}: {e}", d.code())))?;
                prop_assert_eq!(&parsed, expected, "{} at {}", d.code(), d.pointer);
            }
        }
    }
}

/// Every JSON Pointer of a value, the root first.
fn pointers(value: &Value) -> Vec<String> {
    let mut out = Vec::new();
    let mut stack = vec![(String::new(), value)];
    while let Some((pointer, v)) = stack.pop() {
        match v {
            Value::Object(members) => {
                for (k, m) in members {
                    let escaped = k.replace('~', "~0").replace('/', "~1");
                    stack.push((format!("{pointer}/{escaped}"), m));
                }
            }
            Value::Array(items) => {
                for (i, m) in items.iter().enumerate() {
                    stack.push((format!("{pointer}/{i}"), m));
                }
            }
            _ => {}
        }
        out.push(pointer);
    }
    out
}
