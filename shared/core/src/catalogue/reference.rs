//! Read-only reference lists: currencies, units and payment terms, and the
//! account defaults they are flagged with.
//!
//! The account's company record (`COMPANY`) and settings (`SETTINGS`) are
//! written by the account function; they are read here leniently (a
//! missing or unreadable field falls back to the product default), so the
//! catalogue never fails because of a setting it only uses as a default.

use uome_domain::AccountId;
use uome_domain::Currency;

use crate::error::CoreResult;
use crate::keys::account_item;
use crate::ports::{Item as TableItem, Table};

/// Items and lists fall back to this currency when the company has none.
pub const FALLBACK_CURRENCY: Currency = Currency::GBP;
/// Payment terms when the settings name none (API.md §4).
pub const DEFAULT_PAYMENT_TERMS_DAYS: u32 = 30;
/// Longest payment term read from the settings; beyond is a bad record.
const MAX_PAYMENT_TERMS_DAYS: u64 = 3_650;

/// The company's `default_currency`, if it is a known code.
pub fn default_currency_of(company: Option<&TableItem>) -> Currency {
    company
        .and_then(|item| item.data.get("default_currency"))
        .and_then(serde_json::Value::as_str)
        .and_then(|code| Currency::parse(code.trim()).ok())
        .unwrap_or(FALLBACK_CURRENCY)
}

/// The account's default currency (one read).
pub async fn default_currency(table: &dyn Table, account_id: &AccountId) -> CoreResult<Currency> {
    let company = table.get(&account_item(account_id, "COMPANY")).await?;
    Ok(default_currency_of(company.as_ref()))
}

/// The settings' `default_payment_terms_days` (a number, or a string of
/// digits), if usable.
pub fn default_payment_terms_days_of(settings: Option<&TableItem>) -> u32 {
    settings
        .and_then(|item| item.data.get("default_payment_terms_days"))
        .and_then(|value| match value {
            serde_json::Value::Number(n) => n.as_u64(),
            serde_json::Value::String(s) => s.trim().parse::<u64>().ok(),
            _ => None,
        })
        .filter(|days| *days <= MAX_PAYMENT_TERMS_DAYS)
        .and_then(|days| u32::try_from(days).ok())
        .unwrap_or(DEFAULT_PAYMENT_TERMS_DAYS)
}

/// One ISO 4217 currency, flagged when it is the account's default.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CurrencyInfo {
    pub code: &'static str,
    pub name: &'static str,
    pub numeric_code: u16,
    pub minor_units: u32,
    pub default: bool,
}

/// Every currency Uome accepts, by code (one read, for the default flag).
pub async fn currencies(
    table: &dyn Table,
    account_id: &AccountId,
) -> CoreResult<Vec<CurrencyInfo>> {
    let default = default_currency(table, account_id).await?;
    Ok(Currency::all()
        .map(|c| CurrencyInfo {
            code: c.code(),
            name: c.name(),
            numeric_code: c.numeric_code(),
            minor_units: c.minor_units(),
            default: c == default,
        })
        .collect())
}

/// OneUp's kinds of unit.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum UnitKind {
    Piece,
    Weight,
    Dimension,
    Surface,
    Volume,
    Time,
}

impl UnitKind {
    pub fn as_str(self) -> &'static str {
        match self {
            UnitKind::Piece => "piece",
            UnitKind::Weight => "weight",
            UnitKind::Dimension => "dimension",
            UnitKind::Surface => "surface",
            UnitKind::Volume => "volume",
            UnitKind::Time => "time",
        }
    }
}

/// A suggested unit. An item's `unit` is free text; these are what a form
/// offers (the `id` is what it would store).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Unit {
    pub id: &'static str,
    pub name: &'static str,
    pub kind: UnitKind,
}

const fn unit(id: &'static str, name: &'static str, kind: UnitKind) -> Unit {
    Unit { id, name, kind }
}

