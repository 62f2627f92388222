//! The till (API.md §8) on the embedded adapters: a sale is a paid invoice
//! with its postings in one transaction, cash is rounded with the
//! difference on 4900 and the books balanced, receipts are consecutive
//! under load, refunds go through credit notes, and the day's summary
//! follows the account's time zone across midnight.

use std::sync::Arc;

use chrono::{NaiveDate, TimeZone, Utc};
use uome_core::CoreError;
use uome_core::ledger::all_transactions;
use uome_core::ports::Ports;
use uome_core::pos::{
    SaleInput, SaleRefundInput, day_summary, get_sale, list_sales, record_sale, refund_sale,
};
use uome_domain::credit::CreditLine;
use uome_domain::ledger::{Account, TrialBalance, trial_balance};
use uome_domain::{AccountId, Currency, Decimal, InvoiceStatus, LineInput};

mod kit;
use kit::Kit;
use kit::invoices::{customer, d};
use kit::shops::swiss_shop;

fn line(description: &str, quantity: &str, price: &str, tax: &str) -> LineInput {
    LineInput::item(description, d(quantity), d(price), Decimal::ZERO, d(tax))
}

fn sale(lines: Vec<LineInput>, method: &str, tendered: Option<&str>) -> SaleInput {
    SaleInput {
        lines,
        payment_method: method.into(),
        amount_tendered: tendered.map(d),
        ..SaleInput::default()
    }
}

async fn books(ports: &Ports, account_id: &AccountId, currency: Currency) -> TrialBalance {
    let records = all_transactions(ports, account_id).await.unwrap();
    let tb = trial_balance(currency, records.iter().map(|r| &r.transaction)).unwrap();
    assert!(tb.is_balanced(), "{tb:?}");
    tb
}

fn fields(err: &CoreError) -> Vec<String> {
    match err {
        CoreError::Validation(errors) => errors.iter().map(|e| e.field.clone()).collect(),
        CoreError::Unprocessable { errors, .. } => errors.iter().map(|e| e.field.clone()).collect(),
        CoreError::Domain(uome_domain::DomainError::Validation(errors)) => {
            errors.iter().map(|e| e.field.clone()).collect()
        }
        other => panic!("not a 422: {other:?}"),
    }
}

#[tokio::test]
async fn a_cash_sale_of_9_98_tendered_10_00_rounds_to_10_00_and_balances() {
    let env = Kit::new();
    let owner = env.owner(true).await;
    let (ports, acc) = (&env.ports, &owner.account_id);
    swiss_shop(ports, acc).await;
    let recorded = record_sale(
        ports,
        &env.service,
        acc,
        sale(
            vec![line("Espresso beans", "1", "9.98", "0")],
            "cash",
            Some("10.00"),
        ),
    )
    .await
    .unwrap();
    let (first, invoice) = (&recorded.sale, &recorded.invoice);
    assert_eq!(first.receipt_number, "RCT-0001");
    assert_eq!(invoice.number, "RCT-0001");
    assert_eq!(invoice.status, InvoiceStatus::Paid);
    assert_eq!(invoice.body.total(), d("9.98"));
    assert_eq!(invoice.amount_paid, d("9.98"));
    assert_eq!(
        (first.amount_paid, first.rounding, first.change_due),
        (d("10.00"), d("0.02"), d("0.00"))
    );
    let tb = books(ports, acc, Currency::CHF).await;
    assert_eq!(tb.balance_of(Account::BANK), d("10.00"));
    assert_eq!(tb.balance_of(Account::ACCOUNTS_RECEIVABLE), d("0"));
    assert_eq!(tb.balance_of(Account::SALES), d("-9.98"));
    assert_eq!(tb.balance_of(Account::ROUNDING), d("-0.02"));

    // Change from a 20: rounding down this time.
    let second = record_sale(
        ports,
        &env.service,
        acc,
        sale(
            vec![line("Croissant", "3", "3.29", "0")],
            "cash",
            Some("20"),
        ),
    )
    .await
    .unwrap()
    .sale;
    // 9.87 → 9.85 in coins.
    assert_eq!(
        (second.amount_paid, second.rounding, second.change_due),
        (d("9.85"), d("-0.02"), d("10.15"))
    );
    // Card takes the exact amount.
    let card = record_sale(
        ports,
        &env.service,
        acc,
        sale(vec![line("Croissant", "1", "3.29", "0")], "card", None),
    )
    .await
    .unwrap()
    .sale;
    assert_eq!((card.amount_paid, card.rounding), (d("3.29"), d("0")));
    let tb = books(ports, acc, Currency::CHF).await;
    assert_eq!(tb.balance_of(Account::ROUNDING), d("0.00"));
    assert_eq!(tb.balance_of(Account::BANK), d("23.14"));
}

