//! Request and response shapes of the expense routes.
//!
//! Money comes in as a JSON string or number, parsed exactly from its text;
//! one that does not parse is reported with every other bad field (422)
//! rather than stopping the parse. The date is taken as text for the same
//! reason.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Deserializer, Serialize};
use serde_json::value::RawValue;
use uome_core::expenses::{Expense, ExpenseInput, NumberInput};
use uome_domain::DomainError;
use uome_domain::decimal_input::parse_json_decimal;
use uome_domain::format_amount;
use utoipa::{IntoParams, ToSchema};

/// A decimal as sent, or why it is not one.
#[derive(Clone, Debug, PartialEq)]
pub struct NumberField(pub NumberInput);

impl<'de> Deserialize<'de> for NumberField {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        // The raw text, never an f64: `19.99` stays exactly 19.99.
        let raw = Box::<RawValue>::deserialize(deserializer)?;
        Ok(NumberField(parse_json_decimal(raw.get()).map_err(
            |e| match e {
                DomainError::InvalidNumber(message) => message,
                other => other.to_string(),
            },
        )))
    }
}

uome_http::resource_body! {
    /// Body of `POST /v1/expenses` and `PUT /v1/expenses/{id}`.
    ///
    /// `PUT` is a full replace: absent `tax_amount`, `description`,
    /// `vendor_id`, `invoice_id` and `upload_id` are cleared; an absent `date`
    /// or `currency` keeps the stored value.
    #[derive(Clone, Debug, Default, Deserialize, ToSchema)]
    #[serde(deny_unknown_fields)]
    pub struct ExpenseBody {
        /// `YYYY-MM-DD`. Default (on create): today in the account's time zone.
        #[serde(default)]
        #[schema(value_type = Option<String>, format = Date, example = "2026-11-03")]
        pub date: Option<String>,
        /// Required: > 0, at most the currency's minor digits. A string or a
        /// JSON number.
        #[serde(default)]
        #[schema(value_type = Option<String>, format = "decimal-positive", example = "120.00")]
        pub amount: Option<NumberField>,
        /// ISO 4217. Default (on create): the company's currency.
        #[serde(default)]
        #[schema(example = "GBP")]
        pub currency: Option<String>,
        /// The tax included in `amount`: ≥ 0 and ≤ `amount`. Default 0.
        #[serde(default)]
        #[schema(value_type = Option<String>, format = "decimal-non-negative", example = "20.00")]
        pub tax_amount: Option<NumberField>,
        /// Required, at most 64 characters.
        #[serde(default)]
        #[schema(example = "Travel")]
        pub category: Option<String>,
        /// At most 2,000 characters.
        #[serde(default)]
        #[schema(max_length = 2000, format = "paragraphs", example = "Train to Leeds")]
        pub description: Option<String>,
        /// A contact of the account with the `vendor` role.
        #[serde(default)]
        #[schema(format = Uuid)]
        pub vendor_id: Option<String>,
        /// An invoice of the account the expense is billed on.
        #[serde(default)]
        #[schema(format = Uuid)]
        pub invoice_id: Option<String>,
        /// A ready upload (purpose `expense` or `attachment`): the receipt.
        #[serde(default)]
        #[schema(format = Uuid)]
        pub upload_id: Option<String>,
        /// `PUT` only: the version read (or send `If-Match`).
        #[serde(default)]
        pub version: Option<u64>,
    }
}

impl ExpenseBody {
    pub fn into_input(self) -> ExpenseInput {
        ExpenseInput {
            date: self.date,
            amount: self.amount.map(|n| n.0),
            currency: self.currency,
            tax_amount: self.tax_amount.map(|n| n.0),
            category: self.category,
            description: self.description,
            vendor_id: self.vendor_id,
            invoice_id: self.invoice_id,
            upload_id: self.upload_id,
        }
    }
}

/// An expense.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct ExpenseResponse {
    #[schema(format = Uuid)]
    pub id: String,
    pub date: NaiveDate,
    /// Gross, tax included, at the currency's minor units.
    #[schema(example = "120.00")]
    pub amount: String,
    #[schema(example = "GBP")]
    pub currency: String,
    #[schema(example = "20.00")]
    pub tax_amount: String,
    /// `amount − tax_amount`.
    #[schema(example = "100.00")]
    pub net_amount: String,
    #[schema(example = "Travel")]
    pub category: String,
    pub description: Option<String>,
    #[schema(format = Uuid)]
    pub vendor_id: Option<String>,
    #[schema(format = Uuid)]
    pub invoice_id: Option<String>,
    #[schema(format = Uuid)]
    pub upload_id: Option<String>,
    pub version: u64,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

impl From<Expense> for ExpenseResponse {
    fn from(e: Expense) -> Self {
        Self {
            amount: format_amount(e.amount, e.currency),
            tax_amount: format_amount(e.tax_amount, e.currency),
            net_amount: format_amount(e.net_amount(), e.currency),
            currency: e.currency.code().to_owned(),
            id: e.id.to_string(),
            date: e.date,
            category: e.category,
            description: e.description,
            vendor_id: e.vendor_id,
            invoice_id: e.invoice_id,
            upload_id: e.upload_id,
            version: e.version,
            created_at: e.created_at,
            updated_at: e.updated_at,
        }
    }
}

/// Filters of `GET /v1/expenses` (with `limit` and `cursor`).
#[derive(Clone, Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ExpenseListQuery {
    /// `YYYY-MM`: expenses dated that month.
    pub month: Option<String>,
    /// Only the expenses linked to this invoice.
    #[serde(default, deserialize_with = "uome_http::query_id::optional")]
    #[param(value_type = Option<uuid::Uuid>)]
    pub invoice_id: Option<String>,
    /// 1–200, default 50.
    pub limit: Option<u32>,
    /// `next_cursor` of the previous page.
    pub cursor: Option<String>,
}

/// Filters of `GET /v1/invoices/{id}/expenses` (with `limit` and `cursor`).
#[derive(Clone, Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct InvoiceExpensesQuery {
    /// `YYYY-MM`: expenses dated that month.
    pub month: Option<String>,
    /// 1–200, default 50.
    pub limit: Option<u32>,
    /// `next_cursor` of the previous page.
    pub cursor: Option<String>,
}
