//! Payments of an invoice (API.md §7): record one, mark an invoice paid,
//! list them.
//!
//! A payment is ONE table transaction: the invoice (new `amount_paid`,
//! status from the domain's `after_settlement`) put on the version just
//! read, the payment item and its ledger transaction (Dr 1000 / Cr 1100).
//! Two payments racing on the same invoice cannot both win the version
//! condition; the loser re-reads the invoice and checks its amount again
//! against what is now due, so concurrent payments never add up to more
//! than the invoice's total.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use uome_domain::AccountId;
use uome_domain::DocumentId;
use uome_domain::invoice_state::{self, check_payment};
use uome_domain::ledger::payment_postings;
use uome_domain::validation::check_line;
use uome_domain::{
    Currency, Decimal, DomainError, FieldErrors, InvoiceAction, InvoiceStatus, decimal_string,
};

use crate::account::company::Company;
use crate::documents::{MAX_ATTEMPTS, too_much_contention, transition_refused};
use crate::error::{CoreError, CoreResult};
use crate::fetch::Fetched;
use crate::keys::{DocType, account_pk, company_key, document_key, payment_key, payment_prefix};
use crate::ledger::{LedgerRecord, ledger_write};
use crate::ports::table::MAX_QUERY_LIMIT;
use crate::ports::{Condition, Item, Ports, Query, SortKey, Table, Write};
use crate::stored::parse_or_default;
use crate::transact::{Outcome, transact};

use super::record::Invoice;
use crate::documents::document_item;
use crate::dunning::settled_entry_write;

/// How the client paid (API.md §7 `method`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PaymentMethod {
    BankTransfer,
    Card,
    Cash,
    Cheque,
    Other,
    /// Open credit of a credit note applied to the invoice (API.md §7b):
    /// written by `apply`, never given by a client.
    CreditNote,
}

impl PaymentMethod {
    pub const ALL: [PaymentMethod; 5] = [
        Self::BankTransfer,
        Self::Card,
        Self::Cash,
        Self::Cheque,
        Self::Other,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::BankTransfer => "bank_transfer",
            Self::Card => "card",
            Self::Cash => "cash",
            Self::Cheque => "cheque",
            Self::Other => "other",
            Self::CreditNote => "credit_note",
        }
    }

    /// The snake_case name of a method a client may give, exactly (no case
    /// folding: the API's enums are lower case everywhere). `credit_note`
    /// is not one: only applying a credit note records it.
    pub fn parse(text: &str) -> Option<PaymentMethod> {
        Self::ALL.into_iter().find(|m| m.as_str() == text)
    }

    /// `bank_transfer, card, cash, cheque or other`, for messages.
    pub fn choices() -> String {
        let names: Vec<&str> = Self::ALL.iter().map(|m| m.as_str()).collect();
        match names.split_last() {
            Some((last, rest)) => format!("{} or {last}", rest.join(", ")),
            None => String::new(),
        }
    }
}

/// Longest payment `reference` (a bank or cheque reference): API.md §1's
/// "short name" limit.
pub const MAX_REFERENCE_CHARS: usize = 255;

/// `ACCOUNT#<acc>` / `PAYMENT#<invoice>#<payment>`, in gsi1 under the
/// account's payments by date. Its money never changes; a wrong payment is
/// reversed (`reversed_at`), which posts the exact reverse and keeps it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Payment {
    pub id: String,
    pub invoice_id: String,
    /// At the currency's scale.
    #[serde(with = "decimal_string")]
    pub amount: Decimal,
    pub currency: Currency,
    /// The day the money arrived (account's time zone).
    pub date: NaiveDate,
    pub method: PaymentMethod,
    #[serde(default)]
    pub reference: Option<String>,
    /// The ledger transaction the payment posted.
    pub ledger_id: String,
    pub created_at: DateTime<Utc>,
    /// The invoice's contact and number, for the account-wide list.
    #[serde(default)]
    pub contact_id: Option<String>,
    #[serde(default)]
    pub invoice_number: Option<String>,
    /// The credit note whose credit paid it (`method: credit_note`).
    #[serde(default)]
    pub credit_note_id: Option<String>,
    #[serde(default)]
    pub reversed_at: Option<DateTime<Utc>>,
    #[serde(default)]
    pub reversal_reason: Option<String>,
    #[serde(default)]
    pub reversal_ledger_id: Option<String>,
}

impl Payment {
    /// Still counts: not reversed.
    pub fn stands(&self) -> bool {
        self.reversed_at.is_none()
    }
}

