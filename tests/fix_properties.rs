//! Properties of fixing, over payloads with fixable findings: valid payloads of the spec's
//! examples with codes in lower case, numbers written as strings, dates with a space for `T`,
//! a trailing comma and a key written twice, re-indented (compact, two spaces, tabs; LF or
//! CRLF; with or without a BOM). Whatever was asked (safe fixes, or unsafe ones too):
//!
//! - the result parses, and fixing it again changes nothing;
//! - it holds no finding (code and pointer, counted) that the payload did not, unless the
//!   payload did not parse (its findings were hidden);
//! - it differs from the payload only inside the applied edits: replaying the applied fixes
//!   round by round, each round's edits on the text of that round, gives it exactly.

use std::collections::HashMap;

use api4p_lint::diagnostic::apply_edits;
use api4p_lint::{Applicability, Diagnostic, Linter, PayloadKind, Report, Source};
use proptest::prelude::*;
use serde_json::Value;

/// Valid payloads of the kinds partners write and keep as fixtures, from the spec's examples.
const BASES: &[(&str, PayloadKind)] = &[
    (
        include_str!("fixtures/spec/create-request/createOpportunityBasic.json"),
        PayloadKind::CreateRequest,
    ),
    (
        include_str!("fixtures/spec/update-request/updateLeadNextMilestone.json"),
        PayloadKind::UpdateRequest,
    ),
    (
        include_str!("fixtures/spec/search-request/search_combined.json"),
        PayloadKind::SearchRequest,
    ),
    (
        include_str!("fixtures/spec/order-search-request/advancedSearchMultipleCriteria.json"),
        PayloadKind::OrderSearchRequest,
    ),
    (
        include_str!("fixtures/spec/get-response/seed.json"),
        PayloadKind::GetResponse,
    ),
];

/// What is done to the payload before it is written out.
#[derive(Debug, Clone)]
struct Plan {
    base: usize,
    /// Leaves to spoil: which (modulo their number) and how (modulo 3: a code in lower case,
    /// a number as a string, a date-time with a space for `T`).
    spoil: Vec<(usize, u8)>,
    /// The non-empty container (modulo their number) that gets a trailing comma.
    comma: Option<usize>,
    /// The non-empty object (modulo their number) whose first member is written twice.
    duplicate: Option<usize>,
    /// `None`: compact; else the indentation of one level.
    indent: Option<&'static str>,
    crlf: bool,
    bom: bool,
    applicability: Applicability,
}

fn plan() -> impl Strategy<Value = Plan> {
    (
        0..BASES.len(),
        prop::collection::vec((any::<usize>(), 0u8..3), 0..4),
        prop::option::of(any::<usize>()),
        prop::option::of(any::<usize>()),
        prop::sample::select(vec![None, Some("  "), Some("\t")]),
        any::<bool>(),
        any::<bool>(),
        prop::sample::select(vec![Applicability::Safe, Applicability::Unsafe]),
    )
        .prop_map(
            |(base, spoil, comma, duplicate, indent, crlf, bom, applicability)| Plan {
                base,
                spoil,
                comma,
                duplicate,
                indent,
                crlf,
                bom,
                applicability,
            },
        )
}

/// The pointers of the string and number leaves of `value`.
fn leaves(value: &Value, at: String, out: &mut Vec<String>) {
    match value {
        Value::Object(members) => {
            for (k, v) in members {
                leaves(
                    v,
                    format!("{at}/{}", k.replace('~', "~0").replace('/', "~1")),
                    out,
                );
            }
        }
        Value::Array(items) => {
            for (i, v) in items.iter().enumerate() {
                leaves(v, format!("{at}/{i}"), out);
            }
        }
        Value::String(_) | Value::Number(_) => out.push(at),
        _ => {}
    }
}

/// A leaf spoiled in a way a fix undoes, when it is of the right shape.
fn spoil(leaf: &mut Value, how: u8) {
    let code_like = |s: &str| {
        s.len() > 1 && s.chars().all(|c| c.is_ascii_uppercase() || c == '_') && s != "EMPTY"
    };
    match (how, &*leaf) {
        (0, Value::String(s)) if code_like(s) => *leaf = Value::String(s.to_lowercase()),
        (1, Value::Number(n)) => *leaf = Value::String(n.to_string()),
        (2, Value::String(s)) if s.len() > 11 && s.as_bytes()[10] == b'T' => {
            *leaf = Value::String(format!("{} {}", &s[..10], &s[11..]));
        }
        _ => {}
    }
}

