//! A4P005 `payload-too-large`: The payload is larger than the configured maximum.
use crate::diagnostic::Diagnostic;
use crate::source::Span;

crate::declare_rule! {
    /// ## What it checks
    /// That a payload is no larger than `[limits] max-payload-bytes` (default 10 MiB; a
    /// lead-opportunity is a few kilobytes). A larger payload is not parsed at all.
    ///
    /// ## Why it matters
    /// A payload of many megabytes is an export gone wrong (a whole table in one record, a
    /// base64 attachment) that DS's gateway would refuse; parsing it would only cost time and
    /// memory.
    ///
    /// ## Turning it off
    /// It cannot be: `--select` and `--ignore` keep it, and the configuration cannot lower it
    /// (raise `[limits] max-payload-bytes` instead, up to 1 GiB). A payload over the limit was
    /// not read, and a gate never passes what it did not check.
    ///
    /// ## Fix
    /// None: what to leave out of a payload is the partner's choice.
    ///
    /// ## Example
    /// A 50 MB `.json` file, or an NDJSON line of 50 MB.
    ///
    /// ## Use instead
    /// One payload per request, a few kilobytes each; raise the limit in `api4p-lint.toml` if
    /// your payloads really are that large.
    pub static PAYLOAD_TOO_LARGE = {
        code: "A4P005",
        name: "payload-too-large",
        category: Syntax,
        severity: Error,
        summary: "The payload is larger than the configured maximum",
        silencing: Never,
    };
}

/// The diagnostic for a payload of `size` bytes over `limit`.
// Public for the binary (`src/cli/check/`), which reports a file or an NDJSON line over the
// limit without reading it.
#[doc(hidden)]
pub fn diagnostic(size: u64, limit: usize) -> Diagnostic {
    Diagnostic::new(&PAYLOAD_TOO_LARGE, "", Span::new(0, 0))
        .with_message(format!(
            "the payload is {size} bytes, over the limit of {limit} bytes"
        ))
        .with_label("not parsed")
        .with_help("raise `[limits] max-payload-bytes` in api4p-lint.toml if this size is expected")
}
