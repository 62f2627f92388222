//! A purchase order as seed 002 shows it: its keys, its nesting (the
//! currency, the lines' price snapshot and tax configuration), its KPIs.
//! Amounts are strings at the currency's scale, as everywhere in the API.

use chrono::{DateTime, NaiveDate, Utc};
use serde::Serialize;
use uome_core::purchase_orders::{Kpis, PurchaseLine, PurchaseOrder, PurchaseOrderSummary, kpis};
use uome_domain::{Currency, Decimal, LineInput, LineTotals, format_amount};
use uome_http::documents::plain;
use utoipa::ToSchema;

/// A reference to a currency.
#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct CurrencyRef {
    /// The ISO 4217 code (the seed's uuid).
    #[schema(example = "EUR")]
    pub uuid: String,
    #[schema(example = "Euro")]
    pub name: String,
    /// Where the currency is listed.
    #[schema(example = "/v1/currencies")]
    pub link: String,
}

impl From<Currency> for CurrencyRef {
    fn from(c: Currency) -> Self {
        Self {
            uuid: c.code().to_string(),
            name: c.name().to_string(),
            link: "/v1/currencies".to_string(),
        }
    }
}

/// A line's tax, as the seed's tax code.
#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct TaxCodeView {
    /// Tax rates are not separate objects of a purchase order: `null`.
    pub uuid: Option<String>,
    /// `EXEMPT` for an exempt line, else the rate (`"20"`).
    #[schema(example = "20")]
    pub code: String,
    #[schema(example = "20")]
    pub rate: String,
    pub link: Option<String>,
}

/// The catalogue's purchase price when the line was ordered.
#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct PricingRuleView {
    /// The item's id.
    pub uuid: String,
    /// The item's version the price was read at.
    pub version: u64,
    #[schema(example = "purchase")]
    pub price_type: String,
    #[schema(example = "12.50")]
    pub price: String,
    /// The item's unit.
    pub uom: Option<String>,
    /// Not kept: `null`.
    pub warehouse: Option<String>,
    pub pricing_version: u64,
}

#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct PriceSnapshotView {
    /// `null` for a line that names no catalogue item.
    pub pricing_rule: Option<PricingRuleView>,
}

#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct TaxConfigurationView {
    pub purchase_price_is_tax_inclusive: bool,
    pub tax_code: TaxCodeView,
}

#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct AccountingCodeView {
    pub cost_of_goods_sold: Option<String>,
}

/// One line in the seed's keys, and how much of it was received.
#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct PurchaseLineView {
    /// Quantity × price.
    #[schema(example = "500.00")]
    pub subtotal: String,
    #[schema(example = "600.00")]
    pub total: String,
    #[schema(example = "100.00")]
    pub tax: String,
    pub item_uuid: Option<String>,
    pub item_id: Option<String>,
    pub item_name: String,
    #[schema(example = "40")]
    pub item_quantity: String,
    /// How many arrived so far.
    #[schema(example = "0")]
    pub received_quantity: String,
    pub item_price_snapshot: PriceSnapshotView,
    pub item_purchase_tax_configuration: TaxConfigurationView,
    pub item_price_tax_exempt: bool,
    pub item_price_tax: TaxCodeView,
    pub purchase_order_note: Option<String>,
    pub item_accounting_code: AccountingCodeView,
    pub uuid: String,
    pub version: u64,
}

fn tax_code(line: &LineInput, exempt: bool) -> TaxCodeView {
    TaxCodeView {
        uuid: None,
        code: if exempt {
            "EXEMPT".into()
        } else {
            plain(line.tax_rate)
        },
        rate: plain(line.tax_rate),
        link: None,
    }
}