/// Non-empty containers and objects, in writing order.
fn count(value: &Value, containers: &mut usize, objects: &mut usize) {
    match value {
        Value::Object(m) if !m.is_empty() => {
            *containers += 1;
            *objects += 1;
            m.values().for_each(|v| count(v, containers, objects));
        }
        Value::Array(a) if !a.is_empty() => {
            *containers += 1;
            a.iter().for_each(|v| count(v, containers, objects));
        }
        _ => {}
    }
}

struct Writer<'p> {
    plan: &'p Plan,
    comma: Option<usize>,
    duplicate: Option<usize>,
    containers: usize,
    objects: usize,
    out: String,
}

impl Writer<'_> {
    fn line(&mut self, depth: usize) {
        if let Some(indent) = self.plan.indent {
            self.out
                .push_str(if self.plan.crlf { "\r\n" } else { "\n" });
            self.out.push_str(&indent.repeat(depth));
        }
    }

    fn value(&mut self, value: &Value, depth: usize) {
        let (open, close) = match value {
            Value::Object(m) if !m.is_empty() => ('{', '}'),
            Value::Array(a) if !a.is_empty() => ('[', ']'),
            other => {
                self.out.push_str(&serde_json::to_string(other).unwrap());
                return;
            }
        };
        let container = self.containers;
        self.containers += 1;
        self.out.push(open);
        match value {
            Value::Object(m) => {
                let object = self.objects;
                self.objects += 1;
                let mut members: Vec<(&String, &Value)> = m.iter().collect();
                if self.duplicate == Some(object) {
                    members.insert(0, members[0]);
                }
                for (i, (k, v)) in members.into_iter().enumerate() {
                    if i > 0 {
                        self.out.push(',');
                    }
                    self.line(depth + 1);
                    self.out.push_str(&serde_json::to_string(k).unwrap());
                    self.out.push_str(if self.plan.indent.is_some() {
                        ": "
                    } else {
                        ":"
                    });
                    self.value(v, depth + 1);
                }
            }
            Value::Array(items) => {
                for (i, v) in items.iter().enumerate() {
                    if i > 0 {
                        self.out.push(',');
                    }
                    self.line(depth + 1);
                    self.value(v, depth + 1);
                }
            }
            _ => unreachable!(),
        }
        if self.comma == Some(container) {
            self.out.push(',');
        }
        self.line(depth);
        self.out.push(close);
    }
}

/// The payload text a plan describes.
fn payload(plan: &Plan) -> String {
    let mut value: Value = serde_json::from_str(BASES[plan.base].0).unwrap();
    let mut at = Vec::new();
    leaves(&value, String::new(), &mut at);
    for &(which, how) in &plan.spoil {
        if let Some(leaf) = value.pointer_mut(&at[which % at.len()]) {
            spoil(leaf, how);
        }
    }
    let (mut containers, mut objects) = (0, 0);
    count(&value, &mut containers, &mut objects);
    let mut writer = Writer {
        plan,
        comma: plan.comma.map(|c| c % containers),
        duplicate: plan.duplicate.map(|d| d % objects),
        containers: 0,
        objects: 0,
        out: String::new(),
    };
    if plan.bom {
        writer.out.push('\u{feff}');
    }
    writer.value(&value, 0);
    writer.out
}

/// Findings by code and pointer, counted.
fn places(report: &Report<'_>) -> HashMap<(String, String), usize> {
    let mut out = HashMap::new();
    for d in report.diagnostics() {
        *out.entry((d.code().to_owned(), d.pointer.clone()))
            .or_default() += 1;
    }
    out
}

