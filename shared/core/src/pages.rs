//! Every page of a Query, in order, for the few reads that must see a whole
//! key range (the scheduler's due items, an account's due-work entries, a
//! document's reminders history) rather than one page of a list:
//!
//! ```ignore
//! let mut pages = Pages::new(table, query);
//! while let Some(items) = pages.next().await? { … }
//! ```

use crate::error::CoreResult;
use crate::ports::{Item, Query, Table};

pub struct Pages<'a> {
    table: &'a dyn Table,
    query: Option<Query>,
}

impl<'a> Pages<'a> {
    pub fn new(table: &'a dyn Table, query: Query) -> Self {
        Self {
            table,
            query: Some(query),
        }
    }

    /// The next page's items, or `None` after the last page.
    pub async fn next(&mut self) -> CoreResult<Option<Vec<Item>>> {
        let Some(query) = self.query.take() else {
            return Ok(None);
        };
        let page = self.table.query(&query).await?;
        if let Some(next) = page.next {
            self.query = Some(query.after(Some(next)));
        }
        Ok(Some(page.items))
    }
}
