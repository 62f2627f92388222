//! E-invoices (API.md §14): an issued invoice or a credit note as EN 16931
//! in UBL 2.1 (Peppol BIS Billing 3.0), CII D16B, or Factur-X (the PDF as
//! PDF/A-3 with the CII embedded as `factur-x.xml`).
//!
//! `GET /v1/invoices/{id}/einvoice?format=…` and
//! `GET /v1/credit-notes/{id}/einvoice?format=…`: one read of the document,
//! one batch read of company, bank and contact, one read of the settings;
//! nothing is written. What the standard needs and the account or contact
//! lacks is a 422 `einvoice_incomplete` naming every field at once, never
//! an invalid file. docs/einvoices.md has the BT/BG mapping.

mod build;
mod source;
mod vat;

use uome_domain::{AccountId, DocumentId, FieldError};
use uome_einvoice::{cii, ubl};

use crate::account::settings::load_settings;
use crate::documents::Viewer;
use crate::documents::load::load_for_print;
use crate::documents::render::{document_view, render_view_with};
use crate::error::{CoreError, CoreResult};
use crate::ports::Ports;

use source::EInvoiceDocument;

/// The three syntaxes (`format=`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum EInvoiceFormat {
    /// UBL 2.1, Peppol BIS Billing 3.0.
    Ubl,
    /// UN/CEFACT CII D16B, EN 16931 profile.
    Cii,
    /// Factur-X / ZUGFeRD EN 16931: PDF/A-3 with the CII inside.
    FacturX,
}

impl EInvoiceFormat {
    /// `ubl`, `cii` or `facturx`; anything else is a 422 on `format`.
    pub fn parse(value: Option<&str>) -> CoreResult<Self> {
        match value.map(str::trim) {
            Some("ubl") | None => Ok(Self::Ubl),
            Some("cii") => Ok(Self::Cii),
            Some("facturx") => Ok(Self::FacturX),
            Some(_) => Err(CoreError::invalid_field(
                "format",
                "must be ubl, cii or facturx",
            )),
        }
    }

    pub fn content_type(self) -> &'static str {
        match self {
            Self::Ubl | Self::Cii => "application/xml",
            Self::FacturX => "application/pdf",
        }
    }

    /// The downloaded file's extension.
    pub fn extension(self) -> &'static str {
        match self {
            Self::Ubl => "ubl.xml",
            Self::Cii => "cii.xml",
            Self::FacturX => "pdf",
        }
    }
}

/// The e-invoice file and what names it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EInvoiceFile {
    pub number: String,
    pub fallback_name: &'static str,
    pub format: EInvoiceFormat,
    pub bytes: Vec<u8>,
}

/// `GET /v1/invoices/{id}/einvoice`: 404 unknown, 409
/// `einvoice_unavailable` for a draft or cancelled invoice.
pub async fn invoice_einvoice(
    ports: &Ports,
    account_id: &AccountId,
    id: &DocumentId,
    format: EInvoiceFormat,
) -> CoreResult<EInvoiceFile> {
    einvoice::<crate::invoices::record::Invoice>(ports, account_id, id, format).await
}

/// `GET /v1/credit-notes/{id}/einvoice`: 404 unknown.
pub async fn credit_note_einvoice(
    ports: &Ports,
    account_id: &AccountId,
    id: &DocumentId,
    format: EInvoiceFormat,
) -> CoreResult<EInvoiceFile> {
    einvoice::<crate::credit_notes::CreditNote>(ports, account_id, id, format).await
}

/// The account's document `id` as an e-invoice in `format`.
async fn einvoice<D: EInvoiceDocument>(
    ports: &Ports,
    account_id: &AccountId,
    id: &DocumentId,
    format: EInvoiceFormat,
) -> CoreResult<EInvoiceFile> {
    let (at, ctx) = load_for_print::<D>(ports, account_id, id, Viewer::Business).await?;
    D::check_einvoice(&at.document)?;
    let settings = load_settings(ports.table.as_ref(), account_id).await?;
    let source = D::einvoice_source(&at.document)?;
    let model = build::build(&source, &ctx, &settings, format == EInvoiceFormat::Ubl)
        .map_err(incomplete)?;
    let xml = |write: fn(&uome_einvoice::EInvoice) -> std::io::Result<Vec<u8>>| {
        write(&model).map_err(|e| CoreError::internal(format!("e-invoice XML: {e}")))
    };
    let bytes = match format {
        EInvoiceFormat::Ubl => xml(ubl::write)?,
        EInvoiceFormat::Cii => xml(cii::write)?,
        EInvoiceFormat::FacturX => {
            let embedded = xml(cii::write)?;
            let mut view = document_view(&D::meta(&at)?, at.document.body(), &ctx);
            let now = ports.clock.now();
            render_view_with(&mut view, |v| {
                uome_pdf::render_facturx_pdf(v, &embedded, source.document_type_name(), now)
            })?
        }
    };
    Ok(EInvoiceFile {
        number: at.document.number().to_owned(),
        fallback_name: D::FILE_FALLBACK,
        format,
        bytes,
    })
}

fn incomplete(errors: Vec<FieldError>) -> CoreError {
    CoreError::Unprocessable {
        code: "einvoice_incomplete".into(),
        detail: "The e-invoice cannot be made until these are filled in.".into(),
        errors,
    }
}
