//! The rows of a bulk import (API.md §11, seed 003), in the seed's own
//! keys: each row is read on its own into a checked [`InvoiceRow`] or
//! [`CustomerRow`], or into every problem it has, named by the seed's key.
//!
//! A row arrives as the raw text of one JSON value (a
//! [`RawValue`](serde_json::value::RawValue)), so amounts are parsed from
//! the digits the client wrote, never through binary floating point, and a
//! row that is not even an object is one rejected row, not a failed batch.

mod customer;
mod fields;
mod invoice;

pub use customer::{CUSTOMER_KEYS, CustomerRow, parse_customer_row};
pub use invoice::{INVOICE_KEYS, InvoiceRow, parse_invoice_row, row_number};

use serde_json::value::RawValue;

use crate::error::FieldError;

/// The most rows one bulk request takes (API.md §11).
pub const MAX_BULK_ROWS: usize = 5_000;
/// The largest bulk request body, in bytes (API.md §1: 5 MiB).
pub const MAX_BULK_BYTES: usize = 5 * 1024 * 1024;

/// One row as received: its position in the array and its raw JSON text.
#[derive(Debug)]
pub struct RawRow {
    pub index: usize,
    pub value: Box<RawValue>,
}

/// Why a row was not applied: its position, the number it carried (when
/// one could be read) and every bad field, named by the seed's keys.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct RowRejection {
    pub index: usize,
    pub number: Option<String>,
    pub errors: Vec<FieldError>,
}
