//! A4P003 `invalid-encoding`: The payload is not UTF-8 text.
use crate::diagnostic::Diagnostic;
use crate::source::{EncodingProblem, Source, Span};

crate::declare_rule! {
    /// ## What it checks
    /// That the payload is UTF-8 text, as RFC 8259 requires of JSON exchanged between systems.
    /// A UTF-8 byte order mark is tolerated (and skipped); UTF-16 text and stray bytes are not.
    ///
    /// ## Why it matters
    /// DS's gateway reads UTF-8. A CRM export saved as UTF-16 or in a legacy code page turns
    /// customer names into garbage or is rejected as a whole.
    ///
    /// ## Turning it off
    /// It cannot be: `--select` and `--ignore` keep it, and the configuration cannot lower it.
    /// A payload that is not text was not checked, and a gate never passes what it did not
    /// check.
    ///
    /// ## Fix
    /// None: the bytes' encoding is a guess, and a file that is not UTF-8 is never rewritten.
    ///
    /// ## Example
    /// A file saved by a spreadsheet as "Unicode text" (UTF-16 with a byte order mark).
    ///
    /// ## Use instead
    /// The same file saved as UTF-8.
    pub static INVALID_ENCODING = {
        code: "A4P003",
        name: "invalid-encoding",
        category: Syntax,
        severity: Error,
        summary: "The payload is not UTF-8 text",
        silencing: Never,
    };
}

/// The diagnostic for bytes that are not UTF-8. The source's text has one byte for each byte
/// of the file, so the span is exact in both.
pub(crate) fn diagnostic(source: &Source<'_>, problem: EncodingProblem) -> Diagnostic {
    let len = source.text().len();
    match problem {
        EncodingProblem::Utf16 { big_endian, bom } => {
            Diagnostic::new(&INVALID_ENCODING, "", Span::new(0, 2.min(len)))
                .with_message(format!(
                    "the payload is UTF-16 ({}) text, not UTF-8",
                    if big_endian {
                        "big-endian"
                    } else {
                        "little-endian"
                    }
                ))
                .with_label(if bom {
                    "UTF-16 byte order mark"
                } else {
                    "a character of two bytes, one of them 0"
                })
                .with_help("save the file as UTF-8 (without a byte order mark)")
        }
        EncodingProblem::InvalidUtf8 { offset, len: bad } => Diagnostic::new(
            &INVALID_ENCODING,
            "",
            Span::new(offset.min(len), bad.min(len.saturating_sub(offset))),
        )
        // The place is the finding's line and column (an offset in the message would be
        // the payload's, which in NDJSON is not the file's).
        .with_message("the payload holds bytes that are not UTF-8")
        .with_label("not UTF-8")
        .with_help("save the file as UTF-8; the text before this byte decoded fine"),
    }
}
