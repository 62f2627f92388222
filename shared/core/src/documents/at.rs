//! A document with the day it was read on.

use chrono::NaiveDate;

/// A document and today in the account's time zone when it was read: what
/// decides a quote's expiry and an invoice's overdue flag, so every answer
/// about one read agrees.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct At<D> {
    pub document: D,
    pub today: NaiveDate,
}
