//! A4P303 `email-format`: An email address is not well-formed.
use serde_json::Value;

use crate::kind::PayloadKind;
use crate::rules::helpers::show_value;
use crate::rules::Checker;
use crate::text::payload;

crate::declare_rule! {
    /// ## What it checks
    /// That the email addresses of a lead-opportunity are well-formed:
    /// `leadOpportunity.dsOwnerEmail`, each customer contact's `email` (`customerContacts[N]`
    /// in requests, `customerContact[N]` in the GET response) and each partner contact's
    /// `salesRepEmail`, in create and update requests and the GET response.
    ///
    /// Well-formed means the dot-atom form of RFC 5322 (section 3.4.1), which is what
    /// mail systems accept in practice: `local@domain`, exactly one `@`, no spaces; the local
    /// part made of letters, digits and ``!#$%&'*+/=?^_`{|}~-`` in dot-separated runs (no
    /// leading, trailing or doubled dot, at most 64 characters); the domain made of at least
    /// two dot-separated labels of letters, digits and inner hyphens, its last label (the
    /// top-level domain) at least two characters and not all digits. Letters may be non-ASCII
    /// (RFC 6531 internationalized addresses). Quoted local parts (`"a b"@example.com`),
    /// IP-literal domains (`user@[192.0.2.1]`) and comments are not accepted: CRM systems do
    /// not produce them and DS's mailers are unlikely to.
    ///
    /// When the address is fine once surrounding whitespace, a `mailto:` prefix or a display
    /// name (`Anna Brandt <a.brandt@example.com>`) is removed, the finding carries that
    /// address as its suggestion.
    ///
    /// An empty string is "not set" in the GET response (DS returns `""` for fields nobody
    /// filled in) and is then left alone; in a request, a present but empty address is a
    /// finding (omit the member instead). `null` and non-strings are the schema's business.
    ///
    /// ## Why it matters
    /// The spec types these members as plain strings ("email of the 3DS Partner Sales Manager
    /// (PSM)", "email of the customer Contact", "email of the partner contact") with no
    /// `format`, so DS's validation does not catch a malformed address. DS uses
    /// `dsOwnerEmail` to assign the lead-opportunity to a PSM ("defaulted to the primary 3DS
    /// PSM if not provided at creation time"), and a contact whose address cannot receive
    /// mail cannot be reached.
    ///
    /// ## Fix
    /// The address alone replaces the value when the value is a well-formed address wrapped in
    /// spaces, a `mailto:` prefix or a display name (`Anna Brandt <a.brandt@example.com>` →
    /// `a.brandt@example.com`): safe, the address is the one written, character for character, and
    /// the member holds an address. A malformed address has no fix, nor has a value that may
    /// hold two addresses (a second bracket, or an `@`, a comma or a semicolon in the name):
    /// which one was meant is not sure.
    ///
    /// ## Example
    /// ```json update-request pointer=/leadOpportunity/dsOwnerEmail span="mailto:k.brandt@3ds.com"
    /// {"leadOpportunity": {"partnerLeadOpportunityId": "SF-OPP-004817", "dsOwnerEmail": "mailto:k.brandt@3ds.com"}}
    /// ```
    ///
    /// ## Use instead
    /// ```json update-request
    /// {"leadOpportunity": {"partnerLeadOpportunityId": "SF-OPP-004817", "dsOwnerEmail": "k.brandt@3ds.com"}}
    /// ```
    pub static EMAIL_FORMAT = {
        code: "A4P303",
        name: "email-format",
        category: Format,
        severity: Warning,
        summary: "An email address is not well-formed",
        fix: [Safe],
    };
}

/// Runs the rule.
pub(crate) fn check(cx: &mut Checker<'_>) {
    let kind = cx.kind();
    if !matches!(
        kind,
        PayloadKind::CreateRequest | PayloadKind::UpdateRequest | PayloadKind::GetResponse
    ) {
        return;
    }
    // Pointers are written only for a finding: a valid payload allocates nothing here.
    if let Some((lead, object)) = cx.lead_opportunity() {
        if let Some(Value::String(address)) = object.get("dsOwnerEmail") {
            check_address(cx, address, || format!("{lead}/dsOwnerEmail"));
        }
    }
    for (member, field) in [
        ("customerContacts", "email"),
        ("partnerContacts", "salesRepEmail"),
    ] {
        let Some(base) = cx.member_pointer(member) else {
            continue;
        };
        let Some(contacts) = cx.at(&base).and_then(Value::as_array) else {
            continue;
        };
        for (index, contact) in contacts.iter().enumerate() {
            if let Some(Value::String(address)) = contact.get(field) {
                check_address(cx, address, || format!("{base}/{index}/{field}"));
            }
        }
    }
}

