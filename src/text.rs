//! Text for people: whatever an input holds (a key, a value, a file name, a configured word)
//! is shown without letting it drive the terminal or the CI log that shows it.

use std::borrow::Cow;

/// `text` with its control characters written as JSON escapes them (`\u001b`), except those
/// `keep` accepts: text from an input (a key, a value, a file name, a configured word) must
/// not drive the terminal or the CI log that shows it. Borrowed when nothing is escaped.
pub fn escape_controls(text: &str, keep: impl Fn(char) -> bool) -> Cow<'_, str> {
    // Control characters are C0 and DEL (single bytes) and C1 (`0xC2 0x80..=0x9F`): text
    // without those bytes, nearly all text, is returned without being decoded.
    let suspect = |b: &u8| matches!(*b, 0..=0x1f | 0x7f | 0xc2);
    let escaped = |c: char| c.is_control() && !keep(c);
    if !text.as_bytes().iter().any(suspect) || !text.chars().any(escaped) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if escaped(c) {
            out.push_str(&format!("\\u{:04x}", u32::from(c)));
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// What kind of file this is, for a message: "a folder", "a FIFO", "a character device"...
/// (what the configuration reader and `--output` refuse, or write through).
pub fn file_kind(kind: &std::fs::FileType) -> &'static str {
    if kind.is_dir() {
        return "a folder";
    }
    if kind.is_file() {
        return "a regular file";
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if kind.is_fifo() {
            return "a FIFO";
        }
        if kind.is_char_device() {
            return "a character device";
        }
        if kind.is_block_device() {
            return "a block device";
        }
        if kind.is_socket() {
            return "a socket";
        }
    }
    "a special file"
}
