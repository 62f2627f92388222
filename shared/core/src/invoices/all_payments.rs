//! `GET /v1/payments` (API.md §7b): every payment of the account, newest
//! first, on gsi1 (`ACCOUNT#<acc>#PAYMENTS`, `<date>#<id>`). The month
//! narrows the sort key; method, contact and invoice are applied to what
//! the Queries read, and a filtered page reads on until it is full
//! (`documents::page_fill`).

use uome_domain::AccountId;

use super::payments::{Payment, PaymentMethod};
use crate::documents::page_fill::{fill_page, read_size};
use crate::error::CoreResult;
use crate::keys::payments_by_date_pk;
use crate::ports::{Index, LastKey, Ports, Query, SortKey};

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct PaymentFilter {
    /// `YYYY-MM` of the payment's date.
    pub month: Option<(i32, u32)>,
    pub method: Option<PaymentMethod>,
    pub contact_id: Option<String>,
    pub invoice_id: Option<String>,
}

impl PaymentFilter {
    fn filtered(&self) -> bool {
        self.method.is_some() || self.contact_id.is_some() || self.invoice_id.is_some()
    }

    fn keeps(&self, payment: &Payment) -> bool {
        self.method.is_none_or(|m| payment.method == m)
            && self
                .contact_id
                .as_deref()
                .is_none_or(|c| payment.contact_id.as_deref() == Some(c))
            && self
                .invoice_id
                .as_deref()
                .is_none_or(|i| payment.invoice_id == i)
    }
}

/// One page of the account's payments, newest first.
pub async fn list_all_payments(
    ports: &Ports,
    account_id: &AccountId,
    filter: &PaymentFilter,
    limit: u32,
    after: Option<LastKey>,
) -> CoreResult<(Vec<Payment>, Option<LastKey>)> {
    let sk = match filter.month {
        Some((year, month)) => SortKey::BeginsWith(format!("{year:04}-{month:02}-")),
        None => SortKey::All,
    };
    let filtered = filter.filtered();
    let query = Query::partition(payments_by_date_pk(account_id), read_size(limit, filtered))
        .on(Index::Gsi1)
        .sk(sk)
        .backward()
        .after(after);
    let table = ports.table.as_ref();
    let first = table.query(&query).await?;
    fill_page(table, &query, first, limit, filtered, |item| {
        let payment: Payment = item.parse()?;
        Ok(filter.keeps(&payment).then_some(payment))
    })
    .await
}
