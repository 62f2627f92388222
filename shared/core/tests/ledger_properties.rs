//! The books always balance: random sequences of create / issue / pay /
//! mark-paid / cancel (and days passing) over several invoices in several
//! currencies, driven through the core use cases against the embedded
//! adapters. After every step, for every currency:
//!
//! * the trial balance balances (Σ debit = Σ credit), and
//! * receivables (the balance of 1100) equal Σ `amount_due` of the open
//!   (issued or partially paid) invoices;
//!
//! and every use case answered exactly what a model of the rules expects
//! (a refused step wrote nothing).

mod kit;

use kit::Kit;
use uome_domain::AccountId;
use uome_domain::DocumentId;

use std::collections::BTreeMap;

use proptest::prelude::*;
use proptest::test_runner::TestCaseError;
use uome_core::CoreError;
use uome_core::contacts::{ContactInput, create_contact};
use uome_core::documents::DraftInput;
use uome_core::invoices::{
    Invoice, InvoiceInput, PaymentInput, cancel, create_invoice, issue_invoice, load_invoice,
    mark_paid, record_payment,
};
use uome_core::ledger::all_transactions;
use uome_core::ports::Ports;
use uome_domain::ledger::trial_balances;
use uome_domain::{Account, Currency, Decimal, InvoiceStatus, LineInput, round_to_currency};

const CURRENCIES: [Currency; 3] = [Currency::GBP, Currency::JPY, Currency::BHD];
const TAX_RATES: [u32; 3] = [0, 5, 20];

/// One invoice to create: a line of `price` minor units at a tax rate, in
/// a currency, created as a draft or already issued.
#[derive(Clone, Debug)]
struct Spec {
    currency: usize,
    price_minor: i64,
    tax: usize,
    issued: bool,
}

#[derive(Clone, Debug)]
enum Step {
    Issue(usize),
    /// Pay `permille` ‰ of the invoice's total (0 and > 1000 included, so
    /// refusals are exercised too).
    Pay(usize, u32),
    MarkPaid(usize),
    Cancel(usize),
    NextDay,
}

fn spec() -> impl Strategy<Value = Spec> {
    (
        0..CURRENCIES.len(),
        0i64..200_000,
        0..TAX_RATES.len(),
        any::<bool>(),
    )
        .prop_map(|(currency, price_minor, tax, issued)| Spec {
            currency,
            // A few zero invoices (paid on issue, no postings).
            price_minor: if price_minor < 10_000 { 0 } else { price_minor },
            tax,
            issued,
        })
}

fn step(invoices: usize) -> impl Strategy<Value = Step> {
    prop_oneof![
        2 => (0..invoices).prop_map(Step::Issue),
        5 => (0..invoices, prop_oneof![0u32..=1100, Just(1000u32), Just(500u32)])
            .prop_map(|(i, p)| Step::Pay(i, p)),
        1 => (0..invoices).prop_map(Step::MarkPaid),
        2 => (0..invoices).prop_map(Step::Cancel),
        1 => Just(Step::NextDay),
    ]
}

fn scenario() -> impl Strategy<Value = (Vec<Spec>, Vec<Step>)> {
    prop::collection::vec(spec(), 2..=4).prop_flat_map(|specs| {
        let n = specs.len();
        (Just(specs), prop::collection::vec(step(n), 1..=25))
    })
}

/// What the rules say a step does to an invoice (the model).
#[derive(Clone, Debug)]
struct Model {
    status: InvoiceStatus,
    total: Decimal,
    paid: Decimal,
    currency: Currency,
}

impl Model {
    fn due(&self) -> Decimal {
        self.total - self.paid
    }
}

/// A refusal the rules allow: a 409 state conflict or a 422.
fn refused(err: &CoreError) -> bool {
    matches!(
        err,
        CoreError::Conflict { .. } | CoreError::Validation(_) | CoreError::Domain(_)
    )
}

async fn check_books(
    ports: &Ports,
    account_id: &AccountId,
    ids: &[DocumentId],
    models: &[Model],
) -> Result<(), TestCaseError> {
    let records = all_transactions(ports, account_id)
        .await
        .map_err(|e| TestCaseError::fail(format!("ledger read: {e:?}")))?;
    let balances = trial_balances(records.iter().map(|r| &r.transaction))
        .map_err(|e| TestCaseError::fail(format!("trial balance: {e}")))?;
    let mut open_due: BTreeMap<&str, Decimal> = BTreeMap::new();
    for (id, model) in ids.iter().zip(models) {
        let invoice: Invoice = load_invoice(ports.table.as_ref(), account_id, id)
            .await
            .map_err(|e| TestCaseError::fail(format!("invoice read: {e:?}")))?;
        prop_assert_eq!(invoice.status, model.status, "status of {}", invoice.number);
        prop_assert_eq!(
            invoice.amount_paid,
            model.paid,
            "paid of {}",
            invoice.number
        );
        prop_assert!(invoice.amount_paid <= invoice.body.total());
        if invoice.status.is_open() {
            let due = invoice
                .amount_due()
                .map_err(|e| TestCaseError::fail(format!("{e:?}")))?;
            *open_due.entry(invoice.body.currency().code()).or_default() += due;
        }
    }
    for tb in &balances {
        prop_assert!(tb.is_balanced(), "unbalanced {:?}", tb);
        prop_assert_eq!(tb.total_debit, tb.total_credit);
        let expected = open_due
            .get(tb.currency.code())
            .copied()
            .unwrap_or_default();
        prop_assert_eq!(
            tb.balance_of(Account::ACCOUNTS_RECEIVABLE),
            expected,
            "receivables in {}",
            tb.currency
        );
    }
    // A currency with open invoices has a ledger (nothing owed off the books).
    for (code, due) in &open_due {
        if !due.is_zero() {
            prop_assert!(
                balances.iter().any(|tb| tb.currency.code() == *code),
                "no ledger in {code} for {due} owed"
            );
        }
    }
    Ok(())
}

