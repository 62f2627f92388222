//! Amounts of one currency: rounding, formatting and input checks.

use std::fmt;

use rust_decimal::Decimal;
use serde::ser::SerializeStruct;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::arith;
use crate::currency::Currency;
use crate::decimal_input::parse_decimal;
use crate::error::DomainError;

/// Round half away from zero to the currency's minor units and give the
/// result exactly that scale, so its `Display` is the API's money string
/// (`1140.20` GBP, `1500` JPY, `1.250` BHD). Never `-0.00`.
///
/// Errors with [`DomainError::Overflow`] only when the value is too large to
/// carry the currency's decimal places (beyond ~7.9 × 10²⁶ for GBP).
pub fn round_to_currency(value: Decimal, currency: Currency) -> Result<Decimal, DomainError> {
    arith::round_dp(value, currency.minor_units())
}

/// The API's money string for `value`: rounded half away from zero and
/// written with exactly the currency's minor digits. Infallible (pads the
/// text itself), so it suits `Display` impls and templates.
pub fn format_amount(value: Decimal, currency: Currency) -> String {
    let minor = currency.minor_units();
    let rounded =
        value.round_dp_with_strategy(minor, rust_decimal::RoundingStrategy::MidpointAwayFromZero);
    let mut text = if rounded.is_zero() {
        // No "-0.00".
        Decimal::ZERO.to_string()
    } else {
        rounded.to_string()
    };
    let have = text.find('.').map_or(0, |dot| text.len() - dot - 1);
    let want = minor as usize;
    if have < want {
        if have == 0 {
            text.push('.');
        }
        text.extend(std::iter::repeat_n('0', want - have));
    }
    text
}

/// Check that a money amount given by a client has no more decimal places
/// than the currency allows (trailing zeros do not count: `"1500.00"` is a
/// fine JPY amount) and return it at the currency's scale.
pub fn validate_money(value: Decimal, currency: Currency) -> Result<Decimal, DomainError> {
    let minor = currency.minor_units();
    if value.scale() > minor && value.normalize().scale() > minor {
        return Err(DomainError::InvalidNumber(match minor {
            0 => format!("{currency} amounts have no decimal places"),
            1 => format!("{currency} amounts have at most 1 decimal place"),
            n => format!("{currency} amounts have at most {n} decimal places"),
        }));
    }
    round_to_currency(value, currency)
}

/// Parse a money amount from text ([`parse_decimal`]'s grammar) and
/// [`validate_money`] it.
pub fn parse_money(input: &str, currency: Currency) -> Result<Decimal, DomainError> {
    validate_money(parse_decimal(input)?, currency)
}

/// `total − amount_paid` (API.md §2 step 7), at the currency's scale.
pub fn amount_due(
    total: Decimal,
    amount_paid: Decimal,
    currency: Currency,
) -> Result<Decimal, DomainError> {
    round_to_currency(arith::sub(total, amount_paid)?, currency)
}

/// An amount in a currency, always at the currency's scale.
///
/// Serializes as `{"amount": "1140.20", "currency": "GBP"}`; deserializes
/// from the same shape (the amount a string or an integer) and re-checks
/// the decimal places.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct Money {
    amount: Decimal,
    currency: Currency,
}

impl Money {
    /// An exact amount: more decimal places than the currency has is an
    /// error (see [`validate_money`]).
    pub fn new(amount: Decimal, currency: Currency) -> Result<Money, DomainError> {
        Ok(Money {
            amount: validate_money(amount, currency)?,
            currency,
        })
    }

    /// Round a computed amount to the currency ([`round_to_currency`]).
    pub fn rounded(amount: Decimal, currency: Currency) -> Result<Money, DomainError> {
        Ok(Money {
            amount: round_to_currency(amount, currency)?,
            currency,
        })
    }

    pub fn zero(currency: Currency) -> Money {
        // Scale ≤ 4 on zero always fits.
        let amount = Decimal::try_new(0, currency.minor_units()).unwrap_or(Decimal::ZERO);
        Money { amount, currency }
    }

    pub fn amount(self) -> Decimal {
        self.amount
    }

    pub fn currency(self) -> Currency {
        self.currency
    }

    pub fn is_zero(self) -> bool {
        self.amount.is_zero()
    }

    pub fn is_negative(self) -> bool {
        self.amount.is_sign_negative() && !self.amount.is_zero()
    }

    pub fn checked_add(self, other: Money) -> Result<Money, DomainError> {
        self.same_currency(other)?;
        Money::rounded(arith::add(self.amount, other.amount)?, self.currency)
    }

    pub fn checked_sub(self, other: Money) -> Result<Money, DomainError> {
        self.same_currency(other)?;
        Money::rounded(arith::sub(self.amount, other.amount)?, self.currency)
    }

    fn same_currency(self, other: Money) -> Result<(), DomainError> {
        if self.currency == other.currency {
            Ok(())
        } else {
            Err(DomainError::CurrencyMismatch {
                left: self.currency.code().to_owned(),
                right: other.currency.code().to_owned(),
            })
        }
    }
}

