//! The document discount split over the tax rates (API.md §2 step 3).
//!
//! EN 16931 wants each rate's taxable base to be its nets minus its share
//! of the document allowance, and the bases to add up to the document's
//! amount after the allowance (BR-S-08, BR-CO-13). Rounding each share on
//! its own cannot promise that (1 % off 0.50 + 0.50 would give 0.00 + 0.00
//! against a discount of 0.01), so the shares are found by largest
//! remainder: every rate gets its exact share rounded down to the minor
//! unit, and the units still missing go one each to the rates whose
//! rounding discarded the most.
//!
//! "Down" is taken in the direction of the document's sign: for a document
//! whose subtotal is ≥ 0 every exact share is floored (toward −∞: toward
//! zero for a positive share, away from zero for a rate whose nets are
//! negative), so every discarded remainder is ≥ 0 and the missing units are
//! between 0 and the number of rates. A document with a negative subtotal
//! (a credit) is split as the mirror image of its positive counterpart.

use rust_decimal::Decimal;

use crate::error::DomainError;

const OVERFLOW: DomainError = DomainError::Overflow;

/// The nets of one tax rate, as summed by the totals.
#[derive(Debug, Clone, Copy)]
pub(crate) struct RateNets {
    pub rate: Decimal,
    /// Σ nets at `rate`, at the currency's scale.
    pub nets: Decimal,
}

/// The document discount and its split.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct DiscountSplit {
    /// round(Σ nets × discount_rate / 100), half away from zero.
    pub amount: Decimal,
    /// `allowances[i]` belongs to `rates[i]`; they add up to `amount`.
    pub allowances: Vec<Decimal>,
}

/// Split round(Σ nets × `discount_rate`/100) over `rates` by largest
/// remainder, at `minor` decimal places. Ties in the remainder go to the
/// higher rate; rates are distinct here (equal rates share one entry), so
/// the second tie-break of API.md §2 (first in the document) never has to
/// decide.
///
/// Computed in exact integers: a share's exact value is
/// nets_units × D / (100 × 10^s) minor units, where D × 10^-s is the
/// discount rate, so all remainders share one denominator and compare as
/// integers.
pub(crate) fn split_discount(
    rates: &[RateNets],
    discount_rate: Decimal,
    minor: u32,
) -> Result<DiscountSplit, DomainError> {
    let rate = discount_rate.normalize();
    let denominator = 10i128
        .checked_pow(rate.scale())
        .and_then(|p| p.checked_mul(100))
        .ok_or(OVERFLOW)?;
    let units = rate_units(rates, minor)?;
    split_by_ratio(rates, &units, (rate.mantissa(), denominator), minor)
}

/// Split a fixed document discount `amount` over `rates` in proportion to
/// their nets, by the same largest-remainder rule: a share's exact value
/// is nets_units × amount_units / subtotal_units, so the shares add up to
/// `amount` exactly. The caller has checked 0 ≤ amount ≤ subtotal (and a
/// positive subtotal when the amount is not zero).
pub(crate) fn split_amount(
    rates: &[RateNets],
    amount: Decimal,
    minor: u32,
) -> Result<DiscountSplit, DomainError> {
    let units = rate_units(rates, minor)?;
    let subtotal = units.subtotal;
    let amount_units = minor_units(amount, minor)?;
    let ratio = match subtotal.cmp(&0) {
        std::cmp::Ordering::Equal if amount_units != 0 => return Err(OVERFLOW),
        std::cmp::Ordering::Equal => (0, 1),
        // The ratio keeps the subtotal's sign so the mirrored credit case
        // of split_by_ratio comes back to +amount.
        std::cmp::Ordering::Less => (-amount_units, -subtotal),
        std::cmp::Ordering::Greater => (amount_units, subtotal),
    };
    split_by_ratio(rates, &units, ratio, minor)
}

