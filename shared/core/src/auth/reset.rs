//! Forgot and reset password.
//!
//! Forgot answers the same whether or not the address has an account (the
//! route always says 202); when it has one, a single-use link valid 30
//! minutes is emailed. Reset uses the link's token up in the transaction
//! that changes the password hash, then revokes every session of the user,
//! so whoever held a stolen refresh token loses it too.

use serde_json::Value;
use uome_domain::FieldErrors;

use crate::error::{CoreError, CoreResult};
use crate::keys::login_key;
use crate::ports::{Condition, Mailbox, Ports, TableError, Write};
use crate::service::ServiceConfig;

use super::email_tokens::{self, invalid_token};
use super::emails;
use super::input::Text;
use super::password;
use super::profile;
use super::records::{EmailTokenPurpose, LoginRecord, UserProfile};
use super::sessions;
use super::throttle::{EMAILS_ON_REQUEST, LOGIN_FAILURES};
use super::validate;

/// The reset body.
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "utoipa", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "utoipa", schema(as = ResetPasswordRequest))]
pub struct ResetInput {
    /// The `token` parameter of the reset link.
    #[serde(default)]
    #[cfg_attr(feature = "utoipa", schema(value_type = String, required = true, max_length = 256))]
    pub token: Text,
    /// The new password, under the sign-up policy.
    #[serde(default)]
    #[cfg_attr(feature = "utoipa", schema(value_type = String, format = Password, required = true, min_length = 10, max_length = 256))]
    pub password: Text,
}

/// Emails a reset link when `email` has an account. 422 only for a missing
/// or malformed address; otherwise `Ok` whatever happened.
pub async fn forgot_password(
    ports: &Ports,
    service: &ServiceConfig,
    email: &Text,
) -> CoreResult<()> {
    let mut errors = FieldErrors::new();
    let Some(email) = validate::email(&mut errors, "email", email) else {
        return Err(CoreError::Validation(errors.into_vec()));
    };
    let Some(item) = ports.table.get(&login_key(&email)).await? else {
        return Ok(());
    };
    let login: LoginRecord = item.parse()?;
    let Some(user) = profile::load(ports.table.as_ref(), &login.account_id, &login.user_id).await?
    else {
        return Ok(());
    };
    if EMAILS_ON_REQUEST
        .retry_after(ports, &email)
        .await?
        .is_some()
    {
        return Ok(());
    }
    let token = email_tokens::new_token(
        ports,
        EmailTokenPurpose::ResetPassword,
        &user.account_id,
        &user.id,
    )?;
    ports.table.transact(vec![token.write]).await?;
    EMAILS_ON_REQUEST.record(ports, &email).await?;
    let link = service.link("/reset-password", "token", &token.token);
    let message = emails::password_reset(&user.first_name, &link);
    let to = Mailbox::named(
        format!("{} {}", user.first_name, user.last_name),
        login.email,
    );
    emails::send(ports, service, to, message).await;
    Ok(())
}

/// Sets a new password with a reset link's token. 422 for a missing token
/// or a password the policy refuses (checked before the token is touched);
/// 400 `invalid_token` for an unknown, expired or used token.
pub async fn reset_password(ports: &Ports, input: ResetInput) -> CoreResult<UserProfile> {
    let mut errors = FieldErrors::new();
    let token = validate::token(&mut errors, "token", &input.token);
    let password = validate::new_password(&mut errors, "password", &input.password);
    let (Some(token), Some(password)) = (token, password) else {
        return Err(CoreError::Validation(errors.into_vec()));
    };

    let (token_key, record) =
        email_tokens::find(ports, &token, EmailTokenPurpose::ResetPassword).await?;
    let user = profile::load(ports.table.as_ref(), &record.account_id, &record.user_id)
        .await?
        .ok_or_else(invalid_token)?;
    let login_key = login_key(&user.email);
    let login_item = ports
        .table
        .get(&login_key)
        .await?
        .ok_or_else(invalid_token)?;
    let login: LoginRecord = login_item.parse()?;
    if login.user_id != user.id {
        return Err(invalid_token());
    }

    let password_hash = password::hash_password(password).await?;
    let mut changed = login_item.clone();
    changed.version = login_item.version + 1;
    if let Value::Object(doc) = &mut changed.data {
        doc.insert("password_hash".into(), Value::String(password_hash));
    }
    let writes = vec![
        email_tokens::consume(token_key),
        Write::Put {
            item: changed,
            condition: Condition::VersionEquals(login_item.version),
        },
    ];
    match ports.table.transact(writes).await {
        Ok(()) => {}
        Err(TableError::TransactionCancelled { failed }) if failed.contains(&0) => {
            return Err(invalid_token());
        }
        // The login changed under us (another reset with another link won):
        // this link is still unused, so the client may simply retry.
        Err(e) => return Err(e.into()),
    }
    // After the commit, so a login with the old password can no longer open
    // a session that this sweep would miss.
    sessions::revoke_all(ports, &user.account_id, &user.id).await?;
    LOGIN_FAILURES.clear(ports, &user.email).await?;
    Ok(user)
}
