//! Reading the till: one sale with its invoice, the receipt PDF, and a
//! day's sales in the order they were made.

use chrono::NaiveDate;
use uome_domain::{AccountId, DocumentId};

use super::receipt::receipt_pdf;
use super::record::{Sale, sale_key};
use super::sell::SaleRecorded;
use crate::account::load_company;
use crate::documents::{DocumentPdf, from_item};
use crate::error::{CoreError, CoreResult};
use crate::invoices::Invoice;
use crate::keys::{DocType, TillBook, document_key, till_day_prefix, till_pk};
use crate::ports::{Index, LastKey, Ports, Query, SortKey};

/// The sale `id` and its invoice: 404 unknown.
pub async fn get_sale(ports: &Ports, account_id: &AccountId, id: &str) -> CoreResult<SaleRecorded> {
    if uuid::Uuid::try_parse(id).is_err() {
        return Err(CoreError::NotFound);
    }
    let table = ports.table.as_ref();
    let item = table
        .get(&sale_key(account_id, id))
        .await?
        .ok_or(CoreError::NotFound)?;
    let mut sale: Sale = item.parse()?;
    sale.version = item.version;
    let invoice_id = DocumentId::from(sale.invoice_id.as_str());
    let invoice = table
        .get(&document_key(account_id, DocType::Invoice, &invoice_id))
        .await?
        .ok_or_else(|| CoreError::internal("a sale without its invoice"))?;
    let invoice: Invoice = from_item(&invoice)?;
    Ok(SaleRecorded { sale, invoice })
}

/// The receipt of the sale `id`, 80 mm wide.
pub async fn sale_receipt(
    ports: &Ports,
    account_id: &AccountId,
    id: &str,
) -> CoreResult<DocumentPdf> {
    let SaleRecorded { sale, invoice } = get_sale(ports, account_id, id).await?;
    let bytes = receipt_pdf(ports, account_id, &sale, &invoice).await?;
    Ok(DocumentPdf {
        number: sale.receipt_number,
        fallback_name: "receipt",
        bytes,
    })
}

/// One page of a day's sales.
#[derive(Clone, Debug)]
pub struct SalePage {
    /// The day listed (the one asked for, or today in the account's time
    /// zone).
    pub date: NaiveDate,
    pub sales: Vec<Sale>,
    pub next: Option<LastKey>,
}

/// Today in the account's time zone: the till's day.
pub async fn till_today(ports: &Ports, account_id: &AccountId) -> CoreResult<NaiveDate> {
    Ok(load_company(ports.table.as_ref(), account_id)
        .await?
        .today(ports.clock.now()))
}

/// The sales of `date` (default today in the account's time zone), in the
/// order they were made.
pub async fn list_sales(
    ports: &Ports,
    account_id: &AccountId,
    date: Option<NaiveDate>,
    limit: u32,
    start_after: Option<LastKey>,
) -> CoreResult<SalePage> {
    let date = match date {
        Some(date) => date,
        None => till_today(ports, account_id).await?,
    };
    let query = Query::partition(till_pk(account_id, TillBook::Sales), limit)
        .on(Index::Gsi1)
        .sk(SortKey::BeginsWith(till_day_prefix(date)))
        .after(start_after);
    let page = ports.table.query(&query).await?;
    let sales = page
        .items
        .iter()
        .map(|item| {
            let mut sale: Sale = item.parse()?;
            sale.version = item.version;
            Ok(sale)
        })
        .collect::<CoreResult<Vec<_>>>()?;
    Ok(SalePage {
        date,
        sales,
        next: page.next,
    })
}
