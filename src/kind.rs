//! Payload kinds: which API4Partners payload a text is meant to be.

use std::fmt;
use std::str::FromStr;

/// One payload of the API4Partners spec, by its kebab-case name (used by `--kind`, the config
/// and every output format).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum PayloadKind {
    /// `POST /sales/api4partners/v0/leads-opportunities` request body.
    CreateRequest,
    /// `PATCH /sales/api4partners/v0/leads-opportunities/{id}` request body.
    UpdateRequest,
    /// `POST /sales/api4partners/v0/leads-opportunities/search` request body.
    SearchRequest,
    /// `GET /sales/api4partners/v0/leads-opportunities/{id}` 200 response body.
    GetResponse,
    /// `POST /sales/api4partners/v0/leads-opportunities` 201 response body.
    CreateResponse,
    /// `PATCH /sales/api4partners/v0/leads-opportunities/{id}` 200 response body.
    UpdateResponse,
    /// `POST /sales/api4partners/v0/leads-opportunities/search` 200 response body.
    SearchResponse,
    /// Error bodies: DS's `{info, error, data}` envelopes (400, 406, 500, 503) and the gateway's
    /// `{message}` bodies (401, 403, 429).
    ErrorResponse,
}

impl PayloadKind {
    /// The indefinite article before the kind's name: "an update-request", "a get-response".
    pub fn article(self) -> &'static str {
        if self.name().starts_with(['a', 'e', 'i', 'o', 'u']) {
            "an"
        } else {
            "a"
        }
    }

    /// Every kind, in a stable order.
    pub const ALL: [PayloadKind; 8] = [
        PayloadKind::CreateRequest,
        PayloadKind::UpdateRequest,
        PayloadKind::SearchRequest,
        PayloadKind::GetResponse,
        PayloadKind::CreateResponse,
        PayloadKind::UpdateResponse,
        PayloadKind::SearchResponse,
        PayloadKind::ErrorResponse,
    ];

    /// The kebab-case name.
    pub const fn name(self) -> &'static str {
        match self {
            PayloadKind::CreateRequest => "create-request",
            PayloadKind::UpdateRequest => "update-request",
            PayloadKind::SearchRequest => "search-request",
            PayloadKind::GetResponse => "get-response",
            PayloadKind::CreateResponse => "create-response",
            PayloadKind::UpdateResponse => "update-response",
            PayloadKind::SearchResponse => "search-response",
            PayloadKind::ErrorResponse => "error-response",
        }
    }

    /// Whether the partner sends this payload to DS (as opposed to receiving it).
    pub const fn is_request(self) -> bool {
        matches!(
            self,
            PayloadKind::CreateRequest | PayloadKind::UpdateRequest | PayloadKind::SearchRequest
        )
    }

    /// Index into [`PayloadKind::ALL`].
    pub const fn index(self) -> usize {
        self as usize
    }
}

impl fmt::Display for PayloadKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// The text was not the name of a payload kind.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownKind(pub String);

impl fmt::Display for UnknownKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "unknown payload kind `{}`; expected one of: ", self.0)?;
        let names: Vec<_> = PayloadKind::ALL.iter().map(|k| k.name()).collect();
        f.write_str(&names.join(", "))
    }
}

impl std::error::Error for UnknownKind {}

impl FromStr for PayloadKind {
    type Err = UnknownKind;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        PayloadKind::ALL
            .into_iter()
            .find(|k| k.name() == s)
            .ok_or_else(|| UnknownKind(s.to_owned()))
    }
}

/// What the shape of a payload says about its kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Detection {
    /// Exactly one kind fits.
    Known(PayloadKind),
    /// Several kinds fit equally well; the caller must choose.
    Ambiguous(&'static [PayloadKind]),
    /// No kind fits.
    Unknown,
}

