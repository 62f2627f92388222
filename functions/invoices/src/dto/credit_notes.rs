//! Credit notes (API.md §7b): the request to credit an invoice, refund and
//! apply requests, and the credit note as the API answers it.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use uome_core::credit_notes::{CreditNote, Refund};
use uome_domain::credit::CreditLine;
use uome_domain::{Decimal, format_amount};
use uome_http::documents::{CreditLineRequest, DocumentBodyView, credit_lines};
use utoipa::{IntoParams, ToSchema};

/// `POST /v1/invoices/{id}/credit-notes`.
#[derive(Clone, Debug, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CreditNoteRequest {
    /// Why the invoice is credited (printed on the credit note).
    #[serde(default)]
    #[schema(
        required = true,
        max_length = 2000,
        example = "One item returned damaged"
    )]
    pub reason: Option<String>,
    /// Default: every line still uncredited, at what is left of it.
    #[serde(default, deserialize_with = "uome_domain::json_object::option_list")]
    pub lines: Option<Vec<CreditLineRequest>>,
    /// Default today; not before the invoice's issue date.
    #[serde(default, with = "uome_domain::date::json_opt")]
    pub issue_date: Option<NaiveDate>,
}

impl CreditNoteRequest {
    pub fn lines(&self) -> Option<Vec<CreditLine>> {
        credit_lines(self.lines.as_deref())
    }
}

/// `POST /v1/credit-notes/{id}/refund`.
#[derive(Clone, Debug, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct RefundRequest {
    /// Default: all the open credit. A string or a JSON number.
    #[serde(default, with = "uome_domain::decimal_input::json_opt")]
    #[schema(value_type = Option<String>, format = "decimal-positive", example = "19.00")]
    pub amount: Option<Decimal>,
    /// `bank_transfer, card, cash, cheque, other`.
    #[serde(default)]
    #[schema(
        required = true,
        example = "bank_transfer",
        pattern = "^(bank_transfer|card|cash|cheque|other)$"
    )]
    pub method: Option<String>,
    /// Default today; not before the credit note, not in the future.
    #[serde(default, with = "uome_domain::date::json_opt")]
    pub date: Option<NaiveDate>,
    #[serde(default)]
    pub reference: Option<String>,
}

/// `POST /v1/credit-notes/{id}/apply`.
#[derive(Clone, Debug, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ApplyRequest {
    /// Another open invoice of the same contact and currency.
    #[serde(default)]
    #[schema(required = true, format = Uuid)]
    pub invoice_id: Option<String>,
    /// Default: as much as the open credit and the invoice's amount due allow.
    #[serde(default, with = "uome_domain::decimal_input::json_opt")]
    #[schema(value_type = Option<String>, format = "decimal-positive", example = "19.00")]
    pub amount: Option<Decimal>,
}

/// `POST /v1/invoices/{id}/payments/{payment_id}/reverse`.
#[derive(Clone, Debug, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ReverseRequest {
    #[serde(default)]
    #[schema(required = true, max_length = 2000, example = "Bounced cheque")]
    pub reason: Option<String>,
}

/// `GET /v1/credit-notes` filters.
#[derive(Clone, Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct CreditNoteListQuery {
    /// `YYYY-MM`: credit notes issued that month.
    #[param(example = "2026-11")]
    pub month: Option<String>,
    #[serde(default, deserialize_with = "uome_http::query_id::optional")]
    #[param(value_type = Option<uuid::Uuid>)]
    pub contact_id: Option<String>,
    /// The credit notes of one invoice.
    #[serde(default, deserialize_with = "uome_http::query_id::optional")]
    #[param(value_type = Option<uuid::Uuid>)]
    pub invoice_id: Option<String>,
    /// `lines`: each with its lines; otherwise summaries without.
    #[param(pattern = "^(|lines)$")]
    pub expand: Option<String>,
    /// 1–200, default 50.
    pub limit: Option<u32>,
    pub cursor: Option<String>,
}

/// Money paid back from a credit note.
#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct RefundView {
    pub id: String,
    #[schema(example = "19.00")]
    pub amount: String,
    pub date: NaiveDate,
    pub method: String,
    pub reference: Option<String>,
    pub ledger_id: String,
}

/// A credit note.
#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct CreditNoteView {
    pub id: String,
    #[schema(example = "CRN-0001")]
    pub number: String,
    /// Always `issued`.
    pub status: String,
    pub invoice_id: String,
    pub invoice_number: String,
    pub reason: String,
    /// What it took off the invoice's amount due.
    #[schema(example = "0.00")]
    pub credited_to_due: String,
    /// What exceeded the amount due: credit for the contact.
    #[schema(example = "59.50")]
    pub credit: String,
    pub refunded: String,
    pub applied: String,
    /// `credit − refunded − applied`.
    #[schema(example = "59.50")]
    pub open_credit: String,
    pub refunds: Vec<RefundView>,
    pub sent_at: Option<DateTime<Utc>>,
    pub version: u64,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    #[serde(flatten)]
    pub body: DocumentBodyView,
}

impl uome_http::documents::DocumentView for CreditNoteView {
    fn body_mut(&mut self) -> &mut DocumentBodyView {
        &mut self.body
    }
}

fn refund_view(r: &Refund, currency: uome_domain::Currency) -> RefundView {
    RefundView {
        id: r.id.clone(),
        amount: format_amount(r.amount, currency),
        date: r.date,
        method: r.method.as_str().to_string(),
        reference: r.reference.clone(),
        ledger_id: r.ledger_id.clone(),
    }
}

pub fn credit_note_view(note: &CreditNote) -> CreditNoteView {
    let currency = note.body.currency();
    let money = |v: Decimal| format_amount(v, currency);
    CreditNoteView {
        id: note.id.to_string(),
        number: note.number.clone(),
        status: "issued".to_string(),
        invoice_id: note.invoice_id.to_string(),
        invoice_number: note.invoice_number.clone(),
        reason: note.reason.clone(),
        credited_to_due: money(note.credited_to_due),
        credit: money(note.excess),
        refunded: money(note.refunded),
        applied: money(note.applied),
        open_credit: money(note.open_credit()),
        refunds: note
            .refunds
            .iter()
            .map(|r| refund_view(r, currency))
            .collect(),
        sent_at: note.sent_at,
        version: note.version,
        created_at: note.created_at,
        updated_at: note.updated_at,
        body: DocumentBodyView::from(&note.body),
    }
}
