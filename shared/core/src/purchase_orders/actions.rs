//! What happens to a purchase order after it is written (API.md §9):
//! `issue` (emails the supplier the PDF), `receive`, `bill`, `pay`,
//! `cancel`. Each checks `uome_domain::purchase_order_state` first (409
//! naming the current status), then its fields (422, every one at once),
//! and writes the order, its summary and its postings in one transaction.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use uome_domain::ledger::{bill_payment_postings, bill_postings, bill_tax};
use uome_domain::money::validate_money;
use uome_domain::purchase_order_state::{PurchaseOrderAction, PurchaseOrderStatus, check};
use uome_domain::{AccountId, Decimal, DocumentId, FieldErrors, format_amount};

use super::document::PurchaseOrderAt;
use super::record::{Bill, BillPayment, PurchaseOrder};
use super::store::{change_purchase_order, load_purchase_order};
use crate::documents::load::load_for_print;
use crate::documents::mail::{DocumentEmail, send_document_email};
use crate::documents::text::MAX_SHORT_CHARS;
use crate::documents::{Document, Viewer, transition_refused};
use crate::error::{CoreError, CoreResult};
use crate::invoices::payments::check_method_and_reference;
use crate::ledger::{LedgerRecord, ledger_write};
use crate::ports::Ports;
use crate::service::ServiceConfig;

/// Issues a draft: the PDF is emailed to the vendor, then the order is
/// `issued`. Refusals, in order: 404, 409 `invalid_status`, 403
/// `email_unverified`, 422 `contact_has_no_email`. A failed email writes
/// nothing; a retry sends again.
pub async fn issue_purchase_order(
    ports: &Ports,
    service: &ServiceConfig,
    account_id: &AccountId,
    user_id: &str,
    id: &DocumentId,
) -> CoreResult<PurchaseOrderAt> {
    let first = load_purchase_order(ports, account_id, id).await?;
    check(first.document.status, PurchaseOrderAction::Issue).map_err(transition_refused)?;
    let (at, ctx) =
        load_for_print::<PurchaseOrder>(ports, account_id, id, Viewer::Business).await?;
    let meta = PurchaseOrder::meta(&at)?;
    send_document_email(
        ports,
        service,
        account_id,
        DocumentEmail::ToSupplier,
        &meta,
        &at.document.body,
        &ctx,
        None,
    )
    .await?;
    change_purchase_order(ports, account_id, id, user_id, |po, _, now| {
        // The email is out: the order is issued unless it moved meanwhile.
        if check(po.status, PurchaseOrderAction::Issue).is_ok() {
            po.status = PurchaseOrderStatus::Issued;
            po.issued_at = Some(now);
        }
        Ok(Vec::new())
    })
    .await
}

/// One received line: the line's `uuid` and how many more arrived.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Receipt {
    pub uuid: String,
    pub quantity: Decimal,
}

/// Records goods received: 409 unless issued, partially received or
/// billed; 422 for an unknown line, a quantity ≤ 0 or more than is still
/// to come. The order becomes `received` once every line is in full.
pub async fn receive_purchase_order(
    ports: &Ports,
    account_id: &AccountId,
    user_id: &str,
    id: &DocumentId,
    receipts: Vec<Receipt>,
) -> CoreResult<PurchaseOrderAt> {
    change_purchase_order(ports, account_id, id, user_id, |po, _, _| {
        check(po.status, PurchaseOrderAction::Receive).map_err(transition_refused)?;
        let mut errors = FieldErrors::new();
        if receipts.is_empty() {
            errors.push("lines", "name at least one line");
        }
        let mut more: BTreeMap<usize, Decimal> = BTreeMap::new();
        for (i, receipt) in receipts.iter().enumerate() {
            let Some(at) = po.lines.iter().position(|l| l.uuid == receipt.uuid.trim()) else {
                errors.push(format!("lines[{i}].uuid"), "no such line on this order");
                continue;
            };
            if receipt.quantity <= Decimal::ZERO {
                errors.push(format!("lines[{i}].quantity"), "must be greater than 0");
                continue;
            }
            let ordered = po.body.input.lines[at].quantity;
            let total = *more.entry(at).or_default() + receipt.quantity;
            let left = ordered - po.lines[at].received;
            if total > left {
                errors.push(
                    format!("lines[{i}].quantity"),
                    format!("is more than is still to receive ({})", left.normalize()),
                );
            }
            more.insert(at, total);
        }
        errors.into_result()?;
        for (at, quantity) in more {
            let line = &mut po.lines[at];
            line.received += quantity;
            line.version += 1;
        }
        let complete = po
            .lines
            .iter()
            .zip(&po.body.input.lines)
            .all(|(line, ordered)| line.received >= ordered.quantity);
        if po.status != PurchaseOrderStatus::Billed {
            po.status = if complete {
                PurchaseOrderStatus::Received
            } else {
                PurchaseOrderStatus::PartiallyReceived
            };
        }
        Ok(Vec::new())
    })
    .await
}

