//! The account record and the rules that read it from everywhere.
//!
//! `ACCOUNT#<acc>` / `ACCOUNT` holds who owns the account and whether the
//! owner's email is verified. Sign-up writes it (auth); verify-email flips
//! `email_verified`; every route that emails a third party (send, remind,
//! portal links...) asks [`ensure_can_email_third_parties`] first: the check
//! lives here and nowhere else.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use uome_domain::AccountId;

use crate::error::{CoreError, CoreResult};
use crate::keys::account_key;
use crate::ports::Table;

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AccountRecord {
    pub id: AccountId,
    pub owner_user_id: String,
    /// The owner's email is verified: until then nothing is emailed to
    /// third parties from this account.
    pub email_verified: bool,
    pub created_at: DateTime<Utc>,
}

/// The account, or `NotFound` (an account id from a valid token whose
/// account is gone answers like any unknown id).
pub async fn load_account(table: &dyn Table, account_id: &AccountId) -> CoreResult<AccountRecord> {
    let item = table
        .get(&account_key(account_id))
        .await?
        .ok_or(CoreError::NotFound)?;
    Ok(item.parse()?)
}

/// 403 `email_unverified` unless the account's owner has verified their
/// email address. Call before emailing anyone but the account's own users.
pub async fn ensure_can_email_third_parties(
    table: &dyn Table,
    account_id: &AccountId,
) -> CoreResult<()> {
    let account = load_account(table, account_id).await?;
    if account.email_verified {
        Ok(())
    } else {
        Err(CoreError::forbidden(
            "email_unverified",
            "Verify your email address before sending email to others.",
        ))
    }
}
