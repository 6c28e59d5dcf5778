//! The text being checked: its name, its bytes decoded as UTF-8, positions in it.
//!
//! Every offset the crate hands out is a byte offset into the *original* text, BOM included.

mod parse;
mod span;
pub mod span_index;

use std::borrow::Cow;
use std::sync::OnceLock;

pub(crate) use parse::parse;
pub use span::Span;
pub use span_index::SpanIndex;

const UTF8_BOM: &str = "\u{feff}";

/// Why bytes could not be taken as UTF-8 text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EncodingProblem {
    /// The bytes start with a UTF-16 byte order mark.
    Utf16 {
        /// `true` for big-endian (`FE FF`), `false` for little-endian (`FF FE`).
        big_endian: bool,
    },
    /// The bytes are not valid UTF-8 from this offset on.
    InvalidUtf8 {
        /// Offset of the first byte that is not valid UTF-8.
        offset: usize,
    },
}

/// A named text to check. Cheap to build; the line index is computed only when a position
/// is asked for.
#[derive(Debug, Clone)]
pub struct Source<'a> {
    name: Cow<'a, str>,
    text: Cow<'a, str>,
    encoding_problem: Option<EncodingProblem>,
    line_starts: OnceLock<Vec<usize>>,
    chars: OnceLock<CharIndex>,
}

/// Where character counts can be read without counting from the start of a line: a payload
/// on one long line with many findings would otherwise count the line's characters once per
/// finding.
#[derive(Debug, Clone)]
enum CharIndex {
    /// Every byte is a character.
    Ascii,
    /// (byte offset, characters before it) at char boundaries about every
    /// [`CHAR_MARK_EVERY`] bytes, the first at 0.
    Marks(Vec<(usize, usize)>),
}

const CHAR_MARK_EVERY: usize = 1024;

impl<'a> Source<'a> {
    /// A source from text.
    pub fn new(name: impl Into<Cow<'a, str>>, text: impl Into<Cow<'a, str>>) -> Self {
        Self {
            name: name.into(),
            text: text.into(),
            encoding_problem: None,
            line_starts: OnceLock::new(),
            chars: OnceLock::new(),
        }
    }

    /// A source from bytes. Bytes that are not UTF-8 are kept (lossily decoded, so that a
    /// report can still show them) and the problem is recorded for the linter to report.
    pub fn from_bytes(name: impl Into<Cow<'a, str>>, bytes: &'a [u8]) -> Self {
        let (text, encoding_problem) = match std::str::from_utf8(bytes) {
            Ok(text) => (Cow::Borrowed(text), None),
            Err(err) => {
                let problem = match bytes {
                    [0xFE, 0xFF, ..] => EncodingProblem::Utf16 { big_endian: true },
                    [0xFF, 0xFE, ..] => EncodingProblem::Utf16 { big_endian: false },
                    _ => EncodingProblem::InvalidUtf8 {
                        offset: err.valid_up_to(),
                    },
                };
                (String::from_utf8_lossy(bytes), Some(problem))
            }
        };
        Self {
            name: name.into(),
            text,
            encoding_problem,
            line_starts: OnceLock::new(),
            chars: OnceLock::new(),
        }
    }

