//! The handlers, one file per resource; the use cases live in
//! `uome_core::uploads`.

pub mod bulk;
pub mod uploads;
