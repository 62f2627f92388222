//! An expense draft checked against the account: every bad field at once
//! (422) before anything is written.

use chrono::{DateTime, NaiveDate, Utc};
use uome_domain::AccountId;
use uome_domain::validation::check_line;
use uome_domain::{ContactId, DocumentId};
use uome_domain::{Currency, Decimal, DomainError, FieldErrors, Money, validate_money};

use super::model::{Expense, ExpenseInput, MAX_AMOUNT, MAX_CATEGORY_CHARS, NumberInput};
use super::store::canonical_id;
use crate::account::company::Company;
use crate::contacts::{ContactRole, contact_from_item};
use crate::documents::text::{MAX_LONG_CHARS, optional_text};
use crate::error::{CoreError, CoreResult};
use crate::fetch::Fetched;
use crate::keys::{DocType, company_key, contact_key, document_key, upload_key};
use crate::ports::{Key, Ports};
use crate::stored::parse_or_default;
use crate::uploads::{self, UploadPurpose, UploadRecord, UploadStatus};

/// An id field as sent.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) enum Link {
    /// Absent, `null` or blank: no link.
    Absent,
    /// Not a UUID: names nothing.
    Malformed,
    Id(String),
}

impl Link {
    fn parse(value: Option<&str>) -> Link {
        match value.map(str::trim) {
            None | Some("") => Link::Absent,
            Some(text) => canonical_id(&DocumentId::from(text)).map_or(Link::Malformed, Link::Id),
        }
    }

    fn id(&self) -> Option<&str> {
        match self {
            Link::Id(id) => Some(id),
            _ => None,
        }
    }
}

/// The vendor, invoice and upload a draft names.
#[derive(Clone, Debug)]
pub(super) struct Links {
    vendor: Link,
    invoice: Link,
    upload: Link,
}

impl Links {
    pub(super) fn of(input: &ExpenseInput) -> Links {
        Links {
            vendor: Link::parse(input.vendor_id.as_deref()),
            invoice: Link::parse(input.invoice_id.as_deref()),
            upload: Link::parse(input.upload_id.as_deref()),
        }
    }

    /// Every key the checks read: the company (currency and time zone
    /// defaults) and each linked item, for one batch read.
    pub(super) fn keys(&self, account_id: &AccountId) -> Vec<Key> {
        let mut keys = vec![company_key(account_id)];
        if let Some(id) = self.vendor.id() {
            keys.push(contact_key(account_id, &ContactId::from(id)));
        }
        if let Some(id) = self.invoice.id() {
            keys.push(document_key(
                account_id,
                DocType::Invoice,
                &DocumentId::from(id),
            ));
        }
        if let Some(id) = self.upload.id() {
            keys.push(upload_key(account_id, id));
        }
        keys
    }
}

/// A draft that passed every check.
#[derive(Clone, Debug)]
pub(super) struct Checked {
    pub date: NaiveDate,
    pub amount: Decimal,
    pub currency: Currency,
    pub tax_amount: Decimal,
    pub category: String,
    pub description: Option<String>,
    pub vendor_id: Option<String>,
    pub invoice_id: Option<String>,
    pub upload_id: Option<String>,
}

impl Checked {
    pub(super) fn into_expense(
        self,
        id: String,
        version: u64,
        created_at: DateTime<Utc>,
        updated_at: DateTime<Utc>,
    ) -> Expense {
        Expense {
            id: DocumentId::from(id),
            date: self.date,
            amount: self.amount,
            currency: self.currency,
            tax_amount: self.tax_amount,
            category: self.category,
            description: self.description,
            vendor_id: self.vendor_id,
            invoice_id: self.invoice_id,
            upload_id: self.upload_id,
            version,
            created_at,
            updated_at,
        }
    }
}

