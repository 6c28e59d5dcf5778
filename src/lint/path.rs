//! JSON Pointer helpers.

use std::borrow::Cow;

/// Escapes one pointer segment (RFC 6901: `~` → `~0`, `/` → `~1`).
pub fn escape_segment(segment: &str) -> Cow<'_, str> {
    if segment.contains(['~', '/']) {
        Cow::Owned(segment.replace('~', "~0").replace('/', "~1"))
    } else {
        Cow::Borrowed(segment)
    }
}

/// Unescapes one pointer segment.
pub fn unescape_segment(segment: &str) -> Cow<'_, str> {
    if segment.contains('~') {
        Cow::Owned(segment.replace("~1", "/").replace("~0", "~"))
    } else {
        Cow::Borrowed(segment)
    }
}

/// The pointer's parent (`""` for a top-level member) and its last segment, unescaped.
pub fn split_last(pointer: &str) -> Option<(&str, Cow<'_, str>)> {
    let at = pointer.rfind('/')?;
    Some((&pointer[..at], unescape_segment(&pointer[at + 1..])))
}

/// A pointer as people read it: `/offerLines/0/revenueType` → `offerLines[0].revenueType`.
pub fn display_path(pointer: &str) -> String {
    if pointer.is_empty() {
        return "the payload".to_owned();
    }
    let mut out = String::with_capacity(pointer.len());
    for segment in pointer.split('/').skip(1) {
        if !segment.is_empty() && segment.bytes().all(|b| b.is_ascii_digit()) {
            out.push('[');
            out.push_str(segment);
            out.push(']');
        } else {
            if !out.is_empty() {
                out.push('.');
            }
            out.push_str(&unescape_segment(segment));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn displays_and_splits_pointers() {
        assert_eq!(
            display_path("/offerLines/0/revenueType"),
            "offerLines[0].revenueType"
        );
        assert_eq!(display_path(""), "the payload");
        assert_eq!(display_path("/a~1b"), "a/b");
        assert_eq!(split_last("/a/b~0c").unwrap(), ("/a", "b~c".into()));
        assert_eq!(escape_segment("a/b~"), "a~1b~0");
    }
}
