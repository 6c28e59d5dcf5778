//! Where the cursor is in a JSON text being typed: the path of keys and indexes to it, and
//! whether it stands where a key or a value goes. The text need not parse (it rarely does
//! while a value is typed): the scan reads tokens up to the cursor only, tolerates anything
//! it does not understand, and is iterative, so no document can make it recurse.

/// One step of the path to the cursor.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Step {
    Key(String),
    Index(usize),
}

/// What stands at the cursor.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Place {
    /// A key of the object at `path` goes here (or is being typed: `token`, its bytes);
    /// `present` are the keys the object has before the cursor.
    Key {
        token: Option<(usize, usize)>,
        present: Vec<String>,
    },
    /// The value of `path`'s last step goes here, or is being typed (`token`).
    Value { token: Option<(usize, usize)> },
}

/// The cursor's place and the path to it (to the object for a key, to the member or item for
/// a value).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Cursor {
    pub(crate) path: Vec<Step>,
    pub(crate) place: Place,
}

#[derive(Debug)]
enum Frame {
    Object {
        /// The key read, once its `:` is seen: a value is expected.
        key: Option<String>,
        /// Where the key read is (before its `:`, the cursor after it stands on it).
        key_span: Option<(usize, usize)>,
        colon: bool,
        /// Whether the member's value was read: a string after it, with no `,` between (a
        /// new member typed before the comma), is the next member's key.
        valued: bool,
        present: Vec<String>,
    },
    Array {
        index: usize,
    },
}

/// A token: its bytes, and for a string its text (escapes read).
struct Token {
    start: usize,
    end: usize,
    kind: TokenKind,
}

enum TokenKind {
    Punct(u8),
    String(String),
    /// A number, `true`, `false`, `null`, or anything else the scan does not know.
    Bare,
}

/// The cursor at byte `offset` of `text`, if it stands inside the root value.
pub(crate) fn at(text: &str, offset: usize) -> Option<Cursor> {
    let offset = offset.min(text.len());
    let mut stack: Vec<Frame> = Vec::new();
    let mut path: Vec<Step> = Vec::new();
    let mut at = 0;
    loop {
        let token = next_token(text, at);
        // The cursor is before this token, or on it: inside it, at its end (a token being
        // typed) or at its start (before a value's opening quote: what is completed there
        // replaces the value, as a hover there describes it).
        let touches = token.as_ref().is_some_and(|t| {
            t.start <= offset && offset <= t.end && !matches!(t.kind, TokenKind::Punct(_))
        });
        if token.as_ref().is_none_or(|t| t.start >= offset) || touches {
            // In the blanks before a member's value (`"status": | "WONN"`), the cursor stands
            // on that value too: a second value there is never JSON, so what is completed
            // replaces it.
            let before_value = |t: &Token| {
                !matches!(t.kind, TokenKind::Punct(_))
                    && text[offset..t.start]
                        .bytes()
                        .all(|b| b.is_ascii_whitespace())
                    && matches!(stack.last(), Some(Frame::Object { colon: true, .. }))
            };
            let span = token
                .as_ref()
                .filter(|t| touches || before_value(t))
                .map(|t| (t.start, t.end));
            let mut cursor = place(&stack, path, span)?;
            if let Place::Key { present, .. } = &mut cursor.place {
                let from = span.map_or(offset, |(_, end)| end);
                present.extend(keys_after(text, from));
            }
            return Some(cursor);
        }
        let token = token?;
        at = token.end;
        match token.kind {
            TokenKind::Punct(b'{') => {
                if let Some(Frame::Object { valued, .. }) = stack.last_mut() {
                    *valued = true;
                }
                stack.push(Frame::Object {
                    key: None,
                    key_span: None,
                    colon: false,
                    valued: false,
                    present: Vec::new(),
                });
            }
            TokenKind::Punct(b'[') => {
                if let Some(Frame::Object { valued, .. }) = stack.last_mut() {
                    *valued = true;
                }
                stack.push(Frame::Array { index: 0 });
                path.push(Step::Index(0));
            }
            TokenKind::Punct(c @ (b'}' | b']')) => {
                // Its own open step (a member's key, an item's index) ends with it; the
                // container itself stays its parent's value until the parent's `,`.
                match stack.pop() {
                    Some(Frame::Object { colon: true, .. }) if c == b'}' => {
                        path.pop();
                    }
                    Some(Frame::Array { .. }) if c == b']' => {
                        path.pop();
                    }
                    Some(Frame::Object { .. }) if c == b'}' => {}
                    // A bracket that closes nothing it opened: leave the scan as it stands.
                    Some(frame) => stack.push(frame),
                    None => {}
                }
                if stack.is_empty() {
                    return None;
                }
            }
            TokenKind::Punct(b':') => {
                if let Some(Frame::Object {
                    key: Some(k),
                    colon,
                    ..
                }) = stack.last_mut()
                {
                    if !*colon {
                        *colon = true;
                        path.push(Step::Key(k.clone()));
                    }
                }
            }
            TokenKind::Punct(b',') => match stack.last_mut() {
                Some(Frame::Object {
                    key,
                    key_span,
                    colon,
                    valued,
                    ..
                }) => {
                    if *colon {
                        path.pop();
                    }
                    *key = None;
                    *key_span = None;
                    *colon = false;
                    *valued = false;
                }
                Some(Frame::Array { index }) => {
                    *index += 1;
                    path.pop();
                    path.push(Step::Index(*index));
                }
                None => {}
            },
            TokenKind::Punct(_) => {}
            TokenKind::String(s) => {
                if let Some(Frame::Object {
                    key,
                    key_span,
                    colon,
                    valued,
                    present,
                }) = stack.last_mut()
                {
                    if *colon && *valued {
                        // A string after a member's value with no `,` between: a new member
                        // being typed before its comma.
                        path.pop();
                        *colon = false;
                        *valued = false;
                    }
                    if *colon {
                        *valued = true;
                    } else {
                        present.push(s.clone());
                        *key = Some(s);
                        *key_span = Some((token.start, token.end));
                    }
                }
            }
            TokenKind::Bare => {
                if let Some(Frame::Object { valued, .. }) = stack.last_mut() {
                    *valued = true;
                }
            }
        }
    }
}

