//! Use cases over ports. The ports are traits shaped like the cloud services
//! they stand for, so the DynamoDB/S3/SESv2/SQS adapters are thin and the
//! embedded ones (SQLite, files, outbox, in-process queue) behave the same.

pub mod account;
pub mod accounts;
pub mod auth;
pub mod catalogue;
pub mod contacts;
pub mod counter;
pub mod credentials;
pub mod credit_notes;
pub mod documents;
pub mod dunning;
pub mod einvoice;
pub mod error;
pub mod expenses;
pub mod fetch;
pub mod imports;
pub mod invoices;
pub mod jobs;
pub mod keys;
pub mod ledger;
pub mod orders;
pub mod pages;
pub mod portal;
pub mod portal_sessions;
pub mod ports;
pub mod pos;
pub mod purchase_orders;
pub mod quotes;
pub mod recurring;
pub mod secrets;
pub mod service;
mod stored;
pub mod transact;
pub mod uploads;

pub use error::{CoreError, CoreResult};
pub use ports::Ports;
pub use service::ServiceConfig;
