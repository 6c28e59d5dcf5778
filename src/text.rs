//! Text for people: whatever an input holds (a key, a value, a file name, a configured word)
//! is shown without letting it drive the terminal or the CI log that shows it.

use std::borrow::Cow;

/// `text` with its control characters (C0, DEL and C1, U+0085 among them) and layout
/// controls (the bidirectional controls, the line and paragraph separators) written as JSON
/// escapes them (`\u001b`, `\u202e`, `\u2028`), except those
/// `keep` accepts: text from an input (a key, a value, a file name, a configured word) must
/// not drive the terminal or the CI log that shows it. Borrowed when nothing is escaped.
pub fn escape_controls(text: &str, keep: impl Fn(char) -> bool) -> Cow<'_, str> {
    // Control characters are C0 and DEL (single bytes) and C1 (`0xC2 0x80..=0x9F`), the
    // layout controls start with 0xD8 or 0xE2: text without those bytes, nearly all text, is
    // returned without being decoded.
    let suspect = |b: &u8| matches!(*b, 0..=0x1f | 0x7f | 0xc2 | 0xd8 | 0xe2);
    let escaped = |c: char| (c.is_control() || is_layout_control(c)) && !keep(c);
    if !text.as_bytes().iter().any(suspect) || !text.chars().any(escaped) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if escaped(c) {
            out.push_str(&format!("\\u{:04x}", u32::from(c)));
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// The characters that change how a line is laid out rather than what it says. The
/// bidirectional controls: U+061C, U+200E and U+200F mark a direction, U+202A..U+202E and
/// U+2066..U+2069 embed, override or isolate one; shown raw, they reorder how a line of a
/// report reads (a key or a file name that displays as something else). The line and
/// paragraph separators U+2028 and U+2029 end a line for many viewers (CI logs rendered in a
/// browser, editors) and for none of the line counts: a value could start a report line of
/// its own. Everything shown escapes them as it escapes control characters.
pub(crate) fn is_layout_control(c: char) -> bool {
    matches!(
        c,
        '\u{061c}'
            | '\u{200e}'
            | '\u{200f}'
            | '\u{2028}'..='\u{202e}'
            | '\u{2066}'..='\u{2069}'
    )
}

/// What kind of file this is, for a message: "a folder", "a FIFO", "a character device"...
/// (what the configuration reader and `--output` refuse, or write through).
pub fn file_kind(kind: &std::fs::FileType) -> &'static str {
    if kind.is_dir() {
        return "a folder";
    }
    if kind.is_file() {
        return "a regular file";
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if kind.is_fifo() {
            return "a FIFO";
        }
        if kind.is_char_device() {
            return "a character device";
        }
        if kind.is_block_device() {
            return "a block device";
        }
        if kind.is_socket() {
            return "a socket";
        }
    }
    "a special file"
}

/// Opens text taken from a payload inside a finding's wording (see [`payload`]).
const PAYLOAD_OPEN: char = '\u{E000}';
/// Closes it.
const PAYLOAD_CLOSE: char = '\u{E001}';

/// Opens words that only an unredacted wording has (see [`unredacted_only`]).
const UNREDACTED_OPEN: char = '\u{E002}';
/// Closes them.
const UNREDACTED_CLOSE: char = '\u{E003}';

/// The marks of this module: a payload's own are escaped, so that it cannot forge one.
fn is_mark(c: char) -> bool {
    matches!(
        c,
        PAYLOAD_OPEN | PAYLOAD_CLOSE | UNREDACTED_OPEN | UNREDACTED_CLOSE
    )
}

/// What a redacted report shows in place of text taken from a payload.
pub(crate) const REDACTED: &str = "<redacted>";

/// `text`, marked as payload data where a finding's wording quotes it: a value (or its cut
/// start), or anything computed from one (an upper-cased currency, a date-time rewritten in
/// UTC). A finding keeps two wordings of each text, one with the marked parts as they are
/// and one with each replaced by [`REDACTED`] ([`unmark`]), so that a redacted report never
/// has to find payload data in finished sentences. The marks are two private-use characters;
/// the same characters inside `text` are written as `\ue000` escapes, so a payload cannot
/// close its own mark.
pub(crate) fn payload(text: impl std::fmt::Display) -> String {
    let text = text.to_string();
    let mut out = String::with_capacity(text.len() + 6);
    out.push(PAYLOAD_OPEN);
    for c in text.chars() {
        if is_mark(c) {
            out.push_str(&format!("\\u{:04x}", u32::from(c)));
        } else {
            out.push(c);
        }
    }
    out.push(PAYLOAD_CLOSE);
    out
}

