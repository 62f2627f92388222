//! Field checks that report every problem at once.
//!
//! The single-value rules (`check_*`) return the message a client sees; the
//! document rules walk a whole [`DocumentInput`] and collect
//! [`FieldError`]s with paths like `lines[3].quantity` (0-based, as
//! `serde_path_to_error` writes them).

use std::collections::BTreeSet;

use rust_decimal::Decimal;

use crate::cash_discount::CashDiscount;
use crate::error::{DomainError, FieldError, join_path};
use crate::line::{LineInput, LineKind};
use crate::totals::DocumentInput;

/// API.md §1: at most 500 lines per document.
pub const MAX_LINES: usize = 500;
/// API.md §1: quantities, unit prices and rates carry up to 4 decimal places.
pub const MAX_INPUT_DECIMALS: u32 = 4;
/// API.md §1: free text is at most 2,000 characters.
pub const MAX_TEXT_CHARS: usize = 2_000;
/// Cash discount tiers per document (AbaNinja shows three; ten is plenty).
pub const MAX_CASH_DISCOUNTS: usize = 10;
/// The longest cash discount period, in days.
pub const MAX_CASH_DISCOUNT_DAYS: u32 = 365;

/// Collects field errors; [`into_result`](FieldErrors::into_result) turns
/// them into one [`DomainError::Validation`].
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct FieldErrors(Vec<FieldError>);

impl FieldErrors {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn push(&mut self, field: impl Into<String>, message: impl Into<String>) {
        self.0.push(FieldError::new(field, message));
    }

    /// Record `outcome`'s message under `field` if it is an error.
    pub fn check(&mut self, field: &str, outcome: Result<(), String>) {
        if let Err(message) = outcome {
            self.push(field, message);
        }
    }

