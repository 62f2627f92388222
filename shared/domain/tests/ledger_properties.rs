//! Random invoice histories driven through the state machine, the payment
//! rule and the posting builders, checking the books after every step:
//! the trial balance balances, accounts receivable equals what open
//! invoices still owe, the bank holds what was paid, nobody pays more than
//! the total, and a refused action changes nothing.

use proptest::prelude::*;
use uome_domain::invoice_state::{
    self, after_payment, check_issuable_total, check_payment, status_when_issued,
};
use uome_domain::ledger::{
    self, Account, LedgerTransaction, TransactionKind, issue_postings, payment_postings, reversal,
    trial_balance,
};
use uome_domain::{Currency, Decimal, InvoiceAction, InvoiceStatus, amount_due};

#[derive(Debug, Clone, PartialEq)]
struct Invoice {
    status: InvoiceStatus,
    total: Decimal,
    tax: Decimal,
    paid: Decimal,
    /// The issue transaction, kept to post its exact reversal on cancel.
    issued: Option<LedgerTransaction>,
}

#[derive(Debug, Clone)]
enum Event {
    /// A new draft with `total` and `tax` in minor units (tax may be
    /// negative: a rebate line at a higher rate; total may be negative and
    /// must then be refused at issue).
    Create {
        total: i64,
        tax: i64,
    },
    Issue(usize),
    /// Pay `permille` of what is due (at least one minor unit) plus
    /// `extra` minor units, or everything due when `all`.
    Pay {
        invoice: usize,
        permille: u32,
        extra: i64,
        all: bool,
    },
    MarkPaid(usize),
    Cancel(usize),
    /// Any other action, legal or not, that moves no money.
    Other(usize, InvoiceAction),
}

fn event() -> impl Strategy<Value = Event> {
    let idx = 0usize..8;
    prop_oneof![
        2 => (prop_oneof![1 => Just(0i64), 1 => -500i64..0, 8 => 1i64..50_000_000], 0u32..=100)
            .prop_map(|(total, tax_pct)| {
                // Tax mostly a share of the total, sometimes negative.
                let tax = if total > 0 && tax_pct > 90 { -(total / 10) } else { total * i64::from(tax_pct) / 150 };
                Event::Create { total, tax }
            }),
        3 => idx.clone().prop_map(Event::Issue),
        4 => (idx.clone(), 0u32..=1000, prop_oneof![4 => Just(0i64), 1 => -3i64..4], any::<bool>())
            .prop_map(|(invoice, permille, extra, all)| Event::Pay { invoice, permille, extra, all }),
        1 => idx.clone().prop_map(Event::MarkPaid),
        2 => idx.clone().prop_map(Event::Cancel),
        1 => (idx, prop::sample::select(InvoiceAction::ALL.to_vec())).prop_map(|(i, a)| Event::Other(i, a)),
    ]
}

fn currency() -> impl Strategy<Value = Currency> {
    prop::sample::select(vec![
        Currency::GBP,
        Currency::JPY,
        Currency::BHD,
        Currency::CLF,
        Currency::EUR,
    ])
}

struct Books {
    currency: Currency,
    invoices: Vec<Invoice>,
    ledger: Vec<LedgerTransaction>,
}

impl Books {
    fn minor(&self, units: i64) -> Decimal {
        Decimal::new(units, self.currency.minor_units())
    }

    fn pick(&self, i: usize) -> Option<usize> {
        (!self.invoices.is_empty()).then(|| i % self.invoices.len())
    }

