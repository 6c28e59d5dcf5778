//! What a semantic rule sees: the payload as parsed (a lenient view: whatever fields are
//! there, whatever their types), where things are, the configuration, and a sink for
//! findings. Spans are looked up only when a rule reports something.

use std::borrow::Cow;

use serde_json::{Map, Value};

use crate::config::Config;
use crate::diagnostic::Diagnostic;
use crate::kind::PayloadKind;
use crate::source::Locator;
use crate::source::Span;

/// The context of one semantic rule run on one payload.
pub struct Checker<'a> {
    kind: PayloadKind,
    root: &'a Value,
    config: &'a Config,
    today: jiff::civil::Date,
    locate: &'a Locator<'a>,
    out: &'a mut crate::diagnostic::Collector,
}

impl<'a> Checker<'a> {
    pub(crate) fn new(
        kind: PayloadKind,
        root: &'a Value,
        config: &'a Config,
        today: jiff::civil::Date,
        locate: &'a Locator<'a>,
        out: &'a mut crate::diagnostic::Collector,
    ) -> Self {
        Self {
            kind,
            root,
            config,
            today,
            locate,
            out,
        }
    }

    /// The kind the payload is checked as.
    pub fn kind(&self) -> PayloadKind {
        self.kind
    }

    /// The whole payload.
    pub fn root(&self) -> &'a Value {
        self.root
    }

    /// The value at a JSON Pointer, if there is one.
    pub fn at(&self, pointer: &str) -> Option<&'a Value> {
        crate::pointer::lookup(self.root, pointer)
    }

    /// The configuration.
    pub fn config(&self) -> &'a Config {
        self.config
    }

    /// Today's date (UTC), fixed by the configuration or the linter in tests.
    pub fn today(&self) -> jiff::civil::Date {
        self.today
    }

    /// The lead-opportunity object and its pointer: `/leadOpportunity` in requests,
    /// `/data/leadOpportunity` in the GET response.
    pub fn lead_opportunity(&self) -> Option<(&'static str, &'a Map<String, Value>)> {
        let pointer = match self.kind {
            PayloadKind::CreateRequest | PayloadKind::UpdateRequest => "/leadOpportunity",
            PayloadKind::GetResponse => "/data/leadOpportunity",
            _ => return None,
        };
        Some((pointer, self.at(pointer)?.as_object()?))
    }

    /// The pointer of a member of the lead-opportunity payload that requests and the GET
    /// response place differently: `offerLines`, `customerLegalEntity`, and the contacts
    /// (`customerContacts`/`partnerContacts` in requests, `customerContact`/`partnerContact`
    /// in the GET response). Pass the request spelling. Borrowed (no allocation) for those
    /// four members.
    pub fn member_pointer(&self, request_name: &str) -> Option<Cow<'static, str>> {
        let request = matches!(
            self.kind,
            PayloadKind::CreateRequest | PayloadKind::UpdateRequest
        );
        if !request && self.kind != PayloadKind::GetResponse {
            return None;
        }
        let known = match (request, request_name) {
            (true, "offerLines") => Some("/offerLines"),
            (true, "customerLegalEntity") => Some("/customerLegalEntity"),
            (true, "customerContacts") => Some("/customerContacts"),
            (true, "partnerContacts") => Some("/partnerContacts"),
            (false, "offerLines") => Some("/data/leadOpportunity/offerLines"),
            (false, "customerLegalEntity") => Some("/data/leadOpportunity/customerLegalEntity"),
            (false, "customerContacts") => Some("/data/leadOpportunity/customerContact"),
            (false, "partnerContacts") => Some("/data/leadOpportunity/partnerContact"),
            _ => None,
        };
        if let Some(pointer) = known {
            return Some(Cow::Borrowed(pointer));
        }
        Some(Cow::Owned(if request {
            format!("/{request_name}")
        } else {
            let name = request_name
                .strip_suffix("Contacts")
                .map_or_else(|| request_name.to_owned(), |stem| format!("{stem}Contact"));
            format!("/data/leadOpportunity/{name}")
        }))
    }

    /// The span of the value at `pointer`.
    pub fn value_span(&self, pointer: &str) -> Span {
        self.locate.value(pointer)
    }

    /// The span of the key of the member at `pointer`.
    pub fn key_span(&self, pointer: &str) -> Span {
        self.locate.key(pointer)
    }

    /// Where to point for "this object lacks something".
    pub fn object_span(&self, pointer: &str) -> Span {
        self.locate.object(pointer)
    }

    /// Records a finding.
    pub fn report(&mut self, diagnostic: Diagnostic) {
        self.out.push(diagnostic);
    }
}
