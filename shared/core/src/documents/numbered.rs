//! The transaction that creates a numbered document: the counter moves
//! by one and the document (with everything the caller writes beside it)
//! lands, or nothing does.
//!
//! A create that loses the race for a number re-reads the counter and
//! tries the next one, so concurrent creates get distinct, consecutive
//! numbers and a number is never reused (the counter never goes back, even
//! when a draft is deleted).

use crate::counter::Counter;
use crate::error::CoreResult;
use crate::ports::{Item, Key, Table, Write};
use crate::transact::{Outcome, transact};

use super::{MAX_ATTEMPTS, too_much_contention};

/// How a numbered create ended.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum NumberedOutcome {
    /// Written under this number (sequence, formatted).
    Done { sequence: u64, number: String },
    /// Conditions failed at these positions of the caller's writes (not
    /// counting the counter): the caller knows what each one guards.
    Failed(Vec<usize>),
}

/// Allocates the next number of `counter_key` (first read: `counter_item`)
/// and writes `build(number)` with the counter, in one transaction,
/// retrying with a fresh counter when another create took the number.
pub async fn transact_numbered(
    table: &dyn Table,
    counter_key: &Key,
    counter_item: Option<Item>,
    format: impl Fn(u64) -> String,
    mut build: impl FnMut(&str) -> CoreResult<Vec<Write>>,
) -> CoreResult<NumberedOutcome> {
    let mut counter = Counter::from_item(counter_key.clone(), counter_item.as_ref());
    for _ in 0..MAX_ATTEMPTS {
        let sequence = counter.candidate(0);
        let number = format(sequence);
        let mut writes = vec![counter.advance_to(sequence)?];
        writes.extend(build(&number)?);
        match transact(table, writes).await? {
            Outcome::Done => return Ok(NumberedOutcome::Done { sequence, number }),
            Outcome::Failed(failed) if failed.iter().any(|&p| p > 0) => {
                let mine: Vec<usize> = failed.iter().filter(|&&p| p > 0).map(|p| p - 1).collect();
                // The counter may also have moved; the caller's conditions
                // decide first, as they will not pass on a retry either.
                return Ok(NumberedOutcome::Failed(mine));
            }
            // Position 0 (the counter), an unnamed position, or contention:
            // another create took the number; read the counter again.
            Outcome::Failed(_) | Outcome::Busy => {
                let fresh = table.get(counter_key).await?;
                counter = Counter::from_item(counter_key.clone(), fresh.as_ref());
            }
        }
    }
    Err(too_much_contention())
}
