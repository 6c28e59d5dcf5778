//! Byte spans into the original source text.

/// A byte range in the original source text (BOM included).
///
/// Offsets are bytes, never characters: convert to characters only for display.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub struct Span {
    /// Byte offset of the first byte.
    pub offset: usize,
    /// Length in bytes.
    pub len: usize,
}

impl Span {
    /// A span from `offset`, `len` bytes long.
    pub const fn new(offset: usize, len: usize) -> Self {
        Self { offset, len }
    }

    /// The span from `start` (inclusive) to `end` (exclusive).
    pub const fn from_range(start: usize, end: usize) -> Self {
        Self {
            offset: start,
            len: end - start,
        }
    }

    /// One past the last byte.
    pub const fn end(&self) -> usize {
        self.offset + self.len
    }

    /// The same span moved `by` bytes to the right.
    pub const fn shifted(self, by: usize) -> Self {
        Self {
            offset: self.offset + by,
            len: self.len,
        }
    }
}

impl From<Span> for miette::SourceSpan {
    fn from(span: Span) -> Self {
        miette::SourceSpan::new(span.offset.into(), span.len)
    }
}
