//! A4P101 `enum-value`: A code field holds a value outside the spec's list.
use serde_json::Value;

use crate::diagnostic::{Applicability, Diagnostic};
use crate::model::{
    AccreditationType, DeploymentType, DsOffering, ForecastCategory, InflationException,
    LeadOpportunityStatus, LocalTimeZone, OnlineConsentStatus, OrderErrorType,
    OrderProcessingStatus, OrderRevenueType, OrderType, ProductType, ReasonLost, ReasonWon,
    RecurringChargeBillingCycle, RevenueType, SubOrderType, TransactionType,
};
use crate::pointer::code_path;
use crate::rules::helpers::{fold_equal, show_list, show_value};
use crate::rules::schema_errors::Context;
use crate::suggest::{nearest, search, Budget};

crate::declare_rule! {
    /// ## What it checks
    /// That a field with a closed set of codes holds one of them, exactly as the spec spells
    /// it: the leads' `status` (`lead-opportunity-status`, 8 values), `forecastCategory` (7),
    /// `reasonWon` (`reason_won`, 14), `reasonLost` (`reason_lost`, 43) and `revenueType` (5);
    /// the order domain's `orderType` (31 labels), `subOrderType` (19), `transaction.status`
    /// (24), `transaction.type`, `onlineConsentStatus`, `recurringChargeBillingCycle`,
    /// `businessUnit.localTimezone`, a license charge's `revenueType`, `product.type`,
    /// `product.dsOffering`, `inflation.exception` and an order error's `type`; the
    /// accreditations' `accreditationType` and `deploymentType`. Codes are case-sensitive,
    /// and the order domain's are labels whose spaces and punctuation count:
    /// `Stop & Parallel Use` is an `orderType`, `Stop & Parallel use` a `subOrderType`.
    ///
    /// The help names the nearest allowed code, whatever the case, spacing or punctuation
    /// written (`on hold` → `On Hold`, `DS Brand->DS OTC Platform` →
    /// `DS Brand -> DS OTC Platform`), and what it means (the spec's `x-enumDescriptions`). A
    /// code of another list (`New License`, a `subOrderType`, as an `orderType`) is named as
    /// such, with the code of this list the spec describes alike when there is one (`New`).
    ///
    /// ## Why it matters
    /// DS answers HTTP 400 for a code outside the list; partners often send their CRM's own
    /// label (`"Won"`, `"upfront"`) instead of DS's code, or a code of the neighbouring list
    /// (the sub-line's `New License` on the order line, whose code is `New`).
    ///
    /// ## Fix
    /// The nearest allowed code replaces the value. Safe when the value differs from exactly one
    /// code only in case, spacing or punctuation (`won` → `WON`, `upfront` → `UPFRONT`, `on hold` →
    /// `On Hold`): the same code. Unsafe for a typo (`WONN` → `WON`): its nearest code is a
    /// judgement. Tied codes, and a code of the neighbouring list, are named in the help and not
    /// offered as a fix. A response's code is fixed as a request's is: what gets fixed is a
    /// recorded response, a test fixture, never DS's own answer.
    ///
    /// ## Example
    /// ```json update-request pointer=/leadOpportunity/status span="WONN"
    /// {"leadOpportunity": {"partnerLeadOpportunityId": "CRM-LEAD-1234", "status": "WONN"}}
    /// ```
    ///
    /// ## Use instead
    /// ```json update-request
    /// {"leadOpportunity": {"partnerLeadOpportunityId": "CRM-LEAD-1234", "status": "WON"}}
    /// ```
    pub static ENUM_VALUE = {
        code: "A4P101",
        name: "enum-value",
        category: Schema,
        severity: Error,
        summary: "A code field holds a value outside the spec's list",
        fix: [Safe, Unsafe],
    };
}

