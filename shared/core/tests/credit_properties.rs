//! The books stay whole through corrections: random sequences of issue,
//! pay, payment reversal, credit notes (whole and part), refunds,
//! applications of credit and cancel over several invoices of one contact
//! in several currencies, driven through the core use cases against the
//! embedded adapters. After every step, for every currency:
//!
//! * the trial balance balances, and
//! * account 1100 equals Σ `amount_due` of the open invoices minus the
//!   credit the contact holds (Σ open credit of its credit notes);
//!
//! and each step succeeded exactly when the rules allow it (a refused step
//! wrote nothing: the books and the invoices are as before).

mod kit;

use std::collections::BTreeMap;

use kit::Kit;
use proptest::prelude::*;
use proptest::test_runner::TestCaseError;
use uome_core::CoreError;
use uome_core::contacts::{ContactInput, create_contact};
use uome_core::credit_notes::{
    ApplyInput, CreditNote, CreditNoteInput, RefundInput, apply_credit, credit_invoice,
    get_credit_note, refund_credit,
};
use uome_core::documents::DraftInput;
use uome_core::invoices::reverse::reverse_payment;
use uome_core::invoices::{
    Invoice, InvoiceInput, PaymentInput, cancel, create_invoice, list_payments, load_invoice,
    record_payment,
};
use uome_core::ledger::all_transactions;
use uome_core::ports::Ports;
use uome_domain::credit::CreditLine;
use uome_domain::ledger::trial_balances;
use uome_domain::{
    Account, AccountId, Currency, Decimal, DocumentId, InvoiceStatus, LineInput, round_to_currency,
};

const CURRENCIES: [Currency; 2] = [Currency::GBP, Currency::JPY];

#[derive(Clone, Debug)]
enum Step {
    /// Pay `permille` ‰ of what is due.
    Pay(usize, u32),
    /// Reverse the invoice's first standing payment.
    Reverse(usize),
    /// Credit everything left (`true`) or half of the first line.
    Credit(usize, bool),
    /// Refund `permille` ‰ of a credit note's open credit.
    Refund(usize, u32),
    /// Apply a credit note's open credit to an invoice.
    Apply(usize, usize),
    Cancel(usize),
}

fn step(invoices: usize) -> impl Strategy<Value = Step> {
    prop_oneof![
        4 => (0..invoices, prop_oneof![1u32..=1000, Just(1000u32)]).prop_map(|(i, p)| Step::Pay(i, p)),
        2 => (0..invoices).prop_map(Step::Reverse),
        3 => (0..invoices, any::<bool>()).prop_map(|(i, w)| Step::Credit(i, w)),
        2 => (0..6usize, prop_oneof![1u32..=1000, Just(1000u32)]).prop_map(|(k, p)| Step::Refund(k, p)),
        2 => (0..6usize, 0..invoices).prop_map(|(k, i)| Step::Apply(k, i)),
        1 => (0..invoices).prop_map(Step::Cancel),
    ]
}

/// Invoices: (currency index, price in minor units, two units or one).
fn scenario() -> impl Strategy<Value = (Vec<(usize, i64, bool)>, Vec<Step>)> {
    prop::collection::vec(
        (0..CURRENCIES.len(), 1_000i64..100_000, any::<bool>()),
        2..=4,
    )
    .prop_flat_map(|specs| {
        let n = specs.len();
        (Just(specs), prop::collection::vec(step(n), 1..=20))
    })
}

fn fail(e: impl std::fmt::Debug) -> TestCaseError {
    TestCaseError::fail(format!("{e:?}"))
}

/// A refusal the rules allow: a 409 or a 422.
fn refused(err: &CoreError) -> bool {
    matches!(
        err,
        CoreError::Conflict { .. } | CoreError::Validation(_) | CoreError::Domain(_)
    )
}

struct World {
    ports: Ports,
    acc: AccountId,
    invoices: Vec<DocumentId>,
    notes: Vec<DocumentId>,
}

impl World {
    async fn invoice(&self, i: usize) -> Result<Invoice, TestCaseError> {
        load_invoice(self.ports.table.as_ref(), &self.acc, &self.invoices[i])
            .await
            .map_err(fail)
    }

    async fn note(&self, k: usize) -> Result<CreditNote, TestCaseError> {
        Ok(get_credit_note(&self.ports, &self.acc, &self.notes[k])
            .await
            .map_err(fail)?
            .document)
    }

