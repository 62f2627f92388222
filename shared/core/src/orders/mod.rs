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
//! Built so far (issue 14 continues): placing, approving and rejecting
//! an order. The routes, the portal's catalogue and reminders, and the
//! emails are still to come.

mod create;
mod decide;
mod document;
mod record;

pub use create::{OrderInput, OrderLine, ordering_disabled, place_order};
pub use decide::{OrderApproved, approve_order, reject_order};
pub use document::OrderAt;
pub use record::{Order, PlacedBy};
