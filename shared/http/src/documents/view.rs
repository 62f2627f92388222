//! The common response fields of a document: its draft fields, its lines
//! with their computed values, and the totals (API.md §2). Every amount is
//! already at the currency's scale in the stored totals; this only shapes
//! it.

use chrono::NaiveDate;
use serde::Serialize;
use uome_core::documents::DocumentBody;
use uome_domain::{Decimal, LineKind, format_amount};
use utoipa::ToSchema;

/// A line with its read-only `position`, `net`, `tax`, `total`.
#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct LineView {
    #[schema(value_type = String, example = "item")]
    pub kind: LineKind,
    pub position: u32,
    /// `product` on a line written as AbaNinja's `product` kind.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schema(value_type = Option<String>, example = "product")]
    pub source_kind: Option<uome_domain::line::SourceKind>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub item_id: Option<String>,
    /// The catalogue item's number.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub item_number: Option<String>,
    pub description: String,
    /// Item lines only.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub quantity: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub unit: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub unit_price: Option<String>,
    /// Item lines without a fixed `discount_amount`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub discount_rate: Option<String>,
    /// Item lines with a fixed discount.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub discount_amount: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub tax_rate: Option<String>,
    /// Item lines: the line's net (gross with tax-inclusive prices);
    /// section totals: the section's sum.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub net: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub tax: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub total: Option<String>,
}

/// One rate of the tax breakdown.
#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct TaxBreakdownView {
    #[schema(example = "10")]
    pub rate: String,
    /// Σ nets at this rate − `allowance`; the bases add up to subtotal −
    /// discount_amount (API.md §2).
    #[schema(example = "861.26")]
    pub base: String,
    /// This rate's share of the document discount.
    #[schema(example = "31.24")]
    pub allowance: String,
    pub tax: String,
}

impl TaxBreakdownView {
    /// One rate's entry, amounts at the currency's scale.
    pub fn new(entry: &uome_domain::TaxBreakdownEntry, currency: uome_domain::Currency) -> Self {
        let money = |amount| uome_domain::format_amount(amount, currency);
        Self {
            rate: plain(entry.rate),
            base: money(entry.base),
            allowance: money(entry.allowance),
            tax: money(entry.tax),
        }
    }
}

/// A cash discount tier and what it takes off the total.
#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct CashDiscountView {
    pub days: u32,
    pub percentage: String,
    pub discount_amount: String,
    pub amount_payable: String,
}

/// The fields every sales document answers with; flattened into each
/// document's own view.
#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct DocumentBodyView {
    pub contact_id: String,
    pub contact_name: String,
    #[schema(example = "GBP")]
    pub currency: String,
    pub issue_date: NaiveDate,
    pub reference: Option<String>,
    pub title: Option<String>,
    pub notes: Option<String>,
    pub terms: Option<String>,
    pub footer: Option<String>,
    /// The customer's purchase order number (BT-13).
    pub purchase_order_number: Option<String>,
    /// Up to 4 texts, by position.
    pub custom_fields: Vec<Option<String>>,
    /// The contact's further address billed, when one was chosen.
    pub billing_address_id: Option<String>,
    pub shipping_address_id: Option<String>,
    /// The billing address the document keeps (taken when written, and
    /// again when an invoice is issued); `null` on documents older than
    /// snapshots.
    pub billing_address: Option<uome_domain::Address>,
    pub shipping_address: Option<uome_domain::Address>,
    pub contact_person_id: Option<String>,
    /// The contact person's name when the document was written.
    pub contact_person_name: Option<String>,
    pub additional_recipients: Vec<String>,
    /// Percent; `null` when the discount is a fixed `discount_amount`.
    pub discount_rate: Option<String>,
    pub prices_include_tax: bool,
    /// Left out of list pages unless they ask `?expand=lines`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub lines: Option<Vec<LineView>>,
    pub cash_discounts: Vec<CashDiscountView>,
    #[schema(example = "1092.30")]
    pub subtotal: String,
    #[schema(example = "38.23")]
    pub discount_amount: String,
    pub tax_breakdown: Vec<TaxBreakdownView>,
    #[schema(example = "86.13")]
    pub tax_amount: String,
    #[schema(example = "1140.20")]
    pub total: String,
    /// Uploads emailed with the document.
    pub attachment_ids: Vec<String>,
}

impl DocumentBodyView {
    /// The body as list pages answer it unless asked for lines.
    pub fn summarise(&mut self) {
        self.lines = None;
    }
}

/// A rate or quantity without trailing zeros (`"10"`, `"7.7"`).
pub fn plain(value: Decimal) -> String {
    value.normalize().to_string()
}

impl From<&DocumentBody> for DocumentBodyView {
    fn from(body: &DocumentBody) -> Self {
        let currency = body.currency();
        let money = |v: Decimal| format_amount(v, currency);
        let lines = body
            .input
            .lines
            .iter()
            .zip(body.totals.line_totals.iter())
            .map(|(line, totals)| {
                let is_item = line.kind == LineKind::Item;
                LineView {
                    kind: line.kind,
                    position: totals.position,
                    source_kind: line.source_kind,
                    item_id: line.item_id.clone(),
                    item_number: line.item_number.clone(),
                    description: line.description.clone(),
                    quantity: is_item.then(|| plain(line.quantity)),
                    unit: line.unit.clone().filter(|_| is_item),
                    unit_price: line.unit_price.filter(|_| is_item).map(plain),
                    discount_rate: (is_item && line.discount_amount.is_none())
                        .then(|| plain(line.rate_off())),
                    discount_amount: line.discount_amount.filter(|_| is_item).map(money),
                    tax_rate: is_item.then(|| plain(line.tax_rate)),
                    net: totals.net.map(money),
                    tax: totals.tax.map(money),
                    total: totals.total.map(money),
                }
            })
            .collect();
        DocumentBodyView {
            contact_id: body.contact_id.to_string(),
            contact_name: body.contact_name.clone(),
            currency: currency.code().to_string(),
            issue_date: body.issue_date,
            reference: body.reference.clone(),
            title: body.title.clone(),
            notes: body.notes.clone(),
            terms: body.terms.clone(),
            footer: body.footer.clone(),
            purchase_order_number: body.purchase_order_number.clone(),
            custom_fields: body.custom_fields.clone(),
            billing_address_id: body.recipient.billing_address_id.clone(),
            shipping_address_id: body.recipient.shipping_address_id.clone(),
            billing_address: body.recipient.billing_address.clone(),
            shipping_address: body.recipient.shipping_address.clone(),
            contact_person_id: body.recipient.contact_person_id.clone(),
            contact_person_name: body.recipient.contact_person_name.clone(),
            additional_recipients: body.recipient.additional_recipients.clone(),
            discount_rate: body
                .input
                .discount_amount
                .is_none()
                .then(|| plain(body.input.discount_rate)),
            prices_include_tax: body.input.prices_include_tax,
            lines: Some(lines),
            cash_discounts: body
                .totals
                .cash_discount_terms
                .iter()
                .map(|t| CashDiscountView {
                    days: t.days,
                    percentage: plain(t.percentage),
                    discount_amount: money(t.discount_amount),
                    amount_payable: money(t.amount_payable),
                })
                .collect(),
            subtotal: money(body.totals.subtotal),
            discount_amount: money(body.totals.discount_amount),
            tax_breakdown: body
                .totals
                .tax_breakdown
                .iter()
                .map(|t| TaxBreakdownView::new(t, currency))
                .collect(),
            tax_amount: money(body.totals.tax_amount),
            total: money(body.totals.total),
            attachment_ids: body.attachment_ids.clone(),
        }
    }
}
