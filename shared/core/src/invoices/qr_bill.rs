//! The Swiss QR-bill of an invoice (API.md §14): for a CHF or EUR invoice
//! paid into a Swiss or Liechtenstein IBAN, the Swiss QR Code of SIX's
//! Implementation Guidelines 2.3 as SVG (`GET /v1/invoices/{id}/qr-bill`):
//! 46 × 46 mm, error correction M, the Swiss cross 7 × 7 mm in its middle.
//!
//! The data is `uome_domain::swiss_qr`'s payload, from the stored invoice
//! (amount due, the reference issuing stored in `payment_instructions`),
//! the company (the creditor) and the contact's billing address (the
//! debtor, when it is complete). What the bill needs and the account
//! lacks is a 422 `qr_bill_incomplete` naming each field.

use std::fmt::Write as _;

use qrcode::{Color, EcLevel, QrCode};
use uome_domain::payment_reference::{is_creditor_reference, is_qr_reference};
use uome_domain::swiss_qr::{QrAddress, QrBill, QrReference};
use uome_domain::{AccountId, Address, Currency, DocumentId, FieldError, InvoiceStatus};
use uome_pdf::QrBillView;

use super::record::Invoice;
use crate::documents::load::load_for_print;
use crate::documents::render::{DocumentMeta, RenderContext};
use crate::documents::{Document, DocumentBody, Viewer};
use crate::error::{CoreError, CoreResult};
use crate::ports::Ports;

/// The QR code's side, and the cross's (IG 2.3 §5.4).
const QR_MM: f64 = 46.0;
const CROSS_MM: f64 = 7.0;

fn address(name: &str, a: Option<&Address>) -> QrAddress {
    let a = a.cloned().unwrap_or_default();
    QrAddress {
        name: name.trim().to_string(),
        street: a.line1.filter(|l| !l.trim().is_empty()),
        building_number: None,
        postal_code: a.postal_code.unwrap_or_default(),
        town: a.city.unwrap_or_default(),
        country: a.country_code.unwrap_or_default().to_ascii_uppercase(),
    }
}

/// Our names of the guidelines' fields, for the 422.
fn ours(field: &str) -> String {
    let field = field
        .replace("creditor.name", "company.name")
        .replace("creditor.street", "company.address.line1")
        .replace("creditor.postal_code", "company.address.postal_code")
        .replace("creditor.town", "company.address.city")
        .replace("creditor.country_code", "company.address.country_code")
        .replace("debtor.", "contact.billing_address.");
    match field.as_str() {
        "iban" => "bank.iban".into(),
        "reference" => "payment_instructions.reference".into(),
        _ => field,
    }
}

/// The bill of the document `meta` prints: its IBAN (else the account's),
/// its reference, its amount due.
pub(crate) fn bill_of(meta: &DocumentMeta, body: &DocumentBody, ctx: &RenderContext) -> QrBill {
    let iban = meta
        .payment_iban
        .clone()
        .or_else(|| ctx.bank.iban.clone())
        .unwrap_or_default()
        .replace(' ', "");
    let reference = meta.payment_reference.clone().unwrap_or_default();
    let reference = if is_qr_reference(&reference) {
        QrReference::Qr(reference.replace(' ', ""))
    } else if is_creditor_reference(&reference) {
        QrReference::Creditor(reference)
    } else {
        QrReference::None
    };
    // The debtor only when the contact's address is whole: a partial one
    // would make the bill invalid, and the debtor is optional.
    let debtor = ctx.contact.as_ref().and_then(|c| {
        let a = address(&c.display_name, body.recipient.billing(Some(c)));
        QrBill {
            debtor: Some(a.clone()),
            reference: QrReference::None,
            ..placeholder()
        }
        .check()
        .is_empty()
        .then_some(a)
    });
    QrBill {
        iban,
        creditor: address(&ctx.company.name, ctx.company.address.as_ref()),
        amount: meta.amount_due,
        currency: body.currency(),
        debtor,
        reference,
        message: Some(format!("Invoice {}", meta.number)),
    }
}

