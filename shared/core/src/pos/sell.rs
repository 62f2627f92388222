//! `POST /v1/pos/sales`: a sale at the till. One batch read (company,
//! settings, the receipt counter, the contact if one is named, the
//! catalogue items of the lines) and **one** transaction: the receipt
//! counter, the paid invoice (`source: pos`, numbered in the receipt
//! series), the sale, the payment, the ledger's issue posting and its
//! payment posting (with the cash rounding on 4900), and the contact's
//! reference. There is never a sale without its invoice, nor an invoice
//! without its money; twenty sales at once get twenty consecutive
//! receipts.
//!
//! The receipt and its invoice share one number (`RCT-0001`): the till's
//! own series, so the business's invoice series stays gap-free for the
//! invoices it issues itself.

use uome_domain::cash_rounding::{cash_increment, settle_cash};
use uome_domain::ledger::cash_payment_postings;
use uome_domain::{
    AccountId, ContactId, Decimal, DocumentId, DomainError, FieldErrors, LineInput, format_amount,
};

use super::receipt::email_receipt;
use super::record::{Sale, sale_item};
use crate::accounts::ensure_can_email_third_parties;
use crate::contacts::{add_reference, contact_busy};
use crate::documents::draft::Customer;
use crate::documents::{
    Document, DraftInput, MAX_ATTEMPTS, NumberedOutcome, document_item, read_for_draft,
    too_much_contention, transact_numbered,
};
use crate::error::{CoreError, CoreResult};
use crate::invoices::issue::apply_issue;
use crate::invoices::payments::{Payment, PaymentMethod, payment_item};
use crate::invoices::record::issue_ledger_record;
use crate::invoices::{Invoice, InvoiceSource};
use crate::keys::{DocType, document_counter_key};
use crate::ledger::{LedgerRecord, ledger_write};
use crate::ports::{Condition, Ports, Write};
use crate::service::ServiceConfig;

/// A sale as the till sends it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SaleInput {
    /// Document lines (API.md §2): catalogue items or free lines.
    pub lines: Vec<LineInput>,
    /// Default: the contact's currency, else the account's.
    pub currency: Option<String>,
    pub prices_include_tax: bool,
    /// `cash`, `card` or `other`.
    pub payment_method: String,
    /// Cash only: what the customer handed over (default: exactly what is
    /// due). Card and other take the exact amount.
    pub amount_tendered: Option<Decimal>,
    /// A customer of the account; absent for a walk-in customer.
    pub contact_id: Option<String>,
    /// Where to email the receipt (needs a verified account).
    pub email_receipt_to: Option<String>,
}

/// The sale and its paid invoice.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SaleRecorded {
    pub sale: Sale,
    pub invoice: Invoice,
}

/// The methods a till takes.
pub const TILL_METHODS: [PaymentMethod; 3] = [
    PaymentMethod::Cash,
    PaymentMethod::Card,
    PaymentMethod::Other,
];

/// What changes hands: (paid, rounding, tendered, change).
fn settle(
    method: PaymentMethod,
    total: Decimal,
    tendered: Option<Decimal>,
    step: Decimal,
    currency: uome_domain::Currency,
) -> Result<(Decimal, Decimal, Decimal, Decimal), DomainError> {
    if method == PaymentMethod::Cash {
        let s = settle_cash(total, tendered, currency, step)?;
        return Ok((s.due, s.rounding, s.due + s.change, s.change));
    }
    match tendered {
        Some(given) if given != total => {
            Err(DomainError::Validation(vec![uome_domain::FieldError::new(
                "amount_tendered",
                format!(
                    "{} takes the exact amount ({} {currency})",
                    method.as_str(),
                    format_amount(total, currency)
                ),
            )]))
        }
        _ => Ok((total, Decimal::ZERO, total, Decimal::ZERO)),
    }
}

