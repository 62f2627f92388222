//! Creating a recurring invoice: one batch read (company, settings,
//! contact, catalogue items) and one transaction (the record, the contact
//! checks, the contact reference). No number: a recurring invoice has
//! none; its invoices get theirs when they are generated.

use super::input::{Defaults, RecurringInput, validate};
use super::plan::position;
use super::record::{RecurringInvoice, recurring_item};
use crate::contacts::{add_reference, contact_busy};
use crate::documents::{MAX_ATTEMPTS, read_for_draft, too_much_contention};
use crate::error::CoreResult;
use crate::keys::DocType;
use crate::ports::{Condition, Ports, Write};
use crate::transact::{Outcome, transact};
use uome_domain::AccountId;
use uome_domain::DocumentId;

/// Creates a recurring invoice; its first run is the first schedule date
/// on or after today (a start in the past generates nothing back-dated).
pub async fn create_recurring(
    ports: &Ports,
    account_id: &AccountId,
    input: RecurringInput,
) -> CoreResult<RecurringInvoice> {
    let table = ports.table.as_ref();
    let id = DocumentId::from(ports.ids.new_id());
    for _ in 0..MAX_ATTEMPTS {
        let ctx = read_for_draft(
            table,
            account_id,
            DocType::Recurring,
            &input.draft,
            Vec::new(),
        )
        .await?;
        let now = ports.clock.now();
        let today = ctx.today(now);
        let valid = validate(
            &ctx,
            input.clone(),
            today,
            Defaults {
                start_date: today,
                active: true,
            },
        )?;
        let (next_run_index, next_run_date) = position(&valid.schedule, valid.active, 0, today);
        let record = RecurringInvoice {
            id: id.clone(),
            body: valid.prepared.body,
            schedule: valid.schedule,
            active: valid.active,
            auto_send: valid.auto_send,
            due_days: valid.due_days,
            next_run_date,
            next_run_index,
            generated_count: 0,
            last_invoice_id: None,
            last_run_date: None,
            created_at: now,
            updated_at: now,
            version: 1,
        };
        let mut writes = vec![Write::Put {
            item: recurring_item(account_id, &record, 1, ctx.company.tz())?,
            condition: Condition::NotExists,
        }];
        let contact_id = &record.body.contact_id;
        let lock_at = add_reference(&mut writes, account_id, contact_id, &record.sk());
        match transact(table, writes).await? {
            Outcome::Done => return Ok(record),
            Outcome::Failed(failed) if failed.contains(&lock_at) => {
                return Err(contact_busy());
            }
            // The contact vanished (the re-read answers the same 422 as a
            // create naming an unknown contact) or another writer got
            // there at the same instant: read again and retry.
            Outcome::Failed(_) | Outcome::Busy => continue,
        }
    }
    Err(too_much_contention())
}