fn check_address(cx: &mut Checker<'_>, address: &str, pointer: impl FnOnce() -> String) {
    if address.trim().is_empty() {
        // DS returns `""` for addresses nobody filled in; only a request's is a mistake.
        if cx.kind() != PayloadKind::GetResponse {
            empty(cx, pointer());
        }
        return;
    }
    let Err(reason) = validate(address) else {
        return;
    };
    match repair(address) {
        Some(fixed) => wrapped(cx, pointer(), address, &fixed),
        None => malformed(cx, pointer(), address, reason),
    }
}

/// The address inside `text` when `text` wraps a well-formed one: surrounding whitespace, a
/// `mailto:` prefix, a display name with angle brackets.
fn repair(text: &str) -> Option<String> {
    let mut candidate = text.trim();
    if let Some(open) = candidate.find('<') {
        let (name, bracketed) = candidate.split_at(open);
        let bracketed = &bracketed[1..];
        // One address in brackets after a display name. A name holding an `@`, a comma or a
        // bracket, or a second bracket, may be a list of addresses: which one was meant is
        // not sure, so there is no fix.
        if name.contains(['@', ',', ';', '<', '>']) || bracketed.contains('<') {
            return None;
        }
        candidate = bracketed.strip_suffix('>')?.trim();
    }
    if let Some(rest) = candidate
        .get(..7)
        .filter(|prefix| prefix.eq_ignore_ascii_case("mailto:"))
        .and_then(|_| candidate.get(7..))
    {
        candidate = rest.trim();
    }
    (candidate != text && validate(candidate).is_ok()).then(|| candidate.to_owned())
}

/// Checks the dot-atom form of RFC 5322 section 3.4.1 (with RFC 6531's non-ASCII letters);
/// the error says what is wrong, as a span label.
fn validate(address: &str) -> Result<(), String> {
    if let Some(c) = address.chars().find(|c| c.is_whitespace()) {
        return Err(if c == ' ' {
            "contains a space".to_owned()
        } else {
            "contains whitespace".to_owned()
        });
    }
    let mut parts = address.split('@');
    let (Some(local), Some(domain), None) = (parts.next(), parts.next(), parts.next()) else {
        return Err(if address.contains('@') {
            "more than one @".to_owned()
        } else {
            "no @".to_owned()
        });
    };
    if local.is_empty() {
        return Err("nothing before the @".to_owned());
    }
    if domain.is_empty() {
        return Err("nothing after the @".to_owned());
    }
    if local.chars().count() > 64 {
        return Err("the part before the @ is longer than 64 characters".to_owned());
    }
    dots(local, "the part before the @")?;
    if let Some(c) = local.chars().find(|&c| c != '.' && !is_atext(c)) {
        return Err(format!(
            "{} is not allowed before the @",
            payload(format!("{c:?}"))
        ));
    }
    dots(domain, "the domain")?;
    if domain.chars().count() > 253 {
        return Err("the domain is longer than 253 characters".to_owned());
    }
    let Some(tld) = domain.rsplit('.').next() else {
        return Err("the domain is empty".to_owned());
    };
    if !domain.contains('.') {
        return Err("the domain has no dot".to_owned());
    }
    for label in domain.split('.') {
        if let Some(c) = label.chars().find(|&c| c != '-' && !c.is_alphanumeric()) {
            return Err(format!(
                "{} is not allowed in the domain",
                payload(format!("{c:?}"))
            ));
        }
        if label.starts_with('-') || label.ends_with('-') {
            return Err("a domain label starts or ends with a hyphen".to_owned());
        }
        if label.chars().count() > 63 {
            return Err("a domain label is longer than 63 characters".to_owned());
        }
    }
    if tld.chars().count() < 2 || tld.chars().all(|c| c.is_ascii_digit()) {
        return Err(format!(
            "{} is not a top-level domain",
            payload(format!("{tld:?}"))
        ));
    }
    Ok(())
}

/// No leading, trailing or doubled dot.
fn dots(part: &str, name: &str) -> Result<(), String> {
    if part.starts_with('.') {
        Err(format!("{name} starts with a dot"))
    } else if part.ends_with('.') {
        Err(format!("{name} ends with a dot"))
    } else if part.contains("..") {
        Err(format!("{name} has two dots in a row"))
    } else {
        Ok(())
    }
}

