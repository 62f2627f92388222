//! `POST /v1/quotes/{id}/remind`: a one-off reminder email while the quote
//! is sent (and not expired), at most one per 24 hours. The claim, the
//! throttle and the order of the checks are `documents::reminder`'s.

use super::QuoteAt;
use super::record::Quote;
use crate::documents::reminder::remind;
use crate::error::CoreResult;
use crate::ports::Ports;
use crate::service::ServiceConfig;
use uome_domain::AccountId;
use uome_domain::DocumentId;

/// Sends a reminder; `message` is the sender's own note.
pub async fn remind_quote(
    ports: &Ports,
    service: &ServiceConfig,
    account_id: &AccountId,
    id: &DocumentId,
    message: Option<&str>,
) -> CoreResult<QuoteAt> {
    remind::<Quote>(ports, service, account_id, id, message).await
}