/// round(Σ nets × numerator / denominator) split over `rates` (whose
/// nets in minor units are `units`): each rate's exact share floored to
/// the minor unit, the missing units one each to the largest remainders
/// (ties: the higher rate). `denominator` > 0.
fn split_by_ratio(
    rates: &[RateNets],
    units: &RateUnits,
    (numerator, denominator): (i128, i128),
    minor: u32,
) -> Result<DiscountSplit, DomainError> {
    let subtotal = units.subtotal;
    // Work on a document with subtotal ≥ 0; mirror back at the end.
    let sign: i128 = if subtotal < 0 { -1 } else { 1 };

    let mut floors = Vec::with_capacity(rates.len());
    let mut remainders = Vec::with_capacity(rates.len());
    for u in &units.per_rate {
        let exact = (sign * u).checked_mul(numerator).ok_or(OVERFLOW)?;
        floors.push(exact.div_euclid(denominator));
        remainders.push(exact.rem_euclid(denominator));
    }
    // Σ exact = Σ floors × denominator + Σ remainders, so the rounded
    // total comes from the floors and the remainders alone: the sum of
    // the exact shares (subtotal × numerator) may not fit an i128 when
    // each share does. It is ≥ 0 here, so half away from zero is half up.
    let sum = |values: &[i128]| {
        values
            .iter()
            .try_fold(0i128, |acc, v| acc.checked_add(*v))
            .ok_or(OVERFLOW)
    };
    let floor_sum = sum(&floors)?;
    let rem_sum = sum(&remainders)?;
    let rem_left = rem_sum.rem_euclid(denominator);
    let missing = rem_sum.div_euclid(denominator) + i128::from(rem_left >= denominator - rem_left);
    let amount = floor_sum.checked_add(missing).ok_or(OVERFLOW)?;
    // 0 ≤ missing ≤ the number of rates with a non-zero remainder (each
    // remainder is below one unit and they add up to at least `missing`
    // minus the rounding of `amount`), so each share stays within one unit
    // of its exact value.
    debug_assert!((0..=i128::try_from(rates.len()).unwrap_or(i128::MAX)).contains(&missing));

    let mut order: Vec<usize> = (0..rates.len()).collect();
    order.sort_by(|&a, &b| {
        remainders[b]
            .cmp(&remainders[a])
            .then(rates[b].rate.cmp(&rates[a].rate))
    });
    let extra = usize::try_from(missing).unwrap_or(0);
    for &i in order.iter().take(extra) {
        floors[i] += 1;
    }

    let to_decimal = |units: i128| {
        let mut d = Decimal::try_from_i128_with_scale(sign * units, minor).map_err(|_| OVERFLOW)?;
        if d.is_zero() {
            d.set_sign_positive(true);
        }
        Ok(d)
    };
    Ok(DiscountSplit {
        amount: to_decimal(amount)?,
        allowances: floors
            .into_iter()
            .map(to_decimal)
            .collect::<Result<_, DomainError>>()?,
    })
}

/// Each rate's nets and their sum, in minor units.
struct RateUnits {
    per_rate: Vec<i128>,
    subtotal: i128,
}

fn rate_units(rates: &[RateNets], minor: u32) -> Result<RateUnits, DomainError> {
    let per_rate: Vec<i128> = rates
        .iter()
        .map(|r| minor_units(r.nets, minor))
        .collect::<Result<_, _>>()?;
    let subtotal = per_rate
        .iter()
        .try_fold(0i128, |sum, u| sum.checked_add(*u))
        .ok_or(OVERFLOW)?;
    Ok(RateUnits { per_rate, subtotal })
}

