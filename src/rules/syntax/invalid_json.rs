//! A4P001 `invalid-json`: The payload is not valid JSON.
use crate::diagnostic::{Applicability, Diagnostic, Edit, Fix};
use std::ops::Range;

use crate::source::{Source, Span};
use crate::text::payload;

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
    /// ## Turning it off
    /// It cannot be: `--select` and `--ignore` keep it, and the configuration cannot lower it.
    /// A payload that does not parse was not checked, and a gate never passes what it did not
    /// check.
    ///
    /// ## Fix
    /// A trailing comma (`,` before `}` or `]`) is removed, and nothing else: safe, since the
    /// members before it are exactly what the author wrote and JSON has no other reading of them.
    /// Fixing repeats until the text parses, one trailing comma per round (serde_json stops at the
    /// first). No other syntax error has a fix: where a quote, a bracket or a value is missing,
    /// what was meant is a guess.
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
        fix: [Safe],
        silencing: Never,
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
    // A bare word (`this`, `True`, `NaN`) is shown whole: serde_json stops inside it.
    let word = bare_word(json, span.offset);
    if !word.is_empty() && (message == "expected ident" || message == "expected value") {
        span = Span::from_range(word.start, word.end);
    }
    let span = span.shifted(source.bom_len());
    let trailing_comma = label == "trailing comma";
    let (what, mut help) = plain_words(message, &json[word]);
    if message == "trailing characters" && source.is_ndjson_line() {
        // Already NDJSON: two values on one line, or records parted by a lone CR, which
        // editors show as a line break and NDJSON does not.
        let before = &json[..offset];
        help = Some(if before.contains('\r') {
            "a lone carriage return (\\r) does not end an NDJSON line: end each payload's line \
             with \\n (or \\r\\n)"
        } else {
            "an NDJSON line holds one payload: put each payload on a line of its own"
        });
    }
    let mut diagnostic = Diagnostic::new(&INVALID_JSON, "", span)
        .with_message(format!("invalid JSON: {what}"))
        .with_label(label);
    if let Some(help) = help {
        diagnostic = diagnostic.with_help(help);
    }
    if trailing_comma {
        // The comma alone goes: the members before it are what the author wrote.
        diagnostic = diagnostic.with_fix(Fix::new(Applicability::Safe, Edit::delete(span)), false);
    }
    diagnostic
}

/// serde_json's message in the words of someone who writes JSON by hand, and what to do.
fn plain_words(message: &str, word: &str) -> (String, Option<&'static str>) {
    const BARE_WORD: &str = "strings are written in double quotes (\"text\"); the only words JSON \
                             writes without quotes are true, false and null, in lower case";
    let (what, help): (&str, Option<&'static str>) = match message {
        "expected ident" | "expected value" if !word.is_empty() => {
            return (
                format!("`{}` is not a JSON value", payload(word)),
                Some(BARE_WORD),
            );
        }
        "expected ident" => ("expected true, false or null", Some(BARE_WORD)),
        "expected value" => (
            "expected a value: an object, an array, a \"string\", a number, true, false or null",
            None,
        ),
        "expected `:`" => ("expected `:` between a key and its value", None),
        "expected `,` or `]`" => (
            "expected `,` before the next item, or `]` to close the array",
            None,
        ),
        "expected `,` or `}`" => (
            "expected `,` before the next member, or `}` to close the object",
            None,
        ),
        "key must be a string" => (
            "a key that is not in double quotes",
            Some("JSON keys are written in double quotes: \"key\": value"),
        ),
        "trailing comma" => (
            "a comma before the closing bracket",
            Some("remove the comma before the closing bracket"),
        ),
        "trailing characters" => (
            "more text after the end of the JSON value",
            Some(
                "a .json file holds one payload; for one payload per line, name the file \
                 .ndjson (on standard input: --stdin-filename payloads.ndjson)",
            ),
        ),
        "invalid escape" => (
            "a backslash that starts no escape",
            Some("inside a string, write \\\\ for a backslash; the escapes are \\\" \\\\ \\/ \\b \\f \\n \\r \\t and \\uXXXX"),
        ),
        "invalid number" => (
            "not a number JSON can hold",
            Some("write numbers like 12, -3.5 or 1e6: no leading zeros, no `+`, no trailing dot"),
        ),
        "number out of range" => (
            "a number too large to hold",
            Some("write the amount as a finite number (an f64)"),
        ),
        "recursion limit exceeded" => (
            "nested 128 levels deep or more",
            Some(
                "API4Partners payloads nest a few levels deep; JSON nested 128 levels deep or \
                 more is refused (the same limit as serde_json's)",
            ),
        ),
        m if m.starts_with("control character") => (
            "a control character inside a string",
            Some("write it escaped: \\n for a line break, \\t for a tab, \\u0000 for others"),
        ),
        m if m.starts_with("EOF while parsing") => {
            let inside = match m.trim_start_matches("EOF while parsing ") {
                "a list" => "the text ends inside an array",
                "an object" => "the text ends inside an object",
                "a string" => "the text ends inside a string",
                _ => "the text ends where a value was expected",
            };
            (
                inside,
                Some("the text is cut short: close every `{` and `[` that is still open"),
            )
        }
        other => (other, None),
    };
    (what.to_owned(), help)
}

/// The ASCII letters, digits and underscores around `offset` (empty when there are none).
fn bare_word(json: &str, offset: usize) -> Range<usize> {
    let bytes = json.as_bytes();
    let is_word = |b: &u8| b.is_ascii_alphanumeric() || *b == b'_';
    // serde_json stops on the byte after a word it cannot finish (`tru` then a line break).
    let offset = if !bytes.get(offset).is_some_and(is_word)
        && offset > 0
        && bytes.get(offset - 1).is_some_and(is_word)
    {
        offset - 1
    } else {
        offset
    };
    if !bytes.get(offset).is_some_and(is_word) {
        return offset..offset;
    }
    let start = bytes[..offset]
        .iter()
        .rposition(|b| !is_word(b))
        .map_or(0, |i| i + 1);
    let end = bytes[offset..]
        .iter()
        .position(|b| !is_word(b))
        .map_or(bytes.len(), |i| offset + i);
    // A word starts with a letter: `12` of a bad number is not one.
    if bytes[start].is_ascii_alphabetic() {
        start..end
    } else {
        offset..offset
    }
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
        assert_eq!(
            span_of("{\n  \"a\": tru\n}"),
            (
                Span::new(9, 3),
                "invalid JSON: `tru` is not a JSON value".to_owned()
            )
        );
        assert_eq!(
            span_of("this is not json"),
            (
                Span::new(0, 4),
                "invalid JSON: `this` is not a JSON value".to_owned()
            )
        );
        assert_eq!(
            span_of("{\"a\": 12x}"),
            (
                Span::new(8, 1),
                "invalid JSON: expected `,` before the next member, or `}` to close the object"
                    .to_owned()
            )
        );
        assert_eq!(span_of("").0, Span::new(0, 0));
        let (span, message) = span_of("{\"a\": [1, 2");
        assert_eq!(span, Span::new(11, 0));
        assert_eq!(message, "invalid JSON: the text ends inside an array");
        assert_eq!(span_of("{\"é\": x}").0, Span::new(7, 1));
        let (span, message) = span_of("{\"a\": [1, -1.5e400]}");
        assert_eq!(
            (span, message.as_str()),
            (Span::new(10, 8), "invalid JSON: a number too large to hold")
        );
    }
}
