//! Replacing, patching and (un)archiving a contact: read it, build the new
//! contact, write it conditional on the version read, together with its
//! search rows and any guard the change moves. Two round trips, three when
//! the email changes (its guards are read first).

use serde_json::Value;
use uome_domain::AccountId;
use uome_domain::Code;
use uome_domain::ContactId;

use super::create::{duplicate_contact, duplicate_number};
use super::guards::release_email;
use super::input::{ContactInput, Stamp};
use super::model::Contact;
use super::patch::{input_json, merge_patch, parse_input};
use super::store::{
    contact_item, email_key, guard_holder, guard_item, load_contact, number_key,
    stale_term_deletes, term_puts,
};
use super::{MAX_ATTEMPTS, too_much_contention, version_conflict};
use crate::error::CoreResult;
use crate::keys::{contact_email_guard_key, contact_number_guard_key};
use crate::ports::{Condition, Ports, TableError, Write};

/// The version a caller says it read (`If-Match`); `None`: whatever is
/// current (a lost race is then retried, not reported).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Expected(pub Option<u64>);

/// PUT: every writable field from `input`; absent ones take their defaults,
/// except `number`, which is kept when absent.
pub async fn replace_contact(
    ports: &Ports,
    account_id: &AccountId,
    contact_id: &ContactId,
    input: ContactInput,
    expected: Expected,
    force: bool,
) -> CoreResult<Contact> {
    update_with(ports, account_id, contact_id, expected, force, |_| {
        Ok(input.clone())
    })
    .await
}

/// PATCH: RFC 7386 JSON merge patch over the writable fields (`null`
/// removes a field, arrays are replaced whole), then validated like a PUT.
pub async fn patch_contact(
    ports: &Ports,
    account_id: &AccountId,
    contact_id: &ContactId,
    patch: &Value,
    expected: Expected,
    force: bool,
) -> CoreResult<Contact> {
    update_with(ports, account_id, contact_id, expected, force, |current| {
        let mut merged = input_json(current)?;
        merge_patch(&mut merged, patch);
        parse_input(merged)
    })
    .await
}

/// Archive or unarchive; a no-op when already so (the version stays).
pub async fn set_archived(
    ports: &Ports,
    account_id: &AccountId,
    contact_id: &ContactId,
    archived: bool,
) -> CoreResult<Contact> {
    update_with(
        ports,
        account_id,
        contact_id,
        Expected(None),
        false,
        |current| {
            let mut input = ContactInput::from_contact(current);
            input.archived = Some(archived);
            Ok(input)
        },
    )
    .await
}

async fn update_with(
    ports: &Ports,
    account_id: &AccountId,
    contact_id: &ContactId,
    expected: Expected,
    force: bool,
    make: impl Fn(&Contact) -> CoreResult<ContactInput>,
) -> CoreResult<Contact> {
    let table = ports.table.as_ref();
    for _ in 0..MAX_ATTEMPTS {
        let current = load_contact(table, account_id, contact_id).await?;
        let input = make(&current)?;
        let wanted = [expected.0, input.version];
        if wanted.iter().flatten().any(|v| *v != current.version) {
            return Err(version_conflict(current.version));
        }
        let strict = wanted.iter().any(Option::is_some);
        let valid = input.validate(Some(&current))?;
        let number = valid
            .number
            .clone()
            .map_or_else(|| current.number.clone(), Code::into_string);
        let next = valid.into_contact(
            Stamp {
                id: &current.id,
                number,
                version: current.version + 1,
                created_at: current.created_at,
                updated_at: ports.clock.now(),
            },
            ports.ids.as_ref(),
        );
        if unchanged(&current, &next) {
            return Ok(current);
        }

        let mut writes = vec![Write::Put {
            item: contact_item(account_id, &next)?,
            condition: Condition::VersionEquals(current.version),
        }];
        let mut number_pos = None;
        if number_key(&next.number) != number_key(&current.number) {
            number_pos = Some(writes.len());
            writes.push(Write::Put {
                item: guard_item(
                    contact_number_guard_key(account_id, &number_key(&next.number)),
                    contact_id,
                )?,
                condition: Condition::NotExists,
            });
            writes.push(Write::Delete {
                key: contact_number_guard_key(account_id, &number_key(&current.number)),
                condition: Condition::None,
            });
        }
        let mut email_pos = None;
        let (old_email, new_email) = (email_key(&current), email_key(&next));
        if old_email != new_email {
            let new_guard = new_email
                .as_deref()
                .map(|email| contact_email_guard_key(account_id, email));
            let (held, released) = tokio::join!(
                async {
                    match &new_guard {
                        Some(key) => table.get(key).await,
                        None => Ok(None),
                    }
                },
                async {
                    match &old_email {
                        Some(email) => release_email(table, account_id, contact_id, email).await,
                        None => Ok(None),
                    }
                }
            );
            match (new_guard, held?) {
                (Some(key), None) => {
                    email_pos = Some(writes.len());
                    writes.push(Write::Put {
                        item: guard_item(key, contact_id)?,
                        condition: Condition::NotExists,
                    });
                }
                (Some(_), Some(guard)) if !force => {
                    let holder = guard_holder(&guard)?;
                    if holder != *contact_id {
                        return Err(duplicate_contact(holder));
                    }
                }
                _ => {}
            }
            writes.extend(released?);
        }
        writes.extend(term_puts(account_id, &next)?);
        writes.extend(stale_term_deletes(account_id, &current, Some(&next)));

        match table.transact(writes).await {
            Ok(()) => {
                if current.automatic_dunning != next.automatic_dunning {
                    let scope = crate::dunning::Scope::Contact(contact_id, next.automatic_dunning);
                    crate::dunning::reindex(table, account_id, scope).await?;
                }
                return Ok(next);
            }
            Err(TableError::TransactionCancelled { failed }) => {
                if failed.contains(&0) {
                    if strict {
                        let now = load_contact(table, account_id, contact_id).await?;
                        return Err(version_conflict(now.version));
                    }
                    continue;
                }
                if number_pos.is_some_and(|p| failed.contains(&p)) {
                    let key = contact_number_guard_key(account_id, &number_key(&next.number));
                    if let Some(guard) = table.get(&key).await? {
                        return Err(duplicate_number(guard_holder(&guard)?));
                    }
                }
                if let (Some(pos), Some(email), false) = (email_pos, &new_email, force)
                    && failed.contains(&pos)
                    && let Some(guard) = table
                        .get(&contact_email_guard_key(account_id, email))
                        .await?
                {
                    return Err(duplicate_contact(guard_holder(&guard)?));
                }
            }
            Err(TableError::Contention { .. }) => {}
            Err(other) => return Err(other.into()),
        }
    }
    Err(too_much_contention())
}

/// Whether `next` says nothing new (version and `updated_at` aside).
fn unchanged(current: &Contact, next: &Contact) -> bool {
    let mut same = next.clone();
    same.version = current.version;
    same.updated_at = current.updated_at;
    &same == current
}
