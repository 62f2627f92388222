//! The point of sale (API.md §8): a sale at the till is a **paid** invoice
//! (`source: pos`) numbered in the receipt series (`RCT-0001`), written in
//! one transaction with its issue and payment postings; cash is rounded to
//! the currency's smallest coin (`uome_domain::cash_rounding`) with the
//! difference on 4900 Rounding. A refund is a credit note of §7b paid back
//! at once. The till keeps two day books (sales, refunds) by the local day
//! of the account's time zone, which the day's list and summary read.
//!
//! Stored: `SALE#<id>` (the sale: what changed hands and the invoice's
//! totals, so the books need no invoice reads) and `SALEREFUND#<sale>#<id>`,
//! each in its book on gsi1. docs/orders-pos.md has the rules.

mod read;
mod receipt;
mod record;
mod refund;
mod sell;
mod summary;

pub use read::{SalePage, get_sale, list_sales, sale_receipt, till_today};
pub use record::{Sale, SaleRefund, sale_key};
pub use refund::{SaleRefundInput, SaleRefunded, refund_sale};
pub use sell::{SaleInput, SaleRecorded, TILL_METHODS, record_sale};
pub use summary::{CurrencyDay, DaySummary, MethodSum, RateSum, day_summary};
