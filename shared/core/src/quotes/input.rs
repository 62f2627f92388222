//! A quote as the client writes it: the common draft plus `valid_until`.

use chrono::NaiveDate;
use uome_domain::FieldErrors;

use crate::documents::draft::Prepared;
use crate::documents::{DraftContext, DraftInput};
use crate::error::CoreResult;

/// The writable fields of a quote (create and full replace).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct QuoteInput {
    pub draft: DraftInput,
    /// The last day the client may approve; `None`: the quote never
    /// expires.
    pub valid_until: Option<NaiveDate>,
}

/// The draft checked against the account's data (every bad field at once,
/// `valid_until` included) with its totals.
pub(crate) fn prepare(
    ctx: &DraftContext,
    input: QuoteInput,
    today: NaiveDate,
) -> CoreResult<(Prepared, Option<NaiveDate>)> {
    let mut errors = FieldErrors::new();
    let issue_date = input.draft.issue_date.unwrap_or(today);
    if let Some(until) = input.valid_until
        && until < issue_date
    {
        errors.push(
            "valid_until",
            format!("must be on or after the issue date ({issue_date})"),
        );
    }
    let prepared = ctx.prepare(input.draft, today, errors)?;
    Ok((prepared, input.valid_until))
}