pub(crate) fn diagnostic(
    pointer: &str,
    options: &[Value],
    schema_path: &str,
    cx: &Context<'_>,
) -> Diagnostic {
    let instance = crate::pointer::lookup(cx.instance, pointer).unwrap_or(&Value::Null);
    let codes: Vec<&Value> = options.iter().filter(|o| !o.is_null()).collect();
    let nullable = codes.len() < options.len();
    let descriptions = cx
        .subschema_of_keyword(schema_path)
        .and_then(|s| s.get("x-enumDescriptions"));
    let describe = |code: &str| {
        descriptions
            .and_then(|d| d.get(code))
            .and_then(Value::as_str)
    };
    let candidates = codes.iter().filter_map(|o| o.as_str());
    let found = instance
        .as_str()
        .map(|s| search(s, candidates, &mut Budget::unlimited()));
    // Tied candidates are guesses (`Stop` against the five `subOrderType`s starting with
    // it): the help names them, none is offered as the fix.
    let mut closest = found.as_ref().and_then(|f| f.unique());
    let tied = found
        .as_ref()
        .map(|f| f.closest.clone())
        .filter(|c| c.len() > 1)
        .unwrap_or_default();
    let this = ClosedEnum::of(&codes);
    // A code of another list, exactly; or but for case, spacing and punctuation when this
    // list has nothing close.
    let elsewhere = instance
        .as_str()
        .map(|s| ClosedEnum::holding(s, this, closest.is_none() && tied.is_empty()))
        .unwrap_or_default();
    // A value with a UTC offset names a zone, not a typo of one (`UTC+1` is not `UTC`).
    let offset = this.is_some_and(|e| e.field == "`businessUnit.localTimezone`")
        && instance.as_str().is_some_and(has_utc_offset);

    let mut help = String::new();
    let mut alike = None;
    if let Some((other, code)) = elsewhere.first() {
        // Say whose code it is, and this list's code described alike, if any.
        let owners: Vec<String> = elsewhere
            .iter()
            .map(|(e, c)| match instance.as_str() {
                // The other list's spelling is the value spelled again: payload data.
                Some(v) if v != *c => {
                    format!("{} (written \"{}\")", e.field, crate::text::payload(c))
                }
                _ => e.field.to_owned(),
            })
            .collect();
        // Redacted, the hint goes whole: with the value masked it would still tell that the
        // value is a code of that other list.
        help.push_str(&crate::text::unredacted_only(format!(
            "{} is {} {}; {} {} is one of the values below\n",
            show_value(instance),
            other.article,
            owners.join(" and "),
            this.map_or("this", |e| e.article),
            this.map_or("field", |e| e.field),
        )));
        // A code of another list means something else: only a code of this list written
        // alike (but for case, spacing, punctuation) is a fix; the one the spec describes
        // alike is named, not offered (`Transfer License` is not `Intercompany Transfer`).
        if closest.is_some_and(|c| !instance.as_str().is_some_and(|v| fold_equal(v, c))) {
            closest = None;
        }
        if closest.is_none() {
            alike = other.alike(code, &codes, describe);
        }
    }
    if offset {
        closest = None;
        help.push_str(&format!(
            "{} is an offset from UTC; this field holds the label of a zone, not an offset: \
             pick the business unit's zone among the labels below (`UTC` is the zone at \
             offset 0)\n",
            show_value(instance),
        ));
    } else if let Some(code) = alike {
        // Found from the other list's description of the value: redacted, gone with the hint.
        let mut line = format!("the spec describes \"{code}\" of this list alike");
        if let Some(meaning) = describe(code) {
            line.push_str(&format!(" ({})", first_sentence(meaning)));
        }
        line.push_str(": check that it means what was meant\n");
        help.push_str(&crate::text::unredacted_only(line));
    } else if let Some(code) = closest {
        help.push_str(&format!("did you mean \"{code}\""));
        if let Some(meaning) = describe(code) {
            help.push_str(&format!(" ({})", first_sentence(meaning)));
        }
        help.push_str("?\n");
    } else if !tied.is_empty() {
        let shown: Vec<String> = tied.iter().map(|c| format!("\"{c}\"")).collect();
        help.push_str(&format!("did you mean one of {}?\n", shown.join(", ")));
    }
    help.push_str(&format!(
        "allowed values: {}{}",
        allowed(&codes),
        if nullable { ", or null" } else { "" }
    ));
    let mut diagnostic = Diagnostic::new(&ENUM_VALUE, pointer, cx.locate.value(pointer))
        .with_message(format!(
            "invalid value {} for {}",
            show_value(instance),
            code_path(pointer)
        ))
        .with_label(format!("not one of the {} allowed values", codes.len()))
        .with_help(help);
    if let Some(code) = closest {
        // Only case, spacing or punctuation apart from exactly one code: what the author
        // meant is sure. A typo's nearest code is a judgement.
        let sure = instance.as_str().is_some_and(|v| fold_equal(v, code));
        diagnostic = diagnostic
            .with_string_suggestion(code)
            .with_applicability(if sure {
                Applicability::Safe
            } else {
                Applicability::Unsafe
            });
    }
    if cx.kind.is_request() {
        diagnostic =
            diagnostic.with_note("DS rejects a code outside the spec's list with HTTP 400");
    }
    diagnostic
}

