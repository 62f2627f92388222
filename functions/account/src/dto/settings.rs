//! `/v1/account/settings` and `/v1/account/settings/purchase-orders`.
//!
//! [`SettingsRequest`] is not core's `SettingsInput`: it takes the `version`
//! and refuses the read-only `updated_at` (its `numbering` and `reminders` are
//! core's inputs as they are). [`PurchaseOrdersRequest`] has no core input.

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
#[schema(example = json!({"purchase_orders_enabled": true, "default_payment_terms_days": 14, "numbering": {"invoice_prefix": "INV-", "quote_prefix": "QUO-", "order_prefix": "ORD-", "purchase_order_prefix": "PO-", "credit_note_prefix": "CN-", "receipt_prefix": "RCT-", "padding": 4}, "reminders": {"enabled": true, "before_due_days": 3, "levels": [1, 7, 14]}, "cash_rounding": "0.05", "reverse_charge": true, "vat_exemption_reason": null, "version": 1}))]
pub struct SettingsRequest {
    /// Default false.
    #[serde(default)]
    pub purchase_orders_enabled: Option<bool>,
    /// 0–365, default 30.
    #[serde(default)]
    pub default_payment_terms_days: Option<i64>,
    #[serde(default, deserialize_with = "uome_domain::json_object::option")]
    pub numbering: Option<NumberingInput>,
    #[serde(default, deserialize_with = "uome_domain::json_object::option")]
    pub reminders: Option<RemindersInput>,
    /// The POS's cash step, e.g. `0.05`: cash totals are rounded to a
    /// multiple of it. Absent: CHF to 0.05, other currencies to their minor
    /// unit.
    #[serde(default, with = "uome_domain::decimal_input::json_opt")]
    #[schema(value_type = Option<String>, format = "decimal-positive", example = "0.05")]
    pub cash_rounding: Option<uome_domain::Decimal>,
    /// E-invoices: zero-rated lines to a buyer with a VAT number of another
    /// country are reverse charge (`AE`). Default false.
    #[serde(default)]
    pub reverse_charge: Option<bool>,
    /// E-invoices: why zero-rated lines are exempt (VAT category `E`),
    /// one line of at most 255 characters. Absent: they are zero-rated
    /// (`Z`).
    #[serde(default)]
    #[schema(max_length = 255)]
    pub vat_exemption_reason: Option<String>,
    /// The labels of documents' `custom_fields`, by position (at most 4,
    /// each one line of at most 255 characters; `null` leaves one unset).
    #[serde(default)]
    #[schema(max_items = 4)]
    pub custom_field_labels: Vec<Option<String>>,
    #[serde(default)]
    pub version: Option<u64>,
    #[serde(default)]
    #[schema(ignore)]
    pub updated_at: ReadOnly,
}

impl From<SettingsRequest> for SettingsInput {
    fn from(body: SettingsRequest) -> Self {
        Self {
            purchase_orders_enabled: body.purchase_orders_enabled,
            default_payment_terms_days: body.default_payment_terms_days,
            numbering: body.numbering,
            reminders: body.reminders,
            cash_rounding: body.cash_rounding,
            reverse_charge: body.reverse_charge,
            vat_exemption_reason: body.vat_exemption_reason,
            custom_field_labels: body.custom_field_labels,
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
    #[schema(required = true, pattern = "^[AaIi]$")]
    pub status: Option<String>,
    #[serde(default)]
    pub version: Option<u64>,
}

/// The settings as stored; `numbering` and `reminders` are core's
/// `Numbering` and `Reminders` as they are (schemas derived in core).
#[derive(Debug, Serialize, ToSchema)]
pub struct SettingsResponse {
    pub purchase_orders_enabled: bool,
    pub default_payment_terms_days: u32,
    pub numbering: Numbering,
    pub reminders: Reminders,
    /// The POS's cash step, when the account set one.
    #[schema(value_type = Option<String>, example = "0.05")]
    pub cash_rounding: Option<String>,
    pub reverse_charge: bool,
    pub vat_exemption_reason: Option<String>,
    /// Labels of documents' `custom_fields`, by position.
    pub custom_field_labels: Vec<Option<String>>,
    /// 0 until the settings are first saved.
    pub version: u64,
    pub updated_at: Option<DateTime<Utc>>,
}

impl SettingsResponse {
    pub fn new(settings: Settings, version: u64) -> Self {
        Self {
            purchase_orders_enabled: settings.purchase_orders_enabled,
            default_payment_terms_days: settings.default_payment_terms_days,
            numbering: settings.numbering,
            reminders: settings.reminders,
            cash_rounding: settings
                .cash_rounding
                .map(|step| step.normalize().to_string()),
            reverse_charge: settings.reverse_charge,
            vat_exemption_reason: settings.vat_exemption_reason,
            custom_field_labels: settings.custom_field_labels,
            version,
            updated_at: settings.updated_at,
        }
    }
}
