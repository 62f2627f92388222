//! The [`CredentialVerifier`] over the table: API clients through
//! `uome_core::credentials`, portal tokens through `uome_core::portal`.
//! Plug it in with `AppContext::with_credentials`.

use async_trait::async_trait;
use uome_core::Ports;

use crate::auth::{CredentialVerifier, Principal, Role};
use crate::error::ApiError;

pub struct TableCredentials {
    ports: Ports,
}

impl TableCredentials {
    pub fn new(ports: Ports) -> Self {
        Self { ports }
    }
}

#[async_trait]
impl CredentialVerifier for TableCredentials {
    async fn verify_api_client(
        &self,
        client_id: &str,
        client_secret: &str,
    ) -> Result<Option<Principal>, ApiError> {
        let identity =
            uome_core::credentials::verify_api_client(&self.ports, client_id, client_secret)
                .await?;
        Ok(identity.map(|identity| Principal {
            account_id: identity.account_id,
            subject: identity.client_id,
            role: Role::ApiClient,
        }))
    }

    async fn verify_portal_token(&self, token: &str) -> Result<Option<Principal>, ApiError> {
        let record = uome_core::portal::verify(&self.ports, token).await?;
        Ok(record.map(|record| Principal {
            account_id: record.account_id,
            subject: record.contact_id.to_string(),
            role: Role::Client,
        }))
    }
}
