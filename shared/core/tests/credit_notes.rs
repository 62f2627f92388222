//! Credit notes and payment corrections (API.md §7b) on the embedded
//! adapters: crediting whole and part, the split between the amount due
//! and the contact's credit, refunds and applications, payment reversals,
//! races that must never over-credit or over-refund, and the ledger after
//! every step.

use uome_core::CoreError;
use uome_core::credit_notes::{
    ApplyInput, CreditNoteInput, RefundInput, apply_credit, credit_balance, credit_invoice,
    refund_credit,
};
use uome_core::documents::DraftInput;
use uome_core::invoices::reverse::reverse_payment;
use uome_core::invoices::{
    self, Invoice, InvoiceInput, PaymentInput, create_invoice, load_invoice,
};
use uome_core::ports::Ports;
use uome_domain::credit::CreditLine;
use uome_domain::{Account, AccountId, ContactId, Decimal, InvoiceStatus, LineInput};

mod kit;
use kit::Kit;
use kit::invoices::{books, customer, d};

fn line(description: &str, qty: &str, price: &str, tax: &str) -> LineInput {
    LineInput::item(description, d(qty), d(price), Decimal::ZERO, d(tax))
}

/// An issued invoice of `lines` in `currency` to `contact`.
async fn issued(
    ports: &Ports,
    acc: &AccountId,
    contact: &str,
    currency: &str,
    lines: Vec<LineInput>,
) -> Invoice {
    let input = InvoiceInput {
        draft: DraftInput {
            contact_id: ContactId::from(contact.to_string()),
            currency: Some(currency.into()),
            lines,
            ..DraftInput::default()
        },
        ..InvoiceInput::default()
    };
    create_invoice(ports, acc, input, Some("issued"))
        .await
        .unwrap()
        .document
}

/// 119.00: two lines of 50.00 + 19 % VAT, and 9.50 + 0.
fn two_lines() -> Vec<LineInput> {
    vec![
        line("Widget", "2", "25.00", "19"),
        line("Delivery", "1", "19.00", "0"),
    ]
}

async fn pay(ports: &Ports, acc: &AccountId, invoice: &Invoice, amount: &str) -> String {
    invoices::record_payment(
        ports,
        acc,
        &invoice.id,
        PaymentInput {
            amount: Some(d(amount)),
            method: "bank_transfer".into(),
            ..PaymentInput::default()
        },
    )
    .await
    .unwrap()
    .payment
    .id
}

fn reason(text: &str) -> CreditNoteInput {
    CreditNoteInput {
        reason: Some(text.into()),
        ..CreditNoteInput::default()
    }
}

/// A paid invoice of 30.00 to `contact`, credited whole: 30.00 of open
/// credit.
async fn paid_and_credited(
    ports: &Ports,
    acc: &AccountId,
    contact: &str,
) -> uome_core::credit_notes::CreditNote {
    let lines = vec![line("Widget", "1", "30.00", "0")];
    let invoice = issued(ports, acc, contact, "GBP", lines).await;
    pay(ports, acc, &invoice, "30.00").await;
    credit_invoice(ports, acc, &invoice.id, reason("Credit"))
        .await
        .unwrap()
        .document
}

/// Runs `call` once per input, all at once; how many succeeded.
async fn race<I, F, Fut, T, E>(ports: &Ports, acc: &AccountId, inputs: Vec<I>, call: F) -> usize
where
    F: Fn(Ports, AccountId, I) -> Fut,
    Fut: std::future::Future<Output = Result<T, E>> + Send + 'static,
    T: Send + 'static,
    E: Send + 'static,
{
    let tasks: Vec<_> = inputs
        .into_iter()
        .map(|input| tokio::spawn(call(ports.clone(), acc.clone(), input)))
        .collect();
    let mut made = 0;
    for task in tasks {
        if task.await.unwrap().is_ok() {
            made += 1;
        }
    }
    made
}

/// The fields a 422 names, however the use case built it.
fn fields(err: &CoreError) -> Vec<String> {
    let errors = match err {
        CoreError::Validation(errors) => errors.clone(),
        CoreError::Domain(uome_domain::DomainError::Validation(errors)) => errors.clone(),
        other => panic!("not a 422: {other:?}"),
    };
    errors.into_iter().map(|e| e.field).collect()
}

