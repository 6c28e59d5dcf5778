//! Byte offsets (every span of the linter) and LSP positions (a line and a character counted
//! in the negotiated encoding's code units: UTF-16 unless the client offers UTF-8). Lines end at `\n`, `\r\n` or a lone `\r`, as the protocol says.

use lsp_types::{Position, PositionEncodingKind, Range};

/// How a position's `character` counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Encoding {
    Utf8,
    Utf16,
}

impl Encoding {
    /// UTF-8 when the client offers it (byte offsets are the linter's own: nothing to
    /// count), else UTF-16, which every client must support.
    pub(crate) fn negotiate(offered: Option<&[PositionEncodingKind]>) -> Self {
        let offered = offered.unwrap_or_default();
        if offered.contains(&PositionEncodingKind::UTF8) {
            Encoding::Utf8
        } else {
            Encoding::Utf16
        }
    }

    pub(crate) fn kind(self) -> PositionEncodingKind {
        match self {
            Encoding::Utf8 => PositionEncodingKind::UTF8,
            Encoding::Utf16 => PositionEncodingKind::UTF16,
        }
    }

    fn units(self, c: char) -> usize {
        match self {
            Encoding::Utf8 => c.len_utf8(),
            Encoding::Utf16 => c.len_utf16(),
        }
    }
}

/// Where each line of a text starts; built once per text version.
#[derive(Debug, Clone)]
pub(crate) struct LineIndex {
    starts: Vec<usize>,
    encoding: Encoding,
}

impl LineIndex {
    pub(crate) fn new(text: &str, encoding: Encoding) -> Self {
        let bytes = text.as_bytes();
        let mut starts = vec![0];
        let mut i = 0;
        while i < bytes.len() {
            match bytes[i] {
                b'\n' => starts.push(i + 1),
                b'\r' if bytes.get(i + 1) == Some(&b'\n') => {
                    starts.push(i + 2);
                    i += 1;
                }
                b'\r' => starts.push(i + 1),
                _ => {}
            }
            i += 1;
        }
        Self { starts, encoding }
    }

    /// Updates the index after bytes `start..end` of the text it indexed were replaced by
    /// `new_len` bytes (`text` is the text now): only the lines around the edit are looked
    /// at again, the starts after it move by the change in length. A notification of
    /// thousands of range changes to a large document thus costs each change its own
    /// lines, not a scan of the whole text.
    pub(crate) fn replaced(&mut self, text: &str, start: usize, end: usize, new_len: usize) {
        let bytes = text.as_bytes();
        // From the byte before the edit (a `\r` there may pair with a `\n` the edit wrote or
        // removed) to the edit's end: the starts after that are the old ones, moved.
        let from = start.saturating_sub(1);
        let to = start + new_len;
        let kept = self.starts.partition_point(|&s| s <= from);
        let moved = self.starts.partition_point(|&s| s <= end);
        let mut fresh = Vec::new();
        let mut i = from;
        while i < to.min(bytes.len()) {
            match bytes[i] {
                b'\n' => fresh.push(i + 1),
                b'\r' if bytes.get(i + 1) == Some(&b'\n') => {
                    // Ending past the edit: a start the old text had too (after its own
                    // `\n` there), moved with the others.
                    if i + 2 <= to {
                        fresh.push(i + 2);
                    }
                    i += 1;
                }
                b'\r' => fresh.push(i + 1),
                _ => {}
            }
            i += 1;
        }
        let tail: Vec<usize> = self.starts[moved..].iter().map(|&s| s - end + to).collect();
        self.starts.truncate(kept);
        self.starts.extend(fresh);
        self.starts.extend(tail);
    }

    /// The position of byte `offset` of `text` (clamped to the text, and back to a character
    /// boundary).
    pub(crate) fn position(&self, text: &str, offset: usize) -> Position {
        let mut offset = offset.min(text.len());
        while !text.is_char_boundary(offset) {
            offset -= 1;
        }
        let line = self.starts.partition_point(|&s| s <= offset) - 1;
        let start = self.starts[line];
        let character: usize = text[start..offset]
            .chars()
            .map(|c| self.encoding.units(c))
            .sum();
        Position::new(line as u32, character as u32)
    }

