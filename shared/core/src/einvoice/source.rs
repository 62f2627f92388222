//! What each document kind gives its e-invoice: an issued invoice its
//! due date, delivery date, payments and payment instructions; a credit
//! note the invoice it corrects and its reason.

use uome_domain::{Decimal, InvoiceStatus};
use uome_einvoice::{DocumentType, PrecedingInvoice};

use super::build::Source;
use crate::credit_notes::CreditNote;
use crate::documents::Document;
use crate::error::{CoreError, CoreResult};
use crate::invoices::record::Invoice;

/// A document kind that has an e-invoice.
pub(crate) trait EInvoiceDocument: Document {
    /// 409 when the document has none (a draft, a cancelled invoice).
    fn check_einvoice(&self) -> CoreResult<()>;
    fn einvoice_source(&self) -> CoreResult<Source<'_>>;
}

impl Source<'_> {
    /// Factur-X's `fx:DocumentType`: `INVOICE` for the whole invoice
    /// family (Factur-X 1.0 defines no other for it; the XML's type code,
    /// 380 or 381, says which).
    pub(crate) fn document_type_name(&self) -> &'static str {
        match self.document_type {
            DocumentType::Invoice | DocumentType::CreditNote => "INVOICE",
        }
    }
}

impl EInvoiceDocument for Invoice {
    fn check_einvoice(&self) -> CoreResult<()> {
        if self.is_draft() || self.status == InvoiceStatus::Cancelled {
            return Err(CoreError::conflict(
                "einvoice_unavailable",
                "Only an issued invoice has an e-invoice: issue the draft first; a cancelled one has none.",
            )
            .with_extra("current_status", self.status.as_str()));
        }
        Ok(())
    }

    fn einvoice_source(&self) -> CoreResult<Source<'_>> {
        let instructions = self.payment_instructions.clone().unwrap_or_default();
        let prepaid = self
            .amount_paid
            .checked_add(self.credit.credited_to_due)
            .ok_or_else(|| CoreError::internal("settled amount overflows"))?;
        let mut notes = Vec::new();
        if !self.credit.credited_to_due.is_zero() {
            notes.push(format!(
                "The paid amount includes {} {} credited by credit notes.",
                self.credit.credited_to_due,
                self.body.currency().code()
            ));
        }
        Ok(Source {
            document_type: DocumentType::Invoice,
            number: &self.number,
            body: &self.body,
            due_date: Some(self.due_date),
            delivery_date: self.delivery_date,
            prepaid,
            iban: instructions.iban,
            bic: instructions.bic,
            remittance: instructions.reference,
            wants_payment: true,
            preceding: None,
            notes,
            terms: None,
        })
    }
}

impl EInvoiceDocument for CreditNote {
    fn check_einvoice(&self) -> CoreResult<()> {
        Ok(())
    }

    fn einvoice_source(&self) -> CoreResult<Source<'_>> {
        Ok(Source {
            document_type: DocumentType::CreditNote,
            number: &self.number,
            body: &self.body,
            due_date: None,
            delivery_date: None,
            prepaid: Decimal::ZERO,
            iban: None,
            bic: None,
            remittance: None,
            wants_payment: false,
            preceding: Some(PrecedingInvoice {
                number: self.invoice_number.clone(),
                issue_date: None,
            }),
            notes: Some(self.reason.trim())
                .filter(|r| !r.is_empty())
                .map(|r| format!("Reason: {r}"))
                .into_iter()
                .collect(),
            terms: Some(format!(
                "Credited against invoice {}: set off against its amount due; any excess is refunded or held as credit.",
                self.invoice_number
            )),
        })
    }
}
