//! What several rules share: reading the date-times DS accepts, the bounds of search windows,
//! and showing values and lists of values in messages.

use serde_json::Value;

use crate::text::{escape_controls, payload};

pub(crate) mod bounds;
pub(crate) mod dates;

/// Whether two words are equal but for case, spacing and punctuation: a value that is so
/// with exactly one allowed code names that code for sure (a safe fix).
pub(crate) fn fold_equal(a: &str, b: &str) -> bool {
    let fold = |w: &str| {
        w.chars()
            .filter(|c| c.is_alphanumeric())
            .flat_map(char::to_lowercase)
            .collect::<String>()
    };
    fold(a) == fold(b)
}

/// Whether `value` is [`fold_equal`] to `code` and to no other of `codes`.
pub(crate) fn only_fold_equal<'c>(
    value: &str,
    code: &str,
    codes: impl IntoIterator<Item = &'c str>,
) -> bool {
    fold_equal(value, code) && codes.into_iter().filter(|c| fold_equal(value, c)).count() == 1
}

/// A value as a message shows it: compact JSON, cut after 40 characters, control characters
/// escaped, marked as payload data ([`payload`]: a redacted report says `<redacted>`). Only the start of the value is serialized, so showing a 50 MB string or a 10 MB
/// array costs as little as showing a word.
pub(crate) fn show_value<T: serde::Serialize + ?Sized>(value: &T) -> String {
    const SHOWN: usize = 40;
    /// Keeps the first `CAP` bytes written, then refuses more (ending the serialization).
    struct Capped {
        bytes: Vec<u8>,
        cut: bool,
    }
    const CAP: usize = 8 * SHOWN;
    impl std::io::Write for Capped {
        fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
            let room = CAP - self.bytes.len();
            if room == 0 {
                self.cut = true;
                return Err(std::io::Error::other("enough"));
            }
            let n = buf.len().min(room);
            self.bytes.extend_from_slice(&buf[..n]);
            Ok(n)
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }
    let mut capped = Capped {
        bytes: Vec::new(),
        cut: false,
    };
    let _ = serde_json::to_writer(&mut capped, value);
    let text = String::from_utf8_lossy(&capped.bytes);
    let cut = capped.cut || text.chars().count() > SHOWN;
    let kept: String = text
        .chars()
        .take(if cut { SHOWN - 3 } else { SHOWN })
        .collect();
    // JSON escapes C0 controls; DEL and C1 controls pass through it.
    let mut out = escape_controls(&kept, |_| false).into_owned();
    if cut {
        out.push('…');
    }
    payload(out)
}

/// `a, b, c` (values as written in JSON, strings without quotes): the spec's codes, never
/// payload data.
pub(crate) fn show_list<'a>(values: impl IntoIterator<Item = &'a Value>) -> String {
    values
        .into_iter()
        .map(|v| v.as_str().map_or_else(|| v.to_string(), str::to_owned))
        .collect::<Vec<_>>()
        .join(", ")
}
