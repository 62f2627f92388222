//! Shared pieces of the black-box tests over HTTP, and the `Table`
//! conformance suite that the SQLite adapter (here) and the DynamoDB adapter
//! (`uome-aws-tests`, against moto) both pass.

pub mod captured_log;
pub mod conformance;
pub mod server;
