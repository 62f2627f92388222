//! `/v1/account/settings` and `/v1/account/settings/purchase-orders`.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use uome_core::account::settings::{
    Numbering, NumberingInput, Reminders, RemindersInput, Settings, SettingsInput,
};
use utoipa::ToSchema;

use super::ReadOnly;

/// `PUT /v1/account/settings`: a full replace; anything absent takes its
/// default.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"purchase_orders_enabled": true, "default_payment_terms_days": 14, "numbering": {"invoice_prefix": "INV-", "quote_prefix": "QUO-", "order_prefix": "ORD-", "purchase_order_prefix": "PO-", "credit_note_prefix": "CN-", "padding": 4}, "reminders": {"enabled": true, "before_due_days": 3, "levels": [1, 7, 14]}, "version": 1}))]
pub struct SettingsRequest {
    /// Default false.
    #[serde(default)]
    pub purchase_orders_enabled: Option<bool>,
    /// 0–365, default 30.
    #[serde(default)]
    pub default_payment_terms_days: Option<i64>,
    #[serde(default)]
    pub numbering: Option<NumberingRequest>,
    #[serde(default)]
    pub reminders: Option<RemindersRequest>,
    #[serde(default)]
    pub version: Option<u64>,
    #[serde(default)]
    #[schema(ignore)]
    pub updated_at: ReadOnly,
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NumberingRequest {
    /// ≤ 20 characters, no spaces; default `INV-`.
    #[serde(default)]
    pub invoice_prefix: Option<String>,
    /// Default `QUO-`.
    #[serde(default)]
    pub quote_prefix: Option<String>,
    /// Default `ORD-`.
    #[serde(default)]
    pub order_prefix: Option<String>,
    /// Default `PO-`.
    #[serde(default)]
    pub purchase_order_prefix: Option<String>,
    /// Default `CN-`.
    #[serde(default)]
    pub credit_note_prefix: Option<String>,
    /// Digits of the sequence, 1–12; default 4 (`INV-0001`).
    #[serde(default)]
    pub padding: Option<i64>,
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct RemindersRequest {
    /// Default true.
    #[serde(default)]
    pub enabled: Option<bool>,
    /// Days before the due date of the courtesy reminder, 0–365; default 3.
    #[serde(default)]
    pub before_due_days: Option<i64>,
    /// Days after the due date of each dunning level: 1–365, strictly
    /// increasing, at most 10; default `[1, 7, 14]`.
    #[serde(default)]
    pub levels: Option<Vec<i64>>,
}

impl From<SettingsRequest> for SettingsInput {
    fn from(body: SettingsRequest) -> Self {
        Self {
            purchase_orders_enabled: body.purchase_orders_enabled,
            default_payment_terms_days: body.default_payment_terms_days,
            numbering: body.numbering.map(|n| NumberingInput {
                invoice_prefix: n.invoice_prefix,
                quote_prefix: n.quote_prefix,
                order_prefix: n.order_prefix,
                purchase_order_prefix: n.purchase_order_prefix,
                credit_note_prefix: n.credit_note_prefix,
                padding: n.padding,
            }),
            reminders: body.reminders.map(|r| RemindersInput {
                enabled: r.enabled,
                before_due_days: r.before_due_days,
                levels: r.levels,
            }),
        }
    }
}

/// `PUT /v1/account/settings/purchase-orders` (seed 000's form).
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"status": "A"}))]
pub struct PurchaseOrdersRequest {
    /// `A` (active: contacts may order) or `I` (inactive).
    #[serde(default)]
    #[schema(required = true)]
    pub status: Option<String>,
    #[serde(default)]
    pub version: Option<u64>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct SettingsResponse {
    pub purchase_orders_enabled: bool,
    pub default_payment_terms_days: u32,
    pub numbering: NumberingResponse,
    pub reminders: RemindersResponse,
    /// 0 until the settings are first saved.
    pub version: u64,
    pub updated_at: Option<DateTime<Utc>>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct NumberingResponse {
    pub invoice_prefix: String,
    pub quote_prefix: String,
    pub order_prefix: String,
    pub purchase_order_prefix: String,
    pub credit_note_prefix: String,
    pub padding: u32,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct RemindersResponse {
    pub enabled: bool,
    pub before_due_days: u32,
    pub levels: Vec<u32>,
}

impl SettingsResponse {
    pub fn new(settings: Settings, version: u64) -> Self {
        let Numbering {
            invoice_prefix,
            quote_prefix,
            order_prefix,
            purchase_order_prefix,
            credit_note_prefix,
            padding,
        } = settings.numbering;
        let Reminders {
            enabled,
            before_due_days,
            levels,
        } = settings.reminders;
        Self {
            purchase_orders_enabled: settings.purchase_orders_enabled,
            default_payment_terms_days: settings.default_payment_terms_days,
            numbering: NumberingResponse {
                invoice_prefix,
                quote_prefix,
                order_prefix,
                purchase_order_prefix,
                credit_note_prefix,
                padding,
            },
            reminders: RemindersResponse {
                enabled,
                before_due_days,
                levels,
            },
            version,
            updated_at: settings.updated_at,
        }
    }
}
