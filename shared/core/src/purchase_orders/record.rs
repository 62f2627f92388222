//! The stored purchase order: the shared document body (vendor, currency,
//! dates, item lines and the domain's totals) and what is its own: the
//! seed's per-line data, what was received, the supplier's bill and its
//! payments, and the dates the KPIs report.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use uome_domain::purchase_order_state::PurchaseOrderStatus;
use uome_domain::{Decimal, DocumentId, decimal_string};

use crate::documents::DocumentBody;
use crate::invoices::payments::PaymentMethod;

/// A name/value pair the business keeps on the order (seed 002).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CustomAttribute {
    pub name: String,
    pub value: String,
}

/// The catalogue's purchase price when the line was ordered (the seed's
/// `item_price_snapshot.pricing_rule`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PriceSnapshot {
    #[serde(with = "decimal_string")]
    pub price: Decimal,
    #[serde(default)]
    pub unit: Option<String>,
    /// The item's version the price was read at.
    pub item_version: u64,
}

/// What a line has beyond the body's line at the same index.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PurchaseLine {
    pub uuid: String,
    /// Bumped each time the line changes (a receipt, an edit).
    pub version: u64,
    #[serde(default)]
    pub item_id: Option<String>,
    #[serde(default)]
    pub price_snapshot: Option<PriceSnapshot>,
    pub tax_exempt: bool,
    #[serde(default)]
    pub note: Option<String>,
    /// The ledger account code its cost belongs to (the seed's
    /// `item_accounting_code.cost_of_goods_sold`).
    #[serde(default)]
    pub cost_of_goods_sold: Option<String>,
    #[serde(with = "decimal_string")]
    pub received: Decimal,
}

/// One payment of the bill.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct BillPayment {
    pub id: String,
    #[serde(with = "decimal_string")]
    pub amount: Decimal,
    pub date: NaiveDate,
    pub method: PaymentMethod,
    pub ledger_id: String,
    pub created_at: DateTime<Utc>,
}

/// The supplier's bill for the order.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Bill {
    pub supplier_invoice_id: String,
    pub issue_date: NaiveDate,
    pub due_date: NaiveDate,
    #[serde(with = "decimal_string")]
    pub total: Decimal,
    /// Input tax: the order's share (`uome_domain::ledger::bill_tax`).
    #[serde(with = "decimal_string")]
    pub tax: Decimal,
    #[serde(with = "decimal_string")]
    pub paid: Decimal,
    #[serde(default)]
    pub payments: Vec<BillPayment>,
    pub ledger_id: String,
    pub booked_at: DateTime<Utc>,
}

impl Bill {
    pub fn outstanding(&self) -> Decimal {
        self.total - self.paid
    }
}

/// `ACCOUNT#<acc>` / `PURCHASEORDER#<id>`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PurchaseOrder {
    pub id: DocumentId,
    pub number: String,
    pub status: PurchaseOrderStatus,
    /// `contact_id` is the vendor (the seed's `account_id`); `notes` the
    /// `purchase_order_note`; the input's `prices_include_tax` the
    /// `price_tax_inclusive`.
    pub body: DocumentBody,
    /// `lines[i]` goes with `body.input.lines[i]`.
    pub lines: Vec<PurchaseLine>,
    #[serde(default)]
    pub due_date: Option<NaiveDate>,
    #[serde(default)]
    pub expected_completion_date: Option<NaiveDate>,
    #[serde(default)]
    pub supplier_invoice_id: Option<String>,
    #[serde(default)]
    pub custom_attributes: Vec<CustomAttribute>,
    #[serde(default)]
    pub bill: Option<Bill>,
    pub created_by: String,
    pub last_updated_by: String,
    #[serde(default)]
    pub issued_at: Option<DateTime<Utc>>,
    #[serde(default)]
    pub cancelled_at: Option<DateTime<Utc>>,
    #[serde(default)]
    pub last_reminded_at: Option<DateTime<Utc>>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    #[serde(skip)]
    pub version: u64,
}
