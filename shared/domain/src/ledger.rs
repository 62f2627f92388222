//! Double-entry postings (API.md §7 "Ledger"): the default chart, balanced
//! transactions, the postings of each invoice event, the trial balance.
//!
//! * A [`LedgerTransaction`] can only be built balanced (Σ debit = Σ
//!   credit), with non-negative amounts at its currency's scale and no line
//!   carrying both a debit and a credit; anything else is a
//!   [`LedgerError`], never a panic. Deserializing a stored transaction
//!   re-checks all of it.
//! * Amounts are money already rounded by the totals rules; the ledger never
//!   rounds. A builder given more decimal places than the currency has
//!   refuses ([`LedgerError::Precision`]).
//! * **One ledger per currency.** Every transaction carries its currency and
//!   a trial balance is computed for one currency: [`trial_balance`] refuses
//!   a transaction in another one ([`LedgerError::CurrencyMismatch`]) and
//!   [`trial_balances`] groups by currency. Amounts of different currencies
//!   are never added, because no exchange rate is known here.
//! * Sign convention of [`AccountBalance::balance`]: debit − credit, so
//!   receivables and the bank are positive, sales and tax payable negative,
//!   and the balances of a whole ledger add up to zero.

use std::collections::BTreeMap;
use std::fmt;

use rust_decimal::Decimal;
use serde::ser::SerializeStruct;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::arith;
use crate::currency::Currency;
use crate::error::DomainError;

/// An account of the chart. Only the default chart exists today, so an
/// account is a constant and [`Account::from_code`] the only way to read one
/// back from storage.
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Account {
    code: &'static str,
    name: &'static str,
}

impl Account {
    pub const BANK: Account = Account::new("1000", "Bank");
    pub const ACCOUNTS_RECEIVABLE: Account = Account::new("1100", "Accounts receivable");
    /// What the business owes its suppliers for their bills (API.md §9).
    pub const ACCOUNTS_PAYABLE: Account = Account::new("2100", "Accounts payable");
    pub const TAX_PAYABLE: Account = Account::new("2200", "Tax payable");
    pub const SALES: Account = Account::new("4000", "Sales");
    pub const EXPENSES: Account = Account::new("5000", "Expenses");
    /// Cash rounding at the till (API.md §8): what the customer paid above
    /// (credit) or below (debit) the invoice's total.
    pub const ROUNDING: Account = Account::new("4900", "Rounding");

    const fn new(code: &'static str, name: &'static str) -> Account {
        Account { code, name }
    }

    /// `"1100"`
    pub fn code(self) -> &'static str {
        self.code
    }

    /// `"Accounts receivable"`
    pub fn name(self) -> &'static str {
        self.name
    }

    /// The account of the default chart with this code.
    pub fn from_code(code: &str) -> Option<Account> {
        DEFAULT_CHART.into_iter().find(|a| a.code == code)
    }
}

/// The default chart (API.md §7), in code order.
pub const DEFAULT_CHART: [Account; 7] = [
    Account::BANK,
    Account::ACCOUNTS_RECEIVABLE,
    Account::ACCOUNTS_PAYABLE,
    Account::TAX_PAYABLE,
    Account::SALES,
    Account::ROUNDING,
    Account::EXPENSES,
];

impl fmt::Display for Account {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {}", self.code, self.name)
    }
}

impl fmt::Debug for Account {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(self, f)
    }
}

/// Written as its code (`"1100"`).
impl Serialize for Account {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.code)
    }
}

impl<'de> Deserialize<'de> for Account {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let code = String::deserialize(deserializer)?;
        Account::from_code(&code).ok_or_else(|| {
            serde::de::Error::custom(format!("unknown account `{}`", code.escape_debug()))
        })
    }
}

/// Why a transaction was refused. These are defects when they reach the
/// HTTP layer (the inputs come from computed totals and checked payments),
/// so the codes are for logs, not for clients.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum LedgerError {
    #[error("unbalanced transaction: debits {debit}, credits {credit}")]
    Unbalanced { debit: Decimal, credit: Decimal },

    #[error("negative amount on account {account}")]
    NegativeAmount { account: &'static str },

    #[error("a posting on account {account} has both a debit and a credit")]
    BothSides { account: &'static str },

    #[error("a posting on account {account} has neither a debit nor a credit")]
    EmptyPosting { account: &'static str },

    #[error("an amount on account {account} has more decimal places than {currency} allows")]
    Precision {
        account: &'static str,
        currency: Currency,
    },

    #[error("a {found} transaction in the {expected} ledger")]
    CurrencyMismatch { expected: Currency, found: Currency },

    #[error("amount too large to compute exactly")]
    Overflow,
}

impl LedgerError {
    pub fn code(&self) -> &'static str {
        match self {
            Self::Unbalanced { .. } => "ledger_unbalanced",
            Self::NegativeAmount { .. } => "ledger_negative_amount",
            Self::BothSides { .. } => "ledger_both_sides",
            Self::EmptyPosting { .. } => "ledger_empty_posting",
            Self::Precision { .. } => "ledger_precision",
            Self::CurrencyMismatch { .. } => "currency_mismatch",
            Self::Overflow => "amount_overflow",
        }
    }
}

// `arith` only fails with Overflow.
impl From<DomainError> for LedgerError {
    fn from(_: DomainError) -> Self {
        LedgerError::Overflow
    }
}

/// One line of a transaction: a debit or a credit on one account (the
/// other side zero).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Posting {
    pub account: Account,
    pub debit: Decimal,
    pub credit: Decimal,
}