#[tokio::test]
async fn bad_sales_name_every_field_and_write_nothing() {
    let env = Kit::new();
    let owner = env.owner(true).await;
    let (ports, acc) = (&env.ports, &owner.account_id);
    swiss_shop(ports, acc).await;
    let mut bad = sale(vec![line("Tea", "0", "2.50", "0")], "bitcoin", None);
    bad.currency = Some("XXY".into());
    bad.email_receipt_to = Some("not an address".into());
    let err = record_sale(ports, &env.service, acc, bad)
        .await
        .unwrap_err();
    let mut named = fields(&err);
    named.sort();
    assert_eq!(
        named,
        [
            "currency",
            "email_receipt_to",
            "lines[0].quantity",
            "payment_method"
        ]
    );
    let short = record_sale(
        ports,
        &env.service,
        acc,
        sale(vec![line("Tea", "1", "9.98", "0")], "cash", Some("9.95")),
    )
    .await
    .unwrap_err();
    assert_eq!(fields(&short), ["amount_tendered"]);
    let card = record_sale(
        ports,
        &env.service,
        acc,
        sale(vec![line("Tea", "1", "9.98", "0")], "card", Some("10.00")),
    )
    .await
    .unwrap_err();
    assert_eq!(fields(&card), ["amount_tendered"]);
    let empty = record_sale(ports, &env.service, acc, sale(vec![], "cash", None))
        .await
        .unwrap_err();
    assert_eq!(fields(&empty), ["lines"]);
    let too_many = (0..501).map(|_| line("Tea", "1", "1", "0")).collect();
    let err = record_sale(ports, &env.service, acc, sale(too_many, "card", None))
        .await
        .unwrap_err();
    assert!(matches!(err, CoreError::Validation(_)), "{err:?}");
    let unverified = env.owner(false).await;
    let mut emailed = sale(vec![line("Tea", "1", "2", "0")], "card", None);
    emailed.email_receipt_to = Some("guest@example.com".into());
    let err = record_sale(ports, &env.service, &unverified.account_id, emailed)
        .await
        .unwrap_err();
    assert!(format!("{err:?}").contains("email_unverified"), "{err:?}");

    // Nothing was written: the next sale is the first.
    let first = record_sale(
        ports,
        &env.service,
        acc,
        sale(vec![line("Tea", "1", "2.50", "0")], "card", None),
    )
    .await
    .unwrap();
    assert_eq!(first.sale.receipt_number, "RCT-0001");
    assert!(all_transactions(ports, acc).await.unwrap().len() == 2);
}

#[tokio::test]
async fn twenty_sales_at_once_get_twenty_consecutive_receipts() {
    let env = Kit::new();
    let owner = env.owner(true).await;
    let acc = owner.account_id.clone();
    let ports = Arc::new(env.ports.clone());
    let tasks: Vec<_> = (0..20)
        .map(|_| {
            let (ports, acc, service) = (ports.clone(), acc.clone(), env.service.clone());
            tokio::spawn(async move {
                let input = sale(vec![line("Tea", "1", "2.50", "10")], "card", None);
                record_sale(&ports, &service, &acc, input).await
            })
        })
        .collect();
    let mut numbers = Vec::new();
    for task in tasks {
        numbers.push(task.await.unwrap().unwrap().sale.receipt_number);
    }
    numbers.sort();
    let expected: Vec<String> = (1..=20).map(|n| format!("RCT-{n:04}")).collect();
    assert_eq!(numbers, expected);
    let tb = books(&ports, &acc, Currency::GBP).await;
    assert_eq!(tb.balance_of(Account::BANK), d("55.00"));
}

