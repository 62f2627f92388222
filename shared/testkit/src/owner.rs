//! An account and its owner's access token, as sign-up and login would
//! leave them, written straight to the table so tests skip the Argon2 hash.

use chrono::Utc;
use uome_core::accounts::AccountRecord;
use uome_core::keys::account_key;
use uome_core::ports::{Condition, Item};
use uome_domain::AccountId;
use uome_http::{AppContext, Role};

pub struct Owner {
    pub account_id: AccountId,
    pub user_id: String,
    pub token: String,
}

impl Owner {
    /// The `Authorization` header value.
    pub fn bearer(&self) -> String {
        format!("Bearer {}", self.token)
    }
}

/// A new account (email verified or not) and an owner token for it.
pub async fn owner(ctx: &AppContext, email_verified: bool) -> Owner {
    let account_id = AccountId::new(ctx.ports.ids.new_id().to_string());
    let user_id = ctx.ports.ids.new_id().to_string();
    let record = AccountRecord {
        id: account_id.clone(),
        owner_user_id: user_id.clone(),
        email_verified,
        created_at: Utc::now(),
    };
    ctx.ports
        .table
        .put(
            Item::new(account_key(&account_id), &record).expect("account record"),
            Condition::NotExists,
        )
        .await
        .expect("write account");
    let claims = ctx.jwt.access_claims(
        &user_id,
        &account_id,
        Role::Owner,
        ctx.now(),
        &ctx.ports.ids.new_id().to_string(),
    );
    Owner {
        account_id,
        user_id,
        token: ctx.jwt.issue(&claims).expect("issue token"),
    }
}