impl Posting {
    pub fn debit(account: Account, amount: Decimal) -> Posting {
        Posting {
            account,
            debit: amount,
            credit: Decimal::ZERO,
        }
    }

    pub fn credit(account: Account, amount: Decimal) -> Posting {
        Posting {
            account,
            debit: Decimal::ZERO,
            credit: amount,
        }
    }

    /// The same amount on the other side.
    pub fn reversed(self) -> Posting {
        Posting {
            account: self.account,
            debit: self.credit,
            credit: self.debit,
        }
    }
}

/// `{"account": "1100", "name": "Accounts receivable", "debit": "120.00",
/// "credit": "0.00"}` — the API's entry shape.
impl Serialize for Posting {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut s = serializer.serialize_struct("Posting", 4)?;
        s.serialize_field("account", self.account.code)?;
        s.serialize_field("name", self.account.name)?;
        s.serialize_field("debit", &self.debit.to_string())?;
        s.serialize_field("credit", &self.credit.to_string())?;
        s.end()
    }
}

impl<'de> Deserialize<'de> for Posting {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        #[derive(Deserialize)]
        struct Raw {
            account: Account,
            // Written for readers; the chart is the authority on names.
            #[serde(default, rename = "name")]
            _name: Option<String>,
            #[serde(with = "crate::decimal_string")]
            debit: Decimal,
            #[serde(with = "crate::decimal_string")]
            credit: Decimal,
        }
        let raw = Raw::deserialize(deserializer)?;
        Ok(Posting {
            account: raw.account,
            debit: raw.debit,
            credit: raw.credit,
        })
    }
}

/// What produced a transaction.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TransactionKind {
    /// An invoice was issued: Dr 1100 / Cr 4000 / Cr 2200.
    Issue,
    /// A payment of an invoice: Dr 1000 / Cr 1100.
    Payment,
    /// The exact reversal of an issue (invoice cancelled).
    Cancel,
    /// Money given back to a client: Dr 1100 / Cr 1000.
    Refund,
    /// The exact reversal of any other transaction.
    Reversal,
    /// A credit note: Dr 4000 / Dr 2200 / Cr 1100 (API.md §7b).
    Credit,
    /// Open credit settling an invoice: Dr 1100 (the credit) / Cr 1100
    /// (the invoice), one account, two customers' lines of it.
    CreditApplied,
    /// A supplier's bill booked (API.md §9): Dr 5000 net / Dr 2200 input
    /// tax / Cr 2100 total.
    Bill,
    /// A supplier's bill paid: Dr 2100 / Cr 1000.
    BillPayment,
}

/// A balanced set of postings in one currency. The constructor is the only
/// way in (deserialization goes through it too).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "RawTransaction")]
pub struct LedgerTransaction {
    kind: TransactionKind,
    currency: Currency,
    #[serde(rename = "entries")]
    postings: Vec<Posting>,
    // Σ debit, kept from the checked sum in `new` so reading it never
    // needs unchecked arithmetic.
    #[serde(skip)]
    amount: Decimal,
}

#[derive(Deserialize)]
struct RawTransaction {
    kind: TransactionKind,
    currency: Currency,
    entries: Vec<Posting>,
}

impl TryFrom<RawTransaction> for LedgerTransaction {
    type Error = LedgerError;

    fn try_from(raw: RawTransaction) -> Result<Self, Self::Error> {
        LedgerTransaction::new(raw.kind, raw.currency, raw.entries)
    }
}

