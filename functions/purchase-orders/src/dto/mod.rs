//! Request and response shapes in seed 002's keys, one file per resource.

mod list;
mod request;
mod view;

pub use list::*;
pub use request::*;
pub use view::*;
