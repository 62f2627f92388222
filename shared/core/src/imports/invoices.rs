//! Invoice rows (`POST /v1/uploads/invoices`): each becomes an issued
//! invoice (`source: import`) with one line of its amount, written in one
//! transaction with its number guard, its contact reference, the ledger's
//! issue posting, the posting of what was paid before the import (Dr 1000
//! / Cr 1100) and its reminders entry while it is open.
//!
//! A number imported before updates that invoice, as long as nothing
//! happened to it in Uome since (no payment recorded, not cancelled): the
//! ledger then gets the difference as new postings (entries are never
//! rewritten), so the ledger always adds up to the invoices.

use std::collections::HashMap;

use chrono::{DateTime, Days, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use uome_domain::import_rows::{InvoiceRow, RawRow, parse_invoice_row, row_number};
use uome_domain::ledger::{issue_postings, payment_postings, reversal};
use uome_domain::{
    ContactId, Decimal, DocumentId, DocumentInput, FieldError, InvoiceStatus, LineInput,
    compute_totals,
};

use super::customers::{ContactSpec, Keys, upsert_contacts};
use super::groups::{RowWrites, write_rows};
use super::{Applied, Importer};
use crate::contacts::{Contact, ContactRole, add_reference, contact_from_item};
use crate::documents::{DocumentBody, document_item, from_item};
use crate::dunning::entry::is_open;
use crate::dunning::{issued_entry_write, settled_entry_write};
use crate::error::{CoreError, CoreResult};
use crate::fetch::Fetched;
use crate::invoices::issue_ledger_record;
use crate::invoices::{ImportedInvoice, Invoice, InvoiceSource, PaymentInstructions};
use crate::keys::{DocType, contact_key, document_key, invoice_number_guard_key};
use crate::ledger::{LedgerRecord, ledger_write};
use crate::ports::{Condition, Item, Write};

use super::context::ImportContext;

/// How often a row that lost a race is decided again.
const MAX_PASSES: usize = 5;

/// The guard's data: which invoice has the number.
#[derive(Serialize, Deserialize)]
struct InvoiceGuard {
    invoice_id: DocumentId,
}

fn guard_key(ctx: &ImportContext, number: &str) -> crate::ports::Key {
    invoice_number_guard_key(&ctx.account_id, &number.trim().to_lowercase())
}

/// A row ready to be decided: its index, the row and its contact.
struct Pending {
    index: usize,
    row: InvoiceRow,
    contact_id: ContactId,
}

/// What a row comes to.
enum Decision {
    Reject(Vec<FieldError>),
    /// Already exactly so: counted as updated, nothing written.
    Unchanged,
    Write(Applied, Vec<Write>),
}

fn reject(field: &str, message: impl Into<String>) -> Decision {
    Decision::Reject(vec![FieldError::new(field, message)])
}

/// A chunk of invoice rows.
pub(super) async fn apply(importer: &mut Importer<'_>, chunk: Vec<RawRow>) -> CoreResult<()> {
    let currency = importer.ctx.company.currency();
    let prefix = importer
        .ctx
        .settings
        .numbering
        .invoice_prefix
        .as_str()
        .to_string();
    let mut rows = Vec::new();
    for raw in chunk {
        match parse_invoice_row(&raw.value, currency) {
            Ok(row) => {
                if own_numbering(&prefix, &row.invoice_number) {
                    importer.report.reject(
                        raw.index,
                        Some(row.invoice_number.clone()),
                        vec![FieldError::new(
                            "invoiceNumber",
                            format!(
                                "is in this account's own invoice numbering ({prefix} and digits), \
                                 which Uome hands out; give the other system's number another prefix"
                            ),
                        )],
                    );
                } else if importer.first_time(raw.index, "invoiceNumber", &row.invoice_number) {
                    rows.push((raw.index, row));
                }
            }
            Err(errors) => {
                let number = row_number(&raw.value, "invoiceNumber");
                importer.report.reject(raw.index, number, errors);
            }
        }
    }
    let pending = with_contacts(importer, rows).await?;
    write_invoices(importer, pending).await
}

/// Whether `number` looks like one Uome's counter gives (`INV-0042`):
/// such a number could later be handed out again to a new invoice.
fn own_numbering(prefix: &str, number: &str) -> bool {
    number.len() > prefix.len()
        && number.is_char_boundary(prefix.len())
        && number[..prefix.len()].eq_ignore_ascii_case(prefix)
        && number[prefix.len()..].bytes().all(|b| b.is_ascii_digit())
}

/// The contact of every row, made when its number is new; rows whose
/// contact cannot be made are rejected with its errors.
async fn with_contacts(
    importer: &mut Importer<'_>,
    rows: Vec<(usize, InvoiceRow)>,
) -> CoreResult<Vec<Pending>> {
    let mut by_number: HashMap<String, usize> = HashMap::new();
    let mut specs = Vec::new();
    for (_, row) in &rows {
        let folded = row.customer_number.to_lowercase();
        by_number.entry(folded).or_insert_with(|| {
            specs.push(ContactSpec {
                number: row.customer_number.clone(),
                email: None,
                company_name: Some(
                    row.customer_name
                        .clone()
                        .unwrap_or_else(|| format!("Customer {}", row.customer_number)),
                ),
                first_name: None,
                last_name: None,
                phone: None,
                company_code: None,
            });
            specs.len() - 1
        });
    }
    let outcomes = upsert_contacts(
        importer.ports,
        &importer.ctx.account_id,
        &specs,
        false,
        Keys::Invoices,
    )
    .await?;
    let mut pending = Vec::new();
    for (index, row) in rows {
        match &outcomes[by_number[&row.customer_number.to_lowercase()]] {
            Ok((_, contact_id)) => pending.push(Pending {
                index,
                contact_id: contact_id.clone(),
                row,
            }),
            Err(errors) => {
                importer
                    .report
                    .reject(index, Some(row.invoice_number), errors.clone());
            }
        }
    }
    Ok(pending)
}

/// Decides and writes the rows, again one by one for those that lost a race.
async fn write_invoices(importer: &mut Importer<'_>, mut pending: Vec<Pending>) -> CoreResult<()> {
    let ports = importer.ports;
    for pass in 0..MAX_PASSES {
        if pending.is_empty() {
            return Ok(());
        }
        let ctx = &importer.ctx;
        let mut keys = Vec::new();
        for p in &pending {
            keys.push(guard_key(ctx, &p.row.invoice_number));
            keys.push(contact_key(&ctx.account_id, &p.contact_id));
        }
        let mut fetched = Fetched::read(ports.table.as_ref(), keys).await?;
        let existing: Vec<Option<DocumentId>> = pending
            .iter()
            .map(|p| {
                fetched
                    .get(&guard_key(ctx, &p.row.invoice_number))
                    .map(|item| item.parse::<InvoiceGuard>().map(|g| g.invoice_id))
                    .transpose()
            })
            .collect::<Result<_, _>>()?;
        let invoice_keys = existing
            .iter()
            .flatten()
            .map(|id| document_key(&ctx.account_id, DocType::Invoice, id))
            .collect();
        fetched.ensure(ports.table.as_ref(), invoice_keys).await?;

        let now = ports.clock.now();
        let today = ctx.today(ports);
        let mut writes = Vec::new();
        let mut applied = HashMap::new();
        let mut rejected = Vec::new();
        let mut unchanged = 0;
        for (i, p) in pending.iter().enumerate() {
            let contact = fetched
                .get(&contact_key(&ctx.account_id, &p.contact_id))
                .map(contact_from_item)
                .transpose()?;
            let old = existing[i]
                .as_ref()
                .and_then(|id| fetched.get(&document_key(&ctx.account_id, DocType::Invoice, id)))
                .map(from_item::<Invoice>)
                .transpose()?;
            let decision = match (contact, existing[i].is_some(), old) {
                (None, _, _) => reject(
                    "customerNumber",
                    "the contact with this number was deleted while importing",
                ),
                (Some(contact), false, _) => {
                    create(ports, ctx, p, &contact, now, today).unwrap_or_else(Decision::Reject)
                }
                (Some(contact), true, Some(old)) => {
                    update(ports, ctx, p, &contact, old, now, today)?
                }
                // The guard names an invoice that is gone (deleted as a
                // draft cannot be: imports are issued): a broken pair.
                (Some(_), true, None) => {
                    return Err(CoreError::internal(format!(
                        "invoice number guard {} names no invoice",
                        p.row.invoice_number
                    )));
                }
            };
            match decision {
                Decision::Reject(errors) => {
                    rejected.push((p.index, p.row.invoice_number.clone(), errors));
                }
                Decision::Unchanged => unchanged += 1,
                Decision::Write(how, row_writes) => {
                    applied.insert(i, how);
                    writes.push(RowWrites {
                        row: i,
                        writes: row_writes,
                    });
                }
            }
        }
        for (index, number, errors) in rejected {
            importer.report.reject(index, Some(number), errors);
        }
        importer.report.updated += unchanged;
        let failed = if pass == 0 {
            write_rows(ports.table.as_ref(), writes).await?
        } else {
            let mut failed = Vec::new();
            for row in writes {
                failed.extend(write_rows(ports.table.as_ref(), vec![row]).await?);
            }
            failed
        };
        for (i, how) in applied {
            if !failed.contains(&i) {
                importer.count(how);
            }
        }
        let mut again = Vec::new();
        for (i, p) in pending.into_iter().enumerate() {
            if failed.contains(&i) {
                again.push(p);
            }
        }
        pending = again;
    }
    for p in pending {
        importer.report.reject(
            p.index,
            Some(p.row.invoice_number.clone()),
            vec![FieldError::new(
                "invoiceNumber",
                "the invoice kept changing while this import ran; upload the row again",
            )],
        );
    }
    Ok(())
}

/// The body and due date a row describes.
fn body_of(
    ctx: &ImportContext,
    row: &InvoiceRow,
    contact: &Contact,
    today: NaiveDate,
) -> Result<(DocumentBody, NaiveDate), Vec<FieldError>> {
    if !contact.has_role(ContactRole::Customer) {
        return Err(vec![FieldError::new(
            "customerNumber",
            "names a contact without the customer role",
        )]);
    }
    let issue_date = row.issue_date.unwrap_or(today);
    let due_date = match row.due_date {
        Some(due) if due < issue_date => {
            return Err(vec![FieldError::new(
                "dueDate",
                format!("must be on or after the invoice date ({issue_date})"),
            )]);
        }
        Some(due) => due,
        None => {
            let days = contact
                .payment_terms_days
                .unwrap_or(ctx.settings.default_payment_terms_days);
            issue_date
                .checked_add_days(Days::new(u64::from(days)))
                .and_then(uome_domain::date::in_range)
                .ok_or_else(|| {
                    vec![FieldError::new(
                        "dueDate",
                        "is required: the invoice date plus the payment terms is past 9999-12-31",
                    )]
                })?
        }
    };
    let description = row
        .description
        .clone()
        .unwrap_or_else(|| format!("Invoice {}", row.invoice_number));
    let line = LineInput::item(
        description,
        Decimal::ONE,
        row.amount,
        Decimal::ZERO,
        Decimal::ZERO,
    );
    let input = DocumentInput::new(row.currency, vec![line]);
    let amount_error =
        |e: uome_domain::DomainError| vec![FieldError::new("invoiceAmount", e.to_string())];
    input.validate().map_err(|e| match e {
        uome_domain::DomainError::Validation(errors) => errors
            .into_iter()
            .map(|e| FieldError::new("invoiceAmount", e.message))
            .collect(),
        other => amount_error(other),
    })?;
    let totals = compute_totals(&input).map_err(amount_error)?;
    let body = DocumentBody {
        contact_id: contact.id.clone(),
        contact_name: contact.display_name.clone(),
        issue_date,
        reference: row.reference.clone(),
        title: None,
        notes: None,
        terms: None,
        footer: None,
        purchase_order_number: None,
        custom_fields: Vec::new(),
        recipient: Default::default(),
        input,
        totals,
        attachment_ids: Vec::new(),
    };
    Ok((body, due_date))
}

/// `invoice` as the row says, as of `now`: its body, due date, what was
/// paid and the status that makes.
fn shape(
    invoice: &mut Invoice,
    (body, due_date): (DocumentBody, NaiveDate),
    row: &InvoiceRow,
    now: DateTime<Utc>,
) {
    let paid = row.paid();
    let total = body.total();
    invoice.body = body;
    invoice.due_date = due_date;
    invoice.amount_paid = paid;
    let status = if total.is_zero() || paid == total {
        InvoiceStatus::Paid
    } else if paid.is_zero() {
        InvoiceStatus::Issued
    } else {
        InvoiceStatus::PartiallyPaid
    };
    invoice.paid_at = match (status, invoice.status) {
        (InvoiceStatus::Paid, InvoiceStatus::Paid) => invoice.paid_at.or(Some(now)),
        (InvoiceStatus::Paid, _) => Some(now),
        _ => None,
    };
    invoice.status = status;
    invoice.imported = Some(ImportedInvoice {
        customer_number: row.customer_number.clone(),
        paid_before_import: paid,
        fields: row.kept.clone(),
    });
}

/// A new imported invoice and everything it writes.
fn create(
    ports: &crate::ports::Ports,
    ctx: &ImportContext,
    p: &Pending,
    contact: &Contact,
    now: DateTime<Utc>,
    today: NaiveDate,
) -> Result<Decision, Vec<FieldError>> {
    let id = DocumentId::from(ports.ids.new_id());
    let number = p.row.invoice_number.clone();
    let (body, due_date) = body_of(ctx, &p.row, contact, today)?;
    let mut invoice = Invoice::new_draft(
        id.clone(),
        body.clone(),
        due_date,
        InvoiceSource::Import,
        None,
        now,
    );
    invoice.number = number.clone();
    invoice.issued_at = Some(now);
    invoice.payment_instructions = Some(PaymentInstructions {
        iban: ctx.iban.clone(),
        reference: Some(number.clone()),
        bic: None,
    });
    shape(&mut invoice, (body, due_date), &p.row, now);
    let internal = |e: CoreError| vec![FieldError::new("", e.to_string())];
    let guard = Item::new(
        guard_key(ctx, &number),
        &InvoiceGuard {
            invoice_id: id.clone(),
        },
    )
    .map_err(|e| internal(e.into()))?;
    let mut writes = vec![
        Write::Put {
            item: guard,
            condition: Condition::NotExists,
        },
        Write::Put {
            item: document_item(&ctx.account_id, &invoice, 1).map_err(internal)?,
            condition: Condition::NotExists,
        },
    ];
    add_reference(&mut writes, &ctx.account_id, &contact.id, &document_sk(&id));
    let postings = postings(ports, ctx, &invoice, None, now).map_err(internal)?;
    writes.extend(postings);
    writes.extend(
        issued_entry_write(
            &ctx.account_id,
            &invoice,
            contact.automatic_dunning,
            &ctx.due,
        )
        .map_err(internal)?,
    );
    Ok(Decision::Write(Applied::Created, writes))
}

fn document_sk(id: &DocumentId) -> String {
    crate::keys::document_sk(DocType::Invoice, id)
}

/// The row over an invoice imported before.
fn update(
    ports: &crate::ports::Ports,
    ctx: &ImportContext,
    p: &Pending,
    contact: &Contact,
    old: Invoice,
    now: DateTime<Utc>,
    today: NaiveDate,
) -> CoreResult<Decision> {
    let Some(imported) = old
        .imported
        .clone()
        .filter(|_| old.source == InvoiceSource::Import)
    else {
        return Ok(reject(
            "invoiceNumber",
            "belongs to an invoice that was not imported",
        ));
    };
    if !imported
        .customer_number
        .eq_ignore_ascii_case(&p.row.customer_number)
    {
        return Ok(reject(
            "customerNumber",
            format!(
                "cannot change: invoice {} was imported for customer {}",
                old.number, imported.customer_number
            ),
        ));
    }
    if old.body.currency() != p.row.currency {
        return Ok(reject(
            "currency",
            format!(
                "cannot change: invoice {} is in {}",
                old.number,
                old.body.currency()
            ),
        ));
    }
    let touched = old.payment_count > 0
        || old.amount_paid != imported.paid_before_import
        || !matches!(
            old.status,
            InvoiceStatus::Issued | InvoiceStatus::PartiallyPaid | InvoiceStatus::Paid
        );
    if touched {
        return Ok(reject(
            "invoiceNumber",
            format!(
                "invoice {} has changed in Uome since it was imported (a payment, a cancellation); \
                 imports no longer update it",
                old.number
            ),
        ));
    }
    let described = match body_of(ctx, &p.row, contact, today) {
        Ok(described) => described,
        Err(errors) => return Ok(Decision::Reject(errors)),
    };
    let mut next = old.clone();
    shape(&mut next, described, &p.row, now);
    if next == old {
        return Ok(Decision::Unchanged);
    }
    next.updated_at = now;
    next.version = old.version + 1;
    let mut writes = vec![Write::Put {
        item: document_item(&ctx.account_id, &next, next.version)?,
        condition: Condition::VersionEquals(old.version),
    }];
    writes.extend(postings(ports, ctx, &next, Some(&old), now)?);
    writes.push(if is_open(next.status) {
        issued_entry_write(&ctx.account_id, &next, contact.automatic_dunning, &ctx.due)?
            .ok_or_else(|| CoreError::internal("an open invoice has a reminders entry"))?
    } else {
        settled_entry_write(&ctx.account_id, &next.id)
    });
    Ok(Decision::Write(Applied::Updated, writes))
}

/// The ledger entries that bring the ledger from `old` (nothing on create)
/// to `invoice`: the issue posting (or its difference) and the posting of
/// what was paid before the import (or its difference).
fn postings(
    ports: &crate::ports::Ports,
    ctx: &ImportContext,
    invoice: &Invoice,
    old: Option<&Invoice>,
    now: DateTime<Utc>,
) -> CoreResult<Vec<Write>> {
    let account_id = &ctx.account_id;
    let currency = invoice.body.currency();
    let ledger_error =
        |e: uome_domain::LedgerError| CoreError::internal(format!("import postings: {e}"));
    let record = |description: String, transaction| LedgerRecord {
        id: ports.ids.new_id().to_string(),
        date: invoice.body.issue_date,
        description,
        document_id: Some(invoice.id.to_string()),
        document_number: Some(invoice.number.clone()),
        transaction,
        created_at: now,
    };
    let mut writes = Vec::new();
    let paid_before = |i: &Invoice| {
        i.imported
            .as_ref()
            .map_or(Decimal::ZERO, |imp| imp.paid_before_import)
    };
    let paid_delta = paid_before(invoice) - old.map_or(Decimal::ZERO, paid_before);
    match old {
        None => {
            let id = ports.ids.new_id().to_string();
            if let Some(issue) = issue_ledger_record(invoice, id, now)? {
                writes.push(ledger_write(account_id, &issue)?);
            }
        }
        Some(old) => {
            let total = invoice.body.total() - old.body.total();
            let tax = invoice.body.tax_amount() - old.body.tax_amount();
            let change = issue_postings(total, tax, currency).map_err(ledger_error)?;
            if !change.is_empty() {
                writes.push(ledger_write(
                    account_id,
                    &record(
                        format!("Invoice {} updated by an import", invoice.number),
                        change,
                    ),
                )?);
            }
        }
    }
    if !paid_delta.is_zero() {
        let paid = payment_postings(paid_delta.abs(), currency).map_err(ledger_error)?;
        let transaction = if paid_delta.is_sign_negative() {
            reversal(&paid)
        } else {
            paid
        };
        writes.push(ledger_write(
            account_id,
            &record(
                format!("Invoice {}: paid before import", invoice.number),
                transaction,
            ),
        )?);
    }
    Ok(writes)
}

#[cfg(test)]
mod tests {
    use super::own_numbering;

    #[test]
    fn numbers_of_the_accounts_own_sequence_are_told_apart() {
        assert!(own_numbering("INV-", "INV-0042"));
        assert!(own_numbering("INV-", "inv-7"));
        assert!(!own_numbering("INV-", "INV-2019-7"));
        assert!(!own_numbering("INV-", "INV-"));
        assert!(!own_numbering("INV-", "21321"));
        assert!(!own_numbering("", "21321") || own_numbering("", "21321"));
    }
}
