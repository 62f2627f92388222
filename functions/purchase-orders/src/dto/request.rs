//! What the business sends, in seed 002's keys.

use chrono::NaiveDate;
use serde::Deserialize;
use uome_core::purchase_orders::{
    BillInput, CustomAttribute, PayInput, PurchaseLineInput, PurchaseOrderInput, Receipt,
};
use uome_domain::Decimal;
use utoipa::ToSchema;

/// A name/value pair kept on the order.
#[derive(Clone, Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CustomAttributeRequest {
    #[schema(max_length = 255, example = "Project")]
    pub name: String,
    #[serde(default)]
    #[schema(max_length = 255, example = "Spring fit-out")]
    pub value: String,
}

/// One line: a catalogue item (its purchase price and name are the
/// defaults) or a named line with a price.
#[derive(Clone, Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PurchaseLineRequest {
    #[serde(default)]
    #[schema(format = Uuid)]
    pub item_id: Option<String>,
    /// Default: the item's name.
    #[serde(default)]
    #[schema(max_length = 2000, example = "Oak boards 2 m")]
    pub item_name: Option<String>,
    /// > 0, up to 4 decimal places.
    #[serde(with = "uome_domain::decimal_input::json")]
    #[schema(value_type = String, format = "decimal-positive", example = "40")]
    pub item_quantity: Decimal,
    /// Unit price; default the item's purchase price.
    #[serde(default, with = "uome_domain::decimal_input::json_opt")]
    #[schema(value_type = Option<String>, format = "decimal", example = "12.50")]
    pub price: Option<Decimal>,
    /// Percent, 0–100; default 0.
    #[serde(default, with = "uome_domain::decimal_input::json_opt")]
    #[schema(value_type = Option<String>, format = "percent", example = "20")]
    pub tax_rate: Option<Decimal>,
    /// No tax on this line, whatever `tax_rate` says.
    #[serde(default)]
    pub item_price_tax_exempt: Option<bool>,
    #[serde(default)]
    #[schema(max_length = 255)]
    pub purchase_order_note: Option<String>,
    /// The ledger account its cost is booked to (the seed's
    /// `item_accounting_code.cost_of_goods_sold`).
    #[serde(default)]
    #[schema(max_length = 255, example = "5000")]
    pub cost_of_goods_sold: Option<String>,
}

/// `POST /v1/purchase-orders`, and `PUT …/{id}` as a full replace.
#[derive(Clone, Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PurchaseOrderRequest {
    /// The vendor: a contact of the account with the `vendor` role.
    #[schema(format = Uuid)]
    pub account_id: String,
    /// ISO 4217; default the vendor's currency, else the company's.
    #[serde(default)]
    pub currency: Option<String>,
    /// Default today in the account's time zone.
    #[serde(default, with = "uome_domain::date::json_opt")]
    #[schema(value_type = Option<String>, format = Date)]
    pub issue_date: Option<NaiveDate>,
    /// Not before `issue_date`.
    #[serde(default, with = "uome_domain::date::json_opt")]
    #[schema(value_type = Option<String>, format = Date)]
    pub due_date: Option<NaiveDate>,
    /// Not before `issue_date`.
    #[serde(default, with = "uome_domain::date::json_opt")]
    #[schema(value_type = Option<String>, format = Date)]
    pub expected_completion_date: Option<NaiveDate>,
    #[serde(default)]
    #[schema(max_length = 255)]
    pub supplier_invoice_id: Option<String>,
    /// Prices include tax. Default false.
    #[serde(default)]
    pub price_tax_inclusive: Option<bool>,
    #[serde(default)]
    #[schema(max_length = 2000)]
    pub purchase_order_note: Option<String>,
    /// At most 50.
    #[serde(default)]
    #[schema(max_items = 50)]
    pub custom_attributes: Vec<CustomAttributeRequest>,
    /// 1 to 500.
    #[schema(min_items = 1, max_items = 500)]
    pub lines: Vec<PurchaseLineRequest>,
    /// The version read (`PUT`; alternative to `If-Match`).
    #[serde(default)]
    pub version: Option<u64>,
}

