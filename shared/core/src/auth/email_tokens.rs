//! Single-use tokens sent in email links (verify email: 24 h; reset
//! password: 30 min). The token is 256 random bits shown only in the link;
//! the table holds its SHA-256 at `EMAILTOKEN#<hash>` / `TOKEN` with a TTL.
//! Using one is a conditional delete inside the transaction that applies
//! its effect, so two requests racing with the same link cannot both win.

use chrono::Duration;
use uome_domain::AccountId;

use crate::error::{CoreError, CoreResult};
use crate::keys::{EMAIL_TOKEN_KIND, token_key};
use crate::ports::{Condition, Item, Key, Ports, Write};
use crate::secrets::hash_secret;

use super::records::{EmailTokenPurpose, EmailTokenRecord};
use super::{RESET_TOKEN_TTL_SECS, VERIFY_TOKEN_TTL_SECS};

/// A token just made: the secret for the link and the write that stores it.
pub(crate) struct NewEmailToken {
    pub token: String,
    pub write: Write,
}

/// How long a token of this purpose lives.
pub fn lifetime(purpose: EmailTokenPurpose) -> Duration {
    Duration::seconds(match purpose {
        EmailTokenPurpose::VerifyEmail => VERIFY_TOKEN_TTL_SECS,
        EmailTokenPurpose::ResetPassword => RESET_TOKEN_TTL_SECS,
    })
}

pub(crate) fn new_token(
    ports: &Ports,
    purpose: EmailTokenPurpose,
    account_id: &AccountId,
    user_id: &str,
) -> CoreResult<NewEmailToken> {
    let token = ports.ids.token();
    let expires_at = ports.clock.now() + lifetime(purpose);
    let record = EmailTokenRecord {
        purpose,
        user_id: user_id.to_string(),
        account_id: account_id.clone(),
        expires_at,
    };
    let item = Item::new(key_of(&token), &record)?.with_expiry(expires_at.timestamp());
    Ok(NewEmailToken {
        token,
        write: Write::Put {
            item,
            condition: Condition::NotExists,
        },
    })
}

/// A live token of this purpose, with its key, or 400 `invalid_token`.
pub(crate) async fn find(
    ports: &Ports,
    token: &str,
    purpose: EmailTokenPurpose,
) -> CoreResult<(Key, EmailTokenRecord)> {
    let key = key_of(token);
    let item = ports.table.get(&key).await?.ok_or_else(invalid_token)?;
    let record: EmailTokenRecord = item.parse()?;
    // The TTL hides expired items already; the stored expiry is checked as
    // well so the rule does not rest on the adapter alone.
    if record.purpose != purpose || record.expires_at <= ports.clock.now() {
        return Err(invalid_token());
    }
    Ok((key, record))
}

/// The write that uses the token up: fails the transaction if another
/// request already did (or it expired meanwhile).
pub(crate) fn consume(key: Key) -> Write {
    Write::Delete {
        key,
        condition: Condition::Exists,
    }
}

/// 400 `invalid_token`: unknown, expired, already used or meant for
/// something else; the client learns no more than that.
pub fn invalid_token() -> CoreError {
    CoreError::bad_request(
        "invalid_token",
        "The link is invalid, has expired or was already used.",
    )
}

fn key_of(token: &str) -> Key {
    token_key(EMAIL_TOKEN_KIND, &hash_secret(token))
}
