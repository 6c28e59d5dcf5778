//! Redaction: payloads carry personal data (customer names, emails, phone numbers) and CI logs
//! are widely readable. A redacted report shows the payload's structure and nothing of its
//! data, by one mechanism for every output format:
//!
//! - **Findings' texts**: every quote of payload data, and anything computed from it, is
//!   marked where the rule writes it, and a finding keeps a
//!   redacted wording beside the plain one ([`crate::Diagnostic::redact`] swaps it in). Nothing
//!   searches finished sentences for values, which a cut, an escape or a rewritten value
//!   would defeat. A suggestion made of payload data is dropped; a suggested code stays.
//! - **The source text** that code frames show is masked here: a masked character
//!   becomes one `*` per UTF-8 byte, so spans and lines stay those of the original, and a mask
//!   does not tell an accented letter, a CJK character or an emoji apart from plain ASCII.
//!   Where masked characters were wider than a byte is kept beside the text
//!   so that columns (in characters) stay those of the original too.
//!
//! **Keys are never masked**, whether the spec knows them or not: a member the spec does not
//! know (A4P103) keeps its name in its JSON Pointer (`/leadOpportunity/Zq7SECRETzz`, which
//! `Error`'s one-line message and the middleware's log show), in its message and in the
//! code frame. Data a payload carries in keys is shown.

//!
//! **Secrets** are redacted whatever the configuration: an API key response's `api_key` is a
//! live credential and its `hashed_key` the hash of one ([`SECRET_MEMBERS`]). A report of an
//! `apikey-response`, or of any text with findings that names one of these members, however
//! spelled (`apiKey`, `x-api-key`, `Api\tKey`, escapes, UTF-16: ASCII letters with any
//! separators between them), or that holds a value shaped like a key or its hash (more
//! than 32 hexadecimal digits or a bcrypt `$2b$12$`: misspelled names, a key on an NDJSON
//! line of its own), is
//! redacted as `--redact` does (the linter decides it: see `Linter`), so the key reaches no
//! message, label, help, suggestion, code frame, snippet or output format. The whole payload
//! is masked, not the two values only: an API key response holds nothing else worth showing,
//! and a key written under a misspelled member (`apiKey`), repeated, or in text that did not
//! parse has no pointer to mask by. A report that merely mentions such a name is redacted
//! too: over-redacting is acceptable, showing a key is not.

/// The members whose values are secrets: an API key response's (`POST
/// /order/api4partners/v0/apikeys`) plain key and its hash.
pub const SECRET_MEMBERS: &[&str] = &["api_key", "hashed_key"];

/// What [`names_a_secret`] looks for: the [`SECRET_MEMBERS`] as they read once normalised
/// (lower case, without separators).
const SECRET_SPELLINGS: &[&[u8]] = &[b"apikey", b"hashedkey"];

/// The longest of [`SECRET_SPELLINGS`].
const SPELLING_MAX: usize = 9;

/// Whether `text` names one of the [`SECRET_MEMBERS`], however a client spelled it. The text
/// is read normalised, so that each of these is found:
///
/// - NUL bytes skipped (UTF-16 text, whose every other byte is 0 for ASCII);
/// - `\uXXXX` escapes of ASCII characters decoded (`"\u0061pi_key"`, `"api\u005fkey"`);
/// - case folded (`API_KEY`, `apiKey`, `hashedKey`);
/// - `_`, `-`, `.`, ASCII whitespace and control characters, and JSON's short escapes
///   (`\t`, `\n`, …) ignored (`api-key`, `x-api-key`, `X-API-Key`, `api.key`, `hashed key`,
///   `"Api\tKey"`).
///
/// Letters are ASCII letters: a name spelled with look-alikes beyond ASCII (fullwidth
/// `ＡＰＩ_ＫＥＹ`, a dotless `ı`, a zero-width space inside) is not recognised; no client
/// writes those by accident.
///
/// Then it looks for `apikey` or `hashedkey` anywhere, inside a longer word too (`x-api-key`,
/// `myApiKey`). That over-redacts a report whose text merely mentions such a name (a
/// description saying "the API key"): a redacted report of a payload that holds no secret is
/// the price of never showing one that does. Linear in the text, no allocation: one pass with
/// a window of the last nine letters read; an escape is decoded by looking at most five
/// characters ahead.
pub(crate) fn names_a_secret(text: &str) -> bool {
    let bytes = text.as_bytes();
    let mut window = [0u8; SPELLING_MAX];
    let mut at = 0;
    while let Some((unit, next)) = read_unit(bytes, at) {
        at = next;
        match unit {
            b'a'..=b'z' | b'A'..=b'Z' => {
                window.copy_within(1.., 0);
                window[SPELLING_MAX - 1] = unit.to_ascii_lowercase();
                if SECRET_SPELLINGS.iter().any(|s| window.ends_with(s)) {
                    return true;
                }
            }
            b'_' | b'-' | b'.' => {}
            _ if unit.is_ascii_whitespace() || unit.is_ascii_control() => {}
            _ => window = [0; SPELLING_MAX],
        }
    }
    false
}