    pub(crate) fn range(&self, text: &str, offset: usize, len: usize) -> Range {
        Range::new(
            self.position(text, offset),
            self.position(text, offset + len),
        )
    }

    /// The byte offset of `position` in `text`: a line past the end is the end, a character
    /// past the line's end is the line's end (before its line break), one inside a character
    /// (half a surrogate pair) is that character's start.
    pub(crate) fn offset(&self, text: &str, position: Position) -> usize {
        let Some(&start) = self.starts.get(position.line as usize) else {
            return text.len();
        };
        let end = self
            .starts
            .get(position.line as usize + 1)
            .copied()
            .unwrap_or(text.len());
        let line = text[start..end].trim_end_matches(['\n', '\r']);
        let mut units = 0;
        for (i, c) in line.char_indices() {
            let next = units + self.encoding.units(c);
            if next > position.character as usize {
                return start + i;
            }
            units = next;
        }
        start + line.len()
    }
}

/// Repeatable pseudo-random numbers below `n` for the edit tests (a linear congruential
/// generator from `seed`): the same edits every run, no dependency.
#[cfg(test)]
pub(crate) fn pseudo_random(mut seed: u64) -> impl FnMut(usize) -> usize {
    move |n| {
        seed = seed
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (seed >> 33) as usize % n
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn characters_count_in_the_negotiated_units() {
        let text = "{\r\n \"é😀\": \"WONN\"\r}";
        let at = text.find("WONN").unwrap();
        for (encoding, character) in [(Encoding::Utf16, 9), (Encoding::Utf8, 12)] {
            let index = LineIndex::new(text, encoding);
            let position = index.position(text, at);
            assert_eq!(position, Position::new(1, character), "{encoding:?}");
            assert_eq!(index.offset(text, position), at);
        }
        let index = LineIndex::new(text, Encoding::Utf16);
        assert_eq!(
            index.position(text, text.len()),
            Position::new(2, 1),
            "a lone CR ends a line"
        );
    }

    #[test]
    fn positions_outside_the_text_are_clamped() {
        let text = "ab\né😀";
        let index = LineIndex::new(text, Encoding::Utf16);
        assert_eq!(index.offset(text, Position::new(9, 0)), text.len());
        assert_eq!(
            index.offset(text, Position::new(0, 99)),
            2,
            "before the line break"
        );
        assert_eq!(
            index.offset(text, Position::new(1, 2)),
            5,
            "inside the surrogate pair"
        );
        assert_eq!(
            index.position(text, 6),
            Position::new(1, 1),
            "inside a character"
        );
    }

    #[test]
    fn utf8_when_offered_else_utf16() {
        let offer = [PositionEncodingKind::UTF16, PositionEncodingKind::UTF8];
        assert_eq!(Encoding::negotiate(Some(&offer)), Encoding::Utf8);
        assert_eq!(Encoding::negotiate(None), Encoding::Utf16);
        let other = [
            PositionEncodingKind::UTF32,
            PositionEncodingKind::new("utf-7"),
        ];
        assert_eq!(Encoding::negotiate(Some(&other)), Encoding::Utf16);
    }

    #[test]
    fn an_index_kept_up_to_date_edit_by_edit_is_the_index_of_the_text() {
        // Line breaks of every kind written, split and joined by edits at every place.
        let pieces = ["", "a", "\r", "\n", "\r\n", "é", "\n\r", "ab\rc"];
        let mut next = pseudo_random(7);
        let mut text = String::from("x\r\ny\rz\n");
        let mut index = LineIndex::new(&text, Encoding::Utf16);
        for round in 0..3_000 {
            let boundaries: Vec<usize> = (0..=text.len())
                .filter(|&i| text.is_char_boundary(i))
                .collect();
            let a = boundaries[next(boundaries.len())];
            let b = boundaries[next(boundaries.len())];
            let (start, end) = (a.min(b), a.max(b).min(a.min(b) + 4));
            let end = (end..=text.len())
                .find(|&e| text.is_char_boundary(e))
                .unwrap();
            let new = pieces[next(pieces.len())];
            text.replace_range(start..end, new);
            index.replaced(&text, start, end, new.len());
            assert_eq!(
                index.starts,
                LineIndex::new(&text, Encoding::Utf16).starts,
                "round {round}: {text:?}"
            );
        }
    }
}
