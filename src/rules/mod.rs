//! The rule registry: every code the linter can emit, with its docs.
//!
//! One file per rule; its doc comment is its documentation (what it checks, why it matters,
//! a failing example and a passing one), captured by `declare_rule!` so that `explain`
//! prints exactly what rustdoc shows. The table in [`RULES`] is the only list of codes.

// Example code blocks carry `pointer=`/`span=` words in their info strings (read by
// `Rule::examples`); rustdoc does not know them and need not.
#![allow(rustdoc::invalid_codeblock_attributes)]

use crate::diagnostic::Severity;
use crate::kind::PayloadKind;
use crate::lint::Checker;

pub mod config;
pub mod format;
pub mod lead;
pub mod reference;
pub mod response;
pub mod schema;
pub mod search;
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
    /// Fields that contradict each other (status against forecast category, reasons...).
    Consistency,
    /// Values whose shape DS rejects or that are not what they look like (dates, codes, ids).
    Format,
    /// Reference data the partner supplies (portfolio, competitors).
    Reference,
    /// The configuration file.
    Config,
}

/// A semantic rule's check: reads the payload through the [`Checker`], reports findings.
pub(crate) type CheckFn = fn(&mut Checker<'_>);

/// A documented example of a rule: a payload, the kind it is checked as and, for a failing
/// example, where the finding must be.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Example {
    /// The payload kind the example is checked as; `None` (info string `json auto`) lets the
    /// linter detect it.
    pub kind: Option<PayloadKind>,
    /// The JSON Pointer the finding must carry (`pointer=...` in the info string).
    pub pointer: Option<String>,
    /// The source text the finding's span must cover (`span=...`, last in the info string).
    pub span: Option<String>,
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

    /// The docs for people (`explain`, SARIF help): an example's info string
    /// (`json update-request pointer=... span=...`) becomes a line naming the payload kind
    /// and a plain `json` fence.
    pub fn explanation(&self) -> String {
        let mut out = String::new();
        for line in self.docs().lines() {
            match line.trim_start().strip_prefix("```json") {
                Some(info) if !info.trim().is_empty() => {
                    let example = parse_info(info);
                    match example.kind {
                        Some(kind) => out.push_str(&format!("Checked as `{kind}`:\n")),
                        None => out.push_str("Checked without a kind (detected from the shape):\n"),
                    }
                    out.push_str("```json\n");
                }
                _ => {
                    out.push_str(line);
                    out.push('\n');
                }
            }
        }
        out
    }

    /// The code blocks under `## Example` (they must fire the rule) and under
    /// `## Use instead` (they must not). A block's info string is
    /// `json <kind> [pointer=<JSON Pointer>] [span=<text the span covers>]`, with `auto` as the
    /// kind to let the linter detect it; `span=` comes last and may contain spaces.
    pub fn examples(&self) -> (Vec<Example>, Vec<Example>) {
        let (mut failing, mut passing) = (Vec::new(), Vec::new());
        let docs = self.docs();
        let mut section = "";
        let mut block: Option<Example> = None;
        for line in docs.lines() {
            if let Some(example) = block.as_mut() {
                if line.trim_start().starts_with("```") {
                    let example = block.take().expect("inside a block");
                    match section {
                        "Example" => failing.push(example),
                        "Use instead" => passing.push(example),
                        _ => {}
                    }
                } else {
                    example.text.push_str(line);
                    example.text.push('\n');
                }
            } else if let Some(heading) = line.strip_prefix("## ") {
                section = heading.trim();
            } else if let Some(info) = line.trim_start().strip_prefix("```json") {
                block = Some(parse_info(info));
            }
        }
        (failing, passing)
    }
}

fn parse_info(info: &str) -> Example {
    let (info, span) = match info.split_once(" span=") {
        Some((head, span)) => (head, Some(span.to_owned())),
        None => (info, None),
    };
    let mut words = info.split_whitespace();
    let kind = words.next().and_then(|k| k.parse().ok());
    let pointer = words
        .find_map(|w| w.strip_prefix("pointer="))
        .map(str::to_owned);
    Example {
        kind,
        pointer,
        span,
        text: String::new(),
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
    &syntax::payload_too_large::PAYLOAD_TOO_LARGE,
    &schema::enum_value::ENUM_VALUE,
    &schema::missing_required::MISSING_REQUIRED,
    &schema::unknown_property::UNKNOWN_PROPERTY,
    &schema::wrong_type::WRONG_TYPE,
    &schema::too_few_items::TOO_FEW_ITEMS,
    &schema::invalid_string::INVALID_STRING,
    &schema::schema_violation::SCHEMA_VIOLATION,
    &lead::forecast_category_status::FORECAST_CATEGORY_STATUS,
    &lead::reason_status::REASON_STATUS,
    &lead::close_date_past::CLOSE_DATE_PAST,
    &lead::offer_line::OFFER_LINE,
    &lead::placeholder_value::PLACEHOLDER_VALUE,
    &format::request_date::REQUEST_DATE,
    &format::currency_code::CURRENCY_CODE,
    &format::email_format::EMAIL_FORMAT,
    &format::id_format::ID_FORMAT,
    &format::open_vocabulary::OPEN_VOCABULARY,
    &search::search_criteria::SEARCH_CRITERIA,
    &response::response_envelope::RESPONSE_ENVELOPE,
    &reference::unknown_offer::UNKNOWN_OFFER,
    &reference::unknown_competitor::UNKNOWN_COMPETITOR,
    &reference::lead_id_format::LEAD_ID_FORMAT,
    &config::invalid_config::INVALID_CONFIG,
];

/// The semantic rules' checks, run in this order after the schema check.
pub(crate) static CHECKS: &[(&Rule, CheckFn)] = &[
    (
        &lead::forecast_category_status::FORECAST_CATEGORY_STATUS,
        lead::forecast_category_status::check,
    ),
    (
        &lead::reason_status::REASON_STATUS,
        lead::reason_status::check,
    ),
    (
        &lead::close_date_past::CLOSE_DATE_PAST,
        lead::close_date_past::check,
    ),
    (&lead::offer_line::OFFER_LINE, lead::offer_line::check),
    (
        &lead::placeholder_value::PLACEHOLDER_VALUE,
        lead::placeholder_value::check,
    ),
    (
        &format::request_date::REQUEST_DATE,
        format::request_date::check,
    ),
    (
        &format::currency_code::CURRENCY_CODE,
        format::currency_code::check,
    ),
    (
        &format::email_format::EMAIL_FORMAT,
        format::email_format::check,
    ),
    (&format::id_format::ID_FORMAT, format::id_format::check),
    (
        &format::open_vocabulary::OPEN_VOCABULARY,
        format::open_vocabulary::check,
    ),
    (
        &search::search_criteria::SEARCH_CRITERIA,
        search::search_criteria::check,
    ),
    (
        &response::response_envelope::RESPONSE_ENVELOPE,
        response::response_envelope::check,
    ),
    (
        &reference::unknown_offer::UNKNOWN_OFFER,
        reference::unknown_offer::check,
    ),
    (
        &reference::unknown_competitor::UNKNOWN_COMPETITOR,
        reference::unknown_competitor::check,
    ),
    (
        &reference::lead_id_format::LEAD_ID_FORMAT,
        reference::lead_id_format::check,
    ),
];

/// Finds a rule by code (`A4P101`, case-insensitive) or name (`enum-value`).
pub fn find(code_or_name: &str) -> Option<&'static Rule> {
    RULES
        .iter()
        .copied()
        .find(|r| r.code.eq_ignore_ascii_case(code_or_name) || r.name == code_or_name)
}
