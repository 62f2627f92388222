//! The document state machines against an independent reading of API.md
//! §6 and §7, exhaustively and over random action sequences: an illegal
//! action is always refused and leaves the document as it was, and no
//! sequence reaches a state the rules do not allow.

use chrono::{Days, NaiveDate};
use proptest::prelude::*;
use uome_domain::invoice_state::{self, after_payment, check_payment, status_when_issued};
use uome_domain::quote_state::{self, effective_status};
use uome_domain::{Currency, Decimal, InvoiceAction, InvoiceStatus, QuoteAction, QuoteStatus};

// ---------------------------------------------------------------- quotes

/// API.md §6 written out once more, independently of `quote_state`:
/// `None` = allowed, `Some(code)` = refused with that code.
fn quote_reference(
    stored: QuoteStatus,
    action: QuoteAction,
    expired: bool,
) -> Option<&'static str> {
    use QuoteAction as A;
    use QuoteStatus as S;
    let open = matches!(stored, S::Draft | S::Sent);
    // A stored `expired` reads as expired whatever the date.
    let expired = (expired && open) || stored == S::Expired;
    match action {
        A::Edit => (!open).then_some("invalid_status"),
        A::Delete => (stored != S::Draft).then_some("invalid_status"),
        A::Reject => (!open).then_some("invalid_status"),
        A::Approve if stored == S::Approved => Some("already_approved"),
        A::Send | A::Approve | A::Remind if expired => Some("quote_expired"),
        A::Send | A::Approve => (!open).then_some("invalid_status"),
        A::Remind => (stored != S::Sent).then_some("invalid_status"),
    }
}

fn day(n: u64) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 1, 1)
        .unwrap()
        .checked_add_days(Days::new(n))
        .unwrap()
}

#[test]
fn quote_rules_match_the_reference_exhaustively() {
    let until = day(30);
    for stored in QuoteStatus::ALL {
        for action in QuoteAction::ALL {
            for (today, expired) in [(day(0), false), (day(30), false), (day(31), true)] {
                let got =
                    quote_state::check(stored, action, today, Some(until)).map_err(|e| e.code());
                let want = quote_reference(stored, action, expired);
                assert_eq!(got.err(), want, "{stored} {action} expired={expired}");
                // Without a valid_until nothing expires.
                let got = quote_state::check(stored, action, today, None).map_err(|e| e.code());
                assert_eq!(got.err(), quote_reference(stored, action, false));
            }
        }
    }
}

#[test]
fn quote_errors_name_the_effective_status_and_action() {
    for stored in QuoteStatus::ALL {
        for action in QuoteAction::ALL {
            if let Err(e) = quote_state::check(stored, action, day(31), Some(day(30))) {
                let current = effective_status(stored, Some(day(30)), day(31));
                assert_eq!(e.current(), current.as_str());
                assert_eq!(e.action(), action.as_str());
                assert_eq!(e.document(), "quote");
                let message = e.to_string();
                assert!(message.starts_with("the quote is "), "{message}");
                if e.code() != "already_approved" {
                    assert!(message.contains(current.as_str()), "{message}");
                }
            }
        }
    }
}

fn quote_action() -> impl Strategy<Value = QuoteAction> {
    prop::sample::select(QuoteAction::ALL.to_vec())
}

proptest! {
    #[test]
    fn quote_sequences_stay_legal(
        valid_for in prop::option::of(0u64..40),
        steps in prop::collection::vec((quote_action(), 0u64..6), 1..40),
    ) {
        let valid_until = valid_for.map(day);
        let mut stored = QuoteStatus::Draft;
        let mut today = day(0);
        let mut deleted = false;
        for (action, wait) in steps {
            if deleted {
                break;
            }
            today = today.checked_add_days(Days::new(wait)).unwrap();
            let expired = valid_until.is_some_and(|u| today > u);
            let before = stored;
            let outcome = quote_state::transition(stored, action, today, valid_until);
            match outcome {
                Ok(next) => {
                    prop_assert_eq!(quote_reference(before, action, expired), None);
                    // Only these moves exist.
                    let legal = match action {
                        QuoteAction::Send => next == QuoteStatus::Sent,
                        QuoteAction::Approve => next == QuoteStatus::Approved && !expired,
                        QuoteAction::Reject => next == QuoteStatus::Rejected,
                        QuoteAction::Edit | QuoteAction::Remind | QuoteAction::Delete => next == before,
                    };
                    prop_assert!(legal, "{} --{}--> {}", before, action, next);
                    prop_assert!(before.is_open(), "{} is final", before);
                    deleted = action == QuoteAction::Delete;
                    stored = next;
                }
                Err(e) => {
                    prop_assert_eq!(Some(e.code()), quote_reference(before, action, expired));
                    // Refused: nothing changes.
                    prop_assert_eq!(stored, before);
                }
            }
            prop_assert_ne!(stored, QuoteStatus::Expired, "expired is never stored");
            let shown = effective_status(stored, valid_until, today);
            prop_assert_eq!(shown == QuoteStatus::Expired, stored.is_open() && expired);
        }
    }
}

