//! Reading one invoice, and "today" as the account sees it.

use chrono::NaiveDate;
use uome_domain::AccountId;
use uome_domain::DocumentId;

use super::record::Invoice;
use crate::account::load_company;
use crate::documents::{Viewer, load};
use crate::error::CoreResult;
use crate::ports::{Ports, Table};

/// The account's invoice `id`; 404 when it has none (another account's id
/// included: the key is under this account's partition).
pub async fn load_invoice(
    table: &dyn Table,
    account_id: &AccountId,
    id: &DocumentId,
) -> CoreResult<Invoice> {
    load::load(table, account_id, id, Viewer::Business).await
}

/// Today in the account's time zone: due dates and overdue flags are
/// calendar dates where the business is, not in UTC.
pub async fn today(ports: &Ports, account_id: &AccountId) -> CoreResult<NaiveDate> {
    let company = load_company(ports.table.as_ref(), account_id).await?;
    Ok(company.today(ports.clock.now()))
}
