//! What makes an invoice a [`Document`]: its key, its draft status, how it
//! is printed (status, due date, amounts paid and due, its own payment
//! instructions) and when its state machine allows a reminder (open).
//! Everything else an invoice shares comes from `documents/`.

use uome_domain::invoice_state::check;
use uome_domain::{InvoiceAction, InvoiceStatus, TransitionError};

use super::record::Invoice;
use crate::documents::document::document_fields;
use crate::documents::render::DocumentMeta;
use crate::documents::{At, Document};
use crate::error::CoreResult;
use crate::keys::DocType;

/// An invoice with the day it was read on, which decides whether it shows
/// as overdue.
pub type InvoiceAt = At<Invoice>;

impl At<Invoice> {
    pub fn is_overdue(&self) -> bool {
        self.document.is_overdue(self.today)
    }
}

impl Document for Invoice {
    const KIND: DocType = DocType::Invoice;
    const FILE_FALLBACK: &'static str = "invoice";

    document_fields!();

    fn is_draft(&self) -> bool {
        self.status == InvoiceStatus::Draft
    }

    fn meta(at: &InvoiceAt) -> CoreResult<DocumentMeta> {
        let invoice = &at.document;
        let instructions = invoice.payment_instructions.clone().unwrap_or_default();
        Ok(DocumentMeta {
            status: Some(invoice.status.as_str().to_string()),
            due_date: Some(invoice.due_date),
            delivery_date: invoice.delivery_date,
            amount_paid: Some(invoice.amount_paid),
            amount_due: Some(invoice.amount_due()?),
            payment_reference: instructions.reference,
            payment_iban: instructions.iban,
            payment_bic: instructions.bic,
            ..DocumentMeta::invoice(invoice.number.clone())
        })
    }

    fn may_remind(at: &InvoiceAt) -> Result<(), TransitionError> {
        let invoice = &at.document;
        check(invoice.status, InvoiceAction::Remind, invoice.amount_paid)
    }
}
