//! Orders (API.md §8): a client orders from the business's catalogue (or
//! the business enters an order for a contact); the business approves it,
//! which issues an invoice, or rejects it. Only while the account's
//! `purchase_orders_enabled` is on (403 `ordering_disabled`).
//!
//! An order is a document kind on the shared model: `ACCOUNT#<acc>` /
//! `ORDER#<id>`, numbered `ORD-0001` by the account's `order_prefix`.
//! Lines name catalogue items and quantities only: name, unit, price and
//! tax rate are the catalogue's at the moment of ordering, never the
//! client's. The state machine is `uome_domain::order_state`.
//!
//! Emails: a client's new order and a client's reminder go to the
//! business, a rejection to the client (`notify.rs`).

mod catalogue;
mod create;
mod decide;
mod document;
mod notify;
mod read;
mod record;
mod remind;

pub use catalogue::{catalogue_scope, orderable_items};
pub use create::{OrderInput, OrderLine, ordering_disabled, place_order};
pub use decide::{OrderApproved, approve_order, reject_order};
pub use document::OrderAt;
pub use read::{OrderPage, get_order, list_orders};
pub use record::{Order, PlacedBy};
pub use remind::remind_order;
