//! The items auth writes (docs/storage.md). Readers parse only the fields
//! they need, so other writers (the account function edits the profile)
//! may add fields freely; updates go through [`updated_item`], which keeps
//! every field it does not touch.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};
use uome_domain::AccountId;

use crate::ports::Item;

/// `EMAIL#<normalised email>` / `USER`: the login record. Its existence is
/// what makes an email taken.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct LoginRecord {
    pub user_id: String,
    pub account_id: AccountId,
    /// As typed at sign-up.
    pub email: String,
    /// Argon2id PHC string.
    pub password_hash: String,
}

/// `ACCOUNT#<acc>` / `USER#<user>` as sign-up first writes it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct NewUser {
    pub id: String,
    pub account_id: AccountId,
    pub email: String,
    pub first_name: String,
    pub last_name: String,
    pub phone: Option<String>,
    pub address: Option<Value>,
    pub email_verified: bool,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub version: u64,
}

/// The user as auth reads it: who they are, not their whole profile.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct UserProfile {
    pub id: String,
    pub account_id: AccountId,
    pub email: String,
    pub first_name: String,
    pub last_name: String,
    #[serde(default)]
    pub email_verified: bool,
}

/// `ACCOUNT#<acc>` / `COMPANY` as sign-up first writes it. The account
/// function owns the company record; its type reads this with defaults for
/// everything else.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct InitialCompany {
    pub name: String,
    pub version: u64,
}

/// What a single-use email-link token is for.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EmailTokenPurpose {
    VerifyEmail,
    ResetPassword,
}

/// `EMAILTOKEN#<sha256>` / `TOKEN`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct EmailTokenRecord {
    pub purpose: EmailTokenPurpose,
    pub user_id: String,
    pub account_id: AccountId,
    pub expires_at: DateTime<Utc>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RefreshStatus {
    /// The newest token of its session: may be exchanged once.
    Active,
    /// Already exchanged: presenting it again means it was stolen (or the
    /// thief used it first), so the whole session dies.
    Rotated,
}

/// `REFRESH#<sha256>` / `TOKEN`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RefreshTokenRecord {
    pub user_id: String,
    pub account_id: AccountId,
    pub session_id: String,
    pub status: RefreshStatus,
    pub expires_at: DateTime<Utc>,
}

/// `ACCOUNT#<acc>` / `SESSION#<user>#<session>`: one login and the chain of
/// refresh tokens rotated from it (the "family").
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SessionRecord {
    pub user_id: String,
    pub session_id: String,
    pub revoked: bool,
    pub created_at: DateTime<Utc>,
    /// The newest refresh token's expiry; the item's TTL follows it.
    pub expires_at: DateTime<Utc>,
}

/// One entry of a throttle partition: something counted at `at`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ThrottleEntry {
    pub at: DateTime<Utc>,
}

/// The next version of a stored item: `change` edits the document, the
/// item's version goes up by one (and the document's own `version` member,
/// where it has one, with it). Fields `change` leaves alone are kept as
/// they are, whoever wrote them.
pub fn updated_item(item: &Item, change: impl FnOnce(&mut Map<String, Value>)) -> Item {
    let mut next = item.clone();
    next.version = item.version + 1;
    if let Value::Object(map) = &mut next.data {
        change(map);
        if map.contains_key("version") {
            map.insert("version".into(), Value::from(next.version));
        }
    }
    next
}

/// A timestamp as every record stores it (RFC 3339, what chrono's serde
/// writes).
pub fn timestamp(at: DateTime<Utc>) -> Value {
    serde_json::to_value(at).unwrap_or(Value::Null)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ports::Key;
    use serde_json::json;

    #[test]
    fn updates_keep_foreign_fields_and_bump_both_versions() {
        let item = Item::new(
            Key::new("p", "s"),
            &json!({"a": 1, "version": 3, "theirs": {"x": true}}),
        )
        .unwrap()
        .with_version(3)
        .with_expiry(99);
        let next = updated_item(&item, |m| {
            m.insert("a".into(), json!(2));
        });
        assert_eq!(next.version, 4);
        assert_eq!(next.expires_at, Some(99));
        assert_eq!(
            next.data,
            json!({"a": 2, "version": 4, "theirs": {"x": true}})
        );
        // No `version` member: none is added.
        let bare = Item::new(Key::new("p", "s"), &json!({"a": 1})).unwrap();
        assert_eq!(updated_item(&bare, |_| {}).data, json!({"a": 1}));
    }

    #[test]
    fn profiles_read_past_fields_they_do_not_know() {
        let profile: UserProfile = serde_json::from_value(json!({
            "id": "u", "account_id": "a", "email": "A@b.co", "first_name": "Ada",
            "last_name": "L", "email_verified": true, "phone": "+44", "address": {"city": "x"}
        }))
        .unwrap();
        assert!(profile.email_verified);
    }
}
