//! A change of one quote that needs no other item: read, apply, write
//! back with `VersionEquals`; a lost race reads again and re-applies, so
//! the rules are always checked against the quote as it now is.

use chrono::{DateTime, NaiveDate, Utc};

use super::QuoteAt;
use super::read::load_quote_at;
use super::record::{Quote, quote_item};
use super::viewer::Viewer;
use crate::documents::{MAX_ATTEMPTS, too_much_contention};
use crate::error::CoreResult;
use crate::ports::{Condition, Ports, TableError};

/// Applies `apply(quote, today, now)` and stores the result at the next
/// version. `first` is a read the caller already made (tried first, so
/// the common case costs no second read). `apply` refusing (an `Err`)
/// writes nothing.
pub(crate) async fn change_quote<F>(
    ports: &Ports,
    account_id: &str,
    id: &str,
    viewer: Viewer<'_>,
    mut first: Option<QuoteAt>,
    mut apply: F,
) -> CoreResult<QuoteAt>
where
    F: FnMut(&mut Quote, NaiveDate, DateTime<Utc>) -> CoreResult<()>,
{
    for _ in 0..MAX_ATTEMPTS {
        let at = match first.take() {
            Some(at) => at,
            None => load_quote_at(ports, account_id, id, viewer).await?,
        };
        let now = ports.clock.now();
        let old = at.quote.version;
        let mut quote = at.quote;
        apply(&mut quote, at.today, now)?;
        quote.updated_at = now;
        quote.version = old + 1;
        let item = quote_item(account_id, &quote, quote.version)?;
        match ports.table.put(item, Condition::VersionEquals(old)).await {
            Ok(()) => {
                return Ok(QuoteAt {
                    quote,
                    today: at.today,
                });
            }
            // Changed (or deleted) since read: read again; a deleted quote
            // then answers 404.
            Err(TableError::ConditionFailed | TableError::Contention { .. }) => continue,
            Err(other) => return Err(other.into()),
        }
    }
    Err(too_much_contention())
}
