//! Redaction: payloads carry personal data (customer names, emails, phone numbers) and CI logs
//! are widely readable. A redacted report masks every string *value* of the payload in its
//! source text and in every finding's text; keys, codes, pointers, spans and suggestions of
//! allowed codes stay.
//!
//! Masking keeps every byte offset and every character column: each character of a string
//! value is replaced by a mask character of the same UTF-8 length.

use std::collections::BTreeSet;

use crate::diagnostic::Diagnostic;
use crate::model::vocabulary::OPEN_VOCABULARIES;
use crate::model::{ForecastCategory, LeadOpportunityStatus, ReasonLost, ReasonWon, RevenueType};

/// What replaces a redacted value in messages.
pub const REDACTED: &str = "<redacted>";

/// The masked text and the decoded string values it hid.
pub struct Masked {
    /// The text with every string value's characters masked.
    pub text: String,
    /// The string values (decoded where they had escapes), for redacting messages.
    pub values: BTreeSet<String>,
}

/// A mask character of `len` UTF-8 bytes.
fn mask_char(len: usize) -> char {
    match len {
        1 => '*',
        2 => '¤',
        3 => '■',
        _ => '𝍖',
    }
}

/// Masks the string values of JSON text (strings not followed by `:`), tolerating text that
/// is not valid JSON (every string that is not a key is masked).
pub fn mask(text: &str) -> Masked {
    let bytes = text.as_bytes();
    let mut out = String::with_capacity(text.len());
    let mut values = BTreeSet::new();
    let mut copied = 0;
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] != b'"' {
            i += 1;
            continue;
        }
        // A string from `i` (its opening quote) to `end` (its closing quote, or the text's end).
        let start = i + 1;
        let mut j = start;
        while j < bytes.len() && bytes[j] != b'"' {
            j += if bytes[j] == b'\\' { 2 } else { 1 };
        }
        let end = j.min(bytes.len());
        let after = text[(end + 1).min(text.len())..].trim_start_matches([' ', '\t', '\n', '\r']);
        let is_key = after.starts_with(':');
        if !is_key && end > start {
            let content = &text[start..end];
            out.push_str(&text[copied..start]);
            out.extend(content.chars().map(|c| mask_char(c.len_utf8())));
            copied = end;
            let decoded =
                serde_json::from_str::<String>(&text[start - 1..(end + 1).min(text.len())])
                    .unwrap_or_else(|_| content.to_owned());
            values.insert(decoded);
        }
        i = end + 1;
    }
    out.push_str(&text[copied.min(text.len())..]);
    Masked { text: out, values }
}

/// Whether a value is one of the API's codes (closed enums, open vocabularies' known codes):
/// codes are not personal data and stay readable.
fn is_code(value: &str) -> bool {
    LeadOpportunityStatus::ALL
        .iter()
        .any(|c| c.as_str() == value)
        || ForecastCategory::ALL.iter().any(|c| c.as_str() == value)
        || ReasonWon::ALL.iter().any(|c| c.as_str() == value)
        || ReasonLost::ALL.iter().any(|c| c.as_str() == value)
        || RevenueType::ALL.iter().any(|c| c.as_str() == value)
        || OPEN_VOCABULARIES
            .iter()
            .any(|(_, known)| known.contains(&value))
}

/// Removes the payload's string values from a finding's texts. A suggestion that contained
/// one (a fixed email address, a rewritten date) is dropped; one made of codes stays.
pub fn redact_diagnostic(d: &mut Diagnostic, values: &BTreeSet<String>) {
    let mut hidden: Vec<String> = values
        .iter()
        .filter(|v| !v.trim().is_empty() && !is_code(v))
        .flat_map(|v| {
            // As written, as JSON-escaped in messages, trimmed (a help that fixes the
            // value), and the parts that identify someone on their own (an address inside
            // `mailto:...` or `Name <...>`, a phone number inside a sentence).
            let escaped = serde_json::to_string(v).unwrap_or_default();
            let escaped = escaped[1..escaped.len().saturating_sub(1)].to_owned();
            let tokens = v
                .split(|c: char| {
                    c.is_whitespace() || matches!(c, ':' | '<' | '>' | ',' | ';' | '"')
                })
                .filter(|t| t.len() >= 3 && t.contains(|c: char| c == '@' || c.is_ascii_digit()))
                .map(str::to_owned);
            [v.clone(), escaped, v.trim().to_owned()]
                .into_iter()
                .chain(tokens)
        })
        .filter(|v| !v.is_empty())
        .collect();
    // Longest first, so that a value containing another is masked whole.
    hidden.sort_by_key(|v| std::cmp::Reverse(v.len()));
    hidden.dedup();
    let scrub = |text: &mut String| {
        for value in &hidden {
            if text.contains(value.as_str()) {
                *text = replace_words(text, value);
            }
        }
    };
    scrub(&mut d.message);
    scrub(&mut d.label);
    for label in &mut d.secondary {
        scrub(&mut label.message);
    }
    if let Some(help) = d.help.as_mut() {
        scrub(help);
    }
    if let Some(note) = d.note.as_mut() {
        scrub(note);
    }
    if let Some(suggestion) = d.suggestion.as_ref() {
        if hidden
            .iter()
            .any(|v| replace_words(suggestion, v) != *suggestion)
        {
            d.suggestion = None;
        }
    }
}

/// `text` with every occurrence of `value` that is not part of a longer word replaced by
/// [`REDACTED`] (`Commit` is hidden, `Commitment` in a description of the codes is not).
fn replace_words(text: &str, value: &str) -> String {
    let is_word = |c: Option<char>| c.is_some_and(char::is_alphanumeric);
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find(value) {
        let before = rest[..at]
            .chars()
            .next_back()
            .or_else(|| out.chars().next_back());
        let after = rest[at + value.len()..].chars().next();
        let starts_word = value.chars().next().is_some_and(char::is_alphanumeric);
        let ends_word = value.chars().next_back().is_some_and(char::is_alphanumeric);
        out.push_str(&rest[..at]);
        if (starts_word && is_word(before)) || (ends_word && is_word(after)) {
            out.push_str(value);
        } else {
            out.push_str(REDACTED);
        }
        rest = &rest[at + value.len()..];
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn masks_values_not_keys_and_keeps_offsets_and_columns() {
        let text = "{\"name\": \"Zoé \\\"Z\\\" 😀\", \"n\": 1, \"tags\": [\"a\", \"\"]}";
        let masked = mask(text);
        assert_eq!(masked.text.len(), text.len());
        assert_eq!(masked.text.chars().count(), text.chars().count());
        assert!(
            masked.text.starts_with("{\"name\": \"**¤*******𝍖\""),
            "{}",
            masked.text
        );
        assert!(masked.text.contains("\"n\": 1"));
        assert_eq!(
            masked.values,
            BTreeSet::from(["Zoé \"Z\" 😀".to_owned(), "a".to_owned()])
        );
    }

    #[test]
    fn hides_whole_words_only() {
        assert_eq!(
            replace_words("\"Commit\" (Commitment)", "Commit"),
            "\"<redacted>\" (Commitment)"
        );
        assert_eq!(replace_words("call +49 171", "+49 171"), "call <redacted>");
    }

    #[test]
    fn tolerates_broken_text() {
        let masked = mask("{\"name\": \"unterminated");
        assert_eq!(masked.text, "{\"name\": \"************");
        assert_eq!(mask("\"").text, "\"");
    }
}
