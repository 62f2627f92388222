//! The reminders job (API.md §12): one invoice, as it is now.
//!
//! The message only names the invoice; everything is read again, so a
//! payment that landed after the scheduler queued the job stops the
//! reminder, and a redelivered message finds its step done.
//!
//! **At most once per invoice and step**: the step's history line is
//! claimed (a put on a key that must not exist) in one transaction with
//! the invoice's `dunning_level` and the entry's progress, and only then
//! is the email sent. Two workers with the same message: one claim wins,
//! the other re-reads and finds nothing due. A worker that dies between
//! the claim and the send leaves the line `unconfirmed` and the step done:
//! that email is lost, never sent twice. A mail server that *answers* with
//! a failure sent nothing, so the claim is released and the job fails, to
//! be redelivered.

use uome_domain::dunning::{Decision, Step, decide};
use uome_domain::{AccountId, DocumentId};

use super::context::{DueContext, context_keys};
use super::entry::{DunningEntry, is_open, settled_entry_write};
use super::history::{ReminderRecord, ReminderStatus, confirm, step_slot};
use crate::accounts::load_account;
use crate::documents::load::load_for_print;
use crate::documents::mail::{DocumentEmail, send_document_email};
use crate::documents::{Document, MAX_ATTEMPTS, Viewer, document_item, too_much_contention};
use crate::error::{CoreError, CoreResult};
use crate::fetch::Fetched;
use crate::invoices::Invoice;
use crate::keys::dunning_entry_key;
use crate::ports::{Condition, Ports, Write};
use crate::service::ServiceConfig;
use crate::transact::{Outcome, transact};

/// What one run did.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ReminderOutcome {
    /// The step's email went out.
    Sent(Step),
    /// The step was due but could not go out (no address, account not
    /// verified); recorded `skipped` with the reason.
    Skipped(Step),
    /// Nothing was due (not yet, no longer, or reminders are off); the
    /// entry was filed where it belongs.
    NothingDue,
}

/// Runs the reminders of one invoice as of `ports.clock.now()`.
pub async fn run_reminder(
    ports: &Ports,
    service: &ServiceConfig,
    account_id: &AccountId,
    invoice_id: &DocumentId,
) -> CoreResult<ReminderOutcome> {
    let table = ports.table.as_ref();
    let entry_key = dunning_entry_key(account_id, invoice_id);
    for _ in 0..MAX_ATTEMPTS {
        let (at, render) = match load_for_print::<Invoice>(
            ports,
            account_id,
            invoice_id,
            Viewer::Business,
        )
        .await
        {
            Ok(found) => found,
            // Deleted, or another account's id: nothing to remind of;
            // an entry left behind goes.
            Err(CoreError::NotFound) => {
                table
                    .transact(vec![settled_entry_write(account_id, invoice_id)])
                    .await?;
                return Ok(ReminderOutcome::NothingDue);
            }
            Err(e) => return Err(e),
        };
        let invoice = at.document;
        if !is_open(invoice.status) {
            table
                .transact(vec![settled_entry_write(account_id, invoice_id)])
                .await?;
            return Ok(ReminderOutcome::NothingDue);
        }
        let mut keys = context_keys(account_id);
        keys.push(entry_key.clone());
        let fetched = Fetched::read(table, keys).await?;
        let ctx = DueContext::from_fetched(&fetched, account_id)?;
        let stored = fetched
            .get(&entry_key)
            .map(DunningEntry::from_item)
            .transpose()?;
        let dunning_on = render.contact.as_ref().is_some_and(|c| c.automatic_dunning);
        let mut entry = stored
            .clone()
            .unwrap_or_else(|| DunningEntry::for_invoice(&invoice, dunning_on));
        entry.automatic_dunning = dunning_on;
        let entry_condition = match &stored {
            Some(e) => Condition::VersionEquals(e.version),
            None => Condition::NotExists,
        };
        let entry_version = stored.as_ref().map_or(1, |e| e.version + 1);

        let decision = if ctx.reminders.enabled && dunning_on {
            decide(entry.due_date, &ctx.plan(), entry.progress, at.today)
        } else {
            Decision::Done
        };
        let Decision::Send { step, skipped } = decision else {
            // File the entry where it belongs now (a settings change the
            // re-index missed, a contact switched off): one put, and only
            // when something changed.
            let item = entry.item(account_id, &ctx, entry_version)?;
            let current = fetched.get(&entry_key);
            if current.is_none_or(|c| c.gsi3 != item.gsi3 || c.data != item.data) {
                match table.put(item, entry_condition).await {
                    Ok(()) => {}
                    Err(e) if e.is_conflict() => continue,
                    Err(e) => return Err(e.into()),
                }
            }
            return Ok(ReminderOutcome::NothingDue);
        };

        let now = ports.clock.now();
        let email_blocked = email_blocker(ports, account_id, render.contact.as_ref()).await?;
        let mut writes = Vec::new();
        // The invoice (position 0) and the entry (1): a payment or another
        // worker in between fails the claim, and the re-read decides.
        let mut reminded = invoice.clone();
        if let Step::Level(n) = step {
            reminded.dunning_level = n;
        }
        reminded.updated_at = now;
        writes.push(Write::Put {
            item: document_item(account_id, &reminded, invoice.version + 1)?,
            condition: Condition::VersionEquals(invoice.version),
        });
        let mut advanced = entry.clone();
        advanced.progress = entry.progress.after(step);
        writes.push(Write::Put {
            item: advanced.item(account_id, &ctx, entry_version)?,
            condition: entry_condition,
        });
        let mut claims = Vec::new();
        for earlier in &skipped {
            let mut record =
                ReminderRecord::for_step(invoice_id, *earlier, ReminderStatus::Skipped, now);
            record.reason = Some("a later reminder was due by the time reminders ran".into());
            claims.push((step_slot(*earlier), record));
        }
        let status = if email_blocked.is_some() {
            ReminderStatus::Skipped
        } else {
            ReminderStatus::Unconfirmed
        };
        let mut record = ReminderRecord::for_step(invoice_id, step, status, now);
        record.to = render.contact.as_ref().and_then(|c| c.email.clone());
        record.reason = email_blocked.clone();
        claims.push((step_slot(step), record.clone()));
        for (slot, line) in &claims {
            writes.push(line.claim(account_id, slot)?);
        }
        match transact(table, writes).await? {
            Outcome::Done => {}
            // Changed since read, or the step already claimed by another
            // worker: read again and decide again (it will find it done).
            Outcome::Failed(_) | Outcome::Busy => continue,
        }
        if email_blocked.is_some() {
            tracing::info!(account_id = %account_id, invoice_id = %invoice_id, level = step.level(), "reminder skipped");
            return Ok(ReminderOutcome::Skipped(step));
        }

        let last = match step {
            Step::Courtesy => false,
            Step::Level(n) => usize::try_from(n).is_ok_and(|n| n == ctx.reminders.levels.len()),
        };
        let claimed = crate::documents::At {
            document: reminded.clone(),
            today: at.today,
        };
        let kind = DocumentEmail::Dunning {
            level: step.level(),
            last,
        };
        let meta = Invoice::meta(&claimed)?;
        let slot = step_slot(step);
        match send_document_email(
            ports,
            service,
            account_id,
            kind,
            &meta,
            &reminded.body,
            &render,
            None,
        )
        .await
        {
            Ok(sent) => {
                record.to = Some(sent.to);
                confirm(table, account_id, &slot, &record).await;
                return Ok(ReminderOutcome::Sent(step));
            }
            Err(e) => {
                release(ports, account_id, &invoice, &stored, &entry, &ctx, &claims).await;
                return Err(e);
            }
        }
    }
    Err(too_much_contention())
}

