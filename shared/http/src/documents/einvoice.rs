//! The answer of the e-invoice routes (API.md §14) of invoices and credit
//! notes: `?format=ubl|cii|facturx` in, the file out.

use axum::body::Body;
use axum::response::Response;
use http::header::{CACHE_CONTROL, CONTENT_DISPOSITION, CONTENT_TYPE, HeaderValue};
use serde::Deserialize;
use uome_core::einvoice::{EInvoiceFile, EInvoiceFormat};
use uome_domain::PdfFileName;
use utoipa::IntoParams;

use crate::ApiError;

/// `?format=`.
#[derive(Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct EInvoiceQuery {
    /// `ubl` (default: UBL 2.1, Peppol BIS Billing 3.0), `cii` (CII D16B)
    /// or `facturx` (PDF/A-3 with the CII as `factur-x.xml`).
    #[param(pattern = "^(ubl|cii|facturx)$")]
    pub format: Option<String>,
}

impl EInvoiceQuery {
    pub fn format(&self) -> Result<EInvoiceFormat, ApiError> {
        Ok(EInvoiceFormat::parse(self.format.as_deref())?)
    }
}

/// `200` with the XML or PDF, named after the document's number
/// (`INV-0001.ubl.xml`, `INV-0001.pdf`); one account's document, so not
/// cached by shared caches.
pub fn einvoice_response(file: EInvoiceFile) -> Response {
    let name = PdfFileName::for_file(&file.number, file.fallback_name, file.format.extension());
    let content_type = file.format.content_type();
    let mut response = Response::new(Body::from(file.bytes));
    let headers = response.headers_mut();
    headers.insert(CONTENT_TYPE, HeaderValue::from_static(content_type));
    headers.insert(CACHE_CONTROL, HeaderValue::from_static("private, no-store"));
    if let Ok(value) = HeaderValue::from_str(&name.content_disposition()) {
        headers.insert(CONTENT_DISPOSITION, value);
    }
    response
}
