//! Invoice fixtures written through core's own use cases: contacts,
//! catalogue items, bank details and invoice lines. Shared by core's
//! invoice use-case tests and the invoices function's router tests (which
//! include this file by path).

use serde_json::{Value, json};
use uome_core::account::bank::Bank;
use uome_core::catalogue::input::{ItemChanges, Patch};
use uome_core::contacts::{ContactInput, create_contact};
use uome_core::documents::DraftInput;
use uome_core::invoices::{Invoice, InvoiceInput, create_invoice};
use uome_core::keys::bank_key;
use uome_core::ledger::all_transactions;
use uome_core::ports::{Condition, Item, Ports};
use uome_domain::AccountId;
use uome_domain::Decimal;
use uome_domain::ledger::trial_balance;
use uome_domain::{Currency, InvoiceStatus, LineInput, TrialBalance};

pub fn d(text: &str) -> Decimal {
    text.parse().unwrap()
}

/// A contact from its JSON input (as `POST /v1/contacts` takes it).
pub async fn contact(ports: &Ports, account_id: &AccountId, input: Value) -> String {
    let input = serde_json::from_value(input).unwrap();
    uome_core::contacts::create_contact(ports, account_id, input, false)
        .await
        .unwrap()
        .id
        .to_string()
}

/// A customer with an email address and no billing address.
pub async fn customer(ports: &Ports, account_id: &AccountId) -> String {
    contact(
        ports,
        account_id,
        json!({"company_name": "OneUp Client Ltd", "roles": ["customer"], "email": "billing@client.example"}),
    )
    .await
}

/// A catalogue item in GBP at `price`, 10 % tax.
pub async fn item(ports: &Ports, account_id: &AccountId, name: &str, price: &str) -> String {
    let changes = ItemChanges {
        name: Patch::Set(name.to_string()),
        sales_price: Patch::Set(Ok(d(price))),
        currency: Patch::Set("GBP".to_string()),
        tax_rate: Patch::Set(Ok(d("10"))),
        ..ItemChanges::default()
    };
    uome_core::catalogue::create_item(ports, account_id, changes)
        .await
        .unwrap()
        .id
}

/// The account's bank details with `iban`.
pub async fn bank_iban(ports: &Ports, account_id: &AccountId, iban: &str) {
    let bank = Bank {
        account_name: Some("Acme Ltd".into()),
        iban: Some(iban.to_string()),
        ..Bank::default()
    };
    ports
        .table
        .put(
            Item::new(bank_key(account_id), &bank).unwrap(),
            Condition::None,
        )
        .await
        .unwrap();
}

/// The seed's OneUp order as invoice lines: subtotal 1092.30, discount
/// 38.23, tax 86.13, total 1140.20.
pub fn oneup_lines() -> Value {
    json!([
        {"description": "Widget", "quantity": 50, "unit_price": "15.00", "tax_rate": 10},
        {"description": "Bolt", "quantity": 100, "unit_price": "1.50", "discount_rate": 5, "tax_rate": 10},
        {"description": "Manual", "quantity": 20, "unit_price": "9.99", "tax_rate": 0}
    ])
}

/// A simple invoice body for `contact_id`: one line of 100.00 at 10 %.
pub fn simple_body(contact_id: &str) -> Value {
    json!({
        "contact_id": contact_id,
        "lines": [{"description": "Consulting", "quantity": 1, "unit_price": "100.00", "tax_rate": 10}]
    })
}

/// An invoice of one line (`price` + `tax_rate` %) for a new contact,
/// created through the invoice use case: a draft, or issued with its
/// ledger posting (a zero invoice is then `paid`).
pub async fn write_invoice(
    ports: &Ports,
    account_id: &AccountId,
    number: &str,
    status: InvoiceStatus,
    price: &str,
    tax_rate: &str,
) -> Invoice {
    let contact = create_contact(
        ports,
        account_id,
        ContactInput {
            company_name: Some("Client Ltd".into()),
            ..ContactInput::default()
        },
        true,
    )
    .await
    .unwrap();
    let input = InvoiceInput {
        draft: DraftInput {
            contact_id: contact.id,
            currency: Some("GBP".into()),
            lines: vec![LineInput::item(
                "Consulting",
                Decimal::ONE,
                d(price),
                Decimal::ZERO,
                d(tax_rate),
            )],
            ..DraftInput::default()
        },
        ..InvoiceInput::default()
    };
    let issue = (status != InvoiceStatus::Draft).then_some("issued");
    let invoice = create_invoice(ports, account_id, input, issue)
        .await
        .unwrap()
        .document;
    assert_eq!(invoice.status, status);
    assert_eq!(invoice.number, number);
    invoice
}

/// An issued invoice of 100.00 (no tax) to `contact_id`, issued on
/// 2026-11-21 and due on `due`: what the reminders tests remind of.
pub async fn issued_due(
    ports: &Ports,
    account_id: &AccountId,
    contact_id: &str,
    due: chrono::NaiveDate,
) -> Invoice {
    let input = InvoiceInput {
        draft: DraftInput {
            contact_id: contact_id.into(),
            currency: Some("GBP".into()),
            issue_date: chrono::NaiveDate::from_ymd_opt(2026, 11, 21),
            lines: vec![LineInput::item(
                "Consulting",
                Decimal::ONE,
                d("100.00"),
                Decimal::ZERO,
                Decimal::ZERO,
            )],
            ..DraftInput::default()
        },
        due_date: Some(due),
        ..InvoiceInput::default()
    };
    create_invoice(ports, account_id, input, Some("issued"))
        .await
        .unwrap()
        .document
}

/// The account's GBP trial balance, checked to balance.
pub async fn books(ports: &Ports, account_id: &AccountId) -> TrialBalance {
    let records = all_transactions(ports, account_id).await.unwrap();
    let tb = trial_balance(Currency::GBP, records.iter().map(|r| &r.transaction)).unwrap();
    assert!(tb.is_balanced(), "{tb:?}");
    tb
}
