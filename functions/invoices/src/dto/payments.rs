//! `GET /v1/payments` (API.md §7b): the filters of the account-wide list.

use serde::Deserialize;

/// `GET /v1/payments` filters.
#[derive(Clone, Debug, Default, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct AllPaymentsQuery {
    /// `YYYY-MM` of the payment's date.
    #[param(example = "2026-11")]
    pub month: Option<String>,
    /// `bank_transfer, card, cash, cheque, other, credit_note`.
    #[param(pattern = "^(|bank_transfer|card|cash|cheque|other|credit_note)$")]
    pub method: Option<String>,
    #[serde(default, deserialize_with = "uome_http::query_id::optional")]
    #[param(value_type = Option<uuid::Uuid>)]
    pub contact_id: Option<String>,
    #[serde(default, deserialize_with = "uome_http::query_id::optional")]
    #[param(value_type = Option<uuid::Uuid>)]
    pub invoice_id: Option<String>,
    /// 1–200, default 50.
    pub limit: Option<u32>,
    pub cursor: Option<String>,
}
