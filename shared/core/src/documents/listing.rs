//! Index keys and filters shared by every document list: by month of the
//! issue date (gsi1), by contact (gsi2), newest first.

use chrono::NaiveDate;
use uome_domain::AccountId;
use uome_domain::{ContactId, DocumentId};

use crate::keys::{
    DocType, document_contact_sk, document_date_sk, documents_by_contact_pk, documents_by_date_pk,
};
use crate::ports::IndexKey;

/// The gsi1 (account's documents of the type by date) and gsi2 (contact's
/// documents by type and date) keys of a document.
pub fn document_indexes(
    account_id: &AccountId,
    doc: DocType,
    id: &DocumentId,
    contact_id: &ContactId,
    date: NaiveDate,
) -> (IndexKey, IndexKey) {
    (
        IndexKey::new(
            documents_by_date_pk(account_id, doc),
            document_date_sk(date, id),
        ),
        IndexKey::new(
            documents_by_contact_pk(account_id, contact_id),
            document_contact_sk(doc, date, id),
        ),
    )
}

/// The filters of `GET /v1/quotes` and `GET /v1/invoices`.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct DocumentFilter {
    /// `YYYY-MM`: documents issued that month.
    pub month: Option<(i32, u32)>,
    /// Matched against the status the API shows (a quote past its
    /// validity shows `expired`).
    pub status: Option<String>,
    pub contact_id: Option<String>,
    /// Invoices only: open and past their due date.
    pub overdue: bool,
}

impl DocumentFilter {
    /// The sort-key prefix for the month, `2026-11-`.
    pub fn month_prefix(&self) -> Option<String> {
        self.month.map(|(y, m)| format!("{y:04}-{m:02}-"))
    }

    /// A stable text of the filter, for binding cursors to it.
    pub fn scope(&self) -> String {
        format!(
            "{}|{}|{}|{}",
            self.month_prefix().unwrap_or_default(),
            self.status.as_deref().unwrap_or_default(),
            self.contact_id.as_deref().unwrap_or_default(),
            self.overdue
        )
    }
}