async fn reread(ports: &Ports, acc: &AccountId, invoice: &Invoice) -> Invoice {
    load_invoice(ports.table.as_ref(), acc, &invoice.id)
        .await
        .unwrap()
}

#[tokio::test]
async fn a_whole_credit_note_mirrors_the_unpaid_invoice_and_leaves_nothing_owed() {
    let env = Kit::new();
    let owner = env.owner(true).await;
    let (ports, acc) = (&env.ports, &owner.account_id);
    let c = customer(ports, acc).await;
    let invoice = issued(ports, acc, &c, "GBP", two_lines()).await;
    assert_eq!(invoice.body.total(), d("78.50"));

    let note = credit_invoice(ports, acc, &invoice.id, reason("Cancelled order"))
        .await
        .unwrap()
        .document;
    assert_eq!(note.number, "CN-0001");
    assert_eq!(
        note.body.totals, invoice.body.totals,
        "cent for cent, taxes per rate"
    );
    assert_eq!((note.credited_to_due, note.excess), (d("78.50"), d("0")));
    let after = reread(ports, acc, &invoice).await;
    assert_eq!(after.status, InvoiceStatus::Credited);
    assert_eq!(after.amount_due().unwrap(), d("0.00"));
    assert_eq!(after.credit.credit_note_ids, [note.id.to_string()]);
    let tb = books(ports, acc).await;
    for account in [
        Account::ACCOUNTS_RECEIVABLE,
        Account::SALES,
        Account::TAX_PAYABLE,
    ] {
        assert!(tb.balance_of(account).is_zero(), "{account:?}: {tb:?}");
    }
    // Nothing is left to credit, and a credited invoice takes no payment.
    let again = credit_invoice(ports, acc, &invoice.id, reason("Twice"))
        .await
        .unwrap_err();
    assert!(
        format!("{again:?}").contains("invoice_credited"),
        "{again:?}"
    );
}

#[tokio::test]
async fn crediting_a_paid_invoice_makes_credit_that_is_refunded_or_applied() {
    let env = Kit::new();
    let owner = env.owner(true).await;
    let (ports, acc) = (&env.ports, &owner.account_id);
    let c = customer(ports, acc).await;
    let vat = vec![
        line("Consulting", "1", "100.00", "19"),
        line("Travel", "1", "40.00", "0"),
    ];
    let invoice = issued(ports, acc, &c, "GBP", vat).await;
    assert_eq!(invoice.body.total(), d("159.00"));
    pay(ports, acc, &invoice, "159.00").await;

    // Credit the travel line: the invoice was paid, so all of it is credit.
    let input = CreditNoteInput {
        lines: Some(vec![CreditLine {
            line_position: 2,
            quantity: d("1"),
        }]),
        ..reason("Travel not taken")
    };
    let note = credit_invoice(ports, acc, &invoice.id, input)
        .await
        .unwrap()
        .document;
    assert_eq!((note.credited_to_due, note.excess), (d("0"), d("40.00")));
    assert_eq!(
        reread(ports, acc, &invoice).await.status,
        InvoiceStatus::Paid
    );
    let balance = credit_balance(ports, acc, &ContactId::from(c.clone()))
        .await
        .unwrap();
    assert_eq!(balance[&uome_domain::Currency::GBP], d("40.00"));
    let tb = books(ports, acc).await;
    assert_eq!(tb.balance_of(Account::ACCOUNTS_RECEIVABLE), d("-40.00"));

    // 15 of it settles another invoice; the rest is paid back.
    let other = issued(
        ports,
        acc,
        &c,
        "GBP",
        vec![line("Extra", "1", "15.00", "0")],
    )
    .await;
    let applied = apply_credit(
        ports,
        acc,
        &note.id,
        ApplyInput {
            invoice_id: other.id.to_string(),
            amount: None,
        },
    )
    .await
    .unwrap();
    assert_eq!(applied.payment.amount, d("15.00"));
    assert_eq!(applied.invoice.status, InvoiceStatus::Paid);
    let too_much = refund_credit(
        ports,
        acc,
        &note.id,
        RefundInput {
            amount: Some(d("25.01")),
            method: "bank_transfer".into(),
            ..RefundInput::default()
        },
    )
    .await
    .unwrap_err();
    assert_eq!(fields(&too_much), ["amount"]);
    let refunded = refund_credit(
        ports,
        acc,
        &note.id,
        RefundInput {
            method: "bank_transfer".into(),
            ..RefundInput::default()
        },
    )
    .await
    .unwrap()
    .document;
    assert_eq!(refunded.open_credit(), d("0.00"));
    assert!(
        credit_balance(ports, acc, &ContactId::from(c))
            .await
            .unwrap()
            .is_empty()
    );
    let tb = books(ports, acc).await;
    assert!(
        tb.balance_of(Account::ACCOUNTS_RECEIVABLE).is_zero(),
        "{tb:?}"
    );
    assert_eq!(tb.balance_of(Account::BANK), d("134.00"));
}