/// The contents of the string token `start..end` of `text` (between its quotes): from after
/// the opening quote to the closing one, or to the token's end when the string is not closed
/// on its line. `None` for a token that is no string.
pub(crate) fn string_contents(text: &str, (start, end): (usize, usize)) -> Option<(usize, usize)> {
    let raw = text.get(start..end)?.as_bytes();
    if raw.first() != Some(&b'"') {
        return None;
    }
    // Closed: it ends with a quote that is not its opening one and no backslash escapes.
    let body = &raw[1..];
    let escapes = body
        .iter()
        .rev()
        .skip(1)
        .take_while(|&&b| b == b'\\')
        .count();
    let closed = body.last() == Some(&b'"') && escapes % 2 == 0;
    Some((start + 1, if closed { end - 1 } else { end }))
}

fn place(stack: &[Frame], path: Vec<Step>, token: Option<(usize, usize)>) -> Option<Cursor> {
    let place = match stack.last()? {
        Frame::Object {
            colon: false,
            present,
            key,
            key_span,
            ..
        } => {
            // A key being typed is not yet a key the object has. In the blanks after a key
            // whose `:` has not come, the cursor stands on that key: what is completed there
            // replaces it, never a second key beside it.
            let mut present = present.clone();
            let token = token.or(*key_span);
            if token.is_some() && key.is_some() {
                present.pop();
            }
            Place::Key { token, present }
        }
        Frame::Object { colon: true, .. } | Frame::Array { .. } => Place::Value { token },
    };
    Some(Cursor { path, place })
}

/// How far past the cursor the object's later keys are looked for.
const MAX_SCANNED_AFTER: usize = 1 << 20;

/// The keys of the object the cursor stands in that come after `from`: to its closing brace,
/// at most [`MAX_SCANNED_AFTER`] bytes on.
fn keys_after(text: &str, from: usize) -> Vec<String> {
    let mut keys = Vec::new();
    let mut depth = 0usize;
    let mut at = from;
    let mut last_string: Option<String> = None;
    while let Some(token) = next_token(text, at) {
        if token.start > from + MAX_SCANNED_AFTER {
            break;
        }
        at = token.end;
        match token.kind {
            TokenKind::Punct(b'{' | b'[') => depth += 1,
            TokenKind::Punct(b'}' | b']') => match depth.checked_sub(1) {
                Some(d) => depth = d,
                None => break,
            },
            TokenKind::Punct(b':') if depth == 0 => {
                if let Some(key) = last_string.take() {
                    keys.push(key);
                }
            }
            TokenKind::String(s) if depth == 0 => {
                last_string = Some(s);
                continue;
            }
            _ => {}
        }
        last_string = None;
    }
    keys
}

