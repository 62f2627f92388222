//! Quotes (API.md §6): drafts, send, approve into an invoice, reject,
//! remind, expiry.
//!
//! The stored record and its item are in [`record`]; every use case builds
//! on them.

pub mod record;

pub use record::{Quote, quote_item};
