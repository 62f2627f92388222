//! Request and response shapes of the recurring-invoice routes.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use uome_core::recurring::{RecurringInput, RecurringInvoice};
use uome_http::documents::DocumentBodyView;
use utoipa::{IntoParams, ToSchema};

uome_http::document_request!(
    /// A recurring invoice as a client writes it: the invoice draft (its
    /// `issue_date`, if sent, must equal `start_date`: each generated
    /// invoice is dated its run) plus the schedule.
    RecurringInvoiceRequest {
        /// `weekly`, `monthly`, `quarterly` or `yearly`; required.
        #[serde(default)]
        #[schema(example = "monthly")]
        pub frequency: Option<String>,
        /// First day of the schedule; default today (create) or the stored
        /// start date (update). Runs before today are skipped.
        #[serde(default, with = "uome_domain::date::json_opt")]
        pub start_date: Option<NaiveDate>,
        /// Last day a run may fall on; not before `start_date`.
        #[serde(default, with = "uome_domain::date::json_opt")]
        pub end_date: Option<NaiveDate>,
        /// Every monthly/quarterly/yearly run on the last day of its month.
        #[serde(default)]
        pub last_of_month: Option<bool>,
        /// Default true (create) or the stored value (update).
        #[serde(default)]
        pub active: Option<bool>,
        /// Issue and email each generated invoice; default false (drafts).
        #[serde(default)]
        pub auto_send: Option<bool>,
        /// Payment terms (days) of the generated invoices, 0–365; default
        /// the contact's, else the account's, when each is generated.
        #[serde(default)]
        pub due_days: Option<i64>,
    }
);

impl RecurringInvoiceRequest {
    /// The core input.
    pub fn input(&self) -> RecurringInput {
        RecurringInput {
            draft: self.draft(),
            frequency: self.frequency.clone(),
            start_date: self.start_date,
            end_date: self.end_date,
            last_of_month: self.last_of_month,
            active: self.active,
            auto_send: self.auto_send,
            due_days: self.due_days,
        }
    }
}

/// A recurring invoice.
#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct RecurringInvoiceView {
    pub id: String,
    #[schema(example = "monthly")]
    pub frequency: String,
    pub start_date: NaiveDate,
    pub end_date: Option<NaiveDate>,
    pub last_of_month: bool,
    pub active: bool,
    pub auto_send: bool,
    /// `null`: the contact's payment terms, else the account's.
    pub due_days: Option<u32>,
    /// The next invoice's date; `null` while inactive or once the
    /// schedule has ended.
    pub next_run_date: Option<NaiveDate>,
    pub generated_count: u32,
    pub last_invoice_id: Option<String>,
    pub version: u64,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    #[serde(flatten)]
    pub body: DocumentBodyView,
}

impl uome_http::documents::DocumentView for RecurringInvoiceView {
    fn body_mut(&mut self) -> &mut DocumentBodyView {
        &mut self.body
    }
}

impl From<&RecurringInvoice> for RecurringInvoiceView {
    fn from(record: &RecurringInvoice) -> Self {
        RecurringInvoiceView {
            id: record.id.to_string(),
            frequency: record.schedule.frequency.as_str().to_string(),
            start_date: record.schedule.start_date,
            end_date: record.schedule.end_date,
            last_of_month: record.schedule.last_of_month,
            active: record.active,
            auto_send: record.auto_send,
            due_days: record.due_days,
            next_run_date: record.next_run_date,
            generated_count: record.generated_count,
            last_invoice_id: record.last_invoice_id.clone(),
            version: record.version,
            created_at: record.created_at,
            updated_at: record.updated_at,
            body: DocumentBodyView::from(&record.body),
        }
    }
}

/// `GET /v1/recurring-invoices` filters (plus `limit` and `cursor`).
#[derive(Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ListQuery {
    /// Only active (`true`) or inactive (`false`) ones.
    pub active: Option<bool>,
    /// Only this contact's.
    #[serde(default, deserialize_with = "uome_http::query_id::optional")]
    #[param(value_type = Option<uuid::Uuid>)]
    pub contact_id: Option<String>,
    /// `lines`: each with its lines; otherwise summaries without.
    #[param(pattern = "^(|lines)$")]
    pub expand: Option<String>,
    /// 1–200, default 50.
    pub limit: Option<u32>,
    /// The `next_cursor` of the previous page.
    pub cursor: Option<String>,
}
