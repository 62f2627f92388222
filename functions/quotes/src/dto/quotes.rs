//! Request and response shapes of the quote routes (API.md §6, §10).

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use uome_core::quotes::{Approved, QuoteAt, QuoteInput};
use uome_http::documents::{ApprovedInvoiceView, DocumentBodyView};
use utoipa::{IntoParams, ToSchema};

uome_http::document_request!(
    /// A quote as the client writes it (create, and `PUT` as a full
    /// replace; on `PUT` an absent `issue_date` keeps the quote's).
    QuoteRequest {
        /// The last day the client may approve (`YYYY-MM-DD`, not before
        /// `issue_date`); absent: the quote never expires. Alias
        /// `valid_until_date` (AbaNinja).
        #[serde(default, alias = "valid_until_date", with = "uome_domain::date::json_opt")]
        pub valid_until: Option<NaiveDate>,
    }
);

impl QuoteRequest {
    pub fn input(&self) -> QuoteInput {
        QuoteInput {
            draft: self.draft(),
            valid_until: self.valid_until,
        }
    }
}

/// A quote as the API shows it.
#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct QuoteView {
    pub id: String,
    #[schema(example = "QUO-0001")]
    pub number: String,
    /// `draft`, `sent`, `approved`, `rejected`, or `expired` (a draft or
    /// sent quote read after `valid_until`, today in the account's time
    /// zone).
    #[schema(example = "draft")]
    pub status: String,
    pub valid_until: Option<NaiveDate>,
    /// The invoice its approval created.
    pub invoice_id: Option<String>,
    pub rejection_reason: Option<String>,
    pub sent_at: Option<DateTime<Utc>>,
    pub approved_at: Option<DateTime<Utc>>,
    pub rejected_at: Option<DateTime<Utc>>,
    /// When the last one-off reminder went out.
    pub last_reminded_at: Option<DateTime<Utc>>,
    pub version: u64,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    #[serde(flatten)]
    pub body: DocumentBodyView,
}

impl uome_http::documents::DocumentView for QuoteView {
    fn body_mut(&mut self) -> &mut uome_http::documents::DocumentBodyView {
        &mut self.body
    }
}

impl From<&QuoteAt> for QuoteView {
    fn from(at: &QuoteAt) -> Self {
        let q = &at.document;
        Self {
            id: q.id.to_string(),
            number: q.number.clone(),
            status: at.status().as_str().to_string(),
            valid_until: q.valid_until,
            invoice_id: q.invoice_id.clone(),
            rejection_reason: q.rejection_reason.clone(),
            sent_at: q.sent_at,
            approved_at: q.approved_at,
            rejected_at: q.rejected_at,
            last_reminded_at: q.last_reminded_at,
            version: q.version,
            created_at: q.created_at,
            updated_at: q.updated_at,
            body: DocumentBodyView::from(&q.body),
        }
    }
}

/// `POST /v1/quotes/{id}/approve`: the approved quote and its invoice.
#[derive(Debug, Serialize, ToSchema)]
pub struct ApproveResponse {
    pub quote: QuoteView,
    pub invoice: ApprovedInvoiceView,
}

impl From<&Approved> for ApproveResponse {
    fn from(approved: &Approved) -> Self {
        Self {
            quote: QuoteView::from(&approved.quote),
            invoice: ApprovedInvoiceView::from(&approved.invoice),
        }
    }
}

/// `GET /v1/quotes` filters (plus `limit` and `cursor`).
#[derive(Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ListQuery {
    /// `YYYY-MM`: quotes issued that month.
    pub month: Option<String>,
    /// `draft`, `sent`, `approved`, `rejected` or `expired`.
    #[param(pattern = "^(|draft|sent|approved|rejected|expired)$")]
    pub status: Option<String>,
    /// Quotes of this contact.
    #[serde(default, deserialize_with = "uome_http::query_id::optional")]
    #[param(value_type = Option<uuid::Uuid>)]
    pub contact_id: Option<String>,
    /// `lines`: each quote with its lines; otherwise summaries without.
    #[param(pattern = "^(|lines)$")]
    pub expand: Option<String>,
    /// 1–200, default 50.
    pub limit: Option<u32>,
    /// The `next_cursor` of the previous page.
    pub cursor: Option<String>,
}

/// `GET /v1/portal/quotes` filters (plus `limit` and `cursor`).
#[derive(Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct PortalListQuery {
    /// `sent`, `approved`, `rejected` or `expired`.
    #[param(pattern = "^(|sent|approved|rejected|expired)$")]
    pub status: Option<String>,
    /// `lines`: each quote with its lines; otherwise summaries without.
    #[param(pattern = "^(|lines)$")]
    pub expand: Option<String>,
    /// 1–200, default 50.
    pub limit: Option<u32>,
    /// The `next_cursor` of the previous page.
    pub cursor: Option<String>,
}