    /// Apply one event through the rules, as a use case would: check the
    /// state, compute, post, then store. Returns whether anything changed.
    fn apply(&mut self, event: &Event) -> Result<bool, TestCaseError> {
        let currency = self.currency;
        match *event {
            Event::Create { total, tax } => {
                let invoice = Invoice {
                    status: InvoiceStatus::Draft,
                    total: self.minor(total),
                    tax: self.minor(tax),
                    paid: self.minor(0),
                    issued: None,
                };
                self.invoices.push(invoice);
                Ok(true)
            }
            Event::Issue(i) => {
                let Some(i) = self.pick(i) else {
                    return Ok(false);
                };
                let inv = &self.invoices[i];
                if invoice_state::check(inv.status, InvoiceAction::Issue, inv.paid).is_err() {
                    return Ok(false);
                }
                if check_issuable_total(inv.total).is_err() {
                    prop_assert!(inv.total < Decimal::ZERO);
                    return Ok(false);
                }
                let tx = issue_postings(inv.total, inv.tax, currency).unwrap();
                if inv.tax >= Decimal::ZERO {
                    prop_assert_eq!(tx.amount(), inv.total);
                } else {
                    // A negative tax is debited: Dr 1100 + Dr 2200 = Cr 4000.
                    prop_assert_eq!(tx.amount(), inv.total - inv.tax);
                }
                self.ledger.push(tx.clone());
                let inv = &mut self.invoices[i];
                inv.status = status_when_issued(inv.total);
                inv.issued = Some(tx);
                Ok(true)
            }
            Event::Pay {
                invoice,
                permille,
                extra,
                all,
            } => {
                let Some(i) = self.pick(invoice) else {
                    return Ok(false);
                };
                let inv = &self.invoices[i];
                if invoice_state::check(inv.status, InvoiceAction::Pay, inv.paid).is_err() {
                    prop_assert!(!inv.status.is_open());
                    return Ok(false);
                }
                let due = amount_due(inv.total, inv.paid, currency).unwrap();
                let asked = if all {
                    None
                } else {
                    let due_units = i64::try_from(due.mantissa()).unwrap();
                    Some(self.minor((due_units * i64::from(permille) / 1000).max(1) + extra))
                };
                let amount = match check_payment(asked, due, currency) {
                    Ok(amount) => amount,
                    Err(e) => {
                        let asked = asked.unwrap_or(due);
                        prop_assert!(asked <= Decimal::ZERO || asked > due);
                        prop_assert_eq!(e.code(), "validation_failed");
                        return Ok(false);
                    }
                };
                self.pay(i, amount)
            }
            Event::MarkPaid(i) => {
                let Some(i) = self.pick(i) else {
                    return Ok(false);
                };
                let inv = &self.invoices[i];
                if invoice_state::check(inv.status, InvoiceAction::MarkPaid, inv.paid).is_err() {
                    return Ok(false);
                }
                let due = amount_due(inv.total, inv.paid, currency).unwrap();
                let amount = check_payment(None, due, currency).unwrap();
                let changed = self.pay(i, amount)?;
                prop_assert_eq!(self.invoices[i].status, InvoiceStatus::Paid);
                Ok(changed)
            }
            Event::Cancel(i) => {
                let Some(i) = self.pick(i) else {
                    return Ok(false);
                };
                let inv = &self.invoices[i];
                if let Err(e) = invoice_state::check(inv.status, InvoiceAction::Cancel, inv.paid) {
                    prop_assert!(
                        !inv.paid.is_zero() || inv.status == InvoiceStatus::Cancelled,
                        "{}",
                        e
                    );
                    return Ok(false);
                }
                if let Some(issued) = &inv.issued {
                    let back = reversal(issued);
                    prop_assert_eq!(back.kind(), TransactionKind::Cancel);
                    self.ledger.push(back);
                }
                self.invoices[i].status = InvoiceStatus::Cancelled;
                Ok(true)
            }
            Event::Other(i, action) => {
                let Some(i) = self.pick(i) else {
                    return Ok(false);
                };
                let inv = &self.invoices[i];
                // Only actions that move no money or status are applied
                // here; the others have their own events.
                let _ = invoice_state::check(inv.status, action, inv.paid);
                Ok(false)
            }
        }
    }

    fn pay(&mut self, i: usize, amount: Decimal) -> Result<bool, TestCaseError> {
        let tx = payment_postings(amount, self.currency).unwrap();
        prop_assert_eq!(tx.amount(), amount);
        self.ledger.push(tx);
        let inv = &mut self.invoices[i];
        inv.paid += amount;
        inv.status = after_payment(inv.total, inv.paid);
        Ok(true)
    }

