//! The stored sale and refund: what the till needs to answer lists, the
//! receipt and the day's summary without reading the invoices again.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use uome_domain::{Currency, Decimal, TaxBreakdownEntry, decimal_string};

use crate::error::CoreResult;
use crate::invoices::payments::PaymentMethod;
use crate::keys::{TillBook, account_item, sale_refund_key, till_pk, till_sk};
use crate::ports::{Index, IndexKey, Item, Key};
use uome_domain::AccountId;

/// `ACCOUNT#<acc>` / `SALE#<id>`, in gsi1 under the till's day book.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Sale {
    pub id: String,
    /// `RCT-0001`: the receipt's number, which its paid invoice shares.
    pub receipt_number: String,
    pub invoice_id: String,
    pub currency: Currency,
    pub payment_method: PaymentMethod,
    /// The invoice's total.
    #[serde(with = "decimal_string")]
    pub total: Decimal,
    /// Tax by rate, as the invoice computed it.
    pub tax_breakdown: Vec<TaxBreakdownEntry>,
    #[serde(with = "decimal_string")]
    pub tax_amount: Decimal,
    /// What the customer paid: the total, cash-rounded for cash.
    #[serde(with = "decimal_string")]
    pub amount_paid: Decimal,
    /// `amount_paid − total`, posted to 4900 Rounding.
    #[serde(with = "decimal_string")]
    pub rounding: Decimal,
    #[serde(with = "decimal_string")]
    pub amount_tendered: Decimal,
    #[serde(with = "decimal_string")]
    pub change_due: Decimal,
    #[serde(default)]
    pub contact_id: Option<String>,
    #[serde(default)]
    pub email_receipt_to: Option<String>,
    /// Credited by refunds, and paid back (cash-rounded for cash).
    #[serde(default, with = "decimal_string")]
    pub refunded: Decimal,
    #[serde(default, with = "decimal_string")]
    pub paid_back: Decimal,
    #[serde(default)]
    pub refund_ids: Vec<String>,
    /// The day of the sale in the account's time zone.
    pub local_date: NaiveDate,
    pub sold_at: DateTime<Utc>,
    #[serde(skip)]
    pub version: u64,
}

/// `ACCOUNT#<acc>` / `SALEREFUND#<sale>#<id>`, in the day book of the day
/// it was made: money back is the refund day's, whatever day the sale was.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SaleRefund {
    pub id: String,
    pub sale_id: String,
    pub receipt_number: String,
    pub credit_note_id: String,
    pub credit_note_number: String,
    pub currency: Currency,
    pub payment_method: PaymentMethod,
    /// The credit note's total.
    #[serde(with = "decimal_string")]
    pub credited: Decimal,
    /// Its tax by rate.
    pub tax_breakdown: Vec<TaxBreakdownEntry>,
    /// Money handed back (the credit, cash-rounded for cash).
    #[serde(with = "decimal_string")]
    pub paid_back: Decimal,
    #[serde(with = "decimal_string")]
    pub rounding: Decimal,
    pub reason: String,
    pub local_date: NaiveDate,
    pub refunded_at: DateTime<Utc>,
}

/// The sale's key.
pub fn sale_key(account_id: &AccountId, id: &str) -> Key {
    account_item(account_id, format!("SALE#{id}"))
}

/// The sale as an item at `version`, in the day book.
pub(crate) fn sale_item(account_id: &AccountId, sale: &Sale, version: u64) -> CoreResult<Item> {
    Ok(Item::new(sale_key(account_id, &sale.id), sale)?
        .with_index(
            Index::Gsi1,
            IndexKey::new(
                till_pk(account_id, TillBook::Sales),
                till_sk(sale.local_date, sale.sold_at, "SALE", &sale.id),
            ),
        )
        .with_version(version))
}

/// The refund as an item, in the day book.
pub(crate) fn refund_item(account_id: &AccountId, refund: &SaleRefund) -> CoreResult<Item> {
    Ok(Item::new(
        sale_refund_key(account_id, &refund.sale_id, &refund.id),
        refund,
    )?
    .with_index(
        Index::Gsi1,
        IndexKey::new(
            till_pk(account_id, TillBook::Refunds),
            till_sk(refund.local_date, refund.refunded_at, "REFUND", &refund.id),
        ),
    )
    .with_version(1))
}
