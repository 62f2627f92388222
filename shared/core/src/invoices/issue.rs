//! `POST /v1/invoices/{id}/issue`: draft → issued (AbaNinja's markSent),
//! without email. The status change and the ledger's issue transaction
//! (Dr 1100 total / Cr 4000 net / Cr 2200 tax) are written in **one**
//! table transaction, so there is never an issued invoice without its
//! posting or a posting without its invoice. A zero invoice is `paid` the
//! moment it is issued and posts nothing; a negative one is refused (422
//! on `total`: that is a credit note's job).
//!
//! Create with `status: issued` and send of a draft use the same
//! [`apply_issue`] and [`issue_ledger_write`], so the three ways of issuing
//! cannot disagree.

use chrono::{DateTime, Utc};
use uome_domain::AccountId;
use uome_domain::invoice_state::{check, check_issuable_total, status_when_issued};
use uome_domain::{ContactId, DocumentId};
use uome_domain::{InvoiceAction, InvoiceStatus};

use super::document::InvoiceAt;
use super::record::{Invoice, issue_ledger_record};
use crate::account::company::Company;
use crate::contacts::{Contact, contact_from_item};
use crate::documents::from_item;
use crate::documents::load::load_at;
use crate::documents::{
    At, MAX_ATTEMPTS, Viewer, document_item, too_much_contention, transition_refused,
};
use crate::dunning::context::context_keys;
use crate::dunning::{DueContext, issued_entry_write};
use crate::error::{CoreError, CoreResult};
use crate::fetch::Fetched;
use crate::keys::{DocType, company_key, contact_key, document_key};
use crate::ledger::ledger_write;
use crate::ports::{Condition, Ports, Write};
use crate::stored::parse_or_default;
use crate::transact::{Outcome, transact};

/// Moves `invoice` to the status issuing gives it (`issued`, or `paid` for
/// a zero total) at `now`. 422 on `total` for a negative total. The caller
/// has checked the state machine.
pub(crate) fn apply_issue(invoice: &mut Invoice, now: DateTime<Utc>) -> CoreResult<()> {
    let total = invoice.body.total();
    check_issuable_total(total)?;
    invoice.status = status_when_issued(total);
    invoice.issued_at = Some(now);
    if invoice.status == InvoiceStatus::Paid {
        invoice.paid_at = Some(now);
    }
    Ok(())
}

/// What issuing `invoice` (already numbered and issued) writes besides the
/// invoice, in the same transaction: the ledger's issue posting (none for
/// a zero invoice) and the reminders' due-work entry (none for an invoice
/// that is settled on issue).
pub(crate) fn issue_writes(
    ports: &Ports,
    account_id: &AccountId,
    invoice: &Invoice,
    automatic_dunning: bool,
    due_ctx: &DueContext,
    now: DateTime<Utc>,
) -> CoreResult<Vec<Write>> {
    let ledger = issue_ledger_write(ports, account_id, invoice, now)?;
    let entry = issued_entry_write(account_id, invoice, automatic_dunning, due_ctx)?;
    Ok(ledger.into_iter().chain(entry).collect())
}

/// The put of the ledger's issue transaction of `invoice` (already
/// numbered and issued); `None` for a zero invoice.
fn issue_ledger_write(
    ports: &Ports,
    account_id: &AccountId,
    invoice: &Invoice,
    now: DateTime<Utc>,
) -> CoreResult<Option<Write>> {
    let ledger_id = ports.ids.new_id().to_string();
    issue_ledger_record(invoice, ledger_id, now)?
        .map(|record| ledger_write(account_id, &record))
        .transpose()
}

