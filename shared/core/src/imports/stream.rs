//! Import uploads (`purpose: import`, JSON up to 50 MiB) read as a stream:
//! the object's pieces flow from the store through a small bounded channel
//! into a JSON parser on a blocking thread, which hands rows on in chunks
//! of [`CHUNK_ROWS`] through another. Memory holds a few pieces and a few
//! chunks of rows, whatever the object's size.
//!
//! Two passes, each one read of the object: [`check_object`] (the size,
//! the hash, and that the whole thing is one JSON array, before anything
//! is written: a file broken half way applies nothing), then
//! [`apply_object`] (the rows through the [`Importer`]).

use std::io::{self, Read};

use serde::de::{DeserializeSeed, IgnoredAny, SeqAccess, Visitor};
use serde_json::value::RawValue;
use sha2::{Digest, Sha256};
use tokio::sync::mpsc;
use uome_domain::AccountId;
use uome_domain::import_rows::RawRow;

use super::{CHUNK_ROWS, ImportReport, Importer};
use crate::error::{CoreError, CoreResult};
use crate::ports::{BlobChunks, BlobError, Ports};
use crate::uploads::ImportType;

/// Pieces of the object in flight between the store and the parser.
const PIECES_IN_FLIGHT: usize = 2;
/// Chunks of rows in flight between the parser and the importer.
const CHUNKS_IN_FLIGHT: usize = 2;

/// What the first pass found in a good object.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Checked {
    pub sha256: String,
    pub bytes: u64,
    pub rows: usize,
}

/// The parser's side of the channel: a `Read` over the pieces.
struct Pieces {
    rx: mpsc::Receiver<io::Result<Vec<u8>>>,
    piece: Vec<u8>,
    at: usize,
}

impl Read for Pieces {
    fn read(&mut self, out: &mut [u8]) -> io::Result<usize> {
        while self.at == self.piece.len() {
            match self.rx.blocking_recv() {
                Some(piece) => {
                    self.piece = piece?;
                    self.at = 0;
                }
                None => return Ok(0),
            }
        }
        let n = out.len().min(self.piece.len() - self.at);
        out[..n].copy_from_slice(&self.piece[self.at..self.at + n]);
        self.at += n;
        Ok(n)
    }
}

/// Why pumping stopped early.
enum PumpError {
    /// More bytes than allowed: the count so far.
    TooLarge(u64),
    Blob(BlobError),
}

/// Sends the object's pieces to the parser, hashing and counting them;
/// stops (and tells the parser) past `limit` bytes. A parser that stopped
/// reading ends the pumping quietly.
async fn pump(
    mut chunks: Box<dyn BlobChunks>,
    limit: u64,
    tx: mpsc::Sender<io::Result<Vec<u8>>>,
) -> Result<(String, u64), PumpError> {
    let mut hash = Sha256::new();
    let mut bytes = 0u64;
    loop {
        let piece = match chunks.next_chunk().await {
            Ok(Some(piece)) => piece,
            Ok(None) => return Ok((hex::encode(hash.finalize()), bytes)),
            Err(e) => {
                let _ = tx.send(Err(io::Error::other(e.to_string()))).await;
                return Err(PumpError::Blob(e));
            }
        };
        bytes = bytes.saturating_add(u64::try_from(piece.len()).unwrap_or(u64::MAX));
        if bytes > limit {
            let _ = tx.send(Err(io::Error::other("too large"))).await;
            return Err(PumpError::TooLarge(bytes));
        }
        hash.update(&piece);
        if tx.send(Ok(piece)).await.is_err() {
            // The parser has its answer already (a syntax error).
            return Ok((hex::encode(hash.finalize()), bytes));
        }
    }
}

/// Walks a JSON array, handing each element to `each`; `each` answering
/// `false` stops the walk.
struct Rows<F>(F);

impl<'de, F: FnMut(Box<RawValue>) -> bool> Visitor<'de> for Rows<F> {
    type Value = usize;

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("a JSON array of rows")
    }

    fn visit_seq<A: SeqAccess<'de>>(mut self, mut seq: A) -> Result<usize, A::Error> {
        let mut count = 0;
        while let Some(row) = seq.next_element::<Box<RawValue>>()? {
            count += 1;
            if !(self.0)(row) {
                while seq.next_element::<IgnoredAny>()?.is_some() {}
                break;
            }
        }
        Ok(count)
    }
}

impl<'de, F: FnMut(Box<RawValue>) -> bool> DeserializeSeed<'de> for Rows<F> {
    type Value = usize;

    fn deserialize<D: serde::Deserializer<'de>>(self, d: D) -> Result<usize, D::Error> {
        d.deserialize_seq(self)
    }
}