/// Whether `applied`, cut into consecutive rounds, each round's edits made on the text the
/// round before left, turns `text` into `fixed`. A round's fixes fit its text and do not
/// overlap (that is what made them one round).
fn replays(text: &str, applied: &[Diagnostic], fixed: &str) -> bool {
    if applied.is_empty() {
        return text == fixed;
    }
    for end in (1..=applied.len()).rev() {
        let round = &applied[..end];
        let fixes: Vec<_> = round.iter().filter_map(|d| d.fix.as_ref()).collect();
        let fits = fixes.len() == round.len()
            && fixes.iter().all(|f| f.fits(text))
            && fixes
                .iter()
                .enumerate()
                .all(|(i, a)| fixes[i + 1..].iter().all(|b| !a.overlaps(b)));
        if fits {
            let next = apply_edits(text, fixes.iter().flat_map(|f| &f.edits));
            if replays(&next, &applied[end..], fixed) {
                return true;
            }
        }
    }
    false
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    #[test]
    fn fixing_keeps_the_payload_valid_adds_nothing_and_touches_only_its_edits(plan in plan()) {
        let text = payload(&plan);
        let kind = Some(BASES[plan.base].1);
        let linter = Linter::new();
        let before = linter.check(Source::new("p.json", text.as_str()), kind);
        let fixed = linter.fix(Source::new("p.json", text.as_str()), kind, plan.applicability);

        let json = fixed.text.strip_prefix('\u{feff}').unwrap_or(&fixed.text);
        prop_assert!(
            serde_json::from_str::<Value>(json).is_ok(),
            "the fixed payload does not parse:\n{}",
            fixed.text
        );

        let again = linter.fix(Source::new("p.json", fixed.text.as_str()), kind, plan.applicability);
        prop_assert!(!again.changed(), "fixing again changed:\n{}\ninto\n{}", fixed.text, again.text);

        let parsed = !before.diagnostics().iter().any(|d| d.code() == "A4P001");
        if parsed {
            let had = places(&before);
            for (place, n) in places(&fixed.remaining) {
                prop_assert!(
                    had.get(&place).copied().unwrap_or(0) >= n,
                    "fixing added {place:?}:\n{text}\n→\n{}",
                    fixed.text
                );
            }
        }

        prop_assert!(
            replays(&text, &fixed.applied, &fixed.text),
            "the fixed text is not the applied edits' work:\n{text}\n→\n{}",
            fixed.text
        );
        if plan.applicability == Applicability::Safe {
            prop_assert!(fixed
                .applied
                .iter()
                .all(|d| d.fix.as_ref().is_some_and(|f| f.applicability == Applicability::Safe)));
        }
    }
}

/// The generator makes what the property needs: a payload whose safe and unsafe fixes all
/// apply (a trailing comma, a code in lower case, a number as a string, a space for `T`, a
/// key written twice), through every round.
#[test]
fn a_plan_with_every_spoil_is_fixed_whole() {
    let plan = Plan {
        base: 0,
        spoil: Vec::new(),
        comma: Some(0),
        duplicate: Some(1),
        indent: Some("\t"),
        crlf: true,
        bom: true,
        applicability: Applicability::Unsafe,
    };
    let mut value: Value = serde_json::from_str(BASES[0].0).unwrap();
    let mut at = Vec::new();
    leaves(&value, String::new(), &mut at);
    let mut spoils = Vec::new();
    for (pointer, how) in [
        // Not the status: `OPPY_OPEN` makes the past close date a finding (A4P203), and the fix
        // is refused.
        ("/offerLines/0/revenueType", 0),
        ("/offerLines/0/amount", 1),
        ("/leadOpportunity/closeDate", 2),
        ("/leadOpportunity/currency", 0),
    ] {
        spoils.push((at.iter().position(|p| p == pointer).unwrap(), how));
        spoil(value.pointer_mut(pointer).unwrap(), how);
    }
    let plan = Plan {
        spoil: spoils,
        ..plan
    };
    let text = payload(&plan);
    assert!(
        text.starts_with(
            "\u{feff}{\r\n\t\"customerLegalEntity\": {\r\n\t\t\"city\": \"PARIS\",\r\n\t\t\"city\""
        ),
        "{text}"
    );
    assert!(text.ends_with("\"200000000014442\",\r\n}"), "{text}");
    assert!(
        text.contains("\"revenueType\": \"rental_booking\""),
        "{text}"
    );
    assert!(text.contains("\"amount\": \"5490\""), "{text}");
    assert!(text.contains("\"2025-06-01 18:46:51.326Z\""), "{text}");
    let linter = Linter::new();
    let fixed = linter.fix(
        Source::new("p.json", text.as_str()),
        Some(PayloadKind::CreateRequest),
        Applicability::Unsafe,
    );
    let mut codes: Vec<&str> = fixed.applied.iter().map(Diagnostic::code).collect();
    codes.sort_unstable();
    assert_eq!(
        codes,
        ["A4P001", "A4P002", "A4P101", "A4P104", "A4P106", "A4P301"],
        "{}",
        fixed.text
    );
    assert!(replays(&text, &fixed.applied, &fixed.text));
    let want = payload(&Plan {
        spoil: Vec::new(),
        comma: None,
        duplicate: None,
        ..plan
    });
    assert_eq!(fixed.text, want);
}