impl LedgerTransaction {
    /// Check and build: every amount ≥ 0 with at most the currency's decimal
    /// places (stored at exactly that scale), each posting one-sided and
    /// non-zero, Σ debit = Σ credit. An empty transaction is balanced (a
    /// zero-total invoice posts nothing).
    pub fn new(
        kind: TransactionKind,
        currency: Currency,
        postings: Vec<Posting>,
    ) -> Result<LedgerTransaction, LedgerError> {
        let mut checked = Vec::with_capacity(postings.len());
        let mut debit = zero(currency);
        let mut credit = zero(currency);
        for posting in postings {
            let account = posting.account.code;
            let d = to_scale(posting.debit, account, currency)?;
            let c = to_scale(posting.credit, account, currency)?;
            match (d.is_zero(), c.is_zero()) {
                (false, false) => return Err(LedgerError::BothSides { account }),
                (true, true) => return Err(LedgerError::EmptyPosting { account }),
                _ => {}
            }
            debit = arith::add(debit, d)?;
            credit = arith::add(credit, c)?;
            checked.push(Posting {
                account: posting.account,
                debit: d,
                credit: c,
            });
        }
        if debit != credit {
            return Err(LedgerError::Unbalanced { debit, credit });
        }
        Ok(LedgerTransaction {
            kind,
            currency,
            postings: checked,
            amount: debit,
        })
    }

    pub fn kind(&self) -> TransactionKind {
        self.kind
    }

    pub fn currency(&self) -> Currency {
        self.currency
    }

    pub fn postings(&self) -> &[Posting] {
        &self.postings
    }

    /// Σ debit (= Σ credit).
    pub fn amount(&self) -> Decimal {
        self.amount
    }

    pub fn is_empty(&self) -> bool {
        self.postings.is_empty()
    }
}

/// Zero at the currency's scale (`0.00`), so sums keep that scale.
fn zero(currency: Currency) -> Decimal {
    Decimal::new(0, currency.minor_units())
}

/// `rust_decimal` keeps a sign on zero (`0.00 − 0.00` can be `-0.00`); the
/// API never writes `-0`.
fn unsigned_zero(value: Decimal, currency: Currency) -> Decimal {
    if value.is_zero() {
        zero(currency)
    } else {
        value
    }
}

/// A non-negative amount at exactly the currency's scale, or why not.
fn to_scale(
    amount: Decimal,
    account: &'static str,
    currency: Currency,
) -> Result<Decimal, LedgerError> {
    if amount.is_sign_negative() && !amount.is_zero() {
        return Err(LedgerError::NegativeAmount { account });
    }
    let minor = currency.minor_units();
    if amount.scale() > minor && amount.normalize().scale() > minor {
        return Err(LedgerError::Precision { account, currency });
    }
    Ok(arith::round_dp(amount, minor)?)
}

/// A posting for a signed amount: on the account's `debit` side when
/// positive, on the other side when negative, none when zero. This keeps
/// every posted amount ≥ 0 while an invoice with a negative tax (a rebate
/// line at a higher rate) still balances.
fn signed(account: Account, amount: Decimal, debit: bool) -> Option<Posting> {
    if amount.is_zero() {
        return None;
    }
    let on_debit = debit != amount.is_sign_negative();
    let amount = amount.abs();
    Some(if on_debit {
        Posting::debit(account, amount)
    } else {
        Posting::credit(account, amount)
    })
}

/// The transaction of the postings that are there (a zero amount leaves
/// its posting out: [`signed`]).
fn of_signed<const N: usize>(
    kind: TransactionKind,
    currency: Currency,
    postings: [Option<Posting>; N],
) -> Result<LedgerTransaction, LedgerError> {
    LedgerTransaction::new(kind, currency, postings.into_iter().flatten().collect())
}

fn non_negative(
    amount: Decimal,
    account: Account,
    currency: Currency,
) -> Result<Decimal, LedgerError> {
    to_scale(amount, account.code, currency)
}

/// Issuing an invoice of `total` including `tax`: Dr 1100 total / Cr 4000
/// (total − tax) / Cr 2200 tax. Zero lines are left out, so a zero-total,
/// zero-tax invoice gives an empty (balanced) transaction; a negative part
/// goes on the other side of its account.
pub fn issue_postings(
    total: Decimal,
    tax: Decimal,
    currency: Currency,
) -> Result<LedgerTransaction, LedgerError> {
    let net = arith::sub(total, tax)?;
    of_signed(
        TransactionKind::Issue,
        currency,
        [
            signed(Account::ACCOUNTS_RECEIVABLE, total, true),
            signed(Account::SALES, net, false),
            signed(Account::TAX_PAYABLE, tax, false),
        ],
    )
}

/// A credit note of `total` including `tax`: the issue posting's mirror,
/// Dr 4000 (total − tax) / Dr 2200 tax / Cr 1100 total.
pub fn credit_postings(
    total: Decimal,
    tax: Decimal,
    currency: Currency,
) -> Result<LedgerTransaction, LedgerError> {
    let issue = issue_postings(total, tax, currency)?;
    Ok(LedgerTransaction {
        kind: TransactionKind::Credit,
        ..reversal(&issue)
    })
}

