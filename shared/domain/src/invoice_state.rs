//! The invoice's life (API.md §7): which action each status allows, what a
//! payment may be, and what status the money leaves it in.
//!
//! ```text
//!  draft ──issue / send──▶ issued ──payment──▶ partially_paid ──payment──▶ paid
//!    │                       │  └────────────payment of all due──────────▶ paid
//!    └────────cancel─────────┴──(no payment, no credit)──▶ cancelled
//!
//!  issued, partially_paid, paid ──credit note of every line──▶ credited
//!  partially_paid, paid ──payment reversed──▶ issued or partially_paid
//! ```
//!
//! | action          | allowed when                                   | refused with |
//! | --------------- | ---------------------------------------------- | ------------ |
//! | edit, delete    | draft                                          | `invalid_status` |
//! | issue           | draft                                          | `invalid_status` |
//! | send            | draft (issues it), issued, partially_paid      | `invalid_status` |
//! | pay, mark_paid  | issued, partially_paid                         | `invoice_not_issued` (draft), `invoice_paid`, `invoice_cancelled` |
//! | cancel          | no payment stands (draft, issued)              | `payments_exist`, `invoice_cancelled`, `invoice_credited` |
//! | credit          | issued, partially_paid, paid                   | `invoice_not_issued` (draft), `invoice_cancelled`, `invoice_credited` |
//! | reverse_payment | partially_paid, paid                           | `invoice_credited`, `invalid_status` |
//! | remind          | issued, partially_paid                         | `invalid_status` |
//! | address_request | any status but cancelled                       | `invalid_status` |
//!
//! The statuses after money moves come from the amounts, never from a
//! counter of events: [`after_payment`] and [`status_when_issued`].

use std::fmt;
use std::str::FromStr;

use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::currency::Currency;
use crate::error::{DomainError, FieldError};
use crate::money::{format_amount, validate_money};
use crate::transition::{TransitionError, UnknownStatus};

/// An invoice's status as the API writes it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum InvoiceStatus {
    Draft,
    Issued,
    PartiallyPaid,
    Paid,
    Cancelled,
    /// Every line credited by credit notes (API.md §7b).
    Credited,
}

impl InvoiceStatus {
    pub const ALL: [InvoiceStatus; 6] = [
        Self::Draft,
        Self::Issued,
        Self::PartiallyPaid,
        Self::Paid,
        Self::Cancelled,
        Self::Credited,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Draft => "draft",
            Self::Issued => "issued",
            Self::PartiallyPaid => "partially_paid",
            Self::Paid => "paid",
            Self::Cancelled => "cancelled",
            Self::Credited => "credited",
        }
    }

    /// Issued and not fully paid: money is owed, reminders and payments
    /// apply, and the invoice counts in accounts receivable.
    pub fn is_open(self) -> bool {
        matches!(self, Self::Issued | Self::PartiallyPaid)
    }

    /// In the ledger: issued at some point and not cancelled.
    pub fn is_posted(self) -> bool {
        matches!(
            self,
            Self::Issued | Self::PartiallyPaid | Self::Paid | Self::Credited
        )
    }
}

impl fmt::Display for InvoiceStatus {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// For the `?status=` list filter: the snake_case names only.
impl FromStr for InvoiceStatus {
    type Err = UnknownStatus;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::ALL
            .into_iter()
            .find(|status| status.as_str() == s)
            .ok_or(UnknownStatus)
    }
}

/// What a client may ask of an invoice.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum InvoiceAction {
    /// `PUT /v1/invoices/{id}`
    Edit,
    Delete,
    Issue,
    Send,
    /// `POST …/payments`
    Pay,
    MarkPaid,
    Cancel,
    Remind,
    AddressRequest,
    /// `POST …/credit-notes`
    Credit,
    /// `POST …/payments/{id}/reverse`
    ReversePayment,
}

