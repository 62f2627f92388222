//! The handlers, one file per resource: the business's quote routes and
//! the client portal's.

pub mod portal;
pub mod quotes;
