//! The handlers, one file per resource: the sales (with their receipts and
//! refunds) and the day's summary.

pub mod sales;
pub mod summary;