// ---------------------------------------------------------------- invoices

/// API.md §7 written out once more, independently of `invoice_state`.
fn invoice_reference(
    status: InvoiceStatus,
    action: InvoiceAction,
    paid: Decimal,
) -> Option<&'static str> {
    use InvoiceAction as A;
    use InvoiceStatus as S;
    let refuse = |allowed: bool| (!allowed).then_some("invalid_status");
    match action {
        A::Edit | A::Delete | A::Issue => refuse(status == S::Draft),
        A::Send => refuse(matches!(status, S::Draft | S::Issued | S::PartiallyPaid)),
        A::Pay | A::MarkPaid => match status {
            S::Draft => Some("invoice_not_issued"),
            S::Paid => Some("invoice_paid"),
            S::Cancelled => Some("invoice_cancelled"),
            S::Credited => Some("invoice_credited"),
            S::Issued | S::PartiallyPaid => None,
        },
        A::Cancel if status == S::Cancelled => Some("invoice_cancelled"),
        A::Cancel if status == S::Credited => Some("invoice_credited"),
        A::Cancel => (!paid.is_zero()).then_some("payments_exist"),
        A::Remind => refuse(matches!(status, S::Issued | S::PartiallyPaid)),
        A::AddressRequest => refuse(!matches!(status, S::Cancelled | S::Credited)),
        A::Credit => match status {
            S::Draft => Some("invoice_not_issued"),
            S::Cancelled => Some("invoice_cancelled"),
            S::Credited => Some("invoice_credited"),
            S::Issued | S::PartiallyPaid | S::Paid => None,
        },
        A::ReversePayment => match status {
            S::Credited => Some("invoice_credited"),
            S::PartiallyPaid | S::Paid => None,
            _ => Some("invalid_status"),
        },
    }
}

#[test]
fn invoice_rules_match_the_reference_exhaustively() {
    for status in InvoiceStatus::ALL {
        for action in InvoiceAction::ALL {
            for paid in [Decimal::ZERO, Decimal::new(1, 2), Decimal::new(100, 0)] {
                let got = invoice_state::check(status, action, paid).map_err(|e| e.code());
                assert_eq!(
                    got.err(),
                    invoice_reference(status, action, paid),
                    "{status} {action} paid={paid}"
                );
                if let Err(e) = invoice_state::check(status, action, paid) {
                    assert_eq!(e.current(), status.as_str());
                    assert_eq!(e.action(), action.as_str());
                    assert!(e.to_string().starts_with("the invoice "));
                }
            }
        }
    }
}

/// An invoice as the use cases keep it, driven only through the rules.
#[derive(Debug, Clone, PartialEq)]
struct Invoice {
    status: InvoiceStatus,
    total: Decimal,
    paid: Decimal,
}

#[derive(Debug, Clone)]
enum Step {
    Act(InvoiceAction),
    /// Pay `permille` of what is due (at least one minor unit), or `extra`
    /// minor units more than is due.
    Pay {
        permille: u32,
        extra: i64,
    },
}

fn step() -> impl Strategy<Value = Step> {
    prop_oneof![
        prop::sample::select(InvoiceAction::ALL.to_vec()).prop_map(Step::Act),
        (0u32..=1000, prop_oneof![3 => Just(0i64), 1 => -2i64..3])
            .prop_map(|(permille, extra)| { Step::Pay { permille, extra } }),
    ]
}

