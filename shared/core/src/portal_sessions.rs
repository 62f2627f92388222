//! The web portal's sessions (API.md §15). A portal link's token is
//! exchanged once for a session whose id lives only in the browser's
//! `HttpOnly` cookie, so the token leaves the address bar and the history.
//!
//! Only the id's hash is stored, at `WEBSESSION#<hash>` / `TOKEN`, with a
//! TTL. The record keeps the portal token's hash, not the token: every
//! request re-checks that token, so revoking it (or issuing the contact a
//! new one) ends its sessions, and a session never outlives it. Signing
//! out deletes the record.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use uome_domain::{AccountId, ContactId};

use crate::error::CoreResult;
use crate::keys::token_key;
use crate::ports::{Condition, Item, Ports};
use crate::secrets::hash_secret;

const KIND: &str = "WEBSESSION";
/// Longest session id a cookie may carry (ids are 43 characters).
const MAX_ID_CHARS: usize = 128;

/// Whom a session stands for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PortalSession {
    pub account_id: AccountId,
    pub contact_id: ContactId,
    pub expires_at: DateTime<Utc>,
}

/// A new session: `id` goes into the cookie and is never stored.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StartedSession {
    pub id: String,
    pub session: PortalSession,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
struct SessionRecord {
    account_id: AccountId,
    contact_id: ContactId,
    token_hash: String,
    expires_at: DateTime<Utc>,
}

/// Exchanges a live portal token for a session that ends with it; `None`
/// for an unknown, revoked or expired token.
pub async fn start(ports: &Ports, token: &str) -> CoreResult<Option<StartedSession>> {
    let Some(token_record) = crate::portal::verify(ports, token).await? else {
        return Ok(None);
    };
    let id = ports.ids.token();
    let record = SessionRecord {
        account_id: token_record.account_id.clone(),
        contact_id: token_record.contact_id.clone(),
        token_hash: hash_secret(token),
        expires_at: token_record.expires_at,
    };
    let item = Item::new(token_key(KIND, &hash_secret(&id)), &record)?
        .with_expiry(record.expires_at.timestamp());
    ports.table.put(item, Condition::NotExists).await?;
    Ok(Some(StartedSession {
        id,
        session: PortalSession {
            account_id: record.account_id,
            contact_id: record.contact_id,
            expires_at: record.expires_at,
        },
    }))
}

/// The live session `id` names, or `None` (unknown, signed out, expired,
/// or its portal token revoked or replaced).
pub async fn resume(ports: &Ports, id: &str) -> CoreResult<Option<PortalSession>> {
    if id.is_empty() || id.len() > MAX_ID_CHARS {
        return Ok(None);
    }
    let Some(item) = ports.table.get(&token_key(KIND, &hash_secret(id))).await? else {
        return Ok(None);
    };
    let record: SessionRecord = item.parse()?;
    if record.expires_at <= ports.clock.now() {
        return Ok(None);
    }
    let token = crate::portal::verify_hash(ports, &record.token_hash).await?;
    let same_holder = token
        .is_some_and(|t| t.account_id == record.account_id && t.contact_id == record.contact_id);
    Ok(same_holder.then_some(PortalSession {
        account_id: record.account_id,
        contact_id: record.contact_id,
        expires_at: record.expires_at,
    }))
}

/// Ends the session `id` (sign out). Idempotent.
pub async fn end(ports: &Ports, id: &str) -> CoreResult<()> {
    if id.is_empty() || id.len() > MAX_ID_CHARS {
        return Ok(());
    }
    ports
        .table
        .delete(&token_key(KIND, &hash_secret(id)), Condition::None)
        .await?;
    Ok(())
}