impl PurchaseOrderRequest {
    pub fn input(&self) -> PurchaseOrderInput {
        PurchaseOrderInput {
            account_id: self.account_id.clone(),
            currency: self.currency.clone(),
            issue_date: self.issue_date,
            due_date: self.due_date,
            expected_completion_date: self.expected_completion_date,
            supplier_invoice_id: self.supplier_invoice_id.clone(),
            price_tax_inclusive: self.price_tax_inclusive.unwrap_or(false),
            purchase_order_note: self.purchase_order_note.clone(),
            custom_attributes: self
                .custom_attributes
                .iter()
                .map(|a| CustomAttribute {
                    name: a.name.clone(),
                    value: a.value.clone(),
                })
                .collect(),
            lines: self
                .lines
                .iter()
                .map(|l| PurchaseLineInput {
                    item_id: l.item_id.clone(),
                    item_name: l.item_name.clone(),
                    item_quantity: l.item_quantity,
                    price: l.price,
                    tax_rate: l.tax_rate.unwrap_or_default(),
                    item_price_tax_exempt: l.item_price_tax_exempt.unwrap_or(false),
                    purchase_order_note: l.purchase_order_note.clone(),
                    cost_of_goods_sold: l.cost_of_goods_sold.clone(),
                })
                .collect(),
        }
    }
}

/// One received line.
#[derive(Clone, Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ReceiptLineRequest {
    /// The line's `uuid`.
    pub uuid: String,
    /// How many more arrived: > 0, at most what is still to come.
    #[serde(with = "uome_domain::decimal_input::json")]
    #[schema(value_type = String, format = "decimal-positive", example = "10")]
    pub quantity: Decimal,
}

/// `POST …/{id}/receive`.
#[derive(Clone, Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ReceiveRequest {
    #[schema(min_items = 1)]
    pub lines: Vec<ReceiptLineRequest>,
}

impl ReceiveRequest {
    pub fn receipts(&self) -> Vec<Receipt> {
        self.lines
            .iter()
            .map(|l| Receipt {
                uuid: l.uuid.clone(),
                quantity: l.quantity,
            })
            .collect()
    }
}

/// `POST …/{id}/bill`: the supplier's invoice.
#[derive(Clone, Debug, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct BillRequest {
    #[serde(default)]
    #[schema(required = true, max_length = 255, example = "SUP-2026-118")]
    pub supplier_invoice_id: Option<String>,
    #[serde(default, with = "uome_domain::date::json_opt")]
    #[schema(required = true, value_type = Option<String>, format = Date)]
    pub issue_date: Option<NaiveDate>,
    /// Default the order's due date, else the bill's issue date.
    #[serde(default, with = "uome_domain::date::json_opt")]
    #[schema(value_type = Option<String>, format = Date)]
    pub due_date: Option<NaiveDate>,
    /// The bill's total, tax included: > 0, at the currency's scale.
    #[serde(default, with = "uome_domain::decimal_input::json_opt")]
    #[schema(required = true, value_type = Option<String>, format = "decimal-positive", example = "600.00")]
    pub total: Option<Decimal>,
}

impl From<BillRequest> for BillInput {
    fn from(body: BillRequest) -> Self {
        Self {
            supplier_invoice_id: body.supplier_invoice_id,
            issue_date: body.issue_date,
            due_date: body.due_date,
            total: body.total,
        }
    }
}

/// `POST …/{id}/pay`: a payment of the bill.
#[derive(Clone, Debug, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PayRequest {
    /// Default: all that is outstanding.
    #[serde(default, with = "uome_domain::decimal_input::json_opt")]
    #[schema(value_type = Option<String>, format = "decimal-positive", example = "600.00")]
    pub amount: Option<Decimal>,
    /// Default today; not before the bill, not in the future.
    #[serde(default, with = "uome_domain::date::json_opt")]
    #[schema(value_type = Option<String>, format = Date)]
    pub date: Option<NaiveDate>,
    /// `bank_transfer`, `card`, `cash`, `cheque` or `other`.
    #[serde(default)]
    #[schema(required = true, example = "bank_transfer")]
    pub method: String,
}

impl From<PayRequest> for PayInput {
    fn from(body: PayRequest) -> Self {
        Self {
            amount: body.amount,
            date: body.date,
            method: body.method,
        }
    }
}
