//! Cash discounts (AbaNinja's `cashDiscounts`, seed 004): "2 % off if paid
//! within 5 days". The discount applies to the document total (tax
//! included), as the customer pays less of the whole amount.

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::arith;
use crate::currency::Currency;
use crate::decimal_input::json;
use crate::decimal_string;
use crate::error::DomainError;

/// One tier as written by a client: `{"days": 5, "percentage": 2}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CashDiscount {
    /// Days after the issue date within which the payment must arrive
    /// (0–365).
    pub days: u32,
    /// Percent off the total, greater than 0 and at most 100, at most 4
    /// decimal places.
    #[serde(with = "json")]
    pub percentage: Decimal,
}

impl CashDiscount {
    pub fn new(days: u32, percentage: Decimal) -> Self {
        Self { days, percentage }
    }
}

/// A tier with its amounts: what to pay if paid within `days`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CashDiscountTerm {
    pub days: u32,
    #[serde(with = "decimal_string")]
    pub percentage: Decimal,
    /// round(total × percentage / 100)
    #[serde(with = "decimal_string")]
    pub discount_amount: Decimal,
    /// total − discount_amount
    #[serde(with = "decimal_string")]
    pub amount_payable: Decimal,
}

/// The amounts of every tier, sorted by `days`. Expects validated tiers
/// (see [`crate::validation::cash_discount_errors`]).
pub fn cash_discount_terms(
    total: Decimal,
    discounts: &[CashDiscount],
    currency: Currency,
) -> Result<Vec<CashDiscountTerm>, DomainError> {
    let minor = currency.minor_units();
    let mut terms = discounts
        .iter()
        .map(|d| {
            let discount_amount =
                arith::round_ratio(&[total, d.percentage], &[Decimal::ONE_HUNDRED], minor)?;
            let amount_payable = arith::round_dp(arith::sub(total, discount_amount)?, minor)?;
            Ok(CashDiscountTerm {
                days: d.days,
                percentage: d.percentage.normalize(),
                discount_amount,
                amount_payable,
            })
        })
        .collect::<Result<Vec<_>, DomainError>>()?;
    terms.sort_by_key(|t| t.days);
    Ok(terms)
}

/// The tier a payment made `days_after_issue` days after the issue date
/// earns: among the tiers still open (`days ≥ days_after_issue`), the one
/// with the largest percentage. `None` once every tier has lapsed.
pub fn applicable_cash_discount(
    terms: &[CashDiscountTerm],
    days_after_issue: u32,
) -> Option<&CashDiscountTerm> {
    terms
        .iter()
        .filter(|t| t.days >= days_after_issue)
        .max_by(|a, b| a.percentage.cmp(&b.percentage).then(b.days.cmp(&a.days)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    fn abaninja_tiers() -> Vec<CashDiscount> {
        // Seed 004: 5 days 2 %, 7 days 1.5 %, 9 days 0.5 % (given out of order).
        vec![
            CashDiscount::new(7, dec!(1.5)),
            CashDiscount::new(5, dec!(2)),
            CashDiscount::new(9, dec!(0.5)),
        ]
    }

    #[test]
    fn computes_each_tier() {
        let terms = cash_discount_terms(dec!(1140.20), &abaninja_tiers(), Currency::CHF).unwrap();
        let got: Vec<(u32, String, String)> = terms
            .iter()
            .map(|t| {
                (
                    t.days,
                    t.discount_amount.to_string(),
                    t.amount_payable.to_string(),
                )
            })
            .collect();
        assert_eq!(
            got,
            vec![
                (5, "22.80".to_owned(), "1117.40".to_owned()),
                (7, "17.10".to_owned(), "1123.10".to_owned()),
                (9, "5.70".to_owned(), "1134.50".to_owned()),
            ]
        );
        // 1140.20 × 1.5 % = 17.103 → 17.10; in JPY: 1140 × 2 % = 22.8 → 23.
        let jpy = cash_discount_terms(dec!(1140), &abaninja_tiers(), Currency::JPY).unwrap();
        assert_eq!(jpy[0].discount_amount.to_string(), "23");
        assert_eq!(jpy[0].amount_payable.to_string(), "1117");
    }

    #[test]
    fn picks_the_best_open_tier() {
        let terms = cash_discount_terms(dec!(100), &abaninja_tiers(), Currency::CHF).unwrap();
        let pick = |d| applicable_cash_discount(&terms, d).map(|t| t.days);
        assert_eq!(pick(0), Some(5));
        assert_eq!(pick(5), Some(5));
        assert_eq!(pick(6), Some(7));
        assert_eq!(pick(9), Some(9));
        assert_eq!(pick(10), None);
    }

    #[test]
    fn serde_shapes() {
        let d: CashDiscount = serde_json::from_str(r#"{"days": 7, "percentage": 1.5}"#).unwrap();
        assert_eq!(d, CashDiscount::new(7, dec!(1.5)));
        assert!(serde_json::from_str::<CashDiscount>(r#"{"days": -1, "percentage": 1}"#).is_err());
        let terms = cash_discount_terms(dec!(10.00), &[d], Currency::EUR).unwrap();
        assert_eq!(
            serde_json::to_string(&terms[0]).unwrap(),
            r#"{"days":7,"percentage":"1.5","discount_amount":"0.15","amount_payable":"9.85"}"#
        );
    }
}