/// The payment's item: under its invoice, and in gsi1 under the account's
/// payments newest-first by date (`GET /v1/payments`).
pub fn payment_item(account_id: &AccountId, payment: &Payment, version: u64) -> CoreResult<Item> {
    Ok(Item::new(
        payment_key(account_id, &payment.invoice_id, &payment.id),
        payment,
    )?
    .with_index(
        crate::ports::Index::Gsi1,
        crate::ports::IndexKey::new(
            crate::keys::payments_by_date_pk(account_id),
            crate::keys::document_date_sk(payment.date, &DocumentId::from(payment.id.as_str())),
        ),
    )
    .with_version(version))
}

/// A recorded payment, the invoice after it, and the day it was recorded
/// on in the account's time zone (what the invoice's view judges
/// "overdue" by, without another read).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Recorded {
    pub payment: Payment,
    pub invoice: Invoice,
    pub today: NaiveDate,
}

/// What a client asks to record.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct PaymentInput {
    /// Default: everything due.
    pub amount: Option<Decimal>,
    /// Default: today in the account's time zone.
    pub date: Option<NaiveDate>,
    /// One of [`PaymentMethod`]'s names; required (blank → 422).
    pub method: String,
    pub reference: Option<String>,
}

/// The checks that need no read: method and reference. Shared by
/// payments and credit-note refunds, which take money the same ways.
pub(crate) struct Checked {
    pub method: Option<PaymentMethod>,
    pub reference: Option<String>,
    pub errors: FieldErrors,
}

fn check_static(input: &PaymentInput) -> Checked {
    check_method_and_reference(&input.method, input.reference.as_deref())
}

pub(crate) fn check_method_and_reference(method: &str, reference: Option<&str>) -> Checked {
    let mut errors = FieldErrors::new();
    let method_text = method.trim();
    let method = if method_text.is_empty() {
        errors.push(
            "method",
            format!("is required: one of {}", PaymentMethod::choices()),
        );
        None
    } else {
        let method = PaymentMethod::parse(method_text);
        if method.is_none() {
            errors.push(
                "method",
                format!("must be one of {}", PaymentMethod::choices()),
            );
        }
        method
    };
    let reference = reference
        .map(str::trim)
        .filter(|r| !r.is_empty())
        .map(str::to_string);
    if let Some(reference) = &reference {
        errors.check("reference", check_line::<MAX_REFERENCE_CHARS>(reference));
    }
    Checked {
        method,
        reference,
        errors,
    }
}

/// The invoice and the company (for "today"), in one batch read.
pub(crate) async fn read_invoice_and_company(
    table: &dyn Table,
    account_id: &AccountId,
    invoice_id: &DocumentId,
) -> CoreResult<(Invoice, Company)> {
    let invoice_key = document_key(account_id, DocType::Invoice, invoice_id);
    let company_key = company_key(account_id);
    let mut fetched = Fetched::read(table, vec![invoice_key.clone(), company_key.clone()]).await?;
    let invoice = parse_invoice(fetched.take(&invoice_key))?;
    let company: Company = parse_or_default(fetched.take(&company_key))?;
    Ok((invoice, company))
}

/// 404 when absent (unknown, or another account's: the key is under the
/// caller's account, so another account's id simply is not there).
pub(crate) fn parse_invoice(item: Option<Item>) -> CoreResult<Invoice> {
    match item {
        Some(item) => crate::documents::from_item::<Invoice>(&item),
        None => Err(CoreError::NotFound),
    }
}

pub(crate) async fn reread_invoice(
    table: &dyn Table,
    account_id: &AccountId,
    invoice_id: &DocumentId,
) -> CoreResult<Invoice> {
    parse_invoice(
        table
            .get(&document_key(account_id, DocType::Invoice, invoice_id))
            .await?,
    )
}

/// Records a payment of the invoice: 404 unknown invoice; 409
/// `invoice_not_issued` / `invoice_paid` / `invoice_cancelled`; 422 with
/// every bad field (`amount` over what is due, ≤ 0 or with too many
/// decimals; `method`; `date` before the issue date or in the future;
/// `reference`). Answers the payment and the invoice after it.
/// Refusals are judged on the invoice as it is when the write lands.
pub async fn record_payment(
    ports: &Ports,
    account_id: &AccountId,
    invoice_id: &DocumentId,
    input: PaymentInput,
) -> CoreResult<Recorded> {
    pay(ports, account_id, invoice_id, InvoiceAction::Pay, input).await
}