/// Whether `text` names a secret member ([`SECRET_MEMBERS`], read as [`names_a_secret`]
/// reads) or holds a key-shaped value: a text `check --diff` never prints, whatever the
/// configuration. Public for the binary.
#[doc(hidden)]
pub fn may_hold_a_secret(text: &str) -> bool {
    names_a_secret(text) || holds_a_key_shaped_value(text)
}

/// The shortest run of hexadecimal digits, letters and digits mixed, taken for (a piece of)
/// an API key: longer than the 32 digits of an error body's `traceId` (or a UUID without its
/// dashes), which are no secret and in every error body.
const KEY_PIECE_MIN: usize = 33;

/// Whether `text` holds what looks like an API key or its hash whatever member holds it
/// (`api_kye`, `api_token`, the key alone on an NDJSON line after the line naming it): a run
/// of at least [`KEY_PIECE_MIN`] hexadecimal digits mixing letters and digits (a key is 64;
/// the longer piece of one cut by a line break is at least 32), or a bcrypt hash's
/// `$2b$12$` (the `hashed_key`'s form). NULs are skipped, as in [`names_a_secret`].
/// Identifiers, dates and numbers of the API hold no such run: a number is digits only, a
/// trace id is 32 digits, a UUID's groups at most 12. A piece of 32 digits or fewer alone is
/// not recognised (the other piece, on the line naming the key, is).
pub(crate) fn holds_a_key_shaped_value(text: &str) -> bool {
    let bytes = text.as_bytes();
    let (mut run, mut letters, mut digits) = (0usize, false, false);
    // The last six bytes read, for the bcrypt marker.
    let mut recent = [0u8; 7];
    let mut at = 0;
    while let Some((byte, next)) = read_byte(bytes, at) {
        at = next;
        recent.copy_within(1.., 0);
        recent[6] = byte;
        if recent[0] == b'$'
            && recent[1] == b'2'
            && matches!(recent[2], b'a' | b'b' | b'x' | b'y')
            && recent[3] == b'$'
            && recent[4].is_ascii_digit()
            && recent[5].is_ascii_digit()
            && recent[6] == b'$'
        {
            return true;
        }
        if byte.is_ascii_hexdigit() {
            run += 1;
            letters |= byte.is_ascii_alphabetic();
            digits |= byte.is_ascii_digit();
            if run >= KEY_PIECE_MIN && letters && digits {
                return true;
            }
        } else {
            (run, letters, digits) = (0, false, false);
        }
    }
    false
}

/// The byte at or after `at` that is not NUL, and where the next one starts.
fn read_byte(bytes: &[u8], mut at: usize) -> Option<(u8, usize)> {
    while at < bytes.len() {
        if bytes[at] != 0 {
            return Some((bytes[at], at + 1));
        }
        at += 1;
    }
    None
}

/// The character at or after `at`, NULs skipped and a `\uXXXX` escape decoded (`0xFF`, no
/// letter, for an escape of a character beyond ASCII), and where the next one starts.
fn read_unit(bytes: &[u8], at: usize) -> Option<(u8, usize)> {
    let (byte, next) = read_byte(bytes, at)?;
    if byte != b'\\' {
        return Some((byte, next));
    }
    let escape = || {
        let (u, mut at) = read_byte(bytes, next)?;
        if matches!(u, b't' | b'n' | b'r' | b'b' | b'f') {
            // A short escape of a control character: ignored like the character.
            return Some((b'\t', at));
        }
        if u != b'u' {
            return None;
        }
        let mut code = 0u32;
        for _ in 0..4 {
            let (digit, after) = read_byte(bytes, at)?;
            code = code * 16 + char::from(digit).to_digit(16)?;
            at = after;
        }
        Some((
            u8::try_from(code).ok().filter(u8::is_ascii).unwrap_or(0xFF),
            at,
        ))
    };
    Some(escape().unwrap_or((byte, next)))
}

