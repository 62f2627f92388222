//! Fields a `GET` answered that a request may not set: refused with a 422
//! naming the field ([`uome_domain::read_only`]).

pub use uome_domain::read_only::ReadOnly;
