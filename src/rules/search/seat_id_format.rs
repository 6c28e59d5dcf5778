//! A4P404 `seat-id-format`: An orders search's `onlineInstanceSeatId` is not letters and digits.
use serde_json::Value;

use crate::kind::PayloadKind;
use crate::rules::helpers::show_value;
use crate::rules::Checker;
use crate::text::payload;

crate::declare_rule! {
    /// ## What it checks
    /// That `onlineInstanceSeatId` in an orders search request is made of ASCII letters and
    /// digits only (`R1122334455667`). A value with spaces around it gets the trimmed value as
    /// the fix; a value with other characters (spaces inside, hyphens, dots, accents) or an
    /// empty one is reported without fix, since which characters belong to the id is unknown.
    /// Its length (at most 15) is the schema's: A4P106 `invalid-string`.
    ///
    /// A warning, not an error: the spec describes the id's characters but gives no pattern
    /// and documents no rejection for it; DS compares the id with its instances', so such a
    /// value finds no order, and a search that also has other criteria (combined with AND)
    /// comes back empty.
    ///
    /// ## Why it matters
    /// The spec's `online_instance_seat_id`: "Unique identifier assigned to a 3DEXPERIENCE
    /// platform instance. [...] The Online Instance ID/Seat ID is a combination of letters and
    /// numbers." A CRM export often keeps a display form (`R1122-3344-5566`) or a stray space.
    ///
    /// ## Fix
    /// An id with spaces around it is trimmed: safe, the id is the letters and digits written.
    /// Other characters have no fix: which of them belong to the id is unknown.
    ///
    /// ## Example
    /// ```json order-search-request pointer=/onlineInstanceSeatId span="R1122-3344-5566"
    /// {"onlineInstanceSeatId": "R1122-3344-5566"}
    /// ```
    ///
    /// ## Use instead
    /// ```json order-search-request
    /// {"onlineInstanceSeatId": "R1122334455667"}
    /// ```
    pub static SEAT_ID_FORMAT = {
        code: "A4P404",
        name: "seat-id-format",
        category: Format,
        severity: Warning,
        summary: "An orders search's `onlineInstanceSeatId` is not letters and digits",
        fix: [Safe],
    };
}

const POINTER: &str = "/onlineInstanceSeatId";

const NOTE: &str = "the spec (`online_instance_seat_id`): \"The Online Instance ID/Seat ID is a \
                    combination of letters and numbers.\"";

/// Runs the rule.
pub(crate) fn check(cx: &mut Checker<'_>) {
    if cx.kind() != PayloadKind::OrderSearchRequest {
        return;
    }
    let Some(id) = cx
        .root()
        .get("onlineInstanceSeatId")
        .and_then(Value::as_str)
    else {
        return;
    };
    if !id.is_empty() && id.bytes().all(|b| b.is_ascii_alphanumeric()) {
        return;
    }
    let trimmed = id.trim();
    if trimmed.is_empty() {
        empty(cx);
    } else if trimmed.bytes().all(|b| b.is_ascii_alphanumeric()) {
        padded(cx, trimmed);
    } else {
        other_characters(cx, id);
    }
}

/// `""` or spaces only.
fn empty(cx: &mut Checker<'_>) {
    cx.at_value(POINTER)
        .field_message("is empty")
        .label("no seat id")
        .help(
            "write the Online Instance ID (letters and digits, e.g. `R1122334455667`), or \
             leave `onlineInstanceSeatId` out",
        )
        .note(NOTE)
        .report();
}

/// Letters and digits with spaces around them: the trimmed value is the fix.
fn padded(cx: &mut Checker<'_>, trimmed: &str) {
    cx.at_value(POINTER)
        .field_message("has spaces around it")
        .label("spaces around the id")
        .help(format!(
            "DS compares the id as written: write `{}`",
            payload(trimmed)
        ))
        .suggest_string(payload(trimmed))
        .safe_fix()
        .note(NOTE)
        .report();
}

/// Other characters: no fix.
fn other_characters(cx: &mut Checker<'_>, id: &str) {
    let first = id
        .chars()
        .find(|c| !c.is_ascii_alphanumeric())
        .unwrap_or(' ');
    let shown = match first {
        ' ' => "a space".to_owned(),
        c if c.is_control() => "a control character".to_owned(),
        c => format!("`{}`", payload(c.to_string())),
    };
    cx.at_value(POINTER)
        .message(format!(
            "`onlineInstanceSeatId` {} is not letters and digits only",
            show_value(id)
        ))
        .label(format!("holds {shown}"))
        .help(
            "write the Online Instance ID as DS shows it, letters and digits only (e.g. \
             `R1122334455667`): the search finds no order for another spelling",
        )
        .note(NOTE)
        .report();
}