/// The supplier's bill as the business books it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct BillInput {
    pub supplier_invoice_id: Option<String>,
    pub issue_date: Option<NaiveDate>,
    /// Default: the order's due date, else the bill's issue date.
    pub due_date: Option<NaiveDate>,
    pub total: Option<Decimal>,
}

/// Books the supplier's bill: Dr 5000 / Dr 2200 / Cr 2100. 409
/// `already_billed` or `invalid_status` (a draft, a cancelled order); 422
/// for a missing or bad `supplier_invoice_id`, `issue_date`, `total`.
pub async fn bill_purchase_order(
    ports: &Ports,
    account_id: &AccountId,
    user_id: &str,
    id: &DocumentId,
    input: BillInput,
) -> CoreResult<PurchaseOrderAt> {
    let ledger_id = ports.ids.new_id().to_string();
    change_purchase_order(ports, account_id, id, user_id, |po, _, now| {
        check(po.status, PurchaseOrderAction::Bill).map_err(transition_refused)?;
        let currency = po.body.currency();
        let mut errors = FieldErrors::new();
        let supplier_invoice_id = input
            .supplier_invoice_id
            .as_deref()
            .map(str::trim)
            .filter(|s| !s.is_empty());
        match supplier_invoice_id {
            None => errors.push("supplier_invoice_id", "is required"),
            Some(text) if text.chars().count() > MAX_SHORT_CHARS => errors.push(
                "supplier_invoice_id",
                format!("must be at most {MAX_SHORT_CHARS} characters"),
            ),
            Some(_) => {}
        }
        if input.issue_date.is_none() {
            errors.push("issue_date", "is required");
        }
        let total = match input.total {
            None => {
                errors.push("total", "is required");
                None
            }
            Some(total) if total <= Decimal::ZERO => {
                errors.push("total", "must be greater than 0");
                None
            }
            Some(total) => match validate_money(total, currency) {
                Ok(total) => Some(total),
                Err(e) => {
                    errors.push("total", e.to_string());
                    None
                }
            },
        };
        let issue_date = input.issue_date.unwrap_or(po.body.issue_date);
        let due_date = input.due_date.or(po.due_date).unwrap_or(issue_date);
        if due_date < issue_date {
            errors.push(
                "due_date",
                format!("must not be before the bill's issue date ({issue_date})"),
            );
        }
        errors.into_result()?;
        let (Some(total), Some(supplier_invoice_id)) = (total, supplier_invoice_id) else {
            return Err(CoreError::internal("bill checks passed without a value"));
        };
        let tax = bill_tax(po.body.total(), po.body.tax_amount(), total, currency);
        let transaction = bill_postings(total, tax, currency)
            .map_err(|e| CoreError::internal(format!("bill postings: {e}")))?;
        po.status = PurchaseOrderStatus::Billed;
        po.supplier_invoice_id = Some(supplier_invoice_id.to_string());
        po.bill = Some(Bill {
            supplier_invoice_id: supplier_invoice_id.to_string(),
            issue_date,
            due_date,
            total,
            tax,
            paid: Decimal::ZERO,
            payments: Vec::new(),
            ledger_id: ledger_id.clone(),
            booked_at: now,
        });
        Ok(vec![ledger_write(
            account_id,
            &LedgerRecord {
                id: ledger_id.clone(),
                date: issue_date,
                description: format!(
                    "Bill {supplier_invoice_id} for purchase order {}",
                    po.number
                ),
                document_id: Some(po.id.to_string()),
                document_number: Some(po.number.clone()),
                transaction,
                created_at: now,
            },
        )?])
    })
    .await
}