/// Checks `input` against what was read (`fetched` holds every key of
/// [`Links::keys`]). `current` is the expense being replaced: its date and
/// currency stay when the input leaves them out.
pub(super) async fn check(
    ports: &Ports,
    account_id: &AccountId,
    input: &ExpenseInput,
    links: &Links,
    fetched: &Fetched,
    current: Option<&Expense>,
) -> CoreResult<Checked> {
    let mut errors = FieldErrors::new();
    let company: Company = parse_or_default(fetched.get(&company_key(account_id)))?;

    let date = match input.date.as_deref().map(str::trim) {
        Some(text) if !text.is_empty() => parse_date(text, &mut errors),
        _ => Some(match current {
            Some(expense) => expense.date,
            None => company.today(ports.clock.now()),
        }),
    };
    // Parsed before `amount` (whose decimal places depend on it) but
    // reported after it, so errors come in the body's field order.
    let currency = match input.currency.as_deref().map(str::trim) {
        Some(code) if !code.is_empty() => {
            Currency::parse(code).map_err(|_| format!("`{code}` is not an ISO 4217 currency code"))
        }
        _ => Ok(current.map_or_else(|| company.currency(), |e| e.currency)),
    };
    let amount = match &input.amount {
        None => {
            errors.push("amount", "is required");
            None
        }
        Some(number) => money(
            "amount",
            number,
            currency.as_ref().ok().copied(),
            false,
            &mut errors,
        ),
    };
    let currency = match currency {
        Ok(c) => Some(c),
        Err(message) => {
            errors.push("currency", message);
            None
        }
    };
    let tax_amount = match &input.tax_amount {
        None => currency.map(|c| Money::zero(c).amount()),
        Some(number) => money("tax_amount", number, currency, true, &mut errors),
    };
    if let (Some(amount), Some(tax)) = (amount, tax_amount)
        && tax > amount
    {
        errors.push("tax_amount", "must not be greater than amount");
    }
    let category = category(input.category.as_deref(), &mut errors);
    let description = optional_text(
        "description",
        input.description.clone(),
        MAX_LONG_CHARS,
        &mut errors,
    );

    let vendor_id = vendor(account_id, &links.vendor, fetched, &mut errors)?;
    let invoice_id = match &links.invoice {
        Link::Absent => None,
        Link::Id(id)
            if fetched
                .get(&document_key(
                    account_id,
                    DocType::Invoice,
                    &DocumentId::from(id),
                ))
                .is_some() =>
        {
            Some(id.clone())
        }
        _ => {
            errors.push("invoice_id", "no such invoice");
            None
        }
    };
    let (upload_id, not_ready) =
        upload(ports, account_id, &links.upload, fetched, &mut errors).await?;

    // A receipt whose bytes are still on their way: 409 once nothing else
    // is wrong (API.md §11).
    if let (true, Some(conflict)) = (errors.is_empty(), not_ready) {
        return Err(conflict);
    }
    match (date, amount, currency, tax_amount, category) {
        (Some(date), Some(amount), Some(currency), Some(tax_amount), Some(category))
            if errors.is_empty() =>
        {
            Ok(Checked {
                date,
                amount,
                currency,
                tax_amount,
                category,
                description,
                vendor_id,
                invoice_id,
                upload_id,
            })
        }
        _ => Err(CoreError::Validation(errors.into_vec())),
    }
}

/// `YYYY-MM-DD` in the API's range (`uome_domain::date`), so the date
/// sorts as text in keys.
fn parse_date(text: &str, errors: &mut FieldErrors) -> Option<NaiveDate> {
    let parsed = uome_domain::date::parse_date(text).ok();
    if parsed.is_none() {
        errors.push("date", uome_domain::date::DATE_RULE);
    }
    parsed
}

/// A money field: > 0 (or ≥ 0 when `zero_allowed`), at most
/// [`MAX_AMOUNT`], at most the currency's minor digits; answered at the
/// currency's scale. Without a valid currency (already reported) only the
/// sign and size are checked.
fn money(
    field: &str,
    number: &NumberInput,
    currency: Option<Currency>,
    zero_allowed: bool,
    errors: &mut FieldErrors,
) -> Option<Decimal> {
    let value = match number {
        Ok(value) => *value,
        Err(message) => {
            errors.push(field, message.clone());
            return None;
        }
    };
    if zero_allowed && value.is_sign_negative() && !value.is_zero() {
        errors.push(field, "must not be negative");
        return None;
    }
    if !zero_allowed && value <= Decimal::ZERO {
        errors.push(field, "must be greater than 0");
        return None;
    }
    if value > MAX_AMOUNT {
        errors.push(field, format!("must be at most {MAX_AMOUNT}"));
        return None;
    }
    match validate_money(value, currency?) {
        Ok(value) => Some(value),
        Err(e) => {
            errors.push(field, number_message(e));
            None
        }
    }
}

