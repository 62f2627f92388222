//! One module per page (or pair of GET and POST of one form).

pub mod assets;
pub mod portal;
pub mod reset;
pub mod verify;
