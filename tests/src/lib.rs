//! Shared pieces of the black-box and AWS-protocol tests.

pub mod aws;
pub mod conformance;
pub mod server;
