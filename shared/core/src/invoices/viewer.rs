//! Who is looking: the business (owner or API client) sees every invoice
//! of its account; a portal client (API.md §10) sees only its own
//! contact's invoices, and never a draft. Anything else reads as 404, so a
//! portal token cannot even learn that another invoice exists.

use uome_domain::InvoiceStatus;

use super::record::Invoice;
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
    pub fn may_see(&self, invoice: &Invoice) -> bool {
        match self {
            Viewer::Business => true,
            Viewer::Portal { contact_id } => {
                invoice.body.contact_id == *contact_id && invoice.status != InvoiceStatus::Draft
            }
        }
    }

    /// 404 unless [`Viewer::may_see`].
    pub fn check(&self, invoice: &Invoice) -> CoreResult<()> {
        if self.may_see(invoice) {
            Ok(())
        } else {
            Err(CoreError::NotFound)
        }
    }
}