impl PurchaseLineView {
    fn new(
        line: &LineInput,
        totals: Option<&LineTotals>,
        own: &PurchaseLine,
        currency: Currency,
        inclusive: bool,
    ) -> Self {
        let money = |v: Option<Decimal>| format_amount(v.unwrap_or_default(), currency);
        let net = totals.and_then(|t| t.net);
        let tax = totals.and_then(|t| t.tax);
        Self {
            subtotal: money(net),
            total: money(totals.and_then(|t| t.total)),
            tax: money(tax),
            item_uuid: own.item_id.clone(),
            item_id: own.item_id.clone(),
            item_name: line.description.clone(),
            item_quantity: plain(line.quantity),
            received_quantity: plain(own.received),
            item_price_snapshot: PriceSnapshotView {
                pricing_rule: own.price_snapshot.as_ref().map(|s| PricingRuleView {
                    uuid: own.item_id.clone().unwrap_or_default(),
                    version: s.item_version,
                    price_type: "purchase".into(),
                    price: format_amount(s.price, currency),
                    uom: s.unit.clone(),
                    warehouse: None,
                    pricing_version: s.item_version,
                }),
            },
            item_purchase_tax_configuration: TaxConfigurationView {
                purchase_price_is_tax_inclusive: inclusive,
                tax_code: tax_code(line, own.tax_exempt),
            },
            item_price_tax_exempt: own.tax_exempt,
            item_price_tax: tax_code(line, own.tax_exempt),
            purchase_order_note: own.note.clone(),
            item_accounting_code: AccountingCodeView {
                cost_of_goods_sold: own.cost_of_goods_sold.clone(),
            },
            uuid: own.uuid.clone(),
            version: own.version,
        }
    }
}

/// The lines of `po` in the seed's keys.
pub fn lines_of(po: &PurchaseOrder) -> Vec<PurchaseLineView> {
    let currency = po.body.currency();
    let inclusive = po.body.input.prices_include_tax;
    po.body
        .input
        .lines
        .iter()
        .zip(&po.lines)
        .enumerate()
        .map(|(i, (line, own))| {
            PurchaseLineView::new(
                line,
                po.body.totals.line_totals.get(i),
                own,
                currency,
                inclusive,
            )
        })
        .collect()
}

/// The seed's KPIs (its spelling of `last_calcelled_on` included).
#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct KpisView {
    #[schema(example = "EUR")]
    pub currency: String,
    pub total_expense: String,
    pub estimated_total: String,
    pub total_outstanding: String,
    pub total_overdue: String,
    pub last_invoice_issue_date: Option<NaiveDate>,
    pub last_invoice_total: Option<String>,
    pub total_purchase_invoice: u32,
    pub last_reactivated_on: Option<DateTime<Utc>>,
    pub last_calcelled_on: Option<DateTime<Utc>>,
    pub last_changed_on: Option<DateTime<Utc>>,
    pub last_deleted_on: Option<DateTime<Utc>>,
    pub issue_date: Option<NaiveDate>,
}

impl From<&Kpis> for KpisView {
    fn from(k: &Kpis) -> Self {
        let money = |v: Decimal| format_amount(v, k.currency);
        Self {
            currency: k.currency.code().to_string(),
            total_expense: money(k.total_expense),
            estimated_total: money(k.estimated_total),
            total_outstanding: money(k.total_outstanding),
            total_overdue: money(k.total_overdue),
            last_invoice_issue_date: k.last_invoice_issue_date,
            last_invoice_total: k.last_invoice_total.map(money),
            total_purchase_invoice: k.total_purchase_invoice,
            last_reactivated_on: k.last_reactivated_on,
            last_calcelled_on: k.last_cancelled_on,
            last_changed_on: k.last_changed_on,
            last_deleted_on: k.last_deleted_on,
            issue_date: k.issue_date,
        }
    }
}

/// The supplier's bill (an addition to the seed's keys).
#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct BillView {
    pub supplier_invoice_id: String,
    pub issue_date: NaiveDate,
    pub due_date: NaiveDate,
    #[schema(example = "600.00")]
    pub total: String,
    /// Input tax, the order's share.
    #[schema(example = "100.00")]
    pub tax: String,
    pub paid: String,
    pub outstanding: String,
}

/// A custom attribute.
#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct CustomAttributeView {
    pub name: String,
    pub value: String,
}

