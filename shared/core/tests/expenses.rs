//! The expense use cases against the embedded adapters (the core kit; no
//! HTTP). The routes are tested in `functions/invoices/tests/expenses.rs`.

use chrono::{TimeZone, Utc};
use serde_json::json;
use uome_core::CoreError;
use uome_core::contacts::{self, Expected};
use uome_core::expenses::{self, ExpenseFilter, ExpenseInput};
use uome_core::uploads::{UploadPurpose, UploadStatus};
use uome_domain::Decimal;
use uome_domain::{ContactId, DocumentId};

mod kit;
use kit::Kit;
use kit::expenses::{company, invoice, upload, vendor};

fn number(text: &str) -> Option<Result<Decimal, String>> {
    Some(Ok(text.parse().unwrap()))
}

fn input(amount: &str, category: &str) -> ExpenseInput {
    ExpenseInput {
        amount: number(amount),
        category: Some(category.into()),
        ..Default::default()
    }
}

fn fields(err: &CoreError) -> Vec<String> {
    match err {
        CoreError::Validation(errors) => errors.iter().map(|e| e.field.clone()).collect(),
        other => panic!("expected a validation error, got {other:?}"),
    }
}

fn code(err: &CoreError) -> String {
    match err {
        CoreError::Conflict { code, .. } => code.to_string(),
        other => format!("{other:?}"),
    }
}

// --------------------------------------------------------------- use cases

#[tokio::test]
async fn create_takes_the_company_defaults() {
    let env = Kit::new();
    let owner = env.owner(true).await;
    company(
        &env.ports,
        &owner.account_id,
        json!({"name": "Kiwi Ltd", "default_currency": "NZD", "timezone": "Pacific/Auckland"}),
    )
    .await;
    // 12:00 UTC on the 21st is already the 22nd in Auckland.
    env.clock
        .set(Utc.with_ymd_and_hms(2026, 11, 21, 12, 0, 0).unwrap());
    let expense = expenses::create_expense(&env.ports, &owner.account_id, input("42.5", "Meals"))
        .await
        .unwrap();
    assert_eq!(expense.date.to_string(), "2026-11-22");
    assert_eq!(expense.currency.code(), "NZD");
    assert_eq!(expense.amount.to_string(), "42.50");
    assert_eq!(expense.tax_amount.to_string(), "0.00");
    assert_eq!(expense.net_amount().to_string(), "42.50");
    assert_eq!(expense.version, 1);

    let got = expenses::get_expense(&env.ports, &owner.account_id, &expense.id)
        .await
        .unwrap();
    assert_eq!(got, expense);
}

#[tokio::test]
async fn every_bad_field_is_reported_at_once() {
    let env = Kit::new();
    let owner = env.owner(true).await;
    let bad = ExpenseInput {
        date: Some("2026-13-01".into()),
        amount: Some(Err("must be a decimal number".into())),
        currency: Some("ZZZ".into()),
        tax_amount: number("-1"),
        category: Some("   ".into()),
        description: Some("x".repeat(2001)),
        vendor_id: Some("not-a-uuid".into()),
        invoice_id: Some(env.ports.ids.new_id().to_string()),
        upload_id: Some(env.ports.ids.new_id().to_string()),
    };
    let err = expenses::create_expense(&env.ports, &owner.account_id, bad)
        .await
        .unwrap_err();
    let mut got = fields(&err);
    got.sort();
    assert_eq!(
        got,
        [
            "amount",
            "category",
            "currency",
            "date",
            "description",
            "invoice_id",
            "tax_amount",
            "upload_id",
            "vendor_id"
        ]
    );
    // Nothing was written.
    let page = expenses::list_expenses(
        env.ports.table.as_ref(),
        &owner.account_id,
        &ExpenseFilter::default(),
        10,
        None,
    )
    .await
    .unwrap();
    assert!(page.expenses.is_empty());
}

