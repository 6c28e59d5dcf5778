//! The rule registry: every code the linter can emit, each rule in a file of its own.
//!
//! A rule's file declares it (`declare_rule!`: code, name, category, default severity, and
//! its docs as the doc comment) and, for a semantic rule, its `check`; its group's `mod.rs`
//! declares its module, and the one list below puts it in [`RULES`] and, with `=> check`, in
//! the semantic checks run after the schema. The modules are declared as plain `mod` items,
//! not by the list's macro, because rustfmt and cargo-mutants only follow those;
//! `tests/rules.rs` fails on a rule file that the list forgets.

// Rules' example code blocks carry `pointer=`/`span=` words in their info strings (read by
// `Rule::examples`); rustdoc does not know them and need not.
#![allow(rustdoc::invalid_codeblock_attributes)]

use crate::rule::Rule;

mod checker;
pub(crate) mod helpers;
pub(crate) mod schema_errors;
mod schema_rounds;

pub mod config;
pub mod format;
pub mod lead;
pub mod reference;
pub mod response;
pub mod schema;
pub mod search;
pub mod syntax;

pub(crate) use checker::Checker;

/// Builds [`RULES`] (every rule, in this order) and `CHECKS` (the semantic rules' checks,
/// run in this order after the schema check) from one list.
macro_rules! registry {
    ($($group:ident :: $module:ident :: $rule:ident $(=> $check:ident)?),+ $(,)?) => {
        /// Every rule, by code. Codes are never reused.
        pub static RULES: &[&Rule] = &[$(&$group::$module::$rule,)+];

        /// The semantic rules' checks, run in this order after the schema check.
        pub(crate) static CHECKS: &[(&Rule, CheckFn)] = &[
            $($((&$group::$module::$rule, $group::$module::$check),)?)+
        ];
    };
}

registry! {
    syntax::invalid_json::INVALID_JSON,
    syntax::duplicate_key::DUPLICATE_KEY,
    syntax::invalid_encoding::INVALID_ENCODING,
    syntax::unknown_kind::UNKNOWN_KIND,
    syntax::payload_too_large::PAYLOAD_TOO_LARGE,
    schema::enum_value::ENUM_VALUE,
    schema::missing_required::MISSING_REQUIRED,
    schema::unknown_property::UNKNOWN_PROPERTY,
    schema::wrong_type::WRONG_TYPE => check,
    schema::too_few_items::TOO_FEW_ITEMS,
    schema::invalid_string::INVALID_STRING,
    schema::schema_violation::SCHEMA_VIOLATION,
    lead::forecast_category_status::FORECAST_CATEGORY_STATUS => check,
    lead::reason_status::REASON_STATUS => check,
    lead::close_date_past::CLOSE_DATE_PAST => check,
    lead::offer_line::OFFER_LINE => check,
    lead::placeholder_value::PLACEHOLDER_VALUE => check,
    format::request_date::REQUEST_DATE => check,
    format::currency_code::CURRENCY_CODE => check,
    format::email_format::EMAIL_FORMAT => check,
    format::id_format::ID_FORMAT => check,
    format::open_vocabulary::OPEN_VOCABULARY => check,
    format::country_code::COUNTRY_CODE => check,
    search::search_criteria::SEARCH_CRITERIA => check,
    search::order_search_window::ORDER_SEARCH_WINDOW => check,
    search::order_search_lone_bound::ORDER_SEARCH_LONE_BOUND => check,
    search::seat_id_format::SEAT_ID_FORMAT => check,
    response::response_envelope::RESPONSE_ENVELOPE => check,
    response::response_date::RESPONSE_DATE => check,
    response::result_count::RESULT_COUNT => check,
    response::list_price::LIST_PRICE => check,
    response::waiver_term::WAIVER_TERM => check,
    response::date_order::DATE_ORDER => check,
    response::sequence_number::SEQUENCE_NUMBER => check,
    response::future_price_list::FUTURE_PRICE_LIST => check,
    reference::unknown_offer::UNKNOWN_OFFER => check,
    reference::unknown_competitor::UNKNOWN_COMPETITOR => check,
    reference::lead_id_format::LEAD_ID_FORMAT => check,
    config::invalid_config::INVALID_CONFIG,
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