/// A payment of the bill.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct PayInput {
    /// Default: all that is outstanding.
    pub amount: Option<Decimal>,
    /// Default today; not before the bill, not in the future.
    pub date: Option<NaiveDate>,
    pub method: String,
}

/// Pays the bill, in full or in part: Dr 2100 / Cr 1000. 409 unless
/// billed; 422 on `amount` (≤ 0, over what is outstanding, not an amount
/// of the currency), `date`, `method`.
pub async fn pay_purchase_order(
    ports: &Ports,
    account_id: &AccountId,
    user_id: &str,
    id: &DocumentId,
    input: PayInput,
) -> CoreResult<PurchaseOrderAt> {
    let payment_id = ports.ids.new_id().to_string();
    let ledger_id = ports.ids.new_id().to_string();
    change_purchase_order(ports, account_id, id, user_id, |po, today, now| {
        check(po.status, PurchaseOrderAction::Pay).map_err(transition_refused)?;
        let currency = po.body.currency();
        let number = po.number.clone();
        let po_id = po.id.to_string();
        let Some(bill) = po.bill.as_mut() else {
            return Err(CoreError::internal("a billed order without its bill"));
        };
        let checked = check_method_and_reference(&input.method, None);
        let mut errors = checked.errors;
        let outstanding = bill.outstanding();
        let amount = input.amount.unwrap_or(outstanding);
        if amount <= Decimal::ZERO {
            errors.push(
                "amount",
                if outstanding.is_zero() {
                    "the bill is paid in full".to_string()
                } else {
                    "must be greater than 0".to_string()
                },
            );
        } else if amount > outstanding {
            errors.push(
                "amount",
                format!(
                    "must not exceed what is outstanding ({} {currency})",
                    format_amount(outstanding, currency)
                ),
            );
        } else if let Err(e) = validate_money(amount, currency) {
            errors.push("amount", e.to_string());
        }
        let date = input.date.unwrap_or(today);
        if date < bill.issue_date {
            errors.push(
                "date",
                format!("must not be before the bill ({})", bill.issue_date),
            );
        } else if date > today {
            errors.push(
                "date",
                format!("must not be in the future (today is {today})"),
            );
        }
        errors.into_result()?;
        let Some(method) = checked.method else {
            return Err(CoreError::internal(
                "payment checks passed without a method",
            ));
        };
        let transaction = bill_payment_postings(amount, currency)
            .map_err(|e| CoreError::internal(format!("bill payment postings: {e}")))?;
        bill.paid += amount;
        bill.payments.push(BillPayment {
            id: payment_id.clone(),
            amount,
            date,
            method,
            ledger_id: ledger_id.clone(),
            created_at: now,
        });
        Ok(vec![ledger_write(
            account_id,
            &LedgerRecord {
                id: ledger_id.clone(),
                date,
                description: format!("Payment of the bill of purchase order {number}"),
                document_id: Some(po_id),
                document_number: Some(number),
                transaction,
                created_at: now,
            },
        )?])
    })
    .await
}

/// Cancels the order: 409 once billed (credit the bill instead, which is
/// not in scope) or already cancelled.
pub async fn cancel_purchase_order(
    ports: &Ports,
    account_id: &AccountId,
    user_id: &str,
    id: &DocumentId,
) -> CoreResult<PurchaseOrderAt> {
    change_purchase_order(ports, account_id, id, user_id, |po, _, now| {
        check(po.status, PurchaseOrderAction::Cancel).map_err(transition_refused)?;
        po.status = PurchaseOrderStatus::Cancelled;
        po.cancelled_at = Some(now);
        Ok(Vec::new())
    })
    .await
}
