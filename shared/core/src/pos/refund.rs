//! `POST /v1/pos/sales/{id}/refund`: money back at the till, the whole
//! sale or some of its lines, through a credit note of the sale's invoice
//! (API.md §7b) that is refunded at once. **One** transaction: the credit
//! note counter, the invoice (what is credited), the credit note with its
//! refund, the ledger's credit posting and refund posting (cash-rounded,
//! the difference on 4900), the sale, and the refund's line in the day
//! book. Refunding more than was sold is the credit note's 422; two
//! refunds at once are judged one after the other.

use std::sync::Mutex;

use chrono::{DateTime, NaiveDate, Utc};
use uome_domain::cash_rounding::{cash_increment, round_cash};
use uome_domain::credit::CreditLine;
use uome_domain::ledger::cash_refund_postings;
use uome_domain::{AccountId, DocumentId};

use super::record::{Sale, SaleRefund, refund_item, sale_item, sale_key};
use crate::account::settings::Settings;
use crate::credit_notes::credit_invoice_with;
use crate::credit_notes::{CreditExtras, CreditNote, CreditNoteAt, CreditNoteInput, Refund};
use crate::error::{CoreError, CoreResult};
use crate::fetch::Fetched;
use crate::invoices::Invoice;
use crate::invoices::payments::PaymentMethod;
use crate::keys::settings_key;
use crate::ledger::{LedgerRecord, ledger_write};
use crate::ports::{Condition, Key, Ports, Write};
use crate::stored::parse_or_default;

/// What the till asks to refund.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SaleRefundInput {
    /// `None`: everything not yet refunded.
    pub lines: Option<Vec<CreditLine>>,
    /// Required.
    pub reason: Option<String>,
}

/// The refund, its credit note and the sale after it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SaleRefunded {
    pub sale: Sale,
    pub credit_note: CreditNoteAt,
    pub refund: SaleRefund,
}

/// The credit note's add-on: pay the credit back by the sale's method.
struct AtTheTill {
    key: Key,
    refund_id: String,
    ledger_id: String,
    account_id: AccountId,
    written: Mutex<Option<(Sale, SaleRefund)>>,
}

impl AtTheTill {
    fn sale(&self, fetched: &Fetched) -> CoreResult<Sale> {
        let item = fetched.get(&self.key).ok_or(CoreError::NotFound)?;
        let mut sale: Sale = item.parse()?;
        sale.version = item.version;
        Ok(sale)
    }
}

impl CreditExtras for AtTheTill {
    fn keys(&self) -> Vec<Key> {
        vec![self.key.clone()]
    }

    fn check(&self, fetched: &Fetched, invoice: &Invoice) -> CoreResult<()> {
        let sale = self.sale(fetched)?;
        if sale.invoice_id != invoice.id.as_str() {
            return Err(CoreError::internal("a sale names another invoice"));
        }
        Ok(())
    }

    fn complete(
        &self,
        fetched: &Fetched,
        note: &mut CreditNote,
        today: NaiveDate,
        now: DateTime<Utc>,
    ) -> CoreResult<Vec<Write>> {
        let sale = self.sale(fetched)?;
        let settings: Settings = parse_or_default(fetched.get(&settings_key(&self.account_id)))?;
        let currency = note.body.currency();
        // The sale was paid in full: the whole credit is open, and all of
        // it goes back.
        let credited = note.open_credit();
        let paid_back = if sale.payment_method == PaymentMethod::Cash {
            round_cash(
                credited,
                cash_increment(currency, settings.cash_rounding),
                currency,
            )
        } else {
            credited
        };
        let rounding = paid_back - credited;
        note.refunded += credited;
        note.refunds.push(Refund {
            id: self.refund_id.clone(),
            amount: credited,
            date: today,
            method: sale.payment_method,
            reference: Some(format!("Receipt {}", sale.receipt_number)),
            ledger_id: self.ledger_id.clone(),
            created_at: now,
        });
        let transaction = cash_refund_postings(credited, rounding, currency)
            .map_err(|e| CoreError::internal(format!("refund postings: {e}")))?;
        let refund = SaleRefund {
            id: self.refund_id.clone(),
            sale_id: sale.id.clone(),
            receipt_number: sale.receipt_number.clone(),
            credit_note_id: note.id.to_string(),
            credit_note_number: note.number.clone(),
            currency,
            payment_method: sale.payment_method,
            credited: note.body.total(),
            tax_breakdown: note.body.totals.tax_breakdown.clone(),
            paid_back,
            rounding,
            reason: note.reason.clone(),
            local_date: today,
            refunded_at: now,
        };
        let mut after = sale.clone();
        after.refunded += refund.credited;
        after.paid_back += paid_back;
        after.refund_ids.push(refund.id.clone());
        after.version = sale.version + 1;
        let mut writes = vec![Write::Put {
            item: sale_item(&self.account_id, &after, after.version)?,
            condition: Condition::VersionEquals(sale.version),
        }];
        if !transaction.is_empty() {
            writes.push(ledger_write(
                &self.account_id,
                &LedgerRecord {
                    id: self.ledger_id.clone(),
                    date: today,
                    description: format!(
                        "Refund of credit note {} (sale {})",
                        note.number, sale.receipt_number
                    ),
                    document_id: Some(note.id.to_string()),
                    document_number: Some(note.number.clone()),
                    transaction,
                    created_at: now,
                },
            )?);
        }
        writes.push(Write::Put {
            item: refund_item(&self.account_id, &refund)?,
            condition: Condition::NotExists,
        });
        if let Ok(mut written) = self.written.lock() {
            *written = Some((after, refund));
        }
        Ok(writes)
    }
}

/// Refunds the sale `id`: 404 unknown; 409 when all of it was refunded
/// already (`invoice_credited`); 422 for every bad field (`reason`,
/// `lines[i]…`, more than is left to refund).
pub async fn refund_sale(
    ports: &Ports,
    account_id: &AccountId,
    id: &str,
    input: SaleRefundInput,
) -> CoreResult<SaleRefunded> {
    if uuid::Uuid::try_parse(id).is_err() {
        return Err(CoreError::NotFound);
    }
    let key = sale_key(account_id, id);
    let item = ports.table.get(&key).await?.ok_or(CoreError::NotFound)?;
    let sale: Sale = item.parse()?;
    let till = AtTheTill {
        key,
        refund_id: ports.ids.new_id().to_string(),
        ledger_id: ports.ids.new_id().to_string(),
        account_id: account_id.clone(),
        written: Mutex::new(None),
    };
    let credit_note = credit_invoice_with(
        ports,
        account_id,
        &DocumentId::from(sale.invoice_id.as_str()),
        CreditNoteInput {
            reason: input.reason,
            lines: input.lines,
            issue_date: None,
        },
        &till,
    )
    .await?;
    let written = till.written.lock().ok().and_then(|mut w| w.take());
    let (sale, refund) =
        written.ok_or_else(|| CoreError::internal("a refund was written without its sale"))?;
    Ok(SaleRefunded {
        sale,
        credit_note,
        refund,
    })
}