    fn check_books(&self) -> Result<(), TestCaseError> {
        let currency = self.currency;
        let tb = trial_balance(currency, &self.ledger).unwrap();
        prop_assert_eq!(tb.total_debit, tb.total_credit);
        prop_assert!(tb.is_balanced());
        let sum: Decimal = tb.accounts.iter().map(|row| row.balance).sum();
        prop_assert!(sum.is_zero());
        for row in &tb.accounts {
            prop_assert_eq!(row.debit.scale(), currency.minor_units());
            prop_assert_eq!(row.balance, row.debit - row.credit);
        }

        let mut owed = self.minor(0);
        let mut paid = self.minor(0);
        let mut sales = self.minor(0);
        let mut tax = self.minor(0);
        for inv in &self.invoices {
            prop_assert!(inv.paid >= Decimal::ZERO);
            prop_assert!(inv.paid <= inv.total.max(Decimal::ZERO), "{:?}", inv);
            let due = amount_due(inv.total, inv.paid, currency).unwrap();
            if inv.status.is_open() {
                owed += due;
            }
            if inv.status == InvoiceStatus::Paid {
                prop_assert!(due.is_zero(), "{:?}", inv);
            }
            if inv.status.is_posted() {
                sales += inv.total - inv.tax;
                tax += inv.tax;
            }
            paid += inv.paid;
        }
        let receivable = ledger::receivables(currency, &self.ledger).unwrap();
        prop_assert_eq!(receivable, owed);
        prop_assert_eq!(tb.balance_of(Account::BANK), paid);
        prop_assert_eq!(tb.balance_of(Account::SALES), -sales);
        prop_assert_eq!(tb.balance_of(Account::TAX_PAYABLE), -tax);
        prop_assert!(tb.balance_of(Account::EXPENSES).is_zero());
        Ok(())
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn books_stay_balanced_through_any_history(
        currency in currency(),
        events in prop::collection::vec(event(), 1..80),
    ) {
        let mut books = Books { currency, invoices: Vec::new(), ledger: Vec::new() };
        for event in &events {
            let invoices_before = books.invoices.clone();
            let ledger_before = books.ledger.len();
            let changed = books.apply(event)?;
            if !changed {
                prop_assert_eq!(&books.invoices, &invoices_before, "refused {:?} changed state", event);
                prop_assert_eq!(books.ledger.len(), ledger_before);
            }
            books.check_books()?;
        }
    }
}

#[test]
fn a_short_history_by_hand() {
    let gbp = Currency::GBP;
    let mut books = Books {
        currency: gbp,
        invoices: Vec::new(),
        ledger: Vec::new(),
    };
    let events = [
        Event::Create {
            total: 114_020,
            tax: 8_613,
        },
        Event::Pay {
            invoice: 0,
            permille: 500,
            extra: 0,
            all: false,
        },
        Event::Issue(0),
        Event::Pay {
            invoice: 0,
            permille: 500,
            extra: 0,
            all: false,
        },
        Event::Cancel(0),
        Event::Pay {
            invoice: 0,
            permille: 1000,
            extra: 1,
            all: false,
        },
        Event::MarkPaid(0),
        Event::Cancel(0),
        Event::Create { total: 0, tax: 0 },
        Event::Issue(1),
        Event::Cancel(1),
    ];
    let changed: Vec<bool> = events
        .iter()
        .map(|e| {
            let c = books.apply(e).unwrap();
            books.check_books().unwrap();
            c
        })
        .collect();
    assert_eq!(
        changed,
        [
            true, false, true, true, false, false, true, false, true, true, true
        ]
    );
    assert_eq!(books.invoices[0].status, InvoiceStatus::Paid);
    assert_eq!(books.invoices[1].status, InvoiceStatus::Cancelled);
    let tb = trial_balance(gbp, &books.ledger).unwrap();
    assert_eq!(tb.balance_of(Account::BANK).to_string(), "1140.20");
    assert_eq!(tb.balance_of(Account::SALES).to_string(), "-1054.07");
    assert_eq!(
        tb.balance_of(Account::ACCOUNTS_RECEIVABLE).to_string(),
        "0.00"
    );
    assert_eq!(tb.total_debit.to_string(), "2280.40");
}
