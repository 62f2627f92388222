//! Request and response shapes of the sales (API.md §8 POS).

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use uome_core::credit_notes::CreditNote;
use uome_core::pos::{Sale, SaleInput, SaleRecorded, SaleRefund, SaleRefundInput, SaleRefunded};
use uome_domain::{Currency, Decimal, LineInput, TaxBreakdownEntry, format_amount};
use uome_http::documents::{
    ApprovedInvoiceView, CreditLineRequest, LineSchema, TaxBreakdownView, credit_lines,
};
use utoipa::{IntoParams, ToSchema};

/// `POST /v1/pos/sales`: what the till rang up and how it was paid.
#[derive(Clone, Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct SaleRequest {
    /// Up to 500 document lines (API.md §2): catalogue items (`item_id`)
    /// or free lines with a description and a price.
    #[serde(default, deserialize_with = "uome_domain::json_object::list")]
    #[schema(value_type = Vec<LineSchema>, min_items = 1, max_items = 500)]
    pub lines: Vec<LineInput>,
    /// ISO 4217; default the contact's currency, else the company's.
    #[serde(default)]
    pub currency: Option<String>,
    /// Prices are gross (tax included), as a shop's shelf prices usually
    /// are. Default false.
    #[serde(default)]
    pub prices_include_tax: Option<bool>,
    /// `cash`, `card` or `other`.
    #[schema(pattern = "^(cash|card|other)$", example = "cash")]
    pub payment_method: String,
    /// Cash only: what the customer handed over, at least the rounded
    /// total (default: exactly that). Card and other take the exact total.
    #[serde(default, with = "uome_domain::decimal_input::json_opt")]
    #[schema(value_type = Option<String>, format = "decimal", example = "20.00")]
    pub amount_tendered: Option<Decimal>,
    /// A customer of the account; absent for a walk-in customer.
    #[serde(default)]
    #[schema(format = Uuid)]
    pub contact_id: Option<String>,
    /// Emails the receipt there (the account's email must be verified).
    #[serde(default)]
    #[schema(format = "email", max_length = 254)]
    pub email_receipt_to: Option<String>,
}

impl SaleRequest {
    pub fn input(self) -> SaleInput {
        SaleInput {
            lines: self.lines,
            currency: self.currency,
            prices_include_tax: self.prices_include_tax.unwrap_or(false),
            payment_method: self.payment_method,
            amount_tendered: self.amount_tendered,
            contact_id: self.contact_id,
            email_receipt_to: self.email_receipt_to,
        }
    }
}

fn money(amount: Decimal, currency: Currency) -> String {
    format_amount(amount, currency)
}

fn tax_views(entries: &[TaxBreakdownEntry], currency: Currency) -> Vec<TaxBreakdownView> {
    entries
        .iter()
        .map(|entry| TaxBreakdownView::new(entry, currency))
        .collect()
}

/// A sale as the API shows it.
#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct SaleView {
    pub id: String,
    /// The receipt's number, which its invoice shares.
    #[schema(example = "RCT-0001")]
    pub receipt_number: String,
    pub invoice_id: String,
    #[schema(example = "CHF")]
    pub currency: String,
    /// `cash`, `card` or `other`.
    #[schema(example = "cash")]
    pub payment_method: String,
    /// The invoice's total, tax included.
    #[schema(example = "9.98")]
    pub total: String,
    #[schema(example = "0.26")]
    pub tax_amount: String,
    pub tax_breakdown: Vec<TaxBreakdownView>,
    /// What the customer paid: the total, cash-rounded for cash.
    #[schema(example = "10.00")]
    pub amount_paid: String,
    /// `amount_paid − total`, posted to 4900 Rounding.
    #[schema(example = "0.02")]
    pub rounding: String,
    #[schema(example = "10.00")]
    pub amount_tendered: String,
    #[schema(example = "0.00")]
    pub change_due: String,
    pub contact_id: Option<String>,
    pub email_receipt_to: Option<String>,
    /// Credited by refunds so far, and the money handed back.
    #[schema(example = "0.00")]
    pub refunded: String,
    #[schema(example = "0.00")]
    pub paid_back: String,
    /// The day of the sale in the account's time zone.
    pub date: NaiveDate,
    pub sold_at: DateTime<Utc>,
}

impl From<&Sale> for SaleView {
    fn from(sale: &Sale) -> Self {
        let c = sale.currency;
        Self {
            id: sale.id.clone(),
            receipt_number: sale.receipt_number.clone(),
            invoice_id: sale.invoice_id.clone(),
            currency: c.code().to_string(),
            payment_method: sale.payment_method.as_str().to_string(),
            total: money(sale.total, c),
            tax_amount: money(sale.tax_amount, c),
            tax_breakdown: tax_views(&sale.tax_breakdown, c),
            amount_paid: money(sale.amount_paid, c),
            rounding: money(sale.rounding, c),
            amount_tendered: money(sale.amount_tendered, c),
            change_due: money(sale.change_due, c),
            contact_id: sale.contact_id.clone(),
            email_receipt_to: sale.email_receipt_to.clone(),
            refunded: money(sale.refunded, c),
            paid_back: money(sale.paid_back, c),
            date: sale.local_date,
            sold_at: sale.sold_at,
        }
    }
}

