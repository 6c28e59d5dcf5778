//! A4P001 `invalid-json`: The payload is not valid JSON.
use crate::diagnostic::Diagnostic;
use crate::source::{Source, Span};

crate::declare_rule! {
    /// ## What it checks
    /// That the payload is JSON as RFC 8259 defines it, judged by the same parser (serde_json)
    /// and the same nesting limit (fewer than 128 levels of arrays and objects) as the rest of
    /// the tool: no comments, no trailing commas, no single quotes, no `NaN`, numbers within
    /// the range of an `f64`.
    ///
    /// ## Why it matters
    /// DS's gateway rejects a body that does not parse before any field is looked at, and the
    /// partner gets no hint about where. Nothing else can be checked until the text parses.
    ///
    /// ## Example
    /// ```json update-request pointer= span=,
    /// {"leadOpportunity": {"partnerLeadOpportunityId": "CRM-LEAD-1234",}}
    /// ```
    ///
    /// ## Use instead
    /// ```json update-request
    /// {"leadOpportunity": {"partnerLeadOpportunityId": "CRM-LEAD-1234"}}
    /// ```
    pub static INVALID_JSON = {
        code: "A4P001",
        name: "invalid-json",
        category: Syntax,
        severity: Error,
        summary: "The payload is not valid JSON",
    };
}

/// The diagnostic for a serde_json syntax error, at the offending character.
pub(crate) fn diagnostic(source: &Source<'_>, err: &serde_json::Error) -> Diagnostic {
    let json = source.json();
    // serde_json points at the last byte when the text ends early; the end is the place.
    let offset = if err.is_eof() {
        json.len()
    } else {
        error_offset(json, err.line(), err.column())
    };
    let full = err.to_string();
    let message = full
        .rfind(" at line ")
        .map_or(full.as_str(), |at| &full[..at]);
    // Nothing at all (an empty file, or only whitespace): say so rather than "cut short".
    if json.trim_matches([' ', '\t', '\n', '\r']).is_empty() {
        let what = if json.is_empty() {
            "the payload is empty"
        } else {
            "the payload holds only whitespace"
        };
        return Diagnostic::new(
            &INVALID_JSON,
            "",
            Span::new(json.len(), 0).shifted(source.bom_len()),
        )
        .with_message(format!("invalid JSON: {what}"))
        .with_label("no JSON value before the end")
        .with_help("a payload is one JSON object: write it here, or leave the file out");
    }
    // serde_json reports a trailing comma at the bracket after it; the comma is the culprit.
    let (offset, label) = if message.starts_with("trailing comma") {
        let comma = json[..offset].trim_end_matches([' ', '\t', '\n', '\r']);
        match comma.strip_suffix(',') {
            Some(before) => (before.len(), "trailing comma"),
            None => (offset, "here"),
        }
    } else if offset >= json.len() {
        (offset, "the text ends here")
    } else {
        (offset, "here")
    };
    let mut span = char_span(json, offset);
    // serde_json points at the last character of a number it cannot hold: show all of it.
    if message.starts_with("number out of range") {
        let number = |b: &u8| b.is_ascii_digit() || matches!(b, b'.' | b'e' | b'E' | b'+' | b'-');
        let start = json.as_bytes()[..span.offset]
            .iter()
            .rposition(|b| !number(b))
            .map_or(0, |i| i + 1);
        span = Span::from_range(start, span.end());
    }
    let span = span.shifted(source.bom_len());
    let help = match message {
        m if m.starts_with("trailing comma") => Some("remove the comma before the closing bracket"),
        m if m.starts_with("key must be a string") => {
            Some("JSON keys are written in double quotes: \"key\": value")
        }
        m if m.starts_with("EOF while parsing") => {
            Some("the text is cut short: close every `{` and `[` that is still open")
        }
        m if m.starts_with("recursion limit exceeded") => Some(
            "API4Partners payloads nest a few levels deep; JSON nested 128 levels deep or \
                 more is refused (the same limit as serde_json's)",
        ),
        m if m.starts_with("number out of range") => {
            Some("write the amount as a finite number (an f64)")
        }
        "trailing characters" => {
            Some("a .json file holds one payload; use .ndjson for one per line")
        }
        _ => None,
    };
    let mut diagnostic = Diagnostic::new(&INVALID_JSON, "", span)
        .with_message(format!("invalid JSON: {message}"))
        .with_label(label);
    if let Some(help) = help {
        diagnostic = diagnostic.with_help(help);
    }
    diagnostic
}

/// Byte offset of serde_json's 1-based (line, byte column): column 0 means the newline that
/// ends the previous line; past the end it clamps to the end.
fn error_offset(json: &str, line: usize, column: usize) -> usize {
    let line_start = if line <= 1 {
        0
    } else {
        json.bytes()
            .enumerate()
            .filter(|&(_, b)| b == b'\n')
            .nth(line - 2)
            .map_or(json.len(), |(i, _)| i + 1)
    };
    let offset = if column == 0 {
        line_start.saturating_sub(1)
    } else {
        line_start + column - 1
    };
    offset.min(json.len())
}

/// The span of the character at `offset` (empty at the end of the text).
fn char_span(json: &str, mut offset: usize) -> Span {
    while offset > 0 && !json.is_char_boundary(offset) {
        offset -= 1;
    }
    let len = json[offset..].chars().next().map_or(0, char::len_utf8);
    Span::new(offset, len)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn span_of(text: &str) -> (Span, String) {
        let err = serde_json::from_str::<serde_json::Value>(text).unwrap_err();
        let d = diagnostic(&Source::new("t", text), &err);
        (d.span, d.message)
    }

    #[test]
    fn points_at_the_offending_character() {
        assert_eq!(span_of("{\"a\": 1,}").0, Span::new(7, 1));
        assert_eq!(span_of("[1,\n  ]").0, Span::new(2, 1));
        assert_eq!(span_of("{\n  \"a\": tru\n}").0.offset, 12);
        assert_eq!(span_of("").0, Span::new(0, 0));
        let (span, message) = span_of("{\"a\": [1, 2");
        assert_eq!(span, Span::new(11, 0));
        assert!(
            message.starts_with("invalid JSON: EOF while parsing"),
            "{message}"
        );
        assert_eq!(span_of("{\"é\": x}").0, Span::new(7, 1));
        let (span, message) = span_of("{\"a\": [1, -1.5e400]}");
        assert_eq!(
            (span, message.as_str()),
            (Span::new(10, 8), "invalid JSON: number out of range")
        );
    }
}
