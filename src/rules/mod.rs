//! The rule registry: every code the linter can emit, each rule in a file of its own.
//!
//! A rule's file declares it (`declare_rule!`: code, name, category, default severity, and
//! its docs as the doc comment) and, for a semantic rule, its `check`; the one list below
//! declares the rule's module and puts it in [`RULES`] and, with `=> check`, in the
//! semantic checks run after the schema. A new rule is one new file and one line here.

// Rules' example code blocks carry `pointer=`/`span=` words in their info strings (read by
// `Rule::examples`); rustdoc does not know them and need not.
#![allow(rustdoc::invalid_codeblock_attributes)]

use crate::rule::Rule;

mod checker;
pub(crate) mod helpers;
pub(crate) mod schema_errors;

pub use checker::{Checker, NewFinding};

/// Declares each group's rule modules, [`RULES`] (every rule, in this order) and `CHECKS`
/// (the semantic rules' checks, run in this order after the schema check).
macro_rules! registry {
    ($(
        $(#[doc = $group_doc:literal])*
        $group:ident {
            $($module:ident :: $rule:ident $(=> $check:ident)?),+ $(,)?
        }
    )+) => {
        $(
            $(#[doc = $group_doc])*
            pub mod $group {
                $(pub mod $module;)+
            }
        )+

        /// Every rule, by code. Codes are never reused.
        pub static RULES: &[&Rule] = &[$($(&$group::$module::$rule,)+)+];

        /// The semantic rules' checks, run in this order after the schema check.
        pub(crate) static CHECKS: &[(&Rule, CheckFn)] = &[
            $($($((&$group::$module::$rule, $group::$module::$check),)?)+)+
        ];
    };
}

registry! {
    /// Rules about the text itself: is it JSON, UTF-8, one value per key, a known payload
    /// kind. When one of them fires, no schema or semantic finding follows except duplicate
    /// keys (a pipeline that stops early: later findings would only be noise).
    syntax {
        invalid_json::INVALID_JSON,
        duplicate_key::DUPLICATE_KEY,
        invalid_encoding::INVALID_ENCODING,
        unknown_kind::UNKNOWN_KIND,
        payload_too_large::PAYLOAD_TOO_LARGE,
    }
    /// Schema violations are rules too: each JSON Schema keyword family maps to one
    /// registered code, so severity, `explain`, `--select/--ignore` and config overrides work
    /// the same for schema findings and semantic ones. What jsonschema reports is reduced to
    /// one error per place first (`rules::schema_errors`).
    schema {
        enum_value::ENUM_VALUE,
        missing_required::MISSING_REQUIRED,
        unknown_property::UNKNOWN_PROPERTY,
        wrong_type::WRONG_TYPE,
        too_few_items::TOO_FEW_ITEMS,
        invalid_string::INVALID_STRING,
        schema_violation::SCHEMA_VIOLATION,
    }
    /// Rules about the lead-opportunity's own fields agreeing with each other.
    lead {
        forecast_category_status::FORECAST_CATEGORY_STATUS => check,
        reason_status::REASON_STATUS => check,
        close_date_past::CLOSE_DATE_PAST => check,
        offer_line::OFFER_LINE => check,
        placeholder_value::PLACEHOLDER_VALUE => check,
    }
    /// Rules about the shape of values DS parses: dates, codes, identifiers, vocabularies.
    format {
        request_date::REQUEST_DATE => check,
        currency_code::CURRENCY_CODE => check,
        email_format::EMAIL_FORMAT => check,
        id_format::ID_FORMAT => check,
        open_vocabulary::OPEN_VOCABULARY => check,
    }
    /// Rules about search requests.
    search {
        search_criteria::SEARCH_CRITERIA => check,
    }
    /// Rules about response envelopes.
    response {
        response_envelope::RESPONSE_ENVELOPE => check,
    }
    /// Rules that check against reference data the partner supplies (portfolio,
    /// competitors, the format of its own ids).
    reference {
        unknown_offer::UNKNOWN_OFFER => check,
        unknown_competitor::UNKNOWN_COMPETITOR => check,
        lead_id_format::LEAD_ID_FORMAT => check,
    }
    /// Rules about `api4p-lint.toml` itself.
    config {
        invalid_config::INVALID_CONFIG,
    }
}

/// A semantic rule's check: reads the payload through the [`Checker`], reports findings.
pub(crate) type CheckFn = fn(&mut Checker<'_>);

/// Finds a rule by code (`A4P101`, case-insensitive) or name (`enum-value`).
pub fn find(code_or_name: &str) -> Option<&'static Rule> {
    RULES
        .iter()
        .copied()
        .find(|r| r.code.eq_ignore_ascii_case(code_or_name) || r.name == code_or_name)
}