/// A sale and its paid invoice (`POST` and `GET` of one sale).
#[derive(Debug, Serialize, ToSchema)]
pub struct SaleResponse {
    pub sale: SaleView,
    pub invoice: ApprovedInvoiceView,
    #[schema(example = "RCT-0001")]
    pub receipt_number: String,
    #[schema(example = "0.00")]
    pub change_due: String,
}

impl From<&SaleRecorded> for SaleResponse {
    fn from(recorded: &SaleRecorded) -> Self {
        let sale = SaleView::from(&recorded.sale);
        Self {
            receipt_number: sale.receipt_number.clone(),
            change_due: sale.change_due.clone(),
            invoice: ApprovedInvoiceView::from(&recorded.invoice),
            sale,
        }
    }
}

/// `POST /v1/pos/sales/{id}/refund`.
#[derive(Clone, Debug, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct SaleRefundRequest {
    /// Why (printed on the credit note).
    #[serde(default)]
    #[schema(required = true, max_length = 2000, example = "Returned unopened")]
    pub reason: Option<String>,
    /// The invoice lines to refund; default: everything not yet refunded.
    #[serde(default, deserialize_with = "uome_domain::json_object::option_list")]
    pub lines: Option<Vec<CreditLineRequest>>,
}

impl SaleRefundRequest {
    pub fn input(&self) -> SaleRefundInput {
        SaleRefundInput {
            lines: credit_lines(self.lines.as_deref()),
            reason: self.reason.clone(),
        }
    }
}

/// The credit note a refund wrote (`GET /v1/credit-notes/{id}` shows all).
#[derive(Debug, Serialize, ToSchema)]
pub struct RefundCreditNoteView {
    pub id: String,
    #[schema(example = "CN-0001")]
    pub number: String,
    #[schema(example = "10.24")]
    pub total: String,
    #[schema(example = "0.26")]
    pub tax_amount: String,
}

impl From<&CreditNote> for RefundCreditNoteView {
    fn from(note: &CreditNote) -> Self {
        let c = note.body.currency();
        Self {
            id: note.id.to_string(),
            number: note.number.clone(),
            total: money(note.body.total(), c),
            tax_amount: money(note.body.tax_amount(), c),
        }
    }
}

/// The money that went back.
#[derive(Debug, Serialize, ToSchema)]
pub struct TillRefundView {
    pub id: String,
    /// The credit note's total.
    #[schema(example = "10.24")]
    pub credited: String,
    /// Handed back: the credit, cash-rounded for cash.
    #[schema(example = "10.25")]
    pub paid_back: String,
    #[schema(example = "0.01")]
    pub rounding: String,
    #[schema(example = "cash")]
    pub payment_method: String,
    pub reason: String,
    /// The day of the refund in the account's time zone.
    pub date: NaiveDate,
    pub refunded_at: DateTime<Utc>,
}

impl From<&SaleRefund> for TillRefundView {
    fn from(refund: &SaleRefund) -> Self {
        let c = refund.currency;
        Self {
            id: refund.id.clone(),
            credited: money(refund.credited, c),
            paid_back: money(refund.paid_back, c),
            rounding: money(refund.rounding, c),
            payment_method: refund.payment_method.as_str().to_string(),
            reason: refund.reason.clone(),
            date: refund.local_date,
            refunded_at: refund.refunded_at,
        }
    }
}

/// `POST /v1/pos/sales/{id}/refund`: the sale after it, its credit note
/// and the money back.
#[derive(Debug, Serialize, ToSchema)]
pub struct SaleRefundResponse {
    pub sale: SaleView,
    pub credit_note: RefundCreditNoteView,
    pub refund: TillRefundView,
}

impl From<&SaleRefunded> for SaleRefundResponse {
    fn from(refunded: &SaleRefunded) -> Self {
        Self {
            sale: SaleView::from(&refunded.sale),
            credit_note: RefundCreditNoteView::from(&refunded.credit_note.document),
            refund: TillRefundView::from(&refunded.refund),
        }
    }
}

/// `GET /v1/pos/sales` (plus `limit` and `cursor`).
#[derive(Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct SaleListQuery {
    /// `YYYY-MM-DD` (1900–9999), a day in the account's time zone;
    /// absent or empty: today.
    #[param(value_type = Option<String>, pattern = r"^(|\d{4}-\d{2}-\d{2})$", example = "2026-12-05")]
    pub date: Option<String>,
    /// 1–200, default 50.
    pub limit: Option<u32>,
    /// The `next_cursor` of the previous page.
    pub cursor: Option<String>,
}
