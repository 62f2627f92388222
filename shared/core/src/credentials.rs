//! Credentials kept in the table, checked on every request that carries
//! them: API-client id + secret here; portal tokens in [`crate::portal`].
//! The HTTP crate turns the answers into principals.

use crate::account::api_clients::ApiClientRecord;
use crate::error::CoreResult;
use crate::keys::api_client_key;
use crate::ports::Ports;
use crate::secrets::{hash_secret, same_hash};
use uome_domain::AccountId;

/// Longest client id or secret looked at: anything longer names nothing.
const MAX_CREDENTIAL_LEN: usize = 256;

/// The account and client a valid id + secret pair stands for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ApiClientIdentity {
    pub account_id: AccountId,
    pub client_id: String,
}

/// `None` for an unknown client id or a wrong secret (the caller answers
/// both with the same 401); `Err` only when the table fails.
pub async fn verify_api_client(
    ports: &Ports,
    client_id: &str,
    secret: &str,
) -> CoreResult<Option<ApiClientIdentity>> {
    if client_id.is_empty()
        || secret.is_empty()
        || client_id.len() > MAX_CREDENTIAL_LEN
        || secret.len() > MAX_CREDENTIAL_LEN
    {
        return Ok(None);
    }
    // Hashed before the lookup so an unknown id costs the same work as a
    // known one.
    let presented = hash_secret(secret);
    let Some(item) = ports.table.get(&api_client_key(client_id)).await? else {
        return Ok(None);
    };
    let record: ApiClientRecord = item.parse()?;
    if !same_hash(&record.secret_hash, &presented) {
        return Ok(None);
    }
    Ok(Some(ApiClientIdentity {
        account_id: record.account_id,
        client_id: record.client_id,
    }))
}