    /// Merge the errors of a nested value under `prefix` (see
    /// [`DomainError::at`]).
    pub fn extend_at(&mut self, prefix: &str, error: DomainError) {
        if let DomainError::Validation(errors) = error.at(prefix) {
            self.0.extend(errors);
        }
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub fn len(&self) -> usize {
        self.0.len()
    }

    pub fn into_vec(self) -> Vec<FieldError> {
        self.0
    }

    pub fn into_result(self) -> Result<(), DomainError> {
        if self.0.is_empty() {
            Ok(())
        } else {
            Err(DomainError::Validation(self.0))
        }
    }
}

impl Extend<FieldError> for FieldErrors {
    fn extend<T: IntoIterator<Item = FieldError>>(&mut self, iter: T) {
        self.0.extend(iter);
    }
}

/// At most `max` decimal places, trailing zeros not counted (`1.50000` has one).
pub fn check_decimal_places(value: Decimal, max: u32) -> Result<(), String> {
    // The scale as written bounds the normalized one: skip the (slow)
    // normalization in the common case.
    if value.scale() > max && value.normalize().scale() > max {
        Err(format!("must have at most {max} decimal places"))
    } else {
        Ok(())
    }
}

/// A percentage: 0–100, at most 4 decimal places.
pub fn check_rate(value: Decimal) -> Result<(), String> {
    if value < Decimal::ZERO || value > Decimal::ONE_HUNDRED {
        return Err("must be between 0 and 100".to_owned());
    }
    check_decimal_places(value, MAX_INPUT_DECIMALS)
}

/// A line quantity: greater than 0, at most 4 decimal places.
pub fn check_quantity(value: Decimal) -> Result<(), String> {
    if value <= Decimal::ZERO {
        return Err("must be greater than 0".to_owned());
    }
    check_decimal_places(value, MAX_INPUT_DECIMALS)
}

/// A unit price: any sign (a negative line is a rebate or a credit), at
/// most 4 decimal places.
pub fn check_unit_price(value: Decimal) -> Result<(), String> {
    check_decimal_places(value, MAX_INPUT_DECIMALS)
}

/// Free text (a line's description, notes, terms, reasons): at most
/// [`MAX_TEXT_CHARS`] characters, tab and line breaks its only control
/// characters ([`Paragraphs`](crate::bounded_text::Paragraphs)'s rule).
/// Blank is allowed here; whether a field is required is its caller's.
pub fn check_text(value: &str) -> Result<(), String> {
    if value.trim().is_empty() {
        return Ok(());
    }
    crate::bounded_text::Paragraphs::<MAX_TEXT_CHARS>::parse(value)
        .map(|_| ())
        .map_err(|e| e.to_string())
}

/// A single-line field (a line's unit, a title, a reference): at most
/// `max` characters and no control character at all, tab and newline
/// included ([`Line`](crate::bounded_text::Line)'s rule). Blank is allowed.
pub fn check_line<const MAX: usize>(value: &str) -> Result<(), String> {
    if value.trim().is_empty() {
        return Ok(());
    }
    crate::bounded_text::Line::<MAX>::parse(value)
        .map(|_| ())
        .map_err(|e| e.to_string())
}

/// A fixed discount amount: not negative, in the currency's minor units.
pub fn check_amount(value: Decimal, minor: u32) -> Result<(), String> {
    if value.is_sign_negative() && !value.is_zero() {
        return Err("must not be negative".to_owned());
    }
    check_decimal_places(value, minor)
}

/// Both a discount rate and a fixed amount given (a line's or a document's).
pub const BOTH_DISCOUNTS: &str = "give discount_rate or discount_amount, not both";

/// Every problem of one line, under `lines[index]`. Only `item` lines carry
/// numbers; the numbers of other kinds are ignored, so they are not checked.
/// `minor`: the document currency's decimal places (fixed amounts).
pub fn line_errors(line: &LineInput, index: usize, minor: u32, errors: &mut FieldErrors) {
    // Field paths are built only for failures: validation runs on every
    // write and a 500-line document should not cost 2,000 allocations.
    let mut at = |field: &str, outcome: Result<(), String>| {
        if let Err(message) = outcome {
            errors.push(join_path(&format!("lines[{index}]"), field), message);
        }
    };
    at("description", check_text(&line.description));
    if let Some(unit) = &line.unit {
        at("unit", check_line::<MAX_TEXT_CHARS>(unit));
    }
    if line.kind != LineKind::Item {
        return;
    }
    at("quantity", check_quantity(line.quantity));
    match line.unit_price {
        Some(price) => at("unit_price", check_unit_price(price)),
        None => at("unit_price", Err("is required".to_owned())),
    }
    if let Some(rate) = line.discount_rate {
        at("discount_rate", check_rate(rate));
    }
    if let Some(amount) = line.discount_amount {
        if line.discount_rate.is_some() {
            at("discount_rate", Err(BOTH_DISCOUNTS.to_owned()));
            at("discount_amount", Err(BOTH_DISCOUNTS.to_owned()));
        } else if let Err(message) = check_amount(amount, minor) {
            at("discount_amount", Err(message));
        } else if let Ok(base) = crate::totals::line_base(line, minor)
            && line.unit_price.is_some_and(|p| check_unit_price(p).is_ok())
            && check_quantity(line.quantity).is_ok()
            && amount > base.abs()
        {
            at(
                "discount_amount",
                Err(format!("must not exceed the line's amount ({base})")),
            );
        }
    }
    at("tax_rate", check_rate(line.tax_rate));
}

/// Every problem of the cash discount tiers, under `cash_discounts[i]`.
pub fn cash_discount_errors(discounts: &[CashDiscount], errors: &mut FieldErrors) {
    if discounts.len() > MAX_CASH_DISCOUNTS {
        errors.push(
            "cash_discounts",
            format!("at most {MAX_CASH_DISCOUNTS} cash discounts are allowed"),
        );
        return;
    }
    let mut seen = BTreeSet::new();
    for (i, d) in discounts.iter().enumerate() {
        if d.days > MAX_CASH_DISCOUNT_DAYS {
            errors.push(
                format!("cash_discounts[{i}].days"),
                format!("must be at most {MAX_CASH_DISCOUNT_DAYS}"),
            );
        } else if !seen.insert(d.days) {
            errors.push(
                format!("cash_discounts[{i}].days"),
                "another cash discount has the same days",
            );
        }
        let pct = if d.percentage <= Decimal::ZERO {
            Err("must be greater than 0".to_owned())
        } else {
            check_rate(d.percentage)
        };
        errors.check(&format!("cash_discounts[{i}].percentage"), pct);
    }
}

/// Σ item line nets (API.md §2 step 2) of lines that passed validation.
fn subtotal_of(doc: &DocumentInput, minor: u32) -> Result<Decimal, DomainError> {
    doc.lines
        .iter()
        .filter(|l| l.kind == LineKind::Item)
        .try_fold(Decimal::ZERO, |sum, line| {
            sum.checked_add(crate::totals::line_net(line, minor)?)
                .ok_or(DomainError::Overflow)
        })
}

/// Every problem of a document's money fields, lines and cash discounts.
pub fn document_errors(doc: &DocumentInput) -> FieldErrors {
    let mut errors = FieldErrors::new();
    let minor = doc.currency.minor_units();
    errors.check("discount_rate", check_rate(doc.discount_rate));
    if doc.lines.len() > MAX_LINES {
        // Listing each of thousands of lines would only bury this message.
        errors.push("lines", format!("at most {MAX_LINES} lines are allowed"));
    } else {
        for (i, line) in doc.lines.iter().enumerate() {
            line_errors(line, i, minor, &mut errors);
        }
    }
    if let Some(amount) = doc.discount_amount {
        if !doc.discount_rate.is_zero() {
            errors.push("discount_rate", BOTH_DISCOUNTS);
            errors.push("discount_amount", BOTH_DISCOUNTS);
        } else if let Err(message) = check_amount(amount, minor) {
            errors.push("discount_amount", message);
        } else if errors.is_empty()
            && let Ok(subtotal) = subtotal_of(doc, minor)
            && !amount.is_zero()
            && amount > subtotal
        {
            errors.push(
                "discount_amount",
                format!("must not exceed the subtotal ({subtotal})"),
            );
        }
    }
    cash_discount_errors(&doc.cash_discounts, &mut errors);
    errors
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::currency::Currency;
    use rust_decimal_macros::dec;

    #[test]
    fn single_value_rules() {
        assert!(check_rate(dec!(0)).is_ok());
        assert!(check_rate(dec!(100)).is_ok());
        assert!(check_rate(dec!(7.7)).is_ok());
        assert!(check_rate(dec!(-0)).is_ok());
        assert!(check_rate(dec!(100.0001)).is_err());
        assert!(check_rate(dec!(-0.0001)).is_err());
        assert_eq!(
            check_rate(dec!(1.00001)).unwrap_err(),
            "must have at most 4 decimal places"
        );
        assert!(check_rate(dec!(1.00000)).is_ok());
        assert!(check_quantity(dec!(0.0001)).is_ok());
        assert_eq!(
            check_quantity(dec!(0)).unwrap_err(),
            "must be greater than 0"
        );
        assert!(check_quantity(dec!(-1)).is_err());
        assert!(check_unit_price(dec!(-9.9999)).is_ok());
        assert!(check_unit_price(dec!(9.99999)).is_err());
        assert!(check_text(&"é".repeat(2000)).is_ok());
        assert!(check_text(&"é".repeat(2001)).is_err());
    }

    #[test]
    fn collects_every_error_at_once() {
        let mut bad = LineInput::item("x", dec!(0), dec!(1.23456), dec!(101), dec!(-1));
        bad.description = "d".repeat(2001);
        let mut missing_price = LineInput::item("y", dec!(1), dec!(1), dec!(0), dec!(0));
        missing_price.unit_price = None;
        // Non-item lines are not checked for numbers.
        let mut heading = LineInput::text(LineKind::Subtitle, "Section");
        heading.quantity = dec!(-5);
        let doc = DocumentInput {
            currency: Currency::GBP,
            discount_rate: dec!(100.5),
            discount_amount: None,
            prices_include_tax: false,
            lines: vec![
                LineInput::item("ok", dec!(1), dec!(1), dec!(0), dec!(20)),
                heading,
                bad,
                missing_price,
            ],
            cash_discounts: vec![
                CashDiscount::new(5, dec!(2)),
                CashDiscount::new(5, dec!(0)),
                CashDiscount::new(400, dec!(1)),
            ],
        };
        let fields: Vec<(String, String)> = document_errors(&doc)
            .into_vec()
            .into_iter()
            .map(|e| (e.field, e.message))
            .collect();
        let expected = [
            ("discount_rate", "must be between 0 and 100"),
            ("lines[2].description", "must be at most 2000 characters"),
            ("lines[2].quantity", "must be greater than 0"),
            ("lines[2].unit_price", "must have at most 4 decimal places"),
            ("lines[2].discount_rate", "must be between 0 and 100"),
            ("lines[2].tax_rate", "must be between 0 and 100"),
            ("lines[3].unit_price", "is required"),
            (
                "cash_discounts[1].days",
                "another cash discount has the same days",
            ),
            ("cash_discounts[1].percentage", "must be greater than 0"),
            ("cash_discounts[2].days", "must be at most 365"),
        ];
        let expected: Vec<(String, String)> = expected
            .iter()
            .map(|(f, m)| ((*f).to_owned(), (*m).to_owned()))
            .collect();
        assert_eq!(fields, expected);
    }

    #[test]
    fn line_limit() {
        let line = LineInput::item("x", dec!(1), dec!(1), dec!(0), dec!(0));
        let mut doc = DocumentInput::new(Currency::EUR, vec![line; MAX_LINES]);
        assert!(document_errors(&doc).is_empty());
        doc.lines.push(doc.lines[0].clone());
        let errors = document_errors(&doc).into_vec();
        assert_eq!(
            errors,
            vec![FieldError::new("lines", "at most 500 lines are allowed")]
        );
    }

    #[test]
    fn extend_at_nests_errors() {
        let mut errors = FieldErrors::new();
        errors.extend_at("currency", Currency::parse("ZZZ").unwrap_err());
        assert_eq!(errors.len(), 1);
        let err = errors.into_result().unwrap_err();
        assert_eq!(err.field_errors()[0].field, "currency");
        assert!(FieldErrors::new().into_result().is_ok());
    }

    #[test]
    fn fixed_discounts_are_checked_against_what_they_discount() {
        let fields = |doc: &DocumentInput| -> Vec<(String, String)> {
            document_errors(doc)
                .into_vec()
                .into_iter()
                .map(|e| (e.field, e.message))
                .collect()
        };
        let line = |amount| {
            LineInput::item("x", dec!(2.5), dec!(10), dec!(0), dec!(19))
                .with_discount_amount(amount)
        };
        let mut both = line(dec!(1));
        both.discount_rate = Some(dec!(5));
        let doc = DocumentInput {
            discount_amount: Some(dec!(1)),
            discount_rate: dec!(2),
            ..DocumentInput::new(
                Currency::EUR,
                vec![
                    both,
                    line(dec!(-1)),
                    line(dec!(0.001)),
                    line(dec!(25.01)),
                    line(dec!(25)),
                ],
            )
        };
        assert_eq!(
            fields(&doc),
            [
                ("lines[0].discount_rate".into(), BOTH_DISCOUNTS.into()),
                ("lines[0].discount_amount".into(), BOTH_DISCOUNTS.into()),
                (
                    "lines[1].discount_amount".into(),
                    "must not be negative".into()
                ),
                (
                    "lines[2].discount_amount".into(),
                    "must have at most 2 decimal places".into()
                ),
                (
                    "lines[3].discount_amount".into(),
                    "must not exceed the line's amount (25.00)".into()
                ),
                ("discount_rate".into(), BOTH_DISCOUNTS.into()),
                ("discount_amount".into(), BOTH_DISCOUNTS.into()),
            ]
        );
        let over = DocumentInput {
            discount_amount: Some(dec!(20.01)),
            ..DocumentInput::new(Currency::EUR, vec![line(dec!(5))])
        };
        assert_eq!(
            fields(&over),
            [(
                "discount_amount".into(),
                "must not exceed the subtotal (20.00)".into()
            )]
        );
        let exact = DocumentInput {
            discount_amount: Some(dec!(20)),
            ..over
        };
        assert!(fields(&exact).is_empty());
    }
}
