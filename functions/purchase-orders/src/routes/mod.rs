//! The handlers, one file per resource: one purchase order and its actions,
//! and the seed's lists (all orders, one vendor's).

pub mod lists;
pub mod purchase_orders;
