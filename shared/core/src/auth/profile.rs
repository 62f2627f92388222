//! The signed-in user's profile (`GET /v1/auth/me`).

use crate::error::{CoreError, CoreResult};
use crate::keys::user_key;
use crate::ports::{Ports, Table};
use uome_domain::AccountId;

use super::records::UserProfile;

/// The user, or `None` when there is no such user in the account.
pub async fn load(
    table: &dyn Table,
    account_id: &AccountId,
    user_id: &str,
) -> CoreResult<Option<UserProfile>> {
    match table.get(&user_key(account_id, user_id)).await? {
        Some(item) => Ok(Some(item.parse()?)),
        None => Ok(None),
    }
}

/// The profile behind a valid access token. A token whose user is gone
/// stands for nobody: 401 `invalid_token`, so the client signs in again.
pub async fn me(ports: &Ports, account_id: &AccountId, user_id: &str) -> CoreResult<UserProfile> {
    load(ports.table.as_ref(), account_id, user_id)
        .await?
        .ok_or_else(|| CoreError::unauthorized("invalid_token"))
}
