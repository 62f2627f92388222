//! Verify email: the link's token is used up in the same transaction that
//! marks the user (and, for the owner, the account) verified.

use serde_json::Value;
use uome_domain::FieldErrors;

use crate::accounts::AccountRecord;
use crate::error::{CoreError, CoreResult};
use crate::keys::{account_key, user_key};
use crate::ports::{Condition, Ports, TableError, Write};

use super::email_tokens::{self, invalid_token};
use super::input::Text;
use super::records::{EmailTokenPurpose, UserProfile, timestamp, updated_item};
use super::validate;

/// How many times the update is redone when the user or account changed
/// between our read and our write.
const RETRIES: usize = 5;

/// Marks the token's user verified. 400 `invalid_token` when the token is
/// unknown, expired, already used or not a verification token.
pub async fn verify_email(ports: &Ports, token: &Text) -> CoreResult<UserProfile> {
    let mut errors = FieldErrors::new();
    let Some(token) = validate::token(&mut errors, "token", token) else {
        return Err(CoreError::Validation(errors.into_vec()));
    };
    for _ in 0..RETRIES {
        let (token_key, record) =
            email_tokens::find(ports, &token, EmailTokenPurpose::VerifyEmail).await?;
        let user_key = user_key(&record.account_id, &record.user_id);
        let account_key = account_key(&record.account_id);
        let user_item = ports
            .table
            .get(&user_key)
            .await?
            .ok_or_else(invalid_token)?;
        let account_item = ports
            .table
            .get(&account_key)
            .await?
            .ok_or_else(invalid_token)?;
        let account: AccountRecord = account_item.parse()?;
        let now = ports.clock.now();

        let verified_user = updated_item(&user_item, |doc| {
            doc.insert("email_verified".into(), Value::Bool(true));
            doc.insert("updated_at".into(), timestamp(now));
        });
        let mut profile: UserProfile = verified_user.parse()?;
        profile.email_verified = true;
        let mut writes = vec![
            email_tokens::consume(token_key),
            Write::Put {
                item: verified_user,
                condition: Condition::VersionEquals(user_item.version),
            },
        ];
        // Only the owner's address vouches for the account.
        if account.owner_user_id == record.user_id && !account.email_verified {
            writes.push(Write::Put {
                item: updated_item(&account_item, |doc| {
                    doc.insert("email_verified".into(), Value::Bool(true));
                }),
                condition: Condition::VersionEquals(account_item.version),
            });
        }
        match ports.table.transact(writes).await {
            Ok(()) => return Ok(profile),
            // Someone used the token first.
            Err(TableError::TransactionCancelled { failed }) if failed.contains(&0) => {
                return Err(invalid_token());
            }
            // The user or account changed meanwhile: read again.
            Err(TableError::TransactionCancelled { .. }) | Err(TableError::Contention { .. }) => {}
            Err(e) => return Err(e.into()),
        }
    }
    Err(CoreError::Table(TableError::Contention {
        code: "VerifyEmailContention".into(),
    }))
}