impl InvoiceAction {
    pub const ALL: [InvoiceAction; 11] = [
        Self::Edit,
        Self::Delete,
        Self::Issue,
        Self::Send,
        Self::Pay,
        Self::MarkPaid,
        Self::Cancel,
        Self::Remind,
        Self::AddressRequest,
        Self::Credit,
        Self::ReversePayment,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Edit => "edit",
            Self::Delete => "delete",
            Self::Issue => "issue",
            Self::Send => "send",
            Self::Pay => "pay",
            Self::MarkPaid => "mark_paid",
            Self::Cancel => "cancel",
            Self::Remind => "remind",
            Self::AddressRequest => "address_request",
            Self::Credit => "credit",
            Self::ReversePayment => "reverse_payment",
        }
    }

    fn refusal(self) -> &'static str {
        match self {
            Self::Edit => "it cannot be edited",
            Self::Delete => "it cannot be deleted",
            Self::Issue => "it cannot be issued",
            Self::Send => "it cannot be sent",
            Self::Pay => "it cannot take payments",
            Self::MarkPaid => "it cannot be marked as paid",
            Self::Cancel => "it cannot be cancelled",
            Self::Remind => "no reminder can be sent",
            Self::AddressRequest => "no address request can be sent",
            Self::Credit => "it cannot be credited",
            Self::ReversePayment => "its payments cannot be reversed",
        }
    }
}

