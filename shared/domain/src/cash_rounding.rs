//! Cash at the till (API.md §8): a cash total is rounded to the smallest
//! coin the currency circulates (CHF to 0.05, else its minor unit; the
//! account's `settings.cash_rounding` may say otherwise), and the change
//! is what was tendered less that. The rounding difference is money too:
//! the POS posts it to its own account, so nothing is lost. Card and other
//! methods pay the exact total.

use rust_decimal::{Decimal, RoundingStrategy};

use crate::currency::Currency;
use crate::error::{DomainError, FieldError};
use crate::money::{format_amount, validate_money};

/// The smallest cash step of `currency`: `overridden` when the account set
/// one, else 0.05 for CHF and the minor unit for the rest.
pub fn cash_increment(currency: Currency, overridden: Option<Decimal>) -> Decimal {
    match overridden {
        Some(step) if step > Decimal::ZERO => step,
        _ if currency == Currency::CHF => Decimal::new(5, 2),
        _ => Decimal::new(1, currency.minor_units()),
    }
}

/// `amount` to the nearest multiple of `step`, halves away from zero (what
/// Swiss tills do: 9.975 → 10.00), at the currency's scale.
pub fn round_cash(amount: Decimal, step: Decimal, currency: Currency) -> Decimal {
    let steps = (amount / step).round_dp_with_strategy(0, RoundingStrategy::MidpointAwayFromZero);
    (steps * step).round_dp(currency.minor_units())
}

/// What a cash sale comes to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct CashSettlement {
    /// The rounded total the customer pays.
    pub due: Decimal,
    /// `due − total`: positive when rounded up, negative when down.
    pub rounding: Decimal,
    /// `tendered − due`.
    pub change: Decimal,
}

/// Settles a cash sale of `total`: `tendered` (default: exactly what is
/// due) must cover the rounded total. 422 on `amount_tendered` otherwise,
/// or for an amount the currency cannot hold.
pub fn settle_cash(
    total: Decimal,
    tendered: Option<Decimal>,
    currency: Currency,
    step: Decimal,
) -> Result<CashSettlement, DomainError> {
    let due = round_cash(total, step, currency);
    let tendered = match tendered {
        Some(given) => validate_money(given, currency).map_err(|e| e.at("amount_tendered"))?,
        None => due,
    };
    if tendered < due {
        return Err(DomainError::Validation(vec![FieldError::new(
            "amount_tendered",
            format!(
                "must cover the total of {} {currency}",
                format_amount(due, currency)
            ),
        )]));
    }
    Ok(CashSettlement {
        due,
        rounding: due - total,
        change: tendered - due,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use rust_decimal_macros::dec;

    #[test]
    fn francs_round_to_five_centimes_and_the_rest_to_their_minor_unit() {
        let chf = cash_increment(Currency::CHF, None);
        assert_eq!(chf, dec!(0.05));
        assert_eq!(round_cash(dec!(9.98), chf, Currency::CHF), dec!(10.00));
        assert_eq!(round_cash(dec!(9.97), chf, Currency::CHF), dec!(9.95));
        assert_eq!(round_cash(dec!(9.975), chf, Currency::CHF), dec!(10.00));
        assert_eq!(cash_increment(Currency::EUR, None), dec!(0.01));
        assert_eq!(cash_increment(Currency::JPY, None), dec!(1));
        assert_eq!(cash_increment(Currency::EUR, Some(dec!(0.05))), dec!(0.05));
    }

    #[test]
    fn the_issues_sale_of_9_98_tendered_10_00() {
        let s = settle_cash(dec!(9.98), Some(dec!(10.00)), Currency::CHF, dec!(0.05)).unwrap();
        assert_eq!(
            (s.due, s.rounding, s.change),
            (dec!(10.00), dec!(0.02), dec!(0.00))
        );
        let short = settle_cash(dec!(9.98), Some(dec!(9.95)), Currency::CHF, dec!(0.05));
        assert!(short.is_err());
        let exact = settle_cash(dec!(12.34), None, Currency::EUR, dec!(0.01)).unwrap();
        assert_eq!(
            (exact.due, exact.rounding, exact.change),
            (dec!(12.34), dec!(0), dec!(0))
        );
    }

    proptest! {
        /// Nothing is lost: the rounded total is the total plus the
        /// rounding, off by less than half a step, and the change is what
        /// was tendered less it.
        #[test]
        fn nothing_is_lost(cents in 0i64..10_000_000, extra in 0i64..10_000) {
            let total = Decimal::new(cents, 2);
            let step = dec!(0.05);
            let due = round_cash(total, step, Currency::CHF);
            let tendered = due + Decimal::new(extra, 2);
            let s = settle_cash(total, Some(tendered), Currency::CHF, step).unwrap();
            prop_assert_eq!(s.due, total + s.rounding);
            prop_assert!(s.rounding.abs() <= step / Decimal::TWO);
            prop_assert_eq!(s.due + s.change, tendered);
            prop_assert!((s.due / step).fract().is_zero());
        }

        /// The till's books: a cash sale and its refund in full, each
        /// rounded to the coin, balance at every step, take and give back
        /// exactly what changed hands, and leave Bank, Receivables and
        /// Rounding where they started.
        #[test]
        fn a_cash_sale_and_its_refund_lose_nothing(
            cents in 1i64..10_000_000,
            tax_share in 0i64..=100,
            step in prop::sample::select(vec![dec!(0.01), dec!(0.05), dec!(0.10), dec!(1)]),
        ) {
            use crate::ledger::{
                Account, cash_payment_postings, cash_refund_postings, credit_postings,
                issue_postings, trial_balance,
            };
            let chf = Currency::CHF;
            let total = Decimal::new(cents, 2);
            let tax = (total * Decimal::new(tax_share, 3)).round_dp(2);
            let taken = round_cash(total, step, chf);
            let sale = cash_payment_postings(total, taken - total, chf).unwrap();
            let sold = [issue_postings(total, tax, chf).unwrap(), sale];
            let tb = trial_balance(chf, &sold).unwrap();
            prop_assert!(tb.is_balanced());
            prop_assert_eq!(tb.balance_of(Account::BANK), taken);
            prop_assert_eq!(tb.balance_of(Account::ACCOUNTS_RECEIVABLE), Decimal::ZERO);
            let back = round_cash(total, step, chf);
            let all = [
                sold[0].clone(),
                sold[1].clone(),
                credit_postings(total, tax, chf).unwrap(),
                cash_refund_postings(total, back - total, chf).unwrap(),
            ];
            let tb = trial_balance(chf, &all).unwrap();
            prop_assert!(tb.is_balanced());
            for account in [Account::BANK, Account::ACCOUNTS_RECEIVABLE, Account::ROUNDING] {
                prop_assert_eq!(tb.balance_of(account), Decimal::ZERO);
            }
        }
    }
}