/// The allowed codes: as the spec writes them when they are words (`UPSIDE, COMMIT, SAFE`);
/// quoted when they are labels with spaces (the order domain's 31 `orderType`s), so that where
/// one ends and the next starts stays plain. One line: the renderers wrap it to their width.
fn allowed(codes: &[&Value]) -> String {
    let labels = codes
        .iter()
        .any(|c| c.as_str().is_some_and(|s| s.contains(' ')));
    if !labels {
        return show_list(codes.iter().copied());
    }
    let shown: Vec<String> = codes
        .iter()
        .map(|code| match code.as_str() {
            Some(s) => format!("\"{s}\""),
            None => code.to_string(),
        })
        .collect();
    shown.join(", ")
}

/// Whether `value` is a zone written as an offset from UTC or GMT (`UTC+1`, `GMT -05:00`).
fn has_utc_offset(value: &str) -> bool {
    let upper = value.trim().to_ascii_uppercase();
    let Some(rest) = upper
        .strip_prefix("UTC")
        .or_else(|| upper.strip_prefix("GMT"))
    else {
        return false;
    };
    rest.trim_start()
        .strip_prefix(['+', '-', '\u{2212}'])
        .is_some_and(|r| r.trim_start().starts_with(|c: char| c.is_ascii_digit()))
}

/// A closed enum of the spec, by the field that holds it.
#[derive(Clone, Copy)]
struct ClosedEnum {
    /// `a` or `an`, before [`ClosedEnum::field`].
    article: &'static str,
    /// The field as people name it, in backquotes.
    field: &'static str,
    codes: &'static [&'static str],
    /// The spec's description of one of `codes`.
    describe: fn(&str) -> Option<&'static str>,
}

macro_rules! closed_enums {
    ($($article:literal $field:literal => $ty:ty,)+) => {
        &[$(ClosedEnum {
            article: $article,
            field: $field,
            codes: <$ty>::CODES,
            describe: |code| <$ty>::from_code(code).description(),
        },)+]
    };
}

/// Every closed enum of the spec: the order domain's, the accreditations' and the leads'.
static CLOSED_ENUMS: &[ClosedEnum] = closed_enums! {
    "an" "`orderType`" => OrderType,
    "a" "`subOrderType`" => SubOrderType,
    "a" "`transaction.status`" => OrderProcessingStatus,
    "a" "`transaction.type`" => TransactionType,
    "an" "`onlineConsentStatus`" => OnlineConsentStatus,
    "a" "`recurringChargeBillingCycle`" => RecurringChargeBillingCycle,
    "a" "`businessUnit.localTimezone`" => LocalTimeZone,
    "a" "license charge's `revenueType`" => OrderRevenueType,
    "a" "`product.type`" => ProductType,
    "a" "`product.dsOffering`" => DsOffering,
    "an" "`inflation.exception`" => InflationException,
    "an" "order error's `type`" => OrderErrorType,
    "an" "`accreditationType`" => AccreditationType,
    "a" "`deploymentType`" => DeploymentType,
    "a" "lead-opportunity's `status`" => LeadOpportunityStatus,
    "a" "`forecastCategory`" => ForecastCategory,
    "a" "`reasonWon`" => ReasonWon,
    "a" "`reasonLost`" => ReasonLost,
    "an" "offer line's `revenueType`" => RevenueType,
};

impl ClosedEnum {
    /// Whether two are the same enum (each field is named once).
    fn is(&self, other: &ClosedEnum) -> bool {
        self.field == other.field
    }

