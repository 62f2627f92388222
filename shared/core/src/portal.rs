//! Portal tokens: the key a business gives one of its contacts to see that
//! contact's documents (API.md §10). The token is a 256-bit random string
//! shown once; only its hash is stored, at `PORTAL#<hash>` / `TOKEN` with a
//! TTL, plus a pointer under the account (`PORTALTOKEN#<contact>`) so the
//! business can revoke it. One live token per contact: issuing a new one
//! revokes the old.

use chrono::{DateTime, Duration, Utc};
use serde::{Deserialize, Serialize};
use uome_domain::AccountId;
use uome_domain::ContactId;

use crate::error::CoreResult;
use crate::keys::{account_item, token_key};
use crate::ports::{Condition, Item, Ports, Write};
use crate::secrets::hash_secret;

/// How long a portal token lives.
pub const PORTAL_TOKEN_DAYS: i64 = 30;
const KIND: &str = "PORTAL";

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PortalTokenRecord {
    pub account_id: AccountId,
    pub contact_id: ContactId,
    pub expires_at: DateTime<Utc>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
struct PortalPointer {
    token_hash: String,
}

/// A freshly issued token: shown to the business once.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct IssuedPortalToken {
    pub token: String,
    pub expires_at: DateTime<Utc>,
}

fn pointer_sk(contact_id: &ContactId) -> String {
    format!("PORTALTOKEN#{contact_id}")
}

/// Issues a token for `contact_id`, revoking the contact's previous one in
/// the same transaction. The caller has checked the contact exists.
pub async fn issue(
    ports: &Ports,
    account_id: &AccountId,
    contact_id: &ContactId,
) -> CoreResult<IssuedPortalToken> {
    let now = ports.clock.now();
    let expires_at = now + Duration::days(PORTAL_TOKEN_DAYS);
    let token = ports.ids.token();
    let hash = hash_secret(&token);
    let pointer_key = account_item(account_id, pointer_sk(contact_id));
    let mut writes = Vec::new();
    if let Some(old) = ports.table.get(&pointer_key).await? {
        let old: PortalPointer = old.parse()?;
        writes.push(Write::Delete {
            key: token_key(KIND, &old.token_hash),
            condition: Condition::None,
        });
    }
    let record = PortalTokenRecord {
        account_id: account_id.clone(),
        contact_id: contact_id.clone(),
        expires_at,
    };
    writes.push(Write::Put {
        item: Item::new(token_key(KIND, &hash), &record)?.with_expiry(expires_at.timestamp()),
        condition: Condition::NotExists,
    });
    writes.push(Write::Put {
        item: Item::new(pointer_key, &PortalPointer { token_hash: hash })?
            .with_expiry(expires_at.timestamp()),
        condition: Condition::None,
    });
    ports.table.transact(writes).await?;
    Ok(IssuedPortalToken { token, expires_at })
}

/// The account and contact a live token stands for, or `None`.
pub async fn verify(ports: &Ports, token: &str) -> CoreResult<Option<PortalTokenRecord>> {
    if token.is_empty() || token.len() > 256 {
        return Ok(None);
    }
    verify_hash(ports, &hash_secret(token)).await
}

/// [`verify`] by the token's stored hash: a web session keeps the hash,
/// never the token, and so ends when the token is revoked or replaced.
pub(crate) async fn verify_hash(
    ports: &Ports,
    token_hash: &str,
) -> CoreResult<Option<PortalTokenRecord>> {
    let Some(item) = ports.table.get(&token_key(KIND, token_hash)).await? else {
        return Ok(None);
    };
    let record: PortalTokenRecord = item.parse()?;
    Ok((record.expires_at > ports.clock.now()).then_some(record))
}

/// Revokes the contact's token, if any. Idempotent.
pub async fn revoke(
    ports: &Ports,
    account_id: &AccountId,
    contact_id: &ContactId,
) -> CoreResult<()> {
    let pointer_key = account_item(account_id, pointer_sk(contact_id));
    if let Some(item) = ports.table.get(&pointer_key).await? {
        let pointer: PortalPointer = item.parse()?;
        ports
            .table
            .transact(vec![
                Write::Delete {
                    key: token_key(KIND, &pointer.token_hash),
                    condition: Condition::None,
                },
                Write::Delete {
                    key: pointer_key,
                    condition: Condition::None,
                },
            ])
            .await?;
    }
    Ok(())
}