/// An amount at (at most) `minor` places as an integer count of minor units.
fn minor_units(amount: Decimal, minor: u32) -> Result<i128, DomainError> {
    let mut a = amount;
    a.rescale(minor);
    if a.scale() != minor {
        return Err(OVERFLOW);
    }
    Ok(a.mantissa())
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    fn split(rates: &[(Decimal, Decimal)], d: Decimal, minor: u32) -> (String, Vec<String>) {
        let rates: Vec<RateNets> = rates
            .iter()
            .map(|&(rate, nets)| RateNets { rate, nets })
            .collect();
        let s = split_discount(&rates, d, minor).unwrap();
        (
            s.amount.to_string(),
            s.allowances.iter().map(Decimal::to_string).collect(),
        )
    }

    #[test]
    fn the_issue_example_splits_66_26() {
        // 1668.00 × 3.5 % = 58.38 exactly; 225.00 × 3.5 % = 7.875 → 7.87,
        // and the missing cent goes to the only rate with a remainder.
        let (amount, shares) = split(
            &[(dec!(0), dec!(225.00)), (dec!(20), dec!(1668.00))],
            dec!(3.5),
            2,
        );
        assert_eq!(amount, "66.26");
        assert_eq!(shares, ["7.88", "58.38"]);
    }

    #[test]
    fn equal_remainders_go_to_the_higher_rate() {
        // 0.50 × 1 % = 0.005 at both rates; the one missing cent goes to 19 %.
        let (amount, shares) = split(&[(dec!(7), dec!(0.50)), (dec!(19), dec!(0.50))], dec!(1), 2);
        assert_eq!(amount, "0.01");
        assert_eq!(shares, ["0.00", "0.01"]);
    }

    #[test]
    fn the_larger_remainder_wins_over_the_higher_rate() {
        // 0.70 × 1 % = 0.007 at 0 %, 0.30 × 1 % = 0.003 at 20 %.
        let (amount, shares) = split(&[(dec!(0), dec!(0.70)), (dec!(20), dec!(0.30))], dec!(1), 2);
        assert_eq!(amount, "0.01");
        assert_eq!(shares, ["0.01", "0.00"]);
    }

    #[test]
    fn no_discount_gives_zero_shares_at_scale() {
        let (amount, shares) = split(&[(dec!(10), dec!(12.34))], dec!(0), 3);
        assert_eq!(amount, "0.000");
        assert_eq!(shares, ["0.000"]);
    }

    #[test]
    fn a_negative_rate_is_floored_and_a_credit_mirrors() {
        // +1.00 at 20 %, −0.50 at 0 %, 15 %: exact 0.15 and −0.075
        // (floored to −0.08, remainder 0.005); discount round(0.075) = 0.08,
        // one cent missing → the 0 % rate, the only remainder.
        let (amount, shares) = split(
            &[(dec!(0), dec!(-0.50)), (dec!(20), dec!(1.00))],
            dec!(15),
            2,
        );
        assert_eq!(amount, "0.08");
        assert_eq!(shares, ["-0.07", "0.15"]);
        let (amount, shares) = split(
            &[(dec!(0), dec!(0.50)), (dec!(20), dec!(-1.00))],
            dec!(15),
            2,
        );
        assert_eq!(amount, "-0.08");
        assert_eq!(shares, ["0.07", "-0.15"]);
    }

    fn split_fixed(rates: &[(Decimal, Decimal)], amount: Decimal) -> Vec<String> {
        let rates: Vec<RateNets> = rates
            .iter()
            .map(|&(rate, nets)| RateNets { rate, nets })
            .collect();
        let s = split_amount(&rates, amount, 2).unwrap();
        assert_eq!(s.amount, amount);
        s.allowances.iter().map(Decimal::to_string).collect()
    }

    #[test]
    fn a_fixed_amount_splits_in_proportion_to_the_nets() {
        // 10.00 over 100.00 at 19 % and 50.00 at 7 %: 6.666… and 3.333…;
        // floors 6.66 + 3.33 leave one cent for the larger remainder (19 %).
        assert_eq!(
            split_fixed(
                &[(dec!(7), dec!(50.00)), (dec!(19), dec!(100.00))],
                dec!(10.00)
            ),
            ["3.33", "6.67"]
        );
        // Equal nets, equal remainders: the higher rate takes the cent.
        assert_eq!(
            split_fixed(&[(dec!(7), dec!(1.00)), (dec!(19), dec!(1.00))], dec!(0.01)),
            ["0.00", "0.01"]
        );
        assert_eq!(split_fixed(&[(dec!(7), dec!(1.00))], dec!(1.00)), ["1.00"]);
        assert_eq!(split_fixed(&[(dec!(7), dec!(0.00))], dec!(0.00)), ["0.00"]);
        let rates = [RateNets {
            rate: dec!(7),
            nets: dec!(0.00),
        }];
        assert!(split_amount(&rates, dec!(0.01), 2).is_err());
    }

    #[test]
    fn empty_split() {
        let (amount, shares) = split(&[], dec!(10), 0);
        assert_eq!(amount, "0");
        assert!(shares.is_empty());
    }
}
