//! An invoice as the client writes it: the common draft plus `due_date`,
//! `delivery_date` and `payment_instructions`, checked together so one 422
//! lists every bad field.

use chrono::{Days, NaiveDate};
use uome_domain::AccountId;
use uome_domain::FieldErrors;
use uome_domain::bank::{parse_bic, parse_iban};

use super::record::PaymentInstructions;
use crate::account::bank::Bank;
use crate::documents::draft::Prepared;
use crate::documents::text::{MAX_SHORT_CHARS, optional_text};
use crate::documents::{DraftContext, DraftInput};
use crate::error::{CoreError, CoreResult};
use crate::keys::bank_key;

/// The writable fields of an invoice (create and full replace).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct InvoiceInput {
    pub draft: DraftInput,
    /// Default: the issue date + the contact's payment terms, else the
    /// account's default terms. Never before the issue date.
    pub due_date: Option<NaiveDate>,
    pub delivery_date: Option<NaiveDate>,
    /// Each field defaults on its own: `iban` to the account's bank IBAN
    /// (if any), `reference` to the invoice number.
    pub payment_instructions: Option<PaymentInstructions>,
}

/// The invoice-specific fields once checked and defaulted. The payment
/// reference stays `None` when the client gave none: it becomes the
/// number, known only once the number is allocated.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct InvoiceTerms {
    pub due_date: NaiveDate,
    pub delivery_date: Option<NaiveDate>,
    pub iban: Option<String>,
    pub reference: Option<String>,
    pub bic: Option<String>,
}

impl InvoiceTerms {
    /// The stored instructions of the invoice `id` numbered `number`: the
    /// client's own reference, else the one its IBAN calls for
    /// ([`PaymentInstructions::for_invoice`]).
    pub fn instructions(
        &self,
        number: &str,
        id: &uome_domain::DocumentId,
        currency: uome_domain::Currency,
    ) -> PaymentInstructions {
        let instructions = match &self.reference {
            Some(reference) => PaymentInstructions {
                iban: self.iban.clone(),
                reference: Some(reference.clone()),
                bic: None,
            },
            None => PaymentInstructions::for_invoice(self.iban.clone(), number, id, currency),
        };
        PaymentInstructions {
            bic: self.bic.clone(),
            ..instructions
        }
    }
}

/// The draft checked against the account's data (every bad field at once,
/// the invoice's own included, plus `errors` the caller already found)
/// with its totals. `ctx` must have been read with the bank details among
/// its extra keys (see [`draft_extra_keys`]).
pub(crate) fn prepare(
    ctx: &DraftContext,
    input: InvoiceInput,
    today: NaiveDate,
    mut errors: FieldErrors,
) -> CoreResult<(Prepared, InvoiceTerms)> {
    let issue_date = input.draft.issue_date.unwrap_or(today);
    if let Some(due) = input.due_date
        && due < issue_date
    {
        errors.push(
            "due_date",
            format!("must be on or after the issue date ({issue_date})"),
        );
    }
    let given = input.payment_instructions.unwrap_or_default();
    let iban = match given
        .iban
        .as_deref()
        .map(str::trim)
        .filter(|i| !i.is_empty())
    {
        Some(text) => match parse_iban(text) {
            Ok(iban) => Some(iban),
            Err(reason) => {
                errors.push("payment_instructions.iban", reason);
                None
            }
        },
        None => account_iban(ctx)?,
    };
    let reference = optional_text(
        "payment_instructions.reference",
        given.reference,
        MAX_SHORT_CHARS,
        &mut errors,
    );
    let bic = match given
        .bic
        .as_deref()
        .map(str::trim)
        .filter(|b| !b.is_empty())
    {
        Some(text) => match parse_bic(text) {
            Ok(bic) => Some(bic),
            Err(reason) => {
                errors.push("payment_instructions.bic", reason);
                None
            }
        },
        None => None,
    };
    let prepared = ctx.prepare(input.draft, today, errors)?;
    let due_date = match input.due_date {
        Some(due) => due,
        None => {
            let days = prepared
                .contact
                .as_ref()
                .and_then(|c| c.payment_terms_days)
                .unwrap_or(ctx.settings.default_payment_terms_days);
            // A derived date obeys the same range as a written one.
            prepared
                .body
                .issue_date
                .checked_add_days(Days::new(u64::from(days)))
                .and_then(uome_domain::date::in_range)
                .ok_or_else(|| {
                    CoreError::invalid_field(
                        "due_date",
                        "the issue date plus the payment terms is past 9999-12-31",
                    )
                })?
        }
    };
    Ok((
        prepared,
        InvoiceTerms {
            due_date,
            delivery_date: input.delivery_date,
            iban,
            reference,
            bic,
        },
    ))
}

/// The keys an invoice draft reads besides [`read_for_draft`]'s own: the
/// bank details (the default IBAN).
///
/// [`read_for_draft`]: crate::documents::read_for_draft
pub(crate) fn draft_extra_keys(account_id: &AccountId) -> Vec<crate::ports::Key> {
    vec![bank_key(account_id)]
}

/// The account's IBAN from the batch read, if it set one.
pub(crate) fn account_iban(ctx: &DraftContext) -> CoreResult<Option<String>> {
    let Some(item) = ctx.fetched.get(&bank_key(&ctx.account_id)) else {
        return Ok(None);
    };
    let bank: Bank = item.parse()?;
    Ok(bank.iban.filter(|i| !i.trim().is_empty()))
}
