//! A4P002 `duplicate-key`: An object has the same key twice; one of the values is silently lost.
use crate::diagnostic::{Applicability, Diagnostic, Edit, Fix};
use crate::pointer::{display_path, escape_segment};
use crate::source::span_index::DuplicateKey;
use crate::source::Span;

crate::declare_rule! {
    /// ## What it checks
    /// That no object has the same key twice.
    ///
    /// ## Why it matters
    /// JSON parsers disagree on duplicate keys: serde_json, and most servers, keep the last value
    /// and drop the first without a word. Whichever value DS keeps, the other one is silently
    /// lost, and the partner's CRM and DS's pipeline no longer agree.
    ///
    /// ## Fix
    /// The first member is removed: its key, its value, the comma after it and the whitespace up to
    /// the next member, so the object stays valid and keeps its layout. serde_json keeps the last
    /// value, and so do Java's common parsers (DS's backend is Java, Jackson keeps the last by
    /// default): the fixed payload says what a last-wins parser read. Unsafe: DS does not document
    /// which value it keeps, and the author may have meant the first. Beyond the 100 findings
    /// reported one by one, the finding that counts the rest has no fix (fixing again reaches
    /// them).
    ///
    /// ## Example
    /// ```json update-request pointer=/leadOpportunity/status span="status"
    /// {"leadOpportunity": {"partnerLeadOpportunityId": "CRM-LEAD-1234", "status": "QUALIFIED", "status": "ACCEPTED"}}
    /// ```
    ///
    /// ## Use instead
    /// ```json update-request
    /// {"leadOpportunity": {"partnerLeadOpportunityId": "CRM-LEAD-1234", "status": "ACCEPTED"}}
    /// ```
    pub static DUPLICATE_KEY = {
        code: "A4P002",
        name: "duplicate-key",
        category: Syntax,
        severity: Error,
        summary: "An object has the same key twice; one of the values is silently lost",
        fix: [Unsafe],
    };
}

/// At most this many duplicate-key findings per payload; the others are counted in one more
/// finding, so that a generated payload repeating a key thousands of times gives a readable
/// report (a few hundred lines) instead of megabytes of identical code frames.
pub(crate) const MAX_REPORTED: usize = 100;

/// The findings for a payload's duplicate keys (in source order): one per later occurrence,
/// the first [`MAX_REPORTED`] only, then one finding at the next that counts the rest.
/// `text` is the payload's (BOM included: the spans' offsets are into it).
pub(crate) fn diagnostics(dups: &[DuplicateKey], text: &str) -> Vec<Diagnostic> {
    let mut out: Vec<Diagnostic> = dups
        .iter()
        .take(MAX_REPORTED)
        .map(|dup| diagnostic(dup, text))
        .collect();
    if let Some(next) = dups.get(MAX_REPORTED) {
        let more = dups.len() - MAX_REPORTED;
        let pointer = format!("{}/{}", next.object_pointer, escape_segment(&next.key));
        out.push(
            Diagnostic::new(&DUPLICATE_KEY, pointer.as_str(), next.key_span)
                .with_message(format!(
                    "{more} more duplicate key{} from `{}` on, not reported one by one",
                    if more == 1 { "" } else { "s" },
                    display_path(&pointer)
                ))
                .with_label("the first of them")
                .with_help(format!(
                    "the payload repeats keys {} times; the first {MAX_REPORTED} are reported \
                     above: fix how it is generated",
                    dups.len()
                )),
        );
    }
    out
}

/// The diagnostic for one later occurrence of a key in `text`.
pub(crate) fn diagnostic(dup: &DuplicateKey, text: &str) -> Diagnostic {
    let pointer = format!("{}/{}", dup.object_pointer, escape_segment(&dup.key));
    let diagnostic = Diagnostic::new(&DUPLICATE_KEY, pointer.as_str(), dup.key_span)
        .with_message(format!("duplicate key `{}`", display_path(&pointer)))
        .with_label("this value replaces the first one")
        .with_secondary(dup.first_key, "first written here; this value is lost")
        .with_help("keep one of the two members");
    match first_member(dup, text) {
        // A deletion writes no payload data: it stays in a redacted report.
        Some(span) => {
            diagnostic.with_fix(Fix::new(Applicability::Unsafe, Edit::delete(span)), false)
        }
        None => diagnostic,
    }
}

/// The bytes of the first occurrence's member with what parts it from the next member: its
/// key, value, the comma after it and the whitespace up to the next key. A later occurrence
/// follows it in the same object, so that comma is always there; `None` if the text does not
/// read so (it always does for spans the index found in it).
fn first_member(dup: &DuplicateKey, text: &str) -> Option<Span> {
    let after = text.get(dup.first_value.end()..)?;
    let gap = after.trim_start_matches([' ', '\t', '\n', '\r']);
    let rest = gap.strip_prefix(',')?;
    let next = rest.trim_start_matches([' ', '\t', '\n', '\r']);
    let end = text.len() - next.len();
    (dup.first_key.offset < end && end <= dup.key_span.offset)
        .then(|| Span::from_range(dup.first_key.offset, end))
}
