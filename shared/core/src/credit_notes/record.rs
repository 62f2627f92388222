//! The stored credit note.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use uome_domain::{Decimal, DocumentId, decimal_string};

use crate::documents::DocumentBody;
use crate::invoices::payments::PaymentMethod;

/// `ACCOUNT#<acc>` / `CREDITNOTE#<id>`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CreditNote {
    pub id: DocumentId,
    pub number: String,
    /// The credited lines and their totals, computed like the invoice's.
    pub body: DocumentBody,
    pub invoice_id: DocumentId,
    pub invoice_number: String,
    pub reason: String,
    /// What it took off the invoice's amount due.
    #[serde(with = "decimal_string")]
    pub credited_to_due: Decimal,
    /// What exceeded the amount due: credit the contact holds.
    #[serde(with = "decimal_string")]
    pub excess: Decimal,
    #[serde(default, with = "decimal_string")]
    pub refunded: Decimal,
    #[serde(default, with = "decimal_string")]
    pub applied: Decimal,
    #[serde(default)]
    pub refunds: Vec<Refund>,
    #[serde(default)]
    pub sent_at: Option<DateTime<Utc>>,
    #[serde(default)]
    pub last_reminded_at: Option<DateTime<Utc>>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    #[serde(skip)]
    pub version: u64,
}

impl CreditNote {
    /// Credit still open: the excess less what was refunded or applied.
    pub fn open_credit(&self) -> Decimal {
        self.excess - self.refunded - self.applied
    }
}

/// Money paid back from a credit note.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Refund {
    pub id: String,
    #[serde(with = "decimal_string")]
    pub amount: Decimal,
    pub date: NaiveDate,
    pub method: PaymentMethod,
    #[serde(default)]
    pub reference: Option<String>,
    pub ledger_id: String,
    pub created_at: DateTime<Utc>,
}

/// Refunds one credit note takes: its record stays one small item.
pub const MAX_REFUNDS: usize = 100;