fn next_token(text: &str, from: usize) -> Option<Token> {
    let bytes = text.as_bytes();
    let mut i = from;
    while i < bytes.len() && matches!(bytes[i], b' ' | b'\t' | b'\n' | b'\r') {
        i += 1;
    }
    let start = i;
    let c = *bytes.get(i)?;
    match c {
        b'{' | b'}' | b'[' | b']' | b':' | b',' => Some(Token {
            start,
            end: i + 1,
            kind: TokenKind::Punct(c),
        }),
        b'"' => {
            // To the closing quote, or (unterminated, being typed) to the end of the line.
            i += 1;
            let mut escaped = false;
            while i < bytes.len() {
                match bytes[i] {
                    b'\\' if !escaped => escaped = true,
                    b'"' if !escaped => {
                        i += 1;
                        break;
                    }
                    b'\n' | b'\r' => break,
                    _ => escaped = false,
                }
                i += 1;
            }
            let raw = &text[start..i];
            let value = serde_json::from_str::<String>(raw)
                .unwrap_or_else(|_| raw.trim_start_matches('"').trim_end_matches('"').to_owned());
            Some(Token {
                start,
                end: i,
                kind: TokenKind::String(value),
            })
        }
        _ => {
            while i < bytes.len()
                && !matches!(
                    bytes[i],
                    b' ' | b'\t' | b'\n' | b'\r' | b'{' | b'}' | b'[' | b']' | b':' | b',' | b'"'
                )
            {
                i += 1;
            }
            // A byte that starts no token of its own (a stray control character) still moves
            // the scan on.
            let end = if i == start { start + 1 } else { i };
            let end = (end..=text.len())
                .find(|&e| text.is_char_boundary(e))
                .unwrap_or(text.len());
            Some(Token {
                start,
                end,
                kind: TokenKind::Bare,
            })
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(k: &str) -> Step {
        Step::Key(k.to_owned())
    }

    fn cursor(text_with_bar: &str) -> Option<Cursor> {
        let offset = text_with_bar.find('|').unwrap();
        let text = text_with_bar.replacen('|', "", 1);
        at(&text, offset)
    }

    #[test]
    fn a_value_being_typed_names_its_member() {
        let c = cursor(r#"{"leadOpportunity": {"status": "WO|"#).unwrap();
        assert_eq!(c.path, [key("leadOpportunity"), key("status")]);
        assert!(
            matches!(
                c.place,
                Place::Value {
                    token: Some((31, 34))
                }
            ),
            "{c:?}"
        );
        let c = cursor(r#"{"leadOpportunity": {"status": |}}"#).unwrap();
        assert_eq!(c.path, [key("leadOpportunity"), key("status")]);
        assert_eq!(c.place, Place::Value { token: None });
    }

    #[test]
    fn a_cursor_at_a_tokens_start_stands_on_it() {
        let c = cursor(r#"{"leadOpportunity": {"status": |"WO"}}"#).unwrap();
        assert_eq!(c.path, [key("leadOpportunity"), key("status")]);
        assert_eq!(
            c.place,
            Place::Value {
                token: Some((31, 35))
            }
        );
        let c = cursor(r#"{"amount": |12, "a": 1}"#).unwrap();
        assert_eq!(
            c.place,
            Place::Value {
                token: Some((11, 13))
            }
        );
        // A key: the object's other keys are still known, this one is not.
        let c = cursor(r#"{"a": 1, |"status": "WON", "b": 2}"#).unwrap();
        assert_eq!(
            c.place,
            Place::Key {
                token: Some((9, 17)),
                present: vec!["a".to_owned(), "b".to_owned()]
            }
        );
        // Before a bracket: a place, not a token.
        let c = cursor(r#"{"a": |{"b": 1}}"#).unwrap();
        assert_eq!(c.place, Place::Value { token: None });
    }

    #[test]
    fn the_blanks_before_a_members_value_stand_on_it() {
        let text = r#"{"status": "WONN", "a": 1}"#;
        for offset in [10, 11] {
            assert_eq!(
                at(text, offset),
                Some(Cursor {
                    path: vec![key("status")],
                    place: Place::Value {
                        token: Some((11, 17))
                    },
                }),
                "{offset}"
            );
        }
        // Before a key, or an array's item, the cursor stands on nothing: a new member or
        // item may go there.
        let text = r#"{ "status": ["A", "B"]}"#;
        assert_eq!(
            at(text, 1),
            Some(Cursor {
                path: vec![],
                place: Place::Key {
                    token: None,
                    present: vec!["status".to_owned()]
                },
            })
        );
        assert_eq!(
            at(text, 17),
            Some(Cursor {
                path: vec![key("status"), Step::Index(1)],
                place: Place::Value { token: None },
            })
        );
    }

    #[test]
    fn a_member_typed_before_its_comma_is_the_next_members() {
        // `o` after the last member in an editor: the new key's value is its own.
        let text = "{\"status\": \"WONN\"\n\"forecastCategory\": \"";
        assert_eq!(
            cursor(&format!("{text}|")),
            Some(Cursor {
                path: vec![key("forecastCategory")],
                place: Place::Value {
                    token: Some((text.len() - 1, text.len()))
                },
            })
        );
        // Also after a number, and after an object or array value.
        for value in ["1", "{\"a\": 1}", "[1, 2]"] {
            let text = format!("{{\"a\": {value}\n\"forecastCategory\": |");
            assert_eq!(
                cursor(&text).map(|c| c.path),
                Some(vec![key("forecastCategory")]),
                "{text}"
            );
        }
    }

    #[test]
    fn the_blanks_after_a_key_before_its_colon_stand_on_it() {
        let text = r#"{"a": 1, "status" :  "WONN"}"#;
        assert_eq!(
            at(text, 17),
            Some(Cursor {
                path: vec![],
                place: Place::Key {
                    token: Some((9, 17)),
                    present: vec!["a".to_owned()]
                },
            })
        );
    }

    #[test]
    fn a_key_place_lists_the_keys_before_it() {
        let c = cursor(r#"{"leadOpportunity": {"status": "WON", |}}"#).unwrap();
        assert_eq!(c.path, [key("leadOpportunity")]);
        assert_eq!(
            c.place,
            Place::Key {
                token: None,
                present: vec!["status".to_owned()]
            }
        );
        let c = cursor(r#"{"leadOpportunity": {"status": "WON", "fore|"#).unwrap();
        assert!(
            matches!(c.place, Place::Key { token: Some(_), ref present } if present == &["status"])
        );
    }

    #[test]
    fn a_key_place_also_knows_the_keys_after_it() {
        let c = cursor("{\"leadOpportunity\": {\"a\": 1,\n|\n\"status\": \"WON\", \"x\": {\"inner\": 1}}, \"outer\": 2}").unwrap();
        assert_eq!(
            c.place,
            Place::Key {
                token: None,
                present: vec!["a".to_owned(), "status".to_owned(), "x".to_owned()]
            }
        );
    }

    #[test]
    fn arrays_count_their_items_and_closed_containers_leave_the_path() {
        let c = cursor(r#"{"offerLines": [{"a": 1}, {"revenueType": "|"}], "x": 1}"#).unwrap();
        assert_eq!(
            c.path,
            [key("offerLines"), Step::Index(1), key("revenueType")]
        );
        let c = cursor(r#"{"offerLines": [{"a": [1, 2]}], "currency": |}"#).unwrap();
        assert_eq!(c.path, [key("currency")]);
        assert_eq!(cursor(r#"{"a": 1}|"#), None, "after the root");
        assert_eq!(cursor(r#"|{"a": 1}"#), None, "before the root");
    }

    #[test]
    fn a_strings_contents_end_at_its_closing_quote_or_the_tokens_end() {
        let text = r##"{"a": "WO", "b": "x\"", "c": "y\""##;
        let at = |s: &str| (text.find(s).unwrap(), text.find(s).unwrap() + s.len());
        assert_eq!(string_contents(text, at(r#""WO""#)), Some((7, 9)));
        let (a, b) = at(r#""x\"""#);
        assert_eq!(string_contents(text, (a, b)), Some((a + 1, b - 1)));
        // An escaped quote does not close it.
        let (a, b) = at(r#""y\""#);
        assert_eq!(string_contents(text, (a, b)), Some((a + 1, b)));
        assert_eq!(string_contents("{\"a\": 12}", (7, 9)), None);
        assert_eq!(string_contents("\"", (0, 1)), Some((1, 1)));
    }

    #[test]
    fn anything_scans_without_a_panic() {
        for text in [
            "",
            "\"",
            "{\"a\\",
            "{{{{[[[",
            "]]}}",
            "{\"é\": \"😀",
            "\u{1}\u{feff}{",
        ] {
            for offset in 0..=text.len() {
                let _ = at(text, offset);
            }
        }
    }
}
