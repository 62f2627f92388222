//! What bulk imports (`crate::imports`) need of contacts: the guards a
//! number and an email are looked up by, and the writes of a new contact,
//! built by the same functions every other contact writer uses, so an
//! imported contact is indistinguishable from one made by `POST`.

use uome_domain::AccountId;
use uome_domain::ContactId;

use super::model::Contact;
use super::store::{contact_item, email_key, guard_holder, guard_item, number_key, term_puts};
use crate::error::CoreResult;
use crate::keys::{contact_email_guard_key, contact_number_guard_key};
use crate::ports::{Condition, Item, Key, Write};

/// The guard that says which contact has `number` (any case).
pub fn number_guard_key(account_id: &AccountId, number: &str) -> Key {
    contact_number_guard_key(account_id, &number_key(number))
}

/// The guard that says which contact first claimed `email`.
pub fn email_guard_key(account_id: &AccountId, email: &str) -> Key {
    contact_email_guard_key(account_id, &crate::keys::normalise_email(email))
}

/// The contact a guard item names.
pub fn guard_contact(item: &Item) -> CoreResult<ContactId> {
    guard_holder(item).map(ContactId::from)
}

/// The writes that create `contact` (numbered by the client): its number
/// guard and the contact (both `NotExists`, so a concurrent import of the
/// same number loses cleanly), its search rows, and its email guard when
/// `claim_email` (nobody holds the email yet: duplicates are saved like a
/// forced create, and the first holder keeps the guard).
pub fn new_contact_writes(
    account_id: &AccountId,
    contact: &Contact,
    claim_email: bool,
) -> CoreResult<Vec<Write>> {
    let mut writes = vec![
        Write::Put {
            item: guard_item(number_guard_key(account_id, &contact.number), &contact.id)?,
            condition: Condition::NotExists,
        },
        Write::Put {
            item: contact_item(account_id, contact)?,
            condition: Condition::NotExists,
        },
    ];
    if let (true, Some(email)) = (claim_email, email_key(contact)) {
        writes.push(Write::Put {
            item: guard_item(contact_email_guard_key(account_id, &email), &contact.id)?,
            condition: Condition::NotExists,
        });
    }
    writes.extend(term_puts(account_id, contact)?);
    Ok(writes)
}
