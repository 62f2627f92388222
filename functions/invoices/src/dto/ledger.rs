//! Response and query shapes of the ledger routes. Money is a decimal
//! string at the currency's scale (`"120.00"`, `"1500"` for JPY); the side
//! a posting is not on reads `"0.00"`.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use uome_core::ledger::{Balances, LedgerRecord};
use uome_domain::ledger::{AccountBalance, TransactionKind};
use uome_domain::{Currency, Decimal, Posting, format_amount};
use utoipa::{IntoParams, ToSchema};

/// One posting: a debit or a credit on one account of the chart.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct LedgerEntryView {
    /// Account code of the default chart (`1000`, `1100`, `2200`, `4000`, `5000`).
    #[schema(example = "1100")]
    pub account: String,
    #[schema(example = "Accounts receivable")]
    pub name: String,
    #[schema(example = "120.00")]
    pub debit: String,
    #[schema(example = "0.00")]
    pub credit: String,
}

/// One balanced ledger transaction (Σ debit = Σ credit).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct LedgerTransactionView {
    pub id: String,
    /// The business date of the event (issue, payment or cancel date).
    pub date: NaiveDate,
    #[schema(example = "Invoice INV-0001 issued")]
    pub description: String,
    /// The document that caused it (an invoice).
    pub document_id: Option<String>,
    #[schema(example = "INV-0001")]
    pub document_number: Option<String>,
    /// ISO 4217 code; every amount of the transaction is in it.
    #[schema(example = "GBP")]
    pub currency: String,
    /// `issue`, `payment`, `cancel`, `refund`, `reversal`, `credit` or
    /// `credit_applied`.
    #[schema(example = "issue")]
    pub kind: String,
    pub entries: Vec<LedgerEntryView>,
}

/// The API shape of a stored transaction (also answers
/// `GET /v1/invoices/{id}/ledger`).
pub fn transaction_view(record: &LedgerRecord) -> LedgerTransactionView {
    let transaction = &record.transaction;
    let currency = transaction.currency();
    LedgerTransactionView {
        id: record.id.clone(),
        date: record.date,
        description: record.description.clone(),
        document_id: record.document_id.clone(),
        document_number: record.document_number.clone(),
        currency: currency.code().to_string(),
        kind: kind_name(transaction.kind()).to_string(),
        entries: transaction
            .postings()
            .iter()
            .map(|posting| entry_view(posting, currency))
            .collect(),
    }
}

fn entry_view(posting: &Posting, currency: Currency) -> LedgerEntryView {
    LedgerEntryView {
        account: posting.account.code().to_string(),
        name: posting.account.name().to_string(),
        debit: money(posting.debit, currency),
        credit: money(posting.credit, currency),
    }
}

/// The same words the stored kind uses.
pub fn kind_name(kind: TransactionKind) -> &'static str {
    match kind {
        TransactionKind::Issue => "issue",
        TransactionKind::Payment => "payment",
        TransactionKind::Cancel => "cancel",
        TransactionKind::Refund => "refund",
        TransactionKind::Reversal => "reversal",
        TransactionKind::Credit => "credit",
        TransactionKind::CreditApplied => "credit_applied",
        TransactionKind::Bill => "bill",
        TransactionKind::BillPayment => "bill_payment",
    }
}

// Amounts are already at the currency's scale; formatting through the
// domain keeps the string exact (padding, never "-0.00") whatever the
// stored scale was.
fn money(amount: Decimal, currency: Currency) -> String {
    format_amount(amount, currency)
}

/// `GET /v1/ledger/transactions` filters (plus `limit` and `cursor`).
#[derive(Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct TransactionsQuery {
    /// `YYYY-MM`: transactions dated that month.
    pub month: Option<String>,
    /// Transactions of one document (an invoice's issue, payments, cancel).
    #[serde(default, deserialize_with = "uome_http::query_id::optional")]
    #[param(value_type = Option<uuid::Uuid>)]
    pub document_id: Option<String>,
    /// 1–200, default 50.
    pub limit: Option<u32>,
    /// The `next_cursor` of the previous page.
    pub cursor: Option<String>,
}

/// `GET /v1/ledger/balances` options.
#[derive(Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct BalancesQuery {
    /// ISO 4217 code of the ledger to balance; default the company's
    /// default currency. Ledgers are per currency: amounts in different
    /// currencies are never added.
    pub currency: Option<String>,
}

/// One account of the trial balance.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct BalanceRow {
    #[schema(example = "1100")]
    pub account: String,
    #[schema(example = "Accounts receivable")]
    pub name: String,
    #[schema(example = "120.00")]
    pub debit: String,
    #[schema(example = "50.00")]
    pub credit: String,
    /// debit − credit: receivables and the bank positive, sales and tax
    /// payable negative.
    #[schema(example = "70.00")]
    pub balance: String,
}

/// The trial balance of one currency's ledger: every account of the chart
/// (zeros included); `total_debit` always equals `total_credit`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct BalancesView {
    #[schema(example = "GBP")]
    pub currency: String,
    /// Every currency the ledger has postings in, in code order.
    pub currencies: Vec<String>,
    pub data: Vec<BalanceRow>,
    #[schema(example = "170.00")]
    pub total_debit: String,
    #[schema(example = "170.00")]
    pub total_credit: String,
}

impl From<Balances> for BalancesView {
    fn from(balances: Balances) -> Self {
        let tb = balances.trial_balance;
        let currency = tb.currency;
        BalancesView {
            currency: currency.code().to_string(),
            currencies: balances
                .currencies
                .iter()
                .map(|c| c.code().to_string())
                .collect(),
            data: tb
                .accounts
                .iter()
                .map(|row| balance_row(row, currency))
                .collect(),
            total_debit: money(tb.total_debit, currency),
            total_credit: money(tb.total_credit, currency),
        }
    }
}

fn balance_row(row: &AccountBalance, currency: Currency) -> BalanceRow {
    BalanceRow {
        account: row.account.to_string(),
        name: row.name.to_string(),
        debit: money(row.debit, currency),
        credit: money(row.credit, currency),
        balance: money(row.balance, currency),
    }
}
