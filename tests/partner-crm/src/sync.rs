//! The production side of the CRM sync: a client of DS's lead-opportunity operations on
//! reqwest, with api4p-lint's middleware checking every body on its way out and in, and the
//! typed models at both ends.

use api4p_lint::middleware::{into_lint_error, LintMiddleware};
use api4p_lint::model::{
    CreateLeadOpportunityRequest, CreateLeadOpportunityResponse, ErrorResponse,
    GetLeadOpportunityResponse, SearchLeadOpportunitiesRequest, SearchLeadOpportunitiesResponse,
    UpdateLeadOpportunityRequest, UpdateLeadOpportunityResponse,
};
use api4p_lint::Error;
use reqwest::header::{HeaderMap, HeaderValue, CONTENT_TYPE};
use reqwest::{Method, Url};
use reqwest_middleware::{ClientBuilder, ClientWithMiddleware};
use serde::de::DeserializeOwned;
use serde::Serialize;

use crate::CrmOpportunity;

/// Why a call to DS did not give the expected body.
#[derive(Debug)]
pub enum SyncError {
    /// api4p-lint stopped the request: it was never sent.
    Rejected(Error),
    /// DS (or its gateway) answered with an error body.
    Ds {
        /// The HTTP status.
        status: u16,
        /// The body, typed (boxed: an envelope is large, and errors are the exception).
        body: Box<ErrorResponse>,
    },
    /// A CRM record that makes no typed body (an unmapped stage, say), or a body serde
    /// cannot write.
    Record(serde_json::Error),
    /// A body that is not the operation's model.
    Decode {
        /// The HTTP status.
        status: u16,
        /// What serde said.
        error: serde_json::Error,
    },
    /// The connection, the server's URL or the API key.
    Http(reqwest_middleware::Error),
}

impl std::fmt::Display for SyncError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            SyncError::Rejected(failure) => write!(f, "not sent, the payload is wrong:\n{failure}"),
            SyncError::Record(error) => write!(f, "the record makes no payload: {error}"),
            SyncError::Ds { status, .. } => write!(f, "DS answered {status}"),
            SyncError::Decode { status, error } => write!(f, "unexpected {status} body: {error}"),
            SyncError::Http(error) => write!(f, "{error}"),
        }
    }
}

impl std::error::Error for SyncError {}

impl From<reqwest_middleware::Error> for SyncError {
    fn from(error: reqwest_middleware::Error) -> Self {
        // The lint middleware's refusal is the one error the caller must fix in its data.
        match into_lint_error(error) {
            Ok(failure) => SyncError::Rejected(failure),
            Err(other) => SyncError::Http(other),
        }
    }
}

impl From<reqwest::Error> for SyncError {
    fn from(error: reqwest::Error) -> Self {
        SyncError::Http(error.into())
    }
}

/// A client of DS's lead-opportunity operations on one server.
#[derive(Debug, Clone)]
pub struct DsClient {
    http: ClientWithMiddleware,
    server: Url,
}

impl DsClient {
    /// A client of `server` (one of the spec's, or a test server), sending `api_key`, with
    /// `lint` checking every body.
    pub fn new(server: &str, api_key: &str, lint: LintMiddleware) -> Result<Self, SyncError> {
        let mut headers = HeaderMap::new();
        let mut key = HeaderValue::from_str(api_key)
            .map_err(|e| SyncError::Http(reqwest_middleware::Error::middleware(e)))?;
        key.set_sensitive(true);
        headers.insert("x-api-key", key);
        let client = reqwest::Client::builder()
            .default_headers(headers)
            .build()?;
        Ok(DsClient {
            http: ClientBuilder::new(client).with(lint).build(),
            server: Url::parse(server)
                .map_err(|e| SyncError::Http(reqwest_middleware::Error::middleware(e)))?,
        })
    }

    /// The HTTP client, middleware included, for calls the typed methods do not cover.
    pub fn http(&self) -> &ClientWithMiddleware {
        &self.http
    }

    /// The URL of `segments` under the leads-opportunities path, each segment encoded.
    pub fn url(&self, segments: &[&str]) -> Url {
        let mut url = self.server.clone();
        if let Ok(mut path) = url.path_segments_mut() {
            path.pop_if_empty()
                .extend(["sales", "api4partners", "v0", "leads-opportunities"])
                .extend(segments);
        }
        url
    }

    /// `POST …/leads-opportunities`.
    pub async fn create(
        &self,
        request: &CreateLeadOpportunityRequest,
    ) -> Result<CreateLeadOpportunityResponse, SyncError> {
        self.call(Method::POST, self.url(&[]), Some(request)).await
    }

    /// `PATCH …/leads-opportunities/{id}`, `id` being DS's.
    pub async fn update(
        &self,
        ds_id: &str,
        request: &UpdateLeadOpportunityRequest,
    ) -> Result<UpdateLeadOpportunityResponse, SyncError> {
        self.call(Method::PATCH, self.url(&[ds_id]), Some(request))
            .await
    }

    /// `GET …/leads-opportunities/{id}`.
    pub async fn get(&self, ds_id: &str) -> Result<GetLeadOpportunityResponse, SyncError> {
        self.call(Method::GET, self.url(&[ds_id]), None::<&()>)
            .await
    }

    /// `POST …/leads-opportunities/search`.
    pub async fn search(
        &self,
        request: &SearchLeadOpportunitiesRequest,
    ) -> Result<SearchLeadOpportunitiesResponse, SyncError> {
        self.call(Method::POST, self.url(&["search"]), Some(request))
            .await
    }

    /// Pushes a CRM record: created when DS does not know it yet, else updated. Returns DS's
    /// id.
    pub async fn push(
        &self,
        record: &CrmOpportunity,
        partner_id: &str,
        ds_id: Option<&str>,
    ) -> Result<String, SyncError> {
        let decode = SyncError::Record;
        match ds_id {
            None => {
                let request =
                    serde_json::from_value(record.create_request(partner_id)).map_err(decode)?;
                Ok(self.create(&request).await?.ds_lead_opportunity_id)
            }
            Some(id) => {
                let body = serde_json::to_value(record.status_update()).map_err(decode)?;
                let request = serde_json::from_value(body).map_err(decode)?;
                self.update(id, &request).await?;
                Ok(id.to_owned())
            }
        }
    }

    async fn call<B: Serialize + ?Sized, T: DeserializeOwned>(
        &self,
        method: Method,
        url: Url,
        body: Option<&B>,
    ) -> Result<T, SyncError> {
        let mut request = self.http.request(method, url);
        if let Some(body) = body {
            let bytes = serde_json::to_vec(body).map_err(SyncError::Record)?;
            request = request.header(CONTENT_TYPE, "application/json").body(bytes);
        }
        let response = request.send().await?;
        let status = response.status().as_u16();
        let bytes = response.bytes().await?;
        let decode = |error| SyncError::Decode { status, error };
        if status >= 400 {
            let body = Box::new(serde_json::from_slice(&bytes).map_err(decode)?);
            return Err(SyncError::Ds { status, body });
        }
        serde_json::from_slice(&bytes).map_err(decode)
    }
}
