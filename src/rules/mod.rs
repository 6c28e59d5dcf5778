//! Every rule the linter can emit, by group: `syntax` (A4P0xx), `schema` (A4P1xx), `lead`
//! (A4P2xx), `format` (A4P3xx), `search` (A4P4xx), `response` (A4P5xx), `reference`
//! (A4P6xx), `config` (A4P9xx). Each rule's page (its static, e.g.
//! [`schema::enum_value::ENUM_VALUE`]) says what it checks, why DS cares, the spec section it
//! follows, and a failing and a passing payload; [`RULES`] lists them all by code. The
//! command line shows the same docs: `api4p-lint rules`, `api4p-lint explain A4P101`.

// How rules are declared and registered (one file per rule, `declare_rule!`, the list below
// and why its modules are plain `mod` items): CONTRIBUTING.md and ARCHITECTURE.md.

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
