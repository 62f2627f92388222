//! Creating a contact: one read (counter and guards, in one batch) and one
//! transaction (contact, search rows, counter, number guard, email guard).
//! A lost race re-runs both; each lost race means another create committed.

use uome_domain::AccountId;
use uome_domain::ContactId;
use uome_domain::numbering::{self, CONTACT_PREFIX, DEFAULT_PADDING};

use super::input::{ContactInput, Stamp};
use super::model::Contact;
use super::store::{contact_item, guard_holder, guard_item, load_contact, number_key, term_puts};
use super::{MAX_ATTEMPTS, too_much_contention};
use crate::counter::Counter;
use crate::error::{CoreError, CoreResult};
use crate::keys::{
    contact_counter_key, contact_email_guard_key, contact_number_guard_key, normalise_email,
};
use crate::ports::{Condition, Key, Ports, Table, TableError, Write};

/// Prefix of automatic contact numbers.
pub const NUMBER_PREFIX: &str = CONTACT_PREFIX;

/// `CUS-0001`; more digits once past 9999.
pub fn format_number(value: u64) -> String {
    numbering::format_number(NUMBER_PREFIX, value, DEFAULT_PADDING)
}

pub(crate) fn duplicate_number(existing_id: String) -> CoreError {
    CoreError::conflict(
        "duplicate_number",
        "Another contact of the account already has this number.",
    )
    .with_extra("existing_id", existing_id)
}

pub(crate) fn duplicate_contact(existing_id: String) -> CoreError {
    CoreError::conflict(
        "duplicate_contact",
        "Another contact of the account already has this email; pass force=true to save anyway.",
    )
    .with_extra("existing_id", existing_id)
}

/// Creates a contact. Without `force`, an email another contact of the
/// account has is a 409 `duplicate_contact` naming it; with `force` the
/// contact is saved and claims the email guard only if nobody holds it.
pub async fn create_contact(
    ports: &Ports,
    account_id: &AccountId,
    input: ContactInput,
    force: bool,
) -> CoreResult<Contact> {
    let valid = input.validate(None)?;
    let id = ports.ids.new_id().to_string();
    let now = ports.clock.now();
    let client_number = valid.number.clone();
    let email_guard = valid
        .email
        .as_deref()
        .map(|email| contact_email_guard_key(account_id, &normalise_email(email)));
    let client_guard = client_number
        .as_deref()
        .map(|n| contact_number_guard_key(account_id, &number_key(n)));
    let counter_key = contact_counter_key(account_id);
    // Built once so contact persons keep their ids across attempts.
    let mut contact = valid.into_contact(
        Stamp {
            id: &id,
            number: String::new(),
            version: 1,
            created_at: now,
            updated_at: now,
        },
        ports.ids.as_ref(),
    );
    // Lowest automatic number worth trying: raised past numbers found taken.
    let mut floor = 0u64;

    for _ in 0..MAX_ATTEMPTS {
        let mut keys: Vec<Key> = Vec::new();
        if client_number.is_none() {
            keys.push(counter_key.clone());
        }
        keys.extend(email_guard.iter().cloned());
        keys.extend(client_guard.iter().cloned());
        let items = if keys.is_empty() {
            Vec::new()
        } else {
            ports.table.batch_get(&keys).await?
        };
        let find = |key: &Key| items.iter().find(|item| &item.key == key);

        if let Some(guard) = client_guard.as_ref().and_then(find) {
            return Err(duplicate_number(guard_holder(guard)?));
        }
        let held_email = email_guard.as_ref().and_then(find);
        if let (Some(guard), false) = (held_email, force) {
            return Err(duplicate_contact(guard_holder(guard)?));
        }

        let mut writes = Vec::new();
        let mut auto_value = None;
        let number = match &client_number {
            Some(number) => number.to_string(),
            None => {
                let counter = Counter::from_item(counter_key.clone(), find(&counter_key));
                let value = counter.candidate(0).max(floor);
                auto_value = Some(value);
                writes.push(counter.advance_to(value)?);
                format_number(value)
            }
        };
        contact.number = number.clone();

        let number_pos = writes.len();
        writes.push(Write::Put {
            item: guard_item(
                contact_number_guard_key(account_id, &number_key(&number)),
                &ContactId::from(&id),
            )?,
            condition: Condition::NotExists,
        });
        let email_pos = match (&email_guard, held_email) {
            (Some(key), None) => {
                writes.push(Write::Put {
                    item: guard_item(key.clone(), &ContactId::from(&id))?,
                    condition: Condition::NotExists,
                });
                Some(writes.len() - 1)
            }
            _ => None,
        };
        let contact_pos = writes.len();
        writes.push(Write::Put {
            item: contact_item(account_id, &contact)?,
            condition: Condition::NotExists,
        });
        writes.extend(term_puts(account_id, &contact)?);

        match ports.table.transact(writes).await {
            Ok(()) => return Ok(contact),
            Err(TableError::TransactionCancelled { failed }) => {
                if failed.contains(&contact_pos) {
                    return Err(CoreError::internal("a new contact id is already taken"));
                }
                if failed.contains(&number_pos) {
                    match (auto_value, &client_guard) {
                        (Some(value), _) => floor = value + 1,
                        (None, Some(key)) => {
                            if let Some(holder) = holder_of(ports.table.as_ref(), key).await? {
                                return Err(duplicate_number(holder));
                            }
                        }
                        (None, None) => {}
                    }
                }
                if let (Some(pos), Some(key), false) = (email_pos, &email_guard, force)
                    && failed.contains(&pos)
                    && let Some(holder) = holder_of(ports.table.as_ref(), key).await?
                {
                    return Err(duplicate_contact(holder));
                }
                // Otherwise the counter moved or a guard came and went:
                // read again and retry.
            }
            Err(TableError::Contention { .. }) => {}
            Err(other) => return Err(other.into()),
        }
    }
    Err(too_much_contention())
}

async fn holder_of(table: &dyn Table, key: &Key) -> CoreResult<Option<String>> {
    match table.get(key).await? {
        Some(item) => Ok(Some(guard_holder(&item)?)),
        None => Ok(None),
    }
}

/// The account's contact with this number (ignoring case), if any: for
/// imports that upsert by number.
pub async fn find_by_number(
    table: &dyn Table,
    account_id: &AccountId,
    number: &str,
) -> CoreResult<Option<Contact>> {
    let key = number_key(number);
    if key.is_empty() {
        return Ok(None);
    }
    let Some(holder) = holder_of(table, &contact_number_guard_key(account_id, &key)).await? else {
        return Ok(None);
    };
    match load_contact(table, account_id, &ContactId::from(&holder)).await {
        Ok(contact) => Ok(Some(contact)),
        Err(CoreError::NotFound) => Ok(None),
        Err(other) => Err(other),
    }
}
