//! Helpers shared by the contacts tests and bench.
#![allow(dead_code)]

pub use uome_testkit::counting;

use std::sync::Arc;

use axum::Router;
use chrono::Utc;
use uome_core::accounts::AccountRecord;
use uome_core::keys::account_key;
use uome_core::ports::{Condition, Item};
use uome_http::{AppContext, Role};
use uome_testkit::TestEnv;

use counting::CountingTable;

pub struct Owner {
    pub account_id: String,
    pub token: String,
}

impl Owner {
    pub fn bearer(&self) -> String {
        format!("Bearer {}", self.token)
    }
}

/// An account record and an owner access token, as sign-up would leave them.
pub async fn owner(ctx: &AppContext, email_verified: bool) -> Owner {
    let account_id = ctx.ports.ids.new_id().to_string();
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
            Item::new(account_key(&account_id), &record).unwrap(),
            Condition::NotExists,
        )
        .await
        .unwrap();
    let claims = ctx.jwt.access_claims(
        &user_id,
        &account_id,
        Role::Owner,
        ctx.now(),
        &ctx.ports.ids.new_id().to_string(),
    );
    Owner {
        account_id,
        token: ctx.jwt.issue(&claims).unwrap(),
    }
}

/// The contacts routes in the shared stack over a context whose table
/// counts its calls (the test kit's [`TestEnv::counting_app`]).
pub fn counting_app(env: &TestEnv) -> (Router, Arc<CountingTable>, AppContext) {
    env.counting_app(uome_contacts::api())
}
