//! `GET /v1/pos/summary`: the till's day, per currency.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use uome_core::pos::{CurrencyDay, DaySummary, MethodSum, RateSum};
use uome_domain::{Currency, format_amount};
use uome_http::documents::plain;
use utoipa::{IntoParams, ToSchema};

/// Tax of one rate.
#[derive(Debug, Serialize, ToSchema)]
pub struct RateSumView {
    #[schema(example = "8.1")]
    pub rate: String,
    #[schema(example = "12.00")]
    pub base: String,
    #[schema(example = "0.97")]
    pub tax: String,
}

impl RateSumView {
    fn new(sum: &RateSum, currency: Currency) -> Self {
        Self {
            rate: plain(sum.rate),
            base: format_amount(sum.base, currency),
            tax: format_amount(sum.tax, currency),
        }
    }
}

/// One payment method's day.
#[derive(Debug, Serialize, ToSchema)]
pub struct MethodSumView {
    #[schema(example = "cash")]
    pub method: String,
    pub sales: u32,
    /// Money taken (cash after rounding).
    #[schema(example = "10.25")]
    pub taken: String,
    pub refunds: u32,
    #[schema(example = "0.00")]
    pub paid_back: String,
    /// Taken less paid back: what the drawer (or the card terminal's
    /// settlement) should show for the day.
    #[schema(example = "10.25")]
    pub net: String,
}

impl MethodSumView {
    fn new(sum: &MethodSum, currency: Currency) -> Self {
        Self {
            method: sum.method.as_str().to_string(),
            sales: sum.sales,
            taken: format_amount(sum.taken, currency),
            refunds: sum.refunds,
            paid_back: format_amount(sum.paid_back, currency),
            net: format_amount(sum.taken - sum.paid_back, currency),
        }
    }
}

/// The day in one currency.
#[derive(Debug, Serialize, ToSchema)]
pub struct CurrencyDayView {
    #[schema(example = "CHF")]
    pub currency: String,
    /// Sales made that day.
    pub count: u32,
    /// Their totals, tax included.
    #[schema(example = "23.21")]
    pub gross: String,
    /// Their totals without tax.
    #[schema(example = "21.98")]
    pub net: String,
    #[schema(example = "1.23")]
    pub tax: String,
    pub tax_by_rate: Vec<RateSumView>,
    /// Cash rounding of the sales (taken − totals), on 4900 Rounding.
    #[schema(example = "0.01")]
    pub rounding: String,
    pub by_method: Vec<MethodSumView>,
    /// Refunds made that day (of any day's sales).
    pub refunds: u32,
    /// What they credited, tax included, and their tax by rate.
    #[schema(example = "0.00")]
    pub refunded: String,
    pub refunded_tax_by_rate: Vec<RateSumView>,
    /// Money handed back.
    #[schema(example = "0.00")]
    pub paid_back: String,
    /// Money taken less money handed back.
    #[schema(example = "23.22")]
    pub net_takings: String,
}

impl From<&CurrencyDay> for CurrencyDayView {
    fn from(day: &CurrencyDay) -> Self {
        let c = day.currency;
        Self {
            currency: c.code().to_string(),
            count: day.sales,
            gross: format_amount(day.gross, c),
            net: format_amount(day.gross - day.tax, c),
            tax: format_amount(day.tax, c),
            tax_by_rate: day
                .tax_by_rate
                .iter()
                .map(|r| RateSumView::new(r, c))
                .collect(),
            rounding: format_amount(day.rounding, c),
            by_method: day
                .by_method
                .iter()
                .map(|m| MethodSumView::new(m, c))
                .collect(),
            refunds: day.refunds,
            refunded: format_amount(day.refunded, c),
            refunded_tax_by_rate: day
                .refunded_tax_by_rate
                .iter()
                .map(|r| RateSumView::new(r, c))
                .collect(),
            paid_back: format_amount(day.paid_back, c),
            net_takings: format_amount(day.net_takings, c),
        }
    }
}

/// The till's day.
#[derive(Debug, Serialize, ToSchema)]
pub struct DaySummaryView {
    pub date: NaiveDate,
    /// The account's time zone, which draws the day's bounds.
    #[schema(example = "Europe/Zurich")]
    pub time_zone: String,
    /// One entry per currency taken that day; none on a day without sales
    /// or refunds.
    pub currencies: Vec<CurrencyDayView>,
}

impl From<&DaySummary> for DaySummaryView {
    fn from(summary: &DaySummary) -> Self {
        Self {
            date: summary.date,
            time_zone: summary.time_zone.clone(),
            currencies: summary
                .currencies
                .iter()
                .map(CurrencyDayView::from)
                .collect(),
        }
    }
}

/// `GET /v1/pos/summary`.
#[derive(Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct SummaryQuery {
    /// `YYYY-MM-DD` (1900–9999), a day in the account's time zone;
    /// absent or empty: today.
    #[param(value_type = Option<String>, pattern = r"^(|\d{4}-\d{2}-\d{2})$", example = "2026-12-05")]
    pub date: Option<String>,
}
