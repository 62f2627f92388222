//! `/v1/account/api-clients`.
//!
//! [`ApiClientRequest`] has no core input (the use case takes the name).

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use uome_core::account::api_clients::{ApiClient, CreatedApiClient};
use utoipa::ToSchema;

/// `POST /v1/account/api-clients`.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"name": "Warehouse sync"}))]
pub struct ApiClientRequest {
    /// 1–255 characters.
    #[serde(default)]
    #[schema(required = true)]
    pub name: Option<String>,
}

/// An API client as listed: never its secret.
#[derive(Debug, Serialize, ToSchema)]
pub struct ApiClientResponse {
    pub id: String,
    /// Send as `X-Client-Id` (alias `api_key`); equal to `id`.
    pub client_id: String,
    pub name: String,
    pub created_at: DateTime<Utc>,
}

impl From<ApiClient> for ApiClientResponse {
    fn from(c: ApiClient) -> Self {
        Self {
            id: c.id,
            client_id: c.client_id,
            name: c.name,
            created_at: c.created_at,
        }
    }
}

/// A new API client. `client_secret` is shown here once and never again.
#[derive(Serialize, ToSchema)]
pub struct CreatedApiClientResponse {
    pub id: String,
    pub client_id: String,
    /// Send as `X-Client-Secret` (alias `api_secret`). Store it now: only
    /// its hash is kept.
    pub client_secret: String,
    pub name: String,
    pub created_at: DateTime<Utc>,
}

impl From<CreatedApiClient> for CreatedApiClientResponse {
    fn from(c: CreatedApiClient) -> Self {
        Self {
            id: c.client.id,
            client_id: c.client.client_id,
            client_secret: c.client_secret,
            name: c.client.name,
            created_at: c.client.created_at,
        }
    }
}
