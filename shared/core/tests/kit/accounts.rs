//! Accounts as sign-up leaves them, written straight to the table so tests
//! skip the Argon2 hash. Shared by core's use-case tests and the account
//! function's router tests (which include this file by path and add a
//! token).

use serde_json::json;
use uome_core::accounts::AccountRecord;
use uome_core::keys::{account_item, account_key, user_key};
use uome_core::ports::{Condition, Item, Ports};
use uome_domain::AccountId;

/// The account record, its owner's user item and the company item (name
/// only), the owner's email verified.
#[derive(Clone, Debug)]
pub struct Account {
    pub account_id: AccountId,
    pub user_id: String,
}

pub async fn signed_up(ports: &Ports, email: &str, company: &str) -> Account {
    let account_id = AccountId::new(ports.ids.new_id().to_string());
    let user_id = ports.ids.new_id().to_string();
    let now = ports.clock.now();
    let record = AccountRecord {
        id: account_id.clone(),
        owner_user_id: user_id.clone(),
        email_verified: true,
        created_at: now,
    };
    let user = json!({
        "id": user_id, "account_id": account_id, "email": email,
        "first_name": "Ada", "last_name": "Lovelace", "phone": null, "address": null,
        "email_verified": true, "created_at": now, "updated_at": now, "version": 1,
        // Stands for whatever else auth keeps on the item.
        "auth_marker": "keep me"
    });
    let puts = [
        Item::new(account_key(&account_id), &record).unwrap(),
        Item::new(user_key(&account_id, &user_id), &user).unwrap(),
        Item::new(
            account_item(&account_id, "COMPANY"),
            &json!({"name": company}),
        )
        .unwrap(),
    ];
    for item in puts {
        ports.table.put(item, Condition::NotExists).await.unwrap();
    }
    Account {
        account_id,
        user_id,
    }
}

/// Only the account record, its owner's email verified or not: what the
/// tests that bring their own company and user need.
pub async fn bare(ports: &Ports, email_verified: bool) -> Account {
    let account_id = AccountId::new(ports.ids.new_id().to_string());
    let user_id = ports.ids.new_id().to_string();
    let record = AccountRecord {
        id: account_id.clone(),
        owner_user_id: user_id.clone(),
        email_verified,
        created_at: ports.clock.now(),
    };
    ports
        .table
        .put(
            Item::new(account_key(&account_id), &record).unwrap(),
            Condition::NotExists,
        )
        .await
        .unwrap();
    Account {
        account_id,
        user_id,
    }
}
