//! The invoice as the API answers it (API.md §7): the stored record, its
//! common document body flattened in, and the read-only figures derived
//! from it (`amount_due`, `is_overdue`).

use chrono::{DateTime, NaiveDate, Utc};
use serde::Serialize;
use uome_core::invoices::{Invoice, InvoiceSource, PaymentInstructions};
use uome_domain::format_amount;
use uome_http::ApiError;
use uome_http::documents::DocumentBodyView;
use utoipa::ToSchema;

/// What the client should quote when paying by bank transfer.
#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct PaymentInstructionsView {
    #[schema(example = "GB33BUKB20201555555555")]
    pub iban: Option<String>,
    #[schema(example = "INV-0001")]
    pub reference: Option<String>,
    #[schema(example = "POFICHBEXXX")]
    pub bic: Option<String>,
}

impl From<&PaymentInstructions> for PaymentInstructionsView {
    fn from(p: &PaymentInstructions) -> Self {
        PaymentInstructionsView {
            iban: p.iban.clone(),
            reference: p.reference.clone(),
            bic: p.bic.clone(),
        }
    }
}

/// An invoice.
#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct InvoiceView {
    pub id: String,
    #[schema(example = "INV-0001")]
    pub number: String,
    /// `draft, issued, partially_paid, paid, cancelled, credited`.
    #[schema(example = "issued")]
    pub status: String,
    pub due_date: NaiveDate,
    pub delivery_date: Option<NaiveDate>,
    pub payment_instructions: PaymentInstructionsView,
    #[schema(example = "0.00")]
    pub amount_paid: String,
    #[schema(example = "1140.20")]
    pub amount_due: String,
    /// What credit notes credited (API.md §7b).
    #[schema(example = "0.00")]
    pub credited_amount: String,
    pub credit_note_ids: Vec<String>,
    /// Open (issued or partially paid) and past its due date, today in the
    /// account's time zone.
    pub is_overdue: bool,
    pub dunning_level: u32,
    /// `api, quote, order, pos, recurring, import`.
    #[schema(example = "api")]
    pub source: String,
    pub source_id: Option<String>,
    pub issued_at: Option<DateTime<Utc>>,
    pub sent_at: Option<DateTime<Utc>>,
    pub paid_at: Option<DateTime<Utc>>,
    pub cancelled_at: Option<DateTime<Utc>>,
    pub cancel_reason: Option<String>,
    pub version: u64,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    #[serde(flatten)]
    pub body: DocumentBodyView,
}

impl uome_http::documents::DocumentView for InvoiceView {
    fn body_mut(&mut self) -> &mut DocumentBodyView {
        &mut self.body
    }
}

/// The API's name of a source.
pub fn source_name(source: InvoiceSource) -> &'static str {
    match source {
        InvoiceSource::Api => "api",
        InvoiceSource::Quote => "quote",
        InvoiceSource::Order => "order",
        InvoiceSource::Pos => "pos",
        InvoiceSource::Recurring => "recurring",
        InvoiceSource::Import => "import",
    }
}

/// The invoice as the API answers it; `today` (the account's) decides
/// `is_overdue`.
pub fn invoice_view(invoice: &Invoice, today: NaiveDate) -> Result<InvoiceView, ApiError> {
    let currency = invoice.body.currency();
    let amount_due = invoice.amount_due()?;
    Ok(InvoiceView {
        id: invoice.id.to_string(),
        number: invoice.number.clone(),
        status: invoice.status.as_str().to_string(),
        due_date: invoice.due_date,
        delivery_date: invoice.delivery_date,
        payment_instructions: invoice
            .payment_instructions
            .as_ref()
            .map(PaymentInstructionsView::from)
            .unwrap_or(PaymentInstructionsView {
                iban: None,
                reference: None,
                bic: None,
            }),
        amount_paid: format_amount(invoice.amount_paid, currency),
        amount_due: format_amount(amount_due, currency),
        credited_amount: format_amount(invoice.credit.credited_amount, currency),
        credit_note_ids: invoice.credit.credit_note_ids.clone(),
        is_overdue: invoice.is_overdue(today),
        dunning_level: invoice.dunning_level,
        source: source_name(invoice.source).to_string(),
        source_id: invoice.source_id.clone(),
        issued_at: invoice.issued_at,
        sent_at: invoice.sent_at,
        paid_at: invoice.paid_at,
        cancelled_at: invoice.cancelled_at,
        cancel_reason: invoice.cancel_reason.clone(),
        version: invoice.version,
        created_at: invoice.created_at,
        updated_at: invoice.updated_at,
        body: DocumentBodyView::from(&invoice.body),
    })
}
