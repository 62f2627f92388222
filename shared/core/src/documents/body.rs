//! The stored part every sales document shares.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use uome_domain::ContactId;
use uome_domain::Decimal;
use uome_domain::{Currency, DocumentInput, DocumentTotals};

use super::recipient::Recipient;

/// Contact, dates, texts, the money-relevant input (lines, discounts,
/// currency) exactly as validated, and the totals the domain computed from
/// it. Nested (not flattened) in each document's record: the decimal
/// fields of [`DocumentInput`] deserialize exactly only outside
/// `#[serde(flatten)]`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DocumentBody {
    pub contact_id: ContactId,
    /// The contact's display name when the document was written, so lists
    /// and PDFs need no second read.
    pub contact_name: String,
    pub issue_date: NaiveDate,
    #[serde(default)]
    pub reference: Option<String>,
    #[serde(default)]
    pub title: Option<String>,
    #[serde(default)]
    pub notes: Option<String>,
    #[serde(default)]
    pub terms: Option<String>,
    #[serde(default)]
    pub footer: Option<String>,
    /// The customer's purchase order reference (BT-13).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub purchase_order_number: Option<String>,
    /// Up to four texts shown under `settings.custom_field_labels`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub custom_fields: Vec<Option<String>>,
    /// Addresses and persons chosen within the contact, with snapshots.
    #[serde(default, skip_serializing_if = "Recipient::is_empty")]
    pub recipient: Recipient,
    pub input: DocumentInput,
    pub totals: DocumentTotals,
    /// Uploads (purpose `attachment`) its email carries beside the PDF.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub attachment_ids: Vec<String>,
}

impl DocumentBody {
    pub fn currency(&self) -> Currency {
        self.input.currency
    }

    pub fn total(&self) -> Decimal {
        self.totals.total
    }

    pub fn tax_amount(&self) -> Decimal {
        self.totals.tax_amount
    }
}
