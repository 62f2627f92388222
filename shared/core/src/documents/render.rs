//! A stored quote or invoice as the PDF the customer gets.
//!
//! Three steps, each usable alone:
//!
//! 1. [`load_render_context`]: one batch read of the company, the bank
//!    details and the contact, then the company logo from the blob store;
//! 2. [`document_view`]: a pure function from the stored document to
//!    `uome_pdf`'s display model, every amount formatted from the totals the
//!    domain stored (never recomputed), so the PDF cannot disagree with the
//!    API;
//! 3. [`render_document_pdf`]: the PDF bytes.
//!
//! The emails that carry the PDF are [`super::mail`]'s. What is printed is
//! described in docs/pdf-email.md.

pub(super) mod format;
mod lines;
mod parties;

use std::fmt;
use uome_domain::AccountId;
use uome_domain::ContactId;

use chrono::NaiveDate;
use uome_domain::Decimal;
/// Re-exported so callers name the kind without depending on `uome-pdf`.
pub use uome_pdf::{DocumentKind, DocumentView};
use uome_pdf::{Field, PdfError, render_pdf};

use super::DocumentBody;
use crate::account::bank::Bank;
use crate::account::company::Company;
use crate::account::settings::Settings;
use crate::contacts::{Contact, contact_from_item};
use crate::error::{CoreError, CoreResult};
use crate::fetch::Fetched;
use crate::keys::{bank_key, company_key, contact_key, settings_key};
use crate::ports::Ports;
use crate::stored::parse_or_default;

/// Logos larger than this are left off: decoding a 20 MiB image would cost
/// a 128 MB Lambda more memory than the whole invoice (the avatar and logo
/// upload limit is 5 MiB; larger files came in as other uploads).
pub const MAX_LOGO_BYTES: usize = 5 * 1024 * 1024;

/// What the stored document body does not say: which document it is and
/// its type-specific fields. Build it from the quote or invoice record;
/// every field but `kind` and `number` may stay `None`.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct DocumentMeta {
    /// `DocumentKind::Quote` or `DocumentKind::Invoice`.
    pub kind: DocumentKind,
    pub number: String,
    /// The API status (`draft`, `partially_paid`…), printed as a badge
    /// ("Partially paid"); `None` prints none.
    pub status: Option<String>,
    /// Invoices.
    pub due_date: Option<NaiveDate>,
    /// Quotes.
    pub valid_until: Option<NaiveDate>,
    /// Invoices: printed as "Delivery date".
    pub delivery_date: Option<NaiveDate>,
    /// Invoices: printed when not zero.
    pub amount_paid: Option<Decimal>,
    /// Invoices: the highlighted "Amount due" row; zero or less also hides
    /// the payment details (nothing left to pay).
    pub amount_due: Option<Decimal>,
    /// What the payer should quote; default: `number`.
    pub payment_reference: Option<String>,
    /// The invoice's own `payment_instructions.iban`, overriding the
    /// account's bank IBAN.
    pub payment_iban: Option<String>,
    /// The invoice's own `payment_instructions.bic`.
    pub payment_bic: Option<String>,
    /// More labelled values, printed after the document's own (a receipt's
    /// payment method, tendered amount and change).
    pub extra_fields: Vec<Field>,
}

impl DocumentMeta {
    /// A quote's meta with only its number set.
    pub fn quote(number: impl Into<String>) -> Self {
        Self {
            kind: DocumentKind::Quote,
            number: number.into(),
            ..Self::default()
        }
    }

    /// An invoice's meta with only its number set.
    pub fn invoice(number: impl Into<String>) -> Self {
        Self {
            kind: DocumentKind::Invoice,
            number: number.into(),
            ..Self::default()
        }
    }
}

