//! The payment use cases under contention, on the embedded adapters (the
//! core kit; no HTTP). The payment routes are tested in
//! `functions/invoices/tests/payments.rs`.

use std::collections::BTreeMap;
use std::sync::Arc;

use uome_core::invoices::{self, PaymentInput, load_invoice};
use uome_domain::{Account, InvoiceStatus};

mod kit;
use kit::Kit;
use kit::invoices::{books, d, write_invoice};

/// A kit, its owner, and an issued invoice of 100.00 without tax.
async fn issued_invoice_of_100() -> (Kit, kit::accounts::Account, invoices::Invoice) {
    let env = Kit::new();
    let owner = env.owner(true).await;
    let invoice = write_invoice(
        &env.ports,
        &owner.account_id,
        "INV-0001",
        InvoiceStatus::Issued,
        "100.00",
        "0",
    )
    .await;
    (env, owner, invoice)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn twenty_concurrent_payments_never_exceed_the_amount_due() {
    let (env, owner, invoice) = issued_invoice_of_100().await;
    let ports = Arc::new(env.ports.clone());
    let mut tasks = Vec::new();
    for _ in 0..20 {
        let ports = ports.clone();
        let account_id = owner.account_id.clone();
        let invoice_id = invoice.id.clone();
        tasks.push(tokio::spawn(async move {
            invoices::record_payment(
                &ports,
                &account_id,
                &invoice_id,
                PaymentInput {
                    amount: Some(d("10.00")),
                    date: None,
                    method: "bank_transfer".into(),
                    reference: None,
                },
            )
            .await
        }));
    }
    let mut ok = 0;
    let mut refused: BTreeMap<String, usize> = BTreeMap::new();
    for task in tasks {
        match task.await.unwrap() {
            Ok(recorded) => {
                assert!(recorded.invoice.amount_paid <= d("100.00"));
                ok += 1;
            }
            Err(uome_core::CoreError::Conflict { code, .. }) => {
                *refused.entry(code.to_string()).or_default() += 1;
            }
            Err(other) => panic!("unexpected {other:?}"),
        }
    }
    assert_eq!(ok, 10, "{refused:?}");
    assert_eq!(refused.get("invoice_paid"), Some(&10), "{refused:?}");
    let stored = load_invoice(ports.table.as_ref(), &owner.account_id, &invoice.id)
        .await
        .unwrap();
    assert_eq!(stored.amount_paid.to_string(), "100.00");
    assert_eq!(stored.status, InvoiceStatus::Paid);
    assert_eq!(stored.version, 11);
    let payments = invoices::list_payments(&ports, &owner.account_id, &invoice.id)
        .await
        .unwrap();
    assert_eq!(payments.len(), 10);
    let tb = books(&ports, &owner.account_id).await;
    assert_eq!(tb.balance_of(Account::BANK), d("100.00"));
    assert_eq!(tb.balance_of(Account::ACCOUNTS_RECEIVABLE), d("0.00"));
}

#[tokio::test]
async fn an_invoice_takes_at_most_a_hundred_payments() {
    let (env, owner, invoice) = issued_invoice_of_100().await;
    let cent = || PaymentInput {
        amount: Some(d("0.01")),
        date: None,
        method: "bank_transfer".into(),
        reference: None,
    };
    for _ in 0..invoices::MAX_PAYMENTS - 1 {
        invoices::record_payment(&env.ports, &owner.account_id, &invoice.id, cent())
            .await
            .unwrap();
    }
    // The last payment must pay all that is due.
    let refused =
        invoices::record_payment(&env.ports, &owner.account_id, &invoice.id, cent()).await;
    assert!(
        matches!(&refused, Err(uome_core::CoreError::Conflict { code, .. }) if *code == "too_many_payments"),
        "{refused:?}"
    );
    let paid = invoices::mark_paid(&env.ports, &owner.account_id, &invoice.id, None, None, None)
        .await
        .unwrap();
    assert_eq!(paid.invoice.status, InvoiceStatus::Paid);
    assert_eq!(paid.payment.amount, d("99.01"));
    let stored = load_invoice(env.ports.table.as_ref(), &owner.account_id, &invoice.id)
        .await
        .unwrap();
    assert_eq!(stored.payment_count, invoices::MAX_PAYMENTS);
    assert_eq!(
        invoices::list_payments(&env.ports, &owner.account_id, &invoice.id)
            .await
            .unwrap()
            .len(),
        100
    );
}
