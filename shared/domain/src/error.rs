//! The one error type of the domain layer.

use std::fmt;

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

/// One bad input field: `{"field": "lines[3].quantity", "message": "must be greater than 0"}`.
///
/// `field` is a path into the request body: dots between names, `[i]` for a
/// 0-based array index (the convention of `serde_path_to_error`, so parse
/// errors and validation errors point at fields the same way).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldError {
    pub field: String,
    pub message: String,
}

impl FieldError {
    pub fn new(field: impl Into<String>, message: impl Into<String>) -> Self {
        Self {
            field: field.into(),
            message: message.into(),
        }
    }
}

impl fmt::Display for FieldError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.field.is_empty() {
            f.write_str(&self.message)
        } else {
            write!(f, "{}: {}", self.field, self.message)
        }
    }
}

/// Everything the pure rules can reject. Each variant has a stable
/// snake_case [`code`](DomainError::code) that upper layers put in the
/// problem+json answer; all of them are client errors (422 material), never
/// defects.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DomainError {
    /// Every bad field at once, so a client fixes a form in one round trip.
    #[error("validation failed: {}", join(.0))]
    Validation(Vec<FieldError>),

    /// Not an active ISO 4217 code (or not three ASCII letters at all).
    #[error("unknown currency code `{0}`")]
    UnknownCurrency(String),

    /// Text that is not an exact decimal number, or one outside what the
    /// domain can carry (more than 28 decimal places, beyond ±7.9e28).
    #[error("invalid number: {0}")]
    InvalidNumber(String),

    /// A computation would exceed the exact range of `rust_decimal`. Reported
    /// rather than rounded silently: a wrong total is worse than no total.
    #[error("amount too large to compute exactly")]
    Overflow,

    /// Two amounts of different currencies were combined.
    #[error("currency mismatch: {left} and {right}")]
    CurrencyMismatch { left: String, right: String },

    /// A client-supplied total (AbaNinja `documentTotal`) differs from the
    /// one computed from the lines.
    #[error("the given total {given} does not match the computed total {expected}")]
    TotalMismatch { expected: Decimal, given: Decimal },
}

fn join(errors: &[FieldError]) -> String {
    errors
        .iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join("; ")
}

impl DomainError {
    /// Stable machine-readable identifier for the problem+json `code`.
    pub fn code(&self) -> &'static str {
        match self {
            Self::Validation(_) => "validation_failed",
            Self::UnknownCurrency(_) => "unknown_currency",
            Self::InvalidNumber(_) => "invalid_number",
            Self::Overflow => "amount_overflow",
            Self::CurrencyMismatch { .. } => "currency_mismatch",
            Self::TotalMismatch { .. } => "total_mismatch",
        }
    }

    /// The field errors carried, if any (empty for non-validation errors).
    pub fn field_errors(&self) -> &[FieldError] {
        match self {
            Self::Validation(errors) => errors,
            _ => &[],
        }
    }

    /// Attach the error to a field of the request: a single-value error
    /// (bad number, unknown currency, ...) becomes a one-entry
    /// [`Validation`](DomainError::Validation); a validation error gets its
    /// paths prefixed. `TotalMismatch` keeps its own identity because clients
    /// branch on its code.
    ///
    /// ```
    /// # use uome_domain::{Currency, DomainError};
    /// let err = Currency::parse("XYZ").unwrap_err().at("currency");
    /// assert_eq!(err.field_errors()[0].field, "currency");
    /// ```
    pub fn at(self, field: &str) -> DomainError {
        match self {
            Self::Validation(errors) => Self::Validation(
                errors
                    .into_iter()
                    .map(|e| FieldError {
                        field: join_path(field, &e.field),
                        message: e.message,
                    })
                    .collect(),
            ),
            Self::TotalMismatch { .. } => self,
            Self::UnknownCurrency(code) => Self::Validation(vec![FieldError::new(
                field,
                format!("unknown currency code `{code}`"),
            )]),
            Self::InvalidNumber(message) => Self::Validation(vec![FieldError::new(field, message)]),
            other => Self::Validation(vec![FieldError::new(field, other.to_string())]),
        }
    }
}

/// `lines` + `[3].quantity` → `lines[3].quantity`; `a` + `b` → `a.b`.
pub(crate) fn join_path(prefix: &str, field: &str) -> String {
    if prefix.is_empty() {
        field.to_owned()
    } else if field.is_empty() {
        prefix.to_owned()
    } else if field.starts_with('[') {
        format!("{prefix}{field}")
    } else {
        format!("{prefix}.{field}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_stable() {
        assert_eq!(DomainError::Overflow.code(), "amount_overflow");
        assert_eq!(
            DomainError::TotalMismatch {
                expected: Decimal::ONE,
                given: Decimal::TWO
            }
            .code(),
            "total_mismatch"
        );
        assert_eq!(DomainError::Validation(vec![]).code(), "validation_failed");
        assert_eq!(
            DomainError::UnknownCurrency("XYZ".into()).code(),
            "unknown_currency"
        );
        assert_eq!(
            DomainError::InvalidNumber("x".into()).code(),
            "invalid_number"
        );
    }

    #[test]
    fn at_prefixes_paths() {
        let err = DomainError::Validation(vec![
            FieldError::new("[3].quantity", "must be greater than 0"),
            FieldError::new("currency", "unknown"),
        ])
        .at("lines");
        assert_eq!(err.field_errors()[0].field, "lines[3].quantity");
        assert_eq!(err.field_errors()[1].field, "lines.currency");
        let err = DomainError::InvalidNumber("not a number".into()).at("amount");
        assert_eq!(
            err.field_errors(),
            &[FieldError::new("amount", "not a number")]
        );
    }

    #[test]
    fn validation_display_lists_every_field() {
        let err = DomainError::Validation(vec![
            FieldError::new("a", "bad"),
            FieldError::new("b", "worse"),
        ]);
        assert_eq!(err.to_string(), "validation failed: a: bad; b: worse");
    }
}