/// Issues the invoice `first` (a fresh read) or, after a lost race, the
/// invoice as it now is. Refusals: 409 unless it is a draft, 422 on a
/// negative total.
pub(crate) async fn issue_from(
    ports: &Ports,
    account_id: &AccountId,
    first: InvoiceAt,
    filing: Option<Filing>,
) -> CoreResult<InvoiceAt> {
    let id = first.document.id.clone();
    let mut first = Some(first);
    let mut filing = filing;
    for _ in 0..MAX_ATTEMPTS {
        let at = match first.take() {
            Some(at) => at,
            None => load_at::<Invoice>(ports, account_id, &id, Viewer::Business).await?,
        };
        let stored = &at.document;
        check(stored.status, InvoiceAction::Issue, stored.amount_paid)
            .map_err(transition_refused)?;
        let Filing {
            ctx: due_ctx,
            automatic_dunning: dunning_on,
            contact,
        } = match filing.take() {
            Some(known) => known,
            None => Filing::read(ports, account_id, &stored.body.contact_id).await?,
        };
        let now = ports.clock.now();
        let mut issued = stored.clone();
        apply_issue(&mut issued, now)?;
        // The addresses and addressee as they are on the day of issue; the
        // invoice keeps them whatever the contact does later.
        if let Some(contact) = &contact {
            issued.body.recipient.snapshot(contact);
        }
        issued.updated_at = now;
        issued.version = stored.version + 1;
        let mut writes = vec![Write::Put {
            item: document_item(account_id, &issued, issued.version)?,
            condition: Condition::VersionEquals(stored.version),
        }];
        writes.extend(issue_writes(
            ports, account_id, &issued, dunning_on, &due_ctx, now,
        )?);
        match transact(ports.table.as_ref(), writes).await? {
            Outcome::Done => {
                return Ok(At {
                    document: issued,
                    today: at.today,
                });
            }
            // The invoice changed since read (or a fresh ledger id collided,
            // which a new attempt fixes): read again and decide again.
            Outcome::Failed(_) | Outcome::Busy => continue,
        }
    }
    Err(too_much_contention())
}

/// What files an issued invoice's reminders: the account's settings and
/// time zone, and the contact's `automatic_dunning`; and the contact
/// itself, whose addresses the invoice keeps from then on.
pub(crate) struct Filing {
    pub ctx: DueContext,
    pub automatic_dunning: bool,
    pub contact: Option<Contact>,
}

impl Filing {
    /// One batch read of the settings, the company and the contact.
    pub(crate) async fn read(
        ports: &Ports,
        account_id: &AccountId,
        contact_id: &ContactId,
    ) -> CoreResult<Filing> {
        let contact_key = contact_key(account_id, contact_id);
        let mut keys = context_keys(account_id);
        keys.push(contact_key.clone());
        let fetched = Fetched::read(ports.table.as_ref(), keys).await?;
        let contact = fetched
            .get(&contact_key)
            .map(contact_from_item)
            .transpose()?;
        Ok(Filing {
            ctx: DueContext::from_fetched(&fetched, account_id)?,
            automatic_dunning: contact.as_ref().is_some_and(|c| c.automatic_dunning),
            contact,
        })
    }
}

/// Issues a draft invoice without emailing it: one batch read (the
/// invoice, the company, the settings), a read of its contact (known only
/// once the invoice is read: its addresses are snapshotted and its
/// `automatic_dunning` files the reminders), and one transaction.
pub async fn issue_invoice(
    ports: &Ports,
    account_id: &AccountId,
    id: &DocumentId,
) -> CoreResult<InvoiceAt> {
    if id.trim().is_empty() {
        return Err(CoreError::NotFound);
    }
    let key = document_key(account_id, DocType::Invoice, id);
    let mut keys = context_keys(account_id);
    keys.push(key.clone());
    let fetched = Fetched::read(ports.table.as_ref(), keys).await?;
    let item = fetched.get(&key).ok_or(CoreError::NotFound)?;
    let invoice: Invoice = from_item(item)?;
    let company: Company = parse_or_default(fetched.get(&company_key(account_id)))?;
    let at = At {
        document: invoice,
        today: company.today(ports.clock.now()),
    };
    let contact = invoice_contact(ports, account_id, &at.document.body.contact_id).await?;
    let filing = Filing {
        ctx: DueContext::from_fetched(&fetched, account_id)?,
        automatic_dunning: contact.as_ref().is_some_and(|c| c.automatic_dunning),
        contact,
    };
    issue_from(ports, account_id, at, Some(filing)).await
}

/// The invoice's contact, if it still exists.
async fn invoice_contact(
    ports: &Ports,
    account_id: &AccountId,
    contact_id: &ContactId,
) -> CoreResult<Option<Contact>> {
    if contact_id.is_empty() {
        return Ok(None);
    }
    ports
        .table
        .get(&contact_key(account_id, contact_id))
        .await?
        .as_ref()
        .map(contact_from_item)
        .transpose()
}