/// The account data a document is printed with. `contact` is `None` when
/// the contact was deleted since the document was written.
#[derive(Clone, Default)]
pub struct RenderContext {
    pub company: Company,
    pub bank: Bank,
    pub contact: Option<Contact>,
    /// PNG or JPEG bytes of the company logo, when it has one that loaded.
    pub logo: Option<Vec<u8>>,
    /// `settings.custom_field_labels`: what each custom field is printed as.
    pub custom_field_labels: Vec<Option<String>>,
}

impl fmt::Debug for RenderContext {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // Bank's own Debug masks the account number; the logo is just bytes.
        f.debug_struct("RenderContext")
            .field("company", &self.company.name)
            .field("bank", &self.bank)
            .field("contact", &self.contact.as_ref().map(|c| &c.id))
            .field("logo_bytes", &self.logo.as_ref().map(Vec::len))
            .finish()
    }
}

/// Reads what [`document_view`] needs: company, bank details and the
/// contact in one batch read, then the logo blob. A missing company or bank
/// item reads as its defaults; a missing contact is `None` (deleted
/// contacts still get their old documents printed). A logo that is missing,
/// too large or unreadable is left off with a warning: it never fails the
/// document.
pub async fn load_render_context(
    ports: &Ports,
    account_id: &AccountId,
    contact_id: &ContactId,
) -> CoreResult<RenderContext> {
    let mut keys = vec![
        company_key(account_id),
        bank_key(account_id),
        settings_key(account_id),
    ];
    if !contact_id.is_empty() {
        keys.push(contact_key(account_id, contact_id));
    }
    let mut fetched = Fetched::read(ports.table.as_ref(), keys).await?;
    let company: Company = parse_or_default(fetched.take(&company_key(account_id)))?;
    let bank: Bank = parse_or_default(fetched.take(&bank_key(account_id)))?;
    let settings: Settings = parse_or_default(fetched.take(&settings_key(account_id)))?;
    let contact = if contact_id.is_empty() {
        None
    } else {
        fetched
            .take(&contact_key(account_id, contact_id))
            .map(|item| contact_from_item(&item))
            .transpose()?
    };
    let logo = match company.logo_key.as_deref() {
        Some(key) => load_logo(ports, account_id, key).await,
        None => None,
    };
    Ok(RenderContext {
        company,
        bank,
        contact,
        logo,
        custom_field_labels: settings.custom_field_labels,
    })
}

async fn load_logo(ports: &Ports, account_id: &AccountId, key: &str) -> Option<Vec<u8>> {
    match ports.blobs.get(key).await {
        Ok(Some(bytes)) if bytes.len() <= MAX_LOGO_BYTES => Some(bytes),
        Ok(Some(bytes)) => {
            tracing::warn!(
                account_id = %account_id,
                size = bytes.len(),
                "company logo too large for documents; left off"
            );
            None
        }
        Ok(None) => {
            tracing::warn!(account_id = %account_id, "company logo object is missing; left off");
            None
        }
        Err(e) => {
            tracing::warn!(account_id = %account_id, error = %e, "company logo could not be read; left off");
            None
        }
    }
}

