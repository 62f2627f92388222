//! A purchase order's life (API.md §9): written as a draft, issued to the
//! supplier, the goods received (in parts or at once), the supplier's bill
//! booked, the bill paid. Cancelling stops it until it is billed; a billed
//! order is corrected by crediting the bill, which is not in this product
//! yet (docs/purchase-orders.md).
//!
//! ```text
//!  draft ──issue──▶ issued ──receive──▶ partially_received ──receive──▶ received
//!    │                │  └──────────────receive (all)───────────────────────┘
//!    │                └──bill (from issued, partially_received, received)──▶ billed ──pay──▶ billed (paid)
//!    └──cancel (draft, issued, partially_received, received)──▶ cancelled
//! ```
//!
//! | action  | allowed when | refused with |
//! | ------- | ------------ | ------------ |
//! | update  | draft | `invalid_status` |
//! | issue   | draft | `invalid_status` |
//! | receive | issued, partially_received, billed (goods after the bill) | `invalid_status` |
//! | bill    | issued, partially_received, received | `already_billed`, `invalid_status` |
//! | pay     | billed | `invalid_status` |
//! | cancel  | draft, issued, partially_received, received | `invalid_status` (billed: credit the bill) |

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

use crate::transition::{TransitionError, UnknownStatus};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PurchaseOrderStatus {
    Draft,
    Issued,
    PartiallyReceived,
    Received,
    Billed,
    Cancelled,
}

impl PurchaseOrderStatus {
    pub const ALL: [PurchaseOrderStatus; 6] = [
        Self::Draft,
        Self::Issued,
        Self::PartiallyReceived,
        Self::Received,
        Self::Billed,
        Self::Cancelled,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Draft => "draft",
            Self::Issued => "issued",
            Self::PartiallyReceived => "partially_received",
            Self::Received => "received",
            Self::Billed => "billed",
            Self::Cancelled => "cancelled",
        }
    }
}

impl fmt::Display for PurchaseOrderStatus {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for PurchaseOrderStatus {
    type Err = UnknownStatus;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::ALL
            .into_iter()
            .find(|status| status.as_str() == s)
            .ok_or(UnknownStatus)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PurchaseOrderAction {
    Update,
    Issue,
    Receive,
    Bill,
    Pay,
    Cancel,
}

impl PurchaseOrderAction {
    pub const ALL: [PurchaseOrderAction; 6] = [
        Self::Update,
        Self::Issue,
        Self::Receive,
        Self::Bill,
        Self::Pay,
        Self::Cancel,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Update => "update",
            Self::Issue => "issue",
            Self::Receive => "receive",
            Self::Bill => "bill",
            Self::Pay => "pay",
            Self::Cancel => "cancel",
        }
    }

    fn refusal(self) -> &'static str {
        match self {
            Self::Update => "only a draft can be changed",
            Self::Issue => "only a draft can be issued",
            Self::Receive => "nothing can be received on it",
            Self::Bill => "it cannot be billed",
            Self::Pay => "it has no bill to pay",
            Self::Cancel => "it cannot be cancelled",
        }
    }
}

/// May `action` be taken on a purchase order in `status`?
pub fn check(
    status: PurchaseOrderStatus,
    action: PurchaseOrderAction,
) -> Result<(), TransitionError> {
    use PurchaseOrderAction as A;
    use PurchaseOrderStatus as S;
    let allowed = match action {
        A::Update | A::Issue => matches!(status, S::Draft),
        A::Receive => matches!(status, S::Issued | S::PartiallyReceived | S::Billed),
        A::Bill => matches!(status, S::Issued | S::PartiallyReceived | S::Received),
        A::Pay => matches!(status, S::Billed),
        A::Cancel => matches!(
            status,
            S::Draft | S::Issued | S::PartiallyReceived | S::Received
        ),
    };
    if allowed {
        return Ok(());
    }
    let code = match (action, status) {
        (A::Bill, S::Billed) => "already_billed",
        _ => "invalid_status",
    };
    Err(TransitionError::new(
        code,
        "purchase order",
        status.as_str(),
        action.as_str(),
        action.refusal(),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use PurchaseOrderAction as A;
    use PurchaseOrderStatus as S;

    #[test]
    fn the_table_of_the_module_docs() {
        let allowed = |status, action| check(status, action).is_ok();
        for status in S::ALL {
            assert_eq!(allowed(status, A::Update), status == S::Draft);
            assert_eq!(allowed(status, A::Issue), status == S::Draft);
            assert_eq!(
                allowed(status, A::Receive),
                matches!(status, S::Issued | S::PartiallyReceived | S::Billed)
            );
            assert_eq!(
                allowed(status, A::Bill),
                matches!(status, S::Issued | S::PartiallyReceived | S::Received)
            );
            assert_eq!(allowed(status, A::Pay), status == S::Billed);
            assert_eq!(
                allowed(status, A::Cancel),
                !matches!(status, S::Billed | S::Cancelled)
            );
        }
        let err = check(S::Billed, A::Bill).unwrap_err();
        assert_eq!(err.code(), "already_billed");
        let err = check(S::Billed, A::Cancel).unwrap_err();
        assert_eq!((err.code(), err.current()), ("invalid_status", "billed"));
        assert_eq!("partially_received".parse::<S>(), Ok(S::PartiallyReceived));
        assert!("paid".parse::<S>().is_err());
    }
}
