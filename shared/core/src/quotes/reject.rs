//! `POST /v1/quotes/{id}/reject` (and the portal's): the client said no.
//! Allowed while draft or sent, even past `valid_until` (the answer is
//! still worth recording); 409 once approved or rejected.

use uome_domain::AccountId;
use uome_domain::DocumentId;
use uome_domain::QuoteAction;
use uome_domain::quote_state::transition;

use super::QuoteAt;
use super::record::Quote;
use crate::documents::change::change;
use crate::documents::text::{MAX_LONG_CHARS, optional_text};
use crate::documents::{Viewer, transition_refused};
use crate::error::{CoreError, CoreResult};
use crate::ports::Ports;
use uome_domain::FieldErrors;

/// Rejects the quote with an optional reason (at most 2,000 characters).
pub async fn reject_quote(
    ports: &Ports,
    account_id: &AccountId,
    id: &DocumentId,
    viewer: Viewer<'_>,
    reason: Option<String>,
) -> CoreResult<QuoteAt> {
    let mut errors = FieldErrors::new();
    let reason = optional_text("reason", reason, MAX_LONG_CHARS, &mut errors);
    if !errors.is_empty() {
        return Err(CoreError::Validation(errors.into_vec()));
    }
    change(
        ports,
        account_id,
        id,
        viewer,
        None,
        |quote: &mut Quote, today, now| {
            quote.status = transition(quote.status, QuoteAction::Reject, today, quote.valid_until)
                .map_err(transition_refused)?;
            quote.rejected_at = Some(now);
            quote.rejection_reason = reason.clone();
            Ok(())
        },
    )
    .await
}