    /// Replaces the text by one of the same length, line for line (a redacted copy).
    pub(crate) fn replace_text(&mut self, text: String) {
        debug_assert_eq!(text.len(), self.text.len());
        self.text = Cow::Owned(text);
        self.line_starts = OnceLock::new();
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
    pub fn bom_len(&self) -> usize {
        if self.text.starts_with(UTF8_BOM) {
            UTF8_BOM.len()
        } else {
            0
        }
    }

    /// The JSON text: the text without its BOM. Offsets into it are shifted by
    /// [`Source::bom_len`] to become offsets into [`Source::text`].
    pub fn json(&self) -> &str {
        &self.text[self.bom_len()..]
    }

    fn line_starts(&self) -> &[usize] {
        self.line_starts.get_or_init(|| {
            let bytes = self.text.as_bytes();
            let mut starts = Vec::with_capacity(memchr::memchr_iter(b'\n', bytes).count() + 1);
            starts.push(0);
            starts.extend(memchr::memchr_iter(b'\n', bytes).map(|i| i + 1));
            starts
        })
    }

    /// Byte offset where 1-based `line` starts, if the text has that line.
    pub fn line_start(&self, line: usize) -> Option<usize> {
        self.line_starts().get(line.checked_sub(1)?).copied()
    }

    /// 1-based line and 1-based column (in characters, the BOM not counted) of a byte offset.
    pub fn line_col(&self, offset: usize) -> (usize, usize) {
        let offset = offset.min(self.text.len());
        let starts = self.line_starts();
        let line_idx = starts.partition_point(|&s| s <= offset) - 1;
        let start = starts[line_idx].max(if line_idx == 0 { self.bom_len() } else { 0 });
        let col = if start <= offset
            && self.text.is_char_boundary(start)
            && self.text.is_char_boundary(offset)
        {
            self.chars_before(offset) - self.chars_before(start)
        } else {
            offset.saturating_sub(start)
        };
        (line_idx + 1, col + 1)
    }

    /// Characters before byte `offset` (a char boundary).
    fn chars_before(&self, offset: usize) -> usize {
        let index = self.chars.get_or_init(|| {
            let bytes = self.text.as_bytes();
            if bytes.is_ascii() {
                return CharIndex::Ascii;
            }
            let mut marks = Vec::with_capacity(bytes.len() / CHAR_MARK_EVERY + 1);
            let mut count = 0;
            for (n, chunk) in bytes.chunks(CHAR_MARK_EVERY).enumerate() {
                let at = n * CHAR_MARK_EVERY;
                if self.text.is_char_boundary(at) {
                    marks.push((at, count));
                }
                count += chunk.iter().filter(|&&b| b & 0xC0 != 0x80).count();
            }
            CharIndex::Marks(marks)
        });
        match index {
            CharIndex::Ascii => offset,
            CharIndex::Marks(marks) => {
                let (at, before) = marks[marks.partition_point(|&(b, _)| b <= offset) - 1];
                before + self.text[at..offset].chars().count()
            }
        }
    }
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
        assert_eq!(src.line_start(2), Some(5));
    }

    #[test]
    fn columns_on_long_lines_count_characters() {
        // Long enough for several marks, with multi-byte characters across mark boundaries.
        let line: String = (0..3000)
            .map(|i| if i % 7 == 0 { 'é' } else { 'a' })
            .collect();
        let text = format!("{{\n{line}😀x\n}}");
        let src = Source::new("t", text.as_str());
        for (offset, _) in text.char_indices() {
            let start = text[..offset].rfind('\n').map_or(0, |i| i + 1);
            let expected = text[start..offset].chars().count() + 1;
            assert_eq!(src.line_col(offset).1, expected, "offset {offset}");
        }
        let ascii = Source::new("t", "{\n  \"a\": 1\n}");
        assert_eq!(ascii.line_col(9), (2, 8));
        // Not a char boundary: bytes, as before.
        let src = Source::new("t", "é");
        assert_eq!(src.line_col(1), (1, 2));
    }

    #[test]
    fn from_bytes_reports_encoding_problems() {
        let src = Source::from_bytes("t", b"{\"a\": \"\xff\"}");
        assert_eq!(
            src.encoding_problem(),
            Some(EncodingProblem::InvalidUtf8 { offset: 7 })
        );
        let src = Source::from_bytes("t", b"\xff\xfe{\x00}\x00");
        assert_eq!(
            src.encoding_problem(),
            Some(EncodingProblem::Utf16 { big_endian: false })
        );
        assert_eq!(Source::from_bytes("t", b"{}").encoding_problem(), None);
    }
}