/// RFC 5322 `atext`, with any non-ASCII letter or digit (RFC 6531).
fn is_atext(c: char) -> bool {
    c.is_alphanumeric() || "!#$%&'*+/=?^_`{|}~-".contains(c)
}

const NOTE: &str = "the spec gives email members no format, so DS's validation lets a malformed \
                    address through: it is stored as written and mail to it never arrives";

/// A request's address present but empty.
fn empty(cx: &mut Checker<'_>, pointer: String) {
    cx.at_value(pointer)
        .field_message("is an empty email address")
        .label("empty")
        .help("write the address, or leave the member out when there is none")
        .note(NOTE)
        .report();
}

/// A well-formed address wrapped in other text (spaces, `mailto:`, a display name): the
/// address alone is the fix.
fn wrapped(cx: &mut Checker<'_>, pointer: String, address: &str, fixed: &str) {
    cx.at_value(pointer)
        .field_message(format!(
            "is {}, not a bare email address",
            show_value(address)
        ))
        .label("not a bare address")
        .help(format!("write the address alone: \"{}\"", payload(fixed)))
        .note(NOTE)
        .suggest_string(payload(fixed))
        .safe_fix()
        .report();
}

/// Not an address; `reason` says why, under the value.
fn malformed(cx: &mut Checker<'_>, pointer: String, address: &str, reason: String) {
    cx.at_value(pointer)
        .field_message(format!(
            "is {}, which is not a well-formed email address",
            show_value(address)
        ))
        .label(reason)
        .help("write an address of the form name@domain.tld")
        .note(NOTE)
        .report();
}

#[cfg(test)]
mod tests {
    use super::{repair, validate};

    #[test]
    fn accepts_ordinary_addresses() {
        for ok in [
            "john.doe@3ds.com",
            "dummy123_mail@mail.com",
            "first.last+crm@sub.example.co.uk",
            "o'brien@example.ie",
            "jürgen.müller@beispiel.de",
            "x@a-b.io",
        ] {
            assert_eq!(validate(ok), Ok(()), "{ok}");
        }
    }

    #[test]
    fn refuses_malformed_addresses() {
        for (bad, why) in [
            ("john.doe", "no @"),
            ("a@b@c.com", "more than one @"),
            ("john doe@3ds.com", "contains a space"),
            ("john@3ds", "the domain has no dot"),
            (".john@3ds.com", "the part before the @ starts with a dot"),
            ("john.@3ds.com", "the part before the @ ends with a dot"),
            (
                "jo..hn@3ds.com",
                "the part before the @ has two dots in a row",
            ),
            ("john@3ds..com", "the domain has two dots in a row"),
            ("john@3ds.com.", "the domain ends with a dot"),
            ("@3ds.com", "nothing before the @"),
            ("john@", "nothing after the @"),
            (
                "john@-3ds.com",
                "a domain label starts or ends with a hyphen",
            ),
            ("john@3ds.c", "\"c\" is not a top-level domain"),
            ("john@10.0.0.1", "\"1\" is not a top-level domain"),
            ("john(x)@3ds.com", "'(' is not allowed before the @"),
        ] {
            // What the label quotes of the address is payload data, masked under redaction.
            let (plain, redacted) = crate::text::unmark(validate(bad).unwrap_err());
            assert_eq!(plain, why, "{bad}");
            assert_eq!(
                redacted.is_some(),
                why.contains(['"', '\'']),
                "{bad}: {redacted:?}"
            );
        }
    }

    #[test]
    fn repairs_wrapped_addresses() {
        assert_eq!(repair(" a@b.com "), Some("a@b.com".to_owned()));
        assert_eq!(repair("mailto:a@b.com"), Some("a@b.com".to_owned()));
        assert_eq!(repair("MAILTO:a@b.com"), Some("a@b.com".to_owned()));
        assert_eq!(repair("Anna B <a@b.com>"), Some("a@b.com".to_owned()));
        assert_eq!(repair("<mailto:a@b.com>"), Some("a@b.com".to_owned()));
        assert_eq!(repair("a@b"), None);
        assert_eq!(repair("a b@c.com"), None);
        // Two addresses, or an address in the name: which one was meant is not sure.
        assert_eq!(
            repair("Anna Brandt <anna@example.com>, Bob Meyer <bob@example.com>"),
            None
        );
        assert_eq!(
            repair("anna@example.com <- left the company, was <bob@example.com>"),
            None
        );
    }
}
