//! The handlers, one file per resource: the business's order routes and
//! the client portal's (catalogue, orders, reminders).

pub mod orders;
pub mod portal;
