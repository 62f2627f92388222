//! Quote fixtures written through the real use cases: customers, catalogue
//! items and quote bodies as JSON. Shared by core's quote use-case tests
//! and the quotes function's router tests (which include this file by
//! path), so both build quotes the same way.

use chrono::NaiveDate;
use serde::Deserialize;
use serde_json::{Value, json};
use uome_core::catalogue::{self, ItemChanges, Patch};
use uome_core::contacts::{self, Contact, ContactInput};
use uome_core::documents::DraftInput;
use uome_core::ports::Ports;
use uome_core::quotes::{self, QuoteAt, QuoteInput};
use uome_domain::AccountId;
use uome_domain::ContactId;
use uome_domain::cash_discount::CashDiscount;
use uome_domain::{Decimal, LineInput};

/// A customer (with an email, so quotes can be sent) of `account_id`.
pub async fn customer(ports: &Ports, account_id: &AccountId, name: &str) -> Contact {
    contact(
        ports,
        account_id,
        json!({
            "company_name": name,
            "email": format!("{}@client.test", name.to_lowercase().replace(' ', "-")),
            "roles": ["customer"],
            "payment_terms_days": 14
        }),
    )
    .await
}

/// A contact from its JSON fields, through the contacts use case.
pub async fn contact(ports: &Ports, account_id: &AccountId, fields: Value) -> Contact {
    let input: ContactInput = serde_json::from_value(fields).unwrap();
    contacts::create_contact(ports, account_id, input, true)
        .await
        .unwrap()
}

/// A catalogue item priced in GBP.
pub async fn item(ports: &Ports, account_id: &AccountId, name: &str, price: &str) -> String {
    let changes = ItemChanges {
        name: Patch::Set(name.to_string()),
        unit: Patch::Set("hour".to_string()),
        currency: Patch::Set("GBP".to_string()),
        sales_price: Patch::Set(Ok(price.parse::<Decimal>().unwrap())),
        tax_rate: Patch::Set(Ok(Decimal::from(20))),
        ..ItemChanges::default()
    };
    catalogue::create_item(ports, account_id, changes)
        .await
        .unwrap()
        .id
}

/// The OneUp sales order of seed 001 (API.md §2) with every line kind:
/// subtotal 1092.30, discount 38.23, tax 86.13, total 1140.20.
pub fn oneup(contact_id: &str) -> Value {
    json!({
        "contact_id": contact_id,
        "currency": "GBP",
        "issue_date": "2026-11-21",
        "valid_until": "2026-12-21",
        "title": "Shirts",
        "discount_rate": 3.5,
        "lines": [
            {"kind": "subtitle", "description": "Apparel"},
            {"description": "T-shirt", "quantity": 50, "unit_price": "15.00", "tax_rate": 10},
            {"description": "Sticker", "quantity": 100, "unit_price": 1.50, "discount_rate": 5, "tax_rate": 10},
            {"kind": "section_total", "description": "Apparel total"},
            {"kind": "divider"},
            {"description": "Book", "quantity": 20, "unit_price": "9.99", "tax_rate": 0},
            {"kind": "text", "description": "Thank you for your business"}
        ]
    })
}

/// A minimal quote body: one line of 100.00 at 20 %.
pub fn simple(contact_id: &str) -> Value {
    json!({
        "contact_id": contact_id,
        "lines": [{"description": "Consulting", "quantity": 1, "unit_price": "100.00", "tax_rate": 20}]
    })
}

/// A quote body as JSON, read the way the quote routes read it (numbers
/// as strings or JSON numbers, exactly; `reduce_rate` / `document_total` /
/// `valid_until_date` aliases) but without the HTTP crate: core's tests
/// link no HTTP.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct QuoteJson {
    contact_id: String,
    #[serde(default)]
    currency: Option<String>,
    #[serde(default)]
    issue_date: Option<NaiveDate>,
    #[serde(default, alias = "valid_until_date")]
    valid_until: Option<NaiveDate>,
    #[serde(default)]
    reference: Option<String>,
    #[serde(default)]
    title: Option<String>,
    #[serde(default)]
    notes: Option<String>,
    #[serde(default)]
    terms: Option<String>,
    #[serde(default)]
    footer: Option<String>,
    #[serde(
        default,
        alias = "reduce_rate",
        with = "uome_domain::decimal_input::json_opt"
    )]
    discount_rate: Option<Decimal>,
    #[serde(default)]
    prices_include_tax: Option<bool>,
    #[serde(default)]
    lines: Vec<LineInput>,
    #[serde(default)]
    cash_discounts: Vec<CashDiscount>,
    #[serde(
        default,
        alias = "document_total",
        with = "uome_domain::decimal_input::json_opt"
    )]
    total: Option<Decimal>,
}

/// A quote body as the use cases take it.
pub fn input(body: Value) -> QuoteInput {
    let q: QuoteJson = serde_json::from_value(body).unwrap();
    QuoteInput {
        draft: DraftInput {
            contact_id: ContactId::from(q.contact_id.trim().to_string()),
            currency: q.currency,
            issue_date: q.issue_date,
            reference: q.reference,
            title: q.title,
            notes: q.notes,
            terms: q.terms,
            footer: q.footer,
            discount_rate: q.discount_rate,
            prices_include_tax: q.prices_include_tax.unwrap_or(false),
            lines: q.lines,
            cash_discounts: q.cash_discounts,
            total: q.total,
            ..DraftInput::default()
        },
        valid_until: q.valid_until,
    }
}

pub async fn create(ports: &Ports, account_id: &AccountId, body: Value) -> QuoteAt {
    quotes::create_quote(ports, account_id, input(body))
        .await
        .unwrap()
}