/// Whether the document gets a QR-bill at all: an issued invoice with an
/// amount due in CHF or EUR, paid into a Swiss or Liechtenstein IBAN.
pub(crate) fn wants_qr_bill(meta: &DocumentMeta, body: &DocumentBody, ctx: &RenderContext) -> bool {
    let iban = meta
        .payment_iban
        .clone()
        .or_else(|| ctx.bank.iban.clone())
        .unwrap_or_default();
    let status = meta.status.as_deref().unwrap_or_default();
    meta.kind == uome_pdf::DocumentKind::Invoice
        && !matches!(status, "draft" | "cancelled")
        && meta
            .amount_due
            .is_some_and(|due| due > uome_domain::Decimal::ZERO)
        && matches!(body.currency(), Currency::CHF | Currency::EUR)
        && (iban.starts_with("CH") || iban.starts_with("LI"))
}

/// The payment part the PDF prints, when the document wants one and its
/// bill is valid (an invalid one is left off, as `GET …/qr-bill` explains).
pub(crate) fn qr_bill_view(
    meta: &DocumentMeta,
    body: &DocumentBody,
    ctx: &RenderContext,
) -> Option<QrBillView> {
    if !wants_qr_bill(meta, body, ctx) {
        return None;
    }
    let bill = bill_of(meta, body, ctx);
    let payload = bill.payload().ok()?;
    let code = QrCode::with_error_correction_level(payload.as_bytes(), EcLevel::M).ok()?;
    let lines = |a: &QrAddress| {
        let mut lines = vec![a.name.clone()];
        lines.extend(a.street.clone());
        lines.push(format!("{} {}", a.postal_code, a.town).trim().to_string());
        lines
    };
    let grouped = |text: &str, size: usize, from_right: bool| {
        let chars: Vec<char> = text.chars().filter(|c| !c.is_whitespace()).collect();
        let mut groups: Vec<String> = if from_right {
            let mut out: Vec<String> = chars.rchunks(size).map(|c| c.iter().collect()).collect();
            out.reverse();
            out
        } else {
            chars.chunks(size).map(|c| c.iter().collect()).collect()
        };
        groups.retain(|g| !g.is_empty());
        groups.join(" ")
    };
    Some(QrBillView {
        modules: code
            .to_colors()
            .into_iter()
            .map(|c| c == qrcode::Color::Dark)
            .collect(),
        width: code.width(),
        account: grouped(&bill.iban, 4, false),
        creditor: lines(&bill.creditor),
        reference: match &bill.reference {
            QrReference::Qr(r) => Some(grouped(r, 5, true)),
            QrReference::Creditor(r) => Some(grouped(r, 4, false)),
            QrReference::None => None,
        },
        additional_information: bill.message.clone(),
        debtor: bill.debtor.as_ref().map(lines),
        currency: bill.currency.code().to_string(),
        amount: bill.amount.map(|a| {
            // The guidelines' amount: a space between thousands, a point.
            let text = format!("{:.2}", a.round_dp(2));
            let (whole, cents) = text.split_once('.').unwrap_or((&text, "00"));
            format!("{}.{cents}", grouped(whole, 3, true))
        }),
    })
}

/// A valid bill to check one address against.
fn placeholder() -> QrBill {
    QrBill {
        iban: "CH9300762011623852957".into(),
        creditor: QrAddress {
            name: "x".into(),
            street: None,
            building_number: None,
            postal_code: "1".into(),
            town: "x".into(),
            country: "CH".into(),
        },
        amount: None,
        currency: Currency::CHF,
        debtor: None,
        reference: QrReference::None,
        message: None,
    }
}

