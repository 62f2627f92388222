//! The invoice a quote's or an order's approval created, as the approval
//! answers it beside its source.

use chrono::{DateTime, NaiveDate, Utc};
use serde::Serialize;
use uome_core::invoices::record::{Invoice, InvoiceSource};
use uome_domain::format_amount;
use utoipa::ToSchema;

use super::DocumentBodyView;

/// The invoice an approval created: a draft from a quote, issued from an
/// order (the invoice routes show all of it).
#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct ApprovedInvoiceView {
    pub id: String,
    #[schema(example = "INV-0001")]
    pub number: String,
    #[schema(example = "draft")]
    pub status: String,
    #[schema(example = "quote")]
    pub source: String,
    /// The quote's or order's id.
    pub source_id: Option<String>,
    pub due_date: NaiveDate,
    #[schema(example = "0.00")]
    pub amount_paid: String,
    #[schema(example = "1140.20")]
    pub amount_due: String,
    pub version: u64,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    #[serde(flatten)]
    pub body: DocumentBodyView,
}

fn source_name(source: InvoiceSource) -> String {
    serde_json::to_value(source)
        .ok()
        .and_then(|v| v.as_str().map(str::to_string))
        .unwrap_or_default()
}

impl From<&Invoice> for ApprovedInvoiceView {
    fn from(invoice: &Invoice) -> Self {
        let currency = invoice.body.currency();
        let due = invoice
            .amount_due()
            .unwrap_or(invoice.body.total() - invoice.amount_paid);
        Self {
            id: invoice.id.to_string(),
            number: invoice.number.clone(),
            status: invoice.status.as_str().to_string(),
            source: source_name(invoice.source),
            source_id: invoice.source_id.clone(),
            due_date: invoice.due_date,
            amount_paid: format_amount(invoice.amount_paid, currency),
            amount_due: format_amount(due, currency),
            version: invoice.version,
            created_at: invoice.created_at,
            updated_at: invoice.updated_at,
            body: DocumentBodyView::from(&invoice.body),
        }
    }
}
