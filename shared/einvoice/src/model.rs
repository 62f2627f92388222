//! The semantic invoice of EN 16931, as far as Uome fills it: what both
//! syntaxes write. Each field names its business term (BT) or group (BG).
//! Amounts carry the currency's scale already (the caller's stored
//! amounts), so they are written as they print.

use chrono::NaiveDate;
use rust_decimal::Decimal;

/// BT-3: commercial invoice (380) or credit note (381).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DocumentType {
    Invoice,
    CreditNote,
}

impl DocumentType {
    pub fn code(self) -> &'static str {
        match self {
            Self::Invoice => "380",
            Self::CreditNote => "381",
        }
    }
}

/// BT-118/BT-151/BT-95: the VAT categories Uome uses (API.md §14).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum VatCategory {
    /// `S`: a positive rate.
    Standard,
    /// `Z`: zero-rated goods.
    ZeroRated,
    /// `E`: exempt, with the account's exemption reason.
    Exempt,
    /// `AE`: reverse charge to a buyer VAT-registered in another country.
    ReverseCharge,
}

impl VatCategory {
    pub fn code(self) -> &'static str {
        match self {
            Self::Standard => "S",
            Self::ZeroRated => "Z",
            Self::Exempt => "E",
            Self::ReverseCharge => "AE",
        }
    }
}

/// A category and its rate in percent.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TaxCategory {
    pub category: VatCategory,
    pub rate: Decimal,
}

/// BG-5/BG-8.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct PostalAddress {
    /// BT-35/BT-50.
    pub line1: Option<String>,
    /// BT-36/BT-51.
    pub line2: Option<String>,
    /// BT-37/BT-52.
    pub city: Option<String>,
    /// BT-38/BT-53.
    pub postal_code: Option<String>,
    /// BT-39/BT-54.
    pub region: Option<String>,
    /// BT-40/BT-55: ISO 3166-1 alpha-2.
    pub country: String,
}

/// BG-6/BG-9.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct PartyContact {
    pub name: Option<String>,
    pub phone: Option<String>,
    pub email: Option<String>,
}

/// BG-4 (seller) or BG-7 (buyer).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Party {
    /// BT-27/BT-44.
    pub name: String,
    /// BT-29/BT-46: the seller's or buyer's identifier (no scheme).
    pub identifier: Option<String>,
    /// BT-30/BT-47: legal registration identifier.
    pub legal_id: Option<String>,
    /// BT-31/BT-48: VAT identifier with its country prefix.
    pub vat_id: Option<String>,
    /// BT-34/BT-49: the electronic address, an email (EAS scheme `EM`).
    pub electronic_address: Option<String>,
    pub address: PostalAddress,
    pub contact: Option<PartyContact>,
}

/// BG-16: one payment instruction.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct PaymentMeans {
    /// BT-81: UNTDID 4461 (`30` credit transfer, `58` SEPA credit transfer).
    pub code: &'static str,
    /// BT-83: the remittance information the payer quotes.
    pub remittance: Option<String>,
    /// BT-84: an IBAN, or a national account number.
    pub account_id: Option<String>,
    /// Whether `account_id` is an IBAN (CII distinguishes the two).
    pub account_is_iban: bool,
    /// BT-85.
    pub account_name: Option<String>,
    /// BT-86: BIC.
    pub bic: Option<String>,
}

/// BG-20: a document-level allowance (Uome's document discount, one per
/// VAT category and rate).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Allowance {
    /// BT-92.
    pub amount: Decimal,
    /// BT-97.
    pub reason: String,
    /// BT-98: UNTDID 5189 (`95` discount).
    pub reason_code: &'static str,
    /// BT-95/BT-96.
    pub tax: TaxCategory,
}

/// BG-23: one VAT breakdown entry.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct VatBreakdown {
    /// BT-116.
    pub taxable: Decimal,
    /// BT-117.
    pub tax: Decimal,
    /// BT-118/BT-119.
    pub category: TaxCategory,
    /// BT-120.
    pub exemption_reason: Option<String>,
    /// BT-121: VATEX code.
    pub exemption_code: Option<&'static str>,
}

/// BG-22.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Totals {
    /// BT-106.
    pub line_total: Decimal,
    /// BT-107.
    pub allowance_total: Decimal,
    /// BT-109.
    pub tax_exclusive: Decimal,
    /// BT-110.
    pub tax_total: Decimal,
    /// BT-112.
    pub tax_inclusive: Decimal,
    /// BT-113.
    pub prepaid: Decimal,
    /// BT-115.
    pub payable: Decimal,
}

/// BG-25: one invoice line.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Line {
    /// BT-126.
    pub id: String,
    /// BT-129.
    pub quantity: Decimal,
    /// BT-130: UN/ECE Recommendation 20.
    pub unit_code: &'static str,
    /// BT-131.
    pub net: Decimal,
    /// BT-153.
    pub name: String,
    /// BT-154.
    pub description: Option<String>,
    /// BT-155.
    pub seller_item_id: Option<String>,
    /// BT-146.
    pub price: Decimal,
    /// BT-149, when not 1.
    pub base_quantity: Option<Decimal>,
    /// BT-148 and BT-147: the gross price and its discount.
    pub gross_price: Option<(Decimal, Decimal)>,
    /// BT-151/BT-152.
    pub tax: TaxCategory,
}

/// BG-3: the invoice a credit note corrects.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PrecedingInvoice {
    /// BT-25.
    pub number: String,
    /// BT-26.
    pub issue_date: Option<NaiveDate>,
}

/// An EN 16931 invoice or credit note.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EInvoice {
    pub document_type: DocumentType,
    /// BT-1.
    pub number: String,
    /// BT-2.
    pub issue_date: NaiveDate,
    /// BT-9.
    pub due_date: Option<NaiveDate>,
    /// BT-5: ISO 4217.
    pub currency: String,
    /// BT-22.
    pub notes: Vec<String>,
    /// BT-10.
    pub buyer_reference: Option<String>,
    /// BT-13.
    pub order_reference: Option<String>,
    pub preceding_invoice: Option<PrecedingInvoice>,
    pub seller: Party,
    pub buyer: Party,
    /// BT-72.
    pub delivery_date: Option<NaiveDate>,
    /// BG-15: where the goods go, when that is not the buyer's address
    /// (BR-57: with its country).
    pub deliver_to: Option<PostalAddress>,
    pub payment: Option<PaymentMeans>,
    /// BT-20: terms and cash discounts as text.
    pub payment_terms: Option<String>,
    pub allowances: Vec<Allowance>,
    pub breakdown: Vec<VatBreakdown>,
    pub totals: Totals,
    pub lines: Vec<Line>,
}
