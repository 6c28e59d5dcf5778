//! The rule registry: every code the linter can emit, with its docs.
//!
//! One file per rule; its doc comment is its documentation (what it checks, why it matters,
//! a failing example and a passing one), captured by `declare_rule!` so that `explain`
//! prints exactly what rustdoc shows. The table in [`RULES`] is the only list of codes.

use crate::diagnostic::Severity;
use crate::kind::PayloadKind;

pub mod schema;
pub mod syntax;

/// A rule: stable identity plus docs.
#[derive(Debug, PartialEq, Eq)]
pub struct Rule {
    /// `A4P` + 3 digits; never changes meaning.
    pub code: &'static str,
    /// Kebab-case name; stable.
    pub name: &'static str,
    /// What the rule looks at.
    pub category: Category,
    /// Severity unless configured otherwise.
    pub default_severity: Severity,
    /// One line.
    pub summary: &'static str,
    /// The doc comment, as written (each line keeps rustdoc's leading space).
    pub raw_docs: &'static str,
}

/// What a rule looks at; it sets the default severity.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Category {
    /// The text is not a JSON payload at all (syntax, encoding, duplicate keys, kind).
    Syntax,
    /// The payload breaks the API's JSON Schema (generated from our models).
    Schema,
}

/// A documented example of a rule: a payload and the kind it is checked as.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Example {
    /// The payload kind the example is checked as; `None` (info string `json auto`) lets the
    /// linter detect it.
    pub kind: Option<PayloadKind>,
    /// The payload text.
    pub text: String,
}

impl Rule {
    /// The docs as Markdown, one leading space per line removed.
    pub fn docs(&self) -> String {
        let mut out = String::with_capacity(self.raw_docs.len());
        for line in self.raw_docs.lines() {
            out.push_str(line.strip_prefix(' ').unwrap_or(line));
            out.push('\n');
        }
        out
    }

    /// The code blocks under `## Example` (they must fire the rule) and under
    /// `## Use instead` (they must not). A block's info string is `json <kind>` (or
    /// `json auto` to let the linter detect the kind).
    pub fn examples(&self) -> (Vec<Example>, Vec<Example>) {
        let (mut failing, mut passing) = (Vec::new(), Vec::new());
        let docs = self.docs();
        let mut section = "";
        let mut block: Option<(Option<PayloadKind>, String)> = None;
        for line in docs.lines() {
            if let Some((kind, text)) = block.as_mut() {
                if line.trim_start().starts_with("```") {
                    let example = Example {
                        kind: *kind,
                        text: std::mem::take(text),
                    };
                    match section {
                        "Example" => failing.push(example),
                        "Use instead" => passing.push(example),
                        _ => {}
                    }
                    block = None;
                } else {
                    text.push_str(line);
                    text.push('\n');
                }
            } else if let Some(heading) = line.strip_prefix("## ") {
                section = heading.trim();
            } else if let Some(info) = line.trim_start().strip_prefix("```json") {
                let kind = info.trim().parse().ok();
                block = Some((kind, String::new()));
            }
        }
        (failing, passing)
    }
}

/// Declares a rule as a `static` [`Rule`] whose docs are the doc comment above it.
#[macro_export]
#[doc(hidden)]
macro_rules! declare_rule {
    (
        $(#[doc = $doc:literal])+
        pub static $ident:ident = {
            code: $code:literal,
            name: $name:literal,
            category: $category:ident,
            severity: $severity:ident,
            summary: $summary:literal $(,)?
        };
    ) => {
        $(#[doc = $doc])+
        pub static $ident: $crate::rules::Rule = $crate::rules::Rule {
            code: $code,
            name: $name,
            category: $crate::rules::Category::$category,
            default_severity: $crate::diagnostic::Severity::$severity,
            summary: $summary,
            raw_docs: concat!($($doc, "\n"),+),
        };
    };
}

/// Every rule, by code. Codes are never reused.
pub static RULES: &[&Rule] = &[
    &syntax::invalid_json::INVALID_JSON,
    &syntax::duplicate_key::DUPLICATE_KEY,
    &syntax::invalid_encoding::INVALID_ENCODING,
    &syntax::unknown_kind::UNKNOWN_KIND,
    &schema::enum_value::ENUM_VALUE,
    &schema::missing_required::MISSING_REQUIRED,
    &schema::unknown_property::UNKNOWN_PROPERTY,
    &schema::wrong_type::WRONG_TYPE,
    &schema::too_few_items::TOO_FEW_ITEMS,
    &schema::invalid_string::INVALID_STRING,
    &schema::schema_violation::SCHEMA_VIOLATION,
];

/// Finds a rule by code (`A4P101`, case-insensitive) or name (`enum-value`).
pub fn find(code_or_name: &str) -> Option<&'static Rule> {
    RULES
        .iter()
        .copied()
        .find(|r| r.code.eq_ignore_ascii_case(code_or_name) || r.name == code_or_name)
}
