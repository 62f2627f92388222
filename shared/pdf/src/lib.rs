//! Sales documents (quotes, invoices, credit notes, orders) as A4 PDFs, POS
//! receipts on an 80 mm roll, and the emails that carry them.
//!
//! ```no_run
//! use uome_pdf::{DocumentView, EmailKind, render_email, render_pdf};
//!
//! # fn main() -> Result<(), uome_pdf::PdfError> {
//! let view = DocumentView { number: "INV-0042".into(), ..DocumentView::default() };
//! let pdf: Vec<u8> = render_pdf(&view)?;
//! let email = render_email(&view, EmailKind::Send, Some("https://app.example/p/t"), None);
//! # Ok(()) }
//! ```
//!
//! The input is a [`DocumentView`]: display strings only, formatted by the
//! caller with the money rules of `uome-domain`, so the PDF can never show a
//! total the API does not.
//!
//! # Why krilla
//!
//! Three maintained pure-Rust writers were considered:
//!
//! - `pdf-writer` (typst) writes PDF objects; fonts, subsetting, images and
//!   text encoding would all be ours to build.
//! - `printpdf` 0.8+ has text operations with TTF embedding and, by default,
//!   an HTML-subset layout engine; we need exact control over columns and page
//!   breaks, so we would measure and wrap ourselves either way.
//! - `krilla` (by a typst author, built on `pdf-writer`) takes glyphs, paths
//!   and PNG/JPEG images, **subsets and embeds** TrueType fonts with a
//!   ToUnicode map (text stays searchable and copyable), compresses content
//!   streams, and needs no system libraries or network.
//!
//! krilla it is. Text is shaped with rustybuzz, the shaper krilla itself
//! uses, so widths used for right alignment and wrapping are exactly the
//! widths drawn. The font is DejaVu Sans (regular and bold), embedded in the
//! binary with its licence in `fonts/LICENSE-DejaVu.txt`; only the glyphs a
//! document uses end up in its PDF: a one-page invoice with a logo is about
//! 45 KB, a 500-line one about 100 KB.
//!
//! # Layout
//!
//! The `layout` module measures the document into blocks and paginates them
//! (table header repeated on every page, long descriptions wrapped, "Page n
//! of m"); `draw` then writes the pages with krilla. `layout/style.rs` holds
//! the look: geometry, colours, type sizes.

mod draw;
mod email;
mod facturx;
mod html;
mod layout;
mod model;
mod text;

pub use email::{EmailBody, EmailKind, render_email};
pub use facturx::{FACTURX_FILE_NAME, render_facturx_pdf};
pub use html::{escape_html, escape_into};
pub use model::{
    DiscountView, DocumentKind, DocumentView, Field, LineKind, LineView, Party,
    PaymentInstructions, QrBillView, TaxLine,
};

/// Why a document could not be rendered.
#[derive(Debug, thiserror::Error)]
pub enum PdfError {
    /// The logo bytes are not a PNG or JPEG image this renderer can read.
    /// The caller may render again without the logo.
    #[error("the logo is not a readable PNG or JPEG image: {0}")]
    Logo(String),
    /// The embedded font did not load; a build defect, never user input.
    #[error("the embedded font could not be loaded")]
    Font,
    #[error("the PDF could not be written: {0}")]
    Write(String),
}

/// Renders `view` as an A4 PDF.
pub fn render_pdf(view: &DocumentView) -> Result<Vec<u8>, PdfError> {
    let fonts = text::Fonts::get()?;
    let pages = layout::layout(view, fonts)?;
    draw::write(view, pages, fonts)
}

/// Renders `view` as a POS receipt: one page 80 mm wide (a thermal roll's
/// width) and as long as the receipt, without the logo.
pub fn render_receipt_pdf(view: &DocumentView) -> Result<Vec<u8>, PdfError> {
    let fonts = text::Fonts::get()?;
    let pages = layout::receipt::layout(view, fonts)?;
    draw::write(view, pages, fonts)
}

/// The width of a receipt page, in points (80 mm).
pub const RECEIPT_WIDTH_PT: f32 = layout::receipt::RECEIPT_WIDTH;
