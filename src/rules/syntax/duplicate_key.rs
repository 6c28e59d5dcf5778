//! A4P002 `duplicate-key`: An object has the same key twice; one of the values is silently lost.
use crate::diagnostic::Diagnostic;
use crate::lint::path::{display_path, escape_segment};
use crate::source::span_index::DuplicateKey;

crate::declare_rule! {
    /// ## What it checks
    /// That no object has the same key twice.
    ///
    /// ## Why it matters
    /// JSON parsers disagree on duplicate keys: serde_json, and most servers, keep the last value
    /// and drop the first without a word. Whichever value DS keeps, the other one is silently
    /// lost, and the partner's CRM and DS's pipeline no longer agree.
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
    };
}

/// The diagnostic for one later occurrence of a key.
pub(crate) fn diagnostic(dup: &DuplicateKey) -> Diagnostic {
    let pointer = format!("{}/{}", dup.object_pointer, escape_segment(&dup.key));
    Diagnostic::new(
        &DUPLICATE_KEY,
        format!("duplicate key `{}`", display_path(&pointer)),
        pointer,
        dup.key_span,
        "this value replaces the first one",
    )
    .with_secondary(dup.first_key, "first written here; this value is lost")
    .with_help("keep one of the two members")
}
