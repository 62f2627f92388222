//! A form that creates something (a client's order) must not create it
//! twice when it is sent twice: a double click, a reload after a lost
//! answer. The API's `Idempotency-Key` is a header a plain form cannot
//! send, so the form carries a random `once` field instead, and the first
//! submission claims it in the table (a put that only succeeds when no
//! claim exists, kept 24 hours, scoped to the session's contact). A
//! repeat finds the claim and is sent where the first one went.

use serde::{Deserialize, Serialize};
use uome_core::ports::{Condition, Item, Key, TableError};
use uome_http::AppContext;

use crate::error::PageError;

const RETENTION_SECS: i64 = 24 * 60 * 60;
const MAX_CHARS: usize = 64;

/// The hidden field's name.
pub const FIELD: &str = "once";

#[derive(Serialize, Deserialize)]
struct Claimed {
    /// Where the first submission's answer sent the browser; `None` while
    /// it runs.
    done: Option<String>,
}

pub enum Once {
    /// The first submission: run it, then [`finish`] or [`release`].
    First(Key),
    /// A repeat: where to send the browser (`None`: the first still runs).
    Repeat(Option<String>),
}

/// A fresh value for a form's hidden field.
pub fn fresh(ctx: &AppContext) -> String {
    ctx.ports.ids.token()
}

pub async fn claim(ctx: &AppContext, scope: &str, value: Option<&str>) -> Result<Once, PageError> {
    let value = value.map(str::trim).unwrap_or_default();
    if value.is_empty()
        || value.len() > MAX_CHARS
        || !value
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
    {
        return Err(crate::session::bad_form());
    }
    let key = Key::new(format!("WEBFORM#{scope}"), value);
    let expires = ctx.ports.clock.now().timestamp() + RETENTION_SECS;
    let item = Item::new(key.clone(), &Claimed { done: None })
        .map_err(|e| PageError::from(uome_core::CoreError::from(e)))?
        .with_expiry(expires);
    match ctx.ports.table.put(item, Condition::NotExists).await {
        Ok(()) => Ok(Once::First(key)),
        Err(TableError::ConditionFailed) => {
            let done = match ctx.ports.table.get(&key).await {
                Ok(Some(item)) => item.parse::<Claimed>().ok().and_then(|c| c.done),
                Ok(None) => None,
                Err(e) => return Err(uome_core::CoreError::from(e).into()),
            };
            Ok(Once::Repeat(done))
        }
        Err(e) => Err(uome_core::CoreError::from(e).into()),
    }
}

/// Records where the first submission went, for its repeats.
pub async fn finish(ctx: &AppContext, key: Key, location: &str) -> Result<(), PageError> {
    let expires = ctx.ports.clock.now().timestamp() + RETENTION_SECS;
    let item = Item::new(
        key,
        &Claimed {
            done: Some(location.to_string()),
        },
    )
    .map_err(|e| PageError::from(uome_core::CoreError::from(e)))?
    .with_expiry(expires);
    ctx.ports
        .table
        .put(item, Condition::None)
        .await
        .map_err(|e| uome_core::CoreError::from(e).into())
}

/// Frees the claim of a submission that failed (it wrote nothing), so the
/// corrected form can be sent with the same value.
pub async fn release(ctx: &AppContext, key: &Key) {
    if let Err(e) = ctx.ports.table.delete(key, Condition::None).await {
        tracing::warn!(error = %e, "could not release a form claim");
    }
}
