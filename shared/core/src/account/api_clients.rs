//! API clients (API.md §4): credentials a business gives its own software.
//!
//! Two items per client, written in one transaction:
//! - `APICLIENT#<client id>` / `CLIENT`: the account and the secret's hash,
//!   found by the client id alone when a request authenticates
//!   ([`crate::credentials::verify_api_client`]);
//! - `ACCOUNT#<acc>` / `APICLIENT#<client id>`: the listing entry (no hash).
//!
//! The secret is 256 random bits shown once; only its SHA-256 is stored
//! (see [`crate::secrets`] for why not Argon2). The client's `id` is its
//! `client_id`: one UUID names both the resource and the credential.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use uome_domain::AccountId;

use super::fields::{self, MAX_NAME};
use crate::error::{CoreError, CoreResult};
use crate::keys::{API_CLIENT_LISTING_PREFIX, account_pk, api_client_key, api_client_listing_key};
use crate::ports::{Condition, Item, LastKey, Ports, Query, SortKey, TableError, Write};
use crate::secrets::hash_secret;

/// The credential record, by client id.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ApiClientRecord {
    pub account_id: AccountId,
    pub client_id: String,
    pub name: String,
    pub secret_hash: String,
    pub created_at: DateTime<Utc>,
}

impl std::fmt::Debug for ApiClientRecord {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ApiClientRecord")
            .field("account_id", &self.account_id)
            .field("client_id", &self.client_id)
            .field("name", &self.name)
            .finish_non_exhaustive()
    }
}

/// What a listing shows.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ApiClient {
    pub id: String,
    pub client_id: String,
    pub name: String,
    pub created_at: DateTime<Utc>,
}

/// A new client with its secret, which is never available again.
#[derive(Clone, PartialEq, Eq)]
pub struct CreatedApiClient {
    pub client: ApiClient,
    pub client_secret: String,
}

impl std::fmt::Debug for CreatedApiClient {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("CreatedApiClient")
            .field("client", &self.client)
            .finish_non_exhaustive()
    }
}

pub async fn create(
    ports: &Ports,
    account_id: &AccountId,
    name: String,
) -> CoreResult<CreatedApiClient> {
    let mut errors = Vec::new();
    let Some(name) = fields::required_text::<MAX_NAME>(&mut errors, "name", name) else {
        return Err(CoreError::Validation(errors));
    };
    let name = name.into_string();
    let client_id = ports.ids.new_id().to_string();
    let client_secret = ports.ids.token();
    let created_at = ports.clock.now();
    let record = ApiClientRecord {
        account_id: account_id.clone(),
        client_id: client_id.clone(),
        name: name.clone(),
        secret_hash: hash_secret(&client_secret),
        created_at,
    };
    let client = ApiClient {
        id: client_id.clone(),
        client_id: client_id.clone(),
        name,
        created_at,
    };
    ports
        .table
        .transact(vec![
            Write::Put {
                item: Item::new(api_client_key(&client_id), &record)?,
                condition: Condition::NotExists,
            },
            Write::Put {
                item: Item::new(api_client_listing_key(account_id, &client_id), &client)?,
                condition: Condition::NotExists,
            },
        ])
        .await?;
    Ok(CreatedApiClient {
        client,
        client_secret,
    })
}

/// One page of the account's clients, oldest first (ids are UUID v7).
pub async fn list(
    ports: &Ports,
    account_id: &AccountId,
    limit: u32,
    start_after: Option<LastKey>,
) -> CoreResult<(Vec<ApiClient>, Option<LastKey>)> {
    let page = ports
        .table
        .query(
            &Query::partition(account_pk(account_id), limit)
                .sk(SortKey::BeginsWith(API_CLIENT_LISTING_PREFIX.to_string()))
                .after(start_after),
        )
        .await?;
    let clients = page
        .items
        .iter()
        .map(Item::parse)
        .collect::<Result<Vec<ApiClient>, _>>()?;
    Ok((clients, page.next))
}

/// Deletes both items; 404 when the account has no such client. Requests
/// signed with its credentials fail from then on.
pub async fn delete(ports: &Ports, account_id: &AccountId, client_id: &str) -> CoreResult<()> {
    if uuid::Uuid::try_parse(client_id).is_err() {
        return Err(CoreError::NotFound);
    }
    let result = ports
        .table
        .transact(vec![
            Write::Delete {
                key: api_client_listing_key(account_id, client_id),
                condition: Condition::Exists,
            },
            Write::Delete {
                key: api_client_key(client_id),
                condition: Condition::None,
            },
        ])
        .await;
    match result {
        Ok(()) => Ok(()),
        Err(TableError::TransactionCancelled { .. }) => Err(CoreError::NotFound),
        Err(e) => Err(e.into()),
    }
}