/// A masked text, and where its masks stand for characters of more than one byte.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Masked {
    /// The masked text: the original's byte length and line breaks.
    pub text: String,
    /// For each masked character of `n > 1` bytes, in order: the offset where it ends, and
    /// the bytes in excess of one character (`n - 1`) up to there, summed. Counting columns
    /// in the masked text and taking away what lies in between gives the original's columns.
    pub wide: Vec<(usize, usize)>,
}

impl Masked {
    fn push_mask(&mut self, c: char) {
        let len = c.len_utf8();
        self.text.extend(std::iter::repeat_n('*', len));
        if len > 1 {
            let before = self.wide.last().map_or(0, |&(_, extra)| extra);
            self.wide.push((self.text.len(), before + len - 1));
        }
    }
}

/// Line breaks stay, so that a frame's lines are the file's lines.
fn is_line_break(c: char) -> bool {
    matches!(c, '\n' | '\r')
}

/// `text` with its data masked, a `*` for each byte of a masked character (same UTF-8
/// length, same line breaks). Text that parsed as JSON (`parsed`) keeps its structure: punctuation, layout,
/// keys, `true`/`false`/`null`; string values (spaces included) and numbers are masked. Text
/// that did not parse cannot be told apart into keys and values (a single-quoted dump, a
/// bare word, a value followed by a colon), so only its layout (spaces, tabs, line breaks)
/// and JSON punctuation stay.
pub(crate) fn mask(text: &str, parsed: bool) -> Masked {
    if parsed {
        mask_values(text)
    } else {
        let mut out = Masked {
            text: String::with_capacity(text.len()),
            wide: Vec::new(),
        };
        // A BOM is the file's encoding mark, not data: masked, it would count as characters.
        let bom = if text.starts_with('\u{feff}') {
            "\u{feff}"
        } else {
            ""
        };
        out.text.push_str(bom);
        for c in text[bom.len()..].chars() {
            if is_line_break(c) || matches!(c, ' ' | '\t' | '{' | '}' | '[' | ']' | ':' | ',' | '"')
            {
                out.text.push(c);
            } else {
                out.push_mask(c);
            }
        }
        out
    }
}