#[tokio::test]
async fn a_refund_of_one_line_is_a_credit_note_paid_back() {
    let env = Kit::new();
    let owner = env.owner(true).await;
    let (ports, acc) = (&env.ports, &owner.account_id);
    swiss_shop(ports, acc).await;
    let c = customer(ports, acc).await;
    let mut input = sale(
        vec![
            line("Mug", "2", "12.00", "8.1"),
            line("Beans", "1", "9.98", "2.6"),
        ],
        "cash",
        Some("50"),
    );
    input.contact_id = Some(c.clone());
    let sold = record_sale(ports, &env.service, acc, input).await.unwrap();
    // 24.00 + 1.94 tax, 9.98 + 0.26 tax = 36.18 → 36.20 in cash.
    assert_eq!(sold.invoice.body.total(), d("36.18"));
    assert_eq!(sold.sale.amount_paid, d("36.20"));
    let id = sold.sale.id.clone();

    let too_much = refund_sale(
        ports,
        acc,
        &id,
        SaleRefundInput {
            lines: Some(vec![CreditLine {
                line_position: 1,
                quantity: d("3"),
            }]),
            reason: Some("Broken".into()),
        },
    )
    .await
    .unwrap_err();
    assert_eq!(fields(&too_much), ["lines[0].quantity"]);

    let refunded = refund_sale(
        ports,
        acc,
        &id,
        SaleRefundInput {
            lines: Some(vec![CreditLine {
                line_position: 2,
                quantity: d("1"),
            }]),
            reason: Some("Wrong roast".into()),
        },
    )
    .await
    .unwrap();
    let note = &refunded.credit_note.document;
    assert_eq!(note.number, "CN-0001");
    assert_eq!(note.body.total(), d("10.24"));
    assert_eq!(note.refunded, d("10.24"));
    assert_eq!(note.open_credit(), d("0"));
    // 10.24 back in coins: 10.25.
    assert_eq!(refunded.refund.paid_back, d("10.25"));
    assert_eq!(refunded.sale.refunded, d("10.24"));
    let tb = books(ports, acc, Currency::CHF).await;
    assert_eq!(tb.balance_of(Account::BANK), d("25.95"));
    assert_eq!(tb.balance_of(Account::ACCOUNTS_RECEIVABLE), d("0"));
    assert_eq!(tb.balance_of(Account::ROUNDING), d("-0.01"));

    // The rest, then nothing is left.
    let rest = refund_sale(
        ports,
        acc,
        &id,
        SaleRefundInput {
            lines: None,
            reason: Some("Changed their mind".into()),
        },
    )
    .await
    .unwrap();
    assert_eq!(rest.credit_note.document.body.total(), d("25.94"));
    assert_eq!(rest.sale.refunded, d("36.18"));
    let again = refund_sale(
        ports,
        acc,
        &id,
        SaleRefundInput {
            lines: None,
            reason: Some("Again".into()),
        },
    )
    .await
    .unwrap_err();
    assert!(
        format!("{again:?}").contains("invoice_credited"),
        "{again:?}"
    );
    let tb = books(ports, acc, Currency::CHF).await;
    assert_eq!(tb.balance_of(Account::ACCOUNTS_RECEIVABLE), d("0"));
    assert_eq!(
        tb.balance_of(Account::BANK),
        d("36.20") - refunded.refund.paid_back - rest.refund.paid_back
    );
    let missing = refund_sale(ports, acc, &uuid_like(), SaleRefundInput::default()).await;
    assert!(matches!(missing, Err(CoreError::NotFound)));
}

fn uuid_like() -> String {
    "01900000-0000-7000-8000-000000000000".into()
}