/// The SVG of a Swiss QR Code for `payload`.
pub fn qr_svg(payload: &str) -> CoreResult<String> {
    let code = QrCode::with_error_correction_level(payload.as_bytes(), EcLevel::M)
        .map_err(|e| CoreError::internal(format!("QR code: {e}")))?;
    let modules: Vec<bool> = code
        .to_colors()
        .into_iter()
        .map(|color| color == Color::Dark)
        .collect();
    Ok(qr_svg_of(&modules, code.width()))
}

/// The SVG of a Swiss QR Code from its modules, row by row (`true` dark),
/// as `uome_pdf::QrBillView` holds them: the web portal shows the code of
/// the document it already built.
pub fn qr_svg_of(modules: &[bool], width: usize) -> String {
    let mut svg = String::new();
    let unit = width as f64;
    let _ = write!(
        svg,
        r#"<svg xmlns="http://www.w3.org/2000/svg" width="{QR_MM}mm" height="{QR_MM}mm" viewBox="0 0 {width} {width}" shape-rendering="crispEdges"><rect width="{width}" height="{width}" fill="white"/><path fill="black" d=""#
    );
    for (i, dark) in modules.iter().enumerate() {
        if *dark {
            let _ = write!(svg, "M{} {}h1v1h-1z", i % width, i / width);
        }
    }
    svg.push_str(r#""/>"#);
    // The Swiss cross: a black square with a white border and a white
    // cross, 7 mm in the middle of 46 mm.
    let side = unit * CROSS_MM / QR_MM;
    let origin = (unit - side) / 2.0;
    let border = side * 0.06;
    let inner = side - 2.0 * border;
    let arm = inner * 0.19;
    let length = inner * 0.62;
    let c = unit / 2.0;
    let _ = write!(
        svg,
        r#"<rect x="{origin:.3}" y="{origin:.3}" width="{side:.3}" height="{side:.3}" fill="white"/><rect x="{:.3}" y="{:.3}" width="{inner:.3}" height="{inner:.3}" fill="black"/><rect x="{:.3}" y="{:.3}" width="{arm:.3}" height="{length:.3}" fill="white"/><rect x="{:.3}" y="{:.3}" width="{length:.3}" height="{arm:.3}" fill="white"/></svg>"#,
        origin + border,
        origin + border,
        c - arm / 2.0,
        c - length / 2.0,
        c - length / 2.0,
        c - arm / 2.0,
    );
    svg
}

/// `GET /v1/invoices/{id}/qr-bill`: 404 unknown; 409 `qr_bill_unavailable`
/// for a draft, a cancelled or a settled invoice; 422 `qr_bill_incomplete`
/// naming each field the bill lacks (`bank.iban` for an IBAN that is not
/// Swiss, `company.address.postal_code`, …).
pub async fn invoice_qr_bill(
    ports: &Ports,
    account_id: &AccountId,
    id: &DocumentId,
) -> CoreResult<String> {
    let (at, ctx) = load_for_print::<Invoice>(ports, account_id, id, Viewer::Business).await?;
    let invoice = &at.document;
    if invoice.is_draft()
        || matches!(invoice.status, InvoiceStatus::Cancelled)
        || invoice.amount_due()? <= uome_domain::Decimal::ZERO
    {
        return Err(CoreError::conflict(
            "qr_bill_unavailable",
            "Only an issued invoice with an amount due has a QR-bill.",
        )
        .with_extra("current_status", invoice.status.as_str()));
    }
    let meta = Invoice::meta(&at)?;
    let bill = bill_of(&meta, &invoice.body, &ctx);
    let payload = bill.payload().map_err(|errors| CoreError::Unprocessable {
        code: "qr_bill_incomplete".into(),
        detail: "The invoice cannot have a Swiss QR-bill until these are filled in.".into(),
        errors: errors
            .into_iter()
            .map(|e| FieldError::new(ours(&e.field), e.message))
            .collect(),
    })?;
    qr_svg(&payload)
}
