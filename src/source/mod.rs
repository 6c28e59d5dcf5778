//! The text being checked: its name, its bytes decoded as UTF-8, positions in it.
//!
//! Every offset the crate hands out is a byte offset into the *original* text, BOM included.

mod locate;
mod parse;
mod span;
// Public for the integration tests (`tests/locations.rs`, `tests/malformed_input.rs`, ...:
// the scanner's depth cap and that valid payloads never build an index).
#[doc(hidden)]
pub mod span_index;

use std::borrow::Cow;
use std::sync::OnceLock;

pub(crate) use locate::Locator;
pub(crate) use parse::parse;
pub use span::Span;
pub(crate) use span_index::SpanIndex;

const UTF8_BOM: &str = "\u{feff}";

/// Why bytes could not be taken as UTF-8 text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EncodingProblem {
    /// The bytes are UTF-16: they start with a UTF-16 byte order mark, or (without one) every
    /// other byte of the first characters is 0, as RFC 4627 tells UTF-16 JSON apart.
    Utf16 {
        /// `true` for big-endian (`FE FF`, or `00 xx`), `false` for little-endian.
        big_endian: bool,
        /// The bytes start with a byte order mark.
        bom: bool,
    },
    /// The bytes are not valid UTF-8 from this offset on.
    InvalidUtf8 {
        /// Offset of the first byte that is not valid UTF-8.
        offset: usize,
        /// How many bytes from `offset` make the invalid sequence (the rest of the input
        /// when it ends in the middle of a character).
        len: usize,
    },
}

/// What stands in the text for each byte that is not UTF-8: one ASCII byte per byte, so that
/// offsets into the text are offsets into the file.
pub(crate) const REPLACEMENT_BYTE: char = '?';

/// A named text to check. Cheap to build; the line index is computed only when a position
/// is asked for.
#[derive(Debug, Clone)]
pub struct Source<'a> {
    name: Cow<'a, str>,
    text: Cow<'a, str>,
    encoding_problem: Option<EncodingProblem>,
    line_starts: OnceLock<Vec<usize>>,
    /// Characters before every [`CHAR_MARK`]-th byte (rounded down to a character boundary):
    /// a column costs a count over at most that many bytes, however long the line.
    char_marks: OnceLock<Vec<(usize, usize)>>,
    /// The text is one line of an NDJSON stream, not a whole file.
    ndjson_line: bool,
    /// A redacted copy: where its masks stand for characters wider than a byte, so that
    /// columns stay the original's.
    wide: MaskedWidths,
    /// The text is a redacted copy (masked by the linter).
    redacted: bool,
}

/// What the library's entry points ([`crate::Linter::check_str`], `validate`, the test
/// helpers) name a payload given as text, bytes or a value, in code frames (`[payload:3:17]`).
pub(crate) const PAYLOAD_NAME: &str = "payload";

/// Where the masks of a redacted text stand for characters wider than a byte
/// ([`crate::redact::Masked::wide`]); empty for a text that is not masked.
#[derive(Debug, Clone, Default)]
pub(crate) struct MaskedWidths(Option<std::sync::Arc<[(usize, usize)]>>);

impl MaskedWidths {
    /// From [`crate::redact::Masked::wide`].
    pub(crate) fn new(wide: Vec<(usize, usize)>) -> Self {
        MaskedWidths((!wide.is_empty()).then(|| wide.into()))
    }

    /// How many fewer characters the original has than the masked copy between the offsets
    /// `from` and `to`: for each masked character wider than a byte that ends in
    /// `from + 1..=to`, its bytes beyond the first.
    pub(crate) fn excess(&self, from: usize, to: usize) -> usize {
        let Some(wide) = &self.0 else {
            return 0;
        };
        let upto = |offset: usize| {
            let i = wide.partition_point(|&(end, _)| end <= offset);
            i.checked_sub(1).map_or(0, |i| wide[i].1)
        };
        upto(to).saturating_sub(upto(from))
    }
}

/// Bytes between two character-count marks.
const CHAR_MARK: usize = 4096;