impl fmt::Display for InvoiceAction {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// May `action` be taken on an invoice in `status` that has received
/// `amount_paid` so far?
///
/// `amount_paid` decides `cancel` ("409 if any payment stands") rather than
/// the status alone, so a zero-total invoice — `paid` from the moment it is
/// issued, without any payment — can still be cancelled.
pub fn check(
    status: InvoiceStatus,
    action: InvoiceAction,
    amount_paid: Decimal,
) -> Result<(), TransitionError> {
    use InvoiceAction as A;
    use InvoiceStatus as S;
    let refuse = |code| {
        Err(TransitionError::new(
            code,
            "invoice",
            status.as_str(),
            action.as_str(),
            action.refusal(),
        ))
    };
    match (action, status) {
        (A::Edit | A::Delete | A::Issue, S::Draft) => Ok(()),
        (A::Send, S::Draft | S::Issued | S::PartiallyPaid) => Ok(()),
        (A::Pay | A::MarkPaid, S::Issued | S::PartiallyPaid) => Ok(()),
        (A::Pay | A::MarkPaid, S::Draft) => refuse("invoice_not_issued"),
        (A::Pay | A::MarkPaid, S::Paid) => refuse("invoice_paid"),
        (A::Pay | A::MarkPaid | A::Cancel | A::Credit, S::Cancelled) => refuse("invoice_cancelled"),
        (A::Pay | A::MarkPaid | A::Cancel | A::Credit | A::ReversePayment, S::Credited) => {
            refuse("invoice_credited")
        }
        (A::Cancel, _) if !amount_paid.is_zero() => refuse("payments_exist"),
        (A::Cancel, _) => Ok(()),
        (A::Credit, S::Issued | S::PartiallyPaid | S::Paid) => Ok(()),
        (A::Credit, S::Draft) => refuse("invoice_not_issued"),
        (A::ReversePayment, S::PartiallyPaid | S::Paid) => Ok(()),
        (A::Remind, S::Issued | S::PartiallyPaid) => Ok(()),
        (A::AddressRequest, S::Draft | S::Issued | S::PartiallyPaid | S::Paid) => Ok(()),
        _ => refuse("invalid_status"),
    }
}

/// The status an invoice of `total` holds once `amount_paid` of it is paid.
///
/// Nothing paid of a non-zero total → issued; `0 < paid < total` →
/// partially_paid; `paid ≥ total` → paid. A zero total is paid as soon as it
/// is issued: nothing is owed, so it is never overdue or reminded about.
/// (`paid > total` cannot happen through [`check_payment`].)
pub fn after_payment(total: Decimal, amount_paid: Decimal) -> InvoiceStatus {
    if amount_paid.is_zero() && !total.is_zero() {
        InvoiceStatus::Issued
    } else if amount_paid >= total {
        InvoiceStatus::Paid
    } else {
        InvoiceStatus::PartiallyPaid
    }
}

/// What credit notes rule out besides the status: a cancel (it would
/// reverse an issue a credit note already partly reversed) or a payment
/// reversal (the credit it made would stay as if paid) once any credit
/// note stands. 409 `credit_notes_exist`.
pub fn check_no_credit(
    status: InvoiceStatus,
    action: InvoiceAction,
    credited: Decimal,
) -> Result<(), TransitionError> {
    if credited.is_zero() {
        return Ok(());
    }
    Err(TransitionError::new(
        "credit_notes_exist",
        "invoice",
        status.as_str(),
        action.as_str(),
        "it has credit notes; correct it with a credit note or a refund instead",
    ))
}

/// A payment reversed before: 409 `payment_reversed`.
pub fn check_not_reversed(reversed: bool) -> Result<(), TransitionError> {
    if reversed {
        return Err(TransitionError::new(
            "payment_reversed",
            "payment",
            "reversed",
            "reverse",
            "it cannot be reversed again",
        ));
    }
    Ok(())
}

/// The status of an issued invoice once money and credit moved: `credited`
/// when every line is credited; else as [`after_payment`] with what
/// credit notes took off the amount due counted like payments, except that
/// an invoice nobody paid stays `issued` while it still owes something.
pub fn after_settlement(
    total: Decimal,
    amount_paid: Decimal,
    credited_to_due: Decimal,
    fully_credited: bool,
) -> InvoiceStatus {
    if fully_credited {
        return InvoiceStatus::Credited;
    }
    let settled = amount_paid + credited_to_due;
    if settled >= total {
        InvoiceStatus::Paid
    } else if amount_paid.is_zero() {
        InvoiceStatus::Issued
    } else {
        InvoiceStatus::PartiallyPaid
    }
}

/// The status after `issue` (or `send` of a draft): `after_payment(total, 0)`.
pub fn status_when_issued(total: Decimal) -> InvoiceStatus {
    after_payment(total, Decimal::ZERO)
}

/// An invoice is overdue once the day after its due date has come and money
/// is still owed (issued or partially paid). On the due date it is not.
pub fn is_overdue(status: InvoiceStatus, due_date: NaiveDate, today: NaiveDate) -> bool {
    status.is_open() && today > due_date
}

/// An invoice may be issued only with a total ≥ 0: a negative total would
/// owe the client money, which is a credit note's job (planned, API.md §13a),
/// and nobody could pay it. 422 on field `total`.
pub fn check_issuable_total(total: Decimal) -> Result<(), DomainError> {
    if total.is_sign_negative() && !total.is_zero() {
        return Err(DomainError::Validation(vec![FieldError::new(
            "total",
            "must not be negative to issue an invoice",
        )]));
    }
    Ok(())
}

/// The amount of a payment (API.md §7): `amount` if given, else everything
/// due. It must be > 0, at most `amount_due`, and carry no more decimal
/// places than `currency` has. Returns it at the currency's scale.
/// Every refusal is a [`DomainError::Validation`] on field `amount` (422);
/// whether the invoice takes payments at all is [`check`]'s job (409).
pub fn check_payment(
    amount: Option<Decimal>,
    amount_due: Decimal,
    currency: Currency,
) -> Result<Decimal, DomainError> {
    let refuse =
        |message: String| DomainError::Validation(vec![FieldError::new("amount", message)]);
    let amount = match amount {
        Some(given) => validate_money(given, currency).map_err(|e| e.at("amount"))?,
        None => validate_money(amount_due, currency).map_err(|e| e.at("amount"))?,
    };
    if amount.is_sign_negative() || amount.is_zero() {
        return Err(refuse(if amount_due > Decimal::ZERO {
            "must be greater than 0".to_owned()
        } else {
            "must be greater than 0; nothing is due".to_owned()
        }));
    }
    if amount > amount_due {
        return Err(refuse(format!(
            "must not exceed the amount due ({} {currency})",
            format_amount(amount_due, currency)
        )));
    }
    Ok(amount)
}

#[cfg(test)]
mod tests {
    use super::*;
    use InvoiceAction::*;
    use InvoiceStatus::*;
    use rust_decimal_macros::dec;

