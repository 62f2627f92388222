//! Purchase orders to suppliers (API.md §9, seed 002's shapes): a document
//! kind on the shared model (`PURCHASEORDER#<id>`, `PO-0001` by the
//! account's `purchase_order_prefix`) to a contact with the `vendor` role,
//! through `uome_domain::purchase_order_state`; the supplier's bill and its
//! payments post to the purchase side of the ledger (Dr 5000 / Dr 2200 /
//! Cr 2100, then Dr 2100 / Cr 1000). Each order keeps a small summary
//! beside itself, which the seed's offset lists and the KPIs read
//! (`summary.rs`, `list.rs`). docs/purchase-orders.md has the rules.

mod actions;
mod create;
mod document;
mod input;
mod kpis;
mod list;
mod record;
mod store;
mod summary;

pub use actions::{
    BillInput, PayInput, Receipt, bill_purchase_order, cancel_purchase_order, issue_purchase_order,
    pay_purchase_order, receive_purchase_order,
};
pub use create::{create_purchase_order, update_purchase_order};
pub use document::PurchaseOrderAt;
pub use input::{MAX_CUSTOM_ATTRIBUTES, PurchaseLineInput, PurchaseOrderInput};
pub use kpis::{Kpis, kpis, kpis_by_currency};
pub use list::{
    DEFAULT_LIMIT, Filter, FilterField, ListQuery, MAX_LIMIT, MAX_OFFSET, Op, OrderKey,
    PurchaseOrderPage, list_purchase_orders, summaries,
};
pub use record::{Bill, BillPayment, CustomAttribute, PriceSnapshot, PurchaseLine, PurchaseOrder};
pub use store::load_purchase_order;
pub use summary::{PurchaseOrderSummary, summary_key};
