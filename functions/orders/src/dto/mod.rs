//! Request and response shapes, one file per resource.

mod catalogue;
mod orders;

pub use catalogue::*;
pub use orders::*;
