//! Sign-up: a new account, its owner and their login, in one transaction.
//!
//! Uniqueness of the email is decided by the transaction itself (the login
//! record is written `NotExists`), never by looking first. The
//! verification email goes out after the commit; if it fails the account
//! still exists and the owner can ask for another
//! ([`resend_verification`]).

use uome_domain::AccountId;
use uome_domain::{Email, FieldErrors, Name};

use crate::accounts::AccountRecord;
use crate::error::{CoreError, CoreResult};
use crate::keys::{account_item, account_key, login_key, user_key};
use crate::ports::{Condition, Item, Mailbox, Ports, TableError, Write};
use crate::service::ServiceConfig;

use super::email_tokens;
use super::emails;
use super::input::Text;
use super::password;
use super::profile;
use super::records::{EmailTokenPurpose, InitialCompany, LoginRecord, NewUser, UserProfile};
use super::throttle::EMAILS_ON_REQUEST;
use super::validate;

/// The sign-up body.
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "utoipa", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "utoipa", schema(as = SignupRequest, example = json!({"first_name": "Ada", "last_name": "Lovelace", "email": "ada@example.com", "password": "correct-horse-42", "company_name": "Analytical Engines Ltd"})))]
pub struct SignupInput {
    /// 1–255 characters.
    #[serde(default)]
    #[cfg_attr(feature = "utoipa", schema(value_type = String, required = true))]
    pub first_name: Text,
    /// 1–255 characters.
    #[serde(default)]
    #[cfg_attr(feature = "utoipa", schema(value_type = String, required = true))]
    pub last_name: Text,
    /// The owner's email address; unique across Uome (case-insensitive).
    #[serde(default)]
    #[cfg_attr(feature = "utoipa", schema(value_type = String, format = Email, required = true))]
    pub email: Text,
    /// 10–256 characters, not all letters, all digits or all symbols.
    #[serde(default)]
    #[cfg_attr(feature = "utoipa", schema(value_type = String, format = Password, required = true, min_length = 10, max_length = 256))]
    pub password: Text,
    /// Defaults to "<first name> <last name>".
    #[serde(default)]
    #[cfg_attr(feature = "utoipa", schema(value_type = Option<String>))]
    pub company_name: Text,
}

/// What sign-up made.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SignedUp {
    pub user: UserProfile,
    pub account: AccountRecord,
    pub company_name: String,
    /// False when the verification email could not be sent (logged).
    pub verification_email_sent: bool,
}

struct Valid {
    first_name: Name,
    last_name: Name,
    email: Email,
    password: String,
    company_name: String,
}

fn validate(input: &SignupInput) -> CoreResult<Valid> {
    let mut errors = FieldErrors::new();
    let first_name = validate::required_text(&mut errors, "first_name", &input.first_name);
    let last_name = validate::required_text(&mut errors, "last_name", &input.last_name);
    let email = validate::email(&mut errors, "email", &input.email);
    let password = validate::new_password(&mut errors, "password", &input.password);
    let company_name: Option<Name> =
        validate::optional_text(&mut errors, "company_name", &input.company_name);
    match (first_name, last_name, email, password, company_name) {
        (Some(first_name), Some(last_name), Some(email), Some(password), company_name)
            if errors.is_empty() =>
        {
            let company_name =
                company_name.map_or_else(|| format!("{first_name} {last_name}"), Name::into_string);
            Ok(Valid {
                first_name,
                last_name,
                email,
                password,
                company_name,
            })
        }
        _ => Err(CoreError::Validation(errors.into_vec())),
    }
}

/// Creates the account, its owner, the owner's login, the company record
/// and a verification token, then emails the verification link.
/// 422 for bad fields (all of them), 409 `email_taken`.
pub async fn signup(
    ports: &Ports,
    service: &ServiceConfig,
    input: SignupInput,
) -> CoreResult<SignedUp> {
    let valid = validate(&input)?;
    let password_hash = password::hash_password(valid.password).await?;
    let now = ports.clock.now();
    let account_id = AccountId::new(ports.ids.new_id().to_string());
    let user_id = ports.ids.new_id().to_string();

    let login = LoginRecord {
        user_id: user_id.clone(),
        account_id: account_id.clone(),
        email: valid.email.to_string(),
        password_hash,
    };
    let user = NewUser {
        id: user_id.clone(),
        account_id: account_id.clone(),
        email: valid.email.to_string(),
        first_name: valid.first_name.to_string(),
        last_name: valid.last_name.to_string(),
        phone: None,
        address: None,
        email_verified: false,
        created_at: now,
        updated_at: now,
        version: 1,
    };
    let account = AccountRecord {
        id: account_id.clone(),
        owner_user_id: user_id.clone(),
        email_verified: false,
        created_at: now,
    };
    let company = InitialCompany {
        name: valid.company_name.clone(),
        version: 1,
    };
    let token =
        email_tokens::new_token(ports, EmailTokenPurpose::VerifyEmail, &account_id, &user_id)?;
    let put = |item: Item| Write::Put {
        item,
        condition: Condition::NotExists,
    };
    let writes = vec![
        // First: a failure at position 0 means the email is taken.
        put(Item::new(login_key(&valid.email), &login)?),
        put(Item::new(user_key(&account_id, &user_id), &user)?),
        put(Item::new(account_key(&account_id), &account)?),
        put(Item::new(account_item(&account_id, "COMPANY"), &company)?),
        token.write,
    ];
    match ports.table.transact(writes).await {
        Ok(()) => {}
        Err(TableError::TransactionCancelled { failed }) if failed.contains(&0) => {
            return Err(email_taken());
        }
        Err(e) => return Err(e.into()),
    }

    let profile = UserProfile {
        id: user_id,
        account_id,
        email: valid.email.into_string(),
        first_name: valid.first_name.into_string(),
        last_name: valid.last_name.into_string(),
        email_verified: false,
    };
    let sent = send_verification(ports, service, &profile, &token.token).await;
    Ok(SignedUp {
        user: profile,
        account,
        company_name: valid.company_name,
        verification_email_sent: sent,
    })
}

/// Emails a new verification link when the address belongs to a user whose
/// email is not verified yet. The caller answers 202 whatever happened, so
/// the route tells nobody whether an address has an account.
pub async fn resend_verification(
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
    if user.email_verified
        || EMAILS_ON_REQUEST
            .retry_after(ports, &email)
            .await?
            .is_some()
    {
        return Ok(());
    }
    let token = email_tokens::new_token(
        ports,
        EmailTokenPurpose::VerifyEmail,
        &user.account_id,
        &user.id,
    )?;
    ports.table.transact(vec![token.write]).await?;
    EMAILS_ON_REQUEST.record(ports, &email).await?;
    send_verification(ports, service, &user, &token.token).await;
    Ok(())
}

async fn send_verification(
    ports: &Ports,
    service: &ServiceConfig,
    user: &UserProfile,
    token: &str,
) -> bool {
    let link = service.link("/verify-email", "token", token);
    let message = emails::verification(&user.first_name, &link);
    let to = Mailbox::named(
        format!("{} {}", user.first_name, user.last_name),
        user.email.clone(),
    );
    emails::send(ports, service, to, message).await
}

fn email_taken() -> CoreError {
    CoreError::conflict(
        "email_taken",
        "An account with this email address already exists.",
    )
}
