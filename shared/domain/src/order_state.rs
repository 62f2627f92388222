//! An order's life (API.md §8): a client (or the business on its behalf)
//! orders from the catalogue; the business approves it, which issues an
//! invoice, or rejects it. While it is pending the client may remind the
//! business.
//!
//! ```text
//!  pending ──approve──▶ approved   (an issued invoice is created)
//!     └─────reject────▶ rejected
//! ```
//!
//! | action  | allowed when | refused with |
//! | ------- | ------------ | ------------ |
//! | approve | pending      | `already_approved`, `invalid_status` |
//! | reject  | pending      | `invalid_status` |
//! | remind  | pending      | `invalid_status` |

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

use crate::transition::{TransitionError, UnknownStatus};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum OrderStatus {
    Pending,
    Approved,
    Rejected,
}

impl OrderStatus {
    pub const ALL: [OrderStatus; 3] = [Self::Pending, Self::Approved, Self::Rejected];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Pending => "pending",
            Self::Approved => "approved",
            Self::Rejected => "rejected",
        }
    }
}

impl fmt::Display for OrderStatus {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for OrderStatus {
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
pub enum OrderAction {
    Approve,
    Reject,
    Remind,
}

impl OrderAction {
    pub const ALL: [OrderAction; 3] = [Self::Approve, Self::Reject, Self::Remind];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Approve => "approve",
            Self::Reject => "reject",
            Self::Remind => "remind",
        }
    }

    fn refusal(self) -> &'static str {
        match self {
            Self::Approve => "it cannot be approved",
            Self::Reject => "it cannot be rejected",
            Self::Remind => "no reminder can be sent",
        }
    }
}

/// May `action` be taken on an order in `status`?
pub fn check(status: OrderStatus, action: OrderAction) -> Result<(), TransitionError> {
    let refuse = |code| {
        Err(TransitionError::new(
            code,
            "order",
            status.as_str(),
            action.as_str(),
            action.refusal(),
        ))
    };
    match (action, status) {
        (_, OrderStatus::Pending) => Ok(()),
        (OrderAction::Approve, OrderStatus::Approved) => refuse("already_approved"),
        _ => refuse("invalid_status"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_a_pending_order_moves() {
        for action in OrderAction::ALL {
            assert!(check(OrderStatus::Pending, action).is_ok());
            let err = check(OrderStatus::Rejected, action).unwrap_err();
            assert_eq!(err.code(), "invalid_status");
            assert_eq!(err.current(), "rejected");
        }
        let err = check(OrderStatus::Approved, OrderAction::Approve).unwrap_err();
        assert_eq!(err.code(), "already_approved");
        assert_eq!(err.to_string(), "the order is already approved");
        assert_eq!(
            check(OrderStatus::Approved, OrderAction::Reject)
                .unwrap_err()
                .code(),
            "invalid_status"
        );
        assert_eq!("approved".parse::<OrderStatus>(), Ok(OrderStatus::Approved));
    }
}
