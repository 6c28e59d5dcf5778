//! A4P304 `id-format`: An identifier does not have the format DS uses.
use serde_json::Value;

use crate::kind::PayloadKind;
use crate::rules::helpers::show_value;
use crate::rules::Checker;
use crate::text::payload;

crate::declare_rule! {
    /// ## What it checks
    /// That DS's identifiers have the shape DS gives them. These are **observed formats, not
    /// documented ones**: the spec types every id as a free string, but every id in its
    /// examples and in real DS payloads has this shape.
    ///
    /// - `dsLeadOpportunityId`, DS's id of a lead-opportunity: 4 and 6 uppercase letters or
    ///   digits joined by a hyphen (`HCRQ-F1LLDE`, `9YEL-Y3W56Q`, `XJSR-DZMFFT`). Checked in
    ///   the GET response (`data.leadOpportunity.dsLeadOpportunityId`), the create response
    ///   (`dsLeadOpportunityId`), the update response and error responses
    ///   (`data.dsLeadOpportunityId`) and the search response (`data[N].dsLeadOpportunityId[M]`).
    ///   An id that is right once uppercased or trimmed gets that as its suggestion.
    /// - `partnerId` (create and update requests) and `customerLegalEntity.id` (requests and
    ///   the GET response), ids of legal entities in DS's system: 15 digits
    ///   (`200000000014442`, `200000000781989`).
    ///
    /// `null` and absent ids are not findings, and neither is `""` in a response (DS's "not
    /// set"); in a request an empty id is one (leave the member out instead). A number where
    /// the spec wants a string is A4P104 `wrong-type`'s finding, not this rule's.
    ///
    /// ## Why it matters
    /// DS looks these ids up: `partnerId` is the "Identification of partner LegalEntity in 3DS
    /// system" and `customerLegalEntity.id` the "3DS site identifier". An id of another shape
    /// (a CRM's own account number, a truncated or lowercased copy) names no entity DS knows,
    /// and a `dsLeadOpportunityId` of another shape in a saved response means the file was
    /// edited by hand or comes from another system.
    ///
    /// ## Fix
    /// An id that has DS's shape once trimmed or upper-cased gets that as its fix: safe, the same
    /// characters name the same id (DS's ids are upper case). Any other id has no fix.
    ///
    /// ## Example
    /// ```json update-request pointer=/partnerId span="20000014442"
    /// {"partnerId": "20000014442", "leadOpportunity": {"partnerLeadOpportunityId": "SF-OPP-004817"}}
    /// ```
    ///
    /// ## Use instead
    /// ```json update-request
    /// {"partnerId": "200000000052731", "leadOpportunity": {"partnerLeadOpportunityId": "SF-OPP-004817"}}
    /// ```
    pub static ID_FORMAT = {
        code: "A4P304",
        name: "id-format",
        category: Format,
        severity: Warning,
        summary: "An identifier does not have the format DS uses",
        fix: [Safe],
    };
}

/// The two observed shapes.
#[derive(Clone, Copy)]
enum Shape {
    /// `XXXX-XXXXXX`, uppercase letters and digits.
    LeadOpportunity,
    /// 15 digits.
    LegalEntity,
}

impl Shape {
    fn matches(self, id: &str) -> bool {
        let b = id.as_bytes();
        match self {
            Shape::LeadOpportunity => {
                let alnum = |c: &u8| c.is_ascii_uppercase() || c.is_ascii_digit();
                b.len() == 11
                    && b[4] == b'-'
                    && b[..4].iter().all(alnum)
                    && b[5..].iter().all(alnum)
            }
            Shape::LegalEntity => b.len() == 15 && b.iter().all(u8::is_ascii_digit),
        }
    }

    fn describe(self) -> &'static str {
        match self {
            Shape::LeadOpportunity => {
                "4 and 6 uppercase letters or digits joined by a hyphen, like \"HCRQ-F1LLDE\""
            }
            Shape::LegalEntity => "15 digits, like \"200000000014442\"",
        }
    }

    fn noun(self) -> &'static str {
        match self {
            Shape::LeadOpportunity => "lead-opportunity id",
            Shape::LegalEntity => "legal-entity id",
        }
    }

    fn label(self) -> &'static str {
        match self {
            Shape::LeadOpportunity => "expected XXXX-XXXXXX",
            Shape::LegalEntity => "expected 15 digits",
        }
    }

    /// The id this text most likely meant, when trimming (and, for lead-opportunity ids,
    /// uppercasing) gives the right shape.
    fn repair(self, id: &str) -> Option<String> {
        let trimmed = id.trim();
        let candidate = match self {
            Shape::LeadOpportunity => trimmed.to_ascii_uppercase(),
            Shape::LegalEntity => trimmed.to_owned(),
        };
        (candidate != id && self.matches(&candidate)).then_some(candidate)
    }
}

