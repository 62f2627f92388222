//! Request and response shapes of the order routes (API.md §8, §10).

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use uome_core::orders::{OrderApproved, OrderAt, OrderInput, OrderLine, PlacedBy};
use uome_domain::{ContactId, Decimal};
use uome_http::documents::{ApprovedInvoiceView, DocumentBodyView};
use utoipa::{IntoParams, ToSchema};

/// One ordered line: a catalogue item and how many. Name, unit, price and
/// tax rate are the catalogue's; a line naming them is refused.
#[derive(Clone, Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct OrderLineRequest {
    /// An active item of the business's catalogue.
    #[schema(format = Uuid)]
    pub item_id: String,
    /// > 0, up to 4 decimal places.
    #[serde(with = "uome_domain::decimal_input::json")]
    #[schema(value_type = String, example = "2", format = "decimal-positive")]
    pub quantity: Decimal,
}

fn lines(lines: &[OrderLineRequest]) -> Vec<OrderLine> {
    lines
        .iter()
        .map(|line| OrderLine {
            item_id: line.item_id.clone(),
            quantity: line.quantity,
        })
        .collect()
}

/// `POST /v1/orders`: the business enters an order for a contact.
#[derive(Clone, Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct OrderRequest {
    /// The customer who orders.
    #[schema(format = Uuid)]
    pub contact_id: String,
    /// ISO 4217; default the contact's currency, else the company's.
    #[serde(default)]
    pub currency: Option<String>,
    /// 1 to 500.
    #[schema(min_items = 1, max_items = 500)]
    pub lines: Vec<OrderLineRequest>,
    #[serde(default)]
    #[schema(max_length = 2000, format = "paragraphs")]
    pub notes: Option<String>,
}

impl OrderRequest {
    pub fn input(&self) -> OrderInput {
        OrderInput {
            contact_id: ContactId::from(self.contact_id.trim()),
            currency: self.currency.clone(),
            lines: lines(&self.lines),
            notes: self.notes.clone(),
        }
    }
}

/// `POST /v1/portal/orders`: the client orders for itself.
#[derive(Clone, Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PortalOrderRequest {
    /// ISO 4217; default the contact's currency, else the company's.
    #[serde(default)]
    pub currency: Option<String>,
    /// 1 to 500.
    #[schema(min_items = 1, max_items = 500)]
    pub lines: Vec<OrderLineRequest>,
    /// A note to the business.
    #[serde(default)]
    #[schema(max_length = 2000, format = "paragraphs")]
    pub notes: Option<String>,
}

impl PortalOrderRequest {
    pub fn input(&self, contact_id: &str) -> OrderInput {
        OrderInput {
            contact_id: ContactId::from(contact_id),
            currency: self.currency.clone(),
            lines: lines(&self.lines),
            notes: self.notes.clone(),
        }
    }
}

/// An order as the API shows it.
#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct OrderView {
    pub id: String,
    #[schema(example = "ORD-0001")]
    pub number: String,
    /// `pending`, `approved` or `rejected`.
    #[schema(example = "pending")]
    pub status: String,
    /// `client` (through the portal) or `business`.
    #[schema(example = "client")]
    pub placed_by: String,
    /// The invoice its approval issued.
    pub invoice_id: Option<String>,
    pub reject_reason: Option<String>,
    /// When it was approved or rejected.
    pub decided_at: Option<DateTime<Utc>>,
    /// When the client last reminded the business.
    pub last_reminded_at: Option<DateTime<Utc>>,
    pub version: u64,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    #[serde(flatten)]
    pub body: DocumentBodyView,
}

impl uome_http::documents::DocumentView for OrderView {
    fn body_mut(&mut self) -> &mut DocumentBodyView {
        &mut self.body
    }
}

impl From<&OrderAt> for OrderView {
    fn from(at: &OrderAt) -> Self {
        let o = &at.document;
        Self {
            id: o.id.to_string(),
            number: o.number.clone(),
            status: o.status.as_str().to_string(),
            placed_by: match o.placed_by {
                PlacedBy::Client => "client",
                PlacedBy::Business => "business",
            }
            .to_string(),
            invoice_id: o.invoice_id.clone(),
            reject_reason: o.reject_reason.clone(),
            decided_at: o.decided_at,
            last_reminded_at: o.last_reminded_at,
            version: o.version,
            created_at: o.created_at,
            updated_at: o.updated_at,
            body: DocumentBodyView::from(&o.body),
        }
    }
}

/// `POST /v1/orders/{id}/approve`: the approved order and the invoice it
/// issued.
#[derive(Debug, Serialize, ToSchema)]
pub struct ApproveOrderResponse {
    pub order: OrderView,
    pub invoice: ApprovedInvoiceView,
}

impl From<&OrderApproved> for ApproveOrderResponse {
    fn from(approved: &OrderApproved) -> Self {
        Self {
            order: OrderView::from(&approved.order),
            invoice: ApprovedInvoiceView::from(&approved.invoice),
        }
    }
}

/// `GET /v1/orders` filters (plus `limit` and `cursor`).
#[derive(Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct OrderListQuery {
    /// `YYYY-MM`: orders placed that month.
    pub month: Option<String>,
    /// `pending`, `approved` or `rejected`.
    #[param(pattern = "^(|pending|approved|rejected)$")]
    pub status: Option<String>,
    /// Orders of this contact.
    #[serde(default, deserialize_with = "uome_http::query_id::optional")]
    #[param(value_type = Option<uuid::Uuid>)]
    pub contact_id: Option<String>,
    /// `lines`: each order with its lines; otherwise summaries without.
    #[param(pattern = "^(|lines)$")]
    pub expand: Option<String>,
    /// 1–200, default 50.
    pub limit: Option<u32>,
    /// The `next_cursor` of the previous page.
    pub cursor: Option<String>,
}

/// `GET /v1/portal/orders` filters (plus `limit` and `cursor`).
#[derive(Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct PortalOrderListQuery {
    /// `pending`, `approved` or `rejected`.
    #[param(pattern = "^(|pending|approved|rejected)$")]
    pub status: Option<String>,
    /// `lines`: each order with its lines; otherwise summaries without.
    #[param(pattern = "^(|lines)$")]
    pub expand: Option<String>,
    /// 1–200, default 50.
    pub limit: Option<u32>,
    /// The `next_cursor` of the previous page.
    pub cursor: Option<String>,
}
