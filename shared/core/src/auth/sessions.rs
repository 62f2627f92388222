//! Sessions and their refresh tokens.
//!
//! A login opens a session (`ACCOUNT#<acc>` / `SESSION#<user>#<session>`)
//! and hands out an opaque 256-bit refresh token, stored only as its hash
//! (`REFRESH#<sha256>` / `TOKEN`, TTL 30 days). Exchanging a refresh token
//! marks it `rotated` and issues the session's next one in one transaction
//! (OAuth 2.0 Security BCP §4.14 rotation). A rotated token presented again
//! means two parties hold the chain, so the whole session is revoked: the
//! thief's and the victim's tokens both stop working.

use chrono::{DateTime, Duration, Utc};
use serde_json::Value;
use uome_domain::AccountId;

use crate::error::{CoreError, CoreResult};
use crate::keys::{REFRESH_TOKEN_KIND, account_pk, session_key, session_prefix, token_key};
use crate::ports::table::MAX_TRANSACTION_ITEMS;
use crate::ports::{Condition, Item, Key, Ports, Query, SortKey, TableError, Write};
use crate::secrets::hash_secret;

use super::REFRESH_TOKEN_TTL_SECS;
use super::input::Text;
use super::profile;
use super::records::{
    RefreshStatus, RefreshTokenRecord, SessionRecord, UserProfile, timestamp, updated_item,
};
use super::validate;

/// How many times a write that lost a race with another request is redone.
const RETRIES: usize = 5;

/// A refresh token just issued: shown to the client once.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct IssuedRefreshToken {
    pub token: String,
    pub session_id: String,
    pub expires_at: DateTime<Utc>,
}

/// A signed-in user: the profile and a fresh refresh token. The HTTP edge
/// adds the access token.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SignedIn {
    pub user: UserProfile,
    pub refresh: IssuedRefreshToken,
}

/// Opens a session for the user: one transaction of the session and its
/// first refresh token.
pub async fn open(ports: &Ports, user: &UserProfile) -> CoreResult<IssuedRefreshToken> {
    let now = ports.clock.now();
    let session_id = ports.ids.new_id().to_string();
    let expires_at = now + Duration::seconds(REFRESH_TOKEN_TTL_SECS);
    let session = SessionRecord {
        user_id: user.id.clone(),
        session_id: session_id.clone(),
        revoked: false,
        created_at: now,
        expires_at,
    };
    let (issued, token_write) = new_refresh_token(ports, user, &session_id, expires_at)?;
    let session_item = Item::new(
        session_key(&user.account_id, &user.id, &session_id),
        &session,
    )?
    .with_expiry(expires_at.timestamp());
    ports
        .table
        .transact(vec![
            Write::Put {
                item: session_item,
                condition: Condition::NotExists,
            },
            token_write,
        ])
        .await?;
    Ok(issued)
}

/// Exchanges a refresh token for the session's next one (and the profile
/// for a new access token). Unknown, expired, rotated or revoked: 401
/// `invalid_token`; a rotated one also revokes its session.
pub async fn refresh(ports: &Ports, token: &Text) -> CoreResult<SignedIn> {
    let token = required_token(token)?;
    let now = ports.clock.now();
    let token_key = refresh_key(&token);
    let token_item = ports
        .table
        .get(&token_key)
        .await?
        .ok_or_else(invalid_token)?;
    let record: RefreshTokenRecord = token_item.parse()?;
    if record.expires_at <= now {
        return Err(invalid_token());
    }
    let session_key = session_key(&record.account_id, &record.user_id, &record.session_id);
    if record.status == RefreshStatus::Rotated {
        revoke(ports, &session_key).await?;
        return Err(invalid_token());
    }
    let session_item = ports
        .table
        .get(&session_key)
        .await?
        .ok_or_else(invalid_token)?;
    let session: SessionRecord = session_item.parse()?;
    if session.revoked {
        return Err(invalid_token());
    }
    let user = profile::load(ports.table.as_ref(), &record.account_id, &record.user_id)
        .await?
        .ok_or_else(invalid_token)?;

    let expires_at = now + Duration::seconds(REFRESH_TOKEN_TTL_SECS);
    let (issued, new_token_write) =
        new_refresh_token(ports, &user, &record.session_id, expires_at)?;
    let rotated = updated_item(&token_item, |doc| {
        doc.insert("status".into(), Value::from("rotated"));
    });
    let mut extended = updated_item(&session_item, |doc| {
        doc.insert("expires_at".into(), timestamp(expires_at));
        doc.insert("last_used_at".into(), timestamp(now));
    });
    extended.expires_at = Some(expires_at.timestamp());
    let writes = vec![
        Write::Put {
            item: rotated,
            condition: Condition::VersionEquals(token_item.version),
        },
        new_token_write,
        Write::Put {
            item: extended,
            condition: Condition::VersionEquals(session_item.version),
        },
    ];
    match ports.table.transact(writes).await {
        Ok(()) => Ok(SignedIn {
            user,
            refresh: issued,
        }),
        // Another request rotated this token or changed the session (a
        // revocation, a concurrent refresh) first: that request won, this
        // one holds a dead token.
        Err(e) if e.is_conflict() => Err(invalid_token()),
        Err(e) => Err(e.into()),
    }
}