/// `text`, marked as words the redacted wording leaves out whole: a hint that says something
/// of the payload's value even with the value masked (that it is a code of another list,
/// and of which), where `<redacted> is a `transaction.status`` would still tell it.
pub(crate) fn unredacted_only(text: impl std::fmt::Display) -> String {
    format!("{UNREDACTED_OPEN}{text}{UNREDACTED_CLOSE}")
}

/// The two wordings of a text with marked payload data: the plain one (marks removed) and,
/// when something was marked, the redacted one (each marked part replaced by [`REDACTED`]).
/// Words marked [`unredacted_only`] are in the plain wording alone. A mark left open runs to
/// the end of the text; a stray closing mark is dropped.
pub(crate) fn unmark(text: String) -> (String, Option<String>) {
    if !text.contains(is_mark) {
        return (text, None);
    }
    let mut plain = String::with_capacity(text.len());
    let mut redacted = String::with_capacity(text.len());
    let mut inside = false;
    let mut unredacted_only = false;
    for c in text.chars() {
        match c {
            PAYLOAD_OPEN => {
                if !inside && !unredacted_only {
                    redacted.push_str(REDACTED);
                }
                inside = true;
            }
            PAYLOAD_CLOSE => inside = false,
            UNREDACTED_OPEN => unredacted_only = true,
            UNREDACTED_CLOSE => unredacted_only = false,
            c => {
                plain.push(c);
                if !inside && !unredacted_only {
                    redacted.push(c);
                }
            }
        }
    }
    (plain, Some(redacted))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn marked_payload_text_has_two_wordings() {
        let text = format!("`email` is {}, write {}", payload("\"a@b\""), payload("x"));
        let (plain, redacted) = unmark(text);
        assert_eq!(plain, "`email` is \"a@b\", write x");
        assert_eq!(
            redacted.as_deref(),
            Some("`email` is <redacted>, write <redacted>")
        );
        assert_eq!(unmark("no data".to_owned()), ("no data".to_owned(), None));
    }

    #[test]
    fn words_for_the_unredacted_wording_alone_are_left_out_of_the_redacted_one() {
        let hint = unredacted_only(format!("{} is a `transaction.status`; ", payload("\"x\"")));
        let (plain, redacted) = unmark(format!("{hint}allowed values: A, B"));
        assert_eq!(
            plain,
            "\"x\" is a `transaction.status`; allowed values: A, B"
        );
        assert_eq!(redacted.as_deref(), Some("allowed values: A, B"));
        // A payload cannot forge the mark either.
        let forged = format!("x{UNREDACTED_CLOSE}y");
        let (plain, redacted) = unmark(unredacted_only(payload(&forged)));
        assert_eq!(plain, "x\\ue003y");
        assert_eq!(redacted.as_deref(), Some(""));
    }

    #[test]
    fn a_payload_cannot_close_its_own_mark() {
        let forged = format!("secret{PAYLOAD_CLOSE}leak{PAYLOAD_OPEN}");
        let (plain, redacted) = unmark(format!("is {}", payload(&forged)));
        assert_eq!(plain, "is secret\\ue001leak\\ue000");
        assert_eq!(redacted.as_deref(), Some("is <redacted>"));
        // Unbalanced marks (not written by `payload`) still hide what follows an opening.
        let (_, redacted) = unmark(format!("a{PAYLOAD_OPEN}b{PAYLOAD_CLOSE}{PAYLOAD_CLOSE}c"));
        assert_eq!(redacted.as_deref(), Some("a<redacted>c"));
        let (plain, redacted) = unmark(format!("a{PAYLOAD_OPEN}secret"));
        assert_eq!(
            (plain.as_str(), redacted.as_deref()),
            ("asecret", Some("a<redacted>"))
        );
    }
}
