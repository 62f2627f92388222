//! Create, read, replace and delete an expense.
//!
//! Each write is one batch read and one transaction. The transaction
//! re-asserts what the checks relied on (the invoice and upload still
//! exist, the vendor exists and is not being deleted), so a lost race is
//! re-read and re-checked rather than written over: a vanished invoice
//! then answers 422, a vendor under deletion 409 `contact_busy`.

use super::model::{Expense, ExpenseInput};
use super::store::{canonical_id, expense_key, from_item, load_expense, table_item};
use super::validate::{Links, check};
use crate::contacts::{add_reference, contact_busy, release_reference_write};
use crate::documents::{MAX_ATTEMPTS, too_much_contention, version_conflict};
use crate::error::{CoreError, CoreResult};
use crate::fetch::Fetched;
use crate::keys::{DocType, document_key, document_sk, upload_key};
use crate::ports::{Condition, Ports, Write};
use crate::transact::{Outcome, transact};
use uome_domain::AccountId;
use uome_domain::ContactId;
use uome_domain::DocumentId;

/// Creates an expense: 422 with every bad field.
pub async fn create_expense(
    ports: &Ports,
    account_id: &AccountId,
    input: ExpenseInput,
) -> CoreResult<Expense> {
    let table = ports.table.as_ref();
    let id = ports.ids.new_id().to_string();
    let links = Links::of(&input);
    let keys = links.keys(account_id);
    for _ in 0..MAX_ATTEMPTS {
        let fetched = Fetched::read(table, keys.clone()).await?;
        let checked = check(ports, account_id, &input, &links, &fetched, None).await?;
        let now = ports.clock.now();
        let expense = checked.into_expense(id.clone(), 1, now, now);
        let mut writes = vec![Write::Put {
            item: table_item(account_id, &expense)?,
            condition: Condition::NotExists,
        }];
        let lock_at = push_links(&mut writes, account_id, &expense, None);
        match transact(table, writes).await? {
            Outcome::Done => return Ok(expense),
            Outcome::Busy => {}
            Outcome::Failed(failed) => refuse_if_vendor_busy(&failed, lock_at)?,
        }
    }
    Err(too_much_contention())
}

/// One expense of the account, or 404.
pub async fn get_expense(
    ports: &Ports,
    account_id: &AccountId,
    expense_id: &DocumentId,
) -> CoreResult<Expense> {
    load_expense(ports.table.as_ref(), account_id, expense_id).await
}

/// Replaces an expense (see [`ExpenseInput`] for what an absent field
/// means). `expected` (If-Match or `version`) must be the current version,
/// else 409 `version_conflict`; without it the replace applies to whatever
/// is current, still conditioned on the version it read.
pub async fn update_expense(
    ports: &Ports,
    account_id: &AccountId,
    expense_id: &DocumentId,
    expected: Option<u64>,
    input: ExpenseInput,
) -> CoreResult<Expense> {
    let table = ports.table.as_ref();
    let id = canonical_id(expense_id).ok_or(CoreError::NotFound)?;
    let key = expense_key(account_id, &DocumentId::from(&id));
    let links = Links::of(&input);
    let mut keys = links.keys(account_id);
    keys.push(key.clone());
    for _ in 0..MAX_ATTEMPTS {
        let mut fetched = Fetched::read(table, keys.clone()).await?;
        let current = fetched
            .take(&key)
            .map(|item| from_item(&item))
            .transpose()?
            .ok_or(CoreError::NotFound)?;
        if expected.is_some_and(|v| v != current.version) {
            return Err(version_conflict(current.version));
        }
        let checked = check(ports, account_id, &input, &links, &fetched, Some(&current)).await?;
        let expense = checked.into_expense(
            current.id.to_string(),
            current.version + 1,
            current.created_at,
            ports.clock.now(),
        );
        let mut writes = vec![Write::Put {
            item: table_item(account_id, &expense)?,
            condition: Condition::VersionEquals(current.version),
        }];
        let lock_at = push_links(&mut writes, account_id, &expense, Some(&current));
        match transact(table, writes).await? {
            Outcome::Done => return Ok(expense),
            Outcome::Busy => {}
            // A changed expense is seen on the next read: with `expected`
            // it is a conflict there, naming the version that won.
            Outcome::Failed(failed) => refuse_if_vendor_busy(&failed, lock_at)?,
        }
    }
    Err(too_much_contention())
}

/// Deletes an expense and releases its vendor. With `expected`, only at
/// that version (409 `version_conflict` otherwise).
pub async fn delete_expense(
    ports: &Ports,
    account_id: &AccountId,
    expense_id: &DocumentId,
    expected: Option<u64>,
) -> CoreResult<()> {
    let table = ports.table.as_ref();
    for _ in 0..MAX_ATTEMPTS {
        let current = load_expense(table, account_id, expense_id).await?;
        if expected.is_some_and(|v| v != current.version) {
            return Err(version_conflict(current.version));
        }
        let mut writes = vec![Write::Delete {
            key: expense_key(account_id, &current.id),
            condition: Condition::VersionEquals(current.version),
        }];
        if let Some(vendor) = &current.vendor_id {
            writes.push(release_reference_write(
                account_id,
                &ContactId::from(vendor),
                &document_sk(DocType::Expense, &current.id),
            ));
        }
        match transact(table, writes).await? {
            Outcome::Done => return Ok(()),
            // Changed or deleted meanwhile: the next read decides (404, or
            // a conflict with `expected`).
            Outcome::Busy | Outcome::Failed(_) => {}
        }
    }
    Err(too_much_contention())
}

/// Adds the writes that keep the expense's links true: the vendor
/// reference (taken for a new vendor, released for one no longer named)
/// and existence checks on the invoice and the upload. Answers the
/// position of the vendor's delete-lock check, if one was added.
fn push_links(
    writes: &mut Vec<Write>,
    account_id: &AccountId,
    expense: &Expense,
    current: Option<&Expense>,
) -> Option<usize> {
    let document = document_sk(DocType::Expense, &expense.id);
    let old_vendor = current.and_then(|c| c.vendor_id.as_deref());
    let mut lock_at = None;
    if old_vendor != expense.vendor_id.as_deref() {
        if let Some(old) = old_vendor {
            writes.push(release_reference_write(
                account_id,
                &ContactId::from(old),
                &document,
            ));
        }
        if let Some(vendor) = &expense.vendor_id {
            let vendor = ContactId::from(vendor);
            lock_at = Some(add_reference(writes, account_id, &vendor, &document));
        }
    }
    if let Some(invoice) = &expense.invoice_id {
        writes.push(Write::Check {
            key: document_key(account_id, DocType::Invoice, &DocumentId::from(invoice)),
            condition: Condition::Exists,
        });
    }
    if let Some(upload) = &expense.upload_id {
        writes.push(Write::Check {
            key: upload_key(account_id, upload),
            condition: Condition::Exists,
        });
    }
    lock_at
}

/// 409 `contact_busy` when the transaction failed because the vendor is
/// being deleted; any other failure is re-read by the caller.
fn refuse_if_vendor_busy(failed: &[usize], lock_at: Option<usize>) -> CoreResult<()> {
    if lock_at.is_some_and(|at| failed.contains(&at)) {
        return Err(contact_busy());
    }
    Ok(())
}