    /// Everything a refused step must leave as it was.
    async fn snapshot(&self) -> Result<Vec<String>, TestCaseError> {
        let mut state = Vec::new();
        for i in 0..self.invoices.len() {
            let inv = self.invoice(i).await?;
            state.push(format!(
                "{:?} {} {} v{}",
                inv.status, inv.amount_paid, inv.credit.credited_amount, inv.version
            ));
        }
        for k in 0..self.notes.len() {
            let note = self.note(k).await?;
            state.push(format!(
                "{} {} v{}",
                note.number,
                note.open_credit(),
                note.version
            ));
        }
        let ledger = all_transactions(&self.ports, &self.acc)
            .await
            .map_err(fail)?;
        state.push(format!("{} ledger rows", ledger.len()));
        Ok(state)
    }

    async fn check_books(&self) -> Result<(), TestCaseError> {
        let records = all_transactions(&self.ports, &self.acc)
            .await
            .map_err(fail)?;
        let balances = trial_balances(records.iter().map(|r| &r.transaction)).map_err(fail)?;
        let mut expected: BTreeMap<Currency, Decimal> = BTreeMap::new();
        for i in 0..self.invoices.len() {
            let inv = self.invoice(i).await?;
            prop_assert!(inv.amount_paid >= Decimal::ZERO);
            prop_assert!(inv.credit.credited_amount <= inv.body.total());
            let due = inv.amount_due().map_err(fail)?;
            prop_assert!(due >= Decimal::ZERO, "{} owes {}", inv.number, due);
            if inv.status.is_open() {
                *expected.entry(inv.body.currency()).or_default() += due;
            } else if matches!(inv.status, InvoiceStatus::Paid | InvoiceStatus::Credited) {
                prop_assert!(
                    due.is_zero(),
                    "{} {:?} owes {}",
                    inv.number,
                    inv.status,
                    due
                );
            }
        }
        for k in 0..self.notes.len() {
            let note = self.note(k).await?;
            let open = note.open_credit();
            prop_assert!(open >= Decimal::ZERO, "{} open {}", note.number, open);
            *expected.entry(note.body.currency()).or_default() -= open;
        }
        for tb in &balances {
            prop_assert!(tb.is_balanced(), "unbalanced {:?}", tb);
            let want = expected.get(&tb.currency).copied().unwrap_or_default();
            prop_assert_eq!(
                tb.balance_of(Account::ACCOUNTS_RECEIVABLE),
                want,
                "1100 in {}",
                tb.currency
            );
        }
        Ok(())
    }
}