/// Recognises a payload's kind from its shape, where the shape says it unambiguously.
///
/// A create request and an update request look alike (an update may carry every field of a
/// create), so a body with a top-level `leadOpportunity` is [`Detection::Ambiguous`]: we never
/// guess between them.
pub fn detect(value: &serde_json::Value) -> Detection {
    use serde_json::Value;
    const REQUESTS: &[PayloadKind] = &[PayloadKind::CreateRequest, PayloadKind::UpdateRequest];
    let Some(root) = value.as_object() else {
        return Detection::Unknown;
    };
    if root.len() == 1 && root.get("message").is_some_and(Value::is_string) {
        return Detection::Known(PayloadKind::ErrorResponse);
    }
    if let Some(info) = root.get("info") {
        let failed = info.get("success") == Some(&Value::Bool(false))
            || info
                .get("statusCode")
                .and_then(Value::as_u64)
                .is_some_and(|code| code >= 400)
            || root.get("error").is_some_and(|e| !e.is_null())
            || root.contains_key("errors");
        let data = root.get("data");
        return Detection::Known(if failed {
            PayloadKind::ErrorResponse
        } else if root.contains_key("action") {
            PayloadKind::CreateResponse
        } else if data.and_then(|d| d.get("leadOpportunity")).is_some() {
            PayloadKind::GetResponse
        } else if data.and_then(|d| d.get("action")).is_some() {
            PayloadKind::UpdateResponse
        } else if data.is_some_and(Value::is_array) {
            PayloadKind::SearchResponse
        } else {
            return Detection::Unknown;
        });
    }
    if root.contains_key("leadOpportunity") {
        return Detection::Ambiguous(REQUESTS);
    }
    if root.get("data").is_some_and(Value::is_array) {
        return Detection::Known(PayloadKind::SearchRequest);
    }
    Detection::Unknown
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn names_round_trip() {
        for kind in PayloadKind::ALL {
            assert_eq!(kind.name().parse::<PayloadKind>(), Ok(kind));
            assert_eq!(PayloadKind::ALL[kind.index()], kind);
        }
        assert!("get".parse::<PayloadKind>().is_err());
    }

    #[test]
    fn detects_by_shape_and_never_guesses_between_requests() {
        let known = |v| match detect(&v) {
            Detection::Known(k) => Some(k),
            _ => None,
        };
        assert_eq!(
            known(json!({"message": "API Consumer Not allowed"})),
            Some(PayloadKind::ErrorResponse)
        );
        assert_eq!(
            known(
                json!({"info": {"success": true, "statusCode": 200}, "error": null, "data": {"leadOpportunity": {}}})
            ),
            Some(PayloadKind::GetResponse)
        );
        assert_eq!(
            known(
                json!({"info": {"success": false, "statusCode": 406}, "error": {"code": "ERR805"}, "data": null})
            ),
            Some(PayloadKind::ErrorResponse)
        );
        assert_eq!(
            known(
                json!({"dsLeadOpportunityId": "9YEL-Y3W56Q", "action": "create", "info": {"success": true, "statusCode": 200}})
            ),
            Some(PayloadKind::CreateResponse)
        );
        assert_eq!(
            known(
                json!({"info": {"success": true, "statusCode": 200}, "data": {"action": "update"}})
            ),
            Some(PayloadKind::UpdateResponse)
        );
        assert_eq!(
            known(json!({"info": {"success": true, "statusCode": 200}, "data": []})),
            Some(PayloadKind::SearchResponse)
        );
        assert_eq!(
            known(json!({"data": [{"partnerLeadOpportunityId": ""}]})),
            Some(PayloadKind::SearchRequest)
        );
        assert!(
            matches!(detect(&json!({"leadOpportunity": {}})), Detection::Ambiguous(k) if k.len() == 2)
        );
        assert_eq!(detect(&json!([1])), Detection::Unknown);
        assert_eq!(detect(&json!({"foo": 1})), Detection::Unknown);
    }
}
