//! Key builders of the single-table design (docs/storage.md), in one place
//! so no two use cases spell a key differently.

use crate::ports::Key;

/// The partition of everything an account owns.
pub fn account_pk(account_id: &str) -> String {
    format!("ACCOUNT#{account_id}")
}

/// An item of an account: `ACCOUNT#<acc>` / `<sk>`.
pub fn account_item(account_id: &str, sk: impl Into<String>) -> Key {
    Key::new(account_pk(account_id), sk)
}

/// The account's own record.
pub fn account_key(account_id: &str) -> Key {
    account_item(account_id, "ACCOUNT")
}

/// A user of an account.
pub fn user_key(account_id: &str, user_id: &str) -> Key {
    account_item(account_id, format!("USER#{user_id}"))
}

/// Emails compare case-insensitively (and without surrounding space) for
/// uniqueness and login; the address as typed is kept for display.
pub fn normalise_email(email: &str) -> String {
    email.trim().to_lowercase()
}

/// The login record of an email: its existence is what makes an email taken.
pub fn login_key(email: &str) -> Key {
    Key::new(format!("EMAIL#{}", normalise_email(email)), "USER")
}

/// A secret-bearing token (email link, refresh, portal) found by its hash.
pub fn token_key(kind: &str, token_hash: &str) -> Key {
    Key::new(format!("{kind}#{token_hash}"), "TOKEN")
}

/// An API client by its public id.
pub fn api_client_key(client_id: &str) -> Key {
    Key::new(format!("APICLIENT#{client_id}"), "CLIENT")
}