async fn run(specs: Vec<Spec>, steps: Vec<Step>) -> Result<(), TestCaseError> {
    let env = Kit::new();
    let owner = env.owner(true).await;
    let ports = env.ports.clone();
    let acc = owner.account_id.clone();
    let contact = create_contact(
        &ports,
        &acc,
        ContactInput {
            company_name: Some("Client Ltd".into()),
            ..ContactInput::default()
        },
        false,
    )
    .await
    .map_err(|e| TestCaseError::fail(format!("contact: {e:?}")))?;

    let mut ids = Vec::new();
    let mut models = Vec::new();
    for spec in &specs {
        let currency = CURRENCIES[spec.currency];
        let price = Decimal::new(spec.price_minor, currency.minor_units());
        let input = InvoiceInput {
            draft: DraftInput {
                contact_id: contact.id.clone(),
                currency: Some(currency.code().to_string()),
                lines: vec![LineInput::item(
                    "Work",
                    Decimal::ONE,
                    price,
                    Decimal::ZERO,
                    Decimal::from(TAX_RATES[spec.tax]),
                )],
                ..DraftInput::default()
            },
            ..InvoiceInput::default()
        };
        let status = spec.issued.then_some("issued");
        let at = create_invoice(&ports, &acc, input, status)
            .await
            .map_err(|e| TestCaseError::fail(format!("create: {e:?}")))?;
        let total = at.document.body.total();
        let status = if !spec.issued {
            InvoiceStatus::Draft
        } else if total.is_zero() {
            InvoiceStatus::Paid
        } else {
            InvoiceStatus::Issued
        };
        ids.push(at.document.id.clone());
        models.push(Model {
            status,
            total,
            paid: Decimal::new(0, currency.minor_units()),
            currency,
        });
    }
    check_books(&ports, &acc, &ids, &models).await?;

    for step in steps {
        match step {
            Step::NextDay => env.clock.advance(chrono::Duration::days(1)),
            Step::Issue(i) => {
                let model = &mut models[i];
                let result = issue_invoice(&ports, &acc, &ids[i]).await;
                let allowed = model.status == InvoiceStatus::Draft;
                match result {
                    Ok(at) => {
                        prop_assert!(allowed, "issued a {:?} invoice", model.status);
                        model.status = if model.total.is_zero() {
                            InvoiceStatus::Paid
                        } else {
                            InvoiceStatus::Issued
                        };
                        prop_assert_eq!(at.document.status, model.status);
                    }
                    Err(e) => prop_assert!(!allowed && refused(&e), "issue: {:?}", e),
                }
            }
            Step::Pay(i, permille) => {
                let model = &mut models[i];
                let amount = round_to_currency(
                    model.total * Decimal::from(permille) / Decimal::from(1000),
                    model.currency,
                )
                .map_err(|e| TestCaseError::fail(format!("{e:?}")))?;
                let allowed =
                    model.status.is_open() && amount > Decimal::ZERO && amount <= model.due();
                let result = record_payment(
                    &ports,
                    &acc,
                    &ids[i],
                    PaymentInput {
                        amount: Some(amount),
                        date: None,
                        method: "bank_transfer".into(),
                        reference: None,
                    },
                )
                .await;
                match result {
                    Ok(recorded) => {
                        prop_assert!(allowed, "paid {} on {:?}", amount, model);
                        model.paid += amount;
                        model.status = if model.paid == model.total {
                            InvoiceStatus::Paid
                        } else {
                            InvoiceStatus::PartiallyPaid
                        };
                        prop_assert_eq!(recorded.payment.amount, amount);
                        prop_assert_eq!(recorded.invoice.status, model.status);
                    }
                    Err(e) => {
                        prop_assert!(
                            !allowed && refused(&e),
                            "pay {}: {:?} on {:?}",
                            amount,
                            e,
                            model
                        )
                    }
                }
            }
            Step::MarkPaid(i) => {
                let model = &mut models[i];
                let allowed = model.status.is_open();
                match mark_paid(&ports, &acc, &ids[i], None, None, None).await {
                    Ok(recorded) => {
                        prop_assert!(allowed, "marked a {:?} invoice paid", model.status);
                        prop_assert_eq!(recorded.payment.amount, model.due());
                        model.paid = model.total;
                        model.status = InvoiceStatus::Paid;
                    }
                    Err(e) => prop_assert!(!allowed && refused(&e), "mark-paid: {:?}", e),
                }
            }
            Step::Cancel(i) => {
                let model = &mut models[i];
                let allowed = model.status != InvoiceStatus::Cancelled && model.paid.is_zero();
                match cancel(&ports, &acc, &ids[i], Some("property test".into())).await {
                    Ok(cancelled) => {
                        prop_assert!(allowed, "cancelled {:?}", model);
                        prop_assert_eq!(cancelled.invoice.status, InvoiceStatus::Cancelled);
                        model.status = InvoiceStatus::Cancelled;
                    }
                    Err(e) => prop_assert!(!allowed && refused(&e), "cancel: {:?}", e),
                }
            }
        }
        check_books(&ports, &acc, &ids, &models).await?;
    }
    Ok(())
}

proptest! {
    // Each case builds a fresh SQLite store: few cases keep CI fast while
    // the sequences (up to 25 steps over 2–4 invoices) stay long.
    #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]

    #[test]
    fn the_books_balance_after_every_step((specs, steps) in scenario()) {
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .map_err(|e| TestCaseError::fail(e.to_string()))?;
        runtime.block_on(run(specs, steps))?;
    }
}