/// `amount` of a contact's open credit settling one of its invoices:
/// Dr 1100 / Cr 1100 (the balance of 1100 does not move: the customer
/// owes that much less and holds that much less credit).
pub fn credit_applied_postings(
    amount: Decimal,
    currency: Currency,
) -> Result<LedgerTransaction, LedgerError> {
    let amount = non_negative(amount, Account::ACCOUNTS_RECEIVABLE, currency)?;
    two_sided(
        TransactionKind::CreditApplied,
        currency,
        Account::ACCOUNTS_RECEIVABLE,
        Account::ACCOUNTS_RECEIVABLE,
        amount,
    )
}

/// A payment received against an invoice: Dr 1000 / Cr 1100. `amount` must
/// be ≥ 0 (zero gives an empty transaction).
pub fn payment_postings(
    amount: Decimal,
    currency: Currency,
) -> Result<LedgerTransaction, LedgerError> {
    let amount = non_negative(amount, Account::BANK, currency)?;
    two_sided(
        TransactionKind::Payment,
        currency,
        Account::BANK,
        Account::ACCOUNTS_RECEIVABLE,
        amount,
    )
}

/// Money paid back to a client (POS refunds): Dr 1100 / Cr 1000. `amount`
/// must be ≥ 0.
pub fn refund_postings(
    amount: Decimal,
    currency: Currency,
) -> Result<LedgerTransaction, LedgerError> {
    let amount = non_negative(amount, Account::BANK, currency)?;
    two_sided(
        TransactionKind::Refund,
        currency,
        Account::ACCOUNTS_RECEIVABLE,
        Account::BANK,
        amount,
    )
}

/// A supplier's bill of `total` including `tax` (input tax, which the
/// business reclaims): Dr 5000 Expenses (total − tax) / Dr 2200 tax /
/// Cr 2100 Accounts payable total. Zero lines are left out.
pub fn bill_postings(
    total: Decimal,
    tax: Decimal,
    currency: Currency,
) -> Result<LedgerTransaction, LedgerError> {
    let net = arith::sub(total, tax)?;
    of_signed(
        TransactionKind::Bill,
        currency,
        [
            signed(Account::EXPENSES, net, true),
            signed(Account::TAX_PAYABLE, tax, true),
            signed(Account::ACCOUNTS_PAYABLE, total, false),
        ],
    )
}

/// `amount` of a supplier's bill paid: Dr 2100 / Cr 1000.
pub fn bill_payment_postings(
    amount: Decimal,
    currency: Currency,
) -> Result<LedgerTransaction, LedgerError> {
    let amount = non_negative(amount, Account::ACCOUNTS_PAYABLE, currency)?;
    two_sided(
        TransactionKind::BillPayment,
        currency,
        Account::ACCOUNTS_PAYABLE,
        Account::BANK,
        amount,
    )
}

/// The input tax of a supplier's bill of `bill_total` for an order of
/// `order_total` with `order_tax`: the order's share of tax, rounded to the
/// currency (the order's own tax when the bill is for the order's total).
pub fn bill_tax(
    order_total: Decimal,
    order_tax: Decimal,
    bill_total: Decimal,
    currency: Currency,
) -> Decimal {
    if order_total.is_zero() || bill_total == order_total {
        return if order_total.is_zero() {
            Decimal::ZERO
        } else {
            order_tax
        };
    }
    (bill_total * order_tax / order_total).round_dp_with_strategy(
        currency.minor_units(),
        rust_decimal::RoundingStrategy::MidpointAwayFromZero,
    )
}

/// A cash payment at the till that settles `settled` of an invoice with
/// `rounding` more (or, negative, less) changing hands: Dr 1000 (settled
/// plus rounding) / Cr 1100 settled, and the difference on 4900 Rounding
/// (credit when the customer paid more, debit when less). With a zero
/// rounding it is [`payment_postings`].
pub fn cash_payment_postings(
    settled: Decimal,
    rounding: Decimal,
    currency: Currency,
) -> Result<LedgerTransaction, LedgerError> {
    let settled = non_negative(settled, Account::ACCOUNTS_RECEIVABLE, currency)?;
    let taken = arith::add(settled, rounding)?;
    of_signed(
        TransactionKind::Payment,
        currency,
        [
            signed(Account::BANK, taken, true),
            signed(Account::ACCOUNTS_RECEIVABLE, settled, false),
            signed(Account::ROUNDING, rounding, false),
        ],
    )
}