/// Mark as paid (API.md §7): one payment of everything due, dated `date`
/// (default today), by `method` (default `bank_transfer`).
pub async fn mark_paid(
    ports: &Ports,
    account_id: &AccountId,
    invoice_id: &DocumentId,
    date: Option<NaiveDate>,
    method: Option<String>,
    reference: Option<String>,
) -> CoreResult<Recorded> {
    let method = method
        .filter(|m| !m.trim().is_empty())
        .unwrap_or_else(|| PaymentMethod::BankTransfer.as_str().to_string());
    let input = PaymentInput {
        amount: None,
        date,
        method,
        reference,
    };
    pay(
        ports,
        account_id,
        invoice_id,
        InvoiceAction::MarkPaid,
        input,
    )
    .await
}

/// Payments one invoice takes (the last of them must pay all that is due):
/// its payment list and its ledger (issue, payments, cancel) then stay one
/// answer of a few hundred kilobytes at most, so they need no pages.
pub const MAX_PAYMENTS: u32 = 100;

async fn pay(
    ports: &Ports,
    account_id: &AccountId,
    invoice_id: &DocumentId,
    action: InvoiceAction,
    input: PaymentInput,
) -> CoreResult<Recorded> {
    let table = ports.table.as_ref();
    let checked = check_static(&input);
    let (mut invoice, company) = read_invoice_and_company(table, account_id, invoice_id).await?;
    // Ids are fixed across attempts: a lost attempt wrote nothing.
    let payment_id = ports.ids.new_id().to_string();
    let ledger_id = ports.ids.new_id().to_string();
    for _ in 0..MAX_ATTEMPTS {
        invoice_state::check(invoice.status, action, invoice.amount_paid)
            .map_err(transition_refused)?;

        let now = ports.clock.now();
        let today = company.today(now);
        // Field errors are reported once the invoice is known to take
        // payments, all together (the amount's bounds need the invoice).
        let mut errors = checked.errors.clone();
        let amount =
            match check_payment(input.amount, invoice.amount_due()?, invoice.body.currency()) {
                Ok(amount) => Some(amount),
                Err(DomainError::Validation(found)) => {
                    errors.extend(found);
                    None
                }
                Err(other) => return Err(other.into()),
            };
        let date = input.date.unwrap_or(today);
        if date < invoice.body.issue_date {
            errors.push(
                "date",
                format!(
                    "must not be before the invoice's issue date ({})",
                    invoice.body.issue_date
                ),
            );
        } else if date > today {
            errors.push(
                "date",
                format!("must not be in the future (today is {today})"),
            );
        }
        errors.into_result()?;
        let (Some(amount), Some(method)) = (amount, checked.method) else {
            // Unreachable: a missing value always comes with a field error.
            return Err(CoreError::internal("payment checks passed without a value"));
        };
        if invoice.payment_count + 1 >= MAX_PAYMENTS && amount < invoice.amount_due()? {
            return Err(CoreError::conflict(
                "too_many_payments",
                format!(
                    "An invoice takes at most {MAX_PAYMENTS} payments: this last one must pay all that is due (mark it paid)."
                ),
            ));
        }
        let payment = Payment {
            id: payment_id.clone(),
            invoice_id: invoice.id.to_string(),
            amount,
            currency: invoice.body.currency(),
            date,
            method,
            reference: checked.reference.clone(),
            ledger_id: ledger_id.clone(),
            created_at: now,
            contact_id: Some(invoice.body.contact_id.to_string()),
            invoice_number: Some(invoice.number.clone()),
            credit_note_id: None,
            reversed_at: None,
            reversal_reason: None,
            reversal_ledger_id: None,
        };
        let paid = apply_payment(&invoice, amount, now)?;
        let ledger = payment_ledger_record(&invoice, &payment)?;
        let mut writes = vec![
            Write::Put {
                item: document_item(account_id, &paid, invoice.version + 1)?,
                condition: Condition::VersionEquals(invoice.version),
            },
            Write::Put {
                item: payment_item(account_id, &payment, 1)?,
                condition: Condition::NotExists,
            },
            ledger_write(account_id, &ledger)?,
        ];
        // Paid in full: no more reminders (a part payment leaves the
        // reminders' dates as they were: they follow the due date).
        if paid.status == InvoiceStatus::Paid {
            writes.push(settled_entry_write(account_id, &invoice.id));
        }
        match transact(table, writes).await? {
            Outcome::Done => {
                let mut paid = paid;
                paid.version = invoice.version + 1;
                return Ok(Recorded {
                    payment,
                    invoice: paid,
                    today,
                });
            }
            // The payment and ledger ids are fresh UUIDs: only the invoice's
            // version (position 0, or an unnamed position) can have failed.
            Outcome::Failed(positions) if positions.iter().any(|&p| p != 0) => {
                return Err(CoreError::internal(format!(
                    "payment transaction failed at {positions:?}"
                )));
            }
            Outcome::Failed(_) | Outcome::Busy => {
                invoice = reread_invoice(table, account_id, invoice_id).await?;
            }
        }
    }
    Err(too_much_contention())
}

