//! What a finding proposes to change: a [`Fix`], its edits of the payload's text and how
//! sure it is ([`Applicability`], as ruff grades its fixes). Applying fixes and re-checking
//! the result is [`crate::fix`]'s job; this module only says what an edit is and puts a set
//! of edits that do not overlap into a text.

use crate::source::Span;

// How sure a fix is is part of what a rule declares (`Rule::fixes`): the type lives with
// the rule, one layer down, and is named here too.
pub use crate::rule::Applicability;

/// One change of the text: the bytes at `span` become `replacement` (an insertion has an
/// empty span, a deletion an empty replacement). Offsets are bytes of the payload's text,
/// BOM included, like every span.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Edit {
    /// The bytes replaced.
    pub span: Span,
    /// What they become.
    pub replacement: String,
}

impl Edit {
    /// The bytes at `span` become `replacement`.
    pub fn replace(span: Span, replacement: impl Into<String>) -> Self {
        Self {
            span,
            replacement: replacement.into(),
        }
    }

    /// The bytes at `span` are removed.
    pub fn delete(span: Span) -> Self {
        Self::replace(span, "")
    }
}

/// What a finding proposes to change, all edits together (a fix is applied whole or not at
/// all).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Fix {
    /// How sure the fix is.
    pub applicability: Applicability,
    /// The edits, in text order, none overlapping another.
    pub edits: Vec<Edit>,
}

impl Fix {
    /// A fix of one edit.
    pub fn new(applicability: Applicability, edit: Edit) -> Self {
        Self {
            applicability,
            edits: vec![edit],
        }
    }

    /// The bytes the fix touches, from its first edit's start to its last edit's end.
    pub fn span(&self) -> Span {
        let start = self.edits.iter().map(|e| e.span.offset).min().unwrap_or(0);
        let end = self
            .edits
            .iter()
            .map(|e| e.span.end())
            .max()
            .unwrap_or(start);
        Span::from_range(start, end)
    }

    /// Whether every edit lies within `text`, on character boundaries, in order and without
    /// overlapping the next: a fix from a rule always does; one read from elsewhere may not.
    pub fn fits(&self, text: &str) -> bool {
        let mut end = 0;
        self.edits.iter().enumerate().all(|(i, e)| {
            let ok = (i == 0 || e.span.offset >= end)
                && e.span.end() <= text.len()
                && text.is_char_boundary(e.span.offset)
                && text.is_char_boundary(e.span.end());
            end = e.span.end();
            ok
        })
    }

    /// Whether the fix and `other` touch the same bytes (two insertions at one offset count
    /// as touching: their order would be a guess).
    pub fn overlaps(&self, other: &Fix) -> bool {
        self.edits.iter().any(|a| {
            other.edits.iter().any(|b| {
                a.span.offset < b.span.end() && b.span.offset < a.span.end()
                    || a.span.offset == b.span.offset
                    || (a.span.len == 0
                        && a.span.offset > b.span.offset
                        && a.span.offset < b.span.end())
                    || (b.span.len == 0
                        && b.span.offset > a.span.offset
                        && b.span.offset < a.span.end())
            })
        })
    }
}

/// `text` with `edits` made. The edits must fit the text and must not overlap ([`Fix::fits`]
/// of them all, in any order): every byte outside them is kept.
pub fn apply_edits<'e>(text: &str, edits: impl IntoIterator<Item = &'e Edit>) -> String {
    let mut edits: Vec<&Edit> = edits.into_iter().collect();
    edits.sort_by_key(|e| (e.span.offset, e.span.len));
    let grown: usize = edits.iter().map(|e| e.replacement.len()).sum();
    let mut out = String::with_capacity(text.len() + grown);
    let mut at = 0;
    for edit in edits {
        out.push_str(&text[at..edit.span.offset]);
        out.push_str(&edit.replacement);
        at = edit.span.end();
    }
    out.push_str(&text[at..]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn edit(offset: usize, len: usize, replacement: &str) -> Edit {
        Edit::replace(Span::new(offset, len), replacement)
    }

    #[test]
    fn edits_change_only_their_bytes_in_any_order() {
        let text = "\u{feff}{\"a\": \"won\",\r\n \"b\": 1,}";
        let a = edit(9, 5, "\"WON\"");
        let comma = edit(text.len() - 2, 1, "");
        let fixed = apply_edits(text, [&comma, &a]);
        assert_eq!(fixed, "\u{feff}{\"a\": \"WON\",\r\n \"b\": 1}");
        assert_eq!(apply_edits(text, []), text);
    }

    #[test]
    fn fits_refuses_edits_outside_the_text_off_boundaries_or_out_of_order() {
        let text = "{\"é\": 1}";
        assert!(Fix::new(Applicability::Safe, edit(6, 1, "2")).fits(text));
        assert!(!Fix::new(Applicability::Safe, edit(6, 9, "2")).fits(text));
        assert!(
            !Fix::new(Applicability::Safe, edit(3, 1, "e")).fits(text),
            "inside é"
        );
        let backwards = Fix {
            applicability: Applicability::Safe,
            edits: vec![edit(6, 1, "2"), edit(0, 1, "")],
        };
        assert!(!backwards.fits(text));
    }

    #[test]
    fn overlapping_fixes_are_told_apart_from_neighbours() {
        let fix = |offset, len| Fix::new(Applicability::Safe, edit(offset, len, "x"));
        assert!(fix(0, 3).overlaps(&fix(2, 2)));
        assert!(!fix(0, 3).overlaps(&fix(3, 2)), "adjacent");
        assert!(
            fix(3, 0).overlaps(&fix(3, 0)),
            "two insertions at one place"
        );
        assert!(
            fix(1, 3).overlaps(&fix(2, 0)),
            "an insertion inside a replacement"
        );
        assert!(!fix(1, 3).overlaps(&fix(4, 0)), "an insertion after it");
        assert_eq!(fix(4, 2).span(), Span::new(4, 2));
    }

    #[test]
    fn applicability_orders_from_hint_to_safe() {
        assert!(Applicability::Safe > Applicability::Unsafe);
        assert!(Applicability::Unsafe > Applicability::DisplayOnly);
        assert_eq!(Applicability::DisplayOnly.to_string(), "display-only");
    }
}