#[tokio::test]
async fn ten_credit_notes_at_once_never_credit_a_line_past_its_quantity() {
    let env = Kit::new();
    let owner = env.owner(true).await;
    let (ports, acc) = (&env.ports, &owner.account_id);
    let c = customer(ports, acc).await;
    let invoice = issued(
        ports,
        acc,
        &c,
        "GBP",
        vec![line("Widget", "3", "10.00", "20")],
    )
    .await;
    let input = CreditNoteInput {
        lines: Some(vec![CreditLine {
            line_position: 1,
            quantity: d("1"),
        }]),
        ..reason("Returned")
    };
    let id = invoice.id.clone();
    let made = race(ports, acc, vec![input; 10], move |ports, acc, input| {
        let id = id.clone();
        async move { credit_invoice(&ports, &acc, &id, input).await }
    })
    .await;
    assert_eq!(made, 3);
    let after = reread(ports, acc, &invoice).await;
    assert_eq!(after.status, InvoiceStatus::Credited);
    assert_eq!(after.credit.credited_amount, d("36.00"));
    assert!(
        books(ports, acc)
            .await
            .balance_of(Account::ACCOUNTS_RECEIVABLE)
            .is_zero()
    );
}

#[tokio::test]
async fn refunds_at_once_never_pay_back_more_than_the_credit() {
    let env = Kit::new();
    let owner = env.owner(true).await;
    let (ports, acc) = (&env.ports, &owner.account_id);
    let c = customer(ports, acc).await;
    let note = paid_and_credited(ports, acc, &c).await;
    let input = RefundInput {
        amount: Some(d("10.00")),
        method: "cash".into(),
        ..RefundInput::default()
    };
    let id = note.id.clone();
    let made = race(ports, acc, vec![input; 8], move |ports, acc, input| {
        let id = id.clone();
        async move { refund_credit(&ports, &acc, &id, input).await }
    })
    .await;
    assert_eq!(made, 3);
    let tb = books(ports, acc).await;
    assert_eq!(tb.balance_of(Account::BANK), d("0.00"));
}

#[tokio::test]
async fn a_reversed_payment_restores_the_amount_due_and_cannot_be_reversed_twice() {
    let env = Kit::new();
    let owner = env.owner(true).await;
    let (ports, acc) = (&env.ports, &owner.account_id);
    let c = customer(ports, acc).await;
    let invoice = issued(
        ports,
        acc,
        &c,
        "GBP",
        vec![line("Widget", "1", "100.00", "0")],
    )
    .await;
    pay(ports, acc, &invoice, "30.00").await;
    let wrong = pay(ports, acc, &invoice, "70.00").await;
    assert_eq!(
        reread(ports, acc, &invoice).await.status,
        InvoiceStatus::Paid
    );

    let (counted, counting) = env.counting();
    let reversed = reverse_payment(&counted, acc, &invoice.id, &wrong, Some("Bounced".into()))
        .await
        .unwrap();
    let calls = counting.take();
    assert_eq!(reversed.invoice.status, InvoiceStatus::PartiallyPaid);
    assert_eq!(reversed.invoice.amount_due().unwrap(), d("70.00"));
    assert!(reversed.payment.reversed_at.is_some());
    assert_eq!(calls.get("transact"), Some(&1), "{calls:?}");
    let again = reverse_payment(ports, acc, &invoice.id, &wrong, Some("Again".into()))
        .await
        .unwrap_err();
    assert!(
        format!("{again:?}").contains("payment_reversed"),
        "{again:?}"
    );
    let tb = books(ports, acc).await;
    assert_eq!(tb.balance_of(Account::ACCOUNTS_RECEIVABLE), d("70.00"));
    assert_eq!(tb.balance_of(Account::BANK), d("30.00"));
}