/// The invoice after `amount` more is paid (version untouched: the
/// writer sets it).
fn apply_payment(invoice: &Invoice, amount: Decimal, now: DateTime<Utc>) -> CoreResult<Invoice> {
    let mut paid = invoice.clone();
    paid.payment_count = invoice.payment_count + 1;
    paid.amount_paid = invoice
        .amount_paid
        .checked_add(amount)
        .ok_or_else(|| CoreError::internal("amount paid overflows"))?;
    paid.status = paid.settled_status();
    if paid.status == InvoiceStatus::Paid && paid.paid_at.is_none() {
        paid.paid_at = Some(now);
    }
    paid.updated_at = now;
    Ok(paid)
}

/// Dr 1000 Bank / Cr 1100 Accounts receivable, dated the payment's date.
fn payment_ledger_record(invoice: &Invoice, payment: &Payment) -> CoreResult<LedgerRecord> {
    let transaction = payment_postings(payment.amount, payment.currency)
        .map_err(|e| CoreError::internal(format!("payment postings: {e}")))?;
    Ok(LedgerRecord {
        id: payment.ledger_id.clone(),
        date: payment.date,
        description: format!("Payment of {}", invoice.number),
        document_id: Some(invoice.id.to_string()),
        document_number: Some(invoice.number.clone()),
        transaction,
        created_at: payment.created_at,
    })
}

/// Every payment of the invoice, oldest first (ids are UUID v7). 404 for
/// an unknown invoice. The invoice read and the payments' Query run side
/// by side: one round trip (more Query pages only past ~1 MB of payments).
pub async fn list_payments(
    ports: &Ports,
    account_id: &AccountId,
    invoice_id: &DocumentId,
) -> CoreResult<Vec<Payment>> {
    let table = ports.table.as_ref();
    let invoice_key = document_key(account_id, DocType::Invoice, invoice_id);
    let (invoice, payments) = tokio::join!(
        table.get(&invoice_key),
        payments_of(table, account_id, invoice_id)
    );
    if invoice?.is_none() {
        return Err(CoreError::NotFound);
    }
    payments
}

/// One payment of the invoice (what a payment's `Location` names): one
/// read, 404 when the invoice has no such payment.
pub async fn get_payment(
    ports: &Ports,
    account_id: &AccountId,
    invoice_id: &DocumentId,
    payment_id: &str,
) -> CoreResult<Payment> {
    match ports
        .table
        .get(&payment_key(account_id, invoice_id, payment_id))
        .await?
    {
        Some(item) => Ok(item.parse()?),
        None => Err(CoreError::NotFound),
    }
}

async fn payments_of(
    table: &dyn Table,
    account_id: &AccountId,
    invoice_id: &DocumentId,
) -> CoreResult<Vec<Payment>> {
    let first = Query::partition(account_pk(account_id), MAX_QUERY_LIMIT)
        .sk(SortKey::BeginsWith(payment_prefix(invoice_id)));
    let mut out = Vec::new();
    let mut next = None;
    loop {
        let page = table.query(&first.clone().after(next)).await?;
        for item in &page.items {
            out.push(item.parse::<Payment>()?);
        }
        match page.next {
            Some(last) => next = Some(last),
            None => return Ok(out),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn methods_parse_exactly() {
        for method in PaymentMethod::ALL {
            assert_eq!(PaymentMethod::parse(method.as_str()), Some(method));
            assert_eq!(
                serde_json::to_string(&method).unwrap(),
                format!("\"{}\"", method.as_str())
            );
        }
        assert_eq!(PaymentMethod::parse("Card"), None);
        assert_eq!(PaymentMethod::parse("paypal"), None);
        assert_eq!(
            PaymentMethod::choices(),
            "bank_transfer, card, cash, cheque or other"
        );
    }

    #[test]
    fn static_checks_collect_every_field() {
        let checked = check_static(&PaymentInput {
            method: " ".into(),
            reference: Some("r".repeat(256)),
            ..PaymentInput::default()
        });
        let fields: Vec<String> = checked
            .errors
            .into_vec()
            .into_iter()
            .map(|e| e.field)
            .collect();
        assert_eq!(fields, vec!["method", "reference"]);
        let checked = check_static(&PaymentInput {
            method: "cash".into(),
            reference: Some("  ".into()),
            ..PaymentInput::default()
        });
        assert!(checked.errors.is_empty());
        assert_eq!(checked.method, Some(PaymentMethod::Cash));
        assert_eq!(checked.reference, None);
    }
}