/// `1140.20 GBP`
impl fmt::Display for Money {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} {}",
            format_amount(self.amount, self.currency),
            self.currency
        )
    }
}

impl fmt::Debug for Money {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(self, f)
    }
}

impl Serialize for Money {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut s = serializer.serialize_struct("Money", 2)?;
        s.serialize_field("amount", &format_amount(self.amount, self.currency))?;
        s.serialize_field("currency", &self.currency)?;
        s.end()
    }
}

impl<'de> Deserialize<'de> for Money {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        #[derive(Deserialize)]
        #[serde(deny_unknown_fields)]
        struct Raw {
            #[serde(with = "crate::decimal_string")]
            amount: Decimal,
            currency: Currency,
        }
        let raw = Raw::deserialize(deserializer)?;
        Money::new(raw.amount, raw.currency).map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    #[test]
    fn formats_to_minor_units() {
        assert_eq!(format_amount(dec!(1140.2), Currency::GBP), "1140.20");
        assert_eq!(format_amount(dec!(1500), Currency::JPY), "1500");
        assert_eq!(format_amount(dec!(1499.5), Currency::JPY), "1500");
        assert_eq!(format_amount(dec!(1.25), Currency::BHD), "1.250");
        assert_eq!(format_amount(dec!(0.0004), Currency::KWD), "0.000");
        assert_eq!(format_amount(dec!(-0.004), Currency::GBP), "0.00");
        assert_eq!(format_amount(dec!(-2.005), Currency::GBP), "-2.01");
        assert_eq!(format_amount(dec!(7), Currency::CLF), "7.0000");
        assert_eq!(
            format_amount(Decimal::MAX, Currency::BHD),
            format!("{}.000", Decimal::MAX)
        );
    }

    #[test]
    fn rounds_per_currency_half_away_from_zero() {
        let r = |v, c| round_to_currency(v, c).unwrap().to_string();
        assert_eq!(r(dec!(2.5), Currency::JPY), "3");
        assert_eq!(r(dec!(-2.5), Currency::JPY), "-3");
        assert_eq!(r(dec!(1.0005), Currency::BHD), "1.001");
        assert_eq!(r(dec!(-1.0005), Currency::KWD), "-1.001");
        assert_eq!(r(dec!(38.2305), Currency::USD), "38.23");
        assert_eq!(r(dec!(0.005), Currency::EUR), "0.01");
        assert_eq!(r(dec!(-0.005), Currency::EUR), "-0.01");
        assert_eq!(r(dec!(1140.2), Currency::GBP), "1140.20");
    }

    #[test]
    fn money_input_respects_minor_units() {
        assert_eq!(
            parse_money("12.30", Currency::GBP).unwrap().to_string(),
            "12.30"
        );
        assert_eq!(
            parse_money("12.3", Currency::GBP).unwrap().to_string(),
            "12.30"
        );
        assert_eq!(
            parse_money("1500.00", Currency::JPY).unwrap().to_string(),
            "1500"
        );
        assert_eq!(
            parse_money("1.25", Currency::BHD).unwrap().to_string(),
            "1.250"
        );
        let err = parse_money("12.345", Currency::GBP).unwrap_err();
        assert_eq!(err.code(), "invalid_number");
        assert_eq!(
            err.to_string(),
            "invalid number: GBP amounts have at most 2 decimal places"
        );
        let err = parse_money("1500.5", Currency::JPY).unwrap_err();
        assert_eq!(
            err.to_string(),
            "invalid number: JPY amounts have no decimal places"
        );
        assert!(parse_money("1.0001", Currency::KWD).is_err());
        assert!(parse_money("NaN", Currency::GBP).is_err());
    }

    #[test]
    fn amount_due_subtracts() {
        assert_eq!(
            amount_due(dec!(1140.20), dec!(140.2), Currency::GBP)
                .unwrap()
                .to_string(),
            "1000.00"
        );
    }

    #[test]
    fn money_serde_and_arithmetic() {
        let m = Money::new(dec!(1140.2), Currency::GBP).unwrap();
        assert_eq!(m.to_string(), "1140.20 GBP");
        let json = serde_json::to_string(&m).unwrap();
        assert_eq!(json, r#"{"amount":"1140.20","currency":"GBP"}"#);
        let back: Money = serde_json::from_str(&json).unwrap();
        assert_eq!(back, m);
        assert!(serde_json::from_str::<Money>(r#"{"amount":"1.001","currency":"GBP"}"#).is_err());
        let jpy = Money::new(dec!(100), Currency::JPY).unwrap();
        assert_eq!(m.checked_add(jpy).unwrap_err().code(), "currency_mismatch");
        let sum = m.checked_add(m).unwrap();
        assert_eq!(sum.amount().to_string(), "2280.40");
        assert!(m.checked_sub(sum).unwrap().is_negative());
        assert_eq!(Money::zero(Currency::BHD).amount().to_string(), "0.000");
        assert!(Money::zero(Currency::BHD).is_zero());
    }
}
