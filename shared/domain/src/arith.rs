//! Exact arithmetic on `Decimal`.
//!
//! `rust_decimal`'s `checked_*` operations return `None` only when the
//! integer part overflows; when a result needs more than 96 bits of mantissa
//! they quietly drop fractional digits instead (rounding). A dropped digit
//! just before the final rounding to the currency can flip it. So products
//! and quotients are computed as exact integer ratios ([`round_ratio`]),
//! sums check that nothing was dropped, and anything beyond reach is
//! [`DomainError::Overflow`] — never a plausible wrong total.

use rust_decimal::{Decimal, RoundingStrategy};

use crate::error::DomainError;

const OVERFLOW: DomainError = DomainError::Overflow;

/// `a + b`, exactly.
pub(crate) fn add(a: Decimal, b: Decimal) -> Result<Decimal, DomainError> {
    match try_add(a, b) {
        Some(r) => Ok(r),
        None => try_add(a.normalize(), b.normalize()).ok_or(OVERFLOW),
    }
}

fn try_add(a: Decimal, b: Decimal) -> Option<Decimal> {
    let r = a.checked_add(b)?;
    (r.scale() == a.scale().max(b.scale())).then_some(r)
}

/// `a − b`, exactly.
pub(crate) fn sub(a: Decimal, b: Decimal) -> Result<Decimal, DomainError> {
    add(a, -b)
}

/// Round half away from zero to `dp` places and give the result exactly
/// that scale, so it prints with `dp` digits (`1140.2` → `1140.20`).
/// A zero result is positive zero (never `-0.00`).
pub(crate) fn round_dp(a: Decimal, dp: u32) -> Result<Decimal, DomainError> {
    let mut r = a.round_dp_with_strategy(dp, RoundingStrategy::MidpointAwayFromZero);
    r.rescale(dp);
    if r.scale() != dp {
        // rescale could not add the zeros: the integer part is too large.
        return Err(OVERFLOW);
    }
    if r.is_zero() {
        r.set_sign_positive(true);
    }
    Ok(r)
}

/// Π `numerator` / Π `denominator`, rounded half away from zero to `dp`
/// places, computed exactly in 128-bit integers: no intermediate value is
/// ever rounded, so a product just below a midpoint never rounds up. Every
/// rounded amount of API.md §2 is one such ratio (e.g. a line net is
/// `quantity × unit_price × (100 − discount) / 100`, tax in a gross price
/// `gross × r / (100 + r)`), and i128's 38 digits leave room for the
/// products even where a 28-digit `Decimal` would not.
pub(crate) fn round_ratio(
    numerator: &[Decimal],
    denominator: &[Decimal],
    dp: u32,
) -> Result<Decimal, DomainError> {
    if numerator.iter().any(Decimal::is_zero) {
        return round_dp(Decimal::ZERO, dp);
    }
    if denominator.iter().any(Decimal::is_zero) {
        // Callers divide by 100 or 100 + rate: never zero.
        return Err(OVERFLOW);
    }
    // Trailing zeros (`50.0`, `1.50`) cost headroom; strip them only when
    // the quick path overflows, since normalizing is comparatively slow.
    try_round_ratio(numerator, denominator, dp, false)
        .or_else(|| try_round_ratio(numerator, denominator, dp, true))
        .ok_or(OVERFLOW)
        // An i128 zero makes a positive zero: no `-0.00` to fix.
        .and_then(|rounded| Decimal::try_from_i128_with_scale(rounded, dp).map_err(|_| OVERFLOW))
}

/// The rounded ratio as an integer count of 10^-dp, or `None` on i128
/// overflow.
fn try_round_ratio(
    numerator: &[Decimal],
    denominator: &[Decimal],
    dp: u32,
    normalize: bool,
) -> Option<i128> {
    let product = |factors: &[Decimal]| -> Option<(i128, i64)> {
        factors.iter().try_fold((1i128, 0i64), |(m, s), f| {
            let f = if normalize { f.normalize() } else { *f };
            Some((m.checked_mul(f.mantissa())?, s + i64::from(f.scale())))
        })
    };
    let (mut num, num_scale) = product(numerator)?;
    let (mut den, den_scale) = product(denominator)?;
    // value × 10^dp = num / 10^num_scale / (den / 10^den_scale) × 10^dp
    let shift = den_scale + i64::from(dp) - num_scale;
    let power = 10i128.checked_pow(u32::try_from(shift.unsigned_abs()).ok()?)?;
    if shift >= 0 {
        num = num.checked_mul(power)?;
    } else {
        den = den.checked_mul(power)?;
    }
    if den < 0 {
        num = num.checked_neg()?;
        den = den.checked_neg()?;
    }
    // Typical invoice values fit 64 bits, where division is a single
    // instruction instead of a 128-bit library call.
    if let (Ok(num), Ok(den)) = (i64::try_from(num), i64::try_from(den)) {
        return Some(i128::from(divide_half_away(num, den)?));
    }
    divide_half_away(num, den)
}