#[tokio::test]
async fn the_days_summary_follows_zurich_across_midnight() {
    let env = Kit::new();
    let owner = env.owner(true).await;
    let (ports, acc) = (&env.ports, &owner.account_id);
    swiss_shop(ports, acc).await;
    let sell = |lines: Vec<LineInput>, method: &'static str, tendered: Option<&'static str>| {
        record_sale(ports, &env.service, acc, sale(lines, method, tendered))
    };
    // 5 Dec 23:59:59 in Zurich (CET, UTC+1) is 22:59:59 UTC.
    env.clock
        .set(Utc.with_ymd_and_hms(2026, 12, 5, 22, 59, 59).unwrap());
    let late = sell(vec![line("Beans", "1", "9.98", "2.6")], "cash", Some("20"))
        .await
        .unwrap()
        .sale;
    sell(vec![line("Mug", "1", "12.00", "8.1")], "card", None)
        .await
        .unwrap();
    // One second later it is 6 Dec in Zurich.
    env.clock
        .set(Utc.with_ymd_and_hms(2026, 12, 5, 23, 0, 0).unwrap());
    let early = sell(vec![line("Tea", "2", "3.50", "2.6")], "cash", None)
        .await
        .unwrap()
        .sale;
    assert_eq!(
        late.local_date,
        NaiveDate::from_ymd_opt(2026, 12, 5).unwrap()
    );
    assert_eq!(
        early.local_date,
        NaiveDate::from_ymd_opt(2026, 12, 6).unwrap()
    );
    // The late sale is refunded on the 6th: money back that day.
    refund_sale(
        ports,
        acc,
        &late.id,
        SaleRefundInput {
            lines: None,
            reason: Some("Returned".into()),
        },
    )
    .await
    .unwrap();

    let fifth = day_summary(ports, acc, NaiveDate::from_ymd_opt(2026, 12, 5))
        .await
        .unwrap();
    assert_eq!(fifth.time_zone, "Europe/Zurich");
    let chf = &fifth.currencies[0];
    assert_eq!((chf.sales, chf.refunds), (2, 0));
    // 9.98 + 0.26 = 10.24 (cash, 10.25 taken) and 12.00 + 0.97 = 12.97.
    assert_eq!(chf.gross, d("23.21"));
    assert_eq!(chf.tax, d("1.23"));
    assert_eq!(chf.rounding, d("0.01"));
    assert_eq!(chf.net_takings, d("23.22"));
    let rates: Vec<(String, String, String)> = chf
        .tax_by_rate
        .iter()
        .map(|r| (r.rate.to_string(), r.base.to_string(), r.tax.to_string()))
        .collect();
    assert_eq!(
        rates,
        [
            ("2.6".into(), "9.98".into(), "0.26".into()),
            ("8.1".into(), "12.00".into(), "0.97".into())
        ]
    );
    let methods: Vec<(&str, String)> = chf
        .by_method
        .iter()
        .map(|m| (m.method.as_str(), m.taken.to_string()))
        .collect();
    assert_eq!(
        methods,
        [("card", "12.97".into()), ("cash", "10.25".into())]
    );

    let sixth = day_summary(ports, acc, NaiveDate::from_ymd_opt(2026, 12, 6))
        .await
        .unwrap();
    let chf = &sixth.currencies[0];
    // 7.00 + 0.18 = 7.18 → 7.20 in cash; 10.25 handed back.
    assert_eq!((chf.sales, chf.refunds), (1, 1));
    assert_eq!(chf.gross, d("7.18"));
    assert_eq!(chf.refunded, d("10.24"));
    assert_eq!(chf.paid_back, d("10.25"));
    assert_eq!(chf.net_takings, d("-3.05"));

    // The lists by day, and today (the 6th) by default.
    let page = list_sales(ports, acc, NaiveDate::from_ymd_opt(2026, 12, 5), 50, None)
        .await
        .unwrap();
    assert_eq!(page.sales.len(), 2);
    let today = list_sales(ports, acc, None, 50, None).await.unwrap();
    assert_eq!(today.date, NaiveDate::from_ymd_opt(2026, 12, 6).unwrap());
    assert_eq!(today.sales[0].id, early.id);
    let got = get_sale(ports, acc, &late.id).await.unwrap();
    assert_eq!(got.sale.paid_back, d("10.25"));
    assert_eq!(got.invoice.status, InvoiceStatus::Credited);
}