    fn code(
        status: InvoiceStatus,
        action: InvoiceAction,
        paid: Decimal,
    ) -> Result<(), &'static str> {
        check(status, action, paid).map_err(|e| e.code())
    }

    #[test]
    fn rules_of_api_section_7() {
        let z = Decimal::ZERO;
        for action in [Edit, Delete, Issue] {
            assert_eq!(code(Draft, action, z), Ok(()));
            for status in [Issued, PartiallyPaid, Paid, Cancelled] {
                assert_eq!(code(status, action, z), Err("invalid_status"));
            }
        }
        assert_eq!(code(Draft, Send, z), Ok(()));
        assert_eq!(code(Issued, Send, z), Ok(()));
        assert_eq!(code(PartiallyPaid, Send, dec!(1)), Ok(()));
        assert_eq!(code(Paid, Send, dec!(1)), Err("invalid_status"));
        assert_eq!(code(Cancelled, Send, z), Err("invalid_status"));
        for action in [Pay, MarkPaid] {
            assert_eq!(code(Draft, action, z), Err("invoice_not_issued"));
            assert_eq!(code(Issued, action, z), Ok(()));
            assert_eq!(code(PartiallyPaid, action, dec!(1)), Ok(()));
            assert_eq!(code(Paid, action, dec!(1)), Err("invoice_paid"));
            assert_eq!(code(Cancelled, action, z), Err("invoice_cancelled"));
        }
        assert_eq!(code(Draft, Cancel, z), Ok(()));
        assert_eq!(code(Issued, Cancel, z), Ok(()));
        assert_eq!(
            code(PartiallyPaid, Cancel, dec!(0.01)),
            Err("payments_exist")
        );
        assert_eq!(code(Paid, Cancel, dec!(10)), Err("payments_exist"));
        assert_eq!(code(Paid, Cancel, z), Ok(()), "zero-total invoice");
        assert_eq!(code(Cancelled, Cancel, z), Err("invoice_cancelled"));
        assert_eq!(code(Issued, Remind, z), Ok(()));
        assert_eq!(code(PartiallyPaid, Remind, dec!(1)), Ok(()));
        assert_eq!(code(Draft, Remind, z), Err("invalid_status"));
        assert_eq!(code(Paid, Remind, dec!(1)), Err("invalid_status"));
        assert_eq!(code(Draft, AddressRequest, z), Ok(()));
        assert_eq!(code(Cancelled, AddressRequest, z), Err("invalid_status"));
    }

    #[test]
    fn messages() {
        let err = check(PartiallyPaid, Cancel, dec!(5)).unwrap_err();
        assert_eq!(
            err.to_string(),
            "the invoice has payments; it cannot be cancelled (payments cannot be undone here)"
        );
        let err = check(Draft, Pay, Decimal::ZERO).unwrap_err();
        assert_eq!(
            err.to_string(),
            "the invoice is a draft; it cannot take payments until it is issued"
        );
        let err = check(Paid, Edit, dec!(5)).unwrap_err();
        assert_eq!(err.to_string(), "the invoice is paid; it cannot be edited");
        assert_eq!(err.action(), "edit");
        assert_eq!(err.current(), "paid");
    }

