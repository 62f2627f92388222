//! Request and response shapes, one file per resource.

mod quotes;

pub use quotes::*;
