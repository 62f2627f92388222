//! The due-work entry of an open invoice: a small item beside it
//! (`ACCOUNT#<acc>` / `DUNNING#<invoice>`) that exists exactly while the
//! invoice is open (issued or partly paid) and carries the gsi3 key of
//! its next reminder only while one is scheduled.
//!
//! A separate item rather than index keys on the invoice: the scheduler
//! reads these few hundred bytes, not invoices of up to 500 lines, and an
//! account-wide change (reminder settings, time zone) finds every open
//! invoice with one Query of the account's `DUNNING#` prefix instead of
//! reading its whole history.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use uome_domain::dunning::{Progress, next_date};
use uome_domain::{AccountId, ContactId, DocumentId, InvoiceStatus};

use super::context::DueContext;
use crate::error::CoreResult;
use crate::invoices::Invoice;
use crate::keys::{due_pk, due_shard, due_sk, dunning_entry_key, start_of_local_day};
use crate::ports::{Condition, Index, IndexKey, Item, Write};

/// The `<kind>` of the reminders' due-work partitions (`DUE#reminders#<shard>`).
pub const REMINDERS_DUE_KIND: &str = "reminders";

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DunningEntry {
    pub invoice_id: DocumentId,
    pub contact_id: ContactId,
    pub due_date: NaiveDate,
    #[serde(default)]
    pub progress: Progress,
    /// The contact's `automatic_dunning` as of the last write that knew it
    /// (issue, a contact edit); the reminder job checks the contact again.
    pub automatic_dunning: bool,
    /// The item's version (not stored in the data; conditions use it).
    #[serde(skip)]
    pub version: u64,
}

impl DunningEntry {
    /// The entry of `invoice` as it stands (its progress from its
    /// `dunning_level`: a level done closes the courtesy reminder).
    pub fn for_invoice(invoice: &Invoice, automatic_dunning: bool) -> Self {
        Self {
            invoice_id: invoice.id.clone(),
            contact_id: invoice.body.contact_id.clone(),
            due_date: invoice.due_date,
            progress: Progress {
                courtesy_done: invoice.dunning_level > 0,
                level: invoice.dunning_level,
            },
            automatic_dunning,
            version: 0,
        }
    }

    pub fn from_item(item: &Item) -> CoreResult<Self> {
        let mut entry: DunningEntry = item.parse()?;
        entry.version = item.version;
        Ok(entry)
    }

    /// The gsi3 key of the next reminder, or `None` while nothing is
    /// scheduled (reminders off for the account or the contact, or every
    /// level done).
    pub fn due_key(&self, account_id: &AccountId, ctx: &DueContext) -> Option<IndexKey> {
        if !(ctx.reminders.enabled && self.automatic_dunning) {
            return None;
        }
        let date = next_date(self.due_date, &ctx.plan(), self.progress)?;
        Some(IndexKey::new(
            due_pk(REMINDERS_DUE_KIND, due_shard(&self.invoice_id)),
            due_sk(
                start_of_local_day(date, ctx.tz),
                account_id,
                &self.invoice_id,
            ),
        ))
    }

    /// The entry as an item at `version`.
    pub fn item(&self, account_id: &AccountId, ctx: &DueContext, version: u64) -> CoreResult<Item> {
        let mut item =
            Item::new(dunning_entry_key(account_id, &self.invoice_id), self)?.with_version(version);
        if let Some(key) = self.due_key(account_id, ctx) {
            item = item.with_index(Index::Gsi3, key);
        }
        Ok(item)
    }
}

/// Whether an invoice in `status` is one reminders are about.
pub fn is_open(status: InvoiceStatus) -> bool {
    matches!(status, InvoiceStatus::Issued | InvoiceStatus::PartiallyPaid)
}

/// The write that files a freshly issued `invoice`: its entry, or none for
/// an invoice that is already settled (a zero invoice is paid on issue).
pub fn issued_entry_write(
    account_id: &AccountId,
    invoice: &Invoice,
    automatic_dunning: bool,
    ctx: &DueContext,
) -> CoreResult<Option<Write>> {
    if !is_open(invoice.status) {
        return Ok(None);
    }
    let entry = DunningEntry::for_invoice(invoice, automatic_dunning);
    Ok(Some(Write::Put {
        item: entry.item(account_id, ctx, 1)?,
        condition: Condition::None,
    }))
}

/// The write that takes a settled (paid or cancelled) invoice out of the
/// due work: the entry goes. Unconditional, so it also holds for an
/// invoice issued before entries existed.
pub fn settled_entry_write(account_id: &AccountId, invoice_id: &DocumentId) -> Write {
    Write::Delete {
        key: dunning_entry_key(account_id, invoice_id),
        condition: Condition::None,
    }
}
