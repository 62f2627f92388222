//! What a client writes on a recurring invoice, and its checks.

use chrono::NaiveDate;
use uome_domain::FieldErrors;
use uome_domain::schedule::{Frequency, Schedule};

use crate::account::settings::MAX_PAYMENT_TERMS_DAYS;
use crate::documents::DraftInput;
use crate::documents::draft::{DraftContext, Prepared};
use crate::error::{CoreError, CoreResult};

/// The common draft plus the recurring invoice's own fields, all optional
/// so one 422 can name every missing or bad field.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct RecurringInput {
    pub draft: DraftInput,
    /// `weekly`, `monthly`, `quarterly`, `yearly`; required.
    pub frequency: Option<String>,
    /// Default: today (create) or the stored start date (update).
    pub start_date: Option<NaiveDate>,
    pub end_date: Option<NaiveDate>,
    pub last_of_month: Option<bool>,
    /// Default: true (create) or the stored value (update).
    pub active: Option<bool>,
    pub auto_send: Option<bool>,
    /// 0–365; `None`: the contact's terms, else the account's, at generation.
    pub due_days: Option<i64>,
}

/// What an absent field means: on create today/true, on update what is
/// stored (an edit never moves the schedule's anchor or switches it on
/// or off unless it says so).
#[derive(Clone, Copy, Debug)]
pub(crate) struct Defaults {
    pub start_date: NaiveDate,
    pub active: bool,
}

/// A recurring invoice's fields after every check.
#[derive(Clone, Debug)]
pub(crate) struct Valid {
    pub prepared: Prepared,
    pub schedule: Schedule,
    pub active: bool,
    pub auto_send: bool,
    pub due_days: Option<u32>,
}

/// Checks the own fields and the draft (through the documents
/// foundation, so lines, contact and currency fail exactly as on
/// invoices), listing every bad field in one 422.
pub(crate) fn validate(
    ctx: &DraftContext,
    input: RecurringInput,
    today: NaiveDate,
    defaults: Defaults,
) -> CoreResult<Valid> {
    let mut errors = FieldErrors::new();
    let frequency = match input.frequency.as_deref().map(str::trim) {
        None | Some("") => {
            errors.push("frequency", "is required");
            None
        }
        Some(text) => {
            let found = Frequency::ALL.into_iter().find(|f| f.as_str() == text);
            if found.is_none() {
                errors.push(
                    "frequency",
                    format!("`{text}` is not one of weekly, monthly, quarterly, yearly"),
                );
            }
            found
        }
    };
    let start_date = input.start_date.unwrap_or(defaults.start_date);
    if let Some(end) = input.end_date
        && end < start_date
    {
        errors.push("end_date", "must not be before start_date");
    }
    // Each generated invoice is dated its run; an issue date of its own
    // would be silently ignored, so only the start date itself is accepted
    // (a client may send back what it read).
    let mut draft = input.draft;
    if let Some(issue_date) = draft.issue_date
        && issue_date != start_date
    {
        errors.push(
            "issue_date",
            "a recurring invoice's invoices are dated their run dates: set start_date instead",
        );
    }
    draft.issue_date = Some(start_date);
    let due_days = match input.due_days {
        None => None,
        Some(days) => match u32::try_from(days) {
            Ok(days) if i64::from(days) <= MAX_PAYMENT_TERMS_DAYS => Some(days),
            _ => {
                errors.push(
                    "due_days",
                    format!("must be from 0 to {MAX_PAYMENT_TERMS_DAYS}"),
                );
                None
            }
        },
    };
    let prepared = ctx.prepare(draft, today, errors)?;
    // `prepare` fails on any error pushed above, so the frequency is here.
    let frequency = frequency.ok_or_else(|| CoreError::internal("frequency vanished"))?;
    let schedule = Schedule::new(
        start_date,
        frequency,
        input.end_date,
        input.last_of_month.unwrap_or(false),
    )?;
    Ok(Valid {
        prepared,
        schedule,
        active: input.active.unwrap_or(defaults.active),
        auto_send: input.auto_send.unwrap_or(false),
        due_days,
    })
}
