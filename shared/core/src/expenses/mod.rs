//! Expenses (API.md §7): money the business spent, optionally bought from a
//! vendor, re-billed on an invoice, and backed by an uploaded receipt.
//!
//! Storage (docs/storage.md, docs/expenses.md):
//! - the expense at `ACCOUNT#<acc>` / `EXPENSE#<id>`, in gsi1
//!   `ACCOUNT#<acc>#EXPENSE` / `<date>#<id>` (the account's expenses by
//!   date: a month is a `begins_with`, newest first a backward Query);
//! - when linked to an invoice, also in gsi2
//!   `ACCOUNT#<acc>#INVOICE_EXPENSES#<invoice>` / `<date>#<id>` (sparse), so
//!   an invoice's expenses are one Query;
//! - with a vendor, a `CONTACTREF#<vendor>#EXPENSE#<id>` row written in the
//!   expense's transaction, so the vendor cannot be deleted under it.
//!
//! A write is one batch read (the expense, the company for defaults, the
//! vendor, the invoice, the upload) and one transaction. Expenses post
//! nothing to the ledger yet: API.md only specifies invoice postings.

mod list;
mod model;
mod store;
mod validate;
mod write;

pub use list::{ExpenseFilter, ExpensePage, list_expenses, list_invoice_expenses};
pub use model::{Expense, ExpenseInput, MAX_AMOUNT, MAX_CATEGORY_CHARS, NumberInput};
pub use store::load_expense;
pub use write::{create_expense, delete_expense, get_expense, update_expense};
