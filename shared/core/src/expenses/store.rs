//! How an expense becomes an item and back, in one place so every writer
//! builds the same index keys.

use uome_domain::AccountId;
use uome_domain::DocumentId;
use uuid::Uuid;

use super::model::Expense;
use crate::error::{CoreError, CoreResult};
use crate::keys::{
    DocType, document_date_sk, document_key, documents_by_date_pk, invoice_expenses_pk,
};
use crate::ports::{Index, IndexKey, Item, Key, Table};

/// The expense's key.
pub(super) fn expense_key(account_id: &AccountId, expense_id: &DocumentId) -> Key {
    document_key(account_id, DocType::Expense, expense_id)
}

/// gsi1 by date; gsi2 by invoice only when linked (the index is sparse, so
/// the attribute must be absent otherwise, never empty).
pub(super) fn table_item(account_id: &AccountId, expense: &Expense) -> CoreResult<Item> {
    let sk = document_date_sk(expense.date, &expense.id);
    let mut item = Item::new(expense_key(account_id, &expense.id), expense)?
        .with_version(expense.version)
        .with_index(
            Index::Gsi1,
            IndexKey::new(
                documents_by_date_pk(account_id, DocType::Expense),
                sk.clone(),
            ),
        );
    if let Some(invoice_id) = &expense.invoice_id {
        item = item.with_index(
            Index::Gsi2,
            IndexKey::new(invoice_expenses_pk(account_id, invoice_id), sk),
        );
    }
    Ok(item)
}

/// The expense in an item, with the item's version.
pub(super) fn from_item(item: &Item) -> CoreResult<Expense> {
    let mut expense: Expense = item.parse()?;
    expense.version = item.version;
    Ok(expense)
}

/// The expense of the account, or 404 (also for another account's: the key
/// is built under `account_id`, so it names nothing there).
pub async fn load_expense(
    table: &dyn Table,
    account_id: &AccountId,
    expense_id: &DocumentId,
) -> CoreResult<Expense> {
    let id = canonical_id(expense_id).ok_or(CoreError::NotFound)?;
    let item = table
        .get(&expense_key(account_id, &DocumentId::from(&id)))
        .await?
        .ok_or(CoreError::NotFound)?;
    from_item(&item)
}

/// Ids are UUIDs: the lower-case hyphenated form of one, or `None`, so an
/// id typed in upper case finds its item and no id can shape an odd key.
pub(super) fn canonical_id(id: &DocumentId) -> Option<String> {
    Uuid::try_parse(id.trim()).ok().map(|u| u.to_string())
}
