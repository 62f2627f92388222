//! The small item every purchase order keeps beside itself: what the seed's
//! lists filter, sort, count and page on, and what the KPIs add up, so a
//! list reads summaries of about 300 bytes instead of whole orders
//! (docs/purchase-orders.md has the costs).
//!
//! `ACCOUNT#<acc>#POINDEX` / `<id>`, and on gsi1 under its vendor
//! (`ACCOUNT#<acc>#POINDEX#VENDOR#<vendor>` / `<issue date>#<id>`). It is
//! written, unconditionally, in the same transaction as every write of its
//! order, so it never disagrees with it.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use uome_domain::purchase_order_state::PurchaseOrderStatus;
use uome_domain::{AccountId, Currency, Decimal, decimal_string};

use super::record::PurchaseOrder;
use crate::error::CoreResult;
use crate::keys::{document_date_sk, purchase_order_index_pk, vendor_purchase_orders_pk};
use crate::ports::{Condition, Index, IndexKey, Item, Key, Write};

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PurchaseOrderSummary {
    pub id: String,
    pub status: PurchaseOrderStatus,
    pub vendor_id: String,
    pub currency: Currency,
    pub issue_date: NaiveDate,
    #[serde(default)]
    pub due_date: Option<NaiveDate>,
    #[serde(with = "decimal_string")]
    pub total: Decimal,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    #[serde(default)]
    pub cancelled_at: Option<DateTime<Utc>>,
    /// The bill's total, paid amount, dates: the KPIs' inputs.
    #[serde(default, with = "decimal_string::option")]
    pub bill_total: Option<Decimal>,
    #[serde(default, with = "decimal_string")]
    pub bill_paid: Decimal,
    #[serde(default)]
    pub bill_issue_date: Option<NaiveDate>,
    #[serde(default)]
    pub bill_due_date: Option<NaiveDate>,
}

impl From<&PurchaseOrder> for PurchaseOrderSummary {
    fn from(po: &PurchaseOrder) -> Self {
        Self {
            id: po.id.to_string(),
            status: po.status,
            vendor_id: po.body.contact_id.to_string(),
            currency: po.body.currency(),
            issue_date: po.body.issue_date,
            due_date: po.due_date,
            total: po.body.total(),
            created_at: po.created_at,
            updated_at: po.updated_at,
            cancelled_at: po.cancelled_at,
            bill_total: po.bill.as_ref().map(|b| b.total),
            bill_paid: po.bill.as_ref().map_or(Decimal::ZERO, |b| b.paid),
            bill_issue_date: po.bill.as_ref().map(|b| b.issue_date),
            bill_due_date: po.bill.as_ref().map(|b| b.due_date),
        }
    }
}

/// The summary's key.
pub fn summary_key(account_id: &AccountId, id: &str) -> Key {
    Key::new(purchase_order_index_pk(account_id), id)
}

/// The put of `po`'s summary, for the order's own transaction.
pub(crate) fn summary_write(account_id: &AccountId, po: &PurchaseOrder) -> CoreResult<Write> {
    let summary = PurchaseOrderSummary::from(po);
    let item = Item::new(summary_key(account_id, &summary.id), &summary)?
        .with_index(
            Index::Gsi1,
            IndexKey::new(
                vendor_purchase_orders_pk(account_id, &summary.vendor_id),
                document_date_sk(summary.issue_date, &po.id),
            ),
        )
        .with_version(1);
    Ok(Write::Put {
        item,
        condition: Condition::None,
    })
}