/// `num / den` (den > 0) rounded half away from zero.
fn divide_half_away<T>(num: T, den: T) -> Option<T>
where
    T: Copy
        + PartialOrd
        + Default
        + std::ops::Div<Output = T>
        + std::ops::Mul<Output = T>
        + std::ops::Sub<Output = T>
        + std::ops::Add<Output = T>
        + From<i8>,
{
    let zero = T::default();
    let quotient = num / den;
    let remainder = num - quotient * den;
    // |remainder| < den, so den − |remainder| cannot overflow; compare
    // |remainder| ≥ den − |remainder| instead of 2·|remainder| ≥ den.
    let magnitude = if remainder < zero {
        zero - remainder
    } else {
        remainder
    };
    Some(if magnitude >= den - magnitude {
        if num < zero {
            quotient - T::from(1)
        } else {
            quotient + T::from(1)
        }
    } else {
        quotient
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    #[test]
    fn round_half_away_from_zero() {
        assert_eq!(round_dp(dec!(0.125), 2).unwrap().to_string(), "0.13");
        assert_eq!(round_dp(dec!(-0.125), 2).unwrap().to_string(), "-0.13");
        assert_eq!(round_dp(dec!(0.135), 2).unwrap().to_string(), "0.14");
        assert_eq!(round_dp(dec!(2.5), 0).unwrap().to_string(), "3");
        assert_eq!(round_dp(dec!(-2.5), 0).unwrap().to_string(), "-3");
        assert_eq!(round_dp(dec!(1140.2), 2).unwrap().to_string(), "1140.20");
        assert_eq!(round_dp(dec!(-0.001), 2).unwrap().to_string(), "0.00");
        assert_eq!(round_dp(dec!(0.0005), 3).unwrap().to_string(), "0.001");
        assert_eq!(round_dp(dec!(0.00049999), 3).unwrap().to_string(), "0.000");
    }

    #[test]
    fn exact_sums_refuse_to_round() {
        assert_eq!(add(Decimal::MAX, dec!(1)), Err(DomainError::Overflow));
        // Fits the integer range but would lose the last fractional digit.
        let a = dec!(7922816251426433759354395.0335);
        assert_eq!(add(a, dec!(0.00001)), Err(DomainError::Overflow));
        assert_eq!(sub(dec!(1.10), dec!(0.1)).unwrap().to_string(), "1.00");
        assert_eq!(round_dp(Decimal::MAX, 2), Err(DomainError::Overflow));
    }

    #[test]
    fn round_ratio_is_exact() {
        let h = Decimal::ONE_HUNDRED;
        let r = |n: &[Decimal], d: &[Decimal], dp| round_ratio(n, d, dp).unwrap().to_string();
        // 110 × 10 / 110 = 10 exactly.
        assert_eq!(r(&[dec!(110), dec!(10)], &[dec!(110)], 2), "10.00");
        assert_eq!(r(&[dec!(1)], &[dec!(3)], 2), "0.33");
        assert_eq!(r(&[dec!(2)], &[dec!(3)], 2), "0.67");
        assert_eq!(r(&[dec!(-2)], &[dec!(3)], 2), "-0.67");
        assert_eq!(r(&[dec!(2)], &[dec!(-3)], 2), "-0.67");
        // Exact midpoints go away from zero.
        assert_eq!(r(&[dec!(1)], &[dec!(8)], 2), "0.13");
        assert_eq!(r(&[dec!(-1)], &[dec!(8)], 2), "-0.13");
        // OneUp: 1092.30 × 3.5 / 100 = 38.2305; 892.50 × 96.5 × 10 / 100 / 100.
        assert_eq!(r(&[dec!(1092.30), dec!(3.5)], &[h], 2), "38.23");
        assert_eq!(
            r(&[dec!(892.50), dec!(96.5), dec!(10)], &[h, h], 2),
            "86.13"
        );
        assert_eq!(r(&[dec!(100.0), dec!(1.50), dec!(95)], &[h], 2), "142.50");
        assert_eq!(r(&[dec!(0), dec!(5)], &[h], 3), "0.000");
        assert_eq!(r(&[dec!(-0.001)], &[dec!(1)], 2), "0.00");
        // A product past 28 digits is still exact: 29 significant digits here.
        let net = dec!(11062232937483.7716);
        assert_eq!(
            r(&[net, dec!(99.8559), dec!(71.7231)], &[h, h], 4),
            "7922743243803.5734"
        );
        assert_eq!(
            round_ratio(&[dec!(1)], &[dec!(0)], 2),
            Err(DomainError::Overflow)
        );
        assert_eq!(
            round_ratio(&[Decimal::MAX, Decimal::MAX], &[h], 2),
            Err(DomainError::Overflow)
        );
    }
}
