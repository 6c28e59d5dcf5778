//! Redaction: payloads carry personal data (customer names, emails, phone numbers) and CI logs
//! are widely readable. A redacted report shows the payload's structure and nothing of its
//! data, by one mechanism for every output format:
//!
//! - **Findings' texts**: every quote of payload data, and anything computed from it, is
//!   marked where the rule writes it ([`crate::text::payload`]), and a finding keeps a
//!   redacted wording beside the plain one ([`crate::Diagnostic::redact`] swaps it in). Nothing
//!   searches finished sentences for values, which a cut, an escape or a rewritten value
//!   would defeat. A suggestion made of payload data is dropped; a suggested code stays.
//! - **The source text** that code frames show is masked here ([`mask`]): the same byte length
//!   and the same characters per line, line breaks kept, so spans, lines and columns stay
//!   those of the original.

pub use crate::text::REDACTED;

/// A mask character of `len` UTF-8 bytes.
fn mask_char(len: usize) -> char {
    match len {
        1 => '*',
        2 => '¤',
        3 => '■',
        _ => '𝍖',
    }
}

/// Line breaks stay, so that a frame's lines are the file's lines.
fn is_line_break(c: char) -> bool {
    matches!(c, '\n' | '\r')
}

/// `text` with its data masked, character for character (same UTF-8 length, same line
/// breaks). Text that parsed as JSON (`parsed`) keeps its structure: punctuation, layout,
/// keys, `true`/`false`/`null`; string values (spaces included) and numbers are masked. Text
/// that did not parse cannot be told apart into keys and values (a single-quoted dump, a
/// bare word, a value followed by a colon), so only its layout (spaces, tabs, line breaks)
/// and JSON punctuation stay.
pub fn mask(text: &str, parsed: bool) -> String {
    if parsed {
        mask_values(text)
    } else {
        text.chars()
            .map(|c| {
                if is_line_break(c)
                    || matches!(c, ' ' | '\t' | '{' | '}' | '[' | ']' | ':' | ',' | '"')
                {
                    c
                } else {
                    mask_char(c.len_utf8())
                }
            })
            .collect()
    }
}

/// Masks the string values (strings not followed by `:`) and numbers of JSON text.
fn mask_values(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = String::with_capacity(text.len());
    let mut copied = 0;
    let mut i = 0;
    let masked = |out: &mut String, from: usize, to: usize, copied: &mut usize| {
        out.push_str(&text[*copied..from]);
        out.extend(text[from..to].chars().map(|c| {
            if is_line_break(c) {
                c
            } else {
                mask_char(c.len_utf8())
            }
        }));
        *copied = to;
    };
    while i < bytes.len() {
        match bytes[i] {
            b'"' => {
                // A string from its opening quote at `i` to its closing quote at `end` (or
                // the text's end).
                let start = i + 1;
                let mut j = start;
                while j < bytes.len() && bytes[j] != b'"' {
                    j += if bytes[j] == b'\\' { 2 } else { 1 };
                }
                let end = j.min(bytes.len());
                let after =
                    text[(end + 1).min(text.len())..].trim_start_matches([' ', '\t', '\n', '\r']);
                if !after.starts_with(':') {
                    masked(&mut out, start, end, &mut copied);
                }
                i = end + 1;
            }
            b'-' | b'0'..=b'9' => {
                let end = i + bytes[i..]
                    .iter()
                    .position(|b| !matches!(b, b'-' | b'+' | b'.' | b'e' | b'E' | b'0'..=b'9'))
                    .unwrap_or(bytes.len() - i);
                masked(&mut out, i, end, &mut copied);
                i = end;
            }
            _ => i += 1,
        }
    }
    out.push_str(&text[copied.min(text.len())..]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn masks_values_and_numbers_not_keys_and_keeps_offsets_and_columns() {
        let text =
            "{\"name\": \"Zoé \\\"Z\\\" 😀\", \"n\": -1.5e3, \"tags\": [\"a\", \"\", true, null]}";
        let masked = mask(text, true);
        assert_eq!(masked.len(), text.len());
        assert_eq!(masked.chars().count(), text.chars().count());
        assert_eq!(
            masked,
            "{\"name\": \"**¤*******𝍖\", \"n\": ******, \"tags\": [\"*\", \"\", true, null]}"
        );
    }

    #[test]
    fn text_that_did_not_parse_keeps_only_its_layout() {
        let text = "{'email': 'robert@x.com',\n \"name\": \"X\" : 1, ZQXBARE\r\n}";
        assert_eq!(
            mask(text, false),
            "{*******: **************,\n \"****\": \"*\" : *, *******\r\n}"
        );
    }

    #[test]
    fn line_breaks_inside_strings_stay() {
        // A raw line break in a string is not JSON, but a frame must still show the file's
        // lines.
        assert_eq!(
            mask("{\"a\": \"Robert\nJohnson\"}", true),
            "{\"a\": \"******\n*******\"}"
        );
    }

    #[test]
    fn tolerates_broken_text() {
        assert_eq!(
            mask("{\"name\": \"unterminated", true),
            "{\"name\": \"************"
        );
        assert_eq!(mask("\"", true), "\"");
        assert_eq!(mask("-", true), "*");
    }
}