fn number_message(error: DomainError) -> String {
    match error {
        DomainError::InvalidNumber(message) => message,
        other => other.to_string(),
    }
}

fn category(value: Option<&str>, errors: &mut FieldErrors) -> Option<String> {
    let value = value.map(str::trim).unwrap_or_default();
    if value.is_empty() {
        errors.push("category", "is required");
        return None;
    }
    if value.chars().count() > MAX_CATEGORY_CHARS {
        errors.push(
            "category",
            format!("must be at most {MAX_CATEGORY_CHARS} characters"),
        );
        return None;
    }
    if let Err(message) = check_line::<MAX_CATEGORY_CHARS>(value) {
        errors.push("category", message);
        return None;
    }
    Some(value.to_string())
}

/// The vendor must be a contact of the account with the vendor role.
/// Archived vendors are accepted: a receipt from last year still names them.
fn vendor(
    account_id: &AccountId,
    link: &Link,
    fetched: &Fetched,
    errors: &mut FieldErrors,
) -> CoreResult<Option<String>> {
    let id = match link {
        Link::Absent => return Ok(None),
        Link::Malformed => {
            errors.push("vendor_id", "no such contact");
            return Ok(None);
        }
        Link::Id(id) => id,
    };
    let Some(item) = fetched.get(&contact_key(account_id, &ContactId::from(id))) else {
        errors.push("vendor_id", "no such contact");
        return Ok(None);
    };
    let contact = contact_from_item(item)?;
    match contact.require_role(ContactRole::Vendor, "vendor_id") {
        Ok(()) => Ok(Some(contact.id.to_string())),
        Err(e) => {
            errors.push(e.field, e.message);
            Ok(None)
        }
    }
}

/// The receipt must be an upload of the account meant for documents
/// (`expense` or `attachment`) whose bytes are usable: another account's
/// or an unknown id is a 422 on `upload_id`; one still `pending` comes
/// back as the 409 `upload_not_ready` to answer if nothing else is wrong.
async fn upload(
    ports: &Ports,
    account_id: &AccountId,
    link: &Link,
    fetched: &Fetched,
    errors: &mut FieldErrors,
) -> CoreResult<(Option<String>, Option<CoreError>)> {
    let id = match link {
        Link::Absent => return Ok((None, None)),
        Link::Malformed => {
            errors.push("upload_id", "no such upload");
            return Ok((None, None));
        }
        Link::Id(id) => id,
    };
    let Some(item) = fetched.get(&upload_key(account_id, id)) else {
        errors.push("upload_id", "no such upload");
        return Ok((None, None));
    };
    let record: UploadRecord = item.parse()?;
    if !matches!(
        record.purpose,
        UploadPurpose::Expense | UploadPurpose::Attachment
    ) {
        errors.push(
            "upload_id",
            format!(
                "is an upload for {}; an expense takes one for expense or attachment",
                record.purpose.as_str()
            ),
        );
        return Ok((None, None));
    }
    match record.status {
        UploadStatus::Ready => Ok((Some(record.id), None)),
        UploadStatus::Rejected => {
            errors.push("upload_id", "the upload was rejected");
            Ok((None, None))
        }
        UploadStatus::Pending => match uploads::ensure_ready(ports, account_id, id).await {
            Ok(record) => Ok((Some(record.id), None)),
            Err(conflict @ CoreError::Conflict { .. }) => Ok((None, Some(conflict))),
            Err(CoreError::NotFound) => {
                errors.push("upload_id", "no such upload");
                Ok((None, None))
            }
            Err(other) => Err(other),
        },
    }
}
