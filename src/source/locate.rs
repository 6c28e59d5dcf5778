//! From JSON Pointers to byte spans, paid for only when a payload has findings.

use std::cell::OnceCell;

use super::{Source, Span, SpanIndex};

/// Resolves pointers to spans; builds the span index on first use.
pub(crate) struct Locator<'s> {
    source: &'s Source<'s>,
    index: OnceCell<SpanIndex>,
}

impl<'s> Locator<'s> {
    pub fn new(source: &'s Source<'s>) -> Self {
        Self {
            source,
            index: OnceCell::new(),
        }
    }

    pub fn index(&self) -> &SpanIndex {
        self.index
            .get_or_init(|| SpanIndex::build(self.source.json(), self.source.bom_len()))
    }

    /// The whole payload's span (the root value), or the whole text if it does not index.
    pub fn root(&self) -> Span {
        self.index()
            .value("")
            .unwrap_or_else(|| Span::new(self.source.bom_len(), self.source.json().len()))
    }

    /// The span of the root's first character: where "the payload as a whole" is pointed at.
    pub fn root_start(&self) -> Span {
        let root = self.root();
        Span::new(root.offset, root.len.min(1))
    }

    /// The value at `pointer`.
    pub fn value(&self, pointer: &str) -> Span {
        self.index()
            .value(pointer)
            .unwrap_or_else(|| self.root_start())
    }

    /// The text of the value at `pointer`, as written; `None` when there is no such value.
    pub fn written(&self, pointer: &str) -> Option<&'s str> {
        let span = self.index().value(pointer)?;
        self.source.text().get(span.offset..span.end())
    }

    /// The key of the member at `pointer`; its value for array items and the root.
    pub fn key(&self, pointer: &str) -> Span {
        self.index()
            .key(pointer)
            .unwrap_or_else(|| self.value(pointer))
    }

    /// The bytes that removing the member at `pointer` takes, so that its object stays
    /// valid and keeps its layout: the key, the value and the comma and whitespace after them
    /// (the last member: the comma and whitespace before them; the only one: everything
    /// between the braces). `None` when `pointer` names no member (an array item, the root).
    pub fn member(&self, pointer: &str) -> Option<Span> {
        const WHITESPACE: [char; 4] = [' ', '\t', '\n', '\r'];
        let index = self.index();
        let (key, value) = (index.key(pointer)?, index.value(pointer)?);
        let text = self.source.text();
        let after = text.get(value.end()..)?.trim_start_matches(WHITESPACE);
        if let Some(rest) = after.strip_prefix(',') {
            let next = rest.trim_start_matches(WHITESPACE);
            return Some(Span::from_range(key.offset, text.len() - next.len()));
        }
        let before = text.get(..key.offset)?.trim_end_matches(WHITESPACE);
        if let Some(previous) = before.strip_suffix(',') {
            return Some(Span::from_range(previous.len(), value.end()));
        }
        // The only member: `{` before it, `}` after it.
        Some(Span::from_range(before.len(), text.len() - after.len()))
    }

    /// Where to point for "this object lacks something": the object's key when it is a
    /// member, else its opening brace.
    pub fn object(&self, pointer: &str) -> Span {
        if let Some(key) = self.index().key(pointer) {
            return key;
        }
        let value = self.value(pointer);
        Span::new(value.offset, value.len.min(1))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The text left once the member at `pointer` is removed.
    fn without(text: &str, pointer: &str) -> Option<String> {
        let source = Source::new("p", text);
        let span = Locator::new(&source).member(pointer)?;
        Some(format!("{}{}", &text[..span.offset], &text[span.end()..]))
    }

    #[test]
    fn a_member_goes_with_the_comma_and_whitespace_that_part_it_from_its_neighbours() {
        let text = "\u{feff}{\r\n\t\"a\": 1,\r\n\t\"b\": [2],\r\n\t\"c\": {\"d\": 3}\r\n}";
        assert_eq!(
            without(text, "/a").as_deref(),
            Some("\u{feff}{\r\n\t\"b\": [2],\r\n\t\"c\": {\"d\": 3}\r\n}")
        );
        assert_eq!(
            without(text, "/c").as_deref(),
            Some("\u{feff}{\r\n\t\"a\": 1,\r\n\t\"b\": [2]\r\n}"),
            "the last member: the comma before it"
        );
        assert_eq!(
            without(text, "/c/d").as_deref(),
            Some("\u{feff}{\r\n\t\"a\": 1,\r\n\t\"b\": [2],\r\n\t\"c\": {}\r\n}"),
            "the only member: everything between the braces"
        );
        assert_eq!(without(text, "/b/0"), None, "an array item is no member");
        assert_eq!(without(text, ""), None, "nor is the root");
        assert_eq!(without(text, "/x"), None);
    }
}
