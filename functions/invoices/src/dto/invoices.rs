//! Request and query shapes of the invoice routes (the response is
//! [`InvoiceView`](super::view::InvoiceView)). Request bodies are declared
//! with `uome_http::document_request!` so every common draft field parses
//! exactly (never through `#[serde(flatten)]`).

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use uome_core::invoices::{InvoiceInput, PaymentInstructions};
use utoipa::{IntoParams, ToSchema};

/// What the client should quote when paying; each field defaults on its
/// own (`iban`: the account's bank IBAN, `reference`: the number).
#[derive(Clone, Debug, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PaymentInstructionsRequest {
    #[serde(default)]
    #[schema(example = "GB33BUKB20201555555555")]
    pub iban: Option<String>,
    #[serde(default)]
    #[schema(example = "INV-0001")]
    pub reference: Option<String>,
    /// The bank's BIC for `iban` (BT-86): 8 or 11 letters and digits
    /// (institution, country, location, optional branch), any case.
    #[serde(default)]
    #[schema(example = "POFICHBEXXX")]
    pub bic: Option<String>,
}

impl From<PaymentInstructionsRequest> for PaymentInstructions {
    fn from(p: PaymentInstructionsRequest) -> Self {
        PaymentInstructions {
            iban: p.iban,
            reference: p.reference,
            bic: p.bic,
        }
    }
}

uome_http::document_request!(
    /// A new invoice: the common draft fields plus the invoice's own.
    CreateInvoiceRequest {
        /// Default: issue date + the contact's payment terms, else the
        /// account's. Never before the issue date.
        #[serde(default, with = "uome_domain::date::json_opt")]
        pub due_date: Option<NaiveDate>,
        #[serde(default, with = "uome_domain::date::json_opt")]
        pub delivery_date: Option<NaiveDate>,
        #[serde(default, deserialize_with = "uome_domain::json_object::option")]
        pub payment_instructions: Option<PaymentInstructionsRequest>,
        /// `draft` (default) or `issued` (posts the ledger at once).
        #[serde(default)]
        #[schema(example = "draft")]
        pub status: Option<String>,
    }
);

uome_http::document_request!(
    /// A draft invoice replaced whole (`PUT`): absent optional fields take
    /// their defaults again.
    InvoiceRequest {
        #[serde(default, with = "uome_domain::date::json_opt")]
        pub due_date: Option<NaiveDate>,
        #[serde(default, with = "uome_domain::date::json_opt")]
        pub delivery_date: Option<NaiveDate>,
        #[serde(default, deserialize_with = "uome_domain::json_object::option")]
        pub payment_instructions: Option<PaymentInstructionsRequest>,
    }
);

impl CreateInvoiceRequest {
    pub fn input(&self) -> InvoiceInput {
        InvoiceInput {
            draft: self.draft(),
            due_date: self.due_date,
            delivery_date: self.delivery_date,
            payment_instructions: self.payment_instructions.clone().map(Into::into),
        }
    }
}

impl InvoiceRequest {
    pub fn input(&self) -> InvoiceInput {
        InvoiceInput {
            draft: self.draft(),
            due_date: self.due_date,
            delivery_date: self.delivery_date,
            payment_instructions: self.payment_instructions.clone().map(Into::into),
        }
    }
}

/// `GET /v1/invoices` filters.
#[derive(Clone, Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ListQuery {
    /// `YYYY-MM`: invoices issued that month.
    #[param(example = "2026-11")]
    pub month: Option<String>,
    /// `draft, issued, partially_paid, paid, cancelled, credited`.
    #[param(pattern = "^(|draft|issued|partially_paid|paid|cancelled|credited)$")]
    pub status: Option<String>,
    /// One contact's invoices.
    #[serde(default, deserialize_with = "uome_http::query_id::optional")]
    #[param(value_type = Option<uuid::Uuid>)]
    pub contact_id: Option<String>,
    /// `true`: only open invoices past their due date.
    pub overdue: Option<bool>,
    /// `lines`: each invoice with its lines; otherwise summaries without.
    #[param(pattern = "^(|lines)$")]
    pub expand: Option<String>,
    /// 1–200, default 50.
    pub limit: Option<u32>,
    /// `next_cursor` of the previous page.
    pub cursor: Option<String>,
}

/// `GET /v1/portal/invoices` filters.
#[derive(Clone, Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct PortalListQuery {
    /// `YYYY-MM`: invoices issued that month.
    pub month: Option<String>,
    /// `issued, partially_paid, paid, cancelled, credited`.
    #[param(pattern = "^(|issued|partially_paid|paid|cancelled|credited)$")]
    pub status: Option<String>,
    /// `true`: only open invoices past their due date.
    pub overdue: Option<bool>,
    /// `lines`: each invoice with its lines; otherwise summaries without.
    #[param(pattern = "^(|lines)$")]
    pub expand: Option<String>,
    /// 1–200, default 50.
    pub limit: Option<u32>,
    pub cursor: Option<String>,
}

/// The answer to an address request.
#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct AddressRequestView {
    pub invoice_id: String,
    pub contact_id: String,
    /// The contact's email address the request went to.
    #[schema(example = "accounts@client.example")]
    pub sent_to: String,
    pub sent_at: DateTime<Utc>,
}
