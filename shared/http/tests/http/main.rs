//! The shared HTTP stack driven through a router of dummy routes.

mod support;

mod auth;
mod headers;
mod idempotency;
mod openapi;
mod pagination;
mod problems;
mod request_ids;