/// Counts the elements of the array `reader` holds; nothing may follow it.
fn walk(reader: impl Read, each: impl FnMut(Box<RawValue>) -> bool) -> serde_json::Result<usize> {
    let mut de = serde_json::Deserializer::from_reader(reader);
    let count = Rows(each).deserialize(&mut de)?;
    de.end()?;
    Ok(count)
}

/// The reason a person reads for a parse error of the first pass.
fn parse_reason(error: &serde_json::Error) -> String {
    use serde_json::error::Category;
    match error.classify() {
        Category::Data => "An import must be a JSON array of rows.".to_string(),
        Category::Io => "The import could not be read to its end.".to_string(),
        Category::Syntax | Category::Eof => format!("The import is not valid JSON ({error})."),
    }
}

/// The first pass over the import at `key`: `None` when the object is gone,
/// `Err(reason)` for a file that is not one JSON array within `limit`
/// bytes (and `declared` bytes, the size the client said).
pub async fn check_object(
    ports: &Ports,
    key: &str,
    declared: u64,
    limit: u64,
) -> CoreResult<Option<Result<Checked, String>>> {
    let Some(chunks) = ports.blobs.open(key).await? else {
        return Ok(None);
    };
    let (tx, rx) = mpsc::channel(PIECES_IN_FLIGHT);
    let parser = tokio::task::spawn_blocking(move || {
        walk(
            Pieces {
                rx,
                piece: Vec::new(),
                at: 0,
            },
            |_| true,
        )
    });
    let allowed = declared.min(limit);
    let pumped = pump(chunks, allowed, tx).await;
    let parsed = parser
        .await
        .map_err(|e| CoreError::internal(format!("the import check did not finish: {e}")))?;
    let (sha256, bytes) = match pumped {
        Ok(done) => done,
        Err(PumpError::Blob(e)) => return Err(e.into()),
        Err(PumpError::TooLarge(seen)) if seen > limit => {
            return Ok(Some(Err(format!(
                "The file is more than {limit} bytes; an import file may be at most {limit} bytes."
            ))));
        }
        Err(PumpError::TooLarge(_)) => {
            return Ok(Some(Err(format!(
                "The file is more than the {declared} bytes declared for it."
            ))));
        }
    };
    if bytes == 0 {
        return Ok(Some(Err("The file is empty.".to_string())));
    }
    Ok(Some(match parsed {
        Ok(rows) => Ok(Checked {
            sha256,
            bytes,
            rows,
        }),
        Err(e) => Err(parse_reason(&e)),
    }))
}

/// The second pass: every row of the (checked) import at `key` applied to
/// the account, chunk by chunk. `None` when the object is gone.
pub async fn apply_object(
    ports: &Ports,
    account_id: &AccountId,
    kind: ImportType,
    key: &str,
) -> CoreResult<Option<ImportReport>> {
    let Some(chunks) = ports.blobs.open(key).await? else {
        return Ok(None);
    };
    let mut importer = Importer::new(ports, account_id, kind).await?;
    let (tx, rx) = mpsc::channel(PIECES_IN_FLIGHT);
    let (rows_tx, mut rows_rx) = mpsc::channel::<Vec<RawRow>>(CHUNKS_IN_FLIGHT);
    let parser = tokio::task::spawn_blocking(move || {
        let mut batch = Vec::with_capacity(CHUNK_ROWS);
        let mut index = 0;
        let pieces = Pieces {
            rx,
            piece: Vec::new(),
            at: 0,
        };
        let walked = walk(pieces, |value| {
            batch.push(RawRow { index, value });
            index += 1;
            if batch.len() < CHUNK_ROWS {
                return true;
            }
            // A closed channel: the importer failed and stopped listening.
            rows_tx.blocking_send(std::mem::take(&mut batch)).is_ok()
        });
        if !batch.is_empty() {
            let _ = rows_tx.blocking_send(batch);
        }
        walked
    });
    let pumping = tokio::spawn(pump(chunks, u64::MAX, tx));
    let mut applied = Ok(());
    while let Some(rows) = rows_rx.recv().await {
        if let Err(e) = importer.apply(rows).await {
            applied = Err(e);
            break;
        }
    }
    drop(rows_rx);
    let walked = parser
        .await
        .map_err(|e| CoreError::internal(format!("the import parser did not finish: {e}")))?;
    let pumped = pumping
        .await
        .map_err(|e| CoreError::internal(format!("the import reader did not finish: {e}")))?;
    applied?;
    if let Err(PumpError::Blob(e)) = pumped {
        return Err(e.into());
    }
    // The object passed the first pass; a parse error now means it was
    // replaced in between, which the next event about it will handle.
    walked
        .map_err(|e| CoreError::internal(format!("the import changed while it was read: {e}")))?;
    Ok(Some(importer.finish()))
}