impl<'a> Source<'a> {
    /// A source from text.
    pub fn new(name: impl Into<Cow<'a, str>>, text: impl Into<Cow<'a, str>>) -> Self {
        Self {
            name: name.into(),
            text: text.into(),
            encoding_problem: None,
            line_starts: OnceLock::new(),
            char_marks: OnceLock::new(),
            ndjson_line: false,
            wide: MaskedWidths::default(),
            redacted: false,
        }
    }

    /// A source from bytes. Bytes that are not UTF-8 are kept for a report to show, each
    /// replaced by `?` (one byte for one byte: offsets into the text stay
    /// offsets into the bytes), and the problem is recorded for the linter to report. UTF-16
    /// text is recorded as such, with or without a byte order mark.
    pub fn from_bytes(name: impl Into<Cow<'a, str>>, bytes: &'a [u8]) -> Self {
        let (text, encoding_problem) = match std::str::from_utf8(bytes) {
            Ok(text) => (Cow::Borrowed(text), utf16_without_bom(bytes)),
            Err(err) => {
                let problem = match bytes {
                    [0xFE, 0xFF, ..] => EncodingProblem::Utf16 {
                        big_endian: true,
                        bom: true,
                    },
                    [0xFF, 0xFE, ..] => EncodingProblem::Utf16 {
                        big_endian: false,
                        bom: true,
                    },
                    _ => EncodingProblem::InvalidUtf8 {
                        offset: err.valid_up_to(),
                        len: err.error_len().unwrap_or(bytes.len() - err.valid_up_to()),
                    },
                };
                (Cow::Owned(same_length_text(bytes)), Some(problem))
            }
        };
        Self {
            name: name.into(),
            text,
            encoding_problem,
            line_starts: OnceLock::new(),
            char_marks: OnceLock::new(),
            ndjson_line: false,
            wide: MaskedWidths::default(),
            redacted: false,
        }
    }

    /// Replaces the text by a masked copy of the same byte length and lines: offsets, lines
    /// and (through `wide`, [`crate::redact::Masked::wide`]) columns stay the original's.
    pub(crate) fn replace_text(&mut self, text: String, wide: Vec<(usize, usize)>) {
        debug_assert_eq!(text.len(), self.text.len());
        self.text = Cow::Owned(text);
        self.line_starts = OnceLock::new();
        self.char_marks = OnceLock::new();
        self.wide = MaskedWidths::new(wide);
        self.redacted = true;
    }

    /// Whether the text is a redacted copy, its payload data masked (a report of a linter
    /// [with redaction](crate::Linter::with_redaction)).
    pub fn is_redacted(&self) -> bool {
        self.redacted
    }

    /// The text, a masked copy, with where its masks stand for characters wider than a byte
    /// (a redacted text kept apart from its report, as [`crate::validate::Error`] keeps one).
    pub(crate) fn with_masked_widths(mut self, widths: MaskedWidths) -> Self {
        self.wide = widths;
        self
    }

    /// Where a redacted copy's masks stand for characters wider than a byte.
    pub(crate) fn masked_widths(&self) -> &MaskedWidths {
        &self.wide
    }

    /// Marks the text as one line of an NDJSON stream (named after its file), so that what
    /// is said about it speaks of a line, not of a file.
    // Hidden: public for the binary (`src/cli/check/ndjson.rs`), which checks each line of an
    // NDJSON file as a source of its own.
    #[doc(hidden)]
    pub fn as_ndjson_line(mut self) -> Self {
        self.ndjson_line = true;
        self
    }