/// Records a sale. Refusals: 403 `email_unverified` for a receipt email
/// from an unverified account; 422 for every bad field (lines, currency,
/// `payment_method`, `email_receipt_to`, a contact that is not a customer,
/// then cash tendered below the rounded total).
pub async fn record_sale(
    ports: &Ports,
    service: &ServiceConfig,
    account_id: &AccountId,
    input: SaleInput,
) -> CoreResult<SaleRecorded> {
    let table = ports.table.as_ref();
    let mut errors = FieldErrors::new();
    let method = match PaymentMethod::parse(input.payment_method.trim()) {
        Some(m) if TILL_METHODS.contains(&m) => Some(m),
        _ => {
            errors.push("payment_method", "must be cash, card or other");
            None
        }
    };
    let receipt_to = match input
        .email_receipt_to
        .as_deref()
        .map(str::trim)
        .filter(|e| !e.is_empty())
    {
        None => None,
        Some(text) => match uome_domain::email::Email::parse(text) {
            Ok(email) => Some(email.into_string()),
            Err(e) => {
                errors.push("email_receipt_to", e.to_string());
                None
            }
        },
    };
    if input.lines.is_empty() {
        errors.push("lines", "a sale needs at least one line");
    }
    let draft = DraftInput {
        contact_id: ContactId::from(input.contact_id.clone().unwrap_or_default().trim()),
        currency: input.currency.clone(),
        prices_include_tax: input.prices_include_tax,
        lines: input.lines.clone(),
        ..DraftInput::default()
    };
    let sale_id = ports.ids.new_id().to_string();
    let invoice_id = DocumentId::from(ports.ids.new_id());
    let payment_id = ports.ids.new_id().to_string();
    let issue_ledger_id = ports.ids.new_id().to_string();
    let payment_ledger_id = ports.ids.new_id().to_string();
    let counter_key = document_counter_key(account_id, DocType::Sale);
    let mut checked_email = false;
    for _ in 0..MAX_ATTEMPTS {
        let ctx = read_for_draft(table, account_id, DocType::Sale, &draft, Vec::new()).await?;
        let now = ports.clock.now();
        let today = ctx.today(now);
        let prepared = ctx.prepare_for(draft.clone(), today, errors.clone(), Customer::Optional)?;
        let Some(method) = method else {
            return Err(CoreError::internal("sale checks passed without a method"));
        };
        let body = prepared.body;
        let currency = body.currency();
        let total = body.total();
        let step = cash_increment(currency, ctx.settings.cash_rounding);
        let (paid, rounding, tendered, change) =
            settle(method, total, input.amount_tendered, step, currency)?;
        if receipt_to.is_some() && !checked_email {
            ensure_can_email_third_parties(table, account_id).await?;
            checked_email = true;
        }

        let mut invoice = Invoice::new_draft(
            invoice_id.clone(),
            body,
            today,
            InvoiceSource::Pos,
            Some(sale_id.clone()),
            now,
        );
        apply_issue(&mut invoice, now)?;
        invoice.amount_paid = total;
        invoice.payment_count = u32::from(!total.is_zero());
        invoice.status = invoice.settled_status();
        invoice.paid_at = Some(now);
        let contact_id =
            (!invoice.body.contact_id.is_empty()).then(|| invoice.body.contact_id.to_string());
        let sale = Sale {
            id: sale_id.clone(),
            receipt_number: String::new(),
            invoice_id: invoice_id.to_string(),
            currency,
            payment_method: method,
            total,
            tax_breakdown: invoice.body.totals.tax_breakdown.clone(),
            tax_amount: invoice.body.tax_amount(),
            amount_paid: paid,
            rounding,
            amount_tendered: tendered,
            change_due: change,
            contact_id: contact_id.clone(),
            email_receipt_to: receipt_to.clone(),
            refunded: Decimal::ZERO,
            paid_back: Decimal::ZERO,
            refund_ids: Vec::new(),
            local_date: today,
            sold_at: now,
            version: 1,
        };

        let numbering = &ctx.settings.numbering;
        let mut written = (sale.clone(), invoice.clone());
        let mut lock_at = usize::MAX;
        let outcome = transact_numbered(
            table,
            &counter_key,
            ctx.counter_item(),
            |n| numbering.format(&numbering.receipt_prefix, n),
            |number| {
                let mut invoice = invoice.clone();
                invoice.number = number.to_string();
                let mut sale = sale.clone();
                sale.receipt_number = number.to_string();
                let mut writes = vec![
                    Write::Put {
                        item: document_item(account_id, &invoice, 1)?,
                        condition: Condition::NotExists,
                    },
                    Write::Put {
                        item: sale_item(account_id, &sale, 1)?,
                        condition: Condition::NotExists,
                    },
                ];
                lock_at = add_reference(
                    &mut writes,
                    account_id,
                    &invoice.body.contact_id,
                    &invoice.sk(),
                );
                if let Some(issue) = issue_ledger_record(&invoice, issue_ledger_id.clone(), now)? {
                    writes.push(ledger_write(account_id, &issue)?);
                }
                if !total.is_zero() {
                    let payment = Payment {
                        id: payment_id.clone(),
                        invoice_id: invoice.id.to_string(),
                        amount: total,
                        currency,
                        date: today,
                        method,
                        reference: Some(format!("Receipt {number}")),
                        ledger_id: payment_ledger_id.clone(),
                        created_at: now,
                        contact_id: contact_id.clone(),
                        invoice_number: Some(number.to_string()),
                        credit_note_id: None,
                        reversed_at: None,
                        reversal_reason: None,
                        reversal_ledger_id: None,
                    };
                    let transaction = cash_payment_postings(total, rounding, currency)
                        .map_err(|e| CoreError::internal(format!("sale postings: {e}")))?;
                    writes.push(Write::Put {
                        item: payment_item(account_id, &payment, 1)?,
                        condition: Condition::NotExists,
                    });
                    writes.push(ledger_write(
                        account_id,
                        &LedgerRecord {
                            id: payment_ledger_id.clone(),
                            date: today,
                            description: format!("Payment of {number}"),
                            document_id: Some(invoice.id.to_string()),
                            document_number: Some(number.to_string()),
                            transaction,
                            created_at: now,
                        },
                    )?);
                }
                written = (sale, invoice);
                Ok(writes)
            },
        )
        .await?;
        match outcome {
            NumberedOutcome::Done { .. } => {
                let (sale, invoice) = written;
                if let Some(to) = &sale.email_receipt_to {
                    email_receipt(ports, service, account_id, &sale, &invoice, to).await;
                }
                return Ok(SaleRecorded { sale, invoice });
            }
            NumberedOutcome::Failed(failed) if failed.contains(&lock_at) => {
                return Err(contact_busy());
            }
            NumberedOutcome::Failed(failed) if failed.contains(&0) || failed.contains(&1) => {
                return Err(CoreError::internal("a new sale id is already taken"));
            }
            // The contact vanished since it was read: the re-read answers
            // the 422 of an unknown contact.
            NumberedOutcome::Failed(_) => continue,
        }
    }
    Err(too_much_contention())
}