/// Cash paid back at the till for `credited` of open credit, `rounding`
/// more (or, negative, less) than the credit: Dr 1100 credited / Cr 1000
/// (credited + rounding), the difference on 4900 Rounding (debit when the
/// customer got more back). With a zero rounding it is [`refund_postings`].
pub fn cash_refund_postings(
    credited: Decimal,
    rounding: Decimal,
    currency: Currency,
) -> Result<LedgerTransaction, LedgerError> {
    let credited = non_negative(credited, Account::ACCOUNTS_RECEIVABLE, currency)?;
    let paid_back = arith::add(credited, rounding)?;
    of_signed(
        TransactionKind::Refund,
        currency,
        [
            signed(Account::ACCOUNTS_RECEIVABLE, credited, true),
            signed(Account::BANK, paid_back, false),
            signed(Account::ROUNDING, rounding, true),
        ],
    )
}

fn two_sided(
    kind: TransactionKind,
    currency: Currency,
    debit: Account,
    credit: Account,
    amount: Decimal,
) -> Result<LedgerTransaction, LedgerError> {
    let postings = if amount.is_zero() {
        Vec::new()
    } else {
        vec![
            Posting::debit(debit, amount),
            Posting::credit(credit, amount),
        ]
    };
    LedgerTransaction::new(kind, currency, postings)
}

/// The exact reversal: every posting on the other side, same accounts and
/// amounts, same currency. Kind `cancel` for an issue, `reversal` otherwise.
pub fn reversal(transaction: &LedgerTransaction) -> LedgerTransaction {
    let kind = match transaction.kind {
        TransactionKind::Issue => TransactionKind::Cancel,
        _ => TransactionKind::Reversal,
    };
    // Swapping sides keeps every rule `new` checked, so no re-check.
    LedgerTransaction {
        kind,
        currency: transaction.currency,
        postings: transaction.postings.iter().map(|p| p.reversed()).collect(),
        amount: transaction.amount,
    }
}

/// One row of the trial balance: the debits and credits posted to the
/// account and their difference (debit − credit).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AccountBalance {
    pub account: &'static str,
    pub name: &'static str,
    #[serde(with = "crate::decimal_string")]
    pub debit: Decimal,
    #[serde(with = "crate::decimal_string")]
    pub credit: Decimal,
    #[serde(with = "crate::decimal_string")]
    pub balance: Decimal,
}

/// The trial balance of one currency's ledger: every account of the chart
/// in code order (zeros included), and the two totals, which are equal
/// because every transaction balances.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TrialBalance {
    pub currency: Currency,
    #[serde(rename = "data")]
    pub accounts: Vec<AccountBalance>,
    #[serde(with = "crate::decimal_string")]
    pub total_debit: Decimal,
    #[serde(with = "crate::decimal_string")]
    pub total_credit: Decimal,
}

impl TrialBalance {
    /// The account's balance (debit − credit); zero for an account that is
    /// not listed.
    pub fn balance_of(&self, account: Account) -> Decimal {
        self.accounts
            .iter()
            .find(|row| row.account == account.code)
            .map_or_else(|| zero(self.currency), |row| row.balance)
    }

    pub fn is_balanced(&self) -> bool {
        self.total_debit == self.total_credit
    }
}

/// The trial balance of `currency`'s ledger. A transaction in another
/// currency is an error: ledgers are per currency.
pub fn trial_balance<'a>(
    currency: Currency,
    transactions: impl IntoIterator<Item = &'a LedgerTransaction>,
) -> Result<TrialBalance, LedgerError> {
    let mut sums: BTreeMap<Account, (Decimal, Decimal)> = DEFAULT_CHART
        .into_iter()
        .map(|a| (a, (zero(currency), zero(currency))))
        .collect();
    for transaction in transactions {
        if transaction.currency != currency {
            return Err(LedgerError::CurrencyMismatch {
                expected: currency,
                found: transaction.currency,
            });
        }
        for posting in &transaction.postings {
            let (debit, credit) = sums
                .entry(posting.account)
                .or_insert((zero(currency), zero(currency)));
            *debit = arith::add(*debit, posting.debit)?;
            *credit = arith::add(*credit, posting.credit)?;
        }
    }
    let mut total_debit = zero(currency);
    let mut total_credit = zero(currency);
    let mut accounts = Vec::with_capacity(sums.len());
    for (account, (debit, credit)) in sums {
        total_debit = arith::add(total_debit, debit)?;
        total_credit = arith::add(total_credit, credit)?;
        accounts.push(AccountBalance {
            account: account.code,
            name: account.name,
            debit,
            credit,
            balance: unsigned_zero(arith::sub(debit, credit)?, currency),
        });
    }
    Ok(TrialBalance {
        currency,
        accounts,
        total_debit,
        total_credit,
    })
}