/// Runs the rule.
pub(crate) fn check(cx: &mut Checker<'_>) {
    // Pointers are written only for a finding: a valid payload allocates nothing here.
    let lead_id = |cx: &mut Checker<'_>, pointer: &str| {
        check_at(cx, pointer, Shape::LeadOpportunity);
    };
    match cx.kind() {
        PayloadKind::CreateRequest | PayloadKind::UpdateRequest => {
            check_at(cx, "/partnerId", Shape::LegalEntity);
        }
        PayloadKind::GetResponse => lead_id(cx, "/data/leadOpportunity/dsLeadOpportunityId"),
        PayloadKind::CreateResponse => lead_id(cx, "/dsLeadOpportunityId"),
        PayloadKind::UpdateResponse | PayloadKind::ErrorResponse => {
            lead_id(cx, "/data/dsLeadOpportunityId");
        }
        PayloadKind::SearchResponse => {
            let results = cx.at("/data").and_then(Value::as_array);
            for (n, result) in results.into_iter().flatten().enumerate() {
                match result.get("dsLeadOpportunityId") {
                    Some(Value::Array(ids)) => {
                        for (m, id) in ids.iter().enumerate() {
                            check_value(cx, id, Shape::LeadOpportunity, || {
                                format!("/data/{n}/dsLeadOpportunityId/{m}")
                            });
                        }
                    }
                    Some(id) => check_value(cx, id, Shape::LeadOpportunity, || {
                        format!("/data/{n}/dsLeadOpportunityId")
                    }),
                    None => {}
                }
            }
        }
        PayloadKind::SearchRequest
        | PayloadKind::OrderSearchRequest
        | PayloadKind::OrderSearchResponse
        | PayloadKind::OrderGetResponse
        | PayloadKind::PriceListSearchResponse
        | PayloadKind::AccreditationSearchResponse
        | PayloadKind::PortfolioSearchResponse
        | PayloadKind::ApikeyResponse => {}
    }
    if let Some(entity) = cx.member_pointer("customerLegalEntity") {
        if let Some(id) = cx.at(&entity).and_then(|e| e.get("id")) {
            check_value(cx, id, Shape::LegalEntity, || format!("{entity}/id"));
        }
    }
}

fn check_at(cx: &mut Checker<'_>, pointer: &str, shape: Shape) {
    if let Some(value) = cx.at(pointer) {
        check_value(cx, value, shape, || pointer.to_owned());
    }
}

fn check_value(
    cx: &mut Checker<'_>,
    value: &Value,
    shape: Shape,
    pointer: impl FnOnce() -> String,
) {
    let Value::String(id) = value else {
        return;
    };
    let in_response = !cx.kind().is_request();
    if shape.matches(id) || (id.is_empty() && in_response) {
        return;
    }
    if id.is_empty() {
        empty_id(cx, pointer(), shape);
    } else {
        unlike_ds_id(cx, pointer(), id, shape);
    }
}

const NOTE: &str = "an observed format, not a documented one: the spec types this id as a free \
                    string, but every id DS has issued so far has this shape";

/// A request's id present but empty.
fn empty_id(cx: &mut Checker<'_>, pointer: String, shape: Shape) {
    cx.at_value(pointer)
        .field_message("is an empty id")
        .label(shape.label())
        .help(format!(
            "write the id ({}), or leave the member out",
            shape.describe()
        ))
        .note(NOTE)
        .report();
}

/// An id of another shape than DS gives; trimmed (and uppercased) to that shape, it is the
/// fix.
fn unlike_ds_id(cx: &mut Checker<'_>, pointer: String, id: &str, shape: Shape) {
    let finding = cx
        .at_value(pointer)
        .field_message(format!(
            "is {}, which does not look like a DS {}",
            show_value(id),
            shape.noun()
        ))
        .label(shape.label())
        .note(NOTE);
    match shape.repair(id) {
        Some(fixed) => {
            // Said in words too: under redaction the id itself is `<redacted>`.
            let how = match (id.trim() != id, fixed != id.trim()) {
                (true, true) => "without the surrounding spaces, in upper case",
                (true, false) => "without the surrounding spaces",
                _ => "in upper case",
            };
            finding
                .help(format!("did you mean \"{}\" ({how})?", payload(&fixed)))
                .suggest_string(payload(fixed))
                .safe_fix()
        }
        None => finding.help(format!("DS's ids of this kind are {}", shape.describe())),
    }
    .report();
}

#[cfg(test)]
mod tests {
    use super::Shape;

    #[test]
    fn shapes() {
        for id in [
            "HCRQ-F1LLDE",
            "9YEL-Y3W56Q",
            "XJSR-DZMFFT",
            "5ZOQ-LF35OK",
            "BYTK-COL4A0",
        ] {
            assert!(Shape::LeadOpportunity.matches(id), "{id}");
        }
        for id in [
            "hcrq-f1llde",
            "HCRQF1LLDE",
            "HCRQ-F1LLD",
            "HCRQ_F1LLDE",
            "HCRQ-F1LLDÉ",
        ] {
            assert!(!Shape::LeadOpportunity.matches(id), "{id}");
        }
        assert!(Shape::LegalEntity.matches("200000000014442"));
        assert!(!Shape::LegalEntity.matches("20000000001444"));
        assert!(!Shape::LegalEntity.matches("2000000000144420"));
        assert!(!Shape::LegalEntity.matches("20000000001444A"));
        assert_eq!(
            Shape::LeadOpportunity.repair(" hcrq-f1llde"),
            Some("HCRQ-F1LLDE".to_owned())
        );
        assert_eq!(
            Shape::LegalEntity.repair("200000000014442 "),
            Some("200000000014442".to_owned())
        );
        assert_eq!(Shape::LegalEntity.repair("2000"), None);
    }
}