fn currency() -> impl Strategy<Value = Currency> {
    prop::sample::select(vec![
        Currency::GBP,
        Currency::JPY,
        Currency::BHD,
        Currency::CLF,
    ])
}

fn minor(units: i64, currency: Currency) -> Decimal {
    Decimal::new(units, currency.minor_units())
}

proptest! {
    #[test]
    fn invoice_sequences_stay_legal(
        currency in currency(),
        total_units in prop_oneof![1 => Just(0i64), 9 => 1i64..10_000_000],
        steps in prop::collection::vec(step(), 1..40),
    ) {
        let total = minor(total_units, currency);
        let mut inv = Invoice { status: InvoiceStatus::Draft, total, paid: minor(0, currency) };
        for step in steps {
            if inv.status == InvoiceStatus::Draft && matches!(step, Step::Act(InvoiceAction::Delete)) {
                break;
            }
            let before = inv.clone();
            let action = match step {
                Step::Act(action) => action,
                Step::Pay { .. } => InvoiceAction::Pay,
            };
            let allowed = invoice_state::check(inv.status, action, inv.paid);
            prop_assert_eq!(
                allowed.map_err(|e| e.code()).err(),
                invoice_reference(inv.status, action, inv.paid)
            );
            if allowed.is_ok() {
                let due = uome_domain::amount_due(inv.total, inv.paid, currency).unwrap();
                match (step, action) {
                    (_, InvoiceAction::Issue) => inv.status = status_when_issued(inv.total),
                    (_, InvoiceAction::Send) if inv.status == InvoiceStatus::Draft => {
                        inv.status = status_when_issued(inv.total);
                    }
                    (_, InvoiceAction::Cancel) => inv.status = InvoiceStatus::Cancelled,
                    (Step::Pay { permille, extra }, _) => {
                        let due_units = i64::try_from(due.mantissa()).unwrap();
                        let units = (due_units * i64::from(permille) / 1000).max(1) + extra;
                        let asked = minor(units, currency);
                        match check_payment(Some(asked), due, currency) {
                            Ok(amount) => {
                                prop_assert!(amount > Decimal::ZERO && amount <= due);
                                inv.paid += amount;
                                inv.status = after_payment(inv.total, inv.paid);
                            }
                            Err(e) => {
                                prop_assert!(asked <= Decimal::ZERO || asked > due, "{} of {}", asked, due);
                                prop_assert_eq!(e.field_errors()[0].field.as_str(), "amount");
                            }
                        }
                    }
                    (_, InvoiceAction::MarkPaid) => {
                        let amount = check_payment(None, due, currency).unwrap();
                        prop_assert_eq!(amount, due);
                        inv.paid += amount;
                        inv.status = after_payment(inv.total, inv.paid);
                        prop_assert_eq!(inv.status, InvoiceStatus::Paid);
                    }
                    _ => {}
                }
            } else {
                prop_assert_eq!(&inv, &before, "a refused action changes nothing");
            }
            // Invariants of every reachable state.
            prop_assert!(inv.paid >= Decimal::ZERO && inv.paid <= inv.total);
            let due = uome_domain::amount_due(inv.total, inv.paid, currency).unwrap();
            match inv.status {
                InvoiceStatus::Draft => prop_assert!(inv.paid.is_zero()),
                InvoiceStatus::Issued => prop_assert!(inv.paid.is_zero() && !due.is_zero()),
                InvoiceStatus::PartiallyPaid => {
                    prop_assert!(inv.paid > Decimal::ZERO && due > Decimal::ZERO);
                }
                InvoiceStatus::Paid => prop_assert!(due.is_zero()),
                InvoiceStatus::Cancelled => prop_assert!(inv.paid.is_zero()),
                // Credit notes are not part of this model (they are
                // `uome_domain::credit`'s and core's tests').
                InvoiceStatus::Credited => {}
            }
            // Once cancelled or paid, money no longer moves.
            if matches!(before.status, InvoiceStatus::Cancelled | InvoiceStatus::Paid) {
                prop_assert_eq!(inv.paid, before.paid);
            }
            if before.status == InvoiceStatus::Cancelled {
                prop_assert_eq!(inv.status, InvoiceStatus::Cancelled);
            }
        }
    }
}
