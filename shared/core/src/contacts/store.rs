//! How a contact becomes items: the contact itself (with its gsi1/gsi2
//! keys) and its search-term rows. Every writer of contacts builds its
//! writes here so the items never disagree.

use std::collections::BTreeSet;
use uome_domain::AccountId;
use uome_domain::ContactId;

use serde::{Deserialize, Serialize};

use super::model::Contact;
use super::search::{normalise_term, term_tail, terms_of};
use crate::error::{CoreError, CoreResult};
use crate::keys::{
    contact_key, contact_term_key, contacts_by_email_pk, contacts_by_name_pk, normalise_email,
};
use crate::ports::{Condition, Index, IndexKey, Item, Key, Table, TableError, Write};

/// The contact `contact_id` of the account, or 404 (also for another
/// account's contact: the key is built under `account_id`, so it names
/// nothing there).
pub async fn load_contact(
    table: &dyn Table,
    account_id: &AccountId,
    contact_id: &ContactId,
) -> CoreResult<Contact> {
    if contact_id.is_empty() {
        return Err(CoreError::NotFound);
    }
    let item = table
        .get(&contact_key(account_id, contact_id))
        .await?
        .ok_or(CoreError::NotFound)?;
    from_item(&item)
}

/// The contact in an item, with the item's version (the one conditions use).
pub fn from_item(item: &Item) -> CoreResult<Contact> {
    let mut contact: Contact = item.parse()?;
    contact.version = item.version;
    Ok(contact)
}

/// A search-term row: the term, every term of the contact (to decide which
/// row yields the contact), and a copy of the contact (so a search page is
/// one Query).
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct TermRow {
    pub term: String,
    pub terms: Vec<String>,
    pub contact: Contact,
}

/// The guards' data: who holds the number or email.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct GuardRecord {
    pub contact_id: ContactId,
}

/// The gsi1 sort key: normalised display name, then the id.
fn name_sort_key(contact: &Contact) -> String {
    term_tail(&normalise_term(&contact.display_name), &contact.id)
}

/// The normalised email, the key of the email guard and of gsi2.
pub fn email_key(contact: &Contact) -> Option<String> {
    contact.email.as_deref().map(normalise_email)
}

/// Numbers are unique ignoring case (`cus-0001` is `CUS-0001`).
pub fn number_key(number: &str) -> String {
    number.trim().to_lowercase()
}

pub fn contact_item(account_id: &AccountId, contact: &Contact) -> Result<Item, TableError> {
    let mut item = Item::new(contact_key(account_id, &contact.id), contact)?
        .with_version(contact.version)
        .with_index(
            Index::Gsi1,
            IndexKey::new(
                contacts_by_name_pk(account_id, contact.archived),
                name_sort_key(contact),
            ),
        );
    if let Some(email) = email_key(contact) {
        item = item.with_index(
            Index::Gsi2,
            IndexKey::new(
                contacts_by_email_pk(account_id),
                format!("{email}#{}", contact.id),
            ),
        );
    }
    Ok(item)
}

fn term_keys(account_id: &AccountId, contact: &Contact) -> Vec<Key> {
    terms_of(contact)
        .iter()
        .map(|term| contact_term_key(account_id, contact.archived, term, &contact.id))
        .collect()
}

/// Puts of the contact's term rows (unconditional: only the contact's own
/// writes, guarded by the contact's version, touch them).
pub fn term_puts(account_id: &AccountId, contact: &Contact) -> Result<Vec<Write>, TableError> {
    let terms = terms_of(contact);
    terms
        .iter()
        .map(|term| {
            let row = TermRow {
                term: term.clone(),
                terms: terms.clone(),
                contact: contact.clone(),
            };
            Ok(Write::Put {
                item: Item::new(
                    contact_term_key(account_id, contact.archived, term, &contact.id),
                    &row,
                )?
                .with_version(contact.version),
                condition: Condition::None,
            })
        })
        .collect()
}

/// Deletes of the term rows `old` had that `new` no longer has (`new` =
/// `None` when the contact goes).
pub fn stale_term_deletes(
    account_id: &AccountId,
    old: &Contact,
    new: Option<&Contact>,
) -> Vec<Write> {
    let keep: BTreeSet<Key> = new
        .map(|c| term_keys(account_id, c).into_iter().collect())
        .unwrap_or_default();
    term_keys(account_id, old)
        .into_iter()
        .filter(|key| !keep.contains(key))
        .map(|key| Write::Delete {
            key,
            condition: Condition::None,
        })
        .collect()
}

/// The guard item naming `contact_id`.
pub fn guard_item(key: Key, contact_id: &ContactId) -> Result<Item, TableError> {
    Item::new(
        key,
        &GuardRecord {
            contact_id: contact_id.clone(),
        },
    )
}

/// Who holds a guard, read from its item.
pub fn guard_holder(item: &Item) -> CoreResult<String> {
    Ok(item.parse::<GuardRecord>()?.contact_id.to_string())
}