    #[test]
    fn status_follows_the_money() {
        assert_eq!(after_payment(dec!(100.00), dec!(0.00)), Issued);
        assert_eq!(after_payment(dec!(100.00), dec!(0.01)), PartiallyPaid);
        assert_eq!(after_payment(dec!(100.00), dec!(99.99)), PartiallyPaid);
        assert_eq!(after_payment(dec!(100.00), dec!(100.00)), Paid);
        assert_eq!(status_when_issued(dec!(0.00)), Paid);
        assert_eq!(status_when_issued(dec!(12)), Issued);
    }

    #[test]
    fn overdue_from_the_day_after_the_due_date() {
        let due: NaiveDate = "2026-03-31".parse().unwrap();
        let on = due;
        let after = due.succ_opt().unwrap();
        assert!(!is_overdue(Issued, due, on));
        assert!(is_overdue(Issued, due, after));
        assert!(is_overdue(PartiallyPaid, due, after));
        for status in [Draft, Paid, Cancelled] {
            assert!(!is_overdue(status, due, after));
        }
    }

    #[test]
    fn payments_default_to_everything_due() {
        let gbp = Currency::GBP;
        assert_eq!(
            check_payment(None, dec!(1140.2), gbp).unwrap().to_string(),
            "1140.20"
        );
        assert_eq!(
            check_payment(Some(dec!(40)), dec!(1140.20), gbp)
                .unwrap()
                .to_string(),
            "40.00"
        );
        assert_eq!(
            check_payment(Some(dec!(1140.20)), dec!(1140.20), gbp).unwrap(),
            dec!(1140.20)
        );
        assert_eq!(
            check_payment(Some(dec!(1500.00)), dec!(2000), Currency::JPY)
                .unwrap()
                .to_string(),
            "1500"
        );
    }

    #[test]
    fn payments_out_of_bounds_are_422_on_amount() {
        let gbp = Currency::GBP;
        let field = |r: Result<Decimal, DomainError>| {
            let e = r.unwrap_err();
            assert_eq!(e.code(), "validation_failed");
            let f = e.field_errors();
            assert_eq!(f.len(), 1);
            assert_eq!(f[0].field, "amount");
            f[0].message.clone()
        };
        assert_eq!(
            field(check_payment(Some(dec!(0)), dec!(10), gbp)),
            "must be greater than 0"
        );
        assert_eq!(
            field(check_payment(Some(dec!(-1)), dec!(10), gbp)),
            "must be greater than 0"
        );
        assert_eq!(
            field(check_payment(Some(dec!(10.01)), dec!(10), gbp)),
            "must not exceed the amount due (10.00 GBP)"
        );
        assert_eq!(
            field(check_payment(Some(dec!(1.005)), dec!(10), gbp)),
            "GBP amounts have at most 2 decimal places"
        );
        assert_eq!(
            field(check_payment(None, dec!(0), gbp)),
            "must be greater than 0; nothing is due"
        );
    }

    #[test]
    fn negative_totals_cannot_be_issued() {
        assert!(check_issuable_total(dec!(0)).is_ok());
        assert!(check_issuable_total(dec!(0.01)).is_ok());
        let err = check_issuable_total(dec!(-0.01)).unwrap_err();
        assert_eq!(err.field_errors()[0].field, "total");
    }

    #[test]
    fn serde_and_parsing_use_snake_case() {
        assert_eq!(
            serde_json::to_string(&PartiallyPaid).unwrap(),
            r#""partially_paid""#
        );
        assert_eq!(
            serde_json::to_string(&AddressRequest).unwrap(),
            r#""address_request""#
        );
        for status in InvoiceStatus::ALL {
            assert_eq!(status.as_str().parse::<InvoiceStatus>(), Ok(status));
            assert_eq!(
                serde_json::to_string(&status).unwrap(),
                format!("\"{status}\"")
            );
        }
        for action in InvoiceAction::ALL {
            assert_eq!(
                serde_json::to_string(&action).unwrap(),
                format!("\"{action}\"")
            );
        }
    }
}
