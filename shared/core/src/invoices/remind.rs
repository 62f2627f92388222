//! `POST /v1/invoices/{id}/remind`: a one-off reminder email while the
//! invoice is open (issued or partially paid), at most one per 24 hours.
//! The claim, the throttle and the order of the checks are
//! `documents::reminder`'s.

use super::document::InvoiceAt;
use super::record::Invoice;
use crate::documents::reminder::remind;
use crate::error::CoreResult;
use crate::ports::Ports;
use crate::service::ServiceConfig;
use uome_domain::AccountId;
use uome_domain::DocumentId;

/// Sends a reminder; `message` is the sender's own note.
pub async fn remind_invoice(
    ports: &Ports,
    service: &ServiceConfig,
    account_id: &AccountId,
    id: &DocumentId,
    message: Option<&str>,
) -> CoreResult<InvoiceAt> {
    remind::<Invoice>(ports, service, account_id, id, message).await
}