/// Ends the session of a refresh token. Unknown or expired tokens end
/// nothing and are not an error: logging out is idempotent, and the
/// answer must not tell a guesser whether a token exists.
pub async fn logout(ports: &Ports, token: &Text) -> CoreResult<()> {
    let token = required_token(token)?;
    let Some(item) = ports.table.get(&refresh_key(&token)).await? else {
        return Ok(());
    };
    let record: RefreshTokenRecord = item.parse()?;
    revoke(
        ports,
        &session_key(&record.account_id, &record.user_id, &record.session_id),
    )
    .await
}

/// Revokes every session of a user (after a password reset). Answers how
/// many were live.
pub async fn revoke_all(ports: &Ports, account_id: &AccountId, user_id: &str) -> CoreResult<usize> {
    let mut revoked = 0;
    for _ in 0..RETRIES {
        let live = live_sessions(ports, account_id, user_id).await?;
        if live.is_empty() {
            return Ok(revoked);
        }
        let mut raced = false;
        for chunk in live.chunks(MAX_TRANSACTION_ITEMS) {
            // Conditional on each session's version: a rotation committed
            // between our read and this write makes us read again instead of
            // overwriting it (which could resurrect a session a later
            // rotation reads as live).
            let writes = chunk.iter().map(revocation).collect();
            match ports.table.transact(writes).await {
                Ok(()) => revoked += chunk.len(),
                Err(e) if e.is_conflict() || matches!(e, TableError::Contention { .. }) => {
                    raced = true;
                }
                Err(e) => return Err(e.into()),
            }
        }
        if !raced {
            return Ok(revoked);
        }
    }
    Err(busy())
}

/// Marks one session revoked (idempotent), redoing the read if another
/// writer changed it meanwhile.
async fn revoke(ports: &Ports, key: &Key) -> CoreResult<()> {
    for _ in 0..RETRIES {
        let Some(item) = ports.table.get(key).await? else {
            return Ok(());
        };
        let session: SessionRecord = item.parse()?;
        if session.revoked {
            return Ok(());
        }
        let Write::Put { item, condition } = revocation(&item) else {
            return Err(CoreError::internal("a revocation is always a put"));
        };
        match ports.table.put(item, condition).await {
            Ok(()) => return Ok(()),
            Err(e) if e.is_conflict() || matches!(e, TableError::Contention { .. }) => continue,
            Err(e) => return Err(e.into()),
        }
    }
    Err(busy())
}

fn revocation(session: &Item) -> Write {
    Write::Put {
        item: updated_item(session, |doc| {
            doc.insert("revoked".into(), Value::Bool(true));
        }),
        condition: Condition::VersionEquals(session.version),
    }
}

async fn live_sessions(
    ports: &Ports,
    account_id: &AccountId,
    user_id: &str,
) -> CoreResult<Vec<Item>> {
    let mut query = Query::partition(account_pk(account_id), 100)
        .sk(SortKey::BeginsWith(session_prefix(user_id)));
    let mut live = Vec::new();
    loop {
        let page = ports.table.query(&query).await?;
        for item in page.items {
            let session: SessionRecord = item.parse()?;
            if !session.revoked {
                live.push(item);
            }
        }
        match page.next {
            Some(next) => query = query.after(Some(next)),
            None => return Ok(live),
        }
    }
}

fn new_refresh_token(
    ports: &Ports,
    user: &UserProfile,
    session_id: &str,
    expires_at: DateTime<Utc>,
) -> CoreResult<(IssuedRefreshToken, Write)> {
    let token = ports.ids.token();
    let record = RefreshTokenRecord {
        user_id: user.id.clone(),
        account_id: user.account_id.clone(),
        session_id: session_id.to_string(),
        status: RefreshStatus::Active,
        expires_at,
    };
    let item = Item::new(refresh_key(&token), &record)?.with_expiry(expires_at.timestamp());
    Ok((
        IssuedRefreshToken {
            token,
            session_id: session_id.to_string(),
            expires_at,
        },
        Write::Put {
            item,
            condition: Condition::NotExists,
        },
    ))
}

fn required_token(token: &Text) -> CoreResult<String> {
    let mut errors = uome_domain::FieldErrors::new();
    match validate::token(&mut errors, "refresh_token", token) {
        Some(token) => Ok(token),
        None => Err(CoreError::Validation(errors.into_vec())),
    }
}

fn refresh_key(token: &str) -> Key {
    token_key(REFRESH_TOKEN_KIND, &hash_secret(token))
}

/// 401 `invalid_token`.
pub fn invalid_token() -> CoreError {
    CoreError::unauthorized("invalid_token")
}

fn busy() -> CoreError {
    CoreError::Table(TableError::Contention {
        code: "SessionContention".into(),
    })
}
