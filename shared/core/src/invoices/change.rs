//! A change of one invoice that needs no other item: read, apply, write
//! back with `VersionEquals`; a lost race reads again and re-applies, so
//! the rules are always checked against the invoice as it now is.

use chrono::{DateTime, NaiveDate, Utc};

use super::read::{InvoiceAt, load_invoice_at};
use super::record::{Invoice, invoice_item};
use super::viewer::Viewer;
use crate::documents::{MAX_ATTEMPTS, too_much_contention};
use crate::error::CoreResult;
use crate::ports::{Condition, Ports, TableError};

/// Applies `apply(invoice, today, now)` and stores the result at the next
/// version. `first` is a read the caller already made (tried first, so the
/// common case costs no second read). `apply` refusing (an `Err`) writes
/// nothing.
pub(crate) async fn change_invoice<F>(
    ports: &Ports,
    account_id: &str,
    id: &str,
    mut first: Option<InvoiceAt>,
    mut apply: F,
) -> CoreResult<InvoiceAt>
where
    F: FnMut(&mut Invoice, NaiveDate, DateTime<Utc>) -> CoreResult<()>,
{
    for _ in 0..MAX_ATTEMPTS {
        let at = match first.take() {
            Some(at) => at,
            None => load_invoice_at(ports, account_id, id, Viewer::Business).await?,
        };
        let now = ports.clock.now();
        let old = at.invoice.version;
        let mut invoice = at.invoice;
        apply(&mut invoice, at.today, now)?;
        invoice.updated_at = now;
        invoice.version = old + 1;
        let item = invoice_item(account_id, &invoice, invoice.version)?;
        match ports.table.put(item, Condition::VersionEquals(old)).await {
            Ok(()) => {
                return Ok(InvoiceAt {
                    invoice,
                    today: at.today,
                });
            }
            // Changed (or deleted) since read: read again; a deleted
            // invoice then answers 404.
            Err(TableError::ConditionFailed | TableError::Contention { .. }) => continue,
            Err(other) => return Err(other.into()),
        }
    }
    Err(too_much_contention())
}
