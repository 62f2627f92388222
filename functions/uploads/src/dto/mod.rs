//! Request and response shapes, one file per resource.

pub mod bulk;
pub mod uploads;