async fn run(specs: Vec<(usize, i64, bool)>, steps: Vec<Step>) -> Result<(), TestCaseError> {
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
    .map_err(fail)?;
    let mut world = World {
        ports: ports.clone(),
        acc: acc.clone(),
        invoices: Vec::new(),
        notes: Vec::new(),
    };
    for (currency, price, two) in specs {
        let currency = CURRENCIES[currency];
        let qty = if two { Decimal::TWO } else { Decimal::ONE };
        let input = InvoiceInput {
            draft: DraftInput {
                contact_id: contact.id.clone(),
                currency: Some(currency.code().to_string()),
                lines: vec![
                    LineInput::item(
                        "Work",
                        qty,
                        Decimal::new(price, currency.minor_units()),
                        Decimal::ZERO,
                        Decimal::from(20),
                    ),
                    LineInput::item(
                        "Parts",
                        Decimal::ONE,
                        Decimal::new(price / 3, currency.minor_units()),
                        Decimal::ZERO,
                        Decimal::ZERO,
                    ),
                ],
                ..DraftInput::default()
            },
            ..InvoiceInput::default()
        };
        let at = create_invoice(&ports, &acc, input, Some("issued"))
            .await
            .map_err(fail)?;
        world.invoices.push(at.document.id);
    }
    world.check_books().await?;

    for step in steps {
        let before = world.snapshot().await?;
        let outcome: Result<(), CoreError> = match &step {
            Step::Pay(i, permille) => {
                let inv = world.invoice(*i).await?;
                let due = inv.amount_due().map_err(fail)?;
                let amount = round_to_currency(
                    due * Decimal::from(*permille) / Decimal::from(1000),
                    inv.body.currency(),
                )
                .map_err(fail)?;
                let allowed = inv.status.is_open() && amount > Decimal::ZERO;
                let result = record_payment(
                    &ports,
                    &acc,
                    &inv.id,
                    PaymentInput {
                        amount: Some(amount),
                        method: "bank_transfer".into(),
                        ..PaymentInput::default()
                    },
                )
                .await
                .map(|_| ());
                prop_assert_eq!(
                    result.is_ok(),
                    allowed,
                    "pay {} of {}: {:?}",
                    amount,
                    inv.number,
                    result
                );
                result
            }
            Step::Reverse(i) => {
                let inv = world.invoice(*i).await?;
                let payments = list_payments(&ports, &acc, &inv.id).await.map_err(fail)?;
                match payments.iter().find(|p| p.stands()) {
                    None => Ok(()),
                    Some(payment) => {
                        let allowed = inv.credit.credited_amount.is_zero()
                            && inv.status != InvoiceStatus::Credited;
                        let result = reverse_payment(
                            &ports,
                            &acc,
                            &inv.id,
                            &payment.id,
                            Some("test".into()),
                        )
                        .await
                        .map(|_| ());
                        prop_assert_eq!(
                            result.is_ok(),
                            allowed,
                            "reverse on {}: {:?}",
                            inv.number,
                            result
                        );
                        result
                    }
                }
            }
            Step::Credit(i, whole) => {
                let inv = world.invoice(*i).await?;
                let credited = inv.credit.by_line();
                let left_on_first = inv.body.input.lines[0].quantity
                    - credited.get(&1).copied().unwrap_or_default();
                let lines = (!whole).then(|| {
                    vec![CreditLine {
                        line_position: 1,
                        quantity: left_on_first.min(Decimal::ONE),
                    }]
                });
                let issued = matches!(
                    inv.status,
                    InvoiceStatus::Issued | InvoiceStatus::PartiallyPaid | InvoiceStatus::Paid
                );
                let allowed = issued && (*whole || left_on_first > Decimal::ZERO);
                let result = credit_invoice(
                    &ports,
                    &acc,
                    &inv.id,
                    CreditNoteInput {
                        reason: Some("test".into()),
                        lines,
                        issue_date: None,
                    },
                )
                .await;
                let ok = result.is_ok();
                if let Ok(at) = &result {
                    world.notes.push(at.document.id.clone());
                }
                if ok != allowed {
                    // Whole credits of an invoice with every line already
                    // credited but still issued cannot happen; report it.
                    prop_assert!(
                        false,
                        "credit {} whole={}: {:?}",
                        inv.number,
                        whole,
                        result.err()
                    );
                }
                result.map(|_| ())
            }
            Step::Refund(k, permille) => match world.notes.get(*k).cloned() {
                None => Ok(()),
                Some(id) => {
                    let note = world.note(*k).await?;
                    let amount = round_to_currency(
                        note.open_credit() * Decimal::from(*permille) / Decimal::from(1000),
                        note.body.currency(),
                    )
                    .map_err(fail)?;
                    let allowed = amount > Decimal::ZERO;
                    let result = refund_credit(
                        &ports,
                        &acc,
                        &id,
                        RefundInput {
                            amount: Some(amount),
                            method: "cash".into(),
                            ..RefundInput::default()
                        },
                    )
                    .await
                    .map(|_| ());
                    prop_assert_eq!(
                        result.is_ok(),
                        allowed,
                        "refund {} of {}: {:?}",
                        amount,
                        note.number,
                        result
                    );
                    result
                }
            },
            Step::Apply(k, i) => match world.notes.get(*k).cloned() {
                None => Ok(()),
                Some(id) => {
                    let note = world.note(*k).await?;
                    let inv = world.invoice(*i).await?;
                    let due = inv.amount_due().map_err(fail)?;
                    let allowed = note.open_credit() > Decimal::ZERO
                        && inv.body.currency() == note.body.currency()
                        && inv.status.is_open()
                        && due > Decimal::ZERO;
                    let result = apply_credit(
                        &ports,
                        &acc,
                        &id,
                        ApplyInput {
                            invoice_id: inv.id.to_string(),
                            amount: None,
                        },
                    )
                    .await
                    .map(|_| ());
                    prop_assert_eq!(
                        result.is_ok(),
                        allowed,
                        "apply {} to {}: {:?}",
                        note.number,
                        inv.number,
                        result
                    );
                    result
                }
            },
            Step::Cancel(i) => {
                let inv = world.invoice(*i).await?;
                let allowed = inv.amount_paid.is_zero()
                    && inv.credit.credited_amount.is_zero()
                    && !matches!(
                        inv.status,
                        InvoiceStatus::Cancelled | InvoiceStatus::Credited
                    );
                let result = cancel(&ports, &acc, &inv.id, Some("test".into()))
                    .await
                    .map(|_| ());
                prop_assert_eq!(
                    result.is_ok(),
                    allowed,
                    "cancel {}: {:?}",
                    inv.number,
                    result
                );
                result
            }
        };
        if let Err(e) = &outcome {
            prop_assert!(refused(e), "{:?}: {:?}", step, e);
            prop_assert_eq!(
                &world.snapshot().await?,
                &before,
                "a refused {:?} wrote",
                step
            );
        }
        world.check_books().await?;
    }
    Ok(())
}

proptest! {
    // Each case builds a fresh SQLite store: 24 cases keep CI fast (400 were
    // run by hand when it was written); the regressions file replays every
    // case that ever failed.
    #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]

    #[test]
    fn corrections_keep_the_books_whole((specs, steps) in scenario()) {
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .map_err(|e| TestCaseError::fail(e.to_string()))?;
        runtime.block_on(run(specs, steps))?;
    }
}
