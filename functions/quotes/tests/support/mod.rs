//! Helpers shared by the quote tests: contacts, catalogue items and quote
//! bodies written through the real use cases.
#![allow(dead_code)]

use serde_json::{Value, json};
use uome_core::catalogue::{self, ItemChanges, Patch};
use uome_core::contacts::{self, Contact, ContactInput};
use uome_core::quotes::{self, QuoteAt, QuoteInput};
use uome_domain::Decimal;
use uome_quotes::dto::QuoteRequest;
use uome_testkit::TestEnv;

/// A customer (with an email, so quotes can be sent) of `account_id`.
pub async fn customer(env: &TestEnv, account_id: &str, name: &str) -> Contact {
    contact(
        env,
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
pub async fn contact(env: &TestEnv, account_id: &str, fields: Value) -> Contact {
    let input: ContactInput = serde_json::from_value(fields).unwrap();
    contacts::create_contact(&env.ctx.ports, account_id, input, true)
        .await
        .unwrap()
}

/// A catalogue item priced in GBP.
pub async fn item(env: &TestEnv, account_id: &str, name: &str, price: &str) -> String {
    let changes = ItemChanges {
        name: Patch::Set(name.to_string()),
        unit: Patch::Set("hour".to_string()),
        currency: Patch::Set("GBP".to_string()),
        sales_price: Patch::Set(Ok(price.parse::<Decimal>().unwrap())),
        tax_rate: Patch::Set(Ok(Decimal::from(20))),
        ..ItemChanges::default()
    };
    catalogue::create_item(&env.ctx.ports, account_id, changes)
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

/// A request body as the use cases take it.
pub fn input(body: Value) -> QuoteInput {
    serde_json::from_value::<QuoteRequest>(body)
        .unwrap()
        .input()
}

pub async fn create(env: &TestEnv, account_id: &str, body: Value) -> QuoteAt {
    quotes::create_quote(&env.ctx.ports, account_id, input(body))
        .await
        .unwrap()
}
