//! The quote's life (API.md §6): which action each status allows.
//!
//! ```text
//!  draft ──send──▶ sent ──approve──▶ approved   (an invoice is created)
//!    │  └───────approve / reject───────┐
//!    └──────────reject─────────────────┴──▶ rejected
//!  draft/sent past valid_until  ⇒  reads as expired
//! ```
//!
//! `expired` is never stored: it is derived when a draft or sent quote is
//! read after its `valid_until` ([`effective_status`]), so no job has to
//! flip it and extending `valid_until` revives the quote.
//!
//! | action  | allowed when (stored status)        | refused with |
//! | ------- | ----------------------------------- | ------------ |
//! | edit    | draft, sent (even if expired: a new `valid_until` revives it) | `invalid_status` |
//! | delete  | draft (even if expired)             | `invalid_status` |
//! | send    | draft, sent; not expired            | `quote_expired`, `invalid_status` |
//! | approve | draft, sent; not expired            | `already_approved`, `quote_expired`, `invalid_status` |
//! | reject  | draft, sent (even if expired)       | `invalid_status` (409 once approved) |
//! | remind  | sent; not expired                   | `quote_expired`, `invalid_status` |

use std::fmt;
use std::str::FromStr;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::transition::{TransitionError, UnknownStatus};

/// A quote's status as the API writes it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum QuoteStatus {
    Draft,
    Sent,
    Approved,
    Rejected,
    /// Derived on read, never stored (see the module docs).
    Expired,
}

impl QuoteStatus {
    pub const ALL: [QuoteStatus; 5] = [
        Self::Draft,
        Self::Sent,
        Self::Approved,
        Self::Rejected,
        Self::Expired,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Draft => "draft",
            Self::Sent => "sent",
            Self::Approved => "approved",
            Self::Rejected => "rejected",
            Self::Expired => "expired",
        }
    }

    /// Still waiting for the client's answer (draft or sent).
    pub fn is_open(self) -> bool {
        matches!(self, Self::Draft | Self::Sent)
    }
}

impl fmt::Display for QuoteStatus {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// For the `?status=` list filter: the snake_case names only.
impl FromStr for QuoteStatus {
    type Err = UnknownStatus;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::ALL
            .into_iter()
            .find(|status| status.as_str() == s)
            .ok_or(UnknownStatus)
    }
}

/// What a client may ask of a quote.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum QuoteAction {
    /// `PUT /v1/quotes/{id}`
    Edit,
    Delete,
    Send,
    Approve,
    Reject,
    Remind,
}

impl QuoteAction {
    pub const ALL: [QuoteAction; 6] = [
        Self::Edit,
        Self::Delete,
        Self::Send,
        Self::Approve,
        Self::Reject,
        Self::Remind,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Edit => "edit",
            Self::Delete => "delete",
            Self::Send => "send",
            Self::Approve => "approve",
            Self::Reject => "reject",
            Self::Remind => "remind",
        }
    }

    fn refusal(self) -> &'static str {
        match self {
            Self::Edit => "it cannot be edited",
            Self::Delete => "it cannot be deleted",
            Self::Send => "it cannot be sent",
            Self::Approve => "it cannot be approved",
            Self::Reject => "it cannot be rejected",
            Self::Remind => "no reminder can be sent",
        }
    }
}

