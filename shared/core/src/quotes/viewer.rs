//! Who is looking: the business (owner or API client) sees every quote of
//! its account; a portal client (API.md §10) sees only its own contact's
//! quotes, and never a draft. Anything else reads as 404, so a portal
//! token cannot even learn that another quote exists.

use uome_domain::QuoteStatus;

use super::record::Quote;
use crate::error::{CoreError, CoreResult};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Viewer<'a> {
    Business,
    /// A portal token's contact.
    Portal {
        contact_id: &'a str,
    },
}

impl Viewer<'_> {
    pub fn may_see(&self, quote: &Quote) -> bool {
        match self {
            Viewer::Business => true,
            Viewer::Portal { contact_id } => {
                quote.body.contact_id == *contact_id && quote.status != QuoteStatus::Draft
            }
        }
    }

    /// 404 unless [`Viewer::may_see`].
    pub fn check(&self, quote: &Quote) -> CoreResult<()> {
        if self.may_see(quote) {
            Ok(())
        } else {
            Err(CoreError::NotFound)
        }
    }
}