#[tokio::test]
async fn amounts_follow_the_currency() {
    let env = Kit::new();
    let owner = env.owner(true).await;
    let ports = &env.ports;
    let acc = &owner.account_id;
    let with = |amount: &str, tax: Option<&str>, currency: &str| ExpenseInput {
        amount: number(amount),
        tax_amount: tax.and_then(number),
        currency: Some(currency.into()),
        category: Some("Office".into()),
        ..Default::default()
    };

    let err = expenses::create_expense(ports, acc, with("0", None, "GBP"))
        .await
        .unwrap_err();
    assert_eq!(fields(&err), ["amount"]);
    let err = expenses::create_expense(ports, acc, with("1.234", None, "GBP"))
        .await
        .unwrap_err();
    assert_eq!(fields(&err), ["amount"]);
    let err = expenses::create_expense(ports, acc, with("10", Some("10.01"), "GBP"))
        .await
        .unwrap_err();
    assert_eq!(fields(&err), ["tax_amount"]);
    let err = expenses::create_expense(ports, acc, with("1500.5", None, "JPY"))
        .await
        .unwrap_err();
    assert_eq!(fields(&err), ["amount"]);
    let err = expenses::create_expense(ports, acc, with("1000000000000001", None, "GBP"))
        .await
        .unwrap_err();
    assert_eq!(fields(&err), ["amount"]);

    let jpy = expenses::create_expense(ports, acc, with("1500.00", Some("136"), "jpy"))
        .await
        .unwrap();
    assert_eq!(jpy.amount.to_string(), "1500");
    assert_eq!(jpy.net_amount().to_string(), "1364");
    let bhd = expenses::create_expense(ports, acc, with("1.25", Some("1.25"), "BHD"))
        .await
        .unwrap();
    assert_eq!(bhd.amount.to_string(), "1.250");
    assert_eq!(bhd.net_amount().to_string(), "0.000");
}

#[tokio::test]
async fn links_must_be_the_accounts_and_usable() {
    let env = Kit::new();
    let owner = env.owner(true).await;
    let other = env.owner(true).await;
    let ports = &env.ports;
    let acc = &owner.account_id;

    let customer = vendor(&env.ports, acc, &["customer"]).await;
    let theirs_vendor = vendor(&env.ports, &other.account_id, &["vendor"]).await;
    let theirs_invoice = invoice(&env.ports, &other.account_id).await;
    let theirs_upload = upload(
        &env.ports,
        &other.account_id,
        UploadPurpose::Expense,
        UploadStatus::Ready,
    )
    .await;
    let avatar = upload(&env.ports, acc, UploadPurpose::Avatar, UploadStatus::Ready).await;
    let rejected = upload(
        &env.ports,
        acc,
        UploadPurpose::Expense,
        UploadStatus::Rejected,
    )
    .await;
    let pending = upload(
        &env.ports,
        acc,
        UploadPurpose::Expense,
        UploadStatus::Pending,
    )
    .await;

    let linked = |vendor: &str, invoice: Option<&str>, upload: &str| ExpenseInput {
        vendor_id: Some(vendor.into()),
        invoice_id: invoice.map(Into::into),
        upload_id: Some(upload.into()),
        ..input("10", "Supplies")
    };
    let err = expenses::create_expense(
        ports,
        acc,
        linked(&customer, Some(&theirs_invoice), &avatar.id),
    )
    .await
    .unwrap_err();
    assert_eq!(fields(&err), ["vendor_id", "invoice_id", "upload_id"]);
    match &err {
        CoreError::Validation(errors) => {
            assert_eq!(
                errors[0].message,
                "the contact does not have the vendor role"
            );
        }
        _ => unreachable!(),
    }
    let err = expenses::create_expense(ports, acc, linked(&theirs_vendor, None, &theirs_upload.id))
        .await
        .unwrap_err();
    assert_eq!(fields(&err), ["vendor_id", "upload_id"]);
    let err = expenses::create_expense(ports, acc, linked(&theirs_vendor, None, &rejected.id))
        .await
        .unwrap_err();
    assert_eq!(fields(&err), ["vendor_id", "upload_id"]);
    // A pending upload whose bytes never landed is not usable: a 409 once
    // nothing else is wrong...
    let err = expenses::create_expense(ports, acc, linked(&theirs_vendor, None, &pending.id))
        .await
        .unwrap_err();
    assert_eq!(fields(&err), ["vendor_id"]);
    let mine = vendor(&env.ports, acc, &["customer", "vendor"]).await;
    let err = expenses::create_expense(ports, acc, linked(&mine, None, &pending.id))
        .await
        .unwrap_err();
    assert!(format!("{err:?}").contains("upload_not_ready"), "{err:?}");

    // ...until they do and pass the checks.
    ports
        .blobs
        .put(&pending.key, kit::fixtures::PDF.to_vec(), "application/pdf")
        .await
        .unwrap();
    assert_eq!(
        uome_core::uploads::process_object(ports, &pending.key)
            .await
            .unwrap(),
        uome_core::uploads::Processed::Ready
    );
    let my_invoice = invoice(&env.ports, acc).await;
    let expense = expenses::create_expense(
        ports,
        acc,
        linked(&mine.to_uppercase(), Some(&my_invoice), &pending.id),
    )
    .await
    .unwrap();
    assert_eq!(expense.vendor_id.as_deref(), Some(mine.as_str()));
    assert_eq!(expense.invoice_id.as_deref(), Some(my_invoice.as_str()));
    assert_eq!(expense.upload_id.as_deref(), Some(pending.id.as_str()));
}

