//! Table plumbing shared by the catalogue use cases: one batch read for
//! everything a write needs, and transactions whose failed conditions are
//! told apart by position.

use uome_domain::FieldErrors;

use crate::error::{CoreError, CoreResult};
use crate::ports::TableError;

pub(crate) use crate::fetch::Fetched;
pub(crate) use crate::transact::{Outcome, transact};

/// 409 `version_conflict`.
pub(crate) fn version_conflict() -> CoreError {
    CoreError::conflict(
        "version_conflict",
        "The resource has changed since that version; reload it and retry.",
    )
}

/// Retries ran out while other writers kept winning.
pub(crate) fn still_busy() -> CoreError {
    CoreError::Table(TableError::Contention {
        code: "CatalogueRetriesExhausted".into(),
    })
}

/// 422 with every collected field error, if any.
pub(crate) fn reject(errors: FieldErrors) -> CoreResult<()> {
    if errors.is_empty() {
        Ok(())
    } else {
        Err(CoreError::Validation(errors.into_vec()))
    }
}
