//! The stored invoice and the items derived from it.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use uome_domain::DocumentId;
use uome_domain::ledger::issue_postings;
use uome_domain::{Decimal, InvoiceStatus, decimal_string};

use crate::documents::DocumentBody;
use crate::error::{CoreError, CoreResult};
use crate::ledger::LedgerRecord;

/// Where an invoice came from (API.md §7 `source`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum InvoiceSource {
    Api,
    Quote,
    Order,
    Pos,
    Recurring,
    Import,
}

/// What the client should quote when paying by bank transfer.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PaymentInstructions {
    #[serde(default)]
    pub iban: Option<String>,
    #[serde(default)]
    pub reference: Option<String>,
    /// The bank's BIC for `iban` (BT-86), when the client gave one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub bic: Option<String>,
}

impl PaymentInstructions {
    /// The instructions of the invoice `id` numbered `number`, paid into
    /// `iban`. A Swiss or Liechtenstein IBAN on a CHF or EUR invoice gets
    /// the QR-bill's own reference (API.md §14): a QR reference for a
    /// QR-IBAN (26 digits of the invoice id and the check digit), else an
    /// ISO 11649 creditor reference of the invoice number; any other IBAN
    /// the invoice number, as the payer quotes it.
    pub fn for_invoice(
        iban: Option<String>,
        number: &str,
        id: &DocumentId,
        currency: uome_domain::Currency,
    ) -> Self {
        use uome_domain::payment_reference::{creditor_reference, is_qr_iban, qr_reference};
        let swiss = iban
            .as_deref()
            .is_some_and(|i| i.starts_with("CH") || i.starts_with("LI"))
            && matches!(
                currency,
                uome_domain::Currency::CHF | uome_domain::Currency::EUR
            );
        let reference = if !swiss {
            number.to_string()
        } else if iban.as_deref().is_some_and(is_qr_iban) {
            let digits = uuid::Uuid::try_parse(id)
                .map(|u| u.as_u128().to_string())
                .unwrap_or_default();
            let tail = &digits[digits.len().saturating_sub(26)..];
            qr_reference(tail).unwrap_or_else(|| number.to_string())
        } else {
            let alnum: String = number.chars().filter(char::is_ascii_alphanumeric).collect();
            let tail = &alnum[alnum.len().saturating_sub(21)..];
            creditor_reference(tail).unwrap_or_else(|| number.to_string())
        };
        Self {
            iban,
            bic: None,
            reference: Some(reference),
        }
    }
}

/// What an imported invoice keeps of its row (API.md §11, seed 003): the
/// customer number it belongs to, what had been paid before the import
/// (in `amount_paid` and the ledger, but not a payment of Uome's), and the
/// seed's other keys as the other system sent them.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImportedInvoice {
    pub customer_number: String,
    #[serde(with = "decimal_string")]
    pub paid_before_import: Decimal,
    #[serde(default)]
    pub fields: std::collections::BTreeMap<String, serde_json::Value>,
}

/// What credit notes did to an invoice: how much they credited, how much
/// of that came off the amount due (the rest became the contact's credit),
/// which credit notes, and how much of each line they took.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct InvoiceCredit {
    #[serde(default, with = "decimal_string")]
    pub credited_amount: Decimal,
    #[serde(default, with = "decimal_string")]
    pub credited_to_due: Decimal,
    #[serde(default)]
    pub credit_note_ids: Vec<String>,
    #[serde(default)]
    pub lines: Vec<CreditedQuantity>,
    /// Every item line credited in full: status `credited`.
    #[serde(default)]
    pub complete: bool,
    /// The credit notes' totals per tax rate, so the last one takes
    /// exactly what is left.
    #[serde(default)]
    pub totals: uome_domain::credit::CreditedTotals,
}

/// How much of one invoice line (1-based position) is credited.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CreditedQuantity {
    pub position: u32,
    #[serde(with = "decimal_string")]
    pub quantity: Decimal,
}

impl InvoiceCredit {
    pub fn by_line(&self) -> std::collections::BTreeMap<u32, Decimal> {
        self.lines
            .iter()
            .map(|l| (l.position, l.quantity))
            .collect()
    }

    pub fn set_lines(&mut self, credited: &std::collections::BTreeMap<u32, Decimal>) {
        self.lines = credited
            .iter()
            .map(|(&position, &quantity)| CreditedQuantity { position, quantity })
            .collect();
    }
}