/// The document as `uome_pdf` displays it (pure; see docs/pdf-email.md for
/// what goes where).
pub fn document_view(
    meta: &DocumentMeta,
    body: &DocumentBody,
    ctx: &RenderContext,
) -> DocumentView {
    let currency = body.currency();
    let is_invoice = meta.kind == DocumentKind::Invoice;
    let heading = capitalise(meta.kind.noun());
    let title = match body.title.as_deref().map(str::trim) {
        Some(t) if !t.is_empty() => format!("{heading} – {t}"),
        _ => heading,
    };
    let status = meta
        .status
        .as_deref()
        .map(format::status)
        .filter(|s| !s.is_empty());
    let mut extra_fields = Vec::new();
    if let Some(day) = meta.delivery_date {
        extra_fields.push(Field {
            label: "Delivery date".into(),
            value: format::date(day),
        });
    }
    extra_fields.extend(parties::document_fields(body, ctx));
    extra_fields.extend(meta.extra_fields.iter().cloned());
    // "VAT" only where the business is VAT-registered; elsewhere the neutral word.
    let tax_name = if ctx
        .company
        .vat_number
        .as_deref()
        .is_some_and(|v| !v.trim().is_empty())
    {
        "VAT"
    } else {
        "Tax"
    };
    let cancelled = meta.status.as_deref().map(str::trim) == Some("cancelled");
    let payment_instructions = if is_invoice && !cancelled && lines::is_owed(meta.amount_due) {
        let reference = meta
            .payment_reference
            .as_deref()
            .map(str::trim)
            .filter(|r| !r.is_empty())
            .unwrap_or(&meta.number);
        parties::payment_instructions(
            &ctx.bank,
            &ctx.company.name,
            meta.payment_iban.as_deref(),
            meta.payment_bic.as_deref(),
            reference,
        )
    } else {
        None
    };

    DocumentView {
        kind: meta.kind,
        title,
        number: meta.number.clone(),
        issue_date: format::date(body.issue_date),
        due_date: meta.due_date.map(format::date),
        valid_until: meta.valid_until.map(format::date),
        reference: body.reference.clone(),
        status,
        extra_fields,
        company: parties::company(&ctx.company),
        logo: ctx.logo.clone(),
        customer: parties::customer(ctx.contact.as_ref(), body),
        currency: currency.code().to_owned(),
        lines: lines::lines(body),
        subtotal: format::money(body.totals.subtotal, currency),
        discount: lines::discount(body),
        tax_breakdown: lines::tax_breakdown(body, tax_name),
        tax_total: format::money(body.totals.tax_amount, currency),
        total: format::money(body.totals.total, currency),
        amount_paid: meta
            .amount_paid
            .filter(|paid| !paid.is_zero())
            .map(|paid| format::money(paid, currency)),
        amount_due: meta.amount_due.map(|due| format::money(due, currency)),
        cash_discounts: lines::cash_discounts(&body.totals, currency, body.issue_date, is_invoice),
        payment_instructions,
        notes: body.notes.clone(),
        terms: body.terms.clone(),
        footer: body.footer.clone(),
        qr_bill: crate::invoices::qr_bill::qr_bill_view(meta, body, ctx),
    }
}

/// The PDF of the document. A logo the renderer cannot read (a WebP, a
/// damaged file) is dropped and the document rendered without it.
pub fn render_document_pdf(
    meta: &DocumentMeta,
    body: &DocumentBody,
    ctx: &RenderContext,
) -> CoreResult<Vec<u8>> {
    render_view_pdf(&mut document_view(meta, body, ctx))
}

/// The PDF of a view; drops `view.logo` when the renderer cannot read it.
pub(crate) fn render_view_pdf(view: &mut DocumentView) -> CoreResult<Vec<u8>> {
    render_view_with(view, render_pdf)
}

/// The view through `render` (plain, or Factur-X); drops `view.logo` when
/// the renderer cannot read it.
pub(crate) fn render_view_with(
    view: &mut DocumentView,
    render: impl Fn(&DocumentView) -> Result<Vec<u8>, PdfError>,
) -> CoreResult<Vec<u8>> {
    match render(view) {
        Err(PdfError::Logo(reason)) if view.logo.is_some() => {
            tracing::warn!(number = %view.number, %reason, "company logo unreadable; rendered without it");
            view.logo = None;
            render(view).map_err(pdf_error)
        }
        other => other.map_err(pdf_error),
    }
}

/// The view as a POS receipt on an 80 mm roll (no logo).
pub(crate) fn render_receipt_view_pdf(view: &DocumentView) -> CoreResult<Vec<u8>> {
    uome_pdf::render_receipt_pdf(view).map_err(pdf_error)
}

fn pdf_error(e: PdfError) -> CoreError {
    CoreError::internal(format!("PDF rendering failed: {e}"))
}

fn capitalise(word: &str) -> String {
    let mut chars = word.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}