    /// The same source, owning its name and text.
    pub(crate) fn into_owned(self) -> Source<'static> {
        Source {
            name: Cow::Owned(self.name.into_owned()),
            text: Cow::Owned(self.text.into_owned()),
            encoding_problem: self.encoding_problem,
            line_starts: self.line_starts,
            char_marks: self.char_marks,
            ndjson_line: self.ndjson_line,
            wide: self.wide,
            redacted: self.redacted,
        }
    }

    /// Whether the text is one line of an NDJSON stream.
    pub(crate) fn is_ndjson_line(&self) -> bool {
        self.ndjson_line
    }

    /// The name shown in reports (a path, `<stdin>`, ...).
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The whole text, BOM included.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// Set when the bytes were not UTF-8.
    pub fn encoding_problem(&self) -> Option<EncodingProblem> {
        self.encoding_problem
    }

    /// Length of the UTF-8 byte order mark at the start of the text (0 or 3).
    pub(crate) fn bom_len(&self) -> usize {
        if self.text.starts_with(UTF8_BOM) {
            UTF8_BOM.len()
        } else {
            0
        }
    }

    /// The JSON text: the text without its BOM. Offsets into it are shifted by
    /// [`Source::bom_len`] to become offsets into [`Source::text`].
    pub(crate) fn json(&self) -> &str {
        &self.text[self.bom_len()..]
    }

    fn line_starts(&self) -> &[usize] {
        self.line_starts
            .get_or_init(|| line_starts(self.text.as_bytes()).collect())
    }

    /// 1-based line and 1-based column (in characters, the BOM not counted) of a byte offset.
    ///
    /// Costs a binary search and a count over at most a few kB, so that thousands of findings
    /// on one long line (minified JSON) stay linear.
    pub fn line_col(&self, offset: usize) -> (usize, usize) {
        let offset = offset.min(self.text.len());
        let starts = self.line_starts();
        let line_idx = starts.partition_point(|&s| s <= offset) - 1;
        let start = starts[line_idx].max(if line_idx == 0 { self.bom_len() } else { 0 });
        let col = match self.text.get(start..offset) {
            // A short line (every pretty-printed payload's) is counted directly.
            Some(line) if line.len() <= CHAR_MARK => line.chars().count(),
            _ => match (self.chars_before(start), self.chars_before(offset)) {
                (Some(a), Some(b)) => b.saturating_sub(a),
                _ => offset.saturating_sub(start),
            },
        } - self.wide.excess(start, offset);
        (line_idx + 1, col + 1)
    }

    /// How many characters come before byte `offset` (`None` off a character boundary).
    fn chars_before(&self, offset: usize) -> Option<usize> {
        if !self.text.is_char_boundary(offset) {
            return None;
        }
        let marks = self.char_marks.get_or_init(|| {
            let mut marks = vec![(0, 0)];
            let mut chars = 0;
            let mut at = 0;
            while at + CHAR_MARK < self.text.len() {
                let mut next = at + CHAR_MARK;
                while !self.text.is_char_boundary(next) {
                    next -= 1;
                }
                chars += self.text[at..next].chars().count();
                marks.push((next, chars));
                at = next;
            }
            marks
        });
        let (byte, chars) = marks[marks.partition_point(|&(b, _)| b <= offset) - 1];
        Some(chars + self.text[byte..offset].chars().count())
    }
}

/// Where the lines of `text` start. A line ends at a line feed, a carriage return and line
/// feed, or a lone carriage return: JSON reads all three as whitespace, but editors (and the
/// Language Server Protocol) break lines at each, so every format and every code frame
/// counts lines as the partner's editor shows them.
pub(crate) fn line_starts(text: &[u8]) -> impl Iterator<Item = usize> + '_ {
    std::iter::once(0).chain(
        memchr::memchr2_iter(b'\n', b'\r', text)
            .filter(move |&i| !(text[i] == b'\r' && text.get(i + 1) == Some(&b'\n')))
            .map(|i| i + 1),
    )
}

/// RFC 4627, section 3: the first two characters of a JSON text are ASCII, so the pattern of
/// zero bytes among the first four tells UTF-16 apart (`00 xx 00 xx` big-endian, `xx 00 xx 00`
/// little-endian). Such bytes are valid UTF-8 but hold NUL characters, which JSON never
/// allows outside strings: reporting the encoding is the clearer finding.
fn utf16_without_bom(bytes: &[u8]) -> Option<EncodingProblem> {
    let head = &bytes[..bytes.len().min(4)];
    let pattern = |zero_first: bool| {
        head.len() >= 2
            && head.len() % 2 == 0
            && head
                .chunks(2)
                .all(|pair| (pair[0] == 0) == zero_first && (pair[1] == 0) != zero_first)
    };
    let big_endian = if pattern(true) {
        true
    } else if pattern(false) {
        false
    } else {
        return None;
    };
    Some(EncodingProblem::Utf16 {
        big_endian,
        bom: false,
    })
}

