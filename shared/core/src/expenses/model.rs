//! The stored expense and what a client writes.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use uome_domain::DocumentId;
use uome_domain::{Currency, Decimal};

/// Largest amount an expense may have (a quadrillion of any currency):
/// far beyond any real expense, and small enough that no sum or scale
/// change can overflow a `Decimal`.
pub const MAX_AMOUNT: Decimal = Decimal::from_parts(2_764_472_320, 232_830, 0, false, 0);

/// Longest `category` (API.md §1: codes 64).
pub const MAX_CATEGORY_CHARS: usize = 64;

/// A number as the client sent it, or why it is not one (so a bad number
/// is reported with every other bad field).
pub type NumberInput = Result<Decimal, String>;

/// What `POST /v1/expenses` and `PUT /v1/expenses/{id}` carry. Everything is
/// optional here; the use case says what is required.
///
/// A `PUT` is a full replace: absent `tax_amount`, `description`,
/// `vendor_id`, `invoice_id` and `upload_id` are cleared, while an absent
/// `date` or `currency` keeps the stored one (their defaults only make sense
/// at creation).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ExpenseInput {
    /// `YYYY-MM-DD`; default today in the account's time zone.
    pub date: Option<String>,
    /// Required, > 0, at most the currency's minor digits.
    pub amount: Option<NumberInput>,
    /// ISO 4217; default the company's currency.
    pub currency: Option<String>,
    /// ≥ 0 and ≤ `amount`; default 0.
    pub tax_amount: Option<NumberInput>,
    /// Required, at most 64 characters.
    pub category: Option<String>,
    /// At most 2,000 characters.
    pub description: Option<String>,
    /// A contact of the account with the vendor role.
    pub vendor_id: Option<String>,
    /// An invoice of the account.
    pub invoice_id: Option<String>,
    /// A ready upload of the account (purpose `expense` or `attachment`).
    pub upload_id: Option<String>,
}

/// An expense as stored and answered. Amounts are at the currency's scale.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Expense {
    pub id: DocumentId,
    pub date: NaiveDate,
    #[serde(with = "uome_domain::decimal_string")]
    pub amount: Decimal,
    pub currency: Currency,
    #[serde(with = "uome_domain::decimal_string")]
    pub tax_amount: Decimal,
    pub category: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub vendor_id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub invoice_id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub upload_id: Option<String>,
    /// The item's version (kept on the item, not in its document).
    #[serde(skip)]
    pub version: u64,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

impl Expense {
    /// `amount − tax_amount`. Both are validated (0 ≤ tax ≤ amount ≤
    /// [`MAX_AMOUNT`], same scale), so the subtraction is exact; the
    /// fallback only keeps this free of panics.
    pub fn net_amount(&self) -> Decimal {
        self.amount
            .checked_sub(self.tax_amount)
            .unwrap_or(self.amount)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    #[test]
    fn max_amount_is_a_quadrillion() {
        assert_eq!(MAX_AMOUNT, Decimal::from_str("1000000000000000").unwrap());
    }

    #[test]
    fn stored_form_round_trips_and_skips_absent_links() {
        let expense = Expense {
            id: "e1".into(),
            date: NaiveDate::from_ymd_opt(2026, 11, 3).unwrap(),
            amount: Decimal::from_str("120.00").unwrap(),
            currency: Currency::GBP,
            tax_amount: Decimal::from_str("20.00").unwrap(),
            category: "Travel".into(),
            description: None,
            vendor_id: None,
            invoice_id: Some("i1".into()),
            upload_id: None,
            version: 3,
            created_at: DateTime::<Utc>::MIN_UTC,
            updated_at: DateTime::<Utc>::MIN_UTC,
        };
        let json = serde_json::to_value(&expense).unwrap();
        assert_eq!(json["amount"], "120.00");
        assert_eq!(json["currency"], "GBP");
        assert!(json.get("vendor_id").is_none());
        assert!(json.get("version").is_none());
        let back: Expense = serde_json::from_value(json).unwrap();
        assert_eq!(back.version, 0);
        assert_eq!(back.invoice_id.as_deref(), Some("i1"));
        assert_eq!(expense.net_amount().to_string(), "100.00");
    }
}
