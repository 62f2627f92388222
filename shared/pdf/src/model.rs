//! The input of the renderer: a document as it should be *displayed*.
//!
//! Every field is a plain display string. The caller (core) formats dates,
//! rates and amounts (`"£1,140.20"`, `"1 500 JPY"`, `"20 %"`) with the money
//! rules of `uome-domain`, so this crate never does arithmetic on money and
//! cannot disagree with the stored totals. It also keeps the renderer free of
//! storage and domain types: a local preview or a test can build a view by hand.

/// Which sales document this is; picks labels ("Bill to", "Valid until")
/// and the wording of emails.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum DocumentKind {
    Quote,
    #[default]
    Invoice,
    /// A POS sale's receipt (API.md §8).
    Receipt,
    /// A client's order from the catalogue (API.md §8).
    Order,
    /// A purchase order to a vendor: `customer` holds the vendor.
    PurchaseOrder,
    /// A refund or cancellation document.
    CreditNote,
}

impl DocumentKind {
    /// The noun used in sentences ("your invoice INV-0042").
    pub fn noun(self) -> &'static str {
        match self {
            DocumentKind::Quote => "quote",
            DocumentKind::Invoice => "invoice",
            DocumentKind::Receipt => "receipt",
            DocumentKind::Order => "order",
            DocumentKind::PurchaseOrder => "purchase order",
            DocumentKind::CreditNote => "credit note",
        }
    }

    /// The heading over the counterparty's address block.
    pub fn party_heading(self) -> &'static str {
        match self {
            DocumentKind::Quote => "Prepared for",
            DocumentKind::Invoice | DocumentKind::CreditNote => "Bill to",
            DocumentKind::Receipt | DocumentKind::Order => "Customer",
            DocumentKind::PurchaseOrder => "Supplier",
        }
    }
}

/// A business or a person with an address, as printed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Party {
    pub name: String,
    /// Already split for printing (street, town and postcode, country…).
    pub address_lines: Vec<String>,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub website: Option<String>,
    pub vat_number: Option<String>,
    pub registration_number: Option<String>,
}

/// The kind of a document line (API.md §2 `Line.kind`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum LineKind {
    #[default]
    Item,
    /// A bold heading that starts a section.
    Subtitle,
    /// The running sum of the section; the amount comes in `total` (or `net`).
    SectionTotal,
    /// A horizontal rule.
    Divider,
    /// Free text across the whole table width.
    Text,
}

/// One row of the lines table. Amount columns are display strings.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LineView {
    pub kind: LineKind,
    /// The line number shown in the `#` column.
    pub position: Option<String>,
    pub description: String,
    pub quantity: Option<String>,
    pub unit: Option<String>,
    pub unit_price: Option<String>,
    /// The line's discount as printed: a rate with its sign (`"5 %"`) or
    /// a fixed amount (`"CHF 10.00"`).
    pub discount: Option<String>,
    /// Without the `%` sign, e.g. `"20"`.
    pub tax_rate: Option<String>,
    /// The line net. The amount column prints `net` when present because
    /// the subtotal is the sum of nets (API.md §2), so the column adds up.
    pub net: Option<String>,
    /// Printed when `net` is absent; for `section_total` rows, the section sum.
    pub total: Option<String>,
}

impl LineView {
    /// The amount printed in the last column.
    pub(crate) fn amount(&self) -> Option<&str> {
        self.net.as_deref().or(self.total.as_deref())
    }
}

/// The document-level discount row of the totals block.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DiscountView {
    /// e.g. `"Discount 3.5 %"`.
    pub label: String,
    /// e.g. `"−£38.23"`, sign included by the caller.
    pub amount: String,
}

/// One row of the tax breakdown.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TaxLine {
    /// The full label, e.g. `"VAT 20 %"`.
    pub label: String,
    /// The taxable base, printed as "on £1,054.07".
    pub base: String,
    pub tax: String,
}

/// A labelled value printed with the document number and dates
/// (delivery date, payment method, change due, …).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Field {
    pub label: String,
    pub value: String,
}

/// Bank details for paying by transfer.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PaymentInstructions {
    pub account_name: String,
    pub iban: Option<String>,
    pub bic: Option<String>,
    pub sort_code: Option<String>,
    pub account_number: Option<String>,
    /// What the payer should quote, usually the invoice number.
    pub reference: String,
}

/// Everything printed on a quote, invoice or receipt.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DocumentView {
    pub kind: DocumentKind,
    /// The heading, e.g. `"Invoice"` or `"Tax invoice"`.
    pub title: String,
    pub number: String,
    pub issue_date: String,
    /// Invoices.
    pub due_date: Option<String>,
    /// Quotes.
    pub valid_until: Option<String>,
    pub reference: Option<String>,
    /// e.g. `"Paid"`; printed as a badge next to the title.
    pub status: Option<String>,
    /// More labelled values for the document block.
    pub extra_fields: Vec<Field>,
    /// The issuing business.
    pub company: Party,
    /// PNG or JPEG bytes, scaled to fit 40 × 20 mm.
    pub logo: Option<Vec<u8>>,
    /// The counterparty (the vendor on a purchase order).
    pub customer: Party,
    /// ISO 4217 code, printed as "Amounts in GBP".
    pub currency: String,
    pub lines: Vec<LineView>,
    pub subtotal: String,
    pub discount: Option<DiscountView>,
    pub tax_breakdown: Vec<TaxLine>,
    pub tax_total: String,
    pub total: String,
    pub amount_paid: Option<String>,
    pub amount_due: Option<String>,
    /// One sentence per tier, e.g. "2 % discount (£1,117.40) if paid within 10 days".
    pub cash_discounts: Vec<String>,
    pub payment_instructions: Option<PaymentInstructions>,
    pub notes: Option<String>,
    pub terms: Option<String>,
    /// Printed small at the bottom of every page.
    pub footer: Option<String>,
    /// A Swiss QR-bill: its payment part and receipt on a page of their
    /// own after the document.
    pub qr_bill: Option<QrBillView>,
}

/// The payment part and receipt of a Swiss QR-bill (SIX QR-bill 2.3), as
/// display strings and the QR code's modules.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct QrBillView {
    /// The QR code's modules, row by row, `true` for dark; `width` per row.
    pub modules: Vec<bool>,
    pub width: usize,
    /// The IBAN in groups of four.
    pub account: String,
    /// Name, street, postal code and town.
    pub creditor: Vec<String>,
    /// Formatted in blocks (QR reference in fives, creditor reference in fours).
    pub reference: Option<String>,
    pub additional_information: Option<String>,
    /// Name, street, postal code and town; `None`: a box to fill in.
    pub debtor: Option<Vec<String>>,
    pub currency: String,
    /// `1 949.75`; `None`: a box to fill in.
    pub amount: Option<String>,
}
