//! Display strings for the PDF and its emails: money with its sign and
//! symbol, prices at their own precision, rates and quantities without
//! trailing zeros, dates in words.
//!
//! Amounts come out of the domain already rounded to the currency's minor
//! units; [`format_amount`] only pads them to that scale, so what is printed
//! is exactly what the API answers.

use chrono::NaiveDate;
use uome_domain::{Currency, Decimal, format_amount};

/// U+2212: a real minus sign lines up with the digits, a hyphen does not.
const MINUS: char = '\u{2212}';

/// `"£1,140.20"`, `"−€38.23"`, `"1,500 JPY"`: grouped digits at the
/// currency's scale, with a symbol where one is unambiguous, else the code.
pub fn money(value: Decimal, currency: Currency) -> String {
    with_currency(
        &group(&format_amount(value.abs(), currency)),
        value,
        currency,
    )
}

/// A unit price: at least the currency's scale, more when the price has
/// more significant digits (unit prices take up to 4 decimals, so £0.0125
/// must not print as £0.01).
pub fn price(value: Decimal, currency: Currency) -> String {
    let scale = value.normalize().scale().max(currency.minor_units());
    let mut abs = value.abs();
    abs.rescale(scale);
    with_currency(&group(&abs.to_string()), value, currency)
}

/// A quantity or a rate as written, without trailing zeros: `"50"`, `"1.5"`,
/// `"7.7"`.
pub fn plain(value: Decimal) -> String {
    let normal = value.normalize();
    if normal.is_zero() {
        "0".to_owned()
    } else {
        normal.to_string()
    }
}

/// `"21 November 2026"`: unambiguous in every locale, unlike `21/11/2026`.
pub fn date(value: NaiveDate) -> String {
    value.format("%-d %B %Y").to_string()
}

/// An API status (`partially_paid`) as a badge (`Partially paid`).
pub fn status(value: &str) -> String {
    let words = value.trim().replace('_', " ");
    let mut chars = words.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

fn symbol(currency: Currency) -> Option<&'static str> {
    // Only symbols no other supported currency shares: `$` is USD's alone
    // here because CAD and AUD print their codes, and "Amounts in …" on the
    // PDF names the currency anyway.
    match currency.code() {
        "GBP" => Some("£"),
        "EUR" => Some("€"),
        "USD" => Some("$"),
        _ => None,
    }
}

fn with_currency(digits: &str, value: Decimal, currency: Currency) -> String {
    let sign = if value.is_sign_negative() && !value.is_zero() {
        MINUS.to_string()
    } else {
        String::new()
    };
    match symbol(currency) {
        Some(symbol) => format!("{sign}{symbol}{digits}"),
        None => format!("{sign}{digits} {}", currency.code()),
    }
}

/// Thousands separators in the integer part of an unsigned decimal string.
fn group(digits: &str) -> String {
    let (int, frac) = match digits.split_once('.') {
        Some((int, frac)) => (int, Some(frac)),
        None => (digits, None),
    };
    let mut out = String::with_capacity(digits.len() + int.len() / 3);
    for (i, c) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    if let Some(frac) = frac {
        out.push('.');
        out.push_str(frac);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    fn d(text: &str) -> Decimal {
        Decimal::from_str(text).unwrap()
    }

    #[test]
    fn money_has_its_scale_sign_and_symbol() {
        assert_eq!(money(d("1140.20"), Currency::GBP), "£1,140.20");
        assert_eq!(money(d("1140.2"), Currency::GBP), "£1,140.20");
        assert_eq!(money(d("-38.23"), Currency::EUR), "−€38.23");
        assert_eq!(money(d("0"), Currency::USD), "$0.00");
        assert_eq!(money(d("-0.00"), Currency::GBP), "£0.00");
        assert_eq!(money(d("1500"), Currency::JPY), "1,500 JPY");
        assert_eq!(money(d("1234567.125"), Currency::BHD), "1,234,567.125 BHD");
        assert_eq!(money(d("999.99"), Currency::CHF), "999.99 CHF");
    }

    #[test]
    fn prices_keep_their_significant_digits() {
        assert_eq!(price(d("15"), Currency::GBP), "£15.00");
        assert_eq!(price(d("0.0125"), Currency::GBP), "£0.0125");
        assert_eq!(price(d("1.5000"), Currency::GBP), "£1.50");
        assert_eq!(price(d("12500"), Currency::JPY), "12,500 JPY");
    }

    #[test]
    fn plain_numbers_drop_trailing_zeros() {
        assert_eq!(plain(d("50.0000")), "50");
        assert_eq!(plain(d("7.70")), "7.7");
        assert_eq!(plain(d("0.00")), "0");
        assert_eq!(plain(d("1000")), "1000");
    }

    #[test]
    fn dates_and_statuses_read_as_words() {
        let day = NaiveDate::from_ymd_opt(2026, 12, 1).unwrap();
        assert_eq!(date(day), "1 December 2026");
        assert_eq!(status("partially_paid"), "Partially paid");
        assert_eq!(status("sent"), "Sent");
        assert_eq!(status(""), "");
    }
}