/// `ACCOUNT#<acc>` / `INVOICE#<id>`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Invoice {
    pub id: DocumentId,
    pub number: String,
    pub status: InvoiceStatus,
    pub body: DocumentBody,
    pub due_date: NaiveDate,
    #[serde(default)]
    pub delivery_date: Option<NaiveDate>,
    #[serde(default)]
    pub payment_instructions: Option<PaymentInstructions>,
    #[serde(with = "decimal_string")]
    pub amount_paid: Decimal,
    /// Payments recorded, at most [`MAX_PAYMENTS`](crate::invoices::payments::MAX_PAYMENTS):
    /// the bound that keeps its payment list and ledger one small answer.
    #[serde(default)]
    pub payment_count: u32,
    #[serde(default)]
    pub dunning_level: u32,
    pub source: InvoiceSource,
    #[serde(default)]
    pub source_id: Option<String>,
    #[serde(default)]
    pub issued_at: Option<DateTime<Utc>>,
    #[serde(default)]
    pub sent_at: Option<DateTime<Utc>>,
    #[serde(default)]
    pub paid_at: Option<DateTime<Utc>>,
    #[serde(default)]
    pub cancelled_at: Option<DateTime<Utc>>,
    #[serde(default)]
    pub cancel_reason: Option<String>,
    /// When the last one-off reminder went out (24 h throttle).
    #[serde(default)]
    pub last_reminded_at: Option<DateTime<Utc>>,
    /// What credit notes did to it (API.md §7b).
    #[serde(default)]
    pub credit: InvoiceCredit,
    /// What a bulk import brought (`source: import` only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub imported: Option<ImportedInvoice>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    /// The item's version (not stored in the data; conditions use it).
    #[serde(skip)]
    pub version: u64,
}

impl Invoice {
    /// A new draft, not numbered yet (the number comes with its counter in
    /// the create transaction): what `POST /v1/invoices`, a quote's
    /// approval and a recurring period all start from.
    pub fn new_draft(
        id: DocumentId,
        body: DocumentBody,
        due_date: NaiveDate,
        source: InvoiceSource,
        source_id: Option<String>,
        now: DateTime<Utc>,
    ) -> Self {
        Self {
            id,
            number: String::new(),
            status: InvoiceStatus::Draft,
            body,
            due_date,
            delivery_date: None,
            payment_instructions: None,
            amount_paid: Decimal::ZERO,
            payment_count: 0,
            dunning_level: 0,
            source,
            source_id,
            issued_at: None,
            sent_at: None,
            paid_at: None,
            cancelled_at: None,
            cancel_reason: None,
            last_reminded_at: None,
            credit: InvoiceCredit::default(),
            imported: None,
            created_at: now,
            updated_at: now,
            version: 1,
        }
    }

    /// total − amount_paid − what credit notes took off it.
    pub fn amount_due(&self) -> CoreResult<Decimal> {
        let settled = self
            .amount_paid
            .checked_add(self.credit.credited_to_due)
            .ok_or_else(|| CoreError::internal("settled amount overflows"))?;
        uome_domain::amount_due(self.body.total(), settled, self.body.currency())
            .map_err(CoreError::from)
    }

    /// The status its money and credit give an issued invoice.
    pub fn settled_status(&self) -> InvoiceStatus {
        uome_domain::invoice_state::after_settlement(
            self.body.total(),
            self.amount_paid,
            self.credit.credited_to_due,
            self.credit.complete,
        )
    }

    /// Open (issued or partially paid) and past its due date, today being
    /// today in the account's time zone.
    pub fn is_overdue(&self, today: NaiveDate) -> bool {
        uome_domain::invoice_state::is_overdue(self.status, self.due_date, today)
    }
}

/// The ledger transaction issuing `invoice` posts (Dr 1100 total / Cr 4000
/// net / Cr 2200 tax), dated its issue date. `None` for a zero invoice,
/// which posts nothing.
pub fn issue_ledger_record(
    invoice: &Invoice,
    ledger_id: String,
    now: DateTime<Utc>,
) -> CoreResult<Option<LedgerRecord>> {
    let transaction = issue_postings(
        invoice.body.total(),
        invoice.body.tax_amount(),
        invoice.body.currency(),
    )
    .map_err(|e| CoreError::internal(format!("issue postings: {e}")))?;
    if transaction.is_empty() {
        return Ok(None);
    }
    Ok(Some(LedgerRecord {
        id: ledger_id,
        date: invoice.body.issue_date,
        description: format!("Invoice {} issued", invoice.number),
        document_id: Some(invoice.id.to_string()),
        document_number: Some(invoice.number.clone()),
        transaction,
        created_at: now,
    }))
}