/// A purchase order in seed 002's keys; `lines` and `kpis` where the route
/// shows them.
#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct PurchaseOrderView {
    /// `draft`, `issued`, `partially_received`, `received`, `billed` or
    /// `cancelled`.
    #[schema(example = "issued")]
    pub status: String,
    pub id: String,
    /// The same as `id`.
    pub uuid: String,
    #[schema(example = "PO-0001")]
    pub number: String,
    pub currency: CurrencyRef,
    pub supplier_invoice_id: Option<String>,
    pub issue_date: NaiveDate,
    pub due_date: Option<NaiveDate>,
    pub expected_completion_date: Option<NaiveDate>,
    #[schema(example = "500.00")]
    pub subtotal: String,
    #[schema(example = "100.00")]
    pub tax: String,
    #[schema(example = "600.00")]
    pub total: String,
    pub price_tax_inclusive: bool,
    pub purchase_order_note: Option<String>,
    /// The vendor (a contact of the account).
    pub account_id: String,
    pub created_by: String,
    pub created_on: DateTime<Utc>,
    pub last_updated_by: String,
    pub last_updated_on: DateTime<Utc>,
    pub version: u64,
    pub custom_attributes: Vec<CustomAttributeView>,
    /// Not kept: always empty.
    pub custom_objects: Vec<serde_json::Value>,
    pub bill: Option<BillView>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub lines: Option<Vec<PurchaseLineView>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub kpis: Option<KpisView>,
}

impl PurchaseOrderView {
    /// The order without lines and KPIs (`…/information`).
    pub fn information(po: &PurchaseOrder) -> Self {
        let c = po.body.currency();
        let money = |v: Decimal| format_amount(v, c);
        Self {
            status: po.status.as_str().to_string(),
            id: po.id.to_string(),
            uuid: po.id.to_string(),
            number: po.number.clone(),
            currency: CurrencyRef::from(c),
            supplier_invoice_id: po.supplier_invoice_id.clone(),
            issue_date: po.body.issue_date,
            due_date: po.due_date,
            expected_completion_date: po.expected_completion_date,
            subtotal: money(po.body.totals.subtotal),
            tax: money(po.body.tax_amount()),
            total: money(po.body.total()),
            price_tax_inclusive: po.body.input.prices_include_tax,
            purchase_order_note: po.body.notes.clone(),
            account_id: po.body.contact_id.to_string(),
            created_by: po.created_by.clone(),
            created_on: po.created_at,
            last_updated_by: po.last_updated_by.clone(),
            last_updated_on: po.updated_at,
            version: po.version,
            custom_attributes: po
                .custom_attributes
                .iter()
                .map(|a| CustomAttributeView {
                    name: a.name.clone(),
                    value: a.value.clone(),
                })
                .collect(),
            custom_objects: Vec::new(),
            bill: po.bill.as_ref().map(|b| BillView {
                supplier_invoice_id: b.supplier_invoice_id.clone(),
                issue_date: b.issue_date,
                due_date: b.due_date,
                total: money(b.total),
                tax: money(b.tax),
                paid: money(b.paid),
                outstanding: money(b.outstanding()),
            }),
            lines: None,
            kpis: None,
        }
    }

    /// The whole order: lines and its KPIs as of `today`.
    pub fn full(po: &PurchaseOrder, today: NaiveDate) -> Self {
        let summary = PurchaseOrderSummary::from(po);
        let own = kpis(po.body.currency(), [&summary], today);
        Self {
            lines: Some(lines_of(po)),
            kpis: Some(KpisView::from(&own)),
            ..Self::information(po)
        }
    }
}

/// `{"purchase_order": {...}}`.
#[derive(Debug, Serialize, ToSchema)]
pub struct PurchaseOrderEnvelope {
    pub purchase_order: PurchaseOrderView,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct LinesOnly {
    pub lines: Vec<PurchaseLineView>,
}

/// `{"purchase_order": {"lines": [...]}}`.
#[derive(Debug, Serialize, ToSchema)]
pub struct LinesEnvelope {
    pub purchase_order: LinesOnly,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct LineOnly {
    pub line: PurchaseLineView,
}

/// `{"purchase_order": {"line": {...}}}`.
#[derive(Debug, Serialize, ToSchema)]
pub struct LineEnvelope {
    pub purchase_order: LineOnly,
}
