//! The API key creation response (`POST /order/api4partners/v0/apikeys`, which has no request
//! body).

use std::fmt;

use serde::{Deserialize, Serialize};

use schemars::JsonSchema;

/// Response body of an API key creation (`POST /order/api4partners/v0/apikeys`, 200, spec
/// component `200_post_apikeys`).
///
/// `api_key` is a live secret and `hashed_key` its hash: `Debug` prints neither, and the
/// linter never quotes them in a finding, with or without redaction.
///
/// ```
/// use api4p_lint::model::CreateApiKeyResponse;
///
/// let response = CreateApiKeyResponse::new("$2b$12$".to_owned() + &"a".repeat(53), "0".repeat(64));
/// assert!(!format!("{response:?}").contains("0000"));
/// ```
#[derive(Clone, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
pub struct CreateApiKeyResponse {
    /// Generated hash of the API key (60 characters).
    #[schemars(length(min = 60, max = 60))]
    pub hashed_key: String,
    /// Plain API key (64 characters).
    #[schemars(length(min = 64, max = 64))]
    pub api_key: String,
    /// Members the spec does not list, kept verbatim so that a payload serializes back
    /// unchanged; the schema leaves them out, so the linter still reports them (see
    /// [`crate::model`]).
    #[serde(flatten)]
    #[schemars(skip)]
    pub extra: serde_json::Map<String, serde_json::Value>,
}

impl CreateApiKeyResponse {
    /// A response with its two (required) members.
    pub fn new(hashed_key: impl Into<String>, api_key: impl Into<String>) -> Self {
        CreateApiKeyResponse {
            hashed_key: hashed_key.into(),
            api_key: api_key.into(),
            extra: serde_json::Map::new(),
        }
    }
}

impl fmt::Debug for CreateApiKeyResponse {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let secret = |text: &str| format!("<{} characters, not shown>", text.chars().count());
        f.debug_struct("CreateApiKeyResponse")
            .field("hashed_key", &format_args!("{}", secret(&self.hashed_key)))
            .field("api_key", &format_args!("{}", secret(&self.api_key)))
            .field(
                "extra",
                &format_args!("<{} members, not shown>", self.extra.len()),
            )
            .finish()
    }
}
