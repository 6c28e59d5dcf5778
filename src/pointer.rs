//! JSON Pointers (RFC 6901): building, splitting and following them, and showing them to
//! people (`/offerLines/0/revenueType` as `offerLines[0].revenueType`).

use std::borrow::Cow;

use serde_json::Value;

use crate::text::escape_controls;

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

/// The value at a JSON Pointer: what [`Value::pointer`] returns, without its two string
/// allocations per segment (it unescapes every segment, `~` or not). Semantic rules look
/// up a dozen pointers in every payload, valid or not, so this is on the fast path.
pub fn lookup<'v>(root: &'v Value, pointer: &str) -> Option<&'v Value> {
    if pointer.is_empty() {
        return Some(root);
    }
    let rest = pointer.strip_prefix('/')?;
    rest.split('/').try_fold(root, |target, segment| {
        let token = unescape_segment(segment);
        match target {
            Value::Object(map) => map.get(token.as_ref()),
            Value::Array(items) => array_index(&token).and_then(|i| items.get(i)),
            _ => None,
        }
    })
}

/// An array index as RFC 6901 writes it (and serde_json reads it): digits, no sign, no
/// leading zero.
fn array_index(token: &str) -> Option<usize> {
    if token.starts_with('+') || (token.starts_with('0') && token.len() != 1) {
        return None;
    }
    token.parse().ok()
}

/// Member names longer than this (in characters) are shortened in messages.
pub const MAX_SHOWN_NAME: usize = 60;

/// A member name (from the payload) as a message shows it: control characters escaped
/// ([`escape_controls`]), so that a hostile key cannot drive the terminal, and names longer
/// than [`MAX_SHOWN_NAME`] characters cut with "…", so that a message stays one line.
pub fn show_name(name: &str) -> Cow<'_, str> {
    if name.chars().nth(MAX_SHOWN_NAME).is_none() {
        return escape_controls(name, |_| false);
    }
    let cut: String = name
        .chars()
        .take(MAX_SHOWN_NAME - 1)
        .chain(std::iter::once('…'))
        .collect();
    Cow::Owned(escape_controls(&cut, |_| false).into_owned())
}

/// A JSON Pointer as a message or a header shows it: each member name as [`show_name`] shows
/// it (control characters escaped, long names cut), the pointer's syntax unchanged.
pub fn show_pointer(pointer: &str) -> Cow<'_, str> {
    if pointer
        .chars()
        .all(|c| !c.is_control() && !crate::text::is_layout_control(c))
        && pointer.split('/').all(|s| s.len() <= MAX_SHOWN_NAME)
    {
        return Cow::Borrowed(pointer);
    }
    let segments: Vec<Cow<'_, str>> = pointer.split('/').map(show_name).collect();
    Cow::Owned(segments.join("/"))
}

/// [`display_path`] as messages quote it: in backticks (`` `offerLines[0].amount` ``), except
/// the payload itself, which is named in words.
pub fn code_path(pointer: &str) -> String {
    if pointer.is_empty() {
        display_path(pointer)
    } else {
        format!("`{}`", display_path(pointer))
    }
}

/// A pointer as people read it: `/offerLines/0/revenueType` → `offerLines[0].revenueType`.
/// Member names are shown with [`show_name`].
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
            out.push_str(&show_name(&unescape_segment(segment)));
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
        assert_eq!(escape_segment("a/b~"), "a~1b~0");
        assert_eq!(display_path("/a\u{1b}[2J/0"), "a\\u001b[2J[0]");
        assert_eq!(
            show_pointer("/offerLines/0/am\u{7f}ount"),
            "/offerLines/0/am\\u007fount"
        );
        assert_eq!(show_pointer("/offerLines/0"), "/offerLines/0");
        let long = "k".repeat(1000);
        let shown = display_path(&format!("/{long}/x"));
        assert_eq!(shown, format!("{}….x", "k".repeat(MAX_SHOWN_NAME - 1)));
        assert_eq!(
            show_name(&"é".repeat(MAX_SHOWN_NAME)),
            "é".repeat(MAX_SHOWN_NAME)
        );
    }

    #[test]
    fn lookup_agrees_with_serde_json() {
        let value: Value = serde_json::from_str(
            r#"{"a": {"b/c": [1, {"d~e": 2, "": 3}], "0": 4, "~1": 5}, "": {"": 6}}"#,
        )
        .unwrap();
        for pointer in [
            "",
            "/",
            "//",
            "/a",
            "/a/b~1c",
            "/a/b~1c/0",
            "/a/b~1c/1/d~0e",
            "/a/b~1c/1/",
            "/a/b~1c/01",
            "/a/b~1c/+1",
            "/a/b~1c/2",
            "/a/b~1c/-1",
            "/a/0",
            "/a/~01",
            "/a/~1",
            "a",
            "/x",
            "/a/b~1c/0/z",
            "/a/b~2c",
            "/a/b~1c/18446744073709551616",
        ] {
            assert_eq!(
                lookup(&value, pointer),
                value.pointer(pointer),
                "{pointer:?}"
            );
        }
    }
}
