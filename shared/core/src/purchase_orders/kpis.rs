//! The seed's KPIs, computed from what is stored (the orders' summaries),
//! never estimated: per order, and per vendor and currency.
//!
//! | KPI | what it is |
//! | --- | --- |
//! | `total_expense` | the billed totals |
//! | `estimated_total` | the order totals, cancelled orders left out |
//! | `total_outstanding` | billed − paid |
//! | `total_overdue` | billed, unpaid, past the bill's due date today in the account's time zone |
//! | `last_invoice_issue_date`, `last_invoice_total` | the latest bill's |
//! | `total_purchase_invoice` | how many bills were booked |
//! | `last_calcelled_on` | the latest cancellation (the seed's spelling) |
//! | `last_changed_on` | the latest change |
//! | `last_reactivated_on`, `last_deleted_on` | always `null`: orders are neither reactivated nor deleted here |
//! | `issue_date` | the (latest) order's issue date |

use chrono::{DateTime, NaiveDate, Utc};
use uome_domain::purchase_order_state::PurchaseOrderStatus;
use uome_domain::{Currency, Decimal};

use super::summary::PurchaseOrderSummary;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Kpis {
    pub currency: Currency,
    pub total_expense: Decimal,
    pub estimated_total: Decimal,
    pub total_outstanding: Decimal,
    pub total_overdue: Decimal,
    pub last_invoice_issue_date: Option<NaiveDate>,
    pub last_invoice_total: Option<Decimal>,
    pub total_purchase_invoice: u32,
    pub last_reactivated_on: Option<DateTime<Utc>>,
    pub last_cancelled_on: Option<DateTime<Utc>>,
    pub last_changed_on: Option<DateTime<Utc>>,
    pub last_deleted_on: Option<DateTime<Utc>>,
    pub issue_date: Option<NaiveDate>,
}

/// The KPIs of orders all in `currency`, as of `today`.
pub fn kpis<'a>(
    currency: Currency,
    orders: impl IntoIterator<Item = &'a PurchaseOrderSummary>,
    today: NaiveDate,
) -> Kpis {
    let zero = Decimal::ZERO;
    let mut k = Kpis {
        currency,
        total_expense: zero,
        estimated_total: zero,
        total_outstanding: zero,
        total_overdue: zero,
        last_invoice_issue_date: None,
        last_invoice_total: None,
        total_purchase_invoice: 0,
        last_reactivated_on: None,
        last_cancelled_on: None,
        last_changed_on: None,
        last_deleted_on: None,
        issue_date: None,
    };
    for o in orders {
        if o.status != PurchaseOrderStatus::Cancelled {
            k.estimated_total += o.total;
        }
        if let Some(billed) = o.bill_total {
            let outstanding = billed - o.bill_paid;
            k.total_expense += billed;
            k.total_outstanding += outstanding;
            if o.bill_due_date.is_some_and(|due| due < today) {
                k.total_overdue += outstanding;
            }
            k.total_purchase_invoice += 1;
            if o.bill_issue_date >= k.last_invoice_issue_date {
                k.last_invoice_issue_date = o.bill_issue_date;
                k.last_invoice_total = Some(billed);
            }
        }
        k.last_cancelled_on = k.last_cancelled_on.max(o.cancelled_at);
        k.last_changed_on = k.last_changed_on.max(Some(o.updated_at));
        k.issue_date = k.issue_date.max(Some(o.issue_date));
    }
    k
}

/// The KPIs of each currency the orders are in, by currency code.
pub fn kpis_by_currency(orders: &[PurchaseOrderSummary], today: NaiveDate) -> Vec<Kpis> {
    let mut currencies: Vec<Currency> = orders.iter().map(|o| o.currency).collect();
    currencies.sort_by_key(|c| c.code());
    currencies.dedup();
    currencies
        .into_iter()
        .map(|c| kpis(c, orders.iter().filter(|o| o.currency == c), today))
        .collect()
}