/// Why the email cannot go out, or `None` when it can: the account must
/// be verified and the contact must have an address.
async fn email_blocker(
    ports: &Ports,
    account_id: &AccountId,
    contact: Option<&crate::contacts::Contact>,
) -> CoreResult<Option<String>> {
    let has_email = contact
        .and_then(|c| c.email.as_deref())
        .is_some_and(|e| !e.trim().is_empty());
    if !has_email {
        return Ok(Some("the contact has no email address".into()));
    }
    let account = load_account(ports.table.as_ref(), account_id).await?;
    if !account.email_verified {
        return Ok(Some(
            "the account's email address is not verified, so it may not email customers".into(),
        ));
    }
    Ok(None)
}

/// Puts everything the claim wrote back after the mail server refused
/// the email (so the redelivered job sends it), unless something changed
/// meanwhile: then the claim stands and the line stays `unconfirmed`.
async fn release(
    ports: &Ports,
    account_id: &AccountId,
    before: &Invoice,
    stored_entry: &Option<DunningEntry>,
    entry: &DunningEntry,
    ctx: &DueContext,
    claims: &[(String, ReminderRecord)],
) {
    let result = async {
        let claimed_version = before.version + 1;
        let mut restored = before.clone();
        restored.updated_at = ports.clock.now();
        let entry_version = stored_entry.as_ref().map_or(1, |e| e.version + 1);
        let mut writes = vec![
            Write::Put {
                item: document_item(account_id, &restored, claimed_version + 1)?,
                condition: Condition::VersionEquals(claimed_version),
            },
            Write::Put {
                item: entry.item(account_id, ctx, entry_version + 1)?,
                condition: Condition::VersionEquals(entry_version),
            },
        ];
        for (slot, line) in claims {
            writes.push(Write::Delete {
                key: line.key(account_id, slot),
                condition: Condition::VersionEquals(1),
            });
        }
        match transact(ports.table.as_ref(), writes).await? {
            Outcome::Done => Ok(()),
            _ => Err(CoreError::internal("changed since the claim")),
        }
    }
    .await;
    if let Err(e) = result {
        tracing::warn!(account_id = %account_id, invoice_id = %before.id, error = %e,
            "failed reminder's claim not released: it stays unconfirmed");
    }
}