/// One trial balance per currency present, in currency-code order.
pub fn trial_balances<'a>(
    transactions: impl IntoIterator<Item = &'a LedgerTransaction>,
) -> Result<Vec<TrialBalance>, LedgerError> {
    let mut by_currency: BTreeMap<Currency, Vec<&LedgerTransaction>> = BTreeMap::new();
    for transaction in transactions {
        by_currency
            .entry(transaction.currency)
            .or_default()
            .push(transaction);
    }
    by_currency
        .into_iter()
        .map(|(currency, txs)| trial_balance(currency, txs))
        .collect()
}

/// What clients owe in `currency`: the balance of 1100 Accounts receivable.
pub fn receivables<'a>(
    currency: Currency,
    transactions: impl IntoIterator<Item = &'a LedgerTransaction>,
) -> Result<Decimal, LedgerError> {
    Ok(trial_balance(currency, transactions)?.balance_of(Account::ACCOUNTS_RECEIVABLE))
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    const GBP: Currency = Currency::GBP;

    fn lines(tx: &LedgerTransaction) -> Vec<(&'static str, String, String)> {
        tx.postings()
            .iter()
            .map(|p| (p.account.code(), p.debit.to_string(), p.credit.to_string()))
            .collect()
    }

    fn s(x: &str) -> String {
        x.to_owned()
    }

    #[test]
    fn issue_posts_receivable_sales_and_tax() {
        let tx = issue_postings(dec!(1140.20), dec!(86.13), GBP).unwrap();
        assert_eq!(tx.kind(), TransactionKind::Issue);
        assert_eq!(
            lines(&tx),
            vec![
                ("1100", s("1140.20"), s("0.00")),
                ("4000", s("0.00"), s("1054.07")),
                ("2200", s("0.00"), s("86.13")),
            ]
        );
        assert_eq!(tx.amount(), dec!(1140.20));
    }

    #[test]
    fn a_supplier_bill_and_its_payment() {
        let bill = bill_postings(dec!(119.00), dec!(19.00), Currency::EUR).unwrap();
        assert_eq!(bill.kind(), TransactionKind::Bill);
        assert_eq!(
            lines(&bill),
            vec![
                ("5000", s("100.00"), s("0.00")),
                ("2200", s("19.00"), s("0.00")),
                ("2100", s("0.00"), s("119.00")),
            ]
        );
        let paid = bill_payment_postings(dec!(119.00), Currency::EUR).unwrap();
        let tb = trial_balance(Currency::EUR, &[bill, paid]).unwrap();
        assert!(tb.is_balanced());
        assert_eq!(tb.balance_of(Account::ACCOUNTS_PAYABLE), dec!(0));
        assert_eq!(tb.balance_of(Account::BANK), dec!(-119.00));
        assert_eq!(tb.balance_of(Account::EXPENSES), dec!(100.00));
        // A bill for less than the order: the order's share of tax.
        assert_eq!(
            bill_tax(dec!(119.00), dec!(19.00), dec!(59.50), Currency::EUR),
            dec!(9.50)
        );
        assert_eq!(
            bill_tax(dec!(119.00), dec!(19.00), dec!(119.00), Currency::EUR),
            dec!(19.00)
        );
        assert_eq!(bill_tax(dec!(0), dec!(0), dec!(10), Currency::EUR), dec!(0));
    }

    #[test]
    fn cash_at_the_till_posts_its_rounding_to_4900() {
        let chf = Currency::CHF;
        // 9.98 paid with 10.00: 0.02 more changed hands.
        let tx = cash_payment_postings(dec!(9.98), dec!(0.02), chf).unwrap();
        assert_eq!(
            lines(&tx),
            vec![
                ("1000", s("10.00"), s("0.00")),
                ("1100", s("0.00"), s("9.98")),
                ("4900", s("0.00"), s("0.02")),
            ]
        );
        // 9.97 paid with 9.95: 0.02 less.
        let tx = cash_payment_postings(dec!(9.97), dec!(-0.02), chf).unwrap();
        assert_eq!(
            lines(&tx),
            vec![
                ("1000", s("9.95"), s("0.00")),
                ("1100", s("0.00"), s("9.97")),
                ("4900", s("0.02"), s("0.00")),
            ]
        );
        // Giving 9.98 of credit back as 10.00 in coins.
        let tx = cash_refund_postings(dec!(9.98), dec!(0.02), chf).unwrap();
        assert_eq!(
            lines(&tx),
            vec![
                ("1100", s("9.98"), s("0.00")),
                ("1000", s("0.00"), s("10.00")),
                ("4900", s("0.02"), s("0.00")),
            ]
        );
        assert_eq!(
            cash_payment_postings(dec!(5), dec!(0), chf)
                .unwrap()
                .postings(),
            payment_postings(dec!(5), chf).unwrap().postings()
        );
        // A sale and its full refund leave 4900 at zero.
        let both = [
            cash_payment_postings(dec!(9.98), dec!(0.02), chf).unwrap(),
            cash_refund_postings(dec!(9.98), dec!(0.02), chf).unwrap(),
        ];
        let tb = trial_balance(chf, &both).unwrap();
        assert_eq!(tb.balance_of(Account::ROUNDING), dec!(0));
        assert!(tb.is_balanced());
    }

    #[test]
    fn zero_lines_are_skipped_and_zero_invoices_post_nothing() {
        let tx = issue_postings(dec!(50), dec!(0), GBP).unwrap();
        assert_eq!(tx.postings().len(), 2);
        let tx = issue_postings(dec!(0), dec!(0), GBP).unwrap();
        assert!(tx.is_empty());
        assert_eq!(tx.amount().to_string(), "0.00");
        assert!(payment_postings(dec!(0), GBP).unwrap().is_empty());
    }

    #[test]
    fn negative_tax_moves_to_the_other_side() {
        // +100 at 0 % and −50 at 20 %: tax −10, total 40, net 50.
        let tx = issue_postings(dec!(40), dec!(-10), GBP).unwrap();
        assert_eq!(
            lines(&tx),
            vec![
                ("1100", s("40.00"), s("0.00")),
                ("4000", s("0.00"), s("50.00")),
                ("2200", s("10.00"), s("0.00")),
            ]
        );
    }

    #[test]
    fn payments_refunds_and_reversals() {
        let pay = payment_postings(dec!(20.5), GBP).unwrap();
        assert_eq!(
            lines(&pay),
            vec![
                ("1000", s("20.50"), s("0.00")),
                ("1100", s("0.00"), s("20.50"))
            ]
        );
        let refund = refund_postings(dec!(3), GBP).unwrap();
        assert_eq!(
            lines(&refund),
            vec![
                ("1100", s("3.00"), s("0.00")),
                ("1000", s("0.00"), s("3.00"))
            ]
        );
        let issue = issue_postings(dec!(120), dec!(20), GBP).unwrap();
        let cancel = reversal(&issue);
        assert_eq!(cancel.kind(), TransactionKind::Cancel);
        assert_eq!(reversal(&pay).kind(), TransactionKind::Reversal);
        for (a, b) in issue.postings().iter().zip(cancel.postings()) {
            assert_eq!(
                (a.account, a.debit, a.credit),
                (b.account, b.credit, b.debit)
            );
        }
        let tb = trial_balance(GBP, [&issue, &cancel]).unwrap();
        assert!(tb.accounts.iter().all(|row| row.balance.is_zero()));
        assert_eq!(
            payment_postings(dec!(-1), GBP).unwrap_err().code(),
            "ledger_negative_amount"
        );
    }

    #[test]
    fn the_constructor_refuses_what_does_not_balance() {
        let new = |postings| LedgerTransaction::new(TransactionKind::Issue, GBP, postings);
        let ar = Account::ACCOUNTS_RECEIVABLE;
        let sales = Account::SALES;
        assert_eq!(
            new(vec![
                Posting::debit(ar, dec!(10)),
                Posting::credit(sales, dec!(9.99))
            ]),
            Err(LedgerError::Unbalanced {
                debit: dec!(10.00),
                credit: dec!(9.99)
            })
        );
        assert_eq!(
            new(vec![
                Posting::debit(ar, dec!(-10)),
                Posting::credit(sales, dec!(-10))
            ])
            .unwrap_err()
            .code(),
            "ledger_negative_amount"
        );
        let both = Posting {
            account: ar,
            debit: dec!(1),
            credit: dec!(1),
        };
        assert_eq!(
            new(vec![both]).unwrap_err(),
            LedgerError::BothSides { account: "1100" }
        );
        assert_eq!(
            new(vec![Posting::debit(ar, dec!(0))]).unwrap_err().code(),
            "ledger_empty_posting"
        );
        assert_eq!(
            new(vec![
                Posting::debit(ar, dec!(1.001)),
                Posting::credit(sales, dec!(1.001))
            ])
            .unwrap_err()
            .code(),
            "ledger_precision"
        );
        assert_eq!(
            issue_postings(dec!(1.5), dec!(0), Currency::JPY)
                .unwrap_err()
                .code(),
            "ledger_precision"
        );
        assert!(new(vec![]).is_ok());
    }

    #[test]
    fn trial_balance_lists_the_chart_and_balances() {
        let txs = [
            issue_postings(dec!(120), dec!(20), GBP).unwrap(),
            payment_postings(dec!(50), GBP).unwrap(),
        ];
        let tb = trial_balance(GBP, &txs).unwrap();
        assert!(tb.is_balanced());
        assert_eq!(tb.total_debit.to_string(), "170.00");
        let codes: Vec<_> = tb.accounts.iter().map(|r| r.account).collect();
        assert_eq!(
            codes,
            ["1000", "1100", "2100", "2200", "4000", "4900", "5000"]
        );
        assert_eq!(tb.balance_of(Account::BANK), dec!(50));
        assert_eq!(tb.balance_of(Account::SALES), dec!(-100));
        assert_eq!(tb.balance_of(Account::EXPENSES).to_string(), "0.00");
        assert_eq!(receivables(GBP, &txs).unwrap().to_string(), "70.00");
        let json = serde_json::to_value(&tb).unwrap();
        assert_eq!(
            json["data"][1],
            serde_json::json!({"account": "1100", "name": "Accounts receivable",
                "debit": "120.00", "credit": "50.00", "balance": "70.00"})
        );
        assert_eq!(json["total_credit"], "170.00");
    }

    #[test]
    fn ledgers_are_per_currency() {
        let txs = [
            issue_postings(dec!(10), dec!(0), GBP).unwrap(),
            issue_postings(dec!(1500), dec!(0), Currency::JPY).unwrap(),
        ];
        assert_eq!(
            trial_balance(GBP, &txs).unwrap_err(),
            LedgerError::CurrencyMismatch {
                expected: GBP,
                found: Currency::JPY
            }
        );
        let all = trial_balances(&txs).unwrap();
        assert_eq!(all.len(), 2);
        assert_eq!(all[0].currency, GBP);
        assert_eq!(all[1].currency, Currency::JPY);
        assert_eq!(
            all[1].balance_of(Account::ACCOUNTS_RECEIVABLE).to_string(),
            "1500"
        );
    }

    #[test]
    fn transactions_round_trip_and_are_rechecked() {
        let tx = issue_postings(dec!(1140.20), dec!(86.13), GBP).unwrap();
        let json = serde_json::to_string(&tx).unwrap();
        assert_eq!(
            json,
            r#"{"kind":"issue","currency":"GBP","entries":[{"account":"1100","name":"Accounts receivable","debit":"1140.20","credit":"0.00"},{"account":"4000","name":"Sales","debit":"0.00","credit":"1054.07"},{"account":"2200","name":"Tax payable","debit":"0.00","credit":"86.13"}]}"#
        );
        let back: LedgerTransaction = serde_json::from_str(&json).unwrap();
        assert_eq!(back, tx);
        let tampered = json.replace("1054.07", "1054.06");
        assert!(serde_json::from_str::<LedgerTransaction>(&tampered).is_err());
        let unknown = json.replace(r#""account":"4000""#, r#""account":"4999""#);
        assert!(serde_json::from_str::<LedgerTransaction>(&unknown).is_err());
        assert_eq!(Account::from_code("2200"), Some(Account::TAX_PAYABLE));
        assert_eq!(Account::TAX_PAYABLE.to_string(), "2200 Tax payable");
    }
}

#[cfg(test)]
mod purchase_properties {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        /// A supplier's bill of any total, with any share of input tax,
        /// paid in any number of parts: every transaction balances, the
        /// payable is back at zero once it is all paid, and what left the
        /// bank is the bill's total to the cent.
        #[test]
        fn a_bill_paid_in_parts_loses_nothing(
            cents in 1i64..100_000_000,
            tax_permille in 0i64..=300,
            cuts in prop::collection::vec(1u32..100, 0..6),
        ) {
            let eur = Currency::EUR;
            let total = Decimal::new(cents, 2);
            let tax = (total * Decimal::new(tax_permille, 3)).round_dp(2);
            let mut transactions = vec![bill_postings(total, tax, eur).unwrap()];
            // Split the total into parts at the given cut points.
            let weight: u32 = cuts.iter().sum::<u32>().max(1);
            let mut paid = Decimal::ZERO;
            for cut in &cuts {
                let part = (total * Decimal::from(*cut) / Decimal::from(weight)).round_dp(2);
                let part = part.min(total - paid);
                if part > Decimal::ZERO {
                    transactions.push(bill_payment_postings(part, eur).unwrap());
                    paid += part;
                }
            }
            if paid < total {
                transactions.push(bill_payment_postings(total - paid, eur).unwrap());
            }
            let tb = trial_balance(eur, &transactions).unwrap();
            prop_assert!(tb.is_balanced());
            prop_assert_eq!(tb.balance_of(Account::ACCOUNTS_PAYABLE), Decimal::ZERO);
            prop_assert_eq!(tb.balance_of(Account::BANK), -total);
            prop_assert_eq!(
                tb.balance_of(Account::EXPENSES) + tb.balance_of(Account::TAX_PAYABLE),
                total
            );
        }
    }
}
