//! The quote fixtures of core's test kit (customers, items, quote bodies),
//! included by path so the router tests and core's use-case tests build
//! quotes the same way.
#![allow(dead_code)]

#[path = "../../../../shared/core/tests/kit/quotes.rs"]
mod quotes;

pub use quotes::*;
