//! The error of a document action refused because of the document's
//! status: HTTP 409 material, unlike [`DomainError`](crate::DomainError)
//! (422 material).

use std::fmt;

/// A status that refuses an action (API.md §6, §7).
///
/// Carries the stable [`code`](TransitionError::code) for problem+json, the
/// current status and the action as snake_case strings (what clients see in
/// `status` and in the route), and a human message naming the status:
/// `the quote is approved; it cannot be rejected`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub struct TransitionError {
    code: &'static str,
    document: &'static str,
    current: &'static str,
    action: &'static str,
    // The end of the message, e.g. "it cannot be rejected". Kept with the
    // action so the message is one sentence whatever the action's verb.
    refusal: &'static str,
}

impl TransitionError {
    pub(crate) const fn new(
        code: &'static str,
        document: &'static str,
        current: &'static str,
        action: &'static str,
        refusal: &'static str,
    ) -> Self {
        Self {
            code,
            document,
            current,
            action,
            refusal,
        }
    }

    /// Stable snake_case identifier: `invalid_status`, `already_approved`,
    /// `quote_expired`, `invoice_not_issued`, `invoice_paid`,
    /// `invoice_cancelled`, `payments_exist`.
    pub fn code(&self) -> &'static str {
        self.code
    }

    /// `"quote"` or `"invoice"`.
    pub fn document(&self) -> &'static str {
        self.document
    }

    /// The status that refused the action, as the API writes it
    /// (`partially_paid`); for a quote, its *effective* status (`expired`).
    pub fn current(&self) -> &'static str {
        self.current
    }

    /// The refused action, snake_case (`mark_paid`).
    pub fn action(&self) -> &'static str {
        self.action
    }
}

impl fmt::Display for TransitionError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let status = self.current.replace('_', " ");
        match self.code {
            "already_approved" => write!(f, "the {} is already approved", self.document),
            "payments_exist" => write!(
                f,
                "the {} has payments; {} (payments cannot be undone here)",
                self.document, self.refusal
            ),
            "invoice_not_issued" => write!(
                f,
                "the {} is a {status}; {} until it is issued",
                self.document, self.refusal
            ),
            _ => write!(f, "the {} is {status}; {}", self.document, self.refusal),
        }
    }
}

/// A `?status=` value that is not one of the document's statuses.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("unknown status")]
pub struct UnknownStatus;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages_name_the_status() {
        let e = TransitionError::new(
            "invalid_status",
            "quote",
            "approved",
            "reject",
            "it cannot be rejected",
        );
        assert_eq!(
            e.to_string(),
            "the quote is approved; it cannot be rejected"
        );
        let e = TransitionError::new(
            "invalid_status",
            "invoice",
            "partially_paid",
            "edit",
            "it cannot be edited",
        );
        assert_eq!(
            e.to_string(),
            "the invoice is partially paid; it cannot be edited"
        );
        assert_eq!(e.code(), "invalid_status");
        assert_eq!(e.current(), "partially_paid");
        assert_eq!(e.action(), "edit");
        assert_eq!(e.document(), "invoice");
    }
}