    /// The enum whose codes are the schema's `enum` list, in its order.
    fn of(codes: &[&Value]) -> Option<&'static ClosedEnum> {
        CLOSED_ENUMS.iter().find(|e| {
            e.codes.len() == codes.len()
                && e.codes
                    .iter()
                    .zip(codes)
                    .all(|(a, b)| b.as_str() == Some(*a))
        })
    }

    /// The other enums that hold `value` exactly, each with its code; when none does and
    /// `folded`, those holding it but for case, spacing and punctuation.
    fn holding(
        value: &str,
        this: Option<&'static ClosedEnum>,
        folded: bool,
    ) -> Vec<(&'static ClosedEnum, &'static str)> {
        let others = || {
            CLOSED_ENUMS
                .iter()
                .filter(move |e| this.is_none_or(|t| !e.is(t)))
        };
        let exact: Vec<_> = others()
            .filter_map(|e| e.codes.iter().find(|c| **c == value).map(|c| (e, *c)))
            .collect();
        if !exact.is_empty() || !folded {
            return exact;
        }
        others()
            .filter_map(|e| {
                let code = nearest(value, e.codes.iter().copied())?;
                fold_equal(value, code).then_some((e, code))
            })
            .collect()
    }

    /// The code of `codes` (this field's) that the spec describes as it describes `code` of
    /// `self` (`New License` of `subOrderType` and `New` of `orderType`: "Fresh order that
    /// does not involve any migration, renewal, or upgrade").
    fn alike<'c>(
        &self,
        code: &str,
        codes: &[&'c Value],
        describe: impl Fn(&str) -> Option<&'c str>,
    ) -> Option<&'c str> {
        let meaning = normalized((self.describe)(code)?);
        codes
            .iter()
            .filter_map(|c| c.as_str())
            .find(|c| describe(c).is_some_and(|d| normalized(d) == meaning))
    }
}

/// A description without its article, final full stop and case: the spec words the same
/// meaning in two lists as "A fresh order…" and "Fresh order…".
fn normalized(text: &str) -> String {
    let text = text.trim().trim_end_matches('.').to_lowercase();
    let text = text
        .strip_prefix("a ")
        .or_else(|| text.strip_prefix("an "))
        .unwrap_or(&text);
    text.to_owned()
}

/// The first sentence of a description, without its full stop: enough to recognise a code.
fn first_sentence(text: &str) -> &str {
    let text = text.trim();
    let end = text.find(". ").unwrap_or(text.len());
    text[..end].trim_end_matches('.')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_closed_enum_is_known_once() {
        for (i, e) in CLOSED_ENUMS.iter().enumerate() {
            assert!(
                !CLOSED_ENUMS[..i].iter().any(|o| o.codes == e.codes),
                "{}",
                e.field
            );
            let values: Vec<Value> = e.codes.iter().map(|c| Value::from(*c)).collect();
            let refs: Vec<&Value> = values.iter().collect();
            assert!(ClosedEnum::of(&refs).is_some_and(|f| f.field == e.field));
            assert_eq!(
                e.article == "an",
                e.field
                    .trim_start_matches('`')
                    .starts_with(['a', 'e', 'i', 'o', 'u']),
                "{}",
                e.field
            );
        }
    }

    #[test]
    fn every_closed_enum_of_the_models_is_named_by_its_field() {
        for (name, codes) in crate::model::enums::CLOSED_ENUMS {
            assert!(
                CLOSED_ENUMS.iter().any(|e| e.codes == *codes),
                "{name} has no field in A4P101's CLOSED_ENUMS"
            );
        }
    }

    #[test]
    fn a_code_of_any_other_list_is_named_with_its_list() {
        // Every pair of closed enums, both ways: a code of one that the other does not hold is
        // named as the first's, exactly, and never as this list's.
        for this in CLOSED_ENUMS {
            for other in CLOSED_ENUMS.iter().filter(|o| !o.is(this)) {
                for code in other.codes.iter().filter(|c| !this.codes.contains(c)) {
                    let owners = ClosedEnum::holding(code, Some(this), false);
                    assert!(
                        owners.iter().any(|(e, c)| e.is(other) && c == code),
                        "{code} in {}",
                        this.field
                    );
                    assert!(owners.iter().all(|(e, _)| !e.is(this)));
                }
            }
        }
    }

    #[test]
    fn the_sub_line_codes_have_their_order_line_twins() {
        let sub = CLOSED_ENUMS
            .iter()
            .find(|e| e.field == "`subOrderType`")
            .unwrap();
        let order: Vec<Value> = OrderType::CODES.iter().map(|c| Value::from(*c)).collect();
        let order: Vec<&Value> = order.iter().collect();
        let describe = |c: &str| OrderType::from_code(c).description();
        for (code, twin) in [
            ("New License", Some("New")),
            ("License Renewal", Some("Renewal")),
            ("Stop License", Some("Stop")),
            ("Transfer License", Some("Intercompany Transfer")),
            ("Stop of PU", None),
        ] {
            assert_eq!(sub.alike(code, &order, describe), twin, "{code}");
        }
    }
}