#[tokio::test]
async fn a_vendor_with_expenses_cannot_be_deleted() {
    let env = Kit::new();
    let owner = env.owner(true).await;
    let ports = &env.ports;
    let acc = &owner.account_id;
    let first = vendor(&env.ports, acc, &["vendor"]).await;
    let second = vendor(&env.ports, acc, &["vendor"]).await;

    let expense = expenses::create_expense(
        ports,
        acc,
        ExpenseInput {
            vendor_id: Some(first.clone()),
            ..input("99.99", "Software")
        },
    )
    .await
    .unwrap();
    let err = contacts::delete_contact(ports, acc, &ContactId::from(&first), Expected(None))
        .await
        .unwrap_err();
    assert_eq!(code(&err), "contact_in_use");

    // Moving the expense to another vendor releases the first.
    let moved = expenses::update_expense(
        ports,
        acc,
        &expense.id,
        Some(1),
        ExpenseInput {
            vendor_id: Some(second.clone()),
            ..input("99.99", "Software")
        },
    )
    .await
    .unwrap();
    assert_eq!(moved.version, 2);
    assert_eq!(moved.created_at, expense.created_at);
    contacts::delete_contact(ports, acc, &ContactId::from(&first), Expected(None))
        .await
        .unwrap();
    let err = contacts::delete_contact(ports, acc, &ContactId::from(&second), Expected(None))
        .await
        .unwrap_err();
    assert_eq!(code(&err), "contact_in_use");

    // Deleting the expense releases the second.
    expenses::delete_expense(ports, acc, &expense.id, Some(2))
        .await
        .unwrap();
    contacts::delete_contact(ports, acc, &ContactId::from(&second), Expected(None))
        .await
        .unwrap();
    let err = expenses::get_expense(ports, acc, &expense.id)
        .await
        .unwrap_err();
    assert!(matches!(err, CoreError::NotFound));
}

#[tokio::test]
async fn stale_versions_conflict() {
    let env = Kit::new();
    let owner = env.owner(true).await;
    let ports = &env.ports;
    let acc = &owner.account_id;
    let expense = expenses::create_expense(ports, acc, input("5", "Postage"))
        .await
        .unwrap();
    expenses::update_expense(ports, acc, &expense.id, None, input("6", "Postage"))
        .await
        .unwrap();
    let err = expenses::update_expense(ports, acc, &expense.id, Some(1), input("7", "Postage"))
        .await
        .unwrap_err();
    assert_eq!(code(&err), "version_conflict");
    let err = expenses::delete_expense(ports, acc, &expense.id, Some(1))
        .await
        .unwrap_err();
    assert_eq!(code(&err), "version_conflict");
    let current = expenses::get_expense(ports, acc, &expense.id)
        .await
        .unwrap();
    assert_eq!(current.amount.to_string(), "6.00");
    assert_eq!(current.version, 2);
}

#[tokio::test]
async fn another_accounts_expense_is_not_found() {
    let env = Kit::new();
    let owner = env.owner(true).await;
    let other = env.owner(true).await;
    let ports = &env.ports;
    let expense = expenses::create_expense(ports, &owner.account_id, input("5", "Postage"))
        .await
        .unwrap();
    let them = &other.account_id;
    assert!(matches!(
        expenses::get_expense(ports, them, &expense.id).await,
        Err(CoreError::NotFound)
    ));
    assert!(matches!(
        expenses::update_expense(ports, them, &expense.id, None, input("1", "x")).await,
        Err(CoreError::NotFound)
    ));
    assert!(matches!(
        expenses::delete_expense(ports, them, &expense.id, None).await,
        Err(CoreError::NotFound)
    ));
    assert!(matches!(
        expenses::get_expense(ports, &owner.account_id, &DocumentId::from("not-a-uuid")).await,
        Err(CoreError::NotFound)
    ));
}
