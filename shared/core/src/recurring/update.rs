//! Replacing a recurring invoice (PUT): one batch read (the record with
//! everything its draft needs) and one transaction (the record, on the
//! version read, plus the contact reference moves when the contact
//! changes).

use super::input::{Defaults, RecurringInput, Valid, validate};
use super::plan::{position, run_floor};
use super::record::{RecurringInvoice, recurring_item};
use crate::contacts::{contact_busy, move_reference};
use crate::documents::{MAX_ATTEMPTS, read_for_draft, too_much_contention, version_conflict};
use crate::error::{CoreError, CoreResult};
use crate::keys::{DocType, document_key};
use crate::ports::{Condition, Ports, Write};
use crate::transact::{Outcome, transact};
use uome_domain::AccountId;
use uome_domain::DocumentId;

/// Replaces every writable field; absent ones take their defaults, except
/// `start_date` and `active`, which keep their stored values. `expected`
/// is the version the caller read (`If-Match` or the body's `version`):
/// another one is a 409 `version_conflict`; without it the write applies
/// to whatever is current.
///
/// `next_run_date` is recomputed only when the schedule or `active`
/// changes, and then never falls before today nor on or before the last
/// generated run; an edit of the draft alone leaves a pending run as it is.
pub async fn update_recurring(
    ports: &Ports,
    account_id: &AccountId,
    id: &DocumentId,
    input: RecurringInput,
    expected: Option<u64>,
) -> CoreResult<RecurringInvoice> {
    if id.is_empty() {
        return Err(CoreError::NotFound);
    }
    let table = ports.table.as_ref();
    let key = document_key(account_id, DocType::Recurring, id);
    for _ in 0..MAX_ATTEMPTS {
        let ctx = read_for_draft(
            table,
            account_id,
            DocType::Recurring,
            &input.draft,
            vec![key.clone()],
        )
        .await?;
        let current = match ctx.fetched.get(&key) {
            Some(item) => RecurringInvoice::from_item(item)?,
            None => return Err(CoreError::NotFound),
        };
        if expected.is_some_and(|v| v != current.version) {
            return Err(version_conflict(current.version));
        }
        let now = ports.clock.now();
        let today = ctx.today(now);
        let valid = validate(
            &ctx,
            input.clone(),
            today,
            Defaults {
                start_date: current.schedule.start_date,
                active: current.active,
            },
        )?;
        let next = replaced(&current, valid, today, now);

        let mut writes = vec![Write::Put {
            item: recurring_item(account_id, &next, next.version, ctx.company.tz())?,
            condition: Condition::VersionEquals(current.version),
        }];
        let (old_contact, new_contact) = (&current.body.contact_id, &next.body.contact_id);
        let lock_check = move_reference(
            &mut writes,
            account_id,
            old_contact,
            new_contact,
            &next.sk(),
        );
        match transact(table, writes).await? {
            Outcome::Done => return Ok(next),
            Outcome::Failed(failed) if lock_check.is_some_and(|p| failed.contains(&p)) => {
                return Err(contact_busy());
            }
            // Written since the read (the re-read answers 409 to a caller
            // who named a version, 404 if it was deleted), the new contact
            // vanished (the re-read answers 422), or a race: read again.
            Outcome::Failed(_) | Outcome::Busy => continue,
        }
    }
    Err(too_much_contention())
}

/// The record after the update: new draft and schedule, the job's
/// counters kept, the next run recomputed when the schedule or `active`
/// changed.
fn replaced(
    current: &RecurringInvoice,
    valid: Valid,
    today: chrono::NaiveDate,
    now: chrono::DateTime<chrono::Utc>,
) -> RecurringInvoice {
    let old = current.schedule;
    let new = valid.schedule;
    let anchor_moved = old.start_date != new.start_date
        || old.frequency != new.frequency
        || old.last_of_month != new.last_of_month;
    let (next_run_index, next_run_date) =
        if anchor_moved || old.end_date != new.end_date || current.active != valid.active {
            // A new anchor makes a new sequence of runs: count from its
            // first; otherwise resume where the schedule stood.
            let from = if anchor_moved {
                0
            } else {
                current.next_run_index
            };
            let floor = run_floor(today, current.last_run_date);
            position(&new, valid.active, from, floor)
        } else {
            (current.next_run_index, current.next_run_date)
        };
    RecurringInvoice {
        id: current.id.clone(),
        body: valid.prepared.body,
        schedule: new,
        active: valid.active,
        auto_send: valid.auto_send,
        due_days: valid.due_days,
        next_run_date,
        next_run_index,
        generated_count: current.generated_count,
        last_invoice_id: current.last_invoice_id.clone(),
        last_run_date: current.last_run_date,
        created_at: current.created_at,
        updated_at: now,
        version: current.version + 1,
    }
}