/// The bytes as text, every byte of an invalid sequence replaced by [`REPLACEMENT_BYTE`].
fn same_length_text(bytes: &[u8]) -> String {
    let mut text = String::with_capacity(bytes.len());
    for chunk in bytes.utf8_chunks() {
        text.push_str(chunk.valid());
        text.extend(std::iter::repeat_n(REPLACEMENT_BYTE, chunk.invalid().len()));
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_col_counts_characters_and_skips_the_bom() {
        let src = Source::new("t", "\u{feff}{\n  \"é\": 1\n}");
        assert_eq!(src.bom_len(), 3);
        assert_eq!(src.line_col(3), (1, 1));
        let one = src.text().find('1').unwrap();
        assert_eq!(src.line_col(one), (2, 8));
    }

    #[test]
    fn lines_break_at_lf_crlf_and_lone_cr_as_editors_break_them() {
        let src = Source::new("t", "{\r\"a\": 1,\r\n\"b\": 2,\n\"c\": 3\r}");
        let at = |c: char| src.text().find(c).unwrap();
        assert_eq!(src.line_col(at('a')), (2, 2));
        assert_eq!(src.line_col(at('b')), (3, 2));
        assert_eq!(src.line_col(at('c')), (4, 2));
        assert_eq!(src.line_col(at('}')), (5, 1));
    }

    #[test]
    fn columns_on_a_long_line_agree_with_counting() {
        // Longer than several marks, with multi-byte characters across the mark boundaries.
        let text = "\u{feff}".to_owned() + &"aé😀\n".repeat(3) + &"xé😀€".repeat(5000);
        let src = Source::new("t", text.as_str());
        for (offset, _) in text.char_indices().step_by(7) {
            let line_start = text[..offset].rfind('\n').map_or(3, |i| i + 1);
            let expected = text[line_start.min(offset)..offset].chars().count() + 1;
            assert_eq!(src.line_col(offset).1, expected, "at {offset}");
        }
        assert_eq!(src.line_col(text.len()).0, 4);
    }

    #[test]
    fn from_bytes_reports_encoding_problems() {
        let src = Source::from_bytes("t", b"{\"a\": \"\xff\"}");
        assert_eq!(
            src.encoding_problem(),
            Some(EncodingProblem::InvalidUtf8 { offset: 7, len: 1 })
        );
        // One byte stands for one byte: offsets are the file's.
        assert_eq!(src.text(), "{\"a\": \"?\"}");
        let src = Source::from_bytes("t", b"\xff\xfe{\x00}\x00");
        assert_eq!(
            src.encoding_problem(),
            Some(EncodingProblem::Utf16 {
                big_endian: false,
                bom: true
            })
        );
        assert_eq!(src.text().len(), 6);
        // An incomplete character at the end: the rest of the input.
        let src = Source::from_bytes("t", b"[\"\xe2\x82");
        assert_eq!(
            src.encoding_problem(),
            Some(EncodingProblem::InvalidUtf8 { offset: 2, len: 2 })
        );
        assert_eq!(Source::from_bytes("t", b"{}").encoding_problem(), None);
        // UTF-16 without a byte order mark, both byte orders; NULs elsewhere are left to the
        // JSON parser.
        assert_eq!(
            Source::from_bytes("t", b"{\x00}\x00").encoding_problem(),
            Some(EncodingProblem::Utf16 {
                big_endian: false,
                bom: false
            })
        );
        assert_eq!(
            Source::from_bytes("t", b"\x00{\x00\"").encoding_problem(),
            Some(EncodingProblem::Utf16 {
                big_endian: true,
                bom: false
            })
        );
        for other in [&b"\x00{}"[..], b"{\"a\x00\": 1}", b"1", b"", b"\x00\x00"] {
            assert_eq!(Source::from_bytes("t", other).encoding_problem(), None);
        }
    }
}