const UNITS: [Unit; 18] = [
    unit("piece", "Piece", UnitKind::Piece),
    unit("pack", "Pack", UnitKind::Piece),
    unit("flat_rate", "Flat rate", UnitKind::Piece),
    unit("minute", "Minute", UnitKind::Time),
    unit("hour", "Hour", UnitKind::Time),
    unit("day", "Day", UnitKind::Time),
    unit("week", "Week", UnitKind::Time),
    unit("month", "Month", UnitKind::Time),
    unit("year", "Year", UnitKind::Time),
    unit("g", "Gram", UnitKind::Weight),
    unit("kg", "Kilogram", UnitKind::Weight),
    unit("t", "Tonne", UnitKind::Weight),
    unit("cm", "Centimetre", UnitKind::Dimension),
    unit("m", "Metre", UnitKind::Dimension),
    unit("km", "Kilometre", UnitKind::Dimension),
    unit("m2", "Square metre", UnitKind::Surface),
    unit("l", "Litre", UnitKind::Volume),
    unit("m3", "Cubic metre", UnitKind::Volume),
];

/// The suggested units (no read).
pub fn units() -> &'static [Unit] {
    &UNITS
}

/// A payment term: an invoice is due `days` after its issue date.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PaymentTerm {
    pub id: String,
    pub name: String,
    pub days: u32,
    /// The account's default (`default_payment_terms_days`).
    pub default: bool,
}

/// The standard terms, in days.
const STANDARD_TERMS: [u32; 9] = [0, 7, 10, 14, 15, 30, 45, 60, 90];

fn term(days: u32, default: u32) -> PaymentTerm {
    let (id, name) = if days == 0 {
        ("due_on_receipt".to_owned(), "Due on receipt".to_owned())
    } else {
        (format!("net_{days}"), format!("Net {days}"))
    };
    PaymentTerm {
        id,
        name,
        days,
        default: days == default,
    }
}

/// The standard terms plus the account's default if it is not one of
/// them, by days, the default flagged (one read).
pub async fn payment_terms(
    table: &dyn Table,
    account_id: &AccountId,
) -> CoreResult<Vec<PaymentTerm>> {
    let settings = table.get(&account_item(account_id, "SETTINGS")).await?;
    Ok(payment_terms_with_default(default_payment_terms_days_of(
        settings.as_ref(),
    )))
}

/// The list for a given default.
pub fn payment_terms_with_default(default: u32) -> Vec<PaymentTerm> {
    let mut days: Vec<u32> = STANDARD_TERMS.to_vec();
    if !days.contains(&default) {
        days.push(default);
        days.sort_unstable();
    }
    days.into_iter().map(|d| term(d, default)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ports::Key;
    use serde_json::json;

    fn record(data: serde_json::Value) -> TableItem {
        TableItem::new(Key::new("p", "s"), &data).unwrap()
    }

    #[test]
    fn default_currency_is_read_leniently() {
        assert_eq!(default_currency_of(None), Currency::GBP);
        let eur = record(json!({"default_currency": "eur"}));
        assert_eq!(default_currency_of(Some(&eur)), Currency::EUR);
        let bad = record(json!({"default_currency": 42}));
        assert_eq!(default_currency_of(Some(&bad)), Currency::GBP);
    }

    #[test]
    fn payment_days_are_read_leniently() {
        assert_eq!(default_payment_terms_days_of(None), 30);
        let n = record(json!({"default_payment_terms_days": 14}));
        assert_eq!(default_payment_terms_days_of(Some(&n)), 14);
        let s = record(json!({"default_payment_terms_days": "21"}));
        assert_eq!(default_payment_terms_days_of(Some(&s)), 21);
        let bad = record(json!({"default_payment_terms_days": -3}));
        assert_eq!(default_payment_terms_days_of(Some(&bad)), 30);
    }

    #[test]
    fn a_custom_default_joins_the_list_in_order() {
        let terms = payment_terms_with_default(21);
        let days: Vec<u32> = terms.iter().map(|t| t.days).collect();
        assert_eq!(days, [0, 7, 10, 14, 15, 21, 30, 45, 60, 90]);
        let defaults: Vec<&str> = terms
            .iter()
            .filter(|t| t.default)
            .map(|t| t.id.as_str())
            .collect();
        assert_eq!(defaults, ["net_21"]);
        assert_eq!(payment_terms_with_default(30).len(), 9);
        assert_eq!(payment_terms_with_default(0)[0].name, "Due on receipt");
    }
}