impl fmt::Display for QuoteAction {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// True when `today` is after `valid_until` (the quote is still valid on
/// that day itself). No `valid_until` never expires.
pub fn is_past_validity(valid_until: Option<NaiveDate>, today: NaiveDate) -> bool {
    valid_until.is_some_and(|until| today > until)
}

/// The status a client reads: a draft or sent quote past `valid_until` is
/// `expired`; every other status is as stored.
pub fn effective_status(
    stored: QuoteStatus,
    valid_until: Option<NaiveDate>,
    today: NaiveDate,
) -> QuoteStatus {
    if stored.is_open() && is_past_validity(valid_until, today) {
        QuoteStatus::Expired
    } else {
        stored
    }
}

/// May `action` be taken on a quote whose *stored* status is `stored`?
/// The error names the effective status (`the quote is expired; it cannot
/// be approved`).
pub fn check(
    stored: QuoteStatus,
    action: QuoteAction,
    today: NaiveDate,
    valid_until: Option<NaiveDate>,
) -> Result<(), TransitionError> {
    let current = effective_status(stored, valid_until, today);
    let refuse = |code| {
        Err(TransitionError::new(
            code,
            "quote",
            current.as_str(),
            action.as_str(),
            action.refusal(),
        ))
    };
    let expired = current == QuoteStatus::Expired;
    match action {
        // Editing is how an expired quote gets a new valid_until, and a
        // stale draft may always be thrown away.
        QuoteAction::Edit if stored.is_open() => Ok(()),
        QuoteAction::Delete if stored == QuoteStatus::Draft => Ok(()),
        // The client can still answer "no" after the date; it is recorded.
        QuoteAction::Reject if stored.is_open() => Ok(()),
        QuoteAction::Approve if stored == QuoteStatus::Approved => refuse("already_approved"),
        // Sending or reminding about an offer the client can no longer
        // accept would only produce a 409 on their side.
        QuoteAction::Send | QuoteAction::Approve | QuoteAction::Remind if expired => {
            refuse("quote_expired")
        }
        QuoteAction::Send | QuoteAction::Approve if stored.is_open() => Ok(()),
        QuoteAction::Remind if stored == QuoteStatus::Sent => Ok(()),
        // Includes a stored `expired` (never written by Uome): as final as
        // it reads.
        _ => refuse("invalid_status"),
    }
}

/// [`check`], then the status to store afterwards: `send` → sent,
/// `approve` → approved, `reject` → rejected; edit, delete and remind keep
/// the stored status (a deleted quote has none).
pub fn transition(
    stored: QuoteStatus,
    action: QuoteAction,
    today: NaiveDate,
    valid_until: Option<NaiveDate>,
) -> Result<QuoteStatus, TransitionError> {
    check(stored, action, today, valid_until)?;
    Ok(match action {
        QuoteAction::Send => QuoteStatus::Sent,
        QuoteAction::Approve => QuoteStatus::Approved,
        QuoteAction::Reject => QuoteStatus::Rejected,
        QuoteAction::Edit | QuoteAction::Delete | QuoteAction::Remind => stored,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use QuoteAction::*;
    use QuoteStatus::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    fn code(stored: QuoteStatus, action: QuoteAction, today: &str) -> Result<(), &'static str> {
        check(stored, action, d(today), Some(d("2026-03-31"))).map_err(|e| e.code())
    }

    #[test]
    fn expiry_is_derived_after_valid_until() {
        let until = Some(d("2026-03-31"));
        assert_eq!(effective_status(Sent, until, d("2026-03-31")), Sent);
        assert_eq!(effective_status(Sent, until, d("2026-04-01")), Expired);
        assert_eq!(effective_status(Draft, until, d("2026-04-01")), Expired);
        assert_eq!(effective_status(Approved, until, d("2026-04-01")), Approved);
        assert_eq!(effective_status(Rejected, until, d("2026-04-01")), Rejected);
        assert_eq!(effective_status(Sent, None, d("2999-01-01")), Sent);
    }

    #[test]
    fn rules_of_api_section_6() {
        let valid = "2026-03-01";
        let late = "2026-04-01";
        assert_eq!(code(Draft, Edit, valid), Ok(()));
        assert_eq!(code(Sent, Edit, valid), Ok(()));
        assert_eq!(code(Sent, Edit, late), Ok(()));
        assert_eq!(code(Approved, Edit, valid), Err("invalid_status"));
        assert_eq!(code(Draft, Delete, late), Ok(()));
        assert_eq!(code(Sent, Delete, valid), Err("invalid_status"));
        assert_eq!(code(Draft, Send, valid), Ok(()));
        assert_eq!(code(Sent, Send, valid), Ok(()));
        assert_eq!(code(Sent, Send, late), Err("quote_expired"));
        assert_eq!(code(Rejected, Send, valid), Err("invalid_status"));
        assert_eq!(code(Draft, Approve, valid), Ok(()));
        assert_eq!(code(Sent, Approve, valid), Ok(()));
        assert_eq!(code(Sent, Approve, late), Err("quote_expired"));
        assert_eq!(code(Approved, Approve, valid), Err("already_approved"));
        assert_eq!(code(Approved, Approve, late), Err("already_approved"));
        assert_eq!(code(Rejected, Approve, valid), Err("invalid_status"));
        assert_eq!(code(Expired, Approve, valid), Err("quote_expired"));
        assert_eq!(code(Sent, Reject, late), Ok(()));
        assert_eq!(code(Approved, Reject, valid), Err("invalid_status"));
        assert_eq!(code(Rejected, Reject, valid), Err("invalid_status"));
        assert_eq!(code(Sent, Remind, valid), Ok(()));
        assert_eq!(code(Draft, Remind, valid), Err("invalid_status"));
        assert_eq!(code(Sent, Remind, late), Err("quote_expired"));
    }

    #[test]
    fn messages_name_the_current_status() {
        let today = d("2026-03-01");
        let err = check(Approved, Reject, today, None).unwrap_err();
        assert_eq!(
            err.to_string(),
            "the quote is approved; it cannot be rejected"
        );
        assert_eq!(err.current(), "approved");
        assert_eq!(err.action(), "reject");
        let err = check(Sent, Approve, today, Some(d("2026-02-28"))).unwrap_err();
        assert_eq!(
            err.to_string(),
            "the quote is expired; it cannot be approved"
        );
        assert_eq!(err.current(), "expired");
        let err = check(Approved, Approve, today, None).unwrap_err();
        assert_eq!(err.to_string(), "the quote is already approved");
    }

    #[test]
    fn transitions_store_the_new_status() {
        let today = d("2026-03-01");
        assert_eq!(transition(Draft, Send, today, None), Ok(Sent));
        assert_eq!(transition(Sent, Send, today, None), Ok(Sent));
        assert_eq!(transition(Draft, Approve, today, None), Ok(Approved));
        assert_eq!(transition(Sent, Reject, today, None), Ok(Rejected));
        assert_eq!(transition(Sent, Edit, today, None), Ok(Sent));
        assert!(transition(Rejected, Edit, today, None).is_err());
    }

    #[test]
    fn serde_and_parsing_use_snake_case() {
        assert_eq!(serde_json::to_string(&Approved).unwrap(), r#""approved""#);
        assert_eq!(serde_json::to_string(&Remind).unwrap(), r#""remind""#);
        for status in QuoteStatus::ALL {
            assert_eq!(status.as_str().parse::<QuoteStatus>(), Ok(status));
            let json = serde_json::to_string(&status).unwrap();
            assert_eq!(json, format!("\"{status}\""));
        }
        assert!("Draft".parse::<QuoteStatus>().is_err());
    }
}
