//! Who is looking: the business (owner or API client) sees every document
//! of its account; a portal client (API.md §10) sees only its own
//! contact's documents, and never a draft. Anything else reads as 404, so
//! a portal token cannot even learn that another document exists.

use super::document::Document;
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
    pub fn may_see(&self, document: &impl Document) -> bool {
        match self {
            Viewer::Business => true,
            Viewer::Portal { contact_id } => {
                document.body().contact_id == *contact_id && !document.is_draft()
            }
        }
    }

    /// 404 unless [`Viewer::may_see`].
    pub fn check(&self, document: &impl Document) -> CoreResult<()> {
        if self.may_see(document) {
            Ok(())
        } else {
            Err(CoreError::NotFound)
        }
    }
}