/// Masks the string values (strings not followed by `:`) and numbers of JSON text.
fn mask_values(text: &str) -> Masked {
    let bytes = text.as_bytes();
    let mut out = Masked {
        text: String::with_capacity(text.len()),
        wide: Vec::new(),
    };
    let mut copied = 0;
    let mut i = 0;
    let masked = |out: &mut Masked, from: usize, to: usize, copied: &mut usize| {
        out.text.push_str(&text[*copied..from]);
        for c in text[from..to].chars() {
            if is_line_break(c) {
                out.text.push(c);
            } else {
                out.push_mask(c);
            }
        }
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
    out.text.push_str(&text[copied.min(text.len())..]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn masks_values_and_numbers_not_keys_and_keeps_offsets() {
        let text =
            "{\"name\": \"Zoé \\\"Z\\\" 😀\", \"n\": -1.5e3, \"tags\": [\"a\", \"\", true, null]}";
        let masked = mask(text, true);
        assert_eq!(masked.text.len(), text.len());
        // A mask does not tell what kind of character it hides.
        assert_eq!(
            masked.text,
            "{\"name\": \"***************\", \"n\": ******, \"tags\": [\"*\", \"\", true, null]}"
        );
        // `é` (2 bytes) ends at 14, `😀` (4 bytes) at 25: 1 and 1 + 3 bytes in excess.
        assert_eq!(masked.wide, vec![(14, 1), (25, 4)]);
        assert_eq!(&text[12..14], "é");
        assert_eq!(&text[21..25], "😀");
    }

    #[test]
    fn text_that_did_not_parse_keeps_only_its_layout() {
        let text = "{'email': 'robert@x.com',\n \"name\": \"X\" : 1, ZQXBARE\r\n}";
        assert_eq!(
            mask(text, false).text,
            "{*******: **************,\n \"****\": \"*\" : *, *******\r\n}"
        );
        let masked = mask("['Zoé', 山]", false);
        assert_eq!(masked.text, "[******, ***]");
        assert_eq!(masked.wide, vec![(6, 1), (12, 3)]);
    }

    #[test]
    fn line_breaks_inside_strings_stay() {
        // A raw line break in a string is not JSON, but a frame must still show the file's
        // lines.
        assert_eq!(
            mask("{\"a\": \"Robert\nJohnson\"}", true).text,
            "{\"a\": \"******\n*******\"}"
        );
    }

    #[test]
    fn finds_the_secret_members_however_written() {
        let utf16: String = "{\"api_key\": \"x\"}"
            .chars()
            .flat_map(|c| [c, '\0'])
            .collect();
        for text in [
            r#"{"api_key": "x"}"#,
            r#"{"hashed_key": "x"}"#,
            r#"{"API_KEY": "x"}"#,
            r#"{"api\u005fkey": "x"}"#,
            r#"{"hashed\u005Fkey": "x"}"#,
            r#"{"\u0061pi_key": "x"}"#,
            r#"{"api_\u006bey": "x"}"#,
            r#"{"\u0061\u0070\u0069\u005f\u006b\u0065\u0079": "x"}"#,
            r#"{"apiKey": "x"}"#,
            r#"{"hashedKey": "x"}"#,
            r#"{"x-api-key": "x"}"#,
            r#"{"X-API-Key": "x"}"#,
            r#"{"API-KEY": "x"}"#,
            r#"{"api.key": "x", "api key": 1}"#,
            r#"{"apikey": "x"}"#,
            "{'api_key: x",
            "\0a\0p\0i\0_\0k\0e\0y",
            &utf16,
            "a\\u0070ikey",
            r#"{"description": "Api\tKey", "b": "hashed\nkey"}"#,
            "api\t_key",
            "hashed\r\nkey",
            // A mention is enough: over-redacting is the price of never leaking.
            r#"{"description": "paste the API key here"}"#,
        ] {
            assert!(names_a_secret(text), "{text}");
        }
        for text in [
            r#"{"key": "_key"}"#,
            r#"{"api": "key"}"#,
            r#"{"api1key": "x"}"#,
            r#"{"api\u00e9key": "x"}"#,
            "\\u",
            "\\u00",
            "\\u006",
            "_",
            "api_ke",
            "hashed_",
            "",
        ] {
            assert!(!names_a_secret(text), "{text}");
        }
    }

    #[test]
    fn finds_key_shaped_values_under_any_name() {
        let key = "5839bcfabb9e0d20f889f366dbfbbe2973c152cfbe91fae728a9f7e662ce1a2d";
        let hash = "$2b$12$8tcF4MTIDcup3WEo8fFSieGIYEnp/DTLHSTivUCcW2II/VVwRI9Qm";
        for text in [
            format!(r#"{{"api_kye": "{key}"}}"#),
            format!("\"{key}\"}}"),
            format!("{}\"}}", &key[30..]),
            format!(r#"{{"token": "{hash}"}}"#),
            key.bytes().flat_map(|b| [b as char, '\0']).collect(),
            format!("{}1", "a".repeat(32)),
        ] {
            assert!(holds_a_key_shaped_value(&text), "{text}");
        }
        for text in [
            r#"{"quantity": 18446744073709551617}"#,
            r#"{"id": "123e4567-e89b-12d3-a456-426614174000"}"#,
            r#"{"name": "deadbeefcafebabe"}"#,
            r#"{"traceId": "3d29ece30a064ea68c3f5f4a9f785c6f"}"#,
            &key[..32],
            "$2b$1$",
            "2b$12$",
            "",
        ] {
            assert!(!holds_a_key_shaped_value(text), "{text}");
        }
    }

    #[test]
    fn tolerates_broken_text() {
        assert_eq!(
            mask("{\"name\": \"unterminated", true).text,
            "{\"name\": \"************"
        );
        assert_eq!(mask("\"", true).text, "\"");
        assert_eq!(mask("-", true).text, "*");
    }
}
