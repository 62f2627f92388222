//! Request and response shapes, one file per resource.

mod sales;
mod summary;

pub use sales::*;
pub use summary::*;
