//! Login by email and password.
//!
//! Order matters: the throttle is checked before the password (while an
//! address is throttled even the right password is refused, so guessing
//! gains nothing), and an unknown address costs the same Argon2 run as a
//! known one and gets the same 401, so neither the answer nor its timing
//! says whether an account exists.

use uome_domain::FieldErrors;

use crate::error::{CoreError, CoreResult};
use crate::keys::login_key;
use crate::ports::Ports;

use super::input::Text;
use super::password;
use super::profile;
use super::records::LoginRecord;
use super::sessions::{self, SignedIn};
use super::throttle::LOGIN_FAILURES;
use super::validate;

/// The login body.
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "utoipa", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "utoipa", schema(as = LoginRequest, example = json!({"email": "ada@example.com", "password": "correct-horse-42"})))]
pub struct LoginInput {
    #[serde(default)]
    #[cfg_attr(feature = "utoipa", schema(value_type = String, format = Email, required = true))]
    pub email: Text,
    #[serde(default)]
    #[cfg_attr(feature = "utoipa", schema(value_type = String, format = Password, required = true))]
    pub password: Text,
}

/// Checks the credentials and opens a session. 422 for a malformed body,
/// 429 `too_many_attempts` while throttled, 401 `invalid_credentials` for a
/// wrong email or password alike.
pub async fn login(ports: &Ports, input: LoginInput) -> CoreResult<SignedIn> {
    let mut errors = FieldErrors::new();
    let email = validate::email(&mut errors, "email", &input.email);
    let password = validate::login_password(&mut errors, "password", &input.password);
    let (Some(email), Some(password)) = (email, password) else {
        return Err(CoreError::Validation(errors.into_vec()));
    };

    let throttle = LOGIN_FAILURES.check(ports, &email).await?;
    if let Some(retry_after_secs) = throttle.retry_after {
        return Err(CoreError::TooManyRequests {
            code: "too_many_attempts".into(),
            retry_after_secs,
        });
    }

    let login: Option<LoginRecord> = match ports.table.get(&login_key(&email)).await? {
        Some(item) => Some(item.parse()?),
        None => None,
    };
    let stored = login.as_ref().map(|l| l.password_hash.clone());
    let matches = password::verify_password(password, stored).await?;
    let (true, Some(login)) = (matches, login) else {
        LOGIN_FAILURES.record(ports, &email).await?;
        return Err(invalid_credentials());
    };

    let user = profile::load(ports.table.as_ref(), &login.account_id, &login.user_id)
        .await?
        .ok_or_else(|| CoreError::internal("a login record names a user that does not exist"))?;
    let refresh = sessions::open(ports, &user).await?;
    // Earlier mistakes are forgiven once the owner proves who they are.
    if throttle.recent > 0 {
        LOGIN_FAILURES.clear(ports, &email).await?;
    }
    Ok(SignedIn { user, refresh })
}

/// 401 `invalid_credentials`: the same for an unknown email and a wrong
/// password.
pub fn invalid_credentials() -> CoreError {
    CoreError::unauthorized("invalid_credentials")
}
