//! Bulk imports of invoices and customers (API.md §11, seed 003): the
//! bulk routes `POST /v1/uploads/invoices|customers` and `import` uploads
//! apply rows through the same [`Importer`].
//!
//! Rows are applied a chunk at a time ([`CHUNK_ROWS`]): one batch read of
//! every guard and record the chunk names, a decision per row, then the
//! rows' writes packed into transactions of up to 100 items
//! ([`groups`]). A row's writes never straddle two transactions, so an
//! invoice lands with its ledger postings or not at all. A transaction
//! that loses a race (another import of the same number, an edit) is
//! undone as a whole by DynamoDB; its rows are then decided again one by
//! one from a fresh read, and a row that still cannot be written after
//! that is reported, never half-applied.
//!
//! Rows upsert by number: a number seen before updates what it made, so
//! a re-upload (or the same upload applied twice) never duplicates.

mod context;
mod customers;
mod groups;
mod invoices;
pub mod stream;

use std::collections::HashMap;

use serde::{Deserialize, Serialize};
use serde_json::value::RawValue;
use uome_domain::AccountId;
use uome_domain::FieldError;
use uome_domain::import_rows::{MAX_BULK_BYTES, MAX_BULK_ROWS, RawRow, RowRejection};

use crate::error::{CoreError, CoreResult};
use crate::ports::Ports;
use crate::uploads::ImportType;
use context::ImportContext;

/// Rows decided and written together: one batch read and a few
/// transactions. 100 keeps a chunk's reads within one BatchGetItem per key
/// kind and its memory small whatever the import's size.
pub const CHUNK_ROWS: usize = 100;

/// An upload's report lists at most this many rejected rows (the counts
/// are always whole); a bulk request's answer lists every one.
pub const REPORT_REJECTIONS: usize = 200;

/// What an import did (API.md §11's answer).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImportReport {
    pub received: usize,
    pub created: usize,
    pub updated: usize,
    pub rejected: Vec<RowRejection>,
}

impl ImportReport {
    fn reject(&mut self, index: usize, number: Option<String>, errors: Vec<FieldError>) {
        self.rejected.push(RowRejection {
            index,
            number,
            errors,
        });
    }
}

/// An import's report as an upload keeps it: the counts in full, the
/// first [`REPORT_REJECTIONS`] rejected rows (an item has 400 KB).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImportSummary {
    pub received: usize,
    pub created: usize,
    pub updated: usize,
    pub rejected_count: usize,
    pub rejected: Vec<RowRejection>,
}

impl ImportSummary {
    pub fn of(report: ImportReport) -> ImportSummary {
        let rejected_count = report.rejected.len();
        let mut rejected = report.rejected;
        rejected.truncate(REPORT_REJECTIONS);
        ImportSummary {
            received: report.received,
            created: report.created,
            updated: report.updated,
            rejected_count,
            rejected,
        }
    }
}

/// How a row ended once written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Applied {
    Created,
    Updated,
}

/// Applies rows of one kind to one account, chunk by chunk, keeping the
/// report.
pub struct Importer<'a> {
    ports: &'a Ports,
    ctx: ImportContext,
    kind: ImportType,
    /// Every number seen so far (case-folded) and the row that had it: a
    /// number twice in one import is a mistake in the file, reported on
    /// the later row rather than silently letting one overwrite the other.
    seen: HashMap<String, usize>,
    report: ImportReport,
}

impl<'a> Importer<'a> {
    pub async fn new(
        ports: &'a Ports,
        account_id: &AccountId,
        kind: ImportType,
    ) -> CoreResult<Importer<'a>> {
        Ok(Importer {
            ports,
            ctx: ImportContext::read(ports, account_id).await?,
            kind,
            seen: HashMap::new(),
            report: ImportReport::default(),
        })
    }

    /// Applies one chunk of rows (any number; they are split as needed).
    pub async fn apply(&mut self, rows: Vec<RawRow>) -> CoreResult<()> {
        self.report.received += rows.len();
        let mut rows = rows.into_iter().peekable();
        while rows.peek().is_some() {
            let chunk: Vec<RawRow> = rows.by_ref().take(CHUNK_ROWS).collect();
            match self.kind {
                ImportType::Customers => customers::apply(self, chunk).await?,
                ImportType::Invoices => invoices::apply(self, chunk).await?,
            }
        }
        Ok(())
    }

    pub fn finish(mut self) -> ImportReport {
        self.report.rejected.sort_by_key(|r| r.index);
        self.report
    }

    /// Records `number` for row `index`; `false` (and the row rejected)
    /// when an earlier row of this import had it.
    fn first_time(&mut self, index: usize, key: &str, number: &str) -> bool {
        let folded = number.trim().to_lowercase();
        match self.seen.get(&folded) {
            Some(&earlier) => {
                self.report.reject(
                    index,
                    Some(number.to_string()),
                    vec![FieldError::new(
                        key,
                        format!("`{number}` is also in row {earlier} of this import"),
                    )],
                );
                false
            }
            None => {
                self.seen.insert(folded, index);
                true
            }
        }
    }

    fn count(&mut self, applied: Applied) {
        match applied {
            Applied::Created => self.report.created += 1,
            Applied::Updated => self.report.updated += 1,
        }
    }
}

/// The rows of a bulk request body: a JSON array of at most
/// [`MAX_BULK_ROWS`] rows in at most [`MAX_BULK_BYTES`]. 413 past either
/// limit, 422 for a body that is not an array; a row that is not an object
/// is that row's problem, not the request's.
pub fn bulk_rows(body: &[u8]) -> CoreResult<Vec<RawRow>> {
    if body.len() > MAX_BULK_BYTES {
        return Err(CoreError::TooLarge(format!(
            "A bulk upload is at most {} MiB; send the rows in several requests.",
            MAX_BULK_BYTES / (1024 * 1024)
        )));
    }
    // What is not JSON at all is a 400 whatever its first character; only
    // then is a JSON value that is not an array a 422.
    serde_json::from_slice::<serde::de::IgnoredAny>(body).map_err(|e| {
        CoreError::bad_request("malformed_json", format!("The body is not valid JSON: {e}"))
    })?;
    let values: Vec<Box<RawValue>> = serde_json::from_slice(body)
        .map_err(|_| CoreError::invalid_field("", "the body must be a JSON array of rows"))?;
    if values.len() > MAX_BULK_ROWS {
        return Err(CoreError::TooLarge(format!(
            "A bulk upload takes at most {MAX_BULK_ROWS} rows; this one has {}.",
            values.len()
        )));
    }
    Ok(values
        .into_iter()
        .enumerate()
        .map(|(index, value)| RawRow { index, value })
        .collect())
}

/// `POST /v1/uploads/invoices` and `/customers`: every row of `body`
/// applied, the report answered.
pub async fn import_bulk(
    ports: &Ports,
    account_id: &AccountId,
    kind: ImportType,
    body: &[u8],
) -> CoreResult<ImportReport> {
    let rows = bulk_rows(body)?;
    let mut importer = Importer::new(ports, account_id, kind).await?;
    importer.apply(rows).await?;
    Ok(importer.finish())
}