#[tokio::test]
async fn yen_and_dinar_invoices_credited_whole_mirror_to_the_minor_unit() {
    let env = Kit::new();
    let owner = env.owner(true).await;
    let (ports, acc) = (&env.ports, &owner.account_id);
    let c = customer(ports, acc).await;
    for (currency, price) in [("JPY", "1333"), ("BHD", "10.333")] {
        let lines = vec![
            line("Item", "3", price, "7.7"),
            line("Other", "1", price, "0"),
        ];
        let invoice = issued(ports, acc, &c, currency, lines).await;
        let note = credit_invoice(ports, acc, &invoice.id, reason("All of it"))
            .await
            .unwrap()
            .document;
        assert_eq!(note.body.totals, invoice.body.totals, "{currency}");
        assert_eq!(note.body.total().scale(), invoice.body.total().scale());
    }
}

#[tokio::test]
async fn bad_credits_are_refused_with_every_field() {
    let env = Kit::new();
    let owner = env.owner(true).await;
    let (ports, acc) = (&env.ports, &owner.account_id);
    let c = customer(ports, acc).await;
    let invoice = issued(ports, acc, &c, "GBP", two_lines()).await;
    let input = CreditNoteInput {
        reason: None,
        lines: Some(vec![
            CreditLine {
                line_position: 7,
                quantity: d("1"),
            },
            CreditLine {
                line_position: 1,
                quantity: d("3"),
            },
        ]),
        issue_date: chrono::NaiveDate::from_ymd_opt(2020, 1, 1),
    };
    let err = credit_invoice(ports, acc, &invoice.id, input)
        .await
        .unwrap_err();
    assert_eq!(
        fields(&err),
        [
            "reason",
            "issue_date",
            "lines[0].line_position",
            "lines[1].quantity"
        ]
    );
    // Another account's invoice is not there.
    let other = env.owner(true).await;
    let err = credit_invoice(ports, &other.account_id, &invoice.id, reason("x"))
        .await
        .unwrap_err();
    assert!(matches!(err, CoreError::NotFound));
    // A credited invoice cannot be cancelled; one with a credit note neither.
    let part = CreditNoteInput {
        lines: Some(vec![CreditLine {
            line_position: 2,
            quantity: d("1"),
        }]),
        ..reason("Delivery")
    };
    credit_invoice(ports, acc, &invoice.id, part).await.unwrap();
    let err = invoices::cancel(ports, acc, &invoice.id, Some("Oops".into()))
        .await
        .unwrap_err();
    assert!(format!("{err:?}").contains("credit_notes_exist"), "{err:?}");
}

#[tokio::test]
async fn applications_at_once_never_use_more_than_the_credit() {
    let env = Kit::new();
    let owner = env.owner(true).await;
    let (ports, acc) = (&env.ports, &owner.account_id);
    let c = customer(ports, acc).await;
    let note = paid_and_credited(ports, acc, &c).await;
    let mut targets = Vec::new();
    for _ in 0..6 {
        targets.push(
            issued(
                ports,
                acc,
                &c,
                "GBP",
                vec![line("Other", "1", "10.00", "0")],
            )
            .await,
        );
    }
    let inputs = targets
        .iter()
        .map(|target| ApplyInput {
            invoice_id: target.id.to_string(),
            amount: None,
        })
        .collect();
    let id = note.id.clone();
    let made = race(ports, acc, inputs, move |ports, acc, input| {
        let id = id.clone();
        async move { apply_credit(&ports, &acc, &id, input).await }
    })
    .await;
    assert_eq!(made, 3, "30.00 of credit settles three invoices of 10.00");
    let tb = books(ports, acc).await;
    assert_eq!(tb.balance_of(Account::ACCOUNTS_RECEIVABLE), d("30.00"));
}
