//! A transaction whose outcome is told apart by position: which
//! conditions failed (the use case knows what each position guards), or a
//! race to retry.

use crate::error::CoreResult;
use crate::ports::{Table, TableError, Write};

/// How a transaction ended.
pub enum Outcome {
    Done,
    /// Conditions failed at these positions (in the order written).
    Failed(Vec<usize>),
    /// Another writer got there at the same instant: retry.
    Busy,
}

pub async fn transact(table: &dyn Table, writes: Vec<Write>) -> CoreResult<Outcome> {
    match table.transact(writes).await {
        Ok(()) => Ok(Outcome::Done),
        Err(TableError::TransactionCancelled { failed }) => Ok(Outcome::Failed(failed)),
        // Some backends cancel without naming a position; treat it as a
        // race and let the caller re-read.
        Err(TableError::ConditionFailed) => Ok(Outcome::Failed(Vec::new())),
        Err(TableError::Contention { .. }) => Ok(Outcome::Busy),
        Err(other) => Err(other.into()),
    }
}
